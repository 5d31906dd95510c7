/* layout_chart.c - vector charts laid out into the scene, after the UK
 * Government Analysis Function guidance: the title states the finding,
 * the subtitle gives measure, place and period, a unit line sits above
 * the value axis, light horizontal gridlines at "nice" ticks, lines told
 * apart by width and dash as well as colour and labelled directly at
 * their ends (a swatch of the line plus dark text, so colour is never the
 * only cue), bars and columns from zero, dashed
 * reference lines with a label, and a source line under every chart.
 * A chart is never split across pages. */
#include "layout_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_axis.h"
#include "xalloc.h"
#include "banned.h"

#define T_SIZE 11.0
#define T_LEAD 14.0
#define S_SIZE 9.0
#define S_LEAD 12.0
#define A_SIZE 8.0       /* axis labels, unit line, source */
#define A_LEAD 11.0
#define L_SIZE 8.5       /* direct labels */
#define PLOT_H 165.0
#define BAR_ROW 18.0
#define BAR_H 11.0
#define MAX_SERIES DOC_CHART_MAX_SERIES

static const unsigned palette[] = {
	0x12436D, 0x28A197, 0x801650, 0xF46A25, 0x3D3D3D, 0xA285D1
};

/* A series' colour: its fixed slot if compose gave one, else its order. */
/* Widen [*min, *max] so that every reference line is on the axis. */
static void refs_range(const struct doc_chart *c, double *min, double *max)
{
	size_t i;

	for (i = 0; i < c->nrefs; i++) {
		if (c->refs[i].value < *min)
			*min = c->refs[i].value;
		if (c->refs[i].value > *max)
			*max = c->refs[i].value;
	}
}

static unsigned series_rgb(const struct doc_chart_series *s, size_t i)
{
	size_t n = sizeof(palette) / sizeof(palette[0]);

	if (s->colour > 0 && (size_t)s->colour <= n)
		return palette[s->colour - 1];
	return palette[i % n];
}

#define BAR_OTHER 0x7A90A8U /* lighter tone of #12436D for other bars */

unsigned chart_tone_rgb(enum doc_tone t)
{
	switch (t) {
	case DOC_TONE_GOOD:
		return 0x00703CU; /* GOV.UK green, 5.7:1 on white */
	case DOC_TONE_BAD:
		return 0xD4351CU; /* GOV.UK red, 4.5:1 on white */
	case DOC_TONE_NEUTRAL:
	default:
		return C_GREY;
	}
}

static const char *title_of(const struct doc_chart *c)
{
	return c->title ? c->title : "chart";
}

/* The text around the plot, wrapped once for measuring and drawing. */
struct frame {
	struct text_layout title, sub, src;
	double head;   /* title + subtitle + unit line */
	double plot;   /* plot area */
	double foot;   /* x labels + source */
};

static void frame_release(struct frame *f)
{
	text_layout_release(&f->title);
	text_layout_release(&f->sub);
	text_layout_release(&f->src);
}

static int frame_make(struct rctx *r, const struct doc_chart *c,
		      struct frame *f)
{
	memset(f, 0, sizeof(*f));
	text_layout_init(&f->title);
	text_layout_init(&f->sub);
	text_layout_init(&f->src);
	if (c->title && rp_wrap_str(r, &f->title, c->title, F_BOLD, r->width,
				    T_SIZE, 0, "chart title") != 0)
		return -1;
	if (c->subtitle && rp_wrap_str(r, &f->sub, c->subtitle, F_REG,
				       r->width, S_SIZE, 0,
				       "chart subtitle") != 0)
		return -1;
	if (c->source && rp_wrap_str(r, &f->src, c->source, F_REG, r->width,
				     A_SIZE, 0, "chart source") != 0)
		return -1;
	f->head = (c->title ? f->title.nlines * T_LEAD + 2 : 0) +
		  (c->subtitle ? f->sub.nlines * S_LEAD : 0) + 6 +
		  (c->y_title ? A_LEAD + 4 : 0);
	if (c->kind == DOC_CHART_BAR)
		f->plot = BAR_ROW * (double)(c->nbars ? c->nbars : 1) + 4;
	else
		f->plot = PLOT_H;
	f->foot = (c->kind == DOC_CHART_BAR ? 4 : A_LEAD + 8) +
		  (c->source ? f->src.nlines * A_LEAD : 0) + 16;
	return 0;
}

