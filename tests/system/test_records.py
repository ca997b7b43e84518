"""The core's record services on the recs test plugin: tags, history and notes, custom
fields (forms, cards, filters, batches), links, merging and forgetting a record, each
through nginx and MariaDB, with record access applied to every route."""
import html
import re
import urllib.parse

import crmtest
from crmtest import Session, sql, test

PASSWORD = "records pass 1"


def user(role="user"):
    """A fresh account in English, signed in; returns (session, id)."""
    login = crmtest.unique("rs")
    uid = crmtest.user_add(login, PASSWORD, role=role)
    sql("UPDATE crm_user SET locale = 'en' WHERE id = %d" % uid)
    s = Session()
    s.login(login, PASSWORD)
    return s, uid


def make_rec(s, title=None, visibility="private", **form):
    data = {"title": title or crmtest.unique("rec "), "visibility": visibility}
    data.update(form)
    r = s.post("/recs", data)
    assert r.status == 303, (r.status, r.text[:400])
    return int(re.fullmatch(r"/recs/(\d+)", r.header("Location")).group(1))


def tags_of(rid):
    return sorted(row[0] for row in sql("SELECT t.name FROM crm_record_tag rt JOIN crm_tag t ON t.id = rt.tag_id "
                                        "WHERE rt.entity = 'rec' AND rt.record_id = %d" % rid))


def chips(page):
    m = re.search(r'<div class="tags" id="tags".*?</ul>|<div class="tags" id="tags".*?tags-none', page, re.S)
    return [html.unescape(x) for x in re.findall(r'<li class="tag" data-tag="[^"]*">([^<]*)</li>', m.group(0))] if m else None


def plain(fragment):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def field_block(page, name):
    """The HTML of the form field holding input/select name (up to the next field)."""
    for chunk in re.split(r'(?=<div class="field )', page):
        if chunk.startswith('<div class="field ') and re.search(r'<(input|select|textarea)[^>]*name="%s"' % re.escape(name), chunk):
            return chunk
    return None


def add_field(name, ftype, options=None, required=0, entity="rec"):
    sql("INSERT INTO crm_custom_field (entity, name, type, options, required, position) VALUES ('%s', '%s', '%s', %s, %d, 0)"
        % (entity, name, ftype, "'%s'" % options if options else "NULL", required))
    return int(sql("SELECT id FROM crm_custom_field WHERE entity = '%s' AND name = '%s'" % (entity, name))[0][0])


def value_of(fid, rid):
    rows = sql("SELECT value FROM crm_custom_value WHERE field_id = %d AND record_id = %d" % (fid, rid))
    return rows[0][0] if rows else None


# ===== tags =====

@test
def tags_are_picked_or_created_and_compared_without_case():
    s, _ = user()
    old = crmtest.unique("Existing")
    rid = make_rec(s, tags="%s,  big   deal , %s" % (old, old.lower()))
    assert tags_of(rid) == sorted([old, "big deal"]), tags_of(rid)
    page = s.get("/recs/%d" % rid).text
    assert chips(page) == sorted([old, "big deal"], key=str.lower), chips(page)
    # The editor offers the tags in use; a name typed in another case is the same tag.
    assert '<option value="%s">' % old in page
    new = crmtest.unique("Fresh")
    r = s.post("/records/rec/%d/tags" % rid, {"tags": "%s, %s" % (old.upper(), new)})
    assert r.status == 303 and r.header("Location") == "/recs/%d#tags" % rid, (r.status, r.header("Location"))
    assert tags_of(rid) == sorted([old, new]), tags_of(rid)
    assert sql("SELECT COUNT(*) FROM crm_tag WHERE name = '%s'" % old)[0][0] == "1"
    assert "Tags saved." in s.get("/recs/%d" % rid).text
    # Clearing leaves the tags themselves for others to pick.
    assert s.post("/records/rec/%d/tags" % rid, {"tags": " , "}).status == 303
    assert tags_of(rid) == [] and sql("SELECT COUNT(*) FROM crm_tag WHERE name = '%s'" % new)[0][0] == "1"


