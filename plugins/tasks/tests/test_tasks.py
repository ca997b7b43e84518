"""The tasks plugin through nginx and MariaDB: due times from presets and typed dates in
the user's time zone, the form's per-field errors, a task's life (card, edit, close and
reopen from the list, delete), record access, the cards' panel and "task.next", My tasks'
tabs, filters and paging, the menu's count, the bulk action on contacts (all or nothing),
notifications, categories, the calendar and task.csv in "export all data".

Each test makes its own users (unique logins, English pages) and its own records; the test
plugin "taskprobe" asks "task.next" for the tests."""
import csv
import datetime
import html
import io
import re
import urllib.parse
import zipfile
from zoneinfo import ZoneInfo

import crmtest
from crmtest import Session, page_cost, sql, t, test
from import_helpers import grant, unzip

PASSWORD = "tasks pass 1"


def user(prefix="tu", role="user", tz="Europe/Moscow"):
    """A fresh signed-in user (English pages, zone tz): (session, id)."""
    login = crmtest.unique(prefix)
    uid = crmtest.user_add(login, PASSWORD, role=role, name="Test %s" % login)
    sql("UPDATE crm_user SET locale = 'en', timezone = '%s' WHERE id = %d" % (tz, uid))
    s = Session()
    s.login(login, PASSWORD, next="/tasks")
    return s, uid


def contact(s, last, visibility="private"):
    r = s.post("/contacts/new", {"kind": "person", "first_name": "Anna", "last_name": last,
                                 "visibility": visibility, "then": "card", "dup_ok": "1"})
    assert r.status == 303, (r.status, r.text[:500])
    return int(re.fullmatch(r"/contacts/(\d+)", r.header("Location")).group(1))


def form(title, **fields):
    data = {"title": title, "category_id": "", "due": "date", "due_date": "", "due_time": "18:00",
            "remind": "1440", "assignee_id": "", "description": "", "entity": "", "record": ""}
    if not fields.get("due_date") and fields.get("due", "date") == "date":
        data["due_date"] = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
    data.update(fields)
    return data


def new_task(s, title, expect=303, **fields):
    """Create a task through the form; its id (or the response when not expect)."""
    r = s.post("/tasks/new", form(title, **fields))
    if expect != 303:
        assert r.status == expect, (r.status, r.text[:800])
        return r
    assert r.status == 303, (r.status, r.text[:1500])
    rows = sql("SELECT id FROM task WHERE title = '%s' ORDER BY id DESC LIMIT 1" % title.replace("'", "''"))
    assert rows, "no task %s stored" % title
    return int(rows[0][0])


def row(tid, cols="title, due_at, remind_at, done, entity, record_id, assignee_id"):
    return sql("SELECT %s FROM task WHERE id = %d" % (cols, tid))[0]


