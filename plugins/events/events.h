/* The events plugin's own functions, shared by its pages and its subscriptions. */
#ifndef EVENTS_H
#define EVENTS_H

#include <stdbool.h>
#include <crm/crm.h>

/* Rows on one page of the list. */
#define EVENTS_PAGE 50
/* Characters in an event's name. */
#define EVENT_NAME_MAX 200
/* Bytes of a description. */
#define EVENT_DESCRIPTION_MAX 20000
/* The longest event in days: the calendar reads start dates this far back. */
#define EVENT_SPAN_DAYS 366
/* Participants one event holds, and typed ones a form takes at once. */
#define EVENT_PARTICIPANTS_MAX 500
#define EVENT_PICK_ROWS 3
/* Users offered as readers of a restricted event. */
#define EVENT_USERS_MAX 500

/* ===== small helpers (common.c) ===== */

/* Characters (not bytes) in s; -1 when s is not valid UTF-8. */
long event_chars(const char *s);
/* n ids as the comma list "contact.describe" takes, in one buffer of the pool. */
const char *event_id_list(crm_pool *p, const int64_t *ids, size_t n);
/* A local path to go back to after an action: back when it is one of ours, else def. */
const char *event_back(crm_req *r, const char *back, const char *def);
/* A readable (mode CRM_READ) or writable event's row (id, name, description, starts_at,
 * ends_at, closed, owner_id, visibility, ...), or NULL with *rc set to what the handler
 * answers: the 404 page when absent or out of reach, negative on a DB error. */
crm_rows *event_found(crm_req *r, int64_t id, int mode, int *rc);
/* The ids of the users reading a restricted event, as a comma list ("" for none). */
const char *event_readers(crm_req *r, int64_t id);
/* A history item on event id. */
int event_history(crm_req *r, int64_t id, const char *category, const char *text);
/* The event's participants the user may read, asked through "contact.describe": the
 * answer's <contact> elements are moved under parent. Returns how many participants
 * the event has in all, or a negative crm_err. */
int event_participants_xml(crm_req *r, int64_t id, xmlNodePtr parent);
/* Resolve what was typed in a contact field through crm_pick: the contact id, 0 when
 * nothing was typed, or a negative value after adding the field's error key. A select
 * posted as "<name>_id" wins over the text. */
int64_t event_pick_contact(crm_req *r, const char *name, const char *typed, xmlNodePtr field, const char **err);

/* The history categories an item may be planned under (id, code, name): those users
 * file notes under. */
crm_rows *event_plan_categories(crm_req *r);

/* Handlers. */
int events_list(crm_req *r);
int events_close(crm_req *r);
int events_reopen(crm_req *r);
int events_new(crm_req *r);
int events_create(crm_req *r);
int events_card(crm_req *r);
int events_edit(crm_req *r);
int events_save(crm_req *r);
int events_delete_confirm(crm_req *r);
int events_delete(crm_req *r);
int events_participant_add(crm_req *r);
int events_participant_remove(crm_req *r);
int events_plan_add(crm_req *r);
int events_plan_done(crm_req *r);
int events_plan_delete(crm_req *r);

/* Subscriptions and panels. */
int events_on_calendar(crm_req *r, crm_event *ev);
int events_on_contact_deleted(crm_req *r, crm_event *ev);
int events_on_contact_merged(crm_req *r, crm_event *ev);
int events_on_describe(crm_req *r, crm_event *ev);
int events_on_search(crm_req *r, crm_event *ev);
int events_contact_panel(crm_req *r, int64_t id, xmlNodePtr node);

/* The "export all data" entry for events (export.c); events have no CSV import. */
extern const crm_importer events_exporter;

#endif
