/* test_backend_html.c - the HTML edition's writer on a hand-built
 * bulletin with every block kind (headings 1-3, paragraph with bold,
 * italic and links, bullets, contents, line/column/bar charts, a table
 * with arrows, sparklines and provisional marks, a note with nested
 * lists, a partners-only note, a source line, a page break) and hostile
 * text everywhere: escaping, structure, the SVG painted from the scene,
 * the chart CSV, reproducible bytes. When EIMON_HTML_OUT is set the page
 * is written there for tests/e2e/t80-html.sh (axe-core in chromium). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "backend.h"
#include "doc.h"
#include "layout.h"
#include "strbuf.h"
#include "tdir.h"

#define EVIL "<script>alert(\"x\")</script> & 'q' <img src=x onerror=y>"

static void add_line_chart(struct doc *d, enum doc_chart_kind k)
{
	struct doc_chart *c = doc_chart_new(k);
	size_t s, i, ns = k == DOC_CHART_LINE ? 2 : 1;

	c->title = strdup(k == DOC_CHART_LINE ? "Claimants rose " EVIL
						: "Adverts fell");
	c->subtitle = strdup("Claimants, two places, 2025 to 2026");
	c->y_title = strdup("Claimants");
	c->source = strdup("Source: a statistics office");
	c->alt = strdup("Line chart: claimants rose in both places.");
	for (s = 0; s < ns; s++) {
		struct doc_chart_series *se = doc_chart_add_series(
			c, s ? "Second <place>" : "First place", 12);

		for (i = 0; i < 12; i++) {
			char p[16];

			snprintf(p, sizeof(p), "2026-%02zu", i + 1);
			assert_int_equal(period_parse(p, strlen(p),
						      &se->x[i]), 0);
			se->y[i] = 1000 + 37.5 * (double)i + 400.0 * (double)s;
			se->has[i] = i != 5 || s == 0; /* a gap */
		}
		se->emphasis = s == 0;
	}
	doc_chart_add_ref(c, 1200, "Before the pandemic");
	doc_add_chart(d, c);
}

static void add_bar_chart(struct doc *d)
{
	struct doc_chart *c = doc_chart_new(DOC_CHART_BAR);

	c->title = strdup("Rates differ by place");
	c->y_title = strdup("%");
	doc_chart_add_bar(c, "Alpha", 6.8, "6.8%")->highlight = 1;
	doc_chart_add_bar(c, "Beta & Gamma", 5.1, "5.1%");
	doc_chart_add_bar(c, "Delta", 4.0, "4.0%");
	doc_add_chart(d, c);
}

static void add_table(struct doc *d)
{
	struct doc_table *t = doc_table_new(4);
	static const double sp[] = { 1, 3, 2, 5, 4, 6 };
	struct doc_cell *row;

	t->caption = strdup("Dashboard " EVIL);
	doc_table_set_header(t, 0, "Indicator", DOC_LEFT, 3);
	doc_table_set_header(t, 1, "Latest", DOC_RIGHT, 1);
	doc_table_set_header(t, 2, "Trend", DOC_LEFT, 1);
	doc_table_set_header(t, 3, "Direction", DOC_LEFT, 1);
	row = doc_table_add_row(t);
	doc_cell_set_text(&row[0], "Claimants");
	doc_cell_set_text(&row[1], "130,920 (p)");
	doc_cell_set_spark(&row[2], sp, NULL, 6);
	doc_cell_set_arrow(&row[3], DOC_DIR_UP, DOC_TONE_BAD, "Up");
	row = doc_table_add_row(t);
	doc_cell_set_text(&row[0], "Rate <b>");
	doc_cell_set_text(&row[1], "6.8%");
	doc_cell_set_arrow(&row[3], DOC_DIR_FLAT, DOC_TONE_NEUTRAL, "Flat");
	t->footnote = strdup("(p) provisional.");
	t->source = strdup("Source: a statistics office");
	doc_add_table(d, t);
}

