/* /admin/tags: every tag with the number of records carrying it; renaming, merging one
 * tag into another and deleting, each confirmed first where it cannot be undone. */
#include <stdlib.h>
#include <string.h>
#include "admin.h"

static const char *tag_url(crm_req *r, int64_t id)
{
	return crm_psprintf(crm_req_pool(r), "/admin/tags/%lld", (long long)id);
}

/* The tag {id}: its name and how many records carry it; NULL rows on a database error. */
static crm_rows *load(crm_req *r, int64_t id)
{
	return crm_db_query(r, "SELECT t.id, t.name, (SELECT COUNT(*) FROM crm_record_tag rt WHERE rt.tag_id = t.id) AS uses "
			       "FROM crm_tag t WHERE t.id = ?", "i", id);
}

int admin_tags(crm_req *r)
{
	const char *q = crm_req_query(r, "q");
	q = q ? q : "";
	const char *like = crm_like_any(crm_req_pool(r), q);
	/* Keyset by name, which is unique; each count walks the (tag, ...) index. */
	crm_rows *rows = crm_list_back(r)
		? crm_db_query(r, "SELECT t.id, t.name, (SELECT COUNT(*) FROM crm_record_tag rt WHERE rt.tag_id = t.id) AS uses "
				  "FROM crm_tag t WHERE (? = '' OR t.name LIKE ?) AND t.name < ? ORDER BY t.name DESC LIMIT ?",
			       "sssi", q, like, crm_list_cursor(r), (int64_t)ADMIN_PAGE + 1)
		: crm_db_query(r, "SELECT t.id, t.name, (SELECT COUNT(*) FROM crm_record_tag rt WHERE rt.tag_id = t.id) AS uses "
				  "FROM crm_tag t WHERE (? = '' OR t.name LIKE ?) AND t.name > ? ORDER BY t.name LIMIT ?",
			       "sssi", q, like, crm_list_cursor(r), (int64_t)ADMIN_PAGE + 1);
	if (!rows)
		return CRM_EDB;
	xmlNodePtr c = admin_page(r, "admin.tags", "admin.tags_title", "/admin/tags");
	xmlNodePtr f = admin_get_form(c, "/admin/tags");
	crm_form_field(f, "q", "admin.search_tags", "search", q);
	crm_form_submit(f, "core.search");
	xmlNodePtr list = crm_rows_list(r, c, rows, ADMIN_PAGE, "tags-list", "tag", 1,
					crm_url(r, "/admin/tags", "q", q, NULL));
	crm_xml_attr(list, "q", q);
	return 0;
}

/* One tag's page: rename and merge forms, with what was typed and its error. */
static int tag_page(crm_req *r, int64_t id, const char *name, const char *name_err, const char *into,
		    const char *into_err)
{
	crm_rows *t = load(r, id);
	crm_rows *others = t ? crm_db_query(r, "SELECT name FROM crm_tag WHERE id <> ? ORDER BY name LIMIT 1000", "i", id) : NULL;
	if (!others)
		return CRM_EDB;
	if (!t->n_rows)
		return crm_error(r, 404, "core.not_found");
	crm_pool *p = crm_req_pool(r);
	xmlNodePtr c = admin_page(r, "admin.tag", "admin.tag_title", "/admin/tags");
	xmlNodePtr info = crm_xml_add(c, "tag", NULL);
	crm_xml_attr(info, "id", crm_rows_get(t, 0, 0));
	crm_xml_attr(info, "name", crm_rows_get(t, 0, 1));
	crm_xml_attr(info, "uses", crm_rows_get(t, 0, 2));

	xmlNodePtr f = crm_form(crm_xml_add(c, "rename", NULL), tag_url(r, id));
	xmlNodePtr x = crm_form_name(f, "admin.tag_name", name ? name : crm_rows_get(t, 0, 1), 100, name_err);
	crm_form_submit(f, "admin.rename");
	if (name_err)
		admin_form_failed(r, f);

	f = admin_get_form(crm_xml_add(c, "merge", NULL), crm_psprintf(p, "/admin/tags/%lld/merge", (long long)id));
	x = crm_form_field(f, "into", "admin.tag_merge_into", "text", into);
	crm_xml_attr(x, "required", "1");
	crm_xml_attr(x, "hint", "admin.tag_merge_hint");
	crm_xml_attr(x, "error", into_err);
	crm_form_submit(f, "admin.merge");
	if (into_err)
		admin_form_failed(r, f);
	xmlNodePtr names = crm_xml_add(c, "names", NULL);
	for (size_t i = 0; i < others->n_rows; i++)
		crm_xml_add(names, "name", crm_rows_get(others, i, 0));
	return 0;
}

int admin_tag(crm_req *r)
{
	return tag_page(r, crm_req_arg_id(r, "id"), NULL, NULL, NULL, NULL);
}

