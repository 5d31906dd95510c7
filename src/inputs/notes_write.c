/* notes_write.c - write a pre-filled, valid note with a comment on every
 * key, under a name that does not clash (O_EXCL). The config-free half of
 * `eimon notes new` (notes_new.c). */
#include "notes.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "notes_report.h"
#include "strbuf.h"
#include "atomic.h"
#include "xalloc.h"
#include "banned.h"

#define SLUG_MAX 40
#define SOURCE_MAX 200
#define NAME_TRIES 10000

/* "West Midlands Growth Co." -> "west-midlands-growth-co"; only ASCII
 * letters and digits survive, so the name is safe on every system. */
static void slugify(const char *s, char *out, size_t size)
{
	size_t n = 0;
	int dash = 0;

	for (; *s && n + 1 < size && n < SLUG_MAX; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && n)
				out[n++] = '-';
			if (n + 1 < size)
				out[n++] = (char)c;
			dash = 0;
		} else if (c >= 'A' && c <= 'Z') {
			if (dash && n)
				out[n++] = '-';
			if (n + 1 < size)
				out[n++] = (char)(c - 'A' + 'a');
			dash = 0;
		} else {
			dash = 1;
		}
	}
	out[n] = '\0';
	if (!n)
		snprintf(out, size, "note");
}

/* A YAML double-quoted scalar. */
static void add_quoted(struct strbuf *sb, const char *s)
{
	strbuf_addch(sb, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			strbuf_addch(sb, '\\');
		strbuf_addch(sb, *s);
	}
	strbuf_addch(sb, '"');
}

/* Text from the command line: valid UTF-8, no control characters. */
static int valid_text(const char *s)
{
	if (!notes_utf8_valid(s))
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7F)
			return 0;
	return 1;
}

/* "# a, b, c." comment lines listing the template's themes, wrapped. */
static void theme_list(struct strbuf *sb, const char *const *themes,
		       size_t nthemes)
{
	size_t i, col = 0;

	for (i = 0; i < nthemes; i++) {
		size_t w = strlen(themes[i]) + 2;
		if (!col || col + w > 72) {
			strbuf_adds(sb, col ? "\n#" : "#");
			col = 1;
		}
		strbuf_addf(sb, " %s%s", themes[i],
			    i + 1 < nthemes ? "," : ".\n");
		col += w;
	}
}

static void note_text(struct strbuf *sb, const char *source,
		      const char *theme, const char *const *themes,
		      size_t nthemes, const struct config_place *place,
		      const char *date, const char *week)
{
	strbuf_addf(sb,
		"# Editor's note for the edition of %s (see docs/editors.md).\n"
		"# Edit the text, then run `eimon check --week %s`.\n"
		"# Lines starting with # are comments; remove the # of an\n"
		"# optional key to use it.\n"
		"\n"
		"# date (required): the day the intelligence was received,\n"
		"# YYYY-MM-DD. The note goes in the edition whose week holds it.\n"
		"date: %s\n"
		"\n"
		"# source (required): the organisation that supplied it. Kept\n"
		"# for audit; printed only when cite_as is not given.\n"
		"source: ", week, week, date);
	add_quoted(sb, source);
	strbuf_adds(sb,
		"\n\n"
		"# cite_as: how the source is printed in the bulletin.\n"
		"# cite_as: \"a regional business organisation\"\n"
		"\n"
		"# theme (required): one of the themes of the report template");
	if (themes && nthemes) {
		strbuf_adds(sb, ":\n");
		theme_list(sb, themes, nthemes);
	} else {
		strbuf_adds(sb, ".\n");
	}
	strbuf_adds(sb, "theme: ");
	add_quoted(sb, theme);
	strbuf_adds(sb,
		"\n\n"
		"# headline (required): one sentence, at most 160 characters.\n"
		"# Replace this text before the edition is built.\n"
		"headline: \"TODO: one sentence on what was reported\"\n"
		"\n"
		"# body: plain text; a blank line starts a new paragraph.\n"
		"body: |\n"
		"  TODO: what was reported, by whom (as cited), and why it\n"
		"  matters for the area.\n"
		"\n"
		"# sector: free text, e.g. Manufacturing.\n"
		"# sector: \"Manufacturing\"\n"
		"\n"
		"# places: GSS codes of the monitor's places; default the whole\n"
		"# area.\n");
	/* The example is the monitor's own first place, so that taking the
	 * # away gives a note that checks. */
	if (place && place->code)
		strbuf_addf(sb, "# places: [%s]  # %s\n", place->code,
			    place->name ? place->name : "");
	strbuf_adds(sb,
		"\n"
		"# sentiment: positive, neutral, negative or mixed.\n"
		"# sentiment: neutral\n"
		"\n"
		"# priority: high also puts the note among the key issues.\n"
		"priority: normal\n"
		"\n"
		"# visibility: public, or partners (never in the public PDF).\n"
		"visibility: public\n"
		"\n"
		"# link: an http:// or https:// address for more detail.\n"
		"# link: \"https://www.example.org/report\"\n");
}

