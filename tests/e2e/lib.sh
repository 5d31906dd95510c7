# lib.sh - helpers for end-to-end tests (sourced). Each check prints one
# TAP line: "ok - what" or "not ok - what". The script exits non-zero if
# any check failed. $EIMON is the binary under test; $EIMON_WRAP (e.g.
# valgrind) wraps every run of it.
set -u
T=$(mktemp -d "${TMPDIR:-/tmp}/eimon-e2e.XXXXXX")
trap 'rm -rf "$T"' EXIT
_fails=0
SAMPLE="$EIMON_TOP/samples/wmca"
REALDATA="$EIMON_TOP/tests/fixtures/realdata"

eimon() { ${EIMON_WRAP:-} "$EIMON" "$@"; }

ok() { echo "ok - $1"; }
fail() { echo "not ok - $1"; _fails=$((_fails + 1)); }

# check "what" command...: passes when the command succeeds
check() {
	_what=$1; shift
	if "$@"; then ok "$_what"; else fail "$_what"; fi
}

# run_eimon: run eimon with args, capture stdout/stderr/exit code in
# $T/stdout, $T/stderr, $rc
run_eimon() {
	eimon "$@" >"$T/stdout" 2>"$T/stderr"
	rc=$?
}

# expect_rc "what" N: the last run_eimon exited with N
expect_rc() {
	if [ "$rc" -eq "$2" ]; then ok "$1"; else
		fail "$1 (exit $rc, wanted $2)"; sed 's/^/    stderr: /' "$T/stderr"; fi
}

# expect_grep "what" PATTERN FILE
expect_grep() {
	if grep -q -- "$2" "$3"; then ok "$1"; else
		fail "$1 (no '$2' in $(basename "$3"))"; sed -n '1,20p' "$3" | sed 's/^/    /'; fi
}

# expect_same "what" EXPECTED_FILE ACTUAL_FILE
expect_same() {
	if cmp -s "$2" "$3"; then ok "$1"; else
		fail "$1"; diff -u "$2" "$3" | sed -n '1,40p' | sed 's/^/    /'; fi
}

# expect_silent "what": the last run_eimon printed nothing at all
expect_silent() {
	if [ -s "$T/stdout" ] || [ -s "$T/stderr" ]; then
		fail "$1"; sed 's/^/    /' "$T/stdout" "$T/stderr" | sed -n '1,20p'
	else ok "$1"; fi
}

# nomis_latest SAMPLE_DIR GSS: the latest claimant count (measure 1) of
# GSS up to the 2026-W47 edition in the sample's Nomis CSV, as printed
# (1,234), read with Python's csv module, independently of eimon.
nomis_latest() {
	python3 - "$1" "$2" <<'PY'
import csv, sys, glob
f = glob.glob(sys.argv[1] + "/data/nomis_NM_162_1*.csv")[0]
rows = [r for r in csv.DictReader(open(f, encoding="utf-8-sig"))
        if r["GEOGRAPHY_CODE"] == sys.argv[2] and r["MEASURE"] == "1"
        and r["OBS_VALUE"] != "" and r["DATE"] <= "2026-11"]
r = max(rows, key=lambda r: r["DATE"])
print("{:,}".format(int(float(r["OBS_VALUE"]))))
PY
}

done_testing() { [ "$_fails" -eq 0 ]; }

# copy_sample DEST: a copy of the monitor in $SAMPLE at DEST whose template
# is this checkout's report_templates/weekly.yaml (so the copy builds
# wherever it lives).
copy_sample() {
	rm -rf "$1" && cp -r "$SAMPLE" "$1" &&
	sed -i "s|^template: .*|template: \"$EIMON_TOP/report_templates/weekly.yaml\"|" "$1/monitor.yaml"
}
