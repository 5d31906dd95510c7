/* test_fsafe.c - the file policy of fsafe.h: no symbolic link below the
 * folder (last component or any other), no "..", regular files only (a
 * FIFO is refused at once, not waited on), reads capped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsafe.h"
#include "helpers/tdir.h"

/* dir/rel in one of two static buffers (two may be needed at once). */
static const char *at(const char *dir, const char *rel)
{
	static char buf[2][4096];
	static int k;

	k = !k;
	snprintf(buf[k], sizeof(buf[k]), "%s/%s", dir, rel);
	return buf[k];
}

/* fsafe_read of dir/rel: 0 or -1; the error's message into msg. */
static int try_read(const char *dir, const char *rel, int flags, size_t max,
		    char **buf, struct eim_error *err)
{
	size_t len;

	eim_error_init(err);
	return fsafe_read(dir, rel, flags, max, rel, buf, &len, err);
}

static void test_regular_files_read(void **state)
{
	char *dir = tdir_make(), *buf = NULL;
	struct eim_error err;

	(void)state;
	tdir_write(dir, "a.yaml", "x: 1\n");
	assert_int_equal(mkdir(at(dir, "sub"), 0755), 0);
	tdir_write(dir, "sub/b.yaml", "y: 2\n");
	assert_int_equal(try_read(dir, "a.yaml", FSAFE_NOFOLLOW, 0, &buf,
				  &err), 0);
	assert_string_equal(buf, "x: 1\n");
	free(buf);
	assert_int_equal(try_read(dir, "sub/b.yaml", FSAFE_NOFOLLOW, 0, &buf,
				  &err), 0);
	assert_string_equal(buf, "y: 2\n");
	free(buf);
	/* a missing file is "no input", not bad data */
	assert_int_equal(try_read(dir, "none.yaml", FSAFE_NOFOLLOW, 0, &buf,
				  &err), -1);
	assert_int_equal(err.kind, EIM_NOINPUT);
	tdir_remove(dir);
}

static void test_links_not_followed(void **state)
{
	char *dir = tdir_make(), *out = tdir_make(), *buf = NULL;
	struct eim_error err;

	(void)state;
	tdir_write(out, "secret", "root:x:0:0\n");
	assert_int_equal(mkdir(at(out, "d"), 0755), 0);
	tdir_write(out, "d/c.yaml", "root:x:0:0\n");
	assert_int_equal(symlink(at(out, "secret"),
				 at(dir, "link.yaml")), 0);
	assert_int_equal(symlink(at(out, "d"), at(dir, "ld")),
			 0);
	/* the last component */
	assert_int_equal(try_read(dir, "link.yaml", FSAFE_NOFOLLOW, 0, &buf,
				  &err), -1);
	assert_int_equal(err.kind, EIM_DATA);
	assert_non_null(strstr(err.msg, "symbolic link"));
	assert_null(strstr(err.msg, "root"));
	/* a folder on the way */
	assert_int_equal(try_read(dir, "ld/c.yaml", FSAFE_NOFOLLOW, 0, &buf,
				  &err), -1);
	assert_non_null(strstr(err.msg, "symbolic link"));
	/* and without a folder handle, the last component still */
	assert_int_equal(try_read(NULL, at(dir, "link.yaml"),
				  FSAFE_NOFOLLOW, 0, &buf, &err), -1);
	/* ".." does not climb out */
	tdir_write(dir, "x.yaml", "x\n");
	assert_int_equal(mkdir(at(dir, "s"), 0755), 0);
	assert_int_equal(try_read(dir, "s/../x.yaml", FSAFE_NOFOLLOW, 0, &buf,
				  &err), -1);
	/* a path the analyst named may be a link (flags 0) */
	assert_int_equal(try_read(NULL, at(dir, "link.yaml"), 0, 0,
				  &buf, &err), 0);
	free(buf);
	tdir_remove(dir);
	tdir_remove(out);
}

static void test_special_files_refused(void **state)
{
	char *dir = tdir_make(), *buf = NULL;
	struct eim_error err;

	(void)state;
	/* nobody writes to the FIFO: a blocking open would wait for ever */
	assert_int_equal(mkfifo(at(dir, "f.yaml"), 0644), 0);
	assert_int_equal(try_read(dir, "f.yaml", FSAFE_NOFOLLOW, 0, &buf,
				  &err), -1);
	assert_string_equal(err.msg, "not a regular file (folders, FIFOs and "
			    "devices are not read)");
	assert_int_equal(try_read(NULL, at(dir, "f.yaml"), 0, 0, &buf,
				  &err), -1);
	assert_int_equal(try_read(NULL, "/dev/zero", 0, 0, &buf, &err), -1);
	assert_int_equal(try_read(NULL, dir, 0, 0, &buf, &err), -1);
	tdir_remove(dir);
}

static void test_size_capped(void **state)
{
	char *dir = tdir_make(), *buf = NULL;
	struct eim_error err;

	(void)state;
	tdir_write(dir, "k", "0123456789");
	assert_int_equal(try_read(dir, "k", 0, 9, &buf, &err), -1);
	assert_string_equal(err.msg, "file too large (limit 9 bytes)");
	assert_int_equal(try_read(dir, "k", 0, 10, &buf, &err), 0);
	assert_string_equal(buf, "0123456789");
	free(buf);
	tdir_remove(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_regular_files_read),
		cmocka_unit_test(test_links_not_followed),
		cmocka_unit_test(test_special_files_refused),
		cmocka_unit_test(test_size_capped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
