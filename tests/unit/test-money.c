/* Unit tests for core/money.c: amounts as people type them read into minor units (or the
 * message key refusing them), and minor units written for a locale, a form and SQL sums. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "core.h"
#include "crm/money.h"

#define NEG CRM_MONEY_NEGATIVE

static const struct {
	const char *typed, *currency;
	unsigned flags;
	int64_t want;
	const char *err; /* NULL: read as want */
} parsed[] = {
	{"0", "RUB", 0, 0, NULL},
	{"150000", "RUB", 0, 15000000, NULL},
	{"150 000", "RUB", 0, 15000000, NULL},
	{"  150 000  ", "RUB", 0, 15000000, NULL},
	{"150\xC2\xA0" "000,50", "RUB", 0, 15000050, NULL},          /* no-break space, decimal comma */
	{"1\xE2\x80\xAF" "200\xE2\x80\xAF" "000", "RUB", 0, 120000000, NULL}, /* narrow no-break spaces */
	{"1\xE2\x80\x89" "200", "RUB", 0, 120000, NULL},              /* thin space */
	{"\xC2\xA0" "5\xC2\xA0", "RUB", 0, 500, NULL},
	{"1  200", "RUB", 0, 120000, NULL},                            /* a doubled blank still groups */
	{"1,200.5", "USD", 0, 120050, NULL},
	{"1.200,05", "EUR", 0, 120005, NULL},
	{"1,200", "RUB", 0, 120000, NULL},                             /* three digits after one mark group */
	{"1.200", "RUB", 0, 120000, NULL},
	{"1 200", "RUB", 0, 120000, NULL},
	{"1,200,000", "USD", 0, 120000000, NULL},
	{"12.345.678", "RUB", 0, 1234567800, NULL},
	{"1 234 567,89", "RUB", 0, 123456789, NULL},
	{"1.234.567,89", "EUR", 0, 123456789, NULL},
	{"99,9", "RUB", 0, 9990, NULL},
	{"0.07", "USD", 0, 7, NULL},
	{"0,5", "RUB", 0, 50, NULL},
	{"007", "RUB", 0, 700, NULL},
	{"1'000", "CHF", 0, 100000, NULL},
	{"1.50", "RUB", 0, 150, NULL},
	{"1.5000", "RUB", 0, 150, NULL},                               /* zeros past the minor digits */
	{"9999999999999", "RUB", 0, INT64_C(999999999999900), NULL},   /* 13 whole digits */
	{"9 999 999 999 999,99", "RUB", 0, INT64_C(999999999999999), NULL},
	{"0009999999999999", "RUB", 0, INT64_C(999999999999900), NULL}, /* leading zeros do not count */
	/* currencies with other minor digits */
	{"1500", "JPY", 0, 1500, NULL},
	{"1,500", "JPY", 0, 1500, NULL},
	{"1500.00", "JPY", 0, 1500, NULL},
	{"1500.5", "JPY", 0, 0, "core.money.fraction_0"},
	{"12,5", "KRW", 0, 0, "core.money.fraction_0"},
	{"0,125", "KWD", 0, 125, NULL},
	{"1.2345", "KWD", 0, 0, "core.money.fraction_3"},
	{"1.500", "KWD", 0, 1500, NULL},                               /* three minor digits: a fraction */
	{"1,500,000", "KWD", 0, 1500000000, NULL},
	{"12.34", "XYZ", 0, 1234, NULL},                               /* unknown: two digits */
	{"12.34", NULL, 0, 1234, NULL},
	/* signs */
	{"-5", "RUB", 0, 0, "core.money.negative"},
	{"-5", "RUB", NEG, -500, NULL},
	{"\xE2\x88\x92" "1 200,50", "RUB", NEG, -120050, NULL},         /* U+2212 minus */
	{"  -0,01", "USD", NEG, -1, NULL},
	{"-0", "RUB", 0, 0, NULL},
	{"- 5", "RUB", NEG, 0, "core.money.invalid"},
	{"-", "RUB", NEG, 0, "core.money.invalid"},
	{"--5", "RUB", NEG, 0, "core.money.invalid"},
	{"5-", "RUB", NEG, 0, "core.money.invalid"},
	{"+100", "RUB", 0, 0, "core.money.invalid"},
	/* refused */
	{"", "RUB", 0, 0, "core.money.empty"},
	{"   ", "RUB", 0, 0, "core.money.empty"},
	{NULL, "RUB", 0, 0, "core.money.empty"},
	{"10000000000000", "RUB", 0, 0, "core.money.too_big"},         /* 14 whole digits */
	{"99999999999999999999999", "RUB", 0, 0, "core.money.too_big"},
	{"12,3456", "RUB", 0, 0, "core.money.fraction_2"},
	{"0,125", "RUB", 0, 0, "core.money.fraction_2"},               /* "0" before it: a fraction */
	{"1,2345", "RUB", 0, 0, "core.money.fraction_2"},
	{"12abc", "RUB", 0, 0, "core.money.invalid"},
	{"1.200.50", "RUB", 0, 0, "core.money.invalid"},               /* the decimal mark also groups */
	{"1,2,3", "RUB", 0, 0, "core.money.invalid"},
	{"1234,567", "RUB", 0, 0, "core.money.invalid"},               /* a group of four */
	{"12 34", "RUB", 0, 0, "core.money.invalid"},                  /* a group of two */
	{"1 000.000,50", "RUB", 0, 0, "core.money.invalid"},           /* two ways of grouping */
	{"1 000 ,50", "RUB", 0, 0, "core.money.invalid"},
	{"1 000,5 0", "RUB", 0, 0, "core.money.invalid"},
	{"01 000", "RUB", 0, 0, "core.money.invalid"},
	{",5", "RUB", 0, 0, "core.money.invalid"},
	{".", "RUB", 0, 0, "core.money.invalid"},
	{"12,", "RUB", 0, 0, "core.money.invalid"},
	{"1e5", "RUB", 0, 0, "core.money.invalid"},
	{"150 000 ₽", "RUB", 0, 0, "core.money.invalid"},
	{"\xFF\xFE", "RUB", 0, 0, "core.money.invalid"},                /* not UTF-8 */
	{"1\xC2", "RUB", 0, 0, "core.money.invalid"},                   /* a cut sequence */
	{"1111111111111111111111111111111111111111111111111111111111111111111", "RUB", 0, 0,
	 "core.money.invalid"},                                        /* over 64 bytes */
};

