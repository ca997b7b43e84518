/* Deliberately broken: depends on a plugin that does not exist; the loader must refuse it. */
#include <crm/crm.h>

static int handler(crm_req *r)
{
	crm_page(r, "nodep.index", "nodep.title");
	return 0;
}

static const char *const depends[] = {"ghost", NULL};

static const crm_route routes[] = {
	{"GET", "/nodep", handler, CRM_PERM_PUBLIC, 0},
};

static const crm_plugin nodep = {
	.abi_major = CRM_ABI_MAJOR,
	.abi_minor = CRM_ABI_MINOR,
	.name = "nodep",
	.version = "1.0.0",
	.title = "nodep.title",
	.depends = depends,
	.routes = routes, .n_routes = CRM_LEN(routes),
};

CRM_PLUGIN(nodep)
