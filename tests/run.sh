#!/bin/sh
# run.sh BUILD [LIST] - run the unit test binaries and end-to-end scripts,
# TEST_JOBS at a time (default: the number of cores), then print each
# result as TAP ("ok"/"not ok") in a fixed order and end with
# "N passed, M failed". LIST (tests/lists/*.list, for the slow sanitizer
# and valgrind passes) names the tests to run, one shell pattern per
# line; "-pattern" lines leave tests out (a list of only those runs every
# other test); without LIST every test runs. Each
# test's wall time is written to BUILD/test-times.txt.
set -u
build=${1:-build}
list=${2:-}
top=$(cd "$(dirname "$0")/.." && pwd)
EIMON="$top/$build/eimon"
export EIMON EIMON_TOP="$top" EIMON_BUILD="$top/$build"
export CMOCKA_MESSAGE_OUTPUT=TAP LC_ALL=C
jobs=${TEST_JOBS:-$(nproc 2>/dev/null || echo 2)}
log=$(mktemp -d "${TMPDIR:-/tmp}/eimon-test.XXXXXX")
trap 'rm -rf "$log"' EXIT
passed=0 failed=0

wanted() { # name: LIST's lines are shell patterns; "-pattern" excludes
	[ -z "$list" ] && return 0
	_inc=0 _any=0
	while IFS= read -r _p; do
		case "$_p" in
		'' | '#'*) ;;
		-*) case "$1" in ${_p#-}) return 1 ;; esac ;;
		*) _any=1; case "$1" in $_p) _inc=1 ;; esac ;;
		esac
	done <"$list"
	[ "$_any" -eq 0 ] || [ "$_inc" -eq 1 ]
}

# The slowest scripts first, so that the jobs finish together.
: >"$log/todo"
for t in "$top"/tests/e2e/t*.sh "$top/$build"/tests/test_*; do
	[ -f "$t" ] || continue
	case "$t" in
	*.d) continue ;;
	*.sh) name=$(basename "$t" .sh) ;;
	*) [ -x "$t" ] || continue; name=$(basename "$t") ;;
	esac
	wanted "$name" || continue
	ms=$(sed -n "s/^$name \([0-9]*\)\$/\1/p" "$top/tests/test-weights.txt" 2>/dev/null)
	echo "${ms:-0} $t" >>"$log/todo"
done
# A list naming a test that is not there is a mistake, not a smaller run.
if [ -n "$list" ]; then
	for n in $(sed -nE 's/^-?([A-Za-z0-9_.-]+)$/\1/p' "$list"); do # not globs
		[ -f "$top/tests/e2e/$n.sh" ] || [ -x "$top/$build/tests/$n" ] ||
			{ echo "not ok - $list names $n, which is not a test"; failed=1; }
	done
fi
sort -rn "$log/todo" | cut -d' ' -f2- |
	xargs -d '\n' -P "$jobs" -n 1 sh "$top/tests/run_one.sh" "$log"

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

: >"$top/$build/test-times.txt"
sort -k2 "$log/todo" | cut -d' ' -f2- >"$log/order"
while IFS= read -r t; do
	case "$t" in
	*.sh) name=$(basename "$t" .sh) ;;
	*) name=$(basename "$t") ;;
	esac
	if [ ! -f "$log/$name.rc" ]; then
		echo "not ok - $name did not run" >"$log/$name.out"
		echo 1 >"$log/$name.rc"
	fi
	tally "$name" "$(cat "$log/$name.rc")" "$log/$name.out"
	echo "$name $(cat "$log/$name.ms" 2>/dev/null || echo 0)" >>"$top/$build/test-times.txt"
done <"$log/order"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
