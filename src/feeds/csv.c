/* csv.c - streaming RFC 4180 reader (see csv.h).
 *
 * A record is parsed from buf[pos..end) field by field: an unquoted field
 * ends at the next ',' or '\n', a quoted one at the next '"' not doubled
 * (newlines inside it are counted for positions); both searches look at
 * 16 bytes at a time (SSE2 where available). When the buffer ends inside
 * a record the unread tail moves to the front and the buffer is refilled,
 * and the record is parsed again from its start; nothing is written into
 * the buffer until a record is complete, so a re-parse sees the original
 * bytes. */
#include "csv.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "xalloc.h"
#include "banned.h"

#define CSV_PAD 64 /* readable bytes after the data, for 64-byte loads */

enum csv_src { SRC_FD, SRC_FILE, SRC_MEM };

#define FIELD_QUOTED 1
#define FIELD_DQ 2 /* holds "" to undouble */
#define FIELD_DONE 4 /* unquoted and NUL-terminated */

struct csv_reader {
	enum csv_src src;
	int fd;
	FILE *fp;
	const char *mem;
	size_t memlen, mempos;

	char *buf;
	size_t cap;       /* bytes usable for data (one more is allocated) */
	size_t pos, end;
	int eof;
	int started;      /* BOM checked */
	size_t max_line;

	long line;        /* line of buf[pos] */
	long rec_line;    /* line of the last record returned */
	size_t rec_pos;   /* its first byte in buf */

	struct csv_field *fields;
	size_t fcap, nf;
	int lazy;
	unsigned char *unq; /* FIELD_QUOTED | FIELD_DQ per field */
	size_t ucap;
	char name[EIM_PATH_MAX];
};

static struct csv_reader *reader_new(enum csv_src src, const char *display,
				     size_t max_line)
{
	struct csv_reader *r = xcalloc(1, sizeof(*r));

	r->src = src;
	r->fd = -1;
	r->max_line = max_line ? max_line : CSV_LINE_MAX_DEFAULT;
	r->cap = CSV_BLOCK + r->max_line;
	/* zeroed: vector loads past the data read defined bytes */
	r->buf = xcalloc(1, r->cap + 1 + CSV_PAD);
	r->line = 1;
	snprintf(r->name, sizeof(r->name), "%s", display ? display : "");
	return r;
}

struct csv_reader *csv_reader_fd(int fd, const char *display,
				 size_t max_line)
{
	struct csv_reader *r = reader_new(SRC_FD, display, max_line);
	r->fd = fd;
	return r;
}

struct csv_reader *csv_reader_file(FILE *f, const char *display,
				   size_t max_line)
{
	struct csv_reader *r = reader_new(SRC_FILE, display, max_line);
	r->fp = f;
	return r;
}

struct csv_reader *csv_reader_mem(const char *buf, size_t len,
				  const char *display, size_t max_line)
{
	struct csv_reader *r = reader_new(SRC_MEM, display, max_line);
	r->mem = buf;
	r->memlen = len;
	return r;
}

void csv_reader_free(struct csv_reader *r)
{
	if (!r)
		return;
	free(r->buf);
	free(r->fields);
	free(r->unq);
	free(r);
}

long csv_reader_line(const struct csv_reader *r)
{
	return r->rec_line;
}

/* Line and column of q, counting from start, which is on line first
 * (column 1). Fields end in NULs written over separators; a quoted field
 * keeps its newlines, so lines are counted from the record's start. */
static void position_of(const char *start, long first, const char *q,
			int *line, int *col)
{
	const char *s = start, *ls = start;
	long l = first;

	for (; s < q; s++) {
		if (*s == '\n') {
			l++;
			ls = s + 1;
		}
	}
	*line = (int)l;
	*col = (int)(q - ls) + 1;
}

/* ... of byte q of the record being parsed (it starts at pos). */
static void reader_position(const struct csv_reader *r, const char *q,
			    int *line, int *col)
{
	position_of(r->buf + r->pos, r->line, q, line, col);
}

void csv_reader_where(const struct csv_reader *r, const char *p, int *line,
		      int *col)
{
	position_of(r->buf + r->rec_pos, r->rec_line, p, line, col);
}

const char *csv_reader_name(const struct csv_reader *r)
{
	return r->name;
}

/* Move the unread tail to the front and read until the buffer is full
 * or the input ends. */
