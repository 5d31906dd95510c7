#!/bin/sh
# national.sh EIMON BENCHDIR - the national-scale run of issue 14 (`make
# bench`; BENCHMARKS.md): a generated monitor of BENCH_PLACES (default
# 360) places in the Nomis CSV format (tests/bench/national.py), built
# with --all-places -j BENCH_JOBS (default: the cores). Prints the wall
# and CPU time, the peak RSS and the time per edition; the goal (every
# edition in under 20 s wall on 2 cores) is reported, never asserted.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${1:?usage: national.sh EIMON BENCHDIR}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
bdir=$(cd "${2:?usage: national.sh EIMON BENCHDIR}" && pwd)
n=${BENCH_PLACES:-360}
jobs=${BENCH_JOBS:-$(nproc)}
mon="$bdir/national$n"
python3 "$top/tests/bench/national.py" "$top/samples/wmca" "$mon" "$n"
rm -rf "$mon/out"
set -- $(cd "$mon" && "$bdir/measure" "$bin" build --offline -w 2026-W47 \
	--all-places -j "$jobs" -q)
wall=$1 user=$2 sys=$3 rss=$4
eds=$(find "$mon/out" -name monitor.pdf | wc -l)
per=$(awk -v w="$wall" -v e="$eds" 'BEGIN { printf "%.1f", w / e }')
cpu_per=$(awk -v u="$user" -v s="$sys" -v e="$eds" 'BEGIN { printf "%.1f", (u + s) / e }')
ok=$(awk -v w="$wall" 'BEGIN { print (w < 20000 ? "met" : "NOT met") }')
cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }')
printf '%-46s %11s\n' "national run: editions ($n places + area)" "$eds"
printf '%-46s %11s ms  %s\n' "  wall, --all-places -j $jobs" "$wall" "< 20000: $ok"
printf '%-46s %11s ms\n' "  CPU time (user + sys)" "$cpu"
printf '%-46s %11s ms\n' "  wall per edition" "$per"
printf '%-46s %11s ms\n' "  CPU per edition" "$cpu_per"
printf '%-46s %11s KB\n' "  peak RSS" "$rss"
printf '%-46s %11s\n' "  load average at the end" "$(cut -d' ' -f1 /proc/loadavg)"
