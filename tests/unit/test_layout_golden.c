/* test_layout_golden.c - the golden layout cases, every back end's
 * contract: for each folder of tests/layout/, doc.txt (a document as
 * doc_dump writes it) reads back to the same text, and laid out it gives
 * exactly scene.txt (scene_dump). With EIMON_UPDATE_GOLDEN=1 the
 * expected scenes are written instead, and hand-written doc.txt files
 * put in the canonical form (then look at what changed: git diff). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>

#include <cmocka.h>

#include "doc.h"
#include "fontmetrics.h"
#include "layout.h"
#include "scene.h"
#include "strbuf.h"

#define CASES "tests/layout"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* The first line where a and b differ, printed, and 0; 1 when equal. */
static int same_text(const char *what, const char *want, const char *got)
{
	int line = 1;
	const char *a = want, *b = got;

	if (strcmp(want, got) == 0)
		return 1;
	while (*a && *a == *b) {
		if (*a == '\n') {
			line++;
			want = a + 1;
			got = b + 1;
		}
		a++;
		b++;
	}
	print_message("%s: differs at line %d\n  want: %.200s\n  got:  %.200s\n",
		      what, line, want, got);
	return 0;
}

static void check_case(const char *name)
{
	char path[512];
	char *text, *want;
	size_t len, wlen;
	struct doc d;
	struct scene sc;
	struct strbuf sb = STRBUF_INIT;
	struct eim_error err;

	snprintf(path, sizeof(path), CASES "/%s/doc.txt", name);
	text = slurp(path, &len);
	assert_non_null(text);
	doc_init(&d);
	eim_error_init(&err);
	if (doc_read(text, len, path, &d, &err) != 0)
		fail_msg("%s:%d: %s", err.file, err.line, err.msg);
	/* the dump format reads back to the same text (updating writes a
	 * hand-made doc.txt in the canonical form) */
	assert_int_equal(doc_dump(&d, &sb), 0);
	if (getenv("EIMON_UPDATE_GOLDEN") && strcmp(text, sb.buf) != 0) {
		FILE *f = fopen(path, "wb");

		assert_non_null(f);
		assert_int_equal(fwrite(sb.buf, 1, sb.len, f), sb.len);
		assert_int_equal(fclose(f), 0);
		free(text);
		text = slurp(path, &len);
	}
	assert_true(same_text(path, text, sb.buf));
	strbuf_reset(&sb);
	if (layout_doc(&d, &sc, &err) != 0)
		fail_msg("%s: layout failed: %s", name, err.msg);
	assert_int_equal(scene_dump(&sc, &sb), 0);
	snprintf(path, sizeof(path), CASES "/%s/scene.txt", name);
	if (getenv("EIMON_UPDATE_GOLDEN")) {
		FILE *f = fopen(path, "wb");

		assert_non_null(f);
		assert_int_equal(fwrite(sb.buf, 1, sb.len, f), sb.len);
		assert_int_equal(fclose(f), 0);
	}
	want = slurp(path, &wlen);
	if (!want)
		fail_msg("%s is missing (EIMON_UPDATE_GOLDEN=1 writes it)",
			 path);
	assert_true(same_text(path, want, sb.buf));
	free(want);
	free(text);
	strbuf_release(&sb);
	scene_free(&sc);
	doc_free(&d);
}

