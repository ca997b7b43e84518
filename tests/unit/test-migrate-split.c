/* Unit tests for crm_sql_next (core/migrate.c), which cuts a migration into the
 * statements run one by one: ";" ends a statement only at the end of a line. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core.h"

/* want: the statements, each between "<" and ">". */
static const struct {
	const char *sql, *want;
} rows[] = {
	{"", ""},
	{"\n\n  \t\n", ""},
	{"CREATE TABLE a (x INT)", "<CREATE TABLE a (x INT)>"},
	{"CREATE TABLE a (x INT);", "<CREATE TABLE a (x INT)>"},
	{"CREATE TABLE a (x INT);\n", "<CREATE TABLE a (x INT)>"},
	{"A;\nB;\n", "<A><\nB>"},
	{"A;  \t\r\nB;\r\n", "<A><  \t\r\nB>"},        /* blanks and CR after ";" */
	{"A;\nB", "<A><\nB>"},                          /* the last ";" may be missing */
	/* ";" inside a line does not end a statement (strings, triggers, ...). */
	{"INSERT INTO t VALUES ('a;b');\n", "<INSERT INTO t VALUES ('a;b')>"},
	{"A; B;\nC;\n", "<A; B><\nC>"},
	{"CREATE TABLE t (\n  a INT,\n  b INT\n);\nCREATE INDEX i ON t (a);\n",
	 "<CREATE TABLE t (\n  a INT,\n  b INT\n)><\nCREATE INDEX i ON t (a)>"},
	/* Comment-only pieces are skipped; comments before a statement stay with it. */
	{"-- just a note\n", ""},
	{"-- one;\n-- two;\n", ""},
	{"-- why\nA;\n", "<-- why\nA>"},
	{"A;\n-- trailing note\n", "<A>"},
	{"A;\n\n-- note\n\nB;\n", "<A><\n\n-- note\n\nB>"},
	{"A; -- why A\nB; -- why B\n", "<A>< -- why A\nB>"},   /* "; -- x" ends a statement */
	{"A;-- x\n", "<A>"},
	{";\n;\n", ""},                                   /* empty statements */
	{"A;\n;\nB;\n", "<A><\nB>"},
};

static void test_split(void **state)
{
	(void)state;
	for (size_t i = 0; i < CRM_LEN(rows); i++) {
		/* An exact-size copy: ASan catches a read past the end. */
		size_t len = strlen(rows[i].sql);
		char *copy = malloc(len + 1);
		memcpy(copy, rows[i].sql, len + 1);
		char got[1024] = "", *cursor = copy, *stmt;
		int n = 0;
		while ((stmt = crm_sql_next(&cursor))) {
			snprintf(got + strlen(got), sizeof got - strlen(got), "<%s>", stmt);
			assert_true(++n < 20);
		}
		/* Once done, it stays done. */
		char *again = crm_sql_next(&cursor);
		free(copy);
		assert_null(again);
		if (strcmp(got, rows[i].want))
			fail_msg("row %zu: got %s, want %s", i, got, rows[i].want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
