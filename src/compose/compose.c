/* compose.c - the bulletin's structure: front matter, the template's
 * sections in order, and the blocks that need no figures (lead, key
 * issues, notes, text, sources). Figure-driven blocks are in
 * compose_chart.c and compose_figures.c. */
#include "compose.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "http.h"
#include "notes_markdown.h"
#include "strbuf.h"
#include "xalloc.h"
#include "banned.h"

const struct compose_feed *compose_feed_of(const struct compose_input *in,
					   const char *feed_id)
{
	size_t i;

	for (i = 0; i < in->cfg->nfeeds; i++)
		if (strcmp(in->feeds[i].feed->id, feed_id) == 0)
			return &in->feeds[i];
	return NULL;
}

void compose_release(struct doc *d, struct strbuf *sb)
{
	if (sb->failed)
		d->truncated = 1;
	strbuf_release(sb);
}

static unsigned parse_rgb(const char *hex, unsigned fallback)
{
	char *end;
	unsigned long v;

	if (!hex || hex[0] != '#')
		return fallback;
	v = strtoul(hex + 1, &end, 16);
	return *end ? fallback : (unsigned)v;
}

static void front_matter(const struct compose_input *in, struct doc *d)
{
	const struct config *c = in->cfg;
	const struct edition *ed = in->ed;
	struct period day;
	char buf[64];

	d->title = xstrdup(c->title);
	d->subtitle = xstrdup(c->area.name);
	d->publisher = xstrdup(c->publisher);
	d->funding = c->funding ? xstrdup(c->funding) : NULL;
	d->caveat = ed && ed->caveat ? xstrdup(ed->caveat)
		    : c->caveat ? xstrdup(c->caveat) : NULL;
	d->issue = (int)in->issue;
	/* The publication date: the edition's, else the week's Friday. */
	if (!ed || !ed->published ||
	    period_parse(ed->published, strlen(ed->published), &day) ||
	    day.freq != PERIOD_DAY)
		day = period_of_day(period_start_day(&in->week) + 4,
				    PERIOD_DAY);
	period_civil_from_days(period_start_day(&day), &d->year, &d->month,
			       &d->day);
	fmt_period(buf, sizeof(buf), &day);
	d->date_text = xstrdup(buf);
	snprintf(buf, sizeof(buf), "economy, labour market, %s",
		 c->area.short_name ? c->area.short_name : c->area.name);
	d->keywords = xstrdup(buf);
	if (in->partners)
		d->banner = xstrdup("Partners only \u2014 not for publication");
	d->style.accent_rgb = parse_rgb(in->tpl->style.accent, 0x12436D);
	if (in->tpl->style.body_size > 0)
		d->style.body_size = in->tpl->style.body_size;
	if (in->tpl->style.margin > 0) {
		d->style.margin_left = d->style.margin_right =
			in->tpl->style.margin;
	}
	d->style.font_regular =
		c->font_regular ? xstrdup(c->font_regular)
		: in->tpl->style.font_regular
			? xstrdup(in->tpl->style.font_regular) : NULL;
	d->style.font_bold =
		c->font_bold ? xstrdup(c->font_bold)
		: in->tpl->style.font_bold ? xstrdup(in->tpl->style.font_bold)
					   : NULL;
	d->style.logo_png = c->logo ? xstrdup(c->logo)
			    : in->tpl->style.logo ? xstrdup(in->tpl->style.logo)
						  : NULL;
}

static void lead(const struct compose_input *in, struct doc *d)
{
	if (in->ed && in->ed->lead)
		doc_add_para(d, in->ed->lead);
}

static void key_issues(const struct compose_input *in,
		       const struct tpl_block *b, struct doc *d)
{
	struct doc_block *bl = NULL;
	size_t i;
	const struct edition *ed = in->ed;
	size_t n = ed ? ed->nkey_issues : 0;

	for (i = 0; i < in->nnotes; i++)
		if (in->notes[i]->priority_high)
			n++;
	n += compose_raised_concerns(in);
	if (!n)
		return;
	if (b->title)
		doc_add_heading(d, 2, b->title, NULL);
	bl = doc_add_block(d, DOC_BULLETS);
	for (i = 0; ed && i < ed->nkey_issues; i++)
		doc_text_add(doc_bullets_add(bl), ed->key_issues[i], 0, NULL);
	for (i = 0; i < in->nnotes; i++) {
		const struct note *nt = in->notes[i];
		struct doc_text *t;
		if (!nt->priority_high)
			continue;
		t = doc_bullets_add(bl);
		doc_text_add(t, nt->headline, 0, NULL);
		doc_text_add(t, " (", 0, NULL);
		doc_text_add(t, nt->cite_as ? nt->cite_as : nt->source,
			     DOC_ITALIC, NULL);
		doc_text_add(t, ").", 0, NULL);
	}
	compose_raise_concerns(in, d, bl);
}

