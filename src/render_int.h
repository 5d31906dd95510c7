/* render_int.h - private to the PDF back end (render_pdf.c, render_draw.c,
 * render_blocks.c, layout_table.c, chart_draw.c): the render context and
 * the drawing primitives every part uses.
 *
 * Coordinates are PDF points from the bottom-left corner. r->y is the top
 * of the free space on the current page; a block draws downwards from it
 * and moves it. Every text primitive checks that what it draws lies on
 * the page. Errors are sticky: the first one is kept in r->err and
 * r->failed stays set, so callers may test once after a batch of calls. */
#ifndef EIMON_RENDER_INT_H
#define EIMON_RENDER_INT_H

#include <stddef.h>

#include <hpdf.h>

#include "doc.h"
#include "error.h"
#include "layout_text.h"

/* Font indexes: bit 0 bold, bit 1 slanted (a synthetic oblique made with
 * the text matrix, as fonts-dejavu-core has no italic). */
enum { F_REG = 0, F_BOLD = 1, F_ITALIC = 2 };

/* colours (0xRRGGBB) */
#define C_TEXT   0x0B0C0CU
#define C_GREY   0x505A5FU
#define C_RULE   0xB1B4B6U
#define C_GRID   0xDDDDDDU
#define C_PANEL  0xF3F2F1U
#define C_LINK   0x1D70B8U
#define C_BANNER 0x801650U
#define C_WHITE  0xFFFFFFU

struct rp_link {        /* contents entry -> heading, made at the end */
	size_t page;
	HPDF_Rect rect;
	size_t block;
};

struct rp_geo {         /* column edges of a table, kept for both passes */
	const struct doc_table *table;
	double x[65];
};

struct rctx {
	const struct doc *d;
	struct eim_error *err;
	int failed;
	HPDF_Doc pdf;
	HPDF_Font font[2];
	HPDF_Encoder utf8;
	int pass;               /* 1 measures page numbers, 2 is final */
	int total_pages;        /* pass 2: from pass 1 */
	int *head_page;         /* [nblocks] heading pages from pass 1 */
	int *head_page_now;     /* [nblocks] this pass */
	double *head_top;       /* [nblocks] top of each heading this pass */
	HPDF_Page page;
	HPDF_Page *pages;
	size_t npages, pcap;
	double y;
	double left, right, top, bottom, width;
	double msize;           /* font size used by the wrap measure */
	HPDF_Outline last_h1;
	struct rp_link *links;
	size_t nlinks, lcap;
	struct rp_geo *geo;
	size_t ngeo, geocap;
	/* advance width (1/1000 em) of each BMP code point per font, -1 not
	 * yet asked; kept across both passes (same font files) */
	short *wcache[2];
};

/* ---- render_draw.c: primitives --------------------------------------- */
int rp_fail(struct rctx *r, enum eim_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
double rp_width(struct rctx *r, int font, double size, const char *s,
		size_t len);
double rp_swidth(struct rctx *r, int font, double size, const char *s);
/* text_measure_fn over r at size r->msize. */
double rp_measure_cb(int font, const char *s, size_t len, void *ctx);
/* Wrap spans at size (fonts F_REG/F_BOLD). -1 sets an error naming what. */
int rp_wrap(struct rctx *r, struct text_layout *l,
	    const struct text_span *sp, size_t n, double width, double size,
	    unsigned flags, const char *what);
int rp_wrap_str(struct rctx *r, struct text_layout *l, const char *s,
		int font, double width, double size, unsigned flags,
		const char *what);
/* Text at a baseline; checks the page box. */
void rp_text(struct rctx *r, int font, double size, unsigned rgb, double x,
	     double base, const char *s, size_t len);
void rp_stext(struct rctx *r, int font, double size, unsigned rgb,
	      double x, double base, const char *s);
/* Baseline of a line of text of size in a line box of height lead at top. */
double rp_base(double top, double size, double lead);
void rp_fill_rect(struct rctx *r, double x, double y, double w, double h,
		  unsigned rgb);
void rp_line(struct rctx *r, double x0, double y0, double x1, double y1,
	     double lw, unsigned rgb, int dashed);
void rp_set_stroke(struct rctx *r, unsigned rgb, double lw);
void rp_set_fill(struct rctx *r, unsigned rgb);
/* Draw one wrapped line of an already wrapped layout (bold runs, link
 * runs in link colour, underlined, with a URI annotation). */
void rp_draw_line(struct rctx *r, const struct text_layout *l, size_t line,
		  const struct text_span *sp, const char *const *hrefs,
		  double size, unsigned rgb, double x, double base);

/* ---- render_pdf.c: pages ------------------------------------------- */
int rp_new_page(struct rctx *r);
/* New page if h does not fit below r->y (and the page is not fresh). */
int rp_need(struct rctx *r, double h);
int rp_at_top(const struct rctx *r);

/* ---- render_blocks.c: text blocks ---------------------------------- */
int rp_draw_block(struct rctx *r, size_t k);
double rp_min_height(struct rctx *r, size_t k);

/* ---- render_hpdf_fast.c: faster libharu internals ------------------- */
/* Does nothing: calling it links render_hpdf_fast.o out of the library,
 * so its HPDF_TTFontDef_GetGlyphid (binary search), HPDF_MemCpy and
 * HPDF_MemSet (libc) and HPDF_FileReader_New (whole file in memory)
 * replace libharu's. */
void render_hpdf_fast_link(void);
/* Forget the cmaps this thread has seen (their memory is about to be
 * freed: a later font at the same addresses is another font). Call
 * before HPDF_Free, on the thread that used the document. */
void render_hpdf_fast_forget(void);

/* ---- render_tounicode.c ------------------------------------------- */
/* Give font (HPDF_GetFont with "UTF-8") the /ToUnicode CMap its codes
 * need, in place of libharu 2.3.0's CID CMap. 0, or -1 (libharu's error
 * handler has been called). */
int render_fix_tounicode(HPDF_Doc pdf, HPDF_Font font);

/* ---- render_hpdf_deflate.c: stream compression by libdeflate -------- */
/* Free this thread's compressor (made again when next needed). Calling
 * it also links render_hpdf_deflate.o, whose
 * HPDF_Stream_WriteToStreamWithDeflate replaces libharu's. */
void render_hpdf_deflate_release(void);

/* ---- layout_table.c ------------------------------------------------ */
/* Height of the caption, header and first row (keep-together unit). */
double table_min_height(struct rctx *r, const struct doc_table *t);
int table_draw(struct rctx *r, const struct doc_table *t);

/* ---- chart_draw.c -------------------------------------------------- */
double chart_height(struct rctx *r, const struct doc_chart *c);
int chart_draw(struct rctx *r, const struct doc_chart *c);
void chart_spark(struct rctx *r, const struct doc_cell *c, double x,
		 double y, double w, double h);
/* Arrow glyph (triangle or dash) of height h at x, centred on ymid;
 * returns its width. */
double chart_arrow(struct rctx *r, enum doc_direction dir, enum doc_tone t,
		   double x, double ymid, double h);
unsigned chart_tone_rgb(enum doc_tone t);

#endif
