"""crmd's processes under load: the master's workers and jobs process, a worker
killed with SIGKILL, a SIGHUP reload, a graceful SIGTERM, and /metrics.

The last test stops crmd and brings the stack up again on the same state dir,
so the suites after this one find it running."""
import http.client
import os
import re
import signal
import threading
import time

from crmtest import CONF, PORT, children, crmd_pid, get, log_text, main, stack, test, wait_for


def conf_int(key, default):
    with open(CONF) as f:
        for line in f:
            m = re.match(r"\s*%s\s*=\s*(\d+)" % key, line)
            if m:
                return int(m.group(1))
    return default


WORKERS = conf_int("workers", 0) or os.cpu_count()
THREADS = conf_int("threads", 16)


def threads_of(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("Threads:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def alive(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().split(") ")[-1][0] != "Z"
    except OSError:
        return False


def workers(master):
    """Worker pids: the master's children that run the request threads."""
    return sorted(p for p in children(master) if threads_of(p) >= THREADS)


def others(master):
    return sorted(p for p in children(master) if 0 < threads_of(p) < THREADS)


def settled(master):
    """N workers and one jobs process, and nothing else (no reload checker, no old generation)."""
    return len(workers(master)) == WORKERS and len(others(master)) == 1 and \
        len(children(master)) == WORKERS + 1


def metrics():
    r = get("/metrics")
    assert r.status == 200, r.status
    return r.text


def metric(text, name, labels=None):
    """The value of one sample; labels is a dict that must match exactly; None when absent."""
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        m = re.match(r"^([a-z_]+)(?:\{(.*)\})? (\S+)$", line)
        if not m or m.group(1) != name:
            continue
        got = dict(re.findall(r'([a-z_]+)="([^"]*)"', m.group(2) or ""))
        if got == (labels or {}):
            return float(m.group(3))
    return None


class Load:
    """Threads sending GETs on fresh connections, counting answers other than 200."""

    def __init__(self, paths, threads=8, total=None):
        self.paths, self.n, self.total = paths, threads, total
        self.done = self.failed = 0
        self.errors = []
        self.pids = []  # (time, pid) from /probe/pid answers
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self.run, args=(i,)) for i in range(threads)]

    def run(self, i):
        k = i
        while not self.stop.is_set():
            with self.lock:
                if self.total is not None and self.done >= self.total:
                    return
            path = self.paths[k % len(self.paths)]
            k += 1
            status, body = 0, b""
            try:
                conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
                conn.request("GET", path)
                resp = conn.getresponse()
                status, body = resp.status, resp.read()
                conn.close()
            except (OSError, http.client.HTTPException) as e:
                body = repr(e).encode()
            with self.lock:
                self.done += 1
                if status != 200:
                    self.failed += 1
                    self.errors.append((path, status, body[:120]))
                elif path == "/probe/pid":
                    self.pids.append((time.monotonic(), int(body)))

    def start(self):
        for t in self.threads:
            t.start()
        return self

    def wait_done(self, n, timeout=30):
        wait_for(lambda: self.done >= n, timeout=timeout, step=0.01, what="%d requests" % n)

    def finish(self):
        """Stop an open-ended load; a load with a total runs to its end."""
        if self.total is None:
            self.stop.set()
        for t in self.threads:
            t.join(60)
        return self


@test
def master_runs_workers_and_jobs():
    master = crmd_pid()
    wait_for(lambda: settled(master), what="%d workers and 1 jobs process" % WORKERS)
    pids = set(workers(master))
    # Each worker really serves: the pids that answer are the workers'.
    load = Load(["/probe/pid"], threads=4, total=40 * WORKERS).start().finish()
    assert load.failed == 0, load.errors[:5]
    served = {p for _, p in load.pids}
    assert served <= pids, "answered by %r, workers are %r" % (served, pids)


@test
def metrics_count_requests():
    before = metrics()
    key = {"method": "GET", "route": "/probe/pid", "status": "200"}
    miss = {"method": "GET", "route": "(none)", "status": "404"}
    n0, m0 = metric(before, "crm_requests_total", key) or 0, metric(before, "crm_requests_total", miss) or 0
    c0 = metric(before, "crm_request_duration_seconds_count")
    for _ in range(3):
        assert get("/probe/pid").status == 200
    for _ in range(2):
        assert get("/no/such/metric-page").status == 404
    text = metrics()
    assert metric(text, "crm_requests_total", key) == n0 + 3, text
    assert metric(text, "crm_requests_total", miss) == m0 + 2, text
    assert "# TYPE crm_requests_total counter" in text
    assert "# TYPE crm_request_duration_seconds histogram" in text
    buckets = [(m.group(1), float(m.group(2))) for m in
               re.finditer(r'^crm_request_duration_seconds_bucket\{le="([^"]+)"\} (\S+)$', text, re.M)]
    assert len(buckets) >= 5 and buckets[-1][0] == "+Inf", buckets
    counts = [c for _, c in buckets]
    assert counts == sorted(counts), "buckets are not cumulative: %r" % buckets
    count = metric(text, "crm_request_duration_seconds_count")
    assert count == counts[-1] and count >= c0 + 5, (count, c0, counts)
    assert metric(text, "crm_request_duration_seconds_sum") > 0
    assert metric(text, "crm_workers_alive") == WORKERS, text


