/* The core's own descriptor: health, metrics, a do-nothing route, and sql/ migrations. */
#include <string.h>
#include "core.h"
#include "handlers.h"
#include "imports.h"

/* Generated from the sql directory by core/sql2c.sh: static const crm_migration migrations[]. */
#include "core-migrations.inc"

/* 200 when the tenant's database answers, 503 otherwise; for load balancers. */
static int healthz(crm_req *r)
{
	crm_rows *rows = crm_db_query(r, "SELECT 1", NULL);
	r->db_failed = false; /* answer here, not with the error page */
	if (!rows || rows->n_rows != 1)
		return crm_send(r, 503, "text/plain; charset=utf-8", "database unavailable\n", 21, NULL);
	return crm_send(r, 200, "text/plain; charset=utf-8", "ok\n", 3, NULL);
}

static int metrics(crm_req *r)
{
	size_t len;
	char *text = crm_metrics_text(r->pool, &len);
	return crm_send(r, 200, "text/plain; version=0.0.4; charset=utf-8", text, len, NULL);
}

/* The cheapest answer the stack can give: what every request pays before a handler. */
static int ping(crm_req *r)
{
	return crm_send(r, 200, "text/plain; charset=utf-8", "pong\n", 5, NULL);
}

static const crm_route routes[] = {
	{"GET", "/healthz", healthz, CRM_PERM_PUBLIC, 0},
	{"GET", "/metrics", metrics, CRM_PERM_PUBLIC, 0},
	{"GET", "/ping", ping, CRM_PERM_PUBLIC, 0},
	/* Sign-in brings its own CSRF check: a double-submit cookie, since no session exists yet. */
	{"GET", "/login", crm_h_login_page, CRM_PERM_PUBLIC, 0},
	{"POST", "/login", crm_h_login_post, CRM_PERM_PUBLIC, 0},
	{"POST", "/logout", crm_h_logout, "core.session", 0},
	{"GET", "/profile/password", crm_h_password_page, "core.self", 0},
	{"POST", "/profile/password", crm_h_password_post, "core.self", 0},
	{"GET", "/notifications", crm_h_notifications, "core.self", 0},
	{"POST", "/notifications/{id}/read", crm_h_notification_read, "core.self", 0},
	{"POST", "/notifications/read-all", crm_h_notifications_read_all, "core.self", 0},
	/* records: notes, tags */
	{"POST", "/records/{entity}/{id}/notes", crm_h_record_note, "core.records", 0},
	{"POST", "/records/{entity}/{id}/tags", crm_h_record_tags, "core.records", 0},
	/* files: attachments and photos */
	{"GET", "/records/{entity}/{id}/files", crm_h_files_page, "core.files", 0},
	{"POST", "/records/{entity}/{id}/files", crm_h_file_upload, "core.files", 0},
	{"GET", "/files/{id}", crm_h_file_download, "core.files", 0},
	{"GET", "/files/{id}/delete", crm_h_file_delete_page, "core.files", 0},
	{"POST", "/files/{id}/delete", crm_h_file_delete, "core.files", 0},
	{"GET", "/records/{entity}/{id}/photo", crm_h_photo, "core.files", 0},
	{"POST", "/records/{entity}/{id}/photo", crm_h_photo_set, "core.files", 0},
	{"POST", "/records/{entity}/{id}/photo/delete", crm_h_photo_remove, "core.files", 0},
	/* import and export */
	{"GET", "/import", crm_h_import_index, "core.self", 0},
	{"GET", "/import/{entity}", crm_h_import_new, "core.self", 0},
	{"POST", "/import/{entity}", crm_h_import_upload, "core.self", 0},
	{"GET", "/imports/{id}", crm_h_import_show, "core.self", 0},
	{"POST", "/imports/{id}/start", crm_h_import_start, "core.self", 0},
	{"GET", "/imports/{id}/refused.csv", crm_h_import_refused, "core.self", 0},
};

static const crm_permission permissions[] = {
	{"core.self", "core.perm_self", CRM_PERM_USERS},
	/* Signing out: the one thing a user kept out of the CRM may still do. */
	{"core.session", "core.perm_session", CRM_PERM_USERS},
	{"core.admin", "core.perm_admin", CRM_PERM_ADMINS},
	{"core.owner", "core.perm_owner", CRM_PERM_OWNER},
	/* records */
	/* Notes and tags on records the user may edit (record access decides which). */
	{"core.records", "core.perm_records", CRM_PERM_USERS},
	/* files */
	/* The record's own access decides what a user sees and changes. */
	{"core.files", "core.perm_files", CRM_PERM_USERS},
	/* import and export */
	/* "Export all data": every record the user may read, of every type. */
	{"core.export", "import.perm_export", CRM_PERM_ADMINS},
};

/* import and export: queued imports run in the jobs process, one per tenant at a time. */
static const crm_job jobs[] = {
	{"core.import", 1, crm_import_job},
};

const crm_plugin crm_core_plugin = {
	.abi_major = CRM_ABI_MAJOR,
	.abi_minor = CRM_ABI_MINOR,
	.name = "core",
	.version = CRM_VERSION,
	.title = "core.product",
	.routes = routes,
	.n_routes = CRM_LEN(routes),
	.permissions = permissions,
	.n_permissions = CRM_LEN(permissions),
	.migrations = migrations,
	.n_migrations = CRM_LEN(migrations),
	.jobs = jobs,
	.n_jobs = CRM_LEN(jobs),
};
