/* test_hpdf_deflate.c - hpdf_deflate.c's replacement of
 * libharu's HPDF_Stream_WriteToStreamWithDeflate (libdeflate instead of
 * zlib). What libharu's version guarantees, checked here:
 *  - the output is a zlib stream that inflates (with zlib, as a PDF
 *    reader does) to exactly the bytes of the source stream, for empty,
 *    tiny, incompressible and multi-buffer sources, read from the start
 *    whatever the source's position;
 *  - a whole PDF saved with compression has, for each compressed stream,
 *    the same bytes as the same PDF saved without compression;
 *  - an encrypted PDF (eimon never encrypts, the library still must)
 *    passes `qpdf --check` with its password, which decrypts and inflates
 *    every stream, and decrypts to the page's text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <zlib.h>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_streams.h>

/* src/backend_pdf_int.h (private to the PDF back end) */
void backend_pdf_deflate_release(void);
/* libharu 2.3.0's internal, replaced by hpdf_deflate.c */
HPDF_STATUS HPDF_Stream_WriteToStreamWithDeflate(HPDF_Stream src,
						 HPDF_Stream dst,
						 HPDF_Encrypt e);

static void on_error(HPDF_STATUS no, HPDF_STATUS detail, void *data)
{
	(void)no;
	(void)detail;
	(void)data;
}

/* All of a memory stream's bytes. */
static unsigned char *stream_bytes(HPDF_Stream s, size_t *len)
{
	HPDF_UINT32 size = HPDF_Stream_Size(s);
	unsigned char *buf = malloc(size + 1);
	HPDF_UINT n = size;

	assert_non_null(buf);
	assert_int_equal(HPDF_Stream_Seek(s, 0, HPDF_SEEK_SET), HPDF_OK);
	if (size)
		HPDF_Stream_Read(s, buf, &n);
	assert_int_equal(n, size);
	*len = size;
	return buf;
}

/* Compress len bytes of data through a memory stream of buf_siz-byte
 * buffers, inflate the result with zlib and compare. */
static void round_trip(const unsigned char *data, size_t len,
		       HPDF_UINT buf_siz)
{
	HPDF_Doc pdf = HPDF_New(on_error, NULL);
	HPDF_Stream src, dst;
	unsigned char *z, *back;
	size_t zlen;
	uLongf backlen = (uLongf)len + 1;

	assert_non_null(pdf);
	src = HPDF_MemStream_New(pdf->mmgr, buf_siz);
	dst = HPDF_MemStream_New(pdf->mmgr, 4096);
	assert_non_null(src);
	assert_non_null(dst);
	if (len)
		assert_int_equal(HPDF_Stream_Write(src, data, (HPDF_UINT)len),
				 HPDF_OK);
	/* libharu leaves a written stream at its end: read from the start */
	assert_int_equal(HPDF_Stream_WriteToStreamWithDeflate(src, dst, NULL),
			 HPDF_OK);
	z = stream_bytes(dst, &zlen);
	assert_true(zlen >= 6); /* 2-byte header, 4-byte Adler-32 */
	assert_int_equal((z[0] * 256 + z[1]) % 31, 0); /* RFC 1950 header */
	back = malloc(len + 1);
	assert_non_null(back);
	assert_int_equal(uncompress(back, &backlen, z, (uLong)zlen), Z_OK);
	assert_int_equal(backlen, len);
	if (len)
		assert_memory_equal(back, data, len);
	free(back);
	free(z);
	HPDF_Stream_Free(src);
	HPDF_Stream_Free(dst);
	HPDF_Free(pdf);
}

static void test_round_trips(void **state)
{
	static const unsigned char text[] =
		"BT /F1 12 Tf 72 720 Td (Claimant count) Tj ET\n";
	size_t n = 300000, i;
	unsigned char *big = malloc(n);
	uint32_t x = 2463534242u;

	(void)state;
	assert_non_null(big);
	round_trip(text, 0, 4096);
	round_trip(text, 1, 4096);
	round_trip(text, sizeof(text) - 1, 4096);
	for (i = 0; i < n; i++) { /* xorshift: incompressible */
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		big[i] = (unsigned char)x;
	}
	round_trip(big, n, 4096);
	round_trip(big, n, 64); /* many small buffers in the source */
	for (i = 0; i < n; i++) /* a page of text: compressible */
		big[i] = text[i % (sizeof(text) - 1)];
	round_trip(big, n, 4096);
	free(big);
	backend_pdf_deflate_release();
}

/* A small document: text in a base-14 font, lines, a second page. */
static HPDF_Doc small_doc(HPDF_UINT mode)
{
	HPDF_Doc pdf = HPDF_New(on_error, NULL);
	HPDF_Font font;
	int p;

	assert_non_null(pdf);
	HPDF_SetCompressionMode(pdf, mode);
	font = HPDF_GetFont(pdf, "Helvetica", NULL);
	for (p = 0; p < 2; p++) {
		HPDF_Page page = HPDF_AddPage(pdf);
		int k;

		HPDF_Page_BeginText(page);
		HPDF_Page_SetFontAndSize(page, font, 12);
		HPDF_Page_TextOut(page, 72, 720, "Weekly Economic Impact Monitor");
		HPDF_Page_EndText(page);
		for (k = 0; k < 200; k++) {
			HPDF_Page_MoveTo(page, 72, 100 + k);
			HPDF_Page_LineTo(page, 500, 100 + (k * 7) % 300);
		}
		HPDF_Page_Stroke(page);
	}
	return pdf;
}

