/* Metrics in shared memory that the master maps before forking, so every worker
 * counts into one table; slots are claimed lock-free, so a killed worker never
 * leaves a lock behind. */
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include "core.h"

#define SLOTS 512
#define KEY_LEN 112

static const double bounds[] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
#define N_BOUNDS (sizeof bounds / sizeof bounds[0])

typedef struct slot {
	atomic_int state; /* 0 empty, 1 being written, 2 ready */
	char key[KEY_LEN]; /* method \t pattern \t status */
	atomic_ullong count;
} slot;

struct crm_metrics {
	slot slots[SLOTS];
	atomic_ullong buckets[N_BOUNDS + 1];
	atomic_ullong sum_us, total;
	atomic_int workers;
};

struct crm_metrics *crm_metrics_create(void)
{
	void *m = mmap(NULL, sizeof(struct crm_metrics), PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	return m == MAP_FAILED ? NULL : m;
}

void crm_metrics_destroy(struct crm_metrics *m)
{
	if (m)
		munmap(m, sizeof *m);
}

static unsigned hash(const char *s)
{
	unsigned h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static const char *method_label(const char *m)
{
	static const char *const known[] = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"};
	for (size_t i = 0; i < CRM_LEN(known); i++)
		if (!strcmp(m, known[i]))
			return known[i];
	return "OTHER";
}

void crm_metrics_record(const char *method, const char *pattern, int status, double seconds)
{
	struct crm_metrics *m = crm_rt.metrics;
	if (!m)
		return;
	char key[KEY_LEN];
	snprintf(key, sizeof key, "%s\t%s\t%d", method_label(method), pattern, status);
	unsigned h = hash(key);
	for (unsigned i = 0; i < SLOTS; i++) {
		slot *s = &m->slots[(h + i) % SLOTS];
		int st = atomic_load(&s->state);
		if (st == 0) {
			int expect = 0;
			if (atomic_compare_exchange_strong(&s->state, &expect, 1)) {
				memcpy(s->key, key, sizeof key);
				atomic_store(&s->state, 2);
				atomic_fetch_add(&s->count, 1);
				break;
			}
			st = expect;
		}
		if (st == 2 && !strcmp(s->key, key)) {
			atomic_fetch_add(&s->count, 1);
			break;
		}
	}
	size_t b = 0;
	while (b < N_BOUNDS && seconds > bounds[b])
		b++;
	atomic_fetch_add(&m->buckets[b], 1);
	atomic_fetch_add(&m->sum_us, (unsigned long long)(seconds * 1e6));
	atomic_fetch_add(&m->total, 1);
}

void crm_metrics_workers(int alive)
{
	if (crm_rt.metrics)
		atomic_store(&crm_rt.metrics->workers, alive);
}

char *crm_metrics_text(crm_pool *p, size_t *len)
{
	struct crm_metrics *m = crm_rt.metrics;
	char *out = crm_pstrdup(p, "");
	if (!m) {
		*len = 0;
		return out;
	}
	out = crm_psprintf(p, "%s# HELP crm_requests_total Requests by route and status.\n"
			   "# TYPE crm_requests_total counter\n", out);
	for (unsigned i = 0; i < SLOTS; i++) {
		slot *s = &m->slots[i];
		if (atomic_load(&s->state) != 2)
			continue;
		char method[16] = "", pattern[KEY_LEN] = "";
		int status = 0;
		sscanf(s->key, "%15[^\t]\t%111[^\t]\t%d", method, pattern, &status);
		out = crm_psprintf(p, "%scrm_requests_total{method=\"%s\",route=\"%s\",status=\"%d\"} %llu\n",
				   out, method, pattern, status, atomic_load(&s->count));
	}
	out = crm_psprintf(p, "%s# HELP crm_request_duration_seconds Time from request to answer.\n"
			   "# TYPE crm_request_duration_seconds histogram\n", out);
	unsigned long long cum = 0;
	for (size_t b = 0; b <= N_BOUNDS; b++) {
		cum += atomic_load(&m->buckets[b]);
		if (b < N_BOUNDS)
			out = crm_psprintf(p, "%scrm_request_duration_seconds_bucket{le=\"%g\"} %llu\n", out,
					   bounds[b], cum);
		else
			out = crm_psprintf(p, "%scrm_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n", out, cum);
	}
	out = crm_psprintf(p, "%scrm_request_duration_seconds_sum %.6f\n"
			   "crm_request_duration_seconds_count %llu\n"
			   "# HELP crm_workers_alive Worker processes running.\n"
			   "# TYPE crm_workers_alive gauge\ncrm_workers_alive %d\n",
			   out, (double)atomic_load(&m->sum_us) / 1e6, atomic_load(&m->total),
			   atomic_load(&m->workers));
	*len = strlen(out);
	return out;
}
