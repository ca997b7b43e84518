"""Sign-in, sessions, CSRF, lockout, permissions and notifications, seen through nginx.

Every request comes from 127.0.0.1, and the core locks an address out after 5 failed
sign-ins in 15 minutes: each test that fails a sign-in removes that address's failures
in its finally block, and the lockout tests, which need exact counts, run last.
"""
import re
import time
import urllib.parse

import crmtest
from crmtest import Session, get, post, sql, t, test

PASSWORD = "correct horse 1"
LOCAL = "127.0.0.1"


def new_user(role="user", prefix="a"):
    login = crmtest.unique(prefix)
    return login, crmtest.user_add(login, PASSWORD, role=role)


def signed_in(role="user", prefix="a"):
    login, uid = new_user(role, prefix)
    s = Session()
    s.login(login, PASSWORD)
    return s, login, uid


def clear_local_failures():
    sql("DELETE FROM crm_login_failure WHERE address = '%s'" % LOCAL)


def session_rows(uid):
    return sql("SELECT token_hash FROM crm_session WHERE user_id = %d" % uid)


def set_cookie(resp, name):
    for k, v in resp.headers:
        if k.lower() == "set-cookie" and v.startswith(name + "="):
            return v
    return None


def assert_anonymous(s, path="/profile/password"):
    """The session no longer signs anyone in: a page redirects to the sign-in form."""
    r = s.get(path)
    assert r.status == 303, "expected a redirect to sign in, got %d" % r.status
    assert r.header("Location").startswith("/login?next="), r.header("Location")
    return r


def bell(page):
    m = re.search(r'<span class="bell-count">(\d+)</span>', page.text)
    return int(m.group(1)) if m else 0


def menu_hrefs(page):
    nav = re.search(r'<nav class="sidebar".*?</nav>', page.text, re.S)
    return re.findall(r'href="([^"]*)"', nav.group(0)) if nav else []


def hash_of(uid):
    return sql("SELECT password_hash FROM crm_user WHERE id = %d" % uid)[0][0]


@test
def login_success_sets_a_safe_cookie():
    login, uid = new_user()
    s = Session()
    page = s.get("/login?next=/notifications")
    assert page.status == 200, page.status
    assert set_cookie(page, "crm_login"), "the form comes with its login token cookie"
    token = crmtest.form_value(page.text, "login_token")
    assert token and token == s.cookies["crm_login"], "double-submit token in form and cookie"
    r = s.post("/login", {"login": login, "password": PASSWORD, "login_token": token, "next": "/notifications"},
               csrf=False)
    assert r.status == 303 and r.header("Location") == "/notifications", (r.status, r.header("Location"))
    cookie = set_cookie(r, "crm_session")
    assert cookie, r.headers
    attrs = [a.strip().lower() for a in cookie.split(";")[1:]]
    assert "httponly" in attrs and "samesite=lax" in attrs and "path=/" in attrs, cookie
    assert "secure" not in attrs, "no Secure over plain http: " + cookie
    assert len(s.token) == 43, s.token
    home = s.get("/notifications")
    assert home.status == 200 and 'class="user-name-text">%s<' % login.capitalize() in home.text, home.text[:500]
    assert s.csrf and len(s.csrf) == 43, s.csrf


@test
def login_redirects_only_to_local_pages():
    login, _ = new_user()
    for nxt in ("//evil.example/", "http://evil.example/", "/\\evil.example"):
        s = Session()
        r = s.login(login, PASSWORD, next=nxt, check=False)
        assert r.status == 303 and r.header("Location") == "/", (nxt, r.status, r.header("Location"))


