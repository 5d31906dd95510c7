/* notes_summary.c - partners' intelligence counted by edition, theme,
 * sentiment and place; recurring concerns; the figures.csv rows (see
 * notes_summary.h). The finding titles are in notes_summary_title.c. */
#include "notes_summary.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xalloc.h"
#include "banned.h"

void notes_summary_defaults(struct nsum_params *p)
{
	memset(p, 0, sizeof(*p));
	p->editions = 4;
	p->recurring = 3;
	p->by = NSUM_BY_THEME;
}

void notes_summary_params(const struct tpl_block *b, struct nsum_params *p)
{
	notes_summary_defaults(p);
	if (!b)
		return;
	p->editions = (int)b->editions;
	p->recurring = (int)b->recurring;
	p->by = b->recurring_by;
	if (b->nthemes) {
		p->themes = (const char *const *)b->themes;
		p->nthemes = b->nthemes;
	}
}

static int tone_of(const struct note *n)
{
	return n->sentiment == NOTE_NEGATIVE ? NSUM_NEG
	       : n->sentiment == NOTE_POSITIVE ? NSUM_POS : NSUM_OTHER;
}

static long theme_index(const struct notes_summary *s, const char *id)
{
	size_t t;

	for (t = 0; t < s->nthemes; t++)
		if (strcmp(s->themes[t].id, id) == 0)
			return (long)t;
	return -1;
}

/* The editions: this week's and the earlier ones back to the first
 * issue (an edition every window: a week, or two for "fortnight"). */
static void editions(const struct config *cfg, const struct period *week,
		     struct notes_summary *s, long first[], long last[])
{
	struct period first_issue;
	int have_first = cfg->first_issue_week &&
		period_parse(cfg->first_issue_week,
			     strlen(cfg->first_issue_week), &first_issue) == 0
		&& first_issue.freq == PERIOD_WEEK;
	int step = cfg->window && strcmp(cfg->window, "fortnight") == 0 ? 2
									: 1;
	size_t k;

	for (k = 0; k <= NSUM_MAX_BACK; k++) {
		struct period w = period_add(*week, -(int)k * step);
		if (k && have_first && period_cmp(&w, &first_issue) < 0)
			break;
		if (notes_window(&w, cfg->window, &first[k], &last[k])) {
			first[k] = period_start_day(&w);
			last[k] = period_end_day(&w);
		}
		s->week[k] = w;
	}
	s->neditions = k;
}

/* Which edition (0 = this one) each note counts in, -1 for none. */
static int *edition_of_notes(const struct notes *all,
			     const struct notes_summary *s,
			     const long first[], const long last[],
			     int partners)
{
	int *ed = xcalloc(all->n ? all->n : 1, sizeof(*ed));
	size_t i, k;

	for (i = 0; i < all->n; i++) {
		const struct note *n = &all->items[i];
		ed[i] = -1;
		if ((n->partners && !partners) || notes_is_draft(n) ||
		    theme_index(s, n->theme) < 0)
			continue;
		for (k = 0; k < s->neditions; k++)
			if (n->day >= first[k] && n->day <= last[k]) {
				ed[i] = (int)k;
				break;
			}
	}
	return ed;
}

static int names_place(const struct note *n, const char *code)
{
	size_t j;

	for (j = 0; j < n->nplaces; j++)
		if (strcmp(n->places[j], code) == 0)
			return 1;
	return 0;
}

/* One negative note's mark: its theme, what the concern is keyed by (a
 * sector, a place code, or "" by theme) and its edition. Sorted, the
 * marks of one concern are together, editions in order, so every run is
 * found in one pass (no quadratic scan on a week of many notes). */
struct mark {
	long theme;
	const char *key, *detail;
	int ed;
};

