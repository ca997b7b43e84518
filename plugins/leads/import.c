/* The leads importer: batches of rows (CSV, or XLSX through the core's reader) checked
 * with the form's rules, matched to existing leads by E.164 phone or email, and stored
 * with a fixed number of statements per batch; and "export all" of leads. */
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

/* One row on its way in (the lead it matches is in the row's fate). */
typedef struct item {
	int64_t funnel_id, status_id, source_id;
	const char *phone, *e164, *email, *currency, *budget; /* budget: minor units as text */
	const char *dup_currency; /* the matched lead's */
} item;

/* Whether v names the list entry called name: as stored, as the importing user reads
 * it, or a seeded entry by its key's last word ("website" for leads.source.website). */
static bool names(crm_req *r, const char *name, const char *v)
{
	crm_pool *p = crm_req_pool(r);
	const char *f = crm_import_fold(p, v), *dot = strrchr(name, '.');
	return !strcmp(crm_import_fold(p, name), f) || !strcmp(crm_import_fold(p, lead_label(r, name)), f) ||
	       (!strncmp(name, "leads.", 6) && dot && !strcmp(crm_import_fold(p, dot + 1), f));
}

/* Check one row and fill it; the row is refused (row->error) when a value is wrong. */
static void read_row(crm_req *r, crm_import_row *row, item *it, const crm_rows *statuses, const crm_rows *sources,
		     int64_t first_funnel)
{
	crm_pool *p = crm_req_pool(r);
	const char **v = row->values;
	if (!v[F_NAME] || crm_utf8_chars(v[F_NAME]) > 255 || !crm_one_line(v[F_NAME]))
		return crm_import_refuse(row, v[F_NAME] ? "leads.too_long_255" : "leads.name_required",
					 &fields[F_NAME]);
	it->funnel_id = first_funnel;
	if (v[F_FUNNEL]) {
		it->funnel_id = 0;
		for (size_t i = 0; i < statuses->n_rows && !it->funnel_id; i++)
			if (names(r, crm_rows_get(statuses, i, 1), v[F_FUNNEL]))
				it->funnel_id = crm_id(crm_rows_get(statuses, i, 0));
		if (!it->funnel_id)
			return crm_import_refuse(row, "leads.import.funnel_unknown", &fields[F_FUNNEL]);
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
				return crm_import_refuse(row, "leads.import.status_final", &fields[F_STATUS]);
			it->status_id = crm_id(crm_rows_get(statuses, i, 2));
		}
	}
	if (!it->status_id)
		return crm_import_refuse(row, v[F_STATUS] ? "leads.import.status_unknown" : "leads.funnel_required",
					 &fields[F_STATUS]);
	it->phone = v[F_PHONE] ? v[F_PHONE] : "";
	if (*it->phone && !crm_phone_ok(it->phone))
		return crm_import_refuse(row, "leads.phone_invalid", &fields[F_PHONE]);
	it->e164 = *it->phone ? crm_phone_e164(r, it->phone, NULL) : NULL;
	it->email = v[F_EMAIL] ? crm_email_norm(p, v[F_EMAIL]) : "";
	if (*it->email && !crm_email_ok(it->email))
		return crm_import_refuse(row, "leads.email_invalid", &fields[F_EMAIL]);
	if (v[F_SOURCE]) {
		for (size_t i = 0; i < sources->n_rows && !it->source_id; i++)
			if (names(r, crm_rows_get(sources, i, 1), v[F_SOURCE]))
				it->source_id = crm_id(crm_rows_get(sources, i, 0));
		if (!it->source_id)
			return crm_import_refuse(row, "leads.source_invalid", &fields[F_SOURCE]);
	}
	it->currency = "RUB";
	if (v[F_CURRENCY]) {
		char *cur = crm_pstrdup(p, v[F_CURRENCY]);
		for (char *x = cur; *x; x++)
			if (*x >= 'a' && *x <= 'z')
				*x = (char)(*x - 32);
		if (!crm_currency_known(cur))
			return crm_import_refuse(row, "leads.currency_invalid", &fields[F_CURRENCY]);
		it->currency = cur;
	}
	if (v[F_BUDGET]) {
		int64_t minor;
		const char *money_err;
		if (crm_money_parse(v[F_BUDGET], it->currency, 0, &minor, &money_err) < 0)
			return crm_import_refuse(row, money_err, &fields[F_BUDGET]);
		it->budget = crm_psprintf(p, "%lld", (long long)minor);
	}
	if (v[F_DESCRIPTION] && crm_utf8_chars(v[F_DESCRIPTION]) > 10000)
		return crm_import_refuse(row, "leads.too_long_10000", &fields[F_DESCRIPTION]);
	const char *err = NULL;
	if (v[F_TAGS] && crm_tags_check(r, v[F_TAGS], &err) < 0)
		return crm_import_refuse(row, err ? err : "leads.tags_invalid", &fields[F_TAGS]);
}

