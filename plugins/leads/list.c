/* The leads list: search (name, phone in any written form, email), filters (funnel,
 * status, manager, source, tag, creation dates), sort and keyset paging, in a fixed
 * number of statements whatever the page's length; the bulk actions' form around it.
 * The same selection serves the CSV export. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "leads.h"

const char *leads_joins =
	" JOIN lead_funnel f ON f.id = l.funnel_id JOIN lead_status s ON s.id = l.status_id "
	"LEFT JOIN lead_source so ON so.id = l.source_id LEFT JOIN crm_user u ON u.id = l.owner_id ";

static void param(lead_query *q, const char *v)
{
	if (q->n < LEAD_QUERY_PARAMS)
		q->v[q->n++] = v;
}

static void cond(crm_req *r, lead_query *q, const char *c)
{
	q->where = crm_psprintf(crm_req_pool(r), "%s AND %s", q->where, c);
}

static const char *id_arg(crm_req *r, const char *name)
{
	int64_t v = crm_id(crm_query_input(r, name));
	return v ? crm_psprintf(crm_req_pool(r), "%lld", (long long)v) : "";
}

/* A date typed "2024-12-31" or "31.12.2024" as "2024-12-31"; "" when empty, NULL when
 * it is not a date. */
static const char *date_arg(crm_req *r, const char *name)
{
	const char *s = crm_query_input(r, name);
	int y, m, d;
	char tail;
	if (!*s)
		return "";
	if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 && sscanf(s, "%2d.%2d.%4d%c", &d, &m, &y, &tail) != 3)
		return NULL;
	if (y < 1970 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
		return NULL;
	return crm_psprintf(crm_req_pool(r), "%04d-%02d-%02d", y, m, d);
}

int leads_query(crm_req *r, lead_query *q, int mode)
{
	crm_pool *p = crm_req_pool(r);
	memset(q, 0, sizeof *q);
	q->q = crm_query_input(r, "q");
	q->funnel = id_arg(r, "funnel");
	q->status = id_arg(r, "status");
	q->manager = id_arg(r, "manager");
	q->source = id_arg(r, "source");
	q->tag = crm_query_input(r, "tag");
	q->from_date = date_arg(r, "from");
	q->to_date = date_arg(r, "to");
	q->sort = crm_query_input(r, "sort");
	if (strcmp(q->sort, "name") && strcmp(q->sort, "updated"))
		q->sort = "";
	if (!q->from_date || !q->to_date || strlen(q->q) > 200 || crm_utf8_chars(q->tag) > CRM_TAG_MAX_CHARS)
		return CRM_EINVAL;
	/* The access condition comes first: its "?" is the first parameter. */
	q->where = crm_access_sql(r, "l", "lead", mode);
	param(q, crm_psprintf(p, "%lld", (long long)crm_req_user(r)));
	q->from = " FROM lead l ";
	if (*q->q) {
		/* Each way of searching starts from its own index. */
		const char *from;
		if (strchr(q->q, '@')) {
			from = "(SELECT id FROM lead WHERE email LIKE ?)";
			q->fv[q->nf++] = crm_like_prefix(p, crm_email_norm(p, q->q));
		} else if (crm_phone_like(q->q)) {
			const char *e164 = crm_phone_e164(r, q->q, NULL);
			from = "(SELECT id FROM lead WHERE phone_e164 = ?)";
			q->fv[q->nf++] = e164 ? e164 : "-";
		} else {
			from = "(SELECT id FROM lead WHERE name LIKE ?)";
			q->fv[q->nf++] = crm_like_prefix(p, q->q);
		}
		q->from = crm_psprintf(p, " FROM %s m JOIN lead l ON l.id = m.id ", from);
	}
	if (*q->funnel) {
		cond(r, q, "l.funnel_id = ?");
		param(q, q->funnel);
	}
	if (*q->status) {
		cond(r, q, "l.status_id = ?");
		param(q, q->status);
	}
	if (*q->source) {
		cond(r, q, "l.source_id = ?");
		param(q, q->source);
	}
	if (*q->manager) {
		cond(r, q, "(l.owner_id = ? OR l.id IN (SELECT mr.record_id FROM crm_record_user mr WHERE mr.user_id = ? "
			   "AND mr.entity = 'lead' AND mr.kind = 'manager'))");
		param(q, q->manager);
		param(q, q->manager);
	}
	if (*q->from_date) {
		cond(r, q, "l.created_at >= ?");
		param(q, q->from_date);
	}
	if (*q->to_date) {
		cond(r, q, "l.created_at < ? + INTERVAL 1 DAY");
		param(q, q->to_date);
	}
	if (*q->tag) {
		cond(r, q, crm_tags_filter_sql(r, "l", "lead"));
		param(q, q->tag);
	}
	return 0;
}

