/* Deals: potential sales with their contact, budget, stage and probability, a board of
 * stages, and the deals panel on the contact card. */
#include "deals.h"
#include "migrations.inc"

static const crm_entity_type entities[] = {
	{.name = "deal", .title = "deals.entity", .url = "/deals/%lld", .table = "deal"},
};

static const crm_route routes[] = {
	{"GET", "/deals", deals_list, "deals.view", 0},
	{"GET", "/deals/export", deals_export, "deals.export", 0},
	{"POST", "/deals/bulk", deals_bulk, "deals.view", 0},
	{"POST", "/deals/bulk/delete", deals_bulk_delete, "deals.edit", 0},
	{"GET", "/deals/board", deals_board, "deals.view", 0},
	{"POST", "/deals/board/move", deals_board_move, "deals.edit", 0},
	{"GET", "/deals/new", deals_new, "deals.edit", 0},
	{"POST", "/deals/new", deals_create, "deals.edit", 0},
	{"GET", "/deals/stages", deals_stages, "deals.admin", 0},
	{"POST", "/deals/stages", deals_stage_add, "deals.admin", 0},
	{"POST", "/deals/stages/{id}", deals_stage_save, "deals.admin", 0},
	{"POST", "/deals/stages/{id}/move", deals_stage_move, "deals.admin", 0},
	{"GET", "/deals/stages/{id}/delete", deals_stage_delete_confirm, "deals.admin", 0},
	{"POST", "/deals/stages/{id}/delete", deals_stage_delete, "deals.admin", 0},
	{"GET", "/deals/{id}", deals_card, "deals.view", 0},
	{"GET", "/deals/{id}/edit", deals_edit, "deals.edit", 0},
	{"POST", "/deals/{id}/edit", deals_save, "deals.edit", 0},
	{"POST", "/deals/{id}/stage", deals_stage_change, "deals.edit", 0},
	{"GET", "/deals/{id}/delete", deals_delete_confirm, "deals.edit", 0},
	{"POST", "/deals/{id}/delete", deals_delete, "deals.edit", 0},
};

static const crm_permission permissions[] = {
	{.name = "deals.view", .title = "deals.perm_view"},
	{.name = "deals.edit", .title = "deals.perm_edit"},
	{.name = "deals.export", .title = "deals.perm_export"},
	{.name = "deals.admin", .title = "deals.perm_admin", .flags = CRM_PERM_ADMINS},
};

static const crm_menu_entry menu[] = {
	{.href = "/deals", .title = "deals.menu", .permission = "deals.view", .order = 200},
	{.href = "/deals/board", .title = "deals.menu_board", .permission = "deals.view", .order = 201},
};

static const crm_panel panels[] = {
	{.entity = "contact", .name = "deals.contact", .title = "deals.panel_title", .fill = deals_contact_panel,
	 .permission = "deals.view"},
};

static const crm_subscription subscriptions[] = {
	{"lead.qualified", deals_on_lead_qualified},
	{"contact.deleted", deals_on_contact_deleted},
	{"contact.merged", deals_on_contact_merged},
	{"deal.search", deals_on_search},
	{"deal.describe", deals_on_describe},
};

static const crm_plugin deals = {
	.abi_major = CRM_ABI_MAJOR,
	.abi_minor = CRM_ABI_MINOR,
	.name = "deals",
	.version = "1.0.0",
	.title = "deals.title",
	.routes = routes, .n_routes = CRM_LEN(routes),
	.migrations = migrations, .n_migrations = CRM_LEN(migrations),
	.permissions = permissions, .n_permissions = CRM_LEN(permissions),
	.menu = menu, .n_menu = CRM_LEN(menu),
	.entities = entities, .n_entities = CRM_LEN(entities),
	.panels = panels, .n_panels = CRM_LEN(panels),
	.subscriptions = subscriptions, .n_subscriptions = CRM_LEN(subscriptions),
	.importers = &deals_exporter, .n_importers = 1,
};

CRM_PLUGIN(deals)
