/* pipeline_int.h - state shared by the pipeline's files (pipeline.c,
 * pipeline_feeds.c, pipeline_publish.c); not a public interface. */
#ifndef EIMON_PIPELINE_INT_H
#define EIMON_PIPELINE_INT_H

#include <stddef.h>

#include "compose.h"
#include "config.h"
#include "figures.h"
#include "notes.h"
#include "pipeline.h"
#include "series.h"
#include "sha256.h"
#include "strbuf.h"
#include "template.h"

#define PIPELINE_MAX_STAGES 12

struct pipeline_feed {
	struct series_table table;
	int loaded;          /* table holds the feed's data */
	char *body_path;     /* where the bytes were read from */
	char *url;           /* NULL for local feeds */
	char sha256[65];
	char fetched_at[32]; /* ISO 8601 or "" */
	char *failure;
	struct eim_error read_error; /* why the body did not parse */
	/* when mapping.filter left no row: the rows without the filter,
	 * its columns as dimensions, for the data checks to name the
	 * values that exist */
	struct series_table unfiltered;
	int has_unfiltered;
};

struct pipeline_stage_time {
	const char *name;
	long ms;
};

struct pipeline_run {
	struct config *cfg;
	struct template_def *tpl;      /* fitted to cfg (template_resolve) */
	int check_only;                /* eimon check: no feed is required */
	struct eim_warnings tpl_notes; /* what fitting left out, for check */
	struct eim_warnings tpl_warnings; /* indicators shown nowhere */
	struct notes notes;
	struct edition ed;
	long issue;
	int revised;
	struct pipeline_feed *feeds;   /* [cfg->nfeeds] */
	struct compose_feed *cfeeds;   /* [cfg->nfeeds], for compose */
	struct figure_set figs;
	/* figures_write_csv of figs, written and hashed once when many
	 * editions share it (--all-places); NULL: each edition writes it */
	const struct strbuf *figs_csv;
	const struct sha256_ctx *figs_csv_sha; /* sha256 state after it */
	/* [cfg->nindicators] figures_series_freq, found once for many
	 * editions (compose_input.series_freq); NULL: each finds it */
	const int *series_freq;
	struct compose_prev prev;      /* the previous edition's figures */
	struct pipeline_stage_time stages[PIPELINE_MAX_STAGES];
	size_t nstages;
	long stage_start;
	void *pub;                     /* publish state (pipeline_publish.c) */
	const char *dump_dir;          /* pipeline_opts.dump_dir */
};

/* Files of an edition beside its PDF: the web page and its charts'
 * data (pipeline_html.c). */
struct pipeline_file {
	char name[96];
	unsigned char *data;
	size_t len;
};

struct pipeline_files {
	struct pipeline_file *f;
	size_t n;
};

struct pipeline_outputs {
	unsigned char *pdf, *partners_pdf;
	size_t pdf_len, partners_len;
	const unsigned char *csv;
	size_t csv_len;
	char csv_sha256[65];    /* its digest, or "" (publish hashes it) */
	struct pipeline_files web, partners_web; /* none: neither html nor
						   xlsx wanted */
	struct strbuf summary;  /* summary.json (summary.h) */
	const struct strbuf *extra; /* NULL, or editions.csv (all places) */
};

/* pipeline_html.c: 1 when the monitor wants the web page (its own
 * `outputs`, else its template's). */
int pipeline_wants_html(const struct pipeline_run *r);
/* The edition's web page (index.html, index-partners.html) and a CSV of
 * each chart's data, from the doc and the scene its PDF was painted
 * from, appended to out. */
struct doc;
struct scene;
int pipeline_html(const struct doc *d, const struct scene *sc, int partners,
		  struct pipeline_files *out, struct eim_error *err);
void pipeline_files_release(struct pipeline_files *fs);
/* pipeline_xlsx.c: 1 when the monitor wants the data download, and the
 * edition's workbook (monitor-data.xlsx, monitor-partners-data.xlsx)
 * appended to out. */
int pipeline_wants_xlsx(const struct pipeline_run *r);
int pipeline_xlsx(const struct pipeline_run *r, const struct doc *d,
		  int partners, struct pipeline_files *out,
		  struct eim_error *err);

/* End the running stage and start the one named (NULL: just end). */
void pipeline_stage(struct pipeline_run *r, const char *name);
void pipeline_window(const struct config *c, const struct period *week,
		     long *first, long *last);
int pipeline_load_inputs(const struct pipeline_opts *o, struct pipeline_run *r,
			 struct eim_warnings *problems, struct eim_error *err);
