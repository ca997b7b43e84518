/* Record access for every plugin: owner, managers, visibility and restricted lists,
 * enforced inside the SQL of lists and cards; the audit log and notifications. */
#include <stdlib.h>
#include <string.h>
#include "core.h"

static bool ident(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	return n && n <= 48 && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") == n;
}

const char *crm_access_sql(crm_req *r, const char *alias, const char *entity, int mode)
{
	if (!ident(alias) || !ident(entity)) {
		crm_log("error", "crm_access_sql: bad alias or entity name");
		return "0 = ?";
	}
	/* Owners and admins see everything: no per-row check, the user id still bound. */
	if (r->role && (!strcmp(r->role, "owner") || !strcmp(r->role, "admin")))
		return "(? IS NOT NULL)";
	/* Public rows pass on their own columns; the user's id is bound once, so it is
	 * looked for in a list: the owner, then the listed users, which are read only for
	 * the few rows whose has_users flag says there are any. Listed users count while
	 * they are managers, or while the record is restricted: a reader left over from a
	 * restricted past sees nothing once it turns private. */
	return crm_psprintf(r->pool,
		"(%s.visibility IN (%s) OR FIND_IN_SET(?, CONCAT_WS(',', %s.owner_id, IF(%s.has_users = 1, "
		"(SELECT GROUP_CONCAT(ar.user_id) FROM crm_record_user ar WHERE ar.entity = '%s' AND ar.record_id = %s.id "
		"AND (ar.kind = 'manager' OR %s.visibility = 'restricted')), NULL))))",
		alias, mode == CRM_WRITE ? "'public_write'" : "'public_read','public_write'", alias, alias, entity,
		alias, alias);
}

int crm_access_check(crm_req *r, const char *table, const char *entity, int64_t id, int mode)
{
	if (!ident(table))
		return CRM_EINTERNAL;
	const char *sql = crm_psprintf(r->pool, "SELECT 1 FROM %s t WHERE t.id = ? AND %s", table,
				       crm_access_sql(r, "t", entity, mode));
	crm_rows *rows = crm_db_query(r, sql, "ii", id, crm_req_user(r));
	if (!rows)
		return CRM_EDB;
	return rows->n_rows ? 1 : 0;
}

int crm_access_set_users(crm_req *r, const char *entity, int64_t id, const char *kind,
			 const int64_t *user_ids, size_t n, const char *msg_key)
{
	if (!ident(entity) || !kind || (strcmp(kind, "manager") && strcmp(kind, "reader")))
		return CRM_EINVAL;
	crm_rows *cur = crm_db_query(r, "SELECT user_id FROM crm_record_user WHERE entity = ? AND record_id = ? AND kind = ?",
				     "sis", entity, id, kind);
	if (!cur)
		return CRM_EDB;
	for (size_t i = 0; i < cur->n_rows; i++) {
		int64_t u = atoll(crm_rows_get(cur, i, 0));
		bool keep = false;
		for (size_t j = 0; j < n && !keep; j++)
			keep = user_ids[j] == u;
		if (!keep && crm_db_exec(r, "DELETE FROM crm_record_user WHERE entity = ? AND record_id = ? AND user_id = ? AND kind = ?",
					 "siis", entity, id, u, kind) < 0)
			return CRM_EDB;
	}
	for (size_t j = 0; j < n; j++) {
		bool had = false;
		for (size_t i = 0; i < cur->n_rows && !had; i++)
			had = atoll(crm_rows_get(cur, i, 0)) == user_ids[j];
		if (had)
			continue;
		/* A user may be both manager and reader: each list is kept on its own. */
		if (crm_db_exec(r, "INSERT IGNORE INTO crm_record_user (entity, record_id, user_id, kind) "
				   "SELECT ?, ?, id, ? FROM crm_user WHERE id = ? AND active = 1",
				"sisi", entity, id, kind, user_ids[j]) < 0)
			return CRM_EDB;
		if (msg_key && user_ids[j] != crm_req_user(r))
			crm_notify(r, user_ids[j], msg_key, NULL, NULL);
	}
	return crm_access_touch(r, entity, id);
}

int64_t *crm_record_users(crm_req *r, const char *entity, int64_t id, const char *kind, size_t *n)
{
	*n = 0;
	crm_rows *rows = crm_db_query(r, "SELECT user_id FROM crm_record_user WHERE entity = ? AND record_id = ? AND kind = ?",
				      "sis", entity, id, kind);
	if (!rows)
		return NULL;
	int64_t *ids = crm_palloc(r->pool, (rows->n_rows + 1) * sizeof *ids);
	for (size_t i = 0; i < rows->n_rows; i++)
		ids[(*n)++] = crm_id(crm_rows_get(rows, i, 0));
	return ids;
}

int crm_access_touch(crm_req *r, const char *entity, int64_t id)
{
	const crm_entity_type *t = crm_entity_find(r, entity);
	if (!t || !t->table || !ident(t->table))
		return 0; /* a type no enabled plugin declares: no table to mark */
	const char *sql = crm_psprintf(r->pool, "UPDATE %s SET has_users = EXISTS (SELECT 1 FROM crm_record_user "
					  "WHERE entity = ? AND record_id = ?) WHERE id = ?", t->table);
	return crm_db_exec(r, sql, "sii", entity, id, id) < 0 ? CRM_EDB : 0;
}

int crm_audit(crm_req *r, const char *action, const char *entity, int64_t id, const char *field,
	      const char *old_value, const char *new_value)
{
	const char *uid = r->user ? crm_psprintf(r->pool, "%lld", (long long)r->user) : NULL;
	const char *rid = id ? crm_psprintf(r->pool, "%lld", (long long)id) : NULL;
	return crm_db_exec(r, "INSERT INTO crm_audit (user_id, action, entity, record_id, field, old_value, new_value) "
			      "VALUES (?, ?, ?, ?, ?, ?, ?)",
			   "sssssss", uid, action, entity ? entity : "", rid, field ? field : "", old_value,
			   new_value) < 0 ? CRM_EDB : 0;
}

int crm_notify(crm_req *r, int64_t user_id, const char *msg_key, const char *text, const char *url)
{
	if (url && (url[0] != '/' || url[1] == '/'))
		url = NULL; /* local links only */
	return crm_db_exec(r, "INSERT INTO crm_notification (user_id, msg_key, text, url) VALUES (?, ?, ?, ?)",
			   "isss", user_id, msg_key, text ? text : "", url ? url : "") < 0 ? CRM_EDB : 0;
}
