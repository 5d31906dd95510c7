/* test_publish.c - atomic edition folders, lock, revisions, manifest. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "atomic.h"
#include "lock.h"
#include "manifest.h"
#include "publish.h"
#include "sha256.h"

#define WEEK "2026-W47"

struct fx {
	char root[EIM_PATH_MAX]; /* the temp dir */
	char out[EIM_PATH_MAX];  /* root/out */
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	const char *tmp = getenv("TMPDIR");

	snprintf(f->root, sizeof(f->root), "%s/eimon-pub.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(f->root)) {
		free(f);
		return -1;
	}
	if (atomic_path(f->out, f->root, "out")) {
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	chmod(f->root, 0700);
	atomic_remove_tree(f->root);
	free(f);
	return 0;
}

static void path2(char *buf, const char *a, const char *b)
{
	assert_int_equal(atomic_path(buf, a, b), 0);
}

/* Contents of edition version v: every file names its version so that a
 * mixed edition is visible without the manifest. Sizes vary with v. */
static void pdf_of(int v, char **data, size_t *len)
{
	size_t n = 3000 + (size_t)(v % 7) * 1500, i;
	char *p = malloc(n);
	int h = snprintf(p, n, "%%PDF-1.4 version %d\n", v);

	for (i = (size_t)h; i < n; i++)
		p[i] = (char)('a' + (i + (size_t)v) % 26);
	*data = p;
	*len = n;
}

static void csv_of(int v, char *buf, size_t size)
{
	snprintf(buf, size,
		 "indicator,geography,figure,period,value,status\n"
		 "claimants,E47000007,latest,2026-10,%d,\nversion,,,,%d,\n",
		 100000 + v, v);
}

static void note_text(int v, char *buf, size_t size)
{
	snprintf(buf, size, "date: 2026-11-18\nheadline: note version %d\n",
		 v);
}

/* Fill m with the inputs of version v (the note changes with v). */
static void inputs_of(int v, struct manifest *m)
{
	struct manifest_input in;
	char text[128];

	memset(&in, 0, sizeof(in));
	in.kind = MANIFEST_CONFIG;
	in.path = "monitor.yaml";
	sha256_hex("config", 6, in.sha256);
	manifest_add_input(m, &in);

	memset(&in, 0, sizeof(in));
	in.kind = MANIFEST_NOTE;
	in.path = "notes/2026-W47/chamber.yaml";
	note_text(v, text, sizeof(text));
	sha256_hex(text, strlen(text), in.sha256);
	manifest_add_input(m, &in);

	memset(&in, 0, sizeof(in));
	in.kind = MANIFEST_FEED;
	in.id = "claimants";
	in.url = "https://www.nomisweb.co.uk/api/v01/dataset/NM_162_1.data.csv";
	sha256_hex("feed", 4, in.sha256);
	in.fetched_at = "2026-11-20T07:00:03Z";
	in.latest_period = "2026-10";
	in.provisional = 1;
	manifest_add_input(m, &in);
	m->issue = 47;
	manifest_add_stage(m, "fetch", 120);
	manifest_add_stage(m, "render", 35);
}

/* Publish version v of week's edition of place (NULL: the area's).
 * Returns publish_commit's result. */
static int publish_version_of(const char *out, const char *week,
			      const char *place, int v, int partners,
			      struct publish_result *res, int *revised,
			      struct eim_error *err)
{
	struct publish *pub = NULL;
	struct manifest m;
	char *pdf = NULL, csv[256];
	size_t len;
	int ret = -1;

	manifest_init(&m);
	inputs_of(v, &m);
	if (place ? publish_begin_place(out, week, place, &pub, err)
		  : publish_begin(out, week, &pub, err))
		goto out;
	if (revised)
		*revised = publish_is_revision(pub, &m);
	pdf_of(v, &pdf, &len);
	csv_of(v, csv, sizeof(csv));
	if (publish_add(pub, "monitor.pdf", pdf, len, err) ||
	    (partners &&
	     publish_add(pub, "monitor-partners.pdf", pdf, len / 2, err)) ||
	    publish_add(pub, "figures.csv", csv, strlen(csv), err))
		goto out;
	ret = publish_commit(pub, &m, res, err);
out:
	free(pdf);
	publish_free(pub);
	manifest_release(&m);
	return ret;
}

static int publish_version(const char *out, const char *week, int v,
			   int partners, struct publish_result *res,
			   int *revised, struct eim_error *err)
{
	return publish_version_of(out, week, NULL, v, partners, res, revised,
				  err);
}

static void read_file(const char *path, char **data, size_t *len)
{
	assert_int_equal(atomic_read_file(path, data, len), 0);
}

/* The version number written in dir/monitor.pdf and dir/figures.csv;
 * asserts they agree. */
static int version_in(const char *dir)
{
	char path[EIM_PATH_MAX], *data;
	size_t len;
	int vp = -1, vc = -2;
	char *p;

	path2(path, dir, "monitor.pdf");
	read_file(path, &data, &len);
	assert_int_equal(sscanf(data, "%%PDF-1.4 version %d", &vp), 1);
	free(data);
	path2(path, dir, "figures.csv");
	read_file(path, &data, &len);
	p = strstr(data, "version,,,,");
	assert_non_null(p);
	assert_int_equal(sscanf(p, "version,,,,%d", &vc), 1);
	free(data);
	assert_int_equal(vp, vc);
	return vp;
}

/* Names in dir starting with '.', other than the lock file and the
 * places' work folder (the lock the area's commit takes). */
static int count_leftovers(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	if (!d)
		return 0;
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] == '.' && strcmp(de->d_name, ".") &&
		    strcmp(de->d_name, "..") &&
		    strcmp(de->d_name, LOCK_FILE_NAME) &&
		    strcmp(de->d_name, ".places"))
			n++;
	closedir(d);
	return n;
}

static void assert_latest(const char *out, const char *want)
{
	char path[EIM_PATH_MAX], buf[64];
	ssize_t n;

	path2(path, out, "latest");
	n = readlink(path, buf, sizeof(buf) - 1);
	assert_true(n > 0);
	buf[n] = '\0';
	assert_string_equal(buf, want);
}

