"""Events as other plugins show and pick them ("event.describe", "event.search"), seen
through the tasks plugin: a task's event field takes an event's name or "#id"; several
matches come back as a select, an exact name wins; another user's private event is
neither found nor named; a list of tasks names its events live, at the same cost for 3
events as for 40.

Each test makes its own users (unique logins, English pages) and its own events."""
import re

import crmtest
from crmtest import Session, field_error, page_cost, sql, t, test
from linked_tasks import LinkedTasks

PASSWORD = "events pass 1"


def user(prefix="evd", role="user"):
    login = crmtest.unique(prefix)
    uid = crmtest.user_add(login, PASSWORD, role=role, name="Test %s" % login)
    sql("UPDATE crm_user SET locale = 'en' WHERE id = %d" % uid)
    s = Session()
    s.login(login, PASSWORD, next="/events")
    return s, uid


def event(s, name, **fields):
    data = {"name": name, "starts": "2031-05-20T10:00", "then": "card"}
    data.update(fields)
    r = s.post("/events/new", data)
    assert r.status == 303, (r.status, r.text[:1500])
    return int(re.fullmatch(r"/events/(\d+)", r.header("Location") or "").group(1))


TASKS = LinkedTasks("event", "/events")
new_task, record_link = TASKS.new_task, TASKS.record_link


@test
def a_task_picks_an_event_by_name_or_number_and_names_it_live():
    s, uid = user()
    name = crmtest.unique("Describe Expo ")
    eid = event(s, name)
    for typed in (name, name[:-2], "#%d" % eid, "  %s  " % name):
        _, rid = new_task(s, crmtest.unique("pick"), record=typed)
        assert rid == str(eid), (typed, rid)
    tid, _ = new_task(s, crmtest.unique("named"), record="#%d" % eid)
    assert record_link(s.get("/tasks/%d" % tid).text, eid) == name
    # The name is read from the event each time, not copied into the task.
    sql("UPDATE event_item SET name = '%s moved' WHERE id = %d" % (name, eid))
    assert record_link(s.get("/tasks/%d" % tid).text, eid) == name + " moved"
    for typed in (crmtest.unique("No such expo "), "#999999999", "50%", "x" * 300):
        r = new_task(s, "none", expect=422, record=typed)
        assert field_error(r.text, "record") == t("tasks.record_none"), typed
    assert sql("SELECT COUNT(*) FROM task WHERE title = 'none' AND owner_id = %d" % uid) == [["0"]]


@test
def several_events_of_one_name_come_back_as_a_select():
    s, _ = user()
    stem = crmtest.unique("Forum ")
    a, b = event(s, stem + " spring"), event(s, stem + " autumn")
    r = new_task(s, "forums", expect=422, record=stem)
    assert field_error(r.text, "record") == t("tasks.record_several")
    select = r.text[r.text.index('name="record_id"'):]
    options = re.findall(r'<option value="(\d+)"', select[:select.index("</select>")])
    assert sorted(int(o) for o in options) == sorted([a, b]), options
    # An exact name wins over the names it starts.
    event(s, stem + " spring extra")
    assert new_task(s, crmtest.unique("exact"), record=stem + " spring")[1] == str(a)


@test
def another_users_private_event_is_neither_found_nor_named():
    owner, _ = user()
    name = crmtest.unique("Closed Door ")
    eid = event(owner, name, visibility="private")
    other, other_id = user()
    for typed in (name, "#%d" % eid):
        r = new_task(other, "sneaky", expect=422, record=typed)
        assert field_error(r.text, "record") == t("tasks.record_none"), typed
    sql("INSERT INTO task (title, due_at, owner_id, assignee_id, entity, record_id, created_at, updated_at) "
        "VALUES ('pointing', UTC_TIMESTAMP() + INTERVAL 1 DAY, %d, %d, 'event', %d, UTC_TIMESTAMP(), UTC_TIMESTAMP())"
        % (other_id, other_id, eid))
    tid = int(sql("SELECT MAX(id) FROM task WHERE owner_id = %d" % other_id)[0][0])
    card = other.get("/tasks/%d" % tid)
    assert card.status == 200 and name not in card.text
    admin, _ = user(role="admin")
    assert new_task(admin, crmtest.unique("admin"), record=name)[1] == str(eid)


@test
def a_tasks_list_names_its_events_at_the_same_cost_for_3_and_for_40():
    costs = {}
    for n in (3, 40):
        s, uid = user()
        stem = crmtest.unique("Cost%d " % n)
        sql("INSERT INTO event_item (name, starts_at, owner_id, visibility) SELECT CONCAT('%s', seq), "
            "'2034-01-01 00:00:00' + INTERVAL seq HOUR, %d, 'private' FROM seq_1_to_%d" % (stem, uid, n))
        sql("INSERT INTO task (title, due_at, owner_id, assignee_id, entity, record_id, created_at, updated_at) "
            "SELECT CONCAT('task ', e.name), UTC_TIMESTAMP() + INTERVAL 2 DAY, %d, %d, 'event', e.id, "
            "UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM event_item e WHERE e.name LIKE '%s%%'" % (uid, uid, stem))
        path = "/tasks?tab=upcoming&entity=event"
        page = s.get(path)
        assert page.status == 200, (page.status, page.text[:300])
        ids = [int(x[0]) for x in sql("SELECT id FROM event_item WHERE name LIKE '%s%%'" % stem)]
        assert len([e for e in ids if (record_link(page.text, e) or "").startswith(stem)]) == n
        costs[n] = page_cost(s, uid, path)
    assert costs[3] == costs[40], costs


if __name__ == "__main__":
    crmtest.main()
