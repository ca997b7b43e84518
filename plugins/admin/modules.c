/* /admin/modules: every plugin found, its version and state, and the switch (ADM-4).
 * The core applies a switch from the next request on, menu included. */
#include <string.h>
#include "admin.h"

#define MAX_MODULES 128

int admin_modules(crm_req *r)
{
	crm_plugin_info info[MAX_MODULES];
	size_t n = crm_plugins(r, info, MAX_MODULES);
	/* The switches as set, apart from what dependencies make of them. */
	crm_rows *off = crm_db_query(r, "SELECT name FROM crm_plugin WHERE enabled = 0", NULL);
	if (!off)
		return CRM_EDB;
	xmlNodePtr c = admin_page(r, "admin.modules", "admin.modules_title", "/admin/modules");
	xmlNodePtr list = crm_xml_add(c, "modules", NULL);
	for (size_t i = 0; i < n; i++) {
		const crm_plugin_info *p = &info[i];
		/* A refused plugin is known by its file: its descriptor may be missing, or may
		 * repeat an accepted plugin's name, so the table keys it by the file's stem. */
		const char *file = p->path ? strrchr(p->path, '/') : NULL;
		file = file ? file + 1 : p->path ? p->path : "";
		const char *name = p->name;
		if (p->refused || !name) {
			const char *dot = strrchr(file, '.');
			name = crm_pstrndup(crm_req_pool(r), file, dot ? (size_t)(dot - file) : strlen(file));
		}
		bool switched_off = false;
		for (size_t j = 0; j < off->n_rows && !switched_off; j++)
			switched_off = !strcmp(crm_rows_get(off, j, 0), name);
		xmlNodePtr m = crm_xml_add(list, "module", NULL);
		crm_xml_attr(m, "name", name);
		crm_xml_attr(m, "plugin", p->name);
		crm_xml_attr(m, "file", file);
		crm_xml_attr(m, "version", p->version);
		crm_xml_attr(m, "title", p->title);
		crm_xml_attr(m, "status", p->refused ? "refused" : p->enabled ? "enabled" : "disabled");
		crm_xml_attr(m, "switch", switched_off ? "off" : "on");
		if (p->required)
			crm_xml_attr(m, "required", "1");
		if (p->refused)
			crm_xml_add(m, "reason", p->refused);
	}
	return 0;
}

static int module_switch(crm_req *r, int on)
{
	int rc = crm_plugin_set(r, crm_req_arg(r, "name"), on);
	if (rc == CRM_EDB)
		return CRM_EDB;
	if (rc < 0)
		crm_flash(r, "error", "admin.module_no_switch");
	else
		crm_flash(r, "ok", on ? "admin.module_enabled" : "admin.module_disabled");
	return crm_redirect(r, "/admin/modules");
}

int admin_module_enable(crm_req *r)
{
	return module_switch(r, 1);
}

int admin_module_disable(crm_req *r)
{
	return module_switch(r, 0);
}
