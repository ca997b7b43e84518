/* Test plugin beta: depends on alpha, adds a panel to alpha's cards and vetoes
 * deleting items whose name contains "keep"; it never calls alpha's code. */
#include <crm/crm.h>

int beta_index(crm_req *r);
int beta_panel(crm_req *r, int64_t id, xmlNodePtr node);
int beta_on_deleting(crm_req *r, crm_event *ev);

static const char *const depends[] = {"alpha", NULL};

static const crm_route routes[] = {
	{"GET", "/beta", beta_index, CRM_PERM_PUBLIC, 0},
};

static const crm_menu_entry menu[] = {
	{.href = "/beta", .title = "beta.menu", .permission = CRM_PERM_PUBLIC, .order = 20},
};

static const crm_panel panels[] = {
	{.entity = "alpha_item", .name = "beta.alpha_item", .title = "beta.panel_title",
	 .fill = beta_panel, .permission = CRM_PERM_PUBLIC},
};

static const crm_subscription subscriptions[] = {
	{"alpha.deleting", beta_on_deleting},
};

static const crm_plugin beta = {
	.abi_major = CRM_ABI_MAJOR,
	.abi_minor = CRM_ABI_MINOR,
	.name = "beta",
	.version = "1.0.0",
	.title = "beta.title",
	.depends = depends,
	.routes = routes, .n_routes = CRM_LEN(routes),
	.menu = menu, .n_menu = CRM_LEN(menu),
	.panels = panels, .n_panels = CRM_LEN(panels),
	.subscriptions = subscriptions, .n_subscriptions = CRM_LEN(subscriptions),
};

CRM_PLUGIN(beta)
