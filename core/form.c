/* Parsing of query strings, urlencoded and multipart bodies and cookies into a pool.
 *
 * All parsers are all-or-nothing: fields are collected on a private list and only
 * appended to *list when the whole input parsed, so a caller never sees half a form.
 * Every byte is read through an explicit (pointer, length) bound; nothing relies on a
 * terminating NUL except the Cookie and Content-Type headers, which are C strings.
 *
 * Text (names, non-file values, filenames, cookies) must be strict UTF-8 *without NUL*:
 * U+0000 is valid UTF-8, but values are handed on as C strings, so an embedded NUL would
 * silently cut a value short after it was validated (and smuggle bytes past checks). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem */
#endif
#include <stdint.h>
#include <string.h>
#include "form.h"

/* Used when the caller passes no limits, so a NULL never means "unbounded". */
static const crm_form_limits default_limits = {
	.max_fields = 1000,
	.max_field_len = 1024 * 1024,
};

/* RFC 7578 does not bound part headers; browsers send a few hundred bytes. */
#define MP_MAX_HEADERS 8192
/* RFC 2046: a boundary is 1 to 70 characters. */
#define MP_MAX_BOUNDARY 70

bool crm_utf8_valid(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		unsigned c = u[i];
		if (c >= 0x01 && c < 0x80) {
			i++;
			continue;
		}
		/* Unicode 15, table 3-7: the second byte's range is what rules out
		 * overlongs (E0, F0), surrogates (ED) and code points above U+10FFFF (F4). */
		size_t n;
		unsigned lo = 0x80, hi = 0xBF;
		if (c >= 0xC2 && c <= 0xDF) {
			n = 1;
		} else if (c == 0xE0) {
			n = 2;
			lo = 0xA0;
		} else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
			n = 2;
		} else if (c == 0xED) {
			n = 2;
			hi = 0x9F;
		} else if (c == 0xF0) {
			n = 3;
			lo = 0x90;
		} else if (c >= 0xF1 && c <= 0xF3) {
			n = 3;
		} else if (c == 0xF4) {
			n = 3;
			hi = 0x8F;
		} else {
			return false; /* NUL, stray continuation, C0/C1 overlongs, F5..FF */
		}
		if (len - i - 1 < n)
			return false;
		if (u[i + 1] < lo || u[i + 1] > hi)
			return false;
		for (size_t k = 2; k <= n; k++)
			if ((u[i + k] & 0xC0) != 0x80)
				return false;
		i += n + 1;
	}
	return true;
}

/* ---- shared helpers ---- */

struct flist {
	crm_field *head, *tail;
	size_t n;
};

/* Binary-safe copy: uploads hold NULs, so nothing here may stop at one. */
static char *pmemdup(crm_pool *p, const char *s, size_t n)
{
	char *d = crm_palloc(p, n + 1);
	if (n)
		memcpy(d, s, n);
	d[n] = 0;
	return d;
}

static int flist_add(crm_pool *p, struct flist *l, const crm_form_limits *lim,
		     const char *name, const char *value, size_t len,
		     const char *filename, const char *content_type)
{
	if (l->n >= lim->max_fields)
		return CRM_FORM_TOO_MANY;
	crm_field *f = crm_palloc(p, sizeof *f);
	f->name = name;
	f->value = value;
	f->len = len;
	f->filename = filename;
	f->content_type = content_type;
	f->next = NULL;
	if (l->tail)
		l->tail->next = f;
	else
		l->head = f;
	l->tail = f;
	l->n++;
	return CRM_FORM_OK;
}

static void flist_commit(struct flist *l, crm_field **list)
{
	if (!l->head)
		return;
	while (*list)
		list = &(*list)->next;
	*list = l->head;
}

static int hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decodes s[0..n) into out (room for n bytes); plus turns '+' into ' '. */
static int url_decode(const char *s, size_t n, bool plus, char *out, size_t *outlen)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '%') {
			if (n - i < 3)
				return CRM_FORM_MALFORMED;
			int h = hexval((unsigned char)s[i + 1]), l = hexval((unsigned char)s[i + 2]);
			if (h < 0 || l < 0)
				return CRM_FORM_MALFORMED;
			out[o++] = (char)(h << 4 | l);
			i += 2;
		} else if (c == '+' && plus) {
			out[o++] = ' ';
		} else {
			out[o++] = c;
		}
	}
	out[o] = 0;
	*outlen = o;
	return CRM_FORM_OK;
}

static bool is_ows(char c)
{
	return c == ' ' || c == '\t';
}

