"""The events plugin through nginx and MariaDB: creating, editing, closing from the list,
reopening and deleting an event; the form's per-field errors; dates in the user's time
zone; participants added and removed (picked from the contacts); planned history items;
restricted events invisible to everyone else everywhere, and their readers notified;
the calendar's items (asked through the test plugin calprobe), the contacts' merges
and deletions, and event.csv in "export all data".

Each test makes its own users (unique logins, English pages) and its own records."""
import csv
import html
import io
import re
import urllib.parse
import zipfile

import crmtest
from crmtest import Session, page_cost, request_cost, sql, t, test
from import_helpers import grant, unzip

PASSWORD = "events pass 1"


def user(prefix="ev", role="user", tz=None):
    """A fresh signed-in user (English pages): (session, id)."""
    login = crmtest.unique(prefix)
    uid = crmtest.user_add(login, PASSWORD, role=role, name="Test %s" % login)
    sql("UPDATE crm_user SET locale = 'en'%s WHERE id = %d" % (", timezone = '%s'" % tz if tz else "", uid))
    s = Session()
    s.login(login, PASSWORD, next="/events")
    return s, uid


def event(s, name, starts="2031-05-20T10:00", expect=303, _pairs=None, **fields):
    """Create an event through the form (the fields given, or exactly the pairs given);
    its id (or the response when not 303)."""
    if _pairs is None:
        data = {"name": name, "starts": starts, "then": "card"}
        data.update(fields)
        _pairs = list(data.items())
    r = s.post("/events/new", _pairs)
    if expect != 303:
        assert r.status == expect, (r.status, r.text[:800])
        return r
    assert r.status == 303, (r.status, r.text[:1500])
    m = re.fullmatch(r"/events/(\d+)", r.header("Location") or "")
    assert m, r.header("Location")
    return int(m.group(1))


def person(s, first, last, **fields):
    """A contact through the contacts plugin's form; its id."""
    data = {"kind": "person", "first_name": first, "last_name": last, "then": "card", "dup_ok": "1"}
    data.update(fields)
    r = s.post("/contacts/new", data)
    assert r.status == 303, (r.status, r.text[:800])
    return int(re.fullmatch(r"/contacts/(\d+)", r.header("Location")).group(1))


def list_ids(s, path="/events"):
    r = s.get(path)
    assert r.status == 200, (path, r.status, r.text[:300])
    return [int(x) for x in re.findall(r'<tr class="event[^"]*" data-id="(\d+)"', r.text)]


def field_value(text, name):
    m = re.search(r'<(?:input|textarea)\b[^>]*\bname="%s"[^>]*>' % re.escape(name), text)
    if not m:
        return None
    if m.group(0).startswith("<textarea"):
        body = text[m.end():text.index("</textarea>", m.end())]
        return html.unescape(body)
    v = re.search(r'\bvalue="([^"]*)"', m.group(0))
    return html.unescape(v.group(1)) if v else ""


def field_error(text, name):
    """The message shown under a field, or None."""
    for m in re.finditer(r'id="([^"]*)-error">([^<]*)<', text):
        if m.group(1).endswith("-" + name):
            return m.group(2)
    return None


def calendar(s, frm, to):
    """(kind, id, start, end, title) of the items the calendar would show."""
    r = s.get("/calprobe/items?from=%s&to=%s" % (frm.replace(" ", "%20"), to.replace(" ", "%20")))
    assert r.status == 200, (r.status, r.text[:300])
    return [tuple(line.split("|")[:5]) for line in r.text.splitlines() if line]


