/* test_render.c - renders a hand-built bulletin (masthead, contents, three
 * sections, a 3,000-word note, an 80-row table, line/bar/column charts, a
 * dashboard table with sparklines and arrows, £ – ’ ŵ in text) and checks
 * what can be checked without a PDF parser: success, the PDF header and
 * trailer, byte-identical output on a second render, and the errors for
 * text that cannot fit. When EIMON_RENDER_PDF is set the PDF is written
 * there for tests/e2e/t40-render.sh (pdftotext, qpdf, pdffonts). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "doc.h"
#include "render_pdf.h"
#include "tdir.h"

static char *xdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);

	assert_non_null(p);
	memcpy(p, s, n);
	return p;
}

/* memmem is not in C11/POSIX. */
static const void *find_bytes(const void *hay, size_t n, const void *needle,
			      size_t m)
{
	const unsigned char *h = hay;
	size_t i;

	for (i = 0; m <= n && i <= n - m; i++)
		if (memcmp(h + i, needle, m) == 0)
			return h + i;
	return NULL;
}

static const char *const words[] = {
	"the", "regional", "economy", "grew", "by", "£1.2m", "in", "output",
	"while", "firms", "reported", "rising", "costs", "–", "especially",
	"energy", "and", "wages", "employers’", "confidence", "eased", "as",
	"orders", "slowed", "across", "manufacturing", "Caerdydd", "ŵyr",
	"services", "retail", "held", "up", "better", "than", "expected"
};

/* A paragraph of n pseudo-random words (fixed seed: reproducible). */
static char *words_para(unsigned *seed, int n)
{
	size_t cap = (size_t)n * 20 + 2, len = 0;
	char *s = malloc(cap);
	int i;

	assert_non_null(s);
	for (i = 0; i < n; i++) {
		const char *w;
		size_t l;

		*seed = *seed * 1103515245u + 12345u;
		w = words[(*seed >> 16) % (sizeof(words) / sizeof(words[0]))];
		l = strlen(w);
		if (i)
			s[len++] = ' ';
		memcpy(s + len, w, l);
		len += l;
	}
	s[len++] = '.';
	s[len] = '\0';
	if (s[0] >= 'a' && s[0] <= 'z')
		s[0] = (char)(s[0] - 'a' + 'A');
	return s;
}

static const char *const places[10] = {
	"Birmingham", "Coventry", "Dudley", "Sandwell", "Solihull",
	"Walsall", "Wolverhampton", "West Midlands CA", "England",
	"United Kingdom"
};

static struct doc_chart *line_chart(void)
{
	struct doc_chart *c = doc_chart_new(DOC_CHART_LINE);
	static const char *const names[3] = { "WMCA", "England", "UK" };
	size_t s, i;

	c->title = xdup("The claimant rate in the region stays above England’s");
	c->subtitle = xdup("Claimant count as % of residents aged 16–64, "
			  "WMCA, England and UK, Nov 2021 to Oct 2026");
	c->y_title = xdup("% of residents aged 16–64");
	c->source = xdup("Source: ONS Claimant count (Nomis), not seasonally "
			"adjusted");
	for (s = 0; s < 3; s++) {
		struct doc_chart_series *cs =
			doc_chart_add_series(c, names[s], 60);

		cs->emphasis = s == 0;
		for (i = 0; i < 60; i++) {
			cs->x[i].freq = PERIOD_MONTH;
			cs->x[i].year = 2021 + (int)((10 + i) / 12);
			cs->x[i].num = (int)((10 + i) % 12) + 1;
			cs->y[i] = 6.5 - s * 1.3 + 0.9 * ((double)((i * 7 +
				   s * 3) % 13) / 13.0) - i * 0.02;
			cs->has[i] = 1;
		}
	}
	doc_chart_add_ref(c, 4.5, "Pre-pandemic");
	/* a gap of three months in the England series */
	c->series[1].has[30] = c->series[1].has[31] = 0;
	c->series[1].has[32] = 0;
	return c;
}