@test
def login_failure_keeps_login_and_forgets_password():
    login, uid = new_user()
    wrong = "Wrong-Pass-%s" % crmtest.unique("p")
    try:
        for who in (login, crmtest.unique("nobody")):
            s = Session()
            r = s.login(who, wrong, check=False)
            assert r.status == 422, (who, r.status)
            assert t("core.login_failed") in r.text, "the failure says why"
            assert crmtest.form_value(r.text, "login") == who, "the typed login is kept"
            assert wrong not in r.text, "the password is never echoed"
            assert crmtest.form_value(r.text, "password") in (None, ""), "password field empty"
            assert "crm_session" not in s.cookies
        assert not session_rows(uid)
        assert sql("SELECT COUNT(*) FROM crm_login_failure WHERE login = '%s'" % login) == [["1"]]
    finally:
        clear_local_failures()


@test
def login_form_needs_its_token():
    """Login CSRF: a post without the form's token, or with one that is not the cookie's, is refused."""
    login, uid = new_user()
    s = Session()
    page = s.get("/login")
    token = crmtest.form_value(page.text, "login_token")
    cases = [
        ("no token", {"login": login, "password": PASSWORD}, s.cookies),
        ("no cookie", {"login": login, "password": PASSWORD, "login_token": token}, {}),
        ("other token", {"login": login, "password": PASSWORD, "login_token": "x" * len(token)}, s.cookies),
    ]
    for name, form, cookies in cases:
        h = {"Cookie": "; ".join("%s=%s" % kv for kv in cookies.items())} if cookies else {}
        r = post("/login", form, headers=h)
        assert r.status == 403, (name, r.status)
        assert t("core.csrf") in r.text, name
        assert not set_cookie(r, "crm_session"), name
    assert not session_rows(uid), "no session was opened"
    assert sql("SELECT COUNT(*) FROM crm_login_failure WHERE login = '%s'" % login) == [["0"]]


@test
def passwords_are_argon2id_and_sessions_hashed():
    s, login, uid = signed_in()
    assert hash_of(uid).startswith("$argon2id$"), hash_of(uid)
    assert PASSWORD not in hash_of(uid)
    rows = session_rows(uid)
    assert len(rows) == 1, rows
    assert rows[0][0] != s.token, "the token itself is never stored"
    assert rows[0][0] == crmtest.sha256_hex(s.token), "stored as the SHA-256 of the cookie"
    # A cookie equal to the stored hash opens nothing: a leaked table is no key.
    thief = Session()
    thief.cookies["crm_session"] = rows[0][0][:43]
    assert_anonymous(thief)


@test
def anonymous_pages_send_to_sign_in_and_back():
    r = get("/recs?after=5&x=a%20b")
    assert r.status == 303, r.status
    loc = urllib.parse.urlsplit(r.header("Location"))
    assert loc.path == "/login", r.header("Location")
    nxt = urllib.parse.parse_qs(loc.query)["next"][0]
    assert nxt == "/recs?after=5&x=a b" or nxt == "/recs?after=5&x=a%20b", nxt
    assert get("/notifications").status == 303
    # Unsafe methods get no redirect: 403, and nothing is done.
    before = sql("SELECT COUNT(*) FROM rec_item")
    for path, form in (("/recs", {"title": "anon", "visibility": "public_read"}), ("/logout", {}),
                       ("/notifications/read-all", {})):
        r = post(path, form)
        assert r.status == 403, (path, r.status)
    assert sql("SELECT COUNT(*) FROM rec_item") == before
    login, _ = new_user()
    s = Session()
    r = s.login(login, PASSWORD, next=nxt, check=False)
    assert r.status == 303 and r.header("Location") == nxt, (r.status, r.header("Location"))


