"""The SDK as a third party meets it: `make install DESTDIR` lays out the tree, the example
plugin builds out of the source tree against that tree through pkg-config alone, and the
installed crmctl and crmd (nothing from the build dir) migrate, list and serve it.

The installed crmd runs on its own socket with a throwaway tenant database on the test
MariaDB; GET /hello is asked over FastCGI with cgi-fcgi. Everything is removed at exit.
"""
import os
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.parse

from crmtest import BUILD, CONF, ROOT, STATE, main, sql, test, wait_for

TMP = tempfile.mkdtemp(prefix="crm-sdk-")
DEST = os.path.join(TMP, "dest")      # the DESTDIR of `make install`
USR = os.path.join(DEST, "usr")
SRC = os.path.join(TMP, "hello")      # the example, copied out of the tree
RUN = os.path.join(TMP, "run")        # the installed crmd's socket, pid, log, config
DB = "crm_sdk_" + secrets.token_hex(4)
_done = {}
_crmd = {}


def run(args, env=None, cwd=None):
    """A command with LD_LIBRARY_PATH removed, so installed binaries use their RUNPATH."""
    e = {k: v for k, v in os.environ.items() if k != "LD_LIBRARY_PATH"}
    e.update(env or {})
    p = subprocess.run(args, capture_output=True, text=True, env=e, cwd=cwd)
    if p.returncode != 0:
        raise AssertionError("%s failed (%d): %s %s" % (" ".join(args), p.returncode,
                                                         p.stdout[-2000:], p.stderr[-2000:]))
    return p.stdout


def sanitized():
    """Whether the build under test is the ASan one (then install must not rebuild it plain)."""
    out = run(["nm", "-D", "--undefined-only", os.path.join(BUILD, "lib", "libcrm.so.1")])
    return "__asan_init" in out


def install():
    if "install" not in _done:
        args = ["make", "-s", "-C", ROOT, "install", "PREFIX=/usr", "DESTDIR=" + DEST, "BUILD=" + BUILD]
        if sanitized():
            args.append("SAN=1")
        run(args)
        _done["install"] = True


def sdk_env(sysroot):
    env = {"PKG_CONFIG_PATH": os.path.join(USR, "lib", "pkgconfig")}
    if sysroot:
        env["PKG_CONFIG_SYSROOT_DIR"] = DEST
    return env


def build_example():
    if "example" in _done:
        return _done["example"]
    install()
    # A sysroot carries the SDK's own dependencies too: give it the host's libxml2 headers.
    for flag in run(["pkg-config", "--cflags-only-I", "libxml-2.0"]).split():
        inc = flag[2:]
        link = DEST + inc
        if not os.path.exists(link):
            os.makedirs(os.path.dirname(link), exist_ok=True)
            os.symlink(inc, link)
    shutil.rmtree(SRC, ignore_errors=True)
    shutil.copytree(os.path.join(ROOT, "examples", "hello-plugin"), SRC,
                    ignore=shutil.ignore_patterns("*.so", "gen"))
    _done["example"] = run(["make", "-C", SRC], env=sdk_env(True))
    return _done["example"]


def exported(lib):
    """Defined dynamic symbols of lib without their version (@@CRM_1), nor the version node."""
    out = run(["nm", "-D", "--defined-only", lib])
    return [line.split()[-1].split("@")[0] for line in out.splitlines() if line.split()[1:2] != ["A"]]


@test
def install_lays_out_binaries_sdk_and_data():
    install()
    for path in ["sbin/crmd", "bin/crmctl", "lib/libcrm.so.1", "lib/libcrm.so",
                 "include/crm/crm.h", "include/crm/plugin.h", "include/crm/request.h",
                 "include/crm/db.h", "include/crm/pool.h", "include/crm/xml.h", "include/crm/event.h",
                 "lib/crm/plugins/home.so", "share/crm/plugins/home/xsl/index.xsl",
                 "share/crm/plugins/home/i18n/ru.xml", "share/crm/themes/default/layout.xsl",
                 "share/crm/themes/default/static/crm.css", "share/crm/nginx/crm.conf",
                 "lib/systemd/system/crmd.service", "lib/pkgconfig/crm-plugin.pc",
                 "share/crm/sql2c.sh", "share/doc/crm/crm.conf.example"]:
        assert os.path.exists(os.path.join(USR, path)), "missing /usr/" + path
    for exe in ["sbin/crmd", "bin/crmctl", "share/crm/sql2c.sh"]:
        assert os.access(os.path.join(USR, exe), os.X_OK), exe + " is not executable"
    # Every public header is installed, and nothing internal is.
    headers = sorted(os.listdir(os.path.join(ROOT, "core", "include", "crm")))
    assert sorted(os.listdir(os.path.join(USR, "include", "crm"))) == headers
    # The tree's plugins, and no test plugin, reach an installed tree.
    want = {name + ".so" for name in os.listdir(os.path.join(ROOT, "plugins"))}
    got = set(os.listdir(os.path.join(USR, "lib", "crm", "plugins"))) - {"hello.so"}
    assert got == want, (got, want)
    with open(os.path.join(USR, "lib", "systemd", "system", "crmd.service")) as f:
        assert "ExecStart=/usr/sbin/crmd -c /etc/crm/crm.conf" in f.read()
    assert os.readlink(os.path.join(USR, "lib", "libcrm.so")) == "libcrm.so.1"


