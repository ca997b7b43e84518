"""Attachments and photos of records, through nginx on the recs test plugin: uploads
and downloads, types found by content, photos scaled down with a real decoder, limits,
record access (404 for what a user may not see), CSRF and deletion with confirmation."""
import os
import re
import struct
import subprocess
import urllib.parse

import crmtest
from crmtest import Session, sql, t, test

PASSWORD = "files access 1"
MKIMAGE = os.path.join(crmtest.BUILD, "tests", "tools", "mkimage")
PNG_SIG = b"\x89PNG\r\n\x1a\n"

_world = None


def world():
    """Two users, u1 reading English and u2 Russian; u1 owns a private record and a
    public-read one, u2 is not listed on either."""
    global _world
    if _world:
        return _world
    sessions, recs = {}, {}
    for name, locale in (("u1", "en"), ("u2", "ru")):
        login = crmtest.unique(name)
        uid = crmtest.user_add(login, PASSWORD, role="user")
        sql("UPDATE crm_user SET locale = '%s' WHERE id = %d" % (locale, uid))
        sessions[name] = Session()
        sessions[name].login(login, PASSWORD)
    for vis in ("private", "public_read"):
        recs[vis] = new_rec(sessions["u1"], vis)
    _world = sessions, recs
    return _world


def new_rec(s, vis="private"):
    r = s.post("/recs", {"title": crmtest.unique("files "), "visibility": vis})
    assert r.status == 303, (r.status, r.text[:300])
    return int(re.fullmatch(r"/recs/(\d+)", r.header("Location")).group(1))


def upload(s, path, field, filename, data, ctype="application/octet-stream", csrf=True, headers=None):
    """A multipart POST as a browser's form sends it, with the session's cookies and token."""
    fields = [(field, filename, ctype, data)]
    if csrf:
        fields.append(("csrf", s.csrf))
    body, content_type = crmtest.multipart(fields)
    h = {"Content-Type": content_type, "Cookie": "; ".join("%s=%s" % kv for kv in s.cookies.items())}
    h.update(headers or {})
    return s._absorb(crmtest.http("POST", path, body=body, headers=h))


def attach(s, rec, filename, data, ctype="application/octet-stream"):
    """Upload an attachment that must be accepted; returns the new file's id."""
    before = file_ids(rec)
    r = upload(s, "/records/rec/%d/files" % rec, "file", filename, data, ctype)
    assert r.status == 303, (r.status, r.text[:500])
    assert r.header("Location") == "/recs/%d" % rec, r.header("Location")
    new = sorted(set(file_ids(rec)) - set(before))
    assert len(new) == 1, new
    return new[0]


def file_ids(rec, kind="attachment"):
    return [int(x[0]) for x in sql("SELECT id FROM crm_file WHERE entity = 'rec' AND record_id = %d "
                                   "AND kind = '%s' ORDER BY id" % (rec, kind))]


def mkimage(fmt, w, h, *extra):
    return subprocess.run([MKIMAGE, fmt, str(w), str(h), *extra], check=True, capture_output=True).stdout


def image_size(data):
    """(format, width, height) read from the file's own header: PNG IHDR or JPEG SOF."""
    if data[:8] == PNG_SIG:
        w, h = struct.unpack(">II", data[16:24])
        return "png", w, h
    assert data[:2] == b"\xff\xd8", data[:16]
    i = 2
    while i + 4 <= len(data):
        assert data[i] == 0xFF, "bad JPEG marker at %d" % i
        m = data[i + 1]
        if m == 0xFF:
            i += 1
            continue
        i += 2
        if m == 0x01 or 0xD0 <= m <= 0xD8:
            continue
        seg = struct.unpack(">H", data[i:i + 2])[0]
        if 0xC0 <= m <= 0xCF and m not in (0xC4, 0xC8, 0xCC):
            h, w = struct.unpack(">HH", data[i + 3:i + 7])
            return "jpeg", w, h
        i += seg
    raise AssertionError("no JPEG frame header")


def field_error(page, key, lang="en"):
    return ('<p class="field-error"' in page) and (t(key, lang) in page)