static void stat_of(const char *dir, const char *name, struct stat *st)
{
	char path[EIM_PATH_MAX];

	path2(path, dir, name);
	assert_int_equal(stat(path, st), 0);
}

/* ------------------------------------------------------------------- */

static void test_first_publication(void **state)
{
	struct fx *f = *state;
	struct eim_error err;
	struct publish_result res;
	struct manifest m;
	char dir[EIM_PATH_MAX], path[EIM_PATH_MAX], sha[SHA256_HEX_LEN];
	char *pdf, *data;
	size_t len, dlen;
	int revised = -1;

	eim_error_init(&err);
	assert_int_equal(publish_version(f->out, WEEK, 1, 1, &res, &revised,
					 &err), 0);
	assert_int_equal(revised, 0);
	assert_int_equal(res.outcome, PUBLISH_NEW);
	assert_int_equal(res.revision, 0);
	path2(dir, f->out, WEEK);
	assert_string_equal(res.dir, dir);
	assert_int_equal(version_in(dir), 1);

	/* the PDF has exactly the bytes given */
	pdf_of(1, &pdf, &len);
	path2(path, dir, "monitor.pdf");
	read_file(path, &data, &dlen);
	assert_int_equal(dlen, len);
	assert_memory_equal(data, pdf, len);
	free(data);

	path2(path, dir, "manifest.json");
	assert_int_equal(manifest_read_file(path, &m, &err), 0);
	assert_string_equal(m.edition, WEEK);
	assert_string_equal(m.eimon_version, EIMON_VERSION);
	assert_string_equal(m.status, "ok");
	assert_int_equal(m.issue, 47);
	assert_int_equal(m.revision, 0);
	assert_int_equal(m.n_changes, 0);
	assert_int_equal(m.n_inputs, 3);
	assert_int_equal(m.n_outputs, 3);
	assert_string_equal(m.outputs[0].name, "monitor.pdf");
	sha256_hex(pdf, len, sha);
	assert_string_equal(m.outputs[0].sha256, sha);
	assert_int_equal(m.outputs[0].bytes, len);
	assert_string_equal(m.outputs[1].name, "monitor-partners.pdf");
	assert_int_equal(m.outputs[1].bytes, len / 2);
	assert_int_equal(m.n_stages, 2);
	assert_string_equal(m.stages[0].name, "fetch");
	assert_int_equal(m.stages[0].ms, 120);
	manifest_release(&m);
	free(pdf);

	assert_int_equal(publish_verify_edition(dir, &err), 0);
	assert_latest(f->out, WEEK);
	assert_int_equal(count_leftovers(f->out), 0);
	assert_int_equal(count_leftovers(dir), 0);
}

static void test_rebuild_unchanged_is_noop(void **state)
{
	struct fx *f = *state;
	struct eim_error err;
	struct publish_result res;
	struct stat a[3], b[3];
	static const char *const names[] = { "monitor.pdf", "figures.csv",
					      "manifest.json" };
	char dir[EIM_PATH_MAX], path[EIM_PATH_MAX];
	int i, revised = -1;

	eim_error_init(&err);
	assert_int_equal(publish_version(f->out, WEEK, 1, 0, &res, NULL, &err),
			 0);
	path2(dir, f->out, WEEK);
	for (i = 0; i < 3; i++)
		stat_of(dir, names[i], &a[i]);
	assert_int_equal(publish_version(f->out, WEEK, 1, 0, &res, &revised,
					 &err), 0);
	assert_int_equal(revised, 0);
	assert_int_equal(res.outcome, PUBLISH_UNCHANGED);
	assert_int_equal(res.revision, 0);
	for (i = 0; i < 3; i++) {
		stat_of(dir, names[i], &b[i]);
		/* the very same files: same inode, same mtime */
		assert_int_equal(a[i].st_ino, b[i].st_ino);
		assert_int_equal(a[i].st_mtim.tv_sec, b[i].st_mtim.tv_sec);
		assert_int_equal(a[i].st_mtim.tv_nsec, b[i].st_mtim.tv_nsec);
	}
	path2(path, dir, "previous");
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(count_leftovers(f->out), 0);
}

static void test_rebuild_changed_keeps_previous(void **state)
{
	struct fx *f = *state;
	struct eim_error err;
	struct publish_result res;
	struct manifest m;
	char dir[EIM_PATH_MAX], p1[EIM_PATH_MAX], p2[EIM_PATH_MAX];
	char path[EIM_PATH_MAX], *old, *data;
	size_t olen, dlen;
	int revised = -1;

	eim_error_init(&err);
	/* first publication has the partners PDF, the revision has not */
	assert_int_equal(publish_version(f->out, WEEK, 1, 1, &res, NULL, &err),
			 0);
	assert_int_equal(publish_version(f->out, WEEK, 2, 0, &res, &revised,
					 &err), 0);
	assert_int_equal(revised, 1);
	assert_int_equal(res.outcome, PUBLISH_REVISED);
	assert_int_equal(res.revision, 1);
	path2(dir, f->out, WEEK);
	assert_int_equal(version_in(dir), 2);
	assert_int_equal(publish_verify_edition(dir, &err), 0);
	path2(path, dir, "monitor-partners.pdf");
	assert_int_equal(access(path, F_OK), -1);

	/* previous/1 is the complete first publication */
	path2(p1, dir, "previous/1");
	assert_int_equal(version_in(p1), 1);
	assert_int_equal(publish_verify_edition(p1, &err), 0);
	pdf_of(1, &old, &olen);
	path2(path, p1, "monitor-partners.pdf");
	read_file(path, &data, &dlen);
	assert_int_equal(dlen, olen / 2);
	assert_memory_equal(data, old, dlen);
	free(data);
	free(old);

	path2(path, dir, "manifest.json");
	assert_int_equal(manifest_read_file(path, &m, &err), 0);
	assert_int_equal(m.revision, 1);
	assert_int_equal(m.n_changes, 1);
	assert_int_equal(m.changes[0].kind, MANIFEST_NOTE);
	assert_string_equal(m.changes[0].name, "notes/2026-W47/chamber.yaml");
	assert_int_equal(m.changes[0].change, MANIFEST_MODIFIED);
	manifest_release(&m);

	/* the previous manifest says revision 0 */
	path2(path, p1, "manifest.json");
	assert_int_equal(manifest_read_file(path, &m, &err), 0);
	assert_int_equal(m.revision, 0);
	manifest_release(&m);

	/* unchanged rebuild of a revision: still a revision, no-op */
	assert_int_equal(publish_version(f->out, WEEK, 2, 0, &res, &revised,
					 &err), 0);
	assert_int_equal(revised, 1);
	assert_int_equal(res.outcome, PUBLISH_UNCHANGED);
	assert_int_equal(res.revision, 1);
	path2(p2, dir, "previous/2");
	assert_int_equal(access(p2, F_OK), -1);

	/* second revision: previous/1 kept, previous/2 = version 2 */
	assert_int_equal(publish_version(f->out, WEEK, 3, 0, &res, NULL, &err),
			 0);
	assert_int_equal(res.revision, 2);
	assert_int_equal(version_in(dir), 3);
	assert_int_equal(version_in(p1), 1);
	assert_int_equal(version_in(p2), 2);
	assert_int_equal(publish_verify_edition(p2, &err), 0);
	assert_int_equal(count_leftovers(f->out), 0);
}