double chart_height(struct rctx *r, const struct doc_chart *c)
{
	struct frame f;
	double h = 0;

	if (frame_make(r, c, &f) == 0)
		h = f.head + f.plot + f.foot;
	frame_release(&f);
	return h;
}

static void draw_lines(struct rctx *r, const struct text_layout *l,
		       const char *s, int font, double size, double lead,
		       unsigned rgb)
{
	struct text_span sp = { s, strlen(s), font };
	size_t i, k;

	for (i = 0; i < l->nlines; i++) {
		struct scene_page *p = &r->sc->pages[r->sc->npages - 1];
		size_t first = p->nitems;

		rp_draw_line(r, l, i, &sp, NULL, size, rgb, r->left,
			     rp_base(r, r->y, size, lead));
		for (k = first; k < p->nitems; k++) /* all caption text */
			p->items[k].flags |= SCENE_CAPTION;
		r->y -= lead;
	}
}

static double measure_axis(const char *s, void *ctx)
{
	return rp_swidth(ctx, F_REG, A_SIZE, s);
}

/* ---- value axis ----------------------------------------------------- */
struct vaxis {
	struct axis_ticks t;
	double y0, y1;  /* plot bottom, top */
	double gutter;  /* width of the tick labels + gap */
};

/* The plot's geometry on the figure (scene.h), for other back ends. */
static void set_plot(struct rctx *r, double x0, double y0, double x1,
		     double y1, double vlo, double vhi, long d0, long d1)
{
	struct scene_plot *p = &r->sc->figures[r->figure].plot;

	p->x0 = x0;
	p->y0 = y0;
	p->x1 = x1;
	p->y1 = y1;
	p->vlo = vlo;
	p->vhi = vhi;
	p->day0 = d0;
	p->day1 = d1;
}

static double vy(const struct vaxis *a, double v)
{
	return a->y0 + (v - a->t.lo) / (a->t.hi - a->t.lo) * (a->y1 - a->y0);
}

static int value_axis(struct rctx *r, const struct doc_chart *c, double min,
		      double max, struct vaxis *a)
{
	char buf[48];
	int i;

	if (axis_nice_ticks(min, max, 6, c->zero_based ? AXIS_ZERO
			    : AXIS_PAD_BELOW, &a->t) != 0)
		return rp_fail(r, EIM_DATA, "chart '%s': no usable values",
			       title_of(c));
	a->gutter = 0;
	for (i = 0; i < a->t.n; i++) {
		double w;

		axis_format(a->t.v[i], a->t.decimals, buf, sizeof(buf));
		w = rp_swidth(r, F_REG, A_SIZE, buf);
		if (w > a->gutter)
			a->gutter = w;
	}
	a->gutter += 6;
	return 0;
}

static void draw_value_axis(struct rctx *r, const struct vaxis *a,
			    double x0, double x1)
{
	char buf[48];
	int i;

	for (i = 0; i < a->t.n; i++) {
		double y = vy(a, a->t.v[i]);

		axis_format(a->t.v[i], a->t.decimals, buf, sizeof(buf));
		if (a->t.v[i] == 0 && i > 0)
			rp_line(r, x0, y, x1, y, 0.9, C_GREY, 0);
		else if (i > 0)
			rp_line(r, x0, y, x1, y, 0.5, C_GRID, 0);
		rp_stext(r, F_REG, A_SIZE, C_GREY,
			 x0 - 5 - rp_swidth(r, F_REG, A_SIZE, buf), y - 2.8,
			 buf);
	}
	rp_line(r, x0, a->y0, x1, a->y0, 0.9, C_GREY, 0);
}

