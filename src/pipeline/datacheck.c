/* datacheck.c - what the feeds hold against what the monitor and its
 * template ask for (datacheck.h). The rule it keeps: a bulletin that is
 * published shows every geography and indicator the config asks for, or
 * the build says why not. */
#include "datacheck.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "strbuf.h"
#include "xalloc.h"
#include "yamldoc.h"
#include "banned.h"

#define MAX_VALUES_SHOWN 8

struct dc {
	const struct config *c;
	const struct datacheck_feed *feeds;
	struct period week;
	long week_end;
	char cutoff[32];
	struct eim_warnings *fatal, *warn, *notes;
	struct datacheck_result *res;
	unsigned char *bad_select; /* [nindicators]: select already reported */
};

static void finding(struct dc *d, int fatal, const char *file,
		    const struct ydoc_node *at, int line, int col,
		    const char *fmt, ...) __attribute__((format(printf, 7, 8)));

static void finding(struct dc *d, int fatal, const char *file,
		    const struct ydoc_node *at, int line, int col,
		    const char *fmt, ...)
{
	char msg[EIM_MSG_MAX];
	va_list ap;

	if (at) {
		line = at->line;
		col = at->col;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	eim_warn(fatal ? d->fatal : d->warn, "%s:%d:%d: %s", file, line, col,
		 msg);
	d->res->nfindings++;
	if (!fatal)
		return;
	if (!d->res->nfatal)
		eim_error_set(&d->res->first_fatal, EIM_DATA, file, line, col,
			      "%s", msg);
	d->res->nfatal++;
}

static const struct ydoc_node *node_at(const struct ydoc_node *n,
				       const char *key)
{
	const struct ydoc_node *v = n ? ydoc_get(n, key) : NULL;
	return v ? v : n;
}

static const struct datacheck_feed *feed_of(const struct dc *d,
					    const char *id, size_t *idx)
{
	size_t i;

	for (i = 0; id && i < d->c->nfeeds; i++)
		if (strcmp(d->c->feeds[i].id, id) == 0) {
			if (idx)
				*idx = i;
			return &d->feeds[i];
		}
	return NULL;
}

/* The distinct codes of dimension dim, "a, b, c" (at most a few), and the
 * one closest to want. */
static void values_of(const struct series_table *t, int dim, const char *want,
		      struct strbuf *list, const char **hint)
{
	const char **v = xcalloc(t->n ? t->n : 1, sizeof(*v));
	size_t i, j, n = 0;

	for (i = 0; i < t->n; i++) {
		const char *code = t->obs[i].codes[dim];
		for (j = 0; j < n && v[j] != code; j++)
			;
		if (j == n)
			v[n++] = code; /* interned: equal codes, equal pointers */
	}
	for (i = 0; i < n && i < MAX_VALUES_SHOWN; i++)
		strbuf_addf(list, "%s'%s'", i ? ", " : "", v[i]);
	if (n > MAX_VALUES_SHOWN)
		strbuf_addf(list, " and %zu more", n - MAX_VALUES_SHOWN);
	*hint = NULL;
	for (i = 0; i < n && !*hint; i++)
		if (strcasecmp(v[i], want) == 0)
			*hint = v[i];
	if (!*hint)
		*hint = schema_suggest(want, v, n);
	free(v);
}

static int has_value(const struct series_table *t, int dim, const char *want)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (strcmp(t->obs[i].codes[dim], want) == 0 ||
		    strcmp(t->obs[i].labels[dim], want) == 0)
			return 1;
	return 0;
}

/* A value that matches no row: say which exist, and the closest. */
static void no_such_value(struct dc *d, const struct ydoc_node *at,
			  const struct series_table *t, int dim,
			  const char *what, const char *want)
{
	struct strbuf sb = STRBUF_INIT;
	const char *hint;

	values_of(t, dim, want, &sb, &hint);
	if (hint)
		finding(d, 1, d->c->path, at, 0, 0, "%s '%s' matches no row "
			"(did you mean '%s'? values there: %s)", what, want,
			hint, sb.buf);
	else
		finding(d, 1, d->c->path, at, 0, 0, "%s '%s' matches no row "
			"(values there: %s)", what, want, sb.buf);
	strbuf_release(&sb);
}

