/* The leads importer: batches of rows (CSV, or XLSX through the core's reader) checked
 * with the form's rules, matched to existing leads by E.164 phone or email, and stored
 * with a fixed number of statements per batch; and "export all" of leads. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "leads.h"

enum {
	F_NAME, F_FUNNEL, F_STATUS, F_PHONE, F_EMAIL, F_SOURCE, F_BUDGET, F_CURRENCY, F_DESCRIPTION, F_TAGS,
	F_MANAGER, N_FIELDS
};

/* In this order: the names are the columns "export all" writes, so its file imports back. */
static const crm_import_field fields[N_FIELDS] = {
	[F_NAME] = {"name", "leads.import.name", CRM_IMPORT_REQUIRED},
	[F_FUNNEL] = {"funnel", "leads.import.funnel", 0},
	[F_STATUS] = {"status", "leads.import.status", 0},
	[F_PHONE] = {"phone", "leads.import.phone", 0},
	[F_EMAIL] = {"email", "leads.import.email", 0},
	[F_SOURCE] = {"source", "leads.import.source", 0},
	[F_BUDGET] = {"budget", "leads.import.budget", 0},
	[F_CURRENCY] = {"currency", "leads.import.currency", 0},
	[F_DESCRIPTION] = {"description", "leads.import.description", 0},
	[F_TAGS] = {"tags", "leads.import.tags", 0},
	[F_MANAGER] = {"manager", "leads.import.manager", 0},
};

/* One row on its way in. */
typedef struct item {
	int64_t funnel_id, status_id, source_id, owner_id;
	const char *phone, *e164, *email, *currency, *budget; /* budget: minor units as text */
	int64_t dup_id;
	const char *dup_currency; /* the matched lead's */
	bool dup_write, create, update;
} item;

/* Lower-case ASCII and Russian letters (ё as е), drop blanks: names compare as people
 * read them ("Основная воронка", "основная  ВОРОНКА"). */
static const char *fold(crm_pool *p, const char *s)
{
	char *out = crm_palloc(p, strlen(s) + 1), *o = out;
	const unsigned char *u = (const unsigned char *)s;
	while (*u) {
		if (u[0] == 0xD0 && u[1] >= 0x90 && u[1] <= 0x9F) {
			*o++ = (char)0xD0;
			*o++ = (char)(u[1] + 0x20);
			u += 2;
		} else if (u[0] == 0xD0 && u[1] >= 0xA0 && u[1] <= 0xAF) {
			*o++ = (char)0xD1;
			*o++ = (char)(u[1] - 0x20);
			u += 2;
		} else if ((u[0] == 0xD0 && u[1] == 0x81) || (u[0] == 0xD1 && u[1] == 0x91)) {
			*o++ = (char)0xD0;
			*o++ = (char)0xB5;
			u += 2;
		} else if (*u >= 'A' && *u <= 'Z') {
			*o++ = (char)(*u++ + 32);
		} else if (*u == ' ' || *u == '\t') {
			u++;
		} else {
			*o++ = (char)*u++;
		}
	}
	*o = 0;
	return out;
}

/* Whether v names the list entry called name: as stored, as the importing user reads
 * it, or a seeded entry by its key's last word ("website" for leads.source.website). */
static bool names(crm_req *r, const char *name, const char *v)
{
	crm_pool *p = crm_req_pool(r);
	const char *f = fold(p, v), *dot = strrchr(name, '.');
	return !strcmp(fold(p, name), f) || !strcmp(fold(p, lead_label(r, name)), f) ||
	       (!strncmp(name, "leads.", 6) && dot && !strcmp(fold(p, dot + 1), f));
}

static void refuse(crm_import_row *row, const char *key, int field)
{
	row->error = key;
	row->error_field = field >= 0 ? fields[field].name : NULL;
}

/* INSERT "head" with n tuples of cols parameters each, in statements of 100, 10 and 1
 * tuples; with ids, the new AUTO_INCREMENT ids (a multi-row INSERT takes consecutive
 * ones unless auto-increment interleaves: max_rows 1 then). */