@test
def upload_and_download_round_trip():
    s, recs = world()[0]["u1"], world()[1]
    rec = new_rec(s)
    data = b"%PDF-1.4\n" + os.urandom(5000) + b"\n%%EOF\n"
    name = "Отчёт за май; итог 100%.pdf"
    fid = attach(s, rec, name, data, "application/x-whatever")
    r = s.get("/files/%d" % fid)
    assert r.status == 200, r.status
    assert r.body == data, "the bytes differ"
    assert r.header("Content-Type") == "application/pdf", r.header("Content-Type")
    assert r.header("X-Content-Type-Options") == "nosniff"
    cd = r.header("Content-Disposition")
    assert cd.startswith("attachment;"), cd
    assert "filename*=UTF-8''" + urllib.parse.quote(name, safe="") in cd, cd
    assert "sandbox" in (r.header("Content-Security-Policy") or "")
    # The record's files page lists it, with its size and a delete link for the writer.
    page = s.get("/records/rec/%d/files" % rec)
    assert page.status == 200, page.status
    assert 'data-id="%d"' % fid in page.text and "/files/%d/delete" % fid in page.text, page.text[:2000]
    assert "Отчёт за май" in page.text
    # A second file lists too, on the files page and on the record's card (crm_files_xml).
    fid2 = attach(s, rec, "b.txt", b"hello\n", "text/plain")
    for path in ("/records/rec/%d/files" % rec, "/recs/%d" % rec):
        page = s.get(path).text
        assert 'data-id="%d"' % fid in page and 'data-id="%d"' % fid2 in page, path
        assert 'id="files-upload"' in page and 'id="photo-upload"' in page, path
    assert sql("SELECT mime, size, name FROM crm_file WHERE id = %d" % fid2) == [["text/plain", "6", "b.txt"]]


@test
def a_png_named_txt_is_stored_as_png():
    s, recs = world()
    s = s["u1"]
    png = mkimage("png", 40, 30)
    fid = attach(s, recs["private"], "notes.txt", png, "text/plain")
    assert sql("SELECT mime FROM crm_file WHERE id = %d" % fid) == [["image/png"]]
    r = s.get("/files/%d" % fid)
    assert r.status == 200 and r.header("Content-Type") == "image/png", (r.status, r.header("Content-Type"))
    assert r.body == png


@test
def folders_in_a_filename_are_dropped():
    s, recs = world()
    fid = attach(s["u1"], recs["private"], "..\\..\\etc/passwd", b"root:x:0:0\n", "text/plain")
    assert sql("SELECT name FROM crm_file WHERE id = %d" % fid) == [["passwd"]]


@test
def a_text_file_named_jpg_is_refused_as_a_photo():
    s, recs = world()
    s = s["u1"]
    rec = new_rec(s)
    r = upload(s, "/records/rec/%d/photo" % rec, "photo", "me.jpg", b"just some text, not a picture\n" * 20,
               "image/jpeg")
    assert r.status == 422, r.status
    assert field_error(r.text, "core.photo_not_image"), r.text[:3000]
    assert file_ids(rec, "photo") == []


@test
def a_large_jpeg_is_scaled_down_to_fit_200x300():
    s, recs = world()
    s = s["u1"]
    rec = new_rec(s)
    jpeg = mkimage("jpeg", 3000, 2000)
    assert len(jpeg) < 1024 * 1024, len(jpeg)
    assert image_size(jpeg) == ("jpeg", 3000, 2000)
    r = upload(s, "/records/rec/%d/photo" % rec, "photo", "big.jpg", jpeg, "image/jpeg")
    assert r.status == 303 and r.header("Location") == "/recs/%d" % rec, (r.status, r.text[:500])
    r = s.get("/records/rec/%d/photo" % rec)
    assert r.status == 200 and r.header("Content-Type") == "image/jpeg", (r.status, r.header("Content-Type"))
    assert image_size(r.body) == ("jpeg", 200, 133), image_size(r.body)
    # A tall picture is bounded by the height instead.
    r = upload(s, "/records/rec/%d/photo" % rec, "photo", "tall.png", mkimage("png", 600, 1200), "image/png")
    assert r.status == 303, r.status
    assert image_size(s.get("/records/rec/%d/photo" % rec).body) == ("jpeg", 150, 300)
    # The new photo replaced the old one, and the page shows it under a new address.
    photos = file_ids(rec, "photo")
    assert len(photos) == 1, photos
    page = s.get("/records/rec/%d/files" % rec).text
    assert 'src="/records/rec/%d/photo?v=%d"' % (rec, photos[0]) in page, page[:3000]


