/* config.c - monitor.yaml: the schema as data, then cross-checks that a
 * table cannot express (references between feeds and indicators). */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "backend.h"
#include "period.h"
#include "xalloc.h"
#include "yamldoc.h"
#include "banned.h"

static const char *const format_names[] = {
	"nomis-csv", "ons-timeseries", "ons-observations", "jsonstat", "csv",
	"json", NULL
};
static const char *const unit_names[] = { "count", "percent", "gbp",
					  "index", "rate", NULL };
static const char *const polarity_names[] = { "up-is-good", "down-is-good",
					      "neutral", NULL };
static const char *const combine_names[] = { "none", "sum", "ratio", NULL };
static const char *const window_names[] = { "week", "fortnight", NULL };
static const char *const role_names[] = { "none", "region", "country",
					  NULL };
static const char *const chart_kind_names[] = { "auto", "line", "column",
						"none", NULL };

const char *feed_format_name(int fmt)
{
	if (fmt < 0 || fmt > FEED_JSON)
		return "?";
	return format_names[fmt];
}

/* ---- validators --------------------------------------------------------- */

static int gss_ok(const char *s)
{
	return strlen(s) == 9 && isupper((unsigned char)s[0]) &&
	       strspn(s + 1, "0123456789") == 8;
}

static int week_ok(const char *s)
{
	struct period p;

	return !period_parse(s, strlen(s), &p) && p.freq == PERIOD_WEEK;
}

static int freq_ok(const char *s)
{
	enum period_freq f;

	return !period_freq_parse(s, &f);
}

SCHEMA_STRING_CHECK(check_gss, gss_ok(s), "not a GSS code (a letter and "
		    "eight digits, e.g. E08000025)")
SCHEMA_STRING_CHECK(check_week, week_ok(s),
		    "not an ISO week (YYYY-Www, e.g. 2026-W01)")
SCHEMA_STRING_CHECK(check_freq, freq_ok(s),
		    "not a frequency (year, quarter, month, week, day)")

static int check_url(const struct ydoc_node *n, const void *field,
		     const char **why)
{
	const char *s = *(char *const *)field;

	(void)n;
	if (strncmp(s, "https://", 8) != 0 && strncmp(s, "http://", 7) != 0) {
		*why = "only http:// and https:// URLs are allowed";
		return -1;
	}
	/* a URL never holds spaces or control characters (newlines would
	 * reach request lines and messages) */
	for (; *s; s++) {
		if ((unsigned char)*s <= 0x20 || *s == 0x7F) {
			*why = "a URL must not contain spaces or control "
			       "characters (encode them as %XX)";
			return -1;
		}
	}
	return 0;
}

SCHEMA_STRING_CHECK(check_id, schema_only_chars(s, SCHEMA_ALNUM "_-"),
		    "use letters, digits, '_' and '-' only")

SCHEMA_RANGE_CHECK(check_positive, long, 1, LONG_MAX, "must be greater than 0")
/* Bounds that keep arithmetic on these numbers far from overflow (issue
 * numbers are added to week counts; rolling windows step periods). */
SCHEMA_RANGE_CHECK(check_not_negative, long, 0, LONG_MAX, "must be 0 or more")

/* A query parameter name goes into the URL as is. */
SCHEMA_STRING_CHECK(check_param, *s && schema_only_chars(s, SCHEMA_ALNUM "-_."),
		    "a query parameter name is letters, digits, '-', '_' and "
		    "'.'")

SCHEMA_RANGE_CHECK(check_issue, long, 1, 100000,
		   "must be between 1 and 100000")
SCHEMA_RANGE_CHECK(check_rolling, long, 0, 1000, "must be between 0 and 1000")
SCHEMA_RANGE_CHECK(check_decimals, long, 0, 6, "must be between 0 and 6")

/* ---- the schema --------------------------------------------------------- */

#define F SCHEMA_F
#define FN SCHEMA_FN

static const struct schema_field place_fields[] = {
	F(config_place, "code", SCHEMA_STRING, code, SCHEMA_REQUIRED, NULL,
	  NULL, NULL, check_gss, 0),
	F(config_place, "name", SCHEMA_STRING, name,
	  SCHEMA_REQUIRED | SCHEMA_NONEMPTY, NULL, NULL, NULL, NULL, 200),
	F(config_place, "short_name", SCHEMA_STRING, short_name, 0, NULL, NULL,
	  NULL, NULL, 100),
};
static const struct schema place_schema = SCHEMA_OF(config_place,
						     place_fields);

