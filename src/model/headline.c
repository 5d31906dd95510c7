/* headline.c - headline sentences and change directions (see headline.h). */
#include "headline.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "xalloc.h"
#include "banned.h"

#define CLAUSES_MAX 3

static int is_pp(int unit)
{
	return unit == UNIT_PERCENT || unit == UNIT_RATE;
}

enum doc_direction headline_direction(double change, int unit,
				      long decimals)
{
	char buf[FMT_MAX];

	if (!isfinite(change))
		return DOC_DIR_NONE;
	fmt_change(buf, sizeof(buf), change, unit, (int)decimals);
	if (buf[0] == '+')
		return DOC_DIR_UP;
	if (strncmp(buf, FMT_MINUS, strlen(FMT_MINUS)) == 0)
		return DOC_DIR_DOWN;
	return DOC_DIR_FLAT;
}

enum doc_direction headline_figure_direction(const struct figure_set *set,
					     const struct config_indicator
						     *ind,
					     const char *geo, const char *name)
{
	const struct figure *f = figures_find(set, ind->id, geo, name);
	int pct = strstr(name, "_pct") != NULL;

	if (!f)
		return DOC_DIR_NONE;
	/* percentage changes are shown as percentages with one decimal */
	return headline_direction(f->value, pct ? UNIT_PERCENT : ind->unit,
				  pct ? 1 : ind->decimals);
}

enum doc_tone headline_tone(enum doc_direction dir, int polarity)
{
	if (dir != DOC_DIR_UP && dir != DOC_DIR_DOWN)
		return DOC_TONE_NEUTRAL;
	if (polarity == POL_UP_GOOD)
		return dir == DOC_DIR_UP ? DOC_TONE_GOOD : DOC_TONE_BAD;
	if (polarity == POL_DOWN_GOOD)
		return dir == DOC_DIR_DOWN ? DOC_TONE_GOOD : DOC_TONE_BAD;
	return DOC_TONE_NEUTRAL;
}

const char *headline_place(char *buf, size_t size, const char *name)
{
	/* Names that take "the": the English regions (but not Yorkshire and
	 * The Humber or London), the UK and Great Britain, and combined
	 * authorities, LEPs and "... region". Councils such as North
	 * Tyneside or West Berkshire do not. */
	static const char *const regions[] = {
		"North East", "North West", "East Midlands", "West Midlands",
		"East of England", "East", "South East", "South West",
		"United Kingdom", "UK", "Great Britain"
	};
	size_t i, n = strlen(name);
	int the = 0;

	for (i = 0; i < sizeof(regions) / sizeof(regions[0]); i++)
		if (strcmp(name, regions[i]) == 0)
			the = 1;
	if (strstr(name, "Combined Authority") ||
	    strstr(name, "Local Enterprise Partnership") ||
	    (n > 7 && strcmp(name + n - 7, " region") == 0))
		the = 1;
	snprintf(buf, size, "%s%s", the ? "the " : "", name);
	return buf;
}

/* Number of periods in a year of freq: the span a record must cover. */
static long year_span(enum period_freq f)
{
	switch (f) {
	case PERIOD_QUARTER:
		return 4;
	case PERIOD_MONTH:
	case PERIOD_ROLL12:
		return 12;
	case PERIOD_WEEK:
		return 52;
	case PERIOD_DAY:
		return 365;
	default:
		return 1;
	}
}

/* The size of a change, without sign, in the unit's words: "1,240",
 * "£340m", "0.2 percentage points". */
static const char *amount(char *buf, size_t size,
			  const struct config_indicator *ind, double change)
{
	char n[FMT_MAX];
	int dec = (int)ind->decimals;
	double a = fabs(change);

	if (is_pp(ind->unit)) {
		fmt_number(n, sizeof(n), a, dec);
		snprintf(buf, size, "%s percentage point%s", n,
			 fmt_round(a, dec) == 1.0 ? "" : "s");
		return buf;
	}
	return fmt_value(buf, size, a, ind->unit, dec);
}

static const char *status_word(const char *status)
{
	if (status[0] == 'p')
		return " (provisional)";
	if (status[0] == 'e')
		return " (estimated)";
	return "";
}

