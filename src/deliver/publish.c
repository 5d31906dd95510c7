/* publish.c - atomic edition folders (see publish.h).
 *
 * The scheme: build the whole new edition in a staging folder beside it,
 * OUT/.YYYY-Www.tmp.PID/, then swap folders. Why folders and not files:
 * an edition is several files (PDFs, figures.csv, manifest.json) that must
 * agree; renaming them one by one into the live folder lets a reader (or
 * a crash) see the new PDF next to the old figures. One rename(2) of a
 * folder changes them all at once.
 *
 *  1. publish_begin: lock OUT, remove leftovers of killed builds (every
 *     OUT/.*.tmp.* and .*.old.*; a build holding the lock is the only
 *     writer, so whatever is there is dead), read the live manifest,
 *     mkdir the staging folder.
 *  2. publish_add: each output is written to .NAME.tmp.PID in the staging
 *     folder, fsynced and renamed to NAME.
 *  3. publish_commit:
 *     a. Unchanged? When the live edition has exactly the staged files
 *        with the same bytes and its manifest the same input hashes, the
 *        staging folder is deleted and nothing else happens: the live
 *        files keep their bytes, inode and mtime, and the old manifest
 *        (with the old stage durations and fetch times) stays. That is
 *        how "same inputs, same bytes, nothing changes" coexists with
 *        wall-clock durations in the manifest.
 *     b. Revision: the live files are hard-linked (copied if links are
 *        not possible) into STAGING/previous/<n>/ and the live previous/
 *        tree into STAGING/previous/. The live folder is only read, so a
 *        crash here loses nothing.
 *     c. manifest.json is written last into the staging folder, which is
 *        then fsynced: the staged folder is now a complete edition.
 *     d. Swap: renameat2(RENAME_EXCHANGE) swaps the live and staged
 *        folders in one step, so OUT/YYYY-Www names a complete edition at
 *        every instant. The first publication is a plain rename. Where
 *        exchange is not supported (some network file systems) the live
 *        folder is renamed to OUT/.YYYY-Www.old.PID and the staged one
 *        into place; between the two renames the week is absent (never
 *        mixed), and publish_begin renames .old back if a crash hit that
 *        window. OUT is fsynced.
 *     e. The old folder (now at the staging name) is removed, and
 *        OUT/latest is re-pointed (symlink .latest.tmp.PID, rename(2))
 *        when the newest edition changed.
 *  Published edition folders are never modified in place; a reader that
 *  opens the folder (or follows latest) once sees one edition. A reader
 *  that opens files by path at different times can straddle a swap; the
 *  manifest's sha256 of every output lets it detect that. */
#include "publish.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "atomic.h"
#include "lock.h"
#include "period.h"
#include "sha256.h"
#include "strbuf.h"
#include "xalloc.h"
#include "banned.h"

#ifndef EIMON_VERSION
#define EIMON_VERSION "unknown"
#endif

#define MANIFEST_NAME "manifest.json"
#define PREVIOUS_NAME "previous"
#define LATEST_NAME "latest"
#define PLACES_NAME "places"     /* OUT/YYYY-Www/places/CODE/ */
#define PLACES_WORK ".places"    /* OUT/.places/: their locks, staging */

void (*publish_test_hook)(const char *step);

static void step(const char *name)
{
	if (publish_test_hook)
		publish_test_hook(name);
}

struct staged {
	char *name;
	char sha256[SHA256_HEX_LEN];
	size_t bytes;
};

struct publish {
	struct out_lock lock;
	struct out_lock places_lock; /* OUT/.places/.eimon.lock, at commit */
	char out[EIM_PATH_MAX];      /* OUT */
	char week[16];               /* YYYY-Www */
	const char *place;           /* NULL, or the place's code (in code) */
	char code[128];
	char work[EIM_PATH_MAX];     /* OUT, or OUT/.places/CODE for a place */
	char parent[EIM_PATH_MAX];   /* OUT, or OUT/YYYY-Www/places */
	char live[EIM_PATH_MAX];     /* OUT/YYYY-Www[/places/CODE] */
	char stage[EIM_PATH_MAX];    /* WORK/.YYYY-Www.tmp.PID */
	int live_exists;             /* the live folder exists */
	int live_edition;            /* ... and holds an edition */
	struct manifest prev;
	int have_prev;
	struct staged *files;
	size_t n_files, cap_files;
	int staging;                 /* the staging folder exists */
	int done;                    /* committed or aborted */
};

