/* /admin/fields: custom fields per entity type (every type the accepted plugins
 * declare): name, type, a list's choices, required, position. A field's type is fixed
 * once made, since the values stored were checked against it. */
#include <stdlib.h>
#include <string.h>
#include "admin.h"

#define MAX_ENTITIES 64
#define OPTIONS_MAX 100
#define OPTION_MAX_CHARS 100

static const char *const types[] = {"text", "number", "date", "list", "checkbox"};
static const char *const type_titles[] = {
	"admin.field_type_text", "admin.field_type_number", "admin.field_type_date",
	"admin.field_type_list", "admin.field_type_checkbox",
};

/* What the field form holds, as typed, and its errors (i18n keys). */
typedef struct field_form {
	const char *entity, *name, *type, *options, *position;
	bool required;
	const char *e_name, *e_type, *e_options, *e_position;
} field_form;

static size_t chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static const crm_entity_type *entity_type(crm_req *r, const char *name)
{
	const crm_entity_type *all[MAX_ENTITIES];
	size_t n = crm_entity_types(r, all, MAX_ENTITIES);
	for (size_t i = 0; i < n && name; i++)
		if (!strcmp(all[i]->name, name))
			return all[i];
	return NULL;
}

static const char *list_url(crm_req *r, const char *entity)
{
	return crm_url(r, "/admin/fields", "entity", entity, NULL);
}

/* The choices one per line, blanks trimmed and empty lines dropped; NULL with an error
 * key in *err when they do not do for a list. */
static const char *clean_options(crm_req *r, const char *typed, const char **err)
{
	crm_pool *p = crm_req_pool(r);
	const char *out = "", *seen[OPTIONS_MAX];
	size_t n = 0;
	for (const char *o = typed; *o;) {
		size_t len = strcspn(o, "\r\n");
		const char *line = crm_pstrndup(p, o, len);
		o += len;
		o += strspn(o, "\r\n");
		while (*line == ' ' || *line == '\t')
			line++;
		size_t l = strlen(line);
		while (l && (line[l - 1] == ' ' || line[l - 1] == '\t'))
			l--;
		line = crm_pstrndup(p, line, l);
		if (!*line)
			continue;
		if (chars(line) > OPTION_MAX_CHARS) {
			*err = "admin.field_option_long";
			return NULL;
		}
		for (size_t i = 0; i < n; i++)
			if (!strcmp(seen[i], line)) {
				*err = "admin.field_option_twice";
				return NULL;
			}
		if (n == OPTIONS_MAX) {
			*err = "admin.field_options_many";
			return NULL;
		}
		seen[n++] = line;
		out = *out ? crm_psprintf(p, "%s\n%s", out, line) : line;
	}
	if (!n) {
		*err = "admin.field_options_required";
		return NULL;
	}
	return out;
}

/* Read and check the posted form (type only when creating); true when it is fine. */
static bool read_form(crm_req *r, field_form *f, int64_t id, const char *fixed_type)
{
	f->name = crm_input(r, "name");
	f->type = fixed_type ? fixed_type : crm_input(r, "type");
	f->options = crm_req_form(r, "options") ? crm_req_form(r, "options") : "";
	f->position = crm_input(r, "position");
	f->required = crm_req_form(r, "required") != NULL;
	if (!*f->name)
		f->e_name = "admin.field_name_required";
	else if (chars(f->name) > 100)
		f->e_name = "admin.field_name_long";
	else {
		crm_rows *same = crm_db_query(r, "SELECT 1 FROM crm_custom_field WHERE entity = ? AND name = ? AND id <> ?",
					      "ssi", f->entity, f->name, id);
		if (same && same->n_rows)
			f->e_name = "admin.field_exists";
	}
	bool known = false;
	for (size_t i = 0; i < CRM_LEN(types); i++)
		known |= !strcmp(types[i], f->type);
	if (!known)
		f->e_type = "admin.field_type_invalid";
	else if (!strcmp(f->type, "list")) {
		const char *clean = clean_options(r, f->options, &f->e_options);
		if (clean)
			f->options = clean;
	}
	char *end;
	long long pos = strtoll(f->position, &end, 10);
	if (*f->position && (*end || pos < 0 || pos > 1000000))
		f->e_position = "admin.position_invalid";
	return !f->e_name && !f->e_type && !f->e_options && !f->e_position;
}

