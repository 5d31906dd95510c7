/* layout_table.c - tables for the PDF back end: relative column widths,
 * wrapped cells (words are never broken inside a cell: a word that does
 * not fit is an error), rows that never split, tables that continue on
 * the next page with the caption marked "(continued)" and the header row
 * repeated, arrow and sparkline cells. */
#include "layout_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "banned.h"

#define PAD_X 4.0
#define PAD_Y 3.5
#define BODY 9.5
#define BODY_LEAD 12.5
#define HEAD 9.0
#define HEAD_LEAD 11.5
#define CAP 11.0
#define CAP_LEAD 14.0
#define SPARK_H 13.0
#define ARROW_W 7.0


static const char *caption_of(const struct doc_table *t)
{
	return t->caption ? t->caption : "table";
}

/* Width of the widest word of s (words never break inside a cell). */
static double widest_word(struct rctx *r, const char *s, int font,
			  double size)
{
	double best = 0;

	while (s && *s) {
		size_t n = strcspn(s, " \n\t");

		if (n) {
			double w = rp_width(r, font, size, s, n);

			if (w > best)
				best = w;
		}
		s += n;
		s += strspn(s, " \n\t");
	}
	return best;
}

/* Width of the widest line of s unwrapped. */
static double widest_line(struct rctx *r, const char *s, int font,
			  double size)
{
	double best = 0;

	while (s && *s) {
		size_t n = strcspn(s, "\n");
		double w = rp_width(r, font, size, s, n);

		if (w > best)
			best = w;
		s += n;
		s += strspn(s, "\n");
	}
	return best;
}

/* The narrowest a column can be (its widest word, arrow or sparkline)
 * and the width it would like (its longest cell unwrapped; headers may
 * wrap, so only their widest word counts). */
static void column_span(struct rctx *r, const struct doc_table *t,
			size_t col, double *mn, double *mx)
{
	double lo = widest_word(r, t->header[col], F_BOLD, HEAD), hi = lo;
	size_t row;

	for (row = 0; row < t->nrows; row++) {
		const struct doc_cell *c = &t->cells[row * t->ncols + col];
		int font = c->bold ? F_BOLD : F_REG;
		double a, b;

		if (c->kind == DOC_CELL_SPARK) {
			a = 36;
			b = 64;
		} else if (c->kind == DOC_CELL_ARROW) {
			a = b = ARROW_W + (c->text ? 4 + rp_swidth(r, font,
						BODY, c->text) : 0);
		} else {
			a = widest_word(r, c->text, font, BODY);
			b = widest_line(r, c->text, font, BODY);
		}
		if (a > lo)
			lo = a;
		if (b > hi)
			hi = b;
	}
	*mn = lo + 2 * PAD_X + 0.01;
	*mx = (hi > lo ? hi : lo) + 2 * PAD_X + 0.01;
}

/* Lines a text cell takes at content width cw (a large number when a word
 * does not fit). */
static int cell_lines(struct rctx *r, const struct doc_cell *c, double cw,
		      struct text_layout *l)
{
	struct text_span sp;

	if (c->kind != DOC_CELL_TEXT || !c->text || !*c->text)
		return 1;
	sp.s = c->text;
	sp.len = strlen(c->text);
	sp.font = c->bold ? F_BOLD : F_REG;
	r->msize = BODY;
	if (text_wrap_spans(l, &sp, 1, cw, TEXT_NO_BREAK_WORDS,
			    rp_measure_cb, r) != 0)
		return 1000;
	return (int)l->nlines;
}

/* Height of the body in lines with column widths w. */
static long table_lines(struct rctx *r, const struct doc_table *t,
			const double *w, struct text_layout *l)
{
	long total = 0;
	size_t row, i;

	for (row = 0; row < t->nrows; row++) {
		int most = 1;

		for (i = 0; i < t->ncols; i++) {
			int n = cell_lines(r, &t->cells[row * t->ncols + i],
					   w[i] - 2 * PAD_X, l);
			if (n > most)
				most = n;
		}
		total += most;
	}
	return total;
}

/* Column widths. When every column can have its unwrapped width, the
 * spare room is shared by the relative widths. Otherwise each column
 * starts with its widest word plus a share of the rest in proportion to
 * what it still wants (as CSS automatic layout does), then width moves
 * between columns in small steps while that makes the table shorter.
 * When even the words do not fit, the relative widths stay and wrapping
 * names the word. */
