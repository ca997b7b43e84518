/* /contacts/webforms: the admins' pages of the web form "Contacts from site": the list,
 * a new form, editing (fields asked, the new contacts' type, tags and manager, where it
 * may be posted from) with the snippet to paste into the site, and deletion. */
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "contacts.h"
#include "webform.h"

#define NAME_MAX_CHARS 100
#define TAG_MAX_CHARS 64
#define TAGS_MAX 20
#define TAGS_MAX_BYTES 500
#define URL_MAX_BYTES 500
#define ORIGINS_MAX 20
#define ORIGINS_MAX_BYTES 2000
#define LIST_PAGE 50

/* The form as typed; errors are i18n keys per field. */
typedef struct wf_form {
	const char *name, *modes[WEBFORM_N_FIELDS], *type_id, *tags, *manager_id, *thanks_url, *origins;
	bool active;
	const char *e_name, *e_modes[WEBFORM_N_FIELDS], *e_type, *e_tags, *e_manager, *e_thanks, *e_origins;
} wf_form;

static bool wf_failed(const wf_form *f)
{
	bool bad = f->e_name || f->e_type || f->e_tags || f->e_manager || f->e_thanks || f->e_origins;
	for (size_t i = 0; i < WEBFORM_N_FIELDS; i++)
		bad |= f->e_modes[i] != NULL;
	return bad;
}

/* "a, b" from "a,b ,, a": trimmed, blanks and repeats dropped; NULL when a tag is bad. */
static const char *tags_norm(crm_pool *p, const char *s)
{
	const char *kept[TAGS_MAX];
	size_t n = 0;
	const char *out = "";
	while (*s) {
		size_t len = strcspn(s, ",");
		const char *tag = crm_trim(p, crm_pstrndup(p, s, len));
		s += len + (s[len] == ',');
		if (!*tag)
			continue;
		if (crm_utf8_chars(tag) > TAG_MAX_CHARS || !crm_one_line(tag))
			return NULL;
		bool seen = false;
		for (size_t i = 0; i < n && !seen; i++)
			seen = !strcmp(kept[i], tag);
		if (seen)
			continue;
		if (n == TAGS_MAX)
			return NULL;
		kept[n++] = tag;
		out = *out ? crm_psprintf(p, "%s, %s", out, tag) : tag;
	}
	return strlen(out) <= TAGS_MAX_BYTES ? out : NULL;
}

/* An absolute http(s) URL with a host, fit for a Location header and an attribute. */
static bool url_ok(const char *s)
{
	size_t scheme = !strncmp(s, "https://", 8) ? 8 : !strncmp(s, "http://", 7) ? 7 : 0;
	if (!scheme || strlen(s) > URL_MAX_BYTES || !s[scheme] || s[scheme] == '/')
		return false;
	for (const unsigned char *c = (const unsigned char *)s; *c; c++)
		if (*c <= 0x20 || *c >= 0x7f || strchr("\"'<>\\`{}|^", *c))
			return false;
	return true;
}

/* The allowed origins typed one per line (or separated by blanks or commas), normalised
 * and joined by "\n"; NULL when one is not a bare origin or there are too many. */
static const char *origins_norm(crm_pool *p, const char *s)
{
	const char *out = "";
	size_t n = 0;
	while (*s) {
		s += strspn(s, " \t\r\n,");
		size_t len = strcspn(s, " \t\r\n,");
		if (!len)
			break;
		const char *o = webform_origin_norm(p, crm_pstrndup(p, s, len));
		s += len;
		if (!o || ++n > ORIGINS_MAX)
			return NULL;
		out = *out ? crm_psprintf(p, "%s\n%s", out, o) : o;
	}
	return strlen(out) <= ORIGINS_MAX_BYTES ? out : NULL;
}

/* n random bytes (at most 32) as 2n hex digits; the core has started libsodium. */
static const char *random_hex(crm_pool *p, size_t n)
{
	unsigned char raw[32];
	char *hex = crm_palloc(p, 2 * n + 1);
	if (n > sizeof raw)
		return NULL;
	randombytes_buf(raw, n);
	sodium_bin2hex(hex, 2 * n + 1, raw, n);
	sodium_memzero(raw, sizeof raw);
	return hex;
}

/* ===== the form ===== */

