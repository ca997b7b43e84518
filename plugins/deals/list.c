/* The deals list: search (name and description), filters (stage, manager, tag, amount
 * type, close and creation date ranges, a contact), sort and keyset paging, in a fixed
 * number of statements whatever the page's length; the bulk actions' form around it.
 * The same selection serves the CSV export. */
#include <stdlib.h>
#include <string.h>
#include "deals.h"

static void param(deal_query *q, const char *v)
{
	if (q->n < DEAL_QUERY_PARAMS)
		q->v[q->n++] = v;
}

static void cond(crm_req *r, deal_query *q, const char *c)
{
	q->where = crm_psprintf(crm_req_pool(r), "%s AND %s", q->where, c);
}


/* The full-text index keeps words of 3 characters and more. */
#define FT_MIN_CHARS 3

/* The words of text as a full-text boolean query ("+word*" each), or "" when it has a word
 * the index does not keep (the name's prefix search serves it alone then): letters and
 * digits only, so that no operator of the query language gets through. */
static const char *words(crm_pool *p, const char *text)
{
	char *out = crm_palloc(p, strlen(text) * 3 + 1), *o = out;
	size_t chars = 0;
	for (const unsigned char *s = (const unsigned char *)text;; s++) {
		bool letter = *s >= 0x80 || (*s >= '0' && *s <= '9') || ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z');
		if (letter) {
			if (!chars) {
				if (o != out)
					*o++ = ' ';
				*o++ = '+';
			}
			*o++ = (char)*s;
			chars += (*s & 0xC0) != 0x80;
			continue;
		}
		if (chars) {
			if (chars < FT_MIN_CHARS)
				return "";
			*o++ = '*';
			chars = 0;
		}
		if (!*s)
			break;
	}
	*o = 0;
	return out;
}

static const char *id_arg(crm_req *r, const char *name)
{
	int64_t v = crm_id(crm_query_input(r, name));
	return v ? crm_psprintf(crm_req_pool(r), "%lld", (long long)v) : "";
}

int deals_query(crm_req *r, deal_query *q, int mode, const char **bad)
{
	crm_pool *p = crm_req_pool(r);
	memset(q, 0, sizeof *q);
	*bad = NULL;
	q->q = crm_query_input(r, "q");
	q->stage = id_arg(r, "stage");
	q->manager = id_arg(r, "manager");
	q->contact = id_arg(r, "contact");
	q->tag = crm_query_input(r, "tag");
	q->type = crm_query_input(r, "type");
	q->close_from = crm_query_input(r, "close_from");
	q->close_to = crm_query_input(r, "close_to");
	q->created_from = crm_query_input(r, "created_from");
	q->created_to = crm_query_input(r, "created_to");
	q->sort = crm_query_input(r, "sort");
	if (strcmp(q->sort, "budget") && strcmp(q->sort, "close") && strcmp(q->sort, "created"))
		q->sort = "";
	if (!deal_listed(deal_amount_types, q->type))
		q->type = "";
	if (strlen(q->q) > 200 || !crm_one_line(q->q))
		*bad = "q";
	else if (crm_utf8_chars(q->tag) > CRM_TAG_MAX_CHARS)
		*bad = "tag";
	const char *dates[][2] = {{"close_from", q->close_from}, {"close_to", q->close_to},
				  {"created_from", q->created_from}, {"created_to", q->created_to}};
	for (size_t i = 0; i < CRM_LEN(dates) && !*bad; i++)
		if (*dates[i][1] && !crm_date_ok(dates[i][1]))
			*bad = dates[i][0];
	if (*bad)
		return CRM_EINVAL;
	/* The access condition comes first: its "?" is the first parameter. */
	q->where = crm_access_sql(r, "d", "deal", mode);
	param(q, crm_psprintf(p, "%lld", (long long)crm_req_user(r)));
	q->from = " FROM deal d ";
	if (*q->q) {
		/* A name's start through its index, any word of the name or description through
		 * the full-text index; the list then sorts the matches. */
		const char *w = words(p, q->q);
		q->fv[q->nf++] = crm_like_prefix(p, q->q);
		if (*w) {
			q->from = " FROM (SELECT id FROM deal WHERE name LIKE ? UNION SELECT id FROM deal "
				  "WHERE MATCH(name, description) AGAINST (? IN BOOLEAN MODE)) m JOIN deal d ON d.id = m.id ";
			q->fv[q->nf++] = w;
		} else {
			q->from = " FROM (SELECT id FROM deal WHERE name LIKE ?) m JOIN deal d ON d.id = m.id ";
		}
	}
	if (*q->stage) {
		cond(r, q, "d.stage_id = ?");
		param(q, q->stage);
	}
	if (*q->manager) {
		cond(r, q, "d.owner_id = ?");
		param(q, q->manager);
	}
	if (*q->contact) {
		cond(r, q, "d.contact_id = ?");
		param(q, q->contact);
	}
	if (*q->type) {
		cond(r, q, "d.amount_type = ?");
		param(q, q->type);
	}
	/* Deals without a close date sort as 9999-12-31, which no range reaches. */
	if (*q->close_from || *q->close_to) {
		cond(r, q, "d.close_sort BETWEEN ? AND ?");
		param(q, *q->close_from ? q->close_from : "1000-01-01");
		param(q, *q->close_to ? q->close_to : "9999-12-30");
	}
	if (*q->created_from) {
		cond(r, q, "d.created_at >= ?");
		param(q, q->created_from);
	}
	if (*q->created_to) {
		cond(r, q, "d.created_at < ? + INTERVAL 1 DAY");
		param(q, q->created_to);
	}
	if (*q->tag) {
		cond(r, q, crm_tags_filter_sql(r, "d", "deal"));
		param(q, q->tag);
	}
	return 0;
}

