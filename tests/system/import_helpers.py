"""Helpers for the CSV import tests: people to sign in as, the wizard's steps (upload,
mapping, start), waiting for the jobs process to finish, and reading the report."""
import html
import io
import re
import time
import zipfile

from crmtest import Session, crmctl, http, multipart, sql, unique, user_add

PASSWORD = "import-pass-1"


def person(role="user", prefix="imp"):
    """A new account signed in; returns (session, login, id)."""
    login = unique(prefix)
    uid = user_add(login, PASSWORD, role=role)
    s = Session()
    s.login(login, PASSWORD, next="/import")
    return s, login, uid


def grant(login, permission):
    """Give login a permission through a new group."""
    group = unique("g")
    crmctl("group", "add", group)
    crmctl("group", "member", group, login)
    sql("INSERT INTO crm_group_grant (group_id, permission) SELECT id, '%s' FROM crm_group WHERE name = '%s'"
        % (permission, group))


def post_file(s, path, data, filename="contacts.csv", fields=None, csrf=True, content_type="text/csv"):
    """POST a multipart form with one file, as the browser would."""
    parts = []
    if csrf:
        parts.append(("csrf", s.csrf or ""))
    for k, v in (fields or {}).items():
        parts.append((k, v))
    parts.append(("file", filename, content_type, data))
    body, ct = multipart(parts)
    h = {"Content-Type": ct, "Cookie": "; ".join("%s=%s" % kv for kv in s.cookies.items())}
    return s._absorb(http("POST", path, body=body, headers=h))


def upload(s, data, entity="contact", filename="contacts.csv", encoding="auto", delimiter="auto"):
    """Upload a file; returns the response (303 to the import, or the form with errors)."""
    return post_file(s, "/import/" + entity, data, filename, {"encoding": encoding, "delimiter": delimiter})


def import_id(resp):
    loc = resp.header("Location") or ""
    m = re.match(r"^/imports/(\d+)$", loc)
    if resp.status != 303 or not m:
        raise AssertionError("upload answered %d %s: %s" % (resp.status, loc, plain(resp.text)[:600]))
    return int(m.group(1))


def guessed(page):
    """The mapping page's choice per column: {index: field}."""
    out = {}
    for idx, body in re.findall(r'<select name="col_(\d+)"[^>]*>(.*?)</select>', page, re.S):
        m = re.search(r'<option value="([^"]*)" selected', body)
        out[int(idx)] = m.group(1) if m else ""
    return out


def start(s, iid, mapping=None, policy="skip", mode="good"):
    """Send the mapping (default: what the page guessed) and start the import."""
    page = s.get("/imports/%d" % iid)
    assert page.status == 200, page.status
    cols = guessed(page.text)
    if mapping:
        cols.update(mapping)
    form = {"col_%d" % k: v for k, v in cols.items()}
    form.update({"policy": policy, "mode": mode})
    return s.post("/imports/%d/start" % iid, form)


def wait(s, iid, timeout=90):
    """Follow the progress page until the import is over; returns the report page."""
    end = time.time() + timeout
    while time.time() < end:
        r = s.get("/imports/%d" % iid)
        m = re.search(r'class="card import-(?:report|progress)" data-state="([a-z]+)"', r.text)
        if r.status == 200 and m and m.group(1) in ("done", "failed"):
            return r
        time.sleep(0.3)
    raise AssertionError("import %d did not finish in %d s" % (iid, timeout))


def run(s, data, mapping=None, policy="skip", mode="good", **kw):
    """Upload, start and wait; returns (import id, report page)."""
    iid = import_id(upload(s, data, **kw))
    r = start(s, iid, mapping, policy, mode)
    assert r.status == 303, (r.status, plain(r.text)[:600])
    return iid, wait(s, iid)


def counts(page):
    """created, updated, skipped, refused as the report shows them."""
    out = {}
    for k in ("created", "updated", "skipped", "refused"):
        m = re.search(r'<dd class="import-%s">(\d+)</dd>' % k, page)
        out[k] = int(m.group(1)) if m else None
    return out


def refused(page):
    """[(line, field, reason)] from the report's table, as text."""
    rows = re.findall(r'<tr data-line="(\d+)">\s*<td class="num">\d+</td>\s*<td>(.*?)</td>\s*<td>(.*?)</td>', page, re.S)
    return [(int(line), plain(f), plain(why)) for line, f, why in rows]


def plain(fragment):
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))).strip()


def unzip(body):
    """{name: text} of a zip download."""
    with zipfile.ZipFile(io.BytesIO(body)) as z:
        return {n: z.read(n).decode("utf-8-sig") for n in z.namelist()}
