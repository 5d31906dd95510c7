#!/bin/sh
# t32-summary-template: templates are real: the same monitor rendered with
# report_templates/summary.yaml is a short briefing of the same figures.
. "$(dirname "$0")/lib.sh"

cp -r "$SAMPLE" "$T/wmca"
sed 's|^template:.*|template: ../../report_templates/summary.yaml|' \
	"$SAMPLE/monitor.yaml" >"$T/wmca/monitor.yaml"
# the copy sits two levels below $T: point the template at the real one
sed -i "s|^template:.*|template: $EIMON_TOP/report_templates/summary.yaml|" \
	"$T/wmca/monitor.yaml"
run_eimon build -c "$T/wmca/monitor.yaml" --week 2026-W47 --offline --out "$T/out"
expect_rc "the summary builds" 0
pdf="$T/out/2026-W47/monitor.pdf"
pages=$(pdfinfo "$pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
if [ "${pages:-99}" -le 3 ]; then ok "the summary is short ($pages pages)"; else
	fail "the summary is short ($pages pages)"; fi
run_eimon build -c "$SAMPLE/monitor.yaml" --week 2026-W47 --offline --out "$T/full"
full=$(pdfinfo "$T/full/2026-W47/monitor.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
if [ "$full" -ge 8 ]; then ok "the weekly bulletin has at least 8 pages ($full)"; else
	fail "the weekly bulletin has at least 8 pages ($full)"; fi
expect_same "both templates give the same figures.csv" \
	"$T/full/2026-W47/figures.csv" "$T/out/2026-W47/figures.csv"

done_testing
