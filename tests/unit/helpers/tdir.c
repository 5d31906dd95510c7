/* tdir.c - scratch folders for unit tests (see tdir.h). */
#include "tdir.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *tdir_join(const char *dir, const char *rel)
{
	size_t n = strlen(dir) + strlen(rel) + 2;
	char *p = malloc(n);

	if (!p)
		abort();
	snprintf(p, n, "%s/%s", dir, rel);
	return p;
}

char *tdir_make(void)
{
	const char *t = getenv("TMPDIR");
	char *p = tdir_join(t && *t ? t : "/tmp", "eimon-test.XXXXXX");

	if (!mkdtemp(p))
		abort();
	return p;
}

static void remove_tree(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *e;

	if (lstat(path, &st))
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(path);
		return;
	}
	chmod(path, 0755);
	d = opendir(path);
	while (d && (e = readdir(d))) {
		char *c;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		c = tdir_join(path, e->d_name);
		remove_tree(c);
		free(c);
	}
	if (d)
		closedir(d);
	rmdir(path);
}

void tdir_remove(char *dir)
{
	remove_tree(dir);
	free(dir);
}

char *tdir_slurp(const char *dir, const char *name)
{
	char *path = tdir_join(dir, name), *buf = NULL;
	FILE *f = fopen(path, "rb");
	long n;

	free(path);
	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n + 1);
		if (!buf)
			abort();
		buf[fread(buf, 1, (size_t)n, f)] = '\0';
	}
	fclose(f);
	return buf;
}

void tdir_write(const char *dir, const char *name, const char *text)
{
	char *path = tdir_join(dir, name);
	FILE *f = fopen(path, "wb");

	free(path);
	if (!f)
		abort();
	fputs(text, f);
	fclose(f);
}

int tdir_count(const char *dir, const char *sub)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
		    strstr(e->d_name, sub))
			n++;
	closedir(d);
	return n;
}
