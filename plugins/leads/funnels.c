/* /leads/settings/funnels: funnels and their ordered statuses. Every funnel keeps at
 * least one open status and ends with its qualified and disqualified statuses, which
 * cannot be renamed, moved or deleted; a funnel or status holding leads is not deleted. */
#include <stdlib.h>
#include <string.h>
#include "leads.h"

/* Positions: open statuses count from 1, the final two sit after any of them. */
#define FINAL_POSITION 1000

/* Why a name cannot be used, or NULL; table and scope are constants of this file. */
static const char *name_problem(crm_req *r, const char *table, const char *scope, int64_t scope_id, const char *name,
				int64_t self, int *db)
{
	*db = 0;
	if (!*name)
		return "leads.settings_name_required";
	if (crm_utf8_chars(name) > 100 || !crm_one_line(name))
		return "leads.too_long_100";
	const char *sql = crm_psprintf(crm_req_pool(r), "SELECT 1 FROM %s WHERE name = ? AND id <> ?%s", table, scope);
	crm_rows *rows = *scope ? crm_db_query(r, sql, "sii", name, self, scope_id) : crm_db_query(r, sql, "si", name, self);
	if (!rows) {
		*db = CRM_EDB;
		return NULL;
	}
	return rows->n_rows ? "leads.settings_name_taken" : NULL;
}

/* ===== funnels ===== */

static int funnels_page(crm_req *r, int64_t bad_id, const char *typed, const char *error)
{
	crm_rows *rows = crm_db_query(r, "SELECT f.id, f.name, (SELECT COUNT(*) FROM lead_status s WHERE s.funnel_id = f.id), "
					 "(SELECT COUNT(*) FROM lead l WHERE l.funnel_id = f.id) FROM lead_funnel f "
					 "ORDER BY f.position, f.id", "");
	if (!rows)
		return CRM_EDB;
	xmlNodePtr c = crm_page(r, "leads.funnels", "leads.settings_funnels");
	leads_settings_tabs(c, "/leads/settings/funnels");
	xmlNodePtr items = crm_xml_add(c, "funnels", NULL);
	for (size_t i = 0; i < rows->n_rows; i++) {
		const char *id = crm_rows_get(rows, i, 0);
		xmlNodePtr e = crm_xml_add(items, "funnel", NULL);
		crm_xml_attr(e, "id", id);
		crm_xml_attr(e, "name", lead_label(r, crm_rows_get(rows, i, 1)));
		crm_xml_attr(e, "statuses", crm_rows_get(rows, i, 2));
		crm_xml_attr(e, "used", crm_rows_get(rows, i, 3));
		if (i == 0)
			crm_xml_attr(e, "first", "1");
		if (i + 1 == rows->n_rows)
			crm_xml_attr(e, "last", "1");
		if (bad_id && bad_id == crm_id(id)) {
			crm_xml_attr(e, "typed", typed);
			crm_xml_attr(e, "error", error);
		}
	}
	xmlNodePtr f = crm_form(c, "/leads/settings/funnels");
	crm_xml_attr(f, "class", "inline");
	crm_form_name(f, "leads.funnel_new", bad_id ? NULL : typed, 100, bad_id ? NULL : error);
	crm_form_submit(f, "leads.settings_add");
	if (error)
		crm_status(r, 422);
	return 0;
}

int leads_funnels(crm_req *r)
{
	return funnels_page(r, 0, NULL, NULL);
}

