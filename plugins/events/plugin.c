/* Events («Мероприятия»): name, dates, participants from the contacts, tags, custom
 * fields, restricted access, planned history items, documents; closed when held. */
#include "events.h"
#include "migrations.inc"

static const crm_entity_type entities[] = {
	{.name = "event", .title = "events.entity", .url = "/events/%lld", .table = "event_item"},
};

static const crm_route routes[] = {
	{"GET", "/events", events_list, "events.view", 0},
	{"GET", "/events/new", events_new, "events.edit", 0},
	{"POST", "/events/new", events_create, "events.edit", 0},
	{"GET", "/events/{id}", events_card, "events.view", 0},
	{"GET", "/events/{id}/edit", events_edit, "events.edit", 0},
	{"POST", "/events/{id}/edit", events_save, "events.edit", 0},
	{"GET", "/events/{id}/delete", events_delete_confirm, "events.edit", 0},
	{"POST", "/events/{id}/delete", events_delete, "events.edit", 0},
	{"POST", "/events/{id}/close", events_close, "events.edit", 0},
	{"POST", "/events/{id}/reopen", events_reopen, "events.edit", 0},
	{"POST", "/events/{id}/participants", events_participant_add, "events.edit", 0},
	{"POST", "/events/{id}/participants/{contact}/remove", events_participant_remove, "events.edit", 0},
	{"POST", "/events/{id}/plan", events_plan_add, "events.edit", 0},
	{"POST", "/events/{id}/plan/{pid}/done", events_plan_done, "events.edit", 0},
	{"POST", "/events/{id}/plan/{pid}/delete", events_plan_delete, "events.edit", 0},
};

static const crm_permission permissions[] = {
	{.name = "events.view", .title = "events.perm_view"},
	{.name = "events.edit", .title = "events.perm_edit"},
	{.name = "events.export", .title = "events.perm_export"},
};

static const crm_menu_entry menu[] = {
	{.href = "/events", .title = "events.menu", .permission = "events.view", .order = 500},
};

static const crm_panel panels[] = {
	{.entity = "contact", .name = "events.contact", .title = "events.panel_title", .fill = events_contact_panel,
	 .permission = "events.view"},
};

static const crm_subscription subscriptions[] = {
	{"calendar.items", events_on_calendar},
	{"contact.deleted", events_on_contact_deleted},
	{"contact.merged", events_on_contact_merged},
	{"event.describe", events_on_describe},
	{"event.search", events_on_search},
};

static const crm_plugin events = {
	.abi_major = CRM_ABI_MAJOR,
	.abi_minor = CRM_ABI_MINOR,
	.name = "events",
	.version = "1.0.0",
	.title = "events.title",
	.routes = routes, .n_routes = CRM_LEN(routes),
	.migrations = migrations, .n_migrations = CRM_LEN(migrations),
	.permissions = permissions, .n_permissions = CRM_LEN(permissions),
	.menu = menu, .n_menu = CRM_LEN(menu),
	.entities = entities, .n_entities = CRM_LEN(entities),
	.panels = panels, .n_panels = CRM_LEN(panels),
	.subscriptions = subscriptions, .n_subscriptions = CRM_LEN(subscriptions),
	.importers = &events_exporter, .n_importers = 1,
};

CRM_PLUGIN(events)
