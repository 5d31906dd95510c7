/* http_curl.h - libcurl, opened when the first transfer needs it (private
 * to http.c and send_smtp.c).
 *
 * eimon does not link libcurl at start: libcurl brings about thirty
 * shared libraries (TLS, Kerberos, LDAP, SSH, IDN...) whose loading and
 * constructors cost about 6 ms of CPU on every run, a tenth of a sample
 * build, and most runs (offline builds, check, read, notes) never open a
 * connection. git keeps libcurl out of its main binary for the same
 * reason (its transports live in git-remote-https).
 *
 * The table holds the libcurl functions http.c calls; each member has the
 * type of the libcurl function of the same name (curl/curl.h, curl/multi.h
 * of the headers eimon was built with: libcurl keeps its ABI within a
 * soname). */
#ifndef EIMON_HTTP_CURL_H
#define EIMON_HTTP_CURL_H

#include <stddef.h>

#include <curl/curl.h>

struct http_curl {
	CURLcode (*global_init)(long flags);
	void (*global_cleanup)(void);
	CURL *(*easy_init)(void);
	CURLcode (*easy_setopt)(CURL *h, CURLoption opt, ...);
	CURLcode (*easy_getinfo)(CURL *h, CURLINFO info, ...);
	CURLcode (*easy_perform)(CURL *h); /* send_smtp.c */
	const char *(*easy_strerror)(CURLcode c);
	void (*easy_cleanup)(CURL *h);
	struct curl_slist *(*slist_append)(struct curl_slist *l,
					   const char *s);
	void (*slist_free_all)(struct curl_slist *l);
	CURLM *(*multi_init)(void);
	CURLMcode (*multi_add_handle)(CURLM *m, CURL *h);
	CURLMcode (*multi_remove_handle)(CURLM *m, CURL *h);
	CURLMcode (*multi_perform)(CURLM *m, int *running);
	CURLMcode (*multi_poll)(CURLM *m, struct curl_waitfd extra[],
				unsigned int n, int timeout_ms, int *ret);
	CURLMsg *(*multi_info_read)(CURLM *m, int *queued);
	CURLMcode (*multi_cleanup)(CURLM *m);
};

/* Open libcurl (libcurl.so.4, else libcurl-gnutls.so.4) and find every
 * function: the table, valid until exit, or NULL with why (the loader's
 * message) filled. Later calls return the same table. Not thread-safe:
 * http_global_init calls it. */
const struct http_curl *http_curl_load(char *why, size_t whylen);

#endif
