/* doc.h - the composed bulletin as a format-independent document model.
 *
 * compose builds a struct doc from the config, figures, notes and the
 * template; a renderer (render_pdf today, HTML later) consumes it and
 * knows nothing about feeds or YAML. Every number in it is formatted
 * text, and a table cell that prints figures also carries them as
 * numbers (struct doc_value: full precision, status, period) for the
 * back ends that keep numbers (the data download); chart data is
 * numeric.
 *
 * Ownership: the doc owns every block, string and array reachable from
 * it (all allocated with xalloc); doc_free releases everything. The
 * doc_add_* helpers copy the strings they are given. */
#ifndef EIMON_DOC_H
#define EIMON_DOC_H

#include <stddef.h>

#include "error.h"
#include "period.h"
#include "strbuf.h"

/* ---- inline text ---------------------------------------------------- */
enum doc_run_flags {
	DOC_BOLD = 1 << 0,
	DOC_ITALIC = 1 << 1,
	DOC_LINK = 1 << 2 /* href set */
};

struct doc_run {
	char *text;   /* UTF-8 */
	unsigned flags;
	char *href;   /* for DOC_LINK */
};

struct doc_text {  /* a paragraph's worth of runs */
	struct doc_run *runs;
	size_t n, cap;
};

/* ---- rich text: paragraphs and list items ----------------------------- */
/* Formatted text (an editor's note body) as a flat list of items, each a
 * paragraph or a list item, with its nesting depth: a back end indents by
 * depth and draws the item's marker; it needs no tree. */
enum doc_item_kind {
	DOC_ITEM_PARA,   /* depth 0: a paragraph; depth d > 0: a further
			    paragraph of the list item above, at its indent */
	DOC_ITEM_BULLET, /* a bullet list item at depth d >= 1 */
	DOC_ITEM_NUMBER  /* a numbered list item at depth d >= 1 */
};

struct doc_item {
	enum doc_item_kind kind;
	int depth;
	long number;      /* NUMBER: the number printed before it */
	struct doc_text text;
};

struct doc_rich {
	struct doc_item *items;
	size_t n, cap;
};

/* ---- charts ------------------------------------------------------------ */
enum doc_chart_kind {
	DOC_CHART_LINE,   /* several series over time */
	DOC_CHART_COLUMN, /* one series over time, vertical bars */
	DOC_CHART_BAR     /* categories (places) compared, horizontal bars */
};

/* A figure's status: what the bulletin marks "(p)" and "(e)". */
enum doc_status { DOC_FINAL, DOC_PROVISIONAL, DOC_ESTIMATED };

struct doc_chart_series {
	char *label;              /* direct label at the line end */
	size_t n;
	struct period *x;         /* LINE, COLUMN */
	double *y;
	unsigned char *has;       /* 0 = gap (drawn as a break) */
	unsigned char *status;    /* enum doc_status of each point */
	int unit, decimals;       /* how a value prints (fmt_value's unit;
				     unit -1: not known, the chart's
				     decimals) */
	int emphasis;             /* 1: the area itself (drawn heavier) */
	int colour;               /* palette slot + 1, so that a place keeps
				     its colour from chart to chart; 0: by
				     series order */
};

struct doc_chart_bar {
	char *label;              /* category, e.g. "Birmingham" */
	double value;
	int has;
	char *value_text;         /* formatted value label */
	int highlight;            /* the area or the focus place */
	enum doc_status status;
};

struct doc_refline {
	double value;
	char *label;              /* e.g. "50 = no change" */
};

/* Most series a line or column chart draws: each has its own colour and
 * a direct label at its end; more would not be told apart. Templates are
 * checked against it (datacheck.c) and compose refuses more. */
#define DOC_CHART_MAX_SERIES 4
/* Most indicators side by side in a table. */
#define DOC_TABLE_MAX_INDICATORS 4

