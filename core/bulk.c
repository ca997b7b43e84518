/* What the lists' bulk actions share (choosing the action posted, adding a tag, changing
 * the manager, deleting after a confirmation), and deleting a record from its card. */
#include <stdbool.h>
#include <string.h>
#include "core.h"

/* The ticked records are bound to one "?" as a JSON array. */
#define IN_IDS "t.id IN (SELECT j.id FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT PATH '$')) j)"

/* prefix.what, in the pool. */
static const char *key(crm_req *r, const crm_bulk_list *l, const char *what)
{
	return crm_psprintf(crm_req_pool(r), "%s.%s", l->prefix, what);
}

const char *crm_bulk_back(crm_req *r, const crm_bulk_list *l)
{
	return crm_input_back(r, l->list);
}

int crm_bulk_done(crm_req *r, const crm_bulk_list *l, const char *kind, const char *k)
{
	crm_flash(r, kind, k);
	return crm_redirect(r, crm_bulk_back(r, l));
}

static int bulk_done(crm_req *r, const crm_bulk_list *l, const char *kind, const char *what)
{
	return crm_bulk_done(r, l, kind, key(r, l, what));
}

xmlNodePtr crm_bulk_confirm(xmlNodePtr parent, const char *action, const crm_rows *rows, const char *item,
			    const char *submit, const char *back)
{
	xmlNodePtr f = crm_form(parent, action);
	xmlNodePtr list = crm_xml_add(f, "doomed", NULL);
	for (size_t i = 0; i < rows->n_rows; i++) {
		crm_form_field(f, "id", NULL, "hidden", crm_rows_get(rows, i, 0));
		crm_xml_attr(crm_xml_add(list, item, crm_rows_get(rows, i, 1)), "id", crm_rows_get(rows, i, 0));
	}
	crm_form_field(f, "back", NULL, "hidden", back);
	crm_xml_attr(crm_form_submit(f, submit), "kind", "danger");
	crm_xml_attr(crm_xml_add(f, "cancel", NULL), "href", back);
	return f;
}

int crm_bulk_dispatch(crm_req *r, const crm_bulk_list *l, const crm_bulk_action *actions)
{
	size_t n;
	int64_t *ids = crm_input_ids(r, "id", l->max, &n);
	const char *action = crm_input(r, "action");
	if (!n)
		return bulk_done(r, l, "error", "bulk_none");
	const crm_bulk_action *a = actions;
	while (a->name && strcmp(a->name, action))
		a++;
	if (!crm_req_can(r, a->perm))
		return crm_error(r, 403, "core.forbidden");
	if (!a->name)
		return crm_error(r, 400, key(r, l, "bulk_unknown"));
	return a->run(r, l, ids, n);
}

crm_rows *crm_bulk_writable(crm_req *r, const crm_bulk_list *l, const int64_t *ids, size_t n, int *rc)
{
	crm_rows *rows = l->load(r, ids, n, CRM_WRITE);
	*rc = 0;
	if (!rows)
		*rc = CRM_EDB;
	else if (!rows->n_rows)
		*rc = bulk_done(r, l, "error", "bulk_none_writable");
	return rows && rows->n_rows ? rows : NULL;
}

int crm_bulk_tag(crm_req *r, const crm_bulk_list *l, const int64_t *ids, size_t n)
{
	const char *tag = crm_input(r, "tag");
	if (!crm_tag_name_ok(tag))
		return bulk_done(r, l, "error", "bulk_tag_invalid");
	int rc;
	crm_rows *rows = crm_bulk_writable(r, l, ids, n, &rc);
	if (!rows)
		return rc;
	rc = crm_tags_add(r, l->entity, crm_rows_ids(crm_req_pool(r), rows, 0), rows->n_rows, tag);
	if (rc == CRM_EINVAL)
		return bulk_done(r, l, "error", "bulk_tag_invalid");
	if (rc < 0)
		return CRM_EDB;
	return bulk_done(r, l, "ok", "bulk_tagged");
}

int crm_bulk_owner(crm_req *r, const crm_bulk_list *l, const int64_t *ids, size_t n)
{
	crm_pool *p = crm_req_pool(r);
	int64_t user = crm_id(crm_input(r, "manager"));
	crm_rows *u = user > 0 ? crm_db_query(r, "SELECT name FROM crm_user WHERE id = ? AND active = 1", "i", user) : NULL;
	if (user > 0 && !u)
		return CRM_EDB;
	if (!u || !u->n_rows)
		return bulk_done(r, l, "error", "owner_invalid");
	const crm_entity_type *t = crm_entity_find(r, l->entity);
	if (!t)
		return CRM_EINTERNAL;
	int rc;
	crm_rows *rows = crm_bulk_writable(r, l, ids, n, &rc);
	if (!rows)
		return rc;
	int64_t *mine = crm_rows_ids(p, rows, 0);
	const char *text = crm_psprintf(p, "%s: %s", crm_t(r, key(r, l, "col.owner_id")), crm_rows_get(u, 0, 0));
	const char **texts = crm_palloc(p, rows->n_rows * sizeof *texts);
	for (size_t i = 0; i < rows->n_rows; i++)
		texts[i] = text;
	/* Access is checked again in the statement itself, not only by the loader. */
	const char *sql = crm_psprintf(p, "UPDATE %s t SET t.owner_id = ? WHERE " IN_IDS " AND %s", t->table,
				       crm_access_sql(r, "t", l->entity, CRM_WRITE));
	if (crm_db_begin(r) < 0 ||
	    crm_db_exec(r, sql, "isi", user, crm_json_ids(p, mine, rows->n_rows), crm_req_user(r)) < 0 ||
	    crm_history_add_many(r, l->entity, mine, rows->n_rows, "changed", texts) < 0)
		return CRM_EDB;
	if (user != crm_req_user(r) &&
	    crm_notify(r, user, key(r, l, "made_manager_bulk"), crm_psprintf(p, "%zu", rows->n_rows),
		       crm_psprintf(p, "%s?manager=%lld", l->list, (long long)user)) < 0)
		return CRM_EDB;
	if (crm_db_commit(r) < 0)
		return CRM_EDB;
	return bulk_done(r, l, "ok", "bulk_manager_changed");
}

