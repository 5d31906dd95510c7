/* compose_cut.c - what a table's max_rows and a bar chart's max_bars
 * leave out when a monitor has more places than a page holds (a
 * national monitor's 360 districts). The subject (the area, or the
 * place of a place's edition) and the comparators always stay; of the
 * places, those ranked highest stay, and a sentence under the table or
 * chart says how many were left out and how the shown ones were chosen,
 * so that a cut bulletin never reads as if it showed them all. */
#include "compose.h"

#include <stdlib.h>
#include <string.h>

#include "figures.h"
#include "fmt.h"
#include "strbuf.h"
#include "xalloc.h"
#include "banned.h"

static int in_places(const struct config *c, const char *code)
{
	size_t i;

	for (i = 0; i < c->nplaces; i++)
		if (strcmp(c->places[i].code, code) == 0)
			return 1;
	return 0;
}

int compose_subject_is_place(const struct config *c)
{
	return in_places(c, c->area.code);
}

int compose_is_place(const struct config *c, const char *code)
{
	/* a place's edition: the place is the subject, not one of them */
	return strcmp(code, c->area.code) != 0 && in_places(c, code);
}

struct cut_row {
	const char *code, *name;
	long rank;    /* unranked: after every ranked place */
	size_t order; /* in the table, for equal ranks */
};

static int cut_cmp(const void *a, const void *b)
{
	const struct cut_row *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

size_t compose_cut_rows(const struct compose_input *in,
			const struct config_indicator *ind,
			const struct period *per, const char **codes,
			const char **names, size_t *n, long max_rows,
			size_t *shown)
{
	const struct config *c = in->cfg;
	struct cut_row *pl;
	size_t i, np = 0, nfixed, slots, k = 0, first = *n, hidden;

	*shown = 0;
	if (max_rows <= 0 || *n <= (size_t)max_rows)
		return 0;
	pl = xcalloc(*n, sizeof(*pl));
	for (i = 0; i < *n; i++) {
		const struct figure *r;

		if (!compose_is_place(c, codes[i]))
			continue;
		if (first == *n)
			first = i;
		r = figures_find(in->figs, ind->id, codes[i], "rank");
		pl[np].code = codes[i];
		pl[np].name = names[i];
		pl[np].rank = r && per->freq && period_eq(&r->period, per)
				      ? (long)r->value
				      : 1000000000L;
		pl[np].order = i;
		np++;
	}
	nfixed = *n - np;
	slots = nfixed < (size_t)max_rows ? (size_t)max_rows - nfixed : 0;
	if (slots > np)
		slots = np;
	hidden = np - slots;
	if (!hidden) {
		free(pl);
		return 0;
	}
	qsort(pl, np, sizeof(*pl), cut_cmp);
	/* the rows before the first place, the places kept in rank order,
	 * then the other rows that are not places */
	{
		const char **oc = xcalloc(*n, sizeof(*oc));
		const char **on = xcalloc(*n, sizeof(*on));

		memcpy(oc, codes, *n * sizeof(*oc));
		memcpy(on, names, *n * sizeof(*on));
		for (i = 0; i < first; i++, k++) {
			codes[k] = oc[i];
			names[k] = on[i];
		}
		for (i = 0; i < slots; i++, k++) {
			codes[k] = pl[i].code;
			names[k] = pl[i].name;
		}
		for (i = first; i < *n; i++)
			if (!compose_is_place(c, oc[i])) {
				codes[k] = oc[i];
				names[k] = on[i];
				k++;
			}
		free(oc);
		free(on);
	}
	*n = k;
	*shown = slots;
	free(pl);
	return hidden;
}

void compose_cut_note(const struct compose_input *in,
		      const struct config_indicator *ind, size_t hidden,
		      size_t shown, const char *what, struct strbuf *sb)
{
	const char *noun = config_places_noun(in->cfg);
	const char *measure = ind->measure ? ind->measure : ind->title;

	if (!hidden)
		return;
	if (strncmp(measure, "the ", 4) == 0)
		measure += 4;
	/* in a place's edition the place has its row: the others */
	if (shown)
		strbuf_addf(sb, " The %s shows the %zu of the %zu %s%s with "
			    "the highest %s; %zu more %s not shown.", what,
			    shown, shown + hidden,
			    compose_subject_is_place(in->cfg) ? "other " : "",
			    noun, measure, hidden,
			    hidden == 1 ? "is" : "are");
	else
		strbuf_addf(sb, " None of the %zu %s is shown.", hidden,
			    noun);
}
