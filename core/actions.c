/* List actions: the buttons other plugins add under a list of ticked rows (the contacts
 * list's "create a task"), collected from the enabled plugins for the user. */
#include <string.h>
#include "core.h"

void crm_page_list_actions(crm_req *r, const char *entity, xmlNodePtr parent)
{
	for (size_t i = 1; i < crm_rt.n_plugins; i++) {
		const crm_loaded *l = &crm_rt.plugins[i];
		if (l->refused || !crm_plugin_enabled(r, (int)i))
			continue;
		for (size_t j = 0; j < l->desc->n_list_actions; j++) {
			const crm_list_action *a = &l->desc->list_actions[j];
			if (strcmp(a->entity, entity) || !crm_req_can(r, a->permission))
				continue;
			xmlNodePtr node = crm_xml_add(parent, "list-action", NULL);
			crm_xml_attr(node, "name", a->name);
			crm_xml_attr(node, "title", a->title);
			crm_xml_attr(node, "url", a->url);
		}
	}
}
