/* yamldoc.c - YAML to a positioned node tree, with hostile-input limits. */
#include "yamldoc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "xalloc.h"
#include "fsafe.h"
#include "banned.h"

struct loader {
	yaml_parser_t parser;
	const char *file;
	const unsigned char *buf;
	size_t len;
	size_t nodes;
	struct eim_error *err;
};

const char *ydoc_type_name(enum ydoc_type t)
{
	switch (t) {
	case YDOC_SCALAR: return "a scalar";
	case YDOC_SEQ: return "a list";
	case YDOC_MAP: return "a mapping";
	}
	return "?";
}

/* Bytes of a UTF-8 byte order mark at the start of buf: libyaml skips it
 * without counting a column, so positions must too. */
static size_t bom_len(const unsigned char *buf, size_t len)
{
	return len >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF
		       ? 3 : 0;
}

/* Line and column (1-based, in characters) of a byte offset. */
static void offset_pos(const unsigned char *buf, size_t len, size_t off,
		       int *line, int *col)
{
	size_t i;
	int l = 1, c = 1;

	for (i = bom_len(buf, len); i < off && i < len; i++) {
		if (buf[i] == '\n') {
			l++;
			c = 1;
		} else if ((buf[i] & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

/* Byte offset of a 1-based line and column (in characters), or len.
 * libyaml's mark.index counts characters, not bytes, so it cannot index
 * the buffer once a multi-byte character has gone before. */
static size_t pos_offset(const unsigned char *buf, size_t len, int line,
			 int col)
{
	size_t i = bom_len(buf, len);
	int l = 1, c = 1;

	while (i < len && l < line)
		if (buf[i++] == '\n')
			l++;
	while (i < len && c < col && buf[i] != '\n') {
		i++;
		while (i < len && (buf[i] & 0xC0) == 0x80)
			i++;
		c++;
	}
	return i;
}

/* Length of the valid UTF-8 sequence at p, or 0 (overlongs, surrogates
 * and code points past U+10FFFF are invalid). */
static size_t utf8_seq(const unsigned char *p, size_t n)
{
	unsigned c = p[0];
	size_t k, i;
	unsigned cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) {
		k = 2;
		cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		k = 3;
		cp = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		k = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (n < k)
		return 0;
	for (i = 1; i < k; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	if ((k == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
	    (k == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
		return 0;
	return k;
}

static int check_utf8(struct loader *ld)
{
	size_t i = 0, k;
	int line, col;

	while (i < ld->len) {
		k = utf8_seq(ld->buf + i, ld->len - i);
		if (!k) {
			offset_pos(ld->buf, ld->len, i, &line, &col);
			return eim_error_set(ld->err, EIM_DATA, ld->file, line,
					     col, "invalid UTF-8 (byte 0x%02X)",
					     ld->buf[i]);
		}
		i += k;
	}
	return 0;
}

static int parser_error(struct loader *ld)
{
	yaml_parser_t *p = &ld->parser;
	int line = (int)p->problem_mark.line + 1;
	int col = (int)p->problem_mark.column + 1;
	size_t off = pos_offset(ld->buf, ld->len, line, col);
	const char *what = p->problem ? p->problem : "syntax error";

	if (p->error == YAML_READER_ERROR) {
		offset_pos(ld->buf, ld->len, p->problem_offset, &line, &col);
		return eim_error_set(ld->err, EIM_DATA, ld->file, line, col,
				     "%s", what);
	}
	if (off < ld->len && ld->buf[off] == '\t')
		return eim_error_set(ld->err, EIM_DATA, ld->file, line, col,
				     "tab character used for indentation "
				     "(indent with spaces)");
	/* "found unexpected end of stream while scanning a quoted scalar"
	 * points at the end of the file: say where the scalar began, which
	 * is where the editor has to look */
	if (p->context && p->context_mark.line != p->problem_mark.line)
		return eim_error_set(ld->err, EIM_DATA, ld->file, line, col,
				     "YAML syntax error: %s %s that began at "
				     "line %d, column %d", what, p->context,
				     (int)p->context_mark.line + 1,
				     (int)p->context_mark.column + 1);
	return eim_error_set(ld->err, EIM_DATA, ld->file, line, col,
			     "YAML syntax error: %s%s%s", what,
			     p->context ? " " : "",
			     p->context ? p->context : "");
}

static void node_free(struct ydoc_node *n)
{
	size_t i;

	if (!n)
		return;
	for (i = 0; i < n->n; i++) {
		node_free(n->items[i]);
		if (n->keys)
			node_free(n->keys[i]);
	}
	free(n->items);
	free(n->keys);
	free(n->str);
	free(n);
}

static struct ydoc_node *node_new(struct loader *ld, enum ydoc_type t,
				  const yaml_event_t *ev)
{
	struct ydoc_node *n;

	if (++ld->nodes > YDOC_MAX_NODES) {
		eim_error_set(ld->err, EIM_DATA, ld->file,
			      (int)ev->start_mark.line + 1,
			      (int)ev->start_mark.column + 1,
			      "too many YAML nodes (limit %d)", YDOC_MAX_NODES);
		return NULL;
	}
	n = xcalloc(1, sizeof(*n));
	n->type = t;
	n->line = (int)ev->start_mark.line + 1;
	n->col = (int)ev->start_mark.column + 1;
	return n;
}

static int next_event(struct loader *ld, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&ld->parser, ev))
		return parser_error(ld);
	return 0;
}

static int refuse_anchor(struct loader *ld, const yaml_event_t *ev,
			 const yaml_char_t *anchor)
{
	if (!anchor && ev->type != YAML_ALIAS_EVENT)
		return 0;
	return eim_error_set(ld->err, EIM_DATA, ld->file,
			     (int)ev->start_mark.line + 1,
			     (int)ev->start_mark.column + 1,
			     "YAML anchors and aliases are not allowed");
}

static int parse_node(struct loader *ld, yaml_event_t *ev, int depth,
		      struct ydoc_node **out);

/* The keys of one mapping, for the duplicate check: an open-addressing
 * hash set of indices into n->keys (slot = index + 1, 0 = empty). A scan
 * of the earlier keys would make a hostile 4 MiB mapping of 500,000 keys
 * take hours. */
struct keyset {
	size_t *slots;
	size_t cap; /* a power of two, or 0 */
};

static size_t key_hash(const char *s)
{
	size_t h = 14695981039346656037ULL & (size_t)-1;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * (size_t)1099511628211ULL;
	return h;
}

static void keyset_put(struct keyset *ks, struct ydoc_node *const *keys,
		       size_t idx)
{
	/* keys[0..n] are set before they are hashed */
	/* NOLINTNEXTLINE(clang-analyzer-core.NullDereference) */
	size_t i = key_hash(keys[idx]->str) & (ks->cap - 1);

	while (ks->slots[i])
		i = (i + 1) & (ks->cap - 1);
	ks->slots[i] = idx + 1;
}

/* 1 if key is among keys[0..n); else add keys[n] (which is key). */
static int keyset_dup(struct keyset *ks, struct ydoc_node *const *keys,
		      size_t n, const char *key)
{
	size_t i, j;

	if ((n + 1) * 2 > ks->cap) {
		free(ks->slots);
		ks->cap = ks->cap ? ks->cap * 2 : 16;
		ks->slots = xcalloc(ks->cap, sizeof(*ks->slots));
		for (j = 0; j < n; j++)
			keyset_put(ks, keys, j);
	}
	/* slots is allocated whenever cap > 0, and cap >= 2 here */
	/* NOLINTNEXTLINE(clang-analyzer-core.NullDereference) */
	for (i = key_hash(key) & (ks->cap - 1); ks->slots[i];
	     i = (i + 1) & (ks->cap - 1))
		if (strcmp(keys[ks->slots[i] - 1]->str, key) == 0)
			return 1;
	return 0;
}

/* Parse the children of a collection whose start event was ev, until its
 * end event. */
static int parse_children(struct loader *ld, struct ydoc_node *n, int depth)
{
	yaml_event_t ev;
	size_t cap = 0, kcap = 0;
	struct ydoc_node *child = NULL, *key = NULL;
	struct keyset ks = { NULL, 0 };
	int r, ret = -1;

	for (;;) {
		if (next_event(ld, &ev))
			goto out;
		if (ev.type == YAML_SEQUENCE_END_EVENT ||
		    ev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (n->type == YDOC_MAP) {
			r = parse_node(ld, &ev, depth + 1, &key);
			yaml_event_delete(&ev);
			if (r)
				goto out;
			/* parse_node sets key whenever it returns 0 */
			/* NOLINTNEXTLINE(clang-analyzer-core.NullDereference) */
			if (key->type != YDOC_SCALAR) {
				eim_error_set(ld->err, EIM_DATA, ld->file,
					      key->line, key->col,
					      "mapping keys must be plain "
					      "text");
				goto out;
			}
			if (keyset_dup(&ks, n->keys, n->n, key->str)) {
				eim_error_set(ld->err, EIM_DATA, ld->file,
					      key->line, key->col,
					      "duplicate key '%s'", key->str);
				goto out;
			}
			if (next_event(ld, &ev))
				goto out;
		}
		r = parse_node(ld, &ev, depth + 1, &child);
		yaml_event_delete(&ev);
		if (r)
			goto out;
		XGROW(n->items, cap, n->n + 1);
		n->items[n->n] = child;
		if (n->type == YDOC_MAP) {
			XGROW(n->keys, kcap, n->n + 1);
			n->keys[n->n] = key;
			key = NULL;
			keyset_put(&ks, n->keys, n->n);
		}
		n->n++;
	}
	ret = 0;
out:
	node_free(key);
	free(ks.slots);
	return ret;
}

static int parse_node(struct loader *ld, yaml_event_t *ev, int depth,
		      struct ydoc_node **out)
{
	struct ydoc_node *n = NULL;

	*out = NULL;
	if (depth > YDOC_MAX_DEPTH)
		return eim_error_set(ld->err, EIM_DATA, ld->file,
				     (int)ev->start_mark.line + 1,
				     (int)ev->start_mark.column + 1,
				     "YAML nested too deeply (limit %d)",
				     YDOC_MAX_DEPTH);
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		return refuse_anchor(ld, ev, NULL);
	case YAML_SCALAR_EVENT:
		if (refuse_anchor(ld, ev, ev->data.scalar.anchor))
			return -1;
		n = node_new(ld, YDOC_SCALAR, ev);
		if (!n)
			return -1;
		n->str = xstrndup((const char *)ev->data.scalar.value,
				  ev->data.scalar.length);
		n->len = ev->data.scalar.length;
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		if (strlen(n->str) != n->len) {
			int l = n->line, c = n->col;
			node_free(n);
			return eim_error_set(ld->err, EIM_DATA, ld->file, l, c,
					     "NUL character in text");
		}
		break;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (refuse_anchor(ld, ev, ev->type == YAML_SEQUENCE_START_EVENT
					      ? ev->data.sequence_start.anchor
					      : ev->data.mapping_start.anchor))
			return -1;
		n = node_new(ld, ev->type == YAML_SEQUENCE_START_EVENT
					 ? YDOC_SEQ : YDOC_MAP, ev);
		if (!n)
			return -1;
		if (parse_children(ld, n, depth)) {
			node_free(n);
			return -1;
		}
		break;
	default:
		return eim_error_set(ld->err, EIM_SOFTWARE, ld->file,
				     (int)ev->start_mark.line + 1,
				     (int)ev->start_mark.column + 1,
				     "unexpected YAML event %d", (int)ev->type);
	}
	*out = n;
	return 0;
}

int ydoc_load_buffer(const char *buf, size_t len, const char *display,
		     struct ydoc **out, struct eim_error *err)
{
	struct loader ld;
	yaml_event_t ev;
	struct ydoc *doc = NULL;
	int ret = -1, started = 0, docs = 0;

	*out = NULL;
	memset(&ld, 0, sizeof(ld));
	ld.file = display ? display : "<input>";
	ld.buf = (const unsigned char *)buf;
	ld.len = len;
	ld.err = err;
	if (len > YDOC_MAX_BYTES) {
		eim_error_set(err, EIM_DATA, ld.file, 0, 0,
			      "file too large (%zu bytes, limit %zu)", len,
			      YDOC_MAX_BYTES);
		goto out;
	}
	if (check_utf8(&ld))
		goto out;
	if (!yaml_parser_initialize(&ld.parser)) {
		eim_error_set(err, EIM_SOFTWARE, ld.file, 0, 0,
			      "cannot initialise the YAML parser");
		goto out;
	}
	started = 1;
	yaml_parser_set_input_string(&ld.parser, ld.buf, len);
	doc = xcalloc(1, sizeof(*doc));
	doc->path = xstrdup(ld.file);
	for (;;) {
		if (next_event(&ld, &ev))
			goto out;
		if (ev.type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (ev.type == YAML_DOCUMENT_START_EVENT) {
			if (++docs > 1) {
				eim_error_set(err, EIM_DATA, ld.file,
					      (int)ev.start_mark.line + 1,
					      (int)ev.start_mark.column + 1,
					      "only one YAML document per "
					      "file is allowed");
				yaml_event_delete(&ev);
				goto out;
			}
		} else if (ev.type != YAML_STREAM_START_EVENT &&
			   ev.type != YAML_DOCUMENT_END_EVENT) {
			int r = parse_node(&ld, &ev, 0, &doc->root);
			if (r) {
				yaml_event_delete(&ev);
				goto out;
			}
		}
		yaml_event_delete(&ev);
	}
	*out = doc;
	doc = NULL;
	ret = 0;
out:
	if (started)
		yaml_parser_delete(&ld.parser);
	ydoc_free(doc);
	return ret;
}

int ydoc_load_at(const char *dir, const char *rel, int flags,
		 const char *display, struct ydoc **out,
		 struct eim_error *err)
{
	char *buf = NULL;
	size_t len = 0;
	int ret;

	*out = NULL;
	if (fsafe_read(dir, rel, flags, YDOC_MAX_BYTES,
		       display ? display : rel, &buf, &len, err))
		return -1;
	ret = ydoc_load_buffer(buf, len, display ? display : rel, out, err);
	free(buf);
	return ret;
}

int ydoc_load_file(const char *path, const char *display, struct ydoc **out,
		   struct eim_error *err)
{
	return ydoc_load_at(NULL, path, 0, display, out, err);
}

void ydoc_free(struct ydoc *doc)
{
	if (!doc)
		return;
	node_free(doc->root);
	free(doc->path);
	free(doc);
}

const struct ydoc_node *ydoc_get(const struct ydoc_node *map, const char *key)
{
	size_t i;

	if (!map || map->type != YDOC_MAP)
		return NULL;
	for (i = 0; i < map->n; i++)
		if (strcmp(map->keys[i]->str, key) == 0)
			return map->items[i];
	return NULL;
}

int ydoc_is_null(const struct ydoc_node *n)
{
	return n && n->type == YDOC_SCALAR && n->plain &&
	       (n->len == 0 || strcmp(n->str, "~") == 0 ||
		strcmp(n->str, "null") == 0 || strcmp(n->str, "Null") == 0 ||
		strcmp(n->str, "NULL") == 0);
}
