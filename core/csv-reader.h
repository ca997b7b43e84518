/* Reading CSV for the import wizard (core-internal): encoding and delimiter detection,
 * conversion to UTF-8, and records with the line each starts on, over libcsv (whose
 * own header is <csv.h>, hence this name). */
#ifndef CRM_CSV_READER_H
#define CRM_CSV_READER_H

#include <stddef.h>
#include "crm/pool.h"

/* How the bytes of an uploaded file are encoded. */
enum crm_csv_enc {
	CRM_CSV_UTF8 = 0,
	CRM_CSV_UTF8_BOM = 1,
	CRM_CSV_CP1251 = 2,
	CRM_CSV_UTF16 = 3, /* with its BOM: Excel's "Unicode text" */
};

/* The encoding's name as stored and shown ("utf-8", "utf-8-bom", "windows-1251", "utf-16"). */
const char *crm_csv_enc_name(int enc);
/* The encoding of data: 0 with *enc, or -1 with *err_key (an i18n key) when the bytes
 * are not text, or neither UTF-8 nor plausibly Windows-1251. */
int crm_csv_detect_encoding(const char *data, size_t len, int *enc, const char **err_key);
/* data as NUL-terminated UTF-8 in p (a BOM dropped, other encodings through iconv);
 * NULL with *err_key when it cannot be converted or the result is not clean text. */
char *crm_csv_to_utf8(crm_pool *p, const char *data, size_t len, int enc, size_t *out_len,
		      const char **err_key);
/* ',', ';' or '\t': the one that splits the first records of text most consistently. */
char crm_csv_detect_delimiter(const char *text, size_t len);

/* One record: n fields (NUL-terminated, with their lengths) and the line of the file it
 * starts on (1-based). A non-zero return stops the reading. */
typedef int (*crm_csv_record_fn)(void *data, char **fields, const size_t *lens, size_t n,
				 size_t line);

enum crm_csv_read_rc {
	CRM_CSV_END = 0,        /* every record was read */
	CRM_CSV_STOPPED = 1,    /* the callback stopped it */
	CRM_CSV_BROKEN = -1,    /* a quote is broken: *bad_line says where */
	CRM_CSV_TOO_WIDE = -2,  /* a record has more than max_fields fields (*bad_line) */
};

/* Read text record by record (blank lines are skipped, fields trimmed of blanks). */
int crm_csv_read(const char *text, size_t len, char delim, size_t max_fields,
		 crm_csv_record_fn fn, void *data, size_t *bad_line);

#endif
