/* manifest.c - the edition manifest: build, compare, write, read (see
 * manifest.h). */
#include "manifest.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "xalloc.h"
#include "fsafe.h"
#include "banned.h"

static const char *const kind_names[] = {
	"config", "template", "note", "edition", "feed"
};

static const char *const change_names[] = { "modified", "added", "removed" };

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void free_str(const char *s)
{
	free((char *)s);
}

void manifest_init(struct manifest *m)
{
	memset(m, 0, sizeof(*m));
}

static void release_input(struct manifest_input *in)
{
	free_str(in->id);
	free_str(in->path);
	free_str(in->url);
	free_str(in->fetched_at);
	free_str(in->latest_period);
}

void manifest_clear_outputs(struct manifest *m)
{
	size_t i;

	for (i = 0; i < m->n_outputs; i++)
		free_str(m->outputs[i].name);
	m->n_outputs = 0;
}

static void clear_changes(struct manifest *m)
{
	size_t i;

	for (i = 0; i < m->n_changes; i++)
		free_str(m->changes[i].name);
	m->n_changes = 0;
}

void manifest_release(struct manifest *m)
{
	size_t i;

	free_str(m->eimon_version);
	free_str(m->edition);
	free_str(m->status);
	for (i = 0; i < m->n_inputs; i++)
		release_input(&m->inputs[i]);
	free(m->inputs);
	clear_changes(m);
	free(m->changes);
	manifest_clear_outputs(m);
	free(m->outputs);
	for (i = 0; i < m->n_stages; i++)
		free_str(m->stages[i].name);
	free(m->stages);
	manifest_init(m);
}

void manifest_set(const char **slot, const char *s)
{
	char *copy = dup_or_null(s);

	free_str(*slot);
	*slot = copy;
}

void manifest_add_input(struct manifest *m, const struct manifest_input *in)
{
	struct manifest_input *d;

	XGROW(m->inputs, m->cap_inputs, m->n_inputs + 1);
	d = &m->inputs[m->n_inputs++];
	*d = *in;
	d->id = dup_or_null(in->id);
	d->path = dup_or_null(in->path);
	d->url = dup_or_null(in->url);
	d->fetched_at = dup_or_null(in->fetched_at);
	d->latest_period = dup_or_null(in->latest_period);
	d->sha256[SHA256_HEX_LEN - 1] = '\0';
}

void manifest_add_output(struct manifest *m, const char *name,
			 const char sha256[SHA256_HEX_LEN], size_t bytes)
{
	struct manifest_output *o;

	XGROW(m->outputs, m->cap_outputs, m->n_outputs + 1);
	o = &m->outputs[m->n_outputs++];
	o->name = xstrdup(name);
	memcpy(o->sha256, sha256, SHA256_HEX_LEN);
	o->sha256[SHA256_HEX_LEN - 1] = '\0';
	o->bytes = bytes;
}

void manifest_add_stage(struct manifest *m, const char *name, long ms)
{
	XGROW(m->stages, m->cap_stages, m->n_stages + 1);
	m->stages[m->n_stages].name = xstrdup(name);
	m->stages[m->n_stages].ms = ms;
	m->n_stages++;
}

void manifest_add_change(struct manifest *m, enum manifest_kind kind,
			 const char *name, enum manifest_change_type change)
{
	XGROW(m->changes, m->cap_changes, m->n_changes + 1);
	m->changes[m->n_changes].kind = kind;
	m->changes[m->n_changes].name = xstrdup(name);
	m->changes[m->n_changes].change = change;
	m->n_changes++;
}

const char *manifest_kind_name(enum manifest_kind k)
{
	if ((unsigned)k < sizeof(kind_names) / sizeof(kind_names[0]))
		return kind_names[k];
	return "unknown";
}

