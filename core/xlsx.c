/* XLSX workbooks for the import wizard: the first worksheet read with libzip and
 * libxml2's streaming reader (no DTD, no entities, no network) into CSV text, with caps
 * on every part's unpacked size so that a small archive cannot unpack into gigabytes. */
#include <math.h> /* isfinite */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>
#include <libxml/xmlreader.h>
#include "imports.h"
#include "xlsx.h"

/* Excel's own sheet size: a row number past it is a damaged file. */
#define MAX_ROWS 1048576u
#define MAX_COLS 16384u
/* Number formats and cell styles a workbook may define (Excel's limit is 64,000). */
#define MAX_FORMATS 4096u
#define MAX_XFS 65536u
#define MAX_PATH 512

const crm_xlsx_limits crm_xlsx_import_limits = {
	/* A sheet's XML is several times the CSV its values make: room for a full upload. */
	.max_part = 8 * (size_t)CRM_IMPORT_MAX_BYTES,
	.max_out = CRM_IMPORT_MAX_BYTES,
	.max_columns = CRM_IMPORT_MAX_COLUMNS,
	.max_cell = CRM_IMPORT_MAX_CELL,
};

/* What a cell's number format makes of its number. */
enum { SHOW_NUMBER = 0, SHOW_DATE = 1, SHOW_DATETIME = 2, SHOW_TIME = 3, SHOW_SECONDS = 4 /* flag */ };

/* ===== growing buffers (malloc: they outlive no conversion but the result) ===== */

typedef struct buf {
	char *s;
	size_t len, cap;
} buf;

static void put(buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *g = realloc(b->s, cap);
		if (!g)
			abort();
		b->s = g;
		b->cap = cap;
	}
	if (n)
		memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
}

static void puts_(buf *b, const char *s)
{
	put(b, s, strlen(s));
}

/* ===== the conversion's state ===== */

typedef struct part {
	zip_file_t *zf;
	size_t total, cap;
	bool over, broken;
} part;

typedef struct conv {
	const crm_xlsx_limits *lim;
	zip_t *zip;
	const char *err;
	size_t line;
	bool date1904;
	/* shared strings, each NUL-terminated in text at offs[i] */
	buf text;
	size_t *offs, n_strings, cap_strings;
	/* custom number formats (id -> how it shows) and cell styles (index -> how it shows) */
	unsigned fmt_ids[MAX_FORMATS];
	unsigned char fmt_show[MAX_FORMATS];
	size_t n_fmts;
	unsigned char *xf_show;
	size_t n_xfs;
	/* paths of the parts, from the workbook's relationships */
	char sheet[MAX_PATH], strings[MAX_PATH], styles[MAX_PATH];
	/* the CSV made, and how many lines it holds */
	buf out;
	size_t lines;
} conv;

static int fail(conv *c, const char *key, size_t line)
{
	if (!c->err) {
		c->err = key;
		c->line = line;
	}
	return -1;
}

/* ===== parts: a zip entry read through libxml2's reader ===== */

static int part_read(void *ctx, char *b, int len)
{
	part *pt = ctx;
	if (!pt->zf || len <= 0)
		return 0;
	/* One byte past the cap is enough to know it is over. */
	size_t room = pt->cap - pt->total + 1;
	zip_int64_t n = zip_fread(pt->zf, b, (zip_uint64_t)((size_t)len < room ? (size_t)len : room));
	if (n < 0) {
		pt->broken = true;
		return -1;
	}
	pt->total += (size_t)n;
	if (pt->total > pt->cap) {
		pt->over = true;
		return -1;
	}
	return (int)n;
}

static int part_close(void *ctx)
{
	part *pt = ctx;
	if (pt->zf)
		zip_fclose(pt->zf);
	pt->zf = NULL;
	return 0;
}

static void quiet(void *arg, xmlErrorPtr e)
{
	(void)arg;
	(void)e;
}

/* Open part name for reading: 1 with *out, 0 when the archive has no such part, -1 with
 * the error set. The reader loads no DTD and no external entity and reaches no network. */
