/* Unit tests for core/form.c: table-driven cases for each parser, then a fuzz-ish pass
 * (fixed seed) that only checks nothing crashes or reads out of bounds under ASan. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "form.h"

/* A string literal and its length, so rows can hold NULs. */
#define B(x) x, sizeof(x) - 1
/* In rows a limit of 0 means "the test default"; ZERO means a real 0. */
#define ZERO SIZE_MAX
#define DEF_FIELDS 100
#define DEF_LEN 1000

static crm_form_limits lim_of(size_t maxf, size_t maxl)
{
	crm_form_limits l = {
		.max_fields = maxf == 0 ? DEF_FIELDS : maxf == ZERO ? 0 : maxf,
		.max_field_len = maxl == 0 ? DEF_LEN : maxl == ZERO ? 0 : maxl,
	};
	return l;
}

/* Fields as "name=value|...", files as "name@filename(type)=value". Control bytes,
 * '|' and '\' are written as \xHH so binary uploads fit in a row. */
static void render(const crm_field *f, char *out, size_t cap)
{
	size_t o = 0;
	out[0] = 0;
	for (; f; f = f->next) {
		if (o && o + 1 < cap)
			out[o++] = '|';
		if (f->filename)
			o += (size_t)snprintf(out + o, cap - o, "%s@%s(%s)=", f->name, f->filename,
					      f->content_type ? f->content_type : "NULL");
		else
			o += (size_t)snprintf(out + o, cap - o, "%s=", f->name);
		assert_true(o < cap);
		for (size_t i = 0; i < f->len; i++) {
			unsigned char c = (unsigned char)f->value[i];
			if (c < 0x20 || c == 0x7f || c == '|' || c == '\\')
				o += (size_t)snprintf(out + o, cap - o, "\\x%02x", c);
			else if (o + 1 < cap)
				out[o++] = (char)c;
			assert_true(o < cap);
		}
		out[o] = 0;
		/* Every value is NUL-terminated; text values hold no NUL of their own. */
		assert_int_equal(f->value[f->len], 0);
		if (!f->filename) {
			assert_int_equal(strlen(f->value), f->len);
			assert_null(f->content_type);
		} else {
			assert_non_null(f->content_type);
		}
	}
}

/* Copies input to an exact-size heap block so ASan catches any read past its end. */
static char *exact_copy(const char *s, size_t len, bool nul)
{
	/* Exactly len bytes (len + 1 for C strings): one byte more would hide an overread. */
	char *d = malloc(nul ? len + 1 : len ? len : 1);
	assert_non_null(d);
	if (len)
		memcpy(d, s, len);
	if (nul)
		d[len] = 0;
	return d;
}

/* ---- UTF-8 ---- */

static const struct {
	const char *in;
	size_t len;
	bool ok;
} utf8_rows[] = {
	{B(""), true},
	{B("plain ascii"), true},
	{B("\xC3\xA9"), true},                 /* é */
	{B("\xE2\x82\xAC"), true},             /* € */
	{B("\xF0\x9F\x98\x80"), true},         /* emoji, 4 bytes */
	{B("\xF4\x8F\xBF\xBF"), true},         /* U+10FFFF */
	{B("\xED\x9F\xBF"), true},             /* U+D7FF, just below surrogates */
	{B("\xEE\x80\x80"), true},             /* U+E000, just above */
	{B("\xEF\xBF\xBF"), true},             /* U+FFFF */
	{B("\xD0\x98\xD0\xB2\xD0\xB0\xD0\xBD"), true}, /* Иван */
	{B("\xC0\x80"), false},                /* overlong NUL */
	{B("\xC1\xBF"), false},                /* overlong */
	{B("\xE0\x80\xAF"), false},            /* overlong '/' */
	{B("\xE0\x9F\xBF"), false},            /* overlong */
	{B("\xF0\x8F\xBF\xBF"), false},        /* overlong */
	{B("\xED\xA0\x80"), false},            /* surrogate U+D800 */
	{B("\xED\xBF\xBF"), false},            /* surrogate U+DFFF */
	{B("\xF4\x90\x80\x80"), false},        /* U+110000 */
	{B("\xF5\x80\x80\x80"), false},
	{B("\xE2\x82"), false},                /* truncated */
	{B("\xF0\x9F\x98"), false},            /* truncated */
	{B("ok\xC3"), false},                  /* truncated at the end */
	{B("\x80"), false},                    /* lone continuation */
	{B("a\xBF" "b"), false},
	{B("\xC3\x28"), false},                /* bad continuation */
	{B("\xE2\x28\xA1"), false},
	{B("\xFE"), false},
	{B("\xFF"), false},
	{B("a\0b"), false},                    /* NUL rejected on purpose */
};

static void test_utf8(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof utf8_rows / sizeof utf8_rows[0]; i++) {
		char *in = exact_copy(utf8_rows[i].in, utf8_rows[i].len, false);
		bool got = crm_utf8_valid(in, utf8_rows[i].len);
		if (got != utf8_rows[i].ok)
			fail_msg("utf8 row %zu: got %d", i, got);
		free(in);
	}
}

