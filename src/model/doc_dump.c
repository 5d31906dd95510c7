/* doc_dump.c - a struct doc as text and back (see doc.h): the contract
 * between compose and every back end that tests/compose/ and
 * tests/layout/ hold them to. One item a line: a keyword, then bare
 * words and "quoted strings" (\" \\ \xHH escapes); numbers with as many
 * digits as it takes to read back the same double. Strings that are NULL
 * in the doc are left out (or written "-" where a place must be kept). */
#include "doc.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "banned.h"

/* ---- writing ------------------------------------------------------------ */
static void put_str(struct strbuf *o, const char *s)
{
	strbuf_addch(o, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			strbuf_addf(o, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			strbuf_addf(o, "\\x%02X", (unsigned char)*s);
		else
			strbuf_addch(o, *s);
	}
	strbuf_addch(o, '"');
}

/* key "value"\n, nothing when s is NULL */
static void put_kv(struct strbuf *o, const char *ind, const char *key,
		   const char *s)
{
	if (!s)
		return;
	strbuf_addf(o, "%s%s ", ind, key);
	put_str(o, s);
	strbuf_addch(o, '\n');
}

/* v at full precision (strbuf_add_double) after a space. */
static void put_num(struct strbuf *o, double v)
{
	strbuf_addch(o, ' ');
	strbuf_add_double(o, v);
}

static void put_text(struct strbuf *o, const char *ind,
		     const struct doc_text *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		const struct doc_run *r = &t->runs[i];

		strbuf_addf(o, "%srun %s%s%s ", ind,
			    r->flags & DOC_BOLD ? "b" : "",
			    r->flags & DOC_ITALIC ? "i" : "",
			    r->flags & (DOC_BOLD | DOC_ITALIC) ? "" : "-");
		put_str(o, r->text);
		if (r->flags & DOC_LINK && r->href) {
			strbuf_addch(o, ' ');
			put_str(o, r->href);
		}
		strbuf_addch(o, '\n');
	}
}

static const char *const chart_kinds[] = { "line", "column", "bar" };
static const char *const cell_kinds[] = { "text", "arrow", "spark" };
static const char *const dirs[] = { "none", "up", "down", "flat" };
static const char *const tones[] = { "neutral", "good", "bad" };
static const char *const aligns[] = { "left", "right", "center" };
static const char *const statuses[] = { "-", "p", "e" };
static const char *const num_kinds[] = {
	"level", "change", "pct", "rank", "rank_of"
};
static const char *const absents[] = { "x", "z", "c" };
static const char *const block_kinds[] = {
	"heading", "para", "bullets", "chart", "table", "note", "source",
	"pagebreak", "contents"
};

static void put_chart(struct strbuf *o, const struct doc_chart *c)
{
	size_t i, k;

	strbuf_addf(o, "  chart %s decimals %d zero_based %d\n",
		    chart_kinds[c->kind], c->decimals, c->zero_based);
	put_kv(o, "  ", "title", c->title);
	put_kv(o, "  ", "subtitle", c->subtitle);
	put_kv(o, "  ", "y_title", c->y_title);
	put_kv(o, "  ", "source", c->source);
	put_kv(o, "  ", "alt", c->alt);
	for (i = 0; i < c->nseries; i++) {
		const struct doc_chart_series *s = &c->series[i];

		strbuf_addf(o, "  series %zu emphasis %d colour %d ", s->n,
			    s->emphasis, s->colour);
		put_str(o, s->label ? s->label : "");
		if (s->unit >= 0)
			strbuf_addf(o, " unit %d decimals %d", s->unit,
				    s->decimals);
		strbuf_addch(o, '\n');
		for (k = 0; k < s->n; k++) {
			char p[PERIOD_TEXT_MAX];

			period_format(&s->x[k], p, sizeof(p));
			strbuf_addf(o, "    point %s", p);
			if (s->has[k])
				put_num(o, s->y[k]);
			else
				strbuf_adds(o, " -");
			if (s->status[k])
				strbuf_addf(o, " %s", statuses[s->status[k] % 3]);
			strbuf_addch(o, '\n');
		}
	}
	for (i = 0; i < c->nbars; i++) {
		const struct doc_chart_bar *b = &c->bars[i];

		strbuf_adds(o, "  bar");
		put_num(o, b->value);
		strbuf_addf(o, " has %d highlight %d ", b->has, b->highlight);
		put_str(o, b->label);
		if (b->value_text) {
			strbuf_addch(o, ' ');
			put_str(o, b->value_text);
		}
		if (b->status)
			strbuf_addf(o, " %s", statuses[b->status % 3]);
		strbuf_addch(o, '\n');
	}
	for (i = 0; i < c->nrefs; i++) {
		strbuf_adds(o, "  ref");
		put_num(o, c->refs[i].value);
		if (c->refs[i].label) {
			strbuf_addch(o, ' ');
			put_str(o, c->refs[i].label);
		}
		strbuf_addch(o, '\n');
	}
}

