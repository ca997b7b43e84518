/* The jobs process: each pass runs the due jobs of every enabled plugin for every
 * tenant. A named database lock keeps two crmd hosts from running one job twice,
 * and last_run in crm_job lets a restarted runner catch up late rather than never. */
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <mysql.h>
#include "core.h"
#include "server.h"

static int run_job(crm_req *r, const crm_job *job)
{
	crm_rows *lock = crm_db_query(r, "SELECT GET_LOCK(CONCAT(DATABASE(), '.', ?), 0)", "s", job->name);
	if (!lock || !crm_rows_get(lock, 0, 0) || crm_rows_get(lock, 0, 0)[0] != '1')
		return 0; /* another host holds it */
	crm_rows *due = crm_db_query(r,
		"SELECT COUNT(*) FROM crm_job WHERE name = ? AND last_run > NOW() - INTERVAL ? SECOND",
		"si", job->name, (int64_t)job->interval_s);
	int rc = 0;
	if (due && crm_rows_get(due, 0, 0) && crm_rows_get(due, 0, 0)[0] == '0') {
		rc = job->run(r);
		if (rc < 0)
			crm_log("error", "tenant %s: job %s failed (%d)", crm_req_tenant(r), job->name, rc);
		r->db_failed = false;
		crm_db_exec(r, "INSERT INTO crm_job (name, last_run, last_status, runs) VALUES (?, NOW(), ?, 1) "
			       "ON DUPLICATE KEY UPDATE last_run = NOW(), last_status = VALUES(last_status), runs = runs + 1",
			    "si", job->name, (int64_t)rc);
	}
	crm_db_query(r, "SELECT RELEASE_LOCK(CONCAT(DATABASE(), '.', ?))", "s", job->name);
	return rc;
}

static void pass(crm_thread *t)
{
	const crm_config *c = crm_rt.conf;
	for (size_t ti = 0; ti < c->n_tenants; ti++) {
		/* [0] is the core: its jobs (imports) run like a plugin's. */
		for (size_t i = 0; i < crm_rt.n_plugins; i++) {
			const crm_loaded *l = &crm_rt.plugins[i];
			if (l->refused || !l->desc->n_jobs)
				continue;
			for (size_t j = 0; j < l->desc->n_jobs; j++) {
				crm_req r;
				crm_req_init(&r, t, t->pool, NULL);
				r.tenant = (int)ti;
				if (crm_plugin_enabled(&r, (int)i) && !r.db_failed)
					run_job(&r, &l->desc->jobs[j]);
				crm_pool_reset(t->pool);
			}
		}
	}
}

int crm_jobs_main(int ready_fd)
{
	sigset_t set;
	crm_child_signals(&set);
	if (crm_runtime_start(crm_rt.conf, false))
		return 2;
	crm_child_ready(ready_fd);
	crm_thread t = {.pool = crm_pool_new()};
	for (;;) {
		pass(&t);
		struct timespec tick = {.tv_sec = 1};
		int sig = sigtimedwait(&set, NULL, &tick);
		if (sig == SIGTERM || sig == SIGINT)
			break;
	}
	crm_thread_end(&t);
	crm_pool_free(t.pool);
	crm_runtime_stop();
	return 0;
}
