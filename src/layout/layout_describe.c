/* layout_describe.c - the accessible description of a chart or table
 * that a scene_figure carries for back ends that cannot show it (a
 * screen reader's text, an HTML figure's description). A chart's
 * text alternative comes from compose (what it shows and the latest
 * values); a table gets its caption, size and column names. */
#include "layout_int.h"

#include <stdlib.h>

#include "strbuf.h"
#include "xalloc.h"
#include "banned.h"

static void describe_table(struct strbuf *sb, const struct doc_table *t)
{
	size_t i;

	if (t->caption)
		strbuf_addf(sb, "%s. ", t->caption);
	strbuf_addf(sb, "Table of %zu row%s and %zu column%s", t->nrows,
		    t->nrows == 1 ? "" : "s", t->ncols,
		    t->ncols == 1 ? "" : "s");
	for (i = 0; i < t->ncols; i++)
		strbuf_addf(sb, "%s%s", i ? ", " : ": ",
			    t->header[i] && *t->header[i] ? t->header[i]
							   : "(blank)");
	strbuf_addch(sb, '.');
}

static void describe_chart(struct strbuf *sb, const struct doc_chart *c)
{
	static const char *const kinds[] = { "Line chart", "Column chart",
					     "Bar chart" };

	if (c->alt && *c->alt) {
		strbuf_adds(sb, c->alt);
		return;
	}
	strbuf_addf(sb, "%s", kinds[c->kind <= DOC_CHART_BAR ? c->kind : 0]);
	if (c->title)
		strbuf_addf(sb, ": %s", c->title);
	if (c->subtitle)
		strbuf_addf(sb, " (%s)", c->subtitle);
	strbuf_addch(sb, '.');
}

char *layout_describe(const struct doc_block *b)
{
	struct strbuf sb = STRBUF_INIT;

	if (b->kind == DOC_TABLE && b->table)
		describe_table(&sb, b->table);
	else if (b->kind == DOC_CHART && b->chart)
		describe_chart(&sb, b->chart);
	if (sb.failed) { /* never a cut description */
		strbuf_release(&sb);
		return NULL;
	}
	return strbuf_detach(&sb, NULL);
}
