/* fontmetrics.h - TrueType metrics read once per process: the character
 * map, advance widths and ascent/descent of the font file actually used,
 * so that layout measures text without a PDF library and every back end
 * places it the same way.
 *
 * A font is parsed the first time its path is asked for; the result is
 * immutable and shared by every later caller on any thread (the registry
 * is guarded by a mutex, the metrics need no lock). Widths are in 1/1000
 * em, truncated as PDF /W arrays and libharu give them (advance * 1000 /
 * unitsPerEm), so a width summed here is the width a PDF viewer uses.
 * Only the Basic Multilingual Plane is mapped (the PDF fonts are written
 * with 2-byte codes); a code point without a glyph has the width of
 * glyph 0 (.notdef), which is what is drawn for it.
 *
 * Ownership: the registry owns every font_metrics; they live until
 * font_metrics_clear (tests, leak checkers) or the end of the process. */
#ifndef EIMON_FONTMETRICS_H
#define EIMON_FONTMETRICS_H

#include <stddef.h>

#include "error.h"

struct font_metrics {
	char path[EIM_PATH_MAX];  /* the file these metrics were read from */
	unsigned units_per_em;
	double ascent;            /* hhea ascender / unitsPerEm (> 0) */
	double descent;           /* -hhea descender / unitsPerEm (>= 0) */
	unsigned short *adv;      /* [65536] advance per BMP code point */
	unsigned char *mapped;    /* [65536 / 8] bit set: the cmap has it */
};

/* The metrics of the TrueType font at path (parsed once per process).
 * NULL with err set: EIM_NOINPUT when the file cannot be read, EIM_DATA
 * when it is not a TrueType font with a Unicode cmap. */
const struct font_metrics *font_metrics_get(const char *path,
					    struct eim_error *err);

/* Advance of code point u (<= 0xFFFF) in 1/1000 em. */
static inline unsigned font_advance(const struct font_metrics *m,
				    unsigned u)
{
	return m->adv[u & 0xFFFF];
}

int font_has_glyph(const struct font_metrics *m, unsigned u);

/* Width in points of UTF-8 s[0..len) at size. Each well-formed BMP
 * character counts its advance; an invalid byte or a character outside
 * the BMP counts as U+FFFD (layout refuses such text before drawing). */
double font_text_width(const struct font_metrics *m, const char *s,
		       size_t len, double size);

/* A TrueType font on this machine: DejaVu Sans, else Liberation Sans
 * (bold if bold) into buf. 0, or -1 when none is installed. */
int font_find(int bold, char *buf, size_t size);

/* Forget every font (no caller may hold metrics any more). */
void font_metrics_clear(void);

#endif
