/* Unit tests for core/router.c: patterns with {params}, literal segments beating params,
 * 404 against 405 with its Allow list, and a disabled plugin's routes vanishing.
 * The plugin table is built by hand: [0] plays the core, [1] a plugin whose enabled
 * flag the test sets in the request, so no database is asked. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "core.h"

static int h(crm_req *r) { (void)r; return 0; }

static const crm_route core_routes[] = {
	{"GET", "/", h, CRM_PERM_PUBLIC, 0},
	{"GET", "/contacts", h, CRM_PERM_PUBLIC, 0},
	{"POST", "/contacts", h, CRM_PERM_PUBLIC, 0},
	{"GET", "/contacts/{id}", h, CRM_PERM_PUBLIC, 0},
	{"GET", "/contacts/new", h, CRM_PERM_PUBLIC, 0},
	{"POST", "/contacts/{id}/edit", h, CRM_PERM_PUBLIC, 0},
	{"GET", "/contacts/{id}/edit", h, CRM_PERM_PUBLIC, 0},
	{"DELETE", "/contacts/{id}", h, CRM_PERM_PUBLIC, 0},
	{"GET", "/files/{owner}/{name}", h, CRM_PERM_PUBLIC, 0},
	{"GET", "/a/{p1}/{p2}/{p3}/{p4}/{p5}/{p6}/{p7}/{p8}/{p9}", h, CRM_PERM_PUBLIC, 0},
};

static const crm_route plugin_routes[] = {
	{"GET", "/deals", h, CRM_PERM_PUBLIC, 0},
	{"PUT", "/contacts/{id}", h, CRM_PERM_PUBLIC, 0},
	{"GET", "/deals/{id}", h, CRM_PERM_PUBLIC, 0},
};

static const crm_plugin core_desc = {
	.abi_major = CRM_ABI_MAJOR, .name = "core", .version = "1",
	.routes = core_routes, .n_routes = CRM_LEN(core_routes),
};
static const crm_plugin plugin_desc = {
	.abi_major = CRM_ABI_MAJOR, .name = "deals", .version = "1",
	.routes = plugin_routes, .n_routes = CRM_LEN(plugin_routes),
};

/* want: the matched "METHOD pattern", or "404", or "405 <Allow>".
 * args: the {params} as "name=value,..." ("" for none). */
static const struct {
	const char *method, *path;
	bool plugin_on;
	const char *want, *args;
} rows[] = {
	{"GET", "/", true, "GET /", ""},
	{"GET", "/contacts", true, "GET /contacts", ""},
	{"POST", "/contacts", true, "POST /contacts", ""},
	{"GET", "/contacts/12", true, "GET /contacts/{id}", "id=12"},
	/* A literal segment beats a parameter, whatever the table's order. */
	{"GET", "/contacts/new", true, "GET /contacts/new", ""},
	{"GET", "/contacts/12/edit", true, "GET /contacts/{id}/edit", "id=12"},
	{"POST", "/contacts/12/edit", true, "POST /contacts/{id}/edit", "id=12"},
	{"DELETE", "/contacts/7", true, "DELETE /contacts/{id}", "id=7"},
	{"GET", "/files/3/report.pdf", true, "GET /files/{owner}/{name}", "owner=3,name=report.pdf"},
	/* HEAD is served by the GET route. */
	{"HEAD", "/contacts/5", true, "GET /contacts/{id}", "id=5"},
	/* A parameter is one whole, non-empty segment. */
	{"GET", "/contacts/", true, "404", ""},
	{"GET", "/contacts/12/", true, "404", ""},
	{"GET", "/contacts/12/edit/more", true, "404", ""},
	{"GET", "/contact", true, "404", ""},
	{"GET", "/contactsx", true, "404", ""},
	{"GET", "/nowhere", true, "404", ""},
	{"GET", "", true, "404", ""},
	/* More parameters than a request can hold never match. */
	{"GET", "/a/1/2/3/4/5/6/7/8/9", true, "404", ""},
	/* The path exists with other methods: 405 and the methods allowed. */
	{"PUT", "/contacts", true, "405 GET, POST", ""},
	{"POST", "/contacts/12", true, "405 GET, DELETE, PUT", ""},
	/* The literal wins only among routes of the request's method. */
	{"DELETE", "/contacts/new", true, "DELETE /contacts/{id}", "id=new"},
	{"POST", "/contacts/new", true, "405 GET, DELETE, PUT", ""},
	{"POST", "/", true, "405 GET", ""},
	/* Methods are case-sensitive, as HTTP says. */
	{"get", "/", true, "405 GET", ""},
	/* The plugin's own routes, enabled and disabled. */
	{"GET", "/deals/4", true, "GET /deals/{id}", "id=4"},
	{"PUT", "/contacts/4", true, "PUT /contacts/{id}", "id=4"},
	{"GET", "/deals", false, "404", ""},
	{"GET", "/deals/4", false, "404", ""},
	{"PUT", "/contacts/4", false, "405 GET, DELETE", ""},
	{"POST", "/deals", true, "405 GET", ""},
	{"POST", "/deals", false, "404", ""},
};

