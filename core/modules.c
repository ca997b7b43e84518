/* What the admin pages see of the loader: every plugin's state, the switch, permissions. */
#include <string.h>
#include "core.h"

size_t crm_plugins(crm_req *r, crm_plugin_info *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 1; i < crm_rt.n_plugins && n < max; i++) {
		const crm_loaded *l = &crm_rt.plugins[i];
		out[n++] = (crm_plugin_info){
			.name = l->desc ? l->desc->name : NULL,
			.version = l->desc ? l->desc->version : NULL,
			.title = l->desc ? l->desc->title : NULL,
			.path = l->path,
			.refused = l->refused,
			.enabled = !l->refused && crm_plugin_enabled(r, (int)i),
			.required = l->desc && (l->desc->flags & CRM_PLUGIN_REQUIRED),
		};
	}
	return n;
}

int crm_plugin_set(crm_req *r, const char *name, int enabled)
{
	int i = crm_plugin_index(name ? name : "");
	if (i <= 0 || (crm_rt.plugins[i].desc->flags & CRM_PLUGIN_REQUIRED))
		return CRM_EINVAL;
	bool was = crm_plugin_enabled(r, i);
	if (crm_db_exec(r, "INSERT INTO crm_plugin (name, enabled) VALUES (?, ?) "
			   "ON DUPLICATE KEY UPDATE enabled = VALUES(enabled)",
			"si", name, (int64_t)!!enabled) < 0)
		return CRM_EDB;
	r->enabled = NULL; /* the menu of this very answer follows the change */
	if (was != !!enabled)
		crm_audit(r, "plugin.switch", "plugin", 0, name, was ? "enabled" : "disabled",
			  enabled ? "enabled" : "disabled");
	return 0;
}

size_t crm_permissions(crm_req *r, const crm_permission **out, size_t max)
{
	(void)r;
	size_t n = 0;
	for (size_t i = 0; i < crm_rt.n_plugins; i++) {
		const crm_loaded *l = &crm_rt.plugins[i];
		if (l->refused)
			continue;
		for (size_t j = 0; j < l->desc->n_permissions && n < max; j++)
			out[n++] = &l->desc->permissions[j];
	}
	return n;
}
