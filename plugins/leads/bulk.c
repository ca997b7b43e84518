/* Actions on the rows ticked in the list: add a tag, reassign, change the status (each
 * lead through lead_move, so qualification and history work as on the card), delete
 * after a confirmation, export. Each acts only on the leads the user may write (or
 * read, for the export). */
#include <string.h>
#include "leads.h"

/* Where to go back: the list with its filters, as the form posted it. */
static const char *back(crm_req *r)
{
	return crm_input_back(r, "/leads");
}

static int done(crm_req *r, const char *kind, const char *key)
{
	crm_flash(r, kind, key);
	return crm_redirect(r, back(r));
}

static int add_tag(crm_req *r, const int64_t *ids, size_t n)
{
	return crm_bulk_tag(r, "lead", "/leads", "leads", leads_load_ids, ids, n);
}

static int reassign(crm_req *r, const int64_t *ids, size_t n)
{
	crm_pool *p = crm_req_pool(r);
	int64_t user = crm_id(crm_input(r, "manager"));
	crm_rows *u = user ? crm_db_query(r, "SELECT name FROM crm_user WHERE id = ? AND active = 1", "i", user) : NULL;
	if (user && !u)
		return CRM_EDB;
	if (!u || !u->n_rows)
		return done(r, "error", "leads.owner_invalid");
	crm_rows *rows = leads_load_ids(r, ids, n, CRM_WRITE);
	if (!rows)
		return CRM_EDB;
	if (!rows->n_rows)
		return done(r, "error", "leads.bulk_none_writable");
	int64_t *mine = crm_rows_ids(crm_req_pool(r), rows, 0);
	const char *json = crm_json_ids(p, mine, rows->n_rows);
	const char **texts = crm_palloc(p, rows->n_rows * sizeof *texts);
	for (size_t i = 0; i < rows->n_rows; i++)
		texts[i] = crm_psprintf(p, "%s: %s", crm_t(r, "leads.col.owner_id"), crm_rows_get(u, 0, 0));
	if (crm_db_begin(r) < 0 ||
	    crm_db_exec(r, "UPDATE lead l SET l.owner_id = ? WHERE " LEADS_IN_IDS, "is", user, json) < 0 ||
	    crm_history_add_many(r, "lead", mine, rows->n_rows, "changed", texts) < 0 || crm_db_commit(r) < 0)
		return CRM_EDB;
	if (user != crm_req_user(r))
		crm_notify(r, user, "leads.made_manager_bulk", crm_psprintf(p, "%zu", rows->n_rows),
			   crm_psprintf(p, "/leads?manager=%lld", (long long)user));
	return done(r, "ok", "leads.bulk_manager_changed");
}

/* Every ticked lead to one status: those of another funnel are left as they are. */
static int change_status(crm_req *r, const int64_t *ids, size_t n)
{
	int64_t to = crm_id(crm_input(r, "status")), reason = crm_id(crm_input(r, "reason"));
	crm_rows *st = crm_db_query(r, "SELECT funnel_id, kind FROM lead_status WHERE id = ?", "i", to);
	if (!st)
		return CRM_EDB;
	if (!st->n_rows)
		return done(r, "error", "leads.status_invalid");
	if (!strcmp(crm_rows_get(st, 0, 1), "disqualified") && !reason)
		return done(r, "error", "leads.reason_required");
	crm_rows *rows = leads_load_ids(r, ids, n, CRM_WRITE);
	if (!rows)
		return CRM_EDB;
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
		int rc = lead_move(r, &one, to, 0, reason, &m, &err);
		if (rc == CRM_EINVAL || rc == CRM_EVETO) {
			crm_db_rollback(r);
			return done(r, "error", err ? err : "leads.status_invalid");
		}
		if (rc < 0)
			return rc;
		moved += m.changed;
	}
	if (crm_db_commit(r) < 0)
		return CRM_EDB;
	if (!rows->n_rows)
		return done(r, "error", "leads.bulk_none_writable");
	return done(r, other ? "error" : "ok", other ? "leads.bulk_status_other_funnel" : "leads.bulk_status_changed");
}

/* The confirmation: the leads that would go, and a form posting them again. */
static int confirm_delete(crm_req *r, const int64_t *ids, size_t n)
{
	crm_rows *rows = leads_load_ids(r, ids, n, CRM_WRITE);
	if (!rows)
		return CRM_EDB;
	if (!rows->n_rows)
		return done(r, "error", "leads.bulk_none_writable");
	xmlNodePtr c = crm_page(r, "leads.bulk_delete", "leads.bulk_delete_title");
	crm_bulk_confirm(c, "/leads/bulk/delete", rows, "lead", "leads.bulk_delete_submit", back(r));
	return 0;
}

int leads_bulk(crm_req *r)
{
	static const crm_bulk_action actions[] = {
		{"export", "leads.export", leads_export_ids}, {"tag", "leads.edit", add_tag},
		{"manager", "leads.edit", reassign}, {"status", "leads.edit", change_status},
		{"delete", "leads.edit", confirm_delete}, {NULL, "leads.edit", NULL},
	};
	return crm_bulk_dispatch(r, actions, LEADS_BULK_MAX, "/leads", "leads");
}

int leads_bulk_delete(crm_req *r)
{
	size_t n;
	int64_t *ids = crm_input_ids(r, "id", LEADS_BULK_MAX, &n);
	if (!n)
		return done(r, "error", "leads.bulk_none");
	crm_rows *rows = leads_load_ids(r, ids, n, CRM_WRITE);
	if (!rows)
		return CRM_EDB;
	if (crm_db_begin(r) < 0)
		return CRM_EDB;
	for (size_t i = 0; i < rows->n_rows; i++)
		if (lead_delete(r, crm_id(crm_rows_get(rows, i, 0)), crm_rows_get(rows, i, 1)) < 0)
			return CRM_EDB;
	if (crm_db_commit(r) < 0)
		return CRM_EDB;
	return done(r, "ok", rows->n_rows ? "leads.bulk_deleted" : "leads.bulk_none_writable");
}
