/* Unit tests for core/xlsx.c: workbooks made here with libzip, one row per case: the
 * values a sheet holds as CSV text (strings, numbers, booleans, dates, empty cells and
 * rows), and the refusals (damaged archives and XML, DTDs and entities, zip bombs,
 * too many columns, long values, passwords). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>
#include "core.h"
#include "xlsx.h"

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
	   "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

typedef struct entry {
	const char *name, *data;
	size_t len; /* 0: strlen(data) */
} entry;

/* A zip archive of the entries, in a malloc'd block of *len bytes. */
static char *zip_of(const entry *e, size_t n, size_t *len, const char *encrypt)
{
	zip_error_t err;
	zip_error_init(&err);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &err);
	assert_non_null(src);
	zip_source_keep(src);
	zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &err);
	assert_non_null(za);
	for (size_t i = 0; i < n; i++) {
		zip_source_t *s = zip_source_buffer(za, e[i].data, e[i].len ? e[i].len : strlen(e[i].data), 0);
		assert_non_null(s);
		zip_int64_t idx = zip_file_add(za, e[i].name, s, ZIP_FL_ENC_UTF_8);
		assert_true(idx >= 0);
		if (encrypt && strstr(e[i].name, "sheet1"))
			assert_int_equal(zip_file_set_encryption(za, (zip_uint64_t)idx, ZIP_EM_AES_256, encrypt), 0);
	}
	assert_int_equal(zip_close(za), 0);
	assert_int_equal(zip_source_open(src), 0);
	assert_int_equal(zip_source_seek(src, 0, SEEK_END), 0);
	zip_int64_t size = zip_source_tell(src);
	assert_true(size > 0);
	assert_int_equal(zip_source_seek(src, 0, SEEK_SET), 0);
	char *out = malloc((size_t)size);
	assert_non_null(out);
	assert_int_equal(zip_source_read(src, out, (zip_uint64_t)size), size);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&err);
	*len = (size_t)size;
	return out;
}

/* A case: the sheet's rows (inside <sheetData>), the shared strings' <si>s (NULL: no
 * part), the styles' inside (NULL: no part), the workbook's properties, and what comes
 * out: the CSV text, or the error and its row. */
typedef struct sheet_case {
	const char *rows, *strings, *styles, *wb_pr;
	const char *want, *err;
	size_t line;
} sheet_case;

static const char *const styles_dates =
	"<numFmts count=\"4\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\\ hh:mm\"/>"
	"<numFmt numFmtId=\"165\" formatCode=\"#,##0.00\\ &quot;₽&quot;\"/>"
	"<numFmt numFmtId=\"166\" formatCode=\"[$-419]d\\ mmmm\\ yyyy\"/>"
	"<numFmt numFmtId=\"167\" formatCode=\"[Red]0.00;[Blue]\\-0.00\"/></numFmts>"
	"<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
	"<cellXfs count=\"9\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/><xf numFmtId=\"20\"/>"
	"<xf numFmtId=\"165\"/><xf numFmtId=\"166\"/><xf numFmtId=\"46\"/><xf numFmtId=\"167\"/><xf numFmtId=\"22\"/></cellXfs>"
	"<dxfs><dxf><numFmt numFmtId=\"14\" formatCode=\"General\"/></dxf></dxfs>";

