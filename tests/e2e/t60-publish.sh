#!/bin/sh
# t60-publish: publishing an edition as an operator meets it (issue 7):
# silent success and `latest`; a rebuild with unchanged inputs writes
# nothing; a revised note makes a revision with previous/1/; concurrent
# builds leave one intact edition; a build killed with SIGKILL at 25
# moments never leaves a broken or mixed edition; exit 73 for an output
# folder that cannot be made; exit 69 for a required feed that cannot be
# fetched, leaving the previous edition byte for byte; make install.
. "$(dirname "$0")/lib.sh"

week=2026-W47

# intact DIR: every output named in DIR/manifest.json exists and has the
# sha256 the manifest gives; no other PDF or CSV lies beside them.
intact() {
	python3 - "$1" <<'PY'
import hashlib, json, os, sys
d = sys.argv[1]
try:
    m = json.load(open(os.path.join(d, "manifest.json"), encoding="utf-8"))
except Exception as e:
    print("    manifest: %s" % e); sys.exit(1)
names = set()
bad = 0
for o in m.get("outputs", []):
    names.add(o["name"])
    try:
        h = hashlib.sha256(open(os.path.join(d, o["name"]), "rb").read()).hexdigest()
    except OSError as e:
        print("    %s: %s" % (o["name"], e)); bad = 1; continue
    if h != o["sha256"]:
        print("    %s: sha256 %s, manifest says %s" % (o["name"], h, o["sha256"])); bad = 1
if "monitor.pdf" not in names:
    print("    manifest has no monitor.pdf"); bad = 1
for f in os.listdir(d):
    if f.endswith((".pdf", ".csv")) and f not in names:
        print("    %s is not in the manifest" % f); bad = 1
sys.exit(bad)
PY
}

# snapshot DIR: one line per file under DIR: path, sha256, mtime (ns);
# symbolic links with their target.
snapshot() {
	python3 - "$1" <<'PY'
import hashlib, os, sys
top = sys.argv[1]
for root, dirs, files in sorted(os.walk(top)):
    dirs.sort()
    # The lock file holds the PID of the last build: not part of an edition.
    for f in sorted(x for x in files if x != ".eimon.lock"):
        p = os.path.join(root, f)
        st = os.lstat(p)
        if os.path.islink(p):
            print(os.path.relpath(p, top), "->", os.readlink(p))
        else:
            print(os.path.relpath(p, top),
                  hashlib.sha256(open(p, "rb").read()).hexdigest(), st.st_mtime_ns)
    for x in dirs:
        p = os.path.join(root, x)
        if os.path.islink(p):
            print(os.path.relpath(p, top), "->", os.readlink(p))
PY
}

# copy_sample DIR: a copy of the sample whose template path still works
# leftovers DIR: the hidden temporary files/folders a build leaves
leftovers() { find "$1" -name '.*.tmp.*' | sed -n '1,5p'; }

# --- 1. silent success, latest ------------------------------------------
copy_sample "$T/wmca"
cfg="$T/wmca/monitor.yaml"
out="$T/out"
run_eimon build -c "$cfg" --week $week --offline --out "$out"
expect_rc "build exits 0" 0
if [ -s "$T/stdout" ] || [ -s "$T/stderr" ]; then
	fail "a successful build prints nothing"; sed 's/^/    /' "$T/stdout" "$T/stderr"
else ok "a successful build prints nothing"; fi
check "out/latest is a symbolic link" test -L "$out/latest"
lt=$(readlink "$out/latest")
case "$lt" in
$week | "$out/$week" | */$week) ok "out/latest points to $week" ;;
*) fail "out/latest points to $week (it points to '$lt')" ;;
esac
check "out/latest/monitor.pdf opens through the link" test -s "$out/latest/monitor.pdf"
if intact "$out/$week"; then ok "the first edition matches its manifest"; else
	fail "the first edition matches its manifest"; fi
rev=$(jq -r .revision "$out/$week/manifest.json")
check "the first edition is revision 0 (it is $rev)" test "$rev" = 0

# --- 2. a rebuild with unchanged inputs changes nothing ------------------
snapshot "$out" >"$T/snap1"
sleep 1 # a rewrite would show as a different mtime
run_eimon build -c "$cfg" --week $week --offline --out "$out"
expect_rc "a rebuild with unchanged inputs exits 0" 0
snapshot "$out" >"$T/snap2"
expect_same "the rebuild leaves every file's bytes and mtime as they were" \
	"$T/snap1" "$T/snap2"