/* A mapped column the file lacks: the reader names it; point at the
 * mapping key that names it. */
static void check_read_error(struct dc *d, const struct config_feed *f,
			     const struct eim_error *e)
{
	const struct config_mapping *m = &f->mapping;
	const struct ydoc_node *mn = node_at(f->node, "mapping");
	const char *keys[] = { "period", "geography", "geography_name",
			       "value", "status", "records" };
	const char *vals[] = { m->period, m->geography, m->geography_name,
			       m->value, m->status, m->records };
	char quoted[EIM_MSG_MAX], msg[EIM_PATH_MAX + EIM_MSG_MAX + 32];
	size_t i;

	if (e->kind == EIM_OK || mn == f->node)
		return;
	eim_error_format(e, msg, sizeof(msg));
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (!vals[i])
			continue;
		snprintf(quoted, sizeof(quoted), "'%s'", vals[i]);
		if (strstr(e->msg, quoted)) {
			finding(d, 1, d->c->path, node_at(mn, keys[i]), 0, 0,
				"feed '%s': mapping %s %s is not in the "
				"file (%s)", f->id, keys[i], quoted, msg);
			return;
		}
	}
	for (i = 0; i < m->nfilter; i++) {
		snprintf(quoted, sizeof(quoted), "'%s'", m->filter[i].key);
		if (strstr(e->msg, quoted)) {
			finding(d, 1, d->c->path,
				node_at(node_at(mn, "filter"), m->filter[i].key),
				0, 0, "feed '%s': mapping filter column %s is "
				"not in the file (%s)", f->id, quoted, msg);
			return;
		}
	}
	for (i = 0; i < m->ndims; i++) {
		snprintf(quoted, sizeof(quoted), "'%s'", m->dims[i]);
		if (strstr(e->msg, quoted)) {
			finding(d, 1, d->c->path, node_at(mn, "dims"), 0, 0,
				"feed '%s': mapping dims %s is not in the "
				"file (%s)", f->id, quoted, msg);
			return;
		}
	}
}

/* A filter that keeps no row. */
static void check_filters(struct dc *d, const struct config_feed *f,
			  const struct datacheck_feed *df)
{
	const struct ydoc_node *fn =
		node_at(node_at(f->node, "mapping"), "filter");
	size_t i;

	if (!df->table || df->table->n || !df->unfiltered)
		return;
	for (i = 0; i < f->mapping.nfilter; i++) {
		const struct schema_kv *kv = &f->mapping.filter[i];
		int dim = series_dim_index(df->unfiltered, kv->key);
		char what[128];
		if (dim < 0 || has_value(df->unfiltered, dim, kv->value))
			continue;
		snprintf(what, sizeof(what), "feed '%s': filter %s", f->id,
			 kv->key);
		no_such_value(d, node_at(fn, kv->key), df->unfiltered, dim,
			      what, kv->value);
	}
}

static size_t filters_of(const struct config_indicator *ind,
			 struct series_filter *f, size_t cap)
{
	size_t i, n = 0;

	for (i = 0; i < ind->nselect && n < cap; i++) {
		f[n].dim = ind->select[i].key;
		f[n].value = ind->select[i].value;
		n++;
	}
	return n;
}

/* select: a dimension the feed has, a value it has. Returns 0 when the
 * indicator's rows can be picked. */
static int check_select(struct dc *d, const struct config_indicator *ind,
			const struct series_table *t)
{
	const struct ydoc_node *sn = node_at(ind->node, "select");
	int ok = 1;
	size_t i, k;

	for (i = 0; i < ind->nselect; i++) {
		const struct schema_kv *kv = &ind->select[i];
		int dim = series_dim_index(t, kv->key);
		char what[160];
		if (dim < 0) {
			struct strbuf sb = STRBUF_INIT;
			const char *hint = schema_suggest(
				kv->key, (const char *const *)t->dim_ids,
				t->ndims);
			for (k = 0; k < t->ndims; k++)
				strbuf_addf(&sb, "%s'%s'", k ? ", " : "",
					    t->dim_ids[k]);
			finding(d, 1, d->c->path, node_at(sn, kv->key), 0, 0,
				"indicator '%s': select dimension '%s' is not "
				"in feed '%s' (%s%s%sdimensions there: %s)",
				ind->id, kv->key, ind->feed,
				hint ? "did you mean '" : "", hint ? hint : "",
				hint ? "'? " : "", sb.buf);
			strbuf_release(&sb);
			ok = 0;
			continue;
		}
		if (has_value(t, dim, kv->value))
			continue;
		snprintf(what, sizeof(what), "indicator '%s': select %s",
			 ind->id, kv->key);
		no_such_value(d, node_at(sn, kv->key), t, dim, what,
			      kv->value);
		ok = 0;
	}
	return ok ? 0 : -1;
}

