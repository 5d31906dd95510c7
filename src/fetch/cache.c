/* cache.c - last good feed bodies with metadata (see cache.h). */
#include "cache.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cJSON.h>

#include "http.h"
#include "strbuf.h"
#include "atomic.h"
#include "xalloc.h"
#include "banned.h"

int cache_id_ok(const char *id)
{
	size_t i, n = strlen(id);

	if (n == 0 || n > 128 || id[0] == '.')
		return -1;
	for (i = 0; i < n; i++) {
		char c = id[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		      c == '.'))
			return -1;
	}
	return 0;
}

void cache_format_time(time_t t, char buf[CACHE_TIME_LEN])
{
	struct tm tm;

	if (!gmtime_r(&t, &tm) ||
	    !strftime(buf, CACHE_TIME_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(buf, CACHE_TIME_LEN, "1970-01-01T00:00:00Z");
}

int cache_parse_time(const char *s, time_t *t)
{
	struct tm tm;
	int y, mo, d, h, mi, se, used = 0;

	if (strlen(s) != CACHE_TIME_LEN - 1 ||
	    /* widths of at most 4 digits cannot overflow an int; %n and
	     * the ranges below check the rest */
	    /* NOLINTNEXTLINE(cert-err34-c) */
	    sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &y, &mo, &d, &h, &mi, &se,
		   &used) != 6 || used != CACHE_TIME_LEN - 1)
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
	    se > 60 || h < 0 || mi < 0 || se < 0)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	*t = timegm(&tm);
	return 0;
}

static char *entry_path(const char *dir, const char *id, const char *suffix)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "%s/%s%s", dir, id, suffix);
	return strbuf_detach(&sb, NULL);
}

int cache_write_atomic(const char *path, const void *data, size_t len,
		       struct eim_error *err)
{
	struct strbuf tmp = STRBUF_INIT;
	const char *p = data;
	int fd = -1, ret = -1;

	strbuf_addf(&tmp, "%s.tmp.XXXXXX", path);
	fd = mkstemp(tmp.buf);
	if (fd < 0) {
		eim_error_set(err, EIM_CANTCREAT, path, 0, 0,
			      "cannot create a temporary file: %s",
			      strerror(errno));
		goto out;
	}
	while (len) {
		ssize_t w = write(fd, p, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			eim_error_set(err, EIM_CANTCREAT, path, 0, 0,
				      "cannot write: %s", strerror(errno));
			goto out;
		}
		p += w;
		len -= (size_t)w;
	}
	if (fchmod(fd, 0644) || fsync(fd)) {
		eim_error_set(err, EIM_CANTCREAT, path, 0, 0,
			      "cannot sync: %s", strerror(errno));
		goto out;
	}
	if (close(fd)) {
		fd = -1;
		eim_error_set(err, EIM_CANTCREAT, path, 0, 0,
			      "cannot close: %s", strerror(errno));
		goto out;
	}
	fd = -1;
	if (rename(tmp.buf, path)) {
		eim_error_set(err, EIM_CANTCREAT, path, 0, 0,
			      "cannot rename into place: %s", strerror(errno));
		goto out;
	}
	/* The rename is durable only once the folder itself is synced. */
	{
		char *dir = xstrdup(path), *slash = strrchr(dir, '/');
		int r;
		if (slash)
			*slash = '\0';
		r = atomic_fsync_dir(slash ? (*dir ? dir : "/") : ".", err);
		free(dir);
		if (r)
			goto out_renamed;
	}
	ret = 0;
	goto out_renamed;
out:
	if (fd >= 0)
		close(fd);
	if (tmp.len)
		unlink(tmp.buf);
out_renamed:
	strbuf_release(&tmp);
	return ret;
}

static void add_json_or_null(struct strbuf *sb, const char *s)
{
	if (s)
		strbuf_add_json(sb, s);
	else
		strbuf_adds(sb, "null");
}

