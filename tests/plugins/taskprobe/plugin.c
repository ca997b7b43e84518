/* Test plugin taskprobe: keeps every "mail.notify" it hears (an email plugin would send
 * them) and asks "task.next" as a lead card does, answering in plain text, so the tests
 * see what the tasks plugin gives other plugins. */
#include <stdlib.h>
#include <string.h>
#include <crm/crm.h>
#include "migrations.inc"

/* "mail.notify": one row per message asked for. */
static int taskprobe_on_mail(crm_req *r, crm_event *ev)
{
	const char *user = crm_event_get(ev, "user_id"), *subject = crm_event_get(ev, "subject");
	const char *text = crm_event_get(ev, "text"), *url = crm_event_get(ev, "url");
	return crm_db_exec(r, "INSERT INTO taskprobe_mail (user_id, subject, text, url, entity, record_id) "
			      "VALUES (?, ?, ?, ?, ?, ?)", "sssssi", user ? user : "", subject ? subject : "",
			   text ? text : "", url ? url : "", crm_event_entity(ev), crm_event_id(ev)) < 0 ? CRM_EDB : 0;
}

/* GET /taskprobe/next?entity=..&id=..: "id|title|due|url" of the record's next task, or "". */
static int taskprobe_next(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	const char *entity = crm_req_query(r, "entity"), *id = crm_req_query(r, "id");
	crm_event *ev = crm_event_new(r, "task.next", entity ? entity : "", id ? strtoll(id, NULL, 10) : 0);
	crm_event_publish(r, ev, NULL);
	const char *out = "";
	static const char *const attrs[] = {"id", "title", "due", "url"};
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
	{"GET", "/taskprobe/next", taskprobe_next, "taskprobe.use", 0},
};

static const crm_permission permissions[] = {
	{.name = "taskprobe.use", .title = "taskprobe.perm_use"},
};

static const crm_subscription subscriptions[] = {
	{"mail.notify", taskprobe_on_mail},
};

static const crm_plugin taskprobe = {
	.abi_major = CRM_ABI_MAJOR,
	.abi_minor = CRM_ABI_MINOR,
	.name = "taskprobe",
	.version = "1.0.0",
	.title = "taskprobe.title",
	.routes = routes, .n_routes = CRM_LEN(routes),
	.migrations = migrations, .n_migrations = CRM_LEN(migrations),
	.permissions = permissions, .n_permissions = CRM_LEN(permissions),
	.subscriptions = subscriptions, .n_subscriptions = CRM_LEN(subscriptions),
};

CRM_PLUGIN(taskprobe)