static int part_open(conv *c, const char *name, part *pt, xmlTextReaderPtr *out)
{
	memset(pt, 0, sizeof *pt);
	pt->cap = c->lim->max_part;
	zip_int64_t idx = zip_name_locate(c->zip, name, ZIP_FL_NOCASE);
	if (idx < 0)
		return 0;
	zip_stat_t st;
	if (zip_stat_index(c->zip, (zip_uint64_t)idx, 0, &st) < 0)
		return fail(c, "import.xlsx_broken", 0);
	if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
		return fail(c, "import.xlsx_encrypted", 0);
	if ((st.valid & ZIP_STAT_SIZE) && st.size > pt->cap)
		return fail(c, "import.xlsx_too_big", 0);
	pt->zf = zip_fopen_index(c->zip, (zip_uint64_t)idx, 0);
	if (!pt->zf)
		return fail(c, "import.xlsx_broken", 0);
	xmlTextReaderPtr rd = xmlReaderForIO(part_read, part_close, pt, NULL, NULL,
					     XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!rd)
		return fail(c, "import.xlsx_broken", 0);
	xmlTextReaderSetStructuredErrorHandler(rd, quiet, NULL);
	*out = rd;
	return 1;
}

/* The next node's type, 0 at the end, -1 with the error set. A DTD is refused outright:
 * an XLSX part never has one, and none can then declare an entity. */
static int step(conv *c, xmlTextReaderPtr rd, const part *pt)
{
	int rc = xmlTextReaderRead(rd);
	if (rc == 1) {
		int t = xmlTextReaderNodeType(rd);
		if (t == XML_READER_TYPE_DOCUMENT_TYPE || t == XML_READER_TYPE_ENTITY_REFERENCE ||
		    t == XML_READER_TYPE_ENTITY)
			return fail(c, "import.xlsx_broken", 0);
		return t;
	}
	if (rc == 0 && !pt->over && !pt->broken)
		return 0;
	return fail(c, pt->over ? "import.xlsx_too_big" : "import.xlsx_broken", 0);
}

static bool named(xmlTextReaderPtr rd, const char *name)
{
	const xmlChar *n = xmlTextReaderConstLocalName(rd);
	return n && !strcmp((const char *)n, name);
}

/* An unprefixed attribute of the current element (xmlFree it), or NULL. */
static char *attr(xmlTextReaderPtr rd, const char *name)
{
	return (char *)xmlTextReaderGetAttribute(rd, BAD_CAST name);
}

/* An attribute by its local name whatever its namespace (r:id), or NULL. */
static char *attr_local(xmlTextReaderPtr rd, const char *name)
{
	char *v = NULL;
	if (xmlTextReaderMoveToFirstAttribute(rd) != 1)
		return NULL;
	do {
		if (xmlTextReaderIsNamespaceDecl(rd) != 1 && named(rd, name)) {
			v = (char *)xmlTextReaderValue(rd);
			break;
		}
	} while (xmlTextReaderMoveToNextAttribute(rd) == 1);
	xmlTextReaderMoveToElement(rd);
	return v;
}

/* A non-negative decimal number, or -1. */
static long long number_attr(const char *s)
{
	if (!s || !*s || strlen(s) > 12 || strspn(s, "0123456789") != strlen(s))
		return -1;
	return strtoll(s, NULL, 10);
}