static struct doc_chart *pmi_chart(void)
{
	struct doc_chart *c = doc_chart_new(DOC_CHART_COLUMN);
	struct doc_chart_series *s;
	size_t i;

	c->title = xdup("Business activity has grown for five months");
	c->subtitle = xdup("PMI output index, West Midlands, Nov 2024 to "
			  "Oct 2026");
	c->y_title = xdup("Index (50 = no change)");
	c->source = xdup("Source: NatWest Regional Growth Tracker (PMI)");
	s = doc_chart_add_series(c, "PMI", 24);
	for (i = 0; i < 24; i++) {
		s->x[i].freq = PERIOD_MONTH;
		s->x[i].year = 2024 + (int)((10 + i) / 12);
		s->x[i].num = (int)((10 + i) % 12) + 1;
		s->y[i] = 47 + (double)((i * 5) % 9);
		s->has[i] = i != 7;
	}
	doc_chart_add_ref(c, 50, "50 = no change");
	c->zero_based = 1;
	return c;
}

static struct doc_chart *bar_chart(void)
{
	struct doc_chart *c = doc_chart_new(DOC_CHART_BAR);
	size_t i;

	c->title = xdup("Birmingham has the highest claimant rate");
	c->subtitle = xdup("Claimant rate, local authorities, October 2026");
	c->y_title = xdup("% of residents aged 16–64");
	c->source = xdup("Source: ONS Claimant count (Nomis)");
	for (i = 0; i < 10; i++) {
		char v[16];
		double val = 7.9 - 0.45 * (double)i;

		snprintf(v, sizeof(v), "%.1f%%", val);
		doc_chart_add_bar(c, places[i], val, v)->highlight = i == 7;
	}
	return c;
}

static struct doc_table *big_table(void)
{
	struct doc_table *t = doc_table_new(4);
	size_t i;

	t->caption = xdup("Table 1: Claimants by ward, October 2026");
	doc_table_set_header(t, 0, "Ward", DOC_LEFT, 3);
	doc_table_set_header(t, 1, "Claimants", DOC_RIGHT, 1.5);
	doc_table_set_header(t, 2, "Change on year", DOC_RIGHT, 1.5);
	doc_table_set_header(t, 3, "Rate", DOC_RIGHT, 1);
	for (i = 0; i < 80; i++) {
		struct doc_cell *row = doc_table_add_row(t);
		char buf[64];

		snprintf(buf, sizeof(buf), "Ward %zu – %s", i + 1,
			 places[i % 7]);
		doc_cell_set_text(&row[0], buf);
		snprintf(buf, sizeof(buf), "%zu,%03zu", 1 + i / 9,
			 (i * 137) % 1000);
		doc_cell_set_text(&row[1], buf);
		snprintf(buf, sizeof(buf), "%s%zu", i % 3 ? "+" : "−",
			 (i * 37) % 400);
		doc_cell_set_text(&row[2], buf);
		snprintf(buf, sizeof(buf), "%zu.%zu%%", 2 + i % 7, i % 10);
		doc_cell_set_text(&row[3], buf);
	}
	t->footnote = xdup("(p) provisional. Rates use mid-2024 population "
			  "estimates.");
	t->source = xdup("Source: ONS Claimant count (Nomis)");
	return t;
}

static struct doc_table *dashboard(void)
{
	struct doc_table *t = doc_table_new(5);
	static const char *const ind[6] = {
		"Claimant count", "Employment rate", "Job postings",
		"PMI output", "House prices", "Business births"
	};
	static const char *const latest[6] = {
		"131,560", "72.1%", "48,200", "51.3", "£238,000", "1,240"
	};
	static const char *const chg[6] = {
		"+2.1%", "−0.4 pts", "−6.0%", "+1.2", "+3.5%", "0.0%"
	};
	static const enum doc_direction dir[6] = {
		DOC_DIR_UP, DOC_DIR_DOWN, DOC_DIR_DOWN, DOC_DIR_UP,
		DOC_DIR_UP, DOC_DIR_FLAT
	};
	static const enum doc_tone tone[6] = {
		DOC_TONE_BAD, DOC_TONE_BAD, DOC_TONE_BAD, DOC_TONE_GOOD,
		DOC_TONE_NEUTRAL, DOC_TONE_NEUTRAL
	};
	size_t i, j;

