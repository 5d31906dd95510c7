/* layout_blocks.c - text blocks of the layout: headings (with
 * bookmarks), paragraphs, bullet lists, source lines, editors' notes and
 * the dispatch over block kinds with keep-with-next page breaking. */
#include "layout_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "banned.h"

#define LEAD 1.42 /* body leading as a multiple of the size */
#define RICH_INDENT 16.0 /* points per list level */

/* A doc_text as wrap spans plus the link target of each span. */
struct runs {
	struct text_span *sp;
	const char **href;
	size_t n;
};

static void runs_from_text(struct runs *rs, const struct doc_text *t,
			   int force_bold)
{
	size_t i;

	rs->n = t->n;
	rs->sp = xcalloc(t->n ? t->n : 1, sizeof(*rs->sp));
	rs->href = xcalloc(t->n ? t->n : 1, sizeof(*rs->href));
	for (i = 0; i < t->n; i++) {
		rs->sp[i].s = t->runs[i].text;
		rs->sp[i].len = strlen(t->runs[i].text);
		rs->sp[i].font = ((force_bold || (t->runs[i].flags & DOC_BOLD))
				  ? F_BOLD : F_REG) |
				 ((t->runs[i].flags & DOC_ITALIC) ? F_ITALIC : 0);
		rs->href[i] = (t->runs[i].flags & DOC_LINK) ? t->runs[i].href
							    : NULL;
	}
}

static void runs_from_str(struct runs *rs, const char *s, int font,
			  const char *href)
{
	rs->n = 1;
	rs->sp = xcalloc(1, sizeof(*rs->sp));
	rs->href = xcalloc(1, sizeof(*rs->href));
	rs->sp[0].s = s;
	rs->sp[0].len = strlen(s);
	rs->sp[0].font = font;
	rs->href[0] = href;
}

static void runs_release(struct runs *rs)
{
	free(rs->sp);
	free(rs->href);
	memset(rs, 0, sizeof(*rs));
}

/* Lines of wrapped runs; -1 on error. */
static int wrap_runs(struct rctx *r, struct text_layout *l,
		     const struct runs *rs, double width, double size,
		     const char *what)
{
	return rp_wrap(r, l, rs->sp, rs->n, width, size, 0, what);
}

/* Draw wrapped runs from r->y, breaking pages between lines. */
static int flow(struct rctx *r, const struct runs *rs, double x,
		double width, double size, double lead, unsigned rgb,
		const char *what)
{
	struct text_layout l;
	size_t i;
	int ret = -1;

	text_layout_init(&l);
	if (wrap_runs(r, &l, rs, width, size, what) != 0)
		goto out;
	for (i = 0; i < l.nlines; i++) {
		int room = (int)((r->y - r->bottom) / lead + 1e-6);

		/* no widow: the last line never goes alone to a new page
		 * when the line before it can go with it */
		if (room == 1 && l.nlines - i == 2 && i >= 2)
			room = 0;
		if (room < 1 && rp_new_page(r) != 0)
			goto out;
		rp_draw_line(r, &l, i, rs->sp, rs->href, size, rgb, x,
			     rp_base(r, r->y, size, lead));
		r->y -= lead;
	}
	ret = r->failed ? -1 : 0;
out:
	text_layout_release(&l);
	return ret;
}

/* Height of up to maxl lines of wrapped runs (all lines when 0). */
static double runs_height(struct rctx *r, const struct runs *rs,
			  double width, double size, double lead,
			  size_t maxl)
{
	struct text_layout l;
	double h = 0;

	text_layout_init(&l);
	if (wrap_runs(r, &l, rs, width, size, "text") == 0)
		h = lead * (double)(maxl && l.nlines > maxl ? maxl : l.nlines);
	text_layout_release(&l);
	return h;
}

static double str_height(struct rctx *r, const char *s, int font,
			 double width, double size, double lead, size_t maxl)
{
	struct runs rs;
	double h;

	runs_from_str(&rs, s, font, NULL);
	h = runs_height(r, &rs, width, size, lead, maxl);
	runs_release(&rs);
	return h;
}