int leads_funnel_add(crm_req *r)
{
	const char *name = crm_input(r, "name");
	int db;
	const char *why = name_problem(r, "lead_funnel", "", 0, name, 0, &db);
	if (db)
		return db;
	if (why)
		return funnels_page(r, 0, name, why);
	/* A new funnel starts with one open status and the two final ones. */
	if (crm_db_begin(r) < 0 ||
	    crm_db_exec(r, "INSERT INTO lead_funnel (name, position) SELECT ?, COALESCE(MAX(position), 0) + 1 FROM lead_funnel",
			"s", name) < 0)
		return CRM_EDB;
	int64_t id = crm_db_last_id(r);
	if (crm_db_exec(r, "INSERT INTO lead_status (funnel_id, name, kind, position) VALUES (?, 'leads.status.new', 'open', 1), "
			   "(?, 'leads.status.qualified', 'qualified', ?), (?, 'leads.status.disqualified', 'disqualified', ?)",
			"iiiii", id, id, (int64_t)FINAL_POSITION, id, (int64_t)FINAL_POSITION + 1) < 0 ||
	    crm_audit(r, "leads.funnel_add", "lead_funnel", id, "name", NULL, name) < 0 || crm_db_commit(r) < 0)
		return CRM_EDB;
	crm_flash(r, "ok", "core.saved");
	return crm_redirect(r, crm_psprintf(crm_req_pool(r), "/leads/settings/funnels/%lld", (long long)id));
}

/* The funnel {id}: its name, or NULL after answering 404 or a DB error (*rc). */
static const char *funnel_of(crm_req *r, int64_t *id, int *rc)
{
	*id = crm_req_arg_id(r, "id");
	crm_rows *rows = crm_db_query(r, "SELECT name FROM lead_funnel WHERE id = ?", "i", *id);
	*rc = rows ? 0 : CRM_EDB;
	if (rows && !rows->n_rows)
		*rc = crm_error(r, 404, "core.not_found");
	return rows && rows->n_rows ? crm_rows_get(rows, 0, 0) : NULL;
}

/* One funnel's page: its statuses (open ones editable), the form adding one. */
static int funnel_page(crm_req *r, int64_t id, const char *name, int64_t bad_id, const char *typed, const char *error)
{
	crm_pool *p = crm_req_pool(r);
	crm_rows *rows = crm_db_query(r, "SELECT s.id, s.name, s.kind, (SELECT COUNT(*) FROM lead l WHERE l.status_id = s.id) "
					 "FROM lead_status s WHERE s.funnel_id = ? ORDER BY s.position, s.id", "i", id);
	if (!rows)
		return CRM_EDB;
	xmlNodePtr c = crm_page(r, "leads.funnel", "leads.settings_funnels");
	leads_settings_tabs(c, "/leads/settings/funnels");
	xmlNodePtr fn = crm_xml_add(c, "funnel", NULL);
	crm_xml_attr_int(fn, "id", id);
	crm_xml_attr(fn, "name", lead_label(r, name));
	if (bad_id == -1) {
		crm_xml_attr(fn, "typed", typed);
		crm_xml_attr(fn, "error", error);
	}
	size_t n_open = 0;
	for (size_t i = 0; i < rows->n_rows; i++)
		n_open += !strcmp(crm_rows_get(rows, i, 2), "open");
	for (size_t i = 0, k = 0; i < rows->n_rows; i++) {
		const char *sid = crm_rows_get(rows, i, 0);
		bool open = !strcmp(crm_rows_get(rows, i, 2), "open");
		xmlNodePtr e = crm_xml_add(fn, "status", NULL);
		crm_xml_attr(e, "id", sid);
		crm_xml_attr(e, "name", lead_label(r, crm_rows_get(rows, i, 1)));
		crm_xml_attr(e, "kind", crm_rows_get(rows, i, 2));
		crm_xml_attr(e, "used", crm_rows_get(rows, i, 3));
		if (open) {
			if (k == 0)
				crm_xml_attr(e, "first", "1");
			if (k + 1 == n_open)
				crm_xml_attr(e, "last", "1");
			k++;
		}
		if (bad_id > 0 && bad_id == crm_id(sid)) {
			crm_xml_attr(e, "typed", typed);
			crm_xml_attr(e, "error", error);
		}
	}
	xmlNodePtr f = crm_form(c, crm_psprintf(p, "/leads/settings/funnels/%lld/statuses", (long long)id));
	crm_xml_attr(f, "class", "inline");
	crm_form_name(f, "leads.status_new", bad_id ? NULL : typed, 100, bad_id ? NULL : error);
	crm_form_submit(f, "leads.settings_add");
	if (error)
		crm_status(r, 422);
	return 0;
}

