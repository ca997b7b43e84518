/* Reading forms and query strings the same way in every plugin. */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "core.h"
#include "crm/input.h"

const char *crm_trim(crm_pool *p, const char *s)
{
	if (!s)
		return "";
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return crm_pstrndup(p, s, n);
}

const char *crm_input(crm_req *r, const char *name)
{
	return crm_trim(crm_req_pool(r), crm_req_form(r, name));
}

const char *crm_query_input(crm_req *r, const char *name)
{
	return crm_trim(crm_req_pool(r), crm_req_query(r, name));
}

int64_t crm_id(const char *s)
{
	if (!s || !isdigit((unsigned char)*s))
		return 0;
	char *end;
	long long v = strtoll(s, &end, 10);
	return !*end && v > 0 && v < INT64_MAX ? v : 0;
}

const char *crm_id_text(crm_req *r, int64_t v)
{
	return v ? crm_psprintf(crm_req_pool(r), "%lld", (long long)v) : "";
}

int64_t *crm_input_ids(crm_req *r, const char *name, size_t max, size_t *n)
{
	int64_t *ids = crm_palloc(crm_req_pool(r), (max ? max : 1) * sizeof *ids);
	*n = 0;
	for (const crm_field *f = crm_req_fields(r); f && *n < max; f = f->next) {
		if (f->filename || strcmp(f->name, name))
			continue;
		int64_t v = crm_id(f->value);
		bool seen = !v;
		for (size_t i = 0; i < *n && !seen; i++)
			seen = ids[i] == v;
		if (!seen)
			ids[(*n)++] = v;
	}
	return ids;
}

static const char *like(crm_pool *p, const char *text, bool anywhere)
{
	char *out = crm_palloc(p, strlen(text) * 2 + 3), *o = out;
	if (anywhere)
		*o++ = '%';
	for (const char *s = text; *s; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			*o++ = '\\';
		*o++ = *s;
	}
	*o++ = '%';
	*o = '\0';
	return out;
}

const char *crm_like_prefix(crm_pool *p, const char *text)
{
	return like(p, text, false);
}

const char *crm_like_any(crm_pool *p, const char *text)
{
	return like(p, text, true);
}

bool crm_date_ok(const char *s)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return false;
	return crm_civil_date_ok(atoi(s), atoi(s + 5), atoi(s + 8));
}

bool crm_one_line(const char *s)
{
	for (; s && *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return false;
	return true;
}

const char *crm_input_back(crm_req *r, const char *list)
{
	const char *b = crm_req_form(r, "back");
	size_t n = strlen(list);
	if (!b || strncmp(b, list, n) || (b[n] && b[n] != '?'))
		return list;
	/* Never a header split by a line break, nor a path a browser reads as another site. */
	return crm_one_line(b) && !strchr(b, '\\') ? b : list;
}

const char *crm_url(crm_req *r, const char *path, ...)
{
	crm_pool *p = crm_req_pool(r);
	const char *url = path, *sep = strchr(path, '?') ? "&" : "?";
	va_list ap;
	va_start(ap, path);
	for (const char *k; (k = va_arg(ap, const char *));) {
		const char *v = va_arg(ap, const char *);
		if (!v || !*v)
			continue;
		url = crm_psprintf(p, "%s%s%s=%s", url, sep, k, crm_url_encode(p, v));
		sep = "&";
	}
	va_end(ap);
	return url;
}

bool crm_email_ok(const char *s)
{
	size_t n = strlen(s);
	const char *at = strchr(s, '@');
	if (!n || n > 254 || !at || at == s || strchr(at + 1, '@') || !crm_one_line(s) || strpbrk(s, " <>\"(),;:[]\\"))
		return false;
	const char *dot = strrchr(at + 1, '.');
	return dot && dot > at + 1 && dot[1] && !strstr(at + 1, "..");
}

const char *crm_email_norm(crm_pool *p, const char *s)
{
	char *e = (char *)crm_trim(p, s);
	for (char *c = e; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	return e;
}
