"""The deals plugin through nginx and MariaDB: the form and its errors, money as typed,
stages and their probabilities, the board's JSON move and its CSRF check, restricted
deals in every way out, the lead.qualified subscriber, contacts deleted or merged, the
list's filters, sort and keyset paging, bulk actions, the stages admin page.

Each test makes its own users (unique logins, English pages) and its own deals; the test
plugin "qualify" publishes lead.qualified as the leads plugin does."""
import csv
import io
import json
import os
import re
import subprocess
import threading

import crmtest
from crmtest import Session, sql, t, test
from import_helpers import grant, unzip
from totals_helpers import totals_kept

PASSWORD = "deals pass 1"
DEAL_KEYS = ("stage_id", "currency", "owner_id", "visibility", "has_users")


def user(prefix="du", role="user"):
    """A fresh signed-in user (English pages): (session, id)."""
    login = crmtest.unique(prefix)
    uid = crmtest.user_add(login, PASSWORD, role=role, name="Test %s" % login)
    sql("UPDATE crm_user SET locale = 'en' WHERE id = %d" % uid)
    s = Session()
    s.login(login, PASSWORD, next="/deals")
    return s, uid


def open_stages():
    """The open stages in order: [(id, probability)]."""
    return [(int(i), int(p)) for i, p in
            sql("SELECT id, probability FROM deal_stage WHERE kind = 'open' ORDER BY position, id")]


def final_stage(kind):
    return int(sql("SELECT id FROM deal_stage WHERE kind = '%s'" % kind)[0][0])


def deal(s, name, expect=303, **fields):
    """Create a deal through the form; its id (or the response when not 303)."""
    data = {"name": name, "then": "card"}
    data.update(fields)
    r = s.post("/deals/new", data)
    if expect != 303:
        assert r.status == expect, (r.status, r.text[:500])
        return r
    assert r.status == 303, (r.status, re.findall(r'field-error"[^>]*>([^<]*)', r.text), r.text[:300])
    m = re.fullmatch(r"/deals/(\d+)", r.header("Location") or "")
    assert m, r.header("Location")
    return int(m.group(1))


def row(did, cols="stage_id, probability"):
    return sql("SELECT %s FROM deal WHERE id = %d" % (cols, did))[0]


def list_ids(s, path):
    r = s.get(path)
    assert r.status == 200, (path, r.status, r.text[:300])
    ids = [int(x) for x in re.findall(r'<tr class="deal" data-id="(\d+)"', r.text)]
    nxt = re.search(r'href="([^"]*)" rel="next"', r.text)
    return ids, (nxt.group(1).replace("&amp;", "&") if nxt else None)


def move(s, did, to, csrf=True, accept="application/json"):
    headers = {"Accept": accept} if accept else {}
    return s.post("/deals/board/move", {"id": str(did), "to": str(to)}, headers=headers, csrf=csrf)


@test
def deal_created_with_money_as_typed_and_stage_probability():
    s, uid = user()
    (st, prob), _ = open_stages()[0], None
    did = deal(s, "Крупная поставка", budget="1 200 000,50", currency="RUB", amount_type="month", stage_id=str(st))
    # Stored as minor units (kopecks) of its currency.
    assert row(did, "budget, currency, amount_type, probability, owner_id") == \
        ["120000050", "RUB", "month", str(prob), str(uid)]
    card = s.get("/deals/%d" % did).text
    assert "1,200,000.50\xa0₽" in card, re.findall(r'deal-money">([^<]*)', card)
    assert crmtest.form_value(s.get("/deals/%d/edit" % did).text, "budget") == "1200000.50"
    assert t("deals.type.month") in card
    assert "%d%%" % prob in card
    # The history says it was created.
    assert sql("SELECT COUNT(*) FROM crm_history WHERE entity = 'deal' AND record_id = %d" % did) == [["1"]]


