/* Services every record type shares: tags, history, custom fields, entity links and
 * merging. Records are named by entity type ("contact") and id; the type's table
 * (crm_entity_type.table) gives record access. The XML these functions add renders
 * with xsl:apply-templates (themes/default/services/records.xsl): put it under a
 * <form> (or an element inside one) for the form's inputs, anywhere else for a card. */
#ifndef CRM_RECORDS_H
#define CRM_RECORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <libxml/tree.h>
#include "crm/db.h"
#include "crm/plugin.h"
#include "crm/request.h"

/* Every entity type the accepted plugins declare (enabled or not), in load order;
 * returns how many were written. */
size_t crm_entity_types(crm_req *r, const crm_entity_type **out, size_t max);

/* Tags (CON-6): one set of names shared by every entity type, compared without case. */
#define CRM_TAG_MAX_CHARS 100   /* characters in a tag's name */
#define CRM_TAGS_PER_RECORD 50
/* Check comma-separated names as typed: 0, or CRM_EINVAL with an i18n key in *err_key. */
int crm_tags_check(crm_req *r, const char *names, const char **err_key);
/* Replace a record's tags with the comma-separated names (new names are created);
 * CRM_EINVAL when crm_tags_check refuses them. No access check: the caller's. */
int crm_tags_set(crm_req *r, const char *entity, int64_t id, const char *names);
/* Whether name is one tag's name as crm_tags_add takes it: not empty, no comma, no
 * control character, at most CRM_TAG_MAX_CHARS characters (a list's bulk "add tag"). */
bool crm_tag_name_ok(const char *name);
/* Add the comma-separated tags (created if new) to those of the n records the user may
 * write, in a fixed number of statements; how many tags were newly put on a record
 * (with one tag: the records newly tagged), or a negative crm_err (CRM_EINVAL when
 * crm_tags_check refuses the names or entity is not enabled). */
int crm_tags_add(crm_req *r, const char *entity, const int64_t *ids, size_t n, const char *names);
/* The same for n records with tags of their own (an import's column): names[i], comma-
 * separated (NULL or "" for none), for record ids[i]; a fixed number of statements
 * whatever the names. How many tags were newly put on a record, or a negative crm_err
 * (CRM_EINVAL, nothing added, when crm_tags_check refuses one of names). */
int crm_tags_add_each(crm_req *r, const char *entity, const int64_t *ids, const char *const *names, size_t n);
/* <tags entity=".." record=".."><tag id="..">name</tag>...</tags> of one record under
 * parent. On a card, writers also get the tag editor (it posts to the core); in a form,
 * the "tags" input (as posted when the form comes back with errors). id 0: a new record. */
xmlNodePtr crm_tags_xml(crm_req *r, const char *entity, int64_t id, xmlNodePtr parent);
/* Every tag in use for entity as <all-tags><tag id="..">name</tag></all-tags> (filters). */
xmlNodePtr crm_tags_all_xml(crm_req *r, const char *entity, xmlNodePtr parent);
/* A select-list expression giving a record's tags as one "a, b" string, for list
 * queries (a correlated subquery: a list stays one statement). No placeholders. */
const char *crm_tags_column_sql(crm_req *r, const char *alias, const char *entity);
/* The tags of n records of entity in one statement: rows (record_id, "a, b"), one per
 * record that has tags, in no order; NULL on error. */
crm_rows *crm_tags_for_ids(crm_req *r, const char *entity, const int64_t *ids, size_t n);
/* A WHERE condition: the record of alias has the tag named by one "?" (type 's'). */
const char *crm_tags_filter_sql(crm_req *r, const char *alias, const char *entity);

/* History (CON-15): time-ordered events and notes; categories are admin-edited. */
#define CRM_NOTE_MAX_CHARS 10000
/* Add an item by the request's user (none in jobs); category is a category's code
 * ("created", "changed", "note", "call", "email", "meeting", "task"; an unknown one
 * files it as a note); text is shown as written, url (local, may be NULL) links the
 * item to its source. The new item's id, or a negative crm_err. */
int64_t crm_history_add(crm_req *r, const char *entity, int64_t id, const char *category,
			const char *text, const char *url);
/* The same item for n records at once (an import's batch), in one statement: texts[i]
 * (as crm_history_add's text) for record ids[i], by the request's user, without url.
 * 0, or a negative crm_err (CRM_EINVAL for a bad name, id or text: nothing is added). */
int crm_history_add_many(crm_req *r, const char *entity, const int64_t *ids, size_t n,
			 const char *category, const char *const *texts);
/* One column of a record as an edit leaves it: now (NULL as ""), compared with old. */
typedef struct crm_change {
	const char *col, *now;
} crm_change;
/* The labels (i18n key key_prefix followed by col) of the columns whose now differs from
 * their value in old's first row, comma-separated, "" when none: a "changed" item's text. */
const char *crm_changed_labels(crm_req *r, const crm_rows *old, const char *key_prefix, const crm_change *cols,
			       size_t n);
