/* render_pdf.c - the PDF driver: libharu set-up (compression first, UTF-8
 * TrueType fonts), pages with running header, banner and "Page N of M"
 * footer, the masthead, document info and two layout passes (the first
 * finds the page of every heading and the page count, the second draws
 * with them). No clock is read, so a doc always gives the same bytes. */
#include "render_pdf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "render_int.h"
#include "xalloc.h"
#include "banned.h"

#define HEAD_SIZE 8.0

int render_find_font(int bold, char *buf, size_t size)
{
	static const char *const regular[] = {
		"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
		"/usr/share/fonts/TTF/DejaVuSans.ttf",
		"/usr/share/fonts/dejavu/DejaVuSans.ttf",
		"/usr/local/share/fonts/DejaVuSans.ttf",
		"/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
		"/usr/share/fonts/liberation/LiberationSans-Regular.ttf",
	};
	static const char *const boldf[] = {
		"/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
		"/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
		"/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
		"/usr/local/share/fonts/DejaVuSans-Bold.ttf",
		"/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
		"/usr/share/fonts/liberation/LiberationSans-Bold.ttf",
	};
	const char *const *list = bold ? boldf : regular;
	size_t i, n = sizeof(regular) / sizeof(regular[0]);

	for (i = 0; i < n; i++) {
		if (access(list[i], R_OK) == 0 && strlen(list[i]) < size) {
			snprintf(buf, size, "%s", list[i]);
			return 0;
		}
	}
	return -1;
}

static void hpdf_error(HPDF_STATUS no, HPDF_STATUS detail, void *user)
{
	struct rctx *r = user;

	eim_error_set(r->err, EIM_SOFTWARE, NULL, 0, 0,
		      "pdf library error 0x%04X (detail %u)", (unsigned)no,
		      (unsigned)detail);
	r->failed = 1;
}

int rp_at_top(const struct rctx *r)
{
	return r->y >= r->top - 0.01;
}

static void draw_header_footer(struct rctx *r)
{
	const struct doc *d = r->d;
	double ph = d->style.page_h;
	double hbase = ph - 30, fbase = 26;
	char buf[128];
	double bw = 0, hw = 0;

	/* footer on every page: date left, "Page N of M" right */
	rp_line(r, r->left, 40, r->right, 40, 0.5, C_RULE, 0);
	if (d->date_text)
		rp_stext(r, F_REG, HEAD_SIZE, C_GREY, r->left, fbase,
			 d->date_text);
	if (r->total_pages > 0)
		snprintf(buf, sizeof(buf), "Page %zu of %d", r->npages,
			 r->total_pages);
	else
		snprintf(buf, sizeof(buf), "Page %zu of %zu", r->npages,
			 r->npages);
	rp_stext(r, F_REG, HEAD_SIZE, C_GREY,
		 r->right - rp_swidth(r, F_REG, HEAD_SIZE, buf), fbase, buf);

	if (d->banner)
		bw = rp_swidth(r, F_BOLD, HEAD_SIZE, d->banner);
	if (r->npages > 1) {
		snprintf(buf, sizeof(buf), "Issue %d", d->issue);
		hw = d->title ? rp_swidth(r, F_REG, HEAD_SIZE, d->title) : 0;
		if (d->title)
			rp_stext(r, F_REG, HEAD_SIZE, C_GREY, r->left, hbase,
				 d->title);
		if (d->issue > 0) {
			double x = r->left + hw + (hw > 0 ? 6 : 0);

			rp_stext(r, F_BOLD, HEAD_SIZE, C_GREY, x, hbase, buf);
			hw += 6 + rp_swidth(r, F_BOLD, HEAD_SIZE, buf);
		}
		rp_line(r, r->left, hbase - 7, r->right, hbase - 7, 0.5,
			C_RULE, 0);
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
	}
}