@test
def idle_session_expires():
    s, login, uid = signed_in()
    h = crmtest.sha256_hex(s.token)
    # Seven hours idle is within the default eight: still signed in, and the clock restarts.
    sql("UPDATE crm_session SET last_seen = NOW() - INTERVAL 7 HOUR WHERE token_hash = '%s'" % h)
    assert s.get("/profile/password").status == 200
    idle = sql("SELECT TIMESTAMPDIFF(SECOND, last_seen, NOW()) FROM crm_session WHERE token_hash = '%s'" % h)
    assert idle and int(idle[0][0]) < 60, idle
    sql("UPDATE crm_session SET last_seen = NOW() - INTERVAL 9 HOUR WHERE token_hash = '%s'" % h)
    old = s.token
    r = assert_anonymous(s)
    assert (set_cookie(r, "crm_session") or "").lower().find("max-age=0") > 0, "the cookie is cleared"
    assert not sql("SELECT 1 FROM crm_session WHERE token_hash = '%s'" % h), "the row is gone"
    s.cookies["crm_session"] = old
    assert_anonymous(s)


@test
def session_has_an_absolute_lifetime():
    s, login, uid = signed_in()
    h = crmtest.sha256_hex(s.token)
    sql("UPDATE crm_session SET created_at = NOW() - INTERVAL 29 DAY WHERE token_hash = '%s'" % h)
    assert s.get("/profile/password").status == 200, "29 days old and active: still valid"
    sql("UPDATE crm_session SET created_at = NOW() - INTERVAL 31 DAY, last_seen = NOW() WHERE token_hash = '%s'" % h)
    assert_anonymous(s)
    assert not sql("SELECT 1 FROM crm_session WHERE token_hash = '%s'" % h)


@test
def logout_ends_the_session_on_the_server():
    s, login, uid = signed_in()
    other = Session()
    other.login(login, PASSWORD)
    old = s.token
    r = s.post("/logout")
    assert r.status == 303 and r.header("Location") == "/login", (r.status, r.header("Location"))
    assert "max-age=0" in (set_cookie(r, "crm_session") or "").lower()
    assert not sql("SELECT 1 FROM crm_session WHERE token_hash = '%s'" % crmtest.sha256_hex(old))
    replay = Session()
    replay.cookies["crm_session"] = old
    assert_anonymous(replay)
    assert other.get("/profile/password").status == 200, "only this session ended"


@test
def password_change_ends_other_sessions():
    a, login, uid = signed_in()
    b = Session()
    b.login(login, PASSWORD)
    assert len(session_rows(uid)) == 2
    old_hash = hash_of(uid)
    new = "another secret 2"
    # A wrong current password changes nothing and ends nothing.
    r = a.post("/profile/password", {"current": "not it at all", "password": new, "confirm": new})
    assert r.status == 422 and t("core.password_wrong", "ru") in r.text, r.status
    r = a.post("/profile/password", {"current": PASSWORD, "password": new, "confirm": new + "x"})
    assert r.status == 422 and t("core.password_mismatch", "ru") in r.text, r.status
    assert hash_of(uid) == old_hash and len(session_rows(uid)) == 2
    r = a.post("/profile/password", {"current": PASSWORD, "password": new, "confirm": new})
    assert r.status == 303, (r.status, r.text[:300])
    assert hash_of(uid) != old_hash and hash_of(uid).startswith("$argon2id$")
    assert_anonymous(b)
    assert a.get("/profile/password").status == 200, "the changing session stays"
    assert session_rows(uid) == [[crmtest.sha256_hex(a.token)]]
    try:
        assert Session().login(login, PASSWORD, check=False).status == 422, "the old password is gone"
        Session().login(login, new)
    finally:
        clear_local_failures()


