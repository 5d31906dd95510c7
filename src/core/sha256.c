/* sha256.c - SHA-256 after FIPS 180-4 §6.2 (see sha256.h).
 *
 * On x86-64 CPUs with the SHA extensions the blocks go through
 * sha256rnds2/msg1/msg2 (chosen at run time from CPUID): the portable
 * compression costs about 65 instructions a byte, and a build hashes every
 * input and output (12% of the sample build before). */
#include "sha256.h"

#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <cpuid.h>
#include <immintrin.h>
#define SHA256_X86 1
#endif

#include "banned.h"

static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void compress(uint32_t h[8], const unsigned char *p)
{
	uint32_t w[64], a, b, c, d, e, f, g, hh, t1, t2;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
	for (i = 16; i < 64; i++) {
		uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^
			      (w[i - 15] >> 3);
		uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^
			      (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	a = h[0]; b = h[1]; c = h[2]; d = h[3];
	e = h[4]; f = h[5]; g = h[6]; hh = h[7];
	for (i = 0; i < 64; i++) {
		t1 = hh + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) +
		     ((e & f) ^ (~e & g)) + K[i] + w[i];
		t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) +
		     ((a & b) ^ (a & c) ^ (b & c));
		hh = g; g = f; f = e; e = d + t1;
		d = c; c = b; b = a; a = t1 + t2;
	}
	h[0] += a; h[1] += b; h[2] += c; h[3] += d;
	h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

#ifdef SHA256_X86
/* Four rounds at a time: state kept as ABEF and CDGH, the schedule as
 * 16 vectors of 4 words (w[g] from w[g-4..g-1], FIPS 180-4 §6.2.2). */
__attribute__((target("sha,sse4.1")))
static void compress_shani(uint32_t h[8], const unsigned char *p,
			   size_t nblocks)
{
	const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL,
					     0x0405060700010203LL);
	__m128i st0, st1, tmp, abef, cdgh, w[4], msg;
	int g;

	tmp = _mm_loadu_si128((const __m128i *)(const void *)&h[0]);
	st1 = _mm_loadu_si128((const __m128i *)(const void *)&h[4]);
	tmp = _mm_shuffle_epi32(tmp, 0xB1);          /* CDAB */
	st1 = _mm_shuffle_epi32(st1, 0x1B);          /* EFGH */
	st0 = _mm_alignr_epi8(tmp, st1, 8);          /* ABEF */
	st1 = _mm_blend_epi16(st1, tmp, 0xF0);       /* CDGH */
	for (; nblocks; nblocks--, p += 64) {
		abef = st0;
		cdgh = st1;
		for (g = 0; g < 16; g++) {
			if (g < 4) {
				w[g] = _mm_shuffle_epi8(
					_mm_loadu_si128((const __m128i *)(const void *)(p + 16 * g)),
					bswap);
			} else {
				__m128i a = _mm_sha256msg1_epu32(w[g & 3],
								 w[(g + 1) & 3]);
				a = _mm_add_epi32(a, _mm_alignr_epi8(w[(g + 3) & 3],
								     w[(g + 2) & 3], 4));
				w[g & 3] = _mm_sha256msg2_epu32(a, w[(g + 3) & 3]);
			}
			msg = _mm_add_epi32(w[g & 3],
					    _mm_loadu_si128((const __m128i *)(const void *)&K[4 * g]));
			st1 = _mm_sha256rnds2_epu32(st1, st0, msg);
			msg = _mm_shuffle_epi32(msg, 0x0E);
			st0 = _mm_sha256rnds2_epu32(st0, st1, msg);
		}
		st0 = _mm_add_epi32(st0, abef);
		st1 = _mm_add_epi32(st1, cdgh);
	}
	tmp = _mm_shuffle_epi32(st0, 0x1B);          /* FEBA */
	st1 = _mm_shuffle_epi32(st1, 0xB1);          /* DCHG */
	st0 = _mm_blend_epi16(tmp, st1, 0xF0);       /* DCBA */
	st1 = _mm_alignr_epi8(st1, tmp, 8);          /* HGFE */
	_mm_storeu_si128((__m128i *)(void *)&h[0], st0);
	_mm_storeu_si128((__m128i *)(void *)&h[4], st1);
}

