/* test_fmt.c - display formatting: tables of value -> expected text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "config.h"
#include "fmt.h"

#define M FMT_MINUS

struct num_case {
	double v;
	int dec;
	const char *want;
};

static void test_number(void **state)
{
	static const struct num_case cases[] = {
		{ 131560, 0, "131,560" },
		{ 0, 0, "0" },
		{ 999, 0, "999" },
		{ 1000, 0, "1,000" },
		{ 999999.5, 0, "1,000,000" },
		{ 1234567.891, 2, "1,234,567.89" },
		{ -1240, 0, M "1,240" },
		{ 0.5, 0, "1" },      /* half away from zero */
		{ -0.5, 0, M "1" },
		{ 1.5, 0, "2" },
		{ 2.5, 0, "3" },      /* not banker's rounding */
		{ 2.675, 2, "2.68" }, /* binary 2.67499999... */
		{ 1.005, 2, "1.01" },
		{ -0.125, 2, M "0.13" },
		{ -0.004, 2, "0.00" }, /* never "-0" */
		{ -0.4, 0, "0" },
		{ -0.0, 1, "0.0" },
		{ 0.05, 1, "0.1" },
		{ 6.4, 1, "6.4" },
		{ 58.5, 1, "58.5" },
		{ 9.95, 1, "10.0" },
		{ 99.95, 1, "100.0" },
		{ 1e15, 0, "1,000,000,000,000,000" },
		{ 0.000123, 4, "0.0001" },
		{ 123.456, -1, "123" }, /* negative decimals read as 0 */
	};
	char buf[FMT_MAX];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(fmt_number(buf, sizeof(buf), cases[i].v,
					       cases[i].dec),
				    cases[i].want);
	assert_string_equal(fmt_number(buf, sizeof(buf), NAN, 0), "n/a");
	assert_string_equal(fmt_plain(buf, sizeof(buf), 2026, 0), "2026");
	assert_string_equal(fmt_plain(buf, sizeof(buf), -12345.6, 1),
			    M "12345.6");
}

static void test_signed(void **state)
{
	static const struct num_case cases[] = {
		{ 1240, 0, "+1,240" },
		{ -1240, 0, M "1,240" },
		{ 0, 0, "0" },
		{ 0.4, 0, "0" },
		{ -0.4, 0, "0" },
		{ 0.05, 1, "+0.1" },
		{ -0.05, 1, M "0.1" },
		{ 12300, 0, "+12,300" },
	};
	char buf[FMT_MAX];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(fmt_signed(buf, sizeof(buf), cases[i].v,
					       cases[i].dec),
				    cases[i].want);
}

static void test_gbp(void **state)
{
	static const struct num_case cases[] = {
		{ 12300, 0, "£12,300" },
		{ 12300.456, 2, "£12,300.46" },
		{ 999999.4, 0, "£999,999" },
		{ 999999.7, 0, "£1.0m" },
		{ 3.44e6, 0, "£3.4m" },
		{ 9.96e6, 0, "£10m" },
		{ 340e6, 0, "£340m" },
		{ 340.5e6, 0, "£341m" },
		{ 999.6e6, 0, "£1.0bn" },
		{ 1.2e9, 0, "£1.2bn" },
		{ 106.74e9, 0, "£106.7bn" },
		{ -1.2e9, 0, M "£1.2bn" },
		{ 0, 0, "£0" },
	};
	char buf[FMT_MAX];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(fmt_gbp(buf, sizeof(buf), cases[i].v,
					    cases[i].dec),
				    cases[i].want);
	assert_string_equal(fmt_gbp_signed(buf, sizeof(buf), 340e6, 0),
			    "+£340m");
	assert_string_equal(fmt_gbp_signed(buf, sizeof(buf), -12300, 0),
			    M "£12,300");
}

