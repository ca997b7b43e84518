/* The product form: new and edit, "save and create new", per-field errors that keep
 * what was typed; the SKU stays unique even when two saves race. */
#include <stdlib.h>
#include <string.h>
#include "products.h"

/* The form as posted or as stored, with a message per field that is wrong (an i18n
 * key, or a text already translated). */
typedef struct product_form {
	const char *kind, *name, *sku, *unit, *price, *currency, *tax, *description;
	bool active;
	const char *price_db; /* the price as stored (minor units of the currency), once it reads */
	const char *e_kind, *e_name, *e_sku, *e_unit, *e_price, *e_currency, *e_tax, *e_description;
	int n_errors;         /* with the tags' and custom fields' */
} product_form;

static void bad(product_form *f, const char **slot, const char *key)
{
	if (!*slot)
		f->n_errors++;
	*slot = key;
}

/* Whether another product holds sku: its name, or NULL; *rc negative on a DB error. */
static const char *sku_owner(crm_req *r, const char *sku, int64_t except, int *rc)
{
	crm_rows *rows = crm_db_query(r, "SELECT name FROM product WHERE sku = ? AND id <> ?", "si", sku, except);
	*rc = rows ? 0 : CRM_EDB;
	return rows && rows->n_rows ? crm_rows_get(rows, 0, 0) : NULL;
}

static const char *sku_taken(crm_req *r, const char *other)
{
	return crm_psprintf(crm_req_pool(r), "%s «%s»", crm_t(r, "products.sku_taken"), other);
}

/* Read and check the posted form; id is the product being edited (0: a new one). */
static int read_form(crm_req *r, product_form *f, int64_t id)
{
	crm_pool *p = crm_req_pool(r);
	memset(f, 0, sizeof *f);
	f->kind = crm_input(r, "kind");
	f->name = crm_input(r, "name");
	f->sku = crm_input(r, "sku");
	f->unit = crm_input(r, "unit");
	f->price = crm_input(r, "price");
	f->currency = crm_input(r, "currency");
	f->tax = crm_input(r, "tax");
	f->description = crm_req_form(r, "description");
	f->description = f->description ? f->description : "";
	f->active = *crm_input(r, "active") != 0;
	if (!product_listed(product_kinds, f->kind))
		bad(f, &f->e_kind, "products.kind_invalid");
	if (!*f->name)
		bad(f, &f->e_name, "products.name_required");
	else if (crm_utf8_chars(f->name) > PRODUCT_NAME_MAX || !crm_one_line(f->name))
		bad(f, &f->e_name, "products.name_too_long");
	if (crm_utf8_chars(f->sku) > PRODUCT_SKU_MAX || !crm_one_line(f->sku))
		bad(f, &f->e_sku, "products.sku_invalid");
	if (crm_utf8_chars(f->unit) > PRODUCT_UNIT_MAX || !crm_one_line(f->unit))
		bad(f, &f->e_unit, "products.unit_invalid");
	if (!crm_currency_known(f->currency))
		bad(f, &f->e_currency, "products.currency_invalid");
	/* The price in the currency it is typed for: yen have no minor digits. */
	int64_t minor;
	const char *money_err;
	if (!*f->price)
		bad(f, &f->e_price, "products.price_required");
	else if (crm_money_parse(f->price, f->currency, 0, &minor, &money_err) < 0)
		bad(f, &f->e_price, money_err);
	else
		f->price_db = crm_psprintf(p, "%lld", (long long)minor);
	if (!product_listed(product_taxes, f->tax))
		bad(f, &f->e_tax, "products.tax_invalid");
	if (crm_utf8_chars(f->description) > PRODUCT_DESCRIPTION_MAX || strlen(f->description) > 65535)
		bad(f, &f->e_description, "products.description_too_long");
	if (*f->sku && !f->e_sku) {
		int rc;
		const char *other = sku_owner(r, f->sku, id, &rc);
		if (rc < 0)
			return rc;
		if (other)
			bad(f, &f->e_sku, sku_taken(r, other));
	}
	const char *tag_err = NULL;
	if (crm_tags_check(r, crm_input(r, "tags"), &tag_err) < 0)
		f->n_errors++; /* the tags' input shows its own message */
	int n = crm_fields_check(r, "product", NULL);
	if (n < 0)
		return n;
	f->n_errors += n;
	return 0;
}

/* ===== rendering ===== */

static xmlNodePtr field(xmlNodePtr form, const char *name, const char *label, const char *type,
			const char *value, const char *error)
{
	xmlNodePtr x = crm_form_field(form, name, label, type, value);
	crm_xml_attr(x, "error", error);
	return x;
}

