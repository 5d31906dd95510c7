/* compose_since.c - "since last week's monitor": which indicators have
 * new data, and which latest values were revised, compared with the
 * figures.csv of the previous edition. Only periods are printed, so every
 * number in the bulletin still comes from this edition's figures. */
#include "compose.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "figures.h"
#include "fmt.h"
#include "strbuf.h"
#include "xalloc.h"
#include "banned.h"

struct prev_latest {
	char *indicator, *geography;
	const char *name;   /* the figure: latest, previous, year_ago, ... */
	struct period period;
	double value;
};

void compose_prev_release(struct compose_prev *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		free(p->items[i].indicator);
		free(p->items[i].geography);
	}
	free(p->items);
	memset(p, 0, sizeof(*p));
}

/* Keep the values of the previous edition's figures.csv (read
 * by figures_read_csv, beside its writer). A file that does not read is
 * treated as absent: this comparison is a courtesy, not an input. */
void compose_prev_parse(const char *text, size_t len, const char *week,
			struct compose_prev *out)
{
	struct figure_set set;
	struct eim_error err;
	size_t i, cap = 0;

	memset(out, 0, sizeof(*out));
	snprintf(out->week, sizeof(out->week), "%s", week);
	figures_init(&set);
	eim_error_init(&err);
	if (figures_read_csv(text, len, "figures.csv", &set, &err) == 0) {
		for (i = 0; i < set.n; i++) {
			const struct figure *f = &set.items[i];
			struct prev_latest *p;

			if (!figures_is_level(f->name))
				continue;
			XGROW(out->items, cap, out->n + 1);
			p = &out->items[out->n++];
			p->indicator = xstrdup(f->indicator);
			p->geography = xstrdup(f->geography);
			p->name = f->name; /* static text */
			p->period = f->period;
			p->value = f->value;
		}
	}
	figures_release(&set);
}

static const struct prev_latest *prev_find(const struct compose_prev *p,
					   const char *ind, const char *geo)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (strcmp(p->items[i].name, "latest") == 0 &&
		    strcmp(p->items[i].indicator, ind) == 0 &&
		    strcmp(p->items[i].geography, geo) == 0)
			return &p->items[i];
	return NULL;
}

/* The previous edition as the bulletin names it ("week 43 2026"). */
static void prev_name(const struct compose_prev *p, char *buf, size_t size)
{
	struct period pw;

	if (period_parse(p->week, strlen(p->week), &pw))
		snprintf(buf, size, "%s", p->week);
	else
		fmt_period(buf, size, &pw);
}

/* 1 when item i repeats an earlier item's value (latest and baseline
 * of one period). figures.csv keeps an indicator's figures at a place
 * together, so only the items just before i can be of the same place. */
static int seen_before(const struct compose_prev *p, size_t i)
{
	const struct prev_latest *a = &p->items[i];
	size_t k = i;

	while (k-- > 0 && strcmp(p->items[k].geography, a->geography) == 0 &&
	       strcmp(p->items[k].indicator, a->indicator) == 0)
		if (period_eq(&p->items[k].period, &a->period))
			return 1;
	return 0;
}

void compose_revisions(const struct compose_input *in, struct doc *d)
{
	const struct compose_prev *p = in->prev;
	char wl[FMT_MAX];
	size_t i;

	if (!p || !p->week[0])
		return;
	prev_name(p, wl, sizeof(wl));
	d->prev_edition = xstrdup(wl);
	for (i = 0; i < p->n; i++) {
		const struct prev_latest *was = &p->items[i];
		const struct config_indicator *ind =
			config_find_indicator(in->cfg, was->indicator);
		const struct figure *now;
		const char *place;
		struct doc_revision *rv;

		if (!ind || seen_before(p, i))
			continue;
		now = figures_value_in(in->figs, was->indicator,
				       was->geography, &was->period);
		/* full precision: figures.csv reads back the same double */
		if (!now || now->value == was->value)
			continue;
		place = config_place_name(in->cfg, was->geography);
		rv = doc_add_revision(d, ind->title,
				      place ? place : was->geography,
				      was->geography, &was->period,
				      was->value, now->value);
		rv->unit = ind->unit;
		rv->decimals = (int)ind->decimals;
	}
}

static const char *measure_of(const struct config_indicator *ind)
{
	return ind->measure ? ind->measure : ind->title;
}

void compose_since(const struct compose_input *in, struct doc *d)
{
	const struct config *c = in->cfg;
	struct strbuf fresh = STRBUF_INIT, rev = STRBUF_INIT, sb = STRBUF_INIT;
	size_t i, nfresh = 0, nrev = 0;
	char per[FMT_MAX];

	if (!in->prev || !in->prev->week[0])
		return;
	for (i = 0; i < c->nindicators; i++) {
		const struct config_indicator *ind = &c->indicators[i];
		const char *geo = compose_main_geo(in, ind);
		const struct figure *now;
		const struct prev_latest *was;
		if (!geo)
			continue;
		now = figures_find(in->figs, ind->id, geo, "latest");
		was = prev_find(in->prev, ind->id, geo);
		if (!now)
			continue;
		fmt_period(per, sizeof(per), &now->period);
		if (!was || period_cmp(&now->period, &was->period) > 0) {
			strbuf_addf(&fresh, "%s%s (%s)", nfresh ? "; " : "",
				    measure_of(ind), per);
			nfresh++;
		} else if (period_eq(&now->period, &was->period) &&
			   fmt_value_cmp(now->value, was->value, ind->unit,
					 (int)ind->decimals) != 0) {
			strbuf_addf(&rev, "%s%s (%s)", nrev ? "; " : "",
				    measure_of(ind), per);
			nrev++;
		}
	}
	{
		char wl[FMT_MAX];

		prev_name(in->prev, wl, sizeof(wl));
		strbuf_addf(&sb, "Since the last monitor (%s): ", wl);
	}
	if (nfresh)
		strbuf_addf(&sb, "new data for %s.", fresh.buf);
	else
		strbuf_adds(&sb, "no indicator has new data.");
	if (nrev)
		strbuf_addf(&sb, " Revised by the publisher: %s.", rev.buf);
	doc_add_para(d, sb.buf);
	compose_release(d, &fresh);
	compose_release(d, &rev);
	compose_release(d, &sb);
}
