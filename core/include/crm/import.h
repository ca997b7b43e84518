/* CSV import and export for any record type. The core runs the import wizard (upload,
 * encoding and delimiter detection, column mapping with a preview, the duplicates
 * policy, progress, a per-row report); a plugin's importer names its fields and
 * stores batches of rows. The CSV writer serves list exports and "export all". */
#ifndef CRM_IMPORT_H
#define CRM_IMPORT_H

#include <stddef.h>
#include <stdint.h>
#include "crm/request.h"

/* A CSV document being written in the request's pool (RFC 4180 quoting, UTF-8). */
typedef struct crm_csv crm_csv;
crm_csv *crm_csv_new(crm_req *r);
/* Append one row of n cells (NULL cells are empty). */
void crm_csv_row(crm_csv *csv, const char *const *cells, size_t n);
/* The bytes written so far. */
const char *crm_csv_data(const crm_csv *csv, size_t *len);
/* Answer with the document as a download named filename. */
int crm_csv_send(crm_req *r, const crm_csv *csv, const char *filename);

#define CRM_IMPORT_REQUIRED 0x1u /* a row without it is refused */

typedef struct crm_import_field {
	const char *name;  /* "email" */
	const char *title; /* i18n key */
	unsigned flags;
} crm_import_field;

/* What to do with a row that matches an existing record. */
enum crm_dup_policy { CRM_DUP_SKIP = 0, CRM_DUP_UPDATE = 1, CRM_DUP_CREATE = 2 };

typedef struct crm_import_row {
	size_t line;          /* in the file, for the report */
	const char **values;  /* one per importer field; NULL when unmapped or empty */
	const char **custom;  /* one per custom field in the batch */
	const char *error;    /* set by the importer to refuse the row: an i18n key */
	const char *error_field;
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
	const char *entity;     /* "contact" */
	const char *title;      /* i18n key */
	const char *permission; /* needed to import */
	const crm_import_field *fields;
	size_t n_fields;
	/* Check (dry_run) or store a batch inside the core's transaction; refused rows
	 * get row->error. A negative return aborts the whole import. */
	int (*apply)(crm_req *r, crm_import_batch *b, int dry_run);
	/* Every record of the type the user may read, header row first ("export all"). */
	int (*export_all)(crm_req *r, crm_csv *out);
} crm_importer;

#endif