@test
def libcrm_exports_only_crm_symbols():
    install()
    names = exported(os.path.join(USR, "lib", "libcrm.so.1"))
    assert "crm_palloc" in names and "crm_db_query" in names, names[:20]
    stray = [n for n in names if not n.startswith("crm_")]
    assert not stray, "libcrm exports non-crm_ symbols: %s" % stray[:20]


@test
def installed_binaries_use_the_installed_libcrm():
    install()
    for exe in ["sbin/crmd", "bin/crmctl"]:
        out = run(["ldd", os.path.join(USR, exe)])
        found = [l.split()[2] for l in out.splitlines() if l.split()[:2] == ["libcrm.so.1", "=>"]]
        assert found and os.path.realpath(found[0]) == os.path.join(USR, "lib", "libcrm.so.1"), (exe, out)


@test
def pkg_config_points_into_the_installed_tree():
    install()
    flags = run(["pkg-config", "--cflags", "--libs", "crm-plugin"], env=sdk_env(True)).split()
    assert "-I" + os.path.join(USR, "include") in flags, flags
    assert "-L" + os.path.join(USR, "lib") in flags, flags
    assert "-lcrm" in flags and "-fvisibility=hidden" in flags, flags
    outside = [f for f in flags if f[:2] in ("-I", "-L") and not f[2:].startswith(DEST)]
    assert not outside, "paths outside DESTDIR: %s" % outside
    for var, want in [("plugindir", "lib/crm/plugins"), ("datadir", "share/crm"),
                      ("sql2c", "share/crm/sql2c.sh")]:
        got = run(["pkg-config", "--variable=" + var, "crm-plugin"], env=sdk_env(True)).strip()
        assert got == os.path.join(USR, want), (var, got)
        assert os.path.exists(got), got


@test
def example_builds_out_of_tree_against_the_sdk():
    out = build_example()
    so = os.path.join(SRC, "hello.so")
    assert os.path.exists(so), out
    # The compiler saw the installed headers, never the source tree's.
    assert "-I" + os.path.join(USR, "include") in out, out
    assert ROOT not in out, out
    assert exported(so) == ["crm_plugin_entry"], exported(so)
    needed = run(["readelf", "-d", so])
    assert "[libcrm.so.1]" in needed, needed
    # The migration travels inside the .so.
    with open(so, "rb") as f:
        assert b"CREATE TABLE IF NOT EXISTS hello_greeting" in f.read()


def db_settings():
    """The [db] section of the running stack's config: the same MariaDB and account."""
    out, on = [], False
    with open(CONF) as f:
        for line in f:
            s = line.strip()
            if s.startswith("["):
                on = s == "[db]"
            elif on and s and not s.startswith("#"):
                out.append(s)
    return "\n".join(out)


def write_conf():
    os.makedirs(os.path.join(RUN, "files"), exist_ok=True)
    conf = os.path.join(RUN, "crm.conf")
    with open(conf, "w") as f:
        f.write("""[server]
socket = {run}/crmd.sock
socket_mode = 0600
pid_file = {run}/crmd.pid
log_file = {run}/crmd.log
workers = 1
threads = 2
plugins_dir = {usr}/lib/crm/plugins
data_dir = {usr}/share/crm
theme = default
files_dir = {run}/files
locale = en

[db]
{db}

[tenant sdk]
database = {name}
""".format(run=RUN, usr=USR, db=db_settings(), name=DB))
    return conf


def crmctl(conf, *args):
    return run([os.path.join(USR, "bin", "crmctl"), "-c", conf] + list(args))


