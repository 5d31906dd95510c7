/* http.c - parallel fetching with the libcurl multi interface (see
 * http.h). One easy handle per request, kept across retries; a request
 * waiting for its backoff delay is simply not in the multi handle. */
#include "http.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "atomic.h"
#include "http_curl.h"
#include "xalloc.h"
#include "banned.h"

#define HTTP_DEFAULT_TIMEOUT_S 60
#define HTTP_DEFAULT_CONNECT_S 10
#define HTTP_DEFAULT_BACKOFF_MS 1000
#define HTTP_MAX_BACKOFF_MS 30000L

enum xfer_state { XFER_WAITING, XFER_RUNNING, XFER_DONE };

struct xfer {
	CURL *h;
	const struct http_request *rq;
	struct http_result *res;
	struct curl_slist *hdrs;
	enum xfer_state state;
	long long start_at;   /* monotonic ms; when WAITING */
	long retry_after_s;   /* Retry-After of the last answer; -1 none */
	int too_big;          /* write callback hit the cap */
	int sink_bad;         /* the body file could not be emptied */
};

/* libcurl's functions once http_global_init has opened it (http_curl.h) */
static const struct http_curl *cu;

int http_global_init(struct eim_error *err)
{
	const struct http_curl *api;
	char why[256];

	if (cu)
		return 0;
	api = http_curl_load(why, sizeof(why));
	if (!api)
		return eim_error_set(err, EIM_SOFTWARE, NULL, 0, 0, "%s",
				     why);
	if (api->global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return eim_error_set(err, EIM_SOFTWARE, NULL, 0, 0,
				     "cannot initialise libcurl");
	cu = api;
	return 0;
}

void http_global_cleanup(void)
{
	if (cu)
		cu->global_cleanup();
	cu = NULL;
}

long long http_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static size_t on_body(char *data, size_t size, size_t nmemb, void *user)
{
	struct xfer *x = user;
	size_t n = size * nmemb;

	if (x->rq->to_fd) {
		if (x->res->bytes + n > x->res->body.cap) {
			x->too_big = 1;
			return 0;
		}
		if (x->sink_bad || atomic_write_all(x->rq->body_fd, data, n))
			return 0; /* CURLE_WRITE_ERROR: "cannot store" */
	} else if (strbuf_add(&x->res->body, data, n)) {
		x->too_big = 1;
		return 0; /* aborts the transfer with CURLE_WRITE_ERROR */
	}
	x->res->bytes += n;
	return n;
}

/* Value of header line "Name: value\r\n" when name matches, trimmed. */
static char *header_value(const char *line, size_t len, const char *name)
{
	size_t nl = strlen(name), b, e;

	if (len <= nl || line[nl] != ':' || strncasecmp(line, name, nl))
		return NULL;
	b = nl + 1;
	e = len;
	while (b < e && (line[b] == ' ' || line[b] == '\t'))
		b++;
	while (e > b && isspace((unsigned char)line[e - 1]))
		e--;
	return b < e ? xstrndup(line + b, e - b) : NULL;
}

static void set_str(char **dst, char *v)
{
	if (!v)
		return;
	free(*dst);
	*dst = v;
}

/* Retry-After: delta-seconds or an IMF-fixdate ("Wed, 21 Oct 2026
 * 07:28:00 GMT"); -1 when unreadable. */
static long parse_retry_after(const char *v)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	struct tm tm;
	char mon[4], *end;
	const char *m;
	int d, y, h, mi, se, used = 0;
	long s;
	time_t at, now;

	if (*v >= '0' && *v <= '9') {
		s = strtol(v, &end, 10);
		return *end || s < 0 ? -1 : s;
	}
	/* widths bound every number; %n checks the whole text was read */
	/* NOLINTNEXTLINE(cert-err34-c) */
	if (sscanf(v, "%*3s %2d %3s %4d %2d:%2d:%2d GMT%n", &d, mon, &y, &h,
		   &mi, &se, &used) != 6 || v[used] != '\0' ||
	    strlen(mon) != 3 || !(m = strstr(months, mon)) ||
	    (m - months) % 3)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = (int)((m - months) / 3);
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	at = timegm(&tm);
	now = time(NULL);
	return at > now ? (long)(at - now) : 0;
}

