/* backend_html.c - the accessible edition: the bulletin as one
 * self-contained web page (include/backend.h). Text is reflowed from the
 * document (the same blocks, order and words as the PDF); charts are the
 * layout's own marks painted as inline SVG (backend_html_svg.c), each in
 * a figure with its finding as caption, a description, its data as a
 * table in a details element and a CSV file beside the page.
 *
 * The page asks for nothing from the network (inline CSS, no script, no
 * web fonts, no images but inline SVG and the logo as a data: URL), works
 * from 320 CSS px wide (a chart is never drawn smaller than printed, so
 * on a narrow screen it scrolls sideways in a focusable region), and
 * every string from the doc is escaped: an editor's "<script>" shows as
 * text. Output depends only on the doc and scene (reproducible bytes). */
#include "backend.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend_html_int.h"
#include "fsafe.h"
#include "xalloc.h"
#include "banned.h"

#define HTML_CAP ((size_t)32 << 20)

void html_esc(struct strbuf *o, const char *s)
{
	const char *run = s;

	for (; *s; s++) {
		const char *rep = NULL;
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default:
			if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F)
				rep = "";
			break;
		}
		if (!rep)
			continue;
		strbuf_add(o, run, (size_t)(s - run));
		strbuf_adds(o, rep);
		run = s + 1;
	}
	strbuf_add(o, run, (size_t)(s - run));
}

/* ---- colours: WCAG contrast ------------------------------------------- */
static double lin(unsigned c)
{
	double v = c / 255.0;

	return v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

static double contrast_on_white(unsigned rgb)
{
	double l = 0.2126 * lin((rgb >> 16) & 255) +
		   0.7152 * lin((rgb >> 8) & 255) + 0.0722 * lin(rgb & 255);

	return 1.05 / (l + 0.05);
}

/* ---- inline text ------------------------------------------------------ */
/* Only web and mail links become links; anything else stays text. */
static int safe_href(const char *h)
{
	return h && (strncmp(h, "https://", 8) == 0 ||
		     strncmp(h, "http://", 7) == 0 ||
		     strncmp(h, "mailto:", 7) == 0);
}

static void put_runs(struct strbuf *o, const struct doc_text *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		const struct doc_run *r = &t->runs[i];
		int link = (r->flags & DOC_LINK) && safe_href(r->href);

		if (link) {
			strbuf_adds(o, "<a href=\"");
			html_esc(o, r->href);
			strbuf_adds(o, "\">");
		}
		if (r->flags & DOC_BOLD)
			strbuf_adds(o, "<strong>");
		if (r->flags & DOC_ITALIC)
			strbuf_adds(o, "<em>");
		html_esc(o, r->text ? r->text : "");
		if (r->flags & DOC_ITALIC)
			strbuf_adds(o, "</em>");
		if (r->flags & DOC_BOLD)
			strbuf_adds(o, "</strong>");
		if (link)
			strbuf_adds(o, "</a>");
	}
}

/* A table cell's text; a trailing "(p)" or "(e)" mark (the doc's
 * provisional and estimate marks) is also said in words. */
static void put_marked(struct strbuf *o, const char *s)
{
	size_t n = strlen(s);
	const char *word = NULL;

	if (n >= 3 && strcmp(s + n - 3, "(p)") == 0)
		word = "provisional";
	else if (n >= 3 && strcmp(s + n - 3, "(e)") == 0)
		word = "estimate";
	if (!word) {
		html_esc(o, s);
		return;
	}
	{
		char *head = xstrndup(s, n - 3);

		html_esc(o, head);
		free(head);
	}
	strbuf_addf(o, "<abbr title=\"%s\">%s</abbr><span class=\"vh\"> %s"
		    "</span>", word, s + n - 3, word);
}