static const struct {
	int64_t minor;
	const char *currency, *locale, *want;
} texts[] = {
	{120000000, "RUB", "ru", "1\xC2\xA0" "200\xC2\xA0" "000\xC2\xA0₽"},
	{120000000, "RUB", "en", "1,200,000\xC2\xA0₽"},
	{15000050, "RUB", "ru", "150\xC2\xA0" "000,50\xC2\xA0₽"},
	{15000050, "RUB", "en", "150,000.50\xC2\xA0₽"},
	{9950, "USD", "ru", "99,50\xC2\xA0$"},
	{9950, "USD", "en", "99.50\xC2\xA0$"},
	{0, "EUR", "en", "0\xC2\xA0€"},
	{5, "EUR", "en", "0.05\xC2\xA0€"},
	{100000, "CHF", "en", "1,000\xC2\xA0" "CHF"},                  /* no sign of its own: the code */
	{12300, "RUB", "en", "123\xC2\xA0₽"},
	{-120050, "RUB", "ru", "\xE2\x88\x92" "1\xC2\xA0" "200,50\xC2\xA0₽"},
	{1500, "JPY", "en", "1,500\xC2\xA0¥"},
	{1500, "KWD", "en", "1.500\xC2\xA0KWD"},
	{1500, "KWD", "ru", "1,500\xC2\xA0KWD"},
	{INT64_C(999999999999999), "USD", "en", "9,999,999,999,999.99\xC2\xA0$"},
	{INT64_MIN, "JPY", "en", "\xE2\x88\x92" "9,223,372,036,854,775,808\xC2\xA0¥"},
	{700, "", "en", "7"},
	{700, NULL, "ru", "7"},
};

static const struct {
	int64_t minor;
	const char *currency, *plain, *en_all, *ru_all;
} numbers[] = {
	{15000050, "RUB", "150000.50", "150,000.50", "150\xC2\xA0" "000,50"},
	{150000, "USD", "1500.00", "1,500.00", "1\xC2\xA0" "500,00"},
	{0, "RUB", "0.00", "0.00", "0,00"},
	{7, "RUB", "0.07", "0.07", "0,07"},
	{-500, "RUB", "-5.00", "\xE2\x88\x92" "5.00", "\xE2\x88\x92" "5,00"},
	{1500, "JPY", "1500", "1,500", "1\xC2\xA0" "500"},
	{1, "KWD", "0.001", "0.001", "0,001"},
	{123, "XYZ", "1.23", "1.23", "1,23"},
};

/* SQL sums past what an int64 holds stay exact. */
static const struct {
	const char *sql, *currency, *locale, *want;
} sums[] = {
	{"150000000", "RUB", "ru", "1\xC2\xA0" "500\xC2\xA0" "000\xC2\xA0₽"},
	{"123456789012345678901234", "USD", "en", "1,234,567,890,123,456,789,012.34\xC2\xA0$"},
	{"-250", "USD", "en", "\xE2\x88\x92" "2.50\xC2\xA0$"},
	{"0", "RUB", "en", "0\xC2\xA0₽"},
	{"00042", "RUB", "en", "0.42\xC2\xA0₽"},
	{NULL, "RUB", "en", ""},
	{"", "RUB", "en", ""},
	{"12.5", "RUB", "en", ""},
	{"-", "RUB", "en", ""},
	{"1e3", "RUB", "en", ""},
};

