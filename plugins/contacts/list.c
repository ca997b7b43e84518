/* The contacts list: search (name, email, phone in any written form, company), filters,
 * sort and keyset paging, in one statement per page whatever its length; the bulk
 * actions' form around it. The same selection serves the CSV export. */
#include <stdlib.h>
#include <string.h>
#include "contacts.h"

static void param(contact_query *q, const char *v)
{
	if (q->n < CONTACT_QUERY_PARAMS)
		q->v[q->n++] = v;
}

static void cond(crm_req *r, contact_query *q, const char *c)
{
	q->where = crm_psprintf(crm_req_pool(r), "%s AND %s", q->where, c);
}


static const char *id_arg(crm_req *r, const char *name)
{
	int64_t v = crm_id(crm_query_input(r, name));
	return v ? crm_psprintf(crm_req_pool(r), "%lld", (long long)v) : "";
}

int contacts_query(crm_req *r, contact_query *q, int mode)
{
	crm_pool *p = crm_req_pool(r);
	memset(q, 0, sizeof *q);
	q->q = crm_query_input(r, "q");
	q->kind = crm_query_input(r, "kind");
	q->type = id_arg(r, "type");
	q->temperature = id_arg(r, "temperature");
	q->company = id_arg(r, "company");
	q->tag = crm_query_input(r, "tag");
	q->manager = id_arg(r, "manager");
	q->vis = crm_query_input(r, "vis");
	q->cf = id_arg(r, "cf");
	q->cfv = crm_query_input(r, "cfv");
	q->sort = crm_query_input(r, "sort");
	if (strcmp(q->sort, "created"))
		q->sort = "";
	if (strcmp(q->kind, "person") && strcmp(q->kind, "company"))
		q->kind = "";
	if (strcmp(q->vis, "public") && strcmp(q->vis, "private"))
		q->vis = "";
	if (strlen(q->q) > 200 || crm_utf8_chars(q->tag) > CRM_TAG_MAX_CHARS || strlen(q->cfv) > 200)
		return CRM_EINVAL;
	/* The access condition comes first: its "?" is the first parameter. */
	q->where = crm_access_sql(r, "c", "contact", mode);
	param(q, crm_psprintf(p, "%lld", (long long)crm_req_user(r)));
	q->from = " FROM contact c ";
	if (*q->q) {
		/* Each way of searching starts from its own index; the list then sorts the
		 * matches, so a search costs what it finds, not the table's size. */
		const char *from = NULL;
		if (strchr(q->q, '@')) {
			from = "(SELECT contact_id AS id FROM contact_email WHERE email LIKE ?)";
			q->fv[q->nf++] = crm_like_prefix(p, crm_email_norm(p, q->q));
		} else if (crm_phone_like(q->q)) {
			/* Any written form finds the number stored in E.164. */
			const char *e164 = contact_e164(r, q->q);
			from = "(SELECT contact_id AS id FROM contact_phone WHERE e164 = ?)";
			q->fv[q->nf++] = e164 ? e164 : "-";
		} else {
			const char *like = crm_like_prefix(p, q->q);
			from = "(SELECT id FROM contact WHERE name LIKE ? UNION SELECT id FROM contact WHERE first_name LIKE ? "
			       "UNION SELECT pe.id FROM contact co JOIN contact pe ON pe.company_id = co.id "
			       "WHERE co.kind = 'company' AND co.name LIKE ?)";
			q->fv[q->nf++] = like;
			q->fv[q->nf++] = like;
			q->fv[q->nf++] = like;
		}
		q->from = crm_psprintf(p, " FROM %s m JOIN contact c ON c.id = m.id ", from);
	}
	if (*q->kind) {
		cond(r, q, "c.kind = ?");
		param(q, q->kind);
	}
	if (*q->type) {
		cond(r, q, "c.type_id = ?");
		param(q, q->type);
	}
	if (*q->temperature) {
		cond(r, q, "c.temperature_id = ?");
		param(q, q->temperature);
	}
	if (*q->company) {
		cond(r, q, "c.company_id = ?");
		param(q, q->company);
	}
	if (*q->manager && q->nf) {
		cond(r, q, "(c.owner_id = ? OR c.id IN (SELECT mr.record_id FROM crm_record_user mr WHERE mr.user_id = ? "
			   "AND mr.entity = 'contact' AND mr.kind = 'manager'))");
		param(q, q->manager);
		param(q, q->manager);
	} else if (*q->manager) {
		/* Without a search, the manager's contacts are where the list starts. */
		q->from = crm_psprintf(p, " FROM (SELECT id FROM contact WHERE owner_id = ? UNION SELECT record_id FROM "
					  "crm_record_user WHERE user_id = ? AND entity = 'contact' AND kind = 'manager') m "
					  "JOIN contact c ON c.id = m.id ");
		q->fv[q->nf++] = q->manager;
		q->fv[q->nf++] = q->manager;
	}
	if (!strcmp(q->vis, "public"))
		cond(r, q, "c.visibility IN ('public_read', 'public_write')");
	else if (!strcmp(q->vis, "private"))
		cond(r, q, "c.visibility = 'private'");
	if (*q->tag) {
		cond(r, q, crm_tags_filter_sql(r, "c", "contact"));
		param(q, q->tag);
	}
	/* A custom field's value, compared in its stored form (a date typed "31.12.2024"). */
	const char *cf_sql = *q->cf && *q->cfv ? crm_fields_filter_sql(r, "c", "contact", strtoll(q->cf, NULL, 10)) : NULL;
	if (cf_sql) {
		cond(r, q, cf_sql);
		param(q, crm_fields_filter_value(r, strtoll(q->cf, NULL, 10), q->cfv));
	} else {
		q->cf = "";
	}
	return 0;
}

