/* feed_priv.h - what the feed readers (feed_*.c) share; not public.
 *
 * Every reader adds to a struct series_table the caller initialised and
 * keeps only the observations matching the filters. */
#ifndef EIMON_FEED_PRIV_H
#define EIMON_FEED_PRIV_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "config.h"
#include "csv.h"
#include "error.h"
#include "feed.h"
#include "series.h"

struct feed_ctx {
	const char *display;                  /* file name in messages */
	const struct config_mapping *mapping; /* may be NULL */
	const struct series_filter *f;
	size_t nf;
	struct series_table *out;
	struct eim_error *err;
	feed_keep_fn keep;                    /* NULL: keep all */
	void *keep_ctx;
};

/* CSV formats (streamed). */
int feed_nomis_csv(struct feed_ctx *c, struct csv_reader *r);
int feed_mapped_csv(struct feed_ctx *c, struct csv_reader *r);
/* JSON formats (whole document). */
int feed_ons_timeseries(struct feed_ctx *c, const cJSON *root);
int feed_ons_observations(struct feed_ctx *c, const cJSON *root);
int feed_jsonstat(struct feed_ctx *c, const cJSON *root);
int feed_mapped_json(struct feed_ctx *c, const cJSON *root);

/* Parse a value held in s (NUL-terminated at s[len]). 1: *v set; 0:
 * missing (empty, or a publisher's marker such as ".." or "[x]", whose
 * text goes to *marker when marker is not NULL); -1: not a finite number
 * (NaN, Infinity, overflow, junk), err set at file:line:col. */
int feed_value(const char *s, size_t len, double *v, const char **marker,
	       const char *file, int line, int col, struct eim_error *err);
/* feed_value of field f of r's last record; an error names the field's
 * line and column. */
int feed_csv_value(struct feed_ctx *c, const struct csv_reader *r,
		   const struct csv_field *f, double *v, const char **marker);
/* "cannot read period '...'" at field f of r's last record: -1. */
int feed_csv_bad_period(struct feed_ctx *c, const struct csv_reader *r,
			const struct csv_field *f);
/* A JSON number as a value: cJSON reads 1e999 as infinity, so a number
 * that is not finite is refused like the text "Infinity". 0 or -1 (err
 * set, naming where: "1955 Q2", "an observation"...). */
int feed_json_number(const cJSON *j, double *v, const char *where,
		     const char *file, struct eim_error *err);
/* s with surrounding blanks removed: *len updated. */
const char *feed_trim(const char *s, size_t *len);
/* Copy a status into o (trimmed, cut to fit). */
void feed_set_status(struct series_obs *o, const char *s, size_t len);
/* Set code and label of dimension d (both trimmed, interned). */
void feed_set_dim(struct series_table *t, struct series_obs *o, size_t d,
		  const char *code, size_t clen, const char *label,
		  size_t llen);
/* Drop the last observation unless it matches the filters and the keep
 * function. 1 when kept. */
int feed_keep_if_match(struct feed_ctx *c);
/* Every filter names a dimension of t, else -1 with err set. */
int feed_check_filters(struct feed_ctx *c);
/* Add the fixed geography dimension from the mapping to the list of
 * dimension ids when the source has none: returns 1 if added. */
int feed_wants_fixed_geo(const struct feed_ctx *c);
/* A JSON string or number as text: a string's bytes, a number printed
 * shortest, else NULL. buf holds numbers. */
const char *feed_json_text(const cJSON *j, char *buf, size_t size);

#endif
