/* test_series.c - interning, sorting, filters and series_extract. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "series.h"

static void add(struct series_table *t, const char *geo, const char *measure,
		const char *mlabel, const char *period, double v, int has,
		const char *status)
{
	struct series_obs *o = series_table_add(t);

	o->codes[0] = series_intern(t, geo, strlen(geo));
	o->codes[1] = series_intern(t, measure, strlen(measure));
	o->labels[1] = series_intern(t, mlabel, strlen(mlabel));
	assert_int_equal(period_parse(period, strlen(period), &o->period), 0);
	o->value = v;
	o->has_value = has;
	snprintf(o->status, sizeof(o->status), "%s", status);
}

static void fill(struct series_table *t)
{
	static const char *const ids[] = { "GEOGRAPHY", "Measure" };

	series_table_init(t);
	series_table_set_dims(t, 2, ids);
	add(t, "E08000034", "10", "ten", "2026-02", 5, 1, "A");
	add(t, "E08000034", "2", "rate", "2026-02", 4.7, 1, "A");
	add(t, "E08000025", "1", "count", "2026-01", 100, 1, "A");
	add(t, "E08000025", "1", "count", "2025-12", 90, 1, "A");
	add(t, "E08000025", "1", "count", "2026-02", 0, 0, "Q");
	add(t, "E08000034", "1", "count", "2026-02", 13090, 1, "A");
}

static void test_intern(void **state)
{
	struct series_table t;
	const char *a, *b, *c;
	char buf[600];
	int i;
	(void)state;

	series_table_init(&t);
	a = series_intern(&t, "E08000034xyz", 9);
	b = series_intern(&t, "E08000034", 9);
	c = series_intern(&t, "E08000035", 9);
	assert_ptr_equal(a, b);
	assert_ptr_not_equal(a, c);
	assert_string_equal(a, "E08000034");
	/* many strings force rehashing; earlier pointers stay valid */
	for (i = 0; i < 5000; i++) {
		int n = snprintf(buf, sizeof(buf), "code-%d", i);
		series_intern(&t, buf, (size_t)n);
	}
	assert_ptr_equal(series_intern(&t, "E08000034", 9), a);
	assert_ptr_equal(series_intern(&t, "code-4999", 9),
			 series_intern(&t, "code-4999", 9));
	/* a string longer than a chunk is fine */
	memset(buf, 'x', sizeof(buf) - 1);
	buf[sizeof(buf) - 1] = '\0';
	assert_string_equal(series_intern(&t, buf, strlen(buf)), buf);
	series_table_release(&t);
}

static void test_dims_and_sort(void **state)
{
	struct series_table t;
	char p[PERIOD_TEXT_MAX];
	(void)state;

	fill(&t);
	assert_string_equal(t.dim_ids[0], "geography");
	assert_string_equal(t.dim_ids[1], "measure");
	assert_int_equal(t.dim_geo, 0);
	assert_int_equal(series_dim_index(&t, "MEASURE"), 1);
	assert_int_equal(series_dim_index(&t, "age"), -1);
	assert_string_equal(t.obs[0].labels[0], "");

	series_table_sort(&t);
	assert_int_equal(t.n, 6);
	/* E08000025 first, by period; then E08000034 measures 1, 2, 10 */
	assert_string_equal(t.obs[0].codes[0], "E08000025");
	period_format(&t.obs[0].period, p, sizeof(p));
	assert_string_equal(p, "2025-12");
	period_format(&t.obs[2].period, p, sizeof(p));
	assert_string_equal(p, "2026-02");
	assert_false(t.obs[2].has_value);
	assert_string_equal(t.obs[2].status, "Q");
	assert_string_equal(t.obs[3].codes[1], "1");
	assert_true(t.obs[3].value == 13090);
	assert_string_equal(t.obs[4].codes[1], "2");
	assert_string_equal(t.obs[5].codes[1], "10");
	series_table_release(&t);
}