def utc_text(local_dt, tz):
    """A wall-clock time of zone tz as the UTC text MariaDB shows."""
    return local_dt.replace(tzinfo=ZoneInfo(tz)).astimezone(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


def field_value(text, name):
    m = re.search(r'<(?:input|textarea)\b[^>]*\bname="%s"[^>]*>' % re.escape(name), text)
    if not m:
        return None
    v = re.search(r'\bvalue="([^"]*)"', m.group(0))
    return html.unescape(v.group(1)) if v else ""


def field_error(text, name):
    """The error message shown under the field named name, or None."""
    m = re.search(r'name="%s"[^>]*\bid="([^"]+)"' % re.escape(name), text)
    if not m:
        return None
    e = re.search(r'<p class="field-error" id="%s-error">([^<]*)</p>' % re.escape(m.group(1)), text)
    return e and e.group(1)


def list_ids(s, path):
    r = s.get(path)
    assert r.status == 200, (path, r.status, r.text[:500])
    ids = [int(x) for x in re.findall(r'<tr data-id="(\d+)"[^>]*class="task', r.text)]
    nxt = re.search(r'href="([^"]*)" rel="next"', r.text)
    prv = re.search(r'href="([^"]*)" rel="prev"', r.text)
    return ids, nxt and html.unescape(nxt.group(1)), prv and html.unescape(prv.group(1)), r.text


@test
def presets_give_due_times_in_the_users_zone():
    tz = "Asia/Vladivostok"
    s, uid = user(tz=tz)
    for preset, days in (("today", 0), ("3days", 3), ("week", 7)):
        title = crmtest.unique("preset-%s-" % preset)
        before = datetime.datetime.now(ZoneInfo(tz)).date()
        tid = new_task(s, title, due=preset, due_date="", due_time="10:30")
        after = datetime.datetime.now(ZoneInfo(tz)).date()
        got = row(tid)[1]
        want = {utc_text(datetime.datetime.combine(d + datetime.timedelta(days=days), datetime.time(10, 30)), tz)
                for d in (before, after)}
        assert got in want, (preset, got, want)
    # The same wall-clock time in Moscow is seven hours later in UTC.
    s2, _ = user(tz="Europe/Moscow")
    day = datetime.date.today() + datetime.timedelta(days=20)
    a = new_task(s, crmtest.unique("vvo"), due_date=day.isoformat(), due_time="09:00")
    b = new_task(s2, crmtest.unique("msk"), due_date=day.isoformat(), due_time="09:00")
    assert row(a)[1] == utc_text(datetime.datetime.combine(day, datetime.time(9, 0)), tz)
    assert row(b)[1] == utc_text(datetime.datetime.combine(day, datetime.time(9, 0)), "Europe/Moscow")
    # The edit form shows the stored time back in the user's zone.
    edit = s.get("/tasks/%d/edit" % a)
    assert field_value(edit.text, "due_date") == day.isoformat() and field_value(edit.text, "due_time") == "09:00"


@test
def a_typed_date_reads_as_dd_mm_yyyy_or_as_the_picker_sends_it():
    tz = "Asia/Vladivostok"
    s, _ = user(tz=tz)
    day = datetime.date.today() + datetime.timedelta(days=40)
    want = utc_text(datetime.datetime.combine(day, datetime.time(14, 5)), tz)
    for typed in (day.strftime("%d/%m/%Y"), day.strftime("%d.%m.%Y"), day.isoformat()):
        tid = new_task(s, crmtest.unique("typed"), due="date", due_date=typed, due_time="14:05")
        assert row(tid)[1] == want, (typed, row(tid)[1], want)


@test
def bad_input_is_refused_per_field_and_nothing_is_stored():
    s, uid = user()
    count = lambda: int(sql("SELECT COUNT(*) FROM task WHERE owner_id = %d" % uid)[0][0])
    cases = [
        (dict(title=""), "title", "tasks.title_required"),
        (dict(title="x" * 256), "title", "tasks.title_too_long"),
        (dict(title="ok", due_date="31/02/2025"), "due_date", "tasks.date_invalid"),
        (dict(title="ok", due_date="tomorrow"), "due_date", "tasks.date_invalid"),
        (dict(title="ok", due_date=""), "due_date", "tasks.date_required"),
        (dict(title="ok", due_time="25:00"), "due_time", "tasks.time_invalid"),
        (dict(title="ok", category_id="999999999"), "category_id", "tasks.category_invalid"),
        (dict(title="ok", remind="7"), "remind", "tasks.remind_invalid"),
        (dict(title="ok", assignee_id="999999999"), "assignee_id", "tasks.assignee_invalid"),
        (dict(title="ok", entity="contact", record="#999999999"), "record", "tasks.record_none"),
        (dict(title="ok", entity="nosuch", record="#1"), "entity", "tasks.entity_invalid"),
        (dict(title="ok", entity="", record="Someone"), "entity", "tasks.entity_required"),
        (dict(title="ok", description="x" * 20001), "description", "tasks.description_too_long"),
    ]
    before = count()
    for fields, name, key in cases:
        title = fields.pop("title")
        r = new_task(s, title, expect=422, **fields)
        assert field_error(r.text, name) == t(key), (fields, name, field_error(r.text, name))
        if name != "title" and len(title) < 100:
            assert field_value(r.text, "title") == title, "what was typed is kept"
    assert count() == before, "a refused form stores nothing"
    # A date typed wrong comes back as typed.
    r = new_task(s, "kept", expect=422, due_date="32.13.2025")
    assert field_value(r.text, "due_date") == "32.13.2025"
    # Invalid UTF-8 is refused by the core before the form is read.
    r = crmtest.http("POST", "/tasks/new", body="title=%FF%FE&due=today&due_time=10:00&csrf=" + s.csrf,
                     headers={"Cookie": "crm_session=" + s.token,
                              "Content-Type": "application/x-www-form-urlencoded"})
    assert r.status == 400 and count() == before


@test
def a_task_is_shown_edited_closed_reopened_and_deleted():
    s, uid = user()
    cid = contact(s, crmtest.unique("Linked"))
    title = crmtest.unique("Call about the order ")
    tid = new_task(s, title, category_id="1", entity="contact", record="#%d" % cid, description="Ask for the PO")
    assert row(tid)[4:6] == ["contact", str(cid)]
    hist = sql("SELECT h.text, h.url FROM crm_history h JOIN crm_history_category c ON c.id = h.category_id "
               "WHERE h.entity = 'contact' AND h.record_id = %d AND c.code = 'task'" % cid)
    assert hist == [["Task: %s" % title, "/tasks/%d" % tid]], hist
    card = s.get("/tasks/%d" % tid)
    assert card.status == 200 and title in card.text and "Ask for the PO" in card.text
    assert 'href="/contacts/%d"' % cid in card.text, "the card links the record"
    # Edit: the form names the record as the contacts plugin does; saving keeps it.
    edit = s.get("/tasks/%d/edit" % tid)
    assert edit.status == 200 and field_value(edit.text, "record_keep") == "contact:%d" % cid
    data = {k: field_value(edit.text, k) for k in ("title", "due_date", "due_time", "record", "record_was", "record_keep")}
    data.update(entity="contact", due="date", remind="60", category_id="2", assignee_id=str(uid), title=title + " (2)")
    r = s.post("/tasks/%d/edit" % tid, data)
    assert r.status == 303 and r.header("Location") == "/tasks/%d" % tid, (r.status, r.text[:800])
    assert row(tid, "title, remind_minutes, category_id, record_id") == [title + " (2)", "60", "2", str(cid)]
    # Close from the list (a one-button form per row), then reopen.
    ids, _, _, page = list_ids(s, "/tasks?tab=upcoming")
    assert tid in ids and 'action="/tasks/%d/toggle"' % tid in page
    r = s.post("/tasks/%d/toggle" % tid, {"done": "1", "back": "/tasks?tab=upcoming"})
    assert r.status == 303 and r.header("Location") == "/tasks?tab=upcoming"
    assert row(tid, "done, closed_at IS NOT NULL, remind_at") == ["1", "1", "NULL"]
    assert tid not in list_ids(s, "/tasks?tab=upcoming")[0] and tid in list_ids(s, "/tasks?tab=closed")[0]
    closed = sql("SELECT COUNT(*) FROM crm_history WHERE entity = 'contact' AND record_id = %d AND text LIKE 'Task closed:%%'" % cid)
    assert closed == [["1"]], "closing writes history on the record"
    s.post("/tasks/%d/toggle" % tid, {"done": "1"})
    assert sql("SELECT COUNT(*) FROM crm_history WHERE entity = 'contact' AND record_id = %d AND text LIKE 'Task closed:%%'" % cid) == [["1"]], \
        "closing again changes nothing"
    r = s.post("/tasks/%d/toggle" % tid, {"done": "0"})
    assert r.status == 303 and row(tid, "done, closed_at, remind_at IS NOT NULL") == ["0", "NULL", "1"]
    # Delete: a confirmation first.
    confirm = s.get("/tasks/%d/delete" % tid)
    assert confirm.status == 200 and 'action="/tasks/%d/delete"' % tid in confirm.text
    assert sql("SELECT COUNT(*) FROM task WHERE id = %d" % tid) == [["1"]]
    r = s.post("/tasks/%d/delete" % tid)
    assert r.status == 303 and sql("SELECT COUNT(*) FROM task WHERE id = %d" % tid) == [["0"]]
    assert s.get("/tasks/%d" % tid).status == 404


@test
def closing_needs_the_csrf_token_and_write_access():
    s, uid = user()
    tid = new_task(s, crmtest.unique("csrf"))
    assert s.post("/tasks/%d/toggle" % tid, {"done": "1"}, csrf=False).status == 403
    other, _ = user()
    assert other.post("/tasks/%d/toggle" % tid, {"done": "1"}).status == 404
    assert other.get("/tasks/%d/edit" % tid).status == 404
    assert other.post("/tasks/%d/delete" % tid).status == 404
    assert row(tid)[3] == "0"
    # The assignee may close a task someone else wrote.
    third, third_id = user()
    tid2 = new_task(s, crmtest.unique("assigned"), assignee_id=str(third_id))
    assert third.post("/tasks/%d/toggle" % tid2, {"done": "1"}).status == 303 and row(tid2)[3] == "1"


@test
def a_task_about_someone_elses_private_contact_is_hidden():
    a, a_id = user("ta")
    b, b_id = user("tb")
    private = contact(a, crmtest.unique("Secret"))
    public = contact(a, crmtest.unique("Open"), visibility="public_read")
    hidden_title = crmtest.unique("hidden")
    hidden = new_task(a, hidden_title, entity="contact", record="#%d" % private)
    shown = new_task(a, crmtest.unique("shown"), entity="contact", record="#%d" % public)
    # b sees the task about the public contact (read only), never the other one.
    ids = list_ids(b, "/tasks?assignee=all&tab=upcoming")[0]
    assert shown in ids and hidden not in ids, (shown, hidden, ids)
    assert b.get("/tasks/%d" % hidden).status == 404
    assert b.get("/tasks/%d" % shown).status == 200
    assert b.get("/tasks/%d/edit" % shown).status == 404
    panel = b.get("/contacts/%d" % public)
    assert 'data-panel="tasks.contact"' in panel.text and 'data-id="%d"' % shown in panel.text
    # b cannot point a task at a's private contact, by number or from a card's link.
    r = new_task(b, "sneaky", expect=422, entity="contact", record="#%d" % private)
    assert field_error(r.text, "record") == t("tasks.record_none")
    r = b.post("/tasks/new", form("sneaky", entity="contact", record="x", record_was="x",
                                  record_keep="contact:%d" % private))
    assert r.status == 422
    assert b.get("/tasks/new?entity=contact&id=%d" % private).status == 404
    assert sql("SELECT COUNT(*) FROM task WHERE title = 'sneaky'") == [["0"]]
    # Lists by assignee and "task.next" keep the secret too.
    assert hidden_title not in b.get("/tasks?assignee=%d&tab=upcoming" % a_id).text
    assert b.get("/taskprobe/next?entity=contact&id=%d" % private).text == ""
    # An admin sees everything.
    admin, _ = user("tadm", role="admin")
    assert admin.get("/tasks/%d" % hidden).status == 200


@test
def the_contact_card_has_a_tasks_panel_and_task_next_names_the_nearest():
    s, uid = user(tz="Asia/Vladivostok")
    cid = contact(s, crmtest.unique("Panel"))
    card = s.get("/contacts/%d" % cid)
    assert 'data-panel="tasks.contact"' in card.text
    link = re.search(r'href="(/tasks/new\?entity=contact&amp;id=%d[^"]*)"' % cid, card.text)
    assert link, "the panel links a new task for the contact"
    new = s.get(html.unescape(link.group(1)))
    assert new.status == 200 and field_value(new.text, "record_keep") == "contact:%d" % cid
    assert field_value(new.text, "record").startswith("Panel"), field_value(new.text, "record")
    data = {k: field_value(new.text, k) for k in ("record", "record_was", "record_keep", "back", "due_date")}
    far = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    near = (datetime.date.today() + datetime.timedelta(days=5)).isoformat()
    r = s.post("/tasks/new", form("Later", entity="contact", due_date=far, **{k: v for k, v in data.items() if k != "due_date"}))
    assert r.status == 303 and r.header("Location") == "/contacts/%d" % cid, "back to the card"
    r = s.post("/tasks/new", form("Sooner", entity="contact", due_date=near, due_time="08:15",
                                  **{k: v for k, v in data.items() if k != "due_date"}))
    assert r.status == 303
    card = s.get("/contacts/%d" % cid)
    assert card.text.index(">Sooner<") < card.text.index(">Later<"), "soonest first"
    nxt = s.get("/taskprobe/next?entity=contact&id=%d" % cid).text.strip().split("|")
    sooner = int(sql("SELECT id FROM task WHERE record_id = %d AND title = 'Sooner'" % cid)[0][0])
    assert nxt == [str(sooner), "Sooner", "%s 08:15" % near, "/tasks/%d" % sooner], nxt
    # Closed tasks leave the panel and are no next step.
    s.post("/tasks/%d/toggle" % sooner, {"done": "1"})
    assert ">Sooner<" not in s.get("/contacts/%d" % cid).text
    assert s.get("/taskprobe/next?entity=contact&id=%d" % cid).text.split("|")[1] == "Later"


@test
def tasks_follow_a_merged_contact_and_outlive_a_deleted_one():
    s, uid = user()
    keep, gone, deleted = (contact(s, crmtest.unique(n)) for n in ("Keep", "Gone", "Deleted"))
    moved = new_task(s, crmtest.unique("moved"), entity="contact", record="#%d" % gone)
    orphan = new_task(s, crmtest.unique("orphan"), entity="contact", record="#%d" % deleted)
    r = s.post("/contacts/%d/merge" % gone, {"into": str(keep)})
    assert r.status == 303, (r.status, r.text[:500])
    assert row(moved)[4:6] == ["contact", str(keep)], row(moved)
    assert s.post("/contacts/%d/delete" % deleted).status == 303
    assert row(orphan)[4:6] == ["NULL", "NULL"], "the task stays, about nothing"
    assert s.get("/tasks/%d" % orphan).status == 200
    # Choosing "Nothing" on the form unlinks a task.
    edit = s.get("/tasks/%d/edit" % moved).text
    data = {k: field_value(edit, k) for k in ("title", "due_date", "due_time", "record", "record_was", "record_keep")}
    data.update(entity="", due="date", remind="1440", assignee_id=str(uid))
    assert s.post("/tasks/%d/edit" % moved, data).status == 303
    assert row(moved)[4:6] == ["NULL", "NULL"]


@test
def a_record_is_found_by_the_name_typed():
    s, uid = user()
    stem = crmtest.unique("Typed")
    one = contact(s, stem + "one")
    tid = new_task(s, crmtest.unique("byname"), entity="contact", record="%sone Anna" % stem)
    assert row(tid)[5] == str(one)
    contact(s, stem + "two")
    contact(s, stem + "twofold")
    # Several match: the form comes back with a select of them, what was typed kept.
    r = new_task(s, "several", expect=422, entity="contact", record=stem + "two")
    assert field_error(r.text, "record") == t("tasks.record_several")
    assert field_value(r.text, "record") == stem + "two"
    options = re.findall(r'<option value="(\d+)"', r.text[r.text.index('name="record_id"'):])
    assert len(options) >= 2
    r = s.post("/tasks/new", form("picked", entity="contact", record=stem + "two", record_id=options[0]))
    assert r.status == 303 and row(int(sql("SELECT MAX(id) FROM task WHERE title = 'picked'")[0][0]))[5] == options[0]


@test
def my_tasks_has_tabs_filters_and_keyset_paging_at_a_fixed_cost():
    s, uid = user(tz="UTC")
    now = datetime.datetime.utcnow()
    stem = crmtest.unique("tab")

    def at(delta, **kw):
        when = now + delta
        return new_task(s, "%s %s" % (stem, kw.pop("name")), due_date=when.strftime("%d/%m/%Y"),
                        due_time=when.strftime("%H:%M"), **kw)
    overdue = at(datetime.timedelta(days=-1), name="overdue")
    upcoming = at(datetime.timedelta(days=3), name="upcoming", category_id="2")
    closed = at(datetime.timedelta(days=2), name="closed")
    s.post("/tasks/%d/toggle" % closed, {"done": "1"})
    assert list_ids(s, "/tasks?tab=overdue")[0] == [overdue]
    assert list_ids(s, "/tasks?tab=upcoming")[0] == [upcoming]
    assert list_ids(s, "/tasks?tab=closed")[0] == [closed]
    assert list_ids(s, "/tasks?tab=upcoming&category=1")[0] == []
    assert list_ids(s, "/tasks?tab=upcoming&category=2")[0] == [upcoming]
    assert list_ids(s, "/tasks?tab=upcoming&entity=none")[0] == [upcoming]
    assert list_ids(s, "/tasks?tab=upcoming&entity=contact")[0] == []
    page = s.get("/tasks").text
    assert 'data-tab="overdue"' in page and re.search(r'tab-overdue"[^>]*>[^<]*<span class="tab-count has-items">1<', page)
    assert s.get("/tasks?tab=nosuch").status == 400 and s.get("/tasks?category=abc").status == 400
    # Another user's list is theirs: filter by assignee.
    other, other_id = user()
    assert list_ids(other, "/tasks?tab=upcoming")[0] == []
    assert list_ids(other, "/tasks?tab=upcoming&assignee=%d" % uid)[0] == [], "private tasks stay private"
    # Keyset paging over 55 upcoming tasks, in due order; a page costs the same whatever it holds.
    base = now + datetime.timedelta(days=10)
    values = ", ".join("('%s p%02d', '%s', %d, %d, 'private', UTC_TIMESTAMP(), UTC_TIMESTAMP())"
                       % (stem, i, (base + datetime.timedelta(hours=i)).strftime("%Y-%m-%d %H:%M:00"), uid, uid)
                       for i in range(55))
    sql("INSERT INTO task (title, due_at, assignee_id, owner_id, visibility, created_at, updated_at) VALUES " + values)
    want = [int(x[0]) for x in sql("SELECT id FROM task WHERE assignee_id = %d AND done = 0 AND due_at > UTC_TIMESTAMP() "
                                   "+ INTERVAL 1 DAY ORDER BY due_at, id" % uid)]
    ids, nxt, prv, _ = list_ids(s, "/tasks?tab=upcoming")
    assert len(ids) == 50 and nxt and not prv
    ids2, nxt2, prv2, _ = list_ids(s, nxt)
    assert ids + ids2 == want and not nxt2 and prv2
    assert list_ids(s, prv2)[0] == ids

    small, big = page_cost(s, uid, "/tasks?tab=overdue"), page_cost(s, uid, "/tasks?tab=upcoming")
    assert small == big and big <= 16, (small, big)


@test
def the_menu_counts_tasks_due_by_the_end_of_today():
    s, uid = user(tz="UTC")
    page = s.get("/tasks").text
    assert 'href="/tasks"' in page and "menu-count" not in page
    now = datetime.datetime.utcnow()
    new_task(s, crmtest.unique("late"), due_date=(now - datetime.timedelta(days=2)).strftime("%d/%m/%Y"))
    if now.hour < 23:
        new_task(s, crmtest.unique("tonight"), due="today", due_time="23:59")
    new_task(s, crmtest.unique("later"), due="week")
    want = 2 if now.hour < 23 else 1
    page = s.get("/contacts").text
    assert re.search(r'href="/tasks">[^<]*<span class="menu-count">%d</span>' % want, page), \
        re.findall(r'<a href="/tasks".*?</a>', page)


@test
def the_assignee_is_notified_when_notify_is_ticked():
    s, uid = user()
    other, other_id = user()
    count = lambda: int(sql("SELECT COUNT(*) FROM crm_notification WHERE user_id = %d AND msg_key = 'tasks.notify_assigned'" % other_id)[0][0])
    quiet = new_task(s, crmtest.unique("quiet"), assignee_id=str(other_id))
    assert count() == 0
    loud = new_task(s, crmtest.unique("loud"), assignee_id=str(other_id), notify="1")
    assert count() == 1
    assert sql("SELECT url FROM crm_notification WHERE user_id = %d ORDER BY id DESC LIMIT 1" % other_id) == [["/tasks/%d" % loud]]
    # The assignee sees it in their own list; the author's own tasks need no notice.
    assert loud in list_ids(other, "/tasks?tab=upcoming")[0] and quiet in list_ids(other, "/tasks?tab=upcoming")[0]
    new_task(s, crmtest.unique("mine"), notify="1")
    assert int(sql("SELECT COUNT(*) FROM crm_notification WHERE user_id = %d" % uid)[0][0]) == 0


@test
def bulk_creation_makes_one_task_per_contact_all_or_nothing():
    a, a_id = user("bka")
    b, b_id = user("bkb")
    mine = [contact(a, crmtest.unique("Bulk")) for _ in range(3)]
    theirs = contact(b, crmtest.unique("NotYours"))
    page = a.get("/contacts").text
    assert 'formaction="/tasks/bulk"' in page, "the contacts list offers the action"
    first = a.post("/tasks/bulk", [("id", str(c)) for c in mine] + [("back", "/contacts")])
    assert first.status == 200 and first.text.count('name="id"') == 3
    for c in mine:
        assert 'data-id="%d"' % c in first.text
    title = crmtest.unique("Bulk call")
    fields = [(k, v) for k, v in form(title).items() if k not in ("entity", "record")]
    count = lambda: int(sql("SELECT COUNT(*) FROM task WHERE title = '%s'" % title)[0][0])
    # One contact out of reach: nothing at all.
    r = a.post("/tasks/bulk", [("id", str(c)) for c in mine + [theirs]] + [("step", "save"), ("back", "/contacts")] + fields)
    assert r.status == 422 and t("tasks.bulk_unreachable") in r.text and count() == 0
    r = a.post("/tasks/bulk", [("id", str(c)) for c in mine] + [("id", "999999999"), ("step", "save")] + fields)
    assert r.status == 422 and count() == 0
    # A form error comes back with the contacts kept.
    r = a.post("/tasks/bulk", [("id", str(c)) for c in mine] + [("step", "save"), ("title", ""), ("due", "today"),
                                                                ("due_time", "10:00"), ("remind", "1440")])
    assert r.status == 422 and r.text.count('name="id"') == 3 and count() == 0
    # All reachable: one task each, in one go, with history on each contact.
    r = a.post("/tasks/bulk", [("id", str(c)) for c in mine] + [("step", "save"), ("back", "/contacts")] + fields)
    assert r.status == 303 and r.header("Location") == "/contacts", (r.status, r.text[:800])
    got = sorted(int(x[0]) for x in sql("SELECT record_id FROM task WHERE title = '%s' AND entity = 'contact'" % title))
    assert got == sorted(mine)
    for c in mine:
        assert sql("SELECT COUNT(*) FROM crm_history WHERE entity = 'contact' AND record_id = %d AND text = 'Task: %s'"
                   % (c, title)) == [["1"]]
    assert a.post("/tasks/bulk", [("step", "save")] + fields).status == 422
    assert a.post("/tasks/bulk", [("id", str(c)) for c in mine], csrf=False).status == 403


@test
def categories_are_edited_by_admins():
    admin, _ = user("tcat", role="admin")
    plain, _ = user()
    assert plain.get("/tasks/settings").status == 403
    name = crmtest.unique("Demo day ")
    r = admin.post("/tasks/settings", {"name": name})
    assert r.status == 303
    cid = int(sql("SELECT id FROM task_category WHERE name = '%s'" % name)[0][0])
    assert name in plain.get("/tasks/new").text, "the form offers the new category"
    assert admin.post("/tasks/settings", {"name": name}).status == 422, "names are unique"
    assert admin.post("/tasks/settings/%d/rename" % cid, {"name": name + "!"}).status == 303
    tid = new_task(plain, crmtest.unique("cat"), category_id=str(cid))
    assert admin.get("/tasks/settings/%d/delete" % cid).status == 200
    assert admin.post("/tasks/settings/%d/delete" % cid).status == 303
    assert row(tid, "category_id") == ["NULL"], "its tasks keep no category"
    assert admin.post("/tasks/settings/%d/delete" % cid).status == 404


@test
def the_calendar_shows_a_month_and_a_week_in_the_users_zone():
    tz = "Asia/Vladivostok"
    s, uid = user(tz=tz)
    day = datetime.date.today() + datetime.timedelta(days=45)
    title = crmtest.unique("Calendar item")
    # 23:30 in Vladivostok is still the day before in UTC: the calendar shows the local day.
    tid = new_task(s, title, due_date=day.isoformat(), due_time="23:30")
    month = s.get("/calendar?view=month&date=%s" % day.isoformat())
    assert month.status == 200
    cell = re.search(r'<section data-date="%s"[^>]*>(.*?)</section>' % day.isoformat(), month.text, re.S)
    assert cell and title in cell.group(1) and "23:30" in cell.group(1), "the task sits on its local day"
    assert 'rel="prev"' in month.text and 'rel="next"' in month.text
    first = day.replace(day=1)
    assert 'data-date="%s"' % first.isoformat() in month.text
    week = s.get("/calendar?view=week&date=%s" % day.isoformat())
    assert week.status == 200 and len(re.findall(r'<section data-date=', week.text)) == 7 and title in week.text
    monday = day - datetime.timedelta(days=day.weekday())
    assert re.search(r'<section data-date="%s"' % monday.isoformat(), week.text)
    nxt = html.unescape(re.search(r'href="([^"]*)" rel="next"', week.text).group(1))
    assert nxt == "/calendar?view=week&date=%s" % (monday + datetime.timedelta(days=7)).isoformat()
    assert s.get("/calendar?date=2025-02-30").status == 400
    assert s.get("/calendar?view=week&date=31.12.2025").status == 200
    # Someone else's calendar does not show it.
    other, _ = user(tz=tz)
    assert title not in other.get("/calendar?view=month&date=%s" % day.isoformat()).text


def iso_utc(db_text):
    """A stored UTC time as "export all data" writes it."""
    return db_text.replace(" ", "T") + "Z" if db_text else ""


@test
def export_all_data_holds_the_tasks_the_user_may_read():
    a, a_id = user("tea")
    b, b_id = user("teb")
    a_login, a_name, b_name = (sql("SELECT login, name FROM crm_user WHERE id = %d" % a_id)[0]
                               + sql("SELECT name FROM crm_user WHERE id = %d" % b_id)[0])
    grant(a_login, "core.export")
    call = sql("SELECT id FROM task_category WHERE name = 'tasks.cat.call'")[0][0]
    public = contact(b, crmtest.unique("Open"), visibility="public_read")
    private = contact(b, crmtest.unique("Secret"))
    # a's own task, closed; b's tasks: one assigned to a, one about b's public contact
    # (both readable by a through the tasks' own rules), two a may not read.
    title = crmtest.unique("Позвонить клиенту ")
    description = 'Первая строка, "вторая"\nтретья'
    mine = new_task(a, title, category_id=call, due_date="2031-05-20", due_time="18:00", remind="60",
                    description=description)
    assert a.post("/tasks/%d/toggle" % mine, {"done": "1"}).status == 303
    for_a = new_task(b, crmtest.unique("for a "), assignee_id=str(a_id), remind="never")
    about_public = new_task(b, crmtest.unique("about public "), entity="contact", record="#%d" % public)
    hidden = new_task(b, crmtest.unique("hidden "))
    about_private = new_task(b, crmtest.unique("about private "), entity="contact", record="#%d" % private)

    r = a.get("/admin/export/download")
    assert r.status == 200 and r.header("Content-Type") == "application/zip", r.status
    text = unzip(r.body)["task.csv"]
    assert text.splitlines()[0] == ("id,title,category,entity,record_id,due_at,remind_minutes,assignee,done,"
                                    "closed_at,author,visibility,created_at,updated_at,description"), text[:200]
    rows = {int(x["id"]): x for x in csv.DictReader(io.StringIO(text))}
    assert mine in rows and for_a in rows and about_public in rows, sorted(rows)[-10:]
    assert hidden not in rows and about_private not in rows
    closed, created, updated = sql("SELECT closed_at, created_at, updated_at FROM task WHERE id = %d" % mine)[0]
    # Moscow's 18:00 is 15:00 UTC; times are ISO 8601 UTC; the category as the pages show it.
    assert rows[mine] == {
        "id": str(mine), "title": title, "category": html.unescape(t("tasks.cat.call")), "entity": "",
        "record_id": "", "due_at": "2031-05-20T15:00:00Z", "remind_minutes": "60", "assignee": a_name,
        "done": "1", "closed_at": iso_utc(closed), "author": a_name, "visibility": "private",
        "created_at": iso_utc(created), "updated_at": iso_utc(updated), "description": description,
    }, rows[mine]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", rows[mine]["closed_at"]), rows[mine]
    assert (rows[for_a]["author"], rows[for_a]["assignee"], rows[for_a]["remind_minutes"], rows[for_a]["done"],
            rows[for_a]["closed_at"]) == (b_name, a_name, "", "0", ""), rows[for_a]
    assert (rows[about_public]["entity"], rows[about_public]["record_id"]) == ("contact", str(public))
    # The download is UTF-8 with a BOM, so that spreadsheets read the Russian title.
    raw = zipfile.ZipFile(io.BytesIO(r.body)).read("task.csv")
    assert raw.startswith(b"\xef\xbb\xbf") and title.encode("utf-8") in raw
    # An admin's export has every task.
    admin, _ = user("teadm", role="admin")
    every = {int(x["id"]) for x in csv.DictReader(io.StringIO(unzip(admin.get("/admin/export/download").body)["task.csv"]))}
    assert {mine, for_a, about_public, hidden, about_private} <= every


if __name__ == "__main__":
    crmtest.main()