@test
def budget_follows_its_currency_minor_digits():
    s, _ = user()
    did = deal(s, crmtest.unique("Yen"), budget="1 500", currency="JPY")
    assert row(did, "budget, currency") == ["1500", "JPY"], "yen have no minor units"
    assert "1,500\xa0¥" in s.get("/deals/%d" % did).text
    assert crmtest.form_value(s.get("/deals/%d/edit" % did).text, "budget") == "1500"
    for typed, currency, key in (("1500,5", "JPY", "core.money.fraction_0"), ("12,345", "USD", None),
                                 ("10,999", "EUR", None), ("0,125", "RUB", "core.money.fraction_2"),
                                 ("-5", "RUB", "core.money.negative"),
                                 ("12345678901234", "RUB", "core.money.too_big")):
        before = row(did, "budget, currency")
        r = s.post("/deals/%d/edit" % did, {"name": "Yen", "budget": typed, "currency": currency})
        if key:
            assert r.status == 422 and t(key) in r.text, (typed, r.status)
            assert row(did, "budget, currency") == before, "a refused save changes nothing"
        else:
            assert r.status == 303, (typed, r.status)
    # Three digits after a lone separator group them: 10,999 euros.
    assert row(did, "budget, currency") == ["1099900", "EUR"]
    assert "10,999\xa0€" in s.get("/deals/%d" % did).text


@test
def form_errors_keep_what_was_typed_and_store_nothing():
    s, _ = user()
    before = sql("SELECT COUNT(*) FROM deal")[0][0]
    r = deal(s, "", expect=422, budget="12abc", close_date="2024-02-30", probability="140",
             description="kept text", currency="XXX")
    for key in ("deals.name_required", "core.money.invalid", "deals.date_invalid", "deals.probability_invalid",
                "deals.currency_invalid"):
        assert t(key) in r.text, key
    assert 'value="12abc"' in r.text and "kept text" in r.text
    r = deal(s, "x" * 256, expect=422)
    assert t("deals.too_long_255") in r.text
    assert sql("SELECT COUNT(*) FROM deal")[0][0] == before


@test
def save_and_create_next_goes_back_to_an_empty_form():
    s, _ = user()
    name = crmtest.unique("next")
    r = s.post("/deals/new", {"name": name, "then": "new"})
    assert r.status == 303 and r.header("Location") == "/deals/new", (r.status, r.header("Location"))
    assert sql("SELECT COUNT(*) FROM deal WHERE name = '%s'" % name) == [["1"]]


@test
def stage_change_sets_the_stage_probability():
    s, _ = user()
    stages = open_stages()
    (a, pa), (b, pb) = stages[0], stages[1]
    did = deal(s, crmtest.unique("stage"), stage_id=str(a))
    assert row(did) == [str(a), str(pa)]
    r = s.post("/deals/%d/stage" % did, {"stage_id": str(b)})
    assert r.status == 303, r.status
    assert row(did) == [str(b), str(pb)]
    hist = sql("SELECT text FROM crm_history WHERE entity = 'deal' AND record_id = %d ORDER BY id" % did)
    assert any("→" in h[0] for h in hist), hist
    # The user may then set another probability on the deal, kept while the stage stays.
    r = s.post("/deals/%d/edit" % did, {"name": "renamed", "stage_id": str(b), "probability": "55"})
    assert r.status == 303, (r.status, r.text[:300])
    assert row(did) == [str(b), "55"]
    # Entering another stage takes that stage's probability...
    r = s.post("/deals/%d/edit" % did, {"name": "renamed", "stage_id": str(a), "probability": "55"})
    assert row(did) == [str(a), str(pa)]
    # ...unless another value is typed at the same time.
    r = s.post("/deals/%d/edit" % did, {"name": "renamed", "stage_id": str(b), "probability": "33"})
    assert row(did) == [str(b), "33"]
    # The final stages keep theirs whatever is typed.
    s.post("/deals/%d/edit" % did, {"name": "renamed", "stage_id": str(final_stage("won")), "probability": "10"})
    assert row(did) == [str(final_stage("won")), "100"]


