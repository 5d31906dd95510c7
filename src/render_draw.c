/* render_draw.c - drawing primitives of the PDF back end: measured text,
 * wrapped lines with bold and link runs, rules and boxes. Text is checked
 * against the page box so that nothing is ever drawn off the page. */
#include "render_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "banned.h"

int rp_fail(struct rctx *r, enum eim_kind kind, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	eim_error_vset(r->err, kind, NULL, 0, 0, fmt, ap);
	va_end(ap);
	r->failed = 1;
	return -1;
}

/* Width of code point u (UTF-8 bytes u8[0..n)) in font f, asked of
 * libharu once per render. */
static long cached_width(struct rctx *r, int f, unsigned u,
			 const char *u8, size_t n)
{
	short *c = r->wcache[f];

	if (!c) {
		c = r->wcache[f] = xmalloc(65536 * sizeof(*c));
		memset(c, 0xFF, 65536 * sizeof(*c)); /* all -1 */
	}
	if (c[u] < 0) {
		HPDF_TextWidth tw = HPDF_Font_TextWidth(r->font[f],
							(const HPDF_BYTE *)u8,
							(HPDF_UINT)n);
		if (tw.width > 32767)
			return -1;
		c[u] = (short)tw.width;
	}
	return c[u];
}

/* Text is measured many times (wrapping tries each line, both passes):
 * libharu's HPDF_Font_TextWidth looks up every character's glyph, so
 * widths are summed here from a per-code-point cache. libharu adds no
 * kerning, so the sum is its result; anything but well-formed 1 to 3
 * byte UTF-8 goes to libharu whole. */
double rp_width(struct rctx *r, int font, double size, const char *s,
		size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + len;
	int f = font & F_BOLD;
	long sum = 0;

	if (len == 0)
		return 0;
	while (p < e) {
		unsigned u;
		size_t n;
		long w;

		if (p[0] < 0x80) {
			u = p[0];
			n = 1;
		} else if (p[0] >= 0xC2 && p[0] < 0xE0 && e - p >= 2 &&
			   (p[1] & 0xC0) == 0x80) {
			u = (unsigned)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
			n = 2;
		} else if (p[0] >= 0xE0 && p[0] < 0xF0 && e - p >= 3 &&
			   (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
			u = (unsigned)(p[0] & 0x0F) << 12 |
			    (unsigned)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
			n = 3;
			if (u < 0x800 || (u >= 0xD800 && u < 0xE000))
				break;
		} else {
			break;
		}
		w = cached_width(r, f, u, (const char *)p, n);
		if (w < 0)
			break;
		sum += w;
		p += n;
	}
	if (p < e) {
		HPDF_TextWidth tw = HPDF_Font_TextWidth(r->font[f],
							(const HPDF_BYTE *)s,
							(HPDF_UINT)len);
		return tw.width * size / 1000.0;
	}
	return (double)sum * size / 1000.0;
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

static void set_rgb_fill(HPDF_Page p, unsigned rgb)
{
	HPDF_Page_SetRGBFill(p, ((rgb >> 16) & 0xFF) / 255.0f,
			     ((rgb >> 8) & 0xFF) / 255.0f,
			     (rgb & 0xFF) / 255.0f);
}

void rp_set_fill(struct rctx *r, unsigned rgb)
{
	set_rgb_fill(r->page, rgb);
}

void rp_set_stroke(struct rctx *r, unsigned rgb, double lw)
{
	HPDF_Page_SetRGBStroke(r->page, ((rgb >> 16) & 0xFF) / 255.0f,
			       ((rgb >> 8) & 0xFF) / 255.0f,
			       (rgb & 0xFF) / 255.0f);
	HPDF_Page_SetLineWidth(r->page, (HPDF_REAL)lw);
}

double rp_base(double top, double size, double lead)
{
	/* DejaVu Sans: ascent 0.928 em, descent 0.236 em */
	return top - (lead - 1.164 * size) / 2 - 0.928 * size;
}

/* libharu's UTF-8 encoder takes only the Basic Multilingual Plane and
 * passes bad bytes through as garbage: refuse both rather than print
 * something else than the text. */
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
	char stackbuf[512], *buf = stackbuf;
	double w;

	if (len == 0 || r->failed || check_utf8(r, s, len) != 0)
		return;
	w = rp_width(r, font, size, s, len);
	if (x < 0 || x + w > r->d->style.page_w + 0.01 ||
	    base - 0.24 * size < 0 || base + 0.93 * size > r->d->style.page_h) {
		rp_fail(r, EIM_DATA, "text '%.*s' does not fit on the page",
			(int)(len > 60 ? 60 : len), s);
		return;
	}
	if (len >= sizeof(stackbuf))
		buf = xmalloc(len + 1);
	memcpy(buf, s, len);
	buf[len] = '\0';
	HPDF_Page_BeginText(r->page);
	HPDF_Page_SetFontAndSize(r->page, r->font[font & F_BOLD],
				 (HPDF_REAL)size);
	set_rgb_fill(r->page, rgb);
	if (font & F_ITALIC) {
		/* slant by 12 degrees: advance widths are unchanged */
		HPDF_Page_SetTextMatrix(r->page, 1, 0, 0.2126f, 1,
					(HPDF_REAL)x, (HPDF_REAL)base);
		HPDF_Page_ShowText(r->page, buf);
	} else {
		HPDF_Page_TextOut(r->page, (HPDF_REAL)x, (HPDF_REAL)base, buf);
	}
	HPDF_Page_EndText(r->page);
	if (buf != stackbuf)
		free(buf);
}

void rp_stext(struct rctx *r, int font, double size, unsigned rgb,
	      double x, double base, const char *s)
{
	rp_text(r, font, size, rgb, x, base, s, strlen(s));
}

void rp_fill_rect(struct rctx *r, double x, double y, double w, double h,
		  unsigned rgb)
{
	set_rgb_fill(r->page, rgb);
	HPDF_Page_Rectangle(r->page, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w,
			    (HPDF_REAL)h);
	HPDF_Page_Fill(r->page);
}

void rp_line(struct rctx *r, double x0, double y0, double x1, double y1,
	     double lw, unsigned rgb, int dashed)
{
	static const HPDF_UINT16 dash[] = { 4, 3 };

	rp_set_stroke(r, rgb, lw);
	if (dashed)
		HPDF_Page_SetDash(r->page, dash, 2, 0);
	HPDF_Page_MoveTo(r->page, (HPDF_REAL)x0, (HPDF_REAL)y0);
	HPDF_Page_LineTo(r->page, (HPDF_REAL)x1, (HPDF_REAL)y1);
	HPDF_Page_Stroke(r->page);
	if (dashed)
		HPDF_Page_SetDash(r->page, NULL, 0, 0);
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
			HPDF_Rect rect;
			HPDF_Annotation a;
			double tw = f->width;

			/* no underline under a trailing space */
			if (f->len && s->s[f->start + f->len - 1] == ' ')
				tw -= rp_width(r, s->font, size, " ", 1);
			rp_line(r, fx, base - 1.2, fx + tw, base - 1.2, 0.6,
				C_LINK, 0);
			rect.left = (HPDF_REAL)fx;
			rect.right = (HPDF_REAL)(fx + tw);
			rect.bottom = (HPDF_REAL)(base - 0.24 * size - 1);
			rect.top = (HPDF_REAL)(base + 0.93 * size);
			a = HPDF_Page_CreateURILinkAnnot(r->page, rect, href);
			if (a)
				HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
		}
	}
}
