/* backend_pdf.c - the PDF back end: paints a laid-out scene with libharu
 * (UTF-8 TrueType fonts embedded as subsets, streams compressed,
 * outlines, internal and URI links, document info). The only part of
 * eimon that talks to libharu, with backend_pdf_*.c beside it.
 *
 * It measures nothing and breaks no pages: every position comes from the
 * scene, whose widths were measured with the metrics of the same font
 * files (scene->face[i]->path). Output is byte-reproducible: dates come
 * from the scene's info, never the clock (libharu 2.3.0 writes no /ID
 * unless encrypting). */
#include "backend.h"

#include <stdlib.h>
#include <string.h>

#include <hpdf.h>

#include "backend_pdf_int.h"
#include "fsafe.h"
#include "xalloc.h"
#include "banned.h"

struct pctx {
	const struct scene *sc;
	struct eim_error *err;
	int failed;
	HPDF_Doc pdf;
	HPDF_Font font[2];
	HPDF_Encoder utf8;
	HPDF_Page *pages;
	HPDF_Image logo;        /* the one image a scene has (masthead) */
	const char *logo_path;
};

static int pfail(struct pctx *p, enum eim_kind kind, const char *what,
		 const char *name)
{
	eim_error_set(p->err, kind, NULL, 0, 0, "%s '%s'", what, name);
	p->failed = 1;
	return -1;
}

static void hpdf_error(HPDF_STATUS no, HPDF_STATUS detail, void *user)
{
	struct pctx *p = user;

	eim_error_set(p->err, EIM_SOFTWARE, NULL, 0, 0,
		      "pdf library error 0x%04X (detail %u)", (unsigned)no,
		      (unsigned)detail);
	p->failed = 1;
}

static int load_fonts(struct pctx *p)
{
	int i;

	for (i = 0; i < 2; i++) {
		const char *path = p->sc->face[i]->path;
		const char *name = HPDF_LoadTTFontFromFile(p->pdf, path,
							   HPDF_TRUE);

		if (!name || p->failed)
			return pfail(p, EIM_DATA, "cannot load TrueType font",
				     path);
		p->font[i] = HPDF_GetFont(p->pdf, name, "UTF-8");
		if (!p->font[i] || p->failed ||
		    backend_pdf_fix_tounicode(p->pdf, p->font[i]) != 0)
			return pfail(p, EIM_SOFTWARE, "cannot use with UTF-8 "
				     "the font", path);
	}
	return 0;
}

static void set_info(struct pctx *p)
{
	const struct scene_info *in = &p->sc->info;

	if (in->title)
		HPDF_SetInfoAttr(p->pdf, HPDF_INFO_TITLE, in->title);
	if (in->author)
		HPDF_SetInfoAttr(p->pdf, HPDF_INFO_AUTHOR, in->author);
	if (in->subject)
		HPDF_SetInfoAttr(p->pdf, HPDF_INFO_SUBJECT, in->subject);
	if (in->keywords)
		HPDF_SetInfoAttr(p->pdf, HPDF_INFO_KEYWORDS, in->keywords);
	HPDF_SetInfoAttr(p->pdf, HPDF_INFO_CREATOR, "eimon");
	if (in->year > 0) {
		HPDF_Date dt;

		memset(&dt, 0, sizeof(dt));
		dt.year = in->year;
		dt.month = in->month;
		dt.day = in->day;
		dt.ind = 'Z';
		HPDF_SetInfoDateAttr(p->pdf, HPDF_INFO_CREATION_DATE, dt);
		HPDF_SetInfoDateAttr(p->pdf, HPDF_INFO_MOD_DATE, dt);
	}
}

static HPDF_REAL R(double v)
{
	return (HPDF_REAL)v;
}

static void set_fill(HPDF_Page pg, unsigned rgb)
{
	HPDF_Page_SetRGBFill(pg, ((rgb >> 16) & 0xFF) / 255.0f,
			     ((rgb >> 8) & 0xFF) / 255.0f,
			     (rgb & 0xFF) / 255.0f);
}

