/* Actions on the deals ticked in the list: reassign, change the stage, add a tag, delete
 * (after a confirmation), export. Each acts only on the deals the user may write (or
 * read, for the export), in a fixed number of statements but for the deletion. */
#include <string.h>
#include "deals.h"

/* Rows one action may take. */
#define BULK_MAX 1000

/* Where to go back: the list with its filters, as the form posted it. */
static const char *back(crm_req *r)
{
	return crm_input_back(r, "/deals");
}

static int done(crm_req *r, const char *kind, const char *key)
{
	crm_flash(r, kind, key);
	return crm_redirect(r, back(r));
}

static int add_tag(crm_req *r, const int64_t *ids, size_t n)
{
	return crm_bulk_tag(r, "deal", "/deals", "deals", deals_reachable, ids, n);
}

static int change_owner(crm_req *r, const int64_t *ids, size_t n)
{
	crm_pool *p = crm_req_pool(r);
	int64_t user = crm_id(crm_input(r, "manager"));
	crm_rows *u = user ? crm_db_query(r, "SELECT name FROM crm_user WHERE id = ? AND active = 1", "i", user) : NULL;
	if (user && !u)
		return CRM_EDB;
	if (!u || !u->n_rows)
		return done(r, "error", "deals.owner_invalid");
	crm_rows *rows = deals_reachable(r, ids, n, CRM_WRITE);
	if (!rows)
		return CRM_EDB;
	if (!rows->n_rows)
		return done(r, "error", "deals.bulk_none_writable");
	const char *json = crm_json_ids(p, crm_rows_ids(crm_req_pool(r), rows, 0), rows->n_rows);
	const char *sql = crm_psprintf(p, "UPDATE deal d SET d.owner_id = ? WHERE " DEALS_IN_IDS " AND %s",
				       crm_access_sql(r, "d", "deal", CRM_WRITE));
	if (crm_db_begin(r) < 0)
		return CRM_EDB;
	int64_t changed = crm_db_exec(r, sql, "isi", user, json, crm_req_user(r));
	if (changed < 0)
		return CRM_EDB;
	const char **texts = crm_palloc(p, (rows->n_rows + 1) * sizeof *texts);
	for (size_t i = 0; i < rows->n_rows; i++)
		texts[i] = crm_psprintf(p, "%s: %s", crm_t(r, "deals.col.owner_id"), crm_rows_get(u, 0, 0));
	if (crm_history_add_many(r, "deal", crm_rows_ids(crm_req_pool(r), rows, 0), rows->n_rows, "changed", texts) < 0)
		return CRM_EDB;
	if (user != crm_req_user(r) &&
	    crm_notify(r, user, "deals.made_owner_bulk", crm_psprintf(p, "%lld", (long long)rows->n_rows),
		       crm_psprintf(p, "/deals?manager=%lld", (long long)user)) < 0)
		return CRM_EDB;
	if (crm_db_commit(r) < 0)
		return CRM_EDB;
	return done(r, "ok", "deals.bulk_owner_changed");
}

static int change_stage(crm_req *r, const int64_t *ids, size_t n)
{
	crm_rows *rows = deals_reachable(r, ids, n, CRM_WRITE);
	if (!rows)
		return CRM_EDB;
	if (!rows->n_rows)
		return done(r, "error", "deals.bulk_none_writable");
	if (crm_db_begin(r) < 0)
		return CRM_EDB;
	int64_t moved = deals_set_stage(r, rows, crm_id(crm_input(r, "stage")));
	if (moved == CRM_ENOTFOUND) {
		crm_db_rollback(r);
		return done(r, "error", "deals.stage_invalid");
	}
	if (moved < 0 || crm_db_commit(r) < 0)
		return CRM_EDB;
	return done(r, "ok", "deals.bulk_stage_changed");
}

/* The confirmation: the deals that would go, and a form posting them again. */
static int confirm_delete(crm_req *r, const int64_t *ids, size_t n)
{
	crm_rows *rows = deals_reachable(r, ids, n, CRM_WRITE);
	if (!rows)
		return CRM_EDB;
	if (!rows->n_rows)
		return done(r, "error", "deals.bulk_none_writable");
	xmlNodePtr c = crm_page(r, "deals.bulk_delete", "deals.bulk_delete_title");
	crm_bulk_confirm(c, "/deals/bulk/delete", rows, "deal", "deals.bulk_delete_submit", back(r));
	return 0;
}

/* The ticked deals the user may read, as a CSV download. */
static int export_ids(crm_req *r, const int64_t *ids, size_t n)
{
	const char *sql = crm_psprintf(crm_req_pool(r), "SELECT %s FROM deal d%sWHERE " DEALS_IN_IDS " AND %s "
							"ORDER BY d.name, d.id", deals_export_columns(r), deals_export_joins,
				       crm_access_sql(r, "d", "deal", CRM_READ));
	crm_rows *rows = crm_db_query(r, sql, "si", crm_json_ids(crm_req_pool(r), ids, n), crm_req_user(r));
	if (!rows)
		return CRM_EDB;
	return deals_export_rows(r, rows);
}

int deals_bulk(crm_req *r)
{
	static const crm_bulk_action actions[] = {
		{"export", "deals.export", export_ids}, {"tag", "deals.edit", add_tag},
		{"manager", "deals.edit", change_owner}, {"stage", "deals.edit", change_stage},
		{"delete", "deals.edit", confirm_delete}, {NULL, "deals.edit", NULL},
	};
	return crm_bulk_dispatch(r, actions, BULK_MAX, "/deals", "deals");
}

int deals_bulk_delete(crm_req *r)
{
	size_t n;
	int64_t *ids = crm_input_ids(r, "id", BULK_MAX, &n);
	if (!n)
		return done(r, "error", "deals.bulk_none");
	crm_rows *rows = deals_reachable(r, ids, n, CRM_WRITE);
	if (!rows)
		return CRM_EDB;
	if (!rows->n_rows)
		return done(r, "error", "deals.bulk_none_writable");
	for (size_t i = 0; i < rows->n_rows; i++)
		if (deal_delete(r, crm_id(crm_rows_get(rows, i, 0)), crm_rows_get(rows, i, 1)) < 0)
			return CRM_EDB;
	return done(r, "ok", "deals.bulk_deleted");
}
