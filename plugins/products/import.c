/* The catalog's importer (price lists from CSV or XLSX through the core's wizard): rows
 * checked with the form's rules, matched to existing products by SKU, stored with a
 * fixed number of statements per batch; and "export all" of the catalog. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "products.h"

enum { F_NAME, F_SKU, F_KIND, F_UNIT, F_PRICE, F_CURRENCY, F_TAX, F_DESCRIPTION, F_ACTIVE, N_FIELDS };

/* In this order: the names are the columns "export all" writes, so its file imports
 * back; the titles are the form's labels, so a sheet headed in either language maps. */
static const crm_import_field fields[N_FIELDS] = {
	[F_NAME] = {"name", "products.name", CRM_IMPORT_REQUIRED},
	[F_SKU] = {"sku", "products.sku", 0},
	[F_KIND] = {"kind", "products.kind", 0},
	[F_UNIT] = {"unit", "products.unit", 0},
	[F_PRICE] = {"price", "products.price", CRM_IMPORT_REQUIRED},
	[F_CURRENCY] = {"currency", "products.currency", 0},
	[F_TAX] = {"tax", "products.tax", 0},
	[F_DESCRIPTION] = {"description", "products.description", 0},
	[F_ACTIVE] = {"active", "products.active", 0},
};

/* A row as it will be stored, and what becomes of it. */
typedef struct item {
	const char *v[N_FIELDS]; /* kind, price, currency, tax, active in their stored form */
	const char *price;       /* the price as the sheet writes it */
	int64_t dup_id;          /* the product holding its SKU, 0 for none */
	const char *dup_currency; /* and its currency */
	bool create, update;
} item;

static void refuse(crm_import_row *row, const char *key, int field)
{
	row->error = key;
	row->error_field = field >= 0 ? fields[field].name : NULL;
}

/* s lower-cased (ASCII and Russian letters) without blanks, for matching words. */
static const char *folded(crm_pool *p, const char *s)
{
	char *out = crm_palloc(p, strlen(s) + 1), *o = out;
	for (const unsigned char *u = (const unsigned char *)s; *u;) {
		if (u[0] == 0xD0 && u[1] >= 0x90 && u[1] <= 0x9F) { /* А-П */
			*o++ = (char)0xD0;
			*o++ = (char)(u[1] + 0x20);
			u += 2;
		} else if (u[0] == 0xD0 && u[1] >= 0xA0 && u[1] <= 0xAF) { /* Р-Я */
			*o++ = (char)0xD1;
			*o++ = (char)(u[1] - 0x20);
			u += 2;
		} else if (isspace(*u)) {
			u++;
		} else {
			*o++ = (char)tolower(*u++);
		}
	}
	*o = 0;
	return out;
}

static bool among(const char *s, const char *const *words)
{
	for (; *words; words++)
		if (!strcmp(s, *words))
			return true;
	return false;
}

/* The stored tax of what a sheet says: "vat20", "НДС 20%", "20%", "без НДС"; NULL if none reads. */
static const char *tax_of(crm_pool *p, const char *typed)
{
	static const char *const none[] = {"", "none", "novat", "безндс", "-", "—", NULL};
	const char *t = folded(p, typed);
	if (among(t, none))
		return "none";
	char digits[8];
	size_t n = 0;
	for (const char *c = t; *c && n < sizeof digits - 1; c++)
		if (isdigit((unsigned char)*c))
			digits[n++] = *c;
	digits[n] = 0;
	return !strcmp(digits, "20") ? "vat20" : !strcmp(digits, "10") ? "vat10" : !strcmp(digits, "0") ? "vat0" : NULL;
}

/* The stored form of a price (minor units as text) read in currency, or NULL after
 * refusing the row. */
