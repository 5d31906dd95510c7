#!/bin/sh
# t20-read-realdata: `eimon read` on every real file of tests/fixtures/realdata
# (real published files, with where each came from in its SOURCES.md). The whole tidy CSV
# is compared with tests/fixtures/read/<name>.expected, and the facts that
# matter are asserted on their own, with values read by hand from the real
# files: counts with wc -l, values and statuses with grep.
. "$EIMON_TOP/tests/e2e/lib.sh"
EXP="$EIMON_TOP/tests/fixtures/read"

# read_ok NAME FORMAT FILE: read FILE, compare with NAME.expected
read_ok() {
	run_eimon read --format "$2" "$REALDATA/$3"
	expect_rc "$1: exit 0" 0
	cp "$T/stdout" "$T/$1.csv"
	expect_same "$1: tidy CSV as expected" "$EXP/$1.expected" "$T/$1.csv"
}

# rows NAME N: NAME.csv has N data rows (plus the header)
rows() {
	n=$(($(wc -l <"$T/$1.csv") - 1))
	if [ "$n" -eq "$2" ]; then ok "$1: $2 rows"; else fail "$1: $n rows, wanted $2"; fi
}

# count "what" N PATTERN FILE: grep -c -E PATTERN FILE is N
count() {
	n=$(grep -c -E -- "$3" "$4")
	if [ "$n" -eq "$2" ]; then ok "$1"; else fail "$1 ($n, wanted $2)"; fi
}

line() { expect_grep "$1" "^$2\$" "$3"; }
noline() { if grep -q -E -- "$2" "$3"; then fail "$1"; else ok "$1"; fi; }

# --- Nomis NM_162_1 claimant count, Kirklees, February 2026 ---
N1=nomis_NM_162_1_claimant_count_kirklees_2026-02_full_columns.csv
read_ok nomis_NM_162_1 nomis-csv $N1
F=$T/nomis_NM_162_1.csv
line "nm162: header: dimensions then period,value,status" \
	"geography,gender,age,measure,measures,period,value,status" "$F"
rows nomis_NM_162_1 4
line "nm162: count 13090 (GSS code, not Nomis id)" "E08000034,0,0,1,20100,2026-02,13090,A" "$F"
line "nm162: rate 4.7" "E08000034,0,0,2,20100,2026-02,4.7,A" "$F"
line "nm162: rate 5.8" "E08000034,0,0,3,20100,2026-02,5.8,A" "$F"
line "nm162: measure 4 missing with status Q" "E08000034,0,0,4,20100,2026-02,,Q" "$F"
noline "nm162: no Nomis numeric geography id" "1774190688" "$F"

run_eimon read --format nomis-csv --select measure=2 "$REALDATA/$N1"
expect_rc "nm162 --select measure=2: exit 0" 0
count "nm162 --select measure=2: one row" 1 "^E08" "$T/stdout"
line "nm162 --select measure=2: the rate" "E08000034,0,0,2,20100,2026-02,4.7,A" "$T/stdout"
run_eimon read --format nomis-csv --select GEOGRAPHY=Kirklees --select measure=4 "$REALDATA/$N1"
count "nm162 --select by label and upper-case dimension" 1 ",,Q$" "$T/stdout"
run_eimon read --format nomis-csv --select measure=9 "$REALDATA/$N1"
expect_rc "nm162 --select with no match: exit 0" 0
count "nm162 --select with no match: header only" 1 "" "$T/stdout"
run_eimon read --format nomis-csv --select sex=7 "$REALDATA/$N1"
expect_rc "nm162 --select on an unknown dimension: exit 65" 65
expect_grep "nm162 unknown dimension named, dimensions listed" \
	"unknown dimension 'sex' (dimensions: geography, gender, age, measure, measures)" "$T/stderr"

# The same file with a BOM and CRLF line endings reads the same.
printf '\357\273\277' >"$T/bom.csv"
sed 's/$/\r/' "$REALDATA/$N1" >>"$T/bom.csv"
run_eimon read --format nomis-csv "$T/bom.csv"
expect_same "nm162 with BOM and CRLF: same output" "$EXP/nomis_NM_162_1.expected" "$T/stdout"

