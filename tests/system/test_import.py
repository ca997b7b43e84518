"""The import wizard as a core service: what an upload refuses (not text, bad encoding,
broken quotes, too big, empty), detection of encodings and delimiters, the mapping's
checks, imports private to their user, the progress page and "export all"."""
import html
import random
import re
import time

from crmtest import main, sql, t, test, unique
from import_helpers import (counts, guessed, import_id, person, plain, post_file, run, start, unzip,
                            upload, wait)


def msg(key):
    return html.unescape(t(key, "ru"))


def n_imports(uid):
    return int(sql("SELECT COUNT(*) FROM crm_import WHERE user_id = %d" % uid)[0][0])


def refused_upload(s, uid, data, key, **kw):
    """The upload comes back as the form with key's message, and nothing is kept."""
    before = n_imports(uid)
    r = upload(s, data, **kw)
    assert r.status == 422, (r.status, plain(r.text)[:300])
    assert msg(key) in html.unescape(r.text), (key, plain(r.text)[:600])
    assert n_imports(uid) == before
    return r


@test
def uploads_that_are_not_csv_text_are_refused_with_a_reason():
    s, login, uid = person("admin")
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89" + bytes(64)
    refused_upload(s, uid, png, "import.not_text", filename="photo.csv")
    # a workbook (a zip) renamed to .csv is read as the workbook it is: this one has no sheet
    import io
    import zipfile
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    refused_upload(s, uid, buf.getvalue(), "import.xlsx_no_sheet", filename="book.csv")
    # another program's workbook (an OpenDocument spreadsheet) is not read
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    refused_upload(s, uid, buf.getvalue(), "import.spreadsheet", filename="book.ods")
    # UTF-8 cut in the middle of letters is neither UTF-8 nor Windows-1251
    broken = "Фамилия,Имя\nПетров,Иван\n".encode()[:-4] + b"\xd0,\xd0\n"
    refused_upload(s, uid, broken, "import.bad_encoding")
    refused_upload(s, uid, b"", "import.file_required")
    refused_upload(s, uid, b"first_name,last_name\n", "import.no_rows")
    # a broken quote names its line
    r = refused_upload(s, uid, b'first_name,last_name\nAnna,Petrova\n"Boris,Smirnov\nC,D\n', "import.broken_quote")
    assert "(%s 3)" % msg("import.line") in html.unescape(r.text), plain(r.text)[:600]
    # Windows-1251 forced as UTF-8 is refused rather than garbled
    refused_upload(s, uid, "Фамилия;Имя\nПетров;Иван\n".encode("cp1251"), "import.bad_encoding", encoding="utf-8")


