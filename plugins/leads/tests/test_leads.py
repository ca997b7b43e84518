"""The leads plugin through nginx and MariaDB: a lead lives in a funnel; the form with
its errors, the contact and company picked by name and shown live, the own phone in
E.164, edit, save-and-new and delete; the list's search, filters, paging and bulk
actions; record access in every way out (list, board, search, export, URL)."""
import html
import re
import urllib.parse

import crmtest
from crmtest import sql, t, test
from leads_helpers import board_ids, contact, lead, list_ids, main_funnel, status_of, user


@test
def a_lead_is_created_only_inside_a_funnel():
    s, uid = user()
    _, st = main_funnel()
    r = lead(s, expect=422, funnel_id="")
    assert t("leads.funnel_required") in r.text
    r = lead(s, expect=422, funnel_id="99999")
    assert t("leads.funnel_required") in r.text
    # A status of another funnel is refused, the typed name kept.
    assert s.post("/leads/settings/funnels", {"name": "x"}).status == 403, "a user may not add funnels"
    other = sql("INSERT INTO lead_funnel (name, position) VALUES ('%s', 50); SELECT LAST_INSERT_ID()" % crmtest.unique("F"))[0][0]
    sql("INSERT INTO lead_status (funnel_id, name, kind, position) VALUES (%s, 'Open', 'open', 1)" % other)
    other_status = sql("SELECT id FROM lead_status WHERE funnel_id = %s" % other)[0][0]
    r = lead(s, "Kept name", expect=422, status_id=other_status)
    assert t("leads.status_other_funnel") in r.text and 'value="Kept name"' in r.text
    # Without a status it starts in the funnel's first.
    lid = lead(s)
    assert status_of(lid) == st["open"]
    row = sql("SELECT funnel_id, owner_id, visibility FROM lead WHERE id = %d" % lid)[0]
    assert row == ["1", str(uid), "private"], row
    assert sql("SELECT COUNT(*) FROM lead WHERE name = 'Kept name' AND owner_id = %d" % uid) == [["0"]]


@test
def the_form_checks_fields_and_stores_phone_budget_and_history():
    s, uid = user()
    r = lead(s, expect=422, name="", email="not an email", phone="abc", budget="12,3,4")
    for key in ("leads.name_required", "leads.email_invalid", "leads.phone_invalid", "core.money.invalid"):
        assert t(key) in r.text, key
    lid = lead(s, "Chairs", phone="8 (912) 345-67-89", email=" Buyer@Example.COM ", budget="150 000,5",
               currency="EUR", source_id="2", description="Forty seats", tags="hot, office")
    row = sql("SELECT phone, phone_e164, email, budget, currency, source_id, description FROM lead WHERE id = %d" % lid)[0]
    assert row == ["8 (912) 345-67-89", "+79123456789", "buyer@example.com", "15000050", "EUR", "2", "Forty seats"], row
    card = s.get("/leads/%d" % lid).text
    assert "150,000.50\xa0€" in card and "Forty seats" in card and "hot" in card
    assert crmtest.form_value(s.get("/leads/%d/edit" % lid).text, "budget") == "150000.50"
    assert 'lead-next-date">' in card, "without tasks the next step is the last change"
    # Edit: what changed lands in history.
    r = s.post("/leads/%d/edit" % lid, {"name": "Chairs and desks", "funnel_id": "1", "phone": "", "email": "",
                                        "currency": "RUB", "visibility": "public_read"})
    assert r.status == 303, r.text[:800]
    hist = sql("SELECT text FROM crm_history WHERE entity = 'lead' AND record_id = %d ORDER BY id" % lid)
    assert hist[0] == ["Chairs"] and "name" in hist[-1][0], hist
    # Save and create another.
    r = s.post("/leads/new", {"name": crmtest.unique("L"), "funnel_id": "1", "then": "new"})
    assert r.status == 303 and r.header("Location").startswith("/leads/new?funnel=1")
    # Delete asks first.
    confirm = s.get("/leads/%d/delete" % lid)
    assert confirm.status == 200 and t("leads.confirm_delete") in confirm.text
    assert s.post("/leads/%d/delete" % lid, {}).status == 303
    assert sql("SELECT COUNT(*) FROM lead WHERE id = %d" % lid) == [["0"]]
    assert s.get("/leads/%d" % lid).status == 404


@test
def the_next_step_is_the_nearest_open_task_else_the_last_change():
    s, uid = user()
    lid = lead(s)
    assert "lead-next-task" not in s.get("/leads/%d" % lid).text
    title = crmtest.unique("Call back ")
    for due, name in (("2030-05-02 09:00:00", "Later " + title), ("2030-05-01 09:00:00", title)):
        sql("INSERT INTO task (title, entity, record_id, due_at, assignee_id, owner_id, created_at, updated_at) "
            "VALUES ('%s', 'lead', %d, '%s', %d, %d, NOW(), NOW())" % (name, lid, due, uid, uid))
    card = s.get("/leads/%d" % lid).text
    m = re.search(r'class="lead-next-task">([^<]*)<', card)
    assert m and m.group(1) == title, "the nearest task is the next step"
    assert "2030-05-01" in card


