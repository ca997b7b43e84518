"""The core's record access, proven on the recs test plugin: private, public read,
public read-write and restricted records, seen and edited by exactly the right users,
in lists (filtered in SQL, keyset-paged) and by direct URL."""
import re

import crmtest
from crmtest import Session, page_cost, sql, test

PASSWORD = "record access 1"
ROLES = {"owner": "owner", "admin": "admin", "u1": "user", "u2": "user", "u3": "user"}

# Who reads and who writes each record of the world below.
READ = {
    "private": {"owner", "admin", "u1", "u2"},
    "public_read": {"owner", "admin", "u1", "u2", "u3"},
    "public_write": {"owner", "admin", "u1", "u2", "u3"},
    "restricted": {"owner", "admin", "u1", "u3"},
}
WRITE = {
    "private": {"owner", "admin", "u1", "u2"},     # u2 manages it
    "public_read": {"owner", "admin", "u1"},
    "public_write": {"owner", "admin", "u1", "u2", "u3"},
    "restricted": {"owner", "admin", "u1", "u3"},  # listed users work on it
}

_world = None


def world():
    """Five users (made with crmctl) and four records made by u1 through POST /recs:
    private (manager u2), public_read, public_write, restricted (reader u3)."""
    global _world
    if _world:
        return _world
    users, sessions = {}, {}
    for name, role in ROLES.items():
        login = crmtest.unique(name)
        users[name] = crmtest.user_add(login, PASSWORD, role=role)
        sessions[name] = Session()
        sessions[name].login(login, PASSWORD)
    recs = {}
    extra = {"private": [("manager", users["u2"])], "restricted": [("reader", users["u3"])]}
    for vis in READ:
        form = [("title", "%s of u1" % vis), ("visibility", vis)]
        form += [(k, str(v)) for k, v in extra.get(vis, [])]
        r = sessions["u1"].post("/recs", form)
        assert r.status == 303, (vis, r.status, r.text[:300])
        recs[vis] = int(re.fullmatch(r"/recs/(\d+)", r.header("Location")).group(1))
    _world = users, sessions, recs
    return _world


def list_ids(s, path="/recs"):
    """Ids on one page of the list, and the next page's link."""
    r = s.get(path)
    assert r.status == 200, (path, r.status)
    nxt = re.search(r'<a class="btn btn-secondary" href="([^"]*)" rel="next"', r.text)
    return [int(x) for x in re.findall(r'<tr class="rec" data-id="(\d+)"', r.text)], nxt and nxt.group(1).replace("&amp;", "&")


def all_ids(s):
    ids, nxt = list_ids(s)
    while nxt:
        more, nxt = list_ids(s, nxt)
        ids += more
    return ids


def visible_by_rule(uid):
    """The ids a user may read, computed here from the tables, apart from the SQL under test."""
    role = sql("SELECT role FROM crm_user WHERE id = %d" % uid)[0][0]
    listed = {}
    for rec, user, kind in sql("SELECT record_id, user_id, kind FROM crm_record_user WHERE entity = 'rec'"):
        listed.setdefault(int(rec), {})[int(user)] = kind
    out = []
    for rid, owner, vis in sql("SELECT id, owner_id, visibility FROM rec_item ORDER BY id"):
        rid, owner = int(rid), int(owner)
        kind = listed.get(rid, {}).get(uid)
        if (role in ("owner", "admin") or vis in ("public_read", "public_write") or owner == uid
                or kind == "manager" or (kind == "reader" and vis == "restricted")):
            out.append(rid)
    return out


@test
def lists_show_exactly_the_visible_records():
    users, sessions, recs = world()
    mine = set(recs.values())
    for who, s in sessions.items():
        ids = all_ids(s)
        assert len(ids) == len(set(ids)) and ids == sorted(ids), (who, "keyset order by id, no repeats")
        expected = {recs[vis] for vis, readers in READ.items() if who in readers}
        assert set(ids) & mine == expected, (who, sorted(set(ids) & mine), sorted(expected))
        assert ids == visible_by_rule(users[who]), (who, "the whole list follows the rule")
    u2 = set(all_ids(sessions["u2"]))
    u3 = set(all_ids(sessions["u3"]))
    assert recs["private"] in u2 and recs["restricted"] not in u2, "u2 manages private, is not listed on restricted"
    assert recs["restricted"] in u3 and recs["private"] not in u3


@test
def the_has_users_flag_follows_the_listed_users():
    users, sessions, recs = world()
    ids = ",".join(str(v) for v in recs.values())
    rows = sql("SELECT r.id, r.has_users, EXISTS (SELECT 1 FROM crm_record_user u WHERE u.entity = 'rec' "
               "AND u.record_id = r.id) FROM rec_item r WHERE r.id IN (%s)" % ids)
    assert len(rows) == len(recs) and any(row[2] == "1" for row in rows), rows
    for rid, flag, listed in rows:
        assert flag == listed, (rid, flag, listed)


