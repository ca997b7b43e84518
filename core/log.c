/* One log line per event: time, pid, level, message; to the log file or stderr. */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>
#include "crm/plugin.h"
#include "log.h"

static FILE *log_out;

void crm_log_open(const char *path)
{
	FILE *f = path && *path ? fopen(path, "a") : NULL;
	if (f) {
		setvbuf(f, NULL, _IOLBF, 0);
		if (log_out && log_out != stderr)
			fclose(log_out);
		log_out = f;
	}
}

void crm_log_close(void)
{
	if (log_out && log_out != stderr)
		fclose(log_out);
	log_out = NULL;
}

void crm_log(const char *level, const char *fmt, ...)
{
	FILE *out = log_out ? log_out : stderr;
	char ts[32];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
	char msg[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	/* One fprintf per line: stdio locks the stream, so threads do not interleave. */
	fprintf(out, "%s [%d] %s: %s\n", ts, (int)getpid(), level, msg);
}
