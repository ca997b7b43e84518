/* The import runner, a job of the core in the jobs process: it reads the stored file
 * record by record and hands the importer batches of rows, as the importing user.
 * Progress and refused rows go through a second connection, so that the progress page
 * sees them while an all-or-nothing import's transaction is still open. */
#include <stdlib.h>
#include <string.h>
#include "core.h"
#include "csv-reader.h"
#include "imports.h"

/* A value that failed on a stored row (a custom field): the row stays, the report says. */
typedef struct partial {
	size_t line;
	const char *field, *reason;
} partial;

/* The people an import gives records to, each told once when it is over. */
typedef struct note {
	int64_t user;
	const char *key, *url; /* in the job's pool: they outlive the batch */
	size_t pending;        /* in the batch being stored */
	size_t total;          /* in the batches that stay */
} note;

struct crm_import_notes {
	crm_pool *pool;
	note *v;
	size_t n, cap;
};

typedef struct run {
	crm_req *r, *side;
	crm_pool *keep;        /* the job's pool: r->pool between batches */
	crm_pool *batch_pool;  /* r->pool while a batch is handled, reset after it */
	const crm_importer *imp;
	int64_t id;
	size_t n_columns;
	int *col_field;        /* per column: the importer field's index, or -1 */
	int *col_custom;       /* per column: the custom field's index, or -1 */
	const char **custom;
	size_t n_custom;
	int policy;
	bool all;              /* all or nothing: one transaction */
	bool dry;              /* all or nothing and a row was refused: only check the rest */
	bool header_seen;
	crm_import_row *rows;
	size_t n;
	partial *partials;
	size_t n_partials;
	size_t done, created, updated, skipped, refused;
	struct crm_import_notes notes;
	int rc;
} run;

/* s cut to at most n characters (the report's columns), on a character boundary. */
static const char *cut(crm_pool *p, const char *s, size_t n)
{
	const char *e = s;
	for (size_t k = 0; *e && k < n; k++)
		for (e++; ((unsigned char)*e & 0xC0) == 0x80; e++)
			;
	return crm_pstrndup(p, s, (size_t)(e - s));
}

static const char *num(crm_pool *p, int64_t v)
{
	return crm_psprintf(p, "%lld", (long long)v);
}

/* ===== notifications ===== */

void crm_import_notify(crm_req *r, int64_t user_id, size_t n, const char *msg_key, const char *url)
{
	struct crm_import_notes *ns = r->import_notes;
	if (!ns || user_id <= 0 || !n || !msg_key)
		return;
	url = url ? url : "";
	for (size_t i = 0; i < ns->n; i++)
		if (ns->v[i].user == user_id && !strcmp(ns->v[i].key, msg_key) && !strcmp(ns->v[i].url, url)) {
			ns->v[i].pending += n;
			return;
		}
	if (ns->n == ns->cap) {
		size_t cap = ns->cap ? ns->cap * 2 : 16;
		note *v = crm_palloc(ns->pool, cap * sizeof *v);
		if (ns->n)
			memcpy(v, ns->v, ns->n * sizeof *v);
		ns->v = v;
		ns->cap = cap;
	}
	ns->v[ns->n++] = (note){.user = user_id, .key = crm_pstrdup(ns->pool, msg_key),
				.url = crm_pstrdup(ns->pool, url), .pending = n};
}

/* The batch was stored for good (kept) or undone: its counts join the totals or go. */
static void notes_settle(struct crm_import_notes *ns, bool kept)
{
	for (size_t i = 0; i < ns->n; i++) {
		if (kept)
			ns->v[i].total += ns->v[i].pending;
		ns->v[i].pending = 0;
	}
}

/* One notification per person and message, once the import is over. */
static void notes_send(crm_req *r, const struct crm_import_notes *ns)
{
	for (size_t i = 0; i < ns->n; i++) {
		const note *x = &ns->v[i];
		if (x->total && x->user != r->user &&
		    crm_notify(r, x->user, x->key, crm_psprintf(r->pool, "%zu", x->total), x->url) < 0)
			crm_log("error", "tenant %s: an import's notification to user %lld failed", crm_req_tenant(r),
				(long long)x->user);
	}
}

/* ===== one batch ===== */

/* Custom values are checked before the importer sees the rows, so that a refused
 * value refuses its row instead of leaving it stored without the value. */
