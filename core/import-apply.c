/* What every importer's apply does alike, given its own fields and rules: refusing rows,
 * names compared as typed, managers by login, the duplicates policy row by row,
 * multi-row INSERTs with their new ids, the JSON a batch's UPDATE reads, and the ids,
 * counts and history of the rows stored. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core.h"
#include "imports.h"

void crm_import_refuse(crm_import_row *row, const char *key, const crm_import_field *field)
{
	row->error = key;
	row->error_field = field ? field->name : NULL;
}

const char *crm_import_fold(crm_pool *p, const char *s)
{
	char *out = crm_palloc(p, strlen(s) + 1), *o = out;
	const unsigned char *u = (const unsigned char *)s;
	while (*u) {
		if (u[0] == 0xD0 && u[1] >= 0x90 && u[1] <= 0x9F) { /* А-П */
			*o++ = (char)0xD0;
			*o++ = (char)(u[1] + 0x20);
			u += 2;
		} else if (u[0] == 0xD0 && u[1] >= 0xA0 && u[1] <= 0xAF) { /* Р-Я */
			*o++ = (char)0xD1;
			*o++ = (char)(u[1] - 0x20);
			u += 2;
		} else if ((u[0] == 0xD0 && u[1] == 0x81) || (u[0] == 0xD1 && u[1] == 0x91)) { /* Ё ё as е */
			*o++ = (char)0xD0;
			*o++ = (char)0xB5;
			u += 2;
		} else if (*u >= 'A' && *u <= 'Z') {
			*o++ = (char)(*u++ + 32);
		} else if (*u == ' ' || (*u >= '\t' && *u <= '\r')) {
			u++;
		} else {
			*o++ = (char)*u++;
		}
	}
	*o = 0;
	return out;
}

int crm_import_users(crm_req *r, crm_import_batch *b, const crm_import_field *fields, size_t f,
		     const char *unknown_key, int64_t *ids)
{
	crm_pool *p = r->pool;
	/* Each login once: a file names few managers, over and over. */
	const char **logins = crm_palloc(p, (b->n_rows + 1) * sizeof *logins);
	size_t n = 0;
	for (size_t i = 0; i < b->n_rows; i++) {
		ids[i] = 0;
		const char *v = b->rows[i].error ? NULL : b->rows[i].values[f];
		size_t k = 0;
		while (v && k < n && strcmp(logins[k], v))
			k++;
		if (v && k == n)
			logins[n++] = v;
	}
	if (!n)
		return 0;
	crm_rows *rows = crm_db_query(r,
		"SELECT u.id, u.login FROM crm_user u JOIN JSON_TABLE(?, '$[*]' COLUMNS (v VARCHAR(64) "
		"CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci PATH '$')) j ON u.login = j.v WHERE u.active = 1",
		"s", crm_json_strings(p, logins, n));
	if (!rows)
		return CRM_EDB;
	const char **found = crm_palloc(p, (rows->n_rows + 1) * sizeof *found);
	for (size_t k = 0; k < rows->n_rows; k++)
		found[k] = crm_import_fold(p, crm_rows_get(rows, k, 1));
	for (size_t i = 0; i < b->n_rows; i++) {
		const char *v = b->rows[i].error ? NULL : b->rows[i].values[f];
		if (!v)
			continue;
		v = crm_import_fold(p, v);
		for (size_t k = 0; k < rows->n_rows && !ids[i]; k++)
			if (!strcmp(v, found[k]))
				ids[i] = atoll(crm_rows_get(rows, k, 0));
		if (!ids[i])
			crm_import_refuse(&b->rows[i], unknown_key, &fields[f]);
	}
	return 0;
}

int crm_import_decide(crm_req *r, crm_import_batch *b, crm_import_fate *fate, const crm_import_rules *rules,
		      void *items)
{
	int policy = b->dup_policy;
	/* Creating duplicates on purpose needs no lookup, unless a key must stay unique. */
	if (rules->taken || policy != CRM_DUP_CREATE) {
		int rc = rules->find(r, b, items, fate);
		if (rc < 0)
			return rc;
	}
	for (size_t i = 0; i < b->n_rows; i++) {
		crm_import_fate *f = &fate[i];
		crm_import_row *row = &b->rows[i];
		if (row->error)
			continue;
		/* A row repeating an earlier row of the batch is that record again. */
		bool repeated = false;
		if (rules->taken || (policy != CRM_DUP_CREATE && !f->dup_id))
			for (size_t k = 0; k < i && !repeated; k++)
				repeated = (fate[k].create || fate[k].update) && rules->same(items, i, k);
		if (rules->taken && (f->dup_id || repeated) && policy == CRM_DUP_CREATE)
			crm_import_refuse(row, rules->taken, rules->taken_field);
		else if (repeated || (f->dup_id && policy == CRM_DUP_SKIP))
			b->skipped++;
		else if (f->dup_id && policy == CRM_DUP_UPDATE && !f->dup_write)
			crm_import_refuse(row, rules->read_only, NULL);
		else if (f->dup_id && policy == CRM_DUP_UPDATE)
			f->update = true;
		else
			f->create = true;
		if (f->update && rules->updating && !rules->updating(r, items, i, row))
			f->update = false;
	}
	return 0;
}

int crm_import_autoinc_read(crm_req *r, crm_import_autoinc *ai)
{
	crm_rows *rows = crm_db_query(r, "SELECT @@innodb_autoinc_lock_mode, @@auto_increment_increment", NULL);
	if (!rows || !rows->n_rows)
		return CRM_EDB;
	const char *mode = crm_rows_get(rows, 0, 0), *step = crm_rows_get(rows, 0, 1);
	ai->max_rows = mode && atoi(mode) == 2 ? 1 : 100;
	ai->step = step ? atoll(step) : 1;
	ai->step = ai->step > 0 ? ai->step : 1;
	return 0;
}

