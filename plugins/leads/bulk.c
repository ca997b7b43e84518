/* Actions on the rows ticked in the list: add a tag, reassign, change the status (each
 * lead through lead_move, so qualification and history work as on the card), delete
 * after a confirmation, export. Each acts only on the leads the user may write (or
 * read, for the export). */
#include <string.h>
#include "leads.h"

static const crm_bulk_list bulk = {
	.entity = "lead", .list = "/leads", .prefix = "leads", .max = LEADS_BULK_MAX,
	.load = leads_load_ids,
};

static int export_ids(crm_req *r, const crm_bulk_list *l, const int64_t *ids, size_t n)
{
	(void)l;
	return leads_export_ids(r, ids, n);
}

/* Every ticked lead to one status: those of another funnel are left as they are. */
static int change_status(crm_req *r, const crm_bulk_list *l, const int64_t *ids, size_t n)
{
	int64_t to = crm_id(crm_input(r, "status")), reason = crm_id(crm_input(r, "reason"));
	crm_rows *st = crm_db_query(r, "SELECT funnel_id, kind FROM lead_status WHERE id = ?", "i", to);
	if (!st)
		return CRM_EDB;
	if (!st->n_rows)
		return crm_bulk_done(r, l, "error", "leads.status_invalid");
	if (!strcmp(crm_rows_get(st, 0, 1), "disqualified") && !reason)
		return crm_bulk_done(r, l, "error", "leads.reason_required");
	int rc;
	crm_rows *rows = crm_bulk_writable(r, l, ids, n, &rc);
	if (!rows)
		return rc;
	if (crm_db_begin(r) < 0)
		return CRM_EDB;
	size_t moved = 0, other = 0;
	for (size_t i = 0; i < rows->n_rows; i++) {
		/* One row of the batch, seen as a lead_load answer. */
		crm_rows one = *rows;
		one.n_rows = 1;
		one.cells = rows->cells + i * rows->n_cols;
		one.lens = rows->lens + i * rows->n_cols;
		if (strcmp(crm_rows_by(&one, 0, "funnel_id"), crm_rows_get(st, 0, 0))) {
			other++;
			continue;
		}
		lead_moved m;
		const char *err = NULL;
		rc = lead_move(r, &one, to, 0, reason, &m, &err);
		if (rc == CRM_EINVAL || rc == CRM_EVETO) {
			crm_db_rollback(r);
			return crm_bulk_done(r, l, "error", err ? err : "leads.status_invalid");
		}
		if (rc < 0)
			return rc;
		moved += m.changed;
	}
	if (crm_db_commit(r) < 0)
		return CRM_EDB;
	return crm_bulk_done(r, l, other ? "error" : "ok",
			     other ? "leads.bulk_status_other_funnel" : "leads.bulk_status_changed");
}

int leads_bulk(crm_req *r)
{
	static const crm_bulk_action actions[] = {
		{"export", "leads.export", export_ids}, {"tag", "leads.edit", crm_bulk_tag},
		{"manager", "leads.edit", crm_bulk_owner}, {"status", "leads.edit", change_status},
		{"delete", "leads.edit", crm_bulk_delete_confirm}, {NULL, "leads.edit", NULL},
	};
	return crm_bulk_dispatch(r, &bulk, actions);
}

int leads_bulk_delete(crm_req *r)
{
	return crm_bulk_delete(r, &bulk);
}