static void put_period(struct strbuf *o, const struct period *p)
{
	char t[PERIOD_TEXT_MAX];

	period_format(p, t, sizeof(t));
	strbuf_addf(o, " %s", p->freq ? t : "-");
}

/* The numbers behind a cell's text, a line each under it. */
static void put_cell_numbers(struct strbuf *o, const struct doc_cell *c)
{
	size_t k;

	for (k = 0; k < c->nvalues; k++) {
		const struct doc_value *v = &c->values[k];

		strbuf_adds(o, "      value");
		put_num(o, v->v);
		strbuf_addf(o, " %s unit %d decimals %d status %s stale %d "
			    "period", num_kinds[v->kind], v->unit, v->decimals,
			    statuses[v->status % 3], v->stale);
		put_period(o, &v->period);
		strbuf_addch(o, '\n');
	}
	if (c->is_value && !c->nvalues)
		strbuf_addf(o, "      absent %s\n", absents[c->absent % 3]);
	if (c->period.freq) {
		strbuf_adds(o, "      period");
		put_period(o, &c->period);
		strbuf_addch(o, '\n');
	}
	if (c->spark_x) {
		int any = 0;

		strbuf_addf(o, "      spark_at unit %d decimals %d",
			    c->spark_unit, c->spark_decimals);
		for (k = 0; k < c->nspark; k++) {
			put_period(o, &c->spark_x[k]);
			any |= c->spark_status[k] != 0;
		}
		strbuf_addch(o, '\n');
		if (any) {
			strbuf_adds(o, "      spark_status");
			for (k = 0; k < c->nspark; k++)
				strbuf_addf(o, " %s",
					    statuses[c->spark_status[k] % 3]);
			strbuf_addch(o, '\n');
		}
	}
}

static void put_table(struct strbuf *o, const struct doc_table *t)
{
	size_t i, r;

	strbuf_addf(o, "  table %zu\n", t->ncols);
	put_kv(o, "  ", "caption", t->caption);
	for (i = 0; i < t->ncols; i++) {
		strbuf_addf(o, "  column %s", aligns[t->align[i]]);
		put_num(o, t->widths[i]);
		strbuf_addch(o, ' ');
		put_str(o, t->header[i] ? t->header[i] : "");
		strbuf_addch(o, '\n');
	}
	for (r = 0; r < t->nrows; r++) {
		strbuf_adds(o, "  row\n");
		for (i = 0; i < t->ncols; i++) {
			const struct doc_cell *c = &t->cells[r * t->ncols + i];
			size_t k;

			strbuf_addf(o, "    cell %s bold %d", cell_kinds[c->kind],
				    c->bold);
			if (c->kind == DOC_CELL_ARROW)
				strbuf_addf(o, " %s %s", dirs[c->dir],
					    tones[c->tone]);
			if (c->kind == DOC_CELL_SPARK) {
				strbuf_addf(o, " %zu", c->nspark);
				for (k = 0; k < c->nspark; k++) {
					if (c->spark_has[k])
						put_num(o, c->spark[k]);
					else
						strbuf_adds(o, " -");
				}
			}
			if (c->text) {
				strbuf_addch(o, ' ');
				put_str(o, c->text);
			}
			strbuf_addch(o, '\n');
			put_cell_numbers(o, c);
		}
	}
	put_kv(o, "  ", "footnote", t->footnote);
	put_kv(o, "  ", "source", t->source);
}

static const char *const item_kinds[] = { "para", "bullet", "number" };

