/* MariaDB access: one connection per thread per tenant, statements prepared once
 * per connection and cached by their text; a lost server means 503, then reconnect. */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <mysql.h>
#include <errmsg.h>
#include <mysqld_error.h>
#include "core.h"

#define STMT_CACHE 128

typedef struct stmt_ent {
	char *sql;
	MYSQL_STMT *st;
} stmt_ent;

struct crm_db {
	MYSQL *my;
	const crm_config *conf;
	char *database;
	stmt_ent cache[STMT_CACHE];
	size_t n_cache;
};

int crm_db_global_init(void)
{
	return mysql_library_init(0, NULL, NULL) ? -1 : 0;
}

void crm_db_global_end(void)
{
	mysql_library_end();
}

static void cache_clear(crm_db *db)
{
	for (size_t i = 0; i < db->n_cache; i++) {
		mysql_stmt_close(db->cache[i].st);
		free(db->cache[i].sql);
	}
	db->n_cache = 0;
}

static int db_connect(crm_db *db, char *err, size_t errlen)
{
	const crm_config *c = db->conf;
	db->my = mysql_init(NULL);
	if (!db->my) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	unsigned ct = c->db_connect_timeout, rt = c->db_read_timeout;
	mysql_optionsv(db->my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_optionsv(db->my, MYSQL_OPT_CONNECT_TIMEOUT, &ct);
	mysql_optionsv(db->my, MYSQL_OPT_READ_TIMEOUT, &rt);
	mysql_optionsv(db->my, MYSQL_OPT_WRITE_TIMEOUT, &rt);
	const char *host = c->db_host && *c->db_host ? c->db_host : NULL;
	const char *sock = c->db_socket && *c->db_socket ? c->db_socket : NULL;
	if (!mysql_real_connect(db->my, host, c->db_user, c->db_password, db->database,
				c->db_port, host ? NULL : sock, 0)) {
		snprintf(err, errlen, "connect to %s: %s", db->database ? db->database : "server",
			 mysql_error(db->my));
		mysql_close(db->my);
		db->my = NULL;
		return -1;
	}
	return 0;
}

crm_db *crm_db_open(const crm_config *c, const char *database, char *err, size_t errlen)
{
	crm_db *db = calloc(1, sizeof *db);
	db->conf = c;
	db->database = database ? strdup(database) : NULL;
	if (db_connect(db, err, errlen)) {
		crm_db_close(db);
		return NULL;
	}
	return db;
}

void crm_db_close(crm_db *db)
{
	if (!db)
		return;
	cache_clear(db);
	if (db->my)
		mysql_close(db->my);
	free(db->database);
	free(db);
}

static void db_drop(crm_db *db)
{
	cache_clear(db);
	if (db->my)
		mysql_close(db->my);
	db->my = NULL;
}

static bool gone(unsigned e)
{
	return e == CR_SERVER_GONE_ERROR || e == CR_SERVER_LOST || e == CR_CONNECTION_ERROR ||
	       e == CR_CONN_HOST_ERROR || e == CR_SERVER_LOST_EXTENDED || e == 1927 /* killed */ ||
	       e == 1053 /* shutdown in progress */;
}

/* A kept connection is idle between statements, so a readable or hung-up socket means
 * the server closed it (a restart, wait_timeout). Costs one poll(), no round trip. */
static bool closed_by_server(MYSQL *my)
{
	struct pollfd p = {.fd = (int)mysql_get_socket(my), .events = POLLIN | POLLRDHUP};
	return p.fd >= 0 && poll(&p, 1, 0) > 0;
}

crm_db *crm_db_get(crm_req *r)
{
	/* After a lost lock the transaction is gone: a statement would run outside it. */
	if (r->db_failed || r->lock_lost)
		return NULL;
	crm_thread *t = r->thread;
	crm_db **slot = &t->db[r->tenant];
	if (!*slot) {
		*slot = calloc(1, sizeof **slot);
		(*slot)->conf = crm_rt.conf;
		(*slot)->database = strdup(crm_rt.conf->tenants[r->tenant].database);
	}
	crm_db *db = *slot;
	/* Reconnect rather than fail the request; inside a transaction that would lose
	 * its earlier statements, so there the next statement fails instead. */
	if (db->my && !r->in_tx && closed_by_server(db->my)) {
		crm_log("info", "tenant %s: the server closed a kept connection; reconnecting",
			crm_rt.conf->tenants[r->tenant].name);
		db_drop(db);
	}
	if (!db->my) {
		char err[256];
		if (db_connect(db, err, sizeof err)) {
			crm_log("error", "tenant %s: %s", crm_rt.conf->tenants[r->tenant].name, err);
			r->db_failed = true;
			return NULL;
		}
	}
	return db;
}

void crm_thread_end(crm_thread *t)
{
	for (size_t i = 0; i < CRM_MAX_TENANTS; i++) {
		crm_db_close(t->db[i]);
		t->db[i] = NULL;
	}
	crm_files_thread_end(t);
}

int crm_db_raw(crm_db *db, const char *sql, char *err, size_t errlen)
{
	if (!db->my) {
		snprintf(err, errlen, "the connection was lost");
		return -1;
	}
	if (mysql_real_query(db->my, sql, strlen(sql))) {
		snprintf(err, errlen, "%s", mysql_error(db->my));
		return -1;
	}
	MYSQL_RES *res = mysql_store_result(db->my);
	if (res)
		mysql_free_result(res);
	return 0;
}

/* A failed statement: mark the connection dead when the server went away, the attempt
 * over when InnoDB gave up a lock (the dispatcher runs the handler again). */
static void fail(crm_req *r, crm_db *db, unsigned e, const char *what, const char *sql)
{
	if (e == ER_LOCK_DEADLOCK || e == ER_LOCK_WAIT_TIMEOUT)
		r->lock_lost = true;
	crm_log("error", "tenant %s: %s: %u %s [%.200s]", crm_rt.conf->tenants[r->tenant].name,
		what, e, db->my ? mysql_error(db->my) : "", sql);
	if (gone(e) || e == 0) {
		db_drop(db);
		r->db_failed = true;
	}
}

static MYSQL_STMT *prepare(crm_req *r, crm_db *db, const char *sql)
{
	for (size_t i = 0; i < db->n_cache; i++)
		if (!strcmp(db->cache[i].sql, sql))
			return db->cache[i].st;
	if (db->n_cache == STMT_CACHE)
		cache_clear(db);
	MYSQL_STMT *st = mysql_stmt_init(db->my);
	if (!st) {
		fail(r, db, 0, "stmt_init", sql);
		return NULL;
	}
	if (mysql_stmt_prepare(st, sql, strlen(sql))) {
		unsigned e = mysql_stmt_errno(st);
		crm_log("error", "prepare: %s [%.200s]", mysql_stmt_error(st), sql);
		mysql_stmt_close(st);
		if (gone(e)) {
			db_drop(db);
			r->db_failed = true;
		}
		return NULL;
	}
	my_bool on = 1;
	mysql_stmt_attr_set(st, STMT_ATTR_UPDATE_MAX_LENGTH, &on);
	db->cache[db->n_cache].sql = strdup(sql);
	db->cache[db->n_cache++].st = st;
	return st;
}

/* Bind parameters described by types from ap; 0 or -1 on an unknown type letter. */
static int bind_params(crm_req *r, MYSQL_STMT *st, const char *types, va_list ap)
{
	size_t n = types ? strlen(types) : 0;
	if (n != mysql_stmt_param_count(st)) {
		crm_log("error", "statement wants %lu parameters, got %zu",
			mysql_stmt_param_count(st), n);
		return -1;
	}
	if (!n)
		return 0;
	MYSQL_BIND *b = crm_palloc(r->pool, n * sizeof *b);
	for (size_t i = 0; i < n; i++) {
		switch (types[i]) {
		case 'i': {
			long long *v = crm_palloc(r->pool, sizeof *v);
			*v = (long long)va_arg(ap, int64_t);
			b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			b[i].buffer = v;
			break;
		}
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (!s) {
				b[i].buffer_type = MYSQL_TYPE_NULL;
				break;
			}
			b[i].buffer_type = MYSQL_TYPE_STRING;
			b[i].buffer = (void *)s;
			b[i].buffer_length = strlen(s);
			break;
		}
		case 'b': {
			const void *p = va_arg(ap, const void *);
			size_t len = va_arg(ap, size_t);
			b[i].buffer_type = MYSQL_TYPE_BLOB;
			b[i].buffer = (void *)p;
			b[i].buffer_length = len;
			break;
		}
		default:
			crm_log("error", "unknown parameter type '%c'", types[i]);
			return -1;
		}
	}
	return mysql_stmt_bind_param(st, b) ? -1 : 0;
}