@test
def board_move_needs_the_csrf_token_and_answers_json():
    s, _ = user()
    stages = open_stages()
    (a, pa), (b, pb) = stages[0], stages[2]
    did = deal(s, crmtest.unique("move"), stage_id=str(a))
    r = move(s, did, b, csrf=False)
    assert r.status == 403, r.status
    assert row(did) == [str(a), str(pa)]
    r = move(s, did, b)
    assert r.status == 200, (r.status, r.text[:300])
    assert json.loads(r.text) == {"ok": True}
    assert (r.header("Content-Type") or "").startswith("application/json")
    assert row(did) == [str(b), str(pb)]
    assert sql("SELECT COUNT(*) FROM crm_history WHERE entity = 'deal' AND record_id = %d AND text LIKE '%%→%%'"
               % did) == [["1"]]
    # A stage that does not exist: a translated error, nothing changed.
    r = move(s, did, 999999)
    assert r.status == 422 and json.loads(r.text)["error"] == t("deals.stage_invalid"), (r.status, r.text)
    assert row(did) == [str(b), str(pb)]
    # Without JavaScript the card's form posts the same fields and comes back to the board.
    r = s.post("/deals/board/move", {"id": str(did), "to": str(a), "back": "/deals/board?manager=1"})
    assert r.status == 303 and r.header("Location") == "/deals/board?manager=1", (r.status, r.header("Location"))
    assert row(did) == [str(a), str(pa)]
    r = s.post("/deals/board/move", {"id": str(did), "to": str(b), "back": "//evil.example/"})
    assert r.header("Location") == "/deals/board"


@test
def board_counts_and_sums_every_deal_and_shows_the_first_cards():
    admin, _ = user("dadm", role="admin")
    stage_name = crmtest.unique("Column ")
    r = admin.post("/deals/stages", {"name": stage_name, "probability": "35"})
    assert r.status == 303, (r.status, r.text[:300])
    sid = int(sql("SELECT id FROM deal_stage WHERE name = '%s'" % stage_name)[0][0])
    s, uid = user()
    # 25 deals of 1000 RUB and one of 50 USD in the new column, made at once (minor units).
    sql("INSERT INTO deal (name, budget, currency, stage_id, probability, owner_id, visibility) "
        "SELECT CONCAT('Bulk card ', seq), 100000, 'RUB', %d, 35, %d, 'private' FROM seq_1_to_25" % (sid, uid))
    sql("INSERT INTO deal (name, budget, currency, stage_id, probability, owner_id, visibility) "
        "VALUES ('Dollar card', 5000, 'USD', %d, 35, %d, 'private')" % (sid, uid))
    page = s.get("/deals/board?manager=%d" % uid).text
    col = re.search(r'<section class="board-column" data-key="%d">(.*?)</section>' % sid, page, re.S)
    assert col, "no column for the new stage"
    col = col.group(1)
    assert 'data-count="26"' in col, re.findall(r'data-count="\d+"', col)
    assert "25,000\xa0₽ + 50\xa0$" in col, re.findall(r'board-sum">([^<]*)', col)
    assert col.count('class="board-card"') == 20
    assert 'href="/deals?stage=%d&amp;manager=%d&amp;sort=close"' % (sid, uid) in col
    # Without JavaScript a card is ticked and moved by the board's one form.
    assert col.count('class="board-pick" name="id"') == 20 and col.count('form="board-move"') == 20
    assert page.count('<form class="board-move-form" id="board-move"') == 1
    assert page.count('<select name="to" id="board-move-to">') == 1
    # Another user sees none of these private deals on the board.
    other, _ = user()
    page = other.get("/deals/board").text
    col = re.search(r'data-key="%d">(.*?)</section>' % sid, page, re.S).group(1)
    assert 'data-count="0"' in col and "Bulk card" not in col


def column_figures(s, sid, manager):
    page = s.get("/deals/board?manager=%d" % manager).text
    col = re.search(r'data-key="%d">(.*?)</section>' % sid, page, re.S).group(1)
    count = int(re.search(r'data-count="(\d+)"', col).group(1))
    total = re.search(r'board-sum">([^<]*)', col)
    return count, total.group(1) if total else ""


