/* Custom fields (CON-4): admins define them per entity type; values are checked per
 * type, stored in a canonical form (so that list filters compare exactly), shown in
 * forms and on cards, and written in a fixed number of statements per save or import. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "core.h"
#include "form.h"

#define VALUE_MAX_CHARS CRM_FIELD_VALUE_MAX_CHARS

typedef struct cfield {
	int64_t id;
	const char *name, *type, *options; /* options: a list's choices, one per line */
	bool required;
	const char *stored; /* the record's value, or NULL */
} cfield;

/* An entity type's fields, with record id's values when id > 0; NULL on a database error. */
static cfield *load(crm_req *r, const char *entity, int64_t id, size_t *n)
{
	crm_rows *rows = crm_db_query(r,
		"SELECT f.id, f.name, f.type, f.options, f.required, v.value FROM crm_custom_field f "
		"LEFT JOIN crm_custom_value v ON v.field_id = f.id AND v.record_id = ? "
		"WHERE f.entity = ? ORDER BY f.position, f.id LIMIT ?",
		"isi", id > 0 ? id : (int64_t)0, entity, (int64_t)CRM_FIELDS_MAX);
	if (!rows)
		return NULL;
	cfield *f = crm_palloc(r->pool, (rows->n_rows + 1) * sizeof *f);
	for (size_t i = 0; i < rows->n_rows; i++) {
		f[i].id = atoll(crm_rows_get(rows, i, 0));
		f[i].name = crm_rows_get(rows, i, 1);
		f[i].type = crm_rows_get(rows, i, 2);
		f[i].options = crm_rows_get(rows, i, 3);
		f[i].required = atoi(crm_rows_get(rows, i, 4)) == 1;
		f[i].stored = id > 0 ? crm_rows_get(rows, i, 5) : NULL;
	}
	*n = rows->n_rows;
	return f;
}

/* Whether s is one of the list's choices (lines, blanks around them ignored). */
static bool is_option(crm_req *r, const char *options, const char *s)
{
	for (const char *o = options ? options : ""; *o;) {
		size_t len = strcspn(o, "\n");
		if (!strcmp(crm_trim(r->pool, crm_pstrndup(r->pool, o, len)), s))
			return true;
		o += len + (o[len] == '\n');
	}
	return false;
}

/* "1 234,50" -> "1234.5": sign, digits, one decimal point; spaces may group digits. */
static const char *number(crm_pool *p, const char *s)
{
	char *out = crm_palloc(p, strlen(s) + 2), *o = out;
	if (*s == '-' || *s == '+') {
		if (*s == '-')
			*o++ = '-';
		s++;
	}
	char *digits = o, *point = NULL;
	size_t n = 0;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			if (o == digits && *s == '0' && !point && s[1] >= '0' && s[1] <= '9')
				continue; /* leading zeros */
			*o++ = *s;
			n++;
		} else if ((*s == '.' || *s == ',') && !point && n) {
			point = o;
			*o++ = '.';
		} else if (*s == ' ' && n && !point && s[1] >= '0' && s[1] <= '9') {
			continue;
		} else {
			return NULL;
		}
	}
	*o = 0;
	if (!n || n > 30 || (point && point == o - 1))
		return NULL;
	if (point) {
		while (o[-1] == '0')
			*--o = 0;
		if (o[-1] == '.')
			*--o = 0;
	}
	if (!strcmp(out, "-0"))
		return "0";
	return out;
}

/* "2024-02-29" or "29.02.2024" -> "2024-02-29", a real date of years 1000 to 9999. */
static const char *date(crm_pool *p, const char *s)
{
	int y, m, d, len = 0;
	if (!(sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &len) == 3 && len == 10 && s[4] == '-' && s[7] == '-') &&
	    !(sscanf(s, "%2d.%2d.%4d%n", &d, &m, &y, &len) == 3 && len == 10 && s[2] == '.' && s[5] == '.'))
		return NULL;
	if (strspn(s, "0123456789-.") != 10 || s[10])
		return NULL;
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (y < 1000 || m < 1 || m > 12 || d < 1 || d > days[m - 1] + (m == 2 && leap))
		return NULL;
	return crm_psprintf(p, "%04d-%02d-%02d", y, m, d);
}

/* "1"/"0" from what a form or a CSV file gives; NULL when it is neither. */
static const char *checkbox(const char *s)
{
	static const char *const yes[] = {"1", "on", "yes", "true", "y", "x", "да", "Да", "ДА"};
	static const char *const no[] = {"0", "off", "no", "false", "n", "нет", "Нет", "НЕТ"};
	for (size_t i = 0; i < CRM_LEN(yes); i++)
		if (!strcasecmp(s, yes[i]))
			return "1";
	for (size_t i = 0; i < CRM_LEN(no); i++)
		if (!strcasecmp(s, no[i]))
			return "0";
	return NULL;
}

