/* Small helpers every tasks page uses: input, URLs, the entity types a task points at,
 * who may see a task, loading one, the linked records' names and reminders' times. */
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include "tasks.h"

const char *tasks_id_text(crm_req *r, int64_t v)
{
	return crm_psprintf(crm_req_pool(r), "%lld", (long long)v);
}

const char *tasks_back(const char *back, const char *def)
{
	/* Local pages only, and only those a task is reached from. */
	static const char *const ok[] = {"/tasks", "/calendar", "/contacts", "/leads", "/deals", "/events"};
	if (!back || back[0] != '/' || back[1] == '/' || back[1] == '\\' || strpbrk(back, "\r\n") || strlen(back) > 1000)
		return def;
	for (size_t i = 0; i < CRM_LEN(ok); i++) {
		size_t n = strlen(ok[i]);
		if (!strncmp(back, ok[i], n) && (!back[n] || back[n] == '?' || back[n] == '/'))
			return back;
	}
	return def;
}

static void free_node(void *n)
{
	xmlFreeNode(n);
}

xmlNodePtr tasks_node(crm_req *r, const char *name)
{
	xmlNodePtr n = xmlNewNode(NULL, BAD_CAST name);
	crm_pool_cleanup(crm_req_pool(r), free_node, n);
	return n;
}

/* ===== entity types ===== */

/* The tables of the tenant's database that carry the record-access columns, as
 * ",name,name,": an entity type whose table lacks them cannot say who reads a record,
 * so no task points at it. Looked up once a minute per process and tenant. */
#define ACCESS_TABLES_TTL 60
static pthread_mutex_t access_lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
	char tenant[64];
	int64_t at;
	char tables[2048];
} access_tables[8];

static const char *tables_with_access(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	const char *tenant = crm_req_tenant(r), *out = NULL;
	int64_t now = crm_time_now();
	pthread_mutex_lock(&access_lock);
	for (size_t i = 0; i < CRM_LEN(access_tables) && !out; i++)
		if (!strcmp(access_tables[i].tenant, tenant) && now - access_tables[i].at < ACCESS_TABLES_TTL)
			out = crm_pstrdup(p, access_tables[i].tables);
	pthread_mutex_unlock(&access_lock);
	if (out)
		return out;
	crm_rows *rows = crm_db_query(r,
		"SELECT c.TABLE_NAME FROM information_schema.COLUMNS c WHERE c.TABLE_SCHEMA = DATABASE() "
		"AND c.COLUMN_NAME IN ('id', 'owner_id', 'visibility') GROUP BY c.TABLE_NAME HAVING COUNT(*) = 3", "");
	if (!rows)
		return ",";
	out = ",";
	for (size_t i = 0; i < rows->n_rows; i++)
		out = crm_psprintf(p, "%s%s,", out, crm_rows_get(rows, i, 0));
	pthread_mutex_lock(&access_lock);
	size_t slot = 0;
	for (size_t i = 0; i < CRM_LEN(access_tables); i++) {
		if (!strcmp(access_tables[i].tenant, tenant)) {
			slot = i;
			break;
		}
		if (access_tables[i].at < access_tables[slot].at)
			slot = i;
	}
	if (strlen(out) < sizeof access_tables[slot].tables) {
		snprintf(access_tables[slot].tenant, sizeof access_tables[slot].tenant, "%s", tenant);
		snprintf(access_tables[slot].tables, sizeof access_tables[slot].tables, "%s", out);
		access_tables[slot].at = now;
	}
	pthread_mutex_unlock(&access_lock);
	return out;
}

size_t tasks_entities(crm_req *r, const crm_entity_type **out, size_t max)
{
	const crm_entity_type *all[TASKS_ENTITIES_MAX];
	size_t n = crm_entity_types(r, all, CRM_LEN(all)), k = 0;
	const char *ok = tables_with_access(r);
	for (size_t i = 0; i < n && k < max; i++)
		if (strcmp(all[i]->name, "task") && strstr(ok, crm_psprintf(crm_req_pool(r), ",%s,", all[i]->table)))
			out[k++] = all[i];
	return k;
}

const crm_entity_type *tasks_entity(crm_req *r, const char *name)
{
	const crm_entity_type *e[TASKS_ENTITIES_MAX];
	size_t n = tasks_entities(r, e, CRM_LEN(e));
	for (size_t i = 0; name && i < n; i++)
		if (!strcmp(e[i]->name, name))
			return e[i];
	return NULL;
}

