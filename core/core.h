/* The runtime's internal state, shared by its files; plugins never see this. */
#ifndef CRM_CORE_H
#define CRM_CORE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <fcgiapp.h>
#include <libxslt/xsltInternals.h>
#include "crm/crm.h"
#include "config.h"

#define CRM_MAX_PLUGINS 128
#define CRM_MAX_ARGS 8

typedef struct crm_loaded {
	const crm_plugin *desc;
	char *path;          /* NULL for the core itself */
	char *refused;       /* why it was refused, or NULL */
	void *handle;
} crm_loaded;

typedef struct crm_route_ent {
	const crm_route *route;
	int plugin;          /* index in crm_rt.plugins */
	int literal_segments;
} crm_route_ent;

typedef struct crm_runtime {
	crm_config *conf;
	crm_loaded plugins[CRM_MAX_PLUGINS];
	size_t n_plugins;    /* [0] is the core */
	crm_route_ent *routes;
	size_t n_routes;
	xsltStylesheetPtr sheet;
	struct crm_metrics *metrics; /* shared memory, NULL outside crmd */
	struct crm_switches *switches; /* modules.c: shared, NULL when not mapped */
} crm_runtime;

extern crm_runtime crm_rt;

typedef struct crm_db crm_db;

/* Per-thread state: a connection per tenant, created on first use. */
typedef struct crm_thread {
	crm_db *db[CRM_MAX_TENANTS];
	crm_pool *pool;
	struct magic_set *magic; /* files.c: libmagic, loaded on first use */
} crm_thread;

typedef struct crm_hdr {
	const char *name, *value;
	struct crm_hdr *next;
} crm_hdr;

struct crm_req {
	crm_pool *pool;
	crm_thread *thread;
	FCGX_Request *fcgi;      /* NULL in jobs and crmctl */
	const char *method, *path, *query_string;
	crm_field *query, *form, *cookies;
	const char *arg_names[CRM_MAX_ARGS], *arg_values[CRM_MAX_ARGS];
	int n_args;
	int tenant;              /* index in conf->tenants */
	const char *locale;
	int64_t user;
	const char *role, *user_name, *csrf, *grants; /* grants: ",perm,perm," from groups */
	const char *timezone;    /* the user's time zone name, NULL for anonymous */
	const char *session_hash; /* SHA-256 of the session token */
	bool locked_out;         /* access to the CRM is restricted and this user is not let in */
	long unread;             /* unread notifications, for the bell */
	int route;               /* index in crm_rt.routes, -1 before routing */
	signed char *enabled;    /* per plugin: 1/0, NULL until first asked */
	bool switched;           /* crm_plugin_set ran: no cached switches from here on */
	const char *raw_body;    /* a body that is neither urlencoded nor multipart */
	size_t raw_len;
	bool db_failed;          /* a statement found the database gone */
	bool lock_lost;          /* a deadlock or lock wait timeout: this attempt is over */
	bool in_tx;
	/* the answer */
	int status;
	xmlDocPtr page;
	xmlNodePtr content;
	const char *body;
	size_t body_len;
	const char *content_type;
	crm_hdr *headers;
	crm_field *flash;        /* kind in name, key in value */
	bool answered;
	const char *phone_region; /* phone.c: the tenant's phone.country, read once */
	struct crm_import_notes *import_notes; /* import-run.c: an import's notifications to send */
	struct crm_zone *zone;   /* time.c: the user's time zone, opened on first use */
};

/* request.c */
void crm_req_init(crm_req *r, crm_thread *t, crm_pool *pool, FCGX_Request *fcgi);
/* Parse the FastCGI input; 0, or an HTTP status (400, 413) with the error key in *key. */
int crm_req_parse(crm_req *r, const char **key);
bool crm_plugin_enabled(crm_req *r, int plugin);

/* modules.c: the per-tenant plugin-switch generations shared by the processes of a
 * host. Map the file beside c->socket (create: the crmd master, before forking);
 * 0, or -1 when it cannot (then every request reads the table). */
int crm_switches_open(const crm_config *c, bool create);
void crm_switches_close(const crm_config *c, bool remove);
unsigned long long crm_switches_gen(int tenant);
void crm_switches_bump(int tenant);

/* db.c */
int crm_db_global_init(void);
void crm_db_global_end(void);
crm_db *crm_db_open(const crm_config *c, const char *database, char *err, size_t errlen);
void crm_db_close(crm_db *db);
/* The request's connection, (re)connecting as needed; NULL when the database is down. */
crm_db *crm_db_get(crm_req *r);
/* After a lost lock: end what is left of the transaction, so statements run again. */
void crm_db_lock_reset(crm_req *r);
/* Run SQL text as it is (migrations only). */
int crm_db_raw(crm_db *db, const char *sql, char *err, size_t errlen);
void crm_thread_end(crm_thread *t);

