/* /deals/board: one column per stage with the count and the budget sums of every deal
 * the user may read there, cards for the first ones of each column; and the move a card's
 * drag (JSON) or the board's form (a redirect) posts. A fixed number of statements for any
 * number of deals and stages. */
#include <stdlib.h>
#include <string.h>
#include "deals.h"

/* A local page of the deals to go back to, as the form posted it, or the board. */
static const char *back_url(crm_req *r)
{
	const char *b = crm_req_form(r, "back");
	if (!b || strncmp(b, "/deals", 6) || (b[6] && b[6] != '/' && b[6] != '?') || strpbrk(b, "\\\r\n") ||
	    strstr(b, "//"))
		return "/deals/board";
	return b;
}

/* s as a JSON string, quotes included. */
static const char *json_string(crm_pool *p, const char *s)
{
	char *out = crm_palloc(p, strlen(s) * 6 + 3), *o = out;
	*o++ = '"';
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		if (*c == '"' || *c == '\\') {
			*o++ = '\\';
			*o++ = (char)*c;
		} else if (*c < 0x20) {
			o += sprintf(o, "\\u%04x", *c);
		} else {
			*o++ = (char)*c;
		}
	}
	*o++ = '"';
	*o = 0;
	return out;
}

/* The move's answer: JSON when the page's script asked for it, else back with a flash. */
static int answer(crm_req *r, bool json, int status, const char *key)
{
	if (json) {
		const char *body = status == 200 ? "{\"ok\":true}"
			: crm_psprintf(crm_req_pool(r), "{\"error\":%s}", json_string(crm_req_pool(r), crm_t(r, key)));
		return crm_send(r, status, "application/json; charset=utf-8", body, strlen(body), NULL);
	}
	crm_flash(r, status == 200 ? "ok" : "error", key);
	return crm_redirect(r, back_url(r));
}

int deals_board_move(crm_req *r)
{
	const char *accept = crm_req_env(r, "HTTP_ACCEPT");
	bool json = accept && strstr(accept, "application/json");
	const char *picked = crm_input(r, "id");
	if (!picked || !*picked)
		return answer(r, json, 422, "core.board.pick_first");
	int64_t id = crm_id(picked), to = crm_id(crm_input(r, "to"));
	crm_rows *row = id ? deals_reachable(r, &id, 1, CRM_WRITE) : NULL;
	if (id && !row)
		return CRM_EDB;
	if (!row || !row->n_rows)
		return answer(r, json, 404, "deals.move_not_found");
	if (crm_db_begin(r) < 0)
		return CRM_EDB;
	int64_t moved = deals_set_stage(r, row, to);
	if (moved == CRM_ENOTFOUND) {
		crm_db_rollback(r);
		return answer(r, json, 422, "deals.stage_invalid");
	}
	if (moved < 0 || crm_db_commit(r) < 0)
		return CRM_EDB;
	return answer(r, json, 200, moved ? "deals.stage_changed" : "deals.stage_same");
}

/* "150 000 ₽ + 2 000 $": a column's sums, one per currency, from the grouped rows. */
static const char *sums(crm_req *r, const crm_rows *totals, const char *stage, int64_t *count)
{
	crm_pool *p = crm_req_pool(r);
	const char *out = "";
	*count = 0;
	for (size_t i = 0; i < totals->n_rows; i++) {
		if (strcmp(crm_rows_get(totals, i, 0), stage))
			continue;
		*count += crm_id(crm_rows_get(totals, i, 2));
		const char *sum = crm_rows_get(totals, i, 3);
		if (!sum)
			continue;
		const char *m = crm_money_text_sql(p, sum, crm_rows_get(totals, i, 1), crm_req_locale(r));
		out = *out ? crm_psprintf(p, "%s + %s", out, m) : m;
	}
	return out;
}

