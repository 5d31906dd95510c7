/* test_server.c - run the scripted HTTP test server (see test_server.h). */
#include "test_server.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int test_server_start(struct test_server *s)
{
	static const char *const proxies[] = {
		"http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY",
		"all_proxy", "ALL_PROXY"
	};
	const char *top = getenv("EIMON_TOP");
	char script[1024], line[32];
	int fd[2];
	ssize_t n;
	size_t i, got = 0;

	for (i = 0; i < sizeof(proxies) / sizeof(proxies[0]); i++)
		unsetenv(proxies[i]);
	snprintf(script, sizeof(script), "%s/tests/http_server.py",
		 top ? top : ".");
	if (pipe(fd))
		return -1;
	s->pid = fork();
	if (s->pid < 0)
		return -1;
	if (s->pid == 0) {
		close(fd[0]);
		dup2(fd[1], 1);
		close(fd[1]);
		execlp("python3", "python3", script, (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	while (got < sizeof(line) - 1) {
		n = read(fd[0], line + got, 1);
		if (n <= 0 || line[got] == '\n')
			break;
		got++;
	}
	line[got] = '\0';
	close(fd[0]);
	{
		char *end;

		s->port = (int)strtol(line, &end, 10);
		s->tls_port = (int)strtol(end, NULL, 10);
	}
	if (s->port <= 0 || s->tls_port <= 0) {
		test_server_stop(s);
		return -1;
	}
	return 0;
}

void test_server_stop(struct test_server *s)
{
	if (s->pid > 0) {
		kill(s->pid, SIGTERM);
		waitpid(s->pid, NULL, 0);
	}
	s->pid = 0;
}

const char *test_server_url(const struct test_server *s, const char *path)
{
	static char buf[4][512];
	static int k;

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof(buf[k]), "http://127.0.0.1:%d%s", s->port,
		 path);
	return buf[k];
}
