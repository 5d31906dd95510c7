/* template.c - report templates: the schema as data, plus checks. */
#include "template.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "backend.h"
#include "config.h"
#include "period.h"
#include "xalloc.h"
#include "yamldoc.h"
#include "banned.h"

static const char *const block_types[] = {
	"lead", "key_issues", "headlines", "dashboard", "chart", "table",
	"notes", "text", "sources", "contents", "pagebreak", "intelligence",
	NULL
};
static const char *const recurring_by_values[] = { "theme", "sector",
						   "place", NULL };

/* Limits of the intelligence summary (NSUM_MAX_BACK editions back). */
SCHEMA_RANGE_CHECK(check_editions, long, 1, 26,
		   "must be between 1 and 26 (editions)")

static int check_recurring(const struct ydoc_node *n, const void *field,
			   const char **why)
{
	long v = *(const long *)field;

	(void)n;
	if (v != 0 && (v < 2 || v > 27))
		return *why = "must be 0 (no flags) or between 2 and 27 "
			      "(editions in a row)", -1;
	return 0;
}
/* max_rows, max_bars: 0 (all), or room for a place beside the subject */
static int check_max(const struct ydoc_node *n, const void *field,
		     const char **why)
{
	long v = *(const long *)field;

	(void)n;
	if (v != 0 && v < 2)
		return *why = "must be 0 (all) or at least 2", -1;
	return 0;
}

static const char *const chart_kinds[] = { "line", "bar", "column", NULL };

/* Page geometry the layout can honour: an A4 page is 595 x 842 points, so
 * a huge margin or font would leave no room (or a negative width). */
SCHEMA_RANGE_CHECK(check_body_size, double, 4, 36,
		   "must be between 4 and 36 (points)")
SCHEMA_RANGE_CHECK(check_margin, double, 0, 200,
		   "must be between 0 and 200 (points)")

#define F SCHEMA_F
#define FN SCHEMA_FN

static const struct schema_field ref_fields[] = {
	F(tpl_refline, "value", SCHEMA_NUMBER, value, SCHEMA_REQUIRED, NULL,
	  NULL, NULL, NULL, 0),
	F(tpl_refline, "label", SCHEMA_STRING, label, 0, NULL, NULL, NULL,
	  NULL, 80),
};
static const struct schema ref_schema = SCHEMA_OF(tpl_refline, ref_fields);

static const struct schema_field pick_fields[] = {
	FN(tpl_pick, "theme", SCHEMA_STRINGS, theme, ntheme, 0, NULL, NULL,
	   NULL, NULL, 0),
	F(tpl_pick, "tag", SCHEMA_STRING, tag, 0, NULL, NULL, NULL, NULL, 64),
	F(tpl_pick, "except_tag", SCHEMA_STRING, except_tag, 0, NULL, NULL,
	  NULL, NULL, 64),
};
static const struct schema pick_schema = SCHEMA_OF(tpl_pick, pick_fields);