static void test_cases(void **state)
{
	DIR *dir = opendir(CASES);
	struct dirent *e;
	int n = 0;

	(void)state;
	assert_non_null(dir);
	while ((e = readdir(dir)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		print_message("# layout case %s\n", e->d_name);
		check_case(e->d_name);
		n++;
	}
	closedir(dir);
	assert_true(n >= 4);
}

/* A scene says what the cases rely on: the long table continues on a
 * second page and repeats its header; the font fallback has the fallback
 * face's ascent. */
static void test_case_properties(void **state)
{
	size_t len;
	char *s;

	(void)state;
	s = slurp(CASES "/long-table/scene.txt", &len);
	assert_non_null(s);
	assert_non_null(strstr(s, "\"(continued)\""));
	assert_non_null(strstr(s, "figure 0 table block 2 pages 1-3"));
	free(s);
	s = slurp(CASES "/font-fallback/scene.txt", &len);
	assert_non_null(s);
	assert_null(strstr(s, "ascent 0.9282")); /* not DejaVu's */
	assert_non_null(strstr(s, "-> page 1"));
	free(s);
	s = slurp(CASES "/many-series/scene.txt", &len);
	assert_non_null(s);
	assert_non_null(strstr(s, "\"Southam\""));
	assert_non_null(strstr(s, "dash=4,3")); /* the reference line */
	free(s);
}

/* Series that coincide stay visible and apart without colour: in the
 * many-series chart with every series made equal to the emphasised one,
 * that one is drawn first, wider and solid; every other is narrower and
 * dashed, no two alike; each line's label swatch repeats its colour,
 * width and dash. */
static void test_coinciding_lines(void **state)
{
	char path[512], *text;
	size_t len, i, k, p, nlines = 0, nswatch = 0;
	struct doc d;
	struct doc_chart *c = NULL;
	struct scene sc;
	struct eim_error err;
	const struct scene_path *line[8] = { NULL };

	(void)state;
	snprintf(path, sizeof(path), CASES "/many-series/doc.txt");
	text = slurp(path, &len);
	assert_non_null(text);
	doc_init(&d);
	eim_error_init(&err);
	assert_int_equal(doc_read(text, len, path, &d, &err), 0);
	for (i = 0; i < d.nblocks && !c; i++)
		if (d.blocks[i].kind == DOC_CHART &&
		    d.blocks[i].chart->kind == DOC_CHART_LINE)
			c = d.blocks[i].chart;
	assert_non_null(c);
	assert_true(c->nseries >= 3 && c->series[0].emphasis);
	for (k = 1; k < c->nseries; k++)
		for (i = 0; i < c->series[k].n && i < c->series[0].n; i++) {
			c->series[k].y[i] = c->series[0].y[i];
			c->series[k].has[i] = c->series[0].has[i];
		}
	assert_int_equal(layout_doc(&d, &sc, &err), 0);
	for (p = 0; p < sc.npages; p++) {
		int in = 0;

		for (i = 0; i < sc.pages[p].nitems; i++) {
			const struct scene_item *it = &sc.pages[p].items[i];
			const struct scene_path *pa = &it->u.path;

			if (it->kind == SCENE_BEGIN)
				in = sc.figures[it->u.figure].chart == c;
			if (it->kind == SCENE_END)
				in = 0;
			if (!in || it->kind != SCENE_PATH ||
			    pa->paint != SCENE_STROKE)
				continue;
			if (pa->n > 2 && nlines < 8) {
				line[nlines++] = pa;
				continue;
			}
			/* a label swatch: a short level stroke in a line's
			 * style */
			for (k = 0; k < nlines; k++)
				if (pa->rgb == line[k]->rgb &&
				    pa->width == line[k]->width &&
				    pa->dash_on == line[k]->dash_on &&
				    pa->dash_off == line[k]->dash_off)
					nswatch++;
		}
	}
	assert_int_equal(nlines, c->nseries);
	assert_true(line[0]->dash_on == 0);
	for (k = 1; k < nlines; k++) {
		assert_true(line[k]->width < line[0]->width);
		assert_true(line[k]->dash_on > 0);
		for (i = 1; i < k; i++)
			assert_false(line[i]->dash_on == line[k]->dash_on &&
				     line[i]->dash_off == line[k]->dash_off);
	}
	assert_int_equal(nswatch, nlines);
	scene_free(&sc);
	doc_free(&d);
	free(text);
}

/* A layout error names the template block the doc block came from. */
static void test_error_position(void **state)
{
	static const char text[] =
		"eimon-doc 1\n"
		"block contents\n"
		"  at 7 5 \"tpl.yaml\"\n"
		"block heading 1 \"h\"\n"
		"  at 9 5 \"tpl.yaml\"\n"
		"  run - \"A heading far too long for one line of the contents "
		"list, which never wraps its entries and so must say so rather "
		"than cut the words\"\n";
	struct doc d;
	struct scene sc;
	struct eim_error err;

	(void)state;
	doc_init(&d);
	eim_error_init(&err);
	assert_int_equal(doc_read(text, sizeof(text) - 1, "t", &d, &err), 0);
	assert_int_equal(layout_doc(&d, &sc, &err), -1);
	assert_int_equal(err.kind, EIM_DATA);
	assert_string_equal(err.file, "tpl.yaml");
	assert_int_equal(err.line, 7);
	assert_int_equal(err.col, 5);
	assert_non_null(strstr(err.msg, "too long for one line"));
	scene_free(&sc);
	doc_free(&d);
}

/* Bad dumps are errors with the line. */
static void test_bad_dump(void **state)
{
	static const char *const bad[] = {
		"not a dump\n",
		"eimon-doc 1\nblock nonsense\n",
		"eimon-doc 1\nblock para\n  run - \"unterminated\n",
		"eimon-doc 1\nblock chart\n  chart line decimals x zero_based 0\n",
		"eimon-doc 1\nblock table\n  table 2\n  row\n  cell text bold 0 \"a\"\n"
		"  cell text bold 0 \"b\"\n  cell text bold 0 \"c\"\n",
		"eimon-doc 1\nissue 1e999\n",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct doc d;
		struct eim_error err;

		doc_init(&d);
		eim_error_init(&err);
		assert_int_equal(doc_read(bad[i], strlen(bad[i]), "bad.txt", &d,
					  &err), -1);
		assert_int_equal(err.kind, EIM_DATA);
		assert_true(err.line >= 1);
		doc_free(&d);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_case_properties),
		cmocka_unit_test(test_coinciding_lines),
		cmocka_unit_test(test_error_position),
		cmocka_unit_test(test_bad_dump),
	};
	int ret = cmocka_run_group_tests(tests, NULL, NULL);

	font_metrics_clear();
	return ret;
}
