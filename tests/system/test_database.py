"""The database going away and coming back: /healthz and pages answer 503 within
2 s while MariaDB is stopped, and 200 again once it is back, with the same crmd."""
import time

from crmtest import children, crmd_pid, get, main, stack, test, wait_for

DB_DOWN = "The database is not answering. Try again in a minute; nothing was lost."


def timed_get(path):
    t0 = time.monotonic()
    r = get(path, timeout=10)
    return r, time.monotonic() - t0


@test
def healthz_ok_while_database_runs():
    r = get("/healthz")
    assert r.status == 200 and r.text == "ok\n", (r.status, r.text)
    r = get("/probe/db")
    assert r.status == 200 and 'id="probe-db"' in r.text, r.text[:500]


@test
def database_outage_is_503_then_recovers():
    pid = crmd_pid()
    kids = sorted(children(pid))
    # Warm every path so that the outage hits kept connections, not only fresh ones.
    for _ in range(10):
        for path in ("/healthz", "/probe/db", "/"):
            assert get(path).status == 200, path
    try:
        stack("db-stop")
        # Several rounds: the first finds a kept connection dead, later ones fail to connect.
        for _ in range(3):
            for path in ("/healthz", "/probe/db", "/"):
                r, secs = timed_get(path)
                assert r.status == 503, "%s answered %d while the database was down" % (path, r.status)
                assert secs < 2.0, "%s took %.2f s to answer 503" % (path, secs)
                if path == "/healthz":
                    assert r.text == "database unavailable\n", r.text
                else:
                    assert r.header("Content-Type").startswith("text/html"), path
                    assert DB_DOWN in r.text, "%s: no db_down message: %s" % (path, r.text[:1000])
    finally:
        stack("db-start")
    t0 = time.monotonic()
    wait_for(lambda: all(get(p).status == 200 for p in ("/healthz", "/probe/db", "/")),
             timeout=10, what="pages to answer 200 after the database came back")
    assert time.monotonic() - t0 < 5, "recovery took %.1f s" % (time.monotonic() - t0)
    # Every thread's connection was either dropped or is stale: none may fail now.
    bad = [r.status for r in (get(p) for p in ("/probe/db", "/healthz") * 30) if r.status != 200]
    assert not bad, "after recovery some requests still failed: %r" % bad
    assert crmd_pid() == pid, "crmd was restarted"
    assert sorted(children(pid)) == kids, "crmd's workers were restarted"


if __name__ == "__main__":
    main()
