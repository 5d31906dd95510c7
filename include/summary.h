/* summary.h - what an edition says in brief (summary.json): its title,
 * issue, publication date, lead, key issues and headline sentences.
 *
 * The build writes summary.json beside the PDFs from the very inputs and
 * figures it composed the public edition from, so that whatever reads it
 * later (`eimon send` for the email, a web page) describes exactly the
 * edition that was published without recomputing anything. It holds only
 * what the public edition prints: partners' notes never appear in it.
 *
 * Ownership: struct edition_summary owns every string in it
 * (summary_release frees them). */
#ifndef EIMON_SUMMARY_H
#define EIMON_SUMMARY_H

#include <stddef.h>

#include "compose.h"
#include "doc.h"
#include "error.h"
#include "strbuf.h"

#define SUMMARY_NAME "summary.json"

struct edition_summary {
	char *week;        /* "2026-W47" */
	char *title;
	char *subtitle;    /* the area's name */
	char *publisher;
	char *contact;     /* may be NULL */
	long issue;
	char *published;   /* "2026-11-20" */
	char *date_text;   /* "20 November 2026" */
	char *lead;        /* may be NULL */
	char **key_issues;
	size_t nkey_issues;
	char **headlines;
	size_t nheadlines;
};

/* The summary of the public edition composed from in into d (d as
 * compose_doc made it), appended to json. Lead, key issues and headlines
 * are what the template's first lead, key issues and headlines blocks
 * print (compose_block), so also the key issues compose adds from notes;
 * absent when the template has no such block. */
int summary_write(const struct compose_input *in, const struct doc *d,
		  struct strbuf *json, struct eim_error *err);
/* Parse summary.json (file names it in messages; EIM_DATA when bad). s
 * need not be initialised; release it in every case. */
int summary_parse(const char *text, size_t len, const char *file,
		  struct edition_summary *s, struct eim_error *err);
void summary_release(struct edition_summary *s);

#endif
