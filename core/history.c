/* History of any record (CON-15): items filed under admin-edited categories, newest
 * first and keyset-paged on the card, and the core's route by which users add notes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "core.h"
#include "handlers.h"

#define HISTORY_PAGE 20

int64_t crm_history_add(crm_req *r, const char *entity, int64_t id, const char *category,
			const char *text, const char *url)
{
	if (!crm_sql_name(entity) || id <= 0 || !text || crm_utf8_chars(text) > CRM_NOTE_MAX_CHARS)
		return CRM_EINVAL;
	if (!url || url[0] != '/' || url[1] == '/' || url[1] == '\\' || strlen(url) > 400)
		url = ""; /* local links only */
	const char *uid = r->user ? crm_psprintf(r->pool, "%lld", (long long)r->user) : NULL;
	/* A category an admin deleted (or never had) files the item as a note. */
	if (crm_db_exec(r, "INSERT INTO crm_history (entity, record_id, category_id, user_id, text, url) "
			   "SELECT ?, ?, COALESCE((SELECT id FROM crm_history_category WHERE code = ?), "
			   "(SELECT id FROM crm_history_category WHERE code = 'note')), ?, ?, ?",
			"sissss", entity, id, category ? category : "note", uid, text, url) < 0)
		return crm_db_err(r);
	return crm_db_last_id(r);
}

int crm_history_add_many(crm_req *r, const char *entity, const int64_t *ids, size_t n, const char *category,
			 const char *const *texts)
{
	if (!crm_sql_name(entity) || (n && (!ids || !texts)))
		return CRM_EINVAL;
	for (size_t i = 0; i < n; i++)
		if (ids[i] <= 0 || !texts[i] || crm_utf8_chars(texts[i]) > CRM_NOTE_MAX_CHARS)
			return CRM_EINVAL;
	if (!n)
		return 0;
	const char *uid = r->user ? crm_psprintf(r->pool, "%lld", (long long)r->user) : NULL;
	/* The category is looked up once for the set, as crm_history_add does per item. */
	if (crm_db_exec(r, "INSERT INTO crm_history (entity, record_id, category_id, user_id, text, url) "
			   "SELECT ?, j.id, COALESCE((SELECT id FROM crm_history_category WHERE code = ?), "
			   "(SELECT id FROM crm_history_category WHERE code = 'note')), ?, j.t, '' "
			   "FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$[0]', "
			   "t TEXT CHARACTER SET utf8mb4 PATH '$[1]')) j",
			"ssss", entity, category ? category : "note", uid,
			crm_json_id_strings(r->pool, ids, texts, n)) < 0)
		return crm_db_err(r);
	return 0;
}

/* The categories a user may file a note under: those admins made, and "note". */
static crm_rows *note_categories(crm_req *r)
{
	return crm_db_query(r, "SELECT id, code, name FROM crm_history_category WHERE system = 0 OR code = 'note' "
			       "ORDER BY position, id", NULL);
}

/* The note form for a record: typed text, chosen category and errors when it comes back. */
static int note_form(crm_req *r, xmlNodePtr parent, const char *entity, int64_t id, const char *text,
		     const char *category, const char *text_err, const char *category_err)
{
	crm_rows *cats = note_categories(r);
	if (!cats)
		return crm_db_err(r);
	xmlNodePtr f = crm_form(parent, crm_psprintf(r->pool, "/records/%s/%lld/notes", entity, (long long)id));
	crm_xml_attr(f, "class", "history-note");
	xmlNodePtr x = crm_form_field(f, "text", "core.history.note_text", "textarea", text);
	crm_xml_attr(x, "required", "1");
	crm_xml_attr(x, "rows", "3");
	crm_xml_attr_int(x, "maxlength", CRM_NOTE_MAX_CHARS);
	crm_xml_attr(x, "error", text_err);
	x = crm_form_field(f, "category", "core.history.category", "select", NULL);
	crm_xml_attr(x, "error", category_err);
	for (size_t i = 0; i < cats->n_rows; i++) {
		const char *cid = crm_rows_get(cats, i, 0), *code = crm_rows_get(cats, i, 1);
		xmlNodePtr o = crm_xml_add(x, "option", crm_rows_get(cats, i, 2));
		crm_xml_attr(o, "value", cid);
		if (category ? !strcmp(category, cid) : (code && !strcmp(code, "note")))
			crm_xml_attr(o, "selected", "1");
	}
	crm_form_submit(f, "core.history.add_note");
	if (text_err || category_err) {
		crm_status(r, 422);
		crm_xml_attr(f, "error", "core.form_errors");
	}
	return 0;
}

