/* The lead card: its properties, the linked contact and company read live from the
 * contacts plugin, the product, the next step (the nearest task, else the last change),
 * the funnel's statuses to move along, the deal it became, tags, custom fields, files,
 * history and other plugins' panels (calls, emails, tasks). */
#include <stdlib.h>
#include <string.h>
#include "leads.h"

static void contact_xml(xmlNodePtr parent, const char *name, const lead_contact *c, int64_t id)
{
	if (!id)
		return;
	xmlNodePtr x = crm_xml_add(parent, name, c ? c->name : NULL);
	crm_xml_attr_int(x, "id", id);
	if (!c) {
		/* Out of reach, deleted or the contacts plugin off: say so, link nowhere. */
		crm_xml_attr(x, "missing", "1");
		return;
	}
	crm_xml_attr(x, "url", c->url);
	crm_xml_attr(x, "phone", c->phone);
	crm_xml_attr(x, "email", c->email);
	crm_xml_attr(x, "company", c->company);
}

/* The next step: "task.next" answers the nearest open task; none, the last change. */
static void next_step(crm_req *r, int64_t id, xmlNodePtr info, const char *updated)
{
	crm_event *ev = crm_event_new(r, "task.next", "lead", id);
	crm_event_publish(r, ev, NULL);
	for (xmlNodePtr t = crm_event_result(ev)->children; t; t = t->next) {
		if (t->type != XML_ELEMENT_NODE || strcmp((const char *)t->name, "task"))
			continue;
		xmlNodePtr n = crm_xml_add(info, "next", NULL);
		crm_xml_attr(n, "kind", "task");
		static const char *const attrs[] = {"id", "title", "due", "url"};
		for (size_t i = 0; i < CRM_LEN(attrs); i++) {
			xmlChar *v = xmlGetProp(t, BAD_CAST attrs[i]);
			crm_xml_attr(n, attrs[i], v ? (const char *)v : "");
			xmlFree(v);
		}
		return;
	}
	xmlNodePtr n = crm_xml_add(info, "next", NULL);
	crm_xml_attr(n, "kind", "changed");
	crm_xml_attr(n, "at", updated);
}

/* The deals linked to the lead (the deals plugin links them on qualification). */
static void deals_xml(crm_req *r, int64_t id, xmlNodePtr info)
{
	crm_rows *links = crm_links(r, "lead", id);
	const crm_entity_type *types[64];
	size_t n = crm_entity_types(r, types, CRM_LEN(types));
	const char *url = NULL;
	for (size_t k = 0; k < n; k++)
		if (!strcmp(types[k]->name, "deal"))
			url = types[k]->url;
	for (size_t i = 0; url && links && i < links->n_rows; i++)
		if (!strcmp(crm_rows_get(links, i, 0), "deal")) {
			int64_t did = crm_id(crm_rows_get(links, i, 1));
			xmlNodePtr d = crm_xml_add(info, "deal", NULL);
			crm_xml_attr_int(d, "id", did);
			crm_xml_attr(d, "url", crm_psprintf(crm_req_pool(r), url, (long long)did));
		}
}

int leads_card(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	int64_t id = crm_req_arg_id(r, "id");
	const char *sql = crm_psprintf(p,
		"SELECT l.id, l.name, l.funnel_id, f.name AS funnel, l.status_id, s.name AS status, s.kind AS status_kind, "
		"l.contact_id, l.company_id, l.phone, l.phone_e164, l.email, l.product_id, l.source_id, so.name AS source, "
		"l.reason_id, re.name AS reason, l.budget, l.currency, l.description, l.owner_id, u.name AS owner, "
		"l.visibility, l.created_at, l.updated_at, "
		"(SELECT GROUP_CONCAT(mu.name ORDER BY mu.name SEPARATOR ', ') FROM crm_record_user m "
		" JOIN crm_user mu ON mu.id = m.user_id WHERE m.entity = 'lead' AND m.record_id = l.id "
		" AND m.kind = 'manager') AS managers "
		"FROM lead l JOIN lead_funnel f ON f.id = l.funnel_id JOIN lead_status s ON s.id = l.status_id "
		"LEFT JOIN lead_source so ON so.id = l.source_id LEFT JOIN lead_reason re ON re.id = l.reason_id "
		"LEFT JOIN crm_user u ON u.id = l.owner_id WHERE l.id = ? AND %s",
		crm_access_sql(r, "l", "lead", CRM_READ));
	crm_rows *row = crm_db_query(r, sql, "ii", id, crm_req_user(r));
	if (!row)
		return CRM_EDB;
	if (!row->n_rows)
		return crm_error(r, 404, "core.not_found");
	int can_write = crm_access_check(r, "lead", "lead", id, CRM_WRITE);
	if (can_write < 0)
		return can_write;
	crm_rows *statuses = crm_db_query(r, "SELECT id, name, kind FROM lead_status WHERE funnel_id = ? ORDER BY position, id",
					  "i", crm_id(crm_rows_by(row, 0, "funnel_id")));
	if (!statuses)
		return CRM_EDB;
	int64_t ids[2] = {crm_id(crm_rows_by(row, 0, "contact_id")), crm_id(crm_rows_by(row, 0, "company_id"))};
	lead_contact *all;
	size_t n_all;
	lead_contacts(r, ids, 2, &all, &n_all);

	xmlNodePtr c = crm_page(r, "leads.card", "leads.card_title");
	xmlNodePtr info = crm_xml_add(c, "lead", NULL);
	for (size_t col = 0; col < row->n_cols; col++) {
		const char *v = crm_rows_get(row, 0, col), *name = row->cols[col];
		if (!strcmp(name, "funnel") || !strcmp(name, "status") || !strcmp(name, "source") || !strcmp(name, "reason"))
			v = v ? lead_label(r, v) : NULL;
		crm_xml_add(info, name, v);
	}
	const char *budget = crm_rows_by(row, 0, "budget");
	if (budget)
		crm_xml_add(info, "budget_shown", crm_money_text_sql(p, budget, crm_rows_by(row, 0, "currency"), crm_req_locale(r)));
	if (can_write)
		crm_xml_attr(info, "writable", "1");
	contact_xml(info, "contact", lead_contact_of(all, n_all, ids[0]), ids[0]);
	contact_xml(info, "company", lead_contact_of(all, n_all, ids[1]), ids[1]);
	int64_t product = crm_id(crm_rows_by(row, 0, "product_id"));
	if (product) {
		const char *name = lead_product_name(r, product);
		xmlNodePtr x = crm_xml_add(info, "product", name);
		crm_xml_attr_int(x, "id", product);
		if (!name)
			crm_xml_attr(x, "missing", "1");
	}
	next_step(r, id, info, crm_rows_by(row, 0, "updated_at"));
	deals_xml(r, id, info);
	xmlNodePtr st = crm_xml_add(info, "statuses", NULL);
	for (size_t i = 0; i < statuses->n_rows; i++) {
		xmlNodePtr s = crm_xml_add(st, "status", lead_label(r, crm_rows_get(statuses, i, 1)));
		crm_xml_attr(s, "id", crm_rows_get(statuses, i, 0));
		crm_xml_attr(s, "kind", crm_rows_get(statuses, i, 2));
		if (!strcmp(crm_rows_get(statuses, i, 0), crm_rows_by(row, 0, "status_id")))
			crm_xml_attr(s, "current", "1");
	}
	crm_tags_xml(r, "lead", id, info);
	crm_fields_xml(r, "lead", id, info);
	crm_files_xml(r, "lead", id, info);
	crm_history_xml(r, "lead", id, info);
	crm_page_panels(r, "lead", id);
	return 0;
}