static void put_note(struct strbuf *o, const struct doc_note *n)
{
	size_t i;

	strbuf_addf(o, "  note partners %d\n", n->partners);
	put_kv(o, "  ", "headline", n->headline);
	for (i = 0; i < n->body.n; i++) {
		const struct doc_item *it = &n->body.items[i];

		strbuf_addf(o, "  body %s depth %d number %ld\n",
			    item_kinds[it->kind], it->depth, it->number);
		put_text(o, "    ", &it->text);
	}
	put_kv(o, "  ", "meta", n->meta);
	put_kv(o, "  ", "cite", n->cite);
	put_kv(o, "  ", "link", n->link);
}

int doc_dump(const struct doc *d, struct strbuf *o)
{
	const struct doc_style *st = &d->style;
	size_t i, k;

	strbuf_adds(o, "eimon-doc 1\n");
	put_kv(o, "", "title", d->title);
	put_kv(o, "", "subtitle", d->subtitle);
	put_kv(o, "", "publisher", d->publisher);
	put_kv(o, "", "funding", d->funding);
	put_kv(o, "", "caveat", d->caveat);
	put_kv(o, "", "date_text", d->date_text);
	put_kv(o, "", "keywords", d->keywords);
	put_kv(o, "", "banner", d->banner);
	put_kv(o, "", "previous", d->prev_edition);
	for (i = 0; i < d->nrevisions; i++) {
		const struct doc_revision *rv = &d->revisions[i];

		strbuf_adds(o, "revision ");
		put_str(o, rv->indicator);
		strbuf_addch(o, ' ');
		put_str(o, rv->geography);
		strbuf_addch(o, ' ');
		put_str(o, rv->code);
		put_period(o, &rv->period);
		put_num(o, rv->was);
		put_num(o, rv->now);
		strbuf_addf(o, " unit %d decimals %d\n", rv->unit,
			    rv->decimals);
	}
	strbuf_addf(o, "issue %d\ndate %d %d %d\n", d->issue, d->year,
		    d->month, d->day);
	strbuf_adds(o, "page");
	put_num(o, st->page_w);
	put_num(o, st->page_h);
	strbuf_adds(o, "\nmargins");
	put_num(o, st->margin_top);
	put_num(o, st->margin_bottom);
	put_num(o, st->margin_left);
	put_num(o, st->margin_right);
	strbuf_adds(o, "\nbody");
	put_num(o, st->body_size);
	strbuf_addf(o, "\naccent %06X\n", st->accent_rgb & 0xFFFFFFU);
	put_kv(o, "", "font_regular", st->font_regular);
	put_kv(o, "", "font_bold", st->font_bold);
	put_kv(o, "", "logo", st->logo_png);
	for (i = 0; i < d->nblocks; i++) {
		const struct doc_block *b = &d->blocks[i];

		strbuf_addf(o, "block %s", block_kinds[b->kind]);
		if (b->kind == DOC_HEADING) {
			strbuf_addf(o, " %d ", b->level);
			put_str(o, b->anchor ? b->anchor : "");
		}
		strbuf_addch(o, '\n');
		if (b->pos.file)
			strbuf_addf(o, "  at %d %d \"%s\"\n", b->pos.line,
				    b->pos.col, b->pos.file);
		put_text(o, "  ", &b->text);
		for (k = 0; k < b->nitems; k++) {
			strbuf_adds(o, "  item\n");
			put_text(o, "    ", &b->items[k]);
		}
		if (b->chart)
			put_chart(o, b->chart);
		if (b->table)
			put_table(o, b->table);
		if (b->note)
			put_note(o, b->note);
	}
	return o->failed ? -1 : 0;
}

/* ---- reading ------------------------------------------------------------ */
#define MAX_TOK 64

struct line {
	char *tok[MAX_TOK];    /* words and unescaped strings (owned) */
	int quoted[MAX_TOK];
	int n;
};

static void line_release(struct line *l)
{
	int i;

	for (i = 0; i < l->n; i++)
		free(l->tok[i]);
	l->n = 0;
}

static int hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F'
	       ? c - 'A' + 10 : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Split s[0..len) into tokens; -1 on an unterminated string or a bad
 * escape (*col says where). */
