/* template_resolve.c - a template written for any monitor, fitted to one:
 * indicators selected by theme or tag, blocks repeated per indicator with
 * the indicator's own chart settings, and blocks the monitor has nothing
 * for left out (with a note, never an error). */
#include "template.h"

#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "xalloc.h"
#include "banned.h"

static char **strs_dup(char *const *v, size_t n)
{
	char **out;
	size_t i;

	if (!n)
		return NULL;
	out = xcalloc(n, sizeof(*out));
	for (i = 0; i < n; i++)
		out[i] = xstrdup(v[i]);
	return out;
}

static char *str_dup(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void refs_dup(struct tpl_block *d, const struct tpl_refline *r,
		     size_t n)
{
	size_t i;

	d->refs = n ? xcalloc(n, sizeof(*d->refs)) : NULL;
	d->nrefs = n;
	for (i = 0; i < n; i++) {
		d->refs[i].value = r[i].value;
		d->refs[i].label = str_dup(r[i].label);
	}
}

/* A deep copy that schema_release(block schema) frees. */
static void block_copy(struct tpl_block *d, const struct tpl_block *s)
{
	*d = *s;
	d->title = str_dup(s->title);
	d->text = str_dup(s->text);
	d->indicators = strs_dup(s->indicators, s->nindicators);
	d->places = strs_dup(s->places, s->nplaces);
	d->since = str_dup(s->since);
	d->index_to = str_dup(s->index_to);
	refs_dup(d, s->refs, s->nrefs);
	d->themes = strs_dup(s->themes, s->nthemes);
	d->pick.theme = strs_dup(s->pick.theme, s->pick.ntheme);
	d->pick.tag = str_dup(s->pick.tag);
	d->pick.except_tag = str_dup(s->pick.except_tag);
	d->allow_missing = strs_dup(s->allow_missing, s->nallow_missing);
}

static void set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = str_dup(v);
}

static int picked(const struct tpl_pick *p,
		  const struct config_indicator *ind)
{
	size_t i;
	int theme_ok = !p->ntheme;

	for (i = 0; i < p->ntheme; i++)
		if (ind->theme && strcmp(ind->theme, p->theme[i]) == 0)
			theme_ok = 1;
	if (!theme_ok)
		return 0;
	if (p->tag && !config_has_tag(ind, p->tag))
		return 0;
	return !p->except_tag || !config_has_tag(ind, p->except_tag);
}

static int needs_indicators(const struct tpl_block *b)
{
	return b->type == TPL_CHART || b->type == TPL_TABLE ||
	       b->type == TPL_HEADLINES || b->type == TPL_DASHBOARD;
}

/* The ids indicators_with selects, into b (replacing the selection). */
static void apply_pick(struct tpl_block *b, const struct config *c)
{
	size_t i;

	b->indicators = xcalloc(c->nindicators ? c->nindicators : 1,
				sizeof(*b->indicators));
	for (i = 0; i < c->nindicators; i++)
		if (picked(&b->pick, &c->indicators[i]))
			b->indicators[b->nindicators++] =
				xstrdup(c->indicators[i].id);
}

/* One block of an each_indicator block, for ind: the indicator's chart
 * settings win over the block's, as the monitor knows its data. Returns
 * 0 when the indicator asks for no chart of this kind. */
static int fit_to_indicator(struct tpl_block *d,
			    const struct config_indicator *ind)
{
	const struct config_chart *ch = &ind->chart;
	size_t i;

	d->indicators = xcalloc(1, sizeof(*d->indicators));
	d->indicators[0] = xstrdup(ind->id);
	d->nindicators = 1;
	d->each_indicator = 0;
	if (d->type != TPL_CHART || d->chart == TPL_CHART_BAR)
		return 1;
	if (ch->kind == CHART_NONE)
		return 0;
	if (ch->kind == CHART_LINE)
		d->chart = TPL_CHART_LINE;
	else if (ch->kind == CHART_COLUMN)
		d->chart = TPL_CHART_COLUMN;
	if (ch->since)
		set_str(&d->since, ch->since);
	if (ch->index_to)
		set_str(&d->index_to, ch->index_to);
	if (ch->nrefs) {
		for (i = 0; i < d->nrefs; i++)
			free(d->refs[i].label);
		free(d->refs);
		d->refs = xcalloc(ch->nrefs, sizeof(*d->refs));
		d->nrefs = ch->nrefs;
		for (i = 0; i < ch->nrefs; i++) {
			d->refs[i].value = ch->refs[i].value;
			d->refs[i].label = str_dup(ch->refs[i].label);
		}
	}
	if (ch->nplaces) {
		for (i = 0; i < d->nplaces; i++)
			free(d->places[i]);
		free(d->places);
		d->places = strs_dup(ch->places, ch->nplaces);
		d->nplaces = ch->nplaces;
	}
	return 1;
}

struct block_list {
	struct tpl_block *v;
	size_t n, cap;
};

static struct tpl_block *push(struct block_list *l)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 8;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	memset(&l->v[l->n], 0, sizeof(l->v[0]));
	return &l->v[l->n++];
}

/* A block whose geographies all resolve to nothing (a template asking
 * for the region of a monitor without comparators) shows nothing. */
static int has_geography(const struct tpl_block *b, const struct config *c)
{
	const char *codes[1];

	if (b->type != TPL_CHART && b->type != TPL_TABLE)
		return 1;
	if (!b->nplaces)
		return 1;
	return config_resolve_geos(c, b->places, b->nplaces, codes, 1) > 0;
}

