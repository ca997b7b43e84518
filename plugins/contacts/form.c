/* The contact form: new and edit, "save and create new", per-field errors that keep
 * what was typed, and the duplicates screen (open, merge into it, create anyway). */
#include <stdlib.h>
#include <string.h>
#include "contacts.h"

/* Rows of each repeated item the form shows beyond those filled. */
#define SPARE_ROWS 1
/* Users offered as managers. */
#define MAX_USERS 500

/* The form as posted or as stored. */
typedef struct contact_form {
	contact_in c;
	const char *company;    /* a person's company, by name */
	int64_t owner;          /* the responsible manager */
	int64_t *managers;      /* the others */
	size_t n_managers;
	const char *tags;       /* comma-separated */
	xmlNodePtr errors;      /* <error field="..">key</error> */
	int n_errors;
} contact_form;

static void add_error(contact_form *f, const char *field, const char *key)
{
	crm_form_error(f->errors, field, key);
	f->n_errors++;
}

static const char *error_for(const contact_form *f, const char *field)
{
	return crm_form_error_of(f->errors, field);
}

/* The repeated items of one kind, e.g. email_0/email_kind_0 ... */
static size_t read_items(crm_req *r, const char *stem, const char **values, const char **kinds)
{
	crm_pool *p = crm_req_pool(r);
	size_t n = 0;
	for (size_t i = 0; i < CONTACT_MAX_ITEMS; i++) {
		values[i] = crm_req_form(r, crm_psprintf(p, "%s_%zu", stem, i));
		kinds[i] = crm_req_form(r, crm_psprintf(p, "%s_kind_%zu", stem, i));
		if (values[i] && *values[i])
			n = i + 1;
	}
	return n;
}

/* Read the posted form; company names resolve to ids among the companies the user reads. */
static int read_form(crm_req *r, contact_form *f, const char *kind, xmlNodePtr errors)
{
	crm_pool *p = crm_req_pool(r);
	memset(f, 0, sizeof *f);
	f->errors = errors;
	contact_in *c = &f->c;
	c->kind = kind;
	c->first_name = crm_input(r, "first_name");
	c->last_name = crm_input(r, "last_name");
	c->name = crm_input(r, "name");
	c->job_title = crm_input(r, "job_title");
	c->currency = crm_input(r, "currency");
	c->description = crm_req_form(r, "description");
	c->visibility = crm_input(r, "visibility");
	c->type_id = crm_id(crm_req_form(r, "type_id"));
	c->temperature_id = crm_id(crm_req_form(r, "temperature_id"));
	if (*crm_input(r, "type_id") && !c->type_id)
		add_error(f, "type_id", "contacts.type_invalid");
	if (*crm_input(r, "temperature_id") && !c->temperature_id)
		add_error(f, "temperature_id", "contacts.temperature_invalid");
	c->n_emails = read_items(r, "email", c->emails, c->email_kinds);
	c->n_phones = read_items(r, "phone", c->phones, c->phone_kinds);
	c->n_links = read_items(r, "link", c->links, c->link_kinds);
	c->n_addresses = read_items(r, "address", c->addresses, c->address_kinds);
	f->company = crm_input(r, "company");
	f->owner = crm_id(crm_req_form(r, "owner"));
	f->managers = crm_input_ids(r, "manager", MAX_USERS, &f->n_managers);
	f->tags = crm_input(r, "tags");
	const char *tag_err = NULL;
	if (crm_tags_check(r, f->tags, &tag_err) < 0)
		add_error(f, "tags", tag_err ? tag_err : "contacts.tags_invalid");
	if (!strcmp(kind, "person") && *f->company) {
		const char *sql = crm_psprintf(p, "SELECT c.id FROM contact c WHERE c.kind = 'company' AND c.name = ? AND %s "
						  "ORDER BY c.id LIMIT 1", crm_access_sql(r, "c", "contact", CRM_READ));
		crm_rows *rows = crm_db_query(r, sql, "si", f->company, crm_req_user(r));
		if (!rows)
			return CRM_EDB;
		if (rows->n_rows)
			c->company_id = crm_id(crm_rows_get(rows, 0, 0));
		else
			add_error(f, "company", "contacts.company_not_found");
	}
	if (f->owner) {
		crm_rows *u = crm_db_query(r, "SELECT 1 FROM crm_user WHERE id = ? AND active = 1", "i", f->owner);
		if (!u)
			return CRM_EDB;
		if (!u->n_rows)
			add_error(f, "owner", "contacts.owner_invalid");
	} else {
		f->owner = crm_req_user(r);
	}
	int n = contact_check(r, c, errors);
	if (n < 0)
		return n;
	f->n_errors += n;
	n = crm_fields_check(r, "contact", errors);
	if (n < 0)
		return n;
	f->n_errors += n;
	return 0;
}

