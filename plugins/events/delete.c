/* Deleting an event: the confirmation page, then the event with its participants,
 * planned items and everything the core keeps about it (tags, history, files, links). */
#include "events.h"

int events_delete_confirm(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	int64_t id = crm_req_arg_id(r, "id");
	int rc;
	crm_rows *row = event_found(r, id, CRM_WRITE, &rc);
	if (!row)
		return rc;
	xmlNodePtr c = crm_page(r, "events.delete", "events.delete_title");
	xmlNodePtr q = crm_xml_add(c, "confirm", crm_rows_by(row, 0, "name"));
	crm_xml_attr(q, "action", crm_psprintf(p, "/events/%lld/delete", (long long)id));
	crm_xml_attr(q, "question", "events.confirm_delete");
	crm_xml_attr(q, "cancel", crm_psprintf(p, "/events/%lld", (long long)id));
	return 0;
}

int events_delete(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	int rc;
	crm_rows *row = event_found(r, id, CRM_WRITE, &rc);
	if (!row)
		return rc;
	const char *name = crm_rows_by(row, 0, "name");
	/* Participants and planned items go with the row (foreign keys). */
	if (crm_db_begin(r) < 0 || crm_records_forget(r, "event", id) < 0 ||
	    crm_db_exec(r, "DELETE FROM event_item WHERE id = ?", "i", id) < 0 ||
	    crm_audit(r, "event.delete", "event", id, "name", name, NULL) < 0 || crm_db_commit(r) < 0)
		return CRM_EDB;
	/* For plugins that keep their own rows about events (tasks linked to one). */
	crm_event *ev = crm_event_new(r, "event.deleted", "event", id);
	crm_event_set(ev, "name", name);
	crm_event_publish(r, ev, NULL);
	crm_flash(r, "ok", "events.deleted_ok");
	return crm_redirect(r, "/events");
}
