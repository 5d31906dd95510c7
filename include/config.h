/* config.h - monitor.yaml, loaded through the declarative schema in
 * config.c; every key is documented in docs/configuration.md (a unit
 * test keeps the two in step).
 *
 * Ownership: config_load returns a struct config the caller frees with
 * config_free; all strings and arrays in it belong to it. Paths in it are
 * already resolved relative to the directory of monitor.yaml. */
#ifndef EIMON_CONFIG_H
#define EIMON_CONFIG_H

#include <stddef.h>

#include "distribution.h"
#include "error.h"
#include "schema.h"

/* A comparator's role: which one templates mean by "region" and
 * "country" (default: the first and the last comparator). */
enum config_role { ROLE_NONE, ROLE_REGION, ROLE_COUNTRY };

struct config_place {
	char *code;   /* GSS code */
	char *name;
	char *short_name;
	int role;     /* enum config_role; comparators only */
};

/* A named group of geographies an indicator is ranked in ("the 9 English
 * regions"); members need not be the monitor's places or comparators. */
struct config_peer_group {
	char *id;
	char *name;     /* plural noun phrase: "English regions" */
	char **members; /* GSS codes */
	size_t nmembers;
};

enum feed_format {
	FEED_NOMIS_CSV,
	FEED_ONS_TIMESERIES,
	FEED_ONS_OBSERVATIONS,
	FEED_JSONSTAT,
	FEED_CSV,
	FEED_JSON
};

/* How a generic csv/json feed maps onto the series model. */
struct config_mapping {
	char *records;        /* json: JSON Pointer to the records array */
	char *period;         /* column/field holding the period */
	char *geography;      /* column/field holding the GSS code */
	char *geography_name; /* optional */
	char *value;
	char *status;         /* optional */
	char **dims;          /* further dimension columns/fields */
	size_t ndims;
	struct schema_kv *filter; /* keep rows where column == value */
	size_t nfilter;
	char *geography_fixed; /* json/csv without a geography: this code */
};

struct config_feed {
	char *id;
	char *title;
	char *publisher;
	char *dataset;        /* publication or dataset name */
	char *licence;        /* default "Open Government Licence v3.0" */
	char *url;            /* as shown: credentials redacted
				 (http_url_redact) - every message, cache
				 file, manifest and PDF takes this one */
	char *fetch_url;      /* as written, for the request only; owned */
	char *secret_env;     /* environment variable holding the secret */
	char *secret_file;    /* file holding the secret (resolved) */
	char *secret_param;   /* query parameter the secret goes in; NULL:
				 the secret is "user:password" for HTTP
				 Basic authentication */
	char *path;           /* local file (resolved) */
	int format;           /* enum feed_format */
	char *frequency;      /* "month", "week", ... */
	long max_age_days;    /* latest period older than this: stale */
	int required;
	char *ca_file;
	long timeout_s;
	long deadline_s;      /* whole feed, retries and pages included */
	long max_bytes;
	struct config_mapping mapping;
	char *geography;      /* ons-timeseries/observations: GSS code of the
				 series when the file does not say */
	const struct ydoc_node *node; /* for messages */
};

enum config_unit { UNIT_COUNT, UNIT_PERCENT, UNIT_GBP, UNIT_INDEX, UNIT_RATE };
enum config_polarity { POL_UP_GOOD, POL_DOWN_GOOD, POL_NEUTRAL };
enum config_combine { COMBINE_NONE, COMBINE_SUM, COMBINE_RATIO };
/* How an indicator is drawn over time by a template block that charts
 * each indicator (`each_indicator`): AUTO keeps the block's kind. */
enum config_chart_kind { CHART_AUTO, CHART_LINE, CHART_COLUMN, CHART_NONE };

struct config_refline {
	double value;
	char *label;
};

/* An indicator's own chart settings; they override a template block's
 * when the block charts each indicator. */
struct config_chart {
	int kind;              /* enum config_chart_kind */
	char *since;           /* period text */
	char *index_to;        /* period text: rebase to 100 */
	struct config_refline *refs;
	size_t nrefs;
	char **places;         /* geography words or GSS codes */
	size_t nplaces;
};