static void column_widths(struct rctx *r, const struct doc_table *t,
			  double *w)
{
	double mn[64], mx[64], rel[64];
	double smn = 0, smx = 0, srel = 0, room = r->width;
	size_t i, j;

	for (i = 0; i < t->ncols; i++) {
		rel[i] = t->widths[i] > 0 ? t->widths[i] : 1;
		column_span(r, t, i, &mn[i], &mx[i]);
		smn += mn[i];
		smx += mx[i];
		srel += rel[i];
	}
	if (smx <= room) {
		for (i = 0; i < t->ncols; i++)
			w[i] = mx[i] + (room - smx) * rel[i] / srel;
		return;
	}
	if (smn > room) {
		for (i = 0; i < t->ncols; i++)
			w[i] = room * rel[i] / srel;
		return;
	}
	for (i = 0; i < t->ncols; i++)
		w[i] = mn[i] + (mx[i] - mn[i]) * (room - smn) / (smx - smn);
	{
		struct text_layout l;
		long cost;
		int iter;

		/* bounded work: at most about 300,000 cell wraps per table */
		size_t per = t->ncols * t->ncols * (t->nrows ? t->nrows : 1) *
			     t->ncols;
		int maxiter = (int)(300000 / (per ? per : 1));

		if (maxiter > 200)
			maxiter = 200;
		text_layout_init(&l);
		cost = table_lines(r, t, w, &l);
		for (iter = 0; iter < maxiter; iter++) {
			long best = cost;
			size_t bi = 0, bj = 0;
			const double step = 4.0;

			for (i = 0; i < t->ncols; i++) {
				if (w[i] - step < mn[i])
					continue;
				for (j = 0; j < t->ncols; j++) {
					long c;

					if (j == i || w[j] >= mx[j])
						continue;
					w[i] -= step;
					w[j] += step;
					c = table_lines(r, t, w, &l);
					w[i] += step;
					w[j] -= step;
					if (c < best) {
						best = c;
						bi = i;
						bj = j;
					}
				}
			}
			if (best >= cost)
				break;
			w[bi] -= step;
			w[bj] += step;
			cost = best;
		}
		text_layout_release(&l);
	}
}

/* Column edges x[0..ncols]. */
static void column_edges(struct rctx *r, const struct doc_table *t,
			 double *x)
{
	double w[64], acc = 0;
	size_t i;

	column_widths(r, t, w);
	for (i = 0; i < t->ncols; i++) {
		x[i] = r->left + acc;
		acc += w[i];
	}
	x[t->ncols] = r->right;
}

/* Wrap a cell's text; what names it in errors. */
static int wrap_cell(struct rctx *r, struct text_layout *l, const char *s,
		     int font, double w, double size, const char *cap,
		     const char *col)
{
	char what[256];

	snprintf(what, sizeof(what), "table '%s' column '%s'", cap,
		 col ? col : "");
	return rp_wrap_str(r, l, s, font, w, size, TEXT_NO_BREAK_WORDS,
			   what);
}

static double cell_height(struct rctx *r, const struct doc_table *t,
			  const struct doc_cell *c, size_t col,
			  const double *x)
{
	struct text_layout l;
	double w = x[col + 1] - x[col] - 2 * PAD_X, h = BODY_LEAD;

	if (c->kind == DOC_CELL_SPARK)
		return SPARK_H;
	if (!c->text || !*c->text)
		return BODY_LEAD;
	if (c->kind == DOC_CELL_ARROW)
		w -= ARROW_W + 4;
	text_layout_init(&l);
	if (wrap_cell(r, &l, c->text, c->bold ? F_BOLD : F_REG, w, BODY,
		      caption_of(t), t->header[col]) == 0)
		h = l.nlines * BODY_LEAD;
	text_layout_release(&l);
	return h;
}

static double row_height(struct rctx *r, const struct doc_table *t,
			 size_t row, const double *x)
{
	double h = BODY_LEAD;
	size_t i;

	for (i = 0; i < t->ncols; i++) {
		double ch = cell_height(r, t, &t->cells[row * t->ncols + i],
					i, x);
		if (ch > h)
			h = ch;
	}
	return h + 2 * PAD_Y;
}

static double header_height(struct rctx *r, const struct doc_table *t,
			    const double *x)
{
	struct text_layout l;
	double h = HEAD_LEAD;
	size_t i;

	text_layout_init(&l);
	for (i = 0; i < t->ncols; i++) {
		if (!t->header[i] || !*t->header[i])
			continue;
		if (wrap_cell(r, &l, t->header[i], F_BOLD,
			      /* geometry() fills x[0..ncols] before any caller gets here */
			      /* NOLINTNEXTLINE(clang-analyzer-core.UndefinedBinaryOperatorResult) */
			      x[i + 1] - x[i] - 2 * PAD_X, HEAD, caption_of(t),
			      t->header[i]) != 0)
			break;
		if (l.nlines * HEAD_LEAD > h)
			h = l.nlines * HEAD_LEAD;
	}
	text_layout_release(&l);
	return h + 2 * PAD_Y;
}

