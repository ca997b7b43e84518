"""The products plugin through nginx and MariaDB: the catalog's form with its per-field
errors in English and Russian, the card, editing and deleting with a confirmation (and
a subscriber's refusal), who may edit, the list's search, filters, sorts and keyset
paging, and the "product.list" / "product.describe" answers other plugins read.

Each test makes its own users and products; the test plugin "catalogprobe" publishes
the two events, refuses deleting products named "...locked...", and adds a card panel."""
import html
import re

import crmtest
from crmtest import Session, sql, t, test

PASSWORD = "products pass 1"


def user(role="user", locale="en", prefix="pu"):
    """A fresh signed-in user: (session, id)."""
    login = crmtest.unique(prefix)
    uid = crmtest.user_add(login, PASSWORD, role=role, name="Test %s" % login)
    sql("UPDATE crm_user SET locale = '%s' WHERE id = %d" % (locale, uid))
    s = Session()
    s.login(login, PASSWORD, next="/products")
    return s, uid


def create(s, name, expect=303, **fields):
    """Create a product through the form; its id (or the response when not 303)."""
    data = {"kind": "product", "name": name, "price": "100", "currency": "RUB", "tax": "none", "active": "1",
            "then": "card"}
    data.update(fields)
    r = s.post("/products/new", data)
    if expect != 303:
        assert r.status == expect, (r.status, r.text[:600])
        return r
    assert r.status == 303, (r.status, r.text[:800])
    m = re.fullmatch(r"/products/(\d+)", r.header("Location") or "")
    assert m, r.header("Location")
    return int(m.group(1))


def row(pid, cols="kind, name, sku, unit, price, currency, tax, description, active"):
    rows = sql("SELECT %s FROM product WHERE id = %d" % (cols, pid))
    return rows[0] if rows else None


def field_error(page, name):
    """The message under field name, as text, or None."""
    m = re.search(r'<div class="field[^"]*has-error">(?:(?!</div>).)*?name="%s".*?<p class="field-error"[^>]*>(.*?)</p>'
                  % re.escape(name), page, re.S)
    return html.unescape(m.group(1)) if m else None


def list_ids(s, path):
    """Product ids on one list page, and its next and prev links."""
    r = s.get(path)
    assert r.status == 200, (path, r.status, r.text[:300])
    ids = [int(x) for x in re.findall(r'<tr class="product" data-id="(\d+)"', r.text)]
    nxt = re.search(r'href="([^"]*)" rel="next"', r.text)
    prv = re.search(r'href="([^"]*)" rel="prev"', r.text)
    return ids, nxt and html.unescape(nxt.group(1)), prv and html.unescape(prv.group(1))


def count(where):
    return int(sql("SELECT COUNT(*) FROM product WHERE %s" % where)[0][0])


@test
def a_product_is_created_shown_edited_and_deleted():
    s, uid = user("admin")
    sku = crmtest.unique("SKU-")
    name = "Ноутбук Lenovo %s" % sku
    pid = create(s, name, sku=sku, unit="шт.", price="1 234 567,5", currency="USD", tax="vat20",
                 description="14 inches\nMatte screen")
    # The price is stored as minor units (cents) of its currency.
    assert row(pid) == ["product", name, sku, "шт.", "123456750", "USD", "vat20", "14 inches\\nMatte screen", "1"], row(pid)
    assert sql("SELECT owner_id, visibility FROM product WHERE id = %d" % pid) == [[str(uid), "public_read"]]
    card = s.get("/products/%d" % pid)
    assert card.status == 200
    assert html.escape(name, quote=False) in card.text and sku in card.text
    assert "1,234,567.50 USD" in card.text, "the price as English readers write it"
    assert t("products.tax.vat20") in card.text
    assert 'id="history"' in card.text and 'id="files"' in card.text
    assert 'data-panel="catalogprobe.product"' in card.text, "other plugins' panels reach the card"
    # The edit form shows what is stored; a save changes it and says what changed.
    edit = s.get("/products/%d/edit" % pid)
    assert edit.status == 200 and crmtest.form_value(edit.text, "price") == "1234567.50"
    assert 'list="product-unit-list"' in edit.text and '<option value="pcs"' in edit.text, "units are suggested"
    r = s.post("/products/%d/edit" % pid, {"kind": "service", "name": name, "sku": sku, "unit": "hour",
                                           "price": "99.9", "currency": "USD", "tax": "vat10"})
    assert r.status == 303 and r.header("Location") == "/products/%d" % pid, (r.status, r.text[:500])
    assert row(pid) == ["service", name, sku, "hour", "9990", "USD", "vat10", "NULL", "0"], row(pid)
    changed = sql("SELECT h.text FROM crm_history h JOIN crm_history_category c ON c.id = h.category_id "
                  "WHERE h.entity = 'product' AND h.record_id = %d AND c.code = 'changed'" % pid)
    assert changed and "Price" in changed[0][0] and "On sale" in changed[0][0], changed
    # Delete: a confirmation first, then the product is gone.
    confirm = s.get("/products/%d/delete" % pid)
    assert confirm.status == 200 and 'action="/products/%d/delete"' % pid in confirm.text
    assert count("id = %d" % pid) == 1, "the confirmation deletes nothing"
    r = s.post("/products/%d/delete" % pid)
    assert r.status == 303 and r.header("Location") == "/products"
    assert count("id = %d" % pid) == 0
    assert sql("SELECT COUNT(*) FROM crm_history WHERE entity = 'product' AND record_id = %d" % pid) == [["0"]]
    assert s.get("/products/%d" % pid).status == 404
    assert s.post("/products/%d/delete" % pid).status == 404


