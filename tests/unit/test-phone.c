/* Unit tests for core/phone.c and its libphonenumber shim: numbers as people type them,
 * each row with the region it is read in and the E.164 form (or NULL) it must give. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "core.h"

static const struct {
	const char *typed, *country, *want;
} e164_rows[] = {
	/* the forms one Russian mobile number is written in */
	{"8 (912) 345-67-89", "RU", "+79123456789"},
	{"+7 912 345 6789", "RU", "+79123456789"},
	{"+7 (912) 345-67-89", "RU", "+79123456789"},
	{"89123456789", "RU", "+79123456789"},
	{"79123456789", "RU", "+79123456789"},
	{"9123456789", "RU", "+79123456789"},
	{"007 912 345 67 89", "RU", "+79123456789"},
	{"(007) 912 345 67 89", "RU", "+79123456789"},
	{"8 10 7 912 345 67 89", "RU", "+79123456789"},
	{"  8-912-345-67-89  ", "RU", "+79123456789"},
	{"8.912.345.67.89", "RU", "+79123456789"},
	{"+7 912 345-67-89 доб. 12", "RU", "+79123456789"}, /* the extension is dropped */
	{"8 (912) 345-67-89 ext 5", "RU", "+79123456789"},
	{"tel:+7-912-345-67-89", "RU", "+79123456789"},
	{"+７ ９１２ ３４５ ６７ ８９", "RU", "+79123456789"}, /* full-width digits */
	{"8 (495) 123-45-67", "RU", "+74951234567"},
	{"8 800 555 35 35", "RU", "+78005553535"},
	/* the country of the number wins over the region it is read in */
	{"+1 650 253 0000", "RU", "+16502530000"},
	{"00 44 20 7946 0958", "RU", "+442079460958"},
	{"0044 20 7946 0958", "DE", "+442079460958"},
	{"+375 29 123-45-67", "RU", "+375291234567"},
	{"+79123456789", "US", "+79123456789"},
	/* national numbers of other regions; the region's case does not matter */
	{"650 253 0000", "US", "+16502530000"},
	{"011 7 912 345 6789", "US", "+79123456789"},
	{"00 7 912 345 6789", "US", "+79123456789"},
	{"020 7946 0958", "GB", "+442079460958"},
	{"8 029 123-45-67", "BY", "+375291234567"},
	{"8 (701) 123-45-67", "kz", "+77011234567"},
	{"030 123456", "DE", "+4930123456"},
	/* an unknown region still reads numbers with their "+" */
	{"+7 912 345 67 89", "XX", "+79123456789"},
	{"89123456789", "XX", NULL},
	{"89123456789", "RUS", NULL},
	/* not phone numbers */
	{"", "RU", NULL},
	{"   ", "RU", NULL},
	{"abc", "RU", NULL},
	{"12345", "RU", NULL},
	{"+", "RU", NULL},
	{"+7", "RU", NULL},
	{"1234567890123456789", "RU", NULL},
	{"+7 912 345 67 89 12 34 56", "RU", NULL},
	{"\xff\xfe 912 345 67 89", "RU", NULL}, /* invalid UTF-8 */
	{"8 912 \xd0 345 67 89", "RU", NULL},
	{"89123456789 89123456789 89123456789 89123456789 89123456789 89123456789 89123456789 "
	 "89123456789 89123456789 89123456789 89123456789 89123456789", "RU", NULL}, /* too long */
};

/* A request with a pool and nothing else: no database, so the region is always given
 * or already cached. */
static crm_req *req(crm_pool *p)
{
	crm_req *r = crm_palloc(p, sizeof *r);
	crm_req_init(r, NULL, p, NULL);
	return r;
}

static void test_e164(void **state)
{
	(void)state;
	crm_pool *p = crm_pool_new();
	crm_req *r = req(p);
	for (size_t i = 0; i < CRM_LEN(e164_rows); i++) {
		const char *got = crm_phone_e164(r, e164_rows[i].typed, e164_rows[i].country);
		const char *want = e164_rows[i].want;
		if ((got == NULL) != (want == NULL) || (got && strcmp(got, want)))
			fail_msg("row %zu: '%s' in %s gave %s, want %s", i, e164_rows[i].typed,
				 e164_rows[i].country, got ? got : "NULL", want ? want : "NULL");
	}
	assert_null(crm_phone_e164(r, NULL, "RU"));
	crm_pool_free(p);
}

/* Without a country, the tenant's setting (cached in the request) decides. */
static void test_setting(void **state)
{
	(void)state;
	static const struct {
		const char *region, *typed, *want;
	} rows[] = {
		{"RU", "8 (912) 345-67-89", "+79123456789"},
		{"BY", "8 029 123-45-67", "+375291234567"},
		{"GB", "020 7946 0958", "+442079460958"},
		{"US", "(650) 253-0000", "+16502530000"},
	};
	for (size_t i = 0; i < CRM_LEN(rows); i++) {
		crm_pool *p = crm_pool_new();
		crm_req *r = req(p);
		r->phone_region = rows[i].region;
		const char *got = crm_phone_e164(r, rows[i].typed, NULL);
		if (!got || strcmp(got, rows[i].want))
			fail_msg("row %zu: '%s' with setting %s gave %s, want %s", i, rows[i].typed,
				 rows[i].region, got ? got : "NULL", rows[i].want);
		/* An explicit country still wins over the setting. */
		got = crm_phone_e164(r, "+7 912 345 67 89", "US");
		assert_non_null(got);
		assert_string_equal(got, "+79123456789");
		crm_pool_free(p);
	}
}

static const struct {
	const char *e164, *want;
} pretty_rows[] = {
	{"+79123456789", "+7 912 345-67-89"},
	{"+74951234567", "+7 495 123-45-67"},
	{"+16502530000", "+1 650-253-0000"},
	{"+442079460958", "+44 20 7946 0958"},
	{"+375291234567", "+375 29 123-45-67"},
	{"not a number", "not a number"}, /* unparsable: given back as it is */
	{"", ""},
};

static void test_pretty(void **state)
{
	(void)state;
	crm_pool *p = crm_pool_new();
	crm_req *r = req(p);
	r->phone_region = "RU";
	for (size_t i = 0; i < CRM_LEN(pretty_rows); i++) {
		const char *got = crm_phone_pretty(r, pretty_rows[i].e164);
		if (!got || strcmp(got, pretty_rows[i].want))
			fail_msg("row %zu: %s gave '%s', want '%s'", i, pretty_rows[i].e164,
				 got ? got : "NULL", pretty_rows[i].want);
	}
	assert_null(crm_phone_pretty(r, NULL));
	crm_pool_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_e164),
		cmocka_unit_test(test_setting),
		cmocka_unit_test(test_pretty),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
