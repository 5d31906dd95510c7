/* test_compose.c - compose_doc called directly on a monitor built in
 * memory (one area, two places, a comparator, one indicator whose
 * figures are read from a figures.csv text, a template of a few blocks,
 * one note): the blocks it makes, in order, with the template position
 * each came from; the headline sentence and the dashboard row; and the
 * errors, which name the template file, line and column of the block at
 * fault (an unknown indicator; a text larger than the strbuf cap). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "compose.h"
#include "doc.h"
#include "figures.h"
#include "strbuf.h"

#define TPL "templates/test.yaml"
/* the config structs hold char *: literals fill them here, never freed */
#define S(lit) ((char *)(lit))

static const char figures_csv[] =
	"indicator,geography,figure,period,value,status\n"
	"jobs,E99000001,latest,2026-10,1200,\n"
	"jobs,E99000001,previous,2026-09,1000,\n"
	"jobs,E99000001,change_prev,2026-10,200,\n"
	"jobs,E99000001,change_prev_pct,2026-10,20,\n"
	"jobs,E99000002,latest,2026-10,700,\n"
	"jobs,E99000003,latest,2026-10,500,\n";

struct fixture {
	struct config cfg;
	struct config_place places[2], comparator;
	struct config_feed feed;
	struct config_indicator ind;
	struct compose_feed cf;
	struct template_def tpl;
	struct tpl_section sec;
	struct tpl_block blocks[4];
	struct tpl_theme theme;
	char *table_inds[2];
	struct note note;
	const struct note *notes[1];
	struct figure_set figs;
	struct compose_input in;
};

static void fixture_init(struct fixture *x)
{
	struct eim_error err;

	memset(x, 0, sizeof(*x));
	x->cfg.title = S("Test Monitor");
	x->cfg.publisher = S("Test Office");
	x->cfg.area.code = S("E99000001");
	x->cfg.area.name = S("Testshire");
	x->places[0].code = S("E99000002");
	x->places[0].name = S("North Town");
	x->places[1].code = S("E99000003");
	x->places[1].name = S("South Town");
	x->cfg.places = x->places;
	x->cfg.nplaces = 2;
	x->comparator.code = S("E92000001");
	x->comparator.name = S("England");
	x->cfg.comparators = &x->comparator;
	x->cfg.ncomparators = 1;
	x->feed.id = S("f1");
	x->feed.title = S("Jobs survey");
	x->feed.publisher = S("Stats Office");
	x->feed.licence = S("Open Government Licence v3.0");
	x->feed.format = FEED_CSV;
	x->feed.max_age_days = 90;
	x->cfg.feeds = &x->feed;
	x->cfg.nfeeds = 1;
	x->ind.id = S("jobs");
	x->ind.feed = S("f1");
	x->ind.title = S("Jobs");
	x->ind.measure = S("the number of jobs");
	x->ind.unit = UNIT_COUNT;
	x->ind.polarity = POL_UP_GOOD;
	x->ind.scale = 1;
	x->cfg.indicators = &x->ind;
	x->cfg.nindicators = 1;
	x->cf.feed = &x->feed;

	/* headlines, dashboard, text; blocks[3] is what a test adds */
	x->blocks[0].type = TPL_HEADLINES;
	x->blocks[0].title = S("Headlines");
	x->blocks[0].line = 4;
	x->blocks[0].col = 7;
	x->blocks[1].type = TPL_DASHBOARD;
	x->blocks[1].title = S("Dashboard");
	x->blocks[1].line = 6;
	x->blocks[1].col = 7;
	x->blocks[2].type = TPL_TEXT;
	x->blocks[2].text = S("Plain words.");
	x->blocks[2].line = 8;
	x->blocks[2].col = 7;
	x->sec.title = S("This week");
	x->sec.blocks = x->blocks;
	x->sec.nblocks = 3;
	x->theme.id = S("labour");
	x->theme.title = S("Labour market");
	x->tpl.path = S(TPL);
	x->tpl.name = S("test");
	x->tpl.sections = &x->sec;
	x->tpl.nsections = 1;
	x->tpl.themes = &x->theme;
	x->tpl.nthemes = 1;

	x->note.file = S("notes/2026-W47/a.yaml");
	x->note.line = 1;
	x->note.col = 1;
	x->note.source = S("Chamber of Commerce");
	x->note.theme = S("labour");
	x->note.headline = S("Hiring slowed");
	x->notes[0] = &x->note;

	figures_init(&x->figs);
	eim_error_init(&err);
	assert_int_equal(figures_read_csv(figures_csv, sizeof(figures_csv) - 1,
					  "figures.csv", &x->figs, &err), 0);
	figures_index(&x->figs);

	x->in.cfg = &x->cfg;
	x->in.tpl = &x->tpl;
	x->in.feeds = &x->cf;
	x->in.figs = &x->figs;
	x->in.issue = 12;
	assert_int_equal(period_parse("2026-W47", 8, &x->in.week), 0);
}

