/* pipeline_feeds.c - every feed of the monitor into a series table, by
 * the failure rules of SPEC §5.2: an optional feed that fails is dropped
 * with a warning; a required feed falls back to its last good copy; a
 * required feed with no usable copy fails the build (EIM_UNAVAILABLE). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "datacheck.h"
#include "feed.h"
#include "fetch.h"
#include "http.h"
#include "pipeline_int.h"
#include "fsafe.h"
#include "sha256.h"
#include "xalloc.h"
#include "banned.h"

void pipeline_feed_release(struct pipeline_feed *f)
{
	series_table_release(&f->table);
	if (f->has_unfiltered)
		series_table_release(&f->unfiltered);
	free(f->body_path);
	free(f->url);
	free(f->failure);
}

const struct series_table *pipeline_table_of(const struct pipeline_run *r,
					     const char *feed_id)
{
	size_t i;

	for (i = 0; feed_id && i < r->cfg->nfeeds; i++)
		if (strcmp(r->cfg->feeds[i].id, feed_id) == 0)
			return r->feeds[i].loaded ? &r->feeds[i].table : NULL;
	return NULL;
}

int pipeline_file_sha256(const char *path, int flags,
			 char hex[SHA256_HEX_LEN])
{
	struct eim_error e;
	int fd, r;

	eim_error_init(&e);
	fd = fsafe_open(NULL, path, flags, path, NULL, &e);
	if (fd < 0)
		return -1;
	r = sha256_fd(fd, hex, NULL);
	close(fd);
	return r;
}

/* Latest period with a value within the edition (ending by limit_day,
 * the cut-off the figures use), and whether that value is provisional. */
static void latest_of(const struct series_table *t, long limit_day,
		      struct period *p, int *prov)
{
	size_t i;

	memset(p, 0, sizeof(*p));
	*prov = 0;
	for (i = 0; i < t->n; i++) {
		const struct series_obs *o = &t->obs[i];
		int c;
		if (!o->has_value ||
		    !series_in_edition(t, &o->period, limit_day))
			continue;
		c = p->freq ? period_cmp(&o->period, p) : 1;
		if (c > 0) {
			*p = o->period;
			*prov = 0;
		}
		if (c >= 0 && (o->status[0] == 'p' || o->status[0] == 'P'))
			*prov = 1;
	}
}