# 1.2e3 is 1200; a row cut off is a truncated response.
sed 's/,13090,"A"/,1.2e3,"A"/' "$REALDATA/$N1" >"$T/exp.csv"
run_eimon read --format nomis-csv "$T/exp.csv"
line "nm162 with 1.2e3: 1200" "E08000034,0,0,1,20100,2026-02,1200,A" "$T/stdout"
head -n 4 "$REALDATA/$N1" >"$T/trunc.csv"
run_eimon read --format nomis-csv "$T/trunc.csv"
expect_rc "nm162 truncated (3 of RECORD_COUNT 4): exit 65" 65
expect_grep "nm162 truncated: message" "truncated Nomis response: 3 of 4 records" "$T/stderr"
sed 's/,13090,"A"/,NaN,"A"/' "$REALDATA/$N1" >"$T/nan.csv"
run_eimon read --format nomis-csv "$T/nan.csv"
expect_rc "nm162 with NaN: exit 65" 65
# the column of the value, found independently: the byte after the comma
col=$(awk 'NR == 2 { print index($0, ",NaN,") + 1 }' "$T/nan.csv")
expect_grep "nm162 with NaN: file:line:column and value" \
	"nan.csv:2:$col: value 'NaN' is not a number" "$T/stderr"

# --- Nomis NM_17_5 APS, rolling 12 months Oct 2024-Sep 2025 ---
N2=nomis_NM_17_5_aps_kirklees_oct2024-sep2025.csv
read_ok nomis_NM_17_5 nomis-csv $N2
F=$T/nomis_NM_17_5.csv
line "aps: header" "geography,variable,measures,period,value,status" "$F"
rows nomis_NM_17_5 6
count "aps: every period is the window 2025-09/12M" 6 ",2025-09/12M," "$F"
line "aps: activity rate 78.5" "E08000034,18,20599,2025-09/12M,78.5,A" "$F"
line "aps: employment rate 74.9" "E08000034,45,20599,2025-09/12M,74.9,A" "$F"
line "aps: unemployment rate 4.6" "E08000034,84,20599,2025-09/12M,4.6,A" "$F"
line "aps: inactivity 21.5" "E08000034,111,20599,2025-09/12M,21.5,A" "$F"
line "aps: employees 66.2" "E08000034,248,20599,2025-09/12M,66.2,A" "$F"
line "aps: self-employed 8.6" "E08000034,249,20599,2025-09/12M,8.6,A" "$F"
# the label has a trailing space in the file; selecting by the trimmed label works
run_eimon read --format nomis-csv --select "variable=Unemployment rate - aged 16-64" "$REALDATA/$N2"
count "aps: --select by trimmed label" 1 "^E08000034,84," "$T/stdout"

# --- ONS time series DPAR, West Midlands claimant rate, 1974-2013 ---
read_ok ons_timeseries_DPAR ons-timeseries ons_timeseries_DPAR_west_midlands_claimant_rate_NSA_1974-2013.json
F=$T/ons_timeseries_DPAR.csv
line "dpar: header" "cdid,period,value,status" "$F"
rows ons_timeseries_DPAR 663
count "dpar: 469 months" 469 "^DPAR,[0-9]{4}-[0-9]{2}," "$F"
count "dpar: 156 quarters" 156 "^DPAR,[0-9]{4}-Q[1-4]," "$F"
count "dpar: 38 years" 38 "^DPAR,[0-9]{4}," "$F"
line "dpar: 1974-01 2.3" "DPAR,1974-01,2.3," "$F"
line "dpar: 2012-12 5.6 (before the gap)" "DPAR,2012-12,5.6," "$F"
noline "dpar: gap 2013-01..03 stays a gap" "^DPAR,2013-0[123]," "$F"
line "dpar: 2013-04 5.7 (after the gap)" "DPAR,2013-04,5.7," "$F"
line "dpar: 1975 annual 3.4" "DPAR,1975,3.4," "$F"
line "dpar: 1981 annual 11.7" "DPAR,1981,11.7," "$F"

# --- ONS time series IHYQ, UK GDP q-on-q growth ---
read_ok ons_timeseries_IHYQ ons-timeseries ons_timeseries_IHYQ_qna_uk_gdp_qoq_growth_1955Q2-2024Q2.json
F=$T/ons_timeseries_IHYQ.csv
rows ons_timeseries_IHYQ 277
count "ihyq: all quarters" 277 "^IHYQ,[0-9]{4}-Q[1-4]," "$F"
if [ "$(sed -n 2p "$F")" = "IHYQ,1955-Q2,0," ]; then ok "ihyq: first 1955-Q2 0 (\"0.0\")"; else fail "ihyq: first row $(sed -n 2p "$F")"; fi
if [ "$(tail -n 1 "$F")" = "IHYQ,2024-Q2,0.5," ]; then ok "ihyq: last 2024-Q2 0.5"; else fail "ihyq: last row $(tail -n 1 "$F")"; fi
line "ihyq: 2024-Q1 0.7" "IHYQ,2024-Q1,0.7," "$F"
line "ihyq: 2023-Q4 -0.3" "IHYQ,2023-Q4,-0.3," "$F"

