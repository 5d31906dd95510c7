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
 * Ownership: the caller keeps the doc; on success *out (of *len bytes) is a buffer
 * the caller frees. */
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
