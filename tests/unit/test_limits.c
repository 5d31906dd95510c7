/* test_limits.c - limits against hostile input and the security rules
 * that are not a line of a bad-input corpus: YAML alias expansion, nesting
 * depth, file size and node count caps, large mappings, numbers that do
 * not fit, NaN/Infinity/huge exponents as feed values, control characters
 * and lengths of text, the URL schemes and TLS keys of monitor.yaml, the
 * week that names the output folder, and redaction of secrets in URLs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "config.h"
#include "feed.h"
#include "http.h"
#include "notes.h"
#include "period.h"
#include "series.h"
#include "tdir.h"
#include "xalloc.h"
#include "yamldoc.h"

/* ydoc_load_buffer over text; returns its result, message into msg. */
static int load_text(const char *text, size_t len, char *msg, size_t size)
{
	struct ydoc *d = NULL;
	struct eim_error err;
	int rc;

	eim_error_init(&err);
	rc = ydoc_load_buffer(text, len, "t.yaml", &d, &err);
	eim_error_format(&err, msg, (unsigned)size);
	if (rc == 0)
		assert_int_equal(err.kind, EIM_OK);
	else
		assert_int_equal(err.kind, EIM_DATA);
	ydoc_free(d);
	return rc;
}

static void test_aliases_refused(void **state)
{
	static const char laughs[] =
		"a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
		"b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
		"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
		"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
		"e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n";
	char msg[1200];

	(void)state;
	assert_int_equal(load_text(laughs, strlen(laughs), msg, sizeof(msg)),
			 -1);
	/* refused at the first anchor, before anything is expanded */
	assert_string_equal(msg, "t.yaml:1:4: YAML anchors and aliases are "
			    "not allowed");
	assert_int_equal(load_text("x: *nowhere\n", 12, msg, sizeof(msg)),
			 -1);
	assert_int_equal(load_text("- !!binary aGk=\n- &a x\n", 23, msg,
				   sizeof(msg)), -1);
	assert_string_equal(msg, "t.yaml:2:3: YAML anchors and aliases are "
			    "not allowed");
}

/* n nested flow lists: "[[[...]]]". */
static char *nested(int n, size_t *len)
{
	char *s = xmalloc((size_t)n * 2 + 2);
	int i;

	for (i = 0; i < n; i++) {
		s[i] = '[';
		s[n + i] = ']';
	}
	s[2 * n] = '\n';
	s[2 * n + 1] = '\0';
	*len = (size_t)n * 2 + 1;
	return s;
}

static void test_nesting_depth(void **state)
{
	char msg[1200];
	size_t len;
	char *s;

	(void)state;
	/* the root is depth 0: YDOC_MAX_DEPTH + 1 levels are fine */
	s = nested(YDOC_MAX_DEPTH + 1, &len);
	assert_int_equal(load_text(s, len, msg, sizeof(msg)), 0);
	free(s);
	s = nested(YDOC_MAX_DEPTH + 2, &len);
	assert_int_equal(load_text(s, len, msg, sizeof(msg)), -1);
	assert_string_equal(msg, "t.yaml:1:34: YAML nested too deeply "
			    "(limit 32)");
	free(s);
	/* far deeper than any stack would like: still one clean error */
	s = nested(200000, &len);
	assert_int_equal(load_text(s, len, msg, sizeof(msg)), -1);
	assert_string_equal(msg, "t.yaml:1:34: YAML nested too deeply "
			    "(limit 32)");
	free(s);
}

