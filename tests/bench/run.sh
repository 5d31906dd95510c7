#!/bin/sh
# run.sh EIMON BENCHDIR - the benchmarks of issue 9 (`make bench`; see
# BENCHMARKS.md). Generates the scaled inputs once into BENCHDIR (kept for
# reruns, gone with `make clean`), measures the binary EIMON with
# BENCHDIR/measure, prints a table and writes out/bench/results.json. Targets are reported, never asserted: a
# missed target prints "NOT met" and the script still exits 0; only a
# failing command or missing disk space is an error.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
bin=$(cd "$(dirname "${1:?usage: run.sh EIMON BENCHDIR}")" && pwd)/$(basename "$1")
mkdir -p "${2:?usage: run.sh EIMON BENCHDIR}"
bdir=$(cd "$2" && pwd)
gen="$bdir/gen"
measure="$bdir/measure"
outdir="$top/out/bench"
runs=${BENCH_RUNS:-5}         # timed runs of the builds (median taken)
io_runs=${BENCH_IO_RUNS:-3}   # timed runs of each ingest (median taken)
areas=${BENCH_AREAS:-33755}   # LSOAs in England
months=${BENCH_MONTHS:-60}
export LC_ALL=C

die() { echo "bench: $*" >&2; exit 1; }
[ -x "$bin" ] && [ -x "$gen" ] && [ -x "$measure" ] ||
	die "build first (make bench does)"
mkdir -p "$bdir" "$outdir"

csv="$bdir/nomis_lsoa_${areas}x${months}.csv"
csv_small="$bdir/nomis_lsoa_${areas}x6.csv"
ons="$bdir/ons_timeseries_1000-9999.json"
jstat="$bdir/jsonstat_1m.json"
mon="$bdir/monitor100"

# ---- inputs (deterministic; made once) --------------------------------
if [ ! -s "$csv" ]; then
	# about 390 bytes a row; want the file plus 1 GiB to spare
	need_kb=$((areas * months * 390 / 1024 + 1048576))
	free_kb=$(df -Pk "$bdir" | awk 'NR == 2 { print $4 }')
	[ "$free_kb" -gt "$need_kb" ] ||
		die "not enough disk space in $bdir: ${free_kb} KiB free, ${need_kb} KiB wanted"
	echo "bench: generating $csv ..." >&2
	"$gen" nomis "$csv.tmp" "$areas" "$months" && mv "$csv.tmp" "$csv"
fi
[ -s "$csv_small" ] || { "$gen" nomis "$csv_small.tmp" "$areas" 6 &&
	mv "$csv_small.tmp" "$csv_small"; }
[ -s "$ons" ] || { "$gen" ons "$ons.tmp" 1000 && mv "$ons.tmp" "$ons"; }
[ -s "$jstat" ] || { "$gen" jsonstat "$jstat.tmp" 1000 &&
	mv "$jstat.tmp" "$jstat"; }
[ -s "$mon/monitor.yaml" ] || "$gen" monitor "$mon" "$top/samples/wmca"

# ---- helpers ----------------------------------------------------------
# run_n N CMD... : N measured runs, one "wall user sys rss" line each
run_n() {
	n=$1
	shift
	i=0
	while [ "$i" -lt "$n" ]; do
		"$measure" "$@" || die "failed: $*"
		i=$((i + 1))
	done
}
# column K of measure lines on stdin: median / max
median() { awk -v k="$1" '{ print $k }' | sort -n |
	awk '{ v[NR] = $1 } END { if (NR == 0) print 0; else if (NR % 2) print v[(NR + 1) / 2];
	      else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
maxcol() { awk -v k="$1" 'BEGIN { m = 0 } $k > m { m = $k } END { print m }'; }
# MB = 10^6 bytes
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }
rate() { awk -v b="$1" -v ms="$2" 'BEGIN { printf "%.1f", (ms > 0 ? b / 1e6 / (ms / 1000) : 0) }'; }
fsize() { wc -c <"$1" | tr -d ' '; }
verdict() { awk -v ok="$1" 'BEGIN { print ok ? "met" : "NOT met" }'; }

cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
cores=$(nproc 2>/dev/null || echo 1)
load0=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0)
# share of the last minute in which some task waited for a CPU (PSI)
psi() { awk -F'avg60=' '/^some/ { split($2, a, " "); print a[1]; f = 1 }
	END { if (!f) print 0 }' /proc/pressure/cpu 2>/dev/null || echo 0; }
psi0=$(psi)

# ---- 1. CSV ingest, next to wc -l on the same cached file -------------
csv_bytes=$(fsize "$csv")
sel=geography=E01000001
cat "$csv" >/dev/null                       # into the page cache
"$measure" wc -l "$csv" >/dev/null          # warm-up
"$measure" "$bin" read --format nomis-csv --select "$sel" "$csv" >/dev/null
wc_lines="" csv_lines=""
i=0
while [ "$i" -lt "$io_runs" ]; do
	wc_lines="$wc_lines$("$measure" wc -l "$csv")
"
	csv_lines="$csv_lines$("$measure" "$bin" read --format nomis-csv \
		--select "$sel" "$csv")
" || die "csv ingest failed"
	i=$((i + 1))
done
wc_ms=$(printf '%s' "$wc_lines" | median 1)
csv_ms=$(printf '%s' "$csv_lines" | median 1)
csv_cpu_ms=$(printf '%s' "$csv_lines" | awk '{ print $2 + $3 }' | median 1)
csv_rss=$(printf '%s' "$csv_lines" | maxcol 4)
small_bytes=$(fsize "$csv_small")
small_rss=$(run_n 1 "$bin" read --format nomis-csv --select "$sel" "$csv_small" |
	maxcol 4)
rows=$("$bin" read --format nomis-csv --select "$sel" "$csv" | wc -l)
[ "$rows" -eq $((months + 1)) ] || die "csv ingest gave $rows lines, want $((months + 1))"
csv_mb_s=$(rate "$csv_bytes" "$csv_ms")
wc_mb_s=$(rate "$csv_bytes" "$wc_ms")

# ---- 2. JSON ingest ---------------------------------------------------
ons_bytes=$(fsize "$ons")
js_bytes=$(fsize "$jstat")
"$measure" "$bin" read --format ons-timeseries "$ons" >/dev/null
ons_lines=$(run_n "$io_runs" "$bin" read --format ons-timeseries "$ons")
js_lines=$(run_n "$io_runs" "$bin" read --format jsonstat \
	--select geography=E02000001 "$jstat")
ons_ms=$(printf '%s\n' "$ons_lines" | median 1)
js_ms=$(printf '%s\n' "$js_lines" | median 1)
ons_rss=$(printf '%s\n' "$ons_lines" | maxcol 4)
js_rss=$(printf '%s\n' "$js_lines" | maxcol 4)
ons_mb_s=$(rate "$ons_bytes" "$ons_ms")
js_mb_s=$(rate "$js_bytes" "$js_ms")
json_mb_s=$(awk -v a="$ons_bytes" -v b="$js_bytes" -v x="$ons_ms" -v y="$js_ms" \
	'BEGIN { printf "%.1f", (a + b) / 1e6 / ((x + y) / 1000) }')

# ---- 3. builds: warm-up, then the median of $runs ---------------------
build_runs() { # config -> measure lines
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/eimon-bench.XXXXXX")
	"$measure" "$bin" build -c "$1" --week 2026-W47 --offline --out "$tmp/w" \
		>/dev/null || { rm -rf "$tmp"; die "build of $1 failed"; }
	i=0
	while [ "$i" -lt "$runs" ]; do
		rm -rf "$tmp/o"
		"$measure" "$bin" build -c "$1" --week 2026-W47 --offline \
			--out "$tmp/o" || { rm -rf "$tmp"; die "build of $1 failed"; }
		i=$((i + 1))
	done
	rm -rf "$tmp"
}
s_lines=$(build_runs samples/wmca/monitor.yaml)
s_ms=$(printf '%s\n' "$s_lines" | median 1)
s_min=$(printf '%s\n' "$s_lines" | awk 'NR == 1 || $1 < m { m = $1 } END { print m }')
s_cpu=$(printf '%s\n' "$s_lines" | awk '{ print $2 + $3 }' | median 1)
s_rss=$(printf '%s\n' "$s_lines" | maxcol 4)
# The same sample asking for the PDF only: what the web edition adds.
pdfonly="$bdir/sample-pdf-only"
rm -rf "$pdfonly" && cp -r samples/wmca "$pdfonly" &&
	sed -i "s|^template: .*|template: \"$top/report_templates/weekly.yaml\"|" "$pdfonly/monitor.yaml" &&
	printf 'outputs: [pdf]\n' >>"$pdfonly/monitor.yaml" || die "cannot copy the sample"
p_lines=$(build_runs "$pdfonly/monitor.yaml")
p_ms=$(printf '%s\n' "$p_lines" | median 1)
p_cpu=$(printf '%s\n' "$p_lines" | awk '{ print $2 + $3 }' | median 1)
# ... and the PDF and the web page (no workbook): what the HTML adds.
webonly="$bdir/sample-pdf-html"
rm -rf "$webonly" && cp -r "$pdfonly" "$webonly" &&
	sed -i 's/^outputs: \[pdf\]$/outputs: [pdf, html]/' "$webonly/monitor.yaml" ||
	die "cannot copy the sample"
h_lines=$(build_runs "$webonly/monitor.yaml")
h_cpu=$(printf '%s\n' "$h_lines" | awk '{ print $2 + $3 }' | median 1)
html_pct=$(awk -v a="$h_cpu" -v b="$p_cpu" 'BEGIN { printf "%.1f", (b > 0) ? (a - b) * 100 / b : 0 }')
xlsx_pct=$(awk -v a="$s_cpu" -v b="$h_cpu" 'BEGIN { printf "%.1f", (b > 0) ? (a - b) * 100 / b : 0 }')
html_ok=$(awk -v p="$html_pct" 'BEGIN { print (p < 20) ? 1 : 0 }')
m_lines=$(build_runs "$mon/monitor.yaml")
m_ms=$(printf '%s\n' "$m_lines" | median 1)
m_cpu=$(printf '%s\n' "$m_lines" | awk '{ print $2 + $3 }' | median 1)
m_rss=$(printf '%s\n' "$m_lines" | maxcol 4)

# ---- 4. a build whose feed is the 1 GB CSV: memory flat in feed size ----
# (issue 20) the build keeps only what its indicator selects for its
# places; its peak RSS must stay under 64 MiB like `eimon read`.
big="$bdir/monitor1g"
mkdir -p "$big"
cat >"$big/tpl.yaml" <<'YAML'
sections:
  - blocks:
      - type: headlines
        indicators: [cc]
      - type: sources
YAML
cat >"$big/monitor.yaml" <<YAML
title: "Benchmark: one national feed"
publisher: "eimon benchmark"
template: tpl.yaml
notes_dir: notes
editions_dir: editions
cache_dir: cache
out_dir: out
area: {code: "E01000001", name: "LSOA 1"}
places:
  - {code: "E01000002", name: "LSOA 2"}
  - {code: "E01033755", name: "LSOA 33755"}
feeds:
  - id: cc
    title: "Claimant count (generated)"
    publisher: "eimon benchmark"
    path: "$csv"
    format: nomis-csv
    max_age_days: 100000
    max_bytes: 2000000000
    required: true
indicators:
  - id: cc
    feed: cc
    title: "Claimant count"
    measure: "the claimant count"
    select: {measure: "1"}
YAML
rm -rf "$big/out"
big_line=$("$measure" "$bin" build -c "$big/monitor.yaml" --week 2026-W47 --offline) ||
	die "build over the 1 GB feed failed"
big_ms=$(printf '%s\n' "$big_line" | median 1)
big_rss=$(printf '%s\n' "$big_line" | maxcol 4)
big_ok=$(awk -v v="$big_rss" 'BEGIN { print (v < 64 * 1024) }')

load1=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0)
psi1=$(psi)

