/* Small helpers every deals page uses: the amount types, input, URLs, loading a deal
 * within the user's reach, the stages, the contacts plugin's answers, and the stage
 * change itself. */
#include <ctype.h>
#include <string.h>
#include "deals.h"

const char *const deal_amount_types[] = {"fixed", "hour", "day", "week", "month", "year", NULL};

bool deal_listed(const char *const *list, const char *s)
{
	for (; s && *list; list++)
		if (!strcmp(*list, s))
			return true;
	return false;
}

const char *deal_stage_label(crm_req *r, const char *name)
{
	return name && !strncmp(name, "deals.", 6) ? crm_t(r, name) : name ? name : "";
}

#define DEAL_SQL                                                                                    \
	"SELECT d.id, d.name, d.stage_id, s.name AS stage, s.kind AS stage_kind, d.probability, "     \
	"d.contact_id, d.description, d.budget, d.currency, d.amount_type, d.product_id, d.close_date, " \
	"d.lead_id, d.owner_id, d.visibility, d.created_at, d.updated_at "                             \
	"FROM deal d JOIN deal_stage s ON s.id = d.stage_id WHERE d.id = ? AND "

crm_rows *deal_found(crm_req *r, int64_t id, int mode, int *rc)
{
	const char *sql = crm_psprintf(crm_req_pool(r), DEAL_SQL "%s", crm_access_sql(r, "d", "deal", mode));
	crm_rows *row = crm_db_query(r, sql, "ii", id, crm_req_user(r));
	if (!row) {
		*rc = CRM_EDB;
		return NULL;
	}
	if (!row->n_rows) {
		*rc = crm_error(r, 404, "core.not_found");
		return NULL;
	}
	*rc = 0;
	return row;
}

bool deals_plugin_on(crm_req *r, const char *name)
{
	crm_plugin_info info[64];
	size_t n = crm_plugins(r, info, CRM_LEN(info));
	for (size_t i = 0; i < n; i++)
		if (!strcmp(info[i].name, name))
			return info[i].enabled && !info[i].refused;
	return false;
}

xmlNodePtr deals_describe_contacts(crm_req *r, const int64_t *ids, size_t n)
{
	crm_pool *p = crm_req_pool(r);
	/* The contract's limit: 500 ids an event. */
	if (n > 500)
		n = 500;
	char *list = crm_palloc(p, n * 21 + 1), *o = list;
	for (size_t i = 0; i < n; i++)
		o += sprintf(o, "%s%lld", i ? "," : "", (long long)ids[i]);
	crm_event *ev = crm_event_new(r, "contact.describe", "contact", 0);
	crm_event_set(ev, "ids", list);
	if (n)
		crm_event_publish(r, ev, NULL);
	return crm_event_result(ev);
}

xmlNodePtr deals_contact_in(xmlNodePtr described, const char *id)
{
	if (!described || !id)
		return NULL;
	for (xmlNodePtr c = described->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		xmlChar *v = xmlGetProp(c, BAD_CAST "id");
		bool match = v && !strcmp((const char *)v, id);
		xmlFree(v);
		if (match)
			return c;
	}
	return NULL;
}

static void free_node(void *n)
{
	xmlFreeNode(n);
}

xmlNodePtr deals_scratch(crm_req *r, const char *name)
{
	xmlNodePtr e = xmlNewNode(NULL, BAD_CAST name);
	crm_pool_cleanup(crm_req_pool(r), free_node, e);
	return e;
}

crm_rows *deal_stages(crm_req *r)
{
	return crm_db_query(r, "SELECT id, name, probability, kind, position FROM deal_stage ORDER BY position, id", "");
}

crm_rows *deals_reachable(crm_req *r, const int64_t *ids, size_t n, int mode)
{
	const char *sql = crm_psprintf(crm_req_pool(r),
		"SELECT d.id, d.name, d.stage_id, s.name FROM deal d JOIN deal_stage s ON s.id = d.stage_id "
		"WHERE " DEALS_IN_IDS " AND %s ORDER BY d.name, d.id", crm_access_sql(r, "d", "deal", mode));
	return crm_db_query(r, sql, "si", crm_json_ids(crm_req_pool(r), ids, n), crm_req_user(r));
}

int64_t deals_set_stage(crm_req *r, const crm_rows *deals, int64_t to)
{
	crm_pool *p = crm_req_pool(r);
	crm_rows *st = crm_db_query(r, "SELECT name FROM deal_stage WHERE id = ?", "i", to);
	if (!st)
		return CRM_EDB;
	if (!st->n_rows)
		return CRM_ENOTFOUND;
	const char *to_name = deal_stage_label(r, crm_rows_get(st, 0, 0));
	/* Only the deals that really change stage: each takes the stage's probability and
	 * gets one history item, in a fixed number of statements for any number of them. */
	int64_t *ids = crm_palloc(p, (deals->n_rows + 1) * sizeof *ids);
	const char **texts = crm_palloc(p, (deals->n_rows + 1) * sizeof *texts);
	size_t n = 0;
	for (size_t i = 0; i < deals->n_rows; i++) {
		if (crm_id(crm_rows_get(deals, i, 2)) == to)
			continue;
		ids[n] = crm_id(crm_rows_get(deals, i, 0));
		texts[n++] = crm_psprintf(p, "%s: %s → %s", crm_t(r, "deals.history_stage"),
					  deal_stage_label(r, crm_rows_get(deals, i, 3)), to_name);
	}
	if (!n)
		return 0;
	const char *sql = crm_psprintf(p, "UPDATE deal d JOIN deal_stage s ON s.id = ? SET d.stage_id = s.id, "
					  "d.probability = s.probability WHERE " DEALS_IN_IDS " AND d.stage_id <> s.id AND %s",
				       crm_access_sql(r, "d", "deal", CRM_WRITE));
	int64_t moved = crm_db_exec(r, sql, "isi", to, crm_json_ids(p, ids, n), crm_req_user(r));
	if (moved < 0)
		return moved;
	if (crm_history_add_many(r, "deal", ids, n, "changed", texts) < 0)
		return CRM_EDB;
	return moved;
}
