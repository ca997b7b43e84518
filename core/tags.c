/* Tags on records of any type (CON-6): one set of names, set-based statements through
 * JSON_TABLE so that a record's tags or a bulk action cost a fixed number of queries,
 * SQL pieces for list columns and filters, and the core's route that edits a card's tags. */
#include <string.h>
#include "core.h"
#include "handlers.h"

/* A JSON array of names, read as a table whose column compares like crm_tag.name. */
#define NAMES_TABLE \
	"JSON_TABLE(?, '$[*]' COLUMNS (name VARCHAR(100) CHARACTER SET utf8mb4 " \
	"COLLATE utf8mb4_unicode_ci PATH '$')) j"

/* Split comma-separated names: blanks around and repeated inside are dropped. 0, or
 * CRM_EINVAL with *err_key; *out holds *n names. */
static int parse(crm_req *r, const char *names, const char ***out, size_t *n, const char **err_key)
{
	*n = 0;
	*out = NULL;
	if (!names)
		return 0;
	size_t cap = 1;
	for (const char *c = names; *c; c++)
		cap += *c == ',';
	const char **list = crm_palloc(r->pool, cap * sizeof *list);
	for (const char *s = names; *s;) {
		size_t len = strcspn(s, ",");
		char *name = crm_palloc(r->pool, len + 1), *o = name;
		bool blank = false;
		for (size_t i = 0; i < len; i++) {
			unsigned char c = (unsigned char)s[i];
			if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
				blank = o != name;
				continue;
			}
			if (c < 0x20 || c == 0x7f) {
				*err_key = "core.tags.invalid";
				return CRM_EINVAL;
			}
			if (blank)
				*o++ = ' ';
			blank = false;
			*o++ = (char)c;
		}
		*o = 0;
		s += len + (s[len] == ',');
		if (!*name)
			continue;
		if (crm_utf8_chars(name) > CRM_TAG_MAX_CHARS) {
			*err_key = "core.tags.too_long";
			return CRM_EINVAL;
		}
		bool dup = false;
		for (size_t i = 0; i < *n && !dup; i++)
			dup = !strcmp(list[i], name);
		if (!dup)
			list[(*n)++] = name;
	}
	if (*n > CRM_TAGS_PER_RECORD) {
		*err_key = "core.tags.too_many";
		return CRM_EINVAL;
	}
	*out = list;
	return 0;
}

int crm_tags_check(crm_req *r, const char *names, const char **err_key)
{
	const char **list, *err = NULL;
	size_t n;
	int rc = parse(r, names, &list, &n, &err);
	if (err_key)
		*err_key = err;
	return rc;
}

int crm_tags_set(crm_req *r, const char *entity, int64_t id, const char *names)
{
	const char **list, *err = NULL;
	size_t n;
	if (parse(r, names, &list, &n, &err) < 0)
		return CRM_EINVAL;
	if (!n)
		return crm_db_exec(r, "DELETE FROM crm_record_tag WHERE entity = ? AND record_id = ?", "si",
				   entity, id) < 0 ? crm_db_err(r) : 0;
	const char *json = crm_json_strings(r->pool, list, n);
	if (crm_db_exec(r, "INSERT IGNORE INTO crm_tag (name) SELECT j.name FROM " NAMES_TABLE, "s", json) < 0 ||
	    crm_db_exec(r, "DELETE FROM crm_record_tag WHERE entity = ? AND record_id = ? AND tag_id NOT IN "
			   "(SELECT t.id FROM crm_tag t JOIN " NAMES_TABLE " ON t.name = j.name)",
			"sis", entity, id, json) < 0 ||
	    crm_db_exec(r, "INSERT IGNORE INTO crm_record_tag (entity, record_id, tag_id) "
			   "SELECT ?, ?, t.id FROM crm_tag t JOIN " NAMES_TABLE " ON t.name = j.name",
			"sis", entity, id, json) < 0)
		return crm_db_err(r);
	return 0;
}

bool crm_tag_name_ok(const char *name)
{
	return name && *name && !strchr(name, ',') && crm_one_line(name) && crm_utf8_chars(name) <= CRM_TAG_MAX_CHARS;
}

#define BULK_MAX 100000

