/* Admin-edited ordered lists of names that records point to (contact types, lead
 * sources, task categories): one page per list to add, rename, move, and delete. */
#ifndef CRM_CHOICES_H
#define CRM_CHOICES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "crm/db.h"
#include "crm/request.h"
#include "crm/xml.h"

/* One list: a table (id, name, position) whose ids the column of a record table holds,
 * with a foreign key that sets it to NULL when an entry is deleted. */
typedef struct crm_choices {
	const char *slug;    /* the {list} argument of its routes; also the audit entity */
	const char *url;     /* its page, "/contacts/settings/types"; entries are url/{id}/... */
	const char *table;   /* its table (an SQL name) */
	const char *title;   /* i18n key of the page's title */
	const char *records; /* the table of the records that use it (an SQL name) */
	const char *column;  /* their column holding an entry's id (an SQL name) */
	const char *used;    /* i18n key of the heading of the count of those records */
	const char *add;     /* i18n key of the label of the new entry's field */
	const char *empty;   /* i18n key said when the list is empty */
	const char *confirm; /* i18n key of the question before a deletion */
} crm_choices;

/* A plugin's lists and how their pages look. */
typedef struct crm_choices_set {
	const crm_choices *lists;
	size_t n_lists;
	const char *view;        /* view of the list pages (the plugin's XSL applies <choices>) */
	const char *delete_view; /* view of the confirmation page (its XSL applies <confirm>) */
	const char *prefix;      /* names starting "prefix." are i18n keys, shown translated */
	const char *audit;       /* audit actions are "<audit>_add", "_rename", "_delete" */
	/* Adds what the plugin shows above the list (tabs, a hint); may be NULL. */
	void (*decorate)(crm_req *r, xmlNodePtr content, const crm_choices *list);
} crm_choices_set;

/* In an open transaction: numbers rows (ids in their order) afresh from first in
 * table.position (an SQL name), with id swapped with its neighbour above (up) or below. */
int crm_position_swap(crm_req *r, const char *table, const crm_rows *rows, int64_t id, bool up, int64_t first);

/* GET: the page of the list named by the {list} argument (the only one without it). */
int crm_choices_page(crm_req *r, const crm_choices_set *set);
/* POST "name": adds an entry at the end, or the page again with the name's error. */
int crm_choices_add(crm_req *r, const crm_choices_set *set);
/* POST "name" for entry {id}: renames it, or the page again with the error on its row. */
int crm_choices_rename(crm_req *r, const crm_choices_set *set);
/* POST "dir" (up|down) for entry {id}: swaps it with its neighbour. */
int crm_choices_move(crm_req *r, const crm_choices_set *set);
/* GET: asks before entry {id} is deleted. */
int crm_choices_delete_confirm(crm_req *r, const crm_choices_set *set);
/* POST: deletes entry {id}; records that had it keep no value. */
int crm_choices_delete(crm_req *r, const crm_choices_set *set);

#endif
