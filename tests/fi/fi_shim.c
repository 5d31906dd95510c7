/* fi_shim.c - file-system fault injection for tests, linked into a test
 * build of eimon with -Wl,--wrap=open,... (see FI_WRAP in the Makefile).
 *
 * Why link-time wrapping and not LD_PRELOAD: an LD_PRELOAD library must
 * come after the ASan/TSan runtime and is invisible to calls the
 * sanitizer intercepts first; --wrap only redirects the references made
 * by eimon's own objects, so the same test binary works in plain, ASan,
 * TSan and valgrind builds, and libc/libharu internals are left alone.
 *
 * Only calls on paths under $EIMON_FI_PREFIX (and on descriptors opened
 * there) are counted; everything else passes straight through. The
 * environment drives it:
 *   EIMON_FI_PREFIX  path prefix of the calls to count (unset: shim off)
 *   EIMON_FI_FAIL    N: fail the Nth counted call (1-based; 0 = none)
 *   EIMON_FI_ERRNO   errno name or number for that failure (EIO)
 *   EIMON_FI_STICKY  1: also fail every later call that needs space (a
 *                    full disk still lets files be read, closed, removed)
 *   EIMON_FI_OPS     comma list: only these operations can fail
 *   EIMON_FI_NO_EXCHANGE  1: renameat2(RENAME_EXCHANGE) always fails with
 *                    ENOSYS, as on a file system without it
 *   EIMON_FI_SHORT   K: every write writes at most K bytes (short writes)
 *   EIMON_FI_LOG     file: one line per counted call, in order:
 *                    "SEQ OP PATH [PATH2|BYTES] RESULT" (see below)
 * A log line: seq, operation, the path (for fd calls the path the fd was
 * opened with), a second field (rename/link/symlink target, write size,
 * open flags "w"/"r"/"d"), then "ok" or "fail:ERRNO" and "inj" when the
 * failure was injected. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

/* Each wrapped call X: __real_X (the libc function) and __wrap_X. */
#define FI_DECL(ret, name, args) ret __real_##name args; ret __wrap_##name args;
FI_DECL(int, open, (const char *path, int flags, ...))
FI_DECL(int, openat, (int dirfd, const char *path, int flags, ...))
FI_DECL(ssize_t, write, (int fd, const void *buf, size_t n))
FI_DECL(ssize_t, pwrite, (int fd, const void *buf, size_t n, off_t off))
FI_DECL(int, fsync, (int fd))
FI_DECL(int, fdatasync, (int fd))
FI_DECL(int, close, (int fd))
FI_DECL(int, rename, (const char *a, const char *b))
FI_DECL(int, renameat, (int ad, const char *a, int bd, const char *b))
FI_DECL(long, syscall, (long nr, ...))
FI_DECL(int, mkdir, (const char *path, mode_t mode))
FI_DECL(int, mkdirat, (int dirfd, const char *path, mode_t mode))
FI_DECL(int, unlink, (const char *path))
FI_DECL(int, unlinkat, (int dirfd, const char *path, int flags))
FI_DECL(int, rmdir, (const char *path))
FI_DECL(int, link, (const char *a, const char *b))
FI_DECL(int, symlink, (const char *target, const char *path))

#define FI_MAX_FD 1024
#define FI_PATH 4096

static pthread_mutex_t fi_mu = PTHREAD_MUTEX_INITIALIZER;
static int fi_ready;
static const char *fi_prefix;
static size_t fi_prefix_len;
static long fi_fail, fi_seq, fi_short;
static int fi_errno = EIO, fi_sticky, fi_no_exchange, fi_no_sync, fi_log = -1;
static const char *fi_ops;
static char *fi_fd_path[FI_MAX_FD]; /* counted descriptors' paths */
static char fi_fd_kind[FI_MAX_FD][2]; /* how they were opened: r, w, d */

static const struct {
	const char *name;
	int value;
} fi_errnos[] = {
	{ "ENOSPC", ENOSPC }, { "EIO", EIO },     { "EDQUOT", EDQUOT },
	{ "EXDEV", EXDEV },   { "ENOSYS", ENOSYS }, { "EACCES", EACCES },
	{ "EROFS", EROFS },   { "EINVAL", EINVAL }, { "EPERM", EPERM },
	{ "EMFILE", EMFILE },
};