check "the rebuild makes no previous/" test ! -e "$out/$week/previous"
# The same monitor from its own folder, with a relative -c: the inputs
# are the same files, so still nothing changes.
(cd "$T/wmca" && eimon build -c ./monitor.yaml --week $week --offline --out "$out") \
	>"$T/stdout" 2>"$T/stderr"
rc=$?
expect_rc "a rebuild from the config's folder exits 0" 0
snapshot "$out" >"$T/snap3"
expect_same "a rebuild from another working directory changes nothing" \
	"$T/snap1" "$T/snap3"

# --- 2b. an older week never moves latest back ---------------------------
run_eimon build -c "$cfg" --week $week --offline --out "$T/older"
run_eimon build -c "$cfg" --week 2026-W46 --offline --out "$T/older"
expect_rc "building the older week 2026-W46 after $week exits 0" 0
check "2026-W46 is published" test -s "$T/older/2026-W46/monitor.pdf"
lt=$(readlink "$T/older/latest")
check "latest still points to $week after building 2026-W46 (it points to '$lt')" \
	test "$(basename "$lt")" = $week

# --- 3. an edited note makes revision 1 ----------------------------------
note=notes/$week/make-uk-manufacturing.yaml
cp "$out/$week/monitor.pdf" "$T/pdf.rev0"
cp "$out/$week/manifest.json" "$T/manifest.rev0"
sed -i 's/around 5% below their plans/around 6% below their plans/' "$T/wmca/$note"
check "the note was edited" grep -q "around 6% below" "$T/wmca/$note"
run_eimon build -c "$cfg" --week $week --offline --out "$out"
expect_rc "the build after an edited note exits 0" 0
check "previous/1/ exists" test -d "$out/$week/previous/1"
expect_same "previous/1/monitor.pdf is the first publication" \
	"$T/pdf.rev0" "$out/$week/previous/1/monitor.pdf"
expect_same "previous/1/manifest.json is the first manifest" \
	"$T/manifest.rev0" "$out/$week/previous/1/manifest.json"
rev=$(jq -r .revision "$out/$week/manifest.json")
check "the manifest says \"revision\": 1 (it says $rev)" test "$rev" = 1
if jq -e --arg n "$note" '[.changed_inputs[] | tostring | contains($n)] | any' \
	"$out/$week/manifest.json" >/dev/null; then
	ok "changed_inputs names the edited note"
else
	fail "changed_inputs names the edited note"
	jq -c .changed_inputs "$out/$week/manifest.json" | sed 's/^/    /'
fi
n=$(jq '.changed_inputs | length' "$out/$week/manifest.json")
check "changed_inputs has one entry (it has $n)" test "$n" = 1
if intact "$out/$week"; then ok "revision 1 matches its manifest"; else
	fail "revision 1 matches its manifest"; fi
pdftotext "$out/$week/monitor.pdf" "$T/rev1.txt" 2>/dev/null
expect_grep "revision 1 prints the edited text" "around 6% below" "$T/rev1.txt"
expect_grep "the sources section says the edition was revised" \
	"revised since first publication" "$T/rev1.txt"

# --- 4. an appended feed month is a changed input ------------------------
feed=data/nomis_NM_162_1_claimant_count_wmca.data.csv
python3 - "$T/wmca/$feed" <<'PY'
import csv, sys
# Append a month (2099-01, after the edition: the figures do not change,
# the feed file does) by copying the rows of the file's latest month.
p = sys.argv[1]
raw = open(p, encoding="utf-8-sig", newline="").read()
rows = list(csv.reader(raw.splitlines()))
head, body = rows[0], rows[1:]
di = head.index("DATE")
last = max(r[di] for r in body)
add = []
for r in body:
    if r[di] == last:
        r = list(r)
        r[di] = "2099-01"
        add.append(r)
with open(p, "a", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\r\n" if "\r\n" in raw else "\n")
    w.writerows(add)
PY
run_eimon build -c "$cfg" --week $week --offline --out "$out"
expect_rc "the build after a feed gained a month exits 0" 0
rev=$(jq -r .revision "$out/$week/manifest.json")
check "a changed feed file makes revision 2 (it is $rev)" test "$rev" = 2
check "previous/2/ exists" test -d "$out/$week/previous/2"
if jq -e --arg n "$(basename $feed)" '[.changed_inputs[] |
	(tostring | contains($n)) or .name == "claimant_count"] | any' \
	"$out/$week/manifest.json" >/dev/null; then
	ok "changed_inputs names the feed"
else
	fail "changed_inputs names the feed"
	jq -c .changed_inputs "$out/$week/manifest.json" | sed 's/^/    /'
fi
cp "$SAMPLE/$feed" "$T/wmca/$feed"
cp "$SAMPLE/$note" "$T/wmca/$note"

