/* tdir.h - scratch folders for unit tests.
 *
 * tdir_make creates a fresh folder under $TMPDIR (or /tmp) and returns
 * its malloc'd path; tdir_remove deletes it recursively and frees the
 * path. tdir_join and tdir_slurp return malloc'd strings (slurp: file
 * contents, NULL if unreadable). tdir_count counts entries whose name
 * contains sub ("" counts all). Failures abort the test program. */
#ifndef EIMON_TDIR_H
#define EIMON_TDIR_H

char *tdir_make(void);
void tdir_remove(char *dir);
char *tdir_join(const char *dir, const char *rel);
char *tdir_slurp(const char *dir, const char *name);
void tdir_write(const char *dir, const char *name, const char *text);
int tdir_count(const char *dir, const char *sub);
/* Write an 8 x 4 white RGB PNG (a logo) at dir/name; its malloc'd path. */
char *tdir_png(const char *dir, const char *name);

#endif
