/* http_curl.c - open libcurl at run time (see http_curl.h). */
#include "http_curl.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "banned.h"

#define FN(member, symbol) { offsetof(struct http_curl, member), symbol }

static const struct {
	size_t off;
	const char *symbol;
} functions[] = {
	FN(global_init, "curl_global_init"),
	FN(global_cleanup, "curl_global_cleanup"),
	FN(easy_init, "curl_easy_init"),
	FN(easy_setopt, "curl_easy_setopt"),
	FN(easy_getinfo, "curl_easy_getinfo"),
	FN(easy_perform, "curl_easy_perform"),
	FN(easy_strerror, "curl_easy_strerror"),
	FN(easy_cleanup, "curl_easy_cleanup"),
	FN(slist_append, "curl_slist_append"),
	FN(slist_free_all, "curl_slist_free_all"),
	FN(multi_init, "curl_multi_init"),
	FN(multi_add_handle, "curl_multi_add_handle"),
	FN(multi_remove_handle, "curl_multi_remove_handle"),
	FN(multi_perform, "curl_multi_perform"),
	FN(multi_poll, "curl_multi_poll"),
	FN(multi_info_read, "curl_multi_info_read"),
	FN(multi_cleanup, "curl_multi_cleanup"),
};

/* The same soname in two builds: OpenSSL (libcurl4) and GnuTLS
 * (libcurl3-gnutls); both carry the libcurl 7/8 ABI. */
static const char *const sonames[] = {
	"libcurl.so.4",
	"libcurl-gnutls.so.4",
};

static struct http_curl table;
static int loaded;

const struct http_curl *http_curl_load(char *why, size_t whylen)
{
	const char *first_error = NULL;
	void *lib = NULL;
	size_t i;

	if (loaded)
		return &table;
	for (i = 0; i < sizeof(sonames) / sizeof(sonames[0]) && !lib; i++) {
		/* RTLD_GLOBAL: libcurl's own plug-ins (TLS engines) may look
		 * for its symbols; the library stays open until exit */
		lib = dlopen(sonames[i], RTLD_NOW | RTLD_GLOBAL);
		if (!lib && !first_error)
			first_error = dlerror();
	}
	if (!lib) {
		snprintf(why, whylen, "cannot load libcurl (%s); install "
			 "libcurl4", first_error ? first_error : "not found");
		return NULL;
	}
	for (i = 0; i < sizeof(functions) / sizeof(functions[0]); i++) {
		void *fn = dlsym(lib, functions[i].symbol);

		if (!fn) {
			snprintf(why, whylen, "libcurl has no %s (too old)",
				 functions[i].symbol);
			dlclose(lib);
			memset(&table, 0, sizeof(table));
			return NULL;
		}
		/* POSIX: a dlsym result converts to a function pointer;
		 * memcpy says so without ISO C's object-to-function cast */
		memcpy((char *)&table + functions[i].off, &fn, sizeof(fn));
	}
	loaded = 1;
	return &table;
}
