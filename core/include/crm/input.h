/* What every form and list reads from a request: trimmed fields, ids, dates, and links
 * back to a filtered page. */
#ifndef CRM_INPUT_H
#define CRM_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "crm/request.h"

/* s without leading and trailing white space, copied into p; "" for NULL. */
const char *crm_trim(crm_pool *p, const char *s);
/* A body field, trimmed; "" when absent. */
const char *crm_input(crm_req *r, const char *name);
/* A query-string field, trimmed; "" when absent. */
const char *crm_query_input(crm_req *r, const char *name);
/* s as a positive decimal id (digits only), else 0. */
int64_t crm_id(const char *s);
/* v as decimal text, "" for 0 (an optional link as a form and a row hold it). */
const char *crm_id_text(crm_req *r, int64_t v);
/* The distinct positive ids of the body fields named name (a list's ticks), at most max,
 * in their order; *n tells how many. Never NULL. */
int64_t *crm_input_ids(crm_req *r, const char *name, size_t max, size_t *n);
/* Whether s is one address of the shape name@domain.tld (at most 254 bytes, one line,
 * none of the characters an address may not hold unquoted). */
bool crm_email_ok(const char *s);
/* s trimmed and lower-cased (ASCII), as addresses are stored and compared; in p. */
const char *crm_email_norm(crm_pool *p, const char *s);
/* text as a LIKE pattern for values starting with it ("text%"), %, _ and \ escaped. */
const char *crm_like_prefix(crm_pool *p, const char *text);
/* text as a LIKE pattern for values holding it anywhere ("%text%"), escaped the same. */
const char *crm_like_any(crm_pool *p, const char *text);
/* Whether s is a real calendar date written "YYYY-MM-DD" (1900-2999). */
bool crm_date_ok(const char *s);
/* Code points in valid UTF-8 s (a field's length as users count it); 0 for NULL. */
size_t crm_utf8_chars(const char *s);
/* Whether s holds no control character (a one-line text field). */
bool crm_one_line(const char *s);
/* The body field "back" when it is list or list with a query ("/leads?stage=3"), else
 * list: where a form posted from a filtered list returns. */
const char *crm_input_back(crm_req *r, const char *list);
/* path with the query fields given as NULL-terminated name, value pairs, percent-encoded;
 * pairs with an empty or NULL value are left out ("/deals?stage=3&q=acme"). */
const char *crm_url(crm_req *r, const char *path, ...) __attribute__((sentinel));
/* After a record was created: flash ok_key and go to new_url when the form was sent with
 * "save and create new" (then=new, see crm_form_save_buttons), else to card_url. */
int crm_form_created(crm_req *r, const char *ok_key, const char *new_url, const char *card_url);

#endif