/* 1: the indicator has a value for geo by the cut-off; 0: none; -1: the
 * select does not pick one series (two rows for a period). */
/* What a chart needs of one series, up to the cut-off. */
struct facts {
	int any;               /* a value by the cut-off */
	struct period latest;  /* of the latest value */
	int since_ok;          /* a value at or after since (1 without) */
	int base_ok;           /* a non-zero value at base (1 without) */
};

/* 0, or -1 when the select does not pick one series (two rows for a
 * period). since and base may be NULL. */
static int facts_of(const struct dc *d, const struct config_indicator *ind,
		    const struct series_table *t, const char *geo,
		    const struct period *since, const struct period *base,
		    struct facts *out)
{
	struct series_filter f[16];
	struct series s;
	size_t i, nf = filters_of(ind, f, 16);

	memset(out, 0, sizeof(*out));
	out->since_ok = !since;
	out->base_ok = !base;
	if (series_extract(t, f, nf, geo, &s)) {
		series_release(&s);
		return -1;
	}
	for (i = 0; i < s.n; i++) {
		if (!s.has[i] || period_end_day(&s.periods[i]) > d->week_end)
			continue;
		out->any = 1;
		out->latest = s.periods[i]; /* sorted by period */
		if (since && period_cmp(&s.periods[i], since) >= 0)
			out->since_ok = 1;
		if (base && period_eq(&s.periods[i], base) && s.values[i] != 0)
			out->base_ok = 1;
	}
	series_release(&s);
	return 0;
}

/* 1: the indicator has a value for geo by the cut-off; 0: none; -1: the
 * select does not pick one series (two rows for a period). */
static int has_obs(const struct dc *d, const struct config_indicator *ind,
		   const struct series_table *t, const char *geo)
{
	struct facts f;

	if (facts_of(d, ind, t, geo, NULL, NULL, &f))
		return -1;
	return f.any;
}

/* As has_obs, but as the figures see it: an area missing from a feed of
 * an indicator that sums its places is the sum of the places. */
static int has_figure(const struct dc *d, const struct config_indicator *ind,
		      const struct series_table *t, const char *geo)
{
	size_t i;
	int r = has_obs(d, ind, t, geo);

	if (r != 0 || ind->combine != COMBINE_SUM ||
	    strcmp(geo, d->c->area.code) != 0 || !d->c->nplaces)
		return r;
	for (i = 0; i < d->c->nplaces; i++)
		if (has_obs(d, ind, t, d->c->places[i].code) != 1)
			return 0;
	return 1;
}

/* Room for every geography nwords role words and codes can name: the
 * area, every place and comparator once each, and each other word. No
 * fixed cap, so a national monitor's places are all checked. */
static size_t geos_cap(const struct config *c, size_t nwords)
{
	return 1 + c->nplaces + c->ncomparators + nwords;
}

static int allowed(const struct config *c, char *const *words, size_t n,
		   const char *geo)
{
	size_t i, cap = geos_cap(c, n), k;
	const char **codes = xcalloc(cap, sizeof(*codes));
	int found = 0;

	k = config_resolve_geos(c, words, n, codes, cap);
	for (i = 0; i < k && !found; i++)
		found = strcmp(codes[i], geo) == 0;
	free(codes);
	return found;
}

static const char *geo_name(const struct config *c, const char *code)
{
	const char *n = config_place_name(c, code);
	return n ? n : code;
}

/* The table an indicator reads, when it can be checked: a loaded feed
 * and a select that picks rows. */
