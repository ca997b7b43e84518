/* The contacts importer: batches of CSV rows checked with the form's rules
 * (contact_check), matched to existing contacts by email or E.164 phone, and stored
 * with a fixed number of statements per batch; and "export all" of contacts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "contacts.h"

enum {
	F_KIND, F_FIRST, F_LAST, F_NAME, F_COMPANY, F_JOB, F_TYPE, F_TEMP, F_EMAIL, F_EMAIL2,
	F_PHONE, F_PHONE_WORK, F_PHONE_HOME, F_SITE, F_ADDRESS, F_CURRENCY, F_DESCRIPTION, F_TAGS,
	F_MANAGER, N_FIELDS
};

/* In this order: the names are the columns "export all" writes, so its file imports back. */
static const crm_import_field fields[N_FIELDS] = {
	[F_KIND] = {"kind", "contacts.import.kind", 0},
	[F_FIRST] = {"first_name", "contacts.import.first_name", 0},
	[F_LAST] = {"last_name", "contacts.import.last_name", 0},
	[F_NAME] = {"name", "contacts.import.name", 0},
	[F_COMPANY] = {"company", "contacts.import.company", 0},
	[F_JOB] = {"job_title", "contacts.import.job_title", 0},
	[F_TYPE] = {"type", "contacts.import.type", 0},
	[F_TEMP] = {"temperature", "contacts.import.temperature", 0},
	[F_EMAIL] = {"email", "contacts.import.email", 0},
	[F_EMAIL2] = {"email2", "contacts.import.email2", 0},
	[F_PHONE] = {"phone", "contacts.import.phone", 0},
	[F_PHONE_WORK] = {"phone_work", "contacts.import.phone_work", 0},
	[F_PHONE_HOME] = {"phone_home", "contacts.import.phone_home", 0},
	[F_SITE] = {"site", "contacts.import.site", 0},
	[F_ADDRESS] = {"address", "contacts.import.address", 0},
	[F_CURRENCY] = {"currency", "contacts.import.currency", 0},
	[F_DESCRIPTION] = {"description", "contacts.import.description", 0},
	[F_TAGS] = {"tags", "contacts.import.tags", 0},
	[F_MANAGER] = {"manager", "contacts.import.manager", 0},
};

/* One row on its way in (the contact it matches is in the row's fate). */
typedef struct item {
	contact_in c;
	int src_email[CONTACT_MAX_ITEMS], src_phone[CONTACT_MAX_ITEMS]; /* field of each item */
	const char *email_n[CONTACT_MAX_ITEMS], *e164[CONTACT_MAX_ITEMS];
	const char *company;   /* a person's company, by name */
} item;

/* A name from a list (types, temperatures), as stored and as shown. */
typedef struct named {
	int64_t id;
	const char *name, *fold, *shown;
} named;

/* ===== small helpers ===== */

static const char *num(crm_pool *p, int64_t v)
{
	return crm_psprintf(p, "%lld", (long long)v);
}

/* Distinct values collected for one lookup statement. */
typedef struct set {
	const char **v;
	size_t n, cap;
} set;

static void set_add(crm_pool *p, set *s, const char *v)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->v[i], v))
			return;
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		const char **nv = crm_palloc(p, cap * sizeof *nv);
		if (s->n)
			memcpy(nv, s->v, s->n * sizeof *nv);
		s->v = nv;
		s->cap = cap;
	}
	s->v[s->n++] = v;
}

/* ===== reading a row ===== */

static const char *kind_of(crm_req *r, const char *v, const item *it)
{
	if (!v) {
		/* No kind column: a row with a name but no first or last name is a company. */
		return it->c.name && !it->c.first_name && !it->c.last_name ? "company" : "person";
	}
	crm_pool *p = crm_req_pool(r);
	const char *f = crm_import_fold(p, v);
	static const char *const persons[] = {"person", "персона", "человек", "физлицо", "контакт", NULL};
	static const char *const companies[] = {"company", "компания", "организация", "юрлицо", NULL};
	if (contact_listed(persons, f) || !strcmp(f, crm_import_fold(p, crm_t(r, "contacts.kind.person"))))
		return "person";
	if (contact_listed(companies, f) || !strcmp(f, crm_import_fold(p, crm_t(r, "contacts.kind.company"))))
		return "company";
	return NULL;
}

static int64_t find_named(crm_pool *p, const named *list, size_t n, const char *v)
{
	const char *f = crm_import_fold(p, v);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(f, list[i].fold) || !strcmp(f, list[i].shown))
			return list[i].id;
	return 0;
}

