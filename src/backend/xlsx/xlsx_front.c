/* xlsx_front.c - the sheets of the data download before the data: the
 * cover, the contents linking every sheet after it, the notes (the GSS
 * shorthand, the status words, the revisions since the previous edition
 * in words, the bulletin's footnotes and sources) and the revisions with
 * both values at full precision. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "fmt.h"
#include "strbuf.h"
#include "xalloc.h"
#include "xlsx_int.h"
#include "banned.h"

void xlsx_cover(struct xlsx_book *b, const struct doc *d,
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

void xlsx_contents(struct xlsx_book *b, const struct sheet *s, size_t n)
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
void xlsx_revisions_sheet(struct xlsx_book *b, lxw_worksheet *ws,
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
	struct strbuf sb = STRBUF_INIT;
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
		/* names of any length: never cut inside a character */
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s, %s, %s: %s in the previous edition, now "
			    "%s.", rv->indicator, rv->geography,
			    fmt_period(per, sizeof(per), &rv->period), was, now);
		xlsx_str(b, ws, r, 0, "Revised", NULL);
		xlsx_str(b, ws, r, 1, sb.buf ? sb.buf : "", NULL);
	}
	strbuf_release(&sb);
	return r;
}

/* "Sheet: row label (header, period)" for every value of table t that
 * is provisional, estimated or stale, each once, added to the lists. */
static void marked_values(const struct sheet *sh, const struct doc_table *t,
			  char ***prov, size_t *nprov, char ***stale,
			  size_t *nstale)
{
	char line[1024], per[96];
	size_t r, k, v;

	for (r = 0; r < t->nrows; r++) {
		const struct doc_cell *row = &t->cells[r * t->ncols];

		for (k = 1; k < t->ncols; k++) {
			for (v = 0; v < row[k].nvalues; v++) {
				const struct doc_value *x = &row[k].values[v];

				if (x->status == DOC_FINAL && !x->stale)
					continue;
				snprintf(line, sizeof(line), "%s: %s (%s, %s)",
					 sh->name, row[0].text ? row[0].text : "",
					 t->header[k] ? t->header[k] : "",
					 fmt_period(per, sizeof(per),
						    &x->period));
				if (x->status != DOC_FINAL)
					add_once(prov, nprov, line);
				if (x->stale)
					add_once(stale, nstale, line);
			}
		}
	}
}

/* One notes row "subject | text" for each of the n texts, which it
 * frees with their list; returns the next row. */
static lxw_row_t note_rows(struct xlsx_book *b, lxw_worksheet *ws,
			   lxw_row_t r, const char *subject, char **texts,
			   size_t n)
{
	size_t i;

	for (i = 0; i < n; i++, r++) {
		xlsx_str(b, ws, r, 0, subject, NULL);
		xlsx_str(b, ws, r, 1, texts[i], NULL);
		free(texts[i]);
	}
	free(texts);
	return r;
}

void xlsx_notes(struct xlsx_book *b, const struct doc *d,
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
	char **src = NULL, **foot = NULL, **prov = NULL, **stale = NULL;
	size_t nsrc = 0, nfoot = 0, nprov = 0, nstale = 0, i;
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
			if (s[i].kind == SHEET_TABLE)
				marked_values(&s[i], bk->table, &prov, &nprov,
					      &stale, &nstale);
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
	/* where the marks fall: the guidance wants them findable, not
	 * only in each status column */
	r = note_rows(b, ws, r, "Provisional", prov, nprov);
	r = note_rows(b, ws, r, "Stale", stale, nstale);
	r = note_rows(b, ws, r, "Footnote", foot, nfoot);
	r = note_rows(b, ws, r, "Source", src, nsrc);
	xlsx_table(b, ws, 2, r - 1, 2, h, "Notes_list");
}
