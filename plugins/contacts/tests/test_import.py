"""CSV import of contacts through the wizard and the jobs process: UTF-8 with a BOM and
Windows-1251 files with a bad row reported, the duplicates policies, all or nothing,
lists and managers by name, custom fields, the permission, and exports that keep to
record access."""
import html
import random

from crmtest import Session, main, sql, t, test, unique
from import_helpers import (PASSWORD, counts, grant, import_id, person, refused, run, start, unzip,
                            upload, wait)


def msg(key):
    """A message as the report shows it to our users (their locale is Russian)."""
    return html.unescape(t(key, "ru"))


def contact_ids(email):
    return [int(r[0]) for r in sql("SELECT contact_id FROM contact_email WHERE email = '%s' ORDER BY contact_id" % email)]


def phone():
    """Nine digits for a mobile number +7 9XX XXX-XX-XX no other test uses."""
    return "%09d" % random.randrange(10 ** 9)


def one(query):
    rows = sql(query)
    assert len(rows) == 1, (query, rows)
    return rows[0]


@test
def a_utf8_file_with_a_bom_imports_and_reports_its_bad_row():
    s, login, uid = person("admin")
    tag = unique("u")
    a, b, c = ("%s.%s@example.com" % (n, tag) for n in ("anna", "boris", "bad"))
    n1, n2 = phone(), phone()
    # Russian headers are matched to the fields by their titles.
    data = ("\ufeffФамилия,Имя,Эл. почта,Телефон,Компания\r\n"
            "Петрова,Анна,%s,+7 9%s %s-%s-%s,ООО Ромашка %s\r\n"
            "Смирнов,Борис,%s,,ооо ромашка %s\r\n"
            "Иванов,,%s,,\r\n"
            "\"Ким, мл.\",Ли,,8 (9%s) %s-%s-%s,\r\n"
            % (a, n1[:2], n1[2:5], n1[5:7], n1[7:], tag, b, tag, c, n2[:2], n2[2:5], n2[5:7], n2[7:])).encode("utf-8")
    iid, page = run(s, data)
    assert "utf-8-bom" in one("SELECT encoding FROM crm_import WHERE id = %d" % iid)
    assert counts(page.text) == {"created": 3, "updated": 0, "skipped": 0, "refused": 1}, counts(page.text)
    assert refused(page.text) == [(4, "Имя", msg("contacts.first_name_required"))], refused(page.text)
    assert contact_ids(c) == []
    first, last, company = one("SELECT c.first_name, c.last_name, co.name FROM contact c JOIN contact_email e "
                               "ON e.contact_id = c.id LEFT JOIN contact co ON co.id = c.company_id WHERE e.email = '%s'" % a)
    assert (first, last, company) == ("Анна", "Петрова", "ООО Ромашка %s" % tag)
    # Both spellings of the company are one new company, owned by the importer.
    companies = sql("SELECT id, owner_id FROM contact WHERE kind = 'company' AND name = 'ООО Ромашка %s'" % tag)
    assert len(companies) == 1 and int(companies[0][1]) == uid, companies
    assert one("SELECT COUNT(*) FROM contact c JOIN contact_email e ON e.contact_id = c.id WHERE e.email IN ('%s', '%s') "
               "AND c.company_id = %s" % (a, b, companies[0][0]))[0] == "2"
    # The phone is stored as typed and in E.164; the quoted comma stayed in the name.
    assert one("SELECT p.e164 FROM contact_phone p JOIN contact c ON c.id = p.contact_id WHERE c.last_name = 'Ким, мл.' "
               "AND c.owner_id = %d" % uid)[0] == "+79" + n2
    # The refused rows come back as CSV with the line and the reason.
    csv = s.get("/imports/%d/refused.csv" % iid)
    assert csv.status == 200 and "text/csv" in csv.header("Content-Type")
    text = csv.body.decode("utf-8-sig")
    assert "Иванов,," in text and "4," in text and msg("contacts.first_name_required") in text, text
    assert "Петрова" not in text


