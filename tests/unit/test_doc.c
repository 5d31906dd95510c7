/* test_doc.c - the document model: building, plain text, tables, free,
 * and the numbers behind the text (values, sparkline periods, statuses,
 * revisions) through the dump and back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "doc.h"
#include "strbuf.h"

static void test_init_defaults(void **state)
{
	struct doc d;

	(void)state;
	doc_init(&d);
	assert_true(d.style.page_w > 595.0 && d.style.page_w < 596.0);
	assert_true(d.style.page_h > 841.0 && d.style.page_h < 842.0);
	assert_true(d.style.body_size >= 10.0);
	assert_int_equal(d.nblocks, 0);
	assert_null(d.title);
	doc_free(&d);
	doc_free(&d); /* free leaves an empty doc: a second free is safe */
}

static void test_heading_para_plain(void **state)
{
	struct doc d;
	struct doc_block *b;
	char *s;

	(void)state;
	doc_init(&d);
	b = doc_add_heading(&d, 1, "Labour market", "labour");
	assert_int_equal(b->kind, DOC_HEADING);
	assert_int_equal(b->level, 1);
	assert_string_equal(b->anchor, "labour");
	b = doc_add_heading(&d, 7, "Clamped", NULL);
	assert_int_equal(b->level, 3);
	assert_null(b->anchor);

	b = doc_add_para(&d, "Claimants rose to ");
	doc_text_add(&b->text, "£1.2m", DOC_BOLD, NULL);
	doc_text_add(&b->text, " (see ONS)", 0, "https://www.ons.gov.uk/");
	assert_int_equal(b->text.n, 3);
	assert_int_equal(b->text.runs[1].flags, DOC_BOLD);
	assert_true(b->text.runs[2].flags & DOC_LINK);
	assert_string_equal(b->text.runs[2].href, "https://www.ons.gov.uk/");
	s = doc_text_plain(&b->text);
	assert_string_equal(s, "Claimants rose to £1.2m (see ONS)");
	free(s);
	/* DOC_LINK without href is dropped: a link needs a target */
	doc_text_add(&b->text, "x", DOC_LINK, NULL);
	assert_int_equal(b->text.runs[3].flags, 0);
	assert_int_equal(d.nblocks, 3);
	doc_free(&d);
}

static void test_many_blocks_grow(void **state)
{
	struct doc d;
	size_t i;

	(void)state;
	doc_init(&d);
	for (i = 0; i < 1000; i++)
		doc_add_para(&d, "p");
	assert_int_equal(d.nblocks, 1000);
	assert_string_equal(d.blocks[999].text.runs[0].text, "p");
	doc_free(&d);
}

static void test_table(void **state)
{
	struct doc d;
	struct doc_table *t = doc_table_new(3);
	struct doc_cell *row;
	double v[4] = { 1, 2, 0, 4 };
	unsigned char has[4] = { 1, 1, 0, 1 };
	size_t i;

	(void)state;
	doc_init(&d);
	doc_table_set_header(t, 0, "Place", DOC_LEFT, 3);
	doc_table_set_header(t, 1, "Change", DOC_RIGHT, 0);
	doc_table_set_header(t, 2, "Trend", DOC_CENTER, 2);
	doc_table_set_header(t, 9, "ignored", DOC_LEFT, 1);
	assert_string_equal(t->header[1], "Change");
	assert_int_equal(t->align[1], DOC_RIGHT);
	assert_true(t->widths[0] == 3.0 && t->widths[1] == 1.0 &&
		    t->widths[2] == 2.0);
	for (i = 0; i < 20; i++) {
		row = doc_table_add_row(t);
		assert_int_equal(row[0].kind, DOC_CELL_TEXT);
		assert_null(row[0].text);
		doc_cell_set_text(&row[0], "Walsall");
		doc_cell_set_arrow(&row[1], DOC_DIR_DOWN, DOC_TONE_GOOD,
				   "-1.2");
		doc_cell_set_spark(&row[2], v, has, 4);
	}
	assert_int_equal(t->nrows, 20);
	row = &t->cells[19 * 3];
	assert_string_equal(row[0].text, "Walsall");
	assert_int_equal(row[1].kind, DOC_CELL_ARROW);
	assert_int_equal(row[1].dir, DOC_DIR_DOWN);
	assert_int_equal(row[1].tone, DOC_TONE_GOOD);
	assert_string_equal(row[1].text, "-1.2");
	assert_int_equal(row[2].kind, DOC_CELL_SPARK);
	assert_int_equal(row[2].nspark, 4);
	assert_true(row[2].spark[3] == 4.0);
	assert_int_equal(row[2].spark_has[2], 0);
	doc_cell_set_spark(&row[2], v, NULL, 2); /* replaces, all present */
	assert_int_equal(row[2].nspark, 2);
	assert_int_equal(row[2].spark_has[1], 1);
	doc_add_table(&d, t);
	assert_ptr_equal(d.blocks[0].table, t);
	doc_free(&d);
}