static int reader_fill(struct csv_reader *r, struct eim_error *err)
{
	size_t tail = r->end - r->pos;

	if (r->pos > 0) {
		memmove(r->buf, r->buf + r->pos, tail);
		r->pos = 0;
		r->end = tail;
	}
	/* one block at a time: a block that stays in the CPU cache while it
	 * is parsed is several times faster than a larger one */
	size_t want = r->end + CSV_BLOCK < r->cap ? r->end + CSV_BLOCK : r->cap;

	while (!r->eof && r->end < want) {
		size_t room = want - r->end;
		size_t got = 0;

		if (r->src == SRC_MEM) {
			got = r->memlen - r->mempos < room ? r->memlen - r->mempos
							   : room;
			memcpy(r->buf + r->end, r->mem + r->mempos, got);
			r->mempos += got;
		} else if (r->src == SRC_FILE) {
			got = fread(r->buf + r->end, 1, room, r->fp);
			if (got == 0 && ferror(r->fp))
				return eim_error_set(err, EIM_DATA, r->name, 0, 0,
						     "cannot read: %s",
						     strerror(errno));
		} else {
			ssize_t n = read(r->fd, r->buf + r->end, room);
			if (n < 0) {
				if (errno == EINTR)
					continue;
				return eim_error_set(err, EIM_DATA, r->name, 0, 0,
						     "cannot read: %s",
						     strerror(errno));
			}
			got = (size_t)n;
		}
		if (got == 0)
			r->eof = 1;
		r->end += got;
	}
	if (!r->started && (r->end >= 3 || r->eof)) {
		r->started = 1;
		if (r->end >= 3 && memcmp(r->buf, "\xEF\xBB\xBF", 3) == 0)
			r->pos = 3;
	}
	return 0;
}

/* Rarely taken: make room for more fields. */
static void grow_fields(struct csv_reader *r, size_t need)
{
	size_t ucap = r->ucap;

	XGROW(r->fields, r->fcap, need);
	XGROW(r->unq, ucap, r->fcap);
	r->ucap = ucap;
}

static inline void add_field(struct csv_reader *r, size_t nf, char *p,
			     size_t len, int flags)
{
	if (nf >= r->fcap)
		grow_fields(r, nf + 1);
	r->fields[nf].p = p;
	r->fields[nf].len = len;
	r->unq[nf] = (unsigned char)flags;
}

/* First byte in [p, end) equal to a or b, else end. Fields are short, so
 * a call must be cheap: one 16-byte compare covers most. The buffer has
 * CSV_PAD readable bytes after its end, so loads may run past end. */
#if defined(__SSE2__)
static inline char *scan2(char *p, char *end, char a, char b)
{
	const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b);

	while (p < end) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
		unsigned m = (unsigned)_mm_movemask_epi8(
			_mm_or_si128(_mm_cmpeq_epi8(x, va), _mm_cmpeq_epi8(x, vb)));
		if (m) {
			char *r = p + __builtin_ctz(m);
			return r < end ? r : end;
		}
		p += 16;
	}
	return end;
}
#else
static inline char *scan2(char *p, char *end, char a, char b)
{
	while (p < end && *p != a && *p != b)
		p++;
	return p;
}
#endif

/* Parse one record at pos. 1: complete (*nf fields, *next just past it,
 * *lines newlines consumed); 0: needs more input; -1: error. */
static int parse_record(struct csv_reader *r, size_t *nf_out, size_t *next,
			long *lines, struct eim_error *err)
{
	char *const start = r->buf + r->pos;
	char *const end = r->buf + r->end;
	char *q = start;
	size_t nf = 0;
	long nls = 0;
	int line, col;

	for (;;) {
		if (q < end && *q == '"') {
			char *s = q + 1, *c;
			int dq = 0;
			for (;;) {
				c = scan2(s, end, '"', '\n');
				if (c == end) {
					if (!r->eof)
						return 0;
					reader_position(r, q, &line, &col);
					return eim_error_set(err, EIM_DATA, r->name,
							     line, col,
							     "unterminated quoted field");
				}
				if (*c == '\n') {
					nls++;
					s = c + 1;
					continue;
				}
				if (c + 1 == end && !r->eof)
					return 0;
				if (c + 1 < end && c[1] == '"') {
					dq = 1;
					s = c + 2;
					continue;
				}
				break;
			}
			add_field(r, nf++, q + 1, (size_t)(c - q - 1),
				  FIELD_QUOTED | (dq ? FIELD_DQ : 0));
			q = c + 1;
			if (q == end) {
				break; /* eof: last record without newline */
			} else if (*q == ',') {
				q++;
				continue;
			} else if (*q == '\n') {
				q++;
				nls++;
				break;
			} else if (*q == '\r' && (q + 1 == end || q[1] == '\n')) {
				if (q + 1 == end && !r->eof)
					return 0;
				q += q + 1 == end ? 1 : 2;
				nls++;
				break;
			}
			reader_position(r, q, &line, &col);
			return eim_error_set(err, EIM_DATA, r->name, line, col,
					     "unexpected character after a closing quote");
		} else {
			char *c = scan2(q, end, ',', '\n'), *e;
			if (c < end && *c == ',') {
				add_field(r, nf++, q, (size_t)(c - q), 0);
				q = c + 1;
				continue;
			}
			if (c == end && !r->eof)
				return 0;
			e = c;
			if (e > q && e[-1] == '\r')
				e--;
			add_field(r, nf++, q, (size_t)(e - q), 0);
			if (c == end) {
				q = end;
			} else {
				q = c + 1;
				nls++;
			}
			break;
		}
	}
	*nf_out = nf;
	*next = (size_t)(q - r->buf);
	*lines = nls;
	return 1;
}

