/* What the admin plugin's pages share: the tab bar, paging, form input, roles. */
#ifndef ADMIN_H
#define ADMIN_H

#include <stdbool.h>
#include <crm/crm.h>

/* Rows on one page of a list. */
#define ADMIN_PAGE 50

/* Start an admin page: crm_page plus the tab bar with tab (its href) marked. */
xmlNodePtr admin_page(crm_req *r, const char *view, const char *title, const char *tab);
/* Whether the signed-in user is a portal owner (owners alone touch owner accounts). */
bool admin_is_owner(crm_req *r);
/* A <form method="get"> the theme's widget renders (searches, filters). */
xmlNodePtr admin_get_form(xmlNodePtr parent, const char *action);
/* Re-render as a form with errors: status 422 and the form's summary message. */
void admin_form_failed(crm_req *r, xmlNodePtr form);
/* rows when they hold a row; else NULL with *rc the error (no rows: the 404 page). */
crm_rows *admin_found(crm_req *r, crm_rows *rows, int *rc);

/* Handlers, one file per page. */
int admin_users(crm_req *r);
int admin_user_new(crm_req *r);
int admin_user_create(crm_req *r);
int admin_user_edit(crm_req *r);
int admin_user_save(crm_req *r);
int admin_user_password(crm_req *r);
int admin_user_disable_confirm(crm_req *r);
int admin_user_disable(crm_req *r);
int admin_user_enable(crm_req *r);

int admin_groups(crm_req *r);
int admin_group_create(crm_req *r);
int admin_group(crm_req *r);
int admin_group_member_add(crm_req *r);
int admin_group_member_remove(crm_req *r);
int admin_group_grants(crm_req *r);
int admin_group_delete_confirm(crm_req *r);
int admin_group_delete(crm_req *r);

int admin_modules(crm_req *r);
int admin_module_enable(crm_req *r);
int admin_module_disable(crm_req *r);

int admin_access(crm_req *r);
int admin_access_mode(crm_req *r);
int admin_access_add_user(crm_req *r);
int admin_access_add_group(crm_req *r);
int admin_access_remove(crm_req *r);

int admin_audit(crm_req *r);

/* tags, history categories, custom fields */
int admin_tags(crm_req *r);
int admin_tag(crm_req *r);
int admin_tag_rename(crm_req *r);
int admin_tag_merge_confirm(crm_req *r);
int admin_tag_merge(crm_req *r);
int admin_tag_delete_confirm(crm_req *r);
int admin_tag_delete(crm_req *r);

int admin_categories(crm_req *r);
int admin_category_create(crm_req *r);
int admin_category(crm_req *r);
int admin_category_save(crm_req *r);
int admin_category_delete_confirm(crm_req *r);
int admin_category_delete(crm_req *r);

int admin_fields(crm_req *r);
int admin_field_create(crm_req *r);
int admin_field(crm_req *r);
int admin_field_save(crm_req *r);
int admin_field_delete_confirm(crm_req *r);
int admin_field_delete(crm_req *r);
/* export of all data */
int admin_export(crm_req *r);
int admin_export_download(crm_req *r);
/* general settings */
int admin_settings(crm_req *r);
int admin_settings_save(crm_req *r);

#endif