@test
def a_windows_1251_semicolon_file_imports_and_reports_its_bad_row():
    s, login, uid = person("admin")
    tag = unique("w")
    rows = ["last_name;first_name;email;job_title;description",
            "Ёлкин;Пётр;elkin.%s@example.com;Директор;Клиент с 2019; «важный»" % tag,
            "Щукина;Юлия;not-an-email;;",
            "Жуков;Эдуард;zhukov.%s@example.com;\"Инженер; главный\";" % tag]
    data = ("\r\n".join(rows) + "\r\n").encode("cp1251")
    iid, page = run(s, data)
    # The second row's description holds an unquoted ";": it has one value too many.
    got = refused(page.text)
    assert [(line, f) for line, f, _ in got] == [(2, ""), (3, "Эл. почта")], got
    assert got[0][2] == msg("import.columns") and got[1][2] == msg("contacts.email_invalid"), got
    assert one("SELECT encoding, delimiter FROM crm_import WHERE id = %d" % iid) == ["windows-1251", ";"]
    assert counts(page.text)["created"] == 1
    assert one("SELECT c.first_name, c.last_name, c.job_title FROM contact c JOIN contact_email e ON e.contact_id = c.id "
               "WHERE e.email = 'zhukov.%s@example.com'" % tag) == ["Эдуард", "Жуков", "Инженер; главный"]


@test
def all_or_nothing_leaves_nothing_when_a_row_is_refused():
    s, login, uid = person("admin")
    tag = unique("n")
    good = ["ok%d.%s@example.com" % (i, tag) for i in range(700)]
    lines = ["first_name,last_name,email"] + ["Имя%d,Фамилия,%s" % (i, e) for i, e in enumerate(good)]
    lines.insert(649, "Плохой,,bad.%s@example.com" % tag)  # line 650, in the second batch
    iid, page = run(s, ("\n".join(lines) + "\n").encode(), mode="all")
    assert counts(page.text) == {"created": 0, "updated": 0, "skipped": 0, "refused": 1}, counts(page.text)
    assert refused(page.text) == [(650, "Фамилия", msg("contacts.last_name_required"))], refused(page.text)
    assert msg("import.nothing_imported") in html.unescape(page.text)
    assert one("SELECT COUNT(*) FROM contact_email WHERE email LIKE '%%.%s@example.com'" % tag)[0] == "0"
    assert one("SELECT committed, state FROM crm_import WHERE id = %d" % iid) == ["0", "done"]
    # Fixed, the same file goes in whole.
    lines[649] = "Хороший,Человек,bad.%s@example.com" % tag
    iid, page = run(s, ("\n".join(lines) + "\n").encode(), mode="all")
    assert counts(page.text) == {"created": 701, "updated": 0, "skipped": 0, "refused": 0}, counts(page.text)
    assert one("SELECT COUNT(*) FROM contact_email WHERE email LIKE '%%.%s@example.com'" % tag)[0] == "701"
    assert one("SELECT committed FROM crm_import WHERE id = %d" % iid) == ["1"]