static size_t on_header(char *data, size_t size, size_t nmemb, void *user)
{
	struct xfer *x = user;
	size_t n = size * nmemb;

	/* A status line starts a new response (redirects, 100 Continue):
	 * validators of earlier responses do not describe the final body. */
	if (n >= 5 && !strncmp(data, "HTTP/", 5)) {
		free(x->res->etag);
		free(x->res->last_modified);
		x->res->etag = x->res->last_modified = NULL;
		x->retry_after_s = -1;
		return n;
	}
	{
		char *ra = header_value(data, n, "Retry-After");
		if (ra) {
			x->retry_after_s = parse_retry_after(ra);
			free(ra);
		}
	}
	set_str(&x->res->etag, header_value(data, n, "ETag"));
	set_str(&x->res->last_modified, header_value(data, n, "Last-Modified"));
	return n;
}

static long timeout_of(const struct http_request *rq)
{
	return rq->timeout_s > 0 ? rq->timeout_s : HTTP_DEFAULT_TIMEOUT_S;
}

static int setup_easy(struct xfer *x, struct eim_error *err)
{
	const struct http_request *rq = x->rq;
	long t = timeout_of(rq), ct = rq->connect_timeout_s;
	size_t cap = rq->max_bytes ? rq->max_bytes : STRBUF_DEFAULT_CAP;
	struct strbuf hb = STRBUF_INIT;
	CURLcode rc = CURLE_OK;

	if (ct <= 0)
		ct = t < HTTP_DEFAULT_CONNECT_S ? t : HTTP_DEFAULT_CONNECT_S;
	x->h = cu->easy_init();
	if (!x->h)
		return eim_error_set(err, EIM_SOFTWARE, NULL, 0, 0,
				     "cannot create a libcurl handle");
	if (rq->etag) {
		strbuf_addf(&hb, "If-None-Match: %s", rq->etag);
		if (!hb.failed)
			x->hdrs = cu->slist_append(x->hdrs, hb.buf);
		strbuf_reset(&hb);
	}
	if (rq->last_modified) {
		strbuf_addf(&hb, "If-Modified-Since: %s", rq->last_modified);
		if (!hb.failed)
			x->hdrs = cu->slist_append(x->hdrs, hb.buf);
	}
	if (strbuf_check(&hb, "a request header", err)) {
		strbuf_release(&hb);
		return -1;
	}
	strbuf_release(&hb);

#define SET(opt, val) if (rc == CURLE_OK) rc = cu->easy_setopt(x->h, opt, val)
	SET(CURLOPT_URL, rq->url);
	SET(CURLOPT_PROTOCOLS_STR, "http,https");
	SET(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	SET(CURLOPT_FOLLOWLOCATION, 1L);
	SET(CURLOPT_MAXREDIRS, (long)HTTP_MAX_REDIRECTS);
	SET(CURLOPT_CONNECTTIMEOUT_MS, ct * 1000);
	SET(CURLOPT_TIMEOUT_MS, t * 1000);
	SET(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)cap);
	SET(CURLOPT_SSL_VERIFYPEER, 1L);
	SET(CURLOPT_SSL_VERIFYHOST, 2L);
	if (rq->ca_file)
		SET(CURLOPT_CAINFO, rq->ca_file);
	if (rq->userpwd) {
		SET(CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
		SET(CURLOPT_USERPWD, rq->userpwd);
	}
	SET(CURLOPT_USERAGENT, "eimon/" EIMON_VERSION);
	SET(CURLOPT_ACCEPT_ENCODING, "");
	SET(CURLOPT_NOSIGNAL, 1L);
	SET(CURLOPT_WRITEFUNCTION, on_body);
	SET(CURLOPT_WRITEDATA, x);
	SET(CURLOPT_HEADERFUNCTION, on_header);
	SET(CURLOPT_HEADERDATA, x);
	SET(CURLOPT_PRIVATE, x);
	if (x->hdrs)
		SET(CURLOPT_HTTPHEADER, x->hdrs);
#undef SET
	if (rc != CURLE_OK)
		return eim_error_set(err, EIM_SOFTWARE, NULL, 0, 0,
				     "libcurl option rejected: %s",
				     cu->easy_strerror(rc));
	strbuf_init(&x->res->body, cap);
	return 0;
}

/* Clear what an attempt left behind before the next one. */
static void reset_attempt(struct xfer *x)
{
	struct http_result *r = x->res;

	strbuf_release(&r->body); /* keeps the cap, clears a failure */
	r->bytes = 0;
	x->sink_bad = x->rq->to_fd && (ftruncate(x->rq->body_fd, 0) ||
			       lseek(x->rq->body_fd, 0, SEEK_SET) != 0);
	free(r->etag);
	free(r->last_modified);
	r->etag = r->last_modified = NULL;
	r->status = 0;
	r->reason[0] = '\0';
	x->too_big = 0;
	x->retry_after_s = -1;
}

/* Cut this attempt's timeout to what is left before the deadline. 0, or
 * -1 when the deadline has passed. */
static int set_attempt_timeout(struct xfer *x)
{
	long long t = (long long)timeout_of(x->rq) * 1000, left;

	if (x->rq->deadline_ms) {
		left = x->rq->deadline_ms - http_now_ms();
		if (left <= 0)
			return -1;
		if (left < t)
			t = left;
	}
	cu->easy_setopt(x->h, CURLOPT_TIMEOUT_MS, (long)t);
	return 0;
}

static int retryable_code(CURLcode c)
{
	switch (c) {
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_COULDNT_CONNECT:
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
		return 1;
	default:
		return 0;
	}
}

/* One-line reason for a transfer error. Never from CURLOPT_ERRORBUFFER:
 * that text can name hosts and proxies; curl_easy_strerror cannot. */
static void code_reason(struct xfer *x, CURLcode c)
{
	char *r = x->res->reason;
	size_t rs = sizeof(x->res->reason);
	size_t cap = x->res->body.cap;

	switch (c) {
	case CURLE_OPERATION_TIMEDOUT:
		if (x->rq->deadline_ms &&
		    http_now_ms() + 100 >= x->rq->deadline_ms)
			snprintf(r, rs, "the feed's deadline was reached");
		else
			snprintf(r, rs, "timed out after %ld s",
				 timeout_of(x->rq));
		break;
	case CURLE_FILESIZE_EXCEEDED:
		snprintf(r, rs, "body larger than %zu bytes", cap);
		break;
	case CURLE_WRITE_ERROR:
		if (x->too_big)
			snprintf(r, rs, "body larger than %zu bytes", cap);
		else
			snprintf(r, rs, "cannot store the body");
		break;
	case CURLE_TOO_MANY_REDIRECTS:
		snprintf(r, rs, "too many redirects (more than %d)",
			 HTTP_MAX_REDIRECTS);
		break;
	case CURLE_UNSUPPORTED_PROTOCOL:
		snprintf(r, rs, "protocol not allowed (only http and https)");
		break;
	case CURLE_URL_MALFORMAT:
		snprintf(r, rs, "malformed URL");
		break;
	case CURLE_PARTIAL_FILE:
		snprintf(r, rs, "connection closed before the whole body "
			 "arrived (%zu bytes received)", x->res->bytes);
		break;
	case CURLE_COULDNT_CONNECT:
		snprintf(r, rs, "could not connect");
		break;
	case CURLE_COULDNT_RESOLVE_HOST:
		snprintf(r, rs, "could not resolve host");
		break;
	case CURLE_PEER_FAILED_VERIFICATION:
		snprintf(r, rs, "TLS certificate verification failed");
		break;
	case CURLE_SSL_CACERT_BADFILE:
		snprintf(r, rs, "cannot read the CA file");
		break;
	default:
		snprintf(r, rs, "%s", cu->easy_strerror(c));
	}
}

/* Classify a finished attempt. Returns 1 when it should be retried. */
static int classify(struct xfer *x, CURLcode c)
{
	struct http_result *r = x->res;
	int conditional = x->rq->etag || x->rq->last_modified;

	cu->easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &r->status);
	if (c != CURLE_OK) {
		r->outcome = HTTP_FAILED;
		code_reason(x, c);
		return retryable_code(c);
	}
	if (r->status == 200) {
		r->outcome = HTTP_OK;
		return 0;
	}
	if (r->status == 304 && conditional) {
		r->outcome = HTTP_NOT_MODIFIED;
		strbuf_reset(&r->body);
		r->bytes = 0;
		return 0;
	}
	r->outcome = HTTP_FAILED;
	snprintf(r->reason, sizeof(r->reason), "HTTP %ld", r->status);
	return (r->status >= 500 && r->status <= 599) || r->status == 429;
}

