/* test_cache.c - the last-good cache: atomic writes, metadata, the
 * validator gate, damage detection. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"
#include "helpers/tdir.h"

/* 2026-11-21T10:00:00Z */
#define T0 ((time_t)1795255200)

static int accept_all(const char *b, size_t n, void *ctx,
		      struct eim_error *err)
{
	(void)b; (void)n; (void)ctx; (void)err;
	return 0;
}

static int reject_all(const char *b, size_t n, void *ctx,
		      struct eim_error *err)
{
	(void)b; (void)n;
	++*(int *)ctx;
	return eim_error_set(err, EIM_DATA, NULL, 0, 0, "not valid JSON");
}

static void test_time_format_parse(void **state)
{
	char buf[CACHE_TIME_LEN];
	time_t t = 0;

	(void)state;
	cache_format_time(0, buf);
	assert_string_equal(buf, "1970-01-01T00:00:00Z");
	cache_format_time(1000000000, buf);
	assert_string_equal(buf, "2001-09-09T01:46:40Z");
	cache_format_time(T0, buf);
	assert_string_equal(buf, "2026-11-21T10:00:00Z");
	assert_int_equal(cache_parse_time("2001-09-09T01:46:40Z", &t), 0);
	assert_int_equal(t, 1000000000);
	assert_int_equal(cache_parse_time("2001-09-09T01:46:40", &t), -1);
	assert_int_equal(cache_parse_time("2001-13-09T01:46:40Z", &t), -1);
	assert_int_equal(cache_parse_time("2001-09-09 01:46:40Z", &t), -1);
}

static void test_id_ok(void **state)
{
	(void)state;
	assert_int_equal(cache_id_ok("claimants_wm-1.v2"), 0);
	assert_int_equal(cache_id_ok(""), -1);
	assert_int_equal(cache_id_ok(".hidden"), -1);
	assert_int_equal(cache_id_ok("../etc"), -1);
	assert_int_equal(cache_id_ok("a/b"), -1);
}

static void test_store_load_roundtrip(void **state)
{
	char *dir = tdir_make(), *cdir, *body = NULL, *meta = NULL;
	struct cache_origin m = { 0 };
	struct cache_meta got;
	struct eim_error err;
	size_t len;

	(void)state;
	eim_error_init(&err);
	cdir = tdir_join(dir, "a/b/cache"); /* created on demand */
	m.url = "https://user:pw@example.org/d.csv?uid=k3y&x=1";
	m.etag = "\"v1\"";
	m.last_modified = NULL;
	m.fetched_at = T0;
	assert_int_equal(cache_store(cdir, "claimants", "abc", 3, &m,
				     accept_all, NULL, &err), 0);
	/* meta.json as specified, credentials gone */
	meta = tdir_slurp(cdir, "claimants.meta.json");
	assert_string_equal(meta,
		"{\n"
		"  \"url\": \"https://example.org/d.csv?uid=***&x=1\",\n"
		"  \"fetched_at\": \"2026-11-21T10:00:00Z\",\n"
		"  \"etag\": \"\\\"v1\\\"\",\n"
		"  \"last_modified\": null,\n"
		"  \"sha256\": \"ba7816bf8f01cfea414140de5dae2223"
		"b00361a396177a9cb410ff61f20015ad\",\n"
		"  \"bytes\": 3\n"
		"}\n");
	assert_int_equal(cache_load(cdir, "claimants", &body, &len, &got,
				    &err), 0);
	assert_int_equal(len, 3);
	assert_string_equal(body, "abc");
	assert_string_equal(got.url, "https://example.org/d.csv?uid=***&x=1");
	assert_string_equal(got.etag, "\"v1\"");
	assert_null(got.last_modified);
	assert_int_equal(got.fetched_at, T0);
	assert_string_equal(got.sha256, "ba7816bf8f01cfea414140de5dae2223"
					"b00361a396177a9cb410ff61f20015ad");
	assert_int_equal(got.bytes, 3);
	assert_int_equal(tdir_count(cdir, ".tmp."), 0);
	assert_int_equal(tdir_count(cdir, ""), 2);
	cache_meta_release(&got);
	free(body);
	free(meta);
	free(cdir);
	tdir_remove(dir);
}

static void test_rejected_body_keeps_last_good(void **state)
{
	char *dir = tdir_make(), *body = NULL;
	struct cache_origin m = { 0 };
	struct cache_meta got;
	struct eim_error err;
	size_t len;
	int calls = 0;

	(void)state;
	eim_error_init(&err);
	m.url = "http://h/x";
	m.fetched_at = T0;
	assert_int_equal(cache_store(dir, "f", "{\"v\": 1}", 8, &m,
				     accept_all, NULL, &err), 0);
	m.fetched_at = T0 + 3600;
	assert_int_equal(cache_store(dir, "f", "{\"v\": ", 6, &m,
				     reject_all, &calls, &err), -1);
	assert_int_equal(calls, 1);
	assert_int_equal(err.kind, EIM_DATA);
	assert_string_equal(err.msg, "not valid JSON");
	assert_int_equal(cache_load(dir, "f", &body, &len, &got, &err), 0);
	assert_string_equal(body, "{\"v\": 1}");
	assert_int_equal(got.fetched_at, T0);
	assert_int_equal(tdir_count(dir, ".tmp."), 0);
	cache_meta_release(&got);
	free(body);
	tdir_remove(dir);
}