/* ---- urlencoded ---- */

static const struct {
	const char *in;
	size_t len;
	size_t maxf, maxl;
	int rc;
	const char *want;
} url_rows[] = {
	{B("a=1&b=2"), 0, 0, CRM_FORM_OK, "a=1|b=2"},
	{B("q=hello+world"), 0, 0, CRM_FORM_OK, "q=hello world"},
	{B("a=%41%42c&b=%2B%26%3d"), 0, 0, CRM_FORM_OK, "a=ABc|b=+&="},
	{B("first+name=x"), 0, 0, CRM_FORM_OK, "first name=x"},
	{B("a=%4"), 0, 0, CRM_FORM_MALFORMED, ""},
	{B("a=%zz"), 0, 0, CRM_FORM_MALFORMED, ""},
	{B("a=%"), 0, 0, CRM_FORM_MALFORMED, ""},
	{B("a=%g1"), 0, 0, CRM_FORM_MALFORMED, ""},
	{B("%zz=1"), 0, 0, CRM_FORM_MALFORMED, ""},
	{B(""), 0, 0, CRM_FORM_OK, ""},
	{B("&&&"), 0, 0, CRM_FORM_OK, ""},
	{B("a&&b=1"), 0, 0, CRM_FORM_OK, "a=|b=1"},
	{B("&a=1&"), 0, 0, CRM_FORM_OK, "a=1"},
	{B("flag"), 0, 0, CRM_FORM_OK, "flag="},
	{B("a="), 0, 0, CRM_FORM_OK, "a="},
	{B("=x"), 0, 0, CRM_FORM_OK, "=x"},
	{B("a=b=c"), 0, 0, CRM_FORM_OK, "a=b=c"},
	{B("a=1;b=2"), 0, 0, CRM_FORM_OK, "a=1;b=2"},
	{B("a=1&a=2"), 0, 0, CRM_FORM_OK, "a=1|a=2"},
	{B("name=%D0%98"), 0, 0, CRM_FORM_OK, "name=И"},
	{B("%D0%B8%D0%BC%D1%8F=%E2%82%AC"), 0, 0, CRM_FORM_OK, "имя=€"},
	{B("raw=\xD0\x98"), 0, 0, CRM_FORM_OK, "raw=И"},
	{B("a=%C3%28"), 0, 0, CRM_FORM_BAD_UTF8, ""},
	{B("%C3%28=1"), 0, 0, CRM_FORM_BAD_UTF8, ""},
	{B("a=%ED%A0%80"), 0, 0, CRM_FORM_BAD_UTF8, ""},
	{B("a=\xFF"), 0, 0, CRM_FORM_BAD_UTF8, ""},
	{B("a=%00"), 0, 0, CRM_FORM_BAD_UTF8, ""},
	{B("a=1\0&b=2"), 0, 0, CRM_FORM_BAD_UTF8, ""},
	{B("a=1&b=2"), 2, 0, CRM_FORM_OK, "a=1|b=2"},
	{B("a=1&&b=2&"), 2, 0, CRM_FORM_OK, "a=1|b=2"},
	{B("a=1&b=2&c=3"), 2, 0, CRM_FORM_TOO_MANY, ""},
	{B("a=1"), ZERO, 0, CRM_FORM_TOO_MANY, ""},
	{B(""), ZERO, 0, CRM_FORM_OK, ""},
	{B("a=abc"), 0, 3, CRM_FORM_OK, "a=abc"},
	{B("a=abcd"), 0, 3, CRM_FORM_TOO_LONG, ""},
	{B("a=%41%41%41"), 0, 3, CRM_FORM_OK, "a=AAA"},
	{B("a=++++"), 0, 3, CRM_FORM_TOO_LONG, ""},
	{B("longname=1"), 0, 3, CRM_FORM_OK, "longname=1"},
	{B("a=&b"), 0, ZERO, CRM_FORM_OK, "a=|b="},
	{B("a=1"), 0, ZERO, CRM_FORM_TOO_LONG, ""},
};

static void test_urlencoded(void **state)
{
	(void)state;
	char buf[4096];
	for (size_t i = 0; i < sizeof url_rows / sizeof url_rows[0]; i++) {
		crm_pool *p = crm_pool_new();
		crm_form_limits lim = lim_of(url_rows[i].maxf, url_rows[i].maxl);
		char *in = exact_copy(url_rows[i].in, url_rows[i].len, false);
		crm_field *list = NULL;
		int rc = crm_form_parse_urlencoded(p, in, url_rows[i].len, &lim, &list);
		render(list, buf, sizeof buf);
		if (rc != url_rows[i].rc || strcmp(buf, url_rows[i].want) != 0)
			fail_msg("urlencoded row %zu: rc %d want %d, got \"%s\" want \"%s\"", i, rc,
				 url_rows[i].rc, buf, url_rows[i].want);
		free(in);
		crm_pool_free(p);
	}
}

