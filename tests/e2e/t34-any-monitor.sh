#!/bin/sh
# t34-any-monitor: the shipped templates work for a monitor that is not
# the sample. samples/wmca is copied and changed as another authority's
# analyst would: a new area code, fewer places (one renamed), comparators
# in another order with their roles declared, then without roles and
# without the region. Every change is made in monitor.yaml, the data and
# the notes alike; each variant builds with report_templates/weekly.yaml
# unchanged and prints every place it keeps and none it dropped. A code
# changed in monitor.yaml alone stops the build (65) and leaves the last
# published edition as it was.
. "$(dirname "$0")/lib.sh"

week=2026-W47

# The shipped templates know roles, not codes: no GSS code, no indicator
# or feed id of either sample.
if grep -nE '[EKNSW][0-9]{8}' "$EIMON_TOP"/report_templates/*.yaml; then
	fail "no GSS code in report_templates/"
else ok "no GSS code in report_templates/"; fi
found=""
for id in $(sed -n 's/^  - id: "\(.*\)"$/\1/p' "$EIMON_TOP"/samples/*/monitor.yaml | sort -u); do
	if grep -qw -- "$id" "$EIMON_TOP"/report_templates/*.yaml; then
		found="$found $id"; fi
done
check "no sample indicator or feed id in report_templates/ ($found)" test -z "$found"

M="$T/m"
cp -R "$SAMPLE" "$M"
rm -rf "$M/cache"
tpl="$EIMON_TOP/report_templates/weekly.yaml"

# code OLD NEW: rename a geography everywhere (monitor, data, notes)
code() {
	for f in "$M/monitor.yaml" "$M"/data/* "$M"/notes/*/*.yaml; do
		sed -i "s/$1/$2/g" "$f"
	done
}

python3 - "$M/monitor.yaml" "$tpl" <<'PY'
import re, sys
p, tpl = sys.argv[1:]
s = open(p, encoding="utf-8").read()
s = re.sub(r'(?m)^template: .*$', 'template: "%s"' % tpl, s)
# keep three places; comparators UK, England, region (roles declared)
keep = ("Birmingham", "Coventry", "Dudley")
s = re.sub(r'(?m)^  - \{code: "E0800002[5-9]|^  - \{code: "E0800003[01]', lambda m: m.group(0), s)
lines = []
for l in s.splitlines(True):
    if l.startswith('  - {code: "E080000') and not any(k in l for k in keep):
        continue
    lines.append(l)
