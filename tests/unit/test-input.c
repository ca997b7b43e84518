/* Unit tests for core/input.c: trimming, ids, dates and one-line texts as users type
 * them, each row with what it must give. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "core.h"

static const struct {
	const char *in, *want;
} trim_rows[] = {
	{"  Anna \t", "Anna"}, {"\r\nline\r\n", "line"}, {"", ""}, {"   ", ""}, {NULL, ""},
	{"inner  space", "inner  space"}, {"Ёж ", "Ёж"},
};

static const struct {
	const char *in;
	int64_t want;
} id_rows[] = {
	{"12", 12}, {"0", 0}, {"-3", 0}, {"+3", 0}, {" 3", 0}, {"3 ", 0}, {"3a", 0}, {"", 0}, {NULL, 0},
	{"9223372036854775806", 9223372036854775806LL}, {"9223372036854775807", 0},
	{"99999999999999999999", 0},
};

static const struct {
	const char *in;
	bool want;
} date_rows[] = {
	{"2024-02-29", true}, {"2023-02-29", false}, {"1900-02-29", false}, {"2000-02-29", true},
	{"2024-04-31", false}, {"2024-12-31", true}, {"2024-13-01", false}, {"2024-00-10", false},
	{"1899-12-31", false}, {"24-12-31", false}, {"2024/12/31", false}, {"2024-1-31", false},
	{"2024-12-31 ", false}, {"", false}, {NULL, false},
};

static const struct {
	const char *in;
	bool want;
} line_rows[] = {
	{"plain text", true}, {"Привет", true}, {"", true}, {"two\nlines", false}, {"tab\there", false},
	{"del\x7f", false},
};

static void test_trim(void **state)
{
	(void)state;
	crm_pool *p = crm_pool_new();
	for (size_t i = 0; i < CRM_LEN(trim_rows); i++)
		if (strcmp(crm_trim(p, trim_rows[i].in), trim_rows[i].want))
			fail_msg("trim row %zu: '%s'", i, trim_rows[i].in ? trim_rows[i].in : "NULL");
	crm_pool_free(p);
}

static const struct {
	const char *in, *prefix, *any;
} like_rows[] = {
	{"Anna", "Anna%", "%Anna%"}, {"50%", "50\\%%", "%50\\%%"}, {"a_b", "a\\_b%", "%a\\_b%"},
	{"c:\\x", "c:\\\\x%", "%c:\\\\x%"}, {"", "%", "%%"}, {"Ёж", "Ёж%", "%Ёж%"},
};

static void test_like(void **state)
{
	(void)state;
	crm_pool *p = crm_pool_new();
	for (size_t i = 0; i < CRM_LEN(like_rows); i++)
		if (strcmp(crm_like_prefix(p, like_rows[i].in), like_rows[i].prefix) ||
		    strcmp(crm_like_any(p, like_rows[i].in), like_rows[i].any))
			fail_msg("like row %zu: '%s' gave '%s' and '%s'", i, like_rows[i].in,
				 crm_like_prefix(p, like_rows[i].in), crm_like_any(p, like_rows[i].in));
	crm_pool_free(p);
}

static void test_id(void **state)
{
	(void)state;
	for (size_t i = 0; i < CRM_LEN(id_rows); i++)
		if (crm_id(id_rows[i].in) != id_rows[i].want)
			fail_msg("id row %zu: '%s'", i, id_rows[i].in ? id_rows[i].in : "NULL");
}

static void test_date(void **state)
{
	(void)state;
	for (size_t i = 0; i < CRM_LEN(date_rows); i++)
		if (crm_date_ok(date_rows[i].in) != date_rows[i].want)
			fail_msg("date row %zu: '%s'", i, date_rows[i].in ? date_rows[i].in : "NULL");
}

static void test_one_line(void **state)
{
	(void)state;
	for (size_t i = 0; i < CRM_LEN(line_rows); i++)
		if (crm_one_line(line_rows[i].in) != line_rows[i].want)
			fail_msg("line row %zu", i);
	assert_int_equal(crm_utf8_chars("Ёжик"), 4);
	assert_int_equal(crm_utf8_chars(""), 0);
	assert_int_equal(crm_utf8_chars(NULL), 0);
}

/* Addresses and numbers as people type them: kept, or refused. */
static const struct {
	bool (*check)(const char *);
	const char *in;
	bool want;
} typed_rows[] = {
	{crm_email_ok, "anna@example.org", true}, {crm_email_ok, "анна@пример.рф", true},
	{crm_email_ok, "anna@example", false}, {crm_email_ok, "@example.org", false},
	{crm_email_ok, "a@b@example.org", false}, {crm_email_ok, "an na@example.org", false},
	{crm_email_ok, "anna@example..org", false}, {crm_email_ok, "anna@.org", false},
	{crm_email_ok, "anna@example.org.", false}, {crm_email_ok, "<a>@example.org", false},
	{crm_email_ok, "", false},
	{crm_phone_ok, "+7 912 345-67-89", true}, {crm_phone_ok, "8 (912) 345-67-89 доб. 12", true},
	{crm_phone_ok, "12", false}, {crm_phone_ok, "123456789012345678901", false},
	{crm_phone_ok, "<b>12345</b>", false}, {crm_phone_ok, "123\n456", false},
	{crm_phone_like, "+7 (912) 345", true}, {crm_phone_like, "12345", true}, {crm_phone_like, "1234", false},
	{crm_phone_like, "12345a", false}, {crm_phone_like, "Anna", false},
};

static void test_typed(void **state)
{
	(void)state;
	for (size_t i = 0; i < CRM_LEN(typed_rows); i++)
		if (typed_rows[i].check(typed_rows[i].in) != typed_rows[i].want)
			fail_msg("typed row %zu: '%s'", i, typed_rows[i].in);
	crm_pool *p = crm_pool_new();
	assert_string_equal(crm_email_norm(p, " Anna@Example.ORG "), "anna@example.org");
	crm_pool_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_trim),
		cmocka_unit_test(test_like),
		cmocka_unit_test(test_id),
		cmocka_unit_test(test_date),
		cmocka_unit_test(test_one_line),
		cmocka_unit_test(test_typed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