@test
def the_form_refuses_bad_input_field_by_field_in_english_and_russian():
    s, uid = user("admin")
    sku = crmtest.unique("DUP-")
    first = create(s, "First %s" % sku, sku=sku)
    name = crmtest.unique("Bad")
    r = create(s, "", expect=422, price="12,3456", sku=sku.lower(), unit="x" * 33, currency="XXX", tax="vat18",
               kind="gadget", description="d" * 20001)
    assert field_error(r.text, "name") == html.unescape(t("products.name_required"))
    assert field_error(r.text, "price") == html.unescape(t("core.money.fraction_2"))
    assert field_error(r.text, "sku") == "%s «First %s»" % (html.unescape(t("products.sku_taken")), sku), \
        "the SKU is unique whatever its case"
    assert field_error(r.text, "unit") == html.unescape(t("products.unit_invalid"))
    assert field_error(r.text, "currency") == html.unescape(t("products.currency_invalid"))
    assert field_error(r.text, "tax") == html.unescape(t("products.tax_invalid"))
    assert field_error(r.text, "kind") == html.unescape(t("products.kind_invalid"))
    assert field_error(r.text, "description") == html.unescape(t("products.description_too_long"))
    assert crmtest.form_value(r.text, "price") == "12,3456", "what was typed stays"
    # Each refusal on its own, nothing stored.
    for fields, bad in (({"price": ""}, "price"), ({"price": "-5"}, "price"), ({"price": "1e5"}, "price"),
                        ({"price": "12345678901234"}, "price"), ({"name": "two\nlines"}, "name"),
                        ({"name": "n" * 201}, "name"), ({"sku": "a\tb"}, "sku")):
        data = {"name": name}
        data.update(fields)
        r = create(s, expect=422, **data)
        assert field_error(r.text, bad), (fields, r.text[:300])
    assert count("name = '%s'" % name) == 0
    # Russian users read Russian messages.
    ru, _ = user("admin", locale="ru")
    r = create(ru, "", expect=422, price="abc")
    assert field_error(r.text, "name") == html.unescape(t("products.name_required", "ru"))
    assert field_error(r.text, "price") == html.unescape(t("core.money.invalid", "ru"))
    r = create(ru, "", expect=422, price="-5")
    assert field_error(r.text, "price") == html.unescape(t("core.money.negative", "ru"))
    # Prices in the forms people type them, stored as minor units.
    for typed, stored in (("1500", "150000"), ("1 499,9", "149990"), ("1,234.56", "123456"), ("0", "0"),
                          ("1.234", "123400"), ("007,5", "750"), ("999999999999.99", "99999999999999"),
                          ("9\u00a0999\u00a0999\u00a0999\u00a0999,99", "999999999999999")):
        pid = create(s, crmtest.unique("Price"), price=typed)
        assert row(pid, "price") == [stored], (typed, row(pid, "price"))
    # Yen have no minor units.
    pid = create(s, crmtest.unique("Yen"), price="1 500", currency="JPY")
    assert row(pid, "price") == ["1500"]
    assert "1,500 JPY" in s.get("/products/%d" % pid).text
    assert crmtest.form_value(s.get("/products/%d/edit" % pid).text, "price") == "1500"
    r = create(s, crmtest.unique("Yen"), expect=422, price="1500,50", currency="JPY")
    assert field_error(r.text, "price") == html.unescape(t("core.money.fraction_0"))
    # No SKU is no SKU: any number of products may have none.
    a, b = create(s, crmtest.unique("NoSku")), create(s, crmtest.unique("NoSku"), sku="  ")
    assert sql("SELECT COUNT(*) FROM product WHERE id IN (%d, %d) AND sku IS NULL" % (a, b)) == [["2"]]
    # Editing keeps its own SKU and may not take another's.
    other = create(s, crmtest.unique("Other"), sku=crmtest.unique("OWN-"))
    r = s.post("/products/%d/edit" % other, {"kind": "product", "name": "Other", "price": "1", "currency": "RUB",
                                             "tax": "none", "sku": sku})
    assert r.status == 422 and field_error(r.text, "sku"), r.status
    r = s.post("/products/%d/edit" % first, {"kind": "product", "name": "First %s" % sku, "price": "2",
                                             "currency": "RUB", "tax": "none", "sku": sku, "active": "1"})
    assert r.status == 303 and row(first, "price") == ["200"]


