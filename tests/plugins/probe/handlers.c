/* The probe's handlers: each shows what the core gave it, or does one small thing
 * a system test needs to watch from outside (sleep, query, store). */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <crm/crm.h>

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The public API looks query fields up by name only, so their names are read from
 * the raw query string; the values come from the core's parser. Each name once. */
static const char **query_names(crm_req *r, size_t *n)
{
	crm_pool *p = crm_req_pool(r);
	const char *qs = crm_req_env(r, "QUERY_STRING");
	size_t len = qs ? strlen(qs) : 0, cap = 1;
	for (size_t i = 0; i < len; i++)
		cap += qs[i] == '&';
	const char **names = crm_palloc(p, cap * sizeof *names);
	*n = 0;
	for (size_t i = 0; i < len;) {
		size_t seg = strcspn(qs + i, "&"), nl = strcspn(qs + i, "=&");
		char *name = crm_palloc(p, nl + 1), *o = name;
		for (size_t k = i; k < i + nl; k++) {
			if (qs[k] == '%' && k + 2 < i + nl && hexval(qs[k + 1]) >= 0 && hexval(qs[k + 2]) >= 0) {
				*o++ = (char)(hexval(qs[k + 1]) << 4 | hexval(qs[k + 2]));
				k += 2;
			} else {
				*o++ = qs[k] == '+' ? ' ' : qs[k];
			}
		}
		i += seg + 1;
		if (!nl || !crm_req_query(r, name))
			continue;
		bool seen = false;
		for (size_t k = 0; k < *n && !seen; k++)
			seen = !strcmp(names[k], name);
		if (!seen)
			names[(*n)++] = name;
	}
	return names;
}

/* GET or POST /probe/echo: a page listing query fields, body fields and uploads. */
int probe_echo_page(crm_req *r)
{
	xmlNodePtr c = crm_page(r, "probe.echo", "probe.title");
	crm_xml_add(c, "method", crm_req_method(r));
	crm_xml_add(c, "locale", crm_req_locale(r));
	xmlNodePtr q = crm_xml_add(c, "query", NULL);
	size_t n;
	const char **names = query_names(r, &n);
	for (size_t i = 0; i < n; i++)
		crm_xml_attr(crm_xml_add(q, "item", crm_req_query(r, names[i])), "name", names[i]);
	xmlNodePtr fields = crm_xml_add(c, "fields", NULL);
	xmlNodePtr files = crm_xml_add(c, "files", NULL);
	for (const crm_field *f = crm_req_fields(r); f; f = f->next) {
		if (f->filename) {
			xmlNodePtr file = crm_xml_add(files, "file", NULL);
			crm_xml_attr(file, "name", f->name);
			crm_xml_attr(file, "filename", f->filename);
			crm_xml_attr(file, "content_type", f->content_type);
			crm_xml_attr_int(file, "length", (int64_t)f->len);
		} else {
			crm_xml_attr(crm_xml_add(fields, "item", f->value), "name", f->name);
		}
	}
	return 0;
}

static char *hex(crm_pool *p, const char *s, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	char *out = crm_palloc(p, 2 * len + 2), *o = out;
	for (size_t i = 0; i < len; i++) {
		*o++ = digits[(unsigned char)s[i] >> 4];
		*o++ = digits[(unsigned char)s[i] & 15];
	}
	if (!len)
		*o++ = '-'; /* keeps the column count of a line fixed */
	*o = 0;
	return out;
}

