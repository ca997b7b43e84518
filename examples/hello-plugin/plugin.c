/* The hello plugin's descriptor: everything the core needs to know, as constant data. */
#include <crm/crm.h>
#include "migrations.inc" /* made from the .sql files of migrations/ by sql2c.sh */

int hello_page(crm_req *r);
int hello_csv(crm_req *r);

static const crm_permission permissions[] = {
	{.name = "hello.view", .title = "hello.perm_view"},
};

static const crm_route routes[] = {
	{.method = "GET", .pattern = "/hello", .handler = hello_page, .permission = CRM_PERM_PUBLIC},
	{.method = "GET", .pattern = "/hello/greetings.csv", .handler = hello_csv,
	 .permission = "hello.view"},
};

static const crm_menu_entry menu[] = {
	{.href = "/hello", .title = "hello.menu", .permission = CRM_PERM_PUBLIC, .order = 90},
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
