/* Sessions: a random 256-bit token in an HttpOnly cookie, stored as its SHA-256,
 * so workers keep no state and a leaked table opens nothing. */
#include <string.h>
#include <sodium.h>
#include "core.h"

#define COOKIE "crm_session"

char *crm_random_token(crm_pool *p)
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	size_t n = sodium_base64_ENCODED_LEN(sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	char *s = crm_palloc(p, n);
	sodium_bin2base64(s, n, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return s;
}

const char *crm_token_hash(crm_pool *p, const char *token)
{
	char *hex = crm_palloc(p, 65);
	crm_sha256_hex(token, hex);
	return hex;
}

static bool https(crm_req *r)
{
	const char *h = crm_req_env(r, "HTTPS"), *s = crm_req_env(r, "REQUEST_SCHEME");
	return (h && (!strcmp(h, "on") || !strcmp(h, "1"))) || (s && !strcmp(s, "https"));
}

static void set_cookie(crm_req *r, const char *value, bool clear)
{
	crm_header(r, "Set-Cookie",
		   crm_psprintf(r->pool, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s%s", COOKIE, value,
				https(r) ? "; Secure" : "", clear ? "; Max-Age=0" : ""));
}

int crm_session_load(crm_req *r)
{
	const char *token = crm_req_cookie(r, COOKIE);
	if (!token || strlen(token) != 43)
		return 0;
	const char *hash = crm_token_hash(r->pool, token);
	crm_rows *rows = crm_db_query(r,
		"SELECT s.user_id, s.csrf, u.name, u.role, u.locale, "
		"TIMESTAMPDIFF(SECOND, s.last_seen, NOW()) AS idle, "
		"TIMESTAMPDIFF(SECOND, s.created_at, NOW()) AS age, "
		"(SELECT GROUP_CONCAT(DISTINCT g.permission) FROM crm_group_grant g "
		" JOIN crm_group_member m ON m.group_id = g.group_id WHERE m.user_id = u.id) AS grants, "
		"(u.role = 'owner' OR COALESCE((SELECT value FROM crm_setting WHERE name = 'access.mode'), 'all') <> 'chosen' "
		" OR EXISTS (SELECT 1 FROM crm_access a WHERE a.user_id = u.id OR a.group_id IN "
		"  (SELECT group_id FROM crm_group_member WHERE user_id = u.id))) AS allowed, "
		"(SELECT COUNT(*) FROM crm_notification n WHERE n.user_id = u.id AND n.read_at IS NULL) AS unread, "
		"u.timezone "
		"FROM crm_session s JOIN crm_user u ON u.id = s.user_id "
		"WHERE s.token_hash = ? AND u.active = 1",
		"s", hash);
	if (!rows)
		return CRM_EDB;
	if (!rows->n_rows) {
		set_cookie(r, "", true);
		return 0;
	}
	long idle = atol(crm_rows_get(rows, 0, 5)), age = atol(crm_rows_get(rows, 0, 6));
	if (idle > (long)crm_rt.conf->session_idle || age > (long)crm_rt.conf->session_max) {
		crm_db_exec(r, "DELETE FROM crm_session WHERE token_hash = ?", "s", hash);
		set_cookie(r, "", true);
		return 0;
	}
	/* One write a minute at most keeps the idle clock without a write per request. */
	if (idle > 60)
		crm_db_exec(r, "UPDATE crm_session SET last_seen = NOW() WHERE token_hash = ?", "s", hash);
	r->user = atoll(crm_rows_get(rows, 0, 0));
	r->csrf = crm_rows_get(rows, 0, 1);
	r->user_name = crm_rows_get(rows, 0, 2);
	r->role = crm_rows_get(rows, 0, 3);
	r->locale = crm_rows_get(rows, 0, 4);
	const char *g = crm_rows_get(rows, 0, 7);
	r->grants = crm_psprintf(r->pool, ",%s,", g ? g : "");
	r->locked_out = strcmp(crm_rows_get(rows, 0, 8), "1") != 0;
	r->unread = atol(crm_rows_get(rows, 0, 9));
	r->timezone = crm_rows_get(rows, 0, 10);
	r->session_hash = hash;
	return 0;
}

int crm_session_start(crm_req *r, int64_t user_id)
{
	char *token = crm_random_token(r->pool), *csrf = crm_random_token(r->pool);
	const char *addr = crm_req_env(r, "REMOTE_ADDR");
	if (crm_db_exec(r, "INSERT INTO crm_session (token_hash, user_id, csrf, address) VALUES (?, ?, ?, ?)",
			"siss", crm_token_hash(r->pool, token), user_id, csrf, addr ? addr : "") < 0)
		return CRM_EDB;
	set_cookie(r, token, false);
	return 0;
}

void crm_session_end(crm_req *r)
{
	if (r->session_hash)
		crm_db_exec(r, "DELETE FROM crm_session WHERE token_hash = ?", "s", r->session_hash);
	set_cookie(r, "", true);
	r->user = 0;
	r->session_hash = NULL;
}

bool crm_csrf_ok(crm_req *r)
{
	if (!r->csrf || !*r->csrf)
		return false;
	const char *sent = crm_req_form(r, "csrf");
	if (!sent)
		sent = crm_req_env(r, "HTTP_X_CSRF_TOKEN");
	size_t n = strlen(r->csrf);
	return sent && strlen(sent) == n && !sodium_memcmp(sent, r->csrf, n);
}

const char *crm_req_csrf(crm_req *r) { return r->csrf ? r->csrf : ""; }
const char *crm_req_role(crm_req *r) { return r->user ? r->role : NULL; }
const char *crm_req_user_name(crm_req *r) { return r->user ? r->user_name : NULL; }

int crm_req_is_admin(crm_req *r)
{
	return r->user && r->role && (!strcmp(r->role, CRM_ROLE_OWNER) || !strcmp(r->role, CRM_ROLE_ADMIN));
}