/* The form's fields; the type is chosen only when creating. */
static void form_fields(xmlNodePtr form, const field_form *f, bool creating)
{
	xmlNodePtr x = crm_form_name(form, "admin.field_name", f->name, 100, f->e_name);
	if (creating) {
		x = crm_form_field(form, "type", "admin.field_type", "select", f->type);
		crm_xml_attr(x, "error", f->e_type);
		for (size_t i = 0; i < CRM_LEN(types); i++) {
			crm_xml_attr(crm_xml_add(x, "option", type_titles[i]), "value", types[i]);
		}
	}
	if (creating || !strcmp(f->type, "list")) {
		x = crm_form_field(form, "options", "admin.field_options", "textarea", f->options);
		crm_xml_attr(x, "rows", "5");
		crm_xml_attr(x, "hint", "admin.field_options_hint");
		crm_xml_attr(x, "error", f->e_options);
	}
	x = crm_form_field(form, "required", "admin.field_required", "checkbox", NULL);
	if (f->required)
		crm_xml_attr(x, "checked", "1");
	x = crm_form_field(form, "position", "admin.position", "number", f->position);
	crm_xml_attr(x, "min", "0");
	crm_xml_attr(x, "step", "1");
	crm_xml_attr(x, "hint", "admin.position_hint");
	crm_xml_attr(x, "error", f->e_position);
}

static int list_page(crm_req *r, const char *entity, field_form *typed)
{
	const crm_entity_type *all[MAX_ENTITIES];
	size_t n = crm_entity_types(r, all, MAX_ENTITIES);
	xmlNodePtr c = admin_page(r, "admin.fields", "admin.fields_title", "/admin/fields");
	if (!n)
		return 0;
	const crm_entity_type *t = entity_type(r, entity);
	if (!t)
		t = all[0];
	xmlNodePtr types_node = crm_xml_add(c, "entities", NULL);
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr e = crm_xml_add(types_node, "entity", NULL);
		crm_xml_attr(e, "name", all[i]->name);
		crm_xml_attr(e, "title", all[i]->title);
		crm_xml_attr(e, "href", list_url(r, all[i]->name));
		if (all[i] == t)
			crm_xml_attr(e, "active", "1");
	}
	crm_rows *rows = crm_db_query(r, "SELECT id, name, type, options, required, position FROM crm_custom_field "
					 "WHERE entity = ? ORDER BY position, id LIMIT ?", "si", t->name, (int64_t)CRM_FIELDS_MAX);
	if (!rows)
		return CRM_EDB;
	xmlNodePtr list = crm_xml_add(c, "fields", NULL);
	crm_xml_attr(list, "entity", t->name);
	crm_xml_attr(list, "title", t->title);
	crm_rows_xml(rows, list, "field");
	if (rows->n_rows >= CRM_FIELDS_MAX) {
		crm_xml_attr(list, "full", "1");
		return 0;
	}
	field_form empty = {.type = "text"};
	field_form *f = typed ? typed : &empty;
	xmlNodePtr form = crm_form(crm_xml_add(c, "create", NULL), "/admin/fields");
	crm_form_field(form, "entity", NULL, "hidden", t->name);
	form_fields(form, f, true);
	crm_form_submit(form, "admin.add_field");
	if (typed)
		admin_form_failed(r, form);
	return 0;
}

int admin_fields(crm_req *r)
{
	return list_page(r, crm_req_query(r, "entity"), NULL);
}

int admin_field_create(crm_req *r)
{
	field_form f = {.entity = crm_input(r, "entity")};
	if (!entity_type(r, f.entity))
		return crm_error(r, 404, "core.not_found");
	if (!read_form(r, &f, 0, NULL))
		return list_page(r, f.entity, &f);
	crm_rows *n = crm_db_query(r, "SELECT COUNT(*), COALESCE(MAX(position), 0) + 10 FROM crm_custom_field WHERE entity = ?",
				   "s", f.entity);
	if (!n)
		return CRM_EDB;
	if (atoll(crm_rows_get(n, 0, 0)) >= CRM_FIELDS_MAX) {
		f.e_name = "admin.fields_too_many";
		return list_page(r, f.entity, &f);
	}
	int64_t pos = *f.position ? atoll(f.position) : atoll(crm_rows_get(n, 0, 1));
	const char *options = strcmp(f.type, "list") ? NULL : f.options;
	if (crm_db_exec(r, "INSERT INTO crm_custom_field (entity, name, type, options, required, position) "
			   "VALUES (?, ?, ?, ?, ?, ?)",
			"ssssii", f.entity, f.name, f.type, options, (int64_t)f.required, pos) < 0)
		return CRM_EDB;
	int64_t id = crm_db_last_id(r);
	if (crm_audit(r, "field.create", "custom_field", id, "name", NULL,
		      crm_psprintf(crm_req_pool(r), "%s: %s (%s)", f.entity, f.name, f.type)) < 0)
		return CRM_EDB;
	crm_flash(r, "ok", "admin.field_created");
	return crm_redirect(r, list_url(r, f.entity));
}

static crm_rows *load(crm_req *r, int64_t id)
{
	return crm_db_query(r, "SELECT id, entity, name, type, options, required, position, "
			       "(SELECT COUNT(*) FROM crm_custom_value v WHERE v.field_id = f.id) AS uses "
			       "FROM crm_custom_field f WHERE id = ?", "i", id);
}

