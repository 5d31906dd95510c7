/* fuzz_targets.c - one entry point per parser (see fuzz_targets.h). */
#define _GNU_SOURCE 1
#include "fuzz_targets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "config.h"
#include "csv.h"
#include "error.h"
#include "feed.h"
#include "notes.h"
#include "fmt.h"
#include "period.h"
#include "series.h"
#include "template.h"
#include "yamldoc.h"

/* A memfd holding exactly data[0..size), reused across runs. */
static const char *as_file(const uint8_t *data, size_t size)
{
	static int fd = -1;
	static char path[64];
	size_t off = 0;
	ssize_t w;

	if (fd < 0) {
		fd = memfd_create("eimon-fuzz", 0);
		if (fd < 0)
			abort();
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) || lseek(fd, 0, SEEK_SET) < 0)
		abort();
	while (off < size) {
		w = write(fd, data + off, size - off);
		if (w <= 0)
			abort();
		off += (size_t)w;
	}
	return path;
}

int fuzz_config(const uint8_t *data, size_t size)
{
	struct config *c = NULL;
	struct eim_error err;

	eim_error_init(&err);
	if (config_load(as_file(data, size), &c, &err) == 0) {
		size_t i;
		/* walk what callers walk */
		for (i = 0; i < c->nindicators; i++)
			(void)config_find_feed(c, c->indicators[i].feed
						  ? c->indicators[i].feed : "");
		(void)config_place_name(c, "E08000025");
	}
	config_free(c);
	return 0;
}

int fuzz_template(const uint8_t *data, size_t size)
{
	struct template_def *t = NULL;
	struct eim_error err;

	eim_error_init(&err);
	if (template_load(as_file(data, size), &t, &err) == 0)
		(void)template_theme_title(t, "labour");
	template_free(t);
	return 0;
}

int fuzz_notes(const uint8_t *data, size_t size)
{
	static const char *const themes[] = { "labour", "business", "trade",
					      "investment", "places" };
	struct notes n;
	struct eim_warnings w = { 0 };
	struct eim_error err;
	const struct note **pick = NULL;

	memset(&n, 0, sizeof(n));
	eim_error_init(&err);
	(void)notes_load_file(as_file(data, size), "note.yaml", NULL, themes,
			      5, &n, &w, &err);
	(void)notes_select(&n, 0, 100000, themes, 5, 1, &pick);
	free(pick);
	notes_release(&n);
	eim_warnings_release(&w);
	return 0;
}

int fuzz_edition(const uint8_t *data, size_t size)
{
	struct edition e;
	struct eim_warnings w = { 0 };
	struct eim_error err;
	struct period wk = { PERIOD_WEEK, 2026, 47 };

	memset(&e, 0, sizeof(e));
	eim_error_init(&err);
	(void)edition_load_file(as_file(data, size), "2026-W47.yaml", &e, &w,
				&err);
	(void)edition_issue_number(&e, &wk, "2026-W01", 1, "week");
	edition_release(&e);
	eim_warnings_release(&w);
	return 0;
}

int fuzz_period(const uint8_t *data, size_t size)
{
	struct period p, q;
	char buf[PERIOD_TEXT_MAX], lab[64];

	if (period_parse((const char *)data, size, &p))
		return 0;
	period_format(&p, buf, sizeof(buf));
	fmt_period(lab, sizeof(lab), &p);
	(void)period_start_day(&p);
	(void)period_end_day(&p);
	(void)period_year_ago(p);
	q = period_add(p, 1);
	(void)period_diff(&p, &q);
	/* the canonical form reads back as the same period */
	if (period_parse(buf, strlen(buf), &q) || !period_eq(&p, &q))
		abort();
	return 0;
}

int fuzz_csv(const uint8_t *data, size_t size)
{
	struct csv_reader *r;
	struct csv_field *f;
	size_t n, i;
	struct eim_error err;
	int rc;

	eim_error_init(&err);
	/* a small line cap so that the cap path is exercised */
	r = csv_reader_mem((const char *)data, size, "fuzz.csv", 4096);
	while ((rc = csv_reader_next(r, &f, &n, &err)) == 1) {
		for (i = 0; i < n; i++)
			if (strlen(f[i].p) > f[i].len) /* NUL-terminated */
				abort();
		(void)csv_find_column(f, n, "value");
		(void)csv_reader_line(r);
	}
	csv_reader_free(r);
	return 0;
}

int fuzz_yamldoc(const uint8_t *data, size_t size)
{
	struct ydoc *d = NULL;
	struct eim_error err;

	eim_error_init(&err);
	(void)ydoc_load_buffer((const char *)data, size, "fuzz.yaml", &d, &err);
	ydoc_free(d);
	return 0;
}

/* One mapping for the generic csv and json readers; the seeds in
 * tests/fuzz/seeds/feed_csv and feed_json use these names. */
static char m_records[] = "/records", m_period[] = "period",
	m_geo[] = "geography", m_geo_name[] = "geography_name",
	m_value[] = "value", m_status[] = "status", m_measure[] = "measure",
	m_kind[] = "kind", m_total[] = "total";
static char *m_dims[] = { m_measure };
static struct schema_kv m_filter[] = { { m_kind, m_total } };
static const struct config_mapping fuzz_mapping = {
	m_records, m_period, m_geo, m_geo_name, m_value, m_status, m_dims, 1,
	m_filter, 1, NULL
};

static int feed_run(int fmt, const uint8_t *data, size_t size)
{
	struct series_table t;
	struct series_filter f = { "measure", "1" };
	struct eim_error err;

	series_table_init(&t);
	eim_error_init(&err);
	/* once without and once with a filter: both paths drop/keep rows */
	if (feed_read_buffer(fmt, (const char *)data, size, "fuzz",
			     &fuzz_mapping, NULL, 0, &t, &err) == 0)
		series_table_sort(&t);
	series_table_release(&t);
	series_table_init(&t);
	eim_error_init(&err);
	(void)feed_read_buffer(fmt, (const char *)data, size, "fuzz",
			       &fuzz_mapping, &f, 1, &t, &err);
	series_table_release(&t);
	return 0;
}

/* One entry point a feed format: each is its own fuzzer. */
#define FUZZ_FEED(name, fmt) \
	int name(const uint8_t *data, size_t size) \
	{ \
		return feed_run(fmt, data, size); \
	}

FUZZ_FEED(fuzz_feed_nomis_csv, FEED_NOMIS_CSV)
FUZZ_FEED(fuzz_feed_ons_timeseries, FEED_ONS_TIMESERIES)
FUZZ_FEED(fuzz_feed_ons_observations, FEED_ONS_OBSERVATIONS)
FUZZ_FEED(fuzz_feed_jsonstat, FEED_JSONSTAT)
FUZZ_FEED(fuzz_feed_csv, FEED_CSV)
FUZZ_FEED(fuzz_feed_json, FEED_JSON)

const struct fuzz_target fuzz_targets[] = {
	{ "config", fuzz_config },
	{ "template", fuzz_template },
	{ "notes", fuzz_notes },
	{ "edition", fuzz_edition },
	{ "period", fuzz_period },
	{ "csv", fuzz_csv },
	{ "yamldoc", fuzz_yamldoc },
	{ "feed_nomis_csv", fuzz_feed_nomis_csv },
	{ "feed_ons_timeseries", fuzz_feed_ons_timeseries },
	{ "feed_ons_observations", fuzz_feed_ons_observations },
	{ "feed_jsonstat", fuzz_feed_jsonstat },
	{ "feed_csv", fuzz_feed_csv },
	{ "feed_json", fuzz_feed_json },
	{ NULL, NULL }
};
