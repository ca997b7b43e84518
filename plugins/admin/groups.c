/* /admin/groups: the list, a new group, a group's members and the permissions it grants.
 * A permission only the owner holds (core.owner, ...) is the owner's to grant, and a
 * group granting one is the owner's to fill: otherwise an admin could make himself owner. */
#include <stdlib.h>
#include <string.h>
#include "admin.h"

#define MAX_PERMS 512

/* The flags a permission was declared with; -1 when no accepted plugin declares it. */
static int perm_flags(crm_req *r, const char *name)
{
	const crm_permission *all[MAX_PERMS];
	size_t n = crm_permissions(r, all, MAX_PERMS);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(all[i]->name, name))
			return (int)all[i]->flags;
	return -1;
}

/* Whether the group grants something only owners hold (so only owners may change it);
 * negative on a database error. */
static int owner_level(crm_req *r, int64_t id)
{
	crm_rows *g = crm_db_query(r, "SELECT permission FROM crm_group_grant WHERE group_id = ?", "i", id);
	if (!g)
		return CRM_EDB;
	for (size_t i = 0; i < g->n_rows; i++)
		if (perm_flags(r, crm_rows_get(g, i, 0)) == (int)CRM_PERM_OWNER)
			return 1;
	return 0;
}

static const char *group_url(crm_req *r, int64_t id)
{
	return crm_psprintf(crm_req_pool(r), "/admin/groups/%lld", (long long)id);
}

/* ===== the list ===== */

static int groups_page(crm_req *r, const char *typed, const char *error)
{
	crm_rows *rows = crm_list_back(r)
		? crm_db_query(r, "SELECT g.id, g.name, "
				  "(SELECT COUNT(*) FROM crm_group_member m WHERE m.group_id = g.id) AS members, "
				  "(SELECT GROUP_CONCAT(permission ORDER BY permission SEPARATOR ', ') FROM crm_group_grant a "
				  " WHERE a.group_id = g.id) AS grants "
				  "FROM crm_group g WHERE g.name < ? ORDER BY g.name DESC LIMIT ?",
			       "si", crm_list_cursor(r), (int64_t)ADMIN_PAGE + 1)
		: crm_db_query(r, "SELECT g.id, g.name, "
				  "(SELECT COUNT(*) FROM crm_group_member m WHERE m.group_id = g.id) AS members, "
				  "(SELECT GROUP_CONCAT(permission ORDER BY permission SEPARATOR ', ') FROM crm_group_grant a "
				  " WHERE a.group_id = g.id) AS grants "
				  "FROM crm_group g WHERE g.name > ? ORDER BY g.name LIMIT ?",
			       "si", crm_list_cursor(r), (int64_t)ADMIN_PAGE + 1);
	if (!rows)
		return CRM_EDB;
	xmlNodePtr c = admin_page(r, "admin.groups", "admin.groups_title", "/admin/groups");
	xmlNodePtr f = crm_form(crm_xml_add(c, "create", NULL), "/admin/groups");
	crm_xml_attr(f, "class", "inline");
	crm_form_name(f, "admin.group_name", typed, 100, error);
	crm_form_submit(f, "admin.create_group");
	if (error)
		admin_form_failed(r, f);
	crm_rows_list(r, c, rows, ADMIN_PAGE, "groups", "group", 1, "/admin/groups");
	return 0;
}

int admin_groups(crm_req *r)
{
	return groups_page(r, NULL, NULL);
}

int admin_group_create(crm_req *r)
{
	const char *name = crm_input(r, "name"), *err = NULL;
	int64_t id = crm_group_add(r, name, &err);
	if (id == CRM_EDB)
		return CRM_EDB;
	if (id < 0)
		return groups_page(r, name, err ? err : "core.internal");
	crm_flash(r, "ok", "admin.group_created");
	return crm_redirect(r, group_url(r, id));
}

/* ===== one group ===== */

