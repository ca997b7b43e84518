/* The calendar's "calendar.items" (published by the calendar page with a UTC range
 * "from" - "to"): the events in that range the user may read. */
#include <string.h>
#include "events.h"

/* Items one answer holds at most: a month of a busy team. */
#define CALENDAR_MAX 1000

int events_on_calendar(crm_req *r, crm_event *ev)
{
	crm_pool *p = crm_req_pool(r);
	int64_t from = crm_time_from_sql(crm_event_get(ev, "from")), to = crm_time_from_sql(crm_event_get(ev, "to"));
	if (from < 0 || to < 0 || to <= from)
		return 0;
	/* An event lasts at most EVENT_SPAN_DAYS: the start dates read are bounded, and the
	 * index on starts_at serves the range. */
	const char *sql = crm_psprintf(p,
		"SELECT e.id, e.name, e.starts_at, COALESCE(e.ends_at, e.starts_at), e.closed FROM event_item e "
		"WHERE e.starts_at < ? AND e.starts_at >= ? AND COALESCE(e.ends_at, e.starts_at) >= ? AND %s "
		"ORDER BY e.starts_at, e.id LIMIT %d",
		crm_access_sql(r, "e", "event", CRM_READ), CALENDAR_MAX);
	crm_rows *rows = crm_db_query(r, sql, "sssi", crm_time_sql(p, to),
				      crm_time_sql(p, from - (int64_t)EVENT_SPAN_DAYS * 86400), crm_time_sql(p, from),
				      crm_req_user(r));
	if (!rows)
		return CRM_EDB;
	xmlNodePtr res = crm_event_result(ev);
	for (size_t i = 0; i < rows->n_rows; i++) {
		xmlNodePtr it = crm_xml_add(res, "item", NULL);
		crm_xml_attr(it, "kind", "event");
		crm_xml_attr(it, "id", crm_rows_get(rows, i, 0));
		crm_xml_attr(it, "title", crm_rows_get(rows, i, 1));
		crm_xml_attr(it, "start", crm_rows_get(rows, i, 2));
		crm_xml_attr(it, "end", crm_rows_get(rows, i, 3));
		crm_xml_attr(it, "url", crm_psprintf(p, "/events/%s", crm_rows_get(rows, i, 0)));
		if (!strcmp(crm_rows_get(rows, i, 4), "1"))
			crm_xml_attr(it, "closed", "1");
	}
	return 0;
}
