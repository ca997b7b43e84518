/* Attachments and photos of any record: the service plugins call (crm/files.h) and the
 * core's pages for uploading, downloading, deleting and serving them. A file is as
 * visible as its record: every route asks the record's access, and answers 404 when
 * the user may not see it, as for a record that does not exist. */
#include <stdlib.h>
#include <string.h>
#include <magic.h>
#include "core.h"
#include "handlers.h"
#include "image.h"

#define NAME_MAX_BYTES 255 /* crm_file.name is VARCHAR(255) */
#define MIME_MAX 127

/* ===== libmagic, one handle per thread ===== */

static void close_magic(void *m)
{
	magic_close(m);
}

void crm_files_thread_end(crm_thread *t)
{
	if (t->magic)
		magic_close(t->magic);
	t->magic = NULL;
}

/* Loading the database costs milliseconds: once per thread, kept until it ends. */
static magic_t thread_magic(crm_req *r)
{
	if (r->thread && r->thread->magic)
		return r->thread->magic;
	magic_t m = magic_open(MAGIC_MIME_TYPE);
	if (!m)
		return NULL;
	if (magic_load(m, NULL) < 0) {
		crm_log("error", "libmagic: cannot load its database: %s", magic_error(m));
		magic_close(m);
		return NULL;
	}
	if (r->thread)
		r->thread->magic = m;
	else
		crm_pool_cleanup(r->pool, close_magic, m);
	return m;
}

const char *crm_sniff_type(crm_req *r, const void *data, size_t len)
{
	magic_t m = thread_magic(r);
	const char *t = m ? magic_buffer(m, data, len) : NULL;
	if (!t || !*t || strlen(t) > MIME_MAX || strchr(t, ' '))
		return "application/octet-stream";
	return crm_pstrdup(r->pool, t);
}

/* ===== the record a file belongs to: access and addresses ===== */

/* What the user may do with a record, in one statement: *read and *write are 0 or 1
 * (both 0 when the record or its type does not exist). 0, or CRM_EDB. */
static int rights(crm_req *r, const char *entity, int64_t id, int *read, int *write)
{
	*read = *write = 0;
	const crm_entity_type *e = crm_entity_find(r, entity);
	if (!e || id <= 0)
		return 0;
	const char *sql = crm_psprintf(r->pool, "SELECT %s, %s FROM %s t WHERE t.id = ?",
				       crm_access_sql(r, "t", e->name, CRM_READ),
				       crm_access_sql(r, "t", e->name, CRM_WRITE), e->table);
	crm_rows *rows = crm_db_query(r, sql, "iii", crm_req_user(r), crm_req_user(r), id);
	if (!rows)
		return CRM_EDB;
	if (rows->n_rows) {
		*read = !strcmp(crm_rows_get(rows, 0, 0), "1");
		*write = !strcmp(crm_rows_get(rows, 0, 1), "1");
	}
	return 0;
}

/* 1 when the user may write the record, 0 when not (or no such record), or CRM_EDB. */
static int may_write(crm_req *r, const char *entity, int64_t id)
{
	int rd, wr, rc = rights(r, entity, id, &rd, &wr);
	return rc < 0 ? rc : wr;
}

static const char *record_url(crm_req *r, const char *entity, int64_t id)
{
	const crm_entity_type *e = crm_entity_find(r, entity);
	return e ? crm_entity_url(r, e, id) : "/";
}

static const char *files_url(crm_req *r, const char *entity, int64_t id, const char *tail)
{
	return crm_psprintf(r->pool, "/records/%s/%lld/%s", entity, (long long)id, tail);
}

/* ===== the service ===== */

/* A name to store and send back: no folders, no control characters, at most 255 bytes
 * cut on a character boundary (the form parser checked it is UTF-8). */
static const char *clean_name(crm_pool *p, const char *filename)
{
	const char *base = filename ? filename : "";
	for (const char *s = base; *s; s++)
		if (*s == '/' || *s == '\\')
			base = s + 1;
	char *out = crm_palloc(p, strlen(base) + 1), *o = out;
	for (const unsigned char *s = (const unsigned char *)base; *s; s++)
		if (*s >= 0x20 && *s != 0x7f)
			*o++ = (char)*s;
	*o = 0;
	size_t n = (size_t)(o - out);
	if (n > NAME_MAX_BYTES) {
		n = NAME_MAX_BYTES;
		while (n && ((unsigned char)out[n] & 0xC0) == 0x80)
			n--;
		out[n] = 0;
	}
	while (n && out[n - 1] == ' ')
		out[--n] = 0;
	return *out ? out : "file";
}

