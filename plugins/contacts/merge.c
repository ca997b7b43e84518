/* Merging one contact into another: the target keeps its values and takes the source's
 * where it has none, gains the source's items and people, and the core's tags, history,
 * files and links; the source is deleted, all in one transaction. */
#include <stdlib.h>
#include <string.h>
#include "contacts.h"

/* The source's items as a contact_in, so the insert that skips duplicates serves. */
static int source_items(crm_req *r, int64_t id, contact_in *c)
{
	crm_rows *rows = crm_db_query(r,
		"SELECT 'e', email, kind, position FROM contact_email WHERE contact_id = ? "
		"UNION ALL SELECT 'p', typed, kind, position FROM contact_phone WHERE contact_id = ? "
		"UNION ALL SELECT 'l', url, kind, position FROM contact_link WHERE contact_id = ? "
		"UNION ALL SELECT 'a', address, kind, position FROM contact_address WHERE contact_id = ? "
		"ORDER BY 1, 4", "iiii", id, id, id, id);
	if (!rows)
		return CRM_EDB;
	for (size_t i = 0; i < rows->n_rows; i++) {
		char t = *crm_rows_get(rows, i, 0);
		const char *v = crm_rows_get(rows, i, 1), *k = crm_rows_get(rows, i, 2);
		if (t == 'e' && c->n_emails < CONTACT_MAX_ITEMS) {
			c->emails[c->n_emails] = v;
			c->email_kinds[c->n_emails++] = k;
		} else if (t == 'p' && c->n_phones < CONTACT_MAX_ITEMS) {
			c->phones[c->n_phones] = v;
			c->phone_kinds[c->n_phones++] = k;
		} else if (t == 'l' && c->n_links < CONTACT_MAX_ITEMS) {
			c->links[c->n_links] = v;
			c->link_kinds[c->n_links++] = k;
		} else if (t == 'a' && c->n_addresses < CONTACT_MAX_ITEMS) {
			c->addresses[c->n_addresses] = v;
			c->address_kinds[c->n_addresses++] = k;
		}
	}
	return 0;
}

int contact_merge(crm_req *r, int64_t from_id, int64_t into_id, const char **veto)
{
	crm_pool *p = crm_req_pool(r);
	if (crm_db_begin(r) < 0)
		return CRM_EDB;
	crm_rows *both = crm_db_query(r, "SELECT id, name FROM contact WHERE id IN (?, ?) ORDER BY id = ? FOR UPDATE", "iii",
				      from_id, into_id, from_id);
	if (!both)
		return CRM_EDB;
	if (both->n_rows != 2) {
		crm_db_rollback(r);
		return CRM_ENOTFOUND;
	}
	const char *from_name = crm_rows_get(both, 1, 1);
	/* Empty fields of the target take the source's; a person keeps no company that is
	 * the source itself. */
	if (crm_db_exec(r, "UPDATE contact t JOIN contact f ON f.id = ? SET "
			   "t.job_title = IF(t.job_title = '', f.job_title, t.job_title), "
			   "t.company_id = IFNULL(t.company_id, IF(f.company_id = t.id, NULL, f.company_id)), "
			   "t.type_id = IFNULL(t.type_id, f.type_id), "
			   "t.temperature_id = IFNULL(t.temperature_id, f.temperature_id), "
			   "t.currency = IF(t.currency = '', f.currency, t.currency), "
			   "t.description = IF(IFNULL(t.description, '') = '', f.description, t.description) "
			   "WHERE t.id = ?", "ii", from_id, into_id) < 0)
		return CRM_EDB;
	contact_in items = {0};
	contact_existing have;
	if (source_items(r, from_id, &items) < 0 || contact_existing_load(r, into_id, &have) < 0 ||
	    contact_insert_items(r, into_id, &items, &have) < 0)
		return CRM_EDB;
	/* The source company's people now belong to the target. */
	if (crm_db_exec(r, "UPDATE contact SET company_id = ? WHERE company_id = ? AND id <> ?", "iii", into_id, from_id,
			into_id) < 0 ||
	    crm_db_exec(r, "UPDATE contact SET company_id = NULL WHERE id = ? AND company_id = ?", "ii", into_id, from_id) < 0)
		return CRM_EDB;
	if (crm_records_merge(r, "contact", from_id, into_id) < 0)
		return CRM_EDB;
	crm_event *ev = crm_event_new(r, "contact.merged", "contact", into_id);
	crm_event_set(ev, "from", crm_psprintf(p, "%lld", (long long)from_id));
	crm_event_set(ev, "into", crm_psprintf(p, "%lld", (long long)into_id));
	if (crm_event_publish(r, ev, veto) == CRM_EVETO) {
		crm_db_rollback(r);
		return CRM_EVETO;
	}
	if (crm_records_forget(r, "contact", from_id) < 0 ||
	    crm_db_exec(r, "DELETE FROM contact WHERE id = ?", "i", from_id) < 0 ||
	    contact_history(r, into_id, "changed", crm_psprintf(p, "%s: %s", crm_t(r, "contacts.merged_from"), from_name)) < 0 ||
	    crm_audit(r, "contact.merge", "contact", into_id, "from", crm_psprintf(p, "%lld", (long long)from_id), from_name) < 0 ||
	    crm_db_commit(r) < 0)
		return CRM_EDB;
	return 0;
}