/* A comparator is a place with a role. */
static const struct schema_field comparator_fields[] = {
	F(config_place, "code", SCHEMA_STRING, code, SCHEMA_REQUIRED, NULL,
	  NULL, NULL, check_gss, 0),
	F(config_place, "name", SCHEMA_STRING, name,
	  SCHEMA_REQUIRED | SCHEMA_NONEMPTY, NULL, NULL, NULL, NULL, 200),
	F(config_place, "short_name", SCHEMA_STRING, short_name, 0, NULL, NULL,
	  NULL, NULL, 100),
	F(config_place, "role", SCHEMA_ENUM, role, 0, "none", NULL,
	  role_names, NULL, 0),
};
static const struct schema comparator_schema = SCHEMA_OF(config_place,
							  comparator_fields);
static const struct schema_field peer_fields[] = {
	F(config_peer_group, "id", SCHEMA_STRING, id,
	  SCHEMA_REQUIRED | SCHEMA_NONEMPTY, NULL, NULL, NULL, check_id, 64),
	F(config_peer_group, "name", SCHEMA_STRING, name,
	  SCHEMA_REQUIRED | SCHEMA_NONEMPTY, NULL, NULL, NULL, NULL, 120),
	FN(config_peer_group, "members", SCHEMA_STRINGS, members, nmembers,
	   SCHEMA_REQUIRED | SCHEMA_NONEMPTY, NULL, NULL, NULL, NULL, 0),
};
static const struct schema peer_schema = SCHEMA_OF(config_peer_group,
						    peer_fields);

static const struct schema_field mapping_fields[] = {
	F(config_mapping, "records", SCHEMA_STRING, records, 0, NULL, NULL,
	  NULL, NULL, 0),
	F(config_mapping, "period", SCHEMA_STRING, period, 0, NULL, NULL,
	  NULL, NULL, 0),
	F(config_mapping, "geography", SCHEMA_STRING, geography, 0, NULL,
	  NULL, NULL, NULL, 0),
	F(config_mapping, "geography_name", SCHEMA_STRING, geography_name, 0,
	  NULL, NULL, NULL, NULL, 0),
	F(config_mapping, "value", SCHEMA_STRING, value, 0, NULL, NULL, NULL,
	  NULL, 0),
	F(config_mapping, "status", SCHEMA_STRING, status, 0, NULL, NULL,
	  NULL, NULL, 0),
	FN(config_mapping, "dims", SCHEMA_STRINGS, dims, ndims, 0, NULL, NULL,
	   NULL, NULL, 0),
	FN(config_mapping, "filter", SCHEMA_DICT, filter, nfilter, 0, NULL,
	   NULL, NULL, NULL, 0),
	F(config_mapping, "geography_fixed", SCHEMA_STRING, geography_fixed,
	  0, NULL, NULL, NULL, check_gss, 0),
};
static const struct schema mapping_schema = SCHEMA_OF(config_mapping,
						       mapping_fields);

