/* beta's rule: an alpha item whose name contains "keep" is protected from deletion. */
#include <string.h>
#include <crm/crm.h>

#define KEEP_WORD "keep"

/* GET /beta: how many alpha items the rule protects (case-sensitive, as the veto is). */
int beta_index(crm_req *r)
{
	crm_rows *rows = crm_db_query(r, "SELECT COUNT(*) FROM alpha_item WHERE INSTR(name COLLATE utf8mb4_bin, ?) > 0",
				      "s", KEEP_WORD);
	if (!rows)
		return CRM_EDB;
	xmlNodePtr c = crm_page(r, "beta.index", "beta.title");
	crm_xml_add(c, "protected", crm_rows_get(rows, 0, 0));
	return 0;
}

/* The panel on an alpha item's card: its name's length and whether it is protected. */
int beta_panel(crm_req *r, int64_t id, xmlNodePtr node)
{
	crm_rows *rows = crm_db_query(r, "SELECT CHAR_LENGTH(name), INSTR(name COLLATE utf8mb4_bin, ?) > 0 FROM alpha_item WHERE id = ?",
				      "si", KEEP_WORD, id);
	if (!rows)
		return CRM_EDB;
	if (!rows->n_rows)
		return CRM_ENOTFOUND;
	crm_xml_add(node, "length", crm_rows_get(rows, 0, 0));
	crm_xml_add(node, "protected", crm_rows_get(rows, 0, 1));
	return 0;
}

/* "alpha.deleting" carries the item's name; refuse when it holds the word. */
int beta_on_deleting(crm_req *r, crm_event *ev)
{
	(void)r;
	const char *name = crm_event_get(ev, "name");
	if (name && strstr(name, KEEP_WORD))
		crm_event_veto(ev, "beta.keep_veto");
	return 0;
}
