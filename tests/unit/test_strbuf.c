/* test_strbuf.c - the size cap of strbuf.h: a failed append is sticky
 * (through strbuf_reset too), the contents stay a whole prefix, and
 * strbuf_check turns the failure into an error. Real producers writing
 * into a capped strbuf (figures.csv, the manifest, the document dump)
 * report it instead of handing on a cut text; compose's own strbufs are
 * tested from test_compose.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "error.h"
#include "figures.h"
#include "manifest.h"
#include "strbuf.h"

static void cap_is_sticky(void **state)
{
	struct strbuf sb;
	struct eim_error err;

	(void)state;
	strbuf_init(&sb, 8);
	assert_int_equal(strbuf_adds(&sb, "12345"), 0);
	assert_int_equal(strbuf_adds(&sb, "6789"), -1); /* 9 > 8 */
	assert_string_equal(sb.buf, "12345");           /* a whole prefix */
	assert_true(sb.failed);
	/* a later append that would fit fails too: no hole in the text */
	assert_int_equal(strbuf_addch(&sb, 'x'), -1);
	assert_string_equal(sb.buf, "12345");
	/* reset empties but keeps the failure for the check at the end */
	strbuf_reset(&sb);
	assert_int_equal(sb.len, 0);
	assert_true(sb.failed);
	assert_int_equal(strbuf_adds(&sb, "ab"), -1);
	eim_error_init(&err);
	assert_int_equal(strbuf_check(&sb, "the thing", &err), -1);
	assert_int_equal(err.kind, EIM_DATA);
	assert_string_equal(err.msg, "the thing is larger than 8 bytes, the "
			    "size cap; nothing was written");
	/* release starts over, with the same cap */
	strbuf_release(&sb);
	assert_false(sb.failed);
	assert_int_equal(strbuf_adds(&sb, "12345678"), 0);
	assert_int_equal(strbuf_addch(&sb, '9'), -1);
	strbuf_release(&sb);
}

static void check_passes_when_whole(void **state)
{
	struct strbuf sb;
	struct eim_error err;

	(void)state;
	strbuf_init(&sb, 8);
	assert_int_equal(strbuf_adds(&sb, "12345678"), 0); /* exactly 8 */
	eim_error_init(&err);
	assert_int_equal(strbuf_check(&sb, "x", &err), 0);
	assert_int_equal(err.kind, EIM_OK);
	/* detach clears it as well */
	assert_int_equal(strbuf_addch(&sb, '9'), -1);
	free(strbuf_detach(&sb, NULL));
	assert_false(sb.failed);
	strbuf_release(&sb);
}

static void helpers_fail_at_cap(void **state)
{
	struct strbuf sb;

	(void)state;
	strbuf_init(&sb, 6);
	assert_int_equal(strbuf_add_json(&sb, "abcd"), 0); /* "abcd" */
	assert_int_equal(strbuf_add_csv(&sb, "a"), -1);
	assert_true(sb.failed);
	strbuf_release(&sb);
	strbuf_init(&sb, 3);
	assert_int_equal(strbuf_addf(&sb, "%d", 1234), -1);
	assert_int_equal(sb.len, 0);
	assert_int_equal(strbuf_add_double(&sb, 0.25), -1); /* sticky */
	strbuf_release(&sb);
}

/* figures_write_csv (the writer of figures.csv) into a strbuf too small
 * for its rows fails, and strbuf_check names the file. */
static void figures_csv_reports_the_cap(void **state)
{
	static const char csv[] =
		"indicator,geography,figure,period,value,status\n"
		"ind,E1,latest,2026-10,12.5,\n"
		"ind,E1,previous,2026-09,12,\n";
	struct figure_set set;
	struct strbuf sb, whole;
	struct eim_error err;

	(void)state;
	figures_init(&set);
	eim_error_init(&err);
	assert_int_equal(figures_read_csv(csv, sizeof(csv) - 1, "f.csv",
					  &set, &err), 0);
	assert_int_equal(set.n, 2);
	strbuf_init(&whole, 0);
	assert_int_equal(figures_write_csv(&set, &whole), 0);
	assert_int_equal(strbuf_check(&whole, "figures.csv", &err), 0);
	/* room for the header and part of the first row only */
	strbuf_init(&sb, sizeof("indicator,geography,figure,period,value,"
				"status\n") + 8);
	assert_int_equal(figures_write_csv(&set, &sb), -1);
	assert_int_equal(strbuf_check(&sb, "figures.csv", &err), -1);
	assert_non_null(strstr(err.msg, "figures.csv is larger than"));
	/* what is there is a prefix of the whole text: the flag, not the
	 * contents, tells a cut text */
	assert_true(sb.len < whole.len);
	assert_memory_equal(sb.buf, whole.buf, sb.len);
	strbuf_release(&sb);
	strbuf_release(&whole);
	figures_release(&set);
}

static void manifest_reports_the_cap(void **state)
{
	struct manifest m;
	struct strbuf sb;

	(void)state;
	manifest_init(&m);
	manifest_set(&m.edition, "2026-W47");
	manifest_add_output(&m, "monitor.pdf",
			    "0123456789abcdef0123456789abcdef"
			    "0123456789abcdef0123456789abcdef", 1234);
	strbuf_init(&sb, 0);
	assert_int_equal(manifest_to_json(&m, &sb), 0);
	strbuf_release(&sb);
	strbuf_init(&sb, 40);
	assert_int_equal(manifest_to_json(&m, &sb), -1);
	assert_true(sb.failed);
	strbuf_release(&sb);
	manifest_release(&m);
}

static void doc_dump_reports_the_cap(void **state)
{
	struct doc d;
	struct strbuf sb;

	(void)state;
	doc_init(&d);
	doc_add_heading(&d, 1, "A heading", "h1");
	doc_add_para(&d, "A paragraph long enough to pass a small cap.");
	strbuf_init(&sb, 0);
	assert_int_equal(doc_dump(&d, &sb), 0);
	strbuf_release(&sb);
	strbuf_init(&sb, 64);
	assert_int_equal(doc_dump(&d, &sb), -1);
	strbuf_release(&sb);
	doc_free(&d);
}

/* RFC 4648's test vectors, and a cap that stops the encoding. */
static void base64_vectors(void **state)
{
	static const char *const v[][2] = {
		{ "", "" },          { "f", "Zg==" },         { "fo", "Zm8=" },
		{ "foo", "Zm9v" },   { "foob", "Zm9vYg==" },  { "fooba", "Zm9vYmE=" },
		{ "foobar", "Zm9vYmFy" },
	};
	struct strbuf sb;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		strbuf_init(&sb, 0);
		assert_int_equal(strbuf_add_base64(&sb, v[i][0], strlen(v[i][0])),
				 0);
		assert_string_equal(sb.buf, v[i][1]);
		strbuf_release(&sb);
	}
	strbuf_init(&sb, 6);
	assert_int_equal(strbuf_add_base64(&sb, "foobar", 6), -1);
	assert_true(sb.failed);
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cap_is_sticky),
		cmocka_unit_test(base64_vectors),
		cmocka_unit_test(check_passes_when_whole),
		cmocka_unit_test(helpers_fail_at_cap),
		cmocka_unit_test(figures_csv_reports_the_cap),
		cmocka_unit_test(manifest_reports_the_cap),
		cmocka_unit_test(doc_dump_reports_the_cap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