@test
def users_see_the_catalog_and_only_editors_change_it():
    admin, _ = user("admin")
    pid = create(admin, crmtest.unique("Seen"))
    s, uid = user("user")
    assert s.get("/products").status == 200 and s.get("/products/%d" % pid).status == 200
    card = s.get("/products/%d" % pid)
    assert "/products/%d/edit" % pid not in card.text, "no edit button for readers"
    assert 'href="/products/new"' not in s.get("/products").text
    for path in ("/products/new", "/products/%d/edit" % pid, "/products/%d/delete" % pid):
        assert s.get(path).status == 403, path
    assert s.post("/products/new", {"name": "x", "price": "1", "kind": "product", "currency": "RUB",
                                    "tax": "none"}).status == 403
    assert s.post("/products/%d/delete" % pid).status == 403
    assert count("id = %d" % pid) == 1
    # Without the CSRF token nothing is written, even by an admin.
    r = admin.post("/products/%d/delete" % pid, csrf=False)
    assert r.status == 403 and count("id = %d" % pid) == 1
    # A group granted products.edit makes a user an editor.
    login = sql("SELECT login FROM crm_user WHERE id = %d" % uid)[0][0]
    group = crmtest.unique("g")
    crmtest.crmctl("group", "add", group)
    crmtest.crmctl("group", "member", group, login)
    sql("INSERT INTO crm_group_grant (group_id, permission) SELECT id, 'products.edit' FROM crm_group WHERE name = '%s'"
        % group)
    mine = create(s, crmtest.unique("ByUser"))
    assert s.get("/products/%d/edit" % mine).status == 200
    # Anonymous visitors are sent to sign in.
    assert Session().get("/products").status in (302, 303)


@test
def deleting_asks_the_other_plugins_first():
    s, _ = user("admin")
    pid = create(s, "Service locked %s" % crmtest.unique())
    for r in (s.get("/products/%d/delete" % pid), s.post("/products/%d/delete" % pid)):
        assert r.status == 409, r.status
        assert t("catalogprobe.in_use") in r.text
    assert count("id = %d" % pid) == 1


