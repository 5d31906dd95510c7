#!/bin/sh
# t50-bad-feeds: every case of tests/bad/feeds (NN-name.FORMAT) read with
# `eimon read --format FORMAT` exits 65 and prints exactly the line of
# NN-name.FORMAT.expected on stderr ("eimon: FILE[:LINE[:COL]]: message"),
# nothing on stdout. Truncated Nomis responses, broken quoting, NaN,
# Infinity, huge exponents, JSON-stat size/value mismatches, ONS values of
# the wrong type... Run from the folder so that FILE is the bare name.
. "$(dirname "$0")/lib.sh"

dir="$EIMON_TOP/tests/bad/feeds"
n=0
for f in "$dir"/*; do
	case $f in *.expected) continue ;; esac
	name=${f##*/}
	fmt=${name##*.}
	n=$((n + 1))
	(cd "$dir" && eimon read --format "$fmt" "$name") >"$T/stdout" 2>"$T/stderr"
	rc=$?
	expect_rc "$name exits 65" 65
	expect_same "$name: the expected message" "$f.expected" "$T/stderr"
	if [ -s "$T/stdout" ]; then fail "$name: nothing on stdout"; fi
done
if [ "$n" -ge 30 ]; then ok "at least 30 bad feed cases ($n)"; else
	fail "at least 30 bad feed cases ($n)"; fi

# A good file still reads: the corpus is not refusing everything.
run_eimon read --format nomis-csv "$SAMPLE/data/nomis_NM_162_1_claimant_count_wmca.data.csv"
expect_rc "a good Nomis file reads" 0

done_testing
