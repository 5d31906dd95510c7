/* test_fetch.c - fetch_feeds against tests/http_server.py: the cache
 * rules and the failure rules of issue 3 item 6. Every bad case is run
 * with a seeded last-good copy and checks that the copy survives. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cJSON.h>

#include "cache.h"
#include "feed.h"
#include "fetch.h"
#include "helpers/tdir.h"
#include "helpers/test_server.h"

#define T0 ((time_t)1795255200) /* 2026-11-21T10:00:00Z: seeded copies */
#define T1 (T0 + 86400)         /* the clock of the fetch */
#define GOOD "{\"good\": true}\n"
/* sha256 of GOOD, from sha256sum */
#define GOOD_SHA "01cd7ceaf90d96324af54701e3e32840cab8c2d4b03dfde64a7dcb73093be265"

static struct test_server srv;

static int setup(void **state)
{
	(void)state;
	return test_server_start(&srv);
}

static int teardown(void **state)
{
	(void)state;
	test_server_stop(&srv);
	http_global_cleanup();
	return 0;
}

/* The validator a test pipeline would pass: JSON feeds must parse. */
static int json_ok(const struct config_feed *f, int fd, const char *b,
		   size_t n, void *ctx, struct eim_error *err)
{
	static char buf[1 << 21];
	cJSON *j;

	(void)ctx;
	if (f->format != FEED_JSON)
		return 0;
	if (fd >= 0) { /* the body written to its own file */
		ssize_t got = pread(fd, buf, sizeof(buf), 0);
		assert_true(got >= 0);
		b = buf;
		n = (size_t)got;
	}
	j = cJSON_ParseWithLength(b, n);
	if (!j)
		return eim_error_set(err, EIM_DATA, NULL, 0, 0,
				     "not valid JSON");
	cJSON_Delete(j);
	return 0;
}

static void feed_init(struct config_feed *f, const char *id,
		      const char *path, int required)
{
	memset(f, 0, sizeof(*f));
	f->id = (char *)id;
	f->url = path ? strdup(test_server_url(&srv, path)) : NULL;
	f->format = FEED_JSON;
	f->required = required;
	/* only the stall case waits for its timeout */
	f->timeout_s = path && !strcmp(path, "/stall") ? 1 : 10;
	f->max_bytes = 1048576;
}

static void opts_init(struct fetch_opts *o, const char *cache_dir,
		      unsigned retries)
{
	memset(o, 0, sizeof(*o));
	o->cache_dir = cache_dir;
	o->now = T1;
	o->validate = json_ok;
	o->retries = retries;
	o->backoff_ms = 10;
}

static void seed(const char *dir, const struct config_feed *f,
		 const char *body, const char *etag)
{
	struct cache_origin org = { f->url, etag, NULL, T0 };
	struct eim_error err;

	eim_error_init(&err);
	assert_int_equal(cache_store(dir, f->id, body, strlen(body), &org,
				     NULL, NULL, &err), 0);
}

/* The body a result hands over, in memory or as a descriptor (cached
 * copies and local files). Returns a static copy: tests compare it. */
static const char *body_of(const struct fetch_result *r)
{
	static char buf[1 << 16];
	ssize_t n;

	if (r->body)
		return r->body;
	if (r->body_fd < 0)
		return NULL;
	n = pread(r->body_fd, buf, sizeof(buf) - 1, 0);
	assert_true(n >= 0);
	buf[n] = '\0';
	return buf;
}

/* The cache still holds body, fetched at when. */
static void assert_cached(const char *dir, const char *id, const char *body,
			  time_t when)
{
	struct cache_meta m;
	struct eim_error err;
	char *b = NULL;
	size_t len;

	eim_error_init(&err);
	assert_int_equal(cache_load(dir, id, &b, &len, &m, &err), 0);
	assert_string_equal(b, body);
	assert_int_equal(m.fetched_at, when);
	assert_int_equal(tdir_count(dir, ".tmp."), 0);
	cache_meta_release(&m);
	free(b);
}

/* The bad cases: server path and the reason fetch_feeds gives
 * with one retry. */