/* Readable leads sharing a number or an address with a row: one statement per batch. */
static int duplicates(crm_req *r, crm_import_batch *b, void *batch_items, crm_import_fate *fate)
{
	item *items = batch_items;
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
		for (size_t m = 0; !b->rows[i].error && m < rows->n_rows && !fate[i].dup_id; m++) {
			const char *ph = crm_rows_get(rows, m, 1), *em = crm_rows_get(rows, m, 2);
			if ((it->e164 && ph && !strcmp(ph, it->e164)) || (*it->email && em && !strcmp(em, it->email))) {
				fate[i].dup_id = crm_id(crm_rows_get(rows, m, 0));
				fate[i].dup_write = !strcmp(crm_rows_get(rows, m, 3), "1");
				it->dup_currency = crm_rows_get(rows, m, 4);
			}
		}
	}
	return 0;
}

/* Whether two rows share a number or an address. */
static bool same_lead(const void *rows, size_t i, size_t k)
{
	const item *a = &((const item *)rows)[i], *b = &((const item *)rows)[k];
	return (a->e164 && b->e164 && !strcmp(a->e164, b->e164)) || (*a->email && *b->email && !strcmp(a->email, b->email));
}

/* A budget without a currency keeps the lead's: read it in that one's digits. */
static bool updating(crm_req *r, void *rows, size_t i, crm_import_row *row)
{
	item *it = &((item *)rows)[i];
	int64_t minor;
	const char *money_err;
	if (!it->budget || row->values[F_CURRENCY])
		return true;
	if (crm_money_parse(row->values[F_BUDGET], it->dup_currency, 0, &minor, &money_err) < 0) {
		crm_import_refuse(row, money_err, &fields[F_BUDGET]);
		return false;
	}
	it->budget = crm_psprintf(crm_req_pool(r), "%lld", (long long)minor);
	return true;
}

static const crm_import_rules rules = {
	.find = duplicates,
	.same = same_lead,
	.updating = updating,
	.read_only = "leads.import.duplicate_read_only",
};

/* The leads matched for update, in one statement: what a row gives replaces what the
 * lead holds (empty: keep). */