static void finish(struct xfer *x, CURLcode c, unsigned retries,
		   long backoff_ms)
{
	struct http_result *r = x->res;
	size_t l;

	if (classify(x, c) && r->attempts <= retries) {
		long long d = backoff_ms;
		unsigned i;

		for (i = 1; i < r->attempts && d < HTTP_MAX_BACKOFF_MS; i++)
			d *= 2;
		if (d > HTTP_MAX_BACKOFF_MS)
			d = HTTP_MAX_BACKOFF_MS;
		/* the server's word on when to come back wins over ours */
		if (x->retry_after_s >= 0)
			d = (long long)x->retry_after_s * 1000;
		if (!x->rq->deadline_ms ||
		    http_now_ms() + d < x->rq->deadline_ms) {
			x->start_at = http_now_ms() + d;
			x->state = XFER_WAITING;
			return;
		}
		l = strlen(r->reason);
		if (x->retry_after_s >= 0)
			snprintf(r->reason + l, sizeof(r->reason) - l,
				 " (asked to retry after %ld s: past the "
				 "feed's deadline)", x->retry_after_s);
		else
			snprintf(r->reason + l, sizeof(r->reason) - l,
				 " (no time left before the feed's "
				 "deadline to retry)");
	}
	x->state = XFER_DONE;
	l = strlen(r->reason);
	if (r->outcome == HTTP_FAILED && r->attempts > 1)
		snprintf(r->reason + l, sizeof(r->reason) - l,
			 " (%u attempts)", r->attempts);
}