static void fi_init_locked(void)
{
	const char *s;
	size_t i;

	if (fi_ready)
		return;
	fi_ready = 1;
	fi_prefix = getenv("EIMON_FI_PREFIX");
	if (fi_prefix && !*fi_prefix)
		fi_prefix = NULL;
	fi_prefix_len = fi_prefix ? strlen(fi_prefix) : 0;
	if ((s = getenv("EIMON_FI_FAIL")) != NULL)
		fi_fail = strtol(s, NULL, 10);
	if ((s = getenv("EIMON_FI_SHORT")) != NULL)
		fi_short = strtol(s, NULL, 10);
	if ((s = getenv("EIMON_FI_ERRNO")) != NULL) {
		fi_errno = (int)strtol(s, NULL, 10);
		for (i = 0; i < sizeof(fi_errnos) / sizeof(fi_errnos[0]); i++)
			if (!strcmp(s, fi_errnos[i].name))
				fi_errno = fi_errnos[i].value;
		if (fi_errno <= 0)
			fi_errno = EIO;
	}
	s = getenv("EIMON_FI_STICKY");
	fi_sticky = s && *s == '1';
	s = getenv("EIMON_FI_NO_EXCHANGE");
	fi_no_exchange = s && *s == '1';
	/* The sweeps check the order of syncs, not the disk: skipping the
	 * real flush makes a thousand builds take seconds, not minutes. */
	s = getenv("EIMON_FI_NO_SYNC");
	fi_no_sync = s && *s == '1';
	fi_ops = getenv("EIMON_FI_OPS");
	if (fi_prefix && (s = getenv("EIMON_FI_LOG")) != NULL)
		fi_log = __real_open(s, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
				     0644);
}

static int under_prefix(const char *path)
{
	return fi_prefix && !strncmp(path, fi_prefix, fi_prefix_len) &&
	       (path[fi_prefix_len] == '/' || path[fi_prefix_len] == '\0');
}

/* The absolute path of (dirfd, path) into buf; "" when unknown. */
static void fi_resolve(int dirfd, const char *path, char *buf, size_t size)
{
	char cwd[FI_PATH];

	int n = 0;

	buf[0] = '\0';
	if (!path)
		return;
	if (path[0] == '/')
		n = snprintf(buf, size, "%s", path);
	else if (dirfd == AT_FDCWD && getcwd(cwd, sizeof(cwd)))
		n = snprintf(buf, size, "%s/%s", cwd, path);
	else if (dirfd >= 0 && dirfd < FI_MAX_FD && fi_fd_path[dirfd])
		n = snprintf(buf, size, "%s/%s", fi_fd_path[dirfd], path);
	if (n < 0 || (size_t)n >= size)
		buf[0] = '\0'; /* too long to be ours */
}

/* fi_resolve for a wrapper, which does not hold fi_mu. */
static void fi_abs(int dirfd, const char *path, char *buf, size_t size)
{
	pthread_mutex_lock(&fi_mu);
	fi_init_locked();
	fi_resolve(dirfd, path, buf, size);
	pthread_mutex_unlock(&fi_mu);
}

static int op_listed(const char *op)
{
	const char *p = fi_ops;
	size_t n = strlen(op);

	if (!p || !*p)
		return 1;
	while ((p = strstr(p, op)) != NULL) {
		if ((p == fi_ops || p[-1] == ',') &&
		    (p[n] == ',' || p[n] == '\0'))
			return 1;
		p += n;
	}
	return 0;
}

/* A call a full disk still allows: removing, closing, opening to read. */
static int needs_no_space(const char *op, const char *extra)
{
	return !strcmp(op, "unlink") || !strcmp(op, "rmdir") ||
	       !strcmp(op, "close") ||
	       (!strcmp(op, "open") && strcmp(extra, "w"));
}

/* Count one call on a path of ours. Returns the errno to inject (0: let
 * the call through) and its sequence number in *seq. fi_mu is held. */
static int fi_count_locked(const char *op, const char *extra, long *seq)
{
	*seq = ++fi_seq;
	if (!fi_fail || !op_listed(op))
		return 0;
	if (*seq == fi_fail ||
	    (fi_sticky && *seq > fi_fail && !needs_no_space(op, extra)))
		return fi_errno;
	return 0;
}

static void fi_log_locked(long seq, const char *op, const char *path,
			  const char *extra, int rc_errno, int injected)
{
	char line[2 * FI_PATH + 128];
	int n;

	if (fi_log < 0)
		return;
	n = snprintf(line, sizeof(line), "%ld %s %s %s %s%s%s\n", seq, op,
		     path, extra && *extra ? extra : "-",
		     rc_errno ? "fail:" : "ok",
		     rc_errno ? strerrorname_np(rc_errno) : "",
		     injected ? " inj" : "");
	if (n > 0 && (size_t)n < sizeof(line) &&
	    __real_write(fi_log, line, (size_t)n) != n) {
		/* a lost log line shows as a failed ordering check */
	}
}

/* Before a call on abs: -1 when it is not ours (pass it through), 0 to
 * make it (then fi_end), or the errno to inject (already logged). */