static int insert_rows(crm_req *r, const char *head, const char *tuple, size_t cols, const char *const *params,
		       size_t n, int64_t *ids, int64_t step, size_t max_rows)
{
	static const size_t sizes[] = {100, 10, 1};
	size_t at = 0;
	for (size_t s = 0; s < CRM_LEN(sizes); s++) {
		size_t k = sizes[s];
		if (k > max_rows || n - at < k)
			continue;
		const char *sql = crm_db_tuples(crm_req_pool(r), head, tuple, k);
		for (; n - at >= k; at += k) {
			int64_t got = crm_db_execv(r, sql, params + at * cols, k * cols);
			if (got < 0)
				return (int)got;
			if ((size_t)got != k)
				return CRM_EINTERNAL;
			int64_t first = crm_db_last_id(r);
			for (size_t i = 0; ids && i < k; i++)
				ids[at + i] = first + (int64_t)i * step;
		}
	}
	return 0;
}

/* Check one row and fill it; the row is refused (row->error) when a value is wrong. */
static void read_row(crm_req *r, crm_import_row *row, item *it, const crm_rows *statuses, const crm_rows *sources,
		     int64_t first_funnel)
{
	crm_pool *p = crm_req_pool(r);
	const char **v = row->values;
	if (!v[F_NAME] || crm_utf8_chars(v[F_NAME]) > 255 || !crm_one_line(v[F_NAME]))
		return refuse(row, v[F_NAME] ? "leads.too_long_255" : "leads.name_required", F_NAME);
	it->funnel_id = first_funnel;
	if (v[F_FUNNEL]) {
		it->funnel_id = 0;
		for (size_t i = 0; i < statuses->n_rows && !it->funnel_id; i++)
			if (names(r, crm_rows_get(statuses, i, 1), v[F_FUNNEL]))
				it->funnel_id = crm_id(crm_rows_get(statuses, i, 0));
		if (!it->funnel_id)
			return refuse(row, "leads.import.funnel_unknown", F_FUNNEL);
	}
	for (size_t i = 0; i < statuses->n_rows && !it->status_id; i++) {
		if (crm_id(crm_rows_get(statuses, i, 0)) != it->funnel_id)
			continue;
		bool open = !strcmp(crm_rows_get(statuses, i, 4), "open");
		if (!v[F_STATUS] && open)
			it->status_id = crm_id(crm_rows_get(statuses, i, 2));
		else if (v[F_STATUS] && names(r, crm_rows_get(statuses, i, 3), v[F_STATUS])) {
			/* Qualifying makes deals and disqualifying needs a reason: on the card, not here. */
			if (!open)
				return refuse(row, "leads.import.status_final", F_STATUS);
			it->status_id = crm_id(crm_rows_get(statuses, i, 2));
		}
	}
	if (!it->status_id)
		return refuse(row, v[F_STATUS] ? "leads.import.status_unknown" : "leads.funnel_required", F_STATUS);
	it->phone = v[F_PHONE] ? v[F_PHONE] : "";
	if (*it->phone && !lead_phone_ok(it->phone))
		return refuse(row, "leads.phone_invalid", F_PHONE);
	it->e164 = *it->phone ? crm_phone_e164(r, it->phone, NULL) : NULL;
	it->email = v[F_EMAIL] ? lead_email_norm(p, v[F_EMAIL]) : "";
	if (*it->email && !lead_email_ok(it->email))
		return refuse(row, "leads.email_invalid", F_EMAIL);
	if (v[F_SOURCE]) {
		for (size_t i = 0; i < sources->n_rows && !it->source_id; i++)
			if (names(r, crm_rows_get(sources, i, 1), v[F_SOURCE]))
				it->source_id = crm_id(crm_rows_get(sources, i, 0));
		if (!it->source_id)
			return refuse(row, "leads.source_invalid", F_SOURCE);
	}
	it->currency = "RUB";
	if (v[F_CURRENCY]) {
		char *cur = crm_pstrdup(p, v[F_CURRENCY]);
		for (char *x = cur; *x; x++)
			if (*x >= 'a' && *x <= 'z')
				*x = (char)(*x - 32);
		if (!crm_currency_known(cur))
			return refuse(row, "leads.currency_invalid", F_CURRENCY);
		it->currency = cur;
	}
	if (v[F_BUDGET]) {
		int64_t minor;
		const char *money_err;
		if (crm_money_parse(v[F_BUDGET], it->currency, 0, &minor, &money_err) < 0)
			return refuse(row, money_err, F_BUDGET);
		it->budget = crm_psprintf(p, "%lld", (long long)minor);
	}
	if (v[F_DESCRIPTION] && crm_utf8_chars(v[F_DESCRIPTION]) > 10000)
		return refuse(row, "leads.too_long_10000", F_DESCRIPTION);
	const char *err = NULL;
	if (v[F_TAGS] && crm_tags_check(r, v[F_TAGS], &err) < 0)
		return refuse(row, err ? err : "leads.tags_invalid", F_TAGS);
}

