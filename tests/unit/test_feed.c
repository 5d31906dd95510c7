/* test_feed.c - every feed reader on small inline bodies. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <math.h>

#include "feed.h"
#include "jsonptr.h"

/* mapping strings are char * (owned by config): literals need a cast */
#define S(x) ((char *)(x))

/* Read body as fmt, sort, render as "dims;period;value;status" lines. */
static int render(int fmt, const char *body, const struct config_mapping *m,
		  const struct series_filter *f, size_t nf, char *out,
		  size_t size, struct eim_error *err)
{
	struct series_table t;
	size_t i, d, o = 0;
	int rc;

	series_table_init(&t);
	eim_error_init(err);
	out[0] = '\0';
	rc = feed_read_buffer(fmt, body, strlen(body), "in", m, f, nf, &t, err);
	if (rc == 0) {
		series_table_sort(&t);
		for (d = 0; d < t.ndims; d++)
			o += (size_t)snprintf(out + o, size - o, "%s,",
					      t.dim_ids[d]);
		o += (size_t)snprintf(out + o, size - o, "\n");
		for (i = 0; i < t.n; i++) {
			char p[PERIOD_TEXT_MAX], v[40] = "";
			for (d = 0; d < t.ndims; d++)
				o += (size_t)snprintf(out + o, size - o, "%s,",
						      t.obs[i].codes[d]);
			period_format(&t.obs[i].period, p, sizeof(p));
			if (t.obs[i].has_value)
				feed_format_value(t.obs[i].value, v, sizeof(v));
			o += (size_t)snprintf(out + o, size - o, "%s;%s;%s\n",
					      p, v, t.obs[i].status);
		}
	}
	series_table_release(&t);
	return rc;
}

static const char nomis_body[] =
	"\xEF\xBB\xBF\"DATE\",\"DATE_NAME\",\"GEOGRAPHY\",\"GEOGRAPHY_NAME\","
	"\"GEOGRAPHY_CODE\",\"ITEM\",\"ITEM_NAME\",\"OBS_VALUE\",\"OBS_STATUS\","
	"\"OBS_STATUS_NAME\",\"RECORD_OFFSET\",\"RECORD_COUNT\"\r\n"
	"\"2025\",\"2025\",\"1\",\"Birmingham\",\"E08000025\",\"2\","
	"\"Outcome, ASC \",1.2e3,\"A\",\"Normal Value\",0,3\r\n"
	"\"2025\",\"2025\",\"2\",\"Coventry\",\"E08000026\",\"2\","
	"\"Outcome, ASC \",,\"Q\",\"These figures are missing.\",1,3\r\n"
	"\"2024\",\"2024\",\"1\",\"Birmingham\",\"E08000025\",\"2\","
	"\"Outcome, ASC \",7,\"A\",\"Normal Value\",2,3";

static void test_nomis(void **state)
{
	char out[1024];
	struct eim_error err;
	struct series_filter f[2] = { { "geography", "Coventry" },
				      { "item", "Outcome, ASC" } };
	long rows, total;
	(void)state;

	assert_int_equal(render(FEED_NOMIS_CSV, nomis_body, NULL, NULL, 0, out,
				sizeof(out), &err), 0);
	assert_string_equal(out, "geography,item,\n"
				 "E08000025,2,2024;7;A\n"
				 "E08000025,2,2025;1200;A\n"
				 "E08000026,2,2025;;Q\n");
	/* filters by label (trimmed) on raw fields */
	assert_int_equal(render(FEED_NOMIS_CSV, nomis_body, NULL, f, 2, out,
				sizeof(out), &err), 0);
	assert_string_equal(out, "geography,item,\nE08000026,2,2025;;Q\n");

	assert_int_equal(feed_nomis_count(-1, nomis_body, sizeof(nomis_body) - 1,
					  &rows, &total), 0);
	assert_int_equal(rows, 3);
	assert_int_equal(total, 3);
	assert_int_equal(feed_nomis_count(-1, "a,b\n1,2\n", 8, &rows, &total),
			 -1);
}

/* The select= variant: only the columns asked for, no X or X_CODE for
 * most dimensions (then the name is the code), no OBS_STATUS. */
