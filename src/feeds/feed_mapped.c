/* feed_mapped.c - generic csv and json feeds read through a mapping
 * (struct config_mapping), or through the defaults of feed.h when there
 * is none.
 *
 * A mapping names the period, geography, geography_name, value and status
 * columns (CSV) or record fields (JSON; a name starting with '/' is a
 * JSON Pointer into the record), further dimension columns, and filters
 * (column == value) applied to raw fields before anything is converted. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "feed_priv.h"
#include "jsonptr.h"
#include "xalloc.h"
#include "banned.h"

static const char *const def_period[] = { "period", "date", "time", "month",
					  "quarter", "year", "week", "iso_week",
					  NULL };
static const char *const def_geo[] = { "geography_code", "geography", "geo",
				       "area_code", "areacode", "lad_code",
				       "la_code", "region_code", "area", "code",
				       NULL };
static const char *const def_geo_name[] = { "geography_name", "area_name",
					    "lad_name", "la_name",
					    "region_name", "name", NULL };
static const char *const def_value[] = { "value", "obs_value", "observation",
					 "count", NULL };
static const char *const def_status[] = { "status", "obs_status", "flag",
					  "marking", NULL };

/* No mapping to speak of: use the defaults, every other column a
 * dimension. */
static int auto_mode(const struct config_mapping *m)
{
	return !m || (!m->period && !m->value && !m->ndims);
}

/* The roles of a mapping by column/field name (NULL: none). */
struct roles {
	const char *period, *geo, *geo_name, *value, *status;
	const char **dims; /* extra dimension names */
	size_t ndims;
	const char *fixed; /* fixed geography code */
};

typedef int (*has_name_fn)(const void *src, const char *name);

static const char *pick(const void *src, has_name_fn has,
			const char *const *cands)
{
	size_t i;

	for (i = 0; cands[i]; i++)
		if (has(src, cands[i]))
			return cands[i];
	return NULL;
}

/* Fill r from the mapping or the defaults; names of auto-mode extra
 * dimensions come from the caller (all remaining names). */
static void roles_init(struct feed_ctx *c, const void *src, has_name_fn has,
		       struct roles *r)
{
	const struct config_mapping *m = c->mapping;

	memset(r, 0, sizeof(*r));
	if (m && m->geography_fixed && *m->geography_fixed)
		r->fixed = m->geography_fixed;
	if (auto_mode(m)) {
		r->period = pick(src, has, def_period);
		r->geo = r->fixed ? NULL : pick(src, has, def_geo);
		r->geo_name = r->geo ? pick(src, has, def_geo_name) : NULL;
		r->value = pick(src, has, def_value);
		r->status = pick(src, has, def_status);
		return;
	}
	r->period = m->period;
	r->geo = m->geography;
	r->geo_name = m->geography_name;
	r->value = m->value;
	r->status = m->status;
	r->dims = (const char **)m->dims;
	r->ndims = m->ndims;
}

static int same(const char *a, const char *b)
{
	return a && b && strcasecmp(a, b) == 0;
}

static int role_taken(const struct roles *r, const char *name)
{
	return same(name, r->period) || same(name, r->geo) ||
	       same(name, r->geo_name) || same(name, r->value) ||
	       same(name, r->status);
}

/* Table dimension ids: geography first when there is one. */
static void set_table_dims(struct feed_ctx *c, const struct roles *r)
{
	const char **ids = xcalloc(r->ndims + 1, sizeof(*ids));
	size_t n = 0, i;

	if (r->geo || r->fixed)
		ids[n++] = "geography";
	for (i = 0; i < r->ndims; i++)
		ids[n++] = r->dims[i];
	series_table_set_dims(c->out, n, ids);
	free(ids);
}

/* ---- CSV ---- */

struct csv_src {
	const struct csv_field *h;
	size_t n;
};

static int csv_has(const void *src, const char *name)
{
	const struct csv_src *s = src;
	return csv_find_column(s->h, s->n, name) >= 0;
}

static int need_col(struct feed_ctx *c, const struct csv_src *s,
		    const char *name, const char *role, int *col)
{
	*col = -1;
	if (!name)
		return 0;
	*col = csv_find_column(s->h, s->n, name);
	if (*col < 0)
		return eim_error_set(c->err, EIM_DATA, c->display, 1, 0,
				     "no column '%s' (the %s)", name, role);
	return 0;
}