static bool text_node(int t)
{
	return t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_CDATA || t == XML_READER_TYPE_WHITESPACE ||
	       t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

static void add_text(buf *b, xmlTextReaderPtr rd)
{
	const xmlChar *v = xmlTextReaderConstValue(rd);
	if (v)
		puts_(b, (const char *)v);
}

/* ===== text as the cells hold it ===== */

static int hexval(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

static void put_utf8(buf *b, unsigned cp)
{
	char u[4];
	size_t n;
	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else {
		u[0] = (char)(0xE0 | cp >> 12);
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	}
	put(b, u, n);
}

/* s as a value: the spreadsheet escapes "_xHHHH_" decoded (Excel writes a carriage
 * return as _x000D_), line ends as "\n", other control characters dropped. */
static void clean(buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		unsigned cp = 0;
		bool esc = i + 7 <= n && s[i] == '_' && s[i + 1] == 'x' && s[i + 6] == '_';
		for (size_t k = 2; esc && k < 6; k++) {
			int h = hexval(s[i + k]);
			esc = h >= 0;
			cp = cp << 4 | (unsigned)(h < 0 ? 0 : h);
		}
		if (esc) {
			i += 7;
			if (cp == '\r') {
				if (!(i < n && s[i] == '\n') && !(i + 7 <= n && !strncmp(s + i, "_x000A_", 7)))
					put(b, "\n", 1);
			} else if (cp == '\t' || cp == '\n' || (cp >= 0x20 && cp != 0x7F && (cp < 0xD800 || cp > 0xDFFF))) {
				put_utf8(b, cp);
			}
			continue;
		}
		unsigned char ch = (unsigned char)s[i];
		if (ch == '\r') {
			if (!(i + 1 < n && s[i + 1] == '\n'))
				put(b, "\n", 1);
		} else if (ch >= 0x20 || ch == '\t' || ch == '\n') {
			put(b, s + i, 1);
		}
		i++;
	}
}

/* ===== numbers, dates and times ===== */

/* Year, month and day of a day counted from 1970-01-01 (Howard Hinnant's algorithm). */
static void civil(long long z, long long *y, unsigned *m, unsigned *d)
{
	z += 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (long long)yoe + era * 400 + (*m <= 2);
}

/* A serial date-time of the workbook shown as show says; false when v is no date. */
static bool serial_text(buf *b, double v, int show, bool date1904)
{
	if (!(v >= 0 && v < 2958466))
		return false;
	/* v is not negative: truncation is floor, adding a half rounds (no libm needed) */
	long long days = (long long)v;
	long long secs = (long long)((v - (double)days) * 86400.0 + 0.5);
	if (secs >= 86400) {
		days++;
		secs -= 86400;
	}
	char t[64];
	int kind = show & 3;
	const char *time_fmt = show & SHOW_SECONDS ? "%02lld:%02lld:%02lld" : "%02lld:%02lld";
	if (kind == SHOW_TIME) {
		/* Elapsed-time formats ([h]:mm) count days in hours; a time of day has none. */
		snprintf(t, sizeof t, time_fmt, days * 24 + secs / 3600, secs / 60 % 60, secs % 60);
		puts_(b, t);
		return true;
	}
	long long unix_days, y;
	unsigned m, d;
	if (date1904) {
		unix_days = days - 24107;
	} else if (days == 60) {
		/* Lotus 1-2-3's 29 February 1900, which Excel keeps. */
		puts_(b, "29.02.1900");
		goto time;
	} else if (days >= 1) {
		unix_days = days - (days < 60 ? 25568 : 25569);
	} else {
		return false;
	}
	civil(unix_days, &y, &m, &d);
	snprintf(t, sizeof t, "%02u.%02u.%04lld", d, m, y);
	puts_(b, t);
time:
	if (kind == SHOW_DATETIME) {
		put(b, " ", 1);
		snprintf(t, sizeof t, time_fmt, secs / 3600, secs / 60 % 60, secs % 60);
		puts_(b, t);
	}
	return true;
}

/* How a number format shows numbers, from its code ("dd.mm.yyyy", "[$-419]d mmmm yyyy",
 * "h:mm AM/PM", "#,##0.00 \"₽\""): letters of dates and times outside quotes,
 * escapes and brackets; "m" is minutes beside hours or seconds, else months. */
static int code_show(const char *code)
{
	bool date = false, month = false, time = false, seconds = false;
	for (const char *s = code; *s && *s != ';'; s++) {
		char ch = (char)(*s | 0x20);
		if (*s == '"') {
			const char *q = strchr(s + 1, '"');
			if (!q)
				break;
			s = q;
		} else if (*s == '\\' || *s == '_' || *s == '*') {
			if (!s[1])
				break;
			s++;
		} else if (*s == '[') {
			/* [Red], [$-419], [$₽-419]; but [h], [mm], [ss] are elapsed times */
			const char *q = strchr(s, ']');
			if (!q)
				break;
			for (const char *k = s + 1; k < q && strchr("hHmMsS", *k); k++)
				if (k + 1 == q)
					time = true, seconds |= (*k | 0x20) == 's';
			s = q;
		} else if (!strncasecmp(s, "AM/PM", 5) || !strncasecmp(s, "A/P", 3)) {
			s += (s[1] == '/') ? 2 : 4;
			time = true;
		} else if (ch == 'y' || ch == 'd') {
			date = true;
		} else if (ch == 'h') {
			time = true;
		} else if (ch == 's') {
			time = seconds = true;
		} else if (ch == 'm') {
			month = true;
		}
	}
	if (month && !time)
		date = true;
	if (!date && !time)
		return SHOW_NUMBER;
	return (date ? (time ? SHOW_DATETIME : SHOW_DATE) : SHOW_TIME) | (seconds ? SHOW_SECONDS : 0);
}

/* The built-in formats (ECMA-376 18.8.30) that are dates or times; the others show numbers. */
static int builtin_show(long long id)
{
	if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 58))
		return SHOW_DATE;
	if (id == 22)
		return SHOW_DATETIME;
	if (id == 18 || id == 20 || id == 32 || id == 34)
		return SHOW_TIME;
	if (id == 19 || id == 21 || id == 33 || id == 35 || (id >= 45 && id <= 47))
		return SHOW_TIME | SHOW_SECONDS;
	return SHOW_NUMBER;
}