static const struct schema_field feed_fields[] = {
	F(config_feed, "id", SCHEMA_STRING, id,
	  SCHEMA_REQUIRED | SCHEMA_NONEMPTY, NULL, NULL, NULL, check_id, 64),
	F(config_feed, "title", SCHEMA_STRING, title,
	  SCHEMA_REQUIRED | SCHEMA_NONEMPTY, NULL, NULL, NULL, NULL, 200),
	F(config_feed, "publisher", SCHEMA_STRING, publisher,
	  SCHEMA_REQUIRED | SCHEMA_NONEMPTY, NULL, NULL, NULL, NULL, 200),
	F(config_feed, "dataset", SCHEMA_STRING, dataset, 0, NULL, NULL, NULL,
	  NULL, 200),
	F(config_feed, "licence", SCHEMA_STRING, licence, 0,
	  "Open Government Licence v3.0", NULL, NULL, NULL, 200),
	F(config_feed, "url", SCHEMA_STRING, url, 0, NULL, NULL, NULL,
	  check_url, 4000),
	F(config_feed, "path", SCHEMA_PATH, path, 0, NULL, NULL, NULL, NULL,
	  0),
	F(config_feed, "format", SCHEMA_ENUM, format, SCHEMA_REQUIRED, NULL,
	  NULL, format_names, NULL, 0),
	F(config_feed, "frequency", SCHEMA_STRING, frequency, 0, "month",
	  NULL, NULL, check_freq, 0),
	F(config_feed, "max_age_days", SCHEMA_INT, max_age_days, 0, "62",
	  NULL, NULL, check_positive, 0),
	F(config_feed, "required", SCHEMA_BOOL, required, 0, "false", NULL,
	  NULL, NULL, 0),
	F(config_feed, "ca_file", SCHEMA_PATH, ca_file, 0, NULL, NULL, NULL,
	  NULL, 0),
	F(config_feed, "timeout_s", SCHEMA_INT, timeout_s, 0, "30", NULL,
	  NULL, check_positive, 0),
	F(config_feed, "deadline_s", SCHEMA_INT, deadline_s, 0, "300", NULL,
	  NULL, check_positive, 0),
	F(config_feed, "max_bytes", SCHEMA_INT, max_bytes, 0, "67108864",
	  NULL, NULL, check_positive, 0),
	F(config_feed, "secret_env", SCHEMA_STRING, secret_env, 0, NULL, NULL,
	  NULL, NULL, 200),
	F(config_feed, "secret_file", SCHEMA_PATH, secret_file, 0, NULL, NULL,
	  NULL, NULL, 0),
	F(config_feed, "secret_param", SCHEMA_STRING, secret_param, 0, NULL,
	  NULL, NULL, check_param, 100),
	F(config_feed, "geography", SCHEMA_STRING, geography, 0, NULL, NULL,
	  NULL, check_gss, 0),
	F(config_feed, "mapping", SCHEMA_MAP, mapping, 0, NULL,
	  &mapping_schema, NULL, NULL, 0),
};
static const struct schema feed_schema = SCHEMA_OF(config_feed, feed_fields);

static const struct schema_field ref_fields[] = {
	F(config_refline, "value", SCHEMA_NUMBER, value, SCHEMA_REQUIRED, NULL,
	  NULL, NULL, NULL, 0),
	F(config_refline, "label", SCHEMA_STRING, label, 0, NULL, NULL, NULL,
	  NULL, 80),
};
static const struct schema ref_schema = SCHEMA_OF(config_refline,
						   ref_fields);

static const struct schema_field chart_fields[] = {
	F(config_chart, "kind", SCHEMA_ENUM, kind, 0, "auto", NULL,
	  chart_kind_names, NULL, 0),
	F(config_chart, "since", SCHEMA_STRING, since, 0, NULL, NULL, NULL,
	  schema_check_period, 0),
	F(config_chart, "index_to", SCHEMA_STRING, index_to, 0, NULL, NULL,
	  NULL, schema_check_period, 0),
	FN(config_chart, "refs", SCHEMA_LIST, refs, nrefs, 0, NULL,
	   &ref_schema, NULL, NULL, 0),
	FN(config_chart, "places", SCHEMA_STRINGS, places, nplaces, 0, NULL,
	   NULL, NULL, NULL, 0),
};
static const struct schema chart_schema = SCHEMA_OF(config_chart,
						     chart_fields);