static int fi_begin(const char *op, const char *abs, const char *extra,
		    long *seq)
{
	int inj;

	pthread_mutex_lock(&fi_mu);
	fi_init_locked();
	if (!under_prefix(abs)) {
		pthread_mutex_unlock(&fi_mu);
		return -1;
	}
	inj = fi_count_locked(op, extra, seq);
	if (inj)
		fi_log_locked(*seq, op, abs, extra, inj, 1);
	pthread_mutex_unlock(&fi_mu);
	return inj;
}

/* After the real call: log its result; errno is kept. */
static void fi_end(long seq, const char *op, const char *abs,
		   const char *extra, long rc)
{
	int e = errno;

	pthread_mutex_lock(&fi_mu);
	fi_log_locked(seq, op, abs, extra, rc < 0 ? e : 0, 0);
	pthread_mutex_unlock(&fi_mu);
	errno = e;
}

/* The common shape of a wrapper: count, inject or call, log. */
#define FI_CALL(op, abs, extra, call)                                       \
	do {                                                                \
		long seq_ = 0;                                              \
		int inj_ = fi_begin(op, abs, extra, &seq_);                 \
		if (inj_ > 0) {                                             \
			errno = inj_;                                       \
			rc = -1;                                            \
		} else {                                                    \
			rc = call;                                          \
			if (inj_ == 0)                                      \
				fi_end(seq_, op, abs, extra, (long)rc);     \
		}                                                           \
	} while (0)

static const char *open_kind(int flags)
{
	if (flags & O_DIRECTORY)
		return "d";
	return (flags & O_ACCMODE) == O_RDONLY ? "r" : "w";
}

static void fi_track(int fd, const char *abs, int flags)
{
	if (fd < 0 || fd >= FI_MAX_FD)
		return;
	pthread_mutex_lock(&fi_mu);
	free(fi_fd_path[fd]);
	fi_fd_path[fd] = under_prefix(abs) ? strdup(abs) : NULL;
	fi_fd_kind[fd][0] = *open_kind(flags);
	pthread_mutex_unlock(&fi_mu);
}

static int fi_open(int dirfd, const char *path, int flags, mode_t mode)
{
	char abs[FI_PATH];
	int rc;

	fi_abs(dirfd, path, abs, sizeof(abs));
	FI_CALL("open", abs, open_kind(flags),
		     __real_openat(dirfd, path, flags, mode));
	fi_track(rc, abs, flags);
	return rc;
}

/* The mode open(2) and openat(2) take after flags when they create. */
#define FI_OPEN_MODE(mode, flags)                                     \
	do {                                                          \
		if ((flags) & (O_CREAT | O_TMPFILE)) {                \
			va_list ap_;                                  \
			va_start(ap_, flags);                         \
			mode = (mode_t)va_arg(ap_, unsigned int);     \
			va_end(ap_);                                  \
		}                                                     \
	} while (0)

int __wrap_open(const char *path, int flags, ...)
{
	mode_t mode = 0;

	FI_OPEN_MODE(mode, flags);
	return fi_open(AT_FDCWD, path, flags, mode);
}

int __wrap_openat(int dirfd, const char *path, int flags, ...)
{
	mode_t mode = 0;

	FI_OPEN_MODE(mode, flags);
	return fi_open(dirfd, path, flags, mode);
}

/* The path a descriptor of ours was opened with, into buf (and how, into
 * kind when not NULL); 0 when the descriptor is not counted. */
static int fd_path(int fd, char *buf, size_t size, char kind[2])
{
	int have = 0;

	pthread_mutex_lock(&fi_mu);
	fi_init_locked();
	if (fd >= 0 && fd < FI_MAX_FD && fi_fd_path[fd]) {
		snprintf(buf, size, "%s", fi_fd_path[fd]);
		if (kind)
			memcpy(kind, fi_fd_kind[fd], 2);
		have = 1;
	}
	pthread_mutex_unlock(&fi_mu);
	return have;
}

static ssize_t fi_write(int fd, const void *buf, size_t n, off_t off,
			int positional)
{
	char abs[FI_PATH], extra[32];
	ssize_t rc;

	if (!fd_path(fd, abs, sizeof(abs), NULL))
		return positional ? __real_pwrite(fd, buf, n, off)
				  : __real_write(fd, buf, n);
	if (fi_short > 0 && n > (size_t)fi_short)
		n = (size_t)fi_short;
	snprintf(extra, sizeof(extra), "%zu", n);
	FI_CALL("write", abs, extra,
		     positional ? __real_pwrite(fd, buf, n, off)
				: __real_write(fd, buf, n));
	return rc;
}

ssize_t __wrap_write(int fd, const void *buf, size_t n)
{
	return fi_write(fd, buf, n, 0, 0);
}

ssize_t __wrap_pwrite(int fd, const void *buf, size_t n, off_t off)
{
	return fi_write(fd, buf, n, off, 1);
}

