"""XLSX in the import wizard: contacts imported from an Excel workbook (shared strings, a
phone stored as a number, a date in a date format, an empty row, a bad row reported by
its row number), and workbooks refused with a reason: damaged, with an external entity,
a zip bomb, too many columns. The workbooks come from xlsx_helpers (zipfile, shaped as
Excel writes them)."""
import datetime
import html

from crmtest import sql, t, test, unique
import crmtest
from import_helpers import counts, import_id, person, plain, refused, start, upload, wait
from xlsx_helpers import NS, xlsx


def msg(key):
    """A message as our users read it (their locale is Russian)."""
    return html.unescape(t(key, "ru"))


def date_field(name):
    """A custom field of type date on contacts; its id."""
    sql("INSERT INTO crm_custom_field (entity, name, type, position) VALUES ('contact', '%s', 'date', 90)" % name)
    return int(sql("SELECT id FROM crm_custom_field WHERE entity = 'contact' AND name = '%s'" % name)[0][0])


def refused_upload(s, uid, data, key, line=None):
    before = sql("SELECT COUNT(*) FROM crm_import WHERE user_id = %d" % uid)
    r = upload(s, data, filename="book.xlsx")
    assert r.status == 422, (r.status, plain(r.text)[:300])
    text = html.unescape(r.text)
    assert msg(key) in text, (key, plain(r.text)[:600])
    if line:
        assert "(%s %d)" % (msg("import.line"), line) in text, plain(r.text)[:600]
    assert sql("SELECT COUNT(*) FROM crm_import WHERE user_id = %d" % uid) == before, "nothing is kept"
    return r


@test
def contacts_import_from_a_workbook_and_the_bad_row_is_reported_by_its_row():
    s, login, uid = person("admin")
    tag = unique("x")
    field = "Встреча %s" % tag
    fid = date_field(field)
    anna, li = "anna.%s@example.com" % tag, "li.%s@example.com" % tag
    phone = 9000000000 + int(tag[-6:], 16) % 999999999
    book = xlsx([
        (1, ["Фамилия", "Имя", "Эл. почта", "Телефон", "Компания", field]),
        (2, ["Петрова", "Анна", anna, 70000000000 + phone, "ООО Xlsx %s" % tag, datetime.date(2024, 5, 31)]),
        # row 3 is empty: the rows below keep their numbers
        (4, ["Иванов", None, "bad.%s@example.com" % tag]),
        (5, ["Ким, мл.", "Ли", li, "+7 (912) 000-%04d" % (phone % 10000), None, None]),
    ])
    iid = import_id(upload(s, book, filename="contacts.xlsx"))
    assert sql("SELECT encoding, total FROM crm_import WHERE id = %d" % iid) == [["xlsx", "3"]]
    page = s.get("/imports/%d" % iid)
    text = html.unescape(page.text)
    assert msg("import.enc_xlsx") in text and msg("import.delimiter") not in text, plain(page.text)[:800]
    assert "not this" not in text, "the first sheet is the one read"
    r = start(s, iid)
    assert r.status == 303, plain(r.text)[:600]
    report = wait(s, iid)
    assert counts(report.text) == {"created": 2, "updated": 0, "skipped": 0, "refused": 1}, counts(report.text)
    assert refused(report.text) == [(4, "Имя", msg("contacts.first_name_required"))], refused(report.text)
    # The number became the phone, the date the custom field's date, the company a company.
    rows = sql("SELECT c.id, c.first_name, co.name, p.e164 FROM contact c JOIN contact_email e ON e.contact_id = c.id "
               "LEFT JOIN contact co ON co.id = c.company_id LEFT JOIN contact_phone p ON p.contact_id = c.id "
               "WHERE e.email = '%s'" % anna)
    assert len(rows) == 1 and rows[0][1:] == ["Анна", "ООО Xlsx %s" % tag, "+7%d" % phone], rows
    assert sql("SELECT value FROM crm_custom_value WHERE field_id = %d AND record_id = %s" % (fid, rows[0][0])) == \
        [["2024-05-31"]]
    assert sql("SELECT last_name FROM contact c JOIN contact_email e ON e.contact_id = c.id WHERE e.email = '%s'" % li) \
        == [["Ким, мл."]]
    assert sql("SELECT COUNT(*) FROM contact_email WHERE email = 'bad.%s@example.com'" % tag) == [["0"]]
    # The refused rows come back as CSV with their row number, to fix and import again.
    csv = s.get("/imports/%d/refused.csv" % iid)
    assert csv.status == 200
    body = csv.body.decode("utf-8-sig")
    assert "Иванов,,bad.%s@example.com" % tag in body and ",4," in body and "Петрова" not in body, body


@test
def the_upload_page_offers_csv_or_xlsx():
    s, login, uid = person("admin")
    r = s.get("/import/contact")
    assert r.status == 200
    assert 'accept=".csv,.txt,.tsv,.xlsx,' in r.text
    assert t("import.title", "ru") in r.text and "XLSX" in t("import.title", "ru")
    assert "XLSX" in t("import.title") and "xlsx" in t("import.file_hint")


@test
def broken_and_hostile_workbooks_are_refused_with_a_reason():
    s, login, uid = person("admin")
    good = xlsx([(1, ["Фамилия", "Имя"]), (2, ["Петров", "Иван"])])
    # cut short
    cut = good.index(b"xl/workbook.xml") + 60
    refused_upload(s, uid, good[:cut], "import.xlsx_broken")
    refused_upload(s, uid, good[:cut] + good[-22:], "import.xlsx_broken")
    # an external entity: refused, the file it names never read
    xxe = ('<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/hostname">]><worksheet %s><sheetData>'
           '<row r="1"><c r="A1" t="inlineStr"><is><t>Фамилия</t></is></c><c r="B1" t="inlineStr"><is><t>&x;</t></is>'
           '</c></row><row r="2"><c r="A2" t="inlineStr"><is><t>a</t></is></c></row></sheetData></worksheet>' % NS)
    refused_upload(s, uid, xlsx([], sheet_xml=xxe), "import.xlsx_broken")
    # a zip bomb: a sheet of 81 MB of blanks packs into a few dozen kilobytes
    bomb = xlsx([(1, ["Фамилия"])], blank_mb=81)
    assert len(bomb) < 1 << 20, len(bomb)
    refused_upload(s, uid, bomb, "import.xlsx_too_big")
    # a value further right than the 200 columns an import takes, named by its row
    wide = xlsx([(1, ["a", "b"]), (2, ["c"]), (3, ["x"] * 201)])
    refused_upload(s, uid, wide, "import.too_many_columns", line=3)
    # no rows under the header
    refused_upload(s, uid, xlsx([(1, ["Фамилия", "Имя"])]), "import.no_rows")
    # the server is still well
    assert s.get("/import").status == 200


if __name__ == "__main__":
    crmtest.main()
