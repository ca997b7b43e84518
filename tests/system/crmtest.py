"""Helpers for system tests: HTTP to the private nginx, the stack's commands, a tiny runner.

Each test is a function decorated with @test; main() runs them in order and prints
"ok - name" or "not ok - name: why" per test, which tests/run.sh counts.
"""
import http.client as httpclient  # the module; http() below is the helper
import os
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


def sh(*args, check=True, env=None):
    e = dict(os.environ)
    e["LD_LIBRARY_PATH"] = os.path.join(BUILD, "lib")
    e.update(env or {})
    p = subprocess.run(args, capture_output=True, text=True, env=e)
    if check and p.returncode != 0:
        raise AssertionError("%s failed (%d): %s %s" % (" ".join(args), p.returncode, p.stdout, p.stderr))
    return p


def crmctl(*args, check=True):
    return sh(os.path.join(BUILD, "bin", "crmctl"), "-c", CONF, *args, check=check)


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
