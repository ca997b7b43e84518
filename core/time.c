/* Time zones through ICU's calendar, one per request (the process's TZ is shared by every
 * thread and cannot follow each user), and the dates and times people type. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/ucal.h>
#include <unicode/ustring.h>
#include "core.h"
#include "crm/time.h"

/* Longest zone name accepted (crm_user.timezone is VARCHAR(64)). */
#define ZONE_NAME_MAX 64

struct crm_zone {
	UCalendar *cal;
	const char *name;
	crm_req *cached_in; /* the request whose user's zone this is, or NULL */
};

/* Zone names are ASCII ("America/Argentina/Buenos_Aires"): never a path or a control. */
static bool name_chars_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	return n && n < ZONE_NAME_MAX && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/_+-") == n;
}

bool crm_zone_valid(const char *name)
{
	if (!name_chars_ok(name))
		return false;
	UChar id[ZONE_NAME_MAX], canon[ZONE_NAME_MAX * 2];
	u_uastrcpy(id, name);
	UBool system = 0;
	UErrorCode st = U_ZERO_ERROR;
	ucal_getCanonicalTimeZoneID(id, -1, canon, CRM_LEN(canon), &system, &st);
	/* Custom ids such as "GMT+3" are canonical but not the database's: refused. */
	return U_SUCCESS(st) && system;
}

static void close_zone(void *data)
{
	crm_zone *z = data;
	ucal_close(z->cal);
	/* A request that outlives its pool's reset (an import's batches) opens it again. */
	if (z->cached_in && z->cached_in->zone == z)
		z->cached_in->zone = NULL;
}

crm_zone *crm_zone_open(crm_req *r, const char *name)
{
	if (!crm_zone_valid(name)) {
		if (name && *name)
			crm_log("warn", "time zone %s is unknown; UTC is used",
				name_chars_ok(name) ? name : "with a malformed name");
		name = "UTC";
	}
	UChar id[ZONE_NAME_MAX];
	u_uastrcpy(id, name);
	UErrorCode st = U_ZERO_ERROR;
	UCalendar *cal = ucal_open(id, -1, "en_US_POSIX", UCAL_GREGORIAN, &st);
	if (U_FAILURE(st) || !cal) {
		crm_log("error", "time zone %s: %s", name, u_errorName(st));
		if (cal)
			ucal_close(cal);
		return NULL;
	}
	/* The proleptic calendar: no Julian dates, however far a typed year goes. */
	ucal_setGregorianChange(cal, -8.64e15, &st);
	crm_zone *z = crm_palloc(r->pool, sizeof *z);
	z->cal = cal;
	z->name = crm_pstrdup(r->pool, name);
	crm_pool_cleanup(r->pool, close_zone, z);
	return z;
}

crm_zone *crm_zone_user(crm_req *r)
{
	if (r->zone)
		return r->zone;
	const char *name = r->timezone;
	/* Jobs and commands have no session that read it. */
	if (!name && r->user > 0) {
		crm_rows *row = crm_db_query(r, "SELECT timezone FROM crm_user WHERE id = ?", "i", r->user);
		name = row && row->n_rows ? crm_rows_get(row, 0, 0) : NULL;
	}
	crm_zone *z = crm_zone_open(r, name ? name : "UTC");
	if (z) {
		z->cached_in = r;
		r->zone = z;
	}
	return z;
}

const char *crm_zone_name(const crm_zone *z)
{
	return z ? z->name : "UTC";
}

bool crm_civil_date_ok(int y, int mo, int d)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return y >= 1900 && y <= 2999 && mo >= 1 && mo <= 12 && d >= 1 && d <= mdays[mo - 1] + (mo == 2 && leap);
}