int deals_board(crm_req *r)
{
	crm_pool *p = crm_req_pool(r);
	int64_t manager = crm_id(crm_query_input(r, "manager"));
	const char *mgr = manager ? crm_psprintf(p, "%lld", (long long)manager) : NULL;
	const char *uid = crm_psprintf(p, "%lld", (long long)crm_req_user(r));
	const char *access = crm_access_sql(r, "d", "deal", CRM_READ);
	const char *owner_cond = manager ? " AND d.owner_id = ?" : "";
	crm_rows *stages = deal_stages(r);
	if (!stages)
		return CRM_EDB;
	/* Counts and sums over every deal the user may read, from the totals the triggers keep
	 * (migrations/0002_board_totals.sql): the same access condition on a few hundred rows. */
	const char *tsql = crm_psprintf(p, "SELECT d.stage_id, d.currency, SUM(d.deals), "
					   "IF(SUM(d.budgets) = 0, NULL, SUM(d.budget)) FROM deal_total d "
					   "WHERE d.deals > 0 AND %s%s GROUP BY d.stage_id, d.currency "
					   "ORDER BY d.stage_id, SUM(d.deals) DESC, d.currency",
				       access, owner_cond);
	const char *tparams[] = {uid, mgr};
	crm_rows *totals = crm_db_queryv(r, tsql, tparams, manager ? 2 : 1);
	/* The first cards of every column in one statement: each stage's part stops after
	 * its LIMIT on the (stage, close date) index, where a window function would number
	 * every readable deal first. */
	size_t ns = stages->n_rows > DEALS_STAGES_MAX ? DEALS_STAGES_MAX : stages->n_rows;
	const char *csql = "";
	const char **cparams = crm_palloc(p, (ns * 3 + 1) * sizeof *cparams);
	size_t nc = 0;
	for (size_t i = 0; i < ns; i++) {
		csql = crm_psprintf(p, "%s%s(SELECT d.id, d.stage_id, d.name, d.contact_id, d.budget, d.currency, d.amount_type, "
					"u.name AS owner FROM deal d LEFT JOIN crm_user u ON u.id = d.owner_id "
					"WHERE d.stage_id = ? AND %s%s ORDER BY d.close_sort, d.id LIMIT %d)",
				    csql, i ? " UNION ALL " : "", access, owner_cond, DEALS_BOARD_CARDS);
		cparams[nc++] = crm_rows_get(stages, i, 0);
		cparams[nc++] = uid;
		if (manager)
			cparams[nc++] = mgr;
	}
	crm_rows *cards = ns ? crm_db_queryv(r, csql, cparams, nc) : stages;
	crm_rows *users = crm_users_active(r);
	if (!totals || !cards || !users)
		return CRM_EDB;
	int64_t *contacts = crm_palloc(p, (cards->n_rows + 1) * sizeof *contacts);
	size_t ncon = 0;
	for (size_t i = 0; ns && i < cards->n_rows; i++)
		if (crm_id(crm_rows_get(cards, i, 3)))
			contacts[ncon++] = crm_id(crm_rows_get(cards, i, 3));
	xmlNodePtr described = deals_describe_contacts(r, contacts, ncon);

	xmlNodePtr c = crm_page(r, "deals.board", "deals.board_title");
	if (crm_req_can(r, "deals.edit"))
		crm_xml_attr(c, "editor", "1");
	crm_xml_attr(c, "list", crm_url(r, "/deals", "manager", mgr, NULL));
	xmlNodePtr f = crm_xml_add(c, "form", NULL);
	crm_xml_attr(f, "action", "/deals/board");
	crm_xml_attr(f, "method", "get");
	crm_xml_attr(f, "class", "search deal-board-filter");
	xmlNodePtr x = crm_form_field(f, "manager", "deals.owner", "select", mgr);
	crm_xml_attr(crm_xml_add(x, "option", "deals.any"), "value", "");
	for (size_t i = 0; i < users->n_rows; i++)
		crm_xml_attr(crm_xml_add(x, "option", crm_rows_get(users, i, 1)), "value", crm_rows_get(users, i, 0));
	crm_form_submit(f, "deals.apply");

	xmlNodePtr board = crm_xml_add(c, "board", NULL);
	crm_xml_attr(board, "move-url", "/deals/board/move");
	crm_xml_attr(board, "back", crm_url(r, "/deals/board", "manager", mgr, NULL));
	const char *locale = crm_req_locale(r);
	for (size_t s = 0; s < ns; s++) {
		const char *sid = crm_rows_get(stages, s, 0);
		int64_t count;
		const char *sum = sums(r, totals, sid, &count);
		xmlNodePtr col = crm_xml_add(board, "column", NULL);
		crm_xml_attr(col, "key", sid);
		crm_xml_attr(col, "title", crm_psprintf(p, "%s · %s%%", deal_stage_label(r, crm_rows_get(stages, s, 1)),
							 crm_rows_get(stages, s, 2)));
		crm_xml_attr(col, "kind", crm_rows_get(stages, s, 3));
		crm_xml_attr_int(col, "count", count);
		crm_xml_attr(col, "sum", sum);
		int64_t shown = 0;
		for (size_t i = 0; i < cards->n_rows; i++) {
			if (strcmp(crm_rows_get(cards, i, 1), sid))
				continue;
			shown++;
			const char *id = crm_rows_get(cards, i, 0);
			xmlNodePtr card = crm_xml_add(col, "card", NULL);
			crm_xml_attr(card, "id", id);
			crm_xml_attr(card, "href", crm_psprintf(p, "/deals/%s", id));
			crm_xml_attr(card, "title", crm_rows_get(cards, i, 2));
			const char *sub = crm_rows_get(cards, i, 7) ? crm_rows_get(cards, i, 7) : "";
			xmlNodePtr who = deals_contact_in(described, crm_rows_get(cards, i, 3));
			if (who) {
				xmlChar *name = xmlGetProp(who, BAD_CAST "name");
				sub = *sub ? crm_psprintf(p, "%s · %s", (const char *)name, sub) : crm_pstrdup(p, (const char *)name);
				xmlFree(name);
			}
			crm_xml_attr(card, "sub", sub);
			const char *money = crm_money_text_sql(p, crm_rows_get(cards, i, 4), crm_rows_get(cards, i, 5), locale);
			const char *type = crm_rows_get(cards, i, 6);
			if (*money && strcmp(type, "fixed"))
				money = crm_psprintf(p, "%s %s", money, crm_t(r, crm_psprintf(p, "deals.per.%s", type)));
			crm_xml_attr(card, "amount", money);
		}
		if (count > shown) {
			xmlNodePtr more = crm_xml_add(col, "more", NULL);
			crm_xml_attr(more, "href", crm_url(r, "/deals", "stage", sid, "manager", mgr, "sort", "close", NULL));
			crm_xml_attr_int(more, "count", count - shown);
		}
	}
	return 0;
}
