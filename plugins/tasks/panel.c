/* What other plugins' pages get from tasks: the Tasks panel on contact, lead, deal and
 * event cards, the record's next step ("task.next"), the count beside the menu entry
 * ("menu.counts"), and the links kept right when a record is merged or deleted. */
#include <string.h>
#include "tasks.h"

/* Open tasks of a record the user may see, soonest first, and the link to add one. */
static int panel(crm_req *r, const char *entity, int64_t id, xmlNodePtr node)
{
	crm_pool *p = crm_req_pool(r);
	const crm_entity_type *e = tasks_entity(r, entity);
	if (!e)
		return 0;
	size_t na;
	const char *sql = crm_psprintf(p,
		"SELECT t.id, t.title, t.due_at, a.name AS assignee, t.assignee_id, t.owner_id FROM task t "
		"LEFT JOIN crm_user a ON a.id = t.assignee_id WHERE %s AND t.entity = ? AND t.record_id = ? "
		"AND t.done = 0 ORDER BY t.due_at, t.id LIMIT %d", tasks_read_sql(r, "t", &na), TASKS_PANEL_MAX + 1);
	const char *params[] = {entity, tasks_id_text(r, id)};
	crm_rows *rows = tasks_run(r, sql, na, params, 2);
	if (!rows)
		return CRM_EDB;
	crm_zone *z = crm_zone_user(r);
	int64_t now = crm_time_now(), me = crm_req_user(r);
	bool admin = crm_req_is_admin(r);
	const char *back = tasks_record_url(r, e, id);
	xmlNodePtr box = crm_xml_add(node, "tasks-panel", NULL);
	crm_xml_attr(box, "entity", entity);
	crm_xml_attr_int(box, "record", id);
	crm_xml_attr(box, "back", back);
	if (crm_req_can(r, "tasks.edit"))
		crm_xml_attr(box, "new", crm_url(r, "/tasks/new", "entity", entity, "id", tasks_id_text(r, id), "back", back,
						   NULL));
	size_t n = rows->n_rows > TASKS_PANEL_MAX ? TASKS_PANEL_MAX : rows->n_rows;
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr t = crm_xml_add(box, "task", crm_rows_get(rows, i, 1));
		crm_xml_attr(t, "id", crm_rows_get(rows, i, 0));
		crm_xml_attr(t, "due", crm_time_local(p, z, crm_rows_get(rows, i, 2), CRM_TIME_TEXT));
		crm_xml_attr(t, "assignee", crm_rows_get(rows, i, 3));
		if (crm_time_from_sql(crm_rows_get(rows, i, 2)) < now)
			crm_xml_attr(t, "overdue", "1");
		if (admin || crm_id(crm_rows_get(rows, i, 4)) == me || crm_id(crm_rows_get(rows, i, 5)) == me)
			crm_xml_attr(t, "writable", "1");
	}
	if (rows->n_rows > TASKS_PANEL_MAX)
		crm_xml_attr(box, "more", "1");
	return 0;
}

int tasks_panel_contact(crm_req *r, int64_t id, xmlNodePtr node) { return panel(r, "contact", id, node); }
int tasks_panel_lead(crm_req *r, int64_t id, xmlNodePtr node) { return panel(r, "lead", id, node); }
int tasks_panel_deal(crm_req *r, int64_t id, xmlNodePtr node) { return panel(r, "deal", id, node); }
int tasks_panel_event(crm_req *r, int64_t id, xmlNodePtr node) { return panel(r, "event", id, node); }

/* "task.next": the nearest open task of the record, due in the user's zone. */
int tasks_on_next(crm_req *r, crm_event *ev)
{
	crm_pool *p = crm_req_pool(r);
	const char *entity = crm_event_entity(ev);
	int64_t id = crm_event_id(ev);
	if (id <= 0 || !tasks_entity(r, entity))
		return 0;
	size_t na;
	const char *sql = crm_psprintf(p, "SELECT t.id, t.title, t.due_at FROM task t WHERE %s AND t.entity = ? "
					  "AND t.record_id = ? AND t.done = 0 ORDER BY t.due_at, t.id LIMIT 1",
				       tasks_read_sql(r, "t", &na));
	const char *params[] = {entity, tasks_id_text(r, id)};
	crm_rows *rows = tasks_run(r, sql, na, params, 2);
	if (!rows)
		return CRM_EDB;
	if (!rows->n_rows)
		return 0;
	xmlNodePtr t = crm_xml_add(crm_event_result(ev), "task", NULL);
	crm_xml_attr(t, "id", crm_rows_get(rows, 0, 0));
	crm_xml_attr(t, "title", crm_rows_get(rows, 0, 1));
	crm_xml_attr(t, "due", crm_time_local(p, crm_zone_user(r), crm_rows_get(rows, 0, 2), CRM_TIME_TEXT));
	crm_xml_attr(t, "url", crm_psprintf(p, "/tasks/%s", crm_rows_get(rows, 0, 0)));
	return 0;
}

/* "menu.counts": the user's open tasks due by the end of their today (the overdue ones
 * included), one indexed count. */
int tasks_on_menu_counts(crm_req *r, crm_event *ev)
{
	if (!crm_req_user(r) || !crm_req_can(r, "tasks.view"))
		return 0;
	int64_t today, tomorrow;
	crm_zone_day(crm_zone_user(r), crm_time_now(), &today, &tomorrow);
	crm_rows *n = crm_db_query(r, "SELECT COUNT(*) FROM task WHERE assignee_id = ? AND done = 0 AND due_at < ?", "is",
				   crm_req_user(r), crm_time_sql(crm_req_pool(r), tomorrow));
	if (!n)
		return CRM_EDB;
	if (strcmp(crm_rows_get(n, 0, 0), "0"))
		crm_xml_attr(crm_xml_add(crm_event_result(ev), "count", crm_rows_get(n, 0, 0)), "href", "/tasks");
	return 0;
}

/* "contact.merged": the tasks of the contact that went now belong to the one that stays. */
int tasks_on_contact_merged(crm_req *r, crm_event *ev)
{
	int64_t from = crm_id(crm_event_get(ev, "from")), into = crm_id(crm_event_get(ev, "into"));
	if (!from || !into)
		return 0;
	return crm_db_exec(r, "UPDATE task SET record_id = ? WHERE entity = 'contact' AND record_id = ?", "ii", into,
			   from) < 0 ? CRM_EDB : 0;
}

/* "<entity>.deleted": the record's tasks stay, about nothing in particular now. */
int tasks_on_record_deleted(crm_req *r, crm_event *ev)
{
	const char *entity = crm_event_entity(ev);
	int64_t id = crm_event_id(ev);
	if (!entity || !*entity || id <= 0)
		return 0;
	return crm_db_exec(r, "UPDATE task SET entity = NULL, record_id = NULL WHERE entity = ? AND record_id = ?", "si",
			   entity, id) < 0 ? CRM_EDB : 0;
}
