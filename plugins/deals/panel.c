/* «Возможные сделки» on the contact card: the contact's deals the user may read, the
 * open ones first, and a link to a new deal for that contact (DEA-6). */
#include <string.h>
#include "deals.h"

/* Deals the panel shows; the rest are a link to the list filtered by the contact. */
#define PANEL_MAX 20

int deals_contact_panel(crm_req *r, int64_t id, xmlNodePtr node)
{
	crm_pool *p = crm_req_pool(r);
	const char *sql = crm_psprintf(p,
		"SELECT d.id, d.name, s.name AS stage, s.kind AS stage_kind, d.probability, d.budget, d.currency, "
		"d.amount_type, d.close_date FROM deal d JOIN deal_stage s ON s.id = d.stage_id "
		"WHERE d.contact_id = ? AND %s ORDER BY s.kind <> 'open', d.close_sort, d.id LIMIT %d",
		crm_access_sql(r, "d", "deal", CRM_READ), PANEL_MAX + 1);
	crm_rows *rows = crm_db_query(r, sql, "ii", id, crm_req_user(r));
	if (!rows)
		return CRM_EDB;
	xmlNodePtr list = crm_xml_add(node, "contact-deals", NULL);
	crm_xml_attr_int(list, "contact", id);
	if (crm_req_can(r, "deals.edit"))
		crm_xml_attr(list, "new", crm_psprintf(p, "/deals/new?contact=%lld", (long long)id));
	if (rows->n_rows > PANEL_MAX)
		crm_xml_attr(list, "all", crm_psprintf(p, "/deals?contact=%lld", (long long)id));
	for (size_t i = 0; i < rows->n_rows && i < PANEL_MAX; i++) {
		xmlNodePtr d = crm_xml_add(list, "deal", crm_rows_get(rows, i, 1));
		crm_xml_attr(d, "id", crm_rows_get(rows, i, 0));
		crm_xml_attr(d, "stage", deal_stage_label(r, crm_rows_get(rows, i, 2)));
		crm_xml_attr(d, "kind", crm_rows_get(rows, i, 3));
		crm_xml_attr(d, "probability", crm_rows_get(rows, i, 4));
		crm_xml_attr(d, "money", crm_money_text_sql(p, crm_rows_get(rows, i, 5), crm_rows_get(rows, i, 6),
							    crm_req_locale(r)));
		crm_xml_attr(d, "close_date", crm_rows_get(rows, i, 8));
	}
	return 0;
}