/* Both contacts, writable by the user and of one kind: 1, or what the handler answers. */
static int load_pair(crm_req *r, int64_t from, int64_t into, crm_rows **a, crm_rows **b)
{
	int rc;
	*a = contact_found(r, from, CRM_WRITE, &rc);
	if (!*a)
		return rc;
	*b = NULL;
	if (from == into)
		return crm_error(r, 404, "core.not_found");
	*b = contact_found(r, into, CRM_WRITE, &rc);
	if (!*b)
		return rc;
	if (strcmp(crm_rows_by(*a, 0, "kind"), crm_rows_by(*b, 0, "kind"))) {
		crm_flash(r, "error", "contacts.merge_kind");
		crm_redirect(r, crm_psprintf(crm_req_pool(r), "/contacts/%lld", (long long)from));
		return 0;
	}
	return 1;
}

static int64_t num(const char *s)
{
	return s ? strtoll(s, NULL, 10) : 0;
}

int contacts_merge_confirm(crm_req *r)
{
	int64_t from = crm_req_arg_id(r, "id"), into = num(crm_req_query(r, "into"));
	crm_rows *a, *b;
	int ok = load_pair(r, from, into, &a, &b);
	if (ok <= 0)
		return ok;
	crm_pool *p = crm_req_pool(r);
	xmlNodePtr c = contacts_page(r, "contacts.merge", "contacts.merge_title");
	xmlNodePtr m = crm_xml_add(c, "merge", NULL);
	crm_xml_attr(m, "from", crm_rows_by(a, 0, "id"));
	crm_xml_attr(m, "from_name", crm_rows_by(a, 0, "name"));
	crm_xml_attr(m, "into", crm_rows_by(b, 0, "id"));
	crm_xml_attr(m, "into_name", crm_rows_by(b, 0, "name"));
	xmlNodePtr f = crm_form(m, crm_psprintf(p, "/contacts/%lld/merge", (long long)from));
	crm_form_field(f, "into", NULL, "hidden", crm_rows_by(b, 0, "id"));
	crm_xml_attr(crm_form_submit(f, "contacts.merge_submit"), "kind", "danger");
	crm_xml_attr(crm_xml_add(f, "cancel", NULL), "href", crm_psprintf(p, "/contacts/%lld", (long long)from));
	return 0;
}

int contacts_merge(crm_req *r)
{
	int64_t from = crm_req_arg_id(r, "id"), into = num(crm_req_form(r, "into"));
	crm_rows *a, *b;
	int ok = load_pair(r, from, into, &a, &b);
	if (ok <= 0)
		return ok;
	const char *veto = NULL;
	int rc = contact_merge(r, from, into, &veto);
	if (rc == CRM_ENOTFOUND)
		return crm_error(r, 404, "core.not_found");
	if (rc == CRM_EVETO) {
		xmlNodePtr c = contacts_page(r, "contacts.merge", "contacts.merge_title");
		xmlNodePtr v = crm_xml_add(c, "vetoed", veto);
		crm_xml_attr(v, "id", crm_rows_by(a, 0, "id"));
		crm_xml_attr(v, "name", crm_rows_by(a, 0, "name"));
		crm_status(r, 409);
		return 0;
	}
	if (rc < 0)
		return rc;
	crm_flash(r, "ok", "contacts.merged");
	return crm_redirect(r, crm_psprintf(crm_req_pool(r), "/contacts/%lld", (long long)into));
}
