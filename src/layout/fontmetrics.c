/* fontmetrics.c - TrueType metrics parsed once per process (see
 * include/fontmetrics.h): the tables head, hhea, maxp, hmtx and the
 * Unicode format 4 cmap, every offset checked against the file size. */
#include "fontmetrics.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "layout_text.h"
#include "xalloc.h"
#include "fsafe.h"
#include "banned.h"

#define MAX_FONT_BYTES ((size_t)64 << 20)

struct font_node {
	struct font_metrics m;
	struct font_node *next;
};

static struct font_node *fonts;
static pthread_mutex_t fonts_lock = PTHREAD_MUTEX_INITIALIZER;

int font_find(int bold, char *buf, size_t size)
{
	static const char *const regular[] = {
		"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
		"/usr/share/fonts/TTF/DejaVuSans.ttf",
		"/usr/share/fonts/dejavu/DejaVuSans.ttf",
		"/usr/local/share/fonts/DejaVuSans.ttf",
		"/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
		"/usr/share/fonts/liberation/LiberationSans-Regular.ttf",
	};
	static const char *const boldf[] = {
		"/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
		"/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
		"/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
		"/usr/local/share/fonts/DejaVuSans-Bold.ttf",
		"/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
		"/usr/share/fonts/liberation/LiberationSans-Bold.ttf",
	};
	const char *const *list = bold ? boldf : regular;
	size_t i, n = sizeof(regular) / sizeof(regular[0]);

	for (i = 0; i < n; i++) {
		if (access(list[i], R_OK) == 0 && strlen(list[i]) < size) {
			snprintf(buf, size, "%s", list[i]);
			return 0;
		}
	}
	return -1;
}

/* ---- reading the file ------------------------------------------------- */
struct ttf {
	const unsigned char *p;
	size_t n;
};

static unsigned u16(const struct ttf *f, size_t off)
{
	return off + 2 <= f->n ? (unsigned)f->p[off] << 8 | f->p[off + 1] : 0;
}

static int s16(const struct ttf *f, size_t off)
{
	unsigned v = u16(f, off);

	return v >= 0x8000 ? (int)v - 0x10000 : (int)v;
}

static uint32_t u32(const struct ttf *f, size_t off)
{
	return off + 4 <= f->n ? (uint32_t)u16(f, off) << 16 | u16(f, off + 2)
			       : 0;
}

/* Offset and length of table tag, or -1 when absent or outside the file. */
static int table(const struct ttf *f, const char *tag, size_t *off,
		 size_t *len)
{
	unsigned i, n = u16(f, 4);

	for (i = 0; i < n; i++) {
		size_t rec = 12 + (size_t)i * 16;

		if (rec + 16 > f->n)
			return -1;
		if (memcmp(f->p + rec, tag, 4) == 0) {
			*off = u32(f, rec + 8);
			*len = u32(f, rec + 12);
			if (*off > f->n || *len > f->n - *off)
				return -1;
			return 0;
		}
	}
	return -1;
}

/* The format 4 subtable of the Windows Unicode BMP cmap (3,1), else of a
 * Unicode platform one (0,*): what libharu embeds the font by. */
static int find_cmap4(const struct ttf *f, size_t cmap, size_t clen,
		      size_t *sub)
{
	unsigned i, n = u16(f, cmap + 2);
	int pass;

	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < n && 4 + (size_t)i * 8 + 8 <= clen; i++) {
			size_t rec = cmap + 4 + (size_t)i * 8;
			unsigned plat = u16(f, rec), enc = u16(f, rec + 2);
			size_t off = cmap + u32(f, rec + 4);

			if ((pass == 0 && !(plat == 3 && enc == 1)) ||
			    (pass == 1 && plat != 0))
				continue;
			if (off + 14 <= f->n && u16(f, off) == 4) {
				*sub = off;
				return 0;
			}
		}
	return -1;
}

/* Advance in 1/1000 em of glyph g (0 when g is not in the font): glyphs
 * past the long metrics repeat the last advance. */
static unsigned short advance(const struct ttf *f, const struct font_metrics *m,
			      size_t hmtx, unsigned nmetrics, unsigned nglyphs,
			      unsigned g)
{
	unsigned a;

	if (g >= nglyphs)
		g = 0;
	a = u16(f, hmtx + 4 * (size_t)(g < nmetrics ? g : nmetrics - 1));
	return (unsigned short)(a * 1000u / m->units_per_em);
}

/* Every code point's glyph from the format 4 subtable at sub, segment by
 * segment (a code point in no segment has glyph 0, .notdef). */
static void map_cmap4(const struct ttf *f, size_t sub, unsigned segs,
		      struct font_metrics *m, size_t hmtx, unsigned nmetrics,
		      unsigned nglyphs)
{
	size_t ends = sub + 14, starts = ends + 2 * (size_t)segs + 2;
	size_t deltas = starts + 2 * (size_t)segs;
	size_t ranges = deltas + 2 * (size_t)segs;
	unsigned short notdef = advance(f, m, hmtx, nmetrics, nglyphs, 0);
	unsigned i, u, lo = 0;

	for (u = 0; u < 65536; u++)
		m->adv[u] = notdef;
	for (i = 0; i < segs; i++) {
		unsigned end = u16(f, ends + 2 * (size_t)i);
		unsigned first = u16(f, starts + 2 * (size_t)i), start = first;
		unsigned delta = u16(f, deltas + 2 * (size_t)i);
		unsigned ro = u16(f, ranges + 2 * (size_t)i);

		/* the first segment whose end is >= u owns u (end codes
		 * rise; a segment out of order owns nothing below lo) */
		if (start < lo)
			start = lo;
		for (u = start; u <= end; u++) {
			unsigned g;

			if (ro == 0) {
				g = (u + delta) & 0xFFFF;
			} else {
				g = u16(f, ranges + 2 * (size_t)i + ro +
					   2 * (size_t)(u - first));
				if (g)
					g = (g + delta) & 0xFFFF;
			}
			if (g && g < nglyphs) {
				m->mapped[u >> 3] |=
					(unsigned char)(1u << (u & 7));
				m->adv[u] = advance(f, m, hmtx, nmetrics,
						    nglyphs, g);
			}
		}
		if (end + 1 > lo)
			lo = end + 1;
	}
}

