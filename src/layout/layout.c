/* layout.c - the layout driver: pages with running header, banner
 * and "Page N of M" footer, the masthead, and layout_doc, which lays the
 * blocks out once and fills in the page numbers (footers, contents) and
 * the contents' link targets after the last page. No clock is read and
 * no output format is known here. */
#include "layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "layout_int.h"
#include "strbuf.h"
#include "xalloc.h"
#include "fsafe.h"
#include "banned.h"

#define HEAD_SIZE 8.0

int rp_at_top(const struct rctx *r)
{
	return r->y >= r->top - 0.01;
}

/* A text placeholder right-aligned at r->right, filled in by
 * fill_fields: a page number of the heading block, or "Page N of M"
 * when block is (size_t)-1. */
static void add_field(struct rctx *r, size_t block, double size,
		      unsigned rgb, double base)
{
	struct scene_page *p = rp_page(r);
	struct rp_field *f;

	XGROW(r->fields, r->fcap, r->nfields + 1);
	f = &r->fields[r->nfields++];
	f->page = r->sc->npages - 1;
	f->item = p->nitems;
	f->block = block;
	f->link = (size_t)-1;
	f->right = r->right;
	scene_add_text(p, F_REG, size, rgb, r->right, base, "", 0, 0);
}

static void draw_header_footer(struct rctx *r)
{
	const struct doc *d = r->d;
	double ph = d->style.page_h;
	double hbase = ph - 30, fbase = 26;
	char buf[128];
	double bw = 0, hw = 0;

	/* footer on every page: date left, "Page N of M" right (filled in
	 * after the last page) */
	rp_line(r, r->left, 40, r->right, 40, 0.5, C_RULE, 0);
	rp_artifact(r);
	if (d->date_text) {
		rp_stext(r, F_REG, HEAD_SIZE, C_GREY, r->left, fbase,
			 d->date_text);
		rp_artifact(r);
	}
	add_field(r, (size_t)-1, HEAD_SIZE, C_GREY, fbase);
	rp_artifact(r);

	if (d->banner)
		bw = rp_swidth(r, F_BOLD, HEAD_SIZE, d->banner);
	if (r->sc->npages > 1) {
		snprintf(buf, sizeof(buf), "Issue %d", d->issue);
		hw = d->title ? rp_swidth(r, F_REG, HEAD_SIZE, d->title) : 0;
		if (d->title) {
			rp_stext(r, F_REG, HEAD_SIZE, C_GREY, r->left, hbase,
				 d->title);
			rp_artifact(r);
		}
		if (d->issue > 0) {
			double x = r->left + hw + (hw > 0 ? 6 : 0);

			rp_stext(r, F_BOLD, HEAD_SIZE, C_GREY, x, hbase, buf);
			rp_artifact(r);
			hw += 6 + rp_swidth(r, F_BOLD, HEAD_SIZE, buf);
		}
		rp_line(r, r->left, hbase - 7, r->right, hbase - 7, 0.5,
			C_RULE, 0);
		rp_artifact(r);
	}
	if (d->banner) {
		/* same line as the header when both fit, else above it */
		double base = hbase;

		if (bw > r->width)
			rp_fail(r, EIM_DATA, "banner '%s' is wider than the "
				"page", d->banner);
		else if (hw + 16 + bw > r->width)
			base = hbase + HEAD_SIZE * 1.4;
		rp_stext(r, F_BOLD, HEAD_SIZE, C_BANNER, r->right - bw, base,
			 d->banner);
		if (r->sc->npages > 1)
			rp_artifact(r);
	}
}

int rp_new_page(struct rctx *r)
{
	if (r->failed)
		return -1;
	scene_add_page(r->sc);
	r->y = r->top;
	draw_header_footer(r);
	return r->failed ? -1 : 0;
}

int rp_need(struct rctx *r, double h)
{
	if (r->y - h < r->bottom && !rp_at_top(r))
		return rp_new_page(r);
	return r->failed ? -1 : 0;
}

