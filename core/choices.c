/* The pages of the admin-edited lists of names (crm/choices.h): list, add, rename,
 * move, delete after a confirmation. */
#include <string.h>
#include "core.h"
#include "crm/choices.h"
#include "crm/input.h"

#define NAME_MAX_CHARS 100

/* The list the {list} argument names (the only one when the routes have none), or NULL
 * after answering 404 or refusing a table that is not an SQL name (*rc). */
static const crm_choices *which(crm_req *r, const crm_choices_set *set, int *rc)
{
	const char *slug = crm_req_arg(r, "list");
	const crm_choices *l = NULL;
	for (size_t i = 0; i < set->n_lists && !l; i++)
		if (slug ? !strcmp(slug, set->lists[i].slug) : set->n_lists == 1)
			l = &set->lists[i];
	if (!l) {
		*rc = crm_error(r, 404, "core.not_found");
		return NULL;
	}
	if (!crm_sql_name(l->table) || !crm_sql_name(l->records) || !crm_sql_name(l->column)) {
		crm_log("error", "choices list %s: table or column is not an SQL name", l->slug);
		*rc = CRM_EINTERNAL;
		return NULL;
	}
	return l;
}

static const char *label(crm_req *r, const crm_choices_set *set, const char *name)
{
	size_t n = strlen(set->prefix);
	return !strncmp(name, set->prefix, n) && name[n] == '.' ? crm_t(r, name) : name;
}

/* The page; bad_id/typed/error mark the row (or the add form, bad_id 0) to fix. */
static int page(crm_req *r, const crm_choices_set *set, const crm_choices *l, int64_t bad_id, const char *typed,
		const char *error)
{
	crm_pool *p = crm_req_pool(r);
	const char *sql = crm_psprintf(p, "SELECT t.id, t.name, (SELECT COUNT(*) FROM %s x WHERE x.%s = t.id) "
					  "FROM %s t ORDER BY t.position, t.id", l->records, l->column, l->table);
	crm_rows *rows = crm_db_query(r, sql, "");
	if (!rows)
		return CRM_EDB;
	xmlNodePtr c = crm_page(r, set->view, l->title);
	if (set->decorate)
		set->decorate(r, c, l);
	xmlNodePtr list = crm_xml_add(c, "choices", NULL);
	crm_xml_attr(list, "url", l->url);
	crm_xml_attr(list, "used", l->used);
	crm_xml_attr(list, "empty", l->empty);
	for (size_t i = 0; i < rows->n_rows; i++) {
		const char *id = crm_rows_get(rows, i, 0), *name = crm_rows_get(rows, i, 1);
		xmlNodePtr e = crm_xml_add(list, "entry", NULL);
		crm_xml_attr(e, "id", id);
		crm_xml_attr(e, "name", name);
		crm_xml_attr(e, "label", label(r, set, name));
		crm_xml_attr(e, "used", crm_rows_get(rows, i, 2));
		if (i == 0)
			crm_xml_attr(e, "first", "1");
		if (i + 1 == rows->n_rows)
			crm_xml_attr(e, "last", "1");
		if (bad_id && bad_id == crm_id(id)) {
			crm_xml_attr(e, "typed", typed);
			crm_xml_attr(e, "error", error);
		}
	}
	xmlNodePtr f = crm_form(list, l->url);
	crm_xml_attr(f, "class", "inline");
	crm_form_name(f, l->add, bad_id ? NULL : typed, 100, bad_id ? NULL : error);
	crm_form_submit(f, "core.choices.add");
	if (error)
		crm_status(r, 422);
	return 0;
}

int crm_choices_page(crm_req *r, const crm_choices_set *set)
{
	int rc;
	const crm_choices *l = which(r, set, &rc);
	return l ? page(r, set, l, 0, NULL, NULL) : rc;
}

/* Why a name cannot be used, or NULL; duplicates are found among the others. */
static const char *name_problem(crm_req *r, const crm_choices *l, const char *name, int64_t self, int *db)
{
	*db = 0;
	if (!*name)
		return "core.choices.name_required";
	if (crm_utf8_chars(name) > NAME_MAX_CHARS || !crm_one_line(name))
		return "core.choices.name_too_long";
	const char *sql = crm_psprintf(crm_req_pool(r), "SELECT 1 FROM %s WHERE name = ? AND id <> ?", l->table);
	crm_rows *rows = crm_db_query(r, sql, "si", name, self);
	if (!rows) {
		*db = CRM_EDB;
		return NULL;
	}
	return rows->n_rows ? "core.choices.name_taken" : NULL;
}

static const char *action(crm_req *r, const crm_choices_set *set, const char *what)
{
	return crm_psprintf(crm_req_pool(r), "%s_%s", set->audit, what);
}

int crm_choices_add(crm_req *r, const crm_choices_set *set)
{
	int rc, db;
	const crm_choices *l = which(r, set, &rc);
	if (!l)
		return rc;
	const char *name = crm_input(r, "name");
	const char *why = name_problem(r, l, name, 0, &db);
	if (db)
		return db;
	if (why)
		return page(r, set, l, 0, name, why);
	const char *sql = crm_psprintf(crm_req_pool(r), "INSERT INTO %s (name, position) "
							"SELECT ?, COALESCE(MAX(position), 0) + 1 FROM %s", l->table, l->table);
	if (crm_db_exec(r, sql, "s", name) < 0)
		return CRM_EDB;
	crm_audit(r, action(r, set, "add"), l->slug, crm_db_last_id(r), "name", NULL, name);
	crm_flash(r, "ok", "core.saved");
	return crm_redirect(r, l->url);
}