@test
def bad_tags_are_refused_with_the_text_kept():
    s, _ = user()
    rid = make_rec(s, tags="keep-me")
    cases = [("x" * 101, "A tag is at most 100 characters long."),
             (", ".join("t%d" % i for i in range(51)), "A record can have at most 50 tags."),
             ("ok, bad\x01tag", "A tag cannot contain control characters.")]
    for typed, message in cases:
        r = s.post("/records/rec/%d/tags" % rid, {"tags": typed})
        assert r.status == 422, (typed[:20], r.status)
        assert message in html.unescape(r.text), (typed[:20], plain(r.text)[:300])
        # (a control character cannot travel in the page's XML: it is dropped there)
        kept = html.unescape(crmtest.form_value(r.text, "tags"))
        assert kept == typed.replace("\x01", ""), ("the typed tags are kept", kept[:40])
        assert tags_of(rid) == ["keep-me"], "nothing changed"
    # The same rules on the record's own form: 422 with the message, nothing stored.
    r = s.post("/recs/%d/edit" % rid, {"title": "still", "tags": "y" * 101})
    assert r.status == 422 and "A tag is at most 100 characters long." in r.text
    assert tags_of(rid) == ["keep-me"]
    assert sql("SELECT title FROM rec_item WHERE id = %d" % rid)[0][0] != "still"


@test
def the_tag_and_note_routes_follow_record_access():
    owner, _ = user()
    other, _ = user()
    private = make_rec(owner, tags="mine")
    readable = make_rec(owner, visibility="public_read", tags="mine")
    writable = make_rec(owner, visibility="public_write")
    missing = int(sql("SELECT COALESCE(MAX(id), 0) + 1000 FROM rec_item")[0][0])
    for path in ("/records/rec/%d/tags" % private, "/records/rec/%d/tags" % readable,
                 "/records/rec/%d/tags" % missing, "/records/nosuch/%d/tags" % private,
                 "/records/rec/abc/tags", "/records/rec/%d/notes" % private,
                 "/records/rec/%d/notes" % readable, "/records/rec/%d/notes" % missing,
                 "/records/contact_x/%d/notes" % private):
        r = other.post(path, {"tags": "stolen", "text": "stolen", "category": "3"})
        assert r.status == 404, (path, r.status)
    assert tags_of(private) == ["mine"] and tags_of(readable) == ["mine"]
    assert sql("SELECT COUNT(*) FROM crm_history WHERE text = 'stolen'")[0][0] == "0"
    # A reader sees the tags but gets neither the editor nor the note form.
    page = other.get("/recs/%d" % readable).text
    assert chips(page) == ["mine"] and "/records/rec/%d/tags" % readable not in page
    assert 'action="/records/rec/%d/notes"' % readable not in page
    # Everyone may tag and annotate a record open for writing.
    assert other.post("/records/rec/%d/tags" % writable, {"tags": "shared"}).status == 303
    assert tags_of(writable) == ["shared"]
    # Without the session's token nothing happens.
    r = owner.post("/records/rec/%d/tags" % private, {"tags": "no token"}, csrf=False)
    assert r.status == 403 and tags_of(private) == ["mine"]


@test
def lists_show_tags_in_one_statement_and_filter_by_tag():
    s, uid = user()
    tag = crmtest.unique("list-tag")
    tagged = [make_rec(s, tags="%s, other" % tag) for _ in range(3)]
    untagged = make_rec(s)
    outsider, _ = user()
    hidden = make_rec(outsider, tags=tag)  # private to someone else
    r = s.get("/recs?" + urllib.parse.urlencode({"tag": tag.upper()}))
    ids = [int(x) for x in re.findall(r'<tr class="rec" data-id="(\d+)"', r.text)]
    assert ids == tagged, (ids, tagged)
    assert hidden not in ids and untagged not in ids
    cells = re.findall(r'<td class="rec-tags">([^<]*)</td>', r.text)
    assert cells == ["%s, other" % tag] * 3, cells
    # The filter is part of the page's one list statement: the cost does not grow with rows.
    few = crmtest.page_cost(s, uid, "/recs?tag=" + urllib.parse.quote(crmtest.unique("none")))
    many = crmtest.page_cost(s, uid, "/recs?tag=" + urllib.parse.quote(tag))
    assert few == many, (few, many)


