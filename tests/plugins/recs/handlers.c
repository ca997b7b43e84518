/* The recs pages: a keyset-paged list filtered in SQL, a card, create and edit,
 * each going through the core's record access exactly as a real plugin would. */
#include <stdlib.h>
#include <string.h>
#include <crm/crm.h>

#define PAGE 50

static const char *const visibilities[] = {
	CRM_VIS_PRIVATE, CRM_VIS_PUBLIC_READ, CRM_VIS_PUBLIC_WRITE, CRM_VIS_RESTRICTED,
};

/* GET /recs?after=ID: one statement per page, whatever the number of rows hidden. */
int recs_list(crm_req *r)
{
	const char *after = crm_req_query(r, "after");
	int64_t from = after ? atoll(after) : 0;
	if (from < 0)
		from = 0;
	const char *sql = crm_psprintf(crm_req_pool(r),
		"SELECT t.id, t.title, t.visibility, t.owner_id FROM rec_item t "
		"WHERE t.id > ? AND %s ORDER BY t.id LIMIT %d",
		crm_access_sql(r, "t", "rec", CRM_READ), PAGE + 1);
	crm_rows *rows = crm_db_query(r, sql, "ii", from, crm_req_user(r));
	if (!rows)
		return CRM_EDB;
	xmlNodePtr c = crm_page(r, "recs.list", "recs.title");
	xmlNodePtr list = crm_xml_add(c, "recs", NULL);
	size_t n = rows->n_rows > PAGE ? PAGE : rows->n_rows;
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr it = crm_xml_add(list, "rec", NULL);
		for (size_t col = 0; col < rows->n_cols; col++)
			crm_xml_add(it, rows->cols[col], crm_rows_get(rows, i, col));
	}
	if (rows->n_rows > PAGE)
		crm_xml_attr(crm_xml_add(c, "pager", NULL), "next",
			     crm_psprintf(crm_req_pool(r), "/recs?after=%s", crm_rows_get(rows, PAGE - 1, 0)));
	return 0;
}

/* GET /recs/{id}: 404 for a record the user may not read, as for one that does not exist. */
int recs_card(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	int ok = crm_access_check(r, "rec_item", "rec", id, CRM_READ);
	if (ok <= 0)
		return ok < 0 ? ok : CRM_ENOTFOUND;
	int can_edit = crm_access_check(r, "rec_item", "rec", id, CRM_WRITE);
	if (can_edit < 0)
		return can_edit;
	crm_rows *rows = crm_db_query(r, "SELECT id, title, visibility, owner_id FROM rec_item WHERE id = ?", "i", id);
	if (!rows)
		return CRM_EDB;
	if (!rows->n_rows)
		return CRM_ENOTFOUND;
	xmlNodePtr c = crm_page(r, "recs.card", "recs.title");
	xmlNodePtr rec = crm_xml_add(c, "rec", NULL);
	for (size_t col = 0; col < rows->n_cols; col++)
		crm_xml_add(rec, rows->cols[col], crm_rows_get(rows, 0, col));
	if (can_edit) {
		xmlNodePtr f = crm_form(c, crm_psprintf(crm_req_pool(r), "/recs/%lld/edit", (long long)id));
		crm_form_field(f, "title", "recs.field_title", "text", crm_rows_get(rows, 0, 1));
		crm_form_submit(f, "recs.save");
	}
	return 0;
}

/* The user ids given as repeated fields named name. */
static int64_t *ids_of(crm_req *r, const char *name, size_t *n)
{
	size_t cap = 0;
	for (const crm_field *f = crm_req_fields(r); f; f = f->next)
		cap += !strcmp(f->name, name);
	int64_t *ids = crm_palloc(crm_req_pool(r), (cap ? cap : 1) * sizeof *ids);
	*n = 0;
	for (const crm_field *f = crm_req_fields(r); f; f = f->next)
		if (!strcmp(f->name, name) && atoll(f->value) > 0)
			ids[(*n)++] = atoll(f->value);
	return ids;
}

static bool valid_visibility(const char *v)
{
	for (size_t i = 0; v && i < CRM_LEN(visibilities); i++)
		if (!strcmp(v, visibilities[i]))
			return true;
	return false;
}

/* POST /recs: title, visibility, manager=ID... and reader=ID...; the creator owns it. */
int recs_create(crm_req *r)
{
	const char *title = crm_req_form(r, "title"), *vis = crm_req_form(r, "visibility");
	if (!title || !*title || strlen(title) > 200 || !valid_visibility(vis))
		return crm_error(r, 422, "recs.invalid");
	size_t n_mgr, n_rd;
	int64_t *mgr = ids_of(r, "manager", &n_mgr), *rd = ids_of(r, "reader", &n_rd);
	if (crm_db_begin(r) < 0)
		return CRM_EDB;
	if (crm_db_exec(r, "INSERT INTO rec_item (owner_id, visibility, title) VALUES (?, ?, ?)", "iss",
			crm_req_user(r), vis, title) < 0)
		return CRM_EDB;
	int64_t id = crm_db_last_id(r);
	int rc = crm_access_set_users(r, "rec", id, "manager", mgr, n_mgr, "recs.made_manager");
	if (!rc)
		rc = crm_access_set_users(r, "rec", id, "reader", rd, n_rd, "recs.made_reader");
	if (rc < 0)
		return rc;
	if (crm_db_commit(r) < 0)
		return CRM_EDB;
	return crm_redirect(r, crm_psprintf(crm_req_pool(r), "/recs/%lld", (long long)id));
}

/* POST /recs/{id}/edit: a new title, for those who may write; 404 for the rest. */
int recs_edit(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	const char *title = crm_req_form(r, "title");
	int ok = crm_access_check(r, "rec_item", "rec", id, CRM_WRITE);
	if (ok <= 0)
		return ok < 0 ? ok : CRM_ENOTFOUND;
	if (!title || !*title || strlen(title) > 200)
		return crm_error(r, 422, "recs.invalid");
	if (crm_db_exec(r, "UPDATE rec_item SET title = ? WHERE id = ?", "si", title, id) < 0)
		return CRM_EDB;
	return crm_redirect(r, crm_psprintf(crm_req_pool(r), "/recs/%lld", (long long)id));
}

/* GET /recs/admin, /recs/core-admin, /recs/core-owner: reached only past the role check. */
int recs_restricted(crm_req *r)
{
	xmlNodePtr c = crm_page(r, "recs.restricted", "recs.title");
	crm_xml_add(c, "path", crm_req_path(r));
	crm_xml_add(c, "role", crm_req_role(r));
	return 0;
}
