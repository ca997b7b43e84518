/* Rendering: one stylesheet per process made of the theme, every accepted plugin's
 * templates and the theme's overrides (later imports win), compiled at start-up;
 * then file and network access is forbidden for every transform. A page renders in
 * its thread's arena (xmlalloc.c) and is copied out into the request's pool. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <libxml/xpathInternals.h>
#include <libxslt/extensions.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xsltutils.h>
#include "core.h"
#include "xmlalloc.h"

#define CRM_NS "urn:crm"

static xsltSecurityPrefsPtr locked;

/* crm:t('key'): the message in the request's locale. It runs inside the page's arena
 * (xmlalloc.c): nothing it allocates through libxml2 may be kept past the page. */
static void xpath_t(xmlXPathParserContextPtr ctxt, int nargs)
{
	if (nargs != 1) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	xmlChar *key = xmlXPathPopString(ctxt);
	xsltTransformContextPtr tctxt = xsltXPathGetTransformContext(ctxt);
	crm_req *r = tctxt ? tctxt->_private : NULL;
	const char *v = crm_i18n_get(r ? r->locale : "en", (const char *)key);
	valuePush(ctxt, xmlXPathNewString(BAD_CAST v));
	xmlFree(key);
}

static bool is_file(const char *path)
{
	struct stat st;
	return !stat(path, &st) && S_ISREG(st.st_mode);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.xsl files of dir, sorted; *n is their count. Caller frees. */
static char **xsl_files(const char *dir, size_t *n)
{
	*n = 0;
	DIR *d = opendir(dir);
	if (!d)
		return NULL;
	size_t cap = 16;
	char **list = malloc(cap * sizeof *list);
	struct dirent *de;
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		if (len < 5 || strcmp(de->d_name + len - 4, ".xsl"))
			continue;
		if (*n == cap)
			list = realloc(list, (cap *= 2) * sizeof *list);
		size_t sz = strlen(dir) + len + 2;
		list[*n] = malloc(sz);
		snprintf(list[(*n)++], sz, "%s/%s", dir, de->d_name);
	}
	closedir(d);
	qsort(list, *n, sizeof *list, by_name);
	return list;
}

