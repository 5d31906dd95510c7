/* notes.h - editors' notes and edition files (keys:
 * docs/configuration.md; the editors' guide: docs/editors.md).
 *
 * Notes are bound through the declarative schema (schema.h) and then
 * checked against the monitor (GSS codes) and the template (themes).
 * Every problem of a run is collected as "FILE:LINE:COL: message" in a
 * struct eim_warnings; the first one is also in the struct eim_error
 * (kind EIM_DATA, exit 65).
 *
 * Ownership: notes_load and edition_load fill structs that the caller
 * releases with notes_release / edition_release. Everything inside them
 * (strings, lists, the file names) belongs to them. */
#ifndef EIMON_NOTES_H
#define EIMON_NOTES_H

#include <stddef.h>

#include "config.h"
#include "error.h"
#include "period.h"

struct template_def; /* template.h */

enum note_sentiment { NOTE_SENT_NONE, NOTE_POSITIVE, NOTE_NEUTRAL,
		      NOTE_NEGATIVE, NOTE_MIXED };

/* One note. Texts are as written, less trailing white space; the keys
 * of one line (all but body) hold no line break. */
struct note {
	char *file;        /* where it came from (as in messages) */
	int line, col;     /* position of the note's mapping */
	char *date;        /* YYYY-MM-DD, a real date */
	long day;          /* the same, days since 1970-01-01 */
	char *source;
	char *cite_as;     /* NULL: use source */
	char *theme;       /* one of the themes passed to notes_load */
	char *headline;    /* at most NOTES_HEADLINE_MAX characters */
	char *body;        /* NULL or text; "\n\n" separates paragraphs */
	char *sector;      /* NULL or text */
	char **places;     /* GSS codes known to the monitor; none: area */
	size_t nplaces;
	int sentiment;     /* enum note_sentiment */
	int priority_high; /* priority: high */
	int partners;      /* visibility: partners */
	char *link;        /* NULL or an http(s) URL */
};

struct notes {
	struct note *items;
	size_t n, cap;
};

#define NOTES_HEADLINE_MAX 160 /* characters, not bytes */

/* Load every *.yaml / *.yml file under dir (any depth, sorted by path in
 * byte order; names starting with '.' are skipped), validate each note
 * against the config (GSS codes; cfg NULL: not checked) and the themes
 * declared in themes[0..nthemes) (themes NULL: not checked). All errors
 * are appended to problems (may be NULL), formatted
 * "FILE:LINE:COL: message" with FILE = dir/relative-path; the first is in
 * err. A missing dir is not an error (no notes). On error out is left
 * empty. out must be zeroed (or released) before the call. */
int notes_load(const char *dir, const struct config *cfg,
	       const char *const *themes, size_t nthemes, struct notes *out,
	       struct eim_warnings *problems, struct eim_error *err);
/* Load the notes of one file and append them to out; display (may be
 * NULL: path) is the file name used in messages and in note.file.
 * Returns -1 after recording every error of the file; out keeps only
 * the notes of earlier calls then. */
int notes_load_file(const char *path, const char *display,
		    const struct config *cfg, const char *const *themes,
		    size_t nthemes, struct notes *out,
		    struct eim_warnings *problems, struct eim_error *err);
void notes_release(struct notes *n);
/* The schemas of a note and of an edition file (for the configuration
 * reference test). */
const struct schema *notes_schema_note(void);
const struct schema *notes_schema_edition(void);
/* Select notes whose date falls in [first_day, last_day] and whose theme
 * is one of themes[0..nthemes), sorted by theme order, then priority high
 * first, then newest first, then file order (the order of all). Include
 * partners notes only when partners is 1. *out receives an array of
 * pointers into all (caller frees the array only; NULL when none). */
size_t notes_select(const struct notes *all, long first_day, long last_day,
		    const char *const *themes, size_t nthemes, int partners,
		    const struct note ***out);

/* 1 if the note still holds the TODO text `notes new` writes (its
 * headline or body starts with "TODO"): valid, but not ready to print.
 * For `eimon check` to warn about. */
int notes_is_draft(const struct note *n);

/* The reporting window of an edition week: window "week" (or NULL) is the
 * ISO week itself (Monday to Sunday); "fortnight" is the week and the one
 * before it. Days since 1970-01-01. 0, or -1 for an unknown window name or
 * a week that is not a PERIOD_WEEK. */
