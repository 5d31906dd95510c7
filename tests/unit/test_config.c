/* test_config.c - monitor.yaml loading: every bad case of
 * tests/bad/config gives exactly its expected message; good configs load
 * with defaults applied and paths resolved. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "casedir.h"
#include "config.h"

#define BAD_DIR "tests/bad/config"

static int load_config(const char *name, struct eim_error *err)
{
	struct config *c = NULL;

	if (config_load(name, &c, err) == 0) {
		config_free(c);
		return -1;
	}
	return 0;
}

static void test_bad_cases(void **state)
{
	(void)state;
	casedir_run_refused(BAD_DIR, load_config, 15);
}

static void test_missing_file(void **state)
{
	struct config *c = NULL;
	struct eim_error err;

	(void)state;
	eim_error_init(&err);
	assert_int_equal(config_load("tests/no/such/monitor.yaml", &c, &err),
			 -1);
	assert_int_equal(err.kind, EIM_NOINPUT);
	assert_string_equal(err.file, "tests/no/such/monitor.yaml");
	assert_null(c);
}

static void test_good_defaults(void **state)
{
	static const char text[] =
		"title: Test monitor\n"
		"publisher: City-REDI\n"
		"area: {code: E47000007, name: West Midlands Combined Authority}\n"
		"places:\n"
		"  - {code: E08000025, name: Birmingham}\n"
		"comparators:\n"
		"  - {code: K02000001, name: United Kingdom}\n"
		"feeds:\n"
		"  - id: claimant\n"
		"    title: Claimant count\n"
		"    publisher: ONS\n"
		"    format: nomis-csv\n"
		"    path: data/cc.csv\n"
		"indicators:\n"
		"  - id: cc\n"
		"    feed: claimant\n"
		"    title: Claimant count\n"
		"    select: {measure: '1'}\n"
		"    compare: [previous, year]\n";
	char dir[] = "/tmp/eimon-config-XXXXXX";
	char path[256];
	FILE *f;
	struct config *c = NULL;
	struct eim_error err;

	(void)state;
	eim_error_init(&err);
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/monitor.yaml", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	assert_int_equal(config_load(path, &c, &err), 0);
	assert_string_equal(c->title, "Test monitor");
	assert_int_equal(c->nfeeds, 1);
	assert_int_equal(c->feeds[0].format, FEED_NOMIS_CSV);
	assert_string_equal(c->feeds[0].licence,
			    "Open Government Licence v3.0");
	assert_int_equal(c->feeds[0].max_age_days, 62);
	assert_int_equal(c->feeds[0].required, 0);
	snprintf(path, sizeof(path), "%s/data/cc.csv", dir);
	assert_string_equal(c->feeds[0].path, path);
	snprintf(path, sizeof(path), "%s/notes", dir);
	assert_string_equal(c->notes_dir, path);
	assert_int_equal(c->nindicators, 1);
	assert_int_equal(c->indicators[0].unit, UNIT_COUNT);
	assert_int_equal(c->indicators[0].nselect, 1);
	assert_string_equal(c->indicators[0].select[0].key, "measure");
	assert_string_equal(c->indicators[0].select[0].value, "1");
	assert_int_equal(c->indicators[0].ncompare, 2);
	assert_true(c->indicators[0].scale == 1.0);
	assert_string_equal(config_place_name(c, "E08000025"), "Birmingham");
	assert_string_equal(config_place_name(c, "K02000001"),
			    "United Kingdom");
	assert_null(config_place_name(c, "E08000026"));
	config_free(c);
	snprintf(path, sizeof(path), "%s/monitor.yaml", dir);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_cases),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_good_defaults),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
