/* schema.c - bind YAML mappings to structs from declarative tables. */
#include "schema.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "xalloc.h"
#include "banned.h"

/* A SCHEMA_LIST field is a `struct T *` that only its schema knows: it
 * is read and written as bytes (all object pointers share one
 * representation here), never through a void ** lvalue, which would
 * alias a struct T * as void *. */
static void *list_get(const void *field)
{
	void *v;

	memcpy(&v, field, sizeof(v));
	return v;
}

static void list_set(void *field, void *v)
{
	memcpy(field, &v, sizeof(v));
}

#define DEFAULT_MAX_LEN 10000

int schema_error(struct schema_ctx *cx, const struct ydoc_node *n,
		 const char *fmt, ...)
{
	va_list ap;
	struct eim_error e;
	char buf[EIM_PATH_MAX + EIM_MSG_MAX + 32];

	eim_error_init(&e);
	va_start(ap, fmt);
	eim_error_vset(&e, EIM_DATA, cx->file, n ? n->line : 0,
		       n ? n->col : 0, fmt, ap);
	va_end(ap);
	if (cx->err && cx->err->kind == EIM_OK)
		*cx->err = e;
	if (cx->all) {
		eim_error_format(&e, buf, sizeof(buf));
		eim_warn(cx->all, "%s", buf);
	}
	cx->nerrors++;
	return -1;
}

static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t row[64], prev, tmp;

	if (lb >= 64 || la >= 64)
		return 99;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t best = prev + cost;
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			tmp = row[j];
			row[j] = best;
			prev = tmp;
		}
	}
	return row[lb];
}

const char *schema_suggest(const char *word, const char *const *cands,
			   size_t n)
{
	const char *best = NULL;
	size_t bestd = 99, d, i, lim = strlen(word) <= 4 ? 1 : 2;

	for (i = 0; i < n; i++) {
		d = edit_distance(word, cands[i]);
		if (d < bestd) {
			bestd = d;
			best = cands[i];
		}
	}
	return bestd <= lim ? best : NULL;
}

static void *at(void *obj, size_t off)
{
	return (char *)obj + off;
}

static int parse_bool(const char *s, int *out)
{
	static const char *const yes[] = { "true", "yes", "on", "True",
					   "Yes", "TRUE", NULL };
	static const char *const no[] = { "false", "no", "off", "False",
					  "No", "FALSE", NULL };
	int i;

	for (i = 0; yes[i]; i++)
		if (strcmp(s, yes[i]) == 0)
			return *out = 1, 0;
	for (i = 0; no[i]; i++)
		if (strcmp(s, no[i]) == 0)
			return *out = 0, 0;
	return -1;
}

static char *join_path(const char *dir, const char *p)
{
	size_t n;
	char *r;

	if (!dir || !*dir || p[0] == '/')
		return xstrdup(p);
	n = strlen(dir) + strlen(p) + 2;
	r = xmalloc(n);
	snprintf(r, n, "%s/%s", dir, p);
	return r;
}

/* Check a string for control characters other than newline and tab. */
static int has_control(const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F)
			return 1;
	}
	return 0;
}

