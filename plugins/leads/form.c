/* The lead form: new and edit, "save and create new", per-field errors that keep what
 * was typed; the contact and company typed by name and resolved with crm_pick (a
 * select of candidates when several match); the status change goes through lead_move. */
#include <stdlib.h>
#include <string.h>
#include "leads.h"

/* The form as posted or as stored. */
typedef struct lead_form {
	const char *name, *phone, *email, *description, *budget_typed, *currency, *visibility, *tags;
	const char *contact_typed, *company_typed;
	int64_t funnel_id, status_id, reason_id, contact_id, company_id, product_id, source_id, owner;
	int64_t budget;
	bool has_budget;
	int64_t *managers;
	size_t n_managers;
	bool contacts_on;           /* the contact fields are offered */
	xmlNodePtr contact_opts;    /* candidates crm_pick found, under a detached <field> */
	xmlNodePtr company_opts;
	xmlNodePtr errors;          /* <error field="..">key</error> */
	int n_errors;
} lead_form;

static void free_node(void *n)
{
	xmlFreeNode(n);
}

static xmlNodePtr detached(crm_req *r, const char *name)
{
	xmlNodePtr e = xmlNewNode(NULL, BAD_CAST name);
	crm_pool_cleanup(crm_req_pool(r), free_node, e);
	return e;
}

static void add_error(lead_form *f, const char *field, const char *key)
{
	crm_form_error(f->errors, field, key);
	f->n_errors++;
}

static const char *error_for(const lead_form *f, const char *field)
{
	return crm_form_error_of(f->errors, field);
}

static bool listed(const char *const *list, const char *s)
{
	for (; s && *list; list++)
		if (!strcmp(*list, s))
			return true;
	return false;
}

/* Resolve a contact field: the candidate chosen (NAME_id) wins, then the contact the
 * lead had when its name is unchanged, then crm_pick on what was typed. */
static int resolve(crm_req *r, lead_form *f, const char *name, const char *typed, int64_t current,
		   int64_t *out, xmlNodePtr opts)
{
	crm_pool *p = crm_req_pool(r);
	int64_t chosen = crm_id(crm_input(r, crm_psprintf(p, "%s_id", name)));
	*out = 0;
	if (chosen) {
		*out = chosen;
		return 0;
	}
	if (!*typed)
		return 0;
	if (current) {
		lead_contact *c;
		size_t n;
		lead_contacts(r, &current, 1, &c, &n);
		if (n && !strcmp(c[0].name, typed)) {
			*out = current;
			return 0;
		}
	}
	int64_t id = crm_pick(r, "contact", typed, opts);
	if (id == CRM_ECONFLICT)
		add_error(f, name, "core.pick_several");
	else if (id == 0)
		add_error(f, name, "leads.contact_not_found");
	else if (id < 0)
		return (int)id;
	else
		*out = id;
	return 0;
}

/* Check the picked contact and company: readable, a person and a company; a contact's
 * company fills an empty company field. */
static void check_contacts(crm_req *r, lead_form *f)
{
	int64_t ids[2] = {f->contact_id, f->company_id};
	lead_contact *all;
	size_t n;
	lead_contacts(r, ids, 2, &all, &n);
	const lead_contact *c = lead_contact_of(all, n, f->contact_id), *co = lead_contact_of(all, n, f->company_id);
	if (f->contact_id && !c)
		add_error(f, "contact", "leads.contact_not_found");
	else if (c && strcmp(c->kind, "person"))
		add_error(f, "contact", "leads.contact_not_person");
	if (f->company_id && !co)
		add_error(f, "company", "leads.contact_not_found");
	else if (co && strcmp(co->kind, "company"))
		add_error(f, "company", "leads.company_not_company");
	if (c && !f->company_id && !*f->company_typed && c->company_id)
		f->company_id = c->company_id;
	if (c)
		f->contact_typed = c->name;
	if (co)
		f->company_typed = co->name;
}

