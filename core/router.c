/* Routing: method + path against every accepted plugin's patterns; the match with
 * the most literal segments wins, so /contacts/new beats /contacts/{id}. */
#include <stdlib.h>
#include <string.h>
#include "core.h"

static int literal_segments(const char *pattern)
{
	int n = 0;
	for (const char *s = pattern; *s; s++)
		if (*s == '/' && s[1] && s[1] != '{')
			n++;
	return n;
}

int crm_router_build(void)
{
	size_t n = 0;
	for (size_t i = 0; i < crm_rt.n_plugins; i++)
		if (!crm_rt.plugins[i].refused)
			n += crm_rt.plugins[i].desc->n_routes;
	free(crm_rt.routes);
	crm_rt.routes = calloc(n + 1, sizeof *crm_rt.routes);
	crm_rt.n_routes = 0;
	for (size_t i = 0; i < crm_rt.n_plugins; i++) {
		const crm_loaded *l = &crm_rt.plugins[i];
		if (l->refused)
			continue;
		for (size_t j = 0; j < l->desc->n_routes; j++)
			crm_rt.routes[crm_rt.n_routes++] = (crm_route_ent){
				.route = &l->desc->routes[j], .plugin = (int)i,
				.literal_segments = literal_segments(l->desc->routes[j].pattern)};
	}
	return 0;
}

/* Match path against pattern, recording {args} into r; 1 on a match. */
static int match(crm_req *r, const char *pattern, const char *path, bool record)
{
	int nargs = 0;
	const char *p = pattern, *s = path;
	while (*p && *s) {
		if (*p == '{') {
			const char *close = strchr(p, '}');
			const char *end = strchr(s, '/');
			if (!close)
				return 0;
			if (!end)
				end = s + strlen(s);
			if (end == s || nargs == CRM_MAX_ARGS)
				return 0;
			if (record) {
				r->arg_names[nargs] = crm_pstrndup(r->pool, p + 1, (size_t)(close - p - 1));
				r->arg_values[nargs] = crm_pstrndup(r->pool, s, (size_t)(end - s));
			}
			nargs++;
			p = close + 1;
			s = end;
			continue;
		}
		if (*p != *s)
			return 0;
		p++;
		s++;
	}
	if (*p || *s)
		return 0;
	if (record)
		r->n_args = nargs;
	return 1;
}

int crm_router_match(crm_req *r, const char **allow)
{
	int best = -1, best_any = -1;
	for (size_t i = 0; i < crm_rt.n_routes; i++) {
		const crm_route_ent *e = &crm_rt.routes[i];
		if (!match(r, e->route->pattern, r->path, false))
			continue;
		/* A disabled plugin's routes do not exist for this tenant. */
		if (e->plugin > 0 && !crm_plugin_enabled(r, e->plugin))
			continue;
		bool same = !strcmp(e->route->method, r->method) ||
			    (!strcmp(r->method, "HEAD") && !strcmp(e->route->method, "GET"));
		if (best_any < 0 || e->literal_segments > crm_rt.routes[best_any].literal_segments)
			best_any = (int)i;
		if (same && (best < 0 || e->literal_segments > crm_rt.routes[best].literal_segments))
			best = (int)i;
	}
	if (best >= 0) {
		match(r, crm_rt.routes[best].route->pattern, r->path, true);
		return best;
	}
	if (best_any < 0)
		return -404;
	/* The path exists with other methods: list them for the Allow header. */
	char *list = crm_pstrdup(r->pool, "");
	for (size_t i = 0; i < crm_rt.n_routes; i++) {
		const crm_route_ent *e = &crm_rt.routes[i];
		if (match(r, e->route->pattern, r->path, false) &&
		    (e->plugin == 0 || crm_plugin_enabled(r, e->plugin)) && !strstr(list, e->route->method))
			list = crm_psprintf(r->pool, "%s%s%s", list, *list ? ", " : "", e->route->method);
	}
	*allow = list;
	return -405;
}
