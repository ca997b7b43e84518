/* The web form's public routes: the signed time stamp a page shows the form with, and
 * the submission, which makes a contact once the key, origin, rate, honeypot and time
 * checks pass and the fields validate as on the contact form. The script gets JSON
 * with CORS headers; a plain post gets a redirect or a page. A refusal stores nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include "contacts.h"
#include "webform.h"

#define STAMP_MIN_S 3       /* people take longer than this to fill a form in */
#define STAMP_MAX_S 86400   /* a page left open longer asks for a fresh stamp */
#define RATE_LIMIT 5        /* accepted submissions per address and form... */
#define RATE_WINDOW "10 MINUTE" /* ...within this interval */
#define HONEYPOT "website"  /* hidden from people; bots fill it in */
#define COMPANY_MAX 200     /* characters */

const char *const webform_fields[WEBFORM_N_FIELDS] = {"email", "phone", "company", "job_title", "message"};

const char *webform_origin_norm(crm_pool *p, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	while (n && s[n - 1] == '/')
		n--;
	const char *host = NULL;
	if (n > 7 && !strncasecmp(s, "http://", 7))
		host = s + 7;
	else if (n > 8 && !strncasecmp(s, "https://", 8))
		host = s + 8;
	if (!host || n > 200 || host == s + n)
		return NULL;
	char *out = crm_pstrndup(p, s, n);
	for (char *c = out; *c; c++) {
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
		/* A host and a port only: no path, user or query. */
		if (c >= out + (host - s) && !strchr("abcdefghijklmnopqrstuvwxyz0123456789-.:[]", *c))
			return NULL;
	}
	return out;
}

/* ===== answers ===== */

/* s as a JSON string, quotes included; "<" escaped too, so it is inert in any page. */
static const char *json_str(crm_pool *p, const char *s)
{
	char *out = crm_palloc(p, strlen(s) * 6 + 3), *o = out;
	*o++ = '"';
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		if (*c == '"' || *c == '\\') {
			*o++ = '\\';
			*o++ = (char)*c;
		} else if (*c < 0x20 || *c == '<' || *c == '>' || *c == '&') {
			o += sprintf(o, "\\u%04x", *c);
		} else {
			*o++ = (char)*c;
		}
	}
	*o++ = '"';
	return out;
}

static int send_json(crm_req *r, int status, const char *body)
{
	crm_header(r, "Cache-Control", "no-store");
	return crm_send(r, status, "application/json; charset=utf-8", body, strlen(body), NULL);
}

/* The form's script asks for JSON; a plain HTML post takes a page or a redirect. */
static bool wants_json(crm_req *r)
{
	const char *accept = crm_req_env(r, "HTTP_ACCEPT");
	return accept && strstr(accept, "application/json");
}

/* A refusal: status with a message (an i18n key), as JSON or as the error page. */
static int refuse(crm_req *r, bool json, int status, const char *code, const char *key)
{
	if (status == 429)
		crm_header(r, "Retry-After", "600");
	if (!json)
		return crm_error(r, status, key);
	crm_pool *p = crm_req_pool(r);
	return send_json(r, status, crm_psprintf(p, "{\"ok\":false,\"error\":%s,\"message\":%s}",
						json_str(p, code), json_str(p, crm_t(r, key))));
}

/* ===== checks ===== */

/* The active form of the URL's key, or NULL (rows NULL too on a database error). */
static const crm_rows *form_of(crm_req *r, int *rc)
{
	const char *key = crm_req_arg(r, "key");
	*rc = 0;
	/* Keys are 32 lower-case hex digits: nothing else is worth a query. */
	if (!key || strlen(key) != 32 || strspn(key, "0123456789abcdef") != 32)
		return NULL;
	crm_rows *rows = crm_db_query(r, "SELECT " WEBFORM_COLS " FROM contact_webform w "
					 "WHERE w.form_key = ? AND w.active = 1", "s", key);
	if (!rows)
		*rc = CRM_EDB;
	return rows && rows->n_rows ? rows : NULL;
}

/* Whether the request's Origin may post the form; sets the CORS headers when so. A
 * request without Origin (a server, an old browser) passes: the other checks remain. */