@test
def board_totals_follow_every_change_of_a_deal():
    s, uid = user()
    other, other_id = user()
    reader, reader_id = user()
    stages = open_stages()
    a, b = stages[0][0], stages[1][0]
    d1 = deal(s, crmtest.unique("tot"), stage_id=str(a), budget="100", currency="RUB", visibility="private")
    d2 = deal(s, crmtest.unique("tot"), stage_id=str(a), budget="7", currency="USD", visibility="private")
    d3 = deal(s, crmtest.unique("tot"), stage_id=str(a), visibility="private")
    totals_kept("deal", DEAL_KEYS, [uid, other_id])
    assert column_figures(s, a, uid) == (3, "100\xa0₽ + 7\xa0$")
    assert column_figures(s, b, uid) == (0, "")
    # A move, a changed budget, an edit that changes nothing the totals hold.
    assert move(s, d1, b).status == 200
    r = s.post("/deals/%d/edit" % d3, {"name": "renamed", "stage_id": str(a), "budget": "5", "currency": "RUB",
                                       "visibility": "private"})
    assert r.status == 303, re.findall(r'field-error"[^>]*>([^<]*)', r.text)
    totals_kept("deal", DEAL_KEYS, [uid, other_id])
    assert column_figures(s, a, uid) == (2, "5\xa0₽ + 7\xa0$")
    assert column_figures(s, b, uid) == (1, "100\xa0₽")
    # Restricted with a reader: the deal's own row, read by the reader and not by another.
    r = s.post("/deals/%d/edit" % d1, {"name": "restricted", "stage_id": str(b), "budget": "100", "currency": "RUB",
                                       "visibility": "restricted", "reader": str(reader_id)})
    assert r.status == 303 and row(d1, "has_users") == ["1"]
    totals_kept("deal", DEAL_KEYS, [uid, other_id])
    assert column_figures(reader, b, uid) == (1, "100\xa0₽")
    assert column_figures(other, b, uid) == (0, "")
    # Reassigned, then back to private (its own row goes), then deleted.
    r = s.post("/deals/bulk", [("id", str(d2)), ("action", "manager"), ("manager", str(other_id))])
    assert r.status == 303
    r = s.post("/deals/%d/edit" % d1, {"name": "private again", "stage_id": str(b), "budget": "100",
                                       "currency": "RUB", "visibility": "private"})
    assert r.status == 303 and row(d1, "has_users") == ["0"]
    totals_kept("deal", DEAL_KEYS, [uid, other_id])
    assert column_figures(s, a, uid) == (1, "5\xa0₽")
    assert column_figures(other, a, other_id) == (1, "7\xa0$")
    assert s.post("/deals/bulk/delete", [("id", str(d1)), ("id", str(d3))]).status == 303
    totals_kept("deal", DEAL_KEYS, [uid, other_id])
    assert column_figures(s, a, uid) == (0, "") and column_figures(s, b, uid) == (0, "")


@test
def the_board_form_without_a_ticked_card_says_so():
    s, _ = user()
    r = s.post("/deals/board/move", {"to": str(open_stages()[0][0]), "back": "/deals/board"})
    assert r.status == 303 and r.header("Location") == "/deals/board"
    assert "Tick a card first" in s.get("/deals/board").text
    r = s.post("/deals/board/move", {"to": str(open_stages()[0][0])}, headers={"Accept": "application/json"})
    assert r.status == 422 and "Tick a card first" in json.loads(r.text)["error"]


@test
def restricted_deals_stay_invisible_to_others_and_readers_are_told():
    owner, owner_id = user("down")
    reader, reader_id = user("dread")
    other, other_id = user("doth")
    # A public contact everyone may open, so its card's panel can be checked.
    r = owner.post("/contacts/new", {"kind": "company", "name": crmtest.unique("Restricted Co "),
                                     "visibility": "public_read", "then": "card"})
    cid = int(re.fullmatch(r"/contacts/(\d+)", r.header("Location")).group(1))
    name = crmtest.unique("Secret deal ")
    did = deal(owner, name, visibility="restricted", contact="#%d" % cid, reader=str(reader_id))
    assert row(did, "contact_id, visibility, has_users") == [str(cid), "restricted", "1"]
    # The reader is notified and sees it everywhere.
    assert sql("SELECT COUNT(*) FROM crm_notification WHERE user_id = %d AND msg_key = 'deals.made_reader' "
               "AND url = '/deals/%d'" % (reader_id, did)) == [["1"]]
    assert sql("SELECT COUNT(*) FROM crm_notification WHERE user_id = %d AND msg_key = 'deals.made_reader'"
               % other_id) == [["0"]]
    assert reader.get("/deals/%d" % did).status == 200
    assert did in list_ids(reader, "/deals?q=" + name.replace(" ", "+"))[0]
    # Another user: not in the list, the search, the board, the export, the contact's
    # panel, nor by URL; moving it is refused as if it did not exist.
    assert did not in list_ids(other, "/deals")[0]
    assert did not in list_ids(other, "/deals?q=" + name.replace(" ", "+"))[0]
    assert 'data-id="%d"' % did not in other.get("/deals/board").text
    assert name not in other.get("/deals/export").text
    assert name not in other.get("/deals/export?q=" + name.replace(" ", "+")).text
    r = other.post("/deals/bulk", [("id", str(did)), ("action", "export")])
    assert r.status == 200 and name not in r.text
    contact_page = other.get("/contacts/%d" % cid)
    assert contact_page.status == 200 and 'data-panel="deals.contact"' in contact_page.text
    assert name not in contact_page.text
    assert name in owner.get("/contacts/%d" % cid).text
    for path in ("/deals/%d" % did, "/deals/%d/edit" % did, "/deals/%d/delete" % did):
        assert other.get(path).status == 404, path
    assert move(other, did, open_stages()[1][0]).status == 404
    assert other.post("/deals/%d/stage" % did, {"stage_id": str(open_stages()[1][0])}).status == 404
    # Through the events other plugins use to pick and show deals, too: the search of a
    # deal field answers nothing.
    r = other.post("/deals/%d/edit" % did, {"name": "stolen"})
    assert r.status == 404 and row(did, "name") == [name]


