/* fsafe.c - opening files in folders others may write to (see fsafe.h). */
#include "fsafe.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strbuf.h"
#include "xalloc.h"
#include "banned.h"

#define READ_FLAGS (O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)

static int open_error(const char *display, int e, struct eim_error *err)
{
	if (e == ENOENT)
		return eim_error_set(err, EIM_NOINPUT, display, 0, 0,
				     "cannot open: %s", strerror(e));
	if (e == ELOOP || e == ENOTDIR)
		return eim_error_set(err, EIM_DATA, display, 0, 0,
				     "is a symbolic link (or under one): not "
				     "followed");
	return eim_error_set(err, EIM_DATA, display, 0, 0, "cannot open: %s",
			     strerror(e));
}

/* Walk rel below the folder handle dfd, one component at a time with
 * O_NOFOLLOW; the last is opened with READ_FLAGS. -1 with errno. */
static int open_below(int dfd, const char *rel)
{
	char *copy = xstrdup(rel), *p = copy, *slash;
	int cur = dfd, fd = -1;

	while (*p == '/')
		p++;
	while ((slash = strchr(p, '/')) != NULL) {
		int next;

		*slash = '\0';
		if (!strcmp(p, "..")) {
			errno = EACCES;
			goto out;
		}
		if (*p && strcmp(p, ".")) {
			next = openat(cur, p, O_RDONLY | O_DIRECTORY |
				      O_NOFOLLOW | O_CLOEXEC);
			if (next < 0)
				goto out;
			if (cur != dfd)
				close(cur);
			cur = next;
		}
		p = slash + 1;
	}
	if (!strcmp(p, "..")) {
		errno = EACCES;
		goto out;
	}
	fd = openat(cur, p, READ_FLAGS | O_NOFOLLOW);
out:
	if (cur != dfd) {
		int e = errno;
		close(cur);
		errno = e;
	}
	free(copy);
	return fd;
}

int fsafe_open(const char *dir, const char *rel, int flags,
	       const char *display, off_t *size, struct eim_error *err)
{
	struct stat st;
	int fd, dfd, fl;

	/* NOLINTNEXTLINE(clang-analyzer-core.NonNullParamChecker) */
	display = display ? display : rel;
	if (dir && (flags & FSAFE_NOFOLLOW)) {
		dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd < 0)
			return open_error(display, errno, err);
		fd = open_below(dfd, rel);
		if (fd < 0) {
			int e = errno;
			close(dfd);
			return open_error(display, e, err);
		}
		close(dfd);
	} else {
		struct strbuf path = STRBUF_INIT;

		if (dir)
			strbuf_addf(&path, "%s/", dir);
		strbuf_adds(&path, rel);
		fd = open(path.buf, READ_FLAGS |
			  ((flags & FSAFE_NOFOLLOW) ? O_NOFOLLOW : 0));
		strbuf_release(&path);
		if (fd < 0)
			return open_error(display, errno, err);
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		return eim_error_set(err, EIM_DATA, display, 0, 0,
				     "not a regular file (folders, FIFOs and "
				     "devices are not read)");
	}
	/* reads of a regular file do not block; later ones may be slow
	 * (NFS) but must not fail with EAGAIN */
	fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		(void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	if (size)
		*size = st.st_size;
	return fd;
}

int fsafe_read(const char *dir, const char *rel, int flags, size_t max,
	       const char *display, char **buf, size_t *len,
	       struct eim_error *err)
{
	char *b = NULL;
	size_t n = 0, alloc = 0;
	off_t size = 0;
	int fd, ret = -1;

	*buf = NULL;
	*len = 0;
	display = display ? display : rel;
	fd = fsafe_open(dir, rel, flags, display, &size, err);
	if (fd < 0)
		return -1;
	if (max && size > 0 && (unsigned long long)size > max) {
		eim_error_set(err, EIM_DATA, display, 0, 0,
			      "file too large (limit %zu bytes)", max);
		goto out;
	}
	for (;;) {
		ssize_t r;

		if (n + 1 >= alloc) {
			alloc = alloc ? alloc * 2 : (size_t)size + 4096;
			b = xrealloc(b, alloc);
		}
		r = read(fd, b + n, alloc - n - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			eim_error_set(err, EIM_DATA, display, 0, 0,
				      "cannot read: %s", strerror(errno));
			goto out;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (max && n > max) { /* grew while being read */
			eim_error_set(err, EIM_DATA, display, 0, 0,
				      "file too large (limit %zu bytes)", max);
			goto out;
		}
	}
	b[n] = '\0';
	*buf = b;
	*len = n;
	b = NULL;
	ret = 0;
out:
	free(b);
	close(fd);
	return ret;
}