int crm_bulk_delete_confirm(crm_req *r, const crm_bulk_list *l, const int64_t *ids, size_t n)
{
	int rc;
	crm_rows *rows = crm_bulk_writable(r, l, ids, n, &rc);
	if (!rows)
		return rc;
	xmlNodePtr c = crm_page(r, key(r, l, "bulk_delete"), key(r, l, "bulk_delete_title"));
	crm_bulk_confirm(c, crm_psprintf(crm_req_pool(r), "%s/bulk/delete", l->list), rows, l->entity,
			 key(r, l, "bulk_delete_submit"), crm_bulk_back(r, l));
	return 0;
}

int crm_bulk_delete(crm_req *r, const crm_bulk_list *l)
{
	size_t n;
	int64_t *ids = crm_input_ids(r, "id", l->max, &n);
	if (!n)
		return bulk_done(r, l, "error", "bulk_none");
	int rc;
	crm_rows *rows = crm_bulk_writable(r, l, ids, n, &rc);
	if (!rows)
		return rc;
	size_t deleted = 0;
	xmlNodePtr kept = NULL;
	for (size_t i = 0; i < rows->n_rows; i++) {
		const char *name = crm_rows_get(rows, i, 1), *veto = NULL;
		int64_t id = crm_id(crm_rows_get(rows, i, 0));
		rc = l->remove ? l->remove(r, id, name, &veto) : crm_record_delete(r, l->entity, id, "name", name);
		if (rc == CRM_EVETO) {
			if (!kept)
				kept = crm_xml_add(crm_page(r, key(r, l, "bulk_result"), key(r, l, "bulk_delete_title")),
						   "kept", NULL);
			xmlNodePtr k = crm_xml_add(kept, l->entity, name);
			crm_xml_attr(k, "id", crm_rows_get(rows, i, 0));
			crm_xml_attr(k, "reason", veto);
			continue;
		}
		if (rc < 0)
			return rc;
		deleted++;
	}
	if (!kept)
		return bulk_done(r, l, "ok", "bulk_deleted");
	crm_xml_attr_int(kept, "deleted", (int64_t)deleted);
	crm_xml_attr(kept, "back", crm_bulk_back(r, l));
	crm_status(r, 409);
	return 0;
}

xmlNodePtr crm_delete_question(crm_req *r, xmlNodePtr page, const char *base, int64_t id, const char *name,
			       const char *question)
{
	crm_pool *p = crm_req_pool(r);
	xmlNodePtr q = crm_xml_add(page, "confirm", name);
	crm_xml_attr(q, "action", crm_psprintf(p, "%s/%lld/delete", base, (long long)id));
	crm_xml_attr(q, "question", question);
	crm_xml_attr(q, "cancel", crm_psprintf(p, "%s/%lld", base, (long long)id));
	return q;
}

int crm_record_delete(crm_req *r, const char *entity, int64_t id, const char *field, const char *name)
{
	const crm_entity_type *t = crm_entity_find(r, entity);
	if (!t)
		return CRM_EINTERNAL;
	crm_pool *p = crm_req_pool(r);
	if (crm_db_begin(r) < 0 || crm_records_forget(r, entity, id) < 0 ||
	    crm_db_exec(r, crm_psprintf(p, "DELETE FROM %s WHERE id = ?", t->table), "i", id) < 0 ||
	    crm_audit(r, crm_psprintf(p, "%s.delete", entity), entity, id, field, name, NULL) < 0 || crm_db_commit(r) < 0)
		return CRM_EDB;
	crm_event *ev = crm_event_new(r, crm_psprintf(p, "%s.deleted", entity), entity, id);
	crm_event_set(ev, "name", name);
	crm_event_publish(r, ev, NULL);
	return 0;
}

/* Both routes of a card's deletion: the writable record, then the question or the delete. */
static int delete_step(crm_req *r, const crm_delete_kind *k, bool really)
{
	int64_t id = crm_req_arg_id(r, "id");
	int rc;
	crm_rows *row = k->found(r, id, CRM_WRITE, &rc);
	if (!row)
		return rc;
	crm_pool *p = crm_req_pool(r);
	const char *name = crm_rows_by(row, 0, k->name);
	if (!really) {
		xmlNodePtr c = crm_page(r, crm_psprintf(p, "%s.delete", k->prefix), crm_psprintf(p, "%s.delete_title", k->prefix));
		crm_delete_question(r, c, k->base, id, name, crm_psprintf(p, "%s.confirm_delete", k->prefix));
		return 0;
	}
	rc = crm_record_delete(r, k->entity, id, k->name, name);
	if (rc < 0)
		return rc;
	crm_flash(r, "ok", crm_psprintf(p, "%s.deleted", k->prefix));
	return crm_redirect(r, k->base);
}

int crm_delete_confirm(crm_req *r, const crm_delete_kind *k)
{
	return delete_step(r, k, false);
}

int crm_delete(crm_req *r, const crm_delete_kind *k)
{
	return delete_step(r, k, true);
}
