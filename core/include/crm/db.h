/* Database access: prepared statements only, on the request's tenant connection. */
#ifndef CRM_DB_H
#define CRM_DB_H

#include <stddef.h>
#include <stdint.h>
#include <libxml/tree.h>
#include "crm/request.h"

/* Rows of a result, every column as text (NULL for SQL NULL), kept in the request pool. */
typedef struct crm_rows {
	size_t n_rows, n_cols;
	const char **cols;   /* column names */
	const char **cells;  /* n_rows * n_cols */
	size_t *lens;        /* byte length of each cell */
} crm_rows;

/* Parameters are given by a type string, one letter each:
 *   i  int64_t         s  const char * (NULL binds SQL NULL)
 *   b  const void *, size_t (a blob)
 * Statements are prepared once per connection and cached by their text. */

/* Run a statement that returns no rows; affected row count, or a negative crm_err. */
int64_t crm_db_exec(crm_req *r, const char *sql, const char *types, ...);
/* Run a query; NULL on error (the request then answers 503 or 500). */
crm_rows *crm_db_query(crm_req *r, const char *sql, const char *types, ...);
/* The same with n parameters given as an array of strings (NULL binds SQL NULL), for
 * statements built with a variable number of placeholders: multi-row INSERTs, IN lists.
 * Keep the number of distinct texts small (fixed batch sizes): each is prepared once. */
int64_t crm_db_execv(crm_req *r, const char *sql, const char *const *params, size_t n);
crm_rows *crm_db_queryv(crm_req *r, const char *sql, const char *const *params, size_t n);
/* "head" then k copies of "tuple" joined by commas (a multi-row INSERT's text), in the pool. */
const char *crm_db_tuples(crm_pool *p, const char *head, const char *tuple, size_t k);
/* A whole set bound to one "?" and read with JSON_TABLE (one statement text for any
 * number of values): a JSON array of n ids, or of n strings (NULL as ""), in the pool. */
const char *crm_json_ids(crm_pool *p, const int64_t *ids, size_t n);
const char *crm_json_strings(crm_pool *p, const char *const *s, size_t n);
/* Cell (row, col) or NULL. */
const char *crm_rows_get(const crm_rows *rows, size_t row, size_t col);
/* Cell by column name, or NULL. */
const char *crm_rows_by(const crm_rows *rows, size_t row, const char *col);
/* The ids in column col of every row (0 where not an id), in the pool; never NULL. */
int64_t *crm_rows_ids(crm_pool *p, const crm_rows *rows, size_t col);
/* One <row_name> per row under parent, one child per column, named as the column. */
void crm_rows_xml(const crm_rows *rows, xmlNodePtr parent, const char *row_name);
/* Keyset paging, so a list costs the same on any page. A list asks crm_list_back() for
 * its direction: going back, ORDER BY its key in reverse display order with the key
 * before crm_list_cursor(); else in display order with the key after it ("" when there
 * is none); either way LIMIT page + 1. */
int crm_list_back(crm_req *r);
const char *crm_list_cursor(crm_req *r);
/* At most page rows, in display order, as <list_name><item_name>columns</item_name>...
 * under parent, and a <pager> with "base?before=first" and "base?after=last" (keys from
 * column key_col) where those pages exist. Returns the list node. */
xmlNodePtr crm_rows_list(crm_req *r, xmlNodePtr parent, const crm_rows *rows, size_t page,
			 const char *list_name, const char *item_name, size_t key_col, const char *base);
/* Id of the last inserted AUTO_INCREMENT row on this connection. */
int64_t crm_db_last_id(crm_req *r);
/* Transactions; an open one is rolled back when the request ends. */
int crm_db_begin(crm_req *r);
int crm_db_commit(crm_req *r);
int crm_db_rollback(crm_req *r);

#endif
