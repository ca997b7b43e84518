/* Unit tests for core/time.c: dates and times as people type them, wall-clock times of a
 * zone turned into UTC and back through ICU (zones with and without summer time, past
 * offsets, unknown names), day bounds, days counted across months; one row per case. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "core.h"
#include "crm/time.h"

static const struct {
	const char *typed;
	int y, mo, d; /* y 0: refused */
} date_cases[] = {
	{"31/12/2025", 2025, 12, 31},
	{"31.12.2025", 2025, 12, 31},
	{"2025-12-31", 2025, 12, 31},
	{"1/2/2026", 2026, 2, 1},
	{"29.02.2028", 2028, 2, 29},
	{"29.02.2000", 2000, 2, 29},
	{"29.02.1900", 0, 0, 0},
	{"29.02.2027", 0, 0, 0},
	{"31/04/2026", 0, 0, 0},
	{"2026-13-01", 0, 0, 0},
	{"2026-00-10", 0, 0, 0},
	{"00.01.2026", 0, 0, 0},
	{"31.12.25", 0, 0, 0},
	{"31/12.2025", 0, 0, 0},
	{"12/31/2025", 0, 0, 0},
	{"tomorrow", 0, 0, 0},
	{"", 0, 0, 0},
	{"2025-12-31 10:00", 0, 0, 0},
	{"01.01.1899", 0, 0, 0},
	{"01.01.3000", 0, 0, 0},
};

static void typed_dates(void **state)
{
	(void)state;
	for (size_t i = 0; i < CRM_LEN(date_cases); i++) {
		crm_civil c = {0};
		bool ok = crm_parse_date(date_cases[i].typed, &c);
		if (!date_cases[i].y) {
			if (ok)
				fail_msg("%s should be refused", date_cases[i].typed);
			continue;
		}
		if (!ok || c.y != date_cases[i].y || c.mo != date_cases[i].mo || c.d != date_cases[i].d)
			fail_msg("%s read as %d-%d-%d", date_cases[i].typed, c.y, c.mo, c.d);
	}
	crm_civil c = {0};
	assert_false(crm_parse_date(NULL, &c));
}

static const struct {
	const char *typed;
	int h, mi; /* h -1: refused */
} time_cases[] = {
	{"18:00", 18, 0}, {"9:05", 9, 5}, {"09:05:30", 9, 5}, {"23:59", 23, 59}, {"00:00", 0, 0},
	{"24:00", -1, 0}, {"10:60", -1, 0}, {"10", -1, 0}, {"10:5", -1, 0}, {"", -1, 0}, {"ten", -1, 0},
	{"10:00:60", -1, 0}, {"10:00 ", -1, 0}, {"123:00", -1, 0},
};

static void typed_times(void **state)
{
	(void)state;
	for (size_t i = 0; i < CRM_LEN(time_cases); i++) {
		crm_civil c = {0};
		bool ok = crm_parse_time(time_cases[i].typed, &c);
		if (time_cases[i].h < 0) {
			if (ok)
				fail_msg("%s should be refused", time_cases[i].typed);
			continue;
		}
		if (!ok || c.h != time_cases[i].h || c.mi != time_cases[i].mi)
			fail_msg("%s read as %d:%d", time_cases[i].typed, c.h, c.mi);
	}
}

/* Dates with times as forms send them, read in UTC. */
static const struct {
	const char *typed, *utc; /* utc NULL: refused */
} datetime_cases[] = {
	{"2031-05-20T18:30", "2031-05-20 18:30:00"},
	{"2031-05-20T18:30:15", "2031-05-20 18:30:00"},
	{"2031-05-20 18:30", "2031-05-20 18:30:00"},
	{"20.05.2031 18:30", "2031-05-20 18:30:00"},
	{"5/1/2031 9:05", "2031-01-05 09:05:00"},
	{"2031-05-20", "2031-05-20 00:00:00"},
	{" 20.05.2031 ", "2031-05-20 00:00:00"},
	{"29.02.2032 10:00", "2032-02-29 10:00:00"},
	{"29.02.2031 10:00", NULL},
	{"31.04.2031", NULL},
	{"2031-13-01", NULL},
	{"2031-05-20T24:00", NULL},
	{"2031-05-20T10:60", NULL},
	{"20.05.31", NULL},
	{"20.05/2031", NULL},
	{"tomorrow", NULL},
	{"", NULL},
	{"2031-05-20T10:00 x", NULL},
	{"1899-12-31", NULL},
};