/* "September" when a and b are months of the same year, else the full
 * label of a ("September 2026", "Q2 2026"...), with its preposition. */
static const char *from_phrase(char *buf, size_t size, const struct period *a,
			       const struct period *b)
{
	if (a->freq == PERIOD_MONTH && b->freq == PERIOD_MONTH &&
	    a->year == b->year) {
		snprintf(buf, size, "in %s", fmt_month_name(a->num));
		return buf;
	}
	return fmt_period_phrase(buf, size, a);
}

/* "12,300 higher than a year earlier" or "the same as a year earlier". */
static int comparison(struct strbuf *c, const struct config_indicator *ind,
		      const struct figure *f, const char *than,
		      const char *same)
{
	char a[FMT_MAX * 2];
	enum doc_direction d = headline_direction(f->value, ind->unit,
						  ind->decimals);

	if (d == DOC_DIR_FLAT)
		return strbuf_addf(c, "the same as %s", same);
	return strbuf_addf(c, "%s %s than %s",
			   amount(a, sizeof(a), ind, f->value),
			   d == DOC_DIR_UP ? "higher" : "lower", than);
}

/* A record clause into c if one spans a year: high or low. */
static int record_clause(struct strbuf *c, const struct figure_set *set,
			 const struct config_indicator *ind, const char *geo,
			 const struct figure *latest, int high)
{
	const struct figure *f;
	char p[FMT_MAX];
	const char *word = high ? "highest" : "lowest";

	f = figures_find(set, ind->id, geo,
			 high ? "record_high_since" : "record_low_since");
	if (f && period_diff(&f->period, &latest->period) >=
			 year_span(latest->period.freq))
		return strbuf_addf(c, "the %s since %s", word,
				   fmt_period(p, sizeof(p), &f->period)) < 0
			       ? -1
			       : 1;
	f = figures_find(set, ind->id, geo,
			 high ? "record_high" : "record_low");
	/* the record is only as long as the data: say where they begin */
	if (f && period_diff(&f->period, &latest->period) >=
			 year_span(latest->period.freq))
		return strbuf_addf(c, "the %s since the series began in %s",
				   word, fmt_period(p, sizeof(p), &f->period))
			       < 0 ? -1 : 1;
	return 0;
}

