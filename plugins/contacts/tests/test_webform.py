"""The web form "Contacts from site" through nginx and MariaDB: its admin pages, and
submissions from a page that another origin serves, with the checks that keep bots
out (key, origin, honeypot, signed time stamp, per-address rate limit).

Each test makes its own form (so rate counts never mix) and its own users.
"""
import hashlib
import hmac
import html
import json
import os
import re
import tempfile
import threading
import time
import urllib.parse
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

from crmtest import PORT, Session, get, http, main, sql, test, unique, user_add

PASSWORD = "Secret-pass-1"
CRM = "http://127.0.0.1:%d" % PORT


def signed_in(prefix, role="user", locale="en"):
    login = unique(prefix)
    uid = user_add(login, PASSWORD, role, name="Test " + login)
    sql("UPDATE crm_user SET locale = '%s' WHERE id = %d" % (locale, uid))
    s = Session()
    s.login(login, PASSWORD)
    return s, uid


def new_form(admin, manager_id, **kw):
    """Create a form through the admin page; returns its row as a dict."""
    data = {"name": "Site " + unique(), "f_email": "2", "f_phone": "1", "f_company": "1", "f_job_title": "0",
            "f_message": "1", "type_id": "", "tags": "", "manager_id": str(manager_id), "thanks_url": "",
            "origins": "", "active": "1"}
    data.update(kw)
    r = admin.post("/contacts/webforms/new", data)
    assert r.status == 303, "creating the form: %d %s" % (r.status, r.text[:500])
    fid = int(r.header("Location").rsplit("/", 1)[1])
    cols = ["id", "name", "form_key", "secret", "type_id", "tags", "manager_id", "thanks_url", "origins", "active",
            "submitted"]
    row = sql("SELECT %s FROM contact_webform WHERE id = %d" % (", ".join(cols), fid))[0]
    return dict(zip(cols, row))


def stamp(form, age=10):
    """A time stamp as the form's stamp route makes them, age seconds old."""
    t = str(int(time.time()) - age)
    return t + "." + hmac.new(form["secret"].encode(), t.encode(), hashlib.sha256).hexdigest()


def person(**kw):
    email = "%s@example.com" % unique("wf")
    d = {"first_name": "Мария", "last_name": "Иванова " + unique(), "email": email, "phone": "8 (912) 345-67-89",
         "message": "Перезвоните, пожалуйста", "website": ""}
    d.update(kw)
    return d


def submit(form, data, origin=None, as_json=True, ts=None, address_headers=None):
    body = dict(data)
    body.setdefault("_ts", stamp(form) if ts is None else ts)
    headers = {}
    if origin:
        headers["Origin"] = origin
    if as_json:
        headers["Accept"] = "application/json"
    headers.update(address_headers or {})
    return http("POST", "/webform/" + form["form_key"], body=urllib.parse.urlencode(body),
                headers=dict(headers, **{"Content-Type": "application/x-www-form-urlencoded"}))


def contacts_with_email(email):
    return sql("SELECT c.id FROM contact c JOIN contact_email e ON e.contact_id = c.id WHERE e.email = '%s'" % email)


def hits(form):
    return int(sql("SELECT COUNT(*) FROM contact_webform_hit WHERE form_id = %s" % form["id"])[0][0])


class OtherSite:
    """A static site on another port (another origin) serving one page."""

    def __init__(self, page):
        self.dir = tempfile.mkdtemp(prefix="crm-site-")
        with open(os.path.join(self.dir, "index.html"), "w", encoding="utf-8") as f:
            f.write(page)
        site = self.dir

        class Quiet(SimpleHTTPRequestHandler):
            def __init__(self, *a, **k):
                super().__init__(*a, directory=site, **k)

            def log_message(self, *a):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
        self.port = self.server.server_address[1]
        self.origin = "http://127.0.0.1:%d" % self.port
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def snippet(admin, form):
    r = admin.get("/contacts/webforms/%s" % form["id"])
    assert r.status == 200, r.status
    m = re.search(r'<textarea class="webform-snippet"[^>]*>(.*?)</textarea>', r.text, re.S)
    assert m, "no snippet on the form's page"
    return html.unescape(m.group(1))


# ===== submissions =====