static const struct series_table *usable(struct dc *d,
					 const struct config_indicator *ind)
{
	const struct datacheck_feed *df;
	size_t idx = 0;

	if (ind->combine == COMBINE_RATIO)
		return NULL;
	df = feed_of(d, ind->feed, NULL);
	if (!df || !df->table || !df->table->n)
		return NULL;
	idx = (size_t)(ind - d->c->indicators);
	if (d->bad_select[idx])
		return NULL;
	return df->table;
}

/* The geography the dashboard falls back to (as compose_main_geo):
 * the first comparator, else the first place, with a value. */
static const char *nearest_geo(const struct dc *d,
			       const struct config_indicator *ind,
			       const struct series_table *t)
{
	const struct config *c = d->c;
	size_t i;

	for (i = 0; i < c->ncomparators; i++)
		if (has_obs(d, ind, t, c->comparators[i].code) == 1)
			return c->comparators[i].code;
	for (i = 0; i < c->nplaces; i++)
		if (has_obs(d, ind, t, c->places[i].code) == 1)
			return c->places[i].code;
	return NULL;
}

static void check_indicators(struct dc *d, const struct template_def *t)
{
	const struct config *c = d->c;
	size_t i;

	for (i = 0; i < c->nindicators; i++) {
		const struct config_indicator *ind = &c->indicators[i];
		const struct datacheck_feed *df = feed_of(d, ind->feed, NULL);
		const struct series_table *tb;
		int r;
		if (ind->combine == COMBINE_RATIO || !df || !df->table ||
		    !df->table->n)
			continue;
		if (check_select(d, ind, df->table)) {
			d->bad_select[i] = 1;
			continue;
		}
		tb = df->table;
		r = has_figure(d, ind, tb, c->area.code);
		if (r < 0) {
			finding(d, 1, c->path, node_at(ind->node, "select"), 0,
				0, "indicator '%s': its select picks more than "
				"one row for a period of feed '%s' (add the "
				"dimension that tells them apart to select)",
				ind->id, ind->feed);
			d->bad_select[i] = 1;
		} else if (r == 0 && template_shows_indicator(t, ind->id) &&
			   !allowed(c, ind->allow_missing, ind->nallow_missing,
				    c->area.code)) {
			/* the dashboard and headlines then report the
			 * nearest geography, and name it; with none at all
			 * the indicator is lost */
			const char *near = nearest_geo(d, ind, tb);
			finding(d, !near, c->path, ind->node, 0, 0,
				"indicator '%s' has no observation for the area "
				"(%s) by the edition's cut-off, %s; %s%s%s (if "
				"it is not published for the area, add "
				"\"area\" to its allow_missing)", ind->id,
				c->area.code, d->cutoff,
				near ? "it is reported for " : "nor has any "
				"geography of the monitor",
				near ? geo_name(c, near) : "",
				near ? " instead" : "");
		}
	}
}

/* A place, comparator or area code that no loaded feed has: a typo? */
static void check_codes(struct dc *d)
{
	const struct config *c = d->c;
	const struct ydoc_node *root = c->yaml ? c->yaml->root : NULL;
	const char *lists[] = { "places", "comparators" };
	const struct config_place *pl[] = { c->places, c->comparators };
	const size_t np[] = { c->nplaces, c->ncomparators };
	size_t l, i, f, k, nall = 0;
	const char **all = NULL, **unknown;
	size_t cap = 0, nunknown = 0;
	int loaded = 0;

	for (f = 0; f < c->nfeeds; f++) {
		const struct series_table *t = d->feeds[f].table;
		if (!t || t->dim_geo < 0 || !t->n)
			continue;
		loaded = 1;
		for (i = 0; i < t->n; i++) {
			const char *code = t->obs[i].codes[t->dim_geo];
			for (k = 0; k < nall && strcmp(all[k], code); k++)
				;
			if (k < nall)
				continue;
			if (nall == cap) {
				cap = cap ? 2 * cap : 64;
				all = xrealloc(all, cap * sizeof(*all));
			}
			all[nall++] = code;
		}
	}
	/* the codes the feeds have and the monitor does not: the likely
	 * corrections of a typo */
	unknown = xcalloc(nall + 1, sizeof(*unknown));
	for (k = 0; k < nall; k++)
		if (!config_place_name(c, all[k]))
			unknown[nunknown++] = all[k];
	for (l = 0; loaded && l < 2; l++) {
		const struct ydoc_node *ln = root ? ydoc_get(root, lists[l])
						  : NULL;
		for (i = 0; i < np[l]; i++) {
			const char *code = pl[l][i].code;
			const char *hint;
			const struct ydoc_node *at =
				ln && ln->type == YDOC_SEQ && i < ln->n
					? node_at(ln->items[i], "code") : NULL;
			for (k = 0; k < nall && strcmp(all[k], code); k++)
				;
			if (k < nall)
				continue;
			hint = schema_suggest(code, unknown, nunknown);
			finding(d, 0, c->path, at, 0, 0, "%s '%s' (%s) is in "
				"no feed%s%s%s", l ? "comparator" : "place",
				pl[l][i].name, code,
				hint ? " (did you mean '" : "",
				hint ? hint : "", hint ? "'?)" : "");
		}
	}
	free(unknown);
	free(all);
}