static const sheet_case cases[] = {
	/* shared strings, a header and a row */
	{"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
	 "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>2</v></c><c r=\"B2\" t=\"s\"><v>3</v></c></row>",
	 "<si><t>Имя</t></si><si><t>E-mail</t></si><si><t>Анна</t></si><si><t>anna@example.com</t></si>",
	 NULL, NULL, "Имя,E-mail\nАнна,anna@example.com\n", NULL, 0},
	/* empty cells keep the columns by their references; trailing styled empties add none */
	{"<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a</t></is></c><c r=\"C1\"><v>3</v></c>"
	 "<c r=\"D1\" s=\"0\"/><c r=\"E1\" t=\"s\"/></row>"
	 "<row r=\"2\"><c r=\"B2\" t=\"b\"><v>1</v></c><c r=\"D2\" t=\"b\"><v>0</v></c></row>",
	 NULL, NULL, NULL, "a,,3\n,TRUE,,FALSE\n", NULL, 0},
	/* rows missing from the sheet are blank lines: row N stays on line N */
	{"<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>head</t></is></c></row><row r=\"3\"/>"
	 "<row r=\"5\" spans=\"1:3\"><c r=\"B5\" t=\"inlineStr\"><is><t>x</t></is></c></row>",
	 NULL, NULL, NULL, "\nhead\n\n\n,x\n", NULL, 0},
	/* cells and rows without references follow the one before */
	{"<row><c t=\"inlineStr\"><is><t>a</t></is></c><c><v>1</v></c><c r=\"D1\"><v>4</v></c><c><v>5</v></c></row>"
	 "<row><c><v>2</v></c></row>",
	 NULL, NULL, NULL, "a,1,,4,5\n2\n", NULL, 0},
	/* numbers: 15 significant digits, whole numbers without an exponent */
	{"<row r=\"1\"><c r=\"A1\"><v>0.30000000000000004</v></c><c r=\"B1\"><v>1E+20</v></c>"
	 "<c r=\"C1\"><v>79123456789</v></c><c r=\"D1\"><v>-0</v></c><c r=\"E1\"><v>12.50</v></c>"
	 "<c r=\"F1\" t=\"n\"><v>-1234.5</v></c><c r=\"G1\"><v>abc</v></c></row>",
	 NULL, NULL, NULL, "0.3,1e+20,79123456789,0,12.5,-1234.5,abc\n", NULL, 0},
	/* dates, date-times and times by the cell's style; money and colours stay numbers */
	{"<row r=\"1\"><c r=\"A1\" s=\"1\"><v>45000</v></c><c r=\"B1\" s=\"2\"><v>45000.5</v></c>"
	 "<c r=\"C1\" s=\"3\"><v>0.75</v></c><c r=\"D1\" s=\"4\"><v>1234.5</v></c><c r=\"E1\" s=\"5\"><v>45000</v></c>"
	 "<c r=\"F1\" s=\"6\"><v>1.5</v></c><c r=\"G1\" s=\"7\"><v>3</v></c><c r=\"H1\" s=\"8\"><v>45000.999999</v></c>"
	 "<c r=\"I1\" s=\"99\"><v>45000</v></c><c r=\"J1\" s=\"1\"><v>-5</v></c></row>"
	 "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>1</v></c><c r=\"B2\" s=\"1\"><v>59</v></c><c r=\"C2\" s=\"1\"><v>60</v></c>"
	 "<c r=\"D2\" s=\"1\"><v>61</v></c><c r=\"E2\" s=\"1\"><v>2958465</v></c></row>",
	 NULL, styles_dates, NULL,
	 "15.03.2023,15.03.2023 12:00,18:00,1234.5,15.03.2023,36:00:00,3,16.03.2023 00:00,45000,-5\n"
	 "01.01.1900,28.02.1900,29.02.1900,01.03.1900,31.12.9999\n", NULL, 0},
	/* the 1904 date system */
	{"<row r=\"1\"><c r=\"A1\" s=\"1\"><v>45000</v></c><c r=\"B1\" s=\"1\"><v>0</v></c></row>",
	 NULL, styles_dates, "<workbookPr date1904=\"1\"/>", "16.03.2027,01.01.1904\n", NULL, 0},
	/* text: escapes, line ends, quotes, commas and blanks at the ends are kept */
	{"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>2</v></c>"
	 "<c r=\"D1\" t=\"s\"><v>3</v></c></row><row r=\"3\"><c r=\"A3\" t=\"s\"><v>4</v></c></row>",
	 "<si><t>line 1_x000D_\nline 2</t></si><si><t>say \"hi\", then</t></si>"
	 "<si><t xml:space=\"preserve\"> padded </t></si><si><t>_x0001_tab_x0009_and _x005F_x000D_</t></si>"
	 "<si><t>after</t></si>",
	 NULL, NULL,
	 "\"line 1\nline 2\",\"say \"\"hi\"\", then\",\" padded \",tab\tand _x000D_\nafter\n", NULL, 0},
	/* rich text runs join; phonetic hints are left out */
	{"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"inlineStr\"><is><r><t>in</t></r><r><t>line</t></r>"
	 "<rPh sb=\"0\" eb=\"1\"><t>x</t></rPh></is></c></row>",
	 "<si><r><rPr><b/></rPr><t>Bold</t></r><r><t xml:space=\"preserve\"> and plain</t></r>"
	 "<rPh sb=\"0\" eb=\"4\"><t>ボールド</t></rPh><phoneticPr fontId=\"1\"/></si>",
	 NULL, NULL, "Bold and plain,inline\n", NULL, 0},
	/* formulas give their cached value; errors and ISO dates as written */
	{"<row r=\"1\"><c r=\"A1\" t=\"str\"><f>B1&amp;C1</f><v>ab</v></c><c r=\"B1\"><f>1+1</f><v>2</v></c>"
	 "<c r=\"C1\"><f>NOW()</f></c><c r=\"D1\" t=\"e\"><v>#N/A</v></c>"
	 "<c r=\"E1\" t=\"d\"><v>2024-05-31T00:00:00</v></c><c r=\"F1\" t=\"d\"><v>2024-05-31T10:30:00</v></c></row>",
	 NULL, NULL, NULL, "ab,2,,#N/A,31.05.2024,31.05.2024 10:30\n", NULL, 0},
	/* an empty sheet is empty text (the wizard then says the file is empty) */
	{"", NULL, NULL, NULL, "", NULL, 0},
	/* rows out of order come in the file's order */
	{"<row r=\"3\"><c r=\"A3\"><v>3</v></c></row><row r=\"2\"><c r=\"A2\"><v>2</v></c></row>",
	 NULL, NULL, NULL, "\n\n3\n2\n", NULL, 0},
	/* refusals */
	{"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row><row r=\"2\"><c r=\"A2\" t=\"s\"><v>7</v></c></row>",
	 "<si><t>only</t></si>", NULL, NULL, NULL, "import.xlsx_broken", 2},
	{"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>", NULL, NULL, NULL, NULL, "import.xlsx_broken", 1},
	{"<row r=\"1\"><c r=\"1A\"><v>1</v></c></row>", NULL, NULL, NULL, NULL, "import.xlsx_broken", 1},
	{"<row r=\"1048577\"><c><v>1</v></c></row>", NULL, NULL, NULL, NULL, "import.xlsx_broken", 1},
	{"<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>", NULL, NULL, NULL, NULL, "import.xlsx_broken", 1},
	{"<row r=\"1\"><c r=\"A1\"><v>1</v></c>", NULL, NULL, NULL, NULL, "import.xlsx_broken", 0},
	/* columns and values past the limits (12 columns, 64 bytes in the tests) */
	{"<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"7\"><c r=\"M7\"><v>5</v></c></row>",
	 NULL, NULL, NULL, NULL, "import.too_many_columns", 7},
	{"<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"Z1\" s=\"0\"/></row>", NULL, NULL, NULL, "1\n", NULL, 0},
	{"<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>"
	 "0123456789012345678901234567890123456789012345678901234567890123456789</t></is></c></row>",
	 NULL, NULL, NULL, NULL, "import.cell_too_long", 3},
};

