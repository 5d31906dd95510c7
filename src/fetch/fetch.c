/* fetch.c - feed bodies from HTTP, files and the last-good cache, with
 * the failure rules of issue 3 item 6 (see fetch.h). */
#include "fetch.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cache.h"
#include "fsafe.h"
#include "strbuf.h"
#include "xalloc.h"
#include "banned.h"

/* What is known about one feed while the rules are applied. */
struct slot {
	const struct config_feed *f;
	int cfd;                /* cached copy, when usable; else -1 */
	char *req_url;          /* the URL requested, secret included */
	int tfd;                /* the new body's file (cache_begin), or -1 */
	char *tmp;              /* its name */
	char *secret;           /* from secret_env / secret_file */
	struct cache_meta cmeta;
	int have_cache;
	int req_index;          /* index into the request array, or -1 */
};

struct validate_ctx {
	const struct fetch_opts *o;
	const struct config_feed *f;
};

const char *fetch_source_name(int source)
{
	switch (source) {
	case FETCH_FRESH: return "fresh";
	case FETCH_NOT_MODIFIED: return "not modified";
	case FETCH_CACHE_FALLBACK: return "cache fallback";
	case FETCH_CACHE_OFFLINE: return "cache (offline)";
	case FETCH_LOCAL: return "local file";
	case FETCH_UNAVAILABLE: return "unavailable";
	}
	return "unknown";
}

static int validate_adapter(const char *body, size_t len, void *ctx,
			    struct eim_error *err)
{
	struct validate_ctx *v = ctx;

	return v->o->validate(v->f, -1, body, len, v->o->validate_ctx, err);
}

static void load_cached(struct slot *s, const struct fetch_opts *o,
			struct eim_warnings *w)
{
	struct eim_error e;

	if (!o->cache_dir)
		return;
	eim_error_init(&e);
	if (cache_open(o->cache_dir, s->f->id, &s->cfd, &s->cmeta, &e) == 0) {
		s->have_cache = 1;
		return;
	}
	if (e.kind != EIM_NOINPUT)
		eim_warn(w, "feed '%s': cached copy ignored: %s%s%s", s->f->id,
			 e.file, e.file[0] ? ": " : "", e.msg);
}

/* Conditional headers only for a cached copy of this very URL: an ETag
 * of another query says nothing about this one. */
static int same_url(const struct slot *s, const char *redacted)
{
	return s->have_cache && s->cmeta.url &&
	       !strcmp(s->cmeta.url, redacted);
}

/* A stand-in copy of another query is still the best there is, but the
 * editor should know. */
static void warn_other_url(const struct slot *s, const char *redacted,
			   struct eim_warnings *w)
{
	if (s->cmeta.url && !same_url(s, redacted))
		eim_warn(w, "feed '%s': the cached copy was fetched from "
			 "another URL (%s)", s->f->id, s->cmeta.url);
}

/* Hand the cached copy to the result. */
static void use_cache(struct slot *s, struct fetch_result *r, int source)
{
	r->source = source;
	r->stale = source == FETCH_CACHE_FALLBACK;
	r->body_fd = s->cfd;
	r->len = s->cmeta.bytes;
	s->cfd = -1;
	r->fetched_at = s->cmeta.fetched_at;
	memcpy(r->sha256, s->cmeta.sha256, SHA256_HEX_LEN);
	r->etag = s->cmeta.etag ? xstrdup(s->cmeta.etag) : NULL;
	r->last_modified = s->cmeta.last_modified ?
		xstrdup(s->cmeta.last_modified) : NULL;
}

/* A local file, by the policy of fsafe.h (a regular file; the path
 * the analyst wrote may be a symbolic link): hashed while streamed, then
 * handed over open, so what is hashed is what is read. */
