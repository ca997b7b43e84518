/* Small helpers every products page uses: the lists of choices, input, and loading a
 * product within the user's reach. */
#include <ctype.h>
#include <string.h>
#include "products.h"

const char *const product_kinds[] = {"product", "service", NULL};
const char *const product_taxes[] = {"none", "vat0", "vat10", "vat20", NULL};
const char *const product_unit_keys[] = {
	"products.unit.pcs", "products.unit.hour", "products.unit.service", "products.unit.day",
	"products.unit.month", "products.unit.kg", "products.unit.m", "products.unit.m2",
	"products.unit.l", "products.unit.pack", "products.unit.set", "products.unit.license", NULL,
};

bool product_listed(const char *const *list, const char *s)
{
	for (; s && *list; list++)
		if (!strcmp(*list, s))
			return true;
	return false;
}

crm_rows *product_found(crm_req *r, int64_t id, int *rc)
{
	const char *sql = crm_psprintf(crm_req_pool(r),
		"SELECT p.id, p.kind, p.name, p.sku, p.unit, p.price, p.currency, p.tax, p.description, p.active, "
		"p.owner_id, p.created_at, p.updated_at FROM product p WHERE p.id = ? AND %s",
		crm_access_sql(r, "p", "product", CRM_READ));
	crm_rows *row = crm_db_query(r, sql, "ii", id, crm_req_user(r));
	if (!row) {
		*rc = CRM_EDB;
		return NULL;
	}
	if (!row->n_rows) {
		*rc = crm_error(r, 404, "core.not_found");
		return NULL;
	}
	*rc = 0;
	return row;
}