	t->caption = xdup("Dashboard: the latest figures at a glance");
	doc_table_set_header(t, 0, "Indicator", DOC_LEFT, 3);
	doc_table_set_header(t, 1, "Latest", DOC_RIGHT, 1.6);
	doc_table_set_header(t, 2, "Change on year", DOC_LEFT, 2);
	doc_table_set_header(t, 3, "Period", DOC_LEFT, 1.6);
	doc_table_set_header(t, 4, "Last 24 months", DOC_LEFT, 2.2);
	for (i = 0; i < 6; i++) {
		struct doc_cell *row = doc_table_add_row(t);
		double v[24];
		unsigned char has[24];

		doc_cell_set_text(&row[0], ind[i]);
		doc_cell_set_text(&row[1], latest[i]);
		row[1].bold = 1;
		doc_cell_set_arrow(&row[2], dir[i], tone[i], chg[i]);
		doc_cell_set_text(&row[3], "Oct 2026");
		for (j = 0; j < 24; j++) {
			v[j] = 10 + (double)((j * (i + 3)) % 7) + j * 0.2;
			has[j] = !(i == 2 && j == 12);
		}
		doc_cell_set_spark(&row[4], v, has, 24);
	}
	t->source = xdup("Sources: ONS, Nomis, Adzuna, NatWest PMI, HM Land "
			"Registry");
	return t;
}

