#!/bin/sh
# t64-faults: file-system fault injection over whole builds (issue 22).
# $EIMON_BUILD/tests/eimon-fi is eimon linked with tests/fi/fi_shim.c;
# tests/fi/sweep.py fails its Nth call in the output folder for every N
# (ENOSPC, EIO, EDQUOT, EXDEV; ENOSPC from N on) for a first publication,
# a revision, a revision where renameat2(RENAME_EXCHANGE) answers ENOSYS,
# and checks exit 73 with the output folder as it was (or the complete
# new edition after the swap) and no leftovers; on success, the order of
# writes, fsyncs and renames. Short writes must give the same edition.
. "$(dirname "$0")/lib.sh"

week=2026-W47
fi_bin="$EIMON_BUILD/tests/eimon-fi"
if [ ! -x "$fi_bin" ]; then
	fail "the fault-injection build $fi_bin exists (make $fi_bin)"
	done_testing; exit
fi

# Two copies of the sample: A publishes first, B differs by one note, so
# a build of B over A's edition is a revision.
for c in a b; do
	cp -r "$SAMPLE" "$T/$c"
	sed -i "s|^template: .*|template: \"$EIMON_TOP/report_templates/weekly.yaml\"|" \
		"$T/$c/monitor.yaml"
done
sed -i 's/around 5% below their plans/around 6% below their plans/' \
	"$T/b/notes/$week/make-uk-manufacturing.yaml"
check "the second copy's note differs" \
	grep -q "around 6% below" "$T/b/notes/$week/make-uk-manufacturing.yaml"

if [ -n "${EIMON_WRAP:-}" ]; then
	echo "# under EIMON_WRAP every ${EIMON_FI_SAMPLE:-5}th faulted build runs wrapped (time)"
fi
for s in first revision fallback sticky short; do
	python3 "$EIMON_TOP/tests/fi/sweep.py" $s "$fi_bin" "$T/a/monitor.yaml" \
		"$T/b/monitor.yaml" $week "$T/sweep-$s" >"$T/sweep.out" 2>&1
	cat "$T/sweep.out"
	_fails=$((_fails + $(grep -c '^not ok' "$T/sweep.out")))
	if ! grep -q '^ok' "$T/sweep.out"; then
		fail "sweep $s ran"
	fi
done

done_testing
