/* /contacts/settings: the admin-edited lists of contact types and temperature levels:
 * add, rename, reorder, delete with a confirmation (contacts keep no value then); and
 * the tabs that lead to them and to the web forms. */
#include <stdlib.h>
#include <string.h>
#include "contacts.h"

/* The lists, by the name in the URL; tables are these constants only. */
static const struct {
	const char *slug, *table, *title, *column;
} lists[] = {
	{"types", "contact_type", "contacts.settings_types", "type_id"},
	{"temperatures", "contact_temperature", "contacts.settings_temperatures", "temperature_id"},
};

static int which(crm_req *r)
{
	const char *s = crm_req_arg(r, "list");
	for (size_t i = 0; s && i < CRM_LEN(lists); i++)
		if (!strcmp(s, lists[i].slug))
			return (int)i;
	return -1;
}

static const char *list_url(crm_req *r, int l)
{
	return crm_psprintf(crm_req_pool(r), "/contacts/settings/%s", lists[l].slug);
}

void contacts_settings_tabs(crm_req *r, xmlNodePtr parent, const char *active)
{
	xmlNodePtr tabs = crm_xml_add(parent, "tabs", NULL);
	for (size_t i = 0; i <= CRM_LEN(lists); i++) {
		/* The web forms are the last tab: admins reach them from here, not the menu. */
		const char *href = i < CRM_LEN(lists) ? list_url(r, (int)i) : "/contacts/webforms";
		xmlNodePtr t = crm_xml_add(tabs, "tab", NULL);
		crm_xml_attr(t, "href", href);
		crm_xml_attr(t, "title", i < CRM_LEN(lists) ? lists[i].title : "contacts.settings_webforms");
		if (!strcmp(href, active))
			crm_xml_attr(t, "active", "1");
	}
}

/* The page; bad_id/typed/error mark the row (or the add form, bad_id 0) to fix. */
static int settings_page(crm_req *r, int l, int64_t bad_id, const char *typed, const char *error)
{
	crm_pool *p = crm_req_pool(r);
	const char *sql = crm_psprintf(p, "SELECT t.id, t.name, (SELECT COUNT(*) FROM contact c WHERE c.%s = t.id) AS used "
					  "FROM %s t ORDER BY t.position, t.id", lists[l].column, lists[l].table);
	crm_rows *rows = crm_db_query(r, sql, "");
	if (!rows)
		return CRM_EDB;
	xmlNodePtr c = contacts_page(r, "contacts.settings", lists[l].title);
	contacts_settings_tabs(r, c, list_url(r, l));
	xmlNodePtr items = crm_xml_add(c, "entries", NULL);
	crm_xml_attr(items, "slug", lists[l].slug);
	crm_xml_attr(items, "title", lists[l].title);
	for (size_t i = 0; i < rows->n_rows; i++) {
		const char *id = crm_rows_get(rows, i, 0);
		xmlNodePtr e = crm_xml_add(items, "entry", NULL);
		crm_xml_attr(e, "id", id);
		crm_xml_attr(e, "name", crm_rows_get(rows, i, 1));
		crm_xml_attr(e, "used", crm_rows_get(rows, i, 2));
		if (i == 0)
			crm_xml_attr(e, "first", "1");
		if (i + 1 == rows->n_rows)
			crm_xml_attr(e, "last", "1");
		if (bad_id && bad_id == strtoll(id, NULL, 10)) {
			crm_xml_attr(e, "typed", typed);
			crm_xml_attr(e, "error", error);
		}
	}
	xmlNodePtr f = crm_form(c, list_url(r, l));
	crm_xml_attr(f, "class", "inline");
	xmlNodePtr x = crm_form_field(f, "name", "contacts.settings_new", "text", bad_id ? NULL : typed);
	crm_xml_attr(x, "required", "1");
	crm_xml_attr(x, "maxlength", "100");
	crm_xml_attr(x, "error", bad_id ? NULL : error);
	crm_form_submit(f, "contacts.settings_add");
	if (error)
		crm_status(r, 422);
	return 0;
}

int contacts_settings(crm_req *r)
{
	int l = which(r);
	if (l < 0)
		return crm_error(r, 404, "core.not_found");
	return settings_page(r, l, 0, NULL, NULL);
}

/* Why a name cannot be used, or NULL; duplicates are found among the others. */
static const char *name_problem(crm_req *r, int l, const char *name, int64_t self, int *db)
{
	*db = 0;
	if (!*name)
		return "contacts.settings_name_required";
	if (contact_chars(name) > 100 || strpbrk(name, "\t\r\n"))
		return "contacts.too_long_100";
	const char *sql = crm_psprintf(crm_req_pool(r), "SELECT 1 FROM %s WHERE name = ? AND id <> ?", lists[l].table);
	crm_rows *rows = crm_db_query(r, sql, "si", name, self);
	if (!rows) {
		*db = CRM_EDB;
		return NULL;
	}
	return rows->n_rows ? "contacts.settings_name_taken" : NULL;
}

