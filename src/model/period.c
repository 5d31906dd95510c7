/* period.c - statistical periods (see period.h).
 *
 * Parsing tokenizes the text into a short shape string (Y four-digit
 * number, n one/two-digit number, M month name, Q quarter, W week,
 * R "12M", and the separators '-', ' ', '/') and looks the shape up in a
 * table, so every publisher form is one table row. */
#include "period.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "banned.h"

static const char *const month_names[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

/* ---- calendar arithmetic (H. Hinnant's civil algorithms) ---- */

long period_days_from_civil(int y, int m, int d)
{
	long yy = (long)y - (m <= 2);
	long era = (yy >= 0 ? yy : yy - 399) / 400;
	long yoe = yy - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void period_civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp, yy;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	yy = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int dm[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
				    30, 31 };
	return m == 2 && is_leap(y) ? 29 : dm[m - 1];
}

/* Monday = 0 ... Sunday = 6; 1970-01-01 was a Thursday. */
static int weekday(long day)
{
	long w = (day + 3) % 7;
	return (int)(w < 0 ? w + 7 : w);
}

/* First day (a Monday) of ISO week 1 of week-year y: the week holding
 * 4 January. */
static long iso_week1_start(int y)
{
	long jan4 = period_days_from_civil(y, 1, 4);
	return jan4 - weekday(jan4);
}

int period_iso_weeks(int y)
{
	return (int)((iso_week1_start(y + 1) - iso_week1_start(y)) / 7);
}

/* ---- validity, start and end ---- */

static int period_valid(const struct period *p)
{
	if (p->year < 1 || p->year > 9999)
		return 0;
	switch (p->freq) {
	case PERIOD_YEAR:
		return p->num == 0;
	case PERIOD_QUARTER:
		return p->num >= 1 && p->num <= 4;
	case PERIOD_MONTH:
	case PERIOD_ROLL12:
		return p->num >= 1 && p->num <= 12;
	case PERIOD_WEEK:
		return p->num >= 1 && p->num <= period_iso_weeks(p->year);
	case PERIOD_DAY:
		return p->num >= 1 && p->num <= (is_leap(p->year) ? 366 : 365);
	case PERIOD_NONE:
		break;
	}
	return 0;
}

/* The months a month-based period spans, first and last inclusive, as
 * months since year 0 so a rolling window may cross a year; 0 for weeks
 * and days, which are not whole months. */
static int month_span(const struct period *p, long *first, long *last)
{
	long jan = 12L * p->year;

	switch (p->freq) {
	case PERIOD_YEAR:
		*first = jan;
		*last = jan + 11;
		return 1;
	case PERIOD_QUARTER:
		*first = jan + 3 * (p->num - 1);
		*last = *first + 2;
		return 1;
	case PERIOD_MONTH:
		*first = *last = jan + p->num - 1;
		return 1;
	case PERIOD_ROLL12:
		/* the window ends with its month and starts 11 months before */
		*last = jan + p->num - 1;
		*first = *last - 11;
		return 1;
	case PERIOD_WEEK:
	case PERIOD_DAY:
	case PERIOD_NONE:
		break;
	}
	return 0;
}

long period_start_day(const struct period *p)
{
	long first, last;

	if (month_span(p, &first, &last))
		return period_days_from_civil((int)(first / 12),
					      (int)(first % 12) + 1, 1);
	if (p->freq == PERIOD_WEEK)
		return iso_week1_start(p->year) + 7L * (p->num - 1);
	if (p->freq == PERIOD_DAY)
		return period_days_from_civil(p->year, 1, 1) + p->num - 1;
	return 0;
}

long period_end_day(const struct period *p)
{
	long first, last;
	int y, m;

	if (month_span(p, &first, &last)) {
		y = (int)(last / 12);
		m = (int)(last % 12) + 1;
		return period_days_from_civil(y, m, days_in_month(y, m));
	}
	if (p->freq == PERIOD_WEEK)
		return period_start_day(p) + 6;
	if (p->freq == PERIOD_DAY)
		return period_start_day(p);
	return 0;
}

struct period period_of_day(long day, enum period_freq f)
{
	struct period p = { f, 0, 0 };
	int y, m, d;

	period_civil_from_days(day, &y, &m, &d);
	p.year = y;
	switch (f) {
	case PERIOD_YEAR:
		break;
	case PERIOD_QUARTER:
		p.num = (m - 1) / 3 + 1;
		break;
	case PERIOD_MONTH:
	case PERIOD_ROLL12:
		p.num = m;
		break;
	case PERIOD_DAY:
		p.num = (int)(day - period_days_from_civil(y, 1, 1)) + 1;
		break;
	case PERIOD_WEEK:
		if (day >= iso_week1_start(y + 1))
			p.year = y + 1;
		else if (day < iso_week1_start(y))
			p.year = y - 1;
		p.num = (int)((day - iso_week1_start(p.year)) / 7) + 1;
		break;
	case PERIOD_NONE:
		p.year = 0;
		break;
	}
	return p;
}

/* ---- order and arithmetic ---- */

int period_cmp(const struct period *a, const struct period *b)
{
	long sa = period_start_day(a), sb = period_start_day(b);

	if (sa != sb)
		return sa < sb ? -1 : 1;
	if (a->freq != b->freq)
		return a->freq < b->freq ? -1 : 1;
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if (a->num != b->num)
		return a->num < b->num ? -1 : 1;
	return 0;
}

int period_eq(const struct period *a, const struct period *b)
{
	return a->freq == b->freq && a->year == b->year && a->num == b->num;
}

/* Periods of calendar frequencies as a running index. */
static long period_index(const struct period *p)
{
	switch (p->freq) {
	case PERIOD_YEAR:
		return p->year;
	case PERIOD_QUARTER:
		return (long)p->year * 4 + p->num - 1;
	case PERIOD_MONTH:
	case PERIOD_ROLL12:
		return (long)p->year * 12 + p->num - 1;
	case PERIOD_WEEK:
		return period_start_day(p) / 7; /* exact: starts are Mondays */
	case PERIOD_DAY:
		return period_start_day(p);
	case PERIOD_NONE:
		break;
	}
	return 0;
}

static long floor_div(long a, long b)
{
	long q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

struct period period_add(struct period p, int n)
{
	struct period r = p;
	long i = period_index(&p) + n;

	switch (p.freq) {
	case PERIOD_YEAR:
		r.year = (int)i;
		break;
	case PERIOD_QUARTER:
		r.year = (int)floor_div(i, 4);
		r.num = (int)(i - (long)r.year * 4) + 1;
		break;
	case PERIOD_MONTH:
	case PERIOD_ROLL12:
		r.year = (int)floor_div(i, 12);
		r.num = (int)(i - (long)r.year * 12) + 1;
		break;
	case PERIOD_WEEK:
		r = period_of_day(period_start_day(&p) + 7L * n, PERIOD_WEEK);
		break;
	case PERIOD_DAY:
		r = period_of_day(period_start_day(&p) + n, PERIOD_DAY);
		break;
	case PERIOD_NONE:
		break;
	}
	return r;
}

long period_diff(const struct period *a, const struct period *b)
{
	if (a->freq == PERIOD_WEEK)
		return (period_start_day(b) - period_start_day(a)) / 7;
	return period_index(b) - period_index(a);
}

struct period period_year_ago(struct period p)
{
	struct period r = p;
	struct period none = { PERIOD_NONE, 0, 0 };
	int y, m, d;

	switch (p.freq) {
	case PERIOD_YEAR:
	case PERIOD_QUARTER:
	case PERIOD_MONTH:
	case PERIOD_ROLL12:
		r.year = p.year - 1;
		break;
	case PERIOD_WEEK:
		r.year = p.year - 1;
		if (p.num > period_iso_weeks(r.year))
			return none;
		break;
	case PERIOD_DAY:
		/* the same calendar date; 29 February has none */
		period_civil_from_days(period_start_day(&p), &y, &m, &d);
		if (m == 2 && d == 29)
			return none;
		r = period_of_day(period_days_from_civil(y - 1, m, d),
				  PERIOD_DAY);
		break;
	case PERIOD_NONE:
		return none;
	}
	if (!period_valid(&r))
		return none;
	return r;
}

/* ---- text ---- */

void period_format(const struct period *p, char *buf, size_t size)
{
	int y, m, d;

	switch (p->freq) {
	case PERIOD_YEAR:
		snprintf(buf, size, "%04d", p->year);
		break;
	case PERIOD_QUARTER:
		snprintf(buf, size, "%04d-Q%d", p->year, p->num);
		break;
	case PERIOD_MONTH:
		snprintf(buf, size, "%04d-%02d", p->year, p->num);
		break;
	case PERIOD_WEEK:
		snprintf(buf, size, "%04d-W%02d", p->year, p->num);
		break;
	case PERIOD_DAY:
		period_civil_from_days(period_start_day(p), &y, &m, &d);
		snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
		break;
	case PERIOD_ROLL12:
		snprintf(buf, size, "%04d-%02d/12M", p->year, p->num);
		break;
	case PERIOD_NONE:
		snprintf(buf, size, "%s", "");
		break;
	}
}

static const char *const freq_names[] = {
	"none", "year", "quarter", "month", "week", "day", "roll12"
};

const char *period_freq_name(enum period_freq f)
{
	if ((int)f < 0 || (size_t)f >= sizeof(freq_names) / sizeof(*freq_names))
		return "none";
	return freq_names[f];
}

int period_freq_parse(const char *s, enum period_freq *out)
{
	static const struct {
		const char *name;
		enum period_freq f;
	} aliases[] = {
		{ "year", PERIOD_YEAR },       { "annual", PERIOD_YEAR },
		{ "quarter", PERIOD_QUARTER }, { "month", PERIOD_MONTH },
		{ "week", PERIOD_WEEK },       { "day", PERIOD_DAY },
		{ "daily", PERIOD_DAY },       { "roll12", PERIOD_ROLL12 },
		{ "rolling-year", PERIOD_ROLL12 },
	};
	size_t i;

	for (i = 0; i < sizeof(aliases) / sizeof(*aliases); i++) {
		if (strcasecmp(s, aliases[i].name) == 0) {
			*out = aliases[i].f;
			return 0;
		}
	}
	return -1;
}

/* ---- parsing ---- */

#define TOK_MAX 12

struct ptok {
	char kind;  /* Y n M Q W R - ' ' / */
	int val;
};

/* Month from an English name or its first three letters. */
static int month_of(const char *s, size_t n)
{
	int i;

	if (n < 3)
		return 0;
	for (i = 0; i < 12; i++) {
		size_t full = strlen(month_names[i]);
		if ((n == 3 || n == full || (i == 8 && n == 4)) &&
		    strncasecmp(s, month_names[i], n) == 0)
			return i + 1; /* n == 4 allows "Sept" */
	}
	return 0;
}

/* Tokenize s[0..len) into t; returns the count or -1. */
static int period_tokens(const char *s, size_t len, struct ptok *t)
{
	size_t i = 0;
	int n = 0;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (n == TOK_MAX)
			return -1;
		if (c == ' ' || c == '\t') {
			while (i < len && (s[i] == ' ' || s[i] == '\t'))
				i++;
			t[n].kind = ' ';
			t[n++].val = 0;
		} else if (c == '-' || c == '/') {
			/* spaces around a dash do not matter */
			if (n > 0 && t[n - 1].kind == ' ')
				n--;
			t[n].kind = (char)c;
			t[n++].val = 0;
			i++;
			while (i < len && s[i] == ' ')
				i++;
		} else if (isdigit(c)) {
			size_t st = i;
			int v = 0;
			while (i < len && isdigit((unsigned char)s[i])) {
				if (i - st >= 4)
					return -1;
				v = v * 10 + (s[i] - '0');
				i++;
			}
			if (i < len && (s[i] == 'M' || s[i] == 'm') && v == 12 &&
			    i - st == 2 &&
			    (i + 1 == len || !isalpha((unsigned char)s[i + 1]))) {
				t[n].kind = 'R';
				i++;
			} else {
				t[n].kind = i - st == 4 ? 'Y' : (i - st <= 2 ? 'n' : '?');
			}
			t[n++].val = v;
		} else if (isalpha(c)) {
			size_t st = i;
			while (i < len && isalpha((unsigned char)s[i]))
				i++;
			if (i - st == 1 && (c == 'Q' || c == 'q' || c == 'W' ||
					    c == 'w') && i < len &&
			    isdigit((unsigned char)s[i])) {
				int v = 0;
				size_t ds = i;
				while (i < len && isdigit((unsigned char)s[i]) &&
				       i - ds < 2)
					v = v * 10 + (s[i++] - '0');
				if (i < len && isdigit((unsigned char)s[i]))
					return -1;
				t[n].kind = (char)toupper(c);
				t[n++].val = v;
			} else {
				int m = month_of(s + st, i - st);
				if (!m)
					return -1;
				t[n].kind = 'M';
				t[n++].val = m;
			}
		} else {
			return -1;
		}
	}
	return n;
}

/* A shape is read one of these ways: SH_PLAIN takes the year and the
 * number (-1: none) from the row's token positions, SH_DATE the year and
 * the day (the month is token 2), SH_MONTH_YY the two-digit year and the
 * month; the windows need arithmetic. */
enum shape_kind { SH_PLAIN, SH_DATE, SH_MONTH_YY, SH_WINDOW, SH_Y_MID };

static const struct {
	const char *shape;
	enum shape_kind kind;
	enum period_freq freq; /* SH_PLAIN */
	int year, num;         /* token positions */
} shapes[] = {
	{ "Y", SH_PLAIN, PERIOD_YEAR, 0, -1 },      /* 2026 */
	{ "Y-n", SH_PLAIN, PERIOD_MONTH, 0, 2 },    /* 2026-02 */
	{ "Y-Q", SH_PLAIN, PERIOD_QUARTER, 0, 2 },  /* 2026-Q2 */
	{ "Y Q", SH_PLAIN, PERIOD_QUARTER, 0, 2 },  /* 1989 Q1 */
	{ "YQ", SH_PLAIN, PERIOD_QUARTER, 0, 1 },   /* 2026Q2 */
	{ "Q Y", SH_PLAIN, PERIOD_QUARTER, 2, 0 },  /* Q1 1989 */
	{ "Y-W", SH_PLAIN, PERIOD_WEEK, 0, 2 },     /* 2026-W47 */
	{ "YW", SH_PLAIN, PERIOD_WEEK, 0, 1 },      /* 2026W47 */
	{ "Y-n-n", SH_DATE, PERIOD_DAY, 0, 4 },     /* 2026-11-18 */
	{ "Y-n/R", SH_PLAIN, PERIOD_ROLL12, 0, 2 }, /* 2025-09/12M */
	{ "M Y", SH_PLAIN, PERIOD_MONTH, 2, 0 },    /* February 2026 */
	{ "M-Y", SH_PLAIN, PERIOD_MONTH, 2, 0 },    /* Feb-2026 */
	{ "Y M", SH_PLAIN, PERIOD_MONTH, 0, 2 },    /* 1989 JAN */
	{ "M-n", SH_MONTH_YY, PERIOD_MONTH, 2, 0 }, /* Sep-16 */
	{ "n M Y", SH_DATE, PERIOD_DAY, 4, 0 },     /* 02 Jan 2019 */
	{ "n-M-Y", SH_DATE, PERIOD_DAY, 4, 0 },     /* 02-Jan-2019 */
	{ "M Y-M Y", SH_WINDOW, PERIOD_ROLL12, 0, 0 }, /* Oct 2024-Sep 2025 */
	{ "Y M-M", SH_Y_MID, PERIOD_MONTH, 0, 0 },  /* 2025 NOV-JAN */
};

int period_parse(const char *s, size_t len, struct period *out)
{
	struct ptok t[TOK_MAX];
	char shape[TOK_MAX + 1];
	struct period p = { PERIOD_NONE, 0, 0 };
	int n, i, k = -1;
	long span;

	/* the shapes below guarantee that only filled tokens are read, but
	 * the analyzer cannot see it: start from zeros (cheap) */
	memset(t, 0, sizeof(t));
	while (len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
			   s[len - 1] == '\r' || s[len - 1] == '\n'))
		len--;
	n = period_tokens(s, len, t);
	if (n <= 0)
		return -1;
	for (i = 0; i < n; i++)
		shape[i] = t[i].kind;
	shape[n] = '\0';
	for (i = 0; i < (int)(sizeof(shapes) / sizeof(*shapes)); i++) {
		if (strcmp(shape, shapes[i].shape) == 0) {
			k = i;
			break;
		}
	}
	if (k < 0)
		return -1;
	switch (shapes[k].kind) {
	case SH_PLAIN:
		p.freq = shapes[k].freq;
		p.year = t[shapes[k].year].val;
		p.num = shapes[k].num < 0 ? 0 : t[shapes[k].num].val;
		break;
	case SH_DATE: {
		int y = t[shapes[k].year].val;
		int m = t[2].val;
		int d = t[shapes[k].num].val;
		if (y < 1 || m < 1 || m > 12 || d < 1 ||
		    d > days_in_month(y, m))
			return -1;
		p = period_of_day(period_days_from_civil(y, m, d), PERIOD_DAY);
		break;
	}
	case SH_MONTH_YY: {
		/* two-digit years: ONS series start after 1950 */
		int yy = t[shapes[k].year].val;

		p.freq = PERIOD_MONTH;
		p.year = yy >= 50 ? 1900 + yy : 2000 + yy;
		p.num = t[shapes[k].num].val;
		break;
	}
	case SH_WINDOW:
		/* only 12-month windows (APS) have a canonical form */
		span = ((long)t[6].val * 12 + t[4].val) -
		       ((long)t[2].val * 12 + t[0].val);
		if (span != 11)
			return -1;
		p.freq = PERIOD_ROLL12;
		p.year = t[6].val;
		p.num = t[4].val;
		break;
	case SH_Y_MID: {
		/* a rolling quarter: ONS dates it by its middle month */
		long first = (long)t[0].val * 12 + t[2].val - 1;
		long last = first + ((t[4].val - t[2].val + 12) % 12);
		if (last - first != 2)
			return -1;
		p.freq = PERIOD_MONTH;
		p.year = (int)((first + 1) / 12);
		p.num = (int)((first + 1) % 12) + 1;
		break;
	}
	}
	if (!period_valid(&p))
		return -1;
	*out = p;
	return 0;
}
