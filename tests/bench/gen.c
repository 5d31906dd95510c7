/* gen.c - deterministic generator of scaled benchmark inputs in the real
 * feed formats (issue 9). No network, no randomness from the clock: the
 * same arguments always give the same bytes.
 *
 *   gen nomis FILE [AREAS [MONTHS]]  Nomis NM_162_1 claimant count CSV, all
 *                                    40 columns, one row per LSOA and month
 *                                    (default 33755 x 60, about 1 GB)
 *   gen ons FILE [FIRST_YEAR]        ONS website time-series JSON: years,
 *                                    quarters and months FIRST_YEAR..9999
 *   gen jsonstat FILE [GEOS]         JSON-stat 2.0, measure(10) x
 *                                    geography(GEOS) x time(100) cells
 *   gen monitor DIR SAMPLEDIR        a monitor with 100 indicators over one
 *                                    generated Nomis feed, its template
 *
 * Rows are assembled with memcpy from pre-formatted pieces: printf per
 * field would make the 1 GB file take far longer to write than to read. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define OUTBUF (1u << 20)

struct out {
	FILE *f;
	char *buf;
	size_t len;
	const char *path;
};

static void die(const char *what, const char *path)
{
	fprintf(stderr, "gen: %s '%s': %s\n", what, path, strerror(errno));
	exit(1);
}

static void out_open(struct out *o, const char *path)
{
	o->f = fopen(path, "wb");
	if (!o->f)
		die("cannot create", path);
	o->buf = malloc(OUTBUF);
	if (!o->buf) {
		fprintf(stderr, "gen: out of memory\n");
		exit(1);
	}
	o->len = 0;
	o->path = path;
}

static void out_flush(struct out *o)
{
	if (o->len && fwrite(o->buf, 1, o->len, o->f) != o->len)
		die("cannot write", o->path);
	o->len = 0;
}

static void out_mem(struct out *o, const char *s, size_t n)
{
	if (o->len + n > OUTBUF)
		out_flush(o);
	if (n > OUTBUF) {
		if (fwrite(s, 1, n, o->f) != n)
			die("cannot write", o->path);
		return;
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

static void out_str(struct out *o, const char *s)
{
	out_mem(o, s, strlen(s));
}

static void out_fmt(struct out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void out_fmt(struct out *o, const char *fmt, ...)
{
	char tmp[4096];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(tmp)) {
		fprintf(stderr, "gen: line too long\n");
		exit(1);
	}
	out_mem(o, tmp, (size_t)n);
}

/* Decimal digits of v, without printf. */
static void out_ulong(struct out *o, unsigned long v)
{
	char tmp[24];
	size_t i = sizeof(tmp);

	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	out_mem(o, tmp + i, sizeof(tmp) - i);
}

static void out_close(struct out *o)
{
	out_flush(o);
	if (fclose(o->f) != 0)
		die("cannot close", o->path);
	free(o->buf);
}

/* xorshift64*: a fixed-seed stream of pseudo-random numbers. */
static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint32_t rng(void)
{
	uint64_t x = rng_state;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rng_state = x;
	return (uint32_t)((x * 0x2545F4914F6CDD1Dull) >> 32);
}

static long arg_long(int argc, char **argv, int i, long def)
{
	char *end;
	long v;

	if (argc <= i)
		return def;
	errno = 0;
	v = strtol(argv[i], &end, 10);
	if (errno || *end || v <= 0) {
		fprintf(stderr, "gen: bad number '%s'\n", argv[i]);
		exit(2);
	}
	return v;
}

static const char *const month_names[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};
static const char *const mon3[12] = {
	"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
	"NOV", "DEC"
};

/* Local authority names that LSOA names are built from ("Leeds 042C"). */
static const char *const la_names[] = {
	"Hartlepool", "Middlesbrough", "Redcar and Cleveland",
	"Stockton-on-Tees", "Darlington", "County Durham", "Northumberland",
	"Newcastle upon Tyne", "North Tyneside", "South Tyneside",
	"Sunderland", "Gateshead", "Bolton", "Bury", "Manchester", "Oldham",
	"Rochdale", "Salford", "Stockport", "Tameside", "Trafford", "Wigan",
	"Knowsley", "Liverpool", "St. Helens", "Sefton", "Wirral", "Barnsley",
	"Doncaster", "Rotherham", "Sheffield", "Bradford", "Calderdale",
	"Kirklees", "Leeds", "Wakefield", "Birmingham", "Coventry", "Dudley",
	"Sandwell", "Solihull", "Walsall", "Wolverhampton", "Bristol, City of",
	"Cornwall", "Plymouth", "Southampton", "Portsmouth", "Brighton and Hove",
	"Westminster", "Camden", "Hackney", "Tower Hamlets", "Newham"
};

