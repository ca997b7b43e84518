/* A per-thread arena for libxml2's and libxslt's allocations while a page renders: the
 * transform context, the result tree and the HTML then go in one step, not node by node. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>
#include "xmlalloc.h"

/* Under ASan every byte of the arena that is not a live block is poisoned, and a reset
 * poisons all of it: a pointer kept past its render is a report, not a silent reuse. */
#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION(p, n)
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION(p, n)
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

#define ALIGN 16
#define HEAD 16                      /* before each block: its size, for realloc */
#define FIRST_SIZE (128 * 1024)      /* a usual page needs less */
#define KEEP_MAX (1024 * 1024)       /* the largest chunk kept between renders */

typedef struct chunk {
	struct chunk *prev;
	size_t size, used;
	_Alignas(ALIGN) unsigned char data[];
} chunk;

typedef struct arena {
	chunk *cur;          /* the newest chunk: blocks come from it */
	unsigned char *last; /* the newest block, which realloc may grow in place */
	bool on;             /* between crm_xmlalloc_begin and crm_xmlalloc_end */
	bool warm;           /* the thread has rendered once without the arena */
} arena;

/* libcrm is loaded with the program, never by dlopen: the cheap TLS model is safe. */
static _Thread_local arena me __attribute__((tls_model("initial-exec")));
static bool installed;

static size_t round_up(size_t n)
{
	return (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
}

static bool owns(const void *p)
{
	const unsigned char *b = p;
	for (const chunk *c = me.cur; c; c = c->prev)
		if (b >= c->data && b < c->data + c->size)
			return true;
	return false;
}

static size_t get_size(const unsigned char *p)
{
	size_t n;
	UNPOISON(p - HEAD, sizeof n);
	memcpy(&n, p - HEAD, sizeof n);
	POISON(p - HEAD, sizeof n);
	return n;
}

static void set_size(unsigned char *p, size_t n)
{
	UNPOISON(p - HEAD, sizeof n);
	memcpy(p - HEAD, &n, sizeof n);
	POISON(p - HEAD, sizeof n);
}

/* Out of line: the common path of arena_alloc stays a few instructions. */
__attribute__((noinline, cold)) static chunk *grow(size_t need)
{
	size_t size = me.cur ? me.cur->size * 2 : FIRST_SIZE;
	if (size < need)
		size = need;
	chunk *c = malloc(sizeof *c + size);
	if (!c)
		return NULL;
	c->prev = me.cur;
	c->size = size;
	c->used = 0;
	POISON(c->data, size);
	me.cur = c;
	return c;
}

static void *arena_alloc(size_t n)
{
	if (n > SIZE_MAX / 4)
		return NULL;
	size_t need = HEAD + round_up(n ? n : 1);
	chunk *c = me.cur;
	if (!c || c->size - c->used < need) {
		c = grow(need);
		if (!c)
			return NULL;
	}
	unsigned char *p = c->data + c->used + HEAD;
	c->used += need;
	set_size(p, n);
	UNPOISON(p, n);
	me.last = p;
	return p;
}

static void *arena_realloc(unsigned char *p, size_t n)
{
	size_t old = get_size(p);
	chunk *c = me.cur;
	/* Growing buffers (the serialiser's, merged text) are mostly the newest block. */
	if (p == me.last && n <= SIZE_MAX / 4 && round_up(n ? n : 1) <= (size_t)(c->data + c->size - p)) {
		c->used = (size_t)(p - c->data) + round_up(n ? n : 1);
		POISON(p, round_up(old ? old : 1));
		set_size(p, n);
		UNPOISON(p, n);
		return p;
	}
	void *q = arena_alloc(n);
	if (q)
		memcpy(q, p, old < n ? old : n);
	return q;
}

static void *x_malloc(size_t n)
{
	return me.on ? arena_alloc(n) : malloc(n);
}

static void *x_realloc(void *p, size_t n)
{
	if (!p)
		return x_malloc(n);
	if (owns(p)) {
		/* An arena block used after its render: stop before memory is corrupted. */
		if (!me.on)
			abort();
		return arena_realloc(p, n);
	}
	/* A heap block stays one: whoever allocated it before the render frees it. */
	return realloc(p, n);
}

static void x_free(void *p)
{
	/* Arena blocks go with the arena. */
	if (p && !owns(p))
		free(p);
}

static char *x_strdup(const char *s)
{
	if (!me.on)
		return strdup(s);
	size_t n = strlen(s) + 1;
	char *d = arena_alloc(n);
	if (d)
		memcpy(d, s, n);
	return d;
}

void crm_xmlalloc_install(void)
{
	installed = xmlMemSetup(x_free, x_malloc, x_realloc, x_strdup) == 0;
}

bool crm_xmlalloc_begin(void)
{
	if (!installed || me.on)
		return false;
	/* The first render of a thread fills what libxml2 and libxslt create once and keep
	 * (per-thread state, the stylesheet's lazily made parts): that must not be arena. */
	if (!me.warm) {
		me.warm = true;
		return false;
	}
	me.on = true;
	return true;
}

void crm_xmlalloc_end(void)
{
	if (!me.on)
		return;
	/* libxml2 keeps the thread's last error, whose texts may be in the arena. */
	xmlResetLastError();
	me.on = false;
	me.last = NULL;
	chunk *keep = NULL;
	for (chunk *c = me.cur; c; c = c->prev)
		if (c->size <= KEEP_MAX && (!keep || c->size > keep->size))
			keep = c;
	for (chunk *c = me.cur, *prev; c; c = prev) {
		prev = c->prev;
		if (c != keep) {
			UNPOISON(c->data, c->size);
			free(c);
		}
	}
	if (keep) {
		POISON(keep->data, keep->used);
		keep->prev = NULL;
		keep->used = 0;
	}
	me.cur = keep;
}

void crm_xmlalloc_thread_end(void)
{
	crm_xmlalloc_end();
	for (chunk *c = me.cur, *prev; c; c = prev) {
		prev = c->prev;
		UNPOISON(c->data, c->size);
		free(c);
	}
	me = (arena){0};
}
