/* The events list: open events by default, closed or all on request; search by name,
 * tag filter, sort by start or name, keyset paging, one statement per page; and the
 * tick that closes an event (or reopens it) right in the list (EVT-4). */
#include <stdlib.h>
#include <string.h>
#include "events.h"

#define QUERY_PARAMS 12

typedef struct event_query {
	const char *q, *status, *tag, *sort;
	const char *where;
	const char *v[QUERY_PARAMS];
	size_t n;
} event_query;

static void param(event_query *q, const char *v)
{
	if (q->n < QUERY_PARAMS)
		q->v[q->n++] = v;
}

static void cond(crm_req *r, event_query *q, const char *c)
{
	q->where = crm_psprintf(crm_req_pool(r), "%s AND %s", q->where, c);
}


static int read_query(crm_req *r, event_query *q)
{
	crm_pool *p = crm_req_pool(r);
	memset(q, 0, sizeof *q);
	q->q = crm_query_input(r, "q");
	q->status = crm_query_input(r, "status");
	q->tag = crm_query_input(r, "tag");
	q->sort = crm_query_input(r, "sort");
	if (strcmp(q->status, "closed") && strcmp(q->status, "all"))
		q->status = "";
	if (strcmp(q->sort, "name") && strcmp(q->sort, "start") && strcmp(q->sort, "recent"))
		q->sort = "";
	if (strlen(q->q) > 200 || crm_utf8_chars(q->tag) > CRM_TAG_MAX_CHARS || event_chars(q->q) < 0 || event_chars(q->tag) < 0)
		return CRM_EINVAL;
	/* The access condition comes first: its "?" is the first parameter. */
	q->where = crm_access_sql(r, "e", "event", CRM_READ);
	param(q, crm_psprintf(p, "%lld", (long long)crm_req_user(r)));
	if (!*q->status)
		cond(r, q, "e.closed = 0");
	else if (!strcmp(q->status, "closed"))
		cond(r, q, "e.closed = 1");
	if (*q->q) {
		cond(r, q, "e.name LIKE ?");
		param(q, crm_like_prefix(p, q->q));
	}
	if (*q->tag) {
		cond(r, q, crm_tags_filter_sql(r, "e", "event"));
		param(q, q->tag);
	}
	return 0;
}

static const char *query_url(crm_req *r, const event_query *q)
{
	return crm_url(r, "/events", "q", q->q, "status", q->status, "tag", q->tag, "sort", q->sort, NULL);
}

static void option(xmlNodePtr sel, const char *value, const char *label)
{
	crm_xml_attr(crm_xml_add(sel, "option", label), "value", value);
}

