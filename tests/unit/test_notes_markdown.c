/* test_notes_markdown.c - note bodies as CommonMark: every case of
 * tests/markdown (NAME.md, the body; NAME.expected, the rich text as
 * one line per item, or "LINE:COL: message" for a body that is refused)
 * plus a very long list. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "casedir.h"
#include "notes_markdown.h"
#include "strbuf.h"

/* One line per item: P/B/N, the depth, #number for N, then the runs with
 * *italic*, **bold** and [text](href) marks. */
static void dump(const struct doc_rich *r, struct strbuf *sb)
{
	size_t i, j;

	for (i = 0; i < r->n; i++) {
		const struct doc_item *it = &r->items[i];
		strbuf_addf(sb, "%c%d", it->kind == DOC_ITEM_PARA ? 'P'
			    : it->kind == DOC_ITEM_BULLET ? 'B' : 'N',
			    it->depth);
		if (it->kind == DOC_ITEM_NUMBER)
			strbuf_addf(sb, "#%ld", it->number);
		strbuf_addch(sb, ' ');
		for (j = 0; j < it->text.n; j++) {
			const struct doc_run *rn = &it->text.runs[j];
			const char *m = (rn->flags & DOC_BOLD) &&
					(rn->flags & DOC_ITALIC) ? "***"
					: rn->flags & DOC_BOLD ? "**"
					: rn->flags & DOC_ITALIC ? "*" : "";
			if (rn->href)
				strbuf_addch(sb, '[');
			strbuf_addf(sb, "%s%s%s", m, rn->text, m);
			if (rn->href)
				strbuf_addf(sb, "](%s)", rn->href);
		}
		strbuf_addch(sb, '\n');
	}
}

static void test_cases(void **state)
{
	size_t n, i;
	char **names = casedir_list("tests/markdown", ".md", &n);

	(void)state;
	assert_true(n >= 12);
	for (i = 0; i < n; i++) {
		char path[512], *exp_name, *body, *want;
		struct doc_rich rich = { NULL, 0, 0 };
		struct notes_md_error e;
		struct strbuf got = STRBUF_INIT;

		snprintf(path, sizeof(path), "tests/markdown/%s", names[i]);
		exp_name = casedir_swap_suffix(path, ".md", ".expected");
		body = casedir_read(path, NULL);
		want = casedir_read(exp_name, NULL);
		assert_non_null(body);
		assert_non_null(want);
		if (notes_md_parse(body, &rich, &e))
			strbuf_addf(&got, "%d:%d: %s\n", e.line, e.col, e.msg);
		else
			dump(&rich, &got);
		if (strcmp(got.buf ? got.buf : "", want) != 0)
			fail_msg("%s:\n got:\n%s expected:\n%s", names[i],
				 got.buf ? got.buf : "", want);
		strbuf_release(&got);
		doc_rich_release(&rich);
		free(body);
		free(want);
		free(exp_name);
	}
	casedir_free_list(names, n);
}

/* A list far longer than a page keeps every item and its number. */
static void test_long_list(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct doc_rich rich = { NULL, 0, 0 };
	struct notes_md_error e;
	int i;

	(void)state;
	for (i = 1; i <= 400; i++)
		strbuf_addf(&sb, "%d. item number %d\n", i, i);
	assert_int_equal(notes_md_parse(sb.buf, &rich, &e), 0);
	assert_int_equal(rich.n, 400);
	assert_int_equal(rich.items[399].kind, DOC_ITEM_NUMBER);
	assert_int_equal(rich.items[399].number, 400);
	assert_string_equal(rich.items[399].text.runs[0].text,
			    "item number 400");
	doc_rich_release(&rich);
	strbuf_release(&sb);
}

static void test_link_problem(void **state)
{
	(void)state;
	assert_null(notes_md_link_problem("https://example.org/"));
	assert_null(notes_md_link_problem("HTTP://example.org"));
	assert_non_null(notes_md_link_problem("ftp://example.org"));
	assert_non_null(notes_md_link_problem("https://"));
	assert_non_null(notes_md_link_problem("https://a b"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_long_list),
		cmocka_unit_test(test_link_problem),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