struct doc_chart {
	enum doc_chart_kind kind;
	char *title;              /* states the finding */
	char *subtitle;           /* measure, geography, period */
	char *y_title;            /* unit, e.g. "Claimants", "%" */
	char *source;             /* "Source: ..." line under the chart */
	char *alt;                /* text alternative */
	struct doc_chart_series *series; /* LINE, COLUMN: at most 4 */
	size_t nseries;
	struct doc_chart_bar *bars;      /* BAR, already sorted */
	size_t nbars;
	struct doc_refline *refs;
	size_t nrefs;
	int decimals;             /* for axis labels */
	int zero_based;           /* axis must include 0 */
};

/* ---- tables ------------------------------------------------------------ */
enum doc_cell_kind {
	DOC_CELL_TEXT,
	DOC_CELL_ARROW,  /* direction arrow, see doc_direction */
	DOC_CELL_SPARK   /* sparkline of values */
};

enum doc_direction { DOC_DIR_NONE, DOC_DIR_UP, DOC_DIR_DOWN, DOC_DIR_FLAT };
enum doc_tone { DOC_TONE_NEUTRAL, DOC_TONE_GOOD, DOC_TONE_BAD };

/* How a cell prints a value (fmt.h): a level (fmt_value), a change in
 * the indicator's unit (fmt_change: signed, percentage points for
 * percent units), a percentage change (fmt_percent_signed), a rank or
 * the number of places ranked. */
enum doc_num_kind {
	DOC_NUM_LEVEL, DOC_NUM_CHANGE, DOC_NUM_PCT, DOC_NUM_RANK,
	DOC_NUM_RANK_OF
};

/* A number a cell prints, as figures.csv holds it: the text is for the
 * reader, this is for a back end that keeps numbers. */
struct doc_value {
	double v;                 /* full precision */
	enum doc_num_kind kind;
	int unit;                 /* fmt_value's unit (enum config_unit) */
	int decimals;             /* as printed */
	enum doc_status status;
	int stale;                /* older than its feed's max_age_days */
	struct period period;     /* the figure's period (freq 0: none) */
};

/* Why a cell that could hold a value holds none: the GSS shorthand
 * [x], [z], [c]. */
enum doc_absent { DOC_NOT_AVAILABLE, DOC_NOT_APPLICABLE, DOC_CONFIDENTIAL };

struct doc_cell {
	enum doc_cell_kind kind;
	char *text;               /* TEXT; for ARROW a sign/label like "+1.2" */
	enum doc_direction dir;   /* ARROW */
	enum doc_tone tone;       /* ARROW: colour by polarity */
	double *spark;            /* SPARK values */
	unsigned char *spark_has;
	size_t nspark;
	/* SPARK, when known: each point's period and enum doc_status, and
	 * how its values print (fmt_value's unit and decimals) */
	struct period *spark_x;
	unsigned char *spark_status;
	int spark_unit, spark_decimals;
	int bold;
	/* The numbers the text prints (a change and its percentage: 2),
	 * none when the cell prints no figure; values[0] first. */
	struct doc_value *values;
	size_t nvalues;
	enum doc_absent absent;   /* a value cell without values: why */
	int is_value;             /* 1: the cell's column holds figures */
	struct period period;     /* a cell that names a period (freq 0:
				     none): which, as the bulletin names it
				     without marks */
};

enum doc_align { DOC_LEFT, DOC_RIGHT, DOC_CENTER };

struct doc_table {
	char *caption;            /* title above the table */
	size_t ncols;
	char **header;            /* [ncols] */
	enum doc_align *align;    /* [ncols] */
	double *widths;           /* [ncols] relative widths, sum any */
	struct doc_cell *cells;   /* nrows * ncols, row-major */
	size_t nrows, rows_cap;
	char *footnote;           /* e.g. "(p) provisional" or NULL */
	char *source;             /* source line or NULL */
};

/* ---- notes (qualitative intelligence) ------------------------------------ */
struct doc_note {
	char *headline;
	struct doc_rich body;  /* paragraphs and lists */
	char *meta;      /* "Manufacturing · Birmingham, Coventry" or NULL */
	char *cite;      /* "Source: a regional business organisation" */
	char *link;      /* URL or NULL */
	int partners;    /* 1: partners-only note (marked in the PDF) */
};

