"""The leads board: a column per status of the funnel with counts and budget sums over
every lead the user may read, the first cards of each; moves through the JSON endpoint
need the CSRF token, land in history, qualify or ask for a reason; the no-JS form
redirects back to the board."""
import json
import re

import crmtest
from crmtest import sql, t, test
from leads_helpers import board_ids, lead, main_funnel, status_of, user
from totals_helpers import totals_kept

LEAD_KEYS = ("funnel_id", "status_id", "currency", "owner_id", "visibility", "has_users")


def column(text, key):
    m = re.search(r'<section class="board-column" data-key="%d">(.*?)</section>' % key, text, re.S)
    assert m, "no column %d" % key
    return m.group(1)


def move(s, lid, to, accept_json=True, csrf=True, **extra):
    data = {"id": str(lid), "to": str(to)}
    data.update(extra)
    headers = {"Accept": "application/json"} if accept_json else {}
    return s.post("/leads/board/move", data, headers=headers, csrf=csrf)


@test
def columns_count_and_sum_every_readable_lead():
    s, uid = user("lb", role="admin")  # admins read every lead: the totals are the table's
    _, st = main_funnel()
    col = st["leads.status.need"]
    before = sql("SELECT COUNT(*), COALESCE(SUM(budget), 0) FROM lead WHERE status_id = %d AND currency = 'RUB'" % col)[0]
    for i in range(23):
        lid = lead(s, "Board %d" % i, budget="1000")
        sql("UPDATE lead SET status_id = %d WHERE id = %d" % (col, lid))
    ids, text = board_ids(s)
    part = column(text, col)
    count = int(re.search(r'data-count="(\d+)"', part).group(1))
    assert count == int(before[0]) + 23, (count, before)
    total = int(before[1]) + 23 * 100000
    shown = re.search(r'<span class="board-sum">([^<]*)</span>', part).group(1)
    roubles = re.search(r'([\d,]+)(\.\d\d)?\xa0₽', shown)
    assert roubles and int(roubles.group(1).replace(",", "")) == total // 100, (shown, total)
    assert (roubles.group(2) or ".00") == ".%02d" % (total % 100), (shown, total)
    assert part.count('class="board-card"') == 20, "the first twenty cards"
    assert 'class="board-more"' in part and "status=%d" % col in part
    for key in (st["open"], st["qualified"], st["disqualified"]):
        column(text, key)


@test
def a_move_needs_the_csrf_token_and_lands_in_history():
    s, uid = user()
    _, st = main_funnel()
    lid = lead(s)
    r = move(s, lid, st["leads.status.contacted"], csrf=False)
    assert r.status == 403 and status_of(lid) == st["open"]
    r = move(s, lid, st["leads.status.contacted"])
    assert r.status == 200 and json.loads(r.text) == {"ok": True}, r.text
    assert status_of(lid) == st["leads.status.contacted"]
    hist = sql("SELECT text FROM crm_history WHERE entity = 'lead' AND record_id = %d ORDER BY id DESC LIMIT 1" % lid)
    assert "New → Contacted" in hist[0][0], hist
    # Without JavaScript: the form's redirect back to the board, with a message.
    r = move(s, lid, st["leads.status.need"], accept_json=False, back="/leads/board?funnel=1")
    assert r.status == 303 and r.header("Location") == "/leads/board?funnel=1"
    assert status_of(lid) == st["leads.status.need"]
    r = move(s, lid, st["open"], accept_json=False, back="https://evil.example/")
    assert r.status == 303 and r.header("Location") == "/leads/board"


@test
def moving_to_the_final_statuses_qualifies_or_asks_for_a_reason():
    s, uid = user()
    _, st = main_funnel()
    lid = lead(s)
    r = move(s, lid, st["disqualified"])
    assert r.status == 422 and json.loads(r.text) == {"error": t("leads.reason_required")}, r.text
    assert status_of(lid) == st["open"]
    r = move(s, lid, st["disqualified"], accept_json=False)
    assert r.status == 303 and r.header("Location") == "/leads/%d/disqualify?to=%d" % (lid, st["disqualified"])
    r = move(s, lid, st["disqualified"], reason_id="1")
    assert r.status == 200 and status_of(lid) == st["disqualified"]
    other = lead(s)
    r = move(s, other, st["qualified"])
    assert r.status == 200 and status_of(other) == st["qualified"]
    assert len(sql("SELECT id FROM deal WHERE lead_id = %d" % other)) == 1
    # Unknown statuses and another funnel's are refused.
    assert move(s, other, 999999).status == 422


@test
def another_users_private_lead_is_neither_shown_nor_moved():
    s, uid = user()
    other, _ = user()
    _, st = main_funnel()
    lid = lead(other, "Private board lead")
    ids, text = board_ids(s)
    assert lid not in ids and "Private board lead" not in text
    r = move(s, lid, st["leads.status.contacted"])
    assert r.status == 404 and "error" in json.loads(r.text)
    assert status_of(lid) == st["open"]
    assert s.get("/leads/board?funnel=999999").status == 404


@test
def board_totals_follow_every_change_of_a_lead():
    s, uid = user()
    other, oid = user()
    _, st = main_funnel()
    a, b = lead(s, "Totals A", budget="1000"), lead(s, "Totals B", budget="20")
    c = lead(s, "Totals C")
    totals_kept("lead", LEAD_KEYS, [uid, oid])
    assert move(s, a, st["leads.status.contacted"]).status == 200
    r = s.post("/leads/bulk", [("id", str(b)), ("action", "manager"), ("manager", str(oid))])
    assert r.status == 303
    totals_kept("lead", LEAD_KEYS, [uid, oid])
    part = column(board_ids(s)[1], st["leads.status.contacted"])
    assert 'data-id="%d"' % a in part and "1,000" in part
    assert s.post("/leads/bulk/delete", [("id", str(a)), ("id", str(c))]).status == 303
    totals_kept("lead", LEAD_KEYS, [uid, oid])
    # The board form without a ticked card says what to do.
    r = s.post("/leads/board/move", {"to": str(st["open"])}, headers={"Accept": "application/json"})
    assert r.status == 422 and "Tick a card first" in json.loads(r.text)["error"]


if __name__ == "__main__":
    crmtest.main()
