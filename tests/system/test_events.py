"""Events between plugins: alpha publishes "alpha.deleting" before it deletes an item;
beta, which alpha never calls, vetoes items whose name contains "keep"."""
import re
import uuid

from crmtest import crmctl, get, main, post, sql, test

VETO_EN = "Beta protects items whose name contains the word keep; rename it first."
VETO_RU = "Бета защищает элементы со словом keep в названии; сначала переименуйте элемент."


def new_item(name):
    """Create an alpha item through the form; returns its id."""
    r = post("/alpha", {"name": name})
    assert r.status == 303, "create answered %d: %s" % (r.status, r.text[:300])
    m = re.fullmatch(r"/alpha/(\d+)", r.header("Location") or "")
    assert m, "create redirected to %r" % r.header("Location")
    return int(m.group(1))


def exists(item):
    return sql("SELECT COUNT(*) FROM alpha_item WHERE id = %d" % item) == [["1"]]


def delete(item, **kw):
    return post("/alpha/%d/delete" % item, {"confirm": "1"}, **kw)


@test
def a_vetoed_delete_is_refused_with_the_subscribers_message():
    item = new_item("please keep %s" % uuid.uuid4().hex[:8])
    try:
        r = delete(item)
        assert r.status == 409, "delete answered %d" % r.status
        assert VETO_EN in r.text, "the veto message is not shown: %s" % r.text[:500]
        assert "The item was not deleted." in r.text
        assert 'data-panel="beta.alpha_item"' in r.text, "the refused card lost its panels"
        assert exists(item), "the vetoed item was deleted"
        # The message is the subscriber's, in the reader's language.
        r = delete(item, headers={"Accept-Language": "ru"})
        assert r.status == 409 and VETO_RU in r.text
        assert exists(item)
    finally:
        sql("DELETE FROM alpha_item WHERE id = %d" % item)


@test
def an_ordinary_item_is_deleted():
    item = new_item("plain %s" % uuid.uuid4().hex[:8])
    try:
        r = delete(item)
        assert r.status == 303 and r.header("Location") == "/alpha", (r.status, r.header("Location"))
        assert not exists(item), "the item is still there"
        # The flash travels in a cookie to the next page.
        cookie = (r.header("Set-Cookie") or "").split(";", 1)[0]
        r = get("/alpha", headers={"Cookie": cookie})
        assert "The item was deleted." in r.text
        assert delete(item).status == 404, "deleting it again must answer 404"
    finally:
        sql("DELETE FROM alpha_item WHERE id = %d" % item)


@test
def a_disabled_plugins_subscriber_is_not_called():
    item = new_item("keep me %s" % uuid.uuid4().hex[:8])
    try:
        crmctl("plugin", "disable", "beta")
        r = delete(item)
        assert r.status == 303, "delete answered %d: %s" % (r.status, r.text[:300])
        assert not exists(item), "beta's veto still applied while beta is disabled"
    finally:
        crmctl("plugin", "enable", "beta")
        sql("DELETE FROM alpha_item WHERE id = %d" % item)


if __name__ == "__main__":
    main()