#if defined(__SSE2__)
/* The fast path: 64 bytes at a time, bit masks of quotes, commas and
 * newlines; a prefix XOR of the quote mask marks the bytes inside quotes,
 * so the field ends are the commas and newlines outside, walked with ctz.
 * Anything unusual (a quote inside an unquoted field, text after a
 * closing quote, a final record without newline) returns 2 and the
 * record is parsed again by parse_record, which knows the exact error
 * positions. 1: complete; 0: needs more input. */
static inline uint64_t cmp64(__m128i x0, __m128i x1, __m128i x2, __m128i x3,
			     char c)
{
	const __m128i v = _mm_set1_epi8(c);
	uint64_t m0 = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x0, v));
	uint64_t m1 = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x1, v));
	uint64_t m2 = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x2, v));
	uint64_t m3 = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x3, v));

	return m0 | m1 << 16 | m2 << 32 | m3 << 48;
}

/* One 64-byte block at base as bit masks: quotes, commas, newlines and
 * (when want_f) the byte f0; the bits past avail bytes cleared. */
struct block_masks {
	uint64_t q, c, n, f;
};

static inline struct block_masks block_scan(const char *base, size_t avail,
					    int want_f, char f0)
{
	const __m128i *v = (const __m128i *)(const void *)base;
	__m128i x0 = _mm_loadu_si128(v), x1 = _mm_loadu_si128(v + 1);
	__m128i x2 = _mm_loadu_si128(v + 2), x3 = _mm_loadu_si128(v + 3);
	struct block_masks m;

	m.q = cmp64(x0, x1, x2, x3, '"');
	m.c = cmp64(x0, x1, x2, x3, ',');
	m.n = cmp64(x0, x1, x2, x3, '\n');
	m.f = want_f ? cmp64(x0, x1, x2, x3, f0) : 0;
	if (avail < 64) {
		uint64_t lim = ((uint64_t)1 << avail) - 1;

		m.q &= lim;
		m.c &= lim;
		m.n &= lim;
		m.f &= lim;
	}
	return m;
}

static inline uint64_t prefix_xor(uint64_t x)
{
	x ^= x << 1;
	x ^= x << 2;
	x ^= x << 4;
	x ^= x << 8;
	x ^= x << 16;
	x ^= x << 32;
	return x;
}

/* Quotes inside a quoted field's content come in "" pairs. */
static int pairs_only(const char *s, const char *e)
{
	while (s < e) {
		if (*s == '"') {
			if (s + 1 >= e || s[1] != '"')
				return 0;
			s += 2;
		} else {
			s++;
		}
	}
	return 1;
}

/* Set bits of x (rare: newlines inside quotes); no popcnt in baseline
 * x86-64, and __builtin_popcountll would be a libgcc call. */
static inline long bits(uint64_t x)
{
	long k = 0;

	for (; x; x &= x - 1)
		k++;
	return k;
}

