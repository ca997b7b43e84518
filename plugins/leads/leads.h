/* The leads plugin's own functions, shared by its pages, its board, its import and its
 * event subscribers. */
#ifndef LEADS_H
#define LEADS_H

#include <stdbool.h>
#include <crm/crm.h>

/* Rows on one page of the list. */
#define LEADS_PAGE 50
/* Users offered as managers and in filters. */
#define LEADS_MAX_USERS 500
/* Ids of ticked rows one action may take. */
#define LEADS_BULK_MAX 1000

/* A condition keeping the leads (alias l) whose ids are in one "?" holding a JSON array
 * (crm_json_ids): one statement text for any number of ids. */
#define LEADS_IN_IDS "l.id IN (SELECT j.id FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT PATH '$')) j)"

/* The visibilities the form offers, NULL-terminated. */
extern const char *const lead_visibilities[];

/* ===== input and output (common.c) ===== */

/* v as text ("" for 0). */
const char *lead_id_text(crm_req *r, int64_t v);
/* A list name as people see it: seeded names are catalog keys. */
const char *lead_label(crm_req *r, const char *name);
/* A JSON string literal of s, in the pool. */
const char *lead_json_str(crm_pool *p, const char *s);
/* Whether the request asks for JSON (the board's drag and drop). */
bool leads_wants_json(crm_req *r);
/* Answer JSON {"ok":true} or {"error":msg} with status. */
int leads_json(crm_req *r, int status, const char *error_msg);
/* Whether another plugin is enabled for the tenant (contacts, products). */
bool leads_plugin_on(crm_req *r, const char *name);

/* ===== loading ===== */

/* A lead's row the user may use in mode (id, name, funnel_id, status_id, status kind,
 * status name, contact_id, company_id, phone, email, product_id, source_id, reason_id,
 * budget, currency, description, owner_id, visibility, created_at, updated_at), or NULL
 * with *rc set: 0 when absent or out of reach (answer 404), negative on a DB error. */
crm_rows *lead_load(crm_req *r, int64_t id, int mode, int *rc);
/* The rows of lead_load for the ticked ids the user may use in mode; NULL on a DB error. */
crm_rows *leads_load_ids(crm_req *r, const int64_t *ids, size_t n, int mode);
/* lead_load, with *rc the 404 page's result when the lead is out of reach. */
crm_rows *lead_found(crm_req *r, int64_t id, int mode, int *rc);
/* The funnels with their statuses in order: rows funnel_id, funnel, status_id, status, kind. */
crm_rows *lead_statuses(crm_req *r);
/* The first funnel's id (0 when there is none, or on a DB error with *rc < 0). */
int64_t lead_first_funnel(crm_req *r);
/* The first open status of a funnel, 0 when the funnel does not exist. */
int64_t lead_first_status(crm_req *r, int64_t funnel_id);
/* A history item on lead id. */
int lead_history(crm_req *r, int64_t id, const char *category, const char *text);

/* ===== other plugins' records, through their events ===== */

/* A contact as "contact.describe" answers it. */
typedef struct lead_contact {
	int64_t id, company_id;
	const char *name, *kind, *company, *phone, *email, *url;
} lead_contact;
/* Describe the n contact ids (0s skipped) in one event; *out gets one entry per id the
 * user may read, *n_out their count. */
void lead_contacts(crm_req *r, const int64_t *ids, size_t n, lead_contact **out, size_t *n_out);
/* The entry for id among those, or NULL. */
const lead_contact *lead_contact_of(const lead_contact *all, size_t n, int64_t id);
/* Products for the select ("product.list"): rows of id and name, NULL when nothing
 * answers (the products plugin is off). */
crm_rows *lead_products(crm_req *r);
/* A product's name ("product.describe"), or NULL. */
const char *lead_product_name(crm_req *r, int64_t id);

/* ===== status changes (status.c) ===== */

/* What a move did. */
typedef struct lead_moved {
	bool changed;         /* the lead's status changed */
	bool qualified;       /* it entered the qualified status now */
	const char *deal_url; /* the deal made for it, or found from an earlier qualification */
} lead_moved;
/* Move lead id (a row of lead_load, writable) to status to of its funnel (or of funnel
 * funnel_id when moving it to another funnel, 0: its own); reason_id is required for a
 * disqualified status. Runs in the caller's transaction (one is opened when none is),
 * with the guarded UPDATE that lets only one request publish "lead.qualified". 0, or
 * CRM_EINVAL with an i18n key in *err_key (unknown status, reason needed), or a DB error. */
