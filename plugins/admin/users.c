/* /admin/users: the list, a new account, editing, disabling and password resets.
 * Owners alone create owners or touch an owner's account; the last active owner
 * can be neither demoted nor disabled, and nobody disables themselves. */
#include <stdlib.h>
#include <string.h>
#include "admin.h"

/* The zones the form offers; a user's current zone is kept even when not listed. */
static const char *const zones[] = {
	"Europe/Kaliningrad", "Europe/Moscow", "Europe/Samara", "Asia/Yekaterinburg",
	"Asia/Omsk", "Asia/Novosibirsk", "Asia/Krasnoyarsk", "Asia/Irkutsk", "Asia/Yakutsk",
	"Asia/Vladivostok", "Asia/Magadan", "Asia/Kamchatka", "Europe/Minsk", "Europe/Kyiv",
	"Asia/Almaty", "Asia/Tashkent", "Asia/Tbilisi", "Asia/Yerevan", "Asia/Baku",
	"Europe/London", "Europe/Berlin", "Europe/Istanbul", "Asia/Dubai", "America/New_York",
	"UTC",
};

static const char *const roles[] = {CRM_ROLE_OWNER, CRM_ROLE_ADMIN, CRM_ROLE_USER};

/* What a user form holds, as typed; errors are i18n keys per field. */
typedef struct user_form {
	const char *login, *name, *email, *role, *locale, *timezone;
	const char *e_login, *e_name, *e_email, *e_role, *e_locale, *e_timezone, *e_password;
} user_form;

static bool listed(const char *const *list, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(list[i], s))
			return true;
	return false;
}

/* The same rules the core applies, checked first so every field gets its message at once. */
static bool plausible_login(const char *s)
{
	size_t n = strlen(s);
	return n >= 2 && n <= 64 && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789._-@") == n;
}

static bool plausible_email(const char *s)
{
	const char *at = strchr(s, '@');
	return !*s || (strlen(s) <= 254 && at && at != s && strchr(at + 1, '.') && !strchr(at + 1, '@') &&
		       !strpbrk(s, " \t\r\n<>\""));
}

static void select_options(xmlNodePtr field, const char *const *values, size_t n, const char *prefix,
			   crm_req *r, const char *current)
{
	bool found = false;
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr o = crm_xml_add(field, "option",
					   prefix ? crm_psprintf(crm_req_pool(r), "%s%s", prefix, values[i]) : values[i]);
		crm_xml_attr(o, "value", values[i]);
		found |= current && !strcmp(current, values[i]);
	}
	if (current && *current && !found)
		crm_xml_attr(crm_xml_add(field, "option", current), "value", current);
}

/* The profile fields shared by the new and the edit forms. */
static void profile_fields(crm_req *r, xmlNodePtr f, const user_form *u, const char *target_role)
{
	xmlNodePtr x = crm_form_name(f, "admin.name", u->name, 200, u->e_name);
	x = crm_form_field(f, "email", "admin.email", "email", u->email);
	crm_xml_attr(x, "maxlength", "254");
	crm_xml_attr(x, "error", u->e_email);
	/* Owners alone may make owners: others see the choice only on an owner's own record. */
	x = crm_form_field(f, "role", "admin.role", "select", u->role);
	bool owner_choice = admin_is_owner(r) || (target_role && !strcmp(target_role, CRM_ROLE_OWNER));
	select_options(x, owner_choice ? roles : roles + 1, owner_choice ? 3 : 2, "admin.role_", r, NULL);
	crm_xml_attr(x, "error", u->e_role);
	x = crm_form_field(f, "locale", "admin.locale", "select", u->locale);
	static const char *const locales[] = {"ru", "en"};
	select_options(x, locales, 2, "admin.locale_", r, NULL);
	crm_xml_attr(x, "error", u->e_locale);
	x = crm_form_field(f, "timezone", "admin.timezone", "select", u->timezone);
	select_options(x, zones, CRM_LEN(zones), NULL, r, u->timezone);
	crm_xml_attr(x, "error", u->e_timezone);
}

