/* notes_markdown.c - a note body (CommonMark, by libcmark) into rich text
 * (see notes_markdown.h). The tree is walked with cmark's iterator, not
 * recursion, so a hostile body cannot exhaust the stack. */
#include "notes_markdown.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark.h>

#include "xalloc.h"
#include "banned.h"

const char *notes_md_link_problem(const char *url)
{
	const char *host;

	if (strncasecmp(url, "https://", 8) == 0)
		host = url + 8;
	else if (strncasecmp(url, "http://", 7) == 0)
		host = url + 7;
	else
		return "only http:// and https:// addresses are allowed";
	if (!*host || *host == '/' || strpbrk(url, " \t\n\"<>\\"))
		return "not a complete web address";
	return NULL;
}

struct md_list {
	int ordered;
	long next;           /* the next item's number */
};

struct md_state {
	struct doc_rich *out;
	struct notes_md_error *e;
	struct md_list lists[NOTES_MD_MAX_DEPTH];
	int depth;           /* lists open */
	int marker;          /* an item opened and has no text yet */
	long marker_no;
	int italic, bold;    /* open emphasis and strong */
	const char *href;    /* inside a link */
	struct doc_item *cur;/* the paragraph being filled */
};

__attribute__((format(printf, 3, 4)))
static int md_fail(struct md_state *s, cmark_node *n, const char *fmt, ...)
{
	va_list ap;
	cmark_node *p;

	/* inline nodes may carry no position: use their block's */
	for (p = n; p && cmark_node_get_start_line(p) <= 0;)
		p = cmark_node_parent(p);
	s->e->line = p ? cmark_node_get_start_line(p) : 1;
	s->e->col = p ? cmark_node_get_start_column(p) : 1;
	if (s->e->col < 1)
		s->e->col = 1;
	va_start(ap, fmt);
	vsnprintf(s->e->msg, sizeof(s->e->msg), fmt, ap);
	va_end(ap);
	return -1;
}

/* Start an item: the first paragraph of a list item carries its marker. */
static struct doc_item *md_item(struct md_state *s)
{
	enum doc_item_kind k = DOC_ITEM_PARA;

	if (s->marker && s->depth > 0)
		k = s->lists[s->depth - 1].ordered ? DOC_ITEM_NUMBER
						   : DOC_ITEM_BULLET;
	s->marker = 0;
	return doc_rich_add(s->out, k, s->depth, k == DOC_ITEM_NUMBER
				   ? s->marker_no : 0);
}

/* Append text, joined to the last run when it looks the same. */
static void md_text(struct md_state *s, const char *text)
{
	struct doc_text *t;
	struct doc_run *last;
	unsigned fl = (s->italic ? DOC_ITALIC : 0U) | (s->bold ? DOC_BOLD : 0U);

	if (!s->cur)
		s->cur = md_item(s);
	t = &s->cur->text;
	last = t->n ? &t->runs[t->n - 1] : NULL;
	if (last && (last->flags & ~(unsigned)DOC_LINK) == fl &&
	    ((!last->href && !s->href) ||
	     (last->href && s->href && strcmp(last->href, s->href) == 0))) {
		size_t a = strlen(last->text), b = strlen(text);
		last->text = xrealloc(last->text, a + b + 1);
		memcpy(last->text + a, text, b + 1);
		return;
	}
	doc_text_add(t, text, fl, s->href);
}

static const char *md_refused(cmark_node_type t)
{
	switch (t) {
	case CMARK_NODE_HEADING:
		return "a heading";
	case CMARK_NODE_CODE_BLOCK:
		return "a code block (a line indented by four spaces, or "
		       "fenced with ``` or ~~~)";
	case CMARK_NODE_CODE:
		return "code (text between backticks)";
	case CMARK_NODE_BLOCK_QUOTE:
		return "a block quote (a line starting with >)";
	case CMARK_NODE_THEMATIC_BREAK:
		return "a horizontal rule (a line of ---, *** or ___)";
	case CMARK_NODE_IMAGE:
		return "an image";
	default:
		return "this construct";
	}
}

