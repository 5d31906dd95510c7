/* backend_html_svg.c - the HTML edition's second painter of the layout's
 * charts: the same scene items the PDF paints (axes, ticks, gridlines,
 * series, labels), written as SVG with text kept as text. Nothing is
 * measured or placed again; the viewBox is the box around the chart's
 * marks, y turned to SVG's top-left origin. Each text run keeps the
 * width layout measured (textLength), so labels stay where layout put
 * them whatever system font the reader's browser picks. */
#include "backend_html_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fmt.h"
#include "banned.h"

/* Hundredths as integers: the page is mostly coordinates, and printf
 * is most of their cost. */
void html_coord(struct strbuf *o, double v)
{
	char buf[48], *p = buf + sizeof(buf);
	long long h;
	int neg = v < 0, frac;

	if (!isfinite(v) || fabs(v) > 1e12)
		v = 0;
	h = llround(fabs(v) * 100);
	neg = neg && h != 0; /* never "-0" */
	frac = (int)(h % 100);
	h /= 100;
	if (frac) {
		if (frac % 10)
			*--p = (char)('0' + frac % 10);
		*--p = (char)('0' + frac / 10);
		*--p = '.';
	}
	do {
		*--p = (char)('0' + h % 10);
		h /= 10;
	} while (h);
	if (neg)
		*--p = '-';
	strbuf_add(o, p, (size_t)(buf + sizeof(buf) - p));
}

struct box {
	double x0, y0, x1, y1;
	int any;
};

static void box_add(struct box *b, double x0, double y0, double x1,
		    double y1)
{
	if (!b->any || x0 < b->x0)
		b->x0 = x0;
	if (!b->any || y0 < b->y0)
		b->y0 = y0;
	if (!b->any || x1 > b->x1)
		b->x1 = x1;
	if (!b->any || y1 > b->y1)
		b->y1 = y1;
	b->any = 1;
}

static int painted(const struct scene_item *it)
{
	return (it->kind == SCENE_TEXT || it->kind == SCENE_RECT ||
		it->kind == SCENE_PATH) && !(it->flags & SCENE_CAPTION);
}

static void item_box(const struct scene_page *p, const struct scene_item *it,
		     struct box *b)
{
	size_t i;

	if (it->kind == SCENE_TEXT) {
		const struct scene_text *t = &it->u.text;

		box_add(b, t->x, t->base - 0.25 * t->size, t->x + t->width,
			t->base + 0.8 * t->size);
	} else if (it->kind == SCENE_RECT) {
		const struct scene_rect *r = &it->u.rect;

		box_add(b, r->x, r->y, r->x + r->w, r->y + r->h);
	} else if (it->kind == SCENE_PATH) {
		const struct scene_path *pa = &it->u.path;
		double w = pa->paint == SCENE_STROKE ? pa->width / 2 : 0;

		for (i = pa->first; i < pa->first + pa->n; i++) {
			const struct scene_seg *sg = &p->segs[i];
			double r = (sg->kind == SCENE_CIRCLE ? sg->r : 0) + w;

			if (sg->kind != SCENE_CLOSE)
				box_add(b, sg->x - r, sg->y - r, sg->x + r,
					sg->y + r);
		}
	}
}

static void rgb_attr(struct strbuf *o, const char *name, unsigned rgb)
{
	strbuf_addf(o, " %s=\"#%06X\"", name, rgb & 0xFFFFFFu);
}

/* An SVG point: x, and y measured down from the box's top. */
static void point(struct strbuf *o, const struct box *b, double x, double y)
{
	html_coord(o, x - b->x0);
	strbuf_addch(o, ' ');
	html_coord(o, b->y1 - y);
}

