/* test_doc.c - the document model: building, plain text, tables, free. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "doc.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_defaults),
		cmocka_unit_test(test_heading_para_plain),
		cmocka_unit_test(test_many_blocks_grow),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_chart_and_note),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
