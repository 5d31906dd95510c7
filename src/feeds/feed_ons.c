/* feed_ons.c - the two ONS JSON formats.
 *
 * ons-timeseries: the website's time-series JSON, one series (dimension
 * "cdid") with observations under "years", "quarters" and "months";
 * values are strings, "" is missing, absent periods are gaps.
 * ons-observations: the beta API's observations: fixed dimensions once at
 * the top level (dimensions.X.option.id), the wildcard dimension on each
 * observation, "observation" a string, in no particular order. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "feed_priv.h"
#include "xalloc.h"
#include "banned.h"

static const char *json_str(const cJSON *obj, const char *key)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(obj, key);
	return cJSON_IsString(j) ? j->valuestring : NULL;
}

static char *trimmed_dup(const char *s)
{
	size_t len;

	if (!s)
		return NULL;
	len = strlen(s);
	s = feed_trim(s, &len);
	return len ? xstrndup(s, len) : NULL;
}

/* A value given as a JSON string (ONS) or number. */
static int json_value(struct feed_ctx *c, const cJSON *j, struct series_obs *o,
		      const char *where)
{
	const char *marker = NULL;
	int rc;

	if (!j || cJSON_IsNull(j))
		return 0;
	if (cJSON_IsNumber(j)) {
		if (feed_json_number(j, &o->value, where, c->display, c->err))
			return -1;
		o->has_value = 1;
		return 0;
	}
	if (!cJSON_IsString(j))
		return eim_error_set(c->err, EIM_DATA, c->display, 0, 0,
				     "value of %s is not a string or number",
				     where);
	rc = feed_value(j->valuestring, strlen(j->valuestring), &o->value,
			&marker, c->display, 0, 0, c->err);
	if (rc < 0)
		return -1;
	o->has_value = rc;
	if (marker && !o->status[0])
		feed_set_status(o, marker, strlen(marker));
	return 0;
}

int feed_ons_timeseries(struct feed_ctx *c, const cJSON *root)
{
	static const char *const arrays[] = { "years", "quarters", "months" };
	const cJSON *desc = cJSON_GetObjectItemCaseSensitive(root, "description");
	const char *cdid = json_str(desc, "cdid");
	const char *title = json_str(desc, "title");
	const char *rel = json_str(desc, "releaseDate");
	const char *ids[2];
	size_t nd = 0, a, geo = 0, dc;
	int any = 0;

	if (!cJSON_IsObject(root))
		return eim_error_set(c->err, EIM_DATA, c->display, 0, 0,
				     "not an ONS time series: not an object");
	if (feed_wants_fixed_geo(c))
		ids[nd++] = "geography";
	dc = nd;
	ids[nd++] = "cdid";
	series_table_set_dims(c->out, nd, ids);
	if (feed_check_filters(c))
		return -1;
	free(c->out->title);
	c->out->title = trimmed_dup(title);
	free(c->out->unit);
	c->out->unit = trimmed_dup(json_str(desc, "unit"));
	if (rel && strlen(rel) >= 10) /* for the edition cut-off */
		snprintf(c->out->published, sizeof(c->out->published), "%.10s",
			 rel);
	if (!cdid)
		cdid = "";
	for (a = 0; a < sizeof(arrays) / sizeof(*arrays); a++) {
		const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, arrays[a]);
		const cJSON *it;

		if (!arr)
			continue;
		if (!cJSON_IsArray(arr))
			return eim_error_set(c->err, EIM_DATA, c->display, 0, 0,
					     "'%s' is not an array", arrays[a]);
		any = 1;
		cJSON_ArrayForEach(it, arr) {
			const char *date = json_str(it, "date");
			struct series_obs *o;
			struct period p;

			if (!date)
				return eim_error_set(c->err, EIM_DATA, c->display,
						     0, 0,
						     "an observation in '%s' has no 'date'",
						     arrays[a]);
			if (period_parse(date, strlen(date), &p))
				return eim_error_set(c->err, EIM_DATA, c->display,
						     0, 0,
						     "cannot read period '%s' in '%s'",
						     date, arrays[a]);
			o = series_table_add(c->out);
			o->period = p;
			if (dc)
				feed_set_dim(c->out, o, geo,
					     c->mapping->geography_fixed,
					     strlen(c->mapping->geography_fixed),
					     NULL, 0);
			feed_set_dim(c->out, o, dc, cdid, strlen(cdid), title,
				     title ? strlen(title) : 0);
			if (json_value(c, cJSON_GetObjectItemCaseSensitive(it, "value"),
				       o, date))
				return -1;
			feed_keep_if_match(c);
		}
	}
	if (!any)
		return eim_error_set(c->err, EIM_DATA, c->display, 0, 0,
				     "not an ONS time series: no 'years', "
				     "'quarters' or 'months'");
	return 0;
}