/* The scheme and host the admin reached the CRM by: the snippet posts there. */
static const char *base_url(crm_req *r)
{
	const char *host = crm_req_env(r, "HTTP_HOST"), *https = crm_req_env(r, "HTTPS");
	const char *scheme = crm_req_env(r, "REQUEST_SCHEME");
	if (!host || !*host || strlen(host) > 200 ||
	    strspn(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.:[]") != strlen(host))
		host = "localhost";
	if (https && *https && strcmp(https, "off"))
		scheme = "https";
	if (!scheme || (strcmp(scheme, "http") && strcmp(scheme, "https")))
		scheme = "http";
	return crm_psprintf(crm_req_pool(r), "%s://%s", scheme, host);
}

static void option(xmlNodePtr select, const char *value, const char *label)
{
	crm_xml_attr(crm_xml_add(select, "option", label), "value", value);
}

/* The form's page: new (id 0) or an existing one, with the snippet for the latter. */
static int form_page(crm_req *r, int64_t id, const wf_form *f, const crm_rows *stored)
{
	crm_pool *p = crm_req_pool(r);
	crm_rows *types = crm_db_query(r, "SELECT id, name FROM contact_type ORDER BY position, name", NULL);
	crm_rows *users = crm_db_query(r, "SELECT id, name FROM crm_user WHERE active = 1 OR id = ? "
					  "ORDER BY name, id LIMIT 1000", "i", (int64_t)atoll(f->manager_id));
	if (!types || !users)
		return CRM_EDB;
	xmlNodePtr c = contacts_page(r, "contacts.webform_edit",
				     id ? "contacts.webform_edit_title" : "contacts.webform_new_title");
	xmlNodePtr wf = crm_xml_add(c, "webform", NULL);
	const char *action = id ? crm_psprintf(p, "/contacts/webforms/%lld", (long long)id) : "/contacts/webforms/new";
	xmlNodePtr form = crm_form(wf, action);
	xmlNodePtr x = crm_form_name(form, "contacts.webform_name", f->name, 100, f->e_name);
	crm_xml_attr(x, "hint", "contacts.webform_name_hint");
	for (size_t i = 0; i < WEBFORM_N_FIELDS; i++) {
		x = crm_form_field(form, crm_psprintf(p, "f_%s", webform_fields[i]),
				   crm_psprintf(p, "contacts.webform_f_%s", webform_fields[i]), "select", f->modes[i]);
		option(x, "0", "contacts.webform_mode_0");
		option(x, "1", "contacts.webform_mode_1");
		option(x, "2", "contacts.webform_mode_2");
		crm_xml_attr(x, "error", f->e_modes[i]);
	}
	x = crm_form_field(form, "type_id", "contacts.webform_type", "select", f->type_id);
	option(x, "", "contacts.webform_no_type");
	for (size_t i = 0; i < types->n_rows; i++)
		option(x, crm_rows_get(types, i, 0), crm_rows_get(types, i, 1));
	crm_xml_attr(x, "error", f->e_type);
	x = crm_form_field(form, "tags", "contacts.webform_tags", "text", f->tags);
	crm_xml_attr(x, "maxlength", "500");
	crm_xml_attr(x, "hint", "contacts.webform_tags_hint");
	crm_xml_attr(x, "error", f->e_tags);
	x = crm_form_field(form, "manager_id", "contacts.webform_manager", "select", f->manager_id);
	crm_xml_attr(x, "required", "1");
	for (size_t i = 0; i < users->n_rows; i++)
		crm_xml_attr(crm_xml_add(x, "option", crm_rows_get(users, i, 1)), "value", crm_rows_get(users, i, 0));
	crm_xml_attr(x, "hint", "contacts.webform_manager_hint");
	crm_xml_attr(x, "error", f->e_manager);
	x = crm_form_field(form, "thanks_url", "contacts.webform_thanks_url", "url", f->thanks_url);
	crm_xml_attr(x, "maxlength", "500");
	crm_xml_attr(x, "placeholder", "contacts.webform_thanks_url_example");
	crm_xml_attr(x, "hint", "contacts.webform_thanks_url_hint");
	crm_xml_attr(x, "error", f->e_thanks);
	x = crm_form_field(form, "origins", "contacts.webform_origins", "textarea", f->origins);
	crm_xml_attr(x, "rows", "3");
	crm_xml_attr(x, "hint", "contacts.webform_origins_hint");
	crm_xml_attr(x, "error", f->e_origins);
	x = crm_form_field(form, "active", "contacts.webform_active", "checkbox", "1");
	if (f->active)
		crm_xml_attr(x, "checked", "1");
	crm_form_submit(form, id ? "core.save" : "contacts.webform_create");
	crm_xml_attr(crm_xml_add(form, "cancel", NULL), "href", "/contacts/webforms");
	if (wf_failed(f)) {
		crm_status(r, 422);
		crm_xml_attr(form, "error", "core.form_errors");
	}
	if (!stored)
		return 0;

	/* The snippet shows the form as stored, whatever is being typed. */
	crm_xml_attr(wf, "id", crm_rows_by(stored, 0, "id"));
	crm_xml_attr(wf, "name", crm_rows_by(stored, 0, "name"));
	crm_xml_attr(wf, "active", crm_rows_by(stored, 0, "active"));
	const char *url = crm_psprintf(p, "%s/webform/%s", base_url(r), crm_rows_by(stored, 0, "form_key"));
	xmlNodePtr sn = crm_xml_add(wf, "snippet", NULL);
	crm_xml_attr(sn, "action", url);
	crm_xml_attr(sn, "stamp", crm_psprintf(p, "%s/stamp", url));
	crm_xml_attr(sn, "key", crm_rows_by(stored, 0, "form_key"));
	static const struct {
		const char *name, *type, *max;
	} inputs[] = {
		{"first_name", "text", "100"}, {"last_name", "text", "100"}, {"email", "email", "254"},
		{"phone", "tel", "64"}, {"company", "text", "200"}, {"job_title", "text", "150"},
		{"message", "textarea", NULL},
	};
	for (size_t i = 0; i < CRM_LEN(inputs); i++) {
		int mode = i < 2 ? 2 : atoi(crm_rows_by(stored, 0, crm_psprintf(p, "f_%s", inputs[i].name)));
		if (!mode)
			continue;
		xmlNodePtr in = crm_xml_add(sn, "input", NULL);
		crm_xml_attr(in, "name", inputs[i].name);
		crm_xml_attr(in, "type", inputs[i].type);
		crm_xml_attr(in, "maxlength", inputs[i].max);
		crm_xml_attr(in, "label", crm_psprintf(p, "contacts.webform_f_%s", inputs[i].name));
		if (mode == 2)
			crm_xml_attr(in, "required", "1");
	}
	return 0;
}

/* Fill f from the post and check it: 1 when every field is fine, 0 when one is not, or
 * CRM_EDB. */
static int read_form(crm_req *r, wf_form *f)
{
	crm_pool *p = crm_req_pool(r);
	f->name = crm_input(r, "name");
	if (!*f->name)
		f->e_name = "contacts.webform_name_required";
	else if (crm_utf8_chars(f->name) > NAME_MAX_CHARS || !crm_one_line(f->name))
		f->e_name = "contacts.webform_name_long";
	for (size_t i = 0; i < WEBFORM_N_FIELDS; i++) {
		f->modes[i] = crm_input(r, crm_psprintf(p, "f_%s", webform_fields[i]));
		if (strcmp(f->modes[i], "0") && strcmp(f->modes[i], "1") && strcmp(f->modes[i], "2"))
			f->e_modes[i] = "contacts.webform_mode_invalid";
	}
	f->type_id = crm_input(r, "type_id");
	if (*f->type_id) {
		char *end;
		long long id = strtoll(f->type_id, &end, 10);
		crm_rows *t = NULL;
		if (id > 0 && !*end && !(t = crm_db_query(r, "SELECT 1 FROM contact_type WHERE id = ?", "i", (int64_t)id)))
			return CRM_EDB;
		if (!t || !t->n_rows)
			f->e_type = "contacts.webform_type_invalid";
	}
	const char *tags = crm_input(r, "tags");
	f->tags = tags_norm(p, tags);
	/* The core sets them on each new contact: its rules must hold too. */
	if (!f->tags || crm_tags_check(r, f->tags, NULL) < 0) {
		f->tags = tags;
		f->e_tags = "contacts.webform_tags_invalid";
	}
	f->manager_id = crm_input(r, "manager_id");
	char *end;
	long long manager = strtoll(f->manager_id, &end, 10);
	crm_rows *u = NULL;
	if (manager > 0 && !*end &&
	    !(u = crm_db_query(r, "SELECT 1 FROM crm_user WHERE id = ? AND active = 1", "i", (int64_t)manager)))
		return CRM_EDB;
	if (!u || !u->n_rows)
		f->e_manager = "contacts.webform_manager_invalid";
	f->thanks_url = crm_input(r, "thanks_url");
	if (*f->thanks_url && !url_ok(f->thanks_url))
		f->e_thanks = "contacts.webform_thanks_url_invalid";
	const char *origins = crm_req_form(r, "origins");
	f->origins = origins_norm(p, origins ? origins : "");
	if (!f->origins) {
		f->origins = origins ? origins : "";
		f->e_origins = "contacts.webform_origins_invalid";
	}
	const char *active = crm_req_form(r, "active");
	f->active = active && !strcmp(active, "1");
	return !wf_failed(f);
}

/* The stored form {id}, or NULL with *rc: 0 when there is none (answer 404), or CRM_EDB. */
static crm_rows *load(crm_req *r, int64_t id, int *rc)
{
	crm_rows *row = crm_db_query(r, "SELECT " WEBFORM_COLS " FROM contact_webform w WHERE w.id = ?", "i", id);
	if (row && row->n_rows)
		return row;
	*rc = row ? crm_error(r, 404, "core.not_found") : CRM_EDB;
	return NULL;
}

static wf_form from_row(const crm_rows *row)
{
	wf_form f = {
		.name = crm_rows_by(row, 0, "name"), .tags = crm_rows_by(row, 0, "tags"),
		.manager_id = crm_rows_by(row, 0, "manager_id"), .thanks_url = crm_rows_by(row, 0, "thanks_url"),
		.origins = crm_rows_by(row, 0, "origins"), .active = !strcmp(crm_rows_by(row, 0, "active"), "1"),
	};
	f.type_id = crm_rows_by(row, 0, "type_id");
	f.type_id = f.type_id ? f.type_id : "";
	f.modes[0] = crm_rows_by(row, 0, "f_email");
	f.modes[1] = crm_rows_by(row, 0, "f_phone");
	f.modes[2] = crm_rows_by(row, 0, "f_company");
	f.modes[3] = crm_rows_by(row, 0, "f_job_title");
	f.modes[4] = crm_rows_by(row, 0, "f_message");
	return f;
}

/* ===== the handlers ===== */

int webform_list(crm_req *r)
{
	crm_rows *rows = crm_list_back(r)
		? crm_db_query(r, "SELECT w.id, w.name, w.active, w.submitted, u.name AS manager FROM contact_webform w "
				  "LEFT JOIN crm_user u ON u.id = w.manager_id WHERE w.id < ? ORDER BY w.id DESC LIMIT ?",
			       "ii", (int64_t)atoll(crm_list_cursor(r)), (int64_t)LIST_PAGE + 1)
		: crm_db_query(r, "SELECT w.id, w.name, w.active, w.submitted, u.name AS manager FROM contact_webform w "
				  "LEFT JOIN crm_user u ON u.id = w.manager_id WHERE w.id > ? ORDER BY w.id LIMIT ?",
			       "ii", (int64_t)atoll(crm_list_cursor(r)), (int64_t)LIST_PAGE + 1);
	if (!rows)
		return CRM_EDB;
	xmlNodePtr c = contacts_page(r, "contacts.webforms", "contacts.webforms_title");
	contacts_settings_tabs(c, "/contacts/webforms");
	crm_rows_list(r, c, rows, LIST_PAGE, "webforms", "webform", 0, "/contacts/webforms");
	if (!rows->n_rows) {
		xmlNodePtr e = crm_xml_add(c, "empty", NULL);
		crm_xml_attr(e, "title", "contacts.webforms_empty");
		crm_xml_attr(e, "hint", "contacts.webforms_empty_hint");
		crm_xml_attr(e, "href", "/contacts/webforms/new");
		crm_xml_attr(e, "action", "contacts.webform_new");
	}
	return 0;
}

int webform_new(crm_req *r)
{
	wf_form f = {
		.name = "", .type_id = "", .tags = "", .thanks_url = "", .origins = "", .active = true,
		.manager_id = crm_psprintf(crm_req_pool(r), "%lld", (long long)crm_req_user(r)),
		.modes = {"2", "1", "0", "0", "1"},
	};
	return form_page(r, 0, &f, NULL);
}

int webform_create(crm_req *r)
{
	wf_form f = {0};
	int ok = read_form(r, &f);
	if (ok <= 0)
		return ok < 0 ? ok : form_page(r, 0, &f, NULL);
	crm_pool *p = crm_req_pool(r);
	const char *key = random_hex(p, 16), *secret = random_hex(p, 32);
	if (!key || !secret)
		return CRM_EINTERNAL;
	if (crm_db_exec(r, "INSERT INTO contact_webform (name, form_key, secret, f_email, f_phone, f_company, "
			   "f_job_title, f_message, type_id, tags, manager_id, thanks_url, origins, active) "
			   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), ?, ?, ?, ?, ?)",
			"sssiiiiiisissi", f.name, key, secret, (int64_t)atoi(f.modes[0]), (int64_t)atoi(f.modes[1]),
			(int64_t)atoi(f.modes[2]), (int64_t)atoi(f.modes[3]), (int64_t)atoi(f.modes[4]),
			(int64_t)atoll(f.type_id), f.tags, (int64_t)atoll(f.manager_id), f.thanks_url, f.origins,
			(int64_t)f.active) < 0)
		return CRM_EDB;
	int64_t id = crm_db_last_id(r);
	crm_audit(r, "webform.create", "webform", id, "name", NULL, f.name);
	crm_flash(r, "ok", "contacts.webform_created");
	return crm_redirect(r, crm_psprintf(p, "/contacts/webforms/%lld", (long long)id));
}

