/* feed_jsonstat.c - JSON-stat 2.0 datasets and 1.x bundles.
 *
 * The cube is read row-major (the last dimension varies fastest): every
 * cell becomes one observation, cells without a value (null in the value
 * array, absent from a sparse value object) are missing; cells that
 * the filters reject are skipped unread. The time
 * dimension (role time, else id time/year/date/period) gives the period;
 * every other dimension is a dimension of the table, in id order. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "feed_priv.h"
#include "xalloc.h"
#include "banned.h"

#define JS_MAX_CELLS ((size_t)20 << 20)

struct js_dim {
	const char *id;
	size_t size;
	const char **codes;  /* [size] by position */
	const char **labels; /* [size], may hold NULL */
};

/* A category of a table dimension, resolved once for all its cells: code
 * and label trimmed and interned as feed_set_dim would, and whether it
 * passes the filters on its dimension (a cell failing one is never
 * built: a --select of one area among a million cells builds a
 * thousand). */
struct js_cat {
	const char *code, *label;
	int pass;
};

struct js_cube {
	struct js_dim *dims;
	size_t ndims;
	int time;            /* index into dims */
	int geo;             /* role geo, -1 if none */
	struct period *periods; /* [dims[time].size] */
};

static void cube_release(struct js_cube *q)
{
	size_t i;

	for (i = 0; i < q->ndims; i++) {
		free(q->dims[i].codes);
		free(q->dims[i].labels);
	}
	free(q->dims);
	free(q->periods);
}

static const cJSON *item(const cJSON *o, const char *k)
{
	return cJSON_GetObjectItemCaseSensitive(o, k);
}

/* First id listed under role.name, or NULL. */
static const char *role_id(const cJSON *role, const char *name)
{
	const cJSON *r = cJSON_GetArrayItem(item(role, name), 0);
	return cJSON_IsString(r) ? r->valuestring : NULL;
}

static int read_dim(struct feed_ctx *c, const cJSON *dimension,
		    struct js_dim *d)
{
	const cJSON *dj = item(dimension, d->id);
	const cJSON *cat = item(dj, "category");
	const cJSON *index = item(cat, "index");
	const cJSON *label = item(cat, "label");
	const cJSON *e;
	size_t i = 0;

	if (!cJSON_IsObject(dj))
		return eim_error_set(c->err, EIM_DATA, c->display, 0, 0,
				     "dimension '%s' is not described", d->id);
	d->codes = xcalloc(d->size ? d->size : 1, sizeof(*d->codes));
	d->labels = xcalloc(d->size ? d->size : 1, sizeof(*d->labels));
	if (cJSON_IsArray(index)) {
		cJSON_ArrayForEach(e, index) {
			if (!cJSON_IsString(e) || i >= d->size)
				goto bad;
			d->codes[i++] = e->valuestring;
		}
	} else if (cJSON_IsObject(index)) {
		cJSON_ArrayForEach(e, index) {
			double p = cJSON_IsNumber(e) ? e->valuedouble : -1;
			if (p < 0 || p >= (double)d->size ||
			    d->codes[(size_t)p])
				goto bad;
			d->codes[(size_t)p] = e->string;
			i++;
		}
	} else if (!index && d->size == 1 && cJSON_IsObject(label) &&
		   cJSON_GetArraySize(label) == 1) {
		/* a single category may omit its index */
		d->codes[0] = label->child->string;
		i = 1;
	} else {
		goto bad;
	}
	if (i != d->size)
		goto bad;
	for (i = 0; i < d->size; i++) {
		const cJSON *l = item(label, d->codes[i]);
		d->labels[i] = cJSON_IsString(l) ? l->valuestring : NULL;
	}
	return 0;
bad:
	return eim_error_set(c->err, EIM_DATA, c->display, 0, 0,
			     "dimension '%s': category index does not match "
			     "its size %zu", d->id, d->size);
}