/* RFC 9110 tchar: what header and parameter names are made of. */
static bool is_tchar(unsigned char c)
{
	return c > 0x20 && c < 0x7f && !strchr("()<>@,;:\\\"/[]?={}", c);
}

/* Case-insensitive comparison of s[0..n) with an ASCII literal. */
static bool ieq(const char *s, size_t n, const char *lit)
{
	size_t i = 0;
	for (; i < n && lit[i]; i++) {
		unsigned char a = (unsigned char)s[i], b = (unsigned char)lit[i];
		if (a >= 'A' && a <= 'Z')
			a += 'a' - 'A';
		if (a != b)
			return false;
	}
	return i == n && !lit[i];
}

/* ---- application/x-www-form-urlencoded ---- */

int crm_form_parse_urlencoded(crm_pool *p, const char *s, size_t len,
			      const crm_form_limits *lim, crm_field **list)
{
	if (!lim)
		lim = &default_limits;
	struct flist l = {0};
	size_t i = 0;
	while (i < len) {
		const char *seg = s + i;
		const char *amp = memchr(seg, '&', len - i);
		size_t n = amp ? (size_t)(amp - seg) : len - i;
		i += n + 1;
		if (n == 0)
			continue; /* "a&&b", a leading or trailing '&' */
		/* Checked before decoding so a flood of tiny fields costs nothing. */
		if (l.n >= lim->max_fields)
			return CRM_FORM_TOO_MANY;
		const char *eq = memchr(seg, '=', n);
		size_t nn = eq ? (size_t)(eq - seg) : n;
		const char *v = eq ? eq + 1 : seg + n;
		size_t vn = eq ? n - nn - 1 : 0;
		char *name = crm_palloc(p, nn + 1), *val = crm_palloc(p, vn + 1);
		size_t dn, dv;
		if (url_decode(seg, nn, true, name, &dn) < 0 ||
		    url_decode(v, vn, true, val, &dv) < 0)
			return CRM_FORM_MALFORMED;
		if (dv > lim->max_field_len)
			return CRM_FORM_TOO_LONG;
		if (!crm_utf8_valid(name, dn) || !crm_utf8_valid(val, dv))
			return CRM_FORM_BAD_UTF8;
		/* An empty name ("=x") is kept, as the WHATWG parser does; it is harmless. */
		int rc = flist_add(p, &l, lim, name, val, dv, NULL, NULL);
		if (rc < 0)
			return rc;
	}
	flist_commit(&l, list);
	return CRM_FORM_OK;
}

/* ---- Cookie header ---- */

/* Cookies are whatever any site on the domain set, so a bad pair is dropped rather than
 * failing the request; only the count limit fails the whole header. */
int crm_form_parse_cookies(crm_pool *p, const char *header,
			   const crm_form_limits *lim, crm_field **list)
{
	if (!lim)
		lim = &default_limits;
	if (!header)
		return CRM_FORM_OK;
	struct flist l = {0};
	size_t len = strlen(header), i = 0;
	while (i < len) {
		const char *seg = header + i;
		const char *semi = memchr(seg, ';', len - i);
		size_t n = semi ? (size_t)(semi - seg) : len - i;
		i += n + 1;
		const char *eq = memchr(seg, '=', n);
		if (!eq)
			continue; /* empty segment or a pair without '=' */
		const char *ns = seg, *ne = eq, *vs = eq + 1, *ve = seg + n;
		while (ns < ne && is_ows(*ns))
			ns++;
		while (ne > ns && is_ows(ne[-1]))
			ne--;
		while (vs < ve && is_ows(*vs))
			vs++;
		while (ve > vs && is_ows(ve[-1]))
			ve--;
		if (ns == ne)
			continue;
		if (ve - vs >= 2 && *vs == '"' && ve[-1] == '"') {
			vs++;
			ve--;
		}
		bool bad = false;
		for (const char *c = ns; c < ne && !bad; c++)
			bad = (unsigned char)*c <= 0x20 || *c == 0x7f || *c == '"';
		for (const char *c = vs; c < ve && !bad; c++)
			bad = (unsigned char)*c < 0x20 || *c == 0x7f;
		size_t nn = (size_t)(ne - ns), vn = (size_t)(ve - vs);
		if (bad || vn > lim->max_field_len || !crm_utf8_valid(ns, nn) ||
		    !crm_utf8_valid(vs, vn))
			continue;
		int rc = flist_add(p, &l, lim, pmemdup(p, ns, nn), pmemdup(p, vs, vn), vn,
				   NULL, NULL);
		if (rc < 0)
			return rc;
	}
	flist_commit(&l, list);
	return CRM_FORM_OK;
}