static const char *user_param(crm_req *r)
{
	return crm_req_user(r) ? crm_psprintf(r->pool, "%lld", (long long)crm_req_user(r)) : NULL;
}

/* The upload in field, or NULL with *err_key set when it holds no file. */
static const crm_field *upload(crm_req *r, const char *field, const char **err_key)
{
	const crm_field *f = field ? crm_req_file(r, field) : NULL;
	if (!f || !f->len) {
		*err_key = "core.file_empty";
		return NULL;
	}
	return f;
}

/* Our own transaction unless the caller runs one: then theirs holds everything. */
static int begin(crm_req *r, bool *own)
{
	*own = !r->in_tx;
	return *own && crm_db_begin(r) < 0 ? CRM_EDB : 0;
}

static int commit(crm_req *r, bool own)
{
	return own && crm_db_commit(r) < 0 ? CRM_EDB : 0;
}

static int64_t denied(int rc, const char **err_key)
{
	*err_key = rc < 0 ? "core.db_down" : "core.not_found";
	return rc < 0 ? rc : CRM_ENOTFOUND;
}

int64_t crm_file_attach(crm_req *r, const char *entity, int64_t id, const char *field,
			const char **err_key)
{
	int ok = may_write(r, entity, id);
	if (ok <= 0)
		return denied(ok, err_key);
	const crm_field *f = upload(r, field, err_key);
	if (!f)
		return CRM_EINVAL;
	if (f->len > crm_rt.conf->attachment_max) {
		*err_key = "core.file_too_big";
		return CRM_EINVAL;
	}
	const char *name = clean_name(r->pool, f->filename), *mime = crm_sniff_type(r, f->value, f->len);
	bool own;
	if (begin(r, &own) < 0)
		return CRM_EDB;
	if (crm_db_exec(r, "INSERT INTO crm_file (entity, record_id, kind, name, mime, size, data, user_id) "
			   "VALUES (?, ?, 'attachment', ?, ?, ?, ?, ?)",
			"sissibs", entity, id, name, mime, (int64_t)f->len, f->value, f->len, user_param(r)) < 0)
		return denied(CRM_EDB, err_key);
	int64_t fid = crm_db_last_id(r);
	if (crm_audit(r, "file.attach", entity, id, "file", NULL, name) < 0 || commit(r, own) < 0)
		return denied(CRM_EDB, err_key);
	return fid;
}

static bool photo_type(const char *mime)
{
	return !strcmp(mime, "image/jpeg") || !strcmp(mime, "image/png") || !strcmp(mime, "image/gif") ||
	       !strcmp(mime, "image/webp");
}

int crm_file_photo(crm_req *r, const char *entity, int64_t id, const char *field,
		   const char **err_key)
{
	int ok = may_write(r, entity, id);
	if (ok <= 0)
		return (int)denied(ok, err_key);
	const crm_field *f = upload(r, field, err_key);
	if (!f)
		return CRM_EINVAL;
	if (f->len > CRM_PHOTO_MAX_BYTES) {
		*err_key = "core.photo_too_big";
		return CRM_EINVAL;
	}
	const char *mime = crm_sniff_type(r, f->value, f->len);
	if (!photo_type(mime)) {
		*err_key = "core.photo_not_image";
		return CRM_EINVAL;
	}
	crm_image img;
	int rc = crm_image_fit(r->pool, mime, f->value, f->len, CRM_PHOTO_MAX_W, CRM_PHOTO_MAX_H, &img, err_key);
	if (rc < 0)
		return rc;
	const char *name = strcmp(img.mime, "image/png") ? "photo.jpg" : "photo.png";
	bool own;
	if (begin(r, &own) < 0)
		return CRM_EDB;
	/* Merged records may have brought a second photo: the new one replaces them all. */
	if (crm_db_exec(r, "DELETE FROM crm_file WHERE entity = ? AND record_id = ? AND kind = 'photo'",
			"si", entity, id) < 0 ||
	    crm_db_exec(r, "INSERT INTO crm_file (entity, record_id, kind, name, mime, size, data, user_id) "
			   "VALUES (?, ?, 'photo', ?, ?, ?, ?, ?)",
			"sissibs", entity, id, name, img.mime, (int64_t)img.len, img.data, img.len,
			user_param(r)) < 0 ||
	    crm_audit(r, "file.photo", entity, id, "photo", NULL, clean_name(r->pool, f->filename)) < 0 ||
	    commit(r, own) < 0)
		return (int)denied(CRM_EDB, err_key);
	return 0;
}

