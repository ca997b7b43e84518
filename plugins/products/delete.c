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
		crm_delete_question(r, crm_page(r, "products.delete", "products.delete_title"), "/products", id, name,
				    "products.confirm_delete");
		return 0;
	}
	rc = crm_record_delete(r, "product", id, "name", name);
	if (rc < 0)
		return rc;
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
