/* Memory pools with cleanup chains (after nginx's ngx_pool_t). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "crm/pool.h"

#define POOL_BLOCK 16384
#define POOL_ALIGN 16

typedef struct block {
	struct block *next;
	size_t size, used;
	_Alignas(POOL_ALIGN) unsigned char data[];
} block;

typedef struct cleanup {
	struct cleanup *next;
	crm_cleanup_fn fn;
	void *data;
} cleanup;

struct crm_pool {
	block *head;     /* current block */
	block *first;    /* kept across resets */
	cleanup *cleanups;
};

static block *block_new(size_t size)
{
	block *b = malloc(sizeof *b + size);
	if (!b) {
		fputs("crm: out of memory\n", stderr);
		abort();
	}
	b->next = NULL;
	b->size = size;
	b->used = 0;
	return b;
}

crm_pool *crm_pool_new(void)
{
	crm_pool *p = calloc(1, sizeof *p);
	if (!p)
		abort();
	p->first = p->head = block_new(POOL_BLOCK);
	return p;
}

static void run_cleanups(crm_pool *p)
{
	while (p->cleanups) {
		cleanup *c = p->cleanups;
		p->cleanups = c->next;
		c->fn(c->data);
	}
}

void crm_pool_reset(crm_pool *p)
{
	run_cleanups(p);
	for (block *b = p->head, *next; b; b = next) {
		next = b->next;
		if (b != p->first)
			free(b);
	}
	p->first->next = NULL;
	p->first->used = 0;
	p->head = p->first;
}

void crm_pool_free(crm_pool *p)
{
	if (!p)
		return;
	crm_pool_reset(p);
	free(p->first);
	free(p);
}

void *crm_palloc(crm_pool *p, size_t n)
{
	size_t need = (n + POOL_ALIGN - 1) & ~(size_t)(POOL_ALIGN - 1);
	if (need < n)
		abort();
	block *b = p->head;
	if (b->size - b->used < need) {
		if (need > POOL_BLOCK / 4) {
			/* A big allocation gets a block of its own behind the current one, which
			 * stays the head so the next small allocations still fill it. */
			b = block_new(need);
			b->next = p->head->next;
			p->head->next = b;
		} else {
			b = block_new(POOL_BLOCK);
			b->next = p->head;
			p->head = b;
		}
	}
	void *m = b->data + b->used;
	b->used += need;
	memset(m, 0, n);
	return m;
}

char *crm_pstrndup(crm_pool *p, const char *s, size_t n)
{
	char *d = crm_palloc(p, n + 1);
	memcpy(d, s, n);
	d[n] = 0;
	return d;
}

char *crm_pstrdup(crm_pool *p, const char *s)
{
	return s ? crm_pstrndup(p, s, strlen(s)) : NULL;
}

char *crm_pvsprintf(crm_pool *p, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return crm_pstrdup(p, "");
	char *s = crm_palloc(p, (size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

char *crm_psprintf(crm_pool *p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = crm_pvsprintf(p, fmt, ap);
	va_end(ap);
	return s;
}

void crm_pool_cleanup(crm_pool *p, crm_cleanup_fn fn, void *data)
{
	cleanup *c = crm_palloc(p, sizeof *c);
	c->fn = fn;
	c->data = data;
	c->next = p->cleanups;
	p->cleanups = c;
}
