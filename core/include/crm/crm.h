/* The plugin SDK: the only header a plugin includes. */
#ifndef CRM_CRM_H
#define CRM_CRM_H

#include "crm/pool.h"
#include "crm/request.h"
#include "crm/xml.h"
#include "crm/db.h"
#include "crm/event.h"
#include "crm/plugin.h"
#include "crm/access.h"

#endif
