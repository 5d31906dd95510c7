/* compose_figures.c - blocks built from figures: the dashboard of
 * indicators, places tables and value formatting. Every number printed
 * here is read from the figure set, so it is also in figures.csv. */
#include "compose.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "figures.h"
#include "fmt.h"
#include "headline.h"
#include "strbuf.h"
#include "xalloc.h"
#include "banned.h"

#define SPARK_POINTS 24

void compose_format_value(const struct config_indicator *ind, double v,
			  char *buf, size_t size)
{
	fmt_value(buf, size, v, ind->unit, (int)ind->decimals);
}

static const char *ind_title(const struct config_indicator *ind)
{
	return ind->short_title ? ind->short_title : ind->title;
}

int compose_is_stale(const struct compose_input *in,
		     const struct config_indicator *ind,
		     const struct period *p)
{
	const struct compose_feed *cf =
		ind->feed ? compose_feed_of(in, ind->feed) : NULL;

	if (!cf || !p->freq)
		return 0;
	return period_end_day(p) + cf->feed->max_age_days <
	       period_end_day(&in->week);
}

/* A stale figure is not this week's news: one sentence that says how old
 * it is, never a movement. */
static int stale_sentence(const struct compose_input *in,
			  const struct config_indicator *ind,
			  const struct figure *latest, const char *place,
			  struct strbuf *sb)
{
	char per[64], val[FMT_MAX];
	const struct compose_feed *cf = compose_feed_of(in, ind->feed);

	fmt_period(per, sizeof(per), &latest->period);
	fmt_value(val, sizeof(val), latest->value, ind->unit,
		  (int)ind->decimals);
	return strbuf_addf(sb, "No new figure for %s in %s: the latest, %s, "
			   "is for %s (stale: older than %ld days).",
			   ind->measure ? ind->measure : ind_title(ind), place,
			   val, per, cf ? cf->feed->max_age_days : 0L);
}

/* The geography an indicator is reported for: the area if it has a
 * latest figure, else the first comparator that has. */
const char *compose_main_geo(const struct compose_input *in,
			     const struct config_indicator *ind)
{
	const struct config *c = in->cfg;
	size_t i;

	if (figures_find(in->figs, ind->id, c->area.code, "latest"))
		return c->area.code;
	for (i = 0; i < c->ncomparators; i++)
		if (figures_find(in->figs, ind->id, c->comparators[i].code,
				 "latest"))
			return c->comparators[i].code;
	for (i = 0; i < c->nplaces; i++)
		if (figures_find(in->figs, ind->id, c->places[i].code,
				 "latest"))
			return c->places[i].code;
	return NULL;
}

enum doc_status compose_status(const char *flag)
{
	char c = figures_flag_status(flag);

	return c == 'p' ? DOC_PROVISIONAL : c == 'e' ? DOC_ESTIMATED
						     : DOC_FINAL;
}

void compose_cell_figure(struct doc_cell *cell,
			 const struct config_indicator *ind,
			 const struct figure *f, enum doc_num_kind kind,
			 int stale)
{
	struct doc_value v;

	memset(&v, 0, sizeof(v));
	v.v = f->value;
	v.kind = kind;
	v.unit = ind->unit;
	v.decimals = kind == DOC_NUM_PCT ? 1 : kind >= DOC_NUM_RANK
		     ? 0 : (int)ind->decimals;
	v.status = compose_status(f->status);
	v.stale = stale;
	v.period = f->period;
	doc_cell_add_value(cell, &v);
}

static void cell_value(struct doc_cell *cell, const struct config_indicator *ind,
		       const struct figure *f)
{
	char buf[FMT_MAX + 8];

	if (!f) {
		doc_cell_set_text(cell, "n/a");
		cell->is_value = 1;
		return;
	}
	fmt_value(buf, FMT_MAX, f->value, ind->unit, (int)ind->decimals);
	if (f->status[0] == 'p' || f->status[0] == 'e') {
		size_t l = strlen(buf);
		snprintf(buf + l, sizeof(buf) - l, " (%s)", f->status);
	}
	doc_cell_set_text(cell, buf);
	compose_cell_figure(cell, ind, f, DOC_NUM_LEVEL, 0);
}

/* "+1,240 (+0.9%)" for counts, "+0.2pp" for rates; the change and its
 * percentage are the cell's values. */
