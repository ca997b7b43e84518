"""The jobs process: a plugin's periodic job runs per tenant at its interval, and a
second crmd host on the same database never runs it twice (the job lock)."""
import os
import re
import subprocess
import time

from crmtest import BUILD, CONF, STATE, main, sql, test, wait_for


def ticks(database):
    """(time as epoch seconds, pid) of each run of alpha.tick, oldest first."""
    rows = sql("SELECT UNIX_TIMESTAMP(at), pid FROM alpha_tick ORDER BY id", database)
    return [(float(t), int(p)) for t, p in rows]


def gaps(rows):
    return [b[0] - a[0] for a, b in zip(rows, rows[1:])]


@test
def a_job_runs_at_its_interval_in_every_tenant():
    start = {db: len(ticks(db)) for db in ("crm_default", "crm_second")}
    wait_for(lambda: all(len(ticks(db)) >= start[db] + 3 for db in start), timeout=15, what="three runs per tenant")
    for db in start:
        recent = ticks(db)[start[db]:]
        assert min(gaps(recent)) >= 1.0, "%s ran alpha.tick too often: %s" % (db, gaps(recent))
    rows = sql("SELECT runs, last_status FROM crm_job WHERE name = 'alpha.tick'")
    assert int(rows[0][0]) >= 3 and rows[0][1] == "0", rows


@test
def two_hosts_on_one_database_never_run_a_job_twice():
    """A second crmd (its own socket, pid and log: another host) shares the database."""
    conf = os.path.join(STATE, "host2.conf")
    text = open(CONF).read()
    for key in ("socket", "pid_file", "log_file"):
        # The first match is the [server] one ([db] has a socket too).
        text = re.sub(r"(?m)^%s = (.*)$" % key, lambda m: "%s = %s.host2" % (key, m.group(1)), text, count=1)
    with open(conf, "w") as f:
        f.write(text)
    env = dict(os.environ, LD_LIBRARY_PATH=os.path.join(BUILD, "lib"))
    host2 = subprocess.Popen([os.path.join(BUILD, "bin", "crmd"), "-c", conf], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        before = len(ticks("crm_default"))
        # Both hosts' jobs processes run their pass every second for 10 s.
        time.sleep(10)
        rows = ticks("crm_default")[before:]
        assert len(rows) >= 3, "the job stopped running: %s" % rows
        assert min(gaps(rows)) >= 1.0, "two hosts ran alpha.tick at once: %s" % gaps(rows)
        assert host2.poll() is None, "the second host died"
        log = open(os.path.join(STATE, "crmd.log.host2")).read()
        assert "serving on" in log, log[-500:]
    finally:
        host2.terminate()
        host2.wait(timeout=30)
        os.unlink(conf)


if __name__ == "__main__":
    main()
