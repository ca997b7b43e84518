"""The admin pages of the record services: tags (rename, merge, delete), history
categories (seeded, system ones kept) and custom fields per entity type, every change
confirmed where it cannot be undone and written to the audit log."""
import html
import re
import urllib.parse

import crmtest
from crmtest import Session, sql, test

PASSWORD = "admin records 1"


def user(role="user", locale="en"):
    login = crmtest.unique("ar")
    uid = crmtest.user_add(login, PASSWORD, role=role)
    sql("UPDATE crm_user SET locale = '%s' WHERE id = %d" % (locale, uid))
    s = Session()
    s.login(login, PASSWORD)
    return s, uid


def plain(fragment):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def make_rec(s, **form):
    data = {"title": crmtest.unique("rec "), "visibility": "private"}
    data.update(form)
    r = s.post("/recs", data)
    assert r.status == 303, (r.status, plain(r.text)[:300])
    return int(r.header("Location").rsplit("/", 1)[1])


def tag_id(name):
    rows = sql("SELECT id FROM crm_tag WHERE name = '%s'" % name)
    return int(rows[0][0]) if rows else 0


def tags_of(rid):
    return sorted(row[0] for row in sql("SELECT t.name FROM crm_record_tag rt JOIN crm_tag t ON t.id = rt.tag_id "
                                        "WHERE rt.entity = 'rec' AND rt.record_id = %d" % rid))


def audited(action, record_id, entity=None):
    q = "SELECT field, old_value, new_value FROM crm_audit WHERE action = '%s' AND record_id = %d" % (action, record_id)
    if entity:
        q += " AND entity = '%s'" % entity
    return sql(q + " ORDER BY id")


def error_near(page, name):
    for chunk in re.split(r'(?=<div class="field )', page):
        if chunk.startswith('<div class="field ') and re.search(r'name="%s"' % re.escape(name), chunk):
            m = re.search(r'<p class="field-error"[^>]*>([^<]*)</p>', chunk)
            return html.unescape(m.group(1)) if m else None
    return None


# ===== tags =====

@test
def admins_rename_tags_and_a_taken_name_is_refused():
    admin, _ = user("admin")
    s, _ = user()
    a, b = crmtest.unique("Alpha"), crmtest.unique("Beta")
    rid = make_rec(s, tags="%s, %s" % (a, b))
    r = admin.get("/admin/tags?" + urllib.parse.urlencode({"q": a[:8]}))
    assert r.status == 200 and 'data-tag="%s"' % a in r.text, r.status
    row = re.search(r'<tr data-tag="%s">.*?</tr>' % re.escape(a), r.text, re.S).group(0)
    assert '<td class="num">1</td>' in row, plain(row)
    tid = tag_id(a)
    page = admin.get("/admin/tags/%d" % tid)
    assert page.status == 200 and '<option value="%s">' % b in page.text, "the merge picker offers the others"
    renamed = crmtest.unique("Gamma")
    r = admin.post("/admin/tags/%d" % tid, {"name": "  %s " % renamed})
    assert r.status == 303 and tags_of(rid) == sorted([renamed, b]), (r.status, tags_of(rid))
    assert audited("tag.rename", tid) == [["name", a, renamed]]
    for typed, message in ((b.upper(), "Another tag already has this name."), ("a, b", "cannot contain a comma"),
                           ("", "Enter the tag's name."), ("x" * 101, "at most 100 characters")):
        r = admin.post("/admin/tags/%d" % tid, {"name": typed})
        assert r.status == 422 and message in (error_near(r.text, "name") or ""), (typed[:10], r.status)
    assert tags_of(rid) == sorted([renamed, b])
    # Changing only the case is a rename of the same tag.
    assert admin.post("/admin/tags/%d" % tid, {"name": renamed.upper()}).status == 303
    assert tag_id(renamed.upper()) == tid