static const char *price_of(crm_req *r, crm_import_row *row, const char *typed, const char *currency)
{
	int64_t minor;
	const char *err;
	if (crm_money_parse(typed, currency, 0, &minor, &err) < 0) {
		refuse(row, err, F_PRICE);
		return NULL;
	}
	return crm_psprintf(crm_req_pool(r), "%lld", (long long)minor);
}

/* Check a row; a price without a currency reads in default_cur, the currency of the new
 * products it makes. */
static int read_row(crm_req *r, crm_import_row *row, item *it, const char *default_cur)
{
	crm_pool *p = crm_req_pool(r);
	const char **v = it->v;
	for (size_t f = 0; f < N_FIELDS; f++)
		v[f] = row->values[f] ? row->values[f] : "";
	static const char *const products[] = {"", "product", "товар", NULL};
	static const char *const services[] = {"service", "услуга", NULL};
	static const char *const yes[] = {"", "1", "yes", "true", "y", "да", "onsale", "впродаже", NULL};
	static const char *const no[] = {"0", "no", "false", "n", "нет", "archived", "вархиве", "архив", NULL};
	const char *kind = folded(p, v[F_KIND]), *active = folded(p, v[F_ACTIVE]);
	const char *money_err = NULL;
	int64_t minor = 0;
	char *cur = crm_pstrdup(p, v[F_CURRENCY]);
	for (char *c = cur; *c; c++)
		*c = (char)toupper((unsigned char)*c);
	if (crm_utf8_chars(v[F_NAME]) > PRODUCT_NAME_MAX || !crm_one_line(v[F_NAME]))
		refuse(row, "products.name_too_long", F_NAME);
	else if (!*v[F_NAME])
		refuse(row, "products.name_required", F_NAME);
	else if (crm_utf8_chars(v[F_SKU]) > PRODUCT_SKU_MAX || !crm_one_line(v[F_SKU]))
		refuse(row, "products.sku_invalid", F_SKU);
	else if (!among(kind, products) && !among(kind, services))
		refuse(row, "products.kind_invalid", F_KIND);
	else if (crm_utf8_chars(v[F_UNIT]) > PRODUCT_UNIT_MAX || !crm_one_line(v[F_UNIT]))
		refuse(row, "products.unit_invalid", F_UNIT);
	else if (!*v[F_PRICE])
		refuse(row, "products.price_required", F_PRICE);
	else if (*cur && !crm_currency_known(cur))
		refuse(row, "products.currency_invalid", F_CURRENCY);
	else if (crm_money_parse(v[F_PRICE], *cur ? cur : default_cur, 0, &minor, &money_err) < 0)
		refuse(row, money_err, F_PRICE);
	else if (!(v[F_TAX] = tax_of(p, v[F_TAX])))
		refuse(row, "products.tax_invalid", F_TAX);
	else if (crm_utf8_chars(v[F_DESCRIPTION]) > PRODUCT_DESCRIPTION_MAX || strlen(v[F_DESCRIPTION]) > 65535)
		refuse(row, "products.description_too_long", F_DESCRIPTION);
	else if (!among(active, yes) && !among(active, no))
		refuse(row, "products.import.active_invalid", F_ACTIVE);
	if (row->error)
		return 0;
	v[F_KIND] = among(kind, services) ? "service" : "product";
	v[F_ACTIVE] = among(active, no) ? "0" : "1";
	v[F_CURRENCY] = cur;
	it->price = v[F_PRICE];
	v[F_PRICE] = crm_psprintf(p, "%lld", (long long)minor);
	return 0;
}

