/* Attachments and photos of any record, kept in the database (no shared disk needed
 * between crmd hosts); types are checked by content, photos scaled with libgd. */
#ifndef CRM_FILES_H
#define CRM_FILES_H

#include <stdint.h>
#include <libxml/tree.h>
#include "crm/request.h"

/* The largest photo upload, in bytes, and the box a photo is scaled down to fit. */
#define CRM_PHOTO_MAX_BYTES (1024 * 1024)
#define CRM_PHOTO_MAX_W 200
#define CRM_PHOTO_MAX_H 300

/* These functions check that the user may write the record (CRM_ENOTFOUND when not)
 * and, outside a transaction, run in their own; inside one they join it. */

/* Store the upload in form field `field` as an attachment of the record: its new id,
 * or a negative crm_err with an i18n key in *err_key (too big, empty, ...). */
int64_t crm_file_attach(crm_req *r, const char *entity, int64_t id, const char *field,
			const char **err_key);
/* Set the record's photo from the upload in `field`: at most 1 MB, JPEG/PNG/GIF/WebP by
 * content, scaled down to fit 200x300 (JPEG, or PNG when transparent); it replaces the
 * photo the record had. 0, or a negative crm_err with *err_key (CRM_EINVAL with
 * "core.file_empty" when the field holds no file: test crm_req_file first to make the
 * photo optional in a form). */
int crm_file_photo(crm_req *r, const char *entity, int64_t id, const char *field,
		   const char **err_key);
/* Remove the record's photo (none is fine). */
int crm_file_photo_remove(crm_req *r, const char *entity, int64_t id);
/* Remove every file of the record: call it when deleting the record (no access check). */
int crm_files_delete(crm_req *r, const char *entity, int64_t id);
/* The record's attachments as <files entity=".." record=".." write="1"> under parent
 * (with the upload form when the user may write the record), then <photo entity=".."
 * record=".." url=".."/> when it has one or the user may set one (url only when it has
 * one; with the change and remove forms for writers). Returns the <files> node, NULL
 * on a database error. Render with xsl:apply-templates (themes/default/services). */
xmlNodePtr crm_files_xml(crm_req *r, const char *entity, int64_t id, xmlNodePtr parent);

#endif