static int check_custom(run *u)
{
	crm_req *r = u->r;
	for (size_t k = 0; k < u->n_custom; k++) {
		const char **vals = crm_palloc(r->pool, (u->n + 1) * sizeof *vals);
		const char **errs = crm_palloc(r->pool, (u->n + 1) * sizeof *errs);
		size_t *at = crm_palloc(r->pool, (u->n + 1) * sizeof *at), m = 0;
		for (size_t i = 0; i < u->n; i++)
			if (!u->rows[i].error && u->rows[i].custom[k]) {
				at[m] = i;
				vals[m++] = u->rows[i].custom[k];
			}
		if (!m)
			continue;
		int rc = crm_fields_set_many(r, u->imp->entity, u->custom[k], NULL, vals, m, errs);
		if (rc < 0 && rc != CRM_EINVAL)
			return rc;
		for (size_t j = 0; j < m; j++)
			if (errs[j]) {
				u->rows[at[j]].error = errs[j];
				u->rows[at[j]].error_field = crm_psprintf(r->pool, "cf:%s", u->custom[k]);
			}
	}
	return 0;
}

static int store_custom(run *u)
{
	crm_req *r = u->r;
	for (size_t k = 0; k < u->n_custom; k++) {
		const char **vals = crm_palloc(r->pool, (u->n + 1) * sizeof *vals);
		const char **errs = crm_palloc(r->pool, (u->n + 1) * sizeof *errs);
		int64_t *ids = crm_palloc(r->pool, (u->n + 1) * sizeof *ids);
		size_t *at = crm_palloc(r->pool, (u->n + 1) * sizeof *at), m = 0;
		for (size_t i = 0; i < u->n; i++)
			if (!u->rows[i].error && u->rows[i].id > 0 && u->rows[i].custom[k]) {
				at[m] = i;
				ids[m] = u->rows[i].id;
				vals[m++] = u->rows[i].custom[k];
			}
		if (!m)
			continue;
		int rc = crm_fields_set_many(r, u->imp->entity, u->custom[k], ids, vals, m, errs);
		if (rc < 0 && rc != CRM_EINVAL)
			return rc;
		for (size_t j = 0; j < m; j++) {
			if (!errs[j])
				continue;
			const char *field = crm_psprintf(r->pool, "cf:%s", u->custom[k]);
			if (u->all) {
				/* All or nothing: the row counts as refused and nothing will stay. */
				u->rows[at[j]].error = errs[j];
				u->rows[at[j]].error_field = field;
			} else {
				if (!u->partials)
					u->partials = crm_palloc(r->pool, CRM_IMPORT_BATCH * sizeof *u->partials);
				if (u->n_partials < CRM_IMPORT_BATCH)
					u->partials[u->n_partials++] = (partial){u->rows[at[j]].line, field, errs[j]};
			}
		}
	}
	return 0;
}

/* The batch's refused rows and the counts, through the second connection. */
static int report(run *u)
{
	crm_req *s = u->side;
	size_t n = 0;
	for (size_t i = 0; i < u->n; i++)
		n += u->rows[i].error != NULL;
	n += u->n_partials;
	if (n) {
		const char **params = crm_palloc(s->pool, n * 5 * sizeof *params);
		size_t k = 0;
		const char *id = num(s->pool, u->id);
		for (size_t i = 0; i < u->n; i++) {
			const crm_import_row *row = &u->rows[i];
			if (!row->error)
				continue;
			params[k++] = id;
			params[k++] = num(s->pool, (int64_t)row->line);
			params[k++] = cut(s->pool, row->error_field ? row->error_field : "", 96);
			params[k++] = cut(s->pool, row->error, 96);
			params[k++] = "0";
		}
		for (size_t i = 0; i < u->n_partials; i++) {
			params[k++] = id;
			params[k++] = num(s->pool, (int64_t)u->partials[i].line);
			params[k++] = cut(s->pool, u->partials[i].field, 96);
			params[k++] = cut(s->pool, u->partials[i].reason, 96);
			params[k++] = "1";
		}
		int rc = crm_import_insert(s, "INSERT IGNORE INTO crm_import_error (import_id, line, field, reason, "
					   "partial) VALUES ", "(?, ?, ?, ?, ?)", 5, params, n, NULL, NULL);
		if (rc < 0)
			return rc;
	}
	if (crm_db_exec(s, "UPDATE crm_import SET done = ?, created = ?, updated = ?, skipped = ?, refused = ? WHERE id = ?",
			"iiiiii", (int64_t)u->done, (int64_t)u->created, (int64_t)u->updated, (int64_t)u->skipped,
			(int64_t)u->refused, u->id) < 0)
		return crm_db_err(s);
	crm_pool_reset(s->pool);
	return 0;
}