static void test_file_size_cap(void **state)
{
	char *dir = tdir_make();
	char *path = tdir_join(dir, "monitor.yaml");
	size_t big = YDOC_MAX_BYTES + 1;
	char *text = xmalloc(big + 1);
	char msg[1200], want[256];
	struct config *c = NULL;
	struct notes n;
	struct eim_error err;
	FILE *f;

	(void)state;
	/* a comment: the parse itself would be cheap, the size is the point */
	memset(text, ' ', big);
	text[0] = '#';
	text[big] = '\0';
	assert_int_equal(load_text(text, big, msg, sizeof(msg)), -1);
	snprintf(want, sizeof(want), "t.yaml: file too large (%zu bytes, "
		 "limit %zu)", big, YDOC_MAX_BYTES);
	assert_string_equal(msg, want);
	/* exactly at the cap is fine */
	assert_int_equal(load_text(text, big - 1, msg, sizeof(msg)), 0);

	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, big, f), big);
	fclose(f);
	eim_error_init(&err);
	assert_int_equal(config_load(path, &c, &err), -1);
	assert_int_equal(err.kind, EIM_DATA);
	snprintf(want, sizeof(want), "file too large (limit %zu bytes)",
		 YDOC_MAX_BYTES);
	assert_string_equal(err.msg, want);
	assert_null(c);

	/* a note file of the same size: refused the same way */
	memset(&n, 0, sizeof(n));
	eim_error_init(&err);
	assert_int_equal(notes_load_file(path, "big.yaml", NULL, NULL, 0, &n,
					 NULL, &err), -1);
	assert_string_equal(err.file, "big.yaml");
	assert_string_equal(err.msg, want);
	assert_int_equal(n.n, 0);
	notes_release(&n);
	free(text);
	free(path);
	tdir_remove(dir);
}

static void test_node_count_cap(void **state)
{
	/* "[0,0,...]" with YDOC_MAX_NODES items: the list is one more node */
	size_t n = YDOC_MAX_NODES, len = 2 * n + 2, i;
	char *s = xmalloc(len + 1);
	char msg[1200];

	(void)state;
	s[0] = '[';
	for (i = 0; i < n; i++) {
		s[1 + 2 * i] = '0';
		s[2 + 2 * i] = ',';
	}
	s[2 * n] = ']';
	s[2 * n + 1] = '\n';
	s[len] = '\0';
	assert_int_equal(load_text(s, len, msg, sizeof(msg)), -1);
	assert_non_null(strstr(msg, "too many YAML nodes (limit 1000000)"));
	free(s);
}

/* A mapping with 200000 distinct keys loads (in linear time: this test
 * would take minutes with a quadratic duplicate check); one repeated key
 * at the end is still found. */
static void test_large_mapping(void **state)
{
	size_t n = 200000, i, len = 0, cap = n * 16 + 64;
	char *s = xmalloc(cap);
	char msg[1200];
	struct ydoc *d = NULL;
	struct eim_error err;

	(void)state;
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(s + len, cap - len, "k%zu: %zu\n", i,
					i);
	eim_error_init(&err);
	assert_int_equal(ydoc_load_buffer(s, len, "t.yaml", &d, &err), 0);
	assert_int_equal(d->root->n, n);
	assert_string_equal(ydoc_get(d->root, "k199999")->str, "199999");
	assert_string_equal(ydoc_get(d->root, "k7")->str, "7");
	ydoc_free(d);
	len += (size_t)snprintf(s + len, cap - len, "k12345: again\n");
	assert_int_equal(load_text(s, len, msg, sizeof(msg)), -1);
	assert_string_equal(msg, "t.yaml:200001:1: duplicate key 'k12345'");
	free(s);
}

/* ---- feed values -------------------------------------------------------- */

static char m_period[] = "period", m_geo[] = "geography", m_value[] = "value",
	    m_records[] = "/records";

static int read_mapped(int fmt, const char *body, char *msg, size_t size,
		       double *first)
{
	struct config_mapping m;
	struct series_table t;
	struct eim_error err;
	int rc;

	memset(&m, 0, sizeof(m));
	m.period = m_period;
	m.geography = m_geo;
	m.value = m_value;
	m.records = m_records;
	series_table_init(&t);
	eim_error_init(&err);
	rc = feed_read_buffer(fmt, body, strlen(body), "f", &m, NULL, 0, &t,
			      &err);
	eim_error_format(&err, msg, (unsigned)size);
	if (rc == 0 && first) {
		assert_true(t.n > 0);
		*first = t.obs[0].value;
	}
	if (rc)
		assert_int_equal(err.kind, EIM_DATA);
	series_table_release(&t);
	return rc;
}

