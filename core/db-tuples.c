/* The text of a multi-row statement: a head and k copies of one placeholder tuple. */
#include <string.h>
#include "core.h"

const char *crm_db_tuples(crm_pool *p, const char *head, const char *tuple, size_t k)
{
	size_t tl = strlen(tuple), hl = strlen(head);
	char *sql = crm_palloc(p, hl + k * (tl + 1) + 1), *o = sql;
	memcpy(o, head, hl);
	o += hl;
	for (size_t i = 0; i < k; i++) {
		if (i)
			*o++ = ',';
		memcpy(o, tuple, tl);
		o += tl;
	}
	*o = 0;
	return sql;
}