static int bind_scalar(struct schema_ctx *cx, const struct schema_field *f,
		       const struct ydoc_node *n, const char *text, void *obj)
{
	void *p = at(obj, f->offset);
	char *end;
	size_t maxl = f->max_len ? f->max_len : DEFAULT_MAX_LEN;
	int i;

	switch (f->type) {
	case SCHEMA_STRING:
	case SCHEMA_PATH:
		if (strlen(text) > maxl)
			return schema_error(cx, n, "'%s' is too long (%zu "
					    "bytes, at most %zu)", f->key,
					    strlen(text), maxl);
		if (has_control(text))
			return schema_error(cx, n, "'%s' contains a control "
					    "character", f->key);
		if ((f->flags & SCHEMA_NONEMPTY) && !*text)
			return schema_error(cx, n, "'%s' must not be empty",
					    f->key);
		free(*(char **)p);
		*(char **)p = f->type == SCHEMA_PATH
				      ? join_path(cx->base_dir, text)
				      : xstrdup(text);
		return 0;
	case SCHEMA_INT: {
		long v;
		errno = 0;
		v = strtol(text, &end, 10);
		if (!*text || *end || errno)
			return schema_error(cx, n, "'%s' must be a whole "
					    "number, not '%s'", f->key, text);
		*(long *)p = v;
		return 0;
	}
	case SCHEMA_NUMBER: {
		double v;
		errno = 0;
		v = strtod(text, &end);
		if (!*text || *end || errno || !isfinite(v))
			return schema_error(cx, n, "'%s' must be a number, "
					    "not '%s'", f->key, text);
		*(double *)p = v;
		return 0;
	}
	case SCHEMA_BOOL:
		if (parse_bool(text, (int *)p))
			return schema_error(cx, n, "'%s' must be true or "
					    "false, not '%s'", f->key, text);
		return 0;
	case SCHEMA_ENUM:
		for (i = 0; f->values[i]; i++) {
			if (strcmp(text, f->values[i]) == 0) {
				*(int *)p = i;
				return 0;
			}
		}
		{
			struct strbuf sb = STRBUF_INIT;
			for (i = 0; f->values[i]; i++)
				strbuf_addf(&sb, "%s%s", i ? ", " : "",
					    f->values[i]);
			schema_error(cx, n, "'%s' must be one of %s, not '%s'",
				     f->key, sb.buf, text);
			strbuf_release(&sb);
			return -1;
		}
	default:
		return schema_error(cx, n, "'%s' must be %s", f->key,
				    f->type == SCHEMA_MAP ? "a mapping"
							  : "a list");
	}
}

