/* feed.h - readers for the six feed formats (SPEC §5.2), all producing
 * the common model of series.h.
 *
 * Readers take a whole body in memory (JSON formats) or stream a file
 * (CSV formats: memory does not grow with file size; rows not matching
 * the filters are dropped while reading).
 *
 * Ownership: the caller owns out (initialised with series_table_init) and
 * releases it; readers only add to it. */
#ifndef EIMON_FEED_H
#define EIMON_FEED_H

#include <stddef.h>
#include <stdio.h>

#include "config.h"
#include "error.h"
#include "series.h"

/* Parse a format name ("nomis-csv"...) into enum feed_format; -1 if none. */
int feed_format_parse(const char *name);

/* Read the file at path as format fmt (enum feed_format). mapping may be
 * NULL for formats that need none. Only observations matching all filters
 * are kept. display is the name used in messages. */
int feed_read_file(int fmt, const char *path, const char *display,
		   const struct config_mapping *mapping,
		   const struct series_filter *f, size_t nf,
		   struct series_table *out, struct eim_error *err);
/* The same over a body in memory (fetched bytes). */
int feed_read_buffer(int fmt, const char *buf, size_t len,
		     const char *display, const struct config_mapping *mapping,
		     const struct series_filter *f, size_t nf,
		     struct series_table *out, struct eim_error *err);

/* `eimon read`: selects are "DIM=CODE" strings. Writes tidy CSV to out:
 * one column per dimension (lower-case id), then period, value, status;
 * sorted by dimensions then period; value empty when missing. */
int feed_read_cli(const char *format, const char *path,
		  const char *const *selects, size_t nselects, FILE *out,
		  struct eim_error *err);

#endif
