/* notes_summary.h - partners' intelligence aggregated: the notes of an
 * edition counted by theme and sentiment beside the same counts in the
 * previous editions, by place, the recurring concerns (a theme, or a
 * theme with a sector or a place, with negative notes in N editions in a
 * row), a finding title that states what the counts show, and the rows
 * of figures.csv that hold every count.
 *
 * An edition's notes are those whose date falls in its reporting window
 * (notes_window), in one of the template's themes, not drafts. The
 * public summary counts public notes only, so that nothing in it (counts,
 * flags or words) depends on a partners-only note; the partners summary
 * counts both. Editions before the monitor's first issue do not exist
 * and are neither counted nor compared with.
 *
 * Ownership: notes_summary_compute fills a struct that the caller
 * releases with notes_summary_release; it points into (and must not
 * outlive) the template and the config, and copies what it takes from
 * the notes. */
#ifndef EIMON_NOTES_SUMMARY_H
#define EIMON_NOTES_SUMMARY_H

#include <stddef.h>

#include "config.h"
#include "notes.h"
#include "period.h"
#include "strbuf.h"
#include "template.h"

#define NSUM_MAX_BACK 26 /* previous editions looked at, at most */

enum nsum_tone { NSUM_NEG, NSUM_POS, NSUM_OTHER, NSUM_NTONES };
/* What a recurring concern is keyed by (template `recurring_by`). */
enum nsum_by { NSUM_BY_THEME, NSUM_BY_SECTOR, NSUM_BY_PLACE };

struct nsum_params {
	int editions;     /* previous editions shown (default 4) */
	int recurring;    /* editions in a row that flag a concern; 0 off */
	int by;           /* enum nsum_by */
	const char *const *themes; /* themes shown; NULL: the template's */
	size_t nthemes;
};

struct nsum_theme {
	const char *id, *title;                  /* the template's */
	long n[NSUM_MAX_BACK + 1][NSUM_NTONES];  /* [k]: k editions back */
};

struct nsum_place {
	const char *code, *name;                 /* the config's */
	long n[NSUM_MAX_BACK + 1];
};

struct nsum_concern {
	const char *theme;   /* title */
	char *detail;        /* sector or place name; NULL by theme */
	int run;             /* editions in a row, ending with this one */
};

struct notes_summary {
	int partners;
	/* Editions counted: [0] this one, [1..neditions) earlier ones that
	 * exist; shown = how many of those earlier ones a block shows. */
	struct period week[NSUM_MAX_BACK + 1];
	size_t neditions, shown;
	long total[NSUM_MAX_BACK + 1];
	struct nsum_theme *themes;
	size_t nthemes;
	struct nsum_place *places;  /* the monitor's places, config order */
	size_t nplaces;
	struct nsum_concern *concerns; /* longest run first */
	size_t nconcerns;
	char *title;                /* the finding, one sentence */
	char *place_title;          /* the finding about places */
	int truncated;              /* a title passed the strbuf cap: the
				     * summary must not be shown */
};

void notes_summary_defaults(struct nsum_params *p);
/* The parameters an intelligence block of a template sets (b NULL: the
 * defaults). */
void notes_summary_params(const struct tpl_block *b, struct nsum_params *p);
/* Count the notes of all for the edition of week and the earlier ones.
 * partners: count partners-only notes too. Never fails. */
void notes_summary_compute(const struct notes *all,
			   const struct template_def *tpl,
			   const struct config *cfg,
			   const struct period *week,
			   const struct nsum_params *p, int partners,
			   struct notes_summary *out);
void notes_summary_release(struct notes_summary *s);

/* The counts as figures.csv rows (no header): indicator "notes",
 * geography the area's code (by theme) or a place's (by place), figure
 * "THEME.TONE" (tone negative, positive, other or all; THEME "all" for
 * every theme), period the edition's week, value the count. Only the
 * editions shown. Fails only at the strbuf cap. */
int notes_summary_csv(const struct notes_summary *s, const char *area_code,
		      struct strbuf *out);

/* Fill s->title and s->place_title from the counts (called by
 * notes_summary_compute; in notes_summary_title.c). */
void notes_summary_title(struct notes_summary *s);

/* "negative reports on cash flow (Micro businesses) in each of the last
 * four editions", appended to sb. */
void notes_summary_concern_text(const struct nsum_concern *c,
				struct strbuf *sb);

/* "Cash flow" in the middle of a sentence: "cash flow", unless the word
 * is an acronym ("EU trade"). Writes at most size bytes. */
void notes_summary_lower_title(const char *title, char *buf, size_t size);

#endif
