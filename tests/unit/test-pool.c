/* Unit tests for core/pool.c: alignment and zeroing, big blocks, strings, cleanups
 * run last-registered first, and reset keeping the first block for the next request.
 * Under ASan every allocation is also checked for its full size being usable. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "crm/pool.h"

/* Sizes around the block size (16 KiB) and the big-block threshold (a quarter of it). */
static const size_t sizes[] = {
	0, 1, 2, 3, 7, 8, 15, 16, 17, 31, 33, 100, 1000, 4095, 4096, 4097,
	8000, 16383, 16384, 16385, 100000, 1 << 20, 1, 5, 16,
};

static void test_alloc(void **state)
{
	(void)state;
	crm_pool *p = crm_pool_new();
	unsigned char *prev[sizeof sizes / sizeof sizes[0]];
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		unsigned char *m = crm_palloc(p, sizes[i]);
		assert_non_null(m);
		if ((uintptr_t)m % _Alignof(max_align_t))
			fail_msg("size %zu: %p is not aligned for any type", sizes[i], (void *)m);
		for (size_t k = 0; k < sizes[i]; k++)
			if (m[k])
				fail_msg("size %zu: byte %zu not zeroed", sizes[i], k);
		/* Fill it all: ASan reports any byte that is not ours; a later check finds overlaps. */
		memset(m, (int)(i + 1), sizes[i]);
		prev[i] = m;
	}
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
		for (size_t k = 0; k < sizes[i]; k++)
			if (prev[i][k] != (unsigned char)(i + 1))
				fail_msg("allocation %zu (size %zu) was overwritten at byte %zu", i, sizes[i], k);
	crm_pool_free(p);
}

static const struct {
	const char *in;
	size_t n;
	const char *want;
} strndup_rows[] = {
	{"hello", 5, "hello"},
	{"hello", 3, "hel"},
	{"hello", 0, ""},
	{"a\0b", 3, "a"}, /* the copy holds the NUL; as a C string it ends there */
	{"", 0, ""},
};

static void test_strings(void **state)
{
	(void)state;
	crm_pool *p = crm_pool_new();
	assert_null(crm_pstrdup(p, NULL));
	assert_string_equal(crm_pstrdup(p, "текст"), "текст");
	for (size_t i = 0; i < sizeof strndup_rows / sizeof strndup_rows[0]; i++) {
		char *s = crm_pstrndup(p, strndup_rows[i].in, strndup_rows[i].n);
		assert_int_equal(s[strndup_rows[i].n], 0);
		assert_string_equal(s, strndup_rows[i].want);
	}
	assert_string_equal(crm_psprintf(p, "%s-%d-%05.1f", "x", 42, 3.14159), "x-42-003.1");
	assert_string_equal(crm_psprintf(p, "%s", ""), "");
	/* Longer than a block: the string gets a block of its own. */
	char big[40000];
	memset(big, 'z', sizeof big - 1);
	big[sizeof big - 1] = 0;
	char *s = crm_psprintf(p, "<%s>", big);
	assert_int_equal(strlen(s), sizeof big + 1);
	assert_int_equal(s[0], '<');
	assert_int_equal(s[sizeof big], '>');
	crm_pool_free(p);
}

static char order[16];

static void note(void *data)
{
	size_t n = strlen(order);
	order[n] = *(const char *)data;
	order[n + 1] = 0;
}

/* Each row registers cleanups named by its letters; want is the order they run in. */
static const struct {
	const char *names, *want;
	size_t big; /* allocate this much between registrations, so they span blocks */
} cleanup_rows[] = {
	{"", "", 0},
	{"a", "a", 0},
	{"abc", "cba", 0},
	{"abcdef", "fedcba", 100000},
	{"xy", "yx", 20000},
};

static void test_cleanups(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cleanup_rows / sizeof cleanup_rows[0]; i++) {
		crm_pool *p = crm_pool_new();
		for (int round = 0; round < 2; round++) {
			order[0] = 0;
			for (const char *c = cleanup_rows[i].names; *c; c++) {
				crm_pool_cleanup(p, note, (void *)c);
				if (cleanup_rows[i].big)
					memset(crm_palloc(p, cleanup_rows[i].big), 1, cleanup_rows[i].big);
			}
			assert_string_equal(order, ""); /* nothing runs before reset or free */
			/* Round 0 resets, round 1 frees: both run every cleanup once, newest first. */
			if (round == 0)
				crm_pool_reset(p);
			else
				crm_pool_free(p);
			if (strcmp(order, cleanup_rows[i].want))
				fail_msg("row %zu round %d: ran '%s', want '%s'", i, round, order,
					 cleanup_rows[i].want);
		}
	}
	/* A reset pool does not run the same cleanups again when freed. */
	crm_pool *p = crm_pool_new();
	order[0] = 0;
	crm_pool_cleanup(p, note, "q");
	crm_pool_reset(p);
	crm_pool_free(p);
	assert_string_equal(order, "q");
}

static void test_reset(void **state)
{
	(void)state;
	crm_pool *p = crm_pool_new();
	unsigned char *expected = NULL;
	for (int request = 0; request < 3; request++) {
		/* Each "request" starts again at the start of the first block. */
		unsigned char *first = crm_palloc(p, 32);
		if (request == 0)
			expected = first;
		assert_ptr_equal(first, expected);
		for (size_t k = 0; k < 32; k++)
			assert_int_equal(first[k], 0); /* zeroed again, whatever the last request left */
		memset(first, 0xab, 32);
		/* Enough small and big allocations to need more blocks, all freed by reset. */
		for (int j = 0; j < 100; j++)
			memset(crm_palloc(p, 1000), 0xcd, 1000);
		memset(crm_palloc(p, 200000), 0xef, 200000);
		crm_pool_reset(p);
	}
	crm_pool_free(p);
	crm_pool_free(NULL); /* a no-op, like free(NULL) */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_cleanups),
		cmocka_unit_test(test_reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