@test
def the_list_searches_filters_sorts_and_pages():
    s, _ = user("admin")
    tag = crmtest.unique("L")
    # 60 products through SQL (the form is tested above): prices falling from 600 by 10, every 5th a service,
    # every 7th archived.
    values = ", ".join("('%s', 'Item %s %02d', 'SKU-%s-%02d', %d, 'RUB', %d)"
                       % ("service" if i % 5 == 0 else "product", tag, i, tag, i, (61 - i) * 10, 0 if i % 7 == 0 else 1)
                       for i in range(1, 61))
    sql("INSERT INTO product (kind, name, sku, price, currency, active) VALUES %s" % values)
    ids = {int(r[1][-2:]): int(r[0]) for r in sql("SELECT id, name FROM product WHERE name LIKE 'Item %s %%'" % tag)}
    active = [i for i in range(1, 61) if i % 7]
    # By name (the default), active only, 50 a page, then the rest; back again.
    page1, nxt, prv = list_ids(s, "/products?q=Item+%s" % tag)
    assert page1 == [ids[i] for i in active[:50]] and nxt and not prv, (len(page1), nxt, prv)
    page2, nxt2, prv2 = list_ids(s, nxt)
    assert page2 == [ids[i] for i in active[50:]] and not nxt2 and prv2
    back, _, _ = list_ids(s, prv2)
    assert back == page1
    # Price, lowest first: the reverse of the names' order, across pages.
    p1, n1, _ = list_ids(s, "/products?q=Item+%s&sort=price" % tag)
    p2, _, _ = list_ids(s, n1)
    assert p1 + p2 == [ids[i] for i in reversed(active)]
    hi, _, _ = list_ids(s, "/products?q=Item+%s&sort=price_desc&kind=service" % tag)
    assert hi == [ids[i] for i in active if i % 5 == 0]
    # Archived ones and everything.
    arch, _, _ = list_ids(s, "/products?q=Item+%s&status=archived" % tag)
    assert sorted(arch) == sorted(ids[i] for i in range(7, 61, 7))
    every, nx, _ = list_ids(s, "/products?q=Item+%s&status=all" % tag)
    assert len(every) == 50 and nx
    # By SKU's start, and by a word inside the name.
    by_sku, _, _ = list_ids(s, "/products?q=sku-%s-1" % tag.lower())
    assert sorted(by_sku) == sorted(ids[i] for i in range(10, 20) if i % 7)
    word = crmtest.unique("wrd")
    pid = create(s, "Ноутбук %s Pro" % word, price="5")
    found, _, _ = list_ids(s, "/products?q=%s" % word[:-1])
    assert found == [pid], found
    # Nothing found, and a search too long, are said so.
    r = s.get("/products?q=%s" % crmtest.unique("nothing"))
    assert r.status == 200 and t("products.none_match") in r.text
    assert s.get("/products?q=" + "x" * 201).status == 400
    # Odd input is ignored, never a failure.
    assert s.get("/products?sort=bogus&kind=alien&status=%27&after=abc").status == 200


@test
def other_plugins_read_the_catalog_through_events():
    s, _ = user("admin")
    tag = crmtest.unique("E")
    a = create(s, "AAA %s" % tag, sku="E-%s" % tag, unit="шт.", price="10.5", currency="EUR", tax="vat20")
    b = create(s, "BBB %s" % tag, price="7")
    c = create(s, "CCC %s" % tag, price="3")
    assert s.post("/products/%d/edit" % c, {"kind": "product", "name": "CCC %s" % tag, "price": "3", "currency": "RUB",
                                            "tax": "none"}).status == 303  # archived
    reader, _ = user("user")
    listed = reader.get("/catalogprobe/list")
    assert listed.status == 200
    lines = [l for l in listed.text.splitlines() if tag in l]
    # Active products only, by name; a product without SKU or unit has them empty.
    assert lines == ["%d|AAA %s|E-%s|шт.|10.50|EUR|vat20" % (a, tag, tag), "%d|BBB %s|||7.00|RUB|none" % (b, tag)], lines
    described = reader.get("/catalogprobe/describe?ids=%d,%d,abc,-1,%d,999999999" % (c, a, b))
    lines = described.text.splitlines()
    assert [int(l.split("|")[0]) for l in lines] == [a, b, c], lines
    assert reader.get("/catalogprobe/describe?ids=").text == ""
    # With the products module off, nothing answers and the asking page still works.
    crmtest.crmctl("plugin", "disable", "products")
    try:
        r = reader.get("/catalogprobe/list")
        assert r.status == 200 and r.text == "", r.text[:200]
        assert reader.get("/products").status == 404
    finally:
        crmtest.crmctl("plugin", "enable", "products")
    assert reader.get("/products").status == 200


if __name__ == "__main__":
    crmtest.main()
