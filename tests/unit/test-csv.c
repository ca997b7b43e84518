/* Unit tests for core/csv.c: the writer's quoting, the reader's records and line
 * numbers, encoding detection and conversion, and delimiter detection; one row per case. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core.h"
#include "csv-reader.h"

#define B(x) x, sizeof(x) - 1
#define BOM "\xEF\xBB\xBF"

/* Copies input to an exact-size heap block so ASan catches any read past its end. */
static char *exact_copy(const char *s, size_t len)
{
	char *d = malloc(len ? len : 1);
	assert_non_null(d);
	if (len)
		memcpy(d, s, len);
	return d;
}

/* ---- the writer ---- */

static const struct {
	const char *cells[4];
	size_t n;
	const char *want; /* after the BOM */
} write_rows[] = {
	{{"a", "b", "c"}, 3, "a,b,c\r\n"},
	{{"", NULL, "x"}, 3, ",,x\r\n"},
	{{"a,b", "say \"hi\"", "two\nlines"}, 3, "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n"},
	{{"semi;colon", "tab\there", "cr\rx"}, 3, "\"semi;colon\",\"tab\there\",\"cr\rx\"\r\n"},
	{{" lead", "trail ", "in side"}, 3, "\" lead\",\"trail \",in side\r\n"},
	{{"=1+2", "@SUM(A1)", "+7 912", "-5"}, 4, "\"'=1+2\",\"'@SUM(A1)\",+7 912,-5\r\n"},
	/* + and - start a formula unless the cell reads as a number or a phone */
	{{"+HYPERLINK(\"http://x\")", "-2+3+cmd|' /C calc'!A0", "+7 (912) 345-67-89", "-1 500,50"}, 4,
	 "\"'+HYPERLINK(\"\"http://x\"\")\",\"'-2+3+cmd|' /C calc'!A0\",+7 (912) 345-67-89,\"-1 500,50\"\r\n"},
	{{"\t=1", "-", "+"}, 3, "\"'\t=1\",-,+\r\n"},
	{{"Иван", "Ёж, ёлка"}, 2, "Иван,\"Ёж, ёлка\"\r\n"},
	{{"\"\""}, 1, "\"\"\"\"\"\"\r\n"},
};

static void test_writer(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof write_rows / sizeof write_rows[0]; i++) {
		crm_pool *p = crm_pool_new();
		crm_req r;
		crm_req_init(&r, NULL, p, NULL);
		crm_csv *c = crm_csv_new(&r);
		crm_csv_row(c, write_rows[i].cells, write_rows[i].n);
		size_t len;
		const char *data = crm_csv_data(c, &len);
		assert_true(len >= 3);
		assert_memory_equal(data, BOM, 3);
		if (strcmp(data + 3, write_rows[i].want))
			fail_msg("write row %zu: got [%s]", i, data + 3);
		assert_int_equal(len, strlen(data));
		crm_pool_free(p);
	}
	/* Many rows: the buffer grows and keeps everything. */
	crm_pool *p = crm_pool_new();
	crm_req r;
	crm_req_init(&r, NULL, p, NULL);
	crm_csv *c = crm_csv_new(&r);
	const char *cells[] = {"0123456789", "abcdefghij"};
	for (int k = 0; k < 5000; k++)
		crm_csv_row(c, cells, 2);
	size_t len;
	crm_csv_data(c, &len);
	assert_int_equal(len, 3 + 5000 * 23);
	crm_pool_free(p);
}

/* ---- the reader ---- */

typedef struct collect {
	char out[1024];
	size_t o;
	int stop_after;
	int seen;
} collect;

/* Records as "line:a|b;line:c;" */
static int on_record(void *data, char **fields, const size_t *lens, size_t n, size_t line)
{
	collect *c = data;
	c->o += (size_t)snprintf(c->out + c->o, sizeof c->out - c->o, "%zu:", line);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(strlen(fields[i]), lens[i]);
		c->o += (size_t)snprintf(c->out + c->o, sizeof c->out - c->o, "%s%s", i ? "|" : "", fields[i]);
	}
	c->o += (size_t)snprintf(c->out + c->o, sizeof c->out - c->o, ";");
	assert_true(c->o < sizeof c->out);
	return ++c->seen == c->stop_after;
}