@test
def bulk_tagging_skips_records_the_user_may_not_write():
    s, _ = user()
    other, _ = user()
    mine = [make_rec(s) for _ in range(2)]
    readable = make_rec(other, visibility="public_read")
    private = make_rec(other)
    tag = crmtest.unique("bulk")
    r = s.post("/recs/bulk-tag", [("id", str(x)) for x in mine + [readable, private]] + [("tag", tag)])
    assert r.status == 303 and r.header("Location") == "/recs?tagged=2", (r.status, r.header("Location"))
    assert [tags_of(x) for x in mine] == [[tag], [tag]]
    assert tags_of(readable) == [] and tags_of(private) == []
    # Tagging again adds nothing; several tags at once are counted per record and tag.
    assert s.post("/recs/bulk-tag", [("id", str(x)) for x in mine] + [("tag", tag)]).header("Location") == "/recs?tagged=0"
    second = crmtest.unique("second")
    r = s.post("/recs/bulk-tag", [("id", str(x)) for x in mine] + [("tag", "%s, %s" % (tag.upper(), second))])
    assert r.header("Location") == "/recs?tagged=2" and tags_of(mine[1]) == sorted([tag, second]), r.header("Location")
    assert s.post("/recs/bulk-tag", [("id", str(mine[0])), ("tag", "x" * 101)]).status == 422
    assert s.post("/recs/bulk-tag", [("id", str(mine[0])), ("tag", " ")]).header("Location") == "/recs?tagged=0"


# ===== history =====

@test
def notes_go_on_top_of_the_history_under_allowed_categories():
    s, uid = user()
    rid = make_rec(s, title="History holder")
    page = s.get("/recs/%d" % rid).text
    assert re.search(r'<li class="history-item history-created"', page), "the creation is in the history"
    select = re.search(r'<select name="category".*?</select>', page, re.S).group(0)
    offered = re.findall(r'<option value="(\d+)"', select)
    allowed = [row[0] for row in sql("SELECT id FROM crm_history_category WHERE system = 0 OR code = 'note' ORDER BY position, id")]
    assert offered == allowed, (offered, allowed)
    assert "Call" not in plain(select) and "Note" in plain(select)
    meeting = sql("SELECT id FROM crm_history_category WHERE code = 'meeting'")[0][0]
    r = s.post("/records/rec/%d/notes" % rid, {"text": "  Met at the fair.\nAgreed on a call.  ", "category": meeting})
    assert r.status == 303 and r.header("Location") == "/recs/%d#history" % rid, r.status
    page = s.get("/recs/%d" % rid).text
    assert "Note added." in page
    items = re.findall(r'<li class="history-item history-([a-z]*)" data-id="(\d+)">.*?<div class="history-text">([^<]*)</div>', page, re.S)
    assert [i[0] for i in items] == ["meeting", "created"], items
    assert items[0][2] == "Met at the fair.\nAgreed on a call.", repr(items[0][2])
    assert sql("SELECT user_id FROM crm_history WHERE id = %s" % items[0][1])[0][0] == str(uid)


@test
def bad_notes_are_refused_and_nothing_is_added():
    s, _ = user()
    rid = make_rec(s)
    call = sql("SELECT id FROM crm_history_category WHERE code = 'call'")[0][0]
    note = sql("SELECT id FROM crm_history_category WHERE code = 'note'")[0][0]
    before = sql("SELECT COUNT(*) FROM crm_history WHERE entity = 'rec' AND record_id = %d" % rid)
    cases = [({"text": "   ", "category": note}, "text", "Write the note's text."),
             ({"text": "x" * 10001, "category": note}, "text", "A note is at most 10,000 characters long."),
             ({"text": "system one", "category": call}, "category", "Choose a category from the list."),
             ({"text": "nothing chosen"}, "category", "Choose a category from the list."),
             ({"text": "<b>kept</b>", "category": "99999"}, "category", "Choose a category from the list.")]
    for form, bad, message in cases:
        r = s.post("/records/rec/%d/notes" % rid, form)
        assert r.status == 422, (bad, r.status)
        block = field_block(r.text, bad)
        assert block and "has-error" in block and message in html.unescape(block), (bad, plain(r.text)[:300])
        if len(form["text"]) < 100 and form["text"].strip():
            assert html.escape(form["text"], quote=False) in r.text, "the text is kept"
    assert "&lt;b&gt;kept&lt;/b&gt;" in r.text and "<b>kept</b>" not in r.text
    assert sql("SELECT COUNT(*) FROM crm_history WHERE entity = 'rec' AND record_id = %d" % rid) == before
    # Text that is not UTF-8 never reaches the handler.
    r = crmtest.http("POST", "/records/rec/%d/notes" % rid, body=b"text=%FF%FE&category=" + note.encode() +
                     b"&csrf=" + s.csrf.encode(), headers={"Cookie": "crm_session=" + s.token,
                                                           "Content-Type": "application/x-www-form-urlencoded"})
    assert r.status == 400, r.status
    assert sql("SELECT COUNT(*) FROM crm_history WHERE entity = 'rec' AND record_id = %d" % rid) == before