static named *load_named(crm_req *r, const char *sql, size_t *n)
{
	crm_pool *p = crm_req_pool(r);
	crm_rows *rows = crm_db_query(r, sql, NULL);
	if (!rows)
		return NULL;
	named *out = crm_palloc(p, (rows->n_rows + 1) * sizeof *out);
	for (size_t i = 0; i < rows->n_rows; i++) {
		out[i].id = atoll(crm_rows_get(rows, i, 0));
		out[i].name = crm_rows_get(rows, i, 1);
		out[i].fold = crm_import_fold(p, out[i].name);
		/* Seeded names are message keys: match what people see, too. */
		out[i].shown = crm_import_fold(p, crm_t(r, out[i].name));
	}
	*n = rows->n_rows;
	return out;
}

/* The import field an error of contact_check concerns (its names are the form's). */
static const char *field_of(const item *it, const char *form_field)
{
	static const struct { const char *form; int field; } simple[] = {
		{"kind", F_KIND}, {"first_name", F_FIRST}, {"last_name", F_LAST}, {"name", F_NAME},
		{"job_title", F_JOB}, {"description", F_DESCRIPTION}, {"currency", F_CURRENCY},
		{"company", F_COMPANY}, {"type_id", F_TYPE}, {"temperature_id", F_TEMP},
	};
	for (size_t i = 0; i < CRM_LEN(simple); i++)
		if (!strcmp(form_field, simple[i].form))
			return fields[simple[i].field].name;
	unsigned k;
	if (sscanf(form_field, "email_%u", &k) == 1 && k < CONTACT_MAX_ITEMS)
		return fields[it->src_email[k]].name;
	if (sscanf(form_field, "phone_%u", &k) == 1 && k < CONTACT_MAX_ITEMS)
		return fields[it->src_phone[k]].name;
	if (!strncmp(form_field, "link", 4))
		return fields[F_SITE].name;
	if (!strncmp(form_field, "address", 7))
		return fields[F_ADDRESS].name;
	return NULL;
}

/* Fill it from row; refuse the row (row->error) when a value is wrong. */
static int read_row(crm_req *r, crm_import_row *row, item *it, const named *types, size_t n_types,
		    const named *temps, size_t n_temps, xmlNodePtr errors)
{
	crm_pool *p = crm_req_pool(r);
	const char **v = row->values;
	contact_in *c = &it->c;
	c->first_name = v[F_FIRST];
	c->last_name = v[F_LAST];
	c->name = v[F_NAME];
	c->job_title = v[F_JOB];
	c->description = v[F_DESCRIPTION];
	if (v[F_CURRENCY]) {
		char *cur = crm_pstrdup(p, v[F_CURRENCY]);
		for (char *x = cur; *x; x++)
			if (*x >= 'a' && *x <= 'z')
				*x = (char)(*x - 32);
		c->currency = cur;
	}
	c->kind = kind_of(r, v[F_KIND], it);
	if (!c->kind) {
		crm_import_refuse(row, "contacts.kind_invalid", &fields[F_KIND]);
		return 0;
	}
	static const int emails[] = {F_EMAIL, F_EMAIL2};
	static const char *const email_kinds[] = {"work", "other"};
	for (size_t i = 0; i < CRM_LEN(emails); i++)
		if (v[emails[i]]) {
			it->src_email[c->n_emails] = emails[i];
			c->email_kinds[c->n_emails] = email_kinds[i];
			c->emails[c->n_emails++] = v[emails[i]];
		}
	static const int phones[] = {F_PHONE, F_PHONE_WORK, F_PHONE_HOME};
	static const char *const phone_kinds[] = {"mobile", "work", "home"};
	for (size_t i = 0; i < CRM_LEN(phones); i++)
		if (v[phones[i]]) {
			it->src_phone[c->n_phones] = phones[i];
			c->phone_kinds[c->n_phones] = phone_kinds[i];
			c->phones[c->n_phones++] = v[phones[i]];
		}
	if (v[F_SITE]) {
		c->link_kinds[0] = "site";
		c->links[c->n_links++] = v[F_SITE];
	}
	if (v[F_ADDRESS]) {
		c->address_kinds[0] = "work";
		c->addresses[c->n_addresses++] = v[F_ADDRESS];
	}
	/* The form's rules; list ids and the company are checked here, by name. */
	xmlNodePtr e = errors->children;
	for (; e; e = errors->children) {
		xmlUnlinkNode(e);
		xmlFreeNode(e);
	}
	int n = contact_check(r, c, errors);
	if (n < 0)
		return n;
	if (n) {
		xmlNodePtr first = errors->children;
		xmlChar *key = xmlNodeGetContent(first), *field = xmlGetProp(first, BAD_CAST "field");
		row->error = crm_pstrdup(p, (const char *)key);
		row->error_field = field ? field_of(it, (const char *)field) : NULL;
		xmlFree(key);
		xmlFree(field);
		return 0;
	}
	if (v[F_TYPE] && !(c->type_id = find_named(p, types, n_types, v[F_TYPE]))) {
		crm_import_refuse(row, "contacts.import.type_unknown", &fields[F_TYPE]);
		return 0;
	}
	if (v[F_TEMP] && !(c->temperature_id = find_named(p, temps, n_temps, v[F_TEMP]))) {
		crm_import_refuse(row, "contacts.import.temperature_unknown", &fields[F_TEMP]);
		return 0;
	}
	const char *err = NULL;
	if (v[F_TAGS] && crm_tags_check(r, v[F_TAGS], &err) < 0) {
		crm_import_refuse(row, err ? err : "contacts.import.tags_invalid", &fields[F_TAGS]);
		return 0;
	}
	if (!strcmp(c->kind, "person") && v[F_COMPANY])
		it->company = v[F_COMPANY];
	for (size_t i = 0; i < c->n_emails; i++)
		it->email_n[i] = crm_email_norm(p, c->emails[i]);
	for (size_t i = 0; i < c->n_phones; i++)
		it->e164[i] = contact_e164(r, crm_trim(p, c->phones[i]));
	return 0;
}

