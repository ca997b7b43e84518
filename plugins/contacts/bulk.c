/* Actions on the rows ticked in the list: add a tag, change the manager, delete (after a
 * confirmation, each contact through the veto event), export. Each acts only on the
 * contacts the user may write (or read, for the export). */
#include "contacts.h"

/* The ticked contacts the user may use in mode: rows id, name. */
static crm_rows *reachable(crm_req *r, const int64_t *ids, size_t n, int mode)
{
	const char *sql = crm_psprintf(crm_req_pool(r), "SELECT c.id, c.name FROM contact c WHERE " CONTACTS_IN_IDS
						       " AND %s ORDER BY c.name, c.id", crm_access_sql(r, "c", "contact", mode));
	return crm_db_query(r, sql, "si", crm_json_ids(crm_req_pool(r), ids, n), crm_req_user(r));
}

static const crm_bulk_list bulk = {
	.entity = "contact", .list = "/contacts", .prefix = "contacts", .max = 1000,
	.load = reachable, .remove = contact_delete,
};

static int export_ids(crm_req *r, const crm_bulk_list *l, const int64_t *ids, size_t n)
{
	(void)l;
	return contacts_export_ids(r, ids, n);
}

int contacts_bulk(crm_req *r)
{
	static const crm_bulk_action actions[] = {
		{"export", "contacts.export", export_ids}, {"tag", "contacts.edit", crm_bulk_tag},
		{"manager", "contacts.edit", crm_bulk_owner}, {"delete", "contacts.edit", crm_bulk_delete_confirm},
		{NULL, "contacts.edit", NULL},
	};
	return crm_bulk_dispatch(r, &bulk, actions);
}

int contacts_bulk_delete(crm_req *r)
{
	return crm_bulk_delete(r, &bulk);
}
