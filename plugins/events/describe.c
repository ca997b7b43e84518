/* Events as other plugins show and pick them: "event.describe" (a task's linked event,
 * read live) and "event.search" (what a user typed into an event field, for crm_pick). */
#include <string.h>
#include "events.h"

/* Ids one "event.describe" answers at most; candidates one "event.search" gives. */
#define DESCRIBE_MAX 500
#define SEARCH_MAX 20

#define DESCRIBE_COLUMNS "e.id, e.name, e.starts_at, e.ends_at, e.closed"

/* One <event id name starts ends closed url [exact]/> per row of DESCRIBE_COLUMNS (and
 * an exact flag after them when asked); times in the user's zone. */
static void answer(crm_req *r, crm_event *ev, const crm_rows *rows, bool with_exact)
{
	crm_pool *p = crm_req_pool(r);
	crm_zone *z = crm_zone_user(r);
	xmlNodePtr res = crm_event_result(ev);
	for (size_t i = 0; i < rows->n_rows; i++) {
		xmlNodePtr n = crm_xml_add(res, "event", NULL);
		crm_xml_attr(n, "id", crm_rows_get(rows, i, 0));
		crm_xml_attr(n, "name", crm_rows_get(rows, i, 1));
		crm_xml_attr(n, "starts", crm_time_local(p, z, crm_rows_get(rows, i, 2), CRM_TIME_TEXT));
		crm_xml_attr(n, "ends", crm_time_local(p, z, crm_rows_get(rows, i, 3), CRM_TIME_TEXT));
		crm_xml_attr(n, "closed", crm_rows_get(rows, i, 4));
		crm_xml_attr(n, "url", crm_psprintf(p, "/events/%s", crm_rows_get(rows, i, 0)));
		if (with_exact && !strcmp(crm_rows_get(rows, i, 5), "1"))
			crm_xml_attr(n, "exact", "1");
	}
}

/* "event.describe": arg "ids", comma-separated; one statement for all of them. */
int events_on_describe(crm_req *r, crm_event *ev)
{
	crm_pool *p = crm_req_pool(r);
	size_t n;
	int64_t *ids = crm_event_ids(ev, "ids", DESCRIBE_MAX, &n);
	if (!n)
		return 0;
	const char *sql = crm_psprintf(p, "SELECT " DESCRIBE_COLUMNS " FROM event_item e WHERE e.id IN "
					  "(SELECT j.id FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT PATH '$')) j) "
					  "AND %s ORDER BY e.name, e.id",
				       crm_access_sql(r, "e", "event", CRM_READ));
	crm_rows *rows = crm_db_query(r, sql, "si", crm_json_ids(p, ids, n), crm_req_user(r));
	if (!rows)
		return CRM_EDB;
	answer(r, ev, rows, false);
	return 0;
}

/* "event.search": arg "q" ("#12" or the start of a name); the best SEARCH_MAX the user
 * may read, exact names first, open events before closed ones. */
int events_on_search(crm_req *r, crm_event *ev)
{
	crm_pool *p = crm_req_pool(r);
	const char *q = crm_trim(p, crm_event_get(ev, "q"));
	if (!*q || strlen(q) > 200 || !crm_one_line(q) || event_chars(q) < 0)
		return 0;
	const char *access = crm_access_sql(r, "e", "event", CRM_READ);
	int64_t id = q[0] == '#' ? crm_id(q + 1) : 0;
	crm_rows *rows;
	if (id) {
		const char *sql = crm_psprintf(p, "SELECT " DESCRIBE_COLUMNS ", 1 FROM event_item e WHERE e.id = ? AND %s",
					       access);
		rows = crm_db_query(r, sql, "ii", id, crm_req_user(r));
	} else {
		/* The name index serves a prefix. */
		const char *like = crm_like_prefix(p, q);
		const char *sql = crm_psprintf(p, "SELECT " DESCRIBE_COLUMNS ", IF(e.name = ?, 1, 0) AS exact "
						  "FROM event_item e WHERE e.name LIKE ? AND %s "
						  "ORDER BY exact DESC, e.closed, e.name, e.id LIMIT %d",
					       access, SEARCH_MAX);
		rows = crm_db_query(r, sql, "ssi", q, like, crm_req_user(r));
	}
	if (!rows)
		return CRM_EDB;
	answer(r, ev, rows, true);
	return 0;
}