@test
def a_small_transparent_photo_keeps_its_size_and_alpha():
    s, recs = world()
    s = s["u1"]
    rec = new_rec(s)
    r = upload(s, "/records/rec/%d/photo" % rec, "photo", "logo.gif", mkimage("png", 120, 90, "alpha"), "image/gif")
    assert r.status == 303, (r.status, r.text[:500])
    body = s.get("/records/rec/%d/photo" % rec).body
    assert image_size(body) == ("png", 120, 90), image_size(body)
    assert body[25] == 6, "PNG colour type %d, not RGBA" % body[25]
    # GIF and WebP are read too.
    for fmt in ("gif", "webp"):
        r = upload(s, "/records/rec/%d/photo" % rec, "photo", "x." + fmt, mkimage(fmt, 500, 250), "image/" + fmt)
        assert r.status == 303, (fmt, r.status, r.text[:500])
        assert image_size(s.get("/records/rec/%d/photo" % rec).body) == ("jpeg", 200, 100), fmt


@test
def a_photo_over_1_mb_is_refused():
    s, recs = world()
    s = s["u1"]
    rec = new_rec(s)
    png = mkimage("png", 50, 50)
    big = png + b"\0" * (1024 * 1024 + 1 - len(png))
    r = upload(s, "/records/rec/%d/photo" % rec, "photo", "big.png", big, "image/png")
    assert r.status == 422, r.status
    assert field_error(r.text, "core.photo_too_big"), r.text[:3000]
    assert file_ids(rec, "photo") == []
    # In Russian for a user who reads Russian.
    ru = world()[0]["u2"]
    rec = new_rec(ru)
    r = upload(ru, "/records/rec/%d/photo" % rec, "photo", "big.png", big, "image/png")
    assert r.status == 422 and field_error(r.text, "core.photo_too_big", "ru"), r.text[:3000]


