/* fmt.c - number and date formatting for display (see fmt.h). */
#include "fmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "banned.h"

#define DEC_MAX 10
#define DIG_MAX 400 /* integer digits of DBL_MAX plus DEC_MAX plus carry */

static const char *const month_names[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

/* buf = a b c d (any may be NULL), cut to size; returns buf. Used instead
 * of snprintf("%s%s...") so that truncation is explicit. */
static const char *join(char *buf, size_t size, const char *a,
			const char *b, const char *c, const char *d)
{
	const char *parts[4];
	size_t o = 0, i;

	parts[0] = a;
	parts[1] = b;
	parts[2] = c;
	parts[3] = d;
	if (size == 0)
		return buf;
	for (i = 0; i < 4; i++) {
		size_t n;

		if (!parts[i])
			continue;
		n = strlen(parts[i]);
		if (n > size - 1 - o)
			n = size - 1 - o;
		memcpy(buf + o, parts[i], n);
		o += n;
	}
	buf[o] = '\0';
	return buf;
}

/* |v| rounded half away from zero to dec places, as decimal digits:
 * digits[0..nint) integer part (no leading zeros, at least "0"),
 * digits[nint..nint+dec) the fraction. Rounds the 15-significant-digit
 * decimal form of v, so binary noise (2.675 = 2.67499999...) does not
 * decide the rounding. Returns 1 if the result is zero. */
static int round_digits(double v, int dec, char *digits, size_t *nint)
{
	char tmp[40];
	char sig[16];
	char work[DIG_MAX + 2];
	int exp, hi, k, n = 0, i, zero = 1;
	const char *e;

	memset(work, '0', sizeof(work)); /* every digit defined (analyzer) */
	snprintf(tmp, sizeof(tmp), "%.14e", fabs(v));
	/* "d.dddddddddddddde+XX" */
	sig[0] = tmp[0];
	memcpy(sig + 1, tmp + 2, 14);
	sig[15] = '\0';
	e = strchr(tmp, 'e');
	exp = e ? (int)strtol(e + 1, NULL, 10) : 0;
	if (v == 0)
		exp = 0;
	hi = exp > 0 ? exp : 0;
	if (hi > DIG_MAX - DEC_MAX - 3)
		hi = DIG_MAX - DEC_MAX - 3;
	/* work[0] is a spare leading digit for the carry; then the digits
	 * for 10^hi .. 10^(-dec-1). */
	work[n++] = '0';
	for (k = hi; k >= -dec - 1; k--) {
		int idx = exp - k;

		work[n++] = (idx >= 0 && idx < 15 && v != 0) ? sig[idx] : '0';
	}
	/* round on the last digit (10^(-dec-1)) */
	if (work[n - 1] >= '5') {
		for (i = n - 2; i >= 0; i--) {
			if (work[i] == '9') {
				work[i] = '0';
			} else {
				work[i]++;
				break;
			}
		}
	}
	n--; /* drop the rounding digit */
	/* integer digits: work[0 .. hi+2), fraction: the rest (dec) */
	{
		int intlen = hi + 2, start = 0, j = 0;

		while (start < intlen - 1 && work[start] == '0')
			start++;
		for (i = start; i < intlen; i++)
			digits[j++] = work[i];
		*nint = (size_t)j;
		for (i = intlen; i < n; i++)
			digits[j++] = work[i];
		digits[j] = '\0';
		for (i = 0; i < j; i++)
			if (digits[i] != '0')
				zero = 0;
	}
	return zero;
}

static int clamp_dec(int decimals)
{
	if (decimals < 0)
		return 0;
	return decimals > DEC_MAX ? DEC_MAX : decimals;
}

/* The magnitude of v with dec decimals into buf, grouped by commas if
 * group. *zero says whether it rounded to zero. */
static void magnitude(char *buf, size_t size, double v, int dec, int group,
		      int *zero)
{
	char digits[DIG_MAX + 2];
	char out[DIG_MAX + DIG_MAX / 3 + 4];
	size_t nint, i, o = 0;

	dec = clamp_dec(dec);
	*zero = round_digits(v, dec, digits, &nint);
	for (i = 0; i < nint; i++) {
		if (group && i > 0 && (nint - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	if (dec > 0) {
		out[o++] = '.';
		for (i = nint; digits[i]; i++)
			out[o++] = digits[i];
	}
	out[o] = '\0';
	join(buf, size, out, NULL, NULL, NULL);
}

/* sign: 0 minus only, 1 plus or minus. prefix/suffix around magnitude. */
static const char *compose(char *buf, size_t size, double v, int dec,
			   int group, int sign, const char *prefix,
			   const char *suffix)
{
	char mag[FMT_MAX * 2];
	const char *s = "";
	int zero;

	if (size == 0)
		return buf;
	if (!isfinite(v)) {
		snprintf(buf, size, "n/a");
		return buf;
	}
	magnitude(mag, sizeof(mag), v, dec, group, &zero);
	if (!zero && v < 0)
		s = FMT_MINUS;
	else if (!zero && sign)
		s = "+";
	return join(buf, size, s, prefix, mag, suffix);
}

double fmt_round(double v, int decimals)
{
	char buf[FMT_MAX * 2];
	int zero;
	double r;

	if (!isfinite(v))
		return v;
	magnitude(buf, sizeof(buf), v, decimals, 0, &zero);
	if (zero)
		return 0.0;
	r = strtod(buf, NULL);
	return v < 0 ? -r : r;
}

const char *fmt_number(char *buf, size_t size, double v, int decimals)
{
	return compose(buf, size, v, decimals, 1, 0, "", "");
}

const char *fmt_plain(char *buf, size_t size, double v, int decimals)
{
	return compose(buf, size, v, decimals, 0, 0, "", "");
}

const char *fmt_signed(char *buf, size_t size, double v, int decimals)
{
	return compose(buf, size, v, decimals, 1, 1, "", "");
}

static const char *gbp(char *buf, size_t size, double v, int decimals,
		       int sign)
{
	double a = fabs(v);

	/* The scale is chosen on the rounded magnitude, so that 999,999.7
	 * shows as £1.0m (not £1,000,000) and 999.6m as £1.0bn. */
	if (isfinite(v) && fmt_round(a, decimals) >= 1e6) {
		if (fmt_round(a / 1e6, 0) >= 1000)
			return compose(buf, size, v / 1e9, 1, 1, sign, "£",
				       "bn");
		if (fmt_round(a / 1e6, 1) >= 10)
			return compose(buf, size, v / 1e6, 0, 1, sign, "£",
				       "m");
		return compose(buf, size, v / 1e6, 1, 1, sign, "£", "m");
	}
	return compose(buf, size, v, decimals, 1, sign, "£", "");
}

const char *fmt_gbp(char *buf, size_t size, double v, int decimals)
{
	return gbp(buf, size, v, decimals, 0);
}

const char *fmt_gbp_signed(char *buf, size_t size, double v, int decimals)
{
	return gbp(buf, size, v, decimals, 1);
}

const char *fmt_percent(char *buf, size_t size, double v, int decimals)
{
	return compose(buf, size, v, decimals, 1, 0, "", "%");
}

const char *fmt_percent_signed(char *buf, size_t size, double v,
			       int decimals)
{
	return compose(buf, size, v, decimals, 1, 1, "", "%");
}

const char *fmt_percent_change(char *buf, size_t size, double v,
			       int decimals)
{
	int d = decimals < 0 ? 0 : decimals > 15 ? 15 : decimals;

	if (v != 0 && fmt_round(fabs(v), d) == 0) {
		snprintf(buf, size, "<%s%.*s1%%", d ? "0." : "", d ? d - 1 : 0,
			 "000000000000000");
		return buf;
	}
	return fmt_percent_signed(buf, size, v, decimals);
}

const char *fmt_pp(char *buf, size_t size, double v, int decimals)
{
	return compose(buf, size, v, decimals, 1, 1, "", "pp");
}

const char *fmt_value(char *buf, size_t size, double v, int unit,
		      int decimals)
{
	switch (unit) {
	case UNIT_PERCENT:
	case UNIT_RATE:
		return fmt_percent(buf, size, v, decimals);
	case UNIT_GBP:
		return fmt_gbp(buf, size, v, decimals);
	default:
		return fmt_number(buf, size, v, decimals);
	}
}

double fmt_value_shown(double v, int unit, int decimals)
{
	double a = fabs(v);

	if (!isfinite(v))
		return v;
	/* the same scale choice as gbp() */
	if (unit == UNIT_GBP && fmt_round(a, decimals) >= 1e6) {
		if (fmt_round(a / 1e6, 0) >= 1000)
			return fmt_round(v / 1e9, 1) * 1e9;
		if (fmt_round(a / 1e6, 1) >= 10)
			return fmt_round(v / 1e6, 0) * 1e6;
		return fmt_round(v / 1e6, 1) * 1e6;
	}
	return fmt_round(v, clamp_dec(decimals));
}

int fmt_value_cmp(double a, double b, int unit, int decimals)
{
	double x = fmt_value_shown(a, unit, decimals);
	double y = fmt_value_shown(b, unit, decimals);

	return x < y ? -1 : x > y;
}

const char *fmt_change(char *buf, size_t size, double v, int unit,
		       int decimals)
{
	switch (unit) {
	case UNIT_PERCENT:
	case UNIT_RATE:
		return fmt_pp(buf, size, v, decimals);
	case UNIT_GBP:
		return fmt_gbp_signed(buf, size, v, decimals);
	default:
		return fmt_signed(buf, size, v, decimals);
	}
}

const char *fmt_ordinal(char *buf, size_t size, long n)
{
	long a = n < 0 ? -n : n;
	const char *suf = "th";

	if (a % 100 < 11 || a % 100 > 13) {
		if (a % 10 == 1)
			suf = "st";
		else if (a % 10 == 2)
			suf = "nd";
		else if (a % 10 == 3)
			suf = "rd";
	}
	snprintf(buf, size, "%ld%s", n, suf);
	return buf;
}

const char *fmt_rank(char *buf, size_t size, long rank, long of, int joint)
{
	char ord[32];
	char of_s[32];

	snprintf(of_s, sizeof(of_s), " of %ld", of);
	return join(buf, size, joint ? "joint " : "",
		    fmt_ordinal(ord, sizeof(ord), rank), of_s, NULL);
}

const char *fmt_month_name(int month)
{
	if (month < 1 || month > 12)
		return "?";
	return month_names[month - 1];
}

const char *fmt_month(char *buf, size_t size, int year, int month)
{
	snprintf(buf, size, "%s %d", fmt_month_name(month), year);
	return buf;
}

const char *fmt_date(char *buf, size_t size, int year, int month, int day)
{
	snprintf(buf, size, "%d %s %d", day, fmt_month_name(month), year);
	return buf;
}

const char *fmt_week(char *buf, size_t size, int year, int week)
{
	snprintf(buf, size, "week %d %d", week, year);
	return buf;
}

const char *fmt_week_to(char *buf, size_t size, int year, int month,
			int day)
{
	char d[FMT_MAX];

	return join(buf, size, "the week to ",
		    fmt_date(d, sizeof(d), year, month, day), NULL, NULL);
}

/* The last day (civil date) of a period, via period.h's day numbers. */
static void end_date(const struct period *p, int *y, int *m, int *d)
{
	period_civil_from_days(period_end_day(p), y, m, d);
}

static const char *period_text(char *buf, size_t size,
			       const struct period *p, int phrase)
{
	char t[FMT_MAX];
	int y, m, d;

	switch (p->freq) {
	case PERIOD_YEAR:
		snprintf(buf, size, "%s%d", phrase ? "in " : "", p->year);
		break;
	case PERIOD_QUARTER:
		snprintf(buf, size, "%sQ%d %d", phrase ? "in " : "", p->num,
			 p->year);
		break;
	case PERIOD_MONTH:
		join(buf, size, phrase ? "in " : "",
		     fmt_month(t, sizeof(t), p->year, p->num), NULL, NULL);
		break;
	case PERIOD_WEEK:
		if (phrase) {
			end_date(p, &y, &m, &d);
			join(buf, size, "in ",
			     fmt_week_to(t, sizeof(t), y, m, d), NULL, NULL);
		} else {
			fmt_week(buf, size, p->year, p->num);
		}
		break;
	case PERIOD_DAY:
		end_date(p, &y, &m, &d);
		join(buf, size, phrase ? "on " : "",
		     fmt_date(t, sizeof(t), y, m, d), NULL, NULL);
		break;
	case PERIOD_ROLL12:
		join(buf, size, phrase ? "in " : "", "the 12 months to ",
		     fmt_month(t, sizeof(t), p->year, p->num), NULL);
		break;
	default:
		snprintf(buf, size, "?");
		break;
	}
	return buf;
}

const char *fmt_period(char *buf, size_t size, const struct period *p)
{
	return period_text(buf, size, p, 0);
}

const char *fmt_period_phrase(char *buf, size_t size,
			      const struct period *p)
{
	return period_text(buf, size, p, 1);
}
