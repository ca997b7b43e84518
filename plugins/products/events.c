/* What the catalog answers other plugins: "product.list" (the active products, for the
 * "product of interest" selects of leads and deals) and "product.describe" (products
 * by id, archived ones too, for the records that name them). One statement each. */
#include <stdlib.h>
#include "products.h"

#define COLUMNS "p.id, p.name, p.sku, p.unit, p.price, p.currency, p.tax, p.kind, p.active"

/* One <product id name sku unit price currency tax kind active url/> per row. */
static void answer(crm_req *r, crm_event *ev, const crm_rows *rows)
{
	xmlNodePtr out = crm_event_result(ev);
	for (size_t i = 0; i < rows->n_rows; i++) {
		xmlNodePtr x = crm_xml_add(out, "product", NULL);
		for (size_t c = 0; c < rows->n_cols; c++) {
			const char *v = crm_rows_get(rows, i, c);
			crm_xml_attr(x, rows->cols[c], v ? v : "");
		}
		/* The price is stored as minor units; consumers display the attribute as it
		 * comes, so it stays the plain decimal of its currency ("1500.00"). */
		crm_xml_attr(x, "price", crm_money_plain(crm_req_pool(r), strtoll(crm_rows_by(rows, i, "price"), NULL, 10),
							 crm_rows_by(rows, i, "currency")));
		crm_xml_attr(x, "url", crm_psprintf(crm_req_pool(r), "/products/%s", crm_rows_get(rows, i, 0)));
	}
}

int products_on_list(crm_req *r, crm_event *ev)
{
	if (!crm_req_user(r) || !crm_req_can(r, "products.view"))
		return 0;
	const char *sql = crm_psprintf(crm_req_pool(r),
		"SELECT " COLUMNS " FROM product p WHERE p.active = 1 AND %s ORDER BY p.name, p.id LIMIT %d",
		crm_access_sql(r, "p", "product", CRM_READ), PRODUCTS_EVENT_MAX);
	crm_rows *rows = crm_db_query(r, sql, "i", crm_req_user(r));
	if (!rows)
		return CRM_EDB;
	answer(r, ev, rows);
	return 0;
}

int products_on_describe(crm_req *r, crm_event *ev)
{
	if (!crm_req_user(r) || !crm_req_can(r, "products.view"))
		return 0;
	size_t n;
	int64_t *ids = crm_event_ids(ev, "ids", PRODUCTS_EVENT_MAX, &n);
	if (!n)
		return 0;
	const char *sql = crm_psprintf(crm_req_pool(r),
		"SELECT " COLUMNS " FROM product p WHERE p.id IN (SELECT j.id FROM JSON_TABLE(?, '$[*]' COLUMNS "
		"(id BIGINT PATH '$')) j) AND %s ORDER BY p.name, p.id", crm_access_sql(r, "p", "product", CRM_READ));
	crm_rows *rows = crm_db_query(r, sql, "si", crm_json_ids(crm_req_pool(r), ids, n), crm_req_user(r));
	if (!rows)
		return CRM_EDB;
	answer(r, ev, rows);
	return 0;
}