static void options(crm_req *r, xmlNodePtr sel, const char *const *values, const char *prefix)
{
	for (const char *const *v = values; *v; v++) {
		const char *label = prefix ? crm_psprintf(crm_req_pool(r), "%s%s", prefix, *v) : *v;
		crm_xml_attr(crm_xml_add(sel, "option", label), "value", *v);
	}
}

static int form_page(crm_req *r, const product_form *f, int64_t id, const char *name)
{
	crm_pool *p = crm_req_pool(r);
	xmlNodePtr c = crm_page(r, id ? "products.edit" : "products.new", id ? "products.edit_title" : "products.new_title");
	xmlNodePtr info = crm_xml_add(c, "product", NULL);
	if (id) {
		crm_xml_attr_int(info, "id", id);
		crm_xml_attr(info, "name", name);
	}
	xmlNodePtr form = crm_form(c, id ? crm_psprintf(p, "/products/%lld/edit", (long long)id) : "/products/new");
	crm_xml_attr(form, "class", "product-form");
	crm_xml_attr(form, "id", "product");
	xmlNodePtr x = field(form, "kind", "products.kind", "select", f->kind, f->e_kind);
	options(r, x, product_kinds, "products.kind.");
	x = field(form, "name", "products.name", "text", f->name, f->e_name);
	crm_xml_attr(x, "required", "1");
	crm_xml_attr_int(x, "maxlength", PRODUCT_NAME_MAX);
	crm_xml_attr(x, "autofocus", "1");
	x = field(form, "sku", "products.sku", "text", f->sku, f->e_sku);
	crm_xml_attr_int(x, "maxlength", PRODUCT_SKU_MAX);
	crm_xml_attr(x, "hint", "products.sku_hint");
	x = field(form, "unit", "products.unit", "text", f->unit, f->e_unit);
	crm_xml_attr_int(x, "maxlength", PRODUCT_UNIT_MAX);
	crm_xml_attr(x, "hint", "products.unit_hint");
	/* Suggestions the browser offers while the field stays free text. */
	xmlNodePtr units = crm_xml_add(x, "suggest", NULL);
	for (const char *const *k = product_unit_keys; *k; k++)
		crm_xml_add(units, "option", crm_t(r, *k));
	x = field(form, "price", "products.price", "text", f->price, f->e_price);
	crm_xml_attr(x, "required", "1");
	crm_xml_attr(x, "inputmode", "decimal");
	crm_xml_attr(x, "maxlength", "24");
	crm_xml_attr(x, "hint", "products.price_hint");
	x = field(form, "currency", "products.currency", "select", f->currency, f->e_currency);
	options(r, x, crm_currencies, NULL);
	x = field(form, "tax", "products.tax", "select", f->tax, f->e_tax);
	options(r, x, product_taxes, "products.tax.");
	x = field(form, "active", "products.active", "checkbox", NULL, NULL);
	if (f->active)
		crm_xml_attr(x, "checked", "1");
	crm_xml_attr(x, "hint", "products.active_hint");
	x = field(form, "description", "products.description", "textarea", f->description, f->e_description);
	if (!crm_tags_xml(r, "product", id, form) || !crm_fields_xml(r, "product", id, form))
		return CRM_EDB;
	crm_form_save_buttons(form, !id, "products.save_and_new",
			      id ? crm_psprintf(p, "/products/%lld", (long long)id) : "/products");
	if (f->n_errors) {
		crm_status(r, 422);
		crm_xml_attr(form, "error", "core.form_errors");
	}
	return 0;
}

int products_new(crm_req *r)
{
	const char *kind = crm_req_query(r, "kind");
	product_form f = {
		.kind = kind && !strcmp(kind, "service") ? "service" : "product",
		.currency = crm_currency_default(r),
		.tax = "none",
		.active = true,
	};
	return form_page(r, &f, 0, NULL);
}