int publish_week_valid(const char *s)
{
	int i, w;

	if (strlen(s) != 8 || s[4] != '-' || s[5] != 'W')
		return -1;
	for (i = 0; i < 8; i++)
		if (i != 4 && i != 5 && (s[i] < '0' || s[i] > '9'))
			return -1;
	w = (s[6] - '0') * 10 + (s[7] - '0');
	return w >= 1 && w <= 53 ? 0 : -1;
}

/* A temporary name of ours: ".X.tmp.N" or ".X.old.N". */
static int is_leftover(const char *name)
{
	return name[0] == '.' &&
	       (strstr(name, ".tmp.") != NULL || strstr(name, ".old.") != NULL);
}

/* From ".2026-W47.old.123" the week "2026-W47" into buf, or -1. */
static int leftover_week(const char *name, char buf[16])
{
	if (strlen(name) < 10 || name[0] != '.' || strncmp(name + 9, ".old.", 5))
		return -1;
	memcpy(buf, name + 1, 8);
	buf[8] = '\0';
	return publish_week_valid(buf);
}

/* The live folder of week's edition of pub's subject into buf. */
static int week_live(const struct publish *pub, const char *week,
		     char buf[EIM_PATH_MAX])
{
	int n = pub->place
		? snprintf(buf, EIM_PATH_MAX, "%s/%s/%s/%s", pub->out, week,
			   PLACES_NAME, pub->place)
		: snprintf(buf, EIM_PATH_MAX, "%s/%s", pub->out, week);

	return n < 0 || n >= EIM_PATH_MAX ? -1 : 0;
}

/* A place's OUT/YYYY-Www/places/ is made when its first edition is
 * published (the area's may come later, or never). */
static int live_parent_made(const struct publish *pub, const char *live)
{
	char dir[EIM_PATH_MAX];
	const char *slash = strrchr(live, '/');
	struct eim_error e;

	if (!pub->place)
		return 0;
	if (!slash || (size_t)(slash - live) >= sizeof(dir))
		return -1;
	memcpy(dir, live, (size_t)(slash - live));
	dir[slash - live] = '\0';
	eim_error_init(&e);
	return atomic_mkdirs(dir, "output folder", &e);
}

/* Remove leftovers of killed builds in the work folder (OUT, or a
 * place's OUT/.places/CODE; see the scheme above). An .old folder whose
 * week is missing is the live edition of a build killed between the two
 * fallback renames: it goes back into place. */
static void clean_leftovers(const struct publish *pub)
{
	const char *out = pub->work;
	DIR *d = opendir(out);
	struct dirent *de;
	char path[EIM_PATH_MAX], live[EIM_PATH_MAX], week[16];
	struct stat st;

	if (!d)
		return;
	while ((de = readdir(d)) != NULL) {
		if (!is_leftover(de->d_name) ||
		    atomic_path(path, out, de->d_name))
			continue;
		/* only a real folder of ours goes back: a symbolic link
		 * planted under that name would make `latest` resolve into
		 * its target */
		if (leftover_week(de->d_name, week) == 0 &&
		    lstat(path, &st) == 0 && S_ISDIR(st.st_mode) &&
		    week_live(pub, week, live) == 0 &&
		    lstat(live, &st) && errno == ENOENT &&
		    live_parent_made(pub, live) == 0 &&
		    rename(path, live) == 0) {
			struct eim_error ignored;

			eim_error_init(&ignored);
			atomic_fsync_dir(out, &ignored);
			continue;
		}
		atomic_remove_tree(path);
	}
	closedir(d);
}

/* Temporary files inside a folder (from older schemes, or copies). */
static void clean_temp_files(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char path[EIM_PATH_MAX];

	if (!d)
		return;
	while ((de = readdir(d)) != NULL)
		if (is_leftover(de->d_name) &&
		    atomic_path(path, dir, de->d_name) == 0)
			atomic_remove_tree(path);
	closedir(d);
}

/* OUT/latest must be ours to replace: checked before anything is
 * published, so that a refusal means the previous edition is untouched
 * (exit 73), never "published, then failed". */
static int check_latest(const char *out, struct eim_error *err)
{
	char path[EIM_PATH_MAX];
	struct stat st;

	if (atomic_path(path, out, LATEST_NAME))
		return eim_error_set(err, EIM_CANTCREAT, out, 0, 0,
				     "path too long");
	if (lstat(path, &st) == 0 && !S_ISLNK(st.st_mode))
		return eim_error_set(err, EIM_CANTCREAT, path, 0, 0,
				     "not a symbolic link: eimon keeps '%s' "
				     "pointing at the newest edition and will "
				     "not replace a %s there", LATEST_NAME,
				     S_ISDIR(st.st_mode) ? "folder" : "file");
	return 0;
}

/* 1 when dir holds a regular file (an edition's, not only places/). */
static int has_files(const char *dir);

