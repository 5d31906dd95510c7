/* pipeline_publish.c - the build's side of publishing: take the lock
 * first, describe every input in the manifest (so a rebuild can tell
 * whether anything changed), stage the outputs and commit atomically. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "manifest.h"
#include "pipeline_int.h"
#include "publish.h"
#include "strbuf.h"
#include "fsafe.h"
#include "send.h"
#include "summary.h"
#include "sha256.h"
#include "xalloc.h"
#include "banned.h"

#ifndef EIMON_VERSION
#define EIMON_VERSION "0.0.0"
#endif

struct pipeline_pub {
	struct publish *pub;
	struct manifest m;
};

static struct pipeline_pub *pp_of(struct pipeline_run *r)
{
	return r->pub;
}

int pipeline_publish_begin(const struct pipeline_opts *o,
			   struct pipeline_run *r, struct eim_warnings *w,
			   struct eim_error *err)
{
	struct pipeline_pub *pp = xcalloc(1, sizeof(*pp));
	char wk[PERIOD_TEXT_MAX];

	(void)w;
	manifest_init(&pp->m);
	r->pub = pp;
	period_format(&o->week, wk, sizeof(wk));
	/* a place's edition: OUT/YYYY-Www/places/CODE/ (publish.h) */
	if (o->place ? publish_begin_place(o->out_dir ? o->out_dir
						      : r->cfg->out_dir,
					   wk, o->place, &pp->pub, err)
		     : publish_begin(o->out_dir ? o->out_dir : r->cfg->out_dir,
				     wk, &pp->pub, err))
		return -1;
	pipeline_load_previous(o, r);
	return 0;
}

/* The newest earlier edition's figures, for "since last week's monitor".
 * An unreadable one is simply not compared. */
void pipeline_load_previous(const struct pipeline_opts *o,
			    struct pipeline_run *r)
{
	struct publish_figures pf;
	struct eim_error e;
	char wk[PERIOD_TEXT_MAX];

	memset(&pf, 0, sizeof(pf));
	eim_error_init(&e);
	period_format(&o->week, wk, sizeof(wk));
	if (publish_load_previous_figures(o->out_dir ? o->out_dir
						     : r->cfg->out_dir,
					  wk, o->place, &pf, &e) == 0 &&
	    pf.text)
		compose_prev_parse(pf.text, pf.len, pf.week, &r->prev);
	publish_figures_release(&pf);
}

/* An input's path as the manifest names it: relative to the config's
 * folder, so the same monitor built from another working directory (or
 * with -c given absolute) names the same inputs and is not a revision. */
static const char *config_relative(const struct config *c, const char *path)
{
	size_t n = strlen(c->dir);

	if (!path)
		return NULL;
	if (strcmp(c->dir, ".") == 0)
		return strncmp(path, "./", 2) == 0 ? path + 2 : path;
	if (strcmp(c->dir, "/") != 0 && strncmp(path, c->dir, n) == 0 &&
	    path[n] == '/')
		return path + n + 1;
	return path;
}

/* A file input: its sha256 now (a file that vanished is hashed as "").
 * Notes and edition files are read by the policy of fsafe.h. */
static void add_file(struct manifest *m, const struct config *c,
		     enum manifest_kind kind, const char *path)
{
	int flags = kind == MANIFEST_NOTE || kind == MANIFEST_EDITION
		    ? FSAFE_NOFOLLOW : 0;
	struct manifest_input in;

	memset(&in, 0, sizeof(in));
	in.kind = kind;
	in.path = config_relative(c, path);
	if (pipeline_file_sha256(path, flags, in.sha256))
		in.sha256[0] = '\0';
	manifest_add_input(m, &in);
}

/* The manifest is published beside the public PDF: a file holding a
 * partners-only note is named by a hash of its path, so that not even its
 * file name is published, and carries no sha256 of its content (a hash
 * would confirm a guessed text). An edit still revises the edition: the
 * partners PDF it changes is an output. */
static void add_hidden_note(struct manifest *m, const struct config *c,
			    const char *path)
{
	struct manifest_input in;
	char h[SHA256_HEX_LEN], name[64];
	const char *rel = config_relative(c, path);

	memset(&in, 0, sizeof(in));
	in.kind = MANIFEST_NOTE;
	sha256_hex(rel, strlen(rel), h);
	snprintf(name, sizeof(name), "partners-only note %.16s", h);
	in.id = name;
	manifest_add_input(m, &in);
}

static int seen(const struct manifest *m, const struct config *c,
		const char *path)
{
	size_t i;

	for (i = 0; i < m->n_inputs; i++)
		if (m->inputs[i].path &&
		    strcmp(m->inputs[i].path, config_relative(c, path)) == 0)
			return 1;
	return 0;
}

int pipeline_describe_inputs(const struct pipeline_opts *o,
			     struct pipeline_run *r)
{
	struct pipeline_pub *pp = pp_of(r);
	struct manifest *m = &pp->m;
	const struct note **sel = NULL;
	long first, last;
	size_t i, n;

