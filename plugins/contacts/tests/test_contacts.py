"""The contacts plugin through nginx and MariaDB: persons and companies, the form and its
errors, duplicates and merging, E.164 lookups, record access in every way out, the veto
of a deletion, bulk actions, keyset paging and the list's fixed cost, the settings lists.

Each test makes its own users (unique logins, English pages) and its own contacts; the
test plugin "vetoer" refuses deleting contacts whose name holds "invoice", adds a list
action and a card panel, and asks "contact.lookup" for the tests."""
import html
import re
import urllib.parse

import crmtest
from crmtest import Session, sql, t, test

PASSWORD = "contacts pass 1"


def user(prefix="cu", role="user"):
    """A fresh signed-in user (English pages): (session, id)."""
    login = crmtest.unique(prefix)
    uid = crmtest.user_add(login, PASSWORD, role=role, name="Test %s" % login)
    sql("UPDATE crm_user SET locale = 'en' WHERE id = %d" % uid)
    s = Session()
    s.login(login, PASSWORD, next="/contacts")
    return s, uid


def person(s, first, last, expect=303, **fields):
    """Create a person through the form; returns its id (or the response when not 303)."""
    data = {"kind": "person", "first_name": first, "last_name": last, "then": "card"}
    data.update(fields)
    r = s.post("/contacts/new", data)
    if expect != 303:
        assert r.status == expect, (r.status, r.text[:500])
        return r
    assert r.status == 303, (r.status, r.text[:800])
    m = re.fullmatch(r"/contacts/(\d+)", r.header("Location") or "")
    assert m, r.header("Location")
    return int(m.group(1))


def company(s, name, **fields):
    data = {"kind": "company", "name": name, "then": "card"}
    data.update(fields)
    r = s.post("/contacts/new", data)
    assert r.status == 303, (r.status, r.text[:800])
    return int(re.fullmatch(r"/contacts/(\d+)", r.header("Location")).group(1))


def exists(cid):
    return sql("SELECT COUNT(*) FROM contact WHERE id = %d" % cid) == [["1"]]


def list_ids(s, path):
    """Contact ids on one list page, and its next and prev links."""
    r = s.get(path)
    assert r.status == 200, (path, r.status, r.text[:300])
    ids = [int(x) for x in re.findall(r'<tr class="contact" data-id="(\d+)"', r.text)]
    nxt = re.search(r'href="([^"]*)" rel="next"', r.text)
    prv = re.search(r'href="([^"]*)" rel="prev"', r.text)
    return ids, nxt and html.unescape(nxt.group(1)), prv and html.unescape(prv.group(1))


def field_value(text, name):
    m = re.search(r'<input\b[^>]*\bname="%s"[^>]*>' % re.escape(name), text)
    if not m:
        return None
    v = re.search(r'\bvalue="([^"]*)"', m.group(0))
    return html.unescape(v.group(1)) if v else ""