static const struct {
	const char *in;
	size_t len;
	char delim;
	size_t max_fields;
	int stop_after;
	int rc;
	size_t bad_line;
	const char *want;
} read_rows[] = {
	{B("a,b\nc,d\n"), ',', 10, 0, CRM_CSV_END, 0, "1:a|b;2:c|d;"},
	{B("a,b\r\nc,d"), ',', 10, 0, CRM_CSV_END, 0, "1:a|b;2:c|d;"},
	{B("a,b\n\n\nc,d\n"), ',', 10, 0, CRM_CSV_END, 0, "1:a|b;4:c|d;"},
	{B("a\rb\rc"), ',', 10, 0, CRM_CSV_END, 0, "1:a;2:b;3:c;"},
	{B("\"x\ny\",z\nnext,1\n"), ',', 10, 0, CRM_CSV_END, 0, "1:x\ny|z;3:next|1;"},
	{B("\"say \"\"hi\"\"\",b\n"), ',', 10, 0, CRM_CSV_END, 0, "1:say \"hi\"|b;"},
	{B(" a , b \n"), ',', 10, 0, CRM_CSV_END, 0, "1:a|b;"},
	{B("a;b,c;d\n"), ';', 10, 0, CRM_CSV_END, 0, "1:a|b,c|d;"},
	{B("a\t\tb\n"), '\t', 10, 0, CRM_CSV_END, 0, "1:a||b;"},
	{B(",,\n"), ',', 10, 0, CRM_CSV_END, 0, "1:||;"},
	{B("Иван;Петров\n"), ';', 10, 0, CRM_CSV_END, 0, "1:Иван|Петров;"},
	{B("a,b\nc,d\ne,f\n"), ',', 10, 2, CRM_CSV_STOPPED, 0, "1:a|b;2:c|d;"},
	/* broken quotes: an unclosed quote, text after a closing quote, a quote inside */
	{B("a,b\nc,\"d\ne,f\n"), ',', 10, 0, CRM_CSV_BROKEN, 2, "1:a|b;"},
	{B("a,b\n\"c\"x,d\n"), ',', 10, 0, CRM_CSV_BROKEN, 2, "1:a|b;"},
	{B("a,b\nc,d\"e\"\n"), ',', 10, 0, CRM_CSV_BROKEN, 2, "1:a|b;"},
	/* too wide */
	{B("a,b\nc,d,e\n"), ',', 2, 0, CRM_CSV_TOO_WIDE, 2, "1:a|b;"},
	{B(""), ',', 10, 0, CRM_CSV_END, 0, ""},
};

static void test_reader(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof read_rows / sizeof read_rows[0]; i++) {
		collect c = {.stop_after = read_rows[i].stop_after};
		size_t bad = 0;
		char *in = exact_copy(read_rows[i].in, read_rows[i].len);
		int rc = crm_csv_read(in, read_rows[i].len, read_rows[i].delim, read_rows[i].max_fields, on_record, &c,
				      &bad);
		free(in);
		if (rc != read_rows[i].rc || strcmp(c.out, read_rows[i].want))
			fail_msg("read row %zu: rc %d, got [%s]", i, rc, c.out);
		if (rc < 0 && bad != read_rows[i].bad_line)
			fail_msg("read row %zu: bad line %zu", i, bad);
	}
}

/* ---- encodings ---- */

