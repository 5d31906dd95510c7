/* pipeline_places.c - every place's edition in one run (build
 * --all-places, `coverage: places`, --place-index I/N).
 *
 * The feeds are read and the figures computed once, by the area's run;
 * each place's edition is that run seen from the place
 * (pipeline_place.c): a shallow copy of the run with its own config
 * view, notes, previous figures, stage times and publish state. Workers
 * take the next place from a shared counter, so -j N editions are
 * composed, laid out and rendered at once while everything shared is
 * only read (the figures are indexed before the workers start).
 *
 * Failure rule: every place's edition is its own transaction (its own
 * folder, lock and atomic swap). One that fails leaves that place's
 * previous edition as it was; the others are still published; the run
 * then fails with the first failed place's (in config order) exit code
 * and a message naming it, and a warning names every failed place. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pipeline_int.h"
#include "strbuf.h"
#include "xalloc.h"
#include "banned.h"

#define PLACE_STACK ((size_t)8 << 20) /* as render_editions: libharu */

struct place_job {
	const char *code;
	int ret;
	struct eim_error err;
	struct eim_warnings w;
};

struct place_pool {
	const struct pipeline_opts *o;
	const struct pipeline_run *area;
	struct place_job *jobs;
	size_t n, next;
	pthread_mutex_t mu;
};

/* One place's edition, from the area's run (only read). */
static int place_edition(const struct pipeline_opts *o,
			 const struct pipeline_run *area, const char *code,
			 struct eim_warnings *w, struct eim_error *err)
{
	struct pipeline_run r = *area;
	struct pipeline_place_view pv;
	struct pipeline_opts po = *o;
	int ret = -1;

	memset(&pv, 0, sizeof(pv));
	r.pub = NULL;
	r.nstages = 0;
	r.revised = 0;
	memset(&r.prev, 0, sizeof(r.prev));
	memset(&r.notes, 0, sizeof(r.notes));
	r.dump_dir = NULL; /* the dump names are the area's */
	pipeline_stage(&r, "place");
	if (pipeline_place_view(area->cfg, code, &pv, err))
		goto out;
	po.place = code;
	pipeline_place_notes(&area->notes, code, area->cfg->area.code,
			     &r.notes);
	r.cfg = &pv.cfg;
	if (pipeline_publish_begin(&po, &r, w, err) ||
	    pipeline_edition(&po, &r, 0, NULL, NULL, w, err))
		goto out;
	ret = 0;
out:
	pipeline_publish_end(&r);
	compose_prev_release(&r.prev);
	free(r.notes.items);
	pipeline_place_view_release(&pv);
	return ret;
}

static void *place_worker(void *arg)
{
	struct place_pool *p = arg;

	for (;;) {
		struct place_job *j;

		pthread_mutex_lock(&p->mu);
		j = p->next < p->n ? &p->jobs[p->next++] : NULL;
		pthread_mutex_unlock(&p->mu);
		if (!j)
			break;
		j->ret = place_edition(p->o, p->area, j->code, &j->w, &j->err);
	}
	return NULL;
}

static size_t pool_size(const struct pipeline_opts *o, size_t njobs)
{
	long n = o->jobs;

	if (n <= 0)
		n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		n = 1;
	return (size_t)n < njobs ? (size_t)n : njobs;
}

/* 1 when place k (config order) is in this run's slice. */
static int in_slice(const struct pipeline_opts *o, size_t k)
{
	return o->slice_count <= 0 ||
	       k % (size_t)o->slice_count == (size_t)o->slice_index;
}

/* code,"name",folder: a name is quoted, its quotes doubled (RFC 4180). */
static int index_row(struct strbuf *csv, const char *kind,
		     const char *code, const char *name, const char *folder)
{
	const char *p;

	if (strbuf_addf(csv, "%s,%s,\"", kind, code) < 0)
		return -1;
	for (p = name; *p; p++)
		if ((*p == '"' && strbuf_addch(csv, '"') < 0) ||
		    strbuf_addch(csv, *p) < 0)
			return -1;
	return strbuf_addf(csv, "\",%s\n", folder) < 0 ? -1 : 0;
}

int pipeline_places_index(const struct config *c, struct strbuf *csv,
			  struct eim_error *err)
{
	char folder[EIM_PATH_MAX];
	size_t i;
	int bad;

	bad = strbuf_adds(csv, "edition,code,name,folder\n") < 0 ||
	      index_row(csv, "area", c->area.code, c->area.name, ".");
	for (i = 0; !bad && i < c->nplaces; i++) {
		snprintf(folder, sizeof(folder), "places/%s",
			 c->places[i].code);
		bad = index_row(csv, "place", c->places[i].code,
				c->places[i].name ? c->places[i].name : "",
				folder);
	}
	return bad ? eim_error_set(err, EIM_SOFTWARE, NULL, 0, 0,
				   "editions.csv is too large") : 0;
}

int pipeline_places_build(const struct pipeline_opts *o,
			  const struct pipeline_run *area,
			  struct eim_warnings *w, struct eim_error *err)
{
	const struct config *c = area->cfg;
	struct place_pool p;
	pthread_t *tids;
	size_t i, k, nthreads, started = 0, failed = 0;
	int ret = 0;

	memset(&p, 0, sizeof(p));
	p.o = o;
	p.area = area;
	p.jobs = xcalloc(c->nplaces ? c->nplaces : 1, sizeof(*p.jobs));
	for (k = 0; k < c->nplaces; k++)
		if (in_slice(o, k)) {
			p.jobs[p.n].code = c->places[k].code;
			eim_error_init(&p.jobs[p.n].err);
			p.n++;
		}
	pthread_mutex_init(&p.mu, NULL);
	nthreads = pool_size(o, p.n);
	tids = xcalloc(nthreads ? nthreads : 1, sizeof(*tids));
	for (i = 0; i < nthreads; i++) {
		pthread_attr_t attr;
		int ok = pthread_attr_init(&attr) == 0;

		if (ok) {
			pthread_attr_setstacksize(&attr, PLACE_STACK);
			ok = pthread_create(&tids[started], &attr,
					    place_worker, &p) == 0;
			pthread_attr_destroy(&attr);
		}
		if (ok)
			started++;
	}
	if (!started) /* no thread to be had: one after the other */
		place_worker(&p);
	for (i = 0; i < started; i++)
		pthread_join(tids[i], NULL);
	for (i = 0; i < p.n; i++) {
		struct place_job *j = &p.jobs[i];
		const char *name = config_place_name(c, j->code);
		unsigned m;

		for (m = 0; m < j->w.n; m++)
			eim_warn(w, "%s: %s", j->code, j->w.items[m]);
		eim_warnings_release(&j->w);
		if (j->ret == 0)
			continue;
		{
			char msg[EIM_PATH_MAX + EIM_MSG_MAX + 32];

			eim_error_format(&j->err, msg, sizeof(msg));
			eim_warn(w, "the edition of %s (%s) failed: %s",
				 name ? name : j->code, j->code, msg);
			if (!failed++)
				eim_error_set(err, j->err.kind, NULL, 0, 0,
					      "the edition of %s (%s): %s",
					      name ? name : j->code, j->code,
					      msg);
		}
	}
	if (failed) {
		eim_warn(w, "%zu of %zu place editions failed; the others "
			 "are published", failed, p.n);
		ret = -1;
	}
	pthread_mutex_destroy(&p.mu);
	free(tids);
	free(p.jobs);
	return ret;
}
