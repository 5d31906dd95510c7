/* pipeline_notes.c - what the notes tell editors: `eimon notes list`,
 * and the coverage of places that `eimon check` reports. */
#include "pipeline.h"

#include <stdlib.h>
#include <string.h>

#include "notes_summary.h"
#include "pipeline_int.h"
#include "schema.h"
#include "strbuf.h"
#include "banned.h"

int pipeline_notes_list(const struct pipeline_opts *o,
			const struct period *since, const char *theme,
			const char *place, struct strbuf *out,
			struct eim_error *err)
{
	struct pipeline_run r;
	struct period from;
	const char *hint;
	int ret = -1;

	memset(&r, 0, sizeof(r));
	if (pipeline_load_inputs(o, &r, NULL, err))
		goto out;
	if (theme && !template_theme_title(r.tpl, theme)) {
		hint = schema_suggest(theme, r.tpl->theme_ids, r.tpl->nthemes);
		eim_error_set(err, EIM_USAGE, NULL, 0, 0, "--theme '%s' is "
			      "not a theme of %s%s%s%s", theme, r.tpl->path,
			      hint ? " (did you mean '" : "",
			      hint ? hint : "", hint ? "'?)" : "");
		goto out;
	}
	if (place && !config_place_name(r.cfg, place)) {
		eim_error_set(err, EIM_USAGE, NULL, 0, 0, "--place '%s' is "
			      "not a GSS code of %s", place, r.cfg->path);
		goto out;
	}
	/* by default the weeks the intelligence summary compares */
	from = since ? *since : period_add(o->week, -4);
	if (period_cmp(&from, &o->week) > 0) {
		eim_error_set(err, EIM_USAGE, NULL, 0, 0, "--since is after "
			      "--week");
		goto out;
	}
	if (notes_list_format(&r.notes, &from, &o->week, theme, place, out)) {
		eim_error_set(err, EIM_SOFTWARE, NULL, 0, 0, "the list of "
			      "notes is too long");
		goto out;
	}
	ret = 0;
out:
	pipeline_run_release(&r);
	return ret;
}

long pipeline_notes_first_day(const struct pipeline_opts *o,
			       const struct pipeline_run *r, long first)
{
	struct notes_summary s;
	struct nsum_params p;
	long f, l;

	notes_summary_params(template_find_block(r->tpl, TPL_INTELLIGENCE),
			     &p);
	notes_summary_compute(&r->notes, r->tpl, r->cfg, &o->week, &p, 1, &s);
	pipeline_window(r->cfg, &s.week[s.neditions - 1], &f, &l);
	notes_summary_release(&s);
	return f < first ? f : first;
}

#define THIN_NAMED 8

void pipeline_check_coverage(const struct pipeline_opts *o,
			     const struct pipeline_run *r,
			     struct eim_warnings *w)
{
	struct notes_summary s;
	struct nsum_params p;
	struct strbuf thin = STRBUF_INIT;
	size_t i, k, nthin = 0;

	notes_summary_params(template_find_block(r->tpl, TPL_INTELLIGENCE),
			     &p);
	notes_summary_compute(&r->notes, r->tpl, r->cfg, &o->week, &p, 1, &s);
	for (i = 0; i < s.nplaces; i++) {
		long before = 0;
		for (k = 1; k <= s.shown; k++)
			before += s.places[i].n[k];
		if (o->verbose)
			eim_warn(w, "notes naming %s (%s): %ld this edition, "
				 "%ld in the previous %zu edition%s",
				 s.places[i].name, s.places[i].code,
				 s.places[i].n[0], before, s.shown,
				 s.shown == 1 ? "" : "s");
		/* a warning is one readable line: the first few places
		 * by name, the rest counted (--verbose lists every one) */
		if (!s.places[i].n[0] && nthin++ < THIN_NAMED)
			strbuf_addf(&thin, "%s%s (%s, %ld in the previous "
				    "%zu)", thin.len ? ", " : "",
				    s.places[i].name, s.places[i].code,
				    before, s.shown);
	}
	if (nthin > THIN_NAMED)
		strbuf_addf(&thin, " and %zu more places (--verbose lists "
			    "each place's count)", nthin - THIN_NAMED);
	if (thin.len)
		eim_warn(w, "thin coverage: no note this edition names %s",
			 thin.buf);
	strbuf_release(&thin);
	notes_summary_release(&s);
}
