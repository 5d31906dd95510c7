/* hpdf_deflate.c - libharu 2.3.0's stream compression done by
 * libdeflate (see backend_pdf_int.h).
 *
 * libharu compresses every page content stream and both embedded fonts
 * with zlib at its default level, feeding deflate() 4 KiB at a time from
 * HPDF_Stream_WriteToStreamWithDeflate. That was about a third of the
 * sample build's CPU time. libdeflate compresses a whole buffer at once,
 * two to three times faster than zlib at the same level, and its output
 * is a standard zlib stream (RFC 1950) that FlateDecode reads, slightly
 * smaller than zlib's.
 *
 * libharu calls the function through its PLT (from
 * HPDF_Stream_WriteToStream), so this definition in the executable takes
 * its place (ELF symbol interposition), under the same conditions as
 * hpdf_glyphid.c's: compiled only against libharu 2.3.0's headers
 * (whose function has these three parameters and which does not declare
 * it, so the prototype below is that version's) and unless HPDF_INTERPOSE=0,
 * active only when HPDF_GetVersion() says 2.3.0, libharu's own function
 * called otherwise; its calls are counted for the test that proves
 * libharu reaches it. Still about a sixth of the sample build's CPU time
 * (BENCHMARKS.md).
 *
 * One compressor per thread, made on first use and kept until
 * backend_pdf_deflate_release: making one costs more than compressing a
 * small content stream. */
#include <stdlib.h>
#include <string.h>

#include <libdeflate.h>

#include <hpdf.h>
#include <hpdf_encrypt.h>
#include <hpdf_streams.h>

#include "backend_pdf_int.h"
#include "banned.h"

#if defined(EIMON_HPDF_INTERPOSE)

/* zlib's default level; libdeflate's level 6 is about as small. */
#define LEVEL 6

HPDF_STATUS HPDF_Stream_WriteToStreamWithDeflate(HPDF_Stream src,
						 HPDF_Stream dst,
						 HPDF_Encrypt e);

static _Thread_local struct libdeflate_compressor *compressor;

void backend_pdf_deflate_release(void)
{
	libdeflate_free_compressor(compressor);
	compressor = NULL;
}


/* All of src from its start into a new buffer of *len bytes. */
static HPDF_STATUS read_all(HPDF_Stream src, HPDF_BYTE **out, size_t *len)
{
	HPDF_UINT32 size = HPDF_Stream_Size(src);
	HPDF_BYTE *buf;
	HPDF_STATUS ret;
	size_t got = 0;

	*out = NULL;
	*len = 0;
	ret = HPDF_Stream_Seek(src, 0, HPDF_SEEK_SET);
	if (ret != HPDF_OK)
		return ret;
	buf = malloc(size ? size : 1);
	if (!buf)
		return HPDF_SetError(src->error, HPDF_FAILD_TO_ALLOC_MEM, 0);
	while (got < size) {
		HPDF_UINT n = (HPDF_UINT)(size - got);

		ret = HPDF_Stream_Read(src, buf + got, &n);
		got += n;
		if (ret == HPDF_STREAM_EOF)
			break;
		if (ret != HPDF_OK) {
			free(buf);
			return ret;
		}
		if (n == 0)
			break;
	}
	*out = buf;
	*len = got;
	return HPDF_OK;
}

HPDF_STATUS HPDF_Stream_WriteToStreamWithDeflate(HPDF_Stream src,
						 HPDF_Stream dst,
						 HPDF_Encrypt e)
{
	HPDF_BYTE *in = NULL, *z = NULL, *crypt = NULL;
	size_t inlen, bound, zlen;
	HPDF_STATUS ret;

	if (backend_pdf_interpose() != 1) {
		backend_pdf_deflate_fn f = backend_pdf_plain()->deflate;

		return f ? f(src, dst, e)
			 : HPDF_SetError(src->error, HPDF_ZLIB_ERROR, 0);
	}
	backend_pdf_my_hits[BACKEND_PDF_DEFLATE]++;
	ret = read_all(src, &in, &inlen);
	if (ret != HPDF_OK)
		goto out;
	if (!compressor)
		compressor = libdeflate_alloc_compressor(LEVEL);
	bound = compressor ? libdeflate_zlib_compress_bound(compressor, inlen)
			   : 0;
	z = bound ? malloc(bound) : NULL;
	if (!z) {
		ret = HPDF_SetError(src->error, HPDF_FAILD_TO_ALLOC_MEM, 0);
		goto out;
	}
	zlen = libdeflate_zlib_compress(compressor, in, inlen, z, bound);
	if (zlen == 0 || zlen > 0xFFFFFFFFu) { /* cannot happen with bound */
		ret = HPDF_SetError(src->error, HPDF_ZLIB_ERROR, 0);
		goto out;
	}
	/* RC4 is a stream cipher: one call over the whole output gives the
	 * bytes libharu's chunked calls give (eimon never encrypts, but the
	 * library's contract stays whole). */
	if (e) {
		crypt = malloc(zlen);
		if (!crypt) {
			ret = HPDF_SetError(src->error, HPDF_FAILD_TO_ALLOC_MEM,
					    0);
			goto out;
		}
		HPDF_Encrypt_CryptBuf(e, z, crypt, (HPDF_UINT)zlen);
	}
	ret = HPDF_Stream_Write(dst, crypt ? crypt : z, (HPDF_UINT)zlen);
out:
	free(in);
	free(z);
	free(crypt);
	return ret;
}
#else
void backend_pdf_deflate_release(void)
{
}
#endif /* EIMON_HPDF_INTERPOSE */