static void change_cell(const struct compose_input *in,
			const struct config_indicator *ind, const char *geo,
			const char *name, struct doc_cell *cell)
{
	char pctname[32], a[FMT_MAX], b[FMT_MAX], buf[FMT_MAX * 2 + 16];
	size_t size = sizeof(buf);
	const struct figure *f = figures_find(in->figs, ind->id, geo, name);
	const struct figure *p;

	cell->is_value = 1;
	if (!f) {
		doc_cell_set_text(cell, "n/a");
		return;
	}
	fmt_change(a, sizeof(a), f->value, ind->unit, (int)ind->decimals);
	snprintf(pctname, sizeof(pctname), "%s_pct", name);
	p = figures_find(in->figs, ind->id, geo, pctname);
	if (p) {
		/* A change that rounds to 0.0% is not "no change": the
		 * sentences say "less than 0.1%" (headline.c). */
		fmt_percent_change(b, sizeof(b), p->value, 1);
		snprintf(buf, size, "%s (%s)", a, b);
	} else {
		snprintf(buf, size, "%s", a);
	}
	if (f->status[0] == 'p' || f->status[0] == 'e') {
		size_t l = strlen(buf);
		snprintf(buf + l, size - l, " (%s)", f->status);
	}
	doc_cell_set_text(cell, buf);
	compose_cell_figure(cell, ind, f, DOC_NUM_CHANGE, 0);
	if (p)
		compose_cell_figure(cell, ind, p, DOC_NUM_PCT, 0);
}

/* The figure that is the change on a year: change_year, or for a series
 * whose previous period is the same period a year earlier (yearly data)
 * change_prev, which is that very change. */
static const char *year_change(const struct compose_input *in,
			       const struct config_indicator *ind,
			       const char *geo)
{
	const struct figure *l = figures_find(in->figs, ind->id, geo,
					      "latest");
	struct period a, y;

	if (!l || figures_find(in->figs, ind->id, geo, "change_year"))
		return "change_year";
	a = period_add(l->period, -1);
	y = period_year_ago(l->period);
	return period_eq(&a, &y) ? "change_prev" : "change_year";
}

static void arrow(struct doc_cell *cell, const struct config_indicator *ind,
		  const struct figure *chg)
{
	/* the headline's rule: the change as displayed */
	enum doc_direction dir =
		chg ? headline_direction(chg->value, ind->unit, ind->decimals)
		    : DOC_DIR_NONE;
	const char *word = dir == DOC_DIR_UP     ? "Up"
			   : dir == DOC_DIR_DOWN ? "Down"
			   : dir == DOC_DIR_FLAT ? "Flat"
						 : "n/a";

	doc_cell_set_arrow(cell, dir, headline_tone(dir, ind->polarity), word);
}

/* The frequency of ind's series when found once for the run, else -1. */
static int series_freq(const struct compose_input *in,
		       const struct config_indicator *ind)
{
	const struct config *c = in->cfg;
	size_t i;

	for (i = 0; in->series_freq && i < c->nindicators; i++)
		if (&c->indicators[i] == ind)
			return in->series_freq[i];
	return -1;
}

int compose_series(const struct compose_input *in,
		   const struct config_indicator *ind, const char *geo,
		   struct series *s)
{
	const struct config *c = in->cfg;
	const struct compose_feed *cf, *nf, *df;
	const struct config_indicator *num, *den;
	struct eim_error err;
	int r;

	memset(s, 0, sizeof(*s));
	eim_error_init(&err);
	if (ind->combine == COMBINE_RATIO) {
		num = ind->numerator ? config_find_indicator(c, ind->numerator)
				     : NULL;
		den = ind->denominator
			      ? config_find_indicator(c, ind->denominator)
			      : NULL;
		nf = num ? compose_feed_of(in, num->feed) : NULL;
		df = den ? compose_feed_of(in, den->feed) : NULL;
		if (!nf || !df || !nf->table || !df->table)
			return -1;
		r = figures_series_ratio(c, ind, num, nf->table, den, df->table,
					 &in->week, series_freq(in, num),
					 series_freq(in, den), geo, s, &err);
	} else {
		cf = ind->feed ? compose_feed_of(in, ind->feed) : NULL;
		if (!cf || !cf->table)
			return -1;
		r = figures_series(c, ind, cf->table, &in->week,
				   series_freq(in, ind), geo, s, &err);
	}
	if (r < 0 || s->n == 0) {
		series_release(s);
		memset(s, 0, sizeof(*s));
		return -1;
	}
	return 0;
}

