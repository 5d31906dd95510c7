/* pipeline.c - eimon build / check: the stages in order, timing each,
 * with one exit path that releases everything. */
#include "pipeline.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "compose.h"
#include "config.h"
#include "doc.h"
#include "figures.h"
#include "notes.h"
#include "notes_summary.h"
#include "pipeline_int.h"
#include "backend.h"
#include "layout.h"
#include "strbuf.h"
#include "summary.h"
#include "template.h"
#include "xalloc.h"
#include "yamldoc.h"
#include "banned.h"

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void pipeline_stage(struct pipeline_run *r, const char *name)
{
	long t = now_ms();

	if (r->nstages && r->nstages <= PIPELINE_MAX_STAGES)
		r->stages[r->nstages - 1].ms = t - r->stage_start;
	if (r->nstages < PIPELINE_MAX_STAGES && name) {
		r->stages[r->nstages].name = name;
		r->stages[r->nstages].ms = 0;
		r->nstages++;
	}
	r->stage_start = t;
}

/* The issue number: the edition file's, else counted from the config's
 * first issue (one per window). */
static long issue_number(const struct config *c, const struct edition *ed,
			 const struct period *week)
{
	struct period first;
	long weeks;

	if (ed && ed->issue > 0)
		return ed->issue;
	if (!c->first_issue_week ||
	    period_parse(c->first_issue_week, strlen(c->first_issue_week),
			 &first))
		return c->first_issue;
	weeks = period_diff(&first, week);
	if (c->window && strcmp(c->window, "fortnight") == 0)
		weeks /= 2;
	return c->first_issue + (weeks > 0 ? weeks : 0);
}

void pipeline_window(const struct config *c, const struct period *week,
		     long *first, long *last)
{
	if (notes_window(week, c->window, first, last)) {
		*first = period_start_day(week);
		*last = period_end_day(week);
	}
}

/* An edition far in the future would be built for nothing (and once
 * could take `latest`): --week is at most max_weeks_ahead weeks after
 * the current ISO week (UTC). */
static int check_week_ahead(const struct config *c, const struct period *week,
			    struct eim_error *err)
{
	struct period now = period_of_day((long)(time(NULL) / 86400),
					  PERIOD_WEEK);
	long ahead = period_diff(&now, week);
	char wk[PERIOD_TEXT_MAX];

	if (ahead <= c->max_weeks_ahead)
		return 0;
	period_format(week, wk, sizeof(wk));
	return eim_error_set(err, EIM_USAGE, NULL, 0, 0,
			     "--week %s is %ld weeks after the current week "
			     "(at most %ld: max_weeks_ahead in %s)", wk, ahead,
			     c->max_weeks_ahead, c->path);
}

/* Load config, template, notes and the edition file. All problems of
 * notes and editions go to problems (when given). */
int pipeline_load_inputs(const struct pipeline_opts *o, struct pipeline_run *r,
			 struct eim_warnings *problems, struct eim_error *err)
{
	int ret = -1, bad;
	char tpl[EIM_PATH_MAX];

	if (config_load(o->config, &r->cfg, err) ||
	    check_week_ahead(r->cfg, &o->week, err))
		goto out;
	if (template_load(template_locate(r->cfg->template_path, tpl,
					  sizeof(tpl)),
			  &r->tpl, err))
		goto out;
	template_resolve(r->tpl, r->cfg, &r->tpl_notes, &r->tpl_warnings);
	if (template_check_config(r->tpl, r->cfg, problems, err))
		goto out;
	/* Notes and the edition file are both read even when one fails, so
	 * that `eimon check` lists every problem in one run. */
	bad = notes_load(r->cfg->notes_dir, r->cfg, r->tpl->theme_ids,
			 r->tpl->nthemes, &r->notes, problems, err);
	if (edition_load(r->cfg->editions_dir, &o->week, &r->ed, problems,
			 err) ||
	    edition_check_published(&r->ed, &o->week,
				    r->cfg->published_within_days, problems,
				    err) || bad)
		goto out;
	r->issue = issue_number(r->cfg, &r->ed, &o->week);
	ret = 0;
out:
	return ret;
}