/* ---- multipart ---- */

#define CT "multipart/form-data; boundary=XyZ"
#define CD "Content-Disposition: form-data; "

static const struct {
	const char *ct;
	const char *in;
	size_t len;
	size_t maxf, maxl;
	int rc;
	const char *want;
} mp_rows[] = {
	/* a text field and a file */
	{CT, B("--XyZ\r\n" CD "name=\"title\"\r\n\r\nHello world\r\n"
	       "--XyZ\r\n" CD "name=\"doc\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\n"
	       "file body\r\n--XyZ--\r\n"),
	 0, 0, CRM_FORM_OK, "title=Hello world|doc@a.txt(text/plain)=file body"},
	/* a quoted boundary with a space and a colon; the type is case-insensitive */
	{"Multipart/Form-Data; charset=utf-8; boundary=\"a b:c\"",
	 B("--a b:c\r\n" CD "name=x\r\n\r\n1\r\n--a b:c--"), 0, 0, CRM_FORM_OK, "x=1"},
	/* bare LF everywhere */
	{CT, B("--XyZ\n" CD "name=\"a\"\n\nline1\nline2\n--XyZ\n" CD "name=\"b\"\n\n2\n--XyZ--\n"),
	 0, 0, CRM_FORM_OK, "a=line1\\x0aline2|b=2"},
	/* CRLF delimiters, LF-only part headers */
	{CT, B("--XyZ\r\n" CD "name=\"a\"\n\n1\r\n--XyZ--"), 0, 0, CRM_FORM_OK, "a=1"},
	/* preamble and epilogue are ignored; so is "--XyZ" not at a line start */
	{CT, B("This is a preamble a--XyZ\r\n--XyZX\r\n--XyZ\r\n" CD "name=a\r\n\r\n1\r\n--XyZ--\r\n"
	       "epilogue --XyZ\r\n junk"),
	 0, 0, CRM_FORM_OK, "a=1"},
	/* transport padding after a delimiter */
	{CT, B("--XyZ \t\r\n" CD "name=a\r\n\r\n1\r\n--XyZ  \r\n" CD "name=b\r\n\r\n2\r\n--XyZ--"),
	 0, 0, CRM_FORM_OK, "a=1|b=2"},
	/* a form with no fields */
	{CT, B("--XyZ--\r\n"), 0, 0, CRM_FORM_OK, ""},
	/* an empty text value */
	{CT, B("--XyZ\r\n" CD "name=e\r\n\r\n\r\n--XyZ--"), 0, 0, CRM_FORM_OK, "e="},
	/* no file chosen */
	{CT, B("--XyZ\r\n" CD "name=\"f\"; filename=\"\"\r\nContent-Type: application/octet-stream\r\n"
	       "\r\n\r\n--XyZ--\r\n"),
	 0, 0, CRM_FORM_OK, "f@(application/octet-stream)="},
	/* a file without Content-Type */
	{CT, B("--XyZ\r\n" CD "name=f; filename=x.bin\r\n\r\nzz\r\n--XyZ--"),
	 0, 0, CRM_FORM_OK, "f@x.bin(application/octet-stream)=zz"},
	/* binary upload: NUL, CR, LF, a lone CR and bytes that are not UTF-8 */
	{CT, B("--XyZ\r\n" CD "name=\"bin\"; filename=\"b.dat\"\r\nContent-Type: image/png\r\n\r\n"
	       "A\0B\r\nC\xFF\xFE\r\r\n\n\r\n--XyZ--\r\n"),
	 0, 0, CRM_FORM_OK, "bin@b.dat(image/png)=A\\x00B\\x0d\\x0aC\xFF\xFE\\x0d\\x0d\\x0a\\x0a"},
	/* text that only looks like a boundary stays content */
	{CT, B("--XyZ\r\n" CD "name=t\r\n\r\n"
	       "a\r\n--XyZX\r\n--Xy\r\n-- XyZ\r\n--XyZ-\r\nb--XyZ\r\n\r\n--XyZ--"),
	 0, 0, CRM_FORM_OK, "t=a\\x0d\\x0a--XyZX\\x0d\\x0a--Xy\\x0d\\x0a-- XyZ\\x0d\\x0a--XyZ-\\x0d\\x0ab--XyZ\\x0d\\x0a"},
	/* in CRLF mode a bare "\n--XyZ" is content too */
	{CT, B("--XyZ\r\n" CD "name=t\r\n\r\na\n--XyZ\n\r\n--XyZ--"), 0, 0, CRM_FORM_OK,
	 "t=a\\x0a--XyZ\\x0a"},
	/* quoted-string escapes and case-insensitive names */
	{CT, B("--XyZ\r\ncontent-disposition: FORM-DATA; NAME=\"a\\\"b\\\\c\"; FileName=\"q\\\"s.txt\"\r\n"
	       "CONTENT-TYPE: text/csv\r\n\r\n1\r\n--XyZ--"),
	 0, 0, CRM_FORM_OK, "a\"b\\c@q\"s.txt(text/csv)=1"},
	/* UTF-8 in a quoted filename, and filename* winning over filename */
	{CT, B("--XyZ\r\n" CD "name=a; filename=\"\xD0\x98.txt\"\r\n\r\n1\r\n"
	       "--XyZ\r\n" CD "name=b; filename*=UTF-8''%D0%98%20%E2%82%AC.txt; filename=\"fallback\"\r\n\r\n2\r\n"
	       "--XyZ\r\n" CD "name=c; filename*=ISO-8859-1''%E9.txt; filename=\"plain.txt\"\r\n\r\n3\r\n"
	       "--XyZ--"),
	 0, 0, CRM_FORM_OK,
	 "a@И.txt(application/octet-stream)=1|b@И €.txt(application/octet-stream)=2|"
	 "c@plain.txt(application/octet-stream)=3"},
	/* other part headers are ignored; a text part's Content-Type is dropped */
	{CT, B("--XyZ\r\nX-Junk: 1\r\n" CD "name=a\r\nContent-Type: text/plain; charset=utf-8\r\n"
	       "Content-Transfer-Encoding: 8bit\r\n\r\nv\r\n--XyZ--"),
	 0, 0, CRM_FORM_OK, "a=v"},
	/* a 70-character boundary is the longest allowed */
	{"multipart/form-data; boundary=0123456789012345678901234567890123456789012345678901234567890123456789",
	 B("--0123456789012345678901234567890123456789012345678901234567890123456789\r\n" CD "name=a\r\n\r\n1\r\n"
	   "--0123456789012345678901234567890123456789012345678901234567890123456789--"),
	 0, 0, CRM_FORM_OK, "a=1"},
	{"multipart/form-data; boundary=01234567890123456789012345678901234567890123456789012345678901234567890",
	 B("--01234567890123456789012345678901234567890123456789012345678901234567890\r\n" CD "name=a\r\n\r\n1\r\n"
	   "--01234567890123456789012345678901234567890123456789012345678901234567890--"),
	 0, 0, CRM_FORM_MALFORMED, ""},
	/* bad Content-Type headers */
	{"multipart/form-data", B("--XyZ--"), 0, 0, CRM_FORM_MALFORMED, ""},
	{"multipart/form-data; boundary=", B("--XyZ--"), 0, 0, CRM_FORM_MALFORMED, ""},
	{"multipart/form-data; boundary=\"\"", B("--XyZ--"), 0, 0, CRM_FORM_MALFORMED, ""},
	{"multipart/form-data; boundary=\"XyZ", B("--XyZ--"), 0, 0, CRM_FORM_MALFORMED, ""},
	{"multipart/form-data; boundary=XyZ; boundary=Abc", B("--XyZ--"), 0, 0, CRM_FORM_MALFORMED, ""},
	{"multipart/mixed; boundary=XyZ", B("--XyZ--"), 0, 0, CRM_FORM_MALFORMED, ""},
	{"text/plain", B("--XyZ--"), 0, 0, CRM_FORM_MALFORMED, ""},
	{NULL, B("--XyZ--"), 0, 0, CRM_FORM_MALFORMED, ""},
	/* structure errors */
	{CT, B(""), 0, 0, CRM_FORM_MALFORMED, ""},
	{CT, B("no boundary at all"), 0, 0, CRM_FORM_MALFORMED, ""},
	{CT, B("--XyZ\r\n" CD "name=a\r\n\r\n1\r\n"), 0, 0, CRM_FORM_MALFORMED, ""},
	{CT, B("--XyZ\r\n" CD "name=a\r\n\r\n1\r\n--XyZ"), 0, 0, CRM_FORM_MALFORMED, ""},
	{CT, B("--XyZ\r\n" CD "name=a\r\n\r\n1"), 0, 0, CRM_FORM_MALFORMED, ""},
	{CT, B("--XyZ\r\n" CD "name=a\r\n"), 0, 0, CRM_FORM_MALFORMED, ""},
	{CT, B("--XyZ\r\n" CD "name=a\r\n--XyZ--"), 0, 0, CRM_FORM_MALFORMED, ""},
	{CT, B("--XyZ\r\n" CD "filename=\"a.txt\"\r\n\r\n1\r\n--XyZ--"), 0, 0, CRM_FORM_MALFORMED, ""},
	{CT, B("--XyZ\r\nContent-Type: text/plain\r\n\r\n1\r\n--XyZ--"), 0, 0, CRM_FORM_MALFORMED, ""},
	{CT, B("--XyZ\r\nContent-Disposition: attachment; name=a\r\n\r\n1\r\n--XyZ--"),
	 0, 0, CRM_FORM_MALFORMED, ""},
	{CT, B("--XyZ\r\n" CD "name=a; name=b\r\n\r\n1\r\n--XyZ--"), 0, 0, CRM_FORM_MALFORMED, ""},
	{CT, B("--XyZ\r\n" CD "name=\"a\r\n\r\n1\r\n--XyZ--"), 0, 0, CRM_FORM_MALFORMED, ""},
	{CT, B("--XyZ\r\n" CD "name=a\r\n" CD "name=b\r\n\r\n1\r\n--XyZ--"), 0, 0, CRM_FORM_MALFORMED, ""},
	{CT, B("--XyZ\r\n" CD "name=a\r\nno colon here\r\n\r\n1\r\n--XyZ--"), 0, 0, CRM_FORM_MALFORMED, ""},
	{CT, B("--XyZ\r\n" CD "name=a\r\n folded: no\r\n\r\n1\r\n--XyZ--"), 0, 0, CRM_FORM_MALFORMED, ""},
	{CT, B("--XyZ\r\n" CD "name=a\rX-A: b\r\n\r\n1\r\n--XyZ--"), 0, 0, CRM_FORM_MALFORMED, ""},
	/* limits: count covers files too; length only text */
	{CT, B("--XyZ\r\n" CD "name=a\r\n\r\n1\r\n--XyZ\r\n" CD "name=b; filename=x\r\n\r\n2\r\n"
	       "--XyZ\r\n" CD "name=c\r\n\r\n3\r\n--XyZ--"),
	 2, 0, CRM_FORM_TOO_MANY, ""},
	{CT, B("--XyZ\r\n" CD "name=a\r\n\r\n1\r\n--XyZ\r\n" CD "name=b; filename=x\r\n\r\n2\r\n--XyZ--"),
	 2, 0, CRM_FORM_OK, "a=1|b@x(application/octet-stream)=2"},
	{CT, B("--XyZ\r\n" CD "name=a\r\n\r\n1\r\n--XyZ--"), ZERO, 0, CRM_FORM_TOO_MANY, ""},
	{CT, B("--XyZ--"), ZERO, 0, CRM_FORM_OK, ""},
	{CT, B("--XyZ\r\n" CD "name=a\r\n\r\n12345\r\n--XyZ--"), 0, 5, CRM_FORM_OK, "a=12345"},
	{CT, B("--XyZ\r\n" CD "name=a\r\n\r\n123456\r\n--XyZ--"), 0, 5, CRM_FORM_TOO_LONG, ""},
	{CT, B("--XyZ\r\n" CD "name=a; filename=big\r\n\r\n123456789\r\n--XyZ--"), 0, 5, CRM_FORM_OK,
	 "a@big(application/octet-stream)=123456789"},
	/* UTF-8: text values and names are checked, upload bytes are not, filenames are */
	{CT, B("--XyZ\r\n" CD "name=a\r\n\r\n\xC3\x28\r\n--XyZ--"), 0, 0, CRM_FORM_BAD_UTF8, ""},
	{CT, B("--XyZ\r\n" CD "name=a\r\n\r\nx\0y\r\n--XyZ--"), 0, 0, CRM_FORM_BAD_UTF8, ""},
	{CT, B("--XyZ\r\n" CD "name=a; filename=f\r\n\r\n\xC3\x28\r\n--XyZ--"), 0, 0, CRM_FORM_OK,
	 "a@f(application/octet-stream)=\xC3\x28"},
	{CT, B("--XyZ\r\n" CD "name=\"\xFF\"\r\n\r\n1\r\n--XyZ--"), 0, 0, CRM_FORM_BAD_UTF8, ""},
	{CT, B("--XyZ\r\n" CD "name=a; filename=\"\xED\xA0\x80\"\r\n\r\n1\r\n--XyZ--"), 0, 0,
	 CRM_FORM_BAD_UTF8, ""},
	{CT, B("--XyZ\r\n" CD "name=a; filename*=UTF-8''%00\r\n\r\n1\r\n--XyZ--"), 0, 0,
	 CRM_FORM_BAD_UTF8, ""},
	{CT, B("--XyZ\r\n" CD "name=\"\xD0\x98\"\r\n\r\n\xD0\x98\r\n--XyZ--"), 0, 0, CRM_FORM_OK, "И=И"},
};