static void typed_datetimes(void **state)
{
	(void)state;
	crm_pool *p = crm_pool_new();
	crm_req r;
	crm_req_init(&r, NULL, p, NULL);
	crm_zone *utc = crm_zone_open(&r, "UTC");
	assert_non_null(utc);
	for (size_t i = 0; i < CRM_LEN(datetime_cases); i++) {
		const char *got = crm_time_utc(p, utc, datetime_cases[i].typed);
		if (!datetime_cases[i].utc ? got != NULL : !got || strcmp(got, datetime_cases[i].utc))
			fail_msg("%s: %s, not %s", datetime_cases[i].typed, got ? got : "refused",
				 datetime_cases[i].utc ? datetime_cases[i].utc : "refused");
	}
	assert_null(crm_time_utc(p, utc, NULL));
	crm_pool_free(p);
}

/* A wall-clock time typed in a zone, what UTC stores, and the wall clock shown back. */
static const struct {
	const char *zone, *typed, *utc;
} zone_cases[] = {
	{"Asia/Vladivostok", "2026-03-10 09:00", "2026-03-09 23:00:00"},
	{"Europe/Moscow", "2026-03-10 09:00", "2026-03-10 06:00:00"},
	{"UTC", "2026-03-10 09:00", "2026-03-10 09:00:00"},
	{"Europe/Berlin", "2026-01-15 12:00", "2026-01-15 11:00:00"},
	{"Europe/Berlin", "2026-07-15 12:00", "2026-07-15 10:00:00"},
	{"America/New_York", "2026-07-04 18:30", "2026-07-04 22:30:00"},
	{"Asia/Kamchatka", "2026-12-31 23:59", "2026-12-31 11:59:00"},
	{"Europe/Moscow", "2031-05-20 18:00", "2031-05-20 15:00:00"},
	{"Europe/Moscow", "2012-01-10 12:00", "2012-01-10 08:00:00"}, /* UTC+4 then */
	{"Asia/Vladivostok", "2031-05-20 18:00", "2031-05-20 08:00:00"},
	{"Europe/Berlin", "2031-07-01 12:00", "2031-07-01 10:00:00"},
	{"Europe/Berlin", "2031-01-15 12:00", "2031-01-15 11:00:00"},
	{"America/New_York", "2030-11-30 09:00", "2030-11-30 14:00:00"},
	{"America/New_York", "2030-06-30 09:00", "2030-06-30 13:00:00"},
	{"UTC", "2031-05-20 18:00", "2031-05-20 18:00:00"},
	/* An unknown zone is UTC. */
	{"Mars/Olympus", "2026-03-10 09:00", "2026-03-10 09:00:00"},
	{"../../etc/passwd", "2026-03-10 09:00", "2026-03-10 09:00:00"},
	{"", "2026-03-10 09:00", "2026-03-10 09:00:00"},
	{NULL, "2026-03-10 09:00", "2026-03-10 09:00:00"},
};

static void zones_there_and_back(void **state)
{
	(void)state;
	crm_pool *p = crm_pool_new();
	crm_req r;
	crm_req_init(&r, NULL, p, NULL);
	for (size_t i = 0; i < CRM_LEN(zone_cases); i++) {
		const char *name = zone_cases[i].zone ? zone_cases[i].zone : "(null)";
		crm_zone *z = crm_zone_open(&r, zone_cases[i].zone);
		assert_non_null(z);
		crm_civil c = {0};
		assert_int_equal(sscanf(zone_cases[i].typed, "%d-%d-%d %d:%d", &c.y, &c.mo, &c.d, &c.h, &c.mi), 5);
		const char *got = crm_time_sql(p, crm_zone_utc(z, &c));
		if (strcmp(got, zone_cases[i].utc))
			fail_msg("%s %s: %s, not %s", name, zone_cases[i].typed, got, zone_cases[i].utc);
		/* The same through what a form sends. */
		const char *typed = crm_time_utc(p, z, zone_cases[i].typed);
		if (!typed || strcmp(typed, zone_cases[i].utc))
			fail_msg("%s %s typed: %s", name, zone_cases[i].typed, typed ? typed : "refused");
		/* And back to the wall clock, in each form it is shown. */
		const char *shown = crm_time_local(p, z, got, CRM_TIME_TEXT);
		if (strcmp(shown, zone_cases[i].typed))
			fail_msg("%s %s came back as %s", name, zone_cases[i].typed, shown);
		const char *picker = crm_psprintf(p, "%.10sT%s", zone_cases[i].typed, zone_cases[i].typed + 11);
		assert_string_equal(crm_time_local(p, z, got, CRM_TIME_PICKER), picker);
		assert_string_equal(crm_time_local(p, z, got, CRM_TIME_DATE), crm_pstrndup(p, zone_cases[i].typed, 10));
		assert_string_equal(crm_time_local(p, z, got, CRM_TIME_CLOCK), zone_cases[i].typed + 11);
	}
	crm_pool_free(p);
}