static void test_nomis_select_variant(void **state)
{
	char out[512];
	struct eim_error err;
	(void)state;

	assert_int_equal(render(FEED_NOMIS_CSV,
		"\"DATE_NAME\",\"GEOGRAPHY_NAME\",\"GEOGRAPHY_CODE\",\"MEASURES_NAME\","
		"\"SEX_NAME\",\"OBS_VALUE\",\"OBS_STATUS_NAME\"\n"
		"\"January 2018\",\"City of London\",\"E09000001\","
		"\"Persons claiming JSA\",\"Total\",25,\"Normal Value\"\n",
		NULL, NULL, 0, out, sizeof(out), &err), 0);
	assert_string_equal(out, "geography,measures,sex,\n"
				 "E09000001,Persons claiming JSA,Total,2018-01;25;\n");
}

static void test_nomis_errors(void **state)
{
	char out[1024], body[2048];
	struct eim_error err;
	struct series_filter f = { "sex", "1" };
	char *cut;
	(void)state;

	/* truncated: two rows of RECORD_COUNT 3 */
	snprintf(body, sizeof(body), "%s", nomis_body);
	cut = strrchr(body, '\n');
	*cut = '\0';
	assert_int_equal(render(FEED_NOMIS_CSV, body, NULL, NULL, 0, out,
				sizeof(out), &err), -1);
	assert_non_null(strstr(err.msg, "truncated Nomis response: 2 of 3"));

	assert_int_equal(render(FEED_NOMIS_CSV, nomis_body, NULL, &f, 1, out,
				sizeof(out), &err), -1);
	assert_non_null(strstr(err.msg, "unknown dimension 'sex'"));

	assert_int_equal(render(FEED_NOMIS_CSV, "\"A\",\"B\"\n1,2\n", NULL,
				NULL, 0, out, sizeof(out), &err), -1);
	assert_non_null(strstr(err.msg, "OBS_VALUE"));
}

static void test_values(void **state)
{
	static const char *const bad[] = { "NaN", "nan", "Infinity", "-inf",
					   "1e999", "0x10", "12abc", "1,5" };
	char out[1024], body[512];
	struct eim_error err;
	size_t i;
	(void)state;

	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		snprintf(body, sizeof(body),
			 "period,value\n2026-01,\"%s\"\n", bad[i]);
		if (render(FEED_CSV, body, NULL, NULL, 0, out, sizeof(out),
			   &err) != -1)
			fail_msg("'%s' accepted", bad[i]);
		assert_int_equal(err.line, 2);
		assert_non_null(strstr(err.msg, bad[i]));
	}
	assert_non_null(strstr(err.msg, "not a number"));
	snprintf(body, sizeof(body), "period,value\n2026-01,1e999\n");
	assert_int_equal(render(FEED_CSV, body, NULL, NULL, 0, out, sizeof(out),
				&err), -1);
	assert_non_null(strstr(err.msg, "out of range"));

	/* JSON numbers too big for a double */
	assert_int_equal(render(FEED_JSONSTAT,
		"{\"id\":[\"year\"],\"size\":[1],\"value\":[1e999],"
		"\"dimension\":{\"year\":{\"category\":{\"index\":[\"2024\"]}}}}",
		NULL, NULL, 0, out, sizeof(out), &err), -1);
	assert_non_null(strstr(err.msg, "out of range"));
	assert_int_equal(render(FEED_JSON, "[{\"period\":\"2024\",\"value\":-1e400}]",
				NULL, NULL, 0, out, sizeof(out), &err), -1);
	assert_int_equal(render(FEED_ONS_TIMESERIES,
				"{\"years\":[{\"date\":\"2024\",\"value\":\"Infinity\"}]}",
				NULL, NULL, 0, out, sizeof(out), &err), -1);
	assert_non_null(strstr(err.msg, "'Infinity' is not a number"));

	/* A feed's "-0" is read as +0: raw series values reach files that
	 * print with %g and no -0 guard (a chart's rows in the HTML
	 * edition's data CSV, via strbuf_add_double), where it would be
	 * written "-0". */
	{
		static const char *const zeros[] = {
			"period,value\n2026-01,-0\n2026-02,-0.0\n"
			"2026-03,\"-0e5\"\n",
			"[{\"period\":\"2026-01\",\"value\":-0},"
			"{\"period\":\"2026-02\",\"value\":-0.0}]",
		};
		static const int fmts[] = { FEED_CSV, FEED_JSON };
		struct series_table t;
		size_t k, n = 0;

		for (k = 0; k < 2; k++) {
			series_table_init(&t);
			eim_error_init(&err);
			assert_int_equal(feed_read_buffer(fmts[k], zeros[k],
							  strlen(zeros[k]), "in",
							  NULL, NULL, 0, &t,
							  &err), 0);
			assert_int_equal(t.n, k ? 2 : 3);
			for (i = 0; i < t.n; i++, n++) {
				assert_true(t.obs[i].has_value);
				assert_true(t.obs[i].value == 0.0);
				if (signbit(t.obs[i].value))
					fail_msg("format %zu row %zu kept -0", k,
						 i);
			}
			series_table_release(&t);
		}
		assert_int_equal(n, 5);
	}

	/* shortest round-trip text */
	feed_format_value(13090, out, sizeof(out));
	assert_string_equal(out, "13090");
	feed_format_value(4.7, out, sizeof(out));
	assert_string_equal(out, "4.7");
	feed_format_value(0.1 + 0.2, out, sizeof(out));
	assert_string_equal(out, "0.30000000000000004");
	feed_format_value(-0.0, out, sizeof(out));
	assert_string_equal(out, "0");
	feed_format_value(1234567, out, sizeof(out));
	assert_string_equal(out, "1234567");
	feed_format_value(0.00001234, out, sizeof(out));
	assert_string_equal(out, "0.00001234");
	feed_format_value(8.275155581, out, sizeof(out));
	assert_string_equal(out, "8.275155581");
}

