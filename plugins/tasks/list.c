/* My tasks: the overdue, today's, upcoming and closed tasks of one assignee (the user by
 * default, anyone's the user may see, or everyone's), filtered by category and linked
 * entity type, keyset-paged; a fixed number of statements whatever the page holds. */
#include <stdlib.h>
#include <string.h>
#include "tasks.h"

#define MAX_PARAMS 24

static const char *const tabs[] = {"overdue", "today", "upcoming", "closed"};

/* The selection as SQL: where holds the access condition first, then the filters. */
typedef struct task_query {
	const char *tab, *category, *assignee, *entity;
	const char *where;
	const char *v[MAX_PARAMS];
	size_t n;
} task_query;

static void param(task_query *q, const char *v)
{
	if (q->n < MAX_PARAMS)
		q->v[q->n++] = v;
}

static void cond(crm_req *r, task_query *q, const char *c)
{
	q->where = crm_psprintf(crm_req_pool(r), "%s AND %s", q->where, c);
}

/* The filters from the query string; CRM_EINVAL for values no form sends. */
static int read_query(crm_req *r, task_query *q)
{
	memset(q, 0, sizeof *q);
	q->tab = crm_query_input(r, "tab");
	q->category = crm_query_input(r, "category");
	q->assignee = crm_query_input(r, "assignee");
	q->entity = crm_query_input(r, "entity");
	bool known = !*q->tab;
	for (size_t i = 0; i < CRM_LEN(tabs); i++)
		known |= !strcmp(q->tab, tabs[i]);
	if (!known || (*q->category && !crm_id(q->category)) ||
	    (*q->assignee && strcmp(q->assignee, "all") && !crm_id(q->assignee)) ||
	    (*q->entity && strcmp(q->entity, "none") && !tasks_entity(r, q->entity)))
		return CRM_EINVAL;
	size_t na;
	q->where = tasks_read_sql(r, "t", &na);
	for (size_t i = 0; i < na; i++)
		param(q, tasks_id_text(r, crm_req_user(r)));
	if (strcmp(q->assignee, "all")) {
		cond(r, q, "t.assignee_id = ?");
		param(q, *q->assignee ? q->assignee : tasks_id_text(r, crm_req_user(r)));
	}
	if (*q->category) {
		cond(r, q, "t.category_id = ?");
		param(q, q->category);
	}
	if (!strcmp(q->entity, "none"))
		cond(r, q, "t.entity IS NULL");
	else if (*q->entity) {
		cond(r, q, "t.entity = ?");
		param(q, q->entity);
	}
	return 0;
}

static const char *query_url(crm_req *r, const task_query *q, const char *tab)
{
	return crm_url(r, "/tasks", "tab", tab, "category", q->category, "assignee", q->assignee, "entity", q->entity,
			 NULL);
}

/* A select of the filter form; the first option is "any". */
static xmlNodePtr filter(xmlNodePtr form, const char *name, const char *label, const char *value)
{
	xmlNodePtr f = crm_form_field(form, name, label, "select", value);
	crm_xml_attr(crm_xml_add(f, "option", "tasks.any"), "value", "");
	return f;
}

static void option(xmlNodePtr sel, const char *value, const char *label)
{
	crm_xml_attr(crm_xml_add(sel, "option", label), "value", value);
}

/* How many open tasks the selection holds per tab: one statement. */
static crm_rows *tab_counts(crm_req *r, const task_query *q, const char *now, const char *tomorrow)
{
	const char *sql = crm_psprintf(crm_req_pool(r),
		"SELECT COALESCE(SUM(t.due_at < ?), 0), COALESCE(SUM(t.due_at >= ? AND t.due_at < ?), 0), "
		"COALESCE(SUM(t.due_at >= ?), 0) FROM task t WHERE %s AND t.done = 0", q->where);
	const char *all[MAX_PARAMS + 4] = {now, now, tomorrow, tomorrow};
	memcpy(all + 4, q->v, q->n * sizeof *all);
	return crm_db_queryv(r, sql, all, q->n + 4);
}

