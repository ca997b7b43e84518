/* CSV import and export for any record type. The core runs the import wizard (upload,
 * encoding and delimiter detection, column mapping with a preview, the duplicates
 * policy, progress, a per-row report); a plugin's importer names its fields and
 * stores batches of rows. The CSV writer serves list exports and "export all". */
#ifndef CRM_IMPORT_H
#define CRM_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "crm/request.h"

/* A CSV document being written for the request (RFC 4180 quoting, CRLF, UTF-8 starting
 * with a BOM so that spreadsheets read it as UTF-8); freed with the request. */
typedef struct crm_csv crm_csv;
crm_csv *crm_csv_new(crm_req *r);
/* Append one row of n cells (NULL cells are empty). */
void crm_csv_row(crm_csv *csv, const char *const *cells, size_t n);
/* The bytes written so far. */
const char *crm_csv_data(const crm_csv *csv, size_t *len);
/* Answer with the document as a download named filename. */
int crm_csv_send(crm_req *r, const crm_csv *csv, const char *filename);

#define CRM_IMPORT_REQUIRED 0x1u /* the wizard refuses a mapping without it */

typedef struct crm_import_field {
	const char *name;  /* "email"; also the header "export all" writes */
	const char *title; /* i18n key */
	unsigned flags;
} crm_import_field;

/* What to do with a row that matches an existing record. */
enum crm_dup_policy { CRM_DUP_SKIP = 0, CRM_DUP_UPDATE = 1, CRM_DUP_CREATE = 2 };

typedef struct crm_import_row {
	size_t line;          /* in the file, for the report */
	const char **values;  /* one per importer field, trimmed; NULL when unmapped or empty */
	const char **custom;  /* one per custom field in the batch; NULL when empty */
	const char *error;    /* an i18n key saying why the row is refused; rows arriving
			       * with it set (refused by the core) are left alone */
	const char *error_field; /* the field's name, or NULL */
	int64_t id;           /* set by the importer: the record created or updated, which
			       * then gets the row's custom values */
} crm_import_row;

typedef struct crm_import_batch {
	int dup_policy;       /* enum crm_dup_policy */
	crm_import_row *rows;
	size_t n_rows;
	const char *const *custom_names; /* the custom fields mapped, by name */
	size_t n_custom;
	size_t created, updated, skipped; /* counted by the importer */
} crm_import_batch;

typedef struct crm_importer {
	const char *entity;     /* one of the plugin's entity types: "contact" */
	const char *title;      /* i18n key */
	const char *permission; /* needed to import */
	const crm_import_field *fields;
	size_t n_fields;
	/* Check (dry_run) or store a batch of up to a few hundred rows with a fixed number of
	 * statements, inside the core's transaction, as the importing user (record access
	 * applies); refused rows get row->error. dry_run checks without writing (an
	 * all-or-nothing import after its first refused row). A negative crm_err aborts
	 * the whole import. */
	int (*apply)(crm_req *r, crm_import_batch *b, int dry_run); /* NULL: export only */
	/* Every record of the type the user may read, header row first (the field names). */
	int (*export_all)(crm_req *r, crm_csv *out);
} crm_importer;

/* From an importer's apply (not in a dry run): n records of the batch were newly given
 * to user_id (made their manager). When the import ends with them stored, the user gets
 * one notification msg_key (an i18n key) with the import's total as its text and url (a
 * local link) to follow; the importing user is not notified of their own import. */
void crm_import_notify(crm_req *r, int64_t user_id, size_t n, const char *msg_key, const char *url);

/* ===== for an importer's apply: the steps every importer takes ===== */

/* Refuse row with key (an i18n key), naming field (NULL: the row as a whole). */
void crm_import_refuse(crm_import_row *row, const char *key, const crm_import_field *field);
/* s lower-cased (ASCII and Russian letters, ё as е) without blanks, so that names compare
 * as people type them: "Основная воронка", "основная  ВОРОНКА". In the pool. */
const char *crm_import_fold(crm_pool *p, const char *s);
/* The active users whose logins field f of the batch's rows gives (fields is the
 * importer's), one statement for the batch: ids[i] for row i, 0 when it gives none; a
 * login no active user has refuses its row with unknown_key. */
int crm_import_users(crm_req *r, crm_import_batch *b, const crm_import_field *fields, size_t f,
		     const char *unknown_key, int64_t *ids);

/* What becomes of a row of the batch, one per row. */
typedef struct crm_import_fate {
	int64_t dup_id;      /* set by rules.find: the existing record the row matches, or 0 */
	bool dup_write;      /* set by rules.find: the user may change that record */
	bool create, update; /* set by crm_import_decide; neither: skipped or refused */
} crm_import_fate;

