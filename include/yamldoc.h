/* yamldoc.h - a YAML document as a tree of nodes that remember their
 * position, loaded with libyaml. The base of every YAML input of eimon
 * (monitor.yaml, report templates, notes, editions).
 *
 * Hostile input is bounded: the file size (YDOC_MAX_BYTES), the nesting
 * depth (YDOC_MAX_DEPTH) and the node count (YDOC_MAX_NODES) are capped,
 * anchors and aliases are refused (no billion laughs), duplicate keys in
 * a mapping, non-scalar keys, tabs used as indentation and invalid UTF-8
 * are errors. Every error carries file, line and column.
 *
 * Ownership: ydoc_load_* return a tree that the caller frees with
 * ydoc_free; every node, string and array in it belongs to the tree. */
#ifndef EIMON_YAMLDOC_H
#define EIMON_YAMLDOC_H

#include <stddef.h>

#include "error.h"

#define YDOC_MAX_BYTES ((size_t)4 << 20)
#define YDOC_MAX_DEPTH 32
#define YDOC_MAX_NODES 1000000

enum ydoc_type { YDOC_SCALAR, YDOC_SEQ, YDOC_MAP };

struct ydoc_node {
	enum ydoc_type type;
	int line, col;      /* 1-based position of the node's first char */
	/* YDOC_SCALAR */
	char *str;          /* NUL-terminated; may hold no NUL inside */
	size_t len;
	int plain;          /* 1 if unquoted (so `null`, `~`, `` are empty) */
	/* YDOC_SEQ: items[0..n); YDOC_MAP: keys[i] -> items[i], i < n */
	struct ydoc_node **items;
	struct ydoc_node **keys;
	size_t n;
};

struct ydoc {
	struct ydoc_node *root; /* NULL for an empty document */
	char *path;             /* the name errors use */
};

/* Load the file at path. An empty file gives root == NULL.
 * display (may be NULL) is the name used in messages instead of path. */
int ydoc_load_file(const char *path, const char *display, struct ydoc **out,
		   struct eim_error *err);
/* The same for dir/rel read by the file policy of fsafe.h (flags:
 * FSAFE_NOFOLLOW for notes and edition files). ydoc_load_file is this
 * with dir NULL and no flags: any path given is still read only when it
 * is a regular file. */
int ydoc_load_at(const char *dir, const char *rel, int flags,
		 const char *display, struct ydoc **out,
		 struct eim_error *err);
int ydoc_load_buffer(const char *buf, size_t len, const char *display,
		     struct ydoc **out, struct eim_error *err);
void ydoc_free(struct ydoc *doc);

/* The value of key in a mapping, or NULL. */
const struct ydoc_node *ydoc_get(const struct ydoc_node *map, const char *key);
/* 1 if a plain scalar meaning null (``, `~`, `null`). */
int ydoc_is_null(const struct ydoc_node *n);
const char *ydoc_type_name(enum ydoc_type t);

#endif