struct raw_filter {
	int col, col2; /* col2: a label column that may match too */
	const char *value;
	size_t len;
};

static int raw_is(const struct csv_field *f, const char *s, size_t len)
{
	size_t fl = f->len;
	const char *p = feed_trim(f->p, &fl);
	return fl == len && memcmp(p, s, len) == 0;
}

int feed_mapped_csv(struct feed_ctx *c, struct csv_reader *r)
{
	const struct config_mapping *m = c->mapping;
	struct csv_field *fl;
	struct csv_src src;
	struct roles ro;
	size_t n, i, ncols, nraw = 0, gdim;
	int rc, ret = -1;
	int cp, cg, cgn, cv, cs;
	int *dcol = NULL;
	const char **autod = NULL;
	struct raw_filter *rf = NULL;
	char last_date[64] = "";
	struct period last_p = { PERIOD_NONE, 0, 0 };

	rc = csv_reader_next(r, &fl, &n, c->err);
	if (rc <= 0) {
		if (rc == 0)
			eim_error_set(c->err, EIM_DATA, c->display, 0, 0,
				      "empty file: no header line");
		return -1;
	}
	ncols = n;
	src.h = fl;
	src.n = n;
	roles_init(c, &src, csv_has, &ro);
	if (auto_mode(m)) {
		autod = xcalloc(n ? n : 1, sizeof(*autod));
		for (i = 0; i < n; i++)
			if (!role_taken(&ro, fl[i].p))
				autod[ro.ndims++] = fl[i].p;
		ro.dims = autod;
	}
	if (!ro.period || !ro.value) {
		eim_error_set(c->err, EIM_DATA, c->display, 1, 0,
			      "no %s column (looked for %s)",
			      ro.period ? "value" : "period",
			      ro.period ? "value, obs_value, observation, count"
					: "period, date, time, month, quarter, year, week");
		goto out;
	}
	if (need_col(c, &src, ro.period, "period", &cp) ||
	    need_col(c, &src, ro.geo, "geography", &cg) ||
	    need_col(c, &src, ro.geo_name, "geography name", &cgn) ||
	    need_col(c, &src, ro.value, "value", &cv) ||
	    need_col(c, &src, ro.status, "status", &cs))
		goto out;
	dcol = xcalloc(ro.ndims + 1, sizeof(*dcol));
	for (i = 0; i < ro.ndims; i++)
		if (need_col(c, &src, ro.dims[i], "dimension", &dcol[i]))
			goto out;
	set_table_dims(c, &ro);
	/* header strings live in the reader's buffer: copy what we keep */
	if (feed_check_filters(c))
		goto out;
	gdim = (ro.geo || ro.fixed) ? 1 : 0;
	rf = xcalloc((m ? m->nfilter : 0) + c->nf + 1, sizeof(*rf));
	for (i = 0; m && i < m->nfilter; i++) {
		if (need_col(c, &src, m->filter[i].key, "filter", &rf[nraw].col))
			goto out;
		rf[nraw].col2 = -1;
		rf[nraw].value = m->filter[i].value ? m->filter[i].value : "";
		rf[nraw].len = strlen(rf[nraw].value);
		nraw++;
	}
	for (i = 0; i < c->nf; i++) {
		int d = series_dim_index(c->out, c->f[i].dim);
		if (gdim && d == 0) {
			if (cg < 0)
				continue; /* fixed: checked per observation */
			rf[nraw].col = cg;
			rf[nraw].col2 = cgn;
		} else {
			rf[nraw].col = dcol[d - (int)gdim];
			rf[nraw].col2 = -1;
		}
		if (rf[nraw].col < 0)
			continue;
		rf[nraw].value = c->f[i].value;
		rf[nraw].len = strlen(c->f[i].value);
		nraw++;
	}
	free(autod); /* names now copied into the table */
	autod = NULL;
	ro.dims = NULL;

	while ((rc = csv_reader_next(r, &fl, &n, c->err)) == 1) {
		long line = csv_reader_line(r);
		struct series_obs *o;
		const char *marker;
		int keep = 1;

		if (n != ncols) {
			eim_error_set(c->err, EIM_DATA, c->display, (int)line, 0,
				      "row has %zu fields, the header %zu", n,
				      ncols);
			goto out;
		}
		for (i = 0; i < nraw && keep; i++)
			keep = raw_is(&fl[rf[i].col], rf[i].value, rf[i].len) ||
			       (rf[i].col2 >= 0 &&
				raw_is(&fl[rf[i].col2], rf[i].value, rf[i].len));
		if (!keep)
			continue;
		o = series_table_add(c->out);
		if (last_p.freq != PERIOD_NONE &&
		    strcmp(fl[cp].p, last_date) == 0) {
			o->period = last_p;
		} else if (period_parse(fl[cp].p, fl[cp].len, &o->period)) {
			feed_csv_bad_period(c, r, &fl[cp]);
			goto out;
		} else {
			last_p = o->period;
			snprintf(last_date, sizeof(last_date), "%s", fl[cp].p);
		}
		if (ro.fixed)
			feed_set_dim(c->out, o, 0, ro.fixed, strlen(ro.fixed),
				     NULL, 0);
		else if (cg >= 0)
			feed_set_dim(c->out, o, 0, fl[cg].p, fl[cg].len,
				     cgn >= 0 ? fl[cgn].p : NULL,
				     cgn >= 0 ? fl[cgn].len : 0);
		for (i = 0; i < c->out->ndims - gdim; i++)
			feed_set_dim(c->out, o, i + gdim, fl[dcol[i]].p,
				     fl[dcol[i]].len, NULL, 0);
		rc = feed_csv_value(c, r, &fl[cv], &o->value, &marker);
		if (rc < 0)
			goto out;
		o->has_value = rc;
		if (cs >= 0)
			feed_set_status(o, fl[cs].p, fl[cs].len);
		if (!o->status[0] && marker)
			feed_set_status(o, marker, strlen(marker));
		feed_keep_if_match(c);
	}
	if (rc < 0)
		goto out;
	ret = 0;
out:
	free(autod);
	free(dcol);
	free(rf);
	return ret;
}

