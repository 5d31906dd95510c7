/* test_http.c - the fetch module against tests/http_server.py on
 * 127.0.0.1, plus the URL and CSV paging helpers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "feed.h"
#include "http.h"
#include "../../src/fetch/http_curl.h"
#include "helpers/test_server.h"

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

static char *xurl_dup(const char *path)
{
	return strdup(test_server_url(&srv, path));
}

/* Fetch one URL with small timeouts; res must be released. */
static void fetch1(const char *path, unsigned retries, size_t cap,
		   const char *etag, const char *lm, struct http_result *res)
{
	struct http_request rq = { 0 };
	struct http_options o = { retries, 10 };
	struct eim_error err;

	eim_error_init(&err);
	rq.url = test_server_url(&srv, path);
	/* only the stall case waits for its timeout: the others get room
	 * for slow runs (sanitizers, valgrind) */
	rq.timeout_s = strcmp(path, "/stall") ? 10 : 1;
	rq.max_bytes = cap;
	rq.etag = etag;
	rq.last_modified = lm;
	assert_int_equal(http_fetch_all(&rq, 1, &o, res, &err), 0);
}

/* Requests the server saw for path, read through /count. */
static long server_count(const char *path)
{
	struct http_result r;
	char p[256];
	long n;

	snprintf(p, sizeof(p), "/count%s", path);
	fetch1(p, 0, 0, NULL, NULL, &r);
	assert_int_equal(r.outcome, HTTP_OK);
	n = strtol(r.body.buf, NULL, 10);
	http_result_release(&r);
	return n;
}

static void test_200_captures_validators(void **state)
{
	struct http_result r;

	(void)state;
	fetch1("/ok", 0, 0, NULL, NULL, &r);
	assert_int_equal(r.outcome, HTTP_OK);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.body.buf, "{\"v\": 1}\n");
	assert_int_equal(r.body.len, 9);
	assert_string_equal(r.etag, "\"v1\"");
	assert_string_equal(r.last_modified, "Wed, 18 Nov 2026 09:30:00 GMT");
	assert_string_equal(r.reason, "");
	http_result_release(&r);
}

static void test_304_if_none_match(void **state)
{
	struct http_result r;

	(void)state;
	fetch1("/etag", 0, 0, "\"v1\"", NULL, &r);
	assert_int_equal(r.outcome, HTTP_NOT_MODIFIED);
	assert_int_equal(r.status, 304);
	assert_int_equal(r.body.len, 0);
	http_result_release(&r);
	/* a stale ETag gets the new entity */
	fetch1("/etag", 0, 0, "\"v0\"", NULL, &r);
	assert_int_equal(r.outcome, HTTP_OK);
	assert_string_equal(r.body.buf, "{\"v\": 2}\n");
	assert_string_equal(r.etag, "\"v2\"");
	http_result_release(&r);
}

static void test_304_if_modified_since(void **state)
{
	struct http_result r;

	(void)state;
	fetch1("/ims", 0, 0, NULL, "Wed, 18 Nov 2026 09:30:00 GMT", &r);
	assert_int_equal(r.outcome, HTTP_NOT_MODIFIED);
	http_result_release(&r);
	fetch1("/ims", 0, 0, NULL, NULL, &r);
	assert_int_equal(r.outcome, HTTP_OK);
	assert_string_equal(r.body.buf, "{\"v\": 3}\n");
	http_result_release(&r);
}

static void test_500_then_200_retried(void **state)
{
	struct http_result r;

	(void)state;
	fetch1("/flaky/a", 2, 0, NULL, NULL, &r);
	assert_int_equal(r.outcome, HTTP_OK);
	assert_int_equal(r.attempts, 2);
	assert_string_equal(r.body.buf, "{\"v\": \"flaky\"}\n");
	http_result_release(&r);
	assert_int_equal(server_count("/flaky/a"), 2);
}

static void test_500_without_retries_fails(void **state)
{
	struct http_result r;

	(void)state;
	fetch1("/flaky/b", 0, 0, NULL, NULL, &r);
	assert_int_equal(r.outcome, HTTP_FAILED);
	assert_string_equal(r.reason, "HTTP 500");
	http_result_release(&r);
}