int crm_file_photo_remove(crm_req *r, const char *entity, int64_t id)
{
	const char *key;
	int ok = may_write(r, entity, id);
	if (ok <= 0)
		return (int)denied(ok, &key);
	bool own;
	if (begin(r, &own) < 0)
		return CRM_EDB;
	int64_t n = crm_db_exec(r, "DELETE FROM crm_file WHERE entity = ? AND record_id = ? AND kind = 'photo'",
				"si", entity, id);
	if (n < 0 || (n > 0 && crm_audit(r, "file.photo_remove", entity, id, "photo", NULL, NULL) < 0) ||
	    commit(r, own) < 0)
		return CRM_EDB;
	return 0;
}

int crm_files_delete(crm_req *r, const char *entity, int64_t id)
{
	if (!crm_sql_name(entity))
		return CRM_EINVAL;
	return crm_db_exec(r, "DELETE FROM crm_file WHERE entity = ? AND record_id = ?", "si", entity, id) < 0
		       ? CRM_EDB : 0;
}

/* ===== the XML the theme renders (themes/default/services/files.xsl) ===== */

/* The block, with the per-field message of a refused upload when there is one. */
static xmlNodePtr files_xml(crm_req *r, const char *entity, int64_t id, xmlNodePtr parent,
			    int can_write, const char *file_err, const char *photo_err)
{
	crm_rows *rows = crm_db_query(r,
		"SELECT f.id, f.kind, f.name, f.mime, f.size, DATE_FORMAT(f.created_at, '%Y-%m-%d %H:%i'), u.name "
		"FROM crm_file f LEFT JOIN crm_user u ON u.id = f.user_id "
		"WHERE f.entity = ? AND f.record_id = ? ORDER BY f.kind, f.id DESC", "si", entity, id);
	if (!rows)
		return NULL;
	xmlNodePtr files = crm_xml_add(parent, "files", NULL);
	crm_xml_attr(files, "entity", entity);
	crm_xml_attr_int(files, "record", id);
	crm_xml_attr_int(files, "max", (int64_t)crm_rt.conf->attachment_max);
	if (can_write)
		crm_xml_attr(files, "write", "1");
	const char *photo = NULL;
	for (size_t i = 0; i < rows->n_rows; i++) {
		const char *fid = crm_rows_get(rows, i, 0);
		if (!strcmp(crm_rows_get(rows, i, 1), "photo")) {
			if (!photo)
				photo = fid; /* the newest */
			continue;
		}
		xmlNodePtr f = crm_xml_add(files, "file", NULL);
		crm_xml_attr(f, "id", fid);
		crm_xml_attr(f, "url", crm_psprintf(r->pool, "/files/%s", fid));
		if (can_write)
			crm_xml_attr(f, "delete", crm_psprintf(r->pool, "/files/%s/delete", fid));
		crm_xml_add(f, "name", crm_rows_get(rows, i, 2));
		crm_xml_add(f, "mime", crm_rows_get(rows, i, 3));
		crm_xml_add(f, "size", crm_rows_get(rows, i, 4));
		crm_xml_add(f, "created_at", crm_rows_get(rows, i, 5));
		crm_xml_add(f, "user", crm_rows_get(rows, i, 6));
	}
	if (can_write) {
		xmlNodePtr form = crm_form(files, files_url(r, entity, id, "files"));
		crm_xml_attr(form, "id", "files-upload");
		xmlNodePtr field = crm_form_field(form, "file", "core.file_choose", "file", NULL);
		crm_xml_attr(field, "required", "1");
		crm_xml_attr(field, "error", file_err);
		crm_form_submit(form, "core.file_upload");
	}
	if (!photo && !can_write)
		return files;
	xmlNodePtr ph = crm_xml_add(parent, "photo", NULL);
	crm_xml_attr(ph, "entity", entity);
	crm_xml_attr_int(ph, "record", id);
	if (photo)
		crm_xml_attr(ph, "url", crm_psprintf(r->pool, "%s?v=%s", files_url(r, entity, id, "photo"), photo));
	if (can_write) {
		crm_xml_attr(ph, "write", "1");
		xmlNodePtr form = crm_form(ph, files_url(r, entity, id, "photo"));
		crm_xml_attr(form, "id", "photo-upload");
		xmlNodePtr field = crm_form_field(form, "photo", "core.photo_choose", "file", NULL);
		crm_xml_attr(field, "required", "1");
		crm_xml_attr(field, "accept", "image/jpeg,image/png,image/gif,image/webp");
		crm_xml_attr(field, "hint", "core.photo_hint");
		crm_xml_attr(field, "error", photo_err);
		crm_form_submit(form, photo ? "core.photo_change" : "core.photo_set");
		if (photo) {
			xmlNodePtr rm = crm_form(ph, files_url(r, entity, id, "photo/delete"));
			crm_xml_attr(rm, "id", "photo-remove");
			crm_xml_attr(rm, "confirm", "core.photo_remove_confirm");
			crm_xml_attr(crm_form_submit(rm, "core.photo_remove"), "kind", "secondary");
		}
	}
	return files;
}

