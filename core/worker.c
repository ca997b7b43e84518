/* A worker process: loads plugins and templates anew, then T threads each take
 * requests off the shared socket until SIGTERM; in-flight requests finish. */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>
#include <curl/curl.h>
#include <mysql.h>
#include "core.h"
#include "server.h"
#include "xmlalloc.h"

static atomic_bool stopping;
static pthread_mutex_t accept_lock = PTHREAD_MUTEX_INITIALIZER;
static int listen_fd;
/* This process's epoll on listen_fd, registered EPOLLEXCLUSIVE: a new connection
 * wakes one worker process, not all of them as poll() does (the losers then got
 * EAGAIN from accept: ~0.4 wasted accepts and ~0.8 context switches a request,
 * 10-15% of GET /ping's CPU with two workers). -1: fall back to poll(). */
static int wait_fd = -1;

/* Whether listen_fd is readable within 250 ms. */
static bool wait_readable(void)
{
	if (wait_fd >= 0) {
		struct epoll_event ev;
		return epoll_wait(wait_fd, &ev, 1, 250) > 0;
	}
	struct pollfd pfd = {.fd = listen_fd, .events = POLLIN};
	return poll(&pfd, 1, 250) > 0;
}

/* Wait for a connection while watching the stop flag; 1 with a request in fr. */
static int next_request(FCGX_Request *fr)
{
	/* One thread per process waits in accept at a time: no thundering herd, and
	 * without kept-alive upstream connections the lock costs nothing measurable. */
	pthread_mutex_lock(&accept_lock);
	int got = 0;
	while (!atomic_load(&stopping)) {
		if (!wait_readable())
			continue;
		int rc = FCGX_Accept_r(fr);
		if (rc == 0) {
			got = 1;
			break;
		}
		/* The other process took it: the socket is non-blocking, so this is EAGAIN. */
		if (rc != -EAGAIN && rc != -EWOULDBLOCK && rc != -EINTR && rc != -ECONNABORTED)
			crm_log("warn", "accept failed: %s", strerror(-rc));
	}
	pthread_mutex_unlock(&accept_lock);
	return got;
}

static void *serve(void *arg)
{
	(void)arg;
	crm_thread t = {.pool = crm_pool_new()};
	FCGX_Request fr;
	FCGX_InitRequest(&fr, listen_fd, 0);
	while (next_request(&fr)) {
		crm_req r;
		crm_req_init(&r, &t, t.pool, &fr);
		crm_dispatch(&r);
		crm_pool_reset(t.pool);
		/* libfcgi closes with care: shutdown, then wait for nginx to close its end, so
		 * that unread input cannot turn into a reset. Once the input is read to its end
		 * nothing more comes on a connection nginx does not keep: a plain close saves
		 * that wait, a context switch and two system calls a request. */
		if (!fr.keepConnection && FCGX_GetChar(fr.in) == EOF)
			FCGX_Detach(&fr);
		FCGX_Finish_r(&fr);
	}
	FCGX_Free(&fr, 1);
	crm_xmlalloc_thread_end();
	crm_thread_end(&t);
	crm_pool_free(t.pool);
	mysql_thread_end();
	return NULL;
}

int crm_worker_main(int fd, int ready_fd)
{
	listen_fd = fd;
	const crm_config *c = crm_rt.conf;
	sigset_t set;
	crm_child_signals(&set);
	/* The master never calls libxml2, so this child's first libxml2 call is still ahead. */
	crm_xmlalloc_install();
	if (crm_runtime_start(c, false))
		return 2;
	FCGX_Init();
	wait_fd = epoll_create1(EPOLL_CLOEXEC);
	struct epoll_event ev = {.events = EPOLLIN | EPOLLEXCLUSIVE};
	if (wait_fd >= 0 && epoll_ctl(wait_fd, EPOLL_CTL_ADD, listen_fd, &ev) < 0) {
		crm_log("warn", "epoll on the socket: %s; waiting with poll()", strerror(errno));
		close(wait_fd);
		wait_fd = -1;
	}
	int n = c->threads;
	pthread_t *threads = calloc((size_t)n, sizeof *threads);
	for (int i = 0; i < n; i++)
		pthread_create(&threads[i], NULL, serve, NULL);
	crm_child_ready(ready_fd);
	for (;;) {
		int sig = 0;
		sigwait(&set, &sig);
		if (sig == SIGTERM || sig == SIGINT)
			break;
	}
	atomic_store(&stopping, true);
	for (int i = 0; i < n; i++)
		pthread_join(threads[i], NULL);
	free(threads);
	if (wait_fd >= 0)
		close(wait_fd);
	crm_runtime_stop();
	return 0;
}