/* The form as stored, for the edit page. */
static int stored_form(crm_req *r, const crm_rows *row, contact_form *f)
{
	memset(f, 0, sizeof *f);
	int64_t id = crm_id(crm_rows_by(row, 0, "id"));
	contact_in *c = &f->c;
	c->kind = crm_rows_by(row, 0, "kind");
	c->first_name = crm_rows_by(row, 0, "first_name");
	c->last_name = crm_rows_by(row, 0, "last_name");
	c->name = crm_rows_by(row, 0, "name");
	c->job_title = crm_rows_by(row, 0, "job_title");
	c->currency = crm_rows_by(row, 0, "currency");
	c->description = crm_rows_by(row, 0, "description");
	c->visibility = crm_rows_by(row, 0, "visibility");
	c->type_id = crm_id(crm_rows_by(row, 0, "type_id"));
	c->temperature_id = crm_id(crm_rows_by(row, 0, "temperature_id"));
	f->owner = crm_id(crm_rows_by(row, 0, "owner_id"));
	crm_rows *items = crm_db_query(r,
		"SELECT 'email', email, kind, position FROM contact_email WHERE contact_id = ? "
		"UNION ALL SELECT 'phone', typed, kind, position FROM contact_phone WHERE contact_id = ? "
		"UNION ALL SELECT 'link', url, kind, position FROM contact_link WHERE contact_id = ? "
		"UNION ALL SELECT 'address', address, kind, position FROM contact_address WHERE contact_id = ? "
		"ORDER BY 1, 4", "iiii", id, id, id, id);
	crm_rows *extra = crm_db_query(r,
		"SELECT (SELECT name FROM contact WHERE id = ?), "
		"(SELECT GROUP_CONCAT(user_id) FROM crm_record_user WHERE entity = 'contact' AND record_id = ? AND kind = 'manager')",
		"ii", crm_id(crm_rows_by(row, 0, "company_id")), id);
	if (!items || !extra)
		return CRM_EDB;
	for (size_t i = 0; i < items->n_rows; i++) {
		const char *t = crm_rows_get(items, i, 0), *v = crm_rows_get(items, i, 1), *k = crm_rows_get(items, i, 2);
		if (!strcmp(t, "email") && c->n_emails < CONTACT_MAX_ITEMS) {
			c->emails[c->n_emails] = v;
			c->email_kinds[c->n_emails++] = k;
		} else if (!strcmp(t, "phone") && c->n_phones < CONTACT_MAX_ITEMS) {
			c->phones[c->n_phones] = v;
			c->phone_kinds[c->n_phones++] = k;
		} else if (!strcmp(t, "link") && c->n_links < CONTACT_MAX_ITEMS) {
			c->links[c->n_links] = v;
			c->link_kinds[c->n_links++] = k;
		} else if (!strcmp(t, "address") && c->n_addresses < CONTACT_MAX_ITEMS) {
			c->addresses[c->n_addresses] = v;
			c->address_kinds[c->n_addresses++] = k;
		}
	}
	f->company = crm_rows_get(extra, 0, 0);
	const char *mgr = crm_rows_get(extra, 0, 1);
	f->managers = crm_palloc(crm_req_pool(r), MAX_USERS * sizeof *f->managers);
	for (const char *s = mgr; s && *s && f->n_managers < MAX_USERS;) {
		f->managers[f->n_managers++] = strtoll(s, NULL, 10);
		s = strchr(s, ',');
		s = s ? s + 1 : NULL;
	}
	return 0;
}

/* ===== rendering ===== */

static xmlNodePtr field(xmlNodePtr parent, const contact_form *f, const char *name, const char *label,
			const char *type, const char *value)
{
	xmlNodePtr x = crm_form_field(parent, name, label, type, value);
	crm_xml_attr(x, "error", error_for(f, name));
	return x;
}

static void options(xmlNodePtr sel, const char *const *values, const char *prefix, crm_req *r)
{
	for (const char *const *v = values; *v; v++) {
		xmlNodePtr o = crm_xml_add(sel, "option", prefix ? crm_psprintf(crm_req_pool(r), "%s%s", prefix, *v) : *v);
		crm_xml_attr(o, "value", *v);
	}
}

