#!/bin/sh
# t66-places: the edition about each place of the sample (build --place,
# --all-places, --place-index, coverage: places; issue 14), published in
# the week's folder, OUT/W/places/CODE/. Every district's PDF names it as
# subject (its title page), ranks it among the districts when it is not
# the first, holds the notes naming it or the whole area and none naming
# only another district, and its figures.csv has the area edition's rows
# for that district. --place alone revises its folder and nothing else;
# the area's revision keeps the week's places; slices in separate
# processes join into the editions of --all-places. An unknown code is a
# usage error and publishes nothing. A generated monitor of 70 places
# checks max_bars and max_rows.
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

# editions DIR: every published file under DIR with its sha256, less the
# lock files (a PID) and manifests (stage times of the wall clock)
editions() {
	(cd "$1" && find . -type f ! -name .eimon.lock ! -name manifest.json |
		LC_ALL=C sort | xargs sha256sum)
}

run_eimon build -c "$M/monitor.yaml" --offline -w $week --out "$T/all" --all-places -j 2
expect_rc "--all-places builds" 0
n=$(find "$T/all" -name monitor.pdf | wc -l)
check "--all-places: the area's edition and one per place ($n)" [ "$n" -eq 8 ]
area_csv="$T/all/$week/figures.csv"
check "the area's edition is in the week's folder" [ -s "$T/all/$week/monitor.pdf" ]
check "latest is the area's edition" [ "$(readlink "$T/all/latest")" = "$week" ]

for c in $codes; do
	name=$(sed -n "s/^ *- {code: \"$c\", name: \"\([^\"]*\)\".*/\1/p" "$M/monitor.yaml")
	d="$T/all/$week/places/$c"
	# the same files as the area's edition, as the template's outputs say
	for f in monitor.pdf index.html monitor-data.xlsx figures.csv manifest.json; do
		check "$name: $f in $week/places/$c/" [ -s "$d/$f" ]
	done
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
	check "$name: its manifest verifies" python3 -c "
import hashlib, json, os, sys
d = sys.argv[1]
m = json.load(open(os.path.join(d, 'manifest.json')))
outs = {o['name']: o['sha256'] for o in m['outputs']}
files = {f for f in os.listdir(d) if os.path.isfile(os.path.join(d, f))} - {'manifest.json'}
assert files == set(outs), (files, outs)
for n, h in outs.items():
    assert hashlib.sha256(open(os.path.join(d, n), 'rb').read()).hexdigest() == h, n
" "$d"
	grep ",$c," "$area_csv" | grep -v '^notes' | sort >"$T/a.csv"
	grep ",$c," "$d/figures.csv" | grep -v '^notes' | sort >"$T/p.csv"
	check "$name: figures.csv rows agree with the area edition's" \
		sh -c "[ -s '$T/a.csv' ] && cmp -s '$T/a.csv' '$T/p.csv'"
done
# a rank sentence below the first place, in the words of the figures
check "some district is ranked below the first" \
	sh -c "cat $T/E08*.txt | grep -Eq 'had the (joint )?[0-9]+(st|nd|rd|th) highest .* of the [0-9]+ districts'"
expect_grep "the index lists a place's folder" "^place,E08000030,\"Walsall\",places/E08000030\$" "$T/all/$week/editions.csv"
check "the index has every edition" [ "$(wc -l <"$T/all/$week/editions.csv")" -eq 9 ]
editions "$T/all" >"$T/all.sum"

# --place alone: into the week's folder, beside the area's edition and
# the other places', and the same edition as --all-places made
cp -r "$T/all" "$T/one"
run_eimon build -c "$M/monitor.yaml" --offline -w $week --out "$T/one" --place E08000030
expect_rc "--place builds" 0
editions "$T/one" >"$T/one.sum"
check "--place: the edition of --all-places, unchanged" cmp -s "$T/all.sum" "$T/one.sum"
# a new note about Walsall revises Walsall's edition alone
sed "s/zzmarkE08000030/zzrevisedE08000030/" "$M/notes/$week/zz-E08000030.yaml" >"$M/notes/$week/zz-E08000030b.yaml"
run_eimon build -c "$M/monitor.yaml" --offline -w $week --out "$T/one" --place E08000030
expect_rc "--place rebuilds with a new note" 0
check "--place: its previous edition kept as previous/1" \
	[ -s "$T/one/$week/places/E08000030/previous/1/monitor.pdf" ]
pdftotext "$T/one/$week/places/E08000030/monitor.pdf" - 2>/dev/null | grep -q zzrevisedE08000030
check "--place: the revised edition has the new note" [ $? -eq 0 ]
editions "$T/one" | grep -v "/places/E08000030/" >"$T/one.sum"
grep -v "/places/E08000030/" "$T/all.sum" >"$T/rest.sum"
check "--place: the area's and the other places' editions untouched" \
	cmp -s "$T/rest.sum" "$T/one.sum"