int notes_write_new(const char *notes_dir, const char *source,
		    const char *theme, const char *const *themes,
		    size_t nthemes, const struct config_place *place,
		    const struct period *week, long today, char **out_path,
		    struct eim_error *err)
{
	struct period wk;
	struct strbuf sb = STRBUF_INIT, path = STRBUF_INIT;
	char wtext[32], date[16], slug[SLUG_MAX + 1], *dir = NULL;
	long first, last, day;
	size_t i, dlen;
	int fd = -1, n, ret = -1;

	*out_path = NULL;
	if (!source || !*source || strlen(source) > SOURCE_MAX ||
	    !valid_text(source)) {
		eim_error_set(err, EIM_USAGE, NULL, 0, 0, "--source must be "
			      "a name of 1 to %d bytes of UTF-8 text",
			      SOURCE_MAX);
		goto out;
	}
	if (!theme || !*theme || !valid_text(theme)) {
		eim_error_set(err, EIM_USAGE, NULL, 0, 0, "--theme must be "
			      "one of the template's themes");
		goto out;
	}
	if (themes) {
		for (i = 0; i < nthemes; i++)
			if (strcmp(themes[i], theme) == 0)
				break;
		if (i == nthemes) {
			char msg[EIM_MSG_MAX];
			notes_theme_error(theme, themes, nthemes, msg,
					  sizeof(msg));
			eim_error_set(err, EIM_USAGE, NULL, 0, 0, "%s", msg);
			goto out;
		}
	}
	wk = week && week->freq == PERIOD_WEEK ? *week
					       : notes_week_of_day(today);
	if (notes_window(&wk, "week", &first, &last)) {
		eim_error_set(err, EIM_USAGE, NULL, 0, 0, "not an ISO week");
		goto out;
	}
	day = today < first ? first : today > last ? last : today;
	notes_format_date(day, date, sizeof(date));
	notes_format_week(&wk, wtext, sizeof(wtext));
	slugify(source, slug, sizeof(slug));
	dlen = strlen(notes_dir) + strlen(wtext) + 2;
	dir = xmalloc(dlen);
	snprintf(dir, dlen, "%s/%s", notes_dir, wtext);
	if (atomic_mkdirs(dir, "notes folder", err))
		goto out;
	note_text(&sb, source, theme, themes, nthemes, place, date, wtext);
	if (strbuf_check(&sb, "the new note", err))
		goto out;
	for (n = 1; n <= NAME_TRIES; n++) {
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s-%d.yaml", dir, slug, n);
		if (strbuf_check(&path, "the note's path", err))
			goto out;
		fd = open(path.buf, O_WRONLY | O_CREAT | O_EXCL, 0644);
		if (fd >= 0 || errno != EEXIST)
			break;
	}
	if (fd < 0) {
		eim_error_set(err, EIM_CANTCREAT, path.buf, 0, 0,
			      "cannot create: %s",
			      n > NAME_TRIES ? "too many notes of this source"
					     : strerror(errno));
		goto out;
	}
	if (atomic_write_all(fd, sb.buf, sb.len) || close(fd)) {
		fd = -1;
		eim_error_set(err, EIM_CANTCREAT, path.buf, 0, 0,
			      "cannot write: %s", strerror(errno));
		unlink(path.buf);
		goto out;
	}
	fd = -1;
	*out_path = strbuf_detach(&path, NULL);
	ret = 0;
out:
	if (fd >= 0)
		close(fd);
	strbuf_release(&sb);
	strbuf_release(&path);
	free(dir);
	return ret;
}