static MYSQL_STMT *run(crm_req *r, const char *sql, const char *types, va_list ap)
{
	crm_db *db = crm_db_get(r);
	if (!db)
		return NULL;
	MYSQL_STMT *st = prepare(r, db, sql);
	if (!st)
		return NULL;
	if (bind_params(r, st, types, ap))
		return NULL;
	if (mysql_stmt_execute(st)) {
		fail(r, db, mysql_stmt_errno(st), "execute", sql);
		return NULL;
	}
	return st;
}

int64_t crm_db_exec(crm_req *r, const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	MYSQL_STMT *st = run(r, sql, types, ap);
	va_end(ap);
	if (!st)
		return r->db_failed ? CRM_EDB : CRM_EINTERNAL;
	int64_t n = (int64_t)mysql_stmt_affected_rows(st);
	mysql_stmt_free_result(st);
	return n < 0 ? 0 : n;
}

static crm_rows *fetch(crm_req *r, MYSQL_STMT *st, const char *sql);

crm_rows *crm_db_query(crm_req *r, const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	MYSQL_STMT *st = run(r, sql, types, ap);
	va_end(ap);
	if (!st)
		return NULL;
	return fetch(r, st, sql);
}

/* Every row of an executed statement, copied into the pool. */
static crm_rows *fetch(crm_req *r, MYSQL_STMT *st, const char *sql)
{
	crm_db *db = r->thread->db[r->tenant];
	if (mysql_stmt_store_result(st)) {
		fail(r, db, mysql_stmt_errno(st), "store_result", sql);
		return NULL;
	}
	MYSQL_RES *meta = mysql_stmt_result_metadata(st);
	crm_rows *rows = crm_palloc(r->pool, sizeof *rows);
	if (!meta) {
		mysql_stmt_free_result(st);
		return rows;
	}
	size_t nc = mysql_num_fields(meta), nr = (size_t)mysql_stmt_num_rows(st);
	MYSQL_FIELD *f = mysql_fetch_fields(meta);
	rows->n_cols = nc;
	rows->n_rows = nr;
	rows->cols = crm_palloc(r->pool, nc * sizeof *rows->cols);
	rows->cells = crm_palloc(r->pool, (nr * nc + 1) * sizeof *rows->cells);
	rows->lens = crm_palloc(r->pool, (nr * nc + 1) * sizeof *rows->lens);
	MYSQL_BIND *b = crm_palloc(r->pool, (nc + 1) * sizeof *b);
	unsigned long *lens = crm_palloc(r->pool, (nc + 1) * sizeof *lens);
	my_bool *nulls = crm_palloc(r->pool, (nc + 1) * sizeof *nulls);
	for (size_t c = 0; c < nc; c++) {
		rows->cols[c] = crm_pstrdup(r->pool, f[c].name);
		/* max_length covers strings; numbers and dates fit in 64 bytes as text. */
		size_t cap = f[c].max_length + 1 > 64 ? f[c].max_length + 1 : 64;
		b[c].buffer_type = MYSQL_TYPE_STRING;
		b[c].buffer = crm_palloc(r->pool, cap);
		b[c].buffer_length = cap;
		b[c].length = &lens[c];
		b[c].is_null = &nulls[c];
	}
	mysql_free_result(meta);
	if (mysql_stmt_bind_result(st, b)) {
		mysql_stmt_free_result(st);
		fail(r, db, mysql_stmt_errno(st), "bind_result", sql);
		return NULL;
	}
	for (size_t i = 0; i < nr; i++) {
		int rc = mysql_stmt_fetch(st);
		if (rc == 1 || rc == MYSQL_NO_DATA) {
			rows->n_rows = i;
			break;
		}
		for (size_t c = 0; c < nc; c++) {
			size_t k = i * nc + c;
			if (nulls[c])
				continue;
			if (lens[c] >= b[c].buffer_length) {
				/* MYSQL_DATA_TRUNCATED: fetch this column again, whole. */
				char *big = crm_palloc(r->pool, lens[c] + 1);
				MYSQL_BIND one = {.buffer_type = MYSQL_TYPE_STRING, .buffer = big,
						  .buffer_length = lens[c] + 1};
				mysql_stmt_fetch_column(st, &one, (unsigned)c, 0);
				rows->cells[k] = big;
			} else {
				rows->cells[k] = crm_pstrndup(r->pool, b[c].buffer, lens[c]);
			}
			rows->lens[k] = lens[c];
		}
	}
	/* Everything is copied into the pool: the statement is free for its next use. */
	mysql_stmt_free_result(st);
	return rows;
}