/* Logins of the manager column to active users' ids, one statement for the batch. */
static int managers(crm_req *r, crm_import_batch *b, item *items)
{
	crm_pool *p = crm_req_pool(r);
	const char **logins = crm_palloc(p, (b->n_rows + 1) * sizeof *logins);
	size_t n = 0;
	for (size_t i = 0; i < b->n_rows; i++)
		if (!b->rows[i].error && b->rows[i].values[F_MANAGER])
			logins[n++] = b->rows[i].values[F_MANAGER];
	if (!n)
		return 0;
	crm_rows *rows = crm_db_query(r,
		"SELECT u.id, u.login FROM crm_user u JOIN JSON_TABLE(?, '$[*]' COLUMNS (v VARCHAR(64) "
		"CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci PATH '$')) j ON u.login = j.v WHERE u.active = 1",
		"s", crm_json_strings(p, logins, n));
	if (!rows)
		return CRM_EDB;
	for (size_t i = 0; i < b->n_rows; i++) {
		const char *login = b->rows[i].error ? NULL : b->rows[i].values[F_MANAGER];
		if (!login)
			continue;
		for (size_t k = 0; k < rows->n_rows && !items[i].owner_id; k++)
			if (!strcmp(fold(p, crm_rows_get(rows, k, 1)), fold(p, login)))
				items[i].owner_id = crm_id(crm_rows_get(rows, k, 0));
		if (!items[i].owner_id)
			refuse(&b->rows[i], "leads.import.manager_unknown", F_MANAGER);
	}
	return 0;
}

/* Readable leads sharing a number or an address with a row: one statement per batch. */
static int duplicates(crm_req *r, crm_import_batch *b, item *items)
{
	crm_pool *p = crm_req_pool(r);
	const char **phones = crm_palloc(p, (b->n_rows + 1) * sizeof *phones);
	const char **emails = crm_palloc(p, (b->n_rows + 1) * sizeof *emails);
	size_t np = 0, ne = 0;
	for (size_t i = 0; i < b->n_rows; i++) {
		if (b->rows[i].error)
			continue;
		if (items[i].e164)
			phones[np++] = items[i].e164;
		if (*items[i].email)
			emails[ne++] = items[i].email;
	}
	if (!np && !ne)
		return 0;
	const char *sql = crm_psprintf(p,
		"SELECT l.id, l.phone_e164, l.email, %s AS w, l.currency FROM lead l WHERE (l.phone_e164 IN (SELECT j.v FROM "
		"JSON_TABLE(?, '$[*]' COLUMNS (v VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci PATH '$')) j) "
		"OR l.email IN (SELECT j.v FROM JSON_TABLE(?, '$[*]' COLUMNS (v VARCHAR(254) CHARACTER SET utf8mb4 "
		"COLLATE utf8mb4_unicode_ci PATH '$')) j)) AND %s ORDER BY l.id",
		crm_access_sql(r, "l", "lead", CRM_WRITE), crm_access_sql(r, "l", "lead", CRM_READ));
	crm_rows *rows = crm_db_query(r, sql, "issi", crm_req_user(r), crm_json_strings(p, phones, np),
				      crm_json_strings(p, emails, ne), crm_req_user(r));
	if (!rows)
		return CRM_EDB;
	for (size_t i = 0; i < b->n_rows; i++) {
		item *it = &items[i];
		for (size_t m = 0; !b->rows[i].error && m < rows->n_rows && !it->dup_id; m++) {
			const char *ph = crm_rows_get(rows, m, 1), *em = crm_rows_get(rows, m, 2);
			if ((it->e164 && ph && !strcmp(ph, it->e164)) || (*it->email && em && !strcmp(em, it->email))) {
				it->dup_id = crm_id(crm_rows_get(rows, m, 0));
				it->dup_write = !strcmp(crm_rows_get(rows, m, 3), "1");
				it->dup_currency = crm_rows_get(rows, m, 4);
			}
		}
	}
	return 0;
}