/* The products already holding the batch's SKUs: one statement for the batch. */
static int duplicates(crm_req *r, crm_import_batch *b, item *items)
{
	crm_pool *p = crm_req_pool(r);
	const char **skus = crm_palloc(p, (b->n_rows + 1) * sizeof *skus);
	size_t n = 0;
	for (size_t i = 0; i < b->n_rows; i++)
		if (!b->rows[i].error && *items[i].v[F_SKU])
			skus[n++] = items[i].v[F_SKU];
	if (!n)
		return 0;
	crm_rows *rows = crm_db_query(r,
		"SELECT p.id, p.sku, p.currency FROM JSON_TABLE(?, '$[*]' COLUMNS (sku VARCHAR(64) CHARACTER SET utf8mb4 PATH '$')) j "
		"JOIN product p ON p.sku = j.sku COLLATE utf8mb4_unicode_ci", "s", crm_json_strings(p, skus, n));
	if (!rows)
		return CRM_EDB;
	for (size_t k = 0; k < rows->n_rows; k++)
		for (size_t i = 0; i < b->n_rows; i++)
			if (!b->rows[i].error && !strcasecmp(items[i].v[F_SKU], crm_rows_get(rows, k, 1))) {
				items[i].dup_id = strtoll(crm_rows_get(rows, k, 0), NULL, 10);
				items[i].dup_currency = crm_rows_get(rows, k, 2);
			}
	return 0;
}

/* A JSON string of s at o (escaped); returns the end. */
static char *jstr(char *o, const char *s)
{
	*o++ = '"';
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		if (*c == '"' || *c == '\\') {
			*o++ = '\\';
			*o++ = (char)*c;
		} else if (*c < 0x20) {
			o += sprintf(o, "\\u%04x", *c);
		} else {
			*o++ = (char)*c;
		}
	}
	*o++ = '"';
	return o;
}

/* The updated products in one statement: a value the row leaves empty keeps the
 * product's (kind, tax and status only when the sheet has their column filled). */
static int update_products(crm_req *r, crm_import_batch *b, const item *items)
{
	static const char *const keys[N_FIELDS] = {"nm", "sk", "ki", "un", "pr", "cu", "tx", "de", "ac"};
	size_t cap = 3, n = 0;
	for (size_t i = 0; i < b->n_rows; i++) {
		if (!items[i].update)
			continue;
		n++;
		cap += 64;
		for (size_t f = 0; f < N_FIELDS; f++)
			cap += 8 + strlen(items[i].v[f]) * 6;
	}
	if (!n)
		return 0;
	char *json = crm_palloc(crm_req_pool(r), cap), *o = json;
	*o++ = '[';
	for (size_t i = 0, k = 0; i < b->n_rows; i++) {
		if (!items[i].update)
			continue;
		o += sprintf(o, "%s{\"id\":%lld", k++ ? "," : "", (long long)items[i].dup_id);
		for (size_t f = 0; f < N_FIELDS; f++) {
			/* A column the sheet leaves empty changes nothing. */
			if (f == F_SKU || !b->rows[i].values[f])
				continue;
			o += sprintf(o, ",\"%s\":", keys[f]);
			o = jstr(o, items[i].v[f]);
		}
		*o++ = '}';
	}
	*o++ = ']';
	*o = 0;
	return crm_db_exec(r,
		"UPDATE product p JOIN JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$.id', "
		"nm VARCHAR(200) CHARACTER SET utf8mb4 PATH '$.nm', ki VARCHAR(16) CHARACTER SET utf8mb4 PATH '$.ki', "
		"un VARCHAR(32) CHARACTER SET utf8mb4 PATH '$.un', pr BIGINT PATH '$.pr', "
		"cu CHAR(3) CHARACTER SET utf8mb4 PATH '$.cu', tx VARCHAR(16) CHARACTER SET utf8mb4 PATH '$.tx', "
		"de TEXT CHARACTER SET utf8mb4 PATH '$.de', ac TINYINT PATH '$.ac')) j ON p.id = j.id "
		"SET p.name = COALESCE(j.nm, p.name), p.kind = COALESCE(j.ki, p.kind), p.unit = COALESCE(j.un, p.unit), "
		"p.price = COALESCE(j.pr, p.price), p.currency = COALESCE(j.cu, p.currency), p.tax = COALESCE(j.tx, p.tax), "
		"p.description = COALESCE(NULLIF(j.de, ''), p.description), p.active = COALESCE(j.ac, p.active)",
		"s", json) < 0 ? CRM_EDB : 0;
}

