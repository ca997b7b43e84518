"""Qualification and disqualification: moving a lead into «Qualified» publishes
"lead.qualified" once, and the deals plugin makes exactly one linked deal carrying the
lead's data, also when the request is repeated or sent twice at once; with the deals
plugin off it still qualifies and says so; «Disqualified» needs a reason."""
import re
import threading

import crmtest
from crmtest import sql, t, test
from leads_helpers import contact, lead, main_funnel, status_of, user


def deals_of(lid):
    return [int(r[0]) for r in sql("SELECT id FROM deal WHERE lead_id = %d" % lid)]


@test
def qualifying_makes_one_linked_deal_with_the_leads_data():
    s, uid = user()
    _, st = main_funnel()
    word = crmtest.unique("Q")
    p = contact(s, {"kind": "person", "first_name": "Nina", "last_name": word})
    lid = lead(s, word + " deal", contact="%s Nina" % word, budget="250 000", currency="USD", description="Wants 40 desks")
    r = s.post("/leads/%d/qualify" % lid, {})
    assert r.status == 303, r.text[:500]
    deals = deals_of(lid)
    assert len(deals) == 1, deals
    assert r.header("Location") == "/deals/%d" % deals[0], r.header("Location")
    assert status_of(lid) == st["qualified"]
    row = sql("SELECT name, contact_id, owner_id FROM deal WHERE id = %d" % deals[0])[0]
    assert row == [word + " deal", str(p), str(uid)], row
    links = sql("SELECT COUNT(*) FROM crm_link WHERE (entity = 'lead' AND record_id = %d AND to_entity = 'deal' AND to_id = %d) "
                "OR (entity = 'deal' AND record_id = %d AND to_entity = 'lead' AND to_id = %d)" % (lid, deals[0], deals[0], lid))
    assert links != [["0"]], "lead and deal are linked"
    card = s.get("/leads/%d" % lid).text
    assert "/deals/%d" % deals[0] in card, "the card links to its deal"
    # Repeated: no second deal, the answer goes to the first one.
    again = s.post("/leads/%d/qualify" % lid, {})
    assert again.status == 303 and again.header("Location") == "/deals/%d" % deals[0]
    assert deals_of(lid) == deals
    moves = sql("SELECT COUNT(*) FROM crm_history WHERE entity = 'lead' AND record_id = %d AND text LIKE '%%→%%'" % lid)
    assert moves == [["1"]], moves


@test
def two_qualifications_at_once_make_one_deal():
    s, uid = user()
    for _ in range(3):
        lid = lead(s)
        barrier = threading.Barrier(4)
        answers = []

        def go():
            barrier.wait()
            answers.append(s.post("/leads/%d/qualify" % lid, {}).status)

        threads = [threading.Thread(target=go) for _ in range(4)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        assert answers == [303] * 4, answers
        assert len(deals_of(lid)) == 1, deals_of(lid)
        published = sql("SELECT COUNT(*) FROM crm_history WHERE entity = 'lead' AND record_id = %d AND text LIKE '%%→%%'" % lid)
        assert published == [["1"]], published


@test
def qualifying_with_the_deals_module_off_still_works_and_says_so():
    s, uid = user()
    _, st = main_funnel()
    lid = lead(s)
    crmtest.crmctl("plugin", "disable", "deals")
    try:
        r = s.post("/leads/%d/qualify" % lid, {})
        assert r.status == 303 and r.header("Location") == "/leads/%d" % lid, (r.status, r.header("Location"))
        page = s.get("/leads/%d" % lid)
        assert t("leads.qualified_no_deal") in page.text
        assert status_of(lid) == st["qualified"] and deals_of(lid) == []
    finally:
        crmtest.crmctl("plugin", "enable", "deals")


@test
def disqualifying_needs_a_reason():
    s, uid = user()
    _, st = main_funnel()
    lid = lead(s)
    # The card's status button leads to the form asking for the reason.
    r = s.post("/leads/%d/status" % lid, {"to": str(st["disqualified"])})
    assert r.status == 303 and "/leads/%d/disqualify" % lid in r.header("Location")
    assert status_of(lid) == st["open"]
    r = s.post("/leads/%d/disqualify" % lid, {"reason_id": ""})
    assert r.status == 422 and t("leads.reason_required") in r.text
    r = s.post("/leads/%d/disqualify" % lid, {"reason_id": "99999"})
    assert status_of(lid) == st["open"]
    # The edit form refuses it too.
    r = s.post("/leads/%d/edit" % lid, {"name": "x", "funnel_id": "1", "status_id": str(st["disqualified"])})
    assert r.status == 422 and t("leads.reason_required") in r.text and status_of(lid) == st["open"]
    r = s.post("/leads/%d/disqualify" % lid, {"reason_id": "3", "note": "Went with the other shop"})
    assert r.status == 303 and status_of(lid) == st["disqualified"]
    assert sql("SELECT reason_id FROM lead WHERE id = %d" % lid) == [["3"]]
    hist = sql("SELECT text FROM crm_history WHERE entity = 'lead' AND record_id = %d ORDER BY id DESC LIMIT 1" % lid)[0][0]
    assert "Chose a competitor" in hist and "Went with the other shop" in hist, hist
    card = s.get("/leads/%d" % lid).text
    assert 'class="lead-reason">Chose a competitor' in card
    # Still disqualified, for another reason: the edit form changes it.
    r = s.post("/leads/%d/edit" % lid, {"name": "x", "funnel_id": "1", "status_id": str(st["disqualified"]),
                                        "reason_id": "1"})
    assert r.status == 303 and sql("SELECT reason_id FROM lead WHERE id = %d" % lid) == [["1"]]
    # Back to an open status: the reason goes.
    assert s.post("/leads/%d/status" % lid, {"to": str(st["open"])}).status == 303
    assert sql("SELECT reason_id FROM lead WHERE id = %d" % lid) == [["NULL"]]


if __name__ == "__main__":
    crmtest.main()