/* Whether two rows share a number or an address. */
static bool same_lead(const item *a, const item *b)
{
	return (a->e164 && b->e164 && !strcmp(a->e164, b->e164)) || (*a->email && *b->email && !strcmp(a->email, b->email));
}

/* The leads matched for update, in one statement: what a row gives replaces what the
 * lead holds (empty: keep). */
static int update_leads(crm_req *r, crm_import_batch *b, const item *items)
{
	crm_pool *p = crm_req_pool(r);
	const char *json = "[";
	size_t n = 0;
	for (size_t i = 0; i < b->n_rows; i++) {
		if (!items[i].update)
			continue;
		const char **v = b->rows[i].values;
		json = crm_psprintf(p, "%s%s{\"id\":%lld,\"nm\":%s,\"so\":%lld,\"bu\":%s,\"cu\":%s,\"de\":%s,\"ow\":%lld}",
				    json, n++ ? "," : "", (long long)items[i].dup_id, lead_json_str(p, v[F_NAME]),
				    (long long)items[i].source_id, items[i].budget ? items[i].budget : "null",
				    v[F_CURRENCY] ? lead_json_str(p, items[i].currency) : "null",
				    v[F_DESCRIPTION] ? lead_json_str(p, v[F_DESCRIPTION]) : "null", (long long)items[i].owner_id);
	}
	if (!n)
		return 0;
	json = crm_psprintf(p, "%s]", json);
	return crm_db_exec(r,
		"UPDATE lead l JOIN JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$.id', "
		"nm VARCHAR(255) CHARACTER SET utf8mb4 PATH '$.nm', so BIGINT UNSIGNED PATH '$.so', bu BIGINT PATH '$.bu', "
		"cu CHAR(3) CHARACTER SET utf8mb4 PATH '$.cu', de TEXT CHARACTER SET utf8mb4 PATH '$.de', "
		"ow BIGINT UNSIGNED PATH '$.ow')) j ON l.id = j.id "
		"SET l.name = j.nm, l.source_id = COALESCE(NULLIF(j.so, 0), l.source_id), l.budget = COALESCE(j.bu, l.budget), "
		"l.currency = COALESCE(j.cu, l.currency), l.description = COALESCE(j.de, l.description), "
		"l.owner_id = COALESCE(NULLIF(j.ow, 0), l.owner_id)", "s", json) < 0 ? CRM_EDB : 0;
}