/* ---- blocks ------------------------------------------------------------ */
enum doc_block_kind {
	DOC_HEADING,   /* level 1-3, in contents and bookmarks (1, 2) */
	DOC_PARA,
	DOC_BULLETS,
	DOC_CHART,
	DOC_TABLE,
	DOC_NOTE,
	DOC_SOURCE,    /* small source/footnote line */
	DOC_PAGEBREAK,
	DOC_CONTENTS   /* the contents list goes here */
};

/* Where a block came from (the template block that made it), so that a
 * layout error can point into the template; file NULL when unknown. */
struct doc_pos {
	char *file;
	int line, col;
};

struct doc_block {
	enum doc_block_kind kind;
	struct doc_pos pos;
	int level;                 /* HEADING */
	char *anchor;              /* HEADING: stable id */
	struct doc_text text;      /* HEADING, PARA, SOURCE */
	struct doc_text *items;    /* BULLETS */
	size_t nitems;
	struct doc_chart *chart;   /* CHART */
	struct doc_table *table;   /* TABLE */
	struct doc_note *note;     /* NOTE */
};

/* ---- revisions since the previous edition -------------------------------- */
/* A value of an indicator at a place for a period that the previous
 * edition's figures.csv held with another value. */
struct doc_revision {
	char *indicator;          /* its title */
	char *geography;          /* the place's name */
	char *code;               /* the place's code */
	struct period period;
	double was, now;          /* full precision */
	int unit, decimals;       /* how the bulletin prints them */
};

/* ---- the document ------------------------------------------------------- */
struct doc_style {
	char *font_regular;  /* TrueType paths; NULL = find at run time */
	char *font_bold;
	double page_w, page_h;       /* points; A4 595.28 x 841.89 */
	double margin_top, margin_bottom, margin_left, margin_right;
	double body_size;            /* pt */
	unsigned accent_rgb;         /* masthead colour, 0xRRGGBB */
	char *logo_png;              /* NULL = none */
};

struct doc {
	/* front matter */
	char *title;
	char *subtitle;       /* e.g. the area's name */
	char *publisher;
	char *funding;
	char *caveat;
	int issue;
	char *date_text;      /* "20 November 2026", printed */
	int year, month, day; /* publication date: PDF info dates */
	char *keywords;
	char *banner;         /* "Partners only — not for publication" or NULL */
	/* The previous edition the figures were compared with ("week 43
	 * 2026"; NULL: none) and every value revised since it. */
	char *prev_edition;
	struct doc_revision *revisions;
	size_t nrevisions;
	struct doc_style style;
	struct doc_block *blocks;
	size_t nblocks, cap;
	/* a text of the document was cut at a strbuf's size cap while it was
	 * composed: the document must not be rendered (compose_doc fails) */
	int truncated;
};

/* Zeroes d and sets the default style (A4, 56 pt margins, 10.5 pt body,
 * accent #12436D). */
void doc_init(struct doc *d);
void doc_free(struct doc *d);     /* releases contents; d itself not freed */

struct doc_block *doc_add_block(struct doc *d, enum doc_block_kind k);
struct doc_block *doc_add_heading(struct doc *d, int level, const char *text,
				  const char *anchor);
struct doc_block *doc_add_para(struct doc *d, const char *text);
void doc_text_add(struct doc_text *t, const char *text, unsigned flags,
		  const char *href);
/* Plain concatenation of a text's runs (caller frees). */
char *doc_text_plain(const struct doc_text *t);

/* zero_based is preset to 1 for COLUMN and BAR (bars start at zero). */
struct doc_chart *doc_chart_new(enum doc_chart_kind k);
struct doc_chart_series *doc_chart_add_series(struct doc_chart *c,
					      const char *label, size_t n);
struct doc_table *doc_table_new(size_t ncols);
/* Append a row; returns its first cell (ncols cells, zeroed TEXT). */
struct doc_cell *doc_table_add_row(struct doc_table *t);
void doc_cell_set_text(struct doc_cell *c, const char *text);