static int tokenize(const char *s, size_t len, struct line *l, int *col)
{
	size_t i = 0;

	l->n = 0;
	while (i < len) {
		struct strbuf t = STRBUF_INIT;

		if (s[i] == ' ' || s[i] == '\t') {
			i++;
			continue;
		}
		if (l->n == MAX_TOK) {
			*col = (int)i + 1;
			return -1;
		}
		l->quoted[l->n] = s[i] == '"';
		if (s[i] == '"') {
			for (i++; i < len && s[i] != '"'; i++) {
				int c = (unsigned char)s[i];

				if (c == '\\' && i + 1 < len && s[i + 1] == 'x' &&
				    i + 3 < len && hexval(s[i + 2]) >= 0 &&
				    hexval(s[i + 3]) >= 0) {
					c = hexval(s[i + 2]) * 16 +
					    hexval(s[i + 3]);
					i += 3;
				} else if (c == '\\' && i + 1 < len &&
					   (s[i + 1] == '"' || s[i + 1] == '\\')) {
					c = (unsigned char)s[++i];
				} else if (c == '\\') {
					strbuf_release(&t);
					*col = (int)i + 1;
					return -1;
				}
				strbuf_addch(&t, c);
			}
			if (i >= len) {
				strbuf_release(&t);
				*col = (int)len;
				return -1;
			}
			i++;
		} else {
			while (i < len && s[i] != ' ' && s[i] != '\t')
				strbuf_addch(&t, s[i++]);
		}
		l->tok[l->n++] = strbuf_detach(&t, NULL);
	}
	return 0;
}

struct reader {
	const char *name;
	int lineno;
	struct eim_error *err;
	struct doc *d;
	struct doc_block *b;        /* the block being read */
	struct doc_text *text;      /* where run lines go */
	struct doc_chart_series *series;
	size_t npoints;
	struct doc_cell *row;
	size_t ncells;
};

static int bad(struct reader *r, const char *what)
{
	return eim_error_set(r->err, EIM_DATA, r->name, r->lineno, 0, "%s",
			     what);
}

static int num(struct reader *r, const struct line *l, int i, double *v)
{
	char *end;

	*v = 0;
	if (i >= l->n || l->quoted[i])
		return bad(r, "a number is missing");
	errno = 0;
	*v = strtod(l->tok[i], &end);
	if (*end || end == l->tok[i] || errno == ERANGE)
		return bad(r, "not a number");
	return 0;
}

static int inum(struct reader *r, const struct line *l, int i, int *v)
{
	double x;

	*v = 0;
	if (num(r, l, i, &x) != 0)
		return -1;
	if (x != floor(x) || x < -1e9 || x > 1e9)
		return bad(r, "not a whole number");
	*v = (int)x;
	return 0;
}

static int str(struct reader *r, const struct line *l, int i,
	       const char **s)
{
	*s = "";
	if (i >= l->n || !l->quoted[i])
		return bad(r, "a quoted string is missing");
	*s = l->tok[i];
	return 0;
}

static int word(struct reader *r, const struct line *l, int i,
		const char *const *names, int n, int *out)
{
	int k;

	*out = 0;
	for (k = 0; i < l->n && !l->quoted[i] && k < n; k++)
		if (strcmp(l->tok[i], names[k]) == 0) {
			*out = k;
			return 0;
		}
	return bad(r, "unknown word");
}

#define NAMES(a) (a), (int)(sizeof(a) / sizeof((a)[0]))

/* key "string" into *field (replacing it). */
static int set_str(struct reader *r, const struct line *l, char **field)
{
	const char *s;

	if (str(r, l, 1, &s) != 0)
		return -1;
	free(*field);
	*field = xstrdup(s);
	return 0;
}

/* A period word, "-" for none. */
static int per(struct reader *r, const struct line *l, int i,
	       struct period *p)
{
	memset(p, 0, sizeof(*p));
	if (i >= l->n || l->quoted[i])
		return bad(r, "a period is missing");
	if (strcmp(l->tok[i], "-") == 0)
		return 0;
	return period_parse(l->tok[i], strlen(l->tok[i]), p) == 0
	       ? 0 : bad(r, "not a period");
}

