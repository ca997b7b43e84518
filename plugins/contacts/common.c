/* Small helpers every contacts page uses: loading a contact within the user's reach,
 * and the core services a contact's changes go through. */
#include <stdlib.h>
#include <string.h>
#include "contacts.h"

xmlNodePtr contacts_page(crm_req *r, const char *view, const char *title)
{
	return crm_page(r, view, title);
}

#define CONTACT_SQL                                                                                  \
	"SELECT c.id, c.kind, c.first_name, c.last_name, c.name, c.company_id, c.job_title, c.type_id, " \
	"c.temperature_id, c.currency, c.description, c.owner_id, c.visibility, c.created_at, "         \
	"c.updated_at FROM contact c WHERE c.id = ? AND "

crm_rows *contact_load(crm_req *r, int64_t id, int mode, int *rc)
{
	const char *sql = crm_psprintf(crm_req_pool(r), CONTACT_SQL "%s", crm_access_sql(r, "c", "contact", mode));
	crm_rows *row = crm_db_query(r, sql, "ii", id, crm_req_user(r));
	*rc = row ? (int)row->n_rows : CRM_EDB;
	return row && row->n_rows ? row : NULL;
}

crm_rows *contact_found(crm_req *r, int64_t id, int mode, int *rc)
{
	crm_rows *row = contact_load(r, id, mode, rc);
	if (!row && *rc >= 0)
		*rc = crm_error(r, 404, "core.not_found");
	return row;
}

const char *contact_e164(crm_req *r, const char *typed)
{
	return crm_phone_e164(r, typed, NULL);
}

int contact_history(crm_req *r, int64_t id, const char *category, const char *text)
{
	int64_t rc = crm_history_add(r, "contact", id, category, text, NULL);
	return rc < 0 ? (int)rc : 0;
}

int contact_existing_load(crm_req *r, int64_t id, contact_existing *out)
{
	memset(out, 0, sizeof *out);
	/* One statement for the four lists; positions continue after the highest. */
	crm_rows *rows = crm_db_query(r,
		"SELECT 'e', email, NULL, position FROM contact_email WHERE contact_id = ? "
		"UNION ALL SELECT 'p', typed, e164, position FROM contact_phone WHERE contact_id = ? "
		"UNION ALL SELECT 'l', url, NULL, position FROM contact_link WHERE contact_id = ? "
		"UNION ALL SELECT 'a', address, NULL, position FROM contact_address WHERE contact_id = ?",
		"iiii", id, id, id, id);
	if (!rows)
		return CRM_EDB;
	size_t ne = 0, np = 0, nl = 0, na = 0, cap = 4 * CONTACT_MAX_ITEMS;
	for (size_t i = 0; i < rows->n_rows; i++) {
		const char *t = crm_rows_get(rows, i, 0), *v = crm_rows_get(rows, i, 1);
		int pos = atoi(crm_rows_get(rows, i, 3));
		if (pos >= out->next_position)
			out->next_position = pos + 1;
		if (*t == 'e' && ne < cap)
			out->emails[ne++] = v;
		else if (*t == 'p' && np < cap) {
			out->phones[np] = v;
			out->e164s[np++] = crm_rows_get(rows, i, 2) ? crm_rows_get(rows, i, 2) : "";
		} else if (*t == 'l' && nl < cap)
			out->links[nl++] = v;
		else if (*t == 'a' && na < cap)
			out->addresses[na++] = v;
	}
	return 0;
}
