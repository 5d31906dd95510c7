/* period.h - statistical periods: year, quarter, month, ISO week, day and
 * rolling 12-month windows, with one canonical text form each (SPEC §4):
 *   2026  2026-Q2  2026-02  2026-W47  2026-11-18  2025-09/12M
 *
 * A period is a small value type (no ownership). Parsing accepts every
 * form publishers use (feed-formats.md §7 item 6): `2026-02`,
 * `February 2026`, `1989 JAN`, `1989 Q1`, `Sep-16`, `Oct 2024-Sep 2025`,
 * `02 Jan 2019`, `2025 NOV-JAN` (a rolling quarter label, read as the
 * window's middle month, as ONS dates it), plus the canonical forms. */
#ifndef EIMON_PERIOD_H
#define EIMON_PERIOD_H

#include <stddef.h>

enum period_freq {
	PERIOD_NONE = 0,
	PERIOD_YEAR,
	PERIOD_QUARTER,
	PERIOD_MONTH,
	PERIOD_WEEK,   /* ISO 8601 week; year is the ISO week-year */
	PERIOD_DAY,
	PERIOD_ROLL12  /* 12 months ending year-num (APS) */
};

struct period {
	enum period_freq freq;
	int year;
	int num;  /* quarter 1-4, month 1-12, week 1-53, day of year 1-366,
		     ROLL12: end month 1-12; 0 for YEAR */
};

#define PERIOD_TEXT_MAX 32

/* Parse s[0..len). Leading/trailing spaces are ignored. 0 or -1. */
int period_parse(const char *s, size_t len, struct period *out);
/* Canonical text into buf (PERIOD_TEXT_MAX is always enough). */
void period_format(const struct period *p, char *buf, size_t size);
/* Labels for readers are fmt_period's (fmt.h): display text in one place. */

/* Order: by start date, then frequency. Equal only if identical. */
int period_cmp(const struct period *a, const struct period *b);
int period_eq(const struct period *a, const struct period *b);
/* The period n steps later (n < 0: earlier), same frequency. */
struct period period_add(struct period p, int n);
/* Same period a year earlier: 12 months, 4 quarters, the same ISO week
 * number of the previous week-year (W53 -> freq NONE when that year has
 * no week 53), the same day, the same window. freq NONE when none. */
struct period period_year_ago(struct period p);
/* Number of steps from a to b (same frequency), b - a. */
long period_diff(const struct period *a, const struct period *b);

/* Days since 1970-01-01 of the first and the last day of the period. */
long period_start_day(const struct period *p);
long period_end_day(const struct period *p);
/* The period of frequency f that contains day d (days since epoch). */
struct period period_of_day(long day, enum period_freq f);

/* Number of ISO weeks (52 or 53) in ISO week-year y. */
int period_iso_weeks(int y);
/* Days since 1970-01-01 for a civil date, and back. */
long period_days_from_civil(int y, int m, int d);
void period_civil_from_days(long days, int *y, int *m, int *d);

const char *period_freq_name(enum period_freq f); /* "month"... */
int period_freq_parse(const char *s, enum period_freq *out);

#endif
