/* The tasks plugin's own functions, shared by its pages, panels, job and subscriptions. */
#ifndef TASKS_H
#define TASKS_H

#include <stdbool.h>
#include <crm/crm.h>

/* Rows on one page of My tasks. */
#define TASKS_PAGE 50
/* Characters in a title, bytes in a description. */
#define TASK_TITLE_MAX 255
#define TASK_DESCRIPTION_MAX 20000
/* Contacts one bulk creation takes ("contact.describe" answers at most 500). */
#define TASKS_BULK_MAX 500
/* Open tasks a card's panel shows. */
#define TASKS_PANEL_MAX 20
/* Entity types a task may point at. */
#define TASKS_ENTITIES_MAX 32
/* Reminders one run of the job sends at most; the next run takes the rest. */
#define TASKS_REMIND_BATCH 200

/* ===== small helpers (common.c) ===== */

/* "%lld" of v in the pool. */
const char *tasks_id_text(crm_req *r, int64_t v);
/* A local path to go back to: back when it is one of the given prefixes' pages, else def. */
const char *tasks_back(const char *back, const char *def);
/* A detached element freed with the request. */
xmlNodePtr tasks_node(crm_req *r, const char *name);

/* The entity types a task may point at (every declared one but the task itself). */
size_t tasks_entities(crm_req *r, const crm_entity_type **out, size_t max);
/* One of them by name, or NULL. */
const crm_entity_type *tasks_entity(crm_req *r, const char *name);
/* The URL of record id of type e. */
const char *tasks_record_url(crm_req *r, const crm_entity_type *e, int64_t id);

/* Who may see and change tasks, as a WHERE condition on alias (the task table): every
 * "?" is the user's id, *n says how many. Reading: admins, the author, the assignee,
 * and whoever may read the linked record. Writing: admins, the author, the assignee. */
const char *tasks_read_sql(crm_req *r, const char *alias, size_t *n);
const char *tasks_write_sql(crm_req *r, const char *alias, size_t *n);
/* Run sql whose first n_access parameters are the user's id, then the others (strings). */
crm_rows *tasks_run(crm_req *r, const char *sql, size_t n_access, const char *const *params, size_t n);

/* A task's row (its columns, category name, assignee and author names) the user may read
 * (mode CRM_READ) or change (CRM_WRITE), or NULL with *rc set to what the handler returns:
 * the 404 page when absent or out of reach, negative on a database error. */
crm_rows *task_found(crm_req *r, int64_t id, int mode, int *rc);

/* Names of linked records for display: asks "<entity>.describe" once per entity type
 * with the ids of rows (columns entity and record_id), so a page costs one event per
 * type whatever its length; label i is "" when the record has no name to show. */
const char **tasks_labels(crm_req *r, const crm_rows *rows, const char *entity_col, const char *id_col);
/* The same for one record. */
const char *tasks_label(crm_req *r, const char *entity, int64_t id);
/* Add the linked record's attributes (entity, record_id, url, label, type) to node. */
void tasks_record_attrs(crm_req *r, xmlNodePtr node, const char *entity, const char *record_id,
			const char *label);

/* The choices of the reminder select: minutes before the due time; -1 is "never". */
extern const int tasks_remind_choices[];
extern const size_t tasks_n_remind_choices;
/* When the reminder of a task due at due goes, minutes before it (-1: never), as SQL
 * text; NULL when none is pending (never, or the task is already due). */
const char *task_remind_at(crm_pool *p, int64_t due, int minutes, int64_t now);

/* A history item on a task's linked record (none when it has no record). */
int task_history(crm_req *r, const char *entity, int64_t record_id, const char *key, const char *title,
		 int64_t task_id);

/* ===== pages ===== */
int tasks_list(crm_req *r);
int tasks_new(crm_req *r);
int tasks_create(crm_req *r);
int tasks_card(crm_req *r);
int tasks_edit(crm_req *r);
int tasks_save(crm_req *r);
int tasks_toggle(crm_req *r);
int tasks_delete_confirm(crm_req *r);
int tasks_delete(crm_req *r);
int tasks_bulk(crm_req *r);
int tasks_calendar(crm_req *r);
int tasks_settings(crm_req *r);
int tasks_settings_add(crm_req *r);
int tasks_settings_rename(crm_req *r);
int tasks_settings_move(crm_req *r);
int tasks_settings_delete_confirm(crm_req *r);
int tasks_settings_delete(crm_req *r);

/* The task form's fields under form, from what was posted or stored (form.c), used by
 * the single form and the bulk one. */
typedef struct task_form {
	const char *title, *category, *due, *due_date, *due_time, *remind, *assignee, *description;
	const char *entity, *record, *record_was, *record_keep; /* the linked record as typed */
	bool notify;
	int64_t record_id;     /* resolved */
	xmlNodePtr candidates; /* <option>s when the typed record matched several */
	xmlNodePtr errors;     /* <error field="..">key</error> */
	int n_errors;
	/* what the fields read as */
	int64_t due_at, category_id, assignee_id;
	int remind_minutes;
} task_form;
/* Read and check the posted fields (with_record: the linked record too). 0 or a
 * negative crm_err; problems are counted in f->n_errors. */
int task_form_read(crm_req *r, task_form *f, bool with_record);
/* The fields under form; with_record adds the linked record's inputs. */
int task_form_fields(crm_req *r, xmlNodePtr form, const task_form *f, bool with_record);
/* A new form's defaults: today at 18:00, one day's reminder, the user assigned. */
void task_form_defaults(crm_req *r, task_form *f);

/* ===== panels, subscriptions, job ===== */
int tasks_panel_contact(crm_req *r, int64_t id, xmlNodePtr node);
int tasks_panel_lead(crm_req *r, int64_t id, xmlNodePtr node);
int tasks_panel_deal(crm_req *r, int64_t id, xmlNodePtr node);
int tasks_panel_event(crm_req *r, int64_t id, xmlNodePtr node);
int tasks_on_next(crm_req *r, crm_event *ev);
int tasks_on_menu_counts(crm_req *r, crm_event *ev);
int tasks_on_contact_merged(crm_req *r, crm_event *ev);
int tasks_on_record_deleted(crm_req *r, crm_event *ev);
int tasks_remind(crm_req *r);

/* The "export all data" entry for tasks (export.c); tasks have no CSV import. */
extern const crm_importer tasks_exporter;

#endif