# --- 5. four concurrent builds -------------------------------------------
cout="$T/conc"
for i in 1 2 3 4; do
	(eimon build -c "$cfg" --week $week --offline --out "$cout" \
		>"$T/conc.$i.out" 2>"$T/conc.$i.err"
	 echo $? >"$T/conc.$i.rc") &
done
wait
zeros=0 others=""
for i in 1 2 3 4; do
	c=$(cat "$T/conc.$i.rc")
	case $c in
	0) zeros=$((zeros + 1)) ;;
	75) grep -q "holds the lock" "$T/conc.$i.err" || others="$others 75-without-message" ;;
	*) others="$others $c" ;;
	esac
done
if [ -z "$others" ] && [ "$zeros" -ge 1 ]; then
	ok "four concurrent builds exit 0 or 75 ($zeros exited 0)"
else
	fail "four concurrent builds exit 0 or 75 (got:$(cat "$T"/conc.*.rc | tr '\n' ' '))"
	cat "$T"/conc.*.err | sed 's/^/    /'
fi
if intact "$cout/$week"; then ok "concurrent builds leave one intact edition"; else
	fail "concurrent builds leave one intact edition"; fi
check "concurrent builds leave no previous/" test ! -e "$cout/$week/previous"
l=$(leftovers "$cout")
check "concurrent builds leave no temporary files" test -z "$l"

# --- 6. SIGKILL at 25 moments --------------------------------------------
# One build's wall time, in seconds (from an empty output folder: the
# longest path, every output is written).
dur=$(python3 - "$EIMON" "$cfg" $week "$T/timing" <<'PY'
import subprocess, sys, time
b, cfg, wk, out = sys.argv[1:]
best = None
for i in range(3):
    subprocess.run(["rm", "-rf", out])
    t = time.monotonic()
    subprocess.run([b, "build", "-c", cfg, "--week", wk, "--offline", "--out", out])
    d = time.monotonic() - t
    best = d if best is None or d < best else best
print("%.4f" % best)
PY
)
echo "# one build takes ${dur}s; killing at i/25 of it"
kout="$T/kill"
kill_bad=""
kill_next_bad=""
n_old=0 n_new=0 n_none=0
i=1
while [ $i -le 25 ]; do
	# even i: kill the first build into an empty folder; odd i: kill a
	# revision (the note changes every round) over a published edition.
	if [ $((i % 2)) -eq 1 ]; then
		sed -i "s/^headline: \"Manufacturers.*/headline: \"Manufacturers' order books steady (round $i)\"/" \
			"$T/wmca/$note"
	else
		rm -rf "$kout"
	fi
	before="" brev=""
	if [ -f "$kout/$week/manifest.json" ]; then
		before=$(snapshot "$kout/$week")
		brev=$(jq -r .revision "$kout/$week/manifest.json")
		cp "$kout/$week/manifest.json" "$T/kill.before.json"
	fi
	s=$(python3 -c "print('%.4f' % ($dur * $i / 25))")
	# Run the binary itself (not through a wrapper or a subshell), so the
	# signal hits the build.
	"$EIMON" build -c "$cfg" --week $week --offline --out "$kout" >/dev/null 2>&1 &
	pid=$!
	sleep "$s"
	kill -KILL $pid 2>/dev/null
	wait $pid 2>/dev/null
	if [ -e "$kout/$week" ]; then
		if ! qpdf --check "$kout/$week/monitor.pdf" >/dev/null 2>&1; then
			kill_bad="$kill_bad $i:qpdf"
		fi
		if ! intact "$kout/$week" >"$T/kill.$i.txt"; then
			kill_bad="$kill_bad $i:manifest"; sed 's/^/    /' "$T/kill.$i.txt"
		fi
		if [ -n "$before" ]; then
			now=$(snapshot "$kout/$week")
			new=$(jq -r .revision "$kout/$week/manifest.json")
			# Either untouched, or the complete next revision with the
			# old edition under previous/<n>/.
			if [ "$now" = "$before" ]; then
				n_old=$((n_old + 1))
			elif [ "$new" = $((brev + 1)) ] &&
				cmp -s "$T/kill.before.json" "$kout/$week/previous/$new/manifest.json"; then
				n_new=$((n_new + 1))
			else
				kill_bad="$kill_bad $i:changed(revision $brev->$new)"
			fi
		else
			n_new=$((n_new + 1))
		fi
	elif [ -n "$before" ]; then
		kill_bad="$kill_bad $i:edition-vanished"
	else
		n_none=$((n_none + 1))
	fi
	if [ -L "$kout/latest" ] && [ ! -e "$kout/latest/monitor.pdf" ]; then
		kill_bad="$kill_bad $i:latest-dangling"
	fi
	# The next build succeeds and cleans up after the killed one.
	eimon build -c "$cfg" --week $week --offline --out "$kout" >"$T/kill.out" 2>&1
	c=$?
	if [ $c -ne 0 ]; then
		kill_next_bad="$kill_next_bad $i:exit$c"; sed 's/^/    /' "$T/kill.out"
	elif ! intact "$kout/$week" >/dev/null; then
		kill_next_bad="$kill_next_bad $i:not-intact"
	elif [ -n "$(leftovers "$kout")" ]; then
		kill_next_bad="$kill_next_bad $i:leftovers($(leftovers "$kout" | tr '\n' ' '))"
	fi
	i=$((i + 1))
