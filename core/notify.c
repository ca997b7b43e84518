/* The bell: a user's notifications, newest first, and marking them read. */
#include <stdlib.h>
#include "core.h"
#include "handlers.h"

#define PAGE 50

int crm_h_notifications(crm_req *r)
{
	const char *before = crm_req_query(r, "before");
	int64_t below = before ? atoll(before) : 0;
	if (below <= 0)
		below = INT64_MAX;
	crm_rows *rows = crm_db_query(r,
		"SELECT id, created_at, msg_key, text, url, read_at IS NOT NULL AS is_read "
		"FROM crm_notification WHERE user_id = ? AND id < ? ORDER BY id DESC LIMIT 51",
		"ii", r->user, below);
	if (!rows)
		return CRM_EDB;
	xmlNodePtr c = crm_page(r, "core.notifications", "core.notifications");
	xmlNodePtr list = crm_xml_add(c, "notifications", NULL);
	size_t n = rows->n_rows > PAGE ? PAGE : rows->n_rows;
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr it = crm_xml_add(list, "notification", NULL);
		for (size_t col = 0; col < rows->n_cols; col++)
			crm_xml_add(it, rows->cols[col], crm_rows_get(rows, i, col));
	}
	if (rows->n_rows > PAGE)
		crm_xml_attr(crm_xml_add(c, "pager", NULL), "next",
			     crm_psprintf(r->pool, "/notifications?before=%s", crm_rows_get(rows, PAGE - 1, 0)));
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
