/* GET /: the portal's name and its modules with the schema version each reached. */
#include <crm/crm.h>

int home_index(crm_req *r)
{
	crm_rows *rows = crm_db_query(r,
		"SELECT m.plugin, MAX(m.id) AS schema_version, MAX(m.applied_at) AS applied_at, "
		"COALESCE(MAX(p.enabled), 1) AS enabled "
		"FROM crm_migration m LEFT JOIN crm_plugin p ON p.name = m.plugin "
		"GROUP BY m.plugin ORDER BY m.plugin", NULL);
	if (!rows)
		return CRM_EDB;
	xmlNodePtr c = crm_page(r, "home.index", "home.title");
	crm_xml_add(c, "tenant", crm_req_tenant(r));
	crm_rows_xml(rows, crm_xml_add(c, "modules", NULL), "module");
	return 0;
}
