/* lock.h - one build per output folder: an exclusive flock(2) on
 * OUT/.eimon.lock that holds the holder's PID as text.
 *
 * The kernel drops a flock when its holder dies (even by SIGKILL), so a
 * crashed build never leaves a stale lock; the file itself stays (it is
 * never unlinked: unlinking a lock file lets two builds lock two
 * different inodes). The PID inside is only a hint for the message.
 *
 * Ownership: struct out_lock is a plain value owned by the caller. */
#ifndef EIMON_LOCK_H
#define EIMON_LOCK_H

#include "error.h"

#define LOCK_FILE_NAME ".eimon.lock"

struct out_lock {
	int fd; /* -1 when not held */
};

#define OUT_LOCK_INIT { -1 }

/* Take the lock on folder dir (which must exist) without waiting.
 * EIM_TEMPFAIL "another build (pid N) holds the lock on 'DIR'" when held;
 * EIM_CANTCREAT when the lock file cannot be created. */
int out_lock_acquire(struct out_lock *l, const char *dir,
		     struct eim_error *err);
/* The same, waiting while another holds it: for the short critical
 * sections of publishing into a shared week folder (publish.c). */
int out_lock_wait(struct out_lock *l, const char *dir, struct eim_error *err);
/* Release (no-op when not held). */
void out_lock_release(struct out_lock *l);

#endif
