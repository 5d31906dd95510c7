/* test_csv.c - the streaming RFC 4180 reader. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "csv.h"

/* Read the whole text; fields joined with '|', records with '\n'. */
static int slurp(const char *text, size_t len, size_t max_line, char *out,
		 size_t size, struct eim_error *err)
{
	struct csv_reader *r = csv_reader_mem(text, len, "t.csv", max_line);
	struct csv_field *f;
	size_t n, i, o = 0;
	int rc;

	eim_error_init(err);
	out[0] = '\0';
	while ((rc = csv_reader_next(r, &f, &n, err)) == 1) {
		for (i = 0; i < n; i++) {
			assert_int_equal(f[i].p[f[i].len], '\0');
			o += (size_t)snprintf(out + o, size - o, "%s%s",
					      i ? "|" : "", f[i].p);
		}
		o += (size_t)snprintf(out + o, size - o, "\n");
	}
	csv_reader_free(r);
	return rc;
}

struct csv_case {
	const char *name, *in, *want;
};

static const struct csv_case cases[] = {
	{ "plain", "a,b,c\n1,2,3\n", "a|b|c\n1|2|3\n" },
	{ "bom", "\xEF\xBB\xBF" "a,b\n1,2\n", "a|b\n1|2\n" },
	{ "crlf", "a,b\r\n1,2\r\n", "a|b\n1|2\n" },
	{ "crlf quoted", "\"a\",\"b\"\r\n\"1\",\"2\"\r\n", "a|b\n1|2\n" },
	{ "quoted comma", "\"Outcome, ASC\",x\n", "Outcome, ASC|x\n" },
	{ "doubled quotes", "\"say \"\"hi\"\"\",\"\"\"\"\n",
	  "say \"hi\"|\"\n" },
	{ "embedded newline", "\"two\nlines\",b\nc,d\n", "two\nlines|b\nc|d\n" },
	{ "embedded crlf", "\"x\r\ny\",b\r\n", "x\r\ny|b\n" },
	{ "empty last field", "a,b,\n1,,\n", "a|b|\n1||\n" },
	{ "empty fields", ",,\n", "||\n" },
	{ "no final newline", "a,b\n1,2", "a|b\n1|2\n" },
	{ "no final newline quoted", "a,\"b\"", "a|b\n" },
	{ "no final newline crlf", "a,b\r\n1,\"2\"\r", "a|b\n1|2\n" },
	{ "blank lines", "a\n\n\r\nb\n", "a\nb\n" },
	{ "quoted empty record", "\"\"\n", "\n" },
	{ "unquoted value", "x,1.2e3,\"Value\",,\"Q\"\n", "x|1.2e3|Value||Q\n" },
	{ "empty input", "", "" },
	{ "literal quote in unquoted field", "ab\"c,d\n", "ab\"c|d\n" },
	{ "long fields across 64-byte chunks",
	  "\"0123456789012345678901234567890123456789012345678901234567890123456789,\"\"x\"\"\",y\n",
	  "0123456789012345678901234567890123456789012345678901234567890123456789,\"x\"|y\n" },
	{ "bom only", "\xEF\xBB\xBF", "" },
	/* Records the fast path hands to parse_record (a final record
	 * without newline; a literal quote in an unquoted field of the same
	 * record): doubled quotes there, mid-record and last. */
	{ "doubled quotes, no final newline", "x,\"a\"\"b\",y\nx,\"a\"\"b\"",
	  "x|a\"b|y\nx|a\"b\n" },
	{ "doubled quotes beside a literal quote", "p\"q,\"a\"\"b\",\"\"\"\"\n",
	  "p\"q|a\"b|\"\n" },
};

static void test_cases(void **state)
{
	size_t i;
	char out[256];
	struct eim_error err;
	(void)state;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		int rc = slurp(cases[i].in, strlen(cases[i].in), 0, out,
			       sizeof(out), &err);
		if (rc != 0)
			fail_msg("%s: error %s", cases[i].name, err.msg);
		if (strcmp(out, cases[i].want) != 0)
			fail_msg("%s: got [%s] want [%s]", cases[i].name, out,
				 cases[i].want);
	}
}

/* Quoted fields whose quotes, doubled quotes and delimiters fall on
 * every position around the 64-byte chunk edges of the fast path. */
