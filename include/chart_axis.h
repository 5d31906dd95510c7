/* chart_axis.h - axis arithmetic for charts, independent of the PDF
 * library so that it can be unit tested: "nice" value ticks
 * (1, 2, 2.5, 5 x 10^k), date-axis ticks that never overlap, and tick
 * label formatting.
 *
 * Ownership: results are plain values in caller-provided structs; the
 * measuring callbacks are called synchronously and not kept. */
#ifndef EIMON_CHART_AXIS_H
#define EIMON_CHART_AXIS_H

#include <stddef.h>

#include "period.h"

#define AXIS_MAX_TICKS 16

enum axis_flags {
	AXIS_ZERO = 1 << 0,      /* the axis must include 0 (bars, columns) */
	AXIS_PAD_BELOW = 1 << 1  /* leave room below the minimum (lines) */
};

struct axis_ticks {
	double lo, hi, step;     /* lo = v[0], hi = v[n - 1] */
	int n;
	double v[AXIS_MAX_TICKS];
	int decimals;            /* decimals the step needs */
};

/* Ticks covering [min, max] with at most maxticks (2..AXIS_MAX_TICKS)
 * values, step 1, 2, 2.5 or 5 times a power of ten. A flat range is
 * widened around the value. -1 for non-finite input. */
int axis_nice_ticks(double min, double max, int maxticks, unsigned flags,
		    struct axis_ticks *out);

/* "140,000", "2.5", "−1.25" (U+2212 minus) into buf. */
void axis_format(double v, int decimals, char *buf, size_t size);

/* ---- date axis ---------------------------------------------------------- */
typedef double (*axis_measure_fn)(const char *s, void *ctx);

enum axis_date_unit { AXIS_DAYS, AXIS_MONTHS, AXIS_YEARS };

#define AXIS_LABEL_MAX 24

struct axis_date_ticks {
	enum axis_date_unit unit;
	int step;                /* days (DAYS) or months (MONTHS, YEARS) */
	size_t n;
	long day[AXIS_MAX_TICKS];            /* tick position, days since epoch */
	double x[AXIS_MAX_TICKS];            /* label centre, 0..width(+-overhang) */
	double w[AXIS_MAX_TICKS];            /* measured label width */
	char label[AXIS_MAX_TICKS][AXIS_LABEL_MAX];
};

/* Choose date ticks for days [d0, d1] drawn over [0, width]: the finest of
 * days (1, 2, 7, 14), months (1, 3, 6), years (1, 2, 5, 10) whose labels,
 * measured with measure and kept at least gap apart, do not overlap and
 * stay within [-overhang, width + overhang]. Labels: "18 Nov", "Mar 2024"
 * ("Q1 2024" when freq is PERIOD_QUARTER), "2024". -1 when nothing fits. */
int axis_date_ticks(long d0, long d1, enum period_freq freq, double width,
		    double overhang, double gap, axis_measure_fn measure,
		    void *ctx, struct axis_date_ticks *out);

/* Day a period is plotted at: its first day (ISO week: the Monday;
 * 12-month window: the first day of its end month). */
long axis_period_day(const struct period *p);

#endif
