"""Migrations and tenants: applied once and recorded with a checksum, a changed one
refused by name, a half-applied one rerun after the fix, `crmctl tenant add`
creating and migrating a database, and tenants' data kept apart.

Tests that break a schema do it in a throwaway tenant added with crmctl; crm.conf
is restored byte for byte and the database dropped afterwards."""
import contextlib
import hashlib
import os
import re
import signal
import uuid

from crmtest import CONF, PORT, ROOT, crmctl, crmd_pid, get, log_text, main, post, sql, test, wait_for

ALPHA_SQL = os.path.join(ROOT, "tests", "plugins", "alpha", "migrations", "0001_alpha_item.sql")


def migrations(db="crm_default"):
    return sql("SELECT plugin, id, name, checksum, applied_at FROM crm_migration ORDER BY plugin, id", db)


def tables(db):
    return sql("SELECT TABLE_NAME, TABLE_TYPE, CREATE_TIME FROM information_schema.TABLES "
               "WHERE TABLE_SCHEMA = '%s' ORDER BY TABLE_NAME" % db, "mysql")


def read_conf():
    with open(CONF, "rb") as f:
        return f.read()


def wait_reload(mark):
    """Wait until crmd logged a finished reload after log offset mark."""
    wait_for(lambda: "reloaded: generation" in log_text()[mark:], timeout=30, what="crmd to reload")


@contextlib.contextmanager
def throwaway_tenant():
    """A tenant made with `crmctl tenant add`; yields (name, crmctl's output)."""
    name = "t" + uuid.uuid4().hex[:10]
    conf = read_conf()
    mark = len(log_text())
    try:
        p = crmctl("tenant", "add", name)
        # crmctl signalled crmd, whose reload migrates every tenant: let it finish
        # before a test breaks this one's schema under it.
        wait_reload(mark)
        yield name, p
    finally:
        try:
            mark = len(log_text())
            with open(CONF, "wb") as f:
                f.write(conf)
            os.kill(crmd_pid(), signal.SIGHUP)
            wait_reload(mark)
        finally:
            sql("DROP DATABASE IF EXISTS `crm_%s`" % name, "mysql")


def new_item(name, port=None):
    r = post("/alpha", {"name": name}, port=port)
    assert r.status == 303, "create answered %d: %s" % (r.status, r.text[:300])
    m = re.fullmatch(r"/alpha/(\d+)", r.header("Location") or "")
    assert m, "create redirected to %r" % r.header("Location")
    return int(m.group(1))


@test
def a_second_migrate_changes_nothing():
    before = {db: (migrations(db), tables(db)) for db in ("crm_default", "crm_second")}
    assert [r[:3] for r in before["crm_default"][0] if r[0] == "alpha"] == [["alpha", "1", "alpha_item"],
                                                                            ["alpha", "2", "alpha_tick"]]
    p = crmctl("migrate")
    assert "applied migration" not in p.stdout + p.stderr, p.stderr
    for db, (rows, tabs) in before.items():
        assert migrations(db) == rows, "crm_migration of %s changed" % db
        assert tables(db) == tabs, "tables of %s changed" % db


@test
def the_checksum_is_the_migrations_sql():
    with open(ALPHA_SQL, "rb") as f:
        want = hashlib.sha256(f.read()).hexdigest()
    for db in ("crm_default", "crm_second"):
        got = sql("SELECT checksum FROM crm_migration WHERE plugin = 'alpha' AND id = 1", db)
        assert got == [[want]], "%s: %r" % (db, got)


@test
def a_changed_applied_migration_is_refused_by_name():
    with throwaway_tenant() as (name, _):
        db = "crm_" + name
        (orig,), = sql("SELECT checksum FROM crm_migration WHERE plugin = 'alpha' AND id = 1", db)
        sql("UPDATE crm_migration SET checksum = 'x' WHERE plugin = 'alpha' AND id = 1", db)
        before = migrations(db), tables(db)
        p = crmctl("migrate", name, check=False)
        assert p.returncode != 0, "migrate accepted a changed migration"
        assert "alpha/0001_alpha_item" in p.stderr and "changed" in p.stderr, p.stderr
        assert (migrations(db), tables(db)) == before, "a refused migrate changed the schema"
        sql("UPDATE crm_migration SET checksum = '%s' WHERE plugin = 'alpha' AND id = 1" % orig, db)
        crmctl("migrate", name)


