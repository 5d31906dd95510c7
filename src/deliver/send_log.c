/* send_log.c - send-log.json, the record of who was sent an edition
 * (send_int.h, send.h):
 *   { "edition": "2026-W47",
 *     "sent": [ { "address", "list", "file", "sha256", "at",
 *                 "message_id" } ] }
 * in the order the messages were accepted. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "atomic.h"
#include "manifest.h"
#include "send_int.h"
#include "sha256.h"
#include "xalloc.h"
#include "banned.h"

#define MANIFEST_FILE "manifest.json"
#define LOG_MAX_BYTES ((size_t)64 << 20)

static void entry_free(struct send_log_entry *e)
{
	free(e->address);
	free(e->list);
	free(e->file);
	free(e->at);
	free(e->message_id);
}

void send_log_release(struct send_log *log)
{
	size_t i;

	for (i = 0; i < log->n; i++)
		entry_free(&log->v[i]);
	free(log->v);
	free(log->edition);
	memset(log, 0, sizeof(*log));
}

const struct send_log_entry *send_log_find(const struct send_log *log,
					   const char *address,
					   const char *list)
{
	size_t i;

	for (i = 0; i < log->n; i++)
		if (strcmp(log->v[i].address, address) == 0 &&
		    strcmp(log->v[i].list, list) == 0)
			return &log->v[i];
	return NULL;
}

static char *dup_or_empty(const char *s)
{
	return xstrdup(s ? s : "");
}

void send_log_put(struct send_log *log, const struct send_log_entry *e)
{
	struct send_log_entry *d =
		(struct send_log_entry *)send_log_find(log, e->address,
						       e->list);

	if (d) {
		entry_free(d);
	} else {
		XGROW(log->v, log->cap, log->n + 1);
		d = &log->v[log->n++];
	}
	d->address = dup_or_empty(e->address);
	d->list = dup_or_empty(e->list);
	d->file = dup_or_empty(e->file);
	memcpy(d->sha256, e->sha256, sizeof(d->sha256));
	d->sha256[64] = '\0';
	d->at = dup_or_empty(e->at);
	d->message_id = dup_or_empty(e->message_id);
}

static const char *str_of(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int parse(const char *text, size_t len, const char *path,
		 const char *week, struct send_log *log, struct eim_error *err)
{
	cJSON *root = cJSON_ParseWithLength(text, len);
	const cJSON *sent, *it;
	const char *ed;
	int ret = -1;

	ed = root ? str_of(root, "edition") : NULL;
	sent = root ? cJSON_GetObjectItemCaseSensitive(root, "sent") : NULL;
	if (!ed || !cJSON_IsArray(sent)) {
		eim_error_set(err, EIM_DATA, path, 0, 0, "not a send log "
			      "(want edition and sent); move it aside to "
			      "send again");
		goto out;
	}
	if (strcmp(ed, week) != 0) {
		eim_error_set(err, EIM_DATA, path, 0, 0, "the send log is of "
			      "edition '%s', not '%s'", ed, week);
		goto out;
	}
	log->edition = xstrdup(ed);
	cJSON_ArrayForEach(it, sent) {
		struct send_log_entry e;
		const char *sha = str_of(it, "sha256");

		memset(&e, 0, sizeof(e));
		e.address = (char *)str_of(it, "address");
		e.list = (char *)str_of(it, "list");
		e.file = (char *)str_of(it, "file");
		e.at = (char *)str_of(it, "at");
		e.message_id = (char *)str_of(it, "message_id");
		if (!e.address || !e.list || !sha || strlen(sha) != 64) {
			eim_error_set(err, EIM_DATA, path, 0, 0, "a send log "
				      "entry lacks address, list or sha256");
			goto out;
		}
		memcpy(e.sha256, sha, 65);
		send_log_put(log, &e);
	}
	ret = 0;
out:
	cJSON_Delete(root);
	return ret;
}

int send_log_read(const char *dir, const char *week, struct send_log *log,
		  struct eim_error *err)
{
	char path[EIM_PATH_MAX];
	char *text = NULL;
	size_t len;
	int ret;

	memset(log, 0, sizeof(*log));
	if (atomic_path(path, dir, SEND_LOG_NAME))
		return eim_error_set(err, EIM_CANTCREAT, dir, 0, 0,
				     "path too long");
	if (atomic_read_file(path, &text, &len)) {
		if (errno != ENOENT)
			return eim_error_set(err, EIM_DATA, path, 0, 0,
					     "cannot read: %s",
					     strerror(errno));
		log->edition = xstrdup(week);
		return 0;
	}
	ret = len > LOG_MAX_BYTES ? eim_error_set(err, EIM_DATA, path, 0, 0,
						  "send log too large")
				  : parse(text, len, path, week, log, err);
	free(text);
	return ret;
}

static int to_json(const struct send_log *log, struct strbuf *sb)
{
	size_t i;
	int f = strbuf_adds(sb, "{\n  \"edition\": ") ||
		strbuf_add_json(sb, log->edition) ||
		strbuf_adds(sb, ",\n  \"sent\": [");

	for (i = 0; i < log->n && !f; i++) {
		const struct send_log_entry *e = &log->v[i];

		f = strbuf_adds(sb, i ? ",\n    {" : "\n    {") ||
		    strbuf_adds(sb, "\"address\": ") ||
		    strbuf_add_json(sb, e->address) ||
		    strbuf_adds(sb, ", \"list\": ") ||
		    strbuf_add_json(sb, e->list) ||
		    strbuf_adds(sb, ", \"file\": ") ||
		    strbuf_add_json(sb, e->file) ||
		    strbuf_addf(sb, ", \"sha256\": \"%s\", \"at\": ",
				e->sha256) ||
		    strbuf_add_json(sb, e->at) ||
		    strbuf_adds(sb, ", \"message_id\": ") ||
		    strbuf_add_json(sb, e->message_id) ||
		    strbuf_adds(sb, "}");
	}
	return f || strbuf_adds(sb, log->n ? "\n  ]\n}\n" : "]\n}\n");
}

/* List name (sha256, bytes) among manifest.json's outputs. */
static int manifest_list(const char *dir, const char *name,
			 const char sha[SHA256_HEX_LEN], size_t bytes,
			 struct eim_error *err)
{
	char path[EIM_PATH_MAX];
	struct manifest m;
	struct strbuf json = STRBUF_INIT;
	size_t i;
	int ret = -1, found = 0;