int crm_tags_add(crm_req *r, const char *entity, const int64_t *ids, size_t n, const char *names)
{
	const crm_entity_type *t = crm_entity_find(r, entity);
	const char **list, *err = NULL;
	size_t k;
	if (!t || n > BULK_MAX || parse(r, names, &list, &k, &err) < 0)
		return CRM_EINVAL;
	if (!n || !k)
		return 0;
	const char *json = crm_json_strings(r->pool, list, k);
	if (crm_db_exec(r, "INSERT IGNORE INTO crm_tag (name) SELECT j.name FROM " NAMES_TABLE, "s", json) < 0)
		return crm_db_err(r);
	/* Access is part of the statement: a ticked id the user may not write is skipped. */
	const char *sql = crm_psprintf(r->pool,
		"INSERT IGNORE INTO crm_record_tag (entity, record_id, tag_id) "
		"SELECT ?, t.id, tg.id FROM %s t JOIN crm_tag tg ON tg.name IN (SELECT j.name FROM " NAMES_TABLE ") "
		"WHERE t.id IN (SELECT i.id FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$')) i) AND %s",
		t->table, crm_access_sql(r, "t", entity, CRM_WRITE));
	int64_t added = crm_db_exec(r, sql, "sssi", entity, json, crm_json_ids(r->pool, ids, n), r->user);
	return added < 0 ? crm_db_err(r) : (int)added;
}

int crm_tags_add_each(crm_req *r, const char *entity, const int64_t *ids, const char *const *names, size_t n)
{
	const crm_entity_type *t = crm_entity_find(r, entity);
	if (!t || n > BULK_MAX)
		return CRM_EINVAL;
	/* Every (record, tag) pair, and each name once for crm_tag. */
	size_t cap = 0;
	const char ***lists = crm_palloc(r->pool, (n + 1) * sizeof *lists);
	size_t *counts = crm_palloc(r->pool, (n + 1) * sizeof *counts);
	for (size_t i = 0; i < n; i++) {
		const char *err = NULL;
		if (parse(r, names[i], &lists[i], &counts[i], &err) < 0)
			return CRM_EINVAL;
		cap += counts[i];
	}
	if (!cap)
		return 0;
	int64_t *pair_ids = crm_palloc(r->pool, cap * sizeof *pair_ids);
	const char **pair_names = crm_palloc(r->pool, cap * sizeof *pair_names);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < counts[i]; j++) {
			pair_ids[k] = ids[i];
			pair_names[k++] = lists[i][j];
		}
	if (crm_db_exec(r, "INSERT IGNORE INTO crm_tag (name) SELECT DISTINCT j.name FROM " NAMES_TABLE, "s",
			crm_json_strings(r->pool, pair_names, k)) < 0)
		return crm_db_err(r);
	/* Access is part of the statement, as for crm_tags_add. */
	const char *sql = crm_psprintf(r->pool,
		"INSERT IGNORE INTO crm_record_tag (entity, record_id, tag_id) "
		"SELECT ?, t.id, tg.id FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$[0]', "
		"name VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci PATH '$[1]')) p "
		"JOIN %s t ON t.id = p.id JOIN crm_tag tg ON tg.name = p.name WHERE %s",
		t->table, crm_access_sql(r, "t", entity, CRM_WRITE));
	int64_t added = crm_db_exec(r, sql, "ssi", entity, crm_json_id_strings(r->pool, pair_ids, pair_names, k), r->user);
	return added < 0 ? crm_db_err(r) : (int)added;
}

static crm_rows *record_tags(crm_req *r, const char *entity, int64_t id)
{
	return crm_db_query(r, "SELECT t.id, t.name FROM crm_record_tag rt JOIN crm_tag t ON t.id = rt.tag_id "
			       "WHERE rt.entity = ? AND rt.record_id = ? ORDER BY t.name",
			    "si", entity, id);
}

xmlNodePtr crm_tags_all_xml(crm_req *r, const char *entity, xmlNodePtr parent)
{
	crm_rows *rows = crm_db_query(r, "SELECT t.id, t.name FROM crm_tag t WHERE EXISTS "
					 "(SELECT 1 FROM crm_record_tag rt WHERE rt.tag_id = t.id AND rt.entity = ?) "
					 "ORDER BY t.name LIMIT 1000",
				      "s", entity);
	if (!rows)
		return NULL;
	xmlNodePtr all = crm_xml_add(parent, "all-tags", NULL);
	for (size_t i = 0; i < rows->n_rows; i++)
		crm_xml_attr(crm_xml_add(all, "tag", crm_rows_get(rows, i, 1)), "id", crm_rows_get(rows, i, 0));
	return all;
}

