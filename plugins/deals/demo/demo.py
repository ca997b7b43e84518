#!/usr/bin/env python3
"""Demo deals for `make run`: three dozen deals across the stages of tenant "default",
owned by the demo owner and manager (scripts/demo.sh), most of them with one of the demo
contacts. Made from a fixed seed, so every run makes the same deals; a setting marks the
tenant once they are loaded, and a second run changes nothing.

Usage: demo.py CRM_CONF
"""
import random
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "scripts"))
from demolib import Demo, q  # noqa: E402

SEED = 20241124
MARK = "demo.deals"

# name, budget (whole units of the currency), currency, amount type
DEALS = [
    ("Поставка ноутбуков для отдела продаж", 1350000, "RUB", "fixed"),
    ("Внедрение CRM в филиалах", 2400000, "RUB", "fixed"),
    ("Техническая поддержка 2025", 45000, "RUB", "month"),
    ("Аренда серверных стоек", 180000, "RUB", "month"),
    ("Обучение менеджеров", 90000, "RUB", "day"),
    ("Мебель для нового офиса", 760000, "RUB", "fixed"),
    ("Лицензии на 50 пользователей", 720000, "RUB", "year"),
    ("Интеграция с 1С", 3500, "RUB", "hour"),
    ("Сканеры штрихкодов для склада", 210000, "RUB", "fixed"),
    ("Кабельная сеть второго этажа", 540000, "RUB", "fixed"),
    ("Аутсорсинг бухгалтерии", 65000, "RUB", "month"),
    ("Печать каталогов", 120000, "RUB", "fixed"),
    ("Доставка по Москве", 1800, "RUB", "hour"),
    ("Консалтинг по логистике", 25000, "RUB", "day"),
    ("Видеонаблюдение на складе", 430000, "RUB", "fixed"),
    ("Запасные части для погрузчиков", 315000, "RUB", "fixed"),
    ("Корпоративная мобильная связь", 38000, "RUB", "month"),
    ("Ремонт переговорной", 870000, "RUB", "fixed"),
    ("Office chairs for the Riga team", 14500, "EUR", "fixed"),
    ("Cloud backup subscription", 900, "USD", "month"),
    ("Warehouse management pilot", 48000, "USD", "fixed"),
    ("Translation of the price list", 60, "EUR", "hour"),
    ("Annual maintenance contract", 12000, "USD", "year"),
    ("Trade show stand", 22000, "EUR", "fixed"),
    ("Кондиционеры для серверной", 390000, "RUB", "fixed"),
    ("Охрана объекта", 150000, "RUB", "month"),
    ("Поставка бумаги на год", 96000, "RUB", "year"),
    ("Разработка сайта", 640000, "RUB", "fixed"),
    ("Контекстная реклама", 80000, "RUB", "month"),
    ("Спецодежда для склада", 175000, "RUB", "fixed"),
    ("Ноутбуки для бухгалтерии", 410000, "RUB", "fixed"),
    ("Курьерская доставка документов", 700, "RUB", "hour"),
    ("Клининг офиса", 55000, "RUB", "month"),
    ("Кофемашины в переговорные", 130000, "RUB", "fixed"),
    ("Перевозка оборудования", 28000, "RUB", "day"),
    ("Аудит информационной безопасности", 520000, "RUB", "fixed"),
]




def generate(stages, contacts):
    rnd = random.Random(SEED)
    lines = ["SET NAMES utf8mb4;", "START TRANSACTION;",
             "SET @owner = (SELECT id FROM crm_user WHERE login = 'owner');",
             "SET @manager = (SELECT id FROM crm_user WHERE login = 'manager');"]
    for i, (name, budget, currency, kind) in enumerate(DEALS):
        # Most deals are open; a few are won or lost already.
        opened = [s for s in stages if s[2] == "open"]
        stage_id, prob, _ = opened[i % len(opened)]
        if i % 9 == 0:
            stage_id, prob, _ = next(s for s in stages if s[2] == "won")
        elif i % 11 == 5:
            stage_id, prob, _ = next(s for s in stages if s[2] == "lost")
        owner = "@manager" if i % 3 else "@owner"
        vis = "restricted" if i % 13 == 7 else ("private" if i % 7 == 3 else "public_write")
        contact = contacts[rnd.randrange(len(contacts))] if contacts and i % 5 else None
        close = "CURDATE() + INTERVAL %d DAY" % rnd.randrange(-20, 120) if i % 4 else "NULL"
        age = (len(DEALS) - i) * 1440 + rnd.randrange(600)
        lines.append("INSERT INTO deal (name, contact_id, budget, currency, amount_type, close_date, stage_id, "
                     "probability, owner_id, visibility, created_at) VALUES (%s, %s, %d, %s, %s, %s, %s, %s, %s, %s, "
                     "NOW() - INTERVAL %d MINUTE);"
                     % (q(name), contact or "NULL", budget * 100, q(currency), q(kind), close, stage_id, prob, owner,
                        q(vis), age))
        lines.append("SET @deal = LAST_INSERT_ID();")
        lines.append("INSERT INTO crm_history (entity, record_id, category_id, user_id, created_at, text) "
                     "SELECT 'deal', @deal, id, %s, NOW() - INTERVAL %d MINUTE, %s "
                     "FROM crm_history_category WHERE code = 'created';" % (owner, age, q(name)))
        if vis == "restricted":
            other = "@owner" if owner == "@manager" else "@manager"
            lines.append("INSERT INTO crm_record_user (entity, record_id, user_id, kind) VALUES ('deal', @deal, %s, "
                         "'reader');" % other)
            lines.append("UPDATE deal SET has_users = 1 WHERE id = @deal;")
    lines.append("INSERT INTO crm_setting (name, value) VALUES (%s, '1');" % q(MARK))
    lines.append("COMMIT;")
    return "\n".join(lines) + "\n"


def main():
    d = Demo('deals', 'deal', MARK)
    if not d.start():
        return
    stages = [tuple(line.split("\t")) for line in
              d.run("SELECT id, probability, kind FROM deal_stage ORDER BY position, id;").splitlines()]
    contacts = []
    if d.has("contact"):
        contacts = d.run("SELECT id FROM contact ORDER BY id LIMIT 200;").split()
    d.run(generate(stages, contacts))
    print("Demo deals: %d deals loaded." % len(DEALS))


if __name__ == "__main__":
    main()