int lead_move(crm_req *r, const crm_rows *lead, int64_t to, int64_t funnel_id, int64_t reason_id,
	      lead_moved *out, const char **err_key);
/* The flash and the redirect after a move from the card or a form. */
int lead_moved_answer(crm_req *r, int64_t id, const lead_moved *m);

/* ===== the list's selection (list.c) ===== */

#define LEAD_QUERY_PARAMS 16
typedef struct lead_query {
	const char *q, *funnel, *status, *manager, *source, *tag, *from_date, *to_date, *sort;
	const char *from;                 /* FROM with the joins */
	const char *fv[4];                /* the FROM part's parameters */
	size_t nf;
	const char *where;                /* the WHERE condition, access first */
	const char *v[LEAD_QUERY_PARAMS]; /* its parameters, all as strings */
	size_t n;
} lead_query;
/* Read the filters (mode CRM_READ for a list, CRM_WRITE for an action); CRM_EINVAL when
 * one is oversized or malformed. */
int leads_query(crm_req *r, lead_query *q, int mode);
/* path with the query's filters as its query string. */
const char *leads_query_url(crm_req *r, const lead_query *q, const char *path);
/* Run sql with the query's parameters. */
crm_rows *leads_query_run(crm_req *r, const lead_query *q, const char *sql);
/* Answer with the ticked leads the user may read as a CSV download. */
int leads_export_ids(crm_req *r, const int64_t *ids, size_t n);
/* The FROM part of a list without a search. */
extern const char *leads_joins;

/* Insert a lead with its history item "created"; its id or a negative crm_err. The
 * status must be an open one of the funnel. */
int64_t lead_insert(crm_req *r, const char *name, int64_t funnel_id, int64_t status_id, const char *phone,
		    const char *email, int64_t source_id, const char *description, int64_t owner_id);

/* Handlers. */
int leads_list(crm_req *r);
int leads_export(crm_req *r);
int leads_bulk(crm_req *r);
int leads_bulk_delete(crm_req *r);
int leads_new(crm_req *r);
int leads_create(crm_req *r);
int leads_card(crm_req *r);
int leads_edit(crm_req *r);
int leads_save(crm_req *r);
int leads_delete_confirm(crm_req *r);
int leads_delete(crm_req *r);
int leads_status(crm_req *r);
int leads_qualify(crm_req *r);
int leads_disqualify_form(crm_req *r);
int leads_disqualify(crm_req *r);
int leads_board(crm_req *r);
int leads_board_move(crm_req *r);
/* Settings: funnels and their statuses (funnels.c), sources and reasons (settings.c). */
int leads_settings_index(crm_req *r);
int leads_funnels(crm_req *r);
int leads_funnel_add(crm_req *r);
int leads_funnel(crm_req *r);
int leads_funnel_rename(crm_req *r);
int leads_funnel_move(crm_req *r);
int leads_funnel_delete_confirm(crm_req *r);
int leads_funnel_delete(crm_req *r);
int leads_status_add(crm_req *r);
int leads_status_rename(crm_req *r);
int leads_status_move(crm_req *r);
int leads_status_delete_confirm(crm_req *r);
int leads_status_delete(crm_req *r);
int leads_settings(crm_req *r);
int leads_settings_add(crm_req *r);
int leads_settings_rename(crm_req *r);
int leads_settings_move(crm_req *r);
int leads_settings_delete_confirm(crm_req *r);
int leads_settings_delete(crm_req *r);
/* The settings pages' tabs under parent; active is the href of the page shown. */
void leads_settings_tabs(xmlNodePtr parent, const char *active);
/* Subscriptions (events.c). */
int leads_on_find(crm_req *r, crm_event *ev);
int leads_on_create(crm_req *r, crm_event *ev);
int leads_on_attach(crm_req *r, crm_event *ev);
int leads_on_contact_deleted(crm_req *r, crm_event *ev);
int leads_on_contact_merged(crm_req *r, crm_event *ev);

#endif