static const struct {
	const char *name;
	bool ok;
} name_cases[] = {
	{"Europe/Moscow", true}, {"America/Argentina/Buenos_Aires", true}, {"UTC", true}, {"Asia/Kamchatka", true},
	{"", false}, {NULL, false}, {"../../etc/passwd", false}, {"/etc/localtime", false},
	{"Europe/../../etc/passwd", false}, {"No/Such_Zone", false}, {"Europe/Moscow\n", false}, {"GMT+3", false},
	{"Europe/Moscow Europe/Moscow Europe/Moscow Europe/Moscow Europe/Moscow", false},
};

static void zone_names(void **state)
{
	(void)state;
	crm_pool *p = crm_pool_new();
	crm_req r;
	crm_req_init(&r, NULL, p, NULL);
	for (size_t i = 0; i < CRM_LEN(name_cases); i++) {
		if (crm_zone_valid(name_cases[i].name) != name_cases[i].ok)
			fail_msg("%s: %s", name_cases[i].name ? name_cases[i].name : "(null)",
				 name_cases[i].ok ? "refused" : "accepted");
		crm_zone *z = crm_zone_open(&r, name_cases[i].name);
		assert_non_null(z);
		assert_string_equal(crm_zone_name(z), name_cases[i].ok ? name_cases[i].name : "UTC");
	}
	crm_zone *utc = crm_zone_open(&r, "UTC");
	assert_string_equal(crm_time_local(p, utc, "garbage", CRM_TIME_TEXT), "");
	assert_string_equal(crm_time_local(p, utc, NULL, CRM_TIME_TEXT), "");
	assert_string_equal(crm_time_local(p, NULL, "2026-03-10 09:00:00", CRM_TIME_TEXT), "");
	assert_int_equal(crm_zone_utc(NULL, &(crm_civil){2026, 3, 10, 9, 0, 0}), -1);
	crm_pool_free(p);
}

/* Stored SQL text and the seconds it stands for. */
static const struct {
	const char *sql;
	int64_t t; /* -1: malformed */
} sql_cases[] = {
	{"1970-01-01 00:00:00", 0},
	{"2026-03-10 20:00:00", 1773172800},
	{"2026-03-10 20:00", 1773172800},
	{"2000-02-29 23:59:59", 951868799},
	{"2026-02-29 10:00:00", -1},
	{"2026-03-10 24:00:00", -1},
	{"2026-03-10 20:00:60", -1},
	{"2026-03-10T20:00:00", -1},
	{"2026-3-10 20:00:00", -1},
	{"2026-03-10 20:00:00 ", -1},
	{"", -1},
	{NULL, -1},
};

static void stored_text(void **state)
{
	(void)state;
	crm_pool *p = crm_pool_new();
	for (size_t i = 0; i < CRM_LEN(sql_cases); i++) {
		int64_t t = crm_time_from_sql(sql_cases[i].sql);
		if (t != sql_cases[i].t)
			fail_msg("%s: %lld, not %lld", sql_cases[i].sql ? sql_cases[i].sql : "(null)", (long long)t,
				 (long long)sql_cases[i].t);
		if (t >= 0 && strlen(sql_cases[i].sql) == 19)
			assert_string_equal(crm_time_sql(p, t), sql_cases[i].sql);
	}
	assert_true(crm_time_now() > 1700000000);
	crm_pool_free(p);
}