static const struct schema_field indicator_fields[] = {
	F(config_indicator, "id", SCHEMA_STRING, id,
	  SCHEMA_REQUIRED | SCHEMA_NONEMPTY, NULL, NULL, NULL, check_id, 64),
	F(config_indicator, "feed", SCHEMA_STRING, feed, 0, NULL, NULL, NULL,
	  NULL, 64),
	F(config_indicator, "title", SCHEMA_STRING, title,
	  SCHEMA_REQUIRED | SCHEMA_NONEMPTY, NULL, NULL, NULL, NULL, 120),
	F(config_indicator, "short_title", SCHEMA_STRING, short_title, 0,
	  NULL, NULL, NULL, NULL, 60),
	F(config_indicator, "measure", SCHEMA_STRING, measure, 0, NULL, NULL,
	  NULL, NULL, 120),
	FN(config_indicator, "select", SCHEMA_DICT, select, nselect, 0, NULL,
	   NULL, NULL, NULL, 0),
	F(config_indicator, "unit", SCHEMA_ENUM, unit, 0, "count", NULL,
	  unit_names, NULL, 0),
	F(config_indicator, "decimals", SCHEMA_INT, decimals, 0, "0", NULL,
	  NULL, check_decimals, 0),
	F(config_indicator, "polarity", SCHEMA_ENUM, polarity, 0, "neutral",
	  NULL, polarity_names, NULL, 0),
	FN(config_indicator, "compare", SCHEMA_STRINGS, compare, ncompare, 0,
	   NULL, NULL, NULL, NULL, 0),
	F(config_indicator, "baseline", SCHEMA_STRING, baseline, 0, NULL,
	  NULL, NULL, schema_check_period, 0),
	F(config_indicator, "rolling", SCHEMA_INT, rolling, 0, "0", NULL,
	  NULL, check_rolling, 0),
	F(config_indicator, "combine", SCHEMA_ENUM, combine, 0, "none", NULL,
	  combine_names, NULL, 0),
	F(config_indicator, "numerator", SCHEMA_STRING, numerator, 0, NULL,
	  NULL, NULL, NULL, 64),
	F(config_indicator, "denominator", SCHEMA_STRING, denominator, 0,
	  NULL, NULL, NULL, NULL, 64),
	F(config_indicator, "scale", SCHEMA_NUMBER, scale, 0, "1", NULL, NULL,
	  NULL, 0),
	F(config_indicator, "theme", SCHEMA_STRING, theme, 0, NULL, NULL, NULL,
	  check_id, 64),
	FN(config_indicator, "tags", SCHEMA_STRINGS, tags, ntags, 0, NULL,
	   NULL, NULL, NULL, 0),
	F(config_indicator, "chart", SCHEMA_MAP, chart, 0, NULL, &chart_schema,
	  NULL, NULL, 0),
	FN(config_indicator, "allow_missing", SCHEMA_STRINGS, allow_missing,
	   nallow_missing, 0, NULL, NULL, NULL, NULL, 0),
	F(config_indicator, "peer_group", SCHEMA_STRING, peer_group, 0, NULL,
	  NULL, NULL, NULL, 64),
};
static const struct schema indicator_schema = SCHEMA_OF(config_indicator,
							 indicator_fields);