static int setup(void **state)
{
	(void)state;
	memset(&crm_rt, 0, sizeof crm_rt);
	crm_rt.plugins[0] = (crm_loaded){.desc = &core_desc};
	crm_rt.plugins[1] = (crm_loaded){.desc = &plugin_desc, .path = "deals.so"};
	crm_rt.n_plugins = 2;
	return crm_router_build();
}

static int teardown(void **state)
{
	(void)state;
	free(crm_rt.routes);
	memset(&crm_rt, 0, sizeof crm_rt);
	return 0;
}

static void test_table(void **state)
{
	(void)state;
	assert_int_equal(crm_rt.n_routes, CRM_LEN(core_routes) + CRM_LEN(plugin_routes));
	crm_pool *pool = crm_pool_new();
	for (size_t i = 0; i < CRM_LEN(rows); i++) {
		crm_thread t = {0};
		crm_req r;
		crm_req_init(&r, &t, pool, NULL);
		r.method = rows[i].method;
		r.path = rows[i].path;
		signed char enabled[2] = {1, rows[i].plugin_on};
		r.enabled = enabled; /* as crm_plugin_enabled would have filled it */
		const char *allow = NULL;
		int m = crm_router_match(&r, &allow);
		char got[256], args[256] = "";
		if (m >= 0) {
			const crm_route *rt = crm_rt.routes[m].route;
			snprintf(got, sizeof got, "%s %s", rt->method, rt->pattern);
			for (int a = 0; a < r.n_args; a++)
				snprintf(args + strlen(args), sizeof args - strlen(args), "%s%s=%s",
					 a ? "," : "", r.arg_names[a], r.arg_values[a]);
		} else if (m == -405) {
			snprintf(got, sizeof got, "405 %s", allow ? allow : "(null)");
		} else {
			snprintf(got, sizeof got, "%d", -m);
		}
		if (strcmp(got, rows[i].want) || strcmp(args, rows[i].args))
			fail_msg("row %zu %s %s: got '%s' [%s], want '%s' [%s]", i, rows[i].method,
				 rows[i].path, got, args, rows[i].want, rows[i].args);
		/* Only a real match records arguments. */
		if (m < 0)
			assert_int_equal(r.n_args, 0);
		crm_pool_reset(pool);
	}
	crm_pool_free(pool);
}

/* A refused plugin's routes are not in the table at all. */
static void test_refused_plugin(void **state)
{
	(void)state;
	crm_rt.plugins[1].refused = "duplicate route";
	crm_router_build();
	assert_int_equal(crm_rt.n_routes, CRM_LEN(core_routes));
	crm_pool *pool = crm_pool_new();
	crm_thread t = {0};
	crm_req r;
	crm_req_init(&r, &t, pool, NULL);
	r.path = "/deals";
	const char *allow = NULL;
	assert_int_equal(crm_router_match(&r, &allow), -404);
	crm_pool_free(pool);
	crm_rt.plugins[1].refused = NULL;
	crm_router_build();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_refused_plugin),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
