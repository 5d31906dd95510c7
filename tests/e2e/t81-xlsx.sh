#!/bin/sh
# t81-xlsx: the data download (issue 17). The sample's monitor-data.xlsx
# and monitor-partners-data.xlsx read with an independent reader
# (python3-openpyxl, xlsx_check.py): cover, contents linking every data
# sheet, notes explaining the shorthand, one Excel table a sheet with a
# header row from column A under its title block, no merged cells, no
# blank cell in a table, shorthand where a value is missing, every chart
# number the charts' data at full precision and a figure of figures.csv,
# every table number a figure of figures.csv as printed; the
# partners/public split; sha256 in manifest.json; the same bytes on a
# second build; made only when outputs asks; no partners workbook
# without the partners PDF.
. "$(dirname "$0")/lib.sh"

week=2026-W47
# Debian's openpyxl is for Debian's python3; a python3 of its own (pyenv)
# may lack it
py=python3
python3 -c 'import openpyxl' 2>/dev/null || py=/usr/bin/python3

out="$T/out"
run_eimon build -c "$SAMPLE/monitor.yaml" --week $week --offline --out "$out"
expect_rc "the sample builds" 0
ed="$out/$week"
check "monitor-data.xlsx is published" test -s "$ed/monitor-data.xlsx"
check "monitor-partners-data.xlsx is published beside monitor-partners.pdf" \
	sh -c "test -s '$ed/monitor-partners-data.xlsx' && test -s '$ed/monitor-partners.pdf'"
check "an independent reader finds both workbooks to the guidance and equal to the edition's figures" \
	$py "$EIMON_TOP/tests/e2e/xlsx_check.py" "$ed" "$ed/monitor-data.xlsx" \
	"$ed/monitor-partners-data.xlsx"

check "the workbooks are in manifest.json with their sha256" $py - "$ed" <<'PY'
import hashlib, json, os, sys
d = sys.argv[1]
m = json.load(open(os.path.join(d, "manifest.json"), encoding="utf-8"))
outs = {o["name"]: o["sha256"] for o in m["outputs"]}
bad = 0
for n in ("monitor-data.xlsx", "monitor-partners-data.xlsx"):
    h = hashlib.sha256(open(os.path.join(d, n), "rb").read()).hexdigest()
    if outs.get(n) != h:
        print("    %s: %s, manifest %s" % (n, h, outs.get(n))); bad = 1
sys.exit(bad)
PY

# No partners note in the public workbook (its sheets' text, unzipped).
mkdir -p "$T/pub" "$T/par"
$py -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' \
	"$ed/monitor-data.xlsx" "$T/pub"
$py -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' \
	"$ed/monitor-partners-data.xlsx" "$T/par"
for w in "Partners only" "Tier 1 supplier" "350 roles"; do
	if grep -rqF -- "$w" "$T/pub"; then fail "the public workbook does not say '$w'"
	else ok "the public workbook does not say '$w'"; fi
done
check "the partners workbook says it is for partners only" grep -rqF "Partners only" "$T/par"
# the partners edition counts the partners note: some table differs
check "the partners workbook holds the partners edition's counts" $py - \
	"$ed/monitor-data.xlsx" "$ed/monitor-partners-data.xlsx" <<'PY'
import sys, openpyxl
def tables(p):
    wb = openpyxl.load_workbook(p)
    return {n: [[c.value for c in r] for r in wb[n].iter_rows()]
            for n in wb.sheetnames if n.startswith("Table ")}
a, b = tables(sys.argv[1]), tables(sys.argv[2])
sys.exit(0 if a.keys() == b.keys() and a != b else 1)
PY

# Another monitor (another area, feeds and notes) passes the same checks.
gm="$EIMON_TOP/samples/gmca"
if [ -f "$gm/monitor.yaml" ]; then
	run_eimon build -c "$gm/monitor.yaml" --week $week --offline --out "$T/gm"
	expect_rc "the second sample builds" 0
	g="$T/gm/$week"
	par=""
	[ -e "$g/monitor-partners.pdf" ] && par="$g/monitor-partners-data.xlsx"
	check "the second sample's workbooks pass the same checks" \
		$py "$EIMON_TOP/tests/e2e/xlsx_check.py" "$g" "$g/monitor-data.xlsx" $par
fi

