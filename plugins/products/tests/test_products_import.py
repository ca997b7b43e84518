"""A price list imported into the catalog from an Excel workbook through the core's
wizard: Russian headers, numbers and written prices, taxes and kinds as people write
them, SKUs matching existing products (updated, skipped, or refused when creating), a
bad row reported by its row; the catalog in "export all", and who may import."""
import html

import crmtest
from crmtest import sql, t, test, unique
from import_helpers import counts, import_id, person, refused, run, start, unzip, upload, wait
from xlsx_helpers import xlsx

HEAD = ["Название", "Артикул", "Вид", "Единица измерения", "Цена", "Валюта", "Налог по умолчанию", "Описание",
        "В продаже"]


def msg(key):
    """A message as our users read it (their locale is Russian)."""
    return html.unescape(t(key, "ru"))


def product(sku):
    rows = sql("SELECT name, kind, unit, price, currency, tax, description, active FROM product WHERE sku = '%s'" % sku)
    return rows[0] if rows else None


@test
def a_price_list_imports_from_a_workbook_and_updates_by_sku():
    s, login, uid = person("admin")
    tag = unique("P").upper()
    sql("INSERT INTO product (name, sku, price, currency, unit) VALUES ('Old %s', 'E-%s', 100, 'RUB', 'шт.')" % (tag, tag))
    sql("INSERT INTO product (name, sku, price, currency, unit) VALUES ('Yen %s', 'Y-%s', 1000, 'JPY', 'шт.')" % (tag, tag))
    book = xlsx([
        (1, HEAD),
        (2, ["Кабель %s" % tag, "K-%s" % tag, "Товар", "м", 38.5, "eur", "НДС 20%", "Медь", 1]),
        (3, ["Монтаж %s" % tag, None, "услуга", "час", "1 500,00", None, "без НДС", None, None]),
        (4, ["Плохая цена %s" % tag, "B-%s" % tag, None, None, "дорого"]),
        (5, ["Новое имя %s" % tag, "e-%s" % tag.lower(), None, None, 99, None, "10%", None, "нет"]),
        (6, ["Повтор %s" % tag, "K-%s" % tag, None, None, 1]),
        (7, ["Yen %s" % tag, "Y-%s" % tag, None, None, "2 500"]),
    ])
    iid, report = run(s, book, entity="product", filename="prices.xlsx", policy="update")
    assert counts(report.text) == {"created": 2, "updated": 2, "skipped": 1, "refused": 1}, counts(report.text)
    assert refused(report.text) == [(4, "Цена", msg("core.money.invalid"))], refused(report.text)
    # Prices are stored as minor units of their currency.
    assert product("K-%s" % tag) == ["Кабель %s" % tag, "product", "м", "3850", "EUR", "vat20", "Медь", "1"]
    assert sql("SELECT kind, unit, price, currency, tax, active, owner_id FROM product WHERE name = 'Монтаж %s'" % tag) \
        == [["service", "час", "150000", "RUB", "none", "1", str(uid)]]
    # Filled cells replace the product's values; empty ones keep them.
    assert product("E-%s" % tag) == ["Новое имя %s" % tag, "product", "шт.", "9900", "RUB", "vat10", "NULL", "0"]
    # A price without a currency is read in the product's own: yen have no minor units.
    assert product("Y-%s" % tag)[3:5] == ["2500", "JPY"], product("Y-%s" % tag)
    assert product("B-%s" % tag) is None
    created = sql("SELECT COUNT(*) FROM crm_history h JOIN product p ON p.id = h.record_id AND h.entity = 'product' "
                  "WHERE p.sku = 'K-%s'" % tag)
    assert created == [["1"]], created
    # The catalog is in "export all", under the names the importer reads.
    files = unzip(s.get("/admin/export/download").body)
    assert "product.csv" in files, list(files)
    lines = files["product.csv"].splitlines()
    assert lines[0] == "name,sku,kind,unit,price,currency,tax,description,active", lines[0]
    assert "Кабель %s,K-%s,product,м,38.50,EUR,vat20,Медь,1" % (tag, tag) in lines
    assert "Yen %s,Y-%s,product,шт.,2500,JPY,none,,1" % (tag, tag) in lines, [l for l in lines if "Y-" + tag in l]


@test
def creating_refuses_rows_whose_sku_is_taken():
    s, login, uid = person("admin")
    tag = unique("C").upper()
    sql("INSERT INTO product (name, sku, price, currency) VALUES ('Held %s', 'H-%s', 1, 'RUB')" % (tag, tag))
    book = xlsx([(1, ["name", "sku", "price"]), (2, ["New %s" % tag, "H-%s" % tag, 5]), (3, ["Fresh %s" % tag, "F-%s" % tag, 7])])
    iid, report = run(s, book, entity="product", filename="prices.xlsx", policy="create")
    assert counts(report.text) == {"created": 1, "updated": 0, "skipped": 0, "refused": 1}, counts(report.text)
    assert [(line, why) for line, _, why in refused(report.text)] == [(2, msg("products.import.sku_taken"))]
    assert product("H-%s" % tag)[0] == "Held %s" % tag


@test
def only_catalog_editors_import():
    s, login, uid = person("user")
    book = xlsx([(1, ["name", "price"]), (2, ["x", 1])])
    assert s.get("/import/product").status == 403
    assert upload(s, book, entity="product", filename="p.xlsx").status == 403
    assert "/import/product" not in s.get("/import").text


if __name__ == "__main__":
    crmtest.main()