static const struct schema_field config_fields[] = {
	F(config, "title", SCHEMA_STRING, title,
	  SCHEMA_REQUIRED | SCHEMA_NONEMPTY, NULL, NULL, NULL, NULL, 200),
	F(config, "short_title", SCHEMA_STRING, short_title, 0, NULL, NULL,
	  NULL, NULL, 80),
	F(config, "publisher", SCHEMA_STRING, publisher,
	  SCHEMA_REQUIRED | SCHEMA_NONEMPTY, NULL, NULL, NULL, NULL, 200),
	F(config, "funding", SCHEMA_STRING, funding, 0, NULL, NULL, NULL,
	  NULL, 400),
	F(config, "caveat", SCHEMA_STRING, caveat, 0, NULL, NULL, NULL, NULL,
	  2000),
	F(config, "logo", SCHEMA_PATH, logo, 0, NULL, NULL, NULL, NULL, 0),
	F(config, "contact", SCHEMA_STRING, contact, 0, NULL, NULL, NULL,
	  NULL, 200),
	F(config, "template", SCHEMA_PATH, template_path, 0,
	  "report_templates/weekly.yaml", NULL, NULL, NULL, 0),
	F(config, "notes_dir", SCHEMA_PATH, notes_dir, 0, "notes", NULL, NULL,
	  NULL, 0),
	F(config, "editions_dir", SCHEMA_PATH, editions_dir, 0, "editions",
	  NULL, NULL, NULL, 0),
	F(config, "cache_dir", SCHEMA_PATH, cache_dir, 0, "cache", NULL, NULL,
	  NULL, 0),
	F(config, "out_dir", SCHEMA_PATH, out_dir, 0, "out", NULL, NULL, NULL,
	  0),
	F(config, "first_issue_week", SCHEMA_STRING, first_issue_week, 0,
	  NULL, NULL, NULL, check_week, 0),
	F(config, "first_issue", SCHEMA_INT, first_issue, 0, "1", NULL, NULL,
	  check_issue, 0),
	F(config, "window", SCHEMA_STRING, window, 0, "week", NULL, NULL,
	  NULL, 0),
	F(config, "coverage", SCHEMA_STRING, coverage, 0, "area", NULL, NULL,
	  NULL, 0),
	F(config, "places_noun", SCHEMA_STRING, places_noun, 0, "places",
	  NULL, NULL, NULL, 0),
	F(config, "max_weeks_ahead", SCHEMA_INT, max_weeks_ahead, 0, "1", NULL,
	  NULL, check_not_negative, 0),
	F(config, "published_within_days", SCHEMA_INT, published_within_days,
	  0, "14", NULL, NULL, check_rolling, 0),
	FN(config, "outputs", SCHEMA_STRINGS, outputs, noutputs, 0, NULL,
	   NULL, NULL, NULL, 0),
	F(config, "font_regular", SCHEMA_PATH, font_regular, 0, NULL, NULL,
	  NULL, NULL, 0),
	F(config, "font_bold", SCHEMA_PATH, font_bold, 0, NULL, NULL, NULL,
	  NULL, 0),
	F(config, "area", SCHEMA_MAP, area, SCHEMA_REQUIRED, NULL,
	  &place_schema, NULL, NULL, 0),
	FN(config, "places", SCHEMA_LIST, places, nplaces, 0, NULL,
	   &place_schema, NULL, NULL, 0),
	FN(config, "comparators", SCHEMA_LIST, comparators, ncomparators, 0,
	   NULL, &comparator_schema, NULL, NULL, 0),
	FN(config, "peer_groups", SCHEMA_LIST, peer_groups, npeer_groups, 0,
	   NULL, &peer_schema, NULL, NULL, 0),
	FN(config, "feeds", SCHEMA_LIST, feeds, nfeeds, SCHEMA_REQUIRED, NULL,
	   &feed_schema, NULL, NULL, 0),
	FN(config, "indicators", SCHEMA_LIST, indicators, nindicators, 0,
	   NULL, &indicator_schema, NULL, NULL, 0),
	F(config, "distribution", SCHEMA_MAP, distribution, 0, NULL,
	  &distribution_schema, NULL, NULL, 0),
};
static const struct schema config_schema = SCHEMA_OF(config, config_fields);

const struct schema *config_schema_root(void)
{
	return &config_schema;
}

/* ---- cross-checks ------------------------------------------------------- */

static const struct ydoc_node *list_item(const struct ydoc_node *root,
					 const char *key, size_t i)
{
	const struct ydoc_node *l = ydoc_get(root, key);
	return l && l->type == YDOC_SEQ && i < l->n ? l->items[i] : root;
}

static const struct ydoc_node *at_key(const struct ydoc_node *map,
				      const char *key)
{
	const struct ydoc_node *v = ydoc_get(map, key);
	return v ? v : map;
}

/* A role belongs to one comparator: "region" and "country" name the
 * lines templates draw for the comparison. */
static void check_roles(struct schema_ctx *cx, const struct config *c,
			const struct ydoc_node *root)
{
	size_t i, j;

	for (i = 0; i < c->ncomparators; i++)
		for (j = 0; j < i; j++)
			if (c->comparators[i].role != ROLE_NONE &&
			    c->comparators[i].role == c->comparators[j].role)
				schema_error(cx,
					     at_key(list_item(root,
							      "comparators",
							      i), "role"),
					     "two comparators have the role "
					     "'%s' ('%s' and '%s')",
					     role_names[c->comparators[i].role],
					     c->comparators[j].code,
					     c->comparators[i].code);
}

/* Geography words of allow_missing and chart.places: a role word or a
 * GSS code of the monitor. */
static void check_geo_words(struct schema_ctx *cx, const struct config *c,
			    const struct ydoc_node *at, char *const *words,
			    size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!config_geo_word(words[i]) &&
		    !config_place_name(c, words[i]))
			schema_error(cx, at, "unknown geography '%s' (use "
				     "area, places, comparators, region, "
				     "country or a GSS code of the monitor)",
				     words[i]);
}

