/* series.c - the common observation model (see series.h).
 *
 * Strings are interned in an open-addressing hash set whose bytes live in
 * large chunks, and the per-observation code/label arrays come from a
 * pointer arena: reading a big feed costs a few large allocations rather
 * than several per row, and sorting moves only the small obs structs. */
#include "series.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "strbuf.h"
#include "xalloc.h"
#include "banned.h"

#define POOL_CHUNK ((size_t)64 << 10)

struct pool_chunk {
	struct pool_chunk *next;
	size_t used, size;
	/* data follows; max_align_t alignment for the pointer arena */
	union {
		max_align_t align;
		char bytes[1];
	} data;
};

struct series_pool {
	const char **slots; /* hash set of interned strings */
	size_t nslots, nused;
	struct pool_chunk *chunks;
};

static void *pool_alloc(struct series_pool *p, size_t n, size_t align)
{
	struct pool_chunk *c = p->chunks;
	size_t off;

	if (c) {
		off = (c->used + align - 1) & ~(align - 1);
		if (off + n <= c->size) {
			c->used = off + n;
			return c->data.bytes + off;
		}
	}
	{
		size_t size = n > POOL_CHUNK ? n : POOL_CHUNK;
		c = xmalloc(offsetof(struct pool_chunk, data) + size);
		c->size = size;
		c->used = n;
		c->next = p->chunks;
		p->chunks = c;
		return c->data.bytes;
	}
}

