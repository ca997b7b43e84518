/* The request: FastCGI input parsed into the pool, and the accessors handlers use. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "core.h"
#include "form.h"

void crm_req_init(crm_req *r, crm_thread *t, crm_pool *pool, FCGX_Request *fcgi)
{
	*r = (crm_req){.pool = pool, .thread = t, .fcgi = fcgi, .route = -1, .status = 200,
		       .method = "GET", .path = "/", .query_string = "", .locale = "en"};
	if (crm_rt.conf && crm_rt.conf->locale)
		r->locale = crm_rt.conf->locale;
}

crm_pool *crm_req_pool(crm_req *r) { return r->pool; }
const char *crm_req_method(crm_req *r) { return r->method; }
const char *crm_req_path(crm_req *r) { return r->path; }
const char *crm_req_locale(crm_req *r) { return r->locale; }
const char *crm_req_timezone(crm_req *r) { return r->timezone; }
int64_t crm_req_user(crm_req *r) { return r->user; }
const crm_field *crm_req_fields(crm_req *r) { return r->form; }

const char *crm_req_tenant(crm_req *r)
{
	return crm_rt.conf->tenants[r->tenant].name;
}

const char *crm_req_env(crm_req *r, const char *name)
{
	if (!r->fcgi)
		return NULL;
	return crm_pstrdup(r->pool, FCGX_GetParam(name, r->fcgi->envp));
}

const char *crm_req_arg(crm_req *r, const char *name)
{
	for (int i = 0; i < r->n_args; i++)
		if (!strcmp(r->arg_names[i], name))
			return r->arg_values[i];
	return NULL;
}

int64_t crm_req_arg_id(crm_req *r, const char *name)
{
	const char *s = crm_req_arg(r, name);
	if (!s || !*s || strlen(s) > 18)
		return 0;
	int64_t v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (*s - '0');
	}
	return v;
}

static const crm_field *find(const crm_field *f, const char *name, bool files)
{
	for (; f; f = f->next)
		if (!strcmp(f->name, name) && (files == (f->filename != NULL)))
			return f;
	return NULL;
}

const char *crm_req_query(crm_req *r, const char *name)
{
	const crm_field *f = find(r->query, name, false);
	return f ? f->value : NULL;
}

const char *crm_req_form(crm_req *r, const char *name)
{
	const crm_field *f = find(r->form, name, false);
	return f ? f->value : NULL;
}

const crm_field *crm_req_file(crm_req *r, const char *name)
{
	return find(r->form, name, true);
}

const char *crm_req_cookie(crm_req *r, const char *name)
{
	const crm_field *f = find(r->cookies, name, false);
	return f ? f->value : NULL;
}

const char *crm_t(crm_req *r, const char *key)
{
	return crm_i18n_get(r->locale, key);
}

static const char *param(crm_req *r, const char *name)
{
	const char *v = FCGX_GetParam(name, r->fcgi->envp);
	return v ? crm_pstrdup(r->pool, v) : NULL;
}

static int form_status(int rc, const char **key)
{
	switch (rc) {
	case CRM_FORM_TOO_MANY: *key = "core.too_many_fields"; return 413;
	case CRM_FORM_TOO_LONG: *key = "core.field_too_long"; return 413;
	case CRM_FORM_BAD_UTF8: *key = "core.bad_utf8"; return 400;
	default: *key = "core.bad_request"; return 400;
	}
}

/* Read and drop the rest of the body, so nginx sees a clean answer, not a reset. */
static void drain(crm_req *r)
{
	char buf[16384];
	while (FCGX_GetStr(buf, sizeof buf, r->fcgi->in) > 0)
		;
}

int crm_req_parse(crm_req *r, const char **key)
{
	const crm_config *c = crm_rt.conf;
	crm_form_limits lim = {.max_fields = c->max_fields, .max_field_len = c->max_field_len};
	r->method = param(r, "REQUEST_METHOD");
	if (!r->method)
		r->method = "GET";
	const char *uri = param(r, "DOCUMENT_URI");
	if (!uri) {
		uri = param(r, "REQUEST_URI");
		char *q = uri ? strchr(uri, '?') : NULL;
		if (q)
			*q = 0;
	}
	r->path = uri && *uri ? uri : "/";
	r->query_string = param(r, "QUERY_STRING");
	if (!r->query_string)
		r->query_string = "";
	const char *tenant = param(r, "CRM_TENANT");
	const crm_tenant_conf *t = crm_config_tenant(c, tenant && *tenant ? tenant : "default");
	if (!t) {
		*key = "core.unknown_portal";
		return 404;
	}
	r->tenant = (int)(t - c->tenants);
	r->locale = crm_locale_pick(param(r, "HTTP_ACCEPT_LANGUAGE"), c->locale);
	const char *cookie = param(r, "HTTP_COOKIE");
	if (cookie)
		crm_form_parse_cookies(r->pool, cookie, &lim, &r->cookies);
	if (!crm_utf8_valid(r->path, strlen(r->path))) {
		*key = "core.bad_utf8";
		return 400;
	}
	int rc = crm_form_parse_urlencoded(r->pool, r->query_string, strlen(r->query_string), &lim,
					   &r->query);
	if (rc)
		return form_status(rc, key);
	const char *cl = param(r, "CONTENT_LENGTH");
	size_t len = cl && *cl ? strtoull(cl, NULL, 10) : 0;
	if (!len)
		return 0;
	if (len > c->max_body) {
		drain(r);
		*key = "core.too_large";
		return 413;
	}
	char *body = crm_palloc(r->pool, len + 1);
	int got = FCGX_GetStr(body, (int)len, r->fcgi->in);
	if (got < 0 || (size_t)got != len) {
		*key = "core.bad_request";
		return 400;
	}
	const char *ct = param(r, "CONTENT_TYPE");
	if (!ct)
		ct = "";
	if (!strncasecmp(ct, "application/x-www-form-urlencoded", 33))
		rc = crm_form_parse_urlencoded(r->pool, body, len, &lim, &r->form);
	else if (!strncasecmp(ct, "multipart/form-data", 19))
		rc = crm_form_parse_multipart(r->pool, body, len, ct, &lim, &r->form);
	else {
		/* Other bodies (JSON for the API) stay raw for the handler. */
		r->raw_body = body;
		r->raw_len = len;
		rc = 0;
	}
	return rc ? form_status(rc, key) : 0;
}

