/* Reading XLSX workbooks for the import wizard (core-internal): the first worksheet as
 * the CSV text the wizard already reads, over libzip and libxml2's streaming reader. */
#ifndef CRM_XLSX_H
#define CRM_XLSX_H

#include <stdbool.h>
#include <stddef.h>
#include "crm/pool.h"

/* What one conversion may take, so that a small archive cannot unpack into gigabytes. */
typedef struct crm_xlsx_limits {
	size_t max_part;    /* uncompressed bytes of one part read (the sheet, its shared strings) */
	size_t max_out;     /* bytes of CSV text made */
	size_t max_columns; /* a value in a column further right refuses the file */
	size_t max_cell;    /* bytes of one value */
} crm_xlsx_limits;

/* The import wizard's: the CSV upload's own limits (imports.h). */
extern const crm_xlsx_limits crm_xlsx_import_limits;

/* Whether data is an XLSX workbook by its content: a zip archive holding xl/workbook.xml
 * (whatever the file's name), damaged or not. */
bool crm_xlsx_is(const char *data, size_t len);

/* The workbook's first worksheet as NUL-terminated UTF-8 CSV text in p (commas, RFC 4180
 * quotes, "\n" line ends), one record per row that holds a value. A sheet's row N starts
 * on line N of the text (blank lines stand for empty rows), so the wizard's line numbers
 * are the sheet's row numbers until a value that spans several lines. Values are as the
 * sheet shows them where it matters: shared and inline strings, numbers (at most 15
 * significant digits), TRUE/FALSE, dates in date formats as dd.mm.yyyy (with hh:mm when
 * the format has a time of day), times as hh:mm; a cell keeps its column by its
 * reference (r="C7") whatever cells are missing before it. lim NULL means
 * crm_xlsx_import_limits. NULL on failure, with *err_key (an i18n key) and *bad_line
 * (the row concerned, 0 when none). */
char *crm_xlsx_to_csv(crm_pool *p, const char *data, size_t len, const crm_xlsx_limits *lim,
		      size_t *out_len, const char **err_key, size_t *bad_line);

#endif
