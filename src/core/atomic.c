/* atomic.c - crash-safe file-system steps (see atomic.h). */
#include "atomic.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/syscall.h>
#endif

#include "xalloc.h"
#include "banned.h"

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

int atomic_path(char buf[EIM_PATH_MAX], const char *dir, const char *name)
{
	int n = snprintf(buf, EIM_PATH_MAX, "%s/%s", dir, name);

	return n < 0 || n >= EIM_PATH_MAX ? -1 : 0;
}

static int too_long(struct eim_error *err, const char *dir, const char *name)
{
	return eim_error_set(err, EIM_CANTCREAT, NULL, 0, 0,
			     "path '%s/%s' is too long", dir, name);
}

int atomic_write_all(int fd, const void *data, size_t len)
{
	const unsigned char *p = data;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int atomic_write_file(const char *dir, const char *name, const void *data,
		      size_t len, struct eim_error *err)
{
	char tmp[EIM_PATH_MAX], dst[EIM_PATH_MAX], tname[EIM_PATH_MAX];
	int fd, ret = -1;

	if (snprintf(tname, sizeof(tname), ".%s.tmp.%ld", name,
		     (long)getpid()) >= (int)sizeof(tname) ||
	    atomic_path(tmp, dir, tname) || atomic_path(dst, dir, name))
		return too_long(err, dir, name);
	/* a new file (fsafe.h's policy): never through a link planted at
	 * the temporary name, never into someone else's file */
	unlink(tmp);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		  0644);
	if (fd < 0)
		return eim_error_set(err, EIM_CANTCREAT, tmp, 0, 0,
				     "cannot create: %s", strerror(errno));
	if (atomic_write_all(fd, data, len) || fsync(fd)) {
		eim_error_set(err, EIM_CANTCREAT, tmp, 0, 0,
			      "cannot write: %s", strerror(errno));
		close(fd);
		goto out;
	}
	if (close(fd)) {
		eim_error_set(err, EIM_CANTCREAT, tmp, 0, 0,
			      "cannot write: %s", strerror(errno));
		goto out;
	}
	if (rename(tmp, dst)) {
		eim_error_set(err, EIM_CANTCREAT, dst, 0, 0,
			      "cannot rename into place: %s", strerror(errno));
		goto out;
	}
	ret = 0;
out:
	if (ret)
		unlink(tmp);
	return ret;
}

int atomic_fsync_dir(const char *dir, struct eim_error *err)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int ret = 0;

	if (fd < 0)
		return eim_error_set(err, EIM_CANTCREAT, dir, 0, 0,
				     "cannot open folder: %s",
				     strerror(errno));
	/* Some file systems refuse fsync on folders (EINVAL): they have
	 * nothing to flush there, so that is not a failure. */
	if (fsync(fd) && errno != EINVAL)
		ret = eim_error_set(err, EIM_CANTCREAT, dir, 0, 0,
				    "cannot sync folder: %s",
				    strerror(errno));
	close(fd);
	return ret;
}

