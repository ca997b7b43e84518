/* The contacts plugin's own functions, shared by its pages, its import and its web form. */
#ifndef CONTACTS_H
#define CONTACTS_H

#include <crm/crm.h>

#define CONTACT_MAX_ITEMS 10 /* emails, phones, links or addresses per contact */

/* A contact as a form, an import row or the web form gives it, every field as typed. */
typedef struct contact_in {
	const char *kind;                 /* "person" or "company" */
	const char *first_name, *last_name, *name; /* name: a company's */
	const char *job_title, *currency, *description;
	const char *visibility;           /* CRM_VIS_*; NULL: private */
	int64_t company_id, type_id, temperature_id; /* 0: none */
	const char *emails[CONTACT_MAX_ITEMS], *email_kinds[CONTACT_MAX_ITEMS];
	const char *phones[CONTACT_MAX_ITEMS], *phone_kinds[CONTACT_MAX_ITEMS];
	const char *links[CONTACT_MAX_ITEMS], *link_kinds[CONTACT_MAX_ITEMS];
	const char *addresses[CONTACT_MAX_ITEMS], *address_kinds[CONTACT_MAX_ITEMS];
	size_t n_emails, n_phones, n_links, n_addresses;
} contact_in;

/* Check c as the contact form does: each problem adds <error field="..">i18n key</error>
 * under errors (field names as the form's). Returns the number of problems. */
int contact_check(crm_req *r, const contact_in *c, xmlNodePtr errors);
/* Insert a checked contact owned by owner_id with its emails, phones (E.164 added),
 * links and addresses; history "created". Its id, or a negative crm_err. */
int64_t contact_insert(crm_req *r, const contact_in *c, int64_t owner_id);

#endif