@test
def csrf_refused_on_every_unsafe_core_route():
    s, login, uid = signed_in()
    other, _, _ = signed_in()
    sql("INSERT INTO crm_notification (user_id, msg_key) VALUES (%d, 'recs.made_manager')" % uid)
    nid = int(sql("SELECT MAX(id) FROM crm_notification WHERE user_id = %d" % uid)[0][0])
    pw = "changed password 3"
    routes = [
        ("/logout", {}),
        ("/profile/password", {"current": PASSWORD, "password": pw, "confirm": pw}),
        ("/notifications/read-all", {}),
        ("/notifications/%d/read" % nid, {}),
    ]
    good = s.csrf
    bad = [
        ("missing", None, None),
        ("empty", "", None),
        ("wrong", "A" * len(good), None),
        ("one character off", good[:-1] + ("A" if good[-1] != "A" else "B"), None),
        ("another session's", other.csrf, None),
        ("wrong header", None, "B" * len(good)),
    ]
    old_hash = hash_of(uid)
    for path, form in routes:
        for name, field, header in bad:
            data = dict(form)
            if field is not None:
                data["csrf"] = field
            r = s.post(path, data, csrf=False, headers={"X-CSRF-Token": header} if header else None)
            assert r.status == 403, (path, name, r.status)
            assert t("core.csrf", "ru") in r.text, (path, name)
    assert hash_of(uid) == old_hash, "the password did not change"
    assert len(session_rows(uid)) == 1 and s.get("/profile/password").status == 200, "still signed in"
    assert sql("SELECT read_at IS NULL FROM crm_notification WHERE id = %d" % nid) == [["1"]]
    # The right token, as the header scripts use, is accepted.
    r = s.post("/notifications/read-all", {}, csrf=False, headers={"X-CSRF-Token": good})
    assert r.status == 303, r.status
    assert sql("SELECT read_at IS NULL FROM crm_notification WHERE id = %d" % nid) == [["0"]]


@test
def notifications_from_record_access():
    owner, _, u1 = signed_in()
    s2, login2, u2 = signed_in()
    assert bell(s2.get("/notifications")) == 0
    for title in ("first", "second"):
        r = owner.post("/recs", [("title", title), ("visibility", "private"), ("manager", str(u1)),
                                 ("manager", str(u2))])
        assert r.status == 303, (r.status, r.text[:300])
    assert sql("SELECT COUNT(*) FROM crm_notification WHERE user_id = %d" % u1) == [["0"]], \
        "naming oneself a manager notifies nobody"
    page = s2.get("/notifications")
    assert bell(page) == 2, "the bell counts unread notifications"
    assert page.text.count(t("recs.made_manager", "ru")) == 2, "the list shows them"
    ids = re.findall(r'action="/notifications/(\d+)/read"', page.text)
    assert len(ids) == 2, ids
    r = s2.post("/notifications/%s/read" % ids[0], {"stay": "1"})
    assert r.status == 303, r.status
    assert bell(s2.get("/profile/password")) == 1, "marking one read lowers the count"
    r = s2.post("/notifications/read-all")
    assert r.status == 303
    page = s2.get("/notifications")
    assert bell(page) == 0 and 'class="notification unread"' not in page.text


@test
def nobody_marks_another_users_notification():
    s1, _, u1 = signed_in()
    s2, _, u2 = signed_in()
    sql("INSERT INTO crm_notification (user_id, msg_key) VALUES (%d, 'recs.made_reader')" % u1)
    nid = int(sql("SELECT MAX(id) FROM crm_notification WHERE user_id = %d" % u1)[0][0])
    r = s2.post("/notifications/%d/read" % nid, {"stay": "1"})
    assert r.status == 404, r.status
    assert s2.post("/notifications/%d/read" % (nid + 100000), {"stay": "1"}).status == 404
    assert sql("SELECT read_at IS NULL FROM crm_notification WHERE id = %d" % nid) == [["1"]]
    assert bell(s1.get("/notifications")) == 1
    assert t("recs.made_reader", "ru") not in s2.get("/notifications").text, "nor sees it"


