/* manifest.h - the edition manifest (manifest.json, SPEC §6): what an
 * edition was built from and what it contains, so that a checker can tell
 * a complete edition from a mixed one and an operator can tell why a week
 * was revised.
 *
 * Ownership: a struct manifest owns every string and array reachable from
 * it. The manifest_add_* and manifest_set calls COPY their arguments (the
 * caller keeps its own strings); manifest_release frees everything. The
 * string fields are `const char *` only so that callers can fill a
 * struct manifest_input from literals; never free them yourself.
 *
 * JSON layout (keys always in this order, two-space indent, so that the
 * same manifest gives the same bytes):
 *   { "eimon_version", "edition", "issue", "status", "revision",
 *     "inputs": [ { "kind", "id", "path", "url", "sha256", "fetched_at",
 *                   "latest_period", "stale", "provisional" } ],
 *     "changed_inputs": [ { "kind", "name", "change" } ],
 *     "outputs": [ { "name", "sha256", "bytes" } ],
 *     "durations_ms": { "<stage>": ms, ... } }
 * Absent optional strings are written as null. */
#ifndef EIMON_MANIFEST_H
#define EIMON_MANIFEST_H

#include <stddef.h>

#include "error.h"
#include "sha256.h"
#include "strbuf.h"

enum manifest_kind {
	MANIFEST_CONFIG = 0,
	MANIFEST_TEMPLATE,
	MANIFEST_NOTE,
	MANIFEST_EDITION,
	MANIFEST_FEED
};

struct manifest_input {
	enum manifest_kind kind;
	const char *id;            /* feed id; NULL for files */
	const char *path;          /* local path as given in the config, or NULL */
	const char *url;           /* source URL, or NULL */
	char sha256[SHA256_HEX_LEN]; /* of the bytes actually read */
	const char *fetched_at;    /* "2026-11-20T07:00:03Z" (feeds), or NULL */
	const char *latest_period; /* canonical period text, or NULL */
	int stale;                 /* latest data older than the feed's max_age */
	int provisional;           /* latest value flagged provisional/estimated */
};

struct manifest_output {
	const char *name;          /* file name inside the edition folder */
	char sha256[SHA256_HEX_LEN];
	size_t bytes;
};

struct manifest_stage {
	const char *name;          /* "fetch", "read", "compute", "render"... */
	long ms;
};

enum manifest_change_type {
	MANIFEST_MODIFIED = 0,     /* same input, other bytes */
	MANIFEST_ADDED,            /* not in the previous manifest */
	MANIFEST_REMOVED           /* in the previous manifest only */
};

struct manifest_change {
	enum manifest_kind kind;
	const char *name;          /* id, else path, else url of the input */
	enum manifest_change_type change;
};

struct manifest {
	const char *eimon_version;
	const char *edition;       /* "2026-W47" */
	int issue;                 /* 0: unknown */
	const char *status;        /* "ok", "warnings" */
	int revision;              /* 0: first publication */
	struct manifest_input *inputs;
	size_t n_inputs, cap_inputs;
	struct manifest_change *changes;
	size_t n_changes, cap_changes;
	struct manifest_output *outputs;
	size_t n_outputs, cap_outputs;
	struct manifest_stage *stages;
	size_t n_stages, cap_stages;
};

void manifest_init(struct manifest *m);
void manifest_release(struct manifest *m);

/* Replace the string in *slot (a field of m) by a copy of s (NULL ok). */
void manifest_set(const char **slot, const char *s);
void manifest_add_input(struct manifest *m, const struct manifest_input *in);
void manifest_add_output(struct manifest *m, const char *name,
			 const char sha256[SHA256_HEX_LEN], size_t bytes);
void manifest_add_stage(struct manifest *m, const char *name, long ms);
void manifest_add_change(struct manifest *m, enum manifest_kind kind,
			 const char *name, enum manifest_change_type change);
/* Remove all outputs (publish fills them from what it staged). */
void manifest_clear_outputs(struct manifest *m);

/* "config", "template", "note", "edition", "feed"; and back (0 / -1). */
const char *manifest_kind_name(enum manifest_kind k);
int manifest_kind_parse(const char *s, enum manifest_kind *out);
const char *manifest_change_name(enum manifest_change_type c);

/* The key an input is matched by between two manifests: its id, else its
 * path, else its url ("" when it has none). */
const char *manifest_input_name(const struct manifest_input *in);
/* Replace m's changes by the differences of m's inputs from old's
 * (matched by kind and name; compared by sha256). Returns the count. */
size_t manifest_diff_inputs(const struct manifest *old, struct manifest *m);
/* Find an output by name; NULL when absent. */
const struct manifest_output *manifest_find_output(const struct manifest *m,
						   const char *name);

/* Append m as JSON (layout above, trailing newline). -1 when the strbuf
 * cap is hit. */
int manifest_to_json(const struct manifest *m, struct strbuf *sb);
/* Parse manifest JSON into m (initialised by the call; release it even on
 * failure). file names the source in errors. EIM_DATA on bad JSON or a
 * wrong type; missing keys are left at their defaults. */
int manifest_parse(const char *text, size_t len, const char *file,
		   struct manifest *m, struct eim_error *err);
/* Read and parse a manifest.json. EIM_NOINPUT when it does not exist. */
int manifest_read_file(const char *path, struct manifest *m,
		       struct eim_error *err);

#endif