static const struct {
	const char *in;
	size_t len;
	int rc;
	int enc;
	const char *err;
	const char *utf8; /* after conversion */
} enc_rows[] = {
	{B("name,email\nAnna,a@x.ru\n"), 0, CRM_CSV_UTF8, NULL, "name,email\nAnna,a@x.ru\n"},
	{B(BOM "имя;почта\n"), 0, CRM_CSV_UTF8_BOM, NULL, "имя;почта\n"},
	/* "Иван;Петров" in Windows-1251 */
	{B("\xC8\xE2\xE0\xED;\xCF\xE5\xF2\xF0\xEE\xE2\n"), 0, CRM_CSV_CP1251, NULL, "Иван;Петров\n"},
	/* Ёлка, ёж and № in Windows-1251 */
	{B("\xA8\xEB\xEA\xE0,\xB8\xE6 \xB9" "5\n"), 0, CRM_CSV_CP1251, NULL, "Ёлка,ёж №5\n"},
	/* UTF-8 cut in the middle of letters: neither UTF-8 nor plausible Windows-1251 */
	{B("\xD0\x98\xD0\xB2\xD0\xB0\xD0,\xD0\x9F\xD0\xB5\xD1\x82\xD1\x80\n"), -1, 0, "import.bad_encoding", NULL},
	/* a BOM, then bytes that are not UTF-8 */
	{B(BOM "\xC8\xE2\xE0\xED\n"), -1, 0, "import.bad_encoding", NULL},
	/* binary: NUL bytes, a PNG signature */
	{B("a,b\n\0\0\0\n"), -1, 0, "import.not_text", NULL},
	{B("\x89PNG\r\n\x1A\n\0\0\0\rIHDR"), -1, 0, "import.not_text", NULL},
	/* Windows-1251's one unassigned byte */
	{B("\xC8\x98\xE0\n"), -1, 0, "import.bad_encoding", NULL},
	/* UTF-16 LE with its BOM: "a,б" */
	{B("\xFF\xFE" "a\0,\0\x31\x04\n\0"), 0, CRM_CSV_UTF16, NULL, "a,б\n"},
};

static void test_encodings(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof enc_rows / sizeof enc_rows[0]; i++) {
		char *in = exact_copy(enc_rows[i].in, enc_rows[i].len);
		int enc = -1;
		const char *err = NULL;
		int rc = crm_csv_detect_encoding(in, enc_rows[i].len, &enc, &err);
		if (rc != enc_rows[i].rc)
			fail_msg("encoding row %zu: rc %d", i, rc);
		if (rc < 0) {
			if (!err || strcmp(err, enc_rows[i].err))
				fail_msg("encoding row %zu: error %s", i, err ? err : "(none)");
			free(in);
			continue;
		}
		if (enc != enc_rows[i].enc)
			fail_msg("encoding row %zu: enc %d", i, enc);
		crm_pool *p = crm_pool_new();
		size_t n = 0;
		char *out = crm_csv_to_utf8(p, in, enc_rows[i].len, enc, &n, &err);
		if (!out || strcmp(out, enc_rows[i].utf8) || n != strlen(enc_rows[i].utf8))
			fail_msg("encoding row %zu: converted to [%s]", i, out ? out : "(null)");
		crm_pool_free(p);
		free(in);
	}
	/* Forcing UTF-8 on Windows-1251 bytes fails cleanly. */
	crm_pool *p = crm_pool_new();
	size_t n;
	const char *err = NULL;
	assert_null(crm_csv_to_utf8(p, "\xC8\xE2", 2, CRM_CSV_UTF8, &n, &err));
	assert_string_equal(err, "import.bad_encoding");
	crm_pool_free(p);
}

/* ---- delimiters ---- */

static const struct {
	const char *in;
	char want;
} delim_rows[] = {
	{"name,email,phone\nA,a@x,1\nB,b@x,2\n", ','},
	{"name;email;phone\nA;a@x;1\nB;b@x;2\n", ';'},
	{"name\temail\tphone\nA\ta@x\t1\n", '\t'},
	/* commas inside quoted values do not fool it */
	{"name;address\n\"Acme\";\"Moscow, Tverskaya 1, office 5\"\n\"Beta\";\"Kazan, Baumana 2\"\n", ';'},
	/* a single column: the default */
	{"email\na@x\nb@x\n", ','},
	/* semicolons in text, commas as the delimiter */
	{"name,note\nA,\"x; y; z\"\nB,\"p; q\"\n", ','},
	{"", ','},
};

static void test_delimiters(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof delim_rows / sizeof delim_rows[0]; i++) {
		size_t len = strlen(delim_rows[i].in);
		char *in = exact_copy(delim_rows[i].in, len);
		char got = crm_csv_detect_delimiter(in, len);
		free(in);
		if (got != delim_rows[i].want)
			fail_msg("delimiter row %zu: got '%c'", i, got);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_writer),
		cmocka_unit_test(test_reader),
		cmocka_unit_test(test_encodings),
		cmocka_unit_test(test_delimiters),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
