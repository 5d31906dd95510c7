/* pipeline.h - the stages put together: what `eimon build`, `check`,
 * `fetch` and `notes new` do, as library calls that main only wraps.
 *
 * Nothing here prints: warnings are collected in a struct eim_warnings
 * (owned by the caller), errors come back in struct eim_error. */
#ifndef EIMON_PIPELINE_H
#define EIMON_PIPELINE_H

#include "error.h"
#include "period.h"

struct pipeline_opts {
	const char *config;   /* path to monitor.yaml */
	struct period week;   /* the edition week (PERIOD_WEEK) */
	const char *out_dir;  /* NULL: the config's out_dir */
	int offline;          /* use the feed cache only */
	int verbose;
	/* NULL, or a folder (which must exist) where build writes each
	 * edition's document and scene as text (monitor.doc.txt,
	 * monitor.scene.txt, monitor-partners.*): what a back end is given */
	const char *dump_dir;
	/* NULL: the area's edition; else the GSS code of one of the
	 * monitor's places, whose edition is published in
	 * OUT/YYYY-Www/places/CODE/ (see docs/operators.md) */
	const char *place;
	/* build the area's edition and every place's in one run (also when
	 * the config says `coverage: places`) */
	int all_places;
	/* 0, or build only slice slice_index of slice_count (implies
	 * all_places): slice 0 builds the area's edition, and slice I the
	 * places I, I+N, I+2N... in the config's order */
	int slice_index, slice_count;
	int jobs;             /* place editions rendered at once; 0: cores */
};

/* Build the edition for opts->week: fetch (unless offline), read, compute,
 * compose, render and publish atomically into OUT/YYYY-Www/.
 * On success *out_pdf (may be NULL) receives the public PDF's path
 * (caller frees). */
int pipeline_build(const struct pipeline_opts *o, char **out_pdf,
		   struct eim_warnings *w, struct eim_error *err);
/* Validate config, template, notes and the edition file of the week;
 * every problem found is appended to problems (formatted messages), and
 * the first is in err. Returns 0 when all is valid. */
int pipeline_check(const struct pipeline_opts *o, struct eim_warnings *problems,
		   struct eim_warnings *w, struct eim_error *err);
/* `eimon notes list`: load the config, template and notes and print into
 * out the notes dated from the week since (NULL: four weeks before
 * o->week) to o->week, of theme and naming place when given (NULL: any).
 * An unknown theme or place is EIM_USAGE. */
struct strbuf;
int pipeline_notes_list(const struct pipeline_opts *o,
			const struct period *since, const char *theme,
			const char *place, struct strbuf *out,
			struct eim_error *err);
/* Refresh the feed cache only. */
int pipeline_fetch(const struct pipeline_opts *o, struct eim_warnings *w,
		   struct eim_error *err);

#endif