/* ---- the page --------------------------------------------------------- */
struct hctx {
	const struct doc *d;
	const struct scene *sc;
	struct strbuf *o;
	const char *stem;
	size_t *fig_of;     /* [nblocks]: scene figure, or (size_t)-1 */
	size_t nchart;      /* charts so far */
	size_t ntable;
	int level;          /* HTML level of the last heading */
	const struct doc_text *heading; /* the last heading's text */
	unsigned accent;    /* for text on white: contrast >= 4.5 */
};

static void put_css(struct strbuf *o, unsigned accent)
{
	strbuf_adds(o, "<style>\n"
	":root{--text:#0B0C0C;--grey:#505A5F;--link:#1D70B8;--panel:#F3F2F1;"
	"--rule:#B1B4B6;--banner:#801650;");
	strbuf_addf(o, "--accent:#%06X}\n", accent);
	strbuf_adds(o,
	"*,*::before,*::after{box-sizing:border-box}\n"
	"html{-webkit-text-size-adjust:100%;text-size-adjust:100%}\n"
	"body{margin:0;background:#fff;color:var(--text);font-family:system-ui,"
	"-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,"
	"\"Liberation Sans\",\"DejaVu Sans\",sans-serif;font-size:1.0625rem;"
	"line-height:1.5;overflow-wrap:break-word}\n"
	".wrap{max-width:46rem;margin:0 auto;padding:0 1rem}\n"
	"a{color:var(--link);text-decoration:underline;"
	"text-underline-offset:.15em}\n"
	"a:hover{text-decoration-thickness:3px}\n"
	"a:focus-visible,[tabindex]:focus-visible,summary:focus-visible{"
	"outline:3px solid #FFDD00;outline-offset:0;background:#FFDD00;"
	"color:#0B0C0C;box-shadow:0 4px #0B0C0C}\n"
	".scroll:focus-visible{background:none}\n"
	".skip{position:absolute;left:-9999px;top:0;padding:.5rem 1rem}\n"
	".skip:focus{left:0;z-index:1}\n"
	".vh{position:absolute!important;width:1px;height:1px;margin:0;"
	"padding:0;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);"
	"white-space:nowrap;border:0}\n"
	".masthead{background:var(--accent);color:#fff;padding:1.25rem 0 1rem}"
	"\n.masthead h1{margin:0;font-size:2rem;line-height:1.2}\n"
	".mhead{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start;"
	"justify-content:space-between}.mhead>div{flex:1 1 16rem}\n"
	".logo{display:block;max-width:100%;height:auto}\n"
	".masthead .sub{margin:.25rem 0 0;font-size:1.25rem}\n"
	".banner{margin:0;padding:.5rem 1rem;background:var(--banner);"
	"color:#fff;font-weight:700;text-align:center}\n"
	".issue{font-weight:700;color:var(--accent);font-size:1.2rem;"
	"margin:1rem 0 .25rem}\n"
	".funding,.source,.meta,.cite,.foot{color:var(--grey);"
	"font-size:.9rem}\n"
	".caveat{background:var(--panel);border-left:5px solid var(--accent);"
	"padding:.75rem 1rem;margin:1rem 0}\n"
	".alt{margin:.5rem 0 1.5rem}\n"
	"h2,h3,h4,h5,h6{line-height:1.25;margin:2rem 0 .75rem}\n"
	"h2{font-size:1.6rem;color:var(--accent)}\nh3{font-size:1.3rem}\n"
	"h4,h5,h6{font-size:1.1rem}\n"
	"nav ol{padding-left:1.25rem}nav ol ol{list-style:none;"
	"padding-left:1rem}\n"
	"figure{margin:1.5rem 0;padding:0}\n"
	"figcaption{font-weight:700;font-size:1.1rem;margin-bottom:.25rem}\n"
	"figcaption .csub{display:block;font-weight:400;font-size:.95rem;"
	"color:var(--grey)}\n"
	"figure svg{display:block;max-width:none;height:auto;"
	"font-family:inherit}\n"
	"details{margin:.5rem 0}summary{cursor:pointer;color:var(--link);"
	"text-decoration:underline}\n"
	".scroll{overflow-x:auto;max-width:100%;position:relative}\n"
	"table{border-collapse:collapse;margin:.5rem 0;font-size:.95rem}\n"
	"caption{text-align:left;font-weight:700;padding:.25rem 0;"
	"font-size:1.05rem}\n"
	"th,td{padding:.35rem .5rem;border-bottom:1px solid var(--rule);"
	"vertical-align:top;text-align:left}\n"
	"thead th{border-bottom:2px solid var(--text)}\n"
	".num,.data td{text-align:right;font-variant-numeric:tabular-nums}\n"
	".good{color:#00703C}.bad{color:#D4351C}\n"
	".arrow{font-size:.8em;margin-right:.2em}\n"
	"abbr[title]{text-decoration:none}\n"
	".note{border-top:1px solid var(--rule);padding-top:.5rem;"
	"margin-top:1rem}\n"
	".note>h3,.note>h4,.note>h5,.note>h6{color:var(--accent);"
	"margin:.5rem 0 .25rem;font-size:1.15rem}\n"
	".tag{display:inline-block;font-weight:700;color:var(--banner);"
	"margin-right:.5rem}\n"
	"footer{border-top:1px solid var(--rule);margin-top:2rem;"
	"padding:1rem 0 2rem}\n"
	"@media (max-width:40rem){body{font-size:1rem}"
	".masthead h1{font-size:1.6rem}h2{font-size:1.35rem}}\n"
	"@media print{.skip,.alt,.download{display:none}"
	"body{font-size:10.5pt;color:#000}.masthead{background:none;"
	"color:#000;border-bottom:3pt solid var(--accent)}"
	".banner{background:none;color:#000;border:2pt solid #000}"
	"a{color:#000}details>*{display:block}"
	"figure,table,.note{break-inside:avoid}h2,h3,h4{break-after:avoid}"
	"figure svg{max-width:100%}"
	".wrap{max-width:none}}\n"
	"</style>\n");
}