static void items(crm_req *r, xmlNodePtr form, const contact_form *f, const char *stem, const char *label,
		  const char *type, const char *const *values, const char *const *kinds, size_t n,
		  const char *const *kind_list)
{
	crm_pool *p = crm_req_pool(r);
	xmlNodePtr box = crm_xml_add(form, "items", NULL);
	crm_xml_attr(box, "name", stem);
	crm_xml_attr(box, "label", label);
	size_t rows = n + SPARE_ROWS;
	if (rows < 1 + SPARE_ROWS && (!strcmp(stem, "email") || !strcmp(stem, "phone")))
		rows = 1 + SPARE_ROWS;
	if (rows > CONTACT_MAX_ITEMS)
		rows = CONTACT_MAX_ITEMS;
	for (size_t i = 0; i < rows; i++) {
		xmlNodePtr it = crm_xml_add(box, "item", NULL);
		const char *vname = crm_psprintf(p, "%s_%zu", stem, i), *kname = crm_psprintf(p, "%s_kind_%zu", stem, i);
		xmlNodePtr v = field(it, f, vname, label, type, i < n ? values[i] : NULL);
		if (!strcmp(type, "textarea"))
			crm_xml_attr(v, "rows", "2");
		xmlNodePtr k = field(it, f, kname, "contacts.item_kind", "select", i < n && kinds[i] ? kinds[i] : kind_list[0]);
		options(k, kind_list, crm_psprintf(p, "contacts.%s_kind.", stem), r);
	}
}

/* A list of ids and names (types, temperatures, users) as a select. */
static void select_rows(xmlNodePtr sel, const crm_rows *rows, bool none)
{
	if (none)
		crm_form_option(sel, "", "contacts.none_option");
	for (size_t i = 0; rows && i < rows->n_rows; i++)
		crm_form_option(sel, crm_rows_get(rows, i, 0), crm_rows_get(rows, i, 1));
}

