/* The floor every FastCGI app pays: libfcgi answering "pong" with nothing else,
 * threaded the way crmd is (N processes of T threads, each with its own
 * FCGX_Request, FCGX_Accept_r serialised per process by a mutex, the same close).
 * Usage: hello SOCKET PROCESSES THREADS; stops on SIGTERM or SIGINT. */
#include <errno.h>
#include <fcgiapp.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static pthread_mutex_t accept_lock = PTHREAD_MUTEX_INITIALIZER;
static int listen_fd;

/* The same answer crmd's GET /ping gives, headers included. */
static const char answer[] =
	"Status: 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 5\r\n"
	"X-Content-Type-Options: nosniff\r\nReferrer-Policy: same-origin\r\n\r\npong\n";

static void *serve(void *arg)
{
	(void)arg;
	FCGX_Request fr;
	FCGX_InitRequest(&fr, listen_fd, 0);
	for (;;) {
		pthread_mutex_lock(&accept_lock);
		int rc = FCGX_Accept_r(&fr);
		pthread_mutex_unlock(&accept_lock);
		if (rc < 0)
			continue; /* a connection gone before we read it */
		FCGX_PutStr(answer, sizeof answer - 1, fr.out);
		/* As crmd: a plain close once the input is read to its end, not libfcgi's
		 * shutdown-and-wait for nginx to close first. */
		if (!fr.keepConnection && FCGX_GetChar(fr.in) == EOF)
			FCGX_Detach(&fr);
		FCGX_Finish_r(&fr);
	}
	return NULL;
}

static int worker(int threads)
{
	/* The children hold no state: the parent ends them with SIGKILL, and so does
	 * the kernel if the parent dies first. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	FCGX_Init();
	for (int i = 0; i < threads; i++) {
		pthread_t t;
		if (pthread_create(&t, NULL, serve, NULL)) {
			fprintf(stderr, "hello: pthread_create failed\n");
			return 1;
		}
	}
	for (;;)
		pause();
}

int main(int argc, char **argv)
{
	if (argc != 4 || atoi(argv[2]) < 1 || atoi(argv[3]) < 1) {
		fprintf(stderr, "usage: hello SOCKET PROCESSES THREADS\n");
		return 2;
	}
	int procs = atoi(argv[2]), threads = atoi(argv[3]);
	signal(SIGPIPE, SIG_IGN);
	unlink(argv[1]);
	listen_fd = FCGX_OpenSocket(argv[1], 1024); /* crmd's backlog */
	if (listen_fd < 0) {
		fprintf(stderr, "hello: cannot listen on %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	/* libfcgi makes the socket 0755; nginx's workers may be another user. */
	chmod(argv[1], 0666);

	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	pid_t *kids = calloc((size_t)procs, sizeof *kids);
	for (int i = 0; i < procs; i++) {
		kids[i] = fork();
		if (kids[i] == 0) {
			pthread_sigmask(SIG_UNBLOCK, &set, NULL);
			return worker(threads);
		}
	}
	int sig = 0;
	sigwait(&set, &sig);
	for (int i = 0; i < procs; i++)
		if (kids[i] > 0)
			kill(kids[i], SIGKILL);
	for (int i = 0; i < procs; i++)
		if (kids[i] > 0)
			waitpid(kids[i], NULL, 0);
	unlink(argv[1]);
	free(kids);
	return 0;
}