static void spark(const struct compose_input *in, struct doc_cell *cell,
		  const struct config_indicator *ind, const char *geo)
{
	const struct figure *latest =
		figures_find(in->figs, ind->id, geo, "latest");
	struct series s;
	size_t end, from;

	if (!latest || compose_series(in, ind, geo, &s)) {
		doc_cell_set_text(cell, "");
		return;
	}
	/* up to the latest figure's period */
	end = s.n;
	while (end > 0 && period_cmp(&s.periods[end - 1], &latest->period) > 0)
		end--;
	from = end > SPARK_POINTS ? end - SPARK_POINTS : 0;
	doc_cell_set_spark(cell, s.values + from, s.has + from, end - from);
	{
		unsigned char st[SPARK_POINTS];
		size_t k;

		for (k = from; k < end; k++)
			st[k - from] = (unsigned char)compose_status(s.status[k]);
		doc_cell_set_spark_at(cell, s.periods + from, st,
				      ind->unit, (int)ind->decimals);
	}
	series_release(&s);
}

int compose_dashboard(const struct compose_input *in,
		      const struct tpl_block *b, struct doc *d,
		      struct eim_error *err)
{
	const struct config *c = in->cfg;
	struct doc_table *t = doc_table_new(7);
	size_t i, n = b->nindicators ? b->nindicators : c->nindicators;
	int any_p = 0, any_e = 0, any_stale = 0;
	char buf[256];

	(void)err;
	doc_table_set_header(t, 0, "Indicator", DOC_LEFT, 2.6);
	doc_table_set_header(t, 1, "Latest", DOC_RIGHT, 1.5);
	doc_table_set_header(t, 2, "Period", DOC_LEFT, 1.5);
	doc_table_set_header(t, 3, "Change on period", DOC_RIGHT, 1.9);
	doc_table_set_header(t, 4, "Change on year", DOC_RIGHT, 1.9);
	doc_table_set_header(t, 5, "Trend", DOC_CENTER, 1.2);
	doc_table_set_header(t, 6, "Direction", DOC_CENTER, 1.4);
	if (b->title)
		t->caption = xstrdup(b->title);
	for (i = 0; i < n; i++) {
		const struct config_indicator *ind =
			b->nindicators ? config_find_indicator(c,
							       b->indicators[i])
				       : &c->indicators[i];
		const char *geo;
		const struct figure *latest;
		struct doc_cell *row;
		if (!ind)
			continue;
		geo = compose_main_geo(in, ind);
		row = doc_table_add_row(t);
		latest = geo ? figures_find(in->figs, ind->id, geo, "latest")
			     : NULL;
		snprintf(buf, sizeof(buf), "%s", ind_title(ind));
		if (geo && strcmp(geo, c->area.code) != 0) {
			const char *nm = config_place_name(c, geo);
			size_t l = strlen(buf);
			snprintf(buf + l, sizeof(buf) - l, " (%s)",
				 nm ? nm : geo);
		}
		doc_cell_set_text(&row[0], buf);
		cell_value(&row[1], ind, latest);
		if (latest && latest->status[0] == 'p')
			any_p = 1;
		if (latest && latest->status[0] == 'e')
			any_e = 1;
		if (latest) {
			fmt_period(buf, sizeof(buf), &latest->period);
			if (compose_is_stale(in, ind, &latest->period)) {
				size_t l = strlen(buf);
				snprintf(buf + l, sizeof(buf) - l, " (stale)");
				any_stale = 1;
				row[1].values[0].stale = 1;
			}
			doc_cell_set_text(&row[2], buf);
			row[2].period = latest->period;
		} else {
			doc_cell_set_text(&row[2], "not available");
		}
		change_cell(in, ind, geo ? geo : "", "change_prev", &row[3]);
		change_cell(in, ind, geo ? geo : "",
			    geo ? year_change(in, ind, geo) : "change_year",
			    &row[4]);
		spark(in, &row[5], ind, geo ? geo : "");
		arrow(&row[6], ind,
		      geo ? figures_find(in->figs, ind->id, geo, "change_prev")
			  : NULL);
	}
	snprintf(buf, sizeof(buf), "%s%s%sDirection compares with the previous "
		 "period; green is better, red worse for that indicator. "
		 "pp = percentage points.",
		 any_p ? "(p) provisional. " : "", any_e ? "(e) estimate. " : "",
		 any_stale ? "(stale) no newer data published: the figure "
			     "is older than its feed's max_age_days. " : "");
	t->footnote = xstrdup(buf);
	doc_add_table(d, t);
	return 0;
}

/* The period a table shows for ind: that of the latest figure of the
 * geography the indicator is reported for (its headline), or none. */
