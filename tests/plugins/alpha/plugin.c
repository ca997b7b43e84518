/* Test plugin alpha: one entity with a list, a card other plugins add panels to,
 * a create form, a delete others may veto, and a route behind a permission. */
#include <crm/crm.h>
#include "migrations.inc"

int alpha_list(crm_req *r);
int alpha_create(crm_req *r);
int alpha_card(crm_req *r);
int alpha_delete(crm_req *r);
int alpha_secret(crm_req *r);
int alpha_tick(crm_req *r);

static const crm_route routes[] = {
	{"GET", "/alpha", alpha_list, CRM_PERM_PUBLIC, 0},
	{"POST", "/alpha", alpha_create, CRM_PERM_PUBLIC, 0},
	{"GET", "/alpha/secret", alpha_secret, "alpha.secret", 0},
	{"POST", "/alpha/secret", alpha_secret, "alpha.secret", 0},
	{"GET", "/alpha/{id}", alpha_card, CRM_PERM_PUBLIC, 0},
	{"POST", "/alpha/{id}/delete", alpha_delete, CRM_PERM_PUBLIC, 0},
};

static const crm_permission permissions[] = {
	{.name = "alpha.secret", .title = "alpha.perm_secret"},
};

static const crm_menu_entry menu[] = {
	{.href = "/alpha", .title = "alpha.menu", .permission = CRM_PERM_PUBLIC, .order = 10},
};

static const crm_entity_type entities[] = {
	{.name = "alpha_item", .title = "alpha.entity", .url = "/alpha/%lld", .table = "alpha_item"},
};

static const crm_job jobs[] = {
	{.name = "alpha.tick", .interval_s = 2, .run = alpha_tick},
};

static const crm_plugin alpha = {
	.abi_major = CRM_ABI_MAJOR,
	.abi_minor = CRM_ABI_MINOR,
	.name = "alpha",
	.version = "1.0.0",
	.title = "alpha.title",
	.routes = routes, .n_routes = CRM_LEN(routes),
	.migrations = migrations, .n_migrations = CRM_LEN(migrations),
	.permissions = permissions, .n_permissions = CRM_LEN(permissions),
	.menu = menu, .n_menu = CRM_LEN(menu),
	.entities = entities, .n_entities = CRM_LEN(entities),
	.jobs = jobs, .n_jobs = CRM_LEN(jobs),
};

CRM_PLUGIN(alpha)
