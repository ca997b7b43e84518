/* Migrations: the core's sql/ and each plugin's, applied once per tenant in
 * dependency order and recorded with a checksum. DDL commits on its own, so a
 * migration is recorded only after all its statements ran, and each statement
 * must be safe to run again (IF NOT EXISTS) for a rerun after a failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/evp.h>
#include "core.h"

int crm_sha256_hex(const char *s, char out[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned len = 0;
	if (!EVP_Digest(s, strlen(s), md, &len, EVP_sha256(), NULL))
		return -1;
	for (unsigned i = 0; i < len && i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
	out[64] = 0;
	return 0;
}

static const char *const bootstrap =
	"CREATE TABLE IF NOT EXISTS crm_migration ("
	" plugin VARCHAR(48) NOT NULL, id INT UNSIGNED NOT NULL, name VARCHAR(128) NOT NULL,"
	" checksum CHAR(64) NOT NULL, applied_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,"
	" PRIMARY KEY (plugin, id)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci";

/* Whether s holds only blanks and "--" comments. */
static bool blank(const char *s)
{
	for (const char *p = s; *p; p++) {
		if (p[0] == '-' && p[1] == '-') {
			p = strchr(p, '\n');
			if (!p)
				return true;
		} else if (*p != ' ' && *p != '\n' && *p != '\t' && *p != '\r') {
			return false;
		}
	}
	return true;
}

char *crm_sql_next(char **cursor)
{
	while (*cursor) {
		char *s = *cursor, *end = s;
		for (;;) {
			end = strchr(end, ';');
			if (!end)
				break;
			const char *after = end + 1;
			while (*after == ' ' || *after == '\t' || *after == '\r')
				after++;
			/* "; -- why" ends a statement as a bare ";" at the end of the line does. */
			if (*after == '\n' || !*after || (after[0] == '-' && after[1] == '-'))
				break;
			end++;
		}
		if (end)
			*end = 0;
		*cursor = end ? end + 1 : NULL;
		if (!blank(s))
			return s;
	}
	return NULL;
}

/* Run each statement of sql in turn, stopping at the first that fails. */
static int run_statements(crm_db *db, const char *sql, char *err, size_t errlen)
{
	char *copy = strdup(sql), *cursor = copy, *stmt;
	int rc = 0;
	while (!rc && (stmt = crm_sql_next(&cursor)))
		rc = crm_db_raw(db, stmt, err, errlen);
	free(copy);
	return rc;
}

static int migrate_plugin(crm_req *r, crm_db *db, const crm_plugin *p, const char *tenant,
			  char *err, size_t errlen)
{
	for (size_t i = 0; i < p->n_migrations; i++) {
		const crm_migration *m = &p->migrations[i];
		char sum[65];
		crm_sha256_hex(m->sql, sum);
		crm_rows *rows = crm_db_query(r, "SELECT checksum FROM crm_migration WHERE plugin = ? AND id = ?",
					      "si", p->name, (int64_t)m->id);
		if (!rows) {
			snprintf(err, errlen, "tenant %s: cannot read crm_migration", tenant);
			return -1;
		}
		if (rows->n_rows) {
			if (strcmp(crm_rows_get(rows, 0, 0), sum)) {
				snprintf(err, errlen,
					 "tenant %s: migration %s/%04u_%s was changed after it was applied "
					 "(checksum differs); restore it and put the change in a new migration",
					 tenant, p->name, m->id, m->name);
				return -1;
			}
			continue;
		}
		char sqlerr[512];
		if (run_statements(db, m->sql, sqlerr, sizeof sqlerr)) {
			snprintf(err, errlen, "tenant %s: migration %s/%04u_%s failed: %s", tenant,
				 p->name, m->id, m->name, sqlerr);
			return -1;
		}
		if (crm_db_exec(r, "INSERT INTO crm_migration (plugin, id, name, checksum) VALUES (?, ?, ?, ?)",
				"siss", p->name, (int64_t)m->id, m->name, sum) < 0) {
			snprintf(err, errlen, "tenant %s: cannot record migration %s/%u", tenant, p->name, m->id);
			return -1;
		}
		crm_log("info", "tenant %s: applied migration %s/%04u_%s", tenant, p->name, m->id, m->name);
	}
	return 0;
}

int crm_migrate_tenant(const crm_config *c, const crm_tenant_conf *t, bool create, char *err,
		       size_t errlen)
{
	if (create) {
		crm_db *server = crm_db_open(c, NULL, err, errlen);
		if (!server)
			return -1;
		char sql[256];
		/* The name is checked to be [a-z0-9_] when the config is read. */
		snprintf(sql, sizeof sql,
			 "CREATE DATABASE IF NOT EXISTS `%s` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci",
			 t->database);
		int rc = crm_db_raw(server, sql, err, errlen);
		crm_db_close(server);
		if (rc)
			return -1;
	}
	crm_db *db = crm_db_open(c, t->database, err, errlen);
	if (!db)
		return -1;
	int rc = crm_db_raw(db, bootstrap, err, errlen);
	crm_thread th = {0};
	crm_pool *pool = crm_pool_new();
	crm_req r;
	crm_req_init(&r, &th, pool, NULL);
	r.tenant = (int)(t - c->tenants);
	th.db[r.tenant] = db;
	/* Dependencies first: a plugin waits until every plugin it depends on is done. */
	bool done[CRM_MAX_PLUGINS] = {0};
	for (bool progress = true; !rc && progress;) {
		progress = false;
		for (size_t i = 0; i < crm_rt.n_plugins && !rc; i++) {
			const crm_loaded *l = &crm_rt.plugins[i];
			if (done[i] || l->refused)
				continue;
			bool ready = true;
			for (const char *const *d = l->desc->depends; d && *d; d++) {
				int j = crm_plugin_index(*d);
				ready &= j >= 0 && done[j];
			}
			if (!ready)
				continue;
			rc = migrate_plugin(&r, db, l->desc, t->name, err, errlen);
			crm_pool_reset(pool);
			done[i] = progress = true;
		}
	}
	crm_pool_free(pool);
	crm_thread_end(&th);
	return rc;
}