static struct period table_period(const struct compose_input *in,
				  const struct config_indicator *ind)
{
	struct period none = { PERIOD_NONE, 0, 0 };
	const char *geo = compose_main_geo(in, ind);
	const struct figure *f =
		geo ? figures_find(in->figs, ind->id, geo, "latest") : NULL;

	return f ? f->period : none;
}

/* Several indicators side by side: one row per area, the latest value of
 * each indicator, and their periods in the footnote. */
static int multi_table(const struct compose_input *in,
		       const struct tpl_block *b, const char **codes,
		       const char **names, size_t n, struct doc *d,
		       struct eim_error *err)
{
	const struct config *c = in->cfg;
	const struct config_indicator *inds[DOC_TABLE_MAX_INDICATORS];
	struct period per[DOC_TABLE_MAX_INDICATORS];
	struct doc_table *t;
	struct strbuf foot = STRBUF_INIT;
	size_t k, i, ni = 0, nd = 0, hidden, shown;
	char buf[256];

	if (b->nindicators > DOC_TABLE_MAX_INDICATORS)
		return eim_error_set(err, EIM_DATA, in->tpl->path, b->line,
				     b->col, "a table shows at most %d "
				     "indicators side by side, not %zu",
				     DOC_TABLE_MAX_INDICATORS, b->nindicators);
	for (k = 0; k < b->nindicators && ni < DOC_TABLE_MAX_INDICATORS; k++) {
		inds[ni] = config_find_indicator(c, b->indicators[k]);
		if (!inds[ni])
			return eim_error_set(err, EIM_DATA, in->tpl->path,
					     b->line, b->col,
					     "table: unknown indicator '%s'",
					     b->indicators[k]);
		ni++;
	}
	/* one period per column, the one the headline reports; a place
	 * without a value in it shows n/a, never another period's value */
	for (k = 0; k < ni; k++)
		per[k] = table_period(in, inds[k]);
	/* a place with figures keeps its row: n/a where it has no value in
	 * the column's period; max_rows keeps the first indicator's top */
	for (i = 0; i < n; i++) {
		for (k = 0; k < ni; k++)
			if (figures_find(in->figs, inds[k]->id, codes[i],
					 "latest"))
				break;
		if (k < ni) {
			codes[nd] = codes[i];
			names[nd++] = names[i];
		}
	}
	n = nd;
	hidden = compose_cut_rows(in, inds[0], &per[0], codes, names, &n,
				  b->max_rows, &shown);
	t = doc_table_new(ni + 1);
	doc_table_set_header(t, 0, "Area", DOC_LEFT, 3.0);
	for (k = 0; k < ni; k++)
		doc_table_set_header(t, k + 1, ind_title(inds[k]), DOC_RIGHT,
				     2.0);
	for (i = 0; i < n; i++) {
		struct doc_cell *row = doc_table_add_row(t);

		doc_cell_set_text(&row[0], names[i]);
		row[0].bold = strcmp(codes[i], c->area.code) == 0;
		for (k = 0; k < ni; k++)
			cell_value(&row[k + 1], inds[k],
				   figures_value_in(in->figs, inds[k]->id,
						    codes[i], &per[k]));
	}
	strbuf_adds(&foot, "Latest periods: ");
	for (k = 0; k < ni; k++) {
		if (per[k].freq)
			fmt_period(buf, sizeof(buf), &per[k]);
		else
			snprintf(buf, sizeof(buf), "not available");
		strbuf_addf(&foot, "%s%s %s", k ? "; " : "",
			    ind_title(inds[k]), buf);
	}
	strbuf_adds(&foot, ". (p) provisional. n/a: not available.");
	compose_cut_note(in, inds[0], hidden, shown, "table", &foot);
	t->footnote = xstrdup(foot.buf);
	t->caption = xstrdup(b->title ? b->title : "Indicators by area");
	compose_release(d, &foot);
	doc_add_table(d, t);
	return 0;
}

int compose_table(const struct compose_input *in, const struct tpl_block *b,
		  struct doc *d, struct eim_error *err)
{
	const struct config *c = in->cfg;
	const struct config_indicator *ind;
	struct doc_table *t;
	const char **codes, **names;
	size_t n = 0, i, nd = 0, hidden = 0, shown = 0;
	char buf[256];
	struct period tp;
	int ret = 0;