int manifest_kind_parse(const char *s, enum manifest_kind *out)
{
	size_t i;

	for (i = 0; i < sizeof(kind_names) / sizeof(kind_names[0]); i++)
		if (!strcmp(s, kind_names[i])) {
			*out = (enum manifest_kind)i;
			return 0;
		}
	return -1;
}

const char *manifest_change_name(enum manifest_change_type c)
{
	if ((unsigned)c < sizeof(change_names) / sizeof(change_names[0]))
		return change_names[c];
	return "unknown";
}

const char *manifest_input_name(const struct manifest_input *in)
{
	if (in->id)
		return in->id;
	if (in->path)
		return in->path;
	return in->url ? in->url : "";
}

static const struct manifest_input *find_input(const struct manifest *m,
					       enum manifest_kind kind,
					       const char *name)
{
	size_t i;

	for (i = 0; i < m->n_inputs; i++)
		if (m->inputs[i].kind == kind &&
		    !strcmp(manifest_input_name(&m->inputs[i]), name))
			return &m->inputs[i];
	return NULL;
}

size_t manifest_diff_inputs(const struct manifest *old, struct manifest *m)
{
	size_t i;

	clear_changes(m);
	for (i = 0; i < m->n_inputs; i++) {
		const struct manifest_input *in = &m->inputs[i];
		const char *name = manifest_input_name(in);
		const struct manifest_input *o = find_input(old, in->kind, name);

		if (!o)
			manifest_add_change(m, in->kind, name, MANIFEST_ADDED);
		else if (strcmp(o->sha256, in->sha256))
			manifest_add_change(m, in->kind, name,
					    MANIFEST_MODIFIED);
	}
	for (i = 0; i < old->n_inputs; i++) {
		const struct manifest_input *o = &old->inputs[i];
		const char *name = manifest_input_name(o);

		if (!find_input(m, o->kind, name))
			manifest_add_change(m, o->kind, name,
					    MANIFEST_REMOVED);
	}
	return m->n_changes;
}

const struct manifest_output *manifest_find_output(const struct manifest *m,
						   const char *name)
{
	size_t i;

	for (i = 0; i < m->n_outputs; i++)
		if (!strcmp(m->outputs[i].name, name))
			return &m->outputs[i];
	return NULL;
}

/* --- writer ------------------------------------------------------------ */

/* Sticky-error helpers: once r is -1 they do nothing (sqlite style). */
static void put(struct strbuf *sb, int *r, const char *s)
{
	if (!*r && strbuf_adds(sb, s))
		*r = -1;
}

static void put_str(struct strbuf *sb, int *r, const char *s)
{
	if (*r)
		return;
	if (s ? strbuf_add_json(sb, s) : strbuf_adds(sb, "null"))
		*r = -1;
}

static void put_key(struct strbuf *sb, int *r, const char *indent,
		    const char *key, int first)
{
	put(sb, r, first ? "" : ",\n");
	put(sb, r, indent);
	put_str(sb, r, key);
	put(sb, r, ": ");
}

static void put_num(struct strbuf *sb, int *r, long long v)
{
	if (!*r && strbuf_addf(sb, "%lld", v))
		*r = -1;
}

static void put_input(struct strbuf *sb, int *r,
		      const struct manifest_input *in)
{
	static const char ind[] = "      ";

	put(sb, r, "    {\n");
	put_key(sb, r, ind, "kind", 1);
	put_str(sb, r, manifest_kind_name(in->kind));
	put_key(sb, r, ind, "id", 0);
	put_str(sb, r, in->id);
	put_key(sb, r, ind, "path", 0);
	put_str(sb, r, in->path);
	put_key(sb, r, ind, "url", 0);
	put_str(sb, r, in->url);
	put_key(sb, r, ind, "sha256", 0);
	put_str(sb, r, in->sha256);
	put_key(sb, r, ind, "fetched_at", 0);
	put_str(sb, r, in->fetched_at);
	put_key(sb, r, ind, "latest_period", 0);
	put_str(sb, r, in->latest_period);
	put_key(sb, r, ind, "stale", 0);
	put(sb, r, in->stale ? "true" : "false");
	put_key(sb, r, ind, "provisional", 0);
	put(sb, r, in->provisional ? "true" : "false");
	put(sb, r, "\n    }");
}

