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
struct sheet {
	const struct doc_block *blk;
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

/* The doc's charts and tables in order, named. */
static struct sheet *plan_sheets(const struct doc *d, size_t *n)
{
	struct sheet *s = xcalloc(d->nblocks + 1, sizeof(*s));
	size_t i, nc = 0, nt = 0, m = 0;

	for (i = 0; i < d->nblocks; i++) {
		const struct doc_block *bk = &d->blocks[i];
		char prefix[32];

		if (bk->kind == DOC_CHART && bk->chart) {
			snprintf(prefix, sizeof(prefix), "Chart %zu", ++nc);
			s[m].title = xstrdup(bk->chart->title
					     ? bk->chart->title : "Chart");
		} else if (bk->kind == DOC_TABLE && bk->table) {
			snprintf(prefix, sizeof(prefix), "Table %zu", ++nt);
			s[m].title = bk->table->caption && *bk->table->caption
				     ? xstrdup(bk->table->caption)
				     : last_heading(d, i);
		} else {
			continue;
		}
		s[m].blk = bk;
		xlsx_sheet_name(s[m].name, sizeof(s[m].name), prefix,
				s[m].title);
		xlsx_table_name(s[m].table, sizeof(s[m].table), prefix);
		m++;
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
		 "bulletin; select a sheet name to go to it.", NULL);
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

static void notes(struct xlsx_book *b, const struct sheet *s, size_t n)
{
	static const char *const fixed[][2] = {
		{ "[x]", "Not available: the source has no figure for this "
			 "place or period." },
		{ "[z]", "Not applicable: the figure does not exist for this "
			 "row, for example a percentage change of a figure "
			 "already in percentage points." },
		{ "[c]", "Confidential: withheld to protect confidentiality." },
		{ "Status", "provisional: marked (p) in the bulletin, may be "
			    "revised in a later edition; final: not marked "
			    "provisional." },
		{ "Precision", "Chart sheets hold the figures at full "
			       "precision; table sheets hold the figures as "
			       "printed in the bulletin's tables." },
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
	notes(b, s, n);
	for (i = 0; i < n; i++) {
		lxw_worksheet *ws = workbook_add_worksheet(b->wb, s[i].name);

		if (!ws) {
			b->failed = 1;
			break;
		}
		if (s[i].blk->kind == DOC_CHART)
			xlsx_chart_sheet(b, ws, s[i].blk->chart, s[i].table);
		else
			xlsx_table_sheet(b, ws, s[i].blk->table, s[i].title,
					 s[i].table);
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
