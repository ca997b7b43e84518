/* The deal card: its properties, the contact and product read live from their plugins,
 * the stage changed in place (DEA-6), tags, custom fields, files, history and other
 * plugins' panels; and the stage change it posts. */
#include <stdlib.h>
#include <string.h>
#include "deals.h"

/* Copy the attributes of an answer node (a contact, a product) onto to. */
static void copy_attrs(xmlNodePtr from, xmlNodePtr to)
{
	for (xmlAttrPtr a = from ? from->properties : NULL; a; a = a->next) {
		xmlChar *v = xmlGetProp(from, a->name);
		crm_xml_attr(to, (const char *)a->name, (const char *)v);
		xmlFree(v);
	}
}

int deals_card(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	int64_t id = crm_req_arg_id(r, "id");
	int rc;
	crm_rows *row = deal_found(r, id, CRM_READ, &rc);
	if (!row)
		return rc;
	int can_write = crm_access_check(r, "deal", "deal", id, CRM_WRITE);
	if (can_write < 0)
		return can_write;
	crm_rows *extra = crm_db_query(r,
		"SELECT (SELECT name FROM crm_user WHERE id = ?), "
		"(SELECT GROUP_CONCAT(u.name ORDER BY u.name SEPARATOR ', ') FROM crm_record_user m "
		" JOIN crm_user u ON u.id = m.user_id WHERE m.entity = 'deal' AND m.record_id = ? AND m.kind = 'reader')",
		"ii", crm_id(crm_rows_by(row, 0, "owner_id")), id);
	crm_rows *stages = deal_stages(r);
	if (!extra || !stages)
		return CRM_EDB;

	xmlNodePtr c = crm_page(r, "deals.card", "deals.card_title");
	xmlNodePtr info = crm_xml_add(c, "deal", NULL);
	for (size_t col = 0; col < row->n_cols; col++)
		crm_xml_add(info, row->cols[col], crm_rows_get(row, 0, col));
	crm_xml_add(info, "stage_label", deal_stage_label(r, crm_rows_by(row, 0, "stage")));
	crm_xml_add(info, "money", crm_money_text_sql(p, crm_rows_by(row, 0, "budget"), crm_rows_by(row, 0, "currency"),
						      crm_req_locale(r)));
	crm_xml_add(info, "owner", crm_rows_get(extra, 0, 0));
	crm_xml_add(info, "readers", crm_rows_get(extra, 0, 1));
	if (can_write)
		crm_xml_attr(info, "writable", "1");
	/* The contact as its plugin shows it now; none when that plugin is off. */
	int64_t contact = crm_id(crm_rows_by(row, 0, "contact_id"));
	if (contact) {
		xmlNodePtr who = deals_contact_in(deals_describe_contacts(r, &contact, 1), crm_rows_by(row, 0, "contact_id"));
		xmlNodePtr n = crm_xml_add(info, "contact", NULL);
		if (who)
			copy_attrs(who, n);
		else
			crm_xml_attr(n, "hidden", "1");
	}
	const char *product = crm_rows_by(row, 0, "product_id");
	if (product) {
		crm_event *ev = crm_event_new(r, "product.describe", "product", 0);
		crm_event_set(ev, "ids", product);
		crm_event_publish(r, ev, NULL);
		xmlNodePtr n = crm_xml_add(info, "product", NULL);
		xmlNodePtr pr = deals_contact_in(crm_event_result(ev), product);
		if (pr)
			copy_attrs(pr, n);
		else
			crm_xml_attr(n, "hidden", "1");
	}
	if (crm_rows_by(row, 0, "lead_id"))
		crm_xml_attr(info, "lead_url", crm_psprintf(p, "/leads/%s", crm_rows_by(row, 0, "lead_id")));
	if (can_write) {
		xmlNodePtr f = crm_form(info, crm_psprintf(p, "/deals/%lld/stage", (long long)id));
		crm_xml_attr(f, "class", "inline deal-stage-form");
		xmlNodePtr s = crm_form_field(f, "stage_id", "deals.stage_change", "select", crm_rows_by(row, 0, "stage_id"));
		for (size_t i = 0; i < stages->n_rows; i++)
			crm_xml_attr(crm_xml_add(s, "option", crm_psprintf(p, "%s (%s%%)",
				deal_stage_label(r, crm_rows_get(stages, i, 1)), crm_rows_get(stages, i, 2))),
				"value", crm_rows_get(stages, i, 0));
		crm_form_submit(f, "deals.stage_submit");
	}
	crm_tags_xml(r, "deal", id, info);
	crm_fields_xml(r, "deal", id, info);
	crm_files_xml(r, "deal", id, info);
	crm_history_xml(r, "deal", id, info);
	crm_page_panels(r, "deal", id);
	return 0;
}

int deals_stage_change(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	int64_t id = crm_req_arg_id(r, "id");
	int rc;
	crm_rows *row = deal_found(r, id, CRM_WRITE, &rc);
	if (!row)
		return rc;
	const char *url = crm_psprintf(p, "/deals/%lld", (long long)id);
	if (crm_db_begin(r) < 0)
		return CRM_EDB;
	int64_t moved = deals_set_stage(r, row, crm_id(crm_input(r, "stage_id")));
	if (moved == CRM_ENOTFOUND) {
		crm_db_rollback(r);
		crm_flash(r, "error", "deals.stage_invalid");
		return crm_redirect(r, url);
	}
	if (moved < 0 || crm_db_commit(r) < 0)
		return CRM_EDB;
	crm_flash(r, "ok", moved ? "deals.stage_changed" : "deals.stage_same");
	return crm_redirect(r, url);
}