static int read_local(struct slot *s, struct fetch_result *r)
{
	struct eim_error e;
	int fd;

	r->path = s->f->path;
	eim_error_init(&e);
	fd = fsafe_open(NULL, s->f->path, 0, s->f->path, NULL, &e);
	if (fd < 0) {
		snprintf(r->reason, sizeof(r->reason), "%.400s", e.msg);
		return -1;
	}
	if (sha256_fd(fd, r->sha256, &r->len)) {
		snprintf(r->reason, sizeof(r->reason), "read error: %s",
			 strerror(errno));
		close(fd);
		return -1;
	}
	/* max_bytes caps a local copy as it caps a download */
	if (s->f->max_bytes > 0 && r->len > (size_t)s->f->max_bytes) {
		snprintf(r->reason, sizeof(r->reason),
			 "file larger than %lld bytes",
			 (long long)s->f->max_bytes);
		close(fd);
		return -1;
	}
	r->source = FETCH_LOCAL;
	r->body_fd = fd;
	return 0;
}

/* Trailing blanks and newlines of a secret file are not the secret. */
static void trim_secret(char *v)
{
	size_t n = strlen(v);

	while (n && (v[n - 1] == '\n' || v[n - 1] == '\r' ||
		     v[n - 1] == ' ' || v[n - 1] == '\t'))
		v[--n] = '\0';
}

/* value percent-encoded for a query string, or NULL past the strbuf
 * cap. Caller frees. */
static char *query_escape(const char *v)
{
	struct strbuf sb = STRBUF_INIT;

	for (; *v; v++) {
		unsigned char ch = (unsigned char)*v;
		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || strchr("-_.~", ch))
			strbuf_addch(&sb, (char)ch);
		else
			strbuf_addf(&sb, "%%%02X", ch);
	}
	if (sb.failed) {
		strbuf_release(&sb);
		return NULL;
	}
	return strbuf_detach(&sb, NULL);
}

#define SECRET_MAX 4096

/* The URL to request: fetch_url, plus the secret when the feed names
 * one. -1 with r->reason (which never holds the secret). */
static int request_url(struct slot *s, struct fetch_result *r)
{
	const struct config_feed *f = s->f;
	struct eim_error e;
	size_t len;

	if (f->secret_env) {
		const char *v = getenv(f->secret_env);
		if (!v || !*v) {
			snprintf(r->reason, sizeof(r->reason), "secret_env: "
				 "environment variable %.100s is not set",
				 f->secret_env);
			return -1;
		}
		s->secret = xstrdup(v);
	} else if (f->secret_file) {
		eim_error_init(&e);
		if (fsafe_read(NULL, f->secret_file, 0, SECRET_MAX,
			       f->secret_file, &s->secret, &len, &e)) {
			snprintf(r->reason, sizeof(r->reason),
				 "secret_file %.200s: %.200s", f->secret_file,
				 e.msg);
			return -1;
		}
		trim_secret(s->secret);
	}
	if (s->secret && f->secret_param) {
		char *esc = query_escape(s->secret);

		if (!esc) {
			snprintf(r->reason, sizeof(r->reason), "the secret is "
				 "too long for a URL");
			return -1;
		}
		s->req_url = http_url_set_param(f->fetch_url, f->secret_param,
						esc);
		free(esc);
	} else {
		s->req_url = xstrdup(f->fetch_url ? f->fetch_url : f->url);
	}
	return 0;
}

/* A 200 body written to its own file: validate it there, then make it
 * the last good copy and hand it over open. Until the validator has
 * accepted it the last good copy is untouched (issue 20). */
static int take_fresh_file(struct slot *s, struct http_result *h,
			   const struct fetch_opts *o,
			   const struct cache_origin *orig,
			   struct fetch_result *r, struct eim_warnings *w)
{
	struct eim_error e;

