/* What the admin pages see of the loader: every plugin's state, the switch, permissions;
 * and the switch generations that keep the workers' caches of the switches honest. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "core.h"

/* One counter per tenant (by its database's name, hashed: a collision only costs a
 * needless re-read) in a small file beside the socket. The crmd master maps it shared
 * before forking, so every worker and the jobs process see the same page; whoever
 * switches a plugin (a worker for the admin pages, crmctl) bumps it, and a worker whose
 * cached set (crm_plugin_enabled) is older reads the table again on its next request. */
#define SWITCH_MAGIC 0x63726d2d73770001ull
#define SWITCH_SLOTS 256

struct crm_switches {
	unsigned long long magic;
	atomic_ullong gen[SWITCH_SLOTS];
};

static void switches_path(const crm_config *c, char *buf, size_t len)
{
	snprintf(buf, len, "%s.plugins", c->socket);
}

int crm_switches_open(const crm_config *c, bool create)
{
	if (crm_rt.switches)
		return 0;
	char path[4096];
	switches_path(c, path, sizeof path);
	int fd = open(path, (create ? O_RDWR | O_CREAT : O_RDWR) | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	struct stat st;
	size_t size = sizeof(struct crm_switches);
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || (!create && (size_t)st.st_size != size) ||
	    (create && (size_t)st.st_size != size && (ftruncate(fd, 0) || ftruncate(fd, (off_t)size)))) {
		close(fd);
		return -1;
	}
	struct crm_switches *m = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (m == MAP_FAILED)
		return -1;
	if (create)
		m->magic = SWITCH_MAGIC;
	if (m->magic != SWITCH_MAGIC) {
		munmap(m, size);
		return -1;
	}
	crm_rt.switches = m;
	return 0;
}

void crm_switches_close(const crm_config *c, bool remove)
{
	if (crm_rt.switches)
		munmap(crm_rt.switches, sizeof(struct crm_switches));
	crm_rt.switches = NULL;
	if (remove) {
		char path[4096];
		switches_path(c, path, sizeof path);
		unlink(path);
	}
}

static atomic_ullong *slot(int tenant)
{
	unsigned h = 2166136261u;
	for (const char *s = crm_rt.conf->tenants[tenant].database; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return &crm_rt.switches->gen[h % SWITCH_SLOTS];
}

unsigned long long crm_switches_gen(int tenant)
{
	return crm_rt.switches ? atomic_load(slot(tenant)) : 0;
}

void crm_switches_bump(int tenant)
{
	/* crmctl, or a crmd whose master could not create the file: map it if it is there. */
	if (!crm_rt.switches)
		crm_switches_open(crm_rt.conf, false);
	if (crm_rt.switches)
		atomic_fetch_add(slot(tenant), 1);
}

size_t crm_plugins(crm_req *r, crm_plugin_info *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 1; i < crm_rt.n_plugins && n < max; i++) {
		const crm_loaded *l = &crm_rt.plugins[i];
		out[n++] = (crm_plugin_info){
			.name = l->desc ? l->desc->name : NULL,
			.version = l->desc ? l->desc->version : NULL,
			.title = l->desc ? l->desc->title : NULL,
			.path = l->path,
			.refused = l->refused,
			.enabled = !l->refused && crm_plugin_enabled(r, (int)i),
			.required = l->desc && (l->desc->flags & CRM_PLUGIN_REQUIRED),
		};
	}
	return n;
}

int crm_plugin_set(crm_req *r, const char *name, int enabled)
{
	int i = crm_plugin_index(name ? name : "");
	if (i <= 0 || (crm_rt.plugins[i].desc->flags & CRM_PLUGIN_REQUIRED))
		return CRM_EINVAL;
	/* From here on this request reads the table itself, never a cached set: it may
	 * hold an uncommitted change, and the audit wants the state as it is. */
	r->switched = true;
	r->enabled = NULL;
	bool was = crm_plugin_enabled(r, i);
	if (crm_db_exec(r, "INSERT INTO crm_plugin (name, enabled) VALUES (?, ?) "
			   "ON DUPLICATE KEY UPDATE enabled = VALUES(enabled)",
			"si", name, (int64_t)!!enabled) < 0)
		return CRM_EDB;
	/* Now, and again once the handler is done (crm_dispatch), in case a transaction
	 * committed the change later: a set cached in between is dropped then. */
	crm_switches_bump(r->tenant);
	r->enabled = NULL; /* the menu of this very answer follows the change */
	if (was != !!enabled)
		crm_audit(r, "plugin.switch", "plugin", 0, name, was ? "enabled" : "disabled",
			  enabled ? "enabled" : "disabled");
	return 0;
}

size_t crm_permissions(crm_req *r, const crm_permission **out, size_t max)
{
	(void)r;
	size_t n = 0;
	for (size_t i = 0; i < crm_rt.n_plugins; i++) {
		const crm_loaded *l = &crm_rt.plugins[i];
		if (l->refused)
			continue;
		for (size_t j = 0; j < l->desc->n_permissions && n < max; j++)
			out[n++] = &l->desc->permissions[j];
	}
	return n;
}