static uint64_t fnv1a64(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037ull;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

/* The same as plain text, every string in hex so the test reads back exact bytes;
 * uploads as length and FNV-1a 64 of their bytes. */
int probe_echo_text(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	char *out = crm_psprintf(p, "method %s\nlocale %s\n", crm_req_method(r), crm_req_locale(r));
	size_t n;
	const char **names = query_names(r, &n);
	for (size_t i = 0; i < n; i++) {
		const char *v = crm_req_query(r, names[i]);
		out = crm_psprintf(p, "%squery %s %s\n", out, hex(p, names[i], strlen(names[i])),
				   hex(p, v, strlen(v)));
	}
	for (const crm_field *f = crm_req_fields(r); f; f = f->next) {
		if (f->filename)
			out = crm_psprintf(p, "%sfile %s %s %s %zu %016llx\n", out,
					   hex(p, f->name, strlen(f->name)),
					   hex(p, f->filename, strlen(f->filename)),
					   hex(p, f->content_type, strlen(f->content_type)), f->len,
					   (unsigned long long)fnv1a64(f->value, f->len));
		else
			out = crm_psprintf(p, "%sform %s %s\n", out, hex(p, f->name, strlen(f->name)),
					   hex(p, f->value, f->len));
	}
	return crm_send(r, 200, "text/plain; charset=utf-8", out, strlen(out), NULL);
}

/* GET /probe/slow?ms=N: an in-flight request for reload and stop tests. */
int probe_slow(crm_req *r)
{
	const char *ms = crm_req_query(r, "ms");
	long v = ms ? strtol(ms, NULL, 10) : 0;
	if (v < 0)
		v = 0;
	if (v > 5000)
		v = 5000;
	struct timespec ts = {.tv_sec = v / 1000, .tv_nsec = (v % 1000) * 1000000L};
	while (nanosleep(&ts, &ts))
		;
	char *out = crm_psprintf(crm_req_pool(r), "slept %ld pid %d\n", v, (int)getpid());
	return crm_send(r, 200, "text/plain; charset=utf-8", out, strlen(out), NULL);
}

/* GET /probe/pid: which worker process answered. */
int probe_pid(crm_req *r)
{
	char *out = crm_psprintf(crm_req_pool(r), "%d\n", (int)getpid());
	return crm_send(r, 200, "text/plain; charset=utf-8", out, strlen(out), NULL);
}

/* GET /probe/db: one prepared query rendered as a page. */
int probe_db(crm_req *r)
{
	crm_rows *rows = crm_db_query(r, "SELECT COUNT(*) AS notes, DATABASE() AS db FROM probe_note", NULL);
	if (!rows)
		return CRM_EDB;
	xmlNodePtr c = crm_page(r, "probe.db", "probe.title");
	crm_rows_xml(rows, c, "stats");
	return 0;
}

/* POST /probe/notes: store the field "body". */
int probe_note_add(crm_req *r)
{
	const char *body = crm_req_form(r, "body");
	if (!body || !*body)
		return CRM_EINVAL;
	int64_t n = crm_db_exec(r, "INSERT INTO probe_note (body) VALUES (?)", "s", body);
	if (n < 0)
		return (int)n;
	char *out = crm_psprintf(crm_req_pool(r), "stored %lld\n", (long long)crm_db_last_id(r));
	return crm_send(r, 200, "text/plain; charset=utf-8", out, strlen(out), NULL);
}

/* POST /probe/notes/clear: deletes the notes starting with "prefix"; reached only
 * with the session's CSRF token. */
int probe_notes_clear(crm_req *r)
{
	const char *prefix = crm_req_form(r, "prefix");
	if (!prefix || !*prefix)
		return CRM_EINVAL;
	int64_t n = crm_db_exec(r, "DELETE FROM probe_note WHERE body LIKE CONCAT(?, '%')", "s", prefix);
	if (n < 0)
		return (int)n;
	char *out = crm_psprintf(crm_req_pool(r), "cleared %lld\n", (long long)n);
	return crm_send(r, 200, "text/plain; charset=utf-8", out, strlen(out), NULL);
}

/* GET /probe/secret: needs probe.secret, which nobody holds yet. */
int probe_secret(crm_req *r)
{
	return crm_send(r, 200, "text/plain; charset=utf-8", "secret\n", 7, NULL);
}

/* GET /probe/sandbox?path=P: a page whose template asks document(P); the core's
 * stylesheet sandbox must refuse the read. */
int probe_sandbox(crm_req *r)
{
	xmlNodePtr c = crm_page(r, "probe.sandbox", "probe.title");
	crm_xml_add(c, "path", crm_req_query(r, "path"));
	return 0;
}