static int apply(crm_req *r, crm_import_batch *b, int dry)
{
	crm_pool *p = crm_req_pool(r);
	item *items = crm_palloc(p, (b->n_rows + 1) * sizeof *items);
	crm_rows *statuses = lead_statuses(r);
	crm_rows *sources = crm_db_query(r, "SELECT id, name FROM lead_source ORDER BY position, id", "");
	crm_rows *ai = crm_db_query(r, "SELECT @@innodb_autoinc_lock_mode, @@auto_increment_increment", "");
	if (!statuses || !sources || !ai)
		return CRM_EDB;
	size_t max_rows = atoi(crm_rows_get(ai, 0, 0)) == 2 ? 1 : 100;
	int64_t step = atoll(crm_rows_get(ai, 0, 1));
	step = step > 0 ? step : 1;
	int64_t first_funnel = statuses->n_rows ? crm_id(crm_rows_get(statuses, 0, 0)) : 0;
	for (size_t i = 0; i < b->n_rows; i++)
		if (!b->rows[i].error)
			read_row(r, &b->rows[i], &items[i], statuses, sources, first_funnel);
	int rc = managers(r, b, items);
	if (!rc && b->dup_policy != CRM_DUP_CREATE)
		rc = duplicates(r, b, items);
	if (rc)
		return rc;
	for (size_t i = 0; i < b->n_rows; i++) {
		item *it = &items[i];
		crm_import_row *row = &b->rows[i];
		if (row->error)
			continue;
		if (b->dup_policy != CRM_DUP_CREATE && !it->dup_id) {
			/* A row repeating an earlier row of the batch is that lead again. */
			bool again = false;
			for (size_t k = 0; k < i && !again; k++)
				again = (items[k].create || items[k].update) && same_lead(&items[k], it);
			if (again) {
				b->skipped++;
				continue;
			}
		}
		if (it->dup_id && b->dup_policy == CRM_DUP_SKIP)
			b->skipped++;
		else if (it->dup_id && b->dup_policy == CRM_DUP_UPDATE && !it->dup_write)
			refuse(row, "leads.import.duplicate_read_only", -1);
		else if (it->dup_id && b->dup_policy == CRM_DUP_UPDATE)
			it->update = true;
		else
			it->create = true;
		/* A budget without a currency keeps the lead's: read it in that one's digits. */
		int64_t minor;
		const char *money_err;
		if (it->update && it->budget && !row->values[F_CURRENCY]) {
			if (crm_money_parse(row->values[F_BUDGET], it->dup_currency, 0, &minor, &money_err) < 0) {
				refuse(row, money_err, F_BUDGET);
				it->update = false;
			} else {
				it->budget = crm_psprintf(p, "%lld", (long long)minor);
			}
		}
	}
	if (dry)
		return 0;
	size_t n_new = 0;
	for (size_t i = 0; i < b->n_rows; i++)
		n_new += items[i].create;
	enum { COLS = 11 };
	const char **params = crm_palloc(p, (n_new + 1) * COLS * sizeof *params);
	const char **names_new = crm_palloc(p, (n_new + 1) * sizeof *names_new);
	int64_t *new_ids = crm_palloc(p, (n_new + 1) * sizeof *new_ids);
	const char *me = crm_psprintf(p, "%lld", (long long)crm_req_user(r));
	size_t k = 0, j = 0;
	for (size_t i = 0; i < b->n_rows; i++) {
		const item *it = &items[i];
		if (!it->create)
			continue;
		const char **v = b->rows[i].values;
		names_new[j++] = v[F_NAME];
		params[k++] = v[F_NAME];
		params[k++] = lead_id_text(r, it->funnel_id);
		params[k++] = lead_id_text(r, it->status_id);
		params[k++] = it->phone;
		params[k++] = it->e164;
		params[k++] = it->email;
		params[k++] = it->source_id ? lead_id_text(r, it->source_id) : NULL;
		params[k++] = it->budget;
		params[k++] = it->currency;
		params[k++] = v[F_DESCRIPTION];
		params[k++] = it->owner_id ? lead_id_text(r, it->owner_id) : me;
	}
	if (n_new && (rc = insert_rows(r, "INSERT INTO lead (name, funnel_id, status_id, phone, phone_e164, email, source_id, "
					  "budget, currency, description, owner_id) VALUES ",
				       "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", COLS, params, n_new, new_ids, step, max_rows)) < 0)
		return rc;
	if ((rc = update_leads(r, b, items)) < 0)
		return rc;
	int64_t *ids = crm_palloc(p, (b->n_rows + 1) * sizeof *ids), *upd = crm_palloc(p, (b->n_rows + 1) * sizeof *upd);
	const char **tags = crm_palloc(p, (b->n_rows + 1) * sizeof *tags), **upd_texts = crm_palloc(p, (b->n_rows + 1) * sizeof *upd_texts);
	size_t n_ids = 0, n_upd = 0;
	const char *updated = crm_t(r, "leads.import.history_updated");
	for (size_t i = 0, m = 0; i < b->n_rows; i++) {
		int64_t id = items[i].create ? new_ids[m++] : items[i].update ? items[i].dup_id : 0;
		if (!id)
			continue;
		b->rows[i].id = id;
		if (items[i].create)
			b->created++;
		else {
			b->updated++;
			upd[n_upd] = id;
			upd_texts[n_upd++] = updated;
		}
		ids[n_ids] = id;
		tags[n_ids++] = b->rows[i].values[F_TAGS];
		if (items[i].owner_id && items[i].owner_id != crm_req_user(r))
			crm_import_notify(r, items[i].owner_id, 1, "leads.import.made_manager", "/leads");
	}
	if ((n_new && crm_history_add_many(r, "lead", new_ids, n_new, "created", names_new) < 0) ||
	    (n_upd && crm_history_add_many(r, "lead", upd, n_upd, "changed", upd_texts) < 0))
		return CRM_EDB;
	rc = crm_tags_add_each(r, "lead", ids, tags, n_ids);
	return rc < 0 ? rc : 0;
}