static const struct bad_case {
	const char *id, *path, *reason;
} bad[] = {
	{ "stall", "/stall", "timed out after 1 s (2 attempts)" },
	{ "truncated", "/truncated", "connection closed before the whole "
	  "body arrived (100 bytes received) (2 attempts)" },
	{ "overcap", "/big", "body larger than 1048576 bytes" },
	{ "malformed", "/malformed", "body rejected: not valid JSON" },
	{ "loop", "/loop/0", "too many redirects (more than 5)" },
	{ "tofile", "/tofile", "protocol not allowed (only http and https)" },
	{ "err500", "/fail500/f", "HTTP 500 (2 attempts)" },
	{ "missing", "/404", "HTTP 404" },
};
#define NBAD (sizeof(bad) / sizeof(bad[0]))

static void free_urls(struct config_feed *f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(f[i].url);
}

/* Rule 6b: a required feed that fails uses its last good copy, stale;
 * the bad body never replaces it. All cases in one parallel call. */
static void test_required_bad_cases_fall_back(void **state)
{
	struct config_feed f[NBAD];
	struct fetch_opts o;
	struct fetch_result *r = NULL;
	struct eim_warnings w = { 0 };
	struct eim_error err;
	char *dir = tdir_make(), want[1024];
	size_t i;

	(void)state;
	eim_error_init(&err);
	opts_init(&o, dir, 1);
	for (i = 0; i < NBAD; i++) {
		feed_init(&f[i], bad[i].id, bad[i].path, 1);
		seed(dir, &f[i], GOOD, NULL);
	}
	assert_int_equal(fetch_feeds(f, NBAD, &o, &r, &w, &err), 0);
	assert_int_equal(err.kind, EIM_OK);
	assert_int_equal(w.n, NBAD);
	for (i = 0; i < NBAD; i++) {
		assert_string_equal(r[i].reason, bad[i].reason);
		assert_int_equal(r[i].source, FETCH_CACHE_FALLBACK);
		assert_int_equal(r[i].stale, 1);
		assert_string_equal(body_of(&r[i]), GOOD);
		assert_int_equal(r[i].len, strlen(GOOD));
		assert_int_equal(r[i].fetched_at, T0);
		assert_string_equal(r[i].sha256, GOOD_SHA);
		assert_string_equal(r[i].url, f[i].url);
		snprintf(want, sizeof(want), "required feed '%s' (%s) failed: "
			 "%s; using the last good copy fetched "
			 "2026-11-21T10:00:00Z (stale)", bad[i].id, f[i].url,
			 bad[i].reason);
		assert_string_equal(w.items[i], want);
		assert_cached(dir, bad[i].id, GOOD, T0);
	}
	fetch_results_free(r, NBAD);
	eim_warnings_release(&w);
	free_urls(f, NBAD);
	tdir_remove(dir);
}

/* Rule 6a: an optional feed that fails is dropped with a warning. */
static void test_optional_bad_cases_dropped(void **state)
{
	struct config_feed f[NBAD];
	struct fetch_opts o;
	struct fetch_result *r = NULL;
	struct eim_warnings w = { 0 };
	struct eim_error err;
	char *dir = tdir_make(), want[1024];
	size_t i;

	(void)state;
	eim_error_init(&err);
	opts_init(&o, dir, 1);
	for (i = 0; i < NBAD; i++) {
		feed_init(&f[i], bad[i].id, bad[i].path, 0);
		seed(dir, &f[i], GOOD, NULL);
	}
	assert_int_equal(fetch_feeds(f, NBAD, &o, &r, &w, &err), 0);
	assert_int_equal(w.n, NBAD);
	for (i = 0; i < NBAD; i++) {
		assert_int_equal(r[i].source, FETCH_UNAVAILABLE);
		assert_null(body_of(&r[i]));
		assert_string_equal(r[i].reason, bad[i].reason);
		snprintf(want, sizeof(want), "optional feed '%s' (%s) "
			 "unavailable: %s; dropped from the edition",
			 bad[i].id, f[i].url, bad[i].reason);
		assert_string_equal(w.items[i], want);
		assert_cached(dir, bad[i].id, GOOD, T0);
	}
	fetch_results_free(r, NBAD);
	eim_warnings_release(&w);
	free_urls(f, NBAD);
	tdir_remove(dir);
}

