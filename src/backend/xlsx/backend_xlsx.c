/* backend_xlsx.c - the data download (backend.h): the edition's charts
 * and tables as an accessible workbook after the Analysis Function's
 * "Releasing statistics in spreadsheets": a cover sheet, a contents
 * sheet linking to every data sheet, a notes sheet (shorthand, status,
 * sources, footnotes), then one sheet a chart or table in the bulletin's
 * order (xlsx_sheets.c). It reads only the doc.
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

#include "fmt.h"
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
enum sheet_kind { SHEET_CHART, SHEET_TABLE, SHEET_TRENDS, SHEET_REVISIONS };

struct sheet {
	enum sheet_kind kind;
	const struct doc_block *blk;  /* NULL for the revisions */
	char name[4 * XLSX_SHEET_MAX + 1];
	char table[40];
	char *title;      /* what it holds (contents, first line) */
};

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

/* ---- cover, contents, notes -------------------------------------------- */
static void cover(struct xlsx_book *b, const struct doc *d,
		  const struct backend_input *in)
{
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, "Cover");
	char line[512];
	lxw_row_t r = 0;

	if (!ws) {
		b->failed = 1;
		return;
	}
	worksheet_set_column(ws, 0, 0, 100, NULL);
	snprintf(line, sizeof(line), "%s%s%s: data download",
		 d->title ? d->title : "Monitor",
		 d->subtitle && *d->subtitle ? ", " : "",
		 d->subtitle ? d->subtitle : "");
	xlsx_str(b, ws, r++, 0, line, b->bold);
	if (d->banner) {
		xlsx_str(b, ws, r++, 0, d->banner, b->bold);
	}
	snprintf(line, sizeof(line), "Issue %d", d->issue);
	xlsx_str(b, ws, r++, 0, line, NULL);
	snprintf(line, sizeof(line), "Publication date: %s",
		 d->date_text ? d->date_text : "not known");
	xlsx_str(b, ws, r++, 0, line, NULL);
	snprintf(line, sizeof(line), "Publisher: %s",
		 d->publisher ? d->publisher : "not known");
	xlsx_str(b, ws, r++, 0, line, NULL);
	snprintf(line, sizeof(line), "Contact: %s",
		 in->contact && *in->contact ? in->contact
		 : d->publisher ? d->publisher : "the publisher");
	xlsx_str(b, ws, r++, 0, line, NULL);
	xlsx_str(b, ws, r++, 0,
		 "This workbook holds the data of every chart and table of "
		 "the bulletin, one sheet each in the bulletin's order; the "
		 "Contents sheet links to them and the Notes sheet explains "
		 "the shorthand and status marks they use.", NULL);
	snprintf(line, sizeof(line), "Licence: %s",
		 in->licence && *in->licence ? in->licence
		 : "as stated by each source (see the Notes sheet)");
	xlsx_str(b, ws, r++, 0, line, NULL);
	if (d->caveat && *d->caveat)
		xlsx_str(b, ws, r++, 0, d->caveat, NULL);
	if (d->funding && *d->funding)
		xlsx_str(b, ws, r, 0, d->funding, NULL);
}

static void contents(struct xlsx_book *b, const struct sheet *s, size_t n)
{
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, "Contents");
	char *h[2] = { (char *)"Sheet", (char *)"What it holds" };
	size_t i;

	if (!ws) {
		b->failed = 1;
		return;
	}
	xlsx_str(b, ws, 0, 0, "Contents", b->bold);
	xlsx_str(b, ws, 1, 0, "One sheet for each chart and table of the "
		 "bulletin (and the revisions, and the trend lines of a "
		 "table); select a sheet name to go to it.", NULL);
	worksheet_set_column(ws, 0, 0, 36, NULL);
	worksheet_set_column(ws, 1, 1, 90, NULL);
	for (i = 0; i < n; i++) {
		char url[4 * XLSX_SHEET_MAX * 2 + 32];
		size_t o, k;
		lxw_row_t r = 3 + (lxw_row_t)i;

		/* internal:'Name'!A1, an apostrophe in the name doubled */
		o = (size_t)snprintf(url, sizeof(url), "internal:'");
		for (k = 0; s[i].name[k] && o + 8 < sizeof(url); k++) {
			if (s[i].name[k] == '\'')
				url[o++] = '\'';
			url[o++] = s[i].name[k];
		}
		snprintf(url + o, sizeof(url) - o, "'!A1");
		if (worksheet_write_url_opt(ws, r, 0, url, b->link, s[i].name,
					    NULL) != LXW_NO_ERROR)
			b->failed = 1;
		xlsx_str(b, ws, r, 1, s[i].title, NULL);
	}
	xlsx_table(b, ws, 2, 2 + (lxw_row_t)n, 2, h, "Contents_list");
}

