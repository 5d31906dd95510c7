/* hpdf_glyphid.c - libharu 2.3.0's HPDF_TTFontDef_GetGlyphid done by
 * binary search and a shared table (see backend_pdf_int.h).
 *
 * HPDF_GetFont with the UTF-8 encoder builds a CIDToGIDMap by asking for
 * the glyph of every one of the 65,536 BMP code points, and libharu finds
 * each one with a linear search over the format 4 cmap segments (193 in
 * DejaVu Sans; most code points pay the whole scan). With fonts loaded
 * once per PDF that is still about a fifth of the sample build's CPU
 * time, so it stays (BENCHMARKS.md). The replacements of HPDF_MemCpy,
 * HPDF_MemSet (libc instead of byte loops: 5% of the instructions now,
 * no difference in time that could be measured) and HPDF_FileReader_New
 * (the font file read whole: nothing) no longer paid once fonts are
 * measured once and loaded once per PDF, and are gone.
 *
 * How it takes effect: libhpdf calls the function through its PLT, so
 * this definition in the executable takes its place (ELF symbol
 * interposition). It is compiled only against libharu 2.3.0's headers
 * (HPDF_VERSION_ID) and when the build does not say HPDF_INTERPOSE=0
 * (needed to link a static libhpdf), and it does its own work only when
 * the library loaded says it is 2.3.0 (HPDF_GetVersion, checked once);
 * otherwise it calls libharu's own function (dlsym RTLD_NEXT).
 * backend_pdf_interpose_hits counts the calls it answered, so a test
 * proves libharu actually reaches it in this build.
 *
 * The result is the same as libharu's wherever libharu stays inside its
 * arrays (where it reads past them, this returns 0): format 0 and the
 * id_range_offset arithmetic are copied; the segment is found by binary
 * search only when the end codes are strictly increasing (the TrueType
 * rule), which is checked once per cmap; otherwise libharu's linear
 * search runs. The answers for all 65,536 code points of a sorted cmap
 * are then kept in a table shared by every later load of the same font
 * (same cmap content). Reads only the cmap part of the public struct in
 * <hpdf_fontdef.h>; tests/unit/test_hpdf_glyphid.c compares it with a
 * copy of the linear search for all 65,536 code points of both fonts. */
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_fontdef.h>
#include <hpdf_version.h>

#include "backend_pdf_int.h"
#include "banned.h"

/* ---- when to take effect ---------------------------------------------- */
static pthread_once_t once = PTHREAD_ONCE_INIT;
static struct backend_pdf_plain plain; /* libharu's own */
/* what backend_pdf_interpose answers + 2 (0: not decided yet); read on
 * every call of the replacements, so an atomic load (a plain load on
 * x86) decides, not pthread_once */
static _Atomic int decided;
static _Atomic unsigned long hits[BACKEND_PDF_NHITS];
_Thread_local unsigned long backend_pdf_my_hits[BACKEND_PDF_NHITS];

static void check_version(void)
{
	void *g = dlsym(RTLD_NEXT, "HPDF_TTFontDef_GetGlyphid");
	void *d = dlsym(RTLD_NEXT, "HPDF_Stream_WriteToStreamWithDeflate");
	int answer = 0;

	/* POSIX: a dlsym result converts to a function pointer (ISO C has
	 * no cast for it, so the bytes are copied) */
	memcpy(&plain.glyphid, &g, sizeof(g));
	memcpy(&plain.deflate, &d, sizeof(d));
#if defined(EIMON_HPDF_INTERPOSE)
	if (strcmp(HPDF_GetVersion(), "2.3.0") == 0)
		answer = 1;
	/* not 2.3.0 and no libharu function to hand over to: refuse rather
	 * than read another version's structures */
	else if (!g || !d)
		answer = -1;
#endif
	decided = answer + 2;
}

int backend_pdf_interpose(void)
{
	int d = decided;

	if (d == 0) {
		pthread_once(&once, check_version);
		d = decided;
	}
	return d - 2;
}

const struct backend_pdf_plain *backend_pdf_plain(void)
{
	pthread_once(&once, check_version);
	return &plain;
}

void backend_pdf_interpose_hits(unsigned long out[BACKEND_PDF_NHITS])
{
	int i;

	for (i = 0; i < BACKEND_PDF_NHITS; i++)
		out[i] = hits[i];
}

#if defined(EIMON_HPDF_INTERPOSE)

/* cmaps already seen, by the addresses of their arrays. A font loaded at
 * the addresses of a freed one is not taken for it: HPDF_GetFont's run of
 * questions starts at code point 0, which drops the slot, and the table
 * is found again by content (backend_pdf_fast_forget also clears them
 * when a document is freed). A slot knows
 * whether the end codes are sorted and remembers the segment of its last
 * lookup: HPDF_GetFont asks for code points in order and text stays
 * mostly in a few segments. */
#define SLOTS 16
/* The glyph of every BMP code point of one sorted cmap, computed once and
 * shared by every later load of a font with the same cmap (compared by
 * content): a build loads the same two fonts 4 times. */
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

/* Forget the slot of the cmap at cm's addresses, if any. */
static void drop_slot(const HPDF_TTF_CmapRange *cm)
{
	unsigned k;

	for (k = 0; k < SLOTS; k++)
		if (slot_is(&slots[k], cm))
			memset(&slots[k], 0, sizeof(slots[k]));
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
	const HPDF_TTF_CmapRange *cm;
	const struct cmap_slot *h = &slots[slot_hit];

	if (backend_pdf_interpose() != 1) {
		backend_pdf_glyphid_fn f = backend_pdf_plain()->glyphid;

		return f ? f(fontdef, unicode) : 0;
	}
	backend_pdf_my_hits[BACKEND_PDF_GLYPHID]++;
	cm = &((HPDF_TTFontDefAttr)fontdef->attr)->cmap;

	/* HPDF_GetFont's 65,536 questions start at 0: a font loaded at the
	 * addresses of a freed one must not get its answers, so each run of
	 * them finds its slot and table again (by content) */
	if (unicode == 0)
		drop_slot(cm);
	/* the rest: the same live font each time */
	if (h->tab && h->cm == cm && h->end == cm->end_count &&
	    h->start == cm->start_count && h->garr == cm->glyph_id_array &&
	    cm->format != 0)
		return h->tab->gid[unicode];
	return glyphid_slow(fontdef, cm, unicode);
}

static void forget_slots(void)
{
	memset(slots, 0, sizeof(slots));
	slot_hit = slot_next = 0;
}
#else
static void forget_slots(void)
{
}
#endif /* EIMON_HPDF_INTERPOSE */

void backend_pdf_fast_forget(void)
{
	int i;

	for (i = 0; i < BACKEND_PDF_NHITS; i++) {
		hits[i] += backend_pdf_my_hits[i];
		backend_pdf_my_hits[i] = 0;
	}
	forget_slots();
}

void backend_pdf_fast_link(void)
{
}