static void test_feed_values_finite(void **state)
{
	static const struct {
		const char *value, *msg;
	} bad[] = {
		{ "NaN", "f:2:19: value 'NaN' is not a number" },
		{ "nan", "f:2:19: value 'nan' is not a number" },
		{ "Infinity", "f:2:19: value 'Infinity' is not a number" },
		{ "-inf", "f:2:19: value '-inf' is not a number" },
		{ "1e999", "f:2:19: value '1e999' is out of range" },
		{ "-1e400", "f:2:19: value '-1e400' is out of range" },
		{ "0x10", "f:2:19: value '0x10' is not a number" },
		{ "12abc", "f:2:19: value '12abc' is not a number" },
	};
	char body[256], msg[1200];
	double v = 0;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		snprintf(body, sizeof(body), "period,geography,value\n"
			 "2026-01,E08000025,%s\n", bad[i].value);
		assert_int_equal(read_mapped(FEED_CSV, body, msg, sizeof(msg),
					     NULL), -1);
		assert_string_equal(msg, bad[i].msg);
	}
	/* a tiny exponent underflows to a small number, not an error */
	assert_int_equal(read_mapped(FEED_CSV, "period,geography,value\n"
				     "2026-01,E08000025,1.5e3\n", msg,
				     sizeof(msg), &v), 0);
	assert_true(v == 1500.0);
	/* JSON numbers: cJSON reads 1e999 as infinity, refused too */
	assert_int_equal(read_mapped(FEED_JSON, "{\"records\": [{\"period\": "
				     "\"2026-01\", \"geography\": "
				     "\"E08000025\", \"value\": 1e999}]}",
				     msg, sizeof(msg), NULL), -1);
	assert_string_equal(msg, "f: value of a record is out of range");
	assert_int_equal(read_mapped(FEED_JSON, "{\"records\": [{\"period\": "
				     "\"2026-01\", \"geography\": "
				     "\"E08000025\", \"value\": \"NaN\"}]}",
				     msg, sizeof(msg), NULL), -1);
	assert_string_equal(msg, "f: value 'NaN' is not a number");
	assert_int_equal(read_mapped(FEED_JSON, "{\"records\": [{\"period\": "
				     "\"2026-01\", \"geography\": "
				     "\"E08000025\", \"value\": -2.5e2}]}",
				     msg, sizeof(msg), &v), 0);
	assert_true(v == -250.0);
}

/* ---- monitor.yaml security rules ---------------------------------------- */

static int load_config_text(const char *extra_top, const char *extra_feed,
			    char *msg, size_t size)
{
	char *dir = tdir_make();
	char *path = tdir_join(dir, "monitor.yaml");
	char text[2048];
	struct config *c = NULL;
	struct eim_error err;
	FILE *f;
	int rc;

	snprintf(text, sizeof(text),
		 "title: T\npublisher: P\n"
		 "area: {code: E47000007, name: WMCA}\n%s"
		 "feeds:\n"
		 "  - id: cc\n    title: CC\n    publisher: ONS\n"
		 "    format: nomis-csv\n%s",
		 extra_top, extra_feed);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	eim_error_init(&err);
	rc = config_load(path, &c, &err);
	msg[0] = '\0';
	if (rc) {
		assert_int_equal(err.kind, EIM_DATA);
		snprintf(msg, size, "%d:%d: %s", err.line, err.col, err.msg);
	}
	config_free(c);
	free(path);
	tdir_remove(dir);
	return rc;
}