static void free_list(char **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

static void add_import(xmlNodePtr root, xmlNsPtr ns, const char *path)
{
	xmlNodePtr imp = xmlNewChild(root, ns, BAD_CAST "import", NULL);
	xmlSetProp(imp, BAD_CAST "href", BAD_CAST path);
}

/* Import every template of dir; with check, refuse plugin when one does not compile. */
static int import_dir(xmlNodePtr root, xmlNsPtr ns, const char *dir, crm_loaded *plugin)
{
	size_t n;
	char **files = xsl_files(dir, &n);
	for (size_t i = 0; i < n && plugin && !plugin->refused; i++) {
		xsltStylesheetPtr alone = xsltParseStylesheetFile(BAD_CAST files[i]);
		if (!alone) {
			char buf[512];
			snprintf(buf, sizeof buf, "template %s does not compile", files[i]);
			plugin->refused = strdup(buf);
			crm_log("error", "plugin %s refused: %s", plugin->desc->name, buf);
		}
		xsltFreeStylesheet(alone);
	}
	if (!plugin || !plugin->refused)
		for (size_t i = 0; i < n; i++)
			add_import(root, ns, files[i]);
	free_list(files, n);
	return 0;
}

int crm_render_init(const crm_config *c)
{
	xsltRegisterExtModuleFunction(BAD_CAST "t", BAD_CAST CRM_NS, xpath_t);
	char path[2048], theme[512];
	snprintf(theme, sizeof theme, "%s/themes/%s", c->data_dir, c->theme);
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlNewDocNode(doc, NULL, BAD_CAST "stylesheet", NULL);
	xmlNsPtr ns = xmlNewNs(root, XSLT_NAMESPACE, BAD_CAST "xsl");
	xmlSetNs(root, ns);
	xmlSetProp(root, BAD_CAST "version", BAD_CAST "1.0");
	xmlDocSetRootElement(doc, root);
	const char *base[] = {"layout.xsl", "widgets.xsl", "core.xsl"};
	for (size_t i = 0; i < CRM_LEN(base); i++) {
		snprintf(path, sizeof path, "%s/%s", theme, base[i]);
		if (!is_file(path)) {
			crm_log("error", "theme %s has no %s", theme, base[i]);
			xmlFreeDoc(doc);
			return -1;
		}
		add_import(root, ns, path);
	}
	/* The core services' widgets (tags, history, custom fields, files, import). */
	snprintf(path, sizeof path, "%s/services", theme);
	import_dir(root, ns, path, NULL);
	for (size_t i = 1; i < crm_rt.n_plugins; i++) {
		crm_loaded *l = &crm_rt.plugins[i];
		if (l->refused)
			continue;
		char dir[1024];
		crm_plugin_data_dir(c, l->desc->name, dir, sizeof dir);
		snprintf(path, sizeof path, "%s/xsl", dir);
		import_dir(root, ns, path, l);
	}
	for (size_t i = 1; i < crm_rt.n_plugins; i++) {
		crm_loaded *l = &crm_rt.plugins[i];
		if (l->refused)
			continue;
		snprintf(path, sizeof path, "%s/override/%s", theme, l->desc->name);
		import_dir(root, ns, path, NULL);
	}
	doc->URL = xmlStrdup(BAD_CAST theme);
	crm_rt.sheet = xsltParseStylesheetDoc(doc);
	if (!crm_rt.sheet) {
		crm_log("error", "the combined stylesheet does not compile");
		xmlFreeDoc(doc);
		return -1;
	}
	/* From here on no stylesheet may touch files or the network. */
	locked = xsltNewSecurityPrefs();
	xsltSecurityOption opts[] = {XSLT_SECPREF_READ_FILE, XSLT_SECPREF_WRITE_FILE,
				     XSLT_SECPREF_CREATE_DIRECTORY, XSLT_SECPREF_READ_NETWORK,
				     XSLT_SECPREF_WRITE_NETWORK};
	for (size_t i = 0; i < CRM_LEN(opts); i++)
		xsltSetSecurityPrefs(locked, opts[i], xsltSecurityForbid);
	xsltSetDefaultSecurityPrefs(locked);
	return 0;
}

void crm_render_end(void)
{
	if (crm_rt.sheet)
		xsltFreeStylesheet(crm_rt.sheet);
	crm_rt.sheet = NULL;
	xsltSetDefaultSecurityPrefs(NULL);
	if (locked)
		xsltFreeSecurityPrefs(locked);
	locked = NULL;
	xsltCleanupGlobals();
}

int crm_render_page(crm_req *r, const char **out, size_t *len)
{
	*out = NULL;
	*len = 0;
	if (!crm_rt.sheet)
		return -1;
	bool arena = crm_xmlalloc_begin();
	int rc = -1;
	xmlDocPtr res = NULL;
	xsltTransformContextPtr ctxt = xsltNewTransformContext(crm_rt.sheet, r->page);
	if (ctxt) {
		xsltSetCtxtSecurityPrefs(locked, ctxt);
		ctxt->_private = r;
		res = xsltApplyStylesheetUser(crm_rt.sheet, r->page, NULL, NULL, NULL, ctxt);
		xmlChar *html = NULL;
		int n = 0;
		if (res && ctxt->state == XSLT_STATE_OK &&
		    !xsltSaveResultToString(&html, &n, res, crm_rt.sheet) && html && n >= 0) {
			*out = crm_pstrndup(r->pool, (const char *)html, (size_t)n);
			*len = (size_t)n;
			rc = 0;
		}
		xmlFree(html);
		xsltFreeTransformContext(ctxt);
	}
	if (arena && res) {
		/* The nodes are arena memory and hold no reference to anything else: the
		 * document goes without walking them. Its dictionary and ID table do hold
		 * references (to the stylesheet's dictionary), which xmlFreeDoc gives back. */
		res->children = res->last = NULL;
	}
	xmlFreeDoc(res);
	if (arena)
		crm_xmlalloc_end();
	return rc;
}
