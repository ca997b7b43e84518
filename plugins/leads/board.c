/* The leads board of one funnel: a column per status with the count and budget sums of
 * every lead the user may read, the first cards of each (the theme's board widget), and
 * the move endpoint its drag and drop and no-JS forms post to. */
#include <stdlib.h>
#include <string.h>
#include "leads.h"

/* Cards shown per column. */
#define BOARD_CARDS 20

/* "1 200 000 ₽ + 3 000 $" from rows (status, currency, sum) of one status. */
static const char *sums(crm_req *r, const crm_rows *rows, const char *status, int64_t *count)
{
	crm_pool *p = crm_req_pool(r);
	const char *out = "";
	*count = 0;
	for (size_t i = 0; i < rows->n_rows; i++) {
		if (strcmp(crm_rows_get(rows, i, 0), status))
			continue;
		*count += strtoll(crm_rows_get(rows, i, 3), NULL, 10);
		const char *sum = crm_rows_get(rows, i, 2);
		if (!sum || !strcmp(sum, "0"))
			continue;
		/* The SUM's text as it is: exact however large. */
		out = crm_psprintf(p, "%s%s%s", out, *out ? " + " : "",
				   crm_money_text_sql(p, sum, crm_rows_get(rows, i, 1), crm_req_locale(r)));
	}
	return out;
}

int leads_board(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	int64_t funnel = crm_id(crm_req_query(r, "funnel"));
	crm_rows *funnels = crm_db_query(r, "SELECT id, name FROM lead_funnel ORDER BY position, id", "");
	if (!funnels)
		return CRM_EDB;
	if (!funnel && funnels->n_rows)
		funnel = crm_id(crm_rows_get(funnels, 0, 0));
	bool known = false;
	for (size_t i = 0; i < funnels->n_rows && !known; i++)
		known = crm_id(crm_rows_get(funnels, i, 0)) == funnel;
	if (!known)
		return crm_error(r, 404, "core.not_found");
	crm_rows *statuses = crm_db_query(r, "SELECT id, name, kind FROM lead_status WHERE funnel_id = ? ORDER BY position, id",
					  "i", funnel);
	if (!statuses)
		return CRM_EDB;
	const char *access = crm_access_sql(r, "l", "lead", CRM_READ);
	/* Counts and sums over all the funnel's leads the user may read, from the totals the
	 * triggers keep (migrations/0002_board_totals.sql): the same access condition on a
	 * few hundred rows whatever the number of leads. */
	const char *sql = crm_psprintf(p, "SELECT l.status_id, l.currency, SUM(l.budget), SUM(l.leads) FROM lead_total l "
					  "WHERE l.funnel_id = ? AND l.leads > 0 AND %s GROUP BY l.status_id, l.currency", access);
	crm_rows *totals = crm_db_query(r, sql, "ii", funnel, crm_req_user(r));
	if (!totals)
		return CRM_EDB;
	/* The first cards of every column: one statement, each part on (status_id, created_at). */
	size_t ns = statuses->n_rows;
	crm_rows *cards = NULL;
	if (ns) {
		const char *part = crm_psprintf(p, "(SELECT l.id, l.name, l.status_id, l.contact_id, l.company_id, l.budget, "
						   "l.currency, u.name AS owner, l.created_at FROM lead l LEFT JOIN crm_user u "
						   "ON u.id = l.owner_id WHERE l.status_id = ? AND %s "
						   "ORDER BY l.created_at DESC, l.id DESC LIMIT %d)", access, BOARD_CARDS);
		const char *all = part;
		for (size_t i = 1; i < ns; i++)
			all = crm_psprintf(p, "%s UNION ALL %s", all, part);
		const char **params = crm_palloc(p, 2 * ns * sizeof *params);
		const char *uid = crm_psprintf(p, "%lld", (long long)crm_req_user(r));
		for (size_t i = 0; i < ns; i++) {
			params[2 * i] = crm_rows_get(statuses, i, 0);
			params[2 * i + 1] = uid;
		}
		cards = crm_db_queryv(r, all, params, 2 * ns);
		if (!cards)
			return CRM_EDB;
	}
	int64_t *cids = crm_palloc(p, (2 * (cards ? cards->n_rows : 0) + 1) * sizeof *cids);
	for (size_t i = 0; cards && i < cards->n_rows; i++) {
		cids[2 * i] = crm_id(crm_rows_get(cards, i, 3));
		cids[2 * i + 1] = crm_id(crm_rows_get(cards, i, 4));
	}
	lead_contact *all;
	size_t n_all;
	lead_contacts(r, cids, cards ? 2 * cards->n_rows : 0, &all, &n_all);

	xmlNodePtr c = crm_page(r, "leads.board", "leads.board_title");
	crm_xml_attr_int(c, "funnel", funnel);
	xmlNodePtr fl = crm_xml_add(c, "funnels", NULL);
	for (size_t i = 0; i < funnels->n_rows; i++) {
		xmlNodePtr f = crm_xml_add(fl, "funnel", lead_label(r, crm_rows_get(funnels, i, 1)));
		crm_xml_attr(f, "id", crm_rows_get(funnels, i, 0));
		if (crm_id(crm_rows_get(funnels, i, 0)) == funnel)
			crm_xml_attr(f, "current", "1");
	}
	if (crm_req_can(r, "leads.edit"))
		crm_xml_attr(c, "editor", "1");
	const char *here = crm_psprintf(p, "/leads/board?funnel=%lld", (long long)funnel);
	xmlNodePtr board = crm_xml_add(c, "board", NULL);
	crm_xml_attr(board, "move-url", "/leads/board/move");
	crm_xml_attr(board, "back", here);
	for (size_t s = 0; s < ns; s++) {
		const char *sid = crm_rows_get(statuses, s, 0);
		int64_t count;
		const char *sum = sums(r, totals, sid, &count);
		xmlNodePtr col = crm_xml_add(board, "column", NULL);
		crm_xml_attr(col, "key", sid);
		crm_xml_attr(col, "title", lead_label(r, crm_rows_get(statuses, s, 1)));
		crm_xml_attr(col, "kind", crm_rows_get(statuses, s, 2));
		crm_xml_attr_int(col, "count", count);
		crm_xml_attr(col, "sum", sum);
		size_t shown = 0;
		for (size_t i = 0; cards && i < cards->n_rows; i++) {
			if (strcmp(crm_rows_get(cards, i, 2), sid))
				continue;
			shown++;
			const char *id = crm_rows_get(cards, i, 0), *budget = crm_rows_get(cards, i, 5);
			xmlNodePtr card = crm_xml_add(col, "card", NULL);
			crm_xml_attr(card, "id", id);
			crm_xml_attr(card, "href", crm_psprintf(p, "/leads/%s", id));
			crm_xml_attr(card, "title", crm_rows_get(cards, i, 1));
			const lead_contact *who = lead_contact_of(all, n_all, cids[2 * i]);
			if (!who)
				who = lead_contact_of(all, n_all, cids[2 * i + 1]);
			const char *owner = crm_rows_get(cards, i, 7);
			crm_xml_attr(card, "sub", who ? crm_psprintf(p, "%s · %s", who->name, owner ? owner : "") : owner);
			if (budget)
				crm_xml_attr(card, "amount", crm_money_text_sql(p, budget, crm_rows_get(cards, i, 6), crm_req_locale(r)));
		}
		if ((int64_t)shown < count) {
			xmlNodePtr more = crm_xml_add(col, "more", NULL);
			crm_xml_attr(more, "href", crm_psprintf(p, "/leads?funnel=%lld&status=%s", (long long)funnel, sid));
			crm_xml_attr_int(more, "count", count - (int64_t)shown);
		}
	}
	return 0;
}