static void test_multipart(void **state)
{
	(void)state;
	char buf[4096];
	for (size_t i = 0; i < sizeof mp_rows / sizeof mp_rows[0]; i++) {
		crm_pool *p = crm_pool_new();
		crm_form_limits lim = lim_of(mp_rows[i].maxf, mp_rows[i].maxl);
		char *in = exact_copy(mp_rows[i].in, mp_rows[i].len, false);
		crm_field *list = NULL;
		int rc = crm_form_parse_multipart(p, in, mp_rows[i].len, mp_rows[i].ct, &lim, &list);
		render(list, buf, sizeof buf);
		if (rc != mp_rows[i].rc || strcmp(buf, mp_rows[i].want) != 0)
			fail_msg("multipart row %zu: rc %d want %d, got \"%s\" want \"%s\"", i, rc,
				 mp_rows[i].rc, buf, mp_rows[i].want);
		free(in);
		crm_pool_free(p);
	}
}

/* ---- cookies ---- */

static const struct {
	const char *in;
	size_t maxf, maxl;
	int rc;
	const char *want;
} cookie_rows[] = {
	{"a=1; b=2", 0, 0, CRM_FORM_OK, "a=1|b=2"},
	{"  a = 1 ;b=2;  ", 0, 0, CRM_FORM_OK, "a=1|b=2"},
	{"a=1;;b=2;", 0, 0, CRM_FORM_OK, "a=1|b=2"},
	{"sid=\"x y\"", 0, 0, CRM_FORM_OK, "sid=x y"},
	{"a=\"\"", 0, 0, CRM_FORM_OK, "a="},
	{"a=\"1", 0, 0, CRM_FORM_OK, "a=\"1"},
	{"a=", 0, 0, CRM_FORM_OK, "a="},
	{"a=%41+b", 0, 0, CRM_FORM_OK, "a=%41+b"},
	{"a=1=2", 0, 0, CRM_FORM_OK, "a=1=2"},
	{"a=1; a=2", 0, 0, CRM_FORM_OK, "a=1|a=2"},
	{"", 0, 0, CRM_FORM_OK, ""},
	{" ; ; ", 0, 0, CRM_FORM_OK, ""},
	{"novalue; b=2", 0, 0, CRM_FORM_OK, "b=2"},
	{"=1; b=2", 0, 0, CRM_FORM_OK, "b=2"},
	{"a b=1; c=2", 0, 0, CRM_FORM_OK, "c=2"},
	{"\"a\"=1; c=2", 0, 0, CRM_FORM_OK, "c=2"},
	{"a=\xFF; b=2", 0, 0, CRM_FORM_OK, "b=2"},
	{"\xC3\x28=1; b=2", 0, 0, CRM_FORM_OK, "b=2"},
	{"a=x\x01y; b=2", 0, 0, CRM_FORM_OK, "b=2"},
	{"\xD0\xB8=\xD0\xB4\xD0\xB0", 0, 0, CRM_FORM_OK, "и=да"},
	{"a=1; b=2; c=3", 2, 0, CRM_FORM_TOO_MANY, ""},
	{"a=1; junk; c=3", 2, 0, CRM_FORM_OK, "a=1|c=3"},
	{"a=1", ZERO, 0, CRM_FORM_TOO_MANY, ""},
	{"a=123; b=1234", 0, 3, CRM_FORM_OK, "a=123"},
};