@test
def merging_tags_asks_first_and_keeps_one_tag_per_record():
    admin, _ = user("admin")
    s, _ = user()
    old, keep = crmtest.unique("dup"), crmtest.unique("keep")
    both = make_rec(s, tags="%s, %s" % (old, keep))
    only_old = make_rec(s, tags=old)
    oid, kid = tag_id(old), tag_id(keep)
    r = admin.get("/admin/tags/%d/merge?%s" % (oid, urllib.parse.urlencode({"into": keep})))
    assert r.status == 200 and 'action="/admin/tags/%d/merge/%d"' % (oid, kid) in r.text, r.status
    assert "Merge these tags?" in r.text and tags_of(only_old) == [old], "nothing happens before confirming"
    for into, message in (("no such tag " + old, "There is no tag with this name."), (old, "cannot be merged into itself")):
        r = admin.get("/admin/tags/%d/merge?%s" % (oid, urllib.parse.urlencode({"into": into})))
        assert r.status == 422 and message in html.unescape(r.text), (into, r.status)
    r = admin.post("/admin/tags/%d/merge/%d" % (oid, kid))
    assert r.status == 303 and r.header("Location") == "/admin/tags/%d" % kid
    assert tags_of(both) == [keep] and tags_of(only_old) == [keep]
    assert not tag_id(old)
    assert audited("tag.merge", kid) == [["name", old, keep]]
    assert admin.post("/admin/tags/%d/merge/%d" % (oid, kid)).status == 404, "the merged tag is gone"


@test
def deleting_a_tag_is_confirmed_and_audited():
    admin, _ = user("admin")
    s, _ = user()
    name = crmtest.unique("drop")
    rid = make_rec(s, tags="%s, stays" % name)
    tid = tag_id(name)
    r = admin.get("/admin/tags/%d/delete" % tid)
    assert r.status == 200 and 'action="/admin/tags/%d/delete"' % tid in r.text and name in r.text
    assert "<strong>1</strong>" in r.text, "it says how many records lose it"
    assert tag_id(name) == tid
    assert admin.post("/admin/tags/%d/delete" % tid).status == 303
    assert tags_of(rid) == ["stays"] and not tag_id(name)
    assert audited("tag.delete", tid) == [["name", name, "NULL"]]
    assert admin.get("/admin/tags/%d" % tid).status == 404


@test
def users_cannot_reach_the_record_admin_pages():
    s, _ = user()
    tid = tag_id("stays") or 1
    for path in ("/admin/tags", "/admin/tags/%d" % tid, "/admin/categories", "/admin/categories/1", "/admin/fields",
                 "/admin/fields/1", "/admin/tags/%d/delete" % tid):
        assert s.get(path).status == 403, path
    for path in ("/admin/tags/%d" % tid, "/admin/tags/%d/delete" % tid, "/admin/categories", "/admin/categories/6/delete",
                 "/admin/fields"):
        assert s.post(path, {"name": "x", "entity": "rec", "type": "text"}).status == 403, path
    admin, _ = user("admin")
    assert admin.post("/admin/categories", {"name": crmtest.unique("nocsrf")}, csrf=False).status == 403


# ===== history categories =====