@test
def history_pages_newest_first_by_keyset():
    s, uid = user()
    rid = make_rec(s, title="History start")
    values = ", ".join("('rec', %d, 3, %d, 'item %02d')" % (rid, uid, i) for i in range(45))
    sql("INSERT INTO crm_history (entity, record_id, category_id, user_id, text) VALUES " + values)
    seen, path, pages = [], "/recs/%d" % rid, 0
    while path:
        page = s.get(path).text
        texts = re.findall(r'<div class="history-text">([^<]*)</div>', page)
        assert len(texts) <= 20, len(texts)
        seen += texts
        older = re.search(r'href="([^"]*history_before=\d+#history)" rel="next"', page)
        path = older and html.unescape(older.group(1)).split("#")[0]
        pages += 1
        if pages > 1:
            assert 'rel="prev"' in page, "a way back to the newest"
    assert pages == 3, pages
    assert seen == ["item %02d" % i for i in range(44, -1, -1)] + ["History start"], seen[-3:]


# ===== custom fields =====

@test
def custom_fields_check_each_type_and_keep_what_was_typed():
    s, _ = user()
    tag = crmtest.unique("F")
    fields = {
        "text": add_field(tag + " text", "text"),
        "number": add_field(tag + " number", "number"),
        "date": add_field(tag + " date", "date"),
        "list": add_field(tag + " list", "list", "Bronze\nSilver\nGold"),
        "checkbox": add_field(tag + " box", "checkbox"),
        "required": add_field(tag + " must", "text", required=1),
    }
    try:
        rid = make_rec(s, **{"cf_form": "1", "cf_%d" % fields["required"]: "first"})
        form = s.get("/recs/%d" % rid).text
        for kind, fid in fields.items():
            assert 'name="cf_%d"' % fid in form, kind
        assert re.search(r'<input type="number"[^>]*name="cf_%d"' % fields["number"], form)
        assert re.search(r'<input type="date"[^>]*name="cf_%d"' % fields["date"], form)
        assert re.search(r'<select name="cf_%d"' % fields["list"], form)
        bad = {"cf_%d" % fields["text"]: "t" * 501, "cf_%d" % fields["number"]: "12abc",
               "cf_%d" % fields["date"]: "30.02.2024", "cf_%d" % fields["list"]: "Platinum",
               "cf_%d" % fields["checkbox"]: "maybe", "cf_%d" % fields["required"]: "  "}
        messages = {"text": "At most 500 characters.", "number": "Enter a number",
                    "date": "Enter a real date", "list": "Choose a value from the list.",
                    "checkbox": "Use yes or no", "required": "Fill in this field."}
        r = s.post("/recs/%d/edit" % rid, dict(bad, title="renamed?", cf_form="1"))
        assert r.status == 422, r.status
        for kind, fid in fields.items():
            block = field_block(r.text, "cf_%d" % fid)
            assert block and "has-error" in block and messages[kind] in html.unescape(block), (kind, block and plain(block))
        assert crmtest.form_value(r.text, "cf_%d" % fields["number"]) == "12abc"
        assert crmtest.form_value(r.text, "cf_%d" % fields["date"]) == "30.02.2024"
        assert value_of(fields["required"], rid) == "first" and value_of(fields["number"], rid) is None
        assert sql("SELECT title FROM rec_item WHERE id = %d" % rid)[0][0] != "renamed?"
        good = {"cf_%d" % fields["text"]: " Привет, мир ", "cf_%d" % fields["number"]: "-1 234,50",
                "cf_%d" % fields["date"]: "29.02.2024", "cf_%d" % fields["list"]: "Silver",
                "cf_%d" % fields["checkbox"]: "1", "cf_%d" % fields["required"]: "second"}
        r = s.post("/recs/%d/edit" % rid, dict(good, title="renamed", cf_form="1"))
        assert r.status == 303, (r.status, plain(r.text)[:400])
        stored = {k: value_of(f, rid) for k, f in fields.items()}
        assert stored == {"text": "Привет, мир", "number": "-1234.5", "date": "2024-02-29", "list": "Silver",
                          "checkbox": "1", "required": "second"}, stored
        card = s.get("/recs/%d" % rid).text
        m = re.search(r'<dl class="props custom-fields".*?</dl>', card, re.S)
        shown = plain(m.group(0))
        for text in ("Привет, мир", "-1234.5", "2024-02-29", "Silver", "Yes", "second"):
            assert text in shown, (text, shown)
        # An unticked box is stored as no; an emptied field loses its value.
        r = s.post("/recs/%d/edit" % rid, {"title": "renamed", "cf_form": "1", "cf_%d" % fields["required"]: "x",
                                           "cf_%d" % fields["text"]: ""})
        assert r.status == 303
        assert value_of(fields["checkbox"], rid) == "0" and value_of(fields["text"], rid) is None
        # A form that did not carry the custom fields leaves them as they are.
        assert s.post("/recs/%d/edit" % rid, {"title": "plain"}).status == 303
        assert value_of(fields["required"], rid) == "x"
    finally:
        sql("DELETE FROM crm_custom_field WHERE id IN (%s)" % ",".join(str(f) for f in fields.values()))