static double caption_height(struct rctx *r, const struct doc_table *t)
{
	struct text_layout l;
	double h = 0;

	if (!t->caption)
		return 0;
	text_layout_init(&l);
	if (rp_wrap_str(r, &l, t->caption, F_BOLD, r->width, CAP, 0,
			"table caption") == 0)
		h = l.nlines * CAP_LEAD + 4;
	text_layout_release(&l);
	return h;
}

/* The one walk of a table that measures it: column edges, caption,
 * header and every row, kept on r for the rest of the layout (the
 * keep-together height and the drawing both read it). A word that does
 * not fit fails r here, once. 1 <= ncols <= 64. The pointer is valid
 * until the next table is measured (r->geo may move). */
static const struct rp_geo *measure(struct rctx *r, const struct doc_table *t)
{
	struct rp_geo *g;
	size_t i;

	for (i = 0; i < r->ngeo; i++)
		if (r->geo[i].table == t)
			return &r->geo[i];
	XGROW(r->geo, r->geocap, r->ngeo + 1);
	g = &r->geo[r->ngeo++];
	memset(g, 0, sizeof(*g));
	g->table = t;
	column_edges(r, t, g->x);
	g->caption_h = caption_height(r, t);
	g->header_h = header_height(r, t, g->x);
	g->row_h = xcalloc(t->nrows ? t->nrows : 1, sizeof(*g->row_h));
	for (i = 0; i < t->nrows; i++)
		g->row_h[i] = row_height(r, t, i, g->x);
	return g;
}

void table_geo_release(struct rctx *r)
{
	size_t i;

	for (i = 0; i < r->ngeo; i++)
		free(r->geo[i].row_h);
	free(r->geo);
	r->geo = NULL;
	r->ngeo = r->geocap = 0;
}

/* Keep-together unit: a short table that fits on a page is never split;
 * a long one starts with its caption, header and first three rows. */
double table_min_height(struct rctx *r, const struct doc_table *t)
{
	const struct rp_geo *g;
	double h, body = 0, first = 0;
	size_t i;

	if (t->ncols == 0 || t->ncols > 64)
		return 0;
	g = measure(r, t);
	h = g->caption_h + g->header_h;
	for (i = 0; i < t->nrows; i++) {
		body += g->row_h[i];
		if (i < 3)
			first += g->row_h[i];
	}
	if (t->nrows <= 15 && h + body <= r->top - r->bottom)
		return h + body;
	return h + first;
}

/* Lines of s aligned in [x0, x1] from top. */
static void draw_cell_text(struct rctx *r, const char *s, int font,
			   double size, double lead, unsigned rgb,
			   enum doc_align al, double x0, double x1,
			   double top)
{
	struct text_layout l;
	struct text_span sp;
	size_t i;

	sp.s = s;
	sp.len = strlen(s);
	sp.font = font;
	text_layout_init(&l);
	if (rp_wrap(r, &l, &sp, 1, x1 - x0, size, TEXT_NO_BREAK_WORDS,
		    "table cell") == 0) {
		for (i = 0; i < l.nlines; i++) {
			double lw = l.lines[i].width, x = x0;

			if (al == DOC_RIGHT)
				x = x1 - lw;
			else if (al == DOC_CENTER)
				x = x0 + (x1 - x0 - lw) / 2;
			rp_draw_line(r, &l, i, &sp, NULL, size, rgb, x,
				     rp_base(r, top - i * lead, size, lead));
		}
	}
	text_layout_release(&l);
}

static void draw_caption(struct rctx *r, const struct doc_table *t,
			 int continued)
{
	if (t->caption) {
		struct text_layout l;
		struct text_span sp = { t->caption, strlen(t->caption),
					F_BOLD };
		size_t i;

		text_layout_init(&l);
		if (rp_wrap(r, &l, &sp, 1, r->width, CAP, 0, "caption") == 0) {
			for (i = 0; i < l.nlines; i++) {
				rp_draw_line(r, &l, i, &sp, NULL, CAP, C_TEXT,
					     r->left,
					     rp_base(r, r->y, CAP, CAP_LEAD));
				if (continued && i + 1 == l.nlines &&
				    l.lines[i].width + 80 < r->width)
					rp_stext(r, F_REG, 9, C_GREY,
						 r->left + l.lines[i].width + 6,
						 rp_base(r, r->y, CAP, CAP_LEAD),
						 "(continued)");
				r->y -= CAP_LEAD;
			}
		}
		text_layout_release(&l);
		r->y -= 4;
	}
}

