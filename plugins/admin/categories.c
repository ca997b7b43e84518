/* /admin/categories: the categories history items are filed under. Seeded names are
 * message keys (shown translated, kept as keys while an admin leaves them as shown);
 * system categories, which code writes, can be renamed but not deleted; a deleted
 * category's items become notes. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "admin.h"

#define CATEGORIES_MAX 200

static const char *category_url(crm_req *r, int64_t id)
{
	return crm_psprintf(crm_req_pool(r), "/admin/categories/%lld", (long long)id);
}

static crm_rows *load(crm_req *r, int64_t id)
{
	return crm_db_query(r, "SELECT id, code, name, system, position FROM crm_history_category WHERE id = ?", "i", id);
}

/* The name to store: a seeded key stays when the admin left its translation as shown. */
static const char *stored_name(crm_req *r, const char *old, const char *typed)
{
	return old && !strcmp(typed, crm_t(r, old)) ? old : typed;
}

/* 0 with the position in *pos, or an i18n key saying what is wrong. */
static const char *read_position(const char *s, int64_t *pos)
{
	char *end;
	long long v = strtoll(s, &end, 10);
	if (!*s || *end || v < 0 || v > 1000000)
		return "admin.position_invalid";
	*pos = v;
	return NULL;
}

/* A category name: 1 to 100 characters, unlike any other category's as shown (case
 * aside, for Latin letters). 0 with *err set when it is not fine, or CRM_EDB. */
static int check_name(crm_req *r, const char *name, int64_t id, const char **err)
{
	size_t chars = 0;
	for (const char *c = name; *c; c++)
		chars += ((unsigned char)*c & 0xC0) != 0x80;
	if (!chars) {
		*err = "admin.category_required";
		return 0;
	}
	if (chars > 100) {
		*err = "admin.category_too_long";
		return 0;
	}
	crm_rows *all = crm_db_query(r, "SELECT id, name FROM crm_history_category WHERE id <> ?", "i", id);
	if (!all)
		return CRM_EDB;
	for (size_t i = 0; i < all->n_rows; i++)
		if (!strcasecmp(crm_t(r, crm_rows_get(all, i, 1)), name))
			*err = "admin.category_exists";
	return 0;
}

static int list_page(crm_req *r, const char *name, const char *position, const char *name_err, const char *pos_err)
{
	crm_rows *rows = crm_db_query(r, "SELECT c.id, c.code, c.name, c.system, c.position FROM crm_history_category c "
					 "ORDER BY c.position, c.id LIMIT ?", "i", (int64_t)CATEGORIES_MAX);
	if (!rows)
		return CRM_EDB;
	xmlNodePtr c = admin_page(r, "admin.categories", "admin.categories_title", "/admin/categories");
	crm_rows_xml(rows, crm_xml_add(c, "categories", NULL), "category");
	xmlNodePtr f = crm_form(crm_xml_add(c, "create", NULL), "/admin/categories");
	crm_xml_attr(f, "class", "inline");
	xmlNodePtr x = crm_form_name(f, "admin.category_name", name, 100, name_err);
	x = crm_form_field(f, "position", "admin.position", "number", position);
	crm_xml_attr(x, "min", "0");
	crm_xml_attr(x, "step", "1");
	crm_xml_attr(x, "error", pos_err);
	crm_form_submit(f, "admin.add_category");
	if (name_err || pos_err)
		admin_form_failed(r, f);
	return 0;
}

int admin_categories(crm_req *r)
{
	return list_page(r, NULL, NULL, NULL, NULL);
}

int admin_category_create(crm_req *r)
{
	const char *name = crm_input(r, "name"), *position = crm_input(r, "position");
	const char *name_err = NULL, *pos_err = NULL;
	int64_t pos = 0;
	if (check_name(r, name, 0, &name_err) < 0)
		return CRM_EDB;
	crm_rows *n = crm_db_query(r, "SELECT COUNT(*), COALESCE(MAX(position), 0) + 10 FROM crm_history_category", NULL);
	if (!n)
		return CRM_EDB;
	if (*position)
		pos_err = read_position(position, &pos);
	else
		pos = atoll(crm_rows_get(n, 0, 1));
	if (!name_err && atoll(crm_rows_get(n, 0, 0)) >= CATEGORIES_MAX)
		name_err = "admin.categories_too_many";
	if (name_err || pos_err)
		return list_page(r, name, position, name_err, pos_err);
	if (crm_db_exec(r, "INSERT INTO crm_history_category (name, position) VALUES (?, ?)", "si", name, pos) < 0)
		return CRM_EDB;
	int64_t id = crm_db_last_id(r);
	if (crm_audit(r, "category.create", "history_category", id, "name", NULL, name) < 0)
		return CRM_EDB;
	crm_flash(r, "ok", "admin.category_created");
	return crm_redirect(r, "/admin/categories");
}

