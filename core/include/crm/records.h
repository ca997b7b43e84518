/* Services every record type shares: tags, history, custom fields, entity links and
 * merging. Records are named by entity type ("contact") and id; the type's table
 * (crm_entity_type.table) gives record access. */
#ifndef CRM_RECORDS_H
#define CRM_RECORDS_H

#include <stddef.h>
#include <stdint.h>
#include <libxml/tree.h>
#include "crm/request.h"

/* Tags (CON-6). */
/* Replace a record's tags with the comma-separated names (new names are created). */
int crm_tags_set(crm_req *r, const char *entity, int64_t id, const char *names);
/* Add one tag (created if new) to n records; one statement per call, not per record. */
int crm_tags_add(crm_req *r, const char *entity, const int64_t *ids, size_t n, const char *name);
/* <tags><tag id="..">name</tag>...</tags> of one record under parent. */
xmlNodePtr crm_tags_xml(crm_req *r, const char *entity, int64_t id, xmlNodePtr parent);
/* Every tag in use for entity as <all-tags><tag>..</tag></all-tags> (pickers, filters). */
xmlNodePtr crm_tags_all_xml(crm_req *r, const char *entity, xmlNodePtr parent);
/* A select-list expression giving a record's tags as one "a, b" string, for list
 * queries (a correlated subquery: a list stays one statement). No placeholders. */
const char *crm_tags_column_sql(crm_req *r, const char *alias, const char *entity);
/* A WHERE condition: the record of alias has the tag named by one "?" (type 's'). */
const char *crm_tags_filter_sql(crm_req *r, const char *alias, const char *entity);

/* History (CON-15): time-ordered events and notes; categories are admin-edited. */
/* Add an item; category is a category's key ("created", "changed", "note", "call",
 * "email", ...); text is shown as written, url may link the item to its source. */
int64_t crm_history_add(crm_req *r, const char *entity, int64_t id, const char *category,
			const char *text, const char *url);
/* The newest items of a record (keyset-paged by ?history_before=) as <history> under
 * parent, with the note form when the user may write the record. */
xmlNodePtr crm_history_xml(crm_req *r, const char *entity, int64_t id, xmlNodePtr parent);

/* Custom fields (CON-4): text, number, date, list, checkbox, defined per entity type. */
/* The definitions and this record's values (id 0: a new record, values from the posted
 * form when there is one) as <custom-fields> under parent, for forms and cards. */
xmlNodePtr crm_fields_xml(crm_req *r, const char *entity, int64_t id, xmlNodePtr parent);
/* Check the posted cf_<field id> values; each bad one adds <error field="cf_N">key</error>
 * under errors. Returns the number of errors. */
int crm_fields_check(crm_req *r, const char *entity, xmlNodePtr errors);
/* Store the posted values for the record (after crm_fields_check passed). */
int crm_fields_save(crm_req *r, const char *entity, int64_t id);
/* Store one value by field name (import); value is checked, CRM_EINVAL when bad. */
int crm_fields_set(crm_req *r, const char *entity, int64_t id, const char *field,
		   const char *value, const char **err_key);
/* A WHERE condition for a list: the record of alias has custom field field_id equal to
 * one "?" (type 's'); NULL when field_id is not a field of entity. */
const char *crm_fields_filter_sql(crm_req *r, const char *alias, const char *entity,
				  int64_t field_id);

/* Links between records of any types (a lead and its contact, a task and its deal). */
int crm_link_add(crm_req *r, const char *entity, int64_t id, const char *to_entity, int64_t to_id);
int crm_link_remove(crm_req *r, const char *entity, int64_t id, const char *to_entity, int64_t to_id);

/* Move everything the core keeps about record from_id onto into_id (tags, history,
 * custom values the target lacks, links, files, managers), in the caller's
 * transaction; the caller then deletes from_id. */
int crm_records_merge(crm_req *r, const char *entity, int64_t from_id, int64_t into_id);

#endif