void pipeline_run_release(struct pipeline_run *r)
{
	size_t i;

	for (i = 0; r->feeds && r->cfg && i < r->cfg->nfeeds; i++)
		pipeline_feed_release(&r->feeds[i]);
	free(r->feeds);
	free(r->cfeeds);
	figures_release(&r->figs);
	compose_prev_release(&r->prev);
	notes_release(&r->notes);
	edition_release(&r->ed);
	template_free(r->tpl);
	eim_warnings_release(&r->tpl_notes);
	eim_warnings_release(&r->tpl_warnings);
	config_free(r->cfg);
	memset(r, 0, sizeof(*r));
}

static int compute_figures(const struct pipeline_opts *o,
			   struct pipeline_run *r, struct eim_error *err)
{
	const struct config *c = r->cfg;
	size_t i;

	figures_init(&r->figs);
	for (i = 0; i < c->nindicators; i++) {
		const struct config_indicator *ind = &c->indicators[i];
		const struct series_table *t, *tn, *td;
		const struct config_indicator *num, *den;
		if (ind->combine == COMBINE_RATIO) {
			num = config_find_indicator(c, ind->numerator);
			den = config_find_indicator(c, ind->denominator);
			tn = pipeline_table_of(r, num->feed);
			td = pipeline_table_of(r, den->feed);
			if (!tn || !td)
				continue;
			if (figures_compute_ratio(c, ind, num, tn, den, td,
						  &o->week, &r->figs, err))
				return -1;
			continue;
		}
		t = pipeline_table_of(r, ind->feed);
		if (!t)
			continue; /* feed dropped: the sources say so */
		if (figures_compute(c, ind, t, &o->week, &r->figs, err))
			return -1;
	}
	return 0;
}

/* Draft notes (still holding the TODO text of `eimon notes new`) are
 * never printed; warn_drafts says so. */
static size_t drop_drafts(const struct note **sel, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (!notes_is_draft(sel[i]))
			sel[k++] = sel[i];
	return k;
}

/* dir/name: the text of a doc or scene dump (build --dump). */
static int write_dump(const char *dir, const char *name,
		      const struct strbuf *sb, struct eim_error *err)
{
	char path[EIM_PATH_MAX];
	FILE *f;
	int ok;

	if (sb->failed)
		return eim_error_set(err, EIM_SOFTWARE, NULL, 0, 0, "the %s "
				     "dump is too large", name);
	if (snprintf(path, sizeof(path), "%s/%s", dir, name) >=
	    (int)sizeof(path))
		return eim_error_set(err, EIM_CANTCREAT, dir, 0, 0,
				     "dump folder path too long");
	f = fopen(path, "wb");
	if (!f)
		return eim_error_set(err, EIM_CANTCREAT, path, 0, 0,
				     "cannot create the dump");
	ok = fwrite(sb->buf, 1, sb->len, f) == sb->len;
	ok = (fclose(f) == 0) && ok;
	return ok ? 0 : eim_error_set(err, EIM_CANTCREAT, path, 0, 0,
				      "cannot write the dump");
}

/* The document and scene of an edition as text into r->dump_dir. */
static int dump_edition(const struct pipeline_run *r, int partners,
			const struct doc *d, const struct scene *sc,
			struct eim_error *err)
{
	const char *base = partners ? "monitor-partners" : "monitor";
	struct strbuf sb = STRBUF_INIT;
	char name[64];
	int ret = -1;

	doc_dump(d, &sb);
	snprintf(name, sizeof(name), "%s.doc.txt", base);
	if (write_dump(r->dump_dir, name, &sb, err))
		goto out;
	if (sc) {
		strbuf_reset(&sb);
		scene_dump(sc, &sb);
		snprintf(name, sizeof(name), "%s.scene.txt", base);
		if (write_dump(r->dump_dir, name, &sb, err))
			goto out;
	}
	ret = 0;
out:
	strbuf_release(&sb);
	return ret;
}

/* summary (public edition only; NULL otherwise) receives summary.json. */
static int render_edition(const struct pipeline_run *r,
			  const struct period *week,
			  int partners, unsigned char **pdf, size_t *len,
			  struct pipeline_files *web, struct strbuf *summary,
			  struct eim_error *err)
{
	struct compose_input in;
	struct backend_input bin;
	const struct note **sel = NULL;
	const struct tpl_block *ib =
		template_find_block(r->tpl, TPL_INTELLIGENCE);
	struct notes_summary intel;
	struct nsum_params ip;
	struct doc d;
	struct scene sc;
	long first, last;
	int ret = -1;