@test
def the_contact_is_picked_by_name_and_shown_live():
    s, uid = user()
    word = crmtest.unique("Acme")
    co = contact(s, {"kind": "company", "name": word + " Ltd"})
    p = contact(s, {"kind": "person", "first_name": "Olga", "last_name": word, "company": word + " Ltd",
                    "phone_0": "+7 913 000 1122", "phone_kind_0": "mobile"})
    twin_a = contact(s, {"kind": "person", "first_name": "Ivan", "last_name": word + "ov"})
    twin_b = contact(s, {"kind": "person", "first_name": "Igor", "last_name": word + "ov"})
    # One match: linked, and the contact's company fills the empty company field.
    lid = lead(s, contact="%s Olga" % word)
    assert sql("SELECT contact_id, company_id FROM lead WHERE id = %d" % lid) == [[str(p), str(co)]]
    card = s.get("/leads/%d" % lid).text
    assert "%s Olga" % word in card and "+7 913 000 1122" in card and word + " Ltd" in card
    # LEA-2: a change of the contact shows on the lead's card at once.
    sql("UPDATE contact SET name = 'Renamed %s' WHERE id = %d" % (word, co))
    assert "Renamed %s" % word in s.get("/leads/%d" % lid).text
    # Several: the form comes back with a select of candidates, what was typed kept.
    r = lead(s, "Twins", expect=422, contact=word + "ov")
    sel = re.search(r'<select name="contact_id"[^>]*>(.*?)</select>', r.text, re.S)
    assert sel and sorted(int(v) for v in re.findall(r'value="(\d+)"', sel.group(1))) == sorted([twin_a, twin_b])
    assert crmtest.form_value(r.text, "contact") == word + "ov"
    # The chosen candidate wins over the text.
    lid2 = lead(s, "Twins", contact=word + "ov", contact_id=str(twin_b))
    assert sql("SELECT contact_id FROM lead WHERE id = %d" % lid2) == [[str(twin_b)]]
    # None: a per-field error.
    r = lead(s, "Nobody", expect=422, contact=crmtest.unique("Nobody"))
    assert t("leads.contact_not_found") in r.text
    # A company typed in the contact field is refused.
    r = lead(s, "Wrong kind", expect=422, contact="Renamed " + word)
    assert t("leads.contact_not_person") in r.text
    # Deleting the contact leaves the lead without it.
    assert s.post("/contacts/%d/delete" % twin_b, {}).status == 303
    assert sql("SELECT contact_id FROM lead WHERE id = %d" % lid2) == [["NULL"]]


@test
def the_list_searches_filters_sorts_and_pages():
    s, uid = user()
    word = crmtest.unique("Find")
    a = lead(s, word + " alpha", phone="+7 915 111 22 33", source_id="3")
    b = lead(s, word + " beta", email="beta@%s.example" % word.lower(), tags=word)
    c = lead(s, "Other " + word)
    assert list_ids(s, "/leads?q=" + urllib.parse.quote(word)) == [b, a], "newest first"
    assert list_ids(s, "/leads?sort=name&q=" + urllib.parse.quote(word)) == [a, b]
    assert list_ids(s, "/leads?q=" + urllib.parse.quote("8 915 111-22-33")) == [a], "any written form of the phone"
    assert list_ids(s, "/leads?q=" + urllib.parse.quote("beta@" + word.lower())) == [b]
    assert list_ids(s, "/leads?tag=" + word) == [b]
    assert list_ids(s, "/leads?source=3&manager=%d" % uid) == [a]
    _, st = main_funnel()
    sql("UPDATE lead SET status_id = %d WHERE id = %d" % (st["leads.status.contacted"], c))
    assert list_ids(s, "/leads?funnel=1&status=%d&manager=%d" % (st["leads.status.contacted"], uid)) == [c]
    sql("UPDATE lead SET created_at = '2020-01-15 10:00:00' WHERE id = %d" % c)
    assert list_ids(s, "/leads?from=2020-01-15&to=15.01.2020&manager=%d" % uid) == [c]
    assert list_ids(s, "/leads?to=2020-01-14&manager=%d" % uid) == []
    assert s.get("/leads?from=notadate").status == 400
    assert s.get("/leads?q=" + "x" * 300).status == 400
    # Keyset paging: 55 leads make two pages with no row twice.
    tag = crmtest.unique("pg")
    sql("INSERT INTO lead (name, funnel_id, status_id, owner_id) SELECT CONCAT('%s ', seq), 1, %d, %d FROM seq_1_to_55"
        % (tag, st["open"], uid))
    first = s.get("/leads?q=" + tag)
    ids1 = [int(x) for x in re.findall(r'<tr class="lead" data-id="(\d+)"', first.text)]
    nxt = html.unescape(re.search(r'href="([^"]*)" rel="next"', first.text).group(1))
    ids2 = list_ids(s, nxt)
    assert len(ids1) == 50 and len(ids2) == 5 and not set(ids1) & set(ids2)