xmlNodePtr crm_files_xml(crm_req *r, const char *entity, int64_t id, xmlNodePtr parent)
{
	int rd, wr;
	if (rights(r, entity, id, &rd, &wr) < 0)
		return NULL;
	if (!rd) /* the caller showed a record this user may not see: show nothing of it */
		return crm_xml_add(parent, "files", NULL);
	return files_xml(r, entity, id, parent, wr, NULL, NULL);
}

/* ===== pages ===== */

/* The record's files page: its attachments and photo, and the message of a refused
 * upload (then with status 422). */
static int files_page(crm_req *r, const char *entity, int64_t id, const char *file_err,
		      const char *photo_err)
{
	int rd, wr;
	if (rights(r, entity, id, &rd, &wr) < 0)
		return CRM_EDB;
	if (!rd)
		return CRM_ENOTFOUND;
	const crm_entity_type *e = crm_entity_find(r, entity);
	xmlNodePtr c = crm_page(r, "core.files", "core.files_title");
	xmlNodePtr rec = crm_xml_add(c, "record", NULL);
	crm_xml_attr(rec, "entity", entity);
	crm_xml_attr_int(rec, "id", id);
	crm_xml_attr(rec, "title", e->title);
	crm_xml_attr(rec, "href", record_url(r, entity, id));
	if (file_err || photo_err)
		crm_status(r, 422);
	return files_xml(r, entity, id, c, wr, file_err, photo_err) ? 0 : CRM_EDB;
}

int crm_h_files_page(crm_req *r)
{
	return files_page(r, crm_req_arg(r, "entity"), crm_req_arg_id(r, "id"), NULL, NULL);
}

/* After an upload: back to the record's card, or its files page with the message. */
static int after_upload(crm_req *r, int64_t rc, const char *err_key, bool photo, const char *ok_key)
{
	const char *entity = crm_req_arg(r, "entity");
	int64_t id = crm_req_arg_id(r, "id");
	if (rc == CRM_EINVAL)
		return files_page(r, entity, id, photo ? NULL : err_key, photo ? err_key : NULL);
	if (rc < 0)
		return (int)rc;
	crm_flash(r, "ok", ok_key);
	return crm_redirect(r, record_url(r, entity, id));
}

int crm_h_file_upload(crm_req *r)
{
	const char *key = NULL;
	int64_t rc = crm_file_attach(r, crm_req_arg(r, "entity"), crm_req_arg_id(r, "id"), "file", &key);
	return after_upload(r, rc, key, false, "core.file_attached");
}

int crm_h_photo_set(crm_req *r)
{
	const char *key = NULL;
	int rc = crm_file_photo(r, crm_req_arg(r, "entity"), crm_req_arg_id(r, "id"), "photo", &key);
	return after_upload(r, rc, key, true, "core.photo_saved");
}

int crm_h_photo_remove(crm_req *r)
{
	const char *entity = crm_req_arg(r, "entity");
	int64_t id = crm_req_arg_id(r, "id");
	int rc = crm_file_photo_remove(r, entity, id);
	if (rc < 0)
		return rc;
	crm_flash(r, "ok", "core.photo_removed");
	return crm_redirect(r, record_url(r, entity, id));
}

