/* Test plugin catalogprobe: asks "product.list" and "product.describe" as leads and
 * deals do and shows the answers as text, refuses deleting a product whose name holds
 * "locked" (as invoices will), and adds a panel to the product card. It never calls the
 * products plugin's code. */
#include <string.h>
#include <crm/crm.h>

/* The answer's products, one line each: id|name|sku|unit|price|currency|tax. */
static int show(crm_req *r, crm_event *ev)
{
	static const char *const attrs[] = {"id", "name", "sku", "unit", "price", "currency", "tax"};
	const char *out = "";
	for (xmlNodePtr n = crm_event_result(ev)->children; n; n = n->next) {
		for (size_t i = 0; i < CRM_LEN(attrs); i++) {
			xmlChar *v = xmlGetProp(n, BAD_CAST attrs[i]);
			out = crm_psprintf(crm_req_pool(r), "%s%s%s", out, i ? "|" : "", v ? (char *)v : "(none)");
			xmlFree(v);
		}
		out = crm_psprintf(crm_req_pool(r), "%s\n", out);
	}
	return crm_send(r, 200, "text/plain; charset=utf-8", out, strlen(out), NULL);
}

/* GET /catalogprobe/list */
static int probe_list(crm_req *r)
{
	crm_event *ev = crm_event_new(r, "product.list", "product", 0);
	crm_event_publish(r, ev, NULL);
	return show(r, ev);
}

/* GET /catalogprobe/describe?ids=1,2,3 */
static int probe_describe(crm_req *r)
{
	crm_event *ev = crm_event_new(r, "product.describe", "product", 0);
	const char *ids = crm_req_query(r, "ids");
	crm_event_set(ev, "ids", ids ? ids : "");
	crm_event_publish(r, ev, NULL);
	return show(r, ev);
}

static int on_deleting(crm_req *r, crm_event *ev)
{
	(void)r;
	const char *name = crm_event_get(ev, "name");
	if (name && strstr(name, "locked"))
		crm_event_veto(ev, "catalogprobe.in_use");
	return 0;
}

static int on_deleted(crm_req *r, crm_event *ev)
{
	(void)r;
	crm_log("info", "catalogprobe: product %lld deleted", (long long)crm_event_id(ev));
	return 0;
}

static int panel(crm_req *r, int64_t id, xmlNodePtr node)
{
	(void)r;
	crm_xml_add_int(node, "product", id);
	return 0;
}

static const crm_route routes[] = {
	{"GET", "/catalogprobe/list", probe_list, "catalogprobe.use", 0},
	{"GET", "/catalogprobe/describe", probe_describe, "catalogprobe.use", 0},
};

static const crm_permission permissions[] = {
	{.name = "catalogprobe.use", .title = "catalogprobe.perm_use"},
};

static const crm_subscription subscriptions[] = {
	{"product.deleting", on_deleting},
	{"product.deleted", on_deleted},
};

static const crm_panel panels[] = {
	{.entity = "product", .name = "catalogprobe.product", .title = "catalogprobe.panel_title", .fill = panel,
	 .permission = "catalogprobe.use"},
};

static const crm_plugin catalogprobe = {
	.abi_major = CRM_ABI_MAJOR,
	.abi_minor = CRM_ABI_MINOR,
	.name = "catalogprobe",
	.version = "1.0.0",
	.title = "catalogprobe.title",
	.routes = routes, .n_routes = CRM_LEN(routes),
	.permissions = permissions, .n_permissions = CRM_LEN(permissions),
	.panels = panels, .n_panels = CRM_LEN(panels),
	.subscriptions = subscriptions, .n_subscriptions = CRM_LEN(subscriptions),
};

CRM_PLUGIN(catalogprobe)