@test
def an_event_is_created_edited_closed_reopened_and_deleted():
    s, uid = user()
    name = crmtest.unique("Seminar ")
    tag = crmtest.unique("evtag")
    eid = event(s, name, starts="2031-05-20T10:00", ends="2031-05-20T18:30", description="Hall B", tags=tag)
    row = sql("SELECT name, description, owner_id, visibility, closed FROM event_item WHERE id = %d" % eid)
    assert row == [[name, "Hall B", str(uid), "public_read", "0"]], row
    card = s.get("/events/%d" % eid)
    assert card.status == 200 and name in card.text and "Hall B" in card.text
    assert 'data-tag="%s"' % tag in card.text, "the tag shows on the card"
    assert 'id="history"' in card.text and 'id="files"' in card.text and 'id="plans"' in card.text
    assert 'id="participants"' in card.text
    # The list shows it among the open ones; the tag filter finds it (and keeps other
    # tests' events, which may start earlier, off the page).
    mine = "/events?tag=%s" % tag
    assert list_ids(s, mine) == [eid]
    assert eid in list_ids(s, "/events?q=%s" % name[:12].replace(" ", "+"))
    # Edit: the form shows what is stored; a save changes it and writes history.
    edit = s.get("/events/%d/edit" % eid)
    assert edit.status == 200 and field_value(edit.text, "name") == name
    assert field_value(edit.text, "starts") == "2031-05-20T10:00"
    r = s.post("/events/%d/edit" % eid, {"name": name + " II", "starts": "2031-05-21T10:00", "ends": "",
                                         "visibility": "public_write", "tags": tag})
    assert r.status == 303 and r.header("Location") == "/events/%d" % eid, (r.status, r.text[:800])
    assert sql("SELECT name, ends_at IS NULL, visibility FROM event_item WHERE id = %d" % eid) == \
        [[name + " II", "1", "public_write"]]
    assert int(sql("SELECT COUNT(*) FROM crm_history WHERE entity = 'event' AND record_id = %d" % eid)[0][0]) >= 2
    # Close with the tick in the list: it leaves the open list and shows under "closed".
    r = s.post("/events/%d/close" % eid, {"back": "/events?sort=name"})
    assert r.status == 303 and r.header("Location") == "/events?sort=name", (r.status, r.header("Location"))
    assert sql("SELECT closed, closed_at IS NOT NULL FROM event_item WHERE id = %d" % eid) == [["1", "1"]]
    assert eid not in list_ids(s, mine)
    assert eid in list_ids(s, mine + "&status=closed")
    assert eid in list_ids(s, mine + "&status=all")
    # A foreign "back" is not followed.
    r = s.post("/events/%d/reopen" % eid, {"back": "https://evil.example/"})
    assert r.status == 303 and r.header("Location") == "/events/%d" % eid, r.header("Location")
    assert eid in list_ids(s, mine)
    # Delete: a confirmation first, then it is gone and its card answers 404.
    confirm = s.get("/events/%d/delete" % eid)
    assert confirm.status == 200 and 'action="/events/%d/delete"' % eid in confirm.text
    assert sql("SELECT COUNT(*) FROM event_item WHERE id = %d" % eid) == [["1"]]
    r = s.post("/events/%d/delete" % eid)
    assert r.status == 303 and r.header("Location") == "/events"
    assert sql("SELECT COUNT(*) FROM event_item WHERE id = %d" % eid) == [["0"]]
    assert sql("SELECT COUNT(*) FROM crm_history WHERE entity = 'event' AND record_id = %d" % eid) == [["0"]]
    assert s.get("/events/%d" % eid).status == 404


@test
def closing_and_deleting_need_the_csrf_token():
    s, _ = user()
    eid = event(s, crmtest.unique("Csrf "))
    assert s.post("/events/%d/close" % eid, {}, csrf=False).status == 403
    assert s.post("/events/%d/delete" % eid, {}, csrf=False).status == 403
    assert sql("SELECT closed FROM event_item WHERE id = %d" % eid) == [["0"]]