int leads_funnel(crm_req *r)
{
	int64_t id;
	int rc;
	const char *name = funnel_of(r, &id, &rc);
	return name ? funnel_page(r, id, name, 0, NULL, NULL) : rc;
}

int leads_funnel_rename(crm_req *r)
{
	int64_t id;
	int rc, db;
	const char *old = funnel_of(r, &id, &rc);
	if (!old)
		return rc;
	const char *name = crm_input(r, "name");
	const char *why = name_problem(r, "lead_funnel", "", 0, name, id, &db);
	if (db)
		return db;
	if (why)
		return funnels_page(r, id, name, why);
	if (crm_db_exec(r, "UPDATE lead_funnel SET name = ? WHERE id = ?", "si", name, id) < 0)
		return CRM_EDB;
	crm_audit(r, "leads.funnel_rename", "lead_funnel", id, "name", old, name);
	crm_flash(r, "ok", "core.saved");
	return crm_redirect(r, "/leads/settings/funnels");
}

static bool dir_up(crm_req *r)
{
	const char *dir = crm_req_form(r, "dir");
	return dir && !strcmp(dir, "up");
}

int leads_funnel_move(crm_req *r)
{
	int64_t id;
	int rc;
	if (!funnel_of(r, &id, &rc))
		return rc;
	if (crm_db_begin(r) < 0)
		return CRM_EDB;
	crm_rows *rows = crm_db_query(r, "SELECT id FROM lead_funnel ORDER BY position, id FOR UPDATE", "");
	if (!rows || crm_position_swap(r, "lead_funnel", rows, id, dir_up(r), 1) < 0 || crm_db_commit(r) < 0)
		return CRM_EDB;
	return crm_redirect(r, "/leads/settings/funnels");
}

/* Why a funnel cannot go (the last one, or one holding leads), or NULL. */
static const char *funnel_stays(crm_req *r, int64_t id, int *db)
{
	crm_rows *rows = crm_db_query(r, "SELECT (SELECT COUNT(*) FROM lead_funnel), "
					 "(SELECT COUNT(*) FROM lead WHERE funnel_id = ?)", "i", id);
	*db = rows ? 0 : CRM_EDB;
	if (!rows)
		return NULL;
	if (!strcmp(crm_rows_get(rows, 0, 0), "1"))
		return "leads.funnel_last";
	return strcmp(crm_rows_get(rows, 0, 1), "0") ? "leads.funnel_used" : NULL;
}

int leads_funnel_delete_confirm(crm_req *r)
{
	int64_t id;
	int rc;
	const char *name = funnel_of(r, &id, &rc);
	if (!name)
		return rc;
	const char *why = funnel_stays(r, id, &rc);
	if (rc)
		return rc;
	if (why) {
		crm_flash(r, "error", why);
		return crm_redirect(r, "/leads/settings/funnels");
	}
	crm_pool *p = crm_req_pool(r);
	xmlNodePtr c = crm_page(r, "leads.settings_delete", "leads.settings_funnels");
	xmlNodePtr q = crm_xml_add(c, "confirm", lead_label(r, name));
	crm_xml_attr(q, "action", crm_psprintf(p, "/leads/settings/funnels/%lld/delete", (long long)id));
	crm_xml_attr(q, "question", "leads.funnel_confirm_delete");
	crm_xml_attr(q, "cancel", "/leads/settings/funnels");
	return 0;
}