/* Rule 6c: a required feed with no usable copy fails the build with
 * exit 69 and one line naming feed, URL and reason; nothing is cached. */
static void test_required_bad_cases_without_cache_fail(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < NBAD; i++) {
		struct config_feed f;
		struct fetch_opts o;
		struct fetch_result *r = (struct fetch_result *)&o;
		struct eim_warnings w = { 0 };
		struct eim_error err;
		char *dir = tdir_make(), want[1024];

		eim_error_init(&err);
		opts_init(&o, dir, 1);
		feed_init(&f, bad[i].id, bad[i].path, 1);
		assert_int_equal(fetch_feeds(&f, 1, &o, &r, &w, &err), -1);
		assert_null(r);
		assert_int_equal(err.kind, EIM_UNAVAILABLE);
		assert_int_equal(eim_error_exit_code(err.kind), 69);
		snprintf(want, sizeof(want), "required feed '%s' (%s) "
			 "unavailable: %s; no usable cached copy", bad[i].id,
			 f.url, bad[i].reason);
		assert_string_equal(err.msg, want);
		assert_null(strchr(err.msg, '\n'));
		assert_int_equal(w.n, 0);
		assert_true(tdir_count(dir, "") == 0);
		eim_warnings_release(&w);
		free(f.url);
		tdir_remove(dir);
	}
}

static void test_200_replaces_cache(void **state)
{
	struct config_feed f;
	struct fetch_opts o;
	struct fetch_result *r = NULL;
	struct eim_warnings w = { 0 };
	struct eim_error err;
	struct cache_meta m;
	char *dir = tdir_make(), *b;
	size_t len;

	(void)state;
	eim_error_init(&err);
	opts_init(&o, dir, 0);
	feed_init(&f, "ok", "/ok", 1);
	seed(dir, &f, GOOD, NULL);
	assert_int_equal(fetch_feeds(&f, 1, &o, &r, &w, &err), 0);
	assert_int_equal(w.n, 0);
	assert_int_equal(r[0].source, FETCH_FRESH);
	assert_int_equal(r[0].stale, 0);
	assert_string_equal(body_of(&r[0]), "{\"v\": 1}\n");
	assert_int_equal(r[0].fetched_at, T1);
	assert_string_equal(r[0].etag, "\"v1\"");
	assert_string_equal(r[0].last_modified,
			    "Wed, 18 Nov 2026 09:30:00 GMT");
	assert_string_equal(r[0].reason, "");
	assert_int_equal(cache_load(dir, "ok", &b, &len, &m, &err), 0);
	assert_string_equal(b, "{\"v\": 1}\n");
	assert_int_equal(m.fetched_at, T1);
	assert_string_equal(m.etag, "\"v1\"");
	assert_string_equal(m.sha256, r[0].sha256);
	assert_string_equal(m.url, f.url);
	cache_meta_release(&m);
	free(b);
	fetch_results_free(r, 1);
	free(f.url);
	tdir_remove(dir);
}

static void test_304_reuses_cache(void **state)
{
	struct config_feed f;
	struct fetch_opts o;
	struct fetch_result *r = NULL;
	struct eim_warnings w = { 0 };
	struct eim_error err;
	char *dir = tdir_make();

	(void)state;
	eim_error_init(&err);
	opts_init(&o, dir, 0);
	feed_init(&f, "etag", "/etag", 1);
	seed(dir, &f, GOOD, "\"v1\"");
	assert_int_equal(fetch_feeds(&f, 1, &o, &r, &w, &err), 0);
	assert_int_equal(w.n, 0);
	assert_int_equal(r[0].source, FETCH_NOT_MODIFIED);
	assert_int_equal(r[0].stale, 0);
	assert_string_equal(body_of(&r[0]), GOOD);
	assert_int_equal(r[0].fetched_at, T1);
	assert_string_equal(r[0].etag, "\"v1\"");
	fetch_results_free(r, 1);
	/* the copy is kept, its fetched_at refreshed */
	assert_cached(dir, "etag", GOOD, T1);
	free(f.url);
	tdir_remove(dir);
}

