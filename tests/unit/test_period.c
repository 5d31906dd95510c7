/* test_period.c - period parsing, canonical text, ISO weeks, arithmetic
 * and labels. Expected values worked out by hand from the calendar. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "period.h"

struct parse_case {
	const char *text;
	const char *canonical; /* NULL: must not parse */
	enum period_freq freq;
};

static const struct parse_case parse_cases[] = {
	/* canonical forms */
	{ "2026", "2026", PERIOD_YEAR },
	{ "2026-Q2", "2026-Q2", PERIOD_QUARTER },
	{ "2026-02", "2026-02", PERIOD_MONTH },
	{ "2026-W47", "2026-W47", PERIOD_WEEK },
	{ "2026-W01", "2026-W01", PERIOD_WEEK },
	{ "2026-11-18", "2026-11-18", PERIOD_DAY },
	/* leap days: every 4th year, not centuries, but every 400th */
	{ "2024-02-29", "2024-02-29", PERIOD_DAY },
	{ "2000-02-29", "2000-02-29", PERIOD_DAY },
	{ "2025-09/12M", "2025-09/12M", PERIOD_ROLL12 },
	/* publisher forms */
	{ "February 2026", "2026-02", PERIOD_MONTH },
	{ "Feb 2026", "2026-02", PERIOD_MONTH },
	{ "1989 JAN", "1989-01", PERIOD_MONTH },
	{ "2013 DEC", "2013-12", PERIOD_MONTH },
	{ "1989 Q1", "1989-Q1", PERIOD_QUARTER },
	{ "2024 Q2", "2024-Q2", PERIOD_QUARTER },
	{ "Q3 2024", "2024-Q3", PERIOD_QUARTER },
	{ "Sep-16", "2016-09", PERIOD_MONTH },
	{ "Jan-88", "1988-01", PERIOD_MONTH },
	{ "Oct 2024-Sep 2025", "2025-09/12M", PERIOD_ROLL12 },
	{ "Jan 2025-Dec 2025", "2025-12/12M", PERIOD_ROLL12 },
	{ "02 Jan 2019", "2019-01-02", PERIOD_DAY },
	{ "31 Jan 2024", "2024-01-31", PERIOD_DAY },
	{ "2025 NOV-JAN", "2025-12", PERIOD_MONTH },
	{ "2025 DEC-FEB", "2026-01", PERIOD_MONTH },
	{ "2025 JAN-MAR", "2025-02", PERIOD_MONTH },
	{ "  2026-02  ", "2026-02", PERIOD_MONTH },
	{ "1955 Q2", "1955-Q2", PERIOD_QUARTER },
	/* ISO week-years with a week 53 */
	{ "2020-W53", "2020-W53", PERIOD_WEEK },
	{ "2026-W53", "2026-W53", PERIOD_WEEK },
	{ "2015-W53", "2015-W53", PERIOD_WEEK },
	/* rejects */
	{ "2025-W53", NULL, PERIOD_NONE },
	{ "2021-W53", NULL, PERIOD_NONE },
	{ "2026-13", NULL, PERIOD_NONE },
	{ "2026-00", NULL, PERIOD_NONE },
	{ "2026-Q5", NULL, PERIOD_NONE },
	{ "2026-02-30", NULL, PERIOD_NONE },
	{ "2025-02-29", NULL, PERIOD_NONE },
	{ "2100-02-29", NULL, PERIOD_NONE },
	{ "1900-02-29", NULL, PERIOD_NONE },
	{ "Oct 2024-Mar 2025", NULL, PERIOD_NONE },
	{ "2025 NOV-FEB", NULL, PERIOD_NONE },
	{ "Foo 2026", NULL, PERIOD_NONE },
	{ "", NULL, PERIOD_NONE },
	{ "20260", NULL, PERIOD_NONE },
	{ "2026-02x", NULL, PERIOD_NONE },
	{ "2025-09/6M", NULL, PERIOD_NONE },
};

static void test_parse_table(void **state)
{
	size_t i;
	(void)state;

	for (i = 0; i < sizeof(parse_cases) / sizeof(*parse_cases); i++) {
		const struct parse_case *c = &parse_cases[i];
		struct period p;
		char buf[PERIOD_TEXT_MAX];
		int rc = period_parse(c->text, strlen(c->text), &p);

		if (!c->canonical) {
			if (rc != -1)
				fail_msg("'%s' parsed but should not", c->text);
			continue;
		}
		if (rc != 0)
			fail_msg("'%s' did not parse", c->text);
		period_format(&p, buf, sizeof(buf));
		if (strcmp(buf, c->canonical) != 0 || p.freq != c->freq)
			fail_msg("'%s' -> '%s', wanted '%s'", c->text, buf,
				 c->canonical);
	}
}