static int parse_fast(struct csv_reader *r, size_t *nf_out, size_t *next,
		      long *lines)
{
	char *const end = r->buf + r->end;
	char *base = r->buf + r->pos, *fs = base;
	uint64_t carry = 0;
	size_t nf = 0;
	long nls = 0;
	int qin = 0; /* quotes in the field before this chunk, besides fs */

	while (base < end) {
		struct block_masks m = block_scan(base, (size_t)(end - base), 0,
						  0);
		uint64_t q = m.q, c = m.c, n = m.n;
		uint64_t inside, d, done = 0, fsbit;

		inside = prefix_xor(q) ^ carry;
		d = (c | n) & ~inside;
		fsbit = fs >= base ? (uint64_t)1 << (fs - base) : 0;
		while (d) {
			int b = __builtin_ctzll(d);
			uint64_t below = ((uint64_t)1 << b) - 1;
			uint64_t fq = q & below & ~done & ~fsbit;
			char *dp = base + b, *e = dp;

			done = below | ((uint64_t)1 << b);
			if (*dp == '\n' && e > fs && e[-1] == '\r')
				e--;
			if (*fs == '"') {
				/* the closing quote is not an inner one */
				if (e - fs < 2 || e[-1] != '"')
					return 2;
				int dq = 0;
				if (e - 1 >= base)
					fq &= ~((uint64_t)1 << (e - 1 - base));
				if (qin || fq) { /* maybe "" inside: check */
					if (!pairs_only(fs + 1, e - 1))
						return 2;
					dq = memchr(fs + 1, '"',
						    (size_t)(e - fs - 2)) != NULL;
				}
				add_field(r, nf++, fs + 1, (size_t)(e - fs - 2),
					  FIELD_QUOTED | (dq ? FIELD_DQ : 0));
			} else {
				if (qin || fq || (fsbit & q))
					return 2;
				add_field(r, nf++, fs, (size_t)(e - fs), 0);
			}
			qin = 0;
			fs = dp + 1;
			fsbit = b < 63 ? (uint64_t)1 << (b + 1) : 0;
			if (*dp == '\n') {
				if (n & inside & below)
					nls += bits(n & inside & below);
				*nf_out = nf;
				*next = (size_t)(dp + 1 - r->buf);
				*lines = nls + 1;
				return 1;
			}
			d &= d - 1;
		}
		if (q & ~done & ~fsbit)
			qin = 1;
		if (n & inside)
			nls += bits(n & inside);
		carry = (uint64_t)0 - ((inside >> 63) & 1);
		base += 64;
	}
	return r->eof ? 2 : 0;
}
#endif

#if defined(__SSE2__)
static inline unsigned popcount64(uint64_t x)
{
	x -= (x >> 1) & 0x5555555555555555ULL;
	x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
	x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
	return (unsigned)((x * 0x0101010101010101ULL) >> 56);
}

/* One pass over the raw bytes, 64 at a time, as parse_fast: masks of
 * quotes, separators, newlines and the needle's first byte. A line whose
 * newline lies outside quotes is a whole record; it is skipped when no
 * needle candidate in it checks out and, if expect is set, it has expect
 * fields (the parser would reject it otherwise, so it is left to the
 * parser). A candidate running past the data counts as a match. */
static int skip_scan(struct csv_reader *r, const char *needle, size_t nlen,
		     size_t expect,
		     void (*each)(void *ctx, const char *rec, size_t len),
		     void *ctx)
{
	char *const end = r->buf + r->end;
	char *base = r->buf + r->pos, *ls = base;
	uint64_t carry = 0;
	size_t seps = 0; /* separators outside quotes in the line so far */
	int hit = 0;     /* needle seen in the line so far */

	while (base < end) {
		struct block_masks m = block_scan(base, (size_t)(end - base), 1,
						  needle[0]);
		uint64_t q = m.q, c = m.c, n = m.n, f = m.f;
		uint64_t inside, from = 0; /* bits of the line before this block */

		inside = prefix_xor(q) ^ carry;
		c &= ~inside;
		for (;;) {
			int b = n ? __builtin_ctzll(n) : 64;
			uint64_t upto = b < 64 ? ((uint64_t)1 << b) - 1 : ~(uint64_t)0;
			uint64_t part = upto & ~from, cand = f & part;

			for (; cand && !hit; cand &= cand - 1) {
				const char *k = base + __builtin_ctzll(cand);
				/* the last byte first: most candidates fail there */
				hit = (size_t)(end - k) < nlen ||
				      (k[nlen - 1] == needle[nlen - 1] &&
				       memcmp(k, needle, nlen) == 0);
			}
			seps += popcount64(c & part);
			if (b == 64)
				break;
			if ((inside >> b) & 1)
				return 0; /* a newline inside quotes */
			{
				char *nl = base + b;
				size_t len = (size_t)(nl - ls);
				int blank = len == 0 || (len == 1 && ls[0] == '\r');

				if (!blank && (hit || (expect && seps + 1 != expect)))
					return 0; /* the parser reads this one */
				if (!blank && each)
					each(ctx, ls, len);
				r->line++;
				r->pos = (size_t)(nl + 1 - r->buf);
				ls = nl + 1;
			}
			hit = 0;
			seps = 0;
			from = b < 63 ? ((uint64_t)2 << b) - 1 : ~(uint64_t)0;
			n &= n - 1;
		}
		carry = (uint64_t)0 - ((inside >> 63) & 1);
		base += 64;
	}
	return 1; /* the data ends inside a record */
}
#endif

