/* The CSV import service's parts (core-internal): the wizard pages (import.c), the
 * runner in the jobs process (import-run.c), "export all" (import-export.c) and what
 * importers share in their apply (import-apply.c). */
#ifndef CRM_IMPORTS_H
#define CRM_IMPORTS_H

#include "core.h"

#define CRM_IMPORT_MAX_BYTES (10u << 20) /* an uploaded file */
#define CRM_IMPORT_MAX_COLUMNS 200
#define CRM_IMPORT_MAX_CELL 65535        /* bytes in one cell */
#define CRM_IMPORT_BATCH 500             /* rows an importer gets at once */
#define CRM_IMPORT_KEEP_DAYS 30          /* finished imports are kept this long */

/* The importer for entity among the plugins enabled for the tenant, or NULL. */
const crm_importer *crm_importer_find(crm_req *r, const char *entity);
/* The custom fields defined for entity, by name (position order); *n of them. */
const char **crm_import_custom_fields(crm_req *r, const char *entity, size_t *n);
/* The stored mapping, one target per column ("" where none): n of them. */
const char **crm_import_mapping(crm_pool *p, const char *mapping, size_t n);
/* The core's job: run the oldest queued import of the tenant, if any. */
int crm_import_job(crm_req *r);

#endif
