/* test_hpdf_glyphid.c - hpdf_glyphid.c's replacements of libharu
 * internals. HPDF_TTFontDef_GetGlyphid (binary search) against libharu
 * 2.3.0's linear search, written out here from its source: for all 65,536
 * code points of DejaVu Sans and DejaVu Sans Bold as libharu loads them,
 * and on small hand-made cmaps whose answers are worked out below (an
 * unsorted one included, where the linear search must be kept).
 * And the proof that libharu reaches the replacements (glyph lookup and
 * stream compression) when eimon renders. */
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
#include "error.h"
#include "render_pdf.h"

/* src/backend_pdf_int.h (private to the PDF back end) */
void backend_pdf_fast_forget(void);
int backend_pdf_interpose(void);
void backend_pdf_interpose_hits(unsigned long hits[2]); /* the order of */
enum { GLYPHID, DEFLATE }; /* enum backend_pdf_hit */

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_fontdef.h>
#include <hpdf_streams.h>

/* libharu's HPDF_TTFontDef_GetGlyphid (format 4), bounds added where it
 * reads past its arrays. */
static HPDF_UINT16 linear_gid(const HPDF_TTF_CmapRange *cm, HPDF_UINT16 u)
{
	HPDF_UINT segs = cm->seg_count_x2 / 2, i;

	for (i = 0; i < segs; i++)
		if (u <= cm->end_count[i])
			break;
	if (i >= segs || cm->start_count[i] > u)
		return 0;
	if (cm->id_range_offset[i] == 0)
		return (HPDF_UINT16)(u + cm->id_delta[i]);
	{
		HPDF_UINT idx = cm->id_range_offset[i] / 2 +
				(u - cm->start_count[i]) - (segs - i);
		if (idx >= cm->glyph_id_array_count)
			return 0;
		return (HPDF_UINT16)(cm->glyph_id_array[idx] + cm->id_delta[i]);
	}
}

static void check_font(const char *path)
{
	HPDF_Doc pdf;
	HPDF_FontDef fd;
	HPDF_TTFontDefAttr attr;
	const char *name;
	unsigned u, mapped = 0;

	if (access(path, R_OK) != 0) {
		skip();
		return;
	}
	pdf = HPDF_New(NULL, NULL);
	assert_non_null(pdf);
	name = HPDF_LoadTTFontFromFile(pdf, path, HPDF_FALSE);
	assert_non_null(name);
	fd = HPDF_Doc_FindFontDef(pdf, name);
	assert_non_null(fd);
	attr = (HPDF_TTFontDefAttr)fd->attr;
	assert_int_equal(attr->cmap.format, 4);
	assert_true(attr->cmap.seg_count_x2 / 2 > 100);
	/* twice: the second round runs on the remembered segments */
	for (u = 0; u < 2 * 65536; u++) {
		HPDF_UINT16 c = (HPDF_UINT16)(u % 65536);
		HPDF_UINT16 want = linear_gid(&attr->cmap, c);
		assert_int_equal(HPDF_TTFontDef_GetGlyphid(fd, c), want);
		mapped += want != 0;
	}
	/* out of order, as text asks */
	for (u = 0; u < 65536; u++) {
		HPDF_UINT16 c = (HPDF_UINT16)((u * 40503u) % 65536);
		assert_int_equal(HPDF_TTFontDef_GetGlyphid(fd, c),
				 linear_gid(&attr->cmap, c));
	}
	/* 'A' is glyph 36 in DejaVu Sans (regular and bold) */
	assert_int_equal(HPDF_TTFontDef_GetGlyphid(fd, 'A'), 36);
	assert_true(mapped > 2 * 3000);
	backend_pdf_fast_forget();
	HPDF_Free(pdf);
}

