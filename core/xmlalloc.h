/* A per-thread arena for what libxml2 and libxslt allocate while a page renders. */
#ifndef CRM_XMLALLOC_H
#define CRM_XMLALLOC_H

#include <stdbool.h>

/* Route libxml2's allocator through the arena code; once, before any other libxml2 call. */
void crm_xmlalloc_install(void);
/* Take this thread's libxml2 allocations from its arena until crm_xmlalloc_end; false
 * (and nothing changes) when not installed or on the thread's first render, its warm-up. */
bool crm_xmlalloc_begin(void);
/* Drop everything allocated since crm_xmlalloc_begin at once; no pointer into it may remain. */
void crm_xmlalloc_end(void);
/* Give this thread's arena back to the system (thread exit). */
void crm_xmlalloc_thread_end(void);

#endif