static void put_head(struct hctx *h)
{
	const struct doc *d = h->d;
	struct strbuf *o = h->o;

	strbuf_adds(o, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n"
		    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
		    "content=\"width=device-width, initial-scale=1\">\n"
		    "<title>");
	html_esc(o, d->title ? d->title : "Bulletin");
	if (d->issue > 0)
		strbuf_addf(o, ", issue %d", d->issue);
	if (d->date_text) {
		strbuf_adds(o, ", ");
		html_esc(o, d->date_text);
	}
	strbuf_adds(o, "</title>\n");
	if (d->subtitle) {
		strbuf_adds(o, "<meta name=\"description\" content=\"");
		html_esc(o, d->subtitle);
		strbuf_adds(o, "\">\n");
	}
	if (d->keywords) {
		strbuf_adds(o, "<meta name=\"keywords\" content=\"");
		html_esc(o, d->keywords);
		strbuf_adds(o, "\">\n");
	}
	put_css(o, h->accent);
	strbuf_adds(o, "</head>\n<body>\n<a class=\"skip\" href=\"#main\">"
		    "Skip to main content</a>\n");
}

/* The scene's image (the masthead's logo), or NULL. */
static const struct scene_image *scene_logo(const struct scene *sc)
{
	size_t p, i;

	for (p = 0; sc && p < sc->npages; p++)
		for (i = 0; i < sc->pages[p].nitems; i++)
			if (sc->pages[p].items[i].kind == SCENE_IMAGE)
				return &sc->pages[p].items[i].u.image;
	return NULL;
}

/* The logo as the PDF's masthead has it, at its printed size, inline (a
 * data: URL: the page loads nothing). It is the publisher's mark, so the
 * publisher's name is its text; without one it is decoration. */