@test
def the_form_refuses_bad_input_per_field_and_keeps_what_was_typed():
    s, _ = user()
    name = crmtest.unique("Typed ")
    before = sql("SELECT COUNT(*) FROM event_item")[0][0]
    r = event(s, name, starts="2031-06-10T18:00", ends="2031-06-10T09:00", description="kept text", expect=422)
    assert field_error(r.text, "ends") == t("events.end_before_start"), r.text[:3000]
    assert field_value(r.text, "name") == name
    assert field_value(r.text, "starts") == "2031-06-10T18:00"
    assert field_value(r.text, "ends") == "2031-06-10T09:00"
    assert field_value(r.text, "description") == "kept text"
    r = event(s, "", starts="31.02.2031 10:00", expect=422)
    assert field_error(r.text, "name") == t("events.name_required")
    assert field_error(r.text, "starts") == t("events.date_invalid")
    assert field_value(r.text, "starts") == "31.02.2031 10:00"
    r = event(s, "x" * 201, starts="", visibility="everyone", expect=422)
    assert field_error(r.text, "name") == t("events.name_invalid")
    assert field_error(r.text, "starts") == t("events.start_required")
    assert field_error(r.text, "visibility") == t("events.visibility_invalid")
    r = event(s, name, starts="2031-01-01T10:00", ends="2032-06-01T10:00", expect=422)
    assert field_error(r.text, "ends") == t("events.span_too_long")
    # Invalid UTF-8 in the name is refused, not stored.
    r = s.request("POST", "/events/new", [("name", "ok"), ("starts", "2031-01-01T10:00")])
    assert r.status == 303
    body = b"name=%FF%FE&starts=2031-01-01T10%3A00&csrf=" + s.csrf.encode()
    raw = crmtest.http("POST", "/events/new", body=body, headers={
        "Cookie": "; ".join("%s=%s" % kv for kv in s.cookies.items()),
        "Content-Type": "application/x-www-form-urlencoded"})
    assert raw.status in (400, 422), raw.status
    assert int(sql("SELECT COUNT(*) FROM event_item")[0][0]) == int(before) + 1


@test
def dates_are_typed_and_shown_in_the_users_time_zone():
    s, _ = user(tz="Asia/Vladivostok")
    eid = event(s, crmtest.unique("Zone "), starts="20.05.2031 18:00", ends="2031-05-20 20:30")
    # Vladivostok is UTC+10 all year.
    assert sql("SELECT starts_at, ends_at FROM event_item WHERE id = %d" % eid) == \
        [["2031-05-20 08:00:00", "2031-05-20 10:30:00"]]
    card = s.get("/events/%d" % eid)
    assert "2031-05-20 18:00" in card.text and "Asia/Vladivostok" in card.text
    # Someone in Moscow (UTC+3) sees the same moment on their clock.
    m, _ = user(tz="Europe/Moscow")
    assert "2031-05-20 11:00" in m.get("/events/%d" % eid).text
    # A zone with summer time: Berlin is UTC+2 in July, UTC+1 in January.
    b, _ = user(tz="Europe/Berlin")
    e2 = event(b, crmtest.unique("Summer "), starts="2031-07-01T12:00", ends="2031-07-01T13:00")
    e3 = event(b, crmtest.unique("Winter "), starts="2031-01-15T12:00")
    assert sql("SELECT starts_at FROM event_item WHERE id IN (%d, %d) ORDER BY id" % (e2, e3)) == \
        [["2031-07-01 10:00:00"], ["2031-01-15 11:00:00"]]


@test
def participants_are_picked_from_contacts_added_and_removed():
    s, _ = user()
    last = crmtest.unique("Partic")
    anna = person(s, "Anna", last, email_0="anna.%s@example.com" % last.lower())
    boris = person(s, "Boris", last)
    # Typed in the form: an email finds one contact exactly.
    eid = event(s, crmtest.unique("Meetup "), participant_0="anna.%s@example.com" % last.lower())
    assert sql("SELECT contact_id FROM event_participant WHERE event_id = %d" % eid) == [[str(anna)]]
    card = s.get("/events/%d" % eid)
    assert 'class="participant" data-id="%d"' % anna in card.text
    # Added on the card: a name matching two contacts asks which one, keeping what was typed.
    r = s.post("/events/%d/participants" % eid, {"contact": last})
    assert r.status == 422, (r.status, r.text[:500])
    assert 'name="contact_id"' in r.text and 'value="%d"' % boris in r.text
    assert field_value(r.text, "contact") == last
    r = s.post("/events/%d/participants" % eid, {"contact": last, "contact_id": str(boris)})
    assert r.status == 303, (r.status, r.text[:500])
    assert sql("SELECT contact_id FROM event_participant WHERE event_id = %d ORDER BY contact_id" % eid) == \
        [[str(anna)], [str(boris)]]
    # Nobody by that name: a message under the field, nothing added.
    r = s.post("/events/%d/participants" % eid, {"contact": crmtest.unique("Nobody")})
    assert r.status == 422 and t("events.contact_not_found") in r.text
    # The contact's card lists the event; the contact's history says so.
    ccard = s.get("/contacts/%d" % boris)
    assert 'data-panel="events.contact"' in ccard.text and '/events/%d"' % eid in ccard.text
    # Removed from the card.
    r = s.post("/events/%d/participants/%d/remove" % (eid, anna))
    assert r.status == 303
    assert sql("SELECT contact_id FROM event_participant WHERE event_id = %d" % eid) == [[str(boris)]]
    # Unticked in the edit form: removed too.
    edit = s.get("/events/%d/edit" % eid)
    assert 'name="participant" value="%d"' % boris in edit.text
    r = s.post("/events/%d/edit" % eid, {"name": "Meetup", "starts": "2031-05-20T10:00"})
    assert r.status == 303, (r.status, r.text[:800])
    assert sql("SELECT COUNT(*) FROM event_participant WHERE event_id = %d" % eid) == [["0"]]