# the area's revision carries the week's places over
sed "s/zzmarkarea/zzrevisedarea/" "$M/notes/$week/zz-area.yaml" >"$M/notes/$week/zz-areab.yaml"
run_eimon build -c "$M/monitor.yaml" --offline -w $week --out "$T/one"
expect_rc "the area's edition rebuilds" 0
check "the area's revision keeps its previous edition" [ -s "$T/one/$week/previous/1/monitor.pdf" ]
check "the area's revision keeps every place's edition" \
	sh -c "[ \$(find '$T/one/$week/places' -path '*previous*' -prune -o -name monitor.pdf -print | wc -l) -eq 7 ]"
check "... and Walsall's previous edition" \
	[ -s "$T/one/$week/places/E08000030/previous/1/monitor.pdf" ]
editions "$T/one" | grep "/places/" | grep -v "/places/E08000030/" >"$T/one.sum"
grep "/places/" "$T/rest.sum" >"$T/rest2.sum"
check "... with the same bytes" cmp -s "$T/rest2.sum" "$T/one.sum"
rm -f "$M/notes/$week/zz-E08000030b.yaml" "$M/notes/$week/zz-areab.yaml"

run_eimon build -c "$M/monitor.yaml" --offline -w $week --out "$T/out2" --place E99999999
expect_rc "an unknown place is a usage error" 64
expect_grep "the message names the code" "E99999999" "$T/stderr"
check "nothing published for it" [ ! -e "$T/out2/$week" ]

# the index split: slices 0..2 in three processes at once, the places'
# slices first (as job arrays may), into one shared folder
for i in 1 2; do
	eimon build -c "$M/monitor.yaml" --offline -w $week --out "$T/split" --place-index $i/3 -q &
done
wait
check "a slice other than 0 does not build the area's edition" \
	sh -c "[ ! -e '$T/split/$week/monitor.pdf' ] && [ ! -e '$T/split/latest' ]"
check "slices 1 and 2 of 3 build places 1, 2, 4, 5" \
	sh -c "[ \$(find '$T/split' -name monitor.pdf | wc -l) -eq 4 ]"
for i in 0 1 2; do
	eimon build -c "$M/monitor.yaml" --offline -w $week --out "$T/split" --place-index $i/3 -q &
done
wait
editions "$T/split" >"$T/split.sum"
check "--place-index 0..2/3 join into exactly the editions of --all-places" \
	cmp -s "$T/all.sum" "$T/split.sum"
run_eimon build -c "$M/monitor.yaml" --offline -w $week --out "$T/bad" --place-index 3/3
expect_rc "--place-index I/N wants I < N" 64

# Many places (a generated monitor of 70 districts): 70 bars do not fit a
# page, and the build says to set max_bars; with max_bars and max_rows,
# a place's bars and table show the places ranked highest and the place,
# and say what is left out, in the ranks of figures.csv.
N="$T/n70"
python3 "$EIMON_TOP/tests/bench/national.py" "$SAMPLE" "$N" 70
sed -i 's/max_bars: [0-9]*/max_bars: 0/' "$N/template.yaml"
run_eimon build -c "$N/monitor.yaml" --offline -w $week --out "$T/n70o" --place E07990005
expect_rc "70 bars on a page: the build fails" 65
expect_grep "... naming max_bars" "do not fit (set max_bars" "$T/stderr"
sed -i 's/max_bars: 0/max_bars: 5/; s/max_rows: [0-9]*/max_rows: 8/' "$N/template.yaml"
run_eimon build -c "$N/monitor.yaml" --offline -w $week --out "$T/n70o" --place E07990005
expect_rc "with max_bars and max_rows the place's edition builds" 0
run_eimon check -c "$N/monitor.yaml" -w $week
expect_grep "thin coverage names a few places and counts the rest" \
	"thin coverage: no note this edition names .* and [0-9]* more places (--verbose" "$T/stderr"
n=$(grep "thin coverage" "$T/stderr" | wc -c)
check "... in one readable line ($n bytes)" test "$n" -lt 1000
d="$T/n70o/$week/places/E07990005"
pdftotext "$d/monitor.pdf" - 2>/dev/null | tr '\n' ' ' >"$T/n70.txt"
check "the bars: the 4 ranked highest and the place, with its rank, as figures.csv says" \
	python3 - "$d/figures.csv" "$T/n70.txt" "$N/monitor.yaml" <<'PY'
import csv, re, sys
rows = list(csv.reader(open(sys.argv[1])))
text = open(sys.argv[2]).read()
names = dict(re.findall(r'code: "([^"]+)", name: "([^"]+)"', open(sys.argv[3]).read()))
rank = {r[1]: int(float(r[4])) for r in rows if r[0] == "claimant_rate" and r[2] == "rank"}
joint = {}
for v in rank.values():
    joint[v] = joint.get(v, 0) + 1
