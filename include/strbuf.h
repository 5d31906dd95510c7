/* strbuf.h - a growable string with a size cap (after git's strbuf and
 * curl's dynbuf).
 *
 * Invariants: buf is never NULL after strbuf_init (it points at a static
 * empty string until the first append), the contents are always
 * NUL-terminated, len excludes the NUL. Every append checks the cap: an
 * append that would make len exceed cap fails with -1 and leaves the
 * buffer as it was. The failure is sticky: `failed` stays set and every
 * later append fails too, so the contents are always a whole prefix of
 * what was asked and a builder may make many appends and test `failed`
 * once at the end instead of each result (no silent truncation).
 * strbuf_reset empties the buffer but keeps the failure (a builder that
 * reuses one strbuf for many texts still tests once, at its end); only
 * strbuf_init, strbuf_release and strbuf_detach clear it.
 * strbuf_check turns the failure into an error for the producer's end.
 * cap 0 means STRBUF_DEFAULT_CAP.
 *
 * Ownership: the strbuf owns buf. strbuf_detach hands it to the caller
 * (free() it) and re-initialises the strbuf. strbuf_release frees it. */
#ifndef EIMON_STRBUF_H
#define EIMON_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

#include "error.h"

#define STRBUF_DEFAULT_CAP ((size_t)64 << 20) /* 64 MiB */

struct strbuf {
	char *buf;
	size_t len;
	size_t alloc;
	size_t cap;
	int failed;  /* an append failed (sticky until init/release/detach) */
};

extern char strbuf_empty[];
#define STRBUF_INIT { strbuf_empty, 0, 0, 0, 0 }

void strbuf_init(struct strbuf *sb, size_t cap);
void strbuf_release(struct strbuf *sb);
char *strbuf_detach(struct strbuf *sb, size_t *len);
void strbuf_reset(struct strbuf *sb);
/* 0, or -1 with err (EIM_DATA: "WHAT is larger than N bytes, the size
 * cap; nothing was written") when an append to sb failed. The one check
 * a producer makes at its end before it hands its text on. */
int strbuf_check(const struct strbuf *sb, const char *what,
		 struct eim_error *err);

int strbuf_add(struct strbuf *sb, const void *data, size_t n);
int strbuf_adds(struct strbuf *sb, const char *s);
int strbuf_addch(struct strbuf *sb, int c);
int strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Append the n bytes of data in base64 (RFC 4648, padded, no breaks). */
int strbuf_add_base64(struct strbuf *sb, const void *data, size_t n);
/* Append s with CSV quoting when needed (RFC 4180). */
int strbuf_add_csv(struct strbuf *sb, const char *s);
/* Append s as a JSON string literal, quotes included. */
int strbuf_add_json(struct strbuf *sb, const char *s);
/* Append v as the shortest of %.15g to %.17g that reads back as v (the
 * form of machine files: full precision, ASCII '-'). */
int strbuf_add_double(struct strbuf *sb, double v);

#endif