static int form_page(crm_req *r, const contact_form *f, int64_t id, const crm_rows *dups)
{
	crm_pool *p = crm_req_pool(r);
	bool person = !strcmp(f->c.kind, "person");
	crm_rows *types = crm_db_query(r, "SELECT id, name FROM contact_type ORDER BY position, id", "");
	crm_rows *temps = crm_db_query(r, "SELECT id, name FROM contact_temperature ORDER BY position, id", "");
	crm_rows *users = crm_users_active(r);
	if (!types || !temps || !users)
		return CRM_EDB;
	xmlNodePtr c = contacts_page(r, id ? "contacts.edit" : "contacts.new",
				     id ? "contacts.edit_title" : person ? "contacts.new_person" : "contacts.new_company");
	xmlNodePtr info = crm_xml_add(c, "contact", NULL);
	crm_xml_attr(info, "kind", f->c.kind);
	if (id) {
		crm_xml_attr_int(info, "id", id);
		crm_xml_attr(info, "name", contact_display_name(p, &f->c));
	}
	xmlNodePtr form = crm_form(c, id ? crm_psprintf(p, "/contacts/%lld/edit", (long long)id) : "/contacts/new");
	crm_xml_attr(form, "class", "contact-form");
	crm_xml_attr(form, "id", "contact");
	if (dups && dups->n_rows) {
		xmlNodePtr d = crm_xml_add(form, "duplicates", NULL);
		if (id)
			crm_xml_attr_int(d, "from", id);
		crm_rows_xml(dups, d, "duplicate");
	}
	crm_form_field(form, "kind", NULL, "hidden", f->c.kind);
	if (person) {
		xmlNodePtr x = field(form, f, "first_name", "contacts.first_name", "text", f->c.first_name);
		crm_xml_attr(x, "required", "1");
		crm_xml_attr(x, "maxlength", "100");
		crm_xml_attr(x, "autofocus", "1");
		x = field(form, f, "last_name", "contacts.last_name", "text", f->c.last_name);
		crm_xml_attr(x, "required", "1");
		crm_xml_attr(x, "maxlength", "100");
		x = field(form, f, "company", "contacts.company", "text", f->company);
		crm_xml_attr(x, "hint", "contacts.company_hint");
		crm_xml_attr(x, "maxlength", "200");
		x = field(form, f, "job_title", "contacts.job_title", "text", f->c.job_title);
		crm_xml_attr(x, "maxlength", "150");
	} else {
		xmlNodePtr x = field(form, f, "name", "contacts.company_name", "text", f->c.name);
		crm_xml_attr(x, "required", "1");
		crm_xml_attr(x, "maxlength", "200");
		crm_xml_attr(x, "autofocus", "1");
	}
	items(r, form, f, "email", "contacts.email", "email", f->c.emails, f->c.email_kinds, f->c.n_emails, contact_email_kinds);
	items(r, form, f, "phone", "contacts.phone", "tel", f->c.phones, f->c.phone_kinds, f->c.n_phones, contact_phone_kinds);
	items(r, form, f, "link", "contacts.link", "text", f->c.links, f->c.link_kinds, f->c.n_links, contact_link_kinds);
	items(r, form, f, "address", "contacts.address", "textarea", f->c.addresses, f->c.address_kinds, f->c.n_addresses,
	      contact_address_kinds);
	xmlNodePtr x = field(form, f, "type_id", "contacts.type", "select", crm_id_text(r, f->c.type_id));
	select_rows(x, types, true);
	x = field(form, f, "temperature_id", "contacts.temperature", "select", crm_id_text(r, f->c.temperature_id));
	select_rows(x, temps, true);
	x = field(form, f, "currency", "contacts.currency", "select",
		  f->c.currency && *f->c.currency ? f->c.currency : contact_default_currency(r));
	options(x, contact_currencies, NULL, r);
	x = crm_tags_xml(r, "contact", id, form);
	if (x)
		crm_xml_attr(x, "error", error_for(f, "tags"));
	crm_fields_xml(r, "contact", id, form);
	x = field(form, f, "photo", "contacts.photo", "file", NULL);
	crm_xml_attr(x, "accept", "image/jpeg,image/png,image/gif,image/webp");
	crm_xml_attr(x, "hint", "contacts.photo_hint");
	x = field(form, f, "description", "contacts.description", "textarea", f->c.description);
	x = field(form, f, "owner", "contacts.owner", "select", crm_id_text(r, f->owner ? f->owner : crm_req_user(r)));
	select_rows(x, users, false);
	crm_form_users(form, "managers", users, f->managers, f->n_managers, 0);
	x = field(form, f, "visibility", "contacts.visibility", "select",
		  f->c.visibility && *f->c.visibility ? f->c.visibility : CRM_VIS_PRIVATE);
	options(x, contact_visibilities, "contacts.vis.", r);
	crm_xml_attr(x, "hint", "contacts.visibility_hint");
	crm_form_save_buttons(form, !id, "contacts.save_and_new", id ? crm_psprintf(p, "/contacts/%lld", (long long)id) : "/contacts");
	if (f->n_errors) {
		crm_status(r, 422);
		crm_xml_attr(form, "error", "core.form_errors");
	} else if (dups && dups->n_rows) {
		crm_status(r, 409);
	}
	return 0;
}

/* A detached <errors> node in the pool's care. */
static void free_node(void *n)
{
	xmlFreeNode(n);
}

static xmlNodePtr errors_node(crm_req *r)
{
	xmlNodePtr e = xmlNewNode(NULL, BAD_CAST "errors");
	crm_pool_cleanup(crm_req_pool(r), free_node, e);
	return e;
}

static const char *kind_of(const char *k)
{
	return k && !strcmp(k, "company") ? "company" : "person";
}

int contacts_new(crm_req *r)
{
	contact_form f = {0};
	f.c.kind = kind_of(crm_req_query(r, "kind"));
	f.c.visibility = CRM_VIS_PRIVATE;
	f.owner = crm_req_user(r);
	int64_t company = crm_id(crm_req_query(r, "company"));
	if (company && !strcmp(f.c.kind, "person")) {
		const char *sql = crm_psprintf(crm_req_pool(r), "SELECT c.name FROM contact c WHERE c.id = ? AND c.kind = 'company' AND %s",
					       crm_access_sql(r, "c", "contact", CRM_READ));
		crm_rows *rows = crm_db_query(r, sql, "ii", company, crm_req_user(r));
		if (!rows)
			return CRM_EDB;
		f.company = crm_rows_get(rows, 0, 0);
	}
	return form_page(r, &f, 0, NULL);
}