static void test_percent(void **state)
{
	char buf[FMT_MAX];

	(void)state;
	assert_string_equal(fmt_percent(buf, sizeof(buf), 6.4, 1), "6.4%");
	assert_string_equal(fmt_percent(buf, sizeof(buf), 6.44999, 1),
			    "6.4%");
	assert_string_equal(fmt_percent_signed(buf, sizeof(buf),
					       -0.9337349, 1),
			    M "0.9%");
	assert_string_equal(fmt_percent_signed(buf, sizeof(buf), 9.3, 1),
			    "+9.3%");
	assert_string_equal(fmt_percent_signed(buf, sizeof(buf), -0.01, 1),
			    "0.0%");
	assert_string_equal(fmt_pp(buf, sizeof(buf), 0.2, 1), "+0.2pp");
	assert_string_equal(fmt_pp(buf, sizeof(buf), -1.5, 1), M "1.5pp");
	assert_string_equal(fmt_pp(buf, sizeof(buf), 0.04, 1), "0.0pp");
}

static void test_units(void **state)
{
	char buf[FMT_MAX];

	(void)state;
	assert_string_equal(fmt_value(buf, sizeof(buf), 131560, UNIT_COUNT, 0),
			    "131,560");
	assert_string_equal(fmt_value(buf, sizeof(buf), 6.4, UNIT_RATE, 1),
			    "6.4%");
	assert_string_equal(fmt_value(buf, sizeof(buf), 6.4, UNIT_PERCENT, 1),
			    "6.4%");
	assert_string_equal(fmt_value(buf, sizeof(buf), 1.2e9, UNIT_GBP, 0),
			    "£1.2bn");
	assert_string_equal(fmt_value(buf, sizeof(buf), 51.2, UNIT_INDEX, 1),
			    "51.2");
	assert_string_equal(fmt_change(buf, sizeof(buf), -1240, UNIT_COUNT,
				       0),
			    M "1,240");
	assert_string_equal(fmt_change(buf, sizeof(buf), 0.2, UNIT_RATE, 1),
			    "+0.2pp");
	assert_string_equal(fmt_change(buf, sizeof(buf), 340e6, UNIT_GBP, 0),
			    "+£340m");
	assert_string_equal(fmt_change(buf, sizeof(buf), -7.3, UNIT_INDEX, 1),
			    M "7.3");
}

static void test_round(void **state)
{
	(void)state;
	assert_true(fmt_round(2.675, 2) == 2.68);
	assert_true(fmt_round(-2.5, 0) == -3.0);
	assert_true(fmt_round(0.049, 1) == 0.0);
	assert_false(signbit(fmt_round(-0.04, 1))); /* +0, not -0 */
	assert_true(fmt_round(131560.4, 0) == 131560.0);
}

/* Values compared as displayed: equal when they print the same. */
static void test_value_cmp(void **state)
{
	static const struct {
		double a, b;
		int unit, dec, want;
	} c[] = {
		{ 6.84, 6.81, UNIT_PERCENT, 1, 0 },   /* 6.8% and 6.8% */
		{ 6.86, 6.84, UNIT_PERCENT, 1, 1 },   /* 6.9% and 6.8% */
		{ 8.62, 8.58, UNIT_RATE, 1, 0 },
		{ 100.4, 100, UNIT_COUNT, 0, 0 },
		{ 100.5, 100, UNIT_COUNT, 0, 1 },     /* half away from zero */
		{ -2.5, -2.4, UNIT_INDEX, 0, -1 },    /* -3 and -2 */
		{ 3449000, 3351000, UNIT_GBP, 0, 0 }, /* £3.4m and £3.4m */
		{ 3449000, 3451000, UNIT_GBP, 0, -1 },/* £3.4m and £3.5m */
		{ 1.04e9, 1.01e9, UNIT_GBP, 0, 0 },   /* £1.0bn twice */
		{ 999999.7, 1e6, UNIT_GBP, 0, 0 },    /* £1.0m twice */
		{ 12300, 12301, UNIT_GBP, 0, -1 },    /* £12,300, £12,301 */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		int got = fmt_value_cmp(c[i].a, c[i].b, c[i].unit, c[i].dec);

		if (got != c[i].want)
			fail_msg("case %zu: %g vs %g: %d, want %d", i, c[i].a,
				 c[i].b, got, c[i].want);
	}
	assert_true(fmt_value_shown(3449000, UNIT_GBP, 0) == 3400000.0);
	assert_true(fmt_value_shown(6.84, UNIT_PERCENT, 1) == 6.8);
}

