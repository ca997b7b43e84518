/* CSV export of deals: the list's selection (its filters, every page) or the rows ticked
 * in it, only what the user may read; contacts' names come from the contacts plugin. */
#include <stdlib.h>
#include <string.h>
#include "deals.h"

/* Rows one export may hold: the pool keeps them all until the answer is sent. */
#define EXPORT_MAX 100000
/* Contacts one "contact.describe" names at most. */
#define DESCRIBE_BATCH 500

static const char *const header[] = {
	"id", "name", "contact_id", "contact", "stage", "probability", "budget", "currency", "amount_type",
	"product_id", "close_date", "owner", "visibility", "tags", "lead_id", "created_at", "description",
};

const char *deals_export_columns(crm_req *r)
{
	return crm_psprintf(crm_req_pool(r),
		"d.id, d.name, d.contact_id, NULL, s.name, d.probability, d.budget, d.currency, d.amount_type, "
		"d.product_id, d.close_date, u.name, d.visibility, %s, d.lead_id, d.created_at, d.description",
		crm_tags_column_sql(r, "d", "deal"));
}

const char *deals_export_joins = " JOIN deal_stage s ON s.id = d.stage_id LEFT JOIN crm_user u ON u.id = d.owner_id ";

/* rows (deals_export_columns) as CSV rows under out, contacts named through the
 * contacts plugin a batch at a time. */
static int write_rows(crm_req *r, const crm_rows *rows, crm_csv *csv)
{
	crm_pool *p = crm_req_pool(r);
	/* Contact names, a batch of ids at a time. */
	const char **names = crm_palloc(p, (rows->n_rows + 1) * sizeof *names);
	for (size_t start = 0; start < rows->n_rows; start += DESCRIBE_BATCH) {
		size_t end = start + DESCRIBE_BATCH < rows->n_rows ? start + DESCRIBE_BATCH : rows->n_rows, n = 0;
		int64_t ids[DESCRIBE_BATCH];
		for (size_t i = start; i < end; i++)
			if (crm_id(crm_rows_get(rows, i, 2)))
				ids[n++] = crm_id(crm_rows_get(rows, i, 2));
		xmlNodePtr described = n ? deals_describe_contacts(r, ids, n) : NULL;
		for (size_t i = start; i < end && described; i++) {
			xmlNodePtr who = deals_contact_in(described, crm_rows_get(rows, i, 2));
			if (!who)
				continue;
			xmlChar *name = xmlGetProp(who, BAD_CAST "name");
			names[i] = crm_pstrdup(p, (const char *)name);
			xmlFree(name);
		}
	}
	const char *cells[CRM_LEN(header)];
	for (size_t i = 0; i < rows->n_rows; i++) {
		for (size_t k = 0; k < CRM_LEN(header); k++)
			cells[k] = crm_rows_get(rows, i, k);
		cells[3] = names[i];
		cells[4] = deal_stage_label(r, cells[4]);
		/* The budget as a decimal of its currency ("150000.50"), not minor units. */
		if (cells[6])
			cells[6] = crm_money_plain(p, strtoll(cells[6], NULL, 10), cells[7]);
		crm_csv_row(csv, cells, CRM_LEN(header));
	}
	return 0;
}

int deals_export_rows(crm_req *r, const crm_rows *rows)
{
	crm_csv *csv = crm_csv_new(r);
	crm_csv_row(csv, header, CRM_LEN(header));
	write_rows(r, rows, csv);
	return crm_csv_send(r, csv, "deals.csv");
}

/* Every deal the user may read, for the zip of "export all data" (ADM-2), a page at a
 * time: the contacts of a page are named in one call. */
static int export_all(crm_req *r, crm_csv *out)
{
	crm_csv_row(out, header, CRM_LEN(header));
	const char *sql = crm_psprintf(crm_req_pool(r), "SELECT %s FROM deal d%sWHERE d.id > ? AND %s ORDER BY d.id",
				       deals_export_columns(r), deals_export_joins,
				       crm_access_sql(r, "d", "deal", CRM_READ));
	return crm_export_pages(r, out, sql, write_rows);
}

/* Deals are not imported: this entry only puts deals.csv into "export all data". */
const crm_importer deals_exporter = {
	.entity = "deal",
	.title = "deals.title",
	.permission = "deals.export",
	.export_all = export_all,
};

int deals_export(crm_req *r)
{
	deal_query q;
	const char *bad;
	if (deals_query(r, &q, CRM_READ, &bad) < 0)
		return crm_error(r, 400, "deals.bad_filter");
	const char *sql = crm_psprintf(crm_req_pool(r), "SELECT %s%s%sWHERE %s ORDER BY d.name, d.id LIMIT %d",
				       deals_export_columns(r), q.from, deals_export_joins, q.where, EXPORT_MAX);
	crm_rows *rows = deals_query_run(r, &q, sql, NULL, 0);
	if (!rows)
		return CRM_EDB;
	return deals_export_rows(r, rows);
}