static void test_parse(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof parsed / sizeof *parsed; i++) {
		int64_t got = 42;
		const char *err = NULL;
		int rc = crm_money_parse(parsed[i].typed, parsed[i].currency, parsed[i].flags, &got, &err);
		const char *typed = parsed[i].typed ? parsed[i].typed : "(NULL)";
		if (parsed[i].err) {
			if (rc != CRM_EINVAL || !err || strcmp(err, parsed[i].err))
				fail_msg("\"%s\" %s: rc %d, %s; want %s", typed, parsed[i].currency, rc, err ? err : "no key",
					 parsed[i].err);
			if (got != 42)
				fail_msg("\"%s\": refused but wrote %lld", typed, (long long)got);
		} else if (rc || got != parsed[i].want) {
			fail_msg("\"%s\" %s: rc %d (%s), read %lld, want %lld", typed, parsed[i].currency ? parsed[i].currency : "",
				 rc, err ? err : "", (long long)got, (long long)parsed[i].want);
		}
	}
	/* The key is optional. */
	int64_t v;
	assert_int_equal(crm_money_parse("x", "RUB", 0, &v, NULL), CRM_EINVAL);
}

/* What a form shows back reads again as the same amount. */
static void test_round_trip(void **state)
{
	(void)state;
	crm_pool *p = crm_pool_new();
	static const char *const cur[] = {"RUB", "JPY", "KWD"};
	static const int64_t amounts[] = {0, 1, 99, 100, 12345, 999999, 100000000, INT64_C(999999999999999), -77};
	for (size_t c = 0; c < CRM_LEN(cur); c++)
		for (size_t i = 0; i < CRM_LEN(amounts); i++) {
			const char *forms[] = {crm_money_plain(p, amounts[i], cur[c]),
					       crm_money_number(p, amounts[i], cur[c], "ru", 0),
					       crm_money_number(p, amounts[i], cur[c], "en", CRM_MONEY_FRACTION)};
			for (size_t f = 0; f < CRM_LEN(forms); f++) {
				int64_t back = 0;
				const char *err = NULL;
				if (!strcmp(cur[c], "JPY") && amounts[i] > INT64_C(9999999999999))
					continue; /* past the 13 whole digits people may type */
				if (crm_money_parse(forms[f], cur[c], CRM_MONEY_NEGATIVE, &back, &err) || back != amounts[i])
					fail_msg("%lld %s written \"%s\" read back %lld (%s)", (long long)amounts[i], cur[c],
						 forms[f], (long long)back, err ? err : "");
			}
		}
	crm_pool_free(p);
}

static void test_text(void **state)
{
	(void)state;
	crm_pool *p = crm_pool_new();
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		const char *got = crm_money_text(p, texts[i].minor, texts[i].currency, texts[i].locale);
		if (strcmp(got, texts[i].want))
			fail_msg("%lld %s in %s: \"%s\", want \"%s\"", (long long)texts[i].minor,
				 texts[i].currency ? texts[i].currency : "NULL", texts[i].locale, got, texts[i].want);
	}
	for (size_t i = 0; i < sizeof numbers / sizeof *numbers; i++) {
		const char *plain = crm_money_plain(p, numbers[i].minor, numbers[i].currency);
		const char *en = crm_money_number(p, numbers[i].minor, numbers[i].currency, "en", CRM_MONEY_FRACTION);
		const char *ru = crm_money_number(p, numbers[i].minor, numbers[i].currency, "ru", CRM_MONEY_FRACTION);
		if (strcmp(plain, numbers[i].plain) || strcmp(en, numbers[i].en_all) || strcmp(ru, numbers[i].ru_all))
			fail_msg("%lld %s: \"%s\" \"%s\" \"%s\", want \"%s\" \"%s\" \"%s\"", (long long)numbers[i].minor,
				 numbers[i].currency, plain, en, ru, numbers[i].plain, numbers[i].en_all, numbers[i].ru_all);
	}
	for (size_t i = 0; i < sizeof sums / sizeof *sums; i++) {
		const char *got = crm_money_text_sql(p, sums[i].sql, sums[i].currency, sums[i].locale);
		if (strcmp(got, sums[i].want))
			fail_msg("sum %s: \"%s\", want \"%s\"", sums[i].sql ? sums[i].sql : "NULL", got, sums[i].want);
	}
	crm_pool_free(p);
}

static void test_currencies(void **state)
{
	(void)state;
	static const struct { const char *code; int digits; bool offered; } rows[] = {
		{"RUB", 2, true}, {"USD", 2, true}, {"EUR", 2, true}, {"JPY", 0, true}, {"KRW", 0, false},
		{"KWD", 3, false}, {"XYZ", 2, false}, {"rub", 2, false}, {"", 2, false}, {NULL, 2, false},
	};
	for (size_t i = 0; i < CRM_LEN(rows); i++) {
		assert_int_equal(crm_currency_digits(rows[i].code), rows[i].digits);
		assert_int_equal(crm_currency_known(rows[i].code), rows[i].offered);
	}
	assert_string_equal(crm_currencies[0], "RUB");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_currencies),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
