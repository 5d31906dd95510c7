/* test_config_reference.c - docs/configuration.md documents exactly the
 * keys of the schemas (monitor.yaml, a template, a note, an edition file),
 * with the type, the default and the required flag the schema tables say,
 * and an example for each. The key list comes from walking the tables, so
 * a key added to a schema without a line in the reference (or the
 * reverse) fails here with the key's name.
 *
 * The reference's parseable form: a section per file kind, its heading
 * ending `<!-- schema: NAME -->`; under it one `### \`path\`` heading per
 * key (`feeds[].mapping.filter`: [] marks a list of mappings, . a nested
 * mapping), followed by the lines `- Type: ...`, `- Default: ...` and
 * `- Example: ...`. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "config.h"
#include "notes.h"
#include "schema.h"
#include "strbuf.h"
#include "template.h"
#include "xalloc.h"

#define MAX_ENTRIES 512

struct entry {
	char kind[32];   /* monitor, template, note, edition */
	char path[160];  /* feeds[].mapping.filter */
	const char *type, *def, *example; /* lines of the doc, or NULL */
	int line;
	int seen;        /* matched by a schema key */
};

static struct entry entries[MAX_ENTRIES];
static size_t nentries;
static char *doc;
static struct strbuf problems = STRBUF_INIT;
static unsigned nproblems;

static void problem(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
static void problem(const char *fmt, ...)
{
	va_list ap;

	strbuf_adds(&problems, "  ");
	va_start(ap, fmt);
	strbuf_vaddf(&problems, fmt, ap);
	va_end(ap);
	strbuf_addch(&problems, '\n');
	nproblems++;
}

static char *read_doc(void)
{
	const char *top = getenv("EIMON_TOP");
	char path[1024];
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof(path), "%s/docs/configuration.md",
		 top ? top : ".");
	f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = xmalloc((size_t)n + 1);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n)
		n = 0;
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Split the doc into lines (in place) and collect the key entries. */
static void parse_doc(char *s)
{
	char kind[32] = "";
	struct entry *cur = NULL;
	int line = 0;
	char *nl;

	for (; s && *s; s = nl ? nl + 1 : NULL) {
		const char *m;
		nl = strchr(s, '\n');
		if (nl)
			*nl = '\0';
		line++;
		if (strncmp(s, "## ", 3) == 0) {
			cur = NULL;
			kind[0] = '\0';
			m = strstr(s, "<!-- schema: ");
			if (m)
				sscanf(m + 13, "%31[a-z_]", kind);
		} else if (strncmp(s, "### `", 5) == 0) {
			size_t l;
			cur = NULL;
			if (!kind[0]) {
				problem("docs/configuration.md:%d: key heading "
					"outside a schema section: %s", line,
					s);
				continue;
			}
			l = strcspn(s + 5, "`");
			if (nentries == MAX_ENTRIES ||
			    l >= sizeof(entries[0].path)) {
				problem("docs/configuration.md:%d: too many or "
					"too long keys", line);
				continue;
			}
			cur = &entries[nentries++];
			memset(cur, 0, sizeof(*cur));
			snprintf(cur->kind, sizeof(cur->kind), "%s", kind);
			memcpy(cur->path, s + 5, l);
			cur->path[l] = '\0';
			cur->line = line;
		} else if (strncmp(s, "#", 1) == 0) {
			cur = NULL;
		} else if (cur && strncmp(s, "- Type: ", 8) == 0) {
			cur->type = s + 8;
		} else if (cur && strncmp(s, "- Default: ", 11) == 0) {
			cur->def = s + 11;
		} else if (cur && strncmp(s, "- Example: ", 11) == 0) {
			cur->example = s + 11;
		}
	}
}

