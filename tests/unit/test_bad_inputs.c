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

static void test_bad_templates(void **state)
{
	(void)state;
	casedir_run_refused("tests/bad/template", load_template, 20);
}

static void test_bad_editions(void **state)
{
	(void)state;
	casedir_run_refused("tests/bad/edition", load_edition, 12);
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