	if (!b->nindicators)
		return eim_error_set(err, EIM_DATA, in->tpl->path, b->line,
				     b->col, "a table block needs 'indicators'");
	ind = config_find_indicator(c, b->indicators[0]);
	if (!ind)
		return eim_error_set(err, EIM_DATA, in->tpl->path, b->line,
				     b->col, "table: unknown indicator '%s'",
				     b->indicators[0]);
	if (b->nplaces) {
		const char **geos = NULL;
		size_t ng = compose_block_geos(c, b, &geos);

		codes = xcalloc(ng ? ng : 1, sizeof(*codes));
		names = xcalloc(ng ? ng : 1, sizeof(*names));
		for (i = 0; i < ng; i++) {
			const char *nm = config_place_name(c, geos[i]);
			codes[n] = geos[i];
			names[n++] = nm ? nm : geos[i];
		}
		free(geos);
	} else {
		size_t max = 1 + c->nplaces + c->ncomparators;

		codes = xcalloc(max, sizeof(*codes));
		names = xcalloc(max, sizeof(*names));
		codes[n] = c->area.code;
		names[n++] = c->area.name;
		for (i = 0; i < c->nplaces; i++) {
			if (strcmp(c->places[i].code, c->area.code) == 0)
				continue; /* a place's edition: the area row */
			codes[n] = c->places[i].code;
			names[n++] = c->places[i].name;
		}
		for (i = 0; i < c->ncomparators; i++) {
			codes[n] = c->comparators[i].code;
			names[n++] = c->comparators[i].name;
		}
	}
	if (b->nindicators > 1) {
		ret = multi_table(in, b, codes, names, n, d, err);
		goto out;
	}
	tp = table_period(in, ind);
	/* a geography with figures has a row (n/a if not of tp) */
	for (i = 0; i < n && tp.freq; i++)
		if (figures_find(in->figs, ind->id, codes[i], "latest")) {
			codes[nd] = codes[i];
			names[nd++] = names[i];
		}
	n = nd;
	hidden = compose_cut_rows(in, ind, &tp, codes, names, &n, b->max_rows,
				  &shown);
	t = doc_table_new(5);
	doc_table_set_header(t, 0, "Area", DOC_LEFT, 3.0);
	doc_table_set_header(t, 1, "Latest", DOC_RIGHT, 1.6);
	doc_table_set_header(t, 2, "Change on period", DOC_RIGHT, 2.2);
	doc_table_set_header(t, 3, "Change on year", DOC_RIGHT, 2.2);
	doc_table_set_header(t, 4, "Rank", DOC_RIGHT, 1.4);
	for (i = 0; i < n && tp.freq; i++) {
		const struct figure *v =
			figures_value_in(in->figs, ind->id, codes[i], &tp);
		const struct figure *latest =
			figures_find(in->figs, ind->id, codes[i], "latest");
		const struct figure *rank, *of;
		struct doc_cell *row;
		/* changes and ranks are of the latest period: shown only
		 * when it is the table's */
		int cur = latest && period_eq(&latest->period, &tp);

		row = doc_table_add_row(t);
		doc_cell_set_text(&row[0], names[i]);
		row[0].bold = strcmp(codes[i], c->area.code) == 0;
		cell_value(&row[1], ind, v);
		change_cell(in, ind, cur ? codes[i] : "", "change_prev",
			    &row[2]);
		change_cell(in, ind, cur ? codes[i] : "",
			    year_change(in, ind, codes[i]), &row[3]);
		rank = figures_find(in->figs, ind->id, codes[i], "rank");
		of = figures_find(in->figs, ind->id, codes[i], "rank_of");
		if (rank && of && period_eq(&rank->period, &tp)) {
			fmt_rank(buf, sizeof(buf), (long)rank->value,
				 (long)of->value,
				 figures_rank_is_joint(in->figs, ind->id,
						       codes[i]));
			doc_cell_set_text(&row[4], buf);
			compose_cell_figure(&row[4], ind, rank, DOC_NUM_RANK,
					    0);
			compose_cell_figure(&row[4], ind, of, DOC_NUM_RANK_OF,
					    0);
		} else {
			doc_cell_set_text(&row[4], "\u2013");
			row[4].is_value = 1;
			/* only places are ranked */
			if (!compose_is_place(c, codes[i]))
				row[4].absent = DOC_NOT_APPLICABLE;
		}
	}
	if (tp.freq) {
		char per[96];
		fmt_period(per, sizeof(per), &tp);
		snprintf(buf, sizeof(buf), "%s by area, %s", ind->title, per);
	} else {
		snprintf(buf, sizeof(buf), "%s by area", ind->title);
	}
	if (b->title) {
		char cap[512];
		snprintf(cap, sizeof(cap), "%s: %s", b->title, buf);
		t->caption = xstrdup(cap);
	} else {
		t->caption = xstrdup(buf);
	}
	{
		const struct compose_feed *cf = compose_feed_of(in, ind->feed);
		if (cf) {
			snprintf(buf, sizeof(buf), "Source: %s, %s",
				 cf->feed->dataset ? cf->feed->dataset
						   : cf->feed->title,
				 cf->feed->publisher);
			t->source = xstrdup(buf);
		}
	}
	{
		struct strbuf foot = STRBUF_INIT;
		strbuf_addf(&foot, "Rank among the %s, 1 = highest.",
			    config_places_noun(c));
		compose_cut_note(in, ind, hidden, shown, "table", &foot);
		t->footnote = xstrdup(foot.buf);
		compose_release(d, &foot);
	}
	doc_add_table(d, t);
out:
	free(codes);
	free(names);
	return ret;
}

