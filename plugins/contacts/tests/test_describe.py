"""Contacts as other plugins see them: "contact.describe" and "contact.search" answer
only what the user may read, and crm_pick resolves a typed contact (one match: its id;
several: a select of candidates under the field; none: 0). The test plugin "comms"
publishes the events and calls crm_pick for the tests."""
import html
import re
import urllib.parse

import crmtest
from crmtest import Session, sql, test

PASSWORD = "describe pass 1"


def user(prefix="cd"):
    login = crmtest.unique(prefix)
    uid = crmtest.user_add(login, PASSWORD, name="Test %s" % login)
    sql("UPDATE crm_user SET locale = 'en' WHERE id = %d" % uid)
    s = Session()
    s.login(login, PASSWORD, next="/contacts")
    return s, uid


def create(s, data):
    r = s.post("/contacts/new", dict(data, then="card", dup_ok="1"))
    assert r.status == 303, (r.status, r.text[:600])
    return int(re.fullmatch(r"/contacts/(\d+)", r.header("Location")).group(1))


def rows(s, path):
    r = s.get(path)
    assert r.status == 200, (path, r.status, r.text[:300])
    return [line.split("|") for line in r.text.splitlines() if line]


@test
def describe_answers_readable_contacts_with_company_phone_and_email():
    s, _ = user()
    other, _ = user()
    word = crmtest.unique("Firm")
    co = create(s, {"kind": "company", "name": word, "visibility": "public_read"})
    p = create(s, {"kind": "person", "first_name": "Anna", "last_name": word, "company": word,
                   "phone_0": "+7 912 111 2233", "phone_kind_0": "mobile", "email_0": "Anna@%s.example" % word,
                   "email_kind_0": "work", "visibility": "public_read"})
    hidden = create(other, {"kind": "person", "first_name": "Secret", "last_name": word})
    out = rows(s, "/comms/describe?ids=%d,%d,%d,0,abc" % (p, co, hidden))
    by_id = {int(r[1]): r for r in out}
    assert set(by_id) == {p, co}, "only what the user may read: %r" % out
    r = by_id[p]
    assert r[0] == "contact" and r[2] == "%s Anna" % word and r[3] == "person", r
    assert r[4] == str(co) and r[5] == word, "the company comes along: %r" % r
    assert r[6] == "+7 912 111 2233" and r[7] == ("anna@%s.example" % word).lower(), r
    assert r[8] == "/contacts/%d" % p, r
    assert by_id[co][3] == "company"
    # A change shows at once: nothing is copied.
    sql("UPDATE contact SET name = 'Renamed %s' WHERE id = %d" % (word, co))
    assert rows(s, "/comms/describe?ids=%d" % p)[0][5] == "Renamed " + word
    assert rows(s, "/comms/describe?ids=") == []
    # Many ids cost one statement; junk and oversized lists are harmless.
    ids = ",".join(str(i) for i in range(1, 800))
    assert s.get("/comms/describe?ids=" + ids).status == 200


@test
def search_finds_by_name_email_phone_and_number_within_reach():
    s, _ = user()
    other, _ = user()
    word = crmtest.unique("Srch")
    a = create(s, {"kind": "person", "first_name": "Boris", "last_name": word, "phone_0": "8 (913) 222-33-44",
                   "phone_kind_0": "mobile", "email_0": "boris@%s.example" % word.lower(), "email_kind_0": "work"})
    b = create(s, {"kind": "person", "first_name": "Vera", "last_name": word + "son"})
    co = create(s, {"kind": "company", "name": word + " Ltd"})
    hidden = create(other, {"kind": "person", "first_name": "Gleb", "last_name": word})
    found = [int(r[1]) for r in rows(s, "/comms/search?q=" + urllib.parse.quote(word))]
    assert set(found) == {a, b, co} and hidden not in found, found
    assert found[0] == a, "the exact name comes first: %r" % found
    exact = {int(r[1]): r[9] for r in rows(s, "/comms/search?q=" + urllib.parse.quote(word + " Boris"))}
    assert exact == {a: "1"}, exact
    person_only = [int(r[1]) for r in rows(s, "/comms/search?kind=company&q=" + urllib.parse.quote(word))]
    assert person_only == [co], person_only
    assert [int(r[1]) for r in rows(s, "/comms/search?q=" + urllib.parse.quote("+79132223344"))] == [a]
    assert [int(r[1]) for r in rows(s, "/comms/search?q=" + urllib.parse.quote("BORIS@%s.example" % word))] == [a]
    assert [int(r[1]) for r in rows(s, "/comms/search?q=%23" + str(a))] == [a]
    assert rows(s, "/comms/search?q=%23" + str(hidden)) == [], "another user's private contact stays hidden"
    assert rows(other, "/comms/search?q=%23" + str(a)) == []
    assert rows(s, "/comms/search?q=" + "x" * 300) == []
    assert rows(s, "/comms/search?q=%25") == [], "a bare wildcard is taken literally"
    assert s.get("/comms/search?q=%ff%fe").status in (200, 400)


@test
def pick_resolves_one_offers_several_and_finds_none():
    s, _ = user()
    word = crmtest.unique("Pick")
    a = create(s, {"kind": "person", "first_name": "Dina", "last_name": word})
    b = create(s, {"kind": "person", "first_name": "Dmitry", "last_name": word, "email_0": "d@%s.example" % word.lower(),
                   "email_kind_0": "work"})
    one = s.get("/comms/pick?typed=" + urllib.parse.quote("%s Dina" % word))
    assert one.status == 200 and '<p id="picked">%d</p>' % a in one.text, one.text[-600:]
    assert 'name="typed_id"' not in one.text
    several = s.get("/comms/pick?typed=" + urllib.parse.quote(word))
    assert '<p id="picked">-7</p>' in several.text, several.text[-800:]
    sel = re.search(r'<select name="typed_id"[^>]*>(.*?)</select>', several.text, re.S)
    assert sel, "the candidates come as a select named after the field"
    values = re.findall(r'<option value="(\d+)"', sel.group(1))
    assert sorted(int(v) for v in values) == sorted([a, b]), values
    assert "d@%s.example" % word.lower() in html.unescape(sel.group(1)), "a candidate's label tells it apart"
    assert crmtest.form_value(several.text, "typed") == word, "what was typed is kept"
    none = s.get("/comms/pick?typed=" + urllib.parse.quote(crmtest.unique("Nobody")))
    assert '<p id="picked">0</p>' in none.text
    assert '<p id="picked">0</p>' in s.get("/comms/pick?typed=+++").text
    assert '<p id="picked">%d</p>' % b in s.get("/comms/pick?typed=%23" + str(b)).text


if __name__ == "__main__":
    crmtest.main()