/* ---- masthead (page 1) ------------------------------------------------- */
/* Width and height of a PNG file from its IHDR chunk (the back end reads
 * the image itself). */
static int png_size(const char *path, unsigned long *w, unsigned long *h)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n',
					      0x1A, '\n' };
	unsigned char b[24];
	struct eim_error e;
	ssize_t n;
	int fd;

	/* a regular file only (fsafe.h): a FIFO must not hang the build */
	eim_error_init(&e);
	fd = fsafe_open(NULL, path, 0, path, NULL, &e);
	if (fd < 0)
		return -1;
	n = read(fd, b, sizeof(b));
	close(fd);
	if (n != (ssize_t)sizeof(b) || memcmp(b, sig, 8) != 0 ||
	    memcmp(b + 12, "IHDR", 4) != 0)
		return -1;
	*w = (unsigned long)b[16] << 24 | (unsigned long)b[17] << 16 |
	     (unsigned long)b[18] << 8 | b[19];
	*h = (unsigned long)b[20] << 24 | (unsigned long)b[21] << 16 |
	     (unsigned long)b[22] << 8 | b[23];
	return *w && *h && *w < 0x80000000UL && *h < 0x80000000UL ? 0 : -1;
}

static int masthead(struct rctx *r)
{
	const struct doc *d = r->d;
	unsigned accent = d->style.accent_rgb;
	struct text_layout tl, sl;
	double pad = 14, logo_w = 0, logo_h = 0, inner, bandh, y;
	unsigned long pw = 0, ph = 0;
	int logo = 0;
	size_t i;
	int ret = -1;

	text_layout_init(&tl);
	text_layout_init(&sl);
	if (d->style.logo_png) {
		if (png_size(d->style.logo_png, &pw, &ph) != 0) {
			rp_fail(r, EIM_NOINPUT, "cannot load logo '%s'",
				d->style.logo_png);
			goto out;
		}
		logo = 1;
		logo_h = 44;
		logo_w = logo_h * (double)pw / (double)ph;
		if (logo_w > 140) {
			logo_w = 140;
			logo_h = logo_w * (double)ph / (double)pw;
		}
	}
	inner = r->width - 2 * pad - (logo ? logo_w + pad : 0);
	if (rp_wrap_str(r, &tl, d->title ? d->title : "", F_BOLD, inner, 24,
			0, "title") != 0)
		goto out;
	if (d->subtitle && rp_wrap_str(r, &sl, d->subtitle, F_REG, inner, 13,
				       0, "subtitle") != 0)
		goto out;
	bandh = pad + tl.nlines * 28.0 + (d->subtitle ? 4 + sl.nlines *
					  17.0 : 0) + pad;
	if (bandh < logo_h + 2 * pad)
		bandh = logo_h + 2 * pad;
	y = r->y;
	rp_fill_rect(r, r->left, y - bandh, r->width, bandh, accent);
	if (logo) {
		struct scene_item *it = scene_add_item(rp_page(r),
						       SCENE_IMAGE);

		it->u.image.x = r->right - pad - logo_w;
		it->u.image.y = y - pad - logo_h;
		it->u.image.w = logo_w;
		it->u.image.h = logo_h;
		it->u.image.png = d->style.logo_png;
	}
	y -= pad;
	for (i = 0; i < tl.nlines; i++) {
		const char *t = d->title ? d->title : "";
		struct text_span sp = { t, strlen(t), F_BOLD };

		rp_draw_line(r, &tl, i, &sp, NULL, 24, C_WHITE,
			     r->left + pad, rp_base(r, y, 24, 28));
		y -= 28;
	}
	if (d->subtitle) {
		y -= 4;
		for (i = 0; i < sl.nlines; i++) {
			struct text_span sp = { d->subtitle,
						strlen(d->subtitle), F_REG };

			rp_draw_line(r, &sl, i, &sp, NULL, 13, C_WHITE,
				     r->left + pad, rp_base(r, y, 13, 17));
			y -= 17;
		}
	}
	r->y -= bandh + 10;

	/* "Issue N · date" */
	{
		char buf[160];

		if (d->issue > 0)
			snprintf(buf, sizeof(buf), "Issue %d%s%s", d->issue,
				 d->date_text ? " \xc2\xb7 " : "",
				 d->date_text ? d->date_text : "");
		else
			snprintf(buf, sizeof(buf), "%s",
				 d->date_text ? d->date_text : "");
		struct text_span sp = { buf, strlen(buf), F_BOLD };

		if (rp_wrap(r, &tl, &sp, 1, r->width, 12, 0, "issue line"))
			goto out;
		for (i = 0; i < tl.nlines; i++) {
			rp_draw_line(r, &tl, i, &sp, NULL, 12, accent, r->left,
				     rp_base(r, r->y, 12, 16));
			r->y -= 16;
		}
		r->y -= 2;
	}
	if (d->publisher || d->funding) {
		const char *s = d->funding ? d->funding : d->publisher;
		struct text_span sp = { s, strlen(s), F_REG };

		if (rp_wrap(r, &tl, &sp, 1, r->width, 9, 0, "funding line"))
			goto out;
		for (i = 0; i < tl.nlines; i++) {
			rp_draw_line(r, &tl, i, &sp, NULL, 9, C_GREY, r->left,
				     rp_base(r, r->y, 9, 12.5));
			r->y -= 12.5;
		}
		r->y -= 4;
	}
	if (d->caveat) {
		struct text_span sp = { d->caveat, strlen(d->caveat), F_REG };
		double bh;

		if (rp_wrap(r, &tl, &sp, 1, r->width - 24, 9.5, 0, "caveat"))
			goto out;
		bh = tl.nlines * 13.5 + 16;
		r->y -= 4;
		rp_fill_rect(r, r->left, r->y - bh, r->width, bh, C_PANEL);
		rp_fill_rect(r, r->left, r->y - bh, 4, bh, accent);
		y = r->y - 8;
		for (i = 0; i < tl.nlines; i++) {
			rp_draw_line(r, &tl, i, &sp, NULL, 9.5, C_TEXT,
				     r->left + 16, rp_base(r, y, 9.5, 13.5));
			y -= 13.5;
		}
		r->y -= bh + 14;
	}
	ret = r->failed ? -1 : 0;
out:
	text_layout_release(&tl);
	text_layout_release(&sl);
	return ret;
}