const char *tasks_record_url(crm_req *r, const crm_entity_type *e, int64_t id)
{
	/* The pattern is the declaring plugin's constant with one %lld (the loader checked). */
	const char *u = e->url, *at = strstr(u, "%lld");
	if (!at)
		return NULL;
	return crm_psprintf(crm_req_pool(r), "%.*s%lld%s", (int)(at - u), u, (long long)id, at + 4);
}

/* ===== access ===== */

const char *tasks_read_sql(crm_req *r, const char *alias, size_t *n)
{
	crm_pool *p = crm_req_pool(r);
	if (crm_req_is_admin(r)) {
		*n = 1;
		return "(? IS NOT NULL)";
	}
	/* The linked record's own access decides for everyone else: each type's table is
	 * a declared constant, and only its access columns (id, owner_id, visibility) are read. */
	const crm_entity_type *e[TASKS_ENTITIES_MAX];
	size_t k = tasks_entities(r, e, CRM_LEN(e));
	const char *linked = "";
	*n = 2;
	for (size_t i = 0; i < k; i++) {
		const char *x = crm_psprintf(p, "lx%zu", i);
		linked = crm_psprintf(p, "%s OR (%s.entity = '%s' AND EXISTS (SELECT 1 FROM %s %s WHERE %s.id = %s.record_id AND %s))",
				      linked, alias, e[i]->name, e[i]->table, x, x, alias,
				      crm_access_sql(r, x, e[i]->name, CRM_READ));
		(*n)++;
	}
	return crm_psprintf(p, "(%s.owner_id = ? OR %s.assignee_id = ?%s)", alias, alias, linked);
}

const char *tasks_write_sql(crm_req *r, const char *alias, size_t *n)
{
	if (crm_req_is_admin(r)) {
		*n = 1;
		return "(? IS NOT NULL)";
	}
	*n = 2;
	return crm_psprintf(crm_req_pool(r), "(%s.owner_id = ? OR %s.assignee_id = ?)", alias, alias);
}

crm_rows *tasks_run(crm_req *r, const char *sql, size_t n_access, const char *const *params, size_t n)
{
	const char **all = crm_palloc(crm_req_pool(r), (n_access + n + 1) * sizeof *all);
	const char *me = tasks_id_text(r, crm_req_user(r));
	for (size_t i = 0; i < n_access; i++)
		all[i] = me;
	for (size_t i = 0; i < n; i++)
		all[n_access + i] = params[i];
	return crm_db_queryv(r, sql, all, n_access + n);
}

#define TASK_SQL                                                                                       \
	"SELECT t.id, t.title, t.category_id, c.name AS category, t.entity, t.record_id, t.due_at, "        \
	"t.remind_minutes, t.remind_at, t.reminded_at, t.assignee_id, a.name AS assignee, t.description, " \
	"t.done, t.closed_at, t.owner_id, o.name AS author, t.created_at, t.updated_at "                   \
	"FROM task t LEFT JOIN task_category c ON c.id = t.category_id "                                   \
	"LEFT JOIN crm_user a ON a.id = t.assignee_id LEFT JOIN crm_user o ON o.id = t.owner_id "           \
	"WHERE t.id = ? AND "

crm_rows *task_found(crm_req *r, int64_t id, int mode, int *rc)
{
	size_t n;
	const char *cond = mode == CRM_WRITE ? tasks_write_sql(r, "t", &n) : tasks_read_sql(r, "t", &n);
	const char *sql = crm_psprintf(crm_req_pool(r), TASK_SQL "%s", cond);
	/* The id comes first in the statement, then the access condition's parameters. */
	const char **params = crm_palloc(crm_req_pool(r), (n + 1) * sizeof *params);
	params[0] = tasks_id_text(r, id);
	for (size_t i = 0; i < n; i++)
		params[i + 1] = tasks_id_text(r, crm_req_user(r));
	crm_rows *row = crm_db_queryv(r, sql, params, n + 1);
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

/* ===== linked records' names ===== */

static const char *prop(crm_pool *p, xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);
	const char *out = v ? crm_pstrdup(p, (const char *)v) : "";
	xmlFree(v);
	return out;
}

