/* Unit tests for the record services' pure parts: custom field values in their stored
 * form (core/fields.c), tag lists as typed (core/tags.c), the JSON arrays set-based
 * statements read and entity URLs (core/entity.c). No database is asked. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "core.h"

/* want: the stored form, or NULL when err is expected. */
static const struct {
	const char *type, *typed, *want, *err;
} values[] = {
	{"text", "  hello  ", "hello", NULL},
	{"text", "", "", NULL},
	{"text", "Привет, мир", "Привет, мир", NULL},
	{"number", "42", "42", NULL},
	{"number", "-1 234,50", "-1234.5", NULL},
	{"number", "+007", "7", NULL},
	{"number", "0.0", "0", NULL},
	{"number", "-0", "0", NULL},
	{"number", "00.50", "0.5", NULL},
	{"number", "10.", NULL, "core.fields.number"},
	{"number", ".5", NULL, "core.fields.number"},
	{"number", "1e5", NULL, "core.fields.number"},
	{"number", "1,2,3", NULL, "core.fields.number"},
	{"number", "12abc", NULL, "core.fields.number"},
	{"number", "-", NULL, "core.fields.number"},
	{"number", "1234567890123456789012345678901", NULL, "core.fields.number"},
	{"date", "2024-02-29", "2024-02-29", NULL},
	{"date", "29.02.2024", "2024-02-29", NULL},
	{"date", "01.12.1999", "1999-12-01", NULL},
	{"date", "2023-02-29", NULL, "core.fields.date"},
	{"date", "1900-02-29", NULL, "core.fields.date"},
	{"date", "2000-02-29", "2000-02-29", NULL},
	{"date", "2024-13-01", NULL, "core.fields.date"},
	{"date", "2024-04-31", NULL, "core.fields.date"},
	{"date", "2024-1-01", NULL, "core.fields.date"},
	{"date", "2024-01-01x", NULL, "core.fields.date"},
	{"date", "0999-01-01", NULL, "core.fields.date"},
	{"date", "tomorrow", NULL, "core.fields.date"},
	{"checkbox", "1", "1", NULL},
	{"checkbox", "on", "1", NULL},
	{"checkbox", "Yes", "1", NULL},
	{"checkbox", "да", "1", NULL},
	{"checkbox", "", "0", NULL},
	{"checkbox", "нет", "0", NULL},
	{"checkbox", "FALSE", "0", NULL},
	{"checkbox", "maybe", NULL, "core.fields.checkbox"},
	{"list", " Gold ", "Gold", NULL},
};

static void field_values(void **state)
{
	(void)state;
	crm_pool *p = crm_pool_new();
	for (size_t i = 0; i < CRM_LEN(values); i++) {
		const char *out = NULL;
		const char *err = crm_field_value(p, values[i].type, values[i].typed, &out);
		if (values[i].err) {
			if (!err || strcmp(err, values[i].err))
				fail_msg("%s %s: want %s, got %s", values[i].type, values[i].typed, values[i].err,
					 err ? err : "no error");
		} else if (err || strcmp(out, values[i].want)) {
			fail_msg("%s %s: want %s, got %s / %s", values[i].type, values[i].typed, values[i].want,
				 err ? err : "-", out);
		}
	}
	/* 500 characters pass, 501 do not, counted in characters rather than bytes. */
	char long_text[1100] = "";
	for (int i = 0; i < 500; i++)
		strcat(long_text, "ж");
	const char *out;
	assert_null(crm_field_value(p, "text", long_text, &out));
	strcat(long_text, "ж");
	assert_string_equal(crm_field_value(p, "text", long_text, &out), "core.fields.too_long");
	assert_string_equal(crm_field_value(p, "text", "bad \xff byte", &out), "core.fields.invalid");
	crm_pool_free(p);
}

static const struct {
	const char *typed, *err;
} tag_lists[] = {
	{"", NULL},
	{" , ,", NULL},
	{"VIP, big   deal", NULL},
	{"a\tb", NULL},
	{"ok, bad\x01tag", "core.tags.invalid"},
	{"tab\x7f", "core.tags.invalid"},
};

static void tags(void **state)
{
	(void)state;
	crm_req r = {.pool = crm_pool_new()};
	for (size_t i = 0; i < CRM_LEN(tag_lists); i++) {
		const char *err = NULL;
		int rc = crm_tags_check(&r, tag_lists[i].typed, &err);
		if (tag_lists[i].err) {
			assert_int_equal(rc, CRM_EINVAL);
			assert_string_equal(err, tag_lists[i].err);
		} else {
			assert_int_equal(rc, 0);
			assert_null(err);
		}
	}
	/* 100 characters make a tag, 101 are too many; 50 tags a record, 51 too many,
	 * repeated names counted once. */
	char name[400] = "";
	for (int i = 0; i < 100; i++)
		strcat(name, "ё");
	const char *err = NULL;
	assert_int_equal(crm_tags_check(&r, name, &err), 0);
	strcat(name, "ё");
	assert_int_equal(crm_tags_check(&r, name, &err), CRM_EINVAL);
	assert_string_equal(err, "core.tags.too_long");
	char list[1000] = "";
	for (int i = 0; i < 50; i++)
		sprintf(list + strlen(list), "t%d,t%d,", i, i);
	assert_int_equal(crm_tags_check(&r, list, &err), 0);
	strcat(list, "one more");
	assert_int_equal(crm_tags_check(&r, list, &err), CRM_EINVAL);
	assert_string_equal(err, "core.tags.too_many");
	crm_pool_free(r.pool);
}

static void json_and_urls(void **state)
{
	(void)state;
	crm_pool *p = crm_pool_new();
	const int64_t ids[] = {1, 9007199254740993LL, 42};
	assert_string_equal(crm_json_ids(p, ids, 3), "[1,9007199254740993,42]");
	assert_string_equal(crm_json_ids(p, ids, 0), "[]");
	const char *const strs[] = {"plain", "q\"uote\\", "line\nnext\x01", "Москва", NULL};
	assert_string_equal(crm_json_strings(p, strs, 5),
			    "[\"plain\",\"q\\\"uote\\\\\",\"line\\u000anext\\u0001\",\"Москва\",\"\"]");
	crm_req r = {.pool = p};
	const crm_entity_type good = {"contact", "t", "/contacts/%lld", "contact"};
	const crm_entity_type tail = {"x", "t", "/x/%lld/card", "x"};
	const crm_entity_type bad = {"y", "t", "/y/%s/%lld", "y"};
	assert_string_equal(crm_entity_url(&r, &good, 12), "/contacts/12");
	assert_string_equal(crm_entity_url(&r, &tail, 7), "/x/7/card");
	assert_string_equal(crm_entity_url(&r, &bad, 7), "/");
	assert_true(crm_sql_name("rec_item"));
	assert_false(crm_sql_name("rec item"));
	assert_false(crm_sql_name("Rec"));
	assert_false(crm_sql_name(""));
	assert_false(crm_sql_name(NULL));
	crm_pool_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(field_values),
		cmocka_unit_test(tags),
		cmocka_unit_test(json_and_urls),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
