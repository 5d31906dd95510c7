/* test_csv_skip.c - csv_reader_skip_without (records skipped on their raw
 * bytes) and the Nomis reader's use of it for filters: what is skipped,
 * where it stops (a record holding the needle, a newline inside quotes, a
 * wrong field count, the end of input), line numbers afterwards, blank
 * lines, records across buffer refills, and that a Nomis read with
 * --select keeps the same rows, the same RECORD_COUNT check (repeated
 * headers not counted) and the same errors for rows it would reject. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "csv.h"
#include "feed.h"
#include "series.h"

struct seen {
	int n;
	char recs[16][64];
};

static void collect(void *ctx, const char *rec, size_t len)
{
	struct seen *s = ctx;

	if (s->n < 16)
		snprintf(s->recs[s->n], sizeof(s->recs[0]), "%.*s", (int)len,
			 rec);
	s->n++;
}

/* Skip from the start of text, then read one record: its first field
 * and line go to *first / *line ("" and 0 at the end of input). */
static void skip_then_read(const char *text, const char *needle,
			   size_t expect, struct seen *s, char *first,
			   long *line)
{
	struct csv_reader *r = csv_reader_mem(text, strlen(text), "t.csv", 0);
	struct csv_field *f;
	struct eim_error err;
	size_t n;
	int rc;

	eim_error_init(&err);
	memset(s, 0, sizeof(*s));
	assert_int_equal(csv_reader_skip_without(r, needle, strlen(needle),
						 expect, collect, s, &err), 0);
	rc = csv_reader_next(r, &f, &n, &err);
	assert_true(rc >= 0);
	snprintf(first, 64, "%s", rc == 1 ? f[0].p : "");
	*line = rc == 1 ? csv_reader_line(r) : 0;
	csv_reader_free(r);
}

static void test_skips_to_needle(void **state)
{
	struct seen s;
	char first[64];
	long line;

	(void)state;
	skip_then_read("a,1\nb,2\n\nc,E01\nd,E01\n", "E01", 2, &s, first,
		       &line);
	assert_int_equal(s.n, 2); /* the blank line is not a record */
	assert_string_equal(s.recs[0], "a,1");
	assert_string_equal(s.recs[1], "b,2");
	assert_string_equal(first, "c");
	assert_int_equal(line, 4);
	/* needle absent: everything is skipped */
	skip_then_read("a,1\r\n\"b\",\"2\"\r\n", "zz", 0, &s, first, &line);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.recs[0], "a,1\r");
	assert_string_equal(s.recs[1], "\"b\",\"2\"\r");
	assert_string_equal(first, "");
	/* a last record without newline is left to the parser */
	skip_then_read("a,1\nb,2", "zz", 0, &s, first, &line);
	assert_int_equal(s.n, 1);
	assert_string_equal(first, "b");
	assert_int_equal(line, 2);
}

static void test_stops_where_parser_must_look(void **state)
{
	struct seen s;
	char first[64];
	long line;

	(void)state;
	/* a newline inside quotes: the record spans lines */
	skip_then_read("a,1\n\"b\nb\",2\nc,3\n", "zz", 2, &s, first, &line);
	assert_int_equal(s.n, 1);
	assert_string_equal(first, "b\nb");
	assert_int_equal(line, 2);
	/* a quoted comma is not a separator: 2 fields, skipped */
	skip_then_read("\"a,x\",1\nb,2,3\n", "zz", 2, &s, first, &line);
	assert_int_equal(s.n, 1);
	assert_string_equal(first, "b"); /* 3 fields: the parser's to reject */
	assert_int_equal(line, 2);
	/* a needle holding a quote skips nothing */
	skip_then_read("a,1\nb,2\n", "x\"y", 0, &s, first, &line);
	assert_int_equal(s.n, 0);
	assert_string_equal(first, "a");
	/* the needle straddling a 64-byte block */
	{
		char text[256];
		memset(text, 'x', sizeof(text));
		memcpy(text, "a,", 2);
		memcpy(text + 60, "NEEDLE", 6);
		memcpy(text + 100, "\nb,1\n", 6);
		skip_then_read(text, "NEEDLE", 2, &s, first, &line);
		assert_int_equal(s.n, 0);
		assert_int_equal(line, 1);
		skip_then_read(text, "NEEDLF", 2, &s, first, &line);
		assert_int_equal(s.n, 2);
		assert_string_equal(first, "");
	}
}

