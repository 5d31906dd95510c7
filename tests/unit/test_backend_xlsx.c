/* test_backend_xlsx.c - the data download's pure helpers: sheet names
 * Excel accepts (31 characters, no []:*?/\, no apostrophe at an end, cut
 * at a word and never inside a UTF-8 character), table names, and the
 * bulletin's formatted numbers read back with the display format that
 * prints them the same, and the format of a value the doc carries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/backend/xlsx/xlsx_int.h"
#include "backend.h"
#include "doc.h"

/* Characters as Excel counts them (UTF-16 units). */
static size_t units(const char *s)
{
	size_t n = 0;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c & 0xc0) != 0x80)
			n += c >= 0xf0 ? 2 : 1;
	}
	return n;
}

static void test_sheet_name(void **state)
{
	char b[4 * XLSX_SHEET_MAX + 1];

	(void)state;
	xlsx_sheet_name(b, sizeof(b), "Chart 1", "Rate");
	assert_string_equal(b, "Chart 1 Rate");
	xlsx_sheet_name(b, sizeof(b), "Chart 12",
			"Claimants in the area rose in October 2026");
	assert_string_equal(b, "Chart 12 Claimants in the area");
	assert_true(units(b) <= XLSX_SHEET_MAX);
	xlsx_sheet_name(b, sizeof(b), "Table 2", "Q1/Q2: [rates]* a\\b?");
	assert_string_equal(b, "Table 2 Q1Q2 rates ab");
	xlsx_sheet_name(b, sizeof(b), "Chart 1", "'Quoted' / bars?");
	assert_string_equal(b, "Chart 1 'Quoted' bars");
	xlsx_sheet_name(b, sizeof(b), "Table 3", "'quoted'");
	assert_string_equal(b, "Table 3 'quoted");
	xlsx_sheet_name(b, sizeof(b), NULL, "'x'");
	assert_string_equal(b, "x");
	xlsx_sheet_name(b, sizeof(b), NULL, "");
	assert_string_equal(b, "Sheet");
	/* one long word: cut at 31, inside no character */
	xlsx_sheet_name(b, sizeof(b), "Chart 1",
			"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
			"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
			"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
			"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9");
	assert_int_equal(units(b), XLSX_SHEET_MAX);
	assert_int_equal(strlen(b), 8 + 2 * 23);
	/* a character beyond the BMP counts twice and is never split */
	xlsx_sheet_name(b, sizeof(b), "Chart 1",
			"abcdefghijklmnopqrstuv\xf0\x9f\x98\x80");
	assert_int_equal(units(b), 30);
	assert_string_equal(b, "Chart 1 abcdefghijklmnopqrstuv");
}

static void test_table_name(void **state)
{
	char b[40];

	(void)state;
	xlsx_table_name(b, sizeof(b), "Chart 3");
	assert_string_equal(b, "Chart_3");
	xlsx_table_name(b, sizeof(b), "3 things");
	assert_string_equal(b, "T_3_things");
	xlsx_table_name(b, 4, "Table 10");
	assert_string_equal(b, "Tab");
}

static void test_parse(void **state)
{
	struct xlsx_num a, b;
	int two, prov;

	(void)state;
	assert_int_equal(xlsx_parse_cell("130,920", &a, &b, &two, &prov), 0);
	assert_true(a.v == 130920 && a.thousands && !a.sign && !two && !prov);
	assert_int_equal(xlsx_parse_cell("\xe2\x88\x92" "2,446 (\xe2\x88\x92"
					 "0.2%) (p)", &a, &b, &two, &prov), 0);
	assert_true(a.v == -2446 && a.sign && two && prov);
	assert_true(b.v == -0.2 && b.decimals == 1);
	assert_string_equal(b.suffix, "%");
	assert_int_equal(xlsx_parse_cell("0.0pp", &a, &b, &two, &prov), 0);
	assert_string_equal(a.suffix, "pp");
	assert_int_equal(xlsx_parse_cell("\xc2\xa3" "1.25", &a, &b, &two,
					 &prov), 0);
	assert_true(a.v == 1.25 && a.decimals == 2);
	assert_string_equal(a.prefix, "\xc2\xa3");
	/* text stays text */
	assert_int_equal(xlsx_parse_cell("October 2026", &a, &b, &two, &prov),
			 -1);
	assert_int_equal(xlsx_parse_cell("week 46", &a, &b, &two, &prov), -1);
	assert_int_equal(xlsx_parse_cell("n/a", &a, &b, &two, &prov), -1);
	assert_int_equal(xlsx_parse_cell("12 (3", &a, &b, &two, &prov), -1);
	assert_int_equal(xlsx_parse_cell("0 \xc2\xb7 1", &a, &b, &two, &prov),
			 -1);
	assert_int_equal(xlsx_parse_cell("", &a, &b, &two, &prov), -1);
	assert_int_equal(xlsx_parse_cell(
		"123456789012345678901234567890123456789012345678901234567890"
		"123456789", &a, &b, &two, &prov), -1);
}

