/* pipeline_keep.c - which observations of a feed a build keeps: those
 * some indicator of the feed selects, for a geography the bulletin can
 * show or rank (the area, places, comparators, the members of peer
 * groups and any code a template block names). Everything else is dropped while the feed is read, so a
 * national feed of a gigabyte costs the memory of the few series the
 * monitor uses, not of the file. Every series_extract the figures and
 * charts make reads only kept observations, so nothing they use is lost. */
#include <stdlib.h>
#include <string.h>

#include "pipeline_int.h"
#include "xalloc.h"
#include "banned.h"

static void add_geo(struct pipeline_keep *k, const char *code)
{
	size_t i;

	if (!code)
		return;
	for (i = 0; i < k->ngeos; i++)
		if (!strcmp(k->geos[i], code))
			return;
	k->geos = xrealloc(k->geos, (k->ngeos + 1) * sizeof(*k->geos));
	k->geos[k->ngeos++] = code;
}

static void add_geos(struct pipeline_keep *k, const struct config *c,
		     const struct template_def *tpl)
{
	size_t i, j, p;

	add_geo(k, c->area.code);
	for (i = 0; i < c->nplaces; i++)
		add_geo(k, c->places[i].code);
	for (i = 0; i < c->ncomparators; i++)
		add_geo(k, c->comparators[i].code);
	for (i = 0; i < c->npeer_groups; i++)
		for (j = 0; j < c->peer_groups[i].nmembers; j++)
			add_geo(k, c->peer_groups[i].members[j]);
	for (i = 0; tpl && i < tpl->nsections; i++)
		for (j = 0; j < tpl->sections[i].nblocks; j++) {
			const struct tpl_block *b = &tpl->sections[i].blocks[j];
			for (p = 0; p < b->nplaces; p++)
				add_geo(k, b->places[p]); /* "area" etc. too:
							     harmless */
		}
}

void pipeline_keep_init(struct pipeline_keep *k, const struct config *c,
			const struct template_def *tpl, size_t feed)
{
	const char *id = c->feeds[feed].id;
	size_t i, j, nf = 0;

	memset(k, 0, sizeof(*k));
	add_geos(k, c, tpl);
	for (i = 0; i < c->nindicators; i++)
		if (c->indicators[i].feed && !strcmp(c->indicators[i].feed, id))
			nf += c->indicators[i].nselect;
	k->f = xcalloc(nf ? nf : 1, sizeof(*k->f));
	k->start = xcalloc(c->nindicators ? c->nindicators : 1,
			   sizeof(*k->start));
	k->count = xcalloc(c->nindicators ? c->nindicators : 1,
			   sizeof(*k->count));
	nf = 0;
	for (i = 0; i < c->nindicators; i++) {
		const struct config_indicator *ind = &c->indicators[i];

		if (!ind->feed || strcmp(ind->feed, id))
			continue;
		k->start[k->nind] = nf;
		for (j = 0; j < ind->nselect; j++) {
			k->f[nf].dim = ind->select[j].key;
			k->f[nf].value = ind->select[j].value;
			nf++;
		}
		k->count[k->nind++] = ind->nselect;
	}
}

void pipeline_keep_release(struct pipeline_keep *k)
{
	free(k->geos);
	free(k->f);
	free(k->start);
	free(k->count);
	memset(k, 0, sizeof(*k));
}

int pipeline_keep_obs(const struct series_table *t,
		      const struct series_obs *o, void *ctx)
{
	const struct pipeline_keep *k = ctx;
	size_t i;

	if (t->dim_geo >= 0) {
		const char *g = o->codes[t->dim_geo];
		for (i = 0; i < k->ngeos; i++)
			if (!strcmp(k->geos[i], g))
				break;
		if (i == k->ngeos)
			return 0;
	}
	if (!k->nind) /* a feed no indicator reads: its sources line only */
		return 1;
	for (i = 0; i < k->nind; i++)
		if (series_obs_matches(t, o, k->f + k->start[i], k->count[i]))
			return 1;
	return 0;
}
