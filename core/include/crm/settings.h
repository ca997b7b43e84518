/* The tenant's settings: named values in crm_setting, edited by admins. */
#ifndef CRM_SETTINGS_H
#define CRM_SETTINGS_H

#include "crm/request.h"

/* A setting's value, or def when it is unset (or the database failed). */
const char *crm_setting(crm_req *r, const char *name, const char *def);
/* Store a setting (audited); 0 or a negative crm_err. */
int crm_setting_set(crm_req *r, const char *name, const char *value);

#endif
