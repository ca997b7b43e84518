/* Message catalogs: the theme's and each plugin's i18n/{en,ru}.xml, loaded once per process. */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <libxml/hash.h>
#include <libxml/parser.h>
#include "core.h"

static const char *const locales[] = {"en", "ru"};
static xmlHashTablePtr catalogs[2];

static int locale_index(const char *locale)
{
	for (size_t i = 0; i < CRM_LEN(locales); i++)
		if (locale && !strcmp(locale, locales[i]))
			return (int)i;
	return 0;
}

static void free_entry(void *payload, const xmlChar *name)
{
	(void)name;
	xmlFree(payload);
}

static int load_file(xmlHashTablePtr h, const char *path)
{
	if (access(path, R_OK))
		return 0;
	xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
	if (!doc) {
		crm_log("error", "catalog %s is not well-formed XML", path);
		return -1;
	}
	for (xmlNodePtr n = xmlDocGetRootElement(doc)->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || xmlStrcmp(n->name, BAD_CAST "m"))
			continue;
		xmlChar *k = xmlGetProp(n, BAD_CAST "k");
		if (k) {
			/* Later files (plugins) may override the theme's texts. */
			xmlHashUpdateEntry(h, k, xmlNodeGetContent(n), free_entry);
			xmlFree(k);
		}
	}
	xmlFreeDoc(doc);
	return 0;
}

int crm_i18n_load(const crm_config *c)
{
	crm_i18n_end();
	int rc = 0;
	for (size_t l = 0; l < CRM_LEN(locales); l++) {
		catalogs[l] = xmlHashCreate(512);
		char path[1024];
		snprintf(path, sizeof path, "%s/themes/%s/i18n/%s.xml", c->data_dir, c->theme, locales[l]);
		rc |= load_file(catalogs[l], path);
		for (size_t i = 1; i < crm_rt.n_plugins; i++) {
			if (crm_rt.plugins[i].refused)
				continue;
			char dir[768];
			crm_plugin_data_dir(c, crm_rt.plugins[i].desc->name, dir, sizeof dir);
			snprintf(path, sizeof path, "%s/i18n/%s.xml", dir, locales[l]);
			rc |= load_file(catalogs[l], path);
		}
	}
	return rc;
}

void crm_i18n_end(void)
{
	for (size_t l = 0; l < CRM_LEN(locales); l++) {
		if (catalogs[l])
			xmlHashFree(catalogs[l], free_entry);
		catalogs[l] = NULL;
	}
}

const char *crm_i18n_get(const char *locale, const char *key)
{
	if (!key)
		return "";
	int l = locale_index(locale);
	const char *v = catalogs[l] ? xmlHashLookup(catalogs[l], BAD_CAST key) : NULL;
	if (!v && l && catalogs[0])
		v = xmlHashLookup(catalogs[0], BAD_CAST key);
	return v ? v : key;
}

/* The first of our locales in the browser's Accept-Language, by quality. */
const char *crm_locale_pick(const char *al, const char *fallback)
{
	const char *best = NULL;
	double best_q = -1;
	for (const char *s = al; s && *s;) {
		while (*s == ' ' || *s == ',')
			s++;
		const char *end = strchr(s, ',');
		size_t len = end ? (size_t)(end - s) : strlen(s);
		double q = 1;
		const char *semi = memchr(s, ';', len);
		if (semi) {
			const char *qp = strstr(semi, "q=");
			if (qp && qp < s + len)
				sscanf(qp + 2, "%lf", &q);
		}
		/* q=0 means "not acceptable" (RFC 9110 12.4.2), not "least preferred". */
		for (size_t i = 0; q > 0 && i < CRM_LEN(locales); i++)
			if (!strncasecmp(s, locales[i], 2) && (len == 2 || s[2] == '-' || s[2] == ';' || s[2] == '_') &&
			    q > best_q) {
				best = locales[i];
				best_q = q;
			}
		s = end;
	}
	if (best)
		return best;
	return locales[locale_index(fallback)];
}