const char *deals_query_url(crm_req *r, const deal_query *q, const char *path)
{
	return crm_url(r, path, "q", q->q, "stage", q->stage, "manager", q->manager, "contact", q->contact,
			 "type", q->type, "tag", q->tag, "close_from", q->close_from, "close_to", q->close_to,
			 "created_from", q->created_from, "created_to", q->created_to, "sort", q->sort, NULL);
}

crm_rows *deals_query_run(crm_req *r, const deal_query *q, const char *sql, const char *const *extra, size_t n_extra)
{
	/* Every parameter goes as a string: MariaDB compares them with integer and date
	 * columns through the indexes all the same. */
	const char *all[DEAL_QUERY_PARAMS + 8];
	size_t n = 0;
	for (size_t i = 0; i < q->nf; i++)
		all[n++] = q->fv[i];
	for (size_t i = 0; i < q->n; i++)
		all[n++] = q->v[i];
	for (size_t i = 0; i < n_extra && n < CRM_LEN(all); i++)
		all[n++] = extra[i];
	return crm_db_queryv(r, sql, all, n);
}

/* The text of child name of node, or NULL. */
static const char *child_text(xmlNodePtr node, const char *name)
{
	for (xmlNodePtr c = node->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, name))
			return c->children ? (const char *)c->children->content : "";
	return NULL;
}

/* A select of the filter form from rows (id, name); the first option is "any". */
static xmlNodePtr filter_select(crm_req *r, xmlNodePtr form, const char *name, const char *label,
				const char *value, const crm_rows *rows, bool stages)
{
	xmlNodePtr f = crm_form_field(form, name, label, "select", value);
	crm_xml_attr(crm_xml_add(f, "option", "deals.any"), "value", "");
	for (size_t i = 0; rows && i < rows->n_rows; i++) {
		const char *label_text = stages ? deal_stage_label(r, crm_rows_get(rows, i, 1)) : crm_rows_get(rows, i, 1);
		crm_xml_attr(crm_xml_add(f, "option", label_text), "value", crm_rows_get(rows, i, 0));
	}
	return f;
}

static void option(xmlNodePtr sel, const char *value, const char *label)
{
	crm_xml_attr(crm_xml_add(sel, "option", label), "value", value);
}