@test
def participants_follow_contacts_deleted_and_merged():
    s, _ = user()
    last = crmtest.unique("Merge")
    a = person(s, "Ann", last)
    b = person(s, "Bob", last)
    c = person(s, "Cid", last)
    eid = event(s, crmtest.unique("Follow "), _pairs=[("name", "Follow"), ("starts", "2031-01-01T10:00"),
                                                      ("participant_0", "#%d" % a), ("participant_1", "#%d" % b),
                                                      ("participant_2", "#%d" % c)])
    assert int(sql("SELECT COUNT(*) FROM event_participant WHERE event_id = %d" % eid)[0][0]) == 3
    # Merging a into b leaves b once; deleting c removes it.
    r = s.post("/contacts/%d/merge" % a, {"into": str(b)})
    assert r.status == 303, (r.status, r.text[:500])
    r = s.post("/contacts/%d/delete" % c)
    assert r.status == 303, (r.status, r.text[:500])
    assert sql("SELECT contact_id FROM event_participant WHERE event_id = %d" % eid) == [[str(b)]]


@test
def restricted_events_are_invisible_to_others_everywhere_and_readers_are_notified():
    owner, oid = user()
    reader, rid = user()
    other, _ = user()
    last = crmtest.unique("Secret")
    cid = person(owner, "Vera", last, visibility="public_read")
    name = crmtest.unique("Board meeting ")
    eid = event(owner, name, starts="2031-09-10T10:00", ends="2031-09-10T12:00", visibility="restricted",
                _pairs=[("name", name), ("starts", "2031-09-10T10:00"), ("ends", "2031-09-10T12:00"),
                        ("visibility", "restricted"), ("reader", str(rid)), ("participant_0", "#%d" % cid)])
    # The reader is told, with the event's name and link; the author is not.
    notes = sql("SELECT user_id, msg_key, text, url FROM crm_notification WHERE url = '/events/%d'" % eid)
    assert notes == [[str(rid), "events.notify_reader", name, "/events/%d" % eid]], notes
    # The reader sees it everywhere and may edit it.
    assert eid in list_ids(reader, "/events?q=" + urllib.parse.quote(name))
    assert reader.get("/events/%d" % eid).status == 200
    edit = reader.get("/events/%d/edit" % eid)
    assert edit.status == 200
    assert re.search(r'name="reader" value="%d"[^>]*checked' % rid, edit.text), "the reader sees themself ticked"
    # A reader saving the form as shown keeps their access.
    r = reader.post("/events/%d/edit" % eid, [("name", name), ("starts", "2031-09-10T10:00"),
                                              ("ends", "2031-09-10T12:00"), ("visibility", "restricted"),
                                              ("reader", str(rid)), ("participant", str(cid))])
    assert r.status == 303, (r.status, r.text[:500])
    assert reader.get("/events/%d" % eid).status == 200
    assert sql("SELECT COUNT(*) FROM crm_notification WHERE url = '/events/%d'" % eid) == [["1"]], "told once"
    rng = ("2031-09-01 00:00:00", "2031-10-01 00:00:00")
    assert ("event", str(eid)) in [x[:2] for x in calendar(reader, *rng)]
    assert '/events/%d"' % eid in reader.get("/contacts/%d" % cid).text
    # Anyone else: nowhere, and 404 on every URL.
    assert eid not in list_ids(other) and eid not in list_ids(other, "/events?status=all&q=Board")
    for path in ("/events/%d", "/events/%d/edit", "/events/%d/delete"):
        assert other.get(path % eid).status == 404, path
    for path in ("/events/%d/close", "/events/%d/delete", "/events/%d/participants", "/events/%d/plan"):
        assert other.post(path % eid, {"contact": "x"}).status == 404, path
    assert ("event", str(eid)) not in [x[:2] for x in calendar(other, *rng)]
    ccard = other.get("/contacts/%d" % cid)
    assert ccard.status == 200 and '/events/%d"' % eid not in ccard.text and name not in ccard.text
    assert other.get("/files/0").status == 404
    assert sql("SELECT closed FROM event_item WHERE id = %d" % eid) == [["0"]]
    # Dropping the reader from the list shuts them out again.
    r = owner.post("/events/%d/edit" % eid, [("name", name), ("starts", "2031-09-10T10:00"),
                                             ("visibility", "restricted"), ("participant", str(cid))])
    assert r.status == 303, (r.status, r.text[:500])
    assert reader.get("/events/%d" % eid).status == 404
    assert eid not in list_ids(reader)


