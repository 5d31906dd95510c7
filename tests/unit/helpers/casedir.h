/* casedir.h - helpers for data-driven tests: list the case files of a
 * folder and read expected files. */
#ifndef EIMON_TEST_CASEDIR_H
#define EIMON_TEST_CASEDIR_H

#include <stddef.h>

#include "error.h"

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

/* Load name (the working folder is its folder): 0 with *err set when it
 * was refused, -1 when it loaded. */
typedef int (*casedir_load_fn)(const char *name, struct eim_error *err);
/* The bad-input corpus of dir: every case NN-name.yaml (at least
 * min_cases) is refused by load with kind EIM_DATA and exactly the
 * message of NN-name.expected; each that is not is printed, then the
 * test fails. */
void casedir_run_refused(const char *dir, casedir_load_fn load,
			 size_t min_cases);

#endif
