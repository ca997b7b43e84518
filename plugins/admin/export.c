/* /admin/export: "export all data" (ADM-2), a zip of one CSV per record type built by
 * the core's import service; each file holds only what the user may read. */
#include "admin.h"

int admin_export(crm_req *r)
{
	xmlNodePtr c = admin_page(r, "admin.export", "import.export_all", "/admin/export");
	xmlNodePtr e = crm_xml_add(c, "export", NULL);
	crm_xml_attr(e, "href", "/admin/export/download");
	return 0;
}

int admin_export_download(crm_req *r)
{
	return crm_export_all(r);
}