/* Fill u from the posted form and check what the core does not (locale, zone). */
static bool read_profile(crm_req *r, user_form *u, const char *current_zone)
{
	u->name = crm_input(r, "name");
	u->email = crm_input(r, "email");
	u->role = crm_input(r, "role");
	u->locale = crm_input(r, "locale");
	u->timezone = crm_input(r, "timezone");
	if (!*u->name || strlen(u->name) > 200)
		u->e_name = "core.name_required";
	if (!plausible_email(u->email))
		u->e_email = "core.email_invalid";
	if (!listed(roles, CRM_LEN(roles), u->role))
		u->e_role = "core.role_invalid";
	else if (!strcmp(u->role, CRM_ROLE_OWNER) && !admin_is_owner(r))
		u->e_role = "admin.owner_only";
	if (strcmp(u->locale, "ru") && strcmp(u->locale, "en"))
		u->e_locale = "admin.locale_invalid";
	if (!listed(zones, CRM_LEN(zones), u->timezone) && !(current_zone && !strcmp(current_zone, u->timezone)))
		u->e_timezone = "admin.timezone_invalid";
	return !u->e_name && !u->e_email && !u->e_role && !u->e_locale && !u->e_timezone;
}

/* ===== the list ===== */

int admin_users(crm_req *r)
{
	const char *q = crm_req_query(r, "q");
	q = q ? q : "";
	const char *like = crm_like_any(crm_req_pool(r), q);
	crm_rows *rows = crm_list_back(r)
		? crm_db_query(r, "SELECT id, login, name, email, role, active FROM crm_user "
				  "WHERE (? = '' OR login LIKE ? OR name LIKE ?) AND login < ? ORDER BY login DESC LIMIT ?",
			       "ssssi", q, like, like, crm_list_cursor(r), (int64_t)ADMIN_PAGE + 1)
		: crm_db_query(r, "SELECT id, login, name, email, role, active FROM crm_user "
				  "WHERE (? = '' OR login LIKE ? OR name LIKE ?) AND login > ? ORDER BY login LIMIT ?",
			       "ssssi", q, like, like, crm_list_cursor(r), (int64_t)ADMIN_PAGE + 1);
	if (!rows)
		return CRM_EDB;
	xmlNodePtr c = admin_page(r, "admin.users", "admin.users_title", "/admin/users");
	xmlNodePtr f = admin_get_form(c, "/admin/users");
	crm_xml_attr(crm_form_field(f, "q", "admin.search_users", "search", q), "placeholder",
		     "admin.search_hint");
	crm_form_submit(f, "core.search");
	xmlNodePtr list = crm_rows_list(r, c, rows, ADMIN_PAGE, "users", "user", 1, crm_url(r, "/admin/users", "q", q, NULL));
	crm_xml_attr(list, "q", q);
	return 0;
}

/* ===== a new account ===== */

static int new_page(crm_req *r, const user_form *u)
{
	xmlNodePtr c = admin_page(r, "admin.user_new", "admin.user_new_title", "/admin/users");
	xmlNodePtr f = crm_form(c, "/admin/users/new");
	xmlNodePtr x = crm_form_field(f, "login", "admin.login", "text", u->login);
	crm_xml_attr(x, "required", "1");
	crm_xml_attr(x, "maxlength", "64");
	crm_xml_attr(x, "autocomplete", "off");
	crm_xml_attr(x, "autofocus", "1");
	crm_xml_attr(x, "hint", "admin.login_hint");
	crm_xml_attr(x, "error", u->e_login);
	profile_fields(r, f, u, NULL);
	x = crm_form_field(f, "password", "admin.password", "password", NULL);
	crm_xml_attr(x, "required", "1");
	crm_xml_attr(x, "autocomplete", "new-password");
	crm_xml_attr(x, "hint", "admin.password_hint");
	crm_xml_attr(x, "error", u->e_password);
	crm_form_submit(f, "admin.create_user");
	xmlNodePtr cancel = crm_xml_add(f, "cancel", NULL);
	crm_xml_attr(cancel, "href", "/admin/users");
	if (u->e_login || u->e_name || u->e_email || u->e_role || u->e_locale || u->e_timezone || u->e_password)
		admin_form_failed(r, f);
	return 0;
}