@test
def lists_filter_by_a_custom_field_value():
    s, _ = user()
    fid = add_field(crmtest.unique("Level"), "list", "Low\nHigh")
    try:
        high = [make_rec(s, cf_form="1", **{"cf_%d" % fid: "High"}) for _ in range(2)]
        low = make_rec(s, cf_form="1", **{"cf_%d" % fid: "Low"})
        r = s.get("/recs?" + urllib.parse.urlencode({"cf": fid, "cv": "High"}))
        ids = [int(x) for x in re.findall(r'<tr class="rec" data-id="(\d+)"', r.text)]
        assert ids == high and low not in ids, (ids, high)
        # A field of another entity type, or none at all, is no filter.
        other = add_field(crmtest.unique("Elsewhere"), "text", entity="nosuch")
        assert s.get("/recs?cf=%d&cv=x" % other).status == 404
        assert s.get("/recs?cf=0&cv=x").status == 404
        sql("DELETE FROM crm_custom_field WHERE id = %d" % other)
        plan = sql("EXPLAIN SELECT record_id FROM crm_custom_value WHERE field_id = %d AND value = 'High'" % fid)
        assert "crm_custom_value_value" in " ".join(" ".join(row) for row in plan), plan
    finally:
        sql("DELETE FROM crm_custom_field WHERE id = %d" % fid)


@test
def a_removed_list_choice_stays_until_someone_changes_it():
    s, _ = user()
    fid = add_field(crmtest.unique("Tier"), "list", "Old\nNew")
    try:
        rid = make_rec(s, cf_form="1", **{"cf_%d" % fid: "Old"})
        sql("UPDATE crm_custom_field SET options = 'New' WHERE id = %d" % fid)
        form = s.get("/recs/%d" % rid).text
        assert re.search(r'<option value="Old" selected', form), "the old value is still shown"
        assert s.post("/recs/%d/edit" % rid, {"title": "t", "cf_form": "1", "cf_%d" % fid: "Old"}).status == 303
        assert value_of(fid, rid) == "Old"
        other = make_rec(s)
        sql("DELETE FROM crm_custom_value WHERE field_id = %d" % fid)
        r = s.post("/recs/%d/edit" % other, {"title": "t", "cf_form": "1", "cf_%d" % fid: "Old"})
        assert r.status == 422, "once nobody holds it, it is no longer a choice"
    finally:
        sql("DELETE FROM crm_custom_field WHERE id = %d" % fid)