/* Adds s to the list unless it is there. */
static void add_once(char ***l, size_t *n, const char *s)
{
	size_t i;

	if (!s || !*s)
		return;
	for (i = 0; i < *n; i++)
		if (strcmp((*l)[i], s) == 0)
			return;
	*l = xreallocarray(*l, *n + 1, sizeof(**l));
	(*l)[(*n)++] = xstrdup(s);
}

/* The revisions sheet: one row a value revised, both at full
 * precision in the bulletin's format. */
static void revisions_sheet(struct xlsx_book *b, lxw_worksheet *ws,
			    const struct doc *d, const char *tname)
{
	char *h[6] = { (char *)"Indicator", (char *)"Area",
		       (char *)"Area code", (char *)"Period",
		       (char *)"Previous edition's value",
		       (char *)"This edition's value" };
	char line[256], fmt[160];
	size_t i;

	xlsx_str(b, ws, 0, 0, "Figures revised since the previous edition",
		 b->bold);
	snprintf(line, sizeof(line), "Each value of the previous edition "
		 "(%s) that this edition holds with another value: the "
		 "source revised it. Values at full precision.",
		 d->prev_edition ? d->prev_edition : "not known");
	xlsx_str(b, ws, 1, 0, line, NULL);
	worksheet_set_column(ws, 0, 0, 36, NULL);
	worksheet_set_column(ws, 1, 5, 20, NULL);
	for (i = 0; i < d->nrevisions; i++) {
		const struct doc_revision *rv = &d->revisions[i];
		lxw_row_t r = 3 + (lxw_row_t)i;
		struct doc_value v;

		memset(&v, 0, sizeof(v));
		v.unit = rv->unit;
		v.decimals = rv->decimals;
		xlsx_str(b, ws, r, 0, rv->indicator, NULL);
		xlsx_str(b, ws, r, 1, rv->geography, NULL);
		xlsx_str(b, ws, r, 2, rv->code, NULL);
		xlsx_str(b, ws, r, 3, fmt_period(line, sizeof(line),
						 &rv->period), NULL);
		v.v = rv->was;
		xlsx_value_format(&v, fmt, sizeof(fmt));
		xlsx_num(b, ws, r, 4, rv->was, xlsx_format(b, fmt));
		v.v = rv->now;
		xlsx_value_format(&v, fmt, sizeof(fmt));
		xlsx_num(b, ws, r, 5, rv->now, xlsx_format(b, fmt));
	}
	xlsx_table(b, ws, 2, 2 + (lxw_row_t)d->nrevisions, 6, h, tname);
}

/* What the notes say about revisions: none, none to compare with, or
 * each one in words. */
static lxw_row_t revision_notes(struct xlsx_book *b, lxw_worksheet *ws,
				const struct doc *d, lxw_row_t r)
{
	char line[1024], was[FMT_MAX], now[FMT_MAX], per[64];
	size_t i;

	if (!d->prev_edition)
		snprintf(line, sizeof(line), "There is no previous edition "
			 "to compare with: none is revised.");
	else if (!d->nrevisions)
		snprintf(line, sizeof(line), "No figure was revised since "
			 "the previous edition (%s).", d->prev_edition);
	else
		snprintf(line, sizeof(line), "%zu %s revised since the "
			 "previous edition (%s), listed below and with both "
			 "values at full precision on the Revisions sheet.",
			 d->nrevisions, d->nrevisions == 1 ? "value was"
							   : "values were",
			 d->prev_edition);
	xlsx_str(b, ws, r, 0, "Revisions", NULL);
	xlsx_str(b, ws, r++, 1, line, NULL);
	for (i = 0; i < d->nrevisions; i++, r++) {
		const struct doc_revision *rv = &d->revisions[i];

		fmt_value(was, sizeof(was), rv->was, rv->unit, rv->decimals);
		fmt_value(now, sizeof(now), rv->now, rv->unit, rv->decimals);
		snprintf(line, sizeof(line), "%s, %s, %s: %s in the previous "
			 "edition, now %s.", rv->indicator, rv->geography,
			 fmt_period(per, sizeof(per), &rv->period), was, now);
		xlsx_str(b, ws, r, 0, "Revised", NULL);
		xlsx_str(b, ws, r, 1, line, NULL);
	}
	return r;
}