static const struct config_peer_group *
find_peer_group(const struct config *c, const char *id)
{
	size_t i;

	for (i = 0; i < c->npeer_groups; i++)
		if (c->peer_groups[i].id && strcmp(c->peer_groups[i].id, id) == 0)
			return &c->peer_groups[i];
	return NULL;
}

/* Ids unique, members GSS codes, no member twice. */
static void check_peer_groups(struct schema_ctx *cx, const struct config *c,
			      const struct ydoc_node *root)
{
	size_t i, j, k;

	for (i = 0; i < c->npeer_groups; i++) {
		const struct config_peer_group *g = &c->peer_groups[i];
		const struct ydoc_node *n = list_item(root, "peer_groups", i);
		const char *why;

		for (j = 0; j < i; j++)
			if (g->id && c->peer_groups[j].id &&
			    strcmp(g->id, c->peer_groups[j].id) == 0)
				schema_error(cx, at_key(n, "id"),
					     "duplicate peer group id '%s'",
					     g->id);
		for (j = 0; j < g->nmembers; j++) {
			if (check_gss(n, &g->members[j], &why))
				schema_error(cx, at_key(n, "members"),
					     "peer group '%s': member '%s' is "
					     "%s", g->id, g->members[j], why);
			for (k = 0; k < j; k++)
				if (strcmp(g->members[j], g->members[k]) == 0)
					schema_error(cx, at_key(n, "members"),
						     "peer group '%s': '%s' "
						     "is listed twice", g->id,
						     g->members[j]);
		}
	}
}