@test
def notifications_page_by_keyset_newest_first():
    s, _, uid = signed_in()
    values = ", ".join("(%d, 'recs.made_reader', 'n%02d')" % (uid, i) for i in range(55))
    sql("INSERT INTO crm_notification (user_id, msg_key, text) VALUES " + values)
    ids = [int(x[0]) for x in sql("SELECT id FROM crm_notification WHERE user_id = %d ORDER BY id DESC" % uid)]
    page = s.get("/notifications").text
    shown = [int(x) for x in re.findall(r'action="/notifications/(\d+)/read"', page)]
    assert shown == ids[:50], shown[:3]
    nxt = re.search(r'href="(/notifications\?after=\d+)"', page)
    assert nxt and nxt.group(1) == "/notifications?after=%d" % ids[49], nxt
    assert "before=" not in page, "the first page has no previous page"
    page2 = s.get(nxt.group(1)).text
    assert [int(x) for x in re.findall(r'action="/notifications/(\d+)/read"', page2)] == ids[50:]
    assert "after=" not in page2, "the last page has no next page"
    prev = re.search(r'href="(/notifications\?before=\d+)"', page2)
    assert prev, "no link back"
    back = [int(x) for x in re.findall(r'action="/notifications/(\d+)/read"', s.get(prev.group(1)).text)]
    assert back == ids[:50], back[:3]


@test
def crmctl_manages_users_and_groups():
    login = crmtest.unique("c")
    uid = crmtest.user_add(login, PASSWORD, role="admin", email=login + "@example.org")
    assert sql("SELECT role, email, active FROM crm_user WHERE id = %d" % uid) == [["admin", login + "@example.org", "1"]]
    refused = [
        (["user", "add", login, "Again", "-r", "user"], PASSWORD, "a taken login"),
        (["user", "add", crmtest.unique("c"), "Bad role", "-r", "king"], PASSWORD, "an unknown role"),
        (["user", "add", crmtest.unique("c"), "Short", "-r", "user"], "short", "a short password"),
        (["user", "passwd", crmtest.unique("none")], PASSWORD, "an unknown login"),
        (["group", "member", crmtest.unique("nogroup"), login], None, "an unknown group"),
    ]
    users_before = sql("SELECT COUNT(*) FROM crm_user")
    for args, stdin, why in refused:
        p = crmtest.crmctl(*args, check=False, input=(stdin + "\n") if stdin else None)
        assert p.returncode != 0, why
    assert sql("SELECT COUNT(*) FROM crm_user") == users_before
    try:
        s = Session()
        s.login(login, PASSWORD)
        new = "from the cli 4"
        crmtest.crmctl("user", "passwd", login, input=new + "\n")
        assert_anonymous(s)  # a password set elsewhere ends every session
        assert Session().login(login, PASSWORD, check=False).status == 422
        s = Session()
        s.login(login, new)
        crmtest.crmctl("user", "disable", login)
        assert not session_rows(uid), "disabling ends the sessions"
        assert_anonymous(s)
        assert Session().login(login, new, check=False).status == 422, "a disabled account cannot sign in"
        crmtest.crmctl("user", "enable", login)
        Session().login(login, new)
    finally:
        clear_local_failures()
    group = crmtest.unique("g")
    p = crmtest.crmctl("group", "add", group)
    gid = int(re.search(r"\(id (\d+)\)", p.stdout).group(1))
    assert crmtest.crmctl("group", "add", group, check=False).returncode != 0, "group names are unique"
    crmtest.crmctl("group", "member", group, login)
    assert sql("SELECT user_id FROM crm_group_member WHERE group_id = %d" % gid) == [[str(uid)]]
    assert crmtest.crmctl("group", "member", group, crmtest.unique("none"), check=False).returncode != 0
    crmtest.crmctl("group", "member", group, login, "--remove")
    assert not sql("SELECT 1 FROM crm_group_member WHERE group_id = %d" % gid)


@test
def roles_decide_who_opens_what():
    # (path, who may open it): recs.admin and core.admin for admins, core.owner for the owner.
    table = [
        ("/recs", {"user", "admin", "owner"}),
        ("/recs/admin", {"admin", "owner"}),
        ("/recs/core-admin", {"admin", "owner"}),
        ("/recs/core-owner", {"owner"}),
    ]
    sessions = {role: signed_in(role)[0] for role in ("user", "admin", "owner")}
    for path, allowed in table:
        for role, s in sessions.items():
            r = s.get(path)
            if role in allowed:
                assert r.status == 200, (path, role, r.status)
            else:
                assert r.status == 403, (path, role, r.status)
                assert t("core.forbidden", "ru") in r.text, (path, role)
    menu = {role: menu_hrefs(s.get("/recs")) for role, s in sessions.items()}
    assert "/recs" in menu["user"] and "/recs/admin" not in menu["user"], menu["user"]
    assert "/recs/admin" in menu["admin"] and "/recs/admin" in menu["owner"], menu