const char *crm_field_value(crm_pool *p, const char *type, const char *typed, const char **out)
{
	const char *s = crm_trim(p, typed);
	*out = "";
	if (!strcmp(type, "checkbox")) {
		const char *v = *s ? checkbox(s) : "0";
		if (!v)
			return "core.fields.checkbox";
		*out = v;
		return NULL;
	}
	if (!*s)
		return NULL;
	if (!crm_utf8_valid(s, strlen(s)))
		return "core.fields.invalid";
	if (crm_utf8_chars(s) > VALUE_MAX_CHARS)
		return "core.fields.too_long";
	if (!strcmp(type, "number") && !(s = number(p, s)))
		return "core.fields.number";
	if (!strcmp(type, "date") && !(s = date(p, s)))
		return "core.fields.date";
	*out = s;
	return NULL;
}

/* The stored form of typed for field f in *out ("" clears the value): NULL, or an i18n
 * key saying what is wrong. keep_stale lets a form keep a list value an admin has since
 * removed from the choices, while some record still holds it. */
static const char *normalize(crm_req *r, const cfield *f, const char *typed, bool keep_stale,
			     const char **out)
{
	const char *err = crm_field_value(r->pool, f->type, typed, out);
	if (err)
		return err;
	if (f->required && (!**out || (!strcmp(f->type, "checkbox") && strcmp(*out, "1"))))
		return "core.fields.required";
	if (!strcmp(f->type, "list") && **out && !is_option(r, f->options, *out)) {
		crm_rows *held = keep_stale ? crm_db_query(r, "SELECT 1 FROM crm_custom_value WHERE field_id = ? AND value = ? LIMIT 1",
							  "is", f->id, *out) : NULL;
		if (!held || !held->n_rows)
			return "core.fields.list";
	}
	return NULL;
}

static const char *form_name(crm_req *r, const cfield *f)
{
	return crm_psprintf(r->pool, "cf_%lld", (long long)f->id);
}

/* Whether the posted form carried the custom fields (an unticked checkbox sends nothing). */
static bool posted(crm_req *r)
{
	return !strcmp(crm_req_method(r), "POST") && crm_req_form(r, "cf_form");
}

/* [[field, record, "value"], ...] for JSON_TABLE. */
static const char *json_values(crm_req *r, const int64_t *fields, int64_t field, const int64_t *records,
			       int64_t record, const char *const *values, size_t n)
{
	const char *strs = crm_json_strings(r->pool, values, n);
	char *out = crm_palloc(r->pool, strlen(strs) + n * 45 + 3), *o = out;
	const char *v = strs + 1; /* inside the strings' array: "a","b" */
	*o++ = '[';
	for (size_t i = 0; i < n; i++) {
		/* Each string runs to its closing quote: the first '"' not escaped. */
		const char *e = v + 1;
		while (*e != '"')
			e += *e == '\\' ? 2 : 1;
		o += sprintf(o, "%s[%lld,%lld,", i ? "," : "", (long long)(fields ? fields[i] : field),
			     (long long)(records ? records[i] : record));
		memcpy(o, v, (size_t)(e + 1 - v));
		o += e + 1 - v;
		*o++ = ']';
		v = e + 2; /* past the quote and the comma */
	}
	*o++ = ']';
	*o = 0;
	return out;
}

#define VALUES_TABLE \
	"JSON_TABLE(?, '$[*]' COLUMNS (f BIGINT UNSIGNED PATH '$[0]', r BIGINT UNSIGNED PATH '$[1]', " \
	"v VARCHAR(500) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci PATH '$[2]')) j"

/* Store n values (none of them empty) in one statement. */
static int upsert(crm_req *r, const int64_t *fields, int64_t field, const int64_t *records, int64_t record,
		  const char *const *values, size_t n)
{
	if (!n)
		return 0;
	return crm_db_exec(r, "INSERT INTO crm_custom_value (field_id, record_id, value) SELECT j.f, j.r, j.v FROM "
			      VALUES_TABLE " ON DUPLICATE KEY UPDATE value = VALUES(value)",
			   "s", json_values(r, fields, field, records, record, values, n)) < 0 ? crm_db_err(r) : 0;
}