/* A cached ETag of another URL is not sent: the new query gets a 200. */
static void test_etag_of_other_url_not_sent(void **state)
{
	struct config_feed f;
	struct fetch_opts o;
	struct fetch_result *r = NULL;
	struct eim_warnings w = { 0 };
	struct eim_error err;
	char *dir = tdir_make(), *real;

	(void)state;
	eim_error_init(&err);
	opts_init(&o, dir, 0);
	feed_init(&f, "etag", "/ok", 1);
	seed(dir, &f, GOOD, "\"v1\"");
	real = f.url;
	f.url = strdup(test_server_url(&srv, "/etag"));
	assert_int_equal(fetch_feeds(&f, 1, &o, &r, &w, &err), 0);
	assert_int_equal(r[0].source, FETCH_FRESH);
	assert_string_equal(body_of(&r[0]), "{\"v\": 2}\n");
	assert_cached(dir, "etag", "{\"v\": 2}\n", T1);
	fetch_results_free(r, 1);
	free(real);
	free(f.url);
	tdir_remove(dir);
}

static void test_500_then_200_is_fresh(void **state)
{
	struct config_feed f;
	struct fetch_opts o;
	struct fetch_result *r = NULL;
	struct eim_warnings w = { 0 };
	struct eim_error err;
	char *dir = tdir_make();

	(void)state;
	eim_error_init(&err);
	opts_init(&o, dir, 2);
	feed_init(&f, "flaky", "/flaky/fetch", 1);
	seed(dir, &f, GOOD, NULL);
	assert_int_equal(fetch_feeds(&f, 1, &o, &r, &w, &err), 0);
	assert_int_equal(w.n, 0);
	assert_int_equal(r[0].source, FETCH_FRESH);
	assert_string_equal(body_of(&r[0]), "{\"v\": \"flaky\"}\n");
	assert_cached(dir, "flaky", "{\"v\": \"flaky\"}\n", T1);
	fetch_results_free(r, 1);
	free(f.url);
	tdir_remove(dir);
}

/* --offline: the cache only; the server is never asked. */
static void test_offline_uses_cache_only(void **state)
{
	struct config_feed f[2];
	struct fetch_opts o;
	struct fetch_result *r = NULL;
	struct eim_warnings w = { 0 };
	struct eim_error err;
	char *dir = tdir_make(), want[512];
	const char *cnt;

	(void)state;
	eim_error_init(&err);
	opts_init(&o, dir, 0);
	o.offline = 1;
	feed_init(&f[0], "cached", "/flaky/offline", 1);
	feed_init(&f[1], "uncached", "/flaky/offline2", 0);
	seed(dir, &f[0], GOOD, NULL);
	assert_int_equal(fetch_feeds(f, 2, &o, &r, &w, &err), 0);
	assert_int_equal(r[0].source, FETCH_CACHE_OFFLINE);
	assert_int_equal(r[0].stale, 0);
	assert_string_equal(body_of(&r[0]), GOOD);
	assert_int_equal(r[0].fetched_at, T0);
	assert_int_equal(r[1].source, FETCH_UNAVAILABLE);
	assert_int_equal(w.n, 1);
	snprintf(want, sizeof(want), "optional feed 'uncached' (%s) "
		 "unavailable: offline and no cached copy; dropped from the "
		 "edition", f[1].url);
	assert_string_equal(w.items[0], want);
	fetch_results_free(r, 2);
	eim_warnings_release(&w);
	/* the server saw no request for either path */
	free(f[0].url);
	f[0].url = strdup(test_server_url(&srv, "/count/flaky/offline"));
	f[0].format = FEED_CSV;
	o.offline = 0;
	o.cache_dir = NULL;
	assert_int_equal(fetch_feeds(f, 1, &o, &r, &w, &err), 0);
	cnt = body_of(&r[0]);
	assert_string_equal(cnt, "0\n");
	fetch_results_free(r, 1);
	/* offline, required and no copy: exit 69 */
	o.offline = 1;
	o.cache_dir = dir;
	f[1].required = 1;
	assert_int_equal(fetch_feeds(&f[1], 1, &o, &r, &w, &err), -1);
	assert_int_equal(err.kind, EIM_UNAVAILABLE);
	eim_warnings_release(&w);
	free_urls(f, 2);
	tdir_remove(dir);
}