/* Reference lines across the plot; their labels go with the end labels. */
static void draw_refs(struct rctx *r, const struct doc_chart *c,
		      const struct vaxis *a, double x0, double x1)
{
	size_t i;

	for (i = 0; i < c->nrefs; i++) {
		double y = vy(a, c->refs[i].value);

		if (y < a->y0 - 0.01 || y > a->y1 + 0.01)
			continue;
		rp_line(r, x0, y, x1, y, 1.0, 0x3D3D3DU, 1);
	}
}

/* ---- date axis ------------------------------------------------------- */
static int draw_date_axis(struct rctx *r, const struct doc_chart *c,
			  long d0, long d1, enum period_freq freq, double x0,
			  double w, double overhang, double y)
{
	struct axis_date_ticks dt;
	size_t i;

	if (axis_date_ticks(d0, d1, freq, w, overhang, 8, measure_axis, r,
			    &dt) != 0)
		return rp_fail(r, EIM_DATA, "chart '%s': the date labels do "
			       "not fit in %.0f pt", title_of(c), w);
	for (i = 0; i < dt.n; i++) {
		double tx = x0 + (d1 > d0 ? (double)(dt.day[i] - d0) /
				  (double)(d1 - d0) * w : w / 2);

		rp_line(r, tx, y, tx, y - 3, 0.7, C_GREY, 0);
		rp_stext(r, F_REG, A_SIZE, C_GREY, x0 + dt.x[i] - dt.w[i] / 2,
			 y - 3 - A_SIZE - 1, dt.label[i]);
	}
	return 0;
}

/* ---- line chart ------------------------------------------------------ */
/* How a line is stroked: width and dash (on, off; 0, 0 for solid). */
struct line_style {
	double lw, dash_on, dash_off;
};

/* Series that run close together must all stay visible and tell apart
 * without colour. The emphasised series (the subject) is wide and solid
 * and drawn first; the others are narrower, each with its own dash, and
 * drawn over it, so that where lines coincide the one beneath shows
 * through the gaps. Without an emphasised series the first is solid.
 * Dashes are whole points (PDF dash arrays are integers). */
static const struct line_style emphasis_style = { 3.0, 0, 0 };
static const struct line_style other_styles[] = {
	{ 1.6, 0, 0 }, /* solid */
	{ 1.6, 6, 2 }, /* long dashes */
	{ 1.6, 2, 2 }, /* short dashes */
	{ 1.6, 1, 3 }, /* dots */
};
static const struct line_style ref_style = { 1.0, 4, 3 };

/* The style of series i: by its place among the series not emphasised. */
static struct line_style series_style(const struct doc_chart *c, size_t i)
{
	size_t k, n = 0, em = 0, ns = sizeof(other_styles) /
				     sizeof(other_styles[0]);

	if (c->series[i].emphasis)
		return emphasis_style;
	for (k = 0; k < c->nseries; k++) {
		em += c->series[k].emphasis != 0;
		n += k < i && !c->series[k].emphasis;
	}
	/* over an emphasised series every other one is dashed */
	return em ? other_styles[1 + n % (ns - 1)] : other_styles[n % ns];
}

/* A label right of the plot: a swatch (the line's colour, width and dash)
 * and text, dark bold for a series, grey for a reference line. */
#define SWATCH 12.0 /* long enough to show a dash pattern */
struct dlabel {
	const char *text;
	double y;
	unsigned rgb;
	struct line_style st;
	int ref;
	size_t order;
};

static int cmp_dlabel(const void *a, const void *b)
{
	const struct dlabel *x = a, *y = b;

	if (x->y != y->y)
		return x->y < y->y ? 1 : -1; /* top first */
	return x->order < y->order ? -1 : x->order > y->order;
}

#define MAX_DLABELS (MAX_SERIES + 8)

/* Width the end labels need right of the plot (0 when none). */
static double end_label_width(struct rctx *r, const struct doc_chart *c,
			      const char **widest)
{
	double w = 0, t;
	size_t i;

	*widest = "";
	for (i = 0; c->kind == DOC_CHART_LINE && i < c->nseries; i++)
		if (c->series[i].label &&
		    (t = rp_swidth(r, F_BOLD, L_SIZE, c->series[i].label)) > w) {
			w = t;
			*widest = c->series[i].label;
		}
	for (i = 0; i < c->nrefs && i < 8; i++)
		if (c->refs[i].label &&
		    (t = rp_swidth(r, F_REG, L_SIZE, c->refs[i].label)) > w) {
			w = t;
			*widest = c->refs[i].label;
		}
	return w > 0 ? w + SWATCH + 7 : 0;
}

