"""What a CSV import of contacts leaves besides the contacts: a "created" history item on
each new one (and "changed" on each updated one), one notification per manager the file
gives contacts to, with the count of the whole import, and nothing of either when the
import is undone; and the way between the contacts list and the import wizard."""
import html
import re

from crmtest import Session, main, sql, statements, t, test, unique
from import_helpers import PASSWORD, counts, grant, person, run


def msg(key):
    return html.unescape(t(key, "ru"))


def ids_by_email(tag):
    """{email: contact id} of the contacts whose email holds tag."""
    return {e: int(i) for e, i in sql("SELECT email, contact_id FROM contact_email WHERE email LIKE '%%%s%%'" % tag)}


def history(cid):
    """[(category code, text, user id)] of a contact, oldest first."""
    return [(c, x, u) for c, x, u in sql(
        "SELECT c.code, h.text, h.user_id FROM crm_history h JOIN crm_history_category c ON c.id = h.category_id "
        "WHERE h.entity = 'contact' AND h.record_id = %d ORDER BY h.id" % cid)]


def notifications(uid, key):
    """[(text, url)] of user uid's notifications under key."""
    return [tuple(r) for r in sql("SELECT text, url FROM crm_notification WHERE user_id = %d AND msg_key = '%s' "
                                  "ORDER BY id" % (uid, key))]


@test
def imported_contacts_get_history_items_like_those_made_in_the_form():
    s, login, uid = person("admin")
    tag = unique("h")
    data = ("first_name,last_name,email,company\n"
            "Анна,Петрова,anna.{t}@example.com,Фирма {t}\n"
            "Boris,Brown,boris.{t}@example.com,\n").format(t=tag).encode()
    _, page = run(s, data)
    assert counts(page.text)["created"] == 2, counts(page.text)
    got = ids_by_email(tag)
    anna, boris = got["anna.%s@example.com" % tag], got["boris.%s@example.com" % tag]
    assert history(anna) == [("created", "Петрова Анна", str(uid))], history(anna)
    assert history(boris) == [("created", "Brown Boris", str(uid))], history(boris)
    # The company the file named was created too, with its own item.
    [[firm]] = sql("SELECT id FROM contact WHERE kind = 'company' AND name = 'Фирма %s'" % tag)
    assert history(int(firm)) == [("created", "Фирма %s" % tag, str(uid))]
    # The card shows the item as the form's contacts show theirs.
    card = s.get("/contacts/%d" % anna)
    assert card.status == 200 and 'class="history-item history-created"' in card.text, card.text[:300]

    # Updating from a second file adds "changed"; a skipped row adds nothing.
    data = ("first_name,last_name,email,job_title\n"
            "Анна,Петрова,anna.{t}@example.com,Директор\n").format(t=tag).encode()
    _, page = run(s, data, policy="update")
    assert counts(page.text)["updated"] == 1, counts(page.text)
    assert history(anna)[1:] == [("changed", msg("contacts.import.history_updated"), str(uid))], history(anna)
    _, page = run(s, data, policy="skip")
    assert counts(page.text)["skipped"] == 1, counts(page.text)
    assert len(history(anna)) == 2


@test
def each_manager_is_notified_once_per_import_with_its_count():
    s, login, uid = person("admin")
    _, m1_login, m1 = person("user", "mgr")
    _, m2_login, m2 = person("user", "mgr")
    tag = unique("n")
    # 1,100 rows: three batches of the runner, each manager in more than one of them.
    rows = ["first_name,last_name,email,manager"]
    for i in range(1100):
        manager = m1_login if i % 3 else m2_login
        if i == 7:
            manager = login  # the importer gives one to themself: no notification for that
        rows.append("P%d,Imp%s,p%d.%s@example.com,%s" % (i, tag, i, tag, manager))
    _, page = run(s, ("\n".join(rows) + "\n").encode())
    assert counts(page.text)["created"] == 1100, counts(page.text)
    n1 = sum(1 for i in range(1100) if i % 3 and i != 7)
    n2 = sum(1 for i in range(1100) if not i % 3 and i != 7)
    assert notifications(m1, "contacts.import.notify_managed") == [(str(n1), "/contacts?manager=%d" % m1)]
    assert notifications(m2, "contacts.import.notify_managed") == [(str(n2), "/contacts?manager=%d" % m2)]
    assert notifications(uid, "contacts.import.notify_managed") == []
    assert sql("SELECT COUNT(*) FROM crm_record_user WHERE user_id = %d AND kind = 'manager' AND entity = 'contact'"
               % m1) == [[str(n1)]]
    # The manager follows the link to the contacts the import gave them.
    m1s = Session()
    m1s.login(m1_login, PASSWORD, next="/contacts")
    listed = m1s.get("/contacts?manager=%d" % m1)
    assert listed.status == 200 and "Imp%s" % tag in listed.text

    # Updating the same contacts gives no one anything new: no second notification.
    _, page = run(s, ("\n".join(rows) + "\n").encode(), policy="update")
    assert counts(page.text)["updated"] == 1100, counts(page.text)
    assert len(notifications(m1, "contacts.import.notify_managed")) == 1