/* ===== lookups for a whole batch ===== */

/* Companies named by the person rows to store: those the user may read are linked,
 * the others created (one INSERT per batch). */
static int companies(crm_req *r, crm_import_batch *b, item *items, const crm_import_fate *fate,
		     const crm_import_autoinc *ai)
{
	crm_pool *p = crm_req_pool(r);
	set names = {0};
	for (size_t i = 0; i < b->n_rows; i++)
		if (!b->rows[i].error && items[i].company && (fate[i].create || fate[i].update))
			set_add(p, &names, crm_trim(p, items[i].company));
	if (!names.n)
		return 0;
	const char *sql = crm_psprintf(p,
		"SELECT MIN(c.id), c.name FROM contact c JOIN JSON_TABLE(?, '$[*]' COLUMNS (v VARCHAR(255) "
		"CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci PATH '$')) j ON c.name = j.v "
		"WHERE c.kind = 'company' AND %s GROUP BY c.name",
		crm_access_sql(r, "c", "contact", CRM_READ));
	crm_rows *rows = crm_db_query(r, sql, "si", crm_json_strings(p, names.v, names.n), crm_req_user(r));
	if (!rows)
		return CRM_EDB;
	const char **found = crm_palloc(p, (rows->n_rows + 1) * sizeof *found);
	for (size_t k = 0; k < rows->n_rows; k++)
		found[k] = crm_import_fold(p, crm_rows_get(rows, k, 1));
	/* New companies, one per name whatever its case. */
	set missing = {0}, missing_fold = {0};
	for (size_t i = 0; i < b->n_rows; i++) {
		if (b->rows[i].error || !items[i].company || (!fate[i].create && !fate[i].update))
			continue;
		const char *f = crm_import_fold(p, crm_trim(p, items[i].company));
		for (size_t k = 0; k < rows->n_rows && !items[i].c.company_id; k++)
			if (!strcmp(f, found[k]))
				items[i].c.company_id = atoll(crm_rows_get(rows, k, 0));
		if (!items[i].c.company_id) {
			size_t before = missing_fold.n;
			set_add(p, &missing_fold, f);
			if (missing_fold.n > before)
				set_add(p, &missing, crm_trim(p, items[i].company));
		}
	}
	if (!missing.n)
		return 0;
	const char *cur = contact_default_currency(r), *owner = num(p, crm_req_user(r));
	const char **params = crm_palloc(p, missing.n * 3 * sizeof *params);
	for (size_t k = 0; k < missing.n; k++) {
		params[k * 3] = missing.v[k];
		params[k * 3 + 1] = cur;
		params[k * 3 + 2] = owner;
	}
	int64_t *ids = crm_palloc(p, missing.n * sizeof *ids);
	int rc = crm_import_insert(r, "INSERT INTO contact (kind, name, currency, owner_id) VALUES ",
				   "('company', ?, ?, ?)", 3, params, missing.n, ids, ai);
	if (rc == 0)
		rc = crm_history_add_many(r, "contact", ids, missing.n, "created", missing.v);
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < b->n_rows; i++) {
		if (b->rows[i].error || !items[i].company || items[i].c.company_id ||
		    (!fate[i].create && !fate[i].update))
			continue;
		const char *f = crm_import_fold(p, crm_trim(p, items[i].company));
		for (size_t k = 0; k < missing_fold.n && !items[i].c.company_id; k++)
			if (!strcmp(f, missing_fold.v[k]))
				items[i].c.company_id = ids[k];
	}
	return 0;
}