/* A label wider than share of the text width: say which, the limit (in
 * characters of average width, for the writer) and what to shorten. */
static int label_too_long(struct rctx *r, const struct doc_chart *c,
			  const char *label, double share, double size)
{
	double avg = rp_swidth(r, F_REG, size, "abcdefghijklmnopqrstuvwxyz") /
		     26.0;

	return rp_fail(r, EIM_DATA, "chart '%s': the label '%s' is too long "
		       "(a label may take %.0f%% of the text width, about %d "
		       "characters): shorten the place's short_name in "
		       "monitor.yaml, or the reference line's label",
		       title_of(c), label, share * 100,
		       avg > 0 ? (int)(share * r->width / avg) : 0);
}

/* A reference line given twice (same value and label) is labelled once. */
static int ref_repeated(const struct doc_chart *c, size_t i)
{
	size_t k;

	for (k = 0; k < i; k++)
		if (c->refs[k].value == c->refs[i].value &&
		    c->refs[k].label && c->refs[i].label &&
		    strcmp(c->refs[k].label, c->refs[i].label) == 0)
			return 1;
	return 0;
}

static void add_ref_labels(const struct doc_chart *c, const struct vaxis *a,
			   struct dlabel *lab, size_t *nl)
{
	size_t i;

	for (i = 0; i < c->nrefs && i < 8; i++) {
		double y = vy(a, c->refs[i].value);

		if (!c->refs[i].label || y < a->y0 - 0.01 ||
		    y > a->y1 + 0.01 || ref_repeated(c, i))
			continue;
		lab[*nl].text = c->refs[i].label;
		lab[*nl].y = y;
		lab[*nl].rgb = 0x3D3D3DU;
		lab[*nl].st = ref_style;
		lab[*nl].ref = 1;
		lab[*nl].order = 100 + i;
		(*nl)++;
	}
}

/* Sort top down, push apart so that none overlap, keep in the plot. */
static void draw_end_labels(struct rctx *r, struct dlabel *lab, size_t nl,
			    const struct vaxis *a, double x1)
{
	size_t i;

	qsort(lab, nl, sizeof(lab[0]), cmp_dlabel);
	for (i = 0; i < nl; i++) {
		if (lab[i].y > a->y1 - 4)
			lab[i].y = a->y1 - 4;
		if (i && lab[i].y > lab[i - 1].y - 11)
			lab[i].y = lab[i - 1].y - 11;
	}
	if (nl && lab[nl - 1].y < a->y0 + 4) {
		double up = a->y0 + 4 - lab[nl - 1].y;

		for (i = 0; i < nl; i++)
			lab[i].y += up;
	}
	for (i = 0; i < nl; i++) {
		struct scene_item *it = rp_path(r, SCENE_STROKE, lab[i].rgb,
						lab[i].st.lw);

		it->u.path.dash_on = lab[i].st.dash_on;
		it->u.path.dash_off = lab[i].st.dash_off;
		rp_seg(r, it, SCENE_MOVE, x1 + 4, lab[i].y, 0);
		rp_seg(r, it, SCENE_LINE, x1 + 4 + SWATCH, lab[i].y, 0);
		rp_stext(r, lab[i].ref ? F_REG : F_BOLD, L_SIZE,
			 lab[i].ref ? C_GREY : C_TEXT, x1 + 7 + SWATCH,
			 lab[i].y - 3, lab[i].text);
	}
}

