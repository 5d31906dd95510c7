/* render_pdf.h - the PDF back end: lays out a struct doc on A4 pages with
 * libharu (our own layout engine: measured UTF-8 word wrap, page breaks
 * that keep headings with what follows, tables that repeat headers,
 * vector charts, contents, bookmarks, running header and "Page N of M").
 *
 * Output is byte-reproducible: dates come from the doc, never the clock.
 * Text that cannot fit is an error (EIM_DATA), never silently cut.
 *
 * Ownership: the caller keeps the doc; on success *out and *len describe a buffer
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