static int parse(const struct ttf *f, struct font_metrics *m)
{
	size_t head, hhea, maxp, hmtx, cmap, sub, len, hlen;
	unsigned nmetrics, nglyphs, segs;

	if (f->n < 12 || (u32(f, 0) != 0x00010000u &&
			  memcmp(f->p, "true", 4) != 0))
		return -1;
	if (table(f, "head", &head, &len) || len < 54 ||
	    table(f, "hhea", &hhea, &len) || len < 36 ||
	    table(f, "maxp", &maxp, &len) || len < 6 ||
	    table(f, "hmtx", &hmtx, &hlen) ||
	    table(f, "cmap", &cmap, &len) || find_cmap4(f, cmap, len, &sub))
		return -1;
	m->units_per_em = u16(f, head + 18);
	nmetrics = u16(f, hhea + 34);
	nglyphs = u16(f, maxp + 4);
	segs = u16(f, sub + 6) / 2;
	if (m->units_per_em < 16 || nmetrics == 0 ||
	    (size_t)nmetrics * 4 > hlen ||
	    sub + 16 + 8 * (size_t)segs > f->n)
		return -1;
	m->ascent = s16(f, hhea + 4) / (double)m->units_per_em;
	m->descent = -s16(f, hhea + 6) / (double)m->units_per_em;
	if (m->ascent <= 0 || m->descent < 0)
		return -1;
	m->adv = xmalloc(65536 * sizeof(*m->adv));
	m->mapped = xcalloc(65536 / 8, 1);
	map_cmap4(f, sub, segs, m, hmtx, nmetrics, nglyphs);
	return 0;
}

/* The font file by the policy of fsafe.h: a regular file (a FIFO named
 * as a font must not hang the build), at most MAX_FONT_BYTES. */
static unsigned char *read_file(const char *path, size_t *n)
{
	struct eim_error e;
	char *buf = NULL;

	eim_error_init(&e);
	*n = 0;
	if (fsafe_read(NULL, path, 0, MAX_FONT_BYTES, path, &buf, n, &e))
		return NULL;
	return (unsigned char *)buf;
}

static const struct font_metrics *load_locked(const char *path,
					      struct eim_error *err)
{
	struct font_node *node;
	struct ttf f;
	unsigned char *data;

	for (node = fonts; node; node = node->next)
		if (strcmp(node->m.path, path) == 0)
			return &node->m;
	if (strlen(path) >= EIM_PATH_MAX) {
		eim_error_set(err, EIM_NOINPUT, path, 0, 0,
			      "font path too long");
		return NULL;
	}
	data = read_file(path, &f.n);
	if (!data) {
		eim_error_set(err, EIM_NOINPUT, NULL, 0, 0,
			      "cannot read font '%s'", path);
		return NULL;
	}
	f.p = data;
	node = xcalloc(1, sizeof(*node));
	snprintf(node->m.path, sizeof(node->m.path), "%s", path);
	if (parse(&f, &node->m) != 0) {
		free(node->m.adv);
		free(node->m.mapped);
		free(node);
		free(data);
		eim_error_set(err, EIM_DATA, NULL, 0, 0, "cannot load TrueType "
			      "font '%s'", path);
		return NULL;
	}
	free(data);
	node->next = fonts;
	fonts = node;
	return &node->m;
}

const struct font_metrics *font_metrics_get(const char *path,
					    struct eim_error *err)
{
	const struct font_metrics *m;

	pthread_mutex_lock(&fonts_lock);
	m = load_locked(path, err);
	pthread_mutex_unlock(&fonts_lock);
	return m;
}

void font_metrics_clear(void)
{
	pthread_mutex_lock(&fonts_lock);
	while (fonts) {
		struct font_node *next = fonts->next;

		free(fonts->m.adv);
		free(fonts->m.mapped);
		free(fonts);
		fonts = next;
	}
	pthread_mutex_unlock(&fonts_lock);
}

int font_has_glyph(const struct font_metrics *m, unsigned u)
{
	return u <= 0xFFFF && (m->mapped[u >> 3] >> (u & 7) & 1);
}

double font_text_width(const struct font_metrics *m, const char *s,
		       size_t len, double size)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + len;
	unsigned long sum = 0;

	while (p < e) {
		size_t n = text_utf8_len((const char *)p, (size_t)(e - p));
		unsigned u = 0xFFFD;

		if (n == 1 && p[0] < 0x80)
			u = p[0];
		else if (n == 2)
			u = (unsigned)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
		else if (n == 3)
			u = (unsigned)(p[0] & 0x0F) << 12 |
			    (unsigned)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
		sum += m->adv[u];
		p += n;
	}
	return (double)sum * size / 1000.0;
}
