/* The plugin contract: one constant descriptor a plugin returns from crm_plugin_entry(). */
#ifndef CRM_PLUGIN_H
#define CRM_PLUGIN_H

#include <stddef.h>
#include <stdint.h>
#include "crm/event.h"
#include "crm/request.h"

/* The loader refuses a plugin whose major differs or whose minor is newer than the core's. */
#define CRM_ABI_MAJOR 2
#define CRM_ABI_MINOR 0

/* Errors: 0 is success, these are negative. */
enum crm_err {
	CRM_OK = 0,
	CRM_EINVAL = -1,   /* bad input from the user */
	CRM_ENOTFOUND = -2,
	CRM_EDENIED = -3,
	CRM_EDB = -4,      /* the database is unreachable: 503 */
	CRM_EINTERNAL = -5,
	CRM_EVETO = -6,    /* a subscriber refused the action */
	CRM_ECONFLICT = -7,
};

typedef int (*crm_handler_fn)(crm_req *r);
typedef int (*crm_event_fn)(crm_req *r, crm_event *ev);
/* A panel fills node (a <panel> under the card's page) for record id. */
typedef int (*crm_panel_fn)(crm_req *r, int64_t id, xmlNodePtr node);
/* A job runs in the jobs process once per tenant; r has no user and no page. */
typedef int (*crm_job_fn)(crm_req *r);

/* Routes that outsiders reach (web forms, webhooks, health) bring their own checks. */
#define CRM_PERM_PUBLIC "public"
#define CRM_ROUTE_NO_CSRF 0x1u /* unsafe method without the session's CSRF token */

typedef struct crm_route {
	const char *method;     /* "GET", "POST", ... */
	const char *pattern;    /* "/contacts/{id}/edit" */
	crm_handler_fn handler;
	const char *permission; /* required; CRM_PERM_PUBLIC for everyone */
	unsigned flags;
} crm_route;

typedef struct crm_migration {
	unsigned id;     /* strictly increasing within a plugin */
	const char *name;
	const char *sql; /* statements separated by ";" at line end, each safe to rerun */
} crm_migration;

/* Who holds a permission without a grant: every user, or only admins, or only the owner. */
#define CRM_PERM_USERS 0x0u
#define CRM_PERM_ADMINS 0x1u
#define CRM_PERM_OWNER 0x2u

typedef struct crm_permission {
	const char *name;  /* "<plugin>.<what>" */
	const char *title; /* i18n key */
	unsigned flags;    /* CRM_PERM_USERS, CRM_PERM_ADMINS or CRM_PERM_OWNER */
} crm_permission;

typedef struct crm_menu_entry {
	const char *href;
	const char *title;      /* i18n key */
	const char *permission; /* shown only to users who hold it */
	int order;
} crm_menu_entry;

typedef struct crm_entity_type {
	const char *name;  /* "contact" */
	const char *title; /* i18n key */
	const char *url;   /* printf pattern with one %lld: "/contacts/%lld" */
	const char *table; /* its table, with columns id, owner_id, visibility and has_users (record access) */
} crm_entity_type;

typedef struct crm_panel {
	const char *entity; /* the card it goes on: "contact" */
	const char *name;   /* unique: "deals.contact" */
	const char *title;  /* i18n key */
	crm_panel_fn fill;
	const char *permission;
} crm_panel;

typedef struct crm_subscription {
	const char *event;
	crm_event_fn fn;
} crm_subscription;

/* An action on the ticked rows of another plugin's list (the contacts list's "create a
 * task"): a button posting the ticked ids as "id" fields to url. */
typedef struct crm_list_action {
	const char *entity;     /* the list it goes on: "contact" */
	const char *name;       /* unique: "tasks.bulk_contact" */
	const char *title;      /* i18n key */
	const char *url;        /* local path the form posts to */
	const char *permission;
} crm_list_action;

struct crm_importer; /* crm/import.h */

typedef struct crm_job {
	const char *name;     /* unique: "<plugin>.<what>" */
	unsigned interval_s;  /* run at most this often per tenant */
	crm_job_fn run;
} crm_job;

#define CRM_LEN(a) (sizeof(a) / sizeof((a)[0]))

typedef struct crm_plugin {
	unsigned abi_major, abi_minor;
	const char *name;    /* [a-z0-9_]+, unique */
	const char *version;
	const char *title;   /* i18n key */
	const char *const *depends; /* NULL-terminated names, or NULL */
	const crm_route *routes;               size_t n_routes;
	const crm_migration *migrations;       size_t n_migrations;
	const crm_permission *permissions;     size_t n_permissions;
	const crm_menu_entry *menu;            size_t n_menu;
	const crm_entity_type *entities;       size_t n_entities;
	const crm_panel *panels;               size_t n_panels;
	const crm_subscription *subscriptions; size_t n_subscriptions;
	const crm_job *jobs;                   size_t n_jobs;
	unsigned flags;                        /* CRM_PLUGIN_REQUIRED */
	const crm_list_action *list_actions;   size_t n_list_actions;
	const struct crm_importer *importers;  size_t n_importers; /* CSV import and export */
} crm_plugin;

/* A plugin the portal cannot work without (administration): it cannot be disabled. */
#define CRM_PLUGIN_REQUIRED 0x1u

/* A plugin as the admin pages show it. */
typedef struct crm_plugin_info {
	const char *name, *version, *title, *path;
	const char *refused; /* why the loader refused it, or NULL */
	int enabled;         /* for the request's tenant */
	int required;
} crm_plugin_info;

/* Every plugin found (the core excluded), in load order; returns how many were written. */
size_t crm_plugins(crm_req *r, crm_plugin_info *out, size_t max);
/* Enable or disable a plugin for the request's tenant, from the next request on;
 * refused (CRM_EINVAL) for required, refused or unknown plugins. Audited. */
int crm_plugin_set(crm_req *r, const char *name, int enabled);
/* Every permission the core and the accepted plugins declare; returns the count written. */
size_t crm_permissions(crm_req *r, const crm_permission **out, size_t max);

/* The one symbol a plugin exports. */
#define CRM_PLUGIN_ENTRY "crm_plugin_entry"
#define CRM_PLUGIN(desc) \
	__attribute__((visibility("default"))) const crm_plugin *crm_plugin_entry(void); \
	__attribute__((visibility("default"))) const crm_plugin *crm_plugin_entry(void) { return &(desc); }

/* Log a line with the plugin's or core's context; level is "info", "warn" or "error". */
void crm_log(const char *level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