static int put_logo(struct hctx *h, struct eim_error *err)
{
	const struct scene_image *im = scene_logo(h->sc);
	struct strbuf *o = h->o;
	char *png = NULL;
	size_t n = 0;

	if (!im)
		return 0;
	if (fsafe_read(NULL, im->png, 0, BACKEND_LOGO_MAX, im->png, &png, &n,
		       err) != 0)
		return -1;
	strbuf_adds(o, "<img class=\"logo\" src=\"data:image/png;base64,");
	strbuf_add_base64(o, png, n);
	free(png);
	strbuf_adds(o, "\" alt=\"");
	html_esc(o, h->d->publisher ? h->d->publisher : "");
	strbuf_adds(o, "\" width=\"");
	html_coord(o, im->w * 4 / 3);
	strbuf_adds(o, "\" height=\"");
	html_coord(o, im->h * 4 / 3);
	strbuf_adds(o, "\">");
	return 0;
}

static int put_masthead(struct hctx *h, const char *print_file,
			struct eim_error *err)
{
	const struct doc *d = h->d;
	struct strbuf *o = h->o;

	strbuf_adds(o, "<header>\n");
	if (d->banner) {
		strbuf_adds(o, "<p class=\"banner\">");
		html_esc(o, d->banner);
		strbuf_adds(o, "</p>\n");
	}
	strbuf_adds(o, "<div class=\"masthead\"><div class=\"wrap mhead\">"
		    "<div><h1>");
	html_esc(o, d->title ? d->title : "Bulletin");
	strbuf_adds(o, "</h1>");
	if (d->subtitle) {
		strbuf_adds(o, "<p class=\"sub\">");
		html_esc(o, d->subtitle);
		strbuf_adds(o, "</p>");
	}
	strbuf_adds(o, "</div>");
	if (put_logo(h, err) != 0)
		return -1;
	strbuf_adds(o, "</div></div>\n<div class=\"wrap\">");
	if (d->issue > 0 || d->date_text) {
		strbuf_adds(o, "<p class=\"issue\">");
		if (d->issue > 0)
			strbuf_addf(o, "Issue %d%s", d->issue,
				    d->date_text ? " \xc2\xb7 " : "");
		if (d->date_text)
			html_esc(o, d->date_text);
		strbuf_adds(o, "</p>");
	}
	if (d->funding || d->publisher) {
		strbuf_adds(o, "<p class=\"funding\">");
		html_esc(o, d->funding ? d->funding : d->publisher);
		strbuf_adds(o, "</p>");
	}
	if (d->caveat) {
		strbuf_adds(o, "<p class=\"caveat\">");
		html_esc(o, d->caveat);
		strbuf_adds(o, "</p>");
	}
	if (print_file) {
		strbuf_adds(o, "<p class=\"alt\"><a href=\"");
		html_esc(o, print_file);
		strbuf_adds(o, "\">Download this bulletin as a PDF (");
		html_esc(o, print_file);
		strbuf_adds(o, ")</a></p>");
	}
	strbuf_adds(o, "</div>\n</header>\n");
	return 0;
}

static int html_level(int doc_level)
{
	int l = doc_level + 1; /* the page's h1 is the title */

	return l < 2 ? 2 : l > 6 ? 6 : l;
}

/* A heading's id: its anchor, else one from its place in the doc, so
 * that the contents can link every entry. */
static int reserved_id(const char *a)
{
	return strcmp(a, "main") == 0 || strcmp(a, "contents") == 0 ||
	       strncmp(a, "chart-", 6) == 0 || strncmp(a, "table-", 6) == 0 ||
	       strncmp(a, "section-", 8) == 0 || !*a;
}

static void put_id(struct strbuf *o, const struct doc *d,
		   const struct doc_block *b)
{
	size_t i, same = 0;

	if (!b->anchor || reserved_id(b->anchor)) {
		strbuf_addf(o, "section-%zu", (size_t)(b - d->blocks) + 1);
		return;
	}
	for (i = 0; d->blocks + i < b; i++) /* ids are unique in a page */
		if (d->blocks[i].kind == DOC_HEADING && d->blocks[i].anchor &&
		    strcmp(d->blocks[i].anchor, b->anchor) == 0)
			same++;
	html_esc(o, b->anchor);
	if (same)
		strbuf_addf(o, "-%zu", same + 1);
}

