/* fsafe.h - the one way eimon opens a file it reads from a folder that
 * others may write to (notes, editions, the feed cache, the output
 * folder, feed files): the policy of docs/design.md "Files in folders
 * eimon does not own".
 *
 *  - Regular files only: the file is opened with O_NONBLOCK (opening a
 *    FIFO cannot block) and checked with fstat after the open, so a FIFO,
 *    device or folder is refused before a byte is read; what is checked is
 *    what is read (no stat-then-open race).
 *  - With FSAFE_NOFOLLOW, no symbolic link is followed below the folder
 *    given: every component of the relative name is opened with openat
 *    and O_NOFOLLOW relative to the folder's handle, and ".." is refused.
 *    The folder itself is the one the monitor configured, and is followed.
 *  - Reads are capped (the caller says how much it will hold).
 *
 * Files eimon creates in such folders are made with O_EXCL (mkstemp or
 * O_CREAT|O_EXCL|O_NOFOLLOW) under a fresh name and renamed into place
 * (atomic.c, cache.c); the lock file, which is never replaced, is opened
 * with O_NOFOLLOW and checked with fstat like a file read (lock.c).
 *
 * Ownership: fsafe_open returns a descriptor the caller closes;
 * fsafe_read hands *buf (NUL-terminated) to the caller, who frees it. */
#ifndef EIMON_FSAFE_H
#define EIMON_FSAFE_H

#include <stddef.h>
#include <sys/types.h>

#include "error.h"

#define FSAFE_NOFOLLOW 1 /* no symbolic link below dir (see above) */

/* Open dir/rel (dir NULL: rel as given) for reading, by the rules above.
 * Returns the descriptor (blocking again), or -1 with err set at display:
 * EIM_NOINPUT when missing, EIM_DATA when a symbolic link, not a regular
 * file, or unreadable. *size (may be NULL) gets the file's size. */
int fsafe_open(const char *dir, const char *rel, int flags,
	       const char *display, off_t *size, struct eim_error *err);

/* Read dir/rel whole (fsafe_open), at most max bytes (0: no cap beyond
 * memory); EIM_DATA "file larger than N bytes" past it. */
int fsafe_read(const char *dir, const char *rel, int flags, size_t max,
	       const char *display, char **buf, size_t *len,
	       struct eim_error *err);

#endif