@test
def a_page_on_another_site_sends_the_form_and_a_contact_appears():
    admin, _ = signed_in("wf.admin", "admin")
    _, manager = signed_in("wf.manager")
    type_id = sql("SELECT id FROM contact_type ORDER BY position LIMIT 1")[0][0]
    # The site's origin is known only once it listens: create the form, then allow it.
    form = new_form(admin, manager, type_id=type_id, tags="сайт, " + unique("tag"))
    code = snippet(admin, form)
    site = OtherSite("<!doctype html><html><body><h1>Shop</h1>%s</body></html>" % code)
    try:
        r = admin.post("/contacts/webforms/%s" % form["id"], {
            "name": form["name"], "f_email": "2", "f_phone": "1", "f_company": "1", "f_job_title": "0",
            "f_message": "1", "type_id": type_id, "tags": form["tags"], "manager_id": str(manager),
            "thanks_url": "", "origins": site.origin + "/", "active": "1"})
        assert r.status == 303, r.status
        assert sql("SELECT origins FROM contact_webform WHERE id = %s" % form["id"])[0][0] == site.origin
        # What a browser does: load the page from the other site, read the form from it...
        page = get("/", port=site.port)
        assert page.status == 200 and 'name="website"' in page.text and 'name="_ts"' in page.text
        action = re.search(r'<form[^>]*\baction="([^"]*)"', page.text).group(1)
        stamp_url = re.search(r'<form[^>]*\bdata-stamp="([^"]*)"', page.text).group(1)
        assert action == "%s/webform/%s" % (CRM, form["form_key"]), action
        for name in ("first_name", "last_name", "email", "phone", "company", "message"):
            assert 'name="%s"' % name in page.text, name
        assert 'name="job_title"' not in page.text
        # ...fetch the time stamp cross-origin (the answer names the site in its CORS header)...
        r = get(urllib.parse.urlparse(stamp_url).path, headers={"Origin": site.origin})
        assert r.status == 200 and r.header("Access-Control-Allow-Origin") == site.origin, r.headers
        ts = json.loads(r.text)["stamp"]
        # ...and post it, as a person would, a few seconds later.
        time.sleep(3.2)
        data = person(company="ООО «Ромашка»")
        r = submit(form, data, origin=site.origin, ts=ts)
        assert r.status == 200, (r.status, r.text)
        assert r.header("Access-Control-Allow-Origin") == site.origin
        answer = json.loads(r.text)
        assert answer["ok"] is True and answer["message"] == "Thank you! We will contact you soon.", answer
    finally:
        site.close()
    ids = contacts_with_email(data["email"])
    assert len(ids) == 1, ids
    cid = ids[0][0]
    row = sql("SELECT kind, first_name, last_name, owner_id, type_id, visibility, description FROM contact "
              "WHERE id = %s" % cid)[0]
    assert row[:6] == ["person", "Мария", data["last_name"], str(manager), str(type_id), "private"], row
    assert "ООО «Ромашка»" in row[6] and "Перезвоните" in row[6], row[6]
    assert sql("SELECT typed, e164 FROM contact_phone WHERE contact_id = %s" % cid) == \
        [["8 (912) 345-67-89", "+79123456789"]]
    tags = sorted(x[0] for x in sql("SELECT t.name FROM crm_record_tag rt JOIN crm_tag t ON t.id = rt.tag_id "
                                    "WHERE rt.entity = 'contact' AND rt.record_id = %s" % cid))
    assert tags == sorted(x.strip() for x in form["tags"].split(",")), tags
    # The manager is told, with a link to the new contact.
    notes = sql("SELECT msg_key, text FROM crm_notification WHERE user_id = %d AND url = '/contacts/%s'"
                % (manager, cid))
    assert notes and notes[0][0] == "contacts.webform_notify" and form["name"] in notes[0][1], notes
    assert sql("SELECT submitted FROM contact_webform WHERE id = %s" % form["id"])[0][0] == "1"
    r = admin.get("/contacts/webforms")
    assert re.search(r'<tr data-webform="%s">.*?<td>1</td>' % form["id"], r.text, re.S), "count not listed"


