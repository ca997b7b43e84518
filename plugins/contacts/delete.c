/* Deleting a contact: the confirmation page, and the delete itself, both asking
 * "contact.deleting" first so that a plugin holding the contact's invoices may refuse. */
#include <stdbool.h>
#include <string.h>
#include "contacts.h"

/* Ask the subscribers; CRM_EVETO with their reason in *veto, else 0. */
static int ask(crm_req *r, int64_t id, const char *name, const char **veto)
{
	crm_event *ev = crm_event_new(r, "contact.deleting", "contact", id);
	crm_event_set(ev, "name", name);
	return crm_event_publish(r, ev, veto);
}

int contact_delete(crm_req *r, int64_t id, const char *name, const char **veto)
{
	int rc = ask(r, id, name, veto);
	if (rc < 0)
		return rc;
	return crm_record_delete(r, "contact", id, "name", name);
}

/* The refusal: the card's link and the subscriber's reason, status 409. */
static int refused(crm_req *r, int64_t id, const char *name, const char *veto)
{
	xmlNodePtr c = contacts_page(r, "contacts.delete", "contacts.delete_title");
	xmlNodePtr v = crm_xml_add(c, "vetoed", veto);
	crm_xml_attr_int(v, "id", id);
	crm_xml_attr(v, "name", name);
	crm_status(r, 409);
	return 0;
}

/* Both routes: load the contact, ask (GET) or delete (POST), and answer a refusal
 * alike; then the question page or the list. */
static int delete_step(crm_req *r, bool really)
{
	int64_t id = crm_req_arg_id(r, "id");
	int rc;
	crm_rows *row = contact_found(r, id, CRM_WRITE, &rc);
	if (!row)
		return rc;
	const char *name = crm_rows_by(row, 0, "name"), *veto = NULL;
	rc = really ? contact_delete(r, id, name, &veto) : ask(r, id, name, &veto);
	if (rc == CRM_EVETO)
		return refused(r, id, name, veto);
	if (rc < 0)
		return rc;
	if (really) {
		crm_flash(r, "ok", "contacts.deleted");
		return crm_redirect(r, "/contacts");
	}
	crm_delete_question(r, contacts_page(r, "contacts.delete", "contacts.delete_title"), "/contacts", id, name,
			    strcmp(crm_rows_by(row, 0, "kind"), "company") ? "contacts.confirm_delete"
									   : "contacts.confirm_delete_company");
	return 0;
}

int contacts_delete_confirm(crm_req *r)
{
	return delete_step(r, false);
}

int contacts_delete(crm_req *r)
{
	return delete_step(r, true);
}
