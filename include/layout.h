/* layout.h - the bulletin's layout: a struct doc becomes a struct scene
 * in one pass (measured UTF-8 word wrap, page breaks that keep headings
 * with what follows, tables that split between rows and repeat caption
 * and header, vector charts, contents, bookmarks, running header and
 * "Page N of M" footer). Page numbers are filled in after the last page:
 * nothing on a page moves with them (contents numbers have a reserved
 * width, footers sit at fixed places). Text is measured with the metrics
 * of the fonts the back ends will embed (fontmetrics.h).
 *
 * How the model is laid out (for composers):
 * - page 1: masthead (title, subtitle, "Issue N · date", funding or
 *   publisher, caveat box, logo); every page: footer "date ... Page N of
 *   M" and the banner when set; pages 2+: running header (title, issue).
 * - H1 and H2 go into DOC_CONTENTS (with page numbers and links) and the
 *   bookmarks (H2 under the H1 before it); H3 does not. A heading is kept
 *   with the first lines of the next block; a chart is never split; a
 *   note keeps its headline with its first two lines.
 * - Tables: widths are hints. Columns are sized from their content (never
 *   narrower than their widest word) and the hints share spare room.
 *   Tables of up to 15 rows that fit on a page are kept together; longer
 *   ones split between rows and repeat caption "(continued)" and header.
 * - Charts: at most 4 series; COLUMN draws series[0]; reference lines are
 *   dashed and labelled right of the plot with the line labels (a line
 *   given twice is labelled once); BAR uses value_text, else the value
 *   with `decimals`; axis tick decimals follow the tick step.
 * - DOC_ITALIC is a slanted regular/bold face (no italic font needed).
 *
 * Text that cannot fit (a table cell too narrow for a word, a chart
 * taller than a page, a contents entry longer than a line) is an error
 * (EIM_DATA) naming it, never silently cut; a missing font or logo is
 * EIM_NOINPUT. Fonts: doc->style.font_regular/font_bold, else font_find.
 *
 * Ownership: s is initialised here and owned by the caller (scene_free),
 * also on failure; it borrows from d (see scene.h). */
#ifndef EIMON_LAYOUT_H
#define EIMON_LAYOUT_H

#include "doc.h"
#include "error.h"
#include "scene.h"

int layout_doc(const struct doc *d, struct scene *s, struct eim_error *err);

#endif