@test
def a_person_is_created_shown_edited_and_deleted():
    s, uid = user()
    tag = crmtest.unique("tag")
    cid = person(s, "Ivan", "Petrov", email_0="Ivan.Petrov@Example.com", email_kind_0="work",
                 phone_0="+7 912 345 6789", phone_kind_0="mobile", link_0="example.com", link_kind_0="site",
                 address_0="Moscow, Tverskaya 1", job_title="Buyer", description="Met at the fair",
                 currency="EUR", tags=tag)
    row = sql("SELECT kind, first_name, last_name, name, owner_id, visibility, currency FROM contact WHERE id = %d" % cid)
    assert row == [["person", "Ivan", "Petrov", "Petrov Ivan", str(uid), "private", "EUR"]], row
    assert sql("SELECT email FROM contact_email WHERE contact_id = %d" % cid) == [["ivan.petrov@example.com"]]
    assert sql("SELECT typed, e164 FROM contact_phone WHERE contact_id = %d" % cid) == [["+7 912 345 6789", "+79123456789"]]
    card = s.get("/contacts/%d" % cid)
    assert card.status == 200
    assert 'href="mailto:ivan.petrov@example.com"' in card.text
    assert 'href="tel:+79123456789"' in card.text
    assert 'href="https://example.com"' in card.text
    assert "Moscow, Tverskaya 1" in card.text and "Met at the fair" in card.text
    assert 'data-tag="%s"' % tag in card.text, "the tag shows on the card"
    assert 'id="history"' in card.text and 'id="files"' in card.text and 'id="photo"' in card.text
    assert 'data-panel="vetoer.contact"' in card.text, "other plugins' panels reach the card"
    # Edit: the form shows what is stored; a save changes it and writes history.
    edit = s.get("/contacts/%d/edit" % cid)
    assert edit.status == 200 and field_value(edit.text, "first_name") == "Ivan"
    assert field_value(edit.text, "email_0") == "ivan.petrov@example.com"
    r = s.post("/contacts/%d/edit" % cid, {"kind": "person", "first_name": "Ivan", "last_name": "Sidorov",
                                           "phone_0": "+7 912 345 6789", "currency": "EUR", "tags": tag,
                                           "visibility": "public_read", "then": "card"})
    assert r.status == 303 and r.header("Location") == "/contacts/%d" % cid, (r.status, r.text[:500])
    assert sql("SELECT name, visibility FROM contact WHERE id = %d" % cid) == [["Sidorov Ivan", "public_read"]]
    assert sql("SELECT COUNT(*) FROM contact_email WHERE contact_id = %d" % cid) == [["0"]], "an emptied row is removed"
    assert int(sql("SELECT COUNT(*) FROM crm_history WHERE entity = 'contact' AND record_id = %d" % cid)[0][0]) >= 2
    # Delete: a confirmation first, then the contact is gone and its card answers 404.
    confirm = s.get("/contacts/%d/delete" % cid)
    assert confirm.status == 200 and 'action="/contacts/%d/delete"' % cid in confirm.text
    assert exists(cid), "the confirmation deletes nothing"
    r = s.post("/contacts/%d/delete" % cid)
    assert r.status == 303 and r.header("Location") == "/contacts"
    assert not exists(cid)
    assert s.get("/contacts/%d" % cid).status == 404
    assert s.post("/contacts/%d/delete" % cid).status == 404


@test
def a_company_lists_its_people_and_a_person_names_an_existing_company():
    s, uid = user()
    name = "Romashka %s" % crmtest.unique("co")
    co = company(s, name, phone_0="+7 495 123 45 67")
    p = person(s, "Anna", "Smirnova", company=name, job_title="CFO")
    assert sql("SELECT company_id FROM contact WHERE id = %d" % p) == [[str(co)]]
    card = s.get("/contacts/%d" % co).text
    assert re.search(r'<li data-id="%d"><a href="/contacts/%d">Smirnova Anna</a>' % (p, p), card), "the company lists its people"
    assert 'href="/contacts/new?kind=person&amp;company=%d"' % co in card
    pre = s.get("/contacts/new?kind=person&company=%d" % co)
    assert field_value(pre.text, "company") == name, "adding a person from the company card fills the company"
    assert "%s</a>" % html.escape(name) in s.get("/contacts/%d" % p).text, "the person's card links the company"
    # A company that does not exist is refused on its field, with everything kept.
    r = person(s, "Oleg", "Ivanov", expect=422, company="No such company %s" % crmtest.unique())
    assert t("contacts.company_not_found") in r.text
    assert field_value(r.text, "first_name") == "Oleg"


@test
def validation_errors_keep_everything_typed():
    s, uid = user()
    before = sql("SELECT COUNT(*) FROM contact")[0][0]
    r = person(s, "Мария", "", expect=422, email_0="not-an-email", email_1="maria@example.com",
               phone_0="+7 (903) 111-22-33", link_0="javascript:alert(1)", job_title="Директор <b>",
               description="Строка 1\nСтрока 2", currency="XXX")
    assert t("core.form_errors") in r.text
    assert t("contacts.last_name_required") in r.text
    assert t("contacts.email_invalid") in r.text
    assert t("contacts.link_invalid") in r.text
    assert t("contacts.currency_invalid") in r.text
    assert field_value(r.text, "first_name") == "Мария"
    assert field_value(r.text, "email_0") == "not-an-email"
    assert field_value(r.text, "email_1") == "maria@example.com"
    assert field_value(r.text, "phone_0") == "+7 (903) 111-22-33"
    assert field_value(r.text, "job_title") == "Директор <b>"
    assert "Строка 1\nСтрока 2</textarea>" in r.text
    assert "<b>" not in r.text.replace("&lt;b&gt;", "")
    assert sql("SELECT COUNT(*) FROM contact")[0][0] == before, "nothing was saved"
    # A company needs its name; an oversized one is refused, not cut.
    r = s.post("/contacts/new", {"kind": "company", "name": "x" * 201})
    assert r.status == 422 and t("contacts.too_long_200") in r.text
    r = s.post("/contacts/new", {"kind": "company", "name": "  "})
    assert r.status == 422 and t("contacts.name_required") in r.text
    # Unknown ids in selects are refused on their field.
    r = person(s, "A", "B", expect=422, type_id="999999999", owner="999999999")
    assert t("contacts.type_invalid") in r.text and t("contacts.owner_invalid") in r.text
    assert sql("SELECT COUNT(*) FROM contact")[0][0] == before


