/* Attachments and photos of any record, kept in the database (no shared disk needed
 * between crmd hosts); types are checked by content, photos scaled with libgd. */
#ifndef CRM_FILES_H
#define CRM_FILES_H

#include <stdint.h>
#include <libxml/tree.h>
#include "crm/request.h"

/* Store the upload in form field `field` as an attachment of the record: its new id,
 * or a negative crm_err with an i18n key in *err_key (too big, empty, ...). */
int64_t crm_file_attach(crm_req *r, const char *entity, int64_t id, const char *field,
			const char **err_key);
/* Set the record's photo from the upload in `field`: at most 1 MB, JPEG/PNG/GIF/WebP by
 * content, scaled down to fit 200x300. 0, or a negative crm_err with *err_key. */
int crm_file_photo(crm_req *r, const char *entity, int64_t id, const char *field,
		   const char **err_key);
/* The record's attachments as <files> under parent (with the upload form when the user
 * may write the record) and <photo url=".."/> when it has one. */
xmlNodePtr crm_files_xml(crm_req *r, const char *entity, int64_t id, xmlNodePtr parent);

#endif