/* Read the posted form; stored is the lead being edited (NULL for a new one). */
static int read_form(crm_req *r, lead_form *f, const crm_rows *stored)
{
	crm_pool *p = crm_req_pool(r);
	memset(f, 0, sizeof *f);
	f->errors = detached(r, "errors");
	f->contact_opts = detached(r, "field");
	f->company_opts = detached(r, "field");
	f->name = crm_input(r, "name");
	f->phone = crm_input(r, "phone");
	f->email = crm_email_norm(p, crm_req_form(r, "email"));
	f->description = crm_req_form(r, "description");
	f->budget_typed = crm_input(r, "budget");
	f->currency = crm_input(r, "currency");
	f->visibility = crm_input(r, "visibility");
	f->tags = crm_input(r, "tags");
	f->funnel_id = crm_id(crm_input(r, "funnel_id"));
	f->status_id = crm_id(crm_input(r, "status_id"));
	f->reason_id = crm_id(crm_input(r, "reason_id"));
	f->source_id = crm_id(crm_input(r, "source_id"));
	f->owner = crm_id(crm_input(r, "owner"));
	f->managers = crm_input_ids(r, "manager", LEADS_MAX_USERS, &f->n_managers);
	if (!*f->name)
		add_error(f, "name", "leads.name_required");
	else if (crm_utf8_chars(f->name) > 255 || !crm_one_line(f->name))
		add_error(f, "name", "leads.too_long_255");
	if (*f->phone && !crm_phone_ok(f->phone))
		add_error(f, "phone", "leads.phone_invalid");
	if (*f->email && !crm_email_ok(f->email))
		add_error(f, "email", "leads.email_invalid");
	if (f->description && crm_utf8_chars(f->description) > 10000)
		add_error(f, "description", "leads.too_long_10000");
	if (!*f->currency)
		f->currency = crm_currency_default(r);
	else if (!crm_currency_known(f->currency))
		add_error(f, "currency", "leads.currency_invalid");
	/* The budget in the currency it is typed for: yen have no minor digits. */
	if (*f->budget_typed) {
		const char *err;
		if (crm_money_parse(f->budget_typed, f->currency, 0, &f->budget, &err) < 0)
			add_error(f, "budget", err);
		else
			f->has_budget = true;
	}
	if (!*f->visibility)
		f->visibility = CRM_VIS_PRIVATE;
	else if (!listed(lead_visibilities, f->visibility))
		add_error(f, "visibility", "leads.visibility_invalid");
	const char *tag_err = NULL;
	if (crm_tags_check(r, f->tags, &tag_err) < 0)
		add_error(f, "tags", tag_err ? tag_err : "leads.tags_invalid");

	/* Funnel and status: a lead always lives in a funnel; an empty status is the
	 * funnel's first. */
	crm_rows *fs = crm_db_query(r, "SELECT (SELECT COUNT(*) FROM lead_funnel WHERE id = ?), "
				       "(SELECT kind FROM lead_status WHERE id = ? AND funnel_id = ?), "
				       "(SELECT COUNT(*) FROM lead_source WHERE id = ?), "
				       "(SELECT COUNT(*) FROM crm_user WHERE id = ? AND active = 1)",
				    "iiiii", f->funnel_id, f->status_id, f->funnel_id, f->source_id, f->owner);
	if (!fs)
		return CRM_EDB;
	if (!f->funnel_id || strcmp(crm_rows_get(fs, 0, 0), "1")) {
		add_error(f, "funnel_id", "leads.funnel_required");
	} else if (!f->status_id) {
		f->status_id = lead_first_status(r, f->funnel_id);
	} else {
		const char *kind = crm_rows_get(fs, 0, 1);
		if (!kind)
			add_error(f, "status_id", "leads.status_other_funnel");
		else if (!strcmp(kind, "disqualified") && !f->reason_id)
			add_error(f, "reason_id", "leads.reason_required");
	}
	if (f->source_id && strcmp(crm_rows_get(fs, 0, 2), "1"))
		add_error(f, "source_id", "leads.source_invalid");
	if (f->owner && strcmp(crm_rows_get(fs, 0, 3), "1"))
		add_error(f, "owner", "leads.owner_invalid");
	if (!f->owner)
		f->owner = stored ? crm_id(crm_rows_by(stored, 0, "owner_id")) : crm_req_user(r);

	/* Contact and company: absent fields (the contacts plugin off) keep what was stored. */
	f->contacts_on = leads_plugin_on(r, "contacts");
	const char *ct = crm_req_form(r, "contact"), *co = crm_req_form(r, "company");
	int64_t cur_contact = stored ? crm_id(crm_rows_by(stored, 0, "contact_id")) : 0;
	int64_t cur_company = stored ? crm_id(crm_rows_by(stored, 0, "company_id")) : 0;
	f->contact_typed = crm_trim(p, ct);
	f->company_typed = crm_trim(p, co);
	if (ct && f->contacts_on) {
		int rc = resolve(r, f, "contact", f->contact_typed, cur_contact, &f->contact_id, f->contact_opts);
		if (rc < 0)
			return rc;
	} else {
		f->contact_id = cur_contact;
	}
	if (co && f->contacts_on) {
		int rc = resolve(r, f, "company", f->company_typed, cur_company, &f->company_id, f->company_opts);
		if (rc < 0)
			return rc;
	} else {
		f->company_id = cur_company;
	}
	if (!error_for(f, "contact") && !error_for(f, "company") && (f->contact_id || f->company_id))
		check_contacts(r, f);

	/* The product: one of those the catalog offers, or the one stored. */
	const char *pid = crm_req_form(r, "product_id");
	int64_t cur_product = stored ? crm_id(crm_rows_by(stored, 0, "product_id")) : 0;
	f->product_id = pid ? crm_id(pid) : cur_product;
	if (f->product_id && f->product_id != cur_product) {
		crm_rows *products = lead_products(r);
		bool ok = false;
		for (size_t i = 0; products && i < products->n_rows && !ok; i++)
			ok = crm_id(crm_rows_get(products, i, 0)) == f->product_id;
		if (!ok)
			add_error(f, "product_id", "leads.product_invalid");
	}
	int n = crm_fields_check(r, "lead", f->errors);
	if (n < 0)
		return n;
	f->n_errors += n;
	return 0;
}

