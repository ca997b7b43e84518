/* The event card (EVT-3): its dates in the user's time zone, access and readers, the
 * participants as the contacts plugin describes them, the planned history items, tags,
 * custom fields, documents, history, and other plugins' panels (its tasks). */
#include <stdlib.h>
#include <string.h>
#include "events.h"

int events_card(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	int64_t id = crm_req_arg_id(r, "id");
	int rc;
	crm_rows *row = event_found(r, id, CRM_READ, &rc);
	if (!row)
		return rc;
	int can_write = crm_access_check(r, "event_item", "event", id, CRM_WRITE);
	if (can_write < 0)
		return can_write;
	crm_zone *tz = crm_zone_user(r);
	crm_rows *readers = crm_db_query(r, "SELECT u.id, u.name FROM crm_record_user ru JOIN crm_user u ON u.id = ru.user_id "
					    "WHERE ru.entity = 'event' AND ru.record_id = ? AND ru.kind = 'reader' "
					    "ORDER BY u.name, u.id", "i", id);
	crm_rows *plans = crm_db_query(r, "SELECT pl.id, pl.planned_at, pl.text, c.name AS category, u.name AS user "
					  "FROM event_plan pl LEFT JOIN crm_history_category c ON c.id = pl.category_id "
					  "LEFT JOIN crm_user u ON u.id = pl.user_id WHERE pl.event_id = ? "
					  "ORDER BY pl.planned_at, pl.id LIMIT 200", "i", id);
	crm_rows *cats = can_write ? event_plan_categories(r) : NULL;
	if (!readers || !plans || (can_write && !cats))
		return CRM_EDB;

	xmlNodePtr c = crm_page(r, "events.card", "events.card_title");
	xmlNodePtr info = crm_xml_add(c, "event", NULL);
	for (size_t col = 0; col < row->n_cols; col++)
		crm_xml_add(info, row->cols[col], crm_rows_get(row, 0, col));
	crm_xml_attr(info, "tz", crm_zone_name(tz));
	crm_xml_add(info, "starts", crm_time_local(p, tz, crm_rows_by(row, 0, "starts_at"), CRM_TIME_TEXT));
	crm_xml_add(info, "ends", crm_time_local(p, tz, crm_rows_by(row, 0, "ends_at"), CRM_TIME_TEXT));
	if (can_write)
		crm_xml_attr(info, "writable", "1");
	xmlNodePtr rd = crm_xml_add(info, "readers", NULL);
	for (size_t i = 0; i < readers->n_rows; i++)
		crm_xml_attr(crm_xml_add(rd, "user", crm_rows_get(readers, i, 1)), "id", crm_rows_get(readers, i, 0));

	xmlNodePtr pp = crm_xml_add(info, "participants", NULL);
	int total = event_participants_xml(r, id, pp);
	if (total < 0)
		return total;
	crm_xml_attr_int(pp, "total", total);
	if (can_write) {
		xmlNodePtr f = crm_form(pp, crm_psprintf(p, "/events/%lld/participants", (long long)id));
		crm_xml_attr(f, "class", "inline participant-add");
		xmlNodePtr x = crm_form_field(f, "contact", "events.add_participant", "text", NULL);
		crm_xml_attr(x, "maxlength", "200");
		crm_xml_attr(x, "placeholder", "events.participant_hint");
		crm_form_submit(f, "events.add");
	}

	xmlNodePtr pl = crm_xml_add(info, "plans", NULL);
	for (size_t i = 0; i < plans->n_rows; i++) {
		xmlNodePtr it = crm_xml_add(pl, "plan", crm_rows_get(plans, i, 2));
		crm_xml_attr(it, "id", crm_rows_get(plans, i, 0));
		crm_xml_attr(it, "at", crm_time_local(p, tz, crm_rows_get(plans, i, 1), CRM_TIME_TEXT));
		crm_xml_attr(it, "category", crm_rows_get(plans, i, 3));
		crm_xml_attr(it, "user", crm_rows_get(plans, i, 4));
	}
	if (can_write) {
		xmlNodePtr f = crm_form(pl, crm_psprintf(p, "/events/%lld/plan", (long long)id));
		crm_xml_attr(f, "class", "plan-add");
		xmlNodePtr x = crm_form_field(f, "category", "events.plan_category", "select", NULL);
		for (size_t i = 0; i < cats->n_rows; i++) {
			xmlNodePtr o = crm_xml_add(x, "option", crm_rows_get(cats, i, 2));
			crm_xml_attr(o, "value", crm_rows_get(cats, i, 0));
			const char *code = crm_rows_get(cats, i, 1);
			if (code && !strcmp(code, "meeting"))
				crm_xml_attr(o, "selected", "1");
		}
		x = crm_form_field(f, "at", "events.plan_at", "datetime-local", NULL);
		crm_xml_attr(x, "required", "1");
		x = crm_form_field(f, "text", "events.plan_text", "text", NULL);
		crm_xml_attr(x, "required", "1");
		crm_xml_attr(x, "maxlength", "1000");
		crm_form_submit(f, "events.plan_add");
	}

	crm_tags_xml(r, "event", id, info);
	crm_fields_xml(r, "event", id, info);
	crm_files_xml(r, "event", id, info);
	crm_history_xml(r, "event", id, info);
	crm_page_panels(r, "event", id);
	return 0;
}
