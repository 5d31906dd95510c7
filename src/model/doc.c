/* doc.c - the format-independent document model (see doc.h). */
#include "doc.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "banned.h"

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void doc_init(struct doc *d)
{
	memset(d, 0, sizeof(*d));
	d->style.page_w = 595.28;
	d->style.page_h = 841.89;
	d->style.margin_top = 56.0;
	d->style.margin_bottom = 56.0;
	d->style.margin_left = 56.0;
	d->style.margin_right = 56.0;
	d->style.body_size = 10.5;
	d->style.accent_rgb = 0x12436D;
}

static void text_release(struct doc_text *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		free(t->runs[i].text);
		free(t->runs[i].href);
	}
	free(t->runs);
	t->runs = NULL;
	t->n = t->cap = 0;
}

static void chart_free(struct doc_chart *c)
{
	size_t i;

	if (!c)
		return;
	free(c->title);
	free(c->subtitle);
	free(c->y_title);
	free(c->source);
	free(c->alt);
	for (i = 0; i < c->nseries; i++) {
		free(c->series[i].label);
		free(c->series[i].x);
		free(c->series[i].y);
		free(c->series[i].has);
		free(c->series[i].status);
	}
	free(c->series);
	for (i = 0; i < c->nbars; i++) {
		free(c->bars[i].label);
		free(c->bars[i].value_text);
	}
	free(c->bars);
	for (i = 0; i < c->nrefs; i++)
		free(c->refs[i].label);
	free(c->refs);
	free(c);
}

static void cell_release(struct doc_cell *c)
{
	free(c->text);
	free(c->spark);
	free(c->spark_has);
	free(c->spark_x);
	free(c->spark_status);
	free(c->values);
}

static void table_free(struct doc_table *t)
{
	size_t i;

	if (!t)
		return;
	free(t->caption);
	for (i = 0; i < t->ncols; i++)
		free(t->header[i]);
	free(t->header);
	free(t->align);
	free(t->widths);
	for (i = 0; i < t->nrows * t->ncols; i++)
		cell_release(&t->cells[i]);
	free(t->cells);
	free(t->footnote);
	free(t->source);
	free(t);
}

static void note_free(struct doc_note *n)
{
	if (!n)
		return;
	free(n->headline);
	doc_rich_release(&n->body);
	free(n->meta);
	free(n->cite);
	free(n->link);
	free(n);
}

static void block_release(struct doc_block *b)
{
	size_t i;

	free(b->pos.file);
	free(b->anchor);
	text_release(&b->text);
	for (i = 0; i < b->nitems; i++)
		text_release(&b->items[i]);
	free(b->items);
	chart_free(b->chart);
	table_free(b->table);
	note_free(b->note);
}

void doc_free(struct doc *d)
{
	size_t i;

	free(d->title);
	free(d->subtitle);
	free(d->publisher);
	free(d->funding);
	free(d->caveat);
	free(d->date_text);
	free(d->keywords);
	free(d->banner);
	free(d->prev_edition);
	for (i = 0; i < d->nrevisions; i++) {
		free(d->revisions[i].indicator);
		free(d->revisions[i].geography);
		free(d->revisions[i].code);
	}
	free(d->revisions);
	free(d->style.font_regular);
	free(d->style.font_bold);
	free(d->style.logo_png);
	for (i = 0; i < d->nblocks; i++)
		block_release(&d->blocks[i]);
	free(d->blocks);
	doc_init(d);
}

struct doc_block *doc_add_block(struct doc *d, enum doc_block_kind k)
{
	struct doc_block *b;

	XGROW(d->blocks, d->cap, d->nblocks + 1);
	b = &d->blocks[d->nblocks++];
	memset(b, 0, sizeof(*b));
	b->kind = k;
	return b;
}

struct doc_block *doc_add_heading(struct doc *d, int level, const char *text,
				  const char *anchor)
{
	struct doc_block *b = doc_add_block(d, DOC_HEADING);

	b->level = level < 1 ? 1 : level > 3 ? 3 : level;
	b->anchor = dup_or_null(anchor);
	doc_text_add(&b->text, text, 0, NULL);
	return b;
}

struct doc_block *doc_add_para(struct doc *d, const char *text)
{
	struct doc_block *b = doc_add_block(d, DOC_PARA);

	doc_text_add(&b->text, text, 0, NULL);
	return b;
}

void doc_text_add(struct doc_text *t, const char *text, unsigned flags,
		  const char *href)
{
	struct doc_run *r;

	XGROW(t->runs, t->cap, t->n + 1);
	r = &t->runs[t->n++];
	r->text = xstrdup(text ? text : "");
	r->href = dup_or_null(href);
	r->flags = flags;
	if (r->href)
		r->flags |= DOC_LINK;
	else
		r->flags &= ~(unsigned)DOC_LINK;
}

char *doc_text_plain(const struct doc_text *t)
{
	size_t i, len = 0;
	char *s, *p;

	for (i = 0; i < t->n; i++)
		len += strlen(t->runs[i].text);
	s = p = xmalloc(len + 1);
	for (i = 0; i < t->n; i++) {
		size_t l = strlen(t->runs[i].text);

		memcpy(p, t->runs[i].text, l);
		p += l;
	}
	*p = '\0';
	return s;
}

struct doc_chart *doc_chart_new(enum doc_chart_kind k)
{
	struct doc_chart *c = xcalloc(1, sizeof(*c));

	c->kind = k;
	c->zero_based = k != DOC_CHART_LINE;
	return c;
}

