/* test_notes.c - editors' notes: the folder of bad notes (every message
 * compared exactly), good notes, Unicode, selection and order, windows,
 * dates, 1,000 notes in a week, `notes new`. */

#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "notes.h"
#include "tdir.h"
#include "xalloc.h"

static const char *const themes[] = { "labour-market", "business",
				      "investment", "cost-of-living" };
#define NTHEMES (sizeof(themes) / sizeof(themes[0]))

static char c_wmca[] = "E47000007", c_bham[] = "E08000025",
	    c_cov[] = "E08000026", c_wal[] = "E08000030",
	    c_wolv[] = "E08000031", c_eng[] = "E92000001";
static char n_wmca[] = "West Midlands Combined Authority",
	    n_bham[] = "Birmingham", n_cov[] = "Coventry", n_wal[] = "Walsall",
	    n_wolv[] = "Wolverhampton", n_eng[] = "England";
static struct config_place places[] = {
	{ c_bham, n_bham, NULL, 0 },
	{ c_cov, n_cov, NULL, 0 },
	{ c_wal, n_wal, NULL, 0 },
	{ c_wolv, n_wolv, NULL, 0 },
};
static struct config_place comparators[] = {
	{ c_eng, n_eng, NULL, 0 },
};

/* A monitor as config_load would give it: area, places, comparators. */
static struct config test_cfg(void)
{
	struct config c;

	memset(&c, 0, sizeof(c));
	c.area.code = c_wmca;
	c.area.name = n_wmca;
	c.places = places;
	c.nplaces = 4;
	c.comparators = comparators;
	c.ncomparators = 1;
	return c;
}

static const char *top(void)
{
	const char *t = getenv("EIMON_TOP");
	return t ? t : ".";
}

static long day_of(const char *ymd)
{
	long d = 0;
	assert_int_equal(notes_parse_date(ymd, &d), 0);
	return d;
}

/* ---- temp folders ---- */