static int flow_str(struct rctx *r, const char *s, int font, double x,
		    double width, double size, double lead, unsigned rgb,
		    const char *href)
{
	struct runs rs;
	int ret;

	runs_from_str(&rs, s, font, href);
	ret = flow(r, &rs, x, width, size, lead, rgb, s);
	runs_release(&rs);
	return ret;
}

/* ---- headings ---------------------------------------------------------- */
static double head_size(int level)
{
	return level == 1 ? 17.0 : level == 2 ? 13.0 : 11.0;
}

static double head_before(int level)
{
	return level == 1 ? 18.0 : level == 2 ? 12.0 : 8.0;
}

static double head_after(int level)
{
	return level == 1 ? 8.0 : 4.0;
}

static double heading_height(struct rctx *r, const struct doc_block *b)
{
	struct runs rs;
	double s = head_size(b->level), h;

	runs_from_text(&rs, &b->text, 1);
	h = runs_height(r, &rs, r->width, s, s * 1.25, 0);
	runs_release(&rs);
	return h + head_after(b->level) + (b->level == 1 ? 4 : 0);
}

static void bookmark(struct rctx *r, size_t k, const struct doc_block *b,
		     double top)
{
	struct scene *sc = r->sc;
	struct scene_bookmark *m;

	if (b->level > 2)
		return;
	XGROW(sc->marks, sc->mcap, sc->nmarks + 1);
	m = &sc->marks[sc->nmarks];
	m->title = doc_text_plain(&b->text);
	m->level = b->level;
	m->parent = b->level == 2 ? r->last_h1 : -1;
	m->block = k;
	m->page = sc->npages - 1;
	m->top = top;
	if (b->level == 1)
		r->last_h1 = (long)sc->nmarks;
	sc->nmarks++;
}

static int draw_heading(struct rctx *r, size_t k, const struct doc_block *b)
{
	struct runs rs;
	double s = head_size(b->level);
	double top = r->y + 4;
	unsigned rgb = b->level == 1 ? r->d->style.accent_rgb : C_TEXT;
	int ret;

	if (top > r->top)
		top = r->top;
	r->head_page[k] = r->sc->npages - 1;
	r->head_top[k] = top;
	bookmark(r, k, b, top);
	runs_from_text(&rs, &b->text, 1);
	ret = flow(r, &rs, r->left, r->width, s, s * 1.25, rgb, "heading");
	runs_release(&rs);
	if (ret == 0 && b->level == 1) {
		rp_line(r, r->left, r->y - 1, r->right, r->y - 1, 0.8, rgb, 0);
		r->y -= 4;
	}
	r->y -= head_after(b->level);
	return ret;
}

/* ---- notes ------------------------------------------------------------- */
static double note_min_height(struct rctx *r, const struct doc_note *n)
{
	double bs = r->d->style.body_size, h = 10;

	if (n->headline)
		h += str_height(r, n->headline, F_BOLD, r->width, 11.5,
				11.5 * 1.3, 0) + 2;
	if (n->meta || n->partners)
		h += 8.5 * 1.4 + 2;
	if (n->body.n) {
		struct runs rs;
		double in = RICH_INDENT * n->body.items[0].depth;

		runs_from_text(&rs, &n->body.items[0].text, 0);
		h += runs_height(r, &rs, r->width - in, bs, bs * LEAD, 2);
		runs_release(&rs);
	}
	return h;
}

/* Rich text: each item indented by its depth, list items with their
 * bullet or number in the indent; an item's first two lines stay
 * together, longer items break between lines. */
