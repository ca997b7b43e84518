"""The contacts list filtered by a custom field: the filter form offers the contact
type's custom fields and a value, the value is compared in its stored form (a date
typed either way, "да" for a checkbox), the export follows the filter, and a field of
another type or a bad one is ignored rather than failing the page."""
import re

import crmtest
from crmtest import Session, sql, test

PASSWORD = "filter pass 1"


def admin():
    login = crmtest.unique("cfa")
    uid = crmtest.user_add(login, PASSWORD, role="admin")
    sql("UPDATE crm_user SET locale = 'en' WHERE id = %d" % uid)
    s = Session()
    s.login(login, PASSWORD, next="/contacts")
    return s, uid


def field(name, type_, entity="contact"):
    sql("INSERT INTO crm_custom_field (entity, name, type) VALUES ('%s', '%s', '%s')" % (entity, name, type_))
    return int(sql("SELECT id FROM crm_custom_field WHERE entity = '%s' AND name = '%s'" % (entity, name))[0][0])


def person(s, last, values):
    """A person made through the form with custom values {field id: typed}."""
    data = {"kind": "person", "first_name": "F", "last_name": last, "then": "card", "cf_form": "1"}
    data.update({"cf_%d" % k: v for k, v in values.items()})
    r = s.post("/contacts/new", data)
    assert r.status == 303, (r.status, r.text[:600])
    return int(re.fullmatch(r"/contacts/(\d+)", r.header("Location")).group(1))


def listed(s, query):
    r = s.get("/contacts?" + query)
    assert r.status == 200, (query, r.status, r.text[:300])
    return r, {int(x) for x in re.findall(r'<tr class="contact" data-id="(\d+)"', r.text)}


@test
def the_filter_form_offers_the_custom_fields_and_keeps_the_choice():
    s, _ = admin()
    tag = crmtest.unique("f")
    fid = field("Region %s" % tag, "text")
    other = field("Rec field %s" % tag, "text", entity="rec")
    r = s.get("/contacts")
    assert r.status == 200
    sel = re.search(r'<select name="cf"[^>]*>(.*?)</select>', r.text, re.S)
    assert sel, r.text[:3000]
    assert '<option value="%d">Region %s</option>' % (fid, tag) in sel.group(1), sel.group(1)[:2000]
    assert "Rec field %s" % tag not in sel.group(1)
    assert re.search(r'<input[^>]*name="cfv"', r.text)
    assert other
    a = person(s, "North%s" % tag, {fid: "North"})
    b = person(s, "South%s" % tag, {fid: "South"})
    r, ids = listed(s, "q=North%s&cf=%d&cfv=north" % (tag, fid))
    assert ids == {a}, ids
    r, ids = listed(s, "cf=%d&cfv=North" % fid)
    assert a in ids and b not in ids, ids
    # The form comes back with the field chosen and the value as typed.
    sel = re.search(r'<select name="cf"[^>]*>(.*?)</select>', r.text, re.S).group(1)
    assert re.search(r'<option value="%d" selected' % fid, sel), sel[:2000]
    assert re.search(r'<input[^>]*name="cfv"[^>]*value="North"', r.text)
    # The pager and the export keep the filter.
    export = re.search(r'href="(/contacts/export\?[^"]*)"', r.text).group(1).replace("&amp;", "&")
    assert "cf=%d" % fid in export and "cfv=North" in export, export
    body = s.get(export).body.decode("utf-8-sig")
    assert "North%s" % tag in body and "South%s" % tag not in body


@test
def values_are_compared_in_their_stored_form():
    s, _ = admin()
    tag = crmtest.unique("d")
    day = field("Signed %s" % tag, "date")
    amount = field("Budget %s" % tag, "number")
    vip = field("VIP %s" % tag, "checkbox")
    a = person(s, "Dated%s" % tag, {day: "31.12.2024", amount: "1 500,50", vip: "1"})
    b = person(s, "Other%s" % tag, {day: "2025-01-01", amount: "7"})
    for query, want in (("cf=%d&cfv=2024-12-31" % day, {a}), ("cf=%d&cfv=31.12.2024" % day, {a}),
                        ("cf=%d&cfv=1500.5" % amount, {a}), ("cf=%d&cfv=1%%20500,50" % amount, {a}),
                        ("cf=%d&cfv=%%D0%%B4%%D0%%B0" % vip, {a}), ("cf=%d&cfv=01.01.2025" % day, {b})):
        _, ids = listed(s, query)
        assert want <= ids and not ({a, b} - want) & ids, (query, ids)


@test
def a_bad_or_foreign_field_is_ignored():
    s, _ = admin()
    tag = crmtest.unique("b")
    other = field("Foreign %s" % tag, "text", entity="rec")
    a = person(s, "Plain%s" % tag, {})
    for query in ("cf=%d&cfv=x" % other, "cf=abc&cfv=x", "cf=99999999999&cfv=x", "cf=&cfv=x",
                  "cf=%d&cfv=" % other):
        r, ids = listed(s, query + "&q=Plain" + tag)
        assert ids == {a}, (query, ids)
    # An oversized value is a bad request with a message, not a failure.
    r = s.get("/contacts?cf=%d&cfv=%s" % (other, "x" * 300))
    assert r.status == 400, r.status


if __name__ == "__main__":
    crmtest.main()