const char *crm_rows_get(const crm_rows *rows, size_t row, size_t col)
{
	if (!rows || row >= rows->n_rows || col >= rows->n_cols)
		return NULL;
	return rows->cells[row * rows->n_cols + col];
}

const char *crm_rows_by(const crm_rows *rows, size_t row, const char *col)
{
	if (!rows)
		return NULL;
	for (size_t c = 0; c < rows->n_cols; c++)
		if (!strcmp(rows->cols[c], col))
			return crm_rows_get(rows, row, c);
	return NULL;
}

int64_t *crm_rows_ids(crm_pool *p, const crm_rows *rows, size_t col)
{
	size_t n = rows ? rows->n_rows : 0;
	int64_t *ids = crm_palloc(p, (n + 1) * sizeof *ids);
	for (size_t i = 0; i < n; i++)
		ids[i] = crm_id(crm_rows_get(rows, i, col));
	return ids;
}

void crm_rows_xml(const crm_rows *rows, xmlNodePtr parent, const char *row_name)
{
	if (!rows)
		return;
	for (size_t i = 0; i < rows->n_rows; i++) {
		xmlNodePtr row = crm_xml_add(parent, row_name, NULL);
		for (size_t c = 0; c < rows->n_cols; c++)
			crm_xml_add(row, rows->cols[c], crm_rows_get(rows, i, c));
	}
}

