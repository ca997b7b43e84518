/* The contacts plugin's own functions, shared by its pages, its import and its web form. */
#ifndef CONTACTS_H
#define CONTACTS_H

#include <stdbool.h>
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
 * under errors (field names as the form's: first_name, email_0, phone_1, ...). Returns
 * the number of problems, or a negative crm_err when the database failed. */
int contact_check(crm_req *r, const contact_in *c, xmlNodePtr errors);
/* Insert a checked contact owned by owner_id with its emails, phones (E.164 added),
 * links and addresses; history "created". Runs in the caller's transaction, if any.
 * Its id, or a negative crm_err. */
int64_t contact_insert(crm_req *r, const contact_in *c, int64_t owner_id);

/* ===== shared by the plugin's files ===== */

/* Rows on one page of the list. */
#define CONTACTS_PAGE 50

/* The choices the form offers, NULL-terminated. */
extern const char *const contact_currencies[];
extern const char *const contact_email_kinds[];
extern const char *const contact_phone_kinds[];
extern const char *const contact_link_kinds[];
extern const char *const contact_address_kinds[];
extern const char *const contact_visibilities[];

/* What a contact already holds, so that merging adds no item twice. */
typedef struct contact_existing {
	const char *emails[4 * CONTACT_MAX_ITEMS + 1], *phones[4 * CONTACT_MAX_ITEMS + 1];
	const char *e164s[4 * CONTACT_MAX_ITEMS + 1], *links[4 * CONTACT_MAX_ITEMS + 1];
	const char *addresses[4 * CONTACT_MAX_ITEMS + 1];
	int next_position;
} contact_existing;

/* Whether s is in the NULL-terminated list. */
bool contact_listed(const char *const *list, const char *s);
/* Whether s is NULL, empty or only blanks. */
bool contact_blank(const char *s);
/* Whether a site or social link may be kept. */
bool contact_link_ok(const char *s);
/* The name lists show: a company's name or "Last First" of a person. */
const char *contact_display_name(crm_pool *p, const contact_in *c);
/* The tenant's default currency (setting currency.default, RUB when unset or unknown). */
const char *contact_default_currency(crm_req *r);
/* The E.164 form of a typed number, or NULL. */
const char *contact_e164(crm_req *r, const char *typed);
/* Insert c's non-blank items for contact id, leaving out those skip already holds. */
int contact_insert_items(crm_req *r, int64_t id, const contact_in *c, const contact_existing *skip);
/* Load what contact id holds (for a merge). 0 or a negative crm_err. */
int contact_existing_load(crm_req *r, int64_t id, contact_existing *out);
/* A history item on contact id (category "created", "changed", ...). */
int contact_history(crm_req *r, int64_t id, const char *category, const char *text);

/* Contacts matching any of c's emails or phones (E.164) that the user may read, other
 * than except_id: rows id, name, kind, company; NULL on a database error. */
crm_rows *contact_duplicates(crm_req *r, const contact_in *c, int64_t except_id);
/* Delete contact id after asking "contact.deleting", in a transaction of its own: 0,
 * CRM_EVETO with the translated reason in *veto, or a negative crm_err. Publishes
 * "contact.deleted" after. */
int contact_delete(crm_req *r, int64_t id, const char *name, const char **veto);
/* Merge contact from_id into into_id (fields, items, members, the core's records) and
 * delete from_id, in one transaction; publishes "contact.merged". */
int contact_merge(crm_req *r, int64_t from_id, int64_t into_id, const char **veto);
/* A readable (mode CRM_READ) or writable contact's row (id, kind, name, ...), or NULL
 * with *rc set: 0 when absent or out of reach (answer 404), negative on a DB error. */
crm_rows *contact_load(crm_req *r, int64_t id, int mode, int *rc);
/* contact_load, with *rc the 404 page's result when the contact is out of reach. */
crm_rows *contact_found(crm_req *r, int64_t id, int mode, int *rc);
/* A page of the plugin with its title. */
xmlNodePtr contacts_page(crm_req *r, const char *view, const char *title);

/* The list's selection from the query string (search, filters, sort) as SQL. */
#define CONTACT_QUERY_PARAMS 16
typedef struct contact_query {
	const char *q, *kind, *type, *temperature, *company, *tag, *manager, *vis, *cf, *cfv, *sort;
	const char *from;                    /* FROM contact c, no joins: a search starts from its matches */
	const char *fv[4];                   /* the FROM part's parameters */
	size_t nf;
	const char *where;                   /* the WHERE condition, access first */
	const char *v[CONTACT_QUERY_PARAMS]; /* its parameters, all as strings */
	size_t n;
} contact_query;
/* Read the filters for a list (mode CRM_READ) or an action (CRM_WRITE); CRM_EINVAL
 * when one is oversized. */
int contacts_query(crm_req *r, contact_query *q, int mode);
/* path with the query's filters as its query string. */
const char *contacts_query_url(crm_req *r, const contact_query *q, const char *path);
/* The select list of a list row (alias c; its email, phone and tags are read for the
 * page at once), and the FROM part of a query without a search. */
const char *contacts_columns(crm_req *r);
extern const char *contacts_joins;
/* Run sql with the query's parameters. */
crm_rows *contacts_query_run(crm_req *r, const contact_query *q, const char *sql);

/* A condition keeping the contacts (alias c) whose ids are in one "?" holding a JSON
 * array (crm_json_ids): one statement text for any number of ticked rows. */
#define CONTACTS_IN_IDS "c.id IN (SELECT j.id FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT PATH '$')) j)"
/* Answer with the ticked contacts the user may read as a CSV download. */
int contacts_export_ids(crm_req *r, const int64_t *ids, size_t n);

/* Handlers. */
int contacts_list(crm_req *r);
int contacts_export(crm_req *r);
int contacts_bulk(crm_req *r);
int contacts_bulk_delete(crm_req *r);
int contacts_new(crm_req *r);
int contacts_create(crm_req *r);
int contacts_card(crm_req *r);
int contacts_edit(crm_req *r);
int contacts_save(crm_req *r);
int contacts_delete_confirm(crm_req *r);
int contacts_delete(crm_req *r);
int contacts_merge_confirm(crm_req *r);
int contacts_merge(crm_req *r);
int contacts_settings(crm_req *r);
int contacts_settings_add(crm_req *r);
int contacts_settings_rename(crm_req *r);
int contacts_settings_move(crm_req *r);
int contacts_settings_delete_confirm(crm_req *r);
int contacts_settings_delete(crm_req *r);
/* The settings pages' tabs (types, temperatures, web forms) under parent; active is
 * the href of the page shown. */
void contacts_settings_tabs(xmlNodePtr parent, const char *active);
/* Subscriptions. */
int contacts_on_lookup(crm_req *r, crm_event *ev);
/* "contact.describe" and "contact.search" (describe.c). */
int contacts_on_describe(crm_req *r, crm_event *ev);
int contacts_on_search(crm_req *r, crm_event *ev);

#endif