static const char ts_body[] =
	"{\"years\":[],\"quarters\":[{\"date\":\"2024 Q1\",\"value\":\"0.7\"},"
	"{\"date\":\"2024 Q2\",\"value\":\"-0.0\"}],"
	"\"months\":[{\"date\":\"2025 DEC\",\"value\":\"5.2\",\"label\":\"2025 NOV-JAN\"},"
	"{\"date\":\"2026 JAN\",\"value\":\"\"},"
	"{\"date\":\"2026 APR\",\"value\":\"5.0\"}],"
	"\"description\":{\"title\":\"Unemployment rate   \",\"cdid\":\"MGSX\","
	"\"unit\":\"%\",\"releaseDate\":\"2026-05-13T00:00:00.000Z\","
	"\"sampleSize\":0}}";

static void test_ons_timeseries(void **state)
{
	char out[1024];
	struct eim_error err;
	struct config_mapping m;
	struct series_table t;
	(void)state;

	assert_int_equal(render(FEED_ONS_TIMESERIES, ts_body, NULL, NULL, 0, out,
				sizeof(out), &err), 0);
	assert_string_equal(out, "cdid,\n"
				 "MGSX,2024-Q1;0.7;\n"
				 "MGSX,2024-Q2;0;\n"
				 "MGSX,2025-12;5.2;\n"
				 "MGSX,2026-01;;\n"
				 "MGSX,2026-04;5;\n");
	memset(&m, 0, sizeof(m));
	m.geography_fixed = S("K02000001");
	assert_int_equal(render(FEED_ONS_TIMESERIES, ts_body, &m, NULL, 0, out,
				sizeof(out), &err), 0);
	assert_non_null(strstr(out, "geography,cdid,\nK02000001,MGSX,2024-Q1;0.7;\n"));

	series_table_init(&t);
	eim_error_init(&err);
	assert_int_equal(feed_read_buffer(FEED_ONS_TIMESERIES, ts_body,
					  strlen(ts_body), "in", NULL, NULL, 0,
					  &t, &err), 0);
	assert_string_equal(t.title, "Unemployment rate");
	assert_string_equal(t.unit, "%");
	assert_string_equal(t.obs[0].labels[0], "Unemployment rate");
	/* the release date decides the edition cut-off (series_in_edition):
	 * Q2 2026 had begun by 1 June and was published on 13 May */
	assert_string_equal(t.published, "2026-05-13");
	{
		struct period q2 = { PERIOD_QUARTER, 2026, 2 };
		struct period june = { PERIOD_DAY, 2026, 0 };
		long d;

		assert_int_equal(period_parse("2026-06-01", 10, &june), 0);
		d = period_start_day(&june);
		assert_true(series_in_edition(&t, &q2, d));
		assert_false(series_in_edition(&t, &q2, d - 20)); /* 12 May */
		t.published[0] = '\0';   /* unknown: only ended periods */
		assert_false(series_in_edition(&t, &q2, d));
		assert_true(series_in_edition(&t, &q2, d + 29)); /* 30 June */
	}
	series_table_release(&t);

	assert_int_equal(render(FEED_ONS_TIMESERIES,
				"{\"months\":[{\"date\":\"2026 XYZ\",\"value\":\"1\"}]}",
				NULL, NULL, 0, out, sizeof(out), &err), -1);
	assert_non_null(strstr(err.msg, "'2026 XYZ'"));
}