static int group_page(crm_req *r, int64_t id, const char *typed_login, const char *login_error)
{
	crm_rows *g = crm_db_query(r, "SELECT id, name FROM crm_group WHERE id = ?", "i", id);
	crm_rows *members = crm_db_query(r, "SELECT u.id, u.login, u.name, u.active FROM crm_group_member m "
					    "JOIN crm_user u ON u.id = m.user_id WHERE m.group_id = ? ORDER BY u.name, u.id",
					 "i", id);
	crm_rows *grants = crm_db_query(r, "SELECT permission FROM crm_group_grant WHERE group_id = ?", "i", id);
	if (!g || !members || !grants)
		return CRM_EDB;
	if (!g->n_rows)
		return crm_error(r, 404, "core.not_found");
	bool owner = admin_is_owner(r), locked = false;
	xmlNodePtr c = admin_page(r, "admin.group", "admin.group_title", "/admin/groups");
	xmlNodePtr info = crm_xml_add(c, "group", NULL);
	crm_xml_attr(info, "id", crm_rows_get(g, 0, 0));
	crm_xml_attr(info, "name", crm_rows_get(g, 0, 1));

	/* Grantable permissions: those every user holds anyway are left out. */
	const crm_permission *all[MAX_PERMS];
	size_t n = crm_permissions(r, all, MAX_PERMS);
	xmlNodePtr perms = crm_xml_add(c, "permissions", NULL);
	for (size_t i = 0; i < n; i++) {
		if (all[i]->flags == CRM_PERM_USERS)
			continue;
		bool has = false;
		for (size_t j = 0; j < grants->n_rows && !has; j++)
			has = !strcmp(crm_rows_get(grants, j, 0), all[i]->name);
		xmlNodePtr p = crm_xml_add(perms, "permission", NULL);
		crm_xml_attr(p, "name", all[i]->name);
		crm_xml_attr(p, "title", all[i]->title);
		if (has)
			crm_xml_attr(p, "checked", "1");
		if (all[i]->flags == CRM_PERM_OWNER) {
			crm_xml_attr(p, "owner", "1");
			locked |= has;
			if (!owner)
				crm_xml_attr(p, "disabled", "1");
		}
	}
	/* Members of a group granting owner permissions are the owner's to choose. */
	if (locked && !owner)
		crm_xml_attr(info, "locked", "1");
	crm_rows_xml(members, crm_xml_add(c, "members", NULL), "member");
	if (!locked || owner) {
		xmlNodePtr f = crm_form(crm_xml_add(c, "add", NULL), crm_psprintf(crm_req_pool(r), "/admin/groups/%lld/members", (long long)id));
		crm_xml_attr(f, "class", "inline");
		xmlNodePtr x = crm_form_field(f, "login", "admin.member_login", "text", typed_login);
		crm_xml_attr(x, "required", "1");
		crm_xml_attr(x, "autocomplete", "off");
		crm_xml_attr(x, "error", login_error);
		crm_form_submit(f, "admin.add_member");
		if (login_error)
			admin_form_failed(r, f);
	}
	return 0;
}

int admin_group(crm_req *r)
{
	return group_page(r, crm_req_arg_id(r, "id"), NULL, NULL);
}

/* 1 when the signed-in user may change the group's members; 0 when not (the answer,
 * a redirect with a message, is made); negative on a database error. */
static int may_change(crm_req *r, int64_t id)
{
	int lvl = owner_level(r, id);
	if (lvl < 0)
		return CRM_EDB;
	if (!lvl || admin_is_owner(r))
		return 1;
	crm_flash(r, "error", "admin.group_owner_only");
	crm_redirect(r, group_url(r, id));
	return 0;
}

/* The group {id} when the signed-in user may change it: 1 with its name in *name;
 * otherwise what the handler answers (CRM_EDB, or 0 after a 404 page or a redirect). */
static int changeable_group(crm_req *r, int64_t id, const char **name)
{
	crm_rows *g = crm_db_query(r, "SELECT name FROM crm_group WHERE id = ?", "i", id);
	if (!g)
		return CRM_EDB;
	if (!g->n_rows)
		return crm_error(r, 404, "core.not_found");
	*name = crm_rows_get(g, 0, 0);
	return may_change(r, id);
}