@test
def bulk_actions_tag_reassign_move_export_and_delete():
    s, uid = user()
    other, oid = user()
    _, st = main_funnel()
    a, b = lead(s, "Bulk A"), lead(s, "Bulk B")
    foreign = lead(other, "Foreign")
    tag = crmtest.unique("bt")
    r = s.post("/leads/bulk", [("id", str(a)), ("id", str(b)), ("id", str(foreign)), ("action", "tag"), ("tag", tag)])
    assert r.status == 303
    assert list_ids(other, "/leads?tag=" + tag) == [], "another user's private lead was not tagged"
    r = s.post("/leads/bulk", [("id", str(a)), ("id", str(b)), ("action", "status"),
                              ("status", str(st["leads.status.need"]))])
    assert r.status == 303 and status_of(a) == status_of(b) == st["leads.status.need"]
    assert status_of(foreign) == st["open"]
    hist = sql("SELECT COUNT(*) FROM crm_history WHERE entity = 'lead' AND record_id = %d AND text LIKE '%%→%%'" % a)
    assert hist == [["1"]], "the move is in the history"
    r = s.post("/leads/bulk", [("id", str(a)), ("action", "status"), ("status", str(st["disqualified"]))])
    assert r.status == 303 and status_of(a) == st["leads.status.need"], "disqualifying needs a reason"
    exp = s.post("/leads/bulk", [("id", str(a)), ("id", str(foreign)), ("action", "export")])
    assert exp.status == 200 and "Bulk A" in exp.text and "Foreign" not in exp.text
    # Reassigning: the lead the user may not write keeps its manager; the new one hears of
    # the one lead that moved, and its history says so.
    _, third = user()
    r = s.post("/leads/bulk", [("id", str(a)), ("id", str(foreign)), ("action", "manager"), ("manager", str(third))])
    assert r.status == 303 and sql("SELECT owner_id FROM lead WHERE id = %d" % a) == [[str(third)]]
    assert sql("SELECT owner_id FROM lead WHERE id = %d" % foreign) == [[str(oid)]]
    assert sql("SELECT text FROM crm_notification WHERE user_id = %d AND msg_key = 'leads.made_manager_bulk'"
               % third) == [["1"]]
    assert sql("SELECT COUNT(*) FROM crm_history WHERE entity = 'lead' AND record_id IN (%d, %d) AND text LIKE "
               "'%%: Test %%'" % (a, foreign)) == [["1"]]
    r = s.post("/leads/bulk", [("id", str(foreign)), ("action", "manager"), ("manager", str(uid))])
    assert r.status == 303 and sql("SELECT owner_id FROM lead WHERE id = %d" % foreign) == [[str(oid)]]
    confirm = s.post("/leads/bulk", [("id", str(b)), ("id", str(foreign)), ("action", "delete")])
    assert confirm.status == 200 and "Bulk B" in confirm.text and "Foreign" not in confirm.text
    assert s.post("/leads/bulk/delete", [("id", str(b)), ("id", str(foreign))]).status == 303
    assert sql("SELECT COUNT(*) FROM lead WHERE id IN (%d, %d)" % (b, foreign)) == [["1"]]


@test
def another_users_private_lead_stays_hidden_everywhere():
    s, uid = user()
    other, _ = user()
    word = crmtest.unique("Secret")
    lid = lead(other, word, phone="+7 916 765 43 21", email="%s@hidden.example" % word.lower())
    shared = lead(other, word + " shared", visibility="public_read")
    assert list_ids(s, "/leads?q=" + word) == [shared]
    assert list_ids(s, "/leads?q=" + urllib.parse.quote("+79167654321")) == []
    ids, _ = board_ids(s)
    assert lid not in ids and shared in ids
    exp = s.get("/leads/export?q=" + word)
    assert exp.status == 200 and word + " shared" in exp.text and "hidden.example" not in exp.text
    for path in ("/leads/%d" % lid, "/leads/%d/edit" % lid, "/leads/%d/delete" % lid, "/leads/%d/disqualify" % lid):
        assert s.get(path).status == 404, path
    assert s.post("/leads/%d/edit" % lid, {"name": "x", "funnel_id": "1"}).status == 404
    assert s.post("/leads/%d/qualify" % lid, {}).status == 404
    # Public for reading is not for writing.
    assert s.get("/leads/%d" % shared).status == 200 and s.get("/leads/%d/edit" % shared).status == 404
    assert s.get("/comms/find?phone=" + urllib.parse.quote("8 916 765-43-21")).text == ""
    assert other.get("/comms/find?phone=" + urllib.parse.quote("8 916 765-43-21")).text.startswith("lead|%d|" % lid)


if __name__ == "__main__":
    crmtest.main()