static void test_chunk_edges(void **state)
{
	char in[512], want[512], out[512];
	struct eim_error err;
	int len, dq;
	(void)state;

	for (len = 0; len < 140; len++) {
		for (dq = -1; dq < len; dq += 7) {
			int i, o = 0, w = 0;
			in[o++] = '"';
			for (i = 0; i < len; i++) {
				if (i == dq) {
					in[o++] = '"';
					in[o++] = '"';
					want[w++] = '"';
				} else {
					in[o++] = (char)('a' + i % 26);
					want[w++] = (char)('a' + i % 26);
				}
			}
			o += snprintf(in + o, sizeof(in) - (size_t)o, "\",b\nc,\"d\"\n");
			w += snprintf(want + w, sizeof(want) - (size_t)w, "|b\nc|d\n");
			assert_int_equal(slurp(in, (size_t)o, 0, out, sizeof(out),
					       &err), 0);
			if (strcmp(out, want) != 0)
				fail_msg("len %d dq %d: got [%s] want [%s]", len,
					 dq, out, want);
		}
	}
}

static void test_lazy(void **state)
{
	const char *in = "h\n\"a\"\"b\",c\n";
	struct csv_reader *r = csv_reader_mem(in, strlen(in), "t.csv", 0);
	struct csv_field *f;
	size_t n;
	struct eim_error err;
	(void)state;

	eim_error_init(&err);
	csv_reader_lazy(r, 1);
	assert_int_equal(csv_reader_next(r, &f, &n, &err), 1);
	assert_int_equal(csv_reader_next(r, &f, &n, &err), 1);
	assert_int_equal(n, 2);
	/* raw slices until finished */
	assert_int_equal(f[0].len, 4);
	assert_memory_equal(f[0].p, "a\"\"b", 4);
	assert_string_equal(csv_field_finish(r, 0), "a\"b");
	assert_int_equal(f[0].len, 3);
	assert_string_equal(csv_field_finish(r, 0), "a\"b"); /* idempotent */
	csv_record_finish(r);
	assert_string_equal(f[1].p, "c");
	assert_int_equal(csv_reader_next(r, &f, &n, &err), 0);
	csv_reader_free(r);
}

static void test_line_numbers(void **state)
{
	const char *in = "h1,h2\n\"a\nb\",1\n\nx,2\n";
	struct csv_reader *r = csv_reader_mem(in, strlen(in), "t.csv", 0);
	struct csv_field *f;
	size_t n;
	struct eim_error err;
	(void)state;

	eim_error_init(&err);
	assert_int_equal(csv_reader_next(r, &f, &n, &err), 1);
	assert_int_equal(csv_reader_line(r), 1);
	assert_int_equal(csv_reader_next(r, &f, &n, &err), 1);
	assert_int_equal(csv_reader_line(r), 2);
	assert_int_equal(csv_reader_next(r, &f, &n, &err), 1);
	assert_int_equal(csv_reader_line(r), 5); /* after the blank line 4 */
	assert_string_equal(f[0].p, "x");
	assert_int_equal(csv_reader_next(r, &f, &n, &err), 0);
	csv_reader_free(r);
}

/* csv_reader_where: line and column of a field's first byte, counting
 * the newlines inside quotes; a quoted field points inside its quote. */
static void test_where(void **state)
{
	const char *in = "h1,h2,h3\r\n"
			 "abc,\"x\ny\",zz\r\n"
			 "\"q\"\"r\",\"s\",t\n";
	struct csv_reader *r = csv_reader_mem(in, strlen(in), "t.csv", 0);
	struct csv_field *f;
	size_t n;
	struct eim_error err;
	int line, col;
	(void)state;

	eim_error_init(&err);
	assert_int_equal(csv_reader_next(r, &f, &n, &err), 1);
	csv_reader_where(r, f[2].p, &line, &col);
	assert_int_equal(line, 1);
	assert_int_equal(col, 7);
	assert_int_equal(csv_reader_next(r, &f, &n, &err), 1);
	csv_reader_where(r, f[0].p, &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 1);
	csv_reader_where(r, f[1].p, &line, &col); /* after the quote */
	assert_int_equal(line, 2);
	assert_int_equal(col, 6);
	csv_reader_where(r, f[2].p, &line, &col); /* after "x<newline>y", */
	assert_int_equal(line, 3);
	assert_int_equal(col, 4);
	assert_int_equal(csv_reader_next(r, &f, &n, &err), 1);
	assert_string_equal(f[0].p, "q\"r");
	csv_reader_where(r, f[1].p, &line, &col); /* "" unescaped before it */
	assert_int_equal(line, 4);
	assert_int_equal(col, 9);
	csv_reader_where(r, f[2].p, &line, &col);
	assert_int_equal(line, 4);
	assert_int_equal(col, 12);
	csv_reader_free(r);
}