static void test_cookies(void **state)
{
	(void)state;
	char buf[4096];
	for (size_t i = 0; i < sizeof cookie_rows / sizeof cookie_rows[0]; i++) {
		crm_pool *p = crm_pool_new();
		crm_form_limits lim = lim_of(cookie_rows[i].maxf, cookie_rows[i].maxl);
		char *in = exact_copy(cookie_rows[i].in, strlen(cookie_rows[i].in), true);
		crm_field *list = NULL;
		int rc = crm_form_parse_cookies(p, in, &lim, &list);
		render(list, buf, sizeof buf);
		if (rc != cookie_rows[i].rc || strcmp(buf, cookie_rows[i].want) != 0)
			fail_msg("cookie row %zu: rc %d want %d, got \"%s\" want \"%s\"", i, rc,
				 cookie_rows[i].rc, buf, cookie_rows[i].want);
		free(in);
		crm_pool_free(p);
	}
}

/* ---- behaviour outside the tables ---- */

/* Fields go after what *list holds; a failed parse leaves *list as it was. */
static void test_append_and_atomic(void **state)
{
	(void)state;
	crm_pool *p = crm_pool_new();
	crm_form_limits lim = lim_of(0, 0);
	crm_field *list = NULL;
	char buf[256];
	assert_int_equal(crm_form_parse_urlencoded(p, "a=1", 3, &lim, &list), CRM_FORM_OK);
	assert_int_equal(crm_form_parse_cookies(p, "c=3", &lim, &list), CRM_FORM_OK);
	assert_int_equal(crm_form_parse_urlencoded(p, "b=2&d=4", 7, &lim, &list), CRM_FORM_OK);
	render(list, buf, sizeof buf);
	assert_string_equal(buf, "a=1|c=3|b=2|d=4");
	assert_int_equal(crm_form_parse_urlencoded(p, "x=1&y=%zz", 9, &lim, &list), CRM_FORM_MALFORMED);
	assert_int_equal(crm_form_parse_cookies(p, "x=1; y=2", &(crm_form_limits){1, 10}, &list),
			 CRM_FORM_TOO_MANY);
	const char *mp = "--b\r\nContent-Disposition: form-data; name=x\r\n\r\n1\r\n--b\r\n";
	assert_int_equal(crm_form_parse_multipart(p, mp, strlen(mp), "multipart/form-data; boundary=b",
						  &lim, &list), CRM_FORM_MALFORMED);
	render(list, buf, sizeof buf);
	assert_string_equal(buf, "a=1|c=3|b=2|d=4");
	crm_pool_free(p);
}