	memset(&in, 0, sizeof(in));
	memset(&intel, 0, sizeof(intel));
	doc_init(&d);
	scene_init(&sc);
	if (ib) { /* counted apart for each edition: see notes_summary.h */
		notes_summary_params(ib, &ip);
		notes_summary_compute(&r->notes, r->tpl, r->cfg, week, &ip,
				      partners, &intel);
		in.intel = &intel;
	}
	pipeline_window(r->cfg, week, &first, &last);
	in.cfg = r->cfg;
	in.tpl = r->tpl;
	in.ed = &r->ed;
	in.nnotes = notes_select(&r->notes, first, last, r->tpl->theme_ids,
				 r->tpl->nthemes, partners, &sel);
	in.nnotes = drop_drafts(sel, in.nnotes);
	in.notes = sel;
	in.week = *week;
	in.issue = r->issue;
	in.partners = partners;
	in.revised = r->revised;
	in.feeds = r->cfeeds;
	in.figs = &r->figs;
	in.prev = &r->prev;
	in.series_freq = r->series_freq;
	if (compose_doc(&in, &d, err))
		goto out;
	if (summary && summary_write(&in, &d, summary, err))
		goto out;
	/* the document is dumped also when it cannot be laid out */
	if (layout_doc(&d, &sc, err)) {
		if (r->dump_dir)
			dump_edition(r, partners, &d, NULL, err);
		goto out;
	}
	if (r->dump_dir && dump_edition(r, partners, &d, &sc, err))
		goto out;
	bin.doc = &d;
	bin.scene = &sc;
	if (backend_pdf.render(&bin, pdf, len, err))
		goto out;
	if (web && pipeline_wants_html(r) &&
	    pipeline_html(&d, &sc, partners, web, err))
		goto out;
	if (web && pipeline_wants_xlsx(r) &&
	    pipeline_xlsx(r, &d, partners, web, err))
		goto out;
	ret = 0;
out:
	backend_pdf.thread_cleanup();
	free(sel);
	scene_free(&sc);
	doc_free(&d);
	notes_summary_release(&intel);
	return ret;
}

static int has_partners_notes(const struct pipeline_run *r,
			      const struct period *week)
{
	const struct note **sel = NULL;
	long first, last;
	size_t n, i;
	int any = 0;

	pipeline_window(r->cfg, week, &first, &last);
	n = notes_select(&r->notes, first, last, r->tpl->theme_ids,
			 r->tpl->nthemes, 1, &sel);
	for (i = 0; i < n; i++)
		if (sel[i]->partners)
			any = 1;
	free(sel);
	return any;
}

#define EDITION_STACK ((size_t)8 << 20)

/* One edition rendered on its own thread. */
struct edition_job {
	struct pipeline_run *r;
	const struct period *week;
	int partners, ret;
	unsigned char *pdf;
	size_t len;
	struct pipeline_files *web;
	struct eim_error err;
};

static void *edition_thread(void *arg)
{
	struct edition_job *j = arg;

	j->ret = render_edition(j->r, j->week, j->partners, &j->pdf, &j->len,
				j->web, NULL, &j->err);
	return NULL;
}

/* The public edition, and the partners edition when one is due. The two
 * are independent (each composes its own doc from inputs that are only
 * read, libharu keeps no global state), so on a machine with two cores
 * the partners edition renders on a second thread at the same time: it
 * roughly halves the render stage, which is most of a build. Where a
 * thread cannot be made they render one after the other. The public
 * edition's error comes first, as when rendered in order. */
static int render_editions(struct pipeline_run *r, const struct period *week,
			   int threads, struct pipeline_outputs *out,
			   struct eim_error *err)
{
	struct edition_job pj;
	pthread_attr_t attr;
	pthread_t tid;
	/* html: files beside the PDF wanted (web page, workbook) */
	int threaded, ret,
	    html = pipeline_wants_html(r) || pipeline_wants_xlsx(r);

