/* notes_new.c - `eimon notes new`: load the config and the template, take
 * today's date and write the note (notes_write.c). Kept apart so that the
 * rest of the notes module links without config.c and template.c. */
#include "notes.h"

#include <stdio.h>
#include <time.h>

#include "config.h"
#include "template.h"
#include "banned.h"

int notes_new(const char *config_path, const char *source, const char *theme,
	      const struct period *week, char **out_path,
	      struct eim_error *err)
{
	struct config *cfg = NULL;
	struct template_def *tpl = NULL;
	struct tm tm;
	time_t now = time(NULL);
	char ymd[32], tpath[EIM_PATH_MAX];
	long today;
	int ret = -1;

	*out_path = NULL;
	if (config_load(config_path, &cfg, err) ||
	    template_load(template_locate(cfg->template_path, tpath,
					  sizeof(tpath)), &tpl, err))
		goto out;
	if (!gmtime_r(&now, &tm)) {
		eim_error_set(err, EIM_SOFTWARE, NULL, 0, 0,
			      "cannot read the clock");
		goto out;
	}
	/* timegm is not POSIX: go through the date text. */
	snprintf(ymd, sizeof(ymd), "%04d-%02d-%02d", tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday);
	if (notes_parse_date(ymd, &today)) {
		eim_error_set(err, EIM_SOFTWARE, NULL, 0, 0,
			      "cannot read the clock");
		goto out;
	}
	ret = notes_write_new(cfg->notes_dir, source, theme, tpl->theme_ids,
			      tpl->nthemes,
			      cfg->nplaces ? &cfg->places[0] : &cfg->area,
			      week, today, out_path, err);
out:
	template_free(tpl);
	config_free(cfg);
	return ret;
}
