/* pipeline_feeds.c - every feed of the monitor into a series table, by
 * the failure rules of SPEC §5.2: an optional feed that fails is dropped
 * with a warning; a required feed falls back to its last good copy; a
 * required feed with no usable copy fails the build (EIM_UNAVAILABLE). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "feed.h"
#include "pipeline_int.h"
#include "sha256.h"
#include "xalloc.h"
#include "banned.h"

void pipeline_feed_release(struct pipeline_feed *f)
{
	series_table_release(&f->table);
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

int pipeline_file_sha256(const char *path, char hex[SHA256_HEX_LEN])
{
	FILE *f = fopen(path, "rb");
	struct sha256_ctx c;
	unsigned char buf[65536], d[SHA256_DIGEST_LEN];
	size_t n;

	if (!f)
		return -1;
	sha256_init(&c);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sha256_update(&c, buf, n);
	fclose(f);
	sha256_final(&c, d);
	sha256_to_hex(d, hex);
	return 0;
}

/* Latest period with a value, and whether that value is provisional. */
static void latest_of(const struct series_table *t, struct period *p,
		      int *prov)
{
	size_t i;

	memset(p, 0, sizeof(*p));
	*prov = 0;
	for (i = 0; i < t->n; i++) {
		const struct series_obs *o = &t->obs[i];
		int c;
		if (!o->has_value)
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

/* Read one feed from a local file into f->table. */
static int read_feed(const struct config_feed *cf, const char *path,
		     struct pipeline_feed *f, struct eim_error *err)
{
	struct config_mapping m = cf->mapping;

	if (!m.geography_fixed && cf->geography)
		m.geography_fixed = cf->geography;
	series_table_init(&f->table);
	if (feed_read_file(cf->format, path, path, &m, NULL, 0, &f->table,
			   err)) {
		series_table_release(&f->table);
		return -1;
	}
	f->loaded = 1;
	return 0;
}

static int exists(const char *path)
{
	struct stat st;
	return path && stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int pipeline_load_feeds(const struct pipeline_opts *o, struct pipeline_run *r,
			struct eim_warnings *w, struct eim_error *err)
{
	const struct config *c = r->cfg;
	size_t i;
	long week_end = period_end_day(&o->week);

	r->feeds = xcalloc(c->nfeeds ? c->nfeeds : 1, sizeof(*r->feeds));
	r->cfeeds = xcalloc(c->nfeeds ? c->nfeeds : 1, sizeof(*r->cfeeds));
	for (i = 0; i < c->nfeeds; i++) {
		const struct config_feed *cf = &c->feeds[i];
		struct pipeline_feed *f = &r->feeds[i];
		struct compose_feed *out = &r->cfeeds[i];
		struct eim_error ferr;
		struct period latest;
		char reason[EIM_MSG_MAX + 64];

		out->feed = cf;
		eim_error_init(&ferr);
		reason[0] = '\0';
		if (exists(cf->path)) {
			if (read_feed(cf, cf->path, f, &ferr) == 0) {
				f->body_path = xstrdup(cf->path);
				pipeline_file_sha256(cf->path, f->sha256);
			} else {
				eim_error_format(&ferr, reason, sizeof(reason));
			}
		} else {
			snprintf(reason, sizeof(reason), "%s",
				 cf->path ? "file not found"
					  : "no cached copy (offline)");
		}
		if (!f->loaded) {
			if (ferr.kind == EIM_DATA && cf->required) {
				*err = ferr;
				return -1;
			}
			if (cf->required)
				return eim_error_set(
					err, EIM_UNAVAILABLE, NULL, 0, 0,
					"required feed '%s' (%s) unavailable: "
					"%s", cf->id,
					cf->url ? cf->url : cf->path, reason);
			eim_warn(w, "feed '%s' dropped from this edition: %s",
				 cf->id, reason);
			f->failure = xstrdup(reason);
			out->failure = f->failure;
			continue;
		}
		out->table = &f->table;
		latest_of(&f->table, &latest, &out->provisional);
		if (latest.freq) {
			period_format(&latest, out->latest,
				      sizeof(out->latest));
			out->stale = period_end_day(&latest) +
					     cf->max_age_days < week_end;
			if (out->stale)
				eim_warn(w, "feed '%s' is stale: latest "
					 "period %s", cf->id, out->latest);
		}
	}
	return 0;
}
