/* The C face of core/phone.cc, the shim over libphonenumber (C++); core-internal. */
#ifndef CRM_PHONE_LIB_H
#define CRM_PHONE_LIB_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Write typed as E.164 (pretty 0) or in international format (pretty 1) into out,
 * reading numbers without a country code as region's ("RU"); 0, or -1 when it is not
 * a possible number, region is unknown or out is too small. Never throws. */
int phone_lib_format(const char *typed, const char *region, int pretty, char *out, size_t outlen);
/* Whether region is a two-letter region libphonenumber knows. */
int phone_lib_region_ok(const char *region);

#ifdef __cplusplus
}
#endif

#endif