static void draw_header(struct rctx *r, const struct doc_table *t,
			const struct rp_geo *g)
{
	const double *x = g->x;
	double h = g->header_h;
	size_t i;

	rp_fill_rect(r, r->left, r->y - h, r->width, h, C_PANEL);
	for (i = 0; i < t->ncols; i++)
		if (t->header[i] && *t->header[i])
			draw_cell_text(r, t->header[i], F_BOLD, HEAD,
				       HEAD_LEAD, C_TEXT, t->align[i],
				       x[i] + PAD_X, x[i + 1] - PAD_X,
				       r->y - PAD_Y);
	r->y -= h;
	rp_line(r, r->left, r->y, r->right, r->y, 1.0, C_TEXT, 0);
}

static void draw_cell(struct rctx *r, const struct doc_table *t,
		      const struct doc_cell *c, size_t col, const double *x,
		      double top, double h)
{
	double x0 = x[col] + PAD_X, x1 = x[col + 1] - PAD_X;
	enum doc_align al = t->align[col];

	if (c->kind == DOC_CELL_SPARK) {
		chart_spark(r, c, x0, top - PAD_Y - SPARK_H, x1 - x0, SPARK_H);
		return;
	}
	if (c->kind == DOC_CELL_ARROW) {
		double tw = c->text ? rp_swidth(r, F_REG, BODY, c->text) : 0;
		double total = ARROW_W + (tw > 0 ? 4 + tw : 0), ax = x0;
		double ymid = rp_base(r, top - PAD_Y, BODY, BODY_LEAD) + 3.3;

		if (al == DOC_RIGHT)
			ax = x1 - total;
		else if (al == DOC_CENTER)
			ax = x0 + (x1 - x0 - total) / 2;
		chart_arrow(r, c->dir, c->tone, ax, ymid, ARROW_W);
		if (tw > 0)
			rp_stext(r, c->bold ? F_BOLD : F_REG, BODY, C_TEXT,
				 ax + ARROW_W + 4,
				 rp_base(r, top - PAD_Y, BODY, BODY_LEAD),
				 c->text);
		return;
	}
	(void)h;
	if (c->text && *c->text)
		draw_cell_text(r, c->text, c->bold ? F_BOLD : F_REG, BODY,
			       BODY_LEAD, C_TEXT, al, x0, x1, top - PAD_Y);
}

int table_draw(struct rctx *r, const struct doc_table *t)
{
	const struct rp_geo *g;
	size_t row, i;

	if (t->ncols == 0)
		return 0;
	if (t->ncols > 64)
		return rp_fail(r, EIM_DATA, "table '%s' has more than 64 "
			       "columns", caption_of(t));
	g = measure(r, t);
	if (r->failed)
		return -1;
	draw_caption(r, t, 0);
	draw_header(r, t, g);
	for (row = 0; row < t->nrows && !r->failed; row++) {
		double h = g->row_h[row];

		if (h + g->header_h + g->caption_h > r->top - r->bottom)
			return rp_fail(r, EIM_DATA, "table '%s': row %zu is "
				       "taller than a page", caption_of(t),
				       row + 1);
		if (r->y - h < r->bottom) {
			if (rp_new_page(r) != 0)
				return -1;
			draw_caption(r, t, 1);
			draw_header(r, t, g);
		}
		for (i = 0; i < t->ncols; i++)
			draw_cell(r, t, &t->cells[row * t->ncols + i], i,
				  g->x, r->y, h);
		r->y -= h;
		rp_line(r, r->left, r->y, r->right, r->y, 0.4, C_RULE, 0);
	}
	r->y -= 4;
	if (t->footnote) {
		struct text_layout l;
		struct text_span sp = { t->footnote, strlen(t->footnote),
					F_REG };

		text_layout_init(&l);
		if (rp_wrap(r, &l, &sp, 1, r->width, 8.5, 0, "footnote") == 0)
			for (i = 0; i < l.nlines; i++) {
				if (rp_need(r, 12) != 0)
					break;
				rp_draw_line(r, &l, i, &sp, NULL, 8.5, C_GREY,
					     r->left, rp_base(r, r->y, 8.5, 12));
				r->y -= 12;
			}
		text_layout_release(&l);
	}
	if (t->source) {
		struct text_layout l;
		struct text_span sp = { t->source, strlen(t->source), F_REG };

		text_layout_init(&l);
		if (rp_wrap(r, &l, &sp, 1, r->width, 8.5, 0, "source") == 0)
			for (i = 0; i < l.nlines; i++) {
				if (rp_need(r, 12) != 0)
					break;
				rp_draw_line(r, &l, i, &sp, NULL, 8.5, C_GREY,
					     r->left, rp_base(r, r->y, 8.5, 12));
				r->y -= 12;
			}
		text_layout_release(&l);
	}
	r->y -= 10;
	return r->failed ? -1 : 0;
}