static void set_places(struct tpl_block *b, const char *const *codes,
		       size_t n)
{
	size_t i;

	for (i = 0; i < b->nplaces; i++)
		free(b->places[i]);
	free(b->places);
	b->places = xcalloc(n ? n : 1, sizeof(*b->places));
	for (i = 0; i < n; i++)
		b->places[i] = xstrdup(codes[i]);
	b->nplaces = n;
}

/* The geographies a chart or table block shows (as compose does), in
 * out[], which has room for geos_cap(c, b->nplaces + 3). */
static size_t block_geos(const struct config *c, const struct tpl_block *b,
			 const char **out)
{
	static char w_area[] = "area", w_places[] = "places",
		    w_comp[] = "comparators";
	static char *all[] = { w_area, w_places, w_comp };
	size_t cap = geos_cap(c, b->nplaces + 3);

	if (b->nplaces)
		return config_resolve_geos(c, b->places, b->nplaces, out, cap);
	if (b->type == TPL_TABLE)
		return config_resolve_geos(c, all, 3, out, cap);
	out[0] = c->area.code;
	return 1;
}

/* What a chart would leave out of what has data: a line that cannot be
 * indexed (no value at index_to), a line with nothing since `since`, a
 * bar whose latest period is older than the others' (bars compare one
 * period). Allowed gaps are taken out of kept; others are findings.
 * Returns the new count of kept. */
static size_t check_chart_series(struct dc *d, const struct template_def *t,
				 const struct tpl_block *b, const char **kept,
				 size_t nk, int *changed)
{
	const struct config *c = d->c;
	struct period since, base, newest;
	const struct period *ps = NULL, *pb = NULL;
	size_t g, i, k = 0;
	char per[32], lat[32];

	if (b->since && !period_parse(b->since, strlen(b->since), &since))
		ps = &since;
	if (b->index_to &&
	    !period_parse(b->index_to, strlen(b->index_to), &base))
		pb = &base;
	if (b->chart == TPL_CHART_BAR)
		ps = pb = NULL;
	for (i = 0; i < b->nindicators; i++) {
		const struct config_indicator *ind =
			config_find_indicator(c, b->indicators[i]);
		const struct series_table *tb = ind ? usable(d, ind) : NULL;
		struct facts f;
		if (!tb)
			continue;
		memset(&newest, 0, sizeof(newest));
		for (g = 0; g < nk; g++)
			if (!facts_of(d, ind, tb, kept[g], NULL, NULL, &f) &&
			    f.any && (!newest.freq ||
				      period_cmp(&f.latest, &newest) > 0))
				newest = f.latest;
		for (g = 0, k = 0; g < nk; g++) {
			const char *why = NULL, *fix = "add it to allow_missing of";
			if (facts_of(d, ind, tb, kept[g], ps, pb, &f) ||
			    !f.any) {
				kept[k++] = kept[g];
				continue;
			}
			if (!f.base_ok) {
				why = "has no value at index_to";
				fix = "change chart.index_to of";
			} else if (!f.since_ok) {
				why = "has no value since `since`";
				fix = "change chart.since of";
			}

			if (!why) {
				kept[k++] = kept[g];
				continue;
			}
			if (allowed(c, ind->allow_missing, ind->nallow_missing,
				    kept[g]) ||
			    allowed(c, b->allow_missing, b->nallow_missing,
				    kept[g])) {
				*changed = 1;
				continue;
			}
			period_format(&f.latest, lat, sizeof(lat));
			period_format(pb ? pb : ps ? ps : &newest, per,
				      sizeof(per));
			/* a bar a period behind is a late release, shown
			 * as such by the chart's period: a warning */
			finding(d, !(b->chart == TPL_CHART_BAR && f.base_ok &&
				     f.since_ok), t->path, NULL, b->line, b->col,
				"chart of '%s' would leave out %s (%s): it %s "
				"(%s; its latest is %s): %s indicator '%s' "
				"in %s:%d:%d (or the block's)", ind->id,
				geo_name(c, kept[g]), kept[g], why, per, lat,
				fix, ind->id, c->path,
				ind->node ? ind->node->line : 0,
				ind->node ? ind->node->col : 0);
			kept[k++] = kept[g];
		}
		nk = k;
	}
	return nk;
}