static int theme_selected(const struct tpl_block *b, const char *theme)
{
	size_t i;

	if (!b->nthemes)
		return 1;
	for (i = 0; i < b->nthemes; i++)
		if (strcmp(b->themes[i], theme) == 0)
			return 1;
	return 0;
}

static int note_block(const struct compose_input *in, const struct note *nt,
		      struct doc *d, struct eim_error *err)
{
	struct doc_note *dn = doc_add_note(d, nt->headline);
	struct strbuf sb = STRBUF_INIT;
	struct notes_md_error me;
	size_t i;

	/* checked when the notes were loaded; a failure here is a bug */
	if (nt->body && notes_md_parse(nt->body, &dn->body, &me))
		return eim_error_set(err, EIM_DATA, nt->file, nt->line,
				     nt->col, "note body, line %d column %d: "
				     "%s", me.line, me.col, me.msg);
	strbuf_reset(&sb);
	if (nt->sector)
		strbuf_adds(&sb, nt->sector);
	for (i = 0; i < nt->nplaces; i++) {
		const char *name = config_place_name(in->cfg, nt->places[i]);
		strbuf_adds(&sb, sb.len ? (i ? ", " : " \u00b7 ") : "");
		strbuf_adds(&sb, name ? name : nt->places[i]);
	}
	if (sb.len)
		dn->meta = xstrdup(sb.buf);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "Source: %s", nt->cite_as ? nt->cite_as : nt->source);
	dn->cite = xstrdup(sb.buf);
	dn->link = nt->link ? xstrdup(nt->link) : NULL;
	dn->partners = nt->partners;
	compose_release(d, &sb);
	return 0;
}

static int notes_section(const struct compose_input *in,
			 const struct tpl_block *b, struct doc *d,
			 struct eim_error *err)
{
	size_t t, i, shown = 0;

	for (t = 0; t < in->tpl->nthemes; t++) {
		const struct tpl_theme *th = &in->tpl->themes[t];
		int heading = 0;
		if (!theme_selected(b, th->id))
			continue;
		for (i = 0; i < in->nnotes; i++) {
			if (strcmp(in->notes[i]->theme, th->id) != 0)
				continue;
			if (!heading) {
				doc_add_heading(d, 2, th->title, th->id);
				heading = 1;
			}
			if (note_block(in, in->notes[i], d, err))
				return -1;
			shown++;
		}
	}
	if (!shown)
		doc_add_para(d, "No partner intelligence was received for "
			     "this edition.");
	return 0;
}

static void sources(const struct compose_input *in, struct doc *d)
{
	struct strbuf sb = STRBUF_INIT;
	struct doc_block *bl = doc_add_block(d, DOC_BULLETS);
	size_t i;
	int any_prov = 0, any_pp = 0, any_base = 0;

	for (i = 0; i < in->cfg->nfeeds; i++) {
		const struct compose_feed *cf = &in->feeds[i];
		const struct config_feed *f = cf->feed;
		struct doc_text *t = doc_bullets_add(bl);
		doc_text_add(t, f->title, DOC_BOLD, NULL);
		strbuf_reset(&sb);
		strbuf_addf(&sb, ": %s", f->publisher);
		if (f->dataset)
			strbuf_addf(&sb, ", %s", f->dataset);
		strbuf_adds(&sb, ". ");
		doc_text_add(t, sb.buf, 0, NULL);
		if (f->url) {
			/* a published bulletin must not carry an API key or
			 * a password of the URL */
			char *shown = http_url_redact(f->url);
			doc_text_add(t, shown, DOC_LINK, shown);
			doc_text_add(t, ". ", 0, NULL);
			free(shown);
		}
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s.", f->licence);
		if (cf->retrieved[0])
			strbuf_addf(&sb, " Retrieved %s.", cf->retrieved);
		if (cf->latest[0]) {
			struct period p;
			char lab[64];
			if (period_parse(cf->latest, strlen(cf->latest), &p) ==
			    0) {
				fmt_period(lab, sizeof(lab), &p);
				strbuf_addf(&sb, " Latest period: %s.", lab);
			}
		}
		if (!cf->table)
			strbuf_addf(&sb, " Not available for this edition%s%s.",
				    cf->failure ? ": " : "",
				    cf->failure ? cf->failure : "");
		if (cf->from_cache)
			strbuf_adds(&sb, " The latest download failed; the "
				    "last good copy was used.");
		if (cf->stale)
			strbuf_adds(&sb, " Stale: no newer data than the "
				    "latest period shown.");
		if (cf->provisional) {
			strbuf_adds(&sb, " The latest value is provisional "
				    "(p) and may be revised.");
			any_prov = 1;
		}
		doc_text_add(t, sb.buf, 0, NULL);
	}
	for (i = 0; i < in->cfg->nindicators; i++) {
		const struct config_indicator *ind = &in->cfg->indicators[i];
		if (ind->unit == UNIT_PERCENT || ind->unit == UNIT_RATE)
			any_pp = 1;
		if (ind->baseline)
			any_base = 1;
	}
	doc_add_heading(d, 2, "Methods", "methods");
	bl = doc_add_block(d, DOC_BULLETS);
	doc_text_add(doc_bullets_add(bl),
		     "Every number in this monitor is listed in figures.csv, "
		     "published with it, at full precision; the bulletin rounds "
		     "only for display.", 0, NULL);
	if (any_pp)
		doc_text_add(doc_bullets_add(bl),
			     "Changes in rates and percentages are given in "
			     "percentage points (pp), not as percentage "
			     "changes.", 0, NULL);
	if (any_base)
		doc_text_add(doc_bullets_add(bl),
			     "\u201cBaseline\u201d compares with the period "
			     "set for each indicator, usually February 2020, "
			     "before the pandemic.", 0, NULL);
	if (any_prov)
		doc_text_add(doc_bullets_add(bl),
			     "(p) marks a provisional figure, such as the "
			     "flash estimate of payrolled employees; it is "
			     "revised in the next release.", 0, NULL);
	doc_text_add(doc_bullets_add(bl),
		     "A missing value is shown as a gap in a chart or "
		     "\u201cn/a\u201d in a table, never as zero. Year-on-year "
		     "comparisons use the same month, quarter or ISO week a "
		     "year earlier.", 0, NULL);
	doc_text_add(doc_bullets_add(bl),
		     "Partners' intelligence is qualitative, reported by the "
		     "organisations named or described, and not verified "
		     "statistics.", 0, NULL);
	if (in->revised)
		doc_add_para(d, "This edition has been revised since first "
			     "publication: see manifest.json for the inputs "
			     "that changed.");
	if (in->cfg->contact) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "Contact: %s", in->cfg->contact);
		doc_add_para(d, sb.buf);
	}
	compose_release(d, &sb);
}

