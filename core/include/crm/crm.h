/* The plugin SDK: the only header a plugin includes. */
#ifndef CRM_CRM_H
#define CRM_CRM_H

#include "crm/pool.h"
#include "crm/request.h"
#include "crm/input.h"
#include "crm/xml.h"
#include "crm/db.h"
#include "crm/bulk.h"
#include "crm/event.h"
#include "crm/plugin.h"
#include "crm/access.h"
#include "crm/settings.h"
#include "crm/records.h"
#include "crm/files.h"
#include "crm/phone.h"
#include "crm/import.h"
#include "crm/choices.h"
#include "crm/time.h"
#include "crm/money.h"

#endif
