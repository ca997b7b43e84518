/* The configuration file crmd and crmctl read (format: docs/crm.conf.example). */
#ifndef CRM_CONFIG_H
#define CRM_CONFIG_H

#include <stddef.h>

#define CRM_MAX_TENANTS 64

typedef struct crm_tenant_conf {
	char *name, *database;
} crm_tenant_conf;

typedef struct crm_config {
	char *path;
	char *socket, *pid_file, *log_file, *plugins_dir, *data_dir, *plugin_data, *theme, *files_dir, *locale;
	unsigned socket_mode;
	int workers, threads;
	size_t max_body, max_fields, max_field_len;
	size_t attachment_max; /* bytes of one attached file */
	unsigned session_idle, session_max; /* seconds */
	char *db_socket, *db_host, *db_user, *db_password;
	unsigned db_port, db_connect_timeout, db_read_timeout;
	crm_tenant_conf tenants[CRM_MAX_TENANTS];
	size_t n_tenants;
} crm_config;

/* Parse path; on error returns NULL and a message in err. */
crm_config *crm_config_load(const char *path, char *err, size_t errlen);
void crm_config_free(crm_config *c);
/* The tenant of that name, or NULL. */
const crm_tenant_conf *crm_config_tenant(const crm_config *c, const char *name);

#endif