/* Into *out (value, id, writable) of the readable contacts with one of vals in table's
 * column col (a constant, VARCHAR(width)); no statement and NULL when vals is empty. */
static int holders(crm_req *r, const char *access, const char *read, const char *table, const char *col,
		   int width, const set *vals, crm_rows **out)
{
	*out = NULL;
	if (!vals->n)
		return 0;
	crm_pool *p = crm_req_pool(r);
	const char *sql = crm_psprintf(p,
		"SELECT x.%s, c.id, %s JOIN %s x ON x.contact_id = c.id "
		"WHERE x.%s IN (SELECT j.v FROM JSON_TABLE(?, '$[*]' COLUMNS (v VARCHAR(%d) "
		"CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci PATH '$')) j) AND %s ORDER BY c.id",
		col, access, table, col, width, read);
	*out = crm_db_query(r, sql, "isi", crm_req_user(r), crm_json_strings(p, vals->v, vals->n), crm_req_user(r));
	return *out ? 0 : CRM_EDB;
}

/* The contacts the user may read that share an email or an E.164 number with a row:
 * two statements for the batch (the email and phone indexes). */
static int duplicates(crm_req *r, crm_import_batch *b, void *batch_items, crm_import_fate *fate)
{
	item *items = batch_items;
	crm_pool *p = crm_req_pool(r);
	set emails = {0}, phones = {0};
	for (size_t i = 0; i < b->n_rows; i++) {
		if (b->rows[i].error)
			continue;
		for (size_t k = 0; k < items[i].c.n_emails; k++)
			set_add(p, &emails, items[i].email_n[k]);
		for (size_t k = 0; k < items[i].c.n_phones; k++)
			if (items[i].e164[k])
				set_add(p, &phones, items[i].e164[k]);
	}
	crm_rows *by_email = NULL, *by_phone = NULL;
	const char *access = crm_psprintf(p, "%s AS w FROM contact c", crm_access_sql(r, "c", "contact", CRM_WRITE));
	const char *read = crm_access_sql(r, "c", "contact", CRM_READ);
	if (holders(r, access, read, "contact_email", "email", 254, &emails, &by_email) < 0 ||
	    holders(r, access, read, "contact_phone", "e164", 20, &phones, &by_phone) < 0)
		return CRM_EDB;
	for (size_t i = 0; i < b->n_rows; i++) {
		item *it = &items[i];
		crm_import_fate *f = &fate[i];
		if (b->rows[i].error)
			continue;
		/* The oldest matching contact wins (rows come ordered by id). */
		for (size_t m = 0; by_email && m < by_email->n_rows; m++)
			for (size_t k = 0; k < it->c.n_emails; k++)
				if (!strcmp(crm_rows_get(by_email, m, 0), it->email_n[k])) {
					int64_t id = atoll(crm_rows_get(by_email, m, 1));
					if (!f->dup_id || id < f->dup_id) {
						f->dup_id = id;
						f->dup_write = !strcmp(crm_rows_get(by_email, m, 2), "1");
					}
				}
		for (size_t m = 0; by_phone && m < by_phone->n_rows; m++)
			for (size_t k = 0; k < it->c.n_phones; k++)
				if (it->e164[k] && !strcmp(crm_rows_get(by_phone, m, 0), it->e164[k])) {
					int64_t id = atoll(crm_rows_get(by_phone, m, 1));
					if (!f->dup_id || id < f->dup_id) {
						f->dup_id = id;
						f->dup_write = !strcmp(crm_rows_get(by_phone, m, 2), "1");
					}
				}
	}
	return 0;
}

/* Whether two rows share an email or a number. */
static bool same_contact(const void *rows, size_t i, size_t k)
{
	const item *a = &((const item *)rows)[i], *b = &((const item *)rows)[k];
	for (size_t i = 0; i < a->c.n_emails; i++)
		for (size_t k = 0; k < b->c.n_emails; k++)
			if (!strcmp(a->email_n[i], b->email_n[k]))
				return true;
	for (size_t i = 0; i < a->c.n_phones; i++)
		for (size_t k = 0; k < b->c.n_phones; k++)
			if (a->e164[i] && b->e164[k] && !strcmp(a->e164[i], b->e164[k]))
				return true;
	return false;
}

