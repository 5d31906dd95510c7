/* test_mail.c - the MIME writer (mail.h): quoted-printable and base64
 * decode back to their input with lines within the limits, RFC 2047
 * encoded words decode back to the UTF-8 text and never split a
 * character, headers cannot be broken by CR/LF, and a whole message has
 * CRLF lines of at most 78 characters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "mail.h"
#include "strbuf.h"

/* ---- decoders (the reader's side) ----------------------------------- */

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Quoted-printable to bytes, CRLF to \n. */
static void qp_decode(const char *in, size_t n, struct strbuf *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (in[i] == '=' && i + 2 < n && in[i + 1] == '\r' &&
		    in[i + 2] == '\n') {
			i += 2;
		} else if (in[i] == '=') {
			assert_true(i + 2 < n);
			assert_true(hexval(in[i + 1]) >= 0 &&
				    hexval(in[i + 2]) >= 0);
			strbuf_addch(out, hexval(in[i + 1]) * 16 +
						  hexval(in[i + 2]));
			i += 2;
		} else if (in[i] == '\r' && i + 1 < n && in[i + 1] == '\n') {
			strbuf_addch(out, '\n');
			i++;
		} else {
			strbuf_addch(out, in[i]);
		}
	}
}

static int b64val(char c)
{
	const char *a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			"0123456789+/";
	const char *p = c ? strchr(a, c) : NULL;
	return p ? (int)(p - a) : -1;
}

static void b64_decode(const char *in, size_t n, struct strbuf *out)
{
	unsigned acc = 0;
	int bits = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		int v = b64val(in[i]);

		if (in[i] == '=' || in[i] == '\r' || in[i] == '\n')
			continue;
		assert_true(v >= 0);
		acc = acc << 6 | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			strbuf_addch(out, (int)(acc >> bits & 0xFF));
		}
	}
}

/* Every CRLF-terminated line of s at most max characters; no bare CR
 * or LF. */
static void assert_lines(const char *s, size_t n, size_t max)
{
	size_t i, col = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '\r') {
			assert_true(i + 1 < n && s[i + 1] == '\n');
			i++;
			col = 0;
			continue;
		}
		assert_true(s[i] != '\n');
		col++;
		if (col > max)
			fail_msg("line longer than %zu at byte %zu", max, i);
	}
}

/* ---- quoted-printable ------------------------------------------------- */

static void qp_roundtrip(const char *text)
{
	struct strbuf enc = STRBUF_INIT, dec = STRBUF_INIT;
	size_t i;

	assert_int_equal(mail_add_qp(&enc, text, strlen(text)), 0);
	assert_lines(enc.buf, enc.len, 76);
	qp_decode(enc.buf, enc.len, &dec);
	assert_string_equal(dec.buf, text);
	for (i = 0; i < enc.len; i++) {
		int sol = i == 0 || enc.buf[i - 1] == '\n';

		/* nothing a relay strips or quotes */
		if (enc.buf[i] == '\r')
			assert_true(i == 0 || (enc.buf[i - 1] != ' ' &&
					       enc.buf[i - 1] != '\t'));
		if (sol) {
			assert_true(enc.buf[i] != '.');
			assert_true(strncmp(enc.buf + i, "From ", 5) != 0);
		}
		assert_true((unsigned char)enc.buf[i] < 0x80);
	}
	strbuf_release(&enc);
	strbuf_release(&dec);
}

static void test_qp(void **state)
{
	char buf[4000];
	size_t i;

	(void)state;
	qp_roundtrip("");
	qp_roundtrip("plain words\n");
	qp_roundtrip("a = b, 100% – £4.2m, Zoë\n");
	qp_roundtrip("trailing space \nand tab\t\n  \n");
	qp_roundtrip(".starts with a dot\nFrom the start\n..\n");
	qp_roundtrip("no newline at the end ");
	/* long lines of every kind, the break landing on each column */
	for (i = 0; i < 300; i++) {
		size_t k, n = 0;

		for (k = 0; k < i % 97 + 60; k++)
			buf[n++] = (char)"a=\xc3\xa9 .F"[(k + i) % 7];
		buf[n++] = '\n';
		memcpy(buf + n, "From x", 6);
		n += 6;
		buf[n] = '\0';
		qp_roundtrip(buf);
	}
	memset(buf, '.', 200);
	buf[200] = '\0';
	qp_roundtrip(buf);
}