static void add_notes(struct doc *d)
{
	struct doc_note *n = doc_add_note(d, "Firms report " EVIL);
	struct doc_item *it;

	n->meta = strdup("Manufacturing \xc2\xb7 Alpha");
	n->cite = strdup("Source: a business organisation");
	n->link = strdup("javascript:alert(1)");
	doc_note_add_para(n, "First paragraph " EVIL);
	it = doc_rich_add(&n->body, DOC_ITEM_NUMBER, 1, 3);
	doc_text_add(&it->text, "third ", 0, NULL);
	doc_text_add(&it->text, "bold", DOC_BOLD, NULL);
	it = doc_rich_add(&n->body, DOC_ITEM_BULLET, 2, 0);
	doc_text_add(&it->text, "nested", DOC_ITALIC, NULL);
	it = doc_rich_add(&n->body, DOC_ITEM_PARA, 1, 0);
	doc_text_add(&it->text, "more of the third", 0, NULL);
	it = doc_rich_add(&n->body, DOC_ITEM_NUMBER, 1, 4);
	doc_text_add(&it->text, "a link", DOC_LINK,
		     "https://example.org/a?b=1&c=\"2\"");
	doc_note_add_para(doc_add_note(d, "Partners see this"), "Only them.");
	d->blocks[d->nblocks - 1].note->partners = 1;
	d->blocks[d->nblocks - 1].note->link = strdup("https://example.org/");
}

static void make_doc(struct doc *d)
{
	struct doc_block *b;
	struct doc_text *t;

	doc_init(d);
	d->title = strdup("Weekly Monitor " EVIL);
	d->subtitle = strdup("An area");
	d->publisher = strdup("A publisher");
	d->caveat = strdup("Use with caution.");
	d->date_text = strdup("20 November 2026");
	d->issue = 7;
	d->banner = strdup("Partners only \xe2\x80\x94 not for publication");
	b = doc_add_para(d, "The lead. ");
	doc_text_add(&b->text, "Bold", DOC_BOLD, NULL);
	doc_text_add(&b->text, " and ", 0, NULL);
	doc_text_add(&b->text, "a link", DOC_LINK, "https://example.org/x");
	doc_text_add(&b->text, " and ", 0, NULL);
	doc_text_add(&b->text, "no link", DOC_LINK, "javascript:alert(1)");
	doc_add_block(d, DOC_CONTENTS);
	doc_add_heading(d, 1, "Key issues", "key-issues");
	b = doc_add_block(d, DOC_BULLETS);
	t = doc_bullets_add(b);
	doc_text_add(t, "An issue " EVIL, 0, NULL);
	t = doc_bullets_add(b);
	doc_text_add(t, "Another", DOC_ITALIC, NULL);
	doc_add_block(d, DOC_PAGEBREAK);
	doc_add_heading(d, 1, "Labour market", "labour");
	doc_add_heading(d, 2, "Claimants", "claimants");
	add_line_chart(d, DOC_CHART_LINE);
	add_line_chart(d, DOC_CHART_COLUMN);
	doc_add_heading(d, 3, "By place", "by-place");
	add_bar_chart(d);
	add_table(d);
	doc_add_heading(d, 1, "Intelligence", "intel");
	add_notes(d);
	doc_add_source(d, "Source: everything above " EVIL);
}

static char *render(const struct doc *d, size_t *len)
{
	unsigned char *out = NULL;
	struct eim_error err;
	char *s;

	eim_error_init(&err);
	assert_int_equal(backend_render(&backend_html, d, &out, len, &err),
			 0);
	s = malloc(*len + 1);
	assert_non_null(s);
	memcpy(s, out, *len);
	s[*len] = '\0';
	free(out);
	return s;
}

/* The hand-built bulletin and its page, made afresh for each test. */
struct page {
	struct doc d;
	size_t len;
	char *h;
};

static int page_setup(void **state)
{
	struct page *pg = calloc(1, sizeof(*pg));

	assert_non_null(pg);
	make_doc(&pg->d);
	pg->h = render(&pg->d, &pg->len);
	*state = pg;
	return 0;
}