const char **tasks_labels(crm_req *r, const crm_rows *rows, const char *entity_col, const char *id_col)
{
	crm_pool *p = crm_req_pool(r);
	size_t n = rows ? rows->n_rows : 0;
	const char **labels = crm_palloc(p, (n + 1) * sizeof *labels);
	bool *asked = crm_palloc(p, n + 1);
	for (size_t i = 0; i < n; i++)
		labels[i] = "";
	for (size_t i = 0; i < n; i++) {
		const char *entity = crm_rows_by(rows, i, entity_col);
		if (asked[i] || !entity || !*entity || !crm_id(crm_rows_by(rows, i, id_col)))
			continue;
		/* Every row of this type joins one question. */
		const char *ids = "";
		for (size_t j = i; j < n; j++) {
			const char *ej = crm_rows_by(rows, j, entity_col), *idj = crm_rows_by(rows, j, id_col);
			if (!ej || strcmp(ej, entity) || !crm_id(idj))
				continue;
			asked[j] = true;
			ids = crm_psprintf(p, "%s%s%s", ids, *ids ? "," : "", idj);
		}
		crm_event *ev = crm_event_new(r, crm_psprintf(p, "%s.describe", entity), entity, 0);
		crm_event_set(ev, "ids", ids);
		if (crm_event_publish(r, ev, NULL) < 0)
			continue;
		for (xmlNodePtr c = crm_event_result(ev)->children; c; c = c->next) {
			if (c->type != XML_ELEMENT_NODE)
				continue;
			const char *id = prop(p, c, "id"), *name = prop(p, c, "name");
			if (!*name)
				name = prop(p, c, "title");
			for (size_t j = i; j < n; j++) {
				const char *ej = crm_rows_by(rows, j, entity_col), *idj = crm_rows_by(rows, j, id_col);
				if (ej && idj && !strcmp(ej, entity) && !strcmp(idj, id))
					labels[j] = name;
			}
		}
	}
	return labels;
}

const char *tasks_label(crm_req *r, const char *entity, int64_t id)
{
	crm_rows one = {.n_rows = 1, .n_cols = 2};
	const char *cols[] = {"entity", "record_id"};
	const char *cells[] = {entity, tasks_id_text(r, id)};
	size_t lens[] = {strlen(entity), strlen(cells[1])};
	one.cols = cols;
	one.cells = cells;
	one.lens = lens;
	return tasks_labels(r, &one, "entity", "record_id")[0];
}

void tasks_record_attrs(crm_req *r, xmlNodePtr node, const char *entity, const char *record_id,
			const char *label)
{
	const crm_entity_type *e = tasks_entity(r, entity);
	int64_t id = crm_id(record_id);
	if (!entity || !*entity || !id)
		return;
	crm_xml_attr(node, "entity", entity);
	crm_xml_attr(node, "record_id", record_id);
	crm_xml_attr(node, "label", label && *label ? label : NULL);
	if (e) {
		crm_xml_attr(node, "type", e->title);
		crm_xml_attr(node, "url", tasks_record_url(r, e, id));
	}
}

/* ===== reminders and history ===== */

const int tasks_remind_choices[] = {5, 15, 30, 60, 120, 1440, -1};
const size_t tasks_n_remind_choices = CRM_LEN(tasks_remind_choices);

const char *task_remind_at(crm_pool *p, int64_t due, int minutes, int64_t now)
{
	/* A task already due gets no reminder; one due sooner than its reminder's lead time
	 * is reminded at once. */
	if (minutes < 0 || due <= now)
		return NULL;
	return crm_time_sql(p, due - (int64_t)minutes * 60);
}

int task_history(crm_req *r, const char *entity, int64_t record_id, const char *key, const char *title,
		 int64_t task_id)
{
	if (!entity || !*entity || !record_id)
		return 0;
	crm_pool *p = crm_req_pool(r);
	int64_t rc = crm_history_add(r, entity, record_id, "task", crm_psprintf(p, "%s: %s", crm_t(r, key), title),
				     crm_psprintf(p, "/tasks/%lld", (long long)task_id));
	/* A record type unknown to the core (its plugin gone) keeps no history: not an error. */
	return rc == CRM_EINVAL ? 0 : (int)(rc < 0 ? rc : 0);
}