/* One bullet per indicator: the movement sentence for the area (or the
 * geography it is published for), then how it compares, then which
 * district leads, when the indicator has places. */
int compose_headlines(const struct compose_input *in,
		      const struct tpl_block *b, struct doc *d,
		      struct eim_error *err)
{
	const struct config *c = in->cfg;
	struct doc_block *bl = NULL;
	struct strbuf sb = STRBUF_INIT, vs = STRBUF_INIT;
	size_t i, n = b->nindicators ? b->nindicators : c->nindicators;
	char place[256];
	int ret = -1;

	if (b->title)
		doc_add_heading(d, 2, b->title, NULL);
	for (i = 0; i < n; i++) {
		const struct config_indicator *ind =
			b->nindicators ? config_find_indicator(c,
							       b->indicators[i])
				       : &c->indicators[i];
		const char *geo = ind ? compose_main_geo(in, ind) : NULL;
		const struct figure *latest;
		const char *name;
		int r;
		if (!geo)
			continue;
		name = config_place_name(c, geo);
		headline_place(place, sizeof(place), name ? name : geo);
		strbuf_reset(&sb);
		latest = figures_find(in->figs, ind->id, geo, "latest");
		if (latest && compose_is_stale(in, ind, &latest->period)) {
			if (stale_sentence(in, ind, latest, place, &sb))
				goto cap;
			if (!bl)
				bl = doc_add_block(d, DOC_BULLETS);
			doc_text_add(doc_bullets_add(bl), sb.buf, 0, NULL);
			continue;
		}
		r = headline_sentence(in->figs, ind, geo, place, &sb);
		if (r < 0)
			goto cap;
		if (r == 0)
			continue;
		strbuf_reset(&vs);
		r = headline_versus(in->figs, c, ind, geo, &vs);
		if (r < 0)
			goto cap;
		if (r > 0 && sb.len && sb.buf[sb.len - 1] == '.') {
			sb.buf[--sb.len] = '\0';
			if (strbuf_addf(&sb, ", %s.", vs.buf))
				goto cap;
		}
		/* area.code is a required key of monitor.yaml */
		/* NOLINTNEXTLINE(clang-analyzer-core.NonNullParamChecker) */
		if (strcmp(geo, c->area.code) == 0 && c->nplaces) {
			strbuf_reset(&vs);
			r = headline_top(in->figs, c, ind, 1, &vs);
			if (r < 0 || (r > 0 && strbuf_addf(&sb, " %s", vs.buf)))
				goto cap;
			/* a place's edition: where it stands among them */
			strbuf_reset(&vs);
			r = headline_place_rank(in->figs, c, ind, geo, &vs);
			if (r < 0 || (r > 0 && strbuf_addf(&sb, " %s", vs.buf)))
				goto cap;
		}
		strbuf_reset(&vs);
		r = headline_peer_rank(in->figs, c, ind, geo, &vs);
		if (r < 0 || (r > 0 && strbuf_addf(&sb, " %s", vs.buf)))
			goto cap;
		if (!bl)
			bl = doc_add_block(d, DOC_BULLETS);
		doc_text_add(doc_bullets_add(bl), sb.buf, 0, NULL);
	}
	if (!bl)
		doc_add_para(d, "No indicator has data for this edition.");
	compose_since(in, d);
	ret = 0;
	goto out;
cap:
	eim_error_set(err, EIM_DATA, in->tpl->path, b->line, b->col,
		      "headline text larger than the size cap");
out:
	compose_release(d, &sb);
	compose_release(d, &vs);
	return ret;
}
