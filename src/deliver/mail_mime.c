/* mail_mime.c - an Internet message as bytes (see mail.h). */
#include "mail.h"

#include <stdio.h>
#include <string.h>

#include "banned.h"

/* ---- addresses -------------------------------------------------------- */

static int domain_valid(const char *d)
{
	size_t label = 0, labels = 0;

	for (; *d; d++) {
		unsigned char c = (unsigned char)*d;

		if (c == '.') {
			if (!label || d[-1] == '-')
				return 0;
			label = 0;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-'))
			return 0;
		if (!label++) {
			if (c == '-')
				return 0;
			labels++;
		}
		if (label > 63)
			return 0;
	}
	return label > 0 && labels > 0;
}

int mail_addr_valid(const char *s)
{
	const char *at = strrchr(s, '@');
	const char *p;

	if (!at || at == s || strlen(s) > 254 || at - s > 64)
		return 0;
	for (p = s; p < at; p++) {
		unsigned char c = (unsigned char)*p;

		/* dot-atom text only: no quoted local parts */
		if (c <= 0x20 || c >= 0x7F || strchr("\"(),:;<>@[\\]", c))
			return 0;
		if (c == '.' && (p == s || p + 1 == at || p[1] == '.'))
			return 0;
	}
	return domain_valid(at + 1);
}

/* ---- headers ---------------------------------------------------------- */

/* A header being written: words are added with a space between them and
 * the line folded (CRLF SP) before a word that would pass the limit. */
struct hline {
	struct strbuf *out;
	size_t col;  /* characters on the current line */
	int words;   /* words written (the first never folds) */
	int fail;
};

static void h_start(struct hline *h, struct strbuf *out, const char *name)
{
	h->out = out;
	h->fail = strbuf_adds(out, name) || strbuf_adds(out, ":");
	h->col = strlen(name) + 1;
	h->words = 0;
}

static void h_fold(struct hline *h)
{
	h->fail |= strbuf_adds(h->out, "\r\n");
	h->col = 0;
}

static void h_word(struct hline *h, const char *w, size_t n)
{
	if (h->col + 1 + n > MAIL_LINE_MAX && h->words)
		h_fold(h);
	h->words++;
	h->fail |= strbuf_addch(h->out, ' ') || strbuf_add(h->out, w, n);
	h->col += 1 + n;
}

static int h_end(struct hline *h)
{
	h->fail |= strbuf_adds(h->out, "\r\n");
	return h->fail ? -1 : 0;
}

/* Bytes of the UTF-8 sequence starting with c (1 for stray bytes). */
static size_t utf8_len(unsigned char c)
{
	if (c >= 0xF0 && c < 0xF8)
		return 4;
	if (c >= 0xE0)
		return c < 0xF0 ? 3 : 1;
	if (c >= 0xC0)
		return 2;
	return 1;
}

/* 45 bytes of UTF-8 make 60 base64 characters: with "=?UTF-8?B?" and
 * "?=" an encoded word of at most 72, under RFC 2047's 75. */
#define EW_BYTES 45

static void h_encoded(struct hline *h, const unsigned char *s, size_t n)
{
	struct strbuf b = STRBUF_INIT; /* at most 60 characters */
	char word[128];
	size_t i = 0;

	while (i < n) {
		size_t take = 0, k, max, room;

		/* as much as fits on this line ("=?UTF-8?B?" "?=" and the
		 * space take 13), else a new line */
		room = h->col + 13 < MAIL_LINE_MAX ? MAIL_LINE_MAX - h->col - 13
						   : 0;
		if (room < 16 && h->words) {
			h_fold(h);
			room = MAIL_LINE_MAX - 13;
		}
		max = room / 4 * 3;
		if (max > EW_BYTES)
			max = EW_BYTES;
		/* whole characters only: a decoder joins words by bytes, but
		 * some show each word on its own */
		while (i + take < n) {
			size_t c = utf8_len(s[i + take]);
			if (i + take + c > n)
				c = n - i - take;
			if (take + c > max && take)
				break;
			take += c;
		}
		strbuf_reset(&b);
		strbuf_add_base64(&b, s + i, take);
		k = (size_t)snprintf(word, sizeof(word), "=?UTF-8?B?%s?=", b.buf);
		h_word(h, word, k);
		i += take;
	}
	strbuf_release(&b);
}

static int needs_encoding(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7F ||
		    (s[0] == '=' && s[1] == '?'))
			return 1;
	return 0;
}

/* A copy of s (at most size - 1 bytes, whole) with controls as spaces:
 * a CR or LF in a header would start a new header. */
static size_t clean_copy(const char *s, char *buf, size_t size)
{
	size_t n = 0;

	for (; *s && n + 1 < size; s++)
		buf[n++] = (unsigned char)*s < 0x20 || *s == 0x7F ? ' ' : *s;
	buf[n] = '\0';
	return n;
}

