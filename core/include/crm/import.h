/* CSV import and export for any record type. The core runs the import wizard (upload,
 * encoding and delimiter detection, column mapping with a preview, the duplicates
 * policy, progress, a per-row report); a plugin's importer names its fields and
 * stores batches of rows. The CSV writer serves list exports and "export all". */
#ifndef CRM_IMPORT_H
#define CRM_IMPORT_H

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

/* Answer with a zip holding one CSV per importer of the enabled plugins ("export all"),
 * each with only the records the user may read. */
int crm_export_all(crm_req *r);

#endif
