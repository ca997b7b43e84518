/* Test plugin comms: stands in for the telephony and email plugins. It declares a
 * «Звонки» tab on the lead card and in the leads section, and asks the events those
 * plugins use (contact.describe, contact.search, lead.find, lead.create, lead.attach)
 * and crm_pick on behalf of the tests. It never calls another plugin's code. */
#include <crm/crm.h>

int comms_describe(crm_req *r);
int comms_search(crm_req *r);
int comms_pick(crm_req *r);
int comms_find(crm_req *r);
int comms_create(crm_req *r);
int comms_attach(crm_req *r);
int comms_lead_panel(crm_req *r, int64_t id, xmlNodePtr node);
int comms_section_panel(crm_req *r, int64_t id, xmlNodePtr node);

static const crm_route routes[] = {
	{"GET", "/comms/describe", comms_describe, "comms.use", 0},
	{"GET", "/comms/search", comms_search, "comms.use", 0},
	{"GET", "/comms/pick", comms_pick, "comms.use", 0},
	{"GET", "/comms/find", comms_find, "comms.use", 0},
	{"POST", "/comms/create", comms_create, "comms.use", 0},
	{"POST", "/comms/attach", comms_attach, "comms.use", 0},
};

static const crm_permission permissions[] = {
	{.name = "comms.use", .title = "comms.perm_use"},
};

static const crm_panel panels[] = {
	{.entity = "lead", .name = "comms.calls", .title = "comms.calls", .fill = comms_lead_panel,
	 .permission = "comms.use"},
	{.entity = "leads", .name = "comms.section_calls", .title = "comms.calls", .fill = comms_section_panel,
	 .permission = "comms.use"},
};

static const crm_plugin comms = {
	.abi_major = CRM_ABI_MAJOR,
	.abi_minor = CRM_ABI_MINOR,
	.name = "comms",
	.version = "1.0.0",
	.title = "comms.title",
	.routes = routes, .n_routes = CRM_LEN(routes),
	.permissions = permissions, .n_permissions = CRM_LEN(permissions),
	.panels = panels, .n_panels = CRM_LEN(panels),
};

CRM_PLUGIN(comms)