int64_t crm_zone_utc(crm_zone *z, const crm_civil *c)
{
	if (!z || !c || !crm_civil_date_ok(c->y, c->mo, c->d) || c->h < 0 || c->h > 23 || c->mi < 0 || c->mi > 59)
		return -1;
	UErrorCode st = U_ZERO_ERROR;
	ucal_clear(z->cal);
	ucal_setDateTime(z->cal, c->y, c->mo - 1, c->d, c->h, c->mi, 0, &st);
	UDate ms = ucal_getMillis(z->cal, &st);
	return U_FAILURE(st) ? -1 : (int64_t)(ms / 1000);
}

crm_civil crm_zone_local(crm_zone *z, int64_t t)
{
	crm_civil c = {1970, 1, 1, 0, 0, 4};
	if (!z)
		return c;
	UErrorCode st = U_ZERO_ERROR;
	ucal_setMillis(z->cal, (UDate)t * 1000.0, &st);
	crm_civil out = {
		.y = ucal_get(z->cal, UCAL_YEAR, &st),
		.mo = ucal_get(z->cal, UCAL_MONTH, &st) + 1,
		.d = ucal_get(z->cal, UCAL_DATE, &st),
		.h = ucal_get(z->cal, UCAL_HOUR_OF_DAY, &st),
		.mi = ucal_get(z->cal, UCAL_MINUTE, &st),
	};
	int wd = ucal_get(z->cal, UCAL_DAY_OF_WEEK, &st); /* 1 = Sunday */
	out.wday = wd == UCAL_SUNDAY ? 7 : wd - 1;
	return U_FAILURE(st) ? c : out;
}

/* Days since 1970-01-01 of a civil date, and back (Howard Hinnant's algorithms). */
static int64_t days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, crm_civil *c)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	c->d = (int)(doy - (153 * mp + 2) / 5 + 1);
	c->mo = (int)(mp < 10 ? mp + 3 : mp - 9);
	c->y = (int)(yoe + era * 400 + (c->mo <= 2));
	int64_t wd = (z - 719468 + 4) % 7; /* 1970-01-01 was a Thursday */
	if (wd < 0)
		wd += 7;
	c->wday = wd ? (int)wd : 7;
}

crm_civil crm_civil_add_days(crm_civil c, int d)
{
	civil_from_days(days_from_civil(c.y, c.mo, c.d) + d, &c);
	return c;
}

void crm_zone_day(crm_zone *z, int64_t now, int64_t *today, int64_t *tomorrow)
{
	crm_civil c = crm_zone_local(z, now);
	c.h = c.mi = 0;
	*today = crm_zone_utc(z, &c);
	crm_civil n = crm_civil_add_days(c, 1);
	*tomorrow = crm_zone_utc(z, &n);
	if (*today < 0 || *tomorrow <= *today) { /* no zone: a UTC day */
		*today = now - now % 86400;
		*tomorrow = *today + 86400;
	}
}

/* Between min and max digits at *s into *v. */
static bool digits(const char **s, int min, int max, int *v)
{
	int n = 0, x = 0;
	while (n < max && (*s)[n] >= '0' && (*s)[n] <= '9')
		x = x * 10 + ((*s)[n++] - '0');
	if (n < min)
		return false;
	*s += n;
	*v = x;
	return true;
}

/* A date at *s (moved past it): yyyy-mm-dd, dd.mm.yyyy or dd/mm/yyyy. */
static bool read_date(const char **s, crm_civil *c)
{
	const char *start = *s;
	int y, mo, d;
	if (digits(s, 4, 4, &y) && **s == '-') {
		(*s)++;
		if (!digits(s, 1, 2, &mo) || *(*s)++ != '-' || !digits(s, 1, 2, &d))
			return false;
	} else {
		*s = start;
		if (!digits(s, 1, 2, &d) || (**s != '.' && **s != '/'))
			return false;
		char sep = *(*s)++;
		if (!digits(s, 1, 2, &mo) || *(*s)++ != sep || !digits(s, 4, 4, &y))
			return false;
	}
	if (!crm_civil_date_ok(y, mo, d))
		return false;
	c->y = y;
	c->mo = mo;
	c->d = d;
	return true;
}

