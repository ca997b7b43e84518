/* Unit tests for core/import-apply.c: names folded for matching, the duplicates policy
 * row by row, and the JSON a batch's UPDATE reads. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "core.h"
#include "crm/import.h"

static void test_fold(void **state)
{
	(void)state;
	static const struct {
		const char *in, *want;
	} rows[] = {
		{"", ""},
		{"Client", "client"},
		{" client\t", "client"},
		{"Основная  ВОРОНКА", "основнаяворонка"},
		{"АБВГДЕЖЗИЙКЛМНОП", "абвгдежзийклмноп"},
		{"РСТУФХЦЧШЩЪЫЬЭЮЯ", "рстуфхцчшщъыьэюя"},
		{"ТЁПЛЫЙ", "теплый"},
		{"тёплый", "теплый"},
		{"в\r\nархиве", "вархиве"},     /* a line break inside a cell */
		{"НДС 20%", "ндс20%"},          /* punctuation stays */
		{"E-Mail_2", "e-mail_2"},
		{"Ünïcode", "Ünïcode"},         /* other letters as they are */
	};
	crm_pool *p = crm_pool_new();
	for (size_t i = 0; i < CRM_LEN(rows); i++)
		assert_string_equal(crm_import_fold(p, rows[i].in), rows[i].want);
	crm_pool_free(p);
}

/* A row of a test batch: its key and the record it matches (0: none; negative: one the
 * user may only read). */
typedef struct trow {
	const char *key;
	int64_t dup;
} trow;

static int finds;

static int find_dups(crm_req *r, crm_import_batch *b, void *items, crm_import_fate *fate)
{
	(void)r;
	const trow *rows = items;
	finds++;
	for (size_t i = 0; i < b->n_rows; i++)
		if (!b->rows[i].error)
			fate[i] = (crm_import_fate){.dup_id = rows[i].dup < 0 ? -rows[i].dup : rows[i].dup,
						    .dup_write = rows[i].dup > 0};
	return 0;
}

/* Rows are one record when their keys are equal and not empty. */
static bool same_key(const void *items, size_t i, size_t k)
{
	const trow *rows = items;
	return *rows[i].key && !strcmp(rows[i].key, rows[k].key);
}

static const crm_import_field sku = {"sku", "t.sku", 0};

#define MAX_ROWS 6

/* One batch: per row its key and match, and whether the core refused it already; want:
 * per row C(reate), U(pdate), S(kip), R(efused), or - (refused before). */
static const struct {
	int policy;
	bool taken;
	struct {
		trow t;
		bool refused;
	} rows[MAX_ROWS];
	size_t n;
	const char *want;
	int finds; /* lookups made */
} batches[] = {
	{CRM_DUP_SKIP, false, {{{"a", 0}, 0}, {{"a", 0}, 0}, {{"b", 5}, 0}, {{"c", 0}, 0}}, 4, "CSSC", 1},
	{CRM_DUP_SKIP, false, {{{"a", 0}, 1}, {{"a", 0}, 0}}, 2, "-C", 1},
	/* Matched rows are not checked for repeats: both update the one record. */
	{CRM_DUP_UPDATE, false, {{{"a", 5}, 0}, {{"b", -6}, 0}, {{"a", 0}, 0}, {{"x", 7}, 0}, {{"x", 7}, 0}}, 5,
	 "URSUU", 1},
	/* Creating duplicates on purpose looks nothing up. */
	{CRM_DUP_CREATE, false, {{{"a", 0}, 0}, {{"a", 0}, 0}, {{"z", 5}, 0}}, 3, "CCC", 0},
	{CRM_DUP_CREATE, true, {{{"a", 5}, 0}, {{"b", 0}, 0}, {{"b", 0}, 0}, {{"", 0}, 0}, {{"", 0}, 0}}, 5,
	 "RCRCC", 1},
	{CRM_DUP_UPDATE, true, {{{"a", 5}, 0}, {{"a", 5}, 0}, {{"b", 0}, 0}}, 3, "USC", 1},
	{CRM_DUP_SKIP, true, {{{"a", 5}, 0}, {{"b", 0}, 0}, {{"b", 0}, 0}}, 3, "SCS", 1},
};