static int format_show(const conv *c, long long id)
{
	for (size_t i = 0; i < c->n_fmts; i++)
		if (c->fmt_ids[i] == id)
			return c->fmt_show[i];
	return builtin_show(id);
}

/* A number cell's value: a date or time when its style says so, else the number with
 * at most 15 significant digits (what a spreadsheet keeps), without an exponent while
 * it is a whole number below 10^15. */
static void number_text(const conv *c, buf *b, const char *v, long long style)
{
	char *end;
	double d = strtod(v, &end);
	if (!*v || *end || !isfinite(d)) {
		clean(b, v, strlen(v));
		return;
	}
	int show = style >= 0 && (size_t)style < c->n_xfs ? c->xf_show[style] : SHOW_NUMBER;
	if (show != SHOW_NUMBER && serial_text(b, d, show, c->date1904))
		return;
	char t[64];
	if (d > -1e15 && d < 1e15 && d == (double)(long long)d)
		snprintf(t, sizeof t, "%.0f", d);
	else
		snprintf(t, sizeof t, "%.15g", d);
	puts_(b, strcmp(t, "-0") ? t : "0");
}

/* A "d" cell's ISO 8601 text ("2024-05-31T10:30:00") as dd.mm.yyyy [hh:mm]. */
static void iso_text(buf *b, const char *v)
{
	int y, m, d, hh = 0, mm = 0, n = 0;
	if (sscanf(v, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10) {
		clean(b, v, strlen(v));
		return;
	}
	char t[64];
	snprintf(t, sizeof t, "%02d.%02d.%04d", d, m, y);
	puts_(b, t);
	if (v[10] == 'T' && sscanf(v + 11, "%2d:%2d", &hh, &mm) == 2 && (hh || mm)) {
		snprintf(t, sizeof t, " %02d:%02d", hh, mm);
		puts_(b, t);
	}
}

/* ===== the workbook, its relationships, styles and shared strings ===== */

static int read_workbook(conv *c, char *rid, size_t rid_cap)
{
	part pt;
	xmlTextReaderPtr rd = NULL;
	int rc = part_open(c, "xl/workbook.xml", &pt, &rd);
	if (rc <= 0)
		return rc < 0 ? rc : fail(c, "import.xlsx_broken", 0);
	bool in_sheets = false;
	*rid = 0;
	while ((rc = step(c, rd, &pt)) > 0) {
		if (rc == XML_READER_TYPE_END_ELEMENT && named(rd, "sheets"))
			in_sheets = false;
		if (rc != XML_READER_TYPE_ELEMENT)
			continue;
		if (named(rd, "workbookPr")) {
			char *v = attr(rd, "date1904");
			c->date1904 = v && (!strcmp(v, "1") || !strcmp(v, "true"));
			xmlFree(v);
		} else if (named(rd, "sheets")) {
			in_sheets = !xmlTextReaderIsEmptyElement(rd);
		} else if (in_sheets && named(rd, "sheet") && !*rid) {
			char *v = attr_local(rd, "id");
			if (v && strlen(v) < rid_cap)
				strcpy(rid, v);
			xmlFree(v);
			if (!*rid)
				rc = fail(c, "import.xlsx_broken", 0);
			break;
		}
	}
	xmlFreeTextReader(rd);
	if (rc < 0)
		return -1;
	return *rid ? 0 : fail(c, "import.xlsx_no_sheet", 0);
}

/* A relationship's target as a path in the archive: relative to xl/, or absolute from
 * the package's root; "." and ".." resolved. */
static bool resolve(const char *target, char *out)
{
	char path[MAX_PATH * 2];
	if (strlen(target) >= MAX_PATH)
		return false;
	snprintf(path, sizeof path, "%s%s", target[0] == '/' ? "" : "xl/", target[0] == '/' ? target + 1 : target);
	size_t n = 0;
	for (char *seg = path, *next; seg; seg = next) {
		next = strchr(seg, '/');
		if (next)
			*next++ = 0;
		if (!*seg || !strcmp(seg, "."))
			continue;
		if (!strcmp(seg, "..")) {
			while (n && out[n - 1] != '/')
				n--;
			if (n)
				n--;
			continue;
		}
		size_t k = strlen(seg);
		if (n + k + 2 > MAX_PATH)
			return false;
		if (n)
			out[n++] = '/';
		memcpy(out + n, seg, k);
		n += k;
	}
	out[n] = 0;
	return n > 0;
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), k = strlen(tail);
	return n >= k && !strcmp(s + n - k, tail);
}

