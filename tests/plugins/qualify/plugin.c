/* Test plugin qualify: publishes "lead.qualified" as the leads plugin does when a lead
 * is qualified, with the arguments the test posts, in one transaction, and answers with
 * the deals the subscribers named, so that the deals plugin's subscriber can be tested
 * on its own. It never calls the deals plugin's code. */
#include <string.h>
#include <crm/crm.h>

static const char *const args[] = {
	"name", "contact_id", "company_id", "product_id", "manager_id", "budget", "currency", "description",
};

/* POST /qualify/{id}: "deal <id> <url>" per answer, one a line; "none" when no answer. */
static int qualify(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	int64_t id = crm_req_arg_id(r, "id");
	if (!id)
		return CRM_ENOTFOUND;
	if (crm_db_begin(r) < 0)
		return CRM_EDB;
	crm_event *ev = crm_event_new(r, "lead.qualified", "lead", id);
	for (size_t i = 0; i < CRM_LEN(args); i++) {
		const char *v = crm_req_form(r, args[i]);
		if (v)
			crm_event_set(ev, args[i], v);
	}
	if (crm_event_publish(r, ev, NULL) < 0 || crm_db_commit(r) < 0)
		return CRM_EDB;
	const char *out = "";
	for (xmlNodePtr c = crm_event_result(ev)->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "deal"))
			continue;
		xmlChar *did = xmlGetProp(c, BAD_CAST "id"), *url = xmlGetProp(c, BAD_CAST "url");
		out = crm_psprintf(p, "%sdeal %s %s\n", out, did ? (const char *)did : "", url ? (const char *)url : "");
		xmlFree(did);
		xmlFree(url);
	}
	if (!*out)
		out = "none\n";
	return crm_send(r, 200, "text/plain; charset=utf-8", out, strlen(out), NULL);
}

static const crm_route routes[] = {
	{"POST", "/qualify/{id}", qualify, "qualify.use", 0},
};

static const crm_permission permissions[] = {
	{.name = "qualify.use", .title = "qualify.perm_use"},
};

static const crm_plugin plugin = {
	.abi_major = CRM_ABI_MAJOR,
	.abi_minor = CRM_ABI_MINOR,
	.name = "qualify",
	.version = "1.0.0",
	.title = "qualify.title",
	.routes = routes, .n_routes = CRM_LEN(routes),
	.permissions = permissions, .n_permissions = CRM_LEN(permissions),
};

CRM_PLUGIN(plugin)
