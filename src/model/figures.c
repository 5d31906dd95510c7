/* figures.c - comparisons of an indicator across periods and places
 * (see figures.h). */
#include "figures.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "fmt.h"
#include "xalloc.h"
#include "banned.h"

/* GEO_PEER: a member of the indicator's peer group that is none of the
 * monitor's geographies: only its peer rank is made. */
enum geo_role { GEO_AREA, GEO_PLACE, GEO_COMPARATOR, GEO_PEER };

/* One geography's series, cut to the edition and one frequency. */
struct geo {
	const char *code;
	enum geo_role role;
	struct series s;
	long latest; /* index of the latest value in s, or -1 */
	long rank;   /* 0: not ranked */
	int peer;        /* a member of the indicator's peer group */
	long peer_rank;  /* 0: not ranked */
};

struct geos {
	struct geo *g;
	size_t n;
};

enum { CMP_PREV = 1, CMP_YEAR = 2, CMP_BASE = 4 };

void figures_init(struct figure_set *set)
{
	memset(set, 0, sizeof(*set));
}

void figures_release(struct figure_set *set)
{
	size_t i;

	for (i = 0; i < set->n; i++) {
		free(set->items[i].indicator);
		free(set->items[i].geography);
	}
	free(set->items);
	free(set->slots);
	figures_init(set);
}

/* ---- statuses ---------------------------------------------------------- */

/* Fold a source flag into a figure status: provisional beats estimated.
 * "p", "P", "[p]", "provisional" are provisional; likewise for e. */
static void status_merge(char *dst, const char *src)
{
	char c = src[0] == '[' ? src[1] : src[0];

	if (c == 'p' || c == 'P')
		snprintf(dst, FIGURE_STATUS_MAX, "p");
	else if ((c == 'e' || c == 'E') && dst[0] != 'p')
		snprintf(dst, FIGURE_STATUS_MAX, "e");
}

char figures_flag_status(const char *flag)
{
	char st[FIGURE_STATUS_MAX] = "";

	status_merge(st, flag);
	return st[0];
}

/* ---- set --------------------------------------------------------------- */

static void emit(struct figure_set *set, const char *ind, const char *geo,
		 const char *name, struct period p, double v,
		 const char *status)
{
	struct figure *f;

	if (!isfinite(v))
		return;
	XGROW(set->items, set->cap, set->n + 1);
	f = &set->items[set->n++];
	f->indicator = xstrdup(ind);
	f->geography = xstrdup(geo);
	f->name = name;
	f->period = p;
	f->value = v == 0 ? 0.0 : v; /* no -0 */
	snprintf(f->status, sizeof(f->status), "%s", status);
}

/* FNV-1a over indicator, geography and name (NUL-separated). */
static size_t fig_hash(const char *ind, const char *geo, const char *name)
{
	const char *parts[3];
	uint64_t h = 1469598103934665603ull;
	int k;

	parts[0] = ind;
	parts[1] = geo;
	parts[2] = name;
	for (k = 0; k < 3; k++) {
		const unsigned char *p = (const unsigned char *)parts[k];
		for (; *p; p++)
			h = (h ^ *p) * 1099511628211ull;
		h = (h ^ 0xFF) * 1099511628211ull;
	}
	return (size_t)h;
}

static int fig_is(const struct figure *f, const char *ind, const char *geo,
		  const char *name)
{
	return strcmp(f->name, name) == 0 && strcmp(f->indicator, ind) == 0 &&
	       strcmp(f->geography, geo) == 0;
}

/* Index items [nindexed, n): a build with 100 indicators asks for
 * thousands of figures among tens of thousands, so a scan per question
 * was quadratic. The first of equal figures stays the one found. */
static void fig_index(struct figure_set *set)
{
	size_t i, j;

	if (set->nslots < 2 * set->n) {
		size_t ns = set->nslots ? set->nslots : 64;
		while (ns < 2 * set->n)
			ns *= 2;
		free(set->slots);
		set->slots = xcalloc(ns, sizeof(*set->slots));
		set->nslots = ns;
		set->nindexed = 0;
	}
	for (i = set->nindexed; i < set->n; i++) {
		const struct figure *f = &set->items[i];
		for (j = fig_hash(f->indicator, f->geography, f->name) &
			 (set->nslots - 1);
		     set->slots[j]; j = (j + 1) & (set->nslots - 1))
			if (fig_is(&set->items[set->slots[j] - 1], f->indicator,
				   f->geography, f->name))
				break;
		if (!set->slots[j])
			set->slots[j] = i + 1;
	}
	set->nindexed = set->n;
}

void figures_index(struct figure_set *set)
{
	if (set->n && set->nindexed != set->n)
		fig_index(set);
}