static void paint_path(struct strbuf *o, const struct scene_page *p,
		       const struct scene_path *pa, const struct box *b)
{
	size_t i;

	strbuf_adds(o, "<path d=\"");
	for (i = pa->first; i < pa->first + pa->n; i++) {
		const struct scene_seg *sg = &p->segs[i];

		if (i > pa->first)
			strbuf_addch(o, ' ');
		switch (sg->kind) {
		case SCENE_MOVE:
			strbuf_addch(o, 'M');
			point(o, b, sg->x, sg->y);
			break;
		case SCENE_LINE:
			strbuf_addch(o, 'L');
			point(o, b, sg->x, sg->y);
			break;
		case SCENE_CIRCLE: /* two half arcs from the leftmost point */
			strbuf_addch(o, 'M');
			point(o, b, sg->x - sg->r, sg->y);
			strbuf_adds(o, "a");
			html_coord(o, sg->r);
			strbuf_addch(o, ' ');
			html_coord(o, sg->r);
			strbuf_adds(o, " 0 1 0 ");
			html_coord(o, 2 * sg->r);
			strbuf_adds(o, " 0a");
			html_coord(o, sg->r);
			strbuf_addch(o, ' ');
			html_coord(o, sg->r);
			strbuf_adds(o, " 0 1 0 ");
			html_coord(o, -2 * sg->r);
			strbuf_adds(o, " 0");
			break;
		case SCENE_CLOSE:
		default:
			strbuf_addch(o, 'Z');
			break;
		}
	}
	strbuf_addch(o, '"');
	if (pa->paint == SCENE_FILL) {
		rgb_attr(o, "fill", pa->rgb);
	} else {
		strbuf_adds(o, " fill=\"none\"");
		rgb_attr(o, "stroke", pa->rgb);
		strbuf_adds(o, " stroke-width=\"");
		html_coord(o, pa->width);
		strbuf_addch(o, '"');
		if (pa->dash_on > 0) {
			strbuf_adds(o, " stroke-dasharray=\"");
			html_coord(o, pa->dash_on);
			strbuf_addch(o, ' ');
			html_coord(o, pa->dash_off);
			strbuf_addch(o, '"');
		}
		if (pa->round & SCENE_ROUND_JOIN)
			strbuf_adds(o, " stroke-linejoin=\"round\"");
		if (pa->round & SCENE_ROUND_CAP)
			strbuf_adds(o, " stroke-linecap=\"round\"");
	}
	strbuf_adds(o, "/>");
}

static void paint_text(struct strbuf *o, const struct scene_text *t,
		       const struct box *b)
{
	strbuf_adds(o, "<text x=\"");
	html_coord(o, t->x - b->x0);
	strbuf_adds(o, "\" y=\"");
	html_coord(o, b->y1 - t->base);
	strbuf_adds(o, "\" font-size=\"");
	html_coord(o, t->size);
	strbuf_addch(o, '"');
	if (t->face & SCENE_BOLD)
		strbuf_adds(o, " font-weight=\"700\"");
	if (t->face & SCENE_ITALIC)
		strbuf_adds(o, " font-style=\"oblique\"");
	rgb_attr(o, "fill", t->rgb);
	if (t->width > 0) {
		strbuf_adds(o, " textLength=\"");
		html_coord(o, t->width);
		strbuf_adds(o, "\" lengthAdjust=\"spacingAndGlyphs\"");
	}
	strbuf_addch(o, '>');
	html_esc(o, t->text);
	strbuf_adds(o, "</text>");
}

/* The items of figure fig: [*first, *end) on page *page. */
static int figure_items(const struct scene *s, size_t fig,
			const struct scene_page **page, size_t *first,
			size_t *end)
{
	const struct scene_page *p;
	size_t i;

	if (fig >= s->nfigures || s->figures[fig].page >= s->npages)
		return -1;
	p = &s->pages[s->figures[fig].page];
	for (i = 0; i < p->nitems; i++)
		if (p->items[i].kind == SCENE_BEGIN &&
		    p->items[i].u.figure == fig)
			break;
	if (i == p->nitems)
		return -1;
	*page = p;
	*first = ++i;
	while (i < p->nitems && p->items[i].kind != SCENE_END)
		i++;
	*end = i;
	return 0;
}