static uint64_t hash_bytes(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static void pool_rehash(struct series_pool *p)
{
	size_t n = p->nslots ? p->nslots * 2 : 256, i;
	const char **slots = xcalloc(n, sizeof(*slots));

	for (i = 0; i < p->nslots; i++) {
		const char *s = p->slots[i];
		size_t j;
		if (!s)
			continue;
		j = (size_t)hash_bytes(s, strlen(s)) & (n - 1);
		while (slots[j])
			j = (j + 1) & (n - 1);
		slots[j] = s;
	}
	free(p->slots);
	p->slots = slots;
	p->nslots = n;
}

const char *series_intern(struct series_table *t, const char *s, size_t len)
{
	struct series_pool *p;
	size_t j;
	char *copy;

	if (!t->pool)
		t->pool = xcalloc(1, sizeof(*t->pool));
	p = t->pool;
	if ((p->nused + 1) * 4 >= p->nslots * 3)
		pool_rehash(p);
	j = (size_t)hash_bytes(s, len) & (p->nslots - 1);
	while (p->slots[j]) {
		const char *q = p->slots[j];
		if (strncmp(q, s, len) == 0 && q[len] == '\0')
			return q;
		j = (j + 1) & (p->nslots - 1);
	}
	copy = pool_alloc(p, len + 1, 1);
	memcpy(copy, s, len);
	copy[len] = '\0';
	p->slots[j] = copy;
	p->nused++;
	return copy;
}

/* The interned copy of s, or NULL when t holds no such string. */
static const char *pool_find(const struct series_table *t, const char *s)
{
	const struct series_pool *p = t->pool;
	size_t len = strlen(s), j;

	if (!p || !p->nslots)
		return NULL;
	j = (size_t)hash_bytes(s, len) & (p->nslots - 1);
	for (; p->slots[j]; j = (j + 1) & (p->nslots - 1))
		if (strcmp(p->slots[j], s) == 0)
			return p->slots[j];
	return NULL;
}

void series_table_init(struct series_table *t)
{
	memset(t, 0, sizeof(*t));
	t->dim_geo = -1;
}

void series_table_release(struct series_table *t)
{
	size_t i;

	if (t->pool) {
		struct pool_chunk *c = t->pool->chunks;
		while (c) {
			struct pool_chunk *next = c->next;
			free(c);
			c = next;
		}
		free(t->pool->slots);
		free(t->pool);
	}
	for (i = 0; i < t->ndims; i++)
		free(t->dim_ids[i]);
	free(t->dim_ids);
	free(t->obs);
	free(t->title);
	free(t->unit);
	free(t->by_geo);
	free(t->geo_groups);
	series_table_init(t);
}

void series_table_set_dims(struct series_table *t, size_t n,
			   const char *const *ids)
{
	size_t i;
	char *q;

	for (i = 0; i < t->ndims; i++)
		free(t->dim_ids[i]);
	free(t->dim_ids);
	t->ndims = n;
	t->dim_ids = xcalloc(n ? n : 1, sizeof(*t->dim_ids));
	t->dim_geo = -1;
	for (i = 0; i < n; i++) {
		t->dim_ids[i] = xstrdup(ids[i]);
		for (q = t->dim_ids[i]; *q; q++)
			*q = (char)tolower((unsigned char)*q);
		if (t->dim_geo < 0 && strcmp(t->dim_ids[i], "geography") == 0)
			t->dim_geo = (int)i;
	}
}

struct series_obs *series_table_add(struct series_table *t)
{
	struct series_obs *o;
	const char *empty = series_intern(t, "", 0);
	size_t i;

	XGROW(t->obs, t->cap, t->n + 1);
	o = &t->obs[t->n++];
	memset(o, 0, sizeof(*o));
	if (t->ndims && t->spare) {
		for (i = 0; i < 2 * t->ndims; i++)
			t->spare[i] = empty;
		o->codes = t->spare;
		o->labels = t->spare + t->ndims;
		t->spare = NULL;
	} else if (t->ndims) {
		const char **arr = pool_alloc(t->pool,
					      2 * t->ndims * sizeof(*arr),
					      sizeof(void *));
		for (i = 0; i < 2 * t->ndims; i++)
			arr[i] = empty;
		o->codes = arr;
		o->labels = arr + t->ndims;
	}
	return o;
}

/* Codes compare as numbers when both are plain integers (Nomis measure
 * "2" before "10"), else bytewise. */
static int code_cmp(const char *a, const char *b)
{
	const char *p;
	size_t la, lb;

	if (a == b)
		return 0;
	for (p = a; *p && isdigit((unsigned char)*p); p++)
		;
	if (*p == '\0' && p != a) {
		la = (size_t)(p - a);
		for (p = b; *p && isdigit((unsigned char)*p); p++)
			;
		if (*p == '\0' && p != b) {
			lb = (size_t)(p - b);
			while (la > 1 && *a == '0') {
				a++;
				la--;
			}
			while (lb > 1 && *b == '0') {
				b++;
				lb--;
			}
			if (la != lb)
				return la < lb ? -1 : 1;
		}
	}
	return strcmp(a, b);
}

static int obs_cmp(const struct series_obs *a, const struct series_obs *b,
		   size_t ndims)
{
	size_t i;
	int c;

	for (i = 0; i < ndims; i++) {
		c = code_cmp(a->codes[i], b->codes[i]);
		if (c)
			return c;
	}
	return period_cmp(&a->period, &b->period);
}

/* A stable merge sort of o[0..n) with tmp[0..n) to spare: qsort has no
 * context argument in C11 (the number of dimensions would have to be
 * file-scope state), and stability keeps equal observations in the
 * order the feed gave them, as glibc's qsort (a merge sort) did. */
static void obs_sort(struct series_obs *o, struct series_obs *tmp, size_t n,
		     size_t ndims)
{
	size_t mid = n / 2, i = 0, j = mid, k = 0;

	if (n < 2)
		return;
	obs_sort(o, tmp, mid, ndims);
	obs_sort(o + mid, tmp, n - mid, ndims);
	if (obs_cmp(&o[mid - 1], &o[mid], ndims) <= 0)
		return; /* already in order (the common case: sorted feeds) */
	while (i < mid && j < n)
		tmp[k++] = obs_cmp(&o[j], &o[i], ndims) < 0 ? o[j++] : o[i++];
	while (i < mid)
		tmp[k++] = o[i++];
	while (j < n)
		tmp[k++] = o[j++];
	memcpy(o, tmp, n * sizeof(*o));
}

void series_table_sort(struct series_table *t)
{
	struct series_obs *tmp;

	if (t->n < 2)
		return;
	tmp = xreallocarray(NULL, t->n, sizeof(*tmp));
	obs_sort(t->obs, tmp, t->n, t->ndims);
	free(tmp);
}

int series_dim_index(const struct series_table *t, const char *id)
{
	size_t i;

	for (i = 0; i < t->ndims; i++)
		if (strcasecmp(t->dim_ids[i], id) == 0)
			return (int)i;
	return -1;
}

void series_table_drop_last(struct series_table *t)
{
	if (!t->n)
		return;
	t->n--;
	if (t->ndims)
		t->spare = t->obs[t->n].codes;
}

int series_table_check_unique(struct series_table *t, const char *display,
			      struct eim_error *err)
{
	struct strbuf sb = STRBUF_INIT;
	char per[PERIOD_TEXT_MAX];
	size_t i, d;
	int ret;

	series_table_sort(t);
	for (i = 1; i < t->n; i++) {
		const struct series_obs *a = &t->obs[i - 1], *b = &t->obs[i];

		if (period_cmp(&a->period, &b->period))
			continue;
		for (d = 0; d < t->ndims; d++)
			if (a->codes[d] != b->codes[d]) /* interned */
				break;
		if (d == t->ndims)
			break;
	}
	if (i >= t->n)
		return 0;
	for (d = 0; d < t->ndims; d++)
		strbuf_addf(&sb, "%s%s=%s", d ? ", " : "", t->dim_ids[d],
			    t->obs[i].codes[d]);
	period_format(&t->obs[i].period, per, sizeof(per));
	ret = eim_error_set(err, EIM_DATA, display, 0, 0,
			    "two observations for %s%speriod %s: the feed "
			    "repeats itself (a paged download gone wrong?)",
			    sb.len ? sb.buf : "", sb.len ? ", " : "", per);
	strbuf_release(&sb);
	return ret;
}

int series_obs_matches(const struct series_table *t,
		       const struct series_obs *o,
		       const struct series_filter *f, size_t nf)
{
	size_t i;

	for (i = 0; i < nf; i++) {
		int d = series_dim_index(t, f[i].dim);
		if (d < 0)
			return 0;
		if (strcmp(o->codes[d], f[i].value) != 0 &&
		    strcmp(o->labels[d], f[i].value) != 0)
			return 0;
	}
	return 1;
}

void series_release(struct series *s)
{
	free(s->periods);
	free(s->values);
	free(s->has);
	free(s->status);
	memset(s, 0, sizeof(*s));
}

static int ptr_period_cmp(const void *pa, const void *pb)
{
	const struct series_obs *a = *(const struct series_obs *const *)pa;
	const struct series_obs *b = *(const struct series_obs *const *)pb;

	return period_cmp(&a->period, &b->period);
}

/* One filter of series_extract, resolved once: every code and label of
 * an observation is interned in t's pool, so equal strings are the same
 * pointer and a string the pool lacks matches nothing. */
struct xfilter {
	int dim;
	const char *value; /* interned; NULL: matches no observation */
};

/* A geography's observations: by_geo[first .. first + n). */
struct series_geo_group {
	const char *geo; /* interned code */
	size_t first, n;
};

static int geo_group_cmp(const void *pa, const void *pb)
{
	uintptr_t a = (uintptr_t)((const struct series_geo_group *)pa)->geo;
	uintptr_t b = (uintptr_t)((const struct series_geo_group *)pb)->geo;

	return a < b ? -1 : a > b;
}

void series_table_index(struct series_table *t)
{
	struct series_geo_group *g = NULL;
	size_t i, ng = 0, cap = 0, m, *fill;

	free(t->by_geo);
	free(t->geo_groups);
	t->by_geo = NULL;
	t->geo_groups = NULL;
	t->by_geo_n = t->ngeo_groups = 0;
	if (t->dim_geo < 0 || t->n == 0)
		return;
	/* the groups, by code pointer (interned: one pointer per code);
	 * observations of one geography mostly come together */
	for (i = 0; i < t->n; i++) {
		const char *geo = t->obs[i].codes[t->dim_geo];
		size_t k;

		if (ng && g[ng - 1].geo == geo) {
			g[ng - 1].n++;
			continue;
		}
		if (ng <= 64) { /* a few places: find the group */
			for (k = 0; k < ng && g[k].geo != geo; k++)
				;
			if (k < ng) {
				g[k].n++;
				continue;
			}
		}
		XGROW(g, cap, ng + 1);
		g[ng].geo = geo;
		g[ng].n = 1;
		ng++;
	}
	/* merge the runs of one geography (a long list was not searched) */
	qsort(g, ng, sizeof(*g), geo_group_cmp);
	for (i = 1, m = 1; i < ng; i++) {
		if (g[i].geo == g[m - 1].geo)
			g[m - 1].n += g[i].n;
		else
			g[m++] = g[i];
	}
	ng = m;
	fill = xcalloc(ng, sizeof(*fill));
	for (i = 0; i < ng; i++)
		g[i].first = i ? g[i - 1].first + g[i - 1].n : 0;
	t->by_geo = xmalloc(t->n * sizeof(*t->by_geo));
	for (i = 0; i < t->n; i++) {
		struct series_geo_group key = { t->obs[i].codes[t->dim_geo], 0,
						0 };
		struct series_geo_group *hit =
			bsearch(&key, g, ng, sizeof(*g), geo_group_cmp);

		if (hit) /* always: every code has its group */
			t->by_geo[hit->first + fill[hit - g]++] = i;
	}
	free(fill);
	t->geo_groups = g;
	t->ngeo_groups = ng;
	t->by_geo_n = t->n;
}

/* The observations to look at for geo: its group when the table is
 * indexed (NULL and *n = 0 when no observation has it), else all. */
static const size_t *candidates(const struct series_table *t,
				const char *igeo, size_t *n)
{
	struct series_geo_group key = { igeo, 0, 0 };
	const struct series_geo_group *hit;

	*n = t->n;
	if (!igeo || !t->by_geo || t->by_geo_n != t->n)
		return NULL; /* all of obs[] */
	hit = bsearch(&key, t->geo_groups, t->ngeo_groups,
		      sizeof(*t->geo_groups), geo_group_cmp);
	*n = hit ? hit->n : 0;
	return hit ? t->by_geo + hit->first : t->by_geo;
}

/* The filters f as interned dimension values into a new *xf; 1 when
 * nothing can match (a dimension or value the table lacks). */
static int xfilter_make(const struct series_table *t,
			const struct series_filter *f, size_t nf,
			struct xfilter **xf)
{
	size_t k;
	int none = 0;

	*xf = xcalloc(nf ? nf : 1, sizeof(**xf));
	for (k = 0; k < nf; k++) {
		(*xf)[k].dim = series_dim_index(t, f[k].dim);
		(*xf)[k].value = pool_find(t, f[k].value);
		if ((*xf)[k].dim < 0 || !(*xf)[k].value)
			none = 1; /* nothing can match: an empty series */
	}
	return none;
}

static int xfilter_match(const struct series_obs *o,
			 const struct xfilter *xf, size_t nf)
{
	size_t k;

	for (k = 0; k < nf; k++)
		if (o->codes[xf[k].dim] != xf[k].value &&
		    o->labels[xf[k].dim] != xf[k].value)
			return 0;
	return 1;
}

enum period_freq series_latest_freq(const struct series_table *t,
				    const struct series_filter *f, size_t nf,
				    const char *const *geos, size_t ngeos,
				    long limit_day)
{
	struct xfilter *xf = NULL;
	enum period_freq freq = PERIOD_NONE;
	long best = 0;
	size_t g, j, ncand;

	if (t->dim_geo < 0 || xfilter_make(t, f, nf, &xf))
		goto out;
	for (g = 0; g < ngeos; g++) {
		const char *igeo = geos[g] ? pool_find(t, geos[g]) : NULL;
		const size_t *cand;

		if (!igeo)
			continue;
		cand = candidates(t, igeo, &ncand);
		for (j = 0; j < ncand; j++) {
			const struct series_obs *o = &t->obs[cand ? cand[j] : j];
			long e;

			if (o->codes[t->dim_geo] != igeo || !o->has_value ||
			    !xfilter_match(o, xf, nf) ||
			    !series_in_edition(t, &o->period, limit_day))
				continue;
			e = period_end_day(&o->period);
			if (freq == PERIOD_NONE || e > best) {
				best = e;
				freq = o->period.freq;
			}
		}
	}
out:
	free(xf);
	return freq;
}

int series_extract(const struct series_table *t,
		   const struct series_filter *f, size_t nf, const char *geo,
		   struct series *out)
{
	const struct series_obs **sel = NULL;
	struct xfilter *xf = NULL;
	const char *igeo = NULL;
	const size_t *cand;
	size_t n = 0, i, j, ncand;
	int ret = -1, none = 0;

	memset(out, 0, sizeof(*out));
	if (geo && t->dim_geo < 0)
		goto out;
	none = xfilter_make(t, f, nf, &xf);
	if (geo && !(igeo = pool_find(t, geo)))
		none = 1;
	cand = candidates(t, igeo, &ncand);
	sel = xmalloc((ncand ? ncand : 1) * sizeof(*sel));
	for (j = 0; !none && j < ncand; j++) {
		const struct series_obs *o = &t->obs[cand ? cand[j] : j];
		if (geo && o->codes[t->dim_geo] != igeo)
			continue;
		if (!xfilter_match(o, xf, nf))
			continue;
		sel[n++] = o;
	}
	qsort(sel, n, sizeof(*sel), ptr_period_cmp);
	for (i = 1; i < n; i++)
		if (period_eq(&sel[i - 1]->period, &sel[i]->period))
			goto out;
	out->n = n;
	out->periods = xcalloc(n ? n : 1, sizeof(*out->periods));
	out->values = xcalloc(n ? n : 1, sizeof(*out->values));
	out->has = xcalloc(n ? n : 1, sizeof(*out->has));
	out->status = xcalloc(n ? n : 1, sizeof(*out->status));
	for (i = 0; i < n; i++) {
		out->periods[i] = sel[i]->period;
		out->values[i] = sel[i]->has_value ? sel[i]->value : 0.0;
		out->has[i] = (unsigned char)(sel[i]->has_value != 0);
		memcpy(out->status[i], sel[i]->status, SERIES_STATUS_MAX);
	}
	ret = 0;
out:
	free(xf);
	free(sel);
	return ret;
}

long series_find(const struct series *s, const struct period *p)
{
	size_t lo = 0, hi = s->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = period_cmp(&s->periods[mid], p);
		if (c == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

int series_in_edition(const struct series_table *t, const struct period *p,
		      long last_day)
{
	struct period day;

	if (last_day < 0 || period_end_day(p) <= last_day)
		return 1;
	if (!t->published[0] || period_start_day(p) > last_day ||
	    period_parse(t->published, strlen(t->published), &day) < 0 ||
	    day.freq != PERIOD_DAY)
		return 0;
	return period_start_day(&day) <= last_day;
}