	if (!has_partners_notes(r, week))
		return render_edition(r, week, 0, &out->pdf, &out->pdf_len,
				      html ? &out->web : NULL,
				      &out->summary, err);
	memset(&pj, 0, sizeof(pj));
	pj.web = html ? &out->partners_web : NULL;
	pj.r = r;
	pj.week = week;
	pj.partners = 1;
	eim_error_init(&pj.err);
	/* the stack of a main thread: libharu keeps a 128 KiB array on it
	 * while it builds a font, more than some C libraries give a thread */
	threaded = threads && pthread_attr_init(&attr) == 0;
	if (threaded) {
		pthread_attr_setstacksize(&attr, EDITION_STACK);
		threaded = pthread_create(&tid, &attr, edition_thread,
					  &pj) == 0;
		pthread_attr_destroy(&attr);
	}
	ret = render_edition(r, week, 0, &out->pdf, &out->pdf_len,
			     html ? &out->web : NULL,
			     &out->summary, err);
	if (threaded)
		pthread_join(tid, NULL);
	else if (ret == 0)
		edition_thread(&pj);
	if (ret == 0 && pj.ret != 0) {
		*err = pj.err;
		ret = -1;
	}
	out->partners_pdf = pj.pdf;
	out->partners_len = pj.len;
	return ret;
}

/* A note written by `eimon notes new` and never edited still says TODO:
 * valid, but not for print. */
static void warn_drafts(const struct pipeline_opts *o, struct pipeline_run *r,
			struct eim_warnings *w)
{
	const struct note **sel = NULL;
	long first, last;
	size_t i, n;

	pipeline_window(r->cfg, &o->week, &first, &last);
	n = notes_select(&r->notes, first, last, r->tpl->theme_ids,
			 r->tpl->nthemes, 1, &sel);
	for (i = 0; i < n; i++)
		if (notes_is_draft(sel[i]))
			eim_warn(w, "%s:%d:%d: this note is still a draft "
				 "(it has the TODO text of 'eimon notes new') "
				 "and is left out of the bulletin",
				 sel[i]->file, sel[i]->line, sel[i]->col);
	free(sel);
}

/* The counts of partners' intelligence as rows of figures.csv, with the
 * intelligence block's window (the default one when the template has
 * none, so that figures.csv does not depend on the layout). Public notes
 * only: figures.csv is published with the public edition. */
static int notes_figures_csv(const struct pipeline_run *r,
			     const struct period *week, struct strbuf *csv)
{
	const struct tpl_block *ib =
		template_find_block(r->tpl, TPL_INTELLIGENCE);
	struct notes_summary s;
	struct nsum_params p;
	int ret;

	notes_summary_params(ib, &p);
	notes_summary_compute(&r->notes, r->tpl, r->cfg, week, &p, 0, &s);
	ret = notes_summary_csv(&s, r->cfg->area.code, csv);
	notes_summary_release(&s);
	return ret;
}

int pipeline_edition(const struct pipeline_opts *o, struct pipeline_run *r,
		     int threads, const struct strbuf *extra_csv,
		     char **out_pdf, struct eim_warnings *w,
		     struct eim_error *err)
{
	struct pipeline_outputs out;
	struct strbuf csv = STRBUF_INIT;
	int ret = -1;

	memset(&out, 0, sizeof(out));
	strbuf_init(&out.summary, 0);
	if ((r->figs_csv ? strbuf_add(&csv, r->figs_csv->buf,
				      r->figs_csv->len) < 0
			 : figures_write_csv(&r->figs, &csv) != 0) ||
	    notes_figures_csv(r, &o->week, &csv)) {
		eim_error_set(err, EIM_SOFTWARE, NULL, 0, 0,
			      "figures.csv is too large");
		goto out;
	}
	out.csv = (const unsigned char *)csv.buf;
	out.csv_len = csv.len;
	if (r->figs_csv && r->figs_csv_sha) {
		/* the shared rows are hashed once: only the notes rows here */
		struct sha256_ctx ctx = *r->figs_csv_sha;
		unsigned char dg[SHA256_DIGEST_LEN];

		sha256_update(&ctx, csv.buf + r->figs_csv->len,
			      csv.len - r->figs_csv->len);
		sha256_final(&ctx, dg);
		sha256_to_hex(dg, out.csv_sha256);
	}
	out.extra = extra_csv;
	pipeline_describe_inputs(o, r);
	pipeline_stage(r, "render");
	if (render_editions(r, &o->week, threads, &out, err))
		goto out;
	pipeline_stage(r, "publish");
	if (pipeline_publish(o, r, &out, out_pdf, w, err))
		goto out;
	ret = 0;
out:
	free(out.pdf);
	free(out.partners_pdf);
	pipeline_files_release(&out.web);
	pipeline_files_release(&out.partners_web);
	strbuf_release(&out.summary);
	strbuf_release(&csv);
	return ret;
}

