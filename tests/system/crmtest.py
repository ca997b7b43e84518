"""Helpers for system tests: HTTP to the private nginx, the stack's commands, a tiny runner.

Each test is a function decorated with @test; main() runs them in order and prints
"ok - name" or "not ok - name: why" per test, which tests/run.sh counts.
"""
import glob
import hashlib
import html
import http.client as httpclient  # the module; http() below is the helper
import itertools
import os
import re
import subprocess
import sys
import time
import traceback
import urllib.parse

ROOT = os.environ.get("CRM_ROOT", os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
STATE = os.environ["CRM_STATE"]
BUILD = os.environ.get("BUILD", os.path.join(ROOT, "build"))
PORT = int(os.environ.get("PORT", "8090"))
CONF = os.path.join(STATE, "crm.conf")

_tests = []


def test(fn):
    _tests.append(fn)
    return fn


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None


def http(method, path, body=None, headers=None, port=None, timeout=30):
    """One request on a fresh connection; redirects are not followed."""
    conn = httpclient.HTTPConnection("127.0.0.1", port or PORT, timeout=timeout)
    h = {"Accept-Language": "en"}
    h.update(headers or {})
    if isinstance(body, dict):
        body = urllib.parse.urlencode(body)
        h.setdefault("Content-Type", "application/x-www-form-urlencoded")
    if isinstance(body, str):
        body = body.encode()
    conn.request(method, path, body=body, headers=h)
    r = conn.getresponse()
    resp = Response(r.status, r.getheaders(), r.read())
    conn.close()
    return resp


def get(path, **kw):
    return http("GET", path, **kw)


def post(path, data, **kw):
    return http("POST", path, body=data, **kw)


def multipart(fields, boundary="----crmtestboundary"):
    """Encode [(name, value) or (name, filename, content_type, bytes)] as multipart/form-data."""
    out = b""
    for f in fields:
        out += b"--" + boundary.encode() + b"\r\n"
        if len(f) == 2:
            out += b'Content-Disposition: form-data; name="%s"\r\n\r\n' % f[0].encode()
            out += f[1] if isinstance(f[1], bytes) else f[1].encode()
        else:
            out += b'Content-Disposition: form-data; name="%s"; filename="%s"\r\n' % (f[0].encode(), f[1].encode())
            out += b"Content-Type: %s\r\n\r\n" % f[2].encode()
            out += f[3]
        out += b"\r\n"
    out += b"--" + boundary.encode() + b"--\r\n"
    return out, "multipart/form-data; boundary=" + boundary


def sh(*args, check=True, env=None, input=None):
    e = dict(os.environ)
    e["LD_LIBRARY_PATH"] = os.path.join(BUILD, "lib")
    e.update(env or {})
    p = subprocess.run(args, capture_output=True, text=True, env=e, input=input)
    if check and p.returncode != 0:
        raise AssertionError("%s failed (%d): %s %s" % (" ".join(args), p.returncode, p.stdout, p.stderr))
    return p


def crmctl(*args, check=True, input=None):
    """crmctl on the stack's config; input goes to its stdin (passwords)."""
    return sh(os.path.join(BUILD, "bin", "crmctl"), "-c", CONF, *args, check=check, input=input)


def stack(cmd):
    return sh(os.path.join(ROOT, "scripts", "stack.sh"), cmd, STATE, env={"PORT": str(PORT), "BUILD": BUILD})


def sql(statement, database="crm_default"):
    """Run SQL through the mariadb client on the private socket; returns rows as lists of str."""
    p = sh("mariadb", "--socket=" + os.path.join(STATE, "mysql", "mysqld.sock"), "-u", "root",
           "-N", "-B", database, "-e", statement)
    return [line.split("\t") for line in p.stdout.splitlines()]


def crmd_pid():
    with open(os.path.join(STATE, "crmd.pid")) as f:
        return int(f.read().strip())


def children(pid):
    """Pids of the direct children of pid."""
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(x) for x in out.split()]


def wait_for(pred, timeout=15.0, step=0.1, what="condition"):
    end = time.time() + timeout
    while time.time() < end:
        try:
            if pred():
                return True
        except (OSError, httpclient.HTTPException):
            pass
        time.sleep(step)
    raise AssertionError("timed out waiting for " + what)


def log_text():
    with open(os.path.join(STATE, "crmd.log"), errors="replace") as f:
        return f.read()


_serial = itertools.count(1)


def unique(prefix="t"):
    """A name no earlier run or test used: prefix, the time, the process and a counter."""
    return "%s%x%x%d" % (prefix, int(time.time() * 1000) % 0xFFFFFFFF, os.getpid() % 0xFFFF, next(_serial))


def user_add(login, password, role="user", name=None, email=None):
    """Create an account with crmctl; returns its id."""
    args = ["user", "add", login, name or login.capitalize(), "-r", role]
    if email:
        args += ["-e", email]
    p = crmctl(*args, input=password + "\n")
    m = re.search(r"\(id (\d+)\)", p.stdout)
    if not m:
        raise AssertionError("crmctl user add printed no id: %r" % p.stdout)
    return int(m.group(1))


