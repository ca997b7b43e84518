/* Unit tests for core/config.c: each row is a config file, the error it must give (or
 * none), and fields of the parsed config that must read as written. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "config.h"

#define T1 "[tenant default]\ndatabase = crm_default\n"

/* want_err: a part of the message, with "@" standing for the file's path; NULL for
 * success. want: "field=value" pairs separated by ";", compared after parsing. */
static const struct {
	const char *name, *text, *want_err, *want;
} rows[] = {
	{"defaults", T1, NULL,
	 "socket=/run/crmd/crmd.sock;socket_mode=0660;plugins_dir=/usr/lib/crm/plugins;"
	 "data_dir=/usr/share/crm;theme=default;locale=en;threads=16;max_body=11534336;"
	 "max_fields=1000;max_field_len=1048576;attachment_max=10485760;db_user=crm;db_port=3306;"
	 "db_connect_timeout=1;db_read_timeout=30;db_socket=(null);pid_file=(null);"
	 "workers>0;tenants=default:crm_default"},
	{"good file",
	 "# a comment line\n"
	 "[server]\n"
	 "socket = /tmp/x.sock   # trailing comment\n"
	 "socket_mode = 0666\n"
	 "  workers=3\n"
	 "threads = 4\n"
	 "plugins_dir = /opt/crm/plugins\n"
	 "data_dir = /opt/crm/share\n"
	 "theme = dark\n"
	 "locale = ru\n"
	 "max_body = 0x100000\n"
	 "max_fields = 50\n"
	 "max_field_len = 4096\n"
	 "attachment_max = 2048\n"
	 "\n"
	 "[db]\n"
	 "socket = /run/mysqld/mysqld.sock\n"
	 "host = db.local\n"
	 "port = 3307\n"
	 "user = crm_app\n"
	 "password =\n"
	 "connect_timeout = 2\n"
	 "read_timeout = 5\n"
	 "[tenant default]\n"
	 "database = crm_main\n"
	 "[ tenant second ]\n"
	 "database = crm_2\n",
	 NULL,
	 "socket=/tmp/x.sock;socket_mode=0666;workers=3;threads=4;plugins_dir=/opt/crm/plugins;"
	 "data_dir=/opt/crm/share;theme=dark;locale=ru;max_body=1048576;max_fields=50;"
	 "max_field_len=4096;attachment_max=2048;db_socket=/run/mysqld/mysqld.sock;db_host=db.local;db_port=3307;"
	 "db_user=crm_app;db_password=;db_connect_timeout=2;db_read_timeout=5;"
	 "tenants=default:crm_main,second:crm_2"},
	{"threads 0 becomes 1", "[server]\nthreads = 0\n" T1, NULL, "threads=1"},
	{"unknown server key", "[server]\nsockett = /x\n" T1, "@:2: not understood", NULL},
	{"unknown numeric key", "[server]\nworkerz = 2\n" T1, "@:2: not understood", NULL},
	{"unknown db key", "[db]\nsocket = /x\nusr = me\n" T1, "@:3: not understood", NULL},
	{"unknown tenant key", "[tenant default]\ndatabase = d\nhost = x\n", "@:3: not understood", NULL},
	{"unknown section", "[servre]\nsocket = /x\n" T1, "@:1: not understood", NULL},
	{"key before a section", "socket = /x\n" T1, "@:1: not understood", NULL},
	{"line without =", "[server]\nsocket /x\n" T1, "@:2: not understood", NULL},
	{"unclosed section", "[server\n" T1, "@:1: not understood", NULL},
	{"number not a number", "[server]\nthreads = many\n" T1, "@:2: not understood", NULL},
	{"number with junk", "[server]\nmax_body = 10M\n" T1, "@:2: not understood", NULL},
	{"empty number", "[db]\nport =\n" T1, "@:2: not understood", NULL},
	{"missing tenant database", "[tenant default]\n",
	 "@: tenant default needs a database name", NULL},
	{"second tenant without database", T1 "[tenant other]\n",
	 "@: tenant other needs a database name", NULL},
	{"bad database name", "[tenant default]\ndatabase = crm-main\n",
	 "@: tenant default needs a database name", NULL},
	{"bad tenant name: upper case", "[tenant Default]\ndatabase = d\n", "@:1: not understood", NULL},
	{"bad tenant name: dash", "[tenant my-co]\ndatabase = d\n", "@:1: not understood", NULL},
	{"bad tenant name: empty", "[tenant ]\ndatabase = d\n", "@:1: not understood", NULL},
	{"bad tenant name: too long", "[tenant abcdefghijklmnopqrstuvwxyz0123456]\ndatabase = d\n",
	 "@:1: not understood", NULL},
	{"duplicate tenant", T1 "[tenant default]\ndatabase = crm_x\n", "@:3: not understood", NULL},
	{"no tenant", "[server]\nthreads = 2\n", "@: no [tenant NAME] section", NULL},
	{"empty file", "", "@: no [tenant NAME] section", NULL},
};

