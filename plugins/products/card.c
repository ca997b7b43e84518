/* A product's card: its properties, tags, custom fields, files, history and the panels
 * other plugins give it. */
#include <stdlib.h>
#include <string.h>
#include "products.h"

int products_card(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	crm_pool *p = crm_req_pool(r);
	const char *sql = crm_psprintf(p,
		"SELECT p.id, p.kind, p.name, p.sku, p.unit, p.price, p.currency, p.tax, p.description, p.active, "
		"u.name AS owner, p.created_at, p.updated_at FROM product p LEFT JOIN crm_user u ON u.id = p.owner_id "
		"WHERE p.id = ? AND %s", crm_access_sql(r, "p", "product", CRM_READ));
	crm_rows *row = crm_db_query(r, sql, "ii", id, crm_req_user(r));
	if (!row)
		return CRM_EDB;
	if (!row->n_rows)
		return crm_error(r, 404, "core.not_found");
	xmlNodePtr c = crm_page(r, "products.card", "products.card_title");
	xmlNodePtr info = crm_xml_add(c, "product", NULL);
	/* The price is stored as minor units: the page gets the plain decimal and the locale's. */
	int64_t price = strtoll(crm_rows_by(row, 0, "price"), NULL, 10);
	const char *currency = crm_rows_by(row, 0, "currency");
	for (size_t col = 0; col < row->n_cols; col++)
		crm_xml_add(info, row->cols[col], strcmp(row->cols[col], "price") ? crm_rows_get(row, 0, col)
										: crm_money_plain(p, price, currency));
	crm_xml_add(info, "price_text", crm_money_number(p, price, currency, crm_req_locale(r), CRM_MONEY_FRACTION));
	if (crm_req_can(r, "products.edit"))
		crm_xml_attr(info, "writable", "1");
	if (!crm_tags_xml(r, "product", id, info) || !crm_fields_xml(r, "product", id, info) ||
	    !crm_files_xml(r, "product", id, info) || !crm_history_xml(r, "product", id, info))
		return CRM_EDB;
	crm_page_panels(r, "product", id);
	return 0;
}
