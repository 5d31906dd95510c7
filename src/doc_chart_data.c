/* doc_chart_data.c - a chart's data as rows, whatever draws it: the
 * periods of every series in order (a series may lack some), and the
 * chart as CSV for readers who want the numbers (see doc.h). Values are
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
		     double *v)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (period_eq(&s->x[i], p)) {
			*v = s->y[i];
			return s->has[i] ? 0 : -1;
		}
	return -1;
}

int doc_chart_csv(const struct doc_chart *c, struct strbuf *o)
{
	struct period *per = NULL;
	size_t n, i, k;

	if (c->kind == DOC_CHART_BAR) {
		strbuf_adds(o, "category,");
		strbuf_add_csv(o, c->y_title ? c->y_title : "value");
		strbuf_addch(o, '\n');
		for (i = 0; i < c->nbars; i++) {
			strbuf_add_csv(o, c->bars[i].label ? c->bars[i].label
							   : "");
			strbuf_addch(o, ',');
			if (c->bars[i].has)
				strbuf_add_double(o, c->bars[i].value);
			strbuf_addch(o, '\n');
		}
		return o->failed ? -1 : 0;
	}
	n = doc_chart_periods(c, &per);
	strbuf_adds(o, "period");
	for (k = 0; k < c->nseries; k++) {
		strbuf_addch(o, ',');
		strbuf_add_csv(o, c->series[k].label ? c->series[k].label : "");
	}
	strbuf_addch(o, '\n');
	for (i = 0; i < n; i++) {
		char pt[PERIOD_TEXT_MAX];

		period_format(&per[i], pt, sizeof(pt));
		strbuf_adds(o, pt);
		for (k = 0; k < c->nseries; k++) {
			double v;

			strbuf_addch(o, ',');
			if (doc_series_value(&c->series[k], &per[i], &v) == 0)
				strbuf_add_double(o, v);
		}
		strbuf_addch(o, '\n');
	}
	free(per);
	return o->failed ? -1 : 0;
}