@test
def a_plain_post_goes_to_the_thank_you_page():
    admin, _ = signed_in("wf.admin", "admin")
    _, manager = signed_in("wf.manager")
    form = new_form(admin, manager, thanks_url="https://shop.example/thanks?from=crm")
    data = person()
    r = submit(form, data, origin="https://shop.example", as_json=False)
    assert r.status == 303 and r.header("Location") == "https://shop.example/thanks?from=crm", \
        (r.status, r.header("Location"))
    assert len(contacts_with_email(data["email"])) == 1
    # Without a thank-you page of its own, the CRM shows one.
    form = new_form(admin, manager)
    r = submit(form, person(), as_json=False)
    assert r.status == 200 and "Thank you! We will contact you soon." in r.text, r.status
    # Problems come back as a page listing each field.
    data = person(email="not-an-email", first_name="")
    r = submit(form, data, as_json=False)
    assert r.status == 422, r.status
    assert 'data-field="email"' in r.text and 'data-field="first_name"' in r.text
    assert not sql("SELECT id FROM contact WHERE last_name = '%s'" % data["last_name"])


@test
def a_filled_honeypot_is_refused_and_nothing_is_stored():
    admin, _ = signed_in("wf.admin", "admin")
    _, manager = signed_in("wf.manager")
    form = new_form(admin, manager)
    data = person(website="http://spam.example")
    for as_json in (True, False):
        r = submit(form, data, as_json=as_json)
        assert r.status == 400, r.status
        if as_json:
            assert json.loads(r.text)["error"] == "refused"
    assert not contacts_with_email(data["email"])
    assert hits(form) == 0
    assert sql("SELECT submitted FROM contact_webform WHERE id = %s" % form["id"])[0][0] == "0"


@test
def a_flood_from_one_address_gets_429_after_five():
    admin, _ = signed_in("wf.admin", "admin")
    _, manager = signed_in("wf.manager")
    form = new_form(admin, manager)
    other = new_form(admin, manager)
    names = []
    statuses = []
    for i in range(8):
        data = person()
        names.append(data["last_name"])
        r = submit(form, data)
        statuses.append(r.status)
        if r.status == 429:
            assert r.header("Retry-After"), "no Retry-After"
            assert json.loads(r.text)["error"] == "rate"
    assert statuses == [200] * 5 + [429] * 3, statuses
    stored = sql("SELECT COUNT(*) FROM contact WHERE last_name IN (%s)" % ", ".join("'%s'" % n for n in names))
    assert stored[0][0] == "5", stored
    assert hits(form) == 5
    # The limit is per form: the same address may still use another one.
    assert submit(other, person()).status == 200
    # A plain post over the limit gets the error page with the same status.
    assert submit(form, person(), as_json=False).status == 429


@test
def a_wrong_key_answers_404():
    admin, _ = signed_in("wf.admin", "admin")
    _, manager = signed_in("wf.manager")
    form = new_form(admin, manager)
    wrong = dict(form, form_key="0" * 32)
    data = person()
    assert submit(wrong, data).status == 404
    assert submit(dict(form, form_key="not-a-key"), data).status == 404
    assert submit(dict(form, form_key=form["form_key"].upper()), data).status == 404
    assert get("/webform/%s/stamp" % ("f" * 32)).status == 404
    # A switched-off form is as good as absent.
    sql("UPDATE contact_webform SET active = 0 WHERE id = %s" % form["id"])
    assert submit(form, data).status == 404
    assert get("/webform/%s/stamp" % form["form_key"]).status == 404
    assert not contacts_with_email(data["email"])


@test
def stamps_too_fresh_forged_old_or_missing_are_refused():
    admin, _ = signed_in("wf.admin", "admin")
    _, manager = signed_in("wf.manager")
    form = new_form(admin, manager)
    data = person()
    fresh = json.loads(get("/webform/%s/stamp" % form["form_key"]).text)["stamp"]
    r = submit(form, data, ts=fresh)
    assert r.status == 400 and json.loads(r.text)["error"] == "too_fast", (r.status, r.text)
    t, mac = stamp(form).split(".")
    cases = [
        (str(int(t) - 100) + "." + mac, 403),                     # the time changed, not the HMAC
        (t + "." + "0" * 64, 403),                                # a made-up HMAC
        (stamp(dict(form, secret="x" * 64)), 403),                # another form's secret
        (stamp(form, age=2 * 86400), 403),                        # a page left open for days
        ("", 403), ("garbage", 403), ("12.34", 403),
    ]
    for ts, status in cases:
        r = submit(form, data, ts=ts)
        assert r.status == status, (ts, r.status, r.text)
    assert not contacts_with_email(data["email"])
    assert hits(form) == 0
    # The same fresh stamp passes once it is old enough.
    time.sleep(3.2)
    assert submit(form, data, ts=fresh).status == 200