/* Files are sent as they were stored, never run: no scripts even for an HTML upload. */
static void file_headers(crm_req *r, const char *cache)
{
	crm_header(r, "Content-Security-Policy", "sandbox; default-src 'none'");
	crm_header(r, "Cache-Control", cache);
}

int crm_h_photo(crm_req *r)
{
	const char *entity = crm_req_arg(r, "entity");
	int64_t id = crm_req_arg_id(r, "id");
	int rd, wr;
	if (rights(r, entity, id, &rd, &wr) < 0)
		return CRM_EDB;
	if (!rd)
		return CRM_ENOTFOUND;
	crm_rows *rows = crm_db_query(r, "SELECT mime, data FROM crm_file WHERE entity = ? AND record_id = ? "
				      "AND kind = 'photo' ORDER BY id DESC LIMIT 1", "si", entity, id);
	if (!rows)
		return CRM_EDB;
	if (!rows->n_rows)
		return CRM_ENOTFOUND;
	/* The card links it with ?v=<file id>: a new photo gets a new address. */
	file_headers(r, "private, max-age=86400");
	return crm_send(r, 200, crm_rows_get(rows, 0, 0), crm_rows_get(rows, 0, 1), rows->lens[1], NULL);
}

/* A file's record and name, once the user's right on that record is checked: 1, 0
 * when there is no such file or the user may not (404), or CRM_EDB. */
typedef struct file_meta {
	int64_t id, record;
	const char *entity, *name, *mime;
} file_meta;

static int file_lookup(crm_req *r, int mode, file_meta *m)
{
	m->id = crm_req_arg_id(r, "id");
	crm_rows *rows = crm_db_query(r, "SELECT entity, record_id, name, mime FROM crm_file WHERE id = ?",
				      "i", m->id);
	if (!rows)
		return CRM_EDB;
	if (!rows->n_rows)
		return 0;
	m->entity = crm_rows_get(rows, 0, 0);
	m->record = atoll(crm_rows_get(rows, 0, 1));
	m->name = crm_rows_get(rows, 0, 2);
	m->mime = crm_rows_get(rows, 0, 3);
	int rd, wr;
	if (rights(r, m->entity, m->record, &rd, &wr) < 0)
		return CRM_EDB;
	return mode == CRM_WRITE ? wr : rd;
}

static int lookup_failed(int ok)
{
	return ok < 0 ? ok : CRM_ENOTFOUND;
}

int crm_h_file_download(crm_req *r)
{
	file_meta m;
	int ok = file_lookup(r, CRM_READ, &m);
	if (ok <= 0)
		return lookup_failed(ok);
	/* The bytes only once the access is known: a refused download reads no blob. */
	crm_rows *rows = crm_db_query(r, "SELECT data FROM crm_file WHERE id = ?", "i", m.id);
	if (!rows)
		return CRM_EDB;
	if (!rows->n_rows)
		return CRM_ENOTFOUND;
	file_headers(r, "private, no-cache");
	return crm_send(r, 200, m.mime, crm_rows_get(rows, 0, 0), rows->lens[0], m.name);
}

int crm_h_file_delete_page(crm_req *r)
{
	file_meta m;
	int ok = file_lookup(r, CRM_WRITE, &m);
	if (ok <= 0)
		return lookup_failed(ok);
	xmlNodePtr c = crm_page(r, "core.file_delete", "core.file_delete_title");
	xmlNodePtr q = crm_xml_add(c, "confirm", m.name);
	crm_xml_attr(q, "action", crm_psprintf(r->pool, "/files/%lld/delete", (long long)m.id));
	crm_xml_attr(q, "question", "core.file_delete_confirm");
	crm_xml_attr(q, "cancel", record_url(r, m.entity, m.record));
	return 0;
}

int crm_h_file_delete(crm_req *r)
{
	file_meta m;
	int ok = file_lookup(r, CRM_WRITE, &m);
	if (ok <= 0)
		return lookup_failed(ok);
	if (crm_db_begin(r) < 0 || crm_db_exec(r, "DELETE FROM crm_file WHERE id = ?", "i", m.id) < 0 ||
	    crm_audit(r, "file.delete", m.entity, m.record, "file", m.name, NULL) < 0 || crm_db_commit(r) < 0)
		return CRM_EDB;
	crm_flash(r, "ok", "core.file_deleted");
	return crm_redirect(r, record_url(r, m.entity, m.record));
}