/* One row per LSOA and month, months outer (the order Nomis returns). */
static int gen_nomis(const char *path, long areas, long months)
{
	struct out o;
	char **geo;
	size_t *geolen;
	long a, m, row = 0, total = areas * months;
	const size_t nla = sizeof(la_names) / sizeof(*la_names);

	geo = malloc((size_t)areas * sizeof(*geo));
	geolen = malloc((size_t)areas * sizeof(*geolen));
	if (!geo || !geolen)
		return -1;
	/* GEOGRAPHY .. AGE_SORTORDER for each area: formatted once */
	for (a = 0; a < areas; a++) {
		char tmp[512];
		int n = snprintf(tmp, sizeof(tmp),
			"\"%ld\",\"%s %03ld%c\",\"E01%06ld\","
			"\"2021 super output areas - lower layer\",298,%ld,"
			"\"0\",\"Total\",\"0\",\"Sex\",1000,0,"
			"\"0\",\"All categories: Age 16+\",\"0\",\"Ageband\",2000,0,"
			"\"1\",\"Claimant count\",\"1\",\"measures\",1000,0,"
			"\"20100\",\"Value\",",
			1249901569L + a, la_names[(size_t)a % nla],
			a / (long)nla / 4 + 1, (char)('A' + a % 4), a + 1, a);
		geo[a] = malloc((size_t)n + 1);
		if (!geo[a])
			return -1;
		memcpy(geo[a], tmp, (size_t)n + 1);
		geolen[a] = (size_t)n;
	}
	out_open(&o, path);
	out_str(&o, "\"DATE\",\"DATE_NAME\",\"DATE_CODE\",\"DATE_TYPE\","
		"\"DATE_TYPECODE\",\"DATE_SORTORDER\",\"GEOGRAPHY\","
		"\"GEOGRAPHY_NAME\",\"GEOGRAPHY_CODE\",\"GEOGRAPHY_TYPE\","
		"\"GEOGRAPHY_TYPECODE\",\"GEOGRAPHY_SORTORDER\",\"GENDER\","
		"\"GENDER_NAME\",\"GENDER_CODE\",\"GENDER_TYPE\","
		"\"GENDER_TYPECODE\",\"GENDER_SORTORDER\",\"AGE\",\"AGE_NAME\","
		"\"AGE_CODE\",\"AGE_TYPE\",\"AGE_TYPECODE\",\"AGE_SORTORDER\","
		"\"MEASURE\",\"MEASURE_NAME\",\"MEASURE_CODE\",\"MEASURE_TYPE\","
		"\"MEASURE_TYPECODE\",\"MEASURE_SORTORDER\",\"MEASURES\","
		"\"MEASURES_NAME\",\"OBS_VALUE\",\"OBS_STATUS\","
		"\"OBS_STATUS_NAME\",\"OBS_CONF\",\"OBS_CONF_NAME\",\"URN\","
		"\"RECORD_OFFSET\",\"RECORD_COUNT\"\n");
	for (m = 0; m < months; m++) {
		/* the last month is February 2026 */
		long ym = 2026L * 12 + 1 - (months - 1 - m);
		char date[160];
		int dn = snprintf(date, sizeof(date),
				  "\"%04ld-%02ld\",\"%s %04ld\",\"%04ld-%02ld\","
				  "\"date\",0,%ld,",
				  ym / 12, ym % 12 + 1, month_names[ym % 12],
				  ym / 12, ym / 12, ym % 12 + 1, m);
		for (a = 0; a < areas; a++, row++) {
			uint32_t r = rng();
			out_mem(&o, date, (size_t)dn);
			out_mem(&o, geo[a], geolen[a]);
			if (r % 997 == 0) {
				/* a few suppressed cells, as Nomis has */
				out_str(&o, ",\"Q\",\"These figures are missing.\"");
			} else {
				out_ulong(&o, (r >> 8) % 180 + (unsigned long)(a % 40));
				out_str(&o, ",\"A\",\"Normal Value\"");
			}
			out_str(&o, ",\"F\",\"Free (free for publication)\","
				"\"Nm-162d1d32418e0d");
			out_ulong(&o, (unsigned long)(1249901569L + a));
			out_str(&o, "d0d0d1d20100\",");
			out_ulong(&o, (unsigned long)row);
			out_mem(&o, ",", 1);
			out_ulong(&o, (unsigned long)total);
			out_mem(&o, "\n", 1);
		}
	}
	out_close(&o);
	for (a = 0; a < areas; a++)
		free(geo[a]);
	free(geo);
	free(geolen);
	return 0;
}

