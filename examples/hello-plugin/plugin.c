/* The hello plugin's descriptor: everything the core needs to know, as constant data. */
#include <crm/crm.h>
#include "migrations.inc" /* made from the .sql files of migrations/ by sql2c.sh */

int hello_page(crm_req *r);
int hello_csv(crm_req *r);

static const crm_permission permissions[] = {
	{"hello.view", "hello.perm_view", CRM_PERM_USERS},
};

static const crm_route routes[] = {
	{"GET", "/hello", hello_page, CRM_PERM_PUBLIC, 0},
	{"GET", "/hello/greetings.csv", hello_csv, "hello.view", 0},
};

static const crm_menu_entry menu[] = {
	{"/hello", "hello.menu", CRM_PERM_PUBLIC, 90},
};

static const crm_plugin hello = {
	.abi_major = CRM_ABI_MAJOR,
	.abi_minor = CRM_ABI_MINOR,
	.name = "hello",
	.version = "1.0.0",
	.title = "hello.title",
	.routes = routes, .n_routes = CRM_LEN(routes),
	.migrations = migrations, .n_migrations = CRM_LEN(migrations),
	.permissions = permissions, .n_permissions = CRM_LEN(permissions),
	.menu = menu, .n_menu = CRM_LEN(menu),
};

CRM_PLUGIN(hello)