/* ---- base64 ------------------------------------------------------------ */

static void test_base64(void **state)
{
	unsigned char data[1000];
	struct strbuf enc = STRBUF_INIT, dec = STRBUF_INIT;
	size_t n, i;

	(void)state;
	for (i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)(i * 37 + 11);
	for (n = 0; n < 200; n += 7) {
		strbuf_reset(&enc);
		strbuf_reset(&dec);
		assert_int_equal(mail_add_base64(&enc, data, n), 0);
		assert_lines(enc.buf, enc.len, 76);
		b64_decode(enc.buf, enc.len, &dec);
		assert_int_equal(dec.len, n);
		assert_memory_equal(dec.buf, data, n);
	}
	strbuf_reset(&enc);
	assert_int_equal(mail_add_base64(&enc, "Man", 3), 0);
	assert_string_equal(enc.buf, "TWFu\r\n");
	strbuf_release(&enc);
	strbuf_release(&dec);
}

/* ---- headers ------------------------------------------------------------ */

/* Decode a folded header value: unfold, then decode each encoded word
 * (adjacent words joined without the space between them). Checks every
 * encoded word is at most 75 characters and holds whole characters. */
static void header_value(const char *h, struct strbuf *out)
{
	const char *p = strchr(h, ':') + 1;
	int prev_ew = 0;

	while (*p) {
		const char *e;

		while (*p == ' ' || *p == '\r' || *p == '\n')
			p++;
		if (!*p)
			break;
		for (e = p; *e && *e != ' ' && *e != '\r'; e++)
			;
		if (strncmp(p, "=?UTF-8?B?", 10) == 0) {
			struct strbuf w = STRBUF_INIT;

			assert_true(e - p <= 75);
			assert_memory_equal(e - 2, "?=", 2);
			b64_decode(p + 10, (size_t)(e - 2 - p - 10), &w);
			/* starts on a character, ends on one */
			assert_true(((unsigned char)w.buf[0] & 0xC0) != 0x80);
			if (out->len && !prev_ew)
				strbuf_addch(out, ' ');
			strbuf_add(out, w.buf, w.len);
			strbuf_release(&w);
			prev_ew = 1;
		} else {
			if (out->len)
				strbuf_addch(out, ' ');
			strbuf_add(out, p, (size_t)(e - p));
			prev_ew = 0;
		}
		p = e;
	}
}

static void header_roundtrip(const char *value, const char *want)
{
	struct strbuf h = STRBUF_INIT, v = STRBUF_INIT;

	assert_int_equal(mail_add_header_text(&h, "Subject", value), 0);
	assert_lines(h.buf, h.len, MAIL_LINE_MAX);
	assert_true(strncmp(h.buf, "Subject: ", 9) == 0);
	/* one header: every line after the first is a continuation */
	{
		const char *p = h.buf;
		while ((p = strstr(p, "\r\n")) != NULL && p[2]) {
			assert_true(p[2] == ' ');
			p += 2;
		}
	}
	header_value(h.buf, &v);
	assert_string_equal(v.buf, want ? want : value);
	strbuf_release(&h);
	strbuf_release(&v);
}

static void test_header_text(void **state)
{
	struct strbuf h = STRBUF_INIT;

	(void)state;
	assert_int_equal(mail_add_header_text(&h, "Subject", "Hello world"),
			 0);
	assert_string_equal(h.buf, "Subject: Hello world\r\n");
	header_roundtrip("West Midlands Weekly Economic Impact Monitor: issue "
			 "347, 20 November 2026 and a long tail of words",
			 NULL);
	header_roundtrip("Économie – Zoë’s £4.2m 💷 monitor, issue 347",
			 NULL);
	header_roundtrip("ŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵ"
			 "ŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵ", NULL);
	header_roundtrip("=?UTF-8?B?looks encoded?= but is not", NULL);
	/* CR/LF cannot start a header of their own */
	header_roundtrip("a\r\nBcc: victim@example.org", "a Bcc: "
			 "victim@example.org");
	strbuf_release(&h);
}