/* Raw HTML is printed as the characters written, one line per space. */
static void md_literal(struct md_state *s, const char *lit)
{
	char *t = xstrdup(lit ? lit : ""), *p;
	size_t n = strlen(t);

	while (n && (t[n - 1] == '\n' || t[n - 1] == '\r'))
		t[--n] = '\0';
	for (p = t; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	md_text(s, t);
	free(t);
}

static int md_enter(struct md_state *s, cmark_node *n)
{
	cmark_node_type t = cmark_node_get_type(n);
	const char *why;

	switch (t) {
	case CMARK_NODE_DOCUMENT:
		return 0;
	case CMARK_NODE_LIST:
		if (s->depth >= NOTES_MD_MAX_DEPTH)
			return md_fail(s, n, "lists nested more than %d deep "
				       "in a note body", NOTES_MD_MAX_DEPTH);
		if (s->marker) /* "- - x": the outer item shows its marker */
			md_item(s);
		s->lists[s->depth].ordered =
			cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
		s->lists[s->depth].next = cmark_node_get_list_start(n);
		s->depth++;
		return 0;
	case CMARK_NODE_ITEM:
		s->marker = 1;
		s->marker_no = s->lists[s->depth - 1].next++;
		return 0;
	case CMARK_NODE_PARAGRAPH:
		s->cur = md_item(s);
		return 0;
	case CMARK_NODE_HTML_BLOCK:
		s->cur = md_item(s);
		md_literal(s, cmark_node_get_literal(n));
		s->cur = NULL;
		return 0;
	case CMARK_NODE_TEXT:
		md_text(s, cmark_node_get_literal(n));
		return 0;
	case CMARK_NODE_HTML_INLINE:
		md_literal(s, cmark_node_get_literal(n));
		return 0;
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
		md_text(s, " ");
		return 0;
	case CMARK_NODE_EMPH:
		s->italic++;
		return 0;
	case CMARK_NODE_STRONG:
		s->bold++;
		return 0;
	case CMARK_NODE_LINK:
		why = notes_md_link_problem(cmark_node_get_url(n) ?
					    cmark_node_get_url(n) : "");
		if (why)
			return md_fail(s, n, "link to '%.120s' in a note "
				       "body: %s", cmark_node_get_url(n) ?
				       cmark_node_get_url(n) : "", why);
		s->href = cmark_node_get_url(n);
		return 0;
	default:
		return md_fail(s, n, "%s is not allowed in a note body (use "
			       "paragraphs, bullet or numbered lists, "
			       "*emphasis*, **strong** and [links](https://"
			       "...))", md_refused(t));
	}
}

static void md_exit(struct md_state *s, cmark_node *n)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_LIST:
		s->depth--;
		break;
	case CMARK_NODE_ITEM:
		if (s->marker) /* an empty item still shows its marker */
			md_item(s);
		break;
	case CMARK_NODE_PARAGRAPH:
		s->cur = NULL;
		break;
	case CMARK_NODE_EMPH:
		s->italic--;
		break;
	case CMARK_NODE_STRONG:
		s->bold--;
		break;
	case CMARK_NODE_LINK:
		s->href = NULL;
		break;
	default:
		break;
	}
}

int notes_md_parse(const char *body, struct doc_rich *out,
		   struct notes_md_error *e)
{
	struct md_state s;
	cmark_node *doc;
	cmark_iter *it = NULL;
	cmark_event_type ev;
	int ret = -1;

	memset(&s, 0, sizeof(s));
	memset(e, 0, sizeof(*e));
	s.out = out;
	s.e = e;
	doc = cmark_parse_document(body ? body : "", body ? strlen(body) : 0,
				   CMARK_OPT_DEFAULT);
	if (!doc) {
		e->line = e->col = 1;
		snprintf(e->msg, sizeof(e->msg), "the note body could not be "
			 "read as CommonMark");
		goto out;
	}
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER) {
			if (md_enter(&s, n))
				goto out;
		} else if (ev == CMARK_EVENT_EXIT) {
			md_exit(&s, n);
		}
	}
	ret = 0;
out:
	if (it)
		cmark_iter_free(it);
	if (doc)
		cmark_node_free(doc);
	return ret;
}
