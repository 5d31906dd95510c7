/* send_list.c - recipient list files (send_int.h). */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "mail.h"
#include "send_int.h"
#include "xalloc.h"
#include "banned.h"

#define LIST_MAX_BYTES ((size_t)16 << 20)
#define NAME_MAX_BYTES 200

static char *trim(char *s, char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' ||
			   end[-1] == '\r'))
		end--;
	*end = '\0';
	return s;
}

/* -1 here, not eim_error_set's result: the callers' analysis then knows
 * a failure never fills the recipient */
static int bad(struct eim_error *err, const char *path, int line, int col,
	       const char *what)
{
	eim_error_set(err, EIM_DATA, path, line, col, "%s", what);
	return -1;
}

/* Parse one non-empty line (NUL-terminated, trimmed) into r. */
static int parse_line(const char *path, int line, char *s, const char *start,
		      struct send_rcpt *r, struct eim_error *err)
{
	char *lt = strrchr(s, '<'), *name = NULL, *addr = s, *p;
	int col = (int)(s - start) + 1;

	if (lt) {
		char *gt = strchr(lt, '>');

		if (!gt || gt[1])
			return bad(err, path, line, (int)(lt - start) + 1,
				   "write an address as 'Name <local@domain>'"
				   " or 'local@domain'");
		*gt = '\0';
		addr = lt + 1;
		name = trim(s, lt);
		if (name[0] == '"') {
			size_t n = strlen(name);

			if (n < 2 || name[n - 1] != '"')
				return bad(err, path, line, col,
					   "unbalanced quotes in the name");
			name[n - 1] = '\0';
			name++;
		}
		if (!name[0])
			name = NULL;
	}
	for (p = name; p && *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7F)
			return bad(err, path, line, col,
				   "control character in the name");
	/* a name is one word of the To: header, which must stay within
	 * SMTP's 998 characters */
	if (name && strlen(name) > NAME_MAX_BYTES)
		return bad(err, path, line, col, "the name is longer than 200 "
			   "bytes");
	if (!mail_addr_valid(addr)) {
		eim_error_set(err, EIM_DATA, path, line,
			      (int)(addr - start) + 1,
			      "'%s' is not an email address (local@domain)",
			      addr);
		return -1;
	}
	r->addr = xstrdup(addr);
	r->key = xstrdup(addr);
	for (p = r->key; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	r->name = name ? xstrdup(name) : NULL;
	r->line = line;
	return 0;
}

const struct send_rcpt *send_list_find(const struct send_rcpts *l,
				       const char *key)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, key) == 0)
			return &l->v[i];
	return NULL;
}

int send_list_load(const char *path, struct send_rcpts *out,
		   struct eim_error *err)
{
	char *text = NULL, *p, *nl;
	size_t len;
	int line = 0, ret = -1;

	memset(out, 0, sizeof(*out));
	if (atomic_read_file(path, &text, &len))
		return eim_error_set(err, errno == ENOENT ? EIM_NOINPUT
							   : EIM_DATA,
				     path, 0, 0, "cannot read the recipient "
				     "list: %s", strerror(errno));
	if (len > LIST_MAX_BYTES || strlen(text) != len) {
		eim_error_set(err, EIM_DATA, path, 0, 0, "not a recipient list "
			      "(too large, or holds NUL bytes)");
		goto out;
	}
	for (p = text; *p; p = nl ? nl + 1 : p + strlen(p)) {
		struct send_rcpt r;
		char *s, *start = p;

		nl = strchr(p, '\n');
		line++;
		s = trim(p, nl ? nl : p + strlen(p));
		if (!s[0] || s[0] == '#')
			continue;
		memset(&r, 0, sizeof(r));
		if (parse_line(path, line, s, start, &r, err))
			goto out;
		if (send_list_find(out, r.key)) {
			free(r.addr);
			free(r.key);
			free(r.name);
			continue;
		}
		XGROW(out->v, out->cap, out->n + 1);
		out->v[out->n++] = r;
	}
	ret = 0;
out:
	free(text);
	return ret;
}

void send_list_release(struct send_rcpts *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].addr);
		free(l->v[i].key);
		free(l->v[i].name);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}
