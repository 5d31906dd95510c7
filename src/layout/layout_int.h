/* layout_int.h - private to the layout (layout.c, layout_draw.c,
 * layout_blocks.c, layout_table.c, layout_chart.c): the layout context and
 * the primitives every part uses to measure text and add to the scene.
 *
 * Coordinates are points from the bottom-left corner. r->y is the top
 * of the free space on the current page; a block lays itself out
 * downwards from it and moves it. Every text primitive checks that what
 * it places lies on the page. Errors are sticky: the first one is kept in
 * r->err and r->failed stays set, so callers may test once after a batch
 * of calls. Nothing here knows an output format. */
#ifndef EIMON_RENDER_INT_H
#define EIMON_RENDER_INT_H

#include <stddef.h>

#include "doc.h"
#include "error.h"
#include "fontmetrics.h"
#include "layout_text.h"
#include "scene.h"

/* Font indexes: bit 0 bold, bit 1 slanted (scene.h's faces). */
enum { F_REG = SCENE_REGULAR, F_BOLD = SCENE_BOLD, F_ITALIC = SCENE_ITALIC };

/* colours (0xRRGGBB) */
#define C_TEXT   0x0B0C0CU
#define C_GREY   0x505A5FU
#define C_RULE   0xB1B4B6U
#define C_GRID   0xDDDDDDU
#define C_PANEL  0xF3F2F1U
#define C_LINK   0x1D70B8U
#define C_BANNER 0x801650U
#define C_WHITE  0xFFFFFFU

/* A text whose content is known only after the last page: "Page N of M"
 * and a contents entry's page number (right-aligned at right). */
struct rp_field {
	size_t page, item;
	size_t block;           /* CONTENTS: the heading; else (size_t)-1 */
	size_t link;            /* CONTENTS: its link item on page */
	double right;
};

/* A table measured once per layout (layout_table.c): the keep-together
 * height and the drawing read the same column edges and heights. */
struct rp_geo {
	const struct doc_table *table;
	double x[65];           /* column edges x[0..ncols] */
	double caption_h;       /* caption with its gap; 0 without one */
	double header_h;        /* header row with padding */
	double *row_h;          /* [nrows] each row with padding */
};

struct rctx {
	const struct doc *d;
	struct eim_error *err;
	int failed;
	struct scene *sc;
	const struct font_metrics *font[2];
	size_t *head_page;      /* [nblocks] page index of each heading */
	double *head_top;       /* [nblocks] top of each heading */
	double y;
	double left, right, top, bottom, width;
	double msize;           /* font size used by the wrap measure */
	long last_h1;           /* bookmark index of the last H1, or -1 */
	struct rp_field *fields;
	size_t nfields, fcap;
	struct rp_geo *geo;
	size_t ngeo, geocap;
	size_t figure;          /* the figure being laid out */
	size_t block;           /* the block being laid out: errors name its
				   template position; (size_t)-1 none */
};

/* ---- layout_draw.c: primitives --------------------------------------- */
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
/* Baseline of a line of text of size in a line box of height lead at
 * top, from the regular face's ascent and descent. */
double rp_base(const struct rctx *r, double top, double size, double lead);
/* The page being laid out. */
struct scene_page *rp_page(struct rctx *r);
void rp_fill_rect(struct rctx *r, double x, double y, double w, double h,
		  unsigned rgb);
/* A stroked line, dashed 4 on 3 off when dashed. */
void rp_line(struct rctx *r, double x0, double y0, double x1, double y1,
	     double lw, unsigned rgb, int dashed);
/* A path item to give segments with rp_seg before any other item. */
struct scene_item *rp_path(struct rctx *r, enum scene_paint paint,
			   unsigned rgb, double lw);
void rp_seg(struct rctx *r, struct scene_item *path, enum scene_seg_kind k,
	    double x, double y, double radius);
/* Mark the last item added as decoration (SCENE_ARTIFACT). */
void rp_artifact(struct rctx *r);
/* One wrapped line of an already wrapped layout (bold runs, link runs
 * in link colour, underlined, with a link area). */
void rp_draw_line(struct rctx *r, const struct text_layout *l, size_t line,
		  const struct text_span *sp, const char *const *hrefs,
		  double size, unsigned rgb, double x, double base);

/* ---- layout.c: pages ------------------------------------------- */
/* A new page with its running header and footer. */
int rp_new_page(struct rctx *r);
/* New page if h does not fit below r->y (and the page is not fresh). */
int rp_need(struct rctx *r, double h);
int rp_at_top(const struct rctx *r);

/* ---- layout_blocks.c: text blocks ---------------------------------- */
int rp_draw_block(struct rctx *r, size_t k);
double rp_min_height(struct rctx *r, size_t k);

/* ---- figures (layout_chart.c) ------------------------------------------ */
/* Start a chart's or table's marks: a new scene_figure for block, its
 * BEGIN item, and r->figure set to it. */
void rp_figure_begin(struct rctx *r, enum scene_figure_kind kind,
		     size_t block);
void rp_figure_end(struct rctx *r);
/* The accessible description of a CHART or TABLE block (caller frees);
 * NULL when it would pass the strbuf size cap. */
char *layout_describe(const struct doc_block *b);

/* ---- layout_table.c ------------------------------------------------ */
/* Height of the keep-together unit: the whole of a short table, else the
 * caption, header and first three rows. */
double table_min_height(struct rctx *r, const struct doc_table *t);
int table_draw(struct rctx *r, const struct doc_table *t);
/* Free the measured tables (r->geo). */
void table_geo_release(struct rctx *r);

/* ---- layout_chart.c -------------------------------------------------- */
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