me = rank["E07990005"]
suf = "th" if 10 <= me % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(me % 10, "th")
want = ("The chart shows the 4 of the 70 districts with the highest claimant rate, "
        "and District 005 (%s%d%s); 65 more are not shown." %
        ("joint " if joint[me] > 1 else "", me, suf))
assert want in text, want
i = text.index("highest claimant rate in October 2026")
chart = text[i:text.index(want)]
top = sorted(rank, key=lambda c: (rank[c], c))
assert top.index("E07990005") >= 4
shown = [c for c in rank if rank[c] <= 4]
left = [c for c in rank if rank[c] > 5 and c != "E07990005"]
assert all(names[c] + " " in chart for c in shown), shown
assert not any(" " + names[c] + " " in chart for c in left), [names[c] for c in left if " " + names[c] + " " in chart]
PY
expect_grep "the table: the place, its comparators and the 3 districts ranked highest, saying so" \
	"The table shows the 3 of the 69 other districts with the highest claimant count; 66 more are not shown." "$T/n70.txt"
sed -i '0,/max_bars: 5/s//max_bars: 1/' "$N/template.yaml"
run_eimon check -c "$N/monitor.yaml" -w $week
expect_rc "max_bars: 1 is refused" 65
cat "$T/stdout" "$T/stderr" >"$T/both"
expect_grep "... naming the key" "max_bars.*at least 2" "$T/both"

# coverage: places in monitor.yaml
sed -i 's/^window: .*/&\ncoverage: places/' "$M/monitor.yaml"
run_eimon build -c "$M/monitor.yaml" --offline -w $week --out "$T/cov" -j 1
expect_rc "coverage: places builds" 0
editions "$T/cov" >"$T/cov.sum"
check "coverage: places, -j 1, is --all-places -j 2" cmp -s "$T/all.sum" "$T/cov.sum"
run_eimon check -c "$M/monitor.yaml" -w $week
expect_rc "coverage: places checks" 0

# one place fails: the others are still published, the run fails with
# that place's code (73: cannot create output) and name
mkdir -p "$T/fail/$week/places" && : >"$T/fail/$week/places/E08000027"
run_eimon build -c "$M/monitor.yaml" --offline -w $week --out "$T/fail"
expect_rc "a failed place fails the run with its exit code" 73
expect_grep "the message names the failed place" "Dudley (E08000027)" "$T/stderr"
n=$(find "$T/fail" -name monitor.pdf | wc -l)
check "the other editions are published ($n)" [ "$n" -eq 7 ]
sed -i 's/^coverage: places/coverage: everywhere/' "$M/monitor.yaml"
run_eimon check -c "$M/monitor.yaml" -w $week
expect_rc "a bad coverage value is bad data" 65
cat "$T/stdout" "$T/stderr" >"$T/both"
expect_grep "the message names the key" "coverage" "$T/both"

# peer groups: the claimant rate ranked in a group of the area and its
# comparators, one member (E12000009) absent from the data
P="$T/peers"
rm -rf "$P" && cp -r "$M" "$P" && sed -i 's/^coverage: .*/coverage: area/' "$P/monitor.yaml"
python3 - "$P/monitor.yaml" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
s = s.replace("\nfeeds:\n", '''
peer_groups:
  - id: "test_group"
    name: "test geographies"
    members: ["E47000007", "E12000005", "E92000001", "K02000001", "E12000009"]
feeds:
''', 1)
s = s.replace('  - id: "claimant_rate"\n', '  - id: "claimant_rate"\n    peer_group: "test_group"\n', 1)
open(p, "w").write(s)
PY
run_eimon build -c "$P/monitor.yaml" --offline -w $week --out "$T/pout"
expect_rc "a monitor with a peer group builds" 0
pdftotext "$T/pout/$week/monitor.pdf" - 2>/dev/null | tr '\n' ' ' >"$T/peers.txt"
expect_grep "the area is ranked in its peer group" \
	"West Midlands Combined Authority had the [a-z0-9 ]*highest claimant rate of the 4 test geographies with data" "$T/peers.txt"
check "figures.csv has the peer ranks" grep -q "^claimant_rate,E12000005,peer_rank," "$T/pout/$week/figures.csv"
check "a member absent from the data is not ranked" sh -c "! grep -q ',E12000009,' '$T/pout/$week/figures.csv'"
sed -i 's/peer_group: "test_group"/peer_group: "nosuch"/' "$P/monitor.yaml"
run_eimon check -c "$P/monitor.yaml" -w $week
expect_rc "an unknown peer group is bad data" 65
cat "$T/stdout" "$T/stderr" >"$T/both"
expect_grep "the message names it" "unknown peer group 'nosuch'" "$T/both"
done_testing