int crm_import_insert(crm_req *r, const char *head, const char *tuple, size_t cols, const char *const *params,
		      size_t n, int64_t *ids, const crm_import_autoinc *ai)
{
	static const size_t sizes[] = {100, 10, 1};
	size_t max_rows = ai ? ai->max_rows : 100;
	int64_t step = ai ? ai->step : 1;
	for (size_t s = 0, at = 0; s < CRM_LEN(sizes); s++) {
		size_t k = sizes[s];
		if (k > max_rows || n - at < k)
			continue;
		const char *sql = crm_db_tuples(r->pool, head, tuple, k);
		for (; n - at >= k; at += k) {
			int64_t got = crm_db_execv(r, sql, params + at * cols, k * cols);
			if (got < 0)
				return (int)got;
			if (!ids)
				continue;
			if ((size_t)got != k)
				return CRM_EINTERNAL;
			int64_t first = crm_db_last_id(r);
			for (size_t i = 0; i < k; i++)
				ids[at + i] = first + (int64_t)i * step;
		}
	}
	return 0;
}

int crm_import_stored(crm_req *r, crm_import_batch *b, const crm_import_fate *fate, const char *entity,
		      const int64_t *new_ids, const char *const *names, const char *updated_key)
{
	size_t n = 0;
	for (size_t i = 0; i < b->n_rows; i++)
		if (fate[i].create) {
			b->rows[i].id = new_ids[n++];
			b->created++;
		}
	int rc = crm_history_add_many(r, entity, new_ids, n, "created", names);
	if (rc < 0)
		return rc;
	int64_t *ids = crm_palloc(r->pool, (b->n_rows + 1) * sizeof *ids);
	const char **texts = crm_palloc(r->pool, (b->n_rows + 1) * sizeof *texts);
	const char *updated = crm_t(r, updated_key);
	n = 0;
	for (size_t i = 0; i < b->n_rows; i++)
		if (fate[i].update) {
			b->rows[i].id = ids[n] = fate[i].dup_id;
			texts[n++] = updated;
			b->updated++;
		}
	return crm_history_add_many(r, entity, ids, n, "changed", texts);
}

int crm_import_tags(crm_req *r, const crm_import_batch *b, const char *entity, size_t f)
{
	int64_t *ids = crm_palloc(r->pool, (b->n_rows + 1) * sizeof *ids);
	const char **names = crm_palloc(r->pool, (b->n_rows + 1) * sizeof *names);
	size_t n = 0;
	for (size_t i = 0; i < b->n_rows; i++)
		if (b->rows[i].id > 0 && b->rows[i].values[f]) {
			ids[n] = b->rows[i].id;
			names[n++] = b->rows[i].values[f];
		}
	int rc = crm_tags_add_each(r, entity, ids, names, n);
	return rc < 0 ? rc : 0;
}

/* ===== the JSON of a batch's UPDATE ===== */

struct crm_import_json {
	crm_pool *pool;
	char *buf;
	size_t len, cap, n;
};

/* Room for more bytes and the closing "}]" with its NUL. */
static void reserve(crm_import_json *j, size_t more)
{
	if (j->len + more + 3 <= j->cap)
		return;
	size_t cap = (j->len + more + 3) * 2;
	char *buf = crm_palloc(j->pool, cap);
	if (j->len)
		memcpy(buf, j->buf, j->len);
	j->buf = buf;
	j->cap = cap;
}

crm_import_json *crm_import_json_new(crm_req *r)
{
	crm_import_json *j = crm_palloc(r->pool, sizeof *j);
	j->pool = r->pool;
	reserve(j, 4096);
	j->buf[j->len++] = '[';
	return j;
}

void crm_import_json_next(crm_import_json *j, int64_t id)
{
	reserve(j, 32);
	j->len += (size_t)sprintf(j->buf + j->len, "%s{\"id\":%lld", j->n++ ? "}," : "", (long long)id);
}

void crm_import_json_int(crm_import_json *j, const char *key, int64_t v)
{
	reserve(j, strlen(key) + 28);
	j->len += (size_t)sprintf(j->buf + j->len, ",\"%s\":%lld", key, (long long)v);
}

void crm_import_json_str(crm_import_json *j, const char *key, const char *s)
{
	if (!s) {
		reserve(j, strlen(key) + 8);
		j->len += (size_t)sprintf(j->buf + j->len, ",\"%s\":null", key);
		return;
	}
	/* Quotes, backslashes and control characters escaped; the runs between them copied. */
	static const char special[] = "\"\\\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f"
				      "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f";
	reserve(j, strlen(key) + 6 + strlen(s) * 6);
	char *o = j->buf + j->len;
	o += sprintf(o, ",\"%s\":\"", key);
	while (*s) {
		size_t k = strcspn(s, special);
		memcpy(o, s, k);
		o += k;
		s += k;
		if (*s == '"' || *s == '\\') {
			*o++ = '\\';
			*o++ = *s++;
		} else if (*s) {
			o += sprintf(o, "\\u%04x", (unsigned)(unsigned char)*s++);
		}
	}
	*o++ = '"';
	j->len = (size_t)(o - j->buf);
}

const char *crm_import_json_text(crm_import_json *j)
{
	if (!j->n)
		return NULL;
	memcpy(j->buf + j->len, "}]", 3);
	return j->buf;
}