static void test_abort_leaves_edition(void **state)
{
	struct fx *f = *state;
	struct eim_error err;
	struct publish *pub = NULL;
	struct publish_result res;
	struct stat a, b;
	char dir[EIM_PATH_MAX], *pdf;
	size_t len;

	eim_error_init(&err);
	assert_int_equal(publish_version(f->out, WEEK, 1, 0, &res, NULL, &err),
			 0);
	path2(dir, f->out, WEEK);
	stat_of(dir, "monitor.pdf", &a);

	assert_int_equal(publish_begin(f->out, WEEK, &pub, &err), 0);
	pdf_of(2, &pdf, &len);
	assert_int_equal(publish_add(pub, "monitor.pdf", pdf, len, &err), 0);
	free(pdf);
	assert_true(count_leftovers(f->out) > 0); /* the staging folder */
	publish_abort(pub);
	assert_int_equal(count_leftovers(f->out), 0);
	publish_free(pub);

	/* a build that fails after staging (publish_free without commit) */
	assert_int_equal(publish_begin(f->out, WEEK, &pub, &err), 0);
	assert_int_equal(publish_add(pub, "figures.csv", "x\n", 2, &err), 0);
	publish_free(pub);

	stat_of(dir, "monitor.pdf", &b);
	assert_int_equal(a.st_ino, b.st_ino);
	assert_int_equal(a.st_mtim.tv_nsec, b.st_mtim.tv_nsec);
	assert_int_equal(version_in(dir), 1);
	assert_int_equal(publish_verify_edition(dir, &err), 0);
	assert_int_equal(count_leftovers(f->out), 0);
	assert_int_equal(count_leftovers(dir), 0);
}

static void touch(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static void test_stale_temps_cleaned(void **state)
{
	struct fx *f = *state;
	struct eim_error err;
	struct publish *pub = NULL;
	struct publish_result res;
	char dir[EIM_PATH_MAX], path[EIM_PATH_MAX], old[EIM_PATH_MAX];

	eim_error_init(&err);
	assert_int_equal(publish_version(f->out, WEEK, 1, 0, &res, NULL, &err),
			 0);
	path2(dir, f->out, WEEK);
	/* what a killed build leaves: a staging folder with a half file, a
	 * temp symlink, a temp file inside the edition */
	path2(path, f->out, ".2026-W47.tmp.99999");
	assert_int_equal(mkdir(path, 0755), 0);
	path2(path, f->out, ".2026-W47.tmp.99999/.monitor.pdf.tmp.99999");
	touch(path, "%PDF-1.4 half");
	path2(path, f->out, ".latest.tmp.99999");
	assert_int_equal(symlink("2026-W01", path), 0);
	path2(path, dir, ".figures.csv.tmp.4242");
	touch(path, "half");
	assert_int_equal(count_leftovers(f->out), 2);

	assert_int_equal(publish_begin(f->out, WEEK, &pub, &err), 0);
	publish_abort(pub);
	assert_int_equal(count_leftovers(f->out), 0);
	assert_int_equal(count_leftovers(dir), 0);
	publish_free(pub);

	/* killed between the two fallback renames: the week is missing and
	 * its edition sits at .W.old.PID; begin puts it back */
	path2(old, f->out, ".2026-W47.old.4321");
	assert_int_equal(rename(dir, old), 0);
	assert_int_equal(publish_begin(f->out, WEEK, &pub, &err), 0);
	publish_free(pub);
	assert_int_equal(version_in(dir), 1);
	assert_int_equal(publish_verify_edition(dir, &err), 0);
	assert_int_equal(count_leftovers(f->out), 0);
}

static void test_lock_held(void **state)
{
	struct fx *f = *state;
	struct eim_error err;
	struct publish *pub = NULL;
	int up[2], down[2];
	char c, want[64];
	pid_t child;
	int status;

	eim_error_init(&err);
	assert_int_equal(pipe(up), 0);
	assert_int_equal(pipe(down), 0);
	child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		struct eim_error cerr;
		struct publish *cp = NULL;
		ssize_t n;

		eim_error_init(&cerr);
		close(up[0]);
		close(down[1]);
		if (publish_begin(f->out, WEEK, &cp, &cerr))
			_exit(2);
		c = 'L';
		if (write(up[1], &c, 1) != 1)
			_exit(3);
		n = read(down[0], &c, 1); /* wait until the parent is done */
		publish_free(cp);
		_exit(n == 1 ? 0 : 4);
	}
	close(up[1]);
	close(down[0]);
	assert_int_equal(read(up[0], &c, 1), 1);

	assert_int_equal(publish_begin(f->out, WEEK, &pub, &err), -1);
	assert_null(pub);
	assert_int_equal(err.kind, EIM_TEMPFAIL);
	assert_int_equal(eim_error_exit_code(err.kind), 75);
	snprintf(want, sizeof(want), "another build (pid %ld) holds the lock",
		 (long)child);
	assert_non_null(strstr(err.msg, want));
	assert_non_null(strstr(err.msg, f->out));

	c = 'G';
	assert_int_equal(write(down[1], &c, 1), 1);
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	close(up[0]);
	close(down[1]);

	/* the holder is gone: the lock is free again */
	eim_error_init(&err);
	assert_int_equal(publish_begin(f->out, WEEK, &pub, &err), 0);
	publish_free(pub);
}

