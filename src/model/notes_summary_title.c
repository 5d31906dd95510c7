/* notes_summary_title.c - the finding titles of partners' intelligence,
 * written from the counts with the care of the statistics' headlines:
 * every sentence is true of the counts it is made from, ties are named
 * as ties, and a comparison is only made with editions that exist. */
#include "notes_summary.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "xalloc.h"
#include "banned.h"

void notes_summary_lower_title(const char *title, char *buf, size_t size)
{
	snprintf(buf, size, "%s", title);
	/* "Labour market" -> "labour market"; "EU trade" stays */
	if (isupper((unsigned char)buf[0]) &&
	    !isupper((unsigned char)buf[1]))
		buf[0] = (char)tolower((unsigned char)buf[0]);
}

static void add_concern(struct strbuf *sb, const struct nsum_concern *c);

/* Numbers one to nine in words, as in the house style. */
static const char *count_word(long n, char *buf, size_t size)
{
	static const char *const w[] = { "no", "one", "two", "three", "four",
					 "five", "six", "seven", "eight",
					 "nine" };

	if (n >= 0 && n <= 9)
		return w[n];
	snprintf(buf, size, "%ld", n);
	return buf;
}

/* "the previous edition" / "any of the previous four editions" */
static void add_previous(struct strbuf *sb, size_t e)
{
	char nb[24];

	if (e == 1)
		strbuf_adds(sb, "the previous edition");
	else
		strbuf_addf(sb, "any of the previous %s editions",
			    count_word((long)e, nb, sizeof(nb)));
}

/* The titles of the themes picked (at most two are named). */
static void add_themes(struct strbuf *sb, const struct notes_summary *s,
		       const size_t *pick, size_t n, const char *joiner)
{
	char t[256], nb[24];

	if (n > 2) {
		strbuf_addf(sb, "%s themes", count_word((long)n, nb,
							  sizeof(nb)));
		return;
	}
	notes_summary_lower_title(s->themes[pick[0]].title, t, sizeof(t));
	strbuf_adds(sb, t);
	if (n == 2) {
		notes_summary_lower_title(s->themes[pick[1]].title, t,
					  sizeof(t));
		strbuf_addf(sb, "%s%s", joiner, t);
	}
}

/* Themes with at least two negative notes this edition and more than in
 * each earlier edition shown. */
static int record_negative(const struct notes_summary *s, struct strbuf *sb)
{
	size_t t, k, n = 0, *pick;

	if (!s->shown)
		return 0;
	pick = xcalloc(s->nthemes ? s->nthemes : 1, sizeof(*pick));
	for (t = 0; t < s->nthemes; t++) {
		long now = s->themes[t].n[0][NSUM_NEG];
		int more = now >= 2;
		for (k = 1; more && k <= s->shown; k++)
			if (s->themes[t].n[k][NSUM_NEG] >= now)
				more = 0;
		if (more)
			pick[n++] = t;
	}
	if (n) {
		strbuf_adds(sb, "More negative reports on ");
		add_themes(sb, s, pick, n, " and on ");
		strbuf_adds(sb, " this edition than in ");
		add_previous(sb, s->shown);
	}
	free(pick);
	return n > 0;
}

void notes_summary_concern_text(const struct nsum_concern *c,
				struct strbuf *sb)
{
	char nb[24];

	strbuf_adds(sb, "negative reports on ");
	add_concern(sb, c);
	strbuf_addf(sb, " in each of the last %s editions",
		    count_word(c->run, nb, sizeof(nb)));
}

static void add_concern(struct strbuf *sb, const struct nsum_concern *c)
{
	char t[256];

	notes_summary_lower_title(c->theme, t, sizeof(t));
	strbuf_adds(sb, t);
	if (c->detail)
		strbuf_addf(sb, " (%s)", c->detail);
}