@test
def batches_of_values_are_checked_and_stored_per_row():
    s, _ = user()
    name = crmtest.unique("Amount")
    fid = add_field(name, "number")
    try:
        recs = [make_rec(s) for _ in range(4)]
        form = [("field", name)]
        for rid, value in zip(recs, ["10", "1e5", "3,50", ""]):
            form += [("id", str(rid)), ("value", value)]
        r = s.post("/recs/cf-batch", form + [("check", "1")])
        assert r.status == 200 and r.text.split("\n")[:5] == ["rc=-1", "ok", "core.fields.number", "ok", "ok"], r.text
        assert all(value_of(fid, x) is None for x in recs), "checking stores nothing"
        r = s.post("/recs/cf-batch", form)
        assert r.text.split("\n")[0] == "rc=-1"
        assert [value_of(fid, x) for x in recs] == ["10", None, "3.5", None]
        # Empty clears, NULL (an empty cell of an import) leaves the value alone.
        r = s.post("/recs/cf-batch", [("field", name), ("id", str(recs[0])), ("value", ""), ("id", str(recs[2])),
                                      ("value", ""), ("empty_is_null", "1")])
        assert r.text.split("\n")[0] == "rc=0" and value_of(fid, recs[0]) == "10", r.text
        r = s.post("/recs/cf-batch", [("field", name), ("id", str(recs[0])), ("value", "")])
        assert r.text.split("\n")[0] == "rc=0" and value_of(fid, recs[0]) is None
        r = s.post("/recs/cf-batch", [("field", "no such field"), ("id", str(recs[0])), ("value", "1")])
        assert r.text.split("\n")[:2] == ["rc=-1", "core.fields.unknown"], r.text
        many = [("field", name)] + [x for rid in recs for x in (("id", str(rid)), ("value", "7"))] * 50
        assert s.post("/recs/cf-batch", many).text.startswith("rc=0")
        assert [value_of(fid, x) for x in recs] == ["7"] * 4
    finally:
        sql("DELETE FROM crm_custom_field WHERE id = %d" % fid)


# ===== links, merge, forget =====

@test
def links_are_read_from_both_sides():
    s, _ = user()
    a, b, c = make_rec(s), make_rec(s), make_rec(s)
    for x, y in ((a, b), (b, a), (c, a)):
        assert s.post("/recs/%d/links" % x, {"to": str(y)}).status == 303
    assert sql("SELECT COUNT(*) FROM crm_link WHERE (entity = 'rec' AND record_id = %d) OR (to_entity = 'rec' AND to_id = %d)" % (a, a))[0][0] == "2"
    page = s.get("/recs/%d" % a).text
    assert re.findall(r'<li data-entity="rec" data-id="(\d+)"', page) == [str(b), str(c)]
    assert re.findall(r'<li data-entity="rec" data-id="(\d+)"', s.get("/recs/%d" % b).text) == [str(a)]
    assert s.post("/recs/%d/links" % a, {"to": str(a)}).status == 422, "no link to itself"
    assert s.post("/recs/%d/links" % b, {"to": str(a), "remove": "1"}).status == 303
    assert re.findall(r'<li data-entity="rec" data-id="(\d+)"', s.get("/recs/%d" % a).text) == [str(c)]