int products_create(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	product_form f;
	int rc = read_form(r, &f, 0);
	if (rc < 0)
		return rc;
	if (f.n_errors)
		return form_page(r, &f, 0, NULL);
	if (crm_db_begin(r) < 0)
		return CRM_EDB;
	/* IGNORE: a product saved meanwhile with the same SKU leaves this row out. */
	int64_t n = crm_db_exec(r, "INSERT IGNORE INTO product (kind, name, sku, unit, price, currency, tax, description, "
				   "active, owner_id, visibility) VALUES (?, ?, NULLIF(?, ''), ?, ?, ?, ?, NULLIF(?, ''), ?, ?, ?)",
				"ssssssssiis", f.kind, f.name, f.sku, f.unit, f.price_db, f.currency, f.tax, f.description,
				(int64_t)f.active, crm_req_user(r), CRM_VIS_PUBLIC_READ);
	if (n < 0)
		return CRM_EDB;
	if (n == 0) {
		crm_db_rollback(r);
		const char *other = sku_owner(r, f.sku, 0, &rc);
		if (rc < 0)
			return rc;
		bad(&f, &f.e_sku, other ? sku_taken(r, other) : "products.sku_invalid");
		return form_page(r, &f, 0, NULL);
	}
	int64_t id = crm_db_last_id(r);
	if (crm_tags_set(r, "product", id, crm_input(r, "tags")) < 0 || crm_fields_save(r, "product", id) < 0 ||
	    crm_history_add(r, "product", id, "created", f.name, NULL) < 0 || crm_db_commit(r) < 0)
		return CRM_EDB;
	return crm_form_created(r, "products.created_ok", crm_psprintf(p, "/products/new?kind=%s", f.kind),
				crm_psprintf(p, "/products/%lld", (long long)id));
}

int products_edit(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	int rc;
	crm_rows *row = product_found(r, id, &rc);
	if (!row)
		return rc;
	const char *sku = crm_rows_by(row, 0, "sku"), *desc = crm_rows_by(row, 0, "description");
	product_form f = {
		.kind = crm_rows_by(row, 0, "kind"),
		.name = crm_rows_by(row, 0, "name"),
		.sku = sku ? sku : "",
		.unit = crm_rows_by(row, 0, "unit"),
		.price = crm_money_plain(crm_req_pool(r), strtoll(crm_rows_by(row, 0, "price"), NULL, 10),
					 crm_rows_by(row, 0, "currency")),
		.currency = crm_rows_by(row, 0, "currency"),
		.tax = crm_rows_by(row, 0, "tax"),
		.description = desc ? desc : "",
		.active = !strcmp(crm_rows_by(row, 0, "active"), "1"),
	};
	return form_page(r, &f, id, f.name);
}

/* The names of the fields a save changed, for the history item. */
static const char *changes(crm_req *r, const crm_rows *old, const product_form *f)
{
	const crm_change cols[] = {
		{"kind", f->kind}, {"name", f->name}, {"sku", f->sku}, {"unit", f->unit}, {"price", f->price_db},
		{"currency", f->currency}, {"tax", f->tax}, {"description", f->description},
		{"active", f->active ? "1" : "0"},
	};
	const char *out = crm_changed_labels(r, old, "products.", cols, CRM_LEN(cols));
	return *out ? out : crm_t(r, "products.details");
}

int products_save(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	int64_t id = crm_req_arg_id(r, "id");
	int rc;
	crm_rows *row = product_found(r, id, &rc);
	if (!row)
		return rc;
	const char *name = crm_rows_by(row, 0, "name");
	product_form f;
	rc = read_form(r, &f, id);
	if (rc < 0)
		return rc;
	if (f.n_errors)
		return form_page(r, &f, id, name);
	if (crm_db_begin(r) < 0)
		return CRM_EDB;
	int64_t n = crm_db_exec(r, "UPDATE IGNORE product SET kind = ?, name = ?, sku = NULLIF(?, ''), unit = ?, price = ?, "
				   "currency = ?, tax = ?, description = NULLIF(?, ''), active = ? WHERE id = ?",
				"ssssssssii", f.kind, f.name, f.sku, f.unit, f.price_db, f.currency, f.tax, f.description,
				(int64_t)f.active, id);
	if (n < 0)
		return CRM_EDB;
	if (n == 0 && *f.sku) {
		/* Nothing changed, or a product saved meanwhile took the SKU: IGNORE left the row. */
		const char *other = sku_owner(r, f.sku, id, &rc);
		if (rc < 0)
			return rc;
		if (other) {
			crm_db_rollback(r);
			bad(&f, &f.e_sku, sku_taken(r, other));
			return form_page(r, &f, id, name);
		}
	}
	if (crm_tags_set(r, "product", id, crm_input(r, "tags")) < 0 || crm_fields_save(r, "product", id) < 0 ||
	    crm_history_add(r, "product", id, "changed", changes(r, row, &f), NULL) < 0 || crm_db_commit(r) < 0)
		return CRM_EDB;
	crm_flash(r, "ok", "core.saved");
	return crm_redirect(r, crm_psprintf(p, "/products/%lld", (long long)id));
}
