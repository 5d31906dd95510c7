/* feed_nomis_pages.c - Nomis paging (see feed.h): Nomis answers a query
 * larger than its page with 200 and the first page only, so the reader
 * that knows the format counts the rows against RECORD_COUNT
 * (feed_nomis_count) and asks for the rest with recordoffset=N, joining
 * the pages into one CSV with one header. http.c only moves bytes. */
#include "feed.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "csv.h"
#include "http.h"
#include "banned.h"

#define NOMIS_MAX_PAGES 1000

char *feed_nomis_page_url(const char *url, long offset)
{
	char num[32];

	snprintf(num, sizeof(num), "%ld", offset);
	return http_url_set_param(url, "recordoffset", num);
}

/* Bytes of page before its first data row: a BOM and the header record
 * as the one CSV reader reads them (a quoted header may hold newlines).
 * The whole page when it has no record after the header or does not
 * read. */
static size_t header_bytes(const char *page, size_t len)
{
	struct csv_reader *r = csv_reader_mem(page, len, "nomis page", 0);
	struct csv_field *f;
	struct eim_error err;
	size_t n, at = len;

	eim_error_init(&err);
	if (csv_reader_next(r, &f, &n, &err) == 1)
		at = csv_reader_offset(r);
	csv_reader_free(r);
	return at;
}

int feed_nomis_append_page(struct strbuf *acc, const char *page, size_t len)
{
	size_t skip;

	if (acc->len == 0)
		return strbuf_add(acc, page, len);
	skip = header_bytes(page, len);
	if (skip >= len)
		return 0;
	if (acc->buf[acc->len - 1] != '\n' && strbuf_addch(acc, '\n'))
		return -1;
	return strbuf_add(acc, page + skip, len - skip);
}

/* feed_nomis_append_page onto the body file of req (first->bytes long). */
static int fd_append_page(const struct http_request *req,
			  struct http_result *first, const char *page,
			  size_t len)
{
	size_t skip = header_bytes(page, len);
	char last = '\n';

	if (skip >= len)
		return 0;
	if (first->bytes + 1 + (len - skip) > first->body.cap)
		return -1;
	if (first->bytes &&
	    pread(req->body_fd, &last, 1, (off_t)first->bytes - 1) != 1)
		return -1;
	if (lseek(req->body_fd, (off_t)first->bytes, SEEK_SET) < 0)
		return -1;
	if (last != '\n') {
		if (atomic_write_all(req->body_fd, "\n", 1))
			return -1;
		first->bytes++;
	}
	if (atomic_write_all(req->body_fd, page + skip, len - skip))
		return -1;
	first->bytes += len - skip;
	return 0;
}

/* first fails with a reason (one line, no URL: http.h). */
static void page_fail(struct http_result *first, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void page_fail(struct http_result *first, const char *fmt, ...)
{
	va_list ap;

	first->outcome = HTTP_FAILED;
	va_start(ap, fmt);
	vsnprintf(first->reason, sizeof(first->reason), fmt, ap);
	va_end(ap);
}

void feed_nomis_fetch_pages(const struct http_request *req,
			    const struct http_options *opt,
			    struct http_result *first)
{
	long rows = 0, total = 0, got, pages = 1;

	if (first->outcome != HTTP_OK)
		return;
	/* not countable: no paging; the reader says what is wrong */
	if (feed_nomis_count(req->to_fd ? req->body_fd : -1, first->body.buf,
			     first->body.len, &rows, &total))
		return;
	while (rows < total && pages < NOMIS_MAX_PAGES) {
		struct http_request pr = *req;
		struct http_result pg;
		struct eim_error err;
		char *url;
		long ptotal = 0;
		int r;

		if (req->deadline_ms && http_now_ms() >= req->deadline_ms) {
			page_fail(first, "deadline reached after %ld of %ld "
				  "records (%ld pages)", rows, total, pages);
			return;
		}
		pr.to_fd = 0; /* a page is held in memory, then appended */
		url = feed_nomis_page_url(req->url, rows);
		eim_error_init(&err);
		pr.url = url;
		pr.etag = pr.last_modified = NULL;
		r = http_fetch_all(&pr, 1, opt, &pg, &err);
		free(url);
		if (r || pg.outcome != HTTP_OK) {
			page_fail(first, "truncated at %ld of %ld records, "
				  "page at recordoffset=%ld failed: %.*s",
				  rows, total, rows,
				  (int)(sizeof(first->reason) / 2),
				  r ? "internal error" : pg.reason);
			http_result_release(&pg);
			return;
		}
		got = 0;
		if (feed_nomis_count(-1, pg.body.buf, pg.body.len, &got,
				     &ptotal) || got <= 0) {
			http_result_release(&pg);
			break;
		}
		if (req->to_fd ? fd_append_page(req, first, pg.body.buf,
						pg.body.len)
			       : feed_nomis_append_page(&first->body,
							pg.body.buf,
							pg.body.len)) {
			page_fail(first, "body larger than %zu bytes (after "
				  "paging)", first->body.cap);
			http_result_release(&pg);
			return;
		}
		http_result_release(&pg);
		rows += got;
		pages++;
	}
	if (rows < total)
		page_fail(first, "truncated: %ld of %ld records", rows, total);
}
