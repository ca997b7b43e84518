/* A task's own page: what it is about, when it is due and who does it, with the
 * actions its author and assignee have (close or reopen, edit, delete). */
#include <string.h>
#include "tasks.h"

int tasks_card(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	int64_t id = crm_req_arg_id(r, "id");
	int rc;
	crm_rows *row = task_found(r, id, CRM_READ, &rc);
	if (!row)
		return rc;
	size_t n;
	/* May the user change it too (the actions shown)? */
	const char *sql = crm_psprintf(p, "SELECT 1 FROM task t WHERE %s AND t.id = ?", tasks_write_sql(r, "t", &n));
	const char *params[] = {tasks_id_text(r, id)};
	crm_rows *w = tasks_run(r, sql, n, params, 1);
	if (!w)
		return CRM_EDB;
	crm_zone *z = crm_zone_user(r);
	xmlNodePtr c = crm_page(r, "tasks.card", "tasks.card_title");
	xmlNodePtr t = crm_xml_add(c, "task", NULL);
	crm_xml_attr_int(t, "id", id);
	crm_xml_attr(t, "done", crm_rows_by(row, 0, "done"));
	if (w->n_rows)
		crm_xml_attr(t, "writable", "1");
	crm_xml_add(t, "title", crm_rows_by(row, 0, "title"));
	crm_xml_add(t, "category", crm_rows_by(row, 0, "category"));
	const char *due = crm_time_local(p, z, crm_rows_by(row, 0, "due_at"), CRM_TIME_TEXT);
	xmlNodePtr d = crm_xml_add(t, "due", due);
	if (!strcmp(crm_rows_by(row, 0, "done"), "0") && crm_time_from_sql(crm_rows_by(row, 0, "due_at")) < crm_time_now())
		crm_xml_attr(d, "overdue", "1");
	const char *m = crm_rows_by(row, 0, "remind_minutes");
	crm_xml_add(t, "remind", m ? crm_psprintf(p, "tasks.remind_%s", m) : "tasks.remind_never");
	if (crm_rows_by(row, 0, "reminded_at"))
		crm_xml_add(t, "reminded", crm_time_local(p, z, crm_rows_by(row, 0, "reminded_at"), CRM_TIME_TEXT));
	crm_xml_add(t, "assignee", crm_rows_by(row, 0, "assignee"));
	crm_xml_add(t, "author", crm_rows_by(row, 0, "author"));
	crm_xml_add(t, "description", crm_rows_by(row, 0, "description"));
	crm_xml_add(t, "created", crm_time_local(p, z, crm_rows_by(row, 0, "created_at"), CRM_TIME_TEXT));
	if (crm_rows_by(row, 0, "closed_at"))
		crm_xml_add(t, "closed", crm_time_local(p, z, crm_rows_by(row, 0, "closed_at"), CRM_TIME_TEXT));
	const char *entity = crm_rows_by(row, 0, "entity"), *rid = crm_rows_by(row, 0, "record_id");
	if (entity && rid) {
		xmlNodePtr rec = crm_xml_add(t, "record", NULL);
		tasks_record_attrs(r, rec, entity, rid, tasks_label(r, entity, crm_id(rid)));
	}
	return 0;
}