static int bind_field(struct schema_ctx *cx, const struct schema_field *f,
		      const struct ydoc_node *n, void *obj)
{
	void *p = at(obj, f->offset);
	size_t *cnt = at(obj, f->count_offset);
	size_t i;
	int ret = 0;

	if (f->type == SCHEMA_NODE) {
		*(const struct ydoc_node **)p = n;
		return 0;
	}
	if (f->type == SCHEMA_MAP) {
		if (n->type != YDOC_MAP)
			return schema_error(cx, n, "'%s' must be a mapping, "
					    "not %s", f->key,
					    ydoc_type_name(n->type));
		return schema_bind(cx, f->sub, n, p);
	}
	if (f->type == SCHEMA_LIST) {
		char *arr;
		if (n->type != YDOC_SEQ)
			return schema_error(cx, n, "'%s' must be a list, not "
					    "%s", f->key,
					    ydoc_type_name(n->type));
		arr = xcalloc(n->n ? n->n : 1, f->sub->size);
		list_set(p, arr);
		*cnt = n->n;
		for (i = 0; i < n->n; i++) {
			if (n->items[i]->type != YDOC_MAP) {
				ret = schema_error(cx, n->items[i],
						   "each item of '%s' must be "
						   "a mapping, not %s", f->key,
						   ydoc_type_name(
							   n->items[i]->type));
				continue;
			}
			if (schema_bind(cx, f->sub, n->items[i],
					arr + i * f->sub->size))
				ret = -1;
		}
		if (!ret && (f->flags & SCHEMA_NONEMPTY) && !n->n)
			ret = schema_error(cx, n, "'%s' must not be empty",
					   f->key);
		return ret;
	}
	if (f->type == SCHEMA_STRINGS) {
		char **arr;
		const struct ydoc_node *const *items = &n;
		size_t nitems = 1;
		if (n->type == YDOC_SEQ) {
			items = (const struct ydoc_node *const *)n->items;
			nitems = n->n;
		} else if (n->type != YDOC_SCALAR || ydoc_is_null(n)) {
			return schema_error(cx, n, "'%s' must be a list, not "
					    "%s", f->key,
					    ydoc_type_name(n->type));
		}
		/* A single scalar is a one-item list. Items get the checks
		 * of a STRING (length, control characters), and a null item
		 * (`- `, `- ~`) is an error rather than the text "~". */
		arr = xcalloc(nitems ? nitems : 1, sizeof(*arr));
		*(char ***)p = arr;
		*cnt = 0;
		for (i = 0; i < nitems; i++) {
			const struct ydoc_node *it = items[i];
			size_t maxl = f->max_len ? f->max_len
						 : DEFAULT_MAX_LEN;
			if (it->type != YDOC_SCALAR) {
				ret = schema_error(cx, it, "each item of '%s' "
						   "must be text, not %s",
						   f->key,
						   ydoc_type_name(it->type));
				continue;
			}
			if (ydoc_is_null(it) || !*it->str) {
				ret = schema_error(cx, it, "'%s' must not hold "
						   "an empty item", f->key);
				continue;
			}
			if (it->len > maxl) {
				ret = schema_error(cx, it, "an item of '%s' is "
						   "too long (%zu bytes, at "
						   "most %zu)", f->key,
						   it->len, maxl);
				continue;
			}
			if (has_control(it->str)) {
				ret = schema_error(cx, it, "an item of '%s' "
						   "contains a control "
						   "character", f->key);
				continue;
			}
			arr[(*cnt)++] = xstrdup(it->str);
		}
		if (!ret && (f->flags & SCHEMA_NONEMPTY) && !nitems)
			ret = schema_error(cx, n, "'%s' must not be empty",
					   f->key);
		return ret;
	}
	if (f->type == SCHEMA_DICT) {
		struct schema_kv *kv;
		if (n->type != YDOC_MAP)
			return schema_error(cx, n, "'%s' must be a mapping, "
					    "not %s", f->key,
					    ydoc_type_name(n->type));
		kv = xcalloc(n->n ? n->n : 1, sizeof(*kv));
		*(struct schema_kv **)p = kv;
		*cnt = 0;
		for (i = 0; i < n->n; i++) {
			if (n->items[i]->type != YDOC_SCALAR) {
				ret = schema_error(cx, n->items[i],
						   "values of '%s' must be "
						   "text, not %s", f->key,
						   ydoc_type_name(
							   n->items[i]->type));
				continue;
			}
			/* keys and values get the checks of a STRING */
			if (n->keys[i]->len > DEFAULT_MAX_LEN ||
			    n->items[i]->len > DEFAULT_MAX_LEN) {
				ret = schema_error(cx, n->items[i], "an entry "
						   "of '%s' is too long (at "
						   "most %d bytes)", f->key,
						   DEFAULT_MAX_LEN);
				continue;
			}
			if (has_control(n->keys[i]->str) ||
			    has_control(n->items[i]->str)) {
				ret = schema_error(cx, n->items[i], "an entry "
						   "of '%s' contains a control "
						   "character", f->key);
				continue;
			}
			kv[*cnt].key = xstrdup(n->keys[i]->str);
			kv[*cnt].value = xstrdup(n->items[i]->str);
			(*cnt)++;
		}
		return ret;
	}
	if (n->type != YDOC_SCALAR)
		return schema_error(cx, n, "'%s' must be %s, not %s", f->key,
				    f->type == SCHEMA_BOOL ? "true or false"
				    : f->type == SCHEMA_INT ||
						    f->type == SCHEMA_NUMBER
					    ? "a number"
					    : "text",
				    ydoc_type_name(n->type));
	return bind_scalar(cx, f, n, n->str, obj);
}

/* A key with no near match: list the keys of this mapping (the names a
 * user writes, never the C struct's), as docs/configuration.md does. */
static void unknown_key(struct schema_ctx *cx, const struct ydoc_node *k,
			const struct schema *s)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < s->nfields; i++)
		strbuf_addf(&sb, "%s%s", i ? ", " : "", s->fields[i].key);
	schema_error(cx, k, "unknown key '%s' (allowed here: %s)", k->str,
		     sb.buf);
	strbuf_release(&sb);
}