/* Sparse object keyed by flat index -> array of pointers. */
static int sparse(struct feed_ctx *c, const cJSON *obj, size_t total,
		  const char *what, const cJSON ***out)
{
	const cJSON *e;
	const cJSON **arr = xcalloc(total ? total : 1, sizeof(*arr));

	cJSON_ArrayForEach(e, obj) {
		char *end;
		unsigned long k = strtoul(e->string, &end, 10);
		if (*end || end == e->string || k >= total) {
			free(arr);
			return eim_error_set(c->err, EIM_DATA, c->display, 0, 0,
					     "%s key '%s' is not a cell index",
					     what, e->string);
		}
		arr[k] = e;
	}
	*out = arr;
	return 0;
}

/* The categories of cube dimension d (table dimension td). */
static struct js_cat *resolve_cats(struct feed_ctx *c, const struct js_dim *d,
				   size_t td)
{
	struct js_cat *cats = xcalloc(d->size, sizeof(*cats));
	const char *empty = series_intern(c->out, "", 0);
	size_t p, f;

	for (p = 0; p < d->size; p++) {
		const char *code = d->codes[p], *lab = d->labels[p];
		size_t len = strlen(code);

		code = feed_trim(code, &len);
		cats[p].code = series_intern(c->out, code, len);
		cats[p].label = empty;
		if (lab) {
			len = strlen(lab);
			lab = feed_trim(lab, &len);
			cats[p].label = series_intern(c->out, lab, len);
		}
		/* series_obs_matches' test, for the filters on this dimension */
		cats[p].pass = 1;
		for (f = 0; f < c->nf; f++)
			if (series_dim_index(c->out, c->f[f].dim) == (int)td &&
			    strcmp(cats[p].code, c->f[f].value) != 0 &&
			    strcmp(cats[p].label, c->f[f].value) != 0)
				cats[p].pass = 0;
	}
	return cats;
}

/* One cell, flat index flat at position pos, as an observation: kept if
 * it matches the filters. */
static int read_cell(struct feed_ctx *c, const struct js_cube *q,
		     struct js_cat *const *cats, const size_t *tab, int fixed,
		     const size_t *pos, const cJSON *v, const cJSON *s,
		     size_t flat)
{
	struct series_obs *o = series_table_add(c->out);
	size_t i;

	if (fixed)
		feed_set_dim(c->out, o, 0, c->mapping->geography_fixed,
			     strlen(c->mapping->geography_fixed), NULL, 0);
	for (i = 0; i < q->ndims; i++) {
		if ((int)i == q->time)
			continue;
		o->codes[tab[i]] = cats[i][pos[i]].code;
		o->labels[tab[i]] = cats[i][pos[i]].label;
	}
	o->period = q->periods[pos[q->time]];
	if (cJSON_IsString(s))
		/* cJSON_IsString(NULL) is false */
		/* NOLINTNEXTLINE(clang-analyzer-core.NullDereference) */
		feed_set_status(o, s->valuestring, strlen(s->valuestring));
	if (cJSON_IsNumber(v)) {
		if (feed_json_number(v, &o->value, "a cell", c->display,
				     c->err))
			return -1;
		o->has_value = 1;
	} else if (cJSON_IsString(v)) {
		const char *marker = NULL;
		int rc = feed_value(v->valuestring, strlen(v->valuestring),
				    &o->value, &marker, c->display, 0, 0,
				    c->err);
		if (rc < 0)
			return -1;
		o->has_value = rc;
		if (marker && !o->status[0])
			feed_set_status(o, marker, strlen(marker));
	} else if (v && !cJSON_IsNull(v)) {
		return eim_error_set(c->err, EIM_DATA, c->display, 0, 0,
				     "value of cell %zu is not a number", flat);
	}
	feed_keep_if_match(c);
	return 0;
}