/* How an importer's rows meet existing records, for crm_import_decide. items are the
 * importer's own, one per row of the batch. */
typedef struct crm_import_rules {
	/* Look up the records the batch's rows (those not refused) match, in a fixed number
	 * of statements: fate[i].dup_id and dup_write; a negative crm_err on failure. */
	int (*find)(crm_req *r, crm_import_batch *b, void *items, crm_import_fate *fate);
	/* Whether rows i and k (k < i) are one record. */
	bool (*same)(const void *items, size_t i, size_t k);
	/* NULL, or a last check of row i before it updates its match; false when it refused
	 * the row (a price read in the matched record's currency). */
	bool (*updating)(crm_req *r, void *items, size_t i, crm_import_row *row);
	const char *read_only; /* i18n key refusing a match the user may not change (dup_write) */
	/* NULL: the create policy creates a row's duplicate. Else the match is by a key no
	 * two records share (an SKU): the create policy refuses the row with this i18n key,
	 * naming taken_field, and a row repeating an earlier row is always skipped. */
	const char *taken;
	const crm_import_field *taken_field;
} crm_import_rules;

/* The batch's duplicates policy, row by row: create, update (a match the user may
 * change), skip (a match, or a repeat of an earlier row's record) or refuse; skipped
 * rows are counted. Without the taken rule the create policy looks nothing up and
 * creates every row. 0, or the negative crm_err of rules->find. */
int crm_import_decide(crm_req *r, crm_import_batch *b, crm_import_fate *fate, const crm_import_rules *rules,
		      void *items);

/* How a multi-row INSERT takes AUTO_INCREMENT ids: consecutive ones step apart, unless
 * they interleave (lock mode 2, Galera) and rows go in one by one (max_rows 1). */
typedef struct crm_import_autoinc {
	size_t max_rows;
	int64_t step;
} crm_import_autoinc;

/* Read the server's auto-increment settings: one statement. */
int crm_import_autoinc_read(crm_req *r, crm_import_autoinc *ai);
/* INSERT head with n tuples of cols parameters each, in statements of 100, 10 and 1
 * tuples (three texts to prepare at most). With ids (and ai), the new records' ids. */
int crm_import_insert(crm_req *r, const char *head, const char *tuple, size_t cols, const char *const *params,
		      size_t n, int64_t *ids, const crm_import_autoinc *ai);

/* After apply stored the batch: each stored row's id (new_ids, in order, for the rows
 * created; the match for those updated) and the counts, and their history, "created"
 * with names (one per new record, in order) and "changed" with the text of updated_key:
 * one statement each. */
int crm_import_stored(crm_req *r, crm_import_batch *b, const crm_import_fate *fate, const char *entity,
		      const int64_t *new_ids, const char *const *names, const char *updated_key);
/* The tags field f gives each stored row (row->id set): two statements, none without tags. */
int crm_import_tags(crm_req *r, const crm_import_batch *b, const char *entity, size_t f);

/* The JSON array of objects an UPDATE ... JOIN JSON_TABLE(?, '$[*]' ...) of a batch
 * reads, one object per record; built in the request's pool. */
typedef struct crm_import_json crm_import_json;
/* An empty array. */
crm_import_json *crm_import_json_new(crm_req *r);
/* Start the next object, with "id": id. */
void crm_import_json_next(crm_import_json *j, int64_t id);
/* Add key: s as a JSON string (NULL: null) to the object. */
void crm_import_json_str(crm_import_json *j, const char *key, const char *s);
/* Add key: v to the object. */
void crm_import_json_int(crm_import_json *j, const char *key, int64_t v);
/* The array; NULL when it holds no object. */
const char *crm_import_json_text(crm_import_json *j);

/* For export_all: write header (n names), then the records sql selects in keyset pages.
 * sql selects the record's id first, takes the last id written and the user (in that
 * order: "WHERE x.id > ? AND <access> ORDER BY x.id") and gets its LIMIT here; a row's
 * n cells start at column first (0: the id is one). fix, if any, changes the cells of
 * each row before it is written (names as people read them, money as decimals). */
int crm_export_rows(crm_req *r, crm_csv *out, const char *const *header, size_t n, const char *sql, size_t first,
		    void (*fix)(crm_req *r, const char **cells));

/* The same keyset pages of sql for an export_all that writes a page of rows at once
 * (the linked records of a page named in one call): write gets each page. */
int crm_export_pages(crm_req *r, crm_csv *out, const char *sql,
		     int (*write)(crm_req *r, const crm_rows *rows, crm_csv *out));

/* Answer with a zip holding one CSV per importer of the enabled plugins ("export all"),
 * each with only the records the user may read. */
int crm_export_all(crm_req *r);

#endif