@test
def save_and_create_new_starts_the_next_one():
    s, uid = user()
    r = s.post("/contacts/new", {"kind": "company", "name": crmtest.unique("Next"), "then": "new"})
    assert r.status == 303 and r.header("Location") == "/contacts/new?kind=company", r.header("Location")
    page = s.get(r.header("Location"))
    assert page.status == 200 and field_value(page.text, "name") in ("", None)
    assert t("contacts.created_ok") in page.text


@test
def a_number_in_any_written_form_finds_the_contact():
    s, uid = user()
    digits = "9%09d" % (int(crmtest.unique("")[1:9], 16) % 10**9)
    stored = "+7 %s %s %s" % (digits[:3], digits[3:6], digits[6:])
    cid = person(s, "Phone", "Owner", phone_0=stored, email_0="%s@phones.example" % digits)
    forms = ["8 (%s) %s-%s-%s" % (digits[:3], digits[3:6], digits[6:8], digits[8:]), "8%s" % digits,
             "+7(%s)%s" % (digits[:3], digits[3:]), "7 %s %s" % (digits[:3], digits[3:])]
    for f in forms:
        ids, _, _ = list_ids(s, "/contacts?q=" + urllib.parse.quote(f))
        assert ids == [cid], (f, ids)
        r = s.get("/vetoer/lookup?phone=" + urllib.parse.quote(f))
        assert r.status == 200 and r.text.startswith("%d|Owner Phone|/contacts/%d|" % (cid, cid)), (f, r.text)
    r = s.get("/vetoer/lookup?email=" + urllib.parse.quote("%s@PHONES.example" % digits))
    assert r.text.startswith("%d|" % cid), r.text
    # Another user does not find a private contact, by list or by lookup.
    other, _ = user()
    assert list_ids(other, "/contacts?q=" + urllib.parse.quote(forms[0]))[0] == []
    assert other.get("/vetoer/lookup?phone=" + urllib.parse.quote(forms[0])).text == ""


@test
def a_duplicate_shows_the_match_and_may_merge_into_it_or_be_created_anyway():
    s, uid = user()
    mail = "%s@dup.example" % crmtest.unique("d")
    first = person(s, "First", "Dup", email_0=mail)
    # The same email, typed differently: the form comes back with the match.
    r = person(s, "Second", "Dup", expect=409, email_0=mail.upper(), phone_0="+7 916 000 11 22")
    assert re.search(r'<tr class="duplicate" data-id="%d"' % first, r.text), r.text[:2000]
    assert 'name="merge_into" value="%d"' % first in r.text and 'name="dup_ok"' in r.text
    assert field_value(r.text, "first_name") == "Second" and field_value(r.text, "phone_0") == "+7 916 000 11 22"
    count = sql("SELECT COUNT(*) FROM contact")[0][0]
    # Merge into it: the typed phone joins the existing contact, nothing new is made.
    r = s.post("/contacts/new", {"kind": "person", "first_name": "Second", "last_name": "Dup", "email_0": mail,
                                 "phone_0": "+7 916 000 11 22", "job_title": "Engineer", "merge_into": str(first)})
    assert r.status == 303 and r.header("Location") == "/contacts/%d" % first
    assert sql("SELECT COUNT(*) FROM contact")[0][0] == count
    assert sql("SELECT e164 FROM contact_phone WHERE contact_id = %d" % first) == [["+79160001122"]]
    assert sql("SELECT COUNT(*) FROM contact_email WHERE contact_id = %d" % first) == [["1"]], "no email twice"
    assert sql("SELECT job_title FROM contact WHERE id = %d" % first) == [["Engineer"]], "an empty field was filled"
    # Create anyway: a second contact with the same email.
    r = s.post("/contacts/new", {"kind": "person", "first_name": "Third", "last_name": "Dup", "email_0": mail,
                                 "dup_ok": "1"})
    assert r.status == 303 and r.header("Location") != "/contacts/%d" % first
    assert sql("SELECT COUNT(*) FROM contact_email WHERE email = '%s'" % mail) == [["2"]]


