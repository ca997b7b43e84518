"""Requests through nginx: 404/405 pages, query/urlencoded/multipart parsing, the
body, field-count and field-length limits, invalid UTF-8, locale choice, escaping.

The probe test plugin (tests/plugins/probe) echoes what the core parsed; its
/probe/echo.txt lists every string in hex so the exact bytes can be compared.
"""
import os
import re
import subprocess
import urllib.parse
import uuid

from crmtest import BUILD, CONF, PORT, STATE, get, http, main, multipart, post, sql, test

# The stack's own limit (crm.conf), which leaves room for an attachment_max file.
MAX_BODY = int(re.search(r"^max_body\s*=\s*(\d+)", open(CONF).read(), re.M).group(1))
MAX_FIELDS = 1000
MAX_FIELD_LEN = 1024 * 1024

MSG = {
    "not_found": "The page you asked for does not exist.",
    "method": "This page cannot be used that way.",
    "bad_utf8": "The form contained text that is not valid UTF-8. Nothing was saved.",
    "bad_request": "The request could not be understood. Nothing was saved.",
    "too_large": "The upload is larger than the limit. Nothing was saved.",
    "too_many": "The form has too many fields. Nothing was saved.",
    "too_long": "One of the fields is too long. Nothing was saved.",
    "forbidden": "You have no access to this page.",
    "csrf": "The form expired. Reload the page and try again.",
}