static void test_lock_released_by_sigkill(void **state)
{
	struct fx *f = *state;
	struct eim_error err;
	struct publish *pub = NULL;
	int up[2];
	char c;
	pid_t child;

	eim_error_init(&err);
	assert_int_equal(pipe(up), 0);
	child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		struct eim_error cerr;
		struct publish *cp = NULL;

		eim_error_init(&cerr);
		if (publish_begin(f->out, WEEK, &cp, &cerr))
			_exit(2);
		c = 'L';
		if (write(up[1], &c, 1) != 1)
			_exit(3);
		for (;;)
			pause();
	}
	close(up[1]);
	assert_int_equal(read(up[0], &c, 1), 1);
	close(up[0]);
	kill(child, SIGKILL);
	assert_int_equal(waitpid(child, NULL, 0), child);
	/* its staging folder is left behind; the next build cleans it */
	assert_true(count_leftovers(f->out) > 0);
	assert_int_equal(publish_begin(f->out, WEEK, &pub, &err), 0);
	publish_abort(pub);
	assert_int_equal(count_leftovers(f->out), 0);
	publish_free(pub);
}

static void test_unwritable_output(void **state)
{
	struct fx *f = *state;
	struct eim_error err;
	struct publish *pub = NULL;
	char file[EIM_PATH_MAX], out[EIM_PATH_MAX];

	/* OUT under a regular file: ENOTDIR, for root as well */
	eim_error_init(&err);
	path2(file, f->root, "file.txt");
	touch(file, "x");
	path2(out, file, "out");
	assert_int_equal(publish_begin(out, WEEK, &pub, &err), -1);
	assert_null(pub);
	assert_int_equal(err.kind, EIM_CANTCREAT);
	assert_int_equal(eim_error_exit_code(err.kind), 73);
	assert_non_null(strstr(err.msg, "cannot create output folder"));
	assert_non_null(strstr(err.msg, strerror(ENOTDIR)));

	/* a read-only existing folder (root ignores modes: skip) */
	if (geteuid() == 0)
		return;
	eim_error_init(&err);
	assert_int_equal(mkdir(f->out, 0755), 0);
	assert_int_equal(chmod(f->out, 0500), 0);
	assert_int_equal(publish_begin(f->out, WEEK, &pub, &err), -1);
	assert_int_equal(err.kind, EIM_CANTCREAT);
	assert_non_null(strstr(err.msg, f->out));
	assert_non_null(strstr(err.msg, strerror(EACCES)));
	chmod(f->out, 0755);
}

static void test_latest_is_newest(void **state)
{
	struct fx *f = *state;
	struct eim_error err;
	struct publish_result res;

	eim_error_init(&err);
	assert_int_equal(publish_version(f->out, "2025-W47", 1, 0, &res, NULL,
					 &err), 0);
	assert_latest(f->out, "2025-W47");
	/* rebuilding an older week does not move latest back */
	assert_int_equal(publish_version(f->out, "2025-W40", 1, 0, &res, NULL,
					 &err), 0);
	assert_latest(f->out, "2025-W47");
	assert_int_equal(publish_version(f->out, "2026-W01", 1, 0, &res, NULL,
					 &err), 0);
	assert_latest(f->out, "2026-W01");
	/* a folder without manifest is not a complete edition */
	{
		char path[EIM_PATH_MAX];

		path2(path, f->out, "2026-W02");
		assert_int_equal(mkdir(path, 0755), 0);
	}
	assert_int_equal(publish_version(f->out, "2025-W48", 1, 0, &res, NULL,
					 &err), 0);
	assert_latest(f->out, "2026-W01");
	{
		char path[EIM_PATH_MAX];
		struct stat st;

		path2(path, f->out, "latest/figures.csv");
		assert_int_equal(stat(path, &st), 0);
	}
	/* an edition in the future is published but never latest (issue
	 * 20: a far-future week once held latest for good) */
	assert_int_equal(publish_version(f->out, "2099-W01", 1, 0, &res, NULL,
					 &err), 0);
	assert_latest(f->out, "2026-W01");
	assert_int_equal(publish_version(f->out, "2025-W49", 1, 0, &res, NULL,
					 &err), 0);
	assert_latest(f->out, "2026-W01");
}

static void test_previous_figures(void **state)
{
	struct fx *f = *state;
	struct eim_error err;
	struct publish_result res;
	struct publish_figures pf;
	char want[256], wpath[EIM_PATH_MAX];

	eim_error_init(&err);
	/* no output folder yet: no previous figures, no error */
	assert_int_equal(publish_load_previous_figures(f->out, WEEK, NULL, &pf,
						       &err), 0);
	assert_null(pf.text);
	assert_null(pf.path);
	assert_string_equal(pf.week, "");
	publish_figures_release(&pf);

	assert_int_equal(publish_version(f->out, "2026-W40", 40, 0, &res, NULL,
					 &err), 0);
	assert_int_equal(publish_version(f->out, "2026-W45", 45, 0, &res, NULL,
					 &err), 0);
	assert_int_equal(publish_version(f->out, WEEK, 47, 0, &res, NULL, &err),
			 0);

	/* W46 is missing: the newest before W47 is W45 */
	assert_int_equal(publish_load_previous_figures(f->out, WEEK, NULL, &pf,
						       &err), 0);
	csv_of(45, want, sizeof(want));
	assert_non_null(pf.text);
	assert_string_equal(pf.text, want);
	assert_int_equal(pf.len, strlen(want));
	assert_string_equal(pf.week, "2026-W45");
	path2(wpath, f->out, "2026-W45/figures.csv");
	assert_string_equal(pf.path, wpath);
	publish_figures_release(&pf);

	assert_int_equal(publish_load_previous_figures(f->out, "2026-W45",
						       NULL, &pf, &err), 0);
	csv_of(40, want, sizeof(want));
	assert_string_equal(pf.text, want);
	assert_string_equal(pf.week, "2026-W40");
	publish_figures_release(&pf);

	/* a later week (the edition of W47 exists) finds W47 */
	assert_int_equal(publish_load_previous_figures(f->out, "2027-W01",
						       NULL, &pf, &err), 0);
	assert_string_equal(pf.week, WEEK);
	publish_figures_release(&pf);

	assert_int_equal(publish_load_previous_figures(f->out, "2026-W40",
						       NULL, &pf, &err), 0);
	assert_null(pf.text);
	publish_figures_release(&pf);

	assert_int_equal(publish_load_previous_figures(f->out, "2026-47", NULL, &pf,
						       &err), -1);
	assert_int_equal(err.kind, EIM_USAGE);
	publish_figures_release(&pf);
}