@test
def merging_moves_fields_items_people_tags_and_history_then_deletes_the_source():
    s, uid = user()
    ta, tb = crmtest.unique("ta"), crmtest.unique("tb")
    a = company(s, crmtest.unique("Alpha"), phone_0="+7 495 111 11 11", tags=ta)
    b = company(s, crmtest.unique("Beta"), phone_0="8 495 111-11-11", email_0="b@merge.example",
                description="From B", tags=tb, dup_ok="1")
    member = person(s, "Worker", "Of B", company=sql("SELECT name FROM contact WHERE id = %d" % b)[0][0])
    confirm = s.get("/contacts/%d/merge?into=%d" % (b, a))
    assert confirm.status == 200 and 'action="/contacts/%d/merge"' % b in confirm.text
    r = s.post("/contacts/%d/merge" % b, {"into": str(a)})
    assert r.status == 303 and r.header("Location") == "/contacts/%d" % a, (r.status, r.text[:300])
    assert not exists(b)
    assert sql("SELECT description FROM contact WHERE id = %d" % a) == [["From B"]]
    assert sql("SELECT COUNT(*) FROM contact_phone WHERE contact_id = %d" % a) == [["1"]], "the same number once"
    assert sql("SELECT email FROM contact_email WHERE contact_id = %d" % a) == [["b@merge.example"]]
    assert sql("SELECT company_id FROM contact WHERE id = %d" % member) == [[str(a)]], "B's people moved"
    card = s.get("/contacts/%d" % a).text
    assert 'data-tag="%s"' % ta in card and 'data-tag="%s"' % tb in card, "both tags"
    assert "vetoer: contact %d merged into %d" % (b, a) in crmtest.log_text(), "contact.merged was published"
    # A person and a company are not merged.
    p = person(s, "Solo", "Person")
    r = s.post("/contacts/%d/merge" % p, {"into": str(a)})
    assert r.status == 303 and exists(p) and exists(a)


@test
def access_private_public_read_and_public_write():
    owner, oid = user("own")
    other, other_id = user("oth")
    admin, _ = user("adm", role="admin")
    secret = crmtest.unique("Secret")
    priv = person(owner, secret, "Private", email_0="%s@priv.example" % secret.lower())
    pub_r = person(owner, secret, "Readable", visibility="public_read")
    pub_w = person(owner, secret, "Writable", visibility="public_write")
    seen = set(list_ids(other, "/contacts?kind=person&q=" + urllib.parse.quote("Readable"))[0])
    assert pub_r in seen and priv not in seen
    for who, sess, expect in (("owner", owner, {priv, pub_r, pub_w}), ("other", other, {pub_r, pub_w}),
                              ("admin", admin, {priv, pub_r, pub_w})):
        ids = set()
        for last in ("Private", "Readable", "Writable"):
            ids |= set(list_ids(sess, "/contacts?q=" + urllib.parse.quote(last))[0]) & {priv, pub_r, pub_w}
        assert ids == expect, (who, ids, expect)
        # Search by email finds only what the user may read.
        found = list_ids(sess, "/contacts?q=" + urllib.parse.quote("%s@priv.example" % secret.lower()))[0]
        assert (priv in found) == (priv in expect), (who, found)
    # Public contacts are marked in the list.
    page = owner.get("/contacts?q=Readable").text
    assert re.search(r'data-id="%d"[^>]*data-visibility="public_read"' % pub_r, page)
    assert 'class="badge badge-accent contact-public"' in page
    # By URL: the private card, its edit and delete answer 404 as for a missing record.
    missing = other.get("/contacts/999999999")
    for path in ("/contacts/%d" % priv, "/contacts/%d/edit" % priv, "/contacts/%d/delete" % priv):
        r = other.get(path)
        assert r.status == 404 and r.body == missing.body, (path, r.status)
    assert other.post("/contacts/%d/delete" % priv).status == 404 and exists(priv)
    assert other.post("/contacts/%d/edit" % priv, {"kind": "person", "first_name": "X", "last_name": "Y"}).status == 404
    # Public read: the card, but no edit; public write: both.
    card = other.get("/contacts/%d" % pub_r)
    assert card.status == 200 and "/contacts/%d/edit" % pub_r not in card.text
    assert other.get("/contacts/%d/edit" % pub_r).status == 404
    r = other.post("/contacts/%d/edit" % pub_w, {"kind": "person", "first_name": secret, "last_name": "Edited",
                                                  "visibility": "public_write"})
    assert r.status == 303 and sql("SELECT last_name FROM contact WHERE id = %d" % pub_w) == [["Edited"]]
    # Export: the other user's export never holds the private contact.
    csv = other.get("/contacts/export?q=" + urllib.parse.quote(secret))
    assert csv.status == 200 and "text/csv" in (csv.header("Content-Type") or ""), csv.header("Content-Type")
    assert "Private" not in csv.text and "Readable" in csv.text
    r = other.post("/contacts/bulk", [("action", "export"), ("id", str(priv)), ("id", str(pub_r))])
    assert r.status == 200 and "Readable" in r.text and "Private" not in r.text
    # A manager added on the form sees the private contact and was notified.
    r = owner.post("/contacts/%d/edit" % priv, [("kind", "person"), ("first_name", secret), ("last_name", "Private"),
                                                ("email_0", "%s@priv.example" % secret.lower()),
                                                ("manager", str(other_id))])
    assert r.status == 303, (r.status, r.text[:500])
    assert other.get("/contacts/%d" % priv).status == 200
    assert sql("SELECT COUNT(*) FROM crm_notification WHERE user_id = %d AND msg_key = 'contacts.made_manager'"
               % other_id) == [["1"]]


