/* xlsx_sheets.c - a chart's or a table's sheet of the data download: a
 * short title block in column A, then one Excel table with a header row.
 * Every number is the doc's at full precision (a chart's points, the
 * values behind a table cell's text), shown in the format the bulletin
 * prints it in, with its status ("provisional", "estimated", "final",
 * ", stale") in a column of its own beside it: per value, never by
 * colour. A value that is not there is the GSS shorthand: "[x]" not
 * available, "[z]" not applicable (a rank of a comparator, the
 * percentage change of a rate), "[c]" confidential. A table's
 * sparklines get a sheet of their own (xlsx_trend_sheet). */
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

static const char *const shorthand[] = { "[x]", "[z]", "[c]" };

/* A status as a word, ", stale" after it for a stale figure. */
static void status_word(char *buf, size_t size, enum doc_status st,
			int stale)
{
	snprintf(buf, size, "%s%s", st == DOC_PROVISIONAL ? "provisional"
		 : st == DOC_ESTIMATED ? "estimated" : "final",
		 stale ? ", stale" : "");
}

/* "<h> status" as a new header. */
static char *status_header(const char *h)
{
	size_t len = strlen(h) + 8;
	char *t = xmalloc(len);

	snprintf(t, len, "%s status", h);
	return t;
}

void xlsx_chart_sheet(struct xlsx_book *b, lxw_worksheet *ws,
		      const struct doc_chart *c, const char *tname)
{
	char numfmt[160], pt[64], st[32];
	lxw_format *vf;
	lxw_row_t top, r;
	size_t ncols, i, k, n, *cur;
	struct period *per = NULL;
	char **h;

	top = title_block(b, ws, c->title, c->subtitle, c->source, NULL);
	xlsx_decimals_format(c->decimals, numfmt, sizeof(numfmt));
	vf = xlsx_format(b, numfmt);
	if (c->kind == DOC_CHART_BAR) {
		h = xcalloc(3, sizeof(*h));
		h[0] = xstrdup("Category");
		h[1] = xstrdup(c->y_title && *c->y_title ? c->y_title
							 : "Value");
		unique_header(h, 1);
		h[2] = status_header(h[1]);
		unique_header(h, 2);
		for (i = 0, r = top + 1; i < c->nbars; i++, r++) {
			const struct doc_chart_bar *bar = &c->bars[i];
			struct xlsx_num a, bb;
			int two, prov;

			xlsx_str(b, ws, r, 0, bar->label ? bar->label : "[x]",
				 NULL);
			if (!bar->has) {
				xlsx_str(b, ws, r, 1, "[x]", NULL);
				xlsx_str(b, ws, r, 2, "[x]", NULL);
				continue;
			}
			status_word(st, sizeof(st), bar->status, 0);
			xlsx_str(b, ws, r, 2, st, NULL);
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
		worksheet_set_column(ws, 1, 2, 16, NULL);
		xlsx_table(b, ws, top, top + (lxw_row_t)c->nbars, 3, h, tname);
		free_headers(h, 3);
		return;
	}
	/* a column a series, its status beside it */
	ncols = 2 * c->nseries + 1;
	h = xcalloc(ncols, sizeof(*h));
	h[0] = xstrdup("Period");
	for (k = 0; k < c->nseries; k++) {
		h[2 * k + 1] = xstrdup(c->series[k].label &&
				       *c->series[k].label
				       ? c->series[k].label : "Value");
		unique_header(h, 2 * k + 1);
		h[2 * k + 2] = status_header(h[2 * k + 1]);
		unique_header(h, 2 * k + 2);
	}
	n = doc_chart_periods(c, &per);
	cur = xcalloc(ncols, sizeof(*cur));
	for (i = 0, r = top + 1; i < n; i++, r++) {
		xlsx_str(b, ws, r, 0, fmt_period(pt, sizeof(pt), &per[i]), NULL);
		for (k = 0; k < c->nseries; k++) {
			lxw_col_t col = (lxw_col_t)(2 * k + 1);
			double v;
			size_t at;

			if (doc_series_value(&c->series[k], &per[i], &cur[k],
					     &v) != 0) {
				xlsx_str(b, ws, r, col, "[x]", NULL);
				xlsx_str(b, ws, r, col + 1, "[x]", NULL);
				continue;
			}
			/* the cursor is one past the point found */
			at = cur[k] ? cur[k] - 1 : 0;
			if (c->series[k].unit >= 0) { /* as the bulletin prints */
				struct doc_value dv;

				memset(&dv, 0, sizeof(dv));
				dv.v = v;
				dv.unit = c->series[k].unit;
				dv.decimals = c->series[k].decimals;
				xlsx_value_format(&dv, numfmt, sizeof(numfmt));
				xlsx_num(b, ws, r, col, v,
					 xlsx_format(b, numfmt));
			} else {
				xlsx_num(b, ws, r, col, v, vf);
			}
			status_word(st, sizeof(st),
				    (enum doc_status)c->series[k].status[at],
				    0);
			xlsx_str(b, ws, r, col + 1, st, NULL);
		}
	}
	worksheet_set_column(ws, 1, (lxw_col_t)(ncols - 1), 16, NULL);
	xlsx_table(b, ws, top, top + (lxw_row_t)n, ncols, h, tname);
	free_headers(h, ncols);
	free(per);
	free(cur);
}

/* How a column of a doc table becomes columns of the sheet. */
enum part { PART_TEXT, PART_PERIOD, PART_NUM, PART_STATUS };

struct col {
	size_t src;    /* the doc table's column */
	enum part part;
	size_t slot;   /* PART_NUM: which of the cell's values */
};

static const struct doc_cell *cell_at(const struct doc_table *t, size_t r,
				      size_t c)
{
	return &t->cells[r * t->ncols + c];
}

static const char *cell_text(const struct doc_table *t, size_t r, size_t c)
{
	const char *s = cell_at(t, r, c)->text;

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

/* The header of value slot k of column j (of m slots): the column's
 * own for the figure, "(%)" for its percentage change, "out of" for the
 * number ranked, the period for one of several counts. */
static char *slot_header(const struct doc_table *t, size_t j, size_t k,
			 size_t m, const char *hd)
{
	const struct doc_value *v = NULL;
	char per[64];
	size_t r, len = strlen(hd) + 80;
	char *out = xmalloc(len);

	for (r = 0; r < t->nrows && !v; r++)
		if (cell_at(t, r, j)->nvalues > k)
			v = &cell_at(t, r, j)->values[k];
	if (m == 1 || !v || v->kind == DOC_NUM_RANK ||
	    (k == 0 && v->kind == DOC_NUM_CHANGE))
		snprintf(out, len, "%s", hd);
	else if (v->kind == DOC_NUM_PCT)
		snprintf(out, len, "%s (%%)", hd);
	else if (v->kind == DOC_NUM_RANK_OF)
		snprintf(out, len, "%s out of", hd);
	else if (v->period.freq)
		snprintf(out, len, "%s, %s", hd,
			 fmt_period(per, sizeof(per), &v->period));
	else
		snprintf(out, len, "%s (%zu)", hd, k + 1);
	return out;
}

static void add_col(struct col **cols, char ***h, size_t *n, size_t src,
		    enum part part, size_t slot, char *header)
{
	*cols = xreallocarray(*cols, *n + 1, sizeof(**cols));
	*h = xreallocarray(*h, *n + 1, sizeof(**h));
	(*cols)[*n].src = src;
	(*cols)[*n].part = part;
	(*cols)[*n].slot = slot;
	(*h)[*n] = header;
	unique_header(*h, *n);
	(*n)++;
}

/* The columns of the sheet and their headers; *nout of them. */
static struct col *plan(const struct doc_table *t, char ***hout,
			size_t *nout)
{
	struct col *cols = NULL;
	char **h = NULL;
	size_t j, r, k, n = 0, first;

	for (j = 0; j < t->ncols; j++) {
		char buf[64];
		const char *hd;
		size_t m = 0;
		int spark = 0, value = 0, period = 0;

		snprintf(buf, sizeof(buf), "Column %zu", j + 1);
		hd = t->header && t->header[j] && *t->header[j]
		     ? t->header[j] : buf;
		for (r = 0; r < t->nrows; r++) {
			const struct doc_cell *c = cell_at(t, r, j);

			spark |= c->kind == DOC_CELL_SPARK;
			value |= c->is_value;
			period |= c->period.freq != 0;
			if (c->nvalues > m)
				m = c->nvalues;
		}
		if (spark) /* its points are on the trends sheet */
			continue;
		if (!value) {
			add_col(&cols, &h, &n, j, period ? PART_PERIOD
						  : PART_TEXT, 0, xstrdup(hd));
			continue;
		}
		if (!m)
			m = 1;
		first = n;
		for (k = 0; k < m; k++)
			add_col(&cols, &h, &n, j, PART_NUM, k,
				slot_header(t, j, k, m, hd));
		/* named after the value's header as made unique */
		add_col(&cols, &h, &n, j, PART_STATUS, 0,
			status_header(h[first]));
	}
	*hout = h;
	*nout = n;
	return cols;
}

static void write_cell(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
		       lxw_col_t col, const struct doc_cell *c,
		       const struct col *p)
{
	char buf[160];
	const char *s = c->text ? c->text : "";
	size_t k;
	enum doc_status st = DOC_FINAL;
	int stale = 0;

	switch (p->part) {
	case PART_TEXT:
		xlsx_str(b, ws, row, col, is_missing(s) && !is_mark(s)
					  ? "[x]" : s, NULL);
		return;
	case PART_PERIOD:
		xlsx_str(b, ws, row, col, c->period.freq
			 ? fmt_period(buf, sizeof(buf), &c->period) : "[x]",
			 NULL);
		return;
	case PART_NUM:
		if (p->slot < c->nvalues) {
			xlsx_value_format(&c->values[p->slot], buf,
					  sizeof(buf));
			xlsx_num(b, ws, row, col, c->values[p->slot].v,
				 xlsx_format(b, buf));
		} else {
			/* a figure with no such part is not applicable */
			xlsx_str(b, ws, row, col, c->nvalues ? "[z]"
				 : shorthand[c->absent % 3], NULL);
		}
		return;
	case PART_STATUS:
		if (!c->nvalues) {
			xlsx_str(b, ws, row, col, shorthand[c->absent % 3],
				 NULL);
			return;
		}
		/* the cell's figures: provisional if any is */
		for (k = 0; k < c->nvalues; k++) {
			if (c->values[k].status == DOC_PROVISIONAL ||
			    (c->values[k].status == DOC_ESTIMATED &&
			     st == DOC_FINAL))
				st = c->values[k].status;
			stale |= c->values[k].stale;
		}
		status_word(buf, sizeof(buf), st, stale);
		xlsx_str(b, ws, row, col, buf, NULL);
		return;
	}
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
			  "The table of the bulletin: every figure at full "
			  "precision, shown as printed, with its status in "
			  "the column beside it.",
			  t->source, t->footnote);
	for (r = 0; r < t->nrows; r++) {
		lxw_row_t row = top + 1 + (lxw_row_t)r;

		for (i = 0; i < n; i++)
			write_cell(b, ws, row, (lxw_col_t)i,
				   cell_at(t, r, cols[i].src), &cols[i]);
	}
	if (n > 1)
		worksheet_set_column(ws, 1, (lxw_col_t)(n - 1), 16, NULL);
	if (n)
		xlsx_table(b, ws, top, top + (lxw_row_t)t->nrows, n, h, tname);
	free_headers(h, n);
	free(cols);
}

int xlsx_table_has_trends(const struct doc_table *t)
{
	size_t i;

	for (i = 0; i < t->nrows * t->ncols; i++)
		if (t->cells[i].kind == DOC_CELL_SPARK && t->cells[i].spark_x)
			return 1;
	return 0;
}

/* The label of row r: its first text cell. */
static const char *row_label(const struct doc_table *t, size_t r)
{
	size_t j;

	for (j = 0; j < t->ncols; j++)
		if (cell_at(t, r, j)->kind == DOC_CELL_TEXT &&
		    !cell_at(t, r, j)->is_value)
			return cell_text(t, r, j);
	return "[x]";
}

void xlsx_trend_sheet(struct xlsx_book *b, lxw_worksheet *ws,
		      const struct doc_table *t, const char *title,
		      const char *tname)
{
	char *h[4], buf[160], lab[512], st[32];
	size_t r, j, k, nspark = 0;
	lxw_row_t top, row;

	for (j = 0; j < t->ncols; j++)
		for (r = 0; r < t->nrows; r++)
			if (cell_at(t, r, j)->spark_x) {
				nspark++;
				break;
			}
	top = title_block(b, ws, title,
			  "The values each trend line of the table draws, "
			  "oldest first, at full precision.", t->source, NULL);
	h[0] = t->header && t->header[0] && *t->header[0] ? t->header[0]
							     : (char *)"Row";
	h[1] = (char *)"Period";
	h[2] = (char *)"Value";
	h[3] = (char *)"Value status";
	row = top + 1;
	for (r = 0; r < t->nrows; r++) {
		for (j = 0; j < t->ncols; j++) {
			const struct doc_cell *c = cell_at(t, r, j);
			struct doc_value v;

			if (c->kind != DOC_CELL_SPARK || !c->spark_x)
				continue;
			/* several trend columns: the column names the line */
			snprintf(lab, sizeof(lab), "%s%s%s", row_label(t, r),
				 nspark > 1 ? ": " : "",
				 nspark > 1 && t->header && t->header[j]
				 ? t->header[j] : "");
			memset(&v, 0, sizeof(v));
			v.unit = c->spark_unit;
			v.decimals = c->spark_decimals;
			for (k = 0; k < c->nspark; k++, row++) {
				xlsx_str(b, ws, row, 0, lab, NULL);
				xlsx_str(b, ws, row, 1,
					 fmt_period(buf, sizeof(buf),
						    &c->spark_x[k]), NULL);
				if (!c->spark_has[k]) {
					xlsx_str(b, ws, row, 2, "[x]", NULL);
					xlsx_str(b, ws, row, 3, "[x]", NULL);
					continue;
				}
				v.v = c->spark[k];
				xlsx_value_format(&v, buf, sizeof(buf));
				xlsx_num(b, ws, row, 2, v.v,
					 xlsx_format(b, buf));
				status_word(st, sizeof(st),
					    (enum doc_status)c->spark_status[k],
					    0);
				xlsx_str(b, ws, row, 3, st, NULL);
			}
		}
	}
	worksheet_set_column(ws, 1, 3, 18, NULL);
	xlsx_table(b, ws, top, row - 1, 4, h, tname);
}
