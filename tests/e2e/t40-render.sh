#!/bin/sh
# t40-render - the PDF back end end to end: tests/unit/test_render builds a
# bulletin by hand (masthead, contents, 3 sections with 3 H1 and 5 H2
# headings, a 3,000-word note, an 80-row table, line/bar/column charts, a
# dashboard with sparklines and arrows, £ – ’ ŵ in the text) and writes it
# with EIMON_RENDER_PDF; the PDF is then checked with qpdf and poppler.
. "$EIMON_TOP/tests/e2e/lib.sh"

bin="$EIMON_BUILD/tests/test_render"
need() { command -v "$1" >/dev/null 2>&1; }
if [ ! -x "$bin" ] || ! need qpdf || ! need pdftotext || ! need pdffonts ||
   ! need pdfinfo; then
	fail "test_render, qpdf and poppler-utils are needed"
	done_testing
	exit 1
fi

pdf="$T/a.pdf"
render() {
	EIMON_RENDER_PDF="$1" EIMON_RENDER_PDF2="$T/edge.pdf" \
		${EIMON_WRAP:-} "$bin" >"$T/run.log" 2>&1
}
check "render the test bulletin" render "$pdf"
check "a second render" render "$T/b.pdf"
expect_same "two renders are byte-identical" "$pdf" "$T/b.pdf"

quiet() { "$@" >/dev/null 2>&1; }
check "qpdf --check passes" quiet qpdf --check "$pdf"

pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
check "several pages ($pages)" test "${pages:-0}" -ge 5
check "A4 portrait" sh -c "pdfinfo '$pdf' 2>/dev/null |
	grep -q '^Page size: *595.28 x 841.89 pts (A4)'"
check "info keywords in UTF-16 (Gŵyr – £)" sh -c "pdfinfo '$pdf' \
	2>/dev/null | grep -q '^Keywords:.*Gŵyr – £'"
check "info dates come from the doc" sh -c "pdfinfo -isodates '$pdf' \
	2>/dev/null | grep -q '^CreationDate: *2026-11-20T00:00:00'"

# every font embedded: the "emb" column (third from the right) says yes
pdffonts "$pdf" 2>/dev/null | awk 'NR > 2' >"$T/fonts"
check "two fonts listed" test "$(wc -l <"$T/fonts")" -eq 2
check "every font embedded" sh -c "awk '{ if (\$(NF-4) != \"yes\") bad=1 }
	END { exit bad }' '$T/fonts'"

# "Page i of N" on every page, the date in every footer
i=1
allpages=0
while [ "$i" -le "${pages:-0}" ]; do
	pdftotext -f "$i" -l "$i" -layout "$pdf" "$T/p$i.txt" 2>/dev/null
	grep -q "Page $i of $pages" "$T/p$i.txt" || allpages=1
	grep -q "20 November 2026" "$T/p$i.txt" || allpages=1
	grep -q "Partners only — not for publication" "$T/p$i.txt" ||
		allpages=1
	i=$((i + 1))
done
check "Page i of $pages, date and banner on every page" test "$allpages" -eq 0

# running header (title, issue) on every page after the first
hdr=0
i=2
while [ "$i" -le "${pages:-0}" ]; do
	grep -q "West Midlands Weekly Economic Impact Monitor *Issue 123" \
		"$T/p$i.txt" || hdr=1
	i=$((i + 1))
done
check "running header on pages 2..$pages" test "$hdr" -eq 0

# keep with next: no page ends with a heading (the last line above the
# footer is never one)
cat >"$T/headings" <<'HEADINGS'
Headlines
Labour market
Claimant count
Claimants by ward
Business and intelligence
Business activity
Partners’ intelligence
About this bulletin
HEADINGS
orphan=0
i=1
while [ "$i" -le "${pages:-0}" ]; do
	last=$(grep -v "Page $i of" "$T/p$i.txt" | grep -v '^[[:space:]]*$' |
	       tail -n 1 | sed 's/^ *//; s/ *$//')
	if grep -qxF -- "$last" "$T/headings"; then
		echo "# page $i ends with heading '$last'"
		orphan=1
	fi
	i=$((i + 1))
