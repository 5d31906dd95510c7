/* notes.c - editors' notes (SPEC §5.5): find the files, bind each note
 * through the declarative schema, check it against the monitor and the
 * template, select and order the notes of an edition. */
#include "notes.h"

#include <dirent.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "notes_markdown.h"
#include "notes_report.h"
#include "schema.h"
#include "xalloc.h"
#include "yamldoc.h"
#include "fsafe.h"
#include "banned.h"

#define NOTES_MAX_DEPTH 16 /* folder levels under the notes folder */

static const char *const sentiment_values[] = { "positive", "neutral",
						"negative", "mixed", NULL };
static const char *const priority_values[] = { "normal", "high", NULL };
static const char *const visibility_values[] = { "public", "partners",
						 NULL };

/* http(s) only: no javascript:, file:, data: or scheme-less links. */
static int check_link(const struct ydoc_node *n, const void *field,
		      const char **why)
{
	(void)n;
	*why = notes_md_link_problem(*(char *const *)field);
	return *why ? -1 : 0;
}

#define NOTE_STR(k, fl, m) \
	{ .key = k, .type = SCHEMA_STRING, \
	  .offset = offsetof(struct note, m), .flags = fl }

/* Positions and the file name are not keys: they are filled by hand. The
 * ENUM fields bind indices of the value lists above, which match
 * priority_high and partners directly; sentiment is shifted by one after
 * binding (0 means "not given"). */
static const struct schema_field note_fields[] = {
	NOTE_STR("date", SCHEMA_REQUIRED | SCHEMA_NONEMPTY, date),
	NOTE_STR("source", SCHEMA_REQUIRED | SCHEMA_NONEMPTY, source),
	NOTE_STR("cite_as", SCHEMA_NONEMPTY, cite_as),
	NOTE_STR("theme", SCHEMA_REQUIRED | SCHEMA_NONEMPTY, theme),
	NOTE_STR("headline", SCHEMA_REQUIRED | SCHEMA_NONEMPTY, headline),
	NOTE_STR("body", 0, body),
	NOTE_STR("sector", SCHEMA_NONEMPTY, sector),
	{ .key = "places", .type = SCHEMA_STRINGS,
	  .offset = offsetof(struct note, places),
	  .count_offset = offsetof(struct note, nplaces),
	  .flags = SCHEMA_NONEMPTY },
	{ .key = "sentiment", .type = SCHEMA_ENUM,
	  .offset = offsetof(struct note, sentiment),
	  .values = sentiment_values },
	{ .key = "priority", .type = SCHEMA_ENUM,
	  .offset = offsetof(struct note, priority_high), .def = "normal",
	  .values = priority_values },
	{ .key = "visibility", .type = SCHEMA_ENUM,
	  .offset = offsetof(struct note, partners), .def = "public",
	  .values = visibility_values },
	{ .key = "link", .type = SCHEMA_STRING,
	  .offset = offsetof(struct note, link), .flags = SCHEMA_NONEMPTY,
	  .check = check_link, .max_len = 2000 },
};

static const struct schema note_schema = SCHEMA_OF(note, note_fields);

const struct schema *notes_schema_note(void)
{
	return &note_schema;
}

static void note_free(struct note *n)
{
	schema_release(&note_schema, n);
	free(n->file);
	n->file = NULL;
}

void notes_release(struct notes *n)
{
	size_t i;

	if (!n)
		return;
	for (i = 0; i < n->n; i++)
		note_free(&n->items[i]);
	free(n->items);
	memset(n, 0, sizeof(*n));
}

static void check_theme(struct schema_ctx *cx, const struct ydoc_node *node,
			const char *theme, const char *const *themes,
			size_t nthemes)
{
	char msg[EIM_MSG_MAX];
	size_t i;

	for (i = 0; i < nthemes; i++)
		if (strcmp(theme, themes[i]) == 0)
			return;
	notes_theme_error(theme, themes, nthemes, msg, sizeof(msg));
	schema_error(cx, node, "%s", msg);
}

/* Keys that hold one line of text. A block scalar (`headline: >`) ends
 * with a newline: trailing white space is dropped from every text, and a
 * line break left inside one of these is an error. */
static const struct {
	const char *key;
	size_t offset;
} one_line[] = {
	{ "date", offsetof(struct note, date) },
	{ "source", offsetof(struct note, source) },
	{ "cite_as", offsetof(struct note, cite_as) },
	{ "theme", offsetof(struct note, theme) },
	{ "headline", offsetof(struct note, headline) },
	{ "sector", offsetof(struct note, sector) },
	{ "link", offsetof(struct note, link) },
};

