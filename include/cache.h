/* cache.h - the last good body of every feed (issue 3 item 5).
 *
 * Layout: DIR/<feed-id>.body (the bytes as fetched) and
 * DIR/<feed-id>.meta.json:
 *   {"url": ..., "fetched_at": "2026-11-21T10:00:00Z", "etag": ... | null,
 *    "last_modified": ... | null, "sha256": "<64 hex>", "bytes": N}
 * Both files are replaced atomically (temp file in DIR, fsync, rename,
 * fsync DIR). The body is written first; a crash between the two renames
 * leaves a body whose sha256 does not match its meta, which cache_load
 * reports as damaged, so a half-updated pair is never used.
 *
 * A body is stored only after the caller's validator accepts it (the
 * pipeline passes "parses as this feed's format"): a body that fails to
 * parse never replaces the last good copy.
 *
 * The url stored is redacted (http_url_redact): the meta file may be
 * copied into manifests and messages.
 *
 * Ownership: cache_load hands *body (NUL-terminated) and the strings in
 * *meta to the caller: free(body), cache_meta_release(meta). */
#ifndef EIMON_CACHE_H
#define EIMON_CACHE_H

#include <stddef.h>
#include <time.h>

#include "error.h"
#include "sha256.h"

#define CACHE_TIME_LEN 21 /* "YYYY-MM-DDTHH:MM:SSZ" + NUL */

struct cache_meta {
	char *url;            /* redacted; NULL unknown */
	char *etag;           /* NULL when the server sent none */
	char *last_modified;  /* NULL when the server sent none */
	time_t fetched_at;    /* UTC seconds, from the caller's clock */
	char sha256[SHA256_HEX_LEN];
	size_t bytes;
};

/* What cache_store is told about a body (borrowed strings). */
struct cache_origin {
	const char *url;           /* stored redacted */
	const char *etag;          /* may be NULL */
	const char *last_modified; /* may be NULL */
	time_t fetched_at;
};

/* Accept (0) or reject (-1, err set) a body before it is stored. */
typedef int (*cache_validator)(const char *body, size_t len, void *ctx,
			       struct eim_error *err);

/* Feed ids become file names: letters, digits, '-', '_', '.', not
 * starting with '.', at most 128 bytes. 0 when id is usable. */
int cache_id_ok(const char *id);

/* Validate body with v (NULL: accept), then store it with the metadata
 * in o (sha256 and bytes are computed). DIR is created when missing. On rejection returns -1 with
 * the validator's error (EIM_DATA) and leaves the cache untouched; on a
 * write failure returns -1 with EIM_CANTCREAT. */
int cache_store(const char *dir, const char *id, const char *body,
		size_t len, const struct cache_origin *o, cache_validator v,
		void *ctx, struct eim_error *err);

/* A body fetched straight to disk (memory does not grow with it):
 * cache_begin creates DIR/<id>.body.tmp.XXXXXX with O_EXCL (mkstemp) and
 * hands back its descriptor (*fd, read-write) and name (*tmp, caller
 * frees). Once the caller has validated the body, cache_commit hashes it,
 * fsyncs it, renames it to DIR/<id>.body and writes the meta (the same
 * order and guarantees as cache_store; sha256 gets the body's); fd
 * stays open, at offset 0.
 * Until then the last good copy is untouched; cache_abandon removes the
 * temporary file and closes fd (a body that fails, a 304). */
int cache_begin(const char *dir, const char *id, int *fd, char **tmp,
		struct eim_error *err);
int cache_commit(const char *dir, const char *id, int fd, const char *tmp,
		 const struct cache_origin *o, char sha256[SHA256_HEX_LEN],
		 struct eim_error *err);
void cache_abandon(int fd, const char *tmp);

/* After a 304: rewrite only the meta of an existing entry with a new
 * fetched_at and, when given (non-NULL), new etag / last_modified. */
int cache_touch(const char *dir, const char *id, time_t fetched_at,
		const char *etag, const char *last_modified,
		struct eim_error *err);

/* Open the entry for id: its body and meta are read by the policy of
 * fsafe.h (no symbolic link, regular files only); the body is checked
 * against its sha256 and size while streamed, so a body of any size is
 * opened in constant memory. *fd is the body's descriptor, at offset 0
 * (caller closes): what was checked is what the caller reads.
 * EIM_NOINPUT when there is none; EIM_DATA when the meta is unreadable or
 * the body does not match its sha256/bytes. */
int cache_open(const char *dir, const char *id, int *fd,
	       struct cache_meta *meta, struct eim_error *err);
/* cache_open, then the body read into memory (tests, small bodies). */
int cache_load(const char *dir, const char *id, char **body, size_t *len,
	       struct cache_meta *meta, struct eim_error *err);
void cache_meta_release(struct cache_meta *m);

/* ISO 8601 UTC "YYYY-MM-DDTHH:MM:SSZ"; parse returns -1 on bad text. */
void cache_format_time(time_t t, char buf[CACHE_TIME_LEN]);
int cache_parse_time(const char *s, time_t *t);

/* Replace path with data atomically: temp file in the same folder,
 * fsync, rename, fsync the folder. No temp file is left on failure.
 * EIM_CANTCREAT on failure. */
int cache_write_atomic(const char *path, const void *data, size_t len,
		       struct eim_error *err);

#endif