static void stroke_series(struct rctx *r, const struct doc_chart_series *s,
			  const struct vaxis *a, long d0, long d1, double x0,
			  double w, unsigned rgb, struct line_style st)
{
	struct scene_item *it = NULL;
	size_t i;

	for (i = 0; i < s->n; i++) {
		double x, y;

		if (!s->has[i]) {
			it = NULL;
			continue;
		}
		x = x0 + (d1 > d0 ? (double)(axis_period_day(&s->x[i]) - d0)
			  / (double)(d1 - d0) * w : w / 2);
		y = vy(a, s->y[i]);
		if (it) {
			rp_seg(r, it, SCENE_LINE, x, y, 0);
		} else if (i + 1 < s->n && s->has[i + 1]) {
			it = rp_path(r, SCENE_STROKE, rgb, st.lw);
			it->u.path.dash_on = st.dash_on;
			it->u.path.dash_off = st.dash_off;
			/* round caps would fill a dash pattern's gaps */
			it->u.path.round = SCENE_ROUND_JOIN |
					   (st.dash_on > 0 ? 0 : SCENE_ROUND_CAP);
			rp_seg(r, it, SCENE_MOVE, x, y, 0);
		} else { /* an isolated point: a dot */
			rp_seg(r, rp_path(r, SCENE_FILL, rgb, 0), SCENE_CIRCLE,
			       x, y, st.lw * 1.1);
		}
	}
}

static int line_chart(struct rctx *r, const struct doc_chart *c)
{
	struct vaxis a;
	struct dlabel lab[MAX_DLABELS];
	double min = HUGE_VAL, max = -HUGE_VAL, lw, x0, x1, over;
	const char *widest = "";
	long d0 = 0, d1 = 0;
	int any = 0;
	enum period_freq freq = PERIOD_NONE;
	size_t i, j, nl = 0;

	for (i = 0; i < c->nseries; i++) {
		const struct doc_chart_series *s = &c->series[i];

		for (j = 0; j < s->n; j++) {
			long d;

			if (!s->has[j])
				continue;
			d = axis_period_day(&s->x[j]);
			if (!any || d < d0)
				d0 = d;
			if (!any || d > d1)
				d1 = d;
			if (!any)
				freq = s->x[j].freq;
			any = 1;
			if (s->y[j] < min)
				min = s->y[j];
			if (s->y[j] > max)
				max = s->y[j];
		}
	}
	if (!any)
		return rp_fail(r, EIM_DATA, "chart '%s' has no values",
			       title_of(c));
	refs_range(c, &min, &max);
	lw = end_label_width(r, c, &widest);
	if (lw > 0.3 * r->width)
		return label_too_long(r, c, widest, 0.3, L_SIZE);
	a.y1 = r->y;
	a.y0 = r->y - PLOT_H;
	if (value_axis(r, c, min, max, &a) != 0)
		return -1;
	x0 = r->left + a.gutter;
	x1 = r->right - (lw > 0 ? lw : 10);
	set_plot(r, x0, a.y0, x1, a.y1, a.t.lo, a.t.hi, d0, d1);
	draw_value_axis(r, &a, x0, x1);
	draw_refs(r, c, &a, x0, x1);
	over = a.gutter < 14 ? a.gutter : 14;
	if (draw_date_axis(r, c, d0, d1, freq, x0, x1 - x0, over, a.y0) != 0)
		return -1;
	/* the wide emphasised series beneath, the narrower ones over it (see
	 * series_style) */
	for (j = 0; j < 2; j++)
		for (i = 0; i < c->nseries; i++)
			if ((c->series[i].emphasis == 0) == (j == 1))
				stroke_series(r, &c->series[i], &a, d0, d1, x0,
					      x1 - x0,
					      series_rgb(&c->series[i], i),
					      series_style(c, i));
	/* direct labels at the line ends, pushed apart vertically */
	for (i = 0; i < c->nseries; i++) {
		const struct doc_chart_series *s = &c->series[i];

		for (j = s->n; j-- > 0;)
			if (s->has[j])
				break;
		if (j < s->n && s->label) {
			lab[nl].text = s->label;
			lab[nl].y = vy(&a, s->y[j]);
			lab[nl].rgb = series_rgb(s, i);
			lab[nl].st = series_style(c, i);
			lab[nl].ref = 0;
			lab[nl].order = i;
			nl++;
		}
	}
	add_ref_labels(c, &a, lab, &nl);
	draw_end_labels(r, lab, nl, &a, x1);
	r->y = a.y0 - (A_LEAD + 8);
	return r->failed ? -1 : 0;
}