/* ---- set-up and the pass ----------------------------------------------- */
static int load_fonts(struct rctx *r)
{
	const struct doc *d = r->d;
	char path[EIM_PATH_MAX];
	int i;

	for (i = 0; i < 2; i++) {
		const char *given = i ? d->style.font_bold
				      : d->style.font_regular;

		if (given)
			snprintf(path, sizeof(path), "%s", given);
		else if (font_find(i, path, sizeof(path)) != 0)
			return rp_fail(r, EIM_NOINPUT, "no %s TrueType font "
				       "found (install fonts-dejavu-core)",
				       i ? "bold" : "regular");
		r->font[i] = font_metrics_get(path, r->err);
		if (!r->font[i]) {
			r->failed = 1;
			return -1;
		}
		r->sc->face[i] = r->font[i];
	}
	return 0;
}

static void set_info(struct rctx *r)
{
	const struct doc *d = r->d;
	struct scene_info *in = &r->sc->info;

	in->title = d->title;
	in->author = d->publisher;
	in->subject = d->subtitle;
	in->keywords = d->keywords;
	if (d->year > 0 && d->month >= 1 && d->month <= 12 && d->day >= 1 &&
	    d->day <= 31) {
		in->year = d->year;
		in->month = d->month;
		in->day = d->day;
	}
}