int notes_window(const struct period *week, const char *window,
		 long *first_day, long *last_day);

/* Dates as notes and editions write them. notes_parse_date accepts only a
 * real calendar date written YYYY-MM-DD (years 1900-9999). */
int notes_parse_date(const char *s, long *day);
void notes_format_date(long day, char *buf, size_t size); /* 11 bytes */
/* "2026-W47" into buf (PERIOD_TEXT_MAX is enough). */
void notes_format_week(const struct period *week, char *buf, size_t size);
/* Parse "YYYY-Www" (a week that exists in that ISO year). 0 or -1. */
int notes_parse_week(const char *s, struct period *week);
/* The ISO week that holds day. */
struct period notes_week_of_day(long day);
/* Number of Unicode characters of a valid UTF-8 string. */
size_t notes_utf8_chars(const char *s);
/* 1 if s is valid UTF-8 (no overlongs, surrogates, or past U+10FFFF). */
int notes_utf8_valid(const char *s);

struct edition {
	char *file;         /* NULL when there is no edition file */
	char *published;    /* YYYY-MM-DD */
	long issue;         /* 0 when not given */
	char *lead;
	char **key_issues;
	size_t nkey_issues;
	char *caveat;
	int published_line, published_col; /* where, for messages */
};

/* `published` must fall in the edition's week or at most max_days_after
 * days after it: an error at its position otherwise (appended to
 * problems when given; the first in err). 0 when fine or no file. */
int edition_check_published(const struct edition *e,
			    const struct period *week, long max_days_after,
			    struct eim_warnings *problems,
			    struct eim_error *err);

/* Load DIR/YYYY-Www.yaml for week. A missing file is not an error: the
 * edition comes back with file == NULL (and every other field empty).
 * Every error is appended to problems (may be NULL); the first is in err.
 * out need not be initialised; release it in every case. */
int edition_load(const char *dir, const struct period *week,
		 struct edition *out, struct eim_warnings *problems,
		 struct eim_error *err);
/* The same for one file, display (may be NULL) naming it in messages. */
int edition_load_file(const char *path, const char *display,
		      struct edition *out, struct eim_warnings *problems,
		      struct eim_error *err);
void edition_release(struct edition *e);
/* The issue number of week: e->issue when the edition file gives one,
 * else first_issue (1 when 0) plus the number of windows (weeks, or
 * fortnights when window is "fortnight") since first_issue_week
 * ("YYYY-Www"). 0 when it cannot be told (no or bad first week, or week
 * before it). e may be NULL. */
long edition_issue_number(const struct edition *e, const struct period *week,
			  const char *first_issue_week, long first_issue,
			  const char *window);

/* `eimon notes new`: write a pre-filled, valid note for week into the
 * config's notes folder as NOTES/YYYY-Www/<slug-of-source>-N.yaml (N the
 * first number whose file does not exist; created with O_EXCL, so two
 * editors never clash). Its date is today clamped into the week (week
 * NULL or not a PERIOD_WEEK: the current week). *out_path receives its
 * path (caller frees). An unknown theme is EIM_USAGE. */
int notes_new(const char *config_path, const char *source, const char *theme,
	      const struct period *week, char **out_path,
	      struct eim_error *err);
/* The part of notes_new that needs no config: write into notes_dir for
 * week (or the week of today), today being a day since 1970-01-01. theme
 * is checked against themes[0..nthemes) unless themes is NULL; an unknown
 * one is named with the list of themes. place (may be NULL: none) is the
 * example in the commented `places:` line: notes_new gives the monitor's
 * first place (or its area when it has none). */
int notes_write_new(const char *notes_dir, const char *source,
		    const char *theme, const char *const *themes,
		    size_t nthemes, const struct config_place *place,
		    const struct period *week, long today, char **out_path,
		    struct eim_error *err);

struct strbuf; /* strbuf.h */
/* `eimon notes list`: the notes dated in the weeks from..to (inclusive),
 * optionally only of theme and naming place (NULL: any), as a text table
 * with a header line (week, date, source or cite_as, theme, sentiment,
 * headline; partners-only notes and drafts marked), oldest first, then a
 * count line. Fails only at the strbuf cap. */
int notes_list_format(const struct notes *all, const struct period *from,
		      const struct period *to, const char *theme,
		      const char *place, struct strbuf *out);

#endif
