/* /contacts/settings: the admin-edited lists of contact types and temperature levels:
 * add, rename, reorder, delete with a confirmation (contacts keep no value then); and
 * the tabs that lead to them and to the web forms. */
#include <string.h>
#include "contacts.h"

/* The lists, by the name in the URL; tables and columns are these constants only. */
static const crm_choices lists[] = {
	{.slug = "types", .url = "/contacts/settings/types", .table = "contact_type", .title = "contacts.settings_types",
	 .records = "contact", .column = "type_id", .used = "contacts.settings_used", .add = "contacts.settings_new",
	 .confirm = "contacts.settings_confirm_delete"},
	{.slug = "temperatures", .url = "/contacts/settings/temperatures", .table = "contact_temperature",
	 .title = "contacts.settings_temperatures", .records = "contact", .column = "temperature_id",
	 .used = "contacts.settings_used", .add = "contacts.settings_new", .confirm = "contacts.settings_confirm_delete"},
};

void contacts_settings_tabs(xmlNodePtr parent, const char *active)
{
	xmlNodePtr tabs = crm_xml_add(parent, "tabs", NULL);
	for (size_t i = 0; i <= CRM_LEN(lists); i++) {
		/* The web forms are the last tab: admins reach them from here, not the menu. */
		const char *href = i < CRM_LEN(lists) ? lists[i].url : "/contacts/webforms";
		xmlNodePtr t = crm_xml_add(tabs, "tab", NULL);
		crm_xml_attr(t, "href", href);
		crm_xml_attr(t, "title", i < CRM_LEN(lists) ? lists[i].title : "contacts.settings_webforms");
		if (!strcmp(href, active))
			crm_xml_attr(t, "active", "1");
	}
}

static void decorate(crm_req *r, xmlNodePtr content, const crm_choices *list)
{
	(void)r;
	contacts_settings_tabs(content, list->url);
}

static const crm_choices_set set = {
	.lists = lists, .n_lists = CRM_LEN(lists), .view = "contacts.settings", .delete_view = "contacts.settings_delete",
	.prefix = "contacts", .audit = "contacts.settings", .decorate = decorate,
};

int contacts_settings(crm_req *r)
{
	return crm_choices_page(r, &set);
}

int contacts_settings_add(crm_req *r)
{
	return crm_choices_add(r, &set);
}

int contacts_settings_rename(crm_req *r)
{
	return crm_choices_rename(r, &set);
}

int contacts_settings_move(crm_req *r)
{
	return crm_choices_move(r, &set);
}

int contacts_settings_delete_confirm(crm_req *r)
{
	return crm_choices_delete_confirm(r, &set);
}

int contacts_settings_delete(crm_req *r)
{
	return crm_choices_delete(r, &set);
}
