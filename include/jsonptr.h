/* jsonptr.h - JSON Pointer (RFC 6901) over cJSON trees.
 *
 * "" is the whole document, "/a/0/b~1c" walks member "a", element 0,
 * member "b/c" ("~1" is '/', "~0" is '~'). Member names match exactly.
 * The result points into root (no ownership). */
#ifndef EIMON_JSONPTR_H
#define EIMON_JSONPTR_H

#include <cjson/cJSON.h>

/* The value at ptr, or NULL when it does not exist or ptr is invalid
 * (not empty and not starting with '/', a bad "~" escape, an array index
 * that is not a plain decimal number). */
const cJSON *jsonptr_get(const cJSON *root, const char *ptr);

#endif