static const struct schema_field block_fields[] = {
	F(tpl_block, "type", SCHEMA_ENUM, type, SCHEMA_REQUIRED, NULL, NULL,
	  block_types, NULL, 0),
	F(tpl_block, "title", SCHEMA_STRING, title, 0, NULL, NULL, NULL, NULL,
	  200),
	F(tpl_block, "text", SCHEMA_STRING, text, 0, NULL, NULL, NULL, NULL,
	  20000),
	F(tpl_block, "chart", SCHEMA_ENUM, chart, 0, "line", NULL,
	  chart_kinds, NULL, 0),
	FN(tpl_block, "indicators", SCHEMA_STRINGS, indicators, nindicators,
	   0, NULL, NULL, NULL, NULL, 0),
	FN(tpl_block, "places", SCHEMA_STRINGS, places, nplaces, 0, NULL,
	   NULL, NULL, NULL, 0),
	F(tpl_block, "since", SCHEMA_STRING, since, 0, NULL, NULL, NULL,
	  schema_check_period, 0),
	F(tpl_block, "index_to", SCHEMA_STRING, index_to, 0, NULL, NULL, NULL,
	  schema_check_period, 0),
	FN(tpl_block, "refs", SCHEMA_LIST, refs, nrefs, 0, NULL, &ref_schema,
	   NULL, NULL, 0),
	FN(tpl_block, "themes", SCHEMA_STRINGS, themes, nthemes, 0, NULL,
	   NULL, NULL, NULL, 0),
	F(tpl_block, "max_rows", SCHEMA_INT, max_rows, 0, "0", NULL, NULL,
	  check_max, 0),
	F(tpl_block, "max_bars", SCHEMA_INT, max_bars, 0, "0", NULL, NULL,
	  check_max, 0),
	F(tpl_block, "indicators_with", SCHEMA_MAP, pick, 0, NULL,
	  &pick_schema, NULL, NULL, 0),
	F(tpl_block, "each_indicator", SCHEMA_BOOL, each_indicator, 0,
	  "false", NULL, NULL, NULL, 0),
	FN(tpl_block, "allow_missing", SCHEMA_STRINGS, allow_missing,
	   nallow_missing, 0, NULL, NULL, NULL, NULL, 0),
	F(tpl_block, "editions", SCHEMA_INT, editions, 0, "4", NULL, NULL,
	  check_editions, 0),
	F(tpl_block, "recurring", SCHEMA_INT, recurring, 0, "3", NULL, NULL,
	  check_recurring, 0),
	F(tpl_block, "recurring_by", SCHEMA_ENUM, recurring_by, 0, "theme",
	  NULL, recurring_by_values, NULL, 0),
	F(tpl_block, "raise_concerns", SCHEMA_BOOL, raise_concerns, 0,
	  "false", NULL, NULL, NULL, 0),
	F(tpl_block, "by_place", SCHEMA_BOOL, by_place, 0, "false", NULL,
	  NULL, NULL, 0),
};
static const struct schema block_schema = SCHEMA_OF(tpl_block, block_fields);

static const struct schema_field section_fields[] = {
	F(tpl_section, "title", SCHEMA_STRING, title, 0, NULL, NULL, NULL,
	  NULL, 120),
	F(tpl_section, "page_break", SCHEMA_BOOL, page_break, 0, "false",
	  NULL, NULL, NULL, 0),
	FN(tpl_section, "blocks", SCHEMA_LIST, blocks, nblocks,
	   SCHEMA_REQUIRED, NULL, &block_schema, NULL, NULL, 0),
};
static const struct schema section_schema = SCHEMA_OF(tpl_section,
						      section_fields);

static const struct schema_field theme_fields[] = {
	F(tpl_theme, "id", SCHEMA_STRING, id,
	  SCHEMA_REQUIRED | SCHEMA_NONEMPTY, NULL, NULL, NULL, NULL, 64),
	F(tpl_theme, "title", SCHEMA_STRING, title,
	  SCHEMA_REQUIRED | SCHEMA_NONEMPTY, NULL, NULL, NULL, NULL, 120),
};
static const struct schema theme_schema = SCHEMA_OF(tpl_theme, theme_fields);

static const struct schema_field style_fields[] = {
	F(tpl_style, "font_regular", SCHEMA_PATH, font_regular, 0, NULL, NULL,
	  NULL, NULL, 0),
	F(tpl_style, "font_bold", SCHEMA_PATH, font_bold, 0, NULL, NULL, NULL,
	  NULL, 0),
	F(tpl_style, "body_size", SCHEMA_NUMBER, body_size, 0, "10", NULL,
	  NULL, check_body_size, 0),
	F(tpl_style, "margin", SCHEMA_NUMBER, margin, 0, "50", NULL, NULL,
	  check_margin, 0),
	F(tpl_style, "accent", SCHEMA_STRING, accent, 0, "#12436D", NULL,
	  NULL, NULL, 0),
	F(tpl_style, "logo", SCHEMA_PATH, logo, 0, NULL, NULL, NULL, NULL, 0),
};
static const struct schema style_schema = SCHEMA_OF(tpl_style, style_fields);

