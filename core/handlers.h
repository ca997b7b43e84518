/* The core's own page handlers, listed in builtin.c's route table. */
#ifndef CRM_HANDLERS_H
#define CRM_HANDLERS_H

#include "crm/request.h"

int crm_h_login_page(crm_req *r);
int crm_h_login_post(crm_req *r);
int crm_h_logout(crm_req *r);
int crm_h_password_page(crm_req *r);
int crm_h_password_post(crm_req *r);
int crm_h_notifications(crm_req *r);
int crm_h_notification_read(crm_req *r);
int crm_h_notifications_read_all(crm_req *r);
/* records */
int crm_h_record_note(crm_req *r);
int crm_h_record_tags(crm_req *r);
/* files */
int crm_h_files_page(crm_req *r);
int crm_h_file_upload(crm_req *r);
int crm_h_file_download(crm_req *r);
int crm_h_file_delete_page(crm_req *r);
int crm_h_file_delete(crm_req *r);
int crm_h_photo(crm_req *r);
int crm_h_photo_set(crm_req *r);
int crm_h_photo_remove(crm_req *r);
/* import and export */
int crm_h_import_index(crm_req *r);
int crm_h_import_new(crm_req *r);
int crm_h_import_upload(crm_req *r);
int crm_h_import_show(crm_req *r);
int crm_h_import_start(crm_req *r);
int crm_h_import_refused(crm_req *r);

#endif
