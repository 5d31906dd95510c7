/* test_edition.c - edition files (SPEC §5.6): a good file, a missing
 * file, bad dates, unknown keys, key_issues not a list, issue numbers. */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "notes.h"
#include "tdir.h"
#include "xalloc.h"

static char *dir;

static int setup(void **state)
{
	(void)state;
	dir = tdir_make();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tdir_remove(dir);
	return 0;
}

static void put(const char *name, const char *text)
{
	char path[700];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Load week's edition; every problem into probs. */
static int load(int week, struct edition *e, struct eim_warnings *probs,
		struct eim_error *err)
{
	struct period w = { PERIOD_WEEK, 2026, week };

	eim_error_init(err);
	return edition_load(dir, &w, e, probs, err);
}

static void test_good(void **state)
{
	struct edition e;
	struct eim_warnings probs = { NULL, 0, 0 };
	struct eim_error err;
	char path[700];

	(void)state;
	put("2026-W47.yaml",
	    "published: 2026-11-20\n"
	    "issue: 143\n"
	    "lead: >\n"
	    "  The claimant count fell for a second month – by 1,200 –\n"
	    "  while vacancies held at £-pay levels.\n"
	    "key_issues:\n"
	    "  - Claimant count down 1.2% on the month\n"
	    "  - \"Wrexham (Wrecsam): ŵ survives\"\n"
	    "caveat: Figures for this week are provisional.\n");
	assert_int_equal(load(47, &e, &probs, &err), 0);
	assert_int_equal(probs.n, 0);
	snprintf(path, sizeof(path), "%s/2026-W47.yaml", dir);
	assert_string_equal(e.file, path);
	assert_string_equal(e.published, "2026-11-20");
	assert_int_equal(e.issue, 143);
	assert_string_equal(e.lead, "The claimant count fell for a second "
			    "month \xE2\x80\x93 by 1,200 \xE2\x80\x93 while "
			    "vacancies held at \xC2\xA3-pay levels.");
	assert_int_equal(e.nkey_issues, 2);
	assert_string_equal(e.key_issues[0],
			    "Claimant count down 1.2% on the month");
	assert_string_equal(e.key_issues[1],
			    "Wrexham (Wrecsam): \xC5\xB5 survives");
	assert_string_equal(e.caveat,
			    "Figures for this week are provisional.");
	/* The file's number wins over the count from the first issue. */
	assert_int_equal(edition_issue_number(&e, &(struct period){
			PERIOD_WEEK, 2026, 47 }, "2026-W01", 100, NULL), 143);
	edition_release(&e);
	assert_null(e.file);
}

static void test_minimal(void **state)
{
	struct edition e;
	struct eim_error err;

	(void)state;
	put("2026-W46.yaml", "published: '2026-11-13'\n");
	assert_int_equal(load(46, &e, NULL, &err), 0);
	assert_string_equal(e.published, "2026-11-13");
	assert_int_equal(e.issue, 0);
	assert_null(e.lead);
	assert_null(e.caveat);
	assert_int_equal(e.nkey_issues, 0);
	edition_release(&e);
}

static void test_missing(void **state)
{
	struct edition e;
	struct eim_warnings probs = { NULL, 0, 0 };
	struct eim_error err;

	(void)state;
	assert_int_equal(load(12, &e, &probs, &err), 0);
	assert_null(e.file);
	assert_null(e.published);
	assert_null(e.lead);
	assert_int_equal(probs.n, 0);
	assert_int_equal(err.kind, EIM_OK);
	edition_release(&e);
}

/* Load the file text as week 40 and compare every message (the file
 * name stripped) with want[0..n). */
static void expect(const char *text, const char *const *want, size_t n)
{
	struct edition e;
	struct eim_warnings probs = { NULL, 0, 0 };
	struct eim_error err;
	char prefix[700];
	size_t i, pl;

	put("2026-W40.yaml", text);
	assert_int_equal(load(40, &e, &probs, &err), -1);
	assert_int_equal(err.kind, EIM_DATA);
	assert_null(e.file);
	pl = (size_t)snprintf(prefix, sizeof(prefix), "%s/2026-W40.yaml:",
			      dir);
	for (i = 0; i < probs.n && i < n; i++) {
		assert_memory_equal(probs.items[i], prefix, pl);
		assert_string_equal(probs.items[i] + pl, want[i]);
	}
	assert_int_equal(probs.n, n);
	edition_release(&e);
	eim_warnings_release(&probs);
}

static void test_bad_date(void **state)
{
	static const char *const want[] = {
		"1:12: 'published' must be a real date written YYYY-MM-DD, "
		"not '2026-02-29'",
	};
	(void)state;
	expect("published: 2026-02-29\nlead: Fine.\n", want, 1);
}

static void test_unknown_key(void **state)
{
	static const char *const want[] = {
		"1:1: unknown key 'publshed' (did you mean 'published'?)",
		"1:1: missing required key 'published'",
		"2:1: unknown key 'key_issue' (did you mean 'key_issues'?)",
	};
	(void)state;
	expect("publshed: 2026-10-02\nkey_issue:\n  - One\n", want, 3);
}

static void test_key_issues_not_list(void **state)
{
	static const char *const want[] = {
		"3:3: 'key_issues' must be a list, not a mapping",
	};
	(void)state;
	expect("published: 2026-10-02\nkey_issues:\n  first: One\n", want, 1);
}

static void test_other_errors(void **state)
{
	static const char *const want[] = {
		"2:8: 'issue': must be a whole number from 1",
		"3:7: 'lead' must be text, not a list",
		"6:5: 'key_issues' must not hold an empty item",
		"7:9: 'caveat' must not be empty",
	};
	static const char *const want_top[] = {
		"1:1: an edition file must be a mapping, not a list",
	};
	static const char *const want_issue[] = {
		"2:8: 'issue' must be a whole number, not 'forty'",
	};
	(void)state;
	expect("published: 2026-10-02\nissue: 0\nlead: [a]\nkey_issues:\n"
	       "  - One\n  - ''\ncaveat: \"\"\n", want, 4);
	expect("- published: 2026-10-02\n", want_top, 1);
	expect("published: 2026-10-02\nissue: forty\n", want_issue, 1);
}

static void test_issue_number(void **state)
{
	struct period w = { PERIOD_WEEK, 2026, 47 };
	struct period y = { PERIOD_WEEK, 2027, 2 };

	(void)state;
	/* From 2026-W01 (issue 1) to W47: 46 weeks later. */
	assert_int_equal(edition_issue_number(NULL, &w, "2026-W01", 1, NULL),
			 47);
	assert_int_equal(edition_issue_number(NULL, &w, "2026-W01", 0,
					      "week"), 47);
	assert_int_equal(edition_issue_number(NULL, &w, "2026-W40", 100,
					      NULL), 107);
	/* Fortnightly: 46 weeks are 23 fortnights. */
	assert_int_equal(edition_issue_number(NULL, &w, "2026-W01", 1,
					      "fortnight"), 24);
	/* Across a 53-week year: 2026-W52 -> W53 -> 2027-W01 -> W02. */
	assert_int_equal(edition_issue_number(NULL, &y, "2026-W52", 10,
					      NULL), 13);
	/* Before the first issue, or no first week: unknown. */
	assert_int_equal(edition_issue_number(NULL, &w, "2026-W48", 1, NULL),
			 0);
	assert_int_equal(edition_issue_number(NULL, &w, NULL, 1, NULL), 0);
	assert_int_equal(edition_issue_number(NULL, &w, "2026-47", 1, NULL),
			 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_minimal),
		cmocka_unit_test(test_missing),
		cmocka_unit_test(test_bad_date),
		cmocka_unit_test(test_unknown_key),
		cmocka_unit_test(test_key_issues_not_list),
		cmocka_unit_test(test_other_errors),
		cmocka_unit_test(test_issue_number),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
