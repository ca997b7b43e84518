/* The import wizard's pages: choose a record type, upload (a CSV file, its content,
 * encoding and delimiter checked, or an XLSX workbook's first sheet), map columns with
 * a preview, choose the duplicates policy and the mode, then the progress and the
 * per-row report. The run is the jobs process's
 * (import-run.c); everything lives in crm_import, so any crmd host shows it. */
#include <stdlib.h>
#include <string.h>
#include "core.h"
#include "csv-reader.h"
#include "form.h"
#include "handlers.h"
#include "imports.h"
#include "xlsx.h"

#define PREVIEW_ROWS 5
#define REPORT_PAGE 50
#define RECENT 20

const crm_importer *crm_importer_find(crm_req *r, const char *entity)
{
	if (!entity)
		return NULL;
	for (size_t i = 0; i < crm_rt.n_plugins; i++) {
		const crm_loaded *l = &crm_rt.plugins[i];
		if (l->refused || !l->desc)
			continue;
		for (size_t j = 0; j < l->desc->n_importers; j++)
			if (l->desc->importers[j].apply && !strcmp(l->desc->importers[j].entity, entity))
				return crm_plugin_enabled(r, (int)i) ? &l->desc->importers[j] : NULL;
	}
	return NULL;
}

const char **crm_import_custom_fields(crm_req *r, const char *entity, size_t *n)
{
	*n = 0;
	crm_rows *rows = crm_db_query(r, "SELECT name FROM crm_custom_field WHERE entity = ? ORDER BY position, id",
				      "s", entity);
	if (!rows)
		return NULL;
	const char **out = crm_palloc(r->pool, (rows->n_rows + 1) * sizeof *out);
	for (size_t i = 0; i < rows->n_rows; i++) {
		const char *name = crm_rows_get(rows, i, 0);
		/* The mapping is stored a column per line: a name must stay on one. */
		if (name && !strpbrk(name, "\r\n"))
			out[(*n)++] = name;
	}
	return out;
}

/* ===== small helpers ===== */

/* A header as crm_import_fold has it, with only its letters and digits left, so that
 * "E-mail" matches "email" and "Телефон" matches "телефон". */
static char *fold(crm_pool *p, const char *s)
{
	const char *f = crm_import_fold(p, s);
	char *out = crm_palloc(p, strlen(f) + 1), *o = out;
	for (const unsigned char *u = (const unsigned char *)f; *u; u++)
		if (*u >= 0x80 || (*u >= 'a' && *u <= 'z') || (*u >= '0' && *u <= '9'))
			*o++ = (char)*u;
	*o = 0;
	return out;
}

/* The field a column header names: an importer field by name or title (either
 * language), or a custom field by name, as stored in the mapping; "" when none. */
static const char *guess(crm_req *r, const crm_importer *imp, const char **custom, size_t n_custom,
			 const char *header)
{
	crm_pool *p = r->pool;
	const char *h = fold(p, header);
	if (!*h)
		return "";
	for (size_t i = 0; i < imp->n_fields; i++) {
		const crm_import_field *f = &imp->fields[i];
		if (!strcmp(h, fold(p, f->name)) || !strcmp(h, fold(p, crm_i18n_get("en", f->title))) ||
		    !strcmp(h, fold(p, crm_i18n_get("ru", f->title))))
			return f->name;
	}
	for (size_t i = 0; i < n_custom; i++)
		if (!strcmp(h, fold(p, custom[i])))
			return crm_psprintf(p, "cf:%s", custom[i]);
	return "";
}

static bool is_target(const crm_importer *imp, const char **custom, size_t n_custom, const char *v)
{
	for (size_t i = 0; i < imp->n_fields; i++)
		if (!strcmp(v, imp->fields[i].name))
			return true;
	for (size_t i = 0; v && !strncmp(v, "cf:", 3) && i < n_custom; i++)
		if (!strcmp(v + 3, custom[i]))
			return true;
	return false;
}

/* A file name safe to keep and show: valid UTF-8, one line, at most 200 bytes cut on a
 * character boundary. */