static int write_meta(const char *dir, const char *id,
		      const struct cache_origin *m, const char *sha256,
		      size_t bytes, struct eim_error *err)
{
	struct strbuf sb = STRBUF_INIT;
	char when[CACHE_TIME_LEN];
	char *path = entry_path(dir, id, ".meta.json");
	int ret;

	cache_format_time(m->fetched_at, when);
	strbuf_adds(&sb, "{\n  \"url\": ");
	add_json_or_null(&sb, m->url);
	strbuf_addf(&sb, ",\n  \"fetched_at\": \"%s\",\n  \"etag\": ", when);
	add_json_or_null(&sb, m->etag);
	strbuf_adds(&sb, ",\n  \"last_modified\": ");
	add_json_or_null(&sb, m->last_modified);
	strbuf_addf(&sb, ",\n  \"sha256\": \"%s\",\n  \"bytes\": %zu\n}\n",
		    sha256, bytes);
	ret = cache_write_atomic(path, sb.buf, sb.len, err);
	strbuf_release(&sb);
	free(path);
	return ret;
}

static int check_id(const char *id, struct eim_error *err)
{
	if (cache_id_ok(id))
		return eim_error_set(err, EIM_SOFTWARE, NULL, 0, 0,
				     "feed id '%s' cannot name a cache file",
				     id);
	return 0;
}

int cache_store(const char *dir, const char *id, const char *body,
		size_t len, const struct cache_origin *o, cache_validator v,
		void *ctx, struct eim_error *err)
{
	struct cache_origin ro = *o;
	char sha[SHA256_HEX_LEN];
	char *url = NULL, *path = NULL;
	int ret = -1;

	if (check_id(id, err))
		return -1;
	if (v && v(body, len, ctx, err)) {
		eim_error_set(err, EIM_DATA, NULL, 0, 0,
			      "body of feed '%s' rejected", id);
		return -1;
	}
	if (atomic_mkdirs(dir, "cache folder", err))
		return -1;
	sha256_hex(body, len, sha);
	url = o->url ? http_url_redact(o->url) : NULL;
	ro.url = url;
	path = entry_path(dir, id, ".body");
	if (cache_write_atomic(path, body, len, err) ||
	    write_meta(dir, id, &ro, sha, len, err))
		goto out;
	ret = 0;
out:
	free(url);
	free(path);
	return ret;
}

static int read_file(const char *path, char **out, size_t *len,
		     struct eim_error *err)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[65536];
	FILE *f = fopen(path, "rb");
	size_t n;
	int ret = -1;

	if (!f)
		return eim_error_set(err, errno == ENOENT ? EIM_NOINPUT :
				     EIM_DATA, path, 0, 0, "cannot open: %s",
				     strerror(errno));
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		if (strbuf_add(&sb, buf, n)) {
			eim_error_set(err, EIM_DATA, path, 0, 0,
				      "file too large");
			goto out;
		}
	if (ferror(f)) {
		eim_error_set(err, EIM_DATA, path, 0, 0, "read error");
		goto out;
	}
	*out = strbuf_detach(&sb, len);
	ret = 0;
out:
	fclose(f);
	strbuf_release(&sb);
	return ret;
}

static char *json_str(const cJSON *o, const char *key)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(it) ? xstrdup(it->valuestring) : NULL;
}

static int load_meta(const char *dir, const char *id, struct cache_meta *m,
		     struct eim_error *err)
{
	char *path = entry_path(dir, id, ".meta.json"), *text = NULL;
	size_t len = 0;
	cJSON *o = NULL;
	const cJSON *it;
	int ret = -1;

