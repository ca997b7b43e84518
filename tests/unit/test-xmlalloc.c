/* Unit tests for core/xmlalloc.c: the first render of a thread runs without the arena,
 * blocks are aligned and keep their bytes through realloc, heap blocks stay heap blocks,
 * a reset drops everything (poisoned under ASan), and a transform gives the same bytes
 * with and without the arena, however often it runs. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxslt/transform.h>
#include <libxslt/xsltutils.h>
#include "xmlalloc.h"

#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/asan_interface.h>
#endif

/* Sizes around the header (16), the first chunk (128 KiB) and the kept maximum (1 MiB). */
static const size_t sizes[] = {
	0, 1, 7, 15, 16, 17, 100, 4096, 65536, 131072, 131073, 1 << 20, (1 << 20) + 1, 3, 33,
};

static void test_warm_up_first(void **state)
{
	(void)state;
	/* main() already used the thread's warm-up: a new thread gets its own. */
	assert_true(crm_xmlalloc_begin());
	assert_false(crm_xmlalloc_begin()); /* no nesting */
	crm_xmlalloc_end();
	crm_xmlalloc_end(); /* a second end changes nothing */
}

static void test_blocks(void **state)
{
	(void)state;
	assert_true(crm_xmlalloc_begin());
	unsigned char *blocks[sizeof sizes / sizeof sizes[0]];
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		unsigned char *m = xmlMalloc(sizes[i]);
		assert_non_null(m);
		if ((uintptr_t)m % 16)
			fail_msg("size %zu: %p is not 16-byte aligned", sizes[i], (void *)m);
		memset(m, (int)(i + 1), sizes[i]);
		blocks[i] = m;
	}
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		for (size_t k = 0; k < sizes[i]; k++)
			if (blocks[i][k] != (unsigned char)(i + 1))
				fail_msg("block %zu (size %zu) was overwritten at byte %zu", i, sizes[i], k);
		xmlFree(blocks[i]); /* a no-op: the arena goes at once */
	}
	crm_xmlalloc_end();
}

static const struct {
	size_t from, to;
	bool newest; /* the block is the newest one, so it may grow in place */
} realloc_rows[] = {
	{10, 1000, true},
	{1000, 10, true},
	{100, 200000, true}, /* beyond the chunk: copied into a new one */
	{64, 4096, false},
	{4096, 16, false},
};

static void test_grow(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof realloc_rows / sizeof realloc_rows[0]; i++) {
		assert_true(crm_xmlalloc_begin());
		unsigned char *p = xmlMalloc(realloc_rows[i].from);
		for (size_t k = 0; k < realloc_rows[i].from; k++)
			p[k] = (unsigned char)k;
		if (!realloc_rows[i].newest)
			assert_non_null(xmlMalloc(8));
		unsigned char *q = xmlRealloc(p, realloc_rows[i].to);
		assert_non_null(q);
		size_t keep = realloc_rows[i].from < realloc_rows[i].to ? realloc_rows[i].from : realloc_rows[i].to;
		for (size_t k = 0; k < keep; k++)
			if (q[k] != (unsigned char)k)
				fail_msg("row %zu: byte %zu lost in realloc", i, k);
		memset(q, 0xab, realloc_rows[i].to);
		crm_xmlalloc_end();
	}
}

static void test_heap_blocks_stay(void **state)
{
	(void)state;
	/* Made before the render, grown during it, freed after it: a heap block throughout. */
	char *h = xmlMalloc(32);
	strcpy(h, "kept");
	assert_true(crm_xmlalloc_begin());
	h = xmlRealloc(h, 4096);
	char *s = (char *)xmlStrdup(BAD_CAST "arena");
	assert_string_equal(s, "arena");
	crm_xmlalloc_end();
	assert_string_equal(h, "kept");
	xmlFree(h); /* a leak or a double free is a sanitizer report */
	char *after = xmlMalloc(16);
	assert_non_null(after);
	xmlFree(after);
}