@test
def duplicates_are_skipped_updated_or_created_as_chosen():
    s, login, uid = person("admin")
    tag = unique("d")
    email = "dup.%s@example.com" % tag
    phone_digits = phone()
    typed = "+7 9%s" % phone_digits
    _, page = run(s, ("first_name,last_name,email,phone,job_title\nDina,Orlova,%s,%s,Buyer\n" % (email, typed)).encode())
    assert counts(page.text)["created"] == 1
    [cid] = contact_ids(email)

    # skip: the same email in capitals matches
    _, page = run(s, ("first_name,last_name,email,job_title\nDina,Orlova,%s,Boss\n" % email.upper()).encode(),
                  policy="skip")
    assert counts(page.text) == {"created": 0, "updated": 0, "skipped": 1, "refused": 0}, counts(page.text)
    assert one("SELECT job_title FROM contact WHERE id = %d" % cid) == ["Buyer"]

    # update: the phone written another way matches by E.164; values replace, items add
    other = "second.%s@example.com" % tag
    _, page = run(s, ("first_name,last_name,email,phone,job_title\nDina,Orlova-Lee,%s,8 (9%s) %s-%s-%s,Boss\n"
                      % (other, phone_digits[:2], phone_digits[2:5], phone_digits[5:7], phone_digits[7:])).encode(),
                  policy="update")
    assert counts(page.text) == {"created": 0, "updated": 1, "skipped": 0, "refused": 0}, counts(page.text)
    assert one("SELECT job_title, last_name, name FROM contact WHERE id = %d" % cid) == ["Boss", "Orlova-Lee", "Orlova-Lee Dina"]
    assert contact_ids(other) == [cid]
    assert one("SELECT COUNT(*) FROM contact_phone WHERE contact_id = %d" % cid)[0] == "1"

    # create: a second contact with the same email
    _, page = run(s, ("first_name,last_name,email\nDina,Twin,%s\n" % email).encode(), policy="create")
    assert counts(page.text)["created"] == 1
    assert len(contact_ids(email)) == 2

    # a row repeating an earlier row of the same file is that contact again
    third = "third.%s@example.com" % tag
    _, page = run(s, ("first_name,last_name,email\nIra,One,%s\nIra,Again,%s\n" % (third, third)).encode())
    assert counts(page.text) == {"created": 1, "updated": 0, "skipped": 1, "refused": 0}, counts(page.text)


@test
def types_temperatures_managers_and_tags_are_matched_by_name():
    s, login, uid = person("admin")
    _, manager, mid = person("user")
    tag = unique("l")
    data = ("first_name,last_name,email,type,temperature,manager,tags\n"
            "Ann,One,one.{t}@example.com,клиент,ГОРЯЧИЙ,{m},\"vip-{t}, new-{t}\"\n"
            "Bob,Two,two.{t}@example.com,Клиент,теплый,,vip-{t}\n"
            "Cid,Three,three.{t}@example.com,Alien,,,\n"
            "Dan,Four,four.{t}@example.com,,,nobody-{t},\n").format(t=tag, m=manager).encode()
    _, page = run(s, data)
    assert counts(page.text)["created"] == 2, counts(page.text)
    assert [(line, f) for line, f, _ in refused(page.text)] == [(4, "Тип контакта"), (5, "Менеджер (логин)")]
    assert [why for _, _, why in refused(page.text)] == [msg("contacts.import.type_unknown"),
                                                         msg("contacts.import.manager_unknown")]
    [one_id] = contact_ids("one.%s@example.com" % tag)
    [two_id] = contact_ids("two.%s@example.com" % tag)
    assert one("SELECT t.name, p.name FROM contact c JOIN contact_type t ON t.id = c.type_id "
               "JOIN contact_temperature p ON p.id = c.temperature_id WHERE c.id = %d" % one_id) == \
        ["contacts.type.client", "contacts.temp.hot"]
    assert one("SELECT t.name, p.name FROM contact c JOIN contact_type t ON t.id = c.type_id "
               "JOIN contact_temperature p ON p.id = c.temperature_id WHERE c.id = %d" % two_id) == \
        ["contacts.type.client", "contacts.temp.warm"]
    assert sql("SELECT user_id FROM crm_record_user WHERE entity = 'contact' AND record_id = %d AND kind = 'manager'"
               % one_id) == [[str(mid)]]
    tags = sql("SELECT r.record_id, t.name FROM crm_record_tag r JOIN crm_tag t ON t.id = r.tag_id "
               "WHERE r.entity = 'contact' AND r.record_id IN (%d, %d) ORDER BY r.record_id, t.name" % (one_id, two_id))
    assert tags == [[str(one_id), "new-" + tag], [str(one_id), "vip-" + tag], [str(two_id), "vip-" + tag]], tags
    # The manager now sees the contact the import gave them.
    assert one("SELECT owner_id FROM contact WHERE id = %d" % one_id) == [str(uid)]


