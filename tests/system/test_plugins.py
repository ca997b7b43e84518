"""The plugin loader, ABI check, routes, permissions, menu and panels, through nginx.

The test plugins alpha and beta (beta depends on alpha, adds a panel to alpha's
cards and a menu entry) load beside the real ones; badabi, nodep, duproute,
dupname and noperm are each broken in one way and must be refused with a reason.
"""
import os
import re
import signal
import uuid

from crmtest import (BUILD, PORT, crmctl, crmd_pid, get, log_text, main, post, sql, test,
                     wait_for)

PLUGINS_DIR = os.path.join(BUILD, "plugins")

# file name -> words the refusal must contain (in crmctl plugin list and in crmd.log)
REFUSED = [
    ("badabi.so", ["ABI", "99"]),
    ("nodep.so", ["depends", "ghost"]),
    ("duproute.so", ["already declared", "GET /alpha/{x}", "'alpha'"]),
    ("dupname.so", ["already loaded", "'alpha'", "alpha.so"]),
    ("noperm.so", ["no permission", "GET /noperm"]),
]
BROKEN_ROUTES = ["/badabi", "/nodep", "/duproute", "/dupname", "/noperm"]


def plugin_list(*args):
    """crmctl plugin list as {file name: (name, status, detail)}."""
    out = crmctl("plugin", "list", *args).stdout
    rows = {}
    for line in out.splitlines()[1:]:
        parts = line.split(None, 3)
        if len(parts) < 4:
            continue
        path = parts[3].split(": ", 1)[0]
        rows[os.path.basename(path)] = (parts[0], parts[2], parts[3])
    return rows


def new_item(name):
    """Create an alpha item through the form; returns its id."""
    r = post("/alpha", {"name": name})
    assert r.status == 303, "create answered %d: %s" % (r.status, r.text[:300])
    m = re.fullmatch(r"/alpha/(\d+)", r.header("Location") or "")
    assert m, "create redirected to %r" % r.header("Location")
    return int(m.group(1))


def has_menu(body, href):
    return ('<a href="%s"' % href) in body


def has_beta_panel(body):
    return 'data-panel="beta.alpha_item"' in body


def wait_reload(mark):
    """Wait until crmd logged a reload after log offset mark."""
    wait_for(lambda: "reloaded: generation" in log_text()[mark:], timeout=30, what="crmd to reload")


@test
def plugin_list_shows_accepted_and_refused_plugins():
    rows = plugin_list()
    for f, name in [("alpha.so", "alpha"), ("beta.so", "beta"), ("home.so", "home")]:
        assert f in rows, "%s missing from plugin list: %s" % (f, sorted(rows))
        assert rows[f][0] == name and rows[f][1] == "enabled", "%s: %r" % (f, rows[f])
    for f, words in REFUSED:
        assert f in rows, "%s missing from plugin list" % f
        assert rows[f][1] == "refused", "%s is %r, not refused" % (f, rows[f])
        for w in words:
            assert w in rows[f][2], "%s: %r lacks %r" % (f, rows[f][2], w)
    # The refused dupname carries alpha's name, yet alpha itself stays the accepted one.
    assert rows["dupname.so"][0] == "alpha"


@test
def crmd_logs_each_refusal_with_its_reason():
    # A reload loads the plugins afresh: the refusals must be logged for this run.
    mark = len(log_text())
    os.kill(crmd_pid(), signal.SIGHUP)
    wait_reload(mark)
    fresh = log_text()[mark:]
    for f, words in REFUSED:
        lines = [l for l in fresh.splitlines()
                 if "plugin %s refused: " % os.path.join(PLUGINS_DIR, f) in l]
        assert lines, "crmd.log has no refusal for %s" % f
        for w in words:
            assert w in lines[0], "log line %r lacks %r" % (lines[0], w)
    for name in ("alpha", "beta"):
        assert re.search(r"plugin %s \S+ loaded from \S+/%s\.so" % (name, name), fresh), \
            "crmd.log does not say %s was loaded" % name
    assert get("/alpha").status == 200


@test
def accepted_routes_answer_and_refused_ones_404():
    assert get("/alpha").status == 200
    assert get("/beta").status == 200
    for path in BROKEN_ROUTES:
        r = get(path)
        assert r.status == 404, "%s answered %d" % (path, r.status)
    item = new_item("routes-%s" % uuid.uuid4().hex[:8])
    try:
        # GET /alpha/{id} is alpha's card, not duproute's copy of the pattern.
        r = get("/alpha/%d" % item)
        assert r.status == 200 and "view-alpha-card" in r.text, r.text[:300]
        assert get("/alpha/%d" % (item + 1000000)).status == 404
    finally:
        sql("DELETE FROM alpha_item WHERE id = %d" % item)