done
check "no page ends with a heading" test "$orphan" -eq 0

# links: a URI annotation for the link run, internal links from contents
qpdf --qdf --object-streams=disable "$pdf" "$T/qdf.pdf" 2>/dev/null
expect_grep "URI link annotation" \
	"/URI (https://www.ons.gov.uk/employmentandlabourmarket)" "$T/qdf.pdf"
n=$(grep -ac "/Subtype /Link" "$T/qdf.pdf")
check "link annotations: 8 contents entries + 2 URIs or more ($n)" \
	test "$n" -ge 10

pdftotext "$pdf" "$T/all.txt" 2>/dev/null
expect_grep "£ extracts as text" "£238,000" "$T/all.txt"
expect_grep "ŵ extracts as text" "Gŵyr" "$T/all.txt"
expect_grep "– extracts as text" "region – thanks" "$T/all.txt"
expect_grep "’ extracts as text" "England’s" "$T/all.txt"
# a word longer than the line is broken between characters, never cut
long="Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogochŵŵŵ"
long="${long}Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch£££ end."
tr -d '\n' <"$T/all.txt" >"$T/joined.txt"
expect_grep "an over-long word is kept whole across lines" "$long" \
	"$T/joined.txt"
expect_grep "masthead issue line" "Issue 123 · 20 November 2026" \
	"$T/all.txt"
expect_grep "partners-only note is marked" "PARTNERS ONLY" "$T/all.txt"
expect_grep "reference line labelled" "50 = no change" "$T/all.txt"
expect_grep "direct line label" "England" "$T/all.txt"
expect_grep "the table continues" "(continued)" "$T/all.txt"
# the table's header row is repeated on every page it spans
n=$(grep -l "Change on year *Rate" "$T"/p*.txt | wc -l)
check "table header repeated ($n pages)" test "$n" -ge 2
expect_grep "last table row" "Ward 80 – Dudley" "$T/all.txt"

# bookmarks: 3 H1 + 5 H2
qpdf --json --json-key=outlines "$pdf" >"$T/outlines.json" 2>/dev/null
n=$(grep -c '"title":' "$T/outlines.json")
check "8 bookmarks for 3 H1 + 5 H2 headings (got $n)" test "$n" -eq 8
expect_grep "bookmark titles are UTF-8" "Partners’ intelligence" \
	"$T/outlines.json"

# contents page numbers point at the pages the headings are on
bad=0
for h in "Labour market" "Claimants by ward" "Business and intelligence" \
	 "About this bulletin"; do
	p=$(grep -m1 "^ *$h \.*" "$T/p1.txt" | awk '{ print $NF }')
	if [ -z "$p" ] || ! grep -q "^ *$h *\$" "$T/p$p.txt"; then
		echo "# contents: '$h' -> page '$p'"
		bad=1
	fi
done
check "contents page numbers are right" test "$bad" -eq 0

# the edge-case charts: negative ticks with U+2212 and separators, weekly
# data on a monthly axis, quarterly labels
pdftotext -layout "$T/edge.pdf" "$T/edge.txt" 2>/dev/null
expect_grep "negative tick label" "−1,000" "$T/edge.txt"
expect_grep "weekly data, monthly labels" "Apr 2026" "$T/edge.txt"
expect_grep "quarterly labels" "Q1 2024" "$T/edge.txt"
expect_grep "a missing bar says so" "no data" "$T/edge.txt"

# no word outside the page box
pdftotext -bbox "$pdf" "$T/bbox.html" 2>/dev/null
check "no word outside the page" awk -F'"' '
	/<page / { w = $2 + 0; h = $4 + 0 }
	/<word / { if ($2 < 0 || $4 < 0 || $6 > w || $8 > h) {
		print "# outside: " $0; bad = 1 } }
	END { exit bad }' "$T/bbox.html"

done_testing
