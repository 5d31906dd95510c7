/* compose_chart.c - chart blocks: series picked from the feeds by
 * indicator and place, cut to `since`, optionally indexed to a base
 * period, with a title that states what the data show. */
#include "compose.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "figures.h"
#include "fmt.h"
#include "headline.h"
#include "strbuf.h"
#include "xalloc.h"
#include "banned.h"


static void fmt_period_lbl(const struct period *p, char *buf, size_t size)
{
	fmt_period(buf, size, p);
}

/* "claimant count" from "the claimant count", for "the highest ...". */
static const char *bare_measure(const struct config_indicator *ind)
{
	const char *m = ind->measure;

	if (!m)
		return ind->short_title ? ind->short_title : ind->title;
	return strncmp(m, "the ", 4) == 0 ? m + 4 : m;
}

/* Resolve the block's place words into GSS codes (the area when the
 * block names none). Caller frees the array (not the strings, which
 * belong to the config or template). */
size_t compose_block_geos(const struct config *c, const struct tpl_block *b,
			  const char ***out)
{
	size_t cap = 1 + c->nplaces + c->ncomparators + b->nplaces;
	const char **v = xcalloc(cap, sizeof(*v));
	size_t n;

	n = config_resolve_geos(c, b->places, b->nplaces, v, cap);
	if (!b->nplaces)
		v[n++] = c->area.code;
	*out = v;
	return n;
}

/* A place's fixed palette slot (1-based): the area first, then the
 * comparators, then the places; 0 past the palette. */
static int colour_slot(const struct config *c, const char *code)
{
	size_t i;
	int slot = 0;

	if (strcmp(c->area.code, code) == 0)
		slot = 1;
	for (i = 0; !slot && i < c->ncomparators; i++)
		if (strcmp(c->comparators[i].code, code) == 0)
			slot = (int)i + 2;
	for (i = 0; !slot && i < c->nplaces; i++)
		if (strcmp(c->places[i].code, code) == 0)
			slot = (int)(c->ncomparators + i) + 2;
	return slot <= 6 ? slot : 0;
}

static const char *short_name(const struct config *c, const char *code)
{
	size_t i;

	if (strcmp(c->area.code, code) == 0)
		return c->area.short_name ? c->area.short_name : c->area.name;
	for (i = 0; i < c->nplaces; i++)
		if (strcmp(c->places[i].code, code) == 0)
			return c->places[i].short_name ? c->places[i].short_name
						       : c->places[i].name;
	for (i = 0; i < c->ncomparators; i++)
		if (strcmp(c->comparators[i].code, code) == 0)
			return c->comparators[i].short_name
				       ? c->comparators[i].short_name
				       : c->comparators[i].name;
	return code;
}

static void source_line(const struct compose_input *in,
			const struct config_indicator *ind, struct strbuf *sb)
{
	const struct compose_feed *cf = compose_feed_of(in, ind->feed);

	if (!cf)
		return;
	if (sb->len)
		strbuf_adds(sb, "; ");
	else
		strbuf_adds(sb, "Source: ");
	strbuf_addf(sb, "%s, %s", cf->feed->publisher,
		    cf->feed->dataset ? cf->feed->dataset : cf->feed->title);
}

static const char *unit_axis(const struct config_indicator *ind, int indexed)
{
	if (indexed)
		return "Index";
	switch (ind->unit) {
	case UNIT_PERCENT:
	case UNIT_RATE: return "%";
	case UNIT_GBP: return "\u00a3";
	case UNIT_INDEX: return "Index";
	default: return ind->short_title ? ind->short_title : ind->title;
	}
}