static int read_rels(conv *c, const char *rid)
{
	strcpy(c->strings, "xl/sharedStrings.xml");
	strcpy(c->styles, "xl/styles.xml");
	*c->sheet = 0;
	part pt;
	xmlTextReaderPtr rd = NULL;
	int rc = part_open(c, "xl/_rels/workbook.xml.rels", &pt, &rd);
	if (rc <= 0)
		return rc < 0 ? rc : fail(c, "import.xlsx_broken", 0);
	while ((rc = step(c, rd, &pt)) > 0) {
		if (rc != XML_READER_TYPE_ELEMENT || !named(rd, "Relationship"))
			continue;
		char *id = attr(rd, "Id"), *type = attr(rd, "Type"), *target = attr(rd, "Target");
		if (id && target && !strcmp(id, rid) && !resolve(target, c->sheet))
			rc = fail(c, "import.xlsx_broken", 0);
		else if (type && target && ends_with(type, "/sharedStrings"))
			resolve(target, c->strings);
		else if (type && target && ends_with(type, "/styles"))
			resolve(target, c->styles);
		xmlFree(id);
		xmlFree(type);
		xmlFree(target);
		if (rc < 0)
			break;
	}
	xmlFreeTextReader(rd);
	if (rc < 0)
		return -1;
	return *c->sheet ? 0 : fail(c, "import.xlsx_no_sheet", 0);
}

/* The number formats and what each cell style (an index in cellXfs) shows. */
static int read_styles(conv *c)
{
	part pt;
	xmlTextReaderPtr rd = NULL;
	int rc = part_open(c, c->styles, &pt, &rd);
	if (rc <= 0)
		return rc;
	bool in_fmts = false, in_xfs = false;
	size_t cap = 0;
	while ((rc = step(c, rd, &pt)) > 0) {
		if (rc == XML_READER_TYPE_END_ELEMENT) {
			if (named(rd, "numFmts"))
				in_fmts = false;
			else if (named(rd, "cellXfs"))
				in_xfs = false;
			continue;
		}
		if (rc != XML_READER_TYPE_ELEMENT)
			continue;
		bool empty = xmlTextReaderIsEmptyElement(rd);
		if (named(rd, "numFmts")) {
			in_fmts = !empty;
		} else if (named(rd, "cellXfs")) {
			in_xfs = !empty;
		} else if (in_fmts && named(rd, "numFmt") && c->n_fmts < MAX_FORMATS) {
			char *id = attr(rd, "numFmtId"), *code = attr(rd, "formatCode");
			long long n = number_attr(id);
			if (n >= 0 && n <= UINT32_MAX && code) {
				c->fmt_ids[c->n_fmts] = (unsigned)n;
				c->fmt_show[c->n_fmts++] = (unsigned char)code_show(code);
			}
			xmlFree(id);
			xmlFree(code);
		} else if (in_xfs && named(rd, "xf")) {
			if (c->n_xfs == MAX_XFS) {
				rc = fail(c, "import.xlsx_broken", 0);
				break;
			}
			if (c->n_xfs == cap) {
				cap = cap ? cap * 2 : 64;
				unsigned char *g = realloc(c->xf_show, cap);
				if (!g)
					abort();
				c->xf_show = g;
			}
			char *id = attr(rd, "numFmtId");
			long long n = number_attr(id);
			xmlFree(id);
			c->xf_show[c->n_xfs++] = (unsigned char)(n >= 0 ? format_show(c, n) : SHOW_NUMBER);
		}
	}
	xmlFreeTextReader(rd);
	return rc < 0 ? -1 : 0;
}

