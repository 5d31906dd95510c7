#!/bin/sh
# t70-golden-compose: the golden compose cases. Each folder of
# tests/compose/ holds `args` (the build's options: inputs and week) and
# the documents compose must make from them, dumped as text
# (monitor.doc.txt, and monitor-partners.doc.txt when there is a partners
# edition): the contract every back end starts from. With
# EIMON_UPDATE_GOLDEN=1 the expected files are written instead (then
# look at what changed: git diff tests/compose).
. "$(dirname "$0")/lib.sh"

n=0
for dir in "$EIMON_TOP"/tests/compose/*/; do
	case=$(basename "$dir")
	[ -f "$dir/args" ] || continue
	n=$((n + 1))
	mkdir -p "$T/$case/dump"
	# shellcheck disable=SC2046 # args are words
	(cd "$EIMON_TOP" && eimon build $(cat "$dir/args") --out "$T/$case/out" \
		--dump "$T/$case/dump") >"$T/stdout" 2>"$T/stderr"
	rc=$?
	expect_rc "$case builds" 0
	if [ -n "${EIMON_UPDATE_GOLDEN:-}" ]; then
		rm -f "$dir"/*.doc.txt
		cp "$T/$case/dump"/*.doc.txt "$dir"/
	fi
	for want in "$dir"/*.doc.txt; do
		[ -f "$want" ] || { fail "$case has an expected document"; continue; }
		expect_same "$case: $(basename "$want")" "$want" \
			"$T/$case/dump/$(basename "$want")"
	done
	# no edition dumped that the case does not expect
	for got in "$T/$case/dump"/*.doc.txt; do
		[ -f "$dir/$(basename "$got")" ] ||
			fail "$case: unexpected $(basename "$got")"
	done
	if [ -f "$T/$case/dump/monitor.scene.txt" ]; then
		ok "$case: the scene is dumped too"
	else
		fail "$case: the scene is dumped too"
	fi
done
if [ "$n" -ge 2 ]; then ok "$n compose cases"; else fail "compose cases found ($n)"; fi

# --dump wants a folder that exists
run_eimon build -c "$SAMPLE/monitor.yaml" --week 2026-W47 --offline \
	--out "$T/nodump" --dump "$T/missing/dir"
expect_rc "--dump into a missing folder is exit 73" 73
expect_grep "and names the file" "missing/dir/monitor.doc.txt" "$T/stderr"

done_testing
