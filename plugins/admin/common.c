/* Helpers every admin page uses: the tab bar, trimmed input, LIKE patterns, URLs. */
#include <stdarg.h>
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

const char *admin_input(crm_req *r, const char *name)
{
	const char *v = crm_req_form(r, name);
	if (!v)
		return "";
	while (*v == ' ' || *v == '\t' || *v == '\r' || *v == '\n')
		v++;
	size_t n = strlen(v);
	while (n && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\r' || v[n - 1] == '\n'))
		n--;
	return crm_pstrndup(crm_req_pool(r), v, n);
}

const char *admin_like(crm_req *r, const char *text)
{
	char *out = crm_palloc(crm_req_pool(r), strlen(text) * 2 + 3), *o = out;
	*o++ = '%';
	for (const char *s = text; *s; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			*o++ = '\\';
		*o++ = *s;
	}
	*o++ = '%';
	return out;
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

const char *admin_url(crm_req *r, const char *path, ...)
{
	crm_pool *p = crm_req_pool(r);
	const char *url = path, *sep = "?";
	va_list ap;
	va_start(ap, path);
	for (const char *k; (k = va_arg(ap, const char *));) {
		const char *v = va_arg(ap, const char *);
		if (!v || !*v)
			continue;
		url = crm_psprintf(p, "%s%s%s=%s", url, sep, k, crm_url_encode(p, v));
		sep = "&";
	}
	va_end(ap);
	return url;
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