static void write_file(const char *dir, const char *rel, const char *text)
{
	char path[1024], *s;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	for (s = path + strlen(dir) + 1; *s; s++) {
		if (*s == '/') {
			*s = '\0';
			mkdir(path, 0777);
			*s = '/';
		}
	}
	f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static char *read_text(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = xcalloc((size_t)n + 1, 1);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	return buf;
}

/* ---- the folder of bad notes ---- */

static void bad_case(void **state)
{
	const char *name = *state; /* "NN-name" */
	char yaml[1024], expected[1024], display[300];
	char *text, *line, *next;
	struct config cfg = test_cfg();
	struct notes out;
	struct eim_warnings problems = { NULL, 0, 0 };
	struct eim_error err;
	unsigned i = 0;

	snprintf(yaml, sizeof(yaml), "%s/tests/bad/notes/%s.yaml", top(),
		 name);
	snprintf(expected, sizeof(expected), "%s/tests/bad/notes/%s.expected",
		 top(), name);
	snprintf(display, sizeof(display), "%s.yaml", name);
	memset(&out, 0, sizeof(out));
	eim_error_init(&err);
	assert_int_equal(notes_load_file(yaml, display, &cfg, themes, NTHEMES,
					 &out, &problems, &err), -1);
	assert_int_equal(err.kind, EIM_DATA);
	assert_int_equal(out.n, 0);
	text = read_text(expected);
	for (line = text; *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		else
			next = line + strlen(line);
		if (i >= problems.n)
			fail_msg("%s: missing message '%s'", name, line);
		if (strcmp(problems.items[i], line) != 0)
			fail_msg("%s: got      '%s'\n    expected '%s'", name,
				 problems.items[i], line);
		i++;
	}
	if (i != problems.n)
		fail_msg("%s: unexpected extra message '%s'", name,
			 problems.items[i]);
	/* The first problem is also the error. */
	assert_true(i > 0);
	{
		char buf[EIM_PATH_MAX + EIM_MSG_MAX + 32];
		eim_error_format(&err, buf, sizeof(buf));
		assert_string_equal(buf, problems.items[0]);
	}
	free(text);
	notes_release(&out);
	eim_warnings_release(&problems);
}

/* ---- good notes ---- */

static const char one_note[] =
	"# a note with every key\n"
	"date: 2026-11-18\n"
	"source: Black Country Chamber of Commerce\n"
	"cite_as: a regional business organisation\n"
	"theme: business\n"
	"headline: Manufacturers report a fall in export orders\n"
	"body: |\n"
	"  Orders from the EU fell for a third month.\n"
	"\n"
	"  Firms expect a better first quarter.\n"
	"sector: Manufacturing\n"
	"places: [E08000030, E08000031]\n"
	"sentiment: negative\n"
	"priority: high\n"
	"visibility: partners\n"
	"link: https://www.example.org/qes?q=1\n";

static void test_one_note_file(void **state)
{
	char *dir = tdir_make();
	struct config cfg = test_cfg();
	struct notes out;
	struct eim_warnings problems = { NULL, 0, 0 };
	struct eim_error err;
	const struct note *n;
	char path[600];

	(void)state;
	write_file(dir, "bcc.yaml", one_note);
	memset(&out, 0, sizeof(out));
	eim_error_init(&err);
	assert_int_equal(notes_load(dir, &cfg, themes, NTHEMES, &out,
				    &problems, &err), 0);
	assert_int_equal(problems.n, 0);
	assert_int_equal(out.n, 1);
	n = &out.items[0];
	snprintf(path, sizeof(path), "%s/bcc.yaml", dir);
	assert_string_equal(n->file, path);
	assert_int_equal(n->line, 2);
	assert_int_equal(n->col, 1);
	assert_string_equal(n->date, "2026-11-18");
	/* 2026-11-18: 56 years of days since 1970 plus leap days, by hand:
	 * 2026-01-01 is day 20454; +31+28+31+30+31+30+31+31+30+31 = 304;
	 * +17 = 20775. */
	assert_int_equal(n->day, 20775);
	assert_string_equal(n->source, "Black Country Chamber of Commerce");
	assert_string_equal(n->cite_as, "a regional business organisation");
	assert_string_equal(n->theme, "business");
	assert_string_equal(n->headline,
			    "Manufacturers report a fall in export orders");
	assert_string_equal(n->body, "Orders from the EU fell for a third "
			    "month.\n\nFirms expect a better first quarter.");
	assert_string_equal(n->sector, "Manufacturing");
	assert_int_equal(n->nplaces, 2);
	assert_string_equal(n->places[0], "E08000030");
	assert_string_equal(n->places[1], "E08000031");
	assert_int_equal(n->sentiment, NOTE_NEGATIVE);
	assert_int_equal(n->priority_high, 1);
	assert_int_equal(n->partners, 1);
	assert_string_equal(n->link, "https://www.example.org/qes?q=1");
	assert_false(notes_is_draft(n));
	notes_release(&out);
	tdir_remove(dir);
}

static void test_defaults(void **state)
{
	char *dir = tdir_make();
	struct notes out;
	struct eim_error err;
	const struct note *n;

	(void)state;
	/* A folded headline: one line once its final newline is gone. */
	write_file(dir, "min.yml", "date: '2026-11-18'\nsource: WMCA\n"
		   "theme: investment\nheadline: >\n  New site\n  opens\n");
	memset(&out, 0, sizeof(out));
	eim_error_init(&err);
	/* No config and no themes given: GSS codes and themes unchecked. */
	assert_int_equal(notes_load(dir, NULL, NULL, 0, &out, NULL, &err), 0);
	assert_int_equal(out.n, 1);
	n = &out.items[0];
	assert_string_equal(n->headline, "New site opens");
	assert_null(n->cite_as);
	assert_null(n->body);
	assert_null(n->sector);
	assert_null(n->link);
	assert_int_equal(n->nplaces, 0);
	assert_int_equal(n->sentiment, NOTE_SENT_NONE);
	assert_int_equal(n->priority_high, 0);
	assert_int_equal(n->partners, 0);
	notes_release(&out);
	tdir_remove(dir);
}

/* A byte order mark (Windows editors write one) is fine. */
static void test_bom(void **state)
{
	char *dir = tdir_make();
	struct notes out;
	struct eim_error err;

	(void)state;
	write_file(dir, "bom.yaml", "\xEF\xBB\xBF" "date: 2026-11-18\n"
		   "source: A\ntheme: business\nheadline: ok\n");
	memset(&out, 0, sizeof(out));
	eim_error_init(&err);
	assert_int_equal(notes_load(dir, NULL, themes, NTHEMES, &out, NULL,
				    &err), 0);
	assert_int_equal(out.n, 1);
	assert_string_equal(out.items[0].date, "2026-11-18");
	assert_int_equal(out.items[0].line, 1);
	assert_int_equal(out.items[0].col, 1);
	notes_release(&out);
	tdir_remove(dir);
}

static void test_list_and_nested(void **state)
{
	char *dir = tdir_make();
	struct config cfg = test_cfg();
	struct notes out;
	struct eim_warnings problems = { NULL, 0, 0 };
	struct eim_error err;
	char path[600];

	(void)state;
	write_file(dir, "b/2026/W47/deep.yaml",
		   "date: 2026-11-20\nsource: C\ntheme: business\n"
		   "headline: deep\n");
	write_file(dir, "a-list.yaml",
		   "- date: 2026-11-16\n  source: A\n  theme: business\n"
		   "  headline: first\n"
		   "- date: 2026-11-17\n  source: A\n  theme: investment\n"
		   "  headline: second\n  sentiment: mixed\n");
	write_file(dir, "b/0.yml", "date: 2026-11-18\nsource: B\n"
		   "theme: business\nheadline: zero\n");
	write_file(dir, "b/readme.txt", "not a note: ignored\n");
	write_file(dir, ".hidden/x.yaml", "not: a note\n");
	write_file(dir, "b/.#x.yaml", "editor: lock file\n");
	memset(&out, 0, sizeof(out));
	eim_error_init(&err);
	assert_int_equal(notes_load(dir, &cfg, themes, NTHEMES, &out,
				    &problems, &err), 0);
	assert_int_equal(problems.n, 0);
	assert_int_equal(out.n, 4);
	/* Byte order of the relative paths: "a-list.yaml" < "b/0.yml" <
	 * "b/2026/W47/deep.yaml". */
	assert_string_equal(out.items[0].headline, "first");
	assert_int_equal(out.items[0].line, 1);
	assert_int_equal(out.items[0].col, 3);
	assert_string_equal(out.items[1].headline, "second");
	assert_int_equal(out.items[1].line, 5);
	assert_int_equal(out.items[1].sentiment, NOTE_MIXED);
	assert_string_equal(out.items[2].headline, "zero");
	assert_string_equal(out.items[3].headline, "deep");
	snprintf(path, sizeof(path), "%s/b/2026/W47/deep.yaml", dir);
	assert_string_equal(out.items[3].file, path);
	notes_release(&out);
	tdir_remove(dir);
}

static void test_all_files_reported(void **state)
{
	char *dir = tdir_make();
	struct config cfg = test_cfg();
	struct notes out;
	struct eim_warnings problems = { NULL, 0, 0 };
	struct eim_error err;
	char want[3][700];

	(void)state;
	write_file(dir, "1.yaml", "date: 2026-11-18\nsource: A\n"
		   "theme: business\nheadline: fine\n");
	write_file(dir, "2.yaml", "date: 2026-11-31\nsource: A\n"
		   "theme: business\nheadline: bad date\n");
	write_file(dir, "sub/3.yaml", "date: 2026-11-18\nsource: A\n"
		   "theme: business\nheadline: x\n\tbody: tab\n");
	write_file(dir, "sub/4.yaml", "date: 2026-11-18\nsource: A\n"
		   "theme: business\nheadline: fine\n");
	memset(&out, 0, sizeof(out));
	eim_error_init(&err);
	assert_int_equal(notes_load(dir, &cfg, themes, NTHEMES, &out,
				    &problems, &err), -1);
	assert_int_equal(err.kind, EIM_DATA);
	assert_int_equal(out.n, 0);
	assert_int_equal(problems.n, 2);
	snprintf(want[0], sizeof(want[0]), "%s/2.yaml:1:7: 'date' must be a "
		 "real date written YYYY-MM-DD, not '2026-11-31'", dir);
	snprintf(want[1], sizeof(want[1]), "%s/sub/3.yaml:5:1: tab character "
		 "used for indentation (indent with spaces)", dir);
	assert_string_equal(problems.items[0], want[0]);
	assert_string_equal(problems.items[1], want[1]);
	eim_warnings_release(&problems);
	tdir_remove(dir);
}

/* A big mapping: the duplicate key at its end is found (the check is a
 * hash set, not a scan), and a file of many problems lists 100 of them
 * then says how many more there are. */
static void test_big_mapping(void **state)
{
	char *dir = tdir_make(), path[600], want[700];
	struct { char *b; size_t n; } t = { NULL, 0 }; /* text, length */
	struct notes out;
	struct eim_warnings problems = { NULL, 0, 0 };
	struct eim_error err;
	size_t i, cap = 20000 * 16;

	(void)state;
	t.b = xmalloc(cap);
	for (i = 0; i < 20000; i++)
		t.n += (size_t)snprintf(t.b + t.n, cap - t.n, "k%zu: 1\n", i);
	snprintf(t.b + t.n, cap - t.n, "k17: 2\n");
	write_file(dir, "dup.yaml", t.b);
	snprintf(path, sizeof(path), "%s/dup.yaml", dir);
	memset(&out, 0, sizeof(out));
	eim_error_init(&err);
	assert_int_equal(notes_load_file(path, "dup.yaml", NULL, NULL, 0,
					 &out, &problems, &err), -1);
	assert_int_equal(problems.n, 1);
	assert_string_equal(problems.items[0],
			    "dup.yaml:20001:1: duplicate key 'k17'");
	eim_warnings_release(&problems);

	/* Without the duplicate: 20,000 unknown keys and 4 missing ones. */
	t.b[t.n] = '\0';
	write_file(dir, "dup.yaml", t.b);
	eim_error_init(&err);
	assert_int_equal(notes_load_file(path, "dup.yaml", NULL, NULL, 0,
					 &out, &problems, &err), -1);
	assert_int_equal(problems.n, 101);
	assert_string_equal(problems.items[0], "dup.yaml:1:1: unknown key "
			    "'k0' (allowed here: date, source, cite_as, "
			    "theme, headline, body, sector, places, "
			    "sentiment, priority, visibility, link)");
	snprintf(want, sizeof(want), "dup.yaml: %d more problems in this "
		 "file not shown", 20000 + 4 - 100);
	assert_string_equal(problems.items[100], want);
	eim_warnings_release(&problems);
	free(t.b);
	tdir_remove(dir);
}

static void test_missing_folder(void **state)
{
	struct notes out;
	struct eim_error err;

	(void)state;
	memset(&out, 0, sizeof(out));
	eim_error_init(&err);
	assert_int_equal(notes_load("/nonexistent/eimon/notes", NULL, themes,
				    NTHEMES, &out, NULL, &err), 0);
	assert_int_equal(out.n, 0);
	assert_int_equal(err.kind, EIM_OK);
}

static void test_unicode(void **state)
{
	char *dir = tdir_make();
	struct notes out;
	struct eim_error err;
	char text[1024], head[400];
	size_t i;

	(void)state;
	/* 160 characters of which 40 are two- or three-byte: accepted
	 * (the limit counts characters, not bytes). */
	head[0] = '\0';
	for (i = 0; i < 40; i++) {
		const char *c = i % 3 == 0 ? "ŵ" : i % 3 == 1 ? "£" : "–";
		size_t l = strlen(head);
		snprintf(head + l, sizeof(head) - l, "%s", c);
	}
	for (i = 0; i < 120; i++) {
		size_t l = strlen(head);
		snprintf(head + l, sizeof(head) - l, "a");
	}
	assert_int_equal(notes_utf8_chars(head), 160);
	assert_true(strlen(head) > 160);
	snprintf(text, sizeof(text),
		 "date: 2026-11-18\nsource: Cyngor Gwynedd – Caernarfon\n"
		 "theme: cost-of-living\nheadline: \"%s\"\n"
		 "body: Prices rose by £12 – about 3%% – in Bryn-ŵr.\n", head);
	write_file(dir, "cymraeg.yaml", text);
	memset(&out, 0, sizeof(out));
	eim_error_init(&err);
	assert_int_equal(notes_load(dir, NULL, themes, NTHEMES, &out, NULL,
				    &err), 0);
	assert_int_equal(out.n, 1);
	assert_string_equal(out.items[0].source,
			    "Cyngor Gwynedd \xE2\x80\x93 Caernarfon");
	assert_string_equal(out.items[0].headline, head);
	assert_string_equal(out.items[0].body,
			    "Prices rose by \xC2\xA3" "12 \xE2\x80\x93 about "
			    "3% \xE2\x80\x93 in Bryn-\xC5\xB5r.");
	notes_release(&out);
	tdir_remove(dir);
}

/* ---- selection and order ---- */

static void add_note(struct notes *all, const char *theme, const char *date,
		     int high, int partners, const char *headline)
{
	struct note *n;

	XGROW(all->items, all->cap, all->n + 1);
	n = &all->items[all->n++];
	memset(n, 0, sizeof(*n));
	n->theme = xstrdup(theme);
	n->date = xstrdup(date);
	n->day = day_of(date);
	n->headline = xstrdup(headline);
	n->priority_high = high;
	n->partners = partners;
}

static void test_select_order(void **state)
{
	struct notes all;
	const struct note **sel = NULL;
	struct period w47 = { PERIOD_WEEK, 2026, 47 };
	long first, last;
	size_t n;

	(void)state;
	memset(&all, 0, sizeof(all));
	add_note(&all, "business", "2026-11-17", 0, 0, "b-old");
	add_note(&all, "business", "2026-11-20", 0, 0, "b-new");
	add_note(&all, "business", "2026-11-16", 1, 0, "b-high-old");
	add_note(&all, "labour-market", "2026-11-22", 0, 0, "l-sunday");
	add_note(&all, "business", "2026-11-20", 0, 0, "b-new-2");
	add_note(&all, "business", "2026-11-15", 1, 0, "b-last-week");
	add_note(&all, "business", "2026-11-23", 1, 0, "b-next-week");
	add_note(&all, "investment", "2026-11-18", 0, 1, "i-partners");
	add_note(&all, "business", "2026-11-19", 1, 0, "b-high-new");
	add_note(&all, "undeclared", "2026-11-19", 1, 0, "x-theme");

	assert_int_equal(notes_window(&w47, NULL, &first, &last), 0);
	assert_int_equal(first, day_of("2026-11-16")); /* Monday */
	assert_int_equal(last, day_of("2026-11-22"));  /* Sunday */

	n = notes_select(&all, first, last, themes, NTHEMES, 0, &sel);
	assert_int_equal(n, 6);
	/* Template order: labour-market before business. */
	assert_string_equal(sel[0]->headline, "l-sunday");
	assert_string_equal(sel[1]->headline, "b-high-new");
	assert_string_equal(sel[2]->headline, "b-high-old");
	assert_string_equal(sel[3]->headline, "b-new");  /* file order */
	assert_string_equal(sel[4]->headline, "b-new-2");
	assert_string_equal(sel[5]->headline, "b-old");
	free(sel);

	/* Partners edition: the partners note too. */
	n = notes_select(&all, first, last, themes, NTHEMES, 1, &sel);
	assert_int_equal(n, 7);
	assert_string_equal(sel[6]->headline, "i-partners");
	free(sel);

	/* Fortnight window: W46 and W47, so last week's note joins. */
	assert_int_equal(notes_window(&w47, "fortnight", &first, &last), 0);
	assert_int_equal(first, day_of("2026-11-09"));
	assert_int_equal(last, day_of("2026-11-22"));
	n = notes_select(&all, first, last, themes, NTHEMES, 0, &sel);
	assert_int_equal(n, 7);
	assert_string_equal(sel[1]->headline, "b-high-new");
	assert_string_equal(sel[2]->headline, "b-high-old");
	assert_string_equal(sel[3]->headline, "b-last-week");
	free(sel);

	/* Only the themes asked for (a notes block limited to one). */
	n = notes_select(&all, first, last, themes + 2, 1, 1, &sel);
	assert_int_equal(n, 1);
	assert_string_equal(sel[0]->headline, "i-partners");
	free(sel);

	/* Nothing in the window: no array. */
	n = notes_select(&all, 0, 10, themes, NTHEMES, 1, &sel);
	assert_int_equal(n, 0);
	assert_null(sel);
	assert_int_equal(notes_window(&w47, "month", &first, &last), -1);
	notes_release(&all);
}

/* ---- dates and weeks ---- */

static void test_dates(void **state)
{
	long d;
	char buf[16];
	struct period w;

	(void)state;
	assert_int_equal(notes_parse_date("1970-01-01", &d), 0);
	assert_int_equal(d, 0);
	assert_int_equal(notes_parse_date("2000-03-01", &d), 0);
	assert_int_equal(d, 11017); /* 30 years: 10957 days, + 31 + 29 */
	assert_int_equal(notes_parse_date("2024-02-29", &d), 0);
	assert_int_equal(notes_parse_date("2000-02-29", &d), 0);
	assert_int_equal(notes_parse_date("2026-02-29", &d), -1);
	assert_int_equal(notes_parse_date("1900-02-29", &d), -1);
	assert_int_equal(notes_parse_date("2026-02-30", &d), -1);
	assert_int_equal(notes_parse_date("2026-04-31", &d), -1);
	assert_int_equal(notes_parse_date("2026-00-10", &d), -1);
	assert_int_equal(notes_parse_date("2026-1-01", &d), -1);
	assert_int_equal(notes_parse_date("2026-01-01x", &d), -1);
	assert_int_equal(notes_parse_date("26-01-2026", &d), -1);
	assert_int_equal(notes_parse_date("", &d), -1);
	notes_format_date(20775, buf, sizeof(buf));
	assert_string_equal(buf, "2026-11-18");
	notes_format_date(-1, buf, sizeof(buf));
	assert_string_equal(buf, "1969-12-31");

	/* 2026 starts on a Thursday: W01 runs 2025-12-29 .. 2026-01-04 and
	 * the year has 53 weeks; 2027-01-01 (a Friday) is in 2026-W53. */
	w = notes_week_of_day(day_of("2027-01-01"));
	assert_int_equal(w.year, 2026);
	assert_int_equal(w.num, 53);
	w = notes_week_of_day(day_of("2025-12-29"));
	assert_int_equal(w.year, 2026);
	assert_int_equal(w.num, 1);
	w = notes_week_of_day(day_of("2026-11-22"));
	assert_int_equal(w.num, 47);
	assert_int_equal(notes_parse_week("2026-W53", &w), 0);
	assert_int_equal(notes_parse_week("2025-W53", &w), -1);
	assert_int_equal(notes_parse_week("2020-W53", &w), 0);
	assert_int_equal(notes_parse_week("2026-W00", &w), -1);
	assert_int_equal(notes_parse_week("2026-47", &w), -1);
	assert_int_equal(notes_parse_week("2026-W47", &w), 0);
	notes_format_week(&w, buf, sizeof(buf));
	assert_string_equal(buf, "2026-W47");
}

/* ---- 1,000 notes in a week ---- */

static void test_thousand_notes(void **state)
{
	char *dir = tdir_make();
	struct config cfg = test_cfg();
	struct notes out;
	struct eim_warnings problems = { NULL, 0, 0 };
	struct eim_error err;
	const struct note **sel = NULL;
	struct period w47 = { PERIOD_WEEK, 2026, 47 };
	long first, last;
	size_t i, n, nhigh = 0, npart = 0;
	char rel[64], text[4096];

	(void)state;
	/* 100 files of 10 notes: days Mon..Sun in turn, every 7th note high
	 * priority, every 10th for partners. */
	for (i = 0; i < 1000; i++) {
		int day = 16 + (int)(i % 7);
		size_t l;
		if (i % 10 == 0) {
			if (i) {
				snprintf(rel, sizeof(rel), "f%02zu/n.yaml",
					 i / 10 - 1);
				write_file(dir, rel, text);
			}
			text[0] = '\0';
		}
		l = strlen(text);
		snprintf(text + l, sizeof(text) - l,
			 "- {date: 2026-11-%02d, source: S%zu, theme: %s, "
			 "headline: \"Note %zu – £\", priority: %s, "
			 "visibility: %s}\n", day, i, themes[i % NTHEMES], i,
			 i % 7 == 0 ? "high" : "normal",
			 i % 10 == 0 ? "partners" : "public");
		nhigh += i % 7 == 0;
		npart += i % 10 == 0;
	}
	snprintf(rel, sizeof(rel), "f%02d/n.yaml", 99);
	write_file(dir, rel, text);
	memset(&out, 0, sizeof(out));
	eim_error_init(&err);
	assert_int_equal(notes_load(dir, &cfg, themes, NTHEMES, &out,
				    &problems, &err), 0);
	assert_int_equal(out.n, 1000);
	assert_int_equal(npart, 100);
	assert_int_equal(nhigh, 143); /* 0, 7, ..., 994 */
	assert_int_equal(notes_window(&w47, NULL, &first, &last), 0);
	n = notes_select(&out, first, last, themes, NTHEMES, 0, &sel);
	assert_int_equal(n, 900);
	for (i = 1; i < n; i++) {
		const struct note *a = sel[i - 1], *b = sel[i];
		size_t ta, tb;
		for (ta = 0; strcmp(themes[ta], a->theme); ta++)
			;
		for (tb = 0; strcmp(themes[tb], b->theme); tb++)
			;
		assert_true(ta <= tb);
		if (ta == tb) {
			assert_true(a->priority_high >= b->priority_high);
			if (a->priority_high == b->priority_high) {
				assert_true(a->day >= b->day);
				if (a->day == b->day)
					assert_true(a < b);
			}
		}
		assert_int_equal(b->partners, 0);
	}
	free(sel);
	n = notes_select(&out, first, last, themes, NTHEMES, 1, &sel);
	assert_int_equal(n, 1000);
	free(sel);
	notes_release(&out);
	tdir_remove(dir);
}

/* ---- notes new ---- */

static void test_write_new(void **state)
{
	char *dir = tdir_make(), *p1 = NULL, *p2 = NULL, *p3 = NULL;
	char want[700];
	struct period w47 = { PERIOD_WEEK, 2026, 47 };
	struct config cfg = test_cfg();
	struct notes out;
	struct eim_warnings problems = { NULL, 0, 0 };
	struct eim_error err;

	(void)state;
	eim_error_init(&err);
	/* Today (Wednesday) is in the week: its date. */
	assert_int_equal(notes_write_new(dir, "West Midlands Growth Co.",
					 "business", themes, NTHEMES,
					 &places[2], &w47,
					 day_of("2026-11-18"), &p1, &err), 0);
	snprintf(want, sizeof(want),
		 "%s/2026-W47/west-midlands-growth-co-1.yaml", dir);
	assert_string_equal(p1, want);
	/* A second note of the same source does not clash. Today after
	 * the week: the week's Sunday. */
	assert_int_equal(notes_write_new(dir, "West Midlands Growth Co.",
					 "investment", themes, NTHEMES, NULL,
					 &w47, day_of("2026-12-01"), &p2,
					 &err), 0);
	snprintf(want, sizeof(want),
		 "%s/2026-W47/west-midlands-growth-co-2.yaml", dir);
	assert_string_equal(p2, want);
	/* Quotes, backslashes and Unicode in the source survive; today
	 * before the week: its Monday. */
	assert_int_equal(notes_write_new(dir, "Siop \"Ŵy\" \\ £",
					 "cost-of-living", themes, NTHEMES,
					 NULL, &w47, day_of("2026-01-05"), &p3,
					 &err), 0);
	snprintf(want, sizeof(want), "%s/2026-W47/siop-y-1.yaml", dir);
	assert_string_equal(p3, want);

	/* Every note written is valid. */
	memset(&out, 0, sizeof(out));
	assert_int_equal(notes_load(dir, &cfg, themes, NTHEMES, &out,
				    &problems, &err), 0);
	assert_int_equal(problems.n, 0);
	assert_int_equal(out.n, 3);
	/* Sorted by path: siop-y-1 < west-...-1 < west-...-2. */
	assert_string_equal(out.items[0].source, "Siop \"Ŵy\" \\ £");
	assert_string_equal(out.items[0].date, "2026-11-16");
	assert_string_equal(out.items[0].theme, "cost-of-living");
	assert_string_equal(out.items[1].date, "2026-11-18");
	assert_string_equal(out.items[2].date, "2026-11-22");
	assert_string_equal(out.items[2].theme, "investment");
	assert_true(notes_is_draft(&out.items[2]));
	assert_int_equal(out.items[2].partners, 0);
	assert_int_equal(out.items[2].priority_high, 0);
	notes_release(&out);
	free(p1);
	free(p2);
	free(p3);
	p1 = NULL;

	/* An unknown theme, an empty or invalid source: usage errors. */
	assert_int_equal(notes_write_new(dir, "X", "labour-markets", themes,
					 NTHEMES, NULL, &w47, 0, &p1, &err),
			 -1);
	assert_int_equal(err.kind, EIM_USAGE);
	assert_string_equal(err.msg, "unknown theme 'labour-markets' (did "
			    "you mean 'labour-market'? the template declares "
			    "'labour-market', 'business', 'investment', "
			    "'cost-of-living')");
	assert_null(p1);
	eim_error_init(&err);
	assert_int_equal(notes_write_new(dir, "X", "housing", themes,
					 NTHEMES, NULL, &w47, 0, &p1, &err),
			 -1);
	assert_string_equal(err.msg, "unknown theme 'housing' (the template "
			    "declares 'labour-market', 'business', "
			    "'investment', 'cost-of-living')");

	eim_error_init(&err);
	assert_int_equal(notes_write_new(dir, "", "business", themes,
					 NTHEMES, NULL, &w47, 0, &p1, &err),
			 -1);
	assert_int_equal(err.kind, EIM_USAGE);
	eim_error_init(&err);
	assert_int_equal(notes_write_new(dir, "Caf\xE9", "business", themes,
					 NTHEMES, NULL, &w47, 0, &p1, &err),
			 -1);
	assert_int_equal(err.kind, EIM_USAGE);
	tdir_remove(dir);
}

/* The commented places example is the place given (the monitor's own),
 * and taking its # away gives a note that checks. */
static void test_write_new_place_example(void **state)
{
	char *dir = tdir_make(), *p = NULL, *text, *at;
	struct period w47 = { PERIOD_WEEK, 2026, 47 };
	struct config cfg = test_cfg();
	struct notes out;
	struct eim_warnings problems = { NULL, 0, 0 };
	struct eim_error err;
	FILE *f;

	(void)state;
	eim_error_init(&err);
	assert_int_equal(notes_write_new(dir, "Walsall Council", "business",
					 themes, NTHEMES, &places[2], &w47,
					 day_of("2026-11-18"), &p, &err), 0);
	text = read_text(p);
	/* The theme comment lists the template's themes. */
	assert_non_null(strstr(text, "# theme (required): one of the themes "
				"of the report template:\n# labour-market, "
				"business, investment, cost-of-living.\n"
				"theme: \"business\"\n"));
	at = strstr(text, "# places: [E08000030]  # Walsall\n");
	assert_non_null(at);
	assert_null(strstr(text, c_bham)); /* no other monitor's place */
	memmove(at, at + 2, strlen(at + 2) + 1);
	f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	memset(&out, 0, sizeof(out));
	assert_int_equal(notes_load_file(p, NULL, &cfg, themes, NTHEMES,
					 &out, &problems, &err), 0);
	assert_int_equal(out.n, 1);
	assert_int_equal(out.items[0].nplaces, 1);
	assert_string_equal(out.items[0].places[0], c_wal);
	notes_release(&out);
	free(text);
	free(p);
	/* No place given: no example code at all. */
	assert_int_equal(notes_write_new(dir, "Walsall Council", "business",
					 themes, NTHEMES, NULL, &w47,
					 day_of("2026-11-18"), &p, &err), 0);
	text = read_text(p);
	assert_null(strstr(text, "# places: ["));
	free(text);
	free(p);
	tdir_remove(dir);
}

static void test_write_new_current_week(void **state)
{
	char *dir = tdir_make(), *p = NULL, want[700];
	struct eim_error err;

	(void)state;
	eim_error_init(&err);
	/* No week given: the week of today (2027-01-01 is in 2026-W53). */
	assert_int_equal(notes_write_new(dir, "!!!", "business", NULL, 0,
					 NULL, NULL, day_of("2027-01-01"), &p,
					 &err), 0);
	snprintf(want, sizeof(want), "%s/2026-W53/note-1.yaml", dir);
	assert_string_equal(p, want);
	free(p);
	tdir_remove(dir);
}

/* notes_new itself: config and template from files, today's date. */
static void test_notes_new(void **state)
{
	char *dir = tdir_make(), *p = NULL, *p2 = NULL, cfgpath[600];
	char want[700];
	struct period w47 = { PERIOD_WEEK, 2026, 47 };
	struct notes out;
	struct eim_warnings problems = { NULL, 0, 0 };
	struct eim_error err;
	long first, last;

	(void)state;
	write_file(dir, "monitor.yaml",
		   "title: Test monitor\n"
		   "publisher: City-REDI\n"
		   "template: tpl/weekly.yaml\n"
		   "notes_dir: intel\n"
		   "area: {code: E47000007, name: WMCA}\n"
		   "places:\n"
		   "  - {code: E08000025, name: Birmingham}\n"
		   "feeds:\n"
		   "  - {id: cc, title: Claimant count, publisher: ONS,\n"
		   "     format: nomis-csv, path: data/cc.csv}\n"
		   "indicators:\n"
		   "  - {id: cc, feed: cc, title: Claimant count}\n");
	write_file(dir, "tpl/weekly.yaml",
		   "themes:\n"
		   "  - {id: business, title: Business}\n"
		   "  - {id: labour-market, title: Labour market}\n"
		   "sections:\n"
		   "  - title: Intelligence\n"
		   "    blocks:\n"
		   "      - {type: notes}\n");
	snprintf(cfgpath, sizeof(cfgpath), "%s/monitor.yaml", dir);
	eim_error_init(&err);
	if (notes_new(cfgpath, "Birmingham Chamber", "business", &w47, &p,
		      &err))
		fail_msg("notes_new: %s:%d:%d: %s", err.file, err.line,
			 err.col, err.msg);
	snprintf(want, sizeof(want),
		 "%s/intel/2026-W47/birmingham-chamber-1.yaml", dir);
	assert_string_equal(p, want);
	/* Not a template theme: a usage error, nothing written. */
	assert_int_equal(notes_new(cfgpath, "Birmingham Chamber", "housing",
				   &w47, &p2, &err), -1);
	assert_int_equal(err.kind, EIM_USAGE);
	assert_null(p2);
	/* The note is valid and dated inside the week. */
	snprintf(want, sizeof(want), "%s/intel", dir);
	memset(&out, 0, sizeof(out));
	eim_error_init(&err);
	assert_int_equal(notes_load(want, NULL, (const char *const[]){
					    "business", "labour-market" }, 2,
				    &out, &problems, &err), 0);
	assert_int_equal(out.n, 1);
	assert_int_equal(notes_window(&w47, NULL, &first, &last), 0);
	assert_true(out.items[0].day >= first && out.items[0].day <= last);
	assert_string_equal(out.items[0].source, "Birmingham Chamber");
	notes_release(&out);
	free(p);
	tdir_remove(dir);
}

/* ---- main: one test per bad note, then the rest ---- */

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_one_note_file),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_list_and_nested),
		cmocka_unit_test(test_all_files_reported),
		cmocka_unit_test(test_big_mapping),
		cmocka_unit_test(test_missing_folder),
		cmocka_unit_test(test_unicode),
		cmocka_unit_test(test_select_order),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_thousand_notes),
		cmocka_unit_test(test_write_new),
		cmocka_unit_test(test_write_new_place_example),
		cmocka_unit_test(test_write_new_current_week),
		cmocka_unit_test(test_notes_new),
	};
	char dirpath[600], **names = NULL;
	size_t n = 0, cap = 0, i, nfixed = sizeof(fixed) / sizeof(fixed[0]);
	struct CMUnitTest *tests;
	DIR *d;
	struct dirent *de;
	int rc;

	snprintf(dirpath, sizeof(dirpath), "%s/tests/bad/notes", top());
	d = opendir(dirpath);
	if (!d) {
		fprintf(stderr, "cannot open %s\n", dirpath);
		return 1;
	}
	while ((de = readdir(d)) != NULL) {
		size_t l = strlen(de->d_name);
		if (l > 5 && strcmp(de->d_name + l - 5, ".yaml") == 0) {
			XGROW(names, cap, n + 1);
			names[n++] = xstrndup(de->d_name, l - 5);
		}
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_names);
	tests = xcalloc(n + nfixed, sizeof(*tests));
	for (i = 0; i < n; i++) {
		tests[i].name = names[i];
		tests[i].test_func = bad_case;
		tests[i].initial_state = names[i];
	}
	for (i = 0; i < nfixed; i++)
		tests[n + i] = fixed[i];
	rc = _cmocka_run_group_tests("notes", tests, n + nfixed, NULL, NULL);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(tests);
	return rc;
}
