/* The deal form: new and edit, "save and create next", per-field errors that keep what
 * was typed; the contact typed by name and picked through the contacts plugin, the
 * product from the products plugin's list, the stage with its probability, and access
 * restricted to chosen users, who are told. */
#include <stdlib.h>
#include <string.h>
#include "deals.h"

static const char *const visibilities[] = {CRM_VIS_PUBLIC_WRITE, CRM_VIS_PUBLIC_READ, CRM_VIS_PRIVATE,
					   CRM_VIS_RESTRICTED, NULL};

/* The form as posted or as stored; every text as typed. */
typedef struct deal_form {
	const char *name, *contact, *description, *budget, *currency, *type, *close_date;
	const char *visibility, *tags, *probability;
	int64_t contact_id, product_id, owner, stage_id;
	int64_t budget_minor;  /* the budget read, when has_budget */
	bool has_budget;
	int64_t *readers;
	size_t n_readers;
	xmlNodePtr errors;     /* <error field="..">key</error> */
	xmlNodePtr candidates; /* the contacts crm_pick found for what was typed */
	int n_errors;
	bool contacts_on;      /* the contacts plugin answers: the contact field is shown */
} deal_form;

static void add_error(deal_form *f, const char *field, const char *key)
{
	crm_form_error(f->errors, field, key);
	f->n_errors++;
}

static const char *error_for(const deal_form *f, const char *field)
{
	return crm_form_error_of(f->errors, field);
}

/* A contact's name as the contacts plugin gives it now, or NULL. */
static const char *contact_name(crm_req *r, int64_t id)
{
	if (!id)
		return NULL;
	xmlNodePtr who = deals_contact_in(deals_describe_contacts(r, &id, 1), crm_id_text(r, id));
	if (!who)
		return NULL;
	xmlChar *v = xmlGetProp(who, BAD_CAST "name");
	const char *out = crm_pstrdup(crm_req_pool(r), (const char *)v);
	xmlFree(v);
	return out;
}