static void test_ordinal(void **state)
{
	static const struct {
		long n;
		const char *want;
	} cases[] = {
		{ 1, "1st" }, { 2, "2nd" }, { 3, "3rd" }, { 4, "4th" },
		{ 6, "6th" }, { 10, "10th" }, { 11, "11th" }, { 12, "12th" },
		{ 13, "13th" }, { 21, "21st" }, { 22, "22nd" }, { 23, "23rd" },
		{ 101, "101st" }, { 111, "111th" }, { 112, "112th" },
		{ 113, "113th" }, { 0, "0th" },
	};
	char buf[FMT_MAX];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(fmt_ordinal(buf, sizeof(buf), cases[i].n),
				    cases[i].want);
	assert_string_equal(fmt_rank(buf, sizeof(buf), 6, 12, 0),
			    "6th of 12");
	assert_string_equal(fmt_rank(buf, sizeof(buf), 2, 7, 1),
			    "joint 2nd of 7");
}

static void test_dates(void **state)
{
	static const struct {
		struct period p;
		const char *label, *phrase;
	} cases[] = {
		{ { PERIOD_MONTH, 2026, 10 }, "October 2026",
		  "in October 2026" },
		{ { PERIOD_MONTH, 2020, 3 }, "March 2020", "in March 2020" },
		{ { PERIOD_YEAR, 2025, 0 }, "2025", "in 2025" },
		{ { PERIOD_QUARTER, 2026, 2 }, "Q2 2026", "in Q2 2026" },
		/* W47 2026: Monday 16 to Sunday 22 November */
		{ { PERIOD_WEEK, 2026, 47 }, "week 47 2026",
		  "in the week to 22 November 2026" },
		/* W53 2020 ends on Sunday 3 January 2021 */
		{ { PERIOD_WEEK, 2020, 53 }, "week 53 2020",
		  "in the week to 3 January 2021" },
		/* W01 2026 ends on Sunday 4 January 2026 */
		{ { PERIOD_WEEK, 2026, 1 }, "week 1 2026",
		  "in the week to 4 January 2026" },
		/* day 322 of 2026 = 18 November */
		{ { PERIOD_DAY, 2026, 322 }, "18 November 2026",
		  "on 18 November 2026" },
		{ { PERIOD_ROLL12, 2025, 9 }, "the 12 months to September 2025",
		  "in the 12 months to September 2025" },
	};
	char buf[FMT_MAX];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_string_equal(fmt_period(buf, sizeof(buf), &cases[i].p),
				    cases[i].label);
		assert_string_equal(fmt_period_phrase(buf, sizeof(buf),
						      &cases[i].p),
				    cases[i].phrase);
	}
	assert_string_equal(fmt_month(buf, sizeof(buf), 2026, 10),
			    "October 2026");
	assert_string_equal(fmt_month_name(13), "?");
	assert_string_equal(fmt_week(buf, sizeof(buf), 2026, 47),
			    "week 47 2026");
	assert_string_equal(fmt_week_to(buf, sizeof(buf), 2026, 11, 20),
			    "the week to 20 November 2026");
	assert_string_equal(fmt_date(buf, sizeof(buf), 2026, 11, 20),
			    "20 November 2026");
}

static void test_small_buffer(void **state)
{
	char buf[6];

	(void)state;
	assert_string_equal(fmt_number(buf, sizeof(buf), 131560, 0), "131,5");
	assert_string_equal(fmt_period(buf, sizeof(buf),
				       &(struct period){ PERIOD_MONTH, 2026,
							 10 }),
			    "Octob");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_number),
		cmocka_unit_test(test_signed),
		cmocka_unit_test(test_gbp),
		cmocka_unit_test(test_percent),
		cmocka_unit_test(test_units),
		cmocka_unit_test(test_round),
		cmocka_unit_test(test_value_cmp),
		cmocka_unit_test(test_ordinal),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_small_buffer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