static void test_dejavu_regular(void **state)
{
	(void)state;
	check_font("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
}

static void test_dejavu_bold(void **state)
{
	(void)state;
	check_font("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf");
}

/* A font loaded again (as every layout pass does) gets the table made for
 * the first load: the answers stay libharu's. */
static void test_dejavu_again(void **state)
{
	(void)state;
	check_font("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf");
	check_font("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
}

/* Three segments: 0x20-0x7E by delta -29 (so 'A' 0x41 -> 36), 0xA3 by the
 * glyph array (-> 200 + 5 = 205), and the closing 0xFFFF segment. */
static void test_handmade(void **state)
{
	HPDF_UINT16 end[3] = { 0x7E, 0xA3, 0xFFFF };
	HPDF_UINT16 start[3] = { 0x20, 0xA3, 0xFFFF };
	HPDF_INT16 delta[3] = { -29, 5, 1 };
	/* segment 1: idx = 4/2 + 0 - (3 - 1) = 0 */
	HPDF_UINT16 range[3] = { 0, 4, 0 };
	HPDF_UINT16 glyphs[1] = { 200 };
	HPDF_TTFontDefAttr_Rec attr;
	HPDF_FontDef_Rec fd;

	(void)state;
	backend_pdf_fast_forget();
	memset(&attr, 0, sizeof(attr));
	memset(&fd, 0, sizeof(fd));
	attr.cmap.format = 4;
	attr.cmap.seg_count_x2 = 6;
	attr.cmap.end_count = end;
	attr.cmap.start_count = start;
	attr.cmap.id_delta = delta;
	attr.cmap.id_range_offset = range;
	attr.cmap.glyph_id_array = glyphs;
	attr.cmap.glyph_id_array_count = 1;
	fd.attr = &attr;
	assert_int_equal(HPDF_TTFontDef_GetGlyphid(&fd, 'A'), 36);
	assert_int_equal(HPDF_TTFontDef_GetGlyphid(&fd, 0x20), 3);
	assert_int_equal(HPDF_TTFontDef_GetGlyphid(&fd, 0x1F), 0);  /* gap */
	assert_int_equal(HPDF_TTFontDef_GetGlyphid(&fd, 0x7F), 0);  /* gap */
	assert_int_equal(HPDF_TTFontDef_GetGlyphid(&fd, 0xA3), 205);
	assert_int_equal(HPDF_TTFontDef_GetGlyphid(&fd, 0xFFFF), 0); /* +1 wraps */
	assert_int_equal(HPDF_TTFontDef_GetGlyphid(&fd, 'B'), 37);

	/* end codes out of order: libharu takes the first end code >= u,
	 * so 0x50 falls in segment 0 (start 0x60: none) and 0x70 in 0 too */
	{
		HPDF_UINT16 uend[3] = { 0x90, 0x40, 0xFFFF };
		HPDF_UINT16 ustart[3] = { 0x60, 0x20, 0xFFFF };
		HPDF_INT16 udelta[3] = { 10, 100, 1 };
		HPDF_UINT16 urange[3] = { 0, 0, 0 };

		attr.cmap.end_count = uend;
		attr.cmap.start_count = ustart;
		attr.cmap.id_delta = udelta;
		attr.cmap.id_range_offset = urange;
		assert_int_equal(HPDF_TTFontDef_GetGlyphid(&fd, 0x50), 0);
		assert_int_equal(HPDF_TTFontDef_GetGlyphid(&fd, 0x70), 0x7A);
		assert_int_equal(HPDF_TTFontDef_GetGlyphid(&fd, 0x30), 0);
		assert_int_equal(HPDF_TTFontDef_GetGlyphid(&fd, 0xA0), 0);
	}
	backend_pdf_fast_forget(); /* the arrays were on this stack */
}

/* The replacements take effect in this build: rendering a bulletin
 * through the library goes through them (HPDF_GetFont asks the glyph of
 * all 65,536 code points of each of the two fonts; the page contents and
 * fonts are compressed). */
static void test_libharu_reaches_them(void **state)
{
	struct doc d;
	struct eim_error err;
	unsigned char *out = NULL;
	size_t len = 0;
	unsigned long h0[2], h1[2];

	(void)state;
	assert_int_equal(backend_pdf_interpose(), 1);
	backend_pdf_interpose_hits(h0);
	doc_init(&d);
	d.title = strdup("Interposition");
	doc_add_heading(&d, 1, "A heading", "a");
	doc_add_para(&d, "Some text to compress, £ and – included.");
	eim_error_init(&err);
	assert_int_equal(render_pdf(&d, &out, &len, &err), 0);
	backend_pdf_interpose_hits(h1);
	assert_true(h1[GLYPHID] - h0[GLYPHID] >= 2 * 65536);
	/* a page and two fonts at least */
	assert_true(h1[DEFLATE] - h0[DEFLATE] >= 3);
	free(out);
	doc_free(&d);
}

/* The replacements read libharu's structures as 2.3.0 lays them out. */
static void test_libharu_version(void **state)
{
	(void)state;
	assert_string_equal(HPDF_GetVersion(), "2.3.0");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_libharu_version),
		cmocka_unit_test(test_dejavu_regular),
		cmocka_unit_test(test_dejavu_bold),
		cmocka_unit_test(test_dejavu_again),
		cmocka_unit_test(test_handmade),
		cmocka_unit_test(test_libharu_reaches_them),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
