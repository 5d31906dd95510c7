/* backend_pdf_int.h - private to the PDF back end (backend_pdf.c and the
 * libharu helpers beside it); nothing else includes <hpdf.h>. */
#ifndef EIMON_BACKEND_PDF_INT_H
#define EIMON_BACKEND_PDF_INT_H

#include <hpdf.h>

/* ---- render_hpdf_fast.c: faster libharu internals ------------------- */
/* Does nothing: calling it links render_hpdf_fast.o out of the library,
 * so its HPDF_TTFontDef_GetGlyphid (binary search), HPDF_MemCpy and
 * HPDF_MemSet (libc) and HPDF_FileReader_New (whole file in memory)
 * replace libharu's. */
void backend_pdf_fast_link(void);
/* Forget the cmaps this thread has seen (their memory is about to be
 * freed: a later font at the same addresses is another font). Call
 * before HPDF_Free, on the thread that used the document. */
void backend_pdf_fast_forget(void);

/* ---- render_tounicode.c ------------------------------------------- */
/* Give font (HPDF_GetFont with "UTF-8") the /ToUnicode CMap its codes
 * need, in place of libharu 2.3.0's CID CMap. 0, or -1 (libharu's error
 * handler has been called). */
int backend_pdf_fix_tounicode(HPDF_Doc pdf, HPDF_Font font);

/* ---- render_hpdf_deflate.c: stream compression by libdeflate -------- */
/* Free this thread's compressor (made again when next needed). Calling
 * it also links render_hpdf_deflate.o, whose
 * HPDF_Stream_WriteToStreamWithDeflate replaces libharu's. */
void backend_pdf_deflate_release(void);

#endif