int manifest_to_json(const struct manifest *m, struct strbuf *sb)
{
	static const char ind[] = "  ";
	int r = 0;
	size_t i;

	put(sb, &r, "{\n");
	put_key(sb, &r, ind, "eimon_version", 1);
	put_str(sb, &r, m->eimon_version);
	put_key(sb, &r, ind, "edition", 0);
	put_str(sb, &r, m->edition);
	put_key(sb, &r, ind, "issue", 0);
	if (m->issue > 0)
		put_num(sb, &r, m->issue);
	else
		put(sb, &r, "null");
	put_key(sb, &r, ind, "status", 0);
	put_str(sb, &r, m->status ? m->status : "ok");
	put_key(sb, &r, ind, "revision", 0);
	put_num(sb, &r, m->revision);

	put_key(sb, &r, ind, "inputs", 0);
	put(sb, &r, m->n_inputs ? "[\n" : "[");
	for (i = 0; i < m->n_inputs; i++) {
		put(sb, &r, i ? ",\n" : "");
		put_input(sb, &r, &m->inputs[i]);
	}
	put(sb, &r, m->n_inputs ? "\n  ]" : "]");

	put_key(sb, &r, ind, "changed_inputs", 0);
	put(sb, &r, m->n_changes ? "[\n" : "[");
	for (i = 0; i < m->n_changes; i++) {
		const struct manifest_change *c = &m->changes[i];

		put(sb, &r, i ? ",\n    { \"kind\": " : "    { \"kind\": ");
		put_str(sb, &r, manifest_kind_name(c->kind));
		put(sb, &r, ", \"name\": ");
		put_str(sb, &r, c->name);
		put(sb, &r, ", \"change\": ");
		put_str(sb, &r, manifest_change_name(c->change));
		put(sb, &r, " }");
	}
	put(sb, &r, m->n_changes ? "\n  ]" : "]");

	put_key(sb, &r, ind, "outputs", 0);
	put(sb, &r, m->n_outputs ? "[\n" : "[");
	for (i = 0; i < m->n_outputs; i++) {
		const struct manifest_output *o = &m->outputs[i];

		put(sb, &r, i ? ",\n    { \"name\": " : "    { \"name\": ");
		put_str(sb, &r, o->name);
		put(sb, &r, ", \"sha256\": ");
		put_str(sb, &r, o->sha256);
		put(sb, &r, ", \"bytes\": ");
		put_num(sb, &r, (long long)o->bytes);
		put(sb, &r, " }");
	}
	put(sb, &r, m->n_outputs ? "\n  ]" : "]");

	put_key(sb, &r, ind, "durations_ms", 0);
	put(sb, &r, m->n_stages ? "{\n" : "{");
	for (i = 0; i < m->n_stages; i++) {
		put_key(sb, &r, "    ", m->stages[i].name, i == 0);
		put_num(sb, &r, m->stages[i].ms);
	}
	put(sb, &r, m->n_stages ? "\n  }" : "}");
	put(sb, &r, "\n}\n");
	return r;
}

/* --- reader ------------------------------------------------------------ */

/* A string member or NULL; -1 (with err) when present but not a string. */
static int get_str(const cJSON *obj, const char *key, const char *file,
		   char **out, struct eim_error *err)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	*out = NULL;
	if (!v || cJSON_IsNull(v))
		return 0;
	if (!cJSON_IsString(v))
		return eim_error_set(err, EIM_DATA, file, 0, 0,
				     "'%s' is not a string", key);
	*out = xstrdup(v->valuestring);
	return 0;
}

