/* History items planned inside an event (a meeting on a date): adding one, marking it
 * done (it is then filed in the event's history under its category), removing one. */
#include <stdlib.h>
#include <string.h>
#include "events.h"

#define PLAN_TEXT_MAX 1000

crm_rows *event_plan_categories(crm_req *r)
{
	/* As the core's note form offers them: those admins made, and "note". */
	return crm_db_query(r, "SELECT id, code, name FROM crm_history_category WHERE system = 0 OR code = 'note' "
			       "ORDER BY position, id", "");
}

/* The refused form again on a page of its own, with what was typed and its errors. */
static int plan_refused(crm_req *r, int64_t id, const char *name, const char *cat, const char *at, const char *text,
			const char *at_err, const char *text_err, const char *cat_err)
{
	crm_pool *p = crm_req_pool(r);
	crm_rows *cats = event_plan_categories(r);
	if (!cats)
		return CRM_EDB;
	xmlNodePtr c = crm_page(r, "events.plan", "events.plan_title");
	xmlNodePtr info = crm_xml_add(c, "event", NULL);
	crm_xml_attr_int(info, "id", id);
	crm_xml_attr(info, "name", name);
	xmlNodePtr f = crm_form(c, crm_psprintf(p, "/events/%lld/plan", (long long)id));
	crm_xml_attr(f, "error", "core.form_errors");
	xmlNodePtr x = crm_form_field(f, "category", "events.plan_category", "select", cat);
	crm_xml_attr(x, "error", cat_err);
	crm_xml_attr(x, "value", cat);
	for (size_t i = 0; i < cats->n_rows; i++)
		crm_xml_attr(crm_xml_add(x, "option", crm_rows_get(cats, i, 2)), "value", crm_rows_get(cats, i, 0));
	x = crm_form_field(f, "at", "events.plan_at", "datetime-local", at);
	crm_xml_attr(x, "required", "1");
	crm_xml_attr(x, "hint", "events.date_hint");
	crm_xml_attr(x, "error", at_err);
	x = crm_form_field(f, "text", "events.plan_text", "text", text);
	crm_xml_attr(x, "required", "1");
	crm_xml_attr(x, "maxlength", "1000");
	crm_xml_attr(x, "error", text_err);
	crm_form_submit(f, "events.plan_add");
	xmlNodePtr cancel = crm_xml_add(f, "cancel", NULL);
	crm_xml_attr(cancel, "href", crm_psprintf(p, "/events/%lld", (long long)id));
	crm_status(r, 422);
	return 0;
}

int events_plan_add(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	int64_t id = crm_req_arg_id(r, "id");
	int rc;
	crm_rows *row = event_found(r, id, CRM_WRITE, &rc);
	if (!row)
		return rc;
	crm_zone *tz = crm_zone_user(r);
	const char *cat = crm_input(r, "category"), *at = crm_input(r, "at"), *text = crm_input(r, "text");
	const char *at_err = NULL, *text_err = NULL, *cat_err = "events.plan_category_invalid";
	crm_rows *cats = event_plan_categories(r);
	if (!cats)
		return CRM_EDB;
	for (size_t i = 0; i < cats->n_rows && cat_err; i++)
		if (!strcmp(cat, crm_rows_get(cats, i, 0)))
			cat_err = NULL;
	const char *utc = strlen(at) <= 40 ? crm_time_utc(p, tz, at) : NULL;
	if (!*at)
		at_err = "events.plan_at_required";
	else if (!utc)
		at_err = "events.date_invalid";
	long chars = event_chars(text);
	if (!*text)
		text_err = "events.plan_text_required";
	else if (chars < 0 || chars > PLAN_TEXT_MAX || !crm_one_line(text))
		text_err = "events.plan_text_invalid";
	if (at_err || text_err || cat_err)
		return plan_refused(r, id, crm_rows_by(row, 0, "name"), cat, at, text, at_err, text_err, cat_err);
	if (crm_db_exec(r, "INSERT INTO event_plan (event_id, category_id, planned_at, text, user_id) VALUES (?, ?, ?, ?, ?)",
			"iissi", id, crm_id(cat), utc, text, crm_req_user(r)) < 0)
		return CRM_EDB;
	crm_flash(r, "ok", "events.plan_added");
	return crm_redirect(r, crm_psprintf(p, "/events/%lld#plans", (long long)id));
}

/* Both plan routes: the event writable, the item its own; then done (filed in history)
 * or removed. */
static int plan_step(crm_req *r, bool done)
{
	crm_pool *p = crm_req_pool(r);
	int64_t id = crm_req_arg_id(r, "id"), pid = crm_req_arg_id(r, "pid");
	int rc;
	crm_rows *row = event_found(r, id, CRM_WRITE, &rc);
	if (!row)
		return rc;
	crm_rows *plan = crm_db_query(r, "SELECT text, category_id FROM event_plan WHERE id = ? AND event_id = ?", "ii", pid, id);
	if (!plan)
		return CRM_EDB;
	if (!plan->n_rows)
		return crm_error(r, 404, "core.not_found");
	if (crm_db_begin(r) < 0)
		return CRM_EDB;
	/* The guarded delete decides: a second click files nothing twice. */
	int64_t n = crm_db_exec(r, "DELETE FROM event_plan WHERE id = ? AND event_id = ?", "ii", pid, id);
	if (n < 0)
		return CRM_EDB;
	if (n == 1 && done) {
		/* Categories admins add have no code: the item is filed under its category's id. */
		if (crm_db_exec(r, "INSERT INTO crm_history (entity, record_id, category_id, user_id, text) "
				   "SELECT 'event', ?, COALESCE((SELECT id FROM crm_history_category WHERE id = ?), "
				   "(SELECT id FROM crm_history_category WHERE code = 'note')), ?, ?", "iiis", id,
				crm_id(crm_rows_get(plan, 0, 1)), crm_req_user(r), crm_rows_get(plan, 0, 0)) < 0)
			return CRM_EDB;
	}
	if (crm_db_commit(r) < 0)
		return CRM_EDB;
	crm_flash(r, "ok", done ? "events.plan_done" : "events.plan_deleted");
	return crm_redirect(r, crm_psprintf(p, "/events/%lld#plans", (long long)id));
}

int events_plan_done(crm_req *r)
{
	return plan_step(r, true);
}

int events_plan_delete(crm_req *r)
{
	return plan_step(r, false);
}
