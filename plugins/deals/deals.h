/* The deals plugin's own functions, shared by its pages, its board and its subscribers. */
#ifndef DEALS_H
#define DEALS_H

#include <stdbool.h>
#include <crm/crm.h>

/* Rows on one page of the list. */
#define DEALS_PAGE 50
/* Cards each column of the board shows. */
#define DEALS_BOARD_CARDS 20
/* Stages the admins may keep, the two final ones included. */
#define DEALS_STAGES_MAX 30
/* Users offered in selects (owner, readers, filters). */
#define DEALS_USERS_MAX 500

/* ===== small helpers (common.c) ===== */

/* The amount types (DEA-2), NULL-terminated; "fixed" first. */
extern const char *const deal_amount_types[];
/* Whether s is in the NULL-terminated list. */
bool deal_listed(const char *const *list, const char *s);

/* A stage name as shown: seeded names are catalog keys, typed ones show as typed. */
const char *deal_stage_label(crm_req *r, const char *name);
/* A readable (CRM_READ) or writable deal's row (id, name, stage_id, stage, kind, ...),
 * or NULL with *rc set: after answering 404 when it is out of reach, or a DB error. */
crm_rows *deal_found(crm_req *r, int64_t id, int mode, int *rc);
/* Whether the plugin named name is enabled for the request's tenant. */
bool deals_plugin_on(crm_req *r, const char *name);
/* The contacts of ids through "contact.describe" (the contacts plugin's answer, empty
 * when it is off): the result node whose <contact id=".."/> children the caller reads. */
xmlNodePtr deals_describe_contacts(crm_req *r, const int64_t *ids, size_t n);
/* The <contact> of id under the node deals_describe_contacts returned, or NULL. */
xmlNodePtr deals_contact_in(xmlNodePtr described, const char *id);
/* A detached XML node freed with the request (errors collected by a form). */
xmlNodePtr deals_scratch(crm_req *r, const char *name);
/* The stages in order: rows id, name, probability, kind, position. */
crm_rows *deal_stages(crm_req *r);
/* Move the deals ids (the ones the user may write, rows from deals_reachable) to stage
 * to: they take its probability, each gets a history item. How many moved, or a
 * negative crm_err (CRM_ENOTFOUND when the stage does not exist). */
int64_t deals_set_stage(crm_req *r, const crm_rows *deals, int64_t to);
/* The deals of ids the user may use in mode, rows id, name, stage_id, stage. */
crm_rows *deals_reachable(crm_req *r, const int64_t *ids, size_t n, int mode);

/* A condition keeping the deals (alias d) whose ids are in one "?" holding a JSON array. */
#define DEALS_IN_IDS "d.id IN (SELECT j.id FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT PATH '$')) j)"

/* ===== the list's selection (list.c), shared with the export and the board ===== */

#define DEAL_QUERY_PARAMS 24
typedef struct deal_query {
	const char *q, *stage, *manager, *tag, *type, *close_from, *close_to, *created_from, *created_to;
	const char *sort, *contact;
	const char *from;                 /* FROM with the joins: a search starts from its matches */
	const char *fv[4];                /* the FROM part's parameters */
	size_t nf;
	const char *where;                /* the WHERE condition, access first */
	const char *v[DEAL_QUERY_PARAMS]; /* its parameters, as strings */
	size_t n;
} deal_query;
/* Read the filters from the query string (mode CRM_READ for pages, CRM_WRITE for
 * actions): 0, or CRM_EINVAL with *bad naming the field that was refused. */
int deals_query(crm_req *r, deal_query *q, int mode, const char **bad);
/* path with the query's filters as its query string. */
const char *deals_query_url(crm_req *r, const deal_query *q, const char *path);
/* Run sql with the query's FROM and WHERE parameters (then extra ones). */
crm_rows *deals_query_run(crm_req *r, const deal_query *q, const char *sql, const char *const *extra, size_t n_extra);
/* Answer with the deals of rows (export columns) as a CSV download. */
int deals_export_rows(crm_req *r, const crm_rows *rows);
/* The "export all data" entry for deals (export.c); deals have no CSV import. */
extern const crm_importer deals_exporter;
/* The export's select list (alias d) and its joins. */
const char *deals_export_columns(crm_req *r);
extern const char *deals_export_joins;

/* Handlers. */
int deals_list(crm_req *r);
int deals_export(crm_req *r);
int deals_bulk(crm_req *r);
int deals_bulk_delete(crm_req *r);
int deals_new(crm_req *r);
int deals_create(crm_req *r);
int deals_card(crm_req *r);
int deals_edit(crm_req *r);
int deals_save(crm_req *r);
int deals_stage_change(crm_req *r);
int deals_delete_confirm(crm_req *r);
int deals_delete(crm_req *r);
int deals_board(crm_req *r);
int deals_board_move(crm_req *r);
int deals_stages(crm_req *r);
int deals_stage_add(crm_req *r);
int deals_stage_save(crm_req *r);
int deals_stage_move(crm_req *r);
int deals_stage_delete_confirm(crm_req *r);
int deals_stage_delete(crm_req *r);

/* The contact card's panel (panel.c). */
int deals_contact_panel(crm_req *r, int64_t id, xmlNodePtr node);
/* Subscriptions (events.c). */
int deals_on_lead_qualified(crm_req *r, crm_event *ev);
int deals_on_contact_deleted(crm_req *r, crm_event *ev);
int deals_on_contact_merged(crm_req *r, crm_event *ev);
int deals_on_search(crm_req *r, crm_event *ev);
int deals_on_describe(crm_req *r, crm_event *ev);

#endif