const char *contacts_query_url(crm_req *r, const contact_query *q, const char *path)
{
	return crm_url(r, path, "q", q->q, "kind", q->kind, "type", q->type, "temperature", q->temperature,
			    "company", q->company, "tag", q->tag, "manager", q->manager, "vis", q->vis, "cf", q->cf,
			    "cfv", *q->cf ? q->cfv : "", "sort", q->sort, NULL);
}

/* The columns of a list row the page shows; the first email, phone and tags are merged in
 * by contacts_list_extras. */
const char *contacts_columns(crm_req *r)
{
	(void)r;
	return "c.id, c.kind, c.name, co.name AS company, c.company_id, ty.name AS type, te.name AS temperature, "
	       "u.name AS owner, c.visibility";
}

const char *contacts_joins =
	" FROM contact c LEFT JOIN contact co ON co.id = c.company_id "
	"LEFT JOIN contact_type ty ON ty.id = c.type_id "
	"LEFT JOIN contact_temperature te ON te.id = c.temperature_id "
	"LEFT JOIN crm_user u ON u.id = c.owner_id ";

crm_rows *contacts_query_run(crm_req *r, const contact_query *q, const char *sql)
{
	/* Every parameter goes as a string: MariaDB compares them with integer columns
	 * through the indexes all the same. */
	const char *all[CONTACT_QUERY_PARAMS + 4];
	memcpy(all, q->fv, q->nf * sizeof *all);
	memcpy(all + q->nf, q->v, q->n * sizeof *all);
	return crm_db_queryv(r, sql, all, q->nf + q->n);
}

/* rows (id first) widened by the columns email, phone and tags of each contact, read in
 * two statements whatever the page's length; NULL on error. */
