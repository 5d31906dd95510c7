/* test_layout_text.c - word wrap with a fake measure: every codepoint is
 * 10 pt wide in font 0 and 12 pt in font 1 (bold), so line widths can be
 * worked out by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "layout_text.h"

static double measure(int font, const char *s, size_t len, void *ctx)
{
	size_t i, n = 0;

	(void)ctx;
	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++; /* count codepoints, not bytes */
	return (double)n * (font ? 12.0 : 10.0);
}

/* The text of line i (single-span input). */
static void line_text(const struct text_layout *l, const char *s, size_t i,
		      char *buf, size_t size)
{
	const struct text_line *ln = &l->lines[i];
	size_t k, o = 0;

	buf[0] = '\0';
	for (k = 0; k < ln->nfrags; k++) {
		const struct text_frag *f = &l->frags[ln->first + k];

		assert_true(o + f->len < size);
		memcpy(buf + o, s + f->start, f->len);
		o += f->len;
	}
	buf[o] = '\0';
}

/* Line i of l (of single-span s) is text, width points wide (width < 0:
 * any width). */
static void assert_line(const struct text_layout *l, const char *s,
			size_t i, const char *text, double width)
{
	char buf[64];

	line_text(l, s, i, buf, sizeof(buf));
	assert_string_equal(buf, text);
	if (width >= 0)
		assert_true(l->lines[i].width == width);
}

static void test_simple_wrap(void **state)
{
	struct text_layout l;
	const char *s = "the cat sat on the mat";

	(void)state;
	text_layout_init(&l);
	/* 100 pt = 10 codepoints: "the cat" (7) + " sat" would be 11 */
	assert_int_equal(text_wrap(&l, s, 100, 0, measure, NULL), 0);
	assert_int_equal(l.nlines, 3);
	assert_line(&l, s, 0, "the cat", 70.0);
	assert_line(&l, s, 1, "sat on the", 100.0);
	assert_line(&l, s, 2, "mat", -1);
	text_layout_release(&l);
}

static void test_multibyte(void **state)
{
	struct text_layout l;
	/* £ (2 bytes), ŵ (2 bytes), – (3 bytes): each one codepoint */
	const char *s = "£12 ŵŵŵ – ok";

	(void)state;
	text_layout_init(&l);
	/* 60 pt = 6 codepoints: "£12" (3) + " ŵŵŵ" (4) = 7 > 6 */
	assert_int_equal(text_wrap(&l, s, 60, 0, measure, NULL), 0);
	assert_int_equal(l.nlines, 3);
	assert_line(&l, s, 0, "£12", 30.0);
	assert_line(&l, s, 1, "ŵŵŵ –", 50.0); /* 5 codepoints, 9 bytes */
	assert_line(&l, s, 2, "ok", -1);
	/* wider: all on one line of 12 codepoints */
	assert_int_equal(text_wrap(&l, s, 120, 0, measure, NULL), 0);
	assert_int_equal(l.nlines, 1);
	assert_true(l.lines[0].width == 120.0);
	text_layout_release(&l);
}

static void test_long_word_broken_by_codepoint(void **state)
{
	struct text_layout l;
	const char *s = "a ££££££££££££ b";

	(void)state;
	text_layout_init(&l);
	/* 50 pt = 5 codepoints; the 12-pound word goes on its own lines,
	 * 5 + 5 + 2, never splitting a 2-byte sequence */
	assert_int_equal(text_wrap(&l, s, 50, 0, measure, NULL), 0);
	assert_int_equal(l.nlines, 4);
	assert_line(&l, s, 0, "a", -1);
	assert_line(&l, s, 1, "£££££", -1);
	assert_line(&l, s, 2, "£££££", -1);
	assert_line(&l, s, 3, "££ b", 40.0);
	text_layout_release(&l);
}

static void test_no_break_words_is_error(void **state)
{
	struct text_layout l;
	const char *s = "ok 1,234,567,890";

	(void)state;
	text_layout_init(&l);
	assert_int_equal(text_wrap(&l, s, 50, TEXT_NO_BREAK_WORDS, measure,
				   NULL), -1);
	assert_int_equal(l.bad_span, 0);
	assert_int_equal(l.bad_start, 3);
	assert_int_equal(l.bad_len, 13);
	/* a single codepoint wider than the line fails even with breaking */
	assert_int_equal(text_wrap(&l, "x", 5, 0, measure, NULL), -1);
	assert_int_equal(l.bad_len, 1);
	text_layout_release(&l);
}

static void test_spans_bold_and_newline(void **state)
{
	struct text_layout l;
	struct text_span sp[3] = {
		{ "rise of ", 8, 0 },
		{ "£5m", 4, 1 },  /* bold: 4 bytes, 3 codepoints = 36 pt */
		{ ", up.\nNext", 10, 0 },
	};
	const struct text_frag *f;

	(void)state;
	text_layout_init(&l);
	assert_int_equal(text_wrap_spans(&l, sp, 3, 200, 0, measure, NULL),
			 0);
	assert_int_equal(l.nlines, 2);
	/* line 1: "rise of " (80) "£5m" (36) ", up." (50) */
	assert_int_equal(l.lines[0].nfrags, 3);
	f = &l.frags[l.lines[0].first];
	assert_int_equal(f[0].span, 0);
	assert_int_equal(f[0].len, 8);
	assert_true(f[1].x == 80.0 && f[1].width == 36.0);
	assert_int_equal(f[1].span, 1);
	assert_true(f[2].x == 116.0);
	assert_int_equal(f[2].len, 5);
	assert_true(l.lines[0].width == 166.0);
	/* the forced break starts "Next" */
	f = &l.frags[l.lines[1].first];
	assert_int_equal(f[0].start, 6);
	assert_int_equal(f[0].len, 4);
	text_layout_release(&l);
}

static void test_empty_and_spaces(void **state)
{
	struct text_layout l;

	(void)state;
	text_layout_init(&l);
	assert_int_equal(text_wrap(&l, "", 100, 0, measure, NULL), 0);
	assert_int_equal(l.nlines, 1);
	assert_int_equal(l.lines[0].nfrags, 0);
	assert_int_equal(text_wrap(&l, "  a   b  ", 100, 0, measure, NULL),
			 0);
	assert_int_equal(l.nlines, 1);
	assert_true(l.lines[0].width == 30.0); /* "a b": spaces collapse */
	text_layout_release(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_simple_wrap),
		cmocka_unit_test(test_multibyte),
		cmocka_unit_test(test_long_word_broken_by_codepoint),
		cmocka_unit_test(test_no_break_words_is_error),
		cmocka_unit_test(test_spans_bold_and_newline),
		cmocka_unit_test(test_empty_and_spaces),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
