/* send_smtp.c - one message to one recipient over SMTP with libcurl
 * (opened at run time, http_curl.h), and what a failure means. One easy
 * handle per session: libcurl keeps its connection open between
 * messages, so a batch goes over one connection. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "atomic.h"
#include "http.h"
#include "../fetch/http_curl.h"
#include "send_int.h"
#include "xalloc.h"
#include "banned.h"

#define SECRET_MAX 1024

struct smtp_session {
	const struct http_curl *cu;
	const struct dist_smtp *c;
	CURL *h;
	char *password;
	char url[600];
	const char *msg;
	size_t len, off;
	char errbuf[CURL_ERROR_SIZE];
};

static size_t read_cb(char *buf, size_t size, size_t n, void *arg)
{
	struct smtp_session *s = arg;
	size_t room = size * n, left = s->len - s->off;

	if (room > left)
		room = left;
	memcpy(buf, s->msg + s->off, room);
	s->off += room;
	return room;
}

int smtp_open(const struct dist_smtp *c, const char *password,
	      struct smtp_session **out, struct eim_error *err)
{
	struct smtp_session *s;
	char why[256];
	const struct http_curl *cu;

	*out = NULL;
	if (http_global_init(err))
		return -1;
	cu = http_curl_load(why, sizeof(why));
	if (!cu)
		return eim_error_set(err, EIM_SOFTWARE, NULL, 0, 0, "%s", why);
	s = xcalloc(1, sizeof(*s));
	s->cu = cu;
	s->c = c;
	s->password = password ? xstrdup(password) : NULL;
	snprintf(s->url, sizeof(s->url), "%s://%s:%ld/",
		 c->tls == DIST_TLS_IMPLICIT ? "smtps" : "smtp", c->host,
		 distribution_port(c));
	*out = s;
	return 0;
}

int smtp_password(const struct dist_smtp *s, const char *config,
		  char **out, struct eim_error *err)
{
	struct stat st;
	char *pw;
	size_t len;

	*out = NULL;
	if (s->password_env) {
		const char *v = getenv(s->password_env);

		if (!v || !v[0])
			return eim_error_set(err, EIM_DATA, config, 0, 0,
					     "password_env names '%s', which "
					     "is not set", s->password_env);
		*out = xstrdup(v);
		return 0;
	}
	if (!s->password_file)
		return 0;
	if (stat(s->password_file, &st))
		return eim_error_set(err, EIM_NOINPUT, s->password_file, 0, 0,
				     "cannot read the password file: %s",
				     strerror(errno));
	/* a secret any local user can read is not a secret */
	if (st.st_mode & S_IROTH)
		return eim_error_set(err, EIM_DATA, s->password_file, 0, 0,
				     "the password file is readable by "
				     "everyone: chmod o-r it");
	if (atomic_read_file(s->password_file, &pw, &len))
		return eim_error_set(err, EIM_NOINPUT, s->password_file, 0, 0,
				     "cannot read the password file: %s",
				     strerror(errno));
	*out = pw;
	while (len && (pw[len - 1] == '\n' || pw[len - 1] == '\r'))
		pw[--len] = '\0';
	if (!len || len > SECRET_MAX || strlen(pw) != len)
		return eim_error_set(err, EIM_DATA, s->password_file, 0, 0,
				     "the password file must hold one line");
	return 0;
}

void smtp_password_free(char *pw)
{
	volatile char *p = pw;

	/* not left in freed memory */
	while (p && *p)
		*p++ = '\0';
	free(pw);
}

#define SET(opt, val) \
	if (rc == CURLE_OK) \
		rc = s->cu->easy_setopt(s->h, opt, val)

static int setup(struct smtp_session *s)
{
	const struct dist_smtp *c = s->c;
	CURLcode rc = CURLE_OK;

	s->h = s->cu->easy_init();
	if (!s->h)
		return -1;
	SET(CURLOPT_URL, s->url);
	SET(CURLOPT_NOSIGNAL, 1L);
	SET(CURLOPT_ERRORBUFFER, s->errbuf);
	/* TLS required unless the config says "none" (a local relay):
	 * with CURLUSESSL_ALL libcurl refuses a server without STARTTLS */
	SET(CURLOPT_USE_SSL, (long)(c->tls == DIST_TLS_NONE ? CURLUSESSL_NONE
							   : CURLUSESSL_ALL));
	SET(CURLOPT_SSL_VERIFYPEER, 1L);
	SET(CURLOPT_SSL_VERIFYHOST, 2L);
	if (c->ca_file)
		SET(CURLOPT_CAINFO, c->ca_file);
	if (c->username) {
		SET(CURLOPT_USERNAME, c->username);
		SET(CURLOPT_PASSWORD, s->password ? s->password : "");
	}
	SET(CURLOPT_CONNECTTIMEOUT, c->timeout_s < 30 ? c->timeout_s : 30L);
	SET(CURLOPT_TIMEOUT, c->timeout_s);
	SET(CURLOPT_UPLOAD, 1L);
	SET(CURLOPT_READFUNCTION, read_cb);
	SET(CURLOPT_READDATA, s);
	if (rc != CURLE_OK) {
		s->cu->easy_cleanup(s->h);
		s->h = NULL;
		return -1;
	}
	return 0;
}

