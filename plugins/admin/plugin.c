/* Administration: users, groups and their grants, modules, access to the CRM, the audit log.
 * Required: the portal cannot be administered without it, so it has no switch. */
#include "admin.h"

static int admin_index(crm_req *r)
{
	return crm_redirect(r, "/admin/users");
}

static const crm_route routes[] = {
	{"GET", "/admin", admin_index, "core.admin", 0},
	{"GET", "/admin/users", admin_users, "core.admin", 0},
	{"GET", "/admin/users/new", admin_user_new, "core.admin", 0},
	{"POST", "/admin/users/new", admin_user_create, "core.admin", 0},
	{"GET", "/admin/users/{id}/edit", admin_user_edit, "core.admin", 0},
	{"POST", "/admin/users/{id}/edit", admin_user_save, "core.admin", 0},
	{"POST", "/admin/users/{id}/password", admin_user_password, "core.admin", 0},
	{"GET", "/admin/users/{id}/disable", admin_user_disable_confirm, "core.admin", 0},
	{"POST", "/admin/users/{id}/disable", admin_user_disable, "core.admin", 0},
	{"POST", "/admin/users/{id}/enable", admin_user_enable, "core.admin", 0},
	{"GET", "/admin/groups", admin_groups, "core.admin", 0},
	{"POST", "/admin/groups", admin_group_create, "core.admin", 0},
	{"GET", "/admin/groups/{id}", admin_group, "core.admin", 0},
	{"POST", "/admin/groups/{id}/members", admin_group_member_add, "core.admin", 0},
	{"POST", "/admin/groups/{id}/members/{user}/remove", admin_group_member_remove, "core.admin", 0},
	{"POST", "/admin/groups/{id}/grants", admin_group_grants, "core.admin", 0},
	{"GET", "/admin/groups/{id}/delete", admin_group_delete_confirm, "core.admin", 0},
	{"POST", "/admin/groups/{id}/delete", admin_group_delete, "core.admin", 0},
	{"GET", "/admin/modules", admin_modules, "core.owner", 0},
	{"POST", "/admin/modules/{name}/enable", admin_module_enable, "core.owner", 0},
	{"POST", "/admin/modules/{name}/disable", admin_module_disable, "core.owner", 0},
	{"GET", "/admin/access", admin_access, "core.owner", 0},
	{"POST", "/admin/access", admin_access_mode, "core.owner", 0},
	{"POST", "/admin/access/users", admin_access_add_user, "core.owner", 0},
	{"POST", "/admin/access/groups", admin_access_add_group, "core.owner", 0},
	{"POST", "/admin/access/{id}/remove", admin_access_remove, "core.owner", 0},
	{"GET", "/admin/audit", admin_audit, "core.admin", 0},
	/* tags, history categories, custom fields */
	{"GET", "/admin/tags", admin_tags, "core.admin", 0},
	{"GET", "/admin/tags/{id}", admin_tag, "core.admin", 0},
	{"POST", "/admin/tags/{id}", admin_tag_rename, "core.admin", 0},
	{"GET", "/admin/tags/{id}/merge", admin_tag_merge_confirm, "core.admin", 0},
	{"POST", "/admin/tags/{id}/merge/{into}", admin_tag_merge, "core.admin", 0},
	{"GET", "/admin/tags/{id}/delete", admin_tag_delete_confirm, "core.admin", 0},
	{"POST", "/admin/tags/{id}/delete", admin_tag_delete, "core.admin", 0},
	{"GET", "/admin/categories", admin_categories, "core.admin", 0},
	{"POST", "/admin/categories", admin_category_create, "core.admin", 0},
	{"GET", "/admin/categories/{id}", admin_category, "core.admin", 0},
	{"POST", "/admin/categories/{id}", admin_category_save, "core.admin", 0},
	{"GET", "/admin/categories/{id}/delete", admin_category_delete_confirm, "core.admin", 0},
	{"POST", "/admin/categories/{id}/delete", admin_category_delete, "core.admin", 0},
	{"GET", "/admin/fields", admin_fields, "core.admin", 0},
	{"POST", "/admin/fields", admin_field_create, "core.admin", 0},
	{"GET", "/admin/fields/{id}", admin_field, "core.admin", 0},
	{"POST", "/admin/fields/{id}", admin_field_save, "core.admin", 0},
	{"GET", "/admin/fields/{id}/delete", admin_field_delete_confirm, "core.admin", 0},
	{"POST", "/admin/fields/{id}/delete", admin_field_delete, "core.admin", 0},
	/* export of all data */
	{"GET", "/admin/export", admin_export, "core.export", 0},
	{"GET", "/admin/export/download", admin_export_download, "core.export", 0},
	/* general settings */
	{"GET", "/admin/settings", admin_settings, "core.admin", 0},
	{"POST", "/admin/settings", admin_settings_save, "core.admin", 0},
};

static const crm_menu_entry menu[] = {
	{"/admin/users", "admin.menu", "core.admin", 900},
	{"/admin/modules", "admin.menu_modules", "core.owner", 910},
};

static const crm_plugin admin = {
	.abi_major = CRM_ABI_MAJOR,
	.abi_minor = CRM_ABI_MINOR,
	.name = "admin",
	.version = "1.0.0",
	.title = "admin.title",
	.routes = routes, .n_routes = CRM_LEN(routes),
	.menu = menu, .n_menu = CRM_LEN(menu),
	.flags = CRM_PLUGIN_REQUIRED,
};

CRM_PLUGIN(admin)