static void result_init(struct http_result *r)
{
	memset(r, 0, sizeof(*r));
	r->outcome = HTTP_FAILED;
	strbuf_init(&r->body, 0);
}

int http_fetch_all(const struct http_request *reqs, size_t n,
		   const struct http_options *opt, struct http_result *res,
		   struct eim_error *err)
{
	struct xfer *xs = NULL;
	CURLM *m = NULL;
	unsigned retries = opt ? opt->retries : 0;
	long backoff = opt && opt->backoff_ms > 0 ? opt->backoff_ms :
		HTTP_DEFAULT_BACKOFF_MS;
	size_t i, left = n;
	int ret = -1;

	for (i = 0; i < n; i++)
		result_init(&res[i]);
	if (n == 0)
		return 0;
	if (http_global_init(err))
		return -1;
	m = cu->multi_init();
	if (!m) {
		eim_error_set(err, EIM_SOFTWARE, NULL, 0, 0,
			      "cannot create a libcurl multi handle");
		goto out;
	}
	xs = xcalloc(n, sizeof(*xs));
	for (i = 0; i < n; i++) {
		xs[i].rq = &reqs[i];
		xs[i].res = &res[i];
		xs[i].state = XFER_WAITING;
		xs[i].retry_after_s = -1;
		if (setup_easy(&xs[i], err))
			goto out;
	}
	while (left) {
		long long now = http_now_ms();
		long wait = 1000;
		struct CURLMsg *msg;
		int running, q;

		for (i = 0; i < n; i++) {
			struct xfer *x = &xs[i];

			if (x->state != XFER_WAITING || x->start_at > now)
				continue;
			reset_attempt(x);
			if (set_attempt_timeout(x)) {
				snprintf(x->res->reason,
					 sizeof(x->res->reason),
					 "deadline reached before the "
					 "request could be made");
				x->res->outcome = HTTP_FAILED;
				x->state = XFER_DONE;
				left--;
				continue;
			}
			x->res->attempts++;
			if (cu->multi_add_handle(m, x->h) != CURLM_OK) {
				eim_error_set(err, EIM_SOFTWARE, NULL, 0, 0,
					      "cannot start a transfer");
				goto out;
			}
			x->state = XFER_RUNNING;
		}
		if (cu->multi_perform(m, &running) != CURLM_OK) {
			eim_error_set(err, EIM_SOFTWARE, NULL, 0, 0,
				      "libcurl multi interface failed");
			goto out;
		}
		while ((msg = cu->multi_info_read(m, &q))) {
			struct xfer *x;
			char *priv = NULL;

			if (msg->msg != CURLMSG_DONE)
				continue;
			cu->easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE,
					  &priv);
			x = (struct xfer *)(void *)priv;
			cu->multi_remove_handle(m, msg->easy_handle);
			finish(x, msg->data.result, retries, backoff);
			if (x->state == XFER_DONE)
				left--;
		}
		if (!left)
			break;
		now = http_now_ms();
		for (i = 0; i < n; i++)
			if (xs[i].state == XFER_WAITING &&
			    xs[i].start_at - now < wait)
				wait = (long)(xs[i].start_at - now);
		/* Sleeps even with no transfer running: backoff delays. */
		if (cu->multi_poll(m, NULL, 0, (int)(wait > 0 ? wait : 1),
				    NULL) != CURLM_OK) {
			eim_error_set(err, EIM_SOFTWARE, NULL, 0, 0,
				      "libcurl poll failed");
			goto out;
		}
	}
	ret = 0;
