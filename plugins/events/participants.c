/* An event's participants: adding one typed on the card (crm_pick), removing one, the
 * contacts plugin's deletions and merges, and the "Events" panel on a contact's card. */
#include <stdlib.h>
#include <string.h>
#include "events.h"

/* Events listed on a contact's card. */
#define PANEL_MAX 20

static void free_node(void *n)
{
	xmlFreeNode(n);
}

/* The name of a contact the user may read, or NULL. */
static const char *contact_name(crm_req *r, int64_t cid)
{
	crm_event *ev = crm_event_new(r, "contact.describe", "contact", 0);
	crm_event_set(ev, "ids", crm_psprintf(crm_req_pool(r), "%lld", (long long)cid));
	crm_event_publish(r, ev, NULL);
	for (xmlNodePtr c = crm_event_result(ev)->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		xmlChar *v = xmlGetProp(c, BAD_CAST "name");
		const char *name = v ? crm_pstrdup(crm_req_pool(r), (const char *)v) : NULL;
		xmlFree(v);
		return name;
	}
	return NULL;
}

int events_participant_add(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	int64_t id = crm_req_arg_id(r, "id");
	int rc;
	crm_rows *row = event_found(r, id, CRM_WRITE, &rc);
	if (!row)
		return rc;
	const char *typed = crm_input(r, "contact"), *err = NULL;
	/* Candidates crm_pick finds go under a detached field until the page needs it. */
	xmlNodePtr pick = xmlNewNode(NULL, BAD_CAST "field");
	crm_pool_cleanup(p, free_node, pick);
	int64_t cid = strlen(typed) > 200 ? 0 : event_pick_contact(r, "contact", typed, pick, &err);
	if (cid < 0 && !err)
		return (int)cid;
	if (!err && strlen(typed) > 200)
		err = "events.contact_not_found";
	else if (!cid && !err)
		err = "events.contact_required";
	if (!err) {
		crm_rows *n = crm_db_query(r, "SELECT COUNT(*) FROM event_participant WHERE event_id = ?", "i", id);
		if (!n)
			return CRM_EDB;
		if (crm_id(crm_rows_get(n, 0, 0)) >= EVENT_PARTICIPANTS_MAX)
			err = "events.too_many_participants";
	}
	if (err) {
		xmlNodePtr c = crm_page(r, "events.participant", "events.add_participant");
		xmlNodePtr info = crm_xml_add(c, "event", NULL);
		crm_xml_attr(info, "id", crm_rows_by(row, 0, "id"));
		crm_xml_attr(info, "name", crm_rows_by(row, 0, "name"));
		xmlNodePtr f = crm_form(c, crm_psprintf(p, "/events/%lld/participants", (long long)id));
		crm_xml_attr(f, "error", "core.form_errors");
		xmlNodePtr x = crm_form_field(f, "contact", "events.add_participant", "text", typed);
		crm_xml_attr(x, "maxlength", "200");
		crm_xml_attr(x, "hint", "events.participant_hint");
		crm_xml_attr(x, "error", err);
		while (pick->children) {
			xmlNodePtr o = pick->children;
			xmlUnlinkNode(o);
			xmlAddChild(x, o);
		}
		crm_form_submit(f, "events.add");
		xmlNodePtr cancel = crm_xml_add(f, "cancel", NULL);
		crm_xml_attr(cancel, "href", crm_psprintf(p, "/events/%lld", (long long)id));
		crm_status(r, 422);
		return 0;
	}
	const char *name = contact_name(r, cid);
	if (crm_db_begin(r) < 0)
		return CRM_EDB;
	int64_t added = crm_db_exec(r, "INSERT IGNORE INTO event_participant (event_id, contact_id) VALUES (?, ?)", "ii",
				    id, cid);
	if (added < 0)
		return CRM_EDB;
	if (added == 1) {
		const char *ev_name = crm_rows_by(row, 0, "name"), *vis = crm_rows_by(row, 0, "visibility");
		/* Whoever reads the contact reads its history: a private or restricted event's
		 * name stays out of it. */
		bool shown = strcmp(vis, CRM_VIS_PRIVATE) && strcmp(vis, CRM_VIS_RESTRICTED);
		if (crm_history_add(r, "event", id, "changed",
				    crm_psprintf(p, "%s: %s", crm_t(r, "events.history_added"), name ? name : ""), NULL) < 0 ||
		    (shown && crm_history_add(r, "contact", cid, "changed",
					      crm_psprintf(p, "%s: %s", crm_t(r, "events.history_participant"), ev_name),
					      crm_psprintf(p, "/events/%lld", (long long)id)) < 0))
			return CRM_EDB;
	}
	if (crm_db_commit(r) < 0)
		return CRM_EDB;
	crm_flash(r, "ok", added == 1 ? "events.participant_added" : "events.participant_already");
	return crm_redirect(r, crm_psprintf(p, "/events/%lld#participants", (long long)id));
}

