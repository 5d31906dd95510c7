/* xalloc.h - the allocator policy.
 *
 * Every allocation in eimon goes through these wrappers. Running out of
 * memory is not recoverable in a batch job: the wrappers write one line to
 * stderr and abort (like redis' zmalloc). They never return NULL, so callers
 * do not check. Memory from them is released with plain free().
 * Sizes are checked for overflow (xcalloc, xreallocarray). */
#ifndef EIMON_XALLOC_H
#define EIMON_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
void *xreallocarray(void *p, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* arr (of *cap elements of elsize) grown to hold at least need: the
 * array to use from now on. XGROW assigns it back to arr, so the array
 * keeps its type (no T ** read as void **); arr and cap are evaluated
 * more than once, so pass plain lvalues. */
void *xgrow(void *arr, size_t *cap, size_t need, size_t elsize);
#define XGROW(arr, cap, need) \
	((arr) = xgrow((arr), &(cap), (need), sizeof(*(arr))))

#endif