const struct figure *figures_find(const struct figure_set *set,
				  const char *indicator, const char *geo,
				  const char *name)
{
	size_t j;

	if (set->n == 0)
		return NULL;
	/* figures_compute indexes what it adds; a set filled some other way
	 * and not indexed is searched (a reader never writes) */
	if (set->nindexed != set->n) {
		for (j = 0; j < set->n; j++)
			if (fig_is(&set->items[j], indicator, geo, name))
				return &set->items[j];
		return NULL;
	}
	for (j = fig_hash(indicator, geo, name) & (set->nslots - 1);
	     set->slots[j]; j = (j + 1) & (set->nslots - 1)) {
		const struct figure *f = &set->items[set->slots[j] - 1];
		if (fig_is(f, indicator, geo, name))
			return f;
	}
	return NULL;
}

/* The figures that are values of the series, not changes of them. */
static const char *const level_names[] = { "latest", "previous", "year_ago",
					   "baseline" };

int figures_is_level(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(level_names) / sizeof(level_names[0]); i++)
		if (strcmp(name, level_names[i]) == 0)
			return 1;
	return 0;
}

const struct figure *figures_value_in(const struct figure_set *set,
				      const char *indicator, const char *geo,
				      const struct period *p)
{
	size_t i;

	for (i = 0; i < sizeof(level_names) / sizeof(level_names[0]); i++) {
		const struct figure *f = figures_find(set, indicator, geo,
						      level_names[i]);

		if (f && period_eq(&f->period, p))
			return f;
	}
	return NULL;
}

static int is_joint(const struct figure_set *set, const char *indicator,
		    const char *geo, const char *name)
{
	const struct figure *mine = figures_find(set, indicator, geo, name);
	size_t i;

	if (!mine)
		return 0;
	for (i = 0; i < set->n; i++) {
		const struct figure *f = &set->items[i];

		if (f != mine && strcmp(f->name, name) == 0 &&
		    strcmp(f->indicator, indicator) == 0 &&
		    f->value == mine->value)
			return 1;
	}
	return 0;
}

int figures_rank_is_joint(const struct figure_set *set,
			  const char *indicator, const char *geo)
{
	return is_joint(set, indicator, geo, "rank");
}

int figures_peer_rank_is_joint(const struct figure_set *set,
			       const char *indicator, const char *geo)
{
	return is_joint(set, indicator, geo, "peer_rank");
}

/* ---- series preparation ------------------------------------------------ */

static int value_at(const struct series *s, const struct period *p,
		    double *v, const char **status)
{
	long i = s->n ? series_find(s, p) : -1; /* empty: no arrays */

	if (i < 0 || !s->has[i])
		return 0;
	*v = s->values[i];
	if (status)
		*status = s->status[i];
	return 1;
}

/* Keep observations of frequency freq in the edition (series_in_edition:
 * no limit when limit_day < 0); scale the values. */
static void series_trim(struct series *s, enum period_freq freq,
			const struct series_table *t, long limit_day,
			double scale)
{
	size_t i, o = 0;

	for (i = 0; i < s->n; i++) {
		if (s->periods[i].freq != freq)
			continue;
		if (!series_in_edition(t, &s->periods[i], limit_day))
			continue;
		s->periods[o] = s->periods[i];
		s->values[o] = s->has[i] ? s->values[i] * scale : 0.0;
		s->has[o] = s->has[i];
		memcpy(s->status[o], s->status[i], SERIES_STATUS_MAX);
		o++;
	}
	s->n = o;
}

/* The frequency of the most recent valued observation in any geography
 * (within the edition), or PERIOD_NONE. */
static enum period_freq main_freq(const struct geos *gs,
				  const struct series_table *t, long limit_day)
{
	enum period_freq f = PERIOD_NONE;
	long best = 0;
	size_t i, j;

	for (i = 0; i < gs->n; i++) {
		const struct series *s = &gs->g[i].s;

		for (j = 0; j < s->n; j++) {
			long e = period_end_day(&s->periods[j]);

			if (!s->has[j] ||
			    !series_in_edition(t, &s->periods[j], limit_day))
				continue;
			if (f == PERIOD_NONE || e > best) {
				best = e;
				f = s->periods[j].freq;
			}
		}
	}
	return f;
}

static void series_alloc(struct series *s, size_t n)
{
	s->n = 0;
	s->periods = xcalloc(n ? n : 1, sizeof(*s->periods));
	s->values = xcalloc(n ? n : 1, sizeof(*s->values));
	s->has = xcalloc(n ? n : 1, sizeof(*s->has));
	s->status = xcalloc(n ? n : 1, sizeof(*s->status));
}

static int series_any_value(const struct series *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->has[i])
			return 1;
	return 0;
}

/* Replace the area's series (gs->g[0]) by the sum of the places, in the
 * periods where every place has a value. */
static void sum_places(struct geos *gs)
{
	struct series *first = NULL, out;
	size_t i, j, np = 0;

	for (i = 0; i < gs->n; i++)
		if (gs->g[i].role == GEO_PLACE) {
			if (!first)
				first = &gs->g[i].s;
			np++;
		}
	if (!first)
		return;
	series_alloc(&out, first->n);
	for (j = 0; j < first->n; j++) {
		struct period p = first->periods[j];
		double sum = 0;
		char st[FIGURE_STATUS_MAX] = "";
		int all = 1;

		for (i = 0; i < gs->n && all; i++) {
			double v;
			const char *s1;

			if (gs->g[i].role != GEO_PLACE)
				continue;
			if (!value_at(&gs->g[i].s, &p, &v, &s1))
				all = 0;
			else {
				sum += v;
				status_merge(st, s1);
			}
		}
		if (!all)
			continue;
		out.periods[out.n] = p;
		out.values[out.n] = sum;
		out.has[out.n] = 1;
		snprintf(out.status[out.n], SERIES_STATUS_MAX, "%s", st);
		out.n++;
	}
	series_release(&gs->g[0].s);
	gs->g[0].s = out;
}

