/* GET /hello: a greeting and how many greetings its table holds;
 * GET /hello/greetings.csv: the table itself, for holders of hello.view. */
#include <string.h>
#include <crm/crm.h>

int hello_page(crm_req *r)
{
	crm_rows *count = crm_db_query(r, "SELECT COUNT(*) FROM hello_greeting", NULL);
	crm_rows *last = crm_db_query(r,
		"SELECT id, text FROM hello_greeting ORDER BY id DESC LIMIT 5", NULL);
	if (!count || !last)
		return CRM_EDB; /* the core answers 503 */
	xmlNodePtr c = crm_page(r, "hello.index", "hello.title");
	/* Text from the user goes in through crm_xml_add, which escapes it. */
	const char *name = crm_req_query(r, "name");
	if (name && *name)
		crm_xml_add(c, "name", name);
	crm_xml_add(c, "count", crm_rows_get(count, 0, 0));
	crm_rows_xml(last, crm_xml_add(c, "greetings", NULL), "greeting");
	if (!last->n_rows)
		crm_xml_attr(crm_xml_add(c, "empty", NULL), "title", "hello.empty");
	return 0;
}

/* One CSV field, quoted when it must be (RFC 4180). */
static char *csv_field(crm_pool *p, const char *s)
{
	if (!strpbrk(s, "\",\r\n"))
		return crm_pstrdup(p, s);
	char *out = crm_palloc(p, 2 * strlen(s) + 3), *o = out;
	*o++ = '"';
	for (; *s; s++) {
		if (*s == '"')
			*o++ = '"';
		*o++ = *s;
	}
	*o++ = '"';
	return out;
}

int hello_csv(crm_req *r)
{
	crm_rows *rows = crm_db_query(r, "SELECT id, text FROM hello_greeting ORDER BY id", NULL);
	if (!rows)
		return CRM_EDB;
	crm_pool *p = crm_req_pool(r);
	char *csv = crm_pstrdup(p, "id,text\r\n");
	for (size_t i = 0; i < rows->n_rows; i++)
		csv = crm_psprintf(p, "%s%s,%s\r\n", csv, crm_rows_get(rows, i, 0),
				   csv_field(p, crm_rows_get(rows, i, 1)));
	return crm_send(r, 200, "text/csv; charset=utf-8", csv, strlen(csv), "greetings.csv");
}