@test
def a_site_not_allowed_is_refused():
    admin, _ = signed_in("wf.admin", "admin")
    _, manager = signed_in("wf.manager")
    form = new_form(admin, manager, origins="https://shop.example\nhttps://www.shop.example:8443")
    data = person()
    r = submit(form, data, origin="https://evil.example")
    assert r.status == 403 and r.header("Access-Control-Allow-Origin") is None, r.status
    r = get("/webform/%s/stamp" % form["form_key"], headers={"Origin": "https://evil.example"})
    assert r.status == 403 and r.header("Access-Control-Allow-Origin") is None
    assert submit(form, data, origin="null").status == 403
    assert not contacts_with_email(data["email"])
    r = submit(form, data, origin="https://WWW.shop.example:8443")
    assert r.status == 200 and r.header("Access-Control-Allow-Origin") == "https://WWW.shop.example:8443"
    # With no list any site may send it, and the answer says so.
    open_form = new_form(admin, manager)
    r = submit(open_form, person(), origin="https://anyone.example")
    assert r.status == 200 and r.header("Access-Control-Allow-Origin") == "*"


@test
def fields_validate_as_on_the_contact_form():
    admin, _ = signed_in("wf.admin", "admin")
    _, manager = signed_in("wf.manager")
    form = new_form(admin, manager, f_phone="2", f_message="0")
    cases = [
        (person(email="not-an-email"), "email"),
        (person(email=""), "email"),                    # required by this form
        (person(phone=""), "phone"),                    # required by this form
        (person(first_name="  "), "first_name"),
        (person(last_name=""), "last_name"),
        (person(first_name="x" * 101), "first_name"),
        (person(company="y" * 201), "company"),
    ]
    for data, bad in cases:
        r = submit(form, data)
        assert r.status == 422, (bad, r.status, r.text)
        answer = json.loads(r.text)
        assert answer["ok"] is False and bad in answer["fields"], (bad, answer)
        assert answer["fields"][bad] and not answer["fields"][bad].startswith("contacts."), answer
    assert hits(form) == 0
    # A field the form does not ask is ignored, not stored.
    data = person(message="should not be kept")
    assert submit(form, data).status == 200
    cid = contacts_with_email(data["email"])[0][0]
    assert "should not be kept" not in (sql("SELECT IFNULL(description, '') FROM contact WHERE id = %s" % cid)[0][0])


@test
def numbers_are_read_in_the_country_of_the_settings():
    admin, _ = signed_in("wf.admin", "admin")
    _, manager = signed_in("wf.manager")
    before = sql("SELECT value FROM crm_setting WHERE name = 'phone.country'")
    try:
        r = admin.post("/admin/settings", {"org_name": "", "currency": "RUB", "phone_country": "BY"})
        assert r.status == 303, r.status
        form = new_form(admin, manager)
        data = person(phone="8 029 123-45-67")
        assert submit(form, data).status == 200
        cid = contacts_with_email(data["email"])[0][0]
        assert sql("SELECT e164 FROM contact_phone WHERE contact_id = %s" % cid) == [["+375291234567"]]
    finally:
        if before:
            sql("REPLACE INTO crm_setting (name, value) VALUES ('phone.country', '%s')" % before[0][0])
        else:
            sql("DELETE FROM crm_setting WHERE name = 'phone.country'")


# ===== the admin pages =====