int admin_group_member_add(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	const char *name;
	int ok = changeable_group(r, id, &name);
	if (ok <= 0)
		return ok;
	const char *login = crm_input(r, "login");
	int64_t user = crm_user_find(r, login);
	if (user <= 0)
		return group_page(r, id, login, "admin.no_such_login");
	if (crm_group_member(r, id, user, 1) < 0)
		return CRM_EDB;
	crm_flash(r, "ok", "admin.member_added");
	return crm_redirect(r, group_url(r, id));
}

int admin_group_member_remove(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id"), user = crm_req_arg_id(r, "user");
	int ok = may_change(r, id);
	if (ok <= 0)
		return ok;
	if (crm_group_member(r, id, user, 0) < 0)
		return CRM_EDB;
	crm_flash(r, "ok", "admin.member_removed");
	return crm_redirect(r, group_url(r, id));
}

/* Whether perm was ticked in the posted form (one "perm" field per ticked box). */
static bool ticked(crm_req *r, const char *perm)
{
	for (const crm_field *f = crm_req_fields(r); f; f = f->next)
		if (!f->filename && !strcmp(f->name, "perm") && !strcmp(f->value, perm))
			return true;
	return false;
}

int admin_group_grants(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	if (crm_db_begin(r) < 0)
		return CRM_EDB;
	crm_rows *g = crm_db_query(r, "SELECT id FROM crm_group WHERE id = ? FOR UPDATE", "i", id);
	crm_rows *cur = g ? crm_db_query(r, "SELECT permission FROM crm_group_grant WHERE group_id = ?", "i", id) : NULL;
	if (!cur)
		return CRM_EDB;
	if (!g->n_rows)
		return crm_error(r, 404, "core.not_found");
	const crm_permission *all[MAX_PERMS];
	size_t n = crm_permissions(r, all, MAX_PERMS);
	for (size_t i = 0; i < n; i++) {
		const char *p = all[i]->name;
		if (all[i]->flags == CRM_PERM_USERS || (all[i]->flags == CRM_PERM_OWNER && !admin_is_owner(r)))
			continue;
		bool has = false, want = ticked(r, p);
		for (size_t j = 0; j < cur->n_rows && !has; j++)
			has = !strcmp(crm_rows_get(cur, j, 0), p);
		if (has == want)
			continue;
		int64_t rc = want ? crm_db_exec(r, "INSERT INTO crm_group_grant (group_id, permission) VALUES (?, ?)", "is", id, p)
				  : crm_db_exec(r, "DELETE FROM crm_group_grant WHERE group_id = ? AND permission = ?", "is", id, p);
		if (rc < 0 || crm_audit(r, want ? "group.grant" : "group.revoke", "group", id, "permission",
					want ? NULL : p, want ? p : NULL) < 0)
			return CRM_EDB;
	}
	if (crm_db_commit(r) < 0)
		return CRM_EDB;
	crm_flash(r, "ok", "admin.grants_saved");
	return crm_redirect(r, group_url(r, id));
}

/* ===== deleting ===== */

int admin_group_delete_confirm(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	const char *name;
	int ok = changeable_group(r, id, &name);
	if (ok <= 0)
		return ok;
	xmlNodePtr c = admin_page(r, "admin.group_delete", "admin.group_delete_title", "/admin/groups");
	xmlNodePtr q = crm_xml_add(c, "confirm", name);
	crm_xml_attr(q, "action", crm_psprintf(crm_req_pool(r), "/admin/groups/%lld/delete", (long long)id));
	crm_xml_attr(q, "question", "admin.confirm_group_delete");
	crm_xml_attr(q, "cancel", group_url(r, id));
	return 0;
}

int admin_group_delete(crm_req *r)
{
	int64_t id = crm_req_arg_id(r, "id");
	const char *name;
	int ok = changeable_group(r, id, &name);
	if (ok <= 0)
		return ok;
	if (crm_db_exec(r, "DELETE FROM crm_group WHERE id = ?", "i", id) < 0 ||
	    crm_audit(r, "group.delete", "group", id, "name", name, NULL) < 0)
		return CRM_EDB;
	crm_flash(r, "ok", "admin.group_deleted");
	return crm_redirect(r, "/admin/groups");
}