static int draw_rich(struct rctx *r, const struct doc_rich *b)
{
	double bs = r->d->style.body_size, lead = bs * LEAD, extra = 0;
	size_t i;

	/* "100." is wider than a level's indent: widen every level alike,
	 * so that the items stay aligned and no number leaves the margin */
	for (i = 0; i < b->n; i++)
		if (b->items[i].kind == DOC_ITEM_NUMBER) {
			char mark[32];
			double w;
			snprintf(mark, sizeof(mark), "%ld.",
				 b->items[i].number);
			w = rp_swidth(r, F_REG, bs, mark) + 4 - RICH_INDENT;
			extra = w > extra ? w : extra;
		}
	for (i = 0; i < b->n; i++) {
		const struct doc_item *it = &b->items[i];
		double in = (RICH_INDENT + extra) * it->depth;
		struct runs rs;
		int ret = 0;

		if (i && it->kind == DOC_ITEM_PARA && !it->depth &&
		    b->items[i - 1].depth)
			r->y -= 4; /* a paragraph after a list */
		runs_from_text(&rs, &it->text, 0);
		if (rp_need(r, runs_height(r, &rs, r->width - in, bs, lead,
					   2)) == 0 && it->kind != DOC_ITEM_PARA) {
			char mark[32];
			double base = rp_base(r, r->y, bs, lead), mw;

			if (it->kind == DOC_ITEM_NUMBER)
				snprintf(mark, sizeof(mark), "%ld.",
					 it->number);
			else
				snprintf(mark, sizeof(mark), "%s", it->depth > 1
					 ? "\xe2\x80\x93" : "\xe2\x80\xa2");
			mw = rp_swidth(r, F_REG, bs, mark);
			rp_stext(r, F_REG, bs, C_TEXT, r->left + in - 4 - mw,
				 base, mark);
		}
		if (!r->failed && it->text.n)
			ret = flow(r, &rs, r->left + in, r->width - in, bs,
				   lead, C_TEXT, "note text");
		else if (!r->failed)
			r->y -= lead; /* an empty item: its marker's line */
		runs_release(&rs);
		if (ret != 0 || r->failed)
			return -1;
		r->y -= it->kind == DOC_ITEM_PARA ? 4 : 2;
	}
	if (b->n && b->items[b->n - 1].kind != DOC_ITEM_PARA)
		r->y -= 2;
	return 0;
}

static int draw_note(struct rctx *r, const struct doc_note *n,
		     int after_note)
{
	/* a hairline between consecutive notes */
	if (after_note && !rp_at_top(r)) {
		rp_line(r, r->left, r->y, r->right, r->y, 0.6, C_RULE, 0);
		r->y -= 10;
	}
	if (n->headline &&
	    flow_str(r, n->headline, F_BOLD, r->left, r->width, 11.5,
		     11.5 * 1.3, r->d->style.accent_rgb, NULL) != 0)
		return -1;
	r->y -= 2;
	if (n->meta || n->partners) {
		const char *tag = "PARTNERS ONLY";
		double x = r->left, base = rp_base(r, r->y, 8.5, 8.5 * 1.4);
		double tw = n->partners ? rp_swidth(r, F_BOLD, 8.5, tag) + 8
					: 0;

		if (n->partners)
			rp_stext(r, F_BOLD, 8.5, C_BANNER, x, base, tag);
		if (n->meta && x + tw + rp_swidth(r, F_REG, 8.5, n->meta) <=
		    r->right) {
			rp_stext(r, F_REG, 8.5, C_GREY, x + tw, base, n->meta);
			r->y -= 8.5 * 1.4;
		} else if (n->meta) {
			/* too long for one line with the tag: wrap below it */
			if (n->partners)
				r->y -= 8.5 * 1.4;
			if (flow_str(r, n->meta, F_REG, r->left, r->width,
				     8.5, 8.5 * 1.4, C_GREY, NULL) != 0)
				return -1;
		} else {
			r->y -= 8.5 * 1.4;
		}
		r->y -= 2;
	}
	if (draw_rich(r, &n->body) != 0)
		return -1;
	if (n->cite && flow_str(r, n->cite, F_REG, r->left, r->width, 8.5,
				8.5 * 1.4, C_GREY, NULL) != 0)
		return -1;
	if (n->link && flow_str(r, n->link, F_REG, r->left, r->width, 8.5,
				8.5 * 1.4, C_GREY, n->link) != 0)
		return -1;
	r->y -= 10;
	return 0;
}

