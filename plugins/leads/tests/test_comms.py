"""The extension points the telephony and email plugins use, exercised by the test
plugin "comms": "lead.find" by phone (any written form) or email with the candidates'
company, "lead.create" from a call or an email, "lead.attach" of an item to a lead, and
their «Calls» tabs on the lead card and in the leads section."""
import urllib.parse

import crmtest
from crmtest import sql, test
from leads_helpers import contact, lead, main_funnel, user


def lines(r):
    assert r.status in (200, 409, 422), (r.status, r.text[:300])
    return [line.split("|") for line in r.text.splitlines() if line]


@test
def find_by_phone_or_email_answers_candidates_with_their_company():
    s, uid = user()
    word = crmtest.unique("Co")
    co = contact(s, {"kind": "company", "name": word})
    a = lead(s, "Caller A", phone="+7 917 222 33 44", company=word)
    b = lead(s, "Caller B", phone="8 917 222-33-44", email="caller@%s.example" % word.lower())
    found = lines(s.get("/comms/find?phone=" + urllib.parse.quote("+79172223344")))
    by_id = {int(r[1]): r for r in found}
    assert set(by_id) >= {a, b}, found
    assert by_id[a][2:] == ["Caller A", "/leads/%d" % a, word, "New", "Main funnel"], by_id[a]
    assert by_id[b][4] == ""
    assert [int(r[1]) for r in lines(s.get("/comms/find?email=CALLER@%s.example" % word))] == [b]
    assert lines(s.get("/comms/find?phone=")) == []
    assert sql("SELECT company_id FROM lead WHERE id = %d" % a) == [[str(co)]]


@test
def create_makes_a_lead_in_the_first_status_owned_by_the_user():
    s, uid = user()
    _, st = main_funnel()
    r = lines(s.post("/comms/create", {"phone": "+7 918 555 44 33", "source": "Phone call",
                                       "description": "Called about delivery"}))
    assert r[0][0] == "lead", r
    lid = int(r[0][1])
    row = sql("SELECT name, phone, phone_e164, status_id, owner_id, source_id, description FROM lead WHERE id = %d" % lid)[0]
    assert row == ["+7 918 555 44 33", "+7 918 555 44 33", "+79185554433", str(st["open"]), str(uid), "2",
                   "Called about delivery"], row
    r = lines(s.post("/comms/create", {"name": "Quote for 40 desks", "email": "Boss@Firm.example"}))
    assert sql("SELECT email FROM lead WHERE id = %s" % r[0][1]) == [["boss@firm.example"]]
    # Invalid input is vetoed with a message, nothing is made.
    before = sql("SELECT COUNT(*) FROM lead WHERE owner_id = %d" % uid)
    for bad in ({}, {"name": "x", "email": "not-an-email"}, {"name": "x", "source": "Nowhere"},
                {"name": "x", "funnel_id": "999999"}):
        r = s.post("/comms/create", bad)
        assert r.status == 422 and r.text.startswith("veto|"), (bad, r.status, r.text)
    assert sql("SELECT COUNT(*) FROM lead WHERE owner_id = %d" % uid) == before


@test
def attach_links_the_item_and_writes_history_only_on_a_writable_lead():
    s, uid = user()
    other, _ = user()
    lid = lead(s)
    r = s.post("/comms/attach", {"lead": str(lid), "entity": "call", "record_id": "77", "title": "Incoming call, 3 min"})
    assert r.status == 200, r.text
    assert sql("SELECT c.code, h.text FROM crm_history h JOIN crm_history_category c ON c.id = h.category_id "
               "WHERE h.entity = 'lead' AND h.record_id = %d ORDER BY h.id DESC LIMIT 1" % lid) == [["call", "Incoming call, 3 min"]]
    assert ["call", "77"] in sql("SELECT to_entity, to_id FROM crm_link WHERE entity = 'lead' AND record_id = %d "
                                 "UNION SELECT entity, record_id FROM crm_link WHERE to_entity = 'lead' AND to_id = %d" % (lid, lid))
    r = other.post("/comms/attach", {"lead": str(lid), "entity": "call", "record_id": "78", "title": "x"})
    assert r.status == 409 and r.text.startswith("veto|")
    assert s.post("/comms/attach", {"lead": str(lid), "entity": "", "record_id": "0"}).status == 409


@test
def other_plugins_tabs_show_on_the_card_and_in_the_section():
    s, uid = user()
    lid = lead(s)
    card = s.get("/leads/%d" % lid).text
    assert 'data-panel="comms.calls"' in card and "Calls" in card
    assert 'data-panel="comms.section_calls"' in s.get("/leads").text
    crmtest.crmctl("plugin", "disable", "comms")
    try:
        assert 'data-panel="comms.calls"' not in s.get("/leads/%d" % lid).text
    finally:
        crmtest.crmctl("plugin", "enable", "comms")


if __name__ == "__main__":
    crmtest.main()