/* Places' editions live in the week's folder, OUT/W/places/CODE/: each
 * is published on its own (before the area's, beside it, while the
 * area's build holds its lock), and the area's swap carries them. */
static void test_places_in_week(void **state)
{
	struct fx *f = *state;
	struct eim_error err;
	struct publish_result res;
	struct publish *area = NULL, *other = NULL;
	struct publish_figures pf;
	struct manifest m;
	char week[EIM_PATH_MAX], a[EIM_PATH_MAX], b[EIM_PATH_MAX];
	char p[EIM_PATH_MAX], want[256];
	struct stat st;
	int revised = -1;

	eim_error_init(&err);
	path2(week, f->out, WEEK);
	path2(a, week, "places/E08000001");
	path2(b, week, "places/E08000002");
	/* a place first (a job array's slice may finish before the area's) */
	assert_int_equal(publish_version_of(f->out, WEEK, "E08000001", 1, 0,
					    &res, NULL, &err), 0);
	assert_int_equal(res.outcome, PUBLISH_NEW);
	assert_string_equal(res.dir, a);
	assert_int_equal(version_in(a), 1);
	assert_int_equal(publish_verify_edition(a, &err), 0);
	path2(p, week, "manifest.json");
	assert_int_not_equal(stat(p, &st), 0);
	path2(p, f->out, "latest");
	assert_int_not_equal(lstat(p, &st), 0);
	/* the area's first edition is new, not a revision, and keeps it */
	assert_int_equal(publish_version(f->out, WEEK, 2, 0, &res, &revised,
					 &err), 0);
	assert_int_equal(revised, 0);
	assert_int_equal(res.outcome, PUBLISH_NEW);
	assert_int_equal(version_in(week), 2);
	assert_int_equal(version_in(a), 1);
	assert_int_equal(publish_verify_edition(week, &err), 0);
	/* a place's revision: its previous edition in its own previous/ */
	assert_int_equal(publish_version_of(f->out, WEEK, "E08000001", 3, 0,
					    &res, &revised, &err), 0);
	assert_int_equal(revised, 1);
	assert_int_equal(res.outcome, PUBLISH_REVISED);
	assert_int_equal(version_in(a), 3);
	path2(p, a, "previous/1");
	assert_int_equal(version_in(p), 1);
	assert_int_equal(version_in(week), 2);
	/* while the area's build holds its lock, another place publishes
	 * (its own lock); the area's commit then carries it over */
	assert_int_equal(publish_begin(f->out, WEEK, &area, &err), 0);
	assert_int_equal(publish_version_of(f->out, WEEK, "E08000002", 4, 0,
					    &res, NULL, &err), 0);
	assert_int_equal(publish_add(area, "monitor.pdf", "%PDF-1.4 version 5\n",
				     19, &err), 0);
	csv_of(5, want, sizeof(want));
	assert_int_equal(publish_add(area, "figures.csv", want, strlen(want),
				     &err), 0);
	manifest_init(&m);
	inputs_of(5, &m);
	assert_int_equal(publish_commit(area, &m, &res, &err), 0);
	manifest_release(&m);
	publish_free(area);
	assert_int_equal(res.outcome, PUBLISH_REVISED);
	assert_int_equal(version_in(week), 5);
	assert_int_equal(version_in(a), 3);
	assert_int_equal(version_in(p), 1);
	assert_int_equal(version_in(b), 4);
	assert_int_equal(publish_verify_edition(a, &err), 0);
	assert_int_equal(publish_verify_edition(b, &err), 0);
	assert_int_equal(publish_verify_edition(week, &err), 0);
	/* one build per place: a second one waits for nothing, exit 75 */
	assert_int_equal(publish_begin_place(f->out, WEEK, "E08000001", &other,
					     &err), 0);
	assert_int_equal(publish_begin_place(f->out, WEEK, "E08000001", &area,
					     &err), -1);
	assert_int_equal(err.kind, EIM_TEMPFAIL);
	publish_free(other);
	assert_int_equal(count_leftovers(f->out), 0);
	/* a place's previous figures are its own */
	assert_int_equal(publish_load_previous_figures(f->out, "2026-W48",
						       "E08000002", &pf, &err),
			 0);
	csv_of(4, want, sizeof(want));
	assert_non_null(pf.text);
	assert_string_equal(pf.text, want);
	assert_string_equal(pf.week, WEEK);
	publish_figures_release(&pf);
	assert_int_equal(publish_load_previous_figures(f->out, "2026-W48",
						       "E08000009", &pf, &err),
			 0);
	assert_null(pf.text);
	publish_figures_release(&pf);
	eim_error_init(&err);
	assert_int_equal(publish_begin_place(f->out, WEEK, "../x", &other,
					     &err), -1);
	assert_int_equal(err.kind, EIM_USAGE);
}

