/* scene.h - the laid-out bulletin, independent of any output format.
 *
 * layout (layout.h) turns a struct doc into a scene once; every visual
 * back end (PDF today, HTML/SVG next) paints it and none measures text
 * again. A scene is a list of pages of items in paint order: text runs
 * (a font face, size, colour and measured width), filled rectangles,
 * paths, images and link areas. Items that belong to a chart or a table
 * sit between SCENE_BEGIN and SCENE_END items naming a scene_figure,
 * (a table's marks may go on over several pages: BEGIN on the first,
 * END on the last), which also carries what a non-visual back end needs: the doc's data
 * (the chart's series, the table's cells), an accessible description
 * and the chart's plot geometry. Bookmarks and contents entries are
 * listed with the page and height they point at. Page numbers are
 * final: layout fills them in after the last page.
 *
 * Coordinates are points from the bottom-left corner of the page (PDF's
 * convention); a back end with a top-left origin uses page_h - y.
 *
 * Ownership: a scene owns its pages, items and strings (scene_free
 * releases them) and borrows from the doc it was laid out from (figure
 * data, the info strings): the doc must outlive the scene. A finished
 * scene is only read, so threads may share it. */
#ifndef EIMON_SCENE_H
#define EIMON_SCENE_H

#include <stddef.h>

#include "doc.h"
#include "fontmetrics.h"
#include "strbuf.h"

/* A text run's face: bit 0 bold, bit 1 slanted by 12 degrees (an
 * oblique made by the back end; the advance widths are unchanged). */
enum scene_face { SCENE_REGULAR = 0, SCENE_BOLD = 1, SCENE_ITALIC = 2 };

struct scene_text {
	double x, base;   /* start of the baseline */
	int face;         /* enum scene_face bits */
	double size;      /* points */
	unsigned rgb;     /* 0xRRGGBB */
	double width;     /* measured advance of text at size */
	char *text;       /* UTF-8, Basic Multilingual Plane only */
};

struct scene_rect {     /* filled */
	double x, y, w, h;
	unsigned rgb;
};

enum scene_seg_kind { SCENE_MOVE, SCENE_LINE, SCENE_CIRCLE, SCENE_CLOSE };

struct scene_seg {
	enum scene_seg_kind kind;
	double x, y;      /* MOVE, LINE: the point; CIRCLE: the centre */
	double r;         /* CIRCLE */
};

enum scene_paint { SCENE_STROKE, SCENE_FILL };
enum scene_round { SCENE_ROUND_JOIN = 1u << 0, SCENE_ROUND_CAP = 1u << 1 };

struct scene_path {
	enum scene_paint paint;
	unsigned rgb;
	double width;     /* STROKE: line width */
	double dash_on, dash_off; /* STROKE: both 0 for a solid line */
	unsigned round;   /* STROKE: SCENE_ROUND_* bits (else mitre, butt) */
	size_t first, n;  /* segments page->segs[first .. first + n) */
};

struct scene_image {
	double x, y, w, h;
	const char *png;  /* file (borrowed from the doc's style) */
};

struct scene_link {     /* an area that goes somewhere when clicked */
	double x0, y0, x1, y1;
	const char *uri;  /* external target (borrowed), or NULL: */
	size_t dest_page; /* internal target: page index and the height on */
	double dest_top;  /* it to show at the top of the window */
};

enum scene_item_kind {
	SCENE_TEXT,
	SCENE_RECT,
	SCENE_PATH,
	SCENE_IMAGE,
	SCENE_LINK,
	SCENE_BEGIN,      /* the marks of figure u.figure follow */
	SCENE_END
};

enum scene_item_flags {
	/* running header and footer, rules, leaders, panels: decoration a
	 * screen reader or reflowing back end skips */
	SCENE_ARTIFACT = 1u << 0,
	/* a figure's title, subtitle or source line: a back end that
	 * writes the figure's caption as text of its own (an HTML
	 * figcaption) skips these and paints the rest */
	SCENE_CAPTION = 1u << 1
};

struct scene_item {
	enum scene_item_kind kind;
	unsigned flags;
	union {
		struct scene_text text;
		struct scene_rect rect;
		struct scene_path path;
		struct scene_image image;
		struct scene_link link;
		size_t figure;
	} u;
};

struct scene_page {
	struct scene_item *items;
	size_t nitems, icap;
	struct scene_seg *segs;
	size_t nsegs, scap;
};

/* ---- what non-visual back ends need ------------------------------------ */
enum scene_figure_kind { SCENE_FIG_CHART, SCENE_FIG_TABLE };

struct scene_plot {     /* a chart's plot area and the values at its edges */
	double x0, y0, x1, y1;
	double vlo, vhi;  /* value axis at y0 and y1 (BAR: at x0 and x1) */
	long day0, day1;  /* days since 1970 of the first and last period:
			     LINE at x0 and x1, COLUMN at the centres of
			     the first and last columns; BAR: 0 */
};

struct scene_figure {
	enum scene_figure_kind kind;
	size_t block;                 /* index into doc->blocks */
	const struct doc_chart *chart; /* CHART (borrowed) */
	const struct doc_table *table; /* TABLE (borrowed) */
	char *desc;                   /* accessible description */
	size_t page;                  /* first page */
	size_t last_page;             /* tables may continue */
	double top;                   /* top on the first page */
	struct scene_plot plot;       /* CHART */
};

struct scene_bookmark {
	char *title;
	int level;        /* 1 or 2 */
	long parent;      /* index of the level-1 bookmark above, or -1 */
	size_t block;
	size_t page;
	double top;
};

struct scene_toc {      /* a contents entry (its link is an item too) */
	char *title;
	int level;
	size_t block;     /* the heading */
	size_t page;      /* where the entry is */
	size_t target;    /* the heading's page */
};

struct scene_info {     /* document properties (borrowed from the doc) */
	const char *title, *author, *subject, *keywords;
	int year, month, day; /* 0 when unknown: no dates written */
};

struct scene {
	double page_w, page_h;
	const struct font_metrics *face[2]; /* regular, bold */
	struct scene_info info;
	struct scene_page *pages;
	size_t npages, pcap;
	struct scene_figure *figures;
	size_t nfigures, fcap;
	struct scene_bookmark *marks;
	size_t nmarks, mcap;
	struct scene_toc *toc;
	size_t ntoc, tcap;
};

void scene_init(struct scene *s);
void scene_free(struct scene *s);   /* contents; s itself is not freed */

/* Building (layout's side). scene_add_* append to page p and return
 * the new item; strings are copied. */
struct scene_page *scene_add_page(struct scene *s);
struct scene_item *scene_add_item(struct scene_page *p,
				  enum scene_item_kind k);
struct scene_item *scene_add_text(struct scene_page *p, int face,
				  double size, unsigned rgb, double x,
				  double base, const char *text, size_t len,
				  double width);
/* A path of the segments added after it with scene_add_seg. */
struct scene_item *scene_add_path(struct scene_page *p, enum scene_paint pt,
				  unsigned rgb, double width);
void scene_add_seg(struct scene_page *p, struct scene_item *path,
		   enum scene_seg_kind k, double x, double y, double r);

/* The scene as text, one item a line, coordinates to 0.01 pt: the
 * contract golden tests hold every layout change to. 0, or -1 when out
 * the strbuf's cap. */
int scene_dump(const struct scene *s, struct strbuf *out);

#endif
