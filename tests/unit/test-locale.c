/* Unit tests for crm_locale_pick (core/i18n.c): Accept-Language against our locales
 * (en, ru) by quality, with the config's locale as the fallback. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "core.h"

static const struct {
	const char *header, *fallback, *want;
} rows[] = {
	{"ru-RU,ru;q=0.9,en;q=0.8", "en", "ru"},
	{"en-US", "ru", "en"},
	{"en-US,en;q=0.9", "ru", "en"},
	{"de", "en", "en"},                  /* none of ours: the fallback */
	{"de", "ru", "ru"},
	{"de-DE,fr;q=0.5", "ru", "ru"},
	{"ru;q=0, en", "ru", "en"},          /* q=0: not acceptable */
	{"ru;q=0", "en", "en"},
	{"ru;q=0.0,de", "en", "en"},
	{"en;q=0, ru;q=0", "ru", "ru"},      /* both refused: the fallback */
	{"en;q=0.5, ru;q=0.8", "en", "ru"},  /* quality, not order, decides */
	{"de, ru;q=0.1", "en", "ru"},        /* a low quality is still acceptable */
	{"en, ru", "ru", "en"},              /* equal quality: the first listed */
	{"ru, en", "en", "ru"},
	{"RU-ru", "en", "ru"},               /* tags are case-insensitive */
	{"ru_RU", "en", "ru"},
	{"  ru ;q=0.9", "en", "en"},         /* not a tag we parse: fallback */
	{"rus", "en", "en"},                 /* a longer primary tag is another language */
	{"enx,de", "ru", "ru"},
	{"*", "ru", "ru"},
	{"", "ru", "ru"},
	{NULL, "ru", "ru"},
	{NULL, "de", "en"},                  /* an unknown fallback falls back to en */
	{NULL, NULL, "en"},
	{",,, ru", "en", "ru"},
	{"e", "ru", "ru"},
};

static void test_pick(void **state)
{
	(void)state;
	for (size_t i = 0; i < CRM_LEN(rows); i++) {
		const char *got = crm_locale_pick(rows[i].header, rows[i].fallback);
		if (strcmp(got, rows[i].want))
			fail_msg("row %zu: '%s' (fallback %s) gave %s, want %s", i,
				 rows[i].header ? rows[i].header : "(null)",
				 rows[i].fallback ? rows[i].fallback : "(null)", got, rows[i].want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pick),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
