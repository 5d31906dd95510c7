/* error.h - the one error type of the library.
 *
 * Library functions never print. A function that can fail takes a
 * struct eim_error * as its last argument and returns 0 on success, -1 on
 * failure; on failure it has filled the error (the first error wins: a
 * set error is not overwritten, so low-level detail survives). main turns
 * the kind into an exit code (sysexits.h) and prints
 * "eimon: FILE:LINE:COL: message" (position parts only when known).
 *
 * Messages are lower case, no full stop, subject in quotes
 * ("unknown key 'feds' (did you mean 'feeds'?)"). */
#ifndef EIMON_ERROR_H
#define EIMON_ERROR_H

#include <stdarg.h>

enum eim_kind {
	EIM_OK = 0,
	EIM_USAGE,       /* 64: bad command line */
	EIM_DATA,        /* 65: bad config, template, notes, feed content */
	EIM_NOINPUT,     /* 66: an input file is missing */
	EIM_UNAVAILABLE, /* 69: a required feed unavailable, no usable cache */
	EIM_SOFTWARE,    /* 70: internal error */
	EIM_CANTCREAT,   /* 73: cannot create output */
	EIM_TEMPFAIL     /* 75: another build holds the lock */
};

#define EIM_PATH_MAX 512
#define EIM_MSG_MAX 1024

struct eim_error {
	enum eim_kind kind;
	char file[EIM_PATH_MAX]; /* "" when no file is involved */
	int line;                /* 1-based; 0 when unknown */
	int col;                 /* 1-based; 0 when unknown */
	char msg[EIM_MSG_MAX];
};

void eim_error_init(struct eim_error *e);
/* Record an error unless one is recorded already. file may be NULL.
 * Always returns -1 so that callers can write `return eim_error_set(...)`.
 * Control characters in the message and file name (and in warnings) are
 * written as \n, \r, \t or \xHH: messages quote input text. */
int eim_error_set(struct eim_error *e, enum eim_kind kind, const char *file,
		  int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
int eim_error_vset(struct eim_error *e, enum eim_kind kind, const char *file,
		   int line, int col, const char *fmt, va_list ap)
	__attribute__((format(printf, 6, 0)));
/* "FILE:LINE:COL: msg", "FILE: msg" or "msg" into buf. */
void eim_error_format(const struct eim_error *e, char *buf, unsigned size);
int eim_error_exit_code(enum eim_kind kind);

/* Warnings: non-fatal messages collected for main to print (unless -q).
 * The list owns its strings. */
struct eim_warnings {
	char **items;
	unsigned n, cap;
};
void eim_warn(struct eim_warnings *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void eim_warnings_release(struct eim_warnings *w);

#endif