int headline_sentence(const struct figure_set *set,
		      const struct config_indicator *ind, const char *geo,
		      const char *place, struct strbuf *out)
{
	const struct figure *latest, *prev, *chg, *pct, *yr, *base, *basev;
	struct strbuf s = STRBUF_INIT;
	struct strbuf clause[CLAUSES_MAX];
	char v[FMT_MAX], a[FMT_MAX * 2], p[FMT_MAX * 2], q[FMT_MAX * 2];
	const char *measure = ind->measure ? ind->measure : ind->title;
	enum doc_direction dir = DOC_DIR_NONE;
	size_t nc = 0, i;
	int ret = -1, r;

	for (i = 0; i < CLAUSES_MAX; i++)
		strbuf_init(&clause[i], 0);
	latest = figures_find(set, ind->id, geo, "latest");
	if (!latest) {
		ret = 0;
		goto out;
	}
	prev = figures_find(set, ind->id, geo, "previous");
	chg = figures_find(set, ind->id, geo, "change_prev");
	pct = figures_find(set, ind->id, geo, "change_prev_pct");
	yr = figures_find(set, ind->id, geo, "change_year");
	base = figures_find(set, ind->id, geo, "change_base");
	basev = figures_find(set, ind->id, geo, "baseline");
	fmt_value(v, sizeof(v), latest->value, ind->unit, (int)ind->decimals);
	fmt_period_phrase(p, sizeof(p), &latest->period);

	if (strbuf_addf(&s, "%s in %s", measure ? measure : ind->id, place) < 0)
		goto out;
	if (s.len > 0)
		s.buf[0] = (char)toupper((unsigned char)s.buf[0]);
	if (chg)
		dir = headline_direction(chg->value, ind->unit, ind->decimals);
	if (dir == DOC_DIR_FLAT) {
		r = strbuf_addf(&s, " was unchanged at %s%s %s", v,
				status_word(latest->status), p);
	} else if (dir != DOC_DIR_NONE && ind->unit == UNIT_INDEX && prev &&
		   fmt_value_cmp(latest->value, prev->value, ind->unit,
				 (int)ind->decimals) ==
			   (dir == DOC_DIR_UP ? 1 : -1)) {
		/* "from 52.0 to 51.9": only when the two numbers printed
		 * differ the way the verb says */
		char pv[FMT_MAX];

		fmt_value(pv, sizeof(pv), prev->value, ind->unit,
			  (int)ind->decimals);
		r = strbuf_addf(&s, " %s from %s %s to %s%s %s",
				dir == DOC_DIR_UP ? "rose" : "fell", pv,
				from_phrase(q, sizeof(q), &prev->period,
					    &latest->period),
				v, status_word(latest->status), p);
	} else if (dir != DOC_DIR_NONE) {
		char pc[FMT_MAX + 16] = "";

		if (pct) {
			char t[FMT_MAX];

			if (fmt_round(fabs(pct->value), 1) == 0)
				snprintf(pc, sizeof(pc), " (less than 0.1%%)");
			else
				snprintf(pc, sizeof(pc), " (%s)",
					 fmt_percent(t, sizeof(t),
						     fabs(pct->value), 1));
		}
		r = strbuf_addf(&s, " %s by %s%s to %s%s %s",
				dir == DOC_DIR_UP ? "rose" : "fell",
				amount(a, sizeof(a), ind, chg->value), pc, v,
				status_word(latest->status), p);
	} else {
		r = strbuf_addf(&s, " was %s%s %s", v,
				status_word(latest->status), p);
	}
	if (r < 0)
		goto out;

	if (yr) {
		if (comparison(&clause[nc++], ind, yr, "a year earlier",
			       "a year earlier") < 0)
			goto out;
	}
	if (base && basev) {
		char than[FMT_MAX * 2];

		fmt_period_phrase(than, sizeof(than), &basev->period);
		if (comparison(&clause[nc++], ind, base, than, than) < 0)
			goto out;
	}
	/* a record in the direction of the change; an unchanged value ties
	 * the previous one, and a tie is not a record */
	if (dir == DOC_DIR_UP || dir == DOC_DIR_DOWN) {
		r = record_clause(&clause[nc], set, ind, geo, latest,
				  dir == DOC_DIR_UP);
	} else if (dir == DOC_DIR_NONE) {
		r = record_clause(&clause[nc], set, ind, geo, latest, 1);
		if (r == 0)
			r = record_clause(&clause[nc], set, ind, geo, latest,
					  0);
	} else {
		r = 0;
	}
	if (r < 0)
		goto out;
	nc += (size_t)r;
	for (i = 0; i < nc; i++)
		if (strbuf_addf(&s, "%s%s", i == 0 ? ", " :
					     i + 1 == nc ? " and " : ", ",
				clause[i].buf) < 0)
			goto out;
	if (strbuf_addch(&s, '.') < 0 || strbuf_add(out, s.buf, s.len) < 0)
		goto out;
	ret = 1;
out:
	for (i = 0; i < CLAUSES_MAX; i++)
		strbuf_release(&clause[i]);
	strbuf_release(&s);
	return ret;
}

int headline_moved(const struct figure_set *set,
		   const struct config_indicator *ind, const char *geo,
		   const char *subject, struct strbuf *out)
{
	const struct figure *latest = figures_find(set, ind->id, geo,
						   "latest");
	enum doc_direction dir;
	char p[FMT_MAX * 2];

	if (!latest)
		return 0;
	fmt_period_phrase(p, sizeof(p), &latest->period);
	dir = headline_figure_direction(set, ind, geo, "change_prev");
	if (dir == DOC_DIR_NONE)
		return strbuf_addf(out, "%s, latest %s", subject,
				   fmt_period(p, sizeof(p), &latest->period))
			       < 0 ? -1 : 1;
	return strbuf_addf(out, "%s %s %s", subject,
			   dir == DOC_DIR_UP     ? "rose"
			   : dir == DOC_DIR_DOWN ? "fell"
						 : "was unchanged",
			   p) < 0 ? -1 : 1;
}

