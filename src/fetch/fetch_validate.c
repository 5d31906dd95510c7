/* fetch_validate.c - the validator the pipeline gives fetch_feeds: a
 * body is good when it parses as its feed's format. Kept apart from
 * fetch.c so that fetching does not pull the feed readers into programs
 * (and tests) that do not need them. */
#include "fetch.h"

#include "feed.h"
#include "series.h"
#include "banned.h"

int fetch_validate_feed(const struct config_feed *f, const char *body,
			size_t len, void *ctx, struct eim_error *err)
{
	struct series_table t;
	int r;

	(void)ctx;
	series_table_init(&t);
	r = feed_read_buffer(f->format, body, len, f->id, &f->mapping, NULL, 0,
			     &t, err);
	series_table_release(&t);
	return r;
}
