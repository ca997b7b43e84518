/* Deleting a lead: the confirmation page and the delete itself, with everything the core
 * keeps about the lead (tags, history, files, links); "lead.deleted" tells the others. */
#include <string.h>
#include "leads.h"

int lead_delete(crm_req *r, int64_t id, const char *name)
{
	if (crm_records_forget(r, "lead", id) < 0 || crm_db_exec(r, "DELETE FROM lead WHERE id = ?", "i", id) < 0 ||
	    crm_audit(r, "lead.delete", "lead", id, "name", name, NULL) < 0)
		return CRM_EDB;
	crm_event *ev = crm_event_new(r, "lead.deleted", "lead", id);
	crm_event_set(ev, "name", name);
	crm_event_publish(r, ev, NULL);
	return 0;
}

int leads_delete_confirm(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	int rc;
	crm_rows *row = lead_found(r, id, CRM_WRITE, &rc);
	if (!row)
		return rc;
	crm_pool *p = crm_req_pool(r);
	xmlNodePtr c = crm_page(r, "leads.delete", "leads.delete_title");
	xmlNodePtr q = crm_xml_add(c, "confirm", crm_rows_by(row, 0, "name"));
	crm_xml_attr(q, "action", crm_psprintf(p, "/leads/%lld/delete", (long long)id));
	crm_xml_attr(q, "question", "leads.confirm_delete");
	crm_xml_attr(q, "cancel", crm_psprintf(p, "/leads/%lld", (long long)id));
	return 0;
}

int leads_delete(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	int rc;
	crm_rows *row = lead_found(r, id, CRM_WRITE, &rc);
	if (!row)
		return rc;
	if (crm_db_begin(r) < 0 || lead_delete(r, id, crm_rows_by(row, 0, "name")) < 0 || crm_db_commit(r) < 0)
		return CRM_EDB;
	crm_flash(r, "ok", "leads.deleted");
	return crm_redirect(r, "/leads");
}
