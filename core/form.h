/* Parsing of query strings, urlencoded and multipart bodies and cookies into a pool. */
#ifndef CRM_FORM_H
#define CRM_FORM_H

#include <stdbool.h>
#include <stddef.h>
#include "crm/pool.h"
#include "crm/request.h"

typedef struct crm_form_limits {
	size_t max_fields;    /* fields per source (query, body, cookies) */
	size_t max_field_len; /* bytes of one value; uploads are bounded by the body limit only */
} crm_form_limits;

enum crm_form_err {
	CRM_FORM_OK = 0,
	CRM_FORM_TOO_MANY = -1,  /* more than max_fields */
	CRM_FORM_TOO_LONG = -2,  /* a value over max_field_len */
	CRM_FORM_BAD_UTF8 = -3,  /* a name or text value (not an upload's bytes) is not UTF-8 */
	CRM_FORM_MALFORMED = -4, /* broken encoding or multipart structure */
};

/* Appends to *list in input order. Names and values are decoded and NUL-terminated. */
int crm_form_parse_urlencoded(crm_pool *p, const char *s, size_t len,
			      const crm_form_limits *lim, crm_field **list);
/* content_type is the whole header; the boundary is read from it. */
int crm_form_parse_multipart(crm_pool *p, const char *body, size_t len,
			     const char *content_type, const crm_form_limits *lim,
			     crm_field **list);
/* The Cookie header: "a=1; b=2". Values are not percent-decoded. */
int crm_form_parse_cookies(crm_pool *p, const char *header,
			   const crm_form_limits *lim, crm_field **list);
/* Strict UTF-8: no overlongs, no surrogates, nothing above U+10FFFF. */
bool crm_utf8_valid(const char *s, size_t len);

#endif
