/* tounicode.c - a correct /ToUnicode for libharu 2.3.0's UTF-8
 * fonts (see backend_pdf_int.h).
 *
 * With the UTF-8 encoder libharu writes a TrueType font as Type0 with
 * /Encoding /Identity-H, so each character code in the page content is
 * the UCS-2 value of the character, and it gives the font as /ToUnicode
 * the CID CMap of its encoder (a `begincidrange` mapping codes to CIDs).
 * A ToUnicode CMap maps codes to Unicode with `bfrange`/`bfchar`:
 * poppler says "Invalid 'begincidrange' operator in ToUnicode CMap" for
 * every font of every page it reads, and what a reader does with the text
 * (copy, search, a screen reader) is left to its guess. Here the font gets
 * the CMap its codes need: the identity from codes to UTF-16, in ranges
 * whose ends differ only in the last byte (the PDF rule), the surrogate
 * codes left out. The libharu CMap object stays in the file, unused.
 *
 * It reads libharu 2.3.0's private structures (the document's memory
 * manager and cross-reference table, a dictionary's stream), so it is
 * compiled and run only where hpdf_glyphid.c's replacements are
 * (backend_pdf_int.h): elsewhere the font keeps libharu's CMap. */
#include <stdio.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include "backend_pdf_int.h"
#include "banned.h"

#if defined(EIMON_HPDF_INTERPOSE)

#define RANGES_PER_BLOCK 100 /* at most 100 entries per bfrange block */

static const char head[] =
	"/CIDInit /ProcSet findresource begin\n"
	"12 dict begin\n"
	"begincmap\n"
	"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	"/CMapName /Adobe-Identity-UCS def\n"
	"/CMapType 2 def\n"
	"1 begincodespacerange\n"
	"<0000> <FFFF>\n"
	"endcodespacerange\n";

static const char tail[] =
	"endcmap\n"
	"CMapName currentdict /CMap defineresource pop\n"
	"end\n"
	"end\n";

/* High bytes of the codes mapped: all but the surrogates D8..DF. */
static int mapped(unsigned hi)
{
	return hi < 0xD8 || hi > 0xDF;
}

int backend_pdf_fix_tounicode(HPDF_Doc pdf, HPDF_Font font)
{
	HPDF_Dict cmap;
	HPDF_STATUS ret;
	unsigned hi, total = 0, in_block = 0;
	char line[64];

	if (backend_pdf_interpose() != 1)
		return 0;
	cmap = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	if (!cmap)
		return -1;
	for (hi = 0; hi < 256; hi++)
		total += (unsigned)mapped(hi);
	ret = HPDF_Stream_WriteStr(cmap->stream, head);
	for (hi = 0; hi < 256 && ret == HPDF_OK; hi++) {
		if (!mapped(hi))
			continue;
		if (in_block == 0) {
			unsigned n = total < RANGES_PER_BLOCK ? total
							      : RANGES_PER_BLOCK;
			snprintf(line, sizeof(line), "%u beginbfrange\n", n);
			ret = HPDF_Stream_WriteStr(cmap->stream, line);
			total -= n;
			in_block = n;
		}
		snprintf(line, sizeof(line), "<%02X00> <%02XFF> <%02X00>\n", hi,
			 hi, hi);
		if (ret == HPDF_OK)
			ret = HPDF_Stream_WriteStr(cmap->stream, line);
		if (--in_block == 0 && ret == HPDF_OK)
			ret = HPDF_Stream_WriteStr(cmap->stream, "endbfrange\n");
	}
	if (ret == HPDF_OK)
		ret = HPDF_Stream_WriteStr(cmap->stream, tail);
	/* replaces libharu's entry: the font dictionary has one /ToUnicode */
	if (ret == HPDF_OK)
		ret = HPDF_Dict_Add(font, "ToUnicode", cmap);
	return ret == HPDF_OK ? 0 : -1;
}
#else
int backend_pdf_fix_tounicode(HPDF_Doc pdf, HPDF_Font font)
{
	(void)pdf;
	(void)font;
	return 0;
}
#endif