/* Line and column charts: one series per (indicator, place). */
static int time_chart(const struct compose_input *in,
		      const struct tpl_block *b, struct doc *d,
		      struct eim_error *err)
{
	const struct config *c = in->cfg;
	const char **geos = NULL;
	size_t ngeo = compose_block_geos(c, b, &geos), gi, ii, k;
	struct doc_chart *ch = doc_chart_new(b->chart == TPL_CHART_COLUMN
						     ? DOC_CHART_COLUMN
						     : DOC_CHART_LINE);
	struct strbuf src = STRBUF_INIT, sb = STRBUF_INIT;
	struct period since, base, first = { PERIOD_NONE, 0, 0 }, last = first;
	const struct config_indicator *ind0 = NULL;
	const char *geo0 = NULL; /* the place of the first (main) series */
	const struct config_indicator *indm = NULL; /* and its indicator */
	int have_since = 0, indexed = 0, ret = -1;
	char l1[64], l2[64];

	if (b->since && period_parse(b->since, strlen(b->since), &since) == 0)
		have_since = 1;
	if (b->index_to &&
	    period_parse(b->index_to, strlen(b->index_to), &base) == 0)
		indexed = 1;
	for (ii = 0; ii < b->nindicators; ii++) {
		const struct config_indicator *ind =
			config_find_indicator(c, b->indicators[ii]);
		if (!ind) {
			eim_error_set(err, EIM_DATA, in->tpl->path, b->line,
				      b->col, "chart: unknown indicator '%s'",
				      b->indicators[ii]);
			goto out;
		}
		if (!ind0)
			ind0 = ind;
		source_line(in, ind, &src);
		for (gi = 0; gi < ngeo; gi++) {
			struct series s;
			struct doc_chart_series *cs;
			double div = 1.0;
			size_t from = 0, n;
			long bi;
			if (compose_series(in, ind, geos[gi], &s))
				continue;
			if (indexed) {
				bi = series_find(&s, &base);
				if (bi < 0 || !s.has[bi] || s.values[bi] == 0) {
					series_release(&s);
					continue;
				}
				div = s.values[bi] / 100.0;
			}
			while (have_since && from < s.n &&
			       period_cmp(&s.periods[from], &since) < 0)
				from++;
			n = s.n - from;
			if (!n) {
				series_release(&s);
				continue;
			}
			/* never a series dropped in silence: the data
			 * checks stop a build before this */
			if (ch->nseries == DOC_CHART_MAX_SERIES) {
				series_release(&s);
				eim_error_set(err, EIM_DATA, in->tpl->path,
					      b->line, b->col, "chart of '%s' "
					      "has more than %d series with "
					      "data: name fewer geographies in "
					      "its places", ind->id,
					      DOC_CHART_MAX_SERIES);
				goto out;
			}
			strbuf_reset(&sb);
			if (b->nindicators > 1)
				strbuf_adds(&sb, ind->short_title
						 ? ind->short_title
						 : ind->title);
			else
				strbuf_adds(&sb, short_name(c, geos[gi]));
			cs = doc_chart_add_series(ch, sb.buf, n);
			cs->unit = indexed ? UNIT_INDEX : ind->unit;
			cs->decimals = (int)ind->decimals;
			for (k = 0; k < n; k++) {
				cs->x[k] = s.periods[from + k];
				cs->has[k] = s.has[from + k];
				cs->y[k] = s.has[from + k]
						   ? s.values[from + k] / div
						   : 0.0;
				cs->status[k] = (unsigned char)compose_status(
					s.status[from + k]);
			}
			if (!geo0) {
				geo0 = geos[gi];
				indm = ind;
			}
			cs->emphasis = strcmp(geos[gi], c->area.code) == 0;
			if (b->nindicators == 1)
				cs->colour = colour_slot(c, geos[gi]);
			if (!first.freq || period_cmp(&cs->x[0], &first) < 0)
				first = cs->x[0];
			if (!last.freq || period_cmp(&cs->x[n - 1], &last) > 0)
				last = cs->x[n - 1];
			series_release(&s);
		}
	}
	if (!ch->nseries) {
		doc_add_para(d, "Chart not available: no data for this "
			     "edition.");
		ret = 0;
		goto out;
	}
	/* ind0 is the indicator of the first series, and nseries > 0 here */
	/* NOLINTNEXTLINE(clang-analyzer-core.NullDereference) */
	ch->decimals = (int)ind0->decimals;
	ch->zero_based = ch->kind == DOC_CHART_COLUMN;
	for (k = 0; k < b->nrefs; k++)
		doc_chart_add_ref(ch, b->refs[k].value, b->refs[k].label);
	for (k = 0; k < b->nrefs && indexed; k++)
		if (b->refs[k].value == 100.0)
			indexed = 2; /* the template labels the base itself */
	if (indexed == 1) {
		fmt_period_lbl(&base, l1, sizeof(l1));
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s = 100", l1);
		doc_chart_add_ref(ch, 100.0, sb.buf);
	}
	/* The title states the movement of the first (main) series in the
	 * words of its figures (headline_moved), so it agrees with the
	 * headline and the dashboard. */
	strbuf_reset(&sb);
	if (b->nindicators > 1)
		strbuf_adds(&sb, ch->series[0].label);
	else
		strbuf_addf(&sb, "%s in %s",
			    ind0->short_title ? ind0->short_title : ind0->title,
			    ch->series[0].label);
	if (!b->title) {
		struct strbuf t = STRBUF_INIT;

		/* geo0 and indm are set with the first series */
		/* NOLINTNEXTLINE(clang-analyzer-core.NonNullParamChecker) */
		if (compose_is_stale(in, ind0, &last)) {
			/* old data is not this week's movement */
			fmt_period_phrase(l2, sizeof(l2), &last);
			strbuf_addf(&t, "%s, latest %s (stale)", sb.buf, l2);
		} else if (headline_moved(in->figs, indm, geo0, sb.buf,
					  &t) <= 0) {
			strbuf_reset(&t);
			strbuf_adds(&t, sb.buf);
		}
		ch->title = xstrdup(t.buf);
		compose_release(d, &t);
	} else {
		ch->title = xstrdup(b->title);
	}
	fmt_period_lbl(&first, l1, sizeof(l1));
	fmt_period_lbl(&last, l2, sizeof(l2));
	strbuf_reset(&sb);
	strbuf_addf(&sb, "%s%s, %s, %s to %s",
		    ind0->title, indexed ? " (indexed)" : "",
		    ngeo > 1 ? "selected areas" : short_name(c, geos[0]), l1,
		    l2);
	if (compose_is_stale(in, ind0, &last))
		strbuf_adds(&sb, " (stale: no newer data published)");
	ch->subtitle = xstrdup(sb.buf);
	ch->y_title = xstrdup(unit_axis(ind0, indexed));
	ch->source = xstrdup(src.buf);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "Line chart: %s.", ch->subtitle);
	ch->alt = xstrdup(sb.buf);
	doc_add_chart(d, ch);
	ch = NULL;
	ret = 0;