static void string_add(conv *c, const buf *s)
{
	if (c->n_strings == c->cap_strings) {
		c->cap_strings = c->cap_strings ? c->cap_strings * 2 : 256;
		size_t *g = realloc(c->offs, c->cap_strings * sizeof *g);
		if (!g)
			abort();
		c->offs = g;
	}
	c->offs[c->n_strings++] = c->text.len;
	clean(&c->text, s->s ? s->s : "", s->len);
	put(&c->text, "", 1); /* the NUL that ends it, kept in the buffer */
}

/* The shared strings: each <si> is its <t>, or its runs' <t>s, phonetic hints left out. */
static int read_strings(conv *c)
{
	part pt;
	xmlTextReaderPtr rd = NULL;
	int rc = part_open(c, c->strings, &pt, &rd);
	if (rc <= 0)
		return rc;
	buf s = {0};
	bool in_si = false, in_t = false;
	int skip = 0; /* depth inside <rPh> */
	while ((rc = step(c, rd, &pt)) > 0) {
		if (rc == XML_READER_TYPE_ELEMENT) {
			bool empty = xmlTextReaderIsEmptyElement(rd);
			if (named(rd, "si")) {
				s.len = 0;
				in_si = !empty;
				if (empty)
					string_add(c, &s);
			} else if (in_si && named(rd, "rPh") && !empty) {
				skip++;
			} else if (in_si && !skip && named(rd, "t")) {
				in_t = !empty;
			}
		} else if (rc == XML_READER_TYPE_END_ELEMENT) {
			if (named(rd, "si") && in_si) {
				string_add(c, &s);
				in_si = in_t = false;
			} else if (named(rd, "rPh") && skip) {
				skip--;
			} else if (named(rd, "t")) {
				in_t = false;
			}
		} else if (in_t && !skip && text_node(rc)) {
			add_text(&s, rd);
		}
	}
	free(s.s);
	xmlFreeTextReader(rd);
	return rc < 0 ? -1 : 0;
}

/* ===== the worksheet ===== */

typedef struct row {
	size_t num;                   /* the sheet's row number */
	buf text;                     /* the values, each NUL-terminated */
	size_t *at;                   /* per column: offset of its value in text */
	unsigned *gen;                /* per column: which row set it (others are empty) */
	unsigned cur;                 /* this row's mark */
	size_t width;                 /* 1 + the rightmost column with a value */
} row;

/* Column (0-based) and row of a reference "C7"; false when it is not one. */
static bool cell_ref(const char *ref, size_t *col, size_t *rownum)
{
	size_t c = 0, r = 0, i = 0;
	for (; (ref[i] >= 'A' && ref[i] <= 'Z') || (ref[i] >= 'a' && ref[i] <= 'z'); i++) {
		c = c * 26 + (size_t)((ref[i] | 0x20) - 'a' + 1);
		if (c > MAX_COLS)
			return false;
	}
	if (!i || !ref[i])
		return false;
	for (; ref[i] >= '0' && ref[i] <= '9'; i++) {
		r = r * 10 + (size_t)(ref[i] - '0');
		if (r > MAX_ROWS)
			return false;
	}
	if (ref[i] || !r)
		return false;
	*col = c - 1;
	*rownum = r;
	return true;
}

/* Append one value to the CSV, quoted when it holds a comma, a quote, a line end or
 * blanks at either end. */
static void csv_value(conv *c, const char *v)
{
	size_t n = strlen(v);
	if (!strpbrk(v, ",\"\n") && !(n && strchr(" \t", v[0])) && !(n && strchr(" \t", v[n - 1]))) {
		put(&c->out, v, n);
		return;
	}
	put(&c->out, "\"", 1);
	for (const char *q; (q = strchr(v, '"')); v = q + 1) {
		put(&c->out, v, (size_t)(q - v) + 1);
		put(&c->out, "\"", 1);
	}
	puts_(&c->out, v);
	put(&c->out, "\"", 1);
	for (const char *s = strchr(v, '\n'); s; s = strchr(s + 1, '\n'))
		c->lines++;
}

