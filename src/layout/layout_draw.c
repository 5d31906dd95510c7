/* layout_draw.c - layout primitives: text measured with the fonts' own
 * metrics, wrapped lines with bold and link runs, rules, boxes and paths
 * added to the current scene page. Text is checked against the page box
 * so that nothing is ever placed off the page. */
#include "layout_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "banned.h"

int rp_fail(struct rctx *r, enum eim_kind kind, const char *fmt, ...)
{
	const struct doc_pos *p = r->block < r->d->nblocks
				  ? &r->d->blocks[r->block].pos : NULL;
	va_list ap;

	va_start(ap, fmt);
	if (p && p->file)
		eim_error_vset(r->err, kind, p->file, p->line, p->col, fmt,
			       ap);
	else
		eim_error_vset(r->err, kind, NULL, 0, 0, fmt, ap);
	va_end(ap);
	r->failed = 1;
	return -1;
}

double rp_width(struct rctx *r, int font, double size, const char *s,
		size_t len)
{
	return font_text_width(r->font[font & F_BOLD], s, len, size);
}

double rp_swidth(struct rctx *r, int font, double size, const char *s)
{
	return rp_width(r, font, size, s, strlen(s));
}

double rp_measure_cb(int font, const char *s, size_t len, void *ctx)
{
	struct rctx *r = ctx;

	return rp_width(r, font, r->msize, s, len);
}

int rp_wrap(struct rctx *r, struct text_layout *l,
	    const struct text_span *sp, size_t n, double width, double size,
	    unsigned flags, const char *what)
{
	r->msize = size;
	if (text_wrap_spans(l, sp, n, width, flags, rp_measure_cb, r) == 0)
		return 0;
	{
		const struct text_span *b = &sp[l->bad_span];
		int blen = (int)(l->bad_len > 80 ? 80 : l->bad_len);

		return rp_fail(r, EIM_DATA,
			       "%s: '%.*s' does not fit in %.0f pt", what,
			       blen, b->s + l->bad_start, width);
	}
}

int rp_wrap_str(struct rctx *r, struct text_layout *l, const char *s,
		int font, double width, double size, unsigned flags,
		const char *what)
{
	struct text_span sp;

	sp.s = s;
	sp.len = strlen(s);
	sp.font = font;
	return rp_wrap(r, l, &sp, 1, width, size, flags, what);
}

struct scene_page *rp_page(struct rctx *r)
{
	return &r->sc->pages[r->sc->npages - 1];
}

void rp_artifact(struct rctx *r)
{
	struct scene_page *p = rp_page(r);

	if (p->nitems)
		p->items[p->nitems - 1].flags |= SCENE_ARTIFACT;
}

double rp_base(const struct rctx *r, double top, double size, double lead)
{
	const struct font_metrics *m = r->font[0];

	return top - (lead - (m->ascent + m->descent) * size) / 2 -
	       m->ascent * size;
}

/* The fonts are written with 2-byte codes (the Basic Multilingual
 * Plane) and bad bytes would come out as garbage: refuse both rather
 * than show something else than the text. */
static int check_utf8(struct rctx *r, const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t n = text_utf8_len(s + i, len - i);

		if (n == 1 && (unsigned char)s[i] >= 0x80)
			return rp_fail(r, EIM_DATA, "text '%.*s' is not valid "
				       "UTF-8", (int)(len > 60 ? 60 : len), s);
		if (n == 4)
			return rp_fail(r, EIM_DATA, "text '%.*s' has a "
				       "character the PDF fonts cannot show "
				       "(outside U+0000-U+FFFF, e.g. an emoji)",
				       (int)(len > 60 ? 60 : len), s);
		i += n;
	}
	return 0;
}

void rp_text(struct rctx *r, int font, double size, unsigned rgb, double x,
	     double base, const char *s, size_t len)
{
	const struct font_metrics *m = r->font[font & F_BOLD];
	double w;

	if (len == 0 || r->failed || check_utf8(r, s, len) != 0)
		return;
	w = rp_width(r, font, size, s, len);
	if (x < 0 || x + w > r->d->style.page_w + 0.01 ||
	    base - m->descent * size < 0 ||
	    base + m->ascent * size > r->d->style.page_h) {
		rp_fail(r, EIM_DATA, "text '%.*s' does not fit on the page",
			(int)(len > 60 ? 60 : len), s);
		return;
	}
	scene_add_text(rp_page(r), font, size, rgb, x, base, s, len, w);
}

void rp_stext(struct rctx *r, int font, double size, unsigned rgb,
	      double x, double base, const char *s)
{
	rp_text(r, font, size, rgb, x, base, s, strlen(s));
}

void rp_fill_rect(struct rctx *r, double x, double y, double w, double h,
		  unsigned rgb)
{
	struct scene_item *it = scene_add_item(rp_page(r), SCENE_RECT);

	it->u.rect.x = x;
	it->u.rect.y = y;
	it->u.rect.w = w;
	it->u.rect.h = h;
	it->u.rect.rgb = rgb;
}

struct scene_item *rp_path(struct rctx *r, enum scene_paint paint,
			   unsigned rgb, double lw)
{
	return scene_add_path(rp_page(r), paint, rgb, lw);
}

void rp_seg(struct rctx *r, struct scene_item *path, enum scene_seg_kind k,
	    double x, double y, double radius)
{
	scene_add_seg(rp_page(r), path, k, x, y, radius);
}

void rp_line(struct rctx *r, double x0, double y0, double x1, double y1,
	     double lw, unsigned rgb, int dashed)
{
	struct scene_item *it = rp_path(r, SCENE_STROKE, rgb, lw);

	if (dashed) {
		it->u.path.dash_on = 4;
		it->u.path.dash_off = 3;
	}
	rp_seg(r, it, SCENE_MOVE, x0, y0, 0);
	rp_seg(r, it, SCENE_LINE, x1, y1, 0);
}

void rp_draw_line(struct rctx *r, const struct text_layout *l, size_t line,
		  const struct text_span *sp, const char *const *hrefs,
		  double size, unsigned rgb, double x, double base)
{
	const struct text_line *ln = &l->lines[line];
	size_t k;

	for (k = 0; k < ln->nfrags; k++) {
		const struct text_frag *f = &l->frags[ln->first + k];
		const struct text_span *s = &sp[f->span];
		const char *href = hrefs ? hrefs[f->span] : NULL;
		double fx = x + f->x;

		rp_text(r, s->font, size, href ? C_LINK : rgb, fx, base,
			s->s + f->start, f->len);
		if (href && f->width > 0) {
			struct scene_item *a;
			double tw = f->width;

			/* no underline under a trailing space */
			if (f->len && s->s[f->start + f->len - 1] == ' ')
				tw -= rp_width(r, s->font, size, " ", 1);
			rp_line(r, fx, base - 1.2, fx + tw, base - 1.2, 0.6,
				C_LINK, 0);
			a = scene_add_item(rp_page(r), SCENE_LINK);
			a->u.link.x0 = fx;
			a->u.link.x1 = fx + tw;
			a->u.link.y0 = base - r->font[0]->descent * size - 1;
			a->u.link.y1 = base + r->font[0]->ascent * size;
			a->u.link.uri = href;
		}
	}
}