/* Where line md_line, column md_col of a body lies in its file (text,
 * the bytes the note was parsed from: never opened a second time). For a
 * literal block (`body: |`, the usual way) the body's lines are the
 * file's lines after the indicator, shifted by the block's indentation;
 * any other style folds lines, so the body's own start is given. */
static void body_position(const char *text, const struct ydoc_node *v,
			  int md_line, int md_col, struct ydoc_node *at)
{
	const char *p = text, *nl;
	int line = 0, literal = 0, indent = -1;

	at->line = v->line;
	at->col = v->col;
	for (; p && *p; p = nl ? nl + 1 : NULL) {
		size_t len;

		nl = strchr(p, '\n');
		len = nl ? (size_t)(nl - p) : strlen(p);
		line++;
		if (line == v->line)
			literal = v->col >= 1 && (size_t)v->col <= len &&
				  p[v->col - 1] == '|';
		else if (line > v->line && literal &&
			 strspn(p, " ") < len) {
			indent = (int)strspn(p, " ");
			break;
		}
	}
	if (literal && indent >= 0) {
		at->line = v->line + md_line;
		at->col = indent + md_col;
	}
}

/* A body is CommonMark: parse it now so that `eimon check` reports what
 * the bulletin could not print, where it is. */
static void check_body(struct schema_ctx *cx, const char *text,
		       const struct ydoc_node *map, const char *body)
{
	struct doc_rich rich = { NULL, 0, 0 };
	struct notes_md_error e;
	struct ydoc_node at;
	const struct ydoc_node *v = ydoc_get(map, "body");

	if (body && v && notes_md_parse(body, &rich, &e)) {
		memset(&at, 0, sizeof(at));
		body_position(text, v, e.line, e.col, &at);
		if (at.line == v->line + e.line)
			schema_error(cx, &at, "%s", e.msg);
		else
			schema_error(cx, &at, "%s (line %d, column %d of the "
				     "body)", e.msg, e.line, e.col);
	}
	doc_rich_release(&rich);
}

static void rtrim(char *s)
{
	size_t n = s ? strlen(s) : 0;

	while (n && strchr(" \t\r\n", s[n - 1]))
		s[--n] = '\0';
}

/* Checks that need the monitor or the template, or a message that names
 * the value: run after binding so that every error is reported. */
static void note_check(struct schema_ctx *cx, const struct ydoc_node *map,
		       const char *text, const struct config *cfg,
		       const char *const *themes, size_t nthemes,
		       struct note *note)
{
	const struct ydoc_node *v;
	size_t i, nc;

	rtrim(note->body);
	check_body(cx, text, map, note->body);
	for (i = 0; i < sizeof(one_line) / sizeof(one_line[0]); i++) {
		char *t = *(char **)((char *)note + one_line[i].offset);
		rtrim(t);
		if (t && strchr(t, '\n'))
			schema_error(cx, ydoc_get(map, one_line[i].key),
				     "'%s' must be one line of text",
				     one_line[i].key);
	}
	if (note->date && !strchr(note->date, '\n') &&
	    notes_parse_date(note->date, &note->day))
		schema_error(cx, ydoc_get(map, "date"), "'date' must be a "
			     "real date written YYYY-MM-DD, not '%s'",
			     note->date);
	if (note->theme && themes)
		check_theme(cx, ydoc_get(map, "theme"), note->theme, themes,
			    nthemes);
	if (note->headline) {
		nc = notes_utf8_chars(note->headline);
		if (nc > NOTES_HEADLINE_MAX)
			schema_error(cx, ydoc_get(map, "headline"),
				     "'headline' is too long (%zu characters, "
				     "at most %d)", nc, NOTES_HEADLINE_MAX);
	}
	/* Walk the nodes rather than note->places: an item the schema
	 * refused is not in the list, and the positions must stay right. */
	v = ydoc_get(map, "places");
	if (cfg && v && (v->type == YDOC_SEQ || v->type == YDOC_SCALAR)) {
		size_t n = v->type == YDOC_SEQ ? v->n : 1;
		for (i = 0; i < n; i++) {
			const struct ydoc_node *it =
				v->type == YDOC_SEQ ? v->items[i] : v;
			if (it->type != YDOC_SCALAR || ydoc_is_null(it) ||
			    !*it->str)
				continue;
			if (!config_place_name(cfg, it->str))
				schema_error(cx, it, "unknown GSS code '%s' in "
					     "'places' (not a place of the "
					     "monitor)", it->str);
		}
	}
	v = ydoc_get(map, "sentiment");
	if (v && !ydoc_is_null(v))
		note->sentiment++;
	else
		note->sentiment = NOTE_SENT_NONE;
}

