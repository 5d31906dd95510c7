/* doc_values.c - the numbers behind the document's text (doc.h): the
 * values a table cell prints, the periods and statuses of a sparkline,
 * and the revisions since the previous edition. The PDF and the web page
 * print the text; the data download writes these. */
#include "doc.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "banned.h"

struct doc_value *doc_cell_add_value(struct doc_cell *c,
				     const struct doc_value *v)
{
	c->values = xreallocarray(c->values, c->nvalues + 1,
				  sizeof(*c->values));
	c->values[c->nvalues] = *v;
	c->is_value = 1;
	return &c->values[c->nvalues++];
}

void doc_cell_set_spark_at(struct doc_cell *c, const struct period *x,
			   const unsigned char *status, int unit,
			   int decimals)
{
	size_t n = c->nspark;

	free(c->spark_x);
	free(c->spark_status);
	c->spark_x = xcalloc(n + 1, sizeof(*c->spark_x));
	c->spark_status = xcalloc(n + 1, sizeof(*c->spark_status));
	if (n) {
		memcpy(c->spark_x, x, n * sizeof(*x));
		if (status)
			memcpy(c->spark_status, status, n);
	}
	c->spark_unit = unit;
	c->spark_decimals = decimals;
}

struct doc_revision *doc_add_revision(struct doc *d, const char *indicator,
				      const char *geography, const char *code,
				      const struct period *p, double was,
				      double now)
{
	struct doc_revision *r;

	d->revisions = xreallocarray(d->revisions, d->nrevisions + 1,
				     sizeof(*d->revisions));
	r = &d->revisions[d->nrevisions++];
	memset(r, 0, sizeof(*r));
	r->indicator = xstrdup(indicator ? indicator : "");
	r->geography = xstrdup(geography ? geography : "");
	r->code = xstrdup(code ? code : "");
	r->period = *p;
	r->was = was;
	r->now = now;
	return r;
}