static void put_heading(struct hctx *h, const struct doc_block *b)
{
	int l = html_level(b->level);

	if (l > h->level + 1) /* an H2 with no H1 above: no level skipped */
		l = h->level + 1;
	strbuf_addf(h->o, "<h%d id=\"", l);
	put_id(h->o, h->d, b);
	strbuf_adds(h->o, "\">");
	put_runs(h->o, &b->text);
	strbuf_addf(h->o, "</h%d>\n", l);
	h->level = l;
	h->heading = &b->text;
}

static void put_contents(struct hctx *h)
{
	const struct doc *d = h->d;
	struct strbuf *o = h->o;
	int open2 = 0, any = 0;
	char *title;
	size_t i;

	strbuf_adds(o, "<nav aria-labelledby=\"contents\"><h2 id=\"contents\">"
		    "Contents</h2>\n<ol>");
	for (i = 0; i < d->nblocks; i++) {
		const struct doc_block *b = &d->blocks[i];

		if (b->kind != DOC_HEADING || b->level > 2)
			continue;
		if (b->level == 1 || !any) {
			strbuf_adds(o, open2 ? "</ol></li>" : any ? "</li>" : "");
			open2 = 0;
			strbuf_adds(o, "\n<li>");
		} else {
			strbuf_adds(o, open2 ? "</li><li>" : "<ol><li>");
			open2 = 1;
		}
		any = 1;
		strbuf_adds(o, "<a href=\"#");
		put_id(o, d, b);
		strbuf_adds(o, "\">");
		title = doc_text_plain(&b->text); /* no link in a link */
		html_esc(o, title);
		free(title);
		strbuf_adds(o, "</a>");
	}
	strbuf_adds(o, open2 ? "</li></ol></li>" : any ? "</li>" : "");
	strbuf_adds(o, "\n</ol></nav>\n");
}

/* A note's body: flat items with depths become nested lists. */
static void put_rich(struct strbuf *o, const struct doc_rich *r)
{
	int kinds[66]; /* the list open at each depth (1..64) */
	int open = 0;
	size_t i;

	for (i = 0; i < r->n; i++) {
		const struct doc_item *it = &r->items[i];
		int depth = it->depth < 0 ? 0 : it->depth > 64 ? 64 : it->depth;
		int list = it->kind != DOC_ITEM_PARA;

		if (!list && depth > open)
			depth = open; /* a paragraph of no open item */
		while (open > depth ||
		       (list && open == depth && open &&
			kinds[open] != (int)it->kind)) {
			strbuf_adds(o, kinds[open] == DOC_ITEM_NUMBER
				    ? "</li></ol>" : "</li></ul>");
			open--;
		}
		if (list && open == depth) {
			strbuf_adds(o, "</li><li>");
		} else if (list) {
			while (open < depth) { /* open the levels up to it */
				open++;
				kinds[open] = (int)it->kind;
				if (it->kind == DOC_ITEM_NUMBER && open == depth)
					strbuf_addf(o, "<ol start=\"%ld\"><li>",
						    it->number);
				else if (it->kind == DOC_ITEM_NUMBER)
					strbuf_adds(o, "<ol><li>");
				else
					strbuf_adds(o, "<ul><li>");
			}
		}
		if (list) {
			put_runs(o, &it->text);
		} else {
			strbuf_adds(o, "<p>");
			put_runs(o, &it->text);
			strbuf_adds(o, "</p>");
		}
	}
	while (open > 0)
		strbuf_adds(o, kinds[open--] == DOC_ITEM_NUMBER ? "</li></ol>"
							        : "</li></ul>");
}

