#!/bin/sh
# run.sh BUILD SECONDS [JOBS] [TARGET...] - run every libFuzzer binary
# BUILD/fuzz_* for SECONDS seconds (JOBS at a time), each on its own corpus
# BUILD/corpus/TARGET seeded from the repository (samples, report
# templates, tests/bad, tests/fuzz/regress) and /work/shared/realdata when
# present. Crashing inputs land in BUILD/artifacts/TARGET/. Prints one line
# per target: executions and crashes (stat::number_of_executed_units of
# -print_final_stats=1). Exits 1 if any target crashed, leaked or timed out.
set -u
if [ "${1:-}" = --one ]; then
	build=$2 t=$3 secs=$4
	top=$(cd "$(dirname "$0")/../.." && pwd)
	real=${EIMON_REALDATA:-/work/shared/realdata}
	corpus="$build/corpus/$t"
	mkdir -p "$corpus" "$build/artifacts/$t" "$build/logs"
	seed() { for f in "$@"; do [ -f "$f" ] && cp -f "$f" "$corpus/"; done; return 0; }
	cd "$top"
	case $t in
	config) seed samples/wmca/monitor.yaml tests/bad/config/*.yaml ;;
	template) seed report_templates/*.yaml tests/bad/template/*.yaml ;;
	notes) seed samples/wmca/notes/*/*.yaml tests/bad/notes/*.yaml ;;
	edition) seed samples/wmca/editions/*.yaml tests/bad/edition/*.yaml ;;
	yamldoc) seed samples/wmca/monitor.yaml report_templates/*.yaml \
		samples/wmca/notes/*/*.yaml tests/bad/*/*.yaml ;;
	period)
		i=0
		for p in 2026 2026-Q2 2026-02 2026-W47 2026-11-18 2025-09/12M \
			'February 2026' '1989 JAN' '1989 Q1' Sep-16 \
			'Oct 2024-Sep 2025' '02 Jan 2019' '2025 NOV-JAN' \
			'2020 W53' '2026-W53' '9999-12-31'; do
			i=$((i + 1))
			printf '%s' "$p" >"$corpus/seed-$i"
		done ;;
	csv) seed samples/wmca/data/*.csv "$real"/*.csv tests/bad/feeds/*.csv ;;
	feed_nomis_csv) seed samples/wmca/data/nomis*.csv "$real"/nomis*.csv \
		tests/bad/feeds/*.nomis-csv ;;
	feed_ons_timeseries) seed samples/wmca/data/ons_timeseries*.json \
		"$real"/ons_timeseries*.json tests/bad/feeds/*.ons-timeseries ;;
	feed_ons_observations) seed samples/wmca/data/ons_cpih01*.json \
		"$real"/ons_beta*.json tests/bad/feeds/*.ons-observations ;;
	feed_jsonstat) seed samples/wmca/data/*jsonstat*.json \
		"$real"/jsonstat*.json tests/bad/feeds/*.jsonstat ;;
	feed_csv) seed samples/wmca/data/*.csv tests/bad/feeds/*.csv ;;
	feed_json) seed samples/wmca/data/natwest*.json tests/bad/feeds/*.json ;;
	esac
	seed tests/fuzz/seeds/"$t"/* tests/fuzz/regress/"$t"/*
	log="$build/logs/$t.log"
	"$build/fuzz_$t" -max_total_time="$secs" -print_final_stats=1 \
		-timeout=10 -rss_limit_mb=2048 -max_len=65536 ${FUZZ_ARGS:-} \
		-artifact_prefix="$build/artifacts/$t/" "$corpus" >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	crashes=$(find "$build/artifacts/$t" -type f | wc -l)
	printf '%-24s rc=%d executions=%s artifacts=%s\n' "$t" "$rc" \
		"${execs:-?}" "$crashes"
	[ "$rc" -eq 0 ]
	exit $?
fi

build=${1:-build/fuzz}
secs=${2:-60}
jobs=${3:-1}
shift 3 2>/dev/null || shift $#
if [ $# -eq 0 ]; then
	set --
	for b in "$build"/fuzz_*; do
		[ -x "$b" ] || continue
		set -- "$@" "${b##*/fuzz_}"
	done
fi
[ $# -gt 0 ] || { echo "no fuzz targets in $build" >&2; exit 1; }
printf '%s\n' "$@" | xargs -P "$jobs" -I{} sh "$0" --one "$build" {} "$secs"
rc=$?
[ "$rc" -eq 0 ] && echo "fuzz: no crash" || echo "fuzz: FAILED (see $build/logs, $build/artifacts)"
exit "$rc"
