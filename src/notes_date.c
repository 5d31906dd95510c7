/* notes_date.c - calendar dates, ISO weeks and reporting windows as notes
 * and editions use them. Self-contained (no period.c) so that the notes
 * module builds and tests on its own. */
#include "notes.h"

#include <stdio.h>
#include <string.h>

#include "banned.h"

/* Howard Hinnant's days_from_civil / civil_from_days. */
static long days_from_civil(long y, unsigned m, unsigned d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
	static const int md[12] = { 31, 28, 31, 30, 31, 30,
				    31, 31, 30, 31, 30, 31 };
	return m == 2 && leap(y) ? 29 : md[m - 1];
}

/* ISO weekday, Monday 1 .. Sunday 7 (1970-01-01 was a Thursday). */
static int iso_weekday(long day)
{
	long r = (day + 3) % 7;

	return (int)(r < 0 ? r + 7 : r) + 1;
}

static long week1_monday(int y)
{
	long jan4 = days_from_civil(y, 1, 4);

	return jan4 - (iso_weekday(jan4) - 1);
}

static int iso_weeks(int y)
{
	return (int)((week1_monday(y + 1) - week1_monday(y)) / 7);
}

static int digits(const char *s, int n, int *out)
{
	int i, v = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int notes_parse_date(const char *s, long *day)
{
	int y, m, d;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    digits(s, 4, &y) || digits(s + 5, 2, &m) || digits(s + 8, 2, &d))
		return -1;
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > month_days(y, m))
		return -1;
	*day = days_from_civil(y, (unsigned)m, (unsigned)d);
	return 0;
}

void notes_format_date(long day, char *buf, size_t size)
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
}

void notes_format_week(const struct period *week, char *buf, size_t size)
{
	snprintf(buf, size, "%04d-W%02d", week->year, week->num);
}

int notes_parse_week(const char *s, struct period *week)
{
	int y, w;

	if (strlen(s) != 8 || s[4] != '-' || s[5] != 'W' ||
	    digits(s, 4, &y) || digits(s + 6, 2, &w))
		return -1;
	if (y < 1900 || w < 1 || w > iso_weeks(y))
		return -1;
	week->freq = PERIOD_WEEK;
	week->year = y;
	week->num = w;
	return 0;
}

struct period notes_week_of_day(long day)
{
	struct period p;
	int y, m, d;
	long thursday = day + (4 - iso_weekday(day));

	/* The ISO week-year is the year of the week's Thursday. */
	civil_from_days(thursday, &y, &m, &d);
	p.freq = PERIOD_WEEK;
	p.year = y;
	p.num = (int)((day - week1_monday(y)) / 7) + 1;
	return p;
}

int notes_window(const struct period *week, const char *window,
		 long *first_day, long *last_day)
{
	long mon;

	if (!week || week->freq != PERIOD_WEEK || week->num < 1 ||
	    week->num > iso_weeks(week->year))
		return -1;
	mon = week1_monday(week->year) + 7L * (week->num - 1);
	if (!window || strcmp(window, "week") == 0)
		*first_day = mon;
	else if (strcmp(window, "fortnight") == 0)
		*first_day = mon - 7;
	else
		return -1;
	*last_day = mon + 6;
	return 0;
}

size_t notes_utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

int notes_utf8_valid(const char *str)
{
	const unsigned char *p = (const unsigned char *)str;
	unsigned cp;
	size_t k, i;

	while (*p) {
		if (*p < 0x80) {
			p++;
			continue;
		}
		if (*p >= 0xC2 && *p <= 0xDF)
			k = 2, cp = *p & 0x1F;
		else if (*p >= 0xE0 && *p <= 0xEF)
			k = 3, cp = *p & 0x0F;
		else if (*p >= 0xF0 && *p <= 0xF4)
			k = 4, cp = *p & 0x07;
		else
			return 0;
		for (i = 1; i < k; i++) {
			if ((p[i] & 0xC0) != 0x80) /* also stops at NUL */
				return 0;
			cp = (cp << 6) | (p[i] & 0x3F);
		}
		if ((k == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
		    (k == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
			return 0;
		p += k;
	}
	return 1;
}