/* The form as stored, for the edit page. */
static int stored_form(crm_req *r, const crm_rows *row, lead_form *f)
{
	memset(f, 0, sizeof *f);
	f->errors = NULL;
	int64_t id = crm_id(crm_rows_by(row, 0, "id"));
	f->name = crm_rows_by(row, 0, "name");
	f->phone = crm_rows_by(row, 0, "phone");
	f->email = crm_rows_by(row, 0, "email");
	f->description = crm_rows_by(row, 0, "description");
	f->currency = crm_rows_by(row, 0, "currency");
	f->visibility = crm_rows_by(row, 0, "visibility");
	f->funnel_id = crm_id(crm_rows_by(row, 0, "funnel_id"));
	f->status_id = crm_id(crm_rows_by(row, 0, "status_id"));
	f->reason_id = crm_id(crm_rows_by(row, 0, "reason_id"));
	f->contact_id = crm_id(crm_rows_by(row, 0, "contact_id"));
	f->company_id = crm_id(crm_rows_by(row, 0, "company_id"));
	f->product_id = crm_id(crm_rows_by(row, 0, "product_id"));
	f->source_id = crm_id(crm_rows_by(row, 0, "source_id"));
	f->owner = crm_id(crm_rows_by(row, 0, "owner_id"));
	f->contacts_on = leads_plugin_on(r, "contacts");
	const char *budget = crm_rows_by(row, 0, "budget");
	f->budget_typed = budget ? crm_money_plain(crm_req_pool(r), strtoll(budget, NULL, 10), f->currency) : "";
	int64_t ids[2] = {f->contact_id, f->company_id};
	lead_contact *all;
	size_t n;
	lead_contacts(r, ids, 2, &all, &n);
	const lead_contact *c = lead_contact_of(all, n, f->contact_id), *co = lead_contact_of(all, n, f->company_id);
	f->contact_typed = c ? c->name : "";
	f->company_typed = co ? co->name : "";
	f->managers = crm_record_users(r, "lead", id, "manager", &f->n_managers);
	return f->managers ? 0 : CRM_EDB;
}