/* ---- column chart ---------------------------------------------------- */
static int column_chart(struct rctx *r, const struct doc_chart *c)
{
	const struct doc_chart_series *s = &c->series[0];
	struct vaxis a;
	struct dlabel lab[MAX_DLABELS];
	double min = HUGE_VAL, max = -HUGE_VAL, x0, x1, slot, bw, lw;
	const char *widest = "";
	long d0, d1;
	size_t i, nl = 0;
	int any = 0;

	for (i = 0; i < s->n; i++) {
		if (!s->has[i])
			continue;
		any = 1;
		if (s->y[i] < min)
			min = s->y[i];
		if (s->y[i] > max)
			max = s->y[i];
	}
	if (!any)
		return rp_fail(r, EIM_DATA, "chart '%s' has no values",
			       title_of(c));
	refs_range(c, &min, &max);
	a.y1 = r->y;
	a.y0 = r->y - PLOT_H;
	if (value_axis(r, c, min, max, &a) != 0)
		return -1;
	lw = end_label_width(r, c, &widest);
	if (lw > 0.3 * r->width)
		return label_too_long(r, c, widest, 0.3, L_SIZE);
	x0 = r->left + a.gutter;
	x1 = r->right - (lw > 0 ? lw : 14);
	slot = (x1 - x0) / (double)s->n;
	bw = slot * 0.72;
	draw_value_axis(r, &a, x0, x1);
	for (i = 0; i < s->n; i++) {
		double xb, yz, yv;

		if (!s->has[i])
			continue;
		xb = x0 + slot * i + (slot - bw) / 2;
		yz = vy(&a, a.t.lo > 0 ? a.t.lo : a.t.hi < 0 ? a.t.hi : 0);
		yv = vy(&a, s->y[i]);
		rp_fill_rect(r, xb, yv < yz ? yv : yz, bw, fabs(yv - yz),
			     palette[0]);
	}
	/* redraw the zero line over the columns */
	if (a.t.lo < 0 && a.t.hi > 0)
		rp_line(r, x0, vy(&a, 0), x1, vy(&a, 0), 0.9, C_TEXT, 0);
	draw_refs(r, c, &a, x0, x1);
	add_ref_labels(c, &a, lab, &nl);
	draw_end_labels(r, lab, nl, &a, x1);
	d0 = axis_period_day(&s->x[0]);
	d1 = axis_period_day(&s->x[s->n - 1]);
	set_plot(r, x0, a.y0, x1, a.y1, a.t.lo, a.t.hi, d0, d1);
	if (draw_date_axis(r, c, d0, d1, s->x[0].freq, x0 + slot / 2,
			   slot * (double)(s->n - 1), slot / 2 + 10,
			   a.y0) != 0)
		return -1;
	r->y = a.y0 - (A_LEAD + 8);
	return r->failed ? -1 : 0;
}

/* ---- horizontal bar chart --------------------------------------------- */
static const char *bar_text(const struct doc_chart_bar *b, char *buf,
			    size_t size, int decimals)
{
	if (!b->has)
		return "no data";
	if (b->value_text)
		return b->value_text;
	axis_format(b->value, decimals, buf, size);
	return buf;
}

