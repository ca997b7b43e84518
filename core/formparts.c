/* Pieces every record form repeats: per-field errors, options, users to tick and the
 * buttons that close the form. */
#include <string.h>
#include "core.h"

void crm_form_error(xmlNodePtr errors, const char *field, const char *key)
{
	crm_xml_attr(crm_xml_add(errors, "error", key), "field", field);
}

const char *crm_form_error_of(xmlNodePtr errors, const char *field)
{
	for (xmlNodePtr e = errors ? errors->children : NULL; e; e = e->next) {
		xmlChar *name = xmlGetProp(e, BAD_CAST "field");
		bool match = name && !strcmp((const char *)name, field);
		xmlFree(name);
		if (match)
			return (const char *)e->children->content;
	}
	return NULL;
}

xmlNodePtr crm_form_name(xmlNodePtr form, const char *label, const char *value, size_t max, const char *error)
{
	xmlNodePtr x = crm_form_field(form, "name", label, "text", value);
	crm_xml_attr(x, "required", "1");
	crm_xml_attr_int(x, "maxlength", (int64_t)max);
	crm_xml_attr(x, "error", error);
	return x;
}

xmlNodePtr crm_form_option(xmlNodePtr select, const char *value, const char *label)
{
	xmlNodePtr o = crm_xml_add(select, "option", label);
	crm_xml_attr(o, "value", value);
	return o;
}

void crm_form_save_buttons(xmlNodePtr form, bool is_new, const char *more, const char *cancel_href)
{
	xmlNodePtr s = crm_form_submit(form, "core.save");
	crm_xml_attr(s, "name", "then");
	crm_xml_attr(s, "value", "card");
	if (is_new) {
		s = crm_form_submit(form, more);
		crm_xml_attr(s, "name", "then");
		crm_xml_attr(s, "value", "new");
		crm_xml_attr(s, "kind", "secondary");
	}
	crm_xml_attr(crm_xml_add(form, "cancel", NULL), "href", cancel_href);
}

int crm_form_created(crm_req *r, const char *ok_key, const char *new_url, const char *card_url)
{
	crm_flash(r, "ok", ok_key);
	const char *then = crm_req_form(r, "then");
	return crm_redirect(r, then && !strcmp(then, "new") ? new_url : card_url);
}

xmlNodePtr crm_form_users(xmlNodePtr form, const char *name, const crm_rows *users, const int64_t *checked,
			  size_t n, int64_t skip)
{
	xmlNodePtr list = crm_xml_add(form, name, NULL);
	for (size_t i = 0; i < users->n_rows; i++) {
		int64_t uid = crm_id(crm_rows_get(users, i, 0));
		if (skip && uid == skip)
			continue;
		xmlNodePtr u = crm_xml_add(list, "user", crm_rows_get(users, i, 1));
		crm_xml_attr(u, "id", crm_rows_get(users, i, 0));
		for (size_t j = 0; j < n; j++)
			if (checked[j] == uid) {
				crm_xml_attr(u, "checked", "1");
				break;
			}
	}
	return list;
}