static unsigned char *save(HPDF_Doc pdf, size_t *len)
{
	HPDF_UINT32 size, n;
	unsigned char *buf;

	assert_int_equal(HPDF_SaveToStream(pdf), HPDF_OK);
	size = HPDF_GetStreamSize(pdf);
	buf = malloc(size + 1);
	assert_non_null(buf);
	n = size;
	HPDF_ReadFromStream(pdf, buf, &n);
	assert_int_equal(n, size);
	buf[size] = 0;
	*len = size;
	return buf;
}

static const unsigned char *find(const unsigned char *hay, size_t n,
				 const char *needle, size_t from)
{
	size_t k = strlen(needle), i;

	for (i = from; i + k <= n; i++)
		if (memcmp(hay + i, needle, k) == 0)
			return hay + i;
	return NULL;
}

static void test_pdf_streams(void **state)
{
	HPDF_Doc plain_doc = small_doc(HPDF_COMP_NONE);
	HPDF_Doc zip_doc = small_doc(HPDF_COMP_ALL);
	size_t plen, zlen, at = 0;
	unsigned char *plain = save(plain_doc, &plen);
	unsigned char *zip = save(zip_doc, &zlen);
	int streams = 0;

	(void)state;
	/* each "/Filter /FlateDecode ... stream\r\n<data>\nendstream" of
	 * the compressed PDF inflates to a stream of the plain one */
	for (;;) {
		const unsigned char *f = find(zip, zlen, "/FlateDecode", at);
		const unsigned char *s, *e;
		unsigned char out[65536];
		uLongf olen = sizeof(out);

		if (!f)
			break;
		s = find(zip, zlen, "stream\r\n", (size_t)(f - zip));
		assert_non_null(s);
		s += 8;
		e = find(zip, zlen, "\nendstream", (size_t)(s - zip));
		assert_non_null(e);
		assert_int_equal(uncompress(out, &olen, s, (uLong)(e - s)),
				 Z_OK);
		assert_true(olen > 100);
		{
			/* the whole stream: up to its "endstream" */
			unsigned char *copy = malloc(olen + 11);
			assert_non_null(copy);
			memcpy(copy, out, olen);
			memcpy(copy + olen, "\nendstream", 11);
			assert_non_null(find(plain, plen, (const char *)copy,
					     0));
			free(copy);
		}
		streams++;
		at = (size_t)(e - zip);
	}
	assert_int_equal(streams, 2); /* the two pages' contents */
	assert_true(zlen < plen);
	free(plain);
	free(zip);
	HPDF_Free(plain_doc);
	HPDF_Free(zip_doc);
	backend_pdf_deflate_release();
}

static int run(const char *cmd)
{
	int st = system(cmd);

	return st == -1 ? -1 : WEXITSTATUS(st);
}

static void test_encrypted(void **state)
{
	HPDF_Doc pdf = small_doc(HPDF_COMP_ALL);
	char dir[] = "/tmp/eimon-deflate.XXXXXX", cmd[512], path[128];
	FILE *f;
	char line[256];
	int found = 0;

	(void)state;
	if (run("command -v qpdf >/dev/null 2>&1") != 0) {
		skip(); /* make test installs qpdf (scripts/deps.sh test) */
		return;
	}
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/enc.pdf", dir);
	assert_int_equal(HPDF_SetPassword(pdf, "owner", "user"), HPDF_OK);
	assert_int_equal(HPDF_SetEncryptionMode(pdf, HPDF_ENCRYPT_R3, 16),
			 HPDF_OK);
	assert_int_equal(HPDF_SaveToFile(pdf, path), HPDF_OK);
	HPDF_Free(pdf);
	backend_pdf_deflate_release();
	snprintf(cmd, sizeof(cmd), "qpdf --password=user --check %s "
		 ">/dev/null 2>&1", path);
	assert_int_equal(run(cmd), 0);
	snprintf(cmd, sizeof(cmd), "qpdf --password=user --decrypt "
		 "--stream-data=uncompress %s %s/plain.pdf && "
		 "grep -a -c 'Weekly Economic Impact Monitor' %s/plain.pdf "
		 "> %s/count", path, dir, dir, dir);
	assert_int_equal(run(cmd), 0);
	snprintf(path, sizeof(path), "%s/count", dir);
	f = fopen(path, "r");
	assert_non_null(f);
	if (fgets(line, sizeof(line), f))
		found = (int)strtol(line, NULL, 10);
	fclose(f);
	assert_int_equal(found, 2);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(run(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trips),
		cmocka_unit_test(test_pdf_streams),
		cmocka_unit_test(test_encrypted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