/* ---- multipart/form-data (RFC 7578, RFC 2046) ---- */

/* One "; name=value" header parameter, value still raw (quoted or a token). */
struct hparam {
	const char *name;
	size_t nlen;
	const char *val;
	size_t vlen;
	bool quoted;
};

/* Reads the next parameter from s[*i..n): 1 when one was read, 0 at the end, <0 when
 * malformed. Empty parameters (";;", a trailing ';') are skipped. */
static int next_param(const char *s, size_t n, size_t *i, struct hparam *hp)
{
	size_t k = *i;
	for (;;) {
		while (k < n && is_ows(s[k]))
			k++;
		if (k == n) {
			*i = k;
			return 0;
		}
		if (s[k] != ';')
			return CRM_FORM_MALFORMED;
		k++;
		while (k < n && is_ows(s[k]))
			k++;
		if (k < n && s[k] != ';')
			break;
	}
	hp->name = s + k;
	while (k < n && is_tchar((unsigned char)s[k]))
		k++;
	hp->nlen = (size_t)(s + k - hp->name);
	if (hp->nlen == 0)
		return CRM_FORM_MALFORMED;
	while (k < n && is_ows(s[k]))
		k++;
	if (k == n || s[k] != '=')
		return CRM_FORM_MALFORMED;
	k++;
	while (k < n && is_ows(s[k]))
		k++;
	if (k < n && s[k] == '"') {
		hp->quoted = true;
		hp->val = s + ++k;
		for (;;) {
			if (k == n)
				return CRM_FORM_MALFORMED; /* unterminated quoted-string */
			if (s[k] == '"')
				break;
			if (s[k] == '\\' && ++k == n)
				return CRM_FORM_MALFORMED;
			k++;
		}
		hp->vlen = (size_t)(s + k - hp->val);
		k++;
	} else {
		hp->quoted = false;
		hp->val = s + k;
		/* Laxer than a token: unquoted boundaries often hold '=' or '/', and some
		 * clients put raw UTF-8 in unquoted filenames. */
		while (k < n && (unsigned char)s[k] > 0x20 && s[k] != 0x7f && s[k] != ';' &&
		       s[k] != '"')
			k++;
		hp->vlen = (size_t)(s + k - hp->val);
		if (hp->vlen == 0)
			return CRM_FORM_MALFORMED;
	}
	*i = k;
	return 1;
}

/* The parameter's value in the pool, quoted-string backslash escapes undone. */
static char *param_value(crm_pool *p, const struct hparam *hp, size_t *outlen)
{
	char *d = crm_palloc(p, hp->vlen + 1);
	size_t o = 0;
	for (size_t k = 0; k < hp->vlen; k++) {
		if (hp->quoted && hp->val[k] == '\\')
			k++; /* next_param guarantees a character follows */
		d[o++] = hp->val[k];
	}
	d[o] = 0;
	*outlen = o;
	return d;
}

/* The boundary parameter of a multipart/form-data Content-Type header. */
static int parse_boundary(crm_pool *p, const char *ct, const char **out, size_t *olen)
{
	if (!ct)
		return CRM_FORM_MALFORMED;
	size_t n = strlen(ct), i = 0;
	while (i < n && is_ows(ct[i]))
		i++;
	size_t ts = i;
	while (i < n && ct[i] != ';' && !is_ows(ct[i]))
		i++;
	if (!ieq(ct + ts, i - ts, "multipart/form-data"))
		return CRM_FORM_MALFORMED;
	const char *b = NULL;
	size_t blen = 0;
	struct hparam hp;
	int r;
	while ((r = next_param(ct, n, &i, &hp)) > 0) {
		if (!ieq(hp.name, hp.nlen, "boundary"))
			continue;
		if (b)
			return CRM_FORM_MALFORMED; /* two boundaries: which one a proxy used is unknowable */
		b = param_value(p, &hp, &blen);
	}
	if (r < 0 || !b || blen == 0 || blen > MP_MAX_BOUNDARY || b[blen - 1] == ' ')
		return CRM_FORM_MALFORMED;
	for (size_t k = 0; k < blen; k++)
		if ((unsigned char)b[k] < 0x20 || (unsigned char)b[k] > 0x7e)
			return CRM_FORM_MALFORMED;
	*out = b;
	*olen = blen;
	return CRM_FORM_OK;
}

enum { DELIM_NONE = -1, DELIM_OPEN = 0, DELIM_CLOSE = 1 };

