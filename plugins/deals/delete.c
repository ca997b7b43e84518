/* Deleting a deal: the confirmation page, then the deal and everything the core keeps
 * about it (tags, history, custom values, links, files, readers) in one transaction. */
#include <stdbool.h>
#include <string.h>
#include "deals.h"

int deal_delete(crm_req *r, int64_t id, const char *name)
{
	if (crm_db_begin(r) < 0 || crm_records_forget(r, "deal", id) < 0 ||
	    crm_db_exec(r, "DELETE FROM deal WHERE id = ?", "i", id) < 0 ||
	    crm_audit(r, "deal.delete", "deal", id, "name", name, NULL) < 0 || crm_db_commit(r) < 0)
		return CRM_EDB;
	/* Plugins pointing at the deal (tasks, events) let go of it. */
	crm_event *ev = crm_event_new(r, "deal.deleted", "deal", id);
	crm_event_set(ev, "name", name);
	crm_event_publish(r, ev, NULL);
	return 0;
}

int deals_delete_confirm(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	int64_t id = crm_req_arg_id(r, "id");
	int rc;
	crm_rows *row = deal_found(r, id, CRM_WRITE, &rc);
	if (!row)
		return rc;
	xmlNodePtr c = crm_page(r, "deals.delete", "deals.delete_title");
	xmlNodePtr q = crm_xml_add(c, "confirm", crm_rows_by(row, 0, "name"));
	crm_xml_attr(q, "action", crm_psprintf(p, "/deals/%lld/delete", (long long)id));
	crm_xml_attr(q, "question", "deals.confirm_delete");
	crm_xml_attr(q, "cancel", crm_psprintf(p, "/deals/%lld", (long long)id));
	return 0;
}

int deals_delete(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	int rc;
	crm_rows *row = deal_found(r, id, CRM_WRITE, &rc);
	if (!row)
		return rc;
	if (deal_delete(r, id, crm_rows_by(row, 0, "name")) < 0)
		return CRM_EDB;
	crm_flash(r, "ok", "deals.deleted");
	return crm_redirect(r, "/deals");
}
