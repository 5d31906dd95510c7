/* series.h - the common observation model every feed reader produces.
 *
 * A struct series_table holds observations of one source: each has one
 * code (and label) per dimension, a canonical period, a value that may be
 * missing (has_value 0: missing is missing, never 0) and the source's
 * status flag ("A", "Q", "e", "p", "[x]", ...; "" when none).
 * Dimension ids are lower case (nomis: "geography", "measure", ...).
 * dim_geo is the index of the geography dimension (-1 if none).
 *
 * Ownership: the table owns everything reachable from it. Codes and
 * labels are interned in the table's string pool, so equal strings are
 * equal pointers within one table; never free them. Pointers into obs[]
 * are invalidated by series_table_add. */
#ifndef EIMON_SERIES_H
#define EIMON_SERIES_H

#include <stddef.h>

#include "error.h"
#include "period.h"

#define SERIES_STATUS_MAX 8

struct series_obs {
	const char **codes;  /* [ndims], interned */
	const char **labels; /* [ndims], interned ("" when none) */
	struct period period;
	double value;        /* meaningful only when has_value */
	int has_value;
	char status[SERIES_STATUS_MAX];
};

struct series_pool; /* interning table, private */
struct series_geo_group; /* series_table_index, private */

struct series_table {
	size_t ndims;
	char **dim_ids;      /* [ndims], owned */
	int dim_geo;         /* -1 if none */
	struct series_obs *obs;
	size_t n, cap;
	char *title;         /* the source's title, or NULL */
	char *unit;          /* the source's unit text, or NULL */
	/* YYYY-MM-DD by which every value in the table was published: the
	 * date the source states (JSON-stat "updated", ONS time series
	 * "releaseDate"), else the day the copy was retrieved; "" when
	 * unknown (a local file). Decides the edition cut-off of periods
	 * that have begun but not ended (series_in_edition). */
	char published[11];
	struct series_pool *pool;
	/* series_table_index: obs indices grouped by geography code, for
	 * series_extract; NULL, or stale once obs change (n != by_geo_n) */
	size_t *by_geo;
	struct series_geo_group *geo_groups;
	size_t by_geo_n, ngeo_groups;
	const char **spare;  /* codes/labels of a dropped observation, for
				the next series_table_add */
};

void series_table_init(struct series_table *t);
void series_table_release(struct series_table *t);
/* Declare the dimensions (once, before adding rows). ids are copied and
 * lower-cased. */
void series_table_set_dims(struct series_table *t, size_t n,
			   const char *const *ids);
const char *series_intern(struct series_table *t, const char *s, size_t len);
/* Append a zeroed observation whose codes/labels arrays are allocated
 * (all entries ""). */
struct series_obs *series_table_add(struct series_table *t);
/* Remove the last observation (a reader's filter rejected it); its
 * arrays serve the next series_table_add, so rows read and dropped cost
 * no memory. */
void series_table_drop_last(struct series_table *t);
/* -1 with err (EIM_DATA, at display) when two observations have the
 * same codes in every dimension and the same period: no figure could
 * choose between them (a feed paged twice over, a bad join). Sorts t. */
int series_table_check_unique(struct series_table *t, const char *display,
			      struct eim_error *err);
/* Sort by dimension codes (in dimension order), then period. */
void series_table_sort(struct series_table *t);
/* Group the observations by geography once the table is complete, so
 * that series_extract of one geography reads only that geography's
 * (a figure per indicator and geography read the whole table each time:
 * quadratic in a monitor of many places). Adding observations later
 * makes the index stale, and series_extract then scans as without it.
 * series_extract only reads the index, so threads may share an indexed
 * table. */
void series_table_index(struct series_table *t);
/* Index of dimension id (case-insensitive), or -1. */
int series_dim_index(const struct series_table *t, const char *id);

/* A filter: keep observations whose dimension dim has code (or label)
 * equal to value. */
struct series_filter {
	const char *dim;
	const char *value;
};
int series_obs_matches(const struct series_table *t,
		       const struct series_obs *o,
		       const struct series_filter *f, size_t nf);

/* One time series (one geography, one measure), sorted by period, one
 * value per period. Owned arrays; series_release frees them. */
struct series {
	size_t n;
	struct period *periods;
	double *values;
	unsigned char *has;                  /* has_value */
	char (*status)[SERIES_STATUS_MAX];
};
void series_release(struct series *s);
/* Extract the observations matching filters (and geography code geo if
 * not NULL) into out, sorted by period. Two observations for the same
 * period make the extraction fail (-1): the filters are not specific. */
int series_extract(const struct series_table *t,
		   const struct series_filter *f, size_t nf, const char *geo,
		   struct series *out);
/* Index of period p in s, or -1. */
long series_find(const struct series *s, const struct period *p);

/* The edition cut-off: 1 if an observation of t for period p belongs to
 * an edition whose last day is last_day (days since 1970-01-01; < 0: no
 * cut-off). A period that has ended by last_day belongs. So does one
 * that has begun by then when t was published by then (t->published): a
 * 2026 count published in September is the latest for a November
 * edition, while a rebuild of an older week from a later copy keeps to
 * the periods that had ended. */
/* The frequency of the latest period (by its end) with a value, among
 * the observations of the geographies geos matching the filters and in
 * the edition by limit_day (series_in_edition; -1: no limit); PERIOD_NONE
 * when there is none. What the series of every geography, extracted and
 * scanned, would say, without extracting them. */
enum period_freq series_latest_freq(const struct series_table *t,
				    const struct series_filter *f, size_t nf,
				    const char *const *geos, size_t ngeos,
				    long limit_day);
int series_in_edition(const struct series_table *t, const struct period *p,
		      long last_day);

#endif