static void test_500_retries_exhausted(void **state)
{
	struct http_result r;

	(void)state;
	fetch1("/fail500/c", 2, 0, NULL, NULL, &r);
	assert_int_equal(r.outcome, HTTP_FAILED);
	assert_int_equal(r.attempts, 3);
	assert_string_equal(r.reason, "HTTP 500 (3 attempts)");
	http_result_release(&r);
	assert_int_equal(server_count("/fail500/c"), 3);
}

static void test_404_never_retried(void **state)
{
	struct http_result r;

	(void)state;
	fetch1("/404", 3, 0, NULL, NULL, &r);
	assert_int_equal(r.outcome, HTTP_FAILED);
	assert_int_equal(r.attempts, 1);
	assert_string_equal(r.reason, "HTTP 404");
	http_result_release(&r);
	assert_int_equal(server_count("/404"), 1);
}

static void test_stall_times_out_and_retries(void **state)
{
	struct http_result r;

	(void)state;
	fetch1("/stall", 1, 0, NULL, NULL, &r);
	assert_int_equal(r.outcome, HTTP_FAILED);
	assert_int_equal(r.attempts, 2);
	assert_string_equal(r.reason, "timed out after 1 s (2 attempts)");
	http_result_release(&r);
}

static void test_truncated_body(void **state)
{
	struct http_result r;

	(void)state;
	fetch1("/truncated", 0, 0, NULL, NULL, &r);
	assert_int_equal(r.outcome, HTTP_FAILED);
	/* 7 + 2*46 + 1 bytes arrived of the 1000 announced */
	assert_string_equal(r.reason, "connection closed before the whole "
			    "body arrived (100 bytes received)");
	http_result_release(&r);
}

static void test_body_over_cap_content_length(void **state)
{
	struct http_result r;

	(void)state;
	fetch1("/big", 2, 1048576, NULL, NULL, &r);
	assert_int_equal(r.outcome, HTTP_FAILED);
	assert_int_equal(r.attempts, 1);
	assert_string_equal(r.reason, "body larger than 1048576 bytes");
	assert_true(r.body.len <= 1048576);
	http_result_release(&r);
}

static void test_body_over_cap_streamed(void **state)
{
	struct http_result r;

	(void)state;
	fetch1("/bigchunked", 0, 1048576, NULL, NULL, &r);
	assert_int_equal(r.outcome, HTTP_FAILED);
	assert_string_equal(r.reason, "body larger than 1048576 bytes");
	assert_true(r.body.len <= 1048576);
	http_result_release(&r);
}

static void test_redirect_loop_stops_after_5(void **state)
{
	struct http_result r;

	(void)state;
	fetch1("/loop/0", 2, 0, NULL, NULL, &r);
	assert_int_equal(r.outcome, HTTP_FAILED);
	assert_int_equal(r.attempts, 1);
	assert_string_equal(r.reason, "too many redirects (more than 5)");
	http_result_release(&r);
	assert_int_equal(server_count("/loop/5"), 1);
	assert_int_equal(server_count("/loop/6"), 0);
}

static void test_redirect_to_file_refused(void **state)
{
	struct http_result r;

	(void)state;
	fetch1("/tofile", 2, 0, NULL, NULL, &r);
	assert_int_equal(r.outcome, HTTP_FAILED);
	assert_int_equal(r.attempts, 1);
	assert_string_equal(r.reason,
			    "protocol not allowed (only http and https)");
	assert_null(strstr(r.body.buf, "root:"));
	http_result_release(&r);
}

