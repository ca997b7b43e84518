/* Deleting an event: the confirmation page, then the event with everything the core keeps
 * about it (tags, history, files, links); its participants and planned items go with the
 * row (foreign keys), and "event.deleted" tells the plugins linked to it (tasks). */
#include "events.h"

static const crm_delete_kind deletion = {
	.entity = "event", .base = "/events", .prefix = "events", .name = "name", .found = event_found,
};

int events_delete_confirm(crm_req *r)
{
	return crm_delete_confirm(r, &deletion);
}

int events_delete(crm_req *r)
{
	return crm_delete(r, &deletion);
}