/* What follows "--boundary" at s: "--" closes, optional padding and a line end opens
 * the next part, anything else means the text only looked like a boundary. */
static int after_delim(const char *s, const char *end, const char **next, bool *crlf)
{
	if (end - s >= 2 && s[0] == '-' && s[1] == '-')
		return DELIM_CLOSE;
	while (s < end && is_ows(*s))
		s++;
	if (s < end && *s == '\n') {
		*next = s + 1;
		*crlf = false;
		return DELIM_OPEN;
	}
	if (end - s >= 2 && s[0] == '\r' && s[1] == '\n') {
		*next = s + 2;
		*crlf = true;
		return DELIM_OPEN;
	}
	return DELIM_NONE;
}

struct mp_part {
	bool has_disp;
	const char *name;
	size_t nlen;
	const char *filename; /* NULL when the part is not a file */
	size_t fnlen;
	const char *ctype;
	size_t ctlen;
};

/* filename*=UTF-8''%e2%82%ac.txt (RFC 8187); NULL when not usable, then filename= rules. */
static char *ext_value_utf8(crm_pool *p, const char *v, size_t n, size_t *outlen)
{
	const char *q1 = memchr(v, '\'', n);
	if (!q1 || !ieq(v, (size_t)(q1 - v), "utf-8"))
		return NULL;
	const char *rest = q1 + 1;
	const char *q2 = memchr(rest, '\'', (size_t)(v + n - rest));
	if (!q2)
		return NULL;
	rest = q2 + 1;
	size_t rn = (size_t)(v + n - rest);
	char *d = crm_palloc(p, rn + 1);
	if (url_decode(rest, rn, false, d, outlen) < 0)
		return NULL;
	return d;
}

static int parse_disposition(crm_pool *p, const char *s, size_t n, struct mp_part *pt)
{
	size_t i = 0;
	while (i < n && is_tchar((unsigned char)s[i]))
		i++;
	if (!ieq(s, i, "form-data"))
		return CRM_FORM_MALFORMED;
	bool seen_fn = false, seen_ext = false;
	struct hparam hp;
	int r;
	while ((r = next_param(s, n, &i, &hp)) > 0) {
		size_t vl;
		if (ieq(hp.name, hp.nlen, "name")) {
			if (pt->name)
				return CRM_FORM_MALFORMED;
			pt->name = param_value(p, &hp, &pt->nlen);
		} else if (ieq(hp.name, hp.nlen, "filename")) {
			if (seen_fn)
				return CRM_FORM_MALFORMED;
			seen_fn = true;
			char *v = param_value(p, &hp, &vl);
			if (!seen_ext) { /* filename* wins whatever the order */
				pt->filename = v;
				pt->fnlen = vl;
			}
		} else if (ieq(hp.name, hp.nlen, "filename*")) {
			if (seen_ext)
				return CRM_FORM_MALFORMED;
			char *raw = param_value(p, &hp, &vl);
			size_t el;
			char *v = ext_value_utf8(p, raw, vl, &el);
			if (v) {
				seen_ext = true;
				pt->filename = v;
				pt->fnlen = el;
			}
		}
	}
	return r < 0 ? r : CRM_FORM_OK;
}

/* Reads part headers from s up to the blank line; *content is set past it. */
static int parse_part_headers(crm_pool *p, const char *s, const char *end,
			      struct mp_part *pt, const char **content)
{
	const char *limit = end - s > MP_MAX_HEADERS ? s + MP_MAX_HEADERS : end;
	const char *q = s;
	for (;;) {
		const char *nl = memchr(q, '\n', (size_t)(limit - q));
		if (!nl)
			return CRM_FORM_MALFORMED; /* truncated, or headers over the limit */
		const char *le = nl;
		if (le > q && le[-1] == '\r')
			le--;
		if (le == q) {
			*content = nl + 1;
			return CRM_FORM_OK;
		}
		/* No folding, no stray CR or NUL: each would let a header hide another. */
		for (const char *c = q; c < le; c++)
			if (((unsigned char)*c < 0x20 && *c != '\t') || *c == 0x7f)
				return CRM_FORM_MALFORMED;
		const char *colon = memchr(q, ':', (size_t)(le - q));
		if (!colon || colon == q)
			return CRM_FORM_MALFORMED;
		for (const char *c = q; c < colon; c++)
			if (!is_tchar((unsigned char)*c))
				return CRM_FORM_MALFORMED;
		const char *vs = colon + 1, *ve = le;
		while (vs < ve && is_ows(*vs))
			vs++;
		while (ve > vs && is_ows(ve[-1]))
			ve--;
		size_t hn = (size_t)(colon - q), vn = (size_t)(ve - vs);
		if (ieq(q, hn, "content-disposition")) {
			if (pt->has_disp)
				return CRM_FORM_MALFORMED;
			pt->has_disp = true;
			int rc = parse_disposition(p, vs, vn, pt);
			if (rc < 0)
				return rc;
		} else if (ieq(q, hn, "content-type")) {
			if (pt->ctype)
				return CRM_FORM_MALFORMED;
			pt->ctype = pmemdup(p, vs, vn);
			pt->ctlen = vn;
		}
		/* Other headers (Content-Transfer-Encoding, ...) are deprecated or moot. */
		q = nl + 1;
	}
}