int events_participant_remove(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	int64_t id = crm_req_arg_id(r, "id"), cid = crm_req_arg_id(r, "contact");
	int rc;
	crm_rows *row = event_found(r, id, CRM_WRITE, &rc);
	if (!row)
		return rc;
	const char *name = contact_name(r, cid);
	if (crm_db_begin(r) < 0)
		return CRM_EDB;
	int64_t n = crm_db_exec(r, "DELETE FROM event_participant WHERE event_id = ? AND contact_id = ?", "ii", id, cid);
	if (n < 0)
		return CRM_EDB;
	if (!n) {
		crm_db_rollback(r);
		return crm_error(r, 404, "core.not_found");
	}
	if (crm_history_add(r, "event", id, "changed",
			    crm_psprintf(p, "%s: %s", crm_t(r, "events.history_removed"), name ? name : "#"), NULL) < 0 ||
	    crm_db_commit(r) < 0)
		return CRM_EDB;
	crm_flash(r, "ok", "events.participant_removed");
	return crm_redirect(r, crm_psprintf(p, "/events/%lld#participants", (long long)id));
}

/* "contact.deleted": the contact leaves every event. */
int events_on_contact_deleted(crm_req *r, crm_event *ev)
{
	int64_t cid = crm_event_id(ev);
	if (cid <= 0)
		return 0;
	return crm_db_exec(r, "DELETE FROM event_participant WHERE contact_id = ?", "i", cid) < 0 ? CRM_EDB : 0;
}

/* "contact.merged" (inside the merge's transaction): the events of "from" are now
 * those of "into"; a failure refuses the merge rather than lose participants. */
int events_on_contact_merged(crm_req *r, crm_event *ev)
{
	int64_t from = crm_id(crm_event_get(ev, "from")), into = crm_id(crm_event_get(ev, "into"));
	if (!from || !into || from == into)
		return 0;
	if (crm_db_exec(r, "UPDATE IGNORE event_participant SET contact_id = ? WHERE contact_id = ?", "ii", into, from) < 0 ||
	    crm_db_exec(r, "DELETE FROM event_participant WHERE contact_id = ?", "i", from) < 0) {
		crm_event_veto(ev, "events.merge_failed");
		return CRM_EDB;
	}
	return 0;
}

/* The "Events" panel on a contact's card: the events it takes part in that the user
 * may read (the card has already checked the contact itself). */
int events_contact_panel(crm_req *r, int64_t id, xmlNodePtr node)
{
	crm_pool *p = crm_req_pool(r);
	const char *sql = crm_psprintf(p,
		"SELECT e.id, e.name, e.starts_at, e.closed FROM event_participant ep JOIN event_item e ON e.id = ep.event_id "
		"WHERE ep.contact_id = ? AND %s ORDER BY e.starts_at DESC, e.id DESC LIMIT %d",
		crm_access_sql(r, "e", "event", CRM_READ), PANEL_MAX + 1);
	crm_rows *rows = crm_db_query(r, sql, "ii", id, crm_req_user(r));
	if (!rows)
		return CRM_EDB;
	crm_zone *tz = crm_zone_user(r);
	xmlNodePtr list = crm_xml_add(node, "event-list", NULL);
	crm_xml_attr_int(list, "contact", id);
	if (crm_req_can(r, "events.edit"))
		crm_xml_attr(list, "new", crm_psprintf(p, "/events/new?contact=%lld", (long long)id));
	size_t n = rows->n_rows > PANEL_MAX ? PANEL_MAX : rows->n_rows;
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr it = crm_xml_add(list, "item", crm_rows_get(rows, i, 1));
		crm_xml_attr(it, "id", crm_rows_get(rows, i, 0));
		crm_xml_attr(it, "starts", crm_time_local(p, tz, crm_rows_get(rows, i, 2), CRM_TIME_TEXT));
		if (!strcmp(crm_rows_get(rows, i, 3), "1"))
			crm_xml_attr(it, "closed", "1");
	}
	if (rows->n_rows > PANEL_MAX)
		crm_xml_attr(list, "more", "1");
	return 0;
}