int admin_tag_rename(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	int rc;
	crm_rows *t = admin_found(r, load(r, id), &rc);
	if (!t)
		return rc;
	const char *name = crm_input(r, "name"), *err = NULL;
	if (!*name)
		err = "admin.tag_required";
	else if (strchr(name, ','))
		err = "admin.tag_comma";
	else if (crm_tags_check(r, name, &err) < 0)
		; /* err says why */
	else {
		crm_rows *same = crm_db_query(r, "SELECT id FROM crm_tag WHERE name = ? AND id <> ?", "si", name, id);
		if (!same)
			return CRM_EDB;
		if (same->n_rows)
			err = "admin.tag_exists";
	}
	if (err)
		return tag_page(r, id, name, err, NULL, NULL);
	const char *old = crm_rows_get(t, 0, 1);
	if (strcmp(old, name)) {
		if (crm_db_exec(r, "UPDATE crm_tag SET name = ? WHERE id = ?", "si", name, id) < 0 ||
		    crm_audit(r, "tag.rename", "tag", id, "name", old, name) < 0)
			return CRM_EDB;
	}
	crm_flash(r, "ok", "admin.tag_renamed");
	return crm_redirect(r, tag_url(r, id));
}

/* GET /admin/tags/{id}/merge?into=NAME: the confirmation, or the tag page with why not. */
int admin_tag_merge_confirm(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	const char *into = crm_req_query(r, "into");
	into = into ? into : "";
	crm_rows *t = load(r, id);
	crm_rows *target = t ? crm_db_query(r, "SELECT id, name FROM crm_tag WHERE name = ?", "s", into) : NULL;
	if (!target)
		return CRM_EDB;
	if (!t->n_rows)
		return crm_error(r, 404, "core.not_found");
	if (!target->n_rows || atoll(crm_rows_get(target, 0, 0)) == id)
		return tag_page(r, id, NULL, NULL, into, target->n_rows ? "admin.tag_merge_self" : "admin.tag_merge_unknown");
	crm_pool *p = crm_req_pool(r);
	xmlNodePtr c = admin_page(r, "admin.tag_merge", "admin.tag_merge_title", "/admin/tags");
	xmlNodePtr info = crm_xml_add(c, "merging", NULL);
	crm_xml_attr(info, "from", crm_rows_get(t, 0, 1));
	crm_xml_attr(info, "into", crm_rows_get(target, 0, 1));
	crm_xml_attr(info, "uses", crm_rows_get(t, 0, 2));
	xmlNodePtr q = crm_xml_add(c, "confirm", crm_psprintf(p, "%s → %s", crm_rows_get(t, 0, 1), crm_rows_get(target, 0, 1)));
	crm_xml_attr(q, "action", crm_psprintf(p, "/admin/tags/%lld/merge/%s", (long long)id, crm_rows_get(target, 0, 0)));
	crm_xml_attr(q, "question", "admin.confirm_tag_merge");
	crm_xml_attr(q, "submit", "admin.merge");
	crm_xml_attr(q, "cancel", tag_url(r, id));
	return 0;
}

int admin_tag_merge(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id"), into = crm_req_arg_id(r, "into");
	if (crm_db_begin(r) < 0)
		return CRM_EDB;
	crm_rows *t = crm_db_query(r, "SELECT id, name FROM crm_tag WHERE id IN (?, ?) ORDER BY id = ? FOR UPDATE", "iii",
				   id, into, id);
	if (!t)
		return CRM_EDB;
	if (t->n_rows != 2 || id == into)
		return crm_error(r, 404, "core.not_found");
	/* Records carrying both keep one; the tag that goes takes its links with it. */
	if (crm_db_exec(r, "INSERT IGNORE INTO crm_record_tag (entity, record_id, tag_id) "
			   "SELECT entity, record_id, ? FROM crm_record_tag WHERE tag_id = ?", "ii", into, id) < 0 ||
	    crm_db_exec(r, "DELETE FROM crm_tag WHERE id = ?", "i", id) < 0 ||
	    crm_audit(r, "tag.merge", "tag", into, "name", crm_rows_get(t, 1, 1), crm_rows_get(t, 0, 1)) < 0 ||
	    crm_db_commit(r) < 0)
		return CRM_EDB;
	crm_flash(r, "ok", "admin.tag_merged");
	return crm_redirect(r, tag_url(r, into));
}

int admin_tag_delete_confirm(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	int rc;
	crm_rows *t = admin_found(r, load(r, id), &rc);
	if (!t)
		return rc;
	crm_pool *p = crm_req_pool(r);
	xmlNodePtr c = admin_page(r, "admin.tag_delete", "admin.tag_delete_title", "/admin/tags");
	crm_xml_attr(crm_xml_add(c, "deleting", NULL), "uses", crm_rows_get(t, 0, 2));
	xmlNodePtr q = crm_xml_add(c, "confirm", crm_rows_get(t, 0, 1));
	crm_xml_attr(q, "action", crm_psprintf(p, "/admin/tags/%lld/delete", (long long)id));
	crm_xml_attr(q, "question", "admin.confirm_tag_delete");
	crm_xml_attr(q, "cancel", tag_url(r, id));
	return 0;
}

int admin_tag_delete(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	int rc;
	crm_rows *t = admin_found(r, load(r, id), &rc);
	if (!t)
		return rc;
	if (crm_db_exec(r, "DELETE FROM crm_tag WHERE id = ?", "i", id) < 0 ||
	    crm_audit(r, "tag.delete", "tag", id, "name", crm_rows_get(t, 0, 1), NULL) < 0)
		return CRM_EDB;
	crm_flash(r, "ok", "admin.tag_deleted");
	return crm_redirect(r, "/admin/tags");
}