/* The longest run of negative reports, ties named. */
static int recurring(const struct notes_summary *s, struct strbuf *sb)
{
	size_t m = 0;
	char nb[24], rb[24];
	int run;

	if (!s->nconcerns)
		return 0;
	run = s->concerns[0].run;
	while (m < s->nconcerns && s->concerns[m].run == run)
		m++;
	if (m > 2) {
		strbuf_addf(sb, "Negative reports on %s concerns in each of "
			    "the last %s editions",
			    count_word((long)m, nb, sizeof(nb)),
			    count_word(run, rb, sizeof(rb)));
		return 1;
	}
	strbuf_adds(sb, "Negative reports on ");
	add_concern(sb, &s->concerns[0]);
	if (m == 2) {
		strbuf_adds(sb, " and on ");
		add_concern(sb, &s->concerns[1]);
	}
	strbuf_addf(sb, " in each of the last %s editions",
		    count_word(run, nb, sizeof(nb)));
	return 1;
}

static long theme_total(const struct nsum_theme *th, size_t k)
{
	return th->n[k][NSUM_NEG] + th->n[k][NSUM_POS] + th->n[k][NSUM_OTHER];
}

/* The theme (or themes) with the most notes this edition. */
static void most_reported(const struct notes_summary *s, struct strbuf *sb)
{
	size_t t, m = 0, nonzero = 0, *pick;
	long best = 0, all = s->total[0];
	char tt[256];

	pick = xcalloc(s->nthemes ? s->nthemes : 1, sizeof(*pick));
	for (t = 0; t < s->nthemes; t++) {
		long v = theme_total(&s->themes[t], 0);
		nonzero += v > 0;
		if (v > best) {
			best = v;
			m = 0;
		}
		if (v == best && v > 0)
			pick[m++] = t;
	}
	if (all == 1) {
		notes_summary_lower_title(s->themes[pick[0]].title, tt,
					  sizeof(tt));
		strbuf_addf(sb, "One note from partners this edition, on %s",
			    tt);
	} else if (m == 1 && best * 2 > all) {
		notes_summary_lower_title(s->themes[pick[0]].title, tt,
					  sizeof(tt));
		strbuf_addf(sb, "Most of this edition's %ld notes were on %s "
			    "(%ld)", all, tt, best);
	} else if (m == 1) {
		strbuf_addf(sb, "%s was the most reported theme this edition "
			    "(%ld of %ld notes)", s->themes[pick[0]].title,
			    best, all);
	} else if (m == nonzero) {
		strbuf_addf(sb, "This edition's %ld notes were spread evenly "
			    "across ", all);
		if (m == 2)
			add_themes(sb, s, pick, m, " and ");
		else
			strbuf_addf(sb, "%zu themes", m);
		strbuf_addf(sb, " (%ld each)", best);
	} else {
		add_themes(sb, s, pick, m, " and ");
		strbuf_addf(sb, " shared the most notes this edition (%ld "
			    "each, of %ld)", best, all);
		/* "labour market and ..." starts the sentence */
		sb->buf[0] = (char)toupper((unsigned char)sb->buf[0]);
	}
	free(pick);
}

static char *place_title(struct notes_summary *s)
{
	size_t i, zero = 0, last = 0;
	struct strbuf sb = STRBUF_INIT;
	char nb[24];

	if (!s->nplaces)
		return NULL;
	for (i = 0; i < s->nplaces; i++)
		if (!s->places[i].n[0]) {
			zero++;
			last = i;
		}
	if (!zero)
		strbuf_adds(&sb, "Every place was named in at least one note "
			    "this edition");
	else if (zero == s->nplaces)
		strbuf_adds(&sb, "No note named a place this edition");
	else if (zero == 1)
		strbuf_addf(&sb, "%s was the only place named in no note this "
			    "edition", s->places[last].name);
	else
		strbuf_addf(&sb, "%s of the %zu places were named in no note "
			    "this edition", count_word((long)zero, nb,
						       sizeof(nb)),
			    s->nplaces);
	sb.buf[0] = (char)toupper((unsigned char)sb.buf[0]);
	s->truncated |= sb.failed;
	return strbuf_detach(&sb, NULL);
}

void notes_summary_title(struct notes_summary *s)
{
	struct strbuf sb = STRBUF_INIT;

	if (!s->total[0])
		strbuf_adds(&sb, "No notes from partners were received for "
			    "this edition");
	else if (!record_negative(s, &sb) && !recurring(s, &sb))
		most_reported(s, &sb);
	s->truncated = sb.failed;
	s->title = strbuf_detach(&sb, NULL);
	s->place_title = place_title(s);
}