static int read_dataset(struct feed_ctx *c, const cJSON *ds)
{
	const cJSON *dimension = item(ds, "dimension");
	const cJSON *idj = item(ds, "id"), *sizej = item(ds, "size");
	const cJSON *role = item(ds, "role");
	const cJSON *value = item(ds, "value"), *status = item(ds, "status");
	const cJSON **vsparse = NULL, **ssparse = NULL;
	const cJSON *vcur = NULL, *scur = NULL;
	struct js_cube q;
	const char **ids = NULL;
	size_t *pos = NULL, *tab = NULL;
	struct js_cat **cats = NULL;
	size_t i, nd = 0, total = 1, flat;
	int fixed = 0;
	const char *tid, *gid;
	int ret = -1;

	memset(&q, 0, sizeof(q));
	q.time = q.geo = -1;
	if (!cJSON_IsArray(idj)) { /* 1.x keeps id/size/role in dimension */
		idj = item(dimension, "id");
		sizej = item(dimension, "size");
		role = item(dimension, "role");
	}
	if (!cJSON_IsObject(dimension) || !cJSON_IsArray(idj) ||
	    !cJSON_IsArray(sizej) ||
	    cJSON_GetArraySize(idj) != cJSON_GetArraySize(sizej) ||
	    cJSON_GetArraySize(idj) == 0) {
		eim_error_set(c->err, EIM_DATA, c->display, 0, 0,
			      "not a JSON-stat dataset: no matching 'id' and "
			      "'size'");
		goto out;
	}
	q.ndims = (size_t)cJSON_GetArraySize(idj);
	q.dims = xcalloc(q.ndims, sizeof(*q.dims));
	tid = role_id(role, "time");
	gid = role_id(role, "geo");
	for (i = 0; i < q.ndims; i++) {
		const cJSON *ij = cJSON_GetArrayItem(idj, (int)i);
		const cJSON *sj = cJSON_GetArrayItem(sizej, (int)i);
		if (!cJSON_IsString(ij) || !cJSON_IsNumber(sj) ||
		    sj->valuedouble < 1 || sj->valuedouble > 1e9) {
			eim_error_set(c->err, EIM_DATA, c->display, 0, 0,
				      "bad 'id' or 'size' entry %zu", i);
			goto out;
		}
		q.dims[i].id = ij->valuestring;
		q.dims[i].size = (size_t)sj->valuedouble;
		if (total > JS_MAX_CELLS / q.dims[i].size) {
			eim_error_set(c->err, EIM_DATA, c->display, 0, 0,
				      "cube larger than %zu cells", JS_MAX_CELLS);
			goto out;
		}
		total *= q.dims[i].size;
		if (read_dim(c, dimension, &q.dims[i]))
			goto out;
		if (tid && strcmp(tid, q.dims[i].id) == 0)
			q.time = (int)i;
		if (gid && strcmp(gid, q.dims[i].id) == 0)
			q.geo = (int)i;
	}
	for (i = 0; q.time < 0 && i < q.ndims; i++) {
		static const char *const names[] = { "time", "year", "date",
						     "period" };
		size_t j;
		for (j = 0; j < 4; j++)
			if (strcasecmp(q.dims[i].id, names[j]) == 0)
				q.time = (int)i;
	}
	if (q.time < 0) {
		eim_error_set(c->err, EIM_DATA, c->display, 0, 0,
			      "no time dimension (role time, or id time, year, "
			      "date or period)");
		goto out;
	}
	q.periods = xcalloc(q.dims[q.time].size, sizeof(*q.periods));
	for (i = 0; i < q.dims[q.time].size; i++) {
		const char *code = q.dims[q.time].codes[i];
		const char *lab = q.dims[q.time].labels[i];
		if (period_parse(code, strlen(code), &q.periods[i]) &&
		    (!lab || period_parse(lab, strlen(lab), &q.periods[i]))) {
			eim_error_set(c->err, EIM_DATA, c->display, 0, 0,
				      "cannot read period '%s' of dimension '%s'",
				      code, q.dims[q.time].id);
			goto out;
		}
	}

	/* table dimensions: all but time; a fixed geography first if the
	 * cube has none */
	ids = xcalloc(q.ndims + 1, sizeof(*ids));
	tab = xcalloc(q.ndims, sizeof(*tab));
	if (q.geo < 0 && feed_wants_fixed_geo(c)) {
		for (i = 0; i < q.ndims; i++)
			if (strcasecmp(q.dims[i].id, "geography") == 0)
				break;
		if (i == q.ndims) {
			ids[nd++] = "geography";
			fixed = 1;
		}
	}
	for (i = 0; i < q.ndims; i++) {
		if ((int)i == q.time)
			continue;
		tab[i] = nd;
		ids[nd++] = q.dims[i].id;
	}
	series_table_set_dims(c->out, nd, ids);
	if (q.geo >= 0)
		c->out->dim_geo = (int)tab[q.geo];
	if (feed_check_filters(c))
		goto out;
	{
		const cJSON *l = item(ds, "label");
		free(c->out->title);
		c->out->title = cJSON_IsString(l) ? xstrdup(l->valuestring) : NULL;
		l = item(ds, "updated");
		/* "2026-09-24" or "2026-09-24T09:30:00Z": keep the date */
		if (cJSON_IsString(l) && strlen(l->valuestring) >= 10)
			snprintf(c->out->published, sizeof(c->out->published),
				 "%.10s", l->valuestring);
	}

	if (cJSON_IsArray(value)) {
		if ((size_t)cJSON_GetArraySize(value) != total) {
			eim_error_set(c->err, EIM_DATA, c->display, 0, 0,
				      "'value' has %d entries, the cube %zu cells",
				      cJSON_GetArraySize(value), total);
			goto out;
		}
		vcur = value->child;
	} else if (cJSON_IsObject(value)) {
		if (sparse(c, value, total, "value", &vsparse))
			goto out;
	} else {
		eim_error_set(c->err, EIM_DATA, c->display, 0, 0,
			      "no 'value' array or object");
		goto out;
	}
	if (cJSON_IsArray(status)) {
		if ((size_t)cJSON_GetArraySize(status) != total) {
			eim_error_set(c->err, EIM_DATA, c->display, 0, 0,
				      "'status' has %d entries, the cube %zu cells",
				      cJSON_GetArraySize(status), total);
			goto out;
		}
		scur = status->child;
	} else if (cJSON_IsObject(status)) {
		if (sparse(c, status, total, "status", &ssparse))
			goto out;
	}

	cats = xcalloc(q.ndims, sizeof(*cats));
	for (i = 0; i < q.ndims; i++)
		if ((int)i != q.time)
			cats[i] = resolve_cats(c, &q.dims[i], tab[i]);
	pos = xcalloc(q.ndims, sizeof(*pos));
	for (flat = 0; flat < total; flat++) {
		/* vcur walks a value array of exactly total items, else vsparse is set */
		/* NOLINTNEXTLINE(clang-analyzer-core.NullDereference) */
		const cJSON *v = vcur ? vcur : vsparse[flat];
		const cJSON *st = cJSON_IsString(status) ? status
				  : scur ? scur : ssparse ? ssparse[flat] : NULL;
		int pass = 1;
		size_t k;

		for (i = 0; i < q.ndims && pass; i++)
			if ((int)i != q.time && !cats[i][pos[i]].pass)
				pass = 0;
		if (pass && read_cell(c, &q, cats, tab, fixed, pos, v, st, flat))
			goto out;
		if (vcur)
			vcur = vcur->next;
		if (scur)
			scur = scur->next;
		/* odometer: last dimension fastest */
		for (k = q.ndims; k-- > 0;) {
			if (++pos[k] < q.dims[k].size)
				break;
			pos[k] = 0;
		}
	}
	ret = 0;
out:
	for (i = 0; cats && i < q.ndims; i++)
		free(cats[i]);
	free(cats);
	free(vsparse);
	free(ssparse);
	free(pos);
	free(tab);
	free(ids);
	cube_release(&q);
	return ret;
}

int feed_jsonstat(struct feed_ctx *c, const cJSON *root)
{
	const cJSON *e;

	if (!cJSON_IsObject(root))
		return eim_error_set(c->err, EIM_DATA, c->display, 0, 0,
				     "not JSON-stat: not an object");
	if (item(root, "value") || item(root, "dimension"))
		return read_dataset(c, root);
	/* 1.x bundle: {"<dataset id>": {...}, ...}: the first dataset */
	cJSON_ArrayForEach(e, root) {
		if (cJSON_IsObject(e) && cJSON_IsObject(item(e, "dimension")))
			return read_dataset(c, e);
	}
	return eim_error_set(c->err, EIM_DATA, c->display, 0, 0,
			     "not JSON-stat: no dataset with 'dimension' and "
			     "'value'");
}
