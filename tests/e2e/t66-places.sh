#!/bin/sh
# t66-places: the edition about each place of the sample (build --place,
# issue 14). Every district's PDF names it as subject (its title page),
# ranks it among the districts when it is not the first, holds the notes
# naming it or the whole area and none naming only another district, and
# its figures.csv has the area edition's rows for that district. An
# unknown code is a usage error and publishes nothing.
. "$(dirname "$0")/lib.sh"

week=2026-W47
M="$T/m"
rm -rf "$M" && cp -r "$SAMPLE" "$M" &&
	sed -i "s|^template: .*|template: \"$EIMON_TOP/report_templates/weekly.yaml\"|" "$M/monitor.yaml"
codes=$(sed -n 's/^ *- {code: "\(E08[0-9]*\)".*/\1/p' "$M/monitor.yaml")
# one note naming each district, with a word found nowhere else
for c in $codes; do
	cat >"$M/notes/$week/zz-$c.yaml" <<NOTE
date: 2026-11-18
source: "Test source"
theme: "labour_market"
headline: "Marker note zzmark$c about one district"
places: ["$c"]
NOTE
done
cat >"$M/notes/$week/zz-area.yaml" <<NOTE
date: 2026-11-18
source: "Test source"
theme: "labour_market"
headline: "Marker note zzmarkarea about the whole area"
NOTE

run_eimon build -c "$M/monitor.yaml" --offline -w $week --out "$T/out"
expect_rc "the area's edition builds" 0
area_csv="$T/out/$week/figures.csv"

for c in $codes; do
	name=$(sed -n "s/^ *- {code: \"$c\", name: \"\([^\"]*\)\".*/\1/p" "$M/monitor.yaml")
	run_eimon build -c "$M/monitor.yaml" --offline -w $week --out "$T/out" --place "$c"
	expect_rc "$name: builds" 0
	d="$T/out/places/$c/$week"
	pdftotext "$d/monitor.pdf" "$T/$c.txt" 2>/dev/null
	# the title page: the monitor's title, then the place as subject
	check "$name: subject on the title page" \
		sh -c "sed -n '1,6p' '$T/$c.txt' | grep -qx '$name'"
	expect_grep "$name: headlines about it" "The claimant count in $name" "$T/$c.txt"
	check "$name: ranked among the districts, or the highest" \
		grep -Eq "$name had the (joint )?([0-9]+(st|nd|rd|th) )?highest|$name (and [A-Za-z ]+ )?had the (joint )?highest|and $name had the joint highest" "$T/$c.txt"
	expect_grep "$name: its own note" "zzmark$c" "$T/$c.txt"
	expect_grep "$name: the whole area's note" "zzmarkarea" "$T/$c.txt"
	others=0
	for o in $codes; do
		[ "$o" = "$c" ] && continue
		grep -q "zzmark$o" "$T/$c.txt" && others=$((others + 1))
	done
	check "$name: no note naming only another district" [ "$others" -eq 0 ]
	check "$name: manifest.json" [ -s "$d/manifest.json" ]
	grep ",$c," "$area_csv" | grep -v '^notes' | sort >"$T/a.csv"
	grep ",$c," "$d/figures.csv" | grep -v '^notes' | sort >"$T/p.csv"
	check "$name: figures.csv rows agree with the area edition's" \
		sh -c "[ -s '$T/a.csv' ] && cmp -s '$T/a.csv' '$T/p.csv'"
done
# a rank sentence below the first place, in the words of the figures
check "some district is ranked below the first" \
	sh -c "cat $T/E08*.txt | grep -Eq 'had the (joint )?[0-9]+(st|nd|rd|th) highest .* of the [0-9]+ districts'"

run_eimon build -c "$M/monitor.yaml" --offline -w $week --out "$T/out2" --place E99999999
expect_rc "an unknown place is a usage error" 64
expect_grep "the message names the code" "E99999999" "$T/stderr"
check "nothing published for it" [ ! -e "$T/out2/places/E99999999/$week" ]
done_testing