int headline_versus(const struct figure_set *set, const struct config *cfg,
		    const struct config_indicator *ind, const char *geo,
		    struct strbuf *out)
{
	const struct figure *latest = figures_find(set, ind->id, geo,
						   "latest");
	const struct figure *c[16];
	size_t n = 0, i;
	struct strbuf s = STRBUF_INIT;
	int ret = -1;

	if (!latest)
		return 0;
	for (i = 0; i < cfg->ncomparators && n < 16; i++) {
		const struct figure *f;

		if (!cfg->comparators[i].code ||
		    strcmp(cfg->comparators[i].code, geo) == 0)
			continue;
		f = figures_value_in(set, ind->id, cfg->comparators[i].code,
				     &latest->period);
		if (f)
			c[n++] = f;
	}
	if (n == 0)
		return 0;
	if (strbuf_adds(&s, "compared with ") < 0)
		goto out;
	for (i = 0; i < n; i++) {
		char v[FMT_MAX], place[256];
		const char *name = "";
		size_t k;

		for (k = 0; k < cfg->ncomparators; k++)
			if (cfg->comparators[k].code &&
			    strcmp(cfg->comparators[k].code, c[i]->geography) ==
				    0)
				name = cfg->comparators[k].name;
		if (strbuf_addf(&s, "%s%s%s in %s",
				i == 0 ? "" : i + 1 == n ? " and " : ", ",
				fmt_value(v, sizeof(v), c[i]->value, ind->unit,
					  (int)ind->decimals),
				status_word(c[i]->status),
				headline_place(place, sizeof(place),
					       name ? name : "")) < 0)
			goto out;
	}
	if (strbuf_add(out, s.buf, s.len) < 0)
		goto out;
	ret = 1;
out:
	strbuf_release(&s);
	return ret;
}

const char *headline_rank(char *buf, size_t size,
			  const struct figure_set *set,
			  const struct config_indicator *ind, const char *geo)
{
	const struct figure *r = figures_find(set, ind->id, geo, "rank");
	const struct figure *of = figures_find(set, ind->id, geo, "rank_of");

	if (!r || !of) {
		if (size)
			buf[0] = '\0';
		return buf;
	}
	return fmt_rank(buf, size, (long)r->value, (long)of->value,
			figures_rank_is_joint(set, ind->id, geo));
}

int headline_place_rank(const struct figure_set *set,
			const struct config *cfg,
			const struct config_indicator *ind, const char *geo,
			struct strbuf *out)
{
	const struct figure *r = figures_find(set, ind->id, geo, "rank");
	const struct figure *of = figures_find(set, ind->id, geo, "rank_of");
	const char *measure = ind->measure ? ind->measure
			      : ind->title ? ind->title : ind->id;
	const char *name = config_place_name(cfg, geo);
	char ord[32];
	int joint;

	if (!r || !of || of->value < 2)
		return 0;
	joint = figures_rank_is_joint(set, ind->id, geo);
	if (r->value < 2)
		return 0;
	if (strncmp(measure, "the ", 4) == 0)
		measure += 4;
	fmt_ordinal(ord, sizeof(ord), (long)r->value);
	return strbuf_addf(out, "%s had the %s%s highest %s of the %ld "
			   "%s.", name ? name : geo,
			   joint ? "joint " : "", ord, measure,
			   (long)of->value, config_places_noun(cfg)) < 0
		       ? -1 : 1;
}

int headline_peer_rank(const struct figure_set *set,
		       const struct config *cfg,
		       const struct config_indicator *ind, const char *geo,
		       struct strbuf *out)
{
	const struct figure *r = figures_find(set, ind->id, geo, "peer_rank");
	const struct figure *of =
		figures_find(set, ind->id, geo, "peer_rank_of");
	const char *measure = ind->measure ? ind->measure
			      : ind->title ? ind->title : ind->id;
	const char *name = config_place_name(cfg, geo);
	char ord[32] = "", num[24];