/* A copy fetched from another URL still stands in, with a warning. */
static void test_cache_of_other_url_warns(void **state)
{
	struct config_feed f;
	struct fetch_opts o;
	struct fetch_result *r = NULL;
	struct eim_warnings w = { 0 };
	struct eim_error err;
	char *dir = tdir_make(), *old, want[512];

	(void)state;
	eim_error_init(&err);
	opts_init(&o, dir, 0);
	o.offline = 1;
	feed_init(&f, "moved", "/old?uid=secret1", 1);
	seed(dir, &f, GOOD, NULL);
	old = f.url;
	f.url = strdup(test_server_url(&srv, "/new"));
	assert_int_equal(fetch_feeds(&f, 1, &o, &r, &w, &err), 0);
	assert_int_equal(r[0].source, FETCH_CACHE_OFFLINE);
	assert_string_equal(body_of(&r[0]), GOOD);
	assert_int_equal(w.n, 1);
	snprintf(want, sizeof(want), "feed 'moved': the cached copy was "
		 "fetched from another URL (%s)",
		 test_server_url(&srv, "/old?uid=***"));
	assert_string_equal(w.items[0], want);
	fetch_results_free(r, 1);
	eim_warnings_release(&w);
	free(old);
	free(f.url);
	tdir_remove(dir);
}

static void test_local_path_feeds(void **state)
{
	struct config_feed f;
	struct fetch_opts o;
	struct fetch_result *r = NULL;
	struct eim_warnings w = { 0 };
	struct eim_error err;
	char *dir = tdir_make(), *path;

	(void)state;
	eim_error_init(&err);
	opts_init(&o, dir, 0);
	o.offline = 1; /* local files are read offline too */
	tdir_write(dir, "data.json", "abc");
	path = tdir_join(dir, "data.json");
	feed_init(&f, "local", NULL, 1);
	f.path = path;
	assert_int_equal(fetch_feeds(&f, 1, &o, &r, &w, &err), 0);
	assert_int_equal(r[0].source, FETCH_LOCAL);
	assert_string_equal(body_of(&r[0]), "abc");
	assert_string_equal(r[0].path, path);
	assert_null(r[0].url);
	assert_string_equal(r[0].sha256, "ba7816bf8f01cfea414140de5dae2223"
					 "b00361a396177a9cb410ff61f20015ad");
	assert_int_equal(tdir_count(dir, ".body"), 0); /* not cached */
	fetch_results_free(r, 1);
	free(path);
	/* a missing required file: exit 66 naming the file */
	path = tdir_join(dir, "nope.json");
	f.path = path;
	assert_int_equal(fetch_feeds(&f, 1, &o, &r, &w, &err), -1);
	assert_int_equal(err.kind, EIM_NOINPUT);
	assert_non_null(strstr(err.msg, "required feed 'local' ("));
	assert_non_null(strstr(err.msg, "nope.json) unavailable: cannot open: "
			       "No such file or directory"));
	free(path);
	tdir_remove(dir);
}

/* max_bytes caps a local path: copy as it does a download: a file of
 * max_bytes bytes is read, one byte more is refused naming the cap (a
 * required feed fails, its file never half-read). */
static void test_local_path_max_bytes(void **state)
{
	struct config_feed f;
	struct fetch_opts o;
	struct fetch_result *r = NULL;
	struct eim_warnings w = { 0 };
	struct eim_error err;
	char *dir = tdir_make(), *path;
	char body[66];

	(void)state;
	eim_error_init(&err);
	opts_init(&o, dir, 0);
	o.offline = 1;
	memset(body, 'x', 65);
	body[65] = '\0';
	tdir_write(dir, "big.json", body);
	body[64] = '\0';
	tdir_write(dir, "fits.json", body);
	feed_init(&f, "local", NULL, 1);
	f.max_bytes = 64;
	path = tdir_join(dir, "fits.json");
	f.path = path;
	assert_int_equal(fetch_feeds(&f, 1, &o, &r, &w, &err), 0);
	assert_int_equal(r[0].len, 64);
	fetch_results_free(r, 1);
	free(path);
	path = tdir_join(dir, "big.json");
	f.path = path;
	assert_int_equal(fetch_feeds(&f, 1, &o, &r, &w, &err), -1);
	assert_non_null(strstr(err.msg, "required feed 'local' ("));
	assert_non_null(strstr(err.msg, "file larger than 64 bytes"));
	free(path);
	tdir_remove(dir);
}