/* Managers other than the owner; the people newly listed are notified. */
static int save_managers(crm_req *r, int64_t id, const contact_form *f)
{
	int64_t *ids = crm_palloc(crm_req_pool(r), (f->n_managers + 1) * sizeof *ids);
	size_t n = 0;
	for (size_t i = 0; i < f->n_managers; i++)
		if (f->managers[i] != f->owner)
			ids[n++] = f->managers[i];
	return crm_access_set_users(r, "contact", id, "manager", ids, n, "contacts.made_manager");
}

/* Tags, custom fields and the photo, after the contact row exists. An upload refused
 * adds its error, rolls the transaction back and returns 1: the caller shows the form again. */
static int save_extras(crm_req *r, int64_t id, contact_form *f)
{
	if (crm_tags_set(r, "contact", id, f->tags) < 0 || crm_fields_save(r, "contact", id) < 0)
		return CRM_EDB;
	const crm_field *photo = crm_req_file(r, "photo");
	if (photo && photo->len) {
		const char *err = NULL;
		int rc = crm_file_photo(r, "contact", id, "photo", &err);
		if (rc == CRM_EDB)
			return CRM_EDB;
		if (rc < 0) {
			add_error(f, "photo", err ? err : "contacts.photo_invalid");
			crm_db_rollback(r);
			return 1;
		}
	}
	return 0;
}

/* Fill target's empty fields and add the typed items it lacks (the "merge into it"
 * choice of a new contact's duplicates screen). */
static int merge_typed(crm_req *r, contact_form *f, int64_t into)
{
	int rc;
	crm_rows *t = contact_load(r, into, CRM_WRITE, &rc);
	if (!t)
		return rc < 0 ? rc : CRM_ENOTFOUND;
	const contact_in *c = &f->c;
	if (crm_db_exec(r, "UPDATE contact SET job_title = IF(job_title = '', ?, job_title), "
			   "company_id = IFNULL(company_id, NULLIF(?, 0)), type_id = IFNULL(type_id, NULLIF(?, 0)), "
			   "temperature_id = IFNULL(temperature_id, NULLIF(?, 0)), "
			   "description = IF(IFNULL(description, '') = '', ?, description) WHERE id = ?",
			"siiisi", crm_trim(crm_req_pool(r), c->job_title),
			strcmp(crm_rows_by(t, 0, "kind"), "person") ? 0 : c->company_id, c->type_id, c->temperature_id,
			c->description && *c->description ? c->description : NULL, into) < 0)
		return CRM_EDB;
	contact_existing have;
	if (contact_existing_load(r, into, &have) < 0 || contact_insert_items(r, into, c, &have) < 0)
		return CRM_EDB;
	if (*f->tags && crm_tags_add(r, "contact", &into, 1, f->tags) < 0)
		return CRM_EDB;
	if (contact_history(r, into, "changed", contact_display_name(crm_req_pool(r), c)) < 0)
		return CRM_EDB;
	return 0;
}

int contacts_create(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	contact_form f;
	int rc = read_form(r, &f, kind_of(crm_req_form(r, "kind")), errors_node(r));
	if (rc < 0)
		return rc;
	if (f.n_errors)
		return form_page(r, &f, 0, NULL);
	int64_t into = crm_id(crm_req_form(r, "merge_into"));
	if (into) {
		if (crm_db_begin(r) < 0)
			return CRM_EDB;
		rc = merge_typed(r, &f, into);
		if (rc == CRM_ENOTFOUND)
			return crm_error(r, 404, "core.not_found");
		if (rc < 0 || crm_db_commit(r) < 0)
			return CRM_EDB;
		crm_flash(r, "ok", "contacts.merged");
		return crm_redirect(r, crm_psprintf(p, "/contacts/%lld", (long long)into));
	}
	if (!crm_req_form(r, "dup_ok")) {
		crm_rows *dups = contact_duplicates(r, &f.c, 0);
		if (!dups)
			return CRM_EDB;
		if (dups->n_rows)
			return form_page(r, &f, 0, dups);
	}
	if (crm_db_begin(r) < 0)
		return CRM_EDB;
	int64_t id = contact_insert(r, &f.c, f.owner);
	if (id < 0)
		return (int)id;
	if (save_managers(r, id, &f) < 0)
		return CRM_EDB;
	rc = save_extras(r, id, &f);
	if (rc)
		return rc < 0 ? rc : form_page(r, &f, 0, NULL);
	if (crm_db_commit(r) < 0)
		return CRM_EDB;
	return crm_form_created(r, "contacts.created_ok", crm_psprintf(p, "/contacts/new?kind=%s", f.c.kind),
				crm_psprintf(p, "/contacts/%lld", (long long)id));
}