static void test_chart_and_note(void **state)
{
	struct doc d;
	struct doc_chart *c = doc_chart_new(DOC_CHART_LINE);
	struct doc_chart *bar = doc_chart_new(DOC_CHART_BAR);
	struct doc_chart_series *s;
	struct doc_note *n;
	struct doc_block *b;
	struct doc_text *it;

	(void)state;
	doc_init(&d);
	assert_int_equal(c->zero_based, 0);
	assert_int_equal(bar->zero_based, 1);
	s = doc_chart_add_series(c, "WMCA", 5);
	assert_int_equal(s->n, 5);
	assert_int_equal(s->has[4], 0);
	s->y[0] = 3.5;
	s->has[0] = 1;
	doc_chart_add_series(c, "UK", 5);
	assert_int_equal(c->nseries, 2);
	assert_string_equal(c->series[0].label, "WMCA");
	assert_true(c->series[0].y[0] == 3.5);
	doc_chart_add_ref(c, 50, "50 = no change");
	assert_int_equal(c->nrefs, 1);
	doc_chart_add_bar(bar, "Birmingham", 4.5, "4.5%")->highlight = 1;
	doc_chart_add_bar(bar, "Coventry", 3.0, NULL);
	assert_int_equal(bar->nbars, 2);
	assert_int_equal(bar->bars[0].highlight, 1);
	assert_int_equal(bar->bars[1].has, 1);
	assert_null(bar->bars[1].value_text);
	doc_add_chart(&d, c);
	doc_add_chart(&d, bar);

	n = doc_add_note(&d, "Orders slowed");
	doc_note_add_para(n, "First ŵ paragraph.");
	doc_note_add_para(n, "Second.");
	assert_int_equal(n->body.n, 2);
	assert_int_equal(n->body.items[0].kind, DOC_ITEM_PARA);
	assert_string_equal(n->body.items[0].text.runs[0].text,
			    "First ŵ paragraph.");

	b = doc_add_block(&d, DOC_BULLETS);
	it = doc_bullets_add(b);
	doc_text_add(it, "one", 0, NULL);
	it = doc_bullets_add(b);
	doc_text_add(it, "two", DOC_BOLD, NULL);
	assert_int_equal(b->nitems, 2);
	assert_string_equal(b->items[1].runs[0].text, "two");
	doc_add_source(&d, "Source: ONS");
	assert_int_equal(d.blocks[d.nblocks - 1].kind, DOC_SOURCE);

	d.title = strdup("Monitor");
	d.banner = strdup("Partners only — not for publication");
	d.style.font_regular = strdup("/x.ttf");
	doc_free(&d);
	assert_null(d.title);
	assert_int_equal(d.nblocks, 0);
}

/* A table cell's values, its period and absence, a sparkline's periods
 * and statuses, a point's and a bar's status and the revisions read back
 * from the dump as they were, and dump again to the same text. */