static int fi_sync(int fd, const char *op, int data_only)
{
	char abs[FI_PATH];
	int rc;

	if (!fd_path(fd, abs, sizeof(abs), NULL))
		return data_only ? __real_fdatasync(fd) : __real_fsync(fd);
	FI_CALL(op, abs, "", fi_no_sync ? 0
				 : data_only ? __real_fdatasync(fd)
					     : __real_fsync(fd));
	return rc;
}

int __wrap_fsync(int fd)
{
	return fi_sync(fd, "fsync", 0);
}

int __wrap_fdatasync(int fd)
{
	return fi_sync(fd, "fdatasync", 1);
}

int __wrap_close(int fd)
{
	char abs[FI_PATH], kind[2];
	long seq = 0;
	int rc, inj;

	if (!fd_path(fd, abs, sizeof(abs), kind))
		return __real_close(fd);
	fi_track(fd, "", 0);
	/* An injected close failure still closes: as on Linux, the
	 * descriptor is gone whatever close() answers. */
	inj = fi_begin("close", abs, kind, &seq);
	rc = __real_close(fd);
	if (inj > 0) {
		errno = inj;
		return -1;
	}
	if (inj == 0)
		fi_end(seq, "close", abs, kind, rc);
	return rc;
}

static int fi_rename(int ad, const char *a, int bd, const char *b,
		     unsigned flags)
{
	char aa[FI_PATH], ab[FI_PATH];
	int rc;

	fi_abs(ad, a, aa, sizeof(aa));
	fi_abs(bd, b, ab, sizeof(ab));
	if (flags) {
		if (fi_no_exchange && under_prefix(aa)) {
			pthread_mutex_lock(&fi_mu);
			/* not an injected fault: the file system */
			fi_log_locked(++fi_seq, "renameat2", aa, ab, ENOSYS,
				      0);
			pthread_mutex_unlock(&fi_mu);
			errno = ENOSYS;
			return -1;
		}
		FI_CALL("renameat2", aa, ab,
			     (int)__real_syscall(SYS_renameat2, ad, a, bd, b,
						 flags));
		return rc;
	}
	FI_CALL("rename", aa, ab, __real_renameat(ad, a, bd, b));
	return rc;
}

int __wrap_rename(const char *a, const char *b)
{
	return fi_rename(AT_FDCWD, a, AT_FDCWD, b, 0);
}

int __wrap_renameat(int ad, const char *a, int bd, const char *b)
{
	return fi_rename(ad, a, bd, b, 0);
}

/* eimon reaches renameat2 through syscall(2) (glibc's wrapper needs
 * _GNU_SOURCE); every other system call passes through untouched. */
long __wrap_syscall(long nr, ...)
{
	va_list ap;
	long a[6];
	int i;

	va_start(ap, nr);
	for (i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	if (nr == SYS_renameat2)
		return fi_rename((int)a[0], (const char *)a[1], (int)a[2],
				 (const char *)a[3], (unsigned)a[4]);
	return __real_syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
}

static int fi_mkdir(int dirfd, const char *path, mode_t mode)
{
	char abs[FI_PATH];
	int rc;

	fi_abs(dirfd, path, abs, sizeof(abs));
	FI_CALL("mkdir", abs, "", __real_mkdirat(dirfd, path, mode));
	return rc;
}

int __wrap_mkdir(const char *path, mode_t mode)
{
	return fi_mkdir(AT_FDCWD, path, mode);
}

int __wrap_mkdirat(int dirfd, const char *path, mode_t mode)
{
	return fi_mkdir(dirfd, path, mode);
}

static int fi_unlink(int dirfd, const char *path, int flags)
{
	char abs[FI_PATH];
	int rc;

	fi_abs(dirfd, path, abs, sizeof(abs));
	FI_CALL(flags & AT_REMOVEDIR ? "rmdir" : "unlink", abs, "",
		     __real_unlinkat(dirfd, path, flags));
	return rc;
}

int __wrap_unlink(const char *path)
{
	return fi_unlink(AT_FDCWD, path, 0);
}

int __wrap_unlinkat(int dirfd, const char *path, int flags)
{
	return fi_unlink(dirfd, path, flags);
}

int __wrap_rmdir(const char *path)
{
	return fi_unlink(AT_FDCWD, path, AT_REMOVEDIR);
}

int __wrap_link(const char *a, const char *b)
{
	char aa[FI_PATH], ab[FI_PATH];
	int rc;

	fi_abs(AT_FDCWD, a, aa, sizeof(aa));
	fi_abs(AT_FDCWD, b, ab, sizeof(ab));
	FI_CALL("link", ab, aa, __real_link(a, b));
	return rc;
}

int __wrap_symlink(const char *target, const char *path)
{
	char abs[FI_PATH];
	int rc;

	fi_abs(AT_FDCWD, path, abs, sizeof(abs));
	FI_CALL("symlink", abs, target, __real_symlink(target, path));
	return rc;
}