/* The places' lock: held while a place's edition is swapped into the
 * week folder, and while the area's edition carries the week's places
 * over into its own swap, so that neither loses the other's. */
static int lock_places(struct publish *pub, struct eim_error *err)
{
	char dir[EIM_PATH_MAX];

	if (pub->places_lock.fd >= 0)
		return 0;
	if (atomic_path(dir, pub->out, PLACES_WORK))
		return eim_error_set(err, EIM_CANTCREAT, pub->out, 0, 0,
				     "path too long");
	return atomic_mkdirs(dir, "output folder", err) ||
	       out_lock_wait(&pub->places_lock, dir, err) ? -1 : 0;
}

/* A place's code as a folder name: a plain name. */
static int code_ok(const char *code)
{
	return code[0] && code[0] != '.' && !strchr(code, '/') &&
	       strlen(code) < 128;
}

static int begin(const char *out_dir, const char *week, const char *place,
		 struct publish **out, struct eim_error *err)
{
	struct publish *p;
	struct eim_error perr;
	char mpath[EIM_PATH_MAX], sname[64];
	struct stat st;
	int ret = -1;

	*out = NULL;
	if (publish_week_valid(week))
		return eim_error_set(err, EIM_USAGE, NULL, 0, 0,
				     "bad week '%s' (want YYYY-Www)", week);
	if (place && !code_ok(place))
		return eim_error_set(err, EIM_USAGE, NULL, 0, 0,
				     "bad place code '%s'", place);
	p = xcalloc(1, sizeof(*p));
	p->lock.fd = -1;
	p->places_lock.fd = -1;
	manifest_init(&p->prev);
	snprintf(p->week, sizeof(p->week), "%s", week);
	if (place) {
		snprintf(p->code, sizeof(p->code), "%s", place);
		p->place = p->code;
	}
	snprintf(sname, sizeof(sname), ".%s.tmp.%ld", week, (long)getpid());
	if (snprintf(p->out, sizeof(p->out), "%s", out_dir) >=
		    (int)sizeof(p->out) ||
	    (place ? snprintf(p->work, sizeof(p->work), "%s/%s/%s", out_dir,
			      PLACES_WORK, place)
		   : snprintf(p->work, sizeof(p->work), "%s", out_dir)) >=
		    (int)sizeof(p->work) ||
	    week_live(p, week, p->live) ||
	    atomic_path(p->stage, p->work, sname) ||
	    atomic_path(mpath, p->live, MANIFEST_NAME)) {
		eim_error_set(err, EIM_CANTCREAT, NULL, 0, 0,
			      "output folder name '%s' is too long", out_dir);
		goto out;
	}
	snprintf(p->parent, sizeof(p->parent), "%s", p->live);
	*strrchr(p->parent, '/') = '\0';
	if (atomic_mkdirs(p->work, "output folder", err) ||
	    out_lock_acquire(&p->lock, p->work, err))
		goto out;
	/* a place's leftovers may go back into the week folder */
	if (place && lock_places(p, err))
		goto out;
	clean_leftovers(p);
	out_lock_release(&p->places_lock);
	if (!place && check_latest(out_dir, err))
		goto out;
	if (lstat(p->live, &st) == 0) {
		if (!S_ISDIR(st.st_mode)) {
			eim_error_set(err, EIM_CANTCREAT, p->live, 0, 0,
				      "edition path is not a folder");
			goto out;
		}
		p->live_exists = 1;
		clean_temp_files(p->live);
		/* An unreadable manifest is not fatal: the week is then
		 * republished as a revision. */
		eim_error_init(&perr);
		if (manifest_read_file(mpath, &p->prev, &perr) == 0)
			p->have_prev = 1;
		else
			manifest_release(&p->prev);
		/* a week folder holding only places' editions has no
		 * edition of the area yet */
		p->live_edition = p->have_prev || has_files(p->live);
	}
	if (mkdir(p->stage, 0755)) {
		eim_error_set(err, EIM_CANTCREAT, NULL, 0, 0,
			      "cannot create a folder in output folder "
			      "'%s': %s", p->work, strerror(errno));
		goto out;
	}
	p->staging = 1;
	ret = 0;
out:
	if (ret)
		publish_free(p);
	else
		*out = p;
	return ret;
}

int publish_begin(const char *out_dir, const char *week,
		  struct publish **out, struct eim_error *err)
{
	return begin(out_dir, week, NULL, out, err);
}

int publish_begin_place(const char *out_dir, const char *week,
			const char *code, struct publish **out,
			struct eim_error *err)
{
	return begin(out_dir, week, code, out, err);
}

