/* Reminders, run by the jobs process: each open task whose reminder time has come (however
 * long ago: a runner that was down catches up) tells its assignee in the bell and asks
 * for an email through "mail.notify". A guarded UPDATE claims each reminder, so it goes
 * once even when two hosts' runners reach it together. */
#include <string.h>
#include "tasks.h"

int tasks_remind(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	crm_rows *due = crm_db_query(r,
		"SELECT t.id, t.title, t.assignee_id, t.due_at, u.timezone FROM task t "
		"JOIN crm_user u ON u.id = t.assignee_id "
		"WHERE t.reminded_at IS NULL AND t.remind_at <= UTC_TIMESTAMP() AND t.done = 0 "
		"ORDER BY t.remind_at, t.id LIMIT ?", "i", (int64_t)TASKS_REMIND_BATCH);
	if (!due)
		return CRM_EDB;
	for (size_t i = 0; i < due->n_rows; i++) {
		int64_t id = crm_id(crm_rows_get(due, i, 0));
		int64_t claimed = crm_db_exec(r, "UPDATE task SET reminded_at = UTC_TIMESTAMP() "
						 "WHERE id = ? AND reminded_at IS NULL AND done = 0", "i", id);
		if (claimed < 0)
			return CRM_EDB;
		if (claimed != 1)
			continue; /* another runner sent it, or the task closed meanwhile */
		const char *title = crm_rows_get(due, i, 1), *user = crm_rows_get(due, i, 2);
		crm_zone *z = crm_zone_open(r, crm_rows_get(due, i, 4)); /* the assignee's */
		const char *when = crm_time_local(p, z, crm_rows_get(due, i, 3), CRM_TIME_TEXT);
		const char *text = crm_psprintf(p, "%s — %s", title, when);
		const char *url = crm_psprintf(p, "/tasks/%lld", (long long)id);
		if (crm_notify(r, crm_id(user), "tasks.reminder", text, url) < 0)
			return CRM_EDB;
		crm_event *ev = crm_event_new(r, "mail.notify", "task", id);
		crm_event_set(ev, "user_id", user);
		crm_event_set(ev, "subject", crm_psprintf(p, "%s: %s", crm_t(r, "tasks.reminder"), title));
		crm_event_set(ev, "text", text);
		crm_event_set(ev, "url", url);
		crm_event_publish(r, ev, NULL);
	}
	return 0;
}