static enum smtp_outcome classify(struct smtp_session *s, CURLcode rc,
				  char *why, size_t whylen)
{
	long code = 0;
	const char *detail = s->errbuf[0] ? s->errbuf
					   : s->cu->easy_strerror(rc);

	s->cu->easy_getinfo(s->h, CURLINFO_RESPONSE_CODE, &code);
	snprintf(why, whylen, "%s", detail);
	switch (rc) {
	case CURLE_OK:
		return SMTP_SENT;
	case CURLE_COULDNT_CONNECT:
	case CURLE_COULDNT_RESOLVE_HOST:
		snprintf(why, whylen, "cannot connect to %s:%ld (%s)",
			 s->c->host, distribution_port(s->c), detail);
		return SMTP_NOCONNECT;
	case CURLE_USE_SSL_FAILED:
		snprintf(why, whylen, "%s:%ld offers no STARTTLS, and eimon "
			 "does not send in clear unless 'tls: none' (for a "
			 "local relay)", s->c->host, distribution_port(s->c));
		return SMTP_UNAVAILABLE;
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CONNECT_ERROR:
		snprintf(why, whylen, "TLS with %s:%ld failed: %s (is the "
			 "certificate trusted? see ca_file)", s->c->host,
			 distribution_port(s->c), detail);
		return SMTP_UNAVAILABLE;
	case CURLE_LOGIN_DENIED:
		snprintf(why, whylen, "%s:%ld refused the login of '%s'",
			 s->c->host, distribution_port(s->c),
			 s->c->username ? s->c->username : "");
		return SMTP_REFUSED;
	case CURLE_OPERATION_TIMEDOUT:
		return SMTP_TEMPORARY;
	default:
		break;
	}
	if (code >= 500 && code < 600) {
		/* the sender refused is the config's fault, for everyone */
		return strncmp(detail, "MAIL failed", 11) == 0 ? SMTP_REFUSED
							       : SMTP_REJECTED;
	}
	if (code >= 400 && code < 500)
		return SMTP_DEFERRED;
	return SMTP_TEMPORARY; /* the connection dropped */
}

enum smtp_outcome smtp_send(struct smtp_session *s, const char *from,
			    const char *to, const char *msg, size_t len,
			    char *why, size_t whylen)
{
	struct curl_slist *rcpt = NULL;
	char buf[300];
	CURLcode rc = CURLE_OK;
	enum smtp_outcome out;

	if (!s->h && setup(s)) {
		snprintf(why, whylen, "cannot set up libcurl for SMTP");
		return SMTP_UNAVAILABLE;
	}
	s->msg = msg;
	s->len = len;
	s->off = 0;
	s->errbuf[0] = '\0';
	snprintf(buf, sizeof(buf), "<%s>", to);
	rcpt = s->cu->slist_append(NULL, buf);
	snprintf(buf, sizeof(buf), "<%s>", from);
	SET(CURLOPT_MAIL_FROM, buf);
	SET(CURLOPT_MAIL_RCPT, rcpt);
	SET(CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
	if (rc == CURLE_OK && rcpt)
		rc = s->cu->easy_perform(s->h);
	out = rcpt ? classify(s, rc, why, whylen) : SMTP_TEMPORARY;
	s->cu->slist_free_all(rcpt);
	if (out != SMTP_SENT) {
		/* a fresh connection for whatever comes next */
		s->cu->easy_cleanup(s->h);
		s->h = NULL;
	}
	return out;
}

void smtp_close(struct smtp_session *s)
{
	if (!s)
		return;
	if (s->h)
		s->cu->easy_cleanup(s->h);
	smtp_password_free(s->password);
	free(s);
}
