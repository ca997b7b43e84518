/* Deliberately broken: declares a route alpha already has ({x} is the same segment as {id}). */
#include <crm/crm.h>

static int handler(crm_req *r)
{
	crm_page(r, "duproute.index", "duproute.title");
	return 0;
}

static const crm_route routes[] = {
	{"GET", "/duproute", handler, CRM_PERM_PUBLIC, 0},
	{"GET", "/alpha/{x}", handler, CRM_PERM_PUBLIC, 0},
};

static const crm_plugin duproute = {
	.abi_major = CRM_ABI_MAJOR,
	.abi_minor = CRM_ABI_MINOR,
	.name = "duproute",
	.version = "1.0.0",
	.title = "duproute.title",
	.routes = routes, .n_routes = CRM_LEN(routes),
};

CRM_PLUGIN(duproute)