static void ons_obs(struct out *o, const char *date, const char *year,
		    const char *month, const char *quarter, int *first)
{
	uint32_t r = rng();

	out_str(o, *first ? "\n" : ",\n");
	*first = 0;
	out_fmt(o, "    {\n      \"date\": \"%s\",\n      \"value\": \"%s%u.%u\",\n"
		"      \"label\": \"%s\",\n      \"year\": \"%s\",\n"
		"      \"month\": \"%s\",\n      \"quarter\": \"%s\",\n"
		"      \"sourceDataset\": \"RGDP\",\n"
		"      \"updateDate\": \"2024-10-30T00:00:00.000Z\"\n    }",
		date, r % 5 == 0 ? "-" : "", (r >> 4) % 4, (r >> 8) % 10, date,
		year, month, quarter);
}

/* ONS website time series: every year, quarter and month from y0 to 9999
 * (the period range eimon accepts). */
static int gen_ons(const char *path, long y0)
{
	struct out o;
	long y;
	int q, m, first;
	char date[48], year[24];
	static const char *const qn[4] = { "Q1", "Q2", "Q3", "Q4" };

	out_open(&o, path);
	out_str(&o, "{\n  \"years\": [");
	first = 1;
	for (y = y0; y <= 9999; y++) {
		snprintf(year, sizeof(year), "%ld", y);
		ons_obs(&o, year, year, "", "", &first);
	}
	out_str(&o, "\n  ],\n  \"quarters\": [");
	first = 1;
	for (y = y0; y <= 9999; y++)
		for (q = 0; q < 4; q++) {
			snprintf(year, sizeof(year), "%ld", y);
			snprintf(date, sizeof(date), "%ld %s", y, qn[q]);
			ons_obs(&o, date, year, "", qn[q], &first);
		}
	out_str(&o, "\n  ],\n  \"months\": [");
	first = 1;
	for (y = y0; y <= 9999; y++)
		for (m = 0; m < 12; m++) {
			snprintf(year, sizeof(year), "%ld", y);
			snprintf(date, sizeof(date), "%ld %s", y, mon3[m]);
			ons_obs(&o, date, year, month_names[m], "", &first);
		}
	out_str(&o, "\n  ],\n  \"description\": {\n"
		"    \"title\": \"Benchmark series (generated)\",\n"
		"    \"cdid\": \"BNCH\",\n    \"unit\": \"%\",\n"
		"    \"preUnit\": \"\",\n    \"source\": \"\",\n"
		"    \"date\": \"9999 DEC\",\n    \"number\": \"0.0\",\n"
		"    \"sampleSize\": \"0\",\n    \"datasetId\": \"BNCH\"\n  },\n"
		"  \"type\": \"timeseries\"\n}\n");
	out_close(&o);
	return 0;
}

/* JSON-stat 2.0: measure x geography x time, dense values, a sparse
 * status object. */
