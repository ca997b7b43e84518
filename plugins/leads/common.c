/* Small helpers every leads page uses: input, URLs, JSON answers, loading a lead
 * within the user's reach, funnels and statuses, and other plugins' records through
 * their events. */
#include <string.h>
#include "leads.h"

const char *const lead_visibilities[] = {CRM_VIS_PRIVATE, CRM_VIS_PUBLIC_READ, CRM_VIS_PUBLIC_WRITE, NULL};

const char *lead_id_text(crm_req *r, int64_t v)
{
	return v ? crm_psprintf(crm_req_pool(r), "%lld", (long long)v) : "";
}


const char *lead_label(crm_req *r, const char *name)
{
	if (!name)
		return "";
	return !strncmp(name, "leads.", 6) ? crm_t(r, name) : name;
}

const char *lead_json_str(crm_pool *p, const char *s)
{
	char *out = crm_palloc(p, strlen(s) * 6 + 3), *o = out;
	*o++ = '"';
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		if (*c == '"' || *c == '\\') {
			*o++ = '\\';
			*o++ = (char)*c;
		} else if (*c < 0x20 || *c == '<' || *c == '>' || *c == '&') {
			o += sprintf(o, "\\u%04x", *c);
		} else {
			*o++ = (char)*c;
		}
	}
	*o++ = '"';
	*o = 0;
	return out;
}

bool leads_wants_json(crm_req *r)
{
	const char *accept = crm_req_env(r, "HTTP_ACCEPT");
	return accept && strstr(accept, "application/json");
}

int leads_json(crm_req *r, int status, const char *error_msg)
{
	const char *body = error_msg ? crm_psprintf(crm_req_pool(r), "{\"error\":%s}", lead_json_str(crm_req_pool(r), error_msg))
				     : "{\"ok\":true}";
	crm_header(r, "Cache-Control", "no-store");
	return crm_send(r, status, "application/json; charset=utf-8", body, strlen(body), NULL);
}

bool leads_plugin_on(crm_req *r, const char *name)
{
	crm_plugin_info info[64];
	size_t n = crm_plugins(r, info, CRM_LEN(info));
	for (size_t i = 0; i < n; i++)
		if (!strcmp(info[i].name, name))
			return info[i].enabled && !info[i].refused;
	return false;
}

/* ===== loading ===== */

#define LEAD_COLS                                                                                      \
	"SELECT l.id, l.name, l.funnel_id, l.status_id, s.kind AS status_kind, s.name AS status, "      \
	"l.contact_id, l.company_id, l.phone, l.email, l.product_id, l.source_id, l.reason_id, l.budget, " \
	"l.currency, l.description, l.owner_id, l.visibility, l.created_at, l.updated_at "              \
	"FROM lead l JOIN lead_status s ON s.id = l.status_id "
#define LEAD_SQL LEAD_COLS "WHERE l.id = ? AND "

crm_rows *lead_load(crm_req *r, int64_t id, int mode, int *rc)
{
	const char *sql = crm_psprintf(crm_req_pool(r), LEAD_SQL "%s", crm_access_sql(r, "l", "lead", mode));
	crm_rows *row = crm_db_query(r, sql, "ii", id, crm_req_user(r));
	*rc = row ? (int)row->n_rows : CRM_EDB;
	return row && row->n_rows ? row : NULL;
}

crm_rows *leads_load_ids(crm_req *r, const int64_t *ids, size_t n, int mode)
{
	const char *sql = crm_psprintf(crm_req_pool(r), LEAD_COLS "WHERE " LEADS_IN_IDS " AND %s ORDER BY l.name, l.id",
				       crm_access_sql(r, "l", "lead", mode));
	return crm_db_query(r, sql, "si", crm_json_ids(crm_req_pool(r), ids, n), crm_req_user(r));
}

crm_rows *lead_found(crm_req *r, int64_t id, int mode, int *rc)
{
	crm_rows *row = lead_load(r, id, mode, rc);
	if (!row && *rc >= 0)
		*rc = crm_error(r, 404, "core.not_found");
	return row;
}

crm_rows *lead_statuses(crm_req *r)
{
	return crm_db_query(r, "SELECT f.id, f.name, s.id, s.name, s.kind FROM lead_funnel f "
			       "JOIN lead_status s ON s.funnel_id = f.id ORDER BY f.position, f.id, s.position, s.id", "");
}