static void fixture_release(struct fixture *x)
{
	figures_release(&x->figs);
}

static char *plain(const struct doc_text *t)
{
	return doc_text_plain(t);
}

static void assert_pos(const struct doc_block *b, int line, int col)
{
	assert_non_null(b->pos.file);
	assert_string_equal(b->pos.file, TPL);
	assert_int_equal(b->pos.line, line);
	assert_int_equal(b->pos.col, col);
}

static void blocks_and_text(void **state)
{
	struct fixture x;
	struct doc d;
	struct eim_error err;
	const struct doc_table *t;
	const struct doc_cell *row;
	char *s;

	(void)state;
	fixture_init(&x);
	doc_init(&d);
	eim_error_init(&err);
	assert_int_equal(compose_doc(&x.in, &d, &err), 0);
	assert_string_equal(d.title, "Test Monitor");
	assert_string_equal(d.subtitle, "Testshire");
	assert_int_equal(d.issue, 12);
	/* the week's Friday */
	assert_string_equal(d.date_text, "20 November 2026");
	assert_false(d.truncated);

	/* section heading, then per block what it makes, in order */
	assert_int_equal(d.nblocks, 5);
	assert_int_equal(d.blocks[0].kind, DOC_HEADING);
	assert_int_equal(d.blocks[0].level, 1);
	s = plain(&d.blocks[0].text);
	assert_string_equal(s, "This week");
	free(s);
	assert_null(d.blocks[0].pos.file); /* not from a block */

	assert_int_equal(d.blocks[1].kind, DOC_HEADING);
	assert_int_equal(d.blocks[1].level, 2);
	assert_pos(&d.blocks[1], 4, 7);
	assert_int_equal(d.blocks[2].kind, DOC_BULLETS);
	assert_pos(&d.blocks[2], 4, 7);
	assert_int_equal(d.blocks[2].nitems, 1);
	s = plain(&d.blocks[2].items[0]);
	assert_string_equal(s, "The number of jobs in Testshire rose by 200 "
			    "(20.0%) to 1,200 in October 2026.");
	free(s);

	/* the dashboard: one table, the area's row */
	assert_int_equal(d.blocks[3].kind, DOC_TABLE);
	assert_pos(&d.blocks[3], 6, 7);
	t = d.blocks[3].table;
	assert_string_equal(t->caption, "Dashboard");
	assert_int_equal(t->nrows, 1);
	row = &t->cells[0];
	assert_string_equal(row[0].text, "Jobs");
	assert_string_equal(row[1].text, "1,200");
	assert_string_equal(row[2].text, "October 2026");
	assert_string_equal(row[3].text, "+200 (+20.0%)");
	assert_int_equal(row[6].kind, DOC_CELL_ARROW);
	assert_int_equal(row[6].dir, DOC_DIR_UP);
	assert_int_equal(row[6].tone, DOC_TONE_GOOD); /* up is good */

	assert_int_equal(d.blocks[4].kind, DOC_PARA);
	assert_pos(&d.blocks[4], 8, 7);
	s = plain(&d.blocks[4].text);
	assert_string_equal(s, "Plain words.");
	free(s);
	doc_free(&d);
	fixture_release(&x);
}