static void test_filters(void **state)
{
	struct series_table t;
	struct series_filter f[2] = { { "measure", "rate" },
				      { "GEOGRAPHY", "E08000034" } };
	(void)state;

	fill(&t);
	assert_true(series_obs_matches(&t, &t.obs[1], f, 2)); /* by label */
	assert_false(series_obs_matches(&t, &t.obs[0], f, 2));
	f[0].value = "2";
	assert_true(series_obs_matches(&t, &t.obs[1], f, 2)); /* by code */
	f[0].dim = "nosuch";
	assert_false(series_obs_matches(&t, &t.obs[1], f, 1));
	assert_true(series_obs_matches(&t, &t.obs[1], NULL, 0));
	series_table_release(&t);
}

static void test_extract(void **state)
{
	struct series_table t;
	struct series s;
	struct series_filter f = { "measure", "1" };
	struct period p;
	(void)state;

	fill(&t);
	assert_int_equal(series_extract(&t, &f, 1, "E08000025", &s), 0);
	assert_int_equal(s.n, 3);
	assert_int_equal(s.periods[0].year, 2025);
	assert_int_equal(s.periods[0].num, 12);
	assert_true(s.values[0] == 90);
	assert_true(s.values[1] == 100);
	assert_true(s.has[1]);
	assert_false(s.has[2]);
	assert_string_equal(s.status[2], "Q");
	assert_int_equal(period_parse("2026-01", 7, &p), 0);
	assert_int_equal(series_find(&s, &p), 1);
	assert_int_equal(period_parse("2024-01", 7, &p), 0);
	assert_int_equal(series_find(&s, &p), -1);
	series_release(&s);

	/* no geography: two E080.. rows for 2026-02 measure 1 collide */
	assert_int_equal(series_extract(&t, &f, 1, NULL, &s), -1);
	series_release(&s);

	/* nothing matches: an empty series, not an error */
	assert_int_equal(series_extract(&t, &f, 1, "E99999999", &s), 0);
	assert_int_equal(s.n, 0);
	series_release(&s);
	series_table_release(&t);
}

/* series_latest_freq: the frequency of the latest period with a value
 * among the geographies named, as their extracted series would say; a
 * missing value, a period after the cut-off, a geography not named or
 * absent, or a filter that matches nothing do not count. */
static void test_latest_freq(void **state)
{
	struct series_table t;
	struct series_filter f = { "measure", "1" };
	struct series_filter none = { "measure", "99" };
	const char *both[] = { "E08000025", "E08000034", "E99999999" };
	const char *one[] = { "E08000025" };
	struct period p;
	(void)state;

	fill(&t);
	add(&t, "E08000025", "1", "count", "2026-Q2", 7, 1, "A");
	add(&t, "E08000025", "1", "count", "2027", 7, 0, "A");
	series_table_index(&t);
	/* 2026-Q2 ends after 2026-02 */
	assert_int_equal(series_latest_freq(&t, &f, 1, both, 3, -1),
			 PERIOD_QUARTER);
	/* cut off at the end of 2026-02: the months remain */
	assert_int_equal(period_parse("2026-02", 7, &p), 0);
	assert_int_equal(series_latest_freq(&t, &f, 1, both, 3,
					    period_end_day(&p)),
			 PERIOD_MONTH);
	assert_int_equal(series_latest_freq(&t, &f, 1, one, 1,
					    period_end_day(&p)),
			 PERIOD_MONTH);
	assert_int_equal(series_latest_freq(&t, &none, 1, both, 3, -1),
			 PERIOD_NONE);
	assert_int_equal(series_latest_freq(&t, &f, 1, both + 2, 1, -1),
			 PERIOD_NONE);
	series_table_release(&t);
}

/* Two series are the same: periods, values, presence and status. */
static void assert_same_series(const struct series *a,
			       const struct series *b)
{
	size_t i;

	assert_int_equal(a->n, b->n);
	for (i = 0; i < a->n; i++) {
		assert_int_equal(period_cmp(&a->periods[i], &b->periods[i]), 0);
		assert_int_equal(a->has[i], b->has[i]);
		assert_true(a->values[i] == b->values[i]);
		assert_string_equal(a->status[i], b->status[i]);
	}
}

/* series_table_index changes no answer of series_extract: each
 * geography of a table whose places come interleaved (more than 64 of
 * them, so the groups are merged after sorting) and in runs, a geography
 * absent from the table, and a stale index (observations added after
 * it) that must be ignored. */