def fnv1a64(data):
    h = 14695981039346656037
    for b in data:
        h = ((h ^ b) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return "%016x" % h


def unhex(s):
    return b"" if s == "-" else bytes.fromhex(s)


def echo(resp):
    """Parse /probe/echo.txt: {"query": [(name, value)], "form": [...], "file": [...]}."""
    assert resp.status == 200, "echo answered %d: %s" % (resp.status, resp.text[:300])
    out = {"query": [], "form": [], "file": []}
    for line in resp.text.splitlines():
        parts = line.split(" ")
        if parts[0] in ("query", "form"):
            out[parts[0]].append((unhex(parts[1]).decode(), unhex(parts[2]).decode()))
        elif parts[0] == "file":
            out["file"].append((unhex(parts[1]).decode(), unhex(parts[2]).decode(),
                                unhex(parts[3]).decode(), int(parts[4]), parts[5]))
        else:
            out[parts[0]] = parts[1]
    return out


def assert_error_page(r, status, message):
    assert r.status == status, "expected %d, got %d: %s" % (status, r.status, r.text[:300])
    ctype = r.header("Content-Type") or ""
    assert ctype.startswith("text/html"), "not crmd's HTML page: " + ctype
    assert 'class="error-page"' in r.text, "no error page in: " + r.text[:300]
    assert message in r.text, "message %r missing from: %s" % (message, r.text[:2000])
    assert r.header("X-Content-Type-Options") == "nosniff"


def marker():
    return "t-" + uuid.uuid4().hex[:12]


def notes_with(prefix):
    return int(sql("SELECT COUNT(*) FROM probe_note WHERE body LIKE '%s%%'" % prefix)[0][0])


def drop_notes(prefix):
    sql("DELETE FROM probe_note WHERE body LIKE '%s%%'" % prefix)


@test
def not_found_is_a_page():
    r = get("/no/such/page-" + uuid.uuid4().hex)
    assert_error_page(r, 404, MSG["not_found"])
    assert "<html" in r.text and "404" in r.text


@test
def method_not_allowed_lists_allow():
    cases = [
        ("DELETE", "/healthz", {"GET"}),
        ("POST", "/ping", {"GET"}),
        ("PUT", "/probe/echo", {"GET", "POST"}),
    ]
    for method, path, allowed in cases:
        r = http(method, path, body=b"" if method != "DELETE" else None)
        assert_error_page(r, 405, MSG["method"])
        allow = {m.strip() for m in (r.header("Allow") or "").split(",") if m.strip()}
        assert allow == allowed, "%s %s: Allow %r, want %r" % (method, path, allow, allowed)


@test
def query_string_is_parsed():
    r = get("/probe/echo.txt?a=1&name=%D0%98%D0%B2%D0%B0%D0%BD&plus=a+b&pct=a%2Bb%26c%3Dd"
            "&empty=&flag&%D0%B3%D0%BE%D1%80%D0%BE%D0%B4=%D0%9C%D0%BE%D1%81%D0%BA%D0%B2%D0%B0")
    e = echo(r)
    assert e["method"] == "GET"
    assert e["query"] == [("a", "1"), ("name", "Иван"), ("plus", "a b"), ("pct", "a+b&c=d"),
                          ("empty", ""), ("flag", ""), ("город", "Москва")], e["query"]
    assert e["form"] == [] and e["file"] == []


@test
def urlencoded_body_is_parsed():
    body = ("a=1&city=%D0%9C%D0%BE%D1%81%D0%BA%D0%B2%D0%B0&tag=x&tag=y&tag=%D1%8F"
            "&sp=a+b&nl=line1%0D%0Aline2&&empty=")
    r = post("/probe/echo.txt?q=%D1%89", body,
             headers={"Content-Type": "application/x-www-form-urlencoded"})
    e = echo(r)
    assert e["method"] == "POST"
    assert e["query"] == [("q", "щ")], e["query"]
    assert e["form"] == [("a", "1"), ("city", "Москва"), ("tag", "x"), ("tag", "y"), ("tag", "я"),
                         ("sp", "a b"), ("nl", "line1\r\nline2"), ("empty", "")], e["form"]


@test
def multipart_body_is_parsed():
    # Bytes an upload may hold: every byte value, NULs, CRLF and a false boundary.
    binary = bytes(range(256)) * 4 + b"\r\n--crm\r\n\x00\x00--" + os.urandom(4096)
    fields = [
        ("title", "Отчёт за май"),
        ("tag", "один"),
        ("tag", "два"),
        ("note", "line1\r\nline2\r\n"),
        ("empty", ""),
        ("doc", "report.bin", "application/octet-stream", binary),
        ("doc", "отчёт.txt", "text/plain; charset=utf-8", "привет\n".encode()),
        ("blank", "empty.dat", "application/x-empty", b""),
    ]
    body, ctype = multipart(fields)
    r = post("/probe/echo.txt", body, headers={"Content-Type": ctype})
    e = echo(r)
    assert e["form"] == [("title", "Отчёт за май"), ("tag", "один"), ("tag", "два"),
                         ("note", "line1\r\nline2\r\n"), ("empty", "")], e["form"]
    want = [("doc", "report.bin", "application/octet-stream", len(binary), fnv1a64(binary)),
            ("doc", "отчёт.txt", "text/plain; charset=utf-8", len("привет\n".encode()),
             fnv1a64("привет\n".encode())),
            ("blank", "empty.dat", "application/x-empty", 0, fnv1a64(b""))]
    assert e["file"] == want, e["file"]
    # The page lists the same, through the XSLT.
    r = post("/probe/echo", body, headers={"Content-Type": ctype})
    assert r.status == 200 and r.header("Content-Type").startswith("text/html")
    rows = re.findall(r'<tr class="probe-file"><th>([^<]*)</th><td class="filename">([^<]*)</td>'
                      r'<td class="content-type">([^<]*)</td><td class="length">(\d+)</td>', r.text)
    assert rows == [("doc", "report.bin", "application/octet-stream", str(len(binary))),
                    ("doc", "отчёт.txt", "text/plain; charset=utf-8", "13"),
                    ("blank", "empty.dat", "application/x-empty", "0")], rows
    assert '<tr class="probe-field"><th>title</th><td>Отчёт за май</td></tr>' in r.text


@test
def body_limit_is_413_with_crmd_page():
    m = marker()
    try:
        # Just under the limit passes: an upload is bounded by max_body only.
        data = os.urandom(MAX_BODY - 4096)
        body, ctype = multipart([("body", m), ("f", "big.bin", "application/octet-stream", data)])
        assert len(body) <= MAX_BODY
        e = echo(post("/probe/echo.txt", body, headers={"Content-Type": ctype}))
        assert e["file"] == [("f", "big.bin", "application/octet-stream", len(data), fnv1a64(data))]
        # One byte over: nginx lets it through (12m), crmd answers with its own page.
        body = ("body=" + m).encode() + b"&pad=" + b"x" * (MAX_BODY + 1)
        r = post("/probe/notes", body, headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert_error_page(r, 413, MSG["too_large"])
        assert notes_with(m) == 0, "a refused body was stored"
    finally:
        drop_notes(m)


def fields(n, name="f"):
    return "&".join("%s%d=1" % (name, i) for i in range(n))


@test
def too_many_fields_is_413():
    ok = echo(post("/probe/echo.txt", fields(MAX_FIELDS),
                   headers={"Content-Type": "application/x-www-form-urlencoded"}))
    assert len(ok["form"]) == MAX_FIELDS
    body, ctype = multipart([("p%d" % i, "v") for i in range(MAX_FIELDS + 1)])
    cases = [
        ("urlencoded body", "/probe/echo.txt", fields(MAX_FIELDS + 1).encode(),
         "application/x-www-form-urlencoded"),
        ("multipart body", "/probe/echo.txt", body, ctype),
        ("query string", "/probe/echo.txt?" + "&".join(["q"] * (MAX_FIELDS + 1)), None, None),
    ]
    for what, path, data, ct in cases:
        if data is None:
            r = get(path)
        else:
            r = post(path, data, headers={"Content-Type": ct})
        try:
            assert_error_page(r, 413, MSG["too_many"])
        except AssertionError as e:
            raise AssertionError("%s: %s" % (what, e))


@test
def field_over_max_len_is_413():
    at_limit = "x" * MAX_FIELD_LEN
    e = echo(post("/probe/echo.txt", "v=" + at_limit,
                  headers={"Content-Type": "application/x-www-form-urlencoded"}))
    assert e["form"] == [("v", at_limit)]
    over = at_limit + "y"
    body, ctype = multipart([("v", over)])
    cases = [
        ("urlencoded", ("v=" + over).encode(), "application/x-www-form-urlencoded"),
        ("multipart text field", body, ctype),
    ]
    for what, data, ct in cases:
        r = post("/probe/echo.txt", data, headers={"Content-Type": ct})
        try:
            assert_error_page(r, 413, MSG["too_long"])
        except AssertionError as e:
            raise AssertionError("%s: %s" % (what, e))


@test
def invalid_utf8_is_400_and_not_stored():
    m = marker()
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    try:
        # The route stores "body": valid input does reach the table.
        r = post("/probe/notes", "body=" + m + "-ok%D1%8F", headers=form)
        assert r.status == 200 and r.text.startswith("stored "), r.text[:300]
        assert notes_with(m + "-ok") == 1
        cases = [
            ("query value", "/probe/notes?x=%FF", b"body=" + m.encode(), form),
            ("query name", "/probe/notes?%C0%AF=1", b"body=" + m.encode(), form),
            ("form value", "/probe/notes", b"body=" + m.encode() + b"%C3%28", form),
            ("form name", "/probe/notes", b"%ED%A0%80=1&body=" + m.encode(), form),
            ("truncated sequence", "/probe/notes", b"body=" + m.encode() + b"%E2%82", form),
        ]
        for what, raw in [("multipart text field", b"\xff\xfe"),
                          ("multipart surrogate", b"\xed\xa0\x80"),
                          ("multipart overlong", b"\xc0\xaf")]:
            body, ctype = multipart([("body", m.encode() + raw)])
            cases.append((what, "/probe/notes", body, {"Content-Type": ctype}))
        for what, path, body, headers in cases:
            r = post(path, body, headers=headers)
            try:
                assert_error_page(r, 400, MSG["bad_utf8"])
            except AssertionError as e:
                raise AssertionError("%s: %s" % (what, e))
        assert notes_with(m) == 1, "a request with invalid UTF-8 was stored"
        # The path too; valid UTF-8 in a path is merely not found.
        assert_error_page(get("/probe/echo%FF"), 400, MSG["bad_utf8"])
        assert_error_page(get("/probe/%D0%B6"), 404, MSG["not_found"])
    finally:
        drop_notes(m)


@test
def broken_multipart_is_400():
    m = marker().encode()
    good, ctype = multipart([("body", m)])
    part = b'Content-Disposition: form-data; name="body"\r\n\r\n' + m + b"\r\n"
    cases = [
        ("no closing boundary", good[:good.rindex(b"--crmtest")], ctype),
        ("no boundary parameter", good, "multipart/form-data"),
        ("other boundary", good, "multipart/form-data; boundary=nothere"),
        ("part without disposition", b"------crmtestboundary\r\nContent-Type: text/plain\r\n\r\n" + m +
         b"\r\n------crmtestboundary--\r\n", ctype),
        ("headers never end", b"------crmtestboundary\r\n" + part[:40], ctype),
    ]
    try:
        for what, body, ct in cases:
            r = post("/probe/notes", body, headers={"Content-Type": ct})
            try:
                assert_error_page(r, 400, MSG["bad_request"])
            except AssertionError as e:
                raise AssertionError("%s: %s" % (what, e))
        assert notes_with(m.decode()) == 0, "a broken multipart body was stored"
        # The same form, well formed, is stored.
        r = post("/probe/notes", good, headers={"Content-Type": ctype})
        assert r.status == 200 and notes_with(m.decode()) == 1, r.text[:300]
    finally:
        drop_notes(m.decode())


@test
def accept_language_picks_catalog():
    cases = [
        ("ru", "ru", "Поля запроса", "Загруженные файлы"),
        ("ru-RU,ru;q=0.9,en;q=0.8", "ru", "Поля запроса", "Зонд"),
        ("en", "en", "Query fields", "Uploaded files"),
        ("en-GB,ru;q=0.5", "en", "Query fields", "Probe"),
        ("de-DE,de;q=0.9", "en", "Query fields", "Form fields"),
    ]
    for header, lang, text1, text2 in cases:
        r = get("/probe/echo", headers={"Accept-Language": header})
        assert r.status == 200
        assert '<html lang="%s"' % lang in r.text, "%s: no lang=%s" % (header, lang)
        assert text1 in r.text and text2 in r.text, "%s: texts missing" % header
    # The core's own pages too.
    ru = get("/no/such/page", headers={"Accept-Language": "ru"})
    assert_error_page(ru, 404, "Такой страницы нет.")
    assert "Что-то пошло не так" in ru.text and MSG["not_found"] not in ru.text


@test
def page_text_is_escaped():
    evil = '<script>alert(1)</script>"&\'<b>'
    r = get("/probe/echo?x=%3Cscript%3Ealert(1)%3C%2Fscript%3E%22%26%27%3Cb%3E"
            "&%3Cimg%20src%3Dx%3E=1")
    assert r.status == 200
    assert "<script>alert(1)" not in r.text and "<b>" not in r.text and "<img src=x>" not in r.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text
    assert "&lt;img src=x&gt;" in r.text
    assert evil not in r.text


def cookies(resp):
    """name -> value of every Set-Cookie of a response."""
    out = {}
    for k, v in resp.headers:
        if k.lower() == "set-cookie":
            name, _, rest = v.partition("=")
            out[name.strip()] = rest.split(";")[0]
    return out


def add_user(login, password, role):
    env = dict(os.environ, LD_LIBRARY_PATH=os.path.join(BUILD, "lib"))
    p = subprocess.run([os.path.join(BUILD, "bin", "crmctl"), "-c", CONF, "user", "add", login,
                        "Probe Person", "-r", role], input=password + "\n", capture_output=True,
                       text=True, env=env)
    assert p.returncode == 0, "crmctl user add: %s %s" % (p.stdout, p.stderr)
    sql("UPDATE crm_user SET locale = 'en' WHERE login = '%s'" % login)


def disable_user(login):
    env = dict(os.environ, LD_LIBRARY_PATH=os.path.join(BUILD, "lib"))
    subprocess.run([os.path.join(BUILD, "bin", "crmctl"), "-c", CONF, "user", "disable", login],
                   capture_output=True, env=env)


def sign_in(login, password):
    """The browser's way in: the login form's token, then the form; returns the Cookie header."""
    r = get("/login")
    token = cookies(r).get("crm_login")
    assert r.status == 200 and token, (r.status, r.headers)
    r = post("/login", {"login": login, "password": password, "next": "/probe/echo",
                        "login_token": token}, headers={"Cookie": "crm_login=" + token})
    session = cookies(r).get("crm_session")
    assert r.status == 303 and session, "sign-in failed: %d %s" % (r.status, r.text[:500])
    return "crm_session=" + session


@test
def permission_and_csrf_are_enforced():
    m = marker()
    login, password = "probe_" + uuid.uuid4().hex[:10], "pw-" + uuid.uuid4().hex
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    try:
        assert post("/probe/notes", "body=" + m, headers=form).status == 200
        # Nobody signed in: neither route runs.
        r = get("/probe/secret")
        to_login = r.status == 303 and (r.header("Location") or "").startswith("/login?next=")
        assert (to_login or r.status == 403) and "secret" not in r.text, (r.status, r.headers)
        assert_error_page(post("/probe/notes/clear", "prefix=" + m, headers=form), 403, MSG["forbidden"])
        assert notes_with(m) == 1
        # A signed-in user without probe.secret (admins only) is refused with 403.
        add_user(login, password, "user")
        cookie = sign_in(login, password)
        assert_error_page(get("/probe/secret", headers={"Cookie": cookie}), 403, MSG["forbidden"])
        # probe.write is every user's, but an unsafe request needs the session's token.
        for token in (None, "", "x" * 43):
            body = "prefix=" + m + ("" if token is None else "&csrf=" + token)
            r = post("/probe/notes/clear", body, headers=dict(form, Cookie=cookie))
            assert_error_page(r, 403, MSG["csrf"])
            assert notes_with(m) == 1, "a request without the CSRF token changed data"
        page = get("/probe/echo", headers={"Cookie": cookie})
        found = re.search(r'name="csrf" value="([^"]+)"', page.text)
        assert page.status == 200 and found, page.text[:2000]
        r = post("/probe/notes/clear", "prefix=%s&csrf=%s" % (m, found.group(1)),
                 headers=dict(form, Cookie=cookie))
        assert r.status == 200 and r.text == "cleared 1\n", (r.status, r.text[:500])
        assert notes_with(m) == 0
    finally:
        drop_notes(m)
        disable_user(login)


@test
def responses_carry_their_headers():
    for path in ["/probe/echo", "/probe/echo.txt", "/ping", "/healthz", "/no/such", "/"]:
        r = get(path)
        assert r.header("X-Content-Type-Options") == "nosniff", "%s: %r" % (path, r.headers)
        assert r.header("Content-Length") == str(len(r.body)), "%s: %r" % (path, r.headers)
        if r.header("Content-Type").startswith("text/html"):
            assert r.header("Cache-Control") == "no-store", "%s: %r" % (path, r.headers)
            assert "default-src 'self'" in (r.header("Content-Security-Policy") or ""), path



@test
def stylesheets_cannot_read_files():
    """A template asking document() for a file on disk gets nothing: the transform fails."""
    secret = os.path.join(STATE, "sandbox-secret.xml")
    with open(secret, "w") as f:
        f.write("<secret>TOP-SECRET-%d</secret>" % os.getpid())
    try:
        r = get("/probe/sandbox?path=" + urllib.parse.quote(secret))
        assert "TOP-SECRET" not in r.text, "the stylesheet read a file"
        assert r.status == 500, r.status
        r = get("/probe/sandbox?path=" + urllib.parse.quote("http://127.0.0.1:%d/healthz" % PORT))
        assert r.status == 500 and "ok" not in r.text.split("\n")[0], r.status
    finally:
        os.unlink(secret)

if __name__ == "__main__":
    main()