static void test_format(void **state)
{
	struct xlsx_num a, b;
	char f[160];
	int two, prov;

	(void)state;
	xlsx_parse_cell("+1,555 (+1.2%)", &a, &b, &two, &prov);
	xlsx_num_format(&a, f, sizeof(f));
	assert_string_equal(f, "\"+\"#,##0;\"\xe2\x88\x92\"#,##0;#,##0");
	xlsx_num_format(&b, f, sizeof(f));
	assert_string_equal(f, "\"+\"0.0\"%\";\"\xe2\x88\x92\"0.0\"%\";0.0\"%\"");
	xlsx_parse_cell("6.8%", &a, &b, &two, &prov);
	xlsx_num_format(&a, f, sizeof(f));
	assert_string_equal(f, "0.0\"%\"");
	xlsx_parse_cell("\xc2\xa3" "3", &a, &b, &two, &prov);
	xlsx_num_format(&a, f, sizeof(f));
	assert_string_equal(f, "\"\xc2\xa3\"0");
	xlsx_decimals_format(2, f, sizeof(f));
	assert_string_equal(f, "#,##0.00");
	xlsx_decimals_format(-1, f, sizeof(f));
	assert_string_equal(f, "#,##0");
}

static const char *vfmt(double v, enum doc_num_kind kind, int unit,
			int decimals)
{
	static char f[160];
	struct doc_value d;

	memset(&d, 0, sizeof(d));
	d.v = v;
	d.kind = kind;
	d.unit = unit;
	d.decimals = decimals;
	xlsx_value_format(&d, f, sizeof(f));
	return f;
}

/* The format of a full-precision value is the one that prints it as
 * fmt.h does: a level without a sign, a change with one (also when it
 * prints as zero), percentage points, money scaled as the bulletin scales
 * it (units: 0 count, 1 percent, 2 gbp). */
static void test_value_format(void **state)
{
	(void)state;
	assert_string_equal(vfmt(130920.25, DOC_NUM_LEVEL, 0, 0), "#,##0");
	assert_string_equal(vfmt(-130920.25, DOC_NUM_LEVEL, 0, 0), "#,##0");
	assert_string_equal(vfmt(51.23, DOC_NUM_LEVEL, 0, 1), "#,##0.0");
	assert_string_equal(vfmt(560, DOC_NUM_CHANGE, 0, 0),
			    vfmt(1175, DOC_NUM_CHANGE, 0, 0));
	assert_string_equal(vfmt(1555.4, DOC_NUM_CHANGE, 0, 0),
			    "\"+\"#,##0;\"\xe2\x88\x92\"#,##0;#,##0");
	assert_string_equal(vfmt(0.01, DOC_NUM_CHANGE, 1, 1),
			    "\"+\"#,##0.0\"pp\";\"\xe2\x88\x92\"#,##0.0\"pp\";#,##0.0\"pp\"");
	assert_string_equal(vfmt(6.84, DOC_NUM_LEVEL, 1, 1), "#,##0.0\"%\"");
	assert_string_equal(vfmt(-0.202, DOC_NUM_PCT, 0, 1),
			    "\"+\"#,##0.0\"%\";\"\xe2\x88\x92\"#,##0.0\"%\";#,##0.0\"%\"");
	assert_string_equal(vfmt(12300, DOC_NUM_LEVEL, 2, 0),
			    "\"\xc2\xa3\"#,##0");
	assert_string_equal(vfmt(3449000, DOC_NUM_LEVEL, 2, 0),
			    "\"\xc2\xa3\"#,##0.0,,\"m\"");
	assert_string_equal(vfmt(340e6, DOC_NUM_LEVEL, 2, 0),
			    "\"\xc2\xa3\"#,##0,,\"m\"");
	assert_string_equal(vfmt(106.7e9, DOC_NUM_LEVEL, 2, 0),
			    "\"\xc2\xa3\"#,##0.0,,,\"bn\"");
	assert_string_equal(vfmt(-1.2e9, DOC_NUM_CHANGE, 2, 0),
			    "\"+\"\"\xc2\xa3\"#,##0.0,,,\"bn\";"
			    "\"\xe2\x88\x92\"\"\xc2\xa3\"#,##0.0,,,\"bn\";"
			    "\"\xc2\xa3\"#,##0.0,,,\"bn\"");
	/* not zero but 0.0% when rounded: "<0.1%", as the bulletin says */
	assert_string_equal(vfmt(0.03, DOC_NUM_PCT, 0, 1), "\"<0.1%\"");
	assert_string_equal(vfmt(-0.04, DOC_NUM_PCT, 0, 2),
			    vfmt(-0.2, DOC_NUM_PCT, 0, 2));
	assert_string_equal(vfmt(-0.004, DOC_NUM_PCT, 0, 2), "\"<0.01%\"");
	assert_string_equal(vfmt(0.4, DOC_NUM_PCT, 0, 0), "\"<1%\"");
	assert_string_equal(vfmt(0, DOC_NUM_PCT, 0, 1),
			    vfmt(0.2, DOC_NUM_PCT, 0, 1));
	assert_string_equal(vfmt(3, DOC_NUM_RANK, 0, 1), "0");
	assert_string_equal(vfmt(7, DOC_NUM_RANK_OF, 0, 1), "0");
}

