/* notes.h - editors' notes (SPEC §5.5) and edition files (SPEC §5.6).
 *
 * Ownership: notes_load and edition_load fill structs that the caller
 * releases with notes_release / edition_release. */
#ifndef EIMON_NOTES_H
#define EIMON_NOTES_H

#include <stddef.h>

#include "config.h"
#include "error.h"
#include "period.h"

struct template_def; /* template.h */

enum note_sentiment { NOTE_SENT_NONE, NOTE_POSITIVE, NOTE_NEUTRAL,
		      NOTE_NEGATIVE, NOTE_MIXED };

struct note {
	char *file;        /* where it came from */
	int line, col;
	char *date;        /* YYYY-MM-DD */
	long day;          /* days since epoch */
	char *source;
	char *cite_as;     /* NULL: use source */
	char *theme;
	char *headline;
	char *body;
	char *sector;
	char **places;
	size_t nplaces;
	int sentiment;     /* enum note_sentiment */
	int priority_high;
	int partners;      /* visibility: partners */
	char *link;
};

struct notes {
	struct note *items;
	size_t n, cap;
};

/* Load every *.yaml / *.yml file under dir (any depth, sorted by path),
 * validate each note against the config (GSS codes) and the themes
 * declared in themes[0..nthemes). All errors are appended to problems
 * (formatted "FILE:LINE:COL: message"); the first is in err. */
int notes_load(const char *dir, const struct config *cfg,
	       const char *const *themes, size_t nthemes, struct notes *out,
	       struct eim_warnings *problems, struct eim_error *err);
void notes_release(struct notes *n);
/* Select notes whose date falls in [first_day, last_day], sorted by
 * theme order, then priority high first, then newest first. include
 * partners notes only when partners is 1. The result holds pointers into
 * all (caller frees the array only). */
size_t notes_select(const struct notes *all, long first_day, long last_day,
		    const char *const *themes, size_t nthemes, int partners,
		    const struct note ***out);

struct edition {
	char *file;         /* NULL when there is no edition file */
	char *published;    /* YYYY-MM-DD */
	long issue;         /* 0 when not given */
	char *lead;
	char **key_issues;
	size_t nkey_issues;
	char *caveat;
};

/* Load DIR/YYYY-Www.yaml for week. A missing file is not an error: the
 * edition comes back with file == NULL. */
int edition_load(const char *dir, const struct period *week,
		 struct edition *out, struct eim_warnings *problems,
		 struct eim_error *err);
void edition_release(struct edition *e);

/* `eimon notes new`: write a pre-filled note for week into the config's
 * notes folder; *out_path receives its path (caller frees). */
int notes_new(const char *config_path, const char *source, const char *theme,
	      const struct period *week, char **out_path,
	      struct eim_error *err);

#endif
