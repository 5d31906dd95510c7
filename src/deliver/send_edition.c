/* send_edition.c - the edition folder `eimon send` mails from
 * (send_int.h): checked against its manifest, then read. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "atomic.h"
#include "manifest.h"
#include "publish.h"
#include "send_int.h"
#include "banned.h"

#define PUBLIC_PDF "monitor.pdf"
#define PARTNERS_PDF "monitor-partners.pdf"

static int read_output(const struct edition_dir *e, const char *name,
		       struct sent_file *f, struct eim_error *err)
{
	char path[EIM_PATH_MAX];

	f->name = name;
	if (atomic_path(path, e->dir, name) ||
	    atomic_read_file(path, &f->data, &f->len))
		return eim_error_set(err, EIM_NOINPUT, path, 0, 0,
				     "cannot read: %s", strerror(errno));
	sha256_hex(f->data, f->len, f->sha);
	return 0;
}

int send_edition_load(const struct period *week, const char *out_dir,
		      struct edition_dir *e, struct eim_error *err)
{
	char path[EIM_PATH_MAX];
	struct manifest m;
	struct period day;
	struct stat st;
	int ret = -1;

	manifest_init(&m);
	period_format(week, e->week, sizeof(e->week));
	if (atomic_path(e->dir, out_dir, e->week) ||
	    atomic_path(path, e->dir, "manifest.json"))
		return eim_error_set(err, EIM_USAGE, out_dir, 0, 0,
				     "path too long");
	if (stat(path, &st))
		return eim_error_set(err, EIM_NOINPUT, e->dir, 0, 0,
				     "no edition of %s to send: build it "
				     "first (eimon build --week %s)",
				     e->week, e->week);
	/* a run killed between writing the log and the manifest left the
	 * manifest one step behind: the log is the record */
	if (send_log_sync_manifest(e->dir, err) ||
	    publish_verify_edition(e->dir, err) ||
	    manifest_read_file(path, &m, err))
		goto out;
	if (!manifest_find_output(&m, SUMMARY_NAME)) {
		eim_error_set(err, EIM_DATA, e->dir, 0, 0, "the edition has "
			      "no %s (built by an older eimon): rebuild it "
			      "first", SUMMARY_NAME);
		goto out;
	}
	if (read_output(e, SUMMARY_NAME, &e->pub, err))
		goto out;
	if (atomic_path(path, e->dir, SUMMARY_NAME) ||
	    summary_parse(e->pub.data, e->pub.len, path, &e->sum, err))
		goto out;
	free(e->pub.data);
	e->pub.data = NULL;
	if (read_output(e, PUBLIC_PDF, &e->pub, err))
		goto out;
	if (manifest_find_output(&m, PARTNERS_PDF) &&
	    read_output(e, PARTNERS_PDF, &e->par, err))
		goto out;
	if (period_parse(e->sum.published, strlen(e->sum.published), &day) ||
	    day.freq != PERIOD_DAY) {
		eim_error_set(err, EIM_DATA, e->dir, 0, 0, "%s: bad "
			      "publication date '%s'", SUMMARY_NAME,
			      e->sum.published);
		goto out;
	}
	e->date = (time_t)period_start_day(&day) * 86400;
	ret = 0;
out:
	manifest_release(&m);
	return ret;
}

void send_edition_release(struct edition_dir *e)
{
	free(e->pub.data);
	free(e->par.data);
	summary_release(&e->sum);
	memset(e, 0, sizeof(*e));
}