/* 1: SHA extensions and SSE4.1 present. Asked once per process
 * (pthread_once: threads hash in parallel), read-only after. */
static int have_shani;
static pthread_once_t shani_once = PTHREAD_ONCE_INIT;

static void ask_cpu(void)
{
	unsigned a, b, c, d;

	have_shani = __get_cpuid(1, &a, &b, &c, &d) && (c & bit_SSE4_1) &&
		     (c & bit_SSSE3) &&
		     __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & bit_SHA);
}

static int cpu_has_shani(void)
{
	pthread_once(&shani_once, ask_cpu);
	return have_shani;
}
#endif

static int force_portable;

void sha256_set_portable(int on)
{
	force_portable = on;
}

static void compress_blocks(uint32_t h[8], const unsigned char *p,
			    size_t nblocks)
{
#ifdef SHA256_X86
	if (!force_portable && cpu_has_shani()) {
		compress_shani(h, p, nblocks);
		return;
	}
#endif
	for (; nblocks; nblocks--, p += 64)
		compress(h, p);
}

void sha256_init(struct sha256_ctx *c)
{
	static const uint32_t iv[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
	};

	memcpy(c->h, iv, sizeof(iv));
	c->nbytes = 0;
	c->nblk = 0;
}

void sha256_update(struct sha256_ctx *c, const void *data, size_t n)
{
	const unsigned char *p = data;

	c->nbytes += n;
	if (c->nblk) {
		size_t take = 64 - c->nblk < n ? 64 - c->nblk : n;

		memcpy(c->blk + c->nblk, p, take);
		c->nblk += take;
		p += take;
		n -= take;
		if (c->nblk < 64)
			return;
		compress_blocks(c->h, c->blk, 1);
		c->nblk = 0;
	}
	compress_blocks(c->h, p, n / 64);
	p += n / 64 * 64;
	n %= 64;
	if (n) {
		memcpy(c->blk, p, n);
		c->nblk = n;
	}
}

void sha256_final(struct sha256_ctx *c, unsigned char out[SHA256_DIGEST_LEN])
{
	uint64_t bits = c->nbytes * 8;
	int i;

	/* Padding: 0x80, zeros to 56 mod 64, then the bit length big-endian. */
	c->blk[c->nblk++] = 0x80;
	if (c->nblk > 56) {
		memset(c->blk + c->nblk, 0, 64 - c->nblk);
		compress_blocks(c->h, c->blk, 1);
		c->nblk = 0;
	}
	memset(c->blk + c->nblk, 0, 56 - c->nblk);
	for (i = 0; i < 8; i++)
		c->blk[56 + i] = (unsigned char)(bits >> (56 - 8 * i));
	compress_blocks(c->h, c->blk, 1);
	for (i = 0; i < 8; i++) {
		out[4 * i] = (unsigned char)(c->h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(c->h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(c->h[i] >> 8);
		out[4 * i + 3] = (unsigned char)c->h[i];
	}
	memset(c, 0, sizeof(*c));
}

void sha256_to_hex(const unsigned char d[SHA256_DIGEST_LEN],
		   char hex[SHA256_HEX_LEN])
{
	static const char digits[] = "0123456789abcdef";
	int i;

	for (i = 0; i < SHA256_DIGEST_LEN; i++) {
		hex[2 * i] = digits[d[i] >> 4];
		hex[2 * i + 1] = digits[d[i] & 15];
	}
	hex[64] = '\0';
}

void sha256_hex(const void *data, size_t n, char hex[SHA256_HEX_LEN])
{
	struct sha256_ctx c;
	unsigned char d[SHA256_DIGEST_LEN];

	sha256_init(&c);
	sha256_update(&c, data, n);
	sha256_final(&c, d);
	sha256_to_hex(d, hex);
}

int sha256_fd(int fd, char hex[SHA256_HEX_LEN], size_t *len)
{
	struct sha256_ctx c;
	unsigned char d[SHA256_DIGEST_LEN];
	unsigned char buf[65536];
	off_t off = 0;
	ssize_t n;

	sha256_init(&c);
	while ((n = pread(fd, buf, sizeof(buf), off)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		sha256_update(&c, buf, (size_t)n);
		off += n;
	}
	sha256_final(&c, d);
	sha256_to_hex(d, hex);
	if (len)
		*len = (size_t)off;
	return 0;
}