@test
def a_file_over_the_limit_is_refused():
    s, login, uid = person("admin")
    big = b"first_name,last_name,email\n" + b"Anna,Petrova,anna@example.com\n" * (10_600_000 // 30)
    refused_upload(s, uid, big, "import.too_large")


@test
def encodings_and_delimiters_are_detected_and_shown():
    s, login, uid = person("admin")
    cases = [
        ("Фамилия;Имя;Телефон\nПетров;Иван;+7 912 000-00-00\n".encode("cp1251"), "windows-1251", ";", "Windows-1251", "Точка с запятой"),
        ("\ufefflast_name\tfirst_name\temail\nPetrov\tIvan\ti@example.com\n".encode(), "utf-8-bom", "\t", "UTF-8 (с BOM)", "Табуляция"),
        ("last_name,first_name,address\nPetrov,Ivan,\"Moscow; Tverskaya, 1\"\n".encode(), "utf-8", ",", "UTF-8", "Запятая"),
        ("last_name,first_name\nPetrov,Ivan\n".encode("utf-16"), "utf-16", ",", "UTF-16", "Запятая"),
    ]
    for data, enc, delim, enc_shown, delim_shown in cases:
        iid = import_id(upload(s, data))
        row = sql("SELECT encoding, delimiter, n_columns, total FROM crm_import WHERE id = %d" % iid)[0]
        # the client's batch output writes a tab as \t
        assert row[0] == enc and row[1].replace("\\t", "\t") == delim, (enc, row)
        page = plain(s.get("/imports/%d" % iid).text)
        assert enc_shown in page and delim_shown in page, page[:500]
        # the header's names chose the fields, the preview shows the rows
        cols = guessed(s.get("/imports/%d" % iid).text)
        assert cols[0] == "last_name" and cols[1] == "first_name", cols
        assert "Ivan" in page or "Иван" in page


@test
def a_mapping_with_mistakes_comes_back_with_its_errors():
    s, login, uid = person("admin")
    iid = import_id(upload(s, ("a,b,c\nAnna,Petrova,a.%s@example.com\n" % unique()).encode()))
    page = s.get("/imports/%d" % iid).text
    assert guessed(page) == {0: "", 1: "", 2: ""}
    r = s.post("/imports/%d/start" % iid, {"col_0": "first_name", "col_1": "first_name", "col_2": "email",
                                            "policy": "skip", "mode": "good"})
    assert r.status == 422, r.status
    assert msg("import.mapped_twice") in html.unescape(r.text)
    r = s.post("/imports/%d/start" % iid, {"col_0": "nonsense", "col_1": "", "col_2": "",
                                            "policy": "skip", "mode": "good"})
    assert r.status == 422 and msg("import.unknown_target") in html.unescape(r.text)
    r = s.post("/imports/%d/start" % iid, {"col_0": "", "col_1": "", "col_2": "", "policy": "skip", "mode": "good"})
    assert r.status == 422 and msg("import.nothing_mapped") in html.unescape(r.text)
    r = s.post("/imports/%d/start" % iid, {"col_0": "first_name", "col_1": "last_name", "col_2": "email",
                                            "policy": "whatever", "mode": "good"})
    assert r.status == 422 and msg("import.policy_required") in html.unescape(r.text)
    assert sql("SELECT state FROM crm_import WHERE id = %d" % iid) == [["mapping"]]
    # what was chosen stays chosen
    assert 'value="last_name" selected' in r.text
    r = start(s, iid, {0: "first_name", 1: "last_name", 2: "email"})
    assert r.status == 303
    assert counts(wait(s, iid).text)["created"] == 1
    # a started import is not started again
    r = s.post("/imports/%d/start" % iid, {"col_0": "first_name", "policy": "skip", "mode": "good"})
    assert r.status == 303 and sql("SELECT COUNT(*) FROM crm_import_error WHERE import_id = %d" % iid) == [["0"]]


@test
def an_import_is_its_users_alone():
    s, login, uid = person("admin")
    other, _, _ = person("admin")
    iid = import_id(upload(s, ("first_name,last_name\nAnna,%s\n" % unique()).encode()))
    assert other.get("/imports/%d" % iid).status == 404
    assert other.post("/imports/%d/start" % iid, {"col_0": "first_name", "col_1": "last_name", "policy": "skip",
                                                   "mode": "good"}).status == 404
    assert other.get("/imports/%d/refused.csv" % iid).status == 404
    assert sql("SELECT state FROM crm_import WHERE id = %d" % iid) == [["mapping"]]
    assert s.get("/imports/%d" % iid).status == 200
    assert 'href="/imports/%d"' % iid in s.get("/import").text
    assert 'href="/imports/%d"' % iid not in other.get("/import").text


@test
def posts_without_the_csrf_token_are_refused():
    s, login, uid = person("admin")
    before = n_imports(uid)
    r = post_file(s, "/import/contact", b"first_name,last_name\nA,B\n", csrf=False)
    assert r.status == 403 and n_imports(uid) == before
    iid = import_id(upload(s, b"first_name,last_name\nA,B\n"))
    r = s.post("/imports/%d/start" % iid, {"col_0": "first_name", "col_1": "last_name", "policy": "skip",
                                            "mode": "good"}, csrf=False)
    assert r.status == 403 and sql("SELECT state FROM crm_import WHERE id = %d" % iid) == [["mapping"]]


@test
def the_progress_page_follows_the_run_without_javascript():
    s, login, uid = person("admin")
    tag = unique("p")
    base = random.randrange(10 ** 9 - 3000)  # numbers no earlier run used
    rows = "".join("P%d,Progress,p%d.%s@example.com,+7 9%09d\n" % (i, i, tag, base + i) for i in range(3000))
    iid = import_id(upload(s, ("first_name,last_name,email,phone\n" + rows).encode()))
    assert start(s, iid).status == 303
    r = s.get("/imports/%d" % iid)
    state = re.search(r'data-state="([a-z]+)"', r.text).group(1)
    assert state in ("queued", "running"), state
    assert r.header("Refresh") == "1"
    assert "<progress" in r.text
    page = wait(s, iid)
    assert page.header("Refresh") is None
    assert counts(page.text) == {"created": 3000, "updated": 0, "skipped": 0, "refused": 0}, counts(page.text)
    assert sql("SELECT done, total, state FROM crm_import WHERE id = %d" % iid) == [["3000", "3000", "done"]]
    # the importer is told when it is over
    assert sql("SELECT COUNT(*) FROM crm_notification WHERE user_id = %d AND url = '/imports/%d'" % (uid, iid)) == [["1"]]


@test
def an_all_or_nothing_import_shows_progress_while_its_transaction_is_open():
    s, login, uid = person("admin")
    tag = unique("t")
    base = random.randrange(10 ** 9 - 12000)
    rows = "".join("T%d,Tx,t%d.%s@example.com,+7 9%09d\n" % (i, i, tag, base + i) for i in range(12000))
    iid = import_id(upload(s, ("first_name,last_name,email,phone\n" + rows).encode()))
    assert start(s, iid, mode="all").status == 303
    seen = None
    end = time.time() + 120
    while time.time() < end:
        state, done = sql("SELECT state, done FROM crm_import WHERE id = %d" % iid)[0]
        if state == "running" and 0 < int(done) < 12000:
            # another connection sees the progress, but none of the rows yet
            stored = sql("SELECT COUNT(*) FROM contact_email WHERE email LIKE '%%.%s@example.com'" % tag)[0][0]
            page = s.get("/imports/%d" % iid).text
            seen = (int(done), int(stored), re.search(r'<span class="import-done">(\d+)</span>', page))
            break
        if state in ("done", "failed"):
            break
        time.sleep(0.05)
    assert seen, "the run was never seen half-way"
    assert seen[1] == 0 and seen[2] and int(seen[2].group(1)) >= seen[0], seen
    page = wait(s, iid, timeout=180)
    assert counts(page.text)["created"] == 12000
    assert sql("SELECT COUNT(*) FROM contact_email WHERE email LIKE '%%.%s@example.com'" % tag) == [["12000"]]


@test
def unknown_record_types_and_imports_answer_404():
    s, login, uid = person("admin")
    assert s.get("/import/nothing").status == 404
    assert upload(s, b"a\n1\n", entity="nothing").status == 404
    assert s.get("/imports/999999999").status == 404
    assert s.get("/imports/abc").status == 404


@test
def export_all_is_a_zip_with_a_csv_per_record_type():
    s, login, uid = person("admin")
    tag = unique("e")
    run(s, ("first_name,last_name,email,tags\nEve,Export,eve.%s@example.com,\"t1-%s, t2-%s\"\n" % (tag, tag, tag)).encode())
    assert "/admin/export" in s.get("/admin/export").text
    r = s.get("/admin/export/download")
    assert r.status == 200 and r.header("Content-Type") == "application/zip"
    assert "attachment" in r.header("Content-Disposition")
    files = unzip(r.body)
    assert "contact.csv" in files, list(files)
    line = [l for l in files["contact.csv"].splitlines() if "eve.%s@example.com" % tag in l]
    assert len(line) == 1 and "Eve,Export" in line[0] and "t1-%s" % tag in line[0], line
    assert sql("SELECT COUNT(*) FROM crm_audit WHERE user_id = %d AND action = 'export_all'" % uid) == [["1"]]
    # the export imports back: its header names the importer's fields
    header = files["contact.csv"].splitlines()[0].split(",")
    assert header[1:5] == ["kind", "first_name", "last_name", "name"], header
    user, _, _ = person("user")
    assert user.get("/admin/export/download").status == 403


if __name__ == "__main__":
    main()
