/* jsonptr.c - JSON Pointer (RFC 6901), see jsonptr.h. */
#include "jsonptr.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "banned.h"

/* Unescape token s[0..len) into out (len + 1 bytes); -1 on a bad escape. */
static int unescape(const char *s, size_t len, char *out)
{
	size_t i, o = 0;

	for (i = 0; i < len; i++) {
		if (s[i] != '~') {
			out[o++] = s[i];
			continue;
		}
		if (i + 1 >= len || (s[i + 1] != '0' && s[i + 1] != '1'))
			return -1;
		out[o++] = s[i + 1] == '0' ? '~' : '/';
		i++;
	}
	out[o] = '\0';
	return 0;
}

const cJSON *jsonptr_get(const cJSON *root, const char *ptr)
{
	const cJSON *cur = root;
	const char *p = ptr;

	if (!ptr || !root)
		return NULL;
	if (*p == '\0')
		return root;
	if (*p != '/')
		return NULL;
	while (cur && *p == '/') {
		const char *s = p + 1;
		const char *e = strchr(s, '/');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		char *tok = xmalloc(len + 1);

		if (unescape(s, len, tok)) {
			free(tok);
			return NULL;
		}
		if (cJSON_IsArray(cur)) {
			char *end;
			unsigned long i;
			if (!*tok || (tok[0] == '0' && tok[1]) ||
			    tok[0] < '0' || tok[0] > '9') {
				free(tok);
				return NULL;
			}
			i = strtoul(tok, &end, 10);
			cur = *end || i > 0x7fffffffUL
				      ? NULL
				      : cJSON_GetArrayItem(cur, (int)i);
		} else if (cJSON_IsObject(cur)) {
			cur = cJSON_GetObjectItemCaseSensitive(cur, tok);
		} else {
			cur = NULL;
		}
		free(tok);
		p = s + len;
	}
	return cur;
}