/* Where the no-JS form goes back to: a board page, as the form posted it. */
static const char *back(crm_req *r)
{
	return crm_input_back(r, "/leads/board");
}

/* A refusal: JSON with status, or the board with the message. */
static int refuse(crm_req *r, bool json, int status, const char *key)
{
	if (json)
		return leads_json(r, status, crm_t(r, key));
	crm_flash(r, "error", key);
	return crm_redirect(r, back(r));
}

int leads_board_move(crm_req *r)
{
	bool json = leads_wants_json(r);
	const char *picked = crm_input(r, "id");
	if (!picked || !*picked)
		return refuse(r, json, 422, "core.board.pick_first");
	int64_t id = crm_id(picked), to = crm_id(crm_input(r, "to"));
	int64_t reason = crm_id(crm_input(r, "reason_id"));
	int rc;
	crm_rows *lead = id ? lead_load(r, id, CRM_WRITE, &rc) : NULL;
	if (id && !lead && rc < 0)
		return rc;
	if (!lead)
		return refuse(r, json, 404, "leads.move_not_found");
	lead_moved m;
	const char *err = NULL;
	if (crm_db_begin(r) < 0)
		return CRM_EDB;
	rc = lead_move(r, lead, to, 0, reason, &m, &err);
	if (rc == CRM_EINVAL || rc == CRM_EVETO) {
		crm_db_rollback(r);
		bool need_reason = err && !strcmp(err, "leads.reason_required");
		if (need_reason && !json) {
			/* Without JavaScript the reason is asked on the lead's own form. */
			crm_flash(r, "error", err);
			return crm_redirect(r, crm_psprintf(crm_req_pool(r), "/leads/%lld/disqualify?to=%lld", (long long)id,
							    (long long)to));
		}
		if (rc == CRM_EVETO)
			return json ? leads_json(r, 409, err) : (crm_flash(r, "error", err), crm_redirect(r, back(r)));
		return refuse(r, json, 422, err ? err : "leads.status_invalid");
	}
	if (rc < 0 || crm_db_commit(r) < 0)
		return CRM_EDB;
	if (json)
		return leads_json(r, 200, NULL);
	if (m.qualified)
		return lead_moved_answer(r, id, &m);
	crm_flash(r, "ok", m.changed ? "leads.status_changed" : "leads.status_same");
	return crm_redirect(r, back(r));
}