const struct manifest *publish_previous_manifest(const struct publish *pub)
{
	return pub->have_prev ? &pub->prev : NULL;
}

/* 1 when a and b have different inputs (by kind, name and sha256). */
static int inputs_differ(const struct manifest *old, const struct manifest *m)
{
	struct manifest tmp;
	size_t i, n;

	manifest_init(&tmp);
	for (i = 0; i < m->n_inputs; i++)
		manifest_add_input(&tmp, &m->inputs[i]);
	n = manifest_diff_inputs(old, &tmp);
	manifest_release(&tmp);
	return n != 0;
}

int publish_is_revision(const struct publish *pub, const struct manifest *m)
{
	if (!pub->live_edition)
		return 0;
	if (!pub->have_prev)
		return 1;
	return pub->prev.revision > 0 || inputs_differ(&pub->prev, m);
}

/* An output's name: a plain name that is none of the edition's own. */
static int name_ok(const char *name)
{
	return code_ok(name) && strcmp(name, MANIFEST_NAME) &&
	       strcmp(name, PREVIOUS_NAME) && strcmp(name, PLACES_NAME);
}

int publish_add(struct publish *pub, const char *name, const void *data,
		size_t len, struct eim_error *err)
{
	return publish_add_hashed(pub, name, data, len, NULL, err);
}

int publish_add_hashed(struct publish *pub, const char *name,
		       const void *data, size_t len,
		       const char *sha256, struct eim_error *err)
{
	struct staged *s;
	size_t i;

	if (pub->done || !pub->staging)
		return eim_error_set(err, EIM_SOFTWARE, NULL, 0, 0,
				     "publish_add after commit or abort");
	if (!name_ok(name))
		return eim_error_set(err, EIM_SOFTWARE, NULL, 0, 0,
				     "bad output name '%s'", name);
	for (i = 0; i < pub->n_files; i++)
		if (!strcmp(pub->files[i].name, name))
			return eim_error_set(err, EIM_SOFTWARE, NULL, 0, 0,
					     "output '%s' added twice", name);
	if (atomic_write_file(pub->stage, name, data, len, err))
		return -1;
	XGROW(pub->files, pub->cap_files, pub->n_files + 1);
	s = &pub->files[pub->n_files++];
	s->name = xstrdup(name);
	if (sha256)
		snprintf(s->sha256, sizeof(s->sha256), "%s", sha256);
	else
		sha256_hex(data, len, s->sha256);
	s->bytes = len;
	return 0;
}

int publish_carry(struct publish *pub, const char *name,
		  struct eim_error *err)
{
	char path[EIM_PATH_MAX];
	char *data;
	size_t len;
	int ret;

	if (!pub->live_exists || !name_ok(name) ||
	    atomic_path(path, pub->live, name))
		return 0;
	if (atomic_read_file(path, &data, &len))
		return errno == ENOENT ? 0
		       : eim_error_set(err, EIM_CANTCREAT, path, 0, 0,
				       "cannot read: %s", strerror(errno));
	ret = publish_add(pub, name, data, len, err);
	free(data);
	return ret;
}

/* --- folder listings --------------------------------------------------- */

struct names {
	char **v;
	size_t n, cap;
};

static void names_release(struct names *ns)
{
	size_t i;

	for (i = 0; i < ns->n; i++)
		free(ns->v[i]);
	free(ns->v);
	memset(ns, 0, sizeof(*ns));
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Entries of dir that are regular files (want_dirs 0) or folders (1),
 * without dot names, sorted. -1 with errno when dir cannot be read. */
static int list_dir(const char *dir, int want_dirs, struct names *ns)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char path[EIM_PATH_MAX];
	struct stat st;

	memset(ns, 0, sizeof(*ns));
	if (!d)
		return -1;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' ||
		    atomic_path(path, dir, de->d_name) || lstat(path, &st))
			continue;
		if (want_dirs ? !S_ISDIR(st.st_mode) : !S_ISREG(st.st_mode))
			continue;
		XGROW(ns->v, ns->cap, ns->n + 1);
		ns->v[ns->n++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (ns->n)
		qsort(ns->v, ns->n, sizeof(ns->v[0]), cmp_name);
	return 0;
}

static int has_files(const char *dir)
{
	struct names ns;
	int n;

	if (list_dir(dir, 0, &ns))
		return 0;
	n = ns.n > 0;
	names_release(&ns);
	return n;
}

static int file_sha(const char *path, char sha[SHA256_HEX_LEN], size_t *len)
{
	char *data;

	if (atomic_read_file(path, &data, len))
		return -1;
	sha256_hex(data, *len, sha);
	free(data);
	return 0;
}

/* 1 when the live folder holds exactly the staged outputs (plus
 * manifest.json) with the same bytes. */