static void build(struct doc *d)
{
	unsigned seed = 42;
	struct doc_block *b;
	struct doc_note *n;
	char *p;
	int i, words_left;

	doc_init(d);
	d->title = xdup("West Midlands Weekly Economic Impact Monitor");
	d->subtitle = xdup("West Midlands Combined Authority area");
	d->publisher = xdup("West Midlands Combined Authority");
	d->funding = xdup("Produced with funding from partners across the "
			 "region – thanks to everyone who contributes.");
	d->caveat = xdup("Figures marked (p) are provisional and may be "
			"revised. Qualitative notes reflect partners’ views "
			"and are not official statistics.");
	d->issue = 123;
	d->date_text = xdup("20 November 2026");
	d->year = 2026;
	d->month = 11;
	d->day = 20;
	d->keywords = xdup("economy, labour market, West Midlands, Gŵyr – £");
	d->banner = xdup("Partners only — not for publication");

	doc_add_block(d, DOC_CONTENTS);
	doc_add_heading(d, 1, "Headlines", "headlines");
	b = doc_add_block(d, DOC_BULLETS);
	doc_text_add(doc_bullets_add(b), "Claimants rose to 131,560 (+2.1% "
		     "on the year).", 0, NULL);
	doc_text_add(doc_bullets_add(b), "The PMI stayed above 50 – growth "
		     "for a fifth month.", 0, NULL);
	doc_text_add(doc_bullets_add(b), "House prices averaged £238,000.", 0,
		     NULL);
	doc_add_table(d, dashboard());

	doc_add_heading(d, 1, "Labour market", "labour");
	doc_add_heading(d, 2, "Claimant count", "claimants");
	b = doc_add_para(d, "The claimant count ");
	doc_text_add(&b->text, "rose by 2.1%", DOC_BOLD, NULL);
	doc_text_add(&b->text, " on the year to October 2026; see the ", 0,
		     NULL);
	doc_text_add(&b->text, "ONS labour market overview", 0,
		     "https://www.ons.gov.uk/employmentandlabourmarket");
	doc_text_add(&b->text, " for the national picture. Costs of £5m – "
		     "and the employers’ view from Gŵyr – follow; ", 0, NULL);
	doc_text_add(&b->text, "figures are provisional", DOC_ITALIC, NULL);
	doc_text_add(&b->text, ".", 0, NULL);
	doc_add_chart(d, line_chart());
	doc_add_chart(d, bar_chart());
	doc_add_heading(d, 2, "Claimants by ward", "wards");
	doc_add_para(d, "Table 1 lists every ward; it continues over the "
		     "page with its header row repeated.");
	doc_add_table(d, big_table());

	doc_add_heading(d, 1, "Business and intelligence", "business");
	doc_add_heading(d, 2, "Business activity", "pmi");
	doc_add_chart(d, pmi_chart());
	doc_add_source(d, "Note: the PMI is a survey of purchasing managers; "
		       "values above 50 indicate growth.");
	doc_add_heading(d, 2, "Partners’ intelligence", "notes");
	n = doc_add_note(d, "Manufacturers report orders slowing as energy "
			 "costs bite");
	n->meta = xdup("Manufacturing · Birmingham, Coventry");
	n->cite = xdup("Source: a regional business organisation");
	n->link = xdup("https://www.example.org/reports/2026/11/"
		      "manufacturing-survey-quarter-three-results");
	n->partners = 1;
	words_left = 3000;
	for (i = 0; words_left > 0; i++) {
		int w = 60 + (i * 37) % 90;

		if (w > words_left)
			w = words_left;
		p = words_para(&seed, w);
		doc_note_add_para(n, p);
		free(p);
		words_left -= w;
	}
	n = doc_add_note(d, "Retailers see steady footfall in city centres");
	doc_note_add_para(n, "Footfall held up in Birmingham and Coventry; "
			  "Wolverhampton’s market reopened – £2.3m spent.");
	n->cite = xdup("Source: a business improvement district");
	doc_add_heading(d, 2, "About this bulletin", "about");
	doc_add_para(d, "This bulletin is produced weekly. Cymraeg: Croeso i "
		     "Abertawe a Gŵyr.");
	/* a word longer than the line is broken between characters */
	doc_add_para(d, "Longest: Llanfairpwllgwyngyllgogerychwyrndrobwllllanty"
		     "siliogogogochŵŵŵLlanfairpwllgwyngyllgogerychwyrndrobwll"
		     "llantysiliogogogoch£££ end.");
}

/* Rendering d fails with kind and a message that is want (exact) or
 * holds it, and hands back no PDF. */
static void expect_render_error(const struct doc *d, enum eim_kind kind,
				const char *want, int exact)
{
	struct eim_error err;
	unsigned char *out = NULL;
	size_t len = 0;

	eim_error_init(&err);
	assert_int_equal(render_pdf(d, &out, &len, &err), -1);
	assert_null(out);
	assert_int_equal(err.kind, kind);
	if (exact)
		assert_string_equal(err.msg, want);
	else if (!strstr(err.msg, want))
		fail_msg("the error '%s' does not say '%s'", err.msg, want);
}

static void test_render_whole_bulletin(void **state)
{
	struct doc d;
	struct eim_error err;
	unsigned char *a = NULL, *b = NULL;
	size_t alen = 0, blen = 0;
	const char *path = getenv("EIMON_RENDER_PDF");

	(void)state;
	build(&d);
	eim_error_init(&err);
	if (render_pdf(&d, &a, &alen, &err) != 0)
		fail_msg("render failed: %s", err.msg);
	assert_true(alen > 1000);
	assert_memory_equal(a, "%PDF-1.", 7);
	assert_non_null(find_bytes(a + alen - 32, 32, "%%EOF", 5));
	/* reproducible: the same doc gives the same bytes */
	assert_int_equal(render_pdf(&d, &b, &blen, &err), 0);
	assert_int_equal(alen, blen);
	assert_memory_equal(a, b, alen);
	/* the dates come from the doc, not the clock */
	assert_non_null(find_bytes(a, alen, "D:20261120", 10));
	if (path) {
		assert_int_equal(render_pdf_file(&d, path, &err), 0);
	}
	free(a);
	free(b);
	doc_free(&d);
}