static void cross_check(struct schema_ctx *cx, struct config *c,
			const struct ydoc_node *root)
{
	size_t i, j;

	{
		const char *why;

		if (backend_outputs_check(c->outputs, c->noutputs, &why))
			schema_error(cx, at_key(root, "outputs"), "%s", why);
	}
	if (c->coverage && strcmp(c->coverage, "area") != 0 &&
	    strcmp(c->coverage, "places") != 0)
		schema_error(cx, at_key(root, "coverage"),
			     "'coverage' must be area or places, not '%s'",
			     c->coverage);
	if (c->window && strcmp(c->window, window_names[0]) != 0 &&
	    strcmp(c->window, window_names[1]) != 0)
		schema_error(cx, at_key(root, "window"),
			     "'window' must be week or fortnight, not '%s'",
			     c->window);
	for (i = 0; i < c->nfeeds; i++) {
		struct config_feed *f = &c->feeds[i];
		const struct ydoc_node *n = list_item(root, "feeds", i);
		f->node = n;
		if (!f->url && !f->path)
			schema_error(cx, n, "feed '%s' needs a url or a path",
				     f->id ? f->id : "?");
		if (f->secret_env && f->secret_file)
			schema_error(cx, at_key(n, "secret_file"),
				     "feed '%s': give secret_env or "
				     "secret_file, not both", f->id ? f->id
				     : "?");
		if ((f->secret_env || f->secret_file || f->secret_param) &&
		    !f->url)
			schema_error(cx, n, "feed '%s': a secret is for a "
				     "feed with a url", f->id ? f->id : "?");
		if (f->secret_param && !f->secret_env && !f->secret_file)
			schema_error(cx, at_key(n, "secret_param"),
				     "feed '%s': secret_param needs "
				     "secret_env or secret_file", f->id ?
				     f->id : "?");
		/* The URL as written is for the request only; everything
		 * that shows or stores it takes the redacted copy. */
		if (f->url) {
			f->fetch_url = f->url;
			f->url = http_url_redact(f->fetch_url);
		}
		if ((f->format == FEED_CSV || f->format == FEED_JSON) &&
		    (!f->mapping.period || !f->mapping.value))
			schema_error(cx, n, "feed '%s' (%s) needs a mapping "
				     "with at least period and value",
				     f->id ? f->id : "?",
				     feed_format_name(f->format));
		if (f->format == FEED_JSON && !f->mapping.records)
			schema_error(cx, n, "feed '%s' (json) needs "
				     "mapping.records, a JSON Pointer to the "
				     "records array", f->id ? f->id : "?");
		for (j = 0; j < i; j++)
			if (f->id && c->feeds[j].id &&
			    strcmp(f->id, c->feeds[j].id) == 0)
				schema_error(cx, at_key(n, "id"),
					     "duplicate feed id '%s'", f->id);
	}
	check_peer_groups(cx, c, root);
	for (i = 0; i < c->nindicators; i++) {
		struct config_indicator *ind = &c->indicators[i];
		const struct ydoc_node *n = list_item(root, "indicators", i);
		ind->node = n;
		if (ind->peer_group &&
		    !(ind->peers = find_peer_group(c, ind->peer_group)))
			schema_error(cx, at_key(n, "peer_group"),
				     "indicator '%s': unknown peer group '%s'",
				     ind->id, ind->peer_group);
		if (ind->combine == COMBINE_RATIO) {
			if (!ind->numerator || !ind->denominator)
				schema_error(cx, n, "indicator '%s' combines "
					     "by ratio: it needs numerator and "
					     "denominator", ind->id);
		} else if (!ind->feed) {
			schema_error(cx, n, "indicator '%s' needs a feed",
				     ind->id);
		} else if (!config_find_feed(c, ind->feed)) {
			const char *names[256];
			const char *hint;
			size_t k, nn = 0;
			for (k = 0; k < c->nfeeds && nn < 256; k++)
				if (c->feeds[k].id)
					names[nn++] = c->feeds[k].id;
			hint = schema_suggest(ind->feed, names, nn);
			if (hint)
				schema_error(cx, at_key(n, "feed"),
					     "unknown feed '%s' (did you mean "
					     "'%s'?)", ind->feed, hint);
			else
				schema_error(cx, at_key(n, "feed"),
					     "unknown feed '%s'", ind->feed);
		}
		for (j = 0; j < ind->ncompare; j++)
			if (strcmp(ind->compare[j], "previous") &&
			    strcmp(ind->compare[j], "year") &&
			    strcmp(ind->compare[j], "baseline"))
				schema_error(cx, at_key(n, "compare"),
					     "'compare' items are previous, "
					     "year or baseline, not '%s'",
					     ind->compare[j]);
		for (j = 0; j < ind->ncompare; j++)
			if (strcmp(ind->compare[j], "baseline") == 0 &&
			    !ind->baseline)
				schema_error(cx, at_key(n, "compare"),
					     "indicator '%s' compares with a "
					     "baseline but sets no 'baseline'",
					     ind->id);
		for (j = 0; j < i; j++)
			if (strcmp(ind->id, c->indicators[j].id) == 0)
				schema_error(cx, at_key(n, "id"),
					     "duplicate indicator id '%s'",
					     ind->id);
	}
	check_roles(cx, c, root);
	for (i = 0; i < c->nindicators; i++) {
		struct config_indicator *ind = &c->indicators[i];
		check_geo_words(cx, c, at_key(ind->node, "allow_missing"),
				ind->allow_missing, ind->nallow_missing);
		check_geo_words(cx, c, at_key(ind->node, "chart"),
				ind->chart.places, ind->chart.nplaces);
	}
	for (i = 0; i < c->nindicators; i++) {
		struct config_indicator *ind = &c->indicators[i];
		if (ind->combine != COMBINE_RATIO)
			continue;
		if (ind->numerator && !config_find_indicator(c, ind->numerator))
			schema_error(cx, ind->node, "unknown numerator "
				     "indicator '%s'", ind->numerator);
		if (ind->denominator &&
		    !config_find_indicator(c, ind->denominator))
			schema_error(cx, ind->node, "unknown denominator "
				     "indicator '%s'", ind->denominator);
	}
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

int config_load(const char *path, struct config **out, struct eim_error *err)
{
	struct config *c = xcalloc(1, sizeof(*c));
	struct schema_ctx cx;
	int ret = -1;

	*out = NULL;
	c->path = xstrdup(path);
	c->dir = dir_of(path);
	if (ydoc_load_file(path, path, &c->yaml, err))
		goto out;
	if (!c->yaml->root) {
		eim_error_set(err, EIM_DATA, path, 1, 1,
			      "empty configuration");
		goto out;
	}
	memset(&cx, 0, sizeof(cx));
	cx.file = path;
	cx.base_dir = strcmp(c->dir, ".") == 0 ? NULL : c->dir;
	cx.err = err;
	if (c->yaml->root->type != YDOC_MAP) {
		schema_error(&cx, c->yaml->root, "the configuration must be a "
			     "mapping of keys, not %s",
			     ydoc_type_name(c->yaml->root->type));
		goto out;
	}
	if (schema_bind(&cx, &config_schema, c->yaml->root, c))
		goto out;
	cross_check(&cx, c, c->yaml->root);
	if (cx.nerrors)
		goto out;
	*out = c;
	c = NULL;
	ret = 0;
out:
	config_free(c);
	return ret;
}

void config_free(struct config *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nfeeds; i++)
		free(c->feeds[i].fetch_url);
	schema_release(&config_schema, c);
	ydoc_free(c->yaml);
	free(c->path);
	free(c->dir);
	free(c);
}

