/* Start and stop of what every process (worker, jobs, crmctl) needs. */
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>
#include <curl/curl.h>
#include <libxml/parser.h>
#include <sodium.h>
#include "core.h"
#include "server.h"

int crm_runtime_start(const crm_config *c, bool log_refusals)
{
	crm_rt.conf = (crm_config *)c;
	/* Before any thread: random tokens, hashes and comparisons (core and plugins) then
	 * find libsodium ready. Again in a forked child is harmless (it returns 1). */
	if (sodium_init() < 0) {
		crm_log("error", "libsodium failed to start");
		return -1;
	}
	xmlInitParser();
	if (crm_db_global_init()) {
		crm_log("error", "MariaDB client library failed to start");
		return -1;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	crm_plugins_load(c, log_refusals);
	/* Templates may refuse plugins, so routes and catalogs are built after them. */
	if (crm_render_init(c))
		return -1;
	crm_router_build();
	crm_i18n_load(c);
	return 0;
}

void crm_runtime_stop(void)
{
	crm_render_end();
	crm_i18n_end();
	free(crm_rt.routes);
	crm_rt.routes = NULL;
	crm_rt.n_routes = 0;
	crm_plugins_unload();
	curl_global_cleanup();
	crm_db_global_end();
	xmlCleanupParser();
}

int crm_migrate_all(const crm_config *c, bool create)
{
	int rc = 0;
	for (size_t i = 0; i < c->n_tenants; i++) {
		char err[1024];
		if (crm_migrate_tenant(c, &c->tenants[i], create, err, sizeof err)) {
			crm_log("error", "%s", err);
			rc = -1;
		}
	}
	return rc;
}

void crm_child_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGHUP);
	sigprocmask(SIG_BLOCK, set, NULL);
}

void crm_child_ready(int ready_fd)
{
	if (ready_fd < 0)
		return;
	char one = 'r';
	if (write(ready_fd, &one, 1) < 0)
		crm_log("warn", "cannot tell the master this process is ready");
	close(ready_fd);
}