/* ===== export all ===== */

#define EXPORT_PAGE 1000

static const char *const export_header[] = {
	"id", "name", "funnel", "status", "phone", "email", "source", "budget", "currency", "description", "tags",
	"manager", "contact_id", "company_id", "visibility", "created_at",
};

static int export_all(crm_req *r, crm_csv *out)
{
	crm_pool *p = crm_req_pool(r);
	crm_csv_row(out, export_header, CRM_LEN(export_header));
	const char *sql = crm_psprintf(p,
		"SELECT l.id, l.name, f.name, s.name, l.phone, l.email, so.name, l.budget, l.currency, l.description, %s, "
		"u.login, l.contact_id, l.company_id, l.visibility, l.created_at FROM lead l "
		"JOIN lead_funnel f ON f.id = l.funnel_id JOIN lead_status s ON s.id = l.status_id "
		"LEFT JOIN lead_source so ON so.id = l.source_id LEFT JOIN crm_user u ON u.id = l.owner_id "
		"WHERE l.id > ? AND %s ORDER BY l.id LIMIT %d",
		crm_tags_column_sql(r, "l", "lead"), crm_access_sql(r, "l", "lead", CRM_READ), EXPORT_PAGE);
	const char *cells[CRM_LEN(export_header)];
	for (int64_t after = 0;;) {
		crm_rows *rows = crm_db_query(r, sql, "ii", after, crm_req_user(r));
		if (!rows)
			return CRM_EDB;
		for (size_t i = 0; i < rows->n_rows; i++) {
			for (size_t c = 0; c < CRM_LEN(export_header); c++)
				cells[c] = crm_rows_get(rows, i, c);
			cells[2] = lead_label(r, cells[2]);
			cells[3] = lead_label(r, cells[3]);
			cells[6] = cells[6] ? lead_label(r, cells[6]) : NULL;
			cells[7] = cells[7] ? crm_money_plain(p, strtoll(cells[7], NULL, 10), cells[8]) : NULL;
			crm_csv_row(out, cells, CRM_LEN(export_header));
		}
		if (rows->n_rows < EXPORT_PAGE)
			break;
		after = crm_id(crm_rows_get(rows, rows->n_rows - 1, 0));
	}
	return 0;
}

const crm_importer leads_importer = {
	.entity = "lead",
	.title = "leads.import.title",
	.permission = "leads.import",
	.fields = fields,
	.n_fields = N_FIELDS,
	.apply = apply,
	.export_all = export_all,
};
