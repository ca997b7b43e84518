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
/* files */
/* import and export */

#endif