int admin_user_new(crm_req *r)
{
	user_form u = {.role = CRM_ROLE_USER, .locale = crm_req_locale(r), .timezone = "Europe/Moscow"};
	return new_page(r, &u);
}

int admin_user_create(crm_req *r)
{
	user_form u = {.login = crm_input(r, "login")};
	bool ok = read_profile(r, &u, NULL);
	const char *password = crm_req_form(r, "password");
	password = password ? password : "";
	if (!plausible_login(u.login))
		u.e_login = "core.login_invalid";
	else if (crm_user_find(r, u.login) > 0)
		u.e_login = "core.login_taken";
	size_t pn = strlen(password);
	if (pn < 8 || pn > 256)
		u.e_password = "core.password_length";
	if (!ok || u.e_login || u.e_password)
		return new_page(r, &u);
	const char *err = NULL;
	int64_t id = crm_user_add(r, u.login, u.name, u.email, u.role, password, &err);
	if (id == CRM_EDB)
		return CRM_EDB;
	if (id < 0) {
		/* The core has the last word; put its message on the field it concerns. */
		const char **slot = &u.e_login;
		if (err && !strcmp(err, "core.name_required"))
			slot = &u.e_name;
		else if (err && !strcmp(err, "core.email_invalid"))
			slot = &u.e_email;
		else if (err && !strcmp(err, "core.role_invalid"))
			slot = &u.e_role;
		else if (err && !strcmp(err, "core.password_length"))
			slot = &u.e_password;
		*slot = err ? err : "core.internal";
		return new_page(r, &u);
	}
	if (crm_db_exec(r, "UPDATE crm_user SET locale = ?, timezone = ? WHERE id = ?", "ssi", u.locale,
			u.timezone, id) < 0)
		return CRM_EDB;
	crm_flash(r, "ok", "admin.user_created");
	return crm_redirect(r, crm_psprintf(crm_req_pool(r), "/admin/users/%lld/edit", (long long)id));
}

/* ===== editing ===== */

#define USER_SQL                                                                                    \
	"SELECT u.id, u.login, u.name, u.email, u.locale, u.timezone, u.role, u.active, u.created_at, " \
	"(SELECT GROUP_CONCAT(g.name ORDER BY g.name SEPARATOR ', ') FROM crm_group_member m "         \
	" JOIN crm_group g ON g.id = m.group_id WHERE m.user_id = u.id) AS groups_list "               \
	"FROM crm_user u WHERE u.id = ?"

/* The account {id} in *row: 1; or what the handler answers (CRM_EDB, or 0 after a 404 page). */
static int load_user(crm_req *r, int64_t id, crm_rows **row)
{
	*row = crm_db_query(r, USER_SQL, "i", id);
	if (!*row)
		return CRM_EDB;
	return (*row)->n_rows ? 1 : crm_error(r, 404, "core.not_found");
}

/* The account {id} locked for a change in a new transaction, or NULL with *rc to answer. */
static crm_rows *lock_user(crm_req *r, int64_t id, int *rc)
{
	if (crm_db_begin(r) < 0) {
		*rc = CRM_EDB;
		return NULL;
	}
	return admin_found(r, crm_db_query(r, USER_SQL " FOR UPDATE", "i", id), rc);
}

/* Whether the signed-in user may change this account at all. */
static bool may_touch(crm_req *r, const crm_rows *u)
{
	return admin_is_owner(r) || strcmp(crm_rows_by(u, 0, "role"), CRM_ROLE_OWNER);
}

