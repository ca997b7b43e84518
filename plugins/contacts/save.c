/* Checking and storing a contact as typed: the rules every way in (form, import, web
 * form) shares, and the inserts of a contact with its emails, phones, links, addresses. */
#include <ctype.h>
#include <string.h>
#include "contacts.h"

const char *const contact_currencies[] = {
	"RUB", "USD", "EUR", "GBP", "CNY", "KZT", "BYN", "UAH", "CHF", "JPY", "TRY", "AED", NULL,
};
const char *const contact_email_kinds[] = {"work", "home", "other", NULL};
const char *const contact_phone_kinds[] = {"mobile", "work", "home", "fax", "other", NULL};
const char *const contact_link_kinds[] = {"site", "vk", "telegram", "whatsapp", "facebook", "linkedin", "other", NULL};
const char *const contact_address_kinds[] = {"work", "home", "postal", "other", NULL};
const char *const contact_visibilities[] = {CRM_VIS_PRIVATE, CRM_VIS_PUBLIC_READ, CRM_VIS_PUBLIC_WRITE, NULL};

bool contact_listed(const char *const *list, const char *s)
{
	for (; s && *list; list++)
		if (!strcmp(*list, s))
			return true;
	return false;
}

bool contact_blank(const char *s)
{
	for (; s && *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

bool contact_link_ok(const char *s)
{
	if (!*s || crm_utf8_chars(s) > 500 || !crm_one_line(s) || strpbrk(s, " \"<>\\"))
		return false;
	/* A scheme other than the web's would make a dangerous link on the card. */
	const char *colon = strchr(s, ':'), *slash = strchr(s, '/');
	if (colon && (!slash || colon < slash))
		return !strncasecmp(s, "http://", 7) || !strncasecmp(s, "https://", 8);
	return true;
}

static void error(xmlNodePtr errors, const char *field, const char *key, int *n)
{
	xmlNodePtr e = crm_xml_add(errors, "error", key);
	crm_xml_attr(e, "field", field);
	(*n)++;
}

/* A row id exists in one of the plugin's lists (types, temperatures). */
static int list_has(crm_req *r, const char *sql, int64_t id)
{
	crm_rows *rows = crm_db_query(r, sql, "i", id);
	return rows ? (int)rows->n_rows : CRM_EDB;
}

int contact_check(crm_req *r, const contact_in *c, xmlNodePtr errors)
{
	crm_pool *p = crm_req_pool(r);
	int n = 0;
	bool person = c->kind && !strcmp(c->kind, "person");
	if (!c->kind || (!person && strcmp(c->kind, "company")))
		error(errors, "kind", "contacts.kind_invalid", &n);
	if (person) {
		if (contact_blank(c->first_name))
			error(errors, "first_name", "contacts.first_name_required", &n);
		else if (crm_utf8_chars(c->first_name) > 100 || !crm_one_line(c->first_name))
			error(errors, "first_name", "contacts.too_long_100", &n);
		if (contact_blank(c->last_name))
			error(errors, "last_name", "contacts.last_name_required", &n);
		else if (crm_utf8_chars(c->last_name) > 100 || !crm_one_line(c->last_name))
			error(errors, "last_name", "contacts.too_long_100", &n);
	} else if (c->kind && !strcmp(c->kind, "company")) {
		if (contact_blank(c->name))
			error(errors, "name", "contacts.name_required", &n);
		else if (crm_utf8_chars(c->name) > 200 || !crm_one_line(c->name))
			error(errors, "name", "contacts.too_long_200", &n);
	}
	if (c->job_title && (crm_utf8_chars(c->job_title) > 150 || !crm_one_line(c->job_title)))
		error(errors, "job_title", "contacts.too_long_150", &n);
	if (c->description && strlen(c->description) > 20000)
		error(errors, "description", "contacts.too_long_description", &n);
	if (c->currency && *c->currency && !contact_listed(contact_currencies, c->currency))
		error(errors, "currency", "contacts.currency_invalid", &n);
	if (c->visibility && *c->visibility && !contact_listed(contact_visibilities, c->visibility))
		error(errors, "visibility", "contacts.visibility_invalid", &n);
	if (c->type_id) {
		int ok = list_has(r, "SELECT 1 FROM contact_type WHERE id = ?", c->type_id);
		if (ok < 0)
			return ok;
		if (!ok)
			error(errors, "type_id", "contacts.type_invalid", &n);
	}
	if (c->temperature_id) {
		int ok = list_has(r, "SELECT 1 FROM contact_temperature WHERE id = ?", c->temperature_id);
		if (ok < 0)
			return ok;
		if (!ok)
			error(errors, "temperature_id", "contacts.temperature_invalid", &n);
	}
	if (c->company_id) {
		/* A company the user may read; the web form (no user) may name any company. */
		const char *sql = crm_req_user(r)
			? crm_psprintf(p, "SELECT 1 FROM contact c WHERE c.id = ? AND c.kind = 'company' AND %s",
				       crm_access_sql(r, "c", "contact", CRM_READ))
			: "SELECT 1 FROM contact c WHERE c.id = ? AND c.kind = 'company' AND 0 = ?";
		crm_rows *rows = crm_db_query(r, sql, "ii", c->company_id, crm_req_user(r));
		if (!rows)
			return CRM_EDB;
		if (!rows->n_rows || !person)
			error(errors, "company", "contacts.company_invalid", &n);
	}
	for (size_t i = 0; i < c->n_emails && i < CONTACT_MAX_ITEMS; i++) {
		if (contact_blank(c->emails[i]))
			continue;
		if (!crm_email_ok(crm_trim(p, c->emails[i])))
			error(errors, crm_psprintf(p, "email_%zu", i), "contacts.email_invalid", &n);
		if (c->email_kinds[i] && *c->email_kinds[i] && !contact_listed(contact_email_kinds, c->email_kinds[i]))
			error(errors, crm_psprintf(p, "email_kind_%zu", i), "contacts.kind_unknown", &n);
	}
	for (size_t i = 0; i < c->n_phones && i < CONTACT_MAX_ITEMS; i++) {
		if (contact_blank(c->phones[i]))
			continue;
		if (!crm_phone_ok(crm_trim(p, c->phones[i])))
			error(errors, crm_psprintf(p, "phone_%zu", i), "contacts.phone_invalid", &n);
		if (c->phone_kinds[i] && *c->phone_kinds[i] && !contact_listed(contact_phone_kinds, c->phone_kinds[i]))
			error(errors, crm_psprintf(p, "phone_kind_%zu", i), "contacts.kind_unknown", &n);
	}
	for (size_t i = 0; i < c->n_links && i < CONTACT_MAX_ITEMS; i++) {
		if (contact_blank(c->links[i]))
			continue;
		if (!contact_link_ok(crm_trim(p, c->links[i])))
			error(errors, crm_psprintf(p, "link_%zu", i), "contacts.link_invalid", &n);
		if (c->link_kinds[i] && *c->link_kinds[i] && !contact_listed(contact_link_kinds, c->link_kinds[i]))
			error(errors, crm_psprintf(p, "link_kind_%zu", i), "contacts.kind_unknown", &n);
	}
	for (size_t i = 0; i < c->n_addresses && i < CONTACT_MAX_ITEMS; i++) {
		if (contact_blank(c->addresses[i]))
			continue;
		const char *a = crm_trim(p, c->addresses[i]);
		if (crm_utf8_chars(a) > 500)
			error(errors, crm_psprintf(p, "address_%zu", i), "contacts.too_long_500", &n);
		if (c->address_kinds[i] && *c->address_kinds[i] && !contact_listed(contact_address_kinds, c->address_kinds[i]))
			error(errors, crm_psprintf(p, "address_kind_%zu", i), "contacts.kind_unknown", &n);
	}
	return n;
}

const char *contact_display_name(crm_pool *p, const contact_in *c)
{
	if (c->kind && !strcmp(c->kind, "person"))
		return crm_psprintf(p, "%s %s", crm_trim(p, c->last_name), crm_trim(p, c->first_name));
	return crm_trim(p, c->name);
}

static const char *kind_or(const char *k, const char *def)
{
	return k && *k ? k : def;
}

int contact_insert_items(crm_req *r, int64_t id, const contact_in *c, const contact_existing *skip)
{
	crm_pool *p = crm_req_pool(r);
	int pos = skip ? skip->next_position : 0;
	for (size_t i = 0; i < c->n_emails && i < CONTACT_MAX_ITEMS; i++) {
		if (contact_blank(c->emails[i]))
			continue;
		const char *e = crm_email_norm(p, c->emails[i]);
		if (skip && contact_listed(skip->emails, e))
			continue;
		if (crm_db_exec(r, "INSERT INTO contact_email (contact_id, kind, email, position) VALUES (?, ?, ?, ?)",
				"issi", id, kind_or(c->email_kinds[i], "work"), e, (int64_t)pos++) < 0)
			return CRM_EDB;
	}
	for (size_t i = 0; i < c->n_phones && i < CONTACT_MAX_ITEMS; i++) {
		if (contact_blank(c->phones[i]))
			continue;
		const char *typed = crm_trim(p, c->phones[i]), *e164 = contact_e164(r, typed);
		if (skip && (contact_listed(skip->phones, typed) || (e164 && contact_listed(skip->e164s, e164))))
			continue;
		if (crm_db_exec(r, "INSERT INTO contact_phone (contact_id, kind, typed, e164, position) VALUES (?, ?, ?, ?, ?)",
				"isssi", id, kind_or(c->phone_kinds[i], "mobile"), typed, e164, (int64_t)pos++) < 0)
			return CRM_EDB;
	}
	for (size_t i = 0; i < c->n_links && i < CONTACT_MAX_ITEMS; i++) {
		if (contact_blank(c->links[i]))
			continue;
		const char *url = crm_trim(p, c->links[i]);
		if (skip && contact_listed(skip->links, url))
			continue;
		if (crm_db_exec(r, "INSERT INTO contact_link (contact_id, kind, url, position) VALUES (?, ?, ?, ?)",
				"issi", id, kind_or(c->link_kinds[i], "site"), url, (int64_t)pos++) < 0)
			return CRM_EDB;
	}
	for (size_t i = 0; i < c->n_addresses && i < CONTACT_MAX_ITEMS; i++) {
		if (contact_blank(c->addresses[i]))
			continue;
		const char *a = crm_trim(p, c->addresses[i]);
		if (skip && contact_listed(skip->addresses, a))
			continue;
		if (crm_db_exec(r, "INSERT INTO contact_address (contact_id, kind, address, position) VALUES (?, ?, ?, ?)",
				"issi", id, kind_or(c->address_kinds[i], "work"), a, (int64_t)pos++) < 0)
			return CRM_EDB;
	}
	return 0;
}

const char *contact_default_currency(crm_req *r)
{
	const char *cur = crm_setting(r, "currency.default", "RUB");
	return contact_listed(contact_currencies, cur) ? cur : "RUB";
}

int64_t contact_insert(crm_req *r, const contact_in *c, int64_t owner_id)
{
	crm_pool *p = crm_req_pool(r);
	bool person = !strcmp(c->kind, "person");
	const char *currency = c->currency && *c->currency ? c->currency : contact_default_currency(r);
	const char *vis = c->visibility && *c->visibility ? c->visibility : CRM_VIS_PRIVATE;
	if (crm_db_exec(r, "INSERT INTO contact (kind, first_name, last_name, name, company_id, job_title, type_id, "
			   "temperature_id, currency, description, owner_id, visibility) "
			   "VALUES (?, ?, ?, ?, NULLIF(?, 0), ?, NULLIF(?, 0), NULLIF(?, 0), ?, ?, ?, ?)",
			"ssssisiissis", c->kind,
			person ? crm_trim(p, c->first_name) : "", person ? crm_trim(p, c->last_name) : "",
			contact_display_name(p, c), person ? c->company_id : 0, crm_trim(p, c->job_title),
			c->type_id, c->temperature_id, currency,
			c->description && *c->description ? c->description : NULL, owner_id, vis) < 0)
		return CRM_EDB;
	int64_t id = crm_db_last_id(r);
	if (contact_insert_items(r, id, c, NULL) < 0)
		return CRM_EDB;
	if (contact_history(r, id, "created", contact_display_name(p, c)) < 0)
		return CRM_EDB;
	return id;
}