/* The frequency of each indicator's series (figures_series_freq), found
 * once for every edition of the run; -1 where it has no table. */
static int *series_freqs(const struct pipeline_opts *o,
			 const struct pipeline_run *r)
{
	const struct config *c = r->cfg;
	int *f = xcalloc(c->nindicators ? c->nindicators : 1, sizeof(*f));
	size_t i;

	for (i = 0; i < c->nindicators; i++) {
		const struct config_indicator *ind = &c->indicators[i];
		const struct series_table *t =
			ind->feed ? pipeline_table_of(r, ind->feed) : NULL;

		f[i] = t ? figures_series_freq(c, ind, t, &o->week) : -1;
	}
	return f;
}

/* 1 when this run builds the area's edition (every run but a slice
 * other than the first). */
static int builds_area(const struct pipeline_opts *o)
{
	return o->slice_count <= 0 || o->slice_index == 0;
}

int pipeline_build(const struct pipeline_opts *o, char **out_pdf,
		   struct eim_warnings *w, struct eim_error *err)
{
	struct pipeline_run r;
	struct pipeline_place_view pv;
	struct pipeline_opts po = *o;
	struct config *area_cfg = NULL;
	struct notes area_notes;
	struct strbuf index = STRBUF_INIT, figs_csv = STRBUF_INIT;
	struct sha256_ctx figs_sha;
	int *freqs = NULL;
	struct eim_warnings fatal = { NULL, 0, 0 };
	int ret = -1, all, area;

	memset(&pv, 0, sizeof(pv));
	memset(&area_notes, 0, sizeof(area_notes));
	memset(&r, 0, sizeof(r));
	r.dump_dir = o->dump_dir;
	if (out_pdf)
		*out_pdf = NULL;
	pipeline_stage(&r, "load");
	if (pipeline_load_inputs(o, &r, NULL, err))
		goto out;
	all = !o->place && (o->all_places || o->slice_count > 0 ||
			    (r.cfg->coverage &&
			     strcmp(r.cfg->coverage, "places") == 0));
	area = !o->place && (!all || builds_area(o));
	if (o->place && pipeline_place_view(r.cfg, o->place, &pv, err))
		goto out;
	/* The lock first: a second build exits at once, fetching nothing.
	 * A slice other than the first builds places only: each place's
	 * edition has its own lock (publish_begin_place). */
	if ((area || o->place) && pipeline_publish_begin(&po, &r, w, err))
		goto out;
	warn_drafts(o, &r, w);
	for (unsigned i = 0; i < r.tpl_warnings.n; i++)
		eim_warn(w, "%s", r.tpl_warnings.items[i]);
	pipeline_stage(&r, "feeds");
	if (pipeline_load_feeds(o, &r, w, err))
		goto out;
	/* A bulletin shows every geography and indicator the config asks
	 * for, or the build says why not: nothing is published. */
	if (pipeline_datacheck(o, &r, &fatal, w, err)) {
		size_t l = strlen(err->msg);
		/* the first is the error; the others are warnings */
		for (unsigned i = 1; i < fatal.n; i++)
			eim_warn(w, "%s", fatal.items[i]);
		snprintf(err->msg + l, sizeof(err->msg) - l,
			 "; nothing published (eimon check lists every "
			 "problem)");
		goto out;
	}
	pipeline_stage(&r, "figures");
	if (compute_figures(o, &r, err))
		goto out;
	figures_index(&r.figs); /* from here on editions only read them */
	if (o->place) { /* from here on the run is seen from the place */
		area_cfg = r.cfg;
		area_notes = r.notes;
		pipeline_place_notes(&area_notes, o->place,
				     area_cfg->area.code, &r.notes);
		r.cfg = &pv.cfg;
	}
	if (all && pipeline_places_index(r.cfg, &index, err))
		goto out;
	/* every edition's figures.csv starts with the same rows */
	if (all) {
		if (figures_write_csv(&r.figs, &figs_csv)) {
			eim_error_set(err, EIM_SOFTWARE, NULL, 0, 0,
				      "figures.csv is too large");
			goto out;
		}
		r.figs_csv = &figs_csv;
		sha256_init(&figs_sha);
		sha256_update(&figs_sha, figs_csv.buf, figs_csv.len);
		r.figs_csv_sha = &figs_sha;
		freqs = series_freqs(o, &r);
		r.series_freq = freqs;
	}
	if ((area || o->place) &&
	    pipeline_edition(&po, &r, 1, all ? &index : NULL, out_pdf, w, err))
		goto out;
	if (all && pipeline_places_build(o, &r, w, err))
		goto out;
	ret = 0;
out:
	pipeline_publish_end(&r);
	eim_warnings_release(&fatal);
	if (area_cfg) {
		free(r.notes.items);
		r.notes = area_notes;
		r.cfg = area_cfg;
	}
	pipeline_place_view_release(&pv);
	strbuf_release(&index);
	strbuf_release(&figs_csv);
	free(freqs);
	pipeline_run_release(&r);
	return ret;
}