int leads_funnel_delete(crm_req *r)
{
	int64_t id;
	int rc;
	const char *name = funnel_of(r, &id, &rc);
	if (!name)
		return rc;
	/* Checked and deleted under a lock, so a lead created meanwhile is not orphaned: its
	 * foreign key refuses the delete, which then answers as "used". */
	if (crm_db_begin(r) < 0 || !crm_db_query(r, "SELECT id FROM lead_funnel WHERE id = ? FOR UPDATE", "i", id))
		return CRM_EDB;
	const char *why = funnel_stays(r, id, &rc);
	if (rc)
		return rc;
	if (why || crm_db_exec(r, "DELETE FROM lead_funnel WHERE id = ?", "i", id) < 0) {
		crm_db_rollback(r);
		crm_flash(r, "error", why ? why : "leads.funnel_used");
		return crm_redirect(r, "/leads/settings/funnels");
	}
	if (crm_audit(r, "leads.funnel_delete", "lead_funnel", id, "name", name, NULL) < 0 || crm_db_commit(r) < 0)
		return CRM_EDB;
	crm_flash(r, "ok", "core.deleted");
	return crm_redirect(r, "/leads/settings/funnels");
}

/* ===== statuses ===== */

int leads_status_add(crm_req *r)
{
	int64_t id;
	int rc, db;
	const char *fname = funnel_of(r, &id, &rc);
	if (!fname)
		return rc;
	const char *name = crm_input(r, "name");
	const char *why = name_problem(r, "lead_status", " AND funnel_id = ?", id, name, 0, &db);
	if (db)
		return db;
	if (why)
		return funnel_page(r, id, fname, 0, name, why);
	/* After the last open status, before the final ones. */
	if (crm_db_exec(r, "INSERT INTO lead_status (funnel_id, name, kind, position) SELECT ?, ?, 'open', "
			   "COALESCE(MAX(position), 0) + 1 FROM lead_status WHERE funnel_id = ? AND kind = 'open'",
			"isi", id, name, id) < 0)
		return CRM_EDB;
	crm_audit(r, "leads.status_add", "lead_status", crm_db_last_id(r), "name", NULL, name);
	crm_flash(r, "ok", "core.saved");
	return crm_redirect(r, crm_psprintf(crm_req_pool(r), "/leads/settings/funnels/%lld", (long long)id));
}

/* The open status {id}: its funnel and name, or NULL after answering (404 for an unknown
 * one, back to the funnel with a message for a final one). */
static crm_rows *status_of(crm_req *r, int64_t *id, int *rc)
{
	*id = crm_req_arg_id(r, "id");
	crm_rows *rows = crm_db_query(r, "SELECT s.funnel_id, s.name, s.kind, f.name FROM lead_status s "
					 "JOIN lead_funnel f ON f.id = s.funnel_id WHERE s.id = ?", "i", *id);
	*rc = rows ? 0 : CRM_EDB;
	if (!rows)
		return NULL;
	if (!rows->n_rows) {
		*rc = crm_error(r, 404, "core.not_found");
		return NULL;
	}
	if (strcmp(crm_rows_get(rows, 0, 2), "open")) {
		crm_flash(r, "error", "leads.status_fixed");
		*rc = crm_redirect(r, crm_psprintf(crm_req_pool(r), "/leads/settings/funnels/%s", crm_rows_get(rows, 0, 0)));
		return NULL;
	}
	return rows;
}

static const char *funnel_url(crm_req *r, const crm_rows *st)
{
	return crm_psprintf(crm_req_pool(r), "/leads/settings/funnels/%s", crm_rows_get(st, 0, 0));
}

int leads_status_rename(crm_req *r)
{
	int64_t id;
	int rc, db;
	crm_rows *st = status_of(r, &id, &rc);
	if (!st)
		return rc;
	int64_t funnel = crm_id(crm_rows_get(st, 0, 0));
	const char *name = crm_input(r, "name");
	const char *why = name_problem(r, "lead_status", " AND funnel_id = ?", funnel, name, id, &db);
	if (db)
		return db;
	if (why)
		return funnel_page(r, funnel, crm_rows_get(st, 0, 3), id, name, why);
	if (crm_db_exec(r, "UPDATE lead_status SET name = ? WHERE id = ?", "si", name, id) < 0)
		return CRM_EDB;
	crm_audit(r, "leads.status_rename", "lead_status", id, "name", crm_rows_get(st, 0, 1), name);
	crm_flash(r, "ok", "core.saved");
	return crm_redirect(r, funnel_url(r, st));
}

