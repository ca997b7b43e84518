/* Deleting a deal: the confirmation page, then the deal and everything the core keeps
 * about it (tags, history, custom values, links, files, readers) in one transaction;
 * "deal.deleted" tells the plugins pointing at it (tasks, events). */
#include "deals.h"

static const crm_delete_kind deletion = {
	.entity = "deal", .base = "/deals", .prefix = "deals", .name = "name", .found = deal_found,
};

int deals_delete_confirm(crm_req *r)
{
	return crm_delete_confirm(r, &deletion);
}

int deals_delete(crm_req *r)
{
	return crm_delete(r, &deletion);
}