/* The newest items of a record (keyset-paged by ?history_before=) as <history> under
 * parent, with the note form when the user may write the record. */
xmlNodePtr crm_history_xml(crm_req *r, const char *entity, int64_t id, xmlNodePtr parent);

/* Custom fields (CON-4): text, number, date, list, checkbox, defined per entity type.
 * Values are stored in a canonical form: numbers "-1234.5", dates "YYYY-MM-DD",
 * checkboxes "1" or "0"; an empty value is no value. */
#define CRM_FIELDS_MAX 100         /* custom fields per entity type */
#define CRM_FIELD_VALUE_MAX_CHARS 500
/* The definitions and this record's values as <custom-fields> under parent. In a form,
 * inputs named cf_<field id> (values as posted when the form comes back, with their
 * errors; id 0: a new record); on a card, the values. */
xmlNodePtr crm_fields_xml(crm_req *r, const char *entity, int64_t id, xmlNodePtr parent);
/* Check the posted cf_<field id> values of a form that carried the custom fields (an
 * input named cf_form, which crm_fields_xml adds; without it nothing is checked); each
 * bad one adds <error field="cf_N">key</error> under errors. Returns the number of
 * errors, or a negative crm_err. */
int crm_fields_check(crm_req *r, const char *entity, xmlNodePtr errors);
/* Store the posted values for the record (after crm_fields_check passed); a form
 * without cf_form leaves the values as they are. */
int crm_fields_save(crm_req *r, const char *entity, int64_t id);
/* Store one value by field name (import); value is checked, CRM_EINVAL with *err_key
 * when bad or when field is not a custom field of entity. An empty value clears it. */
int crm_fields_set(crm_req *r, const char *entity, int64_t id, const char *field,
		   const char *value, const char **err_key);
/* The same for one field and n records (an import's column), in a fixed number of
 * statements: values[i] for record ids[i] (NULL: left as it is, "": cleared);
 * err_keys[i] is set for each refused value, the others are stored. With ids NULL,
 * only checks. 0 when every value passed, CRM_EINVAL when some did not or field is
 * unknown (then every err_keys[i] says so). */
int crm_fields_set_many(crm_req *r, const char *entity, const char *field,
			const int64_t *ids, const char *const *values, size_t n,
			const char **err_keys);
/* A WHERE condition for a list: the record of alias has custom field field_id equal to
 * one "?" (type 's', in the stored form); NULL when field_id is not a field of entity. */
const char *crm_fields_filter_sql(crm_req *r, const char *alias, const char *entity,
				  int64_t field_id);
/* typed in the stored form of custom field field_id, for crm_fields_filter_sql's "?"
 * (a date "31.12.2024" as "2024-12-31", "да" as "1"); trimmed but otherwise as typed
 * when it does not read as the field's type (then it matches nothing). */
const char *crm_fields_filter_value(crm_req *r, int64_t field_id, const char *typed);
/* A list's filter by custom field under form: a select "cf" of entity's fields (field_id
 * chosen) and a text input "cfv" with value; nothing when entity has no custom field.
 * Returns form, or NULL on a database error. */
xmlNodePtr crm_fields_filter_xml(crm_req *r, const char *entity, xmlNodePtr form, int64_t field_id,
				 const char *value);
/* A select-list expression giving the record's value of field_id (exports, list
 * columns): a correlated subquery, no placeholders. */
const char *crm_fields_column_sql(crm_req *r, const char *alias, int64_t field_id);

/* Links between records of any types (a lead and its contact, a task and its deal);
 * a link has no direction, and the caller checks access to both records. */
/* Link two records (again is harmless); CRM_EINVAL for bad names or a record to itself. */
int crm_link_add(crm_req *r, const char *entity, int64_t id, const char *to_entity, int64_t to_id);
/* Remove the link between two records, whichever side it was made from. */
int crm_link_remove(crm_req *r, const char *entity, int64_t id, const char *to_entity, int64_t to_id);
/* The records linked to one, as rows of (entity, id), oldest link first. */
crm_rows *crm_links(crm_req *r, const char *entity, int64_t id);

/* Move everything the core keeps about record from_id onto into_id (tags, history,
 * custom values the target lacks, links, files, managers and readers), in the
 * caller's transaction; audited. The caller then deletes from_id. */
int crm_records_merge(crm_req *r, const char *entity, int64_t from_id, int64_t into_id);
/* Drop everything the core keeps about a record (tags, history, custom values, links,
 * files, managers and readers): call it when deleting the record. */
int crm_records_forget(crm_req *r, const char *entity, int64_t id);

/* Resolve what a user typed into a record field (a name, an email, a phone, or
 * "#123") to one record of entity through the "<entity>.search" event: the id when
 * exactly one matched, 0 when typed is empty or nothing matched, CRM_ECONFLICT when
 * several did (then one <option value=id>label</option> per candidate is added
 * under field, to render as a select), negative on other errors. */
int64_t crm_pick(crm_req *r, const char *entity, const char *typed, xmlNodePtr field);

#endif
