/* scene.c - building, freeing and dumping a scene (see include/scene.h). */
#include "scene.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "banned.h"

void scene_init(struct scene *s)
{
	memset(s, 0, sizeof(*s));
}

void scene_free(struct scene *s)
{
	size_t i, k;

	for (i = 0; i < s->npages; i++) {
		struct scene_page *p = &s->pages[i];

		for (k = 0; k < p->nitems; k++)
			if (p->items[k].kind == SCENE_TEXT)
				free(p->items[k].u.text.text);
		free(p->items);
		free(p->segs);
	}
	free(s->pages);
	for (i = 0; i < s->nfigures; i++)
		free(s->figures[i].desc);
	free(s->figures);
	for (i = 0; i < s->nmarks; i++)
		free(s->marks[i].title);
	free(s->marks);
	for (i = 0; i < s->ntoc; i++)
		free(s->toc[i].title);
	free(s->toc);
	memset(s, 0, sizeof(*s));
}

struct scene_page *scene_add_page(struct scene *s)
{
	struct scene_page *p;

	XGROW(s->pages, s->pcap, s->npages + 1);
	p = &s->pages[s->npages++];
	memset(p, 0, sizeof(*p));
	return p;
}

struct scene_item *scene_add_item(struct scene_page *p,
				  enum scene_item_kind k)
{
	struct scene_item *it;

	XGROW(p->items, p->icap, p->nitems + 1);
	it = &p->items[p->nitems++];
	memset(it, 0, sizeof(*it));
	it->kind = k;
	return it;
}

struct scene_item *scene_add_text(struct scene_page *p, int face,
				  double size, unsigned rgb, double x,
				  double base, const char *text, size_t len,
				  double width)
{
	struct scene_item *it = scene_add_item(p, SCENE_TEXT);
	struct scene_text *t = &it->u.text;

	t->face = face;
	t->size = size;
	t->rgb = rgb;
	t->x = x;
	t->base = base;
	t->width = width;
	t->text = xmalloc(len + 1);
	memcpy(t->text, text, len);
	t->text[len] = '\0';
	return it;
}

struct scene_item *scene_add_path(struct scene_page *p, enum scene_paint pt,
				  unsigned rgb, double width)
{
	struct scene_item *it = scene_add_item(p, SCENE_PATH);

	it->u.path.paint = pt;
	it->u.path.rgb = rgb;
	it->u.path.width = width;
	it->u.path.first = p->nsegs;
	return it;
}

void scene_add_seg(struct scene_page *p, struct scene_item *path,
		   enum scene_seg_kind k, double x, double y, double r)
{
	struct scene_seg *sg;

	XGROW(p->segs, p->scap, p->nsegs + 1);
	sg = &p->segs[p->nsegs++];
	sg->kind = k;
	sg->x = x;
	sg->y = y;
	sg->r = r;
	path->u.path.n++;
}