static int bind_note(struct schema_ctx *cx, const struct ydoc_node *map,
		     const char *text, const char *file,
		     const struct config *cfg,
		     const char *const *themes, size_t nthemes,
		     struct notes *out)
{
	struct note note;
	unsigned before = cx->nerrors;

	if (map->type != YDOC_MAP)
		return schema_error(cx, map, "each note in the list must be a "
				    "mapping, not %s",
				    ydoc_type_name(map->type));
	memset(&note, 0, sizeof(note));
	schema_bind(cx, &note_schema, map, &note);
	note_check(cx, map, text, cfg, themes, nthemes, &note);
	if (cx->nerrors > before) {
		note_free(&note);
		return -1;
	}
	note.file = xstrdup(file);
	note.line = map->line;
	note.col = map->col;
	XGROW(out->items, out->cap, out->n + 1);
	out->items[out->n++] = note;
	return 0;
}

/* A note file dir/rel (dir NULL: rel as given): never through a
 * symbolic link, only a regular file (fsafe.h), so a note planted as a
 * link to a file the editors cannot read is refused, not echoed. */
static int load_at(const char *dir, const char *path, const char *display,
		   const struct config *cfg, const char *const *themes,
		   size_t nthemes, struct notes *out,
		   struct eim_warnings *problems, struct eim_error *err)
{
	struct ydoc *doc = NULL;
	struct eim_error e, first;
	struct eim_warnings mine = { NULL, 0, 0 };
	struct schema_ctx cx;
	const struct ydoc_node *root;
	size_t i, n0 = out->n, len = 0;
	const char *name = display ? display : path;
	char *text = NULL;
	int ret = -1;

	eim_error_init(&e);
	if (fsafe_read(dir, path, FSAFE_NOFOLLOW, YDOC_MAX_BYTES, name, &text,
		       &len, &e) ||
	    ydoc_load_buffer(text, len, name, &doc, &e)) {
		notes_report_error(problems, err, &e);
		goto out;
	}
	/* Collect the file's problems apart, to report them in the order of
	 * the file rather than the order of the schema table. */
	notes_report_ctx(&cx, name, &first, &mine);
	root = doc->root;
	if (!root || (root->type == YDOC_SEQ && root->n == 0)) {
		eim_error_set(&e, EIM_DATA, name, root ? root->line : 0,
			      root ? root->col : 0, "no note in the file");
		notes_report_error(problems, err, &e);
		goto out;
	}
	if (root->type == YDOC_MAP) {
		bind_note(&cx, root, text, name, cfg, themes, nthemes, out);
	} else if (root->type == YDOC_SEQ) {
		for (i = 0; i < root->n; i++)
			bind_note(&cx, root->items[i], text, name, cfg,
				  themes, nthemes, out);
	} else {
		schema_error(&cx, root, "a notes file must hold a note (a "
			     "mapping) or a list of notes, not %s",
			     ydoc_type_name(root->type));
	}
	if (cx.nerrors)
		goto out;
	ret = 0;
out:
	notes_report_sorted(name, &mine, problems, err);
	if (ret) {
		/* Keep only the notes of earlier files. */
		for (i = n0; i < out->n; i++)
			note_free(&out->items[i]);
		out->n = n0;
	}
	ydoc_free(doc);
	free(text);
	return ret;
}

struct file_list {
	char **paths; /* relative to the notes folder */
	size_t n, cap;
};

static int has_yaml_ext(const char *name)
{
	size_t l = strlen(name);

	return (l > 5 && strcmp(name + l - 5, ".yaml") == 0) ||
	       (l > 4 && strcmp(name + l - 4, ".yml") == 0);
}

static char *join(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 2;
	char *r = xmalloc(n);

	if (*a)
		snprintf(r, n, "%s/%s", a, b);
	else
		snprintf(r, n, "%s", b);
	return r;
}

int notes_load_file(const char *path, const char *display,
		    const struct config *cfg, const char *const *themes,
		    size_t nthemes, struct notes *out,
		    struct eim_warnings *problems, struct eim_error *err)
{
	return load_at(NULL, path, display, cfg, themes, nthemes, out,
		       problems, err);
}

/* Collect the YAML files under top/rel, recursively. */
static int walk(const char *top, const char *rel, int depth,
		struct file_list *fl, struct eim_error *err)
{
	char *dir = *rel ? join(top, rel) : xstrdup(top);
	DIR *d = opendir(dir);
	struct dirent *de;
	int ret = -1;

