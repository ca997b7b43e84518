/* /deals/stages: the admins' ordered list of deal stages, each with its success
 * probability: add, rename and set the probability, reorder, delete an unused one. The
 * final stages (won, lost) keep their kind, probability and place at the end. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "deals.h"

/* The page; bad_id/typed/error mark the row (or the add form, bad_id 0) to fix. */
static int stages_page(crm_req *r, int64_t bad_id, const char *typed, const char *typed_prob, const char *error)
{
	crm_rows *rows = crm_db_query(r, "SELECT s.id, s.name, s.probability, s.kind, "
					 "(SELECT COUNT(*) FROM deal d WHERE d.stage_id = s.id) FROM deal_stage s "
					 "ORDER BY s.position, s.id", "");
	if (!rows)
		return CRM_EDB;
	xmlNodePtr c = crm_page(r, "deals.stages", "deals.stages_title");
	xmlNodePtr items = crm_xml_add(c, "stages", NULL);
	size_t open = 0;
	for (size_t i = 0; i < rows->n_rows; i++)
		open += !strcmp(crm_rows_get(rows, i, 3), "open");
	for (size_t i = 0, k = 0; i < rows->n_rows; i++) {
		const char *id = crm_rows_get(rows, i, 0), *kind = crm_rows_get(rows, i, 3);
		xmlNodePtr e = crm_xml_add(items, "stage", NULL);
		crm_xml_attr(e, "id", id);
		crm_xml_attr(e, "name", deal_stage_label(r, crm_rows_get(rows, i, 1)));
		crm_xml_attr(e, "probability", crm_rows_get(rows, i, 2));
		crm_xml_attr(e, "kind", kind);
		crm_xml_attr(e, "used", crm_rows_get(rows, i, 4));
		if (!strcmp(kind, "open")) {
			if (k == 0)
				crm_xml_attr(e, "first", "1");
			if (k + 1 == open)
				crm_xml_attr(e, "last", "1");
			k++;
		}
		if (bad_id && bad_id == crm_id(id)) {
			crm_xml_attr(e, "typed", typed);
			crm_xml_attr(e, "typed_probability", typed_prob);
			crm_xml_attr(e, "error", error);
		}
	}
	xmlNodePtr f = crm_form(c, "/deals/stages");
	crm_xml_attr(f, "class", "inline");
	xmlNodePtr x = crm_form_name(f, "deals.stage_new", bad_id ? NULL : typed, 100, bad_id ? NULL : error);
	x = crm_form_field(f, "probability", "deals.probability", "number", bad_id ? NULL : typed_prob);
	crm_xml_attr(x, "required", "1");
	crm_xml_attr(x, "min", "0");
	crm_xml_attr(x, "max", "100");
	crm_xml_attr(x, "step", "1");
	crm_form_submit(f, "deals.stage_add");
	if (error)
		crm_status(r, 422);
	return 0;
}

int deals_stages(crm_req *r)
{
	return stages_page(r, 0, NULL, NULL, NULL);
}

/* Why a name or probability cannot be used, or NULL; *db set on a database error. */
static const char *problem(crm_req *r, const char *name, const char *prob, int64_t self, int *db)
{
	*db = 0;
	if (!*name)
		return "deals.stage_name_required";
	if (crm_utf8_chars(name) > 100 || !crm_one_line(name))
		return "deals.too_long_100";
	if (prob) {
		int64_t v = crm_id(prob);
		if (strcmp(prob, "0") && (!v || v > 100))
			return "deals.probability_invalid";
	}
	crm_rows *rows = crm_db_query(r, "SELECT id, name FROM deal_stage WHERE id <> ?", "i", self);
	if (!rows) {
		*db = CRM_EDB;
		return NULL;
	}
	/* Taken when another stage is called so, or shows so (a seeded name's translation). */
	for (size_t i = 0; i < rows->n_rows; i++)
		if (!strcasecmp(crm_rows_get(rows, i, 1), name) ||
		    !strcasecmp(deal_stage_label(r, crm_rows_get(rows, i, 1)), name))
			return "deals.stage_name_taken";
	return NULL;
}

int deals_stage_add(crm_req *r)
{
	const char *name = crm_input(r, "name"), *prob = crm_input(r, "probability");
	int db;
	const char *why = problem(r, name, prob, 0, &db);
	if (db)
		return db;
	crm_rows *n = crm_db_query(r, "SELECT COUNT(*) FROM deal_stage", "");
	if (!n)
		return CRM_EDB;
	if (!why && crm_id(crm_rows_get(n, 0, 0)) >= DEALS_STAGES_MAX)
		why = "deals.stages_too_many";
	if (why)
		return stages_page(r, 0, name, prob, why);
	/* A new stage goes after the open ones, before the final ones. */
	if (crm_db_exec(r, "INSERT INTO deal_stage (name, probability, kind, position) "
			   "SELECT ?, ?, 'open', COALESCE(MAX(position), 0) + 1 FROM deal_stage WHERE kind = 'open'",
			"ss", name, prob) < 0)
		return CRM_EDB;
	crm_audit(r, "deals.stage_add", "deal_stage", crm_db_last_id(r), "name", NULL, name);
	crm_flash(r, "ok", "core.saved");
	return crm_redirect(r, "/deals/stages");
}

/* The stage {id}: its row (id, name, probability, kind), or NULL after answering 404
 * (*rc the page's result) or on a DB error (*rc). */