/* ---- contents ---------------------------------------------------------- */
static int contents_entries(const struct doc *d)
{
	size_t i;
	int n = 0;

	for (i = 0; i < d->nblocks; i++)
		if (d->blocks[i].kind == DOC_HEADING &&
		    d->blocks[i].level <= 2)
			n++;
	return n;
}

static int draw_contents(struct rctx *r)
{
	const struct doc *d = r->d;
	double bs = r->d->style.body_size, lead = bs * 1.6;
	size_t i;

	if (flow_str(r, "Contents", F_BOLD, r->left, r->width, 13, 13 * 1.3,
		     C_TEXT, NULL) != 0)
		return -1;
	r->y -= 4;
	for (i = 0; i < d->nblocks; i++) {
		const struct doc_block *b = &d->blocks[i];
		char *title;
		double indent, tw, base;
		int font;
		struct scene_page *page;
		struct scene_item *lk;
		struct scene_toc *toc;
		struct rp_field *fd;

		if (b->kind != DOC_HEADING || b->level > 2)
			continue;
		if (r->y - lead < r->bottom && rp_new_page(r) != 0)
			return -1;
		title = doc_text_plain(&b->text);
		indent = b->level == 1 ? 0 : 16;
		font = b->level == 1 ? F_BOLD : F_REG;
		tw = rp_swidth(r, font, bs, title);
		base = rp_base(r, r->y, bs, lead);
		if (r->left + indent + tw + 12 > r->right - 28) {
			rp_fail(r, EIM_DATA, "contents entry '%s' is too long "
				"for one line", title);
			free(title);
			return -1;
		}
		rp_stext(r, font, bs, C_TEXT, r->left + indent, base, title);
		/* dotted leader between the title and the page number */
		{
			struct scene_item *it = rp_path(r, SCENE_STROKE,
							C_RULE, 0.8);

			it->flags |= SCENE_ARTIFACT;
			it->u.path.dash_on = 1;
			it->u.path.dash_off = 3;
			rp_seg(r, it, SCENE_MOVE, r->left + indent + tw + 6,
			       base, 0);
			rp_seg(r, it, SCENE_LINE, r->right - 28, base, 0);
		}
		/* the page number and the link's target come after the
		 * last page */
		page = rp_page(r);
		XGROW(r->fields, r->fcap, r->nfields + 1);
		fd = &r->fields[r->nfields++];
		fd->page = r->sc->npages - 1;
		fd->block = i;
		fd->right = r->right;
		fd->item = (size_t)(scene_add_text(page, F_REG, bs, C_TEXT,
						   r->right, base, "", 0, 0) -
				    page->items);
		lk = scene_add_item(page, SCENE_LINK);
		lk->u.link.x0 = r->left + indent;
		lk->u.link.x1 = r->right;
		lk->u.link.y0 = r->y - lead;
		lk->u.link.y1 = r->y;
		fd->link = (size_t)(lk - page->items);
		XGROW(r->sc->toc, r->sc->tcap, r->sc->ntoc + 1);
		toc = &r->sc->toc[r->sc->ntoc++];
		toc->title = title;
		toc->level = b->level;
		toc->block = i;
		toc->page = r->sc->npages - 1;
		toc->target = 0;
		r->y -= lead;
	}
	r->y -= 12;
	return r->failed ? -1 : 0;
}

/* ---- bullets ----------------------------------------------------------- */
static int draw_bullets(struct rctx *r, const struct doc_block *b)
{
	double bs = r->d->style.body_size, lead = bs * LEAD;
	size_t i;

	for (i = 0; i < b->nitems; i++) {
		struct runs rs;
		double h;
		int ret;

		runs_from_text(&rs, &b->items[i], 0);
		h = runs_height(r, &rs, r->width - 16, bs, lead, 2);
		if (rp_need(r, h) != 0) {
			runs_release(&rs);
			return -1;
		}
		rp_stext(r, F_REG, bs, C_TEXT, r->left + 4,
			 rp_base(r, r->y, bs, lead), "\xe2\x80\xa2");
		ret = flow(r, &rs, r->left + 16, r->width - 16, bs, lead,
			   C_TEXT, "bullet");
		runs_release(&rs);
		if (ret != 0)
			return -1;
		r->y -= 3;
	}
	r->y -= 6;
	return 0;
}

