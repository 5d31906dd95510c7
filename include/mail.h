/* mail.h - an Internet message (RFC 5322 + MIME) as bytes ready for SMTP.
 *
 * mail_build writes one message: the headers (UTF-8 subject and display
 * names as RFC 2047 encoded words, folded), a multipart/alternative body
 * with a plain-text and an HTML part (quoted-printable), and when given
 * an attachment a multipart/mixed around both (base64). Every line ends
 * in CRLF and is at most 78 characters (SMTP allows 998), so no relay
 * rewraps or truncates it (a header folds where it has spaces: a single
 * longer token, such as a long List-Unsubscribe URL, keeps a line of its
 * own, within 998); no line of a body part starts with "." or
 * "From " as written (those are encoded), so dot-stuffing and mbox
 * quoting leave the content alone. The same input gives the same bytes
 * (boundaries come from boundary_seed, the date is given).
 *
 * Nothing here allocates what the caller must free beyond the strbuf it
 * passes; strings in struct mail_message stay the caller's. */
#ifndef EIMON_MAIL_H
#define EIMON_MAIL_H

#include <stddef.h>
#include <time.h>

#include "error.h"
#include "strbuf.h"

#define MAIL_LINE_MAX 78 /* RFC 5322's recommended limit, CRLF excluded */

struct mail_addr {
	const char *name;  /* UTF-8 display name, or NULL */
	const char *addr;  /* local@domain (checked by mail_addr_valid) */
};

struct mail_attachment {
	const char *filename;     /* printable ASCII, no quotes or '\' */
	const char *content_type; /* "application/pdf" */
	const unsigned char *data;
	size_t len;
};

struct mail_message {
	struct mail_addr from;
	struct mail_addr to;
	const struct mail_addr *reply_to;   /* NULL: none */
	const char *subject;                /* UTF-8 */
	time_t date;                        /* the Date: header (UTC) */
	const char *message_id;             /* "id@domain", no <> */
	const char *list_unsubscribe;       /* "https://..." or "mailto:...",
					       NULL: no header */
	const char *text;                   /* UTF-8, lines end in \n */
	const char *html;                   /* UTF-8 */
	const struct mail_attachment *attachment; /* NULL: none */
	const char *boundary_seed;          /* [A-Za-z0-9]+, for boundaries */
};

/* Append the message to out. EIM_DATA when an address is not valid or a
 * field holds what a header cannot (a filename with quotes); EIM_SOFTWARE
 * when out's cap is hit. */
int mail_build(const struct mail_message *m, struct strbuf *out,
	       struct eim_error *err);

/* 1 when s is an address eimon sends to: local@domain, printable ASCII,
 * no spaces, quotes, angle brackets, commas or backslashes, a domain of
 * dot-separated labels (letters, digits, '-'), at most 254 bytes. */
int mail_addr_valid(const char *s);

/* Pieces of mail_build, exposed for tests. Each returns -1 at the cap. */
/* "Name: value" folded at MAIL_LINE_MAX; value is encoded as RFC 2047
 * B-words (UTF-8, each at most 75 characters) when it holds anything but
 * printable ASCII, or "=?". Control characters become spaces. */
int mail_add_header_text(struct strbuf *out, const char *name,
			 const char *value);
/* "Name: display <addr>" (the display name quoted or encoded). */
int mail_add_header_addr(struct strbuf *out, const char *name,
			 const struct mail_addr *a);
/* Quoted-printable (RFC 2045 6.7) of UTF-8 text with \n line ends. */
int mail_add_qp(struct strbuf *out, const char *text, size_t len);
/* Base64 in lines of 76 characters. */
int mail_add_base64(struct strbuf *out, const void *data, size_t len);
/* RFC 5322 date: "Fri, 20 Nov 2026 07:00:00 +0000". */
void mail_format_date(time_t t, char *buf, size_t size);

#endif