done
echo "# after the kills: $n_none no edition yet, $n_old old edition kept, $n_new complete new edition"
if [ -z "$kill_bad" ]; then
	ok "a build killed at 25 moments never leaves a broken or mixed edition"
else fail "a build killed at 25 moments never leaves a broken or mixed edition:$kill_bad"; fi
if [ -z "$kill_next_bad" ]; then
	ok "after each kill the next build succeeds and leaves no .*.tmp.*"
else fail "after each kill the next build succeeds and leaves no .*.tmp.*:$kill_next_bad"; fi
cp "$SAMPLE/$note" "$T/wmca/$note"

# --- 7. an output folder that cannot be made: 73 -------------------------
: >"$T/file"
run_eimon build -c "$cfg" --week $week --offline --out "$T/file/out"
expect_rc "an --out under a regular file exits 73" 73
expect_grep "the message names the output folder" "$T/file" "$T/stderr"
n=$(wc -l <"$T/stderr")
check "one line on stderr (got $n)" test "$n" -eq 1

# --- 8. a required feed that cannot be fetched: 69 -----------------------
# A fresh copy, so no feed cache exists; claimant_count (required) gets a
# URL on the closed port 9 and no path; the other feeds lose their URL
# (they read their local path).
copy_sample "$T/req"
rm -rf "$T/req/cache"
python3 - "$T/req/monitor.yaml" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s, n1 = re.subn(r'(- id: "claimant_count"\n(?:    .*\n)*?)    url: ".*"\n    path: ".*"\n',
                r'\1    url: "http://127.0.0.1:9/claimants.csv"\n', s, count=1)
assert n1 == 1, "feed not found"
# The other feeds keep only their local path: no test touches the internet.
s = re.sub(r'\n    url: "https://.*"', "", s)
open(p, "w", encoding="utf-8").write(s)
PY
grep -A12 'id: "claimant_count"' "$T/req/monitor.yaml" | grep -q 'required: true' &&
	ok "the copy's claimant_count feed is required" ||
	fail "the copy's claimant_count feed is required"
rout="$T/rout"
run_eimon build -c "$cfg" --week $week --offline --out "$rout"
expect_rc "a previous edition is built first" 0
snapshot "$rout" >"$T/rsnap1"
run_eimon build -c "$T/req/monitor.yaml" --week $week --out "$rout"
expect_rc "a required feed unavailable with no cache exits 69" 69
n=$(wc -l <"$T/stderr")
check "exactly one line on stderr (got $n)" test "$n" -eq 1
expect_grep "the line names the feed" "claimant_count" "$T/stderr"
expect_grep "the line names the URL" "http://127.0.0.1:9/claimants.csv" "$T/stderr"
if grep -qi -e "refused" -e "connect" "$T/stderr"; then ok "the line gives the reason"
else fail "the line gives the reason"; sed 's/^/    /' "$T/stderr"; fi
snapshot "$rout" >"$T/rsnap2"
expect_same "the previous edition is untouched (bytes and mtimes)" "$T/rsnap1" "$T/rsnap2"
check "no temporary files are left" test -z "$(leftovers "$rout")"

# --- 9. make install -----------------------------------------------------
if make -s -C "$EIMON_TOP" install DESTDIR="$T/inst" PREFIX=/usr >"$T/make.out" 2>&1; then
	ok "make install exits 0"
else fail "make install exits 0"; sed 's/^/    /' "$T/make.out"; fi
check "the binary is installed in /usr/bin" test -x "$T/inst/usr/bin/eimon"
check "the template is installed" test -s "$T/inst/usr/share/eimon/report_templates/weekly.yaml"
check "the man page is installed" test -s "$T/inst/usr/share/man/man1/eimon.1"
"$T/inst/usr/bin/eimon" --version >"$T/v.out" 2>&1
expect_grep "the installed binary runs" "^eimon [0-9]" "$T/v.out"

done_testing
