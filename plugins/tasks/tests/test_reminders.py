"""Task reminders, sent by the jobs process: at the chosen time the assignee gets one
notification in the bell and one "mail.notify" (kept by the test plugin taskprobe), never
before its time and never twice: not with two crmd hosts' jobs processes on one database,
not after the task was closed. A reminder whose time passed while no runner was up goes
out late rather than never. The runner checks every few seconds (tasks.remind's interval)."""
import datetime
import os
import re
import subprocess
import time

import crmtest
from crmtest import BUILD, CONF, STATE, Session, sql, test, wait_for

PASSWORD = "reminders pass 1"
# The job runs every 5 s; a pass of the runner may take a moment more.
LATENESS = 9


def user(tz="Europe/Moscow"):
    login = crmtest.unique("rem")
    uid = crmtest.user_add(login, PASSWORD, name="Reminded %s" % login)
    sql("UPDATE crm_user SET locale = 'en', timezone = '%s' WHERE id = %d" % (tz, uid))
    s = Session()
    s.login(login, PASSWORD, next="/tasks")
    return s, uid


def new_task(s, title, **fields):
    day = datetime.date.today() + datetime.timedelta(days=3)
    data = {"title": title, "due": "date", "due_date": day.isoformat(), "due_time": "12:00", "remind": "1440",
            "assignee_id": "", "entity": ""}
    data.update(fields)
    r = s.post("/tasks/new", data)
    assert r.status == 303, (r.status, r.text[:800])
    return int(re.fullmatch(r"/tasks/(\d+)", r.header("Location")).group(1))


def notices(tid):
    return sql("SELECT user_id, msg_key, created_at FROM crm_notification WHERE url = '/tasks/%d'" % tid)


def mails(tid):
    return sql("SELECT user_id, subject, text FROM taskprobe_mail WHERE url = '/tasks/%d'" % tid)


def remind_in(tids, seconds):
    """Move the tasks' reminders to `seconds` from now (negative: in the past)."""
    sql("UPDATE task SET remind_at = UTC_TIMESTAMP() + INTERVAL %d SECOND, reminded_at = NULL WHERE id IN (%s)"
        % (seconds, ",".join(str(t) for t in tids)))


@test
def the_reminder_time_is_the_due_time_less_the_lead_chosen():
    s, uid = user(tz="Asia/Vladivostok")
    day = datetime.date.today() + datetime.timedelta(days=5)
    for remind, minutes in (("5", 5), ("15", 15), ("30", 30), ("60", 60), ("120", 120), ("1440", 1440)):
        tid = new_task(s, crmtest.unique("lead"), remind=remind, due_date=day.isoformat())
        due, at = sql("SELECT due_at, remind_at FROM task WHERE id = %d" % tid)[0]
        due = datetime.datetime.fromisoformat(due)
        assert datetime.datetime.fromisoformat(at) == due - datetime.timedelta(minutes=minutes), (remind, due, at)
    never = new_task(s, crmtest.unique("never"), remind="never")
    assert sql("SELECT remind_minutes, remind_at FROM task WHERE id = %d" % never) == [["NULL", "NULL"]]
    # A task already due gets no reminder; one due sooner than its lead is reminded at once.
    past = new_task(s, crmtest.unique("past"), due_date=(datetime.date.today() - datetime.timedelta(days=1)).isoformat())
    assert sql("SELECT remind_at FROM task WHERE id = %d" % past) == [["NULL"]]


