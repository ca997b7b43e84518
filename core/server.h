/* The processes of crmd: master, workers, jobs; and the runtime every process starts. */
#ifndef CRM_SERVER_H
#define CRM_SERVER_H

#include <signal.h>
#include <stdbool.h>
#include "config.h"

/* Load plugins, templates, catalogs and the router; log refusals when asked. */
int crm_runtime_start(const crm_config *c, bool log_refusals);
void crm_runtime_stop(void);
/* Serve on fd until SIGTERM; write one byte to ready_fd once ready. Exit status. */
int crm_worker_main(int fd, int ready_fd);
/* Run due jobs of enabled plugins until SIGTERM; tick is the seconds between passes. */
int crm_jobs_main(int ready_fd);
/* Block SIGTERM, SIGINT and SIGHUP (set receives them) so one thread can sigwait for them. */
void crm_child_signals(sigset_t *set);
/* Tell the master, through the pipe it gave (-1: none), that this child serves. */
void crm_child_ready(int ready_fd);
/* Migrate every tenant of c (creating databases); 0 when all succeeded. */
int crm_migrate_all(const crm_config *c, bool create);

#endif