	if (!d) {
		eim_error_set(err, EIM_NOINPUT, dir, 0, 0, "cannot open "
			      "folder: %s", strerror(errno));
		goto out;
	}
	while ((de = readdir(d)) != NULL) {
		struct stat st;
		char *r, *full;
		if (de->d_name[0] == '.')
			continue;
		r = join(rel, de->d_name);
		full = join(top, r);
		/* lstat: a symbolic link is neither walked nor read */
		if (lstat(full, &st) != 0) {
			eim_error_set(err, EIM_NOINPUT, full, 0, 0,
				      "cannot read: %s", strerror(errno));
			free(r);
			free(full);
			goto out;
		}
		free(full);
		if (S_ISDIR(st.st_mode)) {
			if (depth >= NOTES_MAX_DEPTH) {
				eim_error_set(err, EIM_DATA, r, 0, 0, "notes "
					      "folders nested too deeply "
					      "(limit %d)", NOTES_MAX_DEPTH);
				free(r);
				goto out;
			}
			if (walk(top, r, depth + 1, fl, err)) {
				free(r);
				goto out;
			}
			free(r);
		} else if (has_yaml_ext(de->d_name)) {
			/* links and FIFOs too: load_at refuses them by name */
			XGROW(fl->paths, fl->cap, fl->n + 1);
			fl->paths[fl->n++] = r;
		} else {
			free(r);
		}
	}
	ret = 0;
out:
	if (d)
		closedir(d);
	free(dir);
	return ret;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int notes_load(const char *dir, const struct config *cfg,
	       const char *const *themes, size_t nthemes, struct notes *out,
	       struct eim_warnings *problems, struct eim_error *err)
{
	struct file_list fl = { NULL, 0, 0 };
	struct stat st;
	struct eim_error e;
	size_t i;
	int ret = -1, bad = 0;

	eim_error_init(&e);
	if (stat(dir, &st) != 0 && errno == ENOENT) {
		ret = 0; /* no notes folder: no notes */
		goto out;
	}
	if (walk(dir, "", 0, &fl, &e)) {
		notes_report_error(problems, err, &e);
		goto out;
	}
	if (fl.n) /* qsort(NULL, 0) breaks its nonnull contract (UBSan) */
		qsort(fl.paths, fl.n, sizeof(*fl.paths), cmp_str);
	for (i = 0; i < fl.n; i++) {
		char *full = join(dir, fl.paths[i]);
		if (load_at(dir, fl.paths[i], full, cfg, themes, nthemes, out,
			    problems, err))
			bad = 1;
		free(full);
	}
	if (bad) {
		notes_release(out);
		goto out;
	}
	ret = 0;
out:
	for (i = 0; i < fl.n; i++)
		free(fl.paths[i]);
	free(fl.paths);
	return ret;
}

int notes_is_draft(const struct note *n)
{
	return (n->headline && strncmp(n->headline, "TODO", 4) == 0) ||
	       (n->body && strncmp(n->body, "TODO", 4) == 0);
}

struct pick {
	const struct note *note;
	size_t theme;
	size_t index;
};

static int cmp_pick(const void *pa, const void *pb)
{
	const struct pick *a = pa, *b = pb;

	if (a->theme != b->theme)
		return a->theme < b->theme ? -1 : 1;
	if (a->note->priority_high != b->note->priority_high)
		return a->note->priority_high ? -1 : 1;
	if (a->note->day != b->note->day)
		return a->note->day > b->note->day ? -1 : 1;
	return a->index < b->index ? -1 : a->index > b->index;
}

size_t notes_select(const struct notes *all, long first_day, long last_day,
		    const char *const *themes, size_t nthemes, int partners,
		    const struct note ***out)
{
	struct pick *picks;
	size_t i, t, n = 0;

	*out = NULL;
	if (!all || !all->n)
		return 0;
	picks = xcalloc(all->n, sizeof(*picks));
	for (i = 0; i < all->n; i++) {
		const struct note *note = &all->items[i];
		if (note->day < first_day || note->day > last_day)
			continue;
		if (note->partners && !partners)
			continue;
		for (t = 0; t < nthemes; t++)
			if (strcmp(note->theme, themes[t]) == 0)
				break;
		if (t == nthemes)
			continue;
		picks[n].note = note;
		picks[n].theme = t;
		picks[n].index = i;
		n++;
	}
	qsort(picks, n, sizeof(*picks), cmp_pick);
	if (n) {
		*out = xcalloc(n, sizeof(**out));
		for (i = 0; i < n; i++)
			(*out)[i] = picks[i].note;
	}
	free(picks);
	return n;
}
