/* CSV: the writer behind list exports and "export all" (RFC 4180, UTF-8 with a BOM for
 * Excel), and the reader of the import wizard over libcsv, with encoding detection. */
#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include "core.h"
#include "csv-reader.h"
#include "form.h"

/* ===== the writer ===== */

struct crm_csv {
	char *buf;
	size_t len, cap;
};

static void csv_free_buf(void *data)
{
	crm_csv *c = data;
	free(c->buf);
	c->buf = NULL;
}

static void put(crm_csv *c, const char *s, size_t n)
{
	if (c->len + n + 1 > c->cap) {
		size_t cap = c->cap ? c->cap : 8192;
		while (cap < c->len + n + 1)
			cap *= 2;
		char *b = realloc(c->buf, cap);
		if (!b)
			abort();
		c->buf = b;
		c->cap = cap;
	}
	memcpy(c->buf + c->len, s, n);
	c->len += n;
	c->buf[c->len] = 0;
}

crm_csv *crm_csv_new(crm_req *r)
{
	crm_csv *c = crm_palloc(r->pool, sizeof *c);
	crm_pool_cleanup(r->pool, csv_free_buf, c);
	/* Excel reads a CSV as the system's ANSI code page unless it starts with a BOM. */
	put(c, "\xEF\xBB\xBF", 3);
	return c;
}

/* Whether a spreadsheet would run s as a formula: it starts with =, @, a tab or a CR,
 * or with + or - and holds more than a number's or a phone's
 * characters ("+7 (912) 345-67-89" and "-1 500,50" stay as they are, "+HYPERLINK(..."
 * and "-2+3+cmd|..." do not: a web form visitor may type them). */
static bool is_formula(const char *s)
{
	if (s[0] == '=' || s[0] == '@' || s[0] == '\t' || s[0] == '\r')
		return true;
	return (s[0] == '+' || s[0] == '-') && strspn(s, "0123456789 +-().,/") != strlen(s);
}

static void cell(crm_csv *c, const char *s)
{
	if (!s || !*s)
		return;
	size_t n = strlen(s);
	/* A formula is kept as text by a leading apostrophe, inside quotes. */
	bool formula = is_formula(s);
	bool quote = formula || strpbrk(s, ",;\t\"\r\n") || s[0] == ' ' || s[n - 1] == ' ';
	if (!quote) {
		put(c, s, n);
		return;
	}
	put(c, "\"", 1);
	if (formula)
		put(c, "'", 1);
	for (const char *q; (q = strchr(s, '"')); s = q + 1) {
		put(c, s, (size_t)(q - s) + 1);
		put(c, "\"", 1);
	}
	put(c, s, strlen(s));
	put(c, "\"", 1);
}

void crm_csv_row(crm_csv *csv, const char *const *cells, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			put(csv, ",", 1);
		cell(csv, cells[i]);
	}
	put(csv, "\r\n", 2);
}

const char *crm_csv_data(const crm_csv *csv, size_t *len)
{
	if (len)
		*len = csv->len;
	return csv->buf ? csv->buf : "";
}

int crm_csv_send(crm_req *r, const crm_csv *csv, const char *filename)
{
	return crm_send(r, 200, "text/csv; charset=utf-8", crm_csv_data(csv, NULL), csv->len, filename);
}

/* ===== encodings ===== */

const char *crm_csv_enc_name(int enc)
{
	switch (enc) {
	case CRM_CSV_UTF8_BOM: return "utf-8-bom";
	case CRM_CSV_CP1251: return "windows-1251";
	case CRM_CSV_UTF16: return "utf-16";
	default: return "utf-8";
	}
}

/* Control bytes other than tab, CR and LF (and a form feed some exports leave) mean the
 * file is not text: a spreadsheet, an image, a UTF-16 file without its BOM. */
static bool binary(const unsigned char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] < 0x20 && s[i] != '\t' && s[i] != '\r' && s[i] != '\n' && s[i] != '\f')
			return true;
	return false;
}

/* Windows-1251 is plausible when most bytes above ASCII are Cyrillic letters (0xC0-0xFF,
 * Ё 0xA8, ё 0xB8). UTF-8 read that way is half continuation bytes (0x80-0xBF), so
 * broken UTF-8 fails here instead of turning into mojibake. 0x98 is unassigned. */
