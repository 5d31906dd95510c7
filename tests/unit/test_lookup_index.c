/* test_lookup_index.c - the two lookups made fast for the 100-indicator
 * build keep their answers: figures_find through its hash index (found,
 * missing, the first of equal figures, figures appended after a lookup)
 * and series_extract with geography and filters compared as interned
 * pointers (codes, labels, strings the table never saw, unknown
 * dimensions). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "figures.h"
#include "series.h"
#include "xalloc.h"

static void put(struct figure_set *set, const char *ind, const char *geo,
		const char *name, double v)
{
	struct figure *f;

	XGROW(set->items, set->cap, set->n + 1);
	f = &set->items[set->n++];
	memset(f, 0, sizeof(*f));
	f->indicator = xstrdup(ind);
	f->geography = xstrdup(geo);
	f->name = name;
	f->value = v;
}

static void test_figures_find(void **state)
{
	struct figure_set set;
	char ind[16], geo[16];
	const struct figure *f;
	int i, g;

	(void)state;
	figures_init(&set);
	assert_null(figures_find(&set, "m1", "E1", "latest"));
	/* 100 indicators x 11 places x 2 figures, value = i * 100 + g */
	for (i = 1; i <= 100; i++)
		for (g = 0; g < 11; g++) {
			snprintf(ind, sizeof(ind), "m%d", i);
			snprintf(geo, sizeof(geo), "E%d", g);
			put(&set, ind, geo, "latest", i * 100 + g);
			put(&set, ind, geo, "change_prev", -(i * 100 + g));
		}
	f = figures_find(&set, "m57", "E3", "latest");
	assert_non_null(f);
	assert_true(f->value == 5703);
	f = figures_find(&set, "m57", "E3", "change_prev");
	assert_non_null(f);
	assert_true(f->value == -5703);
	assert_null(figures_find(&set, "m57", "E11", "latest"));
	assert_null(figures_find(&set, "m101", "E3", "latest"));
	assert_null(figures_find(&set, "m57", "E3", "rank"));
	/* appended after a lookup: found, and an equal figure added later
	 * does not hide the first one */
	put(&set, "m200", "E1", "latest", 7);
	put(&set, "m57", "E3", "latest", 1);
	f = figures_find(&set, "m200", "E1", "latest");
	assert_non_null(f);
	assert_true(f->value == 7);
	f = figures_find(&set, "m57", "E3", "latest");
	assert_true(f->value == 5703);
	figures_release(&set);
	assert_null(figures_find(&set, "m57", "E3", "latest"));
}

static void add(struct series_table *t, const char *geo, const char *m,
		const char *mlabel, const char *period, double v)
{
	struct series_obs *o = series_table_add(t);

	o->codes[0] = series_intern(t, geo, strlen(geo));
	o->codes[1] = series_intern(t, m, strlen(m));
	o->labels[1] = series_intern(t, mlabel, strlen(mlabel));
	assert_int_equal(period_parse(period, strlen(period), &o->period), 0);
	o->value = v;
	o->has_value = 1;
}

static void test_series_extract(void **state)
{
	static const char *const ids[] = { "geography", "measure" };
	struct series_table t;
	struct series s;
	struct series_filter by_code = { "measure", "1" };
	struct series_filter by_label = { "measure", "rate" };
	struct series_filter unseen = { "measure", "3" };
	struct series_filter nodim = { "sex", "1" };

	(void)state;
	series_table_init(&t);
	series_table_set_dims(&t, 2, ids);
	add(&t, "E08000025", "1", "count", "2026-02", 100);
	add(&t, "E08000025", "2", "rate", "2026-02", 4.5);
	add(&t, "E08000025", "1", "count", "2026-01", 90);
	add(&t, "E08000026", "1", "count", "2026-02", 50);
	add(&t, "E08000026", "2", "rate", "2026-01", 3.5);

	assert_int_equal(series_extract(&t, &by_code, 1, "E08000025", &s), 0);
	assert_int_equal(s.n, 2); /* sorted by period */
	assert_true(s.values[0] == 90 && s.values[1] == 100);
	series_release(&s);
	assert_int_equal(series_extract(&t, &by_label, 1, "E08000026", &s), 0);
	assert_int_equal(s.n, 1);
	assert_true(s.values[0] == 3.5);
	series_release(&s);
	/* a geography or a value the table never saw: an empty series */
	assert_int_equal(series_extract(&t, &by_code, 1, "E08000099", &s), 0);
	assert_int_equal(s.n, 0);
	series_release(&s);
	assert_int_equal(series_extract(&t, &unseen, 1, "E08000025", &s), 0);
	assert_int_equal(s.n, 0);
	series_release(&s);
	/* a dimension the table lacks matches nothing */
	assert_int_equal(series_extract(&t, &nodim, 1, "E08000025", &s), 0);
	assert_int_equal(s.n, 0);
	series_release(&s);
	/* no filter, two measures in one month: two values, refused */
	assert_int_equal(series_extract(&t, NULL, 0, "E08000025", &s), -1);
	series_release(&s);
	series_table_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_figures_find),
		cmocka_unit_test(test_series_extract),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
