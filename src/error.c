/* error.c - the library's error type (see error.h). */
#include "error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "xalloc.h"
#include "banned.h"

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
