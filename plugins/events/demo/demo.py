#!/usr/bin/env python3
"""Demo events for `make run`: a handful of seminars, meetings and fairs on tenant
"default", owned by the demo owner and manager (scripts/demo.sh), with participants
taken from the demo contacts, tags, planned items, one restricted event and one closed.
Dates are set relative to the day of loading, so the calendar shows them around now. A
setting marks the tenant once they are loaded, so a second run changes nothing.

Usage: demo.py CRM_CONF
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "scripts"))
from demolib import Demo, q  # noqa: E402

MARK = "demo.events"

# name, description, start (days from today, hour UTC), length in hours (None: no end),
# owner, visibility, closed, tags, participants (offset, count among persons), planned items
EVENTS = [
    ("Семинар «CRM для отдела продаж»", "Конференц-зал на 40 мест, проектор, кофе-брейк в 12:00.",
     (6, 7), 6, "@owner", "public_read", 0, ["семинар"], (0, 6),
     [(-2, 9, "meeting", "Репетиция выступления"), (-1, 12, "note", "Разослать напоминание участникам")]),
    ("Встреча с поставщиками оборудования", "Обсуждаем график поставок на квартал.",
     (2, 8), 2, "@manager", "public_write", 0, ["встреча", "поставки"], (10, 3),
     [(0, 7, "meeting", "Подготовить спецификации")]),
    ("Выставка «Связь»: стенд компании", "Павильон 2, стенд B14. Дежурство по сменам.",
     (20, 6), 56, "@owner", "public_read", 0, ["выставка"], (20, 8), []),
    ("Совет директоров: итоги года", "Только для приглашённых.",
     (12, 11), 3, "@owner", "restricted", 0, ["совет"], (40, 2),
     [(-3, 10, "note", "Согласовать повестку")]),
    ("Webinar: pipeline hygiene for sales teams", "Online, link sent to registered participants.",
     (9, 14), 1, "@manager", "public_read", 0, ["webinar"], (60, 5), []),
    ("Обучение новых менеджеров", "Два дня: продукт, скрипты звонков, работа в CRM.",
     (-14, 7), 32, "@manager", "public_read", 1, ["обучение"], (80, 4), []),
    ("Партнёрская конференция в Казани", None,
     (35, 6), None, "@owner", "private", 0, ["конференция"], (100, 3), []),
]




def at(days, hour):
    return "DATE(UTC_TIMESTAMP()) + INTERVAL %d DAY + INTERVAL %d HOUR" % (days, hour)


def generate(with_contacts):
    out = ["START TRANSACTION;",
           "SET @owner = (SELECT id FROM crm_user WHERE login = 'owner');",
           "SET @manager = (SELECT id FROM crm_user WHERE login = 'manager');"]
    for n, (name, desc, (day, hour), hours, owner, vis, closed, tags, (off, count), plans) in enumerate(EVENTS, 1):
        end = "%s + INTERVAL %d HOUR" % (at(day, hour), hours) if hours else "NULL"
        out.append("INSERT INTO event_item (name, description, starts_at, ends_at, owner_id, visibility, closed, "
                   "closed_at, created_at) VALUES (%s, %s, %s, %s, %s, %s, %d, %s, UTC_TIMESTAMP() - INTERVAL %d DAY);"
                   % (q(name), q(desc), at(day, hour), end, owner, q(vis), closed,
                      "UTC_TIMESTAMP()" if closed else "NULL", 30 - n))
        out.append("SET @e = LAST_INSERT_ID();")
        out.append("INSERT INTO crm_history (entity, record_id, category_id, user_id, text, created_at) "
                   "SELECT 'event', @e, id, %s, %s, UTC_TIMESTAMP() - INTERVAL %d DAY FROM crm_history_category "
                   "WHERE code = 'created';" % (owner, q(name), 30 - n))
        if vis == "restricted":
            out.append("INSERT INTO crm_record_user (entity, record_id, user_id, kind) VALUES ('event', @e, @manager, 'reader');")
            out.append("UPDATE event_item SET has_users = 1 WHERE id = @e;")
        for tag in tags:
            out.append("INSERT IGNORE INTO crm_tag (name) VALUES (%s);" % q(tag))
            out.append("INSERT IGNORE INTO crm_record_tag (entity, record_id, tag_id) SELECT 'event', @e, id FROM crm_tag "
                       "WHERE name = %s;" % q(tag))
        if with_contacts:
            out.append("INSERT IGNORE INTO event_participant (event_id, contact_id) SELECT @e, id FROM contact "
                       "WHERE kind = 'person' ORDER BY id LIMIT %d OFFSET %d;" % (count, off))
        for pday, phour, cat, text in plans:
            out.append("INSERT INTO event_plan (event_id, category_id, planned_at, text, user_id) SELECT @e, id, %s, %s, %s "
                       "FROM crm_history_category WHERE code = %s;" % (at(day + pday, phour), q(text), owner, q(cat)))
    out.append("INSERT INTO crm_setting (name, value) VALUES (%s, '1');" % q(MARK))
    out.append("COMMIT;")
    return "\n".join(out) + "\n"


def main():
    d = Demo('events', 'event_item', MARK)
    if not d.start():
        return
    d.run(generate(d.has("contact")))
    print("Demo events: %d events loaded." % len(EVENTS))


if __name__ == "__main__":
    main()
