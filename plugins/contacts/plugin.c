/* Contacts: persons and companies, with their emails, phones, links and addresses. */
#include "contacts.h"
#include "migrations.inc"

static const crm_entity_type entities[] = {
	{.name = "contact", .title = "contacts.entity", .url = "/contacts/%lld", .table = "contact"},
};

/* contacts: routes are listed here */
/* import: the contacts importer is import.c's */
/* web form */

static const crm_plugin contacts = {
	.abi_major = CRM_ABI_MAJOR,
	.abi_minor = CRM_ABI_MINOR,
	.name = "contacts",
	.version = "1.0.0",
	.title = "contacts.title",
	.migrations = migrations, .n_migrations = CRM_LEN(migrations),
	.entities = entities, .n_entities = CRM_LEN(entities),
};

CRM_PLUGIN(contacts)
