/* send_body.c - what a message says: the edition's title, issue, date,
 * lead, key issues and headlines (from summary.json), where the bulletin
 * is, as plain text and as HTML (send_int.h). */
#include <stdlib.h>
#include <string.h>

#include "send_int.h"
#include "xalloc.h"
#include "banned.h"

#define WRAP 72

static const char partners_banner[] =
	"Partners only \u2014 not for publication";

/* Append s word-wrapped at WRAP characters (UTF-8 continuation bytes do
 * not count), each line starting with first (then indent). */
static int wrap(struct strbuf *sb, const char *s, const char *first,
		const char *indent)
{
	size_t col = 0, start_len;
	const char *p = s;
	int f = strbuf_adds(sb, first);

	col = strlen(first);
	start_len = col;
	while (*p && !f) {
		const char *e;
		size_t chars = 0, n;

		while (*p == ' ' || *p == '\n' || *p == '\t')
			p++;
		if (!*p)
			break;
		for (e = p; *e && *e != ' ' && *e != '\n' && *e != '\t'; e++)
			if (((unsigned char)*e & 0xC0) != 0x80)
				chars++;
		n = (size_t)(e - p);
		if (col > start_len && col + 1 + chars > WRAP) {
			f = strbuf_addch(sb, '\n') || strbuf_adds(sb, indent);
			col = start_len = strlen(indent);
		} else if (col > start_len) {
			f = strbuf_addch(sb, ' ');
			col++;
		}
		f = f || strbuf_add(sb, p, n);
		col += chars;
		p = e;
	}
	return f || strbuf_addch(sb, '\n');
}

static int html_esc(struct strbuf *sb, const char *s)
{
	int f = 0;

	for (; *s && !f; s++) {
		switch (*s) {
		case '&': f = strbuf_adds(sb, "&amp;"); break;
		case '<': f = strbuf_adds(sb, "&lt;"); break;
		case '>': f = strbuf_adds(sb, "&gt;"); break;
		case '"': f = strbuf_adds(sb, "&quot;"); break;
		case '\'': f = strbuf_adds(sb, "&#39;"); break;
		default: f = strbuf_addch(sb, *s);
		}
	}
	return f;
}

static int html_para(struct strbuf *h, const char *para)
{
	return strbuf_adds(h, "<p>") || html_esc(h, para) ||
	       strbuf_adds(h, "</p>\n");
}

static int text_para(struct strbuf *t, const char *para)
{
	return strbuf_addch(t, '\n') || wrap(t, para, "", "");
}

/* Each paragraph of text (blank lines between them) through fn. */
static int paras(struct strbuf *sb, const char *text,
		 int (*fn)(struct strbuf *, const char *))
{
	const char *p = text, *e;
	int f = 0;

	while (*p && !f) {
		char *para;

		e = strstr(p, "\n\n");
		para = xstrndup(p, e ? (size_t)(e - p) : strlen(p));
		if (para[strspn(para, " \n\t")])
			f = fn(sb, para);
		free(para);
		p = e ? e + 2 : p + strlen(p);
	}
	return f;
}

static int html_list(struct strbuf *h, const char *title, char **items,
		     size_t n)
{
	size_t i;
	int f;

	if (!n)
		return 0;
	f = strbuf_adds(h, "<h2 style=\"font-size:16px\">") ||
	    html_esc(h, title) || strbuf_adds(h, "</h2>\n<ul>\n");
	for (i = 0; i < n && !f; i++)
		f = strbuf_adds(h, "<li>") || html_esc(h, items[i]) ||
		    strbuf_adds(h, "</li>\n");
	return f || strbuf_adds(h, "</ul>\n");
}

static int text_list(struct strbuf *t, const char *title, char **items,
		     size_t n)
{
	size_t i;
	int f;

	if (!n)
		return 0;
	f = strbuf_addf(t, "\n%s\n\n", title);
	for (i = 0; i < n && !f; i++)
		f = wrap(t, items[i], "- ", "  ");
	return f;
}

