/* Links between records of any types (a lead and its contact, a task and its deal):
 * stored once from either side, read from both. */
#include <string.h>
#include "core.h"

static bool valid(const char *entity, int64_t id, const char *to_entity, int64_t to_id)
{
	return crm_sql_name(entity) && crm_sql_name(to_entity) && id > 0 && to_id > 0 &&
	       (id != to_id || strcmp(entity, to_entity));
}

int crm_link_add(crm_req *r, const char *entity, int64_t id, const char *to_entity, int64_t to_id)
{
	if (!valid(entity, id, to_entity, to_id))
		return CRM_EINVAL;
	if (crm_db_exec(r, "INSERT IGNORE INTO crm_link (entity, record_id, to_entity, to_id) SELECT ?, ?, ?, ? "
			   "FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM crm_link WHERE entity = ? AND record_id = ? "
			   "AND to_entity = ? AND to_id = ?)",
			"sisisisi", entity, id, to_entity, to_id, to_entity, to_id, entity, id) < 0)
		return crm_db_err(r);
	return 0;
}

int crm_link_remove(crm_req *r, const char *entity, int64_t id, const char *to_entity, int64_t to_id)
{
	if (!valid(entity, id, to_entity, to_id))
		return CRM_EINVAL;
	if (crm_db_exec(r, "DELETE FROM crm_link WHERE (entity = ? AND record_id = ? AND to_entity = ? AND to_id = ?) "
			   "OR (entity = ? AND record_id = ? AND to_entity = ? AND to_id = ?)",
			"sisisisi", entity, id, to_entity, to_id, to_entity, to_id, entity, id) < 0)
		return crm_db_err(r);
	return 0;
}

crm_rows *crm_links(crm_req *r, const char *entity, int64_t id)
{
	/* Grouped: a merge may leave one link stored from both sides. */
	return crm_db_query(r, "SELECT entity, id FROM ("
			       "SELECT to_entity AS entity, to_id AS id, created_at FROM crm_link WHERE entity = ? AND record_id = ? "
			       "UNION ALL SELECT entity, record_id, created_at FROM crm_link WHERE to_entity = ? AND to_id = ?"
			       ") l GROUP BY entity, id ORDER BY MIN(created_at), entity, id",
			    "sisi", entity, id, entity, id);
}
