/* Moving a lead between statuses (and funnels): the guarded UPDATE that lets exactly one
 * request qualify a lead and publish "lead.qualified", the disqualification with its
 * reason, the history items; and the card's routes that change the status. */
#include <stdlib.h>
#include <string.h>
#include "leads.h"

/* The deal an earlier qualification made, from the links the deals plugin keeps. */
static const char *linked_deal(crm_req *r, int64_t id)
{
	crm_rows *links = crm_links(r, "lead", id);
	const crm_entity_type *types[64];
	size_t n = crm_entity_types(r, types, CRM_LEN(types));
	for (size_t i = 0; links && i < links->n_rows; i++) {
		if (strcmp(crm_rows_get(links, i, 0), "deal"))
			continue;
		for (size_t k = 0; k < n; k++)
			if (!strcmp(types[k]->name, "deal") && types[k]->url)
				return crm_psprintf(crm_req_pool(r), types[k]->url, (long long)crm_id(crm_rows_get(links, i, 1)));
	}
	return NULL;
}

/* Publish "lead.qualified" for the lead as it now is; the deal's url from the answer. */
static int publish_qualified(crm_req *r, const crm_rows *lead, lead_moved *out, const char **err_key)
{
	crm_pool *p = crm_req_pool(r);
	int64_t id = crm_id(crm_rows_by(lead, 0, "id"));
	const char *budget = crm_rows_by(lead, 0, "budget");
	crm_event *ev = crm_event_new(r, "lead.qualified", "lead", id);
	crm_event_set(ev, "name", crm_rows_by(lead, 0, "name"));
	static const char *const ids[][2] = {
		{"contact_id", "contact_id"}, {"company_id", "company_id"}, {"product_id", "product_id"},
		{"manager_id", "owner_id"},
	};
	for (size_t i = 0; i < CRM_LEN(ids); i++) {
		const char *v = crm_rows_by(lead, 0, ids[i][1]);
		crm_event_set(ev, ids[i][0], v ? v : "");
	}
	crm_event_set(ev, "budget", budget ? crm_money_plain(p, strtoll(budget, NULL, 10), crm_rows_by(lead, 0, "currency")) : "");
	crm_event_set(ev, "currency", crm_rows_by(lead, 0, "currency"));
	const char *d = crm_rows_by(lead, 0, "description");
	crm_event_set(ev, "description", d ? d : "");
	const char *veto = NULL;
	if (crm_event_publish(r, ev, &veto) == CRM_EVETO) {
		*err_key = veto;
		return CRM_EVETO;
	}
	for (xmlNodePtr c = crm_event_result(ev)->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "deal"))
			continue;
		xmlChar *url = xmlGetProp(c, BAD_CAST "url");
		if (url && url[0] == '/')
			out->deal_url = crm_pstrdup(p, (const char *)url);
		xmlFree(url);
	}
	return 0;
}