/* ---- dispatch ---------------------------------------------------------- */
static double block_before(const struct doc_block *b)
{
	return b->kind == DOC_HEADING ? head_before(b->level) : 0;
}

double rp_min_height(struct rctx *r, size_t k)
{
	const struct doc_block *b = &r->d->blocks[k];
	double bs = r->d->style.body_size, h = 0;
	struct runs rs;

	switch (b->kind) {
	case DOC_HEADING:
		h = heading_height(r, b);
		/* keep with the next block (its first lines) */
		if (k + 1 < r->d->nblocks &&
		    r->d->blocks[k + 1].kind != DOC_PAGEBREAK)
			h += block_before(&r->d->blocks[k + 1]) +
			     rp_min_height(r, k + 1);
		break;
	case DOC_PARA:
		runs_from_text(&rs, &b->text, 0);
		h = runs_height(r, &rs, r->width, bs, bs * LEAD, 2);
		runs_release(&rs);
		break;
	case DOC_SOURCE:
		runs_from_text(&rs, &b->text, 0);
		h = runs_height(r, &rs, r->width, 8.5, 8.5 * 1.4, 2);
		runs_release(&rs);
		break;
	case DOC_BULLETS:
		if (b->nitems) {
			runs_from_text(&rs, &b->items[0], 0);
			h = runs_height(r, &rs, r->width - 16, bs, bs * LEAD,
					2);
			runs_release(&rs);
		}
		break;
	case DOC_CHART:
		h = chart_height(r, b->chart);
		break;
	case DOC_TABLE:
		h = table_min_height(r, b->table);
		break;
	case DOC_NOTE:
		h = note_min_height(r, b->note);
		break;
	case DOC_CONTENTS:
		/* the whole list together unless it is longer than a page */
		h = 13 * 1.3 + 4 + bs * 1.6 * contents_entries(r->d);
		if (h > r->top - r->bottom)
			h = 13 * 1.3 + 4 + bs * 1.6 * 3;
		break;
	case DOC_PAGEBREAK:
	default:
		break;
	}
	return h;
}

int rp_draw_block(struct rctx *r, size_t k)
{
	const struct doc_block *b = &r->d->blocks[k];
	double bs = r->d->style.body_size;
	struct runs rs;
	int ret = 0;

	if (b->kind == DOC_PAGEBREAK)
		return rp_at_top(r) ? 0 : rp_new_page(r);
	if (!rp_at_top(r))
		r->y -= block_before(b);
	if (rp_need(r, rp_min_height(r, k)) != 0)
		return -1;
	switch (b->kind) {
	case DOC_HEADING:
		ret = draw_heading(r, k, b);
		break;
	case DOC_PARA:
		runs_from_text(&rs, &b->text, 0);
		ret = flow(r, &rs, r->left, r->width, bs, bs * LEAD, C_TEXT,
			   "paragraph");
		runs_release(&rs);
		r->y -= 8;
		break;
	case DOC_SOURCE:
		runs_from_text(&rs, &b->text, 0);
		ret = flow(r, &rs, r->left, r->width, 8.5, 8.5 * 1.4, C_GREY,
			   "source line");
		runs_release(&rs);
		r->y -= 8;
		break;
	case DOC_BULLETS:
		ret = draw_bullets(r, b);
		break;
	case DOC_CHART:
		rp_figure_begin(r, SCENE_FIG_CHART, k);
		ret = chart_draw(r, b->chart);
		rp_figure_end(r);
		break;
	case DOC_TABLE:
		rp_figure_begin(r, SCENE_FIG_TABLE, k);
		ret = table_draw(r, b->table);
		rp_figure_end(r);
		break;
	case DOC_NOTE:
		ret = draw_note(r, b->note, k > 0 &&
				r->d->blocks[k - 1].kind == DOC_NOTE);
		break;
	case DOC_CONTENTS:
		ret = draw_contents(r);
		break;
	case DOC_PAGEBREAK:
	default:
		break;
	}
	return ret || r->failed ? -1 : 0;
}