#define COLS 10

/* New products in statements of 100, 10 and 1 rows (three texts to prepare at most);
 * their ids in ids. A multi-row INSERT takes consecutive ids (innodb_autoinc_lock_mode 0
 * or 1; step is auto_increment_increment); elsewhere (lock mode 2, Galera) rows go in
 * one by one. */
static int insert_products(crm_req *r, const char *const *params, size_t n, int64_t *ids)
{
	crm_rows *ai = crm_db_query(r, "SELECT @@innodb_autoinc_lock_mode, @@auto_increment_increment", NULL);
	if (!ai)
		return CRM_EDB;
	size_t max_rows = atoi(crm_rows_get(ai, 0, 0)) == 2 ? 1 : 100;
	int64_t step = atoll(crm_rows_get(ai, 0, 1));
	step = step > 0 ? step : 1;
	static const size_t sizes[] = {100, 10, 1};
	size_t at = 0;
	for (size_t s = 0; s < CRM_LEN(sizes); s++) {
		size_t k = sizes[s];
		if (k > max_rows || n - at < k)
			continue;
		const char *sql = crm_db_tuples(crm_req_pool(r),
			"INSERT INTO product (name, sku, kind, unit, price, currency, tax, description, active, owner_id) VALUES ",
			"(?, NULLIF(?, ''), ?, ?, ?, ?, ?, NULLIF(?, ''), ?, ?)", k);
		for (; n - at >= k; at += k) {
			int64_t got = crm_db_execv(r, sql, params + at * COLS, k * COLS);
			if (got < 0)
				return (int)got;
			if ((size_t)got != k)
				return CRM_EINTERNAL;
			int64_t first = crm_db_last_id(r);
			for (size_t i = 0; i < k; i++)
				ids[at + i] = first + (int64_t)i * step;
		}
	}
	return 0;
}

