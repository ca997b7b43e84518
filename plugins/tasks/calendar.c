/* The calendar: the user's tasks and the events they may see ("calendar.items", answered
 * by the events plugin) by month or by week, laid out in the user's time zone, with
 * links to the previous, next and current period: a page that needs no JavaScript. */
#include <stdlib.h>
#include <string.h>
#include "tasks.h"

/* Items one period shows at most, tasks and events each. */
#define CAL_ITEMS_MAX 1000

typedef struct cal_item {
	const char *kind, *id, *title, *url, *time;
	const char *from, *to; /* local dates "YYYY-MM-DD", to inclusive */
	bool done;
} cal_item;

/* Spans that began earlier first, then by start time. */
static int by_start(const void *a, const void *b)
{
	const cal_item *x = a, *y = b;
	int c = strcmp(x->from, y->from);
	return c ? c : strcmp(x->time, y->time);
}

static const char *date_text(crm_pool *p, crm_civil c)
{
	return crm_psprintf(p, "%04d-%02d-%02d", c.y, c.mo, c.d);
}

static int month_days(int y, int mo)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return mdays[mo - 1] + (mo == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
}

static const char *prop(crm_pool *p, xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);
	const char *out = v ? crm_pstrdup(p, (const char *)v) : "";
	xmlFree(v);
	return out;
}

static const char *link(crm_req *r, const char *view, crm_civil c)
{
	return crm_psprintf(crm_req_pool(r), "/calendar?view=%s&date=%s", view, date_text(crm_req_pool(r), c));
}