@test
def private_events_and_admins():
    owner, _ = user()
    other, _ = user()
    admin, _ = user(role="admin")
    eid = event(owner, crmtest.unique("Private "), visibility="private")
    assert other.get("/events/%d" % eid).status == 404 and eid not in list_ids(other)
    assert admin.get("/events/%d" % eid).status == 200
    pub = event(owner, crmtest.unique("Public "), visibility="public_read")
    assert other.get("/events/%d" % pub).status == 200
    # Readable is not writable: the public_read event cannot be edited or closed by others.
    assert other.get("/events/%d/edit" % pub).status == 404
    assert other.post("/events/%d/close" % pub, {}).status == 404


@test
def the_calendar_gets_the_events_of_its_range():
    s, _ = user()
    inside = event(s, crmtest.unique("Inside "), starts="2032-03-10T10:00", ends="2032-03-10T11:00")
    spans = event(s, crmtest.unique("Spans "), starts="2032-02-25T10:00", ends="2032-03-02T11:00")
    outside = event(s, crmtest.unique("Outside "), starts="2032-04-10T10:00")
    items = calendar(s, "2032-03-01 00:00:00", "2032-04-01 00:00:00")
    ids = [int(x[1]) for x in items if x[0] == "event"]
    assert inside in ids and spans in ids and outside not in ids, items
    mine = [x for x in items if x[1] == str(inside)][0]
    # Moscow by default: 10:00 there is 07:00 UTC.
    assert mine[2:4] == ("2032-03-10 07:00:00", "2032-03-10 08:00:00"), mine
    assert calendar(s, "garbage", "2032-04-01 00:00:00") == []


@test
def planned_items_are_added_done_and_removed():
    s, _ = user()
    eid = event(s, crmtest.unique("Plans "))
    meeting = sql("SELECT id FROM crm_history_category WHERE code = 'meeting'")[0][0]
    r = s.post("/events/%d/plan" % eid, {"category": meeting, "at": "2031-05-19T15:00", "text": "Rehearsal"})
    assert r.status == 303, (r.status, r.text[:500])
    card = s.get("/events/%d" % eid)
    assert "Rehearsal" in card.text and "2031-05-19 15:00" in card.text
    pid = int(sql("SELECT id FROM event_plan WHERE event_id = %d" % eid)[0][0])
    # A bad date comes back with the typed text kept.
    r = s.post("/events/%d/plan" % eid, {"category": meeting, "at": "soon", "text": "Catering"})
    assert r.status == 422 and field_value(r.text, "text") == "Catering"
    assert sql("SELECT COUNT(*) FROM event_plan WHERE event_id = %d" % eid) == [["1"]]
    # Done: it moves into the history under its category, once.
    r = s.post("/events/%d/plan/%d/done" % (eid, pid))
    assert r.status == 303
    s.post("/events/%d/plan/%d/done" % (eid, pid))
    assert sql("SELECT COUNT(*) FROM event_plan WHERE event_id = %d" % eid) == [["0"]]
    assert sql("SELECT h.category_id FROM crm_history h WHERE h.entity = 'event' AND h.record_id = %d "
               "AND h.text = 'Rehearsal'" % eid) == [[meeting]]
    s.post("/events/%d/plan" % eid, {"category": meeting, "at": "2031-05-19T16:00", "text": "Drop me"})
    pid = int(sql("SELECT id FROM event_plan WHERE event_id = %d" % eid)[0][0])
    assert s.post("/events/%d/plan/%d/delete" % (eid, pid)).status == 303
    assert sql("SELECT COUNT(*) FROM event_plan WHERE event_id = %d" % eid) == [["0"]]


