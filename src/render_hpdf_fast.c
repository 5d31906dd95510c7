/* render_hpdf_fast.c - faster definitions of four libharu 2.3.0
 * internals (see backend_pdf_int.h).
 * libhpdf calls them through its PLT, so a definition in the executable
 * takes their place (ELF symbol interposition); each gives libharu's
 * result. They are written against libharu 2.3.0 (Debian bookworm), and
 * test_render_hpdf_fast fails on any other version, so an upgrade is
 * re-checked before it ships.
 *
 * HPDF_FileReader_New: libharu reads a TrueType font (and a PNG logo)
 * through a FILE* a few bytes at a time, seeking between tables; each of
 * the 8 font loads of a build and each save of an embedded font did
 * about 300 lseek and 250 read system calls and a quarter of a million
 * fread calls. Here the file is read whole into memory once per open and
 * the stream reads from there, with the file reader's results (zeroed
 * buffer, short read at the end is HPDF_STREAM_EOF, seeks past the end
 * allowed).
 *
 * HPDF_MemCpy and HPDF_MemSet copy and fill a byte at a time; libharu
 * uses them for every stream it writes and for the embedded font data
 * (25% of the instructions of the sample build). Here longer copies are
 * memmove and fills memset; short copies (most calls: a token, a 2-4
 * byte field) and copies where libharu's forward loop over overlapping
 * bytes differs from memmove keep the loop.
 *
 * HPDF_TTFontDef_GetGlyphid: HPDF_GetFont with the UTF-8 encoder builds a
 * CIDToGIDMap by asking for the glyph of every one of the 65,536 BMP code
 * points, and libharu finds each one with a linear search over the format
 * 4 cmap segments (193 in DejaVu Sans; most code points pay the whole
 * scan). That was 41% of the sample build (8 fonts a build: regular and
 * bold, two layout passes, two PDFs).
 * libhpdf calls the function through its PLT, so this definition in the
 * executable takes its place (ELF symbol interposition).
 *
 * The result is the same as libharu's wherever libharu stays inside its
 * arrays (where it reads past them, this returns 0): format 0 and the
 * id_range_offset arithmetic are copied; the segment is found by binary
 * search only when the end codes are strictly increasing (the TrueType
 * rule), which is checked once per cmap; otherwise libharu's linear
 * search runs. The answers for all 65,536 code points of a sorted cmap
 * are then kept in a table shared by every later load of the same font
 * (same cmap content). Reads only the cmap part of the public struct in
 * <hpdf_fontdef.h>; tests/unit/test_render_hpdf_fast.c compares it with a
 * copy of the linear search for all 65,536 code points of both fonts. */
#include <errno.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_fontdef.h>
#include <hpdf_streams.h>
#include <hpdf_utils.h>

#include "backend_pdf_int.h"
#include "banned.h"

/* cmaps already seen, by the addresses of their arrays (a font loaded
 * again at freed addresses would be taken for the one before: render_pdf
 * calls backend_pdf_fast_forget before it frees a document). A slot knows
 * whether the end codes are sorted and remembers the segment of its last
 * lookup: HPDF_GetFont asks for code points in order and text stays
 * mostly in a few segments. */
#define SLOTS 16
/* The glyph of every BMP code point of one sorted cmap, computed once and
 * shared by every later load of a font with the same cmap (compared by
 * content): a build loads the same two fonts 8 times. */
#define TABLES 8

struct glyph_table {
	HPDF_UINT segs, ngarr;
	HPDF_UINT16 *copy; /* end, start, delta, range (segs each), glyphs */
	HPDF_UINT16 gid[65536];
};

struct cmap_slot {
	const HPDF_TTF_CmapRange *cm;
	const HPDF_UINT16 *end, *start, *range, *garr;
	const HPDF_INT16 *delta;
	HPDF_UINT segs, ngarr;
	int sorted, tried;
	HPDF_UINT last;
	const struct glyph_table *tab;
};

/* Slots are per thread (a thread's fonts are its own document's); the
 * tables are shared by content between threads, under tables_lock. */
static _Thread_local struct cmap_slot slots[SLOTS];
static _Thread_local unsigned slot_hit, slot_next;
static struct glyph_table *tables[TABLES];
static unsigned ntables;
static pthread_mutex_t tables_lock = PTHREAD_MUTEX_INITIALIZER;