void html_svg_chart(struct strbuf *o, const struct scene *s, size_t fig,
		    const char *label_ids, const char *desc_id)
{
	const struct scene_page *p = NULL;
	struct box b;
	size_t first = 0, end = 0, i;

	memset(&b, 0, sizeof(b));
	if (figure_items(s, fig, &p, &first, &end) != 0)
		return;
	for (i = first; i < end; i++)
		if (painted(&p->items[i]))
			item_box(p, &p->items[i], &b);
	if (!b.any)
		return;
	b.x0 -= 2;
	b.y0 -= 2;
	b.x1 += 2;
	b.y1 += 2;
	/* 4/3: points to CSS pixels, the chart's size as printed */
	strbuf_adds(o, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
		    "role=\"img\" focusable=\"false\" aria-labelledby=\"");
	html_esc(o, label_ids);
	strbuf_adds(o, "\" aria-describedby=\"");
	html_esc(o, desc_id);
	strbuf_adds(o, "\" viewBox=\"0 0 ");
	html_coord(o, b.x1 - b.x0);
	strbuf_addch(o, ' ');
	html_coord(o, b.y1 - b.y0);
	strbuf_adds(o, "\" width=\"");
	html_coord(o, (b.x1 - b.x0) * 4 / 3);
	strbuf_adds(o, "\" height=\"");
	html_coord(o, (b.y1 - b.y0) * 4 / 3);
	strbuf_adds(o, "\">");
	for (i = first; i < end; i++) {
		const struct scene_item *it = &p->items[i];

		if (!painted(it))
			continue;
		strbuf_addch(o, '\n');
		if (it->kind == SCENE_TEXT) {
			paint_text(o, &it->u.text, &b);
		} else if (it->kind == SCENE_RECT) {
			strbuf_adds(o, "<rect x=\"");
			html_coord(o, it->u.rect.x - b.x0);
			strbuf_adds(o, "\" y=\"");
			html_coord(o, b.y1 - it->u.rect.y - it->u.rect.h);
			strbuf_adds(o, "\" width=\"");
			html_coord(o, it->u.rect.w);
			strbuf_adds(o, "\" height=\"");
			html_coord(o, it->u.rect.h);
			strbuf_addch(o, '"');
			rgb_attr(o, "fill", it->u.rect.rgb);
			strbuf_adds(o, "/>");
		} else {
			paint_path(o, p, &it->u.path, &b);
		}
	}
	strbuf_adds(o, "\n</svg>");
}

/* A sparkline: the values as a polyline in a 60 x 16 box, named by
 * what a reader would take from it (first, last, lowest, highest). */
void html_svg_spark(struct strbuf *o, const struct doc_cell *c)
{
	double lo = 0, hi = 0, first = 0, last = 0;
	size_t i, n = 0;
	int any = 0, pen = 0;
	char a[FMT_MAX], z[FMT_MAX], l[FMT_MAX], h[FMT_MAX];

	for (i = 0; i < c->nspark; i++) {
		double v = c->spark[i];

		if (!c->spark_has || !c->spark_has[i])
			continue;
		if (!any)
			lo = hi = first = v;
		lo = v < lo ? v : lo;
		hi = v > hi ? v : hi;
		last = v;
		any = 1;
		n++;
	}
	if (!any)
		return;
	strbuf_addf(o, "<svg class=\"spark\" role=\"img\" focusable=\"false\" "
		    "viewBox=\"0 0 60 16\" width=\"60\" height=\"16\" "
		    "aria-label=\"Trend of %zu values: from %s to %s "
		    "(lowest %s, highest %s)\"><path d=\"", n,
		    html_num(a, sizeof(a), first, 0),
		    html_num(z, sizeof(z), last, 0),
		    html_num(l, sizeof(l), lo, 0),
		    html_num(h, sizeof(h), hi, 0));
	for (i = 0; i < c->nspark; i++) {
		double x, y;

		if (!c->spark_has || !c->spark_has[i]) {
			pen = 0; /* a gap breaks the line */
			continue;
		}
		x = c->nspark > 1 ? 1 + 58.0 * (double)i /
				    (double)(c->nspark - 1) : 30;
		y = hi > lo ? 15 - 14 * (c->spark[i] - lo) / (hi - lo) : 8;
		strbuf_addch(o, pen ? 'L' : 'M');
		html_coord(o, x);
		strbuf_addch(o, ' ');
		html_coord(o, y);
		pen = 1;
	}
	strbuf_adds(o, "\" fill=\"none\" stroke=\"#12436D\" "
		    "stroke-width=\"1.5\" stroke-linejoin=\"round\"/></svg>");
}