/* How long a worker trusts its cached switches without a bump on this host: a switch
 * made through another host's crmd (several hosts on one database) shows here within
 * this time; one made on this host (admin page, crmctl) shows on the next request. */
#define SWITCH_TTL_S 2

/* The tenants' enabled sets, shared by this process's threads. */
typedef struct switch_cache {
	bool valid;
	unsigned long long gen; /* crm_switches_gen() read before the query */
	time_t at;              /* CLOCK_MONOTONIC seconds of the query */
	signed char enabled[CRM_MAX_PLUGINS];
} switch_cache;

static switch_cache cached[CRM_MAX_TENANTS];
static pthread_mutex_t cached_lock = PTHREAD_MUTEX_INITIALIZER;

static time_t now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
	return ts.tv_sec;
}

static bool cache_get(crm_req *r, unsigned long long gen, time_t now)
{
	switch_cache *c = &cached[r->tenant];
	pthread_mutex_lock(&cached_lock);
	bool hit = c->valid && c->gen == gen && now - c->at < SWITCH_TTL_S;
	if (hit)
		memcpy(r->enabled, c->enabled, crm_rt.n_plugins);
	pthread_mutex_unlock(&cached_lock);
	return hit;
}

static void cache_put(crm_req *r, unsigned long long gen, time_t now)
{
	switch_cache *c = &cached[r->tenant];
	pthread_mutex_lock(&cached_lock);
	c->valid = true;
	c->gen = gen;
	c->at = now;
	memcpy(c->enabled, r->enabled, crm_rt.n_plugins);
	pthread_mutex_unlock(&cached_lock);
}

/* The table itself: no row means enabled; a plugin whose dependency is disabled is
 * disabled too. False when the database did not answer (then all count as enabled). */
static bool load_switches(crm_req *r)
{
	memset(r->enabled, 1, crm_rt.n_plugins);
	crm_rows *rows = crm_db_query(r, "SELECT name FROM crm_plugin WHERE enabled = 0", NULL);
	for (size_t i = 0; rows && i < rows->n_rows; i++) {
		int j = crm_plugin_index(crm_rows_get(rows, i, 0));
		if (j > 0)
			r->enabled[j] = 0;
	}
	for (bool changed = true; changed;) {
		changed = false;
		for (size_t i = 1; i < crm_rt.n_plugins; i++) {
			const crm_loaded *l = &crm_rt.plugins[i];
			if (l->refused || !r->enabled[i])
				continue;
			for (const char *const *d = l->desc->depends; d && *d; d++) {
				int j = crm_plugin_index(*d);
				if (j > 0 && !r->enabled[j]) {
					r->enabled[i] = 0;
					changed = true;
				}
			}
		}
	}
	return rows && !r->db_failed;
}

/* Which plugins this tenant has enabled, settled on first need in the request: from
 * this process's cache while the tenant's switch generation (crm_switches_gen) has not
 * moved and the set is younger than SWITCH_TTL_S, else from the table. Without the
 * shared generations (crmctl) or after a switch in this request, always the table. */
bool crm_plugin_enabled(crm_req *r, int plugin)
{
	if (plugin <= 0)
		return true;
	if (!r->enabled) {
		r->enabled = crm_palloc(r->pool, crm_rt.n_plugins);
		bool use_cache = crm_rt.switches && !r->switched && !r->in_tx;
		unsigned long long gen = use_cache ? crm_switches_gen(r->tenant) : 0;
		time_t now = use_cache ? now_s() : 0;
		if (!use_cache || !cache_get(r, gen, now)) {
			if (load_switches(r) && use_cache)
				cache_put(r, gen, now);
		}
	}
	return r->enabled[plugin] != 0;
}