@test
def a_subscriber_vetoes_deleting_a_contact_with_an_invoice():
    s, uid = user()
    kept = person(s, "Has", "invoice %s" % crmtest.unique())
    plain = person(s, "No", "Invoices %s" % crmtest.unique())
    confirm = s.get("/contacts/%d/delete" % kept)
    assert confirm.status == 409 and t("vetoer.has_invoice") in confirm.text
    assert 'action="/contacts/%d/delete"' % kept not in confirm.text, "no delete button once refused"
    r = s.post("/contacts/%d/delete" % kept)
    assert r.status == 409 and t("vetoer.has_invoice") in r.text and t("contacts.refused") in r.text
    assert exists(kept)
    # In bulk: each contact asks on its own; the refused one is reported, the other goes.
    r = s.post("/contacts/bulk/delete", [("id", str(kept)), ("id", str(plain))])
    assert r.status == 409 and t("vetoer.has_invoice") in r.text
    assert re.search(r'<li data-id="%d">' % kept, r.text)
    assert exists(kept) and not exists(plain)
    # With the vetoer disabled nothing stands in the way.
    crmtest.crmctl("plugin", "disable", "vetoer")
    try:
        assert s.post("/contacts/%d/delete" % kept).status == 303 and not exists(kept)
    finally:
        crmtest.crmctl("plugin", "enable", "vetoer")


