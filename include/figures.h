/* figures.h - the comparisons a monitor makes, computed once and written
 * to figures.csv (SPEC §6): every number the bulletin prints is a figure.
 *
 * For one indicator, figures are computed for each geography of the
 * monitor (the area, each place, each comparator; config order) from its
 * series, keeping the observations of the edition as_of
 * (series_in_edition: periods ended by its last day, or begun by then in
 * a table published by then). Each figure has a name:
 *
 *   latest            the latest value; period = its period
 *   previous          the value of the period before latest (that exact
 *                     period: a gap gives no previous and no change_prev)
 *   change_prev       latest - previous              period = latest
 *   change_prev_pct   100 * change_prev / previous   period = latest
 *   year_ago          value of period_year_ago(latest) (12 months,
 *                     4 quarters, the same ISO week of the previous
 *                     week-year, the same 12-month window a year earlier)
 *   change_year(_pct) latest against year_ago        period = latest
 *   baseline          value of the configured baseline period
 *   change_base(_pct) latest against baseline        period = latest
 *   rolling_mean      mean of the last `rolling` periods up to latest,
 *                     only if every one of them has a value; period =
 *                     latest
 *   rank, rank_of     places only: rank 1 = highest value, among the
 *                     places with a value in the rank period (the latest
 *                     period of the area, else the most recent latest
 *                     period of any place); values are compared as
 *                     displayed (rounded to the indicator's decimals), and
 *                     equal values share a rank ("joint 2nd", the next is
 *                     4th). rank_of = number of places ranked. Comparators
 *                     and the area are not ranked: the bulletin ranks
 *                     districts, and compares with the region and the UK
 *                     by value.
 *   peer_rank, peer_rank_of  the indicator's peer_group members (any GSS
 *                     codes, in or out of the monitor) ranked like
 *                     places (displayed values, shared ranks) in the most
 *                     recent latest period of any member; members with
 *                     no value in it, or absent from the data, are not
 *                     ranked nor counted in peer_rank_of. Members that
 *                     are none of the monitor's geographies get only
 *                     these two figures.
 *   share_of_parent   count and gbp units only: 100 * value / parent's
 *                     value in the same period; the parent of a place is
 *                     the area, the parent of the area is the first
 *                     comparator (the region in the usual config order).
 *   record_high_since the latest value is the highest since `period`:
 *                     the most recent earlier period with a higher value,
 *                     when at least one period lies between the two
 *                     (value = latest). record_low_since likewise.
 *   record_high       the latest value is higher than every earlier value
 *                     (at least one): the highest since the series began;
 *                     period = the first period of the series. record_low
 *                     likewise. Records compare values as displayed
 *                     (fmt_value_cmp), and a tie with any value of the run
 *                     is no record; status = the latest value's.
 *
 * compare lists which of previous/change_prev*, year_ago/change_year*,
 * baseline/change_base* are made ("previous", "year", "baseline"); an
 * empty list means all three (baseline only when a baseline is set).
 *
 * Rules: a missing input gives no figure (never 0, inf or nan); a
 * percentage needs a positive base (a zero or negative base gives no
 * _pct figure: "from -20 to -10" has no meaningful percentage change);
 * percent and rate units get changes in percentage points and no _pct
 * figures. The status of a figure is "p" if any input was provisional
 * (source flag starting with p/P, or "[p]"), else "e" if any was
 * estimated (e/E, "[e]"),
 * else "" (other source flags do not travel).
 *
 * Sources: the series of a geography is extracted from the table with
 * the indicator's select filters, multiplied by scale (0 is read as 1).
 * Combining: a COMBINE_SUM indicator whose area has no value at all in
 * the table gets the area's series as the sum of the places, only in
 * periods where every place has a value. A COMBINE_RATIO indicator is
 * computed by figures_compute_ratio from its numerator and denominator
 * indicators (each summed from places for the area if needed), as
 * num / den (x 100 for percent and rate units) x scale, never averaged;
 * a zero denominator gives no value. If the table holds several
 * frequencies for one indicator, the frequency of the most recent
 * observation wins.
 *
 * Ownership: a figure_set owns its figures and their strings;
 * figures_release frees them. Pointers into the set are invalidated by
 * further figures_compute calls. */
#ifndef EIMON_FIGURES_H
#define EIMON_FIGURES_H

#include <stddef.h>

#include "config.h"
#include "error.h"
#include "period.h"
#include "series.h"
#include "strbuf.h"

#define FIGURE_STATUS_MAX 8

struct figure {
	char *indicator;  /* indicator id */
	char *geography;  /* GSS code */
	const char *name; /* "latest", ... (static text) */
	struct period period;
	double value;     /* always finite */
	char status[FIGURE_STATUS_MAX]; /* "", "p" or "e" */
};