/* plugin.c */
int crm_plugins_load(const crm_config *c, bool log_refusals);
void crm_plugins_unload(void);
int crm_plugin_index(const char *name);
/* The folder holding a plugin's xsl/ and i18n/. */
void crm_plugin_data_dir(const crm_config *c, const char *name, char *buf, size_t len);

/* router.c */
int crm_router_build(void);
/* Route index, or -404 / -405 (then *allow lists the methods). */
int crm_router_match(crm_req *r, const char **allow);

/* render.c, i18n.c */
int crm_render_init(const crm_config *c);
void crm_render_end(void);
/* The page as HTML, copied into the request's pool; 0, or -1 when it cannot be rendered. */
int crm_render_page(crm_req *r, const char **out, size_t *len);
int crm_i18n_load(const crm_config *c);
void crm_i18n_end(void);
const char *crm_i18n_get(const char *locale, const char *key);
const char *crm_locale_pick(const char *accept_language, const char *fallback);

/* session.c: the session from the cookie; users.c: argon2id hashes. */
int crm_session_load(crm_req *r);
int crm_session_start(crm_req *r, int64_t user_id);
void crm_session_end(crm_req *r);
bool crm_csrf_ok(crm_req *r);
const char *crm_token_hash(crm_pool *p, const char *token);
char *crm_random_token(crm_pool *p);

/* response.c, dispatch.c */
void crm_dispatch(crm_req *r);
void crm_respond(crm_req *r);

/* migrate.c: 0, or -1 with a message in err naming the migration. */
int crm_migrate_tenant(const crm_config *c, const crm_tenant_conf *t, bool create,
		       char *err, size_t errlen);
int crm_sha256_hex(const char *s, char out[65]);
/* The next statement of a migration's SQL, cut in place from *cursor: statements end
 * with ";" at the end of a line (a "-- comment" may follow it); those made only of
 * blanks and comments are skipped. NULL when none is left. */
char *crm_sql_next(char **cursor);

/* files.c: close the thread's libmagic handle (crm_thread_end calls it). */
void crm_files_thread_end(crm_thread *t);
/* files.c: the MIME type of bytes by their content (libmagic, one handle per thread),
 * never by the name the client gave; "application/octet-stream" when unknown. */
const char *crm_sniff_type(crm_req *r, const void *data, size_t len);

/* builtin.c: the core's own descriptor (its routes and sql/ migrations). */
extern const crm_plugin crm_core_plugin;

/* metrics.c */
struct crm_metrics *crm_metrics_create(void);
void crm_metrics_destroy(struct crm_metrics *m);
void crm_metrics_record(const char *method, const char *pattern, int status, double seconds);
void crm_metrics_workers(int alive);
char *crm_metrics_text(crm_pool *p, size_t *len);

/* entity.c: what the record services (tags, history, fields, links, merge) share. */
/* An entity type of an accepted plugin enabled for the request's tenant, or NULL. */
const crm_entity_type *crm_entity_find(crm_req *r, const char *name);
/* The type named by a record service's {entity} argument when it exists and the user may
 * write its record {id} (*id); else NULL with *rc CRM_ENOTFOUND, or CRM_EDB. */
const crm_entity_type *crm_entity_writable(crm_req *r, int64_t *id, int *rc);
/* The local URL of record id of type t ("/contacts/12"). */
const char *crm_entity_url(crm_req *r, const crm_entity_type *t, int64_t id);
/* Whether s may go into SQL text as a name or a quoted constant: [a-z0-9_], 1..48 bytes. */
bool crm_sql_name(const char *s);
/* [[id, "string"], ...] of n pairs (NULL strings as ""), for JSON_TABLE. */
const char *crm_json_id_strings(crm_pool *p, const int64_t *ids, const char *const *s, size_t n);
/* Whether node is a <form> or inside one (the record services' form use). */
bool crm_xml_in_form(xmlNodePtr node);
/* fields.c: the stored form of typed for a custom field of type (text, number, date,
 * checkbox; a list's choices are the caller's to check) in *out, "" when empty: NULL,
 * or an i18n key saying what is wrong. */
const char *crm_field_value(crm_pool *p, const char *type, const char *typed, const char **out);
/* The error a failed statement of this request stands for: CRM_EDB when the database
 * is gone, CRM_EINTERNAL otherwise. */
static inline int crm_db_err(crm_req *r)
{
	return r->db_failed ? CRM_EDB : CRM_EINTERNAL;
}

#endif
