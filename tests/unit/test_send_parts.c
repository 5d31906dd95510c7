/* test_send_parts.c - the pieces of `eimon send` below the SMTP
 * transport: recipient list files, the send log and its line in the
 * manifest, summary.json, and the words of a message (send_int.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "manifest.h"
#include "sha256.h"
#include "summary.h"
#include "../../src/deliver/send_int.h"
#include "helpers/tdir.h"

/* ---- recipient lists ---------------------------------------------------- */

static void test_list(void **state)
{
	char *dir = tdir_make(), *path;
	struct send_rcpts l;
	struct eim_error err;

	(void)state;
	tdir_write(dir, "l.txt",
		   "# readers\r\n"
		   "\r\n"
		   "  plain@example.org  \r\n"
		   "Jane Doe <Jane@Example.ORG>\n"
		   "\"Doe, Jane\" <jane2@example.org>\n"
		   "Zoë <zoe@example.org>\n"
		   "jane@example.org\n");
	path = tdir_join(dir, "l.txt");
	eim_error_init(&err);
	assert_int_equal(send_list_load(path, &l, &err), 0);
	assert_int_equal(l.n, 4); /* jane@ twice, by case: once */
	assert_string_equal(l.v[0].addr, "plain@example.org");
	assert_null(l.v[0].name);
	assert_int_equal(l.v[0].line, 3);
	assert_string_equal(l.v[1].key, "jane@example.org");
	assert_string_equal(l.v[1].addr, "Jane@Example.ORG");
	assert_string_equal(l.v[1].name, "Jane Doe");
	assert_string_equal(l.v[2].name, "Doe, Jane");
	assert_string_equal(l.v[3].name, "Zoë");
	assert_non_null(send_list_find(&l, "zoe@example.org"));
	assert_null(send_list_find(&l, "nobody@example.org"));
	send_list_release(&l);
	free(path);

	tdir_write(dir, "bad.txt", "ok@example.org\nJane <not an address>\n");
	path = tdir_join(dir, "bad.txt");
	eim_error_init(&err);
	assert_int_equal(send_list_load(path, &l, &err), -1);
	assert_int_equal(err.kind, EIM_DATA);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 7);
	send_list_release(&l);
	free(path);

	tdir_write(dir, "gt.txt", "Jane <jane@example.org> trailing\n");
	path = tdir_join(dir, "gt.txt");
	eim_error_init(&err);
	assert_int_equal(send_list_load(path, &l, &err), -1);
	send_list_release(&l);
	free(path);

	path = tdir_join(dir, "missing.txt");
	eim_error_init(&err);
	assert_int_equal(send_list_load(path, &l, &err), -1);
	assert_int_equal(err.kind, EIM_NOINPUT);
	send_list_release(&l);
	free(path);
	tdir_remove(dir);
}

/* ---- the send log ------------------------------------------------------- */

static void write_manifest(const char *dir)
{
	struct manifest m;
	struct strbuf sb = STRBUF_INIT;
	char sha[SHA256_HEX_LEN];

	manifest_init(&m);
	manifest_set(&m.edition, "2026-W47");
	sha256_hex("pdf", 3, sha);
	manifest_add_output(&m, "monitor.pdf", sha, 3);
	assert_int_equal(manifest_to_json(&m, &sb), 0);
	tdir_write(dir, "manifest.json", sb.buf);
	strbuf_release(&sb);
	manifest_release(&m);
}

/* The manifest's sha256 of the log equals the log's. */
static void assert_listed(const char *dir)
{
	struct manifest m;
	struct eim_error err;
	char *mp = tdir_join(dir, "manifest.json");
	char *log = tdir_slurp(dir, SEND_LOG_NAME);
	char sha[SHA256_HEX_LEN];
	const struct manifest_output *o;

	eim_error_init(&err);
	assert_int_equal(manifest_read_file(mp, &m, &err), 0);
	o = manifest_find_output(&m, SEND_LOG_NAME);
	assert_non_null(o);
	sha256_hex(log, strlen(log), sha);
	assert_string_equal(o->sha256, sha);
	assert_int_equal(o->bytes, strlen(log));
	assert_non_null(manifest_find_output(&m, "monitor.pdf"));
	manifest_release(&m);
	free(mp);
	free(log);
}

