/* compose.h - turn the week's inputs into the document model: masthead,
 * lead and key issues from the edition, generated headlines, the
 * dashboard, charts and tables from series and figures, editors' notes
 * by theme, and the sources and methods section.
 *
 * Ownership: compose_doc only reads its input; the struct doc it fills
 * (initialised by the caller with doc_init) owns copies of everything. */
#ifndef EIMON_COMPOSE_H
#define EIMON_COMPOSE_H

#include <stddef.h>

#include "config.h"
#include "doc.h"
#include "error.h"
#include "notes.h"
#include "period.h"
#include "series.h"
#include "strbuf.h"
#include "template.h"

struct figure; /* figures.h */
struct figure_set; /* figures.h */
struct notes_summary; /* notes_summary.h */

/* What became of one feed in this build (for the sources section). */
struct compose_feed {
	const struct config_feed *feed;
	const struct series_table *table; /* NULL: unavailable */
	int stale;            /* latest period older than max_age */
	int from_cache;       /* last good copy used after a failure */
	int provisional;      /* its latest value is provisional */
	char latest[PERIOD_TEXT_MAX]; /* canonical latest period or "" */
	char retrieved[16];   /* YYYY-MM-DD or "" */
	const char *failure;  /* why it failed, or NULL */
};

/* The latest figures of the previous edition (its figures.csv). */
struct compose_prev {
	char week[16];                    /* "" when there is none */
	struct prev_latest *items;
	size_t n;
};
void compose_prev_parse(const char *text, size_t len, const char *week,
			struct compose_prev *out);
void compose_prev_release(struct compose_prev *p);

struct compose_input {
	const struct config *cfg;
	const struct template_def *tpl;
	const struct edition *ed;         /* may have file == NULL */
	const struct note *const *notes;  /* selected, ordered */
	size_t nnotes;
	struct period week;
	long issue;
	int partners;                     /* partners edition */
	int revised;                      /* "revised since first publication" */
	const struct compose_feed *feeds; /* [cfg->nfeeds] */
	const struct figure_set *figs;
	const struct compose_prev *prev;  /* may be NULL */
	/* partners' intelligence counted for this edition (public or
	 * partners); NULL when the template has no intelligence block */
	const struct notes_summary *intel;
	/* [cfg->nindicators]: figures_series_freq of each indicator with a
	 * table (-1 otherwise), found once for every edition; or NULL */
	const int *series_freq;
};

int compose_doc(const struct compose_input *in, struct doc *out,
		struct eim_error *err);
/* Append one template block as compose_doc would (summary.c takes the
 * lead, key issues and headlines of an edition this way). */
int compose_block(const struct compose_input *in, const struct tpl_block *b,
		  struct doc *d, struct eim_error *err);

/* Internal to compose (compose_*.c); declared here to keep one header. */
/* Release sb; when an append to it failed at its size cap, mark d
 * truncated (compose_block then fails at the block's template line). */
void compose_release(struct doc *d, struct strbuf *sb);
const struct compose_feed *compose_feed_of(const struct compose_input *in,
					   const char *feed_id);
/* Format a value of ind for display (compose_figures.c). */
void compose_format_value(const struct config_indicator *ind, double v,
			  char *buf, size_t size);
/* The doc status of a figure's or a source's status flag, and the
 * figure f added to cell as a number it prints (compose_figures.c). */
enum doc_status compose_status(const char *flag);
void compose_cell_figure(struct doc_cell *cell,
			 const struct config_indicator *ind,
			 const struct figure *f, enum doc_num_kind kind,
			 int stale);
/* Whether a value of ind for period p is stale: older than its feed's
 * max_age_days at the end of the edition's week (compose_figures.c). */
int compose_is_stale(const struct compose_input *in,
		     const struct config_indicator *ind,
		     const struct period *p);
/* The series of ind at geo exactly as its figures see it
 * (figures_series: edition cut-off, scale, combine); -1 when there is
 * none. The caller releases s. */
int compose_series(const struct compose_input *in,
		   const struct config_indicator *ind, const char *geo,
		   struct series *s);
/* The geography an indicator is reported for (area, else a comparator). */
const char *compose_main_geo(const struct compose_input *in,
			     const struct config_indicator *ind);
/* The GSS codes a chart or table block shows, in order (compose_chart.c);
 * the caller frees the array, not the strings. */
size_t compose_block_geos(const struct config *c, const struct tpl_block *b,
			  const char ***out);
int compose_chart(const struct compose_input *in, const struct tpl_block *b,
		  struct doc *d, struct eim_error *err);
int compose_dashboard(const struct compose_input *in,
		      const struct tpl_block *b, struct doc *d,
		      struct eim_error *err);
int compose_headlines(const struct compose_input *in,
		      const struct tpl_block *b, struct doc *d,
		      struct eim_error *err);
/* The "since last week's monitor" paragraph (nothing without prev). */
void compose_since(const struct compose_input *in, struct doc *d);
/* The previous edition's name and every value of its figures.csv that
 * this edition's figures hold for the same indicator, place and period
 * with another value, into d (nothing without prev; compose_since.c). */
void compose_revisions(const struct compose_input *in, struct doc *d);
int compose_table(const struct compose_input *in, const struct tpl_block *b,
		  struct doc *d, struct eim_error *err);
struct strbuf;
/* compose_cut.c: a table's max_rows and a bar chart's max_bars. 1 when
 * code is one of the places (not the subject of a place's edition). */
int compose_is_place(const struct config *c, const char *code);
/* 1 in a place's edition: the subject (c->area) is one of c->places. */
int compose_subject_is_place(const struct config *c);
/* Cut the rows codes/names (*n, every one with data) to max_rows: every
 * row that is not a place stays; of the places, those ranked highest
 * for ind in per fill the rows left, in rank order. Returns how many
 * places are left out (0: nothing cut) and sets *shown to how many stay. */
size_t compose_cut_rows(const struct compose_input *in,
			const struct config_indicator *ind,
			const struct period *per, const char **codes,
			const char **names, size_t *n, long max_rows,
			size_t *shown);
/* The sentence saying what a cut left out (nothing when hidden is 0);
 * what: "table" or "chart". */
void compose_cut_note(const struct compose_input *in,
		      const struct config_indicator *ind, size_t hidden,
		      size_t shown, const char *what, struct strbuf *sb);
/* compose_intel.c: the intelligence summary block, and the recurring
 * concerns raised into the key issues when the block asks for it. */
int compose_intelligence(const struct compose_input *in,
			 const struct tpl_block *b, struct doc *d);
size_t compose_raised_concerns(const struct compose_input *in);
void compose_raise_concerns(const struct compose_input *in, struct doc *d,
			    struct doc_block *bullets);

#endif
