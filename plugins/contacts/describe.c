/* Contacts as other plugins show them: "contact.describe" (a lead's or a deal's linked
 * contacts, read live) and "contact.search" (what a user typed into a contact field). */
#include <string.h>
#include "contacts.h"

/* Ids one "contact.describe" answers at most. */
#define DESCRIBE_MAX 500
/* Candidates one "contact.search" answers at most. */
#define SEARCH_MAX 20

/* The attributes every answer carries: first phone and email by position. */
#define DESCRIBE_COLUMNS                                                                              \
	"c.id, c.name, c.kind, c.company_id, co.name AS company, "                                    \
	"(SELECT ph.typed FROM contact_phone ph WHERE ph.contact_id = c.id ORDER BY ph.position, ph.id LIMIT 1), " \
	"(SELECT e.email FROM contact_email e WHERE e.contact_id = c.id ORDER BY e.position, e.id LIMIT 1)"

/* One <contact .../> per row of DESCRIBE_COLUMNS (and an exact flag when asked). */
static void answer(crm_req *r, crm_event *ev, const crm_rows *rows, bool with_exact)
{
	crm_pool *p = crm_req_pool(r);
	xmlNodePtr res = crm_event_result(ev);
	for (size_t i = 0; i < rows->n_rows; i++) {
		const char *co = crm_rows_get(rows, i, 4), *ph = crm_rows_get(rows, i, 5), *em = crm_rows_get(rows, i, 6);
		xmlNodePtr n = crm_xml_add(res, "contact", NULL);
		crm_xml_attr(n, "id", crm_rows_get(rows, i, 0));
		crm_xml_attr(n, "name", crm_rows_get(rows, i, 1));
		crm_xml_attr(n, "kind", crm_rows_get(rows, i, 2));
		crm_xml_attr(n, "company_id", crm_rows_get(rows, i, 3) ? crm_rows_get(rows, i, 3) : "");
		crm_xml_attr(n, "company", co ? co : "");
		crm_xml_attr(n, "phone", ph ? ph : "");
		crm_xml_attr(n, "email", em ? em : "");
		crm_xml_attr(n, "url", crm_psprintf(p, "/contacts/%s", crm_rows_get(rows, i, 0)));
		if (with_exact && !strcmp(crm_rows_get(rows, i, 7), "1"))
			crm_xml_attr(n, "exact", "1");
	}
}

/* "contact.describe": arg "ids", comma-separated; one statement for all of them. */
int contacts_on_describe(crm_req *r, crm_event *ev)
{
	crm_pool *p = crm_req_pool(r);
	size_t n;
	int64_t *ids = crm_event_ids(ev, "ids", DESCRIBE_MAX, &n);
	if (!n)
		return 0;
	const char *sql = crm_psprintf(p,
		"SELECT " DESCRIBE_COLUMNS " FROM contact c LEFT JOIN contact co ON co.id = c.company_id "
		"WHERE " CONTACTS_IN_IDS " AND %s ORDER BY c.name, c.id",
		crm_access_sql(r, "c", "contact", CRM_READ));
	crm_rows *rows = crm_db_query(r, sql, "si", crm_json_ids(p, ids, n), crm_req_user(r));
	if (!rows)
		return CRM_EDB;
	answer(r, ev, rows, false);
	return 0;
}


/* "contact.search": arg "q" ("#12", an email, a phone as typed, or the start of a name)
 * and optional "kind"; the best SEARCH_MAX the user may read, exact matches first. */
int contacts_on_search(crm_req *r, crm_event *ev)
{
	crm_pool *p = crm_req_pool(r);
	const char *q = crm_trim(p, crm_event_get(ev, "q")), *kind = crm_event_get(ev, "kind");
	if (!*q || strlen(q) > 200 || !crm_one_line(q))
		return 0;
	if (kind && strcmp(kind, "person") && strcmp(kind, "company"))
		kind = NULL;
	/* Each way of searching starts from its own index. */
	const char *from, *exact, *a = NULL, *b = NULL;
	int64_t id = q[0] == '#' ? crm_id(q + 1) : 0;
	if (id) {
		from = "(SELECT id FROM contact WHERE id = ?)";
		a = crm_psprintf(p, "%lld", (long long)id);
		exact = "1";
	} else if (strchr(q, '@')) {
		from = "(SELECT contact_id AS id FROM contact_email WHERE email = ?)";
		a = crm_email_norm(p, q);
		exact = "1";
	} else if (crm_phone_like(q)) {
		from = "(SELECT contact_id AS id FROM contact_phone WHERE e164 = ?)";
		a = contact_e164(r, q);
		exact = "1";
		if (!a)
			return 0;
	} else {
		from = "(SELECT id FROM contact WHERE name LIKE ? UNION SELECT id FROM contact WHERE first_name LIKE ?)";
		a = crm_like_prefix(p, q);
		b = a;
		exact = "c.name = ?";
	}
	const char *sql = crm_psprintf(p,
		"SELECT " DESCRIBE_COLUMNS ", IF(%s, 1, 0) AS exact FROM %s m JOIN contact c ON c.id = m.id "
		"LEFT JOIN contact co ON co.id = c.company_id WHERE (? IS NULL OR c.kind = ?) AND %s "
		"ORDER BY exact DESC, c.name, c.id LIMIT %d",
		exact, from, crm_access_sql(r, "c", "contact", CRM_READ), SEARCH_MAX);
	crm_rows *rows = b ? crm_db_query(r, sql, "sssssi", q, a, b, kind, kind, crm_req_user(r))
			   : crm_db_query(r, sql, "sssi", a, kind, kind, crm_req_user(r));
	if (!rows)
		return CRM_EDB;
	answer(r, ev, rows, true);
	return 0;
}