struct figure_set {
	struct figure *items;
	size_t n, cap;
	/* index for figures_find, private to figures.c: open addressing,
	 * slot = item + 1 (0: empty); built for items [0, nindexed) by
	 * figures_compute* and figures_index */
	size_t *slots;
	size_t nslots, nindexed;
};

/* The status a source flag gives a figure: 'p' for provisional ("p",
 * "P", "[p]", "provisional"), 'e' for estimated (likewise), else 0. */
char figures_flag_status(const char *flag);

void figures_init(struct figure_set *set);
void figures_release(struct figure_set *set);

/* Compute the figures of ind from table (the indicator's feed) and append
 * them to set. as_of may be NULL (no cut-off). Fails (EIM_DATA) when the
 * select filters leave two values for one period and geography, when the
 * baseline cannot be parsed or is of another frequency than the series,
 * or for a COMBINE_RATIO indicator (use figures_compute_ratio). A
 * geography without data simply has no figures. */
int figures_compute(const struct config *cfg,
		    const struct config_indicator *ind,
		    const struct series_table *table,
		    const struct period *as_of, struct figure_set *set,
		    struct eim_error *err);

/* The same for a COMBINE_RATIO indicator: num and den are its numerator
 * and denominator indicators, read from their own tables. */
int figures_compute_ratio(const struct config *cfg,
			  const struct config_indicator *ind,
			  const struct config_indicator *num,
			  const struct series_table *num_table,
			  const struct config_indicator *den,
			  const struct series_table *den_table,
			  const struct period *as_of, struct figure_set *set,
			  struct eim_error *err);

/* The series the figures of ind at geo are computed from: cut to the
 * edition, one frequency, scaled, the area summed from its places for
 * COMBINE_SUM. Charts and sparklines draw this series, so a chart shows
 * the figures' numbers. out is empty (n = 0) when geo has no data; the
 * caller releases it. Fails like figures_compute. */
/* freq: figures_series_freq of ind (of num and den for a ratio), found
 * once when many editions draw the same series, or -1 to find it. */
int figures_series(const struct config *cfg,
		   const struct config_indicator *ind,
		   const struct series_table *table,
		   const struct period *as_of, int freq, const char *geo,
		   struct series *out, struct eim_error *err);
/* The same for a COMBINE_RATIO indicator. */
int figures_series_ratio(const struct config *cfg,
			 const struct config_indicator *ind,
			 const struct config_indicator *num,
			 const struct series_table *num_table,
			 const struct config_indicator *den,
			 const struct series_table *den_table,
			 const struct period *as_of, int num_freq,
			 int den_freq, const char *geo, struct series *out,
			 struct eim_error *err);
/* The frequency figures_series trims ind's series to: that of the
 * latest period with a value of any of cfg's geographies (the same for
 * the area's edition and every place's). */
int figures_series_freq(const struct config *cfg,
			const struct config_indicator *ind,
			const struct series_table *table,
			const struct period *as_of);
/* 1 when the figure named name is a value of the series (latest,
 * previous, year_ago, baseline), not a change of it: what a revision is
 * read from. */
int figures_is_level(const char *name);
/* The figure of ind at geo whose period is p among latest, previous,
 * year_ago and baseline, or NULL: the value a table or a bar shows for a
 * period it shares with other places. */
const struct figure *figures_value_in(const struct figure_set *set,
				      const char *indicator, const char *geo,
				      const struct period *p);
/* The figure, or NULL. It only reads the set, so threads may share it:
 * figures_compute* index the figures they add (a set filled otherwise is
 * searched until figures_index). */
const struct figure *figures_find(const struct figure_set *set,
				  const char *indicator, const char *geo,
				  const char *name);
/* Index every figure of set now (figures_compute* do it themselves). */
void figures_index(struct figure_set *set);
/* 1 if geo's rank for indicator is shared with another place. */
int figures_rank_is_joint(const struct figure_set *set,
			  const char *indicator, const char *geo);
/* The same for the peer group rank (peer_rank). */
int figures_peer_rank_is_joint(const struct figure_set *set,
			       const char *indicator, const char *geo);

/* figures.csv: header indicator,geography,figure,period,value,status and
 * one row per figure in set order (indicators in the order computed,
 * geographies in config order, figures in the order listed above).
 * Values at full precision: the shortest text that reads back as the
 * same double ("-0" is written "0"). Fails only at the strbuf cap. */
int figures_write_csv(const struct figure_set *set, struct strbuf *out);
/* The figures of a figures.csv text (figures_write_csv's, by column
 * name) appended to set; figure names this version does not compute are
 * skipped. 0, or -1 with err (EIM_DATA at file:line:col) for a missing
 * column, a short row, a bad period or a value that is not finite. */
int figures_read_csv(const char *text, size_t len, const char *file,
		     struct figure_set *set, struct eim_error *err);

#endif