/* ===== rendering ===== */

static xmlNodePtr field(xmlNodePtr parent, const lead_form *f, const char *name, const char *label,
			const char *type, const char *value)
{
	xmlNodePtr x = crm_form_field(parent, name, label, type, value);
	crm_xml_attr(x, "error", error_for(f, name));
	return x;
}


/* rows (id, name) as options; seeded names translated. */
static void options(crm_req *r, xmlNodePtr sel, const crm_rows *rows, const char *none)
{
	if (none)
		crm_form_option(sel, "", none);
	for (size_t i = 0; rows && i < rows->n_rows; i++)
		crm_form_option(sel, crm_rows_get(rows, i, 0), lead_label(r, crm_rows_get(rows, i, 1)));
}

static void copy_options(xmlNodePtr to, xmlNodePtr from)
{
	for (xmlNodePtr o = from ? from->children : NULL; o; o = o->next)
		xmlAddChild(to, xmlDocCopyNode(o, to->doc, 1));
}

static int form_page(crm_req *r, const lead_form *f, int64_t id)
{
	crm_pool *p = crm_req_pool(r);
	crm_rows *statuses = lead_statuses(r);
	crm_rows *sources = crm_db_query(r, "SELECT id, name FROM lead_source ORDER BY position, id", "");
	crm_rows *reasons = crm_db_query(r, "SELECT id, name FROM lead_reason ORDER BY position, id", "");
	crm_rows *users = crm_users_active(r);
	if (!statuses || !sources || !reasons || !users)
		return CRM_EDB;
	crm_rows *products = lead_products(r);
	xmlNodePtr c = crm_page(r, id ? "leads.edit" : "leads.new", id ? "leads.edit_title" : "leads.new_title");
	xmlNodePtr info = crm_xml_add(c, "lead", NULL);
	if (id) {
		crm_xml_attr_int(info, "id", id);
		crm_xml_attr(info, "name", f->name);
	}
	xmlNodePtr form = crm_form(c, id ? crm_psprintf(p, "/leads/%lld/edit", (long long)id) : "/leads/new");
	crm_xml_attr(form, "class", "lead-form");
	crm_xml_attr(form, "id", "lead");
	xmlNodePtr x = field(form, f, "name", "leads.name", "text", f->name);
	crm_xml_attr(x, "required", "1");
	crm_xml_attr(x, "maxlength", "255");
	crm_xml_attr(x, "autofocus", "1");
	crm_xml_attr(x, "hint", "leads.name_hint");
	/* The funnel, and its status (every funnel's, named with it). */
	x = field(form, f, "funnel_id", "leads.funnel", "select", lead_id_text(r, f->funnel_id));
	crm_xml_attr(x, "required", "1");
	xmlNodePtr st = field(form, f, "status_id", "leads.status", "select", lead_id_text(r, f->status_id));
	crm_form_option(st, "", "leads.first_status");
	int64_t last_funnel = 0;
	for (size_t i = 0; i < statuses->n_rows; i++) {
		int64_t fid = crm_id(crm_rows_get(statuses, i, 0));
		const char *fname = lead_label(r, crm_rows_get(statuses, i, 1));
		if (fid != last_funnel)
			crm_form_option(x, crm_rows_get(statuses, i, 0), fname);
		last_funnel = fid;
		crm_form_option(st, crm_rows_get(statuses, i, 2),
		       crm_psprintf(p, "%s · %s", fname, lead_label(r, crm_rows_get(statuses, i, 3))));
	}
	x = field(form, f, "reason_id", "leads.reason", "select", lead_id_text(r, f->reason_id));
	crm_xml_attr(x, "hint", "leads.reason_hint");
	options(r, x, reasons, "leads.none_option");
	if (f->contacts_on) {
		x = field(form, f, "contact", "leads.contact", "text", f->contact_typed);
		crm_xml_attr(x, "maxlength", "255");
		crm_xml_attr(x, "hint", "leads.contact_hint");
		copy_options(x, f->contact_opts);
		x = field(form, f, "company", "leads.company", "text", f->company_typed);
		crm_xml_attr(x, "maxlength", "255");
		crm_xml_attr(x, "hint", "leads.company_hint");
		copy_options(x, f->company_opts);
	}
	x = field(form, f, "phone", "leads.phone", "tel", f->phone);
	crm_xml_attr(x, "maxlength", "64");
	x = field(form, f, "email", "leads.email", "email", f->email);
	crm_xml_attr(x, "maxlength", "254");
	if (products) {
		x = field(form, f, "product_id", "leads.product", "select", lead_id_text(r, f->product_id));
		options(r, x, products, "leads.none_option");
	}
	x = field(form, f, "source_id", "leads.source", "select", lead_id_text(r, f->source_id));
	options(r, x, sources, "leads.none_option");
	x = field(form, f, "budget", "leads.budget", "text", f->budget_typed);
	crm_xml_attr(x, "inputmode", "decimal");
	crm_xml_attr(x, "maxlength", "24");
	x = field(form, f, "currency", "leads.currency", "select", f->currency && *f->currency ? f->currency : crm_currency_default(r));
	for (const char *const *cur = crm_currencies; *cur; cur++)
		crm_form_option(x, *cur, *cur);
	x = field(form, f, "description", "leads.description", "textarea", f->description);
	x = crm_tags_xml(r, "lead", id, form);
	if (x)
		crm_xml_attr(x, "error", error_for(f, "tags"));
	crm_fields_xml(r, "lead", id, form);
	x = field(form, f, "owner", "leads.owner", "select", lead_id_text(r, f->owner ? f->owner : crm_req_user(r)));
	options(r, x, users, NULL);
	crm_form_users(form, "managers", users, f->managers, f->n_managers, 0);
	x = field(form, f, "visibility", "leads.visibility", "select", f->visibility && *f->visibility ? f->visibility : CRM_VIS_PRIVATE);
	for (const char *const *v = lead_visibilities; *v; v++)
		crm_form_option(x, *v, crm_psprintf(p, "leads.vis.%s", *v));
	crm_form_save_buttons(form, !id, "leads.save_and_new", id ? crm_psprintf(p, "/leads/%lld", (long long)id) : "/leads");
	if (f->n_errors) {
		crm_status(r, 422);
		crm_xml_attr(form, "error", "core.form_errors");
	}
	return 0;
}

