/* Deliberately broken: a route that names no permission; the loader must refuse it. */
#include <crm/crm.h>

static int handler(crm_req *r)
{
	crm_page(r, "noperm.index", "noperm.title");
	return 0;
}

static const crm_route routes[] = {
	{"GET", "/noperm", handler, NULL, 0},
};

static const crm_plugin noperm = {
	.abi_major = CRM_ABI_MAJOR,
	.abi_minor = CRM_ABI_MINOR,
	.name = "noperm",
	.version = "1.0.0",
	.title = "noperm.title",
	.routes = routes, .n_routes = CRM_LEN(routes),
};

CRM_PLUGIN(noperm)