# ---- report -----------------------------------------------------------
csv_ok=$(awk -v c="$csv_mb_s" -v w="$wc_mb_s" 'BEGIN { print (c >= w / 4) }')
s_ms_ok=$(awk -v v="$s_ms" 'BEGIN { print (v <= 100) }')
s_rss_ok=$(awk -v v="$s_rss" 'BEGIN { print (v <= 30 * 1024) }')
rss_ok=$(awk -v v="$csv_rss" 'BEGIN { print (v < 64 * 1024) }')
{
	echo "eimon benchmarks ($(date -u +%Y-%m-%dT%H:%M:%SZ))"
	echo "machine: $cpu, $cores cores; load average $load0 at start, $load1 at end"
	echo "CPU pressure (time some task waited for a CPU, last minute): $psi0% at start, $psi1% at end"
	echo
	printf '%-46s %14s  %s\n' "measure" "result" "target"
	printf '%-46s %14s  %s\n' "CSV file ($areas areas x $months months)" \
		"$(mb "$csv_bytes") MB" ""
	printf '%-46s %9s MB/s  %s\n' "wc -l, same cached file (median of $io_runs)" "$wc_mb_s" ""
	printf '%-46s %9s MB/s  %s\n' "eimon read nomis-csv --select (median)" "$csv_mb_s" \
		">= wc -l / 4 = $(awk -v w="$wc_mb_s" 'BEGIN { printf "%.1f", w / 4 }'): $(verdict "$csv_ok")"
	printf '%-46s %11s ms  %s\n' "  its CPU time (user + sys)" "$csv_cpu_ms" ""
	printf '%-46s %11s KB  %s\n' "  its peak RSS" "$csv_rss" "< 65536: $(verdict "$rss_ok")"
	printf '%-46s %11s KB  %s\n' "  peak RSS on a tenth of the file ($(mb "$small_bytes") MB)" \
		"$small_rss" "(the same: it streams)"
	printf '%-46s %9s MB/s  %s\n' "eimon read ons-timeseries ($(mb "$ons_bytes") MB)" "$ons_mb_s" \
		"peak RSS $ons_rss KB"
	printf '%-46s %9s MB/s  %s\n' "eimon read jsonstat, 1 M cells ($(mb "$js_bytes") MB)" "$js_mb_s" \
		"peak RSS $js_rss KB"
	printf '%-46s %11s ms  %s\n' "sample build, wall (median of $runs)" "$s_ms" \
		"<= 100: $(verdict "$s_ms_ok")"
	printf '%-46s %11s ms  %s\n' "  fastest of the $runs" "$s_min" ""
	printf '%-46s %11s ms  %s\n' "  its CPU time (user + sys, median)" "$s_cpu" ""
	printf '%-46s %11s KB  %s\n' "  its peak RSS" "$s_rss" \
		"<= 30720: $(verdict "$s_rss_ok")"
	printf '%-46s %11s ms  %s\n' "sample build, PDF only (outputs: [pdf]), wall" "$p_ms" ""
	printf '%-46s %11s ms  %s\n' "  its CPU time (user + sys, median)" "$p_cpu" ""
	printf '%-46s %11s %%   %s\n' "  the web edition adds (CPU time)" "$html_pct" \
		"< 20: $(verdict "$html_ok")"
	printf '%-46s %11s %%   %s\n' "  the workbooks add to that (CPU time)" "$xlsx_pct" ""
	printf '%-46s %11s ms  %s\n' "100-indicator build, wall (median of $runs)" "$m_ms" ""
	printf '%-46s %11s ms  %s\n' "  its CPU time (user + sys)" "$m_cpu" ""
	printf '%-46s %11s KB  %s\n' "  its peak RSS" "$m_rss" ""
	printf '%-46s %11s ms  %s\n' "build over the $(mb "$csv_bytes") MB feed, wall" "$big_ms" ""
	printf '%-46s %11s KB  %s\n' "  its peak RSS" "$big_rss" \
		"< 65536: $(verdict "$big_ok")"
} | tee "$outdir/results.txt"

