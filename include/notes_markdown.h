/* notes_markdown.h - the body of an editor's note as CommonMark, parsed
 * with libcmark into format-free rich text (doc.h): paragraphs, bullet
 * and numbered lists (nested), emphasis, strong and http(s) links. Raw
 * HTML is kept as text (never interpreted). Anything else (headings,
 * code, block quotes, images, rules, other link schemes) is refused with
 * the position of the construct in the body.
 *
 * Ownership: the caller owns out (zeroed before the call) and releases
 * it with doc_rich_release, also after an error. */
#ifndef EIMON_NOTES_MARKDOWN_H
#define EIMON_NOTES_MARKDOWN_H

#include "doc.h"

#define NOTES_MD_MAX_DEPTH 4 /* list nesting */

struct notes_md_error {
	int line, col;      /* 1-based, in the body text */
	char msg[240];
};

/* 0, or -1 with e filled. */
int notes_md_parse(const char *body, struct doc_rich *out,
		   struct notes_md_error *e);

/* NULL if url is a complete http:// or https:// address, else why not.
 * Shared with the `link:` key of notes. */
const char *notes_md_link_problem(const char *url);

#endif