static void h_text(struct hline *h, const char *value)
{
	char buf[2048];
	size_t n = clean_copy(value, buf, sizeof(buf));
	char *p = buf, *sp;

	if (needs_encoding(buf)) {
		h_encoded(h, (const unsigned char *)buf, n);
		return;
	}
	/* plain words, folded at spaces (runs of spaces collapse) */
	while (*p) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		sp = strchr(p, ' ');
		n = sp ? (size_t)(sp - p) : strlen(p);
		h_word(h, p, n);
		p += n;
	}
}

int mail_add_header_text(struct strbuf *out, const char *name,
			 const char *value)
{
	struct hline h;

	h_start(&h, out, name);
	h_text(&h, value);
	return h_end(&h);
}

int mail_add_header_addr(struct strbuf *out, const char *name,
			 const struct mail_addr *a)
{
	struct hline h;
	char buf[512], q[1100], angle[300];
	size_t i, k = 0;

	h_start(&h, out, name);
	if (a->name && a->name[0]) {
		clean_copy(a->name, buf, sizeof(buf));
		if (needs_encoding(buf)) {
			h_text(&h, buf);
		} else {
			/* a quoted string: any ASCII name, specials and all */
			q[k++] = '"';
			for (i = 0; buf[i]; i++) {
				if (buf[i] == '"' || buf[i] == '\\')
					q[k++] = '\\';
				q[k++] = buf[i];
			}
			q[k++] = '"';
			h_word(&h, q, k);
		}
	}
	snprintf(angle, sizeof(angle), "<%s>", a->addr);
	h_word(&h, angle, strlen(angle));
	return h_end(&h);
}

static const char *const wdays[] = { "Sun", "Mon", "Tue", "Wed", "Thu",
				     "Fri", "Sat" };
static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May",
				      "Jun", "Jul", "Aug", "Sep", "Oct",
				      "Nov", "Dec" };

