/* Users, sessions' identity, permissions, record access, audit and notifications. */
#ifndef CRM_ACCESS_H
#define CRM_ACCESS_H

#include <stdint.h>
#include "crm/db.h"
#include "crm/request.h"

/* Roles, from most to least powerful. */
#define CRM_ROLE_OWNER "owner" /* everything, including modules and access to the CRM */
#define CRM_ROLE_ADMIN "admin" /* sees and moderates every record, edits settings */
#define CRM_ROLE_USER "user"   /* sees what is not private to others */

/* Record visibility, stored in a record's "visibility" column. */
#define CRM_VIS_PRIVATE "private"           /* its owner and managers */
#define CRM_VIS_PUBLIC_READ "public_read"   /* everyone reads, managers write */
#define CRM_VIS_PUBLIC_WRITE "public_write" /* everyone reads and writes */
#define CRM_VIS_RESTRICTED "restricted"     /* owner, managers and the listed users */

enum crm_access_mode { CRM_READ = 0, CRM_WRITE = 1 };

/* The signed-in user's role, or NULL for anonymous. */
const char *crm_req_role(crm_req *r);
/* The signed-in user's time zone ("Europe/Moscow"), or NULL for anonymous. */
const char *crm_req_timezone(crm_req *r);
/* The signed-in user's display name, or NULL. */
const char *crm_req_user_name(crm_req *r);
/* Whether the user is an owner or CRM admin (sees every record). */
int crm_req_is_admin(crm_req *r);
/* The session's CSRF token (for forms outside the theme's widgets), or "". */
const char *crm_req_csrf(crm_req *r);

/* A condition for a WHERE clause keeping only the rows of table alias (with columns
 * id, owner_id, visibility and has_users) that the user may read or write. It holds
 * exactly one "?" to bind with crm_req_user(r) (type 'i'). entity is the record's
 * entity type. A list stays cheap when its sort index also holds visibility, owner_id
 * and has_users. */
const char *crm_access_sql(crm_req *r, const char *alias, const char *entity, int mode);
/* Whether the user may read/write record id of table (for a card or an edit):
 * 1 yes, 0 no (answer 404, as if it did not exist), negative on a database error. */
int crm_access_check(crm_req *r, const char *table, const char *entity, int64_t id, int mode);
/* Replace the managers (kind "manager") or the restricted list (kind "reader") of a
 * record with user_ids (n of them); newly added users are notified with msg_key. */
int crm_access_set_users(crm_req *r, const char *entity, int64_t id, const char *kind,
			 const int64_t *user_ids, size_t n, const char *msg_key);

/* The user ids listed as kind ("manager", "reader") of record id of entity, *n of them;
 * NULL on a database error. */
int64_t *crm_record_users(crm_req *r, const char *entity, int64_t id, const char *kind, size_t *n);
/* Set the has_users flag (1 while crm_record_user lists managers or readers of the
 * record) of record id from crm_record_user: crm_access_set_users and the core's merge
 * keep it; call it after writing crm_record_user yourself (an import). Lists skip the
 * listed users of records whose flag is 0. */
int crm_access_touch(crm_req *r, const char *entity, int64_t id);

/* Write an audit entry: who (the request's user), what, old -> new. */
int crm_audit(crm_req *r, const char *action, const char *entity, int64_t id,
	      const char *field, const char *old_value, const char *new_value);
/* Notify a user: msg_key is an i18n key, text a detail (a record's name), url a local link. */
int crm_notify(crm_req *r, int64_t user_id, const char *msg_key, const char *text, const char *url);

/* Accounts, shared by the admin pages and crmctl. Functions return 0 or a new id, or a
 * negative crm_err with an i18n key in *err_key saying what to fix. */
int64_t crm_user_add(crm_req *r, const char *login, const char *name, const char *email,
		     const char *role, const char *password, const char **err_key);
/* Set a password (argon2id) and end every other session of that user. */
int crm_user_password(crm_req *r, int64_t user_id, const char *password, const char **err_key);
/* Disable or enable an account; disabling ends its sessions. */
int crm_user_set_active(crm_req *r, int64_t user_id, int active);
/* How many users a form or filter offers at most. */
#define CRM_USERS_OFFERED 500
/* The active users (id, name) by name, at most CRM_USERS_OFFERED; NULL on a database error. */
crm_rows *crm_users_active(crm_req *r);
/* Under form, <name> with a <user id=".." checked="1">name</user> per row (id, name) of
 * users but skip (0: none), ticked when among checked (n of them). */
xmlNodePtr crm_form_users(xmlNodePtr form, const char *name, const crm_rows *users, const int64_t *checked,
			  size_t n, int64_t skip);
/* A user's id by login, 0 when none. */
int64_t crm_user_find(crm_req *r, const char *login);
int64_t crm_group_add(crm_req *r, const char *name, const char **err_key);
/* Add (add=1) or remove a user from a group. */
int crm_group_member(crm_req *r, int64_t group_id, int64_t user_id, int add);

#endif