int csv_reader_skip_without(struct csv_reader *r, const char *needle,
			    size_t nlen, size_t expect,
			    void (*each)(void *ctx, const char *rec,
					 size_t len),
			    void *ctx, struct eim_error *err)
{
#if defined(__SSE2__)
	if (nlen == 0 || memchr(needle, '"', nlen))
		return 0;
	for (;;) {
		if (r->pos == r->end && r->eof)
			return 0;
		if (r->pos < r->end && skip_scan(r, needle, nlen, expect, each,
						 ctx) == 0)
			return 0;
		/* the buffer ends inside a record: more input, unless the
		 * record is the last one or too long (the parser says so) */
		if (r->eof || r->end - r->pos >= r->max_line)
			return 0;
		if (reader_fill(r, err) < 0)
			return -1;
	}
#else
	(void)r; (void)needle; (void)nlen; (void)expect; (void)each;
	(void)ctx; (void)err;
	return 0;
#endif
}

int csv_reader_next(struct csv_reader *r, struct csv_field **fields,
		    size_t *n, struct eim_error *err)
{
	for (;;) {
		size_t nf = 0, next = 0, i;
		long lines = 0;
		int rc;

		if (r->pos == r->end) {
			if (r->eof)
				return 0;
			if (reader_fill(r, err) < 0)
				return -1;
			continue;
		}
#if defined(__SSE2__)
		rc = parse_fast(r, &nf, &next, &lines);
		if (rc == 2)
			rc = parse_record(r, &nf, &next, &lines, err);
#else
		rc = parse_record(r, &nf, &next, &lines, err);
#endif
		if (rc < 0)
			return -1;
		if (rc == 0 || next - r->pos > r->max_line) {
			if (r->end - r->pos > r->max_line ||
			    (rc == 1 && next - r->pos > r->max_line)) {
				int line, col;
				reader_position(r, r->buf + r->pos + r->max_line,
						&line, &col);
				return eim_error_set(err, EIM_DATA, r->name, line,
						     col,
						     "line longer than %zu bytes",
						     r->max_line);
			}
			if (reader_fill(r, err) < 0)
				return -1;
			continue;
		}
		r->rec_line = r->line;
		r->rec_pos = r->pos;
		r->line += lines;
		r->pos = next;
		if (nf == 1 && r->fields[0].len == 0 &&
		    !(r->unq[0] & FIELD_QUOTED))
			continue; /* blank line */
		r->nf = nf;
		if (!r->lazy)
			for (i = 0; i < nf; i++)
				csv_field_finish(r, i);
		*fields = r->fields;
		*n = nf;
		return 1;
	}
}

void csv_reader_lazy(struct csv_reader *r, int on)
{
	r->lazy = on;
}

char *csv_field_finish(struct csv_reader *r, size_t i)
{
	struct csv_field *f = &r->fields[i];

	if (r->unq[i] & FIELD_DONE)
		return f->p;
	if (r->unq[i] & FIELD_DQ) {
		/* "" -> " in place */
		char *s = f->p, *d = f->p, *e = f->p + f->len;
		while (s < e) {
			*d++ = *s;
			s += (*s == '"') ? 2 : 1;
		}
		f->len = (size_t)(d - f->p);
	}
	/* the byte after a field is its delimiter or closing quote (or the
	 * spare byte after the data): free to overwrite */
	f->p[f->len] = '\0';
	r->unq[i] |= FIELD_DONE;
	return f->p;
}

void csv_record_finish(struct csv_reader *r)
{
	size_t i;

	for (i = 0; i < r->nf; i++)
		csv_field_finish(r, i);
}

int csv_find_column(const struct csv_field *header, size_t n,
		    const char *name)
{
	size_t i, nl = strlen(name);

	for (i = 0; i < n; i++) {
		const char *p = header[i].p;
		size_t len = header[i].len;
		while (len && (*p == ' ' || *p == '\t')) {
			p++;
			len--;
		}
		while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		if (len == nl && strncasecmp(p, name, nl) == 0)
			return (int)i;
	}
	return -1;
}

int csv_field_eq(const struct csv_field *f, const char *s)
{
	size_t l = strlen(s);
	return f->len == l && memcmp(f->p, s, l) == 0;
}