static void geos_release(struct geos *gs)
{
	size_t i;

	for (i = 0; i < gs->n; i++)
		series_release(&gs->g[i].s);
	free(gs->g);
	gs->g = NULL;
	gs->n = 0;
}

static int ind_error(const struct config *cfg,
		     const struct config_indicator *ind, struct eim_error *err,
		     const char *fmt, const char *a, const char *b)
{
	char msg[EIM_MSG_MAX];

	snprintf(msg, sizeof(msg), fmt, a, b);
	return eim_error_set(err, EIM_DATA, cfg->path,
			     ind->node ? ind->node->line : 0,
			     ind->node ? ind->node->col : 0, "%s", msg);
}

/* Extract the indicator's series for every geography of the monitor,
 * cut to the edition, scaled, the area summed from places if sum and the
 * area has no value. */
/* Mark the peer group's members among gs (n so far), appending those
 * that are none of the monitor's geographies. */
static void add_peers(const struct config_peer_group *pg, struct geos *gs)
{
	size_t i, j, n = gs->n;

	for (i = 0; pg && i < pg->nmembers; i++) {
		for (j = 0; j < n; j++)
			if (gs->g[j].code &&
			    strcmp(gs->g[j].code, pg->members[i]) == 0)
				break;
		if (j == n) {
			j = gs->n++;
			gs->g[j].code = pg->members[i];
			gs->g[j].role = GEO_PEER;
		}
		gs->g[j].peer = 1;
	}
}

/* peers: the peer group whose members are loaded too (NULL: none); a
 * ratio's numerator and denominator are loaded with the ratio's. */
/* One geography's series wanted of geos_load, and the frequency of all
 * of them when the caller knows it (figures_series_freq), else -1. */
struct geo_pick {
	const char *code;
	int freq;
};

/* The series of every geography of cfg (and peers), trimmed to the
 * frequency of the latest period any of them has. When pick is not NULL
 * the caller wants pick->code's series: the others are left empty (the
 * frequency is still that of all of them), unless it is the area and
 * its series is the sum of the places'. */
static int geos_load(const struct config *cfg,
		     const struct config_indicator *ind,
		     const struct config_peer_group *peers,
		     const struct series_table *t, const struct period *as_of,
		     int sum, const struct geo_pick *pick, struct geos *gs,
		     struct eim_error *err)
{
	const char *only = pick ? pick->code : NULL;
	struct series_filter *f = NULL;
	size_t i, k = 0;
	long limit = as_of ? period_end_day(as_of) : -1;
	enum period_freq freq;
	int ret = -1;

	gs->n = 1 + cfg->nplaces + cfg->ncomparators;
	gs->g = xcalloc(gs->n + (peers ? peers->nmembers : 0), sizeof(*gs->g));
	gs->g[k].code = cfg->area.code;
	gs->g[k++].role = GEO_AREA;
	for (i = 0; i < cfg->nplaces; i++) {
		gs->g[k].code = cfg->places[i].code;
		gs->g[k++].role = GEO_PLACE;
	}
	for (i = 0; i < cfg->ncomparators; i++) {
		gs->g[k].code = cfg->comparators[i].code;
		gs->g[k++].role = GEO_COMPARATOR;
	}
	add_peers(peers, gs);
	if (t->dim_geo < 0) {
		ind_error(cfg, ind, err,
			  "indicator '%s': feed '%s' has no geography "
			  "dimension",
			  ind->id, ind->feed ? ind->feed : "?");
		goto out;
	}
	f = xcalloc(ind->nselect ? ind->nselect : 1, sizeof(*f));
	for (i = 0; i < ind->nselect; i++) {
		f[i].dim = ind->select[i].key;
		f[i].value = ind->select[i].value;
	}
	for (k = 0; k < gs->n; k++) {
		gs->g[k].latest = -1;
		if (!gs->g[k].code ||
		    (only && strcmp(gs->g[k].code, only) != 0 &&
		     !(sum && k == 0)))
			continue;
		if (series_extract(t, f, ind->nselect, gs->g[k].code,
				   &gs->g[k].s) < 0) {
			ind_error(cfg, ind, err,
				  "indicator '%s': more than one value per "
				  "period for '%s' (the select filters are "
				  "not specific enough)",
				  ind->id, gs->g[k].code);
			goto out;
		}
	}
	if (only && pick->freq >= 0) {
		freq = (enum period_freq)pick->freq;
	} else if (only) {
		const char **codes = xcalloc(gs->n, sizeof(*codes));

		for (k = 0; k < gs->n; k++)
			codes[k] = gs->g[k].code;
		freq = series_latest_freq(t, f, ind->nselect, codes, gs->n,
					  limit);
		free(codes);
	} else {
		freq = main_freq(gs, t, limit);
	}
	for (k = 0; k < gs->n; k++)
		series_trim(&gs->g[k].s, freq, t, limit,
			    ind->scale != 0 ? ind->scale : 1.0);
	if (sum && !series_any_value(&gs->g[0].s)) {
		if (only) { /* the sum of every place's: load them all */
			free(f);
			geos_release(gs);
			return geos_load(cfg, ind, peers, t, as_of, sum, NULL,
					 gs, err);
		}
		sum_places(gs);
	}
	ret = 0;
out:
	free(f);
	return ret;
}