static void test_extract_indexed(void **state)
{
	static const char *const dims[] = { "geography", "measure" };
	struct series_table plain, idx;
	struct series a, b;
	struct series_filter f = { "measure", "m1" };
	char code[16], per[16];
	int g, m, y;
	(void)state;

	series_table_init(&plain);
	series_table_init(&idx);
	series_table_set_dims(&plain, 2, dims);
	series_table_set_dims(&idx, 2, dims);
	plain.dim_geo = idx.dim_geo = 0;
	for (y = 0; y < 3; y++)
		for (g = 0; g < 70; g++)
			for (m = 0; m < 2; m++) {
				struct series_table *t[2] = { &plain, &idx };
				int k;

				snprintf(code, sizeof(code), "E%08d", g);
				snprintf(per, sizeof(per), "%d", 2020 + y);
				for (k = 0; k < 2; k++) {
					struct series_obs *o =
						series_table_add(t[k]);
					o->codes[0] = series_intern(t[k], code,
								    strlen(code));
					o->codes[1] = series_intern(t[k],
						m ? "m1" : "m0", 2);
					assert_int_equal(period_parse(per,
						strlen(per), &o->period), 0);
					o->value = g * 100 + y * 10 + m;
					o->has_value = (g + y) % 7 != 0;
				}
			}
	series_table_index(&idx);
	assert_int_equal(idx.ngeo_groups, 70);
	for (g = 0; g < 71; g++) {
		snprintf(code, sizeof(code), "E%08d", g);
		assert_int_equal(series_extract(&plain, &f, 1, code, &a), 0);
		assert_int_equal(series_extract(&idx, &f, 1, code, &b), 0);
		assert_int_equal(b.n, g < 70 ? 3 : 0);
		assert_same_series(&a, &b);
		if (g == 4) /* 2022, m1 */
			assert_true(b.has[2] && b.values[2] == 421);
		series_release(&a);
		series_release(&b);
	}
	/* an observation added after the index: it is found all the same */
	{
		struct series_obs *o = series_table_add(&idx);
		o->codes[0] = series_intern(&idx, "E00000005", 9);
		o->codes[1] = series_intern(&idx, "m1", 2);
		assert_int_equal(period_parse("2030", 4, &o->period), 0);
		o->value = 42;
		o->has_value = 1;
	}
	assert_int_equal(series_extract(&idx, &f, 1, "E00000005", &b), 0);
	assert_int_equal(b.n, 4);
	assert_true(b.values[3] == 42);
	series_release(&b);
	series_table_release(&plain);
	series_table_release(&idx);
}

/* (issue 20) a dropped observation's arrays serve the next one: rows a
 * reader drops cost no memory */
static void test_drop_last_reuses(void **state)
{
	struct series_table t;
	const char **codes;
	(void)state;

	fill(&t);
	codes = t.obs[t.n - 1].codes;
	series_table_drop_last(&t);
	assert_int_equal(t.n, 5);
	add(&t, "E08000026", "1", "count", "2026-02", 7, 1, "");
	assert_int_equal(t.n, 6);
	assert_ptr_equal(t.obs[5].codes, codes);
	assert_string_equal(t.obs[5].codes[0], "E08000026");
	assert_string_equal(t.obs[5].labels[0], "");
	series_table_release(&t);
}

static void test_check_unique(void **state)
{
	struct series_table t;
	struct eim_error err;
	(void)state;

	fill(&t);
	eim_error_init(&err);
	assert_int_equal(series_table_check_unique(&t, "f.csv", &err), 0);
	/* the same codes and period again, another value */
	add(&t, "E08000025", "1", "count", "2026-01", 101, 1, "A");
	assert_int_equal(series_table_check_unique(&t, "f.csv", &err), -1);
	assert_int_equal(err.kind, EIM_DATA);
	assert_string_equal(err.file, "f.csv");
	assert_string_equal(err.msg, "two observations for geography="
			    "E08000025, measure=1, period 2026-01: the feed "
			    "repeats itself (a paged download gone wrong?)");
	series_table_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_intern),
		cmocka_unit_test(test_drop_last_reuses),
		cmocka_unit_test(test_check_unique),
		cmocka_unit_test(test_dims_and_sort),
		cmocka_unit_test(test_filters),
		cmocka_unit_test(test_extract),
		cmocka_unit_test(test_extract_indexed),
		cmocka_unit_test(test_latest_freq),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