static void set_stroke(HPDF_Page pg, unsigned rgb)
{
	HPDF_Page_SetRGBStroke(pg, ((rgb >> 16) & 0xFF) / 255.0f,
			       ((rgb >> 8) & 0xFF) / 255.0f,
			       (rgb & 0xFF) / 255.0f);
}

static void paint_text(struct pctx *p, HPDF_Page pg,
		       const struct scene_text *t)
{
	if (!t->text[0])
		return;
	HPDF_Page_BeginText(pg);
	HPDF_Page_SetFontAndSize(pg, p->font[t->face & SCENE_BOLD],
				 R(t->size));
	set_fill(pg, t->rgb);
	if (t->face & SCENE_ITALIC) {
		/* slant by 12 degrees: advance widths are unchanged */
		HPDF_Page_SetTextMatrix(pg, 1, 0, 0.2126f, 1, R(t->x),
					R(t->base));
		HPDF_Page_ShowText(pg, t->text);
	} else {
		HPDF_Page_TextOut(pg, R(t->x), R(t->base), t->text);
	}
	HPDF_Page_EndText(pg);
}

static void paint_path(HPDF_Page pg, const struct scene_page *sp,
		       const struct scene_path *pa)
{
	size_t i;

	if (pa->paint == SCENE_STROKE) {
		set_stroke(pg, pa->rgb);
		HPDF_Page_SetLineWidth(pg, R(pa->width));
		if (pa->round & SCENE_ROUND_JOIN)
			HPDF_Page_SetLineJoin(pg, HPDF_ROUND_JOIN);
		if (pa->round & SCENE_ROUND_CAP)
			HPDF_Page_SetLineCap(pg, HPDF_ROUND_END);
		if (pa->dash_on > 0) {
			HPDF_UINT16 dash[2];

			dash[0] = (HPDF_UINT16)pa->dash_on;
			dash[1] = (HPDF_UINT16)pa->dash_off;
			HPDF_Page_SetDash(pg, dash, 2, 0);
		}
	} else {
		set_fill(pg, pa->rgb);
	}
	for (i = pa->first; i < pa->first + pa->n; i++) {
		const struct scene_seg *s = &sp->segs[i];

		switch (s->kind) {
		case SCENE_MOVE:
			HPDF_Page_MoveTo(pg, R(s->x), R(s->y));
			break;
		case SCENE_LINE:
			HPDF_Page_LineTo(pg, R(s->x), R(s->y));
			break;
		case SCENE_CIRCLE:
			HPDF_Page_Circle(pg, R(s->x), R(s->y), R(s->r));
			break;
		case SCENE_CLOSE:
		default:
			HPDF_Page_ClosePath(pg);
			break;
		}
	}
	if (pa->paint == SCENE_FILL) {
		HPDF_Page_Fill(pg);
		return;
	}
	HPDF_Page_Stroke(pg);
	if (pa->dash_on > 0)
		HPDF_Page_SetDash(pg, NULL, 0, 0);
	if (pa->round & SCENE_ROUND_CAP)
		HPDF_Page_SetLineCap(pg, HPDF_BUTT_END);
	if (pa->round & SCENE_ROUND_JOIN)
		HPDF_Page_SetLineJoin(pg, HPDF_MITER_JOIN);
}