static const char obs_body[] =
	"{\"dimensions\":{\"aggregate\":{\"option\":{\"id\":\"cpih1dim1A0\"}},"
	"\"geography\":{\"option\":{\"id\":\"K02000001\"}}},"
	"\"observations\":["
	"{\"dimensions\":{\"time\":{\"id\":\"Month\",\"label\":\"Sep-16\"}},\"observation\":\"101.5\"},"
	"{\"dimensions\":{\"time\":{\"id\":\"Month\",\"label\":\"Sep-15\"}},\"observation\":\"100.2\"},"
	"{\"dimensions\":{\"time\":{\"id\":\"Month\",\"label\":\"Jan-17\"}},\"observation\":\"\"}],"
	"\"offset\":0,\"total_observations\":3,\"unit_of_measure\":\"Index: 2015=100\"}";

static void test_ons_observations(void **state)
{
	char out[1024], body[1024];
	struct eim_error err;
	char *p;
	(void)state;

	assert_int_equal(render(FEED_ONS_OBSERVATIONS, obs_body, NULL, NULL, 0,
				out, sizeof(out), &err), 0);
	assert_string_equal(out, "aggregate,geography,\n"
				 "cpih1dim1A0,K02000001,2015-09;100.2;\n"
				 "cpih1dim1A0,K02000001,2016-09;101.5;\n"
				 "cpih1dim1A0,K02000001,2017-01;;\n");
	snprintf(body, sizeof(body), "%s", obs_body);
	p = strstr(body, "\"total_observations\":3");
	p[21] = '9';
	assert_int_equal(render(FEED_ONS_OBSERVATIONS, body, NULL, NULL, 0, out,
				sizeof(out), &err), -1);
	assert_non_null(strstr(err.msg, "truncated ONS response: 3 of 9"));
}

/* 2 areas x 3 years; sparse value and status objects, index as array
 * for one dimension and object for the other; "concept" single category
 * without index. */
static const char js_sparse[] =
	"{\"version\":\"2.0\",\"class\":\"dataset\",\"label\":\"t\","
	"\"id\":[\"concept\",\"area\",\"year\"],\"size\":[1,2,3],"
	"\"role\":{\"time\":[\"year\"],\"geo\":[\"area\"]},"
	"\"value\":{\"0\":1.5,\"2\":3,\"4\":4.25,\"5\":null},"
	"\"status\":{\"2\":\"e\",\"4\":\"p\"},"
	"\"dimension\":{"
	"\"concept\":{\"category\":{\"label\":{\"UNR\":\"rate\"}}},"
	"\"area\":{\"category\":{\"index\":[\"E08000025\",\"E08000026\"],"
	"\"label\":{\"E08000025\":\"Birmingham\"}}},"
	"\"year\":{\"category\":{\"index\":{\"2024\":1,\"2023\":0,\"2025\":2}}}}}";

static void test_jsonstat(void **state)
{
	char out[1024];
	struct eim_error err;
	struct series_filter f = { "area", "Birmingham" };
	(void)state;

	assert_int_equal(render(FEED_JSONSTAT, js_sparse, NULL, NULL, 0, out,
				sizeof(out), &err), 0);
	assert_string_equal(out, "concept,area,\n"
				 "UNR,E08000025,2023;1.5;\n"
				 "UNR,E08000025,2024;;\n"
				 "UNR,E08000025,2025;3;e\n"
				 "UNR,E08000026,2023;;\n"
				 "UNR,E08000026,2024;4.25;p\n"
				 "UNR,E08000026,2025;;\n");
	assert_int_equal(render(FEED_JSONSTAT, js_sparse, NULL, &f, 1, out,
				sizeof(out), &err), 0);
	assert_string_equal(out, "concept,area,\n"
				 "UNR,E08000025,2023;1.5;\n"
				 "UNR,E08000025,2024;;\n"
				 "UNR,E08000025,2025;3;e\n");
}

