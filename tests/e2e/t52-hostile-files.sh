#!/bin/sh
# t52-hostile-files: what issue 20's adversarial review found, each
# planted in a temporary folder or served by the loopback server
# (tests/http_server.py): symbolic links and FIFOs where eimon reads or
# writes, a lock naming a dead holder, `latest` a real folder, a planted
# .WEEK.old.N link, far-future weeks, credentials that must appear in no
# output file, a bad fresh body that must not replace the last good copy,
# paging and Retry-After bounded by the feed's deadline.
. "$(dirname "$0")/lib.sh"

srv_pid=""
trap '[ -n "$srv_pid" ] && kill "$srv_pid" 2>/dev/null; rm -rf "$T"' EXIT
python3 "$EIMON_TOP/tests/http_server.py" >"$T/ports" 2>/dev/null &
srv_pid=$!
i=0
while [ ! -s "$T/ports" ] && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
read -r PORT _ <"$T/ports"
BASE="http://127.0.0.1:$PORT"
count() { python3 -c 'import sys, urllib.request
print(urllib.request.urlopen(sys.argv[1]).read().decode().strip())' "$BASE/count$1"; }

# A monitor over one Nomis feed whose rows are Birmingham's (the server's
# rows); conf DIR URL [more feed lines]
conf() {
	mkdir -p "$1/notes" "$1/editions"
	cat >"$1/tpl.yaml" <<'YAML'
sections:
  - blocks:
      - type: lead
      - type: headlines
        indicators: [cc]
      - type: sources
YAML
	cat >"$1/monitor.yaml" <<YAML
title: Hostile files test
publisher: Test
area: {code: E08000025, name: Birmingham}
template: tpl.yaml
cache_dir: cache
out_dir: out
feeds:
  - id: cc
    title: Claimant count
    publisher: ONS
    format: nomis-csv
    required: true
    timeout_s: 5
    max_age_days: 100000
    url: "$2"
${3:-}
indicators:
  - id: cc
    feed: cc
    title: Claimant count
    measure: the claimant count
YAML
}
W=2026-W47

# ---- 1. no secret in any output file ------------------------------------
M=$T/sec
conf "$M" "http://user:urlpass1@127.0.0.1:$PORT/nomis?uid=uidkey1&apikey=apikey1"
echo "outputs: [pdf, html]" >>"$M/monitor.yaml"
run_eimon build -c "$M/monitor.yaml" --week $W
expect_rc "a feed URL with credentials builds" 0
pdftotext "$M/out/$W/monitor.pdf" "$T/sec.txt" 2>/dev/null
expect_grep "the PDF shows the redacted URL" "apikey=\*\*\*" "$T/sec.txt"
expect_grep "so does the web page" "apikey=\*\*\*" "$M/out/$W/index.html"
for s in urlpass1 uidkey1 apikey1; do
	if grep -rqa "$s" "$M/out" "$M/cache" "$T/sec.txt" "$T/stdout" "$T/stderr"; then
		fail "secret '$s' in no output file"
		grep -rla "$s" "$M/out" "$M/cache" | sed 's/^/    /'
	else
		ok "secret '$s' in no output file (manifest, PDF, figures, cache)"
	fi
done
expect_grep "manifest names the feed URL redacted" '"url": "http://127.0.0.1:'"$PORT"'/nomis?uid=\*\*\*' \
	"$M/out/$W/manifest.json"
rm -rf "$M/cache"
run_eimon fetch -c "$M/monitor.yaml"
expect_rc "eimon fetch refreshes the cache" 0
expect_grep "the fetched body is cached" '"E08000025",140' "$M/cache/cc.body"
if ls "$M/cache" | grep -q tmp; then fail "no temporary file left in the cache"; else
	ok "no temporary file left in the cache"; fi

# the secret from an environment variable, as a query parameter
M=$T/env
conf "$M" "$BASE/needkey/a" "    secret_env: T52_KEY
    secret_param: uid"
T52_KEY='s3cr3t&x' run_eimon build -c "$M/monitor.yaml" --week $W
expect_rc "secret_env + secret_param reach the server" 0
if grep -rqa "s3cr3t" "$M/out" "$M/cache" "$T/stderr"; then
	fail "the secret_env value is written nowhere"
else
	ok "the secret_env value is written nowhere"
fi
run_eimon build -c "$M/monitor.yaml" --week 2026-W46
expect_rc "secret_env unset: the cached copy stands in" 0
expect_grep "unset variable named" "T52_KEY is not set" "$T/stderr"

# from a file, as HTTP Basic user:password
M=$T/auth
printf 'user:pa ss\n' >"$T/auth.secret"
conf "$M" "$BASE/needauth/a" "    secret_file: $T/auth.secret"
run_eimon build -c "$M/monitor.yaml" --week $W
expect_rc "secret_file as HTTP Basic reaches the server" 0
if grep -rqa "pa ss" "$M/out" "$M/cache" "$T/stderr"; then
	fail "the secret_file value is written nowhere"
else
	ok "the secret_file value is written nowhere"
fi
mkfifo "$T/auth.fifo"
conf "$M" "$BASE/needauth/b" "    secret_file: $T/auth.fifo"
rm -rf "$M/cache"
timeout 30 "$EIMON" build -c "$M/monitor.yaml" --week $W >/dev/null 2>"$T/stderr"
rc=$?
expect_rc "a FIFO as secret_file fails (does not hang)" 69
expect_grep "the FIFO is refused" "not a regular file" "$T/stderr"

# ---- 2. the lock file is not followed ------------------------------------
M=$T/lock
conf "$M" "$BASE/nomis"
mkdir -p "$M/out"
echo "precious" >"$T/victim"
ln -s "$T/victim" "$M/out/.eimon.lock"
run_eimon build -c "$M/monitor.yaml" --week $W
expect_rc "a symbolic link as the lock file: exit 73" 73
expect_grep "the victim is untouched" "^precious$" "$T/victim"
rm "$M/out/.eimon.lock"
mkfifo "$M/out/.eimon.lock"
timeout 30 "$EIMON" build -c "$M/monitor.yaml" --week $W >/dev/null 2>"$T/stderr"
rc=$?
expect_rc "a FIFO as the lock file: exit 73, no hang" 73
rm "$M/out/.eimon.lock"

# ---- 11. the lock message names only a live holder -----------------------
sh -c 'exit 0' &
dead=$!
wait "$dead"
printf '%s\n' "$dead" >"$M/out/.eimon.lock"
python3 -c 'import fcntl, sys, time
f = open(sys.argv[1], "r+"); fcntl.flock(f, fcntl.LOCK_EX)
print("locked", flush=True); time.sleep(30)' "$M/out/.eimon.lock" >"$T/locked" &
holder=$!
i=0
while [ ! -s "$T/locked" ] && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
run_eimon build -c "$M/monitor.yaml" --week $W
expect_rc "the lock is held: exit 75" 75
if grep -q "pid $dead" "$T/stderr"; then
	fail "a dead PID in the lock file is not named"; cat "$T/stderr"
else
	ok "a dead PID in the lock file is not named"
fi
printf '%s\n' "$holder" >"$M/out/.eimon.lock"
run_eimon build -c "$M/monitor.yaml" --week $W
expect_grep "a live holder is named" "pid $holder" "$T/stderr"
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null

# ---- 3 and 7. notes and edition files: no links, no FIFOs ----------------
M=$T/notes
conf "$M" "$BASE/nomis"
printf 'root_password_line: 1\nother_secret_line: 2\n' >"$T/shadow"
ln -s "$T/shadow" "$M/notes/evil.yaml"
run_eimon check -c "$M/monitor.yaml" --week $W
expect_rc "a note that is a symbolic link is bad data" 65
expect_grep "the link is named" "evil.yaml.*symbolic link" "$T/stderr"
if grep -q "root_password_line\|other_secret_line" "$T/stderr"; then
	fail "the link's target is not echoed"
else
	ok "the link's target is not echoed"
fi
rm "$M/notes/evil.yaml"
mkdir -p "$T/elsewhere"
cp "$T/shadow" "$T/elsewhere/x.yaml"
ln -s "$T/elsewhere" "$M/notes/sub"
run_eimon check -c "$M/monitor.yaml" --week $W
if grep -q "root_password_line" "$T/stderr"; then
	fail "a linked notes subfolder is not walked"
else
	ok "a linked notes subfolder is not walked"
fi
rm "$M/notes/sub"
mkfifo "$M/notes/fifo.yaml"
timeout 30 "$EIMON" check -c "$M/monitor.yaml" --week $W >/dev/null 2>"$T/stderr"
rc=$?
expect_rc "a FIFO note: exit 65, no hang" 65
expect_grep "the FIFO note is named" "fifo.yaml: not a regular file" "$T/stderr"
rm "$M/notes/fifo.yaml"
mkfifo "$M/editions/$W.yaml"
timeout 30 "$EIMON" build -c "$M/monitor.yaml" --week $W >/dev/null 2>"$T/stderr"
rc=$?
expect_rc "a FIFO edition file: exit 65, no hang" 65
rm "$M/editions/$W.yaml"
ln -s "$T/shadow" "$M/editions/$W.yaml"
run_eimon check -c "$M/monitor.yaml" --week $W
expect_rc "an edition file that is a symbolic link is bad data" 65
if grep -q "root_password_line" "$T/stderr"; then
	fail "the edition link's target is not echoed"
else
	ok "the edition link's target is not echoed"
fi
rm "$M/editions/$W.yaml"

# a FIFO named as the logo fails at once
M=$T/logo
conf "$M" "$BASE/nomis"
mkfifo "$T/logo.png"
echo "logo: $T/logo.png" >>"$M/monitor.yaml"
timeout 30 "$EIMON" build -c "$M/monitor.yaml" --week $W >/dev/null 2>"$T/stderr"
rc=$?
expect_rc "a FIFO as the logo: exit 66, no hang" 66

# ---- the cache folder: a cached body planted as a link is not read -------
M=$T/cachelink
conf "$M" "$BASE/nomis"
run_eimon build -c "$M/monitor.yaml" --week $W
expect_rc "a build fills the cache" 0
rm "$M/cache/cc.body"
ln -s "$T/shadow" "$M/cache/cc.body"
run_eimon build -c "$M/monitor.yaml" --week 2026-W46 --offline
expect_rc "a cached body that is a link: no usable copy (69)" 69
expect_grep "the link is named" "cc.body: is a symbolic link" "$T/stderr"
if grep -q "root_password_line" "$T/stderr" "$M/out/latest/figures.csv"; then
	fail "the link's target is not read"
else
	ok "the link's target is not read"
fi

# ---- 9. latest a real folder: refused before publishing ------------------
M=$T/latest
conf "$M" "$BASE/nomis"
mkdir -p "$M/out/latest"
run_eimon build -c "$M/monitor.yaml" --week $W
expect_rc "out/latest a real folder: exit 73" 73
if [ -e "$M/out/$W" ]; then fail "nothing published when exiting 73"; else
	ok "nothing published when exiting 73"; fi
rmdir "$M/out/latest"

# ---- 10. a planted .WEEK.old.N link is not moved into place --------------
mkdir -p "$T/evil"
echo '{}' >"$T/evil/manifest.json"
ln -s "$T/evil" "$M/out/.$W.old.4242"
run_eimon build -c "$M/monitor.yaml" --week $W
expect_rc "a planted .old link: the build succeeds" 0
if [ -L "$M/out/$W" ] || [ ! -f "$M/out/$W/monitor.pdf" ]; then
	fail "the week's folder is ours, not the planted link"
else
	ok "the week's folder is ours, not the planted link"
fi
if [ -e "$M/out/.$W.old.4242" ] || [ ! -f "$T/evil/manifest.json" ]; then
	fail "the link is removed, its target untouched"
else
	ok "the link is removed, its target untouched"
fi

# ---- 12. --week strictly YYYY-Www, not far ahead; latest not in the future
for w in 2026-w47 " 2026-W47" "2026-W47 " 2026-W470 2062-W47 9999-W52; do
	run_eimon build -c "$M/monitor.yaml" --week "$w"
	expect_rc "--week '$w' is a usage error" 64
done
nl='
'
run_eimon build -c "$M/monitor.yaml" --week "2026-W47$nl"
expect_rc "--week with a trailing newline is a usage error" 64
mkdir -p "$M/out/2062-W47"
cp "$M/out/$W/manifest.json" "$M/out/2062-W47/"
run_eimon build -c "$M/monitor.yaml" --week 2026-W46
expect_rc "a build beside a planted far-future edition" 0
if [ "$(readlink "$M/out/latest")" = "$W" ]; then
	ok "latest is $W, not the future 2062-W47"
else
	fail "latest is $W, not the future 2062-W47 (it is $(readlink "$M/out/latest"))"
fi
cat >>"$M/monitor.yaml" <<'YAML'
max_weeks_ahead: 2000
YAML
run_eimon build -c "$M/monitor.yaml" --week 2062-W47
expect_rc "max_weeks_ahead widens the margin" 0
if [ "$(readlink "$M/out/latest")" = "$W" ]; then
	ok "a future edition built on purpose does not take latest"
else
	fail "a future edition built on purpose does not take latest"
fi

# ---- 6. a bad fresh body keeps the last good copy -------------------------
M=$T/dup
conf "$M" "$BASE/nomisdup/a"
run_eimon build -c "$M/monitor.yaml" --week $W
expect_rc "first build caches a good body" 0
cp "$M/cache/cc.body" "$T/good.body"
run_eimon build -c "$M/monitor.yaml" --week 2026-W46
expect_rc "a body repeating every row: the last good copy stands in" 0
expect_grep "the repeated rows are named" "two observations for" "$T/stderr"
expect_same "the cache still holds the good body" "$T/good.body" "$M/cache/cc.body"
run_eimon build -c "$M/monitor.yaml" --week 2026-W45 --offline
expect_rc "and an offline build after it" 0

# ---- 5. a cached body over 64 MiB reads back (streamed) ------------------
# (not under valgrind: hashing and reading 70 MB there takes minutes)
if [ -z "${EIMON_WRAP:-}" ]; then
	M=$T/bigcache
	conf "$M" "$BASE/nomis"
	mkdir -p "$M/cache"
	python3 - "$M/cache/cc.body" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write('"DATE","GEOGRAPHY_CODE","OBS_VALUE"\n')
    for m in range(1, 6):
        f.write('"2026-%02d","E08000025",%d\n' % (m, 100 + m))
    row = '"2026-01","E01%06d",1\n'
    f.write("".join(row % (i % 999999) for i in range(3000000)))
PY
	bytes=$(wc -c <"$M/cache/cc.body")
	sha=$(sha256sum "$M/cache/cc.body" | cut -d' ' -f1)
	cat >"$M/cache/cc.meta.json" <<JSON
{"url": "$BASE/nomis", "fetched_at": "2026-11-20T10:00:00Z", "etag": null,
 "last_modified": null, "sha256": "$sha", "bytes": $bytes}
JSON
	if [ "$bytes" -gt 67108864 ]; then ok "the cached body is over 64 MiB ($bytes bytes)"; else
		fail "the cached body is over 64 MiB ($bytes bytes)"; fi
	run_eimon build -c "$M/monitor.yaml" --week $W --offline
	expect_rc "an offline build reads a cached body over 64 MiB" 0
	expect_grep "its figures are there" "^cc,E08000025,latest,2026-05,105" "$M/out/$W/figures.csv"
fi

# ---- the cache warning names what failed ----------------------------------
M=$T/nocache
conf "$M" "$BASE/nomis"
sed -i 's|^cache_dir: cache|cache_dir: monitor.yaml/cache|' "$M/monitor.yaml"
run_eimon build -c "$M/monitor.yaml" --week $W
expect_rc "an unusable cache folder is a warning" 0
expect_grep "the cache warning says why" "cannot update the cache: .*monitor.yaml/cache" "$T/stderr"
if grep -q "cache: : " "$T/stderr"; then fail "no empty field in the warning"; else
	ok "no empty field in the warning"; fi

# ---- 8. paging and Retry-After within the feed's deadline -----------------
M=$T/slow
conf "$M" "$BASE/nomisslow?x=1" "    deadline_s: 2"
run_eimon build -c "$M/monitor.yaml" --week $W
expect_rc "a million one-row pages: the deadline stops it (69)" 69
expect_grep "the deadline is the reason" "deadline.* reached" "$T/stderr"
n=$(count /nomisslow)
if [ "$n" -lt 200 ]; then ok "paging stopped early ($n requests)"; else
	fail "paging stopped early ($n requests)"; fi

M=$T/ra
conf "$M" "$BASE/retryafter/a" "    deadline_s: 60"
run_eimon build -c "$M/monitor.yaml" --week $W
expect_rc "503 with Retry-After past the deadline: 69" 69
expect_grep "Retry-After is named" "retry after 3600 s" "$T/stderr"
if [ "$(count /retryafter/a)" = 1 ]; then ok "one request only"; else
	fail "one request only ($(count /retryafter/a))"; fi
conf "$M" "$BASE/retryafter1/a" "    deadline_s: 60"
run_eimon build -c "$M/monitor.yaml" --week $W
expect_rc "Retry-After: 1 is honoured, then the body comes" 0
if [ "$(count /retryafter1/a)" = 2 ]; then ok "two requests"; else
	fail "two requests ($(count /retryafter1/a))"; fi

done_testing