int tasks_list(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	task_query q;
	if (read_query(r, &q) < 0)
		return crm_error(r, 400, "tasks.bad_filter");
	crm_zone *z = crm_zone_user(r);
	int64_t now = crm_time_now(), today, tomorrow;
	crm_zone_day(z, now, &today, &tomorrow);
	const char *now_s = crm_time_sql(p, now), *tomorrow_s = crm_time_sql(p, tomorrow);
	crm_rows *counts = tab_counts(r, &q, now_s, tomorrow_s);
	if (!counts)
		return CRM_EDB;
	/* No tab asked: the overdue ones first when there are any. */
	if (!*q.tab)
		q.tab = strcmp(crm_rows_get(counts, 0, 0), "0") ? "overdue" : "today";
	const char *self = query_url(r, &q, q.tab);
	task_query lq = q;
	bool closed = !strcmp(q.tab, "closed");
	if (!strcmp(q.tab, "overdue")) {
		cond(r, &lq, "t.done = 0 AND t.due_at < ?");
		param(&lq, now_s);
	} else if (!strcmp(q.tab, "today")) {
		cond(r, &lq, "t.done = 0 AND t.due_at >= ? AND t.due_at < ?");
		param(&lq, now_s);
		param(&lq, tomorrow_s);
	} else if (!strcmp(q.tab, "upcoming")) {
		cond(r, &lq, "t.done = 0 AND t.due_at >= ?");
		param(&lq, tomorrow_s);
	} else {
		cond(r, &lq, "t.done = 1");
	}
	/* Open tasks by due time, soonest first; closed ones by when they closed, latest first. */
	bool back = crm_list_back(r);
	const char *cursor = crm_list_cursor(r);
	if (*cursor) {
		crm_rows *k = crm_db_query(r, "SELECT due_at, closed_at FROM task WHERE id = ?", "i", crm_id(cursor));
		if (!k)
			return CRM_EDB;
		const char *v = k->n_rows ? crm_rows_get(k, 0, closed ? 1 : 0) : NULL;
		if (v) {
			const char *col = closed ? "t.closed_at" : "t.due_at", *op = (closed != back) ? "<" : ">";
			cond(r, &lq, crm_psprintf(p, "(%s %s ? OR (%s = ? AND t.id %s ?))", col, op, col, op));
			param(&lq, v);
			param(&lq, v);
			param(&lq, tasks_id_text(r, crm_id(cursor)));
		}
	}
	const char *order = closed ? (back ? "t.closed_at, t.id" : "t.closed_at DESC, t.id DESC")
				   : (back ? "t.due_at DESC, t.id DESC" : "t.due_at, t.id");
	const char *sql = crm_psprintf(p,
		"SELECT t.id, t.title, c.name AS category, t.entity, t.record_id, t.due_at, t.done, t.closed_at, "
		"a.name AS assignee, t.assignee_id, t.owner_id FROM task t "
		"LEFT JOIN task_category c ON c.id = t.category_id LEFT JOIN crm_user a ON a.id = t.assignee_id "
		"WHERE %s ORDER BY %s LIMIT %d", lq.where, order, TASKS_PAGE + 1);
	crm_rows *rows = crm_db_queryv(r, sql, lq.v, lq.n);
	crm_rows *cats = crm_db_query(r, "SELECT id, name FROM task_category ORDER BY position, id", "");
	crm_rows *users = crm_users_active(r);
	if (!rows || !cats || !users)
		return CRM_EDB;
	const char **labels = tasks_labels(r, rows, "entity", "record_id");

	xmlNodePtr c = crm_page(r, "tasks.list", "tasks.title");
	crm_xml_attr(c, "tab", q.tab);
	crm_xml_attr(c, "self", self);
	if (crm_req_can(r, "tasks.admin"))
		crm_xml_attr(c, "admin", "1");
	if (crm_req_can(r, "tasks.edit"))
		crm_xml_attr(c, "editor", "1");
	xmlNodePtr tb = crm_xml_add(c, "tabs", NULL);
	for (size_t i = 0; i < CRM_LEN(tabs); i++) {
		xmlNodePtr t = crm_xml_add(tb, "tab", NULL);
		crm_xml_attr(t, "name", tabs[i]);
		crm_xml_attr(t, "href", query_url(r, &q, tabs[i]));
		if (i < 3)
			crm_xml_attr(t, "count", crm_rows_get(counts, 0, i));
		if (!strcmp(q.tab, tabs[i]))
			crm_xml_attr(t, "active", "1");
	}

	xmlNodePtr f = crm_xml_add(c, "form", NULL);
	crm_xml_attr(f, "action", "/tasks");
	crm_xml_attr(f, "method", "get");
	crm_xml_attr(f, "class", "search task-filters");
	crm_form_field(f, "tab", NULL, "hidden", q.tab);
	xmlNodePtr x = crm_form_field(f, "assignee", "tasks.assignee", "select", q.assignee);
	option(x, "", "tasks.assignee_me");
	option(x, "all", "tasks.assignee_all");
	for (size_t i = 0; i < users->n_rows; i++)
		if (crm_id(crm_rows_get(users, i, 0)) != crm_req_user(r))
			option(x, crm_rows_get(users, i, 0), crm_rows_get(users, i, 1));
	x = filter(f, "category", "tasks.category", q.category);
	for (size_t i = 0; i < cats->n_rows; i++)
		option(x, crm_rows_get(cats, i, 0), crm_rows_get(cats, i, 1));
	x = filter(f, "entity", "tasks.record_type", q.entity);
	option(x, "none", "tasks.no_record");
	const crm_entity_type *e[TASKS_ENTITIES_MAX];
	size_t ne = tasks_entities(r, e, CRM_LEN(e));
	for (size_t i = 0; i < ne; i++)
		option(x, e[i]->name, e[i]->title);
	crm_form_submit(f, "tasks.apply");

	xmlNodePtr list = crm_rows_list(r, c, rows, TASKS_PAGE, "tasks", "task", 0, self);
	crm_xml_attr(list, "filtered", *q.category || *q.assignee || *q.entity ? "1" : NULL);
	/* What the rows cannot say alone: local times, names of linked records, rights. */
	int64_t me = crm_req_user(r);
	bool admin = crm_req_is_admin(r);
	for (xmlNodePtr it = list->children; it; it = it->next) {
		xmlChar *idt = xmlNodeGetContent(it->children);
		size_t i = 0;
		while (i < rows->n_rows && strcmp(crm_rows_get(rows, i, 0), (const char *)idt))
			i++;
		xmlFree(idt);
		if (i == rows->n_rows)
			continue;
		crm_xml_attr(it, "due", crm_time_local(p, z, crm_rows_by(rows, i, "due_at"), CRM_TIME_TEXT));
		if (crm_rows_by(rows, i, "closed_at"))
			crm_xml_attr(it, "closed", crm_time_local(p, z, crm_rows_by(rows, i, "closed_at"), CRM_TIME_TEXT));
		if (!strcmp(crm_rows_by(rows, i, "done"), "0") && crm_time_from_sql(crm_rows_by(rows, i, "due_at")) < now)
			crm_xml_attr(it, "overdue", "1");
		if (admin || crm_id(crm_rows_by(rows, i, "owner_id")) == me ||
		    crm_id(crm_rows_by(rows, i, "assignee_id")) == me)
			crm_xml_attr(it, "writable", "1");
		xmlNodePtr rec = crm_xml_add(it, "record", NULL);
		tasks_record_attrs(r, rec, crm_rows_by(rows, i, "entity"), crm_rows_by(rows, i, "record_id"), labels[i]);
	}
	return 0;
}