s = "".join(lines)
comp = re.search(r'(?ms)^comparators:\n(.*?)\n\n', s)
items = [l for l in comp.group(1).splitlines() if l.startswith("  - {")]
s = s.replace(comp.group(1), "\n".join([items[2], items[1], items[0]]))
open(p, "w", encoding="utf-8").write(s)
PY
# notes name the first place only (a code typo below must reach the data
# checks, not stop at the notes)
for c in E08000026 E08000027 E08000028 E08000029 E08000030 E08000031; do
	sed -i "s/\"$c\"/\"E08000025\"/g" "$M"/notes/*/*.yaml
done
code E47000007 E47000099
code E08000026 E08000091   # Coventry gets another code
sed -i 's/name: "Coventry", short_name: "Coventry"/name: "Newtown", short_name: "Newtown"/' "$M/monitor.yaml"

run_eimon check -c "$M/monitor.yaml" --week $week
expect_rc "check passes on the changed monitor" 0
run_eimon build -c "$M/monitor.yaml" --week $week --offline --out "$T/out"
expect_rc "it builds with the shipped template" 0
pdftotext -layout "$T/out/$week/monitor.pdf" "$T/a.txt" 2>/dev/null
for p in Birmingham Newtown Dudley; do
	expect_grep "a kept place is printed: $p" "$p" "$T/a.txt"
done
for c in E08000028 E08000029 E08000030 E08000031 E08000026 E47000007; do
	if grep -q "$c" "$T/out/$week/figures.csv"; then
		fail "a dropped or renamed code has no figure: $c"
	else ok "a dropped or renamed code has no figure: $c"; fi
done
# the bars and tables by place: the three places, not the seven
for p in Sandwell Solihull Wolverhampton; do
	if grep -q "^ *$p  " "$T/a.txt"; then fail "no bar or row for $p"
	else ok "no bar or row for $p"; fi
done
expect_grep "figures.csv has the new area code" "E47000099" "$T/out/$week/figures.csv"
expect_grep "figures.csv has the renamed place" "E08000091" "$T/out/$week/figures.csv"
expect_grep "the region is still drawn as 'region'" "West Midlands" "$T/a.txt"
# the claimant-rate chart's lines: area, region, country (roles)
expect_grep "a chart of the area, the region and the country" \
	"Claimant rate (% of residents aged 16-64), selected areas" "$T/a.txt"

# Without roles, region is the first comparator and country the last:
# with the UK first, the region's indicators are now asked of the UK, and
# check says which allow_missing no longer fits.
sed -i 's/, role: "region"//; s/, role: "country"//' "$M/monitor.yaml"
run_eimon check -c "$M/monitor.yaml" --week $week
expect_rc "without roles and the UK first, check fails" 65
expect_grep "and names what the UK lacks" \
	"chart of 'gdp_growth' shows United Kingdom (K02000001)" "$T/stderr"
# ... and passes with the comparators back in the usual order
python3 - "$M/monitor.yaml" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
comp = re.search(r'(?ms)^comparators:\n(.*?)\n\n', s)
items = [l for l in comp.group(1).splitlines() if l.startswith("  - {")]
s = s.replace(comp.group(1), "\n".join(reversed(items)))
open(p, "w", encoding="utf-8").write(s)
PY
run_eimon check -c "$M/monitor.yaml" --week $week
expect_rc "without roles, region first and UK last, check passes" 0

# Without the region at all, "region" is England (the first comparator),
# which the regional-only PMI lacks: the build stops and says so, with the
# key that would allow it.
python3 - "$M/monitor.yaml" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = "".join(l for l in s.splitlines(True) if 'code: "E12000005"' not in l)
open(p, "w", encoding="utf-8").write(s)
PY
run_eimon build -c "$M/monitor.yaml" --week $week --offline --out "$T/out2"
expect_rc "without the region, a regional-only indicator stops the build" 65
expect_grep "it names the indicator, the geography and the key" \
	"chart of 'pmi_activity' shows England (E92000001).*allow_missing" "$T/stderr"
check "nothing is published" test ! -e "$T/out2/$week"
# allowed, it builds: region-only indicators drop England quietly
sed -i 's/allow_missing: \["area", "places"\]/allow_missing: ["area", "places", "comparators"]/' "$M/monitor.yaml"
sed -i 's/allow_missing: \["area", "places", "country"\]/allow_missing: ["area", "places", "comparators"]/' "$M/monitor.yaml"
run_eimon build -c "$M/monitor.yaml" --week $week --offline --out "$T/out2"
expect_rc "with the gaps allowed, it builds without the region" 0

# A code changed in monitor.yaml only: the build stops, the previous
# edition stays.
cp "$T/out/$week/monitor.pdf" "$T/before.pdf"
sed -i 's/E08000091/E08000092/' "$M/monitor.yaml"
run_eimon build -c "$M/monitor.yaml" --week $week --offline --out "$T/out"
expect_rc "a place code typo stops the build" 65
expect_grep "the build names the place and the key" "Newtown (E08000092)" "$T/stderr"
expect_grep "and says nothing was published" "nothing published" "$T/stderr"
check "the previous edition is untouched" cmp -s "$T/before.pdf" "$T/out/$week/monitor.pdf"

# A monitor written before templates selected by theme (no theme, tags,
# chart, allow_missing or role) still builds with the shipped template:
# the dashboard and headlines, and a warning per indicator that no chart
# shows, naming the key to add.
O="$T/old"
cp -R "$SAMPLE" "$O"
rm -rf "$O/cache"
python3 - "$O/monitor.yaml" "$tpl" <<'PY'
import re, sys
p, tpl = sys.argv[1:]
s = open(p, encoding="utf-8").read()
s = re.sub(r'(?m)^template: .*$', 'template: "%s"' % tpl, s)
s = re.sub(r', role: "[a-z]+"', "", s)
out, skip = [], False
for l in s.splitlines(True):
    if re.match(r"    (theme|tags|chart|allow_missing):", l):
        skip = l.rstrip().endswith(":")
        continue
    if skip and l.startswith("      "):
        continue
    skip = False
    out.append(l)
open(p, "w", encoding="utf-8").write("".join(out))
PY
check "the old-style monitor has no theme left" sh -c "! grep -q 'theme:\|allow_missing:' '$O/monitor.yaml'"
run_eimon build -c "$O/monitor.yaml" --week $week --offline --out "$T/old-out"
expect_rc "an old-style monitor still builds" 0
expect_grep "and is told what to add for its charts" \
	"indicator 'claimant_rate' has no chart or table in .*give it a 'theme'" "$T/stderr"
expect_grep "and which indicators are reported for another geography" \
	"indicator 'pmi_activity' has no observation for the area.*reported for West Midlands region instead" "$T/stderr"

done_testing
