/* notes_date.c - calendar dates, ISO weeks and reporting windows as notes
 * and editions use them: strict text forms over period.c's arithmetic. */
#include "notes.h"

#include "period.h"

#include <stdio.h>
#include <string.h>

#include "banned.h"

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

/* Strictly YYYY-MM-DD and a real calendar date: the date must survive the
 * round trip through a day number (2026-02-30 does not). */
int notes_parse_date(const char *s, long *day)
{
	int y, m, d, y2, m2, d2;
	long n;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    digits(s, 4, &y) || digits(s + 5, 2, &m) || digits(s + 8, 2, &d))
		return -1;
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	n = period_days_from_civil(y, m, d);
	period_civil_from_days(n, &y2, &m2, &d2);
	if (y2 != y || m2 != m || d2 != d)
		return -1;
	*day = n;
	return 0;
}

void notes_format_date(long day, char *buf, size_t size)
{
	int y, m, d;

	period_civil_from_days(day, &y, &m, &d);
	snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
}

void notes_format_week(const struct period *week, char *buf, size_t size)
{
	period_format(week, buf, size);
}

/* Strictly YYYY-Www (the form of edition file names). */
int notes_parse_week(const char *s, struct period *week)
{
	struct period p;

	if (strlen(s) != 8 || s[4] != '-' || s[5] != 'W' ||
	    period_parse(s, 8, &p) || p.freq != PERIOD_WEEK || p.year < 1900)
		return -1;
	*week = p;
	return 0;
}

struct period notes_week_of_day(long day)
{
	return period_of_day(day, PERIOD_WEEK);
}

int notes_window(const struct period *week, const char *window,
		 long *first_day, long *last_day)
{
	if (!week || week->freq != PERIOD_WEEK || week->num < 1 ||
	    week->num > period_iso_weeks(week->year))
		return -1;
	if (!window || strcmp(window, "week") == 0)
		*first_day = period_start_day(week);
	else if (strcmp(window, "fortnight") == 0)
		*first_day = period_start_day(week) - 7;
	else
		return -1;
	*last_day = period_end_day(week);
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
