/* Phone numbers: stored as typed and in E.164, so any written form finds the record. */
#ifndef CRM_PHONE_H
#define CRM_PHONE_H

#include <stdbool.h>
#include "crm/request.h"

/* The E.164 form ("+79123456789") of a number as typed ("8 (912) 345-67-89"), read with
 * country (ISO 3166 "RU"; NULL: the tenant's setting phone.country, default RU) for
 * numbers without a country code; NULL when it is not a possible number. */
const char *crm_phone_e164(crm_req *r, const char *typed, const char *country);
/* The number formatted for people (international format), or typed when unparsable. */
const char *crm_phone_pretty(crm_req *r, const char *e164);

/* Whether typed may be kept as a number: one line of at most 64 bytes holding 3 to 20
 * digits and no markup characters. */
bool crm_phone_ok(const char *typed);
/* Whether a search text reads as a phone number: 5 or more digits with the usual
 * separators (space, +, -, parentheses, dot) and nothing else. */
bool crm_phone_like(const char *q);

#endif
