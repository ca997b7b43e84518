/* /admin/audit: the core's audit log, newest first, filtered by who and by action.
 * One statement for the rows (each filter picks a text that its index serves), one
 * for the action picker. */
#include <stdint.h>
#include <stdlib.h>
#include "admin.h"

int admin_audit(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	const char *user = crm_req_query(r, "user"), *action = crm_req_query(r, "action");
	user = user ? user : "";
	action = action ? action : "";
	bool back = crm_list_back(r);
	int64_t cursor = atoll(crm_list_cursor(r));
	if (!back && cursor <= 0)
		cursor = INT64_MAX;
	/* The filters are bound, never pasted: only these fixed fragments vary. */
	const char *sql = crm_psprintf(p,
		"SELECT a.id, a.at, a.user_id, u.login, u.name AS user_name, a.action, a.entity, a.record_id, "
		"a.field, a.old_value, a.new_value FROM crm_audit a LEFT JOIN crm_user u ON u.id = a.user_id "
		"WHERE %s AND %s AND a.id %s ? ORDER BY a.id %s LIMIT ?",
		*user ? "a.user_id = (SELECT id FROM crm_user WHERE login = ?)" : "? = ''",
		*action ? "a.action = ?" : "? = ''", back ? ">" : "<", back ? "ASC" : "DESC");
	crm_rows *rows = crm_db_query(r, sql, "ssii", user, action, cursor, (int64_t)ADMIN_PAGE + 1);
	crm_rows *actions = crm_db_query(r, "SELECT DISTINCT action FROM crm_audit ORDER BY action", NULL);
	if (!rows || !actions)
		return CRM_EDB;
	xmlNodePtr c = admin_page(r, "admin.audit", "admin.audit_title", "/admin/audit");
	xmlNodePtr filter = crm_xml_add(c, "filter", NULL);
	crm_xml_attr(filter, "user", user);
	crm_xml_attr(filter, "action", action);
	for (size_t i = 0; i < actions->n_rows; i++)
		crm_xml_add(filter, "action", crm_rows_get(actions, i, 0));
	crm_rows_list(r, c, rows, ADMIN_PAGE, "entries", "entry", 0,
		   crm_url(r, "/admin/audit", "user", user, "action", action, NULL));
	return 0;
}
