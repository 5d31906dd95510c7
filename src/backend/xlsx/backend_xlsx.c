/* backend_xlsx.c - the data download (backend.h): the edition's charts
 * and tables as an accessible workbook after the Analysis Function's
 * "Releasing statistics in spreadsheets": a cover sheet, a contents
 * sheet linking to every sheet after it, a notes sheet (shorthand,
 * status, revisions, sources, footnotes) and the revisions
 * (xlsx_front.c), then one sheet a chart or table in the bulletin's
 * order, a table's trend lines after it (xlsx_sheets.c). It reads only
 * the doc.
 *
 * libxlsxwriter writes a file, not a buffer, so render writes into a
 * private temporary folder (mkdtemp, which its own temporary files share),
 * reads the file back and removes the folder: the back end interface
 * stays "bytes out", and publishing stays atomic in one place. Its bytes
 * are reproducible: the document's created date is the edition's
 * publication date (libxlsxwriter would take the clock), and it dates
 * every zip member 1 January 1980. */
#include "backend.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "xalloc.h"
#include "xlsx_int.h"
#include "banned.h"

lxw_format *xlsx_format(struct xlsx_book *b, const char *numfmt)
{
	size_t i;

	for (i = 0; i < b->nfmt; i++)
		if (strcmp(b->fmt[i].key, numfmt) == 0)
			return b->fmt[i].f;
	if (b->nfmt == sizeof(b->fmt) / sizeof(b->fmt[0]) ||
	    strlen(numfmt) >= sizeof(b->fmt[0].key))
		return NULL;
	snprintf(b->fmt[b->nfmt].key, sizeof(b->fmt[0].key), "%s", numfmt);
	b->fmt[b->nfmt].f = workbook_add_format(b->wb);
	format_set_num_format(b->fmt[b->nfmt].f, numfmt);
	return b->fmt[b->nfmt++].f;
}

