/* atomic.h - crash-safe file-system steps used by publish: write a file
 * so that readers see the old bytes or the new, never a part; fsync a
 * folder so that renames survive a power cut; swap two folders; replace a
 * symlink; remove a tree.
 *
 * Paths are plain strings (at most EIM_PATH_MAX - 1 bytes). Failures are
 * EIM_CANTCREAT with the path and strerror. Nothing is allocated that the
 * caller must free. */
#ifndef EIMON_ATOMIC_H
#define EIMON_ATOMIC_H

#include <stddef.h>

#include "error.h"

/* Join dir and name with '/' into buf (EIM_PATH_MAX). -1 when too long. */
int atomic_path(char buf[EIM_PATH_MAX], const char *dir, const char *name);

/* write(2) all of p to fd, again after EINTR and short writes. 0, or -1
 * with errno. */
int atomic_write_all(int fd, const void *p, size_t len);

/* Write data to DIR/.NAME.tmp.PID, fsync it, rename it to DIR/NAME.
 * The folder itself is not fsynced (call atomic_fsync_dir once after a
 * batch). On failure the temporary file is removed. */
int atomic_write_file(const char *dir, const char *name, const void *data,
		      size_t len, struct eim_error *err);
/* fsync a folder (makes creations, renames and unlinks in it durable). */
int atomic_fsync_dir(const char *dir, struct eim_error *err);
/* mkdir -p with mode 0755; messages name the folder as `what`
 * ("output folder", "cache folder"...). */
int atomic_mkdirs(const char *dir, const char *what, struct eim_error *err);
/* Make DIR/NAME a symlink to target: DIR/.NAME.tmp.PID then rename(2). */
int atomic_symlink(const char *dir, const char *name, const char *target,
		   struct eim_error *err);
/* Swap two existing folders a and b. With renameat2(RENAME_EXCHANGE)
 * (Linux >= 3.15; ext4, xfs, btrfs, tmpfs) both names are valid at every
 * instant. Where the file system does not support it, returns 1 without
 * doing anything; the caller then falls back to two renames. */
int atomic_exchange(const char *a, const char *b, struct eim_error *err);
/* Tests only: when non-zero, atomic_exchange answers 1 ("not supported")
 * so that the two-rename fallback can be exercised. */
extern int atomic_exchange_disabled;
/* Hard-link from to to; copy (and fsync) when links are not possible. */
int atomic_link_or_copy(const char *from, const char *to,
			struct eim_error *err);
/* rm -rf path (no symlinks followed). 0, or -1 with errno set. */
int atomic_remove_tree(const char *path);
/* Read a whole (regular) file into a malloc'd, NUL-terminated buffer.
 * -1 with errno set (no eim_error: callers decide what a failure means). */
int atomic_read_file(const char *path, char **data, size_t *len);

#endif
