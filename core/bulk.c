/* What the lists' bulk actions share: choosing the action posted and the confirmation
 * form of a bulk deletion. */
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