static const crm_import_rules rules = {
	.find = duplicates,
	.same = same_contact,
	.read_only = "contacts.import.duplicate_read_only",
};

/* ===== storing ===== */

/* Items (emails, phones, the site, the address) of the rows created or updated, those
 * an updated contact already holds left out: one INSERT per table and batch. */
static int insert_items(crm_req *r, crm_import_batch *b, item *items, const crm_import_fate *fate)
{
	crm_pool *p = crm_req_pool(r);
	/* What updated contacts hold, and where their positions continue. */
	int64_t *upd = crm_palloc(p, (b->n_rows + 1) * sizeof *upd);
	size_t n_upd = 0;
	for (size_t i = 0; i < b->n_rows; i++)
		if (fate[i].update)
			upd[n_upd++] = fate[i].dup_id;
	crm_rows *held = NULL;
	if (n_upd) {
		held = crm_db_query(r,
			"SELECT x.contact_id, x.t, x.v, x.pos FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$')) j "
			"JOIN (SELECT contact_id, 'e' AS t, email AS v, position AS pos FROM contact_email "
			"UNION ALL SELECT contact_id, 'p', e164, position FROM contact_phone "
			"UNION ALL SELECT contact_id, 'l', url, position FROM contact_link "
			"UNION ALL SELECT contact_id, 'a', address, position FROM contact_address) x ON x.contact_id = j.id",
			"s", crm_json_ids(p, upd, n_upd));
		if (!held)
			return CRM_EDB;
	}
	size_t cap = b->n_rows * CONTACT_MAX_ITEMS + 1;
	const char **pe = crm_palloc(p, cap * 4 * sizeof *pe), **pp = crm_palloc(p, cap * 5 * sizeof *pp);
	const char **pl = crm_palloc(p, b->n_rows * 4 * sizeof *pl + 1), **pa = crm_palloc(p, b->n_rows * 4 * sizeof *pa + 1);
	size_t ne = 0, np = 0, nl = 0, na = 0;
	for (size_t i = 0; i < b->n_rows; i++) {
		item *it = &items[i];
		bool update = fate[i].update;
		if (!fate[i].create && !update)
			continue;
		const char *cid = num(p, b->rows[i].id);
		int pos = 0;
		bool has_e[CONTACT_MAX_ITEMS] = {0}, has_p[CONTACT_MAX_ITEMS] = {0}, has_l = false, has_a = false;
		const char *site = it->c.n_links ? crm_trim(p, it->c.links[0]) : NULL;
		const char *addr = it->c.n_addresses ? crm_trim(p, it->c.addresses[0]) : NULL;
		for (size_t m = 0; update && m < held->n_rows; m++) {
			if (atoll(crm_rows_get(held, m, 0)) != fate[i].dup_id)
				continue;
			const char *t = crm_rows_get(held, m, 1), *v = crm_rows_get(held, m, 2);
			int at = atoi(crm_rows_get(held, m, 3));
			pos = at >= pos ? at + 1 : pos;
			for (size_t k = 0; v && *t == 'e' && k < it->c.n_emails; k++)
				has_e[k] |= !strcmp(v, it->email_n[k]);
			for (size_t k = 0; v && *t == 'p' && k < it->c.n_phones; k++)
				has_p[k] |= it->e164[k] && !strcmp(v, it->e164[k]);
			has_l |= v && *t == 'l' && site && !strcmp(v, site);
			has_a |= v && *t == 'a' && addr && !strcmp(v, addr);
		}
		for (size_t k = 0; k < it->c.n_emails; k++) {
			if (has_e[k])
				continue;
			pe[ne++] = cid;
			pe[ne++] = it->c.email_kinds[k];
			pe[ne++] = it->email_n[k];
			pe[ne++] = num(p, pos++);
		}
		for (size_t k = 0; k < it->c.n_phones; k++) {
			if (has_p[k])
				continue;
			pp[np++] = cid;
			pp[np++] = it->c.phone_kinds[k];
			pp[np++] = crm_trim(p, it->c.phones[k]);
			pp[np++] = it->e164[k];
			pp[np++] = num(p, pos++);
		}
		if (site && !has_l) {
			pl[nl++] = cid;
			pl[nl++] = site;
			pl[nl++] = num(p, pos++);
		}
		if (addr && !has_a) {
			pa[na++] = cid;
			pa[na++] = addr;
			pa[na++] = num(p, pos++);
		}
	}
	int rc = 0;
	if (ne)
		rc = crm_import_insert(r, "INSERT INTO contact_email (contact_id, kind, email, position) VALUES ",
				       "(?, ?, ?, ?)", 4, pe, ne / 4, NULL, NULL);
	if (!rc && np)
		rc = crm_import_insert(r, "INSERT INTO contact_phone (contact_id, kind, typed, e164, position) VALUES ",
				       "(?, ?, ?, ?, ?)", 5, pp, np / 5, NULL, NULL);
	if (!rc && nl)
		rc = crm_import_insert(r, "INSERT INTO contact_link (contact_id, kind, url, position) VALUES ",
				       "(?, 'site', ?, ?)", 3, pl, nl / 3, NULL, NULL);
	if (!rc && na)
		rc = crm_import_insert(r, "INSERT INTO contact_address (contact_id, kind, address, position) VALUES ",
				       "(?, 'work', ?, ?)", 3, pa, na / 3, NULL, NULL);
	return rc;
}