/* ---- the figures of one geography -------------------------------------- */

struct ctx {
	const struct config *cfg;
	const struct config_indicator *ind;
	struct geos *gs;
	unsigned compare;
	int has_base;
	struct period base;
	struct figure_set *set;
	struct period peer_p; /* the peer group's rank period */
	long peer_of;         /* members ranked in it */
};

static int is_pp_unit(int unit)
{
	return unit == UNIT_PERCENT || unit == UNIT_RATE;
}

/* name (e.g. "previous"), change_name, pct_name against the value of p. */
/* v - b without the binary noise of the subtraction: 91.4 - 87.1 is
 * 4.300000000000011 in doubles. The difference is rounded at the 15th
 * significant digit of the larger operand, below which a double holds
 * no information about decimal inputs. */
static double difference(double v, double b)
{
	double m = fmax(fabs(v), fabs(b)), d = v - b, scale;
	int dec;

	if (m == 0 || !isfinite(d))
		return d;
	dec = 14 - (int)floor(log10(m));
	if (dec < -300 || dec > 300)
		return d;
	scale = pow(10.0, dec);
	if (!isfinite(d * scale) || fabs(d * scale) > 9e15)
		return d;
	return round(d * scale) / scale;
}

static void against(struct ctx *c, const struct geo *g, const char *vname,
		    const char *cname, const char *pname,
		    const struct period *p)
{
	const struct series *s = &g->s;
	struct period l = s->periods[g->latest];
	double v = s->values[g->latest], b;
	const char *bst;
	char st[FIGURE_STATUS_MAX] = "";

	if (p->freq == PERIOD_NONE || !value_at(s, p, &b, &bst))
		return;
	status_merge(st, bst);
	emit(c->set, c->ind->id, g->code, vname, *p, b, st);
	status_merge(st, s->status[g->latest]);
	emit(c->set, c->ind->id, g->code, cname, l, difference(v, b), st);
	if (!is_pp_unit(c->ind->unit) && b > 0)
		emit(c->set, c->ind->id, g->code, pname, l,
		     100.0 * (v - b) / b, st);
}

static void rolling(struct ctx *c, const struct geo *g)
{
	const struct series *s = &g->s;
	struct period l = s->periods[g->latest];
	char st[FIGURE_STATUS_MAX] = "";
	double sum = 0, v;
	const char *vst;
	long k, n = c->ind->rolling;

	if (n < 1)
		return;
	for (k = 0; k < n; k++) {
		struct period p = period_add(l, (int)-k);

		if (!value_at(s, &p, &v, &vst))
			return;
		sum += v;
		status_merge(st, vst);
	}
	emit(c->set, c->ind->id, g->code, "rolling_mean", l, sum / (double)n,
	     st);
}

static const struct geo *parent_of(const struct ctx *c, const struct geo *g)
{
	size_t i;

	for (i = 0; i < c->gs->n; i++) {
		const struct geo *p = &c->gs->g[i];

		if (g->role == GEO_PLACE && p->role == GEO_AREA)
			return p;
		if (g->role == GEO_AREA && p->role == GEO_COMPARATOR)
			return p;
	}
	return NULL;
}

static void share(struct ctx *c, const struct geo *g)
{
	const struct geo *parent;
	struct period l = g->s.periods[g->latest];
	char st[FIGURE_STATUS_MAX] = "";
	double pv;
	const char *pst;

	if (c->ind->unit != UNIT_COUNT && c->ind->unit != UNIT_GBP)
		return;
	parent = parent_of(c, g);
	if (!parent || !value_at(&parent->s, &l, &pv, &pst) || pv <= 0)
		return;
	status_merge(st, g->s.status[g->latest]);
	status_merge(st, pst);
	emit(c->set, c->ind->id, g->code, "share_of_parent", l,
	     100.0 * g->s.values[g->latest] / pv, st);
}

/* high: 1 for records of highs, 0 for lows. Values are compared as
 * displayed (fmt_value_cmp), and a tie with any value of the run is not a
 * record: "the highest since" never names a period whose value, or a
 * value in between, prints the same as the latest. */