# --- JSON-stat 2.0, OECD unemployment 2003-2014 ---
read_ok jsonstat2_oecd jsonstat jsonstat2_oecd_unemployment_rate_2003-2014_incl_UK.json
F=$T/jsonstat2_oecd.csv
line "jsonstat: header (concept has no index)" "concept,area,period,value,status" "$F"
rows jsonstat2_oecd 432
count "jsonstat: 72 estimates (status e)" 72 ",e$" "$F"
line "jsonstat: UK 2013 8.275155581 status e" "UNR,UK,2013,8.275155581,e" "$F"
line "jsonstat: UK 2003 5.019884066" "UNR,UK,2003,5.019884066," "$F"
line "jsonstat: UK 2014 8.036560522 status e" "UNR,UK,2014,8.036560522,e" "$F"
run_eimon read --format jsonstat --select area=UK "$REALDATA/jsonstat2_oecd_unemployment_rate_2003-2014_incl_UK.json"
count "jsonstat --select area=UK: 12 years" 12 "^UNR,UK," "$T/stdout"

# --- ONS beta API observations, CPIH ---
read_ok ons_observations_cpih01 ons-observations ons_beta_api_observations_cpih01_v6_K02000001_cpih1dim1A0_time_star.json
F=$T/ons_observations_cpih01.csv
line "cpih: header" "aggregate,geography,period,value,status" "$F"
rows ons_observations_cpih01 159
line "cpih: Sep-16 101.5 as 2016-09" "cpih1dim1A0,K02000001,2016-09,101.5," "$F"
if [ "$(sed -n 2p "$F" | cut -d, -f3)" = 2005-01 ] && [ "$(tail -n 1 "$F" | cut -d, -f3)" = 2018-03 ]; then
	ok "cpih: sorted from 2005-01 to 2018-03"; else fail "cpih: not sorted 2005-01..2018-03"; fi
sed 1d "$F" | cut -d, -f3 >"$T/periods"
if sort -c "$T/periods" 2>/dev/null && [ "$(sort -u "$T/periods" | wc -l)" -eq 159 ]; then
	ok "cpih: periods ascending, all distinct"; else fail "cpih: periods not ascending/distinct"; fi

# --- errors ---
run_eimon read --format nosuch "$REALDATA/$N1"
expect_rc "unknown format: exit 64" 64
run_eimon read --format nomis-csv --select measure "$REALDATA/$N1"
expect_rc "--select without =: exit 64" 64
run_eimon read --format nomis-csv "$T/does-not-exist.csv"
expect_rc "missing file: exit 66" 66
run_eimon read --format jsonstat "$REALDATA/$N1"
expect_rc "CSV read as JSON: exit 65" 65
expect_grep "CSV read as JSON: invalid JSON with position" ":1:[0-9]*: invalid JSON" "$T/stderr"

# --- generic csv and json with the default column names ---
printf 'date,area_code,area_name,sector,value,status\r\n2026-01,E08000025,Birmingham,"Manufacturing, metals",12.5,p\r\n2025-12,E08000025,Birmingham,"Manufacturing, metals",..,\r\n' >"$T/g.csv"
run_eimon read --format csv "$T/g.csv"
expect_rc "generic csv: exit 0" 0
line "generic csv: header" "geography,sector,period,value,status" "$T/stdout"
line "generic csv: quoted comma kept and quoted again" 'E08000025,"Manufacturing, metals",2026-01,12.5,p' "$T/stdout"
line "generic csv: '..' is missing with status '..'" 'E08000025,"Manufacturing, metals",2025-12,,\.\.' "$T/stdout"
printf '{"results":[{"date":"2026-W47","areaidentifier":"x","code":"E05011118","value":42},{"date":"2026-W46","code":"E05011118","value":null}]}' >"$T/g.json"
run_eimon read --format json "$T/g.json"
expect_rc "generic json: exit 0" 0
line "generic json: header" "geography,areaidentifier,period,value,status" "$T/stdout"
line "generic json: week value" "E05011118,x,2026-W47,42," "$T/stdout"
line "generic json: null is missing" "E05011118,,2026-W46,," "$T/stdout"

done_testing