static void test_log(void **state)
{
	char *dir = tdir_make();
	struct send_log log, back;
	struct send_log_entry e;
	struct eim_error err;
	char a[] = "a@example.org", b[] = "b@example.org", pub[] = "public",
	     par[] = "partners", file[] = "monitor.pdf",
	     at1[] = "2026-11-20T07:00:00Z", at2[] = "2026-11-20T08:00:00Z",
	     mid[] = "x@example.org";

	(void)state;
	write_manifest(dir);
	eim_error_init(&err);
	assert_int_equal(send_log_read(dir, "2026-W47", &log, &err), 0);
	assert_int_equal(log.n, 0); /* none yet: an empty log */
	memset(&e, 0, sizeof(e));
	e.address = a;
	e.list = pub;
	e.file = file;
	sha256_hex("pdf", 3, e.sha256);
	e.at = at1;
	e.message_id = mid;
	send_log_put(&log, &e);
	e.address = b;
	e.list = par;
	send_log_put(&log, &e);
	e.at = at2; /* the same address and list: replaced */
	send_log_put(&log, &e);
	assert_int_equal(log.n, 2);
	assert_int_equal(send_log_write(dir, &log, &err), 0);
	assert_listed(dir);

	assert_int_equal(send_log_read(dir, "2026-W47", &back, &err), 0);
	assert_int_equal(back.n, 2);
	assert_non_null(send_log_find(&back, "a@example.org", "public"));
	assert_null(send_log_find(&back, "a@example.org", "partners"));
	assert_string_equal(send_log_find(&back, "b@example.org",
					  "partners")->at,
			    "2026-11-20T08:00:00Z");
	send_log_release(&back);

	/* a run killed between the log and the manifest: repaired */
	tdir_write(dir, SEND_LOG_NAME,
		   "{\"edition\": \"2026-W47\", \"sent\": []}\n");
	assert_int_equal(send_log_sync_manifest(dir, &err), 0);
	assert_listed(dir);

	/* a log of another edition is not this one's */
	assert_int_equal(send_log_read(dir, "2026-W48", &back, &err), -1);
	assert_int_equal(err.kind, EIM_DATA);
	send_log_release(&back);
	eim_error_init(&err);
	tdir_write(dir, SEND_LOG_NAME, "{\"edition\": \"2026-W47\"}");
	assert_int_equal(send_log_read(dir, "2026-W47", &back, &err), -1);
	send_log_release(&back);
	send_log_release(&log);
	tdir_remove(dir);
}

/* ---- summary.json and the words of a message ------------------------------ */

static const char summary_json[] =
	"{\"week\": \"2026-W47\", \"title\": \"T <&> Monitor\", "
	"\"subtitle\": \"Area\", \"publisher\": \"P\", \"contact\": null, "
	"\"issue\": 347, \"published\": \"2026-11-20\", "
	"\"date_text\": \"20 November 2026\", "
	"\"lead\": \"First paragraph <script>x</script> with enough words to "
	"need wrapping at seventy-two characters, and then some more words "
	"here.\\n\\nSecond paragraph.\", "
	"\"key_issues\": [\"K1\"], \"headlines\": [\"H1\", \"H2\"]}";

static void test_summary_and_body(void **state)
{
	struct edition_summary s;
	struct eim_error err;
	struct send_body_in in;
	struct strbuf subj = STRBUF_INIT, text = STRBUF_INIT,
		      html = STRBUF_INIT;
	const char *p;

	(void)state;
	eim_error_init(&err);
	assert_int_equal(summary_parse(summary_json, strlen(summary_json),
				       "s.json", &s, &err), 0);
	assert_int_equal(s.issue, 347);
	assert_int_equal(s.nheadlines, 2);
	assert_null(s.contact);
	memset(&in, 0, sizeof(in));
	in.sum = &s;
	in.partners = 1;
	in.url = "https://example.org/x?a=1&b=2";
	in.attached = "monitor-partners-2026-W47.pdf";
	assert_int_equal(send_body(&in, &subj, &text, &html), 0);
	assert_string_equal(subj.buf, "[Partners only] T <&> Monitor: issue "
			    "347, 20 November 2026");
	/* HTML escapes everything it is given */
	assert_null(strstr(html.buf, "<script>"));
	assert_non_null(strstr(html.buf, "&lt;script&gt;"));
	assert_non_null(strstr(html.buf, "T &lt;&amp;&gt; Monitor"));
	assert_non_null(strstr(html.buf, "href=\"https://example.org/x?a=1"
					 "&amp;b=2\""));
	assert_non_null(strstr(html.buf, "<p>Second paragraph.</p>"));
	assert_non_null(strstr(html.buf, "Partners only"));
	/* text: paragraphs kept, lines wrapped at 72 */
	assert_non_null(strstr(text.buf, "\n\nSecond paragraph.\n"));
	for (p = text.buf; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);

		assert_true(n <= 72);
		p += n + (nl ? 1 : 0);
	}
	assert_non_null(strstr(text.buf, "- H2\n"));
	assert_non_null(strstr(text.buf, "attached (monitor-partners-"));
	strbuf_reset(&subj);
	strbuf_reset(&text);
	strbuf_reset(&html);
	in.partners = 0;
	in.attached = NULL;
	assert_int_equal(send_body(&in, &subj, &text, &html), 0);
	assert_null(strstr(subj.buf, "Partners"));
	assert_null(strstr(text.buf, "Partners only"));
	assert_null(strstr(text.buf, "attached"));
	summary_release(&s);

	/* a summary without a title is not one */
	eim_error_init(&err);
	assert_int_equal(summary_parse("{\"week\": \"x\"}", 13, "s.json", &s,
				       &err), -1);
	assert_int_equal(err.kind, EIM_DATA);
	summary_release(&s);
	strbuf_release(&subj);
	strbuf_release(&text);
	strbuf_release(&html);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_log),
		cmocka_unit_test(test_summary_and_body),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
