/* The products plugin's own functions, shared by its pages, its event answers and its importer. */
#ifndef PRODUCTS_H
#define PRODUCTS_H

#include <stdbool.h>
#include <crm/crm.h>

/* Rows on one page of the list. */
#define PRODUCTS_PAGE 50
/* Products one event answer holds at most ("product.list", "product.describe"). */
#define PRODUCTS_EVENT_MAX 500

/* Limits of the fields, in characters (the columns are sized so). */
#define PRODUCT_NAME_MAX 200
#define PRODUCT_SKU_MAX 64
#define PRODUCT_UNIT_MAX 32
#define PRODUCT_DESCRIPTION_MAX 20000

/* The choices the form offers, NULL-terminated. */
extern const char *const product_kinds[];
extern const char *const product_taxes[];
/* Message keys of the units suggested (the form stores the translated word). */
extern const char *const product_unit_keys[];

/* Whether s is in the NULL-terminated list. */
bool product_listed(const char *const *list, const char *s);
/* A product's row (id, kind, name, sku, unit, price, currency, tax, description,
 * active, owner_id, created_at, updated_at) the user may read, or NULL with *rc: the
 * 404 page's result when it is absent, negative on a database error. */
crm_rows *product_found(crm_req *r, int64_t id, int *rc);

/* Handlers. */
int products_list(crm_req *r);
int products_card(crm_req *r);
int products_new(crm_req *r);
int products_create(crm_req *r);
int products_edit(crm_req *r);
int products_save(crm_req *r);
int products_delete_confirm(crm_req *r);
int products_delete(crm_req *r);

/* Subscriptions: the catalog for other plugins' selects, and products by id. */
int products_on_list(crm_req *r, crm_event *ev);
int products_on_describe(crm_req *r, crm_event *ev);

#endif
