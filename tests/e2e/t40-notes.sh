#!/bin/sh
# t40-notes: an editor's round trip on the command line: `eimon notes new`
# writes valid notes that do not clash, `eimon check` passes on them, says
# when the edition file is missing, and lists every problem of bad notes
# (file:line:col) with exit 65.
. "$(dirname "$0")/lib.sh"

M="$T/m"
mkdir -p "$M/tpl" "$M/editions"
cat >"$M/monitor.yaml" <<'YAML'
title: Test monitor
publisher: City-REDI
template: tpl/weekly.yaml
area: {code: E47000007, name: West Midlands Combined Authority}
places:
  - {code: E08000030, name: Walsall}
feeds:
  - {id: cc, title: Claimant count, publisher: ONS, format: nomis-csv,
     path: data/cc.csv}
indicators:
  - {id: cc, feed: cc, title: Claimant count}
YAML
cat >"$M/tpl/weekly.yaml" <<'YAML'
themes:
  - {id: business, title: Business}
  - {id: labour-market, title: Labour market}
sections:
  - title: Intelligence
    blocks:
      - {type: notes}
YAML

run_eimon notes new -c "$M/monitor.yaml" --week 2026-W47 \
	--source "Black Country Chamber" --theme business
expect_rc "notes new exits 0" 0
expect_grep "notes new prints the path" \
	"^$M/notes/2026-W47/black-country-chamber-1.yaml$" "$T/stdout"
check "the note is written" test -f "$M/notes/2026-W47/black-country-chamber-1.yaml"
check "it is dated in the week" \
	grep -Eq '^date: 2026-11-(1[6-9]|2[0-2])$' "$M/notes/2026-W47/black-country-chamber-1.yaml"
expect_grep "its theme comment lists the template's themes" \
	'^# business, labour-market\.$' "$M/notes/2026-W47/black-country-chamber-1.yaml"
expect_grep "its places example is the monitor's first place" \
	'^# places: \[E08000030\]  # Walsall$' "$M/notes/2026-W47/black-country-chamber-1.yaml"

run_eimon notes new -c "$M/monitor.yaml" --week 2026-W47 \
	--source "Black Country Chamber" --theme labour-market
expect_rc "a second note of the same source exits 0" 0
expect_grep "it does not clash" "black-country-chamber-2.yaml$" "$T/stdout"

run_eimon notes new -c "$M/monitor.yaml" --source X --theme housing
expect_rc "an undeclared theme is a usage error" 64
expect_grep "the theme is named with the template's themes" \
	"unknown theme 'housing' (the template declares 'business', 'labour-market')" "$T/stderr"
run_eimon notes new -c "$M/monitor.yaml" --source X --theme busness
expect_rc "a misspelt theme is a usage error" 64
expect_grep "it is guessed, and the themes listed" \
	"unknown theme 'busness' (did you mean 'business'? the template declares 'business', 'labour-market')" "$T/stderr"

# --week is part of the usage of notes new.
run_eimon --help
expect_grep "--help shows notes new --week" \
	'notes new \[-c monitor.yaml\] \[--week YYYY-Www\] --source ORG --theme THEME' "$T/stdout"
run_eimon notes new -c "$M/monitor.yaml" --source X
expect_rc "notes new without --theme is a usage error" 64
expect_grep "its message shows --week" "notes wants: new \[--week YYYY-Www\] --source ORG --theme THEME" "$T/stderr"

# A monitor with no places: the example is the area's code.
sed '/^places:/,/E08000030/d' "$M/monitor.yaml" >"$M/noplaces.yaml"
run_eimon notes new -c "$M/noplaces.yaml" --week 2026-W47 --source Y --theme business
expect_rc "notes new without places exits 0" 0
expect_grep "its places example is the area" '^# places: \[E47000007\]  # West Midlands Combined Authority$' "$(cat "$T/stdout")"
rm -f "$(cat "$T/stdout")"

run_eimon check -c "$M/monitor.yaml" --week 2026-W47
expect_rc "check passes on the new notes" 0
expect_grep "check says the edition file is missing" "no edition file for 2026-W47" "$T/stderr"

printf 'published: 2026-11-20\nlead: A quiet week.\nkey_issues: [One]\n' \
	>"$M/editions/2026-W47.yaml"
run_eimon check -c "$M/monitor.yaml" --week 2026-W47
expect_rc "check passes with the edition file" 0
expect_grep "check flags the notes still in draft" \
	"this note is still a draft (it has the TODO text of 'eimon notes new')" "$T/stderr"
expect_grep "check names the places no note names this edition" \
	"thin coverage: no note this edition names" "$T/stderr"
if grep -v "still a draft" "$T/stderr" | grep -v "thin coverage" | grep -v ": note: " | grep -v "not checked: " | grep -q .; then
	fail "and says nothing else"; else ok "and says nothing else"; fi

# Two bad notes in two folders: every problem of both is listed.
mkdir -p "$M/notes/a/b"
printf 'date: 2026-02-30\nsource: A\ntheme: business\nheadlin: x\n' \
	>"$M/notes/a/b/bad.yaml"
printf -- '- date: 2026-11-18\n  source: A\n  theme: housing\n  headline: x\n  places: [E08000099]\n' \
	>"$M/notes/z.yaml"
run_eimon check -c "$M/monitor.yaml" --week 2026-W47
expect_rc "check with bad notes exits 65" 65
cat >"$T/want" <<EOF2
eimon: $M/notes/a/b/bad.yaml:1:1: missing required key 'headline'
eimon: $M/notes/a/b/bad.yaml:1:7: 'date' must be a real date written YYYY-MM-DD, not '2026-02-30'
eimon: $M/notes/a/b/bad.yaml:4:1: unknown key 'headlin' (did you mean 'headline'?)
eimon: $M/notes/z.yaml:3:10: unknown theme 'housing' (the template declares 'business', 'labour-market')
eimon: $M/notes/z.yaml:5:12: unknown GSS code 'E08000099' in 'places' (not a place of the monitor)
EOF2
expect_same "every problem, in file order, with file:line:col" "$T/want" "$T/stderr"

done_testing
