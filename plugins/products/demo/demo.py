#!/usr/bin/env python3
"""Demo products for `make run`: a dozen products and services in the catalog of tenant
"default", added by the demo owner (scripts/demo.sh). A setting marks the tenant once
they are loaded, so a second run changes nothing.

Usage: demo.py CRM_CONF
"""
import decimal
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "scripts"))
from demolib import Demo, q  # noqa: E402

MARK = "demo.products"


def minor(price):
    """A price as stored: minor units (kopecks) of its two-digit currency."""
    return int(decimal.Decimal(price) * 100)

# kind, name, SKU, unit, price (roubles), currency, tax, active, description
PRODUCTS = [
    ("product", "Ноутбук Lenovo ThinkPad E14", "LN-E14-G5", "шт.", "89990.00", "RUB", "vat20", 1,
     "14\", Ryzen 5, 16 ГБ, SSD 512 ГБ."),
    ("product", "Монитор Dell P2422H 24\"", "DL-P2422H", "шт.", "21490.00", "RUB", "vat20", 1, None),
    ("product", "Офисное кресло «Бюрократ»", "BR-CH-868", "шт.", "12350.00", "RUB", "vat20", 1, None),
    ("product", "Бумага офисная А4, 500 листов", "PAPER-A4-500", "упак.", "459.90", "RUB", "vat20", 1, None),
    ("product", "Кабель UTP cat.6", "UTP6-305", "м", "38.50", "RUB", "vat20", 1, "Бухта 305 м, продаётся на метры."),
    ("service", "Настройка CRM под процессы компании", "SRV-CRM-SETUP", "час", "3500.00", "RUB", "none", 1,
     "Аудит воронки продаж, настройка этапов, полей и прав доступа."),
    ("service", "Обучение сотрудников работе в CRM", "SRV-TRAIN", "день", "45000.00", "RUB", "none", 1, None),
    ("service", "Техническая поддержка, тариф «Стандарт»", "SRV-SUP-STD", "мес.", "15000.00", "RUB", "vat20", 1, None),
    ("service", "Лицензия CRM на одного пользователя", "LIC-CRM-USER", "лицензия", "1200.00", "RUB", "vat0", 1,
     "Годовая подписка."),
    ("service", "Integration with 1C", "SRV-1C-INT", "hour", "60.00", "USD", "none", 1, None),
    ("product", "Barcode scanner Zebra DS2208", "ZB-DS2208", "pcs", "149.00", "EUR", "vat20", 1, None),
    ("product", "Принтер этикеток (снят с продажи)", "OLD-LBL-01", "шт.", "9900.00", "RUB", "vat20", 0,
     "Больше не поставляется; оставлен для старых сделок."),
]




def generate():
    lines = ["SET NAMES utf8mb4;", "START TRANSACTION;",
             "SET @owner = (SELECT id FROM crm_user WHERE login = 'owner');"]
    for i, (kind, name, sku, unit, price, currency, tax, active, desc) in enumerate(PRODUCTS):
        age = (len(PRODUCTS) - i) * 1440
        lines.append("INSERT INTO product (kind, name, sku, unit, price, currency, tax, description, active, owner_id, "
                     "visibility, created_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %d, @owner, 'public_read', "
                     "NOW() - INTERVAL %d MINUTE);"
                     % (q(kind), q(name), q(sku), q(unit), minor(price), q(currency), q(tax), q(desc), active, age))
        lines.append("INSERT INTO crm_history (entity, record_id, category_id, user_id, created_at, text) "
                     "SELECT 'product', LAST_INSERT_ID(), id, @owner, NOW() - INTERVAL %d MINUTE, %s "
                     "FROM crm_history_category WHERE code = 'created';" % (age, q(name)))
    lines.append("INSERT INTO crm_setting (name, value) VALUES (%s, '1');" % q(MARK))
    lines.append("COMMIT;")
    return "\n".join(lines) + "\n"


def main():
    d = Demo('products', 'product', MARK)
    if not d.start(('owner',)):
        return
    d.run(generate())
    print("Demo products: %d products and services loaded." % len(PRODUCTS))


if __name__ == "__main__":
    main()