static void put_note(struct hctx *h, const struct doc_note *n)
{
	struct strbuf *o = h->o;
	int l = h->level + 1 > 6 ? 6 : h->level + 1;

	strbuf_adds(o, "<article class=\"note\">");
	if (n->headline) {
		strbuf_addf(o, "<h%d>", l);
		html_esc(o, n->headline);
		strbuf_addf(o, "</h%d>", l);
	}
	if (n->meta || n->partners) {
		strbuf_adds(o, "<p class=\"meta\">");
		if (n->partners)
			strbuf_adds(o, n->meta ? "<strong class=\"tag\">"
				    "PARTNERS ONLY</strong> " : "<strong "
				    "class=\"tag\">PARTNERS ONLY</strong>");
		if (n->meta)
			html_esc(o, n->meta);
		strbuf_adds(o, "</p>");
	}
	put_rich(o, &n->body);
	if (n->cite) {
		strbuf_adds(o, "<p class=\"cite\">");
		html_esc(o, n->cite);
		strbuf_adds(o, "</p>");
	}
	if (n->link) {
		strbuf_adds(o, "<p class=\"cite\">");
		if (safe_href(n->link)) {
			strbuf_adds(o, "<a href=\"");
			html_esc(o, n->link);
			strbuf_adds(o, "\">");
		}
		html_esc(o, n->link);
		if (safe_href(n->link))
			strbuf_adds(o, "</a>");
		strbuf_adds(o, "</p>");
	}
	strbuf_adds(o, "</article>\n");
}

static void put_cell(struct strbuf *o, const struct doc_cell *c)
{
	static const char *const arrows[] = { "", "\xe2\x96\xb2",
					      "\xe2\x96\xbc", "\xe2\x96\xb6" };
	static const char *const words[] = { "", "up", "down", "no change" };
	static const char *const tones[] = { "", " good", " bad" };

	if (c->bold)
		strbuf_adds(o, "<strong>");
	if (c->kind == DOC_CELL_ARROW && c->dir != DOC_DIR_NONE &&
	    (unsigned)c->dir <= DOC_DIR_FLAT) {
		strbuf_addf(o, "<span class=\"arrow%s\" aria-hidden=\"true\">%s"
			    "</span><span class=\"vh\">%s: </span>",
			    (unsigned)c->tone <= DOC_TONE_BAD ? tones[c->tone]
							     : "",
			    arrows[c->dir], words[c->dir]);
	} else if (c->kind == DOC_CELL_SPARK) {
		html_svg_spark(o, c);
	}
	if (c->text)
		put_marked(o, c->text);
	if (c->bold)
		strbuf_adds(o, "</strong>");
}

static void put_table(struct hctx *h, const struct doc_table *t)
{
	struct strbuf *o = h->o;
	size_t r, k;

	h->ntable++;
	strbuf_addf(o, "<div class=\"scroll\" role=\"region\" tabindex=\"0\" "
		    "aria-labelledby=\"table-%zu\"><table>", h->ntable);
	strbuf_addf(o, "<caption id=\"table-%zu\">", h->ntable);
	if (t->caption) {
		html_esc(o, t->caption);
	} else if (h->heading) { /* the heading above names it */
		char *s = doc_text_plain(h->heading);

		html_esc(o, s);
		free(s);
	} else {
		strbuf_addf(o, "Table %zu", h->ntable);
	}
	strbuf_adds(o, "</caption>\n<thead><tr>");
	for (k = 0; k < t->ncols; k++) {
		const char *hd = t->header && t->header[k] ? t->header[k] : "";

		strbuf_addf(o, "<th scope=\"col\"%s>", t->align &&
			    t->align[k] == DOC_RIGHT ? " class=\"num\"" : "");
		if (*hd)
			html_esc(o, hd);
		else
			strbuf_addf(o, "<span class=\"vh\">Column %zu</span>",
				    k + 1);
		strbuf_adds(o, "</th>");
	}
	strbuf_adds(o, "</tr></thead>\n<tbody>");
	for (r = 0; r < t->nrows; r++) {
		strbuf_adds(o, "\n<tr>");
		for (k = 0; k < t->ncols; k++) {
			const char *tag = k == 0 ? "th" : "td";
			int right = t->align && t->align[k] == DOC_RIGHT;

			strbuf_addf(o, "<%s%s%s>", tag,
				    k == 0 ? " scope=\"row\"" : "",
				    right ? " class=\"num\"" : "");
			put_cell(o, &t->cells[r * t->ncols + k]);
			strbuf_addf(o, "</%s>", tag);
		}
		strbuf_adds(o, "</tr>");
	}
	strbuf_adds(o, "\n</tbody></table></div>\n");
	if (t->footnote) {
		strbuf_adds(o, "<p class=\"foot\">");
		html_esc(o, t->footnote);
		strbuf_adds(o, "</p>\n");
	}
	if (t->source) {
		strbuf_adds(o, "<p class=\"source\">");
		html_esc(o, t->source);
		strbuf_adds(o, "</p>\n");
	}
}