/* "updated" is the date the dataset was published. */
static void test_jsonstat_updated(void **state)
{
	struct series_table t;
	struct eim_error err;
	char body[sizeof(js_sparse) + 64];
	(void)state;

	snprintf(body, sizeof(body), "{\"updated\":\"2026-09-24\",%s",
		 js_sparse + 1);
	series_table_init(&t);
	eim_error_init(&err);
	assert_int_equal(feed_read_buffer(FEED_JSONSTAT, body, strlen(body),
					  "in", NULL, NULL, 0, &t, &err), 0);
	assert_string_equal(t.published, "2026-09-24");
	series_table_release(&t);
}

static void test_jsonstat_arrays(void **state)
{
	char out[1024];
	struct eim_error err;
	(void)state;

	/* dense value with null, status array, time found by id "time" */
	assert_int_equal(render(FEED_JSONSTAT,
		"{\"version\":\"2.0\",\"class\":\"dataset\","
		"\"id\":[\"time\",\"sex\"],\"size\":[2,2],"
		"\"value\":[1,2,null,4],\"status\":[\"a\",\"\",\"b\",null],"
		"\"dimension\":{\"time\":{\"category\":{\"index\":[\"2026-01\",\"2026-02\"]}},"
		"\"sex\":{\"category\":{\"index\":[\"F\",\"M\"]}}}}",
		NULL, NULL, 0, out, sizeof(out), &err), 0);
	assert_string_equal(out, "sex,\nF,2026-01;1;a\nF,2026-02;;b\n"
				 "M,2026-01;2;\nM,2026-02;4;\n");
	/* status as one string for every cell */
	assert_int_equal(render(FEED_JSONSTAT,
		"{\"id\":[\"year\"],\"size\":[2],\"value\":[5,6],\"status\":\"p\","
		"\"dimension\":{\"year\":{\"category\":{\"index\":[\"2024\",\"2025\"]}}}}",
		NULL, NULL, 0, out, sizeof(out), &err), 0);
	assert_string_equal(out, "\n2024;5;p\n2025;6;p\n");
	/* value array of the wrong length */
	assert_int_equal(render(FEED_JSONSTAT,
		"{\"id\":[\"year\"],\"size\":[2],\"value\":[5],"
		"\"dimension\":{\"year\":{\"category\":{\"index\":[\"2024\",\"2025\"]}}}}",
		NULL, NULL, 0, out, sizeof(out), &err), -1);
	assert_non_null(strstr(err.msg, "'value' has 1 entries, the cube 2"));
	/* no time dimension */
	assert_int_equal(render(FEED_JSONSTAT,
		"{\"id\":[\"a\"],\"size\":[1],\"value\":[5],"
		"\"dimension\":{\"a\":{\"category\":{\"index\":[\"x\"]}}}}",
		NULL, NULL, 0, out, sizeof(out), &err), -1);
	assert_non_null(strstr(err.msg, "no time dimension"));
}

/* Filters are decided per category before a cell is built: by code or
 * label (trimmed, as feed_set_dim stores them), on several dimensions;
 * a rejected cell is never read (its bad value is no error), a kept one
 * is. */
static void test_jsonstat_filters(void **state)
{
	static const char body[] =
		"{\"id\":[\"sex\",\"area\",\"year\"],\"size\":[2,2,2],"
		"\"value\":[1,2,3,\"oops\",5,6,7,8],"
		"\"dimension\":{\"year\":{\"category\":{\"index\":[\"2024\",\"2025\"]}},"
		"\"sex\":{\"category\":{\"index\":[\"F\",\"M\"],"
		"\"label\":{\"F\":\"Female\",\"M\":\"Male\"}}},"
		"\"area\":{\"category\":{\"index\":[\" E1 \",\"E2\"],"
		"\"label\":{\" E1 \":\" Here \"}}}}}";
	struct series_filter code[2] = { { "area", "E1" }, { "sex", "M" } };
	struct series_filter label[2] = { { "sex", "Female" },
					  { "area", "Here" } };
	struct series_filter bad = { "area", "E2" };
	char out[1024];
	struct eim_error err;
	(void)state;

	assert_int_equal(render(FEED_JSONSTAT, body, NULL, code, 2, out,
				sizeof(out), &err), 0);
	assert_string_equal(out, "sex,area,\nM,E1,2024;5;\nM,E1,2025;6;\n");
	assert_int_equal(render(FEED_JSONSTAT, body, NULL, label, 2, out,
				sizeof(out), &err), 0);
	assert_string_equal(out, "sex,area,\nF,E1,2024;1;\nF,E1,2025;2;\n");
	/* F/E2/2025 holds "oops": read only when its area is kept */
	assert_int_equal(render(FEED_JSONSTAT, body, NULL, &bad, 1, out,
				sizeof(out), &err), -1);
	assert_non_null(strstr(err.msg, "oops"));
}