static int edit_page(crm_req *r, int64_t id, const char *name, const char *position, const char *name_err,
		     const char *pos_err)
{
	int rc;
	crm_rows *cat = admin_found(r, load(r, id), &rc);
	if (!cat)
		return rc;
	xmlNodePtr c = admin_page(r, "admin.category", "admin.category_title", "/admin/categories");
	crm_rows_xml(cat, c, "category");
	xmlNodePtr f = crm_form(c, category_url(r, id));
	xmlNodePtr x = crm_form_name(f, "admin.category_name", name ? name : crm_t(r, crm_rows_get(cat, 0, 2)), 100, name_err);
	x = crm_form_field(f, "position", "admin.position", "number", position ? position : crm_rows_get(cat, 0, 4));
	crm_xml_attr(x, "min", "0");
	crm_xml_attr(x, "step", "1");
	crm_xml_attr(x, "required", "1");
	crm_xml_attr(x, "error", pos_err);
	crm_form_submit(f, "core.save");
	crm_xml_attr(crm_xml_add(f, "cancel", NULL), "href", "/admin/categories");
	if (name_err || pos_err)
		admin_form_failed(r, f);
	return 0;
}

int admin_category(crm_req *r)
{
	return edit_page(r, crm_req_arg_id(r, "id"), NULL, NULL, NULL, NULL);
}

int admin_category_save(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	int rc;
	crm_rows *cat = admin_found(r, load(r, id), &rc);
	if (!cat)
		return rc;
	const char *name = crm_input(r, "name"), *position = crm_input(r, "position");
	const char *name_err = NULL, *pos_err = read_position(position, &(int64_t){0});
	if (check_name(r, name, id, &name_err) < 0)
		return CRM_EDB;
	if (name_err || pos_err)
		return edit_page(r, id, name, position, name_err, pos_err);
	const char *old = crm_rows_get(cat, 0, 2), *old_pos = crm_rows_get(cat, 0, 4);
	const char *store = stored_name(r, old, name);
	int64_t pos = atoll(position);
	if (crm_db_exec(r, "UPDATE crm_history_category SET name = ?, position = ? WHERE id = ?", "sii", store, pos, id) < 0)
		return CRM_EDB;
	if (strcmp(old, store) && crm_audit(r, "category.rename", "history_category", id, "name", old, store) < 0)
		return CRM_EDB;
	if (atoll(old_pos) != pos &&
	    crm_audit(r, "category.change", "history_category", id, "position", old_pos,
		      crm_psprintf(crm_req_pool(r), "%lld", (long long)pos)) < 0)
		return CRM_EDB;
	crm_flash(r, "ok", "admin.category_saved");
	return crm_redirect(r, "/admin/categories");
}

/* The category {id} when it may be deleted: 1; otherwise what the handler answers. */
static int deletable(crm_req *r, int64_t id, crm_rows **cat)
{
	int rc;
	*cat = admin_found(r, load(r, id), &rc);
	if (!*cat)
		return rc;
	if (atoi(crm_rows_get(*cat, 0, 3))) {
		crm_flash(r, "error", "admin.category_system");
		crm_redirect(r, "/admin/categories");
		return 0;
	}
	return 1;
}

int admin_category_delete_confirm(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	crm_rows *cat;
	int ok = deletable(r, id, &cat);
	if (ok <= 0)
		return ok;
	xmlNodePtr c = admin_page(r, "admin.category_delete", "admin.category_delete_title", "/admin/categories");
	xmlNodePtr q = crm_xml_add(c, "confirm", crm_t(r, crm_rows_get(cat, 0, 2)));
	crm_xml_attr(q, "action", crm_psprintf(crm_req_pool(r), "/admin/categories/%lld/delete", (long long)id));
	crm_xml_attr(q, "question", "admin.confirm_category_delete");
	crm_xml_attr(q, "cancel", "/admin/categories");
	return 0;
}

int admin_category_delete(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	crm_rows *cat;
	int ok = deletable(r, id, &cat);
	if (ok <= 0)
		return ok;
	if (crm_db_begin(r) < 0 ||
	    crm_db_exec(r, "UPDATE crm_history SET category_id = (SELECT id FROM crm_history_category WHERE code = 'note') "
			   "WHERE category_id = ?", "i", id) < 0 ||
	    crm_db_exec(r, "DELETE FROM crm_history_category WHERE id = ? AND system = 0", "i", id) < 0 ||
	    crm_audit(r, "category.delete", "history_category", id, "name", crm_rows_get(cat, 0, 2), NULL) < 0 ||
	    crm_db_commit(r) < 0)
		return CRM_EDB;
	crm_flash(r, "ok", "admin.category_deleted");
	return crm_redirect(r, "/admin/categories");
}
