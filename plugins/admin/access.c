/* /admin/access: who may use the CRM (ADM-3). Mode "all" lets every active user in;
 * "chosen" only the users and groups listed in crm_access. The core enforces it on
 * every request and always lets owners in, so the owner cannot lock himself out. */
#include <stdlib.h>
#include <string.h>
#include "admin.h"

static int access_page(crm_req *r, const char *typed_login, const char *e_login)
{
	crm_rows *mode = crm_db_query(r, "SELECT value FROM crm_setting WHERE name = 'access.mode'", NULL);
	crm_rows *allowed = crm_db_query(r,
		"SELECT a.id, a.user_id, a.group_id, u.login, u.name AS user_name, u.active, g.name AS group_name "
		"FROM crm_access a LEFT JOIN crm_user u ON u.id = a.user_id LEFT JOIN crm_group g ON g.id = a.group_id "
		"ORDER BY a.group_id IS NULL, g.name, u.name, a.id", NULL);
	crm_rows *groups = crm_db_query(r,
		"SELECT g.id, g.name FROM crm_group g WHERE NOT EXISTS "
		"(SELECT 1 FROM crm_access a WHERE a.group_id = g.id) ORDER BY g.name", NULL);
	if (!mode || !allowed || !groups)
		return CRM_EDB;
	xmlNodePtr c = admin_page(r, "admin.access", "admin.access_title", "/admin/access");
	const char *m = mode->n_rows ? crm_rows_get(mode, 0, 0) : "all";
	crm_xml_attr(crm_xml_add(c, "mode", NULL), "value", strcmp(m, "chosen") ? "all" : "chosen");
	crm_rows_xml(allowed, crm_xml_add(c, "allowed", NULL), "entry");

	xmlNodePtr f = crm_form(crm_xml_add(c, "add_user", NULL), "/admin/access/users");
	crm_xml_attr(f, "class", "inline");
	xmlNodePtr x = crm_form_field(f, "login", "admin.access_user", "text", typed_login);
	crm_xml_attr(x, "required", "1");
	crm_xml_attr(x, "autocomplete", "off");
	crm_xml_attr(x, "error", e_login);
	crm_form_submit(f, "admin.access_add");
	if (e_login)
		admin_form_failed(r, f);

	/* The group picker is drawn by admin's own template: the widget would pass group
	 * names, people's text, through the catalog as if they were keys. */
	crm_rows_xml(groups, crm_xml_add(c, "groups", NULL), "group");
	return 0;
}

int admin_access(crm_req *r)
{
	return access_page(r, NULL, NULL);
}

int admin_access_mode(crm_req *r)
{
	const char *mode = crm_input(r, "mode");
	if (strcmp(mode, "all") && strcmp(mode, "chosen")) {
		crm_flash(r, "error", "admin.access_mode_invalid");
		return crm_redirect(r, "/admin/access");
	}
	if (crm_db_begin(r) < 0)
		return CRM_EDB;
	crm_rows *cur = crm_db_query(r, "SELECT value FROM crm_setting WHERE name = 'access.mode' FOR UPDATE", NULL);
	if (!cur)
		return CRM_EDB;
	const char *old = cur->n_rows ? crm_rows_get(cur, 0, 0) : "all";
	if (strcmp(old, mode) &&
	    (crm_db_exec(r, "INSERT INTO crm_setting (name, value) VALUES ('access.mode', ?) "
			    "ON DUPLICATE KEY UPDATE value = VALUES(value)", "s", mode) < 0 ||
	     crm_audit(r, "access.mode", "access", 0, "mode", old, mode) < 0))
		return CRM_EDB;
	if (crm_db_commit(r) < 0)
		return CRM_EDB;
	crm_flash(r, "ok", "core.saved");
	return crm_redirect(r, "/admin/access");
}

int admin_access_add_user(crm_req *r)
{
	const char *login = crm_input(r, "login");
	int64_t user = crm_user_find(r, login);
	if (user <= 0)
		return access_page(r, login, "admin.no_such_login");
	int64_t n = crm_db_exec(r, "INSERT IGNORE INTO crm_access (user_id) VALUES (?)", "i", user);
	if (n < 0 || (n && crm_audit(r, "access.add", "user", user, "access", NULL, login) < 0))
		return CRM_EDB;
	crm_flash(r, "ok", "admin.access_added");
	return crm_redirect(r, "/admin/access");
}

int admin_access_add_group(crm_req *r)
{
	int64_t group = atoll(crm_input(r, "group"));
	crm_rows *g = crm_db_query(r, "SELECT name FROM crm_group WHERE id = ?", "i", group);
	if (!g)
		return CRM_EDB;
	if (!g->n_rows) {
		crm_flash(r, "error", "admin.no_such_group");
		return crm_redirect(r, "/admin/access");
	}
	int64_t n = crm_db_exec(r, "INSERT IGNORE INTO crm_access (group_id) VALUES (?)", "i", group);
	if (n < 0 || (n && crm_audit(r, "access.add", "group", group, "access", NULL, crm_rows_get(g, 0, 0)) < 0))
		return CRM_EDB;
	crm_flash(r, "ok", "admin.access_added");
	return crm_redirect(r, "/admin/access");
}

int admin_access_remove(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	crm_rows *a = crm_db_query(r,
		"SELECT a.user_id, a.group_id, u.login, g.name FROM crm_access a LEFT JOIN crm_user u ON u.id = a.user_id "
		"LEFT JOIN crm_group g ON g.id = a.group_id WHERE a.id = ?", "i", id);
	if (!a)
		return CRM_EDB;
	if (!a->n_rows)
		return crm_error(r, 404, "core.not_found");
	bool is_user = crm_rows_get(a, 0, 0) != NULL;
	int64_t who = atoll(crm_rows_get(a, 0, is_user ? 0 : 1));
	int64_t n = crm_db_exec(r, "DELETE FROM crm_access WHERE id = ?", "i", id);
	if (n < 0 || (n && crm_audit(r, "access.remove", is_user ? "user" : "group", who, "access",
				    crm_rows_get(a, 0, is_user ? 2 : 3), NULL) < 0))
		return CRM_EDB;
	crm_flash(r, "ok", "admin.access_removed");
	return crm_redirect(r, "/admin/access");
}