static void test_bad_arguments(void **state)
{
	struct fx *f = *state;
	struct eim_error err;
	struct publish *pub = NULL;
	struct manifest m;

	eim_error_init(&err);
	assert_int_equal(publish_begin(f->out, "2026-W54", &pub, &err), -1);
	assert_int_equal(err.kind, EIM_USAGE);
	assert_int_equal(publish_week_valid("2026-W01"), 0);
	assert_int_equal(publish_week_valid("2026-W00"), -1);
	assert_int_equal(publish_week_valid("2026W01"), -1);

	eim_error_init(&err);
	assert_int_equal(publish_begin(f->out, WEEK, &pub, &err), 0);
	assert_int_equal(publish_add(pub, "manifest.json", "{}", 2, &err), -1);
	assert_int_equal(err.kind, EIM_SOFTWARE);
	eim_error_init(&err);
	assert_int_equal(publish_add(pub, "../x", "x", 1, &err), -1);
	eim_error_init(&err);
	assert_int_equal(publish_add(pub, ".hidden", "x", 1, &err), -1);
	eim_error_init(&err);
	assert_int_equal(publish_add(pub, "figures.csv", "x", 1, &err), 0);
	assert_int_equal(publish_add(pub, "figures.csv", "y", 1, &err), -1);
	assert_non_null(strstr(err.msg, "added twice"));
	manifest_init(&m);
	eim_error_init(&err);
	assert_int_equal(publish_commit(pub, &m, NULL, &err), 0);
	eim_error_init(&err);
	assert_int_equal(publish_commit(pub, &m, NULL, &err), -1);
	assert_int_equal(err.kind, EIM_SOFTWARE);
	manifest_release(&m);
	publish_free(pub);
}

static void test_verify_detects_mix(void **state)
{
	struct fx *f = *state;
	struct eim_error err;
	struct publish_result res;
	char dir[EIM_PATH_MAX], path[EIM_PATH_MAX], csv[256];

	eim_error_init(&err);
	assert_int_equal(publish_version(f->out, WEEK, 1, 0, &res, NULL, &err),
			 0);
	path2(dir, f->out, WEEK);
	/* put version 2's figures beside version 1's PDF */
	csv_of(2, csv, sizeof(csv));
	path2(path, dir, "figures.csv");
	touch(path, csv);
	assert_int_equal(publish_verify_edition(dir, &err), -1);
	assert_int_equal(err.kind, EIM_DATA);
	assert_string_equal(err.msg,
			    "output 'figures.csv' does not match the manifest");
	/* an extra file is reported too */
	csv_of(1, csv, sizeof(csv));
	touch(path, csv);
	path2(path, dir, "stray.txt");
	touch(path, "x");
	eim_error_init(&err);
	assert_int_equal(publish_verify_edition(dir, &err), -1);
	assert_string_equal(err.msg, "file 'stray.txt' is not in the manifest");
}

static void test_manifest_roundtrip(void **state)
{
	struct manifest m, r;
	struct manifest_input in;
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	struct eim_error err;

	(void)state;
	eim_error_init(&err);
	manifest_init(&m);
	inputs_of(1, &m);
	memset(&in, 0, sizeof(in));
	in.kind = MANIFEST_TEMPLATE;
	in.path = "report_templates/we\"ird\\name.yaml";
	sha256_hex("t", 1, in.sha256);
	in.stale = 1;
	manifest_add_input(&m, &in);
	manifest_set(&m.edition, WEEK);
	manifest_set(&m.eimon_version, "0.1.0");
	manifest_set(&m.status, "warnings");
	m.revision = 3;
	manifest_add_output(&m, "monitor.pdf", m.inputs[0].sha256, 1234);
	manifest_add_change(&m, MANIFEST_FEED, "claimants", MANIFEST_MODIFIED);
	manifest_add_change(&m, MANIFEST_NOTE, "notes/x.yaml",
			    MANIFEST_REMOVED);
	assert_int_equal(manifest_to_json(&m, &a), 0);
	assert_non_null(strstr(a.buf, "\"path\": \"report_templates/we\\\"ird"
				      "\\\\name.yaml\""));
	assert_non_null(strstr(a.buf, "\"durations_ms\": {\n    \"fetch\": "
				      "120,\n    \"render\": 35\n  }"));
	assert_non_null(strstr(a.buf, "\"issue\": 47,\n  \"status\": "
				      "\"warnings\",\n  \"revision\": 3,"));

	assert_int_equal(manifest_parse(a.buf, a.len, "m.json", &r, &err), 0);
	assert_int_equal(r.n_inputs, 4);
	assert_string_equal(r.inputs[3].path, in.path);
	assert_int_equal(r.inputs[3].stale, 1);
	assert_int_equal(r.inputs[2].provisional, 1);
	assert_string_equal(r.inputs[2].id, "claimants");
	assert_string_equal(r.inputs[2].latest_period, "2026-10");
	assert_null(r.inputs[0].url);
	assert_int_equal(r.n_changes, 2);
	assert_int_equal(r.changes[1].change, MANIFEST_REMOVED);
	assert_int_equal(r.outputs[0].bytes, 1234);
	/* written again: the same bytes */
	assert_int_equal(manifest_to_json(&r, &b), 0);
	assert_string_equal(a.buf, b.buf);

	/* diff: one note modified, template removed, feed added */
	{
		struct manifest n;
		struct manifest_input feed;

		manifest_init(&n);
		inputs_of(2, &n);
		memset(&feed, 0, sizeof(feed));
		feed.kind = MANIFEST_FEED;
		feed.id = "vacancies";
		manifest_add_input(&n, &feed);
		assert_int_equal(manifest_diff_inputs(&r, &n), 3);
		assert_string_equal(n.changes[0].name,
				    "notes/2026-W47/chamber.yaml");
		assert_int_equal(n.changes[0].change, MANIFEST_MODIFIED);
		assert_string_equal(n.changes[1].name, "vacancies");
		assert_int_equal(n.changes[1].change, MANIFEST_ADDED);
		assert_int_equal(n.changes[2].kind, MANIFEST_TEMPLATE);
		assert_int_equal(n.changes[2].change, MANIFEST_REMOVED);
		manifest_release(&n);
	}

	manifest_release(&r);
	eim_error_init(&err);
	assert_int_equal(manifest_parse("[1]", 3, "m.json", &r, &err), -1);
	assert_int_equal(err.kind, EIM_DATA);
	manifest_release(&r);
	eim_error_init(&err);
	assert_int_equal(manifest_parse("{\"inputs\": 3}", 13, "m.json", &r,
					&err), -1);
	assert_string_equal(err.msg, "'inputs' is not an array");
	manifest_release(&r);
	manifest_release(&m);
	strbuf_release(&a);
	strbuf_release(&b);
}