def fcgi(path, query="", lang="en"):
    """GET path from the installed crmd over FastCGI; (status, body)."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "REQUEST_METHOD": "GET",
           "SCRIPT_NAME": path, "DOCUMENT_URI": path,
           "REQUEST_URI": path + ("?" + query if query else ""), "QUERY_STRING": query,
           "SERVER_PROTOCOL": "HTTP/1.1", "GATEWAY_INTERFACE": "CGI/1.1", "REMOTE_ADDR": "127.0.0.1",
           "SERVER_NAME": "localhost", "SERVER_PORT": "80", "CRM_TENANT": "sdk",
           "HTTP_ACCEPT_LANGUAGE": lang}
    p = subprocess.run(["cgi-fcgi", "-bind", "-connect", os.path.join(RUN, "crmd.sock")],
                       capture_output=True, env=env, stdin=subprocess.DEVNULL, timeout=20)
    head, _, body = p.stdout.partition(b"\r\n\r\n")
    status = 200
    for line in head.decode("latin-1").split("\r\n"):
        if line.lower().startswith("status:"):
            status = int(line.split()[1])
    assert head, "no answer from crmd (%d): %s" % (p.returncode, p.stderr)
    return status, body.decode("utf-8", "replace")


def start_crmd(conf):
    env = {k: v for k, v in os.environ.items() if k != "LD_LIBRARY_PATH"}
    out = open(os.path.join(RUN, "crmd.out"), "ab")
    _crmd["proc"] = subprocess.Popen([os.path.join(USR, "sbin", "crmd"), "-c", conf], env=env,
                                     stdin=subprocess.DEVNULL, stdout=out, stderr=out,
                                     start_new_session=True)
    out.close()

    def up():
        assert _crmd["proc"].poll() is None, "the installed crmd exited: " + crmd_log()
        return os.path.exists(os.path.join(RUN, "crmd.sock")) and fcgi("/healthz")[0] == 200
    wait_for(up, timeout=30, what="the installed crmd to answer /healthz")


def crmd_log():
    text = ""
    for name in ["crmd.out", "crmd.log"]:
        try:
            with open(os.path.join(RUN, name), errors="replace") as f:
                text += f.read()[-1500:]
        except OSError:
            pass
    return text


def stop_crmd():
    p = _crmd.pop("proc", None)
    if not p or p.poll() is not None:
        return
    os.kill(p.pid, signal.SIGTERM)
    try:
        p.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.wait()
    # Its workers share its process group; wait until they are gone too.
    end = time.time() + 10
    while time.time() < end:
        try:
            os.killpg(p.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.killpg(p.pid, signal.SIGKILL)


@test
def example_loads_from_the_installed_tree():
    build_example()
    # The example's own install target, honouring DESTDIR, puts it where crmd looks.
    run(["make", "-C", SRC, "install", "DESTDIR=" + DEST], env=sdk_env(False))
    for path in ["lib/crm/plugins/hello.so", "share/crm/plugins/hello/xsl/hello.xsl",
                 "share/crm/plugins/hello/i18n/en.xml", "share/crm/plugins/hello/i18n/ru.xml"]:
        assert os.path.exists(os.path.join(USR, path)), "example install missed /usr/" + path
    conf = write_conf()
    try:
        crmctl(conf, "migrate")
        rows = sql("SELECT id, name FROM crm_migration WHERE plugin = 'hello'", database=DB)
        assert rows == [["1", "hello_greeting"]], rows
        assert sql("SELECT COUNT(*) FROM hello_greeting", database=DB) == [["1"]]
        # A second run applies nothing and inserts no second seed row.
        before = sql("SELECT COUNT(*) FROM crm_migration", database=DB)
        crmctl(conf, "migrate")
        assert sql("SELECT COUNT(*) FROM crm_migration", database=DB) == before
        assert sql("SELECT COUNT(*) FROM hello_greeting", database=DB) == [["1"]]

        listing = crmctl(conf, "plugin", "list", "-t", "sdk")
        line = [l for l in listing.splitlines() if l.split()[:1] == ["hello"]]
        assert line, listing
        assert line[0].split()[1:3] == ["1.0.0", "enabled"], line[0]
        assert os.path.join(USR, "lib", "crm", "plugins", "hello.so") in line[0], line[0]

        start_crmd(conf)
        status, body = fcgi("/hello", "name=" + urllib.parse.quote("Ann <b>"))
        assert status == 200, (status, body[:500], crmd_log())
        # The plugin's template rendered it, with its catalog's text and the name escaped.
        assert '<h2 class="card-title hello-greeting">Hello, Ann &lt;b&gt;!</h2>' in body, body[:3000]
        assert "<strong>1</strong>" in body, body[:3000]
        assert "Hello from the first migration" in body, body[:3000]
        # The count is read from the plugin's table at each request.
        sql("INSERT INTO hello_greeting (text) VALUES ('Second greeting')", database=DB)
        status, body = fcgi("/hello", lang="ru")
        assert status == 200, status
        assert "Привет, мир!" in body, body[:3000]
        assert "Приветствий в таблице" in body and "<strong>2</strong>" in body, body[:3000]
        # The route behind hello.view is refused to an anonymous visitor.
        status, body = fcgi("/hello/greetings.csv")
        assert status in (302, 303, 401, 403), status
        assert "Second greeting" not in body
    finally:
        stop_crmd()
        sql("DROP DATABASE IF EXISTS " + DB, database="mysql")


if __name__ == "__main__":
    try:
        main()
    finally:
        stop_crmd()
        shutil.rmtree(TMP, ignore_errors=True)
