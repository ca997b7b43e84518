/* One request, in the order DESIGN.md gives: parse, tenant, route, permission and
 * CSRF, handler, then the answer; every failure becomes a page, never a crash. */
#include <string.h>
#include <time.h>
#include <sodium.h>
#include "core.h"

/* The flags a permission was declared with; false when nobody declared it. */
static bool declared(const char *permission, unsigned *flags)
{
	for (size_t i = 0; i < crm_rt.n_plugins; i++) {
		const crm_loaded *l = &crm_rt.plugins[i];
		if (l->refused)
			continue;
		for (size_t j = 0; j < l->desc->n_permissions; j++)
			if (!strcmp(l->desc->permissions[j].name, permission)) {
				*flags = l->desc->permissions[j].flags;
				return true;
			}
	}
	return false;
}

int crm_req_can(crm_req *r, const char *permission)
{
	unsigned flags = 0;
	if (!permission)
		return 0;
	if (!strcmp(permission, CRM_PERM_PUBLIC))
		return 1;
	if (!r->user || !declared(permission, &flags))
		return 0;
	if (r->locked_out && strcmp(permission, "core.session"))
		return 0;
	if (!strcmp(r->role, CRM_ROLE_OWNER) || flags == CRM_PERM_USERS ||
	    (flags == CRM_PERM_ADMINS && !strcmp(r->role, CRM_ROLE_ADMIN)))
		return 1;
	/* Groups grant the rest: ",perm," in the list loaded with the session. */
	size_t n = strlen(permission);
	for (const char *g = r->grants; g && (g = strstr(g, permission)); g += n)
		if (g[-1] == ',' && g[n] == ',')
			return 1;
	return 0;
}

static bool unsafe(const char *method)
{
	return strcmp(method, "GET") && strcmp(method, "HEAD");
}

/* Why a route is closed: sign in first (a GET from a browser), or 403. */
static void refuse(crm_req *r)
{
	if (!r->user && !strcmp(r->method, "GET")) {
		const char *next = crm_psprintf(r->pool, "%s%s%s", r->path, *r->query_string ? "?" : "",
						r->query_string);
		crm_redirect(r, crm_psprintf(r->pool, "/login?next=%s", crm_url_encode(r->pool, next)));
		return;
	}
	crm_error(r, 403, r->locked_out ? "core.no_access" : "core.forbidden");
}

/* Runs of a handler when InnoDB gives up one of its locks (two requests locking the same
 * rows in opposite orders): the loser's transaction is rolled back whole, so it can run
 * again once the winner is through, with what it answered so far undone. */
#define LOCK_ATTEMPTS 3

static int run_handler(crm_req *r, const crm_route *route, bool *busy)
{
	crm_req before = *r;
	for (int attempt = 1;; attempt++) {
		int rc = route->handler(r);
		*busy = r->lock_lost;
		if (!r->lock_lost)
			return rc;
		crm_db_lock_reset(r);
		if (attempt == LOCK_ATTEMPTS)
			return rc;
		crm_log("info", "%s %s: a lock was given up (attempt %d); running again", r->method, r->path, attempt);
		r->status = before.status;
		r->page = before.page;
		r->content = before.content;
		r->body = before.body;
		r->body_len = before.body_len;
		r->content_type = before.content_type;
		r->headers = before.headers;
		r->flash = before.flash;
		r->answered = before.answered;
		r->import_notes = before.import_notes;
		struct timespec pause = {0, (long)(1 + randombytes_uniform(20)) * 1000000L};
		nanosleep(&pause, NULL);
	}
}

static int status_of(crm_req *r, int rc)
{
	if (r->db_failed || rc == CRM_EDB)
		return 503;
	switch (rc) {
	case CRM_EINVAL: return 400;
	case CRM_ENOTFOUND: return 404;
	case CRM_EDENIED: return 403;
	case CRM_ECONFLICT: return 409;
	default: return 500;
	}
}

static const char *key_of(int status)
{
	switch (status) {
	case 400: return "core.bad_request";
	case 403: return "core.forbidden";
	case 404: return "core.not_found";
	case 409: return "core.conflict";
	case 503: return "core.db_down";
	default: return "core.internal";
	}
}

void crm_dispatch(crm_req *r)
{
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	const char *key = NULL;
	int status = crm_req_parse(r, &key);
	const crm_route *route = NULL;
	if (!status && crm_session_load(r) < 0) {
		status = 503;
		key = "core.db_down";
	}
	if (status) {
		crm_error(r, status, key);
	} else {
		const char *allow = NULL;
		int m = crm_router_match(r, &allow);
		if (m == -405) {
			crm_error(r, 405, "core.method_not_allowed");
			crm_header(r, "Allow", allow);
		} else if (m < 0) {
			crm_error(r, r->db_failed ? 503 : 404, r->db_failed ? "core.db_down" : "core.not_found");
		} else {
			r->route = m;
			route = crm_rt.routes[m].route;
			if (r->db_failed) {
				crm_error(r, 503, "core.db_down");
			} else if (!crm_req_can(r, route->permission) ||
				   (r->locked_out && crm_rt.routes[m].plugin > 0)) {
				/* A signed-in user kept out of the CRM meets 403 on every plugin's page,
				 * public ones included; the core's own (sign-in, health) stay open. */
				refuse(r);
			} else if (unsafe(r->method) && strcmp(route->permission, CRM_PERM_PUBLIC) &&
				   !(route->flags & CRM_ROUTE_NO_CSRF) && !crm_csrf_ok(r)) {
				crm_error(r, 403, "core.csrf");
			} else {
				bool busy;
				int rc = run_handler(r, route, &busy);
				/* Its transaction, if any, is over: see crm_plugin_set. */
				if (r->switched)
					crm_switches_bump(r->tenant);
				if (busy) {
					crm_log("error", "%s %s: a lock was given up %d times", r->method, r->path,
						LOCK_ATTEMPTS);
					crm_error(r, 503, "core.db_busy");
				} else if (rc < 0 || r->db_failed) {
					int st = status_of(r, rc);
					if (st >= 500)
						crm_log("error", "%s %s: handler of %s answered %d", r->method,
							r->path, crm_rt.plugins[crm_rt.routes[m].plugin].desc->name, rc);
					crm_error(r, st, key_of(st));
				}
			}
		}
	}
	crm_respond(r);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	crm_metrics_record(r->method, route ? route->pattern : "(none)", r->status, secs);
}