	eim_error_init(&e);
	if (lseek(s->tfd, 0, SEEK_SET) != 0) {
		snprintf(r->reason, sizeof(r->reason), "cannot read the body "
			 "back: %.200s", strerror(errno));
		return -1;
	}
	if (o->validate &&
	    o->validate(s->f, s->tfd, NULL, 0, o->validate_ctx, &e)) {
		snprintf(r->reason, sizeof(r->reason), "body rejected: %.400s",
			 e.msg);
		return -1;
	}
	if (cache_commit(o->cache_dir, s->f->id, s->tfd, s->tmp, orig,
			 r->sha256, &e)) {
		char m[EIM_PATH_MAX + EIM_MSG_MAX + 32];
		eim_error_format(&e, m, sizeof(m));
		eim_warn(w, "feed '%s': cannot update the cache: %s", s->f->id,
			 m);
		if (lseek(s->tfd, 0, SEEK_SET) != 0) {
			snprintf(r->reason, sizeof(r->reason), "cannot read "
				 "the body back");
			return -1;
		}
		r->sha256[0] = '\0';
	} else {
		free(s->tmp); /* renamed into place: nothing to remove */
		s->tmp = NULL;
	}
	r->source = FETCH_FRESH;
	r->fetched_at = o->now;
	r->body_fd = s->tfd;
	r->len = h->bytes;
	s->tfd = -1;
	r->etag = h->etag;
	r->last_modified = h->last_modified;
	h->etag = h->last_modified = NULL;
	return 0;
}

/* A 200 body: validate, store as the new last good copy, use it. -1 with
 * r->reason set when the validator rejects it. */
static int take_fresh(struct slot *s, struct http_result *h,
		      const struct fetch_opts *o, struct fetch_result *r,
		      struct eim_warnings *w)
{
	struct validate_ctx vc = { o, s->f };
	cache_validator v = o->validate ? validate_adapter : NULL;
	struct cache_origin orig;
	struct eim_error e;

	eim_error_init(&e);
	orig.url = s->f->url; /* redacted (config.h) */
	orig.etag = h->etag;
	orig.last_modified = h->last_modified;
	orig.fetched_at = o->now;
	if (s->tfd >= 0)
		return take_fresh_file(s, h, o, &orig, r, w);
	if (o->cache_dir) {
		if (cache_store(o->cache_dir, s->f->id, h->body.buf,
				h->body.len, &orig, v, &vc, &e)) {
			if (e.kind == EIM_DATA) {
				snprintf(r->reason, sizeof(r->reason),
					 "body rejected: %.400s", e.msg);
				return -1;
			}
			char m[EIM_PATH_MAX + EIM_MSG_MAX + 32];
			eim_error_format(&e, m, sizeof(m));
			eim_warn(w, "feed '%s': cannot update the cache: %s",
				 s->f->id, m);
		}
	} else if (v && v(h->body.buf, h->body.len, &vc, &e)) {
		snprintf(r->reason, sizeof(r->reason), "body rejected: %.400s",
			 e.msg);
		return -1;
	}
	r->source = FETCH_FRESH;
	r->fetched_at = o->now;
	r->body = strbuf_detach(&h->body, &r->len);
	sha256_hex(r->body, r->len, r->sha256);
	r->etag = h->etag;
	r->last_modified = h->last_modified;
	h->etag = h->last_modified = NULL;
	return 0;
}

static int take_not_modified(struct slot *s, struct http_result *h,
			     const struct fetch_opts *o,
			     struct fetch_result *r, struct eim_warnings *w)
{
	struct eim_error e;

	if (!s->have_cache) {
		snprintf(r->reason, sizeof(r->reason),
			 "HTTP 304 but no cached copy");
		return -1;
	}
	eim_error_init(&e);
	if (cache_touch(o->cache_dir, s->f->id, o->now, h->etag,
			h->last_modified, &e))
		eim_warn(w, "feed '%s': cannot update the cache: %s",
			 s->f->id, e.msg);
	use_cache(s, r, FETCH_NOT_MODIFIED);
	r->fetched_at = o->now;
	if (h->etag) {
		free(r->etag);
		r->etag = xstrdup(h->etag);
	}
	if (h->last_modified) {
		free(r->last_modified);
		r->last_modified = xstrdup(h->last_modified);
	}
	return 0;
}

