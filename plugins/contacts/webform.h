/* The web form "Contacts from site" (CON-12): what its public route and its admin pages
 * share. */
#ifndef WEBFORM_H
#define WEBFORM_H

#include <stdbool.h>
#include <crm/crm.h>

/* The optional fields a form may ask, in the order the form shows them; column
 * f_<name> holds 0 (not asked), 1 (asked) or 2 (required). */
#define WEBFORM_N_FIELDS 5
extern const char *const webform_fields[WEBFORM_N_FIELDS];

/* The columns every handler reads, for "SELECT " WEBFORM_COLS " FROM contact_webform w". */
#define WEBFORM_COLS                                                                      \
	"w.id, w.name, w.form_key, w.secret, w.f_email, w.f_phone, w.f_company, "          \
	"w.f_job_title, w.f_message, w.type_id, w.tags, w.manager_id, w.thanks_url, "      \
	"w.origins, w.active, w.submitted, w.created_at"

/* An origin as browsers send it ("https://shop.example:8443"), lower-cased, without a
 * trailing slash; NULL when s is not a bare http(s) origin. */
const char *webform_origin_norm(crm_pool *p, const char *s);

/* Handlers: the public route (webform.c) and the admin pages (webform_admin.c). */
int webform_submit(crm_req *r);
int webform_stamp(crm_req *r);
int webform_list(crm_req *r);
int webform_new(crm_req *r);
int webform_create(crm_req *r);
int webform_edit(crm_req *r);
int webform_save(crm_req *r);
int webform_delete_confirm(crm_req *r);
int webform_delete(crm_req *r);

#endif