void pipeline_run_release(struct pipeline_run *r);

/* pipeline_keep.c: what a build keeps of feed i (see there). geos and
 * filters are borrowed from the config and template. */
struct pipeline_keep {
	const char **geos;
	size_t ngeos;
	struct series_filter *f;  /* the indicators' selects, one after
				     another: start[i], count[i] */
	size_t *start, *count;
	size_t nind;
};
void pipeline_keep_init(struct pipeline_keep *k, const struct config *c,
			const struct template_def *tpl, size_t feed);
void pipeline_keep_release(struct pipeline_keep *k);
int pipeline_keep_obs(const struct series_table *t,
		      const struct series_obs *o, void *ctx);

/* Run the data checks over the loaded feeds (datacheck.h): fatal
 * findings to fatal, the others to warn, notes to r->tpl_notes; returns
 * the number of fatal findings, the first in err. */
unsigned pipeline_datacheck(const struct pipeline_opts *o,
			    struct pipeline_run *r, struct eim_warnings *fatal,
			    struct eim_warnings *warn, struct eim_error *err);

/* pipeline_notes.c: a warning for each place named in no note this
 * edition (every place when verbose), with the earlier editions' count. */
void pipeline_check_coverage(const struct pipeline_opts *o,
			     const struct pipeline_run *r,
			     struct eim_warnings *w);

/* The first day of the oldest edition whose notes the intelligence
 * summary counts (first, if it is earlier). */
long pipeline_notes_first_day(const struct pipeline_opts *o,
			      const struct pipeline_run *r, long first);

/* pipeline_feeds.c */
int pipeline_load_feeds(const struct pipeline_opts *o, struct pipeline_run *r,
			struct eim_warnings *w, struct eim_error *err);
const struct series_table *pipeline_table_of(const struct pipeline_run *r,
					     const char *feed_id);
void pipeline_feed_release(struct pipeline_feed *f);

/* pipeline_place.c: the monitor seen from one of its places. The view's
 * config is a shallow copy of the monitor's (its strings are the
 * monitor's) with the place as area and [area, comparators...] as
 * comparators; release frees only the view's own array. */
struct pipeline_place_view {
	struct config cfg;
	struct config_place *comparators;
};
const struct config_place *pipeline_find_place(const struct config *c,
					       const char *code);
int pipeline_place_view(const struct config *c, const char *code,
			struct pipeline_place_view *v, struct eim_error *err);
void pipeline_place_view_release(struct pipeline_place_view *v);
/* The notes about place (or area, or no place) as shallow copies: free
 * out->items only, never notes_release it. */
void pipeline_place_notes(const struct notes *all, const char *place,
			  const char *area, struct notes *out);

/* pipeline.c: the edition of r (the area's, or a place's when r is seen
 * from it): figures.csv, manifest inputs, render (the partners edition on
 * a second thread when threads), publish. index: NULL or editions.csv. */
struct strbuf;
int pipeline_edition(const struct pipeline_opts *o, struct pipeline_run *r,
		     int threads, const struct strbuf *index,
		     char **out_pdf, struct eim_warnings *w,
		     struct eim_error *err);

/* pipeline_places.c: the index of the week's editions (the area's and
 * every place's, with their folders relative to the area's), and every
 * place's edition of this run's slice on a pool of o->jobs workers. */
int pipeline_places_index(const struct config *c, struct strbuf *csv,
			  struct eim_error *err);
int pipeline_places_build(const struct pipeline_opts *o,
			  const struct pipeline_run *area,
			  struct eim_warnings *w, struct eim_error *err);

/* pipeline_publish.c */
int pipeline_publish_begin(const struct pipeline_opts *o,
			   struct pipeline_run *r, struct eim_warnings *w,
			   struct eim_error *err);
int pipeline_publish(const struct pipeline_opts *o, struct pipeline_run *r,
		     const struct pipeline_outputs *out, char **out_pdf,
		     struct eim_warnings *w, struct eim_error *err);
void pipeline_publish_end(struct pipeline_run *r);
/* Fill the manifest's inputs and decide whether this is a revision. */
int pipeline_describe_inputs(const struct pipeline_opts *o,
			     struct pipeline_run *r);
void pipeline_load_previous(const struct pipeline_opts *o,
			    struct pipeline_run *r);
/* sha256 of a file as hex; -1 if it cannot be read. */
int pipeline_file_sha256(const char *path, int flags, char hex[65]);

#endif
