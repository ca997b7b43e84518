/* Helpers every admin page uses: the tab bar, LIKE patterns, forms, roles. */
#include <string.h>
#include "admin.h"

/* The tabs, each shown only to those who may open it. */
static const struct {
	const char *href, *title, *permission;
} tabs[] = {
	{"/admin/users", "admin.tab_users", "core.admin"},
	{"/admin/groups", "admin.tab_groups", "core.admin"},
	{"/admin/modules", "admin.tab_modules", "core.owner"},
	{"/admin/access", "admin.tab_access", "core.owner"},
	{"/admin/audit", "admin.tab_audit", "core.admin"},
	{"/admin/export", "admin.tab_export", "core.export"},
	{"/admin/tags", "admin.tab_tags", "core.admin"},
	{"/admin/categories", "admin.tab_categories", "core.admin"},
	{"/admin/fields", "admin.tab_fields", "core.admin"},
	{"/admin/settings", "admin.tab_settings", "core.admin"},
};

xmlNodePtr admin_page(crm_req *r, const char *view, const char *title, const char *tab)
{
	xmlNodePtr c = crm_page(r, view, title);
	xmlNodePtr bar = crm_xml_add(c, "tabs", NULL);
	for (size_t i = 0; i < CRM_LEN(tabs); i++) {
		if (!crm_req_can(r, tabs[i].permission))
			continue;
		xmlNodePtr t = crm_xml_add(bar, "tab", NULL);
		crm_xml_attr(t, "href", tabs[i].href);
		crm_xml_attr(t, "title", tabs[i].title);
		if (tab && !strcmp(tab, tabs[i].href))
			crm_xml_attr(t, "active", "1");
	}
	return c;
}


bool admin_is_owner(crm_req *r)
{
	const char *role = crm_req_role(r);
	return role && !strcmp(role, CRM_ROLE_OWNER);
}

xmlNodePtr admin_get_form(xmlNodePtr parent, const char *action)
{
	xmlNodePtr f = crm_xml_add(parent, "form", NULL);
	crm_xml_attr(f, "action", action);
	crm_xml_attr(f, "method", "get");
	crm_xml_attr(f, "class", "search");
	return f;
}

void admin_form_failed(crm_req *r, xmlNodePtr form)
{
	crm_status(r, 422);
	crm_xml_attr(form, "error", "core.form_errors");
}


crm_rows *admin_found(crm_req *r, crm_rows *rows, int *rc)
{
	if (rows && rows->n_rows)
		return rows;
	*rc = rows ? crm_error(r, 404, "core.not_found") : CRM_EDB;
	return NULL;
}