void mail_format_date(time_t t, char *buf, size_t size)
{
	struct tm tm;

	/* names from tables: strftime's %a and %b follow the locale */
	gmtime_r(&t, &tm);
	snprintf(buf, size, "%s, %d %s %04d %02d:%02d:%02d +0000",
		 wdays[tm.tm_wday % 7], tm.tm_mday, months[tm.tm_mon % 12],
		 tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* ---- bodies ----------------------------------------------------------- */

#define QP_MAX 76 /* RFC 2045: encoded lines of at most 76 characters */

int mail_add_qp(struct strbuf *out, const char *text, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i, col = 0;
	int fail = 0;

	for (i = 0; i < len && !fail; i++) {
		unsigned char c = (unsigned char)text[i];
		char enc[4];
		size_t n;
		int at_eol = i + 1 == len || text[i + 1] == '\n' ||
			     (text[i + 1] == '\r' && i + 2 < len &&
			      text[i + 2] == '\n');

		if (c == '\n') {
			fail = strbuf_adds(out, "\r\n");
			col = 0;
			continue;
		}
		if (c == '\r' && i + 1 < len && text[i + 1] == '\n')
			continue;
		/* literal: printable ASCII but '='; a space or tab unless
		 * it ends a line (relays strip trailing white space); not
		 * a '.' or the 'F' of "From " starting a line */
		if ((c >= 33 && c <= 126 && c != '=' &&
		     !(col == 0 && c == '.') &&
		     !(col == 0 && c == 'F' && len - i >= 5 &&
		       memcmp(text + i, "From ", 5) == 0)) ||
		    ((c == ' ' || c == '\t') && !at_eol)) {
			enc[0] = (char)c;
			n = 1;
		} else {
			enc[0] = '=';
			enc[1] = hex[c >> 4];
			enc[2] = hex[c & 15];
			n = 3;
		}
		/* a soft break ("=" CRLF) keeps room for the "=" itself;
		 * the last character of a line may use the 76th column */
		if (col + n > QP_MAX - 1 && !(at_eol && col + n <= QP_MAX)) {
			fail = strbuf_adds(out, "=\r\n");
			col = 0;
			if (!fail && n == 1 && (c == '.' || c == 'F')) {
				/* a line may now start with it: encode */
				enc[0] = '=';
				enc[1] = hex[c >> 4];
				enc[2] = hex[c & 15];
				n = 3;
			}
		}
		fail = fail || strbuf_add(out, enc, n);
		col += n;
	}
	return fail ? -1 : 0;
}

int mail_add_base64(struct strbuf *out, const void *data, size_t len)
{
	const unsigned char *d = data;
	size_t i;

	/* 57 bytes make a line of 76 characters */
	for (i = 0; i < len; i += 57)
		if (strbuf_add_base64(out, d + i, len - i < 57 ? len - i : 57) ||
		    strbuf_adds(out, "\r\n"))
			return -1;
	return 0;
}

/* ---- the message ------------------------------------------------------ */

static int part_header(struct strbuf *out, const char *boundary,
		       const char *type)
{
	return strbuf_addf(out, "\r\n--%s\r\n", boundary) ||
	       mail_add_header_text(out, "Content-Type", type);
}

static int add_text_part(struct strbuf *out, const char *boundary,
			 const char *subtype, const char *text)
{
	char type[64];

	snprintf(type, sizeof(type), "text/%s; charset=UTF-8", subtype);
	if (part_header(out, boundary, type) ||
	    strbuf_adds(out, "Content-Transfer-Encoding: quoted-printable"
			     "\r\n\r\n") ||
	    mail_add_qp(out, text, strlen(text)))
		return -1;
	return 0;
}

static int alternative(struct strbuf *out, const struct mail_message *m,
		       const char *b)
{
	return add_text_part(out, b, "plain", m->text) ||
	       add_text_part(out, b, "html", m->html) ||
	       strbuf_addf(out, "\r\n--%s--\r\n", b);
}

static int filename_ok(const char *s)
{
	if (!s[0] || strlen(s) > 60)
		return 0;
	for (; *s; s++)
		if (*s <= 0x20 || *s >= 0x7F || *s == '"' || *s == '\\')
			return 0;
	return 1;
}

static int seed_ok(const char *s)
{
	if (!s[0] || strlen(s) > 32)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9')))
			return 0;
	return 1;
}

int mail_build(const struct mail_message *m, struct strbuf *out,
	       struct eim_error *err)
{
	char date[64], alt[64], mix[64], ctype[128];
	const struct mail_attachment *a = m->attachment;
	int fail;

	if (!mail_addr_valid(m->from.addr) || !mail_addr_valid(m->to.addr) ||
	    (m->reply_to && !mail_addr_valid(m->reply_to->addr)))
		return eim_error_set(err, EIM_DATA, NULL, 0, 0,
				     "not a valid email address in '%s', "
				     "'%s'", m->from.addr, m->to.addr);
	if (!seed_ok(m->boundary_seed) || strlen(m->message_id) > 200 ||
	    strchr(m->message_id, '>') ||
	    strchr(m->message_id, '<') || needs_encoding(m->message_id) ||
	    (a && !filename_ok(a->filename)) ||
	    (m->list_unsubscribe && (needs_encoding(m->list_unsubscribe) ||
				     strchr(m->list_unsubscribe, '>'))))
		return eim_error_set(err, EIM_DATA, NULL, 0, 0,
				     "a message header would not be valid "
				     "(message id, attachment name or "
				     "List-Unsubscribe)");
	snprintf(alt, sizeof(alt), "=_eimon_%s_alt", m->boundary_seed);
	snprintf(mix, sizeof(mix), "=_eimon_%s_mix", m->boundary_seed);
	mail_format_date(m->date, date, sizeof(date));
	fail = mail_add_header_addr(out, "From", &m->from) ||
	       mail_add_header_addr(out, "To", &m->to) ||
	       (m->reply_to &&
		mail_add_header_addr(out, "Reply-To", m->reply_to)) ||
	       mail_add_header_text(out, "Subject", m->subject) ||
	       strbuf_addf(out, "Date: %s\r\n", date) ||
	       strbuf_addf(out, "Message-ID: <%s>\r\n", m->message_id);
	if (!fail && m->list_unsubscribe) {
		char v[1100];

		snprintf(v, sizeof(v), "<%s>", m->list_unsubscribe);
		fail = mail_add_header_text(out, "List-Unsubscribe", v);
	}
	snprintf(ctype, sizeof(ctype), "multipart/%s; boundary=\"%s\"",
		 a ? "mixed" : "alternative", a ? mix : alt);
	fail = fail || strbuf_adds(out, "MIME-Version: 1.0\r\n") ||
	       mail_add_header_text(out, "Content-Type", ctype) ||
	       strbuf_adds(out, "\r\nThis is a message in MIME format.\r\n");
	if (!fail && a) {
		snprintf(ctype, sizeof(ctype),
			 "multipart/alternative; boundary=\"%s\"", alt);
		fail = part_header(out, mix, ctype) ||
		       strbuf_adds(out, "\r\n") || alternative(out, m, alt);
		snprintf(ctype, sizeof(ctype), "%s; name=\"%s\"",
			 a->content_type, a->filename);
		fail = fail || part_header(out, mix, ctype);
		snprintf(ctype, sizeof(ctype), "attachment; filename=\"%s\"",
			 a->filename);
		fail = fail ||
		       mail_add_header_text(out, "Content-Disposition", ctype) ||
		       strbuf_adds(out, "Content-Transfer-Encoding: base64"
				   "\r\n\r\n") ||
		       mail_add_base64(out, a->data, a->len) ||
		       strbuf_addf(out, "\r\n--%s--\r\n", mix);
	} else if (!fail) {
		fail = alternative(out, m, alt);
	}
	if (fail)
		return eim_error_set(err, EIM_SOFTWARE, NULL, 0, 0,
				     "the message is too large");
	return 0;
}