/* The managers of the rows stored (b->rows[i].id set): one statement per manager. */
static int add_managers(crm_req *r, crm_import_batch *b, const int64_t *managers)
{
	crm_pool *p = crm_req_pool(r);
	int64_t *list = crm_palloc(p, (b->n_rows + 1) * sizeof *list);
	for (size_t i = 0; i < b->n_rows; i++) {
		if (!b->rows[i].id || !managers[i])
			continue;
		int64_t m = managers[i];
		bool seen = false;
		for (size_t k = 0; k < i && !seen; k++)
			seen = b->rows[k].id && managers[k] == m;
		if (seen)
			continue;
		size_t n = 0;
		for (size_t k = i; k < b->n_rows; k++)
			if (b->rows[k].id && managers[k] == m)
				list[n++] = b->rows[k].id;
		int64_t added = crm_db_exec(r, "INSERT IGNORE INTO crm_record_user (entity, record_id, user_id, kind) "
					   "SELECT 'contact', j.id, ?, 'manager' FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$')) j",
					"is", m, crm_json_ids(p, list, n));
		if (added < 0 || crm_db_exec(r, "UPDATE contact c JOIN JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$')) j "
						"ON j.id = c.id SET c.has_users = 1", "s", crm_json_ids(p, list, n)) < 0)
			return CRM_EDB;
		/* Told once when the import is over, with the count of all its batches. */
		crm_import_notify(r, m, (size_t)added, "contacts.import.notify_managed",
				  crm_psprintf(p, "/contacts?manager=%lld", (long long)m));
	}
	return 0;
}

/* The contacts matched for update, in one statement: only what a row gives replaces
 * what the contact holds (NULL: keep). A multi-table UPDATE sets its columns in no
 * given order, so the name is computed from the new values, not the updated columns. */
static int update_contacts(crm_req *r, crm_import_batch *b, const item *items, const crm_import_fate *fate)
{
	crm_pool *p = crm_req_pool(r);
	crm_import_json *j = crm_import_json_new(r);
	for (size_t i = 0; i < b->n_rows; i++) {
		if (!fate[i].update)
			continue;
		const contact_in *c = &items[i].c;
		bool person = !strcmp(c->kind, "person");
		crm_import_json_next(j, fate[i].dup_id);
		crm_import_json_int(j, "co", c->company_id);
		crm_import_json_int(j, "ty", c->type_id);
		crm_import_json_int(j, "te", c->temperature_id);
		crm_import_json_str(j, "fn", person ? crm_trim(p, c->first_name) : NULL);
		crm_import_json_str(j, "ln", person ? crm_trim(p, c->last_name) : NULL);
		crm_import_json_str(j, "nm", person ? NULL : crm_trim(p, c->name));
		crm_import_json_str(j, "jt", c->job_title ? crm_trim(p, c->job_title) : NULL);
		crm_import_json_str(j, "cu", c->currency && *c->currency ? c->currency : NULL);
		crm_import_json_str(j, "de", c->description);
	}
	const char *json = crm_import_json_text(j);
	return json && crm_db_exec(r,
		"UPDATE contact c JOIN JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$.id', "
		"co BIGINT UNSIGNED PATH '$.co', ty BIGINT UNSIGNED PATH '$.ty', te BIGINT UNSIGNED PATH '$.te', "
		"fn VARCHAR(100) CHARACTER SET utf8mb4 PATH '$.fn', ln VARCHAR(100) CHARACTER SET utf8mb4 PATH '$.ln', "
		"nm VARCHAR(255) CHARACTER SET utf8mb4 PATH '$.nm', jt VARCHAR(150) CHARACTER SET utf8mb4 PATH '$.jt', "
		"cu CHAR(3) CHARACTER SET utf8mb4 PATH '$.cu', de TEXT CHARACTER SET utf8mb4 PATH '$.de')) j ON c.id = j.id "
		"SET c.first_name = IF(c.kind = 'person', COALESCE(j.fn, c.first_name), c.first_name), "
		"c.last_name = IF(c.kind = 'person', COALESCE(j.ln, c.last_name), c.last_name), "
		"c.name = IF(c.kind = 'person', CONCAT(COALESCE(j.ln, c.last_name), ' ', COALESCE(j.fn, c.first_name)), "
		"COALESCE(j.nm, c.name)), "
		"c.company_id = IF(c.kind = 'person', COALESCE(NULLIF(j.co, 0), c.company_id), c.company_id), "
		"c.job_title = COALESCE(j.jt, c.job_title), c.type_id = COALESCE(NULLIF(j.ty, 0), c.type_id), "
		"c.temperature_id = COALESCE(NULLIF(j.te, 0), c.temperature_id), c.currency = COALESCE(j.cu, c.currency), "
		"c.description = COALESCE(j.de, c.description)",
		"s", json) < 0 ? CRM_EDB : 0;
}