static void record(struct ctx *c, const struct geo *g, int high)
{
	const struct series *s = &g->s;
	double v = s->values[g->latest];
	char st[FIGURE_STATUS_MAX] = "";
	long j, between = 0, first = -1;

	status_merge(st, s->status[g->latest]);
	for (j = g->latest - 1; j >= 0; j--) {
		int k;

		if (!s->has[j])
			continue;
		k = fmt_value_cmp(s->values[j], v, c->ind->unit,
				  (int)c->ind->decimals);
		if (k == 0)
			return;
		if (high ? k > 0 : k < 0) {
			if (between > 0)
				emit(c->set, c->ind->id, g->code,
				     high ? "record_high_since"
					  : "record_low_since",
				     s->periods[j], v, st);
			return;
		}
		between++;
		first = j;
	}
	if (between > 0)
		emit(c->set, c->ind->id, g->code,
		     high ? "record_high" : "record_low", s->periods[first], v,
		     st);
}

static void geo_figures(struct ctx *c, const struct geo *g, long rank_of,
			const struct period *rank_p)
{
	const struct series *s = &g->s;
	struct period l;
	char st[FIGURE_STATUS_MAX] = "";

	if (g->latest < 0 || !g->code)
		return;
	if (g->peer_rank > 0) {
		char ps[FIGURE_STATUS_MAX] = "";
		double v;
		const char *pst;

		if (value_at(s, &c->peer_p, &v, &pst))
			status_merge(ps, pst);
		emit(c->set, c->ind->id, g->code, "peer_rank", c->peer_p,
		     (double)g->peer_rank, ps);
		emit(c->set, c->ind->id, g->code, "peer_rank_of", c->peer_p,
		     (double)c->peer_of, ps);
	}
	if (g->role == GEO_PEER)
		return;
	l = s->periods[g->latest];
	status_merge(st, s->status[g->latest]);
	emit(c->set, c->ind->id, g->code, "latest", l, s->values[g->latest],
	     st);
	if (c->compare & CMP_PREV) {
		struct period p = period_add(l, -1);

		against(c, g, "previous", "change_prev", "change_prev_pct", &p);
	}
	if (c->compare & CMP_YEAR) {
		struct period p = period_year_ago(l);

		against(c, g, "year_ago", "change_year", "change_year_pct", &p);
	}
	if ((c->compare & CMP_BASE) && c->has_base)
		against(c, g, "baseline", "change_base", "change_base_pct",
			&c->base);
	rolling(c, g);
	if (g->rank > 0) {
		double v;
		const char *rst;
		char rs[FIGURE_STATUS_MAX] = "";

		if (value_at(s, rank_p, &v, &rst))
			status_merge(rs, rst);
		emit(c->set, c->ind->id, g->code, "rank", *rank_p,
		     (double)g->rank, rs);
		emit(c->set, c->ind->id, g->code, "rank_of", *rank_p,
		     (double)rank_of, rs);
	}
	share(c, g);
	record(c, g, 1);
	record(c, g, 0);
}

/* 1 when g is ranked among the places (peers 0) or in the peer group. */
static int in_ranking(const struct geo *g, int peers)
{
	return peers ? g->peer : g->role == GEO_PLACE;
}

/* The most recent latest period of the geographies ranked; 0 if none. */
static int newest_latest(const struct geos *gs, int peers, struct period *rp)
{
	int have = 0;
	size_t i;

	for (i = 0; i < gs->n; i++) {
		const struct geo *g = &gs->g[i];

		if (!in_ranking(g, peers) || g->latest < 0)
			continue;
		if (!have || period_cmp(&g->s.periods[g->latest], rp) > 0)
			*rp = g->s.periods[g->latest];
		have = 1;
	}
	return have;
}

/* Rank the geographies of a ranking by their value in rp, as displayed:
 * equal displayed values share a rank. Returns the number ranked. */
static long rank_in(struct ctx *c, int peers, const struct period *rp)
{
	struct geos *gs = c->gs;
	int dec = (int)c->ind->decimals;
	/* each value as displayed, once (fmt_value_cmp's rule): comparing
	 * them is then n * n cheap comparisons, for 360 places too */
	double *shown = xcalloc(gs->n ? gs->n : 1, sizeof(*shown));
	unsigned char *in = xcalloc(gs->n ? gs->n : 1, 1);
	long n = 0;
	size_t i, j;

	for (i = 0; i < gs->n; i++) {
		double v;

		if (in_ranking(&gs->g[i], peers) &&
		    value_at(&gs->g[i].s, rp, &v, NULL)) {
			shown[i] = fmt_value_shown(v, c->ind->unit, dec);
			in[i] = 1;
		}
	}
	for (i = 0; i < gs->n; i++) {
		long r = 1;

		if (!in[i])
			continue;
		for (j = 0; j < gs->n; j++)
			if (in[j] && shown[j] > shown[i])
				r++;
		if (peers)
			gs->g[i].peer_rank = r;
		else
			gs->g[i].rank = r;
		n++;
	}
	free(shown);
	free(in);
	return n;
}

/* Rank the places in the rank period (the area's latest period, else
 * the most recent latest period of any place); returns the number
 * ranked. */
static long rank_places(struct ctx *c, struct period *rp)
{
	struct geos *gs = c->gs;

	if (gs->n > 0 && gs->g[0].latest >= 0)
		*rp = gs->g[0].s.periods[gs->g[0].latest];
	else if (!newest_latest(gs, 0, rp))
		return 0;
	return rank_in(c, 0, rp);
}