/* Many records across buffer refills (CSV_BLOCK at a time); the needle
 * sits in record 20000 and the last record. */
static void test_across_refills(void **state)
{
	size_t cap = 40000 * 64, o = 0;
	char *text = malloc(cap);
	struct seen s;
	char first[64];
	long line;
	int i;

	(void)state;
	assert_non_null(text);
	for (i = 1; i <= 40000; i++)
		o += (size_t)snprintf(text + o, cap - o,
				      "\"%d\",\"filler text %05d\",%s\n", i, i,
				      i == 20000 || i == 40000 ? "E01000001"
							       : "E01000002");
	skip_then_read(text, "E01000001", 3, &s, first, &line);
	assert_int_equal(s.n, 19999);
	assert_string_equal(s.recs[15], "\"16\",\"filler text 00016\",E01000002");
	assert_string_equal(first, "20000");
	assert_int_equal(line, 20000);
	free(text);
}

static const char nomis_head[] =
	"\"DATE\",\"GEOGRAPHY_CODE\",\"GEOGRAPHY_NAME\",\"OBS_VALUE\","
	"\"RECORD_OFFSET\",\"RECORD_COUNT\"\n";

/* Read a Nomis body with geography=E01000002; the tidy rows (period and
 * value) joined with ';' into out. Returns feed_read_buffer's result. */
static int nomis_select(const char *body, char *out, size_t size,
			struct eim_error *err)
{
	struct series_table t;
	struct series_filter f = { "geography", "E01000002" };
	size_t i, o = 0;
	int rc;

	series_table_init(&t);
	eim_error_init(err);
	out[0] = '\0';
	rc = feed_read_buffer(feed_format_parse("nomis-csv"), body,
			      strlen(body), "n.csv", NULL, &f, 1, &t, err);
	for (i = 0; rc == 0 && i < t.n; i++) {
		char per[32];
		period_format(&t.obs[i].period, per, sizeof(per));
		o += (size_t)snprintf(out + o, size - o, "%s=%g;", per,
				      t.obs[i].value);
	}
	series_table_release(&t);
	return rc;
}

static void test_nomis_select(void **state)
{
	char body[2048], out[512];
	struct eim_error err;

	(void)state;
	/* 5 records, 2 of E01000002; a repeated header (a second page)
	 * among the skipped rows is not a record */
	snprintf(body, sizeof(body), "%s"
		 "\"2026-01\",\"E01000001\",\"A\",10,0,5\n"
		 "\"2026-01\",\"E01000002\",\"B\",20,1,5\n"
		 "%s"
		 "\"2026-02\",\"E01000001\",\"A\",11,2,5\n"
		 "\"2026-02\",\"E01000003\",\"C\",12,3,5\n"
		 "\"2026-02\",\"E01000002\",\"B\",21,4,5\n",
		 nomis_head, nomis_head);
	assert_int_equal(nomis_select(body, out, sizeof(out), &err), 0);
	assert_string_equal(out, "2026-01=20;2026-02=21;");

	/* RECORD_COUNT 6 but 5 records: truncated, skipped rows counted */
	snprintf(body, sizeof(body), "%s"
		 "\"2026-01\",\"E01000001\",\"A\",10,0,6\n"
		 "\"2026-01\",\"E01000002\",\"B\",20,1,6\n"
		 "\"2026-02\",\"E01000001\",\"A\",11,2,6\n"
		 "%s"
		 "\"2026-02\",\"E01000003\",\"C\",12,3,6\n"
		 "\"2026-02\",\"E01000002\",\"B\",21,4,6\n",
		 nomis_head, nomis_head);
	assert_int_equal(nomis_select(body, out, sizeof(out), &err), -1);
	assert_non_null(strstr(err.msg, "5 of 6 records"));

	/* a short row among the skipped ones is still an error, at its line */
	snprintf(body, sizeof(body), "%s"
		 "\"2026-01\",\"E01000001\",\"A\",10,0,3\n"
		 "\"2026-01\",\"E01000002\",\"B\",20,1,3\n"
		 "\"2026-02\",\"E01000001\",11,2,3\n",
		 nomis_head);
	assert_int_equal(nomis_select(body, out, sizeof(out), &err), -1);
	assert_non_null(strstr(err.msg, "row has 5 fields, the header 6"));
	assert_int_equal(err.line, 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_skips_to_needle),
		cmocka_unit_test(test_stops_where_parser_must_look),
		cmocka_unit_test(test_across_refills),
		cmocka_unit_test(test_nomis_select),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
