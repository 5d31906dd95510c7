/* summary.c - summary.json (see summary.h). */
#include "summary.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "xalloc.h"
#include "banned.h"

static const struct tpl_block *find_block(const struct template_def *t,
					  int type)
{
	size_t i, j;

	for (i = 0; i < t->nsections; i++)
		for (j = 0; j < t->sections[i].nblocks; j++)
			if (t->sections[i].blocks[j].type == type)
				return &t->sections[i].blocks[j];
	return NULL;
}

static int add_key(struct strbuf *sb, const char *key, const char *v,
		   int more)
{
	if (strbuf_addf(sb, "  \"%s\": ", key))
		return -1;
	if (v ? strbuf_add_json(sb, v) : strbuf_adds(sb, "null"))
		return -1;
	return strbuf_adds(sb, more ? ",\n" : "\n");
}

/* The headline sentences exactly as compose writes them: composed into a
 * scratch document and read back from its bullets. */
static int headlines(const struct compose_input *in, const struct tpl_block *b,
		     struct strbuf *sb, struct eim_error *err)
{
	struct doc scratch;
	size_t i, j, n = 0;
	int ret = -1;

	doc_init(&scratch);
	if (b && compose_headlines(in, b, &scratch, err))
		goto out;
	if (strbuf_adds(sb, "  \"headlines\": ["))
		goto cap;
	for (i = 0; i < scratch.nblocks; i++) {
		const struct doc_block *bl = &scratch.blocks[i];

		if (bl->kind != DOC_BULLETS)
			continue;
		for (j = 0; j < bl->nitems; j++) {
			char *t = doc_text_plain(&bl->items[j]);
			int f = strbuf_adds(sb, n++ ? ",\n    " : "\n    ") ||
				strbuf_add_json(sb, t);

			free(t);
			if (f)
				goto cap;
		}
	}
	if (strbuf_adds(sb, n ? "\n  ]\n" : "]\n"))
		goto cap;
	ret = 0;
	goto out;
cap:
	eim_error_set(err, EIM_SOFTWARE, NULL, 0, 0, "summary too large");
out:
	doc_free(&scratch);
	return ret;
}

int summary_write(const struct compose_input *in, const struct doc *d,
		  struct strbuf *json, struct eim_error *err)
{
	const struct edition *ed = in->ed;
	const struct config *c = in->cfg;
	char week[PERIOD_TEXT_MAX], published[16];
	int lead = find_block(in->tpl, TPL_LEAD) != NULL;
	int keys = find_block(in->tpl, TPL_KEY_ISSUES) != NULL;
	size_t i;
	int f;

	period_format(&in->week, week, sizeof(week));
	snprintf(published, sizeof(published), "%04d-%02d-%02d", d->year,
		 d->month, d->day);
	f = strbuf_adds(json, "{\n") ||
	    add_key(json, "week", week, 1) ||
	    add_key(json, "title", d->title, 1) ||
	    add_key(json, "subtitle", d->subtitle, 1) ||
	    add_key(json, "publisher", d->publisher, 1) ||
	    add_key(json, "contact", c->contact, 1) ||
	    strbuf_addf(json, "  \"issue\": %d,\n", d->issue) ||
	    add_key(json, "published", published, 1) ||
	    add_key(json, "date_text", d->date_text, 1) ||
	    add_key(json, "lead", lead && ed ? ed->lead : NULL, 1) ||
	    strbuf_adds(json, "  \"key_issues\": [");
	for (i = 0; !f && keys && ed && i < ed->nkey_issues; i++)
		f = strbuf_adds(json, i ? ",\n    " : "\n    ") ||
		    strbuf_add_json(json, ed->key_issues[i]);
	f = f || strbuf_adds(json, keys && ed && ed->nkey_issues ? "\n  ],\n"
								  : "],\n");
	if (f)
		return eim_error_set(err, EIM_SOFTWARE, NULL, 0, 0,
				     "summary too large");
	if (headlines(in, find_block(in->tpl, TPL_HEADLINES), json, err))
		return -1;
	if (strbuf_adds(json, "}\n"))
		return eim_error_set(err, EIM_SOFTWARE, NULL, 0, 0,
				     "summary too large");
	return 0;
}

/* ---- reading ------------------------------------------------------------ */

static int get_string(const cJSON *o, const char *key, int required,
		      char **out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!v || cJSON_IsNull(v))
		return required ? -1 : 0;
	if (!cJSON_IsString(v))
		return -1;
	*out = xstrdup(v->valuestring);
	return 0;
}

static int get_strings(const cJSON *o, const char *key, char ***out,
		       size_t *n)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key), *it;
	size_t k = 0;

	if (!v || cJSON_IsNull(v))
		return 0;
	if (!cJSON_IsArray(v))
		return -1;
	*out = xcalloc((size_t)cJSON_GetArraySize(v) + 1, sizeof(char *));
	cJSON_ArrayForEach(it, v) {
		if (!cJSON_IsString(it))
			return -1;
		(*out)[k++] = xstrdup(it->valuestring);
		*n = k;
	}
	return 0;
}

int summary_parse(const char *text, size_t len, const char *file,
		  struct edition_summary *s, struct eim_error *err)
{
	cJSON *root = cJSON_ParseWithLength(text, len);
	const cJSON *issue;
	int ret = -1;

	memset(s, 0, sizeof(*s));
	if (!root || !cJSON_IsObject(root)) {
		eim_error_set(err, EIM_DATA, file, 0, 0, "not a JSON object");
		goto out;
	}
	issue = cJSON_GetObjectItemCaseSensitive(root, "issue");
	if (get_string(root, "week", 1, &s->week) ||
	    get_string(root, "title", 1, &s->title) ||
	    get_string(root, "subtitle", 0, &s->subtitle) ||
	    get_string(root, "publisher", 0, &s->publisher) ||
	    get_string(root, "contact", 0, &s->contact) ||
	    get_string(root, "published", 1, &s->published) ||
	    get_string(root, "date_text", 1, &s->date_text) ||
	    get_string(root, "lead", 0, &s->lead) ||
	    get_strings(root, "key_issues", &s->key_issues,
			&s->nkey_issues) ||
	    get_strings(root, "headlines", &s->headlines, &s->nheadlines) ||
	    !cJSON_IsNumber(issue)) {
		eim_error_set(err, EIM_DATA, file, 0, 0, "not an edition "
			      "summary (a key is missing or of the wrong "
			      "type)");
		goto out;
	}
	s->issue = (long)issue->valuedouble;
	ret = 0;
out:
	cJSON_Delete(root);
	return ret;
}

static void free_list(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void summary_release(struct edition_summary *s)
{
	free(s->week);
	free(s->title);
	free(s->subtitle);
	free(s->publisher);
	free(s->contact);
	free(s->published);
	free(s->date_text);
	free(s->lead);
	free_list(s->key_issues, s->nkey_issues);
	free_list(s->headlines, s->nheadlines);
	memset(s, 0, sizeof(*s));
}