int leads_status_move(crm_req *r)
{
	int64_t id;
	int rc;
	crm_rows *st = status_of(r, &id, &rc);
	if (!st)
		return rc;
	if (crm_db_begin(r) < 0)
		return CRM_EDB;
	crm_rows *rows = crm_db_query(r, "SELECT id FROM lead_status WHERE funnel_id = ? AND kind = 'open' "
					 "ORDER BY position, id FOR UPDATE", "i", crm_id(crm_rows_get(st, 0, 0)));
	if (!rows || crm_position_swap(r, "lead_status", rows, id, dir_up(r), 1) < 0 || crm_db_commit(r) < 0)
		return CRM_EDB;
	return crm_redirect(r, funnel_url(r, st));
}

/* Why an open status cannot go (the funnel's last open one, or one holding leads). */
static const char *status_stays(crm_req *r, const crm_rows *st, int64_t id, int *db)
{
	crm_rows *rows = crm_db_query(r, "SELECT (SELECT COUNT(*) FROM lead_status WHERE funnel_id = ? AND kind = 'open'), "
					 "(SELECT COUNT(*) FROM lead WHERE status_id = ?)", "ii",
				      crm_id(crm_rows_get(st, 0, 0)), id);
	*db = rows ? 0 : CRM_EDB;
	if (!rows)
		return NULL;
	if (!strcmp(crm_rows_get(rows, 0, 0), "1"))
		return "leads.status_last";
	return strcmp(crm_rows_get(rows, 0, 1), "0") ? "leads.status_used" : NULL;
}

int leads_status_delete_confirm(crm_req *r)
{
	int64_t id;
	int rc;
	crm_rows *st = status_of(r, &id, &rc);
	if (!st)
		return rc;
	const char *why = status_stays(r, st, id, &rc);
	if (rc)
		return rc;
	if (why) {
		crm_flash(r, "error", why);
		return crm_redirect(r, funnel_url(r, st));
	}
	crm_pool *p = crm_req_pool(r);
	xmlNodePtr c = crm_page(r, "leads.settings_delete", "leads.settings_funnels");
	xmlNodePtr q = crm_xml_add(c, "confirm", lead_label(r, crm_rows_get(st, 0, 1)));
	crm_xml_attr(q, "action", crm_psprintf(p, "/leads/settings/statuses/%lld/delete", (long long)id));
	crm_xml_attr(q, "question", "leads.status_confirm_delete");
	crm_xml_attr(q, "cancel", funnel_url(r, st));
	return 0;
}

int leads_status_delete(crm_req *r)
{
	int64_t id;
	int rc;
	crm_rows *st = status_of(r, &id, &rc);
	if (!st)
		return rc;
	if (crm_db_begin(r) < 0 || !crm_db_query(r, "SELECT id FROM lead_status WHERE id = ? FOR UPDATE", "i", id))
		return CRM_EDB;
	const char *why = status_stays(r, st, id, &rc);
	if (rc)
		return rc;
	if (why || crm_db_exec(r, "DELETE FROM lead_status WHERE id = ?", "i", id) < 0) {
		crm_db_rollback(r);
		crm_flash(r, "error", why ? why : "leads.status_used");
		return crm_redirect(r, funnel_url(r, st));
	}
	if (crm_audit(r, "leads.status_delete", "lead_status", id, "name", crm_rows_get(st, 0, 1), NULL) < 0 ||
	    crm_db_commit(r) < 0)
		return CRM_EDB;
	crm_flash(r, "ok", "core.deleted");
	return crm_redirect(r, funnel_url(r, st));
}
