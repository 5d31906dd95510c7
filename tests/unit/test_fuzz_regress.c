/* test_fuzz_regress.c - replay every input kept under
 * tests/fuzz/regress/<target>/ (inputs that once crashed, leaked or hung
 * a fuzzer) through the same entry point as the fuzzer, so that `make
 * test` (and `make asan`/`make valgrind`) guards the fixes without clang.
 * Each entry point must return cleanly (0). */
#define _GNU_SOURCE 1 /* memfd_create in fuzz_targets.c */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "casedir.h"
#include "../fuzz/fuzz_targets.c"

#define REGRESS_DIR "tests/fuzz/regress"

static void test_replay(void **state)
{
	const struct fuzz_target *t;
	size_t total = 0;

	(void)state;
	for (t = fuzz_targets; t->name; t++) {
		char dir[256];
		char **names;
		size_t n, i;

		snprintf(dir, sizeof(dir), "%s/%s", REGRESS_DIR, t->name);
		names = casedir_list(dir, "", &n);
		for (i = 0; i < n; i++) {
			char path[512];
			size_t len = 0;
			char *data;

			if (names[i][0] == '.')
				continue;
			snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
			data = casedir_read(path, &len);
			assert_non_null(data);
			if (t->run((const uint8_t *)data, len) != 0)
				fail_msg("%s: %s did not return cleanly",
					 t->name, names[i]);
			free(data);
			total++;
		}
		casedir_free_list(names, n);
	}
	print_message("# replayed %zu inputs\n", total);
}

/* Every target survives the degenerate inputs. */
static void test_degenerate(void **state)
{
	static const char *const inputs[] = { "", "\n", "\xff", "---\n",
					      "{}", "[]", "\"", "a,b\n\"" };
	const struct fuzz_target *t;
	size_t i;

	(void)state;
	for (t = fuzz_targets; t->name; t++)
		for (i = 0; i < sizeof(inputs) / sizeof(*inputs); i++)
			assert_int_equal(t->run((const uint8_t *)inputs[i],
						strlen(inputs[i])), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_replay),
		cmocka_unit_test(test_degenerate),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
