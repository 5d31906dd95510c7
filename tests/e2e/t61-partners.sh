#!/bin/sh
# t61-partners: partners-only notes and the editors' side of notes
# (issue 5): the partners note's words are in monitor-partners.pdf and
# nowhere in the public edition (text, metadata, bookmarks, figures.csv,
# manifest.json); the "Partners only" banner on every page of the one and
# none of the other; £ – ŵ survive; a week with 1,000 notes checks and
# renders; `eimon notes new` writes notes that check; a broken note gets
# every error with its position.
. "$(dirname "$0")/lib.sh"

week=2026-W47

# copy_sample DIR: a copy of the sample whose template path still works
# pdf_pages FILE: the number of pages
pdf_pages() { pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p'; }

# pdf_everything PDF OUT: every string a reader or a tool could find in
# the PDF, as UTF-8 text: the page text, the document information, every
# object with its strings decoded (bookmarks, annotations, names) and the
# uncompressed bytes of the whole file.
pdf_everything() {
	{
		pdftotext "$1" - 2>/dev/null
		pdfinfo "$1" 2>/dev/null
		qpdf --json=2 "$1" 2>/dev/null
		qpdf --qdf --object-streams=disable "$1" - 2>/dev/null | strings -n 4
	} >"$2"
}

# --- the sample: what the partners note says, and where ----------------
pnote="$SAMPLE/notes/$week/partners-tier1-solihull.yaml"
check "the sample has a partners-only note" grep -q '^visibility: "partners"' "$pnote"
phrase="Tier 1 supplier in Solihull"
check "the partners note says '$phrase'" grep -q "$phrase" "$pnote"

out="$T/out"
run_eimon build -c "$SAMPLE/monitor.yaml" --week $week --offline --out "$out"
expect_rc "build exits 0" 0
pub="$out/$week/monitor.pdf"
par="$out/$week/monitor-partners.pdf"
check "monitor-partners.pdf is written" test -s "$par"
pdftotext "$par" "$T/par.txt" 2>/dev/null
pdftotext "$pub" "$T/pub.txt" 2>/dev/null

# Distinctive words of the partners note's headline and body, read from
# the note itself (none of them is in any public note).
for w in "$phrase" "350 roles" "platform contract" "Rapid Response Service"; do
	check "the note's '$w' is in no public note" \
		sh -c "! grep -rl -- '$w' '$SAMPLE/notes' | grep -v partners-tier1 | grep -q ."
	expect_grep "monitor-partners.pdf says '$w'" "$w" "$T/par.txt"
done

pdf_everything "$pub" "$T/pub.all"
# Text wraps: also look for the phrase with its spaces as line breaks.
tr '\n' ' ' <"$T/pub.all" | tr -s ' ' >"$T/pub.flat"
for w in "$phrase" "350 roles" "platform contract" "Rapid Response Service" \
	"Confidential restructuring"; do
	if grep -q -- "$w" "$T/pub.all" || grep -q -- "$w" "$T/pub.flat"; then
		fail "monitor.pdf never says '$w' (text, metadata, objects, bytes)"
		grep -n -- "$w" "$T/pub.all" | sed -n '1,5p' | sed 's/^/    /'
	else ok "monitor.pdf never says '$w' (text, metadata, objects, bytes)"; fi
	if grep -q -- "$w" "$out/$week/figures.csv" "$out/$week/manifest.json"; then
		fail "figures.csv and manifest.json never say '$w'"
	else ok "figures.csv and manifest.json never say '$w'"; fi
done
pname=$(basename "$pnote")
if grep -q "$pname" "$out/$week/manifest.json"; then
	fail "the manifest does not name the partners note's file"
else ok "the manifest does not name the partners note's file"; fi
if grep -q '"partners-only note [0-9a-f]*"' "$out/$week/manifest.json"; then
	ok "the manifest still lists the partners note"
else fail "the manifest still lists the partners note"; fi
# (issue 20) a sha256 of its content would confirm a guessed text
psha=$(sha256sum "$pnote" | cut -d' ' -f1)
if grep -q "$psha" "$out/$week/manifest.json"; then
	fail "the manifest has no sha256 of the partners note"
else ok "the manifest has no sha256 of the partners note"; fi
# The public bookmarks, decoded by qpdf: none comes from the partners note.
qpdf --json=2 --json-key=outlines "$pub" 2>/dev/null |
	python3 -c '
import json, sys
def walk(o):
    for x in o:
        yield x["title"]; yield from walk(x.get("kids", []))
print("\n".join(walk(json.load(sys.stdin)["outlines"])))' >"$T/pub.outlines"
check "the public PDF has bookmarks" test -s "$T/pub.outlines"
if grep -qi -e "tier 1" -e "restructuring" "$T/pub.outlines"; then
	fail "no public bookmark names the partners note"
else ok "no public bookmark names the partners note"; fi

# The banner: on every page of the partners PDF, on none of the public one.
np=$(pdf_pages "$par")
missing=""
i=1
while [ "$i" -le "$np" ]; do
	pdftotext -f $i -l $i "$par" - 2>/dev/null | grep -q "Partners only" || missing="$missing $i"
	i=$((i + 1))
done
if [ -n "$np" ] && [ -z "$missing" ]; then
	ok "'Partners only' is on every one of the $np pages of monitor-partners.pdf"
else fail "'Partners only' is on every page of monitor-partners.pdf (missing on:$missing)"; fi
n=$(pdf_pages "$pub")
found=""
i=1
while [ "$i" -le "$n" ]; do
	pdftotext -f $i -l $i "$pub" - 2>/dev/null | grep -qi "Partners only" && found="$found $i"
	i=$((i + 1))
done
if [ -n "$n" ] && [ -z "$found" ]; then
	ok "'Partners only' is on none of the $n pages of monitor.pdf"
else fail "'Partners only' is on no page of monitor.pdf (found on:$found)"; fi

# Unicode from the notes: ŵ (Gŵyr), £ and – (the en dash in £2,000–£10,000).
expect_grep "ŵ survives into the PDF text (Gŵyr)" "Gŵyr" "$T/pub.txt"
expect_grep "£ survives into the PDF text (£4.2m)" "£4.2m" "$T/pub.txt"
tr '\n' ' ' <"$T/pub.txt" >"$T/pub.line"
expect_grep "– survives into the PDF text (£2,000–£10,000)" "£2,000–£10,000" "$T/pub.line"
expect_grep "– survives into the PDF text (January–March)" "January–March" "$T/pub.line"

# --- 1,000 notes -------------------------------------------------------
copy_sample "$T/big"
mkdir -p "$T/big/notes/$week/gen"
themes="labour_market business_conditions sectors trade_investment places"
i=1
while [ $i -le 1000 ]; do
	set -- $themes
	shift $((i % 5))
	day=$((16 + i % 5))
	printf '%s\n' \
		"date: 2026-11-$day" \
		"source: \"Generated partner $i\"" \
		"theme: \"${1:-labour_market}\"" \
		"headline: \"Generated note number $i reports steady trading and unchanged hiring plans\"" \
		"body: |" \
		"  Body of generated note $i: firms in the area reported that orders were" \
		"  in line with the previous month." \
		"sentiment: \"neutral\"" >"$T/big/notes/$week/gen/n$(printf %04d $i).yaml"
	i=$((i + 1))
done
n=$(find "$T/big/notes/$week" -name 'n*.yaml' | wc -l)
check "1,000 notes were generated (found $n)" test "$n" -eq 1000
run_eimon check -c "$T/big/monitor.yaml" --week $week
expect_rc "eimon check accepts a week with 1,000 notes" 0
run_eimon build -c "$T/big/monitor.yaml" --week $week --offline --out "$T/bigout"
expect_rc "a week with 1,000 notes builds" 0
pdftotext "$T/bigout/$week/monitor.pdf" "$T/big.txt" 2>/dev/null
tr '\n' ' ' <"$T/big.txt" | tr -s ' ' >"$T/big.flat"
expect_grep "the PDF has the 1000th note's headline" \
	"Generated note number 1000 reports steady trading" "$T/big.flat"
expect_grep "the PDF has the 1st note's headline" \
	"Generated note number 1 reports steady trading" "$T/big.flat"
n=$(grep -o "Generated note number [0-9]* reports" "$T/big.flat" | sort -u | wc -l)
check "every one of the 1,000 headlines is printed (found $n)" test "$n" -eq 1000
if qpdf --check "$T/bigout/$week/monitor.pdf" >/dev/null 2>&1; then
	ok "the 1,000-note PDF passes qpdf --check"; else fail "the 1,000-note PDF passes qpdf --check"; fi

# --- eimon notes new -----------------------------------------------------
copy_sample "$T/nn"
now=$(date -u +%G-W%V)
run_eimon notes new --source "Black Country Chamber" --theme sectors -c "$T/nn/monitor.yaml"
expect_rc "eimon notes new exits 0" 0
f1=$(cat "$T/stdout")
case "$f1" in /*) ;; *) f1="$PWD/$f1" ;; esac
check "notes new prints the file it wrote" test -s "$f1"
case "$f1" in
*/notes/$now/*) ok "the note is in the current week's folder ($now)" ;;
*) fail "the note is in the current week's folder ($now): $f1" ;;
esac
expect_grep "the note names the source" '^source: "Black Country Chamber"' "$f1"
expect_grep "the note has the theme" '^theme: "sectors"' "$f1"
cp "$f1" "$T/f1.copy"
run_eimon notes new --source "Black Country Chamber" --theme sectors -c "$T/nn/monitor.yaml"
expect_rc "a second eimon notes new exits 0" 0
f2=$(cat "$T/stdout")
case "$f2" in /*) ;; *) f2="$PWD/$f2" ;; esac
check "the second note is another file" test -s "$f2" -a "$f1" != "$f2"
expect_same "the second call leaves the first note as it was" "$T/f1.copy" "$f1"
run_eimon check -c "$T/nn/monitor.yaml" --week "$now"
expect_rc "eimon check accepts the two new notes" 0
expect_grep "check warns they are drafts" "still a draft" "$T/stderr"
# A draft for the sample's week is left out of the bulletin.
run_eimon notes new --source "Black Country Chamber" --theme sectors \
	--week "$week" -c "$T/nn/monitor.yaml"
expect_rc "notes new for week $week exits 0" 0
run_eimon build -c "$T/nn/monitor.yaml" --week "$week" --offline --out "$T/nn/out"
expect_rc "a build with a draft note exits 0" 0
expect_grep "the build warns the draft is left out" "and is left out of the bulletin" "$T/stderr"
pdftotext "$T/nn/out/$week/monitor.pdf" "$T/nn.txt" 2>/dev/null
if grep -q "TODO" "$T/nn.txt"; then fail "no TODO text is printed"; else
	ok "no TODO text is printed"; fi

# --- a broken note: every error, with its position ----------------------
copy_sample "$T/bad"
bad="$T/bad/notes/$week/broken.yaml"
cat >"$bad" <<'EOF'
date: 2026-11-31
source: "Test organisation"
theme: "sectors"
colour: "red"
headline: "A note with three mistakes"
sentimment: "mixed"
EOF
run_eimon check -c "$T/bad/monitor.yaml" --week $week
expect_rc "eimon check on a broken note exits 65" 65
# date: line 1, the value at column 7; colour: line 4; sentimment: line 6.
for want in "1:7:.*2026-11-31" "4:1:.*colour" "6:1:.*sentimment"; do
	expect_grep "an error at $want" "^eimon: [^ ]*broken.yaml:$want" "$T/stderr"
done
n=$(grep -c "broken.yaml:[0-9]*:[0-9]*: " "$T/stderr")
check "three FILE:LINE:COL lines for three errors (got $n)" test "$n" -eq 3
run_eimon build -c "$T/bad/monitor.yaml" --week $week --offline --out "$T/badout"
expect_rc "build refuses the broken note with 65" 65
check "build writes no edition for it" test ! -e "$T/badout/$week"

# --- one file, a public note then a partners-only one ------------------
# The public manifest must not name a file that holds any partners-only
# note, even when its first note is public: first in the file and, being
# newer, first in the edition's order of notes.
copy_sample "$T/mixed"
cat >"$T/mixed/notes/$week/mixed-secret-plant-closure.yaml" <<'YAML'
- date: 2026-11-19
  source: "West Midlands Growth Company"
  theme: "sectors"
  headline: "Open day at a Wolverhampton training centre drew 400 visitors"
- date: 2026-11-18
  source: "West Midlands Growth Company"
  theme: "sectors"
  headline: "Undisclosed plant closure under review at a Walsall foundry"
  visibility: "partners"
YAML
run_eimon build -c "$T/mixed/monitor.yaml" --week $week --offline --out "$T/mout"
expect_rc "a build with a mixed public/partners note file exits 0" 0
m="$T/mout/$week/manifest.json"
if grep -q "mixed-secret-plant-closure" "$m"; then
	fail "the public manifest does not name the mixed file"
	grep -n "mixed-secret" "$m" | sed 's/^/    /'
else ok "the public manifest does not name the mixed file"; fi
n=$(grep -c '"partners-only note [0-9a-f]*"' "$m")
check "the manifest fingerprints the partners' files without names ($n, want 2)" test "$n" = 2
pdftotext "$T/mout/$week/monitor.pdf" "$T/mpub.txt" 2>/dev/null
pdftotext "$T/mout/$week/monitor-partners.pdf" "$T/mpar.txt" 2>/dev/null
expect_grep "the public note of the mixed file is in monitor.pdf" \
	"Wolverhampton training centre" "$T/mpub.txt"
if grep -q "Walsall foundry" "$T/mpub.txt"; then
	fail "the partners note of the mixed file is not in monitor.pdf"
else ok "the partners note of the mixed file is not in monitor.pdf"; fi
expect_grep "the partners note of the mixed file is in monitor-partners.pdf" \
	"Walsall foundry" "$T/mpar.txt"

done_testing
