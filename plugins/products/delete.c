/* Deleting a product: the confirmation page, then the delete, both asking
 * "product.deleting" first so that a plugin whose records name it may refuse; the
 * subscribers of "product.deleted" then forget it. */
#include <stdbool.h>
#include "products.h"

/* Ask the subscribers; CRM_EVETO with their reason in *veto, else 0. */
static int ask(crm_req *r, int64_t id, const char *name, const char **veto)
{
	crm_event *ev = crm_event_new(r, "product.deleting", "product", id);
	crm_event_set(ev, "name", name);
	return crm_event_publish(r, ev, veto);
}

static int delete_step(crm_req *r, bool really)
{
	crm_pool *p = crm_req_pool(r);
	int64_t id = crm_req_arg_id(r, "id");
	int rc;
	crm_rows *row = product_found(r, id, &rc);
	if (!row)
		return rc;
	const char *name = crm_rows_by(row, 0, "name"), *veto = NULL;
	rc = ask(r, id, name, &veto);
	if (rc == CRM_EVETO) {
		xmlNodePtr c = crm_page(r, "products.delete", "products.delete_title");
		xmlNodePtr v = crm_xml_add(c, "vetoed", veto);
		crm_xml_attr_int(v, "id", id);
		crm_xml_attr(v, "name", name);
		crm_status(r, 409);
		return 0;
	}
	if (rc < 0)
		return rc;
	if (!really) {
		xmlNodePtr c = crm_page(r, "products.delete", "products.delete_title");
		xmlNodePtr q = crm_xml_add(c, "confirm", name);
		crm_xml_attr(q, "action", crm_psprintf(p, "/products/%lld/delete", (long long)id));
		crm_xml_attr(q, "question", "products.confirm_delete");
		crm_xml_attr(q, "cancel", crm_psprintf(p, "/products/%lld", (long long)id));
		return 0;
	}
	if (crm_db_begin(r) < 0 || crm_records_forget(r, "product", id) < 0 ||
	    crm_db_exec(r, "DELETE FROM product WHERE id = ?", "i", id) < 0 ||
	    crm_audit(r, "product.delete", "product", id, "name", name, NULL) < 0 || crm_db_commit(r) < 0)
		return CRM_EDB;
	crm_event *ev = crm_event_new(r, "product.deleted", "product", id);
	crm_event_set(ev, "name", name);
	crm_event_publish(r, ev, NULL);
	crm_flash(r, "ok", "products.deleted");
	return crm_redirect(r, "/products");
}

int products_delete_confirm(crm_req *r)
{
	return delete_step(r, false);
}

int products_delete(crm_req *r)
{
	return delete_step(r, true);
}
