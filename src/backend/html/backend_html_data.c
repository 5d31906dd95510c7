/* backend_html_data.c - a chart's data as a real HTML table (a row a
 * period or category, a column a series, row and column headers with
 * their scope): what a screen reader user or anyone who cannot read the
 * picture reads instead. The same rows as the CSV beside the page
 * (doc_chart_csv), numbers as a reader reads them. */
#include "backend_html_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "xalloc.h"
#include "banned.h"

/* The fewest decimals (min_dec to 4) that show v exactly. */
static int decimals_of(double v, int min_dec)
{
	int d;

	for (d = min_dec < 0 ? 0 : min_dec; d < 4; d++)
		if (fabs(fmt_round(v, d) - v) <= 1e-9 * (fabs(v) + 1))
			break;
	return d;
}

const char *html_num(char *buf, size_t size, double v, int min_dec)
{
	return fmt_number(buf, size, v, decimals_of(v, min_dec));
}

/* One number of decimals for a whole column: the figures line up and
 * each is exact. */
static int column_decimals(const struct doc_chart_series *s, int min_dec)
{
	int d = min_dec < 0 ? 0 : min_dec;
	size_t i;

	for (i = 0; i < s->n && d < 4; i++)
		if (s->has[i])
			d = decimals_of(s->y[i], d);
	return d;
}

static void th_col(struct strbuf *o, const char *s)
{
	strbuf_adds(o, "<th scope=\"col\">");
	html_esc(o, s && *s ? s : "Value");
	strbuf_adds(o, "</th>");
}

static void td_num(struct strbuf *o, double v, int has, int dec)
{
	char buf[FMT_MAX];

	strbuf_adds(o, "<td>"); /* .data td are right aligned */
	if (has)
		strbuf_adds(o, fmt_number(buf, sizeof(buf), v, dec));
	else
		strbuf_adds(o, "<span class=\"vh\">no value</span>"
			    "<span aria-hidden=\"true\">\xe2\x80\x93</span>");
	strbuf_adds(o, "</td>");
}

static void bar_rows(struct strbuf *o, const struct doc_chart *c)
{
	size_t i;

	strbuf_adds(o, "<thead><tr>");
	th_col(o, "Category");
	th_col(o, c->y_title);
	strbuf_adds(o, "</tr></thead><tbody>");
	for (i = 0; i < c->nbars; i++) {
		const struct doc_chart_bar *b = &c->bars[i];

		strbuf_adds(o, "<tr><th scope=\"row\">");
		html_esc(o, b->label ? b->label : "");
		strbuf_adds(o, "</th>");
		if (b->has && b->value_text) {
			strbuf_adds(o, "<td>");
			html_esc(o, b->value_text);
			strbuf_adds(o, "</td>");
		} else {
			td_num(o, b->value, b->has,
			       decimals_of(b->value, c->decimals));
		}
		strbuf_adds(o, "</tr>");
	}
}

static void period_rows(struct strbuf *o, const struct doc_chart *c)
{
	struct period *per = NULL;
	size_t n = doc_chart_periods(c, &per), i, k;
	size_t *cur = xcalloc(c->nseries + 1, sizeof(*cur));
	int *dec = xcalloc(c->nseries + 1, sizeof(*dec));

	strbuf_adds(o, "<thead><tr>");
	th_col(o, "Period");
	for (k = 0; k < c->nseries; k++) {
		th_col(o, c->series[k].label);
		dec[k] = column_decimals(&c->series[k], c->decimals);
	}
	strbuf_adds(o, "</tr></thead><tbody>");
	for (i = 0; i < n; i++) {
		char pt[FMT_MAX];

		strbuf_adds(o, "<tr><th scope=\"row\">");
		html_esc(o, fmt_period(pt, sizeof(pt), &per[i]));
		strbuf_adds(o, "</th>");
		for (k = 0; k < c->nseries; k++) {
			double v = 0;
			int has = doc_series_value(&c->series[k], &per[i],
						   &cur[k], &v) == 0;

			td_num(o, v, has, dec[k]);
		}
		strbuf_adds(o, "</tr>");
	}
	free(per);
	free(cur);
	free(dec);
}

void html_chart_table(struct strbuf *o, const struct doc_chart *c,
		      const char *caption)
{
	strbuf_adds(o, "<div class=\"scroll\" role=\"region\" tabindex=\"0\" "
		    "aria-label=\"");
	html_esc(o, caption);
	strbuf_adds(o, "\"><table class=\"data\"><caption>");
	html_esc(o, caption);
	strbuf_adds(o, "</caption>");
	if (c->kind == DOC_CHART_BAR)
		bar_rows(o, c);
	else
		period_rows(o, c);
	strbuf_adds(o, "</tbody></table></div>");
}
