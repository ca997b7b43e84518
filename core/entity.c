/* Entity types as the record services see them (looked up by name among the accepted
 * plugins), and the small pieces those services share: safe SQL names, JSON arrays
 * for set-based statements, form detection and UTF-8 counting. */
#include <stdio.h>
#include <string.h>
#include "core.h"

size_t crm_entity_types(crm_req *r, const crm_entity_type **out, size_t max)
{
	(void)r;
	size_t n = 0;
	for (size_t i = 1; i < crm_rt.n_plugins; i++) {
		const crm_loaded *l = &crm_rt.plugins[i];
		if (l->refused || !l->desc)
			continue;
		for (size_t j = 0; j < l->desc->n_entities && n < max; j++)
			if (crm_sql_name(l->desc->entities[j].name) && crm_sql_name(l->desc->entities[j].table))
				out[n++] = &l->desc->entities[j];
	}
	return n;
}

const crm_entity_type *crm_entity_find(crm_req *r, const char *name)
{
	if (!crm_sql_name(name))
		return NULL;
	for (size_t i = 1; i < crm_rt.n_plugins; i++) {
		const crm_loaded *l = &crm_rt.plugins[i];
		if (l->refused || !l->desc)
			continue;
		for (size_t j = 0; j < l->desc->n_entities; j++) {
			const crm_entity_type *t = &l->desc->entities[j];
			if (!strcmp(t->name, name))
				return crm_sql_name(t->table) && crm_plugin_enabled(r, (int)i) ? t : NULL;
		}
	}
	return NULL;
}

const crm_entity_type *crm_entity_writable(crm_req *r, int64_t *id, int *rc)
{
	const crm_entity_type *t = crm_entity_find(r, crm_req_arg(r, "entity"));
	*id = crm_req_arg_id(r, "id");
	*rc = CRM_ENOTFOUND;
	if (!t || *id <= 0)
		return NULL;
	int ok = crm_access_check(r, t->table, t->name, *id, CRM_WRITE);
	if (ok <= 0) {
		*rc = ok < 0 ? ok : CRM_ENOTFOUND;
		return NULL;
	}
	return t;
}

const char *crm_entity_url(crm_req *r, const crm_entity_type *t, int64_t id)
{
	/* The pattern is the plugin's constant with one %lld (checked here, not trusted). */
	const char *p = strstr(t->url, "%lld");
	if (!p || strchr(p + 4, '%') || memchr(t->url, '%', (size_t)(p - t->url)))
		return "/";
	return crm_psprintf(r->pool, "%.*s%lld%s", (int)(p - t->url), t->url, (long long)id, p + 4);
}

bool crm_sql_name(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	return n && n <= 48 && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") == n;
}

const char *crm_json_ids(crm_pool *p, const int64_t *ids, size_t n)
{
	char *out = crm_palloc(p, n * 21 + 3), *o = out;
	*o++ = '[';
	for (size_t i = 0; i < n; i++)
		o += sprintf(o, "%s%lld", i ? "," : "", (long long)ids[i]);
	*o++ = ']';
	*o = 0;
	return out;
}

/* s as a JSON string at o (quotes included); returns the end. UTF-8 passes as it is. */
static char *json_string(char *o, const char *s)
{
	*o++ = '"';
	for (const unsigned char *c = (const unsigned char *)(s ? s : ""); *c; c++) {
		if (*c == '"' || *c == '\\') {
			*o++ = '\\';
			*o++ = (char)*c;
		} else if (*c < 0x20) {
			o += sprintf(o, "\\u%04x", *c);
		} else {
			*o++ = (char)*c;
		}
	}
	*o++ = '"';
	return o;
}

const char *crm_json_strings(crm_pool *p, const char *const *s, size_t n)
{
	size_t cap = 3;
	for (size_t i = 0; i < n; i++)
		cap += (s[i] ? strlen(s[i]) : 0) * 6 + 3;
	char *out = crm_palloc(p, cap), *o = out;
	*o++ = '[';
	for (size_t i = 0; i < n; i++) {
		if (i)
			*o++ = ',';
		o = json_string(o, s[i]);
	}
	*o++ = ']';
	*o = 0;
	return out;
}

const char *crm_json_id_strings(crm_pool *p, const int64_t *ids, const char *const *s, size_t n)
{
	size_t cap = 3;
	for (size_t i = 0; i < n; i++)
		cap += (s[i] ? strlen(s[i]) : 0) * 6 + 27;
	char *out = crm_palloc(p, cap), *o = out;
	*o++ = '[';
	for (size_t i = 0; i < n; i++) {
		o += sprintf(o, "%s[%lld,", i ? "," : "", (long long)ids[i]);
		o = json_string(o, s[i]);
		*o++ = ']';
	}
	*o++ = ']';
	*o = 0;
	return out;
}

bool crm_xml_in_form(xmlNodePtr node)
{
	for (; node && node->type == XML_ELEMENT_NODE; node = node->parent)
		if (!xmlStrcmp(node->name, BAD_CAST "form"))
			return true;
	return false;
}

size_t crm_utf8_chars(const char *s)
{
	size_t n = 0;
	for (const unsigned char *c = (const unsigned char *)s; c && *c; c++)
		n += (*c & 0xC0) != 0x80;
	return n;
}
