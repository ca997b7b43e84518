/* "Export all data" (ADM-2): one CSV per importer of the enabled plugins, each holding
 * only what the user may read, in one zip built in memory with libzip; and the keyset
 * paging an importer's export_all writes its records with. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>
#include "core.h"
#include "imports.h"

#define EXPORT_PAGE 1000

/* Keyset pages by id: each page is one statement whatever the table's size. */
static int pages(crm_req *r, const char *sql, int (*each)(crm_req *r, const crm_rows *rows, void *arg), void *arg)
{
	const char *page = crm_psprintf(r->pool, "%s LIMIT %d", sql, EXPORT_PAGE);
	for (int64_t after = 0;;) {
		crm_rows *rows = crm_db_query(r, page, "ii", after, r->user);
		if (!rows)
			return CRM_EDB;
		int rc = each(r, rows, arg);
		if (rc < 0)
			return rc;
		if (rows->n_rows < EXPORT_PAGE)
			return 0;
		after = atoll(crm_rows_get(rows, rows->n_rows - 1, 0));
	}
}

typedef struct cells_page {
	crm_csv *out;
	size_t n, first;
	void (*fix)(crm_req *r, const char **cells);
	const char **cells;
} cells_page;

static int write_cells(crm_req *r, const crm_rows *rows, void *arg)
{
	cells_page *c = arg;
	for (size_t i = 0; i < rows->n_rows; i++) {
		for (size_t k = 0; k < c->n; k++)
			c->cells[k] = crm_rows_get(rows, i, c->first + k);
		if (c->fix)
			c->fix(r, c->cells);
		crm_csv_row(c->out, c->cells, c->n);
	}
	return 0;
}

int crm_export_rows(crm_req *r, crm_csv *out, const char *const *header, size_t n, const char *sql, size_t first,
		    void (*fix)(crm_req *r, const char **cells))
{
	crm_csv_row(out, header, n);
	cells_page c = {out, n, first, fix, crm_palloc(r->pool, (n + 1) * sizeof *c.cells)};
	return pages(r, sql, write_cells, &c);
}

typedef struct rows_page {
	crm_csv *out;
	int (*write)(crm_req *r, const crm_rows *rows, crm_csv *out);
} rows_page;

static int write_page(crm_req *r, const crm_rows *rows, void *arg)
{
	rows_page *w = arg;
	return w->write(r, rows, w->out);
}

int crm_export_pages(crm_req *r, crm_csv *out, const char *sql,
		     int (*write)(crm_req *r, const crm_rows *rows, crm_csv *out))
{
	rows_page w = {out, write};
	return pages(r, sql, write_page, &w);
}

static void free_source(void *src)
{
	zip_source_free(src);
}

/* The archive's bytes, kept alive by the request's pool; NULL when libzip fails. */
static const char *zip_bytes(crm_req *r, zip_source_t *src, size_t *len)
{
	zip_stat_t st;
	if (zip_source_open(src) < 0)
		return NULL;
	char *out = NULL;
	zip_stat_init(&st);
	if (zip_source_stat(src, &st) == 0 && (st.valid & ZIP_STAT_SIZE)) {
		out = crm_palloc(r->pool, st.size + 1);
		zip_int64_t got = zip_source_read(src, out, st.size);
		if (got < 0 || (zip_uint64_t)got != st.size)
			out = NULL;
		else
			*len = (size_t)st.size;
	}
	zip_source_close(src);
	return out;
}

int crm_export_all(crm_req *r)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (!src) {
		zip_error_fini(&ze);
		return CRM_EINTERNAL;
	}
	crm_pool_cleanup(r->pool, free_source, src);
	/* The archive writes into src; keep src beyond zip_close to read it back. */
	zip_source_keep(src);
	zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	zip_error_fini(&ze);
	if (!za)
		return CRM_EINTERNAL;
	int rc = 0;
	size_t files = 0;
	for (size_t i = 0; i < crm_rt.n_plugins && !rc; i++) {
		const crm_loaded *l = &crm_rt.plugins[i];
		if (l->refused || !l->desc || !l->desc->n_importers || !crm_plugin_enabled(r, (int)i))
			continue;
		for (size_t j = 0; j < l->desc->n_importers && !rc; j++) {
			const crm_importer *imp = &l->desc->importers[j];
			if (!imp->export_all)
				continue;
			crm_csv *csv = crm_csv_new(r);
			rc = imp->export_all(r, csv);
			if (rc < 0)
				break;
			size_t len;
			const char *data = crm_csv_data(csv, &len);
			zip_source_t *file = zip_source_buffer(za, data, len, 0);
			const char *name = crm_psprintf(r->pool, "%s.csv", imp->entity);
			if (!file || zip_file_add(za, name, file, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
				zip_source_free(file);
				rc = CRM_EINTERNAL;
				break;
			}
			files++;
		}
	}
	/* The CSV buffers must outlive zip_close, which reads them: they are the pool's. */
	if (rc < 0) {
		zip_discard(za);
		return rc;
	}
	if (zip_close(za) < 0) {
		crm_log("error", "export: zip_close: %s", zip_strerror(za));
		zip_discard(za);
		return CRM_EINTERNAL;
	}
	size_t len = 0;
	/* libzip writes nothing for an archive without files: send the empty archive, its
	 * end-of-central-directory record alone. */
	static const char empty[22] = "PK\x05\x06";
	const char *bytes = files ? zip_bytes(r, src, &len) : empty;
	if (!files)
		len = sizeof empty;
	if (!bytes)
		return CRM_EINTERNAL;
	crm_audit(r, "export_all", NULL, 0, NULL, NULL, crm_psprintf(r->pool, "%zu files", files));
	char name[64];
	snprintf(name, sizeof name, "crm-%s-export.zip", crm_req_tenant(r));
	return crm_send(r, 200, "application/zip", bytes, len, name);
}
