#!/bin/sh
# t31-since-last: the bulletin says what changed since the previous
# edition in the same output folder (read from its figures.csv).
. "$(dirname "$0")/lib.sh"

out="$T/out"
run_eimon build -c "$SAMPLE/monitor.yaml" --week 2026-W43 --offline --out "$out"
expect_rc "the week 43 edition builds" 0
pdftotext "$out/2026-W43/monitor.pdf" "$T/w43.txt" 2>/dev/null
if grep -q "Since the last monitor" "$T/w43.txt"; then
	fail "the first edition has no previous one to compare with"
else ok "the first edition has no previous one to compare with"; fi

run_eimon build -c "$SAMPLE/monitor.yaml" --week 2026-W47 --offline --out "$out"
expect_rc "the week 47 edition builds" 0
pdftotext "$out/2026-W47/monitor.pdf" - 2>/dev/null | tr '\n' ' ' >"$T/w47.txt"
expect_grep "it compares with week 43" "Since the last monitor (week 43 2026)" "$T/w47.txt"
# Week 43 (to 25 October) had September claimant figures; week 47 has October.
expect_grep "the claimant count has new data" "the claimant count (October 2026)" "$T/w47.txt"
expect_grep "footfall has new weeks" "footfall (week 46 2026)" "$T/w47.txt"
if grep -q "enterprises (2025)" "$T/w47.txt"; then
	fail "annual business counts did not change"; else
	ok "annual business counts did not change"; fi

run_eimon build -c "$SAMPLE/monitor.yaml" --week 2026-W48 --offline --out "$out"
expect_rc "the week 48 edition builds" 0
pdftotext "$out/2026-W48/monitor.pdf" - 2>/dev/null | tr '\n' ' ' >"$T/w48.txt"
expect_grep "nothing new since week 47" \
	"Since the last monitor (week 47 2026): no indicator has new data" "$T/w48.txt"

done_testing
