#!/bin/sh
# t64-intelligence: partners' intelligence aggregated (issue 18) on a
# copy of the sample: the summary's finding title, the recurring concern
# in the block and in the key issues, the counts in figures.csv; a
# partners-only note changes nothing in the public edition (words or
# counts) and is counted in the partners one; a CommonMark body is
# rendered (numbered and bullet lists, a link) and a very long list runs
# across pages; a body with a heading is refused with file:line:col;
# `eimon notes list` and the thin-coverage line of `eimon check`.
. "$(dirname "$0")/lib.sh"

week=2026-W47
M="$T/m"
rm -rf "$M" && cp -r "$SAMPLE" "$M" &&
	sed -i "s|^template: .*|template: \"$EIMON_TOP/report_templates/weekly.yaml\"|" "$M/monitor.yaml"

run_eimon build -c "$M/monitor.yaml" --week $week --offline --out "$T/a"
expect_rc "the sample builds" 0
pdftotext -layout "$T/a/$week/monitor.pdf" "$T/pub.txt"
pdftotext -layout "$T/a/$week/monitor-partners.pdf" "$T/par.txt"
title="More negative reports on business conditions this edition than in any of the"
expect_grep "the public summary states its finding" "$title" "$T/pub.txt"
expect_grep "the recurring concern is flagged in the block" \
	"Negative reports on business conditions in each of the last four editions" "$T/pub.txt"
expect_grep "and raised into the key issues" \
	"Partners' intelligence: negative reports on business conditions in each of the last four" "$T/pub.txt"
expect_grep "notes by place are shown" "Every place was named in at least one note" "$T/pub.txt"

# the counts printed are figures.csv rows; the previous editions too
csv="$T/a/$week/figures.csv"
expect_grep "business conditions: two negative notes this edition" \
	"^notes,E47000007,business_conditions.negative,$week,2,$" "$csv"
expect_grep "and one in each of the three editions before" \
	"^notes,E47000007,business_conditions.negative,2026-W44,1,$" "$csv"
expect_grep "a place's count" "^notes,E08000025,all.all,$week,2,$" "$csv"
expect_grep "public sectors count leaves out the partners-only note" \
	"^notes,E47000007,sectors.negative,$week,0,$" "$csv"
expect_grep "the partners edition counts it" \
	"Sectors  *1  *0  *1" "$T/par.txt"
expect_grep "and does not claim its counts are in figures.csv" \
	"partners-only notes included; figures.csv" "$T/par.txt"

# without the partners-only note the public edition is the same, word for
# word and count for count
rm "$M/notes/$week/partners-tier1-solihull.yaml"
run_eimon build -c "$M/monitor.yaml" --week $week --offline --out "$T/b"
expect_rc "the sample builds without its partners note" 0
pdftotext -layout "$T/b/$week/monitor.pdf" "$T/pub2.txt"
expect_same "the public text does not depend on the partners-only note" "$T/pub.txt" "$T/pub2.txt"
grep '^notes,' "$T/a/$week/figures.csv" >"$T/n1"
grep '^notes,' "$T/b/$week/figures.csv" >"$T/n2"
expect_same "nor do the public counts" "$T/n1" "$T/n2"

# the formatted body
expect_grep "a numbered list" "1. invoices paid after the agreed terms" "$T/pub.txt"
expect_grep "a bullet list" "• quicker payment on public-sector contracts" "$T/pub.txt"
if qpdf --qdf --object-streams=disable "$T/a/$week/monitor.pdf" - 2>/dev/null |
	grep -aq "smallbusinesscommissioner.gov.uk"; then
	ok "the link in the body is a link"; else fail "the link in the body is a link"; fi

# a very long list runs across pages
{
	printf 'date: 2026-11-18\nsource: "List maker"\ntheme: "places"\n'
	printf 'headline: "A long list"\nbody: |\n  Items:\n\n'
	i=1; while [ $i -le 150 ]; do printf '  %d. item *number* %d\n' $i $i; i=$((i + 1)); done
} >"$M/notes/$week/long-list.yaml"
run_eimon build -c "$M/monitor.yaml" --week $week --offline --out "$T/c"
expect_rc "a note with a 150-item list builds" 0
pdftotext -layout "$T/c/$week/monitor.pdf" "$T/long.txt"
expect_grep "its first item" " 1. item number 1$" "$T/long.txt"
expect_grep "its last item" "150. item number 150$" "$T/long.txt"
first=$(awk '/ 1\. item number 1$/{print p; exit} /\f/{p++}' p=1 "$T/long.txt")
last=$(awk '/150\. item number 150$/{print p; exit} /\f/{p++}' p=1 "$T/long.txt")
if [ -n "$first" ] && [ -n "$last" ] && [ "$last" -gt "$first" ]; then
	ok "the list runs across pages ($first to $last)"; else
	fail "the list runs across pages ($first to $last)"; fi
rm "$M/notes/$week/long-list.yaml"

# a body with a heading: refused where it is
printf 'date: 2026-11-18\nsource: "X"\ntheme: "places"\nheadline: "H"\nbody: |\n  Text.\n\n  # Heading\n' \
	>"$M/notes/$week/heading.yaml"
run_eimon check -c "$M/monitor.yaml" --week $week
expect_rc "check refuses a body with a heading" 65
expect_grep "with its file, line and column" \
	"notes/$week/heading.yaml:8:3: a heading is not allowed in a note body" "$T/stderr"
rm "$M/notes/$week/heading.yaml"

# notes list
run_eimon notes list -c "$M/monitor.yaml" --week $week --since 2026-W45 --theme business_conditions
expect_rc "notes list runs" 0
expect_grep "a header line" "^week  *date  *source  *theme  *sentiment  *headline$" "$T/stdout"
expect_grep "an earlier week's note" "^2026-W45  2026-11-04  one local Growth Hub" "$T/stdout"
expect_grep "the count" "^4 notes$" "$T/stdout"
if grep -q "labour_market" "$T/stdout"; then fail "only the theme asked for"; else
	ok "only the theme asked for"; fi
run_eimon notes list -c "$M/monitor.yaml" --week $week --place E08000029
expect_grep "--place keeps the notes naming it" "Small firms name late payment" "$T/stdout"
expect_grep "one note, since the partners one is gone" "^1 note$" "$T/stdout"
run_eimon notes list -c "$M/monitor.yaml" --place E99999999
expect_rc "an unknown place is a usage error" 64

# check: the thin coverage of places (W46 names only Wolverhampton)
run_eimon check -c "$M/monitor.yaml" --week 2026-W46
expect_grep "check names the places no note names" \
	"thin coverage: no note this edition names Birmingham (E08000025, 2 in the previous 4)" "$T/stderr"

# a counted note of an earlier week is an input of this edition: editing
# it revises the edition
run_eimon build -c "$M/monitor.yaml" --week $week --offline --out "$T/r"
expect_grep "an earlier week's counted note is a manifest input" \
	"notes/2026-W44/chamber-late-payment.yaml" "$T/r/$week/manifest.json"
sed -i 's/^sentiment: "negative"/sentiment: "neutral"/' "$M/notes/2026-W44/chamber-late-payment.yaml"
run_eimon build -c "$M/monitor.yaml" --week $week --offline --out "$T/r"
expect_rc "the edition rebuilds" 0
check "editing it revised the edition" test -d "$T/r/$week/previous/1"
expect_grep "and its count changed" \
	"^notes,E47000007,business_conditions.negative,2026-W44,0,$" "$T/r/$week/figures.csv"

done_testing