static bool origin_ok(crm_req *r, const crm_rows *form)
{
	const char *origin = crm_req_env(r, "HTTP_ORIGIN");
	const char *list = crm_rows_by(form, 0, "origins");
	if (!origin || !*origin)
		return true;
	if (!list || !*list) {
		/* Any site: no cookies ever go with these requests, so "*" gives nothing away. */
		crm_header(r, "Access-Control-Allow-Origin", "*");
		return true;
	}
	const char *norm = webform_origin_norm(crm_req_pool(r), origin);
	size_t n = norm ? strlen(norm) : 0;
	for (const char *s = list; norm && *s;) {
		const char *end = strchr(s, '\n');
		size_t len = end ? (size_t)(end - s) : strlen(s);
		if (len == n && !memcmp(s, norm, n)) {
			crm_header(r, "Access-Control-Allow-Origin", origin);
			crm_header(r, "Vary", "Origin");
			return true;
		}
		s += len + (end != NULL);
	}
	return false;
}

/* "<unix time>.<HMAC-SHA256 of it, hex>", keyed by the form's secret. */
static const char *stamp_make(crm_pool *p, const char *secret, long long t)
{
	char msg[32];
	int n = snprintf(msg, sizeof msg, "%lld", t);
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned len = 0;
	if (!HMAC(EVP_sha256(), secret, (int)strlen(secret), (const unsigned char *)msg, (size_t)n, md, &len))
		return NULL;
	char *out = crm_palloc(p, (size_t)n + 2 + 2 * len), *o = out + sprintf(out, "%s.", msg);
	for (unsigned i = 0; i < len; i++)
		o += sprintf(o, "%02x", md[i]);
	return out;
}

/* The age in seconds of a stamp this form made, or -1 when it is missing or forged. */
static long long stamp_age(crm_pool *p, const char *secret, const char *stamp, long long now)
{
	if (!stamp || strlen(stamp) > 100)
		return -1;
	char *end;
	long long t = strtoll(stamp, &end, 10);
	if (end == stamp || *end != '.' || t <= 0)
		return -1;
	const char *want = stamp_make(p, secret, t);
	if (!want || strlen(want) != strlen(stamp) || CRYPTO_memcmp(want, stamp, strlen(want)))
		return -1;
	return now - t;
}

/* ===== the routes ===== */

int webform_stamp(crm_req *r)
{
	int rc;
	const crm_rows *form = form_of(r, &rc);
	if (rc < 0)
		return rc;
	if (!form)
		return refuse(r, true, 404, "not_found", "contacts.webform_not_found");
	if (!origin_ok(r, form))
		return refuse(r, true, 403, "origin", "contacts.webform_origin");
	crm_pool *p = crm_req_pool(r);
	const char *stamp = stamp_make(p, crm_rows_by(form, 0, "secret"), (long long)time(NULL));
	if (!stamp)
		return CRM_EINTERNAL;
	return send_json(r, 200, crm_psprintf(p, "{\"stamp\":%s}", json_str(p, stamp)));
}

/* 0 (not asked), 1 (asked) or 2 (required) for field name of webform_fields. */
static int asked(crm_req *r, const crm_rows *form, const char *name)
{
	const char *v = crm_rows_by(form, 0, crm_psprintf(crm_req_pool(r), "f_%s", name));
	return v ? atoi(v) : 0;
}

/* The form's field a contact_check error names ("email_0" is the form's "email"). */
static const char *public_field(const char *field)
{
	if (!strncmp(field, "email_", 6))
		return "email";
	if (!strncmp(field, "phone_", 6))
		return "phone";
	if (!strcmp(field, "description"))
		return "message";
	return field;
}

static void add_error(xmlNodePtr errors, const char *field, const char *key)
{
	crm_xml_attr(crm_xml_add(errors, "error", key), "field", field);
}

static void free_node(void *node)
{
	xmlFreeNode(node);
}