def statements():
    """Prepared statements the server has run (server-wide: take the least of a few tries)."""
    return int(sql("SHOW GLOBAL STATUS LIKE 'Com_stmt_execute'")[0][1])


def request_cost(s, uid, path):
    """Prepared statements one GET of path runs for user uid (signed in on s), and the
    last answer: the least of three tries, since the counter is server-wide; the session's
    idle clock is made fresh first, so its once-a-minute touch is not counted."""
    tries = []
    for _ in range(3):
        sql("UPDATE crm_session SET last_seen = NOW() WHERE user_id = %d" % uid)
        before = statements()
        r = s.get(path)
        assert r.status == 200, (path, r.status, r.text[:300])
        tries.append(statements() - before)
    return min(tries), r


def page_cost(s, uid, path):
    return request_cost(s, uid, path)[0]


def field_error(text, name):
    """The message shown under the form field named name (its id ends "-name"), or None."""
    for m in re.finditer(r'id="([^"]*)-error">([^<]*)<', text):
        if m.group(1).endswith("-" + name):
            return html.unescape(m.group(2))
    return None


def sha256_hex(s):
    return hashlib.sha256(s.encode()).hexdigest()


def form_value(html, name):
    """The value of the first <input name=NAME value=...> in a page, or None."""
    m = re.search(r'<input\b[^>]*\bname="%s"[^>]*>' % re.escape(name), html)
    if not m:
        return None
    v = re.search(r'\bvalue="([^"]*)"', m.group(0))
    return v.group(1).replace("&amp;", "&").replace("&quot;", '"') if v else ""


_catalogs = {}


def t(key, lang="en"):
    """A message as a page shows it (HTML-escaped), from the theme's and the plugins' catalogs."""
    if lang not in _catalogs:
        import xml.etree.ElementTree as ET
        cat = {}
        for pattern in ("themes/*/i18n/%s.xml", "plugins/*/i18n/%s.xml", "tests/plugins/*/i18n/%s.xml"):
            for path in sorted(glob.glob(os.path.join(ROOT, pattern % lang))):
                for m in ET.parse(path).getroot().iter("m"):
                    cat.setdefault(m.get("k"), m.text or "")
        _catalogs[lang] = cat
    if key not in _catalogs[lang]:
        raise AssertionError("no message %s in the %s catalogs" % (key, lang))
    return html.escape(_catalogs[lang][key], quote=False)


class Session:
    """A browser's view of the CRM: keeps cookies, sends the page's CSRF token on
    unsafe requests unless told not to, never follows redirects."""

    def __init__(self, port=None):
        self.port = port
        self.cookies = {}
        self.csrf = None

    def _absorb(self, resp):
        for k, v in resp.headers:
            if k.lower() != "set-cookie":
                continue
            pair, _, attrs = v.partition(";")
            name, _, value = pair.strip().partition("=")
            if re.search(r"(?i)max-age=0\b", attrs) or not value:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        if resp.body and "html" in (resp.header("Content-Type") or ""):
            token = form_value(resp.text, "csrf")
            if token:
                self.csrf = token
        return resp

    def request(self, method, path, data=None, headers=None, csrf=True):
        h = dict(headers or {})
        if self.cookies:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        body = data
        if method not in ("GET", "HEAD"):
            pairs = list(data.items()) if isinstance(data, dict) else list(data or [])
            if csrf and self.csrf and not any(k == "csrf" for k, _ in pairs):
                pairs.append(("csrf", self.csrf))
            body = urllib.parse.urlencode(pairs)
            h.setdefault("Content-Type", "application/x-www-form-urlencoded")
        return self._absorb(http(method, path, body=body, headers=h, port=self.port))

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, data=None, **kw):
        """data: a dict or a list of (name, value) pairs (for repeated names)."""
        return self.request("POST", path, data, **kw)

    def login(self, login, password, next="/profile/password", check=True):
        """Sign in through the form (login token and its cookie included); with check,
        insists on success and loads next so that the CSRF token is known."""
        page = self.get("/login?next=" + urllib.parse.quote(next, safe="/"))
        token = form_value(page.text, "login_token")
        resp = self.post("/login", {"login": login, "password": password, "login_token": token or "",
                                    "next": next}, csrf=False)
        if check:
            if resp.status != 303 or "crm_session" not in self.cookies:
                raise AssertionError("sign-in of %s failed: %d %s" % (login, resp.status, resp.text[:300]))
            page = self.get(next)
            if page.status != 200:
                raise AssertionError("after sign-in, %s answered %d" % (next, page.status))
        return resp

    @property
    def token(self):
        """The session cookie's value, or None."""
        return self.cookies.get("crm_session")


def main():
    failed = 0
    for fn in _tests:
        name = fn.__name__
        try:
            fn()
            print("ok - %s" % name, flush=True)
        except Exception as e:  # a test's failure, whatever its kind, is reported, not fatal
            failed += 1
            detail = "".join(traceback.format_exception_only(type(e), e)).strip().replace("\n", " | ")
            print("not ok - %s: %s" % (name, detail[:800]), flush=True)
    sys.exit(1 if failed else 0)
