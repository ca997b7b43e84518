/* The contacts list's action "create a task": the ticked contacts arrive here, the
 * person fills one task form, and the same task is made for each contact in one
 * transaction. All or nothing: one contact out of the user's reach refuses the lot. */
#include <string.h>
#include "tasks.h"

/* How many of the n contacts the user may read: one statement whatever n. */
static int64_t readable(crm_req *r, const crm_entity_type *e, const char *json)
{
	const char *sql = crm_psprintf(crm_req_pool(r),
		"SELECT COUNT(*) FROM %s x WHERE x.id IN (SELECT j.id FROM JSON_TABLE(?, '$[*]' COLUMNS "
		"(id BIGINT UNSIGNED PATH '$')) j) AND %s", e->table, crm_access_sql(r, "x", e->name, CRM_READ));
	crm_rows *rows = crm_db_query(r, sql, "si", json, crm_req_user(r));
	return rows ? crm_id(crm_rows_get(rows, 0, 0)) : CRM_EDB;
}

/* The refusal: nothing was made, and why. */
static int refuse(crm_req *r, const char *key, const char *back)
{
	xmlNodePtr c = crm_page(r, "tasks.bulk_refused", "tasks.bulk_title");
	xmlNodePtr m = crm_xml_add(c, "refused", key);
	crm_xml_attr(m, "back", back);
	crm_status(r, 422);
	return 0;
}

static int form_page(crm_req *r, const task_form *f, const int64_t *ids, size_t n, const char *back)
{
	crm_pool *p = crm_req_pool(r);
	/* The contacts' names, as the contacts plugin tells them (only those the user reads). */
	const char *list = "";
	for (size_t i = 0; i < n; i++)
		list = crm_psprintf(p, "%s%s%lld", list, i ? "," : "", (long long)ids[i]);
	crm_event *ev = crm_event_new(r, "contact.describe", "contact", 0);
	crm_event_set(ev, "ids", list);
	crm_event_publish(r, ev, NULL);
	xmlNodePtr c = crm_page(r, "tasks.bulk", "tasks.bulk_title");
	xmlNodePtr who = crm_xml_add(c, "contacts", NULL);
	crm_xml_attr_int(who, "count", (int64_t)n);
	for (xmlNodePtr x = crm_event_result(ev)->children; x; x = x->next) {
		if (x->type != XML_ELEMENT_NODE)
			continue;
		xmlChar *id = xmlGetProp(x, BAD_CAST "id"), *name = xmlGetProp(x, BAD_CAST "name");
		xmlNodePtr k = crm_xml_add(who, "contact", (const char *)name);
		crm_xml_attr(k, "id", (const char *)id);
		xmlFree(id);
		xmlFree(name);
	}
	xmlNodePtr form = crm_form(c, "/tasks/bulk");
	crm_xml_attr(form, "class", "task-form");
	crm_xml_attr(form, "id", "task");
	for (size_t i = 0; i < n; i++)
		crm_form_field(form, "id", NULL, "hidden", tasks_id_text(r, ids[i]));
	crm_form_field(form, "step", NULL, "hidden", "save");
	crm_form_field(form, "back", NULL, "hidden", back);
	int rc = task_form_fields(r, form, f, false);
	if (rc < 0)
		return rc;
	crm_form_submit(form, "tasks.bulk_submit");
	crm_xml_attr(crm_xml_add(form, "cancel", NULL), "href", back);
	return 0;
}

int tasks_bulk(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	const char *back = tasks_back(crm_input(r, "back"), "/contacts");
	const crm_entity_type *e = tasks_entity(r, "contact");
	if (!e)
		return crm_error(r, 404, "core.not_found");
	size_t n;
	int64_t *ids = crm_input_ids(r, "id", TASKS_BULK_MAX + 1, &n);
	if (!n)
		return refuse(r, "tasks.bulk_none", back);
	if (n > TASKS_BULK_MAX)
		return refuse(r, "tasks.bulk_too_many", back);
	const char *json = crm_json_ids(p, ids, n);
	int64_t ok = readable(r, e, json);
	if (ok < 0)
		return (int)ok;
	if ((size_t)ok != n)
		return refuse(r, "tasks.bulk_unreachable", back);
	task_form f;
	if (strcmp(crm_input(r, "step"), "save")) {
		task_form_defaults(r, &f);
		return form_page(r, &f, ids, n, back);
	}
	int rc = task_form_read(r, &f, false);
	if (rc < 0)
		return rc;
	if (f.n_errors)
		return form_page(r, &f, ids, n, back);
	if (crm_db_begin(r) < 0)
		return CRM_EDB;
	/* Checked again inside the transaction, then one row per contact in one statement. */
	ok = readable(r, e, json);
	if (ok < 0)
		return (int)ok;
	if ((size_t)ok != n) {
		crm_db_rollback(r);
		return refuse(r, "tasks.bulk_unreachable", back);
	}
	int64_t made = crm_db_exec(r,
		"INSERT INTO task (title, category_id, entity, record_id, due_at, remind_minutes, remind_at, assignee_id, "
		"description, owner_id, visibility, created_at, updated_at) "
		"SELECT ?, NULLIF(?, 0), 'contact', j.id, ?, ?, ?, ?, ?, ?, 'private', UTC_TIMESTAMP(), UTC_TIMESTAMP() "
		"FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$')) j",
		"sisssssss", f.title, f.category_id, crm_time_sql(p, f.due_at),
		f.remind_minutes < 0 ? NULL : crm_psprintf(p, "%d", f.remind_minutes),
		task_remind_at(p, f.due_at, f.remind_minutes, crm_time_now()), tasks_id_text(r, f.assignee_id),
		*f.description ? f.description : NULL, tasks_id_text(r, crm_req_user(r)), json);
	if (made < 0)
		return CRM_EDB;
	if ((size_t)made != n) {
		crm_db_rollback(r);
		return CRM_EINTERNAL;
	}
	const char **texts = crm_palloc(p, n * sizeof *texts);
	const char *text = crm_psprintf(p, "%s: %s", crm_t(r, "tasks.history_created"), f.title);
	for (size_t i = 0; i < n; i++)
		texts[i] = text;
	if (crm_history_add_many(r, "contact", ids, n, "task", texts) < 0)
		return CRM_EDB;
	if (f.notify && f.assignee_id != crm_req_user(r) &&
	    crm_notify(r, f.assignee_id, "tasks.notify_assigned_bulk", crm_psprintf(p, "%s (%zu)", f.title, n),
		       "/tasks") < 0)
		return CRM_EDB;
	if (crm_db_commit(r) < 0)
		return CRM_EDB;
	crm_flash(r, "ok", "tasks.bulk_created");
	return crm_redirect(r, back);
}