static crm_rows *contacts_list_extras(crm_req *r, const crm_rows *rows)
{
	crm_pool *p = crm_req_pool(r);
	size_t n = rows->n_rows, w = rows->n_cols + 3;
	int64_t *ids = crm_rows_ids(p, rows, 0);
	const char *json = crm_json_ids(p, ids, n);
	/* Every address and number of the page's contacts: the first of each is kept below. */
	crm_rows *ep = crm_db_query(r,
		"SELECT 0, e.contact_id, e.position, e.email FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$')) j "
		"JOIN contact_email e ON e.contact_id = j.id UNION ALL "
		"SELECT 1, ph.contact_id, ph.position, ph.typed FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$')) j "
		"JOIN contact_phone ph ON ph.contact_id = j.id", "ss", json, json);
	crm_rows *tags = crm_tags_for_ids(r, "contact", ids, n);
	if (!ep || !tags)
		return NULL;
	crm_rows *out = crm_palloc(p, sizeof *out);
	out->n_rows = n;
	out->n_cols = w;
	out->cols = crm_palloc(p, w * sizeof *out->cols);
	memcpy(out->cols, rows->cols, rows->n_cols * sizeof *out->cols);
	out->cols[w - 3] = "email";
	out->cols[w - 2] = "phone";
	out->cols[w - 1] = "tags";
	out->cells = crm_palloc(p, (n ? n : 1) * w * sizeof *out->cells);
	out->lens = crm_palloc(p, (n ? n : 1) * w * sizeof *out->lens);
	long *pos = crm_palloc(p, (n ? n : 1) * 2 * sizeof *pos);
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < rows->n_cols; k++) {
			out->cells[i * w + k] = rows->cells[i * rows->n_cols + k];
			out->lens[i * w + k] = rows->lens[i * rows->n_cols + k];
		}
		for (size_t k = rows->n_cols; k < w; k++) {
			out->cells[i * w + k] = NULL;
			out->lens[i * w + k] = 0;
		}
	}
	for (size_t e = 0; e < ep->n_rows; e++) {
		size_t kind = crm_rows_get(ep, e, 0)[0] == '1';
		int64_t id = strtoll(crm_rows_get(ep, e, 1), NULL, 10);
		long at = strtol(crm_rows_get(ep, e, 2), NULL, 10);
		for (size_t i = 0; i < n; i++) {
			size_t cell = i * w + rows->n_cols + kind;
			if (ids[i] != id || (out->cells[cell] && pos[i * 2 + kind] <= at))
				continue;
			pos[i * 2 + kind] = at;
			out->cells[cell] = crm_rows_get(ep, e, 3);
			out->lens[cell] = ep->lens[e * ep->n_cols + 3];
		}
	}
	for (size_t t = 0; t < tags->n_rows; t++) {
		int64_t id = strtoll(crm_rows_get(tags, t, 0), NULL, 10);
		for (size_t i = 0; i < n; i++)
			if (ids[i] == id) {
				out->cells[i * w + w - 1] = crm_rows_get(tags, t, 1);
				out->lens[i * w + w - 1] = tags->lens[t * tags->n_cols + 1];
			}
	}
	return out;
}

static void option(xmlNodePtr sel, const char *value, const char *label)
{
	crm_xml_attr(crm_xml_add(sel, "option", label), "value", value);
}

/* A <select> of the filter form, "any" first: rows (id, name), or with list the rows
 * (list, id, name) of that list. */
static xmlNodePtr filter_select(xmlNodePtr form, const char *name, const char *label, const char *value,
				const crm_rows *rows, const char *list)
{
	xmlNodePtr f = crm_form_field(form, name, label, "select", value);
	option(f, "", "contacts.any");
	size_t at = list ? 1 : 0;
	for (size_t i = 0; i < rows->n_rows; i++)
		if (!list || !strcmp(crm_rows_get(rows, i, 0), list))
			option(f, crm_rows_get(rows, i, at), crm_rows_get(rows, i, at + 1));
	return f;
}

