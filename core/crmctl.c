/* crmctl: the administrator's command line; same loader and migrations as crmd. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "core.h"
#include "server.h"

static const char usage[] =
	"usage: crmctl [-c CONFIG] COMMAND\n"
	"  migrate [TENANT]                 apply pending migrations (creates databases)\n"
	"  plugin list [-t TENANT]          every plugin: version, status, refusal reason\n"
	"  plugin enable|disable NAME [-t TENANT]\n"
	"  tenant add NAME [DATABASE]       add a tenant to the config, create and migrate it\n"
	"  tenant list\n"
	"  user add LOGIN NAME [-r owner|admin|user] [-e EMAIL] [-t TENANT]   password on stdin\n"
	"  user passwd LOGIN [-t TENANT]                                      password on stdin\n"
	"  user disable|enable LOGIN [-t TENANT]\n"
	"  group add NAME [-t TENANT]\n"
	"  group member GROUP LOGIN [--remove] [-t TENANT]\n";

static const char *tenant_opt(int argc, char **argv, int from)
{
	for (int i = from; i + 1 < argc; i++)
		if (!strcmp(argv[i], "-t"))
			return argv[i + 1];
	return "default";
}

/* A request context for tenant name, outside HTTP. */
static int ctx(crm_req *r, crm_thread *t, const char *tenant)
{
	const crm_tenant_conf *tc = crm_config_tenant(crm_rt.conf, tenant);
	if (!tc) {
		fprintf(stderr, "crmctl: no tenant '%s' in %s\n", tenant, crm_rt.conf->path);
		return -1;
	}
	t->pool = crm_pool_new();
	crm_req_init(r, t, t->pool, NULL);
	r->tenant = (int)(tc - crm_rt.conf->tenants);
	return 0;
}

static void ctx_end(crm_thread *t)
{
	crm_thread_end(t);
	crm_pool_free(t->pool);
}

static int plugin_list(const char *tenant)
{
	crm_thread t = {0};
	crm_req r;
	if (ctx(&r, &t, tenant))
		return 1;
	printf("%-16s %-10s %-9s %s\n", "NAME", "VERSION", "STATUS", "DETAIL");
	for (size_t i = 1; i < crm_rt.n_plugins; i++) {
		const crm_loaded *l = &crm_rt.plugins[i];
		if (l->refused) {
			printf("%-16s %-10s %-9s %s: %s\n", l->desc ? l->desc->name : "?",
			       l->desc ? l->desc->version : "?", "refused", l->path, l->refused);
			continue;
		}
		bool on = crm_plugin_enabled(&r, (int)i);
		if (r.db_failed) {
			fprintf(stderr, "crmctl: the database of tenant %s does not answer\n", tenant);
			ctx_end(&t);
			return 1;
		}
		printf("%-16s %-10s %-9s %s\n", l->desc->name, l->desc->version,
		       on ? "enabled" : "disabled", l->path);
	}
	ctx_end(&t);
	return 0;
}

static int plugin_set(const char *name, bool on, const char *tenant)
{
	crm_thread t = {0};
	crm_req r;
	if (ctx(&r, &t, tenant))
		return 1;
	int rc = crm_plugin_set(&r, name, on);
	ctx_end(&t);
	if (rc == CRM_EINVAL) {
		fprintf(stderr, "crmctl: '%s' is not a loaded plugin that can be switched (see crmctl plugin list)\n", name);
		return 1;
	}
	if (rc < 0) {
		fprintf(stderr, "crmctl: could not store the change\n");
		return 1;
	}
	printf("%s %s for tenant %s\n", name, on ? "enabled" : "disabled", tenant);
	return 0;
}

static const char *opt(int argc, char **argv, int from, const char *flag, const char *def)
{
	for (int i = from; i + 1 < argc; i++)
		if (!strcmp(argv[i], flag))
			return argv[i + 1];
	return def;
}