static void test_cell_too_narrow_is_error(void **state)
{
	struct doc d;
	struct eim_error err;
	struct doc_table *t = doc_table_new(8);
	struct doc_cell *row;
	unsigned char *out = NULL;
	size_t len = 0, i;

	(void)state;
	doc_init(&d);
	d.title = xdup("T");
	t->caption = xdup("Narrow");
	/* a column given too little width is widened to its widest word */
	for (i = 0; i < 8; i++)
		doc_table_set_header(t, i, i == 0 ? "" : "x", DOC_LEFT,
				     i == 0 ? 1 : 5);
	row = doc_table_add_row(t);
	doc_cell_set_text(&row[0], "£1,234,567,890");
	doc_add_table(&d, t);
	eim_error_init(&err);
	assert_int_equal(render_pdf(&d, &out, &len, &err), 0);
	free(out);
	out = NULL;
	/* but eight such words (about 75 pt each) cannot share 483 pt: the
	 * given proportions stay (483.28 / 36 - 8 pt padding = 5 pt for the
	 * first column) and the first word that does not fit is named */
	for (i = 1; i < 8; i++)
		doc_cell_set_text(&row[i], "£1,234,567,890");
	expect_render_error(&d, EIM_DATA, "table 'Narrow' column '': "
			    "'£1,234,567,890' does not fit in 5 pt", 1);
	doc_free(&d);
}

static void test_too_many_series_is_error(void **state)
{
	struct doc d;
	struct doc_chart *c = doc_chart_new(DOC_CHART_LINE);
	int i;

	(void)state;
	doc_init(&d);
	c->title = xdup("Five lines");
	for (i = 0; i < 5; i++) {
		struct doc_chart_series *s = doc_chart_add_series(c, "s", 2);

		s->x[0].freq = s->x[1].freq = PERIOD_MONTH;
		s->x[0].year = s->x[1].year = 2026;
		s->x[0].num = 1;
		s->x[1].num = 2;
		s->has[0] = s->has[1] = 1;
	}
	doc_add_chart(&d, c);
	expect_render_error(&d, EIM_DATA, "chart 'Five lines' has 5 series (at "
			    "most 4)", 1);
	doc_free(&d);
}

static void test_missing_font_is_noinput(void **state)
{
	struct doc d;

	(void)state;
	doc_init(&d);
	d.style.font_regular = xdup("/nonexistent/font.ttf");
	expect_render_error(&d, EIM_NOINPUT, "/nonexistent/font.ttf", 0);
	doc_free(&d);
}

/* Charts at their edges: negative bars and columns, a flat line, weekly
 * and quarterly data, a single point, a missing bar. They must render;
 * EIMON_RENDER_PDF2 keeps the PDF for a look. */