static int text_part(const struct send_body_in *in, struct strbuf *t)
{
	const struct edition_summary *s = in->sum;
	int f = strbuf_addf(t, "%s\n", s->title) ||
		(s->subtitle && strbuf_addf(t, "%s\n", s->subtitle)) ||
		strbuf_addf(t, "Issue %ld, %s\n", s->issue, s->date_text) ||
		(in->partners &&
		 strbuf_addf(t, "\n%s\n", partners_banner)) ||
		(s->lead && paras(t, s->lead, text_para));

	f = f || text_list(t, "Key issues", s->key_issues, s->nkey_issues) ||
	    text_list(t, "Headlines", s->headlines, s->nheadlines) ||
	    strbuf_addch(t, '\n');
	if (!f && in->attached)
		f = strbuf_addf(t, "The full bulletin is attached (%s).\n",
				in->attached);
	if (!f && in->url)
		f = strbuf_addf(t, "Read the full bulletin: %s\n", in->url);
	f = f || strbuf_adds(t, "\n-- \n") ||
	    (s->publisher && wrap(t, s->publisher, "", "")) ||
	    (s->contact && strbuf_addf(t, "Contact: %s\n", s->contact)) ||
	    (in->unsubscribe &&
	     strbuf_addf(t, "Unsubscribe: %s\n", in->unsubscribe));
	return f;
}

static int html_part(const struct send_body_in *in, struct strbuf *h)
{
	const struct edition_summary *s = in->sum;
	int f = strbuf_adds(h, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>"
			       "<meta charset=\"utf-8\">\n<title>") ||
		html_esc(h, s->title) ||
		strbuf_adds(h, "</title></head>\n<body style=\"font-family:"
			       "Arial,sans-serif;font-size:15px;"
			       "line-height:1.5;max-width:40em\">\n"
			       "<h1 style=\"font-size:22px\">") ||
		html_esc(h, s->title) || strbuf_adds(h, "</h1>\n<p>");

	if (!f && s->subtitle)
		f = html_esc(h, s->subtitle) || strbuf_adds(h, "<br>\n");
	f = f || strbuf_addf(h, "Issue %ld, ", s->issue) ||
	    html_esc(h, s->date_text) || strbuf_adds(h, "</p>\n");
	if (!f && in->partners)
		f = strbuf_adds(h, "<p><strong>") ||
		    html_esc(h, partners_banner) ||
		    strbuf_adds(h, "</strong></p>\n");
	if (!f && s->lead)
		f = paras(h, s->lead, html_para);
	f = f || html_list(h, "Key issues", s->key_issues, s->nkey_issues) ||
	    html_list(h, "Headlines", s->headlines, s->nheadlines);
	if (!f && in->attached)
		f = strbuf_adds(h, "<p>The full bulletin is attached (") ||
		    html_esc(h, in->attached) || strbuf_adds(h, ").</p>\n");
	if (!f && in->url)
		f = strbuf_adds(h, "<p><a href=\"") || html_esc(h, in->url) ||
		    strbuf_adds(h, "\">Read the full bulletin</a></p>\n");
	f = f || strbuf_adds(h, "<hr>\n<p style=\"font-size:13px\">");
	if (!f && s->publisher)
		f = html_esc(h, s->publisher) || strbuf_adds(h, "<br>\n");
	if (!f && s->contact)
		f = strbuf_adds(h, "Contact: ") || html_esc(h, s->contact) ||
		    strbuf_adds(h, "<br>\n");
	if (!f && in->unsubscribe)
		f = strbuf_adds(h, "<a href=\"") ||
		    html_esc(h, in->unsubscribe) ||
		    strbuf_adds(h, "\">Unsubscribe</a>\n");
	return f || strbuf_adds(h, "</p>\n</body>\n</html>\n");
}

int send_body(const struct send_body_in *in, struct strbuf *subject,
	      struct strbuf *text, struct strbuf *html)
{
	const struct edition_summary *s = in->sum;

	if (strbuf_addf(subject, "%s%s: issue %ld, %s",
			in->partners ? "[Partners only] " : "", s->title,
			s->issue, s->date_text))
		return -1;
	return text_part(in, text) || html_part(in, html) ? -1 : 0;
}
