"""The contacts list's email, phone and tags columns, read for the whole page at once:
each row shows its own first email and phone by position and its tags in name order,
and a contact without any shows empty cells."""
import re

import crmtest
from crmtest import Session, sql, test

PASSWORD = "list columns pass 1"


def user():
    """A fresh signed-in user (English pages)."""
    login = crmtest.unique("lc")
    uid = crmtest.user_add(login, PASSWORD, role="user", name="Test %s" % login)
    sql("UPDATE crm_user SET locale = 'en' WHERE id = %d" % uid)
    s = Session()
    s.login(login, PASSWORD, next="/contacts")
    return s


def person(s, first, last, **fields):
    """Create a person through the form; its id."""
    data = {"kind": "person", "first_name": first, "last_name": last, "then": "card"}
    data.update(fields)
    r = s.post("/contacts/new", data)
    assert r.status == 303, (r.status, r.text[:800])
    return int(re.fullmatch(r"/contacts/(\d+)", r.header("Location")).group(1))


def rows(s, path):
    """{id: [cell texts]} of one list page."""
    r = s.get(path)
    assert r.status == 200, (r.status, r.text[:300])
    out = {}
    for m in re.finditer(r'<tr class="contact" data-id="(\d+)".*?</tr>', r.text, re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", m.group(0), re.S)
        out[int(m.group(1))] = [re.sub(r"<[^>]+>", "", c).strip() for c in cells]
    return out


@test
def each_row_shows_its_first_email_phone_and_sorted_tags():
    s = user()
    stem = crmtest.unique("Col")
    a = person(s, stem, "A", tags="zeta-%s, alpha-%s" % (stem, stem))
    b = person(s, stem, "B", tags="mid-%s" % stem)
    c = person(s, stem, "C")
    sql("INSERT INTO contact_email (contact_id, email, position) VALUES (%d, 'second-%s@x.org', 2), "
        "(%d, 'first-%s@x.org', 1), (%d, 'only-%s@x.org', 7)" % (a, stem.lower(), a, stem.lower(), b, stem.lower()))
    sql("INSERT INTO contact_phone (contact_id, typed, e164, position) VALUES (%d, '+7 900 000-00-05', '+79000000005', 5), "
        "(%d, '+7 900 000-00-03', '+79000000003', 3)" % (a, a))
    got = rows(s, "/contacts?q=" + stem)
    assert set(got) == {a, b, c}, got
    # Cells: tick, name, company, type, temperature, email, phone, owner, tags.
    assert got[a][5:7] == ["first-%s@x.org" % stem.lower(), "+7 900 000-00-03"], got[a]
    assert got[a][8] == "alpha-%s, zeta-%s" % (stem, stem), got[a]
    assert got[b][5:7] == ["only-%s@x.org" % stem.lower(), ""], got[b]
    assert got[b][8] == "mid-%s" % stem, got[b]
    assert got[c][5:7] == ["", ""] and got[c][8] == "", got[c]


if __name__ == "__main__":
    crmtest.main()
