/* The contact card: properties, emails, phones, links, addresses, the company or its
 * people, tags, custom fields, files and photo, history, and other plugins' panels. */
#include <stdlib.h>
#include <string.h>
#include "contacts.h"

/* People shown on a company's card. */
#define PEOPLE_MAX 200

int contacts_card(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	int64_t id = crm_req_arg_id(r, "id");
	const char *sql = crm_psprintf(p,
		"SELECT c.id, c.kind, c.first_name, c.last_name, c.name, c.company_id, co.name AS company, "
		"c.job_title, c.type_id, ty.name AS type, c.temperature_id, te.name AS temperature, c.currency, "
		"c.description, c.owner_id, u.name AS owner, c.visibility, c.created_at, c.updated_at, "
		"(SELECT GROUP_CONCAT(mu.name ORDER BY mu.name SEPARATOR ', ') FROM crm_record_user m "
		" JOIN crm_user mu ON mu.id = m.user_id WHERE m.entity = 'contact' AND m.record_id = c.id "
		" AND m.kind = 'manager') AS managers "
		"FROM contact c LEFT JOIN contact co ON co.id = c.company_id "
		"LEFT JOIN contact_type ty ON ty.id = c.type_id LEFT JOIN contact_temperature te ON te.id = c.temperature_id "
		"LEFT JOIN crm_user u ON u.id = c.owner_id WHERE c.id = ? AND %s",
		crm_access_sql(r, "c", "contact", CRM_READ));
	crm_rows *row = crm_db_query(r, sql, "ii", id, crm_req_user(r));
	if (!row)
		return CRM_EDB;
	if (!row->n_rows)
		return crm_error(r, 404, "core.not_found");
	int can_write = crm_access_check(r, "contact", "contact", id, CRM_WRITE);
	if (can_write < 0)
		return can_write;
	crm_rows *items = crm_db_query(r,
		"SELECT 'email' AS t, kind, email AS v, NULL AS e164, position FROM contact_email WHERE contact_id = ? "
		"UNION ALL SELECT 'phone', kind, typed, e164, position FROM contact_phone WHERE contact_id = ? "
		"UNION ALL SELECT 'link', kind, url, NULL, position FROM contact_link WHERE contact_id = ? "
		"UNION ALL SELECT 'address', kind, address, NULL, position FROM contact_address WHERE contact_id = ? "
		"ORDER BY 1, 5", "iiii", id, id, id, id);
	if (!items)
		return CRM_EDB;
	bool company = !strcmp(crm_rows_by(row, 0, "kind"), "company");
	crm_rows *people = NULL;
	if (company) {
		const char *psql = crm_psprintf(p,
			"SELECT c.id, c.name, c.job_title FROM contact c WHERE c.company_id = ? AND %s "
			"ORDER BY c.name, c.id LIMIT %d", crm_access_sql(r, "c", "contact", CRM_READ), PEOPLE_MAX + 1);
		people = crm_db_query(r, psql, "ii", id, crm_req_user(r));
		if (!people)
			return CRM_EDB;
	}

	xmlNodePtr c = contacts_page(r, "contacts.card", "contacts.card_title");
	xmlNodePtr info = crm_xml_add(c, "contact", NULL);
	for (size_t col = 0; col < row->n_cols; col++)
		crm_xml_add(info, row->cols[col], crm_rows_get(row, 0, col));
	if (can_write)
		crm_xml_attr(info, "writable", "1");
	for (size_t i = 0; i < items->n_rows; i++) {
		const char *t = crm_rows_get(items, i, 0), *v = crm_rows_get(items, i, 2);
		xmlNodePtr it = crm_xml_add(info, t, v);
		crm_xml_attr(it, "kind", crm_rows_get(items, i, 1));
		if (!strcmp(t, "phone")) {
			const char *e164 = crm_rows_get(items, i, 3);
			crm_xml_attr(it, "e164", e164);
			/* tel: takes the E.164 form; an unreadable number dials its digits as typed. */
			char *tel = crm_pstrdup(p, e164 ? e164 : v), *o = tel;
			for (const char *s = tel; *s; s++)
				if ((*s >= '0' && *s <= '9') || (*s == '+' && o == tel))
					*o++ = *s;
			*o = 0;
			crm_xml_attr(it, "tel", tel);
		} else if (!strcmp(t, "link")) {
			/* Only web links are clickable; a bare domain gets https://. */
			if (!strncasecmp(v, "http://", 7) || !strncasecmp(v, "https://", 8))
				crm_xml_attr(it, "href", v);
			else if (!strchr(v, ':') && !strchr(v, '@') && strchr(v, '.'))
				crm_xml_attr(it, "href", crm_psprintf(p, "https://%s", v));
		}
	}
	if (people) {
		xmlNodePtr list = crm_xml_add(info, "people", NULL);
		size_t n = people->n_rows > PEOPLE_MAX ? PEOPLE_MAX : people->n_rows;
		for (size_t i = 0; i < n; i++) {
			xmlNodePtr it = crm_xml_add(list, "person", crm_rows_get(people, i, 1));
			crm_xml_attr(it, "id", crm_rows_get(people, i, 0));
			crm_xml_attr(it, "job_title", crm_rows_get(people, i, 2));
		}
		if (people->n_rows > PEOPLE_MAX)
			crm_xml_attr(list, "more", crm_psprintf(p, "/contacts?company=%lld", (long long)id));
	}
	crm_tags_xml(r, "contact", id, info);
	crm_fields_xml(r, "contact", id, info);
	crm_files_xml(r, "contact", id, info);
	crm_history_xml(r, "contact", id, info);
	crm_page_panels(r, "contact", id);
	return 0;
}