static int live_outputs_same(const struct publish *pub)
{
	struct names ns;
	char path[EIM_PATH_MAX], sha[SHA256_HEX_LEN];
	size_t i, j, n = 0, len;
	int same = 1;

	if (list_dir(pub->live, 0, &ns))
		return 0;
	for (i = 0; i < ns.n && same; i++) {
		const struct staged *s = NULL;

		if (!strcmp(ns.v[i], MANIFEST_NAME))
			continue;
		n++;
		for (j = 0; j < pub->n_files; j++)
			if (!strcmp(pub->files[j].name, ns.v[i]))
				s = &pub->files[j];
		if (!s || atomic_path(path, pub->live, ns.v[i]) ||
		    file_sha(path, sha, &len) || len != s->bytes ||
		    strcmp(sha, s->sha256))
			same = 0;
	}
	names_release(&ns);
	return same && n == pub->n_files;
}

/* 1 when manifest m lists exactly the staged outputs. */
static int manifest_outputs_same(const struct manifest *m,
				 const struct publish *pub)
{
	size_t i;

	if (m->n_outputs != pub->n_files)
		return 0;
	for (i = 0; i < pub->n_files; i++) {
		const struct manifest_output *o =
			manifest_find_output(m, pub->files[i].name);

		if (!o || o->bytes != pub->files[i].bytes ||
		    strcmp(o->sha256, pub->files[i].sha256))
			return 0;
	}
	return 1;
}

/* --- revisions --------------------------------------------------------- */

/* Link every regular file of from into the (new) folder to. */
static int link_files(const char *from, const char *to, struct eim_error *err)
{
	struct names ns;
	char a[EIM_PATH_MAX], b[EIM_PATH_MAX];
	size_t i;
	int ret = -1;

	if (list_dir(from, 0, &ns))
		return eim_error_set(err, EIM_CANTCREAT, from, 0, 0,
				     "cannot read folder: %s", strerror(errno));
	if (mkdir(to, 0755)) {
		eim_error_set(err, EIM_CANTCREAT, to, 0, 0,
			      "cannot create folder: %s", strerror(errno));
		goto out;
	}
	for (i = 0; i < ns.n; i++) {
		if (atomic_path(a, from, ns.v[i]) ||
		    atomic_path(b, to, ns.v[i])) {
			eim_error_set(err, EIM_CANTCREAT, from, 0, 0,
				      "path too long");
			goto out;
		}
		if (atomic_link_or_copy(a, b, err))
			goto out;
	}
	ret = atomic_fsync_dir(to, err);
out:
	names_release(&ns);
	return ret;
}

static int parse_revision_dir(const char *s)
{
	char *end;
	long v;

	if (s[0] < '1' || s[0] > '9')
		return 0;
	errno = 0;
	v = strtol(s, &end, 10);
	return errno || *end || v > 1000000 ? 0 : (int)v;
}

/* Carry the live previous/ tree over and add the live files as
 * previous/<n>/. Returns n via *rev. */
static int stage_previous(struct publish *pub, int *rev,
			  struct eim_error *err)
{
	char lprev[EIM_PATH_MAX], sprev[EIM_PATH_MAX];
	char a[EIM_PATH_MAX], b[EIM_PATH_MAX], num[24];
	struct names ns;
	size_t i;
	int n = pub->have_prev ? pub->prev.revision : 0, ret = -1;

	memset(&ns, 0, sizeof(ns));
	if (atomic_path(lprev, pub->live, PREVIOUS_NAME) ||
	    atomic_path(sprev, pub->stage, PREVIOUS_NAME))
		return eim_error_set(err, EIM_CANTCREAT, pub->live, 0, 0,
				     "path too long");
	if (mkdir(sprev, 0755))
		return eim_error_set(err, EIM_CANTCREAT, sprev, 0, 0,
				     "cannot create folder: %s",
				     strerror(errno));
	if (list_dir(lprev, 1, &ns) && errno != ENOENT) {
		eim_error_set(err, EIM_CANTCREAT, lprev, 0, 0,
			      "cannot read folder: %s", strerror(errno));
		goto out;
	}
	for (i = 0; i < ns.n; i++) {
		int k = parse_revision_dir(ns.v[i]);

		if (k > n)
			n = k;
		if (atomic_path(a, lprev, ns.v[i]) ||
		    atomic_path(b, sprev, ns.v[i]) || link_files(a, b, err))
			goto out;
	}
	n++;
	snprintf(num, sizeof(num), "%d", n);
	if (atomic_path(b, sprev, num) || link_files(pub->live, b, err) ||
	    atomic_fsync_dir(sprev, err))
		goto out;
	*rev = n;
	ret = 0;
out:
	names_release(&ns);
	return ret;
}

