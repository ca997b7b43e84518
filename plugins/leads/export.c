/* CSV export of leads: the list's current selection (its filters, every page) or the
 * rows ticked in it, only what the user may read. Contacts are exported by id: their
 * names belong to the contacts plugin. */
#include <stdlib.h>
#include <string.h>
#include "leads.h"

/* Rows one export may hold: the pool keeps them all until the answer is sent. */
#define EXPORT_MAX 100000

static const char *const header[] = {
	"id", "name", "funnel", "status", "reason", "contact_id", "company_id", "phone", "email", "source",
	"budget", "currency", "description", "owner", "visibility", "tags", "created_at", "updated_at",
};

static const char *columns(crm_req *r)
{
	return crm_psprintf(crm_req_pool(r),
		"l.id, l.name, f.name, s.name, re.name, l.contact_id, l.company_id, l.phone, l.email, so.name, l.budget, "
		"l.currency, l.description, u.name, l.visibility, %s, l.created_at, l.updated_at",
		crm_tags_column_sql(r, "l", "lead"));
}

static const char *joins = " LEFT JOIN lead_reason re ON re.id = l.reason_id ";

/* Answer with rows as a CSV download; seeded list names translated, budgets as decimals. */
static int send(crm_req *r, const crm_rows *rows)
{
	crm_pool *p = crm_req_pool(r);
	crm_csv *csv = crm_csv_new(r);
	crm_csv_row(csv, header, CRM_LEN(header));
	const char *cells[CRM_LEN(header)];
	for (size_t i = 0; i < rows->n_rows; i++) {
		for (size_t k = 0; k < CRM_LEN(header); k++)
			cells[k] = crm_rows_get(rows, i, k);
		for (size_t k = 2; k <= 4; k++)
			cells[k] = cells[k] ? lead_label(r, cells[k]) : NULL;
		cells[9] = cells[9] ? lead_label(r, cells[9]) : NULL;
		cells[10] = cells[10] ? crm_money_plain(p, strtoll(cells[10], NULL, 10), cells[11]) : NULL;
		crm_csv_row(csv, cells, CRM_LEN(header));
	}
	return crm_csv_send(r, csv, "leads.csv");
}

int leads_export(crm_req *r)
{
	lead_query q;
	if (leads_query(r, &q, CRM_READ) < 0)
		return crm_error(r, 400, "leads.bad_filter");
	const char *sql = crm_psprintf(crm_req_pool(r), "SELECT %s%s%s%sWHERE %s ORDER BY l.created_at DESC, l.id DESC LIMIT %d",
				       columns(r), q.from, leads_joins, joins, q.where, EXPORT_MAX);
	crm_rows *rows = leads_query_run(r, &q, sql);
	if (!rows)
		return CRM_EDB;
	return send(r, rows);
}

int leads_export_ids(crm_req *r, const int64_t *ids, size_t n)
{
	const char *sql = crm_psprintf(crm_req_pool(r), "SELECT %s FROM lead l%s%sWHERE " LEADS_IN_IDS " AND %s "
				       "ORDER BY l.created_at DESC, l.id DESC", columns(r), leads_joins, joins,
				       crm_access_sql(r, "l", "lead", CRM_READ));
	crm_rows *rows = crm_db_query(r, sql, "si", crm_json_ids(crm_req_pool(r), ids, n), crm_req_user(r));
	if (!rows)
		return CRM_EDB;
	return send(r, rows);
}
