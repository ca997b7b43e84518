/* Tasks: to-dos with a category, a due time in the user's zone, a reminder and an
 * assignee, about a record of any type; My tasks, the calendar and the cards' panels. */
#include "tasks.h"
#include "migrations.inc"

static const crm_entity_type entities[] = {
	{.name = "task", .title = "tasks.entity", .url = "/tasks/%lld", .table = "task"},
};

static const crm_route routes[] = {
	{"GET", "/tasks", tasks_list, "tasks.view", 0},
	{"GET", "/tasks/new", tasks_new, "tasks.edit", 0},
	{"POST", "/tasks/new", tasks_create, "tasks.edit", 0},
	{"POST", "/tasks/bulk", tasks_bulk, "tasks.edit", 0},
	{"GET", "/tasks/{id}", tasks_card, "tasks.view", 0},
	{"GET", "/tasks/{id}/edit", tasks_edit, "tasks.edit", 0},
	{"POST", "/tasks/{id}/edit", tasks_save, "tasks.edit", 0},
	{"POST", "/tasks/{id}/toggle", tasks_toggle, "tasks.edit", 0},
	{"GET", "/tasks/{id}/delete", tasks_delete_confirm, "tasks.edit", 0},
	{"POST", "/tasks/{id}/delete", tasks_delete, "tasks.edit", 0},
	{"GET", "/calendar", tasks_calendar, "tasks.view", 0},
	{"GET", "/tasks/settings", tasks_settings, "tasks.admin", 0},
	{"POST", "/tasks/settings", tasks_settings_add, "tasks.admin", 0},
	{"POST", "/tasks/settings/{id}/rename", tasks_settings_rename, "tasks.admin", 0},
	{"POST", "/tasks/settings/{id}/move", tasks_settings_move, "tasks.admin", 0},
	{"GET", "/tasks/settings/{id}/delete", tasks_settings_delete_confirm, "tasks.admin", 0},
	{"POST", "/tasks/settings/{id}/delete", tasks_settings_delete, "tasks.admin", 0},
};

static const crm_permission permissions[] = {
	{.name = "tasks.view", .title = "tasks.perm_view"},
	{.name = "tasks.edit", .title = "tasks.perm_edit"},
	{.name = "tasks.admin", .title = "tasks.perm_admin", .flags = CRM_PERM_ADMINS},
	{.name = "tasks.export", .title = "tasks.perm_export"},
};

static const crm_menu_entry menu[] = {
	{.href = "/tasks", .title = "tasks.menu", .permission = "tasks.view", .order = 400},
	{.href = "/calendar", .title = "tasks.calendar_menu", .permission = "tasks.view", .order = 410},
};

static const crm_panel panels[] = {
	{.entity = "contact", .name = "tasks.contact", .title = "tasks.panel_title", .fill = tasks_panel_contact,
	 .permission = "tasks.view"},
	{.entity = "lead", .name = "tasks.lead", .title = "tasks.panel_title", .fill = tasks_panel_lead,
	 .permission = "tasks.view"},
	{.entity = "deal", .name = "tasks.deal", .title = "tasks.panel_title", .fill = tasks_panel_deal,
	 .permission = "tasks.view"},
	{.entity = "event", .name = "tasks.event", .title = "tasks.panel_title", .fill = tasks_panel_event,
	 .permission = "tasks.view"},
};

static const crm_subscription subscriptions[] = {
	{"task.next", tasks_on_next},
	{"menu.counts", tasks_on_menu_counts},
	{"contact.merged", tasks_on_contact_merged},
	{"contact.deleted", tasks_on_record_deleted},
	{"lead.deleted", tasks_on_record_deleted},
	{"deal.deleted", tasks_on_record_deleted},
	{"event.deleted", tasks_on_record_deleted},
};

/* Reminders are due to the minute: the scan is one indexed range, cheap every few seconds. */
static const crm_job jobs[] = {
	{.name = "tasks.remind", .interval_s = 5, .run = tasks_remind},
};

static const crm_list_action list_actions[] = {
	{.entity = "contact", .name = "tasks.bulk_contact", .title = "tasks.bulk_action", .url = "/tasks/bulk",
	 .permission = "tasks.edit"},
};

static const crm_plugin tasks = {
	.abi_major = CRM_ABI_MAJOR,
	.abi_minor = CRM_ABI_MINOR,
	.name = "tasks",
	.version = "1.0.0",
	.title = "tasks.title",
	.routes = routes, .n_routes = CRM_LEN(routes),
	.migrations = migrations, .n_migrations = CRM_LEN(migrations),
	.permissions = permissions, .n_permissions = CRM_LEN(permissions),
	.menu = menu, .n_menu = CRM_LEN(menu),
	.entities = entities, .n_entities = CRM_LEN(entities),
	.panels = panels, .n_panels = CRM_LEN(panels),
	.subscriptions = subscriptions, .n_subscriptions = CRM_LEN(subscriptions),
	.jobs = jobs, .n_jobs = CRM_LEN(jobs),
	.list_actions = list_actions, .n_list_actions = CRM_LEN(list_actions),
	.importers = &tasks_exporter, .n_importers = 1,
};

CRM_PLUGIN(tasks)