static void test_render_edge_charts(void **state)
{
	struct doc d;
	struct eim_error err;
	struct doc_chart *c;
	struct doc_chart_series *s;
	unsigned char *out = NULL;
	size_t len = 0, i;
	const char *path = getenv("EIMON_RENDER_PDF2");

	(void)state;
	doc_init(&d);
	d.title = xdup("Edge cases");
	d.date_text = xdup("1 January 2027");

	c = doc_chart_new(DOC_CHART_BAR);
	c->title = xdup("Two places lost jobs");
	c->source = xdup("Source: test");
	for (i = 0; i < 5; i++) {
		char v[16];
		double val = 3.0 - 1.7 * (double)i;

		snprintf(v, sizeof(v), "%+.1f", val);
		doc_chart_add_bar(c, places[i], val, v)->highlight = i == 1;
	}
	doc_chart_add_bar(c, "Nowhere", 0, NULL)->has = 0;
	doc_add_chart(&d, c);

	c = doc_chart_new(DOC_CHART_COLUMN);
	c->title = xdup("Weekly change swings around zero");
	c->y_title = xdup("Change");
	c->source = xdup("Source: test");
	s = doc_chart_add_series(c, "Change", 30);
	for (i = 0; i < 30; i++) {
		s->x[i].freq = PERIOD_WEEK;
		s->x[i].year = 2026;
		s->x[i].num = (int)i + 10;
		s->y[i] = (double)((int)(i * 7 % 11) - 5) * 120.0;
		s->has[i] = 1;
	}
	doc_add_chart(&d, c);

	c = doc_chart_new(DOC_CHART_LINE);
	c->title = xdup("A flat series and a quarterly one");
	c->source = xdup("Source: test");
	s = doc_chart_add_series(c, "Flat", 8);
	for (i = 0; i < 8; i++) {
		s->x[i].freq = PERIOD_QUARTER;
		s->x[i].year = 2024 + (int)(i / 4);
		s->x[i].num = (int)(i % 4) + 1;
		s->y[i] = 50;
		s->has[i] = 1;
	}
	s = doc_chart_add_series(c, "Single point", 8);
	for (i = 0; i < 8; i++) {
		s->x[i] = c->series[0].x[i];
		s->y[i] = 51;
	}
	c->series[1].has[5] = 1;
	doc_add_chart(&d, c);

	eim_error_init(&err);
	if (render_pdf(&d, &out, &len, &err) != 0)
		fail_msg("render failed: %s", err.msg);
	if (path)
		assert_int_equal(render_pdf_file(&d, path, &err), 0);
	free(out);
	doc_free(&d);
}

static void test_bad_characters_are_errors(void **state)
{
	struct doc d;

	(void)state;
	doc_init(&d);
	doc_add_para(&d, "Smile \xf0\x9f\x98\x80 please");
	expect_render_error(&d, EIM_DATA, "outside U+0000-U+FFFF", 0);
	doc_free(&d);

	doc_init(&d);
	doc_add_para(&d, "Broken \xff\xfe bytes");
	expect_render_error(&d, EIM_DATA, "is not valid UTF-8", 0);
	doc_free(&d);
}

static void test_logo(void **state)
{
	struct doc d;
	struct eim_error err;
	unsigned char *out = NULL;
	size_t len = 0;
	char *dir = tdir_make(), *path = tdir_png(dir, "logo.png");

	(void)state;
	doc_init(&d);
	d.title = xdup("Monitor");
	d.style.logo_png = xdup(path);
	doc_add_para(&d, "Body.");
	eim_error_init(&err);
	assert_int_equal(render_pdf(&d, &out, &len, &err), 0);
	assert_non_null(find_bytes(out, len, "/Subtype /Image", 15));
	free(out);
	out = NULL;
	unlink(path);
	/* a missing logo is a missing input */
	expect_render_error(&d, EIM_NOINPUT, path, 0);
	doc_free(&d);
	free(path);
	tdir_remove(dir);
}

static void test_find_font(void **state)
{
	char buf[512];

	(void)state;
	assert_int_equal(render_find_font(0, buf, sizeof(buf)), 0);
	assert_non_null(strstr(buf, ".ttf"));
	assert_int_equal(render_find_font(1, buf, sizeof(buf)), 0);
	assert_non_null(strstr(buf, "Bold"));
	assert_int_equal(render_find_font(1, buf, 4), -1); /* too small */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_render_whole_bulletin),
		cmocka_unit_test(test_cell_too_narrow_is_error),
		cmocka_unit_test(test_too_many_series_is_error),
		cmocka_unit_test(test_missing_font_is_noinput),
		cmocka_unit_test(test_render_edge_charts),
		cmocka_unit_test(test_bad_characters_are_errors),
		cmocka_unit_test(test_logo),
		cmocka_unit_test(test_find_font),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
