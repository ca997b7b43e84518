/* Contacts: persons and companies, with their emails, phones, links and addresses. */
#include "contacts.h"
#include "webform.h"
#include "migrations.inc"

static const crm_entity_type entities[] = {
	{.name = "contact", .title = "contacts.entity", .url = "/contacts/%lld", .table = "contact"},
};

static int settings_index(crm_req *r)
{
	return crm_redirect(r, "/contacts/settings/types");
}

/* contacts: routes are listed here */
/* import: the contacts importer is import.c's */
extern const crm_importer contacts_importer;
/* web form */

static const crm_route routes[] = {
	{"GET", "/contacts", contacts_list, "contacts.view", 0},
	{"GET", "/contacts/export", contacts_export, "contacts.export", 0},
	{"POST", "/contacts/bulk", contacts_bulk, "contacts.view", 0},
	{"POST", "/contacts/bulk/delete", contacts_bulk_delete, "contacts.edit", 0},
	{"GET", "/contacts/new", contacts_new, "contacts.edit", 0},
	{"POST", "/contacts/new", contacts_create, "contacts.edit", 0},
	{"GET", "/contacts/{id}", contacts_card, "contacts.view", 0},
	{"GET", "/contacts/{id}/edit", contacts_edit, "contacts.edit", 0},
	{"POST", "/contacts/{id}/edit", contacts_save, "contacts.edit", 0},
	{"GET", "/contacts/{id}/delete", contacts_delete_confirm, "contacts.edit", 0},
	{"POST", "/contacts/{id}/delete", contacts_delete, "contacts.edit", 0},
	{"GET", "/contacts/{id}/merge", contacts_merge_confirm, "contacts.edit", 0},
	{"POST", "/contacts/{id}/merge", contacts_merge, "contacts.edit", 0},
	{"GET", "/contacts/settings", settings_index, "contacts.admin", 0},
	{"GET", "/contacts/settings/{list}", contacts_settings, "contacts.admin", 0},
	{"POST", "/contacts/settings/{list}", contacts_settings_add, "contacts.admin", 0},
	{"POST", "/contacts/settings/{list}/{id}/rename", contacts_settings_rename, "contacts.admin", 0},
	{"POST", "/contacts/settings/{list}/{id}/move", contacts_settings_move, "contacts.admin", 0},
	{"GET", "/contacts/settings/{list}/{id}/delete", contacts_settings_delete_confirm, "contacts.admin", 0},
	{"POST", "/contacts/settings/{list}/{id}/delete", contacts_settings_delete, "contacts.admin", 0},
	/* import: routes */
	/* web form: routes */
	{"GET", "/contacts/webforms", webform_list, "contacts.admin", 0},
	{"GET", "/contacts/webforms/new", webform_new, "contacts.admin", 0},
	{"POST", "/contacts/webforms/new", webform_create, "contacts.admin", 0},
	{"GET", "/contacts/webforms/{id}", webform_edit, "contacts.admin", 0},
	{"POST", "/contacts/webforms/{id}", webform_save, "contacts.admin", 0},
	{"GET", "/contacts/webforms/{id}/delete", webform_delete_confirm, "contacts.admin", 0},
	{"POST", "/contacts/webforms/{id}/delete", webform_delete, "contacts.admin", 0},
	{"GET", "/webform/{key}/stamp", webform_stamp, CRM_PERM_PUBLIC, 0},
	{"POST", "/webform/{key}", webform_submit, CRM_PERM_PUBLIC, CRM_ROUTE_NO_CSRF},
};

static const crm_permission permissions[] = {
	{.name = "contacts.view", .title = "contacts.perm_view"},
	{.name = "contacts.edit", .title = "contacts.perm_edit"},
	{.name = "contacts.admin", .title = "contacts.perm_admin", .flags = CRM_PERM_ADMINS},
	{.name = "contacts.import", .title = "contacts.perm_import", .flags = CRM_PERM_ADMINS},
	{.name = "contacts.export", .title = "contacts.perm_export"},
};

static const crm_menu_entry menu[] = {
	{.href = "/contacts", .title = "contacts.menu", .permission = "contacts.view", .order = 100},
};

static const crm_subscription subscriptions[] = {
	{"contact.lookup", contacts_on_lookup},
	{"contact.describe", contacts_on_describe},
	{"contact.search", contacts_on_search},
};

static const crm_plugin contacts = {
	.abi_major = CRM_ABI_MAJOR,
	.abi_minor = CRM_ABI_MINOR,
	.name = "contacts",
	.version = "1.0.0",
	.title = "contacts.title",
	.routes = routes, .n_routes = CRM_LEN(routes),
	.migrations = migrations, .n_migrations = CRM_LEN(migrations),
	.permissions = permissions, .n_permissions = CRM_LEN(permissions),
	.menu = menu, .n_menu = CRM_LEN(menu),
	.entities = entities, .n_entities = CRM_LEN(entities),
	.subscriptions = subscriptions, .n_subscriptions = CRM_LEN(subscriptions),
	/* import: importers */
	.importers = &contacts_importer, .n_importers = 1,
};

CRM_PLUGIN(contacts)
