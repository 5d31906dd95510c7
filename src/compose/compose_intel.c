/* compose_intel.c - the partners' intelligence summary block: notes by
 * theme and sentiment this edition beside the earlier editions, the
 * recurring concerns and, if the template asks, notes by place. Every
 * count printed is a row of figures.csv (notes_summary_csv). */
#include "compose.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "notes_summary.h"
#include "strbuf.h"
#include "xalloc.h"
#include "banned.h"

/* A count of notes of the edition of week as a number of the cell. */
static void count_value(struct doc_cell *cell, long n,
			const struct period *week)
{
	struct doc_value v;

	memset(&v, 0, sizeof(v));
	v.v = (double)n;
	v.period = *week;
	doc_cell_add_value(cell, &v);
}

/* "0 · 1 · 2" for editions shown..1 (oldest first) of counts v[k]. */
static void earlier_text(struct doc *d, const struct notes_summary *s,
			 const long *v, size_t stride, struct doc_cell *cell)
{
	struct strbuf sb = STRBUF_INIT;
	size_t k;

	for (k = s->shown; k >= 1; k--)
		strbuf_addf(&sb, "%s%ld", k == s->shown ? "" : " \u00b7 ",
			    v[k * stride]);
	doc_cell_set_text(cell, sb.buf);
	for (k = s->shown; k >= 1; k--)
		count_value(cell, v[k * stride], &s->week[k]);
	compose_release(d, &sb);
}

/* Sparkline of v[k], oldest edition first, this edition last. */
static void trend(const struct notes_summary *s, const long *v,
		  size_t stride, struct doc_cell *cell)
{
	double y[NSUM_MAX_BACK + 1];
	size_t k, n = s->shown + 1;

	struct period x[NSUM_MAX_BACK + 1];

	for (k = 0; k < n; k++) {
		y[k] = (double)v[(s->shown - k) * stride];
		x[k] = s->week[s->shown - k];
	}
	doc_cell_set_spark(cell, y, NULL, n);
	doc_cell_set_spark_at(cell, x, NULL, 0, 0);
}

/* This edition's count. */
static void num(const struct notes_summary *s, struct doc_cell *c, long v,
		int bold)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%ld", v);
	doc_cell_set_text(c, buf);
	count_value(c, v, &s->week[0]);
	c->bold = bold;
}

static void theme_row(struct doc *d, struct doc_table *t,
		      const struct notes_summary *s,
		      const char *title, const long (*n)[NSUM_NTONES],
		      int bold)
{
	struct doc_cell *row = doc_table_add_row(t);
	long all[NSUM_MAX_BACK + 1];
	size_t k;

	for (k = 0; k <= s->shown; k++)
		all[k] = n[k][NSUM_NEG] + n[k][NSUM_POS] + n[k][NSUM_OTHER];
	doc_cell_set_text(&row[0], title);
	row[0].bold = bold;
	num(s, &row[1], n[0][NSUM_NEG], bold);
	num(s, &row[2], n[0][NSUM_POS], bold);
	num(s, &row[3], n[0][NSUM_OTHER], bold);
	if (!s->shown)
		return;
	earlier_text(d, s, &n[0][NSUM_NEG], NSUM_NTONES, &row[4]);
	earlier_text(d, s, all, 1, &row[5]);
	trend(s, &n[0][NSUM_NEG], NSUM_NTONES, &row[6]);
}

static void span_text(const struct notes_summary *s, char *buf, size_t size)
{
	char a[PERIOD_TEXT_MAX], b[PERIOD_TEXT_MAX];

	period_format(&s->week[s->shown], a, sizeof(a));
	period_format(&s->week[1], b, sizeof(b));
	if (s->shown == 1)
		snprintf(buf, size, "the previous edition (%s)", b);
	else
		snprintf(buf, size, "each of the previous %zu editions (%s to "
			 "%s), oldest first", s->shown, a, b);
}

static void theme_table(const struct notes_summary *s, struct doc *d)
{
	struct doc_table *t = doc_table_new(s->shown ? 7 : 4);
	long sum[NSUM_MAX_BACK + 1][NSUM_NTONES];
	struct strbuf foot = STRBUF_INIT;
	char span[160];
	size_t i, k;
	int tone;

	t->caption = xstrdup(s->title);
	doc_table_set_header(t, 0, "Theme", DOC_LEFT, 2.4);
	doc_table_set_header(t, 1, "Negative", DOC_RIGHT, 1.0);
	doc_table_set_header(t, 2, "Positive", DOC_RIGHT, 1.0);
	doc_table_set_header(t, 3, "Other", DOC_RIGHT, 0.8);
	if (s->shown) {
		doc_table_set_header(t, 4, "Earlier: negative", DOC_RIGHT,
				     1.6);
		doc_table_set_header(t, 5, "Earlier: all", DOC_RIGHT, 1.6);
		doc_table_set_header(t, 6, "Negative trend", DOC_CENTER,
				     1.2);
	}
	memset(sum, 0, sizeof(sum));
	for (i = 0; i < s->nthemes; i++) {
		theme_row(d, t, s, s->themes[i].title,
			  (const long (*)[NSUM_NTONES])s->themes[i].n, 0);
		for (k = 0; k <= s->shown; k++)
			for (tone = 0; tone < NSUM_NTONES; tone++)
				sum[k][tone] += s->themes[i].n[k][tone];
	}
	theme_row(d, t, s, "All themes", (const long (*)[NSUM_NTONES])sum, 1);
	strbuf_adds(&foot, "Notes received from partners in this edition");
	if (s->shown) {
		span_text(s, span, sizeof(span));
		strbuf_addf(&foot, "; earlier: in %s", span);
	}
	strbuf_adds(&foot, ". Other: neutral, mixed or no sentiment given. "
		    "A count of notes, not of partners or firms.");
	t->footnote = xstrdup(foot.buf);
	/* figures.csv is published with the public edition */
	t->source = xstrdup(s->partners
			    ? "Source: partners' intelligence, partners-only "
			      "notes included; figures.csv (indicator notes) "
			      "holds the public edition's counts."
			    : "Source: partners' intelligence; every count is "
			      "in figures.csv (indicator notes).");
	doc_add_table(d, t);
	compose_release(d, &foot);
}