static const char *type_word(enum schema_type t)
{
	switch (t) {
	case SCHEMA_STRING: return "text";
	case SCHEMA_PATH: return "path";
	case SCHEMA_INT: return "whole number";
	case SCHEMA_NUMBER: return "number";
	case SCHEMA_BOOL: return "true or false";
	case SCHEMA_ENUM: return "one of";
	case SCHEMA_STRINGS: return "list of text";
	case SCHEMA_DICT: return "mapping of text to text";
	case SCHEMA_MAP: return "mapping";
	case SCHEMA_LIST: return "list of mappings";
	case SCHEMA_NODE: return "any YAML";
	}
	return "?";
}

static struct entry *find_entry(const char *kind, const char *path)
{
	size_t i;

	for (i = 0; i < nentries; i++)
		if (strcmp(entries[i].kind, kind) == 0 &&
		    strcmp(entries[i].path, path) == 0)
			return &entries[i];
	return NULL;
}

/* The type line: the type word, then for an enum exactly its values in
 * backquotes, in the schema's order. */
static void check_type(const struct entry *e, const struct schema_field *f)
{
	const char *w = type_word(f->type), *p;
	size_t i, l;

	if (!e->type) {
		problem("docs/configuration.md:%d: %s key '%s' has no "
			"'- Type:' line", e->line, e->kind, e->path);
		return;
	}
	l = strlen(w);
	if (strncmp(e->type, w, l) != 0 ||
	    (e->type[l] && !strchr(" ,;.:", e->type[l]))) {
		problem("docs/configuration.md:%d: %s key '%s': type '%s' "
			"should start '%s'", e->line, e->kind, e->path,
			e->type, w);
		return;
	}
	if (f->type != SCHEMA_ENUM)
		return;
	p = e->type + l;
	for (i = 0; f->values[i]; i++) {
		p = strchr(p, '`');
		if (!p || strncmp(p + 1, f->values[i],
				  strlen(f->values[i])) != 0 ||
		    p[1 + strlen(f->values[i])] != '`') {
			problem("docs/configuration.md:%d: %s key '%s': the "
				"values should be listed as `%s`...",
				e->line, e->kind, e->path, f->values[0]);
			return;
		}
		p += strlen(f->values[i]) + 2;
	}
	if (strchr(p, '`'))
		problem("docs/configuration.md:%d: %s key '%s' lists more "
			"values than the schema allows", e->line, e->kind,
			e->path);
}

/* The default line: `value` for a schema default, "none (required)" for
 * a required key, "none" (and any words after) otherwise. */
static void check_default(const struct entry *e,
			  const struct schema_field *f)
{
	char want[256];

	if (!e->def) {
		problem("docs/configuration.md:%d: %s key '%s' has no "
			"'- Default:' line", e->line, e->kind, e->path);
		return;
	}
	if (f->def)
		snprintf(want, sizeof(want), "`%s`", f->def);
	else if (f->flags & SCHEMA_REQUIRED)
		snprintf(want, sizeof(want), "none (required)");
	else
		snprintf(want, sizeof(want), "none");
	if (strncmp(e->def, want, strlen(want)) != 0 ||
	    (!f->def && !(f->flags & SCHEMA_REQUIRED) &&
	     strncmp(e->def, "none (required)", 15) == 0))
		problem("docs/configuration.md:%d: %s key '%s': default "
			"'%s' should start '%s'", e->line, e->kind, e->path,
			e->def, want);
}

/* The example shows the key itself, as written in the file. */
static void check_example(const struct entry *e, const char *key)
{
	char want[128];

	snprintf(want, sizeof(want), "%s:", key);
	if (!e->example)
		problem("docs/configuration.md:%d: %s key '%s' has no "
			"'- Example:' line", e->line, e->kind, e->path);
	else if (!strstr(e->example, want))
		problem("docs/configuration.md:%d: %s key '%s': the example "
			"'%s' does not show '%s'", e->line, e->kind, e->path,
			e->example, want);
}