# A monitor with a missing value, a provisional one and a revision
# (tests/e2e/case_monitor.py: a dashboard, a table by area with ranks, a
# table side by side): three editions in one folder.
mkdir -p "$T/case"
cat >"$T/case/indicator.txt" <<'EOF'
id=jobs
title=Jobs
measure=the number of jobs
unit=count
decimals=0
polarity=up-is-good
compare=previous,year
area=E47000099 Test Area
place=E08000901 Alpha
place=E08000902 Beta
place=E08000903 Gamma
comparator=E12000099 Region
as_of=2026-W41
EOF
# Monthly values from January 2025 to September 2026, the area's with a
# quarter so that a value shown rounded is stored whole; Beta has no
# September (its row: [x]); the area's August is provisional, so its
# change on the month is provisional while its September and its change
# on the year are final: statuses differ within the row.
series() { # the area's August, revised, or ""
	$py - "$1" <<'PY'
import sys
rows = ["geography,period,value,status"]
base = {"E47000099": 30000.25, "E08000901": 12000, "E08000902": 9000,
        "E08000903": 9000, "E12000099": 90000}
for g, b in base.items():
    for i in range(21):
        p = "%d-%02d" % (2025 + i // 12, i % 12 + 1)
        if g == "E08000902" and p == "2026-09":
            continue
        v = b + 37 * i + (i * i) % 11
        if g == "E47000099" and p == "2026-08" and sys.argv[1]:
            v = float(sys.argv[1])
        st = "p" if g == "E47000099" and p == "2026-08" else ""
        rows.append("%s,%s,%r,%s" % (g, p, v, st))
print("\n".join(rows))
PY
}
series "" >"$T/case/series.csv"
$py "$EIMON_TOP/tests/e2e/case_monitor.py" "$T/case" "$T/cm" >/dev/null
printf 'outputs: [pdf, html, xlsx]\n' >>"$T/cm/monitor.yaml"
build_case() { # WEEK
	run_eimon build -c "$T/cm/monitor.yaml" --week "$1" --offline --out "$T/co"
	expect_rc "the case builds $1" 0
	check "its workbook passes the checks ($1)" \
		$py "$EIMON_TOP/tests/e2e/xlsx_check.py" "$T/co/$1" "$T/co/$1/monitor-data.xlsx"
}
build_case 2026-W41
check "a missing value is [x], a comparator's rank [z], and statuses are per value" \
	$py - "$T/co/2026-W41/monitor-data.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = [wb[n] for n in wb.sheetnames if n.startswith("Table ")
      and any(c.value == "Rank" for r in wb[n].iter_rows() for c in r)][0]
ref = list(ws.tables.items())[0][1]
rows = [[c.value for c in r] for r in ws[ref]]
h, rows = rows[0], {r[0]: dict(zip(rows[0], r)) for r in rows[1:]}
a, beta, reg, alpha = rows["Test Area"], rows["Beta"], rows["Region"], rows["Alpha"]
want = [
    (a["Latest"], 30744.25), (a["Latest status"], "final"),
    (a["Change on period status"], "provisional"),
    (a["Change on year status"], "final"),
    (a["Change on period"], 32.0), (a["Rank"], "[z]"), (reg["Rank"], "[z]"),
    (beta["Latest"], "[x]"), (beta["Latest status"], "[x]"),
    (beta["Change on year (%)"], "[x]"), (alpha["Rank"], 1),
    (alpha["Rank out of"], 2), (alpha["Rank status"], "final"),
]
bad = [(i, g, w) for i, (g, w) in enumerate(want) if g != w]
notes = " ".join(str(c.value) for r in wb["Notes"].iter_rows() for c in r)
if "no previous edition" not in notes:
    bad.append("the notes do not say there is no previous edition")
if "Revisions" in wb.sheetnames:
    bad.append("a Revisions sheet without a previous edition")
print(bad or "")
sys.exit(1 if bad else 0)
PY
build_case 2026-W42
check "an edition with nothing revised says so" $py - "$T/co/2026-W42/monitor-data.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
notes = " ".join(str(c.value) for r in wb["Notes"].iter_rows() for c in r)
sys.exit(0 if "No figure was revised since the previous edition (week 41 2026)" in notes
         and "Revisions" not in wb.sheetnames else 1)