static void test_reset_poisons(void **state)
{
	(void)state;
	assert_true(crm_xmlalloc_begin());
	char *p = xmlMalloc(64);
	memset(p, 1, 64);
	crm_xmlalloc_end();
#ifdef __SANITIZE_ADDRESS__
	if (!__asan_address_is_poisoned(p))
		fail_msg("an arena block is still usable after the reset");
#endif
	xmlFree(p); /* a stale arena pointer: ignored, never handed to free() */
}

static const char sheet[] =
	"<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
	"<xsl:output method='html' encoding='UTF-8' doctype-system='about:legacy-compat' indent='no'/>"
	"<xsl:template match='/'><html lang='{page/@locale}'><head><title>t</title></head><body>"
	"<main id='main'><xsl:for-each select='page/row'><p class='row' title='{.}'>"
	"<xsl:value-of select='concat(., \" &amp; \", position())'/></p></xsl:for-each>"
	"<xsl:text disable-output-escaping='yes'><![CDATA[<svg></svg>]]></xsl:text></main>"
	"</body></html></xsl:template></xsl:stylesheet>";

/* The page as HTML, rendered with or without the arena. */
static char *render(xsltStylesheetPtr style, int rows, bool arena)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlNewDocNode(doc, NULL, BAD_CAST "page", NULL);
	xmlDocSetRootElement(doc, root);
	xmlNewProp(root, BAD_CAST "locale", BAD_CAST "ru");
	for (int i = 0; i < rows; i++)
		xmlNewTextChild(root, NULL, BAD_CAST "row", BAD_CAST "<Иван & \"Ко\">");
	if (arena)
		assert_true(crm_xmlalloc_begin());
	xsltTransformContextPtr ctxt = xsltNewTransformContext(style, doc);
	xmlDocPtr res = xsltApplyStylesheetUser(style, doc, NULL, NULL, NULL, ctxt);
	assert_non_null(res);
	xmlChar *html = NULL;
	int len = 0;
	assert_int_equal(xsltSaveResultToString(&html, &len, res, style), 0);
	char *copy = strndup((const char *)html, (size_t)len);
	xmlFree(html);
	xsltFreeTransformContext(ctxt);
	if (arena)
		res->children = res->last = NULL; /* as render.c: the document, not its nodes */
	xmlFreeDoc(res);
	if (arena)
		crm_xmlalloc_end();
	xmlFreeDoc(doc);
	return copy;
}

static void test_transform_same(void **state)
{
	(void)state;
	xmlDocPtr sdoc = xmlReadMemory(sheet, (int)sizeof sheet - 1, "sheet.xsl", NULL, XML_PARSE_NOCDATA);
	assert_non_null(sdoc);
	xsltStylesheetPtr style = xsltParseStylesheetDoc(sdoc);
	assert_non_null(style);
	static const int rows[] = {0, 1, 3, 2000, 1, 20000, 5};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char *plain = render(style, rows[i], false);
		for (int round = 0; round < 3; round++) {
			char *fast = render(style, rows[i], true);
			if (strcmp(plain, fast))
				fail_msg("%d rows, round %d: the arena changed the page", rows[i], round);
			free(fast);
		}
		if (rows[i] == 1 && (!strstr(plain, "&lt;Иван &amp; ") || !strstr(plain, "<svg></svg>")))
			fail_msg("unexpected page: %s", plain);
		free(plain);
	}
	xsltFreeStylesheet(style);
}

int main(void)
{
	/* Before any other libxml2 call, as in a worker; then this thread's warm-up. */
	crm_xmlalloc_install();
	xmlInitParser();
	if (crm_xmlalloc_begin()) {
		fputs("the first render of a thread must run without the arena\n", stderr);
		return 1;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_warm_up_first),
		cmocka_unit_test(test_blocks),
		cmocka_unit_test(test_grow),
		cmocka_unit_test(test_heap_blocks_stay),
		cmocka_unit_test(test_reset_poisons),
		cmocka_unit_test(test_transform_same),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	crm_xmlalloc_thread_end();
	xsltCleanupGlobals();
	xmlCleanupParser();
	return rc;
}