static int gen_jsonstat(const char *path, long geos)
{
	struct out o;
	const long nmeas = 10, ntime = 100, t0 = 1926;
	long i, n = nmeas * geos * ntime;

	out_open(&o, path);
	out_fmt(&o, "{\n\t\"version\" : \"2.0\",\n\t\"class\" : \"dataset\",\n"
		"\t\"label\" : \"Benchmark dataset (generated, %ld cells)\",\n"
		"\t\"source\" : \"eimon tests/bench/gen.c\",\n"
		"\t\"updated\" : \"2026-09-24\",\n\t\"value\" : [", n);
	for (i = 0; i < n; i++) {
		uint32_t r = rng();
		out_str(&o, i ? ",\n\t\t" : "\n\t\t");
		if (r % 1009 == 0)
			out_str(&o, "null");
		else
			out_ulong(&o, (r >> 8) % 100000);
	}
	out_str(&o, "\n\t],\n\t\"status\" : {");
	for (i = 0; i < n; i += 9973)
		out_fmt(&o, "%s\n\t\t\"%ld\" : \"e\"", i ? "," : "", i);
	out_fmt(&o, "\n\t},\n\t\"id\" : [\"measure\", \"geography\", \"time\"],\n"
		"\t\"size\" : [%ld, %ld, %ld],\n"
		"\t\"role\" : {\"time\" : [\"time\"], \"geo\" : [\"geography\"],"
		" \"metric\" : [\"measure\"]},\n\t\"dimension\" : {\n"
		"\t\t\"measure\" : {\"label\" : \"measure\", \"category\" : "
		"{\"index\" : [", nmeas, geos, ntime);
	for (i = 0; i < nmeas; i++)
		out_fmt(&o, "%s\"m%ld\"", i ? ", " : "", i);
	out_str(&o, "], \"label\" : {");
	for (i = 0; i < nmeas; i++)
		out_fmt(&o, "%s\"m%ld\" : \"Measure %ld\"", i ? ", " : "", i, i);
	out_str(&o, "}}},\n\t\t\"geography\" : {\"label\" : \"geography\", "
		"\"category\" : {\"index\" : {");
	for (i = 0; i < geos; i++)
		out_fmt(&o, "%s\n\t\t\t\"E02%06ld\" : %ld", i ? "," : "", i + 1, i);
	out_str(&o, "\n\t\t}, \"label\" : {");
	for (i = 0; i < geos; i++)
		out_fmt(&o, "%s\n\t\t\t\"E02%06ld\" : \"Area %ld\"", i ? "," : "",
			i + 1, i + 1);
	out_str(&o, "\n\t\t}}},\n\t\t\"time\" : {\"label\" : \"time\", "
		"\"category\" : {\"index\" : {");
	for (i = 0; i < ntime; i++)
		out_fmt(&o, "%s\"%ld\" : %ld", i ? ", " : "", t0 + i, i);
	out_str(&o, "}}}\n\t}\n}\n");
	out_close(&o);
	return 0;
}

static const char *const mon_places[7][2] = {
	{ "E08000025", "Birmingham" }, { "E08000026", "Coventry" },
	{ "E08000027", "Dudley" }, { "E08000028", "Sandwell" },
	{ "E08000029", "Solihull" }, { "E08000030", "Walsall" },
	{ "E08000031", "Wolverhampton" }
};
static const char *const mon_comps[3][2] = {
	{ "E12000005", "West Midlands" }, { "E92000001", "England" },
	{ "K02000001", "United Kingdom" }
};

#define MON_IND 100
#define MON_MONTHS 48

/* The feed of the 100-indicator monitor: a Nomis CSV with measures 1..100
 * for the area, its places and comparators, 48 months to October 2026. */
static void gen_monitor_feed(const char *path)
{
	struct out o;
	const char *codes[11], *names[11];
	long row = 0, total = MON_IND * 11L * MON_MONTHS;
	int g, m, k;

	codes[0] = "E47000007";
	names[0] = "West Midlands Combined Authority";
	for (g = 0; g < 7; g++) {
		codes[1 + g] = mon_places[g][0];
		names[1 + g] = mon_places[g][1];
	}
	for (g = 0; g < 3; g++) {
		codes[8 + g] = mon_comps[g][0];
		names[8 + g] = mon_comps[g][1];
	}
	out_open(&o, path);
	out_str(&o, "\"DATE\",\"DATE_NAME\",\"GEOGRAPHY\",\"GEOGRAPHY_NAME\","
		"\"GEOGRAPHY_CODE\",\"MEASURE\",\"MEASURE_NAME\",\"MEASURES\","
		"\"MEASURES_NAME\",\"OBS_VALUE\",\"OBS_STATUS\",\"RECORD_OFFSET\","
		"\"RECORD_COUNT\"\n");
	for (m = 0; m < MON_MONTHS; m++) {
		long ym = 2026L * 12 + 9 - (MON_MONTHS - 1 - m);
		for (g = 0; g < 11; g++)
			for (k = 1; k <= MON_IND; k++, row++) {
				uint32_t r = rng();
				/* places sum to the area: area = 7 places */
				double base = 1000.0 * k + 37.0 * g;
				double v = (g == 0 ? 7 : 1) * base +
					   (double)((r >> 8) % 200);
				out_fmt(&o, "\"%04ld-%02ld\",\"%s %04ld\",\"%d\","
					"\"%s\",\"%s\",\"%d\",\"Measure %d\","
					"\"20100\",\"Value\",%.0f,\"A\",%ld,%ld\n",
					ym / 12, ym % 12 + 1, month_names[ym % 12],
					ym / 12, 1000 + g, names[g], codes[g], k, k,
					v, row, total);
			}
	}
	out_close(&o);
}