	if (atomic_path(path, dir, MANIFEST_FILE))
		return eim_error_set(err, EIM_CANTCREAT, dir, 0, 0,
				     "path too long");
	if (manifest_read_file(path, &m, err))
		goto out;
	for (i = 0; i < m.n_outputs; i++) {
		struct manifest_output *o = &m.outputs[i];

		if (strcmp(o->name, name) == 0) {
			if (o->bytes == bytes && strcmp(o->sha256, sha) == 0) {
				ret = 0; /* already so: nothing to write */
				goto out;
			}
			memcpy(o->sha256, sha, SHA256_HEX_LEN);
			o->bytes = bytes;
			found = 1;
		}
	}
	if (!found)
		manifest_add_output(&m, name, sha, bytes);
	if (manifest_to_json(&m, &json)) {
		eim_error_set(err, EIM_SOFTWARE, NULL, 0, 0,
			      "manifest too large");
		goto out;
	}
	ret = atomic_write_file(dir, MANIFEST_FILE, json.buf, json.len, err);
out:
	strbuf_release(&json);
	manifest_release(&m);
	return ret;
}

int send_log_write(const char *dir, const struct send_log *log,
		   struct eim_error *err)
{
	struct strbuf sb = STRBUF_INIT;
	char sha[SHA256_HEX_LEN];
	int ret = -1;

	if (to_json(log, &sb)) {
		eim_error_set(err, EIM_SOFTWARE, NULL, 0, 0,
			      "send log too large");
		goto out;
	}
	sha256_hex(sb.buf, sb.len, sha);
	/* log first: it is the record; a crash before the manifest is
	 * rewritten is repaired by send_log_sync_manifest */
	if (atomic_write_file(dir, SEND_LOG_NAME, sb.buf, sb.len, err) ||
	    manifest_list(dir, SEND_LOG_NAME, sha, sb.len, err) ||
	    atomic_fsync_dir(dir, err))
		goto out;
	ret = 0;
out:
	strbuf_release(&sb);
	return ret;
}

int send_log_sync_manifest(const char *dir, struct eim_error *err)
{
	char path[EIM_PATH_MAX], sha[SHA256_HEX_LEN];
	char *text;
	size_t len;
	int ret;

	if (atomic_path(path, dir, SEND_LOG_NAME))
		return eim_error_set(err, EIM_CANTCREAT, dir, 0, 0,
				     "path too long");
	if (atomic_read_file(path, &text, &len))
		return errno == ENOENT ? 0
		       : eim_error_set(err, EIM_DATA, path, 0, 0,
				       "cannot read: %s", strerror(errno));
	sha256_hex(text, len, sha);
	free(text);
	ret = manifest_list(dir, SEND_LOG_NAME, sha, len, err);
	return ret || atomic_fsync_dir(dir, err) ? -1 : 0;
}