static int read_revision(struct reader *r, const struct line *l)
{
	const char *ind, *geo, *code;
	struct period p;
	double was, now;
	int unit, dec;
	struct doc_revision *rv;

	if (str(r, l, 1, &ind) || str(r, l, 2, &geo) || str(r, l, 3, &code) ||
	    per(r, l, 4, &p) || num(r, l, 5, &was) || num(r, l, 6, &now) ||
	    inum(r, l, 8, &unit) || inum(r, l, 10, &dec))
		return bad(r, "revision \"indicator\" \"place\" \"code\" "
			   "PERIOD WAS NOW unit U decimals D");
	rv = doc_add_revision(r->d, ind, geo, code, &p, was, now);
	rv->unit = unit;
	rv->decimals = dec;
	return 0;
}

static int read_head(struct reader *r, const struct line *l)
{
	struct doc *d = r->d;
	struct doc_style *st = &d->style;
	static const char *const keys[] = {
		"title", "subtitle", "publisher", "funding", "caveat",
		"date_text", "keywords", "banner", "font_regular",
		"font_bold", "logo", "previous"
	};
	char **fields[] = {
		&d->title, &d->subtitle, &d->publisher, &d->funding,
		&d->caveat, &d->date_text, &d->keywords, &d->banner,
		&st->font_regular, &st->font_bold, &st->logo_png,
		&d->prev_edition
	};
	const char *k = l->tok[0];
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(k, keys[i]) == 0)
			return set_str(r, l, fields[i]);
	if (strcmp(k, "revision") == 0)
		return read_revision(r, l);
	if (strcmp(k, "issue") == 0)
		return inum(r, l, 1, &d->issue);
	if (strcmp(k, "date") == 0)
		return inum(r, l, 1, &d->year) || inum(r, l, 2, &d->month) ||
		       inum(r, l, 3, &d->day) ? -1 : 0;
	if (strcmp(k, "page") == 0)
		return num(r, l, 1, &st->page_w) || num(r, l, 2, &st->page_h)
		       ? -1 : 0;
	if (strcmp(k, "margins") == 0)
		return num(r, l, 1, &st->margin_top) ||
		       num(r, l, 2, &st->margin_bottom) ||
		       num(r, l, 3, &st->margin_left) ||
		       num(r, l, 4, &st->margin_right) ? -1 : 0;
	if (strcmp(k, "body") == 0)
		return num(r, l, 1, &st->body_size);
	if (strcmp(k, "accent") == 0) {
		char *end;

		if (l->n < 2)
			return bad(r, "accent needs a colour");
		st->accent_rgb = (unsigned)strtoul(l->tok[1], &end, 16);
		return *end || end == l->tok[1] ? bad(r, "bad colour") : 0;
	}
	return 1; /* not a head line */
}

static int read_run(struct reader *r, const struct line *l)
{
	const char *text, *href = NULL;
	unsigned flags = 0;

	if (!r->text)
		return bad(r, "a run outside a text");
	if (l->n < 3 || str(r, l, 2, &text) != 0)
		return bad(r, "run needs flags and a string");
	if (strchr(l->tok[1], 'b'))
		flags |= DOC_BOLD;
	if (strchr(l->tok[1], 'i'))
		flags |= DOC_ITALIC;
	if (l->n > 3 && str(r, l, 3, &href) == 0)
		flags |= DOC_LINK;
	doc_text_add(r->text, text, flags, href);
	return 0;
}