@test
def killed_worker_fails_only_its_requests():
    master = crmd_pid()
    wait_for(lambda: settled(master), what="a settled crmd")
    before = workers(master)
    victim = before[0]
    log_at = len(log_text())
    threads = 8
    load = Load(["/ping", "/probe/db", "/probe/pid"], threads=threads, total=300).start()
    try:
        load.wait_done(60)
        os.kill(victim, signal.SIGKILL)
    finally:
        load.finish()
    assert load.done >= 300, load.done
    assert load.failed <= threads, "%d requests failed: %r" % (load.failed, load.errors[:10])
    t0 = time.monotonic()
    wait_for(lambda: victim not in workers(master) and len(workers(master)) == WORKERS,
             timeout=10, what="the killed worker to be replaced")
    assert time.monotonic() - t0 < 5, "replacement took %.1f s" % (time.monotonic() - t0)
    fresh = set(workers(master)) - set(before)
    assert len(fresh) == 1, "expected one new worker: before %r, now %r" % (before, workers(master))
    wait_for(lambda: metric(metrics(), "crm_workers_alive") == WORKERS, timeout=5,
             what="crm_workers_alive back at %d" % WORKERS)
    assert "worker %d killed by signal 9" % victim in log_text()[log_at:]
    # The new worker serves too.
    wait_for(lambda: settled(master), what="a settled crmd")
    load = Load(["/probe/pid"], threads=4, total=60 * WORKERS).start().finish()
    assert load.failed == 0, load.errors[:5]
    assert {p for _, p in load.pids} & fresh, "the new worker answered nothing"


@test
def sighup_reload_fails_no_request():
    master = crmd_pid()
    wait_for(lambda: settled(master), what="a settled crmd")
    old = set(workers(master)) | set(others(master))
    load = Load(["/probe/pid", "/probe/db", "/ping", "/probe/slow?ms=50"], threads=6).start()
    try:
        load.wait_done(30)
        os.kill(master, signal.SIGHUP)
        # The new generation takes over and the old one goes once idle.
        wait_for(lambda: settled(master) and not (set(children(master)) & old), timeout=30,
                 what="a new generation of workers")
        switched = time.monotonic()
        n = load.done
        load.wait_done(n + 60)
    finally:
        load.finish()
    assert load.failed == 0, "%d requests failed during reload: %r" % (load.failed, load.errors[:10])
    assert crmd_pid() == master
    new = set(workers(master))
    assert len(new) == WORKERS and not (new & old), (old, new)
    served_old = {p for _, p in load.pids if p in old}
    served_new = {p for t, p in load.pids if p in new and t >= switched}
    assert served_old and served_new, "old %r / new %r generation answers" % (served_old, served_new)
    assert metric(metrics(), "crm_workers_alive") == WORKERS


@test
def sigterm_lets_inflight_requests_finish():
    master = crmd_pid()
    wait_for(lambda: settled(master), what="a settled crmd")
    result = {}
    log_at = len(log_text())

    def slow():
        t0 = time.monotonic()
        try:
            r = get("/probe/slow?ms=1500", timeout=30)
            result["status"], result["body"] = r.status, r.text
        except Exception as e:  # recorded and asserted below
            result["error"] = repr(e)
        result["secs"] = time.monotonic() - t0

    t = threading.Thread(target=slow)
    try:
        t.start()
        time.sleep(0.5)  # well inside the 1.5 s the handler sleeps
        os.kill(master, signal.SIGTERM)
        t.join(30)
        assert result.get("status") == 200, result
        assert result["body"].startswith("slept 1500"), result
        wait_for(lambda: not alive(master), timeout=15, what="crmd to exit")
        assert get("/ping").status == 502, "something still answers on crmd's socket"
        log = log_text()[log_at:]
        assert "[%d] info: stopping: letting in-flight requests finish" % master in log, log[-800:]
        assert "[%d] info: stopped" % master in log, log[-800:]
    finally:
        t.join(30)
        stack("up")
    again = crmd_pid()
    assert again != master
    assert get("/healthz").status == 200
    wait_for(lambda: settled(again), what="the restarted crmd to settle")


if __name__ == "__main__":
    main()