/* Further helpers (render branch). Strings are copied; NULL is allowed
 * where the field may be NULL. */
/* Set a header cell, its alignment and relative width (<= 0: keep). */
void doc_table_set_header(struct doc_table *t, size_t col, const char *text,
			  enum doc_align align, double width);
void doc_cell_set_arrow(struct doc_cell *c, enum doc_direction dir,
			enum doc_tone tone, const char *text);
/* Copies n values; has NULL means all present. */
void doc_cell_set_spark(struct doc_cell *c, const double *v,
			const unsigned char *has, size_t n);
/* The periods and statuses (NULL: all final) of the cell's nspark
 * points, copied, and how its values print. */
void doc_cell_set_spark_at(struct doc_cell *c, const struct period *x,
			   const unsigned char *status, int unit,
			   int decimals);
/* Adds a number the cell prints (copied); marks the cell a value cell. */
struct doc_value *doc_cell_add_value(struct doc_cell *c,
				     const struct doc_value *v);
/* Appends a revision (strings copied). */
struct doc_revision *doc_add_revision(struct doc *d, const char *indicator,
				      const char *geography, const char *code,
				      const struct period *p, double was,
				      double now);
/* A BAR chart category (has = 1). */
struct doc_chart_bar *doc_chart_add_bar(struct doc_chart *c, const char *label,
					double value, const char *value_text);
struct doc_refline *doc_chart_add_ref(struct doc_chart *c, double value,
				      const char *label);
/* Blocks that take ownership of an already built chart or table. */
struct doc_block *doc_add_chart(struct doc *d, struct doc_chart *c);
struct doc_block *doc_add_table(struct doc *d, struct doc_table *t);
struct doc_block *doc_add_source(struct doc *d, const char *text);
/* A NOTE block; returns the note to fill. */
struct doc_note *doc_add_note(struct doc *d, const char *headline);
/* A plain paragraph of the note's body (one run). */
void doc_note_add_para(struct doc_note *n, const char *text);
/* A new empty item of rich text; fill its text with doc_text_add. */
struct doc_item *doc_rich_add(struct doc_rich *r, enum doc_item_kind k,
			      int depth, long number);
void doc_rich_release(struct doc_rich *r);
/* A new (empty) item of a BULLETS block; fill it with doc_text_add. */
struct doc_text *doc_bullets_add(struct doc_block *b);

/* ---- a chart's data (doc_chart_data.c) ---------------------------------- */
/* The periods of all of c's series, sorted, each once (*out: caller
 * frees; allocated also when 0 are returned). */
size_t doc_chart_periods(const struct doc_chart *c, struct period **out);
/* s's value at period p: 0, or -1 when s has none there (a gap).
 * *cursor (start at 0) remembers where the last one was found: asked in
 * period order, a series is read once. */
int doc_series_value(const struct doc_chart_series *s, const struct period *p,
		     size_t *cursor, double *v);
/* The chart's data as rows of a tidy CSV whose header is
 * DOC_CHART_CSV_HEADER: "id,period,label,value" a point (ISO period
 * text, the series' label, the value at full precision; gaps left out);
 * a BAR chart's "id,,category,value" a bar. id names the chart in a file
 * of several. 0, or -1 when out's cap was reached. */
#define DOC_CHART_CSV_HEADER "chart,period,label,value\n"
int doc_chart_csv(const struct doc_chart *c, const char *id,
		  struct strbuf *out);

/* ---- the document as text (doc_dump.c) ---------------------------------- */
/* Every field of d, one item a line, numbers read back exactly: what
 * tests/compose/ compares and tests/layout/ starts from. 0, or -1 when
 * out's cap was reached. */
int doc_dump(const struct doc *d, struct strbuf *out);
/* The doc a dump describes, added to d (doc_init first); name is the
 * file name for errors (EIM_DATA with the line). */
int doc_read(const char *text, size_t len, const char *name, struct doc *d,
	     struct eim_error *err);

#endif
