/* summary.c - summary.json (see summary.h). */
#include "summary.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "xalloc.h"
#include "banned.h"

static int add_key(struct strbuf *sb, const char *key, const char *v,
		   int more)
{
	if (strbuf_addf(sb, "  \"%s\": ", key))
		return -1;
	if (v ? strbuf_add_json(sb, v) : strbuf_adds(sb, "null"))
		return -1;
	return strbuf_adds(sb, more ? ",\n" : "\n");
}

/* The texts of the first block of type `type` of the template exactly as
 * compose writes them: the block composed into a scratch document and
 * read back, the items of its bullets (as_list) or its paragraphs joined
 * by blank lines. Written as JSON key: [...] or key: "..." (null when
 * the template has no such block or it says nothing). */
static int block_text(const struct compose_input *in, int type,
		      const char *key, int as_list, struct strbuf *sb,
		      struct eim_error *err)
{
	const struct tpl_block *b = template_find_block(in->tpl, type);
	struct strbuf para = STRBUF_INIT;
	struct doc scratch;
	size_t i, j, n = 0;
	int ret = -1, f;

	doc_init(&scratch);
	if (b && compose_block(in, b, &scratch, err))
		goto out;
	f = strbuf_addf(sb, "  \"%s\": %s", key, as_list ? "[" : "");
	for (i = 0; i < scratch.nblocks && !f; i++) {
		const struct doc_block *bl = &scratch.blocks[i];

		if (as_list && bl->kind == DOC_BULLETS) {
			for (j = 0; j < bl->nitems && !f; j++) {
				char *t = doc_text_plain(&bl->items[j]);

				f = strbuf_adds(sb, n++ ? ",\n    "
							: "\n    ") ||
				    strbuf_add_json(sb, t);
				free(t);
			}
		} else if (!as_list && bl->kind == DOC_PARA) {
			char *t = doc_text_plain(&bl->text);

			f = (para.len && strbuf_adds(&para, "\n\n")) ||
			    strbuf_adds(&para, t);
			free(t);
		}
	}
	if (as_list)
		f = f || strbuf_adds(sb, n ? "\n  ]" : "]");
	else
		f = f || (para.len ? strbuf_add_json(sb, para.buf)
				   : strbuf_adds(sb, "null"));
	if (f) {
		eim_error_set(err, EIM_SOFTWARE, NULL, 0, 0,
			      "summary too large");
		goto out;
	}
	ret = 0;
out:
	strbuf_release(&para);
	doc_free(&scratch);
	return ret;
}

int summary_write(const struct compose_input *in, const struct doc *d,
		  struct strbuf *json, struct eim_error *err)
{
	char week[PERIOD_TEXT_MAX], published[16];

	period_format(&in->week, week, sizeof(week));
	snprintf(published, sizeof(published), "%04d-%02d-%02d", d->year,
		 d->month, d->day);
	if (strbuf_adds(json, "{\n") ||
	    add_key(json, "week", week, 1) ||
	    add_key(json, "title", d->title, 1) ||
	    add_key(json, "subtitle", d->subtitle, 1) ||
	    add_key(json, "publisher", d->publisher, 1) ||
	    add_key(json, "contact", in->cfg->contact, 1) ||
	    strbuf_addf(json, "  \"issue\": %d,\n", d->issue) ||
	    add_key(json, "published", published, 1) ||
	    add_key(json, "date_text", d->date_text, 1))
		return eim_error_set(err, EIM_SOFTWARE, NULL, 0, 0,
				     "summary too large");
	if (block_text(in, TPL_LEAD, "lead", 0, json, err) ||
	    strbuf_adds(json, ",\n") ||
	    block_text(in, TPL_KEY_ISSUES, "key_issues", 1, json, err) ||
	    strbuf_adds(json, ",\n") ||
	    block_text(in, TPL_HEADLINES, "headlines", 1, json, err) ||
	    strbuf_adds(json, "\n}\n"))
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