const char *leads_query_url(crm_req *r, const lead_query *q, const char *path)
{
	return crm_url(r, path, "q", q->q, "funnel", q->funnel, "status", q->status, "manager", q->manager,
			 "source", q->source, "tag", q->tag, "from", q->from_date, "to", q->to_date, "sort", q->sort, NULL);
}

crm_rows *leads_query_run(crm_req *r, const lead_query *q, const char *sql)
{
	/* Every parameter goes as a string: MariaDB compares them with integer columns
	 * through the indexes all the same. */
	const char *all[LEAD_QUERY_PARAMS + 4];
	memcpy(all, q->fv, q->nf * sizeof *all);
	memcpy(all + q->nf, q->v, q->n * sizeof *all);
	return crm_db_queryv(r, sql, all, q->nf + q->n);
}

/* The page's rows widened by what other statements give: the contact's and company's
 * names (one "contact.describe" for the page), the tags (one statement), the budget as
 * people read it, list names translated. */
static crm_rows *widen(crm_req *r, const crm_rows *rows)
{
	crm_pool *p = crm_req_pool(r);
	const char *locale = crm_req_locale(r);
	static const char *const extra[] = {"contact", "company", "tags", "budget_shown"};
	size_t n = rows->n_rows, nx = CRM_LEN(extra), w = rows->n_cols + nx;
	int64_t *ids = crm_palloc(p, (n ? n : 1) * sizeof *ids), *cids = crm_palloc(p, (2 * n + 1) * sizeof *cids);
	for (size_t i = 0; i < n; i++) {
		ids[i] = crm_id(crm_rows_by(rows, i, "id"));
		cids[2 * i] = crm_id(crm_rows_by(rows, i, "contact_id"));
		cids[2 * i + 1] = crm_id(crm_rows_by(rows, i, "company_id"));
	}
	crm_rows *tags = crm_tags_for_ids(r, "lead", ids, n);
	if (!tags)
		return NULL;
	lead_contact *all;
	size_t n_all;
	lead_contacts(r, cids, 2 * n, &all, &n_all);
	crm_rows *out = crm_palloc(p, sizeof *out);
	out->n_rows = n;
	out->n_cols = w;
	out->cols = crm_palloc(p, w * sizeof *out->cols);
	memcpy(out->cols, rows->cols, rows->n_cols * sizeof *out->cols);
	for (size_t k = 0; k < nx; k++)
		out->cols[rows->n_cols + k] = extra[k];
	out->cells = crm_palloc(p, (n ? n : 1) * w * sizeof *out->cells);
	out->lens = crm_palloc(p, (n ? n : 1) * w * sizeof *out->lens);
	for (size_t i = 0; i < n; i++) {
		const char **cell = out->cells + i * w;
		for (size_t k = 0; k < rows->n_cols; k++) {
			const char *v = rows->cells[i * rows->n_cols + k];
			const char *col = rows->cols[k];
			if (v && (!strcmp(col, "funnel") || !strcmp(col, "status") || !strcmp(col, "source")))
				v = lead_label(r, v);
			cell[k] = v;
		}
		const lead_contact *c = lead_contact_of(all, n_all, cids[2 * i]);
		const lead_contact *co = lead_contact_of(all, n_all, cids[2 * i + 1]);
		cell[rows->n_cols] = c ? c->name : NULL;
		cell[rows->n_cols + 1] = co ? co->name : NULL;
		for (size_t t = 0; t < tags->n_rows; t++)
			if (crm_id(crm_rows_get(tags, t, 0)) == ids[i])
				cell[rows->n_cols + 2] = crm_rows_get(tags, t, 1);
		const char *budget = crm_rows_by(rows, i, "budget");
		cell[rows->n_cols + 3] = budget ? crm_money_text_sql(p, budget, crm_rows_by(rows, i, "currency"), locale) : NULL;
		for (size_t k = 0; k < w; k++)
			out->lens[i * w + k] = cell[k] ? strlen(cell[k]) : 0;
	}
	return out;
}