/* Compose and draw the public edition in memory, publishing nothing. */
static int dry_render(const struct pipeline_opts *o, struct pipeline_run *r,
		      struct eim_error *err)
{
	unsigned char *pdf = NULL;
	size_t len = 0;
	int ret;

	if (compute_figures(o, r, err))
		return -1;
	ret = render_edition(r, &o->week, 0, &pdf, &len, NULL, NULL, err);
	free(pdf);
	return ret;
}

int pipeline_check(const struct pipeline_opts *o, struct eim_warnings *problems,
		   struct eim_warnings *w, struct eim_error *err)
{
	struct pipeline_run r;
	int ret = -1, bad_data = 0;

	memset(&r, 0, sizeof(r));
	if (pipeline_load_inputs(o, &r, problems, err)) {
		if (!problems->n) {
			char buf[EIM_PATH_MAX + EIM_MSG_MAX + 32];
			eim_error_format(err, buf, sizeof(buf));
			eim_warn(problems, "%s", buf);
		}
		goto out;
	}
	/* the mailing rules too, when the monitor is mailed (eimon send) */
	if (r.cfg->yaml->root &&
	    ydoc_get(r.cfg->yaml->root, "distribution") &&
	    distribution_check(r.cfg, err)) {
		char buf[EIM_PATH_MAX + EIM_MSG_MAX + 32];
		eim_error_format(err, buf, sizeof(buf));
		eim_warn(problems, "%s", buf);
		goto out;
	}
	warn_drafts(o, &r, w);
	/* the data, offline: the cache or the path: copies */
	{
		struct pipeline_opts off = *o;
		off.offline = 1;
		r.check_only = 1;
		if (pipeline_load_feeds(&off, &r, w, err)) {
			char buf[EIM_PATH_MAX + EIM_MSG_MAX + 32];
			eim_error_format(err, buf, sizeof(buf));
			eim_warn(problems, "%s", buf);
			bad_data = 1;
		} else if (pipeline_datacheck(o, &r, problems, w, err)) {
			bad_data = 1;
		} else if (dry_render(o, &r, err)) {
			/* what only drawing finds: a label too long for its
			 * chart, a chart taller than a page */
			char buf[EIM_PATH_MAX + EIM_MSG_MAX + 32];
			eim_error_format(err, buf, sizeof(buf));
			eim_warn(problems, "the bulletin cannot be drawn: %s",
				 buf);
			bad_data = 1;
		}
	}
	for (unsigned i = 0; i < r.tpl_notes.n; i++)
		eim_warn(w, "%s", r.tpl_notes.items[i]);
	for (unsigned i = 0; i < r.tpl_warnings.n; i++)
		eim_warn(w, "%s", r.tpl_warnings.items[i]);
	pipeline_check_coverage(o, &r, w);
	if (!r.ed.file) {
		char wk[PERIOD_TEXT_MAX];
		period_format(&o->week, wk, sizeof(wk));
		eim_warn(w, "no edition file for %s (%s/%s.yaml): the "
			 "bulletin will have no lead or key issues", wk,
			 r.cfg->editions_dir, wk);
	}
	ret = bad_data ? -1 : 0;
out:
	pipeline_run_release(&r);
	return ret;
}