static int edit_page(crm_req *r, crm_rows *row, field_form *typed)
{
	int64_t id = atoll(crm_rows_get(row, 0, 0));
	field_form cur = {
		.entity = crm_rows_get(row, 0, 1), .name = crm_rows_get(row, 0, 2), .type = crm_rows_get(row, 0, 3),
		.options = crm_rows_get(row, 0, 4), .required = atoi(crm_rows_get(row, 0, 5)) == 1,
		.position = crm_rows_get(row, 0, 6),
	};
	xmlNodePtr c = admin_page(r, "admin.field", "admin.field_title", "/admin/fields");
	crm_rows_xml(row, c, "field");
	const crm_entity_type *t = entity_type(r, cur.entity);
	if (t)
		crm_xml_attr(xmlGetLastChild(c), "entity_title", t->title);
	xmlNodePtr form = crm_form(c, crm_psprintf(crm_req_pool(r), "/admin/fields/%lld", (long long)id));
	form_fields(form, typed ? typed : &cur, false);
	crm_form_submit(form, "core.save");
	crm_xml_attr(crm_xml_add(form, "cancel", NULL), "href", list_url(r, cur.entity));
	if (typed)
		admin_form_failed(r, form);
	return 0;
}

int admin_field(crm_req *r)
{
	int rc;
	crm_rows *row = admin_found(r, load(r, crm_req_arg_id(r, "id")), &rc);
	if (!row)
		return rc;
	return edit_page(r, row, NULL);
}

/* Audit one attribute when it changed. */
static int audit_change(crm_req *r, int64_t id, const char *what, const char *old, const char *new)
{
	if (!strcmp(old ? old : "", new ? new : ""))
		return 0;
	return crm_audit(r, "field.change", "custom_field", id, what, old, new);
}

int admin_field_save(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	int rc;
	crm_rows *row = admin_found(r, load(r, id), &rc);
	if (!row)
		return rc;
	const char *type = crm_rows_get(row, 0, 3);
	field_form f = {.entity = crm_rows_get(row, 0, 1)};
	if (!read_form(r, &f, id, type))
		return edit_page(r, row, &f);
	const char *options = strcmp(type, "list") ? NULL : f.options;
	const char *position = *f.position ? f.position : crm_rows_get(row, 0, 6);
	const char *required = f.required ? "1" : "0";
	if (crm_db_exec(r, "UPDATE crm_custom_field SET name = ?, options = ?, required = ?, position = ? WHERE id = ?",
			"ssiii", f.name, options, (int64_t)f.required, (int64_t)atoll(position), id) < 0)
		return CRM_EDB;
	if (audit_change(r, id, "name", crm_rows_get(row, 0, 2), f.name) < 0 ||
	    audit_change(r, id, "options", crm_rows_get(row, 0, 4), options) < 0 ||
	    audit_change(r, id, "required", crm_rows_get(row, 0, 5), required) < 0 ||
	    audit_change(r, id, "position", crm_rows_get(row, 0, 6), position) < 0)
		return CRM_EDB;
	crm_flash(r, "ok", "admin.field_saved");
	return crm_redirect(r, list_url(r, f.entity));
}

int admin_field_delete_confirm(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	int rc;
	crm_rows *row = admin_found(r, load(r, id), &rc);
	if (!row)
		return rc;
	xmlNodePtr c = admin_page(r, "admin.field_delete", "admin.field_delete_title", "/admin/fields");
	crm_xml_attr(crm_xml_add(c, "deleting", NULL), "uses", crm_rows_get(row, 0, 7));
	xmlNodePtr q = crm_xml_add(c, "confirm", crm_rows_get(row, 0, 2));
	crm_xml_attr(q, "action", crm_psprintf(crm_req_pool(r), "/admin/fields/%lld/delete", (long long)id));
	crm_xml_attr(q, "question", "admin.confirm_field_delete");
	crm_xml_attr(q, "cancel", crm_psprintf(crm_req_pool(r), "/admin/fields/%lld", (long long)id));
	return 0;
}

int admin_field_delete(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	int rc;
	crm_rows *row = admin_found(r, load(r, id), &rc);
	if (!row)
		return rc;
	const char *entity = crm_rows_get(row, 0, 1);
	/* Its values go with it (the foreign key cascades). */
	if (crm_db_exec(r, "DELETE FROM crm_custom_field WHERE id = ?", "i", id) < 0 ||
	    crm_audit(r, "field.delete", "custom_field", id, "name",
		      crm_psprintf(crm_req_pool(r), "%s: %s", entity, crm_rows_get(row, 0, 2)), NULL) < 0)
		return CRM_EDB;
	crm_flash(r, "ok", "admin.field_deleted");
	return crm_redirect(r, list_url(r, entity));
}