static int bar_chart(struct rctx *r, const struct doc_chart *c)
{
	double labw = 0, valw = 0, lo = 0, hi = 0, xb0, xb1, xz, top;
	const char *widest = "";
	char buf[48];
	size_t i;

	for (i = 0; i < c->nbars; i++) {
		const struct doc_chart_bar *b = &c->bars[i];
		int font = b->highlight ? F_BOLD : F_REG;
		double w = rp_swidth(r, font, S_SIZE, b->label);

		if (w > labw) {
			labw = w;
			widest = b->label;
		}
		w = rp_swidth(r, font, S_SIZE, bar_text(b, buf, sizeof(buf),
							c->decimals));
		if (w > valw)
			valw = w;
		if (b->has && b->value < lo)
			lo = b->value;
		if (b->has && b->value > hi)
			hi = b->value;
	}
	if (labw > 0.45 * r->width)
		return label_too_long(r, c, widest, 0.45, S_SIZE);
	xb0 = r->left + labw + 8 + (lo < 0 ? valw + 4 : 0);
	xb1 = r->right - valw - 4;
	if (xb1 - xb0 < 60)
		return rp_fail(r, EIM_DATA, "chart '%s': no room for the bars",
			       title_of(c));
	if (hi == lo)
		hi = lo + 1;
	xz = xb0 + (0 - lo) / (hi - lo) * (xb1 - xb0);
	top = r->y - 2;
	set_plot(r, xb0, top - BAR_ROW * (double)c->nbars, xb1, top, lo, hi,
		 0, 0);
	for (i = 0; i < c->nbars; i++) {
		const struct doc_chart_bar *b = &c->bars[i];
		int font = b->highlight ? F_BOLD : F_REG;
		double yc = top - BAR_ROW * i - BAR_ROW / 2;
		double base = yc - 3.2;
		const char *vt = bar_text(b, buf, sizeof(buf), c->decimals);
		double vw = rp_swidth(r, font, S_SIZE, vt);

		rp_stext(r, font, S_SIZE, C_TEXT,
			 xb0 - (lo < 0 ? valw + 4 : 0) - 8 -
			 rp_swidth(r, font, S_SIZE, b->label), base, b->label);
		if (!b->has) {
			rp_stext(r, F_REG, S_SIZE, C_GREY, xz + 4, base, vt);
			continue;
		}
		{
			double xv = xb0 + (b->value - lo) / (hi - lo) *
				    (xb1 - xb0);
			double xa = xv < xz ? xv : xz;

			rp_fill_rect(r, xa, yc - BAR_H / 2, fabs(xv - xz),
				     BAR_H, b->highlight ? palette[0]
				     : BAR_OTHER);
			if (b->value >= 0)
				rp_stext(r, font, S_SIZE, C_TEXT, xv + 4, base,
					 vt);
			else
				rp_stext(r, font, S_SIZE, C_TEXT, xv - 4 - vw,
					 base, vt);
		}
	}
	rp_line(r, xz, top, xz, top - BAR_ROW * (double)c->nbars, 0.9,
		C_TEXT, 0);
	r->y -= BAR_ROW * (double)(c->nbars ? c->nbars : 1) + 4 + 4;
	return r->failed ? -1 : 0;
}

int chart_draw(struct rctx *r, const struct doc_chart *c)
{
	struct frame f;
	int ret = -1;

	if ((c->kind != DOC_CHART_BAR && c->nseries == 0) ||
	    (c->kind == DOC_CHART_BAR && c->nbars == 0))
		return rp_fail(r, EIM_DATA, "chart '%s' has no data",
			       title_of(c));
	if (c->nseries > MAX_SERIES)
		return rp_fail(r, EIM_DATA, "chart '%s' has %zu series (at "
			       "most %d)", title_of(c), c->nseries,
			       MAX_SERIES);
	if (frame_make(r, c, &f) != 0)
		goto out;
	if (f.head + f.plot + f.foot > r->top - r->bottom) {
		if (c->kind == DOC_CHART_BAR)
			rp_fail(r, EIM_DATA, "chart '%s' is taller than a "
				"page: its %zu bars do not fit (set max_bars "
				"on its template block to show those ranked "
				"highest)", title_of(c), c->nbars);
		else
			rp_fail(r, EIM_DATA, "chart '%s' is taller than a "
				"page", title_of(c));
		goto out;
	}
	if (rp_need(r, f.head + f.plot + f.foot) != 0)
		goto out;
	if (c->title)
		draw_lines(r, &f.title, c->title, F_BOLD, T_SIZE, T_LEAD,
			   C_TEXT);
	r->y -= c->title ? 2 : 0;
	if (c->subtitle)
		draw_lines(r, &f.sub, c->subtitle, F_REG, S_SIZE, S_LEAD,
			   C_GREY);
	r->y -= 6;
	if (c->y_title) {
		if (rp_swidth(r, F_REG, A_SIZE, c->y_title) > r->width) {
			rp_fail(r, EIM_DATA, "chart '%s': axis title '%s' is "
				"wider than the chart: shorten the indicator's "
				"short_title in monitor.yaml", title_of(c),
				c->y_title);
			goto out;
		}
		rp_stext(r, F_REG, A_SIZE, C_GREY, r->left,
			 rp_base(r, r->y, A_SIZE, A_LEAD), c->y_title);
		r->y -= A_LEAD + 4;
	}
	switch (c->kind) {
	case DOC_CHART_LINE:
		ret = line_chart(r, c);
		break;
	case DOC_CHART_COLUMN:
		ret = column_chart(r, c);
		break;
	case DOC_CHART_BAR:
	default:
		ret = bar_chart(r, c);
		break;
	}
	if (ret != 0)
		goto out;
	if (c->source)
		draw_lines(r, &f.src, c->source, F_REG, A_SIZE, A_LEAD,
			   C_GREY);
	r->y -= 16;
	ret = r->failed ? -1 : 0;
out:
	frame_release(&f);
	return ret;
}

