/* notes_report.h - internal to the notes module (notes.c, edition.c):
 * hand the problems of one file to the caller in position order. */
#ifndef EIMON_NOTES_REPORT_H
#define EIMON_NOTES_REPORT_H

#include <stddef.h>

#include "error.h"
#include "schema.h"

/* "unknown theme 'x' (did you mean 'y'? the template declares 'a', 'b')"
 * into buf: what a note and `notes new` say of a theme the template does
 * not declare. */
void notes_theme_error(const char *theme, const char *const *themes,
		       size_t nthemes, char *buf, size_t size);

/* Append e, formatted, to problems (may be NULL); copy it to err unless
 * err holds an error already. */
void notes_report_error(struct eim_warnings *problems, struct eim_error *err,
			const struct eim_error *e);
/* A schema context for file name that keeps its problems apart, for
 * notes_report_sorted: every message into mine, the first into first. */
void notes_report_ctx(struct schema_ctx *cx, const char *name,
		      struct eim_error *first, struct eim_warnings *mine);
/* mine holds the formatted messages of file name in the order they were
 * found (schema order); append them to problems sorted by line and column
 * (stable; the first 100, then one line saying how many more), make the
 * first of them err (unless set), and empty mine. */
void notes_report_sorted(const char *name, struct eim_warnings *mine,
			 struct eim_warnings *problems,
			 struct eim_error *err);

#endif
