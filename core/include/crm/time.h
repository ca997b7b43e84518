/* Dates and times: users' time zones (ICU, one calendar per request), the dates people
 * type in forms, and the UTC "YYYY-MM-DD HH:MM:SS" text the database stores. */
#ifndef CRM_TIME_H
#define CRM_TIME_H

#include <stdbool.h>
#include <stdint.h>
#include "crm/pool.h"
#include "crm/request.h"

/* A time zone opened for one request, closed with the request's pool. */
typedef struct crm_zone crm_zone;

/* A wall-clock date and time; wday 1 = Monday ... 7 = Sunday. */
typedef struct crm_civil {
	int y, mo, d, h, mi, wday;
} crm_civil;

/* How crm_time_local shows a stored time. */
typedef enum crm_time_fmt {
	CRM_TIME_TEXT = 0, /* "YYYY-MM-DD HH:MM" */
	CRM_TIME_PICKER,   /* "YYYY-MM-DDTHH:MM", a datetime-local input's value */
	CRM_TIME_DATE,     /* "YYYY-MM-DD" */
	CRM_TIME_CLOCK,    /* "HH:MM" */
} crm_time_fmt;

/* Whether name is a time zone the system knows ("Europe/Moscow"). */
bool crm_zone_valid(const char *name);
/* The zone named name; UTC (with a log line) when unknown. NULL only when ICU fails. */
crm_zone *crm_zone_open(crm_req *r, const char *name);
/* The zone of the request's user (crm_user.timezone), opened once per request. */
crm_zone *crm_zone_user(crm_req *r);
/* The zone's name as opened ("UTC" for an unknown one). */
const char *crm_zone_name(const crm_zone *z);
/* UTC seconds of a wall-clock time in zone z (wday ignored); -1 when the fields are not
 * a real date and time. A time a change skips or repeats takes one of the offsets. */
int64_t crm_zone_utc(crm_zone *z, const crm_civil *c);
/* The wall-clock time in zone z of UTC seconds t (1970-01-01 00:00 when z is NULL). */
crm_civil crm_zone_local(crm_zone *z, int64_t t);
/* The start of the day holding now in zone z and of the next day, as UTC seconds. */
void crm_zone_day(crm_zone *z, int64_t now, int64_t *today, int64_t *tomorrow);

/* Whether y-mo-d is a real calendar date (years 1900..2999). */
bool crm_civil_date_ok(int y, int mo, int d);
/* The date d days after c's (time kept, weekday set); d may be negative. */
crm_civil crm_civil_add_days(crm_civil c, int d);
/* A date as typed: dd.mm.yyyy, dd/mm/yyyy or yyyy-mm-dd (sets y, mo, d only). */
bool crm_parse_date(const char *s, crm_civil *c);
/* A time as typed: H:MM or HH:MM, seconds allowed and dropped (sets h, mi only). */
bool crm_parse_time(const char *s, crm_civil *c);
/* A date with an optional time after a space or "T" ("2024-12-31T18:30", "31.12.2024
 * 18:30"); blanks around allowed; a date alone is midnight. */
bool crm_parse_datetime(const char *s, crm_civil *c);

/* UTC seconds of stored "YYYY-MM-DD HH:MM[:SS]" text; -1 when NULL or malformed. */
int64_t crm_time_from_sql(const char *s);
/* "YYYY-MM-DD HH:MM:SS" of UTC seconds t, for SQL. */
const char *crm_time_sql(crm_pool *p, int64_t t);
/* A stored UTC time shown in zone z as fmt says; "" for NULL or malformed text. */
const char *crm_time_local(crm_pool *p, crm_zone *z, const char *sql, crm_time_fmt fmt);
/* A date and time typed in zone z (crm_parse_datetime's forms) as UTC SQL text, or NULL
 * when it does not read as one. */
const char *crm_time_utc(crm_pool *p, crm_zone *z, const char *typed);
/* UTC seconds now. */
int64_t crm_time_now(void);

#endif
