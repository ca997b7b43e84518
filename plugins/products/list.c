/* The catalog's list: search by name (its start or any word) and SKU, filters by kind
 * and status, four sorts, keyset paging; one statement per page whatever its length. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "products.h"

#define MAX_PARAMS 12
/* The column of p.price in the page's statement. */
#define PRICE_COL 5

/* The sorts: the column, and whether it descends; the key's type for the cursor. */
static const struct {
	const char *name, *col;
	bool desc;
} sorts[] = {
	{"", "p.name", false},
	{"price", "p.price", false},
	{"price_desc", "p.price", true},
	{"created", "p.created_at", true},
};

typedef struct query {
	const char *q, *kind, *status, *sort;
	size_t sort_i;
	const char *from, *where;
	const char *v[MAX_PARAMS];
	size_t n;
} query;

static void param(query *q, const char *v)
{
	if (q->n < MAX_PARAMS)
		q->v[q->n++] = v;
}


/* The words of text as a boolean full-text query, each required and matched by its
 * start ("+ноут* +len*"); operators typed are dropped. "" when no word is left. */
static const char *words(crm_pool *p, const char *text)
{
	char *out = crm_palloc(p, strlen(text) * 3 + 4), *o = out;
	bool in_word = false;
	for (const unsigned char *s = (const unsigned char *)text;; s++) {
		bool letter = *s >= 0x80 || isalnum(*s);
		if (letter && !in_word) {
			if (o > out)
				*o++ = ' ';
			*o++ = '+';
		} else if (!letter && in_word) {
			*o++ = '*';
		}
		in_word = letter;
		if (!*s)
			break;
		if (letter)
			*o++ = (char)*s;
	}
	*o = 0;
	return out;
}

static int read_query(crm_req *r, query *q)
{
	crm_pool *p = crm_req_pool(r);
	memset(q, 0, sizeof *q);
	q->q = crm_query_input(r, "q");
	q->kind = crm_query_input(r, "kind");
	q->status = crm_query_input(r, "status");
	q->sort = crm_query_input(r, "sort");
	if (strlen(q->q) > 200)
		return CRM_EINVAL;
	if (!product_listed(product_kinds, q->kind))
		q->kind = "";
	if (strcmp(q->status, "archived") && strcmp(q->status, "all"))
		q->status = "";
	for (size_t i = 0; i < CRM_LEN(sorts); i++)
		if (!strcmp(q->sort, sorts[i].name))
			q->sort_i = i;
	q->sort = sorts[q->sort_i].name;
	/* The access condition comes first: its "?" is the first parameter. */
	q->where = crm_access_sql(r, "p", "product", CRM_READ);
	param(q, crm_psprintf(p, "%lld", (long long)crm_req_user(r)));
	q->from = " FROM product p ";
	if (*q->q) {
		/* Each way of finding starts from its own index: the name's start, the SKU's
		 * start, any word of the name. */
		const char *like = crm_like_prefix(p, q->q), *ft = words(p, q->q);
		q->from = " FROM (SELECT id FROM product WHERE name LIKE ? UNION SELECT id FROM product WHERE sku LIKE ? "
			  "UNION SELECT id FROM product WHERE MATCH(name) AGAINST (? IN BOOLEAN MODE)) m "
			  "JOIN product p ON p.id = m.id ";
		/* The FROM's parameters go before the access condition's. */
		memmove(q->v + 3, q->v, q->n * sizeof *q->v);
		q->v[0] = like;
		q->v[1] = like;
		q->v[2] = *ft ? ft : "\"\"";
		q->n += 3;
	}
	if (*q->kind) {
		q->where = crm_psprintf(p, "%s AND p.kind = ?", q->where);
		param(q, q->kind);
	}
	if (!*q->status)
		q->where = crm_psprintf(p, "%s AND p.active = 1", q->where);
	else if (!strcmp(q->status, "archived"))
		q->where = crm_psprintf(p, "%s AND p.active = 0", q->where);
	return 0;
}

static const char *list_url(crm_req *r, const query *q)
{
	crm_pool *p = crm_req_pool(r);
	const char *url = "/products", *sep = "?";
	const char *kv[][2] = {{"q", q->q}, {"kind", q->kind}, {"status", q->status}, {"sort", q->sort}};
	for (size_t i = 0; i < CRM_LEN(kv); i++) {
		if (!*kv[i][1])
			continue;
		url = crm_psprintf(p, "%s%s%s=%s", url, sep, kv[i][0], crm_url_encode(p, kv[i][1]));
		sep = "&";
	}
	return url;
}

static void option(xmlNodePtr sel, const char *value, const char *label)
{
	crm_xml_attr(crm_xml_add(sel, "option", label), "value", value);
}