static int page_teardown(void **state)
{
	struct page *pg = *state;

	free(pg->h);
	doc_free(&pg->d);
	free(pg);
	return 0;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

static void test_escaping(void **state)
{
	struct page *pg = *state;
	const char *h = pg->h;

	assert_int_equal(strlen(h), pg->len); /* no NUL inside */
	assert_null(strstr(h, "<script"));
	assert_null(strstr(h, "<img"));
	assert_null(strstr(h, "<b>"));
	assert_null(strstr(h, "href=\"javascript:"));
	assert_non_null(strstr(h, "&lt;script&gt;alert(&quot;x&quot;)"
			       "&lt;/script&gt; &amp; &#39;q&#39;"));
	/* the unsafe link stays words, the safe one is a link, escaped */
	assert_non_null(strstr(h, " and no link</p>"));
	assert_non_null(strstr(h, "href=\"https://example.org/a?b=1&amp;"
			       "c=&quot;2&quot;\""));
	assert_non_null(strstr(h, "<p class=\"cite\">javascript:alert(1)"
			       "</p>"));
}

static void test_structure(void **state)
{
	struct page *pg = *state;
	const char *h = pg->h;

	assert_true(strncmp(h, "<!DOCTYPE html>\n<html lang=\"en-GB\">", 35)
		    == 0);
	assert_int_equal(count(h, "<h1"), 1);
	assert_int_equal(count(h, "<main"), 1);
	assert_non_null(strstr(h, "<a class=\"skip\" href=\"#main\">"));
	assert_non_null(strstr(h, "<nav aria-labelledby=\"contents\">"));
	/* H1 -> h2, H2 -> h3, H3 -> h4, with their anchors linked from
	 * the contents (H3 is not in it) */
	assert_non_null(strstr(h, "<h2 id=\"labour\">Labour market</h2>"));
	assert_non_null(strstr(h, "<h3 id=\"claimants\">"));
	assert_non_null(strstr(h, "<h4 id=\"by-place\">"));
	assert_non_null(strstr(h, "href=\"#claimants\""));
	assert_null(strstr(h, "href=\"#by-place\""));
	/* the banner as text, notes under their heading's level */
	assert_non_null(strstr(h, "<p class=\"banner\">Partners only"));
	assert_non_null(strstr(h, "<h3>Partners see this</h3>"));
	assert_non_null(strstr(h, "PARTNERS ONLY"));
	/* nested lists keep their numbers */
	assert_non_null(strstr(h, "<ol start=\"3\"><li>third <strong>bold"
			       "</strong><ul><li><em>nested</em></li></ul>"
			       "<p>more of the third</p></li><li>"));
	/* three charts: inline SVG, text as text, a data table and CSV */
	assert_int_equal(count(h, "<figure "), 3);
	/* each never drawn smaller than printed: its SVG in a region that
	 * scrolls sideways on a narrow screen, reached by keyboard */
	assert_non_null(strstr(h, "<div class=\"scroll\" role=\"region\" "
			       "tabindex=\"0\" aria-labelledby=\"chart-1-t\">"
			       "<svg xmlns"));
	assert_non_null(strstr(h, "figure svg{display:block;max-width:none;"));
	assert_int_equal(count(h, "<svg xmlns"), 3);
	assert_int_equal(count(h, "<details>"), 3);
	assert_non_null(strstr(h, "href=\"index-data.csv\" download>Download "
			       "this chart's data (CSV: the rows of chart-3 "
			       "in index-data.csv)</a>"));
	assert_non_null(strstr(h, "<text "));
	assert_non_null(strstr(h, ">Second &lt;place&gt;</text>"));
	/* the caption is not painted twice: the title is in figcaption */
	assert_null(strstr(h, ">Adverts fell</text>"));
	assert_non_null(strstr(h, "<figcaption id=\"chart-2-t\">Adverts fell"));
	/* tables: caption, column and row headers, marks in words */
	assert_non_null(strstr(h, "<caption id=\"table-1\">Dashboard &lt;"));
	assert_non_null(strstr(h, "<th scope=\"col\">Indicator</th>"));
	assert_non_null(strstr(h, "<th scope=\"row\">Claimants</th>"));
	assert_non_null(strstr(h, "<abbr title=\"provisional\">(p)</abbr>"
			       "<span class=\"vh\"> provisional</span>"));
	assert_non_null(strstr(h, "<span class=\"vh\">up: </span>Up"));
	assert_non_null(strstr(h, "aria-label=\"Trend of 6 values: from 1 "
			       "to 6 (lowest 1, highest 6)\""));
	/* a gap in the data table */
	assert_non_null(strstr(h, "<span class=\"vh\">no value</span>"));
	/* nothing from the network, no script, focus styled */
	assert_null(strstr(h, "http://www.w3.org/1999"));
	assert_null(strstr(h, "<link"));
	assert_null(strstr(h, " src=\""));
	assert_non_null(strstr(h, ":focus-visible"));
	assert_non_null(strstr(h, "@media print"));
	if (getenv("EIMON_HTML_OUT")) {
		FILE *f = fopen(getenv("EIMON_HTML_OUT"), "wb");

		assert_non_null(f);
		assert_int_equal(fwrite(h, 1, pg->len, f), pg->len);
		assert_int_equal(fclose(f), 0);
	}
}

/* The SVG is the scene's chart: every text run of the chart's marks but
 * the caption lines is painted, at the width layout measured. */
static void test_svg_from_scene(void **state)
{
	struct page *pg = *state;
	const char *h = pg->h;
	struct scene sc;
	struct eim_error err;
	size_t p, i, texts = 0, found = 0;

	eim_error_init(&err);
	assert_int_equal(layout_doc(&pg->d, &sc, &err), 0);
	for (p = 0; p < sc.npages; p++) {
		int in = 0;

		for (i = 0; i < sc.pages[p].nitems; i++) {
			const struct scene_item *it = &sc.pages[p].items[i];
			struct strbuf want = STRBUF_INIT;

			if (it->kind == SCENE_BEGIN)
				in = sc.figures[it->u.figure].kind ==
				     SCENE_FIG_CHART;
			if (it->kind == SCENE_END)
				in = 0;
			if (!in || it->kind != SCENE_TEXT ||
			    (it->flags & SCENE_CAPTION))
				continue;
			texts++;
			strbuf_addf(&want, "lengthAdjust=\"spacingAndGlyphs\">"
				    "%s</text>", it->u.text.text);
			if (strpbrk(it->u.text.text, "&<>\"'") ||
			    strstr(h, want.buf))
				found++;
			strbuf_release(&want);
		}
	}
	assert_true(texts > 20);
	assert_int_equal(found, texts);
	scene_free(&sc);
}

static void test_reproducible_and_csv(void **state)
{
	struct page *pg = *state;
	struct strbuf csv = STRBUF_INIT;
	size_t i, len;
	char *again;

	again = render(&pg->d, &len);
	assert_int_equal(len, pg->len);
	assert_memory_equal(again, pg->h, len);
	free(again);
	for (i = 0; pg->d.blocks[i].kind != DOC_CHART; i++)
		;
	assert_int_equal(doc_chart_csv(pg->d.blocks[i].chart, "c\"1", &csv),
			 0);
	assert_string_equal(csv.buf + 0 * strlen(csv.buf),
			    strstr(csv.buf, "\"c\"\"1\",2026-01,First place,1000\n"
				   "\"c\"\"1\",2026-01,Second <place>,1400\n"));
	/* a gap is no row */
	assert_non_null(strstr(csv.buf, "2026-06,First place,1187.5\n"));
	assert_null(strstr(csv.buf, "2026-06,Second"));
	strbuf_release(&csv);
}

static double lum(unsigned c)
{
	double v = c / 255.0;

	return v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

/* Every text of every chart SVG is dark enough on the white page (WCAG
 * 1.4.3, 4.5:1): axe-core does not look inside SVG. */
static void test_svg_text_contrast(void **state)
{
	struct page *pg = *state;
	const char *h = pg->h, *p;
	size_t n = 0;
	for (p = strstr(h, "<text "); p; p = strstr(p + 1, "<text ")) {
		const char *end = strchr(p, '>'), *f = strstr(p, " fill=\"#");
		unsigned rgb;
		double l;

		assert_non_null(end);
		assert_true(f && f < end);
		rgb = (unsigned)strtoul(f + 8, NULL, 16);
		l = 0.2126 * lum((rgb >> 16) & 255) +
		    0.7152 * lum((rgb >> 8) & 255) + 0.0722 * lum(rgb & 255);
		if (1.05 / (l + 0.05) < 4.5)
			fail_msg("text colour #%06X is %.2f:1 on white", rgb,
				 1.05 / (l + 0.05));
		n++;
	}
	assert_true(n > 20);
}

/* A template whose first heading is an H2 (no section title above it)
 * still gives an outline without a skipped level; heading ids are
 * unique. */
static void test_no_skipped_level(void **state)
{
	struct doc d;
	size_t len;
	char *h;

	(void)state;
	doc_init(&d);
	d.title = strdup("T");
	doc_add_heading(&d, 2, "Headlines", NULL);
	doc_add_heading(&d, 3, "Detail", NULL);
	doc_add_heading(&d, 1, "Section", NULL);
	doc_add_heading(&d, 1, "Again", "dup");
	doc_add_heading(&d, 1, "Again", "dup");
	doc_add_heading(&d, 1, "Main", "main");
	h = render(&d, &len);
	/* ids are unique and never one of the page's own */
	assert_non_null(strstr(h, "<h2 id=\"dup\">"));
	assert_non_null(strstr(h, "<h2 id=\"dup-2\">"));
	assert_non_null(strstr(h, "<h2 id=\"section-6\">Main"));
	assert_non_null(strstr(h, "<h2 id=\"section-1\">Headlines</h2>"));
	assert_non_null(strstr(h, "<h3 id=\"section-2\">Detail</h3>"));
	assert_non_null(strstr(h, "<h2 id=\"section-3\">Section</h2>"));
	free(h);
	doc_free(&d);
}

/* The monitor's logo heads the masthead after the title, inline (the page
 * loads nothing), at its printed size (44 pt high: 58.67 px), named by the
 * publisher (escaped); a logo that cannot be read fails the page. */
static void test_logo(void **state)
{
	struct doc d;
	struct eim_error err;
	unsigned char *out = NULL;
	size_t len;
	char *dir = tdir_make(), *path = tdir_png(dir, "logo.png"), *h;
	const char *img, *h1;

	(void)state;
	make_doc(&d);
	free(d.publisher);
	d.publisher = strdup("Research <team> & \"partners\"");
	d.style.logo_png = strdup(path);
	h = render(&d, &len);
	img = strstr(h, "<img class=\"logo\" src=\"data:image/png;base64,"
			"iVBORw0KGgoAAAANSUhEUgAAAAgAAAAE");
	h1 = strstr(h, "<h1>");
	assert_non_null(img);
	assert_true(h1 && h1 < img);
	assert_non_null(strstr(img, "AAAAAElFTkSuQmCC\" alt=\"Research "
			       "&lt;team&gt; &amp; &quot;partners&quot;\" "
			       "width=\"117.33\" height=\"58.67\">"));
	assert_int_equal(count(h, "<img"), 1);
	free(h);
	unlink(path);
	eim_error_init(&err);
	assert_int_equal(backend_render(&backend_html, &d, &out, &len, &err),
			 -1);
	assert_int_equal(err.kind, EIM_NOINPUT);
	assert_null(out);
	doc_free(&d);
	free(path);
	tdir_remove(dir);
}

static void test_outputs_check(void **state)
{
	char p[] = "pdf", h[] = "html", x[] = "docx";
	char *ok[] = { p, h }, *bad[] = { p, x }, *nopdf[] = { h };
	const char *why = NULL;

	(void)state;
	assert_int_equal(backend_outputs_check(ok, 2, &why), 0);
	assert_int_equal(backend_outputs_check(ok, 0, &why), 0);
	assert_int_equal(backend_outputs_check(bad, 2, &why), -1);
	assert_non_null(why);
	assert_int_equal(backend_outputs_check(nopdf, 1, &why), -1);
	assert_true(backend_outputs_have(ok, 2, "html"));
	assert_false(backend_outputs_have(ok, 1, "html"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_escaping, page_setup,
						page_teardown),
		cmocka_unit_test_setup_teardown(test_structure, page_setup,
						page_teardown),
		cmocka_unit_test_setup_teardown(test_svg_from_scene, page_setup,
						page_teardown),
		cmocka_unit_test_setup_teardown(test_reproducible_and_csv, page_setup,
						page_teardown),
		cmocka_unit_test_setup_teardown(test_svg_text_contrast, page_setup,
						page_teardown),
		cmocka_unit_test(test_no_skipped_level),
		cmocka_unit_test(test_logo),
		cmocka_unit_test(test_outputs_check),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