static void test_parse_len(void **state)
{
	struct period p;
	(void)state;
	/* only the first len bytes count */
	assert_int_equal(period_parse("2026-02,rest", 7, &p), 0);
	assert_int_equal(p.freq, PERIOD_MONTH);
	assert_int_equal(p.year, 2026);
	assert_int_equal(p.num, 2);
}

struct week_case {
	int y, m, d;
	const char *week;
};

static const struct week_case week_cases[] = {
	{ 2024, 12, 30, "2025-W01" }, /* Monday, belongs to next week-year */
	{ 2021, 1, 3, "2020-W53" },   /* Sunday, belongs to previous */
	{ 2021, 1, 4, "2021-W01" },
	{ 2020, 12, 31, "2020-W53" },
	{ 2026, 11, 18, "2026-W47" },
	{ 2026, 11, 16, "2026-W47" },
	{ 2026, 11, 22, "2026-W47" },
	{ 2026, 11, 23, "2026-W48" },
	{ 2026, 1, 1, "2026-W01" },   /* Thursday */
	{ 2025, 12, 29, "2026-W01" },
	{ 2026, 12, 31, "2026-W53" },
	{ 2027, 1, 3, "2026-W53" },
	{ 2027, 1, 4, "2027-W01" },
	{ 2008, 12, 29, "2009-W01" },
	{ 2010, 1, 3, "2009-W53" },
};

static void test_iso_weeks(void **state)
{
	size_t i;
	(void)state;

	assert_int_equal(period_iso_weeks(2020), 53);
	assert_int_equal(period_iso_weeks(2026), 53);
	assert_int_equal(period_iso_weeks(2015), 53);
	assert_int_equal(period_iso_weeks(2009), 53);
	assert_int_equal(period_iso_weeks(2021), 52);
	assert_int_equal(period_iso_weeks(2025), 52);
	assert_int_equal(period_iso_weeks(2024), 52);
	for (i = 0; i < sizeof(week_cases) / sizeof(*week_cases); i++) {
		const struct week_case *c = &week_cases[i];
		char buf[PERIOD_TEXT_MAX];
		struct period p = period_of_day(
			period_days_from_civil(c->y, c->m, c->d), PERIOD_WEEK);
		period_format(&p, buf, sizeof(buf));
		if (strcmp(buf, c->week) != 0)
			fail_msg("%04d-%02d-%02d -> %s, wanted %s", c->y, c->m,
				 c->d, buf, c->week);
	}
}