int tasks_calendar(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	const char *view = crm_query_input(r, "view"), *date = crm_query_input(r, "date");
	if (strcmp(view, "week"))
		view = "month";
	bool week = !strcmp(view, "week");
	crm_zone *z = crm_zone_user(r);
	int64_t now = crm_time_now();
	crm_civil today = crm_civil_add_days(crm_zone_local(z, now), 0), at = today;
	if (*date && !crm_parse_date(date, &at))
		return crm_error(r, 400, "tasks.date_invalid");
	at = crm_civil_add_days(at, 0); /* its weekday */
	at.h = at.mi = 0;

	/* The grid runs Monday to Sunday over whole weeks. */
	crm_civil first = at, last = at, prev, next;
	if (week) {
		first = crm_civil_add_days(at, 1 - at.wday);
		last = crm_civil_add_days(first, 6);
		prev = crm_civil_add_days(first, -7);
		next = crm_civil_add_days(first, 7);
	} else {
		crm_civil m1 = at;
		m1.d = 1;
		m1 = crm_civil_add_days(m1, 0);
		crm_civil mlast = crm_civil_add_days(m1, month_days(m1.y, m1.mo) - 1);
		first = crm_civil_add_days(m1, 1 - m1.wday);
		last = crm_civil_add_days(mlast, 7 - mlast.wday);
		prev = crm_civil_add_days(m1, -1);
		prev.d = 1;
		next = crm_civil_add_days(mlast, 1);
	}
	crm_civil after = crm_civil_add_days(last, 1);
	int64_t from = crm_zone_utc(z, &first), to = crm_zone_utc(z, &after);
	if (from < 0 || to < 0)
		return crm_error(r, 400, "tasks.date_invalid");
	const char *from_s = crm_time_sql(p, from), *to_s = crm_time_sql(p, to);

	crm_rows *tasks = crm_db_query(r,
		"SELECT t.id, t.title, t.due_at, t.done FROM task t WHERE t.assignee_id = ? AND t.done IN (0, 1) "
		"AND t.due_at >= ? AND t.due_at < ? ORDER BY t.due_at, t.id LIMIT ?",
		"issi", crm_req_user(r), from_s, to_s, (int64_t)CAL_ITEMS_MAX);
	if (!tasks)
		return CRM_EDB;
	crm_event *ev = crm_event_new(r, "calendar.items", "", 0);
	crm_event_set(ev, "from", from_s);
	crm_event_set(ev, "to", to_s);
	crm_event_publish(r, ev, NULL);

	size_t n = 0, cap = tasks->n_rows + CAL_ITEMS_MAX;
	cal_item *items = crm_palloc(p, (cap + 1) * sizeof *items);
	for (size_t i = 0; i < tasks->n_rows; i++) {
		const char *local = crm_time_local(p, z, crm_rows_get(tasks, i, 2), CRM_TIME_TEXT);
		if (!*local)
			continue;
		cal_item *it = &items[n++];
		it->kind = "task";
		it->id = crm_rows_get(tasks, i, 0);
		it->title = crm_rows_get(tasks, i, 1);
		it->url = crm_psprintf(p, "/tasks/%s", it->id);
		it->from = it->to = crm_pstrndup(p, local, 10);
		it->time = local + 11;
		it->done = !strcmp(crm_rows_get(tasks, i, 3), "1");
	}
	for (xmlNodePtr x = crm_event_result(ev)->children; x && n < cap; x = x->next) {
		if (x->type != XML_ELEMENT_NODE)
			continue;
		const char *start = prop(p, x, "start"), *end = prop(p, x, "end"), *url = prop(p, x, "url");
		int64_t s = crm_time_from_sql(start), e = *end ? crm_time_from_sql(end) : s;
		if (s < 0 || e < s)
			continue;
		const char *ls = crm_time_local(p, z, start, CRM_TIME_TEXT);
		/* An end at midnight belongs to the day before. */
		const char *le = crm_time_local(p, z, crm_time_sql(p, e > s ? e - 1 : e), CRM_TIME_TEXT);
		cal_item *it = &items[n++];
		it->kind = *prop(p, x, "kind") ? prop(p, x, "kind") : "event";
		it->id = prop(p, x, "id");
		it->title = prop(p, x, "title");
		it->url = url[0] == '/' && url[1] != '/' ? url : "";
		it->from = crm_pstrndup(p, ls, 10);
		it->to = crm_pstrndup(p, le, 10);
		it->time = ls + 11;
		it->done = !strcmp(prop(p, x, "closed"), "1");
	}

	qsort(items, n, sizeof *items, by_start);
	xmlNodePtr c = crm_page(r, "tasks.calendar", "tasks.calendar_title");
	xmlNodePtr cal = crm_xml_add(c, "calendar", NULL);
	crm_xml_attr(cal, "view", view);
	crm_xml_attr(cal, "date", date_text(p, at));
	crm_xml_attr_int(cal, "year", at.y);
	crm_xml_attr(cal, "month", crm_psprintf(p, "tasks.month_%d", at.mo));
	crm_xml_attr(cal, "first", date_text(p, first));
	crm_xml_attr(cal, "last", date_text(p, last));
	crm_xml_attr(cal, "prev", link(r, view, prev));
	crm_xml_attr(cal, "next", link(r, view, next));
	crm_xml_attr(cal, "today", link(r, view, today));
	crm_xml_attr(cal, "month-view", link(r, "month", at));
	crm_xml_attr(cal, "week-view", link(r, "week", at));
	if (crm_req_can(r, "tasks.edit"))
		crm_xml_attr(cal, "editor", "1");
	const char *today_s = date_text(p, today);
	xmlNodePtr wk = NULL;
	for (crm_civil d = first; strcmp(date_text(p, d), date_text(p, after)); d = crm_civil_add_days(d, 1)) {
		if (d.wday == 1 || !wk)
			wk = crm_xml_add(cal, "week", NULL);
		const char *ds = date_text(p, d);
		xmlNodePtr day = crm_xml_add(wk, "day", NULL);
		crm_xml_attr(day, "date", ds);
		crm_xml_attr_int(day, "num", d.d);
		crm_xml_attr_int(day, "wday", d.wday);
		crm_xml_attr(day, "month", crm_psprintf(p, "tasks.month_of_%d", d.mo));
		if (d.mo == at.mo || week)
			crm_xml_attr(day, "in", "1");
		if (!strcmp(ds, today_s))
			crm_xml_attr(day, "today", "1");
		for (size_t i = 0; i < n; i++) {
			if (strcmp(items[i].from, ds) > 0 || strcmp(items[i].to, ds) < 0)
				continue;
			xmlNodePtr it = crm_xml_add(day, "item", items[i].title);
			crm_xml_attr(it, "kind", items[i].kind);
			crm_xml_attr(it, "id", items[i].id);
			crm_xml_attr(it, "url", items[i].url);
			/* A span's later days carry no time: it started before them. */
			if (!strcmp(items[i].from, ds))
				crm_xml_attr(it, "time", items[i].time);
			if (items[i].done)
				crm_xml_attr(it, "done", "1");
		}
	}
	return 0;
}