static int apply(crm_req *r, crm_import_batch *b, int dry)
{
	crm_pool *p = crm_req_pool(r);
	item *items = crm_palloc(p, (b->n_rows + 1) * sizeof *items);
	const char *cur = crm_currency_default(r);
	int rc = 0;
	for (size_t i = 0; i < b->n_rows && !rc; i++)
		if (!b->rows[i].error)
			rc = read_row(r, &b->rows[i], &items[i], cur);
	if (rc || (rc = duplicates(r, b, items)) < 0)
		return rc;
	/* What each row does; a SKU is one product, so a row repeating an earlier row's SKU
	 * goes with it. */
	for (size_t i = 0; i < b->n_rows; i++) {
		item *it = &items[i];
		crm_import_row *row = &b->rows[i];
		if (row->error)
			continue;
		bool repeated = false;
		for (size_t k = 0; k < i && *it->v[F_SKU] && !repeated; k++)
			repeated = (items[k].create || items[k].update) && !strcasecmp(items[k].v[F_SKU], it->v[F_SKU]);
		if ((it->dup_id || repeated) && b->dup_policy == CRM_DUP_CREATE)
			refuse(row, "products.import.sku_taken", F_SKU);
		else if (repeated || (it->dup_id && b->dup_policy == CRM_DUP_SKIP))
			b->skipped++;
		else if (it->dup_id)
			it->update = true;
		else
			it->create = true;
		/* A price without a currency keeps the product's: read it in that one's digits. */
		if (it->update && !*it->v[F_CURRENCY] &&
		    !(it->v[F_PRICE] = price_of(r, row, it->price, it->dup_currency)))
			it->update = false;
	}
	if (dry)
		return 0;
	const char *owner = crm_psprintf(p, "%lld", (long long)crm_req_user(r));
	const char **params = crm_palloc(p, (b->n_rows + 1) * COLS * sizeof *params);
	int64_t *new_ids = crm_palloc(p, (b->n_rows + 1) * sizeof *new_ids);
	size_t n_new = 0;
	for (size_t i = 0; i < b->n_rows; i++) {
		const char **v = items[i].v, **o = params + n_new * COLS;
		if (!items[i].create)
			continue;
		o[0] = v[F_NAME], o[1] = v[F_SKU], o[2] = v[F_KIND], o[3] = v[F_UNIT], o[4] = v[F_PRICE];
		o[5] = *v[F_CURRENCY] ? v[F_CURRENCY] : cur, o[6] = v[F_TAX], o[7] = v[F_DESCRIPTION];
		o[8] = v[F_ACTIVE], o[9] = owner;
		n_new++;
	}
	if ((n_new && (rc = insert_products(r, params, n_new, new_ids)) < 0) || (rc = update_products(r, b, items)) < 0)
		return rc;
	/* History: "created" with the name on the new ones, "changed" on the updated ones. */
	int64_t *ids = crm_palloc(p, (b->n_rows + 1) * sizeof *ids);
	const char **texts = crm_palloc(p, (b->n_rows + 1) * sizeof *texts);
	size_t n = 0;
	for (size_t i = 0, j = 0; i < b->n_rows; i++)
		if (items[i].create) {
			b->rows[i].id = ids[n] = new_ids[j++];
			texts[n++] = items[i].v[F_NAME];
			b->created++;
		}
	if ((rc = crm_history_add_many(r, "product", ids, n, "created", texts)) < 0)
		return rc;
	n = 0;
	const char *updated = crm_t(r, "products.import.history_updated");
	for (size_t i = 0; i < b->n_rows; i++)
		if (items[i].update) {
			b->rows[i].id = ids[n] = items[i].dup_id;
			texts[n++] = updated;
			b->updated++;
		}
	return crm_history_add_many(r, "product", ids, n, "changed", texts);
}

/* ===== export all ===== */

#define EXPORT_PAGE 1000

static int export_all(crm_req *r, crm_csv *out)
{
	const char *header[N_FIELDS];
	for (size_t f = 0; f < N_FIELDS; f++)
		header[f] = fields[f].name;
	crm_csv_row(out, header, N_FIELDS);
	/* Keyset pages by id: each page is one statement whatever the catalog's size. */
	const char *sql = crm_psprintf(crm_req_pool(r),
		"SELECT p.id, p.name, p.sku, p.kind, p.unit, p.price, p.currency, p.tax, p.description, p.active "
		"FROM product p WHERE p.id > ? AND %s ORDER BY p.id LIMIT %d",
		crm_access_sql(r, "p", "product", CRM_READ), EXPORT_PAGE);
	const char *cells[N_FIELDS];
	for (int64_t after = 0;;) {
		crm_rows *rows = crm_db_query(r, sql, "ii", after, crm_req_user(r));
		if (!rows)
			return CRM_EDB;
		for (size_t i = 0; i < rows->n_rows; i++) {
			for (size_t f = 0; f < N_FIELDS; f++)
				cells[f] = crm_rows_get(rows, i, f + 1);
			/* Prices leave as decimals of their currency, as the importer reads them. */
			cells[F_PRICE] = crm_money_plain(crm_req_pool(r), strtoll(cells[F_PRICE], NULL, 10), cells[F_CURRENCY]);
			crm_csv_row(out, cells, N_FIELDS);
		}
		if (rows->n_rows < EXPORT_PAGE)
			break;
		after = atoll(crm_rows_get(rows, rows->n_rows - 1, 0));
	}
	return 0;
}

const crm_importer products_importer = {
	.entity = "product",
	.title = "products.import.title",
	.permission = "products.edit",
	.fields = fields,
	.n_fields = N_FIELDS,
	.apply = apply,
	.export_all = export_all,
};