static void test_null_args(void **state)
{
	(void)state;
	crm_pool *p = crm_pool_new();
	crm_field *list = NULL;
	assert_int_equal(crm_form_parse_cookies(p, NULL, NULL, &list), CRM_FORM_OK);
	assert_int_equal(crm_form_parse_urlencoded(p, NULL, 0, NULL, &list), CRM_FORM_OK);
	assert_int_equal(crm_form_parse_multipart(p, NULL, 0, CT, NULL, &list), CRM_FORM_MALFORMED);
	assert_null(list);
	/* NULL limits are the built-in defaults, not "unlimited" */
	assert_int_equal(crm_form_parse_urlencoded(p, "a=1", 3, NULL, &list), CRM_FORM_OK);
	assert_non_null(list);
	assert_true(crm_utf8_valid(NULL, 0));
	crm_pool_free(p);
}

/* Builds a part whose header block is exactly hdr_len bytes up to and including the
 * blank line; 8192 is allowed, 8193 is not. */
static void test_header_limit(void **state)
{
	(void)state;
	for (size_t hdr_len = 8190; hdr_len <= 8194; hdr_len++) {
		const char *head = "Content-Disposition: form-data; name=a\r\nX-Pad: ";
		size_t pad = hdr_len - strlen(head) - 4; /* "\r\n\r\n" */
		size_t cap = 16 + hdr_len + 32;
		char *body = malloc(cap);
		size_t n = 0;
		n += (size_t)sprintf(body + n, "--b\r\n%s", head);
		memset(body + n, 'x', pad);
		n += pad;
		n += (size_t)sprintf(body + n, "\r\n\r\nv\r\n--b--");
		crm_pool *p = crm_pool_new();
		crm_field *list = NULL;
		int rc = crm_form_parse_multipart(p, body, n, "multipart/form-data; boundary=b", NULL,
						  &list);
		assert_int_equal(rc, hdr_len <= 8192 ? CRM_FORM_OK : CRM_FORM_MALFORMED);
		crm_pool_free(p);
		free(body);
	}
}

