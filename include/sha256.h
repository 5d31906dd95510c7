/* sha256.h - SHA-256 (FIPS 180-4), small and dependency-free.
 *
 * Used for cache metadata and the edition manifest. Streaming: init,
 * update any number of times, final. sha256_hex is the one-shot form
 * giving 64 lower-case hex digits plus NUL.
 *
 * Ownership: the context is a plain value owned by the caller; nothing
 * is allocated. */
#ifndef EIMON_SHA256_H
#define EIMON_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_DIGEST_LEN 32
#define SHA256_HEX_LEN 65 /* 64 digits + NUL */

struct sha256_ctx {
	uint32_t h[8];
	uint64_t nbytes;      /* message length so far */
	unsigned char blk[64];
	size_t nblk;          /* bytes waiting in blk */
};

void sha256_init(struct sha256_ctx *c);
void sha256_update(struct sha256_ctx *c, const void *data, size_t n);
void sha256_final(struct sha256_ctx *c, unsigned char out[SHA256_DIGEST_LEN]);

/* Digest of data as lower-case hex into hex (SHA256_HEX_LEN bytes). */
void sha256_hex(const void *data, size_t n, char hex[SHA256_HEX_LEN]);
/* The same over the whole file fd, read from offset 0 in 64 KiB blocks
 * (pread: fd's offset is left alone); *len (may be NULL) gets its size.
 * -1 with errno on a read error. */
int sha256_fd(int fd, char hex[SHA256_HEX_LEN], size_t *len);
/* on: always use the portable compression, not the CPU's SHA
 * instructions (for tests, which check both). */
void sha256_set_portable(int on);
/* Convert a digest to lower-case hex. */
void sha256_to_hex(const unsigned char d[SHA256_DIGEST_LEN],
		   char hex[SHA256_HEX_LEN]);

#endif