@test
def a_route_with_a_permission_refuses_anonymous_users():
    r = get("/alpha/secret")
    # A browser's GET may be sent to sign in first; it never sees the page.
    assert r.status == 403 or (r.status == 303 and (r.header("Location") or "").startswith("/login")), \
        "GET /alpha/secret answered %d" % r.status
    assert "Only people granted" not in r.text
    r = post("/alpha/secret", {"x": "1"})
    assert r.status == 403, "POST /alpha/secret answered %d" % r.status
    assert "Only people granted" not in r.text


@test
def pages_carry_alpha_and_beta_with_their_menu_and_panel():
    name = "length-%s" % uuid.uuid4().hex[:8]
    item = new_item(name)
    try:
        r = get("/alpha/%d" % item)
        assert r.status == 200, r.status
        assert name in r.text
        assert has_menu(r.text, "/alpha") and has_menu(r.text, "/beta"), "menu lacks alpha or beta"
        assert has_beta_panel(r.text), "beta's panel is missing from the card"
        m = re.search(r'class="beta-length">(\d+)<', r.text)
        assert m and int(m.group(1)) == len(name), "panel shows %r" % (m and m.group(1))
        r = get("/alpha")
        assert r.status == 200 and ('href="/alpha/%d"' % item) in r.text
    finally:
        sql("DELETE FROM alpha_item WHERE id = %d" % item)


@test
def create_form_refuses_an_empty_name():
    before = sql("SELECT COUNT(*) FROM alpha_item")[0][0]
    r = post("/alpha", {"name": ""})
    assert r.status == 422, r.status
    assert "Enter a name." in r.text
    assert sql("SELECT COUNT(*) FROM alpha_item")[0][0] == before


@test
def disabling_beta_hides_its_route_menu_and_panel_at_once():
    item = new_item("toggle-%s" % uuid.uuid4().hex[:8])
    try:
        crmctl("plugin", "disable", "beta")
        # The very next requests: no restart, no reload.
        assert get("/beta").status == 404
        r = get("/alpha/%d" % item)
        assert r.status == 200
        assert not has_menu(r.text, "/beta"), "beta's menu entry is still shown"
        assert has_menu(r.text, "/alpha")
        assert not has_beta_panel(r.text), "beta's panel is still on the card"
        assert plugin_list()["beta.so"][1] == "disabled"
        crmctl("plugin", "enable", "beta")
        assert get("/beta").status == 200
        r = get("/alpha/%d" % item)
        assert has_menu(r.text, "/beta") and has_beta_panel(r.text), "beta did not come back"
    finally:
        crmctl("plugin", "enable", "beta")
        sql("DELETE FROM alpha_item WHERE id = %d" % item)


@test
def disabling_alpha_takes_its_dependent_beta_away():
    try:
        crmctl("plugin", "disable", "alpha")
        for path in ("/alpha", "/beta"):
            r = get(path)
            assert r.status == 404, "%s answered %d with alpha disabled" % (path, r.status)
        r = get("/")
        assert r.status == 200
        assert not has_menu(r.text, "/alpha") and not has_menu(r.text, "/beta"), "menu still has them"
        rows = plugin_list()
        assert rows["alpha.so"][1] == "disabled" and rows["beta.so"][1] == "disabled", rows
        # Beta's own switch was not touched: enabling alpha brings both back.
        crmctl("plugin", "enable", "alpha")
        assert get("/alpha").status == 200 and get("/beta").status == 200
    finally:
        crmctl("plugin", "enable", "alpha")


@test
def enable_and_disable_are_per_tenant():
    try:
        crmctl("plugin", "disable", "beta", "-t", "second")
        assert get("/beta").status == 200, "default tenant lost beta"
        assert get("/beta", port=PORT + 1).status == 404
        assert plugin_list("-t", "second")["beta.so"][1] == "disabled"
        assert plugin_list()["beta.so"][1] == "enabled"
    finally:
        crmctl("plugin", "enable", "beta", "-t", "second")
    assert get("/beta", port=PORT + 1).status == 200


if __name__ == "__main__":
    main()