/* Rank the peer group's members in the most recent latest period of
 * any of them: a member without a value in it (or absent from the
 * data) is not ranked and not counted. */
static void rank_peers(struct ctx *c)
{
	if (c->ind->peers && newest_latest(c->gs, 1, &c->peer_p))
		c->peer_of = rank_in(c, 1, &c->peer_p);
}

static int compute(const struct config *cfg,
		   const struct config_indicator *ind, struct geos *gs,
		   struct figure_set *set, struct eim_error *err)
{
	struct ctx c;
	struct period rp = { PERIOD_NONE, 0, 0 };
	enum period_freq freq = PERIOD_NONE;
	long rank_of;
	size_t i;

	memset(&c, 0, sizeof(c));
	c.cfg = cfg;
	c.ind = ind;
	c.gs = gs;
	c.set = set;
	for (i = 0; i < ind->ncompare; i++) {
		if (strcmp(ind->compare[i], "previous") == 0)
			c.compare |= CMP_PREV;
		else if (strcmp(ind->compare[i], "year") == 0)
			c.compare |= CMP_YEAR;
		else if (strcmp(ind->compare[i], "baseline") == 0)
			c.compare |= CMP_BASE;
		else
			return ind_error(cfg, ind, err,
					 "indicator '%s': unknown comparison "
					 "'%s' (expected previous, year or "
					 "baseline)",
					 ind->id, ind->compare[i]);
	}
	if (ind->ncompare == 0)
		c.compare = CMP_PREV | CMP_YEAR | CMP_BASE;
	for (i = 0; i < gs->n; i++) {
		struct geo *g = &gs->g[i];
		long j;

		for (j = (long)g->s.n - 1; j >= 0 && g->latest < 0; j--)
			if (g->s.has[j])
				g->latest = j;
		if (g->s.n > 0)
			freq = g->s.periods[0].freq;
	}
	if (ind->baseline && ind->baseline[0] && (c.compare & CMP_BASE)) {
		if (period_parse(ind->baseline, strlen(ind->baseline),
				 &c.base) < 0)
			return ind_error(cfg, ind, err,
					 "indicator '%s': bad baseline period "
					 "'%s'",
					 ind->id, ind->baseline);
		if (freq != PERIOD_NONE && c.base.freq != freq)
			return ind_error(cfg, ind, err,
					 "indicator '%s': baseline '%s' is not "
					 "of the series' frequency",
					 ind->id, ind->baseline);
		c.has_base = 1;
	}
	rank_of = rank_places(&c, &rp);
	rank_peers(&c);
	for (i = 0; i < gs->n; i++)
		geo_figures(&c, &gs->g[i], rank_of, &rp);
	return 0;
}

/* ---- public ------------------------------------------------------------ */

int figures_compute(const struct config *cfg,
		    const struct config_indicator *ind,
		    const struct series_table *table,
		    const struct period *as_of, struct figure_set *set,
		    struct eim_error *err)
{
	struct geos gs = { NULL, 0 };
	int ret = -1;

	if (ind->combine == COMBINE_RATIO) {
		ind_error(cfg, ind, err,
			  "indicator '%s' is a ratio: it is computed from "
			  "its numerator and denominator%s",
			  ind->id, "");
		goto out;
	}
	if (geos_load(cfg, ind, ind->peers, table, as_of,
		      ind->combine == COMBINE_SUM, NULL, &gs, err) < 0)
		goto out;
	if (compute(cfg, ind, &gs, set, err) < 0)
		goto out;
	ret = 0;
out:
	figures_index(set);
	geos_release(&gs);
	return ret;
}

/* out = 100? * num / den, period by period, for each geography. */
static void ratio_series(const struct config_indicator *ind,
			 const struct series *num, const struct series *den,
			 struct series *out)
{
	double k = (is_pp_unit(ind->unit) ? 100.0 : 1.0) *
		   (ind->scale != 0 ? ind->scale : 1.0);
	size_t i;

	series_alloc(out, num->n);
	for (i = 0; i < num->n; i++) {
		double d;
		const char *dst;
		char st[FIGURE_STATUS_MAX] = "";

		if (!num->has[i] || !value_at(den, &num->periods[i], &d, &dst) ||
		    d == 0)
			continue;
		status_merge(st, num->status[i]);
		status_merge(st, dst);
		out->periods[out->n] = num->periods[i];
		out->values[out->n] = k * num->values[i] / d;
		out->has[out->n] = 1;
		snprintf(out->status[out->n], SERIES_STATUS_MAX, "%s", st);
		out->n++;
	}
}

int figures_compute_ratio(const struct config *cfg,
			  const struct config_indicator *ind,
			  const struct config_indicator *num,
			  const struct series_table *num_table,
			  const struct config_indicator *den,
			  const struct series_table *den_table,
			  const struct period *as_of, struct figure_set *set,
			  struct eim_error *err)
{
	struct geos gn = { NULL, 0 }, gd = { NULL, 0 }, gr = { NULL, 0 };
	size_t i;
	int ret = -1;