void backend_pdf_fast_forget(void)
{
	memset(slots, 0, sizeof(slots));
	slot_hit = slot_next = 0;
}

static int slot_is(const struct cmap_slot *s, const HPDF_TTF_CmapRange *cm)
{
	return s->cm == cm && s->end == cm->end_count &&
	       s->segs == cm->seg_count_x2 / 2u &&
	       s->start == cm->start_count && s->delta == cm->id_delta &&
	       s->range == cm->id_range_offset &&
	       s->garr == cm->glyph_id_array &&
	       s->ngarr == cm->glyph_id_array_count;
}

static struct cmap_slot *cmap_slot(const HPDF_TTF_CmapRange *cm)
{
	struct cmap_slot *s = &slots[slot_hit];
	HPDF_UINT i;
	unsigned k;

	if (slot_is(s, cm))
		return s;
	for (k = 0; k < SLOTS; k++)
		if (slot_is(&slots[k], cm)) {
			slot_hit = k;
			return &slots[k];
		}
	slot_hit = slot_next++ % SLOTS;
	s = &slots[slot_hit];
	memset(s, 0, sizeof(*s));
	s->cm = cm;
	s->end = cm->end_count;
	s->start = cm->start_count;
	s->delta = cm->id_delta;
	s->range = cm->id_range_offset;
	s->garr = cm->glyph_id_array;
	s->segs = cm->seg_count_x2 / 2u;
	s->ngarr = cm->glyph_id_array_count;
	s->sorted = 1;
	for (i = 1; i < s->segs; i++)
		if (s->end[i] <= s->end[i - 1])
			s->sorted = 0;
	return s;
}

