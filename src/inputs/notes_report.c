/* notes_report.c - problems of a notes or edition file, in the order an
 * editor reads the file (see notes_report.h). */
#include "notes_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"
#include "strbuf.h"
#include "xalloc.h"
#include "banned.h"

/* Problems listed per file: a file that is not a note at all (a config
 * saved in the notes folder by mistake) could give thousands. */
#define NOTES_REPORT_MAX 100

struct pos_msg {
	long line, col;
	size_t index;
	const char *text; /* the whole formatted message */
	const char *msg;  /* after "FILE:LINE:COL: " */
};

/* Read back "NAME:LINE:COL: msg", "NAME:LINE: msg" or "NAME: msg". */
static void parse_pos(const char *name, const char *text, struct pos_msg *p)
{
	size_t l = strlen(name);
	const char *s = text;
	char *end;

	p->line = p->col = 0;
	p->text = p->msg = text;
	if (strncmp(text, name, l) != 0 || text[l] != ':')
		return;
	s = text + l + 1;
	if (*s >= '0' && *s <= '9') {
		p->line = strtol(s, &end, 10);
		s = end;
		if (s[0] == ':' && s[1] >= '0' && s[1] <= '9') {
			p->col = strtol(s + 1, &end, 10);
			s = end;
		}
		if (*s == ':')
			s++;
	}
	if (*s == ' ')
		s++;
	p->msg = s;
}

static int cmp_pos(const void *pa, const void *pb)
{
	const struct pos_msg *a = pa, *b = pb;

	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return a->index < b->index ? -1 : a->index > b->index;
}

void notes_theme_error(const char *theme, const char *const *themes,
		       size_t nthemes, char *buf, size_t size)
{
	struct strbuf sb = STRBUF_INIT;
	const char *hint = schema_suggest(theme, themes, nthemes);
	size_t i;

	strbuf_addf(&sb, "unknown theme '%s' (", theme);
	if (hint)
		strbuf_addf(&sb, "did you mean '%s'? ", hint);
	if (!nthemes)
		strbuf_adds(&sb, "the template declares no themes");
	else
		strbuf_adds(&sb, "the template declares ");
	for (i = 0; i < nthemes; i++)
		strbuf_addf(&sb, "%s'%s'", i ? ", " : "", themes[i]);
	strbuf_addch(&sb, ')');
	snprintf(buf, size, "%s", sb.buf);
	strbuf_release(&sb);
}

void notes_report_error(struct eim_warnings *problems, struct eim_error *err,
			const struct eim_error *e)
{
	char buf[EIM_PATH_MAX + EIM_MSG_MAX + 32];

	if (problems) {
		eim_error_format(e, buf, sizeof(buf));
		eim_warn(problems, "%s", buf);
	}
	if (err && err->kind == EIM_OK)
		*err = *e;
}

void notes_report_ctx(struct schema_ctx *cx, const char *name,
		      struct eim_error *first, struct eim_warnings *mine)
{
	eim_error_init(first);
	memset(cx, 0, sizeof(*cx));
	cx->file = name;
	cx->err = first;
	cx->all = mine;
}

void notes_report_sorted(const char *name, struct eim_warnings *mine,
			 struct eim_warnings *problems, struct eim_error *err)
{
	struct pos_msg *v;
	size_t i;

	if (!mine->n)
		return;
	v = xcalloc(mine->n, sizeof(*v));
	for (i = 0; i < mine->n; i++) {
		parse_pos(name, mine->items[i], &v[i]);
		v[i].index = i;
	}
	qsort(v, mine->n, sizeof(*v), cmp_pos);
	if (err && err->kind == EIM_OK)
		eim_error_set(err, EIM_DATA, name, (int)v[0].line,
			      (int)v[0].col, "%s", v[0].msg);
	for (i = 0; problems && i < mine->n && i < NOTES_REPORT_MAX; i++)
		eim_warn(problems, "%s", v[i].text);
	if (problems && mine->n > NOTES_REPORT_MAX)
		eim_warn(problems, "%s: %zu more problems in this file not "
			 "shown", name, (size_t)mine->n - NOTES_REPORT_MAX);
	free(v);
	eim_warnings_release(mine);
}
