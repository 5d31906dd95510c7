/* schema.h - YAML mappings bound to C structs by a declarative table.
 *
 * Each input (monitor.yaml, a template, a note, an edition) declares its
 * keys as a table of struct schema_field rows (key, type, offset in the
 * struct, default, nested schema, allowed values, validator), in the
 * manner of redis' static_configs[]. schema_bind checks types, required
 * keys and unknown keys ("did you mean"), applies defaults and fills the
 * struct. Errors name file, line and column of the offending node.
 *
 * Ownership: strings, string lists, dictionaries and nested lists that
 * schema_bind allocates belong to the bound struct; schema_release frees
 * them (and only them) given the same schema. SCHEMA_NODE fields point
 * into the ydoc tree and live as long as it does. */
#ifndef EIMON_SCHEMA_H
#define EIMON_SCHEMA_H

#include <stddef.h>

#include "error.h"
#include "yamldoc.h"

enum schema_type {
	SCHEMA_STRING,  /* char *; NULL when absent without default */
	SCHEMA_PATH,    /* char *, made relative to ctx->base_dir */
	SCHEMA_INT,     /* long */
	SCHEMA_NUMBER,  /* double (finite) */
	SCHEMA_BOOL,    /* int 0/1: true/false/yes/no */
	SCHEMA_ENUM,    /* int: index into values[] */
	SCHEMA_STRINGS, /* char ** at offset, size_t count at count_offset;
			   a single scalar is accepted as a one-item list */
	SCHEMA_DICT,    /* struct schema_kv * at offset, size_t count */
	SCHEMA_MAP,     /* nested struct of sub->size bytes at offset */
	SCHEMA_LIST,    /* array of sub structs at offset, size_t count */
	SCHEMA_NODE     /* const struct ydoc_node * (any shape) */
};

enum schema_flags {
	SCHEMA_REQUIRED = 1 << 0,
	SCHEMA_NONEMPTY = 1 << 1 /* strings and lists must not be empty */
};

struct schema_kv {
	char *key;
	char *value;
};

struct schema;

/* A validator: return 0 if fine, else set *why (static text). field points
 * at the bound value inside the struct. */
typedef int (*schema_check_fn)(const struct ydoc_node *n, const void *field,
			       const char **why);

struct schema_field {
	const char *key;
	enum schema_type type;
	size_t offset;
	size_t count_offset;         /* STRINGS, DICT, LIST */
	unsigned flags;
	const char *def;             /* default, as YAML scalar text */
	const struct schema *sub;    /* MAP, LIST */
	const char *const *values;   /* ENUM: NULL-terminated */
	schema_check_fn check;
	size_t max_len;              /* STRING: bytes (0: 10000) */
};

struct schema {
	const char *name; /* "monitor", "feed"... for messages */
	size_t size;      /* sizeof the bound struct */
	const struct schema_field *fields;
	size_t nfields;
};

struct schema_ctx {
	const char *file;           /* for messages */
	const char *base_dir;       /* for SCHEMA_PATH; NULL = as written */
	struct eim_error *err;      /* the first error */
	struct eim_warnings *all;   /* if not NULL, every error, formatted */
	unsigned nerrors;
};

/* Bind map (a YDOC_MAP, or NULL for "all defaults") into out, which must be
 * zeroed. Returns 0, or -1 after recording every error found. */
int schema_bind(struct schema_ctx *cx, const struct schema *s,
		const struct ydoc_node *map, void *out);
void schema_release(const struct schema *s, void *obj);

/* Report an error at node n through the context (used by validators run
 * after binding, so that all errors go one way). Returns -1. */
int schema_error(struct schema_ctx *cx, const struct ydoc_node *n,
		 const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The candidate closest to word by edit distance, if close enough. */
const char *schema_suggest(const char *word, const char *const *cands,
			   size_t n);

/* One row of a field table: SCHEMA_F(struct-tag, "key", type, member,
 * flags, default, sub, values, check, max_len); SCHEMA_FN adds the member
 * holding the count of a list or dictionary. */
#define SCHEMA_F(st, key, type, member, ...) \
	{ key, type, offsetof(struct st, member), 0, __VA_ARGS__ }
#define SCHEMA_FN(st, key, type, member, count, ...) \
	{ key, type, offsetof(struct st, member), \
	  offsetof(struct st, count), __VA_ARGS__ }

/* Define a validator `name` that accepts a field of the given number type
 * (long or double) from lo to hi and otherwise (NaN too) says why. */
#define SCHEMA_RANGE_CHECK(name, type, lo, hi, message) \
	static int name(const struct ydoc_node *n, const void *field, \
			const char **why) \
	{ \
		type v_ = *(const type *)field; \
		(void)n; \
		if (!(v_ >= (lo) && v_ <= (hi))) { \
			*why = (message); \
			return -1; \
		} \
		return 0; \
	}

/* Define a validator `name` that accepts a string field s for which the
 * expression ok (of s) is true and otherwise says why. */
#define SCHEMA_STRING_CHECK(name, ok, message) \
	static int name(const struct ydoc_node *n, const void *field, \
			const char **why) \
	{ \
		const char *s = *(char *const *)field; \
		(void)n; \
		if (!(ok)) { \
			*why = (message); \
			return -1; \
		} \
		return 0; \
	}

/* ASCII letters and digits, for schema_only_chars. */
#define SCHEMA_ALNUM "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" \
		     "0123456789"
/* 1 when every byte of s is one of allowed (also when s is empty). */
int schema_only_chars(const char *s, const char *allowed);

/* Validators shared by the schemas (schema_checks.c). */
int schema_check_period(const struct ydoc_node *n, const void *field,
			const char **why);

#define SCHEMA_OF(type, fields) \
	{ #type, sizeof(struct type), fields, sizeof(fields) / sizeof(fields[0]) }

#endif