int64_t crm_db_last_id(crm_req *r)
{
	crm_db *db = r->thread->db[r->tenant];
	return db && db->my ? (int64_t)mysql_insert_id(db->my) : 0;
}

static int tx(crm_req *r, const char *sql)
{
	crm_db *db = crm_db_get(r);
	if (!db)
		return CRM_EDB;
	if (mysql_real_query(db->my, sql, strlen(sql))) {
		fail(r, db, mysql_errno(db->my), "transaction", sql);
		return r->db_failed ? CRM_EDB : CRM_EINTERNAL;
	}
	return 0;
}

static void rollback_open(void *req)
{
	crm_req *r = req;
	if (r->in_tx && !r->db_failed)
		tx(r, "ROLLBACK");
	r->in_tx = false;
}

int crm_db_begin(crm_req *r)
{
	int rc = tx(r, "START TRANSACTION");
	if (!rc && !r->in_tx) {
		r->in_tx = true;
		crm_pool_cleanup(r->pool, rollback_open, r);
	}
	return rc;
}

int crm_db_commit(crm_req *r)
{
	int rc = tx(r, "COMMIT");
	r->in_tx = false;
	return rc;
}

void crm_db_lock_reset(crm_req *r)
{
	r->lock_lost = false;
	if (r->in_tx)
		crm_db_rollback(r);
}

int crm_db_rollback(crm_req *r)
{
	int rc = tx(r, "ROLLBACK");
	r->in_tx = false;
	return rc;
}

/* Statements with a variable number of parameters (multi-row INSERTs, IN lists): each
 * one a string or SQL NULL; MariaDB converts them to the columns' types. */
static MYSQL_STMT *run_strings(crm_req *r, const char *sql, const char *const *params, size_t n)
{
	crm_db *db = crm_db_get(r);
	if (!db)
		return NULL;
	MYSQL_STMT *st = prepare(r, db, sql);
	if (!st)
		return NULL;
	if (n != mysql_stmt_param_count(st)) {
		crm_log("error", "statement wants %lu parameters, got %zu", mysql_stmt_param_count(st), n);
		return NULL;
	}
	MYSQL_BIND *b = crm_palloc(r->pool, (n + 1) * sizeof *b);
	for (size_t i = 0; i < n; i++) {
		if (!params[i]) {
			b[i].buffer_type = MYSQL_TYPE_NULL;
			continue;
		}
		b[i].buffer_type = MYSQL_TYPE_STRING;
		b[i].buffer = (void *)params[i];
		b[i].buffer_length = strlen(params[i]);
	}
	if (n && mysql_stmt_bind_param(st, b))
		return NULL;
	if (mysql_stmt_execute(st)) {
		fail(r, db, mysql_stmt_errno(st), "execute", sql);
		return NULL;
	}
	return st;
}

int64_t crm_db_execv(crm_req *r, const char *sql, const char *const *params, size_t n)
{
	MYSQL_STMT *st = run_strings(r, sql, params, n);
	if (!st)
		return r->db_failed ? CRM_EDB : CRM_EINTERNAL;
	int64_t rows = (int64_t)mysql_stmt_affected_rows(st);
	mysql_stmt_free_result(st);
	return rows < 0 ? 0 : rows;
}

crm_rows *crm_db_queryv(crm_req *r, const char *sql, const char *const *params, size_t n)
{
	MYSQL_STMT *st = run_strings(r, sql, params, n);
	return st ? fetch(r, st, sql) : NULL;
}