/* The edit page: u has the typed values after a failed save, NULL to show the stored ones. */
static int edit_page(crm_req *r, const crm_rows *row, const user_form *typed, const char *e_password)
{
	const char *id = crm_rows_by(row, 0, "id"), *role = crm_rows_by(row, 0, "role");
	crm_pool *p = crm_req_pool(r);
	xmlNodePtr c = admin_page(r, "admin.user_edit", "admin.user_edit_title", "/admin/users");
	xmlNodePtr info = crm_xml_add(c, "account", NULL);
	for (size_t col = 0; col < row->n_cols; col++)
		crm_xml_add(info, row->cols[col], crm_rows_get(row, 0, col));
	if (crm_req_user(r) == atoll(id))
		crm_xml_attr(info, "self", "1");
	if (!may_touch(r, row)) {
		crm_xml_attr(info, "readonly", "1");
		return 0;
	}
	user_form stored = {
		.name = crm_rows_by(row, 0, "name"), .email = crm_rows_by(row, 0, "email"), .role = role,
		.locale = crm_rows_by(row, 0, "locale"), .timezone = crm_rows_by(row, 0, "timezone"),
	};
	const user_form *u = typed ? typed : &stored;
	xmlNodePtr f = crm_form(crm_xml_add(c, "profile", NULL), crm_psprintf(p, "/admin/users/%s/edit", id));
	xmlNodePtr x = crm_form_field(f, "login", "admin.login", "text", crm_rows_by(row, 0, "login"));
	crm_xml_attr(x, "readonly", "1");
	profile_fields(r, f, u, role);
	crm_form_submit(f, "core.save");
	if (typed)
		admin_form_failed(r, f);

	f = crm_form(crm_xml_add(c, "password", NULL), crm_psprintf(p, "/admin/users/%s/password", id));
	x = crm_form_field(f, "password", "admin.new_password", "password", NULL);
	crm_xml_attr(x, "required", "1");
	crm_xml_attr(x, "autocomplete", "new-password");
	crm_xml_attr(x, "hint", "admin.password_reset_hint");
	crm_xml_attr(x, "error", e_password);
	crm_form_submit(f, "admin.reset_password");
	if (e_password)
		admin_form_failed(r, f);
	return 0;
}

int admin_user_edit(crm_req *r)
{
	crm_rows *row;
	int ok = load_user(r, crm_req_arg_id(r, "id"), &row);
	return ok <= 0 ? ok : edit_page(r, row, NULL, NULL);
}

/* How many other active owners there are, their rows locked until commit. */
static int64_t other_owners(crm_req *r, int64_t id)
{
	crm_rows *o = crm_db_query(r, "SELECT id FROM crm_user WHERE role = 'owner' AND active = 1 AND id <> ? FOR UPDATE",
				   "i", id);
	return o ? (int64_t)o->n_rows : CRM_EDB;
}

static int audit_change(crm_req *r, const char *action, int64_t id, const char *field, const char *old,
			const char *new)
{
	if (!strcmp(old ? old : "", new ? new : ""))
		return 0;
	return crm_audit(r, action, "user", id, field, old, new);
}

int admin_user_save(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	int rc;
	crm_rows *row = lock_user(r, id, &rc);
	if (!row)
		return rc;
	if (!may_touch(r, row))
		return crm_error(r, 403, "admin.owner_only");
	const char *old_role = crm_rows_by(row, 0, "role");
	user_form u = {0};
	bool ok = read_profile(r, &u, crm_rows_by(row, 0, "timezone"));
	if (ok && !strcmp(old_role, CRM_ROLE_OWNER) && strcmp(u.role, CRM_ROLE_OWNER) &&
	    !strcmp(crm_rows_by(row, 0, "active"), "1")) {
		int64_t others = other_owners(r, id);
		if (others < 0)
			return CRM_EDB;
		if (!others) {
			u.e_role = "admin.last_owner";
			ok = false;
		}
	}
	if (!ok) {
		crm_db_rollback(r);
		return edit_page(r, row, &u, NULL);
	}
	if (crm_db_exec(r, "UPDATE crm_user SET name = ?, email = ?, locale = ?, timezone = ?, role = ? WHERE id = ?",
			"sssssi", u.name, u.email, u.locale, u.timezone, u.role, id) < 0)
		return CRM_EDB;
	static const char *const fields[] = {"name", "email", "locale", "timezone"};
	const char *const values[] = {u.name, u.email, u.locale, u.timezone};
	for (size_t i = 0; i < CRM_LEN(fields); i++)
		if (audit_change(r, "user.update", id, fields[i], crm_rows_by(row, 0, fields[i]), values[i]) < 0)
			return CRM_EDB;
	if (audit_change(r, "user.role", id, "role", old_role, u.role) < 0 || crm_db_commit(r) < 0)
		return CRM_EDB;
	crm_flash(r, "ok", "core.saved");
	return crm_redirect(r, crm_psprintf(crm_req_pool(r), "/admin/users/%lld/edit", (long long)id));
}

