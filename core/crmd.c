/* crmd, the master: opens the FastCGI socket, migrates, forks workers and the jobs
 * process, restarts a child that dies (with backoff), replaces the workers on
 * SIGHUP without dropping a request, and stops gracefully on SIGTERM. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "core.h"
#include "log.h"
#include "server.h"

#define MAX_CHILDREN 256
enum kind { WORKER, JOBS };

typedef struct child {
	pid_t pid;
	int gen;
	enum kind kind;
	time_t started, restart_at;
	int fails;  /* quick deaths in a row, for the backoff */
	bool live;  /* slot in use (running or waiting to restart) */
} child;

static child children[MAX_CHILDREN];
static int generation;
static int listen_fd = -1;

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static pid_t spawn(enum kind kind, int ready_fd)
{
	pid_t pid = fork();
	if (pid < 0) {
		crm_log("error", "fork: %s", strerror(errno));
		return -1;
	}
	if (pid)
		return pid;
	/* A child never outlives its master. */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	crm_log_open(crm_rt.conf->log_file);
	int rc = kind == WORKER ? crm_worker_main(listen_fd, ready_fd) : crm_jobs_main(ready_fd);
	crm_log_close();
	crm_config_free(crm_rt.conf);
	exit(rc);
}

static int count(int gen, enum kind kind)
{
	int n = 0;
	for (int i = 0; i < MAX_CHILDREN; i++)
		n += children[i].live && children[i].pid > 0 && children[i].gen == gen &&
		     children[i].kind == kind;
	return n;
}

static void add_child(pid_t pid, int gen, enum kind kind)
{
	for (int i = 0; i < MAX_CHILDREN; i++)
		if (!children[i].live) {
			children[i] = (child){.pid = pid, .gen = gen, .kind = kind, .started = time(NULL),
					      .live = true};
			return;
		}
}

/* Start a generation: workers and one jobs process; wait until each says it is ready. */
static int start_generation(int gen)
{
	int fds[2];
	if (pipe(fds))
		return -1;
	int want = crm_rt.conf->workers + 1;
	for (int i = 0; i < want; i++) {
		enum kind k = i < crm_rt.conf->workers ? WORKER : JOBS;
		pid_t pid = spawn(k, fds[1]);
		if (pid > 0)
			add_child(pid, gen, k);
	}
	close(fds[1]);
	int ready = 0;
	double deadline = now_s() + 30;
	while (ready < want && now_s() < deadline) {
		struct pollfd p = {.fd = fds[0], .events = POLLIN};
		if (poll(&p, 1, 200) <= 0)
			continue;
		char buf[64];
		ssize_t n = read(fds[0], buf, sizeof buf);
		if (n <= 0)
			break; /* every child closed its end: the rest died */
		ready += (int)n;
	}
	close(fds[0]);
	return ready == want ? 0 : -1;
}

static void signal_gen(int gen, int sig, bool other_than)
{
	for (int i = 0; i < MAX_CHILDREN; i++)
		if (children[i].live && children[i].pid > 0 &&
		    (other_than ? children[i].gen != gen : children[i].gen == gen))
			kill(children[i].pid, sig);
}

static void reap(bool stopping)
{
	int status;
	pid_t pid;
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (int i = 0; i < MAX_CHILDREN; i++) {
			child *c = &children[i];
			if (!c->live || c->pid != pid)
				continue;
			if (stopping || c->gen != generation) {
				c->live = false;
				break;
			}
			/* An unexpected death: restart, waiting longer each time it dies young. */
			time_t lived = time(NULL) - c->started;
			c->fails = lived < 10 ? c->fails + 1 : 0;
			int delay = c->fails ? 1 << (c->fails < 5 ? c->fails - 1 : 5) : 0;
			c->pid = 0;
			c->restart_at = time(NULL) + delay;
			if (WIFSIGNALED(status))
				crm_log("error", "%s %d killed by signal %d; restarting in %d s",
					c->kind == WORKER ? "worker" : "jobs process", (int)pid,
					WTERMSIG(status), delay);
			else
				crm_log("error", "%s %d exited with %d; restarting in %d s",
					c->kind == WORKER ? "worker" : "jobs process", (int)pid,
					WEXITSTATUS(status), delay);
			break;
		}
	}
}

static void restart_due(void)
{
	time_t now = time(NULL);
	for (int i = 0; i < MAX_CHILDREN; i++) {
		child *c = &children[i];
		if (!c->live || c->pid || c->gen != generation || c->restart_at > now)
			continue;
		pid_t pid = spawn(c->kind, -1);
		if (pid > 0) {
			c->pid = pid;
			c->started = now;
		}
	}
	crm_metrics_workers(count(generation, WORKER));
}

