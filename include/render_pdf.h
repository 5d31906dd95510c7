/* render_pdf.h - the PDF back end: lays out a struct doc on A4 pages with
 * libharu (our own layout engine: measured UTF-8 word wrap, page breaks
 * that keep headings with what follows, tables that repeat headers,
 * vector charts, contents, bookmarks, running header and "Page N of M").
 *
 * Output is byte-reproducible: dates come from the doc, never the clock
 * (libharu 2.3.0 writes no /ID unless encrypting). Text that cannot fit
 * (a table cell too narrow for a word, a chart taller than a page, a
 * contents entry longer than a line) is an error (EIM_DATA) naming it,
 * never silently cut; a missing font or logo is EIM_NOINPUT. Fonts:
 * doc->style.font_regular/font_bold, else render_find_font.
 *
 * How the model is drawn (for composers):
 * - page 1: masthead (title, subtitle, "Issue N · date", funding or
 *   publisher, caveat box, logo); every page: footer "date ... Page N of
 *   M" and the banner when set; pages 2+: running header (title, issue).
 * - H1 and H2 go into DOC_CONTENTS (with page numbers and links) and the
 *   bookmarks (H2 under the H1 before it); H3 does not. A heading is kept
 *   with the first lines of the next block; a chart is never split; a
 *   note keeps its headline with its first two lines.
 * - Tables: widths are hints. Columns are sized from their content (never
 *   narrower than their widest word) and the hints share spare room.
 *   Tables of up to 15 rows that fit on a page are kept together; longer
 *   ones split between rows and repeat caption "(continued)" and header.
 * - Charts: at most 4 series; COLUMN draws series[0]; reference lines are
 *   dashed and labelled right of the plot with the line labels (a line
 *   given twice is labelled once); BAR uses value_text, else the value
 *   with `decimals`; axis tick decimals follow the tick step.
 * - DOC_ITALIC is a slanted regular/bold face (no italic font needed);
 *   chart `alt` is not drawn (libharu 2.3.0 cannot tag a PDF).
 *
 * Ownership: the caller keeps the doc; on success *out (of *len bytes) is
 * a buffer the caller frees. */
#ifndef EIMON_RENDER_PDF_H
#define EIMON_RENDER_PDF_H

#include <stddef.h>

#include "doc.h"
#include "error.h"

int render_pdf(const struct doc *d, unsigned char **out, size_t *len,
	       struct eim_error *err);
/* Write to a file path directly (not atomic: publish does that). */
int render_pdf_file(const struct doc *d, const char *path,
		    struct eim_error *err);
/* Find a TrueType font: DejaVu Sans / Liberation Sans (bold if bold). */
int render_find_font(int bold, char *buf, size_t size);

#endif
