"""The admin pages through nginx and MariaDB: users, groups and grants, modules, access, audit.

Every test makes its own users (unique logins) and puts back what it switches:
the home module, the access mode, the owners it sets aside.
"""
import html
import http.client as httpclient
import os
import re
import secrets
import subprocess
import urllib.parse

import crmtest
from crmtest import crmctl, main, sql, test

PASSWORD = "Secret-pass-1"


def unique(prefix):
    return "%s.%s" % (prefix, secrets.token_hex(4))


def make_user(prefix, role="user", name=None, locale="en"):
    """A fresh account made with crmctl (password on stdin); returns (login, id)."""
    login = unique(prefix)
    p = subprocess.run([os.path.join(crmtest.BUILD, "bin", "crmctl"), "-c", crmtest.CONF, "user", "add", login,
                        name or "Test " + login, "-r", role], input=PASSWORD + "\n", capture_output=True, text=True,
                       env=dict(os.environ, LD_LIBRARY_PATH=os.path.join(crmtest.BUILD, "lib")))
    assert p.returncode == 0, "crmctl user add: %s %s" % (p.stdout, p.stderr)
    sql("UPDATE crm_user SET locale = '%s' WHERE login = '%s'" % (locale, login))
    return login, user_id(login)


def user_id(login):
    rows = sql("SELECT id FROM crm_user WHERE login = '%s'" % login)
    return int(rows[0][0]) if rows else 0


def field(text, name):
    """The value of input name in a page, unescaped; None when absent."""
    m = re.search(r'<input[^>]*name="%s"[^>]*value="([^"]*)"' % re.escape(name), text)
    return html.unescape(m.group(1)) if m else None


class Browser:
    """A cookie jar over crmtest.http; redirects are not followed."""

    def __init__(self):
        self.cookies = {}
        self.csrf = None

    def request(self, method, path, data=None, csrf=True):
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        if method == "POST":
            data = dict(data or {})
            if csrf and self.csrf and "csrf" not in data:
                data["csrf"] = self.csrf
        r = crmtest.http(method, path, body=data, headers=headers)
        for k, v in r.headers:
            if k.lower() != "set-cookie":
                continue
            name, _, rest = v.partition("=")
            value = rest.split(";")[0]
            if "Max-Age=0" in v or not value:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return r

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, data=None, csrf=True):
        return self.request("POST", path, data, csrf)

    def follow(self, r):
        """The page a 303 leads to."""
        assert r.status == 303, "expected a redirect, got %d: %s" % (r.status, r.text[:300])
        return self.get(r.header("Location"))

    def login(self, login, password=PASSWORD):
        page = self.get("/login")
        token = field(page.text, "login_token")
        assert token, "no login_token on /login"
        r = self.post("/login", {"login": login, "password": password, "login_token": token, "next": "/"},
                      csrf=False)
        assert r.status == 303 and "crm_session" in self.cookies, "sign-in of %s failed: %d" % (login, r.status)
        # Every page carries the session's token; the password page is open to everyone signed in.
        self.csrf = field(self.get("/profile/password").text, "csrf")
        return self


def signed_in(prefix, role="user", locale="en"):
    login, uid = make_user(prefix, role, locale=locale)
    return Browser().login(login), login, uid


def sidebar(text):
    m = re.search(r'<nav class="sidebar".*?</nav>', text, re.S)
    return m.group(0) if m else ""


def plugin_row(text, name):
    m = re.search(r'<tr data-plugin="%s".*?</tr>' % re.escape(name), text, re.S)
    assert m, "no row for plugin %s" % name
    return m.group(0)


def audit_rows(b, query):
    r = b.get("/admin/audit?" + urllib.parse.urlencode(query))
    assert r.status == 200, r.status
    return re.findall(r'<tr data-action="[^"]*">.*?</tr>', r.text, re.S)