static int gen_monitor(const char *dir, const char *sample)
{
	struct out o;
	char path[4096];
	int i, g;

	snprintf(path, sizeof(path), "%s/data", dir);
	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		die("cannot create", dir);
	if (mkdir(path, 0777) != 0 && errno != EEXIST)
		die("cannot create", path);
	snprintf(path, sizeof(path), "%s/data/nomis_100_measures.csv", dir);
	gen_monitor_feed(path);

	snprintf(path, sizeof(path), "%s/monitor.yaml", dir);
	out_open(&o, path);
	out_fmt(&o, "# Generated by tests/bench/gen.c: 100 indicators.\n"
		"title: \"Benchmark Weekly Economic Impact Monitor\"\n"
		"short_title: \"Benchmark Monitor\"\n"
		"publisher: \"eimon benchmark\"\n"
		"funding: \"Nobody funds this benchmark.\"\n"
		"caveat: \"Generated values for benchmarking only.\"\n"
		"contact: \"bench@example.org\"\n"
		"template: \"template.yaml\"\n"
		"notes_dir: \"%s/notes\"\n"
		"editions_dir: \"%s/editions\"\n"
		"cache_dir: \"cache\"\n"
		"out_dir: \"out\"\n"
		"first_issue_week: 2026-W01\n"
		"first_issue: 301\n"
		"window: \"week\"\n"
		"area:\n  code: \"E47000007\"\n"
		"  name: \"West Midlands Combined Authority\"\n"
		"  short_name: \"WMCA\"\n"
		"places:\n", sample, sample);
	for (g = 0; g < 7; g++)
		out_fmt(&o, "  - {code: \"%s\", name: \"%s\", short_name: \"%s\"}\n",
			mon_places[g][0], mon_places[g][1], mon_places[g][1]);
	out_str(&o, "comparators:\n");
	for (g = 0; g < 3; g++)
		out_fmt(&o, "  - {code: \"%s\", name: \"%s\", short_name: \"%s\"}\n",
			mon_comps[g][0], mon_comps[g][1], mon_comps[g][1]);
	out_str(&o, "feeds:\n"
		"  - id: \"measures\"\n"
		"    title: \"Benchmark measures\"\n"
		"    publisher: \"eimon benchmark\"\n"
		"    dataset: \"Generated (tests/bench/gen.c)\"\n"
		"    licence: \"Open Government Licence v3.0\"\n"
		"    path: \"data/nomis_100_measures.csv\"\n"
		"    format: \"nomis-csv\"\n"
		"    frequency: \"month\"\n"
		"    max_age_days: 75\n"
		"    required: true\n"
		"indicators:\n");
	for (i = 1; i <= MON_IND; i++)
		out_fmt(&o, "  - id: \"m%d\"\n    feed: \"measures\"\n"
			"    title: \"Measure %d\"\n    short_title: \"M%d\"\n"
			"    measure: \"measure %d\"\n    select: {measure: \"%d\"}\n"
			"    unit: \"count\"\n    decimals: 0\n"
			"    polarity: \"%s\"\n"
			"    compare: [\"previous\", \"year\", \"baseline\"]\n"
			"    baseline: \"2024-02\"\n    combine: \"sum\"\n",
			i, i, i, i, i, i % 2 ? "down-is-good" : "up-is-good");
	out_close(&o);

	snprintf(path, sizeof(path), "%s/template.yaml", dir);
	out_open(&o, path);
	out_str(&o, "name: \"Benchmark monitor\"\n"
		"style:\n"
		"  font_regular: \"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf\"\n"
		"  font_bold: \"/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf\"\n"
		"  body_size: 10\n  margin: 56\n  accent: \"#12436D\"\n"
		"themes:\n"
		"  - {id: \"labour_market\", title: \"Labour market\"}\n"
		"  - {id: \"business_conditions\", title: \"Business conditions\"}\n"
		"  - {id: \"sectors\", title: \"Sectors\"}\n"
		"  - {id: \"trade_investment\", title: \"Trade and investment\"}\n"
		"  - {id: \"places\", title: \"Places\"}\n"
		"sections:\n"
		"  - blocks:\n      - type: \"lead\"\n"
		"      - type: \"key_issues\"\n        title: \"Key issues\"\n"
		"      - type: \"contents\"\n        title: \"Contents\"\n"
		"  - title: \"Headlines\"\n    page_break: true\n    blocks:\n"
		"      - type: \"headlines\"\n        indicators:\n");
	for (i = 1; i <= MON_IND; i++)
		out_fmt(&o, "          - \"m%d\"\n", i);
	out_str(&o, "  - title: \"Dashboard of indicators\"\n    blocks:\n"
		"      - type: \"dashboard\"\n        indicators:\n");
	for (i = 1; i <= MON_IND; i++)
		out_fmt(&o, "          - \"m%d\"\n", i);
	out_str(&o, "        places: [\"area\", \"E12000005\", \"K02000001\"]\n"
		"  - title: \"Charts\"\n    page_break: true\n    blocks:\n");
	for (i = 1; i <= MON_IND; i += 5)
		out_fmt(&o, "      - type: \"chart\"\n        chart: \"line\"\n"
			"        indicators: [\"m%d\"]\n"
			"        places: [\"area\", \"E12000005\", \"K02000001\"]\n"
			"        since: \"2024-01\"\n"
			"      - type: \"chart\"\n        chart: \"bar\"\n"
			"        indicators: [\"m%d\"]\n        places: [\"places\"]\n",
			i, i + 1);
	for (i = 1; i <= MON_IND; i += 10) {
		int j;
		out_fmt(&o, "      - type: \"table\"\n"
			"        title: \"Measures %d to %d by place\"\n"
			"        indicators: [", i, i + 2);
		for (j = i; j < i + 3; j++)
			out_fmt(&o, "%s\"m%d\"", j > i ? ", " : "", j);
		out_str(&o, "]\n        places: [\"area\", \"places\", "
			"\"comparators\"]\n        max_rows: 11\n");
	}
	out_str(&o, "  - title: \"Partners' intelligence\"\n    page_break: true\n"
		"    blocks:\n      - type: \"notes\"\n"
		"  - title: \"Sources and methods\"\n    page_break: true\n"
		"    blocks:\n      - type: \"sources\"\n");
	out_close(&o);
	return 0;
}

static int usage(void)
{
	fprintf(stderr,
		"usage: gen nomis FILE [AREAS [MONTHS]]\n"
		"       gen ons FILE [FIRST_YEAR]\n"
		"       gen jsonstat FILE [GEOGRAPHIES]\n"
		"       gen monitor DIR SAMPLEDIR\n");
	return 2;
}

int main(int argc, char **argv)
{
	if (argc < 3)
		return usage();
	if (strcmp(argv[1], "nomis") == 0)
		return gen_nomis(argv[2], arg_long(argc, argv, 3, 33755),
				 arg_long(argc, argv, 4, 60)) ? 1 : 0;
	if (strcmp(argv[1], "ons") == 0)
		return gen_ons(argv[2], arg_long(argc, argv, 3, 1000)) ? 1 : 0;
	if (strcmp(argv[1], "jsonstat") == 0)
		return gen_jsonstat(argv[2], arg_long(argc, argv, 3, 1000)) ? 1 : 0;
	if (strcmp(argv[1], "monitor") == 0 && argc == 4)
		return gen_monitor(argv[2], argv[3]);
	return usage();
}
