/* xlsx_sheets.c - a chart's or a table's sheet of the data download: a
 * short title block in column A, then one Excel table with a header row.
 * Chart values are the doc's numbers at full precision, shown with the
 * chart's decimals; a table's cells are the bulletin's formatted text
 * read back into numbers (xlsx_parse_cell) and shown in the same format.
 * A cell with no value is "[x]" (not available), the second figure of a
 * cell that has one only on some rows "[z]" (not applicable), and "(p)"
 * becomes the word "provisional" in a Status column, not a colour. */
#include "xlsx_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "xalloc.h"
#include "banned.h"

/* Title, description, source and footnote lines; the row after them. */
static lxw_row_t title_block(struct xlsx_book *b, lxw_worksheet *ws,
			     const char *title, const char *desc,
			     const char *source, const char *foot)
{
	lxw_row_t r = 0;

	xlsx_str(b, ws, r++, 0, title && *title ? title : "Untitled", b->bold);
	if (desc && *desc)
		xlsx_str(b, ws, r++, 0, desc, NULL);
	if (source && *source)
		xlsx_str(b, ws, r++, 0, source, NULL);
	if (foot && *foot)
		xlsx_str(b, ws, r++, 0, foot, NULL);
	worksheet_set_column(ws, 0, 0, 28, NULL);
	return r;
}

/* headers[i] made unique among headers[0..i-1] (an Excel table needs
 * that): " 2", " 3", ... appended. */
static void unique_header(char **h, size_t i)
{
	size_t k, n = 1;
	char *base = h[i];

	for (;;) {
		for (k = 0; k < i; k++)
			if (strcmp(h[k], h[i]) == 0)
				break;
		if (k == i)
			break;
		{
			size_t len = strlen(base) + 24;
			char *t = xmalloc(len);

			snprintf(t, len, "%s %zu", base, ++n);
			if (h[i] != base)
				free(h[i]);
			h[i] = t;
		}
	}
	if (h[i] != base)
		free(base);
}

static void free_headers(char **h, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(h[i]);
	free(h);
}

void xlsx_chart_sheet(struct xlsx_book *b, lxw_worksheet *ws,
		      const struct doc_chart *c, const char *tname)
{
	char numfmt[160], pt[64];
	lxw_format *vf;
	lxw_row_t top, r;
	size_t ncols, i, k, n, *cur;
	struct period *per = NULL;
	char **h;

	top = title_block(b, ws, c->title, c->subtitle, c->source, NULL);
	xlsx_decimals_format(c->decimals, numfmt, sizeof(numfmt));
	vf = xlsx_format(b, numfmt);
	if (c->kind == DOC_CHART_BAR) {
		h = xcalloc(2, sizeof(*h));
		h[0] = xstrdup("Category");
		h[1] = xstrdup(c->y_title && *c->y_title ? c->y_title
							 : "Value");
		unique_header(h, 1);
		for (i = 0, r = top + 1; i < c->nbars; i++, r++) {
			const struct doc_chart_bar *bar = &c->bars[i];
			struct xlsx_num a, bb;
			int two, prov;

			xlsx_str(b, ws, r, 0, bar->label ? bar->label : "[x]",
				 NULL);
			if (!bar->has) {
				xlsx_str(b, ws, r, 1, "[x]", NULL);
				continue;
			}
			if (bar->value_text &&
			    xlsx_parse_cell(bar->value_text, &a, &bb, &two,
					    &prov) == 0) {
				a.decimals = a.decimals > c->decimals
					     ? a.decimals : c->decimals;
				xlsx_num_format(&a, numfmt, sizeof(numfmt));
				xlsx_num(b, ws, r, 1, bar->value,
					 xlsx_format(b, numfmt));
			} else {
				xlsx_num(b, ws, r, 1, bar->value, vf);
			}
		}
		xlsx_table(b, ws, top, top + (lxw_row_t)c->nbars, 2, h, tname);
		free_headers(h, 2);
		return;
	}
	ncols = c->nseries + 1;
	h = xcalloc(ncols, sizeof(*h));
	h[0] = xstrdup("Period");
	for (k = 0; k < c->nseries; k++) {
		h[k + 1] = xstrdup(c->series[k].label && *c->series[k].label
				   ? c->series[k].label : "Value");
		unique_header(h, k + 1);
	}
	n = doc_chart_periods(c, &per);
	cur = xcalloc(ncols, sizeof(*cur));
	for (i = 0, r = top + 1; i < n; i++, r++) {
		xlsx_str(b, ws, r, 0, fmt_period(pt, sizeof(pt), &per[i]), NULL);
		for (k = 0; k < c->nseries; k++) {
			double v;

			if (doc_series_value(&c->series[k], &per[i], &cur[k],
					     &v) == 0)
				xlsx_num(b, ws, r, (lxw_col_t)(k + 1), v, vf);
			else
				xlsx_str(b, ws, r, (lxw_col_t)(k + 1), "[x]",
					 NULL);
		}
	}
	worksheet_set_column(ws, 1, (lxw_col_t)c->nseries, 16, NULL);
	xlsx_table(b, ws, top, top + (lxw_row_t)n, ncols, h, tname);
	free_headers(h, ncols);
	free(per);
	free(cur);
}

/* How a column of a doc table becomes columns of the sheet. */
enum part { PART_TEXT, PART_NUM, PART_NUM2, PART_STATUS };

struct col {
	size_t src;
	enum part part;
};

static const char *cell_text(const struct doc_table *t, size_t r, size_t c)
{
	const char *s = t->cells[r * t->ncols + c].text;

	return s ? s : "";
}

