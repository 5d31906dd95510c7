#!/bin/sh
# t65-words: the words of the bulletin say what figures.csv says (issue
# 15). tests/e2e/words.py parses every generated sentence, chart title,
# bar and table cell of the PDF text and checks it against the
# figures.csv of the same build: the sample (with the weekly and the
# summary template), then every case folder of
# tests/figures/ built as a whole monitor (tests/e2e/case_monitor.py),
# whose figures must also be the case's expected.csv.
. "$(dirname "$0")/lib.sh"

words() { # what monitor.yaml edition-dir [expected.csv]
	_what=$1; shift
	if python3 "$EIMON_TOP/tests/e2e/words.py" "$@" >"$T/words.txt" 2>&1 &&
	    grep -q "^checked [1-9]" "$T/words.txt"; then
		ok "$_what ($(tail -1 "$T/words.txt"))"
	else
		fail "$_what"; sed -n '1,30p' "$T/words.txt" | sed 's/^/    /'
	fi
}

week=2026-W47
run_eimon build -c "$SAMPLE/monitor.yaml" --week $week --offline --out "$T/sample"
expect_rc "the sample builds" 0
words "the sample's words match its figures.csv" \
	"$SAMPLE/monitor.yaml" "$T/sample/$week"

# the same figures through the summary template's blocks
cp -r "$SAMPLE" "$T/wmca"
sed -i "s|^template:.*|template: $EIMON_TOP/report_templates/summary.yaml|" \
	"$T/wmca/monitor.yaml"
run_eimon build -c "$T/wmca/monitor.yaml" --week $week --offline --out "$T/summary"
expect_rc "the sample builds with the summary template" 0
words "the summary's words match its figures.csv" \
	"$T/wmca/monitor.yaml" "$T/summary/$week"

for case in "$EIMON_TOP"/tests/figures/*/; do
	name=$(basename "$case")
	dir="$T/case-$name"
	if ! w=$(python3 "$EIMON_TOP/tests/e2e/case_monitor.py" "$case" "$dir"); then
		fail "$name: a monitor from the case"; continue
	fi
	run_eimon build -c "$dir/monitor.yaml" --week "$w" --offline --out "$dir/out"
	if [ "$rc" -ne 0 ]; then
		fail "$name: builds (exit $rc)"; sed 's/^/    /' "$T/stderr"; continue
	fi
	words "$name: words match figures.csv, figures match expected.csv" \
		"$dir/monitor.yaml" "$dir/out/$w" "$case/expected.csv"
done
done_testing