/* The entry {id} of the list: its name with *l and *id set, or NULL after answering 404
 * (*rc the page's result) or a DB error (*rc). */
static const char *entry(crm_req *r, const crm_choices_set *set, const crm_choices **l, int64_t *id, int *rc)
{
	*id = crm_req_arg_id(r, "id");
	if (!(*l = which(r, set, rc)))
		return NULL;
	const char *sql = crm_psprintf(crm_req_pool(r), "SELECT name FROM %s WHERE id = ?", (*l)->table);
	crm_rows *rows = crm_db_query(r, sql, "i", *id);
	*rc = rows ? 0 : CRM_EDB;
	if (rows && !rows->n_rows)
		*rc = crm_error(r, 404, "core.not_found");
	return rows && rows->n_rows ? crm_rows_get(rows, 0, 0) : NULL;
}

int crm_choices_rename(crm_req *r, const crm_choices_set *set)
{
	int rc, db;
	int64_t id;
	const crm_choices *l;
	const char *old = entry(r, set, &l, &id, &rc);
	if (!old)
		return rc;
	const char *name = crm_input(r, "name");
	const char *why = name_problem(r, l, name, id, &db);
	if (db)
		return db;
	if (why)
		return page(r, set, l, id, name, why);
	const char *sql = crm_psprintf(crm_req_pool(r), "UPDATE %s SET name = ? WHERE id = ?", l->table);
	if (crm_db_exec(r, sql, "si", name, id) < 0)
		return CRM_EDB;
	crm_audit(r, action(r, set, "rename"), l->slug, id, "name", old, name);
	crm_flash(r, "ok", "core.saved");
	return crm_redirect(r, l->url);
}

int crm_position_swap(crm_req *r, const char *table, const crm_rows *rows, int64_t id, bool up, int64_t first)
{
	crm_pool *p = crm_req_pool(r);
	size_t n = rows->n_rows, at = n;
	int64_t *order = crm_palloc(p, (n + 1) * sizeof *order);
	for (size_t i = 0; i < n; i++) {
		order[i] = crm_id(crm_rows_get(rows, i, 0));
		if (order[i] == id)
			at = i;
	}
	if (at < n && (up ? at > 0 : at + 1 < n)) {
		size_t other = up ? at - 1 : at + 1;
		int64_t t = order[at];
		order[at] = order[other];
		order[other] = t;
	}
	const char *sql = crm_psprintf(p, "UPDATE %s SET position = ? WHERE id = ?", table);
	for (size_t i = 0; i < n; i++)
		if (crm_db_exec(r, sql, "ii", first + (int64_t)i, order[i]) < 0)
			return CRM_EDB;
	return 0;
}

int crm_choices_move(crm_req *r, const crm_choices_set *set)
{
	int rc;
	int64_t id;
	const crm_choices *l;
	if (!entry(r, set, &l, &id, &rc))
		return rc;
	bool up = !strcmp(crm_input(r, "dir"), "up");
	crm_pool *p = crm_req_pool(r);
	/* Lists are short: number them afresh with the entry swapped with its neighbour. */
	if (crm_db_begin(r) < 0)
		return CRM_EDB;
	crm_rows *rows = crm_db_query(r, crm_psprintf(p, "SELECT id FROM %s ORDER BY position, id FOR UPDATE", l->table), "");
	if (!rows)
		return CRM_EDB;
	if (crm_position_swap(r, l->table, rows, id, up, 1) < 0)
		return CRM_EDB;
	if (crm_db_commit(r) < 0)
		return CRM_EDB;
	return crm_redirect(r, l->url);
}

int crm_choices_delete_confirm(crm_req *r, const crm_choices_set *set)
{
	int rc;
	int64_t id;
	const crm_choices *l;
	const char *name = entry(r, set, &l, &id, &rc);
	if (!name)
		return rc;
	xmlNodePtr c = crm_page(r, set->delete_view, l->title);
	xmlNodePtr q = crm_xml_add(c, "confirm", label(r, set, name));
	crm_xml_attr(q, "action", crm_psprintf(crm_req_pool(r), "%s/%lld/delete", l->url, (long long)id));
	crm_xml_attr(q, "question", l->confirm);
	crm_xml_attr(q, "cancel", l->url);
	return 0;
}

int crm_choices_delete(crm_req *r, const crm_choices_set *set)
{
	int rc;
	int64_t id;
	const crm_choices *l;
	const char *name = entry(r, set, &l, &id, &rc);
	if (!name)
		return rc;
	/* The records that had it keep none: the foreign key sets their column to NULL. */
	const char *sql = crm_psprintf(crm_req_pool(r), "DELETE FROM %s WHERE id = ?", l->table);
	if (crm_db_exec(r, sql, "i", id) < 0)
		return CRM_EDB;
	crm_audit(r, action(r, set, "delete"), l->slug, id, "name", name, NULL);
	crm_flash(r, "ok", "core.deleted");
	return crm_redirect(r, l->url);
}