static int paint_image(struct pctx *p, HPDF_Page pg,
		       const struct scene_image *im)
{
	if (!p->logo || strcmp(p->logo_path, im->png) != 0) {
		/* read by the policy of fsafe.h (a FIFO must not hang) */
		struct eim_error e;
		char *png = NULL;
		size_t n = 0;

		eim_error_init(&e);
		p->logo = NULL;
		if (fsafe_read(NULL, im->png, 0, BACKEND_LOGO_MAX, im->png, &png,
			       &n, &e) == 0)
			p->logo = HPDF_LoadPngImageFromMem(
				p->pdf, (const HPDF_BYTE *)png, (HPDF_UINT)n);
		free(png);
		p->logo_path = im->png;
	}
	if (!p->logo)
		return pfail(p, EIM_NOINPUT, "cannot load logo", im->png);
	HPDF_Page_DrawImage(pg, p->logo, R(im->x), R(im->y), R(im->w),
			    R(im->h));
	return 0;
}

static HPDF_Rect rect_of(const struct scene_link *l)
{
	HPDF_Rect rc;

	rc.left = R(l->x0);
	rc.right = R(l->x1);
	rc.bottom = R(l->y0);
	rc.top = R(l->y1);
	return rc;
}

static void link_uri(HPDF_Page pg, const struct scene_link *l)
{
	HPDF_Annotation a = HPDF_Page_CreateURILinkAnnot(pg, rect_of(l),
							 l->uri);

	if (a)
		HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
}

/* Internal links point at pages that may come later: made at the end. */
static void links_internal(struct pctx *p)
{
	size_t i, k;

	for (i = 0; i < p->sc->npages; i++) {
		const struct scene_page *sp = &p->sc->pages[i];

		for (k = 0; k < sp->nitems; k++) {
			const struct scene_link *l = &sp->items[k].u.link;
			HPDF_Destination dst;
			HPDF_Annotation a;

			if (sp->items[k].kind != SCENE_LINK || l->uri ||
			    l->dest_page >= p->sc->npages)
				continue;
			dst = HPDF_Page_CreateDestination(
				p->pages[l->dest_page]);
			if (!dst)
				continue;
			HPDF_Destination_SetXYZ(dst, 0, R(l->dest_top), 1);
			a = HPDF_Page_CreateLinkAnnot(p->pages[i], rect_of(l),
						      dst);
			if (a)
				HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
		}
	}
}

static void outlines(struct pctx *p)
{
	const struct scene *sc = p->sc;
	HPDF_Outline *o = xcalloc(sc->nmarks + 1, sizeof(*o));
	size_t i;

	for (i = 0; i < sc->nmarks; i++) {
		const struct scene_bookmark *b = &sc->marks[i];
		HPDF_Outline parent = b->parent >= 0 &&
				      (size_t)b->parent < i ? o[b->parent]
							    : NULL;
		HPDF_Destination dst;

		o[i] = HPDF_CreateOutline(p->pdf, parent, b->title, p->utf8);
		if (!o[i] || b->page >= sc->npages)
			continue;
		dst = HPDF_Page_CreateDestination(p->pages[b->page]);
		if (dst)
			HPDF_Destination_SetXYZ(dst, 0, R(b->top), 1);
		HPDF_Outline_SetDestination(o[i], dst);
		if (b->level == 1)
			HPDF_Outline_SetOpened(o[i], HPDF_TRUE);
	}
	free(o);
}

static int paint_page(struct pctx *p, size_t n)
{
	const struct scene_page *sp = &p->sc->pages[n];
	HPDF_Page pg = HPDF_AddPage(p->pdf);
	size_t k;

	if (!pg || p->failed) {
		eim_error_set(p->err, EIM_SOFTWARE, NULL, 0, 0,
			      "cannot add a page");
		return -1;
	}
	HPDF_Page_SetWidth(pg, R(p->sc->page_w));
	HPDF_Page_SetHeight(pg, R(p->sc->page_h));
	p->pages[n] = pg;
	for (k = 0; k < sp->nitems && !p->failed; k++) {
		const struct scene_item *it = &sp->items[k];

		switch (it->kind) {
		case SCENE_TEXT:
			paint_text(p, pg, &it->u.text);
			break;
		case SCENE_RECT:
			set_fill(pg, it->u.rect.rgb);
			HPDF_Page_Rectangle(pg, R(it->u.rect.x),
					    R(it->u.rect.y), R(it->u.rect.w),
					    R(it->u.rect.h));
			HPDF_Page_Fill(pg);
			break;
		case SCENE_PATH:
			paint_path(pg, sp, &it->u.path);
			break;
		case SCENE_IMAGE:
			if (paint_image(p, pg, &it->u.image) != 0)
				return -1;
			break;
		case SCENE_LINK:
			if (it->u.link.uri)
				link_uri(pg, &it->u.link);
			break;
		case SCENE_BEGIN:
		case SCENE_END:
		default:
			break;
		}
	}
	return p->failed ? -1 : 0;
}