@test
def a_broken_image_is_refused():
    s, recs = world()
    s = s["u1"]
    rec = new_rec(s)
    png = mkimage("png", 300, 300)
    r = upload(s, "/records/rec/%d/photo" % rec, "photo", "cut.png", png[:len(png) // 3], "image/png")
    assert r.status == 422 and field_error(r.text, "core.photo_broken"), (r.status, r.text[:3000])
    # A header claiming a huge picture is refused before anything is decoded.
    huge = png[:16] + struct.pack(">II", 60000, 60000) + png[24:]
    r = upload(s, "/records/rec/%d/photo" % rec, "photo", "huge.png", huge, "image/png")
    assert r.status == 422 and field_error(r.text, "core.photo_too_many_pixels"), (r.status, r.text[:3000])
    assert file_ids(rec, "photo") == []


@test
def removing_the_photo():
    s, recs = world()
    s = s["u1"]
    rec = new_rec(s)
    assert upload(s, "/records/rec/%d/photo" % rec, "photo", "p.jpg", mkimage("jpeg", 100, 100)).status == 303
    assert s.get("/records/rec/%d/photo" % rec).status == 200
    r = s.post("/records/rec/%d/photo/delete" % rec)
    assert r.status == 303 and r.header("Location") == "/recs/%d" % rec, r.status
    assert s.get("/records/rec/%d/photo" % rec).status == 404
    assert file_ids(rec, "photo") == []


@test
def empty_and_oversized_attachments_are_refused():
    s, recs = world()
    s = s["u1"]
    rec = new_rec(s)
    r = upload(s, "/records/rec/%d/files" % rec, "file", "empty.txt", b"")
    assert r.status == 422 and field_error(r.text, "core.file_empty"), (r.status, r.text[:3000])
    limit = int(re.search(r"^attachment_max\s*=\s*(\d+)", open(crmtest.CONF).read(), re.M).group(1))
    r = upload(s, "/records/rec/%d/files" % rec, "file", "big.bin", b"x" * (limit + 1))
    assert r.status == 422 and field_error(r.text, "core.file_too_big"), (r.status, r.text[:3000])
    assert file_ids(rec) == []
    # One at the limit is kept whole.
    data = os.urandom(1024) * (limit // 1024)
    fid = attach(s, rec, "exact.bin", data)
    assert s.get("/files/%d" % fid).body == data


@test
def another_users_private_record_answers_404():
    (sessions, recs) = world()
    u1, u2 = sessions["u1"], sessions["u2"]
    fid = attach(u1, recs["private"], "secret.txt", b"secret\n", "text/plain")
    assert upload(u1, "/records/rec/%d/photo" % recs["private"], "photo", "p.png", mkimage("png", 10, 10)).status == 303
    before = sql("SELECT COUNT(*) FROM crm_file")
    r = upload(u2, "/records/rec/%d/files" % recs["private"], "file", "x.txt", b"x\n")
    assert r.status == 404, r.status
    for path in ("/files/%d" % fid, "/files/%d/delete" % fid, "/records/rec/%d/photo" % recs["private"],
                 "/records/rec/%d/files" % recs["private"]):
        assert u2.get(path).status == 404, path
    assert u2.post("/files/%d/delete" % fid).status == 404
    assert u2.post("/records/rec/%d/photo/delete" % recs["private"]).status == 404
    r = upload(u2, "/records/rec/%d/photo" % recs["private"], "photo", "p.png", mkimage("png", 10, 10))
    assert r.status == 404, r.status
    assert sql("SELECT COUNT(*) FROM crm_file") == before
    # A record that does not exist, or of no known type, answers the same.
    assert u1.get("/records/rec/999999999/files").status == 404
    assert u1.get("/records/nosuch/1/files").status == 404
    assert u1.get("/files/999999999").status == 404
    # A public-read record: u2 reads its files but cannot add or delete any.
    pub = attach(u1, recs["public_read"], "public.txt", b"for all\n", "text/plain")
    assert u2.get("/files/%d" % pub).status == 200
    page = u2.get("/records/rec/%d/files" % recs["public_read"])
    assert page.status == 200 and "public.txt" in page.text and "files-upload" not in page.text
    assert upload(u2, "/records/rec/%d/files" % recs["public_read"], "file", "x.txt", b"x\n").status == 404
    assert u2.get("/files/%d/delete" % pub).status == 404


@test
def uploads_without_the_csrf_token_are_refused():
    s, recs = world()
    s = s["u1"]
    rec = new_rec(s)
    r = upload(s, "/records/rec/%d/files" % rec, "file", "a.txt", b"a\n", csrf=False)
    assert r.status == 403, r.status
    r = upload(s, "/records/rec/%d/photo" % rec, "photo", "p.png", mkimage("png", 10, 10), csrf=False)
    assert r.status == 403, r.status
    assert file_ids(rec) == [] and file_ids(rec, "photo") == []
    fid = attach(s, rec, "keep.txt", b"keep\n")
    assert s.post("/files/%d/delete" % fid, csrf=False).status == 403
    assert file_ids(rec) == [fid]


@test
def delete_asks_first():
    s, recs = world()
    s = s["u1"]
    rec = new_rec(s)
    fid = attach(s, rec, "to-delete.txt", b"bye\n", "text/plain")
    r = s.get("/files/%d/delete" % fid)
    assert r.status == 200, r.status
    assert 'action="/files/%d/delete"' % fid in r.text and "to-delete.txt" in r.text, r.text[:3000]
    assert t("core.file_delete_confirm") in r.text
    assert file_ids(rec) == [fid], "asking deleted it"
    r = s.post("/files/%d/delete" % fid)
    assert r.status == 303 and r.header("Location") == "/recs/%d" % rec, r.status
    assert file_ids(rec) == []
    assert s.get("/files/%d" % fid).status == 404
    assert sql("SELECT COUNT(*) FROM crm_audit WHERE action = 'file.delete' AND record_id = %d" % rec) == [["1"]]


@test
def a_broken_multipart_body_changes_nothing():
    s, recs = world()
    s = s["u1"]
    rec = new_rec(s)
    body, ctype = crmtest.multipart([("file", "a.txt", "text/plain", b"abc"), ("csrf", s.csrf)])
    h = {"Content-Type": ctype, "Cookie": "; ".join("%s=%s" % kv for kv in s.cookies.items())}
    r = crmtest.http("POST", "/records/rec/%d/files" % rec, body=body[:-30], headers=h)
    assert r.status == 400, r.status
    assert file_ids(rec) == []


if __name__ == "__main__":
    crmtest.main()