	memset(m, 0, sizeof(*m));
	if (read_file(path, &text, &len, err))
		goto out;
	o = cJSON_ParseWithLength(text, len);
	if (!cJSON_IsObject(o)) {
		eim_error_set(err, EIM_DATA, path, 0, 0,
			      "cache metadata is not a JSON object");
		goto out;
	}
	m->url = json_str(o, "url");
	m->etag = json_str(o, "etag");
	m->last_modified = json_str(o, "last_modified");
	it = cJSON_GetObjectItemCaseSensitive(o, "fetched_at");
	if (!cJSON_IsString(it) ||
	    cache_parse_time(it->valuestring, &m->fetched_at)) {
		eim_error_set(err, EIM_DATA, path, 0, 0,
			      "cache metadata has no valid 'fetched_at'");
		goto out;
	}
	it = cJSON_GetObjectItemCaseSensitive(o, "sha256");
	if (!cJSON_IsString(it) ||
	    strlen(it->valuestring) != SHA256_HEX_LEN - 1) {
		eim_error_set(err, EIM_DATA, path, 0, 0,
			      "cache metadata has no valid 'sha256'");
		goto out;
	}
	memcpy(m->sha256, it->valuestring, SHA256_HEX_LEN);
	it = cJSON_GetObjectItemCaseSensitive(o, "bytes");
	if (!cJSON_IsNumber(it) || it->valuedouble < 0) {
		eim_error_set(err, EIM_DATA, path, 0, 0,
			      "cache metadata has no valid 'bytes'");
		goto out;
	}
	m->bytes = (size_t)it->valuedouble;
	ret = 0;
out:
	if (ret)
		cache_meta_release(m);
	cJSON_Delete(o);
	free(text);
	free(path);
	return ret;
}

int cache_load(const char *dir, const char *id, char **body, size_t *len,
	       struct cache_meta *meta, struct eim_error *err)
{
	char *path = NULL, *b = NULL;
	char hex[SHA256_HEX_LEN];
	size_t n = 0;
	struct eim_error e2;
	int ret = -1;

	memset(meta, 0, sizeof(*meta));
	*body = NULL;
	*len = 0;
	if (check_id(id, err))
		return -1;
	path = entry_path(dir, id, ".body");
	eim_error_init(&e2);
	if (read_file(path, &b, &n, &e2)) {
		if (e2.kind == EIM_NOINPUT)
			eim_error_set(err, EIM_NOINPUT, NULL, 0, 0,
				      "no cached copy");
		else
			eim_error_set(err, e2.kind, e2.file, 0, 0, "%s",
				      e2.msg);
		goto out;
	}
	if (load_meta(dir, id, meta, err))
		goto out;
	sha256_hex(b, n, hex);
	if (n != meta->bytes || strcmp(hex, meta->sha256)) {
		eim_error_set(err, EIM_DATA, path, 0, 0,
			      "cached copy is damaged (size or sha256 does "
			      "not match its metadata)");
		cache_meta_release(meta);
		goto out;
	}
	*body = b;
	*len = n;
	b = NULL;
	ret = 0;
out:
	free(b);
	free(path);
	return ret;
}

int cache_touch(const char *dir, const char *id, time_t fetched_at,
		const char *etag, const char *last_modified,
		struct eim_error *err)
{
	struct cache_meta m;
	char *body = NULL;
	size_t len;
	int ret = -1;

	if (cache_load(dir, id, &body, &len, &m, err))
		return -1;
	m.fetched_at = fetched_at;
	if (etag) {
		free(m.etag);
		m.etag = xstrdup(etag);
	}
	if (last_modified) {
		free(m.last_modified);
		m.last_modified = xstrdup(last_modified);
	}
	{
		struct cache_origin o = { m.url, m.etag, m.last_modified,
					  m.fetched_at };

		if (write_meta(dir, id, &o, m.sha256, m.bytes, err))
			goto out;
	}
	ret = 0;
out:
	cache_meta_release(&m);
	free(body);
	return ret;
}

void cache_meta_release(struct cache_meta *m)
{
	free(m->url);
	free(m->etag);
	free(m->last_modified);
	m->url = m->etag = m->last_modified = NULL;
}