static int apply(crm_req *r, crm_import_batch *b, int dry)
{
	crm_pool *p = crm_req_pool(r);
	item *items = crm_palloc(p, (b->n_rows + 1) * sizeof *items);
	crm_import_fate *fate = crm_palloc(p, (b->n_rows + 1) * sizeof *fate);
	int64_t *managers = crm_palloc(p, (b->n_rows + 1) * sizeof *managers);
	size_t n_types = 0, n_temps = 0;
	named *types = load_named(r, "SELECT id, name FROM contact_type", &n_types);
	named *temps = load_named(r, "SELECT id, name FROM contact_temperature", &n_temps);
	crm_import_autoinc ai;
	if (!types || !temps || crm_import_autoinc_read(r, &ai) < 0)
		return CRM_EDB;

	xmlNodePtr errors = xmlNewNode(NULL, BAD_CAST "errors");
	int rc = 0;
	for (size_t i = 0; i < b->n_rows && !rc; i++)
		if (!b->rows[i].error)
			rc = read_row(r, &b->rows[i], &items[i], types, n_types, temps, n_temps, errors);
	xmlFreeNode(errors);
	if (!rc)
		rc = crm_import_users(r, b, fields, F_MANAGER, "contacts.import.manager_unknown", managers);
	if (!rc)
		rc = crm_import_decide(r, b, fate, &rules, items);
	if (rc || dry)
		return rc;
	if ((rc = companies(r, b, items, fate, &ai)) < 0)
		return rc;

	/* New contacts: one multi-row INSERT per 100. */
	size_t n_new = 0;
	for (size_t i = 0; i < b->n_rows; i++)
		n_new += fate[i].create;
	const char **params = crm_palloc(p, (n_new + 1) * 11 * sizeof *params);
	const char **names = crm_palloc(p, (n_new + 1) * sizeof *names);
	int64_t *new_ids = crm_palloc(p, (n_new + 1) * sizeof *new_ids);
	const char *owner = num(p, crm_req_user(r)), *cur = contact_default_currency(r);
	size_t k = 0, j = 0;
	for (size_t i = 0; i < b->n_rows; i++) {
		const contact_in *c = &items[i].c;
		if (!fate[i].create)
			continue;
		bool person = !strcmp(c->kind, "person");
		/* The history files the name as the form does. */
		names[j++] = contact_display_name(p, c);
		params[k++] = c->kind;
		params[k++] = person ? crm_trim(p, c->first_name) : "";
		params[k++] = person ? crm_trim(p, c->last_name) : "";
		params[k++] = names[j - 1];
		params[k++] = person && c->company_id ? num(p, c->company_id) : NULL;
		params[k++] = crm_trim(p, c->job_title);
		params[k++] = c->type_id ? num(p, c->type_id) : NULL;
		params[k++] = c->temperature_id ? num(p, c->temperature_id) : NULL;
		params[k++] = c->currency && *c->currency ? c->currency : cur;
		params[k++] = c->description;
		params[k++] = owner;
	}
	if (n_new && (rc = crm_import_insert(r, "INSERT INTO contact (kind, first_name, last_name, name, "
						"company_id, job_title, type_id, temperature_id, currency, description, "
						"owner_id) VALUES ", "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", 11, params, n_new,
					     new_ids, &ai)) < 0)
		return rc;
	if ((rc = update_contacts(r, b, items, fate)) < 0 ||
	    (rc = crm_import_stored(r, b, fate, "contact", new_ids, names, "contacts.import.history_updated")) < 0 ||
	    (rc = insert_items(r, b, items, fate)) < 0 || (rc = add_managers(r, b, managers)) < 0)
		return rc;
	/* Every row's own tags in one go (a file may give each row a tag of its own). */
	return crm_import_tags(r, b, "contact", F_TAGS);
}