xmlNodePtr crm_history_xml(crm_req *r, const char *entity, int64_t id, xmlNodePtr parent)
{
	const char *b = crm_req_query(r, "history_before");
	int64_t before = b ? atoll(b) : 0;
	if (before <= 0)
		before = INT64_MAX;
	crm_rows *rows = crm_db_query(r,
		"SELECT h.id, h.created_at, c.code, c.name, h.text, h.url, u.name FROM crm_history h "
		"JOIN crm_history_category c ON c.id = h.category_id LEFT JOIN crm_user u ON u.id = h.user_id "
		"WHERE h.entity = ? AND h.record_id = ? AND h.id < ? ORDER BY h.id DESC LIMIT ?",
		"siii", entity, id, before, (int64_t)HISTORY_PAGE + 1);
	if (!rows)
		return NULL;
	xmlNodePtr node = crm_xml_add(parent, "history", NULL);
	crm_xml_attr(node, "entity", entity);
	crm_xml_attr_int(node, "record", id);
	const crm_entity_type *t = crm_entity_find(r, entity);
	if (t && id > 0 && crm_req_user(r)) {
		int w = crm_access_check(r, t->table, entity, id, CRM_WRITE);
		if (w < 0 || (w && note_form(r, node, entity, id, NULL, NULL, NULL, NULL) < 0))
			return NULL;
	}
	size_t n = rows->n_rows > HISTORY_PAGE ? HISTORY_PAGE : rows->n_rows;
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr it = crm_xml_add(node, "item", crm_rows_get(rows, i, 4));
		crm_xml_attr(it, "id", crm_rows_get(rows, i, 0));
		crm_xml_attr(it, "at", crm_rows_get(rows, i, 1));
		crm_xml_attr(it, "code", crm_rows_get(rows, i, 2));
		crm_xml_attr(it, "category", crm_rows_get(rows, i, 3));
		const char *url = crm_rows_get(rows, i, 5);
		if (url && *url)
			crm_xml_attr(it, "url", url);
		crm_xml_attr(it, "user", crm_rows_get(rows, i, 6));
	}
	const char *path = crm_url_encode(r->pool, crm_req_path(r));
	if (rows->n_rows > HISTORY_PAGE)
		crm_xml_attr(node, "older", crm_psprintf(r->pool, "%s?history_before=%s#history", path,
							 crm_rows_get(rows, n - 1, 0)));
	if (before != INT64_MAX)
		crm_xml_attr(node, "newest", crm_psprintf(r->pool, "%s#history", path));
	return node;
}

/* POST /records/{entity}/{id}/notes: a note from the card's history. */
int crm_h_record_note(crm_req *r)
{
	int64_t id;
	int rc;
	const crm_entity_type *t = crm_entity_writable(r, &id, &rc);
	if (!t)
		return rc;
	const char *entity = t->name;
	const char *text = crm_trim(r->pool, crm_req_form(r, "text"));
	const char *category = crm_req_form(r, "category"), *err = NULL, *chosen = NULL;
	crm_rows *cats = note_categories(r);
	if (!cats)
		return crm_db_err(r);
	for (size_t i = 0; i < cats->n_rows && category && !chosen; i++)
		if (!strcmp(category, crm_rows_get(cats, i, 0)))
			chosen = crm_rows_get(cats, i, 0);
	if (!*text)
		err = "core.history.text_required";
	else if (crm_utf8_chars(text) > CRM_NOTE_MAX_CHARS)
		err = "core.history.text_too_long";
	if (err || !chosen) {
		xmlNodePtr c = crm_page(r, "core.record_note", "core.history.add_note");
		int rc = note_form(r, c, entity, id, text, chosen, err,
				   chosen ? NULL : "core.history.category_invalid");
		if (rc < 0)
			return rc;
		crm_xml_attr(crm_xml_add(c, "back", NULL), "href", crm_entity_url(r, t, id));
		return 0;
	}
	/* Categories are few and chosen by id; the item is filed by that id's row. */
	if (crm_db_exec(r, "INSERT INTO crm_history (entity, record_id, category_id, user_id, text) VALUES (?, ?, ?, ?, ?)",
			"siiis", entity, id, (int64_t)atoll(chosen), r->user, text) < 0)
		return crm_db_err(r);
	crm_flash(r, "ok", "core.history.note_added");
	return crm_redirect(r, crm_psprintf(r->pool, "%s#history", crm_entity_url(r, t, id)));
}

const char *crm_changed_labels(crm_req *r, const crm_rows *old, const char *key_prefix, const crm_change *cols,
			       size_t n)
{
	crm_pool *p = crm_req_pool(r);
	const char *out = "";
	for (size_t i = 0; i < n; i++) {
		const char *was = crm_rows_by(old, 0, cols[i].col);
		if (strcmp(was ? was : "", cols[i].now ? cols[i].now : ""))
			out = crm_psprintf(p, "%s%s%s", out, *out ? ", " : "",
					   crm_t(r, crm_psprintf(p, "%s%s", key_prefix, cols[i].col)));
	}
	return out;
}
