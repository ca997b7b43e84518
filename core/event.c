/* Events between plugins: delivered in load order to subscribers of enabled plugins. */
#include <string.h>
#include "core.h"

struct crm_event {
	crm_req *r;
	const char *name, *entity;
	int64_t id;
	crm_field *args;
	xmlDocPtr doc;
	xmlNodePtr result;
	const char *veto;
};

static void free_doc(void *doc)
{
	xmlFreeDoc(doc);
}

crm_event *crm_event_new(crm_req *r, const char *name, const char *entity, int64_t id)
{
	crm_event *ev = crm_palloc(r->pool, sizeof *ev);
	ev->r = r;
	ev->name = crm_pstrdup(r->pool, name);
	ev->entity = crm_pstrdup(r->pool, entity ? entity : "");
	ev->id = id;
	return ev;
}

void crm_event_set(crm_event *ev, const char *key, const char *value)
{
	crm_field *f = crm_palloc(ev->r->pool, sizeof *f);
	f->name = crm_pstrdup(ev->r->pool, key);
	f->value = crm_pstrdup(ev->r->pool, value ? value : "");
	f->len = strlen(f->value);
	f->next = ev->args;
	ev->args = f;
}

const char *crm_event_get(const crm_event *ev, const char *key)
{
	for (const crm_field *f = ev->args; f; f = f->next)
		if (!strcmp(f->name, key))
			return f->value;
	return NULL;
}

int64_t *crm_event_ids(const crm_event *ev, const char *key, size_t max, size_t *n)
{
	int64_t *ids = crm_palloc(ev->r->pool, (max ? max : 1) * sizeof *ids);
	*n = 0;
	const char *s = crm_event_get(ev, key);
	while (s && *n < max) {
		/* Each item is read as crm_id reads a field: digits only, no sign or spaces. */
		char item[24];
		size_t len = strcspn(s, ",");
		int64_t v = 0;
		if (len < sizeof item) {
			memcpy(item, s, len);
			item[len] = '\0';
			v = crm_id(item);
		}
		bool seen = !v;
		for (size_t i = 0; i < *n && !seen; i++)
			seen = ids[i] == v;
		if (!seen)
			ids[(*n)++] = v;
		s = s[len] ? s + len + 1 : NULL;
	}
	return ids;
}

const char *crm_event_name(const crm_event *ev) { return ev->name; }
const char *crm_event_entity(const crm_event *ev) { return ev->entity; }
int64_t crm_event_id(const crm_event *ev) { return ev->id; }

xmlNodePtr crm_event_result(crm_event *ev)
{
	if (!ev->result) {
		ev->doc = xmlNewDoc(BAD_CAST "1.0");
		ev->result = xmlNewDocNode(ev->doc, NULL, BAD_CAST "result", NULL);
		xmlDocSetRootElement(ev->doc, ev->result);
		crm_pool_cleanup(ev->r->pool, free_doc, ev->doc);
	}
	return ev->result;
}

void crm_event_veto(crm_event *ev, const char *msg)
{
	if (!ev->veto)
		ev->veto = crm_pstrdup(ev->r->pool, msg ? msg : "core.vetoed");
}

int crm_event_publish(crm_req *r, crm_event *ev, const char **veto_msg)
{
	for (size_t i = 1; i < crm_rt.n_plugins; i++) {
		const crm_loaded *l = &crm_rt.plugins[i];
		if (l->refused || !crm_plugin_enabled(r, (int)i))
			continue;
		for (size_t j = 0; j < l->desc->n_subscriptions; j++) {
			const crm_subscription *s = &l->desc->subscriptions[j];
			if (strcmp(s->event, ev->name))
				continue;
			int rc = s->fn(r, ev);
			if (ev->veto) {
				if (veto_msg)
					*veto_msg = crm_t(r, ev->veto);
				crm_log("info", "event %s on %s %lld vetoed by %s", ev->name, ev->entity,
					(long long)ev->id, l->desc->name);
				return CRM_EVETO;
			}
			if (rc < 0)
				crm_log("warn", "event %s: subscriber in %s failed (%d)", ev->name,
					l->desc->name, rc);
		}
	}
	return 0;
}