static void test_decide(void **state)
{
	(void)state;
	crm_import_rules plain = {.find = find_dups, .same = same_key, .read_only = "t.read_only"};
	crm_import_rules unique = {.find = find_dups, .same = same_key, .read_only = "t.read_only", .taken = "t.taken",
				   .taken_field = &sku};
	for (size_t c = 0; c < CRM_LEN(batches); c++) {
		crm_import_row rows[MAX_ROWS] = {0};
		crm_import_fate fate[MAX_ROWS] = {0};
		trow items[MAX_ROWS];
		crm_import_batch b = {.dup_policy = batches[c].policy, .rows = rows, .n_rows = batches[c].n};
		for (size_t i = 0; i < b.n_rows; i++) {
			items[i] = batches[c].rows[i].t;
			rows[i].error = batches[c].rows[i].refused ? "import.columns" : NULL;
		}
		finds = 0;
		assert_int_equal(crm_import_decide(NULL, &b, fate, batches[c].taken ? &unique : &plain, items), 0);
		assert_int_equal(finds, batches[c].finds);
		char got[MAX_ROWS + 1] = {0};
		size_t skipped = 0;
		for (size_t i = 0; i < b.n_rows; i++) {
			const char *e = rows[i].error;
			got[i] = e && !strcmp(e, "import.columns") ? '-' : e ? 'R'
				 : fate[i].create ? 'C' : fate[i].update ? 'U' : 'S';
			skipped += got[i] == 'S';
			if (e && !strcmp(e, "t.taken"))
				assert_string_equal(rows[i].error_field, "sku");
			if (e && !strcmp(e, "t.read_only"))
				assert_null(rows[i].error_field);
		}
		assert_string_equal(got, batches[c].want);
		assert_int_equal(b.skipped, skipped);
	}
}

/* A match refused by the importer's last check is neither updated nor skipped. */
static bool refuse_all(crm_req *r, void *items, size_t i, crm_import_row *row)
{
	(void)r, (void)items, (void)i;
	crm_import_refuse(row, "t.price", &sku);
	return false;
}

static void test_updating(void **state)
{
	(void)state;
	crm_import_rules rules = {.find = find_dups, .same = same_key, .updating = refuse_all,
				  .read_only = "t.read_only"};
	crm_import_row rows[2] = {0};
	crm_import_fate fate[2] = {0};
	trow items[2] = {{"a", 5}, {"a", 0}};
	crm_import_batch b = {.dup_policy = CRM_DUP_UPDATE, .rows = rows, .n_rows = 2};
	assert_int_equal(crm_import_decide(NULL, &b, fate, &rules, items), 0);
	assert_false(fate[0].update);
	assert_string_equal(rows[0].error, "t.price");
	/* The refused row stores nothing, so the second is not its repeat. */
	assert_true(fate[1].create);
	assert_int_equal(b.skipped, 0);
}

static void test_json(void **state)
{
	(void)state;
	crm_req r = {.pool = crm_pool_new()};
	crm_import_json *j = crm_import_json_new(&r);
	assert_null(crm_import_json_text(j));
	crm_import_json_next(j, 7);
	crm_import_json_str(j, "nm", "Say \"hi\"\\\n\x01 ё");
	crm_import_json_str(j, "de", NULL);
	crm_import_json_int(j, "ow", -3);
	crm_import_json_next(j, 8);
	crm_import_json_str(j, "nm", "");
	assert_string_equal(crm_import_json_text(j),
			    "[{\"id\":7,\"nm\":\"Say \\\"hi\\\"\\\\\\u000a\\u0001 ё\",\"de\":null,\"ow\":-3},"
			    "{\"id\":8,\"nm\":\"\"}]");
	/* Growing past the first block keeps what was written. */
	j = crm_import_json_new(&r);
	char big[5000];
	memset(big, '"', sizeof big - 1);
	big[sizeof big - 1] = 0;
	for (int64_t id = 1; id <= 3; id++) {
		crm_import_json_next(j, id);
		crm_import_json_str(j, "x", big);
	}
	const char *text = crm_import_json_text(j);
	assert_int_equal(strlen(text), 2 + 3 * (strlen("{\"id\":1,\"x\":\"\"}") + 2 * strlen(big)) + 2);
	assert_true(!strncmp(text, "[{\"id\":1,\"x\":\"\\\"\\\"", 18));
	assert_true(!strcmp(text + strlen(text) - 5, "\\\"\"}]"));
	crm_pool_free(r.pool);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_decide),
		cmocka_unit_test(test_updating),
		cmocka_unit_test(test_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