int atomic_mkdirs(const char *dir, const char *what, struct eim_error *err)
{
	char buf[EIM_PATH_MAX];
	struct stat st;
	size_t i, len = strlen(dir);

	if (len == 0 || len >= sizeof(buf))
		return eim_error_set(err, EIM_CANTCREAT, NULL, 0, 0,
				     "bad folder name '%s'", dir);
	memcpy(buf, dir, len + 1);
	for (i = 1; i <= len; i++) {
		if (buf[i] != '/' && buf[i] != '\0')
			continue;
		buf[i] = '\0';
		if (mkdir(buf, 0755) && errno != EEXIST)
			return eim_error_set(err, EIM_CANTCREAT, NULL, 0, 0,
					     "cannot create %s '%s': %s", what,
					     buf, strerror(errno));
		if (i < len)
			buf[i] = '/';
	}
	if (stat(dir, &st))
		return eim_error_set(err, EIM_CANTCREAT, NULL, 0, 0,
				     "cannot create %s '%s': %s", what, dir,
				     strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return eim_error_set(err, EIM_CANTCREAT, NULL, 0, 0,
				     "%s '%s' is not a folder", what, dir);
	return 0;
}

int atomic_symlink(const char *dir, const char *name, const char *target,
		   struct eim_error *err)
{
	char tmp[EIM_PATH_MAX], dst[EIM_PATH_MAX], tname[EIM_PATH_MAX];

	if (snprintf(tname, sizeof(tname), ".%s.tmp.%ld", name,
		     (long)getpid()) >= (int)sizeof(tname) ||
	    atomic_path(tmp, dir, tname) || atomic_path(dst, dir, name))
		return too_long(err, dir, name);
	unlink(tmp);
	if (symlink(target, tmp))
		return eim_error_set(err, EIM_CANTCREAT, tmp, 0, 0,
				     "cannot create symlink: %s",
				     strerror(errno));
	if (rename(tmp, dst)) {
		int e = errno;

		unlink(tmp);
		return eim_error_set(err, EIM_CANTCREAT, dst, 0, 0,
				     "cannot replace: %s", strerror(e));
	}
	return 0;
}

int atomic_exchange_disabled;

int atomic_exchange(const char *a, const char *b, struct eim_error *err)
{
	if (atomic_exchange_disabled)
		return 1;
#ifdef __linux__
	if (syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b,
		    RENAME_EXCHANGE) == 0)
		return 0;
	if (errno == EINVAL || errno == ENOSYS || errno == ENOTSUP)
		return 1;
	return eim_error_set(err, EIM_CANTCREAT, b, 0, 0,
			     "cannot swap in '%s': %s", a, strerror(errno));
#else
	(void)a;
	(void)b;
	(void)err;
	return 1;
#endif
}

static int copy_file(const char *from, const char *to, struct eim_error *err)
{
	char *data = NULL;
	size_t len = 0;
	char dir[EIM_PATH_MAX];
	const char *slash = strrchr(to, '/');
	int ret;

	if (atomic_read_file(from, &data, &len))
		return eim_error_set(err, EIM_CANTCREAT, from, 0, 0,
				     "cannot read: %s", strerror(errno));
	if (!slash || (size_t)(slash - to) >= sizeof(dir)) {
		free(data);
		return eim_error_set(err, EIM_SOFTWARE, to, 0, 0,
				     "no folder in copy target");
	}
	memcpy(dir, to, (size_t)(slash - to));
	dir[slash - to] = '\0';
	ret = atomic_write_file(dir, slash + 1, data, len, err);
	free(data);
	return ret;
}

int atomic_link_or_copy(const char *from, const char *to,
			struct eim_error *err)
{
	if (link(from, to) == 0)
		return 0;
	if (errno == EEXIST)
		return eim_error_set(err, EIM_CANTCREAT, to, 0, 0,
				     "already exists");
	return copy_file(from, to, err);
}

static int remove_at(int dirfd, const char *name)
{
	struct stat st;
	DIR *d;
	struct dirent *de;
	int fd, ret = 0;

	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW))
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlinkat(dirfd, name, 0) && errno != ENOENT ? -1 : 0;
	fd = openat(dirfd, name,
		    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (remove_at(fd, de->d_name))
			ret = -1;
	}
	closedir(d);
	if (unlinkat(dirfd, name, AT_REMOVEDIR) && errno != ENOENT)
		ret = -1;
	return ret;
}

int atomic_remove_tree(const char *path)
{
	return remove_at(AT_FDCWD, path);
}

int atomic_read_file(const char *path, char **data, size_t *len)
{
	struct stat st;
	char *buf;
	size_t got = 0;
	int fd;

	errno = 0;
	/* edition files in a shared output folder: no link followed, no
	 * FIFO waited on (the policy of fsafe.h) */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	*data = NULL;
	*len = 0;
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		int e = errno;

		close(fd);
		errno = e ? e : EISDIR;
		return -1;
	}
	buf = xmalloc((size_t)st.st_size + 1);
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;

			free(buf);
			close(fd);
			errno = e;
			return -1;
		}
		if (n == 0)
			break; /* shrank while reading: take what is there */
		got += (size_t)n;
	}
	close(fd);
	buf[got] = '\0';
	*data = buf;
	*len = got;
	return 0;
}
