/* doc_chart_data.c - a chart's data as rows, whatever draws it: the
 * periods of every series in order (a series may lack some), and the
 * chart as rows of a tidy CSV for readers who want the numbers (doc.h). Values are
 * written at full precision with an ASCII '-', like figures.csv: this is
 * a machine file. */
#include "doc.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "banned.h"

static int cmp_period(const void *a, const void *b)
{
	return period_cmp(a, b);
}

size_t doc_chart_periods(const struct doc_chart *c, struct period **out)
{
	size_t n = 0, i, k, m = 0;
	struct period *p;

	for (i = 0; i < c->nseries; i++)
		n += c->series[i].n;
	p = xcalloc(n ? n : 1, sizeof(*p));
	for (i = 0; i < c->nseries; i++)
		for (k = 0; k < c->series[i].n; k++)
			p[m++] = c->series[i].x[k];
	qsort(p, m, sizeof(*p), cmp_period);
	for (i = 0, n = 0; i < m; i++)
		if (n == 0 || !period_eq(&p[n - 1], &p[i]))
			p[n++] = p[i];
	*out = p;
	return n;
}

int doc_series_value(const struct doc_chart_series *s, const struct period *p,
		     size_t *cursor, double *v)
{
	size_t i, k;

	for (k = 0; k < s->n; k++) { /* from the cursor on, then wrap */
		i = (*cursor + k) % s->n;
		if (period_eq(&s->x[i], p)) {
			*cursor = i + 1;
			*v = s->y[i];
			return s->has[i] ? 0 : -1;
		}
	}
	return -1;
}

int doc_chart_csv(const struct doc_chart *c, const char *id,
		  struct strbuf *o)
{
	struct period *per = NULL;
	size_t n, i, k, *cur;

	for (i = 0; c->kind == DOC_CHART_BAR && i < c->nbars; i++) {
		if (!c->bars[i].has)
			continue;
		strbuf_add_csv(o, id);
		strbuf_adds(o, ",,");
		strbuf_add_csv(o, c->bars[i].label ? c->bars[i].label : "");
		strbuf_addch(o, ',');
		strbuf_add_double(o, c->bars[i].value);
		strbuf_addch(o, '\n');
	}
	if (c->kind == DOC_CHART_BAR)
		return o->failed ? -1 : 0;
	n = doc_chart_periods(c, &per);
	cur = xcalloc(c->nseries + 1, sizeof(*cur));
	for (i = 0; i < n; i++) {
		char pt[PERIOD_TEXT_MAX];

		period_format(&per[i], pt, sizeof(pt));
		for (k = 0; k < c->nseries; k++) {
			double v;

			if (doc_series_value(&c->series[k], &per[i], &cur[k],
					     &v) != 0)
				continue;
			strbuf_add_csv(o, id);
			strbuf_addf(o, ",%s,", pt);
			strbuf_add_csv(o, c->series[k].label
					  ? c->series[k].label : "");
			strbuf_addch(o, ',');
			strbuf_add_double(o, v);
			strbuf_addch(o, '\n');
		}
	}
	free(per);
	free(cur);
	return o->failed ? -1 : 0;
}