static void test_jsonstat_bundle(void **state)
{
	char out[1024];
	struct eim_error err;
	(void)state;

	/* JSON-stat 1.x: {"dataset": {...}} with id/size/role in dimension */
	assert_int_equal(render(FEED_JSONSTAT,
		"{\"dataset\":{\"label\":\"x\",\"value\":[10,20,30,40],"
		"\"status\":{\"3\":\"e\"},"
		"\"dimension\":{\"id\":[\"geography\",\"date\"],\"size\":[2,2],"
		"\"role\":{\"time\":[\"date\"],\"geo\":[\"geography\"]},"
		"\"geography\":{\"category\":{\"index\":{\"E08000025\":0,\"E08000026\":1}}},"
		"\"date\":{\"category\":{\"index\":{\"2026-01\":0,\"2026-02\":1},"
		"\"label\":{\"2026-01\":\"January 2026\",\"2026-02\":\"February 2026\"}}}}}}",
		NULL, NULL, 0, out, sizeof(out), &err), 0);
	assert_string_equal(out, "geography,\n"
				 "E08000025,2026-01;10;\n"
				 "E08000025,2026-02;20;\n"
				 "E08000026,2026-01;30;\n"
				 "E08000026,2026-02;40;e\n");
}

static void test_mapped_csv(void **state)
{
	char out[1024];
	struct eim_error err;
	struct config_mapping m;
	struct schema_kv filt = { S("kind"), S("count") };
	char *dims[] = { S("Sector") };
	struct series_filter sel = { "sector", "Retail" };
	const char *body =
		"Month,LA,LA name,Sector,Kind,Number,Flag\n"
		"Jan 2026,E08000025,Birmingham,Retail,count,10,\n"
		"Jan 2026,E08000025,Birmingham,Retail,rate,0.5,\n"
		"Feb 2026,E08000025,Birmingham,Retail,count,,x\n"
		"Feb 2026,E08000026,Coventry,Retail,count,4e3,p\n"
		"Feb 2026,E08000026,Coventry,Food,count,3,\n";
	(void)state;

	memset(&m, 0, sizeof(m));
	m.period = S("month");
	m.geography = S("LA");
	m.geography_name = S("la name");
	m.value = S("Number");
	m.status = S("Flag");
	m.dims = dims;
	m.ndims = 1;
	m.filter = &filt;
	m.nfilter = 1;
	assert_int_equal(render(FEED_CSV, body, &m, &sel, 1, out, sizeof(out),
				&err), 0);
	assert_string_equal(out, "geography,sector,\n"
				 "E08000025,Retail,2026-01;10;\n"
				 "E08000025,Retail,2026-02;;x\n"
				 "E08000026,Retail,2026-02;4000;p\n");
	/* a fixed geography instead of a column */
	m.geography = m.geography_name = NULL;
	m.geography_fixed = S("E47000007");
	assert_int_equal(render(FEED_CSV, body, &m, NULL, 0, out, sizeof(out),
				&err), 0);
	assert_non_null(strstr(out, "geography,sector,\nE47000007,Food,2026-02;3;\n"));
	/* a mapped column that is not there */
	m.value = S("Amount");
	assert_int_equal(render(FEED_CSV, body, &m, NULL, 0, out, sizeof(out),
				&err), -1);
	assert_non_null(strstr(err.msg, "no column 'Amount' (the value)"));
}