int admin_user_password(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	crm_rows *row;
	int ok = load_user(r, id, &row);
	if (ok <= 0)
		return ok;
	if (!may_touch(r, row))
		return crm_error(r, 403, "admin.owner_only");
	const char *password = crm_req_form(r, "password"), *err = NULL;
	int rc = crm_user_password(r, id, password ? password : "", &err);
	if (rc == CRM_EINVAL)
		return edit_page(r, row, NULL, err);
	if (rc < 0)
		return CRM_EDB;
	crm_flash(r, "ok", "admin.password_was_reset");
	return crm_redirect(r, crm_psprintf(crm_req_pool(r), "/admin/users/%lld/edit", (long long)id));
}

/* ===== disabling and enabling ===== */

/* Why this account may not be disabled by the signed-in user, or NULL; inside a transaction. */
static const char *disable_refused(crm_req *r, const crm_rows *row)
{
	int64_t id = atoll(crm_rows_by(row, 0, "id"));
	if (id == crm_req_user(r))
		return "admin.disable_self";
	if (!may_touch(r, row))
		return "admin.owner_only";
	if (!strcmp(crm_rows_by(row, 0, "role"), CRM_ROLE_OWNER) && !strcmp(crm_rows_by(row, 0, "active"), "1")) {
		if (other_owners(r, id) == 0)
			return "admin.last_owner";
	}
	return NULL;
}

static int back_to_user(crm_req *r, int64_t id, const char *kind, const char *key)
{
	crm_flash(r, kind, key);
	return crm_redirect(r, crm_psprintf(crm_req_pool(r), "/admin/users/%lld/edit", (long long)id));
}

int admin_user_disable_confirm(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	crm_rows *row;
	int ok = load_user(r, id, &row);
	if (ok <= 0)
		return ok;
	if (id == crm_req_user(r))
		return back_to_user(r, id, "error", "admin.disable_self");
	if (!may_touch(r, row))
		return back_to_user(r, id, "error", "admin.owner_only");
	xmlNodePtr c = admin_page(r, "admin.user_disable", "admin.user_disable_title", "/admin/users");
	crm_pool *p = crm_req_pool(r);
	xmlNodePtr q = crm_xml_add(c, "confirm", crm_psprintf(p, "%s (%s)", crm_rows_by(row, 0, "name"),
							      crm_rows_by(row, 0, "login")));
	crm_xml_attr(q, "action", crm_psprintf(p, "/admin/users/%lld/disable", (long long)id));
	crm_xml_attr(q, "question", "admin.confirm_disable");
	crm_xml_attr(q, "submit", "admin.disable");
	crm_xml_attr(q, "cancel", crm_psprintf(p, "/admin/users/%lld/edit", (long long)id));
	return 0;
}

int admin_user_disable(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	int rc;
	crm_rows *row = lock_user(r, id, &rc);
	if (!row)
		return rc;
	const char *why = disable_refused(r, row);
	if (why) {
		crm_db_rollback(r);
		return back_to_user(r, id, "error", why);
	}
	if (crm_user_set_active(r, id, 0) == CRM_EDB || crm_db_commit(r) < 0)
		return CRM_EDB;
	return back_to_user(r, id, "ok", "admin.user_disabled");
}

int admin_user_enable(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	crm_rows *row;
	int ok = load_user(r, id, &row);
	if (ok <= 0)
		return ok;
	if (!may_touch(r, row))
		return back_to_user(r, id, "error", "admin.owner_only");
	if (strcmp(crm_rows_by(row, 0, "active"), "1") && crm_user_set_active(r, id, 1) == CRM_EDB)
		return CRM_EDB;
	return back_to_user(r, id, "ok", "admin.user_enabled");
}