@test
def bulk_actions_tag_manager_export_and_other_plugins_actions():
    s, uid = user()
    other, oid = user("bm")
    stem = crmtest.unique("Bulk")
    ids = [person(s, stem, "N%d" % i) for i in range(3)]
    page = s.get("/contacts?q=" + urllib.parse.quote(stem)).text
    assert 'formaction="/vetoer/bulk"' in page, "the list action of another plugin is offered"
    assert 'name="id" value="%d"' % ids[0] in page
    tag = crmtest.unique("bt")
    r = s.post("/contacts/bulk", [("action", "tag"), ("tag", tag)] + [("id", str(i)) for i in ids[:2]])
    assert r.status == 303, (r.status, r.text[:300])
    tagged, _, _ = list_ids(s, "/contacts?tag=" + urllib.parse.quote(tag))
    assert sorted(tagged) == sorted(ids[:2]), tagged
    # A tag counts characters, not bytes; a control character is refused with a message.
    long_tag = "Ж" * 60 + crmtest.unique("")[-6:]
    r = s.post("/contacts/bulk", [("action", "tag"), ("tag", long_tag), ("id", str(ids[2]))])
    assert r.status == 303 and ids[2] in list_ids(s, "/contacts?tag=" + urllib.parse.quote(long_tag))[0]
    r = s.post("/contacts/bulk", [("action", "tag"), ("tag", "bad\x01tag"), ("id", str(ids[2]))])
    assert r.status == 303, (r.status, r.text[:200])
    assert sql("SELECT COUNT(*) FROM crm_tag WHERE name LIKE 'bad%tag'") == [["0"]]
    r = s.post("/contacts/bulk", [("action", "manager"), ("manager", str(oid)), ("id", str(ids[2]))])
    assert r.status == 303
    assert sql("SELECT owner_id FROM contact WHERE id = %d" % ids[2]) == [[str(oid)]]
    assert sql("SELECT COUNT(*) FROM crm_notification WHERE user_id = %d AND msg_key = 'contacts.made_manager_bulk'"
               % oid) == [["1"]]
    # As an edit of the manager on the form, the change is in the contact's history.
    name = sql("SELECT name FROM crm_user WHERE id = %d" % oid)[0][0]
    assert sql("SELECT text FROM crm_history WHERE entity = 'contact' AND record_id = %d AND text LIKE '%%: Test %%'"
               % ids[2]) == [["%s: %s" % (t("contacts.col.owner_id"), name)]]
    assert list_ids(other, "/contacts?manager=%d&q=%s" % (oid, urllib.parse.quote(stem)))[0] == [ids[2]]
    csv = s.post("/contacts/bulk", [("action", "export")] + [("id", str(i)) for i in ids[:2]])
    assert csv.status == 200 and "attachment" in (csv.header("Content-Disposition") or "")
    lines = csv.body.decode("utf-8-sig").strip().splitlines()
    assert lines[0].startswith("id,kind,first_name") and len(lines) == 3, lines
    # The list action's target gets the ticked ids, posted with the session's token.
    r = s.post("/vetoer/bulk", [("id", str(ids[0])), ("id", str(ids[1]))])
    assert r.status == 200 and r.text == "ids: %d %d" % (ids[0], ids[1])
    # Nothing ticked, or an unknown action: a message, nothing changed.
    r = s.post("/contacts/bulk", [("action", "tag"), ("tag", "x")])
    assert r.status == 303
    assert s.post("/contacts/bulk", [("action", "explode"), ("id", str(ids[0]))]).status == 400
    # Bulk delete asks first.
    r = s.post("/contacts/bulk", [("action", "delete"), ("id", str(ids[0]))])
    assert r.status == 200 and 'action="/contacts/bulk/delete"' in r.text and exists(ids[0])


@test
def keyset_paging_over_more_than_one_page_in_both_sorts():
    s, uid = user()
    stem = crmtest.unique("Page")
    values = ", ".join("('person', '%s', 'P%03d', 'P%03d %s', %d, 'private')" % (stem, i, i, stem, uid) for i in range(57))
    sql("INSERT INTO contact (kind, first_name, last_name, name, owner_id, visibility) VALUES " + values)
    want = [int(x[0]) for x in sql("SELECT id FROM contact WHERE first_name = '%s' ORDER BY name, id" % stem)]
    ids, nxt, prv = list_ids(s, "/contacts?q=" + urllib.parse.quote(stem))
    assert ids == want[:50] and nxt and not prv, (len(ids), nxt, prv)
    ids2, nxt2, prv2 = list_ids(s, nxt)
    assert ids2 == want[50:] and not nxt2 and prv2, (ids2, nxt2, prv2)
    back, _, _ = list_ids(s, prv2)
    assert back == want[:50]
    # Newest first: created_at, then id, descending.
    newest = [int(x[0]) for x in sql("SELECT id FROM contact WHERE first_name = '%s' ORDER BY created_at DESC, id DESC" % stem)]
    ids, nxt, _ = list_ids(s, "/contacts?sort=created&q=" + urllib.parse.quote(stem))
    ids2, _, _ = list_ids(s, nxt)
    assert ids + ids2 == newest


def statements():
    return int(sql("SHOW GLOBAL STATUS LIKE 'Com_stmt_execute'")[0][1])


def page_cost(s, uid, path):
    costs = []
    for _ in range(3):
        sql("UPDATE crm_session SET last_seen = NOW() WHERE user_id = %d" % uid)
        before = statements()
        list_ids(s, path)
        costs.append(statements() - before)
    return min(costs)