/* Credentials in the URL or a proxy variable never reach a message. */
static void test_no_credentials_in_messages(void **state)
{
	struct config_feed f;
	struct fetch_opts o;
	struct fetch_result *r = NULL;
	struct eim_warnings w = { 0 };
	struct eim_error err;
	char *dir = tdir_make(), url[256], want[512];

	(void)state;
	eim_error_init(&err);
	opts_init(&o, dir, 0);
	feed_init(&f, "secret", NULL, 1);
	snprintf(url, sizeof(url),
		 "http://alice:s3cr3t@127.0.0.1:%d/404?uid=k3yk3y&a=1",
		 srv.port);
	f.url = url;
	assert_int_equal(fetch_feeds(&f, 1, &o, &r, &w, &err), -1);
	snprintf(want, sizeof(want), "required feed 'secret' "
		 "(http://127.0.0.1:%d/404?uid=***&a=1) unavailable: HTTP 404; "
		 "no usable cached copy", srv.port);
	assert_string_equal(err.msg, want);
	/* a proxy with a password that refuses connections */
	setenv("http_proxy", "http://bob:pr0xypw@127.0.0.1:1", 1);
	setenv("NO_PROXY", "", 1);
	unsetenv("no_proxy");
	eim_error_init(&err);
	assert_int_equal(fetch_feeds(&f, 1, &o, &r, &w, &err), -1);
	unsetenv("http_proxy");
	unsetenv("NO_PROXY");
	assert_null(strstr(err.msg, "pr0xypw"));
	assert_null(strstr(err.msg, "bob"));
	assert_null(strstr(err.msg, "s3cr3t"));
	assert_non_null(strstr(err.msg, "unavailable: "));
	tdir_remove(dir);
}

static void test_nomis_truncation_paged(void **state)
{
	struct config_feed f;
	struct fetch_opts o;
	struct fetch_result *r = NULL;
	struct eim_warnings w = { 0 };
	struct eim_error err;
	char *dir = tdir_make();
	const char *want =
		"\"DATE\",\"GEOGRAPHY_CODE\",\"OBS_VALUE\",\"RECORD_OFFSET\","
		"\"RECORD_COUNT\"\n"
		"\"2026-01\",\"E08000025\",100,0,5\n"
		"\"2026-02\",\"E08000025\",110,1,5\n"
		"\"2026-03\",\"E08000025\",120,2,5\n"
		"\"2026-04\",\"E08000025\",130,3,5\n"
		"\"2026-05\",\"E08000025\",140,4,5\n";

	(void)state;
	eim_error_init(&err);
	opts_init(&o, dir, 0);
	o.nomis_pages = feed_nomis_fetch_pages;
	feed_init(&f, "claimants", "/nomis?geography=E08000025", 1);
	f.format = FEED_NOMIS_CSV;
	assert_int_equal(fetch_feeds(&f, 1, &o, &r, &w, &err), 0);
	assert_int_equal(r[0].source, FETCH_FRESH);
	assert_string_equal(body_of(&r[0]), want);
	assert_cached(dir, "claimants", want, T1);
	fetch_results_free(r, 1);
	free(f.url);
	tdir_remove(dir);
}

/* A truncated answer that cannot be completed is a failure: the last
 * good copy is used, never the partial body. */
