/* What leads answer other plugins: "lead.find" (a caller's number or a sender's address),
 * "lead.create" (a lead from a call or an email), "lead.attach" (a call or an email filed
 * on a lead); and the contacts plugin's "contact.deleted" and "contact.merged", which keep
 * the leads' contact and company ids current. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "leads.h"

/* Leads found at most for one number or address. */
#define FIND_MAX 50

int leads_on_find(crm_req *r, crm_event *ev)
{
	crm_pool *p = crm_req_pool(r);
	const char *phone = crm_event_get(ev, "phone"), *email = crm_event_get(ev, "email");
	const char *key, *col;
	if (phone && *phone) {
		key = crm_phone_e164(r, phone, NULL);
		col = "l.phone_e164";
	} else if (email && *email) {
		key = crm_email_norm(p, email);
		col = "l.email";
	} else {
		return 0;
	}
	if (!key || !*key || strlen(key) > 254)
		return 0;
	const char *sql = crm_psprintf(p,
		"SELECT l.id, l.name, l.company_id, s.name, f.name FROM lead l JOIN lead_status s ON s.id = l.status_id "
		"JOIN lead_funnel f ON f.id = l.funnel_id WHERE %s = ? AND %s ORDER BY l.created_at DESC, l.id DESC LIMIT %d",
		col, crm_access_sql(r, "l", "lead", CRM_READ), FIND_MAX);
	crm_rows *rows = crm_db_query(r, sql, "si", key, crm_req_user(r));
	if (!rows)
		return CRM_EDB;
	/* The candidates' companies, so a person tells them apart (COM-8): one event. */
	int64_t *cids = crm_palloc(p, (rows->n_rows + 1) * sizeof *cids);
	for (size_t i = 0; i < rows->n_rows; i++)
		cids[i] = crm_id(crm_rows_get(rows, i, 2));
	lead_contact *all;
	size_t n_all;
	lead_contacts(r, cids, rows->n_rows, &all, &n_all);
	xmlNodePtr res = crm_event_result(ev);
	for (size_t i = 0; i < rows->n_rows; i++) {
		const lead_contact *co = lead_contact_of(all, n_all, cids[i]);
		xmlNodePtr n = crm_xml_add(res, "lead", NULL);
		crm_xml_attr(n, "id", crm_rows_get(rows, i, 0));
		crm_xml_attr(n, "name", crm_rows_get(rows, i, 1));
		crm_xml_attr(n, "url", crm_psprintf(p, "/leads/%s", crm_rows_get(rows, i, 0)));
		crm_xml_attr(n, "company", co ? co->name : "");
		crm_xml_attr(n, "status", lead_label(r, crm_rows_get(rows, i, 3)));
		crm_xml_attr(n, "funnel", lead_label(r, crm_rows_get(rows, i, 4)));
	}
	return 0;
}

int64_t lead_insert(crm_req *r, const char *name, int64_t funnel_id, int64_t status_id, const char *phone,
		    const char *email, int64_t source_id, const char *description, int64_t owner_id)
{
	const char *e164 = phone && *phone ? crm_phone_e164(r, phone, NULL) : NULL;
	if (crm_db_exec(r, "INSERT INTO lead (name, funnel_id, status_id, phone, phone_e164, email, source_id, currency, "
			   "description, owner_id) VALUES (?, ?, ?, ?, ?, ?, NULLIF(?, 0), ?, ?, ?)",
			"siisssissi", name, funnel_id, status_id, phone ? phone : "", e164, email ? email : "", source_id,
			crm_currency_default(r), description && *description ? description : NULL, owner_id) < 0)
		return CRM_EDB;
	int64_t id = crm_db_last_id(r);
	if (lead_history(r, id, "created", name) < 0)
		return CRM_EDB;
	return id;
}

/* "lead.create": name, phone, email, source (by name), description, funnel_id. A lead
 * from a call may come with its number only: the number names it until someone does. */
