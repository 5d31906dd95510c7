/* error.c - the library's error type (see error.h). */
#include "error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "xalloc.h"
#include "banned.h"

/* Control characters in s (C0, DEL, and C1 as UTF-8 C2 80..9F) written as
 * \n, \r, \t or \xHH, truncated to size: messages quote text from
 * feeds, notes and URLs, and a terminal must not take any of it for a
 * command (an escape sequence in a fetched label would otherwise reach
 * the operator's terminal through stderr). */
static void make_printable(char *s, size_t size)
{
	char out[EIM_PATH_MAX + EIM_MSG_MAX + 64];
	size_t i, o = 0;

	if (size > sizeof(out))
		size = sizeof(out);
	for (i = 0; s[i] && o + 1 < size; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[5];
		size_t n;

		if (c == 0xC2 && (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9F) {
			c = (unsigned char)s[++i]; /* C1 control */
			snprintf(esc, sizeof(esc), "\\x%02X", c);
		} else if (c >= 0x20 && c != 0x7F) {
			out[o++] = (char)c;
			continue;
		} else if (c == '\n' || c == '\r' || c == '\t') {
			snprintf(esc, sizeof(esc), "\\%c",
				 c == '\n' ? 'n' : c == '\r' ? 'r' : 't');
		} else {
			snprintf(esc, sizeof(esc), "\\x%02X", c);
		}
		n = strlen(esc);
		if (o + n + 1 > size)
			break;
		memcpy(out + o, esc, n);
		o += n;
	}
	out[o] = '\0';
	memcpy(s, out, o + 1);
}

void eim_error_init(struct eim_error *e)
{
	memset(e, 0, sizeof(*e));
}

int eim_error_vset(struct eim_error *e, enum eim_kind kind, const char *file,
		   int line, int col, const char *fmt, va_list ap)
{
	if (!e || e->kind != EIM_OK)
		return -1;
	e->kind = kind;
	snprintf(e->file, sizeof(e->file), "%s", file ? file : "");
	e->line = line;
	e->col = col;
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	make_printable(e->msg, sizeof(e->msg));
	make_printable(e->file, sizeof(e->file));
	return -1;
}

int eim_error_set(struct eim_error *e, enum eim_kind kind, const char *file,
		  int line, int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	eim_error_vset(e, kind, file, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

void eim_error_format(const struct eim_error *e, char *buf, unsigned size)
{
	if (e->file[0] && e->line > 0 && e->col > 0)
		snprintf(buf, size, "%s:%d:%d: %s", e->file, e->line, e->col,
			 e->msg);
	else if (e->file[0] && e->line > 0)
		snprintf(buf, size, "%s:%d: %s", e->file, e->line, e->msg);
	else if (e->file[0])
		snprintf(buf, size, "%s: %s", e->file, e->msg);
	else
		snprintf(buf, size, "%s", e->msg);
}

int eim_error_exit_code(enum eim_kind kind)
{
	switch (kind) {
	case EIM_OK: return EX_OK;
	case EIM_USAGE: return EX_USAGE;
	case EIM_DATA: return EX_DATAERR;
	case EIM_NOINPUT: return EX_NOINPUT;
	case EIM_UNAVAILABLE: return EX_UNAVAILABLE;
	case EIM_SOFTWARE: return EX_SOFTWARE;
	case EIM_CANTCREAT: return EX_CANTCREAT;
	case EIM_TEMPFAIL: return EX_TEMPFAIL;
	}
	return EX_SOFTWARE;
}

void eim_warn(struct eim_warnings *w, const char *fmt, ...)
{
	va_list ap;
	char buf[EIM_PATH_MAX + EIM_MSG_MAX + 64];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	make_printable(buf, sizeof(buf));
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 8;
		w->items = xreallocarray(w->items, w->cap, sizeof(*w->items));
	}
	w->items[w->n++] = xstrdup(buf);
}

void eim_warnings_release(struct eim_warnings *w)
{
	unsigned i;

	for (i = 0; i < w->n; i++)
		free(w->items[i]);
	free(w->items);
	w->items = NULL;
	w->n = w->cap = 0;
}