static const struct schema_field template_fields[] = {
	F(template_def, "name", SCHEMA_STRING, name, 0, NULL, NULL, NULL,
	  NULL, 64),
	F(template_def, "style", SCHEMA_MAP, style, 0, NULL, &style_schema,
	  NULL, NULL, 0),
	FN(template_def, "themes", SCHEMA_LIST, themes, nthemes, 0, NULL,
	   &theme_schema, NULL, NULL, 0),
	FN(template_def, "outputs", SCHEMA_STRINGS, outputs, noutputs, 0,
	   NULL, NULL, NULL, NULL, 0),
	FN(template_def, "sections", SCHEMA_LIST, sections, nsections,
	   SCHEMA_REQUIRED | SCHEMA_NONEMPTY, NULL, &section_schema, NULL,
	   NULL, 0),
};
static const struct schema template_schema = SCHEMA_OF(template_def,
							template_fields);

#ifndef EIMON_DATADIR
#define EIMON_DATADIR "/usr/local/share/eimon"
#endif

const char *template_locate(const char *path, char *buf, size_t size)
{
	struct stat st;
	const char *base = strrchr(path, '/');
	size_t n;

	if (stat(path, &st) == 0)
		return path;
	base = base ? base + 1 : path;
	n = strlen(base);
	snprintf(buf, size, "%s/report_templates/%s%s", EIMON_DATADIR, base,
		 n > 5 && strcmp(base + n - 5, ".yaml") == 0 ? "" : ".yaml");
	return stat(buf, &st) == 0 ? buf : path;
}

const struct schema *template_schema_root(void)
{
	return &template_schema;
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return NULL;
	return xstrndup(path, (size_t)(slash - path));
}

static int parse_colour(const char *s)
{
	size_t i;

	if (!s || strlen(s) != 7 || s[0] != '#')
		return -1;
	for (i = 1; i < 7; i++)
		if (!strchr("0123456789abcdefABCDEF", s[i]))
			return -1;
	return 0;
}

static void check_blocks(struct schema_ctx *cx, struct template_def *t,
			 const struct ydoc_node *root)
{
	const struct ydoc_node *secs = ydoc_get(root, "sections");
	size_t i, j, k;

	for (i = 0; i < t->nsections; i++) {
		const struct ydoc_node *sn = secs->items[i];
		const struct ydoc_node *bl = ydoc_get(sn, "blocks");
		for (j = 0; j < t->sections[i].nblocks; j++) {
			struct tpl_block *b = &t->sections[i].blocks[j];
			const struct ydoc_node *bn = bl->items[j];
			b->line = bn->line;
			b->col = bn->col;
			b->has_pick = ydoc_get(bn, "indicators_with") != NULL;
			if (b->has_pick && b->nindicators)
				schema_error(cx, bn, "a block names "
					     "'indicators' or selects them with "
					     "'indicators_with', not both");
			if ((b->type == TPL_CHART || b->type == TPL_TABLE) &&
			    !b->nindicators && !b->has_pick)
				schema_error(cx, bn, "a %s block needs "
					     "'indicators' or "
					     "'indicators_with'",
					     block_types[b->type]);
			if (b->type == TPL_CHART && b->chart == TPL_CHART_LINE
			    && b->nindicators > 1 && b->nplaces > 1)
				schema_error(cx, bn, "a line chart shows "
					     "several indicators or several "
					     "places, not both");
			if (b->type == TPL_TEXT && !b->text)
				schema_error(cx, bn, "a text block needs "
					     "'text'");
			for (k = 0; k < b->nthemes; k++)
				if (!template_theme_title(t, b->themes[k]))
					schema_error(cx, bn, "unknown theme "
						     "'%s' (declare it under "
						     "'themes')",
						     b->themes[k]);
		}
	}
	/* figures.csv counts notes as THEME.TONE, "all" for every theme */
	for (i = 0; i < t->nthemes; i++)
		if (strcmp(t->themes[i].id, "all") == 0)
			schema_error(cx, ydoc_get(root, "themes")->items[i],
				     "the theme id 'all' is reserved (it "
				     "stands for every theme in figures.csv)");
	{
		const char *why;

		if (backend_outputs_check(t->outputs, t->noutputs, &why))
			schema_error(cx, ydoc_get(root, "outputs"), "%s", why);
	}
	if (parse_colour(t->style.accent)) {
		const struct ydoc_node *at = ydoc_get(ydoc_get(root, "style"),
						      "accent");
		schema_error(cx, at ? at : root, "style accent must be a "
			     "colour like #12436D, not '%s'", t->style.accent);
	}
}