xmlNodePtr crm_fields_xml(crm_req *r, const char *entity, int64_t id, xmlNodePtr parent)
{
	size_t n;
	cfield *defs = load(r, entity, id, &n);
	if (!defs)
		return NULL;
	bool form = crm_xml_in_form(parent), back = form && posted(r);
	xmlNodePtr node = crm_xml_add(parent, "custom-fields", NULL);
	crm_xml_attr(node, "entity", entity);
	crm_xml_attr(node, "mode", form ? "form" : "card");
	for (size_t i = 0; i < n; i++) {
		const cfield *f = &defs[i];
		if (!form) {
			xmlNodePtr v = crm_xml_add(node, "value", f->stored);
			crm_xml_attr_int(v, "field", f->id);
			crm_xml_attr(v, "name", f->name);
			crm_xml_attr(v, "type", f->type);
			continue;
		}
		const char *value = back ? crm_req_form(r, form_name(r, f)) : f->stored, *err = NULL, *norm;
		if (back)
			err = normalize(r, f, value ? value : "", true, &norm);
		const char *type = !strcmp(f->type, "list") ? "select" : f->type;
		xmlNodePtr x = crm_form_field(node, form_name(r, f), f->name, type,
					      strcmp(f->type, "checkbox") ? value : NULL);
		crm_xml_attr_int(x, "field", f->id);
		if (f->required)
			crm_xml_attr(x, "required", "1");
		crm_xml_attr(x, "error", err);
		if (!strcmp(f->type, "text"))
			crm_xml_attr_int(x, "maxlength", VALUE_MAX_CHARS);
		if (!strcmp(f->type, "checkbox")) {
			const char *v = value ? checkbox(crm_trim(r->pool, value)) : NULL;
			if (v && !strcmp(v, "1"))
				crm_xml_attr(x, "checked", "1");
		}
		if (strcmp(f->type, "list"))
			continue;
		crm_xml_attr(crm_xml_add(x, "option", "core.fields.none"), "value", "");
		for (const char *o = f->options ? f->options : ""; *o;) {
			size_t len = strcspn(o, "\n");
			const char *opt = crm_trim(r->pool, crm_pstrndup(r->pool, o, len));
			if (*opt)
				crm_xml_attr(crm_xml_add(x, "option", opt), "value", opt);
			o += len + (o[len] == '\n');
		}
		/* A value no longer among the choices stays visible until someone changes it. */
		if (value && *value && !is_option(r, f->options, crm_trim(r->pool, value)))
			crm_xml_attr(crm_xml_add(x, "option", value), "value", value);
	}
	if (form && n)
		crm_form_field(node, "cf_form", NULL, "hidden", "1");
	return node;
}

int crm_fields_check(crm_req *r, const char *entity, xmlNodePtr errors)
{
	if (!posted(r))
		return 0;
	size_t n;
	cfield *defs = load(r, entity, 0, &n);
	if (!defs)
		return crm_db_err(r);
	int bad = 0;
	for (size_t i = 0; i < n; i++) {
		const char *typed = crm_req_form(r, form_name(r, &defs[i])), *norm;
		const char *err = normalize(r, &defs[i], typed ? typed : "", true, &norm);
		if (!err)
			continue;
		bad++;
		if (errors)
			crm_xml_attr(crm_xml_add(errors, "error", err), "field", form_name(r, &defs[i]));
	}
	return bad;
}

int crm_fields_save(crm_req *r, const char *entity, int64_t id)
{
	if (!posted(r))
		return 0;
	size_t n, n_set = 0, n_clear = 0;
	cfield *defs = load(r, entity, 0, &n);
	if (!defs)
		return crm_db_err(r);
	int64_t *set_ids = crm_palloc(r->pool, (n + 1) * sizeof *set_ids);
	int64_t *clear_ids = crm_palloc(r->pool, (n + 1) * sizeof *clear_ids);
	const char **values = crm_palloc(r->pool, (n + 1) * sizeof *values);
	for (size_t i = 0; i < n; i++) {
		const char *typed = crm_req_form(r, form_name(r, &defs[i])), *norm;
		if (normalize(r, &defs[i], typed ? typed : "", true, &norm))
			return CRM_EINVAL; /* crm_fields_check should have said so */
		if (*norm) {
			set_ids[n_set] = defs[i].id;
			values[n_set++] = norm;
		} else {
			clear_ids[n_clear++] = defs[i].id;
		}
	}
	if (n_clear && crm_db_exec(r, "DELETE FROM crm_custom_value WHERE record_id = ? AND field_id IN "
				      "(SELECT j.f FROM JSON_TABLE(?, '$[*]' COLUMNS (f BIGINT UNSIGNED PATH '$')) j)",
				   "is", id, crm_json_ids(r->pool, clear_ids, n_clear)) < 0)
		return crm_db_err(r);
	return upsert(r, set_ids, 0, NULL, id, values, n_set);
}

