/* xlsx_int.h - private to the spreadsheet back end (src/backend/xlsx/):
 * the pure helpers that name sheets and tables and read a bulletin's
 * formatted number back into a value and a display format, so that the
 * workbook stores numbers as numbers shown as the bulletin shows them.
 * Tested on their own in tests/unit/test_backend_xlsx.c. */
#ifndef EIMON_XLSX_INT_H
#define EIMON_XLSX_INT_H

#include <stddef.h>

#include "doc.h"

/* Excel's limit on a cell's text, in bytes here (cut below it, at a
 * character). */
#define XLSX_CELL_MAX 32000
/* Excel's limit on a sheet name, in characters. */
#define XLSX_SHEET_MAX 31

/* A sheet name that says what the sheet holds: "<prefix> <title>", with
 * the characters Excel refuses ([]:*?/\) dropped, cut to 31 characters
 * (UTF-8 aware, never inside a character) and without a leading or
 * trailing apostrophe or space. prefix makes it unique ("Chart 3").
 * buf holds at least 4 * XLSX_SHEET_MAX + 1 bytes. */
void xlsx_sheet_name(char *buf, size_t size, const char *prefix,
		     const char *title);
/* An Excel table name from a sheet's prefix: letters and digits kept,
 * anything else an underscore ("Chart 3" -> "Chart_3"); starts with a
 * letter (else "T_" is put first). */
void xlsx_table_name(char *buf, size_t size, const char *prefix);

/* A number as the bulletin prints it: "130,920", "+1,555", "−0.2%",
 * "6.8pp", "£1.2" (a leading currency sign is kept in the format). */
struct xlsx_num {
	double v;
	int decimals;
	int sign;       /* printed with an explicit + or − */
	int thousands;  /* printed with a thousands separator */
	char prefix[4]; /* "£" or "" */
	char suffix[4]; /* "%", "pp", "m", "bn" or "" */
	int scale;      /* thousands divided out: 2 for "m", 3 for "bn" */
};

/* A cell's text as numbers: "a", "a (b)", either followed by " (p)".
 * 0 when the whole text is that (*has2 says whether b is there, *prov
 * whether it ends with (p)); -1 when it is text. */
int xlsx_parse_cell(const char *s, struct xlsx_num *a, struct xlsx_num *b,
		    int *has2, int *prov);
/* The Excel number format that shows n as the bulletin did:
 * "\"+\"#,##0.0\"%\";\"−\"#,##0.0\"%\";#,##0.0\"%\"" for "+1.2%". */
void xlsx_num_format(const struct xlsx_num *n, char *buf, size_t size);
/* The format for a chart value of that many decimals. */
void xlsx_decimals_format(int decimals, char *buf, size_t size);
/* The format that shows v at full precision as the bulletin prints it
 * (fmt.h's text of its kind, unit and decimals): "#,##0",
 * "\"+\"0.0\"pp\";...", "\"£\"#,##0.0,,\"m\"". */
void xlsx_value_format(const struct doc_value *v, char *buf, size_t size);

/* ---- the workbook being written (backend_xlsx.c, xlsx_sheets.c) ---- */
#include <xlsxwriter.h>

struct xlsx_book {
	lxw_workbook *wb;
	lxw_format *bold, *link;
	struct { char key[160]; lxw_format *f; } fmt[64];
	size_t nfmt;
	int failed;          /* a worksheet call failed */
};

/* The cached format of that number format text (NULL when the cache is
 * full: the cell is then shown with Excel's General format). */
lxw_format *xlsx_format(struct xlsx_book *b, const char *numfmt);
/* Writes at (row, col), remembering a failure in b. */
void xlsx_str(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
	      lxw_col_t col, const char *s, lxw_format *f);
void xlsx_num(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
	      lxw_col_t col, double v, lxw_format *f);
/* An Excel table over rows first..last (header row first) and columns
 * 0..ncols-1 with these headers and that name. */
void xlsx_table(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t first,
		lxw_row_t last, size_t ncols, char **headers,
		const char *name);

/* xlsx_sheets.c: the sheet of a chart or a table, its title block from
 * row 0 then its Excel table named tname. */
void xlsx_chart_sheet(struct xlsx_book *b, lxw_worksheet *ws,
		      const struct doc_chart *c, const char *tname);
void xlsx_table_sheet(struct xlsx_book *b, lxw_worksheet *ws,
		      const struct doc_table *t, const char *title,
		      const char *tname);
/* Whether t has sparklines with their periods, and the sheet of their
 * points: one row a point (the row's label, period, value, status). */
int xlsx_table_has_trends(const struct doc_table *t);
void xlsx_trend_sheet(struct xlsx_book *b, lxw_worksheet *ws,
		      const struct doc_table *t, const char *title,
		      const char *tname);

/* ---- the sheets of a workbook (backend_xlsx.c plans them) ---- */
enum sheet_kind { SHEET_CHART, SHEET_TABLE, SHEET_TRENDS, SHEET_REVISIONS };

struct sheet {
	enum sheet_kind kind;
	const struct doc_block *blk;  /* NULL for the revisions */
	char name[4 * XLSX_SHEET_MAX + 1];
	char table[40];
	char *title;      /* what it holds (contents, first line) */
};

struct backend_input; /* backend.h */
/* xlsx_front.c: the sheets before the data: the cover, the contents of
 * the n sheets s (linked), the notes (with the revisions in words), and
 * the revisions sheet of d, its table named tname. */
void xlsx_cover(struct xlsx_book *b, const struct doc *d,
		const struct backend_input *in);
void xlsx_contents(struct xlsx_book *b, const struct sheet *s, size_t n);
void xlsx_notes(struct xlsx_book *b, const struct doc *d,
		const struct sheet *s, size_t n);
void xlsx_revisions_sheet(struct xlsx_book *b, lxw_worksheet *ws,
			  const struct doc *d, const char *tname);

#endif
