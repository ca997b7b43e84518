/* Events in the admin's "export all data" (ADM-2): every event the user may read, as the
 * list decides it, times in ISO 8601 UTC ("2031-05-20T08:00:00Z"), participants named
 * through the contacts plugin a page at a time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "events.h"

/* Ids one "contact.describe" takes at most. */
#define DESCRIBE_BATCH 500

static const char *const header[] = {
	"id", "name", "starts_at", "ends_at", "closed", "closed_at", "owner", "visibility", "participants",
	"tags", "created_at", "updated_at", "description",
};
/* The participants' column, empty in the statement and filled with their names. */
#define PARTICIPANTS 8

/* Stored UTC times as ISO 8601 text; an event without an end has an empty ends_at. The
 * tags' column goes between the two parts. */
static const char columns[] =
	"e.id, e.name, DATE_FORMAT(e.starts_at, '%Y-%m-%dT%TZ'), DATE_FORMAT(e.ends_at, '%Y-%m-%dT%TZ'), "
	"e.closed, DATE_FORMAT(e.closed_at, '%Y-%m-%dT%TZ'), u.name, e.visibility, NULL";
static const char columns_after_tags[] =
	"DATE_FORMAT(e.created_at, '%Y-%m-%dT%TZ'), DATE_FORMAT(e.updated_at, '%Y-%m-%dT%TZ'), e.description";

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* Fill names[i] with the name of contact ids[i] (ids sorted, distinct), leaving NULL
 * those the user may not read: one "contact.describe" per DESCRIBE_BATCH ids. */
static int contact_names(crm_req *r, const int64_t *ids, size_t n, const char **names)
{
	crm_pool *p = crm_req_pool(r);
	for (size_t start = 0; start < n; start += DESCRIBE_BATCH) {
		size_t k = n - start < DESCRIBE_BATCH ? n - start : DESCRIBE_BATCH;
		crm_event *ev = crm_event_new(r, "contact.describe", "contact", 0);
		crm_event_set(ev, "ids", event_id_list(p, ids + start, k));
		int rc = crm_event_publish(r, ev, NULL);
		if (rc < 0)
			return rc;
		xmlNodePtr res = crm_event_result(ev);
		for (xmlNodePtr c = res ? res->children : NULL; c; c = c->next) {
			if (c->type != XML_ELEMENT_NODE)
				continue;
			xmlChar *id = xmlGetProp(c, BAD_CAST "id"), *name = xmlGetProp(c, BAD_CAST "name");
			int64_t v = id ? strtoll((const char *)id, NULL, 10) : 0;
			const int64_t *at = bsearch(&v, ids, n, sizeof *ids, cmp_id);
			if (at && name)
				names[at - ids] = crm_pstrdup(p, (const char *)name);
			xmlFree(id);
			xmlFree(name);
		}
	}
	return 0;
}

/* The names of the contacts in rows from..to of who (column 1), "; " between them. */
static const char *joined(crm_pool *p, const crm_rows *who, size_t from, size_t to, const int64_t *ids,
			  const char **names, size_t n)
{
	const char **mine = crm_palloc(p, (to - from + 1) * sizeof *mine);
	size_t m = 0, len = 1;
	for (size_t w = from; w < to; w++) {
		int64_t v = crm_id(crm_rows_get(who, w, 1));
		const int64_t *at = bsearch(&v, ids, n, sizeof *ids, cmp_id);
		if (at && names[at - ids]) {
			mine[m] = names[at - ids];
			len += strlen(mine[m++]) + 2;
		}
	}
	char *out = crm_palloc(p, len), *o = out;
	for (size_t i = 0; i < m; i++)
		o += sprintf(o, "%s%s", i ? "; " : "", mine[i]);
	return out;
}

/* A page of events as CSV rows: one statement more reads their participants, whose
 * names are asked once for the page. */
static int write_rows(crm_req *r, const crm_rows *rows, crm_csv *out)
{
	crm_pool *p = crm_req_pool(r);
	if (!rows->n_rows)
		return 0;
	crm_rows *who = crm_db_query(r,
		"SELECT ep.event_id, ep.contact_id FROM event_participant ep WHERE ep.event_id IN "
		"(SELECT j.id FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT PATH '$')) j) "
		"ORDER BY ep.event_id, ep.added_at, ep.contact_id",
		"s", crm_json_ids(p, crm_rows_ids(p, rows, 0), rows->n_rows));
	if (!who)
		return CRM_EDB;
	int64_t *ids = crm_rows_ids(p, who, 1);
	qsort(ids, who->n_rows, sizeof *ids, cmp_id);
	size_t n = 0;
	for (size_t i = 0; i < who->n_rows; i++)
		if (!n || ids[n - 1] != ids[i])
			ids[n++] = ids[i];
	const char **names = crm_palloc(p, (n + 1) * sizeof *names);
	int rc = contact_names(r, ids, n, names);
	if (rc < 0)
		return rc;
	/* Both are in event id order: each event's participants are the next run of who. */
	const char *cells[CRM_LEN(header)];
	for (size_t i = 0, w = 0; i < rows->n_rows; i++) {
		for (size_t k = 0; k < CRM_LEN(header); k++)
			cells[k] = crm_rows_get(rows, i, k);
		size_t from = w;
		while (w < who->n_rows && !strcmp(crm_rows_get(who, w, 0), cells[0]))
			w++;
		cells[PARTICIPANTS] = joined(p, who, from, w, ids, names, n);
		crm_csv_row(out, cells, CRM_LEN(header));
	}
	return 0;
}

static int export_all(crm_req *r, crm_csv *out)
{
	crm_csv_row(out, header, CRM_LEN(header));
	/* The list's access condition, its one "?" after the keyset's. */
	const char *sql = crm_psprintf(crm_req_pool(r),
		"SELECT %s, %s, %s FROM event_item e LEFT JOIN crm_user u ON u.id = e.owner_id "
		"WHERE e.id > ? AND %s ORDER BY e.id",
		columns, crm_tags_column_sql(r, "e", "event"), columns_after_tags,
		crm_access_sql(r, "e", "event", CRM_READ));
	/* A page at a time: the participants' names are asked once for a whole page. */
	return crm_export_pages(r, out, sql, write_rows);
}

/* Events are not imported: this entry only puts event.csv into "export all data". */
const crm_importer events_exporter = {
	.entity = "event",
	.title = "events.title",
	.permission = "events.export",
	.export_all = export_all,
};