int crm_fields_set_many(crm_req *r, const char *entity, const char *field, const int64_t *ids,
			const char *const *values, size_t n, const char **err_keys)
{
	crm_rows *rows = crm_db_query(r, "SELECT id, name, type, options, required FROM crm_custom_field "
					 "WHERE entity = ? AND name = ?", "ss", entity, field ? field : "");
	if (!rows)
		return crm_db_err(r);
	if (!rows->n_rows) {
		for (size_t i = 0; err_keys && i < n; i++)
			err_keys[i] = "core.fields.unknown";
		return CRM_EINVAL;
	}
	cfield f = {
		.id = atoll(crm_rows_get(rows, 0, 0)), .name = crm_rows_get(rows, 0, 1),
		.type = crm_rows_get(rows, 0, 2), .options = crm_rows_get(rows, 0, 3),
		.required = atoi(crm_rows_get(rows, 0, 4)) == 1,
	};
	int64_t *set_ids = crm_palloc(r->pool, (n + 1) * sizeof *set_ids);
	int64_t *clear_ids = crm_palloc(r->pool, (n + 1) * sizeof *clear_ids);
	const char **set_values = crm_palloc(r->pool, (n + 1) * sizeof *set_values);
	size_t n_set = 0, n_clear = 0;
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		if (err_keys)
			err_keys[i] = NULL;
		if (!values[i])
			continue;
		const char *norm, *err = normalize(r, &f, values[i], false, &norm);
		if (err) {
			if (err_keys)
				err_keys[i] = err;
			rc = CRM_EINVAL;
		} else if (ids && *norm) {
			set_ids[n_set] = ids[i];
			set_values[n_set++] = norm;
		} else if (ids) {
			clear_ids[n_clear++] = ids[i];
		}
	}
	if (n_clear && crm_db_exec(r, "DELETE FROM crm_custom_value WHERE field_id = ? AND record_id IN "
				      "(SELECT j.r FROM JSON_TABLE(?, '$[*]' COLUMNS (r BIGINT UNSIGNED PATH '$')) j)",
				   "is", f.id, crm_json_ids(r->pool, clear_ids, n_clear)) < 0)
		return crm_db_err(r);
	int st = upsert(r, NULL, f.id, set_ids, 0, set_values, n_set);
	return st < 0 ? st : rc;
}

int crm_fields_set(crm_req *r, const char *entity, int64_t id, const char *field, const char *value,
		   const char **err_key)
{
	const char *err = NULL;
	int rc = crm_fields_set_many(r, entity, field, &id, &value, 1, &err);
	if (err_key)
		*err_key = err;
	return rc;
}

const char *crm_fields_filter_sql(crm_req *r, const char *alias, const char *entity, int64_t field_id)
{
	if (!crm_sql_name(alias))
		return NULL;
	crm_rows *rows = crm_db_query(r, "SELECT 1 FROM crm_custom_field WHERE id = ? AND entity = ?", "is",
				      field_id, entity);
	if (!rows || !rows->n_rows)
		return NULL;
	return crm_psprintf(r->pool,
		"%s.id IN (SELECT crm_cv.record_id FROM crm_custom_value crm_cv WHERE crm_cv.field_id = %lld "
		"AND crm_cv.value = ?)", alias, (long long)field_id);
}

const char *crm_fields_filter_value(crm_req *r, int64_t field_id, const char *typed)
{
	const char *s = crm_trim(r->pool, typed), *out;
	crm_rows *rows = *s ? crm_db_query(r, "SELECT type FROM crm_custom_field WHERE id = ?", "i", field_id) : NULL;
	if (!rows || !rows->n_rows || crm_field_value(r->pool, crm_rows_get(rows, 0, 0), s, &out) || !*out)
		return s;
	return out;
}

xmlNodePtr crm_fields_filter_xml(crm_req *r, const char *entity, xmlNodePtr form, int64_t field_id,
				 const char *value)
{
	size_t n;
	cfield *defs = load(r, entity, 0, &n);
	if (!defs)
		return NULL;
	if (!n)
		return form;
	const char *chosen = "";
	for (size_t i = 0; i < n; i++)
		if (defs[i].id == field_id)
			chosen = crm_psprintf(r->pool, "%lld", (long long)field_id);
	xmlNodePtr sel = crm_form_field(form, "cf", "core.fields.filter", "select", chosen);
	crm_xml_attr(crm_xml_add(sel, "option", "core.fields.filter_any"), "value", "");
	for (size_t i = 0; i < n; i++)
		crm_xml_attr_int(crm_xml_add(sel, "option", defs[i].name), "value", defs[i].id);
	xmlNodePtr x = crm_form_field(form, "cfv", "core.fields.filter_value", "text", *chosen ? value : NULL);
	crm_xml_attr_int(x, "maxlength", VALUE_MAX_CHARS);
	return form;
}

const char *crm_fields_column_sql(crm_req *r, const char *alias, int64_t field_id)
{
	if (!crm_sql_name(alias))
		return "NULL";
	return crm_psprintf(r->pool,
		"(SELECT crm_cv.value FROM crm_custom_value crm_cv WHERE crm_cv.field_id = %lld AND crm_cv.record_id = %s.id)",
		(long long)field_id, alias);
}
