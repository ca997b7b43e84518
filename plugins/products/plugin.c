/* Products: the catalog of products and services (SKU, unit, price and currency, default
 * tax) that leads and deals name and invoices will bill. */
#include "products.h"
#include "migrations.inc"

static const crm_entity_type entities[] = {
	{.name = "product", .title = "products.entity", .url = "/products/%lld", .table = "product"},
};

/* import: the catalog's importer is import.c's */
extern const crm_importer products_importer;

static const crm_route routes[] = {
	{"GET", "/products", products_list, "products.view", 0},
	{"GET", "/products/new", products_new, "products.edit", 0},
	{"POST", "/products/new", products_create, "products.edit", 0},
	{"GET", "/products/{id}", products_card, "products.view", 0},
	{"GET", "/products/{id}/edit", products_edit, "products.edit", 0},
	{"POST", "/products/{id}/edit", products_save, "products.edit", 0},
	{"GET", "/products/{id}/delete", products_delete_confirm, "products.edit", 0},
	{"POST", "/products/{id}/delete", products_delete, "products.edit", 0},
};

static const crm_permission permissions[] = {
	{.name = "products.view", .title = "products.perm_view"},
	{.name = "products.edit", .title = "products.perm_edit", .flags = CRM_PERM_ADMINS},
};

static const crm_menu_entry menu[] = {
	{.href = "/products", .title = "products.menu", .permission = "products.view", .order = 600},
};

static const crm_subscription subscriptions[] = {
	{"product.list", products_on_list},
	{"product.describe", products_on_describe},
};

static const crm_plugin products = {
	.abi_major = CRM_ABI_MAJOR,
	.abi_minor = CRM_ABI_MINOR,
	.name = "products",
	.version = "1.0.0",
	.title = "products.title",
	.routes = routes, .n_routes = CRM_LEN(routes),
	.migrations = migrations, .n_migrations = CRM_LEN(migrations),
	.permissions = permissions, .n_permissions = CRM_LEN(permissions),
	.menu = menu, .n_menu = CRM_LEN(menu),
	.entities = entities, .n_entities = CRM_LEN(entities),
	.subscriptions = subscriptions, .n_subscriptions = CRM_LEN(subscriptions),
	.importers = &products_importer, .n_importers = 1,
};

CRM_PLUGIN(products)
