"""Leads as other plugins show and pick them ("lead.describe", "lead.search"), seen through
the tasks plugin: a task's lead field takes a lead's name, email, phone or "#id"; several
matches come back as a select; another user's private lead is neither found nor named; a
list of tasks names its leads live, at the same cost for 3 leads as for 40.

Each test makes its own users (unique logins, English pages) and its own leads."""
import re

import crmtest
from crmtest import field_error, page_cost, sql, t, test
from leads_helpers import lead, user
from linked_tasks import LinkedTasks

TASKS = LinkedTasks("lead", "/leads")
new_task, record_link = TASKS.new_task, TASKS.record_link


@test
def a_task_picks_a_lead_by_name_email_phone_or_number_and_names_it_live():
    s, uid = user("ld")
    name = crmtest.unique("Describe Lead ")
    lid = lead(s, name, phone="+7 912 345-67-%02d" % (uid % 100), email="%s@example.org" % name.split()[-1].lower())
    ways = {"name": name, "start of the name": name[:-2], "email": "%s@EXAMPLE.org" % name.split()[-1],
            "phone as typed another way": "8 (912) 345 67 %02d" % (uid % 100), "number": "#%d" % lid}
    for how, typed in ways.items():
        title = crmtest.unique("pick")
        _, rid = new_task(s, title, record=typed)
        assert rid == str(lid), (how, typed, rid)
    tid, _ = new_task(s, crmtest.unique("named"), record="#%d" % lid)
    card = s.get("/tasks/%d" % tid)
    assert card.status == 200 and record_link(card.text, lid) == name, record_link(card.text, lid)
    # The name is read from the lead each time, not copied into the task.
    sql("UPDATE lead SET name = '%s renamed' WHERE id = %d" % (name, lid))
    assert record_link(s.get("/tasks/%d" % tid).text, lid) == name + " renamed"
    # Nothing of that name: a per-field message, nothing stored.
    r = new_task(s, "none", expect=422, record=crmtest.unique("No such lead "))
    assert field_error(r.text, "record") == t("tasks.record_none")
    assert sql("SELECT COUNT(*) FROM task WHERE title = 'none' AND owner_id = %d" % uid) == [["0"]]


@test
def several_leads_of_one_name_come_back_as_a_select():
    s, _ = user("ld")
    stem = crmtest.unique("Twin ")
    a, b = lead(s, stem + " north"), lead(s, stem + " south")
    r = new_task(s, "twins", expect=422, record=stem)
    assert field_error(r.text, "record") == t("tasks.record_several")
    select = r.text[r.text.index('name="record_id"'):]
    options = re.findall(r'<option value="(\d+)"', select[:select.index("</select>")])
    assert sorted(int(o) for o in options) == sorted([a, b]), options
    # The full name of one of them is exact: it wins over the one it starts.
    c = lead(s, stem + " north east")
    title = crmtest.unique("exact")
    assert new_task(s, title, record=stem + " north")[1] == str(a)
    assert c != a


@test
def another_users_private_lead_is_neither_found_nor_named():
    owner, owner_id = user("ld")
    name = crmtest.unique("Secret Lead ")
    lid = lead(owner, name, visibility="private")
    other, other_id = user("ld")
    for typed in (name, "#%d" % lid):
        r = new_task(other, "sneaky", expect=422, record=typed)
        assert field_error(r.text, "record") == t("tasks.record_none"), typed
    # A task of the other user pointing at it (made before access changed) shows no name.
    sql("INSERT INTO task (title, due_at, owner_id, assignee_id, entity, record_id, created_at, updated_at) "
        "VALUES ('pointing', UTC_TIMESTAMP() + INTERVAL 1 DAY, %d, %d, 'lead', %d, UTC_TIMESTAMP(), UTC_TIMESTAMP())"
        % (other_id, other_id, lid))
    tid = int(sql("SELECT MAX(id) FROM task WHERE owner_id = %d" % other_id)[0][0])
    card = other.get("/tasks/%d" % tid)
    assert card.status == 200 and name not in card.text
    # Its owner, and an admin, see the name.
    mine, _ = new_task(owner, crmtest.unique("mine"), record=name)
    assert record_link(owner.get("/tasks/%d" % mine).text, lid) == name
    admin, _ = user("ld", role="admin")
    assert new_task(admin, crmtest.unique("admin"), record="#%d" % lid)[1] == str(lid)


@test
def a_tasks_list_names_its_leads_at_the_same_cost_for_3_and_for_40():
    costs = {}
    for n in (3, 40):
        s, uid = user("ld")
        stem = crmtest.unique("Cost%d " % n)
        sql("INSERT INTO lead (name, funnel_id, status_id, owner_id) SELECT CONCAT('%s', seq), 1, 1, %d "
            "FROM seq_1_to_%d" % (stem, uid, n))
        sql("INSERT INTO task (title, due_at, owner_id, assignee_id, entity, record_id, created_at, updated_at) "
            "SELECT CONCAT('task ', l.name), UTC_TIMESTAMP() + INTERVAL 2 DAY, %d, %d, 'lead', l.id, "
            "UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM lead l WHERE l.name LIKE '%s%%'" % (uid, uid, stem))
        path = "/tasks?tab=upcoming&entity=lead"
        page = s.get(path)
        assert page.status == 200, (page.status, page.text[:300])
        ids = [int(x[0]) for x in sql("SELECT id FROM lead WHERE name LIKE '%s%%'" % stem)]
        named = [lid for lid in ids if (record_link(page.text, lid) or "").startswith(stem)]
        assert len(named) == n, (n, len(named))
        costs[n] = page_cost(s, uid, path)
    assert costs[3] == costs[40], costs

if __name__ == "__main__":
    crmtest.main()
