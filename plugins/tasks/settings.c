/* /tasks/settings: the admin-edited list of task categories: add, rename, reorder, and
 * delete after a confirmation (its tasks then have no category). */
#include "tasks.h"

static const crm_choices categories = {
	.slug = "task_category", .url = "/tasks/settings", .table = "task_category", .title = "tasks.settings_title",
	.records = "task", .column = "category_id", .used = "tasks.settings_used", .add = "tasks.settings_new",
	.empty = "tasks.settings_empty", .confirm = "tasks.settings_confirm_delete",
};

static const crm_choices_set set = {
	.lists = &categories, .n_lists = 1, .view = "tasks.settings", .delete_view = "tasks.delete",
	.prefix = "tasks", .audit = "tasks.category",
};

int tasks_settings(crm_req *r)
{
	return crm_choices_page(r, &set);
}

int tasks_settings_add(crm_req *r)
{
	return crm_choices_add(r, &set);
}

int tasks_settings_rename(crm_req *r)
{
	return crm_choices_rename(r, &set);
}

int tasks_settings_move(crm_req *r)
{
	return crm_choices_move(r, &set);
}

int tasks_settings_delete_confirm(crm_req *r)
{
	return crm_choices_delete_confirm(r, &set);
}

int tasks_settings_delete(crm_req *r)
{
	return crm_choices_delete(r, &set);
}
