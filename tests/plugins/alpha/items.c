/* alpha's handlers: list and create, card, delete through the "alpha.deleting" event. */
#include <stdlib.h>
#include <string.h>
#include <crm/crm.h>

#define PAGE_SIZE 50
#define NAME_MAX_CHARS 100

/* The list, keyset-paged by id; error is an i18n key for the create form, or NULL. */
static int list(crm_req *r, const char *name, const char *error)
{
	const char *after_s = crm_req_query(r, "after");
	int64_t after = after_s ? strtoll(after_s, NULL, 10) : 0;
	crm_rows *rows = crm_db_query(r, "SELECT id, name FROM alpha_item WHERE id > ? ORDER BY id LIMIT ?",
				      "ii", after > 0 ? after : 0, (int64_t)PAGE_SIZE + 1);
	if (!rows)
		return CRM_EDB;
	xmlNodePtr c = crm_page(r, "alpha.list", "alpha.title");
	xmlNodePtr form = crm_xml_add(c, "form", NULL);
	crm_xml_attr(form, "action", "/alpha");
	crm_xml_attr(form, "method", "post");
	xmlNodePtr f = crm_xml_add(form, "field", NULL);
	crm_xml_attr(f, "name", "name");
	crm_xml_attr(f, "label", "alpha.name");
	crm_xml_attr(f, "required", "1");
	crm_xml_attr(f, "maxlength", "100");
	crm_xml_attr(f, "value", name);
	crm_xml_attr(f, "error", error);
	crm_xml_attr(crm_xml_add(form, "submit", NULL), "label", "alpha.create");
	size_t shown = rows->n_rows > PAGE_SIZE ? PAGE_SIZE : rows->n_rows;
	xmlNodePtr items = crm_xml_add(c, "items", NULL);
	for (size_t i = 0; i < shown; i++) {
		xmlNodePtr it = crm_xml_add(items, "item", NULL);
		crm_xml_add(it, "id", crm_rows_get(rows, i, 0));
		crm_xml_add(it, "name", crm_rows_get(rows, i, 1));
	}
	if (!shown && !after_s) {
		xmlNodePtr e = crm_xml_add(c, "empty", NULL);
		crm_xml_attr(e, "title", "alpha.empty");
		crm_xml_attr(e, "hint", "alpha.empty_hint");
	}
	if (rows->n_rows > PAGE_SIZE)
		crm_xml_attr(crm_xml_add(c, "pager", NULL), "next",
			     crm_psprintf(crm_req_pool(r), "/alpha?after=%s",
					  crm_rows_get(rows, PAGE_SIZE - 1, 0)));
	if (error)
		crm_status(r, 422);
	return 0;
}

int alpha_list(crm_req *r)
{
	return list(r, NULL, NULL);
}

/* Characters, not bytes: the form was checked to be UTF-8 by the core. */
static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

int alpha_create(crm_req *r)
{
	const char *name = crm_req_form(r, "name");
	if (!name || !*name)
		return list(r, name, "alpha.name_required");
	if (utf8_chars(name) > NAME_MAX_CHARS)
		return list(r, name, "alpha.name_too_long");
	if (crm_db_exec(r, "INSERT INTO alpha_item (name) VALUES (?)", "s", name) < 0)
		return CRM_EDB;
	int64_t id = crm_db_last_id(r);
	crm_flash(r, "ok", "alpha.created");
	return crm_redirect(r, crm_psprintf(crm_req_pool(r), "/alpha/%lld", (long long)id));
}

/* The item's name, or NULL when there is no such item (*rc says whether the database failed). */
static const char *item_name(crm_req *r, int64_t id, int *rc)
{
	*rc = 0;
	crm_rows *rows = crm_db_query(r, "SELECT name FROM alpha_item WHERE id = ?", "i", id);
	if (!rows) {
		*rc = CRM_EDB;
		return NULL;
	}
	return rows->n_rows ? crm_rows_get(rows, 0, 0) : NULL;
}

/* The card with other plugins' panels; refusal is a translated veto message, or NULL. */
static int card(crm_req *r, int64_t id, const char *name, const char *refusal)
{
	xmlNodePtr c = crm_page(r, "alpha.card", "alpha.card_title");
	xmlNodePtr it = crm_xml_add(c, "item", NULL);
	crm_xml_add_int(it, "id", id);
	crm_xml_add(it, "name", name);
	if (refusal) {
		crm_xml_add(c, "refusal", refusal);
		crm_status(r, 409);
	}
	crm_page_panels(r, "alpha_item", id);
	return 0;
}

int alpha_card(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	int rc = 0;
	const char *name = id ? item_name(r, id, &rc) : NULL;
	if (id && rc)
		return rc;
	if (!name)
		return crm_error(r, 404, "alpha.not_found");
	return card(r, id, name, NULL);
}

int alpha_delete(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	int rc = 0;
	const char *name = id ? item_name(r, id, &rc) : NULL;
	if (id && rc)
		return rc;
	if (!name)
		return crm_error(r, 404, "alpha.not_found");
	/* Subscribers see the name so they need not read our table to decide. */
	crm_event *ev = crm_event_new(r, "alpha.deleting", "alpha_item", id);
	crm_event_set(ev, "name", name);
	const char *veto = NULL;
	if (crm_event_publish(r, ev, &veto) == CRM_EVETO)
		return card(r, id, name, veto);
	if (crm_db_exec(r, "DELETE FROM alpha_item WHERE id = ?", "i", id) < 0)
		return CRM_EDB;
	crm_flash(r, "ok", "alpha.deleted");
	return crm_redirect(r, "/alpha");
}

int alpha_secret(crm_req *r)
{
	crm_page(r, "alpha.secret", "alpha.secret_title");
	return 0;
}