/* Item 6 once a feed has failed (r->reason says why). -1 for a required
 * feed with no usable copy (err set, the first such feed wins). */
static int apply_failure(struct slot *s, struct fetch_result *r,
			 struct eim_warnings *w, struct eim_error *err)
{
	const char *where = r->url ? r->url :
		s->f->path ? s->f->path : "no url or path";
	char when[CACHE_TIME_LEN];

	/* A feed with both a url and a path: after the cache, the local
	 * copy shipped with the monitor stands in. */
	if (!s->have_cache && r->url && s->f->path) {
		char why[FETCH_REASON_MAX];
		snprintf(why, sizeof(why), "%s", r->reason);
		if (read_local(s, r) == 0) {
			eim_warn(w, "feed '%s' (%s) failed: %s; using the "
				 "local copy %s", s->f->id, where, why,
				 s->f->path);
			return 0;
		}
		{
			char local[FETCH_REASON_MAX];
			snprintf(local, sizeof(local), "%s", r->reason);
			snprintf(r->reason, sizeof(r->reason),
				 "%.250s; local copy: %.200s", why, local);
		}
	}
	if (!s->f->required) {
		r->source = FETCH_UNAVAILABLE;
		eim_warn(w, "optional feed '%s' (%s) unavailable: %s; dropped "
			 "from the edition", s->f->id, where, r->reason);
		return 0;
	}
	if (s->have_cache && r->url) {
		warn_other_url(s, r->url, w);
		use_cache(s, r, FETCH_CACHE_FALLBACK);
		cache_format_time(r->fetched_at, when);
		eim_warn(w, "required feed '%s' (%s) failed: %s; using the "
			 "last good copy fetched %s (stale)", s->f->id, where,
			 r->reason, when);
		return 0;
	}
	r->source = FETCH_UNAVAILABLE;
	eim_error_set(err, r->url ? EIM_UNAVAILABLE : EIM_NOINPUT, NULL, 0, 0,
		      "required feed '%s' (%s) unavailable: %s%s", s->f->id,
		      where, r->reason,
		      r->url && !strstr(r->reason, "cached copy")
			      ? "; no usable cached copy" : "");
	return -1;
}

/* With a cache folder, the body goes straight to a new file there.
 * When that file cannot be made the body is held in memory, and storing
 * it (take_fresh) says why the cache cannot be updated. */
static void new_body_file(struct slot *s, const struct fetch_opts *o,
			  struct http_request *rq)
{
	struct eim_error e;

	if (!o->cache_dir)
		return;
	eim_error_init(&e);
	if (cache_begin(o->cache_dir, s->f->id, &s->tfd, &s->tmp, &e))
		return;
	rq->to_fd = 1;
	rq->body_fd = s->tfd;
}

static void slots_release(struct slot *s, size_t n)
{
	size_t i;

	for (i = 0; s && i < n; i++) {
		if (s[i].cfd >= 0)
			close(s[i].cfd);
		cache_abandon(s[i].tfd, s[i].tmp);
		free(s[i].tmp);
		free(s[i].req_url);
		free(s[i].secret);
		cache_meta_release(&s[i].cmeta);
	}
	free(s);
}

int fetch_feeds(const struct config_feed *feeds, size_t n,
		const struct fetch_opts *o, struct fetch_result **out,
		struct eim_warnings *w, struct eim_error *err)
{
	struct fetch_result *res = xcalloc(n ? n : 1, sizeof(*res));
	struct slot *sl = xcalloc(n ? n : 1, sizeof(*sl));
	struct http_request *rq = xcalloc(n ? n : 1, sizeof(*rq));
	struct http_result *hr = NULL;
	struct http_options ho;
	size_t i, nrq = 0;
	int failed = 0, ret = -1;

