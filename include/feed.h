/* feed.h - readers for the six feed formats (SPEC §5.2), all producing
 * the common model of series.h.
 *
 * Readers take a whole body in memory (JSON formats) or stream a file
 * (CSV formats: memory does not grow with file size; rows not matching
 * the filters are dropped while reading).
 *
 * Filters come before values: a Nomis row or a JSON-stat cell the filters
 * reject is skipped without reading its value, so a malformed value there
 * is no error (the row or cell would not be used).
 *
 * Generic csv/json without a mapping (eimon read, or mapping fields
 * left NULL) use these defaults, the first name present winning (names
 * case-insensitive; for json the keys of the records):
 *   records        json: the root array, else the first array of
 *                  objects under the root (depth first, 3 levels)
 *   period         period, date, time, month, quarter, year, week,
 *                  iso_week
 *   geography      geography_code, geography, geo, area_code, areacode,
 *                  lad_code, la_code, region_code, area, code
 *   geography_name geography_name, area_name, lad_name, la_name,
 *                  region_name, name
 *   value          value, obs_value, observation, count
 *   status         status, obs_status, flag, marking
 * and every other column (or scalar key) becomes a dimension named after
 * it (lower case). Values "..", ":", "-", "x", "[x]", "[c]"... are
 * missing, with the marker as status when there is no status.
 * With mapping->geography_fixed set, formats whose source has no
 * geography dimension (ons-timeseries, ons-observations, jsonstat, csv,
 * json) get one, with that code, as their first dimension.
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
#include "strbuf.h"

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

/* Which observations a caller keeps (a build: those some indicator of
 * the feed selects, for a geography the bulletin shows): 1 keep, 0 drop.
 * Called with the observation's dimensions set, before its value is
 * read. */
typedef int (*feed_keep_fn)(const struct series_table *t,
			    const struct series_obs *o, void *ctx);

/* What a build reads: from descriptor fd (at its start; CSV formats
 * stream, so memory is bounded by the observations kept, not the file)
 * or, when fd < 0, from buf/len; only observations keep accepts (NULL:
 * all) are added. Then the kept observations must be unique (two for
 * the same dimensions and period: EIM_DATA, see
 * series_table_check_unique); out is left sorted. */
int feed_read_kept(int fmt, int fd, const char *buf, size_t len,
		   const char *display, const struct config_mapping *mapping,
		   feed_keep_fn keep, void *keep_ctx,
		   struct series_table *out, struct eim_error *err);

/* `eimon read`: selects are "DIM=CODE" strings. Writes tidy CSV to out:
 * one column per dimension (lower-case id), then period, value, status;
 * sorted by dimensions then period; value empty when missing. */
int feed_read_cli(const char *format, const char *path,
		  const char *const *selects, size_t nselects, FILE *out,
		  struct eim_error *err);

/* Shortest text that reads back as exactly v ("13090", "4.7", "0.5");
 * -0 prints as "0". 32 bytes are enough. */
void feed_format_value(double v, char *buf, size_t size);

/* ---- Nomis paging (feed_nomis.c, feed_nomis_pages.c) ----------------
 * Nomis answers a query larger than its page with 200 and a silently
 * truncated body; the reader of the format finds out and fetches the
 * rest. */

/* Count the data rows of a nomis-csv body and read RECORD_COUNT (total
 * records the query matched) plus RECORD_OFFSET of the first row, so
 * *total is what this body must hold: RECORD_COUNT - first offset. 0, or
 * -1 when the body is not a Nomis CSV with those columns or either number
 * is not a whole number (junk is never a count of 0: the reader then
 * reports it at its line and column). The body is the file fd (read from
 * its start, streamed) when fd >= 0, else body/len. A body with fewer
 * rows than *total was truncated by Nomis; feed_read_* reject it. */
int feed_nomis_count(int fd, const char *body, size_t len, long *rows,
		     long *total);

struct http_request;
struct http_options;
struct http_result;
/* Given the first answer of req (outcome HTTP_OK), count its rows; while
 * rows so far < RECORD_COUNT, fetch feed_nomis_page_url(req->url, rows so
 * far) and append it with feed_nomis_append_page, so that first->body (or
 * req's body file with req->to_fd) becomes the whole CSV. Stops when
 * RECORD_COUNT is reached or a page brings no row. A failed page, a body
 * over its cap or rows still short fail first (HTTP_FAILED, a reason
 * naming the offset); at most 1000 pages, none started after
 * req->deadline_ms ("deadline reached after N of M records"). A body that
 * cannot be counted is left as it is, for the reader to reject. */
void feed_nomis_fetch_pages(const struct http_request *req,
			    const struct http_options *opt,
			    struct http_result *first);
/* url with recordoffset=offset. Caller frees. */
char *feed_nomis_page_url(const char *url, long offset);
/* Append one CSV page to acc. When acc is not empty the page's header
 * record (and a UTF-8 BOM) is skipped, so pages concatenate into one CSV
 * with a single header; a missing final newline in acc is added first.
 * -1 when the result would pass acc's cap. */
int feed_nomis_append_page(struct strbuf *acc, const char *page, size_t len);

#endif
