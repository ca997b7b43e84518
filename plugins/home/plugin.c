/* The start page: what this portal runs. */
#include <crm/crm.h>
#include "migrations.inc"

int home_index(crm_req *r);

static const crm_route routes[] = {
	{"GET", "/", home_index, CRM_PERM_PUBLIC, 0},
};

static const crm_menu_entry menu[] = {
	{"/", "home.menu", CRM_PERM_PUBLIC, 0},
};

static const crm_plugin home = {
	.abi_major = CRM_ABI_MAJOR,
	.abi_minor = CRM_ABI_MINOR,
	.name = "home",
	.version = "1.0.0",
	.title = "home.title",
	.routes = routes, .n_routes = CRM_LEN(routes),
	.migrations = migrations, .n_migrations = CRM_LEN(migrations),
	.menu = menu, .n_menu = CRM_LEN(menu),
};

CRM_PLUGIN(home)
