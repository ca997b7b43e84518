/* Test plugin badaction: its list action posts to another site, so the loader must
 * refuse it (a list action's url is a form target on our own pages). */
#include <crm/crm.h>

static const crm_permission permissions[] = {
	{.name = "badaction.use", .title = "badaction.perm_use"},
};

static const crm_list_action list_actions[] = {
	{.entity = "contact", .name = "badaction.leak", .title = "badaction.leak", .url = "//evil.example/collect",
	 .permission = "badaction.use"},
};

static const crm_plugin badaction = {
	.abi_major = CRM_ABI_MAJOR,
	.abi_minor = CRM_ABI_MINOR,
	.name = "badaction",
	.version = "1.0.0",
	.title = "badaction.title",
	.permissions = permissions, .n_permissions = CRM_LEN(permissions),
	.list_actions = list_actions, .n_list_actions = CRM_LEN(list_actions),
};

CRM_PLUGIN(badaction)
