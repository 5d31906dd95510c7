/* test_bad_inputs.c - the bad-input corpus for report templates
 * (tests/bad/template) and edition files (tests/bad/edition): every case
 * NN-name.yaml is refused with exactly the message of NN-name.expected
 * ("FILE:LINE:COL: message", as eimon prints it after "eimon: ") and the
 * kind EIM_DATA (exit 65). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "casedir.h"
#include "notes.h"
#include "template.h"

/* Load names[i] (cwd is its folder); 0 and *err set if it was refused,
 * -1 if it loaded. */
typedef int (*load_fn)(const char *name, struct eim_error *err);

static int load_template(const char *name, struct eim_error *err)
{
	struct template_def *t = NULL;

	if (template_load(name, &t, err) == 0) {
		template_free(t);
		return -1;
	}
	return 0;
}

static int load_edition(const char *name, struct eim_error *err)
{
	struct edition e;
	int rc = edition_load_file(name, NULL, &e, NULL, err);

	edition_release(&e);
	return rc == 0 ? -1 : 0;
}

static void run_cases(const char *dir, load_fn load, size_t min_cases)
{
	size_t n, i;
	char **names;
	char cwd[4096];
	int failures = 0;

	assert_non_null(getcwd(cwd, sizeof(cwd)));
	names = casedir_list(dir, ".yaml", &n);
	assert_true(n >= min_cases);
	assert_int_equal(chdir(dir), 0);
	for (i = 0; i < n; i++) {
		struct eim_error err;
		char got[2048];
		char *exp_name = casedir_swap_suffix(names[i], ".yaml",
						     ".expected");
		char *want = casedir_read(exp_name, NULL);

		eim_error_init(&err);
		assert_non_null(want);
		casedir_chomp(want);
		if (load(names[i], &err)) {
			print_error("%s: loaded, wanted: %s\n", names[i], want);
			failures++;
		} else {
			eim_error_format(&err, got, sizeof(got));
			if (strcmp(got, want) != 0 || err.kind != EIM_DATA) {
				print_error("%s:\n  got:  %s (kind %d)\n"
					    "  want: %s\n", names[i], got,
					    (int)err.kind, want);
				failures++;
			}
		}
		free(want);
		free(exp_name);
	}
	assert_int_equal(chdir(cwd), 0);
	casedir_free_list(names, n);
	assert_int_equal(failures, 0);
}

static void test_bad_templates(void **state)
{
	(void)state;
	run_cases("tests/bad/template", load_template, 20);
}

static void test_bad_editions(void **state)
{
	(void)state;
	run_cases("tests/bad/edition", load_edition, 12);
}

/* The shipped templates load: the corpus is not refusing everything. */
static void test_good_templates(void **state)
{
	static const char *const good[] = { "report_templates/weekly.yaml",
					    "report_templates/summary.yaml" };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(*good); i++) {
		struct template_def *t = NULL;
		struct eim_error err;
		char msg[2048];

		eim_error_init(&err);
		if (template_load(good[i], &t, &err)) {
			eim_error_format(&err, msg, sizeof(msg));
			fail_msg("%s", msg);
		}
		assert_true(t->nsections > 0);
		template_free(t);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_templates),
		cmocka_unit_test(test_bad_editions),
		cmocka_unit_test(test_good_templates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
