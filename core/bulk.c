/* What the lists' bulk actions share: choosing the action posted, adding a tag and the
 * confirmation form of a bulk deletion. */
#include <string.h>
#include "core.h"

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

int crm_bulk_dispatch(crm_req *r, const crm_bulk_action *actions, size_t max, const char *list, const char *prefix)
{
	crm_pool *p = crm_req_pool(r);
	size_t n;
	int64_t *ids = crm_input_ids(r, "id", max, &n);
	const char *action = crm_input(r, "action");
	if (!n) {
		crm_flash(r, "error", crm_psprintf(p, "%s.bulk_none", prefix));
		return crm_redirect(r, crm_input_back(r, list));
	}
	const crm_bulk_action *a = actions;
	while (a->name && strcmp(a->name, action))
		a++;
	if (!crm_req_can(r, a->perm))
		return crm_error(r, 403, "core.forbidden");
	if (!a->name)
		return crm_error(r, 400, crm_psprintf(p, "%s.bulk_unknown", prefix));
	return a->run(r, ids, n);
}

static int bulk_done(crm_req *r, const char *list, const char *kind, const char *prefix, const char *what)
{
	crm_flash(r, kind, crm_psprintf(crm_req_pool(r), "%s.%s", prefix, what));
	return crm_redirect(r, crm_input_back(r, list));
}

int crm_bulk_tag(crm_req *r, const char *entity, const char *list, const char *prefix, crm_bulk_load *load,
		 const int64_t *ids, size_t n)
{
	const char *tag = crm_input(r, "tag");
	if (!crm_tag_name_ok(tag))
		return bulk_done(r, list, "error", prefix, "bulk_tag_invalid");
	crm_rows *rows = load(r, ids, n, CRM_WRITE);
	if (!rows)
		return CRM_EDB;
	if (!rows->n_rows)
		return bulk_done(r, list, "error", prefix, "bulk_none_writable");
	int rc = crm_tags_add(r, entity, crm_rows_ids(crm_req_pool(r), rows, 0), rows->n_rows, tag);
	if (rc == CRM_EINVAL)
		return bulk_done(r, list, "error", prefix, "bulk_tag_invalid");
	if (rc < 0)
		return CRM_EDB;
	return bulk_done(r, list, "ok", prefix, "bulk_tagged");
}