/* ---- table cell graphics ---------------------------------------------- */
void chart_spark(struct rctx *r, const struct doc_cell *c, double x,
		 double y, double w, double h)
{
	double min = HUGE_VAL, max = -HUGE_VAL, step;
	struct scene_item *it = NULL;
	size_t i, last = 0;
	int any = 0;

	for (i = 0; i < c->nspark; i++) {
		if (!c->spark_has[i])
			continue;
		any = 1;
		last = i;
		if (c->spark[i] < min)
			min = c->spark[i];
		if (c->spark[i] > max)
			max = c->spark[i];
	}
	if (!any)
		return;
	w -= 3; /* room for the end dot */
	step = c->nspark > 1 ? w / (double)(c->nspark - 1) : 0;
	for (i = 0; i < c->nspark; i++) {
		double px = x + step * i, py;

		if (!c->spark_has[i]) {
			it = NULL;
			continue;
		}
		py = max > min ? y + 1.5 + (c->spark[i] - min) / (max - min) *
			 (h - 3) : y + h / 2;
		if (it) {
			rp_seg(r, it, SCENE_LINE, px, py, 0);
		} else {
			it = rp_path(r, SCENE_STROKE, palette[0], 1.0);
			it->u.path.round = SCENE_ROUND_JOIN;
			rp_seg(r, it, SCENE_MOVE, px, py, 0);
		}
	}
	{
		double px = x + step * last;
		double py = max > min ? y + 1.5 + (c->spark[last] - min) /
			    (max - min) * (h - 3) : y + h / 2;

		rp_seg(r, rp_path(r, SCENE_FILL, palette[0], 0), SCENE_CIRCLE,
		       px, py, 1.6);
	}
}

double chart_arrow(struct rctx *r, enum doc_direction dir, enum doc_tone t,
		   double x, double ymid, double h)
{
	unsigned rgb = chart_tone_rgb(t);
	double w = h, hh = h * 0.8;

	struct scene_item *it;

	switch (dir) {
	case DOC_DIR_UP:
	case DOC_DIR_DOWN: {
		double tip = dir == DOC_DIR_UP ? hh / 2 : -hh / 2;

		it = rp_path(r, SCENE_FILL, rgb, 0);
		rp_seg(r, it, SCENE_MOVE, x, ymid - tip, 0);
		rp_seg(r, it, SCENE_LINE, x + w, ymid - tip, 0);
		rp_seg(r, it, SCENE_LINE, x + w / 2, ymid + tip, 0);
		rp_seg(r, it, SCENE_CLOSE, 0, 0, 0);
		break;
	}
	case DOC_DIR_FLAT:
		rp_fill_rect(r, x, ymid - 0.9, w, 1.8, rgb);
		break;
	case DOC_DIR_NONE:
	default:
		break;
	}
	return w;
}