static void test_url_schemes(void **state)
{
	static const char *const refused[] = {
		"file:///etc/passwd", "ftp://example.org/x.csv",
		"gopher://example.org/", "dict://example.org:11211/stat",
		"scp://host/x", "ldap://example.org/", "//example.org/x",
		"example.org/x.csv", "javascript:alert(1)",
		"HTTPS://example.org/x.csv", " https://example.org/x.csv",
	};
	char feed[512], msg[1200];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(refused) / sizeof(*refused); i++) {
		snprintf(feed, sizeof(feed), "    url: \"%s\"\n", refused[i]);
		assert_int_equal(load_config_text("", feed, msg, sizeof(msg)),
				 -1);
		assert_string_equal(msg, "9:10: 'url': only http:// and "
				    "https:// URLs are allowed");
	}
	assert_int_equal(load_config_text("", "    url: \"https://example.org/"
					  "a b\"\n", msg, sizeof(msg)), -1);
	assert_string_equal(msg, "9:10: 'url': a URL must not contain spaces "
			    "or control characters (encode them as %XX)");
	assert_int_equal(load_config_text("", "    url: \"http://example.org/"
					  "x\\r\\nX-Evil: 1\"\n", msg,
					  sizeof(msg)), -1);
	assert_string_equal(msg, "9:10: 'url' contains a control character");
	assert_int_equal(load_config_text("", "    url: https://example.org/"
					  "x.csv\n", msg, sizeof(msg)), 0);
	assert_int_equal(load_config_text("", "    url: http://127.0.0.1:8080/"
					  "x.csv\n", msg, sizeof(msg)), 0);
}

/* No key of any spelling turns TLS verification off: every candidate is
 * an unknown key, at the top level and in a feed. ca_file (a CA bundle to
 * trust, still verified) is the only TLS key. */
static void test_no_tls_off_switch(void **state)
{
	static const char *const keys[] = {
		"verify", "insecure", "ssl_verify", "ssl_verify_peer",
		"ssl_verify_host", "verify_peer", "verify_host", "tls_verify",
		"no_verify", "skip_verify", "allow_insecure", "ssl",
		"curl_options", "proxy", "proxy_insecure",
	};
	static const char *const values[] = { "false", "true", "0" };
	char top[256], feed[256], msg[1200], want[256];
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof(keys) / sizeof(*keys); i++) {
		for (j = 0; j < sizeof(values) / sizeof(*values); j++) {
			snprintf(feed, sizeof(feed), "    url: https://e.org/x"
				 "\n    %s: %s\n", keys[i], values[j]);
			assert_int_equal(load_config_text("", feed, msg,
							  sizeof(msg)), -1);
			snprintf(want, sizeof(want), "unknown key '%s'",
				 keys[i]);
			if (!strstr(msg, want))
				fail_msg("feed key %s: %s", keys[i], msg);
			snprintf(top, sizeof(top), "%s: %s\n", keys[i],
				 values[j]);
			assert_int_equal(load_config_text(top, "    url: "
							  "https://e.org/x\n",
							  msg, sizeof(msg)), -1);
			if (!strstr(msg, want))
				fail_msg("top key %s: %s", keys[i], msg);
		}
	}
}

static void test_numbers_overflow(void **state)
{
	char msg[1200];

	(void)state;
	assert_int_equal(load_config_text("", "    path: x.csv\n    "
					  "timeout_s: 9223372036854775808\n",
					  msg, sizeof(msg)), -1);
	assert_string_equal(msg, "10:16: 'timeout_s' must be a whole number, "
			    "not '9223372036854775808'");
	assert_int_equal(load_config_text("", "    path: x.csv\n    "
					  "max_bytes: -9223372036854775809\n",
					  msg, sizeof(msg)), -1);
	assert_string_equal(msg, "10:16: 'max_bytes' must be a whole number, "
			    "not '-9223372036854775809'");
	assert_int_equal(load_config_text("first_issue: 100001\n",
					  "    path: x.csv\n", msg,
					  sizeof(msg)), -1);
	assert_string_equal(msg, "4:14: 'first_issue': must be between 1 and "
			    "100000");
	assert_int_equal(load_config_text("first_issue: 100000\n",
					  "    path: x.csv\n", msg,
					  sizeof(msg)), 0);
}

/* The week names the output folder OUT/YYYY-Www: only a real ISO week is
 * accepted, so nothing like "../x" can reach a path. */