/* Write the row as one record starting on the line of its number. */
static int row_done(conv *c, row *rw)
{
	if (!rw->width)
		return 0;
	while (c->lines + 1 < rw->num) {
		put(&c->out, "\n", 1);
		c->lines++;
	}
	for (size_t i = 0; i < rw->width; i++) {
		if (i)
			put(&c->out, ",", 1);
		if (rw->gen[i] == rw->cur)
			csv_value(c, rw->text.s + rw->at[i]);
	}
	put(&c->out, "\n", 1);
	c->lines++;
	if (c->out.len > c->lim->max_out)
		return fail(c, "import.xlsx_too_big", 0);
	return 0;
}

typedef struct cell {
	size_t col;
	long long style;
	char type[16];
	buf v, is;   /* <v>'s text, and an inline string's */
	buf shown;   /* the value as the CSV gets it */
} cell;

static int cell_done(conv *c, row *rw, cell *ce)
{
	buf *b = &ce->shown;
	b->len = 0;
	const char *v = ce->v.s ? ce->v.s : "";
	const char *t = ce->type;
	if (!strcmp(t, "s")) {
		long long i = number_attr(v);
		if (!*v)
			return 0;
		if (i < 0 || (size_t)i >= c->n_strings)
			return fail(c, "import.xlsx_broken", rw->num);
		puts_(b, c->text.s + c->offs[i]);
	} else if (!strcmp(t, "inlineStr")) {
		clean(b, ce->is.s ? ce->is.s : "", ce->is.len);
	} else if (!strcmp(t, "b")) {
		puts_(b, !strcmp(v, "1") ? "TRUE" : !strcmp(v, "0") ? "FALSE" : v);
	} else if (!strcmp(t, "str") || !strcmp(t, "e")) {
		clean(b, v, ce->v.len);
	} else if (!strcmp(t, "d")) {
		iso_text(b, v);
	} else if (*v) {
		number_text(c, b, v, ce->style);
	}
	if (!b->len)
		return 0;
	if (ce->col >= c->lim->max_columns)
		return fail(c, "import.too_many_columns", rw->num);
	if (b->len > c->lim->max_cell)
		return fail(c, "import.cell_too_long", rw->num);
	rw->at[ce->col] = rw->text.len;
	rw->gen[ce->col] = rw->cur;
	put(&rw->text, b->s, b->len + 1);
	if (ce->col + 1 > rw->width)
		rw->width = ce->col + 1;
	return 0;
}