int contacts_list(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	contact_query q;
	if (contacts_query(r, &q, CRM_READ) < 0)
		return crm_error(r, 400, "contacts.bad_filter");
	bool back = crm_list_back(r), created = !strcmp(q.sort, "created");
	const char *cursor = crm_list_cursor(r), *keyset = "";
	if (*cursor) {
		/* The key of the row we left: its id names it, its sort value is read here. */
		crm_rows *k = crm_db_query(r, "SELECT name, created_at FROM contact WHERE id = ?", "i",
					   (int64_t)strtoll(cursor, NULL, 10));
		if (!k)
			return CRM_EDB;
		if (k->n_rows) {
			const char *col = created ? "c.created_at" : "c.name";
			/* Names ascend, dates descend; going back reverses either. */
			const char *op = (created != back) ? "<" : ">";
			keyset = crm_psprintf(p, " AND (%s %s ? OR (%s = ? AND c.id %s ?))", col, op, col, op);
			const char *v = crm_rows_get(k, 0, created ? 1 : 0);
			param(&q, v);
			param(&q, v);
			param(&q, crm_psprintf(p, "%lld", (long long)strtoll(cursor, NULL, 10)));
		}
	}
	const char *order = created ? (back ? "c.created_at, c.id" : "c.created_at DESC, c.id DESC")
				    : (back ? "c.name DESC, c.id DESC" : "c.name, c.id");
	/* The page's ids first, its columns then: MariaDB would otherwise work out the
	 * email, phone and tags of every match of a search before sorting them. */
	const char *sql = crm_psprintf(p, "SELECT %s FROM (SELECT c.id%sWHERE %s%s ORDER BY %s LIMIT %d) pick "
				       "JOIN contact c ON c.id = pick.id%sORDER BY %s", contacts_columns(r), q.from,
				       q.where, keyset, order, CONTACTS_PAGE + 1, strstr(contacts_joins, " LEFT JOIN"),
				       order);
	crm_rows *rows = contacts_query_run(r, &q, sql);
	if (rows && rows->n_rows)
		rows = contacts_list_extras(r, rows);
	/* Both lists of the filter form in one statement. */
	crm_rows *lists = crm_db_query(r, "(SELECT 't', id, name, position FROM contact_type) UNION ALL "
					  "(SELECT 'm', id, name, position FROM contact_temperature) ORDER BY 1, 4, 2", "");
	crm_rows *users = crm_users_active(r);
	if (!rows || !lists || !users)
		return CRM_EDB;

	xmlNodePtr c = contacts_page(r, "contacts.list", "contacts.title");
	if (crm_req_can(r, "contacts.admin"))
		crm_xml_attr(c, "admin", "1");
	if (crm_req_can(r, "contacts.edit"))
		crm_xml_attr(c, "editor", "1");
	if (crm_req_can(r, "contacts.export"))
		crm_xml_attr(c, "exporter", "1");
	if (crm_req_can(r, "contacts.import"))
		crm_xml_attr(c, "importer", "1");
	xmlNodePtr f = crm_xml_add(c, "form", NULL);
	crm_xml_attr(f, "action", "/contacts");
	crm_xml_attr(f, "method", "get");
	crm_xml_attr(f, "class", "search contact-filters");
	xmlNodePtr x = crm_form_field(f, "q", "contacts.search", "search", q.q);
	crm_xml_attr(x, "placeholder", "contacts.search_hint");
	x = crm_form_field(f, "kind", "contacts.kind", "select", q.kind);
	option(x, "", "contacts.any");
	option(x, "person", "contacts.kind.person");
	option(x, "company", "contacts.kind.company");
	filter_select(f, "type", "contacts.type", q.type, lists, "t");
	filter_select(f, "temperature", "contacts.temperature", q.temperature, lists, "m");
	filter_select(f, "manager", "contacts.manager", q.manager, users, NULL);
	x = crm_form_field(f, "vis", "contacts.access", "select", q.vis);
	option(x, "", "contacts.any");
	option(x, "public", "contacts.vis_public");
	option(x, "private", "contacts.vis_private");
	x = crm_form_field(f, "tag", "contacts.tag", "text", q.tag);
	crm_xml_attr(x, "maxlength", "100");
	crm_xml_attr(x, "list", "contact-tags");
	x = crm_form_field(f, "sort", "contacts.sort", "select", q.sort);
	option(x, "", "contacts.sort_name");
	option(x, "created", "contacts.sort_created");
	if (*q.company)
		crm_form_field(f, "company", NULL, "hidden", q.company);
	if (!crm_fields_filter_xml(r, "contact", f, strtoll(q.cf, NULL, 10), q.cfv))
		return CRM_EDB;
	crm_form_submit(f, "contacts.apply");
	crm_tags_all_xml(r, "contact", c);

	xmlNodePtr list = crm_rows_list(r, c, rows, CONTACTS_PAGE, "contacts", "contact", 0,
					contacts_query_url(r, &q, "/contacts"));
	crm_xml_attr(list, "filtered", *q.q || *q.kind || *q.type || *q.temperature || *q.company || *q.tag ||
						*q.manager || *q.vis || *q.cf ? "1" : NULL);
	crm_xml_attr(list, "export", contacts_query_url(r, &q, "/contacts/export"));
	xmlNodePtr bulk = crm_xml_add(c, "bulk", NULL);
	for (size_t i = 0; i < users->n_rows; i++)
		crm_xml_attr(crm_xml_add(bulk, "user", crm_rows_get(users, i, 1)), "id", crm_rows_get(users, i, 0));
	crm_page_list_actions(r, "contact", bulk);
	return 0;
}