static int is_mark(const char *s)
{
	return strcmp(s, "[x]") == 0 || strcmp(s, "[z]") == 0 ||
	       strcmp(s, "[c]") == 0;
}

/* How a bulletin writes a missing figure. */
static int is_missing(const char *s)
{
	static const char *const m[] = {
		"", "n/a", "not available", "-", "\xe2\x80\x93", "..",
	};
	size_t i;

	for (i = 0; i < sizeof(m) / sizeof(m[0]); i++)
		if (strcmp(s, m[i]) == 0)
			return 1;
	return is_mark(s);
}

/* The columns of the sheet and their headers; *nout of them. */
static struct col *plan(const struct doc_table *t, char ***hout,
			size_t *nout)
{
	struct col *cols = xcalloc(t->ncols * 2 + 1, sizeof(*cols));
	char **h = xcalloc(t->ncols * 2 + 1, sizeof(*h));
	size_t j, r, n = 0;
	int anyprov = 0;

	for (j = 0; j < t->ncols; j++) {
		const char *hd = t->header && t->header[j] && *t->header[j]
				 ? t->header[j] : NULL;
		size_t nums = 0, spark = 0, words = 0;
		int two = 0, pct2 = 1;
		char buf[64];

		for (r = 0; r < t->nrows; r++) {
			const struct doc_cell *c = &t->cells[r * t->ncols + j];
			struct xlsx_num a, b;
			int h2, prov;

			if (c->kind == DOC_CELL_SPARK) {
				spark++;
				continue;
			}
			if (c->kind != DOC_CELL_TEXT)
				continue;
			if (xlsx_parse_cell(cell_text(t, r, j), &a, &b, &h2,
					    &prov)) {
				words += !is_missing(cell_text(t, r, j));
				continue;
			}
			nums++;
			anyprov |= prov;
			if (h2) {
				two = 1;
				pct2 &= strcmp(b.suffix, "%") == 0;
			}
		}
		if (spark) /* a trend line: its numbers are in the charts */
			continue;
		if (words) /* a column of text with a number in it ("2026") */
			nums = 0;
		snprintf(buf, sizeof(buf), "Column %zu", j + 1);
		cols[n].src = j;
		cols[n].part = nums ? PART_NUM : PART_TEXT;
		h[n] = xstrdup(hd ? hd : buf);
		unique_header(h, n);
		n++;
		if (two) {
			size_t len = strlen(hd ? hd : buf) + 24;

			cols[n].src = j;
			cols[n].part = PART_NUM2;
			h[n] = xmalloc(len);
			snprintf(h[n], len, "%s%s", hd ? hd : buf,
				 pct2 ? " (%)" : " (second figure)");
			unique_header(h, n);
			n++;
		}
	}
	if (anyprov) {
		cols[n].part = PART_STATUS;
		h[n] = xstrdup("Status");
		unique_header(h, n);
		n++;
	}
	*hout = h;
	*nout = n;
	return cols;
}

static int row_prov(const struct doc_table *t, size_t r)
{
	size_t j;

	for (j = 0; j < t->ncols; j++) {
		struct xlsx_num a, b;
		int h2, prov;

		if (t->cells[r * t->ncols + j].kind == DOC_CELL_TEXT &&
		    xlsx_parse_cell(cell_text(t, r, j), &a, &b, &h2, &prov) == 0
		    && prov)
			return 1;
	}
	return 0;
}

static void write_cell(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
		       lxw_col_t col, const char *s, const struct col *c)
{
	struct xlsx_num a, bn;
	char numfmt[160];
	int h2, prov;

	if (c->part == PART_TEXT) {
		xlsx_str(b, ws, row, col, is_missing(s) && !is_mark(s)
					  ? "[x]" : s, NULL);
		return;
	}
	if (xlsx_parse_cell(s, &a, &bn, &h2, &prov) != 0) {
		xlsx_str(b, ws, row, col, is_mark(s) ? s : "[x]", NULL);
		return;
	}
	if (c->part == PART_NUM2 && !h2) {
		xlsx_str(b, ws, row, col, "[z]", NULL);
		return;
	}
	if (c->part == PART_NUM2)
		a = bn;
	xlsx_num_format(&a, numfmt, sizeof(numfmt));
	xlsx_num(b, ws, row, col, a.v, xlsx_format(b, numfmt));
}

void xlsx_table_sheet(struct xlsx_book *b, lxw_worksheet *ws,
		      const struct doc_table *t, const char *title,
		      const char *tname)
{
	char **h;
	size_t n, i, r;
	struct col *cols = plan(t, &h, &n);
	lxw_row_t top;

	top = title_block(b, ws, title,
			  "The table of the bulletin: numbers at the "
			  "precision printed, shown as printed.",
			  t->source, t->footnote);
	for (r = 0; r < t->nrows; r++) {
		lxw_row_t row = top + 1 + (lxw_row_t)r;

		for (i = 0; i < n; i++) {
			if (cols[i].part == PART_STATUS) {
				xlsx_str(b, ws, row, (lxw_col_t)i,
					 row_prov(t, r) ? "provisional"
							: "final", NULL);
				continue;
			}
			write_cell(b, ws, row, (lxw_col_t)i,
				   cell_text(t, r, cols[i].src), &cols[i]);
		}
	}
	if (n > 1)
		worksheet_set_column(ws, 1, (lxw_col_t)(n - 1), 16, NULL);
	if (n)
		xlsx_table(b, ws, top, top + (lxw_row_t)t->nrows, n, h, tname);
	free_headers(h, n);
	free(cols);
}
