/* The recs pages: a keyset-paged list filtered in SQL, a card, create and edit,
 * each going through the core's record access exactly as a real plugin would, and
 * the core's record services (tags, custom fields, history, links, merge) on top. */
#include <stdlib.h>
#include <string.h>
#include <crm/crm.h>

#define PAGE 50

static const char *const visibilities[] = {
	CRM_VIS_PRIVATE, CRM_VIS_PUBLIC_READ, CRM_VIS_PUBLIC_WRITE, CRM_VIS_RESTRICTED,
};

/* GET /recs?after=ID[&tag=NAME][&cf=FIELD&cv=VALUE]: one statement per page, whatever
 * the number of rows hidden or filtered out. */
int recs_list(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	const char *after = crm_req_query(r, "after"), *tag = crm_req_query(r, "tag");
	const char *cf = crm_req_query(r, "cf"), *cv = crm_req_query(r, "cv");
	int64_t from = after ? atoll(after) : 0;
	if (from < 0)
		from = 0;
	tag = tag && *tag ? tag : NULL;
	const char *cf_sql = cf && cv ? crm_fields_filter_sql(r, "t", "rec", atoll(cf)) : NULL;
	if (cf && cv && !cf_sql)
		return crm_error(r, 404, "core.not_found");
	/* Absent filters are bound as NULL and switched off inside the statement. */
	const char *sql = crm_psprintf(p,
		"SELECT t.id, t.title, t.visibility, t.owner_id, %s AS tags FROM rec_item t "
		"WHERE t.id > ? AND %s AND (? IS NULL OR %s) AND (? IS NULL OR %s) ORDER BY t.id LIMIT %d",
		crm_tags_column_sql(r, "t", "rec"), crm_access_sql(r, "t", "rec", CRM_READ),
		crm_tags_filter_sql(r, "t", "rec"), cf_sql ? cf_sql : "? IS NULL", PAGE + 1);
	crm_rows *rows = crm_db_query(r, sql, "iissss", from, crm_req_user(r), tag, tag, cf_sql ? cv : NULL,
				      cf_sql ? cv : NULL);
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
	if (!crm_tags_all_xml(r, "rec", c))
		return CRM_EDB;
	if (rows->n_rows > PAGE) {
		const char *next = crm_psprintf(p, "/recs?after=%s", crm_rows_get(rows, PAGE - 1, 0));
		if (tag)
			next = crm_psprintf(p, "%s&tag=%s", next, crm_url_encode(p, tag));
		if (cf_sql)
			next = crm_psprintf(p, "%s&cf=%lld&cv=%s", next, (long long)atoll(cf), crm_url_encode(p, cv));
		crm_xml_attr(crm_xml_add(c, "pager", NULL), "next", next);
	}
	return 0;
}

/* The edit form of a card: title, tags and custom fields; errors keep what was typed. */
static void edit_form(crm_req *r, xmlNodePtr parent, int64_t id, const char *title, const char *title_err)
{
	xmlNodePtr f = crm_form(parent, crm_psprintf(crm_req_pool(r), "/recs/%lld/edit", (long long)id));
	crm_xml_attr(crm_form_field(f, "title", "recs.field_title", "text", title), "error", title_err);
	crm_tags_xml(r, "rec", id, f);
	crm_fields_xml(r, "rec", id, f);
	crm_form_submit(f, "recs.save");
}

/* The card; title and title_err are set when an edit comes back with errors. */
static int card(crm_req *r, int64_t id, const char *title, const char *title_err)
{
	int ok = crm_access_check(r, "rec_item", "rec", id, CRM_READ);
	if (ok <= 0)
		return ok < 0 ? ok : CRM_ENOTFOUND;
	int can_edit = crm_access_check(r, "rec_item", "rec", id, CRM_WRITE);
	if (can_edit < 0)
		return can_edit;
	crm_rows *rows = crm_db_query(r, "SELECT id, title, visibility, owner_id FROM rec_item WHERE id = ?", "i", id);
	crm_rows *links = crm_links(r, "rec", id);
	if (!rows || !links)
		return CRM_EDB;
	if (!rows->n_rows)
		return CRM_ENOTFOUND;
	xmlNodePtr c = crm_page(r, "recs.card", "recs.title");
	xmlNodePtr rec = crm_xml_add(c, "rec", NULL);
	for (size_t col = 0; col < rows->n_cols; col++)
		crm_xml_add(rec, rows->cols[col], crm_rows_get(rows, 0, col));
	crm_rows_xml(links, crm_xml_add(c, "links", NULL), "link");
	if (can_edit)
		edit_form(r, c, id, title ? title : crm_rows_get(rows, 0, 1), title_err);
	/* The core's services on the card, one line each. */
	if (!crm_tags_xml(r, "rec", id, c) || !crm_fields_xml(r, "rec", id, c) || !crm_history_xml(r, "rec", id, c))
		return CRM_EDB;
	if (!crm_files_xml(r, "rec", id, c))
		return CRM_EDB;
	return 0;
}

