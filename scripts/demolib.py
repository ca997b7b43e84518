"""What every plugin's demo/demo.py shares: the default tenant's database from crm.conf,
SQL quoting, and loading once (a crm_setting marks the tenant as loaded)."""
import configparser
import subprocess
import sys


def q(v):
    """A SQL literal: NULL, a number as it is, or a quoted string."""
    if v is None:
        return "NULL"
    if isinstance(v, int):
        return str(v)
    return "'" + str(v).replace("\\", "\\\\").replace("'", "''") + "'"


class Demo:
    """One plugin's demo data: `what` names it in messages, `table` tells whether the
    plugin is installed, `mark` is the setting that says it was loaded."""

    def __init__(self, what, table, mark):
        if len(sys.argv) != 2:
            sys.exit("usage: demo.py CRM_CONF")
        conf = configparser.ConfigParser(interpolation=None, inline_comment_prefixes=None)
        conf.read(sys.argv[1], encoding="utf-8")
        db = conf["db"]
        self.what, self.table, self.mark = what, table, mark
        self.cmd = ["mariadb", "--no-defaults", "--socket=" + db.get("socket", ""), "-u", db.get("user", "root"),
                    "--default-character-set=utf8mb4", "-N", "-B", conf["tenant default"]["database"]]
        if db.get("password"):
            self.cmd.insert(2, "--password=" + db["password"])

    def run(self, sql):
        p = subprocess.run(self.cmd, input=sql, capture_output=True, text=True)
        if p.returncode:
            sys.exit("demo %s: mariadb failed: %s" % (self.what, p.stderr.strip()))
        return p.stdout.strip()

    def has(self, table):
        return bool(self.run("SHOW TABLES LIKE %s;" % q(table)))

    def start(self, users=("owner", "manager")):
        """Whether to load: the plugin is installed, not loaded yet, the demo users exist."""
        if not self.has(self.table):
            print("Demo %s: the %s module is not installed; skipped." % (self.what, self.what))
            return False
        if self.run("SELECT value FROM crm_setting WHERE name = %s;" % q(self.mark)):
            print("Demo %s: already loaded." % self.what)
            return False
        logins = ", ".join(q(u) for u in users)
        if self.run("SELECT COUNT(*) FROM crm_user WHERE login IN (%s);" % logins) != str(len(users)):
            sys.exit("demo %s: the demo users %s are missing" % (self.what, " and ".join(users)))
        return True