/* --- latest ------------------------------------------------------------ */

/* The newest week with a complete edition (< before when before is not
 * NULL; the area's, or in OUT/YYYY-Www/sub when sub is not NULL; with
 * file `need` in it) into buf; -1 when none. */
static int newest_edition(const char *out, const char *before,
			  const char *sub, const char *need, char buf[16])
{
	struct names ns;
	char wdir[EIM_PATH_MAX], path[EIM_PATH_MAX], file[EIM_PATH_MAX];
	struct stat st;
	size_t i;
	int ret = -1;

	if (list_dir(out, 1, &ns))
		return -1;
	for (i = ns.n; i-- > 0;) {
		if (publish_week_valid(ns.v[i]) ||
		    (before && strcmp(ns.v[i], before) >= 0))
			continue;
		if (atomic_path(wdir, out, ns.v[i]) ||
		    (sub ? atomic_path(path, wdir, sub)
			 : atomic_path(path, out, ns.v[i])) ||
		    atomic_path(file, path, MANIFEST_NAME) ||
		    stat(file, &st))
			continue;
		if (need && (atomic_path(file, path, need) || stat(file, &st)))
			continue;
		snprintf(buf, 16, "%s", ns.v[i]);
		ret = 0;
		break;
	}
	names_release(&ns);
	return ret;
}

/* The week after the current ISO week (UTC), "YYYY-Www": editions of
 * that week or later are in the future and never become `latest`, so an
 * edition built ahead of time (or planted) cannot hold it. */
static void next_week(char buf[16])
{
	time_t now = time(NULL);
	struct period w = period_of_day((long)(now / 86400) + 7, PERIOD_WEEK);

	period_format(&w, buf, 16);
}

static int update_latest(const char *out, struct eim_error *err)
{
	char newest[16], path[EIM_PATH_MAX], cur[64], limit[16];
	ssize_t n;

	next_week(limit);
	if (newest_edition(out, limit, NULL, NULL, newest))
		return 0;
	if (atomic_path(path, out, LATEST_NAME))
		return eim_error_set(err, EIM_CANTCREAT, out, 0, 0,
				     "path too long");
	n = readlink(path, cur, sizeof(cur) - 1);
	if (n >= 0) {
		cur[n] = '\0';
		if (!strcmp(cur, newest))
			return 0;
	}
	if (atomic_symlink(out, LATEST_NAME, newest, err))
		return -1;
	return atomic_fsync_dir(out, err);
}

/* --- commit ------------------------------------------------------------ */

/* Link the tree from (an edition's places/: places/CODE/, their
 * previous/<n>/) into the new folder to. */
static int link_tree(const char *from, const char *to, int depth,
		     struct eim_error *err)
{
	struct names ns;
	char a[EIM_PATH_MAX], b[EIM_PATH_MAX];
	size_t i;
	int ret = -1;

	if (link_files(from, to, err))
		return -1;
	if (list_dir(from, 1, &ns))
		return eim_error_set(err, EIM_CANTCREAT, from, 0, 0,
				     "cannot read folder: %s", strerror(errno));
	for (i = 0; i < ns.n; i++) {
		if (depth >= 4) {
			eim_error_set(err, EIM_CANTCREAT, from, 0, 0,
				      "unexpected folder '%s'", ns.v[i]);
			goto out;
		}
		if (atomic_path(a, from, ns.v[i]) ||
		    atomic_path(b, to, ns.v[i])) {
			eim_error_set(err, EIM_CANTCREAT, from, 0, 0,
				      "path too long");
			goto out;
		}
		if (link_tree(a, b, depth + 1, err))
			goto out;
	}
	ret = 0;
out:
	names_release(&ns);
	return ret;
}

/* The live folder may have been made (by a place's edition) since
 * publish_begin; a place's week folder is made when missing. Under the
 * places' lock. */
static int refresh_live(struct publish *pub, struct eim_error *err)
{
	struct stat st;

	if (pub->place && atomic_mkdirs(pub->parent, "output folder", err))
		return -1;
	if (lstat(pub->live, &st) == 0) {
		if (!S_ISDIR(st.st_mode))
			return eim_error_set(err, EIM_CANTCREAT, pub->live, 0,
					     0, "edition path is not a folder");
		pub->live_exists = 1;
	} else {
		pub->live_exists = 0;
	}
	return 0;
}

/* The area's new week folder keeps the places' editions published in
 * the live one (linked, so the swap changes no place's files). */