/* "Negative reports on ... in each of the last four editions." */
static void concern_text(struct doc *d, const struct nsum_concern *c,
			 const char *lead, struct doc_text *t)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_adds(&sb, lead);
	notes_summary_concern_text(c, &sb);
	strbuf_addch(&sb, '.');
	if (!*lead)
		sb.buf[0] = (char)(sb.buf[0] - 'a' + 'A');
	doc_text_add(t, sb.buf, 0, NULL);
	compose_release(d, &sb);
}

/* 1 when place p was named in this edition or an earlier one shown. */
static int place_named(const struct notes_summary *s,
		       const struct nsum_place *p)
{
	size_t k;

	for (k = 0; k <= s->shown && k <= NSUM_MAX_BACK; k++)
		if (p->n[k])
			return 1;
	return 0;
}

/* "Solihull and Walsall were named in no note in these editions.": a
 * few by name, more only counted. */
static void unnamed_places(const struct notes_summary *s, size_t n,
			   const char *noun, struct strbuf *sb)
{
	size_t i, k = 0;

	if (n > 6) {
		strbuf_addf(sb, " The other %zu %s were named in no note in "
			    "these editions.", n, noun);
		return;
	}
	strbuf_addch(sb, ' ');
	for (i = 0; i < s->nplaces; i++) {
		if (place_named(s, &s->places[i]))
			continue;
		k++;
		strbuf_addf(sb, "%s%s", k == 1 ? "" : k == n ? " and " : ", ",
			    s->places[i].name);
	}
	strbuf_addf(sb, " %s named in no note in these editions.",
		    n == 1 ? "was" : "were");
}

/* The places named in a note, this edition or the earlier ones shown;
 * the others only counted (a nation's districts would fill pages with
 * rows of zeros). */
static void place_table(const struct notes_summary *s, const char *noun,
			struct doc *d)
{
	struct doc_table *t;
	struct strbuf foot = STRBUF_INIT;
	size_t i, named = 0;

	for (i = 0; i < s->nplaces; i++)
		named += (size_t)place_named(s, &s->places[i]);
	if (!named) {
		strbuf_addf(&foot, "%s, nor in the earlier editions compared.",
			    s->place_title);
		doc_add_para(d, s->shown ? foot.buf : s->place_title);
		compose_release(d, &foot);
		return;
	}
	t = doc_table_new(s->shown ? 4 : 2);
	t->caption = xstrdup(s->place_title);
	doc_table_set_header(t, 0, "Place", DOC_LEFT, 2.4);
	doc_table_set_header(t, 1, "This edition", DOC_RIGHT, 1.2);
	if (s->shown) {
		doc_table_set_header(t, 2, "Earlier editions", DOC_RIGHT,
				     2.0);
		doc_table_set_header(t, 3, "Trend", DOC_CENTER, 1.2);
	}
	for (i = 0; i < s->nplaces; i++) {
		struct doc_cell *row;

		if (!place_named(s, &s->places[i]))
			continue;
		row = doc_table_add_row(t);
		doc_cell_set_text(&row[0], s->places[i].name);
		num(s, &row[1], s->places[i].n[0], 0);
		if (!s->shown)
			continue;
		earlier_text(d, s, s->places[i].n, 1, &row[2]);
		trend(s, s->places[i].n, 1, &row[3]);
	}
	strbuf_adds(&foot, "Notes that name each place; a note may name "
		    "several places, or none (the whole area).");
	if (named < s->nplaces)
		unnamed_places(s, s->nplaces - named, noun, &foot);
	t->footnote = xstrdup(foot.buf);
	compose_release(d, &foot);
	doc_add_table(d, t);
}

int compose_intelligence(const struct compose_input *in,
			 const struct tpl_block *b, struct doc *d)
{
	const struct notes_summary *s = in->intel;
	size_t i;

	if (!s)
		return 0;
	if (s->truncated)
		d->truncated = 1; /* compose_block says where */
	if (b->title)
		doc_add_heading(d, 2, b->title, NULL);
	theme_table(s, d);
	if (s->nconcerns) {
		struct doc_block *bl;
		doc_add_heading(d, 3, "Recurring concerns", NULL);
		bl = doc_add_block(d, DOC_BULLETS);
		for (i = 0; i < s->nconcerns; i++)
			concern_text(d, &s->concerns[i], "",
				     doc_bullets_add(bl));
	}
	if (b->by_place && s->nplaces)
		place_table(s, config_places_noun(in->cfg), d);
	return 0;
}

void compose_raise_concerns(const struct compose_input *in, struct doc *d,
			    struct doc_block *bl)
{
	const struct tpl_block *b =
		template_find_block(in->tpl, TPL_INTELLIGENCE);
	size_t i;

	if (!in->intel || !b || !b->raise_concerns)
		return;
	for (i = 0; i < in->intel->nconcerns; i++) {
		concern_text(d, &in->intel->concerns[i], "Partners' "
			     "intelligence: ", doc_bullets_add(bl));
	}
}

size_t compose_raised_concerns(const struct compose_input *in)
{
	const struct tpl_block *b =
		template_find_block(in->tpl, TPL_INTELLIGENCE);

	return in->intel && b && b->raise_concerns ? in->intel->nconcerns : 0;
}