static int flush(run *u)
{
	if (!u->n)
		return 0;
	crm_req *r = u->r;
	r->pool = u->batch_pool;
	crm_import_batch b = {.dup_policy = u->policy, .rows = u->rows, .n_rows = u->n,
			      .custom_names = u->custom, .n_custom = u->n_custom};
	int rc = u->n_custom ? check_custom(u) : 0;
	if (!rc && !u->all)
		rc = crm_db_begin(r);
	if (!rc) {
		int a = u->imp->apply(r, &b, u->dry);
		rc = a < 0 ? a : 0;
	}
	if (!rc && !u->dry && u->n_custom)
		rc = store_custom(u);
	if (!u->all) {
		if (!rc)
			rc = crm_db_commit(r);
		else
			crm_db_rollback(r);
	}
	/* All or nothing settles its batches now and sends only when the whole commits. */
	notes_settle(&u->notes, !rc);
	size_t refused = 0;
	for (size_t i = 0; i < u->n; i++)
		refused += u->rows[i].error != NULL;
	if (!rc) {
		u->done += u->n;
		u->refused += refused;
		u->created += b.created;
		u->updated += b.updated;
		u->skipped += b.skipped;
		if (u->all && refused)
			u->dry = true;
		rc = report(u);
	}
	r->pool = u->keep;
	crm_pool_reset(u->batch_pool);
	u->rows = NULL;
	u->n = 0;
	u->partials = NULL;
	u->n_partials = 0;
	if (rc < 0) {
		crm_log("error", "tenant %s: import %lld: a batch failed (%d)", crm_req_tenant(r), (long long)u->id, rc);
		u->rc = rc;
	}
	return rc;
}

static int on_record(void *data, char **fields, const size_t *lens, size_t n, size_t line)
{
	run *u = data;
	if (!u->header_seen) {
		u->header_seen = true;
		return 0;
	}
	crm_pool *p = u->batch_pool;
	if (!u->rows)
		u->rows = crm_palloc(p, CRM_IMPORT_BATCH * sizeof *u->rows);
	crm_import_row *row = &u->rows[u->n++];
	*row = (crm_import_row){.line = line};
	row->values = crm_palloc(p, (u->imp->n_fields + 1) * sizeof *row->values);
	row->custom = crm_palloc(p, (u->n_custom + 1) * sizeof *row->custom);
	for (size_t i = 0; i < n && i < u->n_columns; i++) {
		if (!lens[i] || (u->col_field[i] < 0 && u->col_custom[i] < 0))
			continue;
		if (lens[i] > CRM_IMPORT_MAX_CELL) {
			row->error = "import.cell_too_long";
			continue;
		}
		const char *v = crm_pstrndup(p, fields[i], lens[i]);
		if (u->col_field[i] >= 0)
			row->values[u->col_field[i]] = v;
		else
			row->custom[u->col_custom[i]] = v;
	}
	/* Values beyond the header's columns mean the row was split differently (an
	 * unquoted delimiter): refused rather than stored shifted. */
	for (size_t i = u->n_columns; i < n && !row->error; i++)
		if (lens[i])
			row->error = "import.columns";
	if (u->n == CRM_IMPORT_BATCH)
		return flush(u) < 0;
	return 0;
}

/* ===== one import ===== */

