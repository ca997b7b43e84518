/* Unit tests for core/event.c: the id lists "*.describe" subscribers read from an
 * argument, each row with the ids it must give. No plugin is called. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "core.h"

/* in: the argument, NULL for none; want: the ids, 0-terminated. */
static const struct {
	const char *in;
	size_t max;
	int64_t want[6];
} id_rows[] = {
	{"1,2,3", 10, {1, 2, 3}},
	{"12", 10, {12}},
	{"", 10, {0}},
	{NULL, 10, {0}},
	{"3,1,3,2,1", 10, {3, 1, 2}},
	{"1,x,3", 10, {1, 3}},
	{"0,-4,5", 10, {5}},
	{"1x,2", 10, {2}},
	{" 1,+2,3 ,4", 10, {4}},
	{",,7,", 10, {7}},
	{"9223372036854775806,9223372036854775807,99999999999999999999999999,8", 10,
	 {9223372036854775806LL, 8}},
	{"1,2,3,4", 2, {1, 2}},
	{"1,1,1,2", 2, {1, 2}},
	{"5,6", 0, {0}},
};

static void test_ids(void **state)
{
	(void)state;
	crm_req r = {.pool = crm_pool_new()};
	for (size_t i = 0; i < CRM_LEN(id_rows); i++) {
		crm_event *ev = crm_event_new(&r, "thing.describe", "thing", 0);
		if (id_rows[i].in)
			crm_event_set(ev, "ids", id_rows[i].in);
		size_t n, want_n = 0;
		while (want_n < CRM_LEN(id_rows[i].want) && id_rows[i].want[want_n])
			want_n++;
		const int64_t *ids = crm_event_ids(ev, "ids", id_rows[i].max, &n);
		if (!ids || n != want_n || memcmp(ids, id_rows[i].want, n * sizeof *ids))
			fail_msg("ids row %zu: '%s' gave %zu ids", i, id_rows[i].in ? id_rows[i].in : "NULL", n);
	}
	crm_pool_free(r.pool);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ids),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