int leads_on_create(crm_req *r, crm_event *ev)
{
	crm_pool *p = crm_req_pool(r);
	if (!crm_req_user(r) || !crm_req_can(r, "leads.edit")) {
		crm_event_veto(ev, "core.forbidden");
		return 0;
	}
	const char *name = crm_trim(p, crm_event_get(ev, "name")), *phone = crm_trim(p, crm_event_get(ev, "phone"));
	const char *email = crm_email_norm(p, crm_event_get(ev, "email"));
	const char *source = crm_trim(p, crm_event_get(ev, "source")), *desc = crm_event_get(ev, "description");
	const char *funnel_arg = crm_trim(p, crm_event_get(ev, "funnel_id"));
	if (!*name)
		name = *phone ? phone : email;
	if (!*name) {
		crm_event_veto(ev, "leads.name_required");
		return 0;
	}
	if (crm_utf8_chars(name) > 255 || !crm_one_line(name)) {
		crm_event_veto(ev, "leads.too_long_255");
		return 0;
	}
	if (*phone && !crm_phone_ok(phone)) {
		crm_event_veto(ev, "leads.phone_invalid");
		return 0;
	}
	if (*email && !crm_email_ok(email)) {
		crm_event_veto(ev, "leads.email_invalid");
		return 0;
	}
	if (desc && crm_utf8_chars(desc) > 10000) {
		crm_event_veto(ev, "leads.too_long_10000");
		return 0;
	}
	int64_t funnel = *funnel_arg ? crm_id(funnel_arg) : lead_first_funnel(r);
	int64_t status = funnel ? lead_first_status(r, funnel) : 0;
	if (!status) {
		crm_event_veto(ev, "leads.funnel_required");
		return 0;
	}
	int64_t source_id = 0;
	if (*source) {
		/* An admin's name or a seeded one as people read it, in their language. */
		crm_rows *rows = crm_db_query(r, "SELECT id, name FROM lead_source ORDER BY position, id", "");
		if (!rows)
			return CRM_EDB;
		for (size_t i = 0; i < rows->n_rows && !source_id; i++)
			if (!strcasecmp(crm_rows_get(rows, i, 1), source) || !strcasecmp(lead_label(r, crm_rows_get(rows, i, 1)), source))
				source_id = crm_id(crm_rows_get(rows, i, 0));
		if (!source_id) {
			crm_event_veto(ev, "leads.source_invalid");
			return 0;
		}
	}
	int64_t id = lead_insert(r, name, funnel, status, phone, email, source_id, desc, crm_req_user(r));
	if (id < 0)
		return (int)id;
	xmlNodePtr n = crm_xml_add(crm_event_result(ev), "lead", NULL);
	crm_xml_attr_int(n, "id", id);
	crm_xml_attr(n, "url", crm_psprintf(p, "/leads/%lld", (long long)id));
	return 0;
}

/* History categories an attached item may file under; anything else is a note. */
static const char *category_of(const char *entity)
{
	static const char *const known[] = {"call", "email", "meeting", "task"};
	for (size_t i = 0; i < CRM_LEN(known); i++)
		if (!strcmp(entity, known[i]))
			return known[i];
	return "note";
}

/* "lead.attach": entity, record_id, title on lead id; the lead must be writable. */
int leads_on_attach(crm_req *r, crm_event *ev)
{
	crm_pool *p = crm_req_pool(r);
	int64_t id = crm_event_id(ev);
	const char *entity = crm_trim(p, crm_event_get(ev, "entity")), *title = crm_trim(p, crm_event_get(ev, "title"));
	int64_t record = crm_id(crm_event_get(ev, "record_id"));
	int w = id > 0 ? crm_access_check(r, "lead", "lead", id, CRM_WRITE) : 0;
	if (w < 0)
		return w;
	if (!w) {
		crm_event_veto(ev, "leads.attach_not_writable");
		return 0;
	}
	if (!*entity || !record || crm_utf8_chars(title) > 500) {
		crm_event_veto(ev, "leads.attach_invalid");
		return 0;
	}
	if (crm_link_add(r, "lead", id, entity, record) < 0) {
		crm_event_veto(ev, "leads.attach_invalid");
		return 0;
	}
	/* The item's own page, when its type is known. */
	const crm_entity_type *types[64];
	size_t n = crm_entity_types(r, types, CRM_LEN(types));
	const char *url = NULL;
	for (size_t k = 0; k < n; k++)
		if (!strcmp(types[k]->name, entity) && types[k]->url)
			url = crm_psprintf(p, types[k]->url, (long long)record);
	int64_t rc = crm_history_add(r, "lead", id, category_of(entity), *title ? title : crm_t(r, "leads.attached"), url);
	return rc < 0 ? (int)rc : 0;
}

int leads_on_contact_deleted(crm_req *r, crm_event *ev)
{
	int64_t id = crm_event_id(ev);
	if (crm_db_exec(r, "UPDATE lead SET contact_id = NULL WHERE contact_id = ?", "i", id) < 0 ||
	    crm_db_exec(r, "UPDATE lead SET company_id = NULL WHERE company_id = ?", "i", id) < 0)
		return CRM_EDB;
	return 0;
}

int leads_on_contact_merged(crm_req *r, crm_event *ev)
{
	int64_t from = crm_id(crm_event_get(ev, "from")), into = crm_id(crm_event_get(ev, "into"));
	if (!from || !into)
		return 0;
	if (crm_db_exec(r, "UPDATE lead SET contact_id = ? WHERE contact_id = ?", "ii", into, from) < 0 ||
	    crm_db_exec(r, "UPDATE lead SET company_id = ? WHERE company_id = ?", "ii", into, from) < 0)
		return CRM_EDB;
	return 0;
}