static void put_chart(struct hctx *h, size_t block)
{
	const struct doc_chart *c = h->d->blocks[block].chart;
	struct strbuf *o = h->o;
	size_t n = ++h->nchart, fig = h->fig_of[block];
	char ids[64], did[32], csv[256];
	const char *title = c->title ? c->title : "Chart";

	snprintf(ids, sizeof(ids), "chart-%zu-t", n);
	snprintf(did, sizeof(did), "chart-%zu-d", n);
	strbuf_addf(o, "<figure id=\"chart-%zu\" aria-labelledby=\"%s\">"
		    "\n<figcaption id=\"%s\">", n, ids, ids);
	html_esc(o, title);
	if (c->subtitle) {
		strbuf_adds(o, " <span class=\"csub\">");
		html_esc(o, c->subtitle);
		strbuf_adds(o, "</span>");
	}
	strbuf_adds(o, "</figcaption>\n");
	if (fig != (size_t)-1) {
		/* never smaller than printed: scrolls on a narrow screen */
		strbuf_addf(o, "<div class=\"scroll\" role=\"region\" "
			    "tabindex=\"0\" aria-labelledby=\"%s\">", ids);
		html_svg_chart(o, h->sc, fig, ids, did);
		strbuf_adds(o, "</div>");
	}
	strbuf_addf(o, "\n<p id=\"%s\" class=\"vh\">", did);
	html_esc(o, fig != (size_t)-1 && h->sc->figures[fig].desc
		    ? h->sc->figures[fig].desc : c->alt ? c->alt : title);
	strbuf_adds(o, "</p>\n");
	if (c->source) {
		strbuf_adds(o, "<p class=\"source\">");
		html_esc(o, c->source);
		strbuf_adds(o, "</p>\n");
	}
	strbuf_adds(o, "<details><summary>Show the data of this chart as a "
		    "table</summary>\n");
	{
		struct strbuf cap = STRBUF_INIT;

		strbuf_adds(&cap, "Data: ");
		strbuf_adds(&cap, title);
		html_chart_table(o, c, cap.buf);
		o->failed |= cap.failed; /* a cut caption fails the page */
		strbuf_release(&cap);
	}
	backend_data_csv_name(csv, sizeof(csv), h->stem);
	strbuf_adds(o, "\n<p class=\"download\"><a href=\"");
	html_esc(o, csv);
	strbuf_addf(o, "\" download>Download this chart's data (CSV: the rows "
		    "of chart-%zu in ", n);
	html_esc(o, csv);
	strbuf_adds(o, ")</a></p></details>\n</figure>\n");
}

