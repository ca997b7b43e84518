/* Signing in and out, and changing one's password. After 5 failures for one login
 * or one address in 15 minutes, further tries are refused for the rest of the window. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "core.h"
#include "handlers.h"

#define MAX_FAILURES 5
#define LOGIN_COOKIE "crm_login"

/* A hash to verify against when the login does not exist, so timing tells nothing. */
static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static void make_dummy(void)
{
	if (crypto_pwhash_str(dummy_hash, "x", 1, crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE))
		dummy_hash[0] = 0;
}

static const char *local_next(const char *next)
{
	return next && next[0] == '/' && next[1] != '/' && next[1] != '\\' ? next : "/";
}

static int login_form(crm_req *r, const char *login, const char *next, const char *error)
{
	/* Login CSRF: the form's token must match a cookie set with the form (double submit). */
	const char *token = crm_random_token(r->pool);
	crm_header(r, "Set-Cookie", crm_psprintf(r->pool, "%s=%s; Path=/login; HttpOnly; SameSite=Strict",
						 LOGIN_COOKIE, token));
	xmlNodePtr f = crm_form(crm_page(r, "core.login", "core.sign_in"), "/login");
	crm_xml_attr(f, "class", "login");
	crm_xml_attr(f, "error", error);
	xmlNodePtr fl = crm_form_field(f, "login", "core.login_field", "text", login ? login : "");
	crm_xml_attr(fl, "required", "1");
	crm_xml_attr(fl, "autocomplete", "username");
	crm_xml_attr(fl, "autofocus", "1");
	xmlNodePtr fp = crm_form_field(f, "password", "core.password", "password", NULL);
	crm_xml_attr(fp, "required", "1");
	crm_xml_attr(fp, "autocomplete", "current-password");
	crm_form_field(f, "next", NULL, "hidden", local_next(next));
	crm_form_field(f, "login_token", NULL, "hidden", token);
	crm_form_submit(f, "core.sign_in");
	return 0;
}

int crm_h_login_page(crm_req *r)
{
	if (r->user)
		return crm_redirect(r, local_next(crm_req_query(r, "next")));
	return login_form(r, NULL, crm_req_query(r, "next"), NULL);
}

int crm_h_login_post(crm_req *r)
{
	const char *login = crm_req_form(r, "login"), *password = crm_req_form(r, "password");
	const char *next = crm_req_form(r, "next"), *token = crm_req_form(r, "login_token");
	const char *cookie = crm_req_cookie(r, LOGIN_COOKIE);
	const char *addr = crm_req_env(r, "REMOTE_ADDR");
	if (!addr)
		addr = "";
	if (!token || !cookie || strlen(token) != strlen(cookie) ||
	    sodium_memcmp(token, cookie, strlen(token))) {
		crm_status(r, 403);
		return login_form(r, login, next, "core.csrf");
	}
	if (!login || !*login || !password || !*password) {
		crm_status(r, 422);
		return login_form(r, login, next, "core.login_failed");
	}
	crm_rows *tries = crm_db_query(r,
		"SELECT (SELECT COUNT(*) FROM crm_login_failure WHERE login = ? AND at > NOW() - INTERVAL 15 MINUTE), "
		"(SELECT COUNT(*) FROM crm_login_failure WHERE address = ? AND at > NOW() - INTERVAL 15 MINUTE)",
		"ss", login, addr);
	if (!tries)
		return CRM_EDB;
	if (atol(crm_rows_get(tries, 0, 0)) >= MAX_FAILURES || atol(crm_rows_get(tries, 0, 1)) >= MAX_FAILURES) {
		crm_log("warn", "tenant %s: sign-in refused for login '%.64s' from %s: too many failures",
			crm_req_tenant(r), login, addr);
		crm_status(r, 429);
		return login_form(r, login, next, "core.locked_out");
	}
	crm_rows *u = crm_db_query(r, "SELECT id, password_hash FROM crm_user WHERE login = ? AND active = 1",
				   "s", login);
	if (!u)
		return CRM_EDB;
	pthread_once(&dummy_once, make_dummy);
	const char *hash = u->n_rows ? crm_rows_get(u, 0, 1) : dummy_hash;
	bool ok = crypto_pwhash_str_verify(hash, password, strlen(password)) == 0 && u->n_rows;
	if (!ok) {
		crm_db_exec(r, "INSERT INTO crm_login_failure (login, address) VALUES (?, ?)", "ss", login, addr);
		crm_log("info", "tenant %s: sign-in failed for login '%.64s' from %s", crm_req_tenant(r), login, addr);
		crm_status(r, 422);
		return login_form(r, login, next, "core.login_failed");
	}
	if (crm_session_start(r, atoll(crm_rows_get(u, 0, 0))) < 0)
		return CRM_EDB;
	crm_header(r, "Set-Cookie", LOGIN_COOKIE "=; Path=/login; Max-Age=0; HttpOnly; SameSite=Strict");
	return crm_redirect(r, local_next(next));
}

int crm_h_logout(crm_req *r)
{
	crm_session_end(r);
	crm_flash(r, "ok", "core.signed_out");
	return crm_redirect(r, "/login");
}

static void password_field(xmlNodePtr f, const char *name, const char *label, const char *error)
{
	xmlNodePtr fl = crm_form_field(f, name, label, "password", NULL);
	crm_xml_attr(fl, "required", "1");
	crm_xml_attr(fl, "error", error);
}

static int password_form(crm_req *r, const char *e_cur, const char *e_new, const char *e_conf)
{
	xmlNodePtr f = crm_form(crm_page(r, "core.password", "core.change_password"), "/profile/password");
	password_field(f, "current", "core.password_current", e_cur);
	password_field(f, "password", "core.password_new", e_new);
	password_field(f, "confirm", "core.password_confirm", e_conf);
	crm_form_submit(f, "core.save");
	xmlNodePtr cancel = crm_xml_add(f, "cancel", NULL);
	crm_xml_attr(cancel, "href", "/");
	crm_xml_attr(cancel, "label", "core.cancel");
	return 0;
}

int crm_h_password_page(crm_req *r)
{
	return password_form(r, NULL, NULL, NULL);
}

int crm_h_password_post(crm_req *r)
{
	const char *cur = crm_req_form(r, "current"), *pw = crm_req_form(r, "password");
	const char *conf = crm_req_form(r, "confirm");
	crm_rows *u = crm_db_query(r, "SELECT password_hash FROM crm_user WHERE id = ?", "i", r->user);
	if (!u || !u->n_rows)
		return CRM_EDB;
	const char *e_cur = NULL, *e_new = NULL, *e_conf = NULL;
	if (!cur || crypto_pwhash_str_verify(crm_rows_get(u, 0, 0), cur, strlen(cur)))
		e_cur = "core.password_wrong";
	if (!pw || strlen(pw) < 8 || strlen(pw) > 256)
		e_new = "core.password_length";
	else if (!conf || strcmp(pw, conf))
		e_conf = "core.password_mismatch";
	if (!e_cur && !e_new && !e_conf) {
		const char *err = NULL;
		if (crm_user_password(r, r->user, pw, &err) == 0) {
			crm_flash(r, "ok", "core.password_changed");
			return crm_redirect(r, "/");
		}
		e_new = err;
	}
	crm_status(r, 422);
	return password_form(r, e_cur, e_new, e_conf);
}