static const crm_xlsx_limits small = {.max_part = 64 * 1024, .max_out = 4096, .max_columns = 12, .max_cell = 64};

/* A workbook of the usual parts around a sheet (and its strings and styles). */
static char *workbook(const char *rows, const char *strings, const char *styles, const char *wb_pr, size_t *len)
{
	static char wb[1024], rels[1024], sheet[65536], sst[8192], sty[8192];
	snprintf(wb, sizeof wb, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
		 "<workbook " NS ">%s<sheets><sheet name=\"Лист1\" sheetId=\"1\" r:id=\"rId1\"/>"
		 "<sheet name=\"Second\" sheetId=\"2\" r:id=\"rId9\"/></sheets></workbook>", wb_pr ? wb_pr : "");
	snprintf(rels, sizeof rels, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		 "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		 "<Relationship Id=\"rId9\" Type=\"" REL "worksheet\" Target=\"worksheets/sheet2.xml\"/>"
		 "<Relationship Id=\"rId1\" Type=\"" REL "worksheet\" Target=\"worksheets/./sheet1.xml\"/>"
		 "<Relationship Id=\"rId2\" Type=\"" REL "sharedStrings\" Target=\"/xl/sharedStrings.xml\"/>"
		 "<Relationship Id=\"rId3\" Type=\"" REL "styles\" Target=\"../xl/styles.xml\"/></Relationships>");
	snprintf(sheet, sizeof sheet, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<worksheet " NS ">"
		 "<dimension ref=\"A1:C3\"/><sheetData>%s</sheetData><mergeCells count=\"0\"/></worksheet>", rows);
	snprintf(sst, sizeof sst, "<?xml version=\"1.0\"?><sst " NS ">%s</sst>", strings ? strings : "");
	snprintf(sty, sizeof sty, "<?xml version=\"1.0\"?><styleSheet " NS ">%s</styleSheet>", styles ? styles : "");
	entry e[8];
	size_t n = 0;
	e[n++] = (entry){"[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>", 0};
	e[n++] = (entry){"xl/workbook.xml", wb, 0};
	e[n++] = (entry){"xl/_rels/workbook.xml.rels", rels, 0};
	e[n++] = (entry){"xl/worksheets/sheet1.xml", sheet, 0};
	e[n++] = (entry){"xl/worksheets/sheet2.xml",
			 "<worksheet " NS "><sheetData><row r=\"1\"><c><v>9</v></c></row></sheetData></worksheet>", 0};
	/* The optional parts only when the case has them. */
	if (strings)
		e[n++] = (entry){"xl/sharedStrings.xml", sst, 0};
	if (styles)
		e[n++] = (entry){"xl/styles.xml", sty, 0};
	return zip_of(e, n, len, NULL);
}