static int save(struct pctx *p, unsigned char **out, size_t *len)
{
	HPDF_UINT32 size, got;
	unsigned char *buf;

	if (HPDF_SaveToStream(p->pdf) != HPDF_OK || p->failed) {
		eim_error_set(p->err, EIM_SOFTWARE, NULL, 0, 0,
			      "cannot write the pdf");
		return -1;
	}
	size = HPDF_GetStreamSize(p->pdf);
	buf = xmalloc(size ? size : 1);
	got = 0;
	while (got < size) {
		HPDF_UINT32 n = size - got;

		HPDF_ReadFromStream(p->pdf, buf + got, &n);
		if (n == 0)
			break;
		got += n;
	}
	if (got != size || p->failed) {
		free(buf);
		eim_error_set(p->err, EIM_SOFTWARE, NULL, 0, 0,
			      "cannot read the pdf stream");
		return -1;
	}
	*out = buf;
	*len = size;
	return 0;
}

static int pdf_render(const struct backend_input *in, unsigned char **out,
		      size_t *len, struct eim_error *err)
{
	struct pctx p;
	size_t i;
	int ret = -1;

	*out = NULL;
	*len = 0;
	memset(&p, 0, sizeof(p));
	p.sc = in->scene;
	p.err = err;
	if (!p.sc || !p.sc->face[0] || !p.sc->face[1]) {
		eim_error_set(err, EIM_SOFTWARE, NULL, 0, 0,
			      "the pdf back end needs a laid-out scene");
		return -1;
	}
	backend_pdf_fast_link(); /* faster libharu internals */
	if (backend_pdf_interpose() < 0) {
		eim_error_set(err, EIM_SOFTWARE, NULL, 0, 0, "libharu %s is "
			      "not the 2.3.0 eimon was built for (rebuild "
			      "eimon)", HPDF_GetVersion());
		return -1;
	}
	p.pdf = HPDF_New(hpdf_error, &p);
	if (!p.pdf) {
		eim_error_set(err, EIM_SOFTWARE, NULL, 0, 0,
			      "cannot create a pdf");
		goto out;
	}
	/* compression applies only to objects made after this call */
	HPDF_SetCompressionMode(p.pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(p.pdf);
	HPDF_SetCurrentEncoder(p.pdf, "UTF-8");
	p.utf8 = HPDF_GetEncoder(p.pdf, "UTF-8");
	if (p.failed || load_fonts(&p) != 0)
		goto out;
	HPDF_SetPageMode(p.pdf, HPDF_PAGE_MODE_USE_OUTLINE);
	set_info(&p);
	p.pages = xcalloc(p.sc->npages + 1, sizeof(*p.pages));
	for (i = 0; i < p.sc->npages; i++)
		if (paint_page(&p, i) != 0)
			goto out;
	outlines(&p);
	links_internal(&p);
	if (p.failed || save(&p, out, len) != 0)
		goto out;
	ret = 0;
out:
	if (p.pdf) {
		backend_pdf_fast_forget();
		HPDF_Free(p.pdf);
	}
	free(p.pages);
	return ret;
}

const struct backend backend_pdf = {
	"pdf", "pdf", BACKEND_NEEDS_SCENE, pdf_render,
	backend_pdf_deflate_release
};