static int update_leads(crm_req *r, crm_import_batch *b, const item *items, const crm_import_fate *fate,
			const int64_t *owners)
{
	crm_import_json *j = crm_import_json_new(r);
	for (size_t i = 0; i < b->n_rows; i++) {
		if (!fate[i].update)
			continue;
		const char **v = b->rows[i].values;
		crm_import_json_next(j, fate[i].dup_id);
		crm_import_json_str(j, "nm", v[F_NAME]);
		crm_import_json_int(j, "so", items[i].source_id);
		if (items[i].budget)
			crm_import_json_int(j, "bu", strtoll(items[i].budget, NULL, 10));
		crm_import_json_str(j, "cu", v[F_CURRENCY] ? items[i].currency : NULL);
		crm_import_json_str(j, "de", v[F_DESCRIPTION]);
		crm_import_json_int(j, "ow", owners[i]);
	}
	const char *json = crm_import_json_text(j);
	return json && crm_db_exec(r,
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
	crm_import_fate *fate = crm_palloc(p, (b->n_rows + 1) * sizeof *fate);
	int64_t *owners = crm_palloc(p, (b->n_rows + 1) * sizeof *owners);
	crm_rows *statuses = lead_statuses(r);
	crm_rows *sources = crm_db_query(r, "SELECT id, name FROM lead_source ORDER BY position, id", "");
	crm_import_autoinc ai;
	if (!statuses || !sources || crm_import_autoinc_read(r, &ai) < 0)
		return CRM_EDB;
	int64_t first_funnel = statuses->n_rows ? crm_id(crm_rows_get(statuses, 0, 0)) : 0;
	for (size_t i = 0; i < b->n_rows; i++)
		if (!b->rows[i].error)
			read_row(r, &b->rows[i], &items[i], statuses, sources, first_funnel);
	int rc = crm_import_users(r, b, fields, F_MANAGER, "leads.import.manager_unknown", owners);
	if (!rc)
		rc = crm_import_decide(r, b, fate, &rules, items);
	if (rc || dry)
		return rc;
	size_t n_new = 0;
	for (size_t i = 0; i < b->n_rows; i++)
		n_new += fate[i].create;
	enum { COLS = 11 };
	const char **params = crm_palloc(p, (n_new + 1) * COLS * sizeof *params);
	const char **names_new = crm_palloc(p, (n_new + 1) * sizeof *names_new);
	int64_t *new_ids = crm_palloc(p, (n_new + 1) * sizeof *new_ids);
	const char *me = crm_psprintf(p, "%lld", (long long)crm_req_user(r));
	size_t k = 0, j = 0;
	for (size_t i = 0; i < b->n_rows; i++) {
		const item *it = &items[i];
		if (!fate[i].create)
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
		params[k++] = owners[i] ? lead_id_text(r, owners[i]) : me;
	}
	if (n_new && (rc = crm_import_insert(r, "INSERT INTO lead (name, funnel_id, status_id, phone, phone_e164, "
						"email, source_id, budget, currency, description, owner_id) VALUES ",
					     "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", COLS, params, n_new, new_ids,
					     &ai)) < 0)
		return rc;
	if ((rc = update_leads(r, b, items, fate, owners)) < 0 ||
	    (rc = crm_import_stored(r, b, fate, "lead", new_ids, names_new, "leads.import.history_updated")) < 0)
		return rc;
	for (size_t i = 0; i < b->n_rows; i++)
		if (b->rows[i].id && owners[i] && owners[i] != crm_req_user(r))
			crm_import_notify(r, owners[i], 1, "leads.import.made_manager", "/leads");
	return crm_import_tags(r, b, "lead", F_TAGS);
}

/* ===== export all ===== */

static const char *const export_header[] = {
	"id", "name", "funnel", "status", "phone", "email", "source", "budget", "currency", "description", "tags",
	"manager", "contact_id", "company_id", "visibility", "created_at",
};

/* List names as the user reads them, the budget as decimals of its currency. */
static void export_fix(crm_req *r, const char **cells)
{
	cells[2] = lead_label(r, cells[2]);
	cells[3] = lead_label(r, cells[3]);
	cells[6] = cells[6] ? lead_label(r, cells[6]) : NULL;
	cells[7] = cells[7] ? crm_money_plain(crm_req_pool(r), strtoll(cells[7], NULL, 10), cells[8]) : NULL;
}

static int export_all(crm_req *r, crm_csv *out)
{
	const char *sql = crm_psprintf(crm_req_pool(r),
		"SELECT l.id, l.name, f.name, s.name, l.phone, l.email, so.name, l.budget, l.currency, l.description, %s, "
		"u.login, l.contact_id, l.company_id, l.visibility, l.created_at FROM lead l "
		"JOIN lead_funnel f ON f.id = l.funnel_id JOIN lead_status s ON s.id = l.status_id "
		"LEFT JOIN lead_source so ON so.id = l.source_id LEFT JOIN crm_user u ON u.id = l.owner_id "
		"WHERE l.id > ? AND %s ORDER BY l.id",
		crm_tags_column_sql(r, "l", "lead"), crm_access_sql(r, "l", "lead", CRM_READ));
	return crm_export_rows(r, out, export_header, CRM_LEN(export_header), sql, 0, export_fix);
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