@test
def the_list_pages_by_keyset_in_start_and_name_order():
    s, uid = user()
    tag = crmtest.unique("page")
    # 55 events of one tag, made straight in the database (the form is tested above).
    sql("INSERT INTO event_item (name, starts_at, owner_id, visibility) SELECT CONCAT('Paged ', seq), "
        "'2033-01-01 00:00:00' + INTERVAL seq HOUR, %d, 'private' FROM seq_1_to_55" % uid)
    ids = [r[0] for r in sql("SELECT id FROM event_item WHERE owner_id = %d ORDER BY starts_at, id" % uid)]
    sql("INSERT IGNORE INTO crm_tag (name) VALUES ('%s')" % tag)
    sql("INSERT INTO crm_record_tag (entity, record_id, tag_id) SELECT 'event', id, "
        "(SELECT id FROM crm_tag WHERE name = '%s') FROM event_item WHERE owner_id = %d" % (tag, uid))
    r = s.get("/events?tag=%s" % tag)
    first = [int(x) for x in re.findall(r'<tr class="event[^"]*" data-id="(\d+)"', r.text)]
    assert first == [int(x) for x in ids[:50]], (first[:5], ids[:5])
    nxt = html.unescape(re.search(r'href="([^"]*)" rel="next"', r.text).group(1))
    second = list_ids(s, nxt)
    assert second == [int(x) for x in ids[50:]], second
    prv = html.unescape(re.search(r'href="([^"]*)" rel="prev"', s.get(nxt).text).group(1))
    assert list_ids(s, prv) == first
    by_name = list_ids(s, "/events?tag=%s&sort=name" % tag)
    expected = [int(row[0]) for row in sql("SELECT id FROM event_item WHERE owner_id = %d ORDER BY name, id LIMIT 3" % uid)]
    assert by_name[:3] == expected, (by_name[:3], expected)


@test
def a_list_page_costs_the_same_for_3_rows_and_for_50():
    s, uid = user()
    few, many = crmtest.unique("Few"), crmtest.unique("Many")
    for stem, n in ((few, 3), (many, 60)):
        sql("INSERT INTO event_item (name, starts_at, owner_id, visibility) SELECT CONCAT('%s ', seq), "
            "'2034-01-01 00:00:00' + INTERVAL seq HOUR, %d, 'public_read' FROM seq_1_to_%d" % (stem, uid, n))
        sql("INSERT INTO event_participant (event_id, contact_id) SELECT id, 1 FROM event_item WHERE name LIKE '%s %%'"
            % stem)
    a = page_cost(s, uid, "/events?q=" + few)
    b = page_cost(s, uid, "/events?q=" + many)
    assert a == b and a <= 10, (a, b)


@test
def unknown_ids_and_oversized_input_are_clear_errors():
    s, _ = user()
    assert s.get("/events/999999999").status == 404
    assert s.get("/events/abc").status == 404
    assert s.post("/events/999999999/close", {}).status == 404
    assert s.get("/events?q=" + "x" * 300).status == 400
    eid = event(s, crmtest.unique("Edge "))
    assert s.post("/events/%d/participants/999999999/remove" % eid).status == 404
    assert s.post("/events/%d/plan/999999999/done" % eid).status == 404
    r = s.post("/events/%d/plan" % eid, {"category": "999999", "at": "2031-01-01T10:00", "text": "x"})
    assert r.status == 422 and t("events.plan_category_invalid") in r.text


def export_cost(s, uid):
    """Prepared statements one "export all data" runs, and the download."""
    cost, r = request_cost(s, uid, "/admin/export/download")
    assert r.header("Content-Type") == "application/zip", r.header("Content-Type")
    return cost, r