@test
def admins_create_edit_and_delete_forms_with_errors_on_their_fields():
    admin, _ = signed_in("wf.admin", "admin")
    _, manager = signed_in("wf.manager")
    r = admin.get("/contacts/webforms/new")
    assert r.status == 200 and 'name="manager_id"' in r.text
    base = {"name": "Landing", "f_email": "2", "f_phone": "1", "f_company": "0", "f_job_title": "0",
            "f_message": "1", "type_id": "", "tags": "", "manager_id": str(manager), "thanks_url": "",
            "origins": "", "active": "1"}
    n = sql("SELECT COUNT(*) FROM contact_webform")[0][0]
    cases = [
        ({"name": ""}, "name"),
        ({"name": "z" * 101}, "name"),
        ({"f_email": "7"}, "f_email"),
        ({"type_id": "999999999"}, "type_id"),
        ({"manager_id": "999999999"}, "manager_id"),
        ({"thanks_url": "javascript:alert(1)"}, "thanks_url"),
        ({"thanks_url": "https://x.example/\r\nSet-Cookie: a=b"}, "thanks_url"),
        ({"origins": "https://shop.example/path"}, "origins"),
        ({"origins": "ftp://shop.example"}, "origins"),
        ({"tags": ",".join("t%d" % i for i in range(30))}, "tags"),
    ]
    for change, bad in cases:
        r = admin.post("/contacts/webforms/new", dict(base, **change))
        assert r.status == 422, (bad, r.status)
        m = re.search(r'<div class="field field-[a-z]+ has-error">(?:(?!<div class="field ).)*?name="%s"' % bad,
                      r.text, re.S)
        assert m, "%s: the error is not on its field" % bad
        if bad == "name":
            kept = re.search(r'<input[^>]*name="name"[^>]*value="([^"]*)"', r.text)
            assert kept and html.unescape(kept.group(1)) == change["name"], "the name typed was lost"
    assert sql("SELECT COUNT(*) FROM contact_webform")[0][0] == n, "a refused form was stored"
    form = new_form(admin, manager, name="Landing <b>", tags=" a ,b,, a ")
    assert form["tags"] == "a, b" and form["name"] == "Landing <b>"
    assert len(form["form_key"]) == 32 and len(form["secret"]) == 64
    r = admin.get("/contacts/webforms/%s" % form["id"])
    assert "Landing &lt;b&gt;" in r.text and "Landing <b>" not in r.text
    # Editing keeps the key: the code on the site goes on working.
    r = admin.post("/contacts/webforms/%s" % form["id"], dict(base, name="Landing 2", active=""))
    assert r.status == 303
    row = sql("SELECT name, active, form_key FROM contact_webform WHERE id = %s" % form["id"])[0]
    assert row == ["Landing 2", "0", form["form_key"]], row
    # Deleting asks first; the contacts it made stay.
    data = person()
    sql("UPDATE contact_webform SET active = 1 WHERE id = %s" % form["id"])
    assert submit(form, data).status == 200
    r = admin.get("/contacts/webforms/%s/delete" % form["id"])
    assert r.status == 200 and 'action="/contacts/webforms/%s/delete"' % form["id"] in r.text
    assert sql("SELECT COUNT(*) FROM contact_webform WHERE id = %s" % form["id"])[0][0] == "1"
    r = admin.post("/contacts/webforms/%s/delete" % form["id"], {})
    assert r.status == 303 and r.header("Location") == "/contacts/webforms"
    assert not sql("SELECT id FROM contact_webform WHERE id = %s" % form["id"])
    assert hits(form) == 0
    assert len(contacts_with_email(data["email"])) == 1
    assert submit(form, person()).status == 404
    assert admin.get("/contacts/webforms/%s" % form["id"]).status == 404
    actions = [x[0] for x in sql("SELECT action FROM crm_audit WHERE entity = 'webform' AND record_id = %s "
                                 "ORDER BY id" % form["id"])]
    assert actions == ["webform.create", "webform.update", "webform.delete"], actions


@test
def crm_users_cannot_open_the_admin_pages():
    admin, _ = signed_in("wf.admin", "admin")
    user, uid = signed_in("wf.user")
    form = new_form(admin, uid)
    for path in ("/contacts/webforms", "/contacts/webforms/new", "/contacts/webforms/%s" % form["id"],
                 "/contacts/webforms/%s/delete" % form["id"]):
        assert user.get(path).status == 403, path
    r = user.post("/contacts/webforms/%s/delete" % form["id"], {})
    assert r.status == 403
    assert sql("SELECT COUNT(*) FROM contact_webform WHERE id = %s" % form["id"])[0][0] == "1"
    # Without the session's CSRF token an admin changes nothing either.
    r = admin.post("/contacts/webforms/%s/delete" % form["id"], {}, csrf=False)
    assert r.status == 403
    assert sql("SELECT COUNT(*) FROM contact_webform WHERE id = %s" % form["id"])[0][0] == "1"


@test
def the_admin_pages_speak_russian():
    admin, uid = signed_in("wf.admin", "admin", locale="ru")
    form = new_form(admin, uid)
    r = admin.get("/contacts/webforms/%s" % form["id"])
    for text in ("Код для сайта", "Отправить", "Имя", "Теги новых контактов"):
        assert text in r.text, text
    assert "Веб-формы «Контакты с сайта»" in admin.get("/contacts/webforms").text


if __name__ == "__main__":
    main()