int rp_new_page(struct rctx *r)
{
	HPDF_Page p;

	if (r->failed)
		return -1;
	p = HPDF_AddPage(r->pdf);
	if (!p || r->failed)
		return rp_fail(r, EIM_SOFTWARE, "cannot add a page");
	HPDF_Page_SetWidth(p, (HPDF_REAL)r->d->style.page_w);
	HPDF_Page_SetHeight(p, (HPDF_REAL)r->d->style.page_h);
	XGROW(r->pages, r->pcap, r->npages + 1);
	r->pages[r->npages++] = p;
	r->page = p;
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
static int masthead(struct rctx *r)
{
	const struct doc *d = r->d;
	unsigned accent = d->style.accent_rgb;
	struct text_layout tl, sl;
	double pad = 14, logo_w = 0, logo_h = 0, inner, bandh, y;
	HPDF_Image logo = NULL;
	size_t i;
	int ret = -1;

	text_layout_init(&tl);
	text_layout_init(&sl);
	if (d->style.logo_png) {
		logo = HPDF_LoadPngImageFromFile(r->pdf, d->style.logo_png);
		if (!logo) {
			eim_error_init(r->err);
			rp_fail(r, EIM_NOINPUT, "cannot load logo '%s'",
				d->style.logo_png);
			goto out;
		}
		logo_h = 44;
		logo_w = logo_h * HPDF_Image_GetWidth(logo) /
			 (double)HPDF_Image_GetHeight(logo);
		if (logo_w > 140) {
			logo_w = 140;
			logo_h = logo_w * HPDF_Image_GetHeight(logo) /
				 (double)HPDF_Image_GetWidth(logo);
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
	if (logo)
		HPDF_Page_DrawImage(r->page, logo,
				    (HPDF_REAL)(r->right - pad - logo_w),
				    (HPDF_REAL)(y - pad - logo_h),
				    (HPDF_REAL)logo_w, (HPDF_REAL)logo_h);
	y -= pad;
	for (i = 0; i < tl.nlines; i++) {
		const char *t = d->title ? d->title : "";
		struct text_span sp = { t, strlen(t), F_BOLD };

		rp_draw_line(r, &tl, i, &sp, NULL, 24, C_WHITE,
			     r->left + pad, rp_base(y, 24, 28));
		y -= 28;
	}
	if (d->subtitle) {
		y -= 4;
		for (i = 0; i < sl.nlines; i++) {
			struct text_span sp = { d->subtitle,
						strlen(d->subtitle), F_REG };

			rp_draw_line(r, &sl, i, &sp, NULL, 13, C_WHITE,
				     r->left + pad, rp_base(y, 13, 17));
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
				     rp_base(r->y, 12, 16));
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
				     rp_base(r->y, 9, 12.5));
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
				     r->left + 16, rp_base(y, 9.5, 13.5));
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

/* ---- document set-up --------------------------------------------------- */
static int load_fonts(struct rctx *r)
{
	const struct doc *d = r->d;
	char path[2][EIM_PATH_MAX];
	int i;

	for (i = 0; i < 2; i++) {
		const char *given = i ? d->style.font_bold
				      : d->style.font_regular;
		const char *name;

		if (given)
			snprintf(path[i], sizeof(path[i]), "%s", given);
		else if (render_find_font(i, path[i], sizeof(path[i])) != 0)
			return rp_fail(r, EIM_NOINPUT, "no %s TrueType font "
				       "found (install fonts-dejavu-core)",
				       i ? "bold" : "regular");
		if (access(path[i], R_OK) != 0)
			return rp_fail(r, EIM_NOINPUT, "cannot read font '%s'",
				       path[i]);
		name = HPDF_LoadTTFontFromFile(r->pdf, path[i], HPDF_TRUE);
		if (!name || r->failed) {
			eim_error_init(r->err);
			return rp_fail(r, EIM_DATA, "cannot load TrueType "
				       "font '%s'", path[i]);
		}
		r->font[i] = HPDF_GetFont(r->pdf, name, "UTF-8");
		if (!r->font[i] || r->failed ||
		    render_fix_tounicode(r->pdf, r->font[i]) != 0)
			return rp_fail(r, EIM_SOFTWARE, "cannot use font '%s' "
				       "with UTF-8", path[i]);
	}
	return 0;
}

static void set_info(struct rctx *r)
{
	const struct doc *d = r->d;
	HPDF_Date dt;

	if (d->title)
		HPDF_SetInfoAttr(r->pdf, HPDF_INFO_TITLE, d->title);
	if (d->publisher)
		HPDF_SetInfoAttr(r->pdf, HPDF_INFO_AUTHOR, d->publisher);
	if (d->subtitle)
		HPDF_SetInfoAttr(r->pdf, HPDF_INFO_SUBJECT, d->subtitle);
	if (d->keywords)
		HPDF_SetInfoAttr(r->pdf, HPDF_INFO_KEYWORDS, d->keywords);
	HPDF_SetInfoAttr(r->pdf, HPDF_INFO_CREATOR, "eimon");
	if (d->year > 0 && d->month >= 1 && d->month <= 12 && d->day >= 1 &&
	    d->day <= 31) {
		memset(&dt, 0, sizeof(dt));
		dt.year = d->year;
		dt.month = d->month;
		dt.day = d->day;
		dt.ind = 'Z';
		HPDF_SetInfoDateAttr(r->pdf, HPDF_INFO_CREATION_DATE, dt);
		HPDF_SetInfoDateAttr(r->pdf, HPDF_INFO_MOD_DATE, dt);
	}
}

static void make_links(struct rctx *r)
{
	size_t i;

	for (i = 0; i < r->nlinks; i++) {
		const struct rp_link *lk = &r->links[i];
		int pg = r->head_page_now[lk->block];
		HPDF_Destination dst;
		HPDF_Annotation a;

		if (pg < 1 || (size_t)pg > r->npages || lk->page >= r->npages)
			continue;
		dst = HPDF_Page_CreateDestination(r->pages[pg - 1]);
		if (!dst)
			continue;
		HPDF_Destination_SetXYZ(dst, 0, (HPDF_REAL)r->head_top[lk->block],
					1);
		a = HPDF_Page_CreateLinkAnnot(r->pages[lk->page], lk->rect,
					      dst);
		if (a)
			HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
	}
}

/* One layout pass into a fresh libharu document. */
static int run_pass(struct rctx *r)
{
	const struct doc *d = r->d;
	size_t k;

	render_hpdf_fast_link(); /* faster libharu internals */
	r->pdf = HPDF_New(hpdf_error, r);
	if (!r->pdf)
		return rp_fail(r, EIM_SOFTWARE, "cannot create a pdf");
	/* compression applies only to objects made after this call */
	HPDF_SetCompressionMode(r->pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(r->pdf);
	HPDF_SetCurrentEncoder(r->pdf, "UTF-8");
	r->utf8 = HPDF_GetEncoder(r->pdf, "UTF-8");
	if (r->failed || load_fonts(r) != 0)
		return -1;
	HPDF_SetPageMode(r->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
	set_info(r);
	r->npages = 0;
	r->nlinks = 0;
	r->last_h1 = NULL;
	for (k = 0; k < d->nblocks; k++)
		r->head_page_now[k] = 0;
	if (rp_new_page(r) != 0 || masthead(r) != 0)
		return -1;
	for (k = 0; k < d->nblocks; k++)
		if (rp_draw_block(r, k) != 0)
			return -1;
	make_links(r);
	return r->failed ? -1 : 0;
}

static int save(struct rctx *r, unsigned char **out, size_t *len)
{
	HPDF_UINT32 size, got;
	unsigned char *buf;

	if (HPDF_SaveToStream(r->pdf) != HPDF_OK || r->failed)
		return rp_fail(r, EIM_SOFTWARE, "cannot write the pdf");
	size = HPDF_GetStreamSize(r->pdf);
	buf = xmalloc(size ? size : 1);
	got = 0;
	while (got < size) {
		HPDF_UINT32 n = size - got;

		HPDF_ReadFromStream(r->pdf, buf + got, &n);
		if (n == 0)
			break;
		got += n;
	}
	if (got != size || r->failed) {
		free(buf);
		return rp_fail(r, EIM_SOFTWARE, "cannot read the pdf stream");
	}
	*out = buf;
	*len = size;
	return 0;
}

int render_pdf(const struct doc *d, unsigned char **out, size_t *len,
	       struct eim_error *err)
{
	struct rctx r;
	int ret = -1, pages1;

	*out = NULL;
	*len = 0;
	memset(&r, 0, sizeof(r));
	r.d = d;
	r.err = err;
	r.left = d->style.margin_left;
	r.right = d->style.page_w - d->style.margin_right;
	r.width = r.right - r.left;
	r.top = d->style.page_h - d->style.margin_top;
	r.bottom = d->style.margin_bottom;
	if (r.width < 100 || r.top - r.bottom < 200) {
		rp_fail(&r, EIM_DATA, "page margins leave no room for text");
		goto out;
	}
	r.head_page = xcalloc(d->nblocks + 1, sizeof(int));
	r.head_page_now = xcalloc(d->nblocks + 1, sizeof(int));
	r.head_top = xcalloc(d->nblocks + 1, sizeof(double));

	r.pass = 1;
	if (run_pass(&r) != 0)
		goto out;
	pages1 = (int)r.npages;
	memcpy(r.head_page, r.head_page_now, d->nblocks * sizeof(int));
	render_hpdf_fast_forget();
	HPDF_Free(r.pdf);
	r.pdf = NULL;

	r.pass = 2;
	r.total_pages = pages1;
	if (run_pass(&r) != 0)
		goto out;
	if ((int)r.npages != pages1) {
		rp_fail(&r, EIM_SOFTWARE, "layout passes disagree (%d and %zu "
			"pages)", pages1, r.npages);
		goto out;
	}
	if (save(&r, out, len) != 0)
		goto out;
	ret = 0;
out:
	if (r.pdf) {
		render_hpdf_fast_forget();
		HPDF_Free(r.pdf);
	}
	render_hpdf_deflate_release();
	free(r.head_page);
	free(r.head_page_now);
	free(r.head_top);
	free(r.pages);
	free(r.links);
	free(r.wcache[0]);
	free(r.wcache[1]);
	free(r.geo);
	return ret;
}

int render_pdf_file(const struct doc *d, const char *path,
		    struct eim_error *err)
{
	unsigned char *buf = NULL;
	size_t len = 0;
	FILE *f = NULL;
	int ret = -1;

	if (render_pdf(d, &buf, &len, err) != 0)
		goto out;
	f = fopen(path, "wb");
	if (!f) {
		eim_error_set(err, EIM_CANTCREAT, path, 0, 0,
			      "cannot create the pdf");
		goto out;
	}
	if (fwrite(buf, 1, len, f) != len) {
		eim_error_set(err, EIM_CANTCREAT, path, 0, 0,
			      "cannot write the pdf");
		goto out;
	}
	if (fclose(f) != 0) {
		f = NULL;
		eim_error_set(err, EIM_CANTCREAT, path, 0, 0,
			      "cannot write the pdf");
		goto out;
	}
	f = NULL;
	ret = 0;
out:
	if (f)
		fclose(f);
	free(buf);
	return ret;
}