int template_load(const char *path, struct template_def **out,
		  struct eim_error *err)
{
	struct template_def *t = xcalloc(1, sizeof(*t));
	struct ydoc *y = NULL;
	struct schema_ctx cx;
	char *dir = dir_of(path);
	size_t i;
	int ret = -1;

	*out = NULL;
	t->path = xstrdup(path);
	if (ydoc_load_file(path, path, &y, err))
		goto out;
	memset(&cx, 0, sizeof(cx));
	cx.file = path;
	cx.base_dir = dir;
	cx.err = err;
	if (!y->root || y->root->type != YDOC_MAP) {
		eim_error_set(err, EIM_DATA, path, y->root ? y->root->line : 1,
			      y->root ? y->root->col : 1,
			      "a template must be a mapping with 'sections'");
		goto out;
	}
	if (schema_bind(&cx, &template_schema, y->root, t))
		goto out;
	check_blocks(&cx, t, y->root);
	if (cx.nerrors)
		goto out;
	t->theme_ids = xcalloc(t->nthemes + 1, sizeof(*t->theme_ids));
	for (i = 0; i < t->nthemes; i++)
		t->theme_ids[i] = t->themes[i].id;
	*out = t;
	t = NULL;
	ret = 0;
out:
	ydoc_free(y);
	free(dir);
	template_free(t);
	return ret;
}

void template_free(struct template_def *t)
{
	if (!t)
		return;
	schema_release(&template_schema, t);
	free(t->theme_ids);
	free(t->path);
	free(t);
}

const char *template_theme_title(const struct template_def *t, const char *id)
{
	size_t i;

	for (i = 0; i < t->nthemes; i++)
		if (strcmp(t->themes[i].id, id) == 0)
			return t->themes[i].title;
	return NULL;
}

const struct tpl_block *template_find_block(const struct template_def *t,
					    int type)
{
	size_t i, j;

	for (i = 0; i < t->nsections; i++)
		for (j = 0; j < t->sections[i].nblocks; j++)
			if (t->sections[i].blocks[j].type == type)
				return &t->sections[i].blocks[j];
	return NULL;
}

static int place_word(const struct config *c, const char *w)
{
	return config_geo_word(w) || config_place_name(c, w);
}

const struct schema *template_block_schema(void)
{
	return &block_schema;
}

const char *template_block_type_name(int type)
{
	return type >= 0 && type <= TPL_INTELLIGENCE ? block_types[type] : "?";
}

int template_check_config(const struct template_def *t,
			  const struct config *c,
			  struct eim_warnings *problems,
			  struct eim_error *err)
{
	struct schema_ctx cx;
	struct ydoc_node at;
	size_t i, j, k;

	memset(&cx, 0, sizeof(cx));
	memset(&at, 0, sizeof(at));
	cx.file = t->path;
	cx.err = err;
	cx.all = problems;
	for (i = 0; i < t->nsections; i++) {
		for (j = 0; j < t->sections[i].nblocks; j++) {
			const struct tpl_block *b = &t->sections[i].blocks[j];
			at.line = b->line;
			at.col = b->col;
			for (k = 0; k < b->nindicators; k++)
				if (!config_find_indicator(c, b->indicators[k]))
					schema_error(&cx, &at, "unknown "
						     "indicator '%s' (not in "
						     "%s)", b->indicators[k],
						     c->path);
			for (k = 0; k < b->nplaces; k++)
				if (!place_word(c, b->places[k]))
					schema_error(&cx, &at, "unknown place "
						     "'%s' (use a GSS code of "
						     "the monitor, area, places, "
						     "comparators, region or "
						     "country)",
						     b->places[k]);
			for (k = 0; k < b->nallow_missing; k++)
				if (!place_word(c, b->allow_missing[k]))
					schema_error(&cx, &at, "unknown place "
						     "'%s' in allow_missing",
						     b->allow_missing[k]);
		}
	}
	return cx.nerrors ? -1 : 0;
}