@test
def export_all_data_holds_the_events_the_user_may_read():
    a, a_id = user(tz="Europe/Moscow")
    b, _ = user()
    a_login, a_name = sql("SELECT login, name FROM crm_user WHERE id = %d" % a_id)[0]
    grant(a_login, "core.export")
    last = crmtest.unique("Экспорт")
    anna, boris = person(a, "Анна", last), person(a, "Boris", last)
    shown_contact = person(b, "Vera", last, visibility="public_read")
    secret_contact = person(b, "Secret", last, visibility="private")
    name = crmtest.unique("Семинар ")
    description = 'Зал Б, "второй этаж"\nвход со двора'
    mine = event(a, name, _pairs=[("name", name), ("starts", "2031-05-20T18:00"), ("ends", "2031-05-20T20:30"),
                                  ("visibility", "private"), ("description", description), ("tags", last),
                                  ("participant_0", "#%d" % anna), ("participant_1", "#%d" % boris)])
    # b's public event names only the participant a may read (it starts late, leaving the
    # first page of everyone's list to the other tests); b's private one is absent.
    public = event(b, "Public", _pairs=[
        ("name", "Public"), ("starts", "2039-06-01T10:00"), ("visibility", "public_read"),
        ("participant_0", "#%d" % secret_contact), ("participant_1", "#%d" % shown_contact)])
    hidden = event(b, crmtest.unique("Hidden "), visibility="private")

    cost, r = export_cost(a, a_id)
    text = unzip(r.body)["event.csv"]
    assert text.splitlines()[0] == ("id,name,starts_at,ends_at,closed,closed_at,owner,visibility,participants,"
                                    "tags,created_at,updated_at,description"), text[:200]
    rows = {int(x["id"]): x for x in csv.DictReader(io.StringIO(text))}
    assert mine in rows and public in rows and hidden not in rows, sorted(rows)[-10:]
    names = dict((int(i), n) for i, n in sql("SELECT id, name FROM contact WHERE id IN (%d, %d, %d)"
                                               % (anna, boris, shown_contact)))
    created, updated = sql("SELECT created_at, updated_at FROM event_item WHERE id = %d" % mine)[0]
    # Moscow's 18:00 is 15:00 UTC; times are ISO 8601 UTC.
    assert rows[mine] == {
        "id": str(mine), "name": name, "starts_at": "2031-05-20T15:00:00Z", "ends_at": "2031-05-20T17:30:00Z",
        "closed": "0", "closed_at": "", "owner": a_name, "visibility": "private",
        "participants": "%s; %s" % (names[anna], names[boris]), "tags": last,
        "created_at": created.replace(" ", "T") + "Z", "updated_at": updated.replace(" ", "T") + "Z",
        "description": description,
    }, rows[mine]
    assert rows[public]["participants"] == names[shown_contact], rows[public]
    assert rows[public]["ends_at"] == "", rows[public]
    raw = zipfile.ZipFile(io.BytesIO(r.body)).read("event.csv")
    assert raw.startswith(b"\xef\xbb\xbf") and name.encode("utf-8") in raw

    # The participants' names are asked for a page, not per event: thirty more events
    # with participants cost the export no statement more.
    sql("INSERT INTO event_item (name, starts_at, owner_id, visibility) SELECT CONCAT('%s ', seq), "
        "'2034-01-01 00:00:00' + INTERVAL seq HOUR, %d, 'private' FROM seq_1_to_30" % (last, a_id))
    sql("INSERT INTO event_participant (event_id, contact_id) SELECT e.id, c.id FROM event_item e "
        "JOIN contact c ON c.id IN (%d, %d) WHERE e.name LIKE '%s %%'" % (anna, boris, last))
    more, r = export_cost(a, a_id)
    rows = list(csv.DictReader(io.StringIO(unzip(r.body)["event.csv"])))
    ours = [x for x in rows if x["name"].startswith(last + " ")]
    assert len(ours) == 30 and all(x["participants"] == "%s; %s" % (names[anna], names[boris]) for x in ours)
    assert more == cost, (cost, more)


if __name__ == "__main__":
    crmtest.main()