struct config_indicator {
	char *id;
	char *feed;            /* feed id */
	char *title;           /* "Claimant count" */
	char *short_title;
	char *measure;         /* phrase in sentences: "the claimant count" */
	struct schema_kv *select; /* dimension filters */
	size_t nselect;
	int unit;              /* enum config_unit */
	long decimals;
	int polarity;          /* enum config_polarity */
	char **compare;        /* "previous", "year", "baseline" */
	size_t ncompare;
	char *baseline;        /* period text, e.g. "2020-02" */
	long rolling;          /* rolling mean window (periods); 0 none */
	int combine;           /* enum config_combine */
	char *numerator;       /* indicator ids for COMBINE_RATIO */
	char *denominator;
	double scale;          /* multiply source values (default 1) */
	char *theme;           /* a template theme id, or NULL */
	char **tags;           /* free words templates select by */
	size_t ntags;
	struct config_chart chart;
	/* geographies (words or codes) this indicator is not published
	 * for: blocks leave them out instead of failing the build */
	char **allow_missing;
	size_t nallow_missing;
	char *peer_group;      /* NULL, or the id of a peer group */
	const struct config_peer_group *peers; /* resolved peer_group */
	const struct ydoc_node *node;
};

struct config {
	char *path;            /* monitor.yaml as given */
	char *dir;             /* its directory */
	char *title;
	char *short_title;
	char *publisher;
	char *funding;
	char *caveat;
	char *logo;
	char *contact;
	char *template_path;
	char *notes_dir;
	char *editions_dir;
	char *cache_dir;
	char *out_dir;
	char *first_issue_week; /* "2026-W01" */
	long first_issue;       /* its number */
	char *window;           /* "week" or "fortnight" */
	char *coverage;         /* "area" (default) or "places": build also
				   the edition of every place */
	char *places_noun;      /* what the places are, plural: "districts"
				   (default "places"); config_places_noun */
	long max_weeks_ahead;   /* --week at most this many weeks after the
				   current one */
	long published_within_days; /* an edition's `published` at most
				       this long after its week */
	char *font_regular;     /* optional overrides */
	char *font_bold;
	struct config_place area;
	struct config_place *places;
	size_t nplaces;
	struct config_place *comparators;
	size_t ncomparators;
	struct config_peer_group *peer_groups;
	size_t npeer_groups;
	struct config_feed *feeds;
	size_t nfeeds;
	struct config_indicator *indicators;
	size_t nindicators;
	char **outputs;         /* "pdf", "html"; 0: the template's */
	size_t noutputs;
	struct config_distribution distribution; /* eimon send */
	struct ydoc *yaml;      /* kept: nodes give positions for messages */
};

/* Load and validate path. On error returns -1 with err set (EIM_NOINPUT
 * when the file is missing, EIM_DATA otherwise). */
int config_load(const char *path, struct config **out, struct eim_error *err);
void config_free(struct config *c);

const struct config_feed *config_find_feed(const struct config *c,
					   const char *id);
const struct config_indicator *config_find_indicator(const struct config *c,
						     const char *id);
/* Name of a GSS code known to the monitor (area, places, comparators), or
 * NULL if unknown. */
const char *config_place_name(const struct config *c, const char *code);
/* What the places are, plural, for sentences: `places_noun`, "places". */
const char *config_places_noun(const struct config *c);
const char *feed_format_name(int fmt);
/* The schema of monitor.yaml (for the configuration reference test). */
const struct schema *config_schema_root(void);

/* The comparator templates call "region" (ROLE_REGION: the one declared
 * with that role, else the first) or "country" (else the last); NULL
 * when the monitor has no comparators. */
const struct config_place *config_role_place(const struct config *c,
					     int role);
/* Expand geography words (area, places, comparators, region, country)
 * and GSS codes into codes, in order, without repeats; at most cap.
 * Codes point into the config or into words. Unknown words are kept as
 * written (the template checks name them). Returns the count. */
size_t config_resolve_geos(const struct config *c, char *const *words,
			   size_t nwords, const char **out, size_t cap);
/* Whether word is one of the geography words above. */
int config_geo_word(const char *word);
/* Whether ind has tag. */
int config_has_tag(const struct config_indicator *ind, const char *tag);

#endif