/* An indicator the monitor does not have: the error points at the
 * table block in the template, and says which. */
static void unknown_indicator_points_at_block(void **state)
{
	struct fixture x;
	struct doc d;
	struct eim_error err;

	(void)state;
	fixture_init(&x);
	x.table_inds[0] = S("jobs");
	x.table_inds[1] = S("nope");
	x.blocks[3].type = TPL_TABLE;
	x.blocks[3].indicators = x.table_inds;
	x.blocks[3].nindicators = 2;
	x.blocks[3].line = 12;
	x.blocks[3].col = 9;
	x.sec.nblocks = 4;
	doc_init(&d);
	eim_error_init(&err);
	assert_int_equal(compose_doc(&x.in, &d, &err), -1);
	assert_int_equal(err.kind, EIM_DATA);
	assert_string_equal(err.file, TPL);
	assert_int_equal(err.line, 12);
	assert_int_equal(err.col, 9);
	assert_string_equal(err.msg, "table: unknown indicator 'nope'");
	doc_free(&d);
	/* the first indicator unknown: the same position */
	x.table_inds[0] = S("nope");
	x.blocks[3].nindicators = 1;
	doc_init(&d);
	eim_error_init(&err);
	assert_int_equal(compose_doc(&x.in, &d, &err), -1);
	assert_int_equal(err.line, 12);
	assert_int_equal(err.col, 9);
	doc_free(&d);
	fixture_release(&x);
}

/* A note whose sector is larger than the strbuf cap: the line naming
 * its sector and places cannot be built, and compose fails at the notes
 * block instead of printing a cut line. */
static void text_over_cap_fails_at_block(void **state)
{
	size_t n = STRBUF_DEFAULT_CAP + 1;
	char *huge;
	struct fixture x;
	struct doc d;
	struct eim_error err;

	(void)state;
	huge = malloc(n + 1);
	assert_non_null(huge);
	memset(huge, 'x', n);
	huge[n] = '\0';
	fixture_init(&x);
	x.blocks[3].type = TPL_NOTES;
	x.blocks[3].line = 15;
	x.blocks[3].col = 5;
	x.sec.nblocks = 4;
	x.in.notes = x.notes;
	x.in.nnotes = 1;
	/* within the cap the note is composed */
	doc_init(&d);
	eim_error_init(&err);
	assert_int_equal(compose_doc(&x.in, &d, &err), 0);
	assert_int_equal(d.blocks[d.nblocks - 1].kind, DOC_NOTE);
	assert_string_equal(d.blocks[d.nblocks - 1].note->cite,
			    "Source: Chamber of Commerce");
	assert_pos(&d.blocks[d.nblocks - 1], 15, 5);
	doc_free(&d);
	/* one byte more than the cap */
	x.note.sector = huge;
	doc_init(&d);
	eim_error_init(&err);
	assert_int_equal(compose_doc(&x.in, &d, &err), -1);
	assert_true(d.truncated);
	assert_int_equal(err.kind, EIM_DATA);
	assert_string_equal(err.file, TPL);
	assert_int_equal(err.line, 15);
	assert_int_equal(err.col, 5);
	assert_non_null(strstr(err.msg, "a text of this block is larger than "
				   "the size cap"));
	doc_free(&d);
	fixture_release(&x);
	free(huge);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(blocks_and_text),
		cmocka_unit_test(unknown_indicator_points_at_block),
		cmocka_unit_test(text_over_cap_fails_at_block),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
