/* Deleting a lead: the confirmation page and the delete itself, with everything the core
 * keeps about the lead (tags, history, files, links); "lead.deleted" tells the others. */
#include "leads.h"

static const crm_delete_kind deletion = {
	.entity = "lead", .base = "/leads", .prefix = "leads", .name = "name", .found = lead_found,
};

int leads_delete_confirm(crm_req *r)
{
	return crm_delete_confirm(r, &deletion);
}

int leads_delete(crm_req *r)
{
	return crm_delete(r, &deletion);
}
