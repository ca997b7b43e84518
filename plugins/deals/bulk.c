/* Actions on the deals ticked in the list: reassign, change the stage, add a tag, delete
 * (after a confirmation), export. Each acts only on the deals the user may write (or
 * read, for the export), in a fixed number of statements but for the deletion. */
#include "deals.h"

static const crm_bulk_list bulk = {
	.entity = "deal", .list = "/deals", .prefix = "deals", .max = 1000,
	.load = deals_reachable,
};

static int change_stage(crm_req *r, const crm_bulk_list *l, const int64_t *ids, size_t n)
{
	int rc;
	crm_rows *rows = crm_bulk_writable(r, l, ids, n, &rc);
	if (!rows)
		return rc;
	if (crm_db_begin(r) < 0)
		return CRM_EDB;
	int64_t moved = deals_set_stage(r, rows, crm_id(crm_input(r, "stage")));
	if (moved == CRM_ENOTFOUND) {
		crm_db_rollback(r);
		return crm_bulk_done(r, l, "error", "deals.stage_invalid");
	}
	if (moved < 0 || crm_db_commit(r) < 0)
		return CRM_EDB;
	return crm_bulk_done(r, l, "ok", "deals.bulk_stage_changed");
}

/* The ticked deals the user may read, as a CSV download. */
static int export_ids(crm_req *r, const crm_bulk_list *l, const int64_t *ids, size_t n)
{
	(void)l;
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
		{"export", "deals.export", export_ids}, {"tag", "deals.edit", crm_bulk_tag},
		{"manager", "deals.edit", crm_bulk_owner}, {"stage", "deals.edit", change_stage},
		{"delete", "deals.edit", crm_bulk_delete_confirm}, {NULL, "deals.edit", NULL},
	};
	return crm_bulk_dispatch(r, &bulk, actions);
}

int deals_bulk_delete(crm_req *r)
{
	return crm_bulk_delete(r, &bulk);
}
