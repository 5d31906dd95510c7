/* datacheck.h - the data checks: does what the feeds hold match what the
 * monitor and its template ask for? A mapped column the file lacks, a
 * filter or select value that matches no row, a place code no feed has,
 * an indicator with no value for the area by the edition's cut-off, a
 * geography a block shows with no observation, a chart with more series
 * than it can draw. `eimon check` reports every finding; `eimon build`
 * warns and refuses to publish when one would drop a geography or an
 * indicator the config asks for, unless `allow_missing` allows that gap.
 *
 * Ownership: datacheck_run reads the config and the tables; it edits the
 * (fitted) template in place: geographies allowed to be missing are taken
 * out of blocks, and blocks left with none are removed. Findings are
 * formatted "FILE:LINE:COL: message" into the caller's list. */
#ifndef EIMON_DATACHECK_H
#define EIMON_DATACHECK_H

#include <stddef.h>

#include "config.h"
#include "doc.h"
#include "error.h"
#include "period.h"
#include "series.h"
#include "template.h"

/* The limits of the document model (doc.h). */
#define DATACHECK_MAX_SERIES DOC_CHART_MAX_SERIES
#define DATACHECK_MAX_TABLE_INDICATORS DOC_TABLE_MAX_INDICATORS

/* What the build made of one feed. */
struct datacheck_feed {
	const struct series_table *table;      /* NULL: not loaded */
	const struct series_table *unfiltered; /* see pipeline_feed */
	const struct eim_error *read_error;    /* kind EIM_OK: none */
};

struct datacheck_result {
	unsigned nfatal;     /* findings that drop a geography or block */
	unsigned nfindings;  /* all findings, notes excluded */
	struct eim_error first_fatal;
};

/* feeds: [c->nfeeds]. Findings that would drop a geography or an
 * indicator go to fatal, the others to warn, and what allow_missing let
 * the checks leave out to notes. */
void datacheck_run(const struct config *c, struct template_def *t,
		   const struct datacheck_feed *feeds,
		   const struct period *week, struct eim_warnings *fatal,
		   struct eim_warnings *warn, struct eim_warnings *notes,
		   struct datacheck_result *res);

#endif