static int block_of(const struct compose_input *in, const struct tpl_block *b,
		    struct doc *d, struct eim_error *err)
{
	switch (b->type) {
	case TPL_LEAD: lead(in, d); return 0;
	case TPL_KEY_ISSUES: key_issues(in, b, d); return 0;
	case TPL_HEADLINES: return compose_headlines(in, b, d, err);
	case TPL_DASHBOARD: return compose_dashboard(in, b, d, err);
	case TPL_CHART: return compose_chart(in, b, d, err);
	case TPL_TABLE: return compose_table(in, b, d, err);
	case TPL_NOTES: return notes_section(in, b, d, err);
	case TPL_TEXT:
		if (b->title)
			doc_add_heading(d, 2, b->title, NULL);
		doc_add_para(d, b->text);
		return 0;
	case TPL_SOURCES: sources(in, d); return 0;
	case TPL_CONTENTS: doc_add_block(d, DOC_CONTENTS); return 0;
	case TPL_PAGEBREAK: doc_add_block(d, DOC_PAGEBREAK); return 0;
	case TPL_INTELLIGENCE: return compose_intelligence(in, b, d);
	}
	return eim_error_set(err, EIM_SOFTWARE, NULL, 0, 0,
			     "unknown block type %d", b->type);
}

int compose_block(const struct compose_input *in, const struct tpl_block *b,
		  struct doc *d, struct eim_error *err)
{
	int ret = block_of(in, b, d, err);

	/* the block's strbufs were released through compose_release */
	if (d->truncated)
		return eim_error_set(err, EIM_DATA, in->tpl->path, b->line,
				     b->col, "a text of this block is larger "
				     "than the size cap of %zu bytes",
				     STRBUF_DEFAULT_CAP);
	return ret;
}

int compose_doc(const struct compose_input *in, struct doc *d,
		struct eim_error *err)
{
	size_t s, b;
	char anchor[32];

	front_matter(in, d);
	for (s = 0; s < in->tpl->nsections; s++) {
		const struct tpl_section *sec = &in->tpl->sections[s];
		if (sec->page_break && d->nblocks)
			doc_add_block(d, DOC_PAGEBREAK);
		if (sec->title) {
			snprintf(anchor, sizeof(anchor), "s%zu", s + 1);
			doc_add_heading(d, 1, sec->title, anchor);
		}
		for (b = 0; b < sec->nblocks; b++) {
			size_t first = d->nblocks, k;

			if (compose_block(in, &sec->blocks[b], d, err))
				return -1;
			/* layout errors point at the template block */
			for (k = first; k < d->nblocks; k++) {
				d->blocks[k].pos.file = xstrdup(in->tpl->path);
				d->blocks[k].pos.line = sec->blocks[b].line;
				d->blocks[k].pos.col = sec->blocks[b].col;
			}
		}
	}
	compose_revisions(in, d);
	return 0;
}