static int read_chart_line(struct reader *r, const struct line *l)
{
	struct doc_chart *c = r->b ? r->b->chart : NULL;
	const char *k = l->tok[0], *s;
	double v;

	if (!c)
		return bad(r, "chart data outside a chart");
	if (strcmp(k, "title") == 0)
		return set_str(r, l, &c->title);
	if (strcmp(k, "subtitle") == 0)
		return set_str(r, l, &c->subtitle);
	if (strcmp(k, "y_title") == 0)
		return set_str(r, l, &c->y_title);
	if (strcmp(k, "source") == 0)
		return set_str(r, l, &c->source);
	if (strcmp(k, "alt") == 0)
		return set_str(r, l, &c->alt);
	if (strcmp(k, "series") == 0) {
		int n, em, col;

		if (inum(r, l, 1, &n) || n < 0 || inum(r, l, 3, &em) ||
		    inum(r, l, 5, &col) || str(r, l, 6, &s))
			return bad(r, "series N emphasis E colour C \"label\"");
		r->series = doc_chart_add_series(c, s, (size_t)n);
		r->series->emphasis = em;
		r->series->colour = col;
		if (l->n > 7 && (inum(r, l, 8, &r->series->unit) ||
				 inum(r, l, 10, &r->series->decimals)))
			return bad(r, "series ... \"label\" unit U decimals D");
		r->npoints = 0;
		return 0;
	}
	if (strcmp(k, "point") == 0) {
		struct doc_chart_series *se = r->series;

		if (!se || r->npoints >= se->n || l->n < 3 ||
		    period_parse(l->tok[1], strlen(l->tok[1]),
				 &se->x[r->npoints]) != 0)
			return bad(r, "point PERIOD VALUE|- within a series");
		if (strcmp(l->tok[2], "-") != 0) {
			if (num(r, l, 2, &se->y[r->npoints]) != 0)
				return -1;
			se->has[r->npoints] = 1;
		}
		if (l->n > 3) {
			int st;

			if (word(r, l, 3, NAMES(statuses), &st))
				return -1;
			se->status[r->npoints] = (unsigned char)st;
		}
		r->npoints++;
		return 0;
	}
	if (strcmp(k, "bar") == 0) {
		struct doc_chart_bar *b;
		const char *vt = NULL;
		int has, hi, st = 0, i;

		if (num(r, l, 1, &v) || inum(r, l, 3, &has) ||
		    inum(r, l, 5, &hi) || str(r, l, 6, &s))
			return bad(r, "bar V has H highlight H \"label\"");
		for (i = 7; i < l->n; i++) {
			if (l->quoted[i] ? str(r, l, i, &vt)
			    : word(r, l, i, NAMES(statuses), &st))
				return -1;
		}
		b = doc_chart_add_bar(c, s, v, vt);
		b->has = has;
		b->highlight = hi;
		b->status = (enum doc_status)st;
		return 0;
	}
	if (strcmp(k, "ref") == 0) {
		s = NULL;
		if (num(r, l, 1, &v) || (l->n > 2 && str(r, l, 2, &s)))
			return -1;
		doc_chart_add_ref(c, v, s);
		return 0;
	}
	return 1;
}

static int read_cell(struct reader *r, const struct line *l)
{
	struct doc_cell *c;
	int kind, bold, i = 4;
	const char *text = NULL;

	if (!r->row || r->ncells >= r->b->table->ncols)
		return bad(r, "a cell outside a row or past its columns");
	c = &r->row[r->ncells];
	if (word(r, l, 1, NAMES(cell_kinds), &kind) || inum(r, l, 3, &bold))
		return -1;
	c->kind = (enum doc_cell_kind)kind;
	c->bold = bold;
	if (kind == DOC_CELL_ARROW) {
		int dir, tone;

		if (word(r, l, 4, NAMES(dirs), &dir) ||
		    word(r, l, 5, NAMES(tones), &tone))
			return -1;
		c->dir = (enum doc_direction)dir;
		c->tone = (enum doc_tone)tone;
		i = 6;
	} else if (kind == DOC_CELL_SPARK) {
		int n, k;

		if (inum(r, l, 4, &n) || n < 0 || n > MAX_TOK - 6)
			return bad(r, "bad sparkline length");
		c->nspark = (size_t)n;
		c->spark = xcalloc((size_t)n + 1, sizeof(*c->spark));
		c->spark_has = xcalloc((size_t)n + 1, 1);
		for (k = 0; k < n; k++) {
			if (5 + k < l->n && strcmp(l->tok[5 + k], "-") == 0)
				continue;
			if (num(r, l, 5 + k, &c->spark[k]) != 0)
				return -1;
			c->spark_has[k] = 1;
		}
		i = 5 + n;
	}
	if (i < l->n && str(r, l, i, &text) != 0)
		return -1;
	c->text = text ? xstrdup(text) : NULL;
	r->ncells++;
	return 0;
}

/* A line of the numbers under a cell (put_cell_numbers). */
static int read_cell_numbers(struct reader *r, const struct line *l,
			     struct doc_cell *c)
{
	const char *k = l->tok[0];
	int i, st;