@test
def a_migration_that_failed_halfway_is_rerun_after_the_fix():
    with throwaway_tenant() as (name, _):
        db = "crm_" + name
        (checksum,), = sql("SELECT checksum FROM crm_migration WHERE plugin = 'alpha' AND id = 1", db)
        # Undo alpha's migration, then put a view where its table goes: CREATE TABLE
        # IF NOT EXISTS passes over the view, and the next statement (the index) fails.
        sql("DROP TABLE alpha_item", db)
        sql("DELETE FROM crm_migration WHERE plugin = 'alpha'", db)
        sql("CREATE VIEW alpha_item AS SELECT 1 AS id, 'v' AS name", db)
        p = crmctl("migrate", name, check=False)
        assert p.returncode != 0, "migrate succeeded over a conflicting view"
        assert "alpha/0001_alpha_item failed" in p.stderr, p.stderr
        assert sql("SELECT COUNT(*) FROM crm_migration WHERE plugin = 'alpha'", db) == [["0"]], \
            "a failed migration was recorded"
        sql("DROP VIEW alpha_item", db)
        p = crmctl("migrate", name)
        assert "alpha/0001_alpha_item" in p.stderr, "the rerun did not apply it: %s" % p.stderr
        assert sql("SELECT name, checksum FROM crm_migration WHERE plugin = 'alpha' AND id = 1", db) == \
            [["alpha_item", checksum]]
        assert sql("SELECT TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = '%s' "
                   "AND TABLE_NAME = 'alpha_item'" % db, "mysql") == [["BASE TABLE"]]
        assert sql("SELECT DISTINCT INDEX_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = '%s' "
                   "AND TABLE_NAME = 'alpha_item' AND INDEX_NAME = 'alpha_item_name'" % db, "mysql") == \
            [["alpha_item_name"]]


@test
def tenant_add_creates_migrates_and_reloads():
    conf = read_conf()
    with throwaway_tenant() as (name, p):
        db = "crm_" + name
        assert "tenant %s added with database %s" % (name, db) in p.stdout, p.stdout
        assert re.search(r"crmd \(pid \d+\) reloaded", p.stdout), p.stdout
        assert read_conf() == conf + ("\n[tenant %s]\ndatabase = %s\n" % (name, db)).encode()
        assert sql("SHOW DATABASES LIKE '%s'" % db, "mysql") == [[db]]
        want = sorted(r[:4] for r in migrations())
        assert sorted(r[:4] for r in migrations(db)) == want, "the new tenant is not fully migrated"
        out = crmctl("plugin", "list", "-t", name).stdout
        assert re.search(r"^alpha\s+\S+\s+enabled\s", out, re.M), out
        assert re.search(r"^%s\s+%s$" % (name, db), crmctl("tenant", "list").stdout, re.M)
        # The same name twice is refused and leaves the config alone.
        again = crmctl("tenant", "add", name, check=False)
        assert again.returncode != 0 and "already exists" in again.stderr
        assert read_conf() == conf + ("\n[tenant %s]\ndatabase = %s\n" % (name, db)).encode()
    assert read_conf() == conf, "crm.conf was not restored"
    assert sql("SHOW DATABASES LIKE '%s'" % db, "mysql") == []


@test
def tenants_do_not_see_each_others_data():
    a_name = "iso-default-%s" % uuid.uuid4().hex[:8]
    b_name = "iso-second-%s" % uuid.uuid4().hex[:8]
    a = b = None
    try:
        a = new_item(a_name)
        b = new_item(b_name, port=PORT + 1)
        assert sql("SELECT name FROM alpha_item WHERE id = %d" % b, "crm_second") == [[b_name]]
        first, second = get("/alpha"), get("/alpha", port=PORT + 1)
        assert first.status == 200 and second.status == 200
        assert a_name in first.text and b_name not in first.text
        assert b_name in second.text and a_name not in second.text
        r = get("/alpha/%d" % a, port=PORT + 1)
        assert r.status in (200, 404) and a_name not in r.text
    finally:
        if a:
            sql("DELETE FROM alpha_item WHERE id = %d" % a)
        if b:
            sql("DELETE FROM alpha_item WHERE id = %d" % b, "crm_second")


if __name__ == "__main__":
    main()
