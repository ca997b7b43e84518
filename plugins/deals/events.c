/* What the deals plugin answers to others: a qualified lead becomes a deal (once per
 * lead), deals follow their contact's deletion and merge, and "deal.search" /
 * "deal.describe" let other plugins pick and show deals without reading this table. */
#include <ctype.h>
#include <string.h>
#include "deals.h"

/* Ids one "deal.describe" answers at most; candidates one "deal.search" gives. */
#define DESCRIBE_MAX 500
#define SEARCH_MAX 20

static void deal_answer(crm_req *r, crm_event *ev, const char *id)
{
	xmlNodePtr d = crm_xml_add(crm_event_result(ev), "deal", NULL);
	crm_xml_attr(d, "id", id);
	crm_xml_attr(d, "url", crm_psprintf(crm_req_pool(r), "/deals/%s", id));
}

/* "lead.qualified": the deal is made once; a second publish finds it. */
int deals_on_lead_qualified(crm_req *r, crm_event *ev)
{
	crm_pool *p = crm_req_pool(r);
	int64_t lead = crm_event_id(ev);
	if (lead <= 0)
		return 0;
	crm_rows *had = crm_db_query(r, "SELECT id FROM deal WHERE lead_id = ?", "i", lead);
	if (!had)
		return CRM_EDB;
	if (had->n_rows) {
		deal_answer(r, ev, crm_rows_get(had, 0, 0));
		return 0;
	}
	const char *name = crm_trim(p, crm_event_get(ev, "name"));
	if (!*name || crm_utf8_chars(name) > 255 || !crm_one_line(name))
		name = crm_psprintf(p, "%s #%lld", crm_t(r, "deals.from_lead"), (long long)lead);
	int64_t contact = crm_id(crm_event_get(ev, "contact_id"));
	if (!contact)
		contact = crm_id(crm_event_get(ev, "company_id"));
	const char *currency = crm_event_get(ev, "currency");
	if (!crm_currency_known(currency))
		currency = crm_currency_default(r);
	/* The budget comes as a plain decimal ("12345.67"); one that does not read is dropped. */
	int64_t minor;
	const char *typed = crm_event_get(ev, "budget");
	const char *budget = typed && *typed && !crm_money_parse(typed, currency, 0, &minor, NULL)
				     ? crm_psprintf(p, "%lld", (long long)minor) : "";
	const char *description = crm_event_get(ev, "description");
	if (description && (!*description || strlen(description) > 20000))
		description = NULL;
	/* The lead's manager owns the deal while active; else whoever qualified it. */
	int64_t owner = crm_id(crm_event_get(ev, "manager_id"));
	crm_rows *u = owner ? crm_db_query(r, "SELECT 1 FROM crm_user WHERE id = ? AND active = 1", "i", owner) : NULL;
	if (owner && !u)
		return CRM_EDB;
	if (!u || !u->n_rows)
		owner = crm_req_user(r);
	if (!owner)
		return 0;
	crm_rows *st = crm_db_query(r, "SELECT id, probability FROM deal_stage WHERE kind = 'open' "
				       "ORDER BY position, id LIMIT 1", "");
	if (!st)
		return CRM_EDB;
	if (!st->n_rows)
		return 0;
	/* The lead's unique key settles two qualifications racing: the second finds the first. */
	int64_t added = crm_db_exec(r, "INSERT IGNORE INTO deal (name, contact_id, description, budget, currency, "
				       "product_id, stage_id, probability, lead_id, owner_id, visibility) "
				       "VALUES (?, NULLIF(?, 0), ?, NULLIF(?, ''), ?, NULLIF(?, 0), ?, ?, ?, ?, ?)",
				    "sisssissiis", name, contact, description, budget, currency,
				    crm_id(crm_event_get(ev, "product_id")), crm_rows_get(st, 0, 0), crm_rows_get(st, 0, 1),
				    lead, owner, CRM_VIS_PUBLIC_WRITE);
	if (added < 0)
		return CRM_EDB;
	/* A locking read sees the deal a racing request committed after this one began. */
	crm_rows *made = crm_db_query(r, "SELECT id FROM deal WHERE lead_id = ? LOCK IN SHARE MODE", "i", lead);
	if (!made)
		return CRM_EDB;
	if (!made->n_rows)
		return 0;
	const char *sid = crm_rows_get(made, 0, 0);
	if (added) {
		int64_t id = crm_id(sid);
		const char *lead_url = crm_psprintf(p, "/leads/%lld", (long long)lead);
		if (crm_link_add(r, "lead", lead, "deal", id) < 0 ||
		    crm_history_add(r, "deal", id, "created", crm_psprintf(p, "%s: %s", crm_t(r, "deals.from_lead"), name),
				    lead_url) < 0 ||
		    crm_history_add(r, "lead", lead, "changed", crm_psprintf(p, "%s: %s", crm_t(r, "deals.lead_deal"), name),
				    crm_psprintf(p, "/deals/%s", sid)) < 0)
			return CRM_EDB;
		if (owner != crm_req_user(r) &&
		    crm_notify(r, owner, "deals.made_owner", name, crm_psprintf(p, "/deals/%s", sid)) < 0)
			return CRM_EDB;
	}
	deal_answer(r, ev, sid);
	return 0;
}

