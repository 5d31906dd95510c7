/* http.h - fetch a set of URLs in parallel with libcurl (multi interface).
 *
 * Policy, fixed for every request (SPEC §5.2, issue 3 item 4): only http
 * and https, for the first URL and for redirects; at most 5 redirects; TLS
 * peer and host verification always on (an optional CA file may be given);
 * User-Agent "eimon/VERSION"; a body size cap enforced both from
 * Content-Length and while receiving. Timeouts, connection failures,
 * truncated transfers, 5xx and 429 answers are retried with exponential
 * backoff, or after the delay a Retry-After header asks for; other 4xx
 * answers, redirects errors, protocol and size errors are not. A request's
 * deadline bounds everything: each attempt's timeout is cut to it, and a
 * retry that could not start before it (Retry-After: 3600) is not made.
 *
 * Reasons written into results are one short line ("HTTP 404", "timed out
 * after 2 s") and never contain a URL, so they cannot leak credentials;
 * use http_url_redact before putting a URL into any message.
 *
 * Ownership: requests are borrowed for the duration of the call. Results
 * are initialised by http_fetch_all and owned by the caller, who releases
 * each with http_result_release. */
#ifndef EIMON_HTTP_H
#define EIMON_HTTP_H

#include <stddef.h>

#include "error.h"
#include "strbuf.h"

#define HTTP_MAX_REDIRECTS 5
#define HTTP_REASON_MAX 256

enum http_outcome {
	HTTP_OK,           /* 200, body holds the entity */
	HTTP_NOT_MODIFIED, /* 304 to a conditional request: reuse the cache */
	HTTP_FAILED        /* reason says why */
};

struct http_request {
	const char *url;
	long timeout_s;            /* total per attempt; <= 0: 60 */
	long connect_timeout_s;    /* <= 0: min(10, timeout_s) */
	size_t max_bytes;          /* body cap; 0: STRBUF_DEFAULT_CAP */
	const char *ca_file;       /* CURLOPT_CAINFO, NULL: system store */
	const char *etag;          /* sent as If-None-Match, may be NULL */
	const char *last_modified; /* sent as If-Modified-Since, may be NULL */
	const char *userpwd;       /* "user:password" for HTTP Basic, or NULL */
	int to_fd;                 /* 1: the body goes to body_fd (a regular
				      file, truncated before each attempt)
				      instead of result.body, so its size
				      costs no memory */
	int body_fd;
	long long deadline_ms;     /* http_now_ms() by which the request,
				      retries included, is given up; 0: none */
};

struct http_options {
	unsigned retries;          /* further attempts after the first */
	long backoff_ms;           /* first retry delay, doubled each time;
				      <= 0: 1000 */
};

struct http_result {
	int outcome;               /* enum http_outcome */
	long status;               /* last HTTP status, 0 when none */
	unsigned attempts;
	struct strbuf body;        /* capped at the request's max_bytes;
				      empty when the request had to_fd */
	size_t bytes;              /* body bytes received (either way) */
	char *etag;                /* response ETag, NULL if absent */
	char *last_modified;       /* response Last-Modified, NULL if absent */
	char reason[HTTP_REASON_MAX]; /* "" unless outcome is HTTP_FAILED */
};

/* The monotonic clock of deadlines, in milliseconds. */
long long http_now_ms(void);

/* Process-wide libcurl set-up; call once from main before threads, or
 * rely on http_fetch_all doing it lazily (single-threaded program). */
int http_global_init(struct eim_error *err);
/* Undo http_global_init at exit (main); harmless when never initialised. */
void http_global_cleanup(void);

/* Fetch reqs[0..n) in parallel into res[0..n). A failed transfer is a
 * result, not an error: the call returns -1 only when libcurl itself
 * cannot be set up (err set, EIM_SOFTWARE). res is always initialised. */
int http_fetch_all(const struct http_request *reqs, size_t n,
		   const struct http_options *opt, struct http_result *res,
		   struct eim_error *err);
void http_result_release(struct http_result *r);

/* A copy of url safe for messages: userinfo ("user:pass@") removed and
 * the values of credential-like query parameters (a name holding uid,
 * key, token, auth, pass, pwd, secret, sig, session or cred: uid,
 * apikey, access_token, client_secret, X-Amz-Signature...) replaced by
 * "***". The one redaction of eimon: every URL it writes anywhere goes
 * through it (config_load keeps only the redacted copy in feed->url).
 * Caller frees. */
char *http_url_redact(const char *url);

/* A copy of url with query parameter key set to value: an existing
 * "key=..." is replaced, otherwise "&key=value" (or "?key=value") is
 * appended before any fragment. Caller frees. */
char *http_url_set_param(const char *url, const char *key, const char *value);

#endif