static int read_sheet(conv *c)
{
	part pt;
	xmlTextReaderPtr rd = NULL;
	int rc = part_open(c, c->sheet, &pt, &rd);
	if (rc <= 0)
		return rc < 0 ? rc : fail(c, "import.xlsx_no_sheet", 0);
	size_t ncol = c->lim->max_columns;
	row rw = {.at = calloc(ncol + 1, sizeof *rw.at), .gen = calloc(ncol + 1, sizeof *rw.gen)};
	if (!rw.at || !rw.gen)
		abort();
	cell ce = {0};
	bool in_data = false, in_row = false, in_c = false, in_is = false;
	buf *capture = NULL;
	int skip = 0;
	size_t last_row = 0, last_col = 0;
	while ((rc = step(c, rd, &pt)) > 0) {
		if (rc == XML_READER_TYPE_ELEMENT) {
			bool empty = xmlTextReaderIsEmptyElement(rd);
			if (named(rd, "sheetData")) {
				in_data = !empty;
			} else if (in_data && !in_row && named(rd, "row")) {
				char *r = attr(rd, "r");
				long long n = r ? number_attr(r) : (long long)last_row + 1;
				xmlFree(r);
				if (n < 1 || n > MAX_ROWS) {
					rc = fail(c, "import.xlsx_broken", last_row + 1);
					break;
				}
				rw.num = last_row = (size_t)n;
				rw.cur++;
				rw.width = 0;
				rw.text.len = 0;
				last_col = 0;
				in_row = !empty;
			} else if (in_row && !in_c && named(rd, "c")) {
				char *r = attr(rd, "r"), *t = attr(rd, "t"), *s = attr(rd, "s");
				size_t col = last_col, rn;
				if (r && !cell_ref(r, &col, &rn))
					rc = fail(c, "import.xlsx_broken", rw.num);
				else if (!r && col >= MAX_COLS)
					rc = fail(c, "import.xlsx_broken", rw.num);
				snprintf(ce.type, sizeof ce.type, "%s", t ? t : "n");
				ce.style = s ? number_attr(s) : 0;
				xmlFree(r);
				xmlFree(t);
				xmlFree(s);
				if (rc < 0)
					break;
				ce.col = col;
				last_col = col + 1;
				ce.v.len = ce.is.len = 0;
				if (ce.v.s)
					*ce.v.s = 0;
				in_c = !empty;
			} else if (in_c && named(rd, "v")) {
				capture = empty ? NULL : &ce.v;
			} else if (in_c && named(rd, "is")) {
				in_is = !empty;
			} else if (in_is && named(rd, "rPh") && !empty) {
				skip++;
			} else if (in_is && !skip && named(rd, "t")) {
				capture = empty ? NULL : &ce.is;
			}
			/* An empty <c/> or <row/> ends where it starts: no END_ELEMENT follows. */
			if (empty && in_row && named(rd, "c"))
				rc = cell_done(c, &rw, &ce);
			else if (empty && in_data && named(rd, "row"))
				rc = row_done(c, &rw);
			if (rc < 0)
				break;
		} else if (rc == XML_READER_TYPE_END_ELEMENT) {
			if (named(rd, "v") || named(rd, "t")) {
				capture = NULL;
			} else if (named(rd, "rPh") && skip) {
				skip--;
			} else if (named(rd, "is")) {
				in_is = false;
			} else if (in_c && named(rd, "c")) {
				in_c = false;
				capture = NULL;
				if (cell_done(c, &rw, &ce) < 0) {
					rc = -1;
					break;
				}
			} else if (in_row && named(rd, "row")) {
				in_row = false;
				if (row_done(c, &rw) < 0) {
					rc = -1;
					break;
				}
			} else if (named(rd, "sheetData")) {
				break; /* what follows (merged cells, print settings) is not data */
			}
		} else if (capture && !skip && text_node(rc)) {
			add_text(capture, rd);
			if (capture->len > c->lim->max_cell * 2 + 64) {
				rc = fail(c, "import.cell_too_long", rw.num);
				break;
			}
		}
	}
	free(rw.at);
	free(rw.gen);
	free(rw.text.s);
	free(ce.v.s);
	free(ce.is.s);
	free(ce.shown.s);
	xmlFreeTextReader(rd);
	return rc < 0 ? -1 : 0;
}

/* ===== the entry points ===== */

bool crm_xlsx_is(const char *data, size_t len)
{
	/* Part names sit uncompressed in the local headers and the central directory. */
	return len > 30 && !memcmp(data, "PK\x03\x04", 4) && memmem(data, len, "xl/workbook.xml", 15);
}

static void free_out(void *s)
{
	free(s);
}

char *crm_xlsx_to_csv(crm_pool *p, const char *data, size_t len, const crm_xlsx_limits *lim,
		      size_t *out_len, const char **err_key, size_t *bad_line)
{
	conv *c = calloc(1, sizeof *c);
	if (!c)
		abort();
	c->lim = lim ? lim : &crm_xlsx_import_limits;
	*bad_line = 0;
	zip_error_t zerr;
	zip_error_init(&zerr);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &zerr);
	if (src) {
		c->zip = zip_open_from_source(src, ZIP_RDONLY, &zerr);
		if (!c->zip)
			zip_source_free(src);
	}
	zip_error_fini(&zerr);
	char rid[256];
	if (!c->zip)
		fail(c, "import.xlsx_broken", 0);
	else if (read_workbook(c, rid, sizeof rid) == 0 && read_rels(c, rid) == 0 && read_styles(c) == 0 &&
		 read_strings(c) == 0)
		read_sheet(c);
	if (c->zip)
		zip_discard(c->zip);
	free(c->text.s);
	free(c->offs);
	free(c->xf_show);
	char *out = NULL;
	if (c->err) {
		*err_key = c->err;
		*bad_line = c->line;
		free(c->out.s);
	} else {
		if (!c->out.s)
			put(&c->out, "", 0);
		out = c->out.s;
		*out_len = c->out.len;
		crm_pool_cleanup(p, free_out, out);
	}
	free(c);
	return out;
}