static int is_time_id(const char *s)
{
	static const char *const names[] = { "time", "year", "date", "period",
					     "month", "quarter", "week" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (strcasecmp(s, names[i]) == 0)
			return 1;
	return 0;
}

/* Dimension d's id and whether it is the first time. */
static size_t add_id(const char **ids, size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcasecmp(ids[i], id) == 0)
			return n;
	ids[n] = id;
	return n + 1;
}

#define ONS_MAX_DIMS 32

int feed_ons_observations(struct feed_ctx *c, const cJSON *root)
{
	const cJSON *top = cJSON_GetObjectItemCaseSensitive(root, "dimensions");
	const cJSON *obs = cJSON_GetObjectItemCaseSensitive(root, "observations");
	const cJSON *first, *d, *it;
	const char *ids[ONS_MAX_DIMS];
	const cJSON *total = cJSON_GetObjectItemCaseSensitive(root,
							      "total_observations");
	const cJSON *offset = cJSON_GetObjectItemCaseSensitive(root, "offset");
	size_t nd = 0, i, fixed_geo = 0, nobs = 0;

	if (!cJSON_IsArray(obs))
		return eim_error_set(c->err, EIM_DATA, c->display, 0, 0,
				     "not ONS observations: no 'observations' array");
	/* dimensions: the fixed ones, then those of the observations */
	cJSON_ArrayForEach(d, top) {
		if (d->string && !is_time_id(d->string) && nd < ONS_MAX_DIMS - 1)
			nd = add_id(ids, nd, d->string);
	}
	first = cJSON_GetArrayItem(obs, 0);
	cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(first, "dimensions")) {
		if (d->string && !is_time_id(d->string) && nd < ONS_MAX_DIMS - 1)
			nd = add_id(ids, nd, d->string);
	}
	if (feed_wants_fixed_geo(c) && add_id(ids, nd, "geography") > nd) {
		memmove(ids + 1, ids, nd * sizeof(*ids));
		ids[0] = "geography";
		nd++;
		fixed_geo = 1;
	}
	series_table_set_dims(c->out, nd, ids);
	if (feed_check_filters(c))
		return -1;
	free(c->out->unit);
	c->out->unit = trimmed_dup(json_str(root, "unit_of_measure"));

	cJSON_ArrayForEach(it, obs) {
		const cJSON *od = cJSON_GetObjectItemCaseSensitive(it, "dimensions");
		struct series_obs *o = series_table_add(c->out);
		const char *ptext = NULL;
		int have_p = 0;

		nobs++;
		if (fixed_geo)
			feed_set_dim(c->out, o, 0, c->mapping->geography_fixed,
				     strlen(c->mapping->geography_fixed), NULL, 0);
		/* top-level fixed dims first, observation dims override */
		for (i = 0; i < 2; i++) {
			const cJSON *src = i == 0 ? top : od;
			cJSON_ArrayForEach(d, src) {
				const cJSON *opt = i == 0
					? cJSON_GetObjectItemCaseSensitive(d, "option")
					: d;
				const char *id = json_str(opt, "id");
				const char *label = json_str(opt, "label");
				int k;

				if (!d->string)
					continue;
				if (is_time_id(d->string)) {
					/* the id is the code list ("Month"):
					 * the label is the period */
					const char *cand[2] = { label, id };
					size_t j;
					for (j = 0; j < 2 && !have_p; j++) {
						if (cand[j] &&
						    period_parse(cand[j], strlen(cand[j]),
								 &o->period) == 0) {
							have_p = 1;
						}
					}
					if (!have_p)
						ptext = label ? label : id;
					continue;
				}
				k = series_dim_index(c->out, d->string);
				if (k < 0)
					return eim_error_set(c->err, EIM_DATA,
							     c->display, 0, 0,
							     "observation %zu has "
							     "dimension '%s' the "
							     "first has not",
							     nobs, d->string);
				if (!id)
					id = label ? label : "";
				feed_set_dim(c->out, o, (size_t)k, id, strlen(id),
					     label, label ? strlen(label) : 0);
			}
		}
		if (!have_p)
			return eim_error_set(c->err, EIM_DATA, c->display, 0, 0,
					     ptext ? "cannot read period '%s' of "
						     "observation %zu"
						   : "%sno time dimension in "
						     "observation %zu",
					     ptext ? ptext : "", nobs);
		if (json_value(c, cJSON_GetObjectItemCaseSensitive(it, "observation"),
			       o, "an observation"))
			return -1;
		feed_keep_if_match(c);
	}
	/* counts outside 0..1e15 (or NaN) are ignored: casting them to long
	 * would be undefined */
	if (cJSON_IsNumber(total) && total->valuedouble >= 0 &&
	    total->valuedouble <= 1e15) {
		long have = (long)nobs + (cJSON_IsNumber(offset) &&
					  offset->valuedouble >= 0 &&
					  offset->valuedouble <= 1e15
						  ? (long)offset->valuedouble : 0);
		if (have < (long)total->valuedouble)
			return eim_error_set(c->err, EIM_DATA, c->display, 0, 0,
					     "truncated ONS response: %ld of %ld "
					     "observations", have,
					     (long)total->valuedouble);
	}
	return 0;
}
