#!/bin/sh
# t52-data-checks: every case of tests/bad/data (a folder: a small monitor
# on the shipped weekly template, its data and edition file) run with
# `eimon check` prints exactly the lines of its `expected` file on stderr
# (notes and the editors' coverage line aside) and exits with the code in its `exit` file; `eimon build`
# of the same case exits the same way and, when it fails, publishes
# nothing; when it succeeds, the bulletin prints every line of the case's
# `expected-pdf` (if any). Run from the case folder so that file names are short.
. "$(dirname "$0")/lib.sh"

dir="$EIMON_TOP/tests/bad/data"
n=0
for d in "$dir"/*/; do
	name=$(basename "$d")
	want=$(cat "$d/exit")
	n=$((n + 1))
	(cd "$d" && eimon check -c monitor.yaml --week 2026-W47) \
		>"$T/stdout" 2>"$T/stderr.all"
	rc=$?
	grep -v ': note: ' "$T/stderr.all" | grep -v 'thin coverage: ' >"$T/stderr"
	expect_rc "$name: check exits $want" "$want"
	expect_same "$name: check says what is wrong and where" \
		"$d/expected" "$T/stderr"
	rm -rf "$T/out"
	(cd "$d" && eimon build -c monitor.yaml --week 2026-W47 --offline \
		--out "$T/out") >"$T/stdout" 2>"$T/stderr"
	rc=$?
	expect_rc "$name: build exits $want" "$want"
	if [ "$want" -eq 0 ]; then
		check "$name: the edition is published" \
			test -s "$T/out/2026-W47/monitor.pdf"
		# expected-pdf: lines the bulletin prints (spaces and line
		# breaks of the layout made one space)
		if [ -f "$d/expected-pdf" ]; then
			pdftotext -layout "$T/out/2026-W47/monitor.pdf" - 2>/dev/null |
				tr -s ' \n' '  ' >"$T/pdf.txt"
			while IFS= read -r line; do
				if grep -qF -- "$line" "$T/pdf.txt"; then
					ok "$name: the bulletin prints '$line'"
				else
					fail "$name: the bulletin prints '$line'"
				fi
			done <"$d/expected-pdf"
		fi
	else
		check "$name: nothing is published" test ! -e "$T/out/2026-W47"
	fi
done
if [ "$n" -ge 12 ]; then ok "at least 12 data-check cases ($n)"; else
	fail "at least 12 data-check cases ($n)"; fi

done_testing
