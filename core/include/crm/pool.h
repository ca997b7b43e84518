/* Memory pools: everything a request needs, freed in one go when it ends. */
#ifndef CRM_POOL_H
#define CRM_POOL_H

#include <stdarg.h>
#include <stddef.h>

typedef struct crm_pool crm_pool;
typedef void (*crm_cleanup_fn)(void *data);

/* A new pool; blocks grow as needed. */
crm_pool *crm_pool_new(void);
/* Run cleanups (last registered first) and free all memory. */
void crm_pool_free(crm_pool *p);
/* Run cleanups and free all but the first block, for reuse by the next request. */
void crm_pool_reset(crm_pool *p);
/* Zeroed memory aligned for any type; never NULL (aborts on exhaustion). */
void *crm_palloc(crm_pool *p, size_t n);
/* Copy of s (NULL gives NULL). */
char *crm_pstrdup(crm_pool *p, const char *s);
/* Copy of the first n bytes of s, NUL-terminated. */
char *crm_pstrndup(crm_pool *p, const char *s, size_t n);
/* printf into the pool. */
char *crm_psprintf(crm_pool *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *crm_pvsprintf(crm_pool *p, const char *fmt, va_list ap);
/* Call fn(data) when the pool is reset or freed: result sets, XML documents, handles. */
void crm_pool_cleanup(crm_pool *p, crm_cleanup_fn fn, void *data);

#endif
