/* chart_axis.c - nice value ticks and non-overlapping date ticks (see
 * chart_axis.h). */
#include "chart_axis.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "banned.h"

static const char *const month_abbr[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

static int step_decimals(double step)
{
	int d;

	for (d = 0; d < 6; d++) {
		double s = step * pow(10.0, d);

		if (fabs(s - floor(s + 0.5)) < 1e-6 * (s > 1 ? s : 1))
			return d;
	}
	return 6;
}

int axis_nice_ticks(double min, double max, int maxticks, unsigned flags,
		    struct axis_ticks *out)
{
	static const double mant[] = { 1.0, 2.0, 2.5, 5.0 };
	double raw, step = 0, lo = 0, hi = 0;
	int e, k, i, n = 0, found = 0;

	memset(out, 0, sizeof(*out));
	if (!isfinite(min) || !isfinite(max))
		return -1;
	if (maxticks < 2)
		maxticks = 2;
	if (maxticks > AXIS_MAX_TICKS)
		maxticks = AXIS_MAX_TICKS;
	if (min > max) {
		double t = min;

		min = max;
		max = t;
	}
	if (flags & AXIS_ZERO) {
		if (min > 0)
			min = 0;
		if (max < 0)
			max = 0;
	}
	if (max - min < 1e-12 * (fabs(max) > 1 ? fabs(max) : 1)) {
		/* flat: widen by a tenth of the value (or 1 around zero) */
		double d = fabs(min) > 0 ? fabs(min) * 0.1 : 1.0;

		if (min >= 0 && min - d < 0 && min != 0)
			/* the next branch turns -0.0 into +0.0: not a clone */
			/* NOLINTNEXTLINE(bugprone-branch-clone) */
			min = 0;
		else if (min == 0)
			min = 0;
		else
			min -= d;
		max += d;
	} else if ((flags & AXIS_PAD_BELOW) && !(flags & AXIS_ZERO)) {
		double pad = (max - min) * 0.05;

		if (min >= 0 && min - pad < 0)
			min = 0;
		else
			min -= pad;
	}
	raw = (max - min) / (maxticks - 1);
	e = (int)floor(log10(raw));
	for (k = e - 1; k <= e + 2 && !found; k++) {
		for (i = 0; i < 4 && !found; i++) {
			step = mant[i] * pow(10.0, k);
			lo = floor(min / step + 1e-9) * step;
			hi = ceil(max / step - 1e-9) * step;
			n = (int)floor((hi - lo) / step + 0.5) + 1;
			if (n <= maxticks && n >= 2)
				found = 1;
		}
	}
	if (!found)
		return -1;
	out->lo = lo;
	out->hi = hi;
	out->step = step;
	out->n = n;
	out->decimals = step_decimals(step);
	for (i = 0; i < n; i++) {
		double v = lo + i * step;

		if (fabs(v) < step * 1e-9)
			v = 0; /* no "-0" */
		out->v[i] = v;
	}
	return 0;
}

void axis_format(double v, int decimals, char *buf, size_t size)
{
	char digits[64], *p;
	char out[96];
	size_t i, len, intlen, o = 0;
	int neg;

	if (decimals < 0)
		decimals = 0;
	snprintf(digits, sizeof(digits), "%.*f", decimals, fabs(v));
	neg = v < 0 && strspn(digits, "0.") != strlen(digits);
	p = strchr(digits, '.');
	len = strlen(digits);
	intlen = p ? (size_t)(p - digits) : len;
	if (neg) {
		memcpy(out, "\xe2\x88\x92", 3); /* U+2212 minus sign */
		o = 3;
	}
	for (i = 0; i < intlen; i++) {
		if (i > 0 && (intlen - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	for (i = intlen; i < len; i++)
		out[o++] = digits[i];
	out[o] = '\0';
	snprintf(buf, size, "%s", out);
}

/* The day a period is plotted at: its first day, except a rolling
 * window, plotted at the first day of its end month (where its label
 * says it is). */
long axis_period_day(const struct period *p)
{
	if (p->freq == PERIOD_ROLL12)
		return period_days_from_civil(p->year, p->num, 1);
	return p->freq == PERIOD_NONE ? 0 : period_start_day(p);
}

struct candidate {
	enum axis_date_unit unit;
	int step;
};

static long floor_div(long a, long b)
{
	long q = a / b;

	return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

/* Fill out with the ticks of one candidate; 0 if at most
 * AXIS_MAX_TICKS. */
static int place(const struct candidate *c, long d0, long d1,
		 enum period_freq freq, struct axis_date_ticks *out)
{
	int y, m, dd;
	long t;

	out->unit = c->unit;
	out->step = c->step;
	out->n = 0;
	if (c->unit == AXIS_DAYS) {
		long first = d0;

		/* weekly ticks on Mondays: day 4 (1970-01-05) was one */
		if (c->step == 7 || c->step == 14)
			first = d0 + (((4 - d0) % 7) + 7) % 7;
		for (t = first; t <= d1; t += c->step) {
			if (out->n >= AXIS_MAX_TICKS)
				return -1;
			period_civil_from_days(t, &y, &m, &dd);
			out->day[out->n] = t;
			snprintf(out->label[out->n], AXIS_LABEL_MAX, "%d %s",
				 dd, month_abbr[m - 1]);
			out->n++;
		}
		return 0;
	}
	period_civil_from_days(d0, &y, &m, &dd);
	{
		long mi = (long)y * 12 + (m - 1);
		long s = c->step;

		if (dd != 1)
			mi++; /* the first month start inside the range */
		mi = floor_div(mi + s - 1, s) * s;
		for (;; mi += s) {
			int ty = (int)floor_div(mi, 12);
			int tm = (int)(mi - (long)ty * 12) + 1;

			t = period_days_from_civil(ty, tm, 1);
			if (t > d1)
				break;
			if (out->n >= AXIS_MAX_TICKS)
				return -1;
			out->day[out->n] = t;
			if (c->unit == AXIS_YEARS)
				snprintf(out->label[out->n], AXIS_LABEL_MAX,
					 "%d", ty);
			else if (freq == PERIOD_QUARTER)
				snprintf(out->label[out->n], AXIS_LABEL_MAX,
					 "Q%d %d", (tm - 1) / 3 + 1, ty);
			else
				snprintf(out->label[out->n], AXIS_LABEL_MAX,
					 "%s %d", month_abbr[tm - 1], ty);
			out->n++;
		}
	}
	return 0;
}

/* Position and clamp the labels; 0 when none overlap. */
static int fits(struct axis_date_ticks *o, long d0, long d1, double width,
		double overhang, double gap, axis_measure_fn measure,
		void *ctx)
{
	double span = d1 > d0 ? (double)(d1 - d0) : 1.0;
	size_t i;

	if (o->n == 0)
		return -1;
	for (i = 0; i < o->n; i++) {
		double x = d1 > d0 ? (o->day[i] - d0) / span * width
				   : width / 2;
		double w = measure(o->label[i], ctx);

		if (w > width + 2 * overhang)
			return -1;
		if (x - w / 2 < -overhang)
			x = -overhang + w / 2;
		if (x + w / 2 > width + overhang)
			x = width + overhang - w / 2;
		o->x[i] = x;
		o->w[i] = w;
		if (i > 0 && o->x[i - 1] + o->w[i - 1] / 2 + gap > x - w / 2)
			return -1;
	}
	return 0;
}

int axis_date_ticks(long d0, long d1, enum period_freq freq, double width,
		    double overhang, double gap, axis_measure_fn measure,
		    void *ctx, struct axis_date_ticks *out)
{
	static const struct candidate cands[] = {
		{ AXIS_DAYS, 1 }, { AXIS_DAYS, 2 }, { AXIS_DAYS, 7 },
		{ AXIS_DAYS, 14 }, { AXIS_MONTHS, 1 }, { AXIS_MONTHS, 3 },
		{ AXIS_MONTHS, 6 }, { AXIS_YEARS, 12 }, { AXIS_YEARS, 24 },
		{ AXIS_YEARS, 60 }, { AXIS_YEARS, 120 }, { AXIS_YEARS, 600 }
	};
	size_t i;

	memset(out, 0, sizeof(*out));
	if (d1 < d0) {
		long t = d0;

		d0 = d1;
		d1 = t;
	}
	for (i = 0; i < sizeof(cands) / sizeof(cands[0]); i++) {
		const struct candidate *c = &cands[i];

		/* day ticks only for short spans; never finer than the data */
		if (c->unit == AXIS_DAYS &&
		    (d1 - d0 > 92 || freq == PERIOD_MONTH ||
		     freq == PERIOD_QUARTER || freq == PERIOD_YEAR ||
		     (freq == PERIOD_WEEK && c->step < 7)))
			continue;
		if (c->unit == AXIS_MONTHS &&
		    ((freq == PERIOD_QUARTER && c->step < 3) ||
		     freq == PERIOD_YEAR))
			continue;
		if (place(c, d0, d1, freq, out) != 0)
			continue;
		if (fits(out, d0, d1, width, overhang, gap, measure, ctx) == 0)
			return 0;
	}
	memset(out, 0, sizeof(*out));
	return -1;
}
