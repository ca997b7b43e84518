/* The plugin loader: dlopen every *.so in plugins_dir, check each descriptor as data
 * before anything of it runs, refuse what fails with a reason, keep the rest. */
#include <ctype.h>
#include <dirent.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "core.h"

crm_runtime crm_rt;

static char *reason(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *reason(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return strdup(buf);
}

static bool valid_name(const char *s)
{
	if (!s || !*s || strlen(s) > 48)
		return false;
	for (; *s; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != '_')
			return false;
	return true;
}

static bool declares(const crm_plugin *p, const char *perm)
{
	for (size_t i = 0; i < p->n_permissions; i++)
		if (!strcmp(p->permissions[i].name, perm))
			return true;
	return false;
}

static bool valid_method(const char *m)
{
	static const char *const ok[] = {"GET", "POST", "PUT", "DELETE", "PATCH"};
	for (size_t i = 0; i < CRM_LEN(ok); i++)
		if (m && !strcmp(m, ok[i]))
			return true;
	return false;
}

/* A permission a route may name: public, its own, or one of the plugins it depends on. */
static bool known_permission(const crm_plugin *p, const char *perm)
{
	if (!strcmp(perm, CRM_PERM_PUBLIC) || declares(p, perm) || declares(&crm_core_plugin, perm))
		return true;
	for (const char *const *d = p->depends; d && *d; d++) {
		int i = crm_plugin_index(*d);
		if (i >= 0 && declares(crm_rt.plugins[i].desc, perm))
			return true;
	}
	return false;
}

/* An importer: for one of the plugin's own entity types, with fields named like
 * columns (a-z, 0-9, _), each once, and an apply function; or, for a type the plugin
 * only exports, export_all alone. */
static char *check_importer(const crm_plugin *p, const crm_importer *imp)
{
	bool own = false;
	for (size_t e = 0; imp->entity && e < p->n_entities; e++)
		own |= p->entities[e].name && !strcmp(p->entities[e].name, imp->entity);
	if (!own)
		return reason("importer for '%s' is not for one of the plugin's entity types",
			      imp->entity ? imp->entity : "(none)");
	if (!imp->title || !imp->permission || (!imp->apply && !imp->export_all) ||
	    (imp->apply && (!imp->fields || !imp->n_fields)))
		return reason("importer for '%s' needs a title, a permission, and fields with apply or export_all",
			      imp->entity);
	for (size_t f = 0; f < imp->n_fields; f++) {
		if (!valid_name(imp->fields[f].name) || !imp->fields[f].title)
			return reason("importer for '%s': field %zu needs a name (a-z, 0-9, _) and a title",
				      imp->entity, f);
		for (size_t g = 0; g < f; g++)
			if (!strcmp(imp->fields[f].name, imp->fields[g].name))
				return reason("importer for '%s': field '%s' is declared twice", imp->entity,
					      imp->fields[f].name);
	}
	return NULL;
}

/* Checks that need only the descriptor itself. */
static char *check_descriptor(const crm_plugin *p)
{
	if (p->abi_major != CRM_ABI_MAJOR || p->abi_minor > CRM_ABI_MINOR)
		return reason("built for plugin ABI %u.%u, this core has %d.%d", p->abi_major,
			      p->abi_minor, CRM_ABI_MAJOR, CRM_ABI_MINOR);
	if (!valid_name(p->name))
		return reason("invalid name (use a-z, 0-9, _)");
	if (!p->version || !p->title)
		return reason("no version or title");
	for (size_t i = 0; i < p->n_permissions; i++)
		if (!p->permissions[i].name || strncmp(p->permissions[i].name, p->name, strlen(p->name)) ||
		    p->permissions[i].name[strlen(p->name)] != '.')
			return reason("permission %zu is not named %s.<what>", i, p->name);
	for (size_t i = 0; i < p->n_routes; i++) {
		const crm_route *r = &p->routes[i];
		if (!valid_method(r->method) || !r->pattern || r->pattern[0] != '/' || !r->handler)
			return reason("route %zu is incomplete (method, pattern, handler)", i);
		if (!r->permission)
			return reason("route %s %s declares no permission", r->method, r->pattern);
	}
	unsigned last = 0;
	for (size_t i = 0; i < p->n_migrations; i++) {
		if (p->migrations[i].id <= last || !p->migrations[i].sql || !p->migrations[i].name)
			return reason("migration %zu: ids must increase and each needs a name and SQL", i);
		last = p->migrations[i].id;
	}
	for (size_t i = 0; i < p->n_menu; i++)
		if (!p->menu[i].href || !p->menu[i].title || !p->menu[i].permission)
			return reason("menu entry %zu needs href, title and permission", i);
	for (size_t i = 0; i < p->n_entities; i++)
		if (!valid_name(p->entities[i].name) || !p->entities[i].url || !valid_name(p->entities[i].table))
			return reason("entity type %zu needs a name, a url and a table (a-z, 0-9, _)", i);
	for (size_t i = 0; i < p->n_panels; i++)
		if (!p->panels[i].entity || !p->panels[i].name || !p->panels[i].fill || !p->panels[i].permission)
			return reason("panel %zu needs entity, name, fill and permission", i);
	for (size_t i = 0; i < p->n_list_actions; i++) {
		const crm_list_action *a = &p->list_actions[i];
		/* The url is a form's target on our own pages: a local path only. */
		if (!a->entity || !a->name || !a->title || !a->permission || !a->url || a->url[0] != '/' ||
		    a->url[1] == '/' || a->url[1] == '\\')
			return reason("list action %zu needs entity, name, title, permission and a local url", i);
		for (size_t j = 0; j < i; j++)
			if (!strcmp(p->list_actions[j].name, a->name))
				return reason("list action %s is declared twice", a->name);
	}
	for (size_t i = 0; i < p->n_subscriptions; i++)
		if (!p->subscriptions[i].event || !p->subscriptions[i].fn)
			return reason("subscription %zu needs an event and a function", i);
	for (size_t i = 0; i < p->n_jobs; i++)
		if (!p->jobs[i].name || !p->jobs[i].run || !p->jobs[i].interval_s)
			return reason("job %zu needs a name, a function and an interval", i);
	for (size_t i = 0; i < p->n_importers; i++) {
		char *why = check_importer(p, &p->importers[i]);
		if (why)
			return why;
	}
	return NULL;
}

/* A plugin's xsl/ and i18n/: the first <dir>/<name> of the plugin_data list that exists. */
void crm_plugin_data_dir(const crm_config *c, const char *name, char *buf, size_t len)
{
	struct stat st;
	for (const char *d = c->plugin_data; d && *d;) {
		size_t n = strcspn(d, ":");
		snprintf(buf, len, "%.*s/%s", (int)n, d, name);
		if (!stat(buf, &st) && S_ISDIR(st.st_mode))
			return;
		d += n + (d[n] == ':');
	}
	snprintf(buf, len, "%s/plugins/%s", c->data_dir, name);
}

int crm_plugin_index(const char *name)
{
	for (size_t i = 0; i < crm_rt.n_plugins; i++)
		if (crm_rt.plugins[i].desc && !crm_rt.plugins[i].refused &&
		    !strcmp(crm_rt.plugins[i].desc->name, name))
			return (int)i;
	return -1;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Same method and same shape ({x} and {y} are the same segment). */
static bool same_route(const crm_route *a, const crm_route *b)
{
	if (strcmp(a->method, b->method))
		return false;
	const char *x = a->pattern, *y = b->pattern;
	while (*x && *y) {
		if (*x == '{' && *y == '{') {
			x = strchr(x, '}');
			y = strchr(y, '}');
			if (!x || !y)
				return false;
		} else if (*x != *y) {
			return false;
		}
		x++;
		y++;
	}
	return !*x && !*y;
}

static char *check_against_accepted(size_t idx)
{
	const crm_plugin *p = crm_rt.plugins[idx].desc;
	for (const char *const *d = p->depends; d && *d; d++)
		if (crm_plugin_index(*d) < 0)
			return reason("depends on plugin '%s', which is missing or refused", *d);
	for (size_t i = 0; i < p->n_routes; i++)
		if (!known_permission(p, p->routes[i].permission))
			return reason("route %s %s names undeclared permission %s", p->routes[i].method,
				      p->routes[i].pattern, p->routes[i].permission);
	for (size_t i = 0; i < p->n_list_actions; i++)
		if (!known_permission(p, p->list_actions[i].permission))
			return reason("list action %s names undeclared permission %s", p->list_actions[i].name,
				      p->list_actions[i].permission);
	for (size_t i = 0; i < p->n_importers; i++)
		if (!known_permission(p, p->importers[i].permission))
			return reason("importer for '%s' names undeclared permission %s", p->importers[i].entity,
				      p->importers[i].permission);
	for (size_t j = 0; j < crm_rt.n_plugins; j++) {
		const crm_loaded *o = &crm_rt.plugins[j];
		if (j == idx || o->refused || !o->desc)
			continue;
		if (j < idx && !strcmp(o->desc->name, p->name))
			return reason("a plugin named '%s' is already loaded from %s", p->name,
				      o->path ? o->path : "the core");
		for (size_t a = 0; a < p->n_routes; a++)
			for (size_t b = 0; b < o->desc->n_routes; b++)
				if (j < idx && same_route(&p->routes[a], &o->desc->routes[b]))
					return reason("route %s %s is already declared by '%s'",
						      p->routes[a].method, p->routes[a].pattern,
						      o->desc->name);
	}
	return NULL;
}

int crm_plugins_load(const crm_config *c, bool log_refusals)
{
	crm_rt.n_plugins = 0;
	crm_rt.plugins[crm_rt.n_plugins++] = (crm_loaded){.desc = &crm_core_plugin};
	DIR *dir = opendir(c->plugins_dir);
	if (!dir) {
		crm_log("warn", "plugins_dir %s cannot be read; running with the core only",
			c->plugins_dir);
		return 0;
	}
	char *names[CRM_MAX_PLUGINS];
	size_t n = 0;
	struct dirent *de;
	while ((de = readdir(dir)) && n < CRM_MAX_PLUGINS - 1) {
		size_t len = strlen(de->d_name);
		if (len > 3 && !strcmp(de->d_name + len - 3, ".so"))
			names[n++] = strdup(de->d_name);
	}
	closedir(dir);
	qsort(names, n, sizeof *names, by_name);
	for (size_t i = 0; i < n; i++) {
		crm_loaded *l = &crm_rt.plugins[crm_rt.n_plugins++];
		*l = (crm_loaded){0};
		l->path = reason("%s/%s", c->plugins_dir, names[i]);
		free(names[i]);
		l->handle = dlopen(l->path, RTLD_NOW | RTLD_LOCAL);
		if (!l->handle) {
			l->refused = reason("cannot be loaded: %s", dlerror());
			continue;
		}
		const crm_plugin *(*entry)(void);
		*(void **)&entry = dlsym(l->handle, CRM_PLUGIN_ENTRY);
		if (!entry) {
			l->refused = reason("exports no %s()", CRM_PLUGIN_ENTRY);
			continue;
		}
		l->desc = entry();
		if (!l->desc)
			l->refused = reason("%s() returned nothing", CRM_PLUGIN_ENTRY);
		else
			l->refused = check_descriptor(l->desc);
	}
	/* Dependencies, duplicates and permissions: repeat until nothing more is refused,
	 * since refusing one plugin may leave another without its dependency. */
	for (bool changed = true; changed;) {
		changed = false;
		for (size_t i = 1; i < crm_rt.n_plugins; i++) {
			crm_loaded *l = &crm_rt.plugins[i];
			if (l->refused)
				continue;
			l->refused = check_against_accepted(i);
			changed |= l->refused != NULL;
		}
	}
	for (size_t i = 1; i < crm_rt.n_plugins && log_refusals; i++) {
		crm_loaded *l = &crm_rt.plugins[i];
		if (l->refused)
			crm_log("error", "plugin %s refused: %s", l->path, l->refused);
		else
			crm_log("info", "plugin %s %s loaded from %s", l->desc->name, l->desc->version,
				l->path);
	}
	return 0;
}

/* Handles stay open: no live process unloads a plugin; this only frees our records. */
void crm_plugins_unload(void)
{
	for (size_t i = 0; i < crm_rt.n_plugins; i++) {
		free(crm_rt.plugins[i].path);
		free(crm_rt.plugins[i].refused);
	}
	crm_rt.n_plugins = 0;
}