int webform_edit(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	int rc;
	crm_rows *row = load(r, id, &rc);
	if (!row)
		return rc;
	wf_form f = from_row(row);
	return form_page(r, id, &f, row);
}

int webform_save(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	int rc;
	crm_rows *row = load(r, id, &rc);
	if (!row)
		return rc;
	wf_form f = {0};
	int ok = read_form(r, &f);
	if (ok <= 0)
		return ok < 0 ? ok : form_page(r, id, &f, row);
	if (crm_db_exec(r, "UPDATE contact_webform SET name = ?, f_email = ?, f_phone = ?, f_company = ?, "
			   "f_job_title = ?, f_message = ?, type_id = NULLIF(?, 0), tags = ?, manager_id = ?, "
			   "thanks_url = ?, origins = ?, active = ? WHERE id = ?",
			"siiiiiisissii", f.name, (int64_t)atoi(f.modes[0]), (int64_t)atoi(f.modes[1]),
			(int64_t)atoi(f.modes[2]), (int64_t)atoi(f.modes[3]), (int64_t)atoi(f.modes[4]),
			(int64_t)atoll(f.type_id), f.tags, (int64_t)atoll(f.manager_id), f.thanks_url, f.origins,
			(int64_t)f.active, id) < 0)
		return CRM_EDB;
	crm_audit(r, "webform.update", "webform", id, "name", crm_rows_by(row, 0, "name"), f.name);
	crm_flash(r, "ok", "contacts.webform_saved");
	return crm_redirect(r, crm_psprintf(crm_req_pool(r), "/contacts/webforms/%lld", (long long)id));
}

int webform_delete_confirm(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	int rc;
	crm_rows *row = load(r, id, &rc);
	if (!row)
		return rc;
	crm_delete_question(r, contacts_page(r, "contacts.webform_delete", "contacts.webform_delete_title"),
			    "/contacts/webforms", id, crm_rows_by(row, 0, "name"), "contacts.webform_delete_question");
	return 0;
}

int webform_delete(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	int rc;
	crm_rows *row = load(r, id, &rc);
	if (!row)
		return rc;
	/* The contacts it made stay; its submission counts go with it (ON DELETE CASCADE). */
	if (crm_db_exec(r, "DELETE FROM contact_webform WHERE id = ?", "i", id) < 0)
		return CRM_EDB;
	crm_audit(r, "webform.delete", "webform", id, "name", crm_rows_by(row, 0, "name"), NULL);
	crm_flash(r, "ok", "contacts.webform_deleted");
	return crm_redirect(r, "/contacts/webforms");
}
