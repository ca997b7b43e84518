/* Finding contacts by email and phone: the duplicates a new contact would make, and the
 * "contact.lookup" event other plugins ask (a caller's number, a sender's address). */
#include <string.h>
#include "contacts.h"

_Static_assert(CONTACT_MAX_ITEMS == 10, "the duplicates statement has ten slots of each");

crm_rows *contact_duplicates(crm_req *r, const contact_in *c, int64_t except_id)
{
	crm_pool *p = crm_req_pool(r);
	/* Ten slots of each, NULL when unused (NULL matches nothing in IN): one statement
	 * text whatever the count, and both lookups indexed. */
	const char *e[CONTACT_MAX_ITEMS] = {0}, *t[CONTACT_MAX_ITEMS] = {0};
	size_t ne = 0, np = 0;
	for (size_t i = 0; i < c->n_emails && i < CONTACT_MAX_ITEMS; i++)
		if (!contact_blank(c->emails[i]))
			e[ne++] = crm_email_norm(p, c->emails[i]);
	for (size_t i = 0; i < c->n_phones && i < CONTACT_MAX_ITEMS; i++) {
		const char *x = contact_blank(c->phones[i]) ? NULL : contact_e164(r, crm_trim(p, c->phones[i]));
		if (x)
			t[np++] = x;
	}
	if (!ne && !np)
		return crm_palloc(p, sizeof(crm_rows));
	const char *sql = crm_psprintf(p,
		"SELECT c.id, c.name, c.kind, co.name AS company FROM "
		"(SELECT contact_id FROM contact_email WHERE email IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
		"UNION SELECT contact_id FROM contact_phone WHERE e164 IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)) m "
		"JOIN contact c ON c.id = m.contact_id LEFT JOIN contact co ON co.id = c.company_id "
		"WHERE c.id <> ? AND %s ORDER BY c.name, c.id LIMIT 20",
		crm_access_sql(r, "c", "contact", CRM_READ));
	return crm_db_query(r, sql, "ssssssssssssssssssssii", e[0], e[1], e[2], e[3], e[4], e[5], e[6], e[7], e[8],
			    e[9], t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], except_id, crm_req_user(r));
}

/* "contact.lookup" with "phone" (as typed, any form) or "email": one indexed query,
 * answering <contact id name url company/> for each contact the user may read. */
int contacts_on_lookup(crm_req *r, crm_event *ev)
{
	crm_pool *p = crm_req_pool(r);
	const char *phone = crm_event_get(ev, "phone"), *email = crm_event_get(ev, "email");
	const char *key, *where;
	if (phone && *phone) {
		key = contact_e164(r, phone);
		where = "c.id IN (SELECT contact_id FROM contact_phone WHERE e164 = ?)";
	} else if (email && *email) {
		key = crm_email_norm(p, email);
		where = "c.id IN (SELECT contact_id FROM contact_email WHERE email = ?)";
	} else {
		return 0;
	}
	if (!key || !*key)
		return 0;
	const char *sql = crm_psprintf(p,
		"SELECT c.id, c.name, co.name FROM contact c LEFT JOIN contact co ON co.id = c.company_id "
		"WHERE %s AND %s ORDER BY c.name, c.id LIMIT 50", where, crm_access_sql(r, "c", "contact", CRM_READ));
	crm_rows *rows = crm_db_query(r, sql, "si", key, crm_req_user(r));
	if (!rows)
		return CRM_EDB;
	xmlNodePtr res = crm_event_result(ev);
	for (size_t i = 0; i < rows->n_rows; i++) {
		xmlNodePtr n = crm_xml_add(res, "contact", NULL);
		crm_xml_attr(n, "id", crm_rows_get(rows, i, 0));
		crm_xml_attr(n, "name", crm_rows_get(rows, i, 1));
		crm_xml_attr(n, "url", crm_psprintf(p, "/contacts/%s", crm_rows_get(rows, i, 0)));
		crm_xml_attr(n, "company", crm_rows_get(rows, i, 2) ? crm_rows_get(rows, i, 2) : "");
	}
	return 0;
}
