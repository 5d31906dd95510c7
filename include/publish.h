/* publish.h - atomic edition folders (SPEC §6, issue 7).
 *
 * Layout of an output folder OUT:
 *   OUT/.eimon.lock           the build lock (flock; holds the PID)
 *   OUT/YYYY-Www/             one folder per edition:
 *       monitor.pdf, monitor-partners.pdf (when partners notes exist),
 *       figures.csv, manifest.json,
 *       previous/<n>/         the files replaced by revision n
 *       places/CODE/          the edition about place CODE (the same
 *                             files, its own previous/<n>/)
 *   OUT/latest -> YYYY-Www    the newest complete edition (symlink)
 *   OUT/.places/              the places' locks and staging folders
 *
 * A build is one transaction:
 *
 *   struct publish *pub = NULL;
 *   if (publish_begin(out, "2026-W47", &pub, err))   lock, clean up, stage
 *           goto out;                                (do this FIRST, before
 *                                                     fetching: a second
 *                                                     build then fails at
 *                                                     once with 75)
 *   revised = publish_is_revision(pub, &m);          for the sources text
 *   publish_add(pub, "monitor.pdf", pdf, n, err);    ... every output
 *   publish_commit(pub, &m, &res, err);              all or nothing
 * out:
 *   publish_free(pub);                               aborts if not
 *                                                     committed; unlocks
 *
 * Guarantees: at every instant (even across SIGKILL or a power cut once
 * the folder is synced) OUT/YYYY-Www is either absent (first build), the
 * complete previous edition, or the complete new one; a failed or killed
 * build leaves the previous edition exactly as it was, and the next
 * publish_begin removes what it left behind. A rebuild whose outputs and
 * inputs are identical changes nothing at all (no file is rewritten, so
 * mtimes stay). See the comment at the top of publish.c for the scheme.
 * One file of a published folder is rewritten in place, under the lock:
 * send-log.json (and with it manifest.json), by `eimon send` (send.h);
 * publish_carry keeps it across rebuilds.
 *
 * Ownership: struct publish is opaque and owned by the caller from
 * publish_begin to publish_free. The struct manifest passed to
 * publish_commit stays the caller's; publish fills in its edition,
 * eimon_version, outputs, revision and changes. */
#ifndef EIMON_PUBLISH_H
#define EIMON_PUBLISH_H

#include <stddef.h>

#include "error.h"
#include "manifest.h"

struct publish;

enum publish_outcome {
	PUBLISH_NEW = 0,    /* first publication of the week */
	PUBLISH_REVISED,    /* replaced an edition; old files in previous/<n>/ */
	PUBLISH_UNCHANGED   /* same inputs and bytes: nothing was touched */
};

struct publish_result {
	enum publish_outcome outcome;
	int revision;                 /* the edition's revision number */
	char dir[EIM_PATH_MAX];       /* OUT/YYYY-Www */
};

/* Create OUT if needed, take the lock (EIM_TEMPFAIL when another build
 * holds it: "another build (pid N) holds the lock on 'OUT'"), remove what
 * a killed build left behind, read the week's current manifest (if any)
 * and create the staging folder. week is "YYYY-Www" (EIM_USAGE
 * otherwise). Unwritable OUT: EIM_CANTCREAT. */
int publish_begin(const char *out_dir, const char *week,
		  struct publish **out, struct eim_error *err);

/* The same for the edition about place code, OUT/YYYY-Www/places/CODE/:
 * its lock and staging folder are OUT/.places/CODE/ (so builds of
 * different places, in one process or many sharing OUT, run at once),
 * and its commit swaps that one folder into the week's places/ under
 * OUT/.places/.eimon.lock, which the area's commit also holds while it
 * carries the week's places/ over into its own new week folder: neither
 * loses the other's editions. A place's edition never moves `latest`.
 * EIM_USAGE for a code that is not a plain file name. */
int publish_begin_place(const char *out_dir, const char *week,
			const char *code, struct publish **out,
			struct eim_error *err);

/* The manifest of the edition currently published for this week, or NULL
 * (none, or unreadable: then the week is republished as a revision). */
const struct manifest *publish_previous_manifest(const struct publish *pub);

/* 1 when this build, with m's inputs, will be (or reproduce) a revision of
 * an edition already published: the week has an edition and its inputs
 * differ from m's, or it is itself a revision. The PDF's sources section
 * then says "revised since first publication". 0 otherwise. */
int publish_is_revision(const struct publish *pub, const struct manifest *m);

/* Stage output name ("monitor.pdf", "figures.csv"...; a plain file name,
 * not manifest.json, not starting with '.'): written to a temporary file,
 * fsynced, renamed inside the staging folder. Adding a name twice is an
 * error. */
int publish_add(struct publish *pub, const char *name, const void *data,
		size_t len, struct eim_error *err);
/* The same with data's sha256 (hex) given by the caller, who hashed most
 * of it once for many editions (NULL: hashed here). */
int publish_add_hashed(struct publish *pub, const char *name,
		       const void *data, size_t len,
		       const char *sha256, struct eim_error *err);

/* Stage the live edition's file name unchanged, when it has one (a file
 * that outlives rebuilds: the send log). Not there: nothing, 0. */
int publish_carry(struct publish *pub, const char *name,
		  struct eim_error *err);

/* Publish what was staged, with m's inputs, issue, status and stages.
 * res (may be NULL) says what happened. On failure the published edition
 * is as it was. The transaction is over either way (publish_free next). */
int publish_commit(struct publish *pub, struct manifest *m,
		   struct publish_result *res, struct eim_error *err);

/* Remove everything staged; the published edition is untouched. The lock
 * is kept until publish_free. Safe to call twice or after commit. */
void publish_abort(struct publish *pub);

/* Abort if not committed, release the lock, free. NULL is fine. */
void publish_free(struct publish *pub);

/* The previous edition's figures, for "since last week's monitor". */
struct publish_figures {
	char week[16];   /* its week, "2026-W46"; "" when there is none */
	char *path;      /* OUT/YYYY-Www/figures.csv, or NULL */
	char *text;      /* the file, NUL-terminated, or NULL */
	size_t len;
};

/* Load figures.csv of the newest complete edition (one with a
 * manifest.json) in OUT (OUT/YYYY-Www/places/PLACE when place is not
 * NULL) whose week is before week; it need not be the
 * week just before (the caller words "since the monitor of ..." from
 * f->week). No such edition, or no OUT yet, is not an error: f->text is
 * NULL. Stable when called while holding the lock (after publish_begin).
 * Release with publish_figures_release (also after a failure). */
int publish_load_previous_figures(const char *out_dir, const char *week,
				  const char *place, struct publish_figures *f,
				  struct eim_error *err);
void publish_figures_release(struct publish_figures *f);

/* Check an edition folder against its manifest: every output listed
 * exists with its sha256 and size, and no other file sits beside them.
 * EIM_DATA naming the first file that does not match. */
int publish_verify_edition(const char *edition_dir, struct eim_error *err);

/* Tests only: when set, called at each step of publish_commit ("previous",
 * "manifest", "synced", "aside" (fallback only), "swapped", "tidied",
 * "latest") so that a test can kill the process exactly there. */
extern void (*publish_test_hook)(const char *step);

/* 0 when s is a canonical ISO week "YYYY-Www" (W01..W53). */
int publish_week_valid(const char *s);

#endif
