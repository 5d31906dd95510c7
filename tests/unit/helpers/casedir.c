/* casedir.c - see casedir.h. */
#include "casedir.h"

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **casedir_list(const char *dir, const char *suffix, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **v = NULL;
	size_t cap = 0, sl = strlen(suffix);

	*n = 0;
	if (!d)
		return NULL;
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);
		if (l <= sl || strcmp(e->d_name + l - sl, suffix) != 0)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			v = realloc(v, cap * sizeof(*v));
		}
		v[(*n)++] = strdup(e->d_name);
	}
	closedir(d);
	if (*n)
		qsort(v, *n, sizeof(*v), cmp);
	return v;
}

void casedir_free_list(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

char *casedir_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long sz;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	sz = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)sz + 1);
	if (fread(buf, 1, (size_t)sz, f) != (size_t)sz) {
		free(buf);
		fclose(f);
		return NULL;
	}
	buf[sz] = '\0';
	fclose(f);
	if (len)
		*len = (size_t)sz;
	return buf;
}

char *casedir_swap_suffix(const char *name, const char *from, const char *to)
{
	size_t l = strlen(name), fl = strlen(from);
	size_t n = l - fl + strlen(to) + 1;
	char *r = malloc(n);

	snprintf(r, n, "%.*s%s", (int)(l - fl), name, to);
	return r;
}

void casedir_chomp(char *s)
{
	size_t l = strlen(s);

	while (l && (s[l - 1] == '\n' || s[l - 1] == '\r'))
		s[--l] = '\0';
}

void casedir_run_refused(const char *dir, casedir_load_fn load,
			 size_t min_cases)
{
	size_t n, i;
	char **names;
	char cwd[4096];
	int failures = 0;

	assert_non_null(getcwd(cwd, sizeof(cwd)));
	names = casedir_list(dir, ".yaml", &n);
	assert_true(n >= min_cases);
	assert_int_equal(chdir(dir), 0);
	for (i = 0; i < n; i++) {
		struct eim_error err;
		char got[2048];
		char *exp_name = casedir_swap_suffix(names[i], ".yaml",
						     ".expected");
		char *want = casedir_read(exp_name, NULL);

		eim_error_init(&err);
		assert_non_null(want);
		casedir_chomp(want);
		if (load(names[i], &err)) {
			print_error("%s: loaded, wanted: %s\n", names[i], want);
			failures++;
		} else {
			eim_error_format(&err, got, sizeof(got));
			if (strcmp(got, want) != 0 || err.kind != EIM_DATA) {
				print_error("%s:\n  got:  %s (kind %d)\n"
					    "  want: %s\n", names[i], got,
					    (int)err.kind, want);
				failures++;
			}
		}
		free(want);
		free(exp_name);
	}
	assert_int_equal(chdir(cwd), 0);
	casedir_free_list(names, n);
	assert_int_equal(failures, 0);
}