	add_file(m, r->cfg, MANIFEST_CONFIG, r->cfg->path);
	add_file(m, r->cfg, MANIFEST_TEMPLATE, r->cfg->template_path);
	if (r->ed.file)
		add_file(m, r->cfg, MANIFEST_EDITION, r->ed.file);
	/* The notes of this edition, partners' included, and those of the
	 * earlier editions the intelligence summary counts: editing a note
	 * of another week revises this one only if it is counted here. */
	pipeline_window(r->cfg, &o->week, &first, &last);
	first = pipeline_notes_first_day(o, r, first);
	n = notes_select(&r->notes, first, last, r->tpl->theme_ids,
			 r->tpl->nthemes, 1, &sel);
	for (i = 0; i < n; i++) {
		size_t j;
		int partners = 0, earlier = 0;
		for (j = 0; j < i; j++)
			if (strcmp(sel[j]->file, sel[i]->file) == 0)
				earlier = 1;
		if (earlier || seen(m, r->cfg, sel[i]->file))
			continue;
		for (j = 0; j < n; j++)
			if (strcmp(sel[j]->file, sel[i]->file) == 0 &&
			    sel[j]->partners)
				partners = 1;
		if (partners)
			add_hidden_note(m, r->cfg, sel[i]->file);
		else
			add_file(m, r->cfg, MANIFEST_NOTE, sel[i]->file);
	}
	free(sel);
	for (i = 0; i < r->cfg->nfeeds; i++) {
		const struct pipeline_feed *f = &r->feeds[i];
		const struct compose_feed *cf = &r->cfeeds[i];
		struct manifest_input in;
		memset(&in, 0, sizeof(in));
		in.kind = MANIFEST_FEED;
		in.id = cf->feed->id;
		in.path = config_relative(r->cfg, f->body_path);
		in.url = cf->feed->url;
		memcpy(in.sha256, f->sha256, sizeof(in.sha256));
		in.fetched_at = f->fetched_at[0] ? f->fetched_at : NULL;
		in.latest_period = cf->latest[0] ? cf->latest : NULL;
		in.stale = cf->stale;
		in.provisional = cf->provisional;
		manifest_add_input(m, &in);
	}
	m->issue = (int)r->issue;
	r->revised = publish_is_revision(pp->pub, m);
	return 0;
}

int pipeline_publish(const struct pipeline_opts *o, struct pipeline_run *r,
		     const struct pipeline_outputs *out, char **out_pdf,
		     struct eim_warnings *w, struct eim_error *err)
{
	struct pipeline_pub *pp = pp_of(r);
	struct publish_result res;
	char path[EIM_PATH_MAX + 16];
	size_t i;

	(void)o;
	if (publish_add(pp->pub, "monitor.pdf", out->pdf, out->pdf_len, err) ||
	    publish_add_hashed(pp->pub, "figures.csv", out->csv, out->csv_len,
			       out->csv_sha256[0] ? out->csv_sha256 : NULL,
			       err))
		return -1;
	if (out->extra &&
	    publish_add(pp->pub, "editions.csv", out->extra->buf,
			out->extra->len, err))
		return -1;
	if (out->partners_pdf &&
	    publish_add(pp->pub, "monitor-partners.pdf", out->partners_pdf,
			out->partners_len, err))
		return -1;
	/* the web pages and their data: the partners' ones only beside
	 * the partners PDF (both are made, or neither) */
	for (i = 0; i < out->web.n; i++)
		if (publish_add(pp->pub, out->web.f[i].name, out->web.f[i].data,
				out->web.f[i].len, err))
			return -1;
	for (i = 0; out->partners_pdf && i < out->partners_web.n; i++)
		if (publish_add(pp->pub, out->partners_web.f[i].name,
				out->partners_web.f[i].data,
				out->partners_web.f[i].len, err))
			return -1;
	/* the email summary, and the record of who was sent the edition
	 * (eimon send), which a rebuild keeps */
	if (publish_add(pp->pub, SUMMARY_NAME, out->summary.buf,
			out->summary.len, err) ||
	    publish_carry(pp->pub, SEND_LOG_NAME, err))
		return -1;
	manifest_set(&pp->m.eimon_version, EIMON_VERSION);
	manifest_set(&pp->m.status, w->n ? "warnings" : "ok");
	pipeline_stage(r, NULL);
	for (i = 0; i < r->nstages; i++)
		manifest_add_stage(&pp->m, r->stages[i].name,
				   r->stages[i].ms);
	if (publish_commit(pp->pub, &pp->m, &res, err))
		return -1;
	snprintf(path, sizeof(path), "%s/monitor.pdf", res.dir);
	if (out_pdf)
		*out_pdf = xstrdup(path);
	return 0;
}

void pipeline_publish_end(struct pipeline_run *r)
{
	struct pipeline_pub *pp = pp_of(r);

	if (!pp)
		return;
	publish_free(pp->pub);
	manifest_release(&pp->m);
	free(pp);
	r->pub = NULL;
}
