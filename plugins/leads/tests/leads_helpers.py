"""Helpers the leads tests share: signed-in users, leads and contacts made through the
forms, reading ids off lists and boards."""
import re

import crmtest
from crmtest import Session, sql

PASSWORD = "leads pass 1"


def user(prefix="lu", role="user"):
    """A fresh signed-in user with English pages: (session, id)."""
    login = crmtest.unique(prefix)
    uid = crmtest.user_add(login, PASSWORD, role=role, name="Test %s" % login)
    sql("UPDATE crm_user SET locale = 'en' WHERE id = %d" % uid)
    s = Session()
    s.login(login, PASSWORD, next="/leads")
    return s, uid


def main_funnel():
    """The seeded funnel and its statuses by kind: (funnel id, {kind or name: id})."""
    rows = sql("SELECT id, name, kind FROM lead_status WHERE funnel_id = 1 ORDER BY position, id")
    st = {}
    for sid, name, kind in rows:
        st.setdefault(kind, int(sid))
        st[name] = int(sid)
    return 1, st


def lead(s, name=None, expect=303, **fields):
    """Create a lead through the form; its id (or the response when not 303)."""
    data = {"name": crmtest.unique("Lead ") if name is None else name, "funnel_id": "1", "then": "card"}
    data.update(fields)
    r = s.post("/leads/new", data)
    if expect != 303:
        assert r.status == expect, (r.status, r.text[:600])
        return r
    assert r.status == 303, (r.status, r.text[:1500])
    m = re.fullmatch(r"/leads/(\d+)", r.header("Location") or "")
    assert m, r.header("Location")
    return int(m.group(1))


def contact(s, data):
    """A contact through the contacts form (duplicates allowed); its id."""
    r = s.post("/contacts/new", dict(data, then="card", dup_ok="1"))
    assert r.status == 303, (r.status, r.text[:600])
    return int(re.fullmatch(r"/contacts/(\d+)", r.header("Location")).group(1))


def list_ids(s, path):
    r = s.get(path)
    assert r.status == 200, (path, r.status, r.text[:500])
    return [int(x) for x in re.findall(r'<tr class="lead" data-id="(\d+)"', r.text)]


def board_ids(s, funnel=1):
    r = s.get("/leads/board?funnel=%d" % funnel)
    assert r.status == 200, (r.status, r.text[:500])
    return [int(x) for x in re.findall(r'<li class="board-card"[^>]*data-id="(\d+)"', r.text)], r.text


def status_of(lid):
    return int(sql("SELECT status_id FROM lead WHERE id = %d" % lid)[0][0])
