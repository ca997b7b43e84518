/* What the lists' bulk actions share: the confirmation form of a bulk deletion. */
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
