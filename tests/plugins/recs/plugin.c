/* recs: a test entity on which the system tests prove the core's record access,
 * notifications and role checks, and its record services (tags, custom fields,
 * history, links, merge). */
#include <crm/crm.h>
#include "migrations.inc"

int recs_list(crm_req *r);
int recs_card(crm_req *r);
int recs_create(crm_req *r);
int recs_edit(crm_req *r);
int recs_restricted(crm_req *r);
int recs_new(crm_req *r);
int recs_merge(crm_req *r);
int recs_delete(crm_req *r);
int recs_link(crm_req *r);
int recs_bulk_tag(crm_req *r);
int recs_cf_batch(crm_req *r);

static const crm_route routes[] = {
	{"GET", "/recs", recs_list, "recs.view", 0},
	{"POST", "/recs", recs_create, "recs.view", 0},
	/* Role checks: one permission of each kind, the plugin's own and the core's. */
	{"GET", "/recs/admin", recs_restricted, "recs.admin", 0},
	{"GET", "/recs/core-admin", recs_restricted, "core.admin", 0},
	{"GET", "/recs/core-owner", recs_restricted, "core.owner", 0},
	{"GET", "/recs/{id}", recs_card, "recs.view", 0},
	{"POST", "/recs/{id}/edit", recs_edit, "recs.view", 0},
	{"GET", "/recs/new", recs_new, "recs.view", 0},
	{"POST", "/recs/bulk-tag", recs_bulk_tag, "recs.view", 0},
	{"POST", "/recs/cf-batch", recs_cf_batch, "recs.view", 0},
	{"POST", "/recs/{id}/merge", recs_merge, "recs.view", 0},
	{"POST", "/recs/{id}/delete", recs_delete, "recs.view", 0},
	{"POST", "/recs/{id}/links", recs_link, "recs.view", 0},
};

static const crm_permission permissions[] = {
	{"recs.view", "recs.perm_view", CRM_PERM_USERS},
	{"recs.admin", "recs.perm_admin", CRM_PERM_ADMINS},
};

static const crm_menu_entry menu[] = {
	{"/recs", "recs.menu", "recs.view", 90},
	{"/recs/admin", "recs.admin_menu", "recs.admin", 91},
};

static const crm_entity_type entities[] = {
	{"rec", "recs.entity", "/recs/%lld", "rec_item"},
};

static const crm_plugin recs = {
	.abi_major = CRM_ABI_MAJOR,
	.abi_minor = CRM_ABI_MINOR,
	.name = "recs",
	.version = "1.0.0",
	.title = "recs.title",
	.routes = routes, .n_routes = CRM_LEN(routes),
	.migrations = migrations, .n_migrations = CRM_LEN(migrations),
	.permissions = permissions, .n_permissions = CRM_LEN(permissions),
	.menu = menu, .n_menu = CRM_LEN(menu),
	.entities = entities, .n_entities = CRM_LEN(entities),
};

CRM_PLUGIN(recs)
