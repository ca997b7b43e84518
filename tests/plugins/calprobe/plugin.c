/* Test plugin calprobe: asks "calendar.items" as the calendar page does and answers the
 * items found as plain text lines, so tests see what a subscriber gives a user. */
#include <stdlib.h>
#include <string.h>
#include <crm/crm.h>

/* GET /calprobe/items?from=..&to=..: one line "kind|id|start|end|title|url" per item. */
static int calprobe_items(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	crm_event *ev = crm_event_new(r, "calendar.items", "", 0);
	const char *from = crm_req_query(r, "from"), *to = crm_req_query(r, "to");
	crm_event_set(ev, "from", from ? from : "");
	crm_event_set(ev, "to", to ? to : "");
	crm_event_publish(r, ev, NULL);
	const char *out = "";
	static const char *const attrs[] = {"kind", "id", "start", "end", "title", "url"};
	for (xmlNodePtr n = crm_event_result(ev)->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (size_t i = 0; i < CRM_LEN(attrs); i++) {
			xmlChar *v = xmlGetProp(n, BAD_CAST attrs[i]);
			out = crm_psprintf(p, "%s%s%s", out, i ? "|" : "", v ? (const char *)v : "");
			xmlFree(v);
		}
		out = crm_psprintf(p, "%s\n", out);
	}
	return crm_send(r, 200, "text/plain; charset=utf-8", out, strlen(out), NULL);
}

static const crm_route routes[] = {
	{"GET", "/calprobe/items", calprobe_items, "calprobe.use", 0},
};

static const crm_permission permissions[] = {
	{.name = "calprobe.use", .title = "calprobe.perm_use"},
};

static const crm_plugin calprobe = {
	.abi_major = CRM_ABI_MAJOR,
	.abi_minor = CRM_ABI_MINOR,
	.name = "calprobe",
	.version = "1.0.0",
	.title = "calprobe.title",
	.routes = routes, .n_routes = CRM_LEN(routes),
	.permissions = permissions, .n_permissions = CRM_LEN(permissions),
};

CRM_PLUGIN(calprobe)
