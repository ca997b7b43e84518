/* Test plugin vetoer: refuses to let a contact whose name holds "invoice" be deleted (as
 * an invoices plugin would), adds a list action to the contacts list, panels on the
 * contact card, and asks "contact.lookup" on behalf of the tests. It never calls the
 * contacts plugin's code. */
#include <crm/crm.h>

int vetoer_on_deleting(crm_req *r, crm_event *ev);
int vetoer_on_merged(crm_req *r, crm_event *ev);
int vetoer_bulk(crm_req *r);
int vetoer_lookup(crm_req *r);
int vetoer_panel(crm_req *r, int64_t id, xmlNodePtr node);

static const crm_route routes[] = {
	{"POST", "/vetoer/bulk", vetoer_bulk, "vetoer.use", 0},
	{"GET", "/vetoer/lookup", vetoer_lookup, "vetoer.use", 0},
};

static const crm_permission permissions[] = {
	{.name = "vetoer.use", .title = "vetoer.perm_use"},
};

static const crm_subscription subscriptions[] = {
	{"contact.deleting", vetoer_on_deleting},
	{"contact.merged", vetoer_on_merged},
};

static const crm_list_action list_actions[] = {
	{.entity = "contact", .name = "vetoer.bulk", .title = "vetoer.bulk_title", .url = "/vetoer/bulk",
	 .permission = "vetoer.use"},
};

static const crm_panel panels[] = {
	{.entity = "contact", .name = "vetoer.contact", .title = "vetoer.panel_title", .fill = vetoer_panel,
	 .permission = "vetoer.use"},
};

static const crm_plugin vetoer = {
	.abi_major = CRM_ABI_MAJOR,
	.abi_minor = CRM_ABI_MINOR,
	.name = "vetoer",
	.version = "1.0.0",
	.title = "vetoer.title",
	.routes = routes, .n_routes = CRM_LEN(routes),
	.permissions = permissions, .n_permissions = CRM_LEN(permissions),
	.panels = panels, .n_panels = CRM_LEN(panels),
	.subscriptions = subscriptions, .n_subscriptions = CRM_LEN(subscriptions),
	.list_actions = list_actions, .n_list_actions = CRM_LEN(list_actions),
};

CRM_PLUGIN(vetoer)