static void iso_time(time_t t, char *buf, size_t size)
{
	struct tm tm;

	buf[0] = '\0';
	if (t > 0 && gmtime_r(&t, &tm))
		strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The keeps of every feed, for the validator; and the table each
 * accepted fresh body was read into, so that it is read once, not twice. */
struct keeps {
	const struct config *cfg;
	struct pipeline_keep *k;
	struct series_table *valid; /* [nfeeds] */
	unsigned char *have;        /* valid[i] holds feed i's fresh body */
};

static struct config_mapping mapping_of(const struct config_feed *cf)
{
	struct config_mapping m = cf->mapping;

	if (!m.geography_fixed && cf->geography)
		m.geography_fixed = cf->geography;
	return m;
}

/* A filter that keeps no row: read again without it, its columns as
 * dimensions, so that the data checks can list the values there are. */
static void read_unfiltered(const struct config_feed *cf,
			    const struct config_mapping *m,
			    const struct fetch_result *fr, const char *display,
			    struct pipeline_feed *f)
{
	struct config_mapping u = *m;
	struct eim_error e;
	char **dims = xcalloc(m->ndims + m->nfilter, sizeof(*dims));
	int fd = fr->body ? -1 : fr->body_fd;
	size_t i;

	if (fd >= 0 && lseek(fd, 0, SEEK_SET) != 0)
		goto out;
	for (i = 0; i < m->ndims; i++)
		dims[i] = m->dims[i];
	for (i = 0; i < m->nfilter; i++)
		dims[m->ndims + i] = m->filter[i].key;
	u.dims = dims;
	u.ndims = m->ndims + m->nfilter;
	u.filter = NULL;
	u.nfilter = 0;
	eim_error_init(&e);
	series_table_init(&f->unfiltered);
	if (feed_read_kept(cf->format, fd, fr->body, fr->len, display, &u,
			   NULL, NULL, &f->unfiltered, &e) == 0)
		f->has_unfiltered = 1;
	else
		series_table_release(&f->unfiltered);
out:
	free(dims);
}

/* Parse a body (fetched, or a cached copy or local file streamed from
 * its descriptor) into f->table. A build keeps what ks keeps of feed i,
 * and takes a fresh body the validator read as it read it; `eimon check`
 * keeps every row, so that its data checks can list the values and
 * geographies a feed has (the build's findings come from its kept rows). */
static int parse_body(const struct config_feed *cf, size_t i,
		      const struct fetch_result *fr, struct keeps *ks,
		      int keep_all, const char *display,
		      struct pipeline_feed *f, struct eim_error *err)
{
	struct config_mapping m = mapping_of(cf);

	if (!keep_all && fr->source == FETCH_FRESH && ks->have[i]) {
		f->table = ks->valid[i];
		ks->have[i] = 0;
	} else {
		series_table_init(&f->table);
		if (feed_read_kept(cf->format, fr->body ? -1 : fr->body_fd,
				   fr->body, fr->len, display, &m,
				   keep_all ? NULL : pipeline_keep_obs,
				   keep_all ? NULL : &ks->k[i], &f->table,
				   err)) {
			series_table_release(&f->table);
			return -1;
		}
	}
	/* complete: figures and charts extract one geography at a time, on
	 * two threads when there is a partners edition */
	series_table_index(&f->table);
	f->loaded = 1;
	if (!f->table.n && m.nfilter)
		read_unfiltered(cf, &m, fr, display, f);
	return 0;
}

/* Fill the model's view of a loaded feed: latest period, staleness,
 * provisional latest value. */
static void describe(const struct config_feed *cf, struct pipeline_feed *f,
		     struct compose_feed *out, long week_end,
		     struct eim_warnings *w)
{
	struct period latest;

	out->table = &f->table;
	latest_of(&f->table, week_end, &latest, &out->provisional);
	if (!latest.freq)
		return;
	period_format(&latest, out->latest, sizeof(out->latest));
	if (period_end_day(&latest) + cf->max_age_days < week_end) {
		out->stale = 1;
		eim_warn(w, "feed '%s' is stale: its latest period is %s",
			 cf->id, out->latest);
	}
}

/* The validator of fresh bodies: the body must read as the build will
 * read it (the same kept observations, unique), or it does not replace
 * the last good copy in the cache. ctx: the keeps, one per feed. */
static int validate_kept(const struct config_feed *f, int fd,
			 const char *body, size_t len, void *ctx,
			 struct eim_error *err)
{
	struct keeps *ks = ctx;
	struct config_mapping m = mapping_of(f);
	size_t i = (size_t)(f - ks->cfg->feeds);

	if (ks->have[i])
		series_table_release(&ks->valid[i]);
	ks->have[i] = 0;
	series_table_init(&ks->valid[i]);
	if (feed_read_kept(f->format, fd, body, len, f->id, &m,
			   pipeline_keep_obs, &ks->k[i], &ks->valid[i], err)) {
		series_table_release(&ks->valid[i]);
		return -1;
	}
	ks->have[i] = 1;
	return 0;
}

static void keeps_init(struct keeps *ks, const struct config *c,
		       const struct template_def *tpl)
{
	size_t i;

	ks->cfg = c;
	ks->k = xcalloc(c->nfeeds ? c->nfeeds : 1, sizeof(*ks->k));
	ks->valid = xcalloc(c->nfeeds ? c->nfeeds : 1, sizeof(*ks->valid));
	ks->have = xcalloc(c->nfeeds ? c->nfeeds : 1, sizeof(*ks->have));
	for (i = 0; i < c->nfeeds; i++)
		pipeline_keep_init(&ks->k[i], c, tpl, i);
}

static void keeps_release(struct keeps *ks)
{
	size_t i;

	for (i = 0; ks->k && i < ks->cfg->nfeeds; i++) {
		pipeline_keep_release(&ks->k[i]);
		if (ks->have[i])
			series_table_release(&ks->valid[i]);
	}
	free(ks->k);
	free(ks->valid);
	free(ks->have);
	ks->k = NULL;
}

/* How a build fetches: parsed-body validation, two retries, Nomis
 * paging, the clock only for fetched_at. */
static void fetch_options(const struct config *c, int offline,
			  struct keeps *ks, struct fetch_opts *fo)
{
	memset(fo, 0, sizeof(*fo));
	fo->cache_dir = c->cache_dir;
	fo->offline = offline;
	fo->now = time(NULL);
	fo->validate = validate_kept;
	fo->validate_ctx = ks;
	fo->retries = 2;
	fo->nomis_pages = feed_nomis_fetch_pages;
}

/* fetch applies the failure rules (fetch.h); what comes back with a body
 * is parsed here, and content that does not parse is a data error for a
 * required feed and a dropped feed otherwise. */
int pipeline_load_feeds(const struct pipeline_opts *o, struct pipeline_run *r,
			struct eim_warnings *w, struct eim_error *err)
{
	const struct config *c = r->cfg;
	struct fetch_result *res = NULL;
	struct fetch_opts fo;
	struct keeps ks;
	struct eim_warnings quiet = { NULL, 0, 0 };
	long week_end = period_end_day(&o->week);
	size_t i;
	int ret = -1;

	r->feeds = xcalloc(c->nfeeds ? c->nfeeds : 1, sizeof(*r->feeds));
	r->cfeeds = xcalloc(c->nfeeds ? c->nfeeds : 1, sizeof(*r->cfeeds));
	for (i = 0; i < c->nfeeds; i++) {
		r->cfeeds[i].feed = &c->feeds[i];
	}
	keeps_init(&ks, c, r->tpl);
	fetch_options(c, o->offline, &ks, &fo);
	/* check says "not checked" of a feed it cannot read, not what a
	 * build would do with it */
	if (fetch_feeds(c->feeds, c->nfeeds, &fo, &res,
			r->check_only ? &quiet : w, err))
		goto out;
	for (i = 0; i < c->nfeeds; i++) {
		const struct config_feed *cf = &c->feeds[i];
		struct pipeline_feed *f = &r->feeds[i];
		struct compose_feed *cfo = &r->cfeeds[i];
		struct fetch_result *fr = &res[i];
		struct eim_error ferr;
		char where[EIM_PATH_MAX + 32];

		eim_error_init(&ferr);
		if (fr->body || fr->body_fd >= 0) {
			snprintf(where, sizeof(where), "%s",
				 fr->path ? fr->path
				 : fr->url ? fr->url : cf->id);
			if (parse_body(cf, i, fr, &ks, r->check_only, where,
				       f, &ferr) != 0) {
				f->read_error = ferr;
			} else {
				memcpy(f->sha256, fr->sha256,
				       sizeof(f->sha256));
				iso_time(fr->fetched_at, f->fetched_at,
					 sizeof(f->fetched_at));
				f->body_path = fr->path ? xstrdup(fr->path)
							: NULL;
				cfo->from_cache =
					fr->source == FETCH_CACHE_FALLBACK;
				if (fr->fetched_at > 0)
					iso_time(fr->fetched_at, cfo->retrieved,
						 11);
				/* the source's own date wins; else a copy
				 * holds what was published when fetched */
				if (!f->table.published[0])
					snprintf(f->table.published,
						 sizeof(f->table.published),
						 "%.10s", cfo->retrieved);
			}
		}
		if (f->loaded) {
			describe(cf, f, cfo, week_end, w);
			continue;
		}
		/* Nothing usable. Bad content is a data error (65). */
		if (ferr.kind != EIM_OK && cf->required && !r->check_only) {
			*err = ferr;
			goto out;
		}
		if (cf->required && !r->check_only) {
			eim_error_set(err, EIM_UNAVAILABLE, NULL, 0, 0,
				      "required feed '%s' (%s) unavailable: "
				      "%s", cf->id,
				      fr->url ? fr->url
				      : cf->path ? cf->path : "no source",
				      fr->reason[0] ? fr->reason
				      : cf->path ? "file not found"
						 : "no cached copy");
			goto out;
		}
		if (ferr.kind != EIM_OK) {
			char msg[EIM_PATH_MAX + EIM_MSG_MAX + 32];
			eim_error_format(&ferr, msg, sizeof(msg));
			f->failure = xstrdup(msg);
		} else {
			f->failure = xstrdup(fr->reason[0] ? fr->reason
					     : "no data");
		}
		if (r->check_only)
			eim_warn(w, "feed '%s' not checked: %s", cf->id,
				 f->failure);
		else
			eim_warn(w, "feed '%s' dropped from this edition: %s",
				 cf->id, f->failure);
		cfo->failure = f->failure;
	}
	ret = 0;
out:
	eim_warnings_release(&quiet);
	fetch_results_free(res, c->nfeeds);
	keeps_release(&ks);
	return ret;
}

unsigned pipeline_datacheck(const struct pipeline_opts *o,
			    struct pipeline_run *r, struct eim_warnings *fatal,
			    struct eim_warnings *warn, struct eim_error *err)
{
	const struct config *c = r->cfg;
	struct datacheck_feed *df = xcalloc(c->nfeeds + 1, sizeof(*df));
	struct datacheck_result res;
	size_t i;

	for (i = 0; i < c->nfeeds; i++) {
		struct pipeline_feed *f = &r->feeds[i];
		df[i].table = f->loaded ? &f->table : NULL;
		df[i].unfiltered = f->has_unfiltered ? &f->unfiltered : NULL;
		df[i].read_error = &f->read_error;
	}
	datacheck_run(c, r->tpl, df, &o->week, fatal, warn, &r->tpl_notes,
		      &res);
	free(df);
	if (res.nfatal) {
		*err = res.first_fatal;
		if (res.nfatal > 1) {
			size_t l = strlen(err->msg);
			snprintf(err->msg + l, sizeof(err->msg) - l,
				 " (and %u more data problems)",
				 res.nfatal - 1);
		}
	}
	return res.nfatal;
}

int pipeline_fetch(const struct pipeline_opts *o, struct eim_warnings *w,
		   struct eim_error *err)
{
	struct config *c = NULL;
	struct fetch_result *res = NULL;
	struct fetch_opts fo;
	struct keeps ks = { NULL, NULL, NULL, NULL };
	int ret = -1;

	if (config_load(o->config, &c, err))
		goto out;
	keeps_init(&ks, c, NULL);
	fetch_options(c, 0, &ks, &fo);
	if (fetch_feeds(c->feeds, c->nfeeds, &fo, &res, w, err))
		goto out;
	ret = 0;
out:
	if (c)
		fetch_results_free(res, c->nfeeds);
	if (ks.k)
		keeps_release(&ks);
	config_free(c);
	return ret;
}