static int get_num(const cJSON *obj, const char *key, const char *file,
		   double *out, struct eim_error *err)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	*out = 0;
	if (!v || cJSON_IsNull(v))
		return 0;
	if (!cJSON_IsNumber(v))
		return eim_error_set(err, EIM_DATA, file, 0, 0,
				     "'%s' is not a number", key);
	*out = v->valuedouble;
	return 0;
}

static int get_bool(const cJSON *obj, const char *key)
{
	return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(obj, key));
}

static const cJSON *get_array(const cJSON *obj, const char *key,
			      const char *file, struct eim_error *err,
			      int *bad)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	if (!v || cJSON_IsNull(v))
		return NULL;
	if (!cJSON_IsArray(v)) {
		*bad = 1;
		eim_error_set(err, EIM_DATA, file, 0, 0,
			      "'%s' is not an array", key);
		return NULL;
	}
	return v;
}

static int copy_sha(const cJSON *obj, const char *file,
		    char sha[SHA256_HEX_LEN], struct eim_error *err)
{
	char *s = NULL;

	sha[0] = '\0';
	if (get_str(obj, "sha256", file, &s, err))
		return -1;
	if (s)
		snprintf(sha, SHA256_HEX_LEN, "%s", s);
	free(s);
	return 0;
}

static int parse_inputs(const cJSON *arr, const char *file,
			struct manifest *m, struct eim_error *err)
{
	const cJSON *it;

	cJSON_ArrayForEach(it, arr) {
		struct manifest_input in;
		char *kind = NULL, *id = NULL, *path = NULL, *url = NULL;
		char *fetched = NULL, *latest = NULL;
		int r = 0;

		memset(&in, 0, sizeof(in));
		if (!cJSON_IsObject(it))
			return eim_error_set(err, EIM_DATA, file, 0, 0,
					     "an input is not an object");
		r |= get_str(it, "kind", file, &kind, err);
		r |= get_str(it, "id", file, &id, err);
		r |= get_str(it, "path", file, &path, err);
		r |= get_str(it, "url", file, &url, err);
		r |= get_str(it, "fetched_at", file, &fetched, err);
		r |= get_str(it, "latest_period", file, &latest, err);
		r |= copy_sha(it, file, in.sha256, err);
		if (!r && (!kind || manifest_kind_parse(kind, &in.kind)))
			r = eim_error_set(err, EIM_DATA, file, 0, 0,
					  "unknown input kind '%s'",
					  kind ? kind : "");
		if (!r) {
			in.id = id;
			in.path = path;
			in.url = url;
			in.fetched_at = fetched;
			in.latest_period = latest;
			in.stale = get_bool(it, "stale");
			in.provisional = get_bool(it, "provisional");
			manifest_add_input(m, &in);
		}
		free(kind);
		free(id);
		free(path);
		free(url);
		free(fetched);
		free(latest);
		if (r)
			return -1;
	}
	return 0;
}

static int parse_changes(const cJSON *arr, const char *file,
			 struct manifest *m, struct eim_error *err)
{
	const cJSON *it;

	cJSON_ArrayForEach(it, arr) {
		char *kind = NULL, *name = NULL, *change = NULL;
		enum manifest_kind k = MANIFEST_CONFIG;
		unsigned c;
		int r = 0;

		if (!cJSON_IsObject(it))
			return eim_error_set(err, EIM_DATA, file, 0, 0,
					     "a changed input is not an object");
		r |= get_str(it, "kind", file, &kind, err);
		r |= get_str(it, "name", file, &name, err);
		r |= get_str(it, "change", file, &change, err);
		if (!r && (!kind || manifest_kind_parse(kind, &k)))
			r = eim_error_set(err, EIM_DATA, file, 0, 0,
					  "unknown input kind '%s'",
					  kind ? kind : "");
		for (c = 0; !r && c < 3; c++)
			if (change && !strcmp(change, change_names[c]))
				break;
		if (!r && c == 3)
			r = eim_error_set(err, EIM_DATA, file, 0, 0,
					  "unknown change '%s'",
					  change ? change : "");
		if (!r)
			manifest_add_change(m, k, name ? name : "",
					    (enum manifest_change_type)c);
		free(kind);
		free(name);
		free(change);
		if (r)
			return -1;
	}
	return 0;
}

