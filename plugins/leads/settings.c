/* /leads/settings/{sources,reasons}: the admin-edited lists of lead sources and of
 * disqualification reasons: add, rename, reorder, delete after a confirmation (leads
 * keep no value then); and the tabs of every leads settings page. */
#include <string.h>
#include "leads.h"

/* The lists, by the name in the URL; tables and columns are these constants only. */
static const crm_choices lists[] = {
	{.slug = "sources", .url = "/leads/settings/sources", .table = "lead_source", .title = "leads.settings_sources",
	 .records = "lead", .column = "source_id", .used = "leads.settings_used", .add = "leads.settings_new",
	 .confirm = "leads.settings_confirm_delete"},
	{.slug = "reasons", .url = "/leads/settings/reasons", .table = "lead_reason", .title = "leads.settings_reasons",
	 .records = "lead", .column = "reason_id", .used = "leads.settings_used", .add = "leads.settings_new",
	 .confirm = "leads.settings_confirm_delete"},
};

int leads_settings_index(crm_req *r)
{
	return crm_redirect(r, "/leads/settings/funnels");
}

void leads_settings_tabs(xmlNodePtr parent, const char *active)
{
	xmlNodePtr tabs = crm_xml_add(parent, "tabs", NULL);
	for (size_t i = 0; i <= CRM_LEN(lists); i++) {
		const char *href = i ? lists[i - 1].url : "/leads/settings/funnels";
		xmlNodePtr t = crm_xml_add(tabs, "tab", NULL);
		crm_xml_attr(t, "href", href);
		crm_xml_attr(t, "title", i ? lists[i - 1].title : "leads.settings_funnels");
		if (!strncmp(active, href, strlen(href)))
			crm_xml_attr(t, "active", "1");
	}
}

static void decorate(crm_req *r, xmlNodePtr content, const crm_choices *list)
{
	(void)r;
	leads_settings_tabs(content, list->url);
}

static const crm_choices_set set = {
	.lists = lists, .n_lists = CRM_LEN(lists), .view = "leads.settings", .delete_view = "leads.settings_delete",
	.prefix = "leads", .audit = "leads.settings", .decorate = decorate,
};

int leads_settings(crm_req *r)
{
	return crm_choices_page(r, &set);
}

int leads_settings_add(crm_req *r)
{
	return crm_choices_add(r, &set);
}

int leads_settings_rename(crm_req *r)
{
	return crm_choices_rename(r, &set);
}

int leads_settings_move(crm_req *r)
{
	return crm_choices_move(r, &set);
}

int leads_settings_delete_confirm(crm_req *r)
{
	return crm_choices_delete_confirm(r, &set);
}

int leads_settings_delete(crm_req *r)
{
	return crm_choices_delete(r, &set);
}