static int carry_places(struct publish *pub, struct eim_error *err)
{
	char from[EIM_PATH_MAX], to[EIM_PATH_MAX];
	struct stat st;

	if (pub->place || !pub->live_exists)
		return 0;
	if (atomic_path(from, pub->live, PLACES_NAME) ||
	    atomic_path(to, pub->stage, PLACES_NAME))
		return eim_error_set(err, EIM_CANTCREAT, pub->live, 0, 0,
				     "path too long");
	if (lstat(from, &st) || !S_ISDIR(st.st_mode))
		return 0;
	return link_tree(from, to, 0, err);
}

static int swap_in(struct publish *pub, struct eim_error *err)
{
	char old[EIM_PATH_MAX], oname[64];
	int r;

	if (!pub->live_exists) {
		if (rename(pub->stage, pub->live))
			return eim_error_set(err, EIM_CANTCREAT, pub->live, 0,
					     0, "cannot publish: %s",
					     strerror(errno));
		pub->staging = 0;
		return 0;
	}
	r = atomic_exchange(pub->stage, pub->live, err);
	if (r < 0)
		return -1;
	if (r == 0)
		return 0; /* the old edition is now at pub->stage */
	snprintf(oname, sizeof(oname), ".%s.old.%ld", pub->week,
		 (long)getpid());
	if (atomic_path(old, pub->work, oname))
		return eim_error_set(err, EIM_CANTCREAT, pub->work, 0, 0,
				     "path too long");
	if (rename(pub->live, old))
		return eim_error_set(err, EIM_CANTCREAT, pub->live, 0, 0,
				     "cannot move aside: %s", strerror(errno));
	step("aside");
	if (rename(pub->stage, pub->live)) {
		int e = errno;

		if (rename(old, pub->live)) {
			/* publish_begin of the next build puts it back */
		}
		return eim_error_set(err, EIM_CANTCREAT, pub->live, 0, 0,
				     "cannot publish: %s", strerror(e));
	}
	pub->staging = 0;
	atomic_remove_tree(old);
	return 0;
}

int publish_commit(struct publish *pub, struct manifest *m,
		   struct publish_result *res, struct eim_error *err)
{
	struct strbuf json = STRBUF_INIT;
	enum publish_outcome outcome;
	size_t i;
	int rev = 0, ret = -1;

	if (pub->done || !pub->staging)
		return eim_error_set(err, EIM_SOFTWARE, NULL, 0, 0,
				     "publish_commit after commit or abort");
	if (!pub->n_files) {
		eim_error_set(err, EIM_SOFTWARE, NULL, 0, 0,
			      "nothing to publish");
		goto out;
	}
	manifest_set(&m->edition, pub->week);
	manifest_set(&m->eimon_version, EIMON_VERSION);
	if (!m->status)
		manifest_set(&m->status, "ok");
	manifest_clear_outputs(m);
	for (i = 0; i < pub->n_files; i++)
		manifest_add_output(m, pub->files[i].name,
				    pub->files[i].sha256, pub->files[i].bytes);

	if (pub->live_exists && pub->have_prev &&
	    !inputs_differ(&pub->prev, m) &&
	    manifest_outputs_same(&pub->prev, pub) && live_outputs_same(pub)) {
		/* 3a: nothing changes, not even the manifest. */
		outcome = PUBLISH_UNCHANGED;
		rev = pub->prev.revision;
		manifest_diff_inputs(&pub->prev, m); /* empty */
		m->revision = rev;
		if (!pub->place && update_latest(pub->out, err))
			goto out;
		goto done;
	}
	if (pub->live_edition) {
		struct manifest none;

		outcome = PUBLISH_REVISED;
		if (stage_previous(pub, &rev, err))
			goto out;
		step("previous");
		manifest_init(&none);
		manifest_diff_inputs(pub->have_prev ? &pub->prev : &none, m);
		manifest_release(&none);
	} else {
		outcome = PUBLISH_NEW;
		manifest_diff_inputs(m, m); /* empty: nothing to compare */
	}
	m->revision = rev;
	if (manifest_to_json(m, &json)) {
		eim_error_set(err, EIM_SOFTWARE, NULL, 0, 0,
			      "manifest too large");
		goto out;
	}
	if (atomic_write_file(pub->stage, MANIFEST_NAME, json.buf, json.len,
			      err))
		goto out;
	step("manifest");
	/* the week's places: locked from here to the swap (see lock_places) */
	if (lock_places(pub, err) || refresh_live(pub, err) ||
	    carry_places(pub, err))
		goto out;
	if (atomic_fsync_dir(pub->stage, err))
		goto out;
	step("synced");
	if (swap_in(pub, err) || atomic_fsync_dir(pub->parent, err))
		goto out;
	out_lock_release(&pub->places_lock);
	step("swapped");
	/* From here the new edition is published; what follows is tidying
	 * (a failure is cleaned by the next build). */
	if (pub->staging) {
		atomic_remove_tree(pub->stage);
		pub->staging = 0;
	}
	step("tidied");
	if (!pub->place && update_latest(pub->out, err))
		goto out;
	step("latest");
done:
	if (res) {
		res->outcome = outcome;
		res->revision = rev;
		snprintf(res->dir, sizeof(res->dir), "%s", pub->live);
	}
	ret = 0;
out:
	strbuf_release(&json);
	publish_abort(pub);
	return ret;
}

