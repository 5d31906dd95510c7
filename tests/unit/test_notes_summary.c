/* test_notes_summary.c - partners' intelligence aggregated, driven by
 * the case folders of tests/notes_summary: each CASE folder holds
 *   case            "week YYYY-Www", optional "first_issue_week
 *                   YYYY-Www" and "window week|fortnight" lines
 *   template.yaml   themes and the intelligence block (else the one in
 *                   tests/notes_summary)
 *   notes/          the notes of several weeks
 *   expected        the public summary: title, place title, concerns
 *                   and the figures.csv rows
 *   expected-partners (optional) the same for the partners edition.
 * Also the wording helpers. EIMON_BLESS=1 writes the expected files from
 * what is computed, for a reviewer to read before committing them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "casedir.h"
#include "notes_summary.h"
#include "xalloc.h"

static char c_area[] = "E47000099", n_area[] = "Test Combined Authority";
static char c_a[] = "E08000901", n_a[] = "Alpha", c_b[] = "E08000902",
	    n_b[] = "Beta";
static struct config_place places[] = { { c_a, n_a, NULL, 0 },
					{ c_b, n_b, NULL, 0 } };

static void dump(const struct notes_summary *s, struct strbuf *sb)
{
	size_t i;

	strbuf_addf(sb, "title: %s\n", s->title);
	strbuf_addf(sb, "place_title: %s\n", s->place_title);
	for (i = 0; i < s->nconcerns; i++) {
		strbuf_adds(sb, "concern: ");
		notes_summary_concern_text(&s->concerns[i], sb);
		strbuf_addch(sb, '\n');
	}
	assert_int_equal(notes_summary_csv(s, c_area, sb), 0);
}

static void compare(const char *casedir, const char *name,
		    const struct strbuf *got)
{
	char path[600];
	char *want;

	snprintf(path, sizeof(path), "%s/%s", casedir, name);
	if (getenv("EIMON_BLESS")) { /* write what is got, to be reviewed */
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		fputs(got->buf, f);
		fclose(f);
	}
	want = casedir_read(path, NULL);
	if (!want)
		fail_msg("%s missing; got:\n%s", path, got->buf);
	if (strcmp(want, got->buf) != 0)
		fail_msg("%s differs; got:\n%s", path, got->buf);
	free(want);
}

static void run_case(const char *dir)
{
	char path[600], key[64], val[64], *text, *line, *next;
	struct config cfg;
	struct template_def *tpl = NULL;
	struct notes all;
	struct eim_error err;
	struct period week;
	struct nsum_params p;
	struct notes_summary s;
	struct strbuf got = STRBUF_INIT;
	struct stat st;
	int partners;

	memset(&cfg, 0, sizeof(cfg));
	memset(&all, 0, sizeof(all));
	memset(&week, 0, sizeof(week));
	eim_error_init(&err);
	cfg.area.code = c_area;
	cfg.area.name = n_area;
	cfg.places = places;
	cfg.nplaces = 2;
	snprintf(path, sizeof(path), "%s/case", dir);
	text = casedir_read(path, NULL);
	assert_non_null(text);
	for (line = text; *line; line = next) {
		next = strchr(line, '\n');
		next = next ? next + 1 : line + strlen(line);
		if (sscanf(line, "%63s %63s", key, val) != 2)
			continue;
		if (strcmp(key, "week") == 0)
			assert_int_equal(notes_parse_week(val, &week), 0);
		else if (strcmp(key, "first_issue_week") == 0)
			cfg.first_issue_week = xstrdup(val);
		else if (strcmp(key, "window") == 0)
			cfg.window = xstrdup(val);
	}
	free(text);
	snprintf(path, sizeof(path), "%s/template.yaml", dir);
	if (stat(path, &st) != 0)
		snprintf(path, sizeof(path), "tests/notes_summary/"
			 "template.yaml");
	if (template_load(path, &tpl, &err))
		fail_msg("%s: %s", path, err.msg);
	snprintf(path, sizeof(path), "%s/notes", dir);
	if (notes_load(path, &cfg, tpl->theme_ids, tpl->nthemes, &all, NULL,
		       &err))
		fail_msg("%s: %s:%d:%d: %s", dir, err.file, err.line,
			 err.col, err.msg);
	notes_summary_params(template_find_block(tpl, TPL_INTELLIGENCE), &p);
	for (partners = 0; partners < 2; partners++) {
		snprintf(path, sizeof(path), "%s/expected-partners", dir);
		if (partners && stat(path, &st) != 0)
			break;
		notes_summary_compute(&all, tpl, &cfg, &week, &p, partners,
				      &s);
		strbuf_reset(&got);
		dump(&s, &got);
		compare(dir, partners ? "expected-partners" : "expected",
			&got);
		notes_summary_release(&s);
	}
	strbuf_release(&got);
	notes_release(&all);
	template_free(tpl);
	free(cfg.first_issue_week);
	free(cfg.window);
}

static void test_cases(void **state)
{
	size_t n, i;
	char **names = casedir_list("tests/notes_summary", "", &n);
	size_t ran = 0;

	(void)state;
	for (i = 0; i < n; i++) {
		char dir[512];
		struct stat st;
		if (names[i][0] == '.')
			continue;
		snprintf(dir, sizeof(dir), "tests/notes_summary/%s", names[i]);
		if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
			continue;
		run_case(dir);
		ran++;
	}
	assert_true(ran >= 6);
	casedir_free_list(names, n);
}

static void test_lower_title(void **state)
{
	char buf[64];

	(void)state;
	notes_summary_lower_title("Labour market", buf, sizeof(buf));
	assert_string_equal(buf, "labour market");
	notes_summary_lower_title("EU trade", buf, sizeof(buf));
	assert_string_equal(buf, "EU trade");
	notes_summary_lower_title("A", buf, sizeof(buf));
	assert_string_equal(buf, "a");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_lower_title),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
