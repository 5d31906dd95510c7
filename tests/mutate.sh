#!/bin/sh
# mutate.sh [-l] [ID...] - a small mutation runner (issue 22). Each
# mutation in tests/mutations.txt is a one-line change of eimon's source
# (a realistic bug); it is applied, alone, to a scratch copy of this
# working tree, which is rebuilt and tested: a failing test "kills" it, a
# suite that still passes lets it "survive". The score is killed /
# (killed + survived); mutations marked `equivalent` (they cannot change
# behaviour; the file says why) are listed but not run.
#
# Tests run fastest-first and stop at the first failure: the mutation's
# own hints (`tests:` on its line), then every unit test, then every
# end-to-end script. A survivor therefore costs a whole suite (~2 min on
# an idle 2-core machine), a kill usually seconds. Not part of `make test`.
#   -l        list the mutations and exit
#   ID...     run only these (default: all)
#   MUTATE_KEEP=1  keep the scratch copy (its path is printed)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
list="$top/tests/mutations.txt"
only=""
if [ "${1:-}" = "-l" ]; then
	grep '^@ ' "$list" | cut -c3-
	exit 0
fi
only="$*"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/eimon-mutate.XXXXXX")
[ "${MUTATE_KEEP:-}" = 1 ] && echo "# scratch copy: $scratch" ||
	trap 'rm -rf "$scratch"' EXIT
tar -C "$top" --exclude=./build --exclude=./out --exclude=./.git -cf - . |
	tar -C "$scratch" -xf -
echo "# building the unmutated copy in $scratch"
if ! make -j"${MUTATE_JOBS:-2}" -C "$scratch" --no-print-directory -s test-bins </dev/null >"$scratch/.build.log" 2>&1; then
	sed 's/^/    /' "$scratch/.build.log"
	echo "the unmutated copy does not build" >&2
	exit 1
fi

# apply FILE FROM TO: replace the single occurrence of FROM (it must occur
# exactly once: a mutation that matches nothing or twice is stale).
apply() {
	python3 - "$@" <<'PY'
import sys
path, old, new = [a.replace("\\n", "\n").replace("\\t", "\t")
                  for a in sys.argv[1:]]
s = open(path, encoding="utf-8").read()
n = s.count(old)
if n != 1:
    print("matches %d times" % n)
    sys.exit(1)
open(path, "w", encoding="utf-8").write(s.replace(old, new, 1))
PY
}

# run_one TEST: 0 when it passes (unit binary name or e2e script name)
run_one() {
	(
		cd "$scratch" || exit 1
		export EIMON="$scratch/build/eimon" EIMON_TOP="$scratch" \
			EIMON_BUILD="$scratch/build" CMOCKA_MESSAGE_OUTPUT=TAP LC_ALL=C
		case $1 in
		test_*) timeout 600 "build/tests/$1" ;;
		t*) timeout 900 sh "tests/e2e/$1.sh" ;;
		esac
	) </dev/null >"$scratch/.test.log" 2>&1 || return 1
	! grep -q '^not ok' "$scratch/.test.log"
}

all_tests() {
	for t in "$scratch"/build/tests/test_*; do
		case $t in *.d) continue ;; esac
		[ -x "$t" ] && basename "$t"
	done
	for t in "$scratch"/tests/e2e/t*.sh; do basename "$t" .sh; done
}

killed=0 survived=0 stale=0 equiv=0 survivors=""
# The list: "@ ID FILE [tests: T...] [equivalent]", then "- FROM" and
# "+ TO" lines (text after "- " / "+ ", matched exactly).
python3 - "$list" >"$scratch/.mutations" <<'PY'
import sys
cur = None
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    if line.startswith("@ "):
        cur = line[2:].split()
        frm = to = None
    elif line.startswith("- ") and cur:
        frm = line[2:]
    elif line.startswith("+ ") and cur:
        to = line[2:]
        ident, path = cur[0], cur[1]
        rest = cur[2:]
        eq = "equivalent" in rest
        hints = [t for t in rest if t not in ("tests:", "equivalent")]
        # one record per line, fields separated by \x1f
        print("\x1f".join([ident, path, frm, to, "1" if eq else "0", " ".join(hints)]))
        cur = None
PY
us=$(printf '\037')
while IFS="$us" read -r id file from to eq hints; do
	if [ -n "$only" ] && ! echo " $only " | grep -q " $id "; then continue; fi
	if [ "$eq" = 1 ]; then
		echo "EQUIVALENT $id"
		equiv=$((equiv + 1)); continue
	fi
	cp "$scratch/$file" "$scratch/.orig"
	if ! msg=$(apply "$scratch/$file" "$from" "$to"); then
		echo "STALE $id ($file: $msg)"
		stale=$((stale + 1)); continue
	fi
	by=""
	if ! make -j"${MUTATE_JOBS:-2}" -C "$scratch" --no-print-directory -s test-bins </dev/null >"$scratch/.build.log" 2>&1; then
		by="(build)"
	else
		for t in $hints $(all_tests); do
			if ! run_one "$t"; then by=$t; break; fi
		done
	fi
	cp "$scratch/.orig" "$scratch/$file"
	touch "$scratch/$file"
	if [ -n "$by" ]; then
		echo "KILLED $id by $by"
		killed=$((killed + 1))
	else
		echo "SURVIVED $id"
		survived=$((survived + 1)); survivors="$survivors $id"
	fi
done <"$scratch/.mutations"
make -j"${MUTATE_JOBS:-2}" -C "$scratch" --no-print-directory -s test-bins >/dev/null 2>&1
total=$((killed + survived))
if [ $total -gt 0 ]; then
	echo "score: $killed killed / $total run = $((killed * 100 / total))%" \
		"($survived survived:${survivors:- none}; $equiv equivalent, $stale stale)"
fi
[ $stale -eq 0 ]