static void test_file_and_ftp_urls_refused(void **state)
{
	struct http_request rq[2] = { { 0 }, { 0 } };
	struct http_result r[2];
	struct eim_error err;

	(void)state;
	eim_error_init(&err);
	rq[0].url = "file:///etc/passwd";
	rq[1].url = "ftp://127.0.0.1/x";
	assert_int_equal(http_fetch_all(rq, 2, NULL, r, &err), 0);
	assert_int_equal(r[0].outcome, HTTP_FAILED);
	assert_string_equal(r[0].reason,
			    "protocol not allowed (only http and https)");
	assert_int_equal(r[0].body.len, 0);
	assert_int_equal(r[1].outcome, HTTP_FAILED);
	assert_string_equal(r[1].reason,
			    "protocol not allowed (only http and https)");
	http_result_release(&r[0]);
	http_result_release(&r[1]);
}

/* Several requests in one call, each with its own outcome. */
static void test_parallel_mixed(void **state)
{
	const char *paths[] = { "/ok", "/404", "/redirect", "/ua",
				"/flaky/p", "/malformed" };
	struct http_request rq[6];
	struct http_result r[6];
	struct http_options o = { 1, 10 };
	struct eim_error err;
	char ua[64];
	size_t i;

	(void)state;
	eim_error_init(&err);
	memset(rq, 0, sizeof(rq));
	for (i = 0; i < 6; i++) {
		rq[i].url = xurl_dup(paths[i]);
		rq[i].timeout_s = 10;
	}
	assert_int_equal(http_fetch_all(rq, 6, &o, r, &err), 0);
	assert_int_equal(r[0].outcome, HTTP_OK);
	assert_string_equal(r[0].body.buf, "{\"v\": 1}\n");
	assert_int_equal(r[1].outcome, HTTP_FAILED);
	assert_string_equal(r[1].reason, "HTTP 404");
	assert_int_equal(r[2].outcome, HTTP_OK); /* followed to /ok */
	assert_string_equal(r[2].body.buf, "{\"v\": 1}\n");
	assert_string_equal(r[2].etag, "\"v1\"");
	snprintf(ua, sizeof(ua), "{\"ua\": \"eimon/%s\"}", EIMON_VERSION);
	assert_string_equal(r[3].body.buf, ua);
	assert_int_equal(r[4].outcome, HTTP_OK);
	assert_int_equal(r[4].attempts, 2);
	assert_int_equal(r[5].outcome, HTTP_OK); /* http does not parse */
	assert_string_equal(r[5].body.buf, "{\"v\": [1, 2,\n");
	for (i = 0; i < 6; i++) {
		http_result_release(&r[i]);
		free((char *)rq[i].url);
	}
}

static void test_connection_refused(void **state)
{
	struct http_request rq = { 0 };
	struct http_options o = { 1, 10 };
	struct http_result r;
	struct eim_error err;

	(void)state;
	eim_error_init(&err);
	rq.url = "http://127.0.0.1:1/x"; /* nothing listens on port 1 */
	rq.timeout_s = 1;
	assert_int_equal(http_fetch_all(&rq, 1, &o, &r, &err), 0);
	assert_int_equal(r.outcome, HTTP_FAILED);
	assert_int_equal(r.attempts, 2);
	assert_string_equal(r.reason, "could not connect (2 attempts)");
	http_result_release(&r);
}

/* TLS verification is always on: the test server's self-signed
 * certificate is refused unless it is given as ca_file. */
static void test_tls_verification(void **state)
{
	struct http_request rq[3];
	struct http_result r[3];
	struct eim_error err;
	char url[128];
	size_t i;

	(void)state;
	eim_error_init(&err);
	snprintf(url, sizeof(url), "https://127.0.0.1:%d/ok", srv.tls_port);
	memset(rq, 0, sizeof(rq));
	/* Generous: a TLS handshake under valgrind on a busy machine. */
	for (i = 0; i < 3; i++) {
		rq[i].url = url;
		rq[i].timeout_s = 60;
	}
	rq[1].ca_file = "tests/data/http/test_cert.pem";
	rq[2].ca_file = "tests/data/http/no-such-ca.pem";
	assert_int_equal(http_fetch_all(rq, 3, NULL, r, &err), 0);
	assert_int_equal(r[0].outcome, HTTP_FAILED);
	assert_string_equal(r[0].reason, "TLS certificate verification failed");
	assert_int_equal(r[0].body.len, 0);
	assert_int_equal(r[1].outcome, HTTP_OK);
	assert_string_equal(r[1].body.buf, "{\"v\": 1}\n");
	assert_int_equal(r[2].outcome, HTTP_FAILED);
	assert_string_equal(r[2].reason, "cannot read the CA file");
	for (i = 0; i < 3; i++)
		http_result_release(&r[i]);
}