void xlsx_str(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
	      lxw_col_t col, const char *s, lxw_format *f)
{
	size_t n = strlen(s);
	char *cut;

	if (n <= XLSX_CELL_MAX) {
		if (worksheet_write_string(ws, row, col, s, f) != LXW_NO_ERROR)
			b->failed = 1;
		return;
	}
	/* Excel's limit on a cell: a long note is cut, not the build */
	n = XLSX_CELL_MAX;
	while (n && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	cut = xmalloc(n + 1);
	memcpy(cut, s, n);
	cut[n] = '\0';
	if (worksheet_write_string(ws, row, col, cut, f) != LXW_NO_ERROR)
		b->failed = 1;
	free(cut);
}

void xlsx_num(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
	      lxw_col_t col, double v, lxw_format *f)
{
	if (worksheet_write_number(ws, row, col, v, f) != LXW_NO_ERROR)
		b->failed = 1;
}

void xlsx_table(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t first,
		lxw_row_t last, size_t ncols, char **headers,
		const char *name)
{
	lxw_table_column *cols = xcalloc(ncols, sizeof(*cols));
	lxw_table_column **pcols = xcalloc(ncols + 1, sizeof(*pcols));
	lxw_table_options opt;
	size_t i;

	if (last == first) { /* an Excel table has at least one data row */
		for (i = 0; i < ncols; i++)
			xlsx_str(b, ws, first + 1, (lxw_col_t)i, "[x]", NULL);
		last++;
	}
	for (i = 0; i < ncols; i++) {
		cols[i].header = headers[i];
		pcols[i] = &cols[i];
	}
	memset(&opt, 0, sizeof(opt));
	opt.name = (char *)name;
	opt.columns = pcols;
	opt.style_type = LXW_TABLE_STYLE_TYPE_LIGHT;
	opt.style_type_number = 1;
	if (worksheet_add_table(ws, first, 0, last, (lxw_col_t)(ncols - 1),
				&opt) != LXW_NO_ERROR)
		b->failed = 1;
	free(cols);
	free(pcols);
}

/* ---- the sheets of the blocks ------------------------------------------ */
static char *last_heading(const struct doc *d, size_t upto)
{
	while (upto--)
		if (d->blocks[upto].kind == DOC_HEADING)
			return doc_text_plain(&d->blocks[upto].text);
	return xstrdup("Table");
}

static void name_sheet(struct sheet *s, const char *prefix)
{
	xlsx_sheet_name(s->name, sizeof(s->name), prefix, s->title);
	xlsx_table_name(s->table, sizeof(s->table), prefix);
}

/* The revisions (when there are), then the doc's charts and tables in
 * order, a table's trend lines after it, named. */
static struct sheet *plan_sheets(const struct doc *d, size_t *n)
{
	struct sheet *s = xcalloc(2 * d->nblocks + 2, sizeof(*s));
	size_t i, nc = 0, nt = 0, m = 0;

	if (d->nrevisions) {
		s[m].kind = SHEET_REVISIONS;
		s[m].title = xstrdup("Figures revised since the previous "
				     "edition");
		snprintf(s[m].name, sizeof(s[m].name), "Revisions");
		snprintf(s[m].table, sizeof(s[m].table), "Revisions");
		m++;
	}
	for (i = 0; i < d->nblocks; i++) {
		const struct doc_block *bk = &d->blocks[i];
		char prefix[32];

		if (bk->kind == DOC_CHART && bk->chart) {
			snprintf(prefix, sizeof(prefix), "Chart %zu", ++nc);
			s[m].kind = SHEET_CHART;
			s[m].title = xstrdup(bk->chart->title
					     ? bk->chart->title : "Chart");
		} else if (bk->kind == DOC_TABLE && bk->table) {
			snprintf(prefix, sizeof(prefix), "Table %zu", ++nt);
			s[m].kind = SHEET_TABLE;
			s[m].title = bk->table->caption && *bk->table->caption
				     ? xstrdup(bk->table->caption)
				     : last_heading(d, i);
		} else {
			continue;
		}
		s[m].blk = bk;
		name_sheet(&s[m], prefix);
		m++;
		if (bk->kind == DOC_TABLE && xlsx_table_has_trends(bk->table)) {
			size_t len = strlen(s[m - 1].title) + 32;

			snprintf(prefix, sizeof(prefix), "Table %zua", nt);
			s[m].kind = SHEET_TRENDS;
			s[m].blk = bk;
			s[m].title = xstrdup("Trend lines");
			name_sheet(&s[m], prefix); /* "Table 1a Trend lines" */
			free(s[m].title);
			s[m].title = xmalloc(len);
			snprintf(s[m].title, len, "Trend lines of %s",
				 s[m - 1].title);
			m++;
		}
	}
	*n = m;
	return s;
}

/* ---- the workbook ------------------------------------------------------ */
static int read_all(const char *path, unsigned char **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	long sz;
	int ret = -1;

	if (!f)
		return -1;
	if (fseek(f, 0, SEEK_END) != 0 || (sz = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0)
		goto out;
	*out = xmalloc((size_t)sz + 1);
	if (fread(*out, 1, (size_t)sz, f) != (size_t)sz) {
		free(*out);
		*out = NULL;
		goto out;
	}
	*len = (size_t)sz;
	ret = 0;
out:
	fclose(f);
	return ret;
}

static void book(struct xlsx_book *b, const struct doc *d,
		 const struct backend_input *in)
{
	lxw_doc_properties props;
	struct tm tm;
	struct sheet *s;
	size_t n, i;

	memset(&props, 0, sizeof(props));
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = (d->year ? d->year : 1980) - 1900;
	tm.tm_mon = (d->month ? d->month : 1) - 1;
	tm.tm_mday = d->day ? d->day : 1;
	tm.tm_hour = 12;
	props.created = timegm(&tm);
	props.title = d->title;
	props.author = d->publisher;
	props.company = d->publisher;
	props.keywords = d->keywords;
	workbook_set_properties(b->wb, &props);
	b->bold = workbook_add_format(b->wb);
	format_set_bold(b->bold);
	b->link = workbook_add_format(b->wb);
	format_set_underline(b->link, LXW_UNDERLINE_SINGLE);
	format_set_font_color(b->link, LXW_COLOR_BLUE);
	s = plan_sheets(d, &n);
	xlsx_cover(b, d, in);
	xlsx_contents(b, s, n);
	xlsx_notes(b, d, s, n);
	for (i = 0; i < n; i++) {
		lxw_worksheet *ws = workbook_add_worksheet(b->wb, s[i].name);

		if (!ws) {
			b->failed = 1;
			break;
		}
		switch (s[i].kind) {
		case SHEET_REVISIONS:
			xlsx_revisions_sheet(b, ws, d, s[i].table);
			break;
		case SHEET_CHART:
			xlsx_chart_sheet(b, ws, s[i].blk->chart, s[i].table);
			break;
		case SHEET_TABLE:
			xlsx_table_sheet(b, ws, s[i].blk->table, s[i].title,
					 s[i].table);
			break;
		case SHEET_TRENDS:
			xlsx_trend_sheet(b, ws, s[i].blk->table, s[i].title,
					 s[i].table);
			break;
		}
	}
	for (i = 0; i < n; i++)
		free(s[i].title);
	free(s);
}

static pthread_mutex_t lxw_lock = PTHREAD_MUTEX_INITIALIZER;

static int render_xlsx(const struct backend_input *in, unsigned char **out,
		       size_t *len, struct eim_error *err)
{
	const char *tmp = getenv("TMPDIR");
	char dir[4096], path[4200];
	lxw_workbook_options opt;
	struct xlsx_book b;
	lxw_error le;
	int ret = -1;

	*out = NULL;
	*len = 0;
	memset(&b, 0, sizeof(b));
	snprintf(dir, sizeof(dir), "%s/eimon-xlsx.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		return eim_error_set(err, EIM_CANTCREAT, dir, 0, 0,
				     "cannot make a temporary folder for the "
				     "workbook");
	snprintf(path, sizeof(path), "%s/book.xlsx", dir);
	memset(&opt, 0, sizeof(opt));
	opt.tmpdir = dir;
	pthread_mutex_lock(&lxw_lock);
	b.wb = workbook_new_opt(path, &opt);
	if (b.wb)
		book(&b, in->doc, in);
	le = b.wb ? workbook_close(b.wb) : LXW_ERROR_CREATING_XLSX_FILE;
	pthread_mutex_unlock(&lxw_lock);
	if (b.failed || le != LXW_NO_ERROR) {
		eim_error_set(err, EIM_SOFTWARE, path, 0, 0,
			      "cannot write the workbook: %s",
			      le != LXW_NO_ERROR ? lxw_strerror(le)
						 : "a sheet was refused");
		goto out;
	}
	if (read_all(path, out, len)) {
		eim_error_set(err, EIM_CANTCREAT, path, 0, 0,
			      "cannot read the workbook back");
		goto out;
	}
	ret = 0;
out:
	unlink(path);
	rmdir(dir);
	return ret;
}

const struct backend backend_xlsx = {
	"xlsx", "xlsx", BACKEND_NEEDS_DOC, render_xlsx, NULL
};