/* Page numbers and contents targets, once every page is known. */
static int fill_fields(struct rctx *r)
{
	struct scene *sc = r->sc;
	size_t i;

	for (i = 0; i < r->nfields; i++) {
		const struct rp_field *f = &r->fields[i];
		struct scene_page *p = &sc->pages[f->page];
		struct scene_text *t = &p->items[f->item].u.text;
		char buf[64];

		if (f->block == (size_t)-1) {
			snprintf(buf, sizeof(buf), "Page %zu of %zu",
				 f->page + 1, sc->npages);
		} else {
			struct scene_link *l = &p->items[f->link].u.link;

			snprintf(buf, sizeof(buf), "%zu",
				 r->head_page[f->block] + 1);
			l->dest_page = r->head_page[f->block];
			l->dest_top = r->head_top[f->block];
		}
		free(t->text);
		t->text = xstrdup(buf);
		t->width = rp_swidth(r, t->face, t->size, buf);
		t->x = f->right - t->width;
	}
	for (i = 0; i < sc->ntoc; i++)
		sc->toc[i].target = r->head_page[sc->toc[i].block];
	return 0;
}

void rp_figure_begin(struct rctx *r, enum scene_figure_kind kind,
		     size_t block)
{
	struct scene *sc = r->sc;
	const struct doc_block *b = &r->d->blocks[block];
	struct scene_figure *f;

	XGROW(sc->figures, sc->fcap, sc->nfigures + 1);
	f = &sc->figures[sc->nfigures];
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->block = block;
	f->chart = kind == SCENE_FIG_CHART ? b->chart : NULL;
	f->table = kind == SCENE_FIG_TABLE ? b->table : NULL;
	f->desc = layout_describe(b);
	if (!f->desc)
		rp_fail(r, EIM_DATA, "the description of this figure is "
			"larger than the size cap of %zu bytes",
			STRBUF_DEFAULT_CAP);
	f->page = f->last_page = sc->npages - 1;
	f->top = r->y;
	r->figure = sc->nfigures++;
	scene_add_item(rp_page(r), SCENE_BEGIN)->u.figure = r->figure;
}

void rp_figure_end(struct rctx *r)
{
	r->sc->figures[r->figure].last_page = r->sc->npages - 1;
	scene_add_item(rp_page(r), SCENE_END)->u.figure = r->figure;
}

int layout_doc(const struct doc *d, struct scene *s, struct eim_error *err)
{
	struct rctx r;
	size_t k;
	int ret = -1;

	scene_init(s);
	memset(&r, 0, sizeof(r));
	r.d = d;
	r.err = err;
	r.sc = s;
	r.last_h1 = -1;
	r.block = (size_t)-1;
	s->page_w = d->style.page_w;
	s->page_h = d->style.page_h;
	r.left = d->style.margin_left;
	r.right = d->style.page_w - d->style.margin_right;
	r.width = r.right - r.left;
	r.top = d->style.page_h - d->style.margin_top;
	r.bottom = d->style.margin_bottom;
	if (r.width < 100 || r.top - r.bottom < 200) {
		rp_fail(&r, EIM_DATA, "page margins leave no room for text");
		goto out;
	}
	r.head_page = xcalloc(d->nblocks + 1, sizeof(*r.head_page));
	r.head_top = xcalloc(d->nblocks + 1, sizeof(*r.head_top));
	if (load_fonts(&r) != 0)
		goto out;
	set_info(&r);
	if (rp_new_page(&r) != 0 || masthead(&r) != 0)
		goto out;
	for (k = 0; k < d->nblocks; k++) {
		r.block = k;
		if (rp_draw_block(&r, k) != 0)
			goto out;
	}
	r.block = (size_t)-1;
	if (fill_fields(&r) != 0 || r.failed)
		goto out;
	ret = 0;
out:
	free(r.head_page);
	free(r.head_top);
	free(r.fields);
	table_geo_release(&r);
	return ret;
}
