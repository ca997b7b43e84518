"""The general settings page (/admin/settings): organisation name, default currency and
the default country of phone numbers, through nginx and MariaDB.

Settings belong to the whole tenant, so every test puts back what it changed.
"""
import html
import re

from crmtest import Session, main, sql, test, unique, user_add

PASSWORD = "Secret-pass-1"

NAMES = ("org.name", "currency.default", "phone.country")


def signed_in(prefix, role="user", locale="en"):
    """A fresh account of role, signed in; returns (session, login, id)."""
    login = unique(prefix)
    uid = user_add(login, PASSWORD, role)
    sql("UPDATE crm_user SET locale = '%s' WHERE id = %d" % (locale, uid))
    s = Session()
    s.login(login, PASSWORD)
    return s, login, uid


def follow(s, r):
    assert r.status == 303, "expected a redirect, got %d: %s" % (r.status, r.text[:300])
    return s.get(r.header("Location"))


def stored():
    """The three settings as stored: name -> value (absent when unset)."""
    rows = sql("SELECT name, value FROM crm_setting WHERE name IN ('org.name', 'currency.default', 'phone.country')")
    return {r[0]: r[1] for r in rows}


def restore(before):
    for name in NAMES:
        if name in before:
            sql("REPLACE INTO crm_setting (name, value) VALUES ('%s', '%s')" % (name, before[name].replace("'", "''")))
        else:
            sql("DELETE FROM crm_setting WHERE name = '%s'" % name)


def selected(text, name):
    """The value of the selected option of select name, or None."""
    m = re.search(r'<select[^>]*name="%s".*?</select>' % name, text, re.S)
    assert m, "no select %s" % name
    o = re.search(r'<option[^>]*value="([^"]*)"[^>]*selected|<option[^>]*selected[^>]*value="([^"]*)"', m.group(0))
    return html.unescape(o.group(1) or o.group(2)) if o else None


def field_error(text, name):
    m = re.search(r'<div class="field field-[a-z]+ has-error">(?:(?!<div class="field ).)*?name="%s".*?</div>' % name,
                  text, re.S)
    return m is not None


@test
def an_admin_saves_the_general_settings_and_each_change_is_audited():
    before = stored()
    try:
        admin, _, _ = signed_in("set.admin", "admin")
        r = admin.get("/admin/settings")
        assert r.status == 200, r.status
        assert "General settings" in r.text and 'href="/admin/settings"' in r.text
        assert selected(r.text, "currency") == before.get("currency.default", "RUB")
        assert selected(r.text, "phone_country") == before.get("phone.country", "RU")
        assert "Russian rouble (RUB)" in r.text and "Belarus (+375)" in r.text
        r = admin.post("/admin/settings", {"org_name": "  ООО «Ромашка» & Co  ", "currency": "EUR",
                                           "phone_country": "BY"})
        assert r.status == 303 and r.header("Location") == "/admin/settings", r.status
        page = follow(admin, r)
        assert "Settings saved." in page.text
        assert stored() == {"org.name": "ООО «Ромашка» & Co", "currency.default": "EUR", "phone.country": "BY"}
        assert selected(page.text, "currency") == "EUR" and selected(page.text, "phone_country") == "BY"
        assert 'value="ООО «Ромашка» &amp; Co"' in page.text
        # One audit entry per changed setting, old -> new.
        rows = sql("SELECT field, IFNULL(old_value, ''), new_value FROM crm_audit WHERE action = 'setting.change' "
                   "ORDER BY id DESC LIMIT 3")
        assert sorted(rows) == sorted([["org.name", before.get("org.name", ""), "ООО «Ромашка» & Co"],
                                       ["currency.default", before.get("currency.default", ""), "EUR"],
                                       ["phone.country", before.get("phone.country", ""), "BY"]]), rows
        audit = admin.get("/admin/audit?action=setting.change")
        assert "Setting changed" in audit.text and "ООО «Ромашка» &amp; Co" in audit.text
        # Saving the same values again writes no audit entry.
        n = sql("SELECT COUNT(*) FROM crm_audit WHERE action = 'setting.change'")[0][0]
        admin.post("/admin/settings", {"org_name": "ООО «Ромашка» & Co", "currency": "EUR", "phone_country": "BY"})
        assert sql("SELECT COUNT(*) FROM crm_audit WHERE action = 'setting.change'")[0][0] == n
    finally:
        restore(before)


