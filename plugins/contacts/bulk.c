/* Actions on the rows ticked in the list: add a tag, change the manager, delete (after a
 * confirmation, each contact through the veto event), export. Each acts only on the
 * contacts the user may write (or read, for the export). */
#include <string.h>
#include "contacts.h"

/* Rows one action may take. */
#define BULK_MAX 1000

/* The ticked contacts the user may use in mode: rows id, name. */
static crm_rows *reachable(crm_req *r, const int64_t *ids, size_t n, int mode)
{
	const char *sql = crm_psprintf(crm_req_pool(r), "SELECT c.id, c.name FROM contact c WHERE " CONTACTS_IN_IDS
						       " AND %s ORDER BY c.name, c.id", crm_access_sql(r, "c", "contact", mode));
	return crm_db_query(r, sql, "si", crm_json_ids(crm_req_pool(r), ids, n), crm_req_user(r));
}

/* Where to go back: the list with its filters, as the form posted it. */
static const char *back(crm_req *r)
{
	return crm_input_back(r, "/contacts");
}

static int done(crm_req *r, const char *kind, const char *key)
{
	crm_flash(r, kind, key);
	return crm_redirect(r, back(r));
}

static int add_tag(crm_req *r, const int64_t *ids, size_t n)
{
	return crm_bulk_tag(r, "contact", "/contacts", "contacts", reachable, ids, n);
}

static int change_manager(crm_req *r, const int64_t *ids, size_t n)
{
	int64_t user = crm_id(crm_input(r, "manager"));
	crm_rows *u = user > 0 ? crm_db_query(r, "SELECT name FROM crm_user WHERE id = ? AND active = 1", "i", user) : NULL;
	if (user > 0 && !u)
		return CRM_EDB;
	if (!u || !u->n_rows)
		return done(r, "error", "contacts.owner_invalid");
	const char *sql = crm_psprintf(crm_req_pool(r), "UPDATE contact c SET c.owner_id = ? WHERE " CONTACTS_IN_IDS " AND %s",
				       crm_access_sql(r, "c", "contact", CRM_WRITE));
	int64_t changed = crm_db_exec(r, sql, "isi", user, crm_json_ids(crm_req_pool(r), ids, n), crm_req_user(r));
	if (changed < 0)
		return CRM_EDB;
	if (!changed)
		return done(r, "error", "contacts.bulk_none_writable");
	if (user != crm_req_user(r))
		crm_notify(r, user, "contacts.made_manager_bulk",
			   crm_psprintf(crm_req_pool(r), "%lld", (long long)changed),
			   crm_psprintf(crm_req_pool(r), "/contacts?manager=%lld", (long long)user));
	return done(r, "ok", "contacts.bulk_manager_changed");
}

/* The confirmation: the contacts that would go, and a form posting them again. */
static int confirm_delete(crm_req *r, const int64_t *ids, size_t n)
{
	crm_rows *rows = reachable(r, ids, n, CRM_WRITE);
	if (!rows)
		return CRM_EDB;
	if (!rows->n_rows)
		return done(r, "error", "contacts.bulk_none_writable");
	xmlNodePtr c = contacts_page(r, "contacts.bulk_delete", "contacts.bulk_delete_title");
	crm_bulk_confirm(c, "/contacts/bulk/delete", rows, "contact", "contacts.bulk_delete_submit", back(r));
	return 0;
}

int contacts_bulk(crm_req *r)
{
	static const crm_bulk_action actions[] = {
		{"export", "contacts.export", contacts_export_ids}, {"tag", "contacts.edit", add_tag},
		{"manager", "contacts.edit", change_manager}, {"delete", "contacts.edit", confirm_delete},
		{NULL, "contacts.edit", NULL},
	};
	return crm_bulk_dispatch(r, actions, BULK_MAX, "/contacts", "contacts");
}

int contacts_bulk_delete(crm_req *r)
{
	size_t n;
	int64_t *ids = crm_input_ids(r, "id", BULK_MAX, &n);
	if (!n)
		return done(r, "error", "contacts.bulk_none");
	crm_rows *rows = reachable(r, ids, n, CRM_WRITE);
	if (!rows)
		return CRM_EDB;
	size_t deleted = 0;
	xmlNodePtr kept = NULL;
	for (size_t i = 0; i < rows->n_rows; i++) {
		const char *name = crm_rows_get(rows, i, 1), *veto = NULL;
		int64_t id = crm_id(crm_rows_get(rows, i, 0));
		int rc = contact_delete(r, id, name, &veto);
		if (rc == CRM_EVETO) {
			if (!kept) {
				xmlNodePtr c = contacts_page(r, "contacts.bulk_result", "contacts.bulk_delete_title");
				kept = crm_xml_add(c, "kept", NULL);
			}
			xmlNodePtr k = crm_xml_add(kept, "contact", name);
			crm_xml_attr(k, "id", crm_rows_get(rows, i, 0));
			crm_xml_attr(k, "reason", veto);
			continue;
		}
		if (rc < 0)
			return rc;
		deleted++;
	}
	if (!kept)
		return done(r, "ok", "contacts.bulk_deleted");
	crm_xml_attr_int(kept, "deleted", (int64_t)deleted);
	crm_xml_attr(kept, "back", back(r));
	crm_status(r, 409);
	return 0;
}
