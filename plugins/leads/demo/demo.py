#!/usr/bin/env python3
"""Demo leads for `make run`: a few dozen Russian and English leads in the main funnel's
statuses (some qualified, some disqualified with a reason), owned by the demo owner and
manager, with sources, budgets, phones (typed and E.164) and history; some linked to demo
contacts when those are loaded. Generated from a fixed seed; a setting marks the tenant
once they are loaded, so a second run changes nothing. Emails use .example domains.

Usage: demo.py CRM_CONF
"""
import random
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "scripts"))
from demolib import Demo, q  # noqa: E402

SEED = 20241124
MARK = "demo.leads"

NEEDS_RU = ["Мебель в офис на {n} мест", "Поставка бумаги, {n} коробок", "Ноутбуки для отдела, {n} шт.",
            "Кофемашины в переговорные", "Обслуживание кондиционеров", "Уборка офиса {n} м²",
            "Доставка воды, {n} бутылей в месяц", "Корпоративный тариф связи на {n} сотрудников",
            "Стеллажи на склад", "Ремонт переговорной", "Спецодежда для {n} рабочих", "Принтеры и картриджи",
            "Обучение продажам для {n} менеджеров", "Видеонаблюдение на складе"]
NEEDS_EN = ["Standing desks for {n} people", "Laptops for the sales team", "Office cleaning, {n} m²",
            "Coffee machines for meeting rooms", "Printer lease for {n} months", "Warehouse shelving"]
FIRMS_RU = ["ООО «Север»", "ООО «Вектор»", "АО «Техносила»", "ИП Кравцов", "ООО «Гранит»", "ООО «Лотос»",
            "ООО «СтройМир»", "АО «Волна»", "ООО «Фортуна»", "ООО «Меридиан»"]
FIRMS_EN = ["Northwind Ltd", "Blue Harbor Inc", "Greenfield LLC", "Summit Partners"]
NOTES_RU = ["Позвонил сам, просит коммерческое предложение.", "Заявка с сайта, ждёт звонка.",
            "Познакомились на выставке, нужен прайс.", "Сравнивает с двумя поставщиками.",
            "Бюджет утверждают в конце квартала."]
NOTES_EN = ["Filled in the web form, wants a call back.", "Met at the fair, asked for prices.",
            "Budget is approved at the end of the quarter."]
# (status id, share): the seeded funnel's statuses 1..5 (migrations/0001_leads.sql)
STATUSES = [(1, 10), (2, 8), (3, 6), (4, 6), (5, 5)]




def generate(contacts):
    rnd = random.Random(SEED)
    out = ["START TRANSACTION;",
           "SET @owner = (SELECT id FROM crm_user WHERE login = 'owner'), "
           "@manager = (SELECT id FROM crm_user WHERE login = 'manager');"]
    n = 0
    for status, share in STATUSES:
        for _ in range(share):
            n += 1
            english = rnd.random() < 0.2
            need = rnd.choice(NEEDS_EN if english else NEEDS_RU).format(n=rnd.choice([5, 12, 20, 40, 150]))
            firm = rnd.choice(FIRMS_EN if english else FIRMS_RU)
            name = "%s — %s" % (need, firm)
            typed = "+7 9%02d %03d-%02d-%02d" % (rnd.randrange(100), rnd.randrange(1000), rnd.randrange(100),
                                                  rnd.randrange(100))
            e164 = "+79" + "".join(ch for ch in typed[4:] if ch.isdigit())
            email = "lead%d@%s.example" % (n, "firm" if english else "firma")
            budget = rnd.choice([None, 50000, 120000, 300000, 750000, 1500000])
            currency = "USD" if english else "RUB"
            owner = "@owner" if rnd.random() < 0.4 else "@manager"
            vis = rnd.choice(["public_read", "public_read", "private"])
            contact = rnd.choice(contacts) if contacts and rnd.random() < 0.5 else None
            days = rnd.randrange(1, 120)
            reason = rnd.randrange(1, 6) if status == 5 else None
            out.append(
                "INSERT INTO lead (name, funnel_id, status_id, contact_id, phone, phone_e164, email, source_id, "
                "reason_id, budget, currency, description, owner_id, visibility, created_at) VALUES "
                "(%s, 1, %d, %s, %s, %s, %s, %d, %s, %s, %s, %s, %s, %s, NOW() - INTERVAL %d DAY);"
                % (q(name), status, q(contact), q(typed), q(e164), q(email), rnd.randrange(1, 8), q(reason),
                   q(budget * 100) if budget else "NULL", q(currency), q(rnd.choice(NOTES_EN if english else NOTES_RU)),
                   owner, q(vis), days))
            out.append("SET @lead = LAST_INSERT_ID();")
            out.append("INSERT INTO crm_history (entity, record_id, category_id, user_id, created_at, text) "
                       "SELECT 'lead', @lead, id, %s, NOW() - INTERVAL %d DAY, %s FROM crm_history_category "
                       "WHERE code = 'created';" % (owner, days, q(name)))
    out.append("INSERT INTO crm_setting (name, value) VALUES (%s, '1');" % q(MARK))
    out.append("COMMIT;")
    return "\n".join(out) + "\n", n


def main():
    d = Demo('leads', 'lead', MARK)
    if not d.start():
        return
    contacts = []
    if d.has("contact"):
        contacts = [int(x) for x in d.run("SELECT id FROM contact WHERE kind = 'person' ORDER BY id LIMIT 40;").split()]
    sql, n = generate(contacts)
    d.run(sql)
    print("Demo leads: %d leads loaded." % n)


if __name__ == "__main__":
    main()