void publish_abort(struct publish *pub)
{
	if (!pub)
		return;
	if (pub->staging) {
		atomic_remove_tree(pub->stage);
		pub->staging = 0;
	}
	pub->done = 1;
}

void publish_free(struct publish *pub)
{
	size_t i;

	if (!pub)
		return;
	publish_abort(pub);
	out_lock_release(&pub->places_lock);
	out_lock_release(&pub->lock);
	manifest_release(&pub->prev);
	for (i = 0; i < pub->n_files; i++)
		free(pub->files[i].name);
	free(pub->files);
	free(pub);
}

/* --- readers ----------------------------------------------------------- */

int publish_load_previous_figures(const char *out_dir, const char *week,
				  const char *place, struct publish_figures *f,
				  struct eim_error *err)
{
	char prev[16], sub[EIM_PATH_MAX], wdir[EIM_PATH_MAX];
	char dir[EIM_PATH_MAX], file[EIM_PATH_MAX];

	memset(f, 0, sizeof(*f));
	if (publish_week_valid(week))
		return eim_error_set(err, EIM_USAGE, NULL, 0, 0,
				     "bad week '%s' (want YYYY-Www)", week);
	if (place && (!code_ok(place) ||
		      atomic_path(sub, PLACES_NAME, place)))
		return eim_error_set(err, EIM_USAGE, NULL, 0, 0,
				     "bad place code '%s'", place);
	if (newest_edition(out_dir, week, place ? sub : NULL, "figures.csv",
			   prev) ||
	    atomic_path(wdir, out_dir, prev) ||
	    (place ? atomic_path(dir, wdir, sub)
		   : atomic_path(dir, out_dir, prev)) ||
	    atomic_path(file, dir, "figures.csv"))
		return 0;
	if (atomic_read_file(file, &f->text, &f->len))
		return eim_error_set(err, EIM_NOINPUT, file, 0, 0,
				     "cannot read: %s", strerror(errno));
	snprintf(f->week, sizeof(f->week), "%s", prev);
	f->path = xstrdup(file);
	return 0;
}

void publish_figures_release(struct publish_figures *f)
{
	free(f->path);
	free(f->text);
	memset(f, 0, sizeof(*f));
}

int publish_verify_edition(const char *edition_dir, struct eim_error *err)
{
	struct manifest m;
	struct names ns;
	char path[EIM_PATH_MAX], sha[SHA256_HEX_LEN];
	size_t i, len;
	int ret = -1;

	memset(&ns, 0, sizeof(ns));
	if (atomic_path(path, edition_dir, MANIFEST_NAME))
		return eim_error_set(err, EIM_DATA, edition_dir, 0, 0,
				     "path too long");
	if (manifest_read_file(path, &m, err))
		goto out;
	for (i = 0; i < m.n_outputs; i++) {
		const struct manifest_output *o = &m.outputs[i];

		if (atomic_path(path, edition_dir, o->name) ||
		    file_sha(path, sha, &len)) {
			eim_error_set(err, EIM_DATA, edition_dir, 0, 0,
				      "output '%s' is missing", o->name);
			goto out;
		}
		if (len != o->bytes || strcmp(sha, o->sha256)) {
			eim_error_set(err, EIM_DATA, edition_dir, 0, 0,
				      "output '%s' does not match the "
				      "manifest", o->name);
			goto out;
		}
	}
	if (list_dir(edition_dir, 0, &ns)) {
		eim_error_set(err, EIM_DATA, edition_dir, 0, 0,
			      "cannot read folder: %s", strerror(errno));
		goto out;
	}
	for (i = 0; i < ns.n; i++)
		if (strcmp(ns.v[i], MANIFEST_NAME) &&
		    !manifest_find_output(&m, ns.v[i])) {
			eim_error_set(err, EIM_DATA, edition_dir, 0, 0,
				      "file '%s' is not in the manifest",
				      ns.v[i]);
			goto out;
		}
	ret = 0;
out:
	names_release(&ns);
	manifest_release(&m);
	return ret;
}