const struct config_feed *config_find_feed(const struct config *c,
					   const char *id)
{
	size_t i;

	for (i = 0; i < c->nfeeds; i++)
		if (c->feeds[i].id && strcmp(c->feeds[i].id, id) == 0)
			return &c->feeds[i];
	return NULL;
}

const struct config_indicator *config_find_indicator(const struct config *c,
						     const char *id)
{
	size_t i;

	for (i = 0; i < c->nindicators; i++)
		if (c->indicators[i].id && strcmp(c->indicators[i].id, id) == 0)
			return &c->indicators[i];
	return NULL;
}

const char *config_places_noun(const struct config *c)
{
	return c->places_noun && c->places_noun[0] ? c->places_noun
						   : "places";
}

const char *config_place_name(const struct config *c, const char *code)
{
	size_t i;

	if (c->area.code && strcmp(c->area.code, code) == 0)
		return c->area.name;
	for (i = 0; i < c->nplaces; i++)
		if (strcmp(c->places[i].code, code) == 0)
			return c->places[i].name;
	for (i = 0; i < c->ncomparators; i++)
		if (strcmp(c->comparators[i].code, code) == 0)
			return c->comparators[i].name;
	return NULL;
}

const struct config_place *config_role_place(const struct config *c,
					     int role)
{
	size_t i;

	if (!c->ncomparators)
		return NULL;
	for (i = 0; i < c->ncomparators; i++)
		if (c->comparators[i].role == role)
			return &c->comparators[i];
	return role == ROLE_COUNTRY ? &c->comparators[c->ncomparators - 1]
				    : &c->comparators[0];
}

int config_geo_word(const char *w)
{
	static const char *const words[] = { "area", "places", "comparators",
					     "region", "country" };
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(w, words[i]) == 0)
			return 1;
	return 0;
}

static size_t add_geo(const char **out, size_t n, size_t cap,
		      const char *code)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(out[i], code) == 0)
			return n;
	if (n < cap)
		out[n++] = code;
	return n;
}

size_t config_resolve_geos(const struct config *c, char *const *words,
			   size_t nwords, const char **out, size_t cap)
{
	const struct config_place *p;
	size_t i, j, n = 0;

	for (i = 0; i < nwords; i++) {
		const char *w = words[i];
		if (strcmp(w, "area") == 0) {
			n = add_geo(out, n, cap, c->area.code);
		} else if (strcmp(w, "places") == 0) {
			/* in a place's edition the area is one of the
			 * places: shown once */
			for (j = 0; j < c->nplaces; j++)
				if (strcmp(c->places[j].code, c->area.code))
					n = add_geo(out, n, cap,
						    c->places[j].code);
		} else if (strcmp(w, "comparators") == 0) {
			for (j = 0; j < c->ncomparators; j++)
				n = add_geo(out, n, cap,
					    c->comparators[j].code);
		} else if (strcmp(w, "region") == 0 ||
			   strcmp(w, "country") == 0) {
			p = config_role_place(c, w[0] == 'r' ? ROLE_REGION
							     : ROLE_COUNTRY);
			if (p)
				n = add_geo(out, n, cap, p->code);
		} else {
			n = add_geo(out, n, cap, w);
		}
	}
	return n;
}

int config_has_tag(const struct config_indicator *ind, const char *tag)
{
	size_t i;

	for (i = 0; i < ind->ntags; i++)
		if (strcmp(ind->tags[i], tag) == 0)
			return 1;
	return 0;
}
