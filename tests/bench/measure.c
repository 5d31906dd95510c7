/* measure.c - run one command and report what it cost (for make bench).
 *
 *   measure [-o FILE] CMD [ARG...]
 *
 * Runs CMD with its standard output sent to FILE (default /dev/null) and
 * prints one line to standard output:
 *
 *   wall_ms user_ms sys_ms maxrss_kb exit_status
 *
 * Wall time is CLOCK_MONOTONIC around fork..wait; the rest comes from
 * wait4's rusage of that child alone (ru_maxrss: its peak resident set
 * in KiB). Exits 1 when the command fails, so a broken run is never
 * mistaken for a fast one. */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double ms_of(struct timeval tv)
{
	return (double)tv.tv_sec * 1000.0 + (double)tv.tv_usec / 1000.0;
}

int main(int argc, char **argv)
{
	const char *outpath = "/dev/null";
	struct timespec t0, t1;
	struct rusage ru;
	int argi = 1, status = 0, code;
	pid_t pid;

	if (argc > 2 && strcmp(argv[1], "-o") == 0) {
		outpath = argv[2];
		argi = 3;
	}
	if (argi >= argc) {
		fprintf(stderr, "usage: measure [-o FILE] CMD [ARG...]\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid < 0) {
		perror("measure: fork");
		return 1;
	}
	if (pid == 0) {
		int fd = open(outpath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0 || dup2(fd, 1) < 0) {
			fprintf(stderr, "measure: cannot open '%s': %s\n", outpath,
				strerror(errno));
			_exit(127);
		}
		close(fd);
		execvp(argv[argi], argv + argi);
		fprintf(stderr, "measure: cannot run '%s': %s\n", argv[argi],
			strerror(errno));
		_exit(127);
	}
	while (wait4(pid, &status, 0, &ru) < 0) {
		if (errno != EINTR) {
			perror("measure: wait4");
			return 1;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	printf("%.1f %.1f %.1f %ld %d\n",
	       (double)(t1.tv_sec - t0.tv_sec) * 1000.0 +
		       (double)(t1.tv_nsec - t0.tv_nsec) / 1e6,
	       ms_of(ru.ru_utime), ms_of(ru.ru_stime), ru.ru_maxrss, code);
	return code == 0 ? 0 : 1;
}