int events_list(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	event_query q;
	if (read_query(r, &q) < 0)
		return crm_error(r, 400, "events.bad_filter");
	/* Open events come soonest first, closed ones latest first. */
	const char *sort = *q.sort ? q.sort : !strcmp(q.status, "closed") ? "recent" : "start";
	bool back = crm_list_back(r), by_name = !strcmp(sort, "name"), desc = !strcmp(sort, "recent");
	const char *col = by_name ? "e.name" : "e.starts_at", *cursor = crm_list_cursor(r), *keyset = "";
	if (*cursor) {
		/* The key of the row we left: its id names it, its sort value is read here. */
		crm_rows *k = crm_db_query(r, "SELECT name, starts_at FROM event_item WHERE id = ?", "i", crm_id(cursor));
		if (!k)
			return CRM_EDB;
		if (k->n_rows) {
			const char *op = (desc != back) ? "<" : ">";
			keyset = crm_psprintf(p, " AND (%s %s ? OR (%s = ? AND e.id %s ?))", col, op, col, op);
			const char *v = crm_rows_get(k, 0, by_name ? 0 : 1);
			param(&q, v);
			param(&q, v);
			param(&q, crm_psprintf(p, "%lld", (long long)crm_id(cursor)));
		}
	}
	const char *order = crm_psprintf(p, (desc != back) ? "%s DESC, e.id DESC" : "%s, e.id", col);
	const char *sql = crm_psprintf(p,
		"SELECT e.id, e.name, e.starts_at, e.ends_at, e.closed, e.visibility, u.name AS owner, "
		"(SELECT COUNT(*) FROM event_participant ep WHERE ep.event_id = e.id) AS participants, %s AS tags "
		"FROM (SELECT e.id FROM event_item e WHERE %s%s ORDER BY %s LIMIT %d) pick "
		"JOIN event_item e ON e.id = pick.id LEFT JOIN crm_user u ON u.id = e.owner_id ORDER BY %s",
		crm_tags_column_sql(r, "e", "event"), q.where, keyset, order, EVENTS_PAGE + 1, order);
	crm_rows *rows = crm_db_queryv(r, sql, q.v, q.n);
	if (!rows)
		return CRM_EDB;
	/* Dates as the user's clock shows them. */
	crm_zone *tz = crm_zone_user(r);
	for (size_t i = 0; i < rows->n_rows; i++)
		for (size_t c = 2; c <= 3; c++)
			rows->cells[i * rows->n_cols + c] = crm_time_local(p, tz, rows->cells[i * rows->n_cols + c], CRM_TIME_TEXT);

	xmlNodePtr c = crm_page(r, "events.list", "events.title");
	crm_xml_attr(c, "tz", crm_zone_name(tz));
	if (crm_req_can(r, "events.edit"))
		crm_xml_attr(c, "editor", "1");
	xmlNodePtr f = crm_xml_add(c, "form", NULL);
	crm_xml_attr(f, "action", "/events");
	crm_xml_attr(f, "method", "get");
	crm_xml_attr(f, "class", "search event-filters");
	xmlNodePtr x = crm_form_field(f, "q", "events.search", "search", q.q);
	crm_xml_attr(x, "placeholder", "events.search_hint");
	x = crm_form_field(f, "status", "events.status", "select", q.status);
	option(x, "", "events.status_open");
	option(x, "closed", "events.status_closed");
	option(x, "all", "events.status_all");
	x = crm_form_field(f, "tag", "events.tag", "text", q.tag);
	crm_xml_attr(x, "maxlength", "100");
	x = crm_form_field(f, "sort", "events.sort", "select", q.sort);
	option(x, "", "events.sort_default");
	option(x, "start", "events.sort_start");
	option(x, "recent", "events.sort_recent");
	option(x, "name", "events.sort_name");
	crm_form_submit(f, "events.apply");

	const char *base = query_url(r, &q);
	xmlNodePtr list = crm_rows_list(r, c, rows, EVENTS_PAGE, "events", "event", 0, base);
	crm_xml_attr(list, "filtered", *q.q || *q.status || *q.tag ? "1" : NULL);
	crm_xml_attr(list, "status", *q.status ? q.status : "open");
	/* Where a tick in a row comes back to: this very page. */
	const char *after = crm_req_query(r, "after"), *before = crm_req_query(r, "before");
	crm_xml_attr(list, "self", crm_url(r, base, "after", after, "before", before, NULL));
	return 0;
}

/* Both ticks: close an open event or reopen a closed one; the guarded UPDATE decides,
 * so a repeated click changes nothing twice. */
static int set_closed(crm_req *r, bool close)
{
	crm_pool *p = crm_req_pool(r);
	int64_t id = crm_req_arg_id(r, "id");
	int rc;
	crm_rows *row = event_found(r, id, CRM_WRITE, &rc);
	if (!row)
		return rc;
	if (crm_db_begin(r) < 0)
		return CRM_EDB;
	int64_t n = close ? crm_db_exec(r, "UPDATE event_item SET closed = 1, closed_at = UTC_TIMESTAMP() "
					   "WHERE id = ? AND closed = 0", "i", id)
			  : crm_db_exec(r, "UPDATE event_item SET closed = 0, closed_at = NULL WHERE id = ? AND closed = 1",
					"i", id);
	if (n < 0)
		return CRM_EDB;
	if (n == 1 && event_history(r, id, "changed", crm_t(r, close ? "events.history_closed" : "events.history_reopened")) < 0)
		return CRM_EDB;
	if (crm_db_commit(r) < 0)
		return CRM_EDB;
	crm_flash(r, "ok", close ? "events.closed_ok" : "events.reopened_ok");
	return crm_redirect(r, event_back(r, crm_req_form(r, "back"), crm_psprintf(p, "/events/%lld", (long long)id)));
}

int events_close(crm_req *r)
{
	return set_closed(r, true);
}

int events_reopen(crm_req *r)
{
	return set_closed(r, false);
}
