#!/usr/bin/env python3
"""Demo tasks for `make run`: a few dozen calls, meetings and letters about the demo
contacts on tenant "default", for the demo owner and manager (scripts/demo.sh).

Due times are set around the moment the demo is loaded (some overdue, some today, most in
the coming weeks, a few closed), so My tasks and the calendar show something at once.
The choices come from a fixed seed; a setting marks the tenant once they are loaded, and a
second run changes nothing.

Usage: demo.py CRM_CONF
"""
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "scripts"))
from demolib import Demo, q  # noqa: E402

SEED = 20241124
MARK = "demo.tasks"

# category key, Russian titles, English titles
KINDS = [
    ("tasks.cat.call", ["Позвонить: уточнить потребность", "Перезвонить по коммерческому предложению",
                        "Звонок: согласовать дату поставки", "Позвонить и напомнить об оплате"],
     ["Call to clarify the needs", "Call back about the quote", "Call to agree the delivery date",
      "Call about the overdue invoice"]),
    ("tasks.cat.meeting", ["Встреча в офисе клиента", "Презентовать продукт руководству",
                           "Обсудить условия договора"],
     ["Meeting at the client's office", "Present the product to the board", "Discuss the contract terms"]),
    ("tasks.cat.letter", ["Отправить коммерческое предложение", "Написать письмо с итогами встречи",
                          "Выслать договор на подпись"],
     ["Send the quote", "Write a follow-up after the meeting", "Send the contract for signing"]),
    ("tasks.cat.webinar", ["Пригласить на вебинар о новых тарифах"], ["Invite to the webinar on new plans"]),
    ("tasks.cat.presentation", ["Подготовить презентацию для клиента"], ["Prepare a presentation for the client"]),
]
REMINDERS = [None, 15, 30, 60, 120, 1440, 1440, 1440]


def generate(contacts):
    """SQL for the tasks; contacts are (id, name, is_english) of demo contacts."""
    rnd = random.Random(SEED)
    out = ["SET NAMES utf8mb4;", "START TRANSACTION;",
           "SET @owner = (SELECT id FROM crm_user WHERE login = 'owner');",
           "SET @manager = (SELECT id FROM crm_user WHERE login = 'manager');"]
    picked = rnd.sample(contacts, min(len(contacts), 40))
    for n, (cid, name, english) in enumerate(picked):
        cat, ru, en = rnd.choice(KINDS)
        title = rnd.choice(en if english else ru)
        assignee = rnd.choice(["@manager", "@manager", "@owner"])
        author = rnd.choice([assignee, assignee, "@owner"])
        # Minutes from now, rounded to a quarter hour: a few overdue, some today, most later.
        when = rnd.choice([-2 * 1440, -300, -90, 60, 180, 300, 1440, 2 * 1440, 3 * 1440, 5 * 1440,
                           7 * 1440, 10 * 1440, 14 * 1440, 21 * 1440])
        due = "DATE_FORMAT(UTC_TIMESTAMP() + INTERVAL %d MINUTE, '%%Y-%%m-%%d %%H:00:00') + INTERVAL %d MINUTE" % (
            when, rnd.choice([0, 15, 30, 45]))
        remind = rnd.choice(REMINDERS)
        closed = when < 0 and n % 3 == 0
        remind_at = "NULL" if remind is None or closed or when <= 0 else "(%s) - INTERVAL %d MINUTE" % (due, remind)
        out.append(
            "INSERT INTO task (title, category_id, entity, record_id, due_at, remind_minutes, remind_at, assignee_id, "
            "description, done, closed_at, owner_id, visibility, created_at, updated_at) VALUES "
            "(%s, (SELECT id FROM task_category WHERE name = %s), 'contact', %d, %s, %s, %s, %s, NULL, %d, %s, %s, "
            "'private', UTC_TIMESTAMP() - INTERVAL 3 DAY, UTC_TIMESTAMP());"
            % (q(title), q(cat), cid, due, q(remind), remind_at, assignee, int(closed),
               "UTC_TIMESTAMP() - INTERVAL 1 HOUR" if closed else "NULL", author))
        out.append("INSERT INTO crm_history (entity, record_id, category_id, user_id, created_at, text, url) "
                   "SELECT 'contact', %d, id, %s, UTC_TIMESTAMP() - INTERVAL 3 DAY, %s, "
                   "CONCAT('/tasks/', LAST_INSERT_ID()) FROM crm_history_category WHERE code = 'task';"
                   % (cid, author, q(("Task: " if english else "Задача: ") + title)))
    out.append("INSERT INTO crm_setting (name, value) VALUES (%s, '1');" % q(MARK))
    out.append("COMMIT;")
    return "\n".join(out) + "\n", len(picked)


def main():
    d = Demo("tasks", "task", MARK)
    if not d.start():
        return
    if not d.has("contact"):
        print("Demo tasks: the contacts module is not installed; skipped.")
        return
    # The demo contacts (persons) of the demo users, in a fixed order.
    rows = d.run("SELECT c.id, c.name, c.first_name REGEXP '^[A-Za-z]' FROM contact c JOIN crm_user u "
                 "ON u.id = c.owner_id WHERE u.login IN ('owner', 'manager') AND c.kind = 'person' ORDER BY c.id;")
    contacts = [(int(i), n, e == "1") for i, n, e in (line.split("\t") for line in rows.splitlines() if line)]
    if not contacts:
        print("Demo tasks: no demo contacts to link tasks to; skipped.")
        return
    sql, n = generate(contacts)
    d.run(sql)
    print("Demo tasks: %d tasks loaded." % n)


if __name__ == "__main__":
    main()