static bool cp1251_plausible(const unsigned char *s, size_t len)
{
	size_t high = 0, letters = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < 0x80)
			continue;
		if (s[i] == 0x98)
			return false;
		high++;
		letters += s[i] >= 0xC0 || s[i] == 0xA8 || s[i] == 0xB8;
	}
	return high && letters * 10 >= high * 7;
}

int crm_csv_detect_encoding(const char *data, size_t len, int *enc, const char **err_key)
{
	const unsigned char *s = (const unsigned char *)data;
	if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
		*enc = CRM_CSV_UTF16;
		return 0;
	}
	bool bom = len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF;
	const unsigned char *t = bom ? s + 3 : s;
	size_t n = bom ? len - 3 : len;
	if (binary(t, n)) {
		*err_key = "import.not_text";
		return -1;
	}
	if (crm_utf8_valid((const char *)t, n)) {
		*enc = bom ? CRM_CSV_UTF8_BOM : CRM_CSV_UTF8;
		return 0;
	}
	if (!bom && cp1251_plausible(t, n)) {
		*enc = CRM_CSV_CP1251;
		return 0;
	}
	*err_key = "import.bad_encoding";
	return -1;
}

/* iconv from charset into UTF-8; out has room for cap bytes. */
static bool convert(const char *charset, const char *in, size_t len, char *out, size_t cap, size_t *out_len)
{
	iconv_t cd = iconv_open("UTF-8", charset);
	if (cd == (iconv_t)-1)
		return false;
	char *ip = (char *)in, *op = out;
	size_t il = len, ol = cap;
	size_t rc = iconv(cd, &ip, &il, &op, &ol);
	if (rc != (size_t)-1)
		rc = iconv(cd, NULL, NULL, &op, &ol);
	iconv_close(cd);
	if (rc == (size_t)-1 || il)
		return false;
	*out_len = cap - ol;
	return true;
}

char *crm_csv_to_utf8(crm_pool *p, const char *data, size_t len, int enc, size_t *out_len,
		      const char **err_key)
{
	char *out;
	size_t n;
	*err_key = "import.bad_encoding";
	switch (enc) {
	case CRM_CSV_CP1251:
		/* A Windows-1251 byte becomes at most 3 bytes of UTF-8 (€, №). */
		out = crm_palloc(p, len * 3 + 1);
		if (!convert("CP1251", data, len, out, len * 3, &n))
			return NULL;
		break;
	case CRM_CSV_UTF16:
		/* "UTF-16" reads the BOM and drops it; 2 bytes give at most 3. */
		out = crm_palloc(p, len * 2 + 4);
		if (!convert("UTF-16", data, len, out, len * 2 + 3, &n))
			return NULL;
		break;
	case CRM_CSV_UTF8_BOM:
		if (len < 3)
			return NULL;
		data += 3;
		len -= 3;
		/* fall through */
	default:
		out = crm_pstrndup(p, data, len);
		n = len;
		break;
	}
	out[n] = 0;
	if (binary((const unsigned char *)out, n) || memchr(out, 0, n)) {
		*err_key = "import.not_text";
		return NULL;
	}
	if (!crm_utf8_valid(out, n))
		return NULL;
	*out_len = n;
	return out;
}

/* ===== the reader ===== */

typedef struct reader {
	char *buf;         /* the current record's fields, each NUL-terminated */
	size_t len, cap;
	size_t *offs, *lens;
	size_t n, max;
	bool too_wide, stop;
	size_t line;       /* where the current record starts */
	crm_csv_record_fn fn;
	void *data;
	char **fields;
} reader;

static void on_field(void *s, size_t n, void *data)
{
	reader *rd = data;
	if (rd->stop || rd->too_wide)
		return;
	if (rd->n == rd->max) {
		rd->too_wide = true;
		return;
	}
	if (rd->len + n + 1 > rd->cap) {
		size_t cap = rd->cap ? rd->cap : 1024;
		while (cap < rd->len + n + 1)
			cap *= 2;
		char *b = realloc(rd->buf, cap);
		if (!b)
			abort();
		rd->buf = b;
		rd->cap = cap;
	}
	if (n)
		memcpy(rd->buf + rd->len, s, n);
	rd->buf[rd->len + n] = 0;
	rd->offs[rd->n] = rd->len;
	rd->lens[rd->n++] = n;
	rd->len += n + 1;
}