/* A time at *s (moved past it): H:MM, HH:MM, and seconds the picker may add, dropped. */
static bool read_time(const char **s, crm_civil *c)
{
	int h, mi, sec;
	if (!digits(s, 1, 2, &h) || *(*s)++ != ':' || !digits(s, 2, 2, &mi))
		return false;
	if (**s == ':' && ((*s)++, !digits(s, 2, 2, &sec) || sec > 59))
		return false;
	if (h > 23 || mi > 59)
		return false;
	c->h = h;
	c->mi = mi;
	return true;
}

bool crm_parse_date(const char *s, crm_civil *c)
{
	crm_civil t = *c;
	if (!s || !read_date(&s, &t) || *s)
		return false;
	*c = t;
	return true;
}

bool crm_parse_time(const char *s, crm_civil *c)
{
	crm_civil t = *c;
	if (!s || !read_time(&s, &t) || *s)
		return false;
	*c = t;
	return true;
}

bool crm_parse_datetime(const char *s, crm_civil *c)
{
	crm_civil t = {0};
	if (!s)
		return false;
	while (*s == ' ')
		s++;
	if (!read_date(&s, &t))
		return false;
	if (*s == 'T' || *s == ' ') {
		while (*s == ' ' || *s == 'T')
			s++;
		if (*s && !read_time(&s, &t))
			return false;
	}
	while (*s == ' ')
		s++;
	if (*s)
		return false;
	*c = crm_civil_add_days(t, 0); /* its weekday */
	return true;
}

int64_t crm_time_from_sql(const char *s)
{
	int y, mo, d, h, mi, sec = 0;
	if (!s || !digits(&s, 4, 4, &y) || *s++ != '-' || !digits(&s, 2, 2, &mo) || *s++ != '-' ||
	    !digits(&s, 2, 2, &d) || *s++ != ' ' || !digits(&s, 2, 2, &h) || *s++ != ':' || !digits(&s, 2, 2, &mi))
		return -1;
	if (*s == ':' && (s++, !digits(&s, 2, 2, &sec)))
		return -1;
	if (*s || !crm_civil_date_ok(y, mo, d) || h > 23 || mi > 59 || sec > 59)
		return -1;
	return days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
}

const char *crm_time_sql(crm_pool *p, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!gmtime_r(&tt, &tm))
		return NULL;
	return crm_psprintf(p, "%04d-%02d-%02d %02d:%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
			    tm.tm_hour, tm.tm_min, tm.tm_sec);
}

const char *crm_time_local(crm_pool *p, crm_zone *z, const char *sql, crm_time_fmt fmt)
{
	int64_t t = crm_time_from_sql(sql);
	if (t < 0 || !z)
		return "";
	crm_civil c = crm_zone_local(z, t);
	switch (fmt) {
	case CRM_TIME_PICKER:
		return crm_psprintf(p, "%04d-%02d-%02dT%02d:%02d", c.y, c.mo, c.d, c.h, c.mi);
	case CRM_TIME_DATE:
		return crm_psprintf(p, "%04d-%02d-%02d", c.y, c.mo, c.d);
	case CRM_TIME_CLOCK:
		return crm_psprintf(p, "%02d:%02d", c.h, c.mi);
	case CRM_TIME_TEXT:
	default:
		return crm_psprintf(p, "%04d-%02d-%02d %02d:%02d", c.y, c.mo, c.d, c.h, c.mi);
	}
}

const char *crm_time_utc(crm_pool *p, crm_zone *z, const char *typed)
{
	crm_civil c;
	if (!crm_parse_datetime(typed, &c))
		return NULL;
	int64_t t = crm_zone_utc(z, &c);
	return t < 0 ? NULL : crm_time_sql(p, t);
}

int64_t crm_time_now(void)
{
	return (int64_t)time(NULL);
}