	if (strcmp(k, "value") == 0) {
		struct doc_value v;
		int kind;

		memset(&v, 0, sizeof(v));
		if (num(r, l, 1, &v.v) || word(r, l, 2, NAMES(num_kinds), &kind) ||
		    inum(r, l, 4, &v.unit) || inum(r, l, 6, &v.decimals) ||
		    word(r, l, 8, NAMES(statuses), &st) ||
		    inum(r, l, 10, &v.stale) || per(r, l, 12, &v.period))
			return bad(r, "value V KIND unit U decimals D status S "
				   "stale T period P");
		v.kind = (enum doc_num_kind)kind;
		v.status = (enum doc_status)st;
		doc_cell_add_value(c, &v);
		return 0;
	}
	if (strcmp(k, "absent") == 0) {
		if (word(r, l, 1, NAMES(absents), &i))
			return -1;
		c->is_value = 1;
		c->absent = (enum doc_absent)i;
		return 0;
	}
	if (strcmp(k, "period") == 0)
		return per(r, l, 1, &c->period);
	if (strcmp(k, "spark_at") == 0) {
		struct period x[MAX_TOK];
		int unit, dec;

		if (c->kind != DOC_CELL_SPARK || inum(r, l, 2, &unit) ||
		    inum(r, l, 4, &dec) || l->n != 5 + (int)c->nspark)
			return bad(r, "spark_at unit U decimals D and a period "
				   "a point, under a sparkline");
		for (i = 0; i < (int)c->nspark; i++)
			if (per(r, l, 5 + i, &x[i]))
				return -1;
		doc_cell_set_spark_at(c, x, NULL, unit, dec);
		return 0;
	}
	if (strcmp(k, "spark_status") == 0) {
		if (!c->spark_x || l->n != 1 + (int)c->nspark)
			return bad(r, "spark_status a status a point, after "
				   "spark_at");
		for (i = 0; i < (int)c->nspark; i++) {
			if (word(r, l, 1 + i, NAMES(statuses), &st))
				return -1;
			c->spark_status[i] = (unsigned char)st;
		}
		return 0;
	}
	return 1;
}

static int read_table_line(struct reader *r, const struct line *l)
{
	struct doc_table *t = r->b ? r->b->table : NULL;
	const char *k = l->tok[0], *s;

	if (!t)
		return bad(r, "table data outside a table");
	if (strcmp(k, "caption") == 0)
		return set_str(r, l, &t->caption);
	if (strcmp(k, "footnote") == 0)
		return set_str(r, l, &t->footnote);
	if (strcmp(k, "source") == 0)
		return set_str(r, l, &t->source);
	if (strcmp(k, "column") == 0) {
		int al;
		double w;

		if (r->ncells >= t->ncols || word(r, l, 1, NAMES(aligns), &al) ||
		    num(r, l, 2, &w) || str(r, l, 3, &s))
			return bad(r, "column ALIGN WIDTH \"header\"");
		doc_table_set_header(t, r->ncells++, s, (enum doc_align)al, w);
		return 0;
	}
	if (strcmp(k, "row") == 0) {
		r->row = doc_table_add_row(t);
		r->ncells = 0;
		return 0;
	}
	if (strcmp(k, "cell") == 0)
		return read_cell(r, l);
	if (r->row && r->ncells)
		return read_cell_numbers(r, l, &r->row[r->ncells - 1]);
	return 1;
}

static int read_note_line(struct reader *r, const struct line *l)
{
	struct doc_note *n = r->b ? r->b->note : NULL;
	const char *k = l->tok[0];

	if (!n)
		return bad(r, "note data outside a note");
	if (strcmp(k, "headline") == 0)
		return set_str(r, l, &n->headline);
	if (strcmp(k, "meta") == 0)
		return set_str(r, l, &n->meta);
	if (strcmp(k, "cite") == 0)
		return set_str(r, l, &n->cite);
	if (strcmp(k, "link") == 0)
		return set_str(r, l, &n->link);
	if (strcmp(k, "body") == 0) {
		int kind, depth;
		double number;
		struct doc_item *it;

		if (word(r, l, 1, NAMES(item_kinds), &kind) ||
		    inum(r, l, 3, &depth) || num(r, l, 5, &number))
			return bad(r, "body KIND depth D number N");
		it = doc_rich_add(&n->body, (enum doc_item_kind)kind, depth,
				  (long)number);
		r->text = &it->text; /* its runs follow */
		return 0;
	}
	return 1;
}

