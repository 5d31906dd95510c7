#!/bin/sh
# run.sh BUILD - run every unit test binary and end-to-end script, print
# each result as TAP ("ok"/"not ok") and end with "N passed, M failed".
set -u
build=${1:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
EIMON="$top/$build/eimon"
export EIMON EIMON_TOP="$top" EIMON_BUILD="$top/$build"
export CMOCKA_MESSAGE_OUTPUT=TAP LC_ALL=C
log=$(mktemp -d "${TMPDIR:-/tmp}/eimon-test.XXXXXX")
trap 'rm -rf "$log"' EXIT
passed=0 failed=0

tally() { # name status file
	p=$(grep -ac '^ok ' "$3")
	f=$(grep -ac '^not ok ' "$3")
	if [ "$2" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $1 exited with status $2" >>"$3"
		f=1
	fi
	grep -aE '^(not )?ok ' "$3" | sed "s|^|[$1] |"
	if [ "$f" -ne 0 ] || [ "$2" -ne 0 ]; then
		sed -n '1,200p' "$3" | grep -avE '^(not )?ok |^1\.\.' | sed 's/^/    /'
	fi
	passed=$((passed + p))
	failed=$((failed + f))
}

for t in "$top/$build"/tests/test_*; do
	[ -x "$t" ] || continue
	case "$t" in *.d) continue ;; esac
	name=$(basename "$t")
	(cd "$top" && ${EIMON_WRAP:-} "$t") >"$log/out" 2>&1
	tally "$name" $? "$log/out"
done

for t in "$top"/tests/e2e/t*.sh; do
	[ -f "$t" ] || continue
	name=$(basename "$t" .sh)
	(cd "$top" && sh "$t") >"$log/out" 2>&1
	tally "$name" $? "$log/out"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