@test
def a_reminder_fires_once_at_its_time():
    s, uid = user()
    title = crmtest.unique("Remind me")
    tid = new_task(s, title)
    remind_in([tid], 6)
    fire_at = time.time() + 6
    time.sleep(3)
    assert notices(tid) == [], "nothing before its time"
    wait_for(lambda: notices(tid), timeout=6 + LATENESS + 5, what="the reminder")
    assert time.time() >= fire_at - 1, "it went early"
    time.sleep(2 * 5 + 1)  # two more runs of the job
    got = notices(tid)
    assert len(got) == 1 and got[0][:2] == [str(uid), "tasks.reminder"], got
    m = mails(tid)
    assert len(m) == 1 and m[0][0] == str(uid) and title in m[0][1] and title in m[0][2], m
    sent = sql("SELECT TIMESTAMPDIFF(SECOND, remind_at, reminded_at) FROM task WHERE id = %d" % tid)[0][0]
    assert 0 <= int(sent) <= LATENESS, "sent %s s after its time" % sent
    # The bell shows it.
    page = s.get("/notifications").text
    assert crmtest.t("tasks.reminder") in page and title in page
    card = s.get("/tasks/%d" % tid).text
    assert "sent" in card


@test
def a_missed_reminder_fires_late_and_a_closed_task_none():
    s, uid = user()
    late = new_task(s, crmtest.unique("late"))
    closed = new_task(s, crmtest.unique("closed"))
    s.post("/tasks/%d/toggle" % closed, {"done": "1"})
    # As if the runner had been down for two hours when these were due.
    remind_in([late], -7200)
    sql("UPDATE task SET remind_at = UTC_TIMESTAMP() - INTERVAL 7200 SECOND WHERE id = %d" % closed)
    wait_for(lambda: notices(late), timeout=LATENESS + 5, what="the late reminder")
    time.sleep(6)
    assert len(notices(late)) == 1 and len(mails(late)) == 1
    assert notices(closed) == [] and mails(closed) == []
    # Reopening does not send again what was already sent; a new due time does.
    s.post("/tasks/%d/toggle" % late, {"done": "1"})
    s.post("/tasks/%d/toggle" % late, {"done": "0"})
    assert sql("SELECT reminded_at IS NOT NULL FROM task WHERE id = %d" % late) == [["1"]]
    day = datetime.date.today() + datetime.timedelta(days=4)
    r = s.post("/tasks/%d/edit" % late, {"title": "late again", "due": "date", "due_date": day.isoformat(),
                                         "due_time": "09:00", "remind": "5", "assignee_id": str(uid), "entity": ""})
    assert r.status == 303
    assert sql("SELECT reminded_at, remind_at IS NOT NULL FROM task WHERE id = %d" % late) == [["NULL", "1"]]


@test
def two_jobs_processes_on_one_database_send_each_reminder_once():
    """A second crmd (its own socket, pid and log: another host) shares the database."""
    s, uid = user()
    tids = [new_task(s, crmtest.unique("both")) for _ in range(8)]
    conf = os.path.join(STATE, "tasks-host2.conf")
    text = open(CONF).read()
    for key in ("socket", "pid_file", "log_file"):
        # The first match is the [server] one ([db] has a socket too).
        text = re.sub(r"(?m)^%s = (.*)$" % key, lambda m: "%s = %s.tasks2" % (key, m.group(1)), text, count=1)
    with open(conf, "w") as f:
        f.write(text)
    env = dict(os.environ, LD_LIBRARY_PATH=os.path.join(BUILD, "lib"))
    host2 = subprocess.Popen([os.path.join(BUILD, "bin", "crmd"), "-c", conf], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: "serving on" in open(os.path.join(STATE, "crmd.log.tasks2")).read(), timeout=30,
                 what="the second host")
        remind_in(tids, 2)
        wait_for(lambda: all(notices(t) for t in tids), timeout=2 + LATENESS + 10, what="every reminder")
        time.sleep(2 * 5 + 1)
        for t in tids:
            assert len(notices(t)) == 1, (t, notices(t))
            assert len(mails(t)) == 1, (t, mails(t))
        assert host2.poll() is None, "the second host died"
    finally:
        host2.terminate()
        host2.wait(timeout=30)
        os.unlink(conf)


if __name__ == "__main__":
    crmtest.main()