static void test_sheets(void **state)
{
	(void)state;
	for (size_t i = 0; i < CRM_LEN(cases); i++) {
		const sheet_case *k = &cases[i];
		size_t len, out_len = 0, line = 99;
		char *z = workbook(k->rows, k->strings, k->styles, k->wb_pr, &len);
		assert_true(crm_xlsx_is(z, len));
		crm_pool *p = crm_pool_new();
		const char *err = NULL;
		char *csv = crm_xlsx_to_csv(p, z, len, &small, &out_len, &err, &line);
		free(z);
		if (k->want) {
			if (!csv)
				fail_msg("case %zu: refused with %s (row %zu)", i, err, line);
			if (strcmp(csv, k->want) || out_len != strlen(k->want))
				fail_msg("case %zu: got [%s]", i, csv);
		} else {
			if (csv)
				fail_msg("case %zu: read as [%s], expected %s", i, csv, k->err);
			if (strcmp(err, k->err) || line != k->line)
				fail_msg("case %zu: refused with %s (row %zu), expected %s (row %zu)", i, err, line, k->err, k->line);
		}
		crm_pool_free(p);
	}
}

/* Archives that are not workbooks, or workbooks with a trap in them. */
typedef struct archive_case {
	entry e[4];
	size_t n;
	const char *err;
} archive_case;

#define WB "<workbook " NS "><sheets><sheet name=\"a\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
#define RELS "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" \
	     "<Relationship Id=\"rId1\" Type=\"" REL "worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"

