/* backend_html_int.h - what the HTML back end's files share (not a
 * public header): escaping, number text and the two painters of
 * graphics, the chart SVG (backend_html_svg.c) and the data table of a
 * chart (backend_html_data.c). Everything appends to a strbuf whose
 * failure is sticky: callers test it once at the end. */
#ifndef EIMON_BACKEND_HTML_INT_H
#define EIMON_BACKEND_HTML_INT_H

#include <stddef.h>

#include "doc.h"
#include "scene.h"
#include "strbuf.h"

/* s as HTML text or attribute value: & < > " ' escaped, C0 controls
 * but tab and newline dropped (they cannot be written in HTML). */
void html_esc(struct strbuf *o, const char *s);
/* A number in SVG coordinates: at most 2 decimals, no trailing zeros. */
void html_coord(struct strbuf *o, double v);

/* The marks of scene figure fig (a chart) as an inline SVG: the scene's
 * text runs, rectangles and paths between its BEGIN and END, caption
 * lines left out (the figure's figcaption says them), in a viewBox
 * around what is left. label_ids is the value of aria-labelledby. */
void html_svg_chart(struct strbuf *o, const struct scene *s, size_t fig,
		    const char *label_ids, const char *desc_id);
/* A sparkline cell as a small SVG image named by its values. */
void html_svg_spark(struct strbuf *o, const struct doc_cell *c);

/* A chart's data as an HTML table, caption given (escaped here). */
void html_chart_table(struct strbuf *o, const struct doc_chart *c,
		      const char *caption);
/* A number as a reader reads it: thousands separated, with the fewest
 * decimals (at least min_dec, at most 4) that show it exactly. */
const char *html_num(char *buf, size_t size, double v, int min_dec);

#endif