@test
def direct_urls_answer_404_as_if_the_record_did_not_exist():
    users, sessions, recs = world()
    missing = int(sql("SELECT COALESCE(MAX(id), 0) + 100000 FROM rec_item")[0][0])
    for who, s in sessions.items():
        absent = s.get("/recs/%d" % missing)
        assert absent.status == 404, (who, absent.status)
        for vis, rid in recs.items():
            r = s.get("/recs/%d" % rid)
            if who in READ[vis]:
                assert r.status == 200 and 'data-id="%d"' % rid in r.text, (who, vis, r.status)
                assert ('action="/recs/%d/edit"' % rid in r.text) == (who in WRITE[vis]), (who, vis, "edit form")
            else:
                assert r.status == 404, (who, vis, r.status)
                assert r.body == absent.body, (who, vis, "same page as for a record that does not exist")
                assert "%s of u1" % vis not in r.text


@test
def edits_are_allowed_to_exactly_the_right_users():
    users, sessions, recs = world()
    for vis, rid in recs.items():
        for who, s in sessions.items():
            before = sql("SELECT title FROM rec_item WHERE id = %d" % rid)[0][0]
            title = "%s edited by %s" % (vis, who)
            r = s.post("/recs/%d/edit" % rid, {"title": title})
            after = sql("SELECT title FROM rec_item WHERE id = %d" % rid)[0][0]
            if who in WRITE[vis]:
                assert r.status == 303 and r.header("Location") == "/recs/%d" % rid, (who, vis, r.status)
                assert after == title, (who, vis, after)
            else:
                assert r.status == 404, (who, vis, r.status)
                assert after == before, (who, vis, "nothing changed")
    # Without the CSRF token nobody edits, not even the owner of the record.
    r = sessions["u1"].post("/recs/%d/edit" % recs["public_write"], {"title": "no token"}, csrf=False)
    assert r.status == 403
    assert sql("SELECT title FROM rec_item WHERE id = %d" % recs["public_write"])[0][0] != "no token"


@test
def lists_filter_in_sql_with_a_fixed_cost():
    """200 records the viewer may not see lie before, among and after the ones it may:
    the first page of 50 still holds every visible one, and costs what a full page does."""
    hider_login, viewer_login = crmtest.unique("hider"), crmtest.unique("viewer")
    hider = crmtest.user_add(hider_login, PASSWORD)
    viewer = crmtest.user_add(viewer_login, PASSWORD)
    h, v = Session(), Session()
    h.login(hider_login, PASSWORD)
    v.login(viewer_login, PASSWORD)

    def add(vis, n, title):
        values = ", ".join("(%d, '%s', '%s %d')" % (hider, vis, title, i) for i in range(n))
        sql("INSERT INTO rec_item (owner_id, visibility, title) VALUES " + values)

    add("public_read", 2, "visible early")
    add("private", 100, "hidden")
    add("restricted", 1, "visible listed")  # the viewer is listed on this one
    listed = int(sql("SELECT MAX(id) FROM rec_item")[0][0])
    sql("INSERT INTO crm_record_user (entity, record_id, user_id, kind) VALUES ('rec', %d, %d, 'reader')"
        % (listed, viewer))
    sql("UPDATE rec_item SET has_users = 1 WHERE id = %d" % listed)
    add("private", 100, "hidden")
    add("public_write", 2, "visible late")
    visible = visible_by_rule(viewer)
    hidden = int(sql("SELECT COUNT(*) FROM rec_item WHERE owner_id = %d AND visibility = 'private'" % hider)[0][0])
    assert hidden == 200 and listed in visible and 5 <= len(visible) < 50, (hidden, len(visible))

    ids, nxt = list_ids(v)
    assert ids == visible and nxt is None, (len(ids), len(visible), nxt)

    # The hider owns 205 records: pages of exactly 50, keyset by id, until the end.
    ids, nxt = list_ids(h)
    assert len(ids) == 50 and nxt == "/recs?after=%d" % ids[-1], (len(ids), nxt)
    everything = all_ids(h)
    assert everything == visible_by_rule(hider) and len(everything) >= 205, len(everything)

    few, full = page_cost(v, viewer, "/recs"), page_cost(h, hider, "/recs")
    assert few == full, "a page of %d rows ran %d statements, one of 50 ran %d" % (len(visible), few, full)
    assert 1 <= full <= 5, full


if __name__ == "__main__":
    crmtest.main()