@test
def bad_values_are_refused_on_their_fields_and_nothing_changes():
    before = stored()
    try:
        admin, _, _ = signed_in("set.admin", "admin")
        n = sql("SELECT COUNT(*) FROM crm_audit WHERE action = 'setting.change'")[0][0]
        cases = [
            ({"org_name": "x" * 201, "currency": "RUB", "phone_country": "RU"}, "org_name",
             "Use at most 200 characters."),
            ({"org_name": "Acme", "currency": "XXX", "phone_country": "RU"}, "currency",
             "Choose a currency from the list."),
            ({"org_name": "Acme", "currency": "", "phone_country": "RU"}, "currency",
             "Choose a currency from the list."),
            ({"org_name": "Acme", "currency": "RUB", "phone_country": "ZZ"}, "phone_country",
             "Choose a country from the list."),
            ({"org_name": "Acme", "currency": "RUB"}, "phone_country", "Choose a country from the list."),
        ]
        for form, bad, message in cases:
            r = admin.post("/admin/settings", form)
            assert r.status == 422, "%s: status %d" % (bad, r.status)
            assert field_error(r.text, bad), "%s: the error is not on its field" % bad
            assert message in r.text, "%s: no message %r" % (bad, message)
            assert "Some fields need your attention." in r.text
            # What was typed stays in the form.
            m = re.search(r'<input[^>]*name="org_name"[^>]*value="([^"]*)"', r.text)
            assert m and html.unescape(m.group(1)) == form["org_name"], bad
        # 200 characters (not bytes) are fine: Cyrillic takes two bytes each.
        r = admin.post("/admin/settings", {"org_name": "Я" * 200, "currency": "RUB", "phone_country": "RU"})
        assert r.status == 303, r.status
        assert stored()["org.name"] == "Я" * 200
        assert int(sql("SELECT COUNT(*) FROM crm_audit WHERE action = 'setting.change'")[0][0]) > int(n)
    finally:
        restore(before)
    # Nothing of the refused forms was stored.
    assert stored() == before


@test
def a_stored_value_that_is_not_offered_is_kept():
    before = stored()
    try:
        sql("REPLACE INTO crm_setting (name, value) VALUES ('currency.default', 'SEK')")
        admin, _, _ = signed_in("set.admin", "admin")
        r = admin.get("/admin/settings")
        assert selected(r.text, "currency") == "SEK", selected(r.text, "currency")
        r = admin.post("/admin/settings", {"org_name": "", "currency": "SEK", "phone_country": "KZ"})
        assert r.status == 303, r.status
        assert stored()["currency.default"] == "SEK" and stored()["phone.country"] == "KZ"
        # But another unlisted code is not accepted.
        r = admin.post("/admin/settings", {"org_name": "", "currency": "NOK", "phone_country": "KZ"})
        assert r.status == 422 and stored()["currency.default"] == "SEK"
    finally:
        restore(before)


@test
def the_page_speaks_russian():
    admin, _, _ = signed_in("set.admin", "admin", locale="ru")
    r = admin.get("/admin/settings")
    assert r.status == 200
    for text in ("Общие настройки", "Валюта по умолчанию", "Российский рубль (RUB)", "Беларусь (+375)",
                 "Страна телефонных номеров по умолчанию"):
        assert html.escape(text, quote=False) in r.text, text


@test
def crm_users_cannot_see_or_change_the_settings():
    before = stored()
    user, _, _ = signed_in("set.user", "user")
    assert user.get("/admin/settings").status == 403
    r = user.post("/admin/settings", {"org_name": "Hacked", "currency": "USD", "phone_country": "US"})
    assert r.status == 403, r.status
    # Without the session's CSRF token even an admin changes nothing.
    admin, _, _ = signed_in("set.admin", "admin")
    r = admin.post("/admin/settings", {"org_name": "Hacked", "currency": "USD", "phone_country": "US"}, csrf=False)
    assert r.status == 403, r.status
    assert stored() == before
    assert 'href="/admin/settings"' not in user.get("/profile/password").text


if __name__ == "__main__":
    main()