static void test_missing_and_damaged(void **state)
{
	char *dir = tdir_make(), *body = NULL;
	struct cache_origin m = { 0 };
	struct cache_meta got;
	struct eim_error err;
	size_t len;

	(void)state;
	eim_error_init(&err);
	assert_int_equal(cache_load(dir, "none", &body, &len, &got, &err), -1);
	assert_int_equal(err.kind, EIM_NOINPUT);
	assert_string_equal(err.msg, "no cached copy");
	assert_null(body);

	m.fetched_at = T0;
	eim_error_init(&err);
	assert_int_equal(cache_store(dir, "d", "abc", 3, &m, NULL, NULL,
				     &err), 0);
	tdir_write(dir, "d.body", "abd"); /* same size, other bytes */
	assert_int_equal(cache_load(dir, "d", &body, &len, &got, &err), -1);
	assert_int_equal(err.kind, EIM_DATA);
	assert_non_null(strstr(err.msg, "damaged"));
	assert_null(body);

	eim_error_init(&err);
	tdir_write(dir, "d.body", "abc");
	tdir_write(dir, "d.meta.json", "{\"url\": 1");
	assert_int_equal(cache_load(dir, "d", &body, &len, &got, &err), -1);
	assert_int_equal(err.kind, EIM_DATA);

	eim_error_init(&err);
	assert_int_equal(cache_load(dir, "../x", &body, &len, &got, &err), -1);
	tdir_remove(dir);
}

static void test_touch_after_304(void **state)
{
	char *dir = tdir_make(), *body = NULL;
	struct cache_origin m = { 0 };
	struct cache_meta got;
	struct eim_error err;
	size_t len;

	(void)state;
	eim_error_init(&err);
	m.url = "http://h/x";
	m.etag = "\"v1\"";
	m.last_modified = "Wed, 18 Nov 2026 09:30:00 GMT";
	m.fetched_at = T0;
	assert_int_equal(cache_store(dir, "t", "abc", 3, &m, NULL, NULL,
				     &err), 0);
	assert_int_equal(cache_touch(dir, "t", T0 + 60, "\"v1b\"", NULL,
				     &err), 0);
	assert_int_equal(cache_load(dir, "t", &body, &len, &got, &err), 0);
	assert_string_equal(body, "abc");
	assert_int_equal(got.fetched_at, T0 + 60);
	assert_string_equal(got.etag, "\"v1b\"");
	assert_string_equal(got.last_modified, "Wed, 18 Nov 2026 09:30:00 GMT");
	assert_int_equal(tdir_count(dir, ".tmp."), 0);
	cache_meta_release(&got);
	free(body);
	tdir_remove(dir);
}

static void test_atomic_write(void **state)
{
	char *dir = tdir_make(), *path, *text, *bad;
	struct eim_error err;

	(void)state;
	eim_error_init(&err);
	path = tdir_join(dir, "out.txt");
	assert_int_equal(cache_write_atomic(path, "first\n", 6, &err), 0);
	assert_int_equal(cache_write_atomic(path, "second\n", 7, &err), 0);
	text = tdir_slurp(dir, "out.txt");
	assert_string_equal(text, "second\n");
	assert_int_equal(tdir_count(dir, ""), 1);
	/* a folder that does not exist: error, nothing left behind */
	bad = tdir_join(dir, "nope/out.txt");
	assert_int_equal(cache_write_atomic(bad, "x", 1, &err), -1);
	assert_int_equal(err.kind, EIM_CANTCREAT);
	assert_int_equal(tdir_count(dir, ""), 1);
	free(text);
	free(path);
	free(bad);
	tdir_remove(dir);
}

/* A failing rename (the target is a folder) leaves no temp file. */
static void test_atomic_write_rename_fails(void **state)
{
	char *dir = tdir_make(), *path, *inner;
	struct eim_error err;

	(void)state;
	eim_error_init(&err);
	path = tdir_join(dir, "target");
	assert_int_equal(mkdir(path, 0755), 0);
	inner = tdir_join(path, "keep");
	tdir_write(path, "keep", "x");
	assert_int_equal(cache_write_atomic(path, "new\n", 4, &err), -1);
	assert_int_equal(err.kind, EIM_CANTCREAT);
	assert_non_null(strstr(err.msg, "cannot rename into place"));
	assert_int_equal(tdir_count(dir, ""), 1);
	assert_int_equal(tdir_count(path, ""), 1);
	free(inner);
	free(path);
	tdir_remove(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_time_format_parse),
		cmocka_unit_test(test_id_ok),
		cmocka_unit_test(test_store_load_roundtrip),
		cmocka_unit_test(test_rejected_body_keeps_last_good),
		cmocka_unit_test(test_missing_and_damaged),
		cmocka_unit_test(test_touch_after_304),
		cmocka_unit_test(test_atomic_write),
		cmocka_unit_test(test_atomic_write_rename_fails),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
