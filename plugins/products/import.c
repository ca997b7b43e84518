/* The catalog's importer (price lists from CSV or XLSX through the core's wizard): rows
 * checked with the form's rules, matched to existing products by SKU, stored with a
 * fixed number of statements per batch; and "export all" of the catalog. */
#include <ctype.h>
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

/* A row as it will be stored (the product it matches is in the row's fate). */
typedef struct item {
	const char *v[N_FIELDS]; /* kind, price, currency, tax, active in their stored form */
	const char *price;       /* the price as the sheet writes it */
	const char *dup_currency; /* the matched product's currency */
} item;

/* The stored tax of what a sheet says: "vat20", "НДС 20%", "20%", "без НДС"; NULL if none reads. */
static const char *tax_of(crm_pool *p, const char *typed)
{
	static const char *const none[] = {"", "none", "novat", "безндс", "-", "—", NULL};
	const char *t = crm_import_fold(p, typed);
	if (product_listed(none, t))
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
		crm_import_refuse(row, err, &fields[F_PRICE]);
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
	const char *kind = crm_import_fold(p, v[F_KIND]), *active = crm_import_fold(p, v[F_ACTIVE]);
	const char *money_err = NULL;
	int64_t minor = 0;
	char *cur = crm_pstrdup(p, v[F_CURRENCY]);
	for (char *c = cur; *c; c++)
		*c = (char)toupper((unsigned char)*c);
	if (crm_utf8_chars(v[F_NAME]) > PRODUCT_NAME_MAX || !crm_one_line(v[F_NAME]))
		crm_import_refuse(row, "products.name_too_long", &fields[F_NAME]);
	else if (!*v[F_NAME])
		crm_import_refuse(row, "products.name_required", &fields[F_NAME]);
	else if (crm_utf8_chars(v[F_SKU]) > PRODUCT_SKU_MAX || !crm_one_line(v[F_SKU]))
		crm_import_refuse(row, "products.sku_invalid", &fields[F_SKU]);
	else if (!product_listed(products, kind) && !product_listed(services, kind))
		crm_import_refuse(row, "products.kind_invalid", &fields[F_KIND]);
	else if (crm_utf8_chars(v[F_UNIT]) > PRODUCT_UNIT_MAX || !crm_one_line(v[F_UNIT]))
		crm_import_refuse(row, "products.unit_invalid", &fields[F_UNIT]);
	else if (!*v[F_PRICE])
		crm_import_refuse(row, "products.price_required", &fields[F_PRICE]);
	else if (*cur && !crm_currency_known(cur))
		crm_import_refuse(row, "products.currency_invalid", &fields[F_CURRENCY]);
	else if (crm_money_parse(v[F_PRICE], *cur ? cur : default_cur, 0, &minor, &money_err) < 0)
		crm_import_refuse(row, money_err, &fields[F_PRICE]);
	else if (!(v[F_TAX] = tax_of(p, v[F_TAX])))
		crm_import_refuse(row, "products.tax_invalid", &fields[F_TAX]);
	else if (crm_utf8_chars(v[F_DESCRIPTION]) > PRODUCT_DESCRIPTION_MAX || strlen(v[F_DESCRIPTION]) > 65535)
		crm_import_refuse(row, "products.description_too_long", &fields[F_DESCRIPTION]);
	else if (!product_listed(yes, active) && !product_listed(no, active))
		crm_import_refuse(row, "products.import.active_invalid", &fields[F_ACTIVE]);
	if (row->error)
		return 0;
	v[F_KIND] = product_listed(services, kind) ? "service" : "product";
	v[F_ACTIVE] = product_listed(no, active) ? "0" : "1";
	v[F_CURRENCY] = cur;
	it->price = v[F_PRICE];
	v[F_PRICE] = crm_psprintf(p, "%lld", (long long)minor);
	return 0;
}

/* The products already holding the batch's SKUs: one statement for the batch. */
static int duplicates(crm_req *r, crm_import_batch *b, void *batch_items, crm_import_fate *fate)
{
	item *items = batch_items;
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
				fate[i].dup_id = strtoll(crm_rows_get(rows, k, 0), NULL, 10);
				/* Whoever may import may change any product. */
				fate[i].dup_write = true;
				items[i].dup_currency = crm_rows_get(rows, k, 2);
			}
	return 0;
}

/* A SKU is one product. */
static bool same_sku(const void *rows, size_t i, size_t k)
{
	const item *x = rows;
	return *x[i].v[F_SKU] && !strcasecmp(x[k].v[F_SKU], x[i].v[F_SKU]);
}

/* A price without a currency keeps the product's: read it in that one's digits. */
static bool updating(crm_req *r, void *rows, size_t i, crm_import_row *row)
{
	item *it = &((item *)rows)[i];
	if (!*it->v[F_CURRENCY])
		it->v[F_PRICE] = price_of(r, row, it->price, it->dup_currency);
	return it->v[F_PRICE] != NULL;
}

