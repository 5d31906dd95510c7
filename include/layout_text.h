/* layout_text.h - measured, codepoint-aware word wrap for UTF-8 text
 * made of styled spans, independent of the PDF library (the width of a
 * piece of text comes from a callback) so that it can be unit tested.
 *
 * Words are separated by spaces; '\n' forces a line break. A word wider
 * than the line is broken between codepoints (never inside a UTF-8
 * sequence) unless TEXT_NO_BREAK_WORDS is given, in which case it is an
 * error. Nothing is ever cut.
 *
 * Ownership: a text_layout owns its arrays (text_layout_release frees
 * them); fragments point into the caller's spans by index and offset. */
#ifndef EIMON_LAYOUT_TEXT_H
#define EIMON_LAYOUT_TEXT_H

#include <stddef.h>

/* Width in points of s[0..len) in font (an index the caller defines). */
typedef double (*text_measure_fn)(int font, const char *s, size_t len,
				  void *ctx);

struct text_span {
	const char *s;
	size_t len;
	int font;
};

struct text_frag {      /* a piece of one span on one line */
	size_t span;
	size_t start, len;  /* bytes of spans[span].s */
	double x, width;    /* from the line start */
};

struct text_line {
	size_t first, nfrags; /* into frags */
	double width;
};

struct text_layout {
	struct text_frag *frags;
	size_t nfrags, fcap;
	struct text_line *lines;
	size_t nlines, lcap;
	/* on failure: the word that could not be placed (span, bytes) */
	size_t bad_span, bad_start, bad_len;
};

enum text_wrap_flags {
	TEXT_NO_BREAK_WORDS = 1 << 0
};

void text_layout_init(struct text_layout *l);
void text_layout_release(struct text_layout *l);

/* Lay spans out in lines at most width wide (replaces l's contents).
 * Returns 0, or -1 when a word (TEXT_NO_BREAK_WORDS) or a single
 * character is wider than the line: bad_* then names it. */
int text_wrap_spans(struct text_layout *l, const struct text_span *spans,
		    size_t nspans, double width, unsigned flags,
		    text_measure_fn measure, void *ctx);
/* One plain string in font 0. */
int text_wrap(struct text_layout *l, const char *s, double width,
	      unsigned flags, text_measure_fn measure, void *ctx);

/* Length of the UTF-8 sequence starting at s (1 for invalid bytes). */
size_t text_utf8_len(const char *s, size_t avail);

#endif