int crm_form_parse_multipart(crm_pool *p, const char *body, size_t len,
			     const char *content_type, const crm_form_limits *lim,
			     crm_field **list)
{
	if (!lim)
		lim = &default_limits;
	const char *b;
	size_t blen;
	if (parse_boundary(p, content_type, &b, &blen) < 0)
		return CRM_FORM_MALFORMED;
	/* delim is "\r\n--boundary"; the first one has no line end before it. */
	char delim[4 + MP_MAX_BOUNDARY];
	memcpy(delim, "\r\n--", 4);
	memcpy(delim + 4, b, blen);
	size_t dlen = 4 + blen;
	if (!body || len < dlen - 2)
		return CRM_FORM_MALFORMED;
	const char *end = body + len, *cur = NULL;
	bool crlf = true;

	/* The preamble is skipped: the first "--boundary" that starts a line and is a
	 * real delimiter opens the first part; its line end fixes CRLF or LF mode. */
	for (const char *at = body;;) {
		const char *m = memmem(at, (size_t)(end - at), delim + 2, dlen - 2);
		if (!m)
			return CRM_FORM_MALFORMED;
		if (m == body || m[-1] == '\n') {
			int r = after_delim(m + dlen - 2, end, &cur, &crlf);
			if (r == DELIM_CLOSE)
				return CRM_FORM_OK; /* a form with no fields */
			if (r == DELIM_OPEN)
				break;
		}
		at = m + 1;
	}
	/* In LF mode a part ends at "\n--boundary", so a CR there belongs to the data. */
	const char *needle = crlf ? delim : delim + 1;
	size_t nlen = crlf ? dlen : dlen - 1;

	struct flist l = {0};
	for (;;) {
		if (l.n >= lim->max_fields)
			return CRM_FORM_TOO_MANY;
		struct mp_part pt = {0};
		const char *cs;
		int rc = parse_part_headers(p, cur, end, &pt, &cs);
		if (rc < 0)
			return rc;
		if (!pt.has_disp || !pt.name)
			return CRM_FORM_MALFORMED;
		const char *m, *next = NULL;
		int r;
		for (const char *at = cs;; at = m + 1) {
			m = memmem(at, (size_t)(end - at), needle, nlen);
			if (!m)
				return CRM_FORM_MALFORMED; /* no final boundary */
			bool dummy;
			r = after_delim(m + nlen, end, &next, &dummy);
			if (r != DELIM_NONE)
				break;
		}
		size_t vn = (size_t)(m - cs);
		if (!crm_utf8_valid(pt.name, pt.nlen))
			return CRM_FORM_BAD_UTF8;
		if (pt.filename) {
			/* Uploads are bytes of any kind; only the body limit bounds them. The
			 * filename is the client's word: never use it as a path. */
			if (!crm_utf8_valid(pt.filename, pt.fnlen))
				return CRM_FORM_BAD_UTF8;
			if (pt.ctype && !crm_utf8_valid(pt.ctype, pt.ctlen))
				return CRM_FORM_BAD_UTF8;
			const char *ct = pt.ctype && pt.ctlen ? pt.ctype : "application/octet-stream";
			rc = flist_add(p, &l, lim, pt.name, pmemdup(p, cs, vn), vn, pt.filename, ct);
		} else {
			if (vn > lim->max_field_len)
				return CRM_FORM_TOO_LONG;
			if (!crm_utf8_valid(cs, vn))
				return CRM_FORM_BAD_UTF8;
			rc = flist_add(p, &l, lim, pt.name, pmemdup(p, cs, vn), vn, NULL, NULL);
		}
		if (rc < 0)
			return rc;
		if (r == DELIM_CLOSE)
			break; /* the epilogue is ignored */
		cur = next;
	}
	flist_commit(&l, list);
	return CRM_FORM_OK;
}