def plain(fragment):
    """Text of an HTML fragment, tags dropped, entities decoded, blanks squeezed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


# ===== users =====

@test
def owner_creates_a_user_through_the_page():
    owner, _, _ = signed_in("adm.owner", "owner")
    r = owner.get("/admin/users/new")
    assert r.status == 200 and 'name="login"' in r.text and 'value="owner"' in r.text, r.status
    login = unique("adm.made")
    r = owner.post("/admin/users/new", {"login": login, "name": "Анна Петрова", "email": "anna@example.com",
                                        "role": "admin", "locale": "en", "timezone": "Asia/Omsk",
                                        "password": PASSWORD})
    uid = user_id(login)
    assert uid and r.header("Location") == "/admin/users/%d/edit" % uid, (r.status, r.header("Location"))
    page = owner.follow(r)
    assert page.status == 200 and "User created." in page.text
    row = sql("SELECT name, email, role, locale, timezone, active FROM crm_user WHERE id = %d" % uid)[0]
    assert row == ["Анна Петрова", "anna@example.com", "admin", "en", "Asia/Omsk", "1"], row
    # The list finds it by a piece of the name, and the new account signs in.
    found = owner.get("/admin/users?" + urllib.parse.urlencode({"q": "Петров"}))
    assert 'data-user="%s"' % login in found.text
    assert 'data-user="%s"' % login not in owner.get("/admin/users?q=no-such-person-xyz").text
    Browser().login(login)


@test
def validation_errors_keep_what_was_typed():
    owner, _, _ = signed_in("adm.owner", "owner")
    taken, _ = make_user("adm.taken")
    cases = [
        # (form, field that must carry an error message, message)
        ({"login": "Bad Login!", "name": "Кто-то <b>", "email": "x@y.ru", "role": "user", "password": PASSWORD},
         "login", "A login is 2 to 64 characters"),
        ({"login": unique("adm.v"), "name": "Someone", "email": "not-an-email", "role": "user",
          "password": PASSWORD}, "email", "Enter a valid email address."),
        ({"login": unique("adm.v"), "name": "Someone", "email": "", "role": "user", "password": "short"},
         "password", "Use from 8 to 256 characters."),
        ({"login": taken, "name": "Someone", "email": "", "role": "user", "password": PASSWORD},
         "login", "This login is already taken."),
        ({"login": unique("adm.v"), "name": "  ", "email": "", "role": "user", "password": PASSWORD},
         "name", "Enter a name."),
        ({"login": unique("adm.v"), "name": "Someone", "email": "", "role": "chief", "password": PASSWORD},
         "role", "Choose a role."),
    ]
    for form, bad, message in cases:
        data = dict(form, locale="ru", timezone="Europe/Samara")
        r = owner.post("/admin/users/new", data)
        assert r.status == 422, "%s: status %d" % (bad, r.status)
        m = re.search(r'<div class="field field-[a-z]+ has-error">.*?</div>', r.text, re.S)
        assert m and 'name="%s"' % bad in m.group(0), "%s: the error is not on its field" % bad
        assert message in html.unescape(r.text), "%s: no message %r" % (bad, message)
        for name in ("login", "email"):
            assert field(r.text, name) == form[name], "%s lost what was typed: %r" % (name, field(r.text, name))
        assert "Some fields need your attention." in r.text
        assert 'value="Europe/Samara" selected' in r.text or 'selected="selected" value="Europe/Samara"' in \
            r.text or re.search(r'<option[^>]*value="Europe/Samara"[^>]*selected', r.text), "zone not kept"
        assert PASSWORD not in r.text, "the password came back to the browser"
    assert not sql("SELECT id FROM crm_user WHERE login = 'Bad Login!' OR name = 'Кто-то <b>'")
    # What was typed comes back escaped, never as markup.
    r = owner.post("/admin/users/new", dict(cases[0][0], locale="en", timezone="UTC"))
    assert "Кто-то &lt;b&gt;" in r.text and "Кто-то <b>" not in r.text


@test
def owner_edits_a_user_and_the_audit_shows_old_and_new():
    owner, _, _ = signed_in("adm.owner", "owner")
    login, uid = make_user("adm.edit")
    r = owner.get("/admin/users/%d/edit" % uid)
    assert r.status == 200 and field(r.text, "name") == "Test " + login
    r = owner.post("/admin/users/%d/edit" % uid, {"name": "Renamed Person", "email": "r@example.org",
                                                  "role": "admin", "locale": "ru", "timezone": "Asia/Irkutsk"})
    assert r.status == 303, r.status
    assert "Saved." in owner.follow(r).text
    assert sql("SELECT name, email, role, locale, timezone FROM crm_user WHERE id = %d" % uid)[0] == \
        ["Renamed Person", "r@example.org", "admin", "ru", "Asia/Irkutsk"]
    rows = audit_rows(owner, {"action": "user.role"})
    mine = [plain(x) for x in rows if "/admin/users/%d/edit" % uid in x]
    assert mine and "user → admin" in mine[0] and "Test adm.owner" in mine[0], mine[:1]
    names = [plain(x) for x in audit_rows(owner, {"action": "user.update"}) if "/admin/users/%d/edit" % uid in x]
    assert any("Test %s → Renamed Person" % login in x for x in names), names
    # A bad zone keeps the typed name and says what to fix.
    r = owner.post("/admin/users/%d/edit" % uid, {"name": "Typed Again", "email": "r@example.org", "role": "user",
                                                  "locale": "en", "timezone": "Mars/Olympus"})
    assert r.status == 422 and field(r.text, "name") == "Typed Again" and "Choose a time zone" in r.text
    assert sql("SELECT name, role FROM crm_user WHERE id = %d" % uid)[0] == ["Renamed Person", "admin"]


@test
def password_reset_and_disabling_with_confirmation():
    owner, _, _ = signed_in("adm.owner", "owner")
    login, uid = make_user("adm.pw")
    victim = Browser().login(login)
    r = owner.post("/admin/users/%d/password" % uid, {"password": "short"})
    assert r.status == 422 and "Use from 8 to 256 characters." in r.text
    r = owner.post("/admin/users/%d/password" % uid, {"password": "Another-pass-2"})
    assert r.status == 303 and victim.get("/profile/password").status == 303, "old session survived the reset"
    Browser().login(login, "Another-pass-2")
    # Disabling asks first, then ends the account's sessions.
    second = Browser().login(login, "Another-pass-2")
    confirm = owner.get("/admin/users/%d/disable" % uid)
    assert confirm.status == 200 and 'action="/admin/users/%d/disable"' % uid in confirm.text
    assert sql("SELECT active FROM crm_user WHERE id = %d" % uid) == [["1"]], "the confirmation page changed it"
    r = owner.post("/admin/users/%d/disable" % uid)
    assert r.status == 303 and sql("SELECT active FROM crm_user WHERE id = %d" % uid) == [["0"]]
    assert second.get("/profile/password").status == 303, "a disabled user kept his session"
    r = owner.post("/admin/users/%d/enable" % uid)
    assert r.status == 303 and sql("SELECT active FROM crm_user WHERE id = %d" % uid) == [["1"]]
    actions = [plain(x) for x in audit_rows(owner, {"action": "user.active"}) if "/admin/users/%d/" % uid in x]
    assert len(actions) >= 2 and "0 → 1" in actions[0] and "1 → 0" in actions[1], actions


@test
def owners_are_protected_from_admins_and_the_last_one_from_everyone():
    owner, _, oid = signed_in("adm.owner", "owner")
    admin, _, aid = signed_in("adm.admin", "admin")
    # An admin may neither make an owner nor touch an owner's account.
    r = admin.post("/admin/users/new", {"login": unique("adm.x"), "name": "X", "email": "", "role": "owner",
                                        "locale": "en", "timezone": "UTC", "password": PASSWORD})
    assert r.status == 422 and "Only a portal owner" in r.text
    assert 'value="owner"' not in admin.get("/admin/users/new").text, "admins are offered the owner role"
    r = admin.post("/admin/users/%d/edit" % oid, {"name": "Demoted", "email": "", "role": "user", "locale": "en",
                                                  "timezone": "UTC"})
    assert r.status == 403
    admin.post("/admin/users/%d/disable" % oid)
    admin.post("/admin/users/%d/password" % oid, {"password": "Taken-over-1"})
    assert sql("SELECT role, active FROM crm_user WHERE id = %d" % oid) == [["owner", "1"]]
    Browser().login(sql("SELECT login FROM crm_user WHERE id = %d" % oid)[0][0])
    # Nobody disables himself.
    r = admin.post("/admin/users/%d/disable" % aid)
    assert r.status == 303 and sql("SELECT active FROM crm_user WHERE id = %d" % aid) == [["1"]]
    assert "You cannot disable your own account." in admin.follow(r).text
    # The last active owner can be neither demoted nor disabled: set the others aside for a moment.
    others = [x[0] for x in sql("SELECT id FROM crm_user WHERE role = 'owner' AND active = 1 AND id <> %d" % oid)]
    try:
        if others:
            sql("UPDATE crm_user SET active = 0 WHERE id IN (%s)" % ",".join(others))
        r = owner.post("/admin/users/%d/edit" % oid, {"name": "Still Owner", "email": "", "role": "admin",
                                                      "locale": "en", "timezone": "UTC"})
        assert r.status == 422 and "last active portal owner" in r.text, r.status
        assert sql("SELECT role, name FROM crm_user WHERE id = %d" % oid)[0][0] == "owner"
        # With a second owner, the first may step down.
        second, sid = make_user("adm.owner2", "owner")
        r = owner.post("/admin/users/%d/edit" % oid, {"name": "Former Owner", "email": "", "role": "admin",
                                                      "locale": "en", "timezone": "UTC"})
        assert r.status == 303 and sql("SELECT role FROM crm_user WHERE id = %d" % oid) == [["admin"]]
        two = Browser().login(second)
        r = two.post("/admin/users/%d/disable" % sid)
        assert r.status == 303 and sql("SELECT active FROM crm_user WHERE id = %d" % sid) == [["1"]]
    finally:
        if others:
            sql("UPDATE crm_user SET active = 1 WHERE id IN (%s)" % ",".join(others))


def statements(b, path):
    """Prepared statements the server ran for one GET (the fewest of three, in case a job ran)."""
    counts = []
    for _ in range(3):
        before = int(sql("SHOW GLOBAL STATUS LIKE 'Com_stmt_execute'")[0][1])
        assert b.get(path).status == 200, path
        counts.append(int(sql("SHOW GLOBAL STATUS LIKE 'Com_stmt_execute'")[0][1]) - before)
    return min(counts)


@test
def lists_page_by_keyset_with_a_fixed_number_of_statements():
    prefix = "adm.page.%s." % secrets.token_hex(3)
    values = ",".join("('%s%03d', 'Paged %03d')" % (prefix, i, i) for i in range(57))
    sql("INSERT INTO crm_user (login, name) VALUES " + values)
    gid = int(sql("INSERT INTO crm_group (name) VALUES ('%s'); SELECT LAST_INSERT_ID()" % prefix)[0][0])
    try:
        owner, _, _ = signed_in("adm.owner", "owner")
        first = owner.get("/admin/users?" + urllib.parse.urlencode({"q": prefix}))
        logins = re.findall(r'data-user="([^"]+)"', first.text)
        assert logins == ["%s%03d" % (prefix, i) for i in range(50)], logins[:3]
        nxt = re.search(r'href="([^"]+)" rel="next"', first.text)
        assert nxt and 'rel="prev"' not in first.text
        second = owner.get(html.unescape(nxt.group(1)))
        assert re.findall(r'data-user="([^"]+)"', second.text) == ["%s%03d" % (prefix, i) for i in range(50, 57)]
        assert 'rel="next"' not in second.text
        prev = re.search(r'href="([^"]+)" rel="prev"', second.text)
        back = owner.get(html.unescape(prev.group(1)))
        assert re.findall(r'data-user="([^"]+)"', back.text) == logins
        # No query per row: one row or fifty, a page costs the same statements.
        one = statements(owner, "/admin/users?" + urllib.parse.urlencode({"q": prefix + "001"}))
        many = statements(owner, "/admin/users?" + urllib.parse.urlencode({"q": prefix}))
        assert one == many, "users: %d statements for one row, %d for fifty" % (one, many)
        empty = [statements(owner, p) for p in ("/admin/groups/%d" % gid, "/admin/access")]
        sql("INSERT INTO crm_group_member (group_id, user_id) SELECT %d, id FROM crm_user WHERE login LIKE '%s%%'"
            % (gid, prefix))
        sql("INSERT INTO crm_access (user_id) SELECT id FROM crm_user WHERE login LIKE '%s%%'" % prefix)
        full = [statements(owner, p) for p in ("/admin/groups/%d" % gid, "/admin/access")]
        assert empty == full, "group and access pages: %s statements empty, %s with 57 rows" % (empty, full)
        assert len(re.findall(r'data-member="', owner.get("/admin/groups/%d" % gid).text)) == 57
    finally:
        sql("DELETE FROM crm_group WHERE id = %d" % gid)
        sql("DELETE FROM crm_user WHERE login LIKE '%s%%'" % prefix)


# ===== who may open what =====

ADMIN_GETS = ["/admin", "/admin/users", "/admin/users/new", "/admin/users/{uid}/edit", "/admin/users/{uid}/disable",
              "/admin/groups", "/admin/groups/{gid}", "/admin/groups/{gid}/delete", "/admin/audit"]
OWNER_GETS = ["/admin/modules", "/admin/access"]
ADMIN_POSTS = [("/admin/users/new", {"login": "adm.never", "name": "Never", "role": "user", "locale": "en",
                                     "timezone": "UTC", "password": PASSWORD}),
               ("/admin/users/{uid}/edit", {"name": "Hacked", "email": "", "role": "owner", "locale": "en",
                                            "timezone": "UTC"}),
               ("/admin/users/{uid}/password", {"password": "Hacked-pass-1"}),
               ("/admin/users/{uid}/disable", {}), ("/admin/users/{uid}/enable", {}),
               ("/admin/groups", {"name": "never"}), ("/admin/groups/{gid}/members", {"login": "{login}"}),
               ("/admin/groups/{gid}/members/{uid}/remove", {}), ("/admin/groups/{gid}/grants", {"perm": "core.owner"}),
               ("/admin/groups/{gid}/delete", {})]
OWNER_POSTS = [("/admin/modules/home/disable", {}), ("/admin/modules/home/enable", {}),
               ("/admin/access", {"mode": "chosen"}), ("/admin/access/users", {"login": "{login}"}),
               ("/admin/access/groups", {"group": "{gid}"}), ("/admin/access/1/remove", {})]


def fill(s, **kw):
    for k, v in kw.items():
        s = s.replace("{%s}" % k, str(v))
    return s


def snapshot(gid, uid):
    return (sql("SELECT name, role, active, password_hash FROM crm_user WHERE id = %d" % uid),
            sql("SELECT user_id FROM crm_group_member WHERE group_id = %d" % gid),
            sql("SELECT permission FROM crm_group_grant WHERE group_id = %d" % gid),
            sql("SELECT id FROM crm_group WHERE id = %d OR name = 'never'" % gid),
            sql("SELECT COUNT(*) FROM crm_access"), sql("SELECT * FROM crm_setting WHERE name = 'access.mode'"),
            sql("SELECT * FROM crm_plugin"), sql("SELECT id FROM crm_user WHERE login = 'adm.never'"))


def refused_everywhere(b, routes_get, routes_post, gid, uid, login):
    before = snapshot(gid, uid)
    for path in routes_get:
        r = b.get(fill(path, uid=uid, gid=gid))
        assert r.status == 403, "GET %s answered %d" % (path, r.status)
    for path, data in routes_post:
        r = b.post(fill(path, uid=uid, gid=gid), {k: fill(v, login=login, gid=gid) for k, v in data.items()})
        assert r.status == 403, "POST %s answered %d" % (path, r.status)
    assert snapshot(gid, uid) == before, "a refused request changed something"


@test
def a_crm_user_gets_403_on_every_admin_page():
    user, login, uid = signed_in("adm.plain")
    gid = int(sql("INSERT INTO crm_group (name) VALUES ('%s'); SELECT LAST_INSERT_ID()" % unique("adm.g"))[0][0])
    sql("INSERT INTO crm_group_member (group_id, user_id) VALUES (%d, %d)" % (gid, uid))
    try:
        refused_everywhere(user, ADMIN_GETS + OWNER_GETS, ADMIN_POSTS + OWNER_POSTS, gid, uid, login)
        menu = sidebar(user.get("/profile/password").text)
        assert "/admin/users" not in menu and "/admin/modules" not in menu, "the menu offers admin pages"
        # Without a session a browser is sent to sign in, and a POST is refused.
        anon = crmtest.get("/admin/users")
        assert anon.status == 303 and anon.header("Location").startswith("/login?next=")
        assert crmtest.post("/admin/groups", {"name": "x"}).status == 403
    finally:
        sql("DELETE FROM crm_group WHERE id = %d" % gid)


@test
def an_admin_may_use_users_groups_and_audit_but_not_modules_or_access():
    admin, login, uid = signed_in("adm.admin", "admin")
    other, oid = make_user("adm.other")
    gid = int(sql("INSERT INTO crm_group (name) VALUES ('%s'); SELECT LAST_INSERT_ID()" % unique("adm.g"))[0][0])
    try:
        refused_everywhere(admin, OWNER_GETS, OWNER_POSTS, gid, oid, other)
        for path in ADMIN_GETS:
            r = admin.get(fill(path, uid=oid, gid=gid))
            assert r.status in (200, 303), "GET %s answered %d" % (path, r.status)
        page = admin.get("/admin/users")
        tabs = re.search(r'<nav class="actions admin-tabs".*?</nav>', page.text, re.S).group(0)
        assert "/admin/groups" in tabs and "/admin/audit" in tabs and "/admin/modules" not in tabs
        menu = sidebar(page.text)
        assert 'href="/admin/users"' in menu and 'href="/admin/modules"' not in menu
        # Groups work for an admin: add a member through the page, then remove him.
        r = admin.post("/admin/groups/%d/members" % gid, {"login": other})
        assert r.status == 303 and sql("SELECT user_id FROM crm_group_member WHERE group_id = %d" % gid) == [[str(oid)]]
        r = admin.post("/admin/groups/%d/members" % gid, {"login": "no.such.login.here"})
        assert r.status == 422 and field(r.text, "login") == "no.such.login.here" and "no user with this login" in r.text
        r = admin.post("/admin/groups/%d/members/%d/remove" % (gid, oid))
        assert r.status == 303 and not sql("SELECT user_id FROM crm_group_member WHERE group_id = %d" % gid)
        # Only the owner grants what only the owner holds.
        r = admin.post("/admin/groups/%d/grants" % gid, {"perm": "core.owner"})
        assert r.status == 303 and not sql("SELECT * FROM crm_group_grant WHERE group_id = %d" % gid)
    finally:
        sql("DELETE FROM crm_group WHERE id = %d" % gid)


@test
def a_group_grant_of_core_admin_opens_the_admin_pages():
    owner, _, _ = signed_in("adm.owner", "owner")
    member, login, uid = signed_in("adm.member")
    name = unique("adm.grp")
    r = owner.post("/admin/groups", {"name": name})
    gid = int(sql("SELECT id FROM crm_group WHERE name = '%s'" % name)[0][0])
    try:
        assert r.header("Location") == "/admin/groups/%d" % gid
        r = owner.post("/admin/groups", {"name": name})
        assert r.status == 422 and field(r.text, "name") == name and "already exists" in r.text
        assert owner.post("/admin/groups/%d/members" % gid, {"login": login}).status == 303
        assert member.get("/admin/users").status == 403
        page = owner.get("/admin/groups/%d" % gid)
        assert 'name="perm" value="core.admin"' in page.text and 'name="perm" value="core.self"' not in page.text
        r = owner.post("/admin/groups/%d/grants" % gid, {"perm": "core.admin"})
        assert r.status == 303 and sql("SELECT permission FROM crm_group_grant WHERE group_id = %d" % gid) == \
            [["core.admin"]]
        assert member.get("/admin/users").status == 200, "the grant did not open /admin/users"
        assert 'href="/admin/users"' in sidebar(member.get("/admin/users").text)
        assert member.get("/admin/modules").status == 403
        granted = [plain(x) for x in audit_rows(owner, {"action": "group.grant"}) if "/admin/groups/%d" % gid in x]
        assert granted and "— → core.admin" in granted[0], granted
        # Unticking withdraws it; deleting the group asks first.
        assert owner.post("/admin/groups/%d/grants" % gid, {}).status == 303
        assert member.get("/admin/users").status == 403
        assert 'action="/admin/groups/%d/delete"' % gid in owner.get("/admin/groups/%d/delete" % gid).text
        r = owner.post("/admin/groups/%d/delete" % gid)
        assert r.header("Location") == "/admin/groups" and not sql("SELECT id FROM crm_group WHERE id = %d" % gid)
    finally:
        sql("DELETE FROM crm_group WHERE id = %d" % gid)


# ===== modules =====

@test
def owner_switches_a_module_off_and_on_on_the_modules_page():
    owner, _, _ = signed_in("adm.owner", "owner")
    try:
        page = owner.get("/admin/modules")
        assert page.status == 200
        row = plugin_row(page.text, "home")
        assert re.search(r'<button type="submit" class="[^"]*\bswitch\b[^"]*">Disable</button>', row), row
        assert "1.0.0" in row and "Enabled" in row
        assert "switch" not in plugin_row(page.text, "admin"), "a required plugin has a switch"
        # Refused plugins (the test stack brings broken ones) show why, and have no switch.
        for stem, why in (("noperm", "declares no permission"), ("dupname", "is already loaded"),
                          ("badabi", "built for plugin ABI 99.0")):
            refused = plugin_row(page.text, stem)
            assert 'data-status="refused"' in refused and why in html.unescape(refused), refused
            assert "switch" not in refused and "Refused" in refused
        assert 'href="/"' in sidebar(page.text)
        r = owner.post("/admin/modules/home/disable")
        assert r.status == 303 and r.header("Location") == "/admin/modules"
        after = owner.follow(r)
        assert "Module disabled." in after.text, "no flash"
        assert 'href="/"' not in sidebar(after.text), "the menu of the very next page still has home"
        assert re.search(r'class="[^"]*\bswitch\b[^"]*">Enable</button>', plugin_row(after.text, "home"))
        assert owner.get("/").status == 404 and crmtest.get("/").status == 404
        r = owner.post("/admin/modules/home/enable")
        after = owner.follow(r)
        assert "Module enabled." in after.text and 'href="/"' in sidebar(after.text)
        assert owner.get("/").status == 200
        switches = [plain(x) for x in audit_rows(owner, {"action": "plugin.switch"})[:2]]
        assert "enabled → disabled" in switches[1] and "disabled → enabled" in switches[0], switches
        # The required admin plugin has no switch that works either.
        r = owner.post("/admin/modules/admin/disable")
        assert "cannot be switched" in owner.follow(r).text and owner.get("/admin/modules").status == 200
    finally:
        crmctl("plugin", "enable", "home")


@test
def the_modules_page_speaks_russian():
    owner, _, _ = signed_in("adm.owner", "owner", locale="ru")
    try:
        row = plugin_row(owner.get("/admin/modules").text, "home")
        assert re.search(r'class="[^"]*\bswitch\b[^"]*">Отключить</button>', row), row
        owner.post("/admin/modules/home/disable")
        page = owner.get("/admin/modules")
        assert re.search(r'class="[^"]*\bswitch\b[^"]*">Включить</button>', plugin_row(page.text, "home"))
        assert "Модуль отключён." in page.text and "Администрирование" in page.text
    finally:
        crmctl("plugin", "enable", "home")


@test
def posts_without_the_csrf_token_are_refused_and_change_nothing():
    owner, _, _ = signed_in("adm.owner", "owner")
    login = unique("adm.nocsrf")
    cases = [("/admin/modules/home/disable", {}),
             ("/admin/users/new", {"login": login, "name": "N", "role": "user", "locale": "en", "timezone": "UTC",
                                   "password": PASSWORD}),
             ("/admin/access", {"mode": "chosen"}),
             ("/admin/groups", {"name": login})]
    try:
        for path, data in cases:
            for token in (None, "forged-" + secrets.token_hex(16)):
                body = dict(data, csrf=token) if token else data
                r = owner.post(path, body, csrf=False)
                assert r.status == 403 and "The form expired" in r.text, "%s with %s: %d" % (path, token, r.status)
        assert owner.get("/").status == 200, "home was disabled"
        assert not sql("SELECT id FROM crm_user WHERE login = '%s'" % login)
        assert not sql("SELECT id FROM crm_group WHERE name = '%s'" % login)
        assert sql("SELECT value FROM crm_setting WHERE name = 'access.mode'") in ([], [["all"]])
    finally:
        crmctl("plugin", "enable", "home")


# ===== access to the CRM =====

@test
def access_restricted_to_a_group_keeps_everyone_else_out():
    owner, _, _ = signed_in("adm.owner", "owner")
    inside, in_login, _ = signed_in("adm.inside")
    outside, _, _ = signed_in("adm.outside")
    outside_admin, _, _ = signed_in("adm.outadmin", "admin")
    name = unique("adm.allowed")
    owner.post("/admin/groups", {"name": name})
    gid = int(sql("SELECT id FROM crm_group WHERE name = '%s'" % name)[0][0])
    try:
        assert owner.post("/admin/groups/%d/members" % gid, {"login": in_login}).status == 303
        page = owner.get("/admin/access")
        assert 'name="mode" value="all" id="mode-all" checked' in page.text
        assert owner.post("/admin/access/groups", {"group": str(gid)}).status == 303
        r = owner.post("/admin/access", {"mode": "chosen"})
        assert r.status == 303 and sql("SELECT value FROM crm_setting WHERE name = 'access.mode'") == [["chosen"]]
        assert 'data-group="%s"' % name in owner.follow(r).text
        for b, who in ((outside, "a user"), (outside_admin, "an admin")):
            for path in ("/", "/profile/password", "/notifications", "/admin/users"):
                r = b.get(path)
                assert r.status == 403, "%s outside the group got %d on %s" % (who, r.status, path)
                assert "The portal owner has not given you access to the CRM." in r.text, path
        # Kept out, one may still sign out.
        leaving, _, _ = signed_in("adm.leaving")
        r = leaving.post("/logout", {})
        assert r.status == 303 and r.header("Location") == "/login", r.status
        assert leaving.get("/admin/users").status == 303, "the session did not end"
        assert inside.get("/").status == 200 and inside.get("/profile/password").status == 200
        assert inside.get("/admin/users").status == 403, "access to the CRM is not a permission"
        assert owner.get("/").status == 200 and owner.get("/admin/access").status == 200
        # A user chosen by name gets in too.
        r = owner.post("/admin/access/users", {"login": "no.such.login.here"})
        assert r.status == 422 and field(r.text, "login") == "no.such.login.here"
        out_login = sql("SELECT login FROM crm_user WHERE id = (SELECT MAX(id) FROM crm_user WHERE login LIKE "
                        "'adm.outside.%')")[0][0]
        assert owner.post("/admin/access/users", {"login": out_login}).status == 303
        assert outside.get("/profile/password").status == 200
        modes = [plain(x) for x in audit_rows(owner, {"action": "access.mode"})]
        assert "all → chosen" in modes[0], modes[:1]
        # Back to everyone, through the page.
        assert owner.post("/admin/access", {"mode": "all"}).status == 303
        assert outside_admin.get("/admin/users").status == 200
    finally:
        sql("INSERT INTO crm_setting (name, value) VALUES ('access.mode', 'all') "
            "ON DUPLICATE KEY UPDATE value = 'all'")
        sql("DELETE FROM crm_access WHERE group_id = %d OR user_id IN (SELECT id FROM crm_user WHERE login LIKE "
            "'adm.outside.%%')" % gid)
        sql("DELETE FROM crm_group WHERE id = %d" % gid)


# ===== the audit page =====

@test
def the_audit_page_filters_by_user_and_action():
    owner, owner_login, _ = signed_in("adm.owner", "owner")
    admin, admin_login, _ = signed_in("adm.auditor", "admin")
    login, uid = make_user("adm.audited")
    owner.post("/admin/users/%d/edit" % uid, {"name": "N1", "email": "", "role": "user", "locale": "en",
                                              "timezone": "UTC"})
    admin.post("/admin/users/%d/edit" % uid, {"name": "N2", "email": "", "role": "user", "locale": "en",
                                              "timezone": "UTC"})
    by_admin = [plain(x) for x in audit_rows(admin, {"user": admin_login})]
    assert by_admin and all("Test " + admin_login in x for x in by_admin), by_admin[:2]
    assert "N1 → N2" in by_admin[0]
    by_owner = [plain(x) for x in audit_rows(admin, {"user": owner_login, "action": "user.update"})]
    assert any("Test %s → N1" % login in x for x in by_owner), by_owner[:3]
    assert not any("N1 → N2" in x for x in by_owner)
    assert any("Europe/Moscow → UTC" in x for x in by_owner), "the zone change is missing"
    page = admin.get("/admin/audit")
    assert '<option value="user.update">User edited</option>' in page.text
    # crmctl's own changes show as the system's.
    assert any("System (crmctl)" in plain(x) and "/admin/users/%d/" % uid in x
               for x in audit_rows(admin, {"action": "user.create"}))


if __name__ == "__main__":
    main()