int contacts_settings_add(crm_req *r)
{
	int l = which(r), db;
	if (l < 0)
		return crm_error(r, 404, "core.not_found");
	const char *name = contacts_input(r, "name");
	const char *why = name_problem(r, l, name, 0, &db);
	if (db)
		return db;
	if (why)
		return settings_page(r, l, 0, name, why);
	const char *sql = crm_psprintf(crm_req_pool(r), "INSERT INTO %s (name, position) "
							"SELECT ?, COALESCE(MAX(position), 0) + 1 FROM %s", lists[l].table, lists[l].table);
	if (crm_db_exec(r, sql, "s", name) < 0)
		return CRM_EDB;
	crm_audit(r, "contacts.settings_add", lists[l].slug, crm_db_last_id(r), "name", NULL, name);
	crm_flash(r, "ok", "core.saved");
	return crm_redirect(r, list_url(r, l));
}

/* The entry {id} of the list {list}: its name with *l and *id set, or NULL after
 * answering 404 (*rc the page's result) or a DB error (*rc). */
static const char *entry(crm_req *r, int *l, int64_t *id, int *rc)
{
	*l = which(r);
	*id = crm_req_arg_id(r, "id");
	if (*l < 0) {
		*rc = crm_error(r, 404, "core.not_found");
		return NULL;
	}
	const char *sql = crm_psprintf(crm_req_pool(r), "SELECT name FROM %s WHERE id = ?", lists[*l].table);
	crm_rows *rows = crm_db_query(r, sql, "i", *id);
	*rc = rows ? 0 : CRM_EDB;
	if (rows && !rows->n_rows)
		*rc = crm_error(r, 404, "core.not_found");
	return rows ? crm_rows_get(rows, 0, 0) : NULL;
}

int contacts_settings_rename(crm_req *r)
{
	int l, rc, db;
	int64_t id;
	const char *old = entry(r, &l, &id, &rc);
	if (!old)
		return rc;
	const char *name = contacts_input(r, "name");
	const char *why = name_problem(r, l, name, id, &db);
	if (db)
		return db;
	if (why)
		return settings_page(r, l, id, name, why);
	const char *sql = crm_psprintf(crm_req_pool(r), "UPDATE %s SET name = ? WHERE id = ?", lists[l].table);
	if (crm_db_exec(r, sql, "si", name, id) < 0)
		return CRM_EDB;
	crm_audit(r, "contacts.settings_rename", lists[l].slug, id, "name", old, name);
	crm_flash(r, "ok", "core.saved");
	return crm_redirect(r, list_url(r, l));
}

int contacts_settings_move(crm_req *r)
{
	int l, rc;
	int64_t id;
	if (!entry(r, &l, &id, &rc))
		return rc;
	const char *dir = crm_req_form(r, "dir");
	bool up = dir && !strcmp(dir, "up");
	crm_pool *p = crm_req_pool(r);
	/* Lists are short: number them afresh with the entry swapped with its neighbour. */
	if (crm_db_begin(r) < 0)
		return CRM_EDB;
	crm_rows *rows = crm_db_query(r, crm_psprintf(p, "SELECT id FROM %s ORDER BY position, id FOR UPDATE", lists[l].table), "");
	if (!rows)
		return CRM_EDB;
	size_t n = rows->n_rows, at = n;
	int64_t *order = crm_palloc(p, (n + 1) * sizeof *order);
	for (size_t i = 0; i < n; i++) {
		order[i] = strtoll(crm_rows_get(rows, i, 0), NULL, 10);
		if (order[i] == id)
			at = i;
	}
	size_t other = up ? at - 1 : at + 1;
	if (at < n && ((up && at > 0) || (!up && other < n))) {
		int64_t t = order[at];
		order[at] = order[other];
		order[other] = t;
	}
	const char *sql = crm_psprintf(p, "UPDATE %s SET position = ? WHERE id = ?", lists[l].table);
	for (size_t i = 0; i < n; i++)
		if (crm_db_exec(r, sql, "ii", (int64_t)i + 1, order[i]) < 0)
			return CRM_EDB;
	if (crm_db_commit(r) < 0)
		return CRM_EDB;
	return crm_redirect(r, list_url(r, l));
}

int contacts_settings_delete_confirm(crm_req *r)
{
	int l, rc;
	int64_t id;
	const char *name = entry(r, &l, &id, &rc);
	if (!name)
		return rc;
	crm_pool *p = crm_req_pool(r);
	xmlNodePtr c = contacts_page(r, "contacts.settings_delete", lists[l].title);
	xmlNodePtr q = crm_xml_add(c, "confirm", crm_t(r, name));
	crm_xml_attr(q, "action", crm_psprintf(p, "/contacts/settings/%s/%lld/delete", lists[l].slug, (long long)id));
	crm_xml_attr(q, "question", "contacts.settings_confirm_delete");
	crm_xml_attr(q, "cancel", list_url(r, l));
	return 0;
}

int contacts_settings_delete(crm_req *r)
{
	int l, rc;
	int64_t id;
	const char *name = entry(r, &l, &id, &rc);
	if (!name)
		return rc;
	/* Contacts of this type keep none: the foreign key sets it to NULL. */
	const char *sql = crm_psprintf(crm_req_pool(r), "DELETE FROM %s WHERE id = ?", lists[l].table);
	if (crm_db_exec(r, sql, "i", id) < 0)
		return CRM_EDB;
	crm_audit(r, "contacts.settings_delete", lists[l].slug, id, "name", name, NULL);
	crm_flash(r, "ok", "core.deleted");
	return crm_redirect(r, list_url(r, l));
}