/* The week's edition after a kill: complete (returns its version). With
 * the two-rename fallback the week may be absent for an instant; then the
 * old edition waits at .W.old.PID and the next publish_begin puts it
 * back. */
static int check_after_kill(struct fx *f, const char *dir, int fallback)
{
	struct eim_error err;
	struct publish *pub = NULL;
	struct manifest m;
	char path[EIM_PATH_MAX], sub[EIM_PATH_MAX], note[128];
	char sha[SHA256_HEX_LEN];
	struct dirent *de;
	DIR *d;
	int v;

	eim_error_init(&err);
	if (access(dir, F_OK)) {
		assert_true(fallback);
		assert_true(count_leftovers(f->out) > 0);
		assert_int_equal(publish_begin(f->out, WEEK, &pub, &err), 0);
		publish_free(pub);
	}
	assert_int_equal(publish_verify_edition(dir, &err), 0);
	v = version_in(dir);
	path2(path, dir, "manifest.json");
	assert_int_equal(manifest_read_file(path, &m, &err), 0);
	note_text(v, note, sizeof(note));
	sha256_hex(note, strlen(note), sha);
	assert_string_equal(m.inputs[1].sha256, sha);
	manifest_release(&m);
	/* every kept revision is complete as well */
	path2(path, dir, "previous");
	d = opendir(path);
	if (d) {
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			path2(sub, path, de->d_name);
			assert_int_equal(publish_verify_edition(sub, &err), 0);
			version_in(sub);
		}
		closedir(d);
	}
	return v;
}

/* SIGKILL at 25 moments while a child publishes revisions in a loop:
 * after each kill the week is the complete old or the complete new
 * edition, never a mix, and the next build cleans up. */
static void kill_rounds(struct fx *f, int fallback)
{
	struct eim_error err;
	struct publish_result res;
	struct publish *pub = NULL;
	char dir[EIM_PATH_MAX];
	unsigned long seed = fallback ? 4242 : 20261120;
	int round, v, next = 2, last = 1, moved = 0;

	eim_error_init(&err);
	assert_int_equal(publish_version(f->out, WEEK, 1, 1, &res, NULL, &err),
			 0);
	path2(dir, f->out, WEEK);
	for (round = 0; round < 25; round++) {
		int up[2], status;
		char c;
		pid_t child;
		struct timespec ts;

		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		assert_int_equal(pipe(up), 0);
		child = fork();
		assert_true(child >= 0);
		if (child == 0) {
			struct eim_error cerr;
			int i;

			close(up[0]);
			atomic_exchange_disabled = fallback;
			c = 'S';
			if (write(up[1], &c, 1) != 1)
				_exit(3);
			/* at most 3 revisions a round keeps previous/ small */
			for (i = 0; i < 3; i++) {
				eim_error_init(&cerr);
				if (publish_version(f->out, WEEK, next + i,
						    (next + i) % 2, NULL, NULL,
						    &cerr))
					_exit(4);
			}
			for (;;)
				pause();
		}
		close(up[1]);
		assert_int_equal(read(up[0], &c, 1), 1);
		close(up[0]);
		ts.tv_sec = 0;
		ts.tv_nsec = (long)((seed >> 33) % 100000) * 1000L; /* < 100 ms */
		nanosleep(&ts, NULL);
		kill(child, SIGKILL);
		assert_int_equal(waitpid(child, &status, 0), child);
		assert_true(WIFSIGNALED(status));
		next += 3;

		v = check_after_kill(f, dir, fallback);
		assert_true(v == last || (v >= next - 3 && v < next));
		if (v != last)
			moved++;
		last = v;
	}
	/* the next build removes whatever the kills left, and fixes latest
	 * when a kill came between the swap and the symlink */
	assert_int_equal(publish_version(f->out, WEEK, last, last % 2, &res,
					 NULL, &err), 0);
	assert_int_equal(res.outcome, PUBLISH_UNCHANGED);
	assert_int_equal(count_leftovers(f->out), 0);
	assert_int_equal(count_leftovers(dir), 0);
	assert_latest(f->out, WEEK);
	assert_int_equal(publish_begin(f->out, WEEK, &pub, &err), 0);
	publish_free(pub);
	print_message("# %d of 25 kills found a newer edition\n", moved);
}

static void test_sigkill_never_mixed(void **state)
{
	kill_rounds(*state, 0);
}

static void test_sigkill_never_mixed_fallback(void **state)
{
	kill_rounds(*state, 1);
}

static const char *kill_step;

static void kill_at(const char *name)
{
	if (!strcmp(name, kill_step))
		raise(SIGKILL);
}

/* Deterministic crash points: a child publishing version 2 over version 1
 * dies at each step of publish_commit, with and without the exchange
 * syscall. Before the swap the week is version 1, after it version 2;
 * never anything else, and the next build tidies up. */
static void test_crash_at_every_step(void **state)
{
	struct fx *f = *state;
	static const struct {
		const char *step;
		int fallback;
		int want; /* version after the kill */
	} cases[] = {
		{ "previous", 0, 1 }, { "manifest", 0, 1 }, { "synced", 0, 1 },
		{ "swapped", 0, 2 }, { "tidied", 0, 2 }, { "latest", 0, 2 },
		{ "previous", 1, 1 }, { "manifest", 1, 1 }, { "synced", 1, 1 },
		{ "aside", 1, 1 }, { "swapped", 1, 2 }, { "tidied", 1, 2 },
	};
	struct eim_error err;
	struct publish_result res;
	char dir[EIM_PATH_MAX];
	size_t i;

	path2(dir, f->out, WEEK);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		pid_t child;
		int status;

		atomic_remove_tree(f->out);
		eim_error_init(&err);
		assert_int_equal(publish_version(f->out, WEEK, 1, 1, &res,
						 NULL, &err), 0);
		child = fork();
		assert_true(child >= 0);
		if (child == 0) {
			atomic_exchange_disabled = cases[i].fallback;
			kill_step = cases[i].step;
			publish_test_hook = kill_at;
			publish_version(f->out, WEEK, 2, 0, NULL, NULL, &err);
			_exit(0);
		}
		assert_int_equal(waitpid(child, &status, 0), child);
		assert_true(WIFSIGNALED(status));
		print_message("# killed at %s%s\n", cases[i].step,
			      cases[i].fallback ? " (fallback)" : "");
		assert_int_equal(check_after_kill(f, dir, cases[i].fallback),
				 cases[i].want);
		/* the next build publishes over it cleanly */
		assert_int_equal(publish_version(f->out, WEEK, 3, 0, &res,
						 NULL, &err), 0);
		assert_int_equal(res.outcome, PUBLISH_REVISED);
		assert_int_equal(version_in(dir), 3);
		assert_int_equal(count_leftovers(f->out), 0);
		assert_latest(f->out, WEEK);
	}
}

