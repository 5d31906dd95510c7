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

/* Grow *arr (of *cap elements of elsize) so that it holds at least need. */
void xgrow(void **arr, size_t *cap, size_t need, size_t elsize);
#define XGROW(arr, cap, need) \
	xgrow((void **)&(arr), &(cap), (need), sizeof(*(arr)))

#endif