static const char *clean_name(crm_pool *p, const char *name)
{
	if (!name || !*name || !crm_utf8_valid(name, strlen(name)))
		return "import.csv";
	const char *base = strrchr(name, '/');
	base = base ? base + 1 : name;
	const char *bs = strrchr(base, '\\');
	base = bs ? bs + 1 : base;
	size_t n = strlen(base);
	if (n > 200)
		for (n = 200; n && ((unsigned char)base[n] & 0xC0) == 0x80; n--)
			;
	char *out = crm_pstrndup(p, base, n);
	for (char *c = out; *c; c++)
		if ((unsigned char)*c < 0x20)
			*c = ' ';
	return *out ? out : "import.csv";
}

/* Refuse what libmagic knows is not text (workbooks, archives, images, programs);
 * text it is unsure of goes on to the encoding checks. NULL when it may be text. */
static const char *not_text(crm_req *r, const char *data, size_t len)
{
	const char *t = crm_sniff_type(r, data, len);
	if (!strncmp(t, "text/", 5) || !strcmp(t, "application/csv") || !strcmp(t, "application/octet-stream") ||
	    !strncmp(t, "message/", 8) || !strcmp(t, "inode/x-empty"))
		return NULL;
	return !strcmp(t, "application/zip") || !strncmp(t, "application/vnd.", 16) ||
			       !strcmp(t, "application/msword") || !strcmp(t, "application/CDFV2")
		       ? "import.spreadsheet" : "import.not_text";
}

static const char *delim_name(char d)
{
	return d == ';' ? "semicolon" : d == '\t' ? "tab" : "comma";
}

/* The delimiter as stored (CHAR(1)); a comma should it come back empty. */
static char stored_delim(const char *s)
{
	return s && *s ? *s : ',';
}

static char delim_char(const char *name)
{
	return !strcmp(name, "semicolon") ? ';' : !strcmp(name, "tab") ? '\t' : ',';
}

/* A translated message with the line it concerns, for a field's error (the widget
 * shows text that is not a key as it is). */
static const char *at_line(crm_req *r, const char *key, size_t line)
{
	return crm_psprintf(r->pool, "%s (%s %zu)", crm_t(r, key), crm_t(r, "import.line"), line);
}

/* The import of the signed-in user, without its data; NULL with *rc 0 when absent. */
static crm_rows *load(crm_req *r, int64_t id, int *rc)
{
	*rc = 0;
	crm_rows *rows = crm_db_query(r,
		"SELECT id, entity, filename, encoding, delimiter, n_columns, mapping, dup_policy, mode, state, "
		"total, done, created, updated, skipped, refused, committed, message, created_at, started_at, "
		"finished_at FROM crm_import WHERE id = ? AND user_id = ?",
		"ii", id, r->user);
	if (!rows) {
		*rc = CRM_EDB;
		return NULL;
	}
	return rows->n_rows ? rows : NULL;
}

static const char *col(crm_rows *im, const char *name)
{
	const char *v = crm_rows_by(im, 0, name);
	return v ? v : "";
}

/* The list of an entity type's records: its records' url without the "/%lld" that ends
 * it ("/contacts/%lld" -> "/contacts"), or NULL when the url is not of that shape. */
static const char *list_url(crm_req *r, const char *entity)
{
	const crm_entity_type *t = crm_entity_find(r, entity);
	size_t n = t && t->url ? strlen(t->url) : 0;
	if (n < 6 || t->url[0] != '/' || strcmp(t->url + n - 5, "/%lld") || memchr(t->url, '%', n - 4))
		return NULL;
	return crm_pstrndup(r->pool, t->url, n - 5);
}

/* <import> with the import's columns as attributes, its importer's title and the list
 * its records go to. */
static xmlNodePtr import_node(crm_req *r, xmlNodePtr parent, crm_rows *im, const crm_importer *imp)
{
	xmlNodePtr n = crm_xml_add(parent, "import", NULL);
	for (size_t c = 0; c < im->n_cols; c++)
		if (strcmp(im->cols[c], "mapping"))
			crm_xml_attr(n, im->cols[c], crm_rows_get(im, 0, c));
	crm_xml_attr(n, "delimiter", delim_name(stored_delim(col(im, "delimiter"))));
	if (imp) {
		crm_xml_attr(n, "title", imp->title);
		crm_xml_attr(n, "list", list_url(r, imp->entity));
	}
	return n;
}

