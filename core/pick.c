/* Picking a record by what a user typed into a form's field (a contact's name on a
 * lead): the entity's plugin answers "<entity>.search", so no plugin reads another's tables. */
#include <string.h>
#include <stdlib.h>
#include "core.h"

/* Candidates offered under a field at most. */
#define PICK_MAX 20

static bool entity_ok(const char *s)
{
	size_t n = 0;
	for (; s[n]; n++)
		if (!((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= '0' && s[n] <= '9') || s[n] == '_'))
			return false;
	return n > 0 && n <= 48;
}

static const char *prop(crm_pool *p, xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);
	const char *out = v ? crm_pstrdup(p, (const char *)v) : "";
	xmlFree(v);
	return out;
}

/* What the select shows: the name, and what tells two of one name apart. */
static const char *label(crm_pool *p, xmlNodePtr n)
{
	const char *name = prop(p, n, "name");
	if (!*name)
		name = prop(p, n, "title");
	const char *extra[] = {prop(p, n, "company"), prop(p, n, "email"), prop(p, n, "phone")};
	const char *out = name;
	size_t k = 0;
	for (size_t i = 0; i < CRM_LEN(extra); i++) {
		if (!*extra[i])
			continue;
		out = crm_psprintf(p, "%s%s%s", out, k++ ? ", " : " (", extra[i]);
	}
	return k ? crm_psprintf(p, "%s)", out) : out;
}

int64_t crm_pick(crm_req *r, const char *entity, const char *typed, xmlNodePtr field)
{
	crm_pool *p = r->pool;
	if (!entity || !entity_ok(entity))
		return CRM_EINVAL;
	if (!typed)
		return 0;
	while (*typed == ' ' || *typed == '\t')
		typed++;
	size_t len = strlen(typed);
	while (len && (typed[len - 1] == ' ' || typed[len - 1] == '\t'))
		len--;
	if (!len)
		return 0;
	crm_event *ev = crm_event_new(r, crm_psprintf(p, "%s.search", entity), entity, 0);
	crm_event_set(ev, "q", crm_pstrndup(p, typed, len));
	if (crm_event_publish(r, ev, NULL) < 0)
		return CRM_EINVAL;
	int64_t ids[PICK_MAX];
	xmlNodePtr nodes[PICK_MAX];
	size_t n = 0, n_exact = 0;
	int64_t exact = 0;
	for (xmlNodePtr c = crm_event_result(ev)->children; c && n < PICK_MAX; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		int64_t id = strtoll(prop(p, c, "id"), NULL, 10);
		bool seen = id <= 0;
		for (size_t i = 0; i < n && !seen; i++)
			seen = ids[i] == id;
		if (seen)
			continue;
		ids[n] = id;
		nodes[n++] = c;
		if (!strcmp(prop(p, c, "exact"), "1")) {
			n_exact++;
			exact = id;
		}
	}
	if (n == 1)
		return ids[0];
	/* "Anna Petrova" picks her even when "Anna Petrovskaya" starts the same way. */
	if (n_exact == 1)
		return exact;
	if (!n)
		return 0;
	for (size_t i = 0; field && i < n; i++) {
		xmlNodePtr o = crm_xml_add(field, "option", label(p, nodes[i]));
		crm_xml_attr_int(o, "value", ids[i]);
	}
	return CRM_ECONFLICT;
}
