/* Acting on records from their list or card: the bulk actions on the ticked rows, and
 * deleting one record after a question. */
#ifndef CRM_BULK_H
#define CRM_BULK_H

#include <stddef.h>
#include <stdint.h>
#include <libxml/tree.h>
#include "crm/db.h"
#include "crm/request.h"

/* The ticked records load gives (id, then name, first) for a mode: the ones the user may use. */
typedef crm_rows *crm_bulk_load(crm_req *r, const int64_t *ids, size_t n, int mode);
/* Delete one record as crm_record_delete does, or CRM_EVETO with the reason in *veto
 * when a subscriber keeps it. */
typedef int crm_bulk_remove(crm_req *r, int64_t id, const char *name, const char **veto);

/* A list the bulk steps act on, one const per plugin. Their messages are keys under prefix:
 * bulk_none, bulk_unknown, bulk_none_writable, bulk_tag_invalid, bulk_tagged, owner_invalid,
 * col.owner_id, made_manager_bulk, bulk_manager_changed, bulk_delete, bulk_delete_title,
 * bulk_delete_submit, bulk_deleted, bulk_result. */
typedef struct crm_bulk_list {
	const char *entity;      /* entity type of the rows: "deal" (its table, access, tags, history) */
	const char *list;        /* the list's path: "/deals" (the way back, the forms, the links) */
	const char *prefix;      /* of the message keys and page views: "deals" */
	size_t max;              /* rows one action may take */
	crm_bulk_load *load;     /* the ticked rows */
	crm_bulk_remove *remove; /* one record of a bulk deletion; NULL: crm_record_delete */
} crm_bulk_list;

/* One action of a list's bulk form: the posted "action" value, the permission it needs
 * and its step on the ticked ids. */
typedef struct crm_bulk_action {
	const char *name;
	const char *perm;
	int (*run)(crm_req *r, const crm_bulk_list *l, const int64_t *ids, size_t n);
} crm_bulk_action;

/* Run the action posted on the ticked "id"s (at most l->max); actions end with a NULL name
 * whose perm unknown actions need. None ticked: flash prefix.bulk_none and back to the
 * list; no permission: 403; unknown action: 400 prefix.bulk_unknown. */
int crm_bulk_dispatch(crm_req *r, const crm_bulk_list *l, const crm_bulk_action *actions);
/* Where a bulk step goes back to: the list with the filters its form posted. */
const char *crm_bulk_back(crm_req *r, const crm_bulk_list *l);
/* Flash key (of kind "ok" or "error") and go back to the list. */
int crm_bulk_done(crm_req *r, const crm_bulk_list *l, const char *kind, const char *key);
/* The ticked records the user may write, or NULL with *rc to return: a database error,
 * or none of them (the step has gone back with prefix.bulk_none_writable). */
crm_rows *crm_bulk_writable(crm_req *r, const crm_bulk_list *l, const int64_t *ids, size_t n, int *rc);
/* The bulk "add tag": the posted "tag" checked first, then added to the ticked records
 * the user may write. */
int crm_bulk_tag(crm_req *r, const crm_bulk_list *l, const int64_t *ids, size_t n);
/* The bulk "change the manager": the posted "manager" (an active user) becomes the owner
 * of the ticked records the user may write, with a history item on each; the new owner
 * is told unless it is the user. */
int crm_bulk_owner(crm_req *r, const crm_bulk_list *l, const int64_t *ids, size_t n);
/* The bulk "delete" action: the page listing the ticked records the user may write, with
 * a form posting them to list/bulk/delete. */
int crm_bulk_delete_confirm(crm_req *r, const crm_bulk_list *l, const int64_t *ids, size_t n);
/* The handler of list/bulk/delete: each posted record the user may write goes through
 * l->remove (or crm_record_delete). The ones a subscriber keeps are listed on a 409 page
 * (view prefix.bulk_result), else back to the list. */
int crm_bulk_delete(crm_req *r, const crm_bulk_list *l);
/* A bulk deletion's confirmation under parent: a form posting to action one hidden "id"
 * per row (column 0) with a <doomed> list of <item id="..">name</item> (column 1), the
 * hidden "back", a danger submit labelled submit and a cancel link to back. */
xmlNodePtr crm_bulk_confirm(xmlNodePtr parent, const char *action, const crm_rows *rows, const char *item,
			    const char *submit, const char *back);

/* The question before deleting record id, under page: a <confirm> with name, the key
 * question, the form's action base/id/delete and a cancel link to base/id. */
xmlNodePtr crm_delete_question(crm_req *r, xmlNodePtr page, const char *base, int64_t id, const char *name,
			       const char *question);
/* Delete record id of entity in a transaction of its own: its row, what the core keeps
 * about it (crm_records_forget) and an audit line "<entity>.delete" with the old value
 * name of field; then "<entity>.deleted" (with "name") tells the plugins pointing at it.
 * 0 or a negative crm_err. */
int crm_record_delete(crm_req *r, const char *entity, int64_t id, const char *field, const char *name);
/* A record deleted from its card at base/ID/delete through crm_record_delete, one const
 * per plugin. Its messages are keys under prefix: delete (the page's view), delete_title,
 * confirm_delete, deleted. */
typedef struct crm_delete_kind {
	const char *entity; /* "deal" */
	const char *base;   /* the list's path, "/deals"; the card is base/ID */
	const char *prefix; /* "deals" */
	const char *name;   /* the column of found's row that names the record: "name" */
	/* The record in a mode, or NULL with *rc to return (after answering 404 when absent). */
	crm_rows *(*found)(crm_req *r, int64_t id, int mode, int *rc);
} crm_delete_kind;
/* GET base/ID/delete: the question page for a record the user may write. */
int crm_delete_confirm(crm_req *r, const crm_delete_kind *k);
/* POST base/ID/delete: the record the user may write goes, then back to the list. */
int crm_delete(crm_req *r, const crm_delete_kind *k);

#endif
