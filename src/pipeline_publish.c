/* pipeline_publish.c - hand the edition's outputs to the publisher.
 * (Interim: plain atomic writes; replaced by publish.h.) */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pipeline_int.h"
#include "xalloc.h"
#include "banned.h"

static int write_atomic(const char *dir, const char *name,
			const unsigned char *data, size_t len,
			struct eim_error *err)
{
	char tmp[EIM_PATH_MAX], dst[EIM_PATH_MAX];
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s/.%s.tmp", dir, name);
	snprintf(dst, sizeof(dst), "%s/%s", dir, name);
	f = fopen(tmp, "wb");
	if (!f)
		return eim_error_set(err, EIM_CANTCREAT, tmp, 0, 0,
				     "cannot create: %s", strerror(errno));
	if (fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		unlink(tmp);
		return eim_error_set(err, EIM_CANTCREAT, tmp, 0, 0,
				     "cannot write: %s", strerror(errno));
	}
	if (rename(tmp, dst))
		return eim_error_set(err, EIM_CANTCREAT, dst, 0, 0,
				     "cannot rename: %s", strerror(errno));
	return 0;
}

int pipeline_publish_begin(const struct pipeline_opts *o,
			   struct pipeline_run *r, struct eim_warnings *w,
			   struct eim_error *err)
{
	(void)o;
	(void)r;
	(void)w;
	(void)err;
	return 0;
}

int pipeline_publish(const struct pipeline_opts *o, struct pipeline_run *r,
		     const struct pipeline_outputs *out, char **out_pdf,
		     struct eim_warnings *w, struct eim_error *err)
{
	const char *base = o->out_dir ? o->out_dir : r->cfg->out_dir;
	char dir[EIM_PATH_MAX], wk[PERIOD_TEXT_MAX], path[EIM_PATH_MAX + 16];

	(void)w;
	period_format(&o->week, wk, sizeof(wk));
	snprintf(dir, sizeof(dir), "%s/%s", base, wk);
	if ((mkdir(base, 0777) && errno != EEXIST) ||
	    (mkdir(dir, 0777) && errno != EEXIST))
		return eim_error_set(err, EIM_CANTCREAT, dir, 0, 0,
				     "cannot create: %s", strerror(errno));
	if (write_atomic(dir, "figures.csv", out->csv, out->csv_len, err) ||
	    write_atomic(dir, "monitor.pdf", out->pdf, out->pdf_len, err))
		return -1;
	if (out->partners_pdf &&
	    write_atomic(dir, "monitor-partners.pdf", out->partners_pdf,
			 out->partners_len, err))
		return -1;
	snprintf(path, sizeof(path), "%s/monitor.pdf", dir);
	if (out_pdf)
		*out_pdf = xstrdup(path);
	return 0;
}

void pipeline_publish_end(struct pipeline_run *r)
{
	(void)r;
}

int pipeline_fetch(const struct pipeline_opts *o, struct eim_warnings *w,
		   struct eim_error *err)
{
	(void)o;
	(void)w;
	return eim_error_set(err, EIM_SOFTWARE, NULL, 0, 0,
			     "fetch is not available yet");
}