	if (!r || !of || !ind->peers || of->value < 2)
		return 0;
	if (strncmp(measure, "the ", 4) == 0)
		measure += 4;
	if (r->value >= 2)
		snprintf(ord, sizeof(ord), "%s ",
			 fmt_ordinal(num, sizeof(num), (long)r->value));
	return strbuf_addf(out, "%s had the %s%shighest %s of the %ld %s%s.",
			   name ? name : geo,
			   figures_peer_rank_is_joint(set, ind->id, geo)
				   ? "joint " : "",
			   ord, measure, (long)of->value, ind->peers->name,
			   (size_t)of->value < ind->peers->nmembers
				   ? " with data" : "") < 0 ? -1 : 1;
}

struct ranked {
	const struct figure *rank;
	const struct figure *value; /* the value in the rank period */
	const char *name;
	size_t order;
};

static int ranked_cmp(const void *pa, const void *pb)
{
	const struct ranked *a = pa, *b = pb;

	if (a->rank->value != b->rank->value)
		return a->rank->value < b->rank->value ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

int headline_top(const struct figure_set *set, const struct config *cfg,
		 const struct config_indicator *ind, size_t n,
		 struct strbuf *out)
{
	struct ranked *r = NULL;
	struct strbuf s = STRBUF_INIT;
	const char *measure = ind->measure ? ind->measure
			      : ind->title ? ind->title : ind->id;
	char per[FMT_MAX], v[FMT_MAX];
	size_t nr = 0, i, show, first;
	const char *r_sep = "";
	int ret = -1;

	if (strncmp(measure, "the ", 4) == 0)
		measure += 4;
	if (n == 0)
		n = 1;
	r = xcalloc(cfg->nplaces ? cfg->nplaces : 1, sizeof(*r));
	for (i = 0; i < cfg->nplaces; i++) {
		const char *code = cfg->places[i].code;
		const struct figure *f;

		if (!code || !(f = figures_find(set, ind->id, code, "rank")))
			continue;
		r[nr].rank = f;
		r[nr].value = figures_value_in(set, ind->id, code, &f->period);
		r[nr].name = cfg->places[i].name ? cfg->places[i].name : code;
		r[nr].order = i;
		nr++;
	}
	/* "the highest" needs at least two places to compare */
	if (nr < 2) {
		ret = 0;
		goto out;
	}
	qsort(r, nr, sizeof(*r), ranked_cmp);
	for (show = 0; show < nr; show++)
		if (show >= n && r[show].rank->value != r[show - 1].rank->value)
			break;
	for (first = 1; first < show; first++)
		if (r[first].rank->value != r[0].rank->value)
			break;
	fmt_period_phrase(per, sizeof(per), &r[0].rank->period);
	per[0] = (char)toupper((unsigned char)per[0]);
	if (strbuf_addf(&s, "%s, ", per) < 0)
		goto out;
	for (i = 0; i < first; i++)
		if (strbuf_addf(&s, "%s%s", i == 0 ? "" :
					    i + 1 == first ? " and " : ", ",
				r[i].name) < 0)
			goto out;
	if (strbuf_addf(&s, " had the %shighest %s", first > 1 ? "joint " : "",
			measure) < 0)
		goto out;
	for (i = 0; i < show; i++) {
		if (i > first)
			r_sep = i + 1 == show ? " and " : ", ";
		else if (i == first)
			r_sep = ", followed by ";
		if (i >= first &&
		    (strbuf_adds(&s, r_sep) < 0 ||
		     strbuf_adds(&s, r[i].name) < 0))
			goto out;
		/* the tied first group shares one displayed value */
		if ((i >= first || i == 0) && r[i].value &&
		    strbuf_addf(&s, " (%s%s)",
				fmt_value(v, sizeof(v), r[i].value->value,
					  ind->unit, (int)ind->decimals),
				r[i].value->status[0] == 'p'   ? ", provisional"
				: r[i].value->status[0] == 'e' ? ", estimated"
							       : "") < 0)
			goto out;
	}
	if (strbuf_addch(&s, '.') < 0 || strbuf_add(out, s.buf, s.len) < 0)
		goto out;
	ret = 1;
out:
	free(r);
	strbuf_release(&s);
	return ret;
}