static void on_record(int c, void *data)
{
	(void)c;
	reader *rd = data;
	if (!rd->stop && !rd->too_wide && rd->n) {
		for (size_t i = 0; i < rd->n; i++)
			rd->fields[i] = rd->buf + rd->offs[i];
		if (rd->fn(rd->data, rd->fields, rd->lens, rd->n, rd->line))
			rd->stop = true;
	}
	rd->n = 0;
	rd->len = 0;
}

/* The end of the physical line starting at s: after its "\n", or after a lone "\r"
 * (old Mac files), or at end. */
static size_t line_end(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			return i + 1;
		if (s[i] == '\r' && (i + 1 == len || s[i + 1] != '\n'))
			return i + 1;
	}
	return len;
}

int crm_csv_read(const char *text, size_t len, char delim, size_t max_fields,
		 crm_csv_record_fn fn, void *data, size_t *bad_line)
{
	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL))
		abort();
	csv_set_delim(&p, (unsigned char)delim);
	reader rd = {.max = max_fields ? max_fields : 1, .fn = fn, .data = data};
	rd.offs = calloc(rd.max, sizeof *rd.offs);
	rd.lens = calloc(rd.max, sizeof *rd.lens);
	rd.fields = calloc(rd.max, sizeof *rd.fields);
	if (!rd.offs || !rd.lens || !rd.fields)
		abort();
	int rc = CRM_CSV_END;
	size_t line = 1;
	/* One physical line at a time: when the parser is between records before a line,
	 * the next record starts on it; libcsv itself counts no lines. */
	for (size_t at = 0; at < len && rc == CRM_CSV_END;) {
		size_t n = line_end(text + at, len - at);
		if (p.pstate == 0) /* ROW_NOT_BEGUN */
			rd.line = line;
		if (csv_parse(&p, text + at, n, on_field, on_record, &rd) != n) {
			*bad_line = line;
			rc = CRM_CSV_BROKEN;
		} else if (rd.too_wide) {
			*bad_line = rd.line;
			rc = CRM_CSV_TOO_WIDE;
		} else if (rd.stop) {
			rc = CRM_CSV_STOPPED;
		}
		at += n;
		line++;
	}
	if (rc == CRM_CSV_END) {
		if (csv_fini(&p, on_field, on_record, &rd)) {
			*bad_line = rd.line;
			rc = CRM_CSV_BROKEN;
		} else if (rd.too_wide) {
			*bad_line = rd.line;
			rc = CRM_CSV_TOO_WIDE;
		} else if (rd.stop) {
			rc = CRM_CSV_STOPPED;
		}
	}
	csv_free(&p);
	free(rd.buf);
	free(rd.offs);
	free(rd.lens);
	free(rd.fields);
	return rc;
}

/* ===== delimiter detection ===== */

#define SNIFF_RECORDS 20

typedef struct sniff {
	size_t counts[SNIFF_RECORDS];
	size_t n;
} sniff;

static int sniff_record(void *data, char **fields, const size_t *lens, size_t n, size_t line)
{
	(void)fields;
	(void)lens;
	(void)line;
	sniff *s = data;
	s->counts[s->n++] = n;
	return s->n == SNIFF_RECORDS;
}

char crm_csv_detect_delimiter(const char *text, size_t len)
{
	static const char cand[] = {',', ';', '\t'};
	char best = ',';
	size_t best_score = 0;
	for (size_t c = 0; c < sizeof cand; c++) {
		sniff s = {0};
		size_t bad;
		/* A broken record ends the sniffing, not the candidate: what came before counts. */
		crm_csv_read(text, len, cand[c], 1000, sniff_record, &s, &bad);
		if (!s.n || s.counts[0] < 2)
			continue;
		size_t same = 0;
		for (size_t i = 0; i < s.n; i++)
			same += s.counts[i] == s.counts[0];
		/* Consistency first, then the number of columns. */
		size_t score = same * 10000 + s.counts[0];
		if (score > best_score) {
			best_score = score;
			best = cand[c];
		}
	}
	return best;
}
