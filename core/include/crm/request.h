/* A request as handlers see it: its input, its pool, and the response they fill. */
#ifndef CRM_REQUEST_H
#define CRM_REQUEST_H

#include <stddef.h>
#include <stdint.h>
#include <libxml/tree.h>
#include "crm/pool.h"

typedef struct crm_req crm_req;

/* One query, form or cookie field; uploads carry filename and content_type. */
typedef struct crm_field {
	const char *name;
	const char *value; /* NUL-terminated; may hold NULs for uploads, see len */
	size_t len;
	const char *filename;     /* NULL unless an uploaded file */
	const char *content_type; /* NULL unless an uploaded file */
	struct crm_field *next;
} crm_field;

/* The request's pool: freed when the response is sent. */
crm_pool *crm_req_pool(crm_req *r);
/* "GET", "POST", ... */
const char *crm_req_method(crm_req *r);
/* Path without the query string, e.g. "/contacts/12". */
const char *crm_req_path(crm_req *r);
/* A FastCGI parameter (REMOTE_ADDR, HTTP_USER_AGENT, ...), or NULL. */
const char *crm_req_env(crm_req *r, const char *name);
/* A {name} from the route pattern, or NULL. */
const char *crm_req_arg(crm_req *r, const char *name);
/* A {name} from the route pattern as a positive integer; 0 when absent or not a number. */
int64_t crm_req_arg_id(crm_req *r, const char *name);
/* A query-string field, or NULL. */
const char *crm_req_query(crm_req *r, const char *name);
/* A body field (urlencoded or multipart, not a file), or NULL. */
const char *crm_req_form(crm_req *r, const char *name);
/* All body fields, uploads included, in order. */
const crm_field *crm_req_fields(crm_req *r);
/* An uploaded file by field name, or NULL. */
const crm_field *crm_req_file(crm_req *r, const char *name);
/* A cookie, or NULL. */
const char *crm_req_cookie(crm_req *r, const char *name);
/* The tenant's name ("default" unless nginx set CRM_TENANT). */
const char *crm_req_tenant(crm_req *r);
/* The locale in use: "ru" or "en". */
const char *crm_req_locale(crm_req *r);
/* A message from the catalogs in the request's locale; the key itself when missing. */
const char *crm_t(crm_req *r, const char *key);
/* The signed-in user's id, 0 for anonymous. */
int64_t crm_req_user(crm_req *r);
/* Whether the current user holds a permission. */
int crm_req_can(crm_req *r, const char *permission);

/* Start an HTML page rendered by the stylesheet's match for view (e.g. "contacts.list");
 * returns the <content> node to fill. title is an i18n key. */
xmlNodePtr crm_page(crm_req *r, const char *view, const char *title);
/* The page document's root (<page>), for panels and other siblings of <content>. */
xmlNodePtr crm_page_root(crm_req *r);
/* Add the panels other plugins give to the card of record id of entity (e.g. "contact"). */
void crm_page_panels(crm_req *r, const char *entity, int64_t id);
/* Add under parent one <list-action name=".." title=".." url=".."/> per list action other
 * plugins give to the list of entity (enabled plugins, actions whose permission the user
 * holds): buttons posting the ticked rows' ids as "id" fields to url. */
void crm_page_list_actions(crm_req *r, const char *entity, xmlNodePtr parent);
/* Percent-encode s for a URL (unreserved characters and "/" stay). */
char *crm_url_encode(crm_pool *p, const char *s);
/* Answer 303 See Other to a local path. */
int crm_redirect(crm_req *r, const char *path);
/* Show a message (an i18n key) on the next page shown; kind is "ok" or "error". */
void crm_flash(crm_req *r, const char *kind, const char *key);
/* Answer with bytes as they are (CSV, JSON, a file); filename adds Content-Disposition. */
int crm_send(crm_req *r, int status, const char *content_type, const char *body,
	     size_t len, const char *filename);
/* Answer with the error page: status and a message (i18n key). Returns 0. */
int crm_error(crm_req *r, int status, const char *key);
/* Add a response header (name and value copied). */
void crm_header(crm_req *r, const char *name, const char *value);
/* Set the status of a page answer (default 200; 422 for a form with errors). */
void crm_status(crm_req *r, int status);

#endif
