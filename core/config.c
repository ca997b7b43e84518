/* Reading the INI-style configuration; unknown keys are errors so typos show. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "config.h"

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	char *e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = 0;
	return s;
}

static void set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = strdup(v);
}

static int set_num(size_t *dst, const char *v)
{
	char *end;
	errno = 0;
	unsigned long long n = strtoull(v, &end, 0);
	if (errno || *end || !*v)
		return -1;
	*dst = (size_t)n;
	return 0;
}

static int apply(crm_config *c, const char *section, const char *k, const char *v)
{
	size_t n;
	if (!strcmp(section, "server")) {
		struct { const char *key; char **dst; } strs[] = {
			{"socket", &c->socket}, {"pid_file", &c->pid_file},
			{"log_file", &c->log_file}, {"plugins_dir", &c->plugins_dir},
			{"data_dir", &c->data_dir}, {"plugin_data", &c->plugin_data}, {"theme", &c->theme},
			{"files_dir", &c->files_dir}, {"locale", &c->locale},
		};
		for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
			if (!strcmp(k, strs[i].key)) {
				set_str(strs[i].dst, v);
				return 0;
			}
		if (set_num(&n, v))
			return -1;
		if (!strcmp(k, "socket_mode")) c->socket_mode = (unsigned)strtoul(v, NULL, 8);
		else if (!strcmp(k, "workers")) c->workers = (int)n;
		else if (!strcmp(k, "threads")) c->threads = (int)n;
		else if (!strcmp(k, "max_body")) c->max_body = n;
		else if (!strcmp(k, "max_fields")) c->max_fields = n;
		else if (!strcmp(k, "max_field_len")) c->max_field_len = n;
		else if (!strcmp(k, "attachment_max")) c->attachment_max = n;
		else if (!strcmp(k, "session_idle")) c->session_idle = (unsigned)n;
		else if (!strcmp(k, "session_max")) c->session_max = (unsigned)n;
		else return -1;
		return 0;
	}
	if (!strcmp(section, "db")) {
		if (!strcmp(k, "socket")) set_str(&c->db_socket, v);
		else if (!strcmp(k, "host")) set_str(&c->db_host, v);
		else if (!strcmp(k, "user")) set_str(&c->db_user, v);
		else if (!strcmp(k, "password")) set_str(&c->db_password, v);
		else if (set_num(&n, v)) return -1;
		else if (!strcmp(k, "port")) c->db_port = (unsigned)n;
		else if (!strcmp(k, "connect_timeout")) c->db_connect_timeout = (unsigned)n;
		else if (!strcmp(k, "read_timeout")) c->db_read_timeout = (unsigned)n;
		else return -1;
		return 0;
	}
	if (!strncmp(section, "tenant ", 7) && !strcmp(k, "database")) {
		set_str(&c->tenants[c->n_tenants - 1].database, v);
		return 0;
	}
	return -1;
}

static int valid_name(const char *s)
{
	if (!*s || strlen(s) > 32)
		return 0;
	for (; *s; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != '_')
			return 0;
	return 1;
}

crm_config *crm_config_load(const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	crm_config *c = calloc(1, sizeof *c);
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	c->path = strdup(path);
	c->socket = strdup("/run/crmd/crmd.sock");
	c->socket_mode = 0660;
	c->plugins_dir = strdup("/usr/lib/crm/plugins");
	c->data_dir = strdup("/usr/share/crm");
	c->theme = strdup("default");
	c->files_dir = strdup("/var/lib/crm/files");
	c->locale = strdup("en");
	c->threads = 16;
	c->max_body = 11 << 20; /* an attachment_max file and the form around it */
	c->max_fields = 1000;
	c->max_field_len = 1 << 20;
	c->attachment_max = 10 << 20;
	c->session_idle = 8 * 3600;
	c->session_max = 30 * 24 * 3600;
	c->db_user = strdup("crm");
	c->db_port = 3306;
	c->db_connect_timeout = 1;
	c->db_read_timeout = 30;
	char line[1024], section[64] = "";
	int lineno = 0, bad = 0;
	while (!bad && fgets(line, sizeof line, f)) {
		lineno++;
		char *hash = strchr(line, '#');
		if (hash)
			*hash = 0;
		char *s = trim(line);
		if (!*s)
			continue;
		if (*s == '[') {
			char *e = strchr(s, ']');
			if (!e) {
				bad = 1;
				break;
			}
			*e = 0;
			snprintf(section, sizeof section, "%s", trim(s + 1));
			if (!strncmp(section, "tenant ", 7)) {
				const char *name = trim(section + 7);
				if (!valid_name(name) || crm_config_tenant(c, name) ||
				    c->n_tenants == CRM_MAX_TENANTS) {
					bad = 1;
					break;
				}
				c->tenants[c->n_tenants].name = strdup(name);
				c->tenants[c->n_tenants++].database = NULL;
				snprintf(section, sizeof section, "tenant %s", name);
			} else if (strcmp(section, "server") && strcmp(section, "db")) {
				bad = 1;
			}
			continue;
		}
		char *eq = strchr(s, '=');
		if (!eq || !*section) {
			bad = 1;
			break;
		}
		*eq = 0;
		if (apply(c, section, trim(s), trim(eq + 1)))
			bad = 1;
	}
	fclose(f);
	if (bad) {
		snprintf(err, errlen, "%s:%d: not understood", path, lineno);
		crm_config_free(c);
		return NULL;
	}
	for (size_t i = 0; i < c->n_tenants; i++)
		if (!c->tenants[i].database || !valid_name(c->tenants[i].database)) {
			snprintf(err, errlen, "%s: tenant %s needs a database name ([a-z0-9_])",
				 path, c->tenants[i].name);
			crm_config_free(c);
			return NULL;
		}
	if (!c->n_tenants) {
		snprintf(err, errlen, "%s: no [tenant NAME] section", path);
		crm_config_free(c);
		return NULL;
	}
	if (!c->plugin_data) {
		size_t n = strlen(c->data_dir) + 9;
		c->plugin_data = malloc(n);
		snprintf(c->plugin_data, n, "%s/plugins", c->data_dir);
	}
	if (c->workers <= 0)
		c->workers = ncpu > 0 ? (int)ncpu : 1;
	if (c->threads <= 0)
		c->threads = 1;
	return c;
}

void crm_config_free(crm_config *c)
{
	if (!c)
		return;
	char **strs[] = {&c->path, &c->socket, &c->pid_file, &c->log_file, &c->plugins_dir,
			 &c->data_dir, &c->plugin_data, &c->theme, &c->files_dir, &c->locale, &c->db_socket,
			 &c->db_host, &c->db_user, &c->db_password};
	for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
		free(*strs[i]);
	for (size_t i = 0; i < c->n_tenants; i++) {
		free(c->tenants[i].name);
		free(c->tenants[i].database);
	}
	free(c);
}

const crm_tenant_conf *crm_config_tenant(const crm_config *c, const char *name)
{
	for (size_t i = 0; i < c->n_tenants; i++)
		if (!strcmp(c->tenants[i].name, name))
			return &c->tenants[i];
	return NULL;
}