/* Each sort: its key column, whether it descends, and the cursor row's column. */
static const struct {
	const char *name, *col;
	bool desc;
	size_t key;
} sorts[] = {
	{"", "d.name", false, 0},
	{"budget", "d.budget_sort", true, 1},
	{"close", "d.close_sort", false, 2},
	{"created", "d.created_at", true, 3},
};

int deals_list(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	deal_query q;
	const char *bad;
	if (deals_query(r, &q, CRM_READ, &bad) < 0)
		return crm_error(r, 400, "deals.bad_filter");
	size_t s = 0;
	for (size_t i = 0; i < CRM_LEN(sorts); i++)
		if (!strcmp(sorts[i].name, q.sort))
			s = i;
	bool back = crm_list_back(r), desc = sorts[s].desc != back;
	const char *cursor = crm_list_cursor(r), *keyset = "";
	const char *extra[3];
	size_t n_extra = 0;
	if (crm_id(cursor)) {
		/* The row we left names the key: its sort value is read here. */
		crm_rows *k = crm_db_query(r, "SELECT name, budget_sort, close_sort, created_at FROM deal WHERE id = ?", "i",
					   crm_id(cursor));
		if (!k)
			return CRM_EDB;
		if (k->n_rows) {
			const char *op = desc ? "<" : ">";
			keyset = crm_psprintf(p, " AND (%s %s ? OR (%s = ? AND d.id %s ?))", sorts[s].col, op, sorts[s].col, op);
			extra[n_extra++] = crm_rows_get(k, 0, sorts[s].key);
			extra[n_extra++] = crm_rows_get(k, 0, sorts[s].key);
			extra[n_extra++] = crm_psprintf(p, "%lld", (long long)crm_id(cursor));
		}
	}
	const char *dir = desc ? "DESC" : "";
	const char *order = crm_psprintf(p, "%s %s, d.id %s", sorts[s].col, dir, dir);
	/* The page's ids first, its columns then. */
	const char *sql = crm_psprintf(p,
		"SELECT d.id, d.name, d.contact_id, d.stage_id, s.name AS stage, s.kind AS stage_kind, d.probability, "
		"d.budget, d.currency, d.amount_type, d.close_date, u.name AS owner, d.visibility "
		"FROM (SELECT d.id%sWHERE %s%s ORDER BY %s LIMIT %d) pick JOIN deal d ON d.id = pick.id "
		"JOIN deal_stage s ON s.id = d.stage_id LEFT JOIN crm_user u ON u.id = d.owner_id ORDER BY %s",
		q.from, q.where, keyset, order, DEALS_PAGE + 1, order);
	crm_rows *rows = deals_query_run(r, &q, sql, extra, n_extra);
	crm_rows *stages = deal_stages(r);
	crm_rows *users = crm_users_active(r);
	if (!rows || !stages || !users)
		return CRM_EDB;
	size_t shown = rows->n_rows > DEALS_PAGE ? DEALS_PAGE : rows->n_rows;
	int64_t *ids = crm_palloc(p, (shown + 1) * sizeof *ids), *contacts = crm_palloc(p, (shown + 1) * sizeof *contacts);
	size_t nc = 0;
	for (size_t i = 0; i < shown; i++) {
		ids[i] = crm_id(crm_rows_get(rows, i, 0));
		int64_t c = crm_id(crm_rows_get(rows, i, 2));
		if (c)
			contacts[nc++] = c;
	}
	crm_rows *tags = crm_tags_for_ids(r, "deal", ids, shown);
	if (!tags)
		return CRM_EDB;
	xmlNodePtr described = deals_describe_contacts(r, contacts, nc);

	xmlNodePtr c = crm_page(r, "deals.list", "deals.title");
	if (crm_req_can(r, "deals.admin"))
		crm_xml_attr(c, "admin", "1");
	if (crm_req_can(r, "deals.edit"))
		crm_xml_attr(c, "editor", "1");
	if (crm_req_can(r, "deals.export"))
		crm_xml_attr(c, "exporter", "1");
	crm_xml_attr(c, "board", deals_query_url(r, &q, "/deals/board"));
	xmlNodePtr f = crm_xml_add(c, "form", NULL);
	crm_xml_attr(f, "action", "/deals");
	crm_xml_attr(f, "method", "get");
	crm_xml_attr(f, "class", "search deal-filters");
	xmlNodePtr x = crm_form_field(f, "q", "deals.search", "search", q.q);
	crm_xml_attr(x, "placeholder", "deals.search_hint");
	crm_xml_attr(x, "maxlength", "200");
	filter_select(r, f, "stage", "deals.stage", q.stage, stages, true);
	filter_select(r, f, "manager", "deals.owner", q.manager, users, false);
	x = crm_form_field(f, "type", "deals.amount_type", "select", q.type);
	option(x, "", "deals.any");
	for (const char *const *t = deal_amount_types; *t; t++)
		option(x, *t, crm_psprintf(p, "deals.type.%s", *t));
	x = crm_form_field(f, "tag", "deals.tag", "text", q.tag);
	crm_xml_attr(x, "maxlength", "100");
	crm_form_field(f, "close_from", "deals.close_from", "date", q.close_from);
	crm_form_field(f, "close_to", "deals.close_to", "date", q.close_to);
	crm_form_field(f, "created_from", "deals.created_from", "date", q.created_from);
	crm_form_field(f, "created_to", "deals.created_to", "date", q.created_to);
	x = crm_form_field(f, "sort", "deals.sort", "select", q.sort);
	option(x, "", "deals.sort_name");
	option(x, "budget", "deals.sort_budget");
	option(x, "close", "deals.sort_close");
	option(x, "created", "deals.sort_created");
	if (*q.contact)
		crm_form_field(f, "contact", NULL, "hidden", q.contact);
	crm_form_submit(f, "deals.apply");

	xmlNodePtr list = crm_rows_list(r, c, rows, DEALS_PAGE, "deals", "deal", 0, deals_query_url(r, &q, "/deals"));
	const char *locale = crm_req_locale(r);
	for (xmlNodePtr d = list->children; d; d = d->next) {
		const char *id = child_text(d, "id"), *cid = child_text(d, "contact_id");
		crm_xml_add(d, "stage_label", deal_stage_label(r, child_text(d, "stage")));
		crm_xml_add(d, "money", crm_money_text_sql(p, child_text(d, "budget"), child_text(d, "currency"), locale));
		xmlNodePtr who = deals_contact_in(described, cid);
		if (who) {
			xmlChar *name = xmlGetProp(who, BAD_CAST "name");
			crm_xml_add(d, "contact", (const char *)name);
			xmlFree(name);
		}
		for (size_t t = 0; t < tags->n_rows; t++)
			if (id && !strcmp(crm_rows_get(tags, t, 0), id))
				crm_xml_add(d, "tags", crm_rows_get(tags, t, 1));
	}
	crm_xml_attr(list, "filtered", *q.q || *q.stage || *q.manager || *q.contact || *q.type || *q.tag ||
						*q.close_from || *q.close_to || *q.created_from || *q.created_to ? "1" : NULL);
	crm_xml_attr(list, "export", deals_query_url(r, &q, "/deals/export"));
	if (*q.contact)
		crm_xml_attr(list, "new", crm_psprintf(p, "/deals/new?contact=%s", q.contact));
	xmlNodePtr bulk = crm_xml_add(c, "bulk", NULL);
	for (size_t i = 0; i < users->n_rows; i++)
		crm_xml_attr(crm_xml_add(bulk, "user", crm_rows_get(users, i, 1)), "id", crm_rows_get(users, i, 0));
	for (size_t i = 0; i < stages->n_rows; i++)
		crm_xml_attr(crm_xml_add(bulk, "stage", deal_stage_label(r, crm_rows_get(stages, i, 1))), "id",
			     crm_rows_get(stages, i, 0));
	crm_page_list_actions(r, "deal", bulk);
	return 0;
}