static int cmp_mark(const void *pa, const void *pb)
{
	const struct mark *a = pa, *b = pb;
	int c;

	if (a->theme != b->theme)
		return a->theme < b->theme ? -1 : 1;
	/* sectors compare without regard to case; GSS codes are upper
	 * case, so this is exact for places */
	c = strcasecmp(a->key, b->key);
	if (c)
		return c;
	return (a->ed > b->ed) - (a->ed < b->ed);
}

static int same_concern(const struct mark *a, const struct mark *b)
{
	return a->theme == b->theme && strcasecmp(a->key, b->key) == 0;
}

static void add_mark(struct mark **m, size_t *n, size_t *cap, long theme,
		     const char *key, const char *detail, int ed)
{
	XGROW(*m, *cap, *n + 1);
	(*m)[*n].theme = theme;
	(*m)[*n].key = key;
	(*m)[*n].detail = detail;
	(*m)[*n].ed = ed;
	(*n)++;
}

static int cmp_concern(const void *pa, const void *pb)
{
	const struct nsum_concern *a = pa, *b = pb;

	return a->run != b->run ? (a->run > b->run ? -1 : 1) : 0;
}

static void concerns(const struct notes *all, const int *ed,
		     const struct config *cfg, const struct nsum_params *p,
		     struct notes_summary *s)
{
	struct mark *m = NULL;
	size_t n = 0, cap = 0, i, j;

	if (p->recurring < 1)
		return;
	for (i = 0; i < all->n; i++) {
		const struct note *nt = &all->items[i];
		long t;
		if (ed[i] < 0 || nt->sentiment != NOTE_NEGATIVE)
			continue;
		t = theme_index(s, nt->theme);
		if (p->by == NSUM_BY_THEME)
			add_mark(&m, &n, &cap, t, "", NULL, ed[i]);
		else if (p->by == NSUM_BY_SECTOR && nt->sector)
			add_mark(&m, &n, &cap, t, nt->sector, nt->sector,
				 ed[i]);
		for (j = 0; p->by == NSUM_BY_PLACE && j < nt->nplaces; j++) {
			const char *name = config_place_name(cfg,
							     nt->places[j]);
			add_mark(&m, &n, &cap, t, nt->places[j],
				 name ? name : nt->places[j], ed[i]);
		}
	}
	if (n)
		qsort(m, n, sizeof(*m), cmp_mark);
	for (i = 0; i < n; i = j) {
		int run = 0;
		const char *detail = NULL;
		/* the group of one concern; the run counts editions 0, 1, ...
		 * while each has a mark */
		for (j = i; j < n && same_concern(&m[i], &m[j]); j++) {
			if (m[j].ed == run) {
				if (!run)
					detail = m[j].detail;
				run++;
			}
		}
		if (run < p->recurring)
			continue;
		s->concerns = xreallocarray(s->concerns, s->nconcerns + 1,
					    sizeof(*s->concerns));
		s->concerns[s->nconcerns].theme = s->themes[m[i].theme].title;
		s->concerns[s->nconcerns].detail =
			detail ? xstrdup(detail) : NULL;
		s->concerns[s->nconcerns].run = run;
		s->nconcerns++;
	}
	free(m);
	/* stable: longest run first, then theme and key order */
	for (i = 1; i < s->nconcerns; i++)
		for (j = i; j > 0 && cmp_concern(&s->concerns[j - 1],
						 &s->concerns[j]) > 0; j--) {
			struct nsum_concern c = s->concerns[j];
			s->concerns[j] = s->concerns[j - 1];
			s->concerns[j - 1] = c;
		}
}

void notes_summary_compute(const struct notes *all,
			   const struct template_def *tpl,
			   const struct config *cfg,
			   const struct period *week,
			   const struct nsum_params *p, int partners,
			   struct notes_summary *s)
{
	long first[NSUM_MAX_BACK + 1], last[NSUM_MAX_BACK + 1];
	int *ed;
	size_t i, t, j;

