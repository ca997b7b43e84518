/* Deliberately broken: built for another plugin ABI major; the loader must refuse it. */
#include <crm/crm.h>

static int handler(crm_req *r)
{
	crm_page(r, "badabi.index", "badabi.title");
	return 0;
}

static const crm_route routes[] = {
	{"GET", "/badabi", handler, CRM_PERM_PUBLIC, 0},
};

static const crm_plugin badabi = {
	.abi_major = 99,
	.abi_minor = 0,
	.name = "badabi",
	.version = "1.0.0",
	.title = "badabi.title",
	.routes = routes, .n_routes = CRM_LEN(routes),
};

CRM_PLUGIN(badabi)