@test
def merging_moves_what_the_target_lacks_and_keeps_what_it_has():
    s, uid = user()
    helper, hid = user()
    tag_a, tag_both = crmtest.unique("ma"), crmtest.unique("mboth")
    f_kept, f_moved = add_field(crmtest.unique("Kept"), "text"), add_field(crmtest.unique("Moved"), "text")
    try:
        src = make_rec(s, tags="%s, %s" % (tag_a, tag_both), cf_form="1",
                       **{"cf_%d" % f_kept: "from source", "cf_%d" % f_moved: "only source"})
        dst = make_rec(s, tags=tag_both, cf_form="1", **{"cf_%d" % f_kept: "from target"})
        third = make_rec(s)
        s.post("/recs/%d/links" % src, {"to": str(third)})
        s.post("/recs/%d/links" % src, {"to": str(dst)})
        sql("INSERT INTO crm_record_user (entity, record_id, user_id, kind) VALUES ('rec', %d, %d, 'manager')" % (src, hid))
        sql("UPDATE rec_item SET has_users = 1 WHERE id = %d" % src)
        note = sql("SELECT id FROM crm_history_category WHERE code = 'note'")[0][0]
        s.post("/records/rec/%d/notes" % src, {"text": "note on source", "category": note})
        sql("INSERT INTO crm_file (entity, record_id, kind, name, mime, size, data) VALUES "
            "('rec', %d, 'attachment', 'a.txt', 'text/plain', 1, 'a'), ('rec', %d, 'photo', 'p.png', 'image/png', 1, 'p'), "
            "('rec', %d, 'photo', 'q.png', 'image/png', 1, 'q')" % (src, src, dst))
        r = s.post("/recs/%d/merge" % src, {"into": str(dst)})
        assert r.status == 303 and r.header("Location") == "/recs/%d" % dst, r.status
        assert not sql("SELECT id FROM rec_item WHERE id = %d" % src)
        assert tags_of(dst) == sorted([tag_a, tag_both])
        assert value_of(f_kept, dst) == "from target" and value_of(f_moved, dst) == "only source"
        texts = [row[0] for row in sql("SELECT text FROM crm_history WHERE entity = 'rec' AND record_id = %d" % dst)]
        assert "note on source" in texts and len(texts) == 3, texts
        assert sql("SELECT kind FROM crm_record_user WHERE entity = 'rec' AND record_id = %d AND user_id = %d" % (dst, hid)) == [["manager"]]
        assert sql("SELECT has_users FROM rec_item WHERE id = %d" % dst) == [["1"]], "the target's flag follows its managers"
        links = sql("SELECT entity, record_id, to_entity, to_id FROM crm_link WHERE (entity = 'rec' AND record_id IN (%d, %d)) "
                    "OR (to_entity = 'rec' AND to_id IN (%d, %d))" % (src, dst, src, dst))
        assert links == [["rec", str(dst), "rec", str(third)]], links
        files = sql("SELECT kind, name FROM crm_file WHERE entity = 'rec' AND record_id = %d ORDER BY name" % dst)
        assert files == [["attachment", "a.txt"], ["photo", "q.png"]], files
        for table, col in (("crm_record_tag", "record_id"), ("crm_history", "record_id"), ("crm_record_user", "record_id")):
            assert sql("SELECT COUNT(*) FROM %s WHERE entity = 'rec' AND %s = %d" % (table, col, src))[0][0] == "0", table
        assert sql("SELECT COUNT(*) FROM crm_custom_value WHERE record_id = %d AND field_id IN (%d, %d)" % (src, f_kept, f_moved))[0][0] == "0"
        assert sql("SELECT COUNT(*) FROM crm_audit WHERE action = 'record.merge' AND entity = 'rec' AND record_id = %d "
                   "AND old_value = '%d'" % (dst, src))[0][0] == "1"
        # Merging needs write access to both.
        other, _ = user()
        foreign = make_rec(other)
        assert s.post("/recs/%d/merge" % dst, {"into": str(foreign)}).status == 404
        assert s.post("/recs/%d/merge" % dst, {"into": str(dst)}).status == 404
    finally:
        sql("DELETE FROM crm_custom_field WHERE id IN (%d, %d)" % (f_kept, f_moved))


@test
def deleting_a_record_forgets_what_the_core_kept():
    s, _ = user()
    fid = add_field(crmtest.unique("Gone"), "text")
    try:
        rid = make_rec(s, tags=crmtest.unique("gone"), cf_form="1", **{"cf_%d" % fid: "v"})
        other = make_rec(s)
        s.post("/recs/%d/links" % rid, {"to": str(other)})
        sql("INSERT INTO crm_file (entity, record_id, kind, name, mime, size, data) VALUES "
            "('rec', %d, 'attachment', 'a.txt', 'text/plain', 1, 'a')" % rid)
        assert s.post("/recs/%d/delete" % rid).status == 303
        for q in ("SELECT COUNT(*) FROM crm_record_tag WHERE entity = 'rec' AND record_id = %d",
                  "SELECT COUNT(*) FROM crm_history WHERE entity = 'rec' AND record_id = %d",
                  "SELECT COUNT(*) FROM crm_custom_value WHERE record_id = %d AND field_id = " + str(fid),
                  "SELECT COUNT(*) FROM crm_link WHERE to_entity = 'rec' AND to_id = %d",
                  "SELECT COUNT(*) FROM crm_link WHERE entity = 'rec' AND record_id = %d",
                  "SELECT COUNT(*) FROM crm_file WHERE entity = 'rec' AND record_id = %d"):
            assert sql(q % rid)[0][0] == "0", q
    finally:
        sql("DELETE FROM crm_custom_field WHERE id = %d" % fid)


if __name__ == "__main__":
    crmtest.main()