/* The products plugin's active products, or NULL when it does not answer. */
static xmlNodePtr products(crm_req *r)
{
	crm_event *ev = crm_event_new(r, "product.list", "product", 0);
	crm_event_publish(r, ev, NULL);
	xmlNodePtr res = crm_event_result(ev);
	for (xmlNodePtr c = res ? res->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return res;
	return NULL;
}

static bool product_listed(crm_req *r, xmlNodePtr list, int64_t id)
{
	const char *want = crm_id_text(r, id);
	return deals_contact_in(list, want) != NULL; /* any element with that id */
}

/* The stage's row (id, probability, kind), or NULL. */
static crm_rows *stage_row(crm_req *r, int64_t id, int *rc)
{
	crm_rows *st = id ? crm_db_query(r, "SELECT id, probability, kind FROM deal_stage WHERE id = ?", "i", id)
			  : crm_db_query(r, "SELECT id, probability, kind FROM deal_stage WHERE kind = 'open' "
					    "ORDER BY position, id LIMIT 1", "");
	*rc = st ? 0 : CRM_EDB;
	return st && st->n_rows ? st : NULL;
}

/* Read and check the posted form; old is the stored deal when editing. */
static int read_form(crm_req *r, deal_form *f, const crm_rows *old)
{
	memset(f, 0, sizeof *f);
	f->errors = deals_scratch(r, "errors");
	f->candidates = deals_scratch(r, "field");
	f->contacts_on = deals_plugin_on(r, "contacts");
	f->name = crm_input(r, "name");
	f->description = crm_req_form(r, "description");
	f->budget = crm_input(r, "budget");
	f->currency = crm_input(r, "currency");
	f->type = crm_input(r, "amount_type");
	f->close_date = crm_input(r, "close_date");
	f->visibility = crm_input(r, "visibility");
	f->tags = crm_input(r, "tags");
	f->probability = crm_input(r, "probability");
	f->owner = crm_id(crm_input(r, "owner"));
	f->stage_id = crm_id(crm_input(r, "stage_id"));
	f->readers = crm_input_ids(r, "reader", DEALS_USERS_MAX, &f->n_readers);
	f->contact = crm_input(r, "contact");
	f->contact_id = old ? crm_id(crm_rows_by(old, 0, "contact_id")) : 0;
	f->product_id = old ? crm_id(crm_rows_by(old, 0, "product_id")) : 0;

	if (!*f->name)
		add_error(f, "name", "deals.name_required");
	else if (crm_utf8_chars(f->name) > 255 || !crm_one_line(f->name))
		add_error(f, "name", "deals.too_long_255");
	if (f->description && strlen(f->description) > 20000)
		add_error(f, "description", "deals.too_long_description");
	if (*f->currency && !crm_currency_known(f->currency))
		add_error(f, "currency", "deals.currency_invalid");
	/* The budget in the currency it is typed for: yen have no minor digits. */
	const char *money_err = NULL;
	if (*f->budget && crm_money_parse(f->budget, *f->currency ? f->currency : crm_currency_default(r), 0,
					  &f->budget_minor, &money_err) < 0)
		add_error(f, "budget", money_err);
	f->has_budget = *f->budget && !money_err;
	if (*f->type && !deal_listed(deal_amount_types, f->type))
		add_error(f, "amount_type", "deals.type_invalid");
	if (*f->close_date && !crm_date_ok(f->close_date))
		add_error(f, "close_date", "deals.date_invalid");
	if (*f->visibility && !deal_listed(visibilities, f->visibility))
		add_error(f, "visibility", "deals.visibility_invalid");
	if (*f->probability) {
		int64_t v = crm_id(f->probability);
		if (strcmp(f->probability, "0") && (!v || v > 100))
			add_error(f, "probability", "deals.probability_invalid");
	}
	const char *tag_err = NULL;
	if (crm_tags_check(r, f->tags, &tag_err) < 0)
		add_error(f, "tags", tag_err ? tag_err : "deals.tags_invalid");

	/* The contact: a candidate chosen from the select wins over the text; the text the
	 * form showed for the current contact keeps it; anything else is looked up. */
	/* A form without the field (a script posting a few fields) leaves the contact. */
	if (f->contacts_on && (crm_req_form(r, "contact") || crm_req_form(r, "contact_id"))) {
		int64_t chosen = crm_id(crm_input(r, "contact_id"));
		int64_t was = crm_id(crm_input(r, "contact_was"));
		const char *was_name = was ? contact_name(r, was) : NULL;
		if (chosen) {
			if (!contact_name(r, chosen))
				add_error(f, "contact", "deals.contact_not_found");
			f->contact_id = chosen;
		} else if (was && was_name && !strcmp(was_name, f->contact)) {
			f->contact_id = was;
		} else if (!*f->contact) {
			f->contact_id = 0;
		} else if (crm_utf8_chars(f->contact) > 200) {
			add_error(f, "contact", "deals.contact_not_found");
		} else {
			int64_t id = crm_pick(r, "contact", f->contact, f->candidates);
			if (id > 0)
				f->contact_id = id;
			else if (id == CRM_ECONFLICT)
				add_error(f, "contact", "deals.contact_choose");
			else
				add_error(f, "contact", "deals.contact_not_found");
		}
	}
	if (f->contacts_on && f->contact_id && !crm_req_form(r, "contact")) {
		const char *name = contact_name(r, f->contact_id);
		f->contact = name ? name : "";
	}
	xmlNodePtr prods = crm_req_form(r, "product_id") ? products(r) : NULL;
	if (prods) {
		const char *typed = crm_input(r, "product_id");
		f->product_id = crm_id(typed);
		if ((*typed && !f->product_id) || (f->product_id && !product_listed(r, prods, f->product_id)))
			add_error(f, "product_id", "deals.product_invalid");
	}
	if (f->owner) {
		crm_rows *u = crm_db_query(r, "SELECT 1 FROM crm_user WHERE id = ? AND active = 1", "i", f->owner);
		if (!u)
			return CRM_EDB;
		if (!u->n_rows)
			add_error(f, "owner", "deals.owner_invalid");
	} else if (*crm_input(r, "owner")) {
		add_error(f, "owner", "deals.owner_invalid");
	} else {
		f->owner = old ? crm_id(crm_rows_by(old, 0, "owner_id")) : crm_req_user(r);
	}
	/* No stage posted: the deal keeps its own, a new one starts at the first. */
	int rc = 0;
	bool typed_stage = *crm_input(r, "stage_id");
	if (!typed_stage && old)
		f->stage_id = crm_id(crm_rows_by(old, 0, "stage_id"));
	crm_rows *st = typed_stage && !f->stage_id ? NULL : stage_row(r, f->stage_id, &rc);
	if (st)
		f->stage_id = crm_id(crm_rows_get(st, 0, 0));
	else if (rc < 0)
		return rc;
	else
		add_error(f, "stage_id", "deals.stage_invalid");
	int n = crm_fields_check(r, "deal", f->errors);
	if (n < 0)
		return n;
	f->n_errors += n;
	return 0;
}

/* The form as stored, for the edit page. */
static int stored_form(crm_req *r, const crm_rows *row, deal_form *f)
{
	int64_t id = crm_id(crm_rows_by(row, 0, "id"));
	memset(f, 0, sizeof *f);
	f->contacts_on = deals_plugin_on(r, "contacts");
	f->name = crm_rows_by(row, 0, "name");
	f->description = crm_rows_by(row, 0, "description");
	f->currency = crm_rows_by(row, 0, "currency");
	const char *budget = crm_rows_by(row, 0, "budget");
	f->budget = budget ? crm_money_plain(crm_req_pool(r), strtoll(budget, NULL, 10), f->currency) : "";
	f->type = crm_rows_by(row, 0, "amount_type");
	f->close_date = crm_rows_by(row, 0, "close_date");
	f->visibility = crm_rows_by(row, 0, "visibility");
	f->probability = crm_rows_by(row, 0, "probability");
	f->contact_id = crm_id(crm_rows_by(row, 0, "contact_id"));
	f->product_id = crm_id(crm_rows_by(row, 0, "product_id"));
	f->owner = crm_id(crm_rows_by(row, 0, "owner_id"));
	f->stage_id = crm_id(crm_rows_by(row, 0, "stage_id"));
	f->contact = f->contact_id ? contact_name(r, f->contact_id) : "";
	f->readers = crm_record_users(r, "deal", id, "reader", &f->n_readers);
	return f->readers ? 0 : CRM_EDB;
}

/* ===== rendering ===== */

static xmlNodePtr field(xmlNodePtr parent, const deal_form *f, const char *name, const char *label,
			const char *type, const char *value)
{
	xmlNodePtr x = crm_form_field(parent, name, label, type, value);
	crm_xml_attr(x, "error", error_for(f, name));
	return x;
}


static int form_page(crm_req *r, const deal_form *f, int64_t id)
{
	crm_pool *p = crm_req_pool(r);
	crm_rows *stages = deal_stages(r);
	crm_rows *users = crm_users_active(r);
	if (!stages || !users)
		return CRM_EDB;
	xmlNodePtr c = crm_page(r, id ? "deals.edit" : "deals.new", id ? "deals.edit_title" : "deals.new_title");
	xmlNodePtr info = crm_xml_add(c, "deal", NULL);
	if (id) {
		crm_xml_attr_int(info, "id", id);
		crm_xml_attr(info, "name", f->name);
	}
	xmlNodePtr form = crm_form(c, id ? crm_psprintf(p, "/deals/%lld/edit", (long long)id) : "/deals/new");
	crm_xml_attr(form, "class", "deal-form");
	crm_xml_attr(form, "id", "deal");
	xmlNodePtr x = field(form, f, "name", "deals.name", "text", f->name);
	crm_xml_attr(x, "required", "1");
	crm_xml_attr(x, "maxlength", "255");
	crm_xml_attr(x, "autofocus", "1");
	if (f->contacts_on) {
		x = field(form, f, "contact", "deals.contact", "text", f->contact);
		crm_xml_attr(x, "maxlength", "200");
		crm_xml_attr(x, "hint", "deals.contact_hint");
		crm_xml_attr(x, "autocomplete", "off");
		for (xmlNodePtr o = f->candidates ? f->candidates->children : NULL; o; o = o->next)
			xmlAddChild(x, xmlCopyNode(o, 1));
		if (f->contact_id)
			crm_form_field(form, "contact_was", NULL, "hidden", crm_id_text(r, f->contact_id));
	} else {
		crm_xml_add(form, "contacts-off", NULL);
	}
	x = field(form, f, "description", "deals.description", "textarea", f->description);
	xmlNodePtr money = crm_xml_add(form, "money", NULL);
	x = field(money, f, "budget", "deals.budget", "text", f->budget);
	crm_xml_attr(x, "inputmode", "decimal");
	crm_xml_attr(x, "maxlength", "32");
	crm_xml_attr(x, "hint", "deals.budget_hint");
	x = field(money, f, "currency", "deals.currency", "select",
		  f->currency && *f->currency ? f->currency : crm_currency_default(r));
	for (const char *const *cur = crm_currencies; *cur; cur++)
		crm_form_option(x, *cur, *cur);
	x = field(money, f, "amount_type", "deals.amount_type", "select", f->type && *f->type ? f->type : "fixed");
	for (const char *const *t = deal_amount_types; *t; t++)
		crm_form_option(x, *t, crm_psprintf(p, "deals.type.%s", *t));
	xmlNodePtr prods = products(r);
	if (prods) {
		x = field(form, f, "product_id", "deals.product", "select", crm_id_text(r, f->product_id));
		crm_form_option(x, "", "deals.none_option");
		for (xmlNodePtr pr = prods->children; pr; pr = pr->next) {
			if (pr->type != XML_ELEMENT_NODE)
				continue;
			xmlChar *pid = xmlGetProp(pr, BAD_CAST "id"), *pname = xmlGetProp(pr, BAD_CAST "name");
			crm_form_option(x, (const char *)pid, (const char *)pname);
			xmlFree(pid);
			xmlFree(pname);
		}
	}
	xmlNodePtr stage = crm_xml_add(form, "money", NULL);
	x = field(stage, f, "stage_id", "deals.stage", "select", crm_id_text(r, f->stage_id));
	for (size_t i = 0; i < stages->n_rows; i++)
		crm_form_option(x, crm_rows_get(stages, i, 0), crm_psprintf(p, "%s (%s%%)",
			deal_stage_label(r, crm_rows_get(stages, i, 1)), crm_rows_get(stages, i, 2)));
	x = field(stage, f, "probability", "deals.probability", "number", f->probability);
	crm_xml_attr(x, "min", "0");
	crm_xml_attr(x, "max", "100");
	crm_xml_attr(x, "step", "1");
	crm_xml_attr(x, "hint", "deals.probability_hint");
	x = field(form, f, "close_date", "deals.close_date", "date", f->close_date);
	x = field(form, f, "owner", "deals.owner", "select", crm_id_text(r, f->owner ? f->owner : crm_req_user(r)));
	for (size_t i = 0; i < users->n_rows; i++)
		crm_form_option(x, crm_rows_get(users, i, 0), crm_rows_get(users, i, 1));
	x = crm_tags_xml(r, "deal", id, form);
	if (x)
		crm_xml_attr(x, "error", error_for(f, "tags"));
	crm_fields_xml(r, "deal", id, form);
	x = field(form, f, "visibility", "deals.visibility", "select",
		  f->visibility && *f->visibility ? f->visibility : CRM_VIS_PUBLIC_WRITE);
	for (const char *const *v = visibilities; *v; v++)
		crm_form_option(x, *v, crm_psprintf(p, "deals.vis.%s", *v));
	crm_xml_attr(x, "hint", "deals.visibility_hint");
	crm_form_users(form, "readers", users, f->readers, f->n_readers, crm_req_user(r));
	crm_form_save_buttons(form, !id, "deals.save_and_new", id ? crm_psprintf(p, "/deals/%lld", (long long)id) : "/deals");
	if (f->n_errors) {
		crm_status(r, 422);
		crm_xml_attr(form, "error", "core.form_errors");
	}
	return 0;
}

int deals_new(crm_req *r)
{
	deal_form f;
	memset(&f, 0, sizeof f);
	f.contacts_on = deals_plugin_on(r, "contacts");
	f.visibility = CRM_VIS_PUBLIC_WRITE;
	f.owner = crm_req_user(r);
	f.stage_id = crm_id(crm_query_input(r, "stage"));
	int rc;
	crm_rows *st = stage_row(r, f.stage_id, &rc);
	if (rc < 0)
		return rc;
	if (!st)
		st = stage_row(r, 0, &rc);
	if (rc < 0)
		return rc;
	f.stage_id = st ? crm_id(crm_rows_get(st, 0, 0)) : 0;
	f.probability = st ? crm_rows_get(st, 0, 1) : "";
	/* From a contact's card: the contact is filled in when the user may read it. */
	int64_t contact = crm_id(crm_query_input(r, "contact"));
	const char *name = contact && f.contacts_on ? contact_name(r, contact) : NULL;
	if (name) {
		f.contact_id = contact;
		f.contact = name;
	}
	return form_page(r, &f, 0);
}

/* The readers of a restricted deal: the list as posted; the people who can see the deal
 * from now on (new on the list, or all of it when the deal turns restricted) are told. */
static int save_readers(crm_req *r, int64_t id, const deal_form *f, const crm_rows *old)
{
	crm_pool *p = crm_req_pool(r);
	bool restricted = !strcmp(f->visibility, CRM_VIS_RESTRICTED);
	bool was_restricted = old && !strcmp(crm_rows_by(old, 0, "visibility"), CRM_VIS_RESTRICTED);
	size_t n_before;
	int64_t *before = crm_record_users(r, "deal", id, "reader", &n_before);
	if (!before || crm_access_set_users(r, "deal", id, "reader", f->readers, f->n_readers, NULL) < 0)
		return CRM_EDB;
	if (!restricted)
		return 0;
	const char *url = crm_psprintf(p, "/deals/%lld", (long long)id);
	for (size_t i = 0; i < f->n_readers; i++) {
		bool had = false;
		for (size_t k = 0; k < n_before && was_restricted && !had; k++)
			had = before[k] == f->readers[i];
		if (!had && f->readers[i] != crm_req_user(r) && f->readers[i] != f->owner &&
		    crm_notify(r, f->readers[i], "deals.made_reader", f->name, url) < 0)
			return CRM_EDB;
	}
	return 0;
}

/* The probability the deal gets: a final stage's own; entering another stage, the
 * stage's unless the user typed another value at the same time; else as typed. */
static const char *probability(crm_req *r, const deal_form *f, const crm_rows *old, int *rc)
{
	crm_rows *st = stage_row(r, f->stage_id, rc);
	if (!st)
		return NULL;
	const char *stage_prob = crm_rows_get(st, 0, 1);
	if (strcmp(crm_rows_get(st, 0, 2), "open"))
		return stage_prob;
	if (!old)
		return *f->probability ? f->probability : stage_prob;
	const char *was = crm_rows_by(old, 0, "probability");
	bool entering = crm_id(crm_rows_by(old, 0, "stage_id")) != f->stage_id;
	if (entering && (!*f->probability || !strcmp(f->probability, was)))
		return stage_prob;
	return *f->probability ? f->probability : was;
}

int deals_create(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	deal_form f;
	int rc = read_form(r, &f, NULL);
	if (rc < 0)
		return rc;
	if (f.n_errors)
		return form_page(r, &f, 0);
	const char *prob = probability(r, &f, NULL, &rc);
	if (!prob)
		return rc < 0 ? rc : CRM_EINTERNAL;
	const char *budget = f.has_budget ? crm_psprintf(p, "%lld", (long long)f.budget_minor) : "";
	if (crm_db_begin(r) < 0)
		return CRM_EDB;
	if (crm_db_exec(r, "INSERT INTO deal (name, contact_id, description, budget, currency, amount_type, product_id, "
			   "close_date, stage_id, probability, owner_id, visibility) "
			   "VALUES (?, NULLIF(?, 0), ?, NULLIF(?, ''), ?, ?, NULLIF(?, 0), NULLIF(?, ''), ?, ?, ?, ?)",
			"sissssisisis", f.name, f.contact_id, f.description && *f.description ? f.description : NULL,
			budget, *f.currency ? f.currency : crm_currency_default(r), *f.type ? f.type : "fixed",
			f.product_id, f.close_date, f.stage_id, prob, f.owner,
			*f.visibility ? f.visibility : CRM_VIS_PUBLIC_WRITE) < 0)
		return CRM_EDB;
	int64_t id = crm_db_last_id(r);
	if (!*f.visibility)
		f.visibility = CRM_VIS_PUBLIC_WRITE;
	if (save_readers(r, id, &f, NULL) < 0 || crm_tags_set(r, "deal", id, f.tags) < 0 ||
	    crm_fields_save(r, "deal", id) < 0 || crm_history_add(r, "deal", id, "created", f.name, NULL) < 0)
		return CRM_EDB;
	if (f.owner != crm_req_user(r) &&
	    crm_notify(r, f.owner, "deals.made_owner", f.name, crm_psprintf(p, "/deals/%lld", (long long)id)) < 0)
		return CRM_EDB;
	if (crm_db_commit(r) < 0)
		return CRM_EDB;
	return crm_form_created(r, "deals.created_ok", "/deals/new",
				crm_psprintf(p, "/deals/%lld", (long long)id));
}

int deals_edit(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	int rc;
	crm_rows *row = deal_found(r, id, CRM_WRITE, &rc);
	if (!row)
		return rc;
	deal_form f;
	if (stored_form(r, row, &f) < 0)
		return CRM_EDB;
	return form_page(r, &f, id);
}

/* The names of the fields a save changed, for the history item. */
static const char *changes(crm_req *r, const crm_rows *old, const deal_form *f, const char *budget,
			   const char *prob)
{
	const crm_change cols[] = {
		{"name", f->name}, {"contact_id", crm_id_text(r, f->contact_id)},
		{"description", f->description ? f->description : ""}, {"budget", budget},
		{"currency", f->currency}, {"amount_type", f->type}, {"product_id", crm_id_text(r, f->product_id)},
		{"close_date", f->close_date}, {"probability", prob}, {"owner_id", crm_id_text(r, f->owner)},
		{"visibility", f->visibility},
	};
	return crm_changed_labels(r, old, "deals.col.", cols, CRM_LEN(cols));
}

int deals_save(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	int64_t id = crm_req_arg_id(r, "id");
	int rc;
	crm_rows *row = deal_found(r, id, CRM_WRITE, &rc);
	if (!row)
		return rc;
	deal_form f;
	rc = read_form(r, &f, row);
	if (rc < 0)
		return rc;
	if (f.n_errors)
		return form_page(r, &f, id);
	const char *prob = probability(r, &f, row, &rc);
	if (!prob)
		return rc < 0 ? rc : CRM_EINTERNAL;
	const char *budget = f.has_budget ? crm_psprintf(p, "%lld", (long long)f.budget_minor) : "";
	if (!*f.currency)
		f.currency = crm_currency_default(r);
	if (!*f.type)
		f.type = "fixed";
	if (!*f.visibility)
		f.visibility = CRM_VIS_PUBLIC_WRITE;
	int64_t old_stage = crm_id(crm_rows_by(row, 0, "stage_id"));
	if (crm_db_begin(r) < 0)
		return CRM_EDB;
	/* The stage goes through the same path as the board's moves: its history line. */
	if (old_stage != f.stage_id && deals_set_stage(r, row, f.stage_id) < 0)
		return CRM_EDB;
	if (crm_db_exec(r, "UPDATE deal SET name = ?, contact_id = NULLIF(?, 0), description = ?, budget = NULLIF(?, ''), "
			   "currency = ?, amount_type = ?, product_id = NULLIF(?, 0), close_date = NULLIF(?, ''), "
			   "probability = ?, owner_id = ?, visibility = ? WHERE id = ?",
			"sissssissisi", f.name, f.contact_id, f.description && *f.description ? f.description : NULL,
			budget, f.currency, f.type, f.product_id, f.close_date, prob, f.owner, f.visibility, id) < 0)
		return CRM_EDB;
	if (save_readers(r, id, &f, row) < 0 || crm_tags_set(r, "deal", id, f.tags) < 0 ||
	    crm_fields_save(r, "deal", id) < 0)
		return CRM_EDB;
	const char *what = changes(r, row, &f, budget, prob);
	if (*what && crm_history_add(r, "deal", id, "changed", what, NULL) < 0)
		return CRM_EDB;
	int64_t was_owner = crm_id(crm_rows_by(row, 0, "owner_id"));
	if (f.owner != was_owner && f.owner != crm_req_user(r) &&
	    crm_notify(r, f.owner, "deals.made_owner", f.name, crm_psprintf(p, "/deals/%lld", (long long)id)) < 0)
		return CRM_EDB;
	if (crm_db_commit(r) < 0)
		return CRM_EDB;
	crm_flash(r, "ok", "core.saved");
	return crm_redirect(r, crm_psprintf(p, "/deals/%lld", (long long)id));
}