int lead_move(crm_req *r, const crm_rows *lead, int64_t to, int64_t funnel_id, int64_t reason_id,
	      lead_moved *out, const char **err_key)
{
	crm_pool *p = crm_req_pool(r);
	memset(out, 0, sizeof *out);
	int64_t id = crm_id(crm_rows_by(lead, 0, "id"));
	int64_t cur_funnel = crm_id(crm_rows_by(lead, 0, "funnel_id"));
	int64_t cur = crm_id(crm_rows_by(lead, 0, "status_id"));
	if (!funnel_id)
		funnel_id = cur_funnel;
	crm_rows *st = crm_db_query(r,
		"SELECT s.name, s.kind, f.name FROM lead_status s JOIN lead_funnel f ON f.id = s.funnel_id "
		"WHERE s.id = ? AND s.funnel_id = ?", "ii", to, funnel_id);
	if (!st)
		return CRM_EDB;
	if (!st->n_rows) {
		*err_key = "leads.status_invalid";
		return CRM_EINVAL;
	}
	const char *kind = crm_rows_get(st, 0, 1);
	bool qualified = !strcmp(kind, "qualified"), disqualified = !strcmp(kind, "disqualified");
	const char *reason = NULL;
	if (disqualified) {
		crm_rows *rs = reason_id ? crm_db_query(r, "SELECT name FROM lead_reason WHERE id = ?", "i", reason_id) : NULL;
		if (reason_id && !rs)
			return CRM_EDB;
		if (!rs || !rs->n_rows) {
			*err_key = "leads.reason_required";
			return CRM_EINVAL;
		}
		reason = lead_label(r, crm_rows_get(rs, 0, 0));
	}
	if (to == cur) {
		if (qualified)
			out->deal_url = linked_deal(r, id);
		return 0;
	}
	/* Two requests moving the lead at once: the second waits for the first's row lock,
	 * then finds the status already set and changes nothing, so only one publishes. */
	int64_t n = crm_db_exec(r, "UPDATE lead SET status_id = ?, funnel_id = ?, reason_id = NULLIF(?, 0) "
				   "WHERE id = ? AND status_id <> ?", "iiiii", to, funnel_id,
				disqualified ? reason_id : 0, id, to);
	if (n < 0)
		return CRM_EDB;
	if (n == 0) {
		if (qualified)
			out->deal_url = linked_deal(r, id);
		return 0;
	}
	out->changed = true;
	const char *was = lead_label(r, crm_rows_by(lead, 0, "status"));
	const char *now = lead_label(r, crm_rows_get(st, 0, 0));
	const char *text = crm_psprintf(p, "%s: %s → %s", crm_t(r, "leads.col.status"), was, now);
	if (funnel_id != cur_funnel)
		text = crm_psprintf(p, "%s; %s: %s", text, crm_t(r, "leads.col.funnel"), lead_label(r, crm_rows_get(st, 0, 2)));
	if (reason)
		text = crm_psprintf(p, "%s; %s: %s", text, crm_t(r, "leads.reason"), reason);
	const char *note = crm_input(r, "note");
	if (disqualified && *note && crm_utf8_chars(note) <= 1000)
		text = crm_psprintf(p, "%s. %s", text, note);
	if (lead_history(r, id, "changed", text) < 0)
		return CRM_EDB;
	if (!qualified)
		return 0;
	out->qualified = true;
	/* The deal is made from the lead as it is now: re-read it inside the transaction. */
	int rc;
	crm_rows *now_row = lead_load(r, id, CRM_READ, &rc);
	if (!now_row)
		return rc < 0 ? rc : CRM_EDB;
	return publish_qualified(r, now_row, out, err_key);
}

int lead_moved_answer(crm_req *r, int64_t id, const lead_moved *m)
{
	const char *card = crm_psprintf(crm_req_pool(r), "/leads/%lld", (long long)id);
	if (m->qualified) {
		crm_flash(r, "ok", m->deal_url ? "leads.qualified_deal" : "leads.qualified_no_deal");
		return crm_redirect(r, m->deal_url ? m->deal_url : card);
	}
	if (!m->changed && m->deal_url) {
		crm_flash(r, "ok", "leads.already_qualified");
		return crm_redirect(r, m->deal_url);
	}
	crm_flash(r, "ok", m->changed ? "leads.status_changed" : "leads.status_same");
	return crm_redirect(r, card);
}

/* Load, move in a transaction of its own, answer: the card's routes share this. */
static int move_and_answer(crm_req *r, const crm_rows *lead, int64_t to, int64_t reason_id)
{
	int64_t id = crm_id(crm_rows_by(lead, 0, "id"));
	lead_moved m;
	const char *err = NULL;
	if (crm_db_begin(r) < 0)
		return CRM_EDB;
	int rc = lead_move(r, lead, to, 0, reason_id, &m, &err);
	if (rc == CRM_EINVAL && err && !strcmp(err, "leads.reason_required")) {
		crm_db_rollback(r);
		crm_flash(r, "error", err);
		return crm_redirect(r, crm_psprintf(crm_req_pool(r), "/leads/%lld/disqualify?to=%lld", (long long)id,
						    (long long)to));
	}
	if (rc == CRM_EINVAL || rc == CRM_EVETO) {
		crm_db_rollback(r);
		crm_flash(r, "error", err ? err : "leads.status_invalid");
		return crm_redirect(r, crm_psprintf(crm_req_pool(r), "/leads/%lld", (long long)id));
	}
	if (rc < 0 || crm_db_commit(r) < 0)
		return CRM_EDB;
	return lead_moved_answer(r, id, &m);
}

int leads_status(crm_req *r)
{
	int rc;
	crm_rows *lead = lead_found(r, crm_req_arg_id(r, "id"), CRM_WRITE, &rc);
	if (!lead)
		return rc;
	return move_and_answer(r, lead, crm_id(crm_input(r, "to")), crm_id(crm_input(r, "reason_id")));
}

