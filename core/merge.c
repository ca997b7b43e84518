/* Merging two records of one type (duplicates): what the core keeps about the one that
 * goes moves onto the one that stays; and forgetting a record that is deleted. */
#include "core.h"

/* The statements of a merge, each with the parameters (into, entity, from) in that
 * order; INSERT IGNORE and UPDATE IGNORE keep what the target already has. */
static const char *const moves[] = {
	"INSERT IGNORE INTO crm_record_tag (entity, record_id, tag_id) "
	"SELECT entity, ?, tag_id FROM crm_record_tag WHERE entity = ? AND record_id = ?",
	"UPDATE crm_history SET record_id = ? WHERE entity = ? AND record_id = ?",
	"INSERT IGNORE INTO crm_custom_value (field_id, record_id, value) SELECT v.field_id, ?, v.value "
	"FROM crm_custom_value v JOIN crm_custom_field f ON f.id = v.field_id WHERE f.entity = ? AND v.record_id = ?",
	"UPDATE IGNORE crm_link SET record_id = ? WHERE entity = ? AND record_id = ?",
	"UPDATE IGNORE crm_link SET to_id = ? WHERE to_entity = ? AND to_id = ?",
	"INSERT IGNORE INTO crm_record_user (entity, record_id, user_id, kind) "
	"SELECT entity, ?, user_id, kind FROM crm_record_user WHERE entity = ? AND record_id = ?",
	"UPDATE crm_file SET record_id = ? WHERE entity = ? AND record_id = ? AND kind = 'attachment'",
};

/* What is left of a record once moved or deleted, each with (entity, id). */
static const char *const drops[] = {
	"DELETE FROM crm_record_tag WHERE entity = ? AND record_id = ?",
	"DELETE FROM crm_history WHERE entity = ? AND record_id = ?",
	"DELETE v FROM crm_custom_value v JOIN crm_custom_field f ON f.id = v.field_id "
	"WHERE f.entity = ? AND v.record_id = ?",
	"DELETE FROM crm_link WHERE entity = ? AND record_id = ?",
	"DELETE FROM crm_link WHERE to_entity = ? AND to_id = ?",
	"DELETE FROM crm_record_user WHERE entity = ? AND record_id = ?",
};

static int drop(crm_req *r, const char *entity, int64_t id)
{
	for (size_t i = 0; i < CRM_LEN(drops); i++)
		if (crm_db_exec(r, drops[i], "si", entity, id) < 0)
			return crm_db_err(r);
	return 0;
}

int crm_records_merge(crm_req *r, const char *entity, int64_t from_id, int64_t into_id)
{
	if (!crm_sql_name(entity) || from_id <= 0 || into_id <= 0 || from_id == into_id)
		return CRM_EINVAL;
	for (size_t i = 0; i < CRM_LEN(moves); i++)
		if (crm_db_exec(r, moves[i], "isi", into_id, entity, from_id) < 0)
			return crm_db_err(r);
	/* The photo moves only to a record that has none; the other goes with from_id. */
	if (crm_db_exec(r, "UPDATE crm_file SET record_id = ? WHERE entity = ? AND record_id = ? AND kind = 'photo' "
			   "AND NOT EXISTS (SELECT 1 FROM crm_file p WHERE p.entity = ? AND p.record_id = ? AND p.kind = 'photo')",
			"isisi", into_id, entity, from_id, entity, into_id) < 0)
		return crm_db_err(r);
	/* A link between the two would now join the target to itself. */
	if (crm_db_exec(r, "DELETE FROM crm_link WHERE entity = ? AND record_id = ? AND to_entity = ? AND to_id = ?",
			"sisi", entity, into_id, entity, into_id) < 0)
		return crm_db_err(r);
	int rc = drop(r, entity, from_id);
	if (rc < 0 || (rc = crm_access_touch(r, entity, into_id)) < 0)
		return rc;
	return crm_audit(r, "record.merge", entity, into_id, "merged_from",
			 crm_psprintf(r->pool, "%lld", (long long)from_id), NULL);
}

int crm_records_forget(crm_req *r, const char *entity, int64_t id)
{
	if (!crm_sql_name(entity) || id <= 0)
		return CRM_EINVAL;
	int rc = drop(r, entity, id);
	return rc < 0 ? rc : crm_files_delete(r, entity, id);
}