static int parse_outputs(const cJSON *arr, const char *file,
			 struct manifest *m, struct eim_error *err)
{
	const cJSON *it;

	cJSON_ArrayForEach(it, arr) {
		char *name = NULL;
		char sha[SHA256_HEX_LEN];
		double bytes = 0;
		int r = 0;

		if (!cJSON_IsObject(it))
			return eim_error_set(err, EIM_DATA, file, 0, 0,
					     "an output is not an object");
		r |= get_str(it, "name", file, &name, err);
		r |= copy_sha(it, file, sha, err);
		r |= get_num(it, "bytes", file, &bytes, err);
		if (!r && !name)
			r = eim_error_set(err, EIM_DATA, file, 0, 0,
					  "an output has no name");
		if (!r && bytes < 0)
			r = eim_error_set(err, EIM_DATA, file, 0, 0,
					  "output '%s' has negative bytes",
					  name);
		if (!r)
			manifest_add_output(m, name, sha, (size_t)bytes);
		free(name);
		if (r)
			return -1;
	}
	return 0;
}

static int parse_root(const cJSON *root, const char *file, struct manifest *m,
		      struct eim_error *err)
{
	const cJSON *arr, *dur, *it;
	char *s = NULL;
	double num;
	int bad = 0;

	if (!cJSON_IsObject(root))
		return eim_error_set(err, EIM_DATA, file, 0, 0,
				     "manifest is not a JSON object");
	if (get_str(root, "eimon_version", file, &s, err))
		return -1;
	m->eimon_version = s;
	if (get_str(root, "edition", file, &s, err))
		return -1;
	m->edition = s;
	if (get_str(root, "status", file, &s, err))
		return -1;
	m->status = s;
	if (get_num(root, "issue", file, &num, err))
		return -1;
	m->issue = (int)num;
	if (get_num(root, "revision", file, &num, err))
		return -1;
	m->revision = (int)num;
	arr = get_array(root, "inputs", file, err, &bad);
	if (bad || (arr && parse_inputs(arr, file, m, err)))
		return -1;
	arr = get_array(root, "changed_inputs", file, err, &bad);
	if (bad || (arr && parse_changes(arr, file, m, err)))
		return -1;
	arr = get_array(root, "outputs", file, err, &bad);
	if (bad || (arr && parse_outputs(arr, file, m, err)))
		return -1;
	dur = cJSON_GetObjectItemCaseSensitive(root, "durations_ms");
	if (cJSON_IsObject(dur))
		cJSON_ArrayForEach(it, dur)
			if (cJSON_IsNumber(it) && it->string)
				manifest_add_stage(m, it->string,
						   (long)it->valuedouble);
	return 0;
}

int manifest_parse(const char *text, size_t len, const char *file,
		   struct manifest *m, struct eim_error *err)
{
	cJSON *root;
	int ret;

	manifest_init(m);
	root = cJSON_ParseWithLength(text, len);
	if (!root)
		return eim_error_set(err, EIM_DATA, file, 0, 0,
				     "manifest is not valid JSON");
	ret = parse_root(root, file, m, err);
	cJSON_Delete(root);
	return ret;
}

int manifest_read_file(const char *path, struct manifest *m,
		       struct eim_error *err)
{
	char *text = NULL;
	size_t len = 0;
	int ret;

	manifest_init(m);
	/* the output folder may be shared: no symbolic link, no FIFO
	 * (fsafe.h); capped like any strbuf */
	if (fsafe_read(NULL, path, FSAFE_NOFOLLOW, STRBUF_DEFAULT_CAP, path,
		       &text, &len, err))
		return -1;
	ret = manifest_parse(text, len, path, m, err);
	free(text);
	return ret;
}