/* ---- JSON ---- */

/* A record's field: a JSON Pointer when it starts with '/', else a
 * member name (exact, then case-insensitive). */
static const cJSON *field(const cJSON *rec, const char *name)
{
	const cJSON *j;

	if (!name)
		return NULL;
	if (name[0] == '/')
		return jsonptr_get(rec, name);
	j = cJSON_GetObjectItemCaseSensitive(rec, name);
	return j ? j : cJSON_GetObjectItem(rec, name);
}

static int json_has(const void *src, const char *name)
{
	return field(src, name) != NULL;
}

/* The first array of objects in j, depth first, at most depth levels
 * down. */
static const cJSON *find_records(const cJSON *j, int depth)
{
	const cJSON *e, *r;

	if (cJSON_IsArray(j) && cJSON_IsObject(j->child))
		return j;
	if (!cJSON_IsObject(j) || depth == 0)
		return NULL;
	cJSON_ArrayForEach(e, j)
		if ((r = find_records(e, depth - 1)) != NULL)
			return r;
	return NULL;
}

/* The records array: the mapping's pointer, else the root array, else
 * the first array of objects found under the root (CKAN's
 * /result/records, Opendatasoft's /results...). */
static const cJSON *records_of(const struct config_mapping *m,
			       const cJSON *root)
{
	if (m && m->records)
		return jsonptr_get(root, m->records);
	if (cJSON_IsArray(root))
		return root;
	return find_records(root, 3);
}

static int scalar(const cJSON *j)
{
	return cJSON_IsString(j) || cJSON_IsNumber(j) || cJSON_IsBool(j);
}

