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

#include "fsafe.h"
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
	/* the meta file may be copied into manifests and messages */
	char *url = m->url ? http_url_redact(m->url) : NULL;
	int ret;

	cache_format_time(m->fetched_at, when);
	strbuf_adds(&sb, "{\n  \"url\": ");
	add_json_or_null(&sb, url);
	free(url);
	strbuf_addf(&sb, ",\n  \"fetched_at\": \"%s\",\n  \"etag\": ", when);
	add_json_or_null(&sb, m->etag);
	strbuf_adds(&sb, ",\n  \"last_modified\": ");
	add_json_or_null(&sb, m->last_modified);
	strbuf_addf(&sb, ",\n  \"sha256\": \"%s\",\n  \"bytes\": %zu\n}\n",
		    sha256, bytes);
	ret = strbuf_check(&sb, "the cache's meta file", err) ||
	      cache_write_atomic(path, sb.buf, sb.len, err) ? -1 : 0;
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
	char sha[SHA256_HEX_LEN];
	char *path = NULL;
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
	path = entry_path(dir, id, ".body");
	if (cache_write_atomic(path, body, len, err) ||
	    write_meta(dir, id, o, sha, len, err))
		goto out;
	ret = 0;
out:
	free(path);
	return ret;
}

static char *json_str(const cJSON *o, const char *key)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(it) ? xstrdup(it->valuestring) : NULL;
}

/* The cache folder may be shared: its files are read by the policy of
 * fsafe.h (no symbolic link, regular files only, capped). */
#define CACHE_META_MAX 65536

static int load_meta(const char *dir, const char *id, struct cache_meta *m,
		     struct eim_error *err)
{
	char *path = entry_path(dir, id, ".meta.json"), *text = NULL;
	const char *rel = strrchr(path, '/') + 1; /* ids hold no '/' */
	size_t len = 0;
	cJSON *o = NULL;
	const cJSON *it;
	int ret = -1;

	memset(m, 0, sizeof(*m));
	if (fsafe_read(dir, rel, FSAFE_NOFOLLOW, CACHE_META_MAX, path, &text,
		       &len, err))
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

int cache_begin(const char *dir, const char *id, int *fd, char **tmp,
		struct eim_error *err)
{
	struct strbuf sb = STRBUF_INIT;
	int f;

	*fd = -1;
	*tmp = NULL;
	if (check_id(id, err) || atomic_mkdirs(dir, "cache folder", err))
		return -1;
	strbuf_addf(&sb, "%s/%s.body.tmp.XXXXXX", dir, id);
	f = mkstemp(sb.buf); /* O_CREAT|O_EXCL, mode 0600 */
	if (f < 0) {
		eim_error_set(err, EIM_CANTCREAT, dir, 0, 0,
			      "cannot create a temporary file: %s",
			      strerror(errno));
		strbuf_release(&sb);
		return -1;
	}
	*fd = f;
	*tmp = strbuf_detach(&sb, NULL);
	return 0;
}

void cache_abandon(int fd, const char *tmp)
{
	if (fd >= 0)
		close(fd);
	if (tmp)
		unlink(tmp);
}

int cache_commit(const char *dir, const char *id, int fd, const char *tmp,
		 const struct cache_origin *o, char sha[SHA256_HEX_LEN],
		 struct eim_error *err)
{
	char *path = entry_path(dir, id, ".body");
	size_t len = 0;
	int ret = -1;

	if (sha256_fd(fd, sha, &len) || fchmod(fd, 0644) || fsync(fd)) {
		eim_error_set(err, EIM_CANTCREAT, tmp, 0, 0,
			      "cannot write: %s", strerror(errno));
		goto out;
	}
	if (rename(tmp, path)) {
		eim_error_set(err, EIM_CANTCREAT, path, 0, 0,
			      "cannot rename into place: %s", strerror(errno));
		goto out;
	}
	if (atomic_fsync_dir(dir, err) ||
	    write_meta(dir, id, o, sha, len, err))
		goto out;
	if (lseek(fd, 0, SEEK_SET) != 0) {
		eim_error_set(err, EIM_CANTCREAT, path, 0, 0,
			      "cannot rewind: %s", strerror(errno));
		goto out;
	}
	ret = 0;
out:
	free(path);
	return ret;
}

int cache_open(const char *dir, const char *id, int *fd,
	       struct cache_meta *meta, struct eim_error *err)
{
	char *path = NULL;
	const char *rel;
	char hex[SHA256_HEX_LEN];
	struct eim_error e2;
	size_t n = 0;
	int f = -1, ret = -1;

	memset(meta, 0, sizeof(*meta));
	*fd = -1;
	if (check_id(id, err))
		return -1;
	path = entry_path(dir, id, ".body");
	rel = strrchr(path, '/') + 1;
	eim_error_init(&e2);
	f = fsafe_open(dir, rel, FSAFE_NOFOLLOW, path, NULL, &e2);
	if (f < 0) {
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
	/* streamed: a body of any size is checked in 64 KiB of memory */
	if (sha256_fd(f, hex, &n)) {
		eim_error_set(err, EIM_DATA, path, 0, 0, "cannot read: %s",
			      strerror(errno));
		goto out;
	}
	if (n != meta->bytes || strcmp(hex, meta->sha256)) {
		eim_error_set(err, EIM_DATA, path, 0, 0,
			      "cached copy is damaged (size or sha256 does "
			      "not match its metadata)");
		goto out;
	}
	*fd = f;
	f = -1;
	ret = 0;
out:
	if (ret)
		cache_meta_release(meta);
	if (f >= 0)
		close(f);
	free(path);
	return ret;
}

int cache_load(const char *dir, const char *id, char **body, size_t *len,
	       struct cache_meta *meta, struct eim_error *err)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[65536];
	ssize_t got;
	int fd, ret = -1;

	*body = NULL;
	*len = 0;
	if (cache_open(dir, id, &fd, meta, err))
		return -1;
	strbuf_init(&sb, meta->bytes + 1);
	while ((got = read(fd, buf, sizeof(buf))) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0 || strbuf_add(&sb, buf, (size_t)got)) {
			eim_error_set(err, EIM_DATA, NULL, 0, 0,
				      "cannot read the cached copy of '%s'",
				      id);
			cache_meta_release(meta);
			goto out;
		}
	}
	*body = strbuf_detach(&sb, len);
	ret = 0;
out:
	close(fd);
	strbuf_release(&sb);
	return ret;
}

int cache_touch(const char *dir, const char *id, time_t fetched_at,
		const char *etag, const char *last_modified,
		struct eim_error *err)
{
	struct cache_meta m;
	int fd, ret = -1;

	if (cache_open(dir, id, &fd, &m, err))
		return -1;
	close(fd);
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
	return ret;
}

void cache_meta_release(struct cache_meta *m)
{
	free(m->url);
	free(m->etag);
	free(m->last_modified);
	m->url = m->etag = m->last_modified = NULL;
}
