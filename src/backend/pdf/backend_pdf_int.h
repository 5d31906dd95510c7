/* backend_pdf_int.h - private to the PDF back end (backend_pdf.c and the
 * libharu helpers beside it); nothing else includes <hpdf.h>. */
#ifndef EIMON_BACKEND_PDF_INT_H
#define EIMON_BACKEND_PDF_INT_H

#include <hpdf.h>
#include <hpdf_encrypt.h>
#include <hpdf_fontdef.h>
#include <hpdf_streams.h>
#include <hpdf_version.h>

/* The replacements of libharu internals (hpdf_glyphid.c,
 * hpdf_deflate.c) and the private struct reads of
 * tounicode.c are compiled only against the version they were
 * written for, and left out by `make HPDF_INTERPOSE=0` (a static libhpdf
 * cannot be linked with them). */
#if HPDF_VERSION_ID == 20300 && !defined(EIMON_NO_HPDF_INTERPOSE)
#define EIMON_HPDF_INTERPOSE 1
#endif

/* 1 when the replacements do their own work: compiled in and the libharu
 * loaded says it is 2.3.0 (asked once); 0 when they hand every call to
 * libharu's own functions; -1 when the library is not 2.3.0 and its own
 * functions cannot be found (the back end then refuses to run). */
int backend_pdf_interpose(void);
/* libharu's own definitions of the replaced functions (dlsym
 * RTLD_NEXT), NULL when not found. */
typedef HPDF_UINT16 (*backend_pdf_glyphid_fn)(HPDF_FontDef, HPDF_UINT16);
typedef HPDF_STATUS (*backend_pdf_deflate_fn)(HPDF_Stream, HPDF_Stream,
					      HPDF_Encrypt);
struct backend_pdf_plain {
	backend_pdf_glyphid_fn glyphid;
	backend_pdf_deflate_fn deflate;
};
const struct backend_pdf_plain *backend_pdf_plain(void);

/* Calls each replacement answered: counted per thread (an atomic per
 * call would be shared by the two edition threads), added up at the
 * thread's backend_pdf_fast_forget. */
enum backend_pdf_hit {
	BACKEND_PDF_GLYPHID, BACKEND_PDF_DEFLATE, BACKEND_PDF_NHITS
};
extern _Thread_local unsigned long backend_pdf_my_hits[BACKEND_PDF_NHITS];
void backend_pdf_interpose_hits(unsigned long hits[BACKEND_PDF_NHITS]);

/* ---- hpdf_glyphid.c: faster libharu internals ------------------- */
/* Does nothing: calling it links hpdf_glyphid.o out of the library,
 * so its HPDF_TTFontDef_GetGlyphid (binary search) replaces libharu's. */
void backend_pdf_fast_link(void);
/* Forget the cmaps this thread has seen (their memory is about to be
 * freed: a later font at the same addresses is another font). Call
 * before HPDF_Free, on the thread that used the document. */
void backend_pdf_fast_forget(void);

/* ---- tounicode.c ------------------------------------------- */
/* Give font (HPDF_GetFont with "UTF-8") the /ToUnicode CMap its codes
 * need, in place of libharu 2.3.0's CID CMap. 0 (also when not 2.3.0:
 * nothing done), or -1 (libharu's error handler has been called). */
int backend_pdf_fix_tounicode(HPDF_Doc pdf, HPDF_Font font);

/* ---- hpdf_deflate.c: stream compression by libdeflate -------- */
/* Free this thread's compressor (made again when next needed). Calling
 * it also links hpdf_deflate.o, whose
 * HPDF_Stream_WriteToStreamWithDeflate replaces libharu's. */
void backend_pdf_deflate_release(void);

#endif