/* Fill c from the post as the form asks it; a required field left blank adds an error. */
static void read_contact(crm_req *r, const crm_rows *form, contact_in *c, xmlNodePtr errors)
{
	crm_pool *p = crm_req_pool(r);
	*c = (contact_in){.kind = "person", .visibility = CRM_VIS_PRIVATE};
	c->first_name = crm_input(r, "first_name");
	c->last_name = crm_input(r, "last_name");
	const char *type = crm_rows_by(form, 0, "type_id");
	c->type_id = type ? atoll(type) : 0;
	const char *v[WEBFORM_N_FIELDS];
	for (size_t i = 0; i < WEBFORM_N_FIELDS; i++) {
		int mode = asked(r, form, webform_fields[i]);
		v[i] = mode ? crm_input(r, webform_fields[i]) : "";
		if (mode == 2 && !*v[i])
			add_error(errors, webform_fields[i], "contacts.webform_required");
	}
	if (*v[0]) {
		c->emails[0] = v[0];
		c->email_kinds[0] = "work";
		c->n_emails = 1;
	}
	if (*v[1]) {
		c->phones[0] = v[1];
		c->phone_kinds[0] = "mobile";
		c->n_phones = 1;
	}
	if (crm_utf8_chars(v[2]) > COMPANY_MAX || !crm_one_line(v[2]))
		add_error(errors, "company", "contacts.webform_company_long");
	c->job_title = v[3];
	/* The company a visitor names is text for the manager, not a record: the form must
	 * not fill the company list with whatever strangers type. */
	if (*v[2])
		c->description = crm_psprintf(p, "%s: %s%s%s", crm_t(r, "contacts.webform_company"), v[2],
					      *v[4] ? "\n\n" : "", v[4]);
	else
		c->description = v[4];
}

/* The problems as {"field": "message"} and, for a page, as <errors> under content. */
static int invalid(crm_req *r, bool json, xmlNodePtr errors)
{
	crm_pool *p = crm_req_pool(r);
	if (json) {
		const char *fields = "";
		for (xmlNodePtr e = errors->children; e; e = e->next) {
			xmlChar *field = xmlGetProp(e, BAD_CAST "field"), *key = xmlNodeGetContent(e);
			const char *name = public_field(field ? (const char *)field : "");
			/* The first problem of a field is the one to show. */
			if (!strstr(fields, crm_psprintf(p, "%s:", json_str(p, name))))
				fields = crm_psprintf(p, "%s%s%s:%s", fields, *fields ? "," : "", json_str(p, name),
						      json_str(p, crm_t(r, key ? (const char *)key : "")));
			xmlFree(field);
			xmlFree(key);
		}
		return send_json(r, 422, crm_psprintf(p, "{\"ok\":false,\"error\":\"invalid\",\"message\":%s,"
						       "\"fields\":{%s}}",
						       json_str(p, crm_t(r, "contacts.webform_invalid")), fields));
	}
	xmlNodePtr c = crm_page(r, "contacts.webform_invalid", "contacts.webform_title");
	crm_status(r, 422);
	xmlNodePtr list = crm_xml_add(c, "errors", NULL);
	for (xmlNodePtr e = errors->children; e; e = e->next) {
		xmlChar *field = xmlGetProp(e, BAD_CAST "field"), *key = xmlNodeGetContent(e);
		xmlNodePtr x = crm_xml_add(list, "error", key ? (const char *)key : "");
		crm_xml_attr(x, "field", public_field(field ? (const char *)field : ""));
		xmlFree(field);
		xmlFree(key);
	}
	return 0;
}

/* Store the contact unless the address is over its limit: its id, 0 when over the
 * limit, or a negative crm_err. One transaction, the form's row locked, so that
 * parallel posts from one address cannot all slip under the limit. */