static void test_header_addr(void **state)
{
	struct strbuf h = STRBUF_INIT, v = STRBUF_INIT;
	struct mail_addr a = { "Jane \"JD\" Doe", "jane@example.org" };
	struct mail_addr u = { "Zoë Öffentlich – Economic Intelligence Unit "
			       "of the West Midlands", "zoe@example.org" };
	struct mail_addr bare = { NULL, "x@example.org" };

	(void)state;
	assert_int_equal(mail_add_header_addr(&h, "To", &a), 0);
	assert_string_equal(h.buf,
			    "To: \"Jane \\\"JD\\\" Doe\" <jane@example.org>\r\n");
	strbuf_reset(&h);
	assert_int_equal(mail_add_header_addr(&h, "To", &bare), 0);
	assert_string_equal(h.buf, "To: <x@example.org>\r\n");
	strbuf_reset(&h);
	assert_int_equal(mail_add_header_addr(&h, "From", &u), 0);
	assert_lines(h.buf, h.len, MAIL_LINE_MAX);
	header_value(h.buf, &v);
	assert_string_equal(v.buf, "Zoë Öffentlich – Economic Intelligence "
			    "Unit of the West Midlands <zoe@example.org>");
	strbuf_release(&h);
	strbuf_release(&v);
}

static void test_addr_valid(void **state)
{
	(void)state;
	assert_true(mail_addr_valid("a@example.org"));
	assert_true(mail_addr_valid("first.last+tag@sub.example.co.uk"));
	assert_false(mail_addr_valid("no-at.example.org"));
	assert_false(mail_addr_valid("@example.org"));
	assert_false(mail_addr_valid("a@"));
	assert_false(mail_addr_valid("a b@example.org"));
	assert_false(mail_addr_valid("a@exa mple.org"));
	assert_false(mail_addr_valid("a@example.org>"));
	assert_false(mail_addr_valid("a\r\n@example.org"));
	assert_false(mail_addr_valid(".a@example.org"));
	assert_false(mail_addr_valid("a..b@example.org"));
	assert_false(mail_addr_valid("a@-example.org"));
	assert_false(mail_addr_valid("a@example..org"));
	assert_false(mail_addr_valid("zoë@example.org"));
}

static void test_date(void **state)
{
	char buf[64];

	(void)state;
	mail_format_date(0, buf, sizeof(buf));
	assert_string_equal(buf, "Thu, 1 Jan 1970 00:00:00 +0000");
	mail_format_date((time_t)20777 * 86400 + 3723, buf, sizeof(buf));
	assert_string_equal(buf, "Fri, 20 Nov 2026 01:02:03 +0000");
}

/* ---- a whole message ------------------------------------------------------ */

static void message(struct mail_message *m, struct mail_attachment *a,
		    struct mail_addr *reply)
{
	static unsigned char pdf[5000];
	size_t i;

	for (i = 0; i < sizeof(pdf); i++)
		pdf[i] = (unsigned char)(i * 7);
	memset(m, 0, sizeof(*m));
	m->from.addr = "insight@example.org";
	m->from.name = "WM REDI – Insight";
	m->to.addr = "zoe@example.org";
	m->to.name = "Zoë";
	reply->addr = "replies@example.org";
	reply->name = NULL;
	m->reply_to = reply;
	m->subject = "[Partners only] West Midlands Weekly Economic Impact "
		     "Monitor: issue 347, 20 November 2026";
	m->date = (time_t)20777 * 86400;
	m->message_id = "eimon.2026-W47.public.0123456789abcdef@example.org";
	m->list_unsubscribe = "https://example.org/unsubscribe?list=public";
	m->text = "Title\n\n.leading dot\nFrom here\n";
	m->html = "<p>Zoë – £4.2m</p>\n";
	a->filename = "monitor-2026-W47.pdf";
	a->content_type = "application/pdf";
	a->data = pdf;
	a->len = sizeof(pdf);
	m->attachment = a;
	m->boundary_seed = "abc123";
}