static int read_block(struct reader *r, const struct line *l)
{
	int kind;

	if (word(r, l, 1, NAMES(block_kinds), &kind) != 0)
		return -1;
	r->b = doc_add_block(r->d, (enum doc_block_kind)kind);
	r->text = &r->b->text;
	r->series = NULL;
	r->row = NULL;
	r->ncells = 0;
	if (kind == DOC_HEADING) {
		const char *a;

		if (inum(r, l, 2, &r->b->level) || str(r, l, 3, &a))
			return bad(r, "block heading LEVEL \"anchor\"");
		r->b->anchor = *a ? xstrdup(a) : NULL;
	}
	return 0;
}

/* The line inside a block: its kind's data, a run, an item. */
static int read_in_block(struct reader *r, const struct line *l)
{
	const char *k = l->tok[0];
	int kind;

	if (strcmp(k, "run") == 0)
		return read_run(r, l);
	if (strcmp(k, "item") == 0 && r->b->kind == DOC_BULLETS) {
		r->text = doc_bullets_add(r->b);
		return 0;
	}
	if (strcmp(k, "at") == 0) {
		const char *f;

		if (inum(r, l, 1, &r->b->pos.line) ||
		    inum(r, l, 2, &r->b->pos.col) || str(r, l, 3, &f))
			return -1;
		free(r->b->pos.file);
		r->b->pos.file = xstrdup(f);
		return 0;
	}
	if (strcmp(k, "chart") == 0 && r->b->kind == DOC_CHART && !r->b->chart) {
		if (word(r, l, 1, NAMES(chart_kinds), &kind) ||
		    strcmp(l->n > 2 ? l->tok[2] : "", "decimals") != 0)
			return bad(r, "chart KIND decimals D zero_based Z");
		r->b->chart = doc_chart_new((enum doc_chart_kind)kind);
		return inum(r, l, 3, &r->b->chart->decimals) ||
		       inum(r, l, 5, &r->b->chart->zero_based) ? -1 : 0;
	}
	if (strcmp(k, "table") == 0 && r->b->kind == DOC_TABLE && !r->b->table) {
		int n;

		if (inum(r, l, 1, &n) || n < 1 || n > 64)
			return bad(r, "table NCOLS (1 to 64)");
		r->b->table = doc_table_new((size_t)n);
		return 0;
	}
	if (strcmp(k, "note") == 0 && r->b->kind == DOC_NOTE && !r->b->note) {
		r->b->note = xcalloc(1, sizeof(*r->b->note));
		return inum(r, l, 2, &r->b->note->partners);
	}
	if (r->b->chart)
		return read_chart_line(r, l);
	if (r->b->table)
		return read_table_line(r, l);
	if (r->b->note)
		return read_note_line(r, l);
	return bad(r, "unknown line");
}

int doc_read(const char *text, size_t len, const char *name, struct doc *d,
	     struct eim_error *err)
{
	struct reader r;
	struct line l;
	size_t pos = 0;
	int ret = 0;

	memset(&r, 0, sizeof(r));
	memset(&l, 0, sizeof(l));
	r.name = name;
	r.err = err;
	r.d = d;
	while (pos < len && ret == 0) {
		const char *s = text + pos, *nl = memchr(s, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - s) : len - pos;
		int col = 0;

		pos += n + (nl ? 1 : 0);
		r.lineno++;
		if (tokenize(s, n, &l, &col) != 0) {
			ret = eim_error_set(err, EIM_DATA, name, r.lineno, col,
					    "bad string");
			break;
		}
		if (l.n == 0)
			continue;
		if (r.lineno == 1)
			ret = strcmp(l.tok[0], "eimon-doc") == 0 ? 0
			      : bad(&r, "not an eimon document dump");
		else if (strcmp(l.tok[0], "block") == 0)
			ret = read_block(&r, &l);
		else if (r.b)
			ret = read_in_block(&r, &l);
		else if ((ret = read_head(&r, &l)) > 0)
			ret = bad(&r, "unknown line");
		if (ret > 0)
			ret = bad(&r, "unknown line");
		line_release(&l);
	}
	line_release(&l);
	return ret ? -1 : 0;
}