int leads_new(crm_req *r)
{
	lead_form f = {0};
	f.visibility = CRM_VIS_PRIVATE;
	f.owner = crm_req_user(r);
	f.contacts_on = leads_plugin_on(r, "contacts");
	f.funnel_id = crm_id(crm_req_query(r, "funnel"));
	if (!f.funnel_id)
		f.funnel_id = lead_first_funnel(r);
	f.status_id = crm_id(crm_req_query(r, "status"));
	/* "New lead" from a contact's card: the contact (and its company) filled in. */
	int64_t contact = crm_id(crm_req_query(r, "contact"));
	if (contact && f.contacts_on) {
		lead_contact *all;
		size_t n;
		lead_contacts(r, &contact, 1, &all, &n);
		if (n && !strcmp(all[0].kind, "person")) {
			f.contact_typed = all[0].name;
			f.company_typed = all[0].company;
		} else if (n) {
			f.company_typed = all[0].name;
		}
	}
	return form_page(r, &f, 0);
}

/* Managers other than the owner; the people newly listed are notified. */
static int save_managers(crm_req *r, int64_t id, const lead_form *f)
{
	int64_t *ids = crm_palloc(crm_req_pool(r), (f->n_managers + 1) * sizeof *ids);
	size_t n = 0;
	for (size_t i = 0; i < f->n_managers; i++)
		if (f->managers[i] != f->owner)
			ids[n++] = f->managers[i];
	return crm_access_set_users(r, "lead", id, "manager", ids, n, "leads.made_manager");
}

