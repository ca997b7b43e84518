"""Tasks about another plugin's records, made through the tasks form and read back from
its pages: what the "<entity>.describe" and "<entity>.search" tests share."""
import datetime
import html
import re

from crmtest import sql


class LinkedTasks:
    """Tasks about records of entity ("lead"), whose cards are under path ("/leads")."""

    def __init__(self, entity, path):
        self.entity, self.path = entity, path

    def form(self, title, **fields):
        data = {"title": title, "category_id": "", "due": "date", "due_time": "18:00", "remind": "60",
                "assignee_id": "", "description": "", "entity": self.entity, "record": "",
                "due_date": (datetime.date.today() + datetime.timedelta(days=3)).isoformat()}
        data.update(fields)
        return data

    def new_task(self, s, title, expect=303, **fields):
        """A task through the tasks form: (its id, its record_id) or the response when not 303."""
        r = s.post("/tasks/new", self.form(title, **fields))
        if expect != 303:
            assert r.status == expect, (r.status, r.text[:800])
            return r
        assert r.status == 303, (r.status, r.text[:1500])
        tid, rid = sql("SELECT id, record_id FROM task WHERE title = '%s' ORDER BY id DESC LIMIT 1" % title)[0]
        return int(tid), rid

    def record_link(self, text, rid):
        """The text of the link to record rid on a tasks page, or None."""
        m = re.search(r'<a class="task-record" href="%s/%d"[^>]*>([^<]*)</a>' % (self.path, rid), text)
        return html.unescape(m.group(1)) if m else None