	if (geos_load(cfg, num, ind->peers, num_table, as_of, 1, NULL, &gn,
		      err) < 0 ||
	    geos_load(cfg, den, ind->peers, den_table, as_of, 1, NULL, &gd,
		      err) < 0)
		goto out;
	gr.n = gn.n;
	gr.g = xcalloc(gr.n ? gr.n : 1, sizeof(*gr.g));
	for (i = 0; i < gr.n; i++) {
		gr.g[i].code = gn.g[i].code;
		gr.g[i].role = gn.g[i].role;
		gr.g[i].peer = gn.g[i].peer;
		gr.g[i].latest = -1;
		ratio_series(ind, &gn.g[i].s, &gd.g[i].s, &gr.g[i].s);
	}
	if (compute(cfg, ind, &gr, set, err) < 0)
		goto out;
	ret = 0;
out:
	figures_index(set);
	geos_release(&gn);
	geos_release(&gd);
	geos_release(&gr);
	return ret;
}

/* Move geography geo's series out of gs into out (empty if absent). */
static void take_series(struct geos *gs, const char *geo, struct series *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < gs->n; i++)
		if (gs->g[i].code && strcmp(gs->g[i].code, geo) == 0) {
			*out = gs->g[i].s;
			memset(&gs->g[i].s, 0, sizeof(gs->g[i].s));
			return;
		}
}

static int series_of(const struct config *cfg,
		     const struct config_indicator *ind,
		     const struct series_table *table,
		     const struct period *as_of, int sum, int freq,
		     const char *geo, struct series *out,
		     struct eim_error *err)
{
	struct geos gs = { NULL, 0 };
	struct geo_pick pick;
	int ret = -1;

	memset(out, 0, sizeof(*out));
	pick.code = geo;
	pick.freq = freq;
	if (geos_load(cfg, ind, NULL, table, as_of, sum, &pick, &gs, err) < 0)
		goto out;
	take_series(&gs, geo, out);
	ret = 0;
out:
	geos_release(&gs);
	return ret;
}

int figures_series_freq(const struct config *cfg,
			const struct config_indicator *ind,
			const struct series_table *table,
			const struct period *as_of)
{
	const char **codes;
	struct series_filter *f;
	size_t i, k = 0, n = 1 + cfg->nplaces + cfg->ncomparators;
	int freq;

	codes = xcalloc(n, sizeof(*codes));
	f = xcalloc(ind->nselect ? ind->nselect : 1, sizeof(*f));
	codes[k++] = cfg->area.code;
	for (i = 0; i < cfg->nplaces; i++)
		codes[k++] = cfg->places[i].code;
	for (i = 0; i < cfg->ncomparators; i++)
		codes[k++] = cfg->comparators[i].code;
	for (i = 0; i < ind->nselect; i++) {
		f[i].dim = ind->select[i].key;
		f[i].value = ind->select[i].value;
	}
	freq = (int)series_latest_freq(table, f, ind->nselect, codes, n,
				       as_of ? period_end_day(as_of) : -1);
	free(codes);
	free(f);
	return freq;
}

int figures_series(const struct config *cfg,
		   const struct config_indicator *ind,
		   const struct series_table *table,
		   const struct period *as_of, int freq, const char *geo,
		   struct series *out, struct eim_error *err)
{
	return series_of(cfg, ind, table, as_of, ind->combine == COMBINE_SUM,
			 freq, geo, out, err);
}

int figures_series_ratio(const struct config *cfg,
			 const struct config_indicator *ind,
			 const struct config_indicator *num,
			 const struct series_table *num_table,
			 const struct config_indicator *den,
			 const struct series_table *den_table,
			 const struct period *as_of, int num_freq,
			 int den_freq, const char *geo, struct series *out,
			 struct eim_error *err)
{
	struct series n, d;
	int ret = -1;

	memset(out, 0, sizeof(*out));
	memset(&d, 0, sizeof(d));
	/* as figures_compute_ratio: the area's parts summed if needed */
	if (series_of(cfg, num, num_table, as_of, 1, num_freq, geo, &n,
		      err) < 0)
		return -1;
	if (series_of(cfg, den, den_table, as_of, 1, den_freq, geo, &d,
		      err) < 0)
		goto out;
	ratio_series(ind, &n, &d, out);
	ret = 0;
out:
	series_release(&n);
	series_release(&d);
	return ret;
}

/* The shortest decimal text that reads back as v, in positional form
 * (25340000000, 0.08, never 2.534e+10) for |v| in [1e-5, 1e17). */
/* v written with prec significant digits into buf reads back as v. */
static int reads_back(char *buf, size_t size, int prec, double v)
{
	int n = snprintf(buf, size, "%.*g", prec, v);

	return n > 0 && (size_t)n < size && strtod(buf, NULL) == v;
}