int products_list(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	query q;
	if (read_query(r, &q) < 0)
		return crm_error(r, 400, "products.bad_filter");
	bool back = crm_list_back(r), desc = sorts[q.sort_i].desc;
	const char *col = sorts[q.sort_i].col, *cursor = crm_list_cursor(r), *keyset = "";
	char *end;
	long long cur_id = strtoll(cursor, &end, 10);
	if (*cursor && !*end && cur_id > 0) {
		/* The key of the row we left: its id names it, its sort value is read here. */
		const char *ksql = crm_psprintf(p, "SELECT %s FROM product p WHERE p.id = ?", col);
		crm_rows *k = crm_db_query(r, ksql, "i", (int64_t)cur_id);
		if (!k)
			return CRM_EDB;
		if (k->n_rows) {
			/* Ascending columns go up, descending ones down; going back reverses either. */
			const char *op = (desc != back) ? "<" : ">";
			const char *val = q.sort_i == 1 || q.sort_i == 2 ? "CAST(? AS SIGNED)" : "?";
			keyset = crm_psprintf(p, " AND (%s %s %s OR (%s = %s AND p.id %s ?))", col, op, val, col, val, op);
			param(&q, crm_rows_get(k, 0, 0));
			param(&q, crm_rows_get(k, 0, 0));
			param(&q, crm_psprintf(p, "%lld", cur_id));
		}
	}
	const char *order = (desc != back) ? crm_psprintf(p, "%s DESC, p.id DESC", col) : crm_psprintf(p, "%s, p.id", col);
	const char *sql = crm_psprintf(p,
		"SELECT p.id, p.kind, p.name, p.sku, p.unit, p.price, p.currency, p.tax, p.active%sWHERE %s%s "
		"ORDER BY %s LIMIT %d", q.from, q.where, keyset, order, PRODUCTS_PAGE + 1);
	crm_rows *rows = crm_db_queryv(r, sql, q.v, q.n);
	if (!rows)
		return CRM_EDB;
	/* Prices as the reader's locale writes them, a column of their own; the price column
	 * itself as the plain decimal of its currency rather than minor units. */
	const char *locale = crm_req_locale(r);
	crm_rows *shown = crm_palloc(p, sizeof *shown);
	size_t w = rows->n_cols + 1, n = rows->n_rows;
	*shown = (crm_rows){.n_rows = n, .n_cols = w};
	shown->cols = crm_palloc(p, w * sizeof *shown->cols);
	memcpy(shown->cols, rows->cols, rows->n_cols * sizeof *shown->cols);
	shown->cols[w - 1] = "price_text";
	shown->cells = crm_palloc(p, (n ? n : 1) * w * sizeof *shown->cells);
	shown->lens = crm_palloc(p, (n ? n : 1) * w * sizeof *shown->lens);
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < rows->n_cols; k++) {
			shown->cells[i * w + k] = rows->cells[i * rows->n_cols + k];
			shown->lens[i * w + k] = rows->lens[i * rows->n_cols + k];
		}
		int64_t price = strtoll(crm_rows_by(rows, i, "price"), NULL, 10);
		const char *currency = crm_rows_by(rows, i, "currency");
		const char *t = crm_money_number(p, price, currency, locale, CRM_MONEY_FRACTION);
		shown->cells[i * w + w - 1] = t;
		shown->lens[i * w + w - 1] = strlen(t);
		const char *plain = crm_money_plain(p, price, currency);
		shown->cells[i * w + PRICE_COL] = plain;
		shown->lens[i * w + PRICE_COL] = strlen(plain);
	}

	xmlNodePtr c = crm_page(r, "products.list", "products.title");
	if (crm_req_can(r, "products.edit"))
		crm_xml_attr(c, "editor", "1");
	xmlNodePtr f = crm_xml_add(c, "form", NULL);
	crm_xml_attr(f, "action", "/products");
	crm_xml_attr(f, "method", "get");
	crm_xml_attr(f, "class", "search product-filters");
	xmlNodePtr x = crm_form_field(f, "q", "products.search", "search", q.q);
	crm_xml_attr(x, "placeholder", "products.search_hint");
	crm_xml_attr(x, "maxlength", "200");
	x = crm_form_field(f, "kind", "products.kind", "select", q.kind);
	option(x, "", "products.any");
	option(x, "product", "products.kind.product");
	option(x, "service", "products.kind.service");
	x = crm_form_field(f, "status", "products.status", "select", q.status);
	option(x, "", "products.status.active");
	option(x, "archived", "products.status.archived");
	option(x, "all", "products.status.all");
	x = crm_form_field(f, "sort", "products.sort", "select", q.sort);
	option(x, "", "products.sort.name");
	option(x, "price", "products.sort.price");
	option(x, "price_desc", "products.sort.price_desc");
	option(x, "created", "products.sort.created");
	crm_form_submit(f, "products.apply");

	xmlNodePtr list = crm_rows_list(r, c, shown, PRODUCTS_PAGE, "products", "product", 0, list_url(r, &q));
	crm_xml_attr(list, "filtered", *q.q || *q.kind || *q.status ? "1" : NULL);
	return 0;
}