static const struct {
	const char *zone, *now, *today, *tomorrow;
} day_cases[] = {
	/* 20:00 UTC is already the 11th in Vladivostok (UTC+10). */
	{"Asia/Vladivostok", "2026-03-10 20:00:00", "2026-03-10 14:00:00", "2026-03-11 14:00:00"},
	{"UTC", "2026-03-10 20:00:00", "2026-03-10 00:00:00", "2026-03-11 00:00:00"},
	{"America/New_York", "2026-03-10 03:00:00", "2026-03-09 04:00:00", "2026-03-10 04:00:00"},
	/* The day summer time starts in Berlin has 23 hours, the day it ends 25. */
	{"Europe/Berlin", "2026-03-29 12:00:00", "2026-03-28 23:00:00", "2026-03-29 22:00:00"},
	{"Europe/Berlin", "2026-10-25 12:00:00", "2026-10-24 22:00:00", "2026-10-25 23:00:00"},
};

static void day_bounds_follow_the_zone(void **state)
{
	(void)state;
	crm_pool *p = crm_pool_new();
	crm_req r;
	crm_req_init(&r, NULL, p, NULL);
	for (size_t i = 0; i < CRM_LEN(day_cases); i++) {
		int64_t today, tomorrow;
		crm_zone_day(crm_zone_open(&r, day_cases[i].zone), crm_time_from_sql(day_cases[i].now), &today, &tomorrow);
		const char *a = crm_time_sql(p, today), *b = crm_time_sql(p, tomorrow);
		if (strcmp(a, day_cases[i].today) || strcmp(b, day_cases[i].tomorrow))
			fail_msg("%s %s: %s - %s", day_cases[i].zone, day_cases[i].now, a, b);
	}
	/* Without a zone: the UTC day. */
	int64_t today, tomorrow, now = crm_time_from_sql("2026-03-10 20:00:00");
	crm_zone_day(NULL, now, &today, &tomorrow);
	assert_string_equal(crm_time_sql(p, today), "2026-03-10 00:00:00");
	assert_int_equal(tomorrow - today, 86400);
	crm_pool_free(p);
}

static const struct {
	int y, mo, d, add, wy, wmo, wd, wday;
} add_cases[] = {
	{2026, 1, 31, 1, 2026, 2, 1, 7},
	{2026, 2, 28, 1, 2026, 3, 1, 7},
	{2028, 2, 28, 1, 2028, 2, 29, 2},
	{2026, 12, 29, 7, 2027, 1, 5, 2},
	{2026, 3, 1, -1, 2026, 2, 28, 6},
	{2026, 11, 23, 3, 2026, 11, 26, 4},
	{1970, 1, 1, 0, 1970, 1, 1, 4},
	{1969, 12, 31, 0, 1969, 12, 31, 3},
	{2000, 1, 1, -1, 1999, 12, 31, 5},
	{2026, 3, 10, 365, 2027, 3, 10, 3},
};

static void days_are_counted_across_months(void **state)
{
	(void)state;
	for (size_t i = 0; i < CRM_LEN(add_cases); i++) {
		crm_civil c = {.y = add_cases[i].y, .mo = add_cases[i].mo, .d = add_cases[i].d, .h = 18, .mi = 30};
		crm_civil n = crm_civil_add_days(c, add_cases[i].add);
		if (n.y != add_cases[i].wy || n.mo != add_cases[i].wmo || n.d != add_cases[i].wd || n.wday != add_cases[i].wday ||
		    n.h != 18 || n.mi != 30)
			fail_msg("%d-%d-%d %+d: %d-%d-%d (weekday %d)", c.y, c.mo, c.d, add_cases[i].add, n.y, n.mo, n.d, n.wday);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(typed_dates),
		cmocka_unit_test(typed_times),
		cmocka_unit_test(typed_datetimes),
		cmocka_unit_test(zones_there_and_back),
		cmocka_unit_test(zone_names),
		cmocka_unit_test(stored_text),
		cmocka_unit_test(day_bounds_follow_the_zone),
		cmocka_unit_test(days_are_counted_across_months),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