static void notes(struct xlsx_book *b, const struct doc *d,
		  const struct sheet *s, size_t n)
{
	static const char *const fixed[][2] = {
		{ "[x]", "Not available: the source has no figure for this "
			 "place or period." },
		{ "[z]", "Not applicable: the figure does not exist for this "
			 "row, for example a percentage change of a figure "
			 "already in percentage points." },
		{ "[c]", "Confidential: withheld to protect confidentiality." },
		{ "Status", "Each value has its status in the column beside "
			    "it. provisional: marked (p) in the bulletin, "
			    "may be revised in a later edition; estimated: "
			    "marked (e); final: neither. \", stale\" after "
			    "it: the source has published nothing newer and "
			    "the figure is older than the bulletin allows "
			    "for it." },
		{ "Precision", "Every number is stored at full precision, as "
			       "figures.csv holds it, and shown in the format "
			       "the bulletin prints it in: select a cell to "
			       "see all its digits." },
		{ "Trend lines", "The sheets named \"Table Na\" hold the "
				 "values the trend lines of table N draw, one "
				 "row a point." },
	};
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, "Notes");
	char *h[2] = { (char *)"Subject", (char *)"Note" };
	char **src = NULL, **foot = NULL;
	size_t nsrc = 0, nfoot = 0, i;
	lxw_row_t r = 3;

	if (!ws) {
		b->failed = 1;
		return;
	}
	for (i = 0; i < n; i++) {
		const struct doc_block *bk = s[i].blk;

		if (!bk)
			continue;
		if (bk->kind == DOC_CHART) {
			add_once(&src, &nsrc, bk->chart->source);
		} else {
			add_once(&src, &nsrc, bk->table->source);
			add_once(&foot, &nfoot, bk->table->footnote);
		}
	}
	xlsx_str(b, ws, 0, 0, "Notes", b->bold);
	xlsx_str(b, ws, 1, 0, "The shorthand and status marks the data "
		 "sheets use, and the sources and footnotes of the bulletin.",
		 NULL);
	worksheet_set_column(ws, 0, 0, 14, NULL);
	worksheet_set_column(ws, 1, 1, 110, NULL);
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++, r++) {
		xlsx_str(b, ws, r, 0, fixed[i][0], NULL);
		xlsx_str(b, ws, r, 1, fixed[i][1], NULL);
	}
	r = revision_notes(b, ws, d, r);
	for (i = 0; i < nfoot; i++, r++) {
		xlsx_str(b, ws, r, 0, "Footnote", NULL);
		xlsx_str(b, ws, r, 1, foot[i], NULL);
		free(foot[i]);
	}
	for (i = 0; i < nsrc; i++, r++) {
		xlsx_str(b, ws, r, 0, "Source", NULL);
		xlsx_str(b, ws, r, 1, src[i], NULL);
		free(src[i]);
	}
	free(src);
	free(foot);
	xlsx_table(b, ws, 2, r - 1, 2, h, "Notes_list");
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
	cover(b, d, in);
	contents(b, s, n);
	notes(b, d, s, n);
	for (i = 0; i < n; i++) {
		lxw_worksheet *ws = workbook_add_worksheet(b->wb, s[i].name);

		if (!ws) {
			b->failed = 1;
			break;
		}
		switch (s[i].kind) {
		case SHEET_REVISIONS:
			revisions_sheet(b, ws, d, s[i].table);
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