static const char *e164(crm_req *r, const char *phone)
{
	return *phone ? crm_phone_e164(r, phone, NULL) : NULL;
}

/* Tags, custom fields and managers, after the lead row exists. */
static int save_extras(crm_req *r, int64_t id, const lead_form *f)
{
	if (crm_tags_set(r, "lead", id, f->tags) < 0 || crm_fields_save(r, "lead", id) < 0 || save_managers(r, id, f) < 0)
		return CRM_EDB;
	return 0;
}

/* Whether status_id is a final one (moves there go through lead_move). */
static int status_kind(crm_req *r, int64_t status_id, const char **kind)
{
	crm_rows *k = crm_db_query(r, "SELECT kind FROM lead_status WHERE id = ?", "i", status_id);
	if (!k)
		return CRM_EDB;
	*kind = k->n_rows ? crm_rows_get(k, 0, 0) : "open";
	return 0;
}

int leads_create(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	lead_form f;
	int rc = read_form(r, &f, NULL);
	if (rc < 0)
		return rc;
	if (f.n_errors)
		return form_page(r, &f, 0);
	const char *kind;
	if (status_kind(r, f.status_id, &kind) < 0)
		return CRM_EDB;
	bool final = strcmp(kind, "open");
	int64_t first = final ? lead_first_status(r, f.funnel_id) : f.status_id;
	if (!first) {
		add_error(&f, "status_id", "leads.status_other_funnel");
		return form_page(r, &f, 0);
	}
	if (crm_db_begin(r) < 0)
		return CRM_EDB;
	if (crm_db_exec(r, "INSERT INTO lead (name, funnel_id, status_id, contact_id, company_id, phone, phone_e164, "
			   "email, product_id, source_id, budget, currency, description, owner_id, visibility) "
			   "VALUES (?, ?, ?, NULLIF(?, 0), NULLIF(?, 0), ?, ?, ?, NULLIF(?, 0), NULLIF(?, 0), ?, ?, ?, ?, ?)",
			"siiiisssiisssis", f.name, f.funnel_id, first, f.contact_id, f.company_id, f.phone, e164(r, f.phone),
			f.email, f.product_id, f.source_id, f.has_budget ? crm_psprintf(p, "%lld", (long long)f.budget) : NULL, f.currency,
			f.description && *f.description ? f.description : NULL, f.owner, f.visibility) < 0)
		return CRM_EDB;
	int64_t id = crm_db_last_id(r);
	if (lead_history(r, id, "created", f.name) < 0 || save_extras(r, id, &f) < 0)
		return CRM_EDB;
	lead_moved m = {0};
	if (final) {
		const char *err = NULL;
		crm_rows *row = lead_load(r, id, CRM_READ, &rc);
		if (!row)
			return CRM_EDB;
		rc = lead_move(r, row, f.status_id, 0, f.reason_id, &m, &err);
		if (rc == CRM_EINVAL || rc == CRM_EVETO) {
			crm_db_rollback(r);
			add_error(&f, "status_id", err ? err : "leads.status_invalid");
			return form_page(r, &f, 0);
		}
		if (rc < 0)
			return rc;
	}
	if (crm_db_commit(r) < 0)
		return CRM_EDB;
	if (m.qualified)
		return lead_moved_answer(r, id, &m);
	return crm_form_created(r, "leads.created_ok", crm_psprintf(p, "/leads/new?funnel=%lld", (long long)f.funnel_id),
				crm_psprintf(p, "/leads/%lld", (long long)id));
}

int leads_edit(crm_req *r)
{
	int rc;
	crm_rows *row = lead_found(r, crm_req_arg_id(r, "id"), CRM_WRITE, &rc);
	if (!row)
		return rc;
	lead_form f;
	if (stored_form(r, row, &f) < 0)
		return CRM_EDB;
	return form_page(r, &f, crm_id(crm_rows_by(row, 0, "id")));
}

