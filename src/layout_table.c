/* layout_table.c - tables for the PDF back end: relative column widths,
 * wrapped cells (words are never broken inside a cell: a word that does
 * not fit is an error), rows that never split, tables that continue on
 * the next page with the caption marked "(continued)" and the header row
 * repeated, arrow and sparkline cells. */
#include "render_int.h"

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

static void geometry(struct rctx *r, const struct doc_table *t, double *x)
{
	double sum = 0, acc = 0;
	size_t i;

	for (i = 0; i < t->ncols; i++)
		sum += t->widths[i] > 0 ? t->widths[i] : 1;
	for (i = 0; i < t->ncols; i++) {
		x[i] = r->left + r->width * acc / sum;
		acc += t->widths[i] > 0 ? t->widths[i] : 1;
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

double table_min_height(struct rctx *r, const struct doc_table *t)
{
	double x[65];

	if (t->ncols == 0 || t->ncols > 64)
		return 0;
	geometry(r, t, x);
	return caption_height(r, t) + header_height(r, t, x) +
	       (t->nrows ? row_height(r, t, 0, x) : 0);
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
				     rp_base(top - i * lead, size, lead));
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
					     rp_base(r->y, CAP, CAP_LEAD));
				if (continued && i + 1 == l.nlines &&
				    l.lines[i].width + 80 < r->width)
					rp_stext(r, F_REG, 9, C_GREY,
						 r->left + l.lines[i].width + 6,
						 rp_base(r->y, CAP, CAP_LEAD),
						 "(continued)");
				r->y -= CAP_LEAD;
			}
		}
		text_layout_release(&l);
		r->y -= 4;
	}
}

static void draw_header(struct rctx *r, const struct doc_table *t,
			const double *x)
{
	double h = header_height(r, t, x);
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
		double ymid = rp_base(top - PAD_Y, BODY, BODY_LEAD) + 3.3;

		if (al == DOC_RIGHT)
			ax = x1 - total;
		else if (al == DOC_CENTER)
			ax = x0 + (x1 - x0 - total) / 2;
		chart_arrow(r, c->dir, c->tone, ax, ymid, ARROW_W);
		if (tw > 0)
			rp_stext(r, c->bold ? F_BOLD : F_REG, BODY, C_TEXT,
				 ax + ARROW_W + 4,
				 rp_base(top - PAD_Y, BODY, BODY_LEAD),
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
	double x[65], hh;
	size_t row, i;

	if (t->ncols == 0)
		return 0;
	if (t->ncols > 64)
		return rp_fail(r, EIM_DATA, "table '%s' has more than 64 "
			       "columns", caption_of(t));
	geometry(r, t, x);
	hh = header_height(r, t, x);
	if (r->failed)
		return -1;
	draw_caption(r, t, 0);
	draw_header(r, t, x);
	for (row = 0; row < t->nrows && !r->failed; row++) {
		double h = row_height(r, t, row, x);

		if (r->failed)
			return -1;
		if (h + hh + caption_height(r, t) > r->top - r->bottom)
			return rp_fail(r, EIM_DATA, "table '%s': row %zu is "
				       "taller than a page", caption_of(t),
				       row + 1);
		if (r->y - h < r->bottom) {
			if (rp_new_page(r) != 0)
				return -1;
			draw_caption(r, t, 1);
			draw_header(r, t, x);
		}
		for (i = 0; i < t->ncols; i++)
			draw_cell(r, t, &t->cells[row * t->ncols + i], i, x,
				  r->y, h);
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
					     r->left, rp_base(r->y, 8.5, 12));
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
					     r->left, rp_base(r->y, 8.5, 12));
				r->y -= 12;
			}
		text_layout_release(&l);
	}
	r->y -= 10;
	return r->failed ? -1 : 0;
}
