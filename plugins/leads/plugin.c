/* Leads: potential clients in funnels of statuses, qualified into deals or disqualified
 * with a reason; their list, board, import, and the events other plugins ask. */
#include "leads.h"
#include "migrations.inc"

static const crm_entity_type entities[] = {
	{.name = "lead", .title = "leads.entity", .url = "/leads/%lld", .table = "lead"},
};

extern const crm_importer leads_importer;
/* describe.c: how other plugins show and pick leads. */
int leads_on_describe(crm_req *r, crm_event *ev), leads_on_search(crm_req *r, crm_event *ev);

static const crm_route routes[] = {
	{"GET", "/leads", leads_list, "leads.view", 0},
	{"GET", "/leads/export", leads_export, "leads.export", 0},
	{"POST", "/leads/bulk", leads_bulk, "leads.view", 0},
	{"POST", "/leads/bulk/delete", leads_bulk_delete, "leads.edit", 0},
	{"GET", "/leads/new", leads_new, "leads.edit", 0},
	{"POST", "/leads/new", leads_create, "leads.edit", 0},
	{"GET", "/leads/board", leads_board, "leads.view", 0},
	{"POST", "/leads/board/move", leads_board_move, "leads.edit", 0},
	{"GET", "/leads/{id}", leads_card, "leads.view", 0},
	{"GET", "/leads/{id}/edit", leads_edit, "leads.edit", 0},
	{"POST", "/leads/{id}/edit", leads_save, "leads.edit", 0},
	{"GET", "/leads/{id}/delete", leads_delete_confirm, "leads.edit", 0},
	{"POST", "/leads/{id}/delete", leads_delete, "leads.edit", 0},
	{"POST", "/leads/{id}/status", leads_status, "leads.edit", 0},
	{"POST", "/leads/{id}/qualify", leads_qualify, "leads.edit", 0},
	{"GET", "/leads/{id}/disqualify", leads_disqualify_form, "leads.edit", 0},
	{"POST", "/leads/{id}/disqualify", leads_disqualify, "leads.edit", 0},
	{"GET", "/leads/settings", leads_settings_index, "leads.admin", 0},
	{"GET", "/leads/settings/funnels", leads_funnels, "leads.admin", 0},
	{"POST", "/leads/settings/funnels", leads_funnel_add, "leads.admin", 0},
	{"GET", "/leads/settings/funnels/{id}", leads_funnel, "leads.admin", 0},
	{"POST", "/leads/settings/funnels/{id}/rename", leads_funnel_rename, "leads.admin", 0},
	{"POST", "/leads/settings/funnels/{id}/move", leads_funnel_move, "leads.admin", 0},
	{"GET", "/leads/settings/funnels/{id}/delete", leads_funnel_delete_confirm, "leads.admin", 0},
	{"POST", "/leads/settings/funnels/{id}/delete", leads_funnel_delete, "leads.admin", 0},
	{"POST", "/leads/settings/funnels/{id}/statuses", leads_status_add, "leads.admin", 0},
	{"POST", "/leads/settings/statuses/{id}/rename", leads_status_rename, "leads.admin", 0},
	{"POST", "/leads/settings/statuses/{id}/move", leads_status_move, "leads.admin", 0},
	{"GET", "/leads/settings/statuses/{id}/delete", leads_status_delete_confirm, "leads.admin", 0},
	{"POST", "/leads/settings/statuses/{id}/delete", leads_status_delete, "leads.admin", 0},
	{"GET", "/leads/settings/{list}", leads_settings, "leads.admin", 0},
	{"POST", "/leads/settings/{list}", leads_settings_add, "leads.admin", 0},
	{"POST", "/leads/settings/{list}/{id}/rename", leads_settings_rename, "leads.admin", 0},
	{"POST", "/leads/settings/{list}/{id}/move", leads_settings_move, "leads.admin", 0},
	{"GET", "/leads/settings/{list}/{id}/delete", leads_settings_delete_confirm, "leads.admin", 0},
	{"POST", "/leads/settings/{list}/{id}/delete", leads_settings_delete, "leads.admin", 0},
};

static const crm_permission permissions[] = {
	{.name = "leads.view", .title = "leads.perm_view"},
	{.name = "leads.edit", .title = "leads.perm_edit"},
	{.name = "leads.admin", .title = "leads.perm_admin", .flags = CRM_PERM_ADMINS},
	{.name = "leads.import", .title = "leads.perm_import", .flags = CRM_PERM_ADMINS},
	{.name = "leads.export", .title = "leads.perm_export"},
};

static const crm_menu_entry menu[] = {
	{.href = "/leads", .title = "leads.menu", .permission = "leads.view", .order = 90},
};

static const crm_subscription subscriptions[] = {
	{"lead.find", leads_on_find},
	{"lead.create", leads_on_create},
	{"lead.attach", leads_on_attach},
	{"lead.describe", leads_on_describe},
	{"lead.search", leads_on_search},
	{"contact.deleted", leads_on_contact_deleted},
	{"contact.merged", leads_on_contact_merged},
};

static const crm_plugin leads = {
	.abi_major = CRM_ABI_MAJOR,
	.abi_minor = CRM_ABI_MINOR,
	.name = "leads",
	.version = "1.0.0",
	.title = "leads.title",
	.routes = routes, .n_routes = CRM_LEN(routes),
	.migrations = migrations, .n_migrations = CRM_LEN(migrations),
	.permissions = permissions, .n_permissions = CRM_LEN(permissions),
	.menu = menu, .n_menu = CRM_LEN(menu),
	.entities = entities, .n_entities = CRM_LEN(entities),
	.subscriptions = subscriptions, .n_subscriptions = CRM_LEN(subscriptions),
	.importers = &leads_importer, .n_importers = 1,
};

CRM_PLUGIN(leads)