PY
# the source revises the area's August: the next edition lists it
series 30711.125 >"$T/cm/series.csv"
build_case 2026-W43
check "the revised value is on the Revisions sheet at full precision and in the notes" \
	$py - "$T/co/2026-W43/monitor-data.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Revisions"]
ref = list(ws.tables.items())[0][1]
rows = [[c.value for c in r] for r in ws[ref]]
want = [["Indicator", "Area", "Area code", "Period", "Previous edition's value",
         "This edition's value"],
        ["Jobs", "Test Area", "E47000099", "August 2026", 30712.25, 30711.125]]
notes = " ".join(str(c.value) for r in wb["Notes"].iter_rows() for c in r)
ok = rows == want and "1 value was revised since the previous edition (week 42 2026)" in notes \
    and "Jobs, Test Area, August 2026: 30,712 in the previous edition, now 30,711." in notes \
    and wb["Contents"]["A4"].value == "Revisions"
print("" if ok else rows)
sys.exit(0 if ok else 1)
PY

# A feed older than its max_age_days: the dashboard's status says stale,
# its period column names the period without the mark.
cp -r "$T/cm" "$T/cs"
sed -i 's/max_age_days: 100000/max_age_days: 10/' "$T/cs/monitor.yaml"
run_eimon build -c "$T/cs/monitor.yaml" --week 2026-W43 --offline --out "$T/cso"
expect_rc "the case with a stale feed builds" 0
check "a stale latest value is marked in its status, not in the period" \
	$py - "$T/cso/2026-W43/monitor-data.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = [wb[n] for n in wb.sheetnames if n.startswith("Table 1 ")][0]
ref = list(ws.tables.items())[0][1]
rows = [[c.value for c in r] for r in ws[ref]]
row = dict(zip(rows[0], rows[1]))
ok = row["Latest status"] == "final, stale" and row["Period"] == "September 2026"
print("" if ok else row)
sys.exit(0 if ok else 1)
PY

# Reproducible: another build elsewhere, later, makes the same bytes.
run_eimon build -c "$SAMPLE/monitor.yaml" --week $week --offline --out "$T/again"
for f in monitor-data.xlsx monitor-partners-data.xlsx; do
	check "$f is the same bytes on a second build" cmp -s "$ed/$f" "$T/again/$week/$f"
done

# Without partners notes: no partners PDF, no partners workbook.
copy_sample "$T/np"
rm -f "$T/np/notes/$week/partners-"*.yaml
grep -rl "^partners: *true" "$T/np/notes" 2>/dev/null | xargs rm -f
run_eimon build -c "$T/np/monitor.yaml" --week $week --offline --out "$T/npo"
expect_rc "the sample without partners notes builds" 0
check "it has a public workbook" test -s "$T/npo/$week/monitor-data.xlsx"
if [ -e "$T/npo/$week/monitor-partners.pdf" ] || [ -e "$T/npo/$week/monitor-partners-data.xlsx" ]; then
	fail "no partners workbook without the partners PDF"
else ok "no partners workbook without the partners PDF"; fi

# outputs decides: [pdf, html] makes no workbook; [pdf, xlsx] makes it
# without the web page.
copy_sample "$T/o1"
printf 'outputs: [pdf, html]\n' >>"$T/o1/monitor.yaml"
run_eimon build -c "$T/o1/monitor.yaml" --week $week --offline --out "$T/o1out"
expect_rc "outputs: [pdf, html] builds" 0
if ls "$T/o1out/$week" | grep -q 'xlsx'; then fail "outputs: [pdf, html] publishes no workbook"
else ok "outputs: [pdf, html] publishes no workbook"; fi
copy_sample "$T/o2"
printf 'outputs: [pdf, xlsx]\n' >>"$T/o2/monitor.yaml"
run_eimon build -c "$T/o2/monitor.yaml" --week $week --offline --out "$T/o2out"
expect_rc "outputs: [pdf, xlsx] builds" 0
check "outputs: [pdf, xlsx] publishes the workbook" test -s "$T/o2out/$week/monitor-data.xlsx"
if ls "$T/o2out/$week" | grep -q 'html'; then fail "outputs: [pdf, xlsx] publishes no web page"
else ok "outputs: [pdf, xlsx] publishes no web page"; fi

done_testing