/* Inputs built to make a naive parser quadratic: a long upload full of near-boundaries,
 * and a query string of many empty segments. They must simply finish. */
static void test_pathological(void **state)
{
	(void)state;
	const char *b = "0123456789012345678901234567890123456789012345678901234567890123456789";
	char ct[128];
	snprintf(ct, sizeof ct, "multipart/form-data; boundary=%s", b);
	size_t cap = 4 << 20, n = 0;
	char *body = malloc(cap);
	n += (size_t)sprintf(body, "--%s\r\nContent-Disposition: form-data; name=f; filename=x\r\n\r\n", b);
	size_t head = n;
	while (n + 200 < cap) {
		/* "\r\n--" and a 69-byte prefix of the boundary, then a full one followed by junk */
		n += (size_t)sprintf(body + n, "\r\n--%.69s!\r\n--%sX", b, b);
	}
	size_t content = n - head;
	n += (size_t)sprintf(body + n, "\r\n--%s--", b);
	crm_pool *p = crm_pool_new();
	crm_field *list = NULL;
	assert_int_equal(crm_form_parse_multipart(p, body, n, ct, NULL, &list), CRM_FORM_OK);
	assert_non_null(list);
	assert_null(list->next);
	assert_int_equal(list->len, content);
	assert_memory_equal(list->value, body + head, content);
	crm_pool_free(p);

	memset(body, '&', cap);
	p = crm_pool_new();
	list = NULL;
	assert_int_equal(crm_form_parse_urlencoded(p, body, cap, NULL, &list), CRM_FORM_OK);
	assert_null(list);
	crm_pool_free(p);
	free(body);
}

/* ---- fuzz-ish: fixed seed, mutations of the table inputs ---- */

static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static uint32_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state >> 16);
}

static const char *const dict[] = {
	"\r\n", "\n", "\r", "--", "--XyZ", "\r\n--XyZ", "\r\n--XyZ--", "--XyZ\r\n", "XyZ", "\"",
	"\\", ";", "=", "&", "%", "%4", "%C3", "%00", "+", ": ", "name=", "filename=\"",
	"filename*=UTF-8''", "Content-Disposition: form-data; ", "Content-Type: ", "\0",
	"\xC3", "\xED\xA0\x80", "\xF0\x9F\x98\x80", "\xFF", " ", "\t", "\r\n\r\n",
};

