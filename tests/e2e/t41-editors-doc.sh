#!/bin/sh
# t41-editors-doc: the docs stand alone (no pointer outside the
# repository), and the editors' guide and the other docs agree with the
# shipped templates: every theme they show (`theme: X`, `--theme X`) is a
# theme that each shipped template declares, as `eimon notes new` (which
# lists the declared themes on a mistake) sees it. The sample notes do
# too (eimon check passes on them in t30).
. "$(dirname "$0")/lib.sh"

M="$T/m"
mkdir -p "$M"
for tpl in weekly summary; do
	cat >"$M/$tpl.yaml" <<YAML
title: Test monitor
publisher: Test
template: $EIMON_TOP/report_templates/$tpl.yaml
area: {code: E47000001, name: Test area}
feeds:
  - {id: f, title: F, publisher: P, format: nomis-csv, path: f.csv}
YAML
	run_eimon notes new -c "$M/$tpl.yaml" --source X --theme no-such-theme
	expect_rc "$tpl.yaml: an unknown theme is a usage error" 64
	# "... the template declares 'a', 'b', 'c')" -> one id per line
	sed -n "s/.*the template declares \(.*\))$/\1/p" "$T/stderr" |
		tr ',' '\n' | tr -d " '" | sed '/^$/d' >"$T/themes-$tpl"
	check "$tpl.yaml declares themes" test -s "$T/themes-$tpl"
done

# Themes the docs show, with the file and line that shows each.
grep -nE '(^|[^a-z_])(theme: *"?|--theme +)[a-z]' \
	"$EIMON_TOP"/docs/*.md "$EIMON_TOP/README.md" |
	grep -v 'THEME' |
	sed -E 's/^([^:]*:[0-9]+):.*(theme: *"?|--theme +)([a-z_-]+).*/\1 \3/' \
	>"$T/shown"
check "the docs show themes" test -s "$T/shown"
while read -r where theme; do
	for tpl in weekly summary; do
		if grep -qx -- "$theme" "$T/themes-$tpl"; then
			ok "$where: theme '$theme' is declared by $tpl.yaml"
		else
			fail "$where: theme '$theme' is not declared by $tpl.yaml"
		fi
	done
done <"$T/shown"

# The docs stand alone: nothing a user reads sends them to a file outside
# the repository or to the C sources for the keys.
for f in "$EIMON_TOP"/docs/* "$EIMON_TOP/README.md" \
	$(find "$EIMON_TOP/samples" "$EIMON_TOP/report_templates" -type f \
		! -path '*/data/*'); do
	if grep -nE 'SPEC|\.\./shared|/work/shared|reference/|include/(config|template)\.h' "$f" \
		>"$T/out.txt"; then
		fail "${f#"$EIMON_TOP"/} sends users outside the docs"
		sed 's/^/    /' "$T/out.txt"
	else
		ok "${f#"$EIMON_TOP"/} sends no one outside the repository"
	fi
done
check "the configuration reference exists" test -s "$EIMON_TOP/docs/configuration.md"

# The reference's minimal monitor, as printed, checks and builds with the
# shipped template (given the Nomis file it names).
mkdir -p "$T/mini/data"
sed -n '/^## A minimal monitor/,/^## /p' "$EIMON_TOP/docs/configuration.md" |
	sed -n '/^```yaml$/,/^```$/p' | sed '1d;$d' |
	sed "s|^template:.*|template: \"$EIMON_TOP/report_templates/weekly.yaml\"|" \
	>"$T/mini/monitor.yaml"
check "the minimal monitor is in the reference" grep -q '^indicators:' "$T/mini/monitor.yaml"
cp "$EIMON_TOP"/samples/gmca/data/nomis_NM_162_1_*.csv "$T/mini/data/claimant_count.data.csv"
run_eimon check -c "$T/mini/monitor.yaml" --week 2026-W47
expect_rc "the minimal monitor checks" 0
run_eimon build -c "$T/mini/monitor.yaml" --week 2026-W47 --offline --out "$T/mini/out"
expect_rc "the minimal monitor builds" 0
pdftotext "$T/mini/out/2026-W47/monitor.pdf" "$T/mini.txt"
expect_grep "its bulletin charts the districts" "Wigan" "$T/mini.txt"

done_testing