	memset(s, 0, sizeof(*s));
	s->partners = partners;
	s->themes = xcalloc(tpl->nthemes ? tpl->nthemes : 1,
			    sizeof(*s->themes));
	for (t = 0; t < tpl->nthemes; t++) {
		int shown = !p->themes;
		for (j = 0; p->themes && j < p->nthemes; j++)
			if (strcmp(p->themes[j], tpl->themes[t].id) == 0)
				shown = 1;
		if (!shown)
			continue;
		s->themes[s->nthemes].id = tpl->themes[t].id;
		s->themes[s->nthemes].title = tpl->themes[t].title;
		s->nthemes++;
	}
	s->nplaces = cfg->nplaces;
	s->places = xcalloc(cfg->nplaces ? cfg->nplaces : 1,
			    sizeof(*s->places));
	for (i = 0; i < cfg->nplaces; i++) {
		s->places[i].code = cfg->places[i].code;
		s->places[i].name = cfg->places[i].name;
	}
	editions(cfg, week, s, first, last);
	s->shown = (size_t)(p->editions > 0 ? p->editions : 0);
	if (s->shown > s->neditions - 1)
		s->shown = s->neditions - 1;
	ed = edition_of_notes(all, s, first, last, partners);
	for (i = 0; i < all->n; i++) {
		const struct note *n = &all->items[i];
		if (ed[i] < 0)
			continue;
		s->themes[theme_index(s, n->theme)].n[ed[i]][tone_of(n)]++;
		s->total[ed[i]]++;
		for (j = 0; j < s->nplaces; j++)
			if (names_place(n, s->places[j].code))
				s->places[j].n[ed[i]]++;
	}
	concerns(all, ed, cfg, p, s);
	free(ed);
	notes_summary_title(s);
}

void notes_summary_release(struct notes_summary *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->nconcerns; i++)
		free(s->concerns[i].detail);
	free(s->concerns);
	free(s->themes);
	free(s->places);
	free(s->title);
	free(s->place_title);
	memset(s, 0, sizeof(*s));
}

static const char *const tone_names[NSUM_NTONES] = { "negative",
						     "positive", "other" };

static int csv_row(struct strbuf *out, const char *geo, const char *theme,
		   const char *tone, const struct period *week, long v)
{
	char wk[PERIOD_TEXT_MAX];
	struct strbuf fig = STRBUF_INIT;
	int bad;

	period_format(week, wk, sizeof(wk));
	strbuf_addf(&fig, "%s.%s", theme, tone);
	bad = strbuf_adds(out, "notes,") | strbuf_add_csv(out, geo) |
	      strbuf_addch(out, ',') | strbuf_add_csv(out, fig.buf) |
	      strbuf_addf(out, ",%s,%ld,\n", wk, v);
	strbuf_release(&fig);
	return bad ? -1 : 0;
}

int notes_summary_csv(const struct notes_summary *s, const char *area_code,
		      struct strbuf *out)
{
	size_t k, t, i;
	int tone, bad = 0;

	for (k = 0; k <= s->shown && k < s->neditions; k++) {
		const struct period *w = &s->week[k];
		for (t = 0; t < s->nthemes; t++) {
			const struct nsum_theme *th = &s->themes[t];
			long all = 0;
			for (tone = 0; tone < NSUM_NTONES; tone++) {
				bad |= csv_row(out, area_code, th->id,
					       tone_names[tone], w,
					       th->n[k][tone]);
				all += th->n[k][tone];
			}
			bad |= csv_row(out, area_code, th->id, "all", w, all);
		}
		for (tone = 0; tone < NSUM_NTONES; tone++) {
			long sum = 0;
			for (t = 0; t < s->nthemes; t++)
				sum += s->themes[t].n[k][tone];
			bad |= csv_row(out, area_code, "all",
				       tone_names[tone], w, sum);
		}
		bad |= csv_row(out, area_code, "all", "all", w, s->total[k]);
		for (i = 0; i < s->nplaces; i++)
			bad |= csv_row(out, s->places[i].code, "all", "all",
				       w, s->places[i].n[k]);
	}
	return bad ? -1 : 0;
}