/* What a column may go to: <target name="" title=""/> per importer and custom field. */
static void targets_xml(crm_req *r, xmlNodePtr parent, const crm_importer *imp, const char **custom,
			size_t n_custom)
{
	xmlNodePtr t = crm_xml_add(parent, "targets", NULL);
	for (size_t i = 0; i < imp->n_fields; i++) {
		xmlNodePtr x = crm_xml_add(t, "target", NULL);
		crm_xml_attr(x, "name", imp->fields[i].name);
		crm_xml_attr(x, "title", imp->fields[i].title);
		if (imp->fields[i].flags & CRM_IMPORT_REQUIRED)
			crm_xml_attr(x, "required", "1");
	}
	for (size_t i = 0; i < n_custom; i++) {
		xmlNodePtr x = crm_xml_add(t, "target", NULL);
		crm_xml_attr(x, "name", crm_psprintf(r->pool, "cf:%s", custom[i]));
		crm_xml_attr(x, "label", custom[i]);
	}
}

/* ===== the index: record types and recent imports ===== */

int crm_h_import_index(crm_req *r)
{
	crm_rows *rows = crm_db_query(r,
		"SELECT id, entity, filename, state, total, done, created, updated, skipped, refused, committed, "
		"created_at FROM crm_import WHERE user_id = ? ORDER BY id DESC LIMIT ?",
		"ii", r->user, (int64_t)RECENT);
	if (!rows)
		return CRM_EDB;
	xmlNodePtr c = crm_page(r, "import.index", "import.title");
	xmlNodePtr list = crm_xml_add(c, "importers", NULL);
	for (size_t i = 0; i < crm_rt.n_plugins; i++) {
		const crm_loaded *l = &crm_rt.plugins[i];
		if (l->refused || !l->desc || !l->desc->n_importers || !crm_plugin_enabled(r, (int)i))
			continue;
		for (size_t j = 0; j < l->desc->n_importers; j++) {
			const crm_importer *imp = &l->desc->importers[j];
			if (!imp->apply || !crm_req_can(r, imp->permission))
				continue;
			xmlNodePtr x = crm_xml_add(list, "importer", NULL);
			crm_xml_attr(x, "entity", imp->entity);
			crm_xml_attr(x, "title", imp->title);
		}
	}
	crm_rows_xml(rows, crm_xml_add(c, "imports", NULL), "import");
	return 0;
}

/* ===== upload ===== */