static int64_t store(crm_req *r, const crm_rows *form, const contact_in *c, const char *address)
{
	int64_t form_id = atoll(crm_rows_by(form, 0, "id"));
	int64_t manager = atoll(crm_rows_by(form, 0, "manager_id"));
	const char *tags = crm_rows_by(form, 0, "tags");
	if (crm_db_begin(r) < 0)
		return CRM_EDB;
	crm_rows *lock = crm_db_query(r, "SELECT id FROM contact_webform WHERE id = ? FOR UPDATE", "i", form_id);
	crm_rows *hits = crm_db_query(r, "SELECT COUNT(*) FROM contact_webform_hit WHERE form_id = ? AND "
					 "address = ? AND at > NOW() - INTERVAL " RATE_WINDOW, "is", form_id, address);
	if (!lock || !hits)
		return CRM_EDB;
	if (!lock->n_rows || atoll(crm_rows_get(hits, 0, 0)) >= RATE_LIMIT) {
		crm_db_rollback(r);
		return lock->n_rows ? 0 : CRM_ENOTFOUND;
	}
	int64_t id = contact_insert(r, c, manager);
	if (id < 0)
		return id;
	if ((tags && *tags && crm_tags_set(r, "contact", id, tags) < 0) ||
	    crm_db_exec(r, "INSERT INTO contact_webform_hit (form_id, address) VALUES (?, ?)", "is", form_id,
			address) < 0 ||
	    crm_db_exec(r, "UPDATE contact_webform SET submitted = submitted + 1 WHERE id = ?", "i", form_id) < 0 ||
	    /* Old rows go a few at a time, with the submissions that make new ones. */
	    crm_db_exec(r, "DELETE FROM contact_webform_hit WHERE at < NOW() - INTERVAL 1 DAY LIMIT 100", NULL) < 0 ||
	    crm_db_commit(r) < 0)
		return CRM_EDB;
	return id;
}

int webform_submit(crm_req *r)
{
	bool json = wants_json(r);
	int rc;
	const crm_rows *form = form_of(r, &rc);
	if (rc < 0)
		return rc;
	if (!form)
		return refuse(r, json, 404, "not_found", "contacts.webform_not_found");
	if (!origin_ok(r, form))
		return refuse(r, json, 403, "origin", "contacts.webform_origin");
	const char *trap = crm_req_form(r, HONEYPOT);
	if (trap && *trap)
		return refuse(r, json, 400, "refused", "contacts.webform_refused");
	long long age = stamp_age(crm_req_pool(r), crm_rows_by(form, 0, "secret"), crm_req_form(r, "_ts"),
				  (long long)time(NULL));
	if (age < 0 || age > STAMP_MAX_S)
		return refuse(r, json, 403, "stamp", "contacts.webform_stamp");
	if (age < STAMP_MIN_S)
		return refuse(r, json, 400, "too_fast", "contacts.webform_too_fast");

	xmlNodePtr errors = xmlNewNode(NULL, BAD_CAST "errors");
	crm_pool_cleanup(crm_req_pool(r), free_node, errors);
	contact_in c;
	read_contact(r, form, &c, errors);
	int problems = contact_check(r, &c, errors);
	if (problems < 0)
		return problems;
	if (errors->children)
		return invalid(r, json, errors);

	const char *address = crm_req_env(r, "REMOTE_ADDR");
	int64_t id = store(r, form, &c, address ? address : "");
	if (id == CRM_ENOTFOUND)
		return refuse(r, json, 404, "not_found", "contacts.webform_not_found");
	if (id < 0)
		return (int)id;
	if (id == 0)
		return refuse(r, json, 429, "rate", "contacts.webform_rate");
	crm_pool *p = crm_req_pool(r);
	const char *name = crm_psprintf(p, "%s %s (%s)", c.last_name, c.first_name, crm_rows_by(form, 0, "name"));
	crm_notify(r, atoll(crm_rows_by(form, 0, "manager_id")), "contacts.webform_notify", name,
		   crm_psprintf(p, "/contacts/%lld", (long long)id));

	if (json)
		return send_json(r, 200, crm_psprintf(p, "{\"ok\":true,\"message\":%s}",
						       json_str(p, crm_t(r, "contacts.webform_thanks"))));
	const char *thanks = crm_rows_by(form, 0, "thanks_url");
	if (thanks && *thanks) {
		/* Another site's page: crm_redirect keeps to local paths, so the header is ours. */
		crm_header(r, "Location", thanks);
		return crm_send(r, 303, "text/plain; charset=utf-8", "", 0, NULL);
	}
	crm_page(r, "contacts.webform_thanks", "contacts.webform_title");
	return 0;
}