static void resolve_block(const struct template_def *t,
			  const struct tpl_block *b, const struct config *c,
			  struct block_list *out, struct eim_warnings *notes)
{
	const struct schema *bs = template_block_schema();
	struct tpl_block tmp;
	size_t i, made = 0;

	block_copy(&tmp, b);
	if (tmp.has_pick) {
		apply_pick(&tmp, c);
		if (!tmp.nindicators && needs_indicators(&tmp)) {
			eim_warn(notes, "%s:%d:%d: note: %s block left out: "
				 "the monitor has no indicator it selects "
				 "(indicators_with)", t->path, b->line,
				 b->col, template_block_type_name(b->type));
			schema_release(bs, &tmp);
			return;
		}
	}
	if (!has_geography(&tmp, c)) {
		eim_warn(notes, "%s:%d:%d: note: %s block left out: the "
			 "monitor has none of its geographies", t->path,
			 b->line, b->col, template_block_type_name(b->type));
		schema_release(bs, &tmp);
		return;
	}
	if (!tmp.each_indicator || !tmp.nindicators) {
		*push(out) = tmp;
		return;
	}
	for (i = 0; i < tmp.nindicators; i++) {
		const struct config_indicator *ind =
			config_find_indicator(c, tmp.indicators[i]);
		struct tpl_block one;
		block_copy(&one, &tmp);
		for (size_t k = 0; k < one.nindicators; k++)
			free(one.indicators[k]);
		free(one.indicators);
		one.indicators = NULL;
		one.nindicators = 0;
		if (!ind || !fit_to_indicator(&one, ind) ||
		    !has_geography(&one, c)) {
			schema_release(bs, &one);
			continue;
		}
		*push(out) = one;
		made++;
	}
	if (!made)
		eim_warn(notes, "%s:%d:%d: note: %s block left out: no "
			 "indicator it selects is charted this way", t->path,
			 b->line, b->col, template_block_type_name(b->type));
	schema_release(bs, &tmp);
}

int template_shows_indicator(const struct template_def *t, const char *id)
{
	size_t s, b, i;

	for (s = 0; s < t->nsections; s++)
		for (b = 0; b < t->sections[s].nblocks; b++) {
			const struct tpl_block *bl = &t->sections[s].blocks[b];
			if ((bl->type == TPL_HEADLINES ||
			     bl->type == TPL_DASHBOARD) && !bl->nindicators)
				return 1;
			for (i = 0; i < bl->nindicators; i++)
				if (strcmp(bl->indicators[i], id) == 0)
					return 1;
		}
	return 0;
}

static int charted(const struct template_def *t, const char *id)
{
	size_t s, b, i;

	for (s = 0; s < t->nsections; s++)
		for (b = 0; b < t->sections[s].nblocks; b++) {
			const struct tpl_block *bl = &t->sections[s].blocks[b];
			if (bl->type != TPL_CHART && bl->type != TPL_TABLE)
				continue;
			for (i = 0; i < bl->nindicators; i++)
				if (strcmp(bl->indicators[i], id) == 0)
					return 1;
		}
	return 0;
}

/* What the analyst may not expect: an indicator the template never shows
 * or a theme the template does not know. */
static void note_unused(const struct template_def *t, const struct config *c,
			struct eim_warnings *notes, struct eim_warnings *warn)
{
	size_t i;

	for (i = 0; i < c->nindicators; i++) {
		const struct config_indicator *ind = &c->indicators[i];
		const struct ydoc_node *n = ind->node;
		if (ind->theme && !template_theme_title(t, ind->theme))
			eim_warn(notes, "%s:%d:%d: note: indicator '%s' has "
				 "theme '%s', which %s does not declare",
				 c->path, n ? n->line : 0, n ? n->col : 0,
				 ind->id, ind->theme, t->path);
		else if (!template_shows_indicator(t, ind->id))
			eim_warn(notes, "%s:%d:%d: note: indicator '%s' is "
				 "shown in no block of %s", c->path,
				 n ? n->line : 0, n ? n->col : 0, ind->id,
				 t->path);
		else if (!charted(t, ind->id) && ind->chart.kind != CHART_NONE)
			eim_warn(warn, "%s:%d:%d: indicator '%s' has no "
				 "chart or table in %s%s", c->path,
				 n ? n->line : 0, n ? n->col : 0, ind->id,
				 t->path, ind->theme ? "" : " (give it a "
				 "'theme' the template charts)");
	}
}

void template_resolve(struct template_def *t, const struct config *c,
		      struct eim_warnings *notes, struct eim_warnings *warn)
{
	const struct schema *bs = template_block_schema();
	struct tpl_section *kept = xcalloc(t->nsections + 1, sizeof(*kept));
	size_t s, b, keep = 0;

	for (s = 0; s < t->nsections; s++) {
		struct tpl_section *sec = &t->sections[s];
		struct block_list out = { NULL, 0, 0 };
		for (b = 0; b < sec->nblocks; b++) {
			resolve_block(t, &sec->blocks[b], c, &out, notes);
			schema_release(bs, &sec->blocks[b]);
		}
		free(sec->blocks);
		if (!out.n) {
			if (sec->title)
				eim_warn(notes, "%s: note: section '%s' left "
					 "out: none of its blocks applies to "
					 "this monitor", t->path, sec->title);
			free(sec->title);
			free(out.v);
			continue;
		}
		kept[keep] = *sec;
		kept[keep].blocks = out.v;
		kept[keep].nblocks = out.n;
		keep++;
	}
	free(t->sections);
	t->sections = kept;
	t->nsections = keep;
	note_unused(t, c, notes, warn);
}
