/* The bell: a user's notifications, newest first, and marking them read. */
#include <stdint.h>
#include <stdlib.h>
#include "core.h"
#include "handlers.h"

#define PAGE 50

int crm_h_notifications(crm_req *r)
{
	/* Newest first: "after" a row in display order means an older (smaller) id. */
	bool back = crm_list_back(r);
	int64_t cursor = atoll(crm_list_cursor(r));
	if (!back && cursor <= 0)
		cursor = INT64_MAX;
	crm_rows *rows = crm_db_query(r, back
		? "SELECT id, created_at, msg_key, text, url, read_at IS NOT NULL AS is_read "
		  "FROM crm_notification WHERE user_id = ? AND id > ? ORDER BY id LIMIT ?"
		: "SELECT id, created_at, msg_key, text, url, read_at IS NOT NULL AS is_read "
		  "FROM crm_notification WHERE user_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
		"iii", r->user, cursor, (int64_t)PAGE + 1);
	if (!rows)
		return CRM_EDB;
	xmlNodePtr c = crm_page(r, "core.notifications", "core.notifications");
	crm_rows_list(r, c, rows, PAGE, "notifications", "notification", 0, "/notifications");
	return 0;
}

int crm_h_notification_read(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	crm_rows *row = crm_db_query(r, "SELECT url FROM crm_notification WHERE id = ? AND user_id = ?", "ii",
				     id, r->user);
	if (!row)
		return CRM_EDB;
	if (!row->n_rows)
		return CRM_ENOTFOUND;
	if (crm_db_exec(r, "UPDATE crm_notification SET read_at = NOW() WHERE id = ? AND user_id = ? AND read_at IS NULL",
			"ii", id, r->user) < 0)
		return CRM_EDB;
	const char *url = crm_rows_get(row, 0, 0);
	return crm_redirect(r, url && *url && !crm_req_form(r, "stay") ? url : "/notifications");
}

int crm_h_notifications_read_all(crm_req *r)
{
	if (crm_db_exec(r, "UPDATE crm_notification SET read_at = NOW() WHERE user_id = ? AND read_at IS NULL",
			"i", r->user) < 0)
		return CRM_EDB;
	return crm_redirect(r, "/notifications");
}
