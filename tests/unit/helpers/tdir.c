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

char *tdir_png(const char *dir, const char *name)
{
	static const unsigned char png[] = {
		0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00,
		0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x08,
		0x00, 0x00, 0x00, 0x04, 0x08, 0x02, 0x00, 0x00, 0x00, 0x3c,
		0xaf, 0xe9, 0xa7, 0x00, 0x00, 0x00, 0x0f, 0x49, 0x44, 0x41,
		0x54, 0x78, 0xda, 0x63, 0xf8, 0x8f, 0x03, 0x30, 0x50, 0x4f,
		0x02, 0x00, 0xae, 0xb2, 0x5f, 0xa1, 0x0c, 0xe2, 0x88, 0x65,
		0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42,
		0x60, 0x82
	};
	char *path = tdir_join(dir, name);
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(png, 1, sizeof(png), f) != sizeof(png) || fclose(f))
		abort();
	return path;
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
