/* casedir.h - helpers for data-driven tests: list the case files of a
 * folder and read expected files. */
#ifndef EIMON_TEST_CASEDIR_H
#define EIMON_TEST_CASEDIR_H

#include <stddef.h>

/* Sorted names in dir ending with suffix; caller frees with
 * casedir_free_list. */
char **casedir_list(const char *dir, const char *suffix, size_t *n);
void casedir_free_list(char **names, size_t n);
/* Whole file as a NUL-terminated string (caller frees), NULL if absent. */
char *casedir_read(const char *path, size_t *len);
/* Replace the suffix of name with another (caller frees). */
char *casedir_swap_suffix(const char *name, const char *from, const char *to);
/* Strip trailing newlines in place. */
void casedir_chomp(char *s);

#endif
