/* csv.h - one streaming RFC 4180 reader for every CSV feed.
 *
 * The reader fills its buffer one block (256 KiB: small enough to stay in
 * the CPU cache while it is parsed) at a time from a file descriptor,
 * a FILE* or a memory body and hands out one record at a time as slices
 * into that buffer: no allocation per field, memory bounded by the block
 * size plus the line cap whatever the file size. Quoted fields lose their
 * quotes; only a field holding "" is rewritten (in place). Every field is
 * NUL-terminated in place, so strtod can read it directly. A UTF-8 BOM is
 * skipped, LF and CRLF both end records, blank lines are skipped, a final
 * record without a newline is read.
 *
 * Ownership: the reader owns its buffer; fields returned by
 * csv_reader_next stay valid until the next call. The reader never closes
 * the fd/FILE it was given. */
#ifndef EIMON_CSV_H
#define EIMON_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"

#define CSV_BLOCK ((size_t)1 << 18) /* 256 KiB */
#define CSV_LINE_MAX_DEFAULT ((size_t)1 << 20)

struct csv_field {
	char *p;     /* NUL-terminated at p[len] */
	size_t len;
};

struct csv_reader;

/* display names the input in messages; max_line caps one record in
 * bytes (0: CSV_LINE_MAX_DEFAULT). */
struct csv_reader *csv_reader_fd(int fd, const char *display,
				 size_t max_line);
struct csv_reader *csv_reader_file(FILE *f, const char *display,
				   size_t max_line);
/* The body is copied block by block; it need not be NUL-terminated. */
struct csv_reader *csv_reader_mem(const char *buf, size_t len,
				  const char *display, size_t max_line);
void csv_reader_free(struct csv_reader *r);

/* Next record: 1 with *fields and *n set, 0 at end of input, -1 on error
 * (err set with file:line:col). */
int csv_reader_next(struct csv_reader *r, struct csv_field **fields,
		    size_t *n, struct eim_error *err);
/* Lazy mode (for filtering before anything else): csv_reader_next
 * leaves fields as raw slices, neither NUL-terminated nor undoubled,
 * until csv_field_finish (one field) or csv_record_finish (all) is
 * called on the current record. Raw bytes equal the final text except
 * in fields holding "". */
void csv_reader_lazy(struct csv_reader *r, int on);
char *csv_field_finish(struct csv_reader *r, size_t i);
void csv_record_finish(struct csv_reader *r);
/* Filtering on raw bytes: skip whole records that cannot hold a field
 * equal to needle, so they are never split into fields. A record is
 * skipped when its raw bytes lack the needle, it has no newline inside
 * quotes and, when expect is not 0, it has expect fields (else the parser
 * is left to report it). Stops before the first record it does not skip
 * (read it with csv_reader_next) or at the end of input. each (may be
 * NULL) sees every skipped record's raw bytes (blank lines are not
 * records). A needle holding '"' or empty skips nothing. 0, or -1 on a
 * read error (err set). */
int csv_reader_skip_without(struct csv_reader *r, const char *needle,
			    size_t nlen, size_t expect,
			    void (*each)(void *ctx, const char *rec,
					 size_t len),
			    void *ctx, struct eim_error *err);
/* Byte offset in the input (a BOM included) just after the last record
 * returned and its newline: where the rest of the input starts. */
size_t csv_reader_offset(const struct csv_reader *r);
/* 1-based line where the last record returned starts. */
long csv_reader_line(const struct csv_reader *r);
/* Line and column (1-based; the column counts bytes) of p, a byte of a
 * field of the last record returned (inside its quotes for a quoted
 * field): where a message about that field points. */
void csv_reader_where(const struct csv_reader *r, const char *p, int *line,
		      int *col);
const char *csv_reader_name(const struct csv_reader *r);

/* Index of the column called name (case-insensitive, surrounding spaces
 * ignored), or -1. */
int csv_find_column(const struct csv_field *header, size_t n,
		    const char *name);
/* Field equals s exactly. */
int csv_field_eq(const struct csv_field *f, const char *s);

#endif