/* Every geography of the block for every indicator: present, allowed to
 * be missing (then left out of the block), or a fatal finding. Returns 0
 * when the block is to be removed. geos and kept have room for every
 * geography of the block (check_block). */
static int check_block_geos(struct dc *d, const struct template_def *t,
			    struct tpl_block *b, const char **geos,
			    const char **kept)
{
	const struct config *c = d->c;
	size_t ng = block_geos(c, b, geos), nk = 0, g, i;
	int checked = 0, changed = 0;
	const char *kind = b->type == TPL_TABLE ? "table" : "chart";

	for (g = 0; g < ng; g++) {
		int keep = 0, gap = 0;
		for (i = 0; i < b->nindicators; i++) {
			const struct config_indicator *ind =
				config_find_indicator(c, b->indicators[i]);
			const struct series_table *tb =
				ind ? usable(d, ind) : NULL;
			int r;
			if (!tb) {
				keep = 1; /* not checked: drawn as before */
				continue;
			}
			checked = 1;
			/* tables and charts print the figures' series (an
			 * area summed from its places included) */
			r = has_figure(d, ind, tb, geos[g]);
			if (r != 0) {
				keep = 1;
				continue;
			}
			if (allowed(c, ind->allow_missing, ind->nallow_missing,
				    geos[g]) ||
			    allowed(c, b->allow_missing, b->nallow_missing,
				    geos[g])) {
				gap = 1;
				continue;
			}
			keep = 1;
			finding(d, 1, t->path, NULL, b->line, b->col,
				"%s of '%s' shows %s (%s), but feed '%s' has "
				"no observation for it by %s (if it is not "
				"published there, add it to allow_missing of "
				"indicator '%s' in %s:%d:%d)", kind, ind->id,
				geo_name(c, geos[g]), geos[g], ind->feed,
				d->cutoff, ind->id, c->path,
				ind->node ? ind->node->line : 0,
				ind->node ? ind->node->col : 0);
		}
		if (keep)
			kept[nk++] = geos[g];
		else if (gap)
			changed = 1;
	}
	if (!checked)
		return 1;
	if (!nk) {
		eim_warn(d->notes, "%s:%d:%d: note: %s of '%s' left out: "
			 "none of its geographies is published (allow_missing)",
			 t->path, b->line, b->col, kind, b->indicators[0]);
		return 0;
	}
	if (b->type == TPL_CHART)
		nk = check_chart_series(d, t, b, kept, nk, &changed);
	if (!nk) {
		eim_warn(d->notes, "%s:%d:%d: note: chart of '%s' left out: "
			 "none of its geographies is published "
			 "(allow_missing)", t->path, b->line, b->col,
			 b->indicators[0]);
		return 0;
	}
	if (changed)
		set_places(b, kept, nk);
	if (b->type == TPL_CHART && b->chart != TPL_CHART_BAR) {
		size_t nseries = b->nindicators > 1 ? b->nindicators : nk;
		if (nseries > DATACHECK_MAX_SERIES)
			finding(d, 1, t->path, NULL, b->line, b->col,
				"chart of '%s' would draw %zu series; a %s "
				"chart draws at most %d: name fewer geographies "
				"in its places (or the indicator's chart.places "
				"in monitor.yaml), or use chart: \"bar\"",
				b->indicators[0], nseries,
				b->chart == TPL_CHART_COLUMN ? "column" : "line",
				DATACHECK_MAX_SERIES);
	}
	/* a cut the template asks for, said under the table or chart */
	if ((b->type == TPL_TABLE && b->max_rows > 0 &&
	     nk > (size_t)b->max_rows) ||
	    (b->type == TPL_CHART && b->chart == TPL_CHART_BAR &&
	     b->max_bars > 0 && nk > (size_t)b->max_bars))
		eim_warn(d->notes, "%s:%d:%d: note: %s of '%s' has %zu "
			 "geographies and shows at most %ld (%s): the places "
			 "ranked highest, with the subject", t->path, b->line,
			 b->col, b->type == TPL_TABLE ? "table" : "chart",
			 b->indicators[0], nk,
			 b->type == TPL_TABLE ? b->max_rows : b->max_bars,
			 b->type == TPL_TABLE ? "max_rows" : "max_bars");
	return 1;
}