json_str() { printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g'; }
cat >"$outdir/results.json" <<EOF
{
  "date": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
  "machine": {"cpu": "$(json_str "$cpu")", "cores": $cores, "load_start": $load0, "load_end": $load1,
              "cpu_pressure_start_pct": ${psi0:-0}, "cpu_pressure_end_pct": ${psi1:-0}},
  "large_file_mb": $(mb "$csv_bytes"),
  "large_file_rows": $((areas * months)),
  "csv_ingest_mb_s": $csv_mb_s,
  "csv_ingest_ms": $csv_ms,
  "csv_ingest_cpu_ms": $csv_cpu_ms,
  "wc_l_mb_s": $wc_mb_s,
  "wc_l_ms": $wc_ms,
  "large_ingest_peak_rss_kb": $csv_rss,
  "small_file_mb": $(mb "$small_bytes"),
  "small_ingest_peak_rss_kb": $small_rss,
  "json_ingest_mb_s": $json_mb_s,
  "ons_timeseries_mb": $(mb "$ons_bytes"),
  "ons_timeseries_ingest_mb_s": $ons_mb_s,
  "ons_timeseries_peak_rss_kb": $ons_rss,
  "jsonstat_mb": $(mb "$js_bytes"),
  "jsonstat_ingest_mb_s": $js_mb_s,
  "jsonstat_peak_rss_kb": $js_rss,
  "sample_build_ms": $s_ms,
  "sample_build_min_ms": $s_min,
  "sample_build_cpu_ms": $s_cpu,
  "sample_build_peak_rss_kb": $s_rss,
  "sample_build_pdf_only_ms": $p_ms,
  "sample_build_pdf_only_cpu_ms": $p_cpu,
  "sample_build_pdf_html_cpu_ms": $h_cpu,
  "html_edition_added_cpu_pct": $html_pct,
  "monitor100_build_ms": $m_ms,
  "monitor100_build_cpu_ms": $m_cpu,
  "monitor100_build_peak_rss_kb": $m_rss,
  "large_feed_build_ms": $big_ms,
  "large_feed_build_peak_rss_kb": $big_rss,
  "targets": {
    "csv_ingest_quarter_of_wc_l": $( [ "$csv_ok" = 1 ] && echo true || echo false),
    "sample_build_100_ms": $( [ "$s_ms_ok" = 1 ] && echo true || echo false),
    "sample_build_30_mib": $( [ "$s_rss_ok" = 1 ] && echo true || echo false),
    "html_edition_under_20_pct": $( [ "$html_ok" = 1 ] && echo true || echo false),
    "large_ingest_under_64_mib": $( [ "$rss_ok" = 1 ] && echo true || echo false),
    "large_feed_build_under_64_mib": $( [ "$big_ok" = 1 ] && echo true || echo false)
  }
}
EOF
echo
echo "wrote out/bench/results.json"
