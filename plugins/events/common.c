/* Helpers every events page uses: input, URLs, loading an event within the user's
 * reach, its readers, and its participants as the contacts plugin describes them. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "events.h"

long event_chars(const char *s)
{
	long n = 0;
	const unsigned char *u = (const unsigned char *)s;
	while (u && *u) {
		size_t len = *u < 0x80 ? 1 : (*u & 0xE0) == 0xC0 ? 2 : (*u & 0xF0) == 0xE0 ? 3 : (*u & 0xF8) == 0xF0 ? 4 : 0;
		if (!len || (len == 2 && *u < 0xC2))
			return -1;
		for (size_t i = 1; i < len; i++)
			if ((u[i] & 0xC0) != 0x80)
				return -1;
		u += len;
		n++;
	}
	return n;
}

const char *event_id_list(crm_pool *p, const int64_t *ids, size_t n)
{
	char *out = crm_palloc(p, n * 21 + 1), *o = out;
	for (size_t i = 0; i < n; i++)
		o += sprintf(o, "%s%lld", i ? "," : "", (long long)ids[i]);
	*o = 0;
	return out;
}

const char *event_back(crm_req *r, const char *back, const char *def)
{
	(void)r;
	/* Only our own pages: never another site, nor a header split by a newline. */
	if (back && !strncmp(back, "/events", 7) && (back[7] == 0 || back[7] == '/' || back[7] == '?') &&
	    crm_one_line(back) && strlen(back) < 1000)
		return back;
	return def;
}

crm_rows *event_found(crm_req *r, int64_t id, int mode, int *rc)
{
	const char *sql = crm_psprintf(crm_req_pool(r),
		"SELECT e.id, e.name, e.description, e.starts_at, e.ends_at, e.closed, e.closed_at, e.owner_id, "
		"u.name AS owner, e.visibility, e.created_at, e.updated_at FROM event_item e "
		"LEFT JOIN crm_user u ON u.id = e.owner_id WHERE e.id = ? AND %s",
		crm_access_sql(r, "e", "event", mode));
	crm_rows *row = id > 0 ? crm_db_query(r, sql, "ii", id, crm_req_user(r)) : NULL;
	if (id > 0 && !row) {
		*rc = CRM_EDB;
		return NULL;
	}
	if (!row || !row->n_rows) {
		*rc = crm_error(r, 404, "core.not_found");
		return NULL;
	}
	*rc = 0;
	return row;
}

const char *event_readers(crm_req *r, int64_t id)
{
	crm_rows *rows = crm_db_query(r, "SELECT GROUP_CONCAT(user_id ORDER BY user_id) FROM crm_record_user "
				      "WHERE entity = 'event' AND record_id = ? AND kind = 'reader'", "i", id);
	const char *v = rows && rows->n_rows ? crm_rows_get(rows, 0, 0) : NULL;
	return v ? v : "";
}

int event_history(crm_req *r, int64_t id, const char *category, const char *text)
{
	int64_t rc = crm_history_add(r, "event", id, category, text, NULL);
	return rc < 0 ? (int)rc : 0;
}

static const char *prop(crm_pool *p, xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);
	const char *s = v ? crm_pstrdup(p, (const char *)v) : NULL;
	xmlFree(v);
	return s;
}

/* Ask "contact.describe" about ids (a comma list); NULL when nobody answered. */
static xmlNodePtr describe(crm_req *r, const char *ids)
{
	crm_event *ev = crm_event_new(r, "contact.describe", "contact", 0);
	crm_event_set(ev, "ids", ids);
	crm_event_publish(r, ev, NULL);
	return crm_event_result(ev);
}

int event_participants_xml(crm_req *r, int64_t id, xmlNodePtr parent)
{
	crm_pool *p = crm_req_pool(r);
	crm_rows *rows = crm_db_query(r, "SELECT contact_id FROM event_participant WHERE event_id = ? "
				      "ORDER BY added_at, contact_id LIMIT ?", "ii", id, (int64_t)EVENT_PARTICIPANTS_MAX);
	if (!rows)
		return CRM_EDB;
	if (!rows->n_rows)
		return 0;
	int64_t *ids = crm_palloc(p, rows->n_rows * sizeof *ids);
	for (size_t i = 0; i < rows->n_rows; i++)
		ids[i] = crm_id(crm_rows_get(rows, i, 0));
	xmlNodePtr res = describe(r, event_id_list(p, ids, rows->n_rows));
	static const char *const attrs[] = {"name", "kind", "company_id", "company", "phone", "email", "url"};
	/* In the order they were added; those the user may not read are only counted. */
	for (size_t i = 0; i < rows->n_rows; i++) {
		const char *cid = crm_rows_get(rows, i, 0);
		for (xmlNodePtr c = res ? res->children : NULL; c; c = c->next) {
			if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "contact"))
				continue;
			const char *v = prop(p, c, "id");
			if (!v || strcmp(v, cid))
				continue;
			xmlNodePtr out = crm_xml_add(parent, "participant", NULL);
			crm_xml_attr(out, "id", cid);
			for (size_t k = 0; k < CRM_LEN(attrs); k++)
				crm_xml_attr(out, attrs[k], prop(p, c, attrs[k]));
			break;
		}
	}
	return (int)rows->n_rows;
}

int64_t event_pick_contact(crm_req *r, const char *name, const char *typed, xmlNodePtr field, const char **err)
{
	crm_pool *p = crm_req_pool(r);
	*err = NULL;
	/* A candidate chosen from the select the form came back with. */
	int64_t chosen = crm_id(crm_req_form(r, crm_psprintf(p, "%s_id", name)));
	if (chosen) {
		xmlNodePtr res = describe(r, crm_psprintf(p, "%lld", (long long)chosen));
		for (xmlNodePtr c = res ? res->children : NULL; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE && crm_id(prop(p, c, "id")) == chosen)
				return chosen;
		*err = "events.contact_not_found";
		return -1;
	}
	if (!typed || !*typed)
		return 0;
	int64_t id = crm_pick(r, "contact", typed, field);
	if (id > 0)
		return id;
	if (id == 0) {
		*err = "events.contact_not_found";
		return -1;
	}
	if (id == CRM_ECONFLICT) {
		*err = "events.contact_choose";
		return -1;
	}
	return id;
}