static void test_nomis_truncation_unrecoverable(void **state)
{
	struct config_feed f[2];
	struct fetch_opts o;
	struct fetch_result *r = NULL;
	struct eim_warnings w = { 0 };
	struct eim_error err;
	char *dir = tdir_make();

	(void)state;
	eim_error_init(&err);
	opts_init(&o, dir, 0);
	o.nomis_pages = feed_nomis_fetch_pages;
	feed_init(&f[0], "bad", "/nomisbad?x=1", 1);
	feed_init(&f[1], "short", "/nomisshort?x=1", 1);
	f[0].format = f[1].format = FEED_NOMIS_CSV;
	seed(dir, &f[0], GOOD, NULL);
	seed(dir, &f[1], GOOD, NULL);
	assert_int_equal(fetch_feeds(f, 2, &o, &r, &w, &err), 0);
	assert_int_equal(r[0].source, FETCH_CACHE_FALLBACK);
	assert_string_equal(r[0].reason, "truncated at 2 of 5 records, page "
			    "at recordoffset=2 failed: HTTP 500");
	assert_string_equal(body_of(&r[0]), GOOD);
	assert_int_equal(r[1].source, FETCH_CACHE_FALLBACK);
	assert_string_equal(r[1].reason, "truncated: 2 of 5 records");
	assert_string_equal(body_of(&r[1]), GOOD);
	assert_cached(dir, "bad", GOOD, T0);
	assert_cached(dir, "short", GOOD, T0);
	fetch_results_free(r, 2);
	eim_warnings_release(&w);
	free_urls(f, 2);
	tdir_remove(dir);
}

/* The validator of a pipeline for nomis-csv feeds: the reader's rules. */
static int nomis_ok(const struct config_feed *f, int fd, const char *b,
		    size_t n, void *ctx, struct eim_error *err)
{
	struct series_table t;
	int ret;

	(void)ctx;
	if (f->format != FEED_NOMIS_CSV)
		return 0;
	series_table_init(&t);
	ret = feed_read_kept(FEED_NOMIS_CSV, fd, b, n, f->id, NULL, NULL,
			     NULL, &t, err);
	series_table_release(&t);
	return ret;
}

/* A RECORD_COUNT that is not a whole number is never a count of 0 (which
 * would take the first page for the whole): no page is asked for, and
 * the reader rejects the body naming the field, so the last good copy is
 * used. */
static void test_nomis_junk_record_count(void **state)
{
	struct config_feed f;
	struct fetch_opts o;
	struct fetch_result *r = NULL;
	struct eim_warnings w = { 0 };
	struct eim_error err;
	char *dir = tdir_make();

	(void)state;
	eim_error_init(&err);
	opts_init(&o, dir, 0);
	o.validate = nomis_ok;
	o.nomis_pages = feed_nomis_fetch_pages;
	feed_init(&f, "junk", "/nomisjunk/a?x=1", 1);
	f.format = FEED_NOMIS_CSV;
	seed(dir, &f, GOOD, NULL);
	assert_int_equal(fetch_feeds(&f, 1, &o, &r, &w, &err), 0);
	assert_int_equal(r[0].source, FETCH_CACHE_FALLBACK);
	assert_string_equal(r[0].reason, "body rejected: RECORD_COUNT 'five' "
			    "is not a whole number");
	assert_string_equal(body_of(&r[0]), GOOD);
	assert_cached(dir, "junk", GOOD, T0);
	fetch_results_free(r, 1);
	eim_warnings_release(&w);
	free(f.url);
	/* one request: the first page, no recordoffset= page */
	f.url = strdup(test_server_url(&srv, "/count/nomisjunk/a"));
	f.format = FEED_CSV;
	o.cache_dir = NULL;
	o.validate = NULL;
	assert_int_equal(fetch_feeds(&f, 1, &o, &r, &w, &err), 0);
	assert_string_equal(body_of(&r[0]), "1\n");
	fetch_results_free(r, 1);
	eim_warnings_release(&w);
	free(f.url);
	tdir_remove(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_required_bad_cases_fall_back),
		cmocka_unit_test(test_optional_bad_cases_dropped),
		cmocka_unit_test(test_required_bad_cases_without_cache_fail),
		cmocka_unit_test(test_200_replaces_cache),
		cmocka_unit_test(test_304_reuses_cache),
		cmocka_unit_test(test_etag_of_other_url_not_sent),
		cmocka_unit_test(test_500_then_200_is_fresh),
		cmocka_unit_test(test_offline_uses_cache_only),
		cmocka_unit_test(test_cache_of_other_url_warns),
		cmocka_unit_test(test_local_path_feeds),
		cmocka_unit_test(test_local_path_max_bytes),
		cmocka_unit_test(test_no_credentials_in_messages),
		cmocka_unit_test(test_nomis_truncation_paged),
		cmocka_unit_test(test_nomis_truncation_unrecoverable),
		cmocka_unit_test(test_nomis_junk_record_count),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
