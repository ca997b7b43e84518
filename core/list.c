/* Keyset paging for list pages: the direction and cursor from the query string, the
 * rows in display order, and the pager's links. */
#include <string.h>
#include "core.h"

int crm_list_back(crm_req *r)
{
	const char *before = crm_req_query(r, "before");
	return before && *before;
}

const char *crm_list_cursor(crm_req *r)
{
	const char *before = crm_req_query(r, "before"), *after = crm_req_query(r, "after");
	return before && *before ? before : after ? after : "";
}

xmlNodePtr crm_rows_list(crm_req *r, xmlNodePtr parent, const crm_rows *rows, size_t page,
			 const char *list_name, const char *item_name, size_t key_col, const char *base)
{
	const char *after = crm_req_query(r, "after");
	bool back = crm_list_back(r);
	xmlNodePtr list = crm_xml_add(parent, list_name, NULL);
	size_t n = rows->n_rows > page ? page : rows->n_rows;
	for (size_t k = 0; k < n; k++) {
		size_t i = back ? n - 1 - k : k; /* fetched backwards: shown in order */
		xmlNodePtr it = crm_xml_add(list, item_name, NULL);
		for (size_t col = 0; col < rows->n_cols; col++)
			crm_xml_add(it, rows->cols[col], crm_rows_get(rows, i, col));
	}
	if (!n)
		return list;
	/* Going forward, a page came before when we were sent "after"; going back, when more
	 * than a page was found. The other direction always holds at least the row we left. */
	bool prev = back ? rows->n_rows > page : (after && *after);
	bool next = back || rows->n_rows > page;
	const char *first = crm_rows_get(rows, back ? n - 1 : 0, key_col);
	const char *last = crm_rows_get(rows, back ? 0 : n - 1, key_col);
	const char *sep = strchr(base, '?') ? "&" : "?";
	xmlNodePtr pg = crm_xml_add(parent, "pager", NULL);
	if (prev)
		crm_xml_attr(pg, "prev", crm_psprintf(r->pool, "%s%sbefore=%s", base, sep, crm_url_encode(r->pool, first)));
	if (next)
		crm_xml_attr(pg, "next", crm_psprintf(r->pool, "%s%safter=%s", base, sep, crm_url_encode(r->pool, last)));
	return list;
}