@test
def export_all_data_holds_the_deals_the_user_may_read():
    owner, owner_id = user("dexo")
    login = crmtest.unique("dexu")
    crmtest.user_add(login, PASSWORD, role="user", name="Test %s" % login)
    grant(login, "core.export")
    other = Session()
    other.login(login, PASSWORD, next="/deals")
    secret = crmtest.unique("Export secret ")
    shown = crmtest.unique("Export public ")
    deal(owner, secret, visibility="private", budget="1 500,50")
    deal(owner, shown, visibility="public_read", budget="2 500,50")
    r = other.get("/admin/export/download")
    assert r.status == 200, r.status
    rows = list(csv.DictReader(io.StringIO(unzip(r.body)["deal.csv"])))
    names = {row["name"]: row for row in rows}
    assert shown in names and secret not in names, sorted(names)[:5]
    assert names[shown]["budget"] == "2500.50", names[shown]
    # Deals are exported, not imported: the wizard does not offer them.
    assert other.get("/import/deal").status == 404
    assert 'href="/import/deal"' not in other.get("/import").text


@test
def lead_qualified_makes_exactly_one_deal():
    s, uid = user()
    lead = int(sql("SELECT 900000000 + FLOOR(RAND() * 90000000)")[0][0])
    data = {"name": "From a lead", "manager_id": str(uid), "budget": "12345.67", "currency": "USD",
            "description": "qualified"}
    first = s.post("/qualify/%d" % lead, data)
    assert first.status == 200, (first.status, first.text[:300])
    m = re.match(r"deal (\d+) /deals/(\d+)", first.text)
    assert m and m.group(1) == m.group(2), first.text
    did = int(m.group(1))
    again = s.post("/qualify/%d" % lead, data)
    assert again.text == first.text, (again.text, first.text)
    assert sql("SELECT COUNT(*) FROM deal WHERE lead_id = %d" % lead) == [["1"]]
    assert row(did, "name, budget, currency, owner_id, lead_id") == \
        ["From a lead", "1234567", "USD", str(uid), str(lead)]
    assert sql("SELECT COUNT(*) FROM crm_link WHERE (entity = 'lead' AND record_id = %d AND to_entity = 'deal' "
               "AND to_id = %d) OR (entity = 'deal' AND record_id = %d AND to_entity = 'lead' AND to_id = %d)"
               % (lead, did, did, lead)) == [["1"]]
    assert sql("SELECT COUNT(*) FROM crm_history WHERE entity = 'deal' AND record_id = %d" % did) == [["1"]]
    assert sql("SELECT COUNT(*) FROM crm_history WHERE entity = 'lead' AND record_id = %d" % lead) == [["1"]]
    # Two at once still make one.
    lead2 = lead + 1
    answers = []

    def go():
        answers.append(s.post("/qualify/%d" % lead2, data).text)
    threads = [threading.Thread(target=go) for _ in range(2)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert sql("SELECT COUNT(*) FROM deal WHERE lead_id = %d" % lead2) == [["1"]]
    assert len(set(answers)) == 1 and answers[0].startswith("deal "), answers


@test
def deals_follow_their_contact_deleted_or_merged():
    s, _ = user()
    def company(name):
        r = s.post("/contacts/new", {"kind": "company", "name": name, "then": "card"})
        return int(re.fullmatch(r"/contacts/(\d+)", r.header("Location")).group(1))
    a, b, c = (company(crmtest.unique("Follow %s " % x)) for x in "abc")
    da = deal(s, crmtest.unique("on a"), contact="#%d" % a)
    db = deal(s, crmtest.unique("on b"), contact="#%d" % b)
    r = s.post("/contacts/%d/delete" % a, {})
    assert r.status == 303, r.status
    assert row(da, "contact_id") == ["NULL"]
    r = s.post("/contacts/%d/merge" % b, {"into": str(c)})
    assert r.status == 303, (r.status, r.text[:300])
    assert row(db, "contact_id") == [str(c)]


@test
def contact_is_picked_by_what_was_typed():
    s, _ = user()
    stem = crmtest.unique("Pickco")
    ids = []
    for suffix in ("", " Two"):
        r = s.post("/contacts/new", {"kind": "company", "name": stem + suffix, "then": "card"})
        ids.append(int(re.fullmatch(r"/contacts/(\d+)", r.header("Location")).group(1)))
    # The exact name picks one of the two starting alike.
    did = deal(s, "picked", contact=stem)
    assert row(did, "contact_id") == [str(ids[0])]
    card = s.get("/deals/%d" % did).text
    assert 'href="/contacts/%d"' % ids[0] in card
    # The start of both names: the form comes back with both to choose from.
    r = deal(s, "two", expect=422, contact=stem[:-2])
    assert t("deals.contact_choose") in r.text
    assert 'name="contact_id"' in r.text and all('value="%d"' % i in r.text for i in ids)
    did = deal(s, "chosen", contact=stem[:-2], contact_id=str(ids[1]))
    assert row(did, "contact_id") == [str(ids[1])]
    r = deal(s, "nobody", expect=422, contact=crmtest.unique("Nobody"))
    assert t("deals.contact_not_found") in r.text
    # Editing keeps the contact shown by name even when names repeat.
    r = s.post("/deals/%d/edit" % did, {"name": "chosen", "contact": stem + " Two", "contact_was": str(ids[1])})
    assert r.status == 303 and row(did, "contact_id") == [str(ids[1])]
    # The contact's card lists the deal and offers a new one for it.
    page = s.get("/contacts/%d" % ids[1]).text
    assert 'data-panel="deals.contact"' in page and "chosen" in page
    assert 'href="/deals/new?contact=%d"' % ids[1] in page
    assert stem + " Two" in s.get("/deals/new?contact=%d" % ids[1]).text


@test
def list_filters_sort_and_keyset_pages():
    s, uid = user()
    sql("INSERT INTO deal (name, budget, currency, amount_type, stage_id, probability, owner_id, visibility, close_date) "
        "SELECT CONCAT('Paged ', LPAD(seq, 3, '0')), seq * 1000, 'RUB', IF(seq %% 2, 'fixed', 'year'), %d, 10, %d, "
        "'private', '2030-01-01' + INTERVAL seq DAY FROM seq_1_to_57" % (open_stages()[0][0], uid))
    seen, path = [], "/deals?manager=%d" % uid
    pages = 0
    while path:
        ids, path = list_ids(s, path)
        seen += ids
        pages += 1
        assert pages < 5
    assert len(seen) == 57 and len(set(seen)) == 57 and pages == 2, (len(seen), pages)
    # Back from the second page: the first one again.
    second = list_ids(s, "/deals?manager=%d" % uid)[1]
    page2 = s.get(second).text
    prev = re.search(r'href="([^"]*)" rel="prev"', page2).group(1).replace("&amp;", "&")
    assert list_ids(s, prev)[0] == seen[:50]
    names = [row(i, "name")[0] for i in seen]
    assert names == sorted(names), names[:5]
    ids, nxt = list_ids(s, "/deals?manager=%d&sort=budget" % uid)
    budgets = [int(row(i, "budget")[0]) for i in ids]
    assert budgets == sorted(budgets, reverse=True) and budgets[0] == 57000, budgets[:3]
    ids2, _ = list_ids(s, nxt)
    assert len(ids2) == 7 and not set(ids) & set(ids2)
    ids, _ = list_ids(s, "/deals?manager=%d&type=year" % uid)
    assert len(ids) == 28
    ids, _ = list_ids(s, "/deals?manager=%d&close_from=2030-01-10&close_to=2030-01-19&sort=close" % uid)
    assert len(ids) == 10, len(ids)
    assert [row(i, "close_date")[0] for i in ids] == ["2030-01-%02d" % d for d in range(10, 20)]
    assert s.get("/deals?close_from=10.01.2030").status == 400
    ids, _ = list_ids(s, "/deals?q=Paged+05&manager=%d" % uid)
    assert len(ids) == 8, len(ids)  # 050..057
    r = s.get("/deals/export?manager=%d&type=year" % uid)
    rows = list(csv.reader(io.StringIO(r.text.lstrip("\ufeff"))))
    assert rows[0][:3] == ["id", "name", "contact_id"] and len(rows) == 29
    # Budgets leave as decimals of their currency, not as minor units.
    budget = rows[0].index("budget")
    assert sorted(float(r[budget]) for r in rows[1:]) == [10.0 * seq for seq in range(2, 58, 2)], rows[1][budget]
    assert all(re.fullmatch(r"\d+\.\d\d", r[budget]) for r in rows[1:]), [r[budget] for r in rows[1:4]]


@test
def bulk_actions_move_tag_reassign_and_delete():
    s, uid = user()
    other, other_id = user()
    stages = open_stages()
    ids = [deal(s, crmtest.unique("bulk"), stage_id=str(stages[0][0])) for _ in range(2)]
    ticked = [("id", str(i)) for i in ids]
    r = s.post("/deals/bulk", ticked + [("action", "stage"), ("stage", str(stages[1][0]))])
    assert r.status == 303
    assert all(row(i) == [str(stages[1][0]), str(stages[1][1])] for i in ids)
    tag = crmtest.unique("tag")
    s.post("/deals/bulk", ticked + [("action", "tag"), ("tag", tag)])
    assert sorted(list_ids(s, "/deals?tag=" + tag)[0]) == sorted(ids)
    s.post("/deals/bulk", ticked + [("action", "manager"), ("manager", str(other_id))])
    assert all(row(i, "owner_id") == [str(other_id)] for i in ids)
    r = other.post("/deals/bulk", ticked + [("action", "delete")])
    assert r.status == 200 and "/deals/bulk/delete" in r.text
    r = other.post("/deals/bulk/delete", ticked)
    assert r.status == 303
    assert sql("SELECT COUNT(*) FROM deal WHERE id IN (%d, %d)" % tuple(ids)) == [["0"]]


@test
def deleting_a_deal_asks_first():
    s, _ = user()
    did = deal(s, crmtest.unique("doomed"))
    r = s.get("/deals/%d/delete" % did)
    assert r.status == 200 and 'action="/deals/%d/delete"' % did in r.text
    assert row(did, "id") == [str(did)]
    r = s.post("/deals/%d/delete" % did, {})
    assert r.status == 303 and r.header("Location") == "/deals"
    assert s.get("/deals/%d" % did).status == 404


@test
def bad_input_answers_clearly_and_changes_nothing():
    s, _ = user()
    assert s.get("/deals/999999999").status == 404
    assert s.get("/deals/abc").status == 404
    r = move(s, "abc", open_stages()[0][0])
    assert r.status == 404 and json.loads(r.text)["error"] == t("deals.move_not_found")
    assert s.get("/deals?q=" + "x" * 300).status == 400
    r = s.post("/deals/bulk", {"action": "tag", "tag": "x"})
    assert r.status == 303 and r.header("Location") == "/deals"
    did = deal(s, crmtest.unique("intact"), budget="100")
    r = s.post("/deals/%d/edit" % did, {"name": "changed", "budget": "1.2.3", "product_id": "abc"})
    assert r.status == 422 and row(did, "budget")[0] == "10000"


@test
def stages_are_edited_by_admins_only():
    admin, _ = user("dadm", role="admin")
    plain, _ = user()
    assert plain.get("/deals/stages").status == 403
    name = crmtest.unique("Stage ")
    r = admin.post("/deals/stages", {"name": name, "probability": "101"})
    assert r.status == 422 and t("deals.probability_invalid") in r.text
    r = admin.post("/deals/stages", {"name": name, "probability": "45"})
    assert r.status == 303
    sid, pos, kind = sql("SELECT id, position, kind FROM deal_stage WHERE name = '%s'" % name)[0]
    assert kind == "open" and int(pos) < int(sql("SELECT position FROM deal_stage WHERE kind = 'won'")[0][0])
    r = admin.post("/deals/stages/%s" % sid, {"name": name + " renamed", "probability": "50"})
    assert r.status == 303
    assert sql("SELECT name, probability FROM deal_stage WHERE id = %s" % sid) == [[name + " renamed", "50"]]
    r = admin.post("/deals/stages/%s" % sid, {"name": t("deals.stage.won"), "probability": "50"})
    assert r.status == 422 and t("deals.stage_name_taken") in r.text
    won = final_stage("won")
    assert admin.get("/deals/stages/%d/delete" % won).status == 409
    assert admin.post("/deals/stages/%d/delete" % won, {}).status == 303
    assert sql("SELECT COUNT(*) FROM deal_stage WHERE id = %d" % won) == [["1"]]
    did = deal(admin, "holds the stage", stage_id=sid)
    assert admin.get("/deals/stages/%s/delete" % sid).status == 409
    admin.post("/deals/%d/delete" % did, {})
    assert admin.get("/deals/stages/%s/delete" % sid).status == 200
    assert admin.post("/deals/stages/%s/delete" % sid, {}).status == 303
    assert sql("SELECT COUNT(*) FROM deal_stage WHERE id = %s" % sid) == [["0"]]


@test
def a_move_that_loses_a_deadlock_is_run_again_and_lands():
    """Two transactions locking the same board totals in opposite orders: InnoDB rolls the
    lighter one back. When that is a request, crmd runs its handler again (no 500)."""
    s, uid = user("dl")
    (a, _), (b, _) = open_stages()[:2]
    d1 = deal(s, crmtest.unique("lock one"), stage_id=str(a), budget="100", currency="RUB")
    deal(s, crmtest.unique("lock two"), stage_id=str(b), budget="100", currency="RUB")
    vis = row(d1, "visibility")[0]
    key = "currency = 'RUB' AND owner_id = %d AND visibility = '%s' AND has_users = 0 AND id = 0" % (uid, vis)
    ballast = crmtest.unique("lock_ballast")
    sql("CREATE TABLE %s (id INT PRIMARY KEY) ENGINE=InnoDB" % ballast)
    given_up = crmtest.log_text().count("a lock was given up")
    other = subprocess.Popen(["mariadb", "--socket=" + os.path.join(crmtest.STATE, "mysql", "mysqld.sock"),
                              "-u", "root", "-N", "-B", "crm_default"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        # Many changed rows make this transaction the heavier one: InnoDB's victim is the move.
        other.stdin.write("START TRANSACTION; INSERT INTO %s SELECT seq FROM seq_1_to_500;\n"
                          "UPDATE deal_total SET deals = deals WHERE stage_id = %d AND %s;\n" % (ballast, b, key))
        other.stdin.flush()
        crmtest.wait_for(lambda: sql("SELECT COUNT(*) FROM information_schema.INNODB_TRX "
                                     "WHERE trx_rows_modified >= 500") == [["1"]], what="the other transaction")
        answer = {}
        mover = threading.Thread(target=lambda: answer.update(r=move(s, d1, b)))
        mover.start()
        crmtest.wait_for(lambda: sql("SELECT COUNT(*) FROM information_schema.INNODB_TRX "
                                     "WHERE trx_state = 'LOCK WAIT'") == [["1"]], what="the move to wait")
        other.stdin.write("UPDATE deal_total SET deals = deals WHERE stage_id = %d AND %s;\n" % (a, key))
        other.stdin.flush()
        crmtest.wait_for(lambda: crmtest.log_text().count("a lock was given up") > given_up, what="the deadlock")
        other.stdin.write("COMMIT;\n")
        other.stdin.close()
        assert other.wait(timeout=30) == 0, other.stderr.read()
        mover.join(30)
    finally:
        if other.poll() is None:
            other.kill()
        sql("DROP TABLE IF EXISTS %s" % ballast)
    r = answer["r"]
    assert r.status == 200, (r.status, r.text[:300])
    assert json.loads(r.text).get("ok"), r.text
    assert row(d1, "stage_id") == [str(b)]
    assert sql("SELECT COUNT(*) FROM crm_history WHERE entity = 'deal' AND record_id = %d AND text LIKE '%%→%%'"
               % d1) == [["1"]]
    totals_kept("deal", DEAL_KEYS, [uid])


if __name__ == "__main__":
    crmtest.main()