int schema_bind(struct schema_ctx *cx, const struct schema *s,
		const struct ydoc_node *map, void *out)
{
	unsigned before = cx->nerrors;
	const char *names[128];
	size_t i, j, nn = 0;

	for (i = 0; i < s->nfields && nn < 128; i++)
		names[nn++] = s->fields[i].key;
	if (map && map->type != YDOC_MAP)
		return schema_error(cx, map, "%s must be a mapping, not %s",
				    s->name, ydoc_type_name(map->type));
	for (i = 0; map && i < map->n; i++) {
		const struct ydoc_node *k = map->keys[i];
		const char *hint;
		for (j = 0; j < s->nfields; j++)
			if (strcmp(k->str, s->fields[j].key) == 0)
				break;
		if (j == s->nfields) {
			hint = schema_suggest(k->str, names, nn);
			if (hint)
				schema_error(cx, k, "unknown key '%s' (did you "
					     "mean '%s'?)", k->str, hint);
			else
				unknown_key(cx, k, s);
		}
	}
	for (j = 0; j < s->nfields; j++) {
		const struct schema_field *f = &s->fields[j];
		const struct ydoc_node *v = ydoc_get(map, f->key);
		const struct ydoc_node *given = v;
		if (v && ydoc_is_null(v) && f->type != SCHEMA_NODE)
			v = NULL;
		if (!v && given && (f->flags & SCHEMA_REQUIRED)) {
			/* `headline:` left blank: point at it, rather than
			 * call a key that is there missing. */
			schema_error(cx, given, "'%s' must not be empty",
				     f->key);
		} else if (v) {
			if (bind_field(cx, f, v, out) == 0 && f->check) {
				const char *why = NULL;
				if (f->check(v, at(out, f->offset), &why))
					schema_error(cx, v, "'%s': %s", f->key,
						     why ? why : "invalid");
			}
		} else if (f->flags & SCHEMA_REQUIRED) {
			schema_error(cx, map, "missing required key '%s'",
				     f->key);
		} else if (f->def) {
			struct ydoc_node fake;
			memset(&fake, 0, sizeof(fake));
			fake.line = map ? map->line : 0;
			fake.col = map ? map->col : 0;
			bind_scalar(cx, f, &fake, f->def, out);
		} else if (f->type == SCHEMA_MAP) {
			schema_bind(cx, f->sub, NULL, at(out, f->offset));
		}
	}
	return cx->nerrors > before ? -1 : 0;
}

void schema_release(const struct schema *s, void *obj)
{
	size_t j, i, *cnt;
	void *p;

	if (!obj)
		return;
	for (j = 0; j < s->nfields; j++) {
		const struct schema_field *f = &s->fields[j];
		p = at(obj, f->offset);
		cnt = at(obj, f->count_offset);
		switch (f->type) {
		case SCHEMA_STRING:
		case SCHEMA_PATH:
			free(*(char **)p);
			*(char **)p = NULL;
			break;
		case SCHEMA_STRINGS:
			for (i = 0; *(char ***)p && i < *cnt; i++)
				free((*(char ***)p)[i]);
			free(*(char ***)p);
			*(char ***)p = NULL;
			*cnt = 0;
			break;
		case SCHEMA_DICT:
			for (i = 0; *(struct schema_kv **)p && i < *cnt; i++) {
				free((*(struct schema_kv **)p)[i].key);
				free((*(struct schema_kv **)p)[i].value);
			}
			free(*(struct schema_kv **)p);
			*(struct schema_kv **)p = NULL;
			*cnt = 0;
			break;
		case SCHEMA_MAP:
			schema_release(f->sub, p);
			break;
		case SCHEMA_LIST:
			for (i = 0; list_get(p) && i < *cnt; i++)
				schema_release(f->sub,
					       (char *)list_get(p) +
						       i * f->sub->size);
			free(list_get(p));
			list_set(p, NULL);
			*cnt = 0;
			break;
		default:
			break;
		}
	}
}