/* Applies a few random edits to in[0..len) into out (cap bytes); returns the new length. */
static size_t mutate(const char *in, size_t len, char *out, size_t cap)
{
	size_t n = len < cap ? len : cap;
	memcpy(out, in, n);
	int edits = 1 + (int)(rnd() % 6);
	for (int e = 0; e < edits; e++) {
		size_t at = n ? rnd() % (n + 1) : 0;
		switch (rnd() % 6) {
		case 0: /* flip a byte */
			if (n)
				out[rnd() % n] = (char)rnd();
			break;
		case 1: { /* insert a dictionary token */
			const char *t = dict[rnd() % (sizeof dict / sizeof dict[0])];
			size_t tl = *t ? strlen(t) : 1;
			if (n + tl <= cap) {
				memmove(out + at + tl, out + at, n - at);
				memcpy(out + at, t, tl);
				n += tl;
			}
			break;
		}
		case 2: { /* delete a range */
			size_t k = n - at ? rnd() % (n - at + 1) : 0;
			memmove(out + at, out + at + k, n - at - k);
			n -= k;
			break;
		}
		case 3: /* truncate */
			n = at;
			break;
		case 4: { /* duplicate a range */
			size_t k = n - at ? rnd() % (n - at + 1) : 0;
			if (n + k <= cap) {
				memmove(out + at + k, out + at, n - at);
				n += k;
			}
			break;
		}
		default: /* insert random bytes */
			for (int k = rnd() % 8; k > 0 && n < cap; k--) {
				memmove(out + at + 1, out + at, n - at);
				out[at] = (char)rnd();
				n++;
			}
		}
	}
	return n;
}

/* Whatever a parser accepted must satisfy the interface's promises. */
static void check_fields(const crm_field *f, const crm_form_limits *lim)
{
	size_t count = 0;
	for (; f; f = f->next, count++) {
		assert_non_null(f->name);
		assert_true(crm_utf8_valid(f->name, strlen(f->name)));
		assert_int_equal(f->value[f->len], 0);
		if (f->filename) {
			assert_true(crm_utf8_valid(f->filename, strlen(f->filename)));
			assert_non_null(f->content_type);
		} else {
			assert_true(f->len <= lim->max_field_len);
			assert_true(crm_utf8_valid(f->value, f->len));
		}
	}
	assert_true(count <= lim->max_fields);
}

#define FUZZ_ROUNDS 4000
#define FUZZ_CAP 2048

static void test_fuzz(void **state)
{
	(void)state;
	static char tmp[FUZZ_CAP];
	crm_form_limits lim = {.max_fields = 8, .max_field_len = 64};
	static const char *const cts[] = {
		CT, "multipart/form-data; boundary=\"XyZ\"", "multipart/form-data; boundary=X",
		"multipart/form-data; boundary=\"Xy\\Z\"", "multipart/form-data;boundary=XyZ;",
	};
	for (int round = 0; round < FUZZ_ROUNDS; round++) {
		crm_pool *p = crm_pool_new();
		crm_field *list = NULL;
		size_t n;
		char *in;

		size_t r = rnd() % (sizeof url_rows / sizeof url_rows[0]);
		n = mutate(url_rows[r].in, url_rows[r].len, tmp, FUZZ_CAP);
		in = exact_copy(tmp, n, false);
		if (crm_form_parse_urlencoded(p, in, n, &lim, &list) == CRM_FORM_OK)
			check_fields(list, &lim);
		free(in);

		list = NULL;
		r = rnd() % (sizeof mp_rows / sizeof mp_rows[0]);
		n = mutate(mp_rows[r].in, mp_rows[r].len, tmp, FUZZ_CAP);
		in = exact_copy(tmp, n, false);
		const char *ct = mp_rows[r].ct && rnd() % 2 ? mp_rows[r].ct : cts[rnd() % 5];
		char *ctm = NULL;
		if (rnd() % 4 == 0) { /* a mangled Content-Type too */
			size_t cn = mutate(ct, strlen(ct), tmp, 200);
			ctm = exact_copy(tmp, cn, true);
			ct = ctm;
		}
		if (crm_form_parse_multipart(p, in, n, ct, &lim, &list) == CRM_FORM_OK)
			check_fields(list, &lim);
		free(ctm);
		free(in);

		list = NULL;
		r = rnd() % (sizeof cookie_rows / sizeof cookie_rows[0]);
		n = mutate(cookie_rows[r].in, strlen(cookie_rows[r].in), tmp, FUZZ_CAP);
		in = exact_copy(tmp, n, true);
		if (crm_form_parse_cookies(p, in, &lim, &list) == CRM_FORM_OK)
			check_fields(list, &lim);
		free(in);

		/* pure noise for crm_utf8_valid */
		n = rnd() % 16;
		for (size_t k = 0; k < n; k++)
			tmp[k] = (char)rnd();
		in = exact_copy(tmp, n, false);
		(void)crm_utf8_valid(in, n);
		free(in);

		crm_pool_free(p);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_urlencoded),
		cmocka_unit_test(test_multipart),
		cmocka_unit_test(test_cookies),
		cmocka_unit_test(test_append_and_atomic),
		cmocka_unit_test(test_null_args),
		cmocka_unit_test(test_header_limit),
		cmocka_unit_test(test_pathological),
		cmocka_unit_test(test_fuzz),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