static int upload_page(crm_req *r, const crm_importer *imp, const char *encoding, const char *delimiter,
		       const char *error)
{
	crm_pool *p = r->pool;
	xmlNodePtr c = crm_page(r, "import.upload", "import.title");
	xmlNodePtr head = crm_xml_add(c, "import-upload", NULL);
	crm_xml_attr(head, "entity", imp->entity);
	crm_xml_attr(head, "title", imp->title);
	crm_xml_attr_int(head, "max_mb", CRM_IMPORT_MAX_BYTES >> 20);
	xmlNodePtr f = crm_form(c, crm_psprintf(p, "/import/%s", imp->entity));
	crm_xml_attr(f, "class", "import-upload");
	xmlNodePtr x = crm_form_field(f, "file", "import.file", "file", NULL);
	crm_xml_attr(x, "required", "1");
	crm_xml_attr(x, "accept", ".csv,.txt,.tsv,.xlsx,text/csv,text/plain,"
			 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
	crm_xml_attr(x, "hint", "import.file_hint");
	crm_xml_attr(x, "error", error);
	x = crm_form_field(f, "encoding", "import.encoding", "select", encoding);
	static const char *const encs[] = {"auto", "utf-8", "windows-1251"};
	for (size_t i = 0; i < CRM_LEN(encs); i++)
		crm_xml_attr(crm_xml_add(x, "option", crm_psprintf(p, "import.enc_%s", encs[i])), "value", encs[i]);
	x = crm_form_field(f, "delimiter", "import.delimiter", "select", delimiter);
	static const char *const delims[] = {"auto", "comma", "semicolon", "tab"};
	for (size_t i = 0; i < CRM_LEN(delims); i++)
		crm_xml_attr(crm_xml_add(x, "option", crm_psprintf(p, "import.delim_%s", delims[i])), "value", delims[i]);
	crm_form_submit(f, "import.upload");
	crm_xml_attr(crm_xml_add(f, "cancel", NULL), "href", "/import");
	size_t n_custom = 0;
	const char **custom = crm_import_custom_fields(r, imp->entity, &n_custom);
	if (r->db_failed)
		return CRM_EDB;
	targets_xml(r, c, imp, custom, n_custom);
	if (error) {
		crm_status(r, 422);
		crm_xml_attr(f, "error", "core.form_errors");
	}
	return 0;
}

/* The importer named by the route, if the user may use it: else an error page. */
static const crm_importer *importer_of(crm_req *r, const char *entity, int *rc)
{
	const crm_importer *imp = crm_importer_find(r, entity);
	*rc = 0;
	if (!imp)
		*rc = crm_error(r, 404, "core.not_found");
	else if (!crm_req_can(r, imp->permission)) {
		*rc = crm_error(r, 403, "core.forbidden");
		imp = NULL;
	}
	return imp;
}

int crm_h_import_new(crm_req *r)
{
	int rc;
	const crm_importer *imp = importer_of(r, crm_req_arg(r, "entity"), &rc);
	return imp ? upload_page(r, imp, "auto", "auto", NULL) : rc;
}

/* The first records of a file (header and preview), copied into the pool. */
typedef struct head_row {
	char **cells;
	size_t n, line;
} head_row;

typedef struct head_rows {
	crm_pool *p;
	head_row rows[PREVIEW_ROWS + 1];
	size_t n, want;
} head_rows;

static int head_record(void *data, char **fields, const size_t *lens, size_t n, size_t line)
{
	head_rows *h = data;
	head_row *row = &h->rows[h->n++];
	row->cells = crm_palloc(h->p, n * sizeof *row->cells);
	for (size_t i = 0; i < n; i++)
		row->cells[i] = crm_pstrndup(h->p, fields[i], lens[i]);
	row->n = n;
	row->line = line;
	return h->n == h->want;
}

typedef struct scan {
	size_t records, columns, too_long_line;
} scan;

static int scan_record(void *data, char **fields, const size_t *lens, size_t n, size_t line)
{
	(void)fields;
	scan *s = data;
	if (!s->records++)
		s->columns = n;
	for (size_t i = 0; i < n; i++)
		if (lens[i] > CRM_IMPORT_MAX_CELL) {
			s->too_long_line = line;
			return 1;
		}
	return 0;
}

int crm_h_import_upload(crm_req *r)
{
	int rc;
	const crm_importer *imp = importer_of(r, crm_req_arg(r, "entity"), &rc);
	if (!imp)
		return rc;
	const char *enc_choice = crm_req_form(r, "encoding"), *delim_choice = crm_req_form(r, "delimiter");
	static const char *const encs[] = {"auto", "utf-8", "windows-1251", NULL};
	static const char *const delims[] = {"auto", "comma", "semicolon", "tab", NULL};
	bool known_enc = false, known_delim = false;
	for (size_t i = 0; encs[i]; i++)
		known_enc |= enc_choice && !strcmp(enc_choice, encs[i]);
	for (size_t i = 0; delims[i]; i++)
		known_delim |= delim_choice && !strcmp(delim_choice, delims[i]);
	enc_choice = known_enc ? enc_choice : "auto";
	delim_choice = known_delim ? delim_choice : "auto";

	const crm_field *f = crm_req_file(r, "file");
	if (!f || !f->len)
		return upload_page(r, imp, enc_choice, delim_choice, "import.file_required");
	if (f->len > CRM_IMPORT_MAX_BYTES)
		return upload_page(r, imp, enc_choice, delim_choice, "import.too_large");
	const char *err = NULL, *text, *enc_name;
	size_t len, bad = 0;
	char delim;
	if (crm_xlsx_is(f->value, f->len)) {
		/* A workbook's first sheet becomes the CSV text every later step reads. */
		text = crm_xlsx_to_csv(r->pool, f->value, f->len, NULL, &len, &err, &bad);
		if (!text)
			return upload_page(r, imp, enc_choice, delim_choice, bad ? at_line(r, err, bad) : err);
		enc_name = "xlsx";
		delim = ',';
	} else {
		if ((err = not_text(r, f->value, f->len)))
			return upload_page(r, imp, enc_choice, delim_choice, err);
		int enc;
		if (!strcmp(enc_choice, "windows-1251"))
			enc = CRM_CSV_CP1251;
		else if (crm_csv_detect_encoding(f->value, f->len, &enc, &err) < 0)
			return upload_page(r, imp, enc_choice, delim_choice, err);
		else if (!strcmp(enc_choice, "utf-8") && enc == CRM_CSV_CP1251)
			return upload_page(r, imp, enc_choice, delim_choice, "import.bad_encoding");
		text = crm_csv_to_utf8(r->pool, f->value, f->len, enc, &len, &err);
		if (!text)
			return upload_page(r, imp, enc_choice, delim_choice, err);
		enc_name = crm_csv_enc_name(enc);
		delim = strcmp(delim_choice, "auto") ? delim_char(delim_choice) : crm_csv_detect_delimiter(text, len);
	}

	scan s = {0};
	rc = crm_csv_read(text, len, delim, CRM_IMPORT_MAX_COLUMNS, scan_record, &s, &bad);
	if (rc == CRM_CSV_BROKEN)
		return upload_page(r, imp, enc_choice, delim_choice, at_line(r, "import.broken_quote", bad));
	if (rc == CRM_CSV_TOO_WIDE)
		return upload_page(r, imp, enc_choice, delim_choice, at_line(r, "import.too_many_columns", bad));
	if (s.too_long_line)
		return upload_page(r, imp, enc_choice, delim_choice, at_line(r, "import.cell_too_long", s.too_long_line));
	if (s.records < 2)
		return upload_page(r, imp, enc_choice, delim_choice, s.records ? "import.no_rows" : "import.empty");

	/* The first guess at the mapping, from the header's names. */
	size_t n_custom = 0;
	const char **custom = crm_import_custom_fields(r, imp->entity, &n_custom);
	if (r->db_failed)
		return CRM_EDB;
	head_rows hr = {.p = r->pool, .want = 1};
	crm_csv_read(text, len, delim, CRM_IMPORT_MAX_COLUMNS, head_record, &hr, &bad);
	const char *mapping = "";
	bool used[CRM_IMPORT_MAX_COLUMNS] = {0};
	for (size_t i = 0; hr.n && i < hr.rows[0].n; i++) {
		const char *g = guess(r, imp, custom, n_custom, hr.rows[0].cells[i]);
		/* A field goes to one column: the first that names it. */
		for (size_t j = 0; *g && j < imp->n_fields && j < CRM_LEN(used); j++)
			if (!strcmp(g, imp->fields[j].name)) {
				if (used[j])
					g = "";
				used[j] = true;
			}
		mapping = crm_psprintf(r->pool, "%s%s%s", mapping, i ? "\n" : "", g);
	}
	if (crm_db_exec(r, "INSERT INTO crm_import (user_id, entity, filename, encoding, delimiter, data, n_columns, "
			   "mapping, total) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
			"issssbisi", r->user, imp->entity, clean_name(r->pool, f->filename), enc_name,
			crm_psprintf(r->pool, "%c", delim), text, len, (int64_t)s.columns, mapping,
			(int64_t)(s.records - 1)) < 0)
		return CRM_EDB;
	return crm_redirect(r, crm_psprintf(r->pool, "/imports/%lld", (long long)crm_db_last_id(r)));
}

/* ===== mapping ===== */

const char **crm_import_mapping(crm_pool *p, const char *mapping, size_t n)
{
	const char **out = crm_palloc(p, (n + 1) * sizeof *out);
	const char *s = mapping ? mapping : "";
	for (size_t i = 0; i < n; i++) {
		size_t k = strcspn(s, "\n");
		out[i] = crm_pstrndup(p, s, k);
		s += k + (s[k] == '\n');
	}
	return out;
}

/* The mapping form: per column its header, examples and a choice of target, the
 * duplicates policy and the mode, then a preview of the first rows. col_errors may be
 * NULL; form_error is a key or a translated text. */
static int mapping_page(crm_req *r, crm_rows *im, const crm_importer *imp, const char **chosen,
			const char *policy, const char *mode, const char **col_errors, const char *form_error)
{
	crm_pool *p = r->pool;
	int64_t id = atoll(col(im, "id"));
	crm_rows *data = crm_db_query(r, "SELECT data, delimiter FROM crm_import WHERE id = ?", "i", id);
	if (!data || !data->n_rows)
		return CRM_EDB;
	size_t n_custom = 0;
	const char **custom = crm_import_custom_fields(r, imp->entity, &n_custom);
	if (r->db_failed)
		return CRM_EDB;
	head_rows hr = {.p = p, .want = PREVIEW_ROWS + 1};
	size_t bad;
	crm_csv_read(crm_rows_get(data, 0, 0), data->lens[0], stored_delim(crm_rows_get(data, 0, 1)),
		     CRM_IMPORT_MAX_COLUMNS, head_record, &hr, &bad);
	size_t n_cols = (size_t)atoll(col(im, "n_columns"));

	xmlNodePtr c = crm_page(r, "import.mapping", "import.title");
	import_node(r, c, im, imp);
	xmlNodePtr m = crm_xml_add(c, "mapping", NULL);
	crm_xml_attr(m, "action", crm_psprintf(p, "/imports/%lld/start", (long long)id));
	crm_xml_attr(m, "policy", policy);
	crm_xml_attr(m, "mode", mode);
	crm_xml_attr(m, "error", form_error);
	for (size_t i = 0; i < n_cols; i++) {
		xmlNodePtr x = crm_xml_add(m, "column", NULL);
		crm_xml_attr_int(x, "index", (int64_t)i);
		crm_xml_attr(x, "header", hr.n && i < hr.rows[0].n ? hr.rows[0].cells[i] : "");
		crm_xml_attr(x, "value", chosen[i]);
		if (col_errors)
			crm_xml_attr(x, "error", col_errors[i]);
		for (size_t k = 1; k < hr.n && k <= 3; k++)
			if (i < hr.rows[k].n && *hr.rows[k].cells[i])
				crm_xml_add(x, "sample", hr.rows[k].cells[i]);
	}
	targets_xml(r, m, imp, custom, n_custom);
	xmlNodePtr pv = crm_xml_add(c, "preview", NULL);
	for (size_t k = 0; k < hr.n; k++) {
		xmlNodePtr row = crm_xml_add(pv, k ? "row" : "header", NULL);
		crm_xml_attr_int(row, "line", (int64_t)hr.rows[k].line);
		for (size_t i = 0; i < n_cols; i++)
			crm_xml_add(row, "cell", i < hr.rows[k].n ? hr.rows[k].cells[i] : "");
	}
	if (form_error)
		crm_status(r, 422);
	return 0;
}

/* The import named by the route, or an answer: 404 when it is not the user's. */
static crm_rows *import_of(crm_req *r, int *rc)
{
	crm_rows *im = load(r, crm_req_arg_id(r, "id"), rc);
	if (!im && !*rc)
		*rc = crm_error(r, 404, "core.not_found");
	return im;
}

int crm_h_import_start(crm_req *r)
{
	int rc;
	crm_rows *im = import_of(r, &rc);
	if (!im)
		return rc;
	const char *id = col(im, "id");
	if (strcmp(col(im, "state"), "mapping"))
		return crm_redirect(r, crm_psprintf(r->pool, "/imports/%s", id));
	const crm_importer *imp = importer_of(r, col(im, "entity"), &rc);
	if (!imp)
		return rc;
	size_t n_custom = 0;
	const char **custom = crm_import_custom_fields(r, imp->entity, &n_custom);
	if (r->db_failed)
		return CRM_EDB;
	size_t n = (size_t)atoll(col(im, "n_columns"));
	const char **chosen = crm_palloc(r->pool, (n + 1) * sizeof *chosen);
	const char **errors = crm_palloc(r->pool, (n + 1) * sizeof *errors);
	const char *mapping = "", *form_error = NULL;
	size_t mapped = 0;
	bool bad = false;
	for (size_t i = 0; i < n; i++) {
		const char *v = crm_req_form(r, crm_psprintf(r->pool, "col_%zu", i));
		chosen[i] = v = v ? v : "";
		if (*v && !is_target(imp, custom, n_custom, v)) {
			errors[i] = "import.unknown_target";
			chosen[i] = "";
			bad = true;
			continue;
		}
		for (size_t j = 0; *v && j < i; j++)
			if (!strcmp(chosen[j], v)) {
				errors[i] = "import.mapped_twice";
				bad = true;
			}
		mapped += *v != 0;
		mapping = crm_psprintf(r->pool, "%s%s%s", mapping, i ? "\n" : "", v);
	}
	const char *missing = NULL;
	for (size_t f = 0; f < imp->n_fields; f++) {
		if (!(imp->fields[f].flags & CRM_IMPORT_REQUIRED))
			continue;
		bool found = false;
		for (size_t i = 0; i < n && !found; i++)
			found = !strcmp(chosen[i], imp->fields[f].name);
		if (!found)
			missing = missing ? crm_psprintf(r->pool, "%s, %s", missing, crm_t(r, imp->fields[f].title))
					  : crm_t(r, imp->fields[f].title);
	}
	const char *policy = crm_req_form(r, "policy"), *mode = crm_req_form(r, "mode");
	if (!policy || (strcmp(policy, "skip") && strcmp(policy, "update") && strcmp(policy, "create"))) {
		policy = "skip";
		form_error = "import.policy_required";
	}
	if (!mode || (strcmp(mode, "all") && strcmp(mode, "good"))) {
		mode = "good";
		form_error = "import.mode_required";
	}
	if (missing)
		form_error = crm_psprintf(r->pool, "%s: %s", crm_t(r, "import.required_unmapped"), missing);
	else if (!mapped)
		form_error = "import.nothing_mapped";
	else if (bad)
		form_error = "core.form_errors";
	if (form_error)
		return mapping_page(r, im, imp, chosen, policy, mode, errors, form_error);
	if (crm_db_exec(r, "UPDATE crm_import SET mapping = ?, dup_policy = ?, mode = ?, state = 'queued' "
			   "WHERE id = ? AND user_id = ? AND state = 'mapping'",
			"ssssi", mapping, policy, mode, id, r->user) < 0)
		return CRM_EDB;
	return crm_redirect(r, crm_psprintf(r->pool, "/imports/%s", id));
}

/* ===== progress and report ===== */

static int report_page(crm_req *r, crm_rows *im, const crm_importer *imp)
{
	int64_t id = atoll(col(im, "id"));
	bool back = crm_list_back(r);
	int64_t cursor = atoll(crm_list_cursor(r));
	crm_rows *rows = crm_db_query(r, back
		? "SELECT line, field, reason, partial FROM crm_import_error WHERE import_id = ? AND line < ? "
		  "ORDER BY line DESC LIMIT ?"
		: "SELECT line, field, reason, partial FROM crm_import_error WHERE import_id = ? AND line > ? "
		  "ORDER BY line LIMIT ?",
		"iii", id, cursor, (int64_t)REPORT_PAGE + 1);
	if (!rows)
		return CRM_EDB;
	xmlNodePtr c = crm_page(r, "import.report", "import.title");
	import_node(r, c, im, imp);
	crm_rows_list(r, c, rows, REPORT_PAGE, "refused", "row", 0,
		      crm_psprintf(r->pool, "/imports/%lld", (long long)id));
	if (imp) {
		size_t n_custom = 0;
		const char **custom = crm_import_custom_fields(r, imp->entity, &n_custom);
		if (r->db_failed)
			return CRM_EDB;
		targets_xml(r, c, imp, custom, n_custom);
	}
	return 0;
}

int crm_h_import_show(crm_req *r)
{
	int rc;
	crm_rows *im = import_of(r, &rc);
	if (!im)
		return rc;
	const char *state = col(im, "state");
	const crm_importer *imp = crm_importer_find(r, col(im, "entity"));
	if (!strcmp(state, "mapping")) {
		imp = importer_of(r, col(im, "entity"), &rc);
		if (!imp)
			return rc;
		size_t n = (size_t)atoll(col(im, "n_columns"));
		const char **chosen = crm_import_mapping(r->pool, col(im, "mapping"), n);
		return mapping_page(r, im, imp, chosen, "skip", "good", NULL, NULL);
	}
	if (!strcmp(state, "queued") || !strcmp(state, "running")) {
		xmlNodePtr c = crm_page(r, "import.progress", "import.title");
		xmlNodePtr n = import_node(r, c, im, imp);
		int64_t total = atoll(col(im, "total")), done = atoll(col(im, "done"));
		crm_xml_attr_int(n, "percent", total ? done * 100 / total : 0);
		/* Without JavaScript the page follows the run by reloading itself. */
		crm_header(r, "Refresh", "1");
		return 0;
	}
	return report_page(r, im, imp);
}

typedef struct refused_out {
	crm_csv *csv;
	crm_req *r;
	crm_rows *errs;
	size_t next, n_cols;
} refused_out;

static int refused_record(void *data, char **fields, const size_t *lens, size_t n, size_t line)
{
	(void)lens;
	refused_out *o = data;
	const char **cells = crm_palloc(o->r->pool, (o->n_cols + 2) * sizeof *cells);
	for (size_t i = 0; i < o->n_cols; i++)
		cells[i] = i < n ? fields[i] : "";
	if (!o->n_cols) {
		/* the header: the file's own columns, then line and reason */
		o->n_cols = n;
		cells = crm_palloc(o->r->pool, (n + 2) * sizeof *cells);
		for (size_t i = 0; i < n; i++)
			cells[i] = fields[i];
		cells[n] = crm_t(o->r, "import.line");
		cells[n + 1] = crm_t(o->r, "import.reason");
		crm_csv_row(o->csv, cells, n + 2);
		return 0;
	}
	while (o->next < o->errs->n_rows && (size_t)atoll(crm_rows_get(o->errs, o->next, 0)) < line)
		o->next++;
	if (o->next >= o->errs->n_rows)
		return 1;
	if ((size_t)atoll(crm_rows_get(o->errs, o->next, 0)) != line)
		return 0;
	cells[o->n_cols] = crm_rows_get(o->errs, o->next, 0);
	cells[o->n_cols + 1] = crm_t(o->r, crm_rows_get(o->errs, o->next, 1));
	crm_csv_row(o->csv, cells, o->n_cols + 2);
	return 0;
}

/* The refused rows as they were in the file, with the line and the reason: fix them
 * and import this file again. */
int crm_h_import_refused(crm_req *r)
{
	int rc;
	crm_rows *im = import_of(r, &rc);
	if (!im)
		return rc;
	int64_t id = atoll(col(im, "id"));
	crm_rows *data = crm_db_query(r, "SELECT data, delimiter FROM crm_import WHERE id = ?", "i", id);
	crm_rows *errs = crm_db_query(r, "SELECT line, reason FROM crm_import_error WHERE import_id = ? ORDER BY line",
				      "i", id);
	if (!data || !errs || !data->n_rows)
		return CRM_EDB;
	refused_out o = {.csv = crm_csv_new(r), .r = r, .errs = errs};
	size_t bad;
	crm_csv_read(crm_rows_get(data, 0, 0), data->lens[0], stored_delim(crm_rows_get(data, 0, 1)),
		     CRM_IMPORT_MAX_COLUMNS, refused_record, &o, &bad);
	return crm_csv_send(r, o.csv, crm_psprintf(r->pool, "refused-%lld.csv", (long long)id));
}
