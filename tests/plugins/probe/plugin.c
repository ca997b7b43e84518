/* probe: a test plugin that shows the system tests what the core handed it
 * (fields, uploads), sleeps on demand, queries the database and stores notes. */
#include <crm/crm.h>
#include "migrations.inc"

int probe_echo_page(crm_req *r);
int probe_echo_text(crm_req *r);
int probe_slow(crm_req *r);
int probe_pid(crm_req *r);
int probe_db(crm_req *r);
int probe_note_add(crm_req *r);
int probe_notes_clear(crm_req *r);
int probe_secret(crm_req *r);
int probe_sandbox(crm_req *r);

static const crm_route routes[] = {
	{"GET", "/probe/echo", probe_echo_page, CRM_PERM_PUBLIC, 0},
	{"POST", "/probe/echo", probe_echo_page, CRM_PERM_PUBLIC, 0},
	{"GET", "/probe/echo.txt", probe_echo_text, CRM_PERM_PUBLIC, 0},
	{"POST", "/probe/echo.txt", probe_echo_text, CRM_PERM_PUBLIC, 0},
	{"GET", "/probe/slow", probe_slow, CRM_PERM_PUBLIC, 0},
	{"GET", "/probe/pid", probe_pid, CRM_PERM_PUBLIC, 0},
	{"GET", "/probe/db", probe_db, CRM_PERM_PUBLIC, 0},
	/* Public, so tests can prove refused input never reaches the table. */
	{"POST", "/probe/notes", probe_note_add, CRM_PERM_PUBLIC, 0},
	/* Not public: without the session's CSRF token it must never run. */
	{"POST", "/probe/notes/clear", probe_notes_clear, "probe.write", 0},
	{"GET", "/probe/secret", probe_secret, "probe.secret", 0},
	{"GET", "/probe/sandbox", probe_sandbox, CRM_PERM_PUBLIC, 0},
};

static const crm_permission permissions[] = {
	/* Admins only: a plain signed-in user is refused. */
	{.name = "probe.secret", .title = "probe.perm_secret", .flags = CRM_PERM_ADMINS},
	/* Every signed-in user: only the CSRF check stands in the way. */
	{.name = "probe.write", .title = "probe.perm_write", .flags = CRM_PERM_USERS},
};

static const crm_plugin probe = {
	.abi_major = CRM_ABI_MAJOR,
	.abi_minor = CRM_ABI_MINOR,
	.name = "probe",
	.version = "1.0.0",
	.title = "probe.title",
	.routes = routes, .n_routes = CRM_LEN(routes),
	.migrations = migrations, .n_migrations = CRM_LEN(migrations),
	.permissions = permissions, .n_permissions = CRM_LEN(permissions),
};

CRM_PLUGIN(probe)