static void test_week_cannot_escape(void **state)
{
	static const char *const bad[] = {
		"../x", "..", "2026-W47/..", "../2026-W47", "2026-W47/../../etc",
		"/etc", "2026-W54", "2026-W00", "2026-W047",
		"2026-W47 x", "",
	};
	struct period p;
	char buf[PERIOD_TEXT_MAX];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		if (notes_parse_week(bad[i], &p) == 0)
			fail_msg("'%s' accepted as a week", bad[i]);
		if (period_parse(bad[i], strlen(bad[i]), &p) == 0 &&
		    p.freq == PERIOD_WEEK)
			fail_msg("'%s' parsed as a week", bad[i]);
	}
	assert_int_equal(notes_parse_week("2026-W47", &p), 0);
	period_format(&p, buf, sizeof(buf));
	assert_string_equal(buf, "2026-W47");
	assert_null(strchr(buf, '/'));
}

static void test_url_redact(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "http://user:secret@proxy.example:3128/",
		  "http://proxy.example:3128/" },
		{ "https://user:p%40ss@w0rd@host/x?a=1",
		  "https://host/x?a=1" },
		{ "https://www.nomisweb.co.uk/api/v01/dataset/NM_1_1.data.csv"
		  "?geography=E08000025&uid=0xsecretuid",
		  "https://www.nomisweb.co.uk/api/v01/dataset/NM_1_1.data.csv"
		  "?geography=E08000025&uid=***" },
		{ "https://api.example/x?apikey=SECRET&token=SECRET2#frag",
		  "https://api.example/x?apikey=***&token=***#frag" },
		{ "https://example.org/plain", "https://example.org/plain" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *r = http_url_redact(cases[i].in);
		assert_string_equal(r, cases[i].out);
		assert_null(strstr(r, "secret"));
		assert_null(strstr(r, "SECRET"));
		free(r);
	}
}

/* Messages quote input: its control characters are escaped, so a label
 * fetched from a feed cannot send a terminal escape to stderr. UTF-8
 * text stays; an escape that does not fit is cut whole. */
static void test_messages_escape_controls(void **state)
{
	struct eim_error err;
	struct eim_warnings w = { 0 };
	char buf[EIM_MSG_MAX + EIM_PATH_MAX + 64], long_msg[EIM_MSG_MAX + 8];
	size_t n;
	(void)state;

	eim_error_init(&err);
	eim_error_set(&err, EIM_DATA, "f\x1b.csv", 2, 3,
		      "value '%s' is not a number", "\x1b[31mred\n\t\x7f\xc2\x9b\xc3\xa9");
	eim_error_format(&err, buf, sizeof(buf));
	assert_string_equal(buf, "f\\x1B.csv:2:3: value "
			    "'\\x1B[31mred\\n\\t\\x7F\\x9B\xc3\xa9' is not a number");
	eim_warn(&w, "%s: skipped", "a\rb");
	assert_int_equal(w.n, 1);
	assert_string_equal(w.items[0], "a\\rb: skipped");
	eim_warnings_release(&w);
	/* the last escape does not fit: cut before it, never half of it */
	n = EIM_MSG_MAX - 3;
	memset(long_msg, 'x', n);
	long_msg[n] = '\x01';
	long_msg[n + 1] = '\0';
	eim_error_init(&err);
	eim_error_set(&err, EIM_DATA, NULL, 0, 0, "%s", long_msg);
	assert_int_equal(strlen(err.msg), n);
	assert_null(strchr(err.msg, '\\'));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_aliases_refused),
		cmocka_unit_test(test_nesting_depth),
		cmocka_unit_test(test_file_size_cap),
		cmocka_unit_test(test_node_count_cap),
		cmocka_unit_test(test_large_mapping),
		cmocka_unit_test(test_feed_values_finite),
		cmocka_unit_test(test_url_schemes),
		cmocka_unit_test(test_no_tls_off_switch),
		cmocka_unit_test(test_numbers_overflow),
		cmocka_unit_test(test_week_cannot_escape),
		cmocka_unit_test(test_url_redact),
		cmocka_unit_test(test_messages_escape_controls),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