/* The first line of stdin: passwords never go on the command line, where ps shows them. */
static char *read_password(crm_pool *p)
{
	char buf[512];
	if (!fgets(buf, sizeof buf, stdin))
		return NULL;
	buf[strcspn(buf, "\r\n")] = 0;
	return crm_pstrdup(p, buf);
}

static int fail(crm_req *r, const char *key)
{
	fprintf(stderr, "crmctl: %s\n", crm_i18n_get("en", key ? key : (r->db_failed ? "core.db_down" : "core.internal")));
	return 1;
}

static int user_cmd(int argc, char **argv, int i)
{
	const char *sub = argv[i + 1], *login = i + 2 < argc ? argv[i + 2] : NULL;
	if (!login)
		return 2;
	crm_thread t = {0};
	crm_req r;
	if (ctx(&r, &t, tenant_opt(argc, argv, i + 3)))
		return 1;
	int rc = 2;
	const char *err = NULL;
	if (!strcmp(sub, "add") && i + 3 < argc) {
		int64_t id = crm_user_add(&r, login, argv[i + 3], opt(argc, argv, i + 4, "-e", ""),
					  opt(argc, argv, i + 4, "-r", CRM_ROLE_USER), read_password(r.pool), &err);
		rc = id > 0 ? (printf("user %s added (id %lld)\n", login, (long long)id), 0) : fail(&r, err);
	} else if (!strcmp(sub, "passwd") || !strcmp(sub, "disable") || !strcmp(sub, "enable")) {
		int64_t id = crm_user_find(&r, login);
		if (id <= 0)
			rc = fail(&r, r.db_failed ? NULL : "core.not_found");
		else if (!strcmp(sub, "passwd"))
			rc = crm_user_password(&r, id, read_password(r.pool), &err) ? fail(&r, err) : 0;
		else
			rc = crm_user_set_active(&r, id, !strcmp(sub, "enable")) ? fail(&r, NULL) : 0;
		if (!rc)
			printf("user %s: %s done\n", login, sub);
	}
	ctx_end(&t);
	return rc;
}

static int group_cmd(int argc, char **argv, int i)
{
	const char *sub = argv[i + 1], *name = i + 2 < argc ? argv[i + 2] : NULL;
	if (!name)
		return 2;
	crm_thread t = {0};
	crm_req r;
	if (ctx(&r, &t, tenant_opt(argc, argv, i + 3)))
		return 1;
	int rc = 2;
	const char *err = NULL;
	if (!strcmp(sub, "add")) {
		int64_t id = crm_group_add(&r, name, &err);
		rc = id > 0 ? (printf("group %s added (id %lld)\n", name, (long long)id), 0) : fail(&r, err);
	} else if (!strcmp(sub, "member") && i + 3 < argc) {
		crm_rows *g = crm_db_query(&r, "SELECT id FROM crm_group WHERE name = ?", "s", name);
		int64_t uid = crm_user_find(&r, argv[i + 3]);
		bool remove = false;
		for (int k = i + 4; k < argc; k++)
			remove |= !strcmp(argv[k], "--remove");
		if (!g || !g->n_rows || uid <= 0)
			rc = fail(&r, r.db_failed ? NULL : "core.not_found");
		else
			rc = crm_group_member(&r, atoll(crm_rows_get(g, 0, 0)), uid, !remove) ? fail(&r, NULL) : 0;
		if (!rc)
			printf("%s %s group %s\n", argv[i + 3], remove ? "left" : "joined", name);
	}
	ctx_end(&t);
	return rc;
}