@test
def an_import_undone_leaves_no_history_and_no_notification():
    s, login, uid = person("admin")
    _, m_login, m = person("user", "mgr")
    tag = unique("u")
    data = ("first_name,last_name,email,manager\n"
            "Good,One{t},good.{t}@example.com,{m}\n"
            ",Bad,bad.{t}@example.com,{m}\n").format(t=tag, m=m_login).encode()
    _, page = run(s, data, mode="all")
    assert counts(page.text)["created"] == 0, counts(page.text)
    assert ids_by_email(tag) == {}
    assert sql("SELECT COUNT(*) FROM crm_history h WHERE h.entity = 'contact' AND h.text = 'One%s Good'" % tag) == \
        [["0"]]
    assert notifications(m, "contacts.import.notify_managed") == []
    # The same file without its bad row goes in whole, and then the manager hears of it.
    data = ("first_name,last_name,email,manager\nGood,One{t},good.{t}@example.com,{m}\n").format(t=tag, m=m_login).encode()
    _, page = run(s, data, mode="all")
    assert counts(page.text)["created"] == 1, counts(page.text)
    assert notifications(m, "contacts.import.notify_managed") == [("1", "/contacts?manager=%d" % m)]


@test
def tags_of_each_row_go_in_without_a_statement_per_row():
    s, login, uid = person("admin")
    tag = unique("g")
    rows = ["first_name,last_name,email,tags"]
    for i in range(600):
        rows.append('T%d,Tag%s,t%d.%s@example.com,"own-%d-%s, all-%s"' % (i, tag, i, tag, i, tag, tag))
    before = statements()
    _, page = run(s, ("\n".join(rows) + "\n").encode())
    spent = statements() - before
    assert counts(page.text)["created"] == 600, counts(page.text)
    # Two batches of the runner: a fixed number of statements each, not one per tag.
    assert spent < 300, spent
    got = sql("SELECT COUNT(*), COUNT(DISTINCT r.record_id) FROM crm_record_tag r JOIN crm_tag t ON t.id = r.tag_id "
              "WHERE r.entity = 'contact' AND t.name LIKE 'own-%%-%s'" % tag)
    assert got == [["600", "600"]], got
    [cid] = [i for e, i in ids_by_email(tag).items() if e.startswith("t7.")]
    assert sorted(x[0] for x in sql("SELECT t.name FROM crm_record_tag r JOIN crm_tag t ON t.id = r.tag_id "
                                    "WHERE r.entity = 'contact' AND r.record_id = %d" % cid)) == \
        sorted(["own-7-%s" % tag, "all-%s" % tag])


@test
def the_list_leads_to_the_wizard_and_the_report_back_to_the_list():
    admin, login, uid = person("admin")
    listed = admin.get("/contacts")
    assert listed.status == 200
    assert re.search(r'<a class="[^"]*contacts-import[^"]*" href="/import/contact">', listed.text), listed.text[:2000]
    assert admin.get("/import/contact").status == 200
    tag = unique("l")
    _, page = run(admin, ("first_name,last_name,email\nList,Back,lb.%s@example.com\n" % tag).encode())
    assert re.search(r'<a class="[^"]*import-list[^"]*" href="/contacts">', page.text), page.text[:3000]
    assert msg("import.to_list") in html.unescape(page.text)

    # A CRM user without the permission sees no button; granted it, they do.
    user, u_login, u_id = person("user")
    assert "/import/contact" not in user.get("/contacts").text
    grant(u_login, "contacts.import")
    again = Session()
    again.login(u_login, PASSWORD, next="/contacts")
    assert 'href="/import/contact"' in again.get("/contacts").text


if __name__ == "__main__":
    main()