out:
	for (i = 0; xs && i < n; i++) {
		if (xs[i].h) {
			if (xs[i].state == XFER_RUNNING)
				cu->multi_remove_handle(m, xs[i].h);
			cu->easy_cleanup(xs[i].h);
		}
		cu->slist_free_all(xs[i].hdrs);
	}
	free(xs);
	if (m)
		cu->multi_cleanup(m);
	return ret;
}

void http_result_release(struct http_result *r)
{
	strbuf_release(&r->body);
	free(r->etag);
	free(r->last_modified);
	r->etag = r->last_modified = NULL;
}

/* ---- URL helpers ---------------------------------------------------- */

/* A query parameter whose value may be a credential: its name holds
 * one of these words (case-insensitive), so "api-key", "access_token",
 * "client_secret", "X-Amz-Signature" and Nomis's "uid" are all caught;
 * hiding a harmless value costs nothing. */
static int is_secret_param(const char *k, size_t n)
{
	static const char *const words[] = {
		"uid", "key", "token", "auth", "pass", "pwd", "secret", "sig",
		"session", "cred"
	};
	size_t i, j, w;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		w = strlen(words[i]);
		for (j = 0; j + w <= n; j++)
			if (!strncasecmp(k + j, words[i], w))
				return 1;
	}
	return 0;
}

char *http_url_redact(const char *url)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = url, *auth, *end, *at, *q;

	auth = strstr(url, "://");
	if (auth) {
		auth += 3;
		end = auth + strcspn(auth, "/?#");
		/* The last '@' of the authority ends the userinfo. */
		at = NULL;
		for (q = auth; q < end; q++)
			if (*q == '@')
				at = q;
		strbuf_add(&sb, url, (size_t)(auth - url));
		p = at ? at + 1 : auth;
	}
	q = strchr(p, '?');
	if (!q) {
		strbuf_adds(&sb, p);
		return strbuf_detach(&sb, NULL);
	}
	strbuf_add(&sb, p, (size_t)(q - p) + 1);
	p = q + 1;
	while (*p && *p != '#') {
		size_t plen = strcspn(p, "&#");
		const char *eq = memchr(p, '=', plen);

		if (eq && is_secret_param(p, (size_t)(eq - p))) {
			strbuf_add(&sb, p, (size_t)(eq - p) + 1);
			strbuf_adds(&sb, "***");
		} else {
			strbuf_add(&sb, p, plen);
		}
		p += plen;
		if (*p == '&')
			strbuf_addch(&sb, *p++);
	}
	strbuf_adds(&sb, p);
	return strbuf_detach(&sb, NULL);
}

char *http_url_set_param(const char *url, const char *key, const char *value)
{
	struct strbuf sb = STRBUF_INIT;
	size_t klen = strlen(key);
	size_t qend = strcspn(url, "#");
	const char *qs = memchr(url, '?', qend);
	const char *p;
	int done = 0;

	if (!qs) {
		strbuf_add(&sb, url, qend);
		strbuf_addf(&sb, "?%s=%s", key, value);
		strbuf_adds(&sb, url + qend);
		return strbuf_detach(&sb, NULL);
	}
	strbuf_add(&sb, url, (size_t)(qs - url) + 1);
	p = qs + 1;
	while (p < url + qend) {
		size_t plen = strcspn(p, "&#");
		int match = plen >= klen && !strncmp(p, key, klen) &&
			    (plen == klen || p[klen] == '=');

		if (match && done) {
			/* drop a duplicate, and the '&' that joined it */
			if (sb.len && sb.buf[sb.len - 1] == '&')
				sb.buf[--sb.len] = '\0';
		} else if (match) {
			strbuf_addf(&sb, "%s=%s", key, value);
			done = 1;
		} else {
			strbuf_add(&sb, p, plen);
		}
		p += plen;
		if (p < url + qend && *p == '&') {
			if (sb.len && sb.buf[sb.len - 1] != '?' &&
			    sb.buf[sb.len - 1] != '&')
				strbuf_addch(&sb, '&');
			p++;
		}
	}
	if (!done) {
		if (sb.len && sb.buf[sb.len - 1] != '?' &&
		    sb.buf[sb.len - 1] != '&')
			strbuf_addch(&sb, '&');
		strbuf_addf(&sb, "%s=%s", key, value);
	}
	strbuf_adds(&sb, url + qend);
	return strbuf_detach(&sb, NULL);
}
