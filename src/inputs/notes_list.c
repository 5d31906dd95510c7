/* notes_list.c - `eimon notes list`: the notes of a range of weeks as a
 * plain-text table for editors (week, date, source, theme, sentiment,
 * headline), oldest first. */
#include "notes.h"

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "xalloc.h"
#include "banned.h"

static const char *const sentiment_names[] = { "", "positive", "neutral",
					       "negative", "mixed" };

struct list_row {
	const struct note *n;
	size_t index;
};

static int cmp_row(const void *pa, const void *pb)
{
	const struct list_row *a = pa, *b = pb;

	if (a->n->day != b->n->day)
		return a->n->day < b->n->day ? -1 : 1;
	return a->index < b->index ? -1 : a->index > b->index;
}

static int names_place(const struct note *n, const char *code)
{
	size_t i;

	for (i = 0; i < n->nplaces; i++)
		if (strcmp(n->places[i], code) == 0)
			return 1;
	return 0;
}

/* A cell padded with spaces to width characters (UTF-8 aware). */
static void cell(struct strbuf *sb, const char *s, size_t width, int last)
{
	size_t n = notes_utf8_chars(s);

	strbuf_adds(sb, s);
	if (last)
		return;
	for (; n < width + 2; n++)
		strbuf_addch(sb, ' ');
}

#define NCOLS 6

int notes_list_format(const struct notes *all, const struct period *from,
		      const struct period *to, const char *theme,
		      const char *place, struct strbuf *out)
{
	static const char *const head[NCOLS] = { "week", "date", "source",
						 "theme", "sentiment",
						 "headline" };
	struct list_row *rows = xcalloc(all->n ? all->n : 1, sizeof(*rows));
	long first = period_start_day(from), last = period_end_day(to);
	size_t i, c, n = 0, width[NCOLS];
	char wk[PERIOD_TEXT_MAX], day[16];
	int ret;

	for (i = 0; i < all->n; i++) {
		const struct note *nt = &all->items[i];
		if (nt->day < first || nt->day > last ||
		    (theme && strcmp(nt->theme, theme) != 0) ||
		    (place && !names_place(nt, place)))
			continue;
		rows[n].n = nt;
		rows[n].index = i;
		n++;
	}
	if (n)
		qsort(rows, n, sizeof(*rows), cmp_row);
	for (c = 0; c < NCOLS; c++)
		width[c] = strlen(head[c]);
	width[0] = width[0] < 8 ? 8 : width[0];
	width[1] = 10;
	for (i = 0; i < n; i++) {
		const struct note *nt = rows[i].n;
		const char *src = nt->cite_as ? nt->cite_as : nt->source;
		size_t l = notes_utf8_chars(src);
		width[2] = l > width[2] ? l : width[2];
		l = notes_utf8_chars(nt->theme);
		width[3] = l > width[3] ? l : width[3];
	}
	for (c = 0; c < NCOLS; c++)
		cell(out, head[c], width[c], c == NCOLS - 1);
	strbuf_addch(out, '\n');
	for (i = 0; i < n; i++) {
		const struct note *nt = rows[i].n;
		struct period w = notes_week_of_day(nt->day);
		notes_format_week(&w, wk, sizeof(wk));
		notes_format_date(nt->day, day, sizeof(day));
		cell(out, wk, width[0], 0);
		cell(out, day, width[1], 0);
		cell(out, nt->cite_as ? nt->cite_as : nt->source, width[2], 0);
		cell(out, nt->theme, width[3], 0);
		cell(out, nt->sentiment > 0 && nt->sentiment <= NOTE_MIXED
			  ? sentiment_names[nt->sentiment] : "", width[4], 0);
		strbuf_adds(out, nt->headline);
		if (nt->partners)
			strbuf_adds(out, " [partners only]");
		if (notes_is_draft(nt))
			strbuf_adds(out, " [draft]");
		ret = strbuf_addch(out, '\n');
		if (ret)
			break;
	}
	ret = strbuf_addf(out, "%zu note%s\n", n, n == 1 ? "" : "s");
	free(rows);
	return ret ? -1 : 0;
}