static void reload(void)
{
	char err[512];
	crm_config *fresh = crm_config_load(crm_rt.conf->path, err, sizeof err);
	if (!fresh) {
		crm_log("error", "reload: %s; keeping the running configuration", err);
		return;
	}
	if (strcmp(fresh->socket, crm_rt.conf->socket))
		crm_log("warn", "reload: a new socket path takes a restart; keeping %s", crm_rt.conf->socket);
	crm_config *old = crm_rt.conf;
	crm_rt.conf = fresh;
	pid_t pid = fork();
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		int rc = crm_runtime_start(fresh, true) ? 2 : (crm_migrate_all(fresh, true) ? 1 : 0);
		crm_runtime_stop();
		/* This child holds copies of both configurations: free them so exit leaks nothing. */
		crm_config_free(old);
		crm_config_free(fresh);
		exit(rc);
	}
	int status = 0;
	if (pid > 0)
		waitpid(pid, &status, 0);
	int gen = generation + 1;
	if (start_generation(gen)) {
		crm_log("error", "reload: new workers did not start; keeping the running ones");
		signal_gen(gen, SIGKILL, false);
		for (int i = 0; i < MAX_CHILDREN; i++)
			if (children[i].live && children[i].gen == gen)
				children[i].live = false;
		crm_rt.conf = old;
		crm_config_free(fresh);
		return;
	}
	/* The old workers finish what they hold and exit; the new ones already accept. */
	generation = gen;
	signal_gen(gen, SIGTERM, true);
	for (int i = 0; i < MAX_CHILDREN; i++)
		if (children[i].live && children[i].gen != gen && !children[i].pid)
			children[i].live = false;
	crm_config_free(old);
	crm_log("info", "reloaded: generation %d serving", gen);
}

static void write_pid(const char *path)
{
	if (!path || !*path)
		return;
	FILE *f = fopen(path, "w");
	if (f) {
		fprintf(f, "%d\n", (int)getpid());
		fclose(f);
	}
}

int main(int argc, char **argv)
{
	const char *path = "/etc/crm/crm.conf";
	int opt;
	while ((opt = getopt(argc, argv, "c:")) != -1) {
		if (opt == 'c')
			path = optarg;
		else {
			fprintf(stderr, "usage: crmd [-c CONFIG]\n");
			return 2;
		}
	}
	char err[512];
	crm_rt.conf = crm_config_load(path, err, sizeof err);
	if (!crm_rt.conf) {
		fprintf(stderr, "crmd: %s\n", err);
		return 1;
	}
	crm_log_open(crm_rt.conf->log_file);
	signal(SIGPIPE, SIG_IGN);
	listen_fd = FCGX_OpenSocket(crm_rt.conf->socket, 1024);
	if (listen_fd < 0) {
		crm_log("error", "cannot listen on %s: %s", crm_rt.conf->socket, strerror(errno));
		return 1;
	}
	/* libfcgi makes the socket 0755: nginx, another user, could not connect. */
	chmod(crm_rt.conf->socket, crm_rt.conf->socket_mode);
	/* Non-blocking, so worker threads can poll it and still notice SIGTERM. */
	fcntl(listen_fd, F_SETFL, fcntl(listen_fd, F_GETFL) | O_NONBLOCK);
	write_pid(crm_rt.conf->pid_file);
	crm_rt.metrics = crm_metrics_create();
	if (crm_switches_open(crm_rt.conf, true))
		crm_log("warn", "cannot share plugin switches through %s.plugins (%s): every request "
			"reads them from the database", crm_rt.conf->socket, strerror(errno));
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigprocmask(SIG_BLOCK, &set, NULL);

	pid_t pid = fork();
	if (pid == 0) {
		int rc = crm_runtime_start(crm_rt.conf, true) ? 2 : (crm_migrate_all(crm_rt.conf, true) ? 1 : 0);
		crm_runtime_stop();
		crm_config_free(crm_rt.conf);
		exit(rc);
	}
	int status = 0;
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		crm_log("error", "start-up checks or migrations failed; serving anyway, see above");
	if (start_generation(generation))
		crm_log("error", "not every worker started; restarting the missing ones");
	crm_log("info", "crmd %s serving on %s with %d workers x %d threads", CRM_VERSION,
		crm_rt.conf->socket, crm_rt.conf->workers, crm_rt.conf->threads);
	crm_metrics_workers(count(generation, WORKER));
	bool stopping = false;
	double stop_deadline = 0;
	for (;;) {
		struct timespec tick = {.tv_sec = 0, .tv_nsec = 250000000};
		int sig = sigtimedwait(&set, NULL, &tick);
		reap(stopping);
		if (stopping) {
			bool any = false;
			for (int i = 0; i < MAX_CHILDREN; i++)
				any |= children[i].live && children[i].pid > 0;
			if (!any)
				break;
			if (now_s() > stop_deadline) {
				crm_log("warn", "children still running after 30 s; killing them");
				signal_gen(-1, SIGKILL, true);
				stop_deadline = now_s() + 5;
			}
			continue;
		}
		if (sig == SIGTERM || sig == SIGINT) {
			stopping = true;
			stop_deadline = now_s() + 30;
			crm_log("info", "stopping: letting in-flight requests finish");
			signal_gen(-1, SIGTERM, true);
			continue;
		}
		if (sig == SIGHUP)
			reload();
		restart_due();
	}
	close(listen_fd);
	unlink(crm_rt.conf->socket);
	if (crm_rt.conf->pid_file)
		unlink(crm_rt.conf->pid_file);
	crm_metrics_destroy(crm_rt.metrics);
	crm_switches_close(crm_rt.conf, true);
	crm_log("info", "stopped");
	crm_log_close();
	crm_config_free(crm_rt.conf);
	return 0;
}