static void test_values_dump_round_trip(void **state)
{
	struct doc d, e;
	struct doc_table *t = doc_table_new(4);
	struct doc_chart *c = doc_chart_new(DOC_CHART_LINE);
	struct doc_chart_series *s;
	struct doc_cell *row;
	struct doc_value v;
	struct doc_revision *rv;
	struct period x[2], p;
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	struct eim_error err;
	const double y[2] = { 1.5, 2.25 };
	const unsigned char st[2] = { DOC_FINAL, DOC_PROVISIONAL };

	(void)state;
	doc_init(&d);
	doc_init(&e);
	assert_int_equal(period_parse("2026-09", 7, &x[0]), 0);
	assert_int_equal(period_parse("2026-10", 7, &x[1]), 0);
	row = doc_table_add_row(t);
	doc_cell_set_text(&row[0], "+1,555 (+1.2%) (p)");
	memset(&v, 0, sizeof(v));
	v.v = 1555.0000000000002;
	v.kind = DOC_NUM_CHANGE;
	v.decimals = 0;
	v.status = DOC_PROVISIONAL;
	v.period = x[1];
	doc_cell_add_value(&row[0], &v);
	v.v = 1.2020252773161210;
	v.kind = DOC_NUM_PCT;
	v.decimals = 1;
	v.stale = 1;
	doc_cell_add_value(&row[0], &v);
	doc_cell_set_text(&row[1], "\u2013");
	row[1].is_value = 1;
	row[1].absent = DOC_NOT_APPLICABLE;
	doc_cell_set_text(&row[2], "October 2026 (stale)");
	row[2].period = x[1];
	doc_cell_set_spark(&row[3], y, NULL, 2);
	doc_cell_set_spark_at(&row[3], x, st, 1, 1);
	doc_add_table(&d, t);
	s = doc_chart_add_series(c, "A", 2);
	s->x[0] = x[0];
	s->x[1] = x[1];
	s->y[1] = 0.1;
	s->has[1] = 1;
	s->status[1] = DOC_ESTIMATED;
	s->unit = 2;
	s->decimals = 1;
	doc_chart_add_bar(c, "B", 3, "3 (p)")->status = DOC_PROVISIONAL;
	doc_add_chart(&d, c);
	d.prev_edition = strdup("week 46 2026");
	assert_int_equal(period_parse("2026-08", 7, &p), 0);
	rv = doc_add_revision(&d, "Jobs", "Test \"Area\"", "E47000099", &p,
			      30712.25, 30711.125);
	rv->unit = 2;
	rv->decimals = 1;

	assert_int_equal(doc_dump(&d, &a), 0);
	eim_error_init(&err);
	assert_int_equal(doc_read(a.buf, a.len, "a", &e, &err), 0);
	assert_int_equal(doc_dump(&e, &b), 0);
	assert_string_equal(a.buf, b.buf);

	row = e.blocks[0].table->cells;
	assert_int_equal(row[0].nvalues, 2);
	assert_true(row[0].values[0].v == 1555.0000000000002);
	assert_int_equal(row[0].values[1].kind, DOC_NUM_PCT);
	assert_int_equal(row[0].values[1].status, DOC_PROVISIONAL);
	assert_int_equal(row[0].values[1].stale, 1);
	assert_true(period_eq(&row[0].values[1].period, &x[1]));
	assert_true(row[1].is_value && row[1].nvalues == 0);
	assert_int_equal(row[1].absent, DOC_NOT_APPLICABLE);
	assert_true(period_eq(&row[2].period, &x[1]));
	assert_non_null(row[3].spark_x);
	assert_true(period_eq(&row[3].spark_x[0], &x[0]));
	assert_int_equal(row[3].spark_status[1], DOC_PROVISIONAL);
	assert_int_equal(row[3].spark_unit, 1);
	assert_int_equal(e.blocks[1].chart->series[0].status[1],
			 DOC_ESTIMATED);
	assert_int_equal(e.blocks[1].chart->bars[0].status, DOC_PROVISIONAL);
	assert_int_equal(e.blocks[1].chart->series[0].unit, 2);
	assert_int_equal(e.blocks[1].chart->series[0].decimals, 1);
	assert_string_equal(e.prev_edition, "week 46 2026");
	assert_int_equal(e.nrevisions, 1);
	assert_string_equal(e.revisions[0].geography, "Test \"Area\"");
	assert_true(e.revisions[0].was == 30712.25 &&
		    e.revisions[0].now == 30711.125);
	assert_int_equal(e.revisions[0].unit, 2);
	assert_true(period_eq(&e.revisions[0].period, &p));
	strbuf_release(&a);
	strbuf_release(&b);
	doc_free(&d);
	doc_free(&e);
}

/* Lines of numbers that do not fit where they are are refused. */
static void test_values_bad_dump(void **state)
{
	static const char *const bad[] = {
		/* spark_at under a text cell */
		"eimon-doc 1\nblock table\n  table 1\n  row\n"
		"    cell text bold 0 \"x\"\n      spark_at unit 0 "
		"decimals 0 2026-01\n",
		/* a status word that is none */
		"eimon-doc 1\nblock table\n  table 1\n  row\n"
		"    cell text bold 0 \"x\"\n      value 1 level unit 0 "
		"decimals 0 status q stale 0 period -\n",
		/* a revision without its period */
		"eimon-doc 1\nrevision \"a\" \"b\" \"c\" 1 2 unit 0 "
		"decimals 0\n",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct doc d;
		struct eim_error err;

		doc_init(&d);
		eim_error_init(&err);
		assert_int_equal(doc_read(bad[i], strlen(bad[i]), "b", &d,
					  &err), -1);
		assert_int_equal(err.kind, EIM_DATA);
		doc_free(&d);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_defaults),
		cmocka_unit_test(test_heading_para_plain),
		cmocka_unit_test(test_many_blocks_grow),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_chart_and_note),
		cmocka_unit_test(test_values_dump_round_trip),
		cmocka_unit_test(test_values_bad_dump),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