/* Act as the import's user, with the rights a session of theirs would have. */
static const char *become(crm_req *r, int64_t user_id)
{
	crm_rows *u = crm_db_query(r,
		"SELECT u.name, u.role, u.locale, "
		"(SELECT GROUP_CONCAT(DISTINCT g.permission) FROM crm_group_grant g "
		" JOIN crm_group_member m ON m.group_id = g.group_id WHERE m.user_id = u.id) AS grants, "
		"(u.role = 'owner' OR COALESCE((SELECT value FROM crm_setting WHERE name = 'access.mode'), 'all') <> 'chosen' "
		" OR EXISTS (SELECT 1 FROM crm_access a WHERE a.user_id = u.id OR a.group_id IN "
		"  (SELECT group_id FROM crm_group_member WHERE user_id = u.id))) AS allowed, u.timezone "
		"FROM crm_user u WHERE u.id = ? AND u.active = 1",
		"i", user_id);
	if (!u)
		return "import.failed";
	if (!u->n_rows)
		return "import.no_permission";
	r->user = user_id;
	r->user_name = crm_rows_get(u, 0, 0);
	r->role = crm_rows_get(u, 0, 1);
	r->locale = crm_rows_get(u, 0, 2);
	const char *g = crm_rows_get(u, 0, 3);
	r->grants = crm_psprintf(r->pool, ",%s,", g ? g : "");
	r->locked_out = strcmp(crm_rows_get(u, 0, 4), "1") != 0;
	r->timezone = crm_rows_get(u, 0, 5);
	return NULL;
}

/* Column targets from the stored mapping: importer fields, then custom fields. */
static void map_columns(run *u, const char *mapping)
{
	crm_pool *p = u->keep;
	u->col_field = crm_palloc(p, (u->n_columns + 1) * sizeof *u->col_field);
	u->col_custom = crm_palloc(p, (u->n_columns + 1) * sizeof *u->col_custom);
	u->custom = crm_palloc(p, (u->n_columns + 1) * sizeof *u->custom);
	const char **targets = crm_import_mapping(p, mapping, u->n_columns);
	for (size_t i = 0; i < u->n_columns; i++) {
		const char *v = targets[i];
		u->col_field[i] = u->col_custom[i] = -1;
		for (size_t f = 0; *v && f < u->imp->n_fields; f++)
			if (!strcmp(v, u->imp->fields[f].name))
				u->col_field[i] = (int)f;
		if (!strncmp(v, "cf:", 3) && v[3]) {
			u->col_custom[i] = (int)u->n_custom;
			u->custom[u->n_custom++] = v + 3;
		}
	}
}

static void finish(run *u, const char *state, int committed, const char *message)
{
	crm_req *s = u->side;
	if (crm_db_exec(s, "UPDATE crm_import SET state = ?, committed = ?, message = ?, done = ?, created = ?, "
			   "updated = ?, skipped = ?, refused = ?, finished_at = NOW() WHERE id = ?",
			"sisiiiiii", state, (int64_t)committed, message, (int64_t)u->done, (int64_t)u->created,
			(int64_t)u->updated, (int64_t)u->skipped, (int64_t)u->refused, u->id) < 0)
		crm_log("error", "tenant %s: import %lld: its final state could not be saved", crm_req_tenant(s),
			(long long)u->id);
}