static int tenant_add(const char *name, const char *database)
{
	if (crm_config_tenant(crm_rt.conf, name)) {
		fprintf(stderr, "crmctl: tenant '%s' already exists\n", name);
		return 1;
	}
	size_t len = strlen(name);
	if (!len || len > 32 || strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_") != len ||
	    (database && strspn(database, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(database))) {
		fprintf(stderr, "crmctl: tenant and database names use a-z, 0-9 and _ (at most 32)\n");
		return 1;
	}
	char db[80];
	snprintf(db, sizeof db, "crm_%s", name);
	FILE *f = fopen(crm_rt.conf->path, "a");
	if (!f) {
		perror(crm_rt.conf->path);
		return 1;
	}
	fprintf(f, "\n[tenant %s]\ndatabase = %s\n", name, database ? database : db);
	fclose(f);
	char err[512];
	crm_config *fresh = crm_config_load(crm_rt.conf->path, err, sizeof err);
	if (!fresh) {
		fprintf(stderr, "crmctl: %s (fix the config file by hand)\n", err);
		return 1;
	}
	crm_rt.conf = fresh;
	const crm_tenant_conf *t = crm_config_tenant(fresh, name);
	if (crm_migrate_tenant(fresh, t, true, err, sizeof err)) {
		fprintf(stderr, "crmctl: %s\n", err);
		return 1;
	}
	/* A running crmd serves the new tenant once it rereads the config. */
	FILE *pf = fresh->pid_file ? fopen(fresh->pid_file, "r") : NULL;
	int pid = 0;
	if (pf && fscanf(pf, "%d", &pid) == 1 && pid > 0 && !kill(pid, SIGHUP))
		printf("crmd (pid %d) reloaded\n", pid);
	if (pf)
		fclose(pf);
	printf("tenant %s added with database %s\n", name, t->database);
	return 0;
}

int main(int argc, char **argv)
{
	const char *path = "/etc/crm/crm.conf";
	int i = 1;
	if (i + 1 < argc && !strcmp(argv[i], "-c")) {
		path = argv[i + 1];
		i += 2;
	}
	if (i >= argc) {
		fputs(usage, stderr);
		return 2;
	}
	char err[512];
	crm_config *conf = crm_config_load(path, err, sizeof err);
	if (!conf) {
		fprintf(stderr, "crmctl: %s\n", err);
		return 1;
	}
	if (crm_runtime_start(conf, false)) {
		fprintf(stderr, "crmctl: the runtime did not start (see the messages above)\n");
		crm_config_free(conf);
		return 1;
	}
	const char *cmd = argv[i], *sub = i + 1 < argc ? argv[i + 1] : "";
	int rc = 2;
	if (!strcmp(cmd, "migrate")) {
		if (i + 1 < argc) {
			const crm_tenant_conf *t = crm_config_tenant(conf, argv[i + 1]);
			rc = !t || crm_migrate_tenant(conf, t, true, err, sizeof err);
			if (rc)
				fprintf(stderr, "crmctl: %s\n", t ? err : "no such tenant");
		} else {
			rc = crm_migrate_all(conf, true) ? 1 : 0;
		}
	} else if (!strcmp(cmd, "plugin") && !strcmp(sub, "list")) {
		rc = plugin_list(tenant_opt(argc, argv, i + 2));
	} else if (!strcmp(cmd, "plugin") && (!strcmp(sub, "enable") || !strcmp(sub, "disable")) &&
		   i + 2 < argc) {
		rc = plugin_set(argv[i + 2], !strcmp(sub, "enable"), tenant_opt(argc, argv, i + 3));
	} else if (!strcmp(cmd, "tenant") && !strcmp(sub, "add") && i + 2 < argc) {
		rc = tenant_add(argv[i + 2], i + 3 < argc ? argv[i + 3] : NULL);
	} else if (!strcmp(cmd, "user") && *sub) {
		rc = user_cmd(argc, argv, i);
		if (rc == 2)
			fputs(usage, stderr);
	} else if (!strcmp(cmd, "group") && *sub) {
		rc = group_cmd(argc, argv, i);
		if (rc == 2)
			fputs(usage, stderr);
	} else if (!strcmp(cmd, "tenant") && !strcmp(sub, "list")) {
		for (size_t k = 0; k < crm_rt.conf->n_tenants; k++)
			printf("%-16s %s\n", crm_rt.conf->tenants[k].name, crm_rt.conf->tenants[k].database);
		rc = 0;
	} else {
		fputs(usage, stderr);
	}
	crm_config *last = crm_rt.conf;
	crm_runtime_stop();
	if (last != conf)
		crm_config_free(last);
	crm_config_free(conf);
	return rc;
}