out:
	if (ch) {
		struct doc tmp;
		doc_init(&tmp);
		doc_add_chart(&tmp, ch);
		doc_free(&tmp);
	}
	free(geos);
	compose_release(d, &src);
	compose_release(d, &sb);
	return ret;
}

struct bar_item {
	const char *code;
	const struct figure *f; /* the value shown: a figure */
	double shown;           /* its value as displayed (fmt_value_shown) */
	size_t order;           /* in the block's list, for ties */
};

/* Highest first as displayed; equal displayed values keep list order. */
static int bar_cmp(const void *a, const void *b)
{
	const struct bar_item *x = a, *y = b;

	if (x->shown != y->shown)
		return x->shown > y->shown ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* The period the bars compare: the places' rank period when a shown
 * place is ranked (so the bars agree with the ranks and the headline),
 * else the most recent latest period of the places shown. */
static struct period bar_period(const struct compose_input *in,
				const struct config_indicator *ind,
				const char **geos, size_t ngeo)
{
	struct period p = { PERIOD_NONE, 0, 0 };
	const struct figure *f;
	size_t i;

	for (i = 0; i < ngeo; i++)
		if ((f = figures_find(in->figs, ind->id, geos[i], "rank")))
			return f->period;
	for (i = 0; i < ngeo; i++) {
		f = figures_find(in->figs, ind->id, geos[i], "latest");
		if (f && (!p.freq || period_cmp(&f->period, &p) > 0))
			p = f->period;
	}
	return p;
}

/* "Birmingham had the highest claimant rate in October 2026", "A and B
 * had the joint highest ...": the top of the bars shown, ties as
 * displayed; with a single bar, only what it shows. */
static void bar_title(const struct compose_input *in,
		      const struct config_indicator *ind,
		      const struct bar_item *items, size_t n,
		      const char *period, struct strbuf *sb)
{
	size_t first = 1, i;

	if (n < 2) {
		strbuf_addf(sb, "%s in %s %s", ind->short_title
			    ? ind->short_title : ind->title,
			    short_name(in->cfg, items[0].code), period);
		return;
	}
	while (first < n &&
	       fmt_value_cmp(items[first].f->value, items[0].f->value,
			     ind->unit, (int)ind->decimals) == 0)
		first++;
	for (i = 0; i < first; i++)
		strbuf_addf(sb, "%s%s", i == 0 ? "" : i + 1 == first ? " and "
						  : ", ",
			    short_name(in->cfg, items[i].code));
	strbuf_addf(sb, " had the %shighest %s %s",
		    first > 1 ? "joint " : "", bare_measure(ind), period);
}

static int bar_same(const struct bar_item *a, const struct bar_item *b)
{
	return a->shown == b->shown;
}

/* Bars of the places in a place's edition: the place among them (the
 * word "places" there means the others, as a table lists the place
 * once, as its subject), highlighted. */
static size_t with_subject(const struct config *c, const struct tpl_block *b,
			   const char ***geos, size_t n)
{
	size_t i;
	int words = 0;

	for (i = 0; i < b->nplaces; i++)
		if (strcmp(b->places[i], "places") == 0)
			words = 1;
	if (!words || !compose_subject_is_place(c))
		return n;
	for (i = 0; i < n; i++)
		if (strcmp((*geos)[i], c->area.code) == 0)
			return n;
	*geos = xrealloc(*geos, (n + 1) * sizeof(**geos));
	(*geos)[n] = c->area.code;
	return n + 1;
}

/* max_bars: the items[] (sorted, highest first) ranked highest stay;
 * the subject, when it is among the bars but not among those, takes the
 * last bar, with its rank in the note. Returns how many were left out. */
static size_t cut_bars(const struct compose_input *in,
		       const struct tpl_block *b,
		       const struct config_indicator *ind,
		       struct bar_item *items, size_t *n, struct strbuf *note)
{
	const struct config *c = in->cfg;
	size_t max = (size_t)b->max_bars, total = *n, i, top, above = 0;
	const char *noun = config_places_noun(c);
	char ord[32];

	if (b->max_bars <= 0 || total <= max)
		return 0;
	for (i = max; i < total; i++)
		if (strcmp(items[i].code, c->area.code) == 0)
			break;
	top = i < total ? max - 1 : max;
	strbuf_addf(note, " The chart shows the %zu of the %zu %s with the "
		    "highest %s", top, total, noun, bare_measure(ind));
	if (i < total) {
		/* its rank as the bars are ranked: by the displayed value,
		 * equal ones joint (they sit next to each other) */
		int joint = (i > 0 && bar_same(&items[i - 1], &items[i])) ||
			    (i + 1 < total && bar_same(&items[i + 1], &items[i]));

		while (above < i && !bar_same(&items[above], &items[i]))
			above++;
		fmt_ordinal(ord, sizeof(ord), (long)above + 1);
		strbuf_addf(note, ", and %s (%s%s)",
			    short_name(c, items[i].code), joint ? "joint " : "",
			    ord);
		items[top] = items[i];
	}
	strbuf_addf(note, "; %zu more %s not shown.", total - max,
		    total - max == 1 ? "is" : "are");
	*n = max;
	return total - max;
}

/* Horizontal bars: one value of one indicator across places, all of one
 * period, read from the figures. */
static int bar_chart(const struct compose_input *in, const struct tpl_block *b,
		     struct doc *d, struct eim_error *err)
{
	const struct config *c = in->cfg;
	const struct config_indicator *ind =
		config_find_indicator(c, b->indicators[0]);
	const char **geos = NULL;
	struct bar_item *items = NULL;
	size_t ngeo, i, n = 0, hidden = 0;
	struct strbuf sb = STRBUF_INIT, note = STRBUF_INIT;
	struct doc_chart *ch;
	char lab[64], val[FMT_MAX + 16];
	struct period per;

	if (!ind)
		return eim_error_set(err, EIM_DATA, in->tpl->path, b->line,
				     b->col, "chart: unknown indicator '%s'",
				     b->indicators[0]);
	ngeo = with_subject(c, b, &geos, compose_block_geos(c, b, &geos));
	per = bar_period(in, ind, geos, ngeo);
	items = xcalloc(ngeo ? ngeo : 1, sizeof(*items));
	for (i = 0; i < ngeo && per.freq; i++) {
		const struct figure *f =
			figures_value_in(in->figs, ind->id, geos[i], &per);
		size_t k;

		for (k = 0; k < n && strcmp(items[k].code, geos[i]); k++)
			;
		if (!f || k < n)
			continue; /* no value in that period, or listed twice */
		items[n].code = geos[i];
		items[n].f = f;
		items[n].shown = fmt_value_shown(f->value, ind->unit,
						 (int)ind->decimals);
		items[n].order = i;
		n++;
	}
	if (!n) {
		doc_add_para(d, "Chart not available: no data for this "
			     "edition.");
		goto out;
	}
	qsort(items, n, sizeof(*items), bar_cmp);
	hidden = cut_bars(in, b, ind, items, &n, &note);
	ch = doc_chart_new(DOC_CHART_BAR);
	for (i = 0; i < n; i++) {
		struct doc_chart_bar *bar;
		const char *st = items[i].f->status;

		compose_format_value(ind, items[i].f->value, val, sizeof(val));
		if (st[0] == 'p' || st[0] == 'e') {
			size_t l = strlen(val);
			snprintf(val + l, sizeof(val) - l, " (%s)", st);
		}
		bar = doc_chart_add_bar(ch, short_name(c, items[i].code),
					items[i].f->value, val);
		bar->highlight = strcmp(items[i].code, c->area.code) == 0;
		bar->status = compose_status(st);
	}
	fmt_period_phrase(lab, sizeof(lab), &per);
	bar_title(in, ind, items, n, lab, &sb);
	fmt_period_lbl(&per, lab, sizeof(lab));
	ch->title = xstrdup(b->title ? b->title : sb.buf);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "%s, by area, %s%s", ind->title, lab,
		    compose_is_stale(in, ind, &per)
			    ? " (stale: no newer data published)" : "");
	ch->subtitle = xstrdup(sb.buf);
	ch->y_title = xstrdup(unit_axis(ind, 0));
	strbuf_reset(&sb);
	source_line(in, ind, &sb);
	if (hidden) {
		if (sb.len && sb.buf[sb.len - 1] != '.')
			strbuf_addch(&sb, '.');
		strbuf_adds(&sb, note.buf);
	}
	ch->source = xstrdup(sb.buf);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "Bar chart: %s.", ch->subtitle);
	ch->alt = xstrdup(sb.buf);
	ch->decimals = (int)ind->decimals;
	ch->zero_based = 1;
	doc_add_chart(d, ch);
out:
	free(items);
	free(geos);
	compose_release(d, &sb);
	compose_release(d, &note);
	return 0;
}

int compose_chart(const struct compose_input *in, const struct tpl_block *b,
		  struct doc *d, struct eim_error *err)
{
	if (b->chart == TPL_CHART_BAR)
		return bar_chart(in, b, d, err);
	return time_chart(in, b, d, err);
}