static void walk(const char *kind, const struct schema *s,
		 const char *prefix, int depth)
{
	size_t i;

	assert_true(depth < 8);
	for (i = 0; i < s->nfields; i++) {
		const struct schema_field *f = &s->fields[i];
		char path[160];
		struct entry *e;

		snprintf(path, sizeof(path), "%s%s", prefix, f->key);
		e = find_entry(kind, path);
		if (!e) {
			problem("docs/configuration.md lacks the %s key '%s' "
				"(add a '### `%s`' entry)", kind, path, path);
		} else {
			e->seen = 1;
			check_type(e, f);
			check_default(e, f);
			check_example(e, f->key);
		}
		if (f->type == SCHEMA_MAP || f->type == SCHEMA_LIST) {
			char sub[168];
			snprintf(sub, sizeof(sub), "%s%s", path,
				 f->type == SCHEMA_LIST ? "[]." : ".");
			walk(kind, f->sub, sub, depth + 1);
		}
	}
}

static void test_reference_matches_schemas(void **state)
{
	size_t i;

	(void)state;
	nentries = 0;
	nproblems = 0;
	strbuf_reset(&problems);
	doc = read_doc();
	assert_non_null(doc);
	parse_doc(doc);
	/* Every file kind is there. */
	walk("monitor", config_schema_root(), "", 0);
	walk("template", template_schema_root(), "", 0);
	walk("note", notes_schema_note(), "", 0);
	walk("edition", notes_schema_edition(), "", 0);
	for (i = 0; i < nentries; i++)
		if (!entries[i].seen)
			problem("docs/configuration.md:%d: documents the %s "
				"key '%s', which the schema does not have",
				entries[i].line, entries[i].kind,
				entries[i].path);
	if (nproblems)
		print_error("%u problem(s) in the configuration reference:\n%s",
			    nproblems, problems.buf);
	/* A sanity floor: the walk found the sections at all. */
	assert_true(nentries >= 60);
	assert_int_equal(nproblems, 0);
	free(doc);
	strbuf_release(&problems);
}

/* The checker itself: a schema key missing from a doc, a key the schema
 * lacks, a wrong type, default or enum list are each caught. */
static void test_checker_catches_mistakes(void **state)
{
	static const char *const vals[] = { "a", "b", NULL };
	static const struct schema_field fields[] = {
		{ .key = "x", .type = SCHEMA_INT, .def = "3" },
		{ .key = "y", .type = SCHEMA_ENUM, .values = vals,
		  .flags = SCHEMA_REQUIRED },
		{ .key = "z", .type = SCHEMA_STRING },
	};
	static const struct schema s = { "t", 0, fields, 3 };
	char text[] =
		"## T <!-- schema: t -->\n"
		"### `x`\n- Type: number\n- Default: `4`\n- Example: `x: 1`\n"
		"### `y`\n- Type: one of `a`, `c`\n- Default: none\n"
		"- Example: `y: a`\n"
		"### `w`\n- Type: text\n- Default: none\n- Example: `w: q`\n";

	(void)state;
	nentries = 0;
	nproblems = 0;
	strbuf_reset(&problems);
	parse_doc(text);
	assert_int_equal(nentries, 3);
	walk("t", &s, "", 0);
	/* x: type and default; y: values and default; z: missing. */
	assert_int_equal(nproblems, 5);
	assert_non_null(strstr(problems.buf, "type 'number' should start "
				"'whole number'"));
	assert_non_null(strstr(problems.buf, "default '`4`'"));
	assert_non_null(strstr(problems.buf, "'y': the values"));
	assert_non_null(strstr(problems.buf, "default 'none' should start "
				"'none (required)'"));
	assert_non_null(strstr(problems.buf, "lacks the t key 'z'"));
	assert_false(entries[2].seen); /* w: documented, not in the schema */
	strbuf_release(&problems);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_checker_catches_mistakes),
		cmocka_unit_test(test_reference_matches_schemas),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