int contacts_edit(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	int rc;
	crm_rows *row = contact_found(r, id, CRM_WRITE, &rc);
	if (!row)
		return rc;
	contact_form f;
	if (stored_form(r, row, &f) < 0)
		return CRM_EDB;
	return form_page(r, &f, id, NULL);
}

/* The names of the columns a save changed, for the history item. */
static const char *changes(crm_req *r, const crm_rows *old, const contact_form *f)
{
	crm_pool *p = crm_req_pool(r);
	const contact_in *c = &f->c;
	const crm_change cols[] = {
		{"first_name", crm_trim(p, c->first_name)}, {"last_name", crm_trim(p, c->last_name)},
		{"name", contact_display_name(p, c)}, {"job_title", crm_trim(p, c->job_title)},
		{"currency", c->currency}, {"description", c->description ? c->description : ""},
		{"visibility", c->visibility}, {"type_id", crm_id_text(r, c->type_id)},
		{"temperature_id", crm_id_text(r, c->temperature_id)}, {"company_id", crm_id_text(r, c->company_id)},
		{"owner_id", crm_id_text(r, f->owner)},
	};
	return crm_changed_labels(r, old, "contacts.col.", cols, CRM_LEN(cols));
}

int contacts_save(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	int64_t id = crm_req_arg_id(r, "id");
	int rc;
	crm_rows *row = contact_found(r, id, CRM_WRITE, &rc);
	if (!row)
		return rc;
	contact_form f;
	rc = read_form(r, &f, crm_rows_by(row, 0, "kind"), errors_node(r));
	if (rc < 0)
		return rc;
	/* A company cannot belong to itself. */
	if (f.c.company_id == id)
		add_error(&f, "company", "contacts.company_invalid");
	if (f.n_errors)
		return form_page(r, &f, id, NULL);
	int64_t into = crm_id(crm_req_form(r, "merge_into"));
	if (into && into != id)
		return crm_redirect(r, crm_psprintf(p, "/contacts/%lld/merge?into=%lld", (long long)id, (long long)into));
	if (!crm_req_form(r, "dup_ok")) {
		crm_rows *dups = contact_duplicates(r, &f.c, id);
		if (!dups)
			return CRM_EDB;
		if (dups->n_rows)
			return form_page(r, &f, id, dups);
	}
	const contact_in *c = &f.c;
	bool person = !strcmp(c->kind, "person");
	if (crm_db_begin(r) < 0)
		return CRM_EDB;
	if (crm_db_exec(r, "UPDATE contact SET first_name = ?, last_name = ?, name = ?, company_id = NULLIF(?, 0), "
			   "job_title = ?, type_id = NULLIF(?, 0), temperature_id = NULLIF(?, 0), currency = ?, "
			   "description = ?, owner_id = ?, visibility = ? WHERE id = ?",
			"sssisiissisi", person ? crm_trim(p, c->first_name) : "", person ? crm_trim(p, c->last_name) : "",
			contact_display_name(p, c), person ? c->company_id : 0, crm_trim(p, c->job_title), c->type_id,
			c->temperature_id, *c->currency ? c->currency : contact_default_currency(r),
			c->description && *c->description ? c->description : NULL, f.owner,
			*c->visibility ? c->visibility : CRM_VIS_PRIVATE, id) < 0)
		return CRM_EDB;
	if (crm_db_exec(r, "DELETE FROM contact_email WHERE contact_id = ?", "i", id) < 0 ||
	    crm_db_exec(r, "DELETE FROM contact_phone WHERE contact_id = ?", "i", id) < 0 ||
	    crm_db_exec(r, "DELETE FROM contact_link WHERE contact_id = ?", "i", id) < 0 ||
	    crm_db_exec(r, "DELETE FROM contact_address WHERE contact_id = ?", "i", id) < 0 ||
	    contact_insert_items(r, id, c, NULL) < 0 || save_managers(r, id, &f) < 0)
		return CRM_EDB;
	rc = save_extras(r, id, &f);
	if (rc)
		return rc < 0 ? rc : form_page(r, &f, id, NULL);
	const char *what = changes(r, row, &f);
	if (!*what)
		what = crm_t(r, "contacts.col.details");
	if (contact_history(r, id, "changed", what) < 0 || crm_db_commit(r) < 0)
		return CRM_EDB;
	crm_flash(r, "ok", "core.saved");
	return crm_redirect(r, crm_psprintf(p, "/contacts/%lld", (long long)id));
}
