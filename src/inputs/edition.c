/* edition.c - edition files (SPEC §5.6): editions/YYYY-Www.yaml with the
 * lead, key issues, published date, issue number and caveat override. */
#include "notes.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "notes_report.h"
#include "schema.h"
#include "xalloc.h"
#include "yamldoc.h"
#include "fsafe.h"
#include "banned.h"

SCHEMA_RANGE_CHECK(check_issue, long, 1, 100000,
		   "must be a whole number from 1")

static void rtrim(char *s)
{
	size_t n = s ? strlen(s) : 0;

	while (n && strchr(" \t\r\n", s[n - 1]))
		s[--n] = '\0';
}

static const struct schema_field edition_fields[] = {
	{ .key = "published", .type = SCHEMA_STRING,
	  .offset = offsetof(struct edition, published),
	  .flags = SCHEMA_REQUIRED | SCHEMA_NONEMPTY },
	{ .key = "issue", .type = SCHEMA_INT,
	  .offset = offsetof(struct edition, issue), .check = check_issue },
	{ .key = "lead", .type = SCHEMA_STRING,
	  .offset = offsetof(struct edition, lead), .flags = SCHEMA_NONEMPTY },
	{ .key = "key_issues", .type = SCHEMA_STRINGS,
	  .offset = offsetof(struct edition, key_issues),
	  .count_offset = offsetof(struct edition, nkey_issues),
	  .flags = SCHEMA_NONEMPTY },
	{ .key = "caveat", .type = SCHEMA_STRING,
	  .offset = offsetof(struct edition, caveat),
	  .flags = SCHEMA_NONEMPTY },
};

static const struct schema edition_schema =
	SCHEMA_OF(edition, edition_fields);

const struct schema *notes_schema_edition(void)
{
	return &edition_schema;
}

void edition_release(struct edition *e)
{
	if (!e)
		return;
	schema_release(&edition_schema, e);
	free(e->file);
	memset(e, 0, sizeof(*e));
}

int edition_load_file(const char *path, const char *display,
		      struct edition *out, struct eim_warnings *problems,
		      struct eim_error *err)
{
	struct ydoc *doc = NULL;
	struct eim_error e, first;
	struct eim_warnings mine = { NULL, 0, 0 };
	struct schema_ctx cx;
	const char *name = display ? display : path;
	long day;
	size_t i;
	int ret = -1;

	memset(out, 0, sizeof(*out));
	eim_error_init(&e);
	/* the editions folder is shared with the editors: no symbolic
	 * link, no FIFO (fsafe.h) */
	if (ydoc_load_at(NULL, path, FSAFE_NOFOLLOW, name, &doc, &e)) {
		notes_report_error(problems, err, &e);
		goto out;
	}
	notes_report_ctx(&cx, name, &first, &mine);
	if (!doc->root) {
		eim_error_set(&e, EIM_DATA, name, 0, 0, "empty edition file "
			      "(it needs at least 'published')");
		notes_report_error(problems, err, &e);
		goto out;
	}
	if (doc->root->type != YDOC_MAP) {
		schema_error(&cx, doc->root, "an edition file must be a "
			     "mapping, not %s",
			     ydoc_type_name(doc->root->type));
		goto out;
	}
	schema_bind(&cx, &edition_schema, doc->root, out);
	/* Block scalars (`lead: >`) end with a newline: drop it. */
	rtrim(out->published);
	rtrim(out->lead);
	rtrim(out->caveat);
	for (i = 0; i < out->nkey_issues; i++)
		rtrim(out->key_issues[i]);
	if (ydoc_get(doc->root, "published")) {
		out->published_line = ydoc_get(doc->root, "published")->line;
		out->published_col = ydoc_get(doc->root, "published")->col;
	}
	if (out->published && notes_parse_date(out->published, &day))
		schema_error(&cx, ydoc_get(doc->root, "published"),
			     "'published' must be a real date written "
			     "YYYY-MM-DD, not '%s'", out->published);
	for (i = 0; i < out->nkey_issues; i++) {
		const struct ydoc_node *k = ydoc_get(doc->root, "key_issues");
		if (!*out->key_issues[i])
			schema_error(&cx, k && k->type == YDOC_SEQ &&
						  i < k->n ? k->items[i] : k,
				     "key issue %zu is empty", i + 1);
	}
	if (cx.nerrors)
		goto out;
	out->file = xstrdup(name);
	ret = 0;
out:
	notes_report_sorted(name, &mine, problems, err);
	if (ret)
		edition_release(out);
	ydoc_free(doc);
	return ret;
}

int edition_load(const char *dir, const struct period *week,
		 struct edition *out, struct eim_warnings *problems,
		 struct eim_error *err)
{
	char wk[32], *path;
	size_t n;
	struct stat st;
	int ret;

	memset(out, 0, sizeof(*out));
	if (!week || week->freq != PERIOD_WEEK)
		return eim_error_set(err, EIM_SOFTWARE, NULL, 0, 0,
				     "edition_load needs an ISO week");
	notes_format_week(week, wk, sizeof(wk));
	n = strlen(dir) + strlen(wk) + 8;
	path = xmalloc(n);
	snprintf(path, n, "%s/%s.yaml", dir, wk);
	if (lstat(path, &st) != 0 && errno == ENOENT) {
		free(path);
		return 0; /* no edition file: an edition without a lead */
	}
	ret = edition_load_file(path, path, out, problems, err);
	free(path);
	return ret;
}

int edition_check_published(const struct edition *e,
			    const struct period *week, long max_days_after,
			    struct eim_warnings *problems,
			    struct eim_error *err)
{
	struct eim_error mine;
	char wk[32], msg[EIM_PATH_MAX + EIM_MSG_MAX + 32];
	long day, first = period_start_day(week), last = period_end_day(week);

	if (!e || !e->file || !e->published ||
	    notes_parse_date(e->published, &day))
		return 0;
	if (day >= first && day <= last + max_days_after)
		return 0;
	notes_format_week(week, wk, sizeof(wk));
	eim_error_init(&mine);
	eim_error_set(&mine, EIM_DATA, e->file, e->published_line,
		      e->published_col, "'published' %s is %s week %s (it "
		      "must fall in that week or at most %ld days after it; "
		      "published_within_days in monitor.yaml sets the days)",
		      e->published, day < first ? "before" : "too long after",
		      wk, max_days_after);
	if (problems) {
		eim_error_format(&mine, msg, sizeof(msg));
		eim_warn(problems, "%s", msg);
	}
	if (err->kind == EIM_OK)
		*err = mine;
	return -1;
}

long edition_issue_number(const struct edition *e, const struct period *week,
			  const char *first_issue_week, long first_issue,
			  const char *window)
{
	struct period w0;
	long d0, d1, last, steps;

	if (e && e->issue > 0)
		return e->issue;
	if (!first_issue_week || notes_parse_week(first_issue_week, &w0) ||
	    notes_window(&w0, "week", &d0, &last) ||
	    notes_window(week, "week", &d1, &last) || d1 < d0)
		return 0;
	steps = (d1 - d0) / 7;
	if (window && strcmp(window, "fortnight") == 0)
		steps /= 2;
	return (first_issue > 0 ? first_issue : 1) + steps;
}