/* ===== export all ===== */

static const char *const export_header[] = {
	"id", "kind", "first_name", "last_name", "name", "company", "job_title", "type", "temperature",
	"email", "email2", "phone", "phone_work", "phone_home", "site", "address", "currency", "description",
	"tags", "manager", "other_emails", "other_phones", "other_links", "other_addresses", "owner",
	"visibility", "created_at",
};

/* Seeded list names (type, temperature) are message keys: write what people see. */
static void export_fix(crm_req *r, const char **cells)
{
	for (size_t k = 7; k <= 8; k++)
		if (cells[k] && !strncmp(cells[k], "contacts.", 9))
			cells[k] = crm_t(r, cells[k]);
}

static int export_all(crm_req *r, crm_csv *out)
{
	const char *sql = crm_psprintf(crm_req_pool(r),
		"SELECT c.id, c.kind, c.first_name, c.last_name, c.name, co.name, c.job_title, ty.name, te.name, "
		"(SELECT x.email FROM contact_email x WHERE x.contact_id = c.id ORDER BY x.position, x.id LIMIT 1), "
		"(SELECT x.email FROM contact_email x WHERE x.contact_id = c.id ORDER BY x.position, x.id LIMIT 1 OFFSET 1), "
		"(SELECT x.typed FROM contact_phone x WHERE x.contact_id = c.id AND x.kind = 'mobile' ORDER BY x.position, x.id LIMIT 1), "
		"(SELECT x.typed FROM contact_phone x WHERE x.contact_id = c.id AND x.kind = 'work' ORDER BY x.position, x.id LIMIT 1), "
		"(SELECT x.typed FROM contact_phone x WHERE x.contact_id = c.id AND x.kind = 'home' ORDER BY x.position, x.id LIMIT 1), "
		"(SELECT x.url FROM contact_link x WHERE x.contact_id = c.id AND x.kind = 'site' ORDER BY x.position, x.id LIMIT 1), "
		"(SELECT x.address FROM contact_address x WHERE x.contact_id = c.id ORDER BY x.position, x.id LIMIT 1), "
		"c.currency, c.description, %s, "
		"(SELECT GROUP_CONCAT(u.login ORDER BY u.login SEPARATOR ', ') FROM crm_record_user ru "
		" JOIN crm_user u ON u.id = ru.user_id WHERE ru.entity = 'contact' AND ru.record_id = c.id AND ru.kind = 'manager'), "
		"(SELECT GROUP_CONCAT(x.email ORDER BY x.position, x.id SEPARATOR '; ') FROM contact_email x WHERE x.contact_id = c.id), "
		"(SELECT GROUP_CONCAT(CONCAT(x.kind, ': ', x.typed) ORDER BY x.position, x.id SEPARATOR '; ') FROM contact_phone x WHERE x.contact_id = c.id), "
		"(SELECT GROUP_CONCAT(CONCAT(x.kind, ': ', x.url) ORDER BY x.position, x.id SEPARATOR '; ') FROM contact_link x WHERE x.contact_id = c.id), "
		"(SELECT GROUP_CONCAT(CONCAT(x.kind, ': ', x.address) ORDER BY x.position, x.id SEPARATOR '; ') FROM contact_address x WHERE x.contact_id = c.id), "
		"ow.login, c.visibility, c.created_at "
		"FROM contact c LEFT JOIN contact co ON co.id = c.company_id "
		"LEFT JOIN contact_type ty ON ty.id = c.type_id LEFT JOIN contact_temperature te ON te.id = c.temperature_id "
		"LEFT JOIN crm_user ow ON ow.id = c.owner_id "
		"WHERE c.id > ? AND %s ORDER BY c.id",
		crm_tags_column_sql(r, "c", "contact"), crm_access_sql(r, "c", "contact", CRM_READ));
	return crm_export_rows(r, out, export_header, CRM_LEN(export_header), sql, 0, export_fix);
}

const crm_importer contacts_importer = {
	.entity = "contact",
	.title = "contacts.import.title",
	.permission = "contacts.import",
	.fields = fields,
	.n_fields = N_FIELDS,
	.apply = apply,
	.export_all = export_all,
};
