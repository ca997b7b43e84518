/* Accounts and groups, shared by the admin pages and crmctl: one code path. */
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "core.h"

static bool valid_login(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	return n >= 2 && n <= 64 && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789._-@") == n;
}

static bool valid_email(const char *s)
{
	if (!s || !*s)
		return true; /* optional */
	const char *at = strchr(s, '@');
	return strlen(s) <= 254 && at && at != s && strchr(at + 1, '.') && !strchr(at + 1, '@') &&
	       !strpbrk(s, " \t\r\n<>\"");
}

static bool valid_role(const char *s)
{
	return s && (!strcmp(s, CRM_ROLE_OWNER) || !strcmp(s, CRM_ROLE_ADMIN) || !strcmp(s, CRM_ROLE_USER));
}

/* An argon2id hash, or NULL with *err_key set. */
static const char *hash_password(crm_req *r, const char *password, const char **err_key)
{
	size_t n = password ? strlen(password) : 0;
	if (n < 8 || n > 256) {
		*err_key = "core.password_length";
		return NULL;
	}
	char *out = crm_palloc(r->pool, crypto_pwhash_STRBYTES);
	if (crypto_pwhash_str(out, password, n, crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE)) {
		*err_key = "core.internal";
		return NULL;
	}
	return out;
}

int64_t crm_user_add(crm_req *r, const char *login, const char *name, const char *email,
		     const char *role, const char *password, const char **err_key)
{
	if (!valid_login(login)) {
		*err_key = "core.login_invalid";
		return CRM_EINVAL;
	}
	if (!name || !*name || strlen(name) > 200) {
		*err_key = "core.name_required";
		return CRM_EINVAL;
	}
	if (!valid_email(email)) {
		*err_key = "core.email_invalid";
		return CRM_EINVAL;
	}
	if (!valid_role(role)) {
		*err_key = "core.role_invalid";
		return CRM_EINVAL;
	}
	if (crm_user_find(r, login) > 0) {
		*err_key = "core.login_taken";
		return CRM_ECONFLICT;
	}
	const char *hash = hash_password(r, password, err_key);
	if (!hash)
		return CRM_EINVAL;
	if (crm_db_exec(r, "INSERT INTO crm_user (login, name, email, role, password_hash) VALUES (?, ?, ?, ?, ?)",
			"sssss", login, name, email ? email : "", role, hash) < 0) {
		*err_key = r->db_failed ? "core.db_down" : "core.login_taken";
		return r->db_failed ? CRM_EDB : CRM_ECONFLICT;
	}
	int64_t id = crm_db_last_id(r);
	crm_audit(r, "user.create", "user", id, "login", NULL, login);
	crm_audit(r, "user.create", "user", id, "role", NULL, role);
	return id;
}

int crm_user_password(crm_req *r, int64_t user_id, const char *password, const char **err_key)
{
	const char *hash = hash_password(r, password, err_key);
	if (!hash)
		return CRM_EINVAL;
	if (crm_db_exec(r, "UPDATE crm_user SET password_hash = ? WHERE id = ?", "si", hash, user_id) < 0)
		return CRM_EDB;
	/* Every other session of that user ends; the one changing it stays. */
	crm_db_exec(r, "DELETE FROM crm_session WHERE user_id = ? AND token_hash <> ?", "is", user_id,
		    r->user == user_id && r->session_hash ? r->session_hash : "");
	crm_audit(r, "user.password", "user", user_id, "password", NULL, NULL);
	return 0;
}

int crm_user_set_active(crm_req *r, int64_t user_id, int active)
{
	int64_t n = crm_db_exec(r, "UPDATE crm_user SET active = ? WHERE id = ?", "ii", (int64_t)!!active, user_id);
	if (n < 0)
		return (int)n;
	if (!active)
		crm_db_exec(r, "DELETE FROM crm_session WHERE user_id = ?", "i", user_id);
	if (n)
		crm_audit(r, "user.active", "user", user_id, "active", active ? "0" : "1", active ? "1" : "0");
	return n ? 0 : CRM_ENOTFOUND;
}

int64_t crm_user_find(crm_req *r, const char *login)
{
	crm_rows *rows = crm_db_query(r, "SELECT id FROM crm_user WHERE login = ?", "s", login ? login : "");
	return rows && rows->n_rows ? atoll(crm_rows_get(rows, 0, 0)) : 0;
}

int64_t crm_group_add(crm_req *r, const char *name, const char **err_key)
{
	if (!name || !*name || strlen(name) > 100) {
		*err_key = "core.name_required";
		return CRM_EINVAL;
	}
	crm_rows *dup = crm_db_query(r, "SELECT id FROM crm_group WHERE name = ?", "s", name);
	if (!dup)
		return CRM_EDB;
	if (dup->n_rows) {
		*err_key = "core.group_taken";
		return CRM_ECONFLICT;
	}
	if (crm_db_exec(r, "INSERT INTO crm_group (name) VALUES (?)", "s", name) < 0)
		return CRM_EDB;
	int64_t id = crm_db_last_id(r);
	crm_audit(r, "group.create", "group", id, "name", NULL, name);
	return id;
}

int crm_group_member(crm_req *r, int64_t group_id, int64_t user_id, int add)
{
	int64_t n = add ? crm_db_exec(r, "INSERT IGNORE INTO crm_group_member (group_id, user_id) "
				      "SELECT g.id, u.id FROM crm_group g, crm_user u WHERE g.id = ? AND u.id = ?",
				      "ii", group_id, user_id)
			: crm_db_exec(r, "DELETE FROM crm_group_member WHERE group_id = ? AND user_id = ?", "ii",
				      group_id, user_id);
	if (n < 0)
		return (int)n;
	if (n)
		crm_audit(r, add ? "group.member_add" : "group.member_remove", "group", group_id, "user",
			  add ? NULL : crm_psprintf(r->pool, "%lld", (long long)user_id),
			  add ? crm_psprintf(r->pool, "%lld", (long long)user_id) : NULL);
	return 0;
}

crm_rows *crm_users_active(crm_req *r)
{
	return crm_db_query(r, "SELECT id, name FROM crm_user WHERE active = 1 ORDER BY name, id LIMIT ?", "i",
			    (int64_t)CRM_USERS_OFFERED);
}
