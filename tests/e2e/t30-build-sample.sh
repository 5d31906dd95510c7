#!/bin/sh
# t30-build-sample: `eimon build` on samples/wmca as a user runs it:
# silent success, a valid PDF with embedded fonts, the title, issue and
# the WMCA claimant count as in the sample data, figures.csv and the same
# bytes on a rebuild.
. "$(dirname "$0")/lib.sh"

week=2026-W47
out="$T/out"
run_eimon build -c "$SAMPLE/monitor.yaml" --week $week --offline --out "$out"
expect_rc "build exits 0" 0
expect_silent "build is silent on success"
pdf="$out/$week/monitor.pdf"
check "monitor.pdf written" test -s "$pdf"
check "figures.csv written" test -s "$out/$week/figures.csv"
if qpdf --check "$pdf" >"$T/qpdf.txt" 2>&1; then ok "qpdf --check passes"; else
	fail "qpdf --check passes"; sed -n '1,10p' "$T/qpdf.txt"; fi
if pdffonts "$pdf" | awk 'NR > 2 && $(NF-4) != "yes" { bad = 1 } END { exit bad }'; then
	ok "every font is embedded"; else fail "every font is embedded"; pdffonts "$pdf"; fi
pdftotext -layout "$pdf" "$T/text.txt" 2>"$T/pdftotext.err"
# poppler reads every font's ToUnicode CMap without complaint (libharu's
# own is a CID CMap: render_tounicode.c replaces it)
if [ ! -s "$T/pdftotext.err" ]; then ok "pdftotext reads it without a warning"
else fail "pdftotext reads it without a warning"; head -3 "$T/pdftotext.err"; fi
# text outside ASCII comes back as the same characters
expect_grep "a pound sign extracts as itself" "£" "$T/text.txt"

title=$(sed -n 's/^title: *//p' "$SAMPLE/monitor.yaml" | tr -d '"')
expect_grep "the title is printed" "$title" "$T/text.txt"

# The issue number: counted from first_issue at first_issue_week, unless
# the edition file gives one.
issue=$(sed -n 's/^issue: *//p' "$SAMPLE/editions/$week.yaml")
if [ -z "$issue" ]; then
	first=$(sed -n 's/^first_issue: *//p' "$SAMPLE/monitor.yaml")
	fw=$(sed -n 's/^first_issue_week: *//p' "$SAMPLE/monitor.yaml" | sed 's/.*W0*//')
	issue=$((first + ${week#*-W} - fw))
fi
expect_grep "the issue number is printed" "Issue $issue" "$T/text.txt"

# The latest WMCA claimant count, read from the sample CSV independently.
want=$(nomis_latest "$SAMPLE" E47000007)
expect_grep "the WMCA claimant count ($want) is printed" "$want" "$T/text.txt"
raw=$(echo "$want" | tr -d ,)
expect_grep "figures.csv holds the WMCA latest claimant count" \
	"^claimant_count,E47000007,latest,[0-9-]*,$raw," "$out/$week/figures.csv"

pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
expect_grep "the last page says Page $pages of $pages" "Page $pages of $pages" "$T/text.txt"

sum1=$(sha256sum "$pdf" | cut -d' ' -f1)
run_eimon build -c "$SAMPLE/monitor.yaml" --week $week --offline --out "$T/out2"
sum2=$(sha256sum "$T/out2/$week/monitor.pdf" | cut -d' ' -f1)
if [ "$sum1" = "$sum2" ]; then ok "a rebuild gives the same PDF bytes"; else
	fail "a rebuild gives the same PDF bytes"; fi
expect_same "a rebuild gives the same figures.csv" "$out/$week/figures.csv" "$T/out2/$week/figures.csv"

done_testing