static void test_start_end(void **state)
{
	struct period p;
	int y, m, d;
	(void)state;

	assert_int_equal(period_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(period_days_from_civil(2000, 3, 1), 11017);
	period_civil_from_days(11017, &y, &m, &d);
	assert_int_equal(y, 2000);
	assert_int_equal(m, 3);
	assert_int_equal(d, 1);

	assert_int_equal(period_parse("2026-W47", 8, &p), 0);
	assert_int_equal(period_start_day(&p),
			 period_days_from_civil(2026, 11, 16));
	assert_int_equal(period_end_day(&p),
			 period_days_from_civil(2026, 11, 22));
	assert_int_equal(period_parse("2025-09/12M", 11, &p), 0);
	assert_int_equal(period_start_day(&p),
			 period_days_from_civil(2024, 10, 1));
	assert_int_equal(period_end_day(&p),
			 period_days_from_civil(2025, 9, 30));
	assert_int_equal(period_parse("2024-Q1", 7, &p), 0);
	assert_int_equal(period_end_day(&p),
			 period_days_from_civil(2024, 3, 31));
	assert_int_equal(period_parse("2024-02", 7, &p), 0);
	assert_int_equal(period_end_day(&p),
			 period_days_from_civil(2024, 2, 29));
}

struct add_case {
	const char *from;
	int n;
	const char *to;
};

static const struct add_case add_cases[] = {
	{ "2025-12", 1, "2026-01" },
	{ "2026-01", -13, "2024-12" },
	{ "2024-Q4", 1, "2025-Q1" },
	{ "2024-Q1", -5, "2022-Q4" },
	{ "2026", -3, "2023" },
	{ "2026-W52", 1, "2026-W53" },
	{ "2026-W52", 2, "2027-W01" },
	{ "2020-W53", 1, "2021-W01" },
	{ "2021-W01", -1, "2020-W53" },
	{ "2024-02-28", 1, "2024-02-29" },
	{ "2024-12-31", 1, "2025-01-01" },
	{ "2025-09/12M", 1, "2025-10/12M" },
	{ "2025-01/12M", -1, "2024-12/12M" },
};

/* period_cmp's contract (period.h): by start date, then frequency;
 * equal only if identical. 2026, 2026-Q1, 2026-01, 2026-01-01 all start
 * on 1 January: they order year < quarter < month < day, never equal. */
static void test_cmp_same_start(void **state)
{
	static const char *const same[] = { "2026", "2026-Q1", "2026-01",
					    "2026-01-01" };
	struct period p[4];
	size_t i, j;

	(void)state;
	for (i = 0; i < 4; i++)
		assert_int_equal(period_parse(same[i], strlen(same[i]), &p[i]),
				 0);
	for (i = 0; i < 4; i++)
		for (j = 0; j < 4; j++) {
			int want = i < j ? -1 : i > j ? 1 : 0;

			if (period_cmp(&p[i], &p[j]) != want)
				fail_msg("period_cmp(%s, %s) is %d, want %d",
					 same[i], same[j],
					 period_cmp(&p[i], &p[j]), want);
		}
}

static void test_add_diff(void **state)
{
	size_t i;
	(void)state;

	for (i = 0; i < sizeof(add_cases) / sizeof(*add_cases); i++) {
		const struct add_case *c = &add_cases[i];
		struct period a, b, r;
		char buf[PERIOD_TEXT_MAX];

		assert_int_equal(period_parse(c->from, strlen(c->from), &a), 0);
		assert_int_equal(period_parse(c->to, strlen(c->to), &b), 0);
		r = period_add(a, c->n);
		period_format(&r, buf, sizeof(buf));
		if (strcmp(buf, c->to) != 0)
			fail_msg("%s %+d -> %s, wanted %s", c->from, c->n, buf,
				 c->to);
		assert_int_equal(period_diff(&a, &b), c->n);
		assert_int_equal(period_diff(&b, &a), -c->n);
	}
}

struct ago_case {
	const char *from;
	const char *to; /* "" : none */
};

static const struct ago_case ago_cases[] = {
	{ "2026-02", "2025-02" },
	{ "2026-Q2", "2025-Q2" },
	{ "2026", "2025" },
	{ "2026-W47", "2025-W47" },
	{ "2026-W53", "" },       /* 2025 has 52 weeks */
	{ "2021-W01", "2020-W01" },
	{ "2026-11-18", "2025-11-18" },
	{ "2024-02-29", "" },
	{ "2024-03-01", "2023-03-01" },
	{ "2025-09/12M", "2024-09/12M" },
};

static void test_year_ago(void **state)
{
	size_t i;
	(void)state;

	for (i = 0; i < sizeof(ago_cases) / sizeof(*ago_cases); i++) {
		struct period a, r;
		char buf[PERIOD_TEXT_MAX];

		assert_int_equal(period_parse(ago_cases[i].from,
					      strlen(ago_cases[i].from), &a), 0);
		r = period_year_ago(a);
		period_format(&r, buf, sizeof(buf));
		if (strcmp(buf, ago_cases[i].to) != 0)
			fail_msg("year ago of %s -> '%s', wanted '%s'",
				 ago_cases[i].from, buf, ago_cases[i].to);
		if (!*ago_cases[i].to)
			assert_int_equal(r.freq, PERIOD_NONE);
	}
}

static void test_cmp(void **state)
{
	struct period a, b;
	enum period_freq f;
	(void)state;

	assert_int_equal(period_parse("Sep-16", 6, &a), 0);
	assert_int_equal(period_parse("Oct-15", 6, &b), 0);
	assert_true(period_cmp(&a, &b) > 0);
	assert_true(period_cmp(&b, &a) < 0);
	assert_int_equal(period_parse("2016 SEP", 8, &b), 0);
	assert_int_equal(period_cmp(&a, &b), 0);
	assert_true(period_eq(&a, &b));
	/* same start, different frequency: not equal */
	assert_int_equal(period_parse("2016-Q3", 7, &a), 0);
	assert_int_equal(period_parse("2016-07", 7, &b), 0);
	assert_true(period_cmp(&a, &b) != 0);
	assert_false(period_eq(&a, &b));

	assert_string_equal(period_freq_name(PERIOD_WEEK), "week");
	assert_int_equal(period_freq_parse("month", &f), 0);
	assert_int_equal(f, PERIOD_MONTH);
	assert_int_equal(period_freq_parse("fortnight", &f), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_table),
		cmocka_unit_test(test_parse_len),
		cmocka_unit_test(test_iso_weeks),
		cmocka_unit_test(test_start_end),
		cmocka_unit_test(test_cmp_same_start),
		cmocka_unit_test(test_add_diff),
		cmocka_unit_test(test_year_ago),
		cmocka_unit_test(test_cmp),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
