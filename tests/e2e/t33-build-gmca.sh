#!/bin/sh
# t33-build-gmca: the second sample, samples/gmca (Greater Manchester: ten
# places where the WMCA sample has seven, another region), builds with the
# shipped templates unchanged: `check` and `build` pass silently, the PDF
# names the area, the ten districts and the region and nothing of the
# other sample, figures.csv has rows for every district, the partners-only
# note stays out of the public PDF, and the data files are exactly what
# the sample's generator writes.
. "$(dirname "$0")/lib.sh"

G="$EIMON_TOP/samples/gmca"
week=2026-W47
out="$T/out"

check "the sample uses the shipped weekly template" \
	grep -q '^template: "../../report_templates/weekly.yaml"$' "$G/monitor.yaml"

run_eimon check -c "$G/monitor.yaml" --week $week
expect_rc "check exits 0" 0
# Notes on template blocks left out (no indicator of a theme) are fine;
# so is the editors' coverage line; nothing else may be said.
if grep -v ': note: ' "$T/stderr" | grep -v 'thin coverage: ' | grep -q .; then
	fail "check has no warning or error"; sed 's/^/    /' "$T/stderr"
else ok "check has no warning or error"; fi

run_eimon build -c "$G/monitor.yaml" --week $week --offline --out "$out"
expect_rc "build exits 0" 0
expect_silent "build is silent on success"
pdf="$out/$week/monitor.pdf"
csv="$out/$week/figures.csv"
check "monitor.pdf written" test -s "$pdf"
if qpdf --check "$pdf" >"$T/qpdf.txt" 2>&1; then ok "qpdf --check passes"; else
	fail "qpdf --check passes"; sed -n '1,10p' "$T/qpdf.txt"; fi
pdftotext -layout "$pdf" "$T/text.txt"
# Names may wrap inside table cells: look at the text without line breaks.
tr -s ' \n' '  ' <"$T/text.txt" >"$T/flat.txt"

expect_grep "the title is printed" "Greater Manchester Weekly Economic Impact Monitor" "$T/flat.txt"
expect_grep "the area is named" "Greater Manchester Combined Authority" "$T/flat.txt"
expect_grep "the region is named" "North West" "$T/flat.txt"
expect_grep "issue 38 (2026-W10 is issue 1)" "Issue 38" "$T/flat.txt"
for d in Bolton Bury Manchester Oldham Rochdale Salford Stockport Tameside \
	Trafford Wigan; do
	n=$(grep -o "$d" "$T/text.txt" | wc -l)
	if [ "$n" -ge 3 ]; then ok "$d is named ($n times)"; else
		fail "$d is named at least 3 times (chart, table, figures): $n"; fi
done
for other in Birmingham "West Midlands" WMCA E08000025 E12000005; do
	if grep -q "$other" "$T/text.txt" "$csv"; then
		fail "nothing of the WMCA sample is printed ('$other')"
	else ok "nothing of the WMCA sample is printed ('$other')"; fi
done

# figures.csv: every district has the claimant count, payrolled employees
# and business count, ranked out of ten.
for code in E08000001 E08000002 E08000003 E08000004 E08000005 E08000006 \
	E08000007 E08000008 E08000009 E08000010; do
	for ind in claimant_count claimant_rate payrolled_employees business_count; do
		if ! grep -q "^$ind,$code,latest," "$csv"; then
			fail "figures.csv has $ind latest for $code"; fi
	done
	check "$code is ranked among 10 places" \
		grep -q "^claimant_rate,$code,rank_of,[0-9-]*,10," "$csv"
done
ok "figures.csv checked for every district"
for code in E12000002 E92000001 K02000001; do
	check "figures.csv has the claimant rate of comparator $code" \
		grep -q "^claimant_rate,$code,latest," "$csv"
done

# The latest claimant count of the area, read from the CSV independently.
want=$(nomis_latest "$G" E47000001)
expect_grep "the GMCA claimant count ($want) is printed" "$want" "$T/flat.txt"
check "figures.csv holds it" grep -q "^claimant_count,E47000001,latest,[0-9-]*,$(echo "$want" | tr -d ,)," "$csv"

# Notes: this week's public notes, not last week's, not the partners one.
expect_grep "a note of the week is printed" "Air freight volumes" "$T/flat.txt"
if grep -q "Previous-week note" "$T/flat.txt"; then
	fail "earlier weeks' notes are left out"; else ok "earlier weeks' notes are left out"; fi
expect_grep "but counted: business conditions is a recurring concern" \
	"negative reports on business conditions in each of the last three editions" "$T/flat.txt"
if grep -q "engineering supplier in Stockport" "$T/flat.txt"; then
	fail "the partners-only note is not in the public PDF"
else ok "the partners-only note is not in the public PDF"; fi
ppdf="$out/$week/monitor-partners.pdf"
check "the partners' edition is written" test -s "$ppdf"
pdftotext "$ppdf" - | tr -s ' \n' '  ' >"$T/partners.txt"
expect_grep "the partners' edition has the partners-only note" \
	"engineering supplier in Stockport" "$T/partners.txt"

# The summary template works unchanged for this monitor too.
# (a copy of the sample, so that the tree is never written)
mkdir -p "$T/s"
cp -R "$G" "$T/s/gmca"
cp -R "$EIMON_TOP/report_templates" "$T/report_templates"
sed -i 's|report_templates/weekly.yaml|report_templates/summary.yaml|' \
	"$T/s/gmca/monitor.yaml"
run_eimon build -c "$T/s/gmca/monitor.yaml" --week $week --offline --out "$T/sum"
expect_rc "the summary template builds for GMCA" 0
check "its PDF is written" test -s "$T/sum/$week/monitor.pdf"

# The data are what the generator writes (it reuses the WMCA writers).
mkdir -p "$T/gen/samples/wmca/tools" "$T/gen/samples/gmca/tools"
cp "$EIMON_TOP/samples/wmca/tools/make-data.py" "$T/gen/samples/wmca/tools/"
cp "$G/tools/make-data.py" "$T/gen/samples/gmca/tools/"
if python3 "$T/gen/samples/gmca/tools/make-data.py" >/dev/null; then
	ok "the generator runs"; else fail "the generator runs"; fi
for f in "$G"/data/*; do
	check "$(basename "$f") is what the generator writes" \
		cmp -s "$f" "$T/gen/samples/gmca/data/$(basename "$f")"
done
# The writers are shared: the WMCA sample's data must not move either.
if python3 "$T/gen/samples/wmca/tools/make-data.py" >/dev/null; then
	ok "the WMCA generator runs"; else fail "the WMCA generator runs"; fi
for f in "$SAMPLE"/data/*; do
	check "wmca $(basename "$f") is what its generator writes" \
		cmp -s "$f" "$T/gen/samples/wmca/data/$(basename "$f")"
done

done_testing
