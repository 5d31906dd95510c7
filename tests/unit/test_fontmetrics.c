/* test_fontmetrics.c - TrueType metrics read once per process: every BMP
 * code point's width equals what libharu (the PDF back end) gives for the
 * same font, ascent and descent are the font's own (DejaVu Sans and a
 * fallback face with other metrics), a font is parsed once and shared by
 * threads, and bad or missing files are errors of the right kind. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <unistd.h>

#include <cmocka.h>

#include <hpdf.h>

#include "fontmetrics.h"

#define DEJAVU "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
#define DEJAVU_BOLD "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

static size_t utf8(unsigned u, char *b)
{
	if (u < 0x80) {
		b[0] = (char)u;
		return 1;
	}
	if (u < 0x800) {
		b[0] = (char)(0xC0 | u >> 6);
		b[1] = (char)(0x80 | (u & 0x3F));
		return 2;
	}
	b[0] = (char)(0xE0 | u >> 12);
	b[1] = (char)(0x80 | ((u >> 6) & 0x3F));
	b[2] = (char)(0x80 | (u & 0x3F));
	return 3;
}

/* All 65,536 - 2,048 (surrogates) code points against libharu. */
static void same_as_libharu(const char *path)
{
	struct eim_error err;
	const struct font_metrics *m;
	HPDF_Doc pdf;
	HPDF_Font font;
	const char *name;
	unsigned u;

	if (access(path, R_OK) != 0) {
		skip();
		return;
	}
	eim_error_init(&err);
	m = font_metrics_get(path, &err);
	assert_non_null(m);
	pdf = HPDF_New(NULL, NULL);
	assert_non_null(pdf);
	HPDF_UseUTFEncodings(pdf);
	name = HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
	assert_non_null(name);
	font = HPDF_GetFont(pdf, name, "UTF-8");
	assert_non_null(font);
	for (u = 1; u < 65536; u++) {
		char b[4];
		size_t n;
		HPDF_TextWidth tw;

		if (u >= 0xD800 && u < 0xE000)
			continue;
		n = utf8(u, b);
		b[n] = '\0';
		tw = HPDF_Font_TextWidth(font, (const HPDF_BYTE *)b,
					 (HPDF_UINT)n);
		if (tw.width != font_advance(m, u))
			fail_msg("U+%04X: libharu %u, metrics %u", u,
				 (unsigned)tw.width, font_advance(m, u));
	}
	HPDF_Free(pdf);
}

static void test_regular_widths(void **state)
{
	(void)state;
	same_as_libharu(DEJAVU);
}

static void test_bold_widths(void **state)
{
	(void)state;
	same_as_libharu(DEJAVU_BOLD);
}

static void test_text_width(void **state)
{
	struct eim_error err;
	const struct font_metrics *m;
	const char *s = "£1.2m – ŵ";

	(void)state;
	if (access(DEJAVU, R_OK) != 0) {
		skip();
		return;
	}
	eim_error_init(&err);
	m = font_metrics_get(DEJAVU, &err);
	assert_non_null(m);
	/* the sum of the characters' advances, scaled to the size */
	{
		double want = (font_advance(m, 0xA3) + font_advance(m, '1') +
			       font_advance(m, '.') + font_advance(m, '2') +
			       font_advance(m, 'm') + 2 * font_advance(m, ' ') +
			       font_advance(m, 0x2013) +
			       font_advance(m, 0x175)) * 10.0 / 1000.0;

		assert_float_equal(font_text_width(m, s, strlen(s), 10), want,
				   1e-9);
	}
	assert_true(font_has_glyph(m, 'A'));
	assert_false(font_has_glyph(m, 0xE000)); /* private use */
	/* DejaVu Sans: hhea ascender 1901, descender -483, 2048 units */
	assert_int_equal(m->units_per_em, 2048);
	assert_float_equal(m->ascent, 1901 / 2048.0, 1e-12);
	assert_float_equal(m->descent, 483 / 2048.0, 1e-12);
}

/* A fallback face has its own ascent: baselines must not assume DejaVu's. */
static void test_other_face(void **state)
{
	static const char *const faces[] = {
		"/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
		"/usr/share/fonts/truetype/lato/Lato-Regular.ttf",
	};
	struct eim_error err;
	const struct font_metrics *m = NULL, *d;
	size_t i;

	(void)state;
	eim_error_init(&err);
	d = font_metrics_get(DEJAVU, &err);
	for (i = 0; i < sizeof(faces) / sizeof(faces[0]) && !m; i++)
		if (access(faces[i], R_OK) == 0)
			m = font_metrics_get(faces[i], &err);
	if (!m || !d) {
		skip();
		return;
	}
	assert_true(m->ascent > 0.5 && m->ascent < 1.5);
	assert_true(m->ascent != d->ascent);
	assert_true(font_advance(m, 'A') != font_advance(d, 'A'));
}

static void test_errors(void **state)
{
	struct eim_error err;
	char path[] = "/tmp/eimon-fm-XXXXXX";
	int fd;

	(void)state;
	eim_error_init(&err);
	assert_null(font_metrics_get("/nonexistent/font.ttf", &err));
	assert_int_equal(err.kind, EIM_NOINPUT);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	/* a TrueType header that promises tables the file does not have */
	assert_int_equal(write(fd, "\0\1\0\0\0\x09\0\0\0\0\0\0head", 16), 16);
	close(fd);
	eim_error_init(&err);
	assert_null(font_metrics_get(path, &err));
	assert_int_equal(err.kind, EIM_DATA);
	assert_non_null(strstr(err.msg, "cannot load TrueType font"));
	unlink(path);
}

static void *get_font(void *arg)
{
	struct eim_error err;

	eim_error_init(&err);
	*(const struct font_metrics **)arg = font_metrics_get(DEJAVU_BOLD,
							      &err);
	return NULL;
}

/* Parsed once, shared: two threads asking at once get the same metrics. */
static void test_once_shared(void **state)
{
	const struct font_metrics *a = NULL, *b = NULL;
	pthread_t t1, t2;

	(void)state;
	if (access(DEJAVU_BOLD, R_OK) != 0) {
		skip();
		return;
	}
	font_metrics_clear();
	assert_int_equal(pthread_create(&t1, NULL, get_font, &a), 0);
	assert_int_equal(pthread_create(&t2, NULL, get_font, &b), 0);
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	assert_non_null(a);
	assert_ptr_equal(a, b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_regular_widths),
		cmocka_unit_test(test_bold_widths),
		cmocka_unit_test(test_text_width),
		cmocka_unit_test(test_other_face),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_once_shared),
	};
	int ret = cmocka_run_group_tests(tests, NULL, NULL);

	font_metrics_clear();
	return ret;
}
