/* Phone numbers as typed and in E.164 (crm/phone.h), read with the tenant's country;
 * the parsing itself is libphonenumber's, behind phone.cc. */
#include <ctype.h>
#include <string.h>
#include "core.h"
#include "phone-lib.h"

/* E.164 has at most 15 digits; the international format adds spaces and dashes. */
#define PHONE_OUT 64

/* The region numbers without a country code belong to: the caller's, else the
 * setting (read once per request), else Russia. */
static const char *region_of(crm_req *r, const char *country)
{
	if (country && *country)
		return country;
	if (!r->phone_region) {
		const char *s = crm_setting(r, "phone.country", "RU");
		r->phone_region = phone_lib_region_ok(s) ? s : "RU";
	}
	return r->phone_region;
}

const char *crm_phone_e164(crm_req *r, const char *typed, const char *country)
{
	char out[PHONE_OUT];
	if (!typed || !*typed || phone_lib_format(typed, region_of(r, country), 0, out, sizeof out))
		return NULL;
	return crm_pstrdup(r->pool, out);
}

const char *crm_phone_pretty(crm_req *r, const char *e164)
{
	char out[PHONE_OUT];
	/* A number with its "+" needs no region: no setting to read. */
	const char *region = e164 && e164[0] == '+' ? "ZZ" : region_of(r, NULL);
	if (!e164 || phone_lib_format(e164, region, 1, out, sizeof out))
		return e164;
	return crm_pstrdup(r->pool, out);
}

bool crm_phone_ok(const char *typed)
{
	size_t digits = 0;
	if (strlen(typed) > 64 || !crm_one_line(typed) || strpbrk(typed, "<>\"\\"))
		return false;
	for (const char *c = typed; *c; c++)
		digits += isdigit((unsigned char)*c) != 0;
	return digits >= 3 && digits <= 20;
}

bool crm_phone_like(const char *q)
{
	size_t digits = 0;
	for (const char *s = q; *s; s++) {
		if (isdigit((unsigned char)*s))
			digits++;
		else if (!strchr(" +-().", *s))
			return false;
	}
	return digits >= 5;
}