@test
def seeded_categories_are_translated_and_system_ones_stay():
    admin, _ = user("admin", locale="ru")
    page = admin.get("/admin/categories").text
    names = {code: plain(m) for code, m in re.findall(r'<tr data-category="\d+" data-code="([a-z]*)">\s*<td>(.*?)</td>', page, re.S)}
    assert names.get("call") == "Звонок" and names.get("created") == "Создание" and names.get("meeting") == "Встреча", names
    call = sql("SELECT id FROM crm_history_category WHERE code = 'call'")[0][0]
    row = re.search(r'<tr data-category="%s".*?</tr>' % call, page, re.S).group(0)
    assert "/delete" not in row, "no delete button for a system category"
    r = admin.post("/admin/categories/%s/delete" % call)
    assert r.status == 303 and sql("SELECT COUNT(*) FROM crm_history_category WHERE id = %s" % call)[0][0] == "1"
    assert "Системную категорию удалить нельзя." in admin.get(r.header("Location")).text
    # Saving the translation as shown keeps the message key; a new name is stored as typed.
    r = admin.get("/admin/categories/%s" % call)
    assert crmtest.form_value(r.text, "name") == "Звонок"
    assert admin.post("/admin/categories/%s" % call, {"name": "Звонок", "position": "41"}).status == 303
    assert sql("SELECT name, position FROM crm_history_category WHERE id = %s" % call)[0] == ["core.history.call", "41"]
    assert audited("category.change", int(call)) [-1] == ["position", "40", "41"]
    try:
        assert admin.post("/admin/categories/%s" % call, {"name": "Телефонный разговор", "position": "40"}).status == 303
        assert sql("SELECT name FROM crm_history_category WHERE id = %s" % call)[0][0] == "Телефонный разговор"
        assert audited("category.rename", int(call))[-1] == ["name", "core.history.call", "Телефонный разговор"]
    finally:
        sql("UPDATE crm_history_category SET name = 'core.history.call', position = 40 WHERE id = %s" % call)


@test
def admins_add_categories_users_file_notes_under_and_deleting_one_keeps_its_items():
    admin, _ = user("admin")
    s, _ = user()
    name = crmtest.unique("Demo visit")
    r = admin.post("/admin/categories", {"name": name, "position": ""})
    assert r.status == 303, (r.status, plain(r.text)[:300])
    cid = int(sql("SELECT id FROM crm_history_category WHERE name = '%s'" % name)[0][0])
    assert audited("category.create", cid) == [["name", "NULL", name]]
    for typed, pos, field, message in (("", "", "name", "Enter the category's name."),
                                       (name.upper(), "", "name", "Another category already has this name."),
                                       ("Note", "", "name", "Another category already has this name."),
                                       (crmtest.unique("ok"), "-5", "position", "whole number")):
        r = admin.post("/admin/categories", {"name": typed, "position": pos})
        assert r.status == 422 and message in (error_near(r.text, field) or ""), (typed, r.status)
    rid = make_rec(s)
    card = s.get("/recs/%d" % rid).text
    assert '<option value="%d">%s</option>' % (cid, name) in card, "users may file notes under it"
    assert s.post("/records/rec/%d/notes" % rid, {"text": "visited", "category": str(cid)}).status == 303
    r = admin.get("/admin/categories/%d/delete" % cid)
    assert r.status == 200 and "stay, filed as notes" in r.text
    assert admin.post("/admin/categories/%d/delete" % cid).status == 303
    assert not sql("SELECT id FROM crm_history_category WHERE id = %d" % cid)
    code = sql("SELECT c.code FROM crm_history h JOIN crm_history_category c ON c.id = h.category_id "
               "WHERE h.entity = 'rec' AND h.record_id = %d AND h.text = 'visited'" % rid)
    assert code == [["note"]], code
    assert audited("category.delete", cid) == [["name", name, "NULL"]]
    assert "visited" in s.get("/recs/%d" % rid).text


# ===== custom fields =====

