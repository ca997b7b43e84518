/* Deliberately broken: a second plugin named "alpha"; alpha.so sorts first, so this one is refused. */
#include <crm/crm.h>

static int handler(crm_req *r)
{
	crm_page(r, "dupname.index", "dupname.title");
	return 0;
}

static const crm_route routes[] = {
	{"GET", "/dupname", handler, CRM_PERM_PUBLIC, 0},
};

static const crm_plugin dupname = {
	.abi_major = CRM_ABI_MAJOR,
	.abi_minor = CRM_ABI_MINOR,
	.name = "alpha",
	.version = "9.9.9",
	.title = "alpha.title",
	.routes = routes, .n_routes = CRM_LEN(routes),
};

CRM_PLUGIN(dupname)