static void shortest(char *buf, size_t size, double v)
{
	char e[40];
	int prec, lo = 1, hi = 17, x;

	if (v == 0) {
		snprintf(buf, size, "0");
		return;
	}
	/* the fewest significant digits that read back as v: if p digits
	 * do, p + 1 do too (the correctly rounded p + 1 digits are at least
	 * as close to v), so search; 17 always do */
	while (lo < hi) {
		int mid = (lo + hi) / 2;

		if (reads_back(buf, size, mid, v))
			hi = mid;
		else
			lo = mid + 1;
	}
	prec = lo;
	(void)reads_back(buf, size, prec, v); /* buf: the %g form */
	snprintf(e, sizeof(e), "%.*e", prec - 1, v);
	x = (int)strtol(strchr(e, 'e') + 1, NULL, 10);
	if (x >= -5 && x < 17)
		snprintf(buf, size, "%.*f", prec - 1 - x > 0 ? prec - 1 - x : 0,
			 v);
}

int figures_write_csv(const struct figure_set *set, struct strbuf *out)
{
	char per[PERIOD_TEXT_MAX], num[40];
	size_t i;

	if (strbuf_adds(out, "indicator,geography,figure,period,value,status\n")
	    < 0)
		return -1;
	for (i = 0; i < set->n; i++) {
		const struct figure *f = &set->items[i];

		period_format(&f->period, per, sizeof(per));
		shortest(num, sizeof(num), f->value);
		if (strbuf_add_csv(out, f->indicator) < 0 ||
		    strbuf_addch(out, ',') < 0 ||
		    strbuf_add_csv(out, f->geography) < 0 ||
		    strbuf_addf(out, ",%s,%s,%s,", f->name, per, num) < 0 ||
		    strbuf_add_csv(out, f->status) < 0 ||
		    strbuf_addch(out, '\n') < 0)
			return -1;
	}
	return 0;
}

/* The figure names emit writes, so that a figure read back has the same
 * static name as one computed. */
static const char *const figure_names[] = {
	"latest", "previous", "change_prev", "change_prev_pct", "year_ago",
	"change_year", "change_year_pct", "baseline", "change_base",
	"change_base_pct", "rolling_mean", "share_of_parent",
	"record_high_since", "record_low_since", "record_high", "record_low",
	"rank", "rank_of", "peer_rank", "peer_rank_of"
};

static const char *figure_name(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(figure_names) / sizeof(figure_names[0]); i++)
		if (strcmp(s, figure_names[i]) == 0)
			return figure_names[i];
	return NULL;
}

/* One row of figures.csv (columns col[0..5] as the header names them). */
static int read_row(struct csv_reader *r, const struct csv_field *f,
		    size_t n, const int *col, const char *file,
		    struct figure_set *set, struct eim_error *err)
{
	const struct csv_field *per = &f[col[3]], *val = &f[col[4]];
	const char *name = figure_name(f[col[2]].p);
	struct period p;
	double v;
	char *end;
	int line, c;

	if (!name)
		return 0; /* a figure this version does not compute */
	if (period_parse(per->p, per->len, &p) != 0) {
		csv_reader_where(r, per->p, &line, &c);
		return eim_error_set(err, EIM_DATA, file, line, c,
				     "cannot read period '%.*s'",
				     (int)(per->len > 40 ? 40 : per->len),
				     per->p);
	}
	v = strtod(val->p, &end);
	if (end == val->p || *end || !isfinite(v)) {
		csv_reader_where(r, val->p, &line, &c);
		return eim_error_set(err, EIM_DATA, file, line, c,
				     "value '%.*s' is not a finite number",
				     (int)(val->len > 40 ? 40 : val->len),
				     val->p);
	}
	emit(set, f[col[0]].p, f[col[1]].p, name, p, v,
	     col[5] >= 0 && (size_t)col[5] < n ? f[col[5]].p : "");
	return 0;
}

int figures_read_csv(const char *text, size_t len, const char *file,
		     struct figure_set *set, struct eim_error *err)
{
	static const char *const cols[] = { "indicator", "geography", "figure",
					    "period", "value", "status" };
	struct csv_reader *r = csv_reader_mem(text, len, file, 0);
	struct csv_field *f;
	size_t n, i;
	int col[6], rc, ret = -1;

	rc = csv_reader_next(r, &f, &n, err);
	if (rc != 1) {
		if (rc == 0)
			eim_error_set(err, EIM_DATA, file, 0, 0, "no header");
		goto out;
	}
	for (i = 0; i < 6; i++) {
		col[i] = csv_find_column(f, n, cols[i]);
		if (i < 5 && col[i] < 0) {
			eim_error_set(err, EIM_DATA, file, 1, 0, "no column "
				      "'%s'", cols[i]);
			goto out;
		}
	}
	while ((rc = csv_reader_next(r, &f, &n, err)) == 1) {
		for (i = 0; i < 5; i++)
			if ((size_t)col[i] >= n)
				break;
		if (i < 5) {
			int line, c;

			csv_reader_where(r, f[0].p, &line, &c);
			eim_error_set(err, EIM_DATA, file, line, 0, "row has "
				      "%zu fields, the header more", n);
			goto out;
		}
		if (read_row(r, f, n, col, file, set, err) != 0)
			goto out;
	}
	if (rc < 0)
		goto out;
	figures_index(set);
	ret = 0;
out:
	csv_reader_free(r);
	return ret;
}