@test
def a_list_page_costs_the_same_for_3_rows_and_for_50():
    s, uid = user()
    few, many = crmtest.unique("Few"), crmtest.unique("Many")
    for stem, n in ((few, 3), (many, 60)):
        values = ", ".join("('person', '%s', 'L%03d', 'L%03d %s', %d, 'public_read')" % (stem, i, i, stem, uid)
                           for i in range(n))
        sql("INSERT INTO contact (kind, first_name, last_name, name, owner_id, visibility) VALUES " + values)
    a = page_cost(s, uid, "/contacts?q=" + few)
    b = page_cost(s, uid, "/contacts?q=" + many)
    assert a == b and a <= 12, (a, b)
    ids, nxt, _ = list_ids(s, "/contacts?q=" + many)
    c = page_cost(s, uid, nxt)
    assert c <= b + 1, (b, c)


@test
def filters_narrow_the_list():
    s, uid = user()
    stem = crmtest.unique("Flt")
    types = dict((n, i) for i, n in sql("SELECT id, name FROM contact_type"))
    temps = dict((n, i) for i, n in sql("SELECT id, name FROM contact_temperature"))
    a = person(s, stem, "A", type_id=types["contacts.type.client"], temperature_id=temps["contacts.temp.hot"],
               visibility="public_read", tags="ftag-" + stem)
    b = company(s, stem + " B", type_id=types["contacts.type.partner"])
    q = "q=" + urllib.parse.quote(stem)
    assert list_ids(s, "/contacts?kind=person&" + q)[0] == [a]
    assert list_ids(s, "/contacts?kind=company&" + q)[0] == [b]
    assert list_ids(s, "/contacts?type=%s&%s" % (types["contacts.type.client"], q))[0] == [a]
    assert list_ids(s, "/contacts?temperature=%s&%s" % (temps["contacts.temp.hot"], q))[0] == [a]
    assert list_ids(s, "/contacts?vis=public&" + q)[0] == [a]
    assert list_ids(s, "/contacts?vis=private&" + q)[0] == [b]
    assert list_ids(s, "/contacts?tag=%s" % urllib.parse.quote("ftag-" + stem))[0] == [a]
    assert set(list_ids(s, "/contacts?manager=%d&%s" % (uid, q))[0]) == {a, b}
    # Bad filters: oversized input is refused, unknown values are ignored.
    assert s.get("/contacts?q=" + "x" * 300).status == 400
    assert s.get("/contacts?kind=alien&" + q).status == 200
    assert s.get("/contacts?type=abc&" + q).status == 200


@test
def admins_edit_the_types_and_temperature_levels():
    admin, _ = user("sa", role="admin")
    plain, _ = user("sp")
    assert plain.get("/contacts/settings/types").status == 403
    assert admin.get("/contacts/settings/nothing").status == 404
    name = crmtest.unique("Type")
    r = admin.post("/contacts/settings/types", {"name": name})
    assert r.status == 303
    tid = int(sql("SELECT id FROM contact_type WHERE name = '%s'" % name)[0][0])
    assert admin.post("/contacts/settings/types", {"name": name}).status == 422, "names are unique"
    assert admin.post("/contacts/settings/types", {"name": ""}).status == 422
    renamed = name + " renamed"
    assert admin.post("/contacts/settings/types/%d/rename" % tid, {"name": renamed}).status == 303
    assert sql("SELECT name FROM contact_type WHERE id = %d" % tid) == [[renamed]]
    order = lambda: [int(x[0]) for x in sql("SELECT id FROM contact_type ORDER BY position, id")]
    at = order().index(tid)
    assert admin.post("/contacts/settings/types/%d/move" % tid, {"dir": "up"}).status == 303
    assert order().index(tid) == at - 1
    # A contact of this type keeps none once it is deleted, after a confirmation.
    cid = person(admin, "Typed", "Contact", type_id=str(tid))
    confirm = admin.get("/contacts/settings/types/%d/delete" % tid)
    assert confirm.status == 200 and renamed in confirm.text
    assert admin.post("/contacts/settings/types/%d/delete" % tid).status == 303
    assert sql("SELECT type_id FROM contact WHERE id = %d" % cid) == [["NULL"]]
    temps = admin.get("/contacts/settings/temperatures")
    assert temps.status == 200 and t("contacts.temp.hot") in temps.text, "seeded names show translated"


@test
def a_list_action_posting_to_another_site_is_refused_at_load():
    out = crmtest.crmctl("plugin", "list").stdout
    row = [l for l in out.splitlines() if l.split()[:1] == ["badaction"]]
    assert row and " refused " in " %s " % row[0] and "local url" in row[0], out
    page = user()[0].get("/contacts").text
    assert "evil.example" not in page and 'formaction="/vetoer/bulk"' in page


if __name__ == "__main__":
    crmtest.main()