static const crm_import_rules rules = {
	.find = duplicates,
	.same = same_sku,
	.updating = updating,
	.taken = "products.import.sku_taken",
	.taken_field = &fields[F_SKU],
};

/* The updated products in one statement: a value the row leaves empty keeps the
 * product's (kind, tax and status only when the sheet has their column filled). */
static int update_products(crm_req *r, crm_import_batch *b, const item *items, const crm_import_fate *fate)
{
	static const char *const keys[N_FIELDS] = {"nm", "sk", "ki", "un", "pr", "cu", "tx", "de", "ac"};
	crm_import_json *j = crm_import_json_new(r);
	for (size_t i = 0; i < b->n_rows; i++) {
		if (!fate[i].update)
			continue;
		crm_import_json_next(j, fate[i].dup_id);
		for (size_t f = 0; f < N_FIELDS; f++)
			/* A column the sheet leaves empty changes nothing. */
			if (f != F_SKU && b->rows[i].values[f])
				crm_import_json_str(j, keys[f], items[i].v[f]);
	}
	const char *json = crm_import_json_text(j);
	return json && crm_db_exec(r,
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

static int apply(crm_req *r, crm_import_batch *b, int dry)
{
	crm_pool *p = crm_req_pool(r);
	item *items = crm_palloc(p, (b->n_rows + 1) * sizeof *items);
	crm_import_fate *fate = crm_palloc(p, (b->n_rows + 1) * sizeof *fate);
	const char *cur = crm_currency_default(r);
	int rc = 0;
	for (size_t i = 0; i < b->n_rows && !rc; i++)
		if (!b->rows[i].error)
			rc = read_row(r, &b->rows[i], &items[i], cur);
	if (rc || (rc = crm_import_decide(r, b, fate, &rules, items)) < 0 || dry)
		return rc;
	const char *owner = crm_psprintf(p, "%lld", (long long)crm_req_user(r));
	const char **params = crm_palloc(p, (b->n_rows + 1) * COLS * sizeof *params);
	const char **names = crm_palloc(p, (b->n_rows + 1) * sizeof *names);
	int64_t *new_ids = crm_palloc(p, (b->n_rows + 1) * sizeof *new_ids);
	size_t n_new = 0;
	for (size_t i = 0; i < b->n_rows; i++) {
		const char **v = items[i].v, **o = params + n_new * COLS;
		if (!fate[i].create)
			continue;
		o[0] = v[F_NAME], o[1] = v[F_SKU], o[2] = v[F_KIND], o[3] = v[F_UNIT], o[4] = v[F_PRICE];
		o[5] = *v[F_CURRENCY] ? v[F_CURRENCY] : cur, o[6] = v[F_TAX], o[7] = v[F_DESCRIPTION];
		o[8] = v[F_ACTIVE], o[9] = owner;
		names[n_new++] = v[F_NAME];
	}
	if (n_new) {
		/* Read only when rows go in: a batch of updates costs no statement more. */
		crm_import_autoinc ai;
		if ((rc = crm_import_autoinc_read(r, &ai)) < 0 ||
		    (rc = crm_import_insert(r, "INSERT INTO product (name, sku, kind, unit, price, currency, tax, "
					       "description, active, owner_id) VALUES ",
					    "(?, NULLIF(?, ''), ?, ?, ?, ?, ?, NULLIF(?, ''), ?, ?)", COLS, params, n_new,
					    new_ids, &ai)) < 0)
			return rc;
	}
	if ((rc = update_products(r, b, items, fate)) < 0)
		return rc;
	return crm_import_stored(r, b, fate, "product", new_ids, names, "products.import.history_updated");
}

/* ===== export all ===== */

/* Prices leave as decimals of their currency, as the importer reads them. */
static void export_fix(crm_req *r, const char **cells)
{
	cells[F_PRICE] = crm_money_plain(crm_req_pool(r), strtoll(cells[F_PRICE], NULL, 10), cells[F_CURRENCY]);
}

static int export_all(crm_req *r, crm_csv *out)
{
	const char *header[N_FIELDS];
	for (size_t f = 0; f < N_FIELDS; f++)
		header[f] = fields[f].name;
	const char *sql = crm_psprintf(crm_req_pool(r),
		"SELECT p.id, p.name, p.sku, p.kind, p.unit, p.price, p.currency, p.tax, p.description, p.active "
		"FROM product p WHERE p.id > ? AND %s ORDER BY p.id", crm_access_sql(r, "p", "product", CRM_READ));
	return crm_export_rows(r, out, header, N_FIELDS, sql, 1, export_fix);
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