/* The names of the columns a save changed, for the history item. */
static const char *changes(crm_req *r, const crm_rows *old, const lead_form *f)
{
	crm_pool *p = crm_req_pool(r);
	const crm_change cols[] = {
		{"name", f->name}, {"phone", f->phone}, {"email", f->email},
		{"description", f->description ? f->description : ""}, {"currency", f->currency},
		{"visibility", f->visibility}, {"contact_id", lead_id_text(r, f->contact_id)},
		{"company_id", lead_id_text(r, f->company_id)}, {"product_id", lead_id_text(r, f->product_id)},
		{"source_id", lead_id_text(r, f->source_id)}, {"owner_id", lead_id_text(r, f->owner)},
		{"budget", f->has_budget ? crm_psprintf(p, "%lld", (long long)f->budget) : ""},
	};
	return crm_changed_labels(r, old, "leads.col.", cols, CRM_LEN(cols));
}

int leads_save(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	int64_t id = crm_req_arg_id(r, "id");
	int rc;
	crm_rows *row = lead_found(r, id, CRM_WRITE, &rc);
	if (!row)
		return rc;
	lead_form f;
	rc = read_form(r, &f, row);
	if (rc < 0)
		return rc;
	if (f.n_errors)
		return form_page(r, &f, id);
	if (crm_db_begin(r) < 0)
		return CRM_EDB;
	if (crm_db_exec(r, "UPDATE lead SET name = ?, contact_id = NULLIF(?, 0), company_id = NULLIF(?, 0), phone = ?, "
			   "phone_e164 = ?, email = ?, product_id = NULLIF(?, 0), source_id = NULLIF(?, 0), budget = ?, "
			   "currency = ?, description = ?, owner_id = ?, visibility = ? WHERE id = ?",
			"siisssiisssisi", f.name, f.contact_id, f.company_id, f.phone, e164(r, f.phone), f.email, f.product_id,
			f.source_id, f.has_budget ? crm_psprintf(p, "%lld", (long long)f.budget) : NULL, f.currency,
			f.description && *f.description ? f.description : NULL, f.owner, f.visibility, id) < 0)
		return CRM_EDB;
	if (save_extras(r, id, &f) < 0)
		return CRM_EDB;
	const char *what = changes(r, row, &f);
	if (*what && lead_history(r, id, "changed", what) < 0)
		return CRM_EDB;
	lead_moved m = {0};
	if (f.status_id != crm_id(crm_rows_by(row, 0, "status_id")) ||
	    f.funnel_id != crm_id(crm_rows_by(row, 0, "funnel_id"))) {
		const char *err = NULL;
		rc = lead_move(r, row, f.status_id, f.funnel_id, f.reason_id, &m, &err);
		if (rc == CRM_EINVAL || rc == CRM_EVETO) {
			crm_db_rollback(r);
			add_error(&f, !strcmp(err ? err : "", "leads.reason_required") ? "reason_id" : "status_id",
				  err ? err : "leads.status_invalid");
			return form_page(r, &f, id);
		}
		if (rc < 0)
			return rc;
	} else if (!strcmp(crm_rows_by(row, 0, "status_kind"), "disqualified") && f.reason_id &&
		   f.reason_id != crm_id(crm_rows_by(row, 0, "reason_id"))) {
		/* Still disqualified, for another reason. */
		crm_rows *known = crm_db_query(r, "SELECT name FROM lead_reason WHERE id = ?", "i", f.reason_id);
		if (!known)
			return CRM_EDB;
		if (known->n_rows &&
		    (crm_db_exec(r, "UPDATE lead SET reason_id = ? WHERE id = ?", "ii", f.reason_id, id) < 0 ||
		     lead_history(r, id, "changed", crm_psprintf(p, "%s: %s", crm_t(r, "leads.reason"),
								 lead_label(r, crm_rows_get(known, 0, 0)))) < 0))
			return CRM_EDB;
	}
	if (crm_db_commit(r) < 0)
		return CRM_EDB;
	if (m.qualified)
		return lead_moved_answer(r, id, &m);
	crm_flash(r, "ok", "core.saved");
	return crm_redirect(r, crm_psprintf(p, "/leads/%lld", (long long)id));
}