static crm_rows *stage(crm_req *r, int64_t *id, int *rc)
{
	*id = crm_req_arg_id(r, "id");
	crm_rows *rows = crm_db_query(r, "SELECT id, name, probability, kind FROM deal_stage WHERE id = ?", "i", *id);
	*rc = rows ? 0 : CRM_EDB;
	if (rows && !rows->n_rows) {
		*rc = crm_error(r, 404, "core.not_found");
		return NULL;
	}
	return rows;
}

int deals_stage_save(crm_req *r)
{
	int64_t id;
	int rc, db;
	crm_rows *st = stage(r, &id, &rc);
	if (!st)
		return rc;
	const char *old = crm_rows_get(st, 0, 1), *name = crm_input(r, "name");
	bool open = !strcmp(crm_rows_get(st, 0, 3), "open");
	/* The final stages keep their probability: a won deal is certain, a lost one is not. */
	const char *prob = open ? crm_input(r, "probability") : crm_rows_get(st, 0, 2);
	/* A seeded name shown translated and left as it was keeps its key. */
	if (!strcmp(name, deal_stage_label(r, old)))
		name = old;
	const char *why = problem(r, name, prob, id, &db);
	if (db)
		return db;
	if (why)
		return stages_page(r, id, crm_input(r, "name"), prob, why);
	if (crm_db_exec(r, "UPDATE deal_stage SET name = ?, probability = ? WHERE id = ?", "ssi", name, prob, id) < 0)
		return CRM_EDB;
	crm_audit(r, "deals.stage_save", "deal_stage", id, "name", old, name);
	if (strcmp(prob, crm_rows_get(st, 0, 2)))
		crm_audit(r, "deals.stage_save", "deal_stage", id, "probability", crm_rows_get(st, 0, 2), prob);
	crm_flash(r, "ok", "core.saved");
	return crm_redirect(r, "/deals/stages");
}

int deals_stage_move(crm_req *r)
{
	int64_t id;
	int rc;
	crm_rows *st = stage(r, &id, &rc);
	if (!st)
		return rc;
	if (strcmp(crm_rows_get(st, 0, 3), "open"))
		return crm_redirect(r, "/deals/stages");
	const char *dir = crm_req_form(r, "dir");
	bool up = dir && !strcmp(dir, "up");
	/* Open stages are few: number them afresh with the stage swapped with its neighbour. */
	if (crm_db_begin(r) < 0)
		return CRM_EDB;
	crm_rows *rows = crm_db_query(r, "SELECT id FROM deal_stage WHERE kind = 'open' ORDER BY position, id FOR UPDATE", "");
	if (!rows)
		return CRM_EDB;
	if (crm_position_swap(r, "deal_stage", rows, id, up, 1) < 0)
		return CRM_EDB;
	if (crm_db_commit(r) < 0)
		return CRM_EDB;
	return crm_redirect(r, "/deals/stages");
}

/* Why stage st cannot go, or NULL: a final one, the last open one, or one with deals. */
static const char *undeletable(crm_req *r, const crm_rows *st, int64_t id, int *db)
{
	*db = 0;
	if (strcmp(crm_rows_get(st, 0, 3), "open"))
		return "deals.stage_final";
	crm_rows *n = crm_db_query(r, "SELECT (SELECT COUNT(*) FROM deal_stage WHERE kind = 'open'), "
				      "EXISTS (SELECT 1 FROM deal WHERE stage_id = ?)", "i", id);
	if (!n) {
		*db = CRM_EDB;
		return NULL;
	}
	if (crm_id(crm_rows_get(n, 0, 0)) <= 1)
		return "deals.stage_last_open";
	if (crm_id(crm_rows_get(n, 0, 1)))
		return "deals.stage_used";
	return NULL;
}

int deals_stage_delete_confirm(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	int64_t id;
	int rc, db;
	crm_rows *st = stage(r, &id, &rc);
	if (!st)
		return rc;
	const char *why = undeletable(r, st, id, &db);
	if (db)
		return db;
	xmlNodePtr c = crm_page(r, "deals.stage_delete", "deals.stages_title");
	if (why) {
		xmlNodePtr v = crm_xml_add(c, "refused", why);
		crm_xml_attr(v, "name", deal_stage_label(r, crm_rows_get(st, 0, 1)));
		crm_xml_attr(v, "list", crm_psprintf(p, "/deals?stage=%lld", (long long)id));
		crm_status(r, 409);
		return 0;
	}
	xmlNodePtr q = crm_xml_add(c, "confirm", deal_stage_label(r, crm_rows_get(st, 0, 1)));
	crm_xml_attr(q, "action", crm_psprintf(p, "/deals/stages/%lld/delete", (long long)id));
	crm_xml_attr(q, "question", "deals.stage_confirm_delete");
	crm_xml_attr(q, "cancel", "/deals/stages");
	return 0;
}

int deals_stage_delete(crm_req *r)
{
	int64_t id;
	int rc, db;
	crm_rows *st = stage(r, &id, &rc);
	if (!st)
		return rc;
	const char *why = undeletable(r, st, id, &db);
	if (db)
		return db;
	if (why) {
		crm_flash(r, "error", why);
		return crm_redirect(r, "/deals/stages");
	}
	/* A deal entering the stage meanwhile makes the foreign key refuse: nothing goes. */
	if (crm_db_exec(r, "DELETE FROM deal_stage WHERE id = ? AND kind = 'open' AND NOT EXISTS "
			   "(SELECT 1 FROM deal WHERE stage_id = ?)", "ii", id, id) < 0)
		return CRM_EDB;
	crm_audit(r, "deals.stage_delete", "deal_stage", id, "name", crm_rows_get(st, 0, 1), NULL);
	crm_flash(r, "ok", "core.deleted");
	return crm_redirect(r, "/deals/stages");
}
