/* layout_text.c - greedy word wrap over styled UTF-8 spans (see
 * layout_text.h). */
#include "layout_text.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "banned.h"

void text_layout_init(struct text_layout *l)
{
	memset(l, 0, sizeof(*l));
}

void text_layout_release(struct text_layout *l)
{
	free(l->frags);
	free(l->lines);
	text_layout_init(l);
}

size_t text_utf8_len(const char *s, size_t avail)
{
	unsigned char c = (unsigned char)s[0];
	size_t n, i;

	if (c < 0x80)
		n = 1;
	else if ((c & 0xE0) == 0xC0)
		n = 2;
	else if ((c & 0xF0) == 0xE0)
		n = 3;
	else if ((c & 0xF8) == 0xF0)
		n = 4;
	else
		return 1;
	if (n > avail)
		return 1;
	for (i = 1; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			return 1;
	return n;
}

/* A position in the span list. */
struct pos {
	size_t span, off;
};

struct wrapper {
	struct text_layout *l;
	const struct text_span *spans;
	size_t nspans;
	double width;
	text_measure_fn measure;
	void *ctx;
	struct text_line *cur; /* NULL until the first line is opened */
};

static void new_line(struct wrapper *w)
{
	struct text_layout *l = w->l;

	XGROW(l->lines, l->lcap, l->nlines + 1);
	w->cur = &l->lines[l->nlines++];
	w->cur->first = l->nfrags;
	w->cur->nfrags = 0;
	w->cur->width = 0;
}

/* Append span bytes [start, start+len) of width wd to the current line. */
static void put(struct wrapper *w, size_t span, size_t start, size_t len,
		double wd)
{
	struct text_layout *l = w->l;
	struct text_frag *f = NULL;

	if (!w->cur)
		new_line(w);
	if (w->cur->nfrags)
		f = &l->frags[l->nfrags - 1];
	if (f && f->span == span && f->start + f->len == start) {
		f->len += len;
		f->width += wd;
	} else {
		XGROW(l->frags, l->fcap, l->nfrags + 1);
		f = &l->frags[l->nfrags++];
		f->span = span;
		f->start = start;
		f->len = len;
		f->x = w->cur->width;
		f->width = wd;
		w->cur->nfrags++;
	}
	w->cur->width += wd;
}

static int is_sep(char c)
{
	return c == ' ' || c == '\n' || c == '\t';
}

/* The word starting at p: the bytes up to the next separator, possibly
 * across spans. Sets *end and returns its width. */
static double word_width(struct wrapper *w, struct pos p, struct pos *end)
{
	double wd = 0;

	while (p.span < w->nspans) {
		const struct text_span *sp = &w->spans[p.span];
		size_t e = p.off;

		while (e < sp->len && !is_sep(sp->s[e]))
			e++;
		if (e > p.off)
			wd += w->measure(sp->font, sp->s + p.off, e - p.off,
					 w->ctx);
		if (e < sp->len) {
			p.off = e;
			break;
		}
		p.span++;
		p.off = 0;
	}
	*end = p;
	return wd;
}

/* Put the word [a, b) on the line, codepoint by codepoint when break_ok,
 * opening new lines as it fills. -1 if a codepoint alone is too wide. */
static int put_word(struct wrapper *w, struct pos a, struct pos b,
		    int by_char)
{
	while (a.span < b.span || (a.span == b.span && a.off < b.off)) {
		const struct text_span *sp = &w->spans[a.span];
		size_t e = a.span == b.span ? b.off : sp->len;

		if (!by_char) {
			if (e > a.off)
				put(w, a.span, a.off, e - a.off,
				    w->measure(sp->font, sp->s + a.off,
					       e - a.off, w->ctx));
		} else {
			while (a.off < e) {
				size_t n = text_utf8_len(sp->s + a.off,
							 e - a.off);
				double cw = w->measure(sp->font, sp->s + a.off,
						       n, w->ctx);

				if (cw > w->width) {
					w->l->bad_span = a.span;
					w->l->bad_start = a.off;
					w->l->bad_len = n;
					return -1;
				}
				if (w->cur && w->cur->nfrags &&
				    w->cur->width + cw > w->width + 1e-9)
					new_line(w);
				put(w, a.span, a.off, n, cw);
				a.off += n;
			}
		}
		a.span++;
		a.off = 0;
	}
	return 0;
}

int text_wrap_spans(struct text_layout *l, const struct text_span *spans,
		    size_t nspans, double width, unsigned flags,
		    text_measure_fn measure, void *ctx)
{
	struct wrapper w;
	struct pos p = { 0, 0 };
	struct pos sep = { 0, 0 };
	int have_sep = 0, ret = -1;

	l->nfrags = l->nlines = 0;
	l->bad_span = l->bad_start = l->bad_len = 0;
	w.l = l;
	w.spans = spans;
	w.nspans = nspans;
	w.width = width;
	w.measure = measure;
	w.ctx = ctx;
	w.cur = NULL;
	new_line(&w);
	while (p.span < nspans) {
		const struct text_span *sp = &spans[p.span];
		struct pos end;
		double ww, sw = 0;

		if (p.off >= sp->len) {
			p.span++;
			p.off = 0;
			continue;
		}
		if (is_sep(sp->s[p.off])) {
			if (sp->s[p.off] == '\n') {
				new_line(&w);
				have_sep = 0;
			} else if (!have_sep && w.cur->nfrags) {
				sep = p;
				have_sep = 1;
			}
			p.off++;
			continue;
		}
		ww = word_width(&w, p, &end);
		if (have_sep)
			sw = measure(spans[sep.span].font,
				     spans[sep.span].s + sep.off, 1, ctx);
		if (w.cur->nfrags && w.cur->width + sw + ww <= width + 1e-9) {
			if (have_sep)
				put(&w, sep.span, sep.off, 1, sw);
			put_word(&w, p, end, 0);
		} else if (ww <= width + 1e-9) {
			if (w.cur->nfrags)
				new_line(&w);
			put_word(&w, p, end, 0);
		} else {
			if (flags & TEXT_NO_BREAK_WORDS) {
				l->bad_span = p.span;
				l->bad_start = p.off;
				l->bad_len = (end.span == p.span ?
					      end.off : sp->len) - p.off;
				goto out;
			}
			if (w.cur->nfrags)
				new_line(&w);
			if (put_word(&w, p, end, 1) != 0)
				goto out;
		}
		have_sep = 0;
		p = end;
	}
	/* a trailing forced break leaves an empty last line: keep it only
	 * if it is the sole line */
	if (l->nlines > 1 && l->lines[l->nlines - 1].nfrags == 0)
		l->nlines--;
	ret = 0;
out:
	return ret;
}

int text_wrap(struct text_layout *l, const char *s, double width,
	      unsigned flags, text_measure_fn measure, void *ctx)
{
	struct text_span sp;

	sp.s = s;
	sp.len = strlen(s);
	sp.font = 0;
	return text_wrap_spans(l, &sp, 1, width, flags, measure, ctx);
}
