/* test_template_resolve.c - a template written for any monitor, fitted to
 * one: geography words by role, indicators_with, each_indicator with the
 * indicator's own chart settings, and blocks left out (with a note) when
 * the monitor has nothing for them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "config.h"
#include "template.h"

static char dir[] = "/tmp/eimon-tres.XXXXXX";

static const char *monitor_yaml =
	"title: T\npublisher: P\ntemplate: t.yaml\n"
	"area: {code: E47000001, name: Area}\n"
	"places:\n"
	"  - {code: E08000001, name: One}\n"
	"  - {code: E08000002, name: Two}\n"
	"comparators:\n"
	"  - {code: E12000002, name: Region}\n"
	"  - {code: E92000001, name: England, role: country}\n"
	"  - {code: K02000001, name: UK}\n"
	"feeds:\n"
	"  - {id: f, title: F, publisher: P, format: nomis-csv, path: f.csv}\n"
	"indicators:\n"
	"  - {id: a, feed: f, title: A, theme: lm, tags: [by_place]}\n"
	"  - {id: b, feed: f, title: B, theme: lm,\n"
	"     chart: {kind: column, since: 2020-01, places: [country]}}\n"
	"  - {id: c, feed: f, title: C, theme: biz, chart: {kind: none},\n"
	"     tags: [no_headline]}\n";

static const char *template_yaml =
	"themes: [{id: lm, title: LM}, {id: biz, title: Biz},\n"
	"         {id: trade, title: Trade}]\n"
	"sections:\n"
	"  - title: Headlines\n"
	"    blocks:\n"
	"      - {type: headlines, indicators_with: {except_tag: no_headline}}\n"
	"  - title: Labour\n"
	"    blocks:\n"
	"      - {type: chart, each_indicator: true, since: 2019-01,\n"
	"         indicators_with: {theme: lm}, places: [area, region, country]}\n"
	"      - {type: chart, chart: bar, each_indicator: true,\n"
	"         indicators_with: {theme: [lm, biz], tag: by_place},\n"
	"         places: [places]}\n"
	"  - title: Business\n"
	"    blocks:\n"
	"      - {type: chart, each_indicator: true,\n"
	"         indicators_with: {theme: biz}}\n"
	"  - title: Trade\n"
	"    blocks:\n"
	"      - {type: table, indicators_with: {theme: trade}}\n";

static void put(const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void load(struct config **c, struct template_def **t)
{
	char path[256];
	struct eim_error err;

	eim_error_init(&err);
	snprintf(path, sizeof(path), "%s/monitor.yaml", dir);
	if (config_load(path, c, &err))
		fail_msg("config: %s", err.msg);
	snprintf(path, sizeof(path), "%s/t.yaml", dir);
	if (template_load(path, t, &err))
		fail_msg("template: %s", err.msg);
}

static int has_note(const struct eim_warnings *w, const char *s)
{
	unsigned i;

	for (i = 0; i < w->n; i++)
		if (strstr(w->items[i], s))
			return 1;
	return 0;
}

static void test_roles(void **state)
{
	struct config *c = NULL;
	struct template_def *t = NULL;
	char w1[] = "region", w2[] = "country", w3[] = "places",
	     w4[] = "area", w5[] = "K02000001";
	char *words[] = { w4, w1, w2, w3, w5, w4 };
	const char *codes[16];
	size_t n;

	(void)state;
	load(&c, &t);
	n = config_resolve_geos(c, words, 6, codes, 16);
	/* area, region (first comparator), country (declared role), the
	 * places, the UK; no repeats */
	assert_int_equal(n, 6);
	assert_string_equal(codes[0], "E47000001");
	assert_string_equal(codes[1], "E12000002");
	assert_string_equal(codes[2], "E92000001");
	assert_string_equal(codes[3], "E08000001");
	assert_string_equal(codes[4], "E08000002");
	assert_string_equal(codes[5], "K02000001");
	/* capped, never past the array */
	assert_int_equal(config_resolve_geos(c, words, 6, codes, 2), 2);
	template_free(t);
	config_free(c);
}

static void test_fit(void **state)
{
	struct config *c = NULL;
	struct template_def *t = NULL;
	struct eim_warnings notes = { NULL, 0, 0 }, warn = { NULL, 0, 0 };
	const struct tpl_section *s;

	(void)state;
	load(&c, &t);
	template_resolve(t, c, &notes, &warn);
	/* Trade selects nothing; Business only c, which asks for no chart
	 * over time: both left out, with notes */
	assert_int_equal(t->nsections, 2);
	assert_true(has_note(&notes, "section 'Trade' left out"));
	assert_true(has_note(&notes, "table block left out"));
	assert_true(has_note(&notes, "section 'Business' left out"));
	assert_true(has_note(&notes, "indicator 'c' is shown in no block"));
	assert_int_equal(warn.n, 0);
	/* headlines: a and b, not c (no_headline) */
	s = &t->sections[0];
	assert_int_equal(s->blocks[0].nindicators, 2);
	assert_string_equal(s->blocks[0].indicators[0], "a");
	assert_string_equal(s->blocks[0].indicators[1], "b");
	/* Labour: a line chart each for a and b, a bar chart for a */
	s = &t->sections[1];
	assert_int_equal(s->nblocks, 3);
	assert_string_equal(s->blocks[0].indicators[0], "a");
	assert_int_equal(s->blocks[0].chart, TPL_CHART_LINE);
	assert_string_equal(s->blocks[0].since, "2019-01");
	assert_int_equal(s->blocks[0].nplaces, 3);
	/* b's own chart settings win over the block's */
	assert_string_equal(s->blocks[1].indicators[0], "b");
	assert_int_equal(s->blocks[1].chart, TPL_CHART_COLUMN);
	assert_string_equal(s->blocks[1].since, "2020-01");
	assert_int_equal(s->blocks[1].nplaces, 1);
	assert_string_equal(s->blocks[1].places[0], "country");
	assert_int_equal(s->blocks[2].chart, TPL_CHART_BAR);
	assert_string_equal(s->blocks[2].indicators[0], "a");
	template_free(t);
	config_free(c);
	eim_warnings_release(&notes);
	eim_warnings_release(&warn);
}

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(dir))
		return -1;
	put("monitor.yaml", monitor_yaml);
	put("t.yaml", template_yaml);
	return 0;
}

static int teardown(void **state)
{
	char path[256];

	(void)state;
	snprintf(path, sizeof(path), "%s/monitor.yaml", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/t.yaml", dir);
	unlink(path);
	rmdir(dir);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roles),
		cmocka_unit_test(test_fit),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
