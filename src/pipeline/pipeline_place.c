/* pipeline_place.c - the edition about one place of a monitor (build
 * --place CODE): the same run seen from the place. The figures stay those
 * of the area's run (so a place is ranked among all its siblings in the
 * same period as in the area's edition, and its rows of figures.csv are
 * the area's); only what compose is told changes: the place is the
 * subject (the "area" role of templates), the area and the monitor's
 * comparators are its comparators, every place is still a place, and the
 * notes are those naming the place or the whole area. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline_int.h"
#include "xalloc.h"
#include "banned.h"

const struct config_place *pipeline_find_place(const struct config *c,
					       const char *code)
{
	size_t i;

	for (i = 0; code && i < c->nplaces; i++)
		if (strcmp(c->places[i].code, code) == 0)
			return &c->places[i];
	return NULL;
}

/* A note is about the place when it names it, names the area, or names
 * no place at all (a note about the whole area). */
static int note_is_for(const struct note *n, const char *place,
		       const char *area)
{
	size_t i;

	if (!n->nplaces)
		return 1;
	for (i = 0; i < n->nplaces; i++)
		if (strcmp(n->places[i], place) == 0 ||
		    strcmp(n->places[i], area) == 0)
			return 1;
	return 0;
}

int pipeline_place_view(const struct config *c, const char *code,
			struct pipeline_place_view *v, struct eim_error *err)
{
	const struct config_place *p = pipeline_find_place(c, code);
	size_t i;

	memset(v, 0, sizeof(*v));
	if (!p)
		return eim_error_set(err, EIM_USAGE, c->path, 0, 0,
				     "--place %s: not one of the monitor's "
				     "places", code);
	v->cfg = *c;
	v->cfg.area = *p;
	v->comparators = xcalloc(c->ncomparators + 1,
				 sizeof(*v->comparators));
	v->comparators[0] = c->area;
	for (i = 0; i < c->ncomparators; i++)
		v->comparators[i + 1] = c->comparators[i];
	v->cfg.comparators = v->comparators;
	v->cfg.ncomparators = c->ncomparators + 1;
	return 0;
}

void pipeline_place_notes(const struct notes *all, const char *place,
			  const char *area, struct notes *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	out->items = xcalloc(all->n ? all->n : 1, sizeof(*out->items));
	for (i = 0; i < all->n; i++)
		if (note_is_for(&all->items[i], place, area))
			out->items[out->n++] = all->items[i];
	out->cap = out->n;
}

void pipeline_place_view_release(struct pipeline_place_view *v)
{
	free(v->comparators);
	memset(v, 0, sizeof(*v));
}