/* Read the edition through OUT/latest as a reader would, opening the
 * folder once: 1 when all three files were read (and they agree), 0
 * when a file vanished under the reader (the old folder was removed
 * after a swap: the reader retries). */
static int read_edition_once(const char *out)
{
	static const char *const names[] = { "monitor.pdf", "figures.csv",
					      "manifest.json" };
	char path[EIM_PATH_MAX], *data[3] = { NULL, NULL, NULL };
	size_t len[3] = { 0, 0, 0 };
	struct manifest m;
	struct eim_error err;
	int dfd, i, vp, vc, ok = 1;

	path2(path, out, "latest");
	dfd = open(path, O_RDONLY | O_DIRECTORY);
	if (dfd < 0)
		return 0;
	for (i = 0; i < 3 && ok; i++) {
		int fd = openat(dfd, names[i], O_RDONLY);
		struct stat st;

		if (fd < 0) {
			assert_int_equal(errno, ENOENT);
			ok = 0;
			break;
		}
		assert_int_equal(fstat(fd, &st), 0);
		data[i] = malloc((size_t)st.st_size + 1);
		assert_int_equal(read(fd, data[i], (size_t)st.st_size),
				 st.st_size);
		data[i][st.st_size] = '\0';
		len[i] = (size_t)st.st_size;
		close(fd);
	}
	close(dfd);
	if (ok) {
		char sha[SHA256_HEX_LEN];
		const struct manifest_output *o;

		assert_int_equal(sscanf(data[0], "%%PDF-1.4 version %d", &vp),
				 1);
		assert_non_null(strstr(data[1], "version,,,,"));
		assert_int_equal(sscanf(strstr(data[1], "version,,,,"),
					"version,,,,%d", &vc), 1);
		assert_int_equal(vp, vc);
		eim_error_init(&err);
		assert_int_equal(manifest_parse(data[2], len[2], "manifest.json",
						&m, &err), 0);
		o = manifest_find_output(&m, "monitor.pdf");
		assert_non_null(o);
		sha256_hex(data[0], len[0], sha);
		assert_string_equal(o->sha256, sha);
		manifest_release(&m);
	}
	for (i = 0; i < 3; i++)
		free(data[i]);
	return ok;
}

static void test_reader_never_sees_mix(void **state)
{
	struct fx *f = *state;
	struct eim_error err;
	struct publish_result res;
	pid_t child;
	int status, reads = 0, done = 0;

	eim_error_init(&err);
	assert_int_equal(publish_version(f->out, WEEK, 1, 0, &res, NULL, &err),
			 0);
	child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		int i;

		for (i = 2; i < 30; i++) {
			eim_error_init(&err);
			if (publish_version(f->out, WEEK, i, 0, NULL, NULL,
					    &err))
				_exit(4);
		}
		_exit(0);
	}
	while (!done) {
		done = waitpid(child, &status, WNOHANG) == child;
		reads += read_edition_once(f->out);
	}
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_true(reads > 0);
	assert_int_equal(read_edition_once(f->out), 1);
}

/* atomic_write_file's contract on its own: a failed write (here the
 * rename, over a non-empty folder of that name) leaves neither the target
 * nor the temporary file behind, and the folder's other entries alone. */
static void test_write_file_failure_leaves_nothing(void **state)
{
	struct fx *f = *state;
	char dir[EIM_PATH_MAX], sub[EIM_PATH_MAX], keep[EIM_PATH_MAX];
	struct eim_error err;
	struct dirent *de;
	DIR *d;
	int n = 0;

	eim_error_init(&err);
	path2(dir, f->root, "w");
	path2(sub, dir, "monitor.pdf");
	path2(keep, sub, "keep");
	assert_int_equal(mkdir(dir, 0755), 0);
	assert_int_equal(mkdir(sub, 0755), 0);
	assert_int_equal(mkdir(keep, 0755), 0);
	assert_int_equal(atomic_write_file(dir, "monitor.pdf", "x", 1, &err),
			 -1);
	assert_int_equal(err.kind, EIM_CANTCREAT);
	assert_non_null(strstr(err.msg, "cannot rename into place"));
	d = opendir(dir);
	assert_non_null(d);
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			n++;
	closedir(d);
	assert_int_equal(n, 1); /* monitor.pdf/ only: no .monitor.pdf.tmp.* */
	assert_int_equal(access(keep, F_OK), 0);
	assert_int_equal(atomic_write_file(dir, "other.csv", "ab", 2, &err), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_first_publication,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_rebuild_unchanged_is_noop,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_rebuild_changed_keeps_previous, setup, teardown),
		cmocka_unit_test_setup_teardown(test_abort_leaves_edition,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_stale_temps_cleaned,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_lock_held, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_lock_released_by_sigkill,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_unwritable_output, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_latest_is_newest, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_previous_figures, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_places_in_week, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_bad_arguments, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_verify_detects_mix, setup,
						teardown),
		cmocka_unit_test(test_manifest_roundtrip),
		cmocka_unit_test_setup_teardown(
			test_write_file_failure_leaves_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sigkill_never_mixed,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_sigkill_never_mixed_fallback, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reader_never_sees_mix,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_crash_at_every_step,
						setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
