/* strbuf.c - growable, capped string (see strbuf.h). */
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "banned.h"

char strbuf_empty[1];

void strbuf_init(struct strbuf *sb, size_t cap)
{
	sb->buf = strbuf_empty;
	sb->len = 0;
	sb->alloc = 0;
	sb->cap = cap ? cap : STRBUF_DEFAULT_CAP;
	sb->failed = 0;
}

void strbuf_release(struct strbuf *sb)
{
	size_t cap = sb->cap;

	if (sb->alloc)
		free(sb->buf);
	strbuf_init(sb, cap);
}

char *strbuf_detach(struct strbuf *sb, size_t *len)
{
	char *p = sb->alloc ? sb->buf : xstrdup("");

	if (len)
		*len = sb->len;
	strbuf_init(sb, sb->cap);
	return p;
}

void strbuf_reset(struct strbuf *sb)
{
	sb->len = 0; /* failed stays: see strbuf.h */
	if (sb->alloc)
		sb->buf[0] = '\0';
}

int strbuf_check(const struct strbuf *sb, const char *what,
		 struct eim_error *err)
{
	if (!sb->failed)
		return 0;
	return eim_error_set(err, EIM_DATA, NULL, 0, 0, "%s is larger than "
			     "%zu bytes, the size cap; nothing was written",
			     what, sb->cap ? sb->cap : STRBUF_DEFAULT_CAP);
}

static size_t effective_cap(const struct strbuf *sb)
{
	return sb->cap ? sb->cap : STRBUF_DEFAULT_CAP;
}

/* Make room for n more bytes plus the NUL; -1 if that passes the cap. */
static int grow(struct strbuf *sb, size_t n)
{
	size_t need, a;

	if (sb->failed || n > effective_cap(sb) ||
	    sb->len > effective_cap(sb) - n) {
		sb->failed = 1;
		return -1;
	}
	need = sb->len + n + 1;
	if (need <= sb->alloc)
		return 0;
	a = sb->alloc ? sb->alloc : 64;
	while (a < need)
		a *= 2;
	if (sb->alloc) {
		sb->buf = xrealloc(sb->buf, a);
	} else {
		sb->buf = xmalloc(a);
		sb->buf[0] = '\0';
	}
	sb->alloc = a;
	return 0;
}

int strbuf_add(struct strbuf *sb, const void *data, size_t n)
{
	if (grow(sb, n))
		return -1;
	if (n)
		memcpy(sb->buf + sb->len, data, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
	return 0;
}

int strbuf_adds(struct strbuf *sb, const char *s)
{
	return strbuf_add(sb, s, strlen(s));
}

int strbuf_addch(struct strbuf *sb, int c)
{
	char ch = (char)c;
	return strbuf_add(sb, &ch, 1);
}

int strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0) {
		sb->failed = 1;
		return -1;
	}
	if (grow(sb, (size_t)n))
		return -1;
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
	return 0;
}

int strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
	return r;
}

int strbuf_add_base64(struct strbuf *sb, const void *data, size_t n)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
				  "qrstuvwxyz0123456789+/";
	const unsigned char *d = data;
	size_t i;
	int ret = 0;

	for (i = 0; i < n && ret == 0; i += 3) {
		unsigned long v = (unsigned long)d[i] << 16;
		char q[4];

		if (i + 1 < n)
			v |= (unsigned long)d[i + 1] << 8;
		if (i + 2 < n)
			v |= d[i + 2];
		q[0] = b64[v >> 18];
		q[1] = b64[(v >> 12) & 63];
		q[2] = i + 1 < n ? b64[(v >> 6) & 63] : '=';
		q[3] = i + 2 < n ? b64[v & 63] : '=';
		ret = strbuf_add(sb, q, 4);
	}
	return ret;
}

int strbuf_add_csv(struct strbuf *sb, const char *s)
{
	const char *p;
	int r = 0;

	if (!strpbrk(s, ",\"\r\n"))
		return strbuf_adds(sb, s);
	r |= strbuf_addch(sb, '"');
	for (p = s; *p; p++) {
		if (*p == '"')
			r |= strbuf_addch(sb, '"');
		r |= strbuf_addch(sb, *p);
	}
	r |= strbuf_addch(sb, '"');
	return r ? -1 : 0;
}

int strbuf_add_json(struct strbuf *sb, const char *s)
{
	const unsigned char *p;
	int r = strbuf_addch(sb, '"');

	for (p = (const unsigned char *)s; *p && !r; p++) {
		switch (*p) {
		case '"': r = strbuf_adds(sb, "\\\""); break;
		case '\\': r = strbuf_adds(sb, "\\\\"); break;
		case '\n': r = strbuf_adds(sb, "\\n"); break;
		case '\r': r = strbuf_adds(sb, "\\r"); break;
		case '\t': r = strbuf_adds(sb, "\\t"); break;
		default:
			if (*p < 0x20)
				r = strbuf_addf(sb, "\\u%04x", *p);
			else
				r = strbuf_addch(sb, *p);
		}
	}
	return r ? -1 : strbuf_addch(sb, '"');
}

int strbuf_add_double(struct strbuf *sb, double v)
{
	char buf[40];
	int prec;

	for (prec = 15; prec <= 17; prec++) {
		snprintf(buf, sizeof(buf), "%.*g", prec, v);
		if (prec == 17 || strtod(buf, NULL) == v)
			break;
	}
	return strbuf_adds(sb, buf);
}