/* A field of c as text, for the rows' "want" lists. */
static void field(const crm_config *c, const char *name, char *out, size_t len)
{
	const struct { const char *name; const char *v; } strs[] = {
		{"socket", c->socket}, {"pid_file", c->pid_file}, {"log_file", c->log_file},
		{"plugins_dir", c->plugins_dir}, {"data_dir", c->data_dir}, {"theme", c->theme},
		{"files_dir", c->files_dir}, {"locale", c->locale}, {"db_socket", c->db_socket},
		{"db_host", c->db_host}, {"db_user", c->db_user}, {"db_password", c->db_password},
	};
	const struct { const char *name; unsigned long long v; } nums[] = {
		{"workers", (unsigned long long)c->workers}, {"threads", (unsigned long long)c->threads},
		{"max_body", c->max_body}, {"max_fields", c->max_fields},
		{"max_field_len", c->max_field_len}, {"attachment_max", c->attachment_max},
		{"db_port", c->db_port},
		{"db_connect_timeout", c->db_connect_timeout}, {"db_read_timeout", c->db_read_timeout},
	};
	for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
		if (!strcmp(name, strs[i].name)) {
			snprintf(out, len, "%s", strs[i].v ? strs[i].v : "(null)");
			return;
		}
	for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++)
		if (!strcmp(name, nums[i].name)) {
			snprintf(out, len, "%llu", nums[i].v);
			return;
		}
	if (!strcmp(name, "socket_mode")) {
		snprintf(out, len, "%04o", c->socket_mode);
	} else if (!strcmp(name, "tenants")) {
		out[0] = 0;
		for (size_t i = 0; i < c->n_tenants; i++)
			snprintf(out + strlen(out), len - strlen(out), "%s%s:%s", i ? "," : "",
				 c->tenants[i].name, c->tenants[i].database);
	} else {
		fail_msg("no field %s", name);
	}
}

static void check_fields(size_t row, const crm_config *c, const char *want)
{
	char list[1024];
	snprintf(list, sizeof list, "%s", want);
	for (char *save, *item = strtok_r(list, ";", &save); item; item = strtok_r(NULL, ";", &save)) {
		char got[512];
		/* "name>0" checks only that a number is positive. */
		char *gt = strstr(item, ">0");
		if (gt) {
			*gt = 0;
			field(c, item, got, sizeof got);
			if (strtoll(got, NULL, 10) <= 0)
				fail_msg("row %zu: %s = %s, want > 0", row, item, got);
			continue;
		}
		char *eq = strchr(item, '=');
		assert_non_null(eq);
		*eq = 0;
		field(c, item, got, sizeof got);
		if (strcmp(got, eq + 1))
			fail_msg("row %zu (%s): %s = '%s', want '%s'", row, rows[row].name, item, got, eq + 1);
	}
}

static void test_rows(void **state)
{
	(void)state;
	char path[] = "/tmp/crm-test-config-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		fputs(rows[i].text, f);
		fclose(f);
		char err[512] = "";
		crm_config *c = crm_config_load(path, err, sizeof err);
		if (!rows[i].want_err) {
			if (!c)
				fail_msg("row %zu (%s): refused: %s", i, rows[i].name, err);
			check_fields(i, c, rows[i].want);
			assert_string_equal(c->path, path);
			crm_config_free(c);
			continue;
		}
		if (c)
			fail_msg("row %zu (%s): accepted, want error '%s'", i, rows[i].name, rows[i].want_err);
		/* "@" in the expected message is the file's path. */
		char want[512];
		const char *at = strchr(rows[i].want_err, '@');
		snprintf(want, sizeof want, "%.*s%s%s", (int)(at - rows[i].want_err), rows[i].want_err,
			 path, at + 1);
		if (!strstr(err, want))
			fail_msg("row %zu (%s): error '%s', want '%s'", i, rows[i].name, err, want);
	}
	unlink(path);
}

static void test_missing_file(void **state)
{
	(void)state;
	char err[512] = "";
	assert_null(crm_config_load("/nonexistent/crm.conf", err, sizeof err));
	assert_non_null(strstr(err, "/nonexistent/crm.conf: No such file or directory"));
}

static void test_tenant_lookup(void **state)
{
	(void)state;
	char path[] = "/tmp/crm-test-config-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	const char text[] = T1 "[tenant acme]\ndatabase = crm_acme\n";
	assert_int_equal(write(fd, text, sizeof text - 1), (ssize_t)(sizeof text - 1));
	close(fd);
	char err[512];
	crm_config *c = crm_config_load(path, err, sizeof err);
	unlink(path);
	assert_non_null(c);
	const struct { const char *name, *db; } lookups[] = {
		{"default", "crm_default"}, {"acme", "crm_acme"}, {"ACME", NULL}, {"", NULL}, {"acm", NULL},
	};
	for (size_t i = 0; i < sizeof lookups / sizeof lookups[0]; i++) {
		const crm_tenant_conf *t = crm_config_tenant(c, lookups[i].name);
		if (!lookups[i].db)
			assert_null(t);
		else
			assert_string_equal(t ? t->database : "(none)", lookups[i].db);
	}
	crm_config_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_tenant_lookup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