static void option(xmlNodePtr sel, const char *value, const char *label)
{
	crm_xml_attr(crm_xml_add(sel, "option", label), "value", value);
}

static xmlNodePtr filter_select(crm_req *r, xmlNodePtr form, const char *name, const char *label, const char *value,
				const crm_rows *rows, size_t id_col, size_t name_col)
{
	xmlNodePtr f = crm_form_field(form, name, label, "select", value);
	option(f, "", "leads.any");
	for (size_t i = 0; rows && i < rows->n_rows; i++)
		option(f, crm_rows_get(rows, i, id_col), lead_label(r, crm_rows_get(rows, i, name_col)));
	return f;
}

#define LIST_COLUMNS                                                                                   \
	"l.id, l.name, l.funnel_id, f.name AS funnel, l.status_id, s.name AS status, s.kind AS status_kind, " \
	"l.contact_id, l.company_id, l.phone, l.email, so.name AS source, u.name AS owner, l.budget, "  \
	"l.currency, l.visibility, l.created_at, l.updated_at"

int leads_list(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	lead_query q;
	if (leads_query(r, &q, CRM_READ) < 0)
		return crm_error(r, 400, "leads.bad_filter");
	bool back = crm_list_back(r), by_name = !strcmp(q.sort, "name");
	const char *col = by_name ? "l.name" : !strcmp(q.sort, "updated") ? "l.updated_at" : "l.created_at";
	const char *cursor = crm_list_cursor(r), *keyset = "";
	if (*cursor) {
		/* The key of the row we left: its id names it, its sort value is read here. */
		crm_rows *k = crm_db_query(r, "SELECT name, created_at, updated_at FROM lead WHERE id = ?", "i", crm_id(cursor));
		if (!k)
			return CRM_EDB;
		if (k->n_rows) {
			/* Names ascend, dates descend; going back reverses either. */
			const char *op = (!by_name != back) ? "<" : ">";
			keyset = crm_psprintf(p, " AND (%s %s ? OR (%s = ? AND l.id %s ?))", col, op, col, op);
			const char *v = crm_rows_get(k, 0, by_name ? 0 : !strcmp(q.sort, "updated") ? 2 : 1);
			param(&q, v);
			param(&q, v);
			param(&q, crm_psprintf(p, "%lld", (long long)crm_id(cursor)));
		}
	}
	const char *order = by_name ? (back ? "l.name DESC, l.id DESC" : "l.name, l.id")
				    : crm_psprintf(p, back ? "%s, l.id" : "%s DESC, l.id DESC", col);
	/* The page's ids first, its columns then. */
	const char *sql = crm_psprintf(p, "SELECT " LIST_COLUMNS " FROM (SELECT l.id%sWHERE %s%s ORDER BY %s LIMIT %d) pick "
				       "JOIN lead l ON l.id = pick.id%sORDER BY %s", q.from, q.where, keyset, order,
				       LEADS_PAGE + 1, leads_joins, order);
	crm_rows *rows = leads_query_run(r, &q, sql);
	if (rows)
		rows = widen(r, rows);
	crm_rows *statuses = lead_statuses(r);
	crm_rows *sources = crm_db_query(r, "SELECT id, name FROM lead_source ORDER BY position, id", "");
	crm_rows *reasons = crm_db_query(r, "SELECT id, name FROM lead_reason ORDER BY position, id", "");
	crm_rows *users = crm_users_active(r);
	if (!rows || !statuses || !sources || !reasons || !users)
		return CRM_EDB;

	xmlNodePtr c = crm_page(r, "leads.list", "leads.title");
	if (crm_req_can(r, "leads.admin"))
		crm_xml_attr(c, "admin", "1");
	if (crm_req_can(r, "leads.edit"))
		crm_xml_attr(c, "editor", "1");
	if (crm_req_can(r, "leads.export"))
		crm_xml_attr(c, "exporter", "1");
	if (crm_req_can(r, "leads.import"))
		crm_xml_attr(c, "importer", "1");
	crm_xml_attr(c, "board", *q.funnel ? crm_psprintf(p, "/leads/board?funnel=%s", q.funnel) : "/leads/board");
	xmlNodePtr f = crm_xml_add(c, "form", NULL);
	crm_xml_attr(f, "action", "/leads");
	crm_xml_attr(f, "method", "get");
	crm_xml_attr(f, "class", "search lead-filters");
	xmlNodePtr x = crm_form_field(f, "q", "leads.search", "search", q.q);
	crm_xml_attr(x, "placeholder", "leads.search_hint");
	/* Funnels once each, statuses named with their funnel. */
	xmlNodePtr fs = crm_form_field(f, "funnel", "leads.funnel", "select", q.funnel);
	option(fs, "", "leads.any");
	xmlNodePtr ss = crm_form_field(f, "status", "leads.status", "select", q.status);
	option(ss, "", "leads.any");
	const char *last = "";
	for (size_t i = 0; i < statuses->n_rows; i++) {
		const char *fid = crm_rows_get(statuses, i, 0), *fname = lead_label(r, crm_rows_get(statuses, i, 1));
		if (strcmp(fid, last))
			option(fs, fid, fname);
		last = fid;
		option(ss, crm_rows_get(statuses, i, 2), crm_psprintf(p, "%s · %s", fname, lead_label(r, crm_rows_get(statuses, i, 3))));
	}
	filter_select(r, f, "manager", "leads.manager", q.manager, users, 0, 1);
	filter_select(r, f, "source", "leads.source", q.source, sources, 0, 1);
	x = crm_form_field(f, "tag", "leads.tag", "text", q.tag);
	crm_xml_attr(x, "maxlength", "100");
	crm_xml_attr(x, "list", "lead-tags");
	crm_form_field(f, "from", "leads.created_from", "date", q.from_date);
	crm_form_field(f, "to", "leads.created_to", "date", q.to_date);
	x = crm_form_field(f, "sort", "leads.sort", "select", q.sort);
	option(x, "", "leads.sort_created");
	option(x, "updated", "leads.sort_updated");
	option(x, "name", "leads.sort_name");
	crm_form_submit(f, "leads.apply");
	crm_tags_all_xml(r, "lead", c);

	xmlNodePtr list = crm_rows_list(r, c, rows, LEADS_PAGE, "leads", "lead", 0, leads_query_url(r, &q, "/leads"));
	crm_xml_attr(list, "filtered", *q.q || *q.funnel || *q.status || *q.manager || *q.source || *q.tag ||
						*q.from_date || *q.to_date ? "1" : NULL);
	crm_xml_attr(list, "export", leads_query_url(r, &q, "/leads/export"));
	xmlNodePtr bulk = crm_xml_add(c, "bulk", NULL);
	for (size_t i = 0; i < users->n_rows; i++)
		crm_xml_attr(crm_xml_add(bulk, "user", crm_rows_get(users, i, 1)), "id", crm_rows_get(users, i, 0));
	for (size_t i = 0; i < statuses->n_rows; i++) {
		xmlNodePtr s = crm_xml_add(bulk, "status", crm_psprintf(p, "%s · %s", lead_label(r, crm_rows_get(statuses, i, 1)),
									  lead_label(r, crm_rows_get(statuses, i, 3))));
		crm_xml_attr(s, "id", crm_rows_get(statuses, i, 2));
		crm_xml_attr(s, "kind", crm_rows_get(statuses, i, 4));
	}
	for (size_t i = 0; i < reasons->n_rows; i++)
		crm_xml_attr(crm_xml_add(bulk, "reason", lead_label(r, crm_rows_get(reasons, i, 1))), "id",
			     crm_rows_get(reasons, i, 0));
	crm_page_list_actions(r, "lead", bulk);
	/* The section's tabs from other plugins (calls, emails): panels of "leads". */
	crm_page_panels(r, "leads", 0);
	return 0;
}