/* A funnel's status of one final kind. */
static int64_t final_status(crm_req *r, int64_t funnel_id, const char *kind, int *rc)
{
	crm_rows *s = crm_db_query(r, "SELECT id FROM lead_status WHERE funnel_id = ? AND kind = ? ORDER BY position, id LIMIT 1",
				   "is", funnel_id, kind);
	*rc = s ? 0 : CRM_EDB;
	return s && s->n_rows ? crm_id(crm_rows_get(s, 0, 0)) : 0;
}

int leads_qualify(crm_req *r)
{
	int rc;
	crm_rows *lead = lead_found(r, crm_req_arg_id(r, "id"), CRM_WRITE, &rc);
	if (!lead)
		return rc;
	int64_t to = final_status(r, crm_id(crm_rows_by(lead, 0, "funnel_id")), "qualified", &rc);
	if (rc < 0)
		return rc;
	return move_and_answer(r, lead, to, 0);
}

/* The disqualification form: the reason (required) and a note for the history. */
static int disqualify_page(crm_req *r, const crm_rows *lead, int64_t to, int64_t reason_id, const char *error)
{
	crm_pool *p = crm_req_pool(r);
	int64_t id = crm_id(crm_rows_by(lead, 0, "id"));
	crm_rows *reasons = crm_db_query(r, "SELECT id, name FROM lead_reason ORDER BY position, id", "");
	if (!reasons)
		return CRM_EDB;
	xmlNodePtr c = crm_page(r, "leads.disqualify", "leads.disqualify_title");
	xmlNodePtr info = crm_xml_add(c, "lead", NULL);
	crm_xml_attr_int(info, "id", id);
	crm_xml_attr(info, "name", crm_rows_by(lead, 0, "name"));
	xmlNodePtr form = crm_form(c, crm_psprintf(p, "/leads/%lld/disqualify", (long long)id));
	crm_xml_attr(form, "id", "disqualify");
	if (to)
		crm_form_field(form, "to", NULL, "hidden", lead_id_text(r, to));
	xmlNodePtr f = crm_form_field(form, "reason_id", "leads.reason", "select", lead_id_text(r, reason_id));
	crm_xml_attr(f, "required", "1");
	crm_xml_attr(f, "error", error);
	crm_xml_attr(crm_xml_add(f, "option", "leads.choose_reason"), "value", "");
	for (size_t i = 0; i < reasons->n_rows; i++)
		crm_xml_attr(crm_xml_add(f, "option", lead_label(r, crm_rows_get(reasons, i, 1))), "value",
			     crm_rows_get(reasons, i, 0));
	f = crm_form_field(form, "note", "leads.disqualify_note", "textarea", crm_input(r, "note"));
	crm_xml_attr(f, "rows", "2");
	crm_xml_attr(f, "maxlength", "1000");
	crm_xml_attr(crm_form_submit(form, "leads.disqualify"), "kind", "danger");
	crm_xml_attr(crm_xml_add(form, "cancel", NULL), "href", crm_psprintf(p, "/leads/%lld", (long long)id));
	if (error) {
		crm_status(r, 422);
		crm_xml_attr(form, "error", "core.form_errors");
	}
	return 0;
}

int leads_disqualify_form(crm_req *r)
{
	int rc;
	crm_rows *lead = lead_found(r, crm_req_arg_id(r, "id"), CRM_WRITE, &rc);
	if (!lead)
		return rc;
	return disqualify_page(r, lead, crm_id(crm_req_query(r, "to")), 0, NULL);
}

int leads_disqualify(crm_req *r)
{
	int rc;
	crm_rows *lead = lead_found(r, crm_req_arg_id(r, "id"), CRM_WRITE, &rc);
	if (!lead)
		return rc;
	int64_t to = crm_id(crm_input(r, "to"));
	if (!to)
		to = final_status(r, crm_id(crm_rows_by(lead, 0, "funnel_id")), "disqualified", &rc);
	if (rc < 0)
		return rc;
	int64_t reason = crm_id(crm_input(r, "reason_id"));
	const char *note = crm_input(r, "note");
	if (!reason)
		return disqualify_page(r, lead, to, 0, "leads.reason_required");
	if (crm_utf8_chars(note) > 1000)
		return disqualify_page(r, lead, to, reason, "leads.note_too_long");
	return move_and_answer(r, lead, to, reason);
}
