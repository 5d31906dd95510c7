/* template.h - report templates (keys: docs/configuration.md): the
 * house style, the themes of editors' notes and the ordered sections of
 * blocks.
 *
 * Ownership: template_load returns a struct template_def freed with
 * template_free; everything in it belongs to it. */
#ifndef EIMON_TEMPLATE_H
#define EIMON_TEMPLATE_H

#include <stddef.h>

#include "error.h"
#include "schema.h"

enum tpl_block_type {
	TPL_LEAD, TPL_KEY_ISSUES, TPL_HEADLINES, TPL_DASHBOARD, TPL_CHART,
	TPL_TABLE, TPL_NOTES, TPL_TEXT, TPL_SOURCES, TPL_CONTENTS,
	TPL_PAGEBREAK, TPL_INTELLIGENCE
};

enum tpl_chart_kind { TPL_CHART_LINE, TPL_CHART_BAR, TPL_CHART_COLUMN };

struct tpl_refline {
	double value;
	char *label;
};

/* indicators_with: the monitor's indicators that have one of the themes,
 * the tag and not except_tag (all of them when the mapping is empty), in
 * the order of monitor.yaml. */
struct tpl_pick {
	char **theme;
	size_t ntheme;
	char *tag;
	char *except_tag;
};

struct tpl_block {
	int type;             /* enum tpl_block_type */
	char *title;          /* optional heading / chart title override */
	char *text;           /* TEXT */
	int chart;            /* enum tpl_chart_kind */
	char **indicators;    /* CHART, TABLE, HEADLINES, DASHBOARD */
	size_t nindicators;
	char **places;        /* GSS codes or the words area, places,
				 comparators, region, country */
	size_t nplaces;
	struct tpl_pick pick; /* indicators_with */
	int has_pick;         /* indicators_with was given */
	int each_indicator;   /* one block per indicator (template_resolve) */
	char **allow_missing; /* geographies the block may lack */
	size_t nallow_missing;
	char *since;          /* period text */
	char *index_to;       /* period text: rebase to 100 */
	struct tpl_refline *refs;
	size_t nrefs;
	char **themes;        /* NOTES: default all */
	size_t nthemes;
	long max_rows;        /* TABLE: most rows (compose_cut.c); 0 all */
	long max_bars;        /* bar CHART: most bars; 0 all */
	/* INTELLIGENCE (partners' intelligence summary, notes_summary.h) */
	long editions;        /* previous editions compared */
	long recurring;       /* editions in a row that flag a concern */
	int recurring_by;     /* enum nsum_by: theme, sector, place */
	int raise_concerns;   /* flags also go to the key issues */
	int by_place;         /* show notes by place to the reader */
	int line, col;        /* position in the template, for messages */
};

struct tpl_section {
	char *title;          /* heading (H1); NULL: no heading */
	int page_break;       /* start on a new page */
	struct tpl_block *blocks;
	size_t nblocks;
};

struct tpl_theme {
	char *id;
	char *title;
};

struct tpl_style {
	char *font_regular;
	char *font_bold;
	double body_size;
	double margin;
	char *accent;         /* "#12436D" */
	char *logo;
};

struct template_def {
	char *path;
	char *name;
	struct tpl_style style;
	struct tpl_theme *themes;
	size_t nthemes;
	struct tpl_section *sections;
	size_t nsections;
	const char **theme_ids; /* [nthemes], pointers into themes */
	char **outputs;         /* "pdf", "html": the files of an edition */
	size_t noutputs;        /* 0: the PDF only */
};

/* The template file to load for path, the monitor's `template:`: path
 * itself when it exists; else (`template: weekly`, or the default
 * report_templates/weekly.yaml not next to monitor.yaml) the template of
 * that name among those `make install` put in DATADIR/report_templates,
 * written into buf; else path (for the error). */
const char *template_locate(const char *path, char *buf, size_t size);

/* The schema of a template (for the configuration reference test). */
const struct schema *template_schema_root(void);

int template_load(const char *path, struct template_def **out,
		  struct eim_error *err);
void template_free(struct template_def *t);
const char *template_theme_title(const struct template_def *t,
				 const char *id);
/* The first block of a type, or NULL. */
const struct tpl_block *template_find_block(const struct template_def *t,
					    int type);

/* The block schema (for template_resolve's copies). */
const struct schema *template_block_schema(void);
/* "chart" for TPL_CHART... */
const char *template_block_type_name(int type);

struct config;
struct eim_warnings;
/* Fit a loaded template to a monitor, in place: `indicators_with`
 * becomes the list of the monitor's indicators it selects, a block with
 * `each_indicator` becomes one block per indicator (taking the
 * indicator's own `chart` settings), the words region and country become
 * the comparators' codes. A block left with no indicator or no geography
 * is left out, and so is a section left with no block; each is noted in
 * notes (not an error: the template is for any monitor). An indicator
 * that no chart or table shows (a monitor written before themes, say)
 * is a warning in warn. */
void template_resolve(struct template_def *t, const struct config *c,
		      struct eim_warnings *notes, struct eim_warnings *warn);

/* Whether a block of t shows indicator id (a headlines or dashboard
 * block without a list shows every indicator). */
int template_shows_indicator(const struct template_def *t, const char *id);

/* Check the template against a monitor: indicator ids and GSS codes named
 * in blocks must exist. Every problem goes to problems (if not NULL);
 * the first is in err. */
int template_check_config(const struct template_def *t,
			  const struct config *c,
			  struct eim_warnings *problems,
			  struct eim_error *err);

#endif