static const archive_case archives[] = {
	/* no relationships part */
	{{{"xl/workbook.xml", WB, 0}}, 1, "import.xlsx_broken"},
	/* no sheet listed, or the listed one missing */
	{{{"xl/workbook.xml", "<workbook " NS "><sheets/></workbook>", 0}, {"xl/_rels/workbook.xml.rels", RELS, 0}}, 2,
	 "import.xlsx_no_sheet"},
	{{{"xl/workbook.xml", WB, 0}, {"xl/_rels/workbook.xml.rels", RELS, 0}}, 2, "import.xlsx_no_sheet"},
	{{{"xl/workbook.xml", WB, 0},
	  {"xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"/>", 0}},
	 2, "import.xlsx_no_sheet"},
	/* XML that is not well formed */
	{{{"xl/workbook.xml", "<workbook><sheets><sheet", 0}}, 1, "import.xlsx_broken"},
	/* a DTD, whatever it declares, and the classic external entity */
	{{{"xl/workbook.xml", WB, 0}, {"xl/_rels/workbook.xml.rels", RELS, 0},
	  {"xl/worksheets/sheet1.xml", "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
	   "<worksheet " NS "><sheetData><row><c t=\"inlineStr\"><is><t>&x;</t></is></c></row></sheetData></worksheet>", 0}},
	 3, "import.xlsx_broken"},
	{{{"xl/workbook.xml", WB, 0}, {"xl/_rels/workbook.xml.rels", RELS, 0},
	  {"xl/worksheets/sheet1.xml", "<!DOCTYPE w [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">"
	   "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">]><worksheet " NS "><sheetData><row><c t=\"inlineStr\"><is><t>&c;</t>"
	   "</is></c></row></sheetData></worksheet>", 0}},
	 3, "import.xlsx_broken"},
	{{{"xl/workbook.xml", "<!DOCTYPE workbook SYSTEM \"http://example.com/evil.dtd\">" WB, 0}}, 1, "import.xlsx_broken"},
};

static void test_archives(void **state)
{
	(void)state;
	for (size_t i = 0; i < CRM_LEN(archives); i++) {
		size_t len, out_len, line;
		char *z = zip_of(archives[i].e, archives[i].n, &len, NULL);
		crm_pool *p = crm_pool_new();
		const char *err = NULL;
		char *csv = crm_xlsx_to_csv(p, z, len, &small, &out_len, &err, &line);
		free(z);
		if (csv || strcmp(err, archives[i].err))
			fail_msg("archive %zu: got %s, expected %s", i, csv ? csv : err, archives[i].err);
		crm_pool_free(p);
	}
}

/* A sheet far bigger unpacked than packed, a CSV over its limit, a password, a
 * damaged archive, and files that are no workbooks at all. */
static void test_limits(void **state)
{
	(void)state;
	crm_pool *p = crm_pool_new();
	size_t len, out_len, line;
	const char *err;
	/* 1 MB of blanks inside the sheet packs into a few kilobytes. */
	size_t big = 1024 * 1024;
	char *sheet = malloc(big + 256);
	assert_non_null(sheet);
	int head = snprintf(sheet, 256, "<worksheet " NS "><sheetData>");
	memset(sheet + head, ' ', big);
	strcpy(sheet + head + big, "</sheetData></worksheet>");
	entry bomb[] = {{"xl/workbook.xml", WB, 0}, {"xl/_rels/workbook.xml.rels", RELS, 0}, {"xl/worksheets/sheet1.xml", sheet, 0}};
	char *z = zip_of(bomb, 3, &len, NULL);
	assert_true(len < 64 * 1024);
	err = NULL;
	assert_null(crm_xlsx_to_csv(p, z, len, &small, &out_len, &err, &line));
	assert_string_equal(err, "import.xlsx_too_big");
	/* With the import's own limits the same sheet reads: it holds nothing. */
	char *csv = crm_xlsx_to_csv(p, z, len, NULL, &out_len, &err, &line);
	assert_non_null(csv);
	assert_string_equal(csv, "");
	free(z);
	free(sheet);

	/* More rows than 4 KB of text. */
	char rows[32768] = "";
	for (int i = 1; i <= 500; i++)
		snprintf(rows + strlen(rows), sizeof rows - strlen(rows), "<row r=\"%d\"><c><v>%d</v></c></row>", i, i * 1000000);
	z = workbook(rows, NULL, NULL, NULL, &len);
	err = NULL;
	assert_null(crm_xlsx_to_csv(p, z, len, &small, &out_len, &err, &line));
	assert_string_equal(err, "import.xlsx_too_big");
	free(z);

	/* A sheet behind a password. */
	entry locked[] = {{"xl/workbook.xml", WB, 0}, {"xl/_rels/workbook.xml.rels", RELS, 0},
			  {"xl/worksheets/sheet1.xml", "<worksheet " NS "><sheetData/></worksheet>", 0}};
	z = zip_of(locked, 3, &len, "secret");
	err = NULL;
	assert_null(crm_xlsx_to_csv(p, z, len, &small, &out_len, &err, &line));
	assert_string_equal(err, "import.xlsx_encrypted");
	free(z);

	/* Cut short, or with its bytes flipped: damaged, never a crash. */
	z = workbook("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>", NULL, NULL, NULL, &len);
	for (size_t cut = 0; cut < len; cut += len / 23 + 1) {
		char *part = malloc(cut ? cut : 1);
		assert_non_null(part);
		memcpy(part, z, cut);
		err = NULL;
		char *got = crm_xlsx_to_csv(p, part, cut, &small, &out_len, &err, &line);
		assert_null(got);
		assert_string_equal(err, "import.xlsx_broken");
		free(part);
	}
	for (size_t at = 30; at < len; at += 7) {
		char *bad = malloc(len);
		assert_non_null(bad);
		memcpy(bad, z, len);
		bad[at] ^= 0x5A;
		err = NULL;
		char *got = crm_xlsx_to_csv(p, bad, len, &small, &out_len, &err, &line);
		/* Some bytes do not matter (a time stamp); the others give a clear refusal. */
		assert_true(got ? !strcmp(got, "1\n") : !strncmp(err, "import.", 7));
		free(bad);
	}
	free(z);

	/* What is and is not a workbook by its content. */
	static const char zip_only[] = "PK\x03\x04 not really a zip archive, but long enough to look at";
	assert_false(crm_xlsx_is(zip_only, sizeof zip_only - 1));
	assert_false(crm_xlsx_is("name,email\r\n", 12));
	assert_false(crm_xlsx_is("PK", 2));
	entry ods[] = {{"content.xml", "<office:document-content/>", 0}};
	z = zip_of(ods, 1, &len, NULL);
	assert_false(crm_xlsx_is(z, len));
	free(z);
	crm_pool_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sheets),
		cmocka_unit_test(test_archives),
		cmocka_unit_test(test_limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