	*out = NULL;
	ho.retries = o->retries;
	ho.backoff_ms = o->backoff_ms;
	for (i = 0; i < n; i++) {
		const struct config_feed *f = &feeds[i];

		sl[i].f = f;
		sl[i].req_index = -1;
		sl[i].cfd = -1;
		sl[i].tfd = -1;
		res[i].feed = f;
		res[i].body_fd = -1;
		if (!f->url) {
			if (!f->path) {
				snprintf(res[i].reason, sizeof(res[i].reason),
					 "neither url nor path given");
				failed |= apply_failure(&sl[i], &res[i], w,
							err);
			} else if (read_local(&sl[i], &res[i])) {
				failed |= apply_failure(&sl[i], &res[i], w,
							err);
			}
			continue;
		}
		res[i].url = http_url_redact(f->url);
		load_cached(&sl[i], o, w);
		if (o->offline) {
			if (sl[i].have_cache) {
				warn_other_url(&sl[i], res[i].url, w);
				use_cache(&sl[i], &res[i],
					  FETCH_CACHE_OFFLINE);
			} else if (!f->path || read_local(&sl[i], &res[i])) {
				/* the local copy is the last resort */
				snprintf(res[i].reason, sizeof(res[i].reason),
					 "offline and no cached copy");
				failed |= apply_failure(&sl[i], &res[i], w,
							err);
			}
			continue;
		}
		if (request_url(&sl[i], &res[i])) {
			failed |= apply_failure(&sl[i], &res[i], w, err);
			continue;
		}
		rq[nrq].url = sl[i].req_url;
		if (sl[i].secret && !f->secret_param)
			rq[nrq].userpwd = sl[i].secret;
		if (f->deadline_s > 0)
			rq[nrq].deadline_ms = http_now_ms() +
					      (long long)f->deadline_s * 1000;
		rq[nrq].timeout_s = f->timeout_s;
		new_body_file(&sl[i], o, &rq[nrq]);
		rq[nrq].max_bytes = f->max_bytes > 0 ? (size_t)f->max_bytes : 0;
		rq[nrq].ca_file = f->ca_file;
		if (same_url(&sl[i], res[i].url)) {
			rq[nrq].etag = sl[i].cmeta.etag;
			rq[nrq].last_modified = sl[i].cmeta.last_modified;
		}
		sl[i].req_index = (int)nrq++;
	}

	hr = xcalloc(nrq ? nrq : 1, sizeof(*hr));
	if (http_fetch_all(rq, nrq, &ho, hr, err))
		goto out;
	for (i = 0; i < n; i++) {
		struct slot *s = &sl[i];
		struct http_result *h;
		int bad;

		if (s->req_index < 0)
			continue;
		h = &hr[s->req_index];
		if (h->outcome == HTTP_OK && o->nomis_pages &&
		    s->f->format == FEED_NOMIS_CSV)
			o->nomis_pages(&rq[s->req_index], &ho, h);
		switch (h->outcome) {
		case HTTP_OK:
			bad = take_fresh(s, h, o, &res[i], w);
			break;
		case HTTP_NOT_MODIFIED:
			bad = take_not_modified(s, h, o, &res[i], w);
			break;
		default:
			snprintf(res[i].reason, sizeof(res[i].reason), "%s",
				 h->reason);
			bad = -1;
		}
		if (bad)
			failed |= apply_failure(s, &res[i], w, err);
	}
	if (failed)
		goto out;
	*out = res;
	res = NULL;
	ret = 0;
out:
	for (i = 0; hr && i < nrq; i++)
		http_result_release(&hr[i]);
	free(hr);
	free(rq);
	slots_release(sl, n);
	if (res)
		fetch_results_free(res, n);
	return ret;
}

void fetch_results_free(struct fetch_result *r, size_t n)
{
	size_t i;

	for (i = 0; r && i < n; i++) {
		if (r[i].body_fd >= 0)
			close(r[i].body_fd);
		free(r[i].body);
		free(r[i].url);
		free(r[i].etag);
		free(r[i].last_modified);
	}
	free(r);
}