@test
def groups_grant_permissions():
    s, login, uid = signed_in()
    assert s.get("/recs/admin").status == 403
    group = crmtest.unique("g")
    gid = int(re.search(r"\(id (\d+)\)", crmtest.crmctl("group", "add", group).stdout).group(1))
    sql("INSERT INTO crm_group_grant (group_id, permission) VALUES (%d, 'recs.admin')" % gid)
    assert s.get("/recs/admin").status == 403, "a grant to a group one is not in gives nothing"
    crmtest.crmctl("group", "member", group, login)
    page = s.get("/recs/admin")
    assert page.status == 200, "the group's grant applies from the next request"
    assert "/recs/admin" in menu_hrefs(page), "and its menu entry shows"
    assert s.get("/recs/core-owner").status == 403, "other permissions stay closed"
    crmtest.crmctl("group", "member", group, login, "--remove")
    page = s.get("/recs/admin")
    assert page.status == 403


@test
def lockout_after_five_failures_for_an_account_and_an_address():
    """Through HTTP: five failures for one login lock that login, and since they all
    came from 127.0.0.1, they lock the address too, for any other account."""
    victim, vid = new_user(prefix="v")
    bystander, _ = new_user(prefix="b")
    clear_local_failures()
    try:
        for i in range(5):
            r = Session().login(victim, "wrong password %d" % i, check=False)
            assert r.status == 422, (i, r.status)
        r = Session().login(victim, PASSWORD, check=False)
        assert r.status == 429, "the sixth try is refused even with the right password: %d" % r.status
        assert t("core.locked_out") in r.text, "and says why"
        assert t("core.login_failed") not in r.text
        assert not session_rows(vid)
        crmtest.wait_for(lambda: "sign-in refused for login '%s'" % victim in crmtest.log_text(), timeout=5,
                         what="the lockout in the log")
        assert crmtest.log_text().count("sign-in failed for login '%s'" % victim) == 5
        r = Session().login(bystander, PASSWORD, check=False)
        assert r.status == 429 and t("core.locked_out") in r.text, "the address is locked out too"
    finally:
        clear_local_failures()
    Session().login(bystander, PASSWORD)


@test
def lockout_counts_one_account_from_anywhere_for_fifteen_minutes():
    """Failures for one login from other addresses (seeded, since every test request
    comes from 127.0.0.1) lock that login only; older failures do not count."""
    victim, vid = new_user(prefix="v")
    other, _ = new_user(prefix="o")
    clear_local_failures()
    seed = "INSERT INTO crm_login_failure (login, address, at) VALUES " + ", ".join(
        "('%s', '192.0.2.%d', NOW() - INTERVAL %s)" % (victim, i, "%s") for i in range(1, 6))
    try:
        sql(seed % (("16 MINUTE",) * 5))
        Session().login(victim, PASSWORD)  # failures older than the window are forgiven
        sql("DELETE FROM crm_login_failure WHERE login = '%s'" % victim)
        sql(seed % (("14 MINUTE",) * 4 + ("1 SECOND",)))
        r = Session().login(victim, PASSWORD, check=False)
        assert r.status == 429 and t("core.locked_out") in r.text, r.status
        Session().login(other, PASSWORD)  # this address is not locked
    finally:
        sql("DELETE FROM crm_login_failure WHERE login = '%s'" % victim)
        clear_local_failures()


if __name__ == "__main__":
    crmtest.main()