/* GET /recs/{id}: 404 for a record the user may not read, as for one that does not exist. */
int recs_card(crm_req *r)
{
	return card(r, crm_req_arg_id(r, "id"), NULL, NULL);
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

/* Whether the posted tags and custom fields pass; the problems go under errors. */
static bool services_ok(crm_req *r, xmlNodePtr errors)
{
	const char *tags = crm_req_form(r, "tags"), *err = NULL;
	if (tags && crm_tags_check(r, tags, &err) < 0)
		crm_xml_attr(crm_xml_add(errors, "error", err), "field", "tags");
	return crm_fields_check(r, "rec", errors) == 0 && !err;
}

/* Store the posted tags (when the form had them) and custom fields. */
static int services_save(crm_req *r, int64_t id)
{
	const char *tags = crm_req_form(r, "tags");
	int rc = tags ? crm_tags_set(r, "rec", id, tags) : 0;
	return rc < 0 ? rc : crm_fields_save(r, "rec", id);
}

/* GET /recs/new: the form, with the core's tag input and custom fields. */
int recs_new(crm_req *r)
{
	xmlNodePtr c = crm_page(r, "recs.new", "recs.title");
	xmlNodePtr f = crm_form(c, "/recs");
	crm_form_field(f, "title", "recs.field_title", "text", crm_req_form(r, "title"));
	xmlNodePtr v = crm_form_field(f, "visibility", "recs.field_visibility", "select", crm_req_form(r, "visibility"));
	for (size_t i = 0; i < CRM_LEN(visibilities); i++)
		crm_xml_attr(crm_xml_add(v, "option", crm_psprintf(crm_req_pool(r), "recs.vis_%s", visibilities[i])),
			     "value", visibilities[i]);
	crm_tags_xml(r, "rec", 0, f);
	crm_fields_xml(r, "rec", 0, f);
	crm_form_submit(f, "recs.save");
	return 0;
}

/* POST /recs: title, visibility, manager=ID... and reader=ID..., tags and custom
 * fields; the creator owns it. */
int recs_create(crm_req *r)
{
	const char *title = crm_req_form(r, "title"), *vis = crm_req_form(r, "visibility");
	if (!title || !*title || strlen(title) > 200 || !valid_visibility(vis))
		return crm_error(r, 422, "recs.invalid");
	xmlNodePtr errors = xmlNewNode(NULL, BAD_CAST "errors");
	bool ok = services_ok(r, errors);
	xmlFreeNode(errors);
	if (!ok) {
		recs_new(r);
		crm_status(r, 422);
		return 0;
	}
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
	if (!rc)
		rc = services_save(r, id);
	if (!rc && crm_history_add(r, "rec", id, "created", title, NULL) < 0)
		rc = CRM_EDB;
	if (rc < 0)
		return rc;
	if (crm_db_commit(r) < 0)
		return CRM_EDB;
	return crm_redirect(r, crm_psprintf(crm_req_pool(r), "/recs/%lld", (long long)id));
}

/* POST /recs/{id}/edit: a new title, tags and custom fields, for those who may write;
 * 404 for the rest. */
int recs_edit(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	const char *title = crm_req_form(r, "title");
	int ok = crm_access_check(r, "rec_item", "rec", id, CRM_WRITE);
	if (ok <= 0)
		return ok < 0 ? ok : CRM_ENOTFOUND;
	if (!title || !*title || strlen(title) > 200)
		return crm_error(r, 422, "recs.invalid");
	xmlNodePtr errors = xmlNewNode(NULL, BAD_CAST "errors");
	bool good = services_ok(r, errors);
	xmlFreeNode(errors);
	if (!good) {
		int rc = card(r, id, title, NULL);
		crm_status(r, 422);
		return rc;
	}
	if (crm_db_begin(r) < 0)
		return CRM_EDB;
	if (crm_db_exec(r, "UPDATE rec_item SET title = ? WHERE id = ?", "si", title, id) < 0)
		return CRM_EDB;
	int rc = services_save(r, id);
	if (rc < 0)
		return rc;
	if (crm_db_commit(r) < 0)
		return CRM_EDB;
	return crm_redirect(r, crm_psprintf(crm_req_pool(r), "/recs/%lld", (long long)id));
}

/* POST /recs/{id}/merge with into=ID: id goes, into keeps everything the core held. */
int recs_merge(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	const char *into_s = crm_req_form(r, "into");
	int64_t into = into_s ? atoll(into_s) : 0;
	int a = crm_access_check(r, "rec_item", "rec", id, CRM_WRITE);
	int b = into > 0 && into != id ? crm_access_check(r, "rec_item", "rec", into, CRM_WRITE) : 0;
	if (a < 0 || b < 0)
		return CRM_EDB;
	if (!a || !b)
		return CRM_ENOTFOUND;
	if (crm_db_begin(r) < 0)
		return CRM_EDB;
	int rc = crm_records_merge(r, "rec", id, into);
	if (rc < 0)
		return rc;
	if (crm_db_exec(r, "DELETE FROM rec_item WHERE id = ?", "i", id) < 0 || crm_db_commit(r) < 0)
		return CRM_EDB;
	return crm_redirect(r, crm_psprintf(crm_req_pool(r), "/recs/%lld", (long long)into));
}

/* POST /recs/{id}/delete: the record and all the core kept about it. */
int recs_delete(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	int ok = crm_access_check(r, "rec_item", "rec", id, CRM_WRITE);
	if (ok <= 0)
		return ok < 0 ? ok : CRM_ENOTFOUND;
	if (crm_db_begin(r) < 0)
		return CRM_EDB;
	int rc = crm_records_forget(r, "rec", id);
	if (rc < 0)
		return rc;
	if (crm_db_exec(r, "DELETE FROM rec_item WHERE id = ?", "i", id) < 0 || crm_db_commit(r) < 0)
		return CRM_EDB;
	return crm_redirect(r, "/recs");
}

/* POST /recs/{id}/links with to=ID (another rec) and remove=1 to unlink. */
int recs_link(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	const char *to_s = crm_req_form(r, "to");
	int64_t to = to_s ? atoll(to_s) : 0;
	int ok = crm_access_check(r, "rec_item", "rec", id, CRM_WRITE);
	if (ok <= 0)
		return ok < 0 ? ok : CRM_ENOTFOUND;
	int rc = crm_req_form(r, "remove") ? crm_link_remove(r, "rec", id, "rec", to) : crm_link_add(r, "rec", id, "rec", to);
	if (rc == CRM_EINVAL)
		return crm_error(r, 422, "recs.invalid");
	if (rc < 0)
		return rc;
	return crm_redirect(r, crm_psprintf(crm_req_pool(r), "/recs/%lld", (long long)id));
}

/* POST /recs/bulk-tag with id=ID... and tag=NAME: the list's bulk action. */
int recs_bulk_tag(crm_req *r)
{
	size_t n;
	int64_t *ids = ids_of(r, "id", &n);
	int added = crm_tags_add(r, "rec", ids, n, crm_req_form(r, "tag"));
	if (added == CRM_EINVAL)
		return crm_error(r, 422, "recs.invalid");
	if (added < 0)
		return added;
	return crm_redirect(r, crm_psprintf(crm_req_pool(r), "/recs?tagged=%d", added));
}

/* POST /recs/cf-batch: field=NAME, then id=ID and value=TEXT pairs (an import's
 * column); check=1 only checks. Answers one line per value: "ok" or the error key. */
int recs_cf_batch(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	size_t n = 0, k = 0;
	for (const crm_field *f = crm_req_fields(r); f; f = f->next)
		n += !strcmp(f->name, "value");
	int64_t *ids = crm_palloc(p, (n + 1) * sizeof *ids);
	const char **values = crm_palloc(p, (n + 1) * sizeof *values), **errs = crm_palloc(p, (n + 1) * sizeof *errs);
	size_t n_ids = 0;
	for (const crm_field *f = crm_req_fields(r); f; f = f->next) {
		if (!strcmp(f->name, "id") && n_ids < n)
			ids[n_ids++] = atoll(f->value);
		if (!strcmp(f->name, "value"))
			values[k++] = *f->value || !crm_req_form(r, "empty_is_null") ? f->value : NULL;
	}
	if (n_ids != n)
		return crm_error(r, 422, "recs.invalid");
	for (size_t i = 0; i < n; i++) {
		int ok = crm_access_check(r, "rec_item", "rec", ids[i], CRM_WRITE);
		if (ok <= 0)
			return ok < 0 ? ok : CRM_ENOTFOUND;
	}
	int rc = crm_fields_set_many(r, "rec", crm_req_form(r, "field"), crm_req_form(r, "check") ? NULL : ids,
				     values, n, errs);
	if (rc < 0 && rc != CRM_EINVAL)
		return rc;
	const char *out = crm_psprintf(p, "rc=%d\n", rc);
	for (size_t i = 0; i < n; i++)
		out = crm_psprintf(p, "%s%s\n", out, errs[i] ? errs[i] : "ok");
	return crm_send(r, 200, "text/plain; charset=utf-8", out, strlen(out), NULL);
}

/* GET /recs/admin, /recs/core-admin, /recs/core-owner: reached only past the role check. */
int recs_restricted(crm_req *r)
{
	xmlNodePtr c = crm_page(r, "recs.restricted", "recs.title");
	crm_xml_add(c, "path", crm_req_path(r));
	crm_xml_add(c, "role", crm_req_role(r));
	return 0;
}