@test
def admins_define_custom_fields_per_entity_type():
    admin, _ = user("admin")
    s, _ = user()
    page = admin.get("/admin/fields")
    assert page.status == 200 and 'data-entity="rec"' in page.text, "every declared entity type is offered"
    page = admin.get("/admin/fields?entity=rec").text
    assert 'name="entity" value="rec"' in page
    name = crmtest.unique("Budget")
    r = admin.post("/admin/fields", {"entity": "rec", "name": name, "type": "list", "options": " Small \n\nLarge\r\n",
                                     "required": "1", "position": "5"})
    assert r.status == 303 and r.header("Location") == "/admin/fields?entity=rec", r.status
    fid = int(sql("SELECT id FROM crm_custom_field WHERE entity = 'rec' AND name = '%s'" % name)[0][0])
    try:
        # (options one per line; the client prints them joined here)
        assert sql("SELECT type, REPLACE(options, '\\n', '|'), required, position FROM crm_custom_field WHERE id = %d" % fid)[0] == \
            ["list", "Small|Large", "1", "5"]
        assert audited("field.create", fid, "custom_field") == [["name", "NULL", "rec: %s (list)" % name]]
        cases = [({"name": name, "type": "text"}, "name", "already has a field with this name"),
                 ({"name": crmtest.unique("L"), "type": "list", "options": " \n "}, "options", "at least one choice"),
                 ({"name": crmtest.unique("L"), "type": "list", "options": "a\na"}, "options", "only once"),
                 ({"name": crmtest.unique("T"), "type": "money"}, "type", "Choose a type from the list."),
                 ({"name": "", "type": "text"}, "name", "Enter the field's name."),
                 ({"name": crmtest.unique("P"), "type": "text", "position": "x"}, "position", "whole number")]
        for form, field, message in cases:
            r = admin.post("/admin/fields", dict(form, entity="rec"))
            assert r.status == 422 and message in (error_near(r.text, field) or ""), (form, r.status)
        assert admin.post("/admin/fields", {"entity": "nosuch", "name": "x", "type": "text"}).status == 404
        # The field is in the record's form, required, with its choices.
        form = s.get("/recs/new").text
        select = re.search(r'<select name="cf_%d".*?</select>' % fid, form, re.S).group(0)
        assert 'required="required"' in select and re.findall(r'<option value="([^"]*)"', select) == ["", "Small", "Large"]
        r = s.post("/recs", {"title": "needs budget", "visibility": "private", "cf_form": "1", "cf_%d" % fid: ""})
        assert r.status == 422 and "Fill in this field." in r.text
        rid = make_rec(s, cf_form="1", **{"cf_%d" % fid: "Large"})
        # Editing: the type stays; renaming and new choices are audited.
        r = admin.get("/admin/fields/%d" % fid)
        assert r.status == 200 and 'name="type"' not in r.text and crmtest.form_value(r.text, "name") == name
        r = admin.post("/admin/fields/%d" % fid, {"name": name + " v2", "options": "Small\nLarge\nHuge", "position": "5"})
        assert r.status == 303
        assert sql("SELECT name, REPLACE(options, '\\n', '|'), required FROM crm_custom_field WHERE id = %d" % fid)[0] == \
            [name + " v2", "Small|Large|Huge", "0"]
        changes = [row[0] for row in audited("field.change", fid, "custom_field")]
        assert changes == ["name", "options", "required"], changes
        # Deleting asks first, then takes the values with it.
        r = admin.get("/admin/fields/%d/delete" % fid)
        assert r.status == 200 and "<strong>1</strong>" in r.text and sql(
            "SELECT COUNT(*) FROM crm_custom_value WHERE field_id = %d" % fid)[0][0] == "1"
        assert admin.post("/admin/fields/%d/delete" % fid).status == 303
        assert sql("SELECT COUNT(*) FROM crm_custom_value WHERE field_id = %d" % fid)[0][0] == "0"
        assert audited("field.delete", fid, "custom_field") == [["name", "rec: %s v2" % name, "NULL"]]
        assert 'name="cf_%d"' % fid not in s.get("/recs/%d" % rid).text
    finally:
        sql("DELETE FROM crm_custom_field WHERE id = %d" % fid)


@test
def the_record_admin_pages_speak_russian():
    admin, _ = user("admin", locale="ru")
    for path, text in (("/admin/tags", "Теги"), ("/admin/categories", "Категории истории"),
                       ("/admin/fields?entity=rec", "Дополнительные поля")):
        r = admin.get(path)
        assert r.status == 200 and text in r.text, path
        assert "admin." not in plain(re.sub(r"<(script|style)\b.*?</\1>", "", r.text, flags=re.S)), path


if __name__ == "__main__":
    crmtest.main()
