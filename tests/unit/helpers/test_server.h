/* test_server.h - start tests/http_server.py for a unit test.
 *
 * test_server_start forks python3 on the script (found under $EIMON_TOP,
 * else the current directory), reads the port it prints and clears the
 * proxy variables so that libcurl talks to 127.0.0.1 directly.
 * test_server_stop kills and reaps it. test_server_url builds
 * "http://127.0.0.1:PORT/path" into a static buffer. */
#ifndef EIMON_TEST_SERVER_H
#define EIMON_TEST_SERVER_H

#include <sys/types.h>

struct test_server {
	pid_t pid;
	int port;     /* plain HTTP */
	int tls_port; /* HTTPS, certificate tests/data/http/test_cert.pem */
};

int test_server_start(struct test_server *s);
void test_server_stop(struct test_server *s);
const char *test_server_url(const struct test_server *s, const char *path);

#endif
