/* fetch.h - get the body of every feed of a build: fetched in parallel
 * over HTTP(S), read from a local file, or taken from the last-good cache
 * (issue 3 items 4-6).
 *
 * Rules applied per feed:
 *  - `path:` and no `url:`: the file is read (FETCH_LOCAL); it is not
 *    cached and not validated here (the reader reports parse errors with
 *    positions).
 *  - `url:` online: conditional request from the cached ETag /
 *    Last-Modified (only when the cached copy was fetched from the same
 *    URL). With a cache folder the body is written straight to a new
 *    file there (cache_begin: memory does not grow with the body), never
 *    over the last good copy. 200: the validator must accept the body; it
 *    then replaces the cached copy (FETCH_FRESH, body_fd). 304: the cached copy is used and its
 *    fetched_at refreshed (FETCH_NOT_MODIFIED). Nomis CSV feeds are paged
 *    when a pager is given (opts.nomis_pages).
 *  - `url:` offline: the cached copy only (FETCH_CACHE_OFFLINE).
 *  - A feed fails when its transfer fails, its body is rejected by the
 *    validator, or (offline) there is no cached copy. Then (item 6):
 *    optional feed: dropped with a warning (FETCH_UNAVAILABLE, no body);
 *    required feed: its last good copy is used, marked stale
 *    (FETCH_CACHE_FALLBACK) with a warning; required feed with no usable
 *    copy: fetch_feeds returns -1 with EIM_UNAVAILABLE (exit 69) and one
 *    line naming the feed, the URL (redacted) and the reason. All feeds
 *    are still fetched and cached first, so `eimon fetch` refreshes what
 *    it can.
 *
 * Pipeline, Nomis truncation: pass the Nomis reader's pager
 * (opts.nomis_pages = feed_nomis_fetch_pages, feed.h); fetch_feeds hands
 * it every nomis-csv answer, which it completes with recordoffset=N pages
 * until RECORD_COUNT rows are in, before the whole is validated and
 * cached. fetch itself knows nothing of the format.
 *
 * Pipeline use (sketch):
 *   struct fetch_opts fo = { 0 };
 *   fo.cache_dir = cfg->cache_dir; fo.offline = opts->offline;
 *   fo.now = clock_now;            (time(NULL), or fixed for tests)
 *   fo.validate = my_validator; fo.retries = 2;
 *   fo.nomis_pages = feed_nomis_fetch_pages;
 *   if (fetch_feeds(cfg->feeds, cfg->nfeeds, &fo, &res, w, err))
 *           return -1;             (err: EIM_UNAVAILABLE -> exit 69)
 *   for each feed i: res[i].body NULL -> sources line "unavailable:
 *   <reason>"; else feed_read_buffer(res[i].body ...); res[i].stale ->
 *   stale in the model; the manifest takes url or path, sha256,
 *   fetched_at. `eimon fetch` is the same call with the results unused.
 *
 * Credentials: the request uses feed->fetch_url, with the secret of
 * secret_env / secret_file added (as query parameter secret_param, or as
 * HTTP Basic "user:password"); results, messages and the cache only ever
 * see feed->url, which is redacted. The feed's deadline_s bounds its
 * whole fetch: retries, Retry-After waits and Nomis pages.
 *
 * Ownership: feeds and opts are borrowed; *out is an array of n results
 * (in feed order) owned by the caller (fetch_results_free); on -1 *out
 * is NULL. Each result points back at
 * its feed (borrowed). */
#ifndef EIMON_FETCH_H
#define EIMON_FETCH_H

#include <stddef.h>
#include <time.h>

#include "config.h"
#include "error.h"
#include "http.h"
#include "sha256.h"

enum fetch_source {
	FETCH_FRESH,          /* fetched now, validated, cached */
	FETCH_NOT_MODIFIED,   /* 304: cached copy confirmed current */
	FETCH_CACHE_FALLBACK, /* fetch failed: last good copy, stale */
	FETCH_CACHE_OFFLINE,  /* --offline: cached copy */
	FETCH_LOCAL,          /* `path:` file */
	FETCH_UNAVAILABLE     /* optional feed dropped */
};

#define FETCH_REASON_MAX 512

struct fetch_result {
	const struct config_feed *feed;
	int source;            /* enum fetch_source */
	int stale;             /* 1 when a fallback copy stands in */
	char *body;            /* a fetched body, NUL-terminated; NULL when
				  the body is body_fd or unavailable */
	size_t len;            /* the body's size, in memory or body_fd */
	int body_fd;           /* a local file or cached copy, opened by the
				  policy of fsafe.h and checked, at offset 0:
				  read it streaming (feed_read_kept); -1 when
				  none. Closed by fetch_results_free */
	char *url;             /* redacted, for messages and manifests;
				  NULL for local files */
	const char *path;      /* local file (the feed's path), or NULL */
	time_t fetched_at;     /* of the body used; 0 for local files */
	char sha256[SHA256_HEX_LEN]; /* of the body; "" when none */
	char *etag;            /* NULL when unknown */
	char *last_modified;
	char reason[FETCH_REASON_MAX]; /* why it failed; "" if it did not */
};

/* The pipeline passes "reads as the build will read it" (pipeline_feeds.c:
 * feed_read_kept). The body is the file fd (at offset 0) when fd >= 0,
 * else body/len in memory. */
typedef int (*fetch_validator)(const struct config_feed *f, int fd,
			       const char *body, size_t len, void *ctx,
			       struct eim_error *err);

/* Completes a first answer (HTTP_OK) that the format pages, in place:
 * first->body or req's body file becomes the whole; on failure first is
 * HTTP_FAILED with a reason. */
typedef void (*fetch_pager)(const struct http_request *req,
			    const struct http_options *opt,
			    struct http_result *first);

struct fetch_opts {
	const char *cache_dir;     /* NULL: no cache (nothing to fall back on) */
	int offline;               /* cache and local files only */
	time_t now;                /* fetched_at of fresh bodies */
	fetch_validator validate;  /* NULL: accept every body */
	void *validate_ctx;
	unsigned retries;          /* per feed, see http_options */
	long backoff_ms;           /* <= 0: 1000 */
	fetch_pager nomis_pages;   /* completes a nomis-csv answer; NULL:
				      none */
};

int fetch_feeds(const struct config_feed *feeds, size_t n,
		const struct fetch_opts *opts, struct fetch_result **out,
		struct eim_warnings *w, struct eim_error *err);
void fetch_results_free(struct fetch_result *r, size_t n);

/* "fresh", "not modified", "cache fallback", "cache (offline)", "local
 * file", "unavailable". */
const char *fetch_source_name(int source);

#endif