static void test_errors(void **state)
{
	char out[256];
	struct eim_error err;
	char *big;
	(void)state;

	/* over-long line: cap 16, the record on line 2 has 30 bytes */
	assert_int_equal(slurp("a,b\n0123456789,0123456789,0123456789\n", 37,
			       16, out, sizeof(out), &err), -1);
	assert_string_equal(err.file, "t.csv");
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 17);
	assert_non_null(strstr(err.msg, "longer than 16 bytes"));

	/* the same when the record does not end before the input does */
	big = malloc(3u << 20);
	memset(big, 'x', 3u << 20);
	assert_int_equal(slurp(big, 3u << 20, 1u << 20, out, sizeof(out),
			       &err), -1);
	assert_int_equal(err.line, 1);
	assert_int_equal(err.col, (1 << 20) + 1);
	free(big);

	assert_int_equal(slurp("a,b\n\"open,1\n", 12, 0, out, sizeof(out),
			       &err), -1);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 1);
	assert_non_null(strstr(err.msg, "unterminated"));

	assert_int_equal(slurp("a,\"b\"x,c\n", 9, 0, out, sizeof(out), &err),
			 -1);
	assert_int_equal(err.line, 1);
	assert_int_equal(err.col, 6);
	assert_non_null(strstr(err.msg, "after a closing quote"));
	/* a lone quote inside a quoted field */
	assert_int_equal(slurp("x\n\"a\"b\",c\n", 11, 0, out, sizeof(out), &err),
			 -1);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 4);
}

/* Many records across several 1 MiB blocks, with quoted fields holding
 * commas, quotes and newlines straddling block ends. */
static void test_blocks(void **state)
{
	size_t cap = 5u << 20, len = 0, rows = 0, i;
	char *in = malloc(cap);
	struct csv_reader *r;
	struct csv_field *f;
	size_t n;
	struct eim_error err;
	(void)state;

	while (len + 200 < cap - (1u << 20)) {
		len += (size_t)snprintf(in + len, cap - len,
					"\"k,%zu\",\"q\"\"%zu\",\"l\n%zu\",%zu\r\n",
					rows, rows, rows, rows * 7);
		rows++;
	}
	r = csv_reader_mem(in, len, "big.csv", 0);
	eim_error_init(&err);
	for (i = 0; i < rows; i++) {
		char want[64];
		if (csv_reader_next(r, &f, &n, &err) != 1)
			fail_msg("row %zu: %s", i, err.msg);
		assert_int_equal(n, 4);
		snprintf(want, sizeof(want), "k,%zu", i);
		assert_string_equal(f[0].p, want);
		snprintf(want, sizeof(want), "q\"%zu", i);
		assert_string_equal(f[1].p, want);
		snprintf(want, sizeof(want), "l\n%zu", i);
		assert_string_equal(f[2].p, want);
		assert_int_equal(strtoul(f[3].p, NULL, 10), i * 7);
		assert_int_equal(csv_reader_line(r), (long)(2 * i + 1));
	}
	assert_int_equal(csv_reader_next(r, &f, &n, &err), 0);
	csv_reader_free(r);
	free(in);
}

static void test_fd_and_file(void **state)
{
	char path[] = "/tmp/eimon-csv-XXXXXX";
	int fd = mkstemp(path);
	const char *text = "\xEF\xBB\xBF\"DATE\",\"OBS_VALUE\"\r\n\"2026-02\",13090\r\n";
	struct csv_reader *r;
	struct csv_field *f;
	size_t n;
	struct eim_error err;
	FILE *fp;
	(void)state;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (int)strlen(text));
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	eim_error_init(&err);
	r = csv_reader_fd(fd, path, 0);
	assert_int_equal(csv_reader_next(r, &f, &n, &err), 1);
	assert_int_equal(csv_find_column(f, n, "obs_value"), 1);
	assert_int_equal(csv_find_column(f, n, "date"), 0);
	assert_int_equal(csv_find_column(f, n, "nope"), -1);
	assert_int_equal(csv_reader_next(r, &f, &n, &err), 1);
	assert_true(csv_field_eq(&f[1], "13090"));
	assert_int_equal(csv_reader_next(r, &f, &n, &err), 0);
	csv_reader_free(r);

	fp = fdopen(fd, "r");
	rewind(fp);
	r = csv_reader_file(fp, path, 0);
	assert_int_equal(csv_reader_next(r, &f, &n, &err), 1);
	assert_string_equal(f[0].p, "DATE");
	assert_int_equal(csv_reader_next(r, &f, &n, &err), 1);
	assert_string_equal(f[0].p, "2026-02");
	csv_reader_free(r);
	fclose(fp);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_line_numbers),
		cmocka_unit_test(test_where),
		cmocka_unit_test(test_lazy),
		cmocka_unit_test(test_chunk_edges),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_blocks),
		cmocka_unit_test(test_fd_and_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