/* ---- dump ------------------------------------------------------------- */
/* Text with the characters that would break the line format escaped. */
static int dump_str(struct strbuf *out, const char *s)
{
	int ret = strbuf_addch(out, '"');

	for (; s && *s && ret == 0; s++) {
		if (*s == '"' || *s == '\\')
			ret = strbuf_addf(out, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			ret = strbuf_addf(out, "\\x%02X", (unsigned char)*s);
		else
			ret = strbuf_addch(out, *s);
	}
	return ret | strbuf_addch(out, '"');
}

static const char *const faces[] = { "reg", "bold", "italic",
				     "bolditalic" };

static int dump_item(struct strbuf *o, const struct scene_page *p,
		     const struct scene_item *it)
{
	const char *art = it->flags & SCENE_ARTIFACT ? " artifact" : "";
	int ret = 0;
	size_t i;

	switch (it->kind) {
	case SCENE_TEXT: {
		const struct scene_text *t = &it->u.text;

		ret |= strbuf_addf(o, "  text %.2f %.2f %s %.2f #%06X w=%.2f%s%s ",
				   t->x, t->base, faces[t->face & 3], t->size,
				   t->rgb, t->width, art,
				   it->flags & SCENE_CAPTION ? " caption" : "");
		ret |= dump_str(o, t->text);
		break;
	}
	case SCENE_RECT:
		ret |= strbuf_addf(o, "  rect %.2f %.2f %.2f %.2f #%06X%s",
				   it->u.rect.x, it->u.rect.y, it->u.rect.w,
				   it->u.rect.h, it->u.rect.rgb, art);
		break;
	case SCENE_PATH: {
		const struct scene_path *pa = &it->u.path;

		ret |= strbuf_addf(o, "  path %s #%06X", pa->paint ==
				   SCENE_FILL ? "fill" : "stroke", pa->rgb);
		if (pa->paint == SCENE_STROKE)
			ret |= strbuf_addf(o, " lw=%.2f%s%s", pa->width,
					   pa->round & SCENE_ROUND_JOIN ?
					   " roundjoin" : "",
					   pa->round & SCENE_ROUND_CAP ?
					   " roundcap" : "");
		if (pa->dash_on > 0)
			ret |= strbuf_addf(o, " dash=%g,%g", pa->dash_on,
					   pa->dash_off);
		ret |= strbuf_adds(o, art);
		for (i = pa->first; i < pa->first + pa->n; i++) {
			const struct scene_seg *sg = &p->segs[i];

			if (sg->kind == SCENE_MOVE)
				ret |= strbuf_addf(o, " M %.2f %.2f", sg->x,
						   sg->y);
			else if (sg->kind == SCENE_LINE)
				ret |= strbuf_addf(o, " L %.2f %.2f", sg->x,
						   sg->y);
			else if (sg->kind == SCENE_CIRCLE)
				ret |= strbuf_addf(o, " C %.2f %.2f %.2f",
						   sg->x, sg->y, sg->r);
			else
				ret |= strbuf_adds(o, " Z");
		}
		break;
	}
	case SCENE_IMAGE:
		ret |= strbuf_addf(o, "  image %.2f %.2f %.2f %.2f ",
				   it->u.image.x, it->u.image.y, it->u.image.w,
				   it->u.image.h);
		ret |= dump_str(o, it->u.image.png);
		break;
	case SCENE_LINK: {
		const struct scene_link *l = &it->u.link;

		ret |= strbuf_addf(o, "  link %.2f %.2f %.2f %.2f ", l->x0,
				   l->y0, l->x1, l->y1);
		if (l->uri)
			ret |= dump_str(o, l->uri);
		else
			ret |= strbuf_addf(o, "-> page %zu at %.2f",
					   l->dest_page + 1, l->dest_top);
		break;
	}
	case SCENE_BEGIN:
		ret |= strbuf_addf(o, "  begin figure %zu", it->u.figure);
		break;
	case SCENE_END:
	default:
		ret |= strbuf_addf(o, "  end figure %zu", it->u.figure);
		break;
	}
	return ret | strbuf_addch(o, '\n');
}

int scene_dump(const struct scene *s, struct strbuf *o)
{
	size_t i, k;
	int ret = 0;

	ret |= strbuf_addf(o, "scene %.2f x %.2f, %zu pages\n", s->page_w,
			   s->page_h, s->npages);
	for (i = 0; i < 2; i++)
		if (s->face[i])
			ret |= strbuf_addf(o, "face %zu ascent %.4f descent "
					   "%.4f\n", i, s->face[i]->ascent,
					   s->face[i]->descent);
	for (i = 0; i < s->nmarks; i++) {
		const struct scene_bookmark *b = &s->marks[i];

		ret |= strbuf_addf(o, "bookmark %d parent %ld page %zu at "
				   "%.2f block %zu ", b->level, b->parent,
				   b->page + 1, b->top, b->block);
		ret |= dump_str(o, b->title);
		ret |= strbuf_addch(o, '\n');
	}
	for (i = 0; i < s->ntoc; i++) {
		const struct scene_toc *t = &s->toc[i];

		ret |= strbuf_addf(o, "contents %d on page %zu -> page %zu "
				   "block %zu ", t->level, t->page + 1,
				   t->target + 1, t->block);
		ret |= dump_str(o, t->title);
		ret |= strbuf_addch(o, '\n');
	}
	for (i = 0; i < s->nfigures; i++) {
		const struct scene_figure *f = &s->figures[i];

		ret |= strbuf_addf(o, "figure %zu %s block %zu pages %zu-%zu "
				   "top %.2f", i, f->kind == SCENE_FIG_CHART ?
				   "chart" : "table", f->block, f->page + 1,
				   f->last_page + 1, f->top);
		if (f->kind == SCENE_FIG_CHART)
			ret |= strbuf_addf(o, " plot %.2f %.2f %.2f %.2f "
					   "values %g..%g days %ld..%ld",
					   f->plot.x0, f->plot.y0, f->plot.x1,
					   f->plot.y1, f->plot.vlo, f->plot.vhi,
					   f->plot.day0, f->plot.day1);
		ret |= strbuf_adds(o, " desc ");
		ret |= dump_str(o, f->desc);
		ret |= strbuf_addch(o, '\n');
	}
	for (i = 0; i < s->npages; i++) {
		const struct scene_page *p = &s->pages[i];

		ret |= strbuf_addf(o, "page %zu\n", i + 1);
		for (k = 0; k < p->nitems; k++)
			ret |= dump_item(o, p, &p->items[k]);
	}
	return ret ? -1 : 0;
}