static int check_block(struct dc *d, const struct template_def *t,
		       struct tpl_block *b)
{
	size_t cap = geos_cap(d->c, b->nplaces + 3);
	const char **geos = xcalloc(cap, sizeof(*geos));
	const char **kept = xcalloc(cap, sizeof(*kept));
	int ret = check_block_geos(d, t, b, geos, kept);

	free(geos);
	free(kept);
	return ret;
}

static void check_blocks(struct dc *d, struct template_def *t)
{
	const struct schema *bs = template_block_schema();
	size_t s, b, keep;

	for (s = 0; s < t->nsections; s++) {
		struct tpl_section *sec = &t->sections[s];
		for (b = 0, keep = 0; b < sec->nblocks; b++) {
			struct tpl_block *bl = &sec->blocks[b];
			int ok = 1;
			if (bl->type == TPL_TABLE &&
			    bl->nindicators > DATACHECK_MAX_TABLE_INDICATORS)
				finding(d, 1, t->path, NULL, bl->line, bl->col,
					"a table shows at most %d indicators "
					"side by side; this one has %zu (split "
					"it, or use each_indicator)",
					DATACHECK_MAX_TABLE_INDICATORS,
					bl->nindicators);
			if ((bl->type == TPL_CHART || bl->type == TPL_TABLE) &&
			    bl->nindicators)
				ok = check_block(d, t, bl);
			if (!ok) {
				schema_release(bs, bl);
				continue;
			}
			sec->blocks[keep++] = *bl;
		}
		sec->nblocks = keep;
	}
	/* a section whose every block was left out goes too */
	for (s = 0, keep = 0; s < t->nsections; s++) {
		if (!t->sections[s].nblocks) {
			free(t->sections[s].title);
			free(t->sections[s].blocks);
			t->sections[s].title = NULL;
			t->sections[s].blocks = NULL;
			continue;
		}
		t->sections[keep++] = t->sections[s];
	}
	t->nsections = keep;
}

void datacheck_run(const struct config *c, struct template_def *t,
		   const struct datacheck_feed *feeds,
		   const struct period *week, struct eim_warnings *fatal,
		   struct eim_warnings *warn, struct eim_warnings *notes,
		   struct datacheck_result *res)
{
	struct dc d;
	struct period day;
	size_t i;

	memset(res, 0, sizeof(*res));
	eim_error_init(&res->first_fatal);
	memset(&d, 0, sizeof(d));
	d.c = c;
	d.feeds = feeds;
	d.week = *week;
	d.week_end = period_end_day(week);
	day = period_of_day(d.week_end, PERIOD_DAY);
	period_format(&day, d.cutoff, sizeof(d.cutoff));
	d.fatal = fatal;
	d.warn = warn;
	d.notes = notes;
	d.res = res;
	d.bad_select = xcalloc(c->nindicators + 1, 1);
	for (i = 0; i < c->nfeeds; i++) {
		if (feeds[i].read_error)
			check_read_error(&d, &c->feeds[i], feeds[i].read_error);
		check_filters(&d, &c->feeds[i], &feeds[i]);
	}
	check_codes(&d);
	check_indicators(&d, t);
	check_blocks(&d, t);
	free(d.bad_select);
}
