/* lock.c - the output folder's build lock (see lock.h). */
#include "lock.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "banned.h"

/* The PID written by the holder, or 0 when unreadable or when no such
 * process is alive: a new holder locks before it writes its PID, so for
 * a moment the file still names the previous (dead) holder, and the
 * message must not send the operator to stop that process. */
static long read_holder_pid(int fd)
{
	char buf[32];
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
	char *end;
	long pid;

	if (n <= 0)
		return 0;
	buf[n] = '\0';
	errno = 0;
	pid = strtol(buf, &end, 10);
	if (errno || end == buf || pid <= 0 || pid > INT_MAX)
		return 0;
	if (kill((pid_t)pid, 0) != 0 && errno == ESRCH)
		return 0;
	return pid;
}

static int lock_take(struct out_lock *l, const char *dir, int wait,
		     struct eim_error *err)
{
	char path[EIM_PATH_MAX];
	char pid[32];
	struct stat st;
	int fd, n;

	l->fd = -1;
	if (snprintf(path, sizeof(path), "%s/%s", dir, LOCK_FILE_NAME) >=
	    (int)sizeof(path))
		return eim_error_set(err, EIM_CANTCREAT, dir, 0, 0,
				     "output folder name is too long");
	/* The file policy of fsafe.h: a symbolic link planted at the lock's
	 * name is not followed (it would have us truncate its target), and
	 * only a regular file is locked (a FIFO would block the open). */
	fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC,
		  0644);
	if (fd < 0)
		return eim_error_set(err, EIM_CANTCREAT, NULL, 0, 0,
				     "cannot create the lock file in output "
				     "folder '%s': %s%s", dir, strerror(errno),
				     errno == ELOOP ? " (a symbolic link is "
				     "in its place)" : "");
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		return eim_error_set(err, EIM_CANTCREAT, path, 0, 0,
				     "the lock file is not a regular file");
	}
	if (wait) {
		int r;

		while ((r = flock(fd, LOCK_EX)) != 0 && errno == EINTR)
			;
		if (r) {
			int e = errno;

			close(fd);
			return eim_error_set(err, EIM_CANTCREAT, path, 0, 0,
					     "cannot lock: %s", strerror(e));
		}
	} else if (flock(fd, LOCK_EX | LOCK_NB)) {
		int e = errno;
		long holder = read_holder_pid(fd);

		close(fd);
		if (e != EWOULDBLOCK)
			return eim_error_set(err, EIM_CANTCREAT, path, 0, 0,
					     "cannot lock: %s", strerror(e));
		if (holder)
			return eim_error_set(err, EIM_TEMPFAIL, NULL, 0, 0,
					     "another build (pid %ld) holds "
					     "the lock on '%s'", holder, dir);
		return eim_error_set(err, EIM_TEMPFAIL, NULL, 0, 0,
				     "another build holds the lock on '%s'",
				     dir);
	}
	/* Best effort: the PID only feeds the message of a second build. */
	n = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) == 0 && pwrite(fd, pid, (size_t)n, 0) != n) {
		/* ignored: a second build then says "another build holds" */
	}
	l->fd = fd;
	return 0;
}

int out_lock_acquire(struct out_lock *l, const char *dir,
		     struct eim_error *err)
{
	return lock_take(l, dir, 0, err);
}

int out_lock_wait(struct out_lock *l, const char *dir, struct eim_error *err)
{
	return lock_take(l, dir, 1, err);
}

void out_lock_release(struct out_lock *l)
{
	if (l->fd < 0)
		return;
	/* Leave the stale PID in place: truncating here would race with a
	 * next holder that already wrote its own. close() drops the lock. */
	close(l->fd);
	l->fd = -1;
}
