/* test_chart_axis.c - nice ticks, number labels and date-axis ticks. The
 * fake measure makes every byte 5 pt wide. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "chart_axis.h"

static double measure(const char *s, void *ctx)
{
	(void)ctx;
	return 5.0 * (double)strlen(s);
}

static void test_nice_claimants(void **state)
{
	struct axis_ticks t;
	int i;

	(void)state;
	/* claimant count 0..131,560 with 8 ticks: step 20,000 */
	assert_int_equal(axis_nice_ticks(0, 131560, 8, AXIS_ZERO, &t), 0);
	assert_int_equal(t.n, 8);
	assert_true(t.step == 20000.0);
	for (i = 0; i < 8; i++)
		assert_true(t.v[i] == 20000.0 * i);
	assert_int_equal(t.decimals, 0);
}

static void test_nice_negative_and_fraction(void **state)
{
	struct axis_ticks t;

	(void)state;
	/* -3.7..2.2: raw step 1.18 -> 2 gives -4..4 (5 ticks) within 6 */
	assert_int_equal(axis_nice_ticks(-3.7, 2.2, 6, 0, &t), 0);
	assert_true(t.step == 2.0);
	assert_true(t.lo == -4.0 && t.hi == 4.0);
	assert_int_equal(t.n, 5);
	/* all negative with zero: -1250..0, step 250 */
	assert_int_equal(axis_nice_ticks(-1210, -300, 6, AXIS_ZERO, &t), 0);
	assert_true(t.hi == 0.0);
	assert_true(t.lo == -1250.0);
	assert_true(t.step == 250.0);
	assert_int_equal(t.n, 6);
	/* 0.1..0.9 with 5 ticks: step 0.25, two decimals */
	assert_int_equal(axis_nice_ticks(0.1, 0.9, 5, 0, &t), 0);
	assert_true(t.step == 0.25);
	assert_int_equal(t.decimals, 2);
	assert_true(t.lo == 0.0 && t.hi == 1.0);
}

static void test_nice_flat_and_pad(void **state)
{
	struct axis_ticks t;

	(void)state;
	/* flat 50: widened to 45..55 -> ticks 44..56 step 2 */
	assert_int_equal(axis_nice_ticks(50, 50, 8, 0, &t), 0);
	assert_true(t.lo < 50 && t.hi > 50);
	assert_true(t.step == 2.0);
	assert_true(t.lo == 44.0 && t.hi == 56.0);
	/* flat zero */
	assert_int_equal(axis_nice_ticks(0, 0, 6, 0, &t), 0);
	assert_true(t.lo == 0.0 && t.hi >= 1.0);
	/* pad below: a line chart 100..200 must not touch the bottom; padded
	 * to 95..200, step 20 would need 7 ticks (80..200), so 25: 75..200 */
	assert_int_equal(axis_nice_ticks(100, 200, 6, AXIS_PAD_BELOW, &t), 0);
	assert_true(t.lo < 100.0);
	assert_true(t.lo == 75.0 && t.hi == 200.0 && t.step == 25.0);
	/* but a bar chart starts at zero */
	assert_int_equal(axis_nice_ticks(100, 200, 6, AXIS_ZERO, &t), 0);
	assert_true(t.lo == 0.0 && t.hi == 200.0 && t.step == 50.0);
	assert_int_equal(axis_nice_ticks(0.0 / 0.0, 1, 6, 0, &t), -1);
}

static void test_format(void **state)
{
	char b[32];

	(void)state;
	axis_format(140000, 0, b, sizeof(b));
	assert_string_equal(b, "140,000");
	axis_format(-2.5, 1, b, sizeof(b));
	assert_string_equal(b, "\xe2\x88\x92" "2.5");
	axis_format(-0.0001, 1, b, sizeof(b));
	assert_string_equal(b, "0.0"); /* no minus on a rounded zero */
	axis_format(1234567.891, 2, b, sizeof(b));
	assert_string_equal(b, "1,234,567.89");
	axis_format(999, 0, b, sizeof(b));
	assert_string_equal(b, "999");
}

