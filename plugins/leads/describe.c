/* Leads as other plugins show and pick them: "lead.describe" (a task's linked lead, read
 * live) and "lead.search" (what a user typed into a lead field, for crm_pick). */
#include <string.h>
#include "leads.h"

/* Ids one "lead.describe" answers at most; candidates one "lead.search" gives. */
#define DESCRIBE_MAX 500
#define SEARCH_MAX 20

#define DESCRIBE_COLUMNS "l.id, l.name, s.name, f.name, l.phone, l.email"
#define DESCRIBE_FROM "lead l JOIN lead_status s ON s.id = l.status_id JOIN lead_funnel f ON f.id = l.funnel_id"

/* One <lead id name status funnel phone email url [exact]/> per row of DESCRIBE_COLUMNS
 * (and an exact flag after them when asked). */
static void answer(crm_req *r, crm_event *ev, const crm_rows *rows, bool with_exact)
{
	crm_pool *p = crm_req_pool(r);
	xmlNodePtr res = crm_event_result(ev);
	for (size_t i = 0; i < rows->n_rows; i++) {
		xmlNodePtr n = crm_xml_add(res, "lead", NULL);
		crm_xml_attr(n, "id", crm_rows_get(rows, i, 0));
		crm_xml_attr(n, "name", crm_rows_get(rows, i, 1));
		crm_xml_attr(n, "status", lead_label(r, crm_rows_get(rows, i, 2)));
		crm_xml_attr(n, "funnel", lead_label(r, crm_rows_get(rows, i, 3)));
		crm_xml_attr(n, "phone", crm_rows_get(rows, i, 4));
		crm_xml_attr(n, "email", crm_rows_get(rows, i, 5));
		crm_xml_attr(n, "url", crm_psprintf(p, "/leads/%s", crm_rows_get(rows, i, 0)));
		if (with_exact && !strcmp(crm_rows_get(rows, i, 6), "1"))
			crm_xml_attr(n, "exact", "1");
	}
}

/* "lead.describe": arg "ids", comma-separated; one statement for all of them. */
int leads_on_describe(crm_req *r, crm_event *ev)
{
	crm_pool *p = crm_req_pool(r);
	size_t n;
	int64_t *ids = crm_event_ids(ev, "ids", DESCRIBE_MAX, &n);
	if (!n)
		return 0;
	const char *sql = crm_psprintf(p, "SELECT " DESCRIBE_COLUMNS " FROM " DESCRIBE_FROM " WHERE " LEADS_IN_IDS
					  " AND %s ORDER BY l.name, l.id",
				       crm_access_sql(r, "l", "lead", CRM_READ));
	crm_rows *rows = crm_db_query(r, sql, "si", crm_json_ids(p, ids, n), crm_req_user(r));
	if (!rows)
		return CRM_EDB;
	answer(r, ev, rows, false);
	return 0;
}

/* "lead.search": arg "q" ("#12", an email, a phone as typed, or the start of a name); the
 * best SEARCH_MAX the user may read, exact matches first. Each way starts from its index. */
int leads_on_search(crm_req *r, crm_event *ev)
{
	crm_pool *p = crm_req_pool(r);
	const char *q = crm_trim(p, crm_event_get(ev, "q"));
	if (!*q || strlen(q) > 200 || !crm_one_line(q))
		return 0;
	const char *where, *exact, *key;
	int64_t id = q[0] == '#' ? crm_id(q + 1) : 0;
	if (id) {
		where = "l.id = ?";
		key = crm_psprintf(p, "%lld", (long long)id);
		exact = "1";
	} else if (strchr(q, '@')) {
		where = "l.email = ?";
		key = crm_email_norm(p, q);
		exact = "1";
	} else if (crm_phone_like(q)) {
		where = "l.phone_e164 = ?";
		key = crm_phone_e164(r, q, NULL);
		exact = "1";
		if (!key)
			return 0;
	} else {
		where = "l.name LIKE ?";
		key = crm_like_prefix(p, q);
		exact = "l.name = ?";
	}
	const char *sql = crm_psprintf(p, "SELECT " DESCRIBE_COLUMNS ", IF(%s, 1, 0) AS exact FROM " DESCRIBE_FROM
					  " WHERE %s AND %s ORDER BY exact DESC, l.name, l.id LIMIT %d",
				       exact, where, crm_access_sql(r, "l", "lead", CRM_READ), SEARCH_MAX);
	crm_rows *rows = strcmp(exact, "1") ? crm_db_query(r, sql, "ssi", q, key, crm_req_user(r))
					    : crm_db_query(r, sql, "si", key, crm_req_user(r));
	if (!rows)
		return CRM_EDB;
	answer(r, ev, rows, true);
	return 0;
}
