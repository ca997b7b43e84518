/* Tasks in the admin's "export all data" (ADM-2): every task the user may read, as My
 * tasks decides it, times in ISO 8601 UTC ("2031-05-20T15:00:00Z"). */
#include <string.h>
#include "tasks.h"

static const char *const header[] = {
	"id", "title", "category", "entity", "record_id", "due_at", "remind_minutes", "assignee", "done",
	"closed_at", "author", "visibility", "created_at", "updated_at", "description",
};

/* Stored UTC times as ISO 8601 text; a reminder of "never" is an empty cell. */
static const char columns[] =
	"t.id, t.title, c.name, t.entity, t.record_id, DATE_FORMAT(t.due_at, '%Y-%m-%dT%TZ'), t.remind_minutes, "
	"a.name, t.done, DATE_FORMAT(t.closed_at, '%Y-%m-%dT%TZ'), o.name, t.visibility, "
	"DATE_FORMAT(t.created_at, '%Y-%m-%dT%TZ'), DATE_FORMAT(t.updated_at, '%Y-%m-%dT%TZ'), t.description";

/* Seeded categories are message keys: the label the task pages show. */
static void fix(crm_req *r, const char **cells)
{
	if (cells[2] && !strncmp(cells[2], "tasks.", 6))
		cells[2] = crm_t(r, cells[2]);
}

/* cond with each "?" (the user's id, by tasks_read_sql's contract) read from me.uid
 * instead, since crm_export_rows binds the user once. */
static const char *user_once(crm_pool *p, const char *cond)
{
	size_t n = 0;
	for (const char *s = cond; *s; s++)
		n += *s == '?';
	char *out = crm_palloc(p, strlen(cond) + n * 5 + 1), *o = out;
	for (const char *s = cond; *s; s++) {
		if (*s == '?') {
			memcpy(o, "me.uid", 6);
			o += 6;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
	return out;
}

static int export_all(crm_req *r, crm_csv *out)
{
	crm_pool *p = crm_req_pool(r);
	size_t n;
	const char *cond = user_once(p, tasks_read_sql(r, "t", &n));
	/* The one-row table me holds both parameters, in crm_export_rows's order. */
	const char *sql = crm_psprintf(p,
		"SELECT %s FROM (SELECT ? AS after_id, ? AS uid) me JOIN task t ON t.id > me.after_id "
		"LEFT JOIN task_category c ON c.id = t.category_id LEFT JOIN crm_user a ON a.id = t.assignee_id "
		"LEFT JOIN crm_user o ON o.id = t.owner_id WHERE %s ORDER BY t.id",
		columns, cond);
	return crm_export_rows(r, out, header, CRM_LEN(header), sql, 0, fix);
}

/* Tasks are not imported: this entry only puts task.csv into "export all data". */
const crm_importer tasks_exporter = {
	.entity = "task",
	.title = "tasks.title",
	.permission = "tasks.export",
	.export_all = export_all,
};