static void test_mapped_json(void **state)
{
	char out[1024];
	struct eim_error err;
	struct config_mapping m;
	struct schema_kv filt = { S("measure"), S("uc") };
	const char *body =
		"{\"meta\":{},\"data\":{\"items\":["
		"{\"when\":{\"week\":\"2026-W47\"},\"ward\":\"E05011118\",\"measure\":\"uc\",\"n\":\"120\"},"
		"{\"when\":{\"week\":\"2026-W46\"},\"ward\":\"E05011118\",\"measure\":\"uc\",\"n\":null},"
		"{\"when\":{\"week\":\"2026-W46\"},\"ward\":\"E05011118\",\"measure\":\"jsa\",\"n\":7}]}}";
	(void)state;

	memset(&m, 0, sizeof(m));
	m.records = S("/data/items");
	m.period = S("/when/week");
	m.geography = S("ward");
	m.value = S("n");
	m.filter = &filt;
	m.nfilter = 1;
	assert_int_equal(render(FEED_JSON, body, &m, NULL, 0, out, sizeof(out),
				&err), 0);
	assert_string_equal(out, "geography,\n"
				 "E05011118,2026-W46;;\n"
				 "E05011118,2026-W47;120;\n");
	m.records = S("/data/nope");
	assert_int_equal(render(FEED_JSON, body, &m, NULL, 0, out, sizeof(out),
				&err), -1);
	assert_non_null(strstr(err.msg, "'/data/nope'"));
}

static void test_jsonptr(void **state)
{
	cJSON *j = cJSON_Parse("{\"a\":[{\"b/c\":1,\"m~n\":2}],\"\":3}");
	const cJSON *r;
	(void)state;

	assert_ptr_equal(jsonptr_get(j, ""), j);
	r = jsonptr_get(j, "/a/0/b~1c");
	assert_true(cJSON_IsNumber(r) && r->valuedouble == 1);
	r = jsonptr_get(j, "/a/0/m~0n");
	assert_true(cJSON_IsNumber(r) && r->valuedouble == 2);
	r = jsonptr_get(j, "/");
	assert_true(cJSON_IsNumber(r) && r->valuedouble == 3);
	assert_null(jsonptr_get(j, "a"));
	assert_null(jsonptr_get(j, "/a/01"));
	assert_null(jsonptr_get(j, "/a/1"));
	assert_null(jsonptr_get(j, "/a/0/m~2n"));
	assert_null(jsonptr_get(j, "/a/-"));
	cJSON_Delete(j);
}

static void test_format_parse(void **state)
{
	(void)state;
	assert_int_equal(feed_format_parse("nomis-csv"), FEED_NOMIS_CSV);
	assert_int_equal(feed_format_parse("ons-timeseries"), FEED_ONS_TIMESERIES);
	assert_int_equal(feed_format_parse("ons-observations"),
			 FEED_ONS_OBSERVATIONS);
	assert_int_equal(feed_format_parse("jsonstat"), FEED_JSONSTAT);
	assert_int_equal(feed_format_parse("csv"), FEED_CSV);
	assert_int_equal(feed_format_parse("json"), FEED_JSON);
	assert_int_equal(feed_format_parse("xml"), -1);
}

static void test_read_cli(void **state)
{
	char path[] = "/tmp/eimon-feed-XXXXXX";
	int fd = mkstemp(path);
	FILE *out;
	char *buf = NULL;
	size_t len = 0;
	const char *sel[] = { "item=2", "geography=E08000025" };
	struct eim_error err;
	(void)state;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, nomis_body, strlen(nomis_body)),
			 (int)strlen(nomis_body));
	close(fd);
	out = open_memstream(&buf, &len);
	eim_error_init(&err);
	assert_int_equal(feed_read_cli("nomis-csv", path, sel, 2, out, &err), 0);
	fclose(out);
	assert_string_equal(buf, "geography,item,period,value,status\n"
				 "E08000025,2,2024,7,A\n"
				 "E08000025,2,2025,1200,A\n");
	free(buf);
	eim_error_init(&err);
	out = open_memstream(&buf, &len);
	assert_int_equal(feed_read_cli("nomis", path, NULL, 0, out, &err), -1);
	assert_int_equal(err.kind, EIM_USAGE);
	fclose(out);
	free(buf);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nomis),
		cmocka_unit_test(test_nomis_select_variant),
		cmocka_unit_test(test_nomis_errors),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_ons_timeseries),
		cmocka_unit_test(test_ons_observations),
		cmocka_unit_test(test_jsonstat),
		cmocka_unit_test(test_jsonstat_updated),
		cmocka_unit_test(test_jsonstat_arrays),
		cmocka_unit_test(test_jsonstat_filters),
		cmocka_unit_test(test_jsonstat_bundle),
		cmocka_unit_test(test_mapped_csv),
		cmocka_unit_test(test_mapped_json),
		cmocka_unit_test(test_jsonptr),
		cmocka_unit_test(test_format_parse),
		cmocka_unit_test(test_read_cli),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
