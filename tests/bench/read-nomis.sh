#!/bin/sh
# read-nomis.sh [MB] - throughput and peak RSS of `eimon read --select` on a
# generated Nomis CSV of about MB megabytes (default 1024) in the layout of
# the real NM_162_1 file (40 columns, quoted strings). Not part of the test
# suite (timing depends on the machine); the target is >= 1.5 GB/s and
# < 64 MiB RSS. Needs awk and GNU time (/usr/bin/time).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
eimon=${EIMON:-$top/build/eimon}
mb=${1:-1024}
dir=$top/tests/bench/data
f=$dir/nomis_${mb}mb.csv
mkdir -p "$dir"
if [ ! -f "$f" ]; then
	rows=$((mb * 1024 * 1024 / 395))
	awk -v rows="$rows" 'BEGIN {
		print "\"DATE\",\"DATE_NAME\",\"DATE_CODE\",\"DATE_TYPE\",\"DATE_TYPECODE\",\"DATE_SORTORDER\",\"GEOGRAPHY\",\"GEOGRAPHY_NAME\",\"GEOGRAPHY_CODE\",\"GEOGRAPHY_TYPE\",\"GEOGRAPHY_TYPECODE\",\"GEOGRAPHY_SORTORDER\",\"GENDER\",\"GENDER_NAME\",\"GENDER_CODE\",\"GENDER_TYPE\",\"GENDER_TYPECODE\",\"GENDER_SORTORDER\",\"AGE\",\"AGE_NAME\",\"AGE_CODE\",\"AGE_TYPE\",\"AGE_TYPECODE\",\"AGE_SORTORDER\",\"MEASURE\",\"MEASURE_NAME\",\"MEASURE_CODE\",\"MEASURE_TYPE\",\"MEASURE_TYPECODE\",\"MEASURE_SORTORDER\",\"MEASURES\",\"MEASURES_NAME\",\"OBS_VALUE\",\"OBS_STATUS\",\"OBS_STATUS_NAME\",\"OBS_CONF\",\"OBS_CONF_NAME\",\"URN\",\"RECORD_OFFSET\",\"RECORD_COUNT\""
		for (i = 0; i < rows; i++) {
			g = int(i / 600) % 400; m = i % 2 + 1
			mo = int(i / 2) % 300; y = 2000 + int(mo / 12); mm = mo % 12 + 1
			printf "\"%d-%02d\",\"Month %d\",\"%d-%02d\",\"date\",0,0,\"%d\",\"Place %d\",\"E08%06d\",\"local authorities: county / unitary (as of April 2023)\",423,0,\"0\",\"Total\",\"0\",\"Sex\",1000,0,\"0\",\"All categories: Age 16+\",\"0\",\"Ageband\",2000,0,\"%d\",\"Claimant count\",\"%d\",\"measures\",1000,0,\"20100\",\"Value\",%d,\"A\",\"Normal Value\",\"F\",\"Free (free for publication)\",\"Nm-162d1d32418e0d%dd0d0d0d1d20100\",%d,%d\n", y, mm, mm, y, mm, 1774190600 + g, g, g, m, m, i % 9973, g, i, rows
		}
	}' >"$f"
fi
bytes=$(wc -c <"$f")
/usr/bin/time -f "%e %U %S %M" -o "$dir/time" "$eimon" read --format nomis-csv \
	--select geography=E08000025 --select measure=1 "$f" >"$dir/out"
read -r real user sys rss <"$dir/time"
echo "rows out: $(($(wc -l <"$dir/out") - 1))"
awk -v b="$bytes" -v r="$real" -v u="$user" -v s="$sys" -v k="$rss" 'BEGIN {
	printf "%.0f MB in %.2f s (cpu %.2f s): %.2f GB/s wall, %.2f GB/s cpu, peak RSS %.1f MiB\n",
		b / 1e6, r, u + s, b / 1e9 / r, b / 1e9 / (u + s), k / 1024 }'