static void test_build(void **state)
{
	struct mail_message m;
	struct mail_attachment a;
	struct mail_addr reply;
	struct strbuf out = STRBUF_INIT, again = STRBUF_INIT, dec = STRBUF_INIT;
	struct eim_error err;
	const char *p, *e;

	(void)state;
	eim_error_init(&err);
	message(&m, &a, &reply);
	assert_int_equal(mail_build(&m, &out, &err), 0);
	assert_lines(out.buf, out.len, MAIL_LINE_MAX);
	assert_non_null(strstr(out.buf, "\r\nDate: Fri, 20 Nov 2026 00:00:00 "
				      "+0000\r\n"));
	assert_non_null(strstr(out.buf, "\r\nMessage-ID: <eimon.2026-W47."));
	assert_non_null(strstr(out.buf, "\r\nMIME-Version: 1.0\r\n"));
	assert_non_null(strstr(out.buf, "multipart/mixed;"));
	assert_non_null(strstr(out.buf, "\r\n--=_eimon_abc123_alt--\r\n"));
	assert_non_null(strstr(out.buf, "\r\n--=_eimon_abc123_mix--\r\n"));
	assert_non_null(strstr(out.buf, "filename=\"monitor-2026-W47.pdf\""));
	/* the attachment decodes to its bytes */
	p = strstr(out.buf, "Content-Transfer-Encoding: base64\r\n\r\n");
	assert_non_null(p);
	p += strlen("Content-Transfer-Encoding: base64\r\n\r\n");
	e = strstr(p, "\r\n--=_eimon_abc123_mix--");
	b64_decode(p, (size_t)(e - p), &dec);
	assert_int_equal(dec.len, a.len);
	assert_memory_equal(dec.buf, a.data, a.len);
	/* the same input, the same bytes */
	assert_int_equal(mail_build(&m, &again, &err), 0);
	assert_int_equal(again.len, out.len);
	assert_memory_equal(again.buf, out.buf, out.len);
	/* a URL longer than a line keeps a line of its own, within 998 */
	m.list_unsubscribe = "https://example.org/unsubscribe?list=public&a="
			     "a-very-long-parameter-value-that-cannot-be-folded";
	strbuf_reset(&out);
	assert_int_equal(mail_build(&m, &out, &err), 0);
	assert_lines(out.buf, out.len, 998);
	assert_non_null(strstr(out.buf, "\r\nList-Unsubscribe: <https:"));
	/* without attachment: multipart/alternative at the top */
	m.attachment = NULL;
	strbuf_reset(&out);
	assert_int_equal(mail_build(&m, &out, &err), 0);
	assert_non_null(strstr(out.buf, "Content-Type: multipart/alternative;"));
	assert_null(strstr(out.buf, "_mix"));
	strbuf_release(&out);
	strbuf_release(&again);
	strbuf_release(&dec);
}

static void test_build_refuses(void **state)
{
	struct mail_message m;
	struct mail_attachment a;
	struct mail_addr reply;
	struct strbuf out = STRBUF_INIT;
	struct eim_error err;

	(void)state;
	message(&m, &a, &reply);
	m.to.addr = "zoe@example.org\r\nBcc: x@example.org";
	eim_error_init(&err);
	assert_int_equal(mail_build(&m, &out, &err), -1);
	assert_int_equal(err.kind, EIM_DATA);
	message(&m, &a, &reply);
	a.filename = "a\"b.pdf";
	eim_error_init(&err);
	assert_int_equal(mail_build(&m, &out, &err), -1);
	message(&m, &a, &reply);
	m.message_id = "x>\r\nBcc: y";
	eim_error_init(&err);
	assert_int_equal(mail_build(&m, &out, &err), -1);
	strbuf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_qp),
		cmocka_unit_test(test_base64),
		cmocka_unit_test(test_header_text),
		cmocka_unit_test(test_header_addr),
		cmocka_unit_test(test_addr_valid),
		cmocka_unit_test(test_date),
		cmocka_unit_test(test_build),
		cmocka_unit_test(test_build_refuses),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
