/* Tenant settings stored in crm_setting; every change is audited. */
#include "core.h"
#include <string.h>
#include "crm/settings.h"

const char *crm_setting(crm_req *r, const char *name, const char *def)
{
	crm_rows *rows = crm_db_query(r, "SELECT value FROM crm_setting WHERE name = ?", "s", name);
	const char *v = rows ? crm_rows_get(rows, 0, 0) : NULL;
	return v ? v : def;
}

int crm_setting_set(crm_req *r, const char *name, const char *value)
{
	const char *old = crm_setting(r, name, NULL);
	if (crm_db_exec(r, "INSERT INTO crm_setting (name, value) VALUES (?, ?) "
			   "ON DUPLICATE KEY UPDATE value = VALUES(value)", "ss", name, value) < 0)
		return CRM_EDB;
	if (!old || strcmp(old, value))
		crm_audit(r, "setting.change", "setting", 0, name, old, value);
	return 0;
}