/* A document of awkward blocks renders: an empty table, a table of only
 * a trend line, headers twice the same, a table of values (two in a
 * cell, none in another), periods and trend lines with their periods, a
 * revision, a bar without a value, a series
 * with a gap, titles with an apostrophe and Excel's refused characters,
 * the same title twice; the bytes are a zip and the same twice. */
static void test_render_awkward(void **state)
{
	struct doc d;
	struct doc_table *t;
	struct doc_chart *c;
	struct doc_chart_series *s;
	struct doc_cell *row;
	struct eim_error err;
	unsigned char *a = NULL, *b = NULL;
	size_t la = 0, lb = 0, i;
	const double v[3] = { 1, 2, 3 };

	(void)state;
	doc_init(&d);
	d.title = strdup("A 'monitor'");
	d.year = 2026;
	d.month = 11;
	d.day = 20;
	d.issue = 3;
	doc_add_heading(&d, 1, "Places: [all]*", "h1");
	doc_add_table(&d, doc_table_new(2));            /* empty */
	t = doc_table_new(1);                           /* only a trend */
	row = doc_table_add_row(t);
	doc_cell_set_spark(&row[0], v, NULL, 3);
	doc_add_table(&d, t);
	t = doc_table_new(3);                           /* same headers */
	for (i = 0; i < 3; i++)
		doc_table_set_header(t, i, "Rate", DOC_LEFT, 1);
	row = doc_table_add_row(t);
	doc_cell_set_text(&row[0], "x");
	doc_cell_set_text(&row[1], "1.5% (p)");
	doc_cell_set_text(&row[2], "n/a");
	doc_add_table(&d, t);
	t = doc_table_new(3);                 /* values, a period, a trend */
	for (i = 0; i < 2; i++) {
		struct doc_value dv;
		struct period x[3];

		memset(&dv, 0, sizeof(dv));
		row = doc_table_add_row(t);
		dv.v = 1.25 + (double)i;
		dv.kind = DOC_NUM_CHANGE;
		if (i == 0) { /* a change and its percentage; none, [z] */
			doc_cell_add_value(&row[0], &dv);
			dv.kind = DOC_NUM_PCT;
			dv.status = DOC_PROVISIONAL;
			doc_cell_add_value(&row[0], &dv);
		} else {
			row[0].is_value = 1;
			row[0].absent = DOC_NOT_APPLICABLE;
		}
		period_parse("2026-01", 7, &x[0]);
		x[1] = x[2] = x[0];
		row[1].period = x[0];
		doc_cell_set_spark(&row[2], v, NULL, 3);
		doc_cell_set_spark_at(&row[2], x, NULL, 0, 0);
	}
	doc_add_table(&d, t);
	{
		struct period p;

		period_parse("2026-01", 7, &p);
		d.prev_edition = strdup("week 1 2026");
		doc_add_revision(&d, "I", "P", "C", &p, 1, 2);
	}
	c = doc_chart_new(DOC_CHART_BAR);
	c->title = strdup("'Quoted' / bars?");
	doc_chart_add_bar(c, "A", 1.25, "1.3");
	c->bars[0].has = 0;
	doc_add_chart(&d, c);
	for (i = 0; i < 2; i++) {
		c = doc_chart_new(DOC_CHART_LINE);
		c->title = strdup("The same title, long enough to be cut");
		s = doc_chart_add_series(c, "S", 2);
		period_parse("2026-01", 7, &s->x[0]);
		period_parse("2026-02", 7, &s->x[1]);
		s->y[0] = 0.1;
		s->has[0] = 1;
		doc_add_chart(&d, c);
	}
	eim_error_init(&err);
	assert_int_equal(backend_render(&backend_xlsx, &d, &a, &la, &err), 0);
	assert_int_equal(backend_render(&backend_xlsx, &d, &b, &lb, &err), 0);
	assert_true(la > 4 && memcmp(a, "PK\x03\x04", 4) == 0);
	assert_int_equal(la, lb);
	assert_memory_equal(a, b, la);
	free(a);
	free(b);
	doc_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sheet_name),
		cmocka_unit_test(test_table_name),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_value_format),
		cmocka_unit_test(test_render_awkward),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
