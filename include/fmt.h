/* fmt.h - every number and date eimon prints, formatted in one place.
 *
 * Rules (SPEC §7 "rounding only at display"):
 * - Values are kept at full precision everywhere else; these functions
 *   are the only place that rounds. Rounding is half away from zero on
 *   the value's shortest decimal form (15 significant digits), so 2.675
 *   shows as 2.68 and -0.125 as -0.13 at two decimals, whatever the
 *   binary representation.
 * - A value that rounds to zero prints without a sign: never "-0".
 * - Negative numbers and negative changes use the real minus sign
 *   U+2212 (FMT_MINUS, "−", 3 bytes of UTF-8): the bulletin font has it
 *   and it reads better than a hyphen. Machine files (figures.csv) do not
 *   use this module: they print full precision with an ASCII '-'.
 * - Thousands separators are commas (131,560); decimals are a full stop.
 * - Money: £12,300 below a million, £340m / £3.4m (one decimal below
 *   £10m), £1.2bn / £106.7bn (one decimal). Negative: −£1.2bn.
 * - Percent and rate units print with "%" (6.4%); their changes are
 *   percentage points: "pp" in compact form (+0.2pp), "percentage points"
 *   in sentences (headline.h).
 *
 * Ownership: every function writes into the caller's buffer buf of size
 * bytes (always NUL-terminated when size > 0; FMT_MAX is always enough)
 * and returns buf, so calls can be nested in argument lists. */
#ifndef EIMON_FMT_H
#define EIMON_FMT_H

#include <stddef.h>

#include "period.h"

#define FMT_MAX 96
#define FMT_MINUS "\xE2\x88\x92" /* U+2212 MINUS SIGN */

/* Round v to decimals places, half away from zero, on its shortest
 * decimal form. Returns +0.0 for results that are zero. */
double fmt_round(double v, int decimals);

/* 131,560  1,240.5  −1,240 (decimals >= 0; grouping always on). */
const char *fmt_number(char *buf, size_t size, double v, int decimals);
/* Same without thousands separators: 2026, 51.2. */
const char *fmt_plain(char *buf, size_t size, double v, int decimals);
/* Signed change: +1,240  −1,240  0 (zero after rounding gets no sign). */
const char *fmt_signed(char *buf, size_t size, double v, int decimals);

/* Money in pounds: £12,300  £340m  £3.4m  £1.2bn. decimals applies only
 * below £1m (pence: 2). */
const char *fmt_gbp(char *buf, size_t size, double v, int decimals);
/* Signed money: +£340m  −£1.2bn  £0. */
const char *fmt_gbp_signed(char *buf, size_t size, double v, int decimals);

/* 6.4%  and signed +0.9%  −0.9%  0.0%. */
const char *fmt_percent(char *buf, size_t size, double v, int decimals);
const char *fmt_percent_signed(char *buf, size_t size, double v,
			       int decimals);
/* A percentage change as sentences and tables print it: signed, and a
 * change that is not zero but rounds to it "<0.1%" (decimals 1), never
 * "+0.0%". */
const char *fmt_percent_change(char *buf, size_t size, double v,
			       int decimals);
/* Percentage points, signed: +0.2pp  −1.5pp  0.0pp. */
const char *fmt_pp(char *buf, size_t size, double v, int decimals);

/* A value of an indicator unit (enum config_unit): count and index as
 * numbers, percent and rate with "%", gbp as money. */
const char *fmt_value(char *buf, size_t size, double v, int unit,
		      int decimals);
/* The value a reader sees in fmt_value's text, as a number: v rounded
 * at its displayed precision (6.84 at 1 decimal: 6.8; £3,449,000: 3.4e6).
 * The one rule for "as displayed" comparisons: ranks, ties, records and
 * the bars of a chart compare values with fmt_value_cmp (-1, 0, 1), so
 * two values that print the same are equal everywhere. */
double fmt_value_shown(double v, int unit, int decimals);
int fmt_value_cmp(double a, double b, int unit, int decimals);
/* A signed change in that unit: +1,240  +0.2pp  +£340m  +1.5. */
const char *fmt_change(char *buf, size_t size, double v, int unit,
		       int decimals);

/* 1st 2nd 3rd 4th 11th 12th 13th 21st 101st 111th. */
const char *fmt_ordinal(char *buf, size_t size, long n);
/* "6th of 12", "joint 2nd of 7" (joint != 0). */
const char *fmt_rank(char *buf, size_t size, long rank, long of, int joint);

/* "October", and "October 2026". month 1-12 (else "?"). */
const char *fmt_month_name(int month);
const char *fmt_month(char *buf, size_t size, int year, int month);
/* "20 November 2026" for a civil date. */
const char *fmt_date(char *buf, size_t size, int year, int month, int day);
/* "week 47 2026" for ISO week w of week-year y. */
const char *fmt_week(char *buf, size_t size, int year, int week);
/* "the week to 20 November 2026": the week ending on that date. */
const char *fmt_week_to(char *buf, size_t size, int year, int month,
			int day);

/* A period as a reader names it: "2026", "Q2 2026", "October 2026",
 * "week 47 2026", "18 November 2026", "the 12 months to September 2025". */
const char *fmt_period(char *buf, size_t size, const struct period *p);
/* The same with its preposition, for sentences: "in 2026",
 * "in Q2 2026", "in October 2026", "in the week to 22 November 2026"
 * (ISO weeks end on Sunday), "on 18 November 2026",
 * "in the 12 months to September 2025". */
const char *fmt_period_phrase(char *buf, size_t size,
			      const struct period *p);

#endif