static void test_days(void **state)
{
	int y, m, d;
	struct period p;

	(void)state;
	assert_int_equal(period_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(period_days_from_civil(2000, 3, 1), 11017);
	period_civil_from_days(20412, &y, &m, &d); /* 2025-11-20 */
	assert_int_equal(y, 2025);
	assert_int_equal(m, 11);
	assert_int_equal(d, 20);
	/* ISO 2026-W47 starts on Monday 16 November 2026 */
	p.freq = PERIOD_WEEK;
	p.year = 2026;
	p.num = 47;
	assert_int_equal(axis_period_day(&p),
			 period_days_from_civil(2026, 11, 16));
	/* 2021-W01 starts on 4 January 2021; 2020-W53 on 28 Dec 2020 */
	p.year = 2021;
	p.num = 1;
	assert_int_equal(axis_period_day(&p),
			 period_days_from_civil(2021, 1, 4));
	p.year = 2020;
	p.num = 53;
	assert_int_equal(axis_period_day(&p),
			 period_days_from_civil(2020, 12, 28));
	p.freq = PERIOD_QUARTER;
	p.year = 2026;
	p.num = 3;
	assert_int_equal(axis_period_day(&p), period_days_from_civil(2026, 7, 1));
}

static void assert_no_overlap(const struct axis_date_ticks *t, double gap,
			      double width, double overhang)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		assert_true(t->x[i] - t->w[i] / 2 >= -overhang - 1e-9);
		assert_true(t->x[i] + t->w[i] / 2 <= width + overhang + 1e-9);
		if (i)
			assert_true(t->x[i - 1] + t->w[i - 1] / 2 + gap <=
				    t->x[i] - t->w[i] / 2 + 1e-9);
	}
}

static void test_date_60_months(void **state)
{
	struct axis_date_ticks t;
	long d0 = period_days_from_civil(2021, 11, 1);
	long d1 = period_days_from_civil(2026, 10, 1); /* 60 monthly points */

	(void)state;
	/* 400 pt: "Jan 2022" is 40 pt + 8 gap: quarterly needs 20 labels
	 * in 400 pt (too tight), half-yearly 10 x 48 = 480 (too tight),
	 * so yearly: Jan 2022 .. Jan 2026 */
	assert_int_equal(axis_date_ticks(d0, d1, PERIOD_MONTH, 400, 10, 8,
					 measure, NULL, &t), 0);
	assert_int_equal(t.unit, AXIS_YEARS);
	assert_int_equal(t.step, 12);
	assert_int_equal(t.n, 5);
	assert_string_equal(t.label[0], "2022");
	assert_string_equal(t.label[4], "2026");
	assert_int_equal(t.day[0], period_days_from_civil(2022, 1, 1));
	assert_no_overlap(&t, 8, 400, 10);
	/* 1,200 pt wide: quarterly would be 20 labels (more than
	 * AXIS_MAX_TICKS), half-yearly fits: 10 x 48 = 480 */
	assert_int_equal(axis_date_ticks(d0, d1, PERIOD_MONTH, 1200, 10, 8,
					 measure, NULL, &t), 0);
	assert_int_equal(t.unit, AXIS_MONTHS);
	assert_int_equal(t.step, 6);
	assert_int_equal(t.n, 10);
	assert_string_equal(t.label[0], "Jan 2022");
	assert_string_equal(t.label[1], "Jul 2022");
	assert_no_overlap(&t, 8, 1200, 10);
	/* 24 months in 800 pt: quarterly, Jan 2025 .. Oct 2026 */
	assert_int_equal(axis_date_ticks(period_days_from_civil(2024, 11, 1),
					 d1, PERIOD_MONTH, 800, 10, 8,
					 measure, NULL, &t), 0);
	assert_int_equal(t.step, 3);
	assert_int_equal(t.n, 8);
	assert_string_equal(t.label[0], "Jan 2025");
	assert_string_equal(t.label[7], "Oct 2026");
	assert_no_overlap(&t, 8, 800, 10);
}

static void test_date_quarters_and_weeks(void **state)
{
	struct axis_date_ticks t;

	(void)state;
	/* quarterly data over 2 years, wide: "Q1 2025" labels, never
	 * monthly */
	assert_int_equal(axis_date_ticks(period_days_from_civil(2024, 1, 1),
					 period_days_from_civil(2025, 10, 1),
					 PERIOD_QUARTER, 600, 0, 8, measure,
					 NULL, &t), 0);
	assert_int_equal(t.step, 3);
	assert_string_equal(t.label[0], "Q1 2024");
	assert_string_equal(t.label[7], "Q4 2025");
	assert_int_equal(t.n, 8);
	/* 12 weeks of weekly data, 300 pt: Monday ticks "d Mon" */
	assert_int_equal(axis_date_ticks(period_days_from_civil(2026, 8, 31),
					 period_days_from_civil(2026, 11, 16),
					 PERIOD_WEEK, 300, 0, 8, measure, NULL,
					 &t), 0);
	assert_int_equal(t.unit, AXIS_DAYS);
	assert_int_equal(t.step, 14);
	assert_string_equal(t.label[0], "31 Aug");
	assert_no_overlap(&t, 8, 300, 0);
	/* nothing fits in 10 pt */
	assert_int_equal(axis_date_ticks(0, 3650, PERIOD_MONTH, 10, 0, 8,
					 measure, NULL, &t), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nice_claimants),
		cmocka_unit_test(test_nice_negative_and_fraction),
		cmocka_unit_test(test_nice_flat_and_pad),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_days),
		cmocka_unit_test(test_date_60_months),
		cmocka_unit_test(test_date_quarters_and_weeks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