xmlNodePtr crm_tags_xml(crm_req *r, const char *entity, int64_t id, xmlNodePtr parent)
{
	crm_rows *rows = id > 0 ? record_tags(r, entity, id) : crm_palloc(r->pool, sizeof(crm_rows));
	if (!rows)
		return NULL;
	bool form = crm_xml_in_form(parent);
	int editable = form;
	const crm_entity_type *t = crm_entity_find(r, entity);
	if (!form && t && id > 0 && crm_req_user(r)) {
		editable = crm_access_check(r, t->table, entity, id, CRM_WRITE);
		if (editable < 0)
			return NULL;
	}
	xmlNodePtr node = crm_xml_add(parent, "tags", NULL);
	crm_xml_attr(node, "entity", entity);
	crm_xml_attr_int(node, "record", id);
	crm_xml_attr(node, "mode", form ? "form" : "card");
	const char *joined = "";
	for (size_t i = 0; i < rows->n_rows; i++) {
		const char *name = crm_rows_get(rows, i, 1);
		crm_xml_attr(crm_xml_add(node, "tag", name), "id", crm_rows_get(rows, i, 0));
		joined = i ? crm_psprintf(r->pool, "%s, %s", joined, name) : name;
	}
	if (!editable)
		return node;
	crm_xml_attr(node, "editable", "1");
	if (!form)
		crm_xml_attr(node, "action", crm_psprintf(r->pool, "/records/%s/%lld/tags", entity, (long long)id));
	/* A form coming back with errors shows the names as typed, with their problem. */
	const char *typed = strcmp(crm_req_method(r), "POST") ? NULL : crm_req_form(r, "tags");
	const char *err = NULL;
	if (typed)
		crm_tags_check(r, typed, &err);
	crm_xml_attr(node, "value", typed ? typed : joined);
	crm_xml_attr(node, "error", err);
	if (!crm_tags_all_xml(r, entity, node))
		return NULL;
	return node;
}

const char *crm_tags_column_sql(crm_req *r, const char *alias, const char *entity)
{
	if (!crm_sql_name(alias) || !crm_sql_name(entity)) {
		crm_log("error", "crm_tags_column_sql: bad alias or entity name");
		return "NULL";
	}
	return crm_psprintf(r->pool,
		"(SELECT GROUP_CONCAT(crm_tg.name ORDER BY crm_tg.name SEPARATOR ', ') FROM crm_record_tag crm_rt "
		"JOIN crm_tag crm_tg ON crm_tg.id = crm_rt.tag_id WHERE crm_rt.entity = '%s' AND crm_rt.record_id = %s.id)",
		entity, alias);
}

crm_rows *crm_tags_for_ids(crm_req *r, const char *entity, const int64_t *ids, size_t n)
{
	/* The ids drive: one primary-key range of crm_record_tag per record. */
	return crm_db_query(r, "SELECT crm_rt.record_id, GROUP_CONCAT(crm_tg.name ORDER BY crm_tg.name SEPARATOR ', ') "
			       "FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$')) j "
			       "JOIN crm_record_tag crm_rt ON crm_rt.entity = ? AND crm_rt.record_id = j.id "
			       "JOIN crm_tag crm_tg ON crm_tg.id = crm_rt.tag_id GROUP BY crm_rt.record_id",
			    "ss", crm_json_ids(r->pool, ids, n), entity);
}

const char *crm_tags_filter_sql(crm_req *r, const char *alias, const char *entity)
{
	if (!crm_sql_name(alias) || !crm_sql_name(entity)) {
		crm_log("error", "crm_tags_filter_sql: bad alias or entity name");
		return "(0 = 1 AND ? IS NULL)";
	}
	/* From the tag's side: the (tag, entity, record) index finds the few tagged records. */
	return crm_psprintf(r->pool,
		"%s.id IN (SELECT crm_rt.record_id FROM crm_record_tag crm_rt JOIN crm_tag crm_tg ON crm_tg.id = crm_rt.tag_id "
		"WHERE crm_tg.name = ? AND crm_rt.entity = '%s')",
		alias, entity);
}

/* POST /records/{entity}/{id}/tags: the card's tag editor. */
int crm_h_record_tags(crm_req *r)
{
	int64_t id;
	int rc;
	const crm_entity_type *t = crm_entity_writable(r, &id, &rc);
	if (!t)
		return rc;
	const char *names = crm_req_form(r, "tags"), *err = NULL;
	if (crm_tags_check(r, names ? names : "", &err) < 0) {
		xmlNodePtr c = crm_page(r, "core.record_tags", "core.tags.title");
		crm_status(r, 422);
		if (!crm_tags_xml(r, t->name, id, c))
			return crm_db_err(r);
		crm_xml_attr(crm_xml_add(c, "back", NULL), "href", crm_entity_url(r, t, id));
		return 0;
	}
	rc = crm_db_begin(r);
	if (!rc)
		rc = crm_tags_set(r, t->name, id, names ? names : "");
	if (!rc)
		rc = crm_db_commit(r);
	if (rc < 0)
		return rc;
	crm_flash(r, "ok", "core.tags.saved");
	return crm_redirect(r, crm_psprintf(r->pool, "%s#tags", crm_entity_url(r, t, id)));
}