/* A deleted contact leaves its deals without one. */
int deals_on_contact_deleted(crm_req *r, crm_event *ev)
{
	int64_t id = crm_event_id(ev);
	return id > 0 && crm_db_exec(r, "UPDATE deal SET contact_id = NULL WHERE contact_id = ?", "i", id) < 0 ? CRM_EDB : 0;
}

/* A merged contact's deals go to the one that stays. */
int deals_on_contact_merged(crm_req *r, crm_event *ev)
{
	int64_t from = crm_id(crm_event_get(ev, "from")), into = crm_id(crm_event_get(ev, "into"));
	if (!from || !into || from == into)
		return 0;
	return crm_db_exec(r, "UPDATE deal SET contact_id = ? WHERE contact_id = ?", "ii", into, from) < 0 ? CRM_EDB : 0;
}

/* One <deal id name stage probability url/> per row (id, name, stage, probability[, exact]). */
static void answer_rows(crm_req *r, crm_event *ev, const crm_rows *rows, bool exact)
{
	xmlNodePtr res = crm_event_result(ev);
	for (size_t i = 0; i < rows->n_rows; i++) {
		xmlNodePtr d = crm_xml_add(res, "deal", NULL);
		crm_xml_attr(d, "id", crm_rows_get(rows, i, 0));
		crm_xml_attr(d, "name", crm_rows_get(rows, i, 1));
		crm_xml_attr(d, "stage", deal_stage_label(r, crm_rows_get(rows, i, 2)));
		crm_xml_attr(d, "probability", crm_rows_get(rows, i, 3));
		crm_xml_attr(d, "url", crm_psprintf(crm_req_pool(r), "/deals/%s", crm_rows_get(rows, i, 0)));
		if (exact && !strcmp(crm_rows_get(rows, i, 4), "1"))
			crm_xml_attr(d, "exact", "1");
	}
}

/* "deal.describe": arg "ids", comma-separated; the deals the user may read. */
int deals_on_describe(crm_req *r, crm_event *ev)
{
	crm_pool *p = crm_req_pool(r);
	size_t n;
	int64_t *ids = crm_event_ids(ev, "ids", DESCRIBE_MAX, &n);
	if (!n)
		return 0;
	const char *sql = crm_psprintf(p, "SELECT d.id, d.name, s.name, d.probability FROM deal d "
					  "JOIN deal_stage s ON s.id = d.stage_id WHERE " DEALS_IN_IDS " AND %s ORDER BY d.name, d.id",
				       crm_access_sql(r, "d", "deal", CRM_READ));
	crm_rows *rows = crm_db_query(r, sql, "si", crm_json_ids(p, ids, n), crm_req_user(r));
	if (!rows)
		return CRM_EDB;
	answer_rows(r, ev, rows, false);
	return 0;
}

/* "deal.search": arg "q" ("#12" or the start of a name); the best the user may read. */
int deals_on_search(crm_req *r, crm_event *ev)
{
	crm_pool *p = crm_req_pool(r);
	const char *q = crm_trim(p, crm_event_get(ev, "q"));
	if (!*q || strlen(q) > 200 || !crm_one_line(q))
		return 0;
	int64_t id = q[0] == '#' ? crm_id(q + 1) : 0;
	const char *access = crm_access_sql(r, "d", "deal", CRM_READ);
	crm_rows *rows;
	if (id) {
		const char *sql = crm_psprintf(p, "SELECT d.id, d.name, s.name, d.probability, 1 FROM deal d "
						  "JOIN deal_stage s ON s.id = d.stage_id WHERE d.id = ? AND %s", access);
		rows = crm_db_query(r, sql, "ii", id, crm_req_user(r));
	} else {
		const char *like = crm_like_prefix(p, q);
		const char *sql = crm_psprintf(p, "SELECT d.id, d.name, s.name, d.probability, IF(d.name = ?, 1, 0) AS exact "
						  "FROM deal d JOIN deal_stage s ON s.id = d.stage_id WHERE d.name LIKE ? AND %s "
						  "ORDER BY exact DESC, d.name, d.id LIMIT %d", access, SEARCH_MAX);
		rows = crm_db_query(r, sql, "ssi", q, like, crm_req_user(r));
	}
	if (!rows)
		return CRM_EDB;
	answer_rows(r, ev, rows, true);
	return 0;
}