int feed_mapped_json(struct feed_ctx *c, const cJSON *root)
{
	const struct config_mapping *m = c->mapping;
	const cJSON *recs = records_of(m, root), *rec, *first;
	const char **autod = NULL;
	struct roles ro;
	size_t i, gdim, nrec = 0;
	int ret = -1;

	if (!cJSON_IsArray(recs))
		return eim_error_set(c->err, EIM_DATA, c->display, 0, 0,
				     m && m->records
					     ? "records '%s' is not an array"
					     : "%sno records array",
				     m && m->records ? m->records : "");
	first = recs->child;
	roles_init(c, first, json_has, &ro);
	if (auto_mode(m)) {
		const cJSON *e;
		autod = xcalloc((size_t)cJSON_GetArraySize(first) + 1,
				sizeof(*autod));
		cJSON_ArrayForEach(e, first)
			if (e->string && scalar(e) && !role_taken(&ro, e->string))
				autod[ro.ndims++] = e->string;
		ro.dims = autod;
		if (first && (!ro.period || !ro.value)) {
			eim_error_set(c->err, EIM_DATA, c->display, 0, 0,
				      "no %s field in the records",
				      ro.period ? "value" : "period");
			goto out;
		}
	} else if (!ro.period || !ro.value) {
		eim_error_set(c->err, EIM_DATA, c->display, 0, 0,
			      "the mapping needs 'period' and 'value'");
		goto out;
	}
	set_table_dims(c, &ro);
	if (feed_check_filters(c))
		goto out;
	gdim = (ro.geo || ro.fixed) ? 1 : 0;

	cJSON_ArrayForEach(rec, recs) {
		char b1[40], b2[40];
		const char *pt, *t, *t2, *marker = NULL;
		const cJSON *v;
		struct series_obs *o;
		int keep = 1;

		nrec++;
		if (!cJSON_IsObject(rec)) {
			eim_error_set(c->err, EIM_DATA, c->display, 0, 0,
				      "record %zu is not an object", nrec);
			goto out;
		}
		for (i = 0; m && i < m->nfilter && keep; i++) {
			t = feed_json_text(field(rec, m->filter[i].key), b1,
					   sizeof(b1));
			keep = t && strcmp(t, m->filter[i].value
						     ? m->filter[i].value : "") == 0;
		}
		if (!keep)
			continue;
		pt = feed_json_text(field(rec, ro.period), b1, sizeof(b1));
		o = series_table_add(c->out);
		if (!pt || period_parse(pt, strlen(pt), &o->period)) {
			eim_error_set(c->err, EIM_DATA, c->display, 0, 0,
				      "record %zu: cannot read period '%.40s'",
				      nrec, pt ? pt : "");
			goto out;
		}
		if (ro.fixed) {
			feed_set_dim(c->out, o, 0, ro.fixed, strlen(ro.fixed),
				     NULL, 0);
		} else if (ro.geo) {
			t = feed_json_text(field(rec, ro.geo), b1, sizeof(b1));
			t2 = feed_json_text(field(rec, ro.geo_name), b2,
					    sizeof(b2));
			if (t)
				feed_set_dim(c->out, o, 0, t, strlen(t), t2,
					     t2 ? strlen(t2) : 0);
		}
		for (i = 0; i < c->out->ndims - gdim; i++) {
			const cJSON *d = field(rec, ro.dims[i]);
			t = cJSON_IsBool(d) ? (cJSON_IsTrue(d) ? "true" : "false")
					    : feed_json_text(d, b1, sizeof(b1));
			if (t)
				feed_set_dim(c->out, o, i + gdim, t, strlen(t),
					     NULL, 0);
		}
		v = field(rec, ro.value);
		if (cJSON_IsNumber(v)) {
			if (feed_json_number(v, &o->value, "a record",
					     c->display, c->err))
				goto out;
			o->has_value = 1;
		} else if (cJSON_IsString(v)) {
			int rc = feed_value(v->valuestring, strlen(v->valuestring),
					    &o->value, &marker, c->display, 0, 0,
					    c->err);
			if (rc < 0)
				goto out;
			o->has_value = rc;
		} else if (v && !cJSON_IsNull(v)) {
			eim_error_set(c->err, EIM_DATA, c->display, 0, 0,
				      "record %zu: value is not a number", nrec);
			goto out;
		}
		t = feed_json_text(field(rec, ro.status), b1, sizeof(b1));
		if (t)
			feed_set_status(o, t, strlen(t));
		if (!o->status[0] && marker)
			feed_set_status(o, marker, strlen(marker));
		feed_keep_if_match(c);
	}
	ret = 0;
out:
	free(autod);
	return ret;
}
