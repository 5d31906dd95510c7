/* render_pdf.h - the bulletin as a PDF in one call: layout_doc (layout.h,
 * which says how the model is laid out and which errors it gives) and
 * the PDF back end (backend.h) that paints the scene with libharu.
 *
 * Output is byte-reproducible: dates come from the doc, never the clock.
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
/* Find a TrueType font: DejaVu Sans / Liberation Sans (bold if bold);
 * font_find (fontmetrics.h). */
int render_find_font(int bold, char *buf, size_t size);

#endif
