/* CSV export of contacts: the list's current selection (its filters, every page) or the
 * rows ticked in it, only what the user may read. */
#include <stdlib.h>
#include <string.h>
#include "contacts.h"

/* Rows one export may hold: the pool keeps them all until the answer is sent. */
#define EXPORT_MAX 100000

static const char *const header[] = {
	"id", "kind", "first_name", "last_name", "name", "company", "job_title", "type", "temperature",
	"currency", "emails", "phones", "links", "addresses", "owner", "visibility", "tags", "created_at",
};

static const char *columns(crm_req *r)
{
	return crm_psprintf(crm_req_pool(r),
		"c.id, c.kind, c.first_name, c.last_name, c.name, co.name, c.job_title, ty.name, te.name, c.currency, "
		"(SELECT GROUP_CONCAT(x.email ORDER BY x.position SEPARATOR '; ') FROM contact_email x WHERE x.contact_id = c.id), "
		"(SELECT GROUP_CONCAT(x.typed ORDER BY x.position SEPARATOR '; ') FROM contact_phone x WHERE x.contact_id = c.id), "
		"(SELECT GROUP_CONCAT(x.url ORDER BY x.position SEPARATOR '; ') FROM contact_link x WHERE x.contact_id = c.id), "
		"(SELECT GROUP_CONCAT(x.address ORDER BY x.position SEPARATOR '; ') FROM contact_address x WHERE x.contact_id = c.id), "
		"u.name, c.visibility, %s, c.created_at", crm_tags_column_sql(r, "c", "contact"));
}

/* Answer with rows as a CSV download; list names that are catalog keys are translated. */
static int send(crm_req *r, const crm_rows *rows)
{
	crm_csv *csv = crm_csv_new(r);
	crm_csv_row(csv, header, CRM_LEN(header));
	const char *cells[CRM_LEN(header)];
	for (size_t i = 0; i < rows->n_rows; i++) {
		for (size_t k = 0; k < CRM_LEN(header); k++)
			cells[k] = crm_rows_get(rows, i, k);
		for (size_t k = 7; k <= 8; k++)
			if (cells[k] && !strncmp(cells[k], "contacts.", 9))
				cells[k] = crm_t(r, cells[k]);
		crm_csv_row(csv, cells, CRM_LEN(header));
	}
	return crm_csv_send(r, csv, "contacts.csv");
}

int contacts_export(crm_req *r)
{
	contact_query q;
	if (contacts_query(r, &q, CRM_READ) < 0)
		return crm_error(r, 400, "contacts.bad_filter");
	const char *sql = crm_psprintf(crm_req_pool(r), "SELECT %s%s%sWHERE %s ORDER BY c.name, c.id LIMIT %d", columns(r),
				       q.from, strstr(contacts_joins, " LEFT JOIN"), q.where, EXPORT_MAX);
	crm_rows *rows = contacts_query_run(r, &q, sql);
	if (!rows)
		return CRM_EDB;
	return send(r, rows);
}

int contacts_export_ids(crm_req *r, const int64_t *ids, size_t n)
{
	const char *sql = crm_psprintf(crm_req_pool(r), "SELECT %s%sWHERE " CONTACTS_IN_IDS " AND %s ORDER BY c.name, c.id",
				       columns(r), contacts_joins, crm_access_sql(r, "c", "contact", CRM_READ));
	crm_rows *rows = crm_db_query(r, sql, "si", crm_json_ids(crm_req_pool(r), ids, n), crm_req_user(r));
	if (!rows)
		return CRM_EDB;
	return send(r, rows);
}