struct doc_chart_series *doc_chart_add_series(struct doc_chart *c,
					      const char *label, size_t n)
{
	struct doc_chart_series *s;

	c->series = xreallocarray(c->series, c->nseries + 1,
				  sizeof(*c->series));
	s = &c->series[c->nseries++];
	memset(s, 0, sizeof(*s));
	s->label = dup_or_null(label);
	s->n = n;
	s->x = xcalloc(n, sizeof(*s->x));
	s->y = xcalloc(n, sizeof(*s->y));
	s->has = xcalloc(n, sizeof(*s->has));
	s->status = xcalloc(n, sizeof(*s->status));
	s->unit = -1;
	return s;
}

struct doc_chart_bar *doc_chart_add_bar(struct doc_chart *c, const char *label,
					double value, const char *value_text)
{
	struct doc_chart_bar *b;

	c->bars = xreallocarray(c->bars, c->nbars + 1, sizeof(*c->bars));
	b = &c->bars[c->nbars++];
	memset(b, 0, sizeof(*b));
	b->label = xstrdup(label ? label : "");
	b->value = value;
	b->has = 1;
	b->value_text = dup_or_null(value_text);
	return b;
}

struct doc_refline *doc_chart_add_ref(struct doc_chart *c, double value,
				      const char *label)
{
	struct doc_refline *r;

	c->refs = xreallocarray(c->refs, c->nrefs + 1, sizeof(*c->refs));
	r = &c->refs[c->nrefs++];
	r->value = value;
	r->label = dup_or_null(label);
	return r;
}

struct doc_table *doc_table_new(size_t ncols)
{
	struct doc_table *t = xcalloc(1, sizeof(*t));
	size_t i;

	t->ncols = ncols;
	t->header = xcalloc(ncols, sizeof(*t->header));
	t->align = xcalloc(ncols, sizeof(*t->align));
	t->widths = xcalloc(ncols, sizeof(*t->widths));
	for (i = 0; i < ncols; i++) {
		t->align[i] = DOC_LEFT;
		t->widths[i] = 1.0;
	}
	return t;
}

void doc_table_set_header(struct doc_table *t, size_t col, const char *text,
			  enum doc_align align, double width)
{
	if (col >= t->ncols)
		return;
	free(t->header[col]);
	t->header[col] = dup_or_null(text);
	t->align[col] = align;
	if (width > 0)
		t->widths[col] = width;
}

struct doc_cell *doc_table_add_row(struct doc_table *t)
{
	struct doc_cell *row;

	if (t->ncols == 0)
		return NULL;
	if (t->nrows + 1 > t->rows_cap) {
		size_t cap = t->rows_cap ? t->rows_cap * 2 : 8;

		t->cells = xreallocarray(t->cells, cap * t->ncols,
					 sizeof(*t->cells));
		t->rows_cap = cap;
	}
	row = &t->cells[t->nrows * t->ncols];
	memset(row, 0, t->ncols * sizeof(*row));
	t->nrows++;
	return row;
}

void doc_cell_set_text(struct doc_cell *c, const char *text)
{
	free(c->text);
	c->kind = DOC_CELL_TEXT;
	c->text = dup_or_null(text);
}

void doc_cell_set_arrow(struct doc_cell *c, enum doc_direction dir,
			enum doc_tone tone, const char *text)
{
	free(c->text);
	c->kind = DOC_CELL_ARROW;
	c->dir = dir;
	c->tone = tone;
	c->text = dup_or_null(text);
}

void doc_cell_set_spark(struct doc_cell *c, const double *v,
			const unsigned char *has, size_t n)
{
	size_t i;

	free(c->spark);
	free(c->spark_has);
	c->kind = DOC_CELL_SPARK;
	c->nspark = n;
	c->spark = xcalloc(n, sizeof(*c->spark));
	c->spark_has = xcalloc(n, sizeof(*c->spark_has));
	for (i = 0; i < n; i++) {
		c->spark[i] = v[i];
		c->spark_has[i] = has ? has[i] : 1;
	}
}

struct doc_note *doc_add_note(struct doc *d, const char *headline)
{
	struct doc_block *b = doc_add_block(d, DOC_NOTE);

	b->note = xcalloc(1, sizeof(*b->note));
	b->note->headline = dup_or_null(headline);
	return b->note;
}

void doc_note_add_para(struct doc_note *n, const char *text)
{
	doc_text_add(&doc_rich_add(&n->body, DOC_ITEM_PARA, 0, 0)->text, text,
		     0, NULL);
}

struct doc_item *doc_rich_add(struct doc_rich *r, enum doc_item_kind k,
			      int depth, long number)
{
	struct doc_item *it;

	XGROW(r->items, r->cap, r->n + 1);
	it = &r->items[r->n++];
	memset(it, 0, sizeof(*it));
	it->kind = k;
	it->depth = depth < 0 ? 0 : depth;
	it->number = number;
	return it;
}

void doc_rich_release(struct doc_rich *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		text_release(&r->items[i].text);
	free(r->items);
	memset(r, 0, sizeof(*r));
}

struct doc_text *doc_bullets_add(struct doc_block *b)
{
	struct doc_text *t;

	b->items = xreallocarray(b->items, b->nitems + 1, sizeof(*b->items));
	t = &b->items[b->nitems++];
	memset(t, 0, sizeof(*t));
	return t;
}

struct doc_block *doc_add_source(struct doc *d, const char *text)
{
	struct doc_block *b = doc_add_block(d, DOC_SOURCE);

	doc_text_add(&b->text, text, 0, NULL);
	return b;
}

struct doc_block *doc_add_chart(struct doc *d, struct doc_chart *c)
{
	struct doc_block *b = doc_add_block(d, DOC_CHART);

	b->chart = c;
	return b;
}

struct doc_block *doc_add_table(struct doc *d, struct doc_table *t)
{
	struct doc_block *b = doc_add_block(d, DOC_TABLE);

	b->table = t;
	return b;
}
