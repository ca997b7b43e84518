/* Closing and reopening a task from a list, a card or a panel (a one-button POST form),
 * and deleting one after a confirmation. A closed task sends no reminder; closing writes
 * a history item on the linked record. */
#include <string.h>
#include "tasks.h"

int tasks_toggle(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	int64_t id = crm_req_arg_id(r, "id");
	int rc;
	crm_rows *row = task_found(r, id, CRM_WRITE, &rc);
	if (!row)
		return rc;
	bool close = strcmp(crm_input(r, "done"), "0") != 0;
	const char *url = crm_psprintf(p, "/tasks/%lld", (long long)id);
	if (crm_db_begin(r) < 0)
		return CRM_EDB;
	/* The guard makes a double click harmless: only the request that changed the row
	 * writes the history item. */
	int64_t changed = close
		? crm_db_exec(r, "UPDATE task SET done = 1, closed_at = UTC_TIMESTAMP(), remind_at = NULL, "
				 "updated_at = UTC_TIMESTAMP() WHERE id = ? AND done = 0", "i", id)
		: crm_db_exec(r, "UPDATE task SET done = 0, closed_at = NULL, updated_at = UTC_TIMESTAMP(), "
				 "remind_at = IF(reminded_at IS NULL AND remind_minutes IS NOT NULL AND due_at > UTC_TIMESTAMP(), "
				 "due_at - INTERVAL remind_minutes MINUTE, NULL) WHERE id = ? AND done = 1", "i", id);
	if (changed < 0)
		return CRM_EDB;
	if (changed && task_history(r, crm_rows_by(row, 0, "entity"), crm_id(crm_rows_by(row, 0, "record_id")),
				    close ? "tasks.history_closed" : "tasks.history_reopened",
				    crm_rows_by(row, 0, "title"), id) < 0)
		return CRM_EDB;
	if (crm_db_commit(r) < 0)
		return CRM_EDB;
	crm_flash(r, "ok", close ? "tasks.closed_ok" : "tasks.reopened_ok");
	return crm_redirect(r, tasks_back(crm_input(r, "back"), url));
}

static const crm_delete_kind deletion = {
	.entity = "task", .base = "/tasks", .prefix = "tasks", .name = "title", .found = task_found,
};

int tasks_delete_confirm(crm_req *r)
{
	return crm_delete_confirm(r, &deletion);
}

int tasks_delete(crm_req *r)
{
	return crm_delete(r, &deletion);
}