static void put_block(struct hctx *h, size_t i)
{
	const struct doc_block *b = &h->d->blocks[i];
	struct strbuf *o = h->o;
	size_t k;

	switch (b->kind) {
	case DOC_HEADING:
		put_heading(h, b);
		break;
	case DOC_PARA:
		strbuf_adds(o, "<p>");
		put_runs(o, &b->text);
		strbuf_adds(o, "</p>\n");
		break;
	case DOC_SOURCE:
		strbuf_adds(o, "<p class=\"source\">");
		put_runs(o, &b->text);
		strbuf_adds(o, "</p>\n");
		break;
	case DOC_BULLETS:
		strbuf_adds(o, "<ul>");
		for (k = 0; k < b->nitems; k++) {
			strbuf_adds(o, "\n<li>");
			put_runs(o, &b->items[k]);
			strbuf_adds(o, "</li>");
		}
		strbuf_adds(o, "\n</ul>\n");
		break;
	case DOC_CHART:
		if (b->chart)
			put_chart(h, i);
		break;
	case DOC_TABLE:
		if (b->table)
			put_table(h, b->table);
		break;
	case DOC_NOTE:
		if (b->note)
			put_note(h, b->note);
		break;
	case DOC_CONTENTS:
		put_contents(h);
		break;
	case DOC_PAGEBREAK:
	default:
		break;
	}
}

static int html_render(const struct backend_input *in, unsigned char **out,
		       size_t *len, struct eim_error *err)
{
	const struct doc *d = in->doc;
	struct strbuf o;
	struct hctx h;
	size_t i;
	int ret = -1;

	*out = NULL;
	*len = 0;
	strbuf_init(&o, HTML_CAP);
	memset(&h, 0, sizeof(h));
	h.d = d;
	h.sc = in->scene;
	h.o = &o;
	h.stem = in->stem ? in->stem : "index";
	h.level = 1;
	h.accent = contrast_on_white(d->style.accent_rgb) >= 4.5
		   ? d->style.accent_rgb & 0xFFFFFFu : 0x0B0C0Cu;
	h.fig_of = xcalloc(d->nblocks ? d->nblocks : 1, sizeof(*h.fig_of));
	for (i = 0; i < d->nblocks; i++)
		h.fig_of[i] = (size_t)-1;
	for (i = 0; h.sc && i < h.sc->nfigures; i++)
		if (h.sc->figures[i].block < d->nblocks &&
		    h.sc->figures[i].kind == SCENE_FIG_CHART)
			h.fig_of[h.sc->figures[i].block] = i;
	put_head(&h);
	if (put_masthead(&h, in->print_file, err) != 0)
		goto out;
	strbuf_adds(&o, "<main id=\"main\" tabindex=\"-1\"><div class=\"wrap\">"
		    "\n");
	for (i = 0; i < d->nblocks; i++)
		put_block(&h, i);
	strbuf_adds(&o, "</div></main>\n<footer><div class=\"wrap\">"
		    "<p class=\"foot\">");
	html_esc(&o, d->title ? d->title : "Bulletin");
	if (d->issue > 0)
		strbuf_addf(&o, " \xc2\xb7 Issue %d", d->issue);
	if (d->date_text) {
		strbuf_adds(&o, " \xc2\xb7 ");
		html_esc(&o, d->date_text);
	}
	if (d->publisher) {
		strbuf_adds(&o, " \xc2\xb7 ");
		html_esc(&o, d->publisher);
	}
	strbuf_adds(&o, "</p></div></footer>\n</body>\n</html>\n");
	if (o.failed) {
		eim_error_set(err, EIM_DATA, NULL, 0, 0,
			      "the HTML page is larger than %zu MiB",
			      HTML_CAP >> 20);
		goto out;
	}
	*out = (unsigned char *)strbuf_detach(&o, len);
	ret = 0;
out:
	free(h.fig_of);
	strbuf_release(&o);
	return ret;
}

const struct backend backend_html = {
	"html", "html", BACKEND_NEEDS_DOC | BACKEND_NEEDS_SCENE, html_render,
	NULL
};