static void test_url_redact(void **state)
{
	static const char *const cases[][2] = {
		{ "https://user:s3cret@example.org/a?b=1",
		  "https://example.org/a?b=1" },
		{ "http://a@b@host:8080/p", "http://host:8080/p" },
		{ "https://www.nomisweb.co.uk/api/v01/dataset/NM_162_1.data.csv"
		  "?geography=E08000025&uid=0xabc123&measures=20100",
		  "https://www.nomisweb.co.uk/api/v01/dataset/NM_162_1.data.csv"
		  "?geography=E08000025&uid=***&measures=20100" },
		{ "https://h/p?token=x#frag", "https://h/p?token=***#frag" },
		{ "https://h/p?api-key=1&geography=E1&X-Amz-Signature=2"
		  "&client_secret=3&Access_Token=4",
		  "https://h/p?api-key=***&geography=E1&X-Amz-Signature=***"
		  "&client_secret=***&Access_Token=***" },
		{ "https://h/p@q", "https://h/p@q" },
		{ "https://h/p", "https://h/p" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *r = http_url_redact(cases[i][0]);

		assert_string_equal(r, cases[i][1]);
		free(r);
	}
}

static void test_url_set_param(void **state)
{
	static const char *const cases[][2] = {
		{ "https://h/d.csv", "https://h/d.csv?recordoffset=25000" },
		{ "https://h/d.csv?a=1", "https://h/d.csv?a=1&recordoffset=25000" },
		{ "https://h/d.csv?recordoffset=0&a=1",
		  "https://h/d.csv?recordoffset=25000&a=1" },
		{ "https://h/d.csv?a=1&recordoffset=5",
		  "https://h/d.csv?a=1&recordoffset=25000" },
		{ "https://h/d.csv?a=1&recordoffset=5&recordoffset=6&b=2",
		  "https://h/d.csv?a=1&recordoffset=25000&b=2" },
		{ "https://h/d.csv?xrecordoffset=5",
		  "https://h/d.csv?xrecordoffset=5&recordoffset=25000" },
		{ "https://h/d.csv?a=1#f", "https://h/d.csv?a=1&recordoffset=25000#f" },
		{ "https://h/d.csv?", "https://h/d.csv?recordoffset=25000" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *r = http_nomis_page_url(cases[i][0], 25000);

		assert_string_equal(r, cases[i][1]);
		free(r);
	}
}

static void test_csv_append_page(void **state)
{
	struct strbuf acc = STRBUF_INIT;
	const char *p1 = "\"A\",\"B\"\n1,2\n";
	const char *p2 = "\xEF\xBB\xBF\"A\",\"B\"\r\n3,4";
	const char *p3 = "\"A\",\"B \nx\"\n5,6\n";

	(void)state;
	assert_int_equal(http_csv_append_page(&acc, p1, strlen(p1)), 0);
	assert_int_equal(http_csv_append_page(&acc, p2, strlen(p2)), 0);
	/* header with a quoted newline is still one record */
	assert_int_equal(http_csv_append_page(&acc, p3, strlen(p3)), 0);
	assert_string_equal(acc.buf, "\"A\",\"B\"\n1,2\n3,4\n5,6\n");
	/* a header-only page adds nothing */
	assert_int_equal(http_csv_append_page(&acc, "\"A\",\"B\"\n", 8), 0);
	assert_int_equal(acc.len, 20);
	strbuf_release(&acc);
}

/* Test row counter for the server's Nomis-like CSV: records = lines
 * after the header; RECORD_COUNT = last field of the first record. */
static int count_rows(int fd, const char *body, size_t len, long *rows,
		      long *total, void *ctx)
{
	const char *p = body, *end = body + len, *nl;
	long n = -1;

	(void)ctx;
	assert_int_equal(fd, -1); /* these requests keep bodies in memory */
	*total = -1;
	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		if (nl > p) {
			if (n == 0) {
				const char *c = nl;
				while (c > p && c[-1] != ',')
					c--;
				*total = strtol(c, NULL, 10);
			}
			n++;
		}
	}
	*rows = n < 0 ? 0 : n;
	return 0;
}

static void test_nomis_paging(void **state)
{
	struct http_request rq = { 0 };
	struct http_options o = { 0, 10 };
	struct http_result r;
	struct eim_error err;
	long rows, total;

	(void)state;
	eim_error_init(&err);
	rq.url = xurl_dup("/nomis?geography=E08000025");
	rq.timeout_s = 10;
	assert_int_equal(http_fetch_all(&rq, 1, &o, &r, &err), 0);
	assert_int_equal(r.outcome, HTTP_OK);
	count_rows(-1, r.body.buf, r.body.len, &rows, &total, NULL);
	assert_int_equal(rows, 2); /* truncated: 2 of 5 */
	assert_int_equal(total, 5);
	http_fetch_nomis_pages(&rq, &o, count_rows, NULL, &r);
	assert_int_equal(r.outcome, HTTP_OK);
	assert_string_equal(r.body.buf,
		"\"DATE\",\"GEOGRAPHY_CODE\",\"OBS_VALUE\",\"RECORD_OFFSET\","
		"\"RECORD_COUNT\"\n"
		"\"2026-01\",\"E08000025\",100,0,5\n"
		"\"2026-02\",\"E08000025\",110,1,5\n"
		"\"2026-03\",\"E08000025\",120,2,5\n"
		"\"2026-04\",\"E08000025\",130,3,5\n"
		"\"2026-05\",\"E08000025\",140,4,5\n");
	http_result_release(&r);
	free((char *)rq.url);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = malloc(1 << 20);

	assert_non_null(f);
	assert_non_null(buf);
	*len = fread(buf, 1, (1 << 20) - 1, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

/* The built-in counter on real Nomis answers (complete: rows equal
 * RECORD_COUNT), a truncated one, BOM + CRLF, and bad input. */
static void test_nomis_count_rows(void **state)
{
	const char *aps = "tests/data/http/"
		"nomis_NM_17_5_aps_kirklees_oct2024-sep2025.csv";
	const char *cc = "tests/data/http/"
		"nomis_NM_162_1_claimant_count_kirklees_2026-02_full_columns.csv";
	struct strbuf sb = STRBUF_INIT;
	size_t len, i, cut = 0;
	long rows = -1, total = -1;
	const char *t;
	char *b;
	int lines = 0;

	(void)state;
	b = slurp(cc, &len);
	assert_int_equal(feed_nomis_count(-1, b, len, &rows, &total, NULL), 0);
	assert_int_equal(rows, 4);
	assert_int_equal(total, 4);
	free(b);

	b = slurp(aps, &len);
	assert_int_equal(feed_nomis_count(-1, b, len, &rows, &total, NULL), 0);
	assert_int_equal(rows, 6);
	assert_int_equal(total, 6);
	/* header + 2 records: what a truncated answer looks like */
	for (i = 0; i < len && lines < 3; i++)
		if (b[i] == '\n' && ++lines == 3)
			cut = i + 1;
	assert_int_equal(feed_nomis_count(-1, b, cut, &rows, &total, NULL), 0);
	assert_int_equal(rows, 2);
	assert_int_equal(total, 6);
	/* BOM and CRLF */
	strbuf_adds(&sb, "\xEF\xBB\xBF");
	for (i = 0; i < len; i++) {
		if (b[i] == '\n')
			strbuf_addch(&sb, '\r');
		strbuf_addch(&sb, b[i]);
	}
	assert_int_equal(feed_nomis_count(-1, sb.buf, sb.len, &rows, &total,
					       NULL), 0);
	assert_int_equal(rows, 6);
	assert_int_equal(total, 6);
	strbuf_release(&sb);
	free(b);

	/* header only: nothing matched */
	t = "\"A\",\"RECORD_COUNT\"\n";
	assert_int_equal(feed_nomis_count(-1, t, strlen(t), &rows, &total,
					       NULL), 0);
	assert_int_equal(rows, 0);
	assert_int_equal(total, 0);
	/* quoted comma before the column, blank line ignored */
	t = "\"A\",\"RECORD_COUNT\"\n\"x,y\",7\n\n\"z\"\"\",7\n";
	assert_int_equal(feed_nomis_count(-1, t, strlen(t), &rows, &total,
					       NULL), 0);
	assert_int_equal(rows, 2);
	assert_int_equal(total, 7);
	/* no RECORD_COUNT column, or not a whole number (never read as 0,
	 * which would switch the truncation check off) */
	t = "\"A\"\n1\n";
	assert_int_equal(feed_nomis_count(-1, t, strlen(t), &rows, &total,
					       NULL), -1);
	t = "\"A\",\"RECORD_COUNT\"\n1,x\n";
	assert_int_equal(feed_nomis_count(-1, t, strlen(t), &rows, &total,
					       NULL), -1);
	t = "\"A\",\"RECORD_COUNT\"\n1,-5\n";
	assert_int_equal(feed_nomis_count(-1, t, strlen(t), &rows, &total,
					       NULL), -1);
}

/* libcurl is opened at the first transfer (http_curl.c): every function
 * of the table is found, and a second load gives the same table. */
static void test_curl_loaded_whole(void **state)
{
	char why[256] = "";
	const struct http_curl *a = http_curl_load(why, sizeof(why));
	const struct http_curl *b;

	(void)state;
	assert_non_null(a);
	assert_string_equal(why, "");
	assert_non_null(a->global_init);
	assert_non_null(a->global_cleanup);
	assert_non_null(a->easy_init);
	assert_non_null(a->easy_setopt);
	assert_non_null(a->easy_getinfo);
	assert_non_null(a->easy_strerror);
	assert_non_null(a->easy_cleanup);
	assert_non_null(a->slist_append);
	assert_non_null(a->slist_free_all);
	assert_non_null(a->multi_init);
	assert_non_null(a->multi_add_handle);
	assert_non_null(a->multi_remove_handle);
	assert_non_null(a->multi_perform);
	assert_non_null(a->multi_poll);
	assert_non_null(a->multi_info_read);
	assert_non_null(a->multi_cleanup);
	b = http_curl_load(why, sizeof(why));
	assert_ptr_equal(a, b);
	assert_string_equal(a->easy_strerror(CURLE_OK), "No error");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_curl_loaded_whole),
		cmocka_unit_test(test_200_captures_validators),
		cmocka_unit_test(test_304_if_none_match),
		cmocka_unit_test(test_304_if_modified_since),
		cmocka_unit_test(test_500_then_200_retried),
		cmocka_unit_test(test_500_without_retries_fails),
		cmocka_unit_test(test_500_retries_exhausted),
		cmocka_unit_test(test_404_never_retried),
		cmocka_unit_test(test_stall_times_out_and_retries),
		cmocka_unit_test(test_truncated_body),
		cmocka_unit_test(test_body_over_cap_content_length),
		cmocka_unit_test(test_body_over_cap_streamed),
		cmocka_unit_test(test_redirect_loop_stops_after_5),
		cmocka_unit_test(test_redirect_to_file_refused),
		cmocka_unit_test(test_file_and_ftp_urls_refused),
		cmocka_unit_test(test_parallel_mixed),
		cmocka_unit_test(test_connection_refused),
		cmocka_unit_test(test_tls_verification),
		cmocka_unit_test(test_url_redact),
		cmocka_unit_test(test_url_set_param),
		cmocka_unit_test(test_csv_append_page),
		cmocka_unit_test(test_nomis_paging),
		cmocka_unit_test(test_nomis_count_rows),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