int64_t lead_first_funnel(crm_req *r)
{
	crm_rows *rows = crm_db_query(r, "SELECT id FROM lead_funnel ORDER BY position, id LIMIT 1", "");
	return rows && rows->n_rows ? crm_id(crm_rows_get(rows, 0, 0)) : 0;
}

int64_t lead_first_status(crm_req *r, int64_t funnel_id)
{
	crm_rows *rows = crm_db_query(r, "SELECT id FROM lead_status WHERE funnel_id = ? AND kind = 'open' "
					 "ORDER BY position, id LIMIT 1", "i", funnel_id);
	return rows && rows->n_rows ? crm_id(crm_rows_get(rows, 0, 0)) : 0;
}

int lead_history(crm_req *r, int64_t id, const char *category, const char *text)
{
	int64_t rc = crm_history_add(r, "lead", id, category, text, NULL);
	return rc < 0 ? (int)rc : 0;
}

/* ===== other plugins' records ===== */

static const char *prop(crm_pool *p, xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);
	const char *out = v ? crm_pstrdup(p, (const char *)v) : "";
	xmlFree(v);
	return out;
}

void lead_contacts(crm_req *r, const int64_t *ids, size_t n, lead_contact **out, size_t *n_out)
{
	crm_pool *p = crm_req_pool(r);
	*out = NULL;
	*n_out = 0;
	const char *list = "";
	size_t k = 0;
	for (size_t i = 0; i < n && k < 500; i++)
		if (ids[i] > 0) {
			list = crm_psprintf(p, "%s%s%lld", list, k ? "," : "", (long long)ids[i]);
			k++;
		}
	if (!k)
		return;
	crm_event *ev = crm_event_new(r, "contact.describe", "contact", 0);
	crm_event_set(ev, "ids", list);
	crm_event_publish(r, ev, NULL);
	size_t cap = 0;
	for (xmlNodePtr c = crm_event_result(ev)->children; c; c = c->next)
		cap += c->type == XML_ELEMENT_NODE;
	lead_contact *all = crm_palloc(p, (cap + 1) * sizeof *all);
	for (xmlNodePtr c = crm_event_result(ev)->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		lead_contact *x = &all[(*n_out)++];
		x->id = crm_id(prop(p, c, "id"));
		x->company_id = crm_id(prop(p, c, "company_id"));
		x->name = prop(p, c, "name");
		x->kind = prop(p, c, "kind");
		x->company = prop(p, c, "company");
		x->phone = prop(p, c, "phone");
		x->email = prop(p, c, "email");
		x->url = prop(p, c, "url");
	}
	*out = all;
}

const lead_contact *lead_contact_of(const lead_contact *all, size_t n, int64_t id)
{
	for (size_t i = 0; id && i < n; i++)
		if (all[i].id == id)
			return &all[i];
	return NULL;
}

crm_rows *lead_products(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	crm_event *ev = crm_event_new(r, "product.list", "product", 0);
	crm_event_publish(r, ev, NULL);
	size_t n = 0;
	for (xmlNodePtr c = crm_event_result(ev)->children; c; c = c->next)
		n += c->type == XML_ELEMENT_NODE;
	if (!n)
		return NULL;
	crm_rows *rows = crm_palloc(p, sizeof *rows);
	rows->n_cols = 2;
	rows->cols = crm_palloc(p, 2 * sizeof *rows->cols);
	rows->cols[0] = "id";
	rows->cols[1] = "name";
	rows->cells = crm_palloc(p, n * 2 * sizeof *rows->cells);
	rows->lens = crm_palloc(p, n * 2 * sizeof *rows->lens);
	for (xmlNodePtr c = crm_event_result(ev)->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		size_t i = rows->n_rows++;
		rows->cells[i * 2] = prop(p, c, "id");
		rows->cells[i * 2 + 1] = prop(p, c, "name");
		rows->lens[i * 2] = strlen(rows->cells[i * 2]);
		rows->lens[i * 2 + 1] = strlen(rows->cells[i * 2 + 1]);
	}
	return rows;
}

const char *lead_product_name(crm_req *r, int64_t id)
{
	if (!id)
		return NULL;
	crm_event *ev = crm_event_new(r, "product.describe", "product", 0);
	crm_event_set(ev, "ids", lead_id_text(r, id));
	crm_event_publish(r, ev, NULL);
	for (xmlNodePtr c = crm_event_result(ev)->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && crm_id(prop(crm_req_pool(r), c, "id")) == id)
			return prop(crm_req_pool(r), c, "name");
	return NULL;
}