/* First segment whose end code is >= u (segs when none). */
static HPDF_UINT find_segment(struct cmap_slot *s, HPDF_UINT16 u)
{
	const HPDF_UINT16 *end = s->end;
	HPDF_UINT segs = s->segs, lo = 0, hi = segs, i;

	if (!s->sorted) {
		for (lo = 0; lo < segs && u > end[lo]; lo++)
			;
		return lo;
	}
	/* sorted, so "end[i] >= u > end[i - 1]" names the answer */
	for (i = s->last; i < segs && i <= s->last + 1; i++)
		if (u <= end[i] && (i == 0 || end[i - 1] < u)) {
			s->last = i;
			return i;
		}
	while (lo < hi) {
		HPDF_UINT mid = lo + (hi - lo) / 2;
		if (end[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < segs)
		s->last = lo;
	return lo;
}

/* libharu's format 4 lookup, with the segment found as above. */
static HPDF_UINT16 lookup(struct cmap_slot *s, HPDF_UINT16 unicode)
{
	HPDF_UINT i = find_segment(s, unicode), segs = s->segs;

	/* libharu reads past the table here; a valid cmap ends at 0xFFFF */
	if (i >= segs || s->start[i] > unicode)
		return 0;
	if (s->range[i] == 0)
		return (HPDF_UINT16)(unicode + s->delta[i]);
	{
		HPDF_UINT idx = s->range[i] / 2u + (unicode - s->start[i]) -
				(segs - i);
		/* libharu tests idx > count and so reads one past the
		 * array when idx == count: that is 0 here */
		if (idx >= s->ngarr)
			return 0;
		return (HPDF_UINT16)(s->garr[idx] + s->delta[i]);
	}
}

static int table_is(const struct glyph_table *t, const struct cmap_slot *s)
{
	size_t n = s->segs * sizeof(HPDF_UINT16);
	const HPDF_UINT16 *c = t->copy;

	return t->segs == s->segs && t->ngarr == s->ngarr &&
	       memcmp(c, s->end, n) == 0 &&
	       memcmp(c + s->segs, s->start, n) == 0 &&
	       memcmp(c + 2 * s->segs, s->delta, n) == 0 &&
	       memcmp(c + 3 * s->segs, s->range, n) == 0 &&
	       (s->ngarr == 0 ||
		memcmp(c + 4 * s->segs, s->garr,
		       s->ngarr * sizeof(HPDF_UINT16)) == 0);
}

/* The shared table for a sorted cmap: found by content or made; NULL
 * when out of memory or of table places (lookups then search). */
static const struct glyph_table *glyph_table_locked(struct cmap_slot *s)
{
	struct glyph_table *t;
	size_t n = s->segs * sizeof(HPDF_UINT16);
	unsigned k, u;

	for (k = 0; k < ntables; k++)
		if (table_is(tables[k], s))
			return tables[k];
	if (ntables == TABLES || (s->ngarr && !s->garr))
		return NULL;
	t = malloc(sizeof(*t));
	if (!t)
		return NULL;
	t->copy = malloc(4 * n + s->ngarr * sizeof(HPDF_UINT16) + 1);
	if (!t->copy) {
		free(t);
		return NULL;
	}
	t->segs = s->segs;
	t->ngarr = s->ngarr;
	memcpy(t->copy, s->end, n);
	memcpy(t->copy + s->segs, s->start, n);
	memcpy(t->copy + 2 * s->segs, s->delta, n);
	memcpy(t->copy + 3 * s->segs, s->range, n);
	if (s->ngarr)
		memcpy(t->copy + 4 * s->segs, s->garr,
		       s->ngarr * sizeof(HPDF_UINT16));
	for (u = 0; u < 65536; u++)
		t->gid[u] = lookup(s, (HPDF_UINT16)u);
	tables[ntables++] = t;
	return t;
}

static const struct glyph_table *glyph_table(struct cmap_slot *s)
{
	const struct glyph_table *t;

	pthread_mutex_lock(&tables_lock);
	t = glyph_table_locked(s);
	pthread_mutex_unlock(&tables_lock);
	return t;
}

/* Everything but the common case: a slot to find or make, a table to
 * find or make, or a cmap searched each time. */
static __attribute__((noinline)) HPDF_UINT16
glyphid_slow(HPDF_FontDef fontdef, const HPDF_TTF_CmapRange *cm,
	     HPDF_UINT16 unicode)
{
	struct cmap_slot *s;

	if (cm->format == 0)
		return cm->glyph_id_array[unicode & 0xFF];
	if (cm->seg_count_x2 == 0) {
		HPDF_SetError(fontdef->error, HPDF_TTF_INVALID_CMAP, 0);
		return 0;
	}
	s = cmap_slot(cm);
	if (s->tab)
		return s->tab->gid[unicode];
	if (s->sorted && !s->tried) {
		s->tried = 1;
		s->tab = glyph_table(s);
		if (s->tab)
			return s->tab->gid[unicode];
	}
	return lookup(s, unicode);
}

HPDF_UINT16 HPDF_TTFontDef_GetGlyphid(HPDF_FontDef fontdef,
				      HPDF_UINT16 unicode)
{
	const HPDF_TTF_CmapRange *cm =
		&((HPDF_TTFontDefAttr)fontdef->attr)->cmap;
	const struct cmap_slot *h = &slots[slot_hit];

	/* HPDF_GetFont's 65,536 questions: the same live font each time */
	if (h->tab && h->cm == cm && h->end == cm->end_count &&
	    h->start == cm->start_count && h->garr == cm->glyph_id_array &&
	    cm->format != 0)
		return h->tab->gid[unicode];
	return glyphid_slow(fontdef, cm, unicode);
}

HPDF_BYTE *HPDF_MemCpy(HPDF_BYTE *out, const HPDF_BYTE *in, HPDF_UINT n)
{
	uintptr_t o = (uintptr_t)out, i = (uintptr_t)in;
	HPDF_UINT k;

	/* most calls copy a token or a 2-4 byte field: libharu's own loop is
	 * cheaper there than a call to memmove */
	if (n <= 16 || (o > i && o - i < n)) {
		/* (out starting inside in: the byte loop repeats a pattern) */
		for (k = 0; k < n; k++)
			out[k] = in[k];
	} else {
		memmove(out, in, n);
	}
	return out + n;
}

void *HPDF_MemSet(void *s, HPDF_BYTE c, HPDF_UINT n)
{
	if (n)
		memset(s, c, n);
	return (HPDF_BYTE *)s + n;
}

struct mem_file {
	unsigned char *data;
	size_t size, pos;
};

static HPDF_STATUS mf_read(HPDF_Stream stream, HPDF_BYTE *ptr, HPDF_UINT *siz)
{
	struct mem_file *m = stream->attr;
	size_t avail = m->pos < m->size ? m->size - m->pos : 0;
	size_t n = *siz < avail ? *siz : avail, k;

	if (*siz <= 16) { /* the TrueType parser reads 2 and 4 bytes */
		for (k = 0; k < n; k++)
			ptr[k] = m->data[m->pos + k];
		for (; k < *siz; k++)
			ptr[k] = 0;
	} else {
		memset(ptr, 0, *siz);
		if (n)
			memcpy(ptr, m->data + m->pos, n);
	}
	m->pos += n;
	if (n < *siz) {
		*siz = (HPDF_UINT)n;
		return HPDF_STREAM_EOF;
	}
	return HPDF_OK;
}

static HPDF_STATUS mf_seek(HPDF_Stream stream, HPDF_INT pos,
			   HPDF_WhenceMode mode)
{
	struct mem_file *m = stream->attr;
	long base = mode == HPDF_SEEK_CUR ? (long)m->pos
		    : mode == HPDF_SEEK_END ? (long)m->size : 0;

	if (base + pos < 0) /* fseek fails with EINVAL, ferror stays 0 */
		return HPDF_SetError(stream->error, HPDF_FILE_IO_ERROR, 0);
	m->pos = (size_t)(base + pos);
	return HPDF_OK;
}

static HPDF_INT32 mf_tell(HPDF_Stream stream)
{
	return (HPDF_INT32)((struct mem_file *)stream->attr)->pos;
}

static HPDF_UINT32 mf_size(HPDF_Stream stream)
{
	return (HPDF_UINT32)((struct mem_file *)stream->attr)->size;
}

static void mf_free(HPDF_Stream stream)
{
	struct mem_file *m = stream->attr;

	if (m) {
		free(m->data);
		free(m);
	}
	stream->attr = NULL;
}

/* The whole of fname, or NULL with errno set. */
static struct mem_file *mf_load(const char *fname)
{
	FILE *f = fopen(fname, "rb");
	struct mem_file *m;
	size_t cap = 1 << 16;
	int saved;

	if (!f)
		return NULL;
	m = calloc(1, sizeof(*m));
	if (m && fseek(f, 0, SEEK_END) == 0) {
		long end = ftell(f);
		if (end > 0 && (unsigned long)end < 0x7FFFFFFFUL)
			cap = (size_t)end + 1;
		rewind(f);
	}
	if (m)
		m->data = malloc(cap);
	while (m && m->data) {
		size_t got = fread(m->data + m->size, 1, cap - m->size, f);
		m->size += got;
		if (m->size < cap) {
			if (ferror(f)) {
				free(m->data);
				m->data = NULL;
				errno = EIO;
			}
			break;
		}
		if (cap >= 0x7FFFFFFFUL / 2) {
			free(m->data);
			m->data = NULL;
			errno = EFBIG;
			break;
		}
		{
			unsigned char *d = realloc(m->data, cap * 2);
			if (!d) {
				free(m->data);
				m->data = NULL;
				errno = ENOMEM;
				break;
			}
			m->data = d;
			cap *= 2;
		}
	}
	saved = m && m->data ? 0 : errno ? errno : ENOMEM;
	fclose(f);
	if (saved) {
		free(m);
		errno = saved;
		return NULL;
	}
	return m;
}

HPDF_Stream HPDF_FileReader_New(HPDF_MMgr mmgr, const char *fname)
{
	struct mem_file *m = mf_load(fname);
	HPDF_Stream stream;

	if (!m) {
		HPDF_SetError(mmgr->error, HPDF_FILE_OPEN_ERROR,
			      (HPDF_STATUS)errno);
		return NULL;
	}
	stream = HPDF_GetMem(mmgr, sizeof(HPDF_Stream_Rec));
	if (!stream) {
		free(m->data);
		free(m);
		return NULL;
	}
	memset(stream, 0, sizeof(HPDF_Stream_Rec));
	stream->sig_bytes = HPDF_STREAM_SIG_BYTES;
	stream->type = HPDF_STREAM_UNKNOWN; /* nothing may take attr for a FILE */
	stream->error = mmgr->error;
	stream->mmgr = mmgr;
	stream->read_fn = mf_read;
	stream->seek_fn = mf_seek;
	stream->tell_fn = mf_tell;
	stream->size_fn = mf_size;
	stream->free_fn = mf_free;
	stream->attr = m;
	return stream;
}

void backend_pdf_fast_link(void)
{
}