@test
def custom_fields_are_columns_too():
    s, login, uid = person("admin")
    tag = unique("f")
    field = "Бюджет %s" % tag
    sql("INSERT INTO crm_custom_field (entity, name, type) VALUES ('contact', '%s', 'number')" % field)
    data = ("first_name,last_name,email,%s\nOlga,Num,num.%s@example.com,1500\nPavel,Bad,bad.%s@example.com,lots\n"
            % (field, tag, tag)).encode()
    iid = import_id(upload(s, data))
    page = s.get("/imports/%d" % iid)
    assert 'value="cf:%s" selected' % field in html.unescape(page.text)
    assert start(s, iid).status == 303
    page = wait(s, iid)
    assert counts(page.text)["created"] == 1, counts(page.text)
    got = refused(page.text)
    assert len(got) == 1 and got[0][:2] == (3, field), got
    [cid] = contact_ids("num.%s@example.com" % tag)
    assert one("SELECT v.value FROM crm_custom_value v JOIN crm_custom_field f ON f.id = v.field_id "
               "WHERE f.name = '%s' AND v.record_id = %d" % (field, cid)) == ["1500"]
    assert contact_ids("bad.%s@example.com" % tag) == []


@test
def a_crm_user_cannot_import_without_the_permission():
    s, login, uid = person("user")
    before = one("SELECT COUNT(*) FROM crm_import WHERE user_id = %d" % uid)[0]
    assert s.get("/import/contact").status == 403
    data = ("first_name,last_name,email\nNo,Way,noway.%s@example.com\n" % unique()).encode()
    assert upload(s, data).status == 403
    assert 'href="/import/contact"' not in s.get("/import").text
    assert one("SELECT COUNT(*) FROM crm_import WHERE user_id = %d" % uid)[0] == before
    grant(login, "contacts.import")
    s2 = Session()
    s2.login(login, PASSWORD, next="/import")
    assert 'href="/import/contact"' in s2.get("/import").text
    _, page = run(s2, data)
    assert counts(page.text)["created"] == 1


@test
def exports_and_duplicate_checks_keep_to_record_access():
    a, a_login, a_id = person("user")
    b, b_login, b_id = person("user")
    grant(a_login, "contacts.import")
    grant(b_login, "contacts.import")
    grant(b_login, "core.export")
    tag = unique("x")
    secret, hidden = "secret.%s@example.com" % tag, "Hidden%s" % tag
    _, page = run(a, ("first_name,last_name,email\n%s,Person,%s\n" % (hidden, secret)).encode())
    assert counts(page.text)["created"] == 1
    mine, own, same = "mine.%s@example.com" % tag, "Own%s" % tag, "Same%s" % tag
    # B's row with A's private email is not a duplicate for B: B cannot see A's contact.
    _, page = run(b, ("first_name,last_name,email\n%s,Contact,%s\n%s,Email,%s\n" % (own, mine, same, secret)).encode())
    assert counts(page.text) == {"created": 2, "updated": 0, "skipped": 0, "refused": 0}, counts(page.text)
    assert len(contact_ids(secret)) == 2

    # export all: B's archive has B's contacts and none of A's private ones
    r = b.get("/admin/export/download")
    assert r.status == 200 and r.header("Content-Type") == "application/zip", r.status
    text = unzip(r.body)["contact.csv"]
    assert text.startswith("id,kind,first_name,last_name,name,company"), text[:80]
    assert own in text and same in text, text[-500:]
    assert hidden not in text
    # the list's export of its whole selection
    r = b.get("/contacts/export")
    assert r.status == 200, r.status
    listed = r.body.decode("utf-8-sig")
    assert own in listed and hidden not in listed
    # an admin sees everything
    adm, _, _ = person("admin")
    text = unzip(adm.get("/admin/export/download").body)["contact.csv"]
    assert hidden in text and own in text
    # a plain user without the grant cannot export all
    assert a.get("/admin/export/download").status == 403
    assert a.get("/admin/export").status == 403


if __name__ == "__main__":
    main()