static int run_import(crm_req *r, crm_req *side, int64_t id)
{
	crm_rows *im = crm_db_query(r, "SELECT user_id, entity, data, delimiter, n_columns, mapping, dup_policy, mode, "
				       "filename FROM crm_import WHERE id = ?", "i", id);
	if (!im || !im->n_rows)
		return CRM_EDB;
	run u = {.r = r, .side = side, .keep = r->pool, .id = id, .notes = {.pool = r->pool}};
	const char *entity = crm_rows_get(im, 0, 1), *policy = crm_rows_get(im, 0, 6);
	const char *why = become(r, atoll(crm_rows_get(im, 0, 0)));
	if (!why) {
		u.imp = crm_importer_find(r, entity);
		if (!u.imp)
			why = "import.importer_gone";
		else if (!crm_req_can(r, u.imp->permission))
			why = "import.no_permission";
	}
	if (why) {
		finish(&u, "failed", 0, why);
		return 0;
	}
	u.n_columns = (size_t)atoll(crm_rows_get(im, 0, 4));
	u.policy = !strcmp(policy, "update") ? CRM_DUP_UPDATE : !strcmp(policy, "create") ? CRM_DUP_CREATE : CRM_DUP_SKIP;
	u.all = !strcmp(crm_rows_get(im, 0, 7), "all");
	map_columns(&u, crm_rows_get(im, 0, 5));
	u.batch_pool = crm_pool_new();
	r->import_notes = &u.notes;
	if (u.all && crm_db_begin(r) < 0)
		u.rc = CRM_EDB;
	const char *delim = crm_rows_get(im, 0, 3);
	size_t bad = 0;
	int rc = u.rc ? 0 : crm_csv_read(crm_rows_get(im, 0, 2), im->lens[2], delim && *delim ? *delim : ',',
					 CRM_IMPORT_MAX_COLUMNS, on_record, &u, &bad);
	if (rc < 0 && !u.rc) {
		/* The upload was checked: the stored file no longer parses. */
		crm_log("error", "tenant %s: import %lld: the file is broken at line %zu", crm_req_tenant(r),
			(long long)id, bad);
		u.rc = CRM_EINTERNAL;
	}
	if (!u.rc)
		flush(&u);
	crm_pool_free(u.batch_pool);
	r->pool = u.keep;
	r->import_notes = NULL;
	bool kept = true; /* whether the stored batches stayed */

	const char *filename = crm_rows_get(im, 0, 8);
	const char *url = crm_psprintf(r->pool, "/imports/%lld", (long long)id);
	if (u.rc < 0) {
		if (u.all) {
			crm_db_rollback(r);
			u.created = u.updated = u.skipped = 0;
			kept = false;
		}
		r->db_failed = false;
		finish(&u, "failed", !u.all, u.all ? "import.failed" : "import.failed_partly");
	} else if (u.all && (u.refused || u.dry)) {
		crm_db_rollback(r);
		u.created = u.updated = u.skipped = 0;
		kept = false;
		finish(&u, "done", 0, "import.nothing_imported");
	} else if (u.all) {
		/* The final state goes with the rows, in their transaction. */
		if (crm_db_exec(r, "UPDATE crm_import SET state = 'done', committed = 1, done = ?, created = ?, updated = ?, "
				   "skipped = ?, refused = 0, finished_at = NOW() WHERE id = ?",
				"iiiii", (int64_t)u.done, (int64_t)u.created, (int64_t)u.updated, (int64_t)u.skipped, id) < 0 ||
		    crm_db_commit(r) < 0) {
			crm_db_rollback(r);
			r->db_failed = false;
			u.created = u.updated = u.skipped = 0;
			kept = false;
			finish(&u, "failed", 0, "import.failed");
		}
	} else {
		finish(&u, "done", 1, NULL);
	}
	crm_audit(r, "import", entity, 0, NULL, NULL,
		  crm_psprintf(r->pool, "%s: %zu created, %zu updated, %zu skipped, %zu refused", filename, u.created,
			       u.updated, u.skipped, u.refused));
	if (r->user)
		crm_notify(r, r->user, u.rc < 0 ? "import.notify_failed" : "import.notify_done", filename, url);
	if (kept)
		notes_send(r, &u.notes);
	return u.rc < 0 ? u.rc : 0;
}

int crm_import_job(crm_req *r)
{
	/* The job's lock is ours, so no other host runs an import of this tenant: one still
	 * marked running lost its runner (a crash, a restart) and says so. */
	if (crm_db_exec(r, "UPDATE crm_import SET state = 'failed', message = 'import.interrupted', finished_at = NOW() "
			   "WHERE state = 'running'", NULL) < 0 ||
	    crm_db_exec(r, "DELETE FROM crm_import WHERE created_at < NOW() - INTERVAL ? DAY", "i",
			(int64_t)CRM_IMPORT_KEEP_DAYS) < 0)
		return crm_db_err(r);
	crm_rows *q = crm_db_query(r, "SELECT id FROM crm_import WHERE state = 'queued' ORDER BY id LIMIT 1", NULL);
	if (!q)
		return crm_db_err(r);
	if (!q->n_rows)
		return 0;
	int64_t id = atoll(crm_rows_get(q, 0, 0));
	int64_t claimed = crm_db_exec(r, "UPDATE crm_import SET state = 'running', started_at = NOW() "
					 "WHERE id = ? AND state = 'queued'", "i", id);
	if (claimed <= 0)
		return claimed < 0 ? crm_db_err(r) : 0;
	/* The second connection: its own thread slot, so its own MariaDB session. */
	crm_thread t = {.pool = crm_pool_new()};
	crm_req side;
	crm_req_init(&side, &t, t.pool, NULL);
	side.tenant = r->tenant;
	int rc = run_import(r, &side, id);
	crm_thread_end(&t);
	crm_pool_free(t.pool);
	return rc;
}
